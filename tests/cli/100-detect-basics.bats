#!/usr/bin/env bats
# heal-detect: options, exit status, inputs (files, compressed, archives,
# --follow), hostile bytes, user patterns and GitHub problem matchers.

load 'helpers/detect'

setup() {
	T=$(mktemp -d)
	printf 'src/a.c:3:5: error: expected ‘;’ before ‘}’ token\n' >"$T/err.log"
}

teardown() {
	[ -z "${FPID:-}" ] || kill "$FPID" 2>/dev/null || true
	rm -rf "$T"
}

# heal-detect --follow on an empty $T/live.log, records to $T/rec.json
follow_start() {
	: >"$T/live.log"
	heal-detect --follow "$T/live.log" --idle-ms 200 >"$T/rec.json" &
	FPID=$!
	sleep 0.5
}

follow_stop() {
	kill "$FPID"
	wait "$FPID" || true
	FPID=
}

@test "--help and --version" {
	run heal-detect --help
	assert_success
	assert_output --partial 'usage: heal-detect'
	assert_output --partial 'Exit status:'
	run heal-detect --version
	assert_success
	assert_output --partial 'heal-detect (heal)'
}

@test "usage errors exit 2" {
	run heal-detect --bogus
	assert_failure 2
	run heal-detect --format xml
	assert_failure 2
	run heal-detect --command 'make -C src'
	assert_failure 2
	assert_output --partial 'JSON array of strings'
	run heal-detect --command '["make", 3]'
	assert_failure 2
}

@test "exit 1 with errors, 0 on a clean log; -q prints nothing" {
	run heal-detect "$T/err.log"
	assert_failure 1
	printf 'all good\n0 errors\n' >"$T/ok.log"
	run heal-detect "$T/ok.log"
	assert_success
	assert_output ''
	run heal-detect -q "$T/err.log"
	assert_failure 1
	assert_output ''
	run sh -c "heal-detect -q <'$T/ok.log'"
	assert_success
}

@test "a missing input file is an I/O error (4)" {
	run heal-detect "$T/nope.log"
	assert_failure 4
	assert_output --partial "cannot open '$T/nope.log'"
}

@test "--command is stamped on every record" {
	heal-detect --command '["make","-C","src"]' <"$T/err.log" >"$T/rec.json" || true
	run $PY -S -c 'import json,sys; r=json.loads(open(sys.argv[1]).readline()); assert r["command"]==["make","-C","src"], r' "$T/rec.json"
	assert_success
}

@test "--format text: a compiler-like listing" {
	run heal-detect --format text "$T/err.log"
	assert_failure 1
	assert_output 'src/a.c:3:5: error: expected ‘;’ before ‘}’ token (gcc)'
}

@test "source names the input" {
	heal-detect "$T/err.log" >"$T/rec.json" || true
	rec_check "$T/rec.json" 0 "source=$T/err.log"
	heal-detect <"$T/err.log" >"$T/rec.json" || true
	rec_check "$T/rec.json" 0 "source=<stdin>"
}

@test "compressed inputs: gzip, xz, zstd, bzip2" {
	for z in gzip xz zstd bzip2; do
		command -v $z >/dev/null || continue
		$z -c "$T/err.log" >"$T/err.log.z"
		heal-detect "$T/err.log.z" >"$T/rec.json" || true
		rec_check "$T/rec.json" 0 file=src/a.c line=3 column=5 "source=$T/err.log.z"
		heal-detect <"$T/err.log.z" >"$T/rec.json" || true
		rec_check "$T/rec.json" 0 file=src/a.c line=3
	done
}

