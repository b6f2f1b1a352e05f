#!/usr/bin/env bats
# heal-detect on real bash, sh and shellcheck output.

load 'helpers/detect'

setup() {
	T=$(mktemp -d)
	export LC_ALL=C.UTF-8 LANG=C.UTF-8
}

teardown() {
	rm -rf "$T"
}

@test "bash: every kind of 'script: line N:' error" {
	cat >"$T/s.sh" <<'SH'
#!/bin/bash
no_such_command_heal
cd /nonexistent-heal-dir
[ "a b" -gt 1 ]
x=${y.z}
SH
	detect_in "$T" bash s.sh
	rec_check "$T/rec.json" 0 tool=bash env=shell file=s.sh line=2 code=command-not-found category=name \
		"message=no_such_command_heal: command not found"
	rec_check "$T/rec.json" 1 file=s.sh line=3 category=resource "message~=No such file or directory"
	rec_check "$T/rec.json" 2 file=s.sh line=4 code=test-expression "message~=integer expression expected"
	rec_check "$T/rec.json" 3 file=s.sh line=5 code=bad-substitution "message~=bad substitution"
}

@test "bash: unbound variable and permission denied" {
	printf '#!/bin/bash\nset -u\necho "$UNSET_HEAL_VAR"\n' >"$T/u.sh"
	detect_in "$T" bash u.sh
	rec_check "$T/rec.json" 0 file=u.sh line=3 code=unbound-variable "message=UNSET_HEAL_VAR: unbound variable"
	printf 'echo hi\n' >"$T/helper.sh"
	chmod 644 "$T/helper.sh"
	printf '#!/bin/bash\n./helper.sh\n' >"$T/run.sh"
	detect_in "$T" bash run.sh
	rec_check "$T/rec.json" 0 file=run.sh line=2 code=permission-denied category=permission \
		"message=./helper.sh: Permission denied"
}

@test "bash -n: syntax error near unexpected token, one record" {
	printf '#!/bin/bash\nif true\n  echo x\nelse\n  echo y\nfi\n' >"$T/d.sh"
	detect_in "$T" bash -n d.sh
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=bash file=d.sh line=4 category=syntax \
		"message=syntax error near unexpected token \`else'"
}

@test "bash: unexpected end of file" {
	printf '#!/bin/bash\nif true; then\n  echo x\n' >"$T/e.sh"
	detect_in "$T" bash e.sh
	rec_check "$T/rec.json" 0 file=e.sh line=4 "message=syntax error: unexpected end of file"
}

@test "sh (dash): not found and syntax errors" {
	command -v dash >/dev/null || skip "no dash"
	printf 'no_such_cmd_heal\nif true; then\n' >"$T/p.sh"
	detect_in "$T" dash p.sh
	rec_check "$T/rec.json" 0 tool=sh file=p.sh line=1 code=command-not-found "message~=not found"
	rec_check "$T/rec.json" 1 tool=sh file=p.sh line=3 category=syntax "message~=Syntax error"
}

@test "sh (dash before 0.5.11): the script's name again after the line ('s.sh: 16: s.sh: Syntax error: ...')" {
	# dash 0.5.8-0.5.10 (Debian 9-10, Ubuntu 16.04-20.04) printed
	# "%s: %d: %s: " (arg0, line, the command's name) before its errors
	printf '%s\n' 'connect.sh: 16: connect.sh: Syntax error: "(" unexpected (expecting "fi")' \
		'./run.sh: 3: ./run.sh: kubectl: not found' >"$T/x.log"
	(cd "$T" && heal-detect <x.log >rec.json) || true
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=sh file=connect.sh line=16 category=syntax \
		'message=Syntax error: "(" unexpected (expecting "fi")'
	rec_check "$T/rec.json" 1 tool=sh file=run.sh line=3 code=command-not-found "message=kubectl: not found"
}

@test "shellcheck -f gcc" {
	command -v shellcheck >/dev/null || skip "no shellcheck"
	printf '#!/bin/sh\nfor f in $(ls *.log); do\n  gzip "$f"\ndone\n' >"$T/c.sh"
	detect_in "$T" shellcheck -f gcc c.sh
	rec_check "$T/rec.json" 0 tool=shellcheck env=shell file=c.sh line=2 column=10 severity=error \
		code=SC2045 "message=Iterating over ls output is fragile. Use globs."
	rec_check "$T/rec.json" 1 file=c.sh line=2 column=15 severity=note code=SC2035
}

