#!/usr/bin/env bats
# HOSTILE.md 1, 2, 7, 8, 9, 10, 11 for heal-log: any record, any size, any
# control character in any report format; nothing outside the root.
bats_require_minimum_version 1.5.0
load helpers/hostile

usage() { tail -n 1 "$1"; }
below() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }' || { echo "$1 is not below $2"; return 1; }; }
asan_build() { grep -q __asan_init "$(command -v heal-log)"; }

hostile_rec() { # ID FILE-JSON
	printf '{"v":1,"kind":"error","id":"%s","tool":"gcc\\u001b[1m","severity":"error","file":%s,"line":1,"code":"-W\\u0007x","message":"x\\n::error file=evil::pwned %%0A \\u001b]0;title\\u0007 \\u009b2J \\r\\n::warning::y \\u202e","analysis":{"category":"name","root_cause":"\\u001b[2J","severity":5,"confidence":0.5,"rule":"r\\u001b"},"fixes":[{"id":"f\\u0000","description":"\\u001b[31m","confidence":0.5,"risk":"low","source":"rule","edits":[]}]}\n' "$1" "$2"
}

@test "control characters in every field never reach text, github, markdown or junit raw; JSON formats stay valid" {
	{
		hostile_rec 00000000000000a1 '"src/a\u009b.c"'
		hostile_rec 00000000000000a2 '"src/,::=%.c"'
		hostile_rec 00000000000000a3 null
		printf '{"v":1,"kind":"fix","error_id":"00000000000000a1","fix_id":"f","status":"failed","reason":"\\u001b[2Jgone\\r","error":%s}\n' "$(hostile_rec 00000000000000a1 '"src/b.c"')"
	} >in
	for fmt in text github markdown junit; do
		run --separate-stderr bash -c "heal-log --keep-going --no-log --format $fmt in >out.$fmt"
		sane_exit
		no_controls out.$fmt
	done
	# GitHub workflow commands: every line is one heal wrote, none injected
	run grep -vc '^::\(error\|warning\|notice\) ' out.github
	assert_output 0
	run --separate-stderr bash -c "heal-log --keep-going --no-log --format rdjsonl in >out.rdjsonl"
	sane_exit
	json_ok out.rdjsonl
	run --separate-stderr bash -c "heal-log --keep-going --no-log --format sarif in >out.sarif"
	sane_exit
	"$PY" -S -c 'import json,sys; json.loads(open(sys.argv[1], "rb").read().decode("utf-8"))' out.sarif
	# a C1 control in a path makes its record bad input (heal-records(5)):
	# reported with its line, escaped, and skipped
	run --separate-stderr heal-log --no-log in
	assert_failure 3
	[[ "$stderr" == "heal-log: in:1: "* ]]
	no_controls <(printf '%s\n' "$stderr")
	heal-log --keep-going in >/dev/null || true
	json_ok .heal/changelog.ndjson
	run --separate-stderr heal-log --stats
	no_controls <(printf '%s\n' "$output")
	canary_intact
}

@test "a changelog whose times, runs and rules hold control characters: --stats and --health text stay clean" {
	mkdir -p .heal
	for t in '2026-11-22T14:13:13\u007f' '2026-11-22T14:13:13\u001b[2J' '\u009b31m' '2026-11-22T14:13:13Z'; do
		printf '{"v":1,"kind":"event","event":"error_detected","time":"%s","incident":"00000000000000aa","run":"r\\u0007%s","from":"error","environment":"c\\u001b","rule":"x\\u007f","severity":"error"}\n' "$t" "${#t}"
	done >.heal/changelog.ndjson
	json_ok .heal/changelog.ndjson
	for opt in --stats --health; do
		run --separate-stderr heal-log $opt
		sane_exit
		no_controls <(printf '%s\n' "$output")
		run --separate-stderr heal-log $opt --json
		printf '%s\n' "$output" >out.json
		json_ok out.json
	done
	# the one valid time is the one shown
	run heal-log --health
	assert_output --partial '2026-11-22T14:13:13Z'
}

@test "1, 2: records naming paths outside the root: heal-log opens none of them" {
	{
		hostile_rec 00000000000000b1 '"../canary"'
		hostile_rec 00000000000000b2 "\"$T/canary\""
		hostile_rec 00000000000000b3 '"src/../../canary"'
	} >in
	run --separate-stderr traced trace heal-log --format text in
	sane_exit
	no_open trace canary
	canary_intact
}