@test "archives: tar.gz and zip members are named in source" {
	mkdir -p "$T/logs/build"
	cp "$T/err.log" "$T/logs/build/step3.log"
	printf 'x.py:1: nothing\n' >"$T/logs/ok.log"
	(cd "$T/logs" && tar czf ../logs.tar.gz build ok.log)
	(cd "$T" && heal-detect logs.tar.gz >rec.json) || true
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 file=src/a.c "source=logs.tar.gz:build/step3.log"
	if command -v zip >/dev/null; then
		(cd "$T/logs" && zip -qr ../logs.zip build)
		(cd "$T" && heal-detect logs.zip >rec.json) || true
		rec_check "$T/rec.json" 0 file=src/a.c "source=logs.zip:build/step3.log"
	fi
}

@test "hostile bytes: NUL, invalid UTF-8, binary garbage give valid JSON" {
	{
		head -c 20000 /dev/urandom
		printf '\nsrc/b\0.c:1:1: error: x\n'
		printf 'src/c.c:2:1: error: bad \xff\xfe \xc0\xaf bytes\n'
		head -c 20000 /dev/urandom
		printf '\n'
	} >"$T/bad.log"
	run heal-detect "$T/bad.log"
	[ "$status" -le 1 ]
	heal-detect "$T/bad.log" >"$T/rec.json" || true
	all_valid "$T/rec.json"
	grep -q '"file":"src/c.c"' "$T/rec.json"
	run grep -c 'src/b' "$T/rec.json"
	[ "$output" -eq 0 ] || ! grep -q '"file":"src/b' "$T/rec.json"
}

@test "a line of several MB is truncated for matching, the record says so" {
	$PY -c 'import sys; sys.stdout.write("big.c:1:1: error: " + "x"*5000000 + "\nok\n")' >"$T/long.log"
	heal-detect "$T/long.log" >"$T/rec.json" || true
	rec_check "$T/rec.json" 0 file=big.c truncated=true
	all_valid "$T/rec.json"
	$PY -c 'import sys; sys.stdout.write("a"*3000000)' | heal-detect >"$T/rec.json"
}

@test "CRLF and colour codes" {
	printf '\033[01m\033[Ksrc/a.c:3:5:\033[m\033[K \033[01;31m\033[Kerror: \033[m\033[Kboom\r\n' >"$T/c.log"
	heal-detect "$T/c.log" >"$T/rec.json" || true
	rec_check "$T/rec.json" 0 file=src/a.c line=3 column=5 message=boom
	run grep -c '\\u001b\|\\r' "$T/rec.json"
	[ "$output" -eq 0 ]
}

@test "paths: --root, absolute inside is relative (same id), outside is marked" {
	mkdir -p "$T/proj/src"
	printf 'int x\n' >"$T/proj/src/a.c"
	printf '%s/proj/src/a.c:1:6: error: boom\nsrc/a.c:1:6: error: boom\n../../etc/passwd:1:1: error: x\n/etc/hosts:3:1: error: y\n' "$T" >"$T/p.log"
	heal-detect --root "$T/proj" "$T/p.log" >"$T/rec.json" || true
	[ "$(rec_count "$T/rec.json")" -eq 3 ]
	rec_check "$T/rec.json" 0 file=src/a.c count=2
	rec_check "$T/rec.json" 1 file=../../etc/passwd outside_root=true
	rec_check "$T/rec.json" 2 file=/etc/hosts outside_root=true
}

@test "the same error under another absolute prefix keeps its id" {
	mkdir -p "$T/one" "$T/two"
	printf 'Traceback (most recent call last):\n  File "%s/one/m.py", line 2, in <module>\n    x()\nNameError: name '"'x'"' is not defined\n' "$T" >"$T/one.log"
	sed "s#$T/one#$T/two#" "$T/one.log" >"$T/two.log"
	a=$(cd "$T/one" && heal-detect ../one.log | $PY -S -c 'import json,sys; print(json.loads(sys.stdin.readline())["id"])')
	b=$(cd "$T/two" && heal-detect ../two.log | $PY -S -c 'import json,sys; print(json.loads(sys.stdin.readline())["id"])')
	[ "$a" = "$b" ]
}