@test "shellcheck -f gcc as GitHub's web log shows an action's annotations ('Notice: ', 'Warning: ', 'Error: ' before each line)" {
	command -v shellcheck >/dev/null || skip "no shellcheck"
	printf '#!/bin/sh\nfor f in $(ls *.log); do\n  gzip "$f"\ndone\n' >"$T/c.sh"
	(cd "$T" && shellcheck -f gcc c.sh >out.txt 2>&1) || true
	sed -e 's/^\(.*: error: \)/Error: \1/' -e 's/^\(.*: note: \)/Notice: \1/' "$T/out.txt" >"$T/ui.log"
	grep -q '^Notice: c.sh:2:15: note: ' "$T/ui.log"
	(cd "$T" && heal-detect <ui.log >rec.json) || true
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=shellcheck file=c.sh line=2 column=10 severity=error code=SC2045
	rec_check "$T/rec.json" 1 tool=shellcheck file=c.sh line=2 column=15 severity=note code=SC2035
	# a message of its own after the word is no prefix: not a location
	printf 'Error: 2:1 is no path\nError: Process completed with exit code 1.\n' >"$T/own.log"
	(cd "$T" && heal-detect <own.log >rec.json) || true
	run $PY -S -c 'import json,sys; print([json.loads(l)["file"] for l in open(sys.argv[1])])' "$T/rec.json"
	[[ "$output" != *"is no path"* ]]
}

@test "shellcheck -f gcc: tab-expanded columns become bytes" {
	command -v shellcheck >/dev/null || skip "no shellcheck"
	printf '#!/bin/bash\nif true; then\n\techo $1\nfi\n' >"$T/t.sh"
	detect_in "$T" shellcheck -f gcc t.sh
	grep -q 't.sh:3:7:' "$T/out.txt"
	rec_check "$T/rec.json" 0 file=t.sh line=3 column=7 code=SC2086
}

@test "shellcheck tty format" {
	command -v shellcheck >/dev/null || skip "no shellcheck"
	printf '# no shebang\necho hi\n' >"$T/r.sh"
	detect_in "$T" shellcheck --color=never r.sh
	rec_check "$T/rec.json" 0 tool=shellcheck file=r.sh line=1 column=1 end_column=null severity=error code=SC2148 \
		"message~=Tips depend on target shell"
}

