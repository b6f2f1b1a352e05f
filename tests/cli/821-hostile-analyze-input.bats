#!/usr/bin/env bats
# HOSTILE.md 8, 9, 10, 11, 12, 13, 24 for heal-analyze: any record, any
# size, any depth; a closed pipe, a full disk.
bats_require_minimum_version 1.5.0
load helpers/hostile

usage() { tail -n 1 "$1"; }
below() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }' || { echo "$1 is not below $2"; return 1; }; }
good() { printf '{"v":1,"kind":"error","tool":"gcc","message":"%s"}\n' "${1:-m}"; }

@test "10: JSON nested 10^5 and 10^6 deep: rejected at the caps, no crash; --keep-going goes on" {
	"$PY" -c "print('['*10**5+']'*10**5)" >deep
	good >>deep
	run --separate-stderr heal-analyze deep
	assert_failure 3
	[[ "$stderr" == *"deep:1: "*"nesting deeper than 64 levels"* ]]
	# reported and skipped; the status still says some input was bad
	run --separate-stderr heal-analyze --keep-going deep
	assert_failure 3
	[ "${#lines[@]}" -eq 1 ]
	"$PY" -c "print('{\"a\":'*10**6+'1'+'}'*10**6)" >deeper
	run --separate-stderr heal-analyze deeper
	assert_failure 3
	[[ "$stderr" == *"deeper:1: record line longer than"* ]]
}

@test "11: a 100 MB (HEAL_HOSTILE_BIG) record is rejected at the line cap with flat memory; the next record is processed" {
	run --separate-stderr bash -c '{ printf "{\"v\":1,\"kind\":\"error\",\"tool\":\"gcc\",\"message\":\""; head -c ${HEAL_HOSTILE_BIG:-100M} /dev/zero | tr "\0" m; printf "\"}\n"; printf "{\"v\":1,\"kind\":\"error\",\"tool\":\"gcc\",\"message\":\"after\"}\n"; } |
		/usr/bin/time -f "%M %U" -o mem heal-analyze --keep-going'
	assert_failure 3
	[ "${#lines[@]}" -eq 1 ]
	[[ "$output" == *'"message":"after"'* ]]
	[[ "$stderr" == *"<stdin>:1: record line longer than 1048576 bytes"* ]]
	read -r kb cpu <<<"$(usage mem)"
	below "$kb" 102400
}

@test "11: many tiny records (HEAL_HOSTILE_RECORDS) pass through in bounded time and memory" {
	N=${HEAL_HOSTILE_RECORDS:-200000}   # 1000000 for the full class
	"$PY" -c "import sys; sys.stdout.write('{\"v\":1,\"kind\":\"fix\",\"error_id\":\"ab\",\"status\":\"applied\"}\n'*$N + '{\"v\":1,\"kind\":\"error\",\"tool\":\"gcc\",\"message\":\"m\"}\n'*50000)" >tiny
	run --separate-stderr bash -c '/usr/bin/time -f "%M %U" -o mem heal-analyze tiny >out'
	assert_success
	[ "$(wc -l <out)" -eq $((N + 50000)) ]
	read -r kb cpu <<<"$(usage mem)"
	below "$cpu" 120
	grep -q __asan_init "$(command -v heal-analyze)" || below "$kb" 65536
}

@test "8, 9: invalid UTF-8 is rejected per record; CRLF records are read; the output is valid UTF-8" {
	{
		printf '{"v":1,"kind":"error","tool":"gcc","message":"\xff\xfe"}\n'
		printf '{"v":1,"kind":"error","tool":"gcc","message":"\xc0\xaf"}\n'
		printf '{"v":1,"kind":"error","tool":"gcc","message":"\xed\xa0\x80"}\n'
		printf '{"v":1,"kind":"error","tool":"gcc","message":"crlf"}\r\n'
		printf '{"v":1,"kind":"error","tool":"gcc","file":"src/a.c\\r","line":1,"message":"cr in path"}\n'
		printf '{"v":1,"kind":"error","tool":"gcc","message":"\\u001b[2J \\u0000 \\ud800"}\n'
		good last
	} >in
	run --separate-stderr heal-analyze --keep-going in
	sane_exit
	printf '%s\n' "$output" >out
	json_ok out
	[[ "$output" == *'"message":"crlf"'* ]]
	[[ "$output" == *'"message":"last"'* ]]
	# bytes that are not UTF-8 at all are bad input; overlong forms and
	# encoded surrogates become U+FFFD; a \r in a path is refused
	[[ "$stderr" == *"in:1: "*"invalid bytes in UTF8"* ]]
	[[ "$stderr" == *"in:5: field 'file' must be a path"* ]]
	[ "${#stderr_lines[@]}" -eq 2 ]
	[[ "$stderr" != *$'\033'* ]]
	run --separate-stderr heal-analyze in
	assert_failure 3
}

@test "12, 13: shell metacharacters and options in a captured module name: no command fix built from them" {
	for name in 'foo; rm -rf ~' '--index-url=http://127.0.0.1:9/' '$(touch pwned)' 'a`id`' 'x|y' '-e .' 'git+https://e.invalid/x' '../../x' 'pkg @ file:///etc'; do
		printf 'Traceback (most recent call last):\n  File "m.py", line 1, in <module>\n    import x\nModuleNotFoundError: No module named %s\n' "'$name'"
	done >log
	heal-detect log >rec || true
	[ "$(wc -l <rec)" -ge 9 ]
	run --separate-stderr heal-analyze rec
	assert_success
	printf '%s\n' "$output" >out
	"$PY" - <<'PY'
import json
for r in map(json.loads, open('out')):
    for f in r.get('fixes', []):
        cmd = f.get('command') or []
        for a in cmd:
            assert not any(c in a for c in ';|`$&<>') and not a.startswith('-e') and '://' not in a, f
PY
	[ ! -e pwned ]
	canary_intact
}

@test "24: a closed pipe ends heal-analyze quietly; a full disk is exit 4 with one message" {
	"$PY" -c "import sys; sys.stdout.write('{\"v\":1,\"kind\":\"error\",\"tool\":\"gcc\",\"message\":\"m\"}\n'*20000)" >many
	run --separate-stderr bash -c 'heal-analyze many | head -n 1 >/dev/null; exit ${PIPESTATUS[0]}'
	[ "$status" -eq 0 ] || [ "$status" -eq 141 ]
	[ -z "$stderr" ]
	run --separate-stderr bash -c 'heal-analyze many >/dev/full'
	assert_failure 4
	[ "${#stderr_lines[@]}" -eq 1 ]
	[[ "$stderr" == "heal-analyze: cannot write "*"output: No space left on device" ]]
	good | { run --separate-stderr bash -c 'heal-analyze >/dev/full'; }
	run --separate-stderr bash -c 'printf "{\"v\":1,\"kind\":\"error\",\"tool\":\"gcc\",\"message\":\"m\"}\n" | heal-analyze >/dev/full'
	assert_failure 4
}

@test "17: write failing with EIO on standard output: exit 4, no crash" {
	command -v strace >/dev/null || skip "strace missing"
	"$PY" -c "import sys; sys.stdout.write('{\"v\":1,\"kind\":\"error\",\"tool\":\"gcc\",\"message\":\"m\"}\n'*20000)" >many
	for n in 1 3; do
		run --separate-stderr env ASAN_OPTIONS=detect_leaks=0 strace -f -qq -o /dev/null \
			-e trace=write -e inject=write:error=EIO:when=$n heal-analyze many
		assert_failure 4
		[[ "$stderr" == *"Input/output error"* ]]
	done
}