@test "a closed pipe ends quietly" {
	for i in $(seq 1 3000); do printf 'f%d.c:1:1: error: e%d\n' "$i" "$i"; done >"$T/many.log"
	run sh -c "heal-detect '$T/many.log' | head -n 1"
	assert_success
	refute_output --partial 'heal-detect:'
}

@test "--tool restricts the patterns" {
	printf 'x.sh: line 3: foo: command not found\nsrc/a.c:1:1: error: y\n' >"$T/two.log"
	heal-detect --tool bash "$T/two.log" >"$T/rec.json" || true
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=bash
	run heal-detect --tool nosuchtool "$T/two.log"
	assert_failure 2
}

@test "--matcher loads a GitHub Actions problem matcher as it is" {
	cat >"$T/eslint.json" <<'JSON'
{
  "problemMatcher": [
    {
      "owner": "eslint-compact",
      "pattern": [
        {
          "regexp": "^(.+):\\sline\\s(\\d+),\\scol\\s(\\d+),\\s(Error|Warning|Info)\\s-\\s(.+)\\s\\((.+)\\)$",
          "file": 1, "line": 2, "column": 3, "severity": 4, "message": 5, "code": 6
        }
      ]
    },
    {
      "owner": "stylish",
      "pattern": [
        { "regexp": "^([^\\s].*)$", "file": 1 },
        { "regexp": "^\\s+(\\d+):(\\d+)\\s+(error|warning|info)\\s+(.*)\\s\\s+(.*)$",
          "line": 1, "column": 2, "severity": 3, "message": 4, "code": 5, "loop": true }
      ]
    }
  ]
}
JSON
	printf 'web/app.js: line 4, col 9, Error - Unexpected var (no-var)\n' >"$T/e.log"
	heal-detect --no-default-patterns --matcher "$T/eslint.json" "$T/e.log" >"$T/rec.json" || true
	rec_check "$T/rec.json" 0 tool=eslint-compact file=web/app.js line=4 column=9 severity=error \
		code=no-var "message=Unexpected var"
	printf 'lib/x.js\n  1:10  error  Missing semicolon  semi\n  3:1   warning  Unused x  no-unused-vars\n' >"$T/s.log"
	heal-detect --no-default-patterns --matcher "$T/eslint.json" "$T/s.log" >"$T/rec.json" || true
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=stylish file=lib/x.js line=1 column=10 code=semi
	rec_check "$T/rec.json" 1 file=lib/x.js line=3 severity=warning code=no-unused-vars
}

@test "--matcher: a loop row's message wins over its head's; with no row the head is the record" {
	cat >"$T/list.json" <<'JSON'
{"problemMatcher": [{"owner": "list", "pattern": [
  {"regexp": "^deploy: (.*)$", "message": 1},
  {"regexp": "^\\s+\\* (.*)$", "message": 1, "loop": true, "optional": true}]}]}
JSON
	printf 'deploy: 2 errors occurred:\n  * bucket taken\n  * quota exceeded\ndone\n' >"$T/l.log"
	heal-detect --no-default-patterns --matcher "$T/list.json" "$T/l.log" >"$T/rec.json" || true
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=list "message=bucket taken"
	rec_check "$T/rec.json" 1 "message=quota exceeded"
	printf 'deploy: access denied\ndone\n' >"$T/l.log"
	heal-detect --no-default-patterns --matcher "$T/list.json" "$T/l.log" >"$T/rec.json" || true
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 "message=access denied"
}

@test "--patterns: a bad pattern file is a usage error naming the file and field" {
	printf '{"problemMatcher":[{"owner":"x","pattern":[{"regexp":"(unclosed"}]}]}' >"$T/bad.json"
	run heal-detect --patterns "$T/bad.json" "$T/err.log"
	assert_failure 2
	assert_output --partial "$T/bad.json: problemMatcher[0].pattern[0].regexp: bad regular expression"
	printf '{"problemMatcher":[{"owner":"x","pattern":[{"file":1}]}]}' >"$T/bad.json"
	run heal-detect --patterns "$T/bad.json" "$T/err.log"
	assert_failure 2
	assert_output --partial "regexp: missing"
	printf '{"problemMatcher":[{"owner":"x","unless_seen":"others","pattern":[{"regexp":"x"}]}]}' >"$T/bad.json"
	run heal-detect --patterns "$T/bad.json" "$T/err.log"
	assert_failure 2
	assert_output --partial 'unless_seen: must be true, false or "other"'
}