# file line column end_column code of each record, from rec.json
positions() { $PY -S -c 'import json,sys
for l in open(sys.argv[1]):
    r = json.loads(l)
    print(r["file"], r["line"], r["column"], r["end_column"], r["code"])' "$1"; }

@test "shellcheck tty format: the caret's column (tabs at ShellCheck's stops of 8, multibyte text) and a ^---^ range's end, as -f json1 gives them" {
	command -v shellcheck >/dev/null || skip "no shellcheck"
	printf '#!/bin/bash\n\tls *.txt\n\t\trm -rf $dir/*\necho \303\251 `date` $x\nif [ $1 = x ]; then\n\tfor f in $*; do echo "$f"; done\nfi\n' >"$T/c.sh"
	detect_in "$T" shellcheck --color=never c.sh
	grep -q '^ *\^----\^ SC2115' "$T/out.txt"
	grep -q '^ *\^-- SC2035' "$T/out.txt"
	positions "$T/rec.json" >"$T/tty.pos"
	rec_check "$T/rec.json" 0 file=c.sh line=2 column=5 end_column=null code=SC2035
	rec_check "$T/rec.json" 1 file=c.sh line=3 column=10 end_column=16 code=SC2115
	detect_in "$T" shellcheck -f json1 c.sh
	positions "$T/rec.json" >"$T/json1.pos"
	[ "$(wc -l <"$T/tty.pos")" -ge 8 ]
	# the same records at the same columns; tty gives no end for ^-- only
	run $PY -c 'import sys
tty = [l.split() for l in open(sys.argv[1])]
js = {(f, l, c, code): e for f, l, c, e, code in (x.split() for x in open(sys.argv[2]))}
for f, l, c, e, code in tty:
    assert (f, l, c, code) in js, (f, l, c, code)
    assert e == "None" or e == js[(f, l, c, code)], (f, l, c, e, code)
print(sum(e != "None" for f, l, c, e, code in tty))' "$T/tty.pos" "$T/json1.pos"
	assert_success
	[ "$output" -ge 4 ]
}

@test "shellcheck tty format in colour: the caret's column all the same" {
	command -v shellcheck >/dev/null || skip "no shellcheck"
	printf '#!/bin/bash\n\techo $1\n' >"$T/t.sh"
	detect_in "$T" shellcheck --color=always t.sh
	grep -q $'\e\\[' "$T/out.txt"
	rec_check "$T/rec.json" 0 file=t.sh line=2 column=7 end_column=null code=SC2086
}

@test "shellcheck -f json1: replacements become fixits" {
	command -v shellcheck >/dev/null || skip "no shellcheck"
	printf '#!/bin/bash\nrm $1\n' >"$T/q.sh"
	detect_in "$T" shellcheck -f json1 q.sh
	rec_check "$T/rec.json" 0 tool=shellcheck file=q.sh line=2 column=4 severity=note code=SC2086
	run $PY -c '
import json,sys
r=json.loads(open(sys.argv[1]).readline())
f=r["fixits"]
assert f and f[0]["unit"]=="char" and f[0]["text"]=="\"" and f[0]["line"]==2, f' "$T/rec.json"
	assert_success
}

@test "a clean script run gives no records" {
	printf '#!/bin/bash\necho "0 errors"\necho "warning: 0"\n' >"$T/ok.sh"
	(cd "$T" && bash ok.sh >out.txt 2>&1)
	run heal-detect "$T/out.txt"
	assert_success
	assert_output ''
}

@test "a shell's errors without a line: bash -c, sh -c's program, a login shell, each named" {
	cd "$T"
	{
		bash -c 'no_such_command_heal' || true
		printf '/bin/sh: cross-env: command not found\n'
		printf -- '-bash: jq: command not found\n'
		bash -c './missing-heal.sh' || true
		printf 'echo hi\n' >helper.sh
		chmod 644 helper.sh
		bash -c './helper.sh' || true
	} >out.txt 2>&1
	heal-detect <out.txt >rec.json || true
	[ "$(rec_count rec.json)" -eq 5 ]
	# bash -c prints "bash: line 1: ..." or, run from a terminal, no line
	rec_check rec.json 0 tool=bash env=shell file=null code=command-not-found \
		"message=no_such_command_heal: command not found"
	rec_check rec.json 1 tool=sh code=command-not-found "message=cross-env: command not found"
	rec_check rec.json 2 tool=bash "message=jq: command not found"
	rec_check rec.json 3 tool=bash code=no-such-file "message=./missing-heal.sh: No such file or directory"
	rec_check rec.json 4 tool=bash code=permission-denied "message=./helper.sh: Permission denied"
}

@test "zsh: a script's, zsh -c's and a builtin's errors, with their lines" {
	command -v zsh >/dev/null || skip "no zsh"
	cd "$T"
	printf 'true\nno_such_command_heal\necho $((1+))\n' >s.zsh
	printf 'cd /nonexistent-heal-dir\n' >c.zsh
	{
		zsh s.zsh || true
		zsh c.zsh || true
		zsh -c 'no_such_command_heal' || true
		zsh -c 'echo *.no-such-heal' || true
		zsh -c 'set -u; echo $unset_heal' || true
		zsh missing-heal.zsh || true
	} >out.txt 2>&1
	heal-detect <out.txt >rec.json || true
	[ "$(rec_count rec.json)" -eq 7 ]
	rec_check rec.json 0 tool=zsh env=shell file=s.zsh line=2 code=command-not-found \
		"message=command not found: no_such_command_heal"
	rec_check rec.json 1 tool=zsh file=s.zsh line=3 category=syntax "message~=bad math expression"
	rec_check rec.json 2 tool=zsh file=c.zsh line=1 code=no-such-file \
		"message=no such file or directory: /nonexistent-heal-dir"
	rec_check rec.json 3 tool=zsh file=null line=1 code=command-not-found
	rec_check rec.json 4 tool=zsh file=null "message=no matches found: *.no-such-heal"
	rec_check rec.json 5 tool=zsh code=unbound-variable "message=unset_heal: parameter not set"
	rec_check rec.json 6 tool=zsh code=no-such-file "message=can't open input file: missing-heal.zsh"
}

@test "words of a shell's errors in ordinary lines make no record" {
	cd "$T"
	printf 'bash: ok\nzsh: 5.9 installed\nnotes.txt:3: command not found: see the FAQ, it explains\ncount:12: parse error rate 0.1%%\nsh: version 1.0\n' >out.txt
	heal-detect <out.txt >rec.json || true
	[ "$(rec_count rec.json)" -eq 0 ]
}

@test "a program killed by a signal: the script's line, or the shell's bare report when nothing else was said" {
	command -v cc >/dev/null || skip "no C compiler"
	printf 'int main(void) { volatile int *p = 0; return *p; }\n' >"$T/crash.c"
	cc -O0 -o "$T/crash" "$T/crash.c"
	printf '#!/bin/bash\necho start\n./crash\necho after\n' >"$T/run.sh"
	chmod +x "$T/run.sh"
	(cd "$T" && ulimit -c 0 && ./run.sh >"$T/script.log" 2>&1) || true
	grep -q 'Segmentation fault' "$T/script.log"
	(cd "$T" && heal-detect <script.log >rec.json) || true
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=bash file=run.sh line=3 category=runtime \
		message="Segmentation fault" detail=./crash
	# dash's bare report: a record when it is all the log says
	command -v dash >/dev/null || skip "no dash"
	(cd "$T" && ulimit -c 0 && dash -c 'echo running; ./crash; true' >"$T/bare.log" 2>&1) || true
	grep -qx 'Segmentation fault' "$T/bare.log"
	(cd "$T" && heal-detect <bare.log >rec.json) || true
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 category=runtime message="Segmentation fault" file=null
	# after a compiler's error it says nothing more
	{ echo 'crash.c:1:5: error: expected identifier before numeric constant'; cat "$T/bare.log"; } >"$T/both.log"
	(cd "$T" && heal-detect <both.log >rec.json) || true
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=gcc
}

@test "a program the kernel killed (SIGKILL, as the out-of-memory killer does): the script's line, or the bare report" {
	printf '#!/bin/bash\necho start\nsleep 30\necho after\n' >"$T/run.sh"
	chmod +x "$T/run.sh"
	# the script's own sleep, killed from outside as the OOM killer would
	(cd "$T" && { ./run.sh >"$T/script.log" 2>&1 & pid=$!; sleep 0.3; pkill -KILL -P "$pid" sleep; wait "$pid"; }) || true
	grep -q 'Killed' "$T/script.log"
	(cd "$T" && heal-detect <script.log >rec.json) || true
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=bash file=run.sh line=3 category=runtime message=Killed "detail~=sleep 30"
	# an interactive shell's bare word, alone in the log
	printf 'building...\nKilled\n' >"$T/bare.log"
	(cd "$T" && heal-detect <bare.log >rec.json) || true
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 category=runtime message=Killed file=null
	# the word in a sentence is none
	printf 'Killed 3 stale workers\n' >"$T/words.log"
	(cd "$T" && heal-detect <words.log >rec.json) || true
	[ "$(rec_count "$T/rec.json")" -eq 0 ]
}

@test "bash: a script's name said twice before its line, and a bad interpreter with its path (a script saved with CRLF)" {
	printf '%s\n' './ch11-ex1.sh: ./ch11-ex1.sh: line 8: syntax error: unexpected end of file' \
		'-bash: ./lab1.2.py: /usr/local/bin/python3^M: bad interpreter: No such file or directory' >"$T/x.log"
	(cd "$T" && heal-detect <x.log >rec.json) || true
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=bash file=ch11-ex1.sh line=8 "message=syntax error: unexpected end of file"
	rec_check "$T/rec.json" 1 tool=bash file=lab1.2.py "message~=bad interpreter: No such file or directory"
}