@test "4: a .heal or changelog symlinked out of the root is refused, the target untouched" {
	ln -s .. .heal
	hostile_rec 00000000000000c1 null >in
	run --separate-stderr heal-log in
	assert_failure 1
	[[ "$stderr" == "heal-log: refusing '.heal/"*"': it leads outside the project root" ]]
	rm .heal && mkdir .heal
	ln -s ../../canary .heal/changelog.ndjson
	run --separate-stderr heal-log in
	assert_failure 1
	[[ "$stderr" == "heal-log: refusing '.heal/changelog.ndjson': it leads outside the project root" ]]
	[ -L .heal/changelog.ndjson ]
	canary_intact
}

@test "10, 11: a record nested 10^5 deep and a 100 MB (HEAL_HOSTILE_BIG) record: rejected at the caps with flat memory; the rest is logged" {
	{
		"$PY" -c "print('['*10**5+']'*10**5)"
		hostile_rec 00000000000000d1 null
	} >deep
	# heal-log --keep-going reports, skips, logs the rest and exits 3 (heal-log(1))
	run --separate-stderr heal-log --keep-going deep
	assert_failure 3
	[[ "$stderr" == *"deep:1: "*"nesting deeper than 64 levels"* ]]
	[ "${#lines[@]}" -eq 1 ]
	run --separate-stderr bash -c '{ printf "{\"v\":1,\"kind\":\"error\",\"tool\":\"gcc\",\"message\":\""; head -c ${HEAL_HOSTILE_BIG:-100M} /dev/zero | tr "\0" m; printf "\"}\n"; printf "{\"v\":1,\"kind\":\"error\",\"tool\":\"gcc\",\"message\":\"after\"}\n"; } |
		/usr/bin/time -f "%M %U" -o mem heal-log --keep-going'
	assert_failure 3
	[[ "$stderr" == *"<stdin>:1: record line longer than 1048576 bytes"* ]]
	[[ "$output" == *'"message":"after"'* ]]
	read -r kb cpu <<<"$(usage mem)"
	below "$kb" 102400
	# nothing of the huge record reached the changelog
	below "$(stat -c %s .heal/changelog.ndjson)" 100000
	json_ok .heal/changelog.ndjson
}

@test "11: many tiny records (HEAL_HOSTILE_RECORDS) pass through; 20,000 logged: bounded time and memory, the changelog complete" {
	N=${HEAL_HOSTILE_RECORDS:-200000}   # 1000000 for the full class
	"$PY" -c "import sys; sys.stdout.write('{\"v\":1,\"kind\":\"fix\",\"error_id\":\"ab\",\"status\":\"applied\"}\n'*$N)" >tiny
	run --separate-stderr bash -c '/usr/bin/time -f "%M %U" -o mem heal-log --no-log tiny >out'
	assert_success
	[ "$(wc -l <out)" -eq "$N" ]
	read -r kb cpu <<<"$(usage mem)"
	below "$cpu" 120
	asan_build || below "$kb" 65536
	head -n 20000 tiny >some
	run --separate-stderr bash -c '/usr/bin/time -f "%M %U" -o mem heal-log some >out'
	assert_success
	[ "$(wc -l <.heal/changelog.ndjson)" -eq 20000 ]
	read -r kb cpu <<<"$(usage mem)"
	asan_build || below "$kb" 65536
	run --separate-stderr heal-log --stats --json
	assert_success
	assert_output --partial '"skipped_lines":0'
}

@test "8, 9: invalid UTF-8 and CRLF records: bad ones reported and skipped, the rest logged, the changelog valid" {
	{
		printf '{"v":1,"kind":"error","tool":"gcc","message":"\xff\xfe"}\n'
		printf '{"v":1,"kind":"error","tool":"gcc","message":"crlf"}\r\n'
		printf '{"v":1,"kind":"error","tool":"gcc","message":"\xc0\xaf \xed\xa0\x80"}\n'
		printf '\0\0\0\n'
		printf '{"v":1,"kind":"error","tool":"gcc","message":"last"}\n'
	} >in
	run --separate-stderr heal-log --keep-going in
	assert_failure 3
	[ "${#lines[@]}" -eq 3 ]
	[[ "$stderr" == *"in:1: "*"invalid bytes in UTF8"* && "$stderr" == *"in:4: "* ]]
	json_ok .heal/changelog.ndjson
	[ "$(wc -l <.heal/changelog.ndjson)" -eq 3 ]
	! grep -q $'\r' .heal/changelog.ndjson || false
}
