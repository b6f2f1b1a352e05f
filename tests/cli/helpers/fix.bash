# Shared set-up for the heal-fix bats suites.
load 'helpers/bats-libs'
load helpers/as-user

MKREC="$HEAL_SRC/tests/cli/helpers/mkrec.py"
# the system python starts faster than a version-manager shim
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3

fix_setup() {
	PROJ=$(mktemp -d "${BATS_TMPDIR:-/tmp}/heal-fix.XXXXXX")
	cd "$PROJ" || return 1
	export HEAL_LOCK_TIMEOUT=10
	unset HEAL_ENV
}

fix_teardown() {
	cd / || return 1
	[ -n "${PROJ:-}" ] && chmod -R u+w "$PROJ" 2>/dev/null
	[ -n "${PROJ:-}" ] && rm -rf "$PROJ"
}

mkrec() { "$PY" -S "$MKREC" "$@"; }

# field RECORD-LINE PYTHON-EXPR: print a value of the JSON record in $1
field() { "$PY" -S -c 'import json,sys; r=json.loads(sys.argv[1]); v=eval(sys.argv[2]); print(v if isinstance(v,str) else json.dumps(v))' "$1" "$2"; }

sha() { sha256sum "$1" | cut -d' ' -f1; }

# No temporary file of heal anywhere in the project.
no_temps() { [ -z "$(find "$PROJ" -name '.heal-tmp.*' -print -quit)" ]; }

# dead PID: the process is gone (or a zombie no one has reaped yet), within 3 s.
dead() {
	local i
	for i in $(seq 30); do
		[ -e "/proc/$1" ] || return 0
		[ "$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1)" = Z ] && return 0
		sleep 0.1
	done
	return 1
}

# old_or_new: every src/fN.c (N = 1..20) is byte-identical to its old or its
# new version (hashes in old.N and new.N); sets n_old to how many are old.
# One sha256sum and one awk: the kill tests call it every round.
old_or_new() {
	n_old=$(sha256sum src/f{1..20}.c | awk '
		{
			n = $2; sub(/^src\/f/, "", n); sub(/\.c$/, "", n)
			getline o <("old." n); getline w <("new." n)
			if ($1 == o) old++
			else if ($1 != w) { print $2 " torn" >"/dev/stderr"; bad = 1 }
		}
		END { print old + 0; exit bad }')
}

# twenty_files_fixed: src/f1.c .. f20.c of 400 KB each, edited by one
# heal-fix session "s" (its records in fixed.ndjson); hashes of each file's
# old and new version in old.N and new.N, the new contents in fixed.N, the
# backup set's hash in $set_sha
twenty_files_fixed() {
	local i args=
	mkdir src
	for i in $(seq 20); do
		head -c 300000 /dev/urandom | base64 >src/f$i.c
		sha src/f$i.c >old.$i
		args="$args --edit src/f$i.c 0 4 EDIT"
	done
	# shellcheck disable=SC2086
	mkrec $args >in
	heal-fix --session s <in >fixed.ndjson
	for i in $(seq 20); do sha src/f$i.c >new.$i; cp src/f$i.c fixed.$i; done
	set_sha=$(sha .heal/backups/s.tar.gz)
}
