#!/usr/bin/env bats
# HOSTILE.md 1, 2, 3, 4, 7 for heal-analyze: any path a record names is
# read only beneath the root, whatever the record says.
bats_require_minimum_version 1.5.0
load helpers/hostile

# rec FILE [EXTRA-JSON]: an undeclared-name error about FILE (raw JSON string)
rec() {
	printf '{"v":1,"kind":"error","tool":"gcc","env":"c","severity":"error","category":"name","file":%s,"line":1,"column":1,"message":"'"'"'x'"'"' undeclared (first use in this function); did you mean '"'"'y'"'"'?","hint":"y"%s}\n' "$1" "${2:-}"
}

@test "1, 2, 4: records naming paths outside the root (relative, absolute, through symlinks): never opened" {
	printf 'x\n' >src/a.c
	mkdir ../outside && printf 'x\n' >../outside/o.c && ln -s ../outside cfg && ln -s ../canary link.c
	{
		rec '"../canary"'
		rec "\"$T/canary\""
		rec '"src/../../canary"'
		rec '"cfg/o.c"'
		rec '"link.c"'
		rec "\"/proc/self/root$T/canary\""
		rec '"../canary"' ',"outside_root":false'
		rec '"src/a.c"'
	} >in
	run --separate-stderr traced trace heal-analyze in
	assert_success
	printf '%s\n' "$output" >out
	json_ok out
	[ "$(wc -l <out)" -eq 8 ]
	no_open trace canary
	no_open trace outside
	no_open trace cfg/o.c
	no_open trace link.c
	# the record inside the root was analysed with its source
	tail -n 1 out | grep -q '"rule":"c.'
	HEAL_NO_OPENAT2=1 run --separate-stderr traced trace2 heal-analyze in
	assert_success
	no_open trace2 canary
	no_open trace2 cfg/o.c
	no_open trace2 link.c
	rm -r ../outside
	canary_intact
}

@test "3: an absolute path inside the root is the same file as the relative one" {
	printf 'int y;\nint f(void) { return x; }\n' >src/a.c
	rec '"src/a.c"' | sed 's/"line":1,"column":1/"line":2,"column":22/' | heal-analyze >rel
	rec "\"$P/src/a.c\"" | sed 's/"line":1,"column":1/"line":2,"column":22/' | heal-analyze >abs
	"$PY" - <<'PY'
import json
a, b = json.load(open('rel')), json.load(open('abs'))
ea = [e for f in a['fixes'] for e in f.get('edits', [])]
eb = [e for f in b['fixes'] for e in f.get('edits', [])]
assert ea and [e['file'] for e in ea] == [e['file'] for e in eb] == ['src/a.c'] * len(ea), (ea, eb)
PY
	[ ! -e "$P/${P#/}" ]
}

@test "7: NUL and control characters in a record's path: refused or escaped, never opened" {
	printf 'x\n' >src/a
	{
		rec '"src/a\u0000b.c"'
		rec '"src/a\u001b[2J.c"'
		rec '"src/a\n.c"'
		rec '"src/a.c"'
	} >in
	run --separate-stderr traced trace heal-analyze --keep-going in
	sane_exit
	[ "$status" -le 3 ]
	no_open trace '"src/a"'
	[[ "$stderr" != *$'\033'* ]]
	# the good record still went through
	[[ "$output" == *'"file":"src/a.c"'* ]]
	canary_intact
}
