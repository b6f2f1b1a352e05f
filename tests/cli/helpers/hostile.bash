# Shared set-up for the hostile-input suites of heal-detect, heal-analyze
# and heal-log (tests/cli/81N, 82N, 83N-hostile-*.bats).
#   $T      a scratch directory; $P=$T/proj the project root (the cwd)
#   $T/canary  a file beside the project that nothing may touch
#   canary_intact   the canary is unchanged and nothing new appeared beside
#                   the project
#   traced OUT CMD...   run CMD under strace (open calls) into OUT; returns
#                   CMD's status (skip when strace is missing)
#   no_open OUT STR     no open call in trace OUT names a path holding STR
#                   and succeeded
#   rss_kb FILE CMD...  run CMD with /usr/bin/time; max RSS in KB to FILE
#   sane_exit       $status is a normal exit (no signal, below 128)
# Sizes are small by default so CI stays fast; for the full classes:
#   HEAL_HOSTILE_RECORDS=1000000  tiny records (default 200000)
#   HEAL_HOSTILE_BIG=1G           the huge record (default 100M)
#   HEAL_KILL_ITERATIONS=200      rounds of each SIGKILL loop (803, 831)
load 'helpers/bats-libs'
load helpers/as-user

PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3

# the project $P (with src/) beside a canary in a fresh $T
hostile_setup() {
	T=$(mktemp -d "${BATS_TMPDIR:-/tmp}/heal-hostile.XXXXXX")
	P=$T/proj
	mkdir -p "$P/src"
	chmod 0711 "$T"  # as_user's user reaches the project
	head -c 4096 /dev/urandom >"$T/canary"
	CANARY=$(sha256sum "$T/canary" | cut -d' ' -f1)
	cd "$P" || return 1
	unset HEAL_LOG_DIR HEAL_RUN HEAL_ENV
	export LC_ALL=C.UTF-8 NO_COLOR=1
}
setup() { hostile_setup; }

teardown() {
	cd / || return 1
	[ -n "${MNT:-}" ] && { umount "$MNT" 2>/dev/null; rmdir "$MNT"; }
	chmod -R u+w "$T" 2>/dev/null
	rm -rf "$T"
}

canary_intact() {
	[ "$(sha256sum "$T/canary" | cut -d' ' -f1)" = "$CANARY" ] || { echo "canary changed"; return 1; }
	[ "$(ls -A "$T")" = "$(printf 'canary\nproj')" ] || { echo "new files beside the project: $(ls -A "$T")"; return 1; }
}

traced() {
	local out=$1
	shift
	command -v strace >/dev/null || skip "strace missing"
	# LeakSanitizer cannot run under ptrace (the ASan build)
	ASAN_OPTIONS=detect_leaks=0 strace -f -qq -o "$out" \
		-e trace=open,openat,openat2,creat,truncate,rename,renameat,renameat2,unlink,unlinkat,mkdir,mkdirat "$@"
}

no_open() {
	local hits
	hits=$(grep -F -- "$2" "$1" | grep -vE '= -1 ' || true)
	[ -z "$hits" ] || { echo "opened: $hits"; return 1; }
}

rss_kb() {
	local f=$1
	shift
	/usr/bin/time -f %M -o "$f" "$@"
}

sane_exit() { [ "$status" -lt 128 ] || { echo "killed by a signal: $status"; return 1; }; }

# Every line of FILE is valid UTF-8 JSON (an object).
json_ok() {
	"$PY" -S - "$1" <<'PYEOF'
import json, sys
for n, l in enumerate(open(sys.argv[1], 'rb'), 1):
    assert isinstance(json.loads(l.decode('utf-8')), dict), n
PYEOF
}

# No raw control character (C0 but newline, DEL, C1) in FILE.
no_controls() {
	"$PY" -S - "$1" <<'PYEOF'
import sys
t = open(sys.argv[1], 'rb').read().decode('utf-8')
bad = [hex(ord(c)) for c in t if (ord(c) < 32 and c != '\n') or 0x7f <= ord(c) < 0xa0]
assert not bad, bad[:10]
PYEOF
}
