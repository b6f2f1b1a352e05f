# Helpers for the heal-analyze bats suites (tests/cli/2NN-analyze-*.bats).
load 'helpers/bats-libs'

# Debian's python3 (a version manager's shim in front of it takes 150 ms a
# start)
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3

setup() {
	T=$(mktemp -d)
	cd "$T" || exit 1
	PATH="$HEAL_SRC/tests:$PATH"
	export LC_ALL=C.UTF-8 LANG=C.UTF-8 NO_COLOR=1 PYTHONDONTWRITEBYTECODE=1
}

teardown() {
	cd /
	rm -rf "$T"
}

# diagnose TOOL SUBSTRING CMD...: run CMD (it must fail), turn its real
# output into an error record in $rec, analyze it into $out.
diagnose() {
	local tool=$1 sub=$2
	shift 2
	if "$@" >"$T/.out" 2>&1; then
		echo "command unexpectedly succeeded: $*" >&2
		return 1
	fi
	rec=$(heal-mkrecord "$tool" "$sub" <"$T/.out") || { cat "$T/.out" >&2; return 1; }
	out=$(printf '%s\n' "$rec" | heal-analyze) || return 1
}

# detected SUBSTRING CMD...: as diagnose, but the record is heal-detect's own:
# the first one whose message, detail or raw text holds SUBSTRING.
detected() {
	local sub=$1
	shift
	if "$@" >"$T/.out" 2>&1; then
		echo "command unexpectedly succeeded: $*" >&2
		return 1
	fi
	rec=$(heal-detect <"$T/.out" | "$PY" -S -c 'import json,sys
for l in sys.stdin:
    r=json.loads(l)
    if any(sys.argv[1] in (r.get(k) or "") for k in ("message","detail","raw")):
        print(l.rstrip("\n")); break
else: sys.exit(1)' "$sub") || { cat "$T/.out" >&2; return 1; }
	out=$(printf '%s\n' "$rec" | heal-analyze) || return 1
}

# fix_get EXPR: a Python expression on the analyzed record r (e.g. r["fixes"][0]["edits"][0]["text"]).
fix_get() {
	printf '%s\n' "$out" | "$PY" -S -c 'import json,sys; r=json.loads(sys.stdin.readline()); v=eval(sys.argv[1]); print(v if isinstance(v,str) else json.dumps(v, ensure_ascii=False))' "$1"
}

# The first fix's first edit as "FILE START END TEXT" (text JSON-quoted).
first_edit() {
	fix_get '" ".join([r["fixes"][0]["edits"][0]["file"], str(r["fixes"][0]["edits"][0]["start"]), str(r["fixes"][0]["edits"][0]["end"]), json.dumps(r["fixes"][0]["edits"][0]["text"])])'
}

apply_fix() {
	printf '%s\n' "$out" | heal-apply-fix "$@"
}

# left_alone FILE CMD...: heal fails on CMD and FILE is unchanged, its
# mode included (heal's own output goes to the test's temp dir, never into
# the project, where it would stand in for .heal)
left_alone() {
	local f=$1
	shift
	cp -p "$f" "$BATS_TEST_TMPDIR/orig"
	if heal --yes --no-wait -- "$@" >"$BATS_TEST_TMPDIR/heal.out" 2>&1; then
		cat "$BATS_TEST_TMPDIR/heal.out"
		return 1
	fi
	cmp "$BATS_TEST_TMPDIR/orig" "$f"
	[ "$(stat -c %a "$f")" = "$(stat -c %a "$BATS_TEST_TMPDIR/orig")" ]
}

# heals_to WANT FILE CMD...: heal heals CMD (exit 0) and FILE is then
# byte-identical to WANT
heals_to() {
	local want=$1 f=$2
	shift 2
	run heal --yes --no-wait -- "$@"
	assert_success
	cmp "$want" "$f"
}