@test "--patterns DIR adds a directory of user patterns with literals" {
	mkdir "$T/pat"
	printf '{"heal":1,"tool":"mytool","env":"custom","problemMatcher":[{"owner":"m","literals":["OOPS"],"category":"runtime","pattern":[{"regexp":"^OOPS (?<file>\\\\S+):(?<line>\\\\d+) (?<message>.*)$"}]}]}' >"$T/pat/my.json"
	printf 'noise\nOOPS lib/q.c:7 it broke\n' >"$T/m.log"
	heal-detect --patterns "$T/pat" "$T/m.log" >"$T/rec.json" || true
	rec_check "$T/rec.json" 0 tool=mytool env=custom file=lib/q.c line=7 "message=it broke" category=runtime
}

@test "--follow: records as they complete, across truncation and rotation" {
	follow_start
	printf 'a.c:1:1: error: first\n' >>"$T/live.log"
	for i in $(seq 1 50); do grep -q first "$T/rec.json" 2>/dev/null && break; sleep 0.1; done
	grep -q '"message":"first"' "$T/rec.json"
	: >"$T/live.log"
	printf 'b.c:2:1: error: second\n' >>"$T/live.log"
	for i in $(seq 1 50); do grep -q second "$T/rec.json" 2>/dev/null && break; sleep 0.1; done
	grep -q '"message":"second"' "$T/rec.json"
	mv "$T/live.log" "$T/live.log.1"
	printf 'c.c:3:1: error: third\n' >"$T/live.log"
	for i in $(seq 1 50); do grep -q third "$T/rec.json" 2>/dev/null && break; sleep 0.1; done
	grep -q '"message":"third"' "$T/rec.json"
	follow_stop
	all_valid "$T/rec.json"
}

@test "--follow: a repeat is shown again under its id, counted" {
	follow_start
	printf 'a.c:1:1: error: twice\n' >>"$T/live.log"
	for i in $(seq 1 50); do [ "$(rec_count "$T/rec.json")" -ge 1 ] && break; sleep 0.1; done
	printf 'a.c:1:1: error: twice\nb.c:2:1: error: other\n' >>"$T/live.log"
	for i in $(seq 1 50); do [ "$(rec_count "$T/rec.json")" -ge 3 ] && break; sleep 0.1; done
	follow_stop
	all_valid "$T/rec.json"
	[ "$(rec_count "$T/rec.json")" -eq 3 ]
	rec_check "$T/rec.json" 0 message=twice count=1
	rec_check "$T/rec.json" 1 message=twice count=2
	rec_check "$T/rec.json" 2 message=other count=1
	id0=$($PY -S -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["id"])' "$T/rec.json")
	rec_check "$T/rec.json" 1 id="$id0"
}

@test "--matcher: a message index past the regexp's groups loads, as on GitHub" {
	cat >"$T/m.json" <<'JSON'
{"problemMatcher": [{"owner": "lint", "pattern": [
  {"regexp": "^(\\S+\\.c):(\\d+): (BAD .*)$", "file": 1, "line": 2, "message": 4}]}]}
JSON
	printf 'src/a.c:7: BAD thing\n' >"$T/e.log"
	run heal-detect --no-default-patterns --matcher "$T/m.json" "$T/e.log"
	[ "$status" -eq 1 ]
	echo "$output" >"$T/rec.json"
	rec_check "$T/rec.json" 0 tool=lint file=src/a.c line=7 "message=src/a.c:7: BAD thing"
}
