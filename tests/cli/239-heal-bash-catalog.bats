#!/usr/bin/env bats
# heal end to end on bash's own messages: each test is a small script of
# ours with one mistake that a message of bash's catalog reports (its
# arithmetic, its parser, trap, set -u, a redirection), healed with the
# suites' HEAL_SEARCH=0 (the rules alone) and read back: the script runs,
# and the line reads as its author meant it.
bats_require_minimum_version 1.5.0
load helpers/loop

setup() {
	loop_setup
	command -v bash >/dev/null || skip "bash is not installed"
}
teardown() { loop_teardown; }

# heals FILE: heal --yes --no-wait -- bash FILE succeeds
heals() {
	run --separate-stderr heal --yes --no-wait -- bash "$1" </dev/null
	echo "$stderr"
	assert_success
}

@test "arithmetic: a zero-padded value is read as decimal, a literal loses its zeros; Python's // divides with /" {
	printf 'set -e\nt=08:09\nh=${t%%%%:*}\nm=${t#*:}\nmins=$(( 10#$h * 60 + $m ))\n[ "$mins" -eq 489 ]\n' >a.sh
	heals a.sh
	grep -qxF 'mins=$(( 10#$h * 60 + 10#$m ))' a.sh
	printf 'set -e\n(( n = 09 + 1 ))\n[ "$n" -eq 10 ]\n' >b.sh
	heals b.sh
	grep -qxF '(( n = 9 + 1 ))' b.sh
	printf 'set -e\nused=30\nquota=40\npct=$(( used * 100 // quota ))\n[ "$pct" -eq 75 ]\n' >c.sh
	heals c.sh
	grep -qxF 'pct=$(( used * 100 / quota ))' c.sh
}

@test "trap's misspelt signal; a function called as in C, with an argument or as the last line's main()" {
	printf 'set -e\ncleanup() { rm -f t.tmp; }\ntrap cleanup EXTI\ntouch t.tmp\n' >a.sh
	heals a.sh
	grep -qxF 'trap cleanup EXIT' a.sh
	printf 'greet() {\n  echo "hi $1" >>out.txt\n}\ngreet("ana")\n' >b.sh
	heals b.sh
	grep -qxF 'greet "ana"' b.sh
	# with the search on: its edit for ShellCheck's reading of the line
	# ('greet; ("ana")') fails when bash runs it, and is not chosen again
	# over the rule's fix of bash's own error
	printf 'greet() {\n  echo "hi $1" >>out.txt\n}\nfor u in a b; do\n  greet "$u"\ndone\ngreet("ana")\nls out.txt\n' >e.sh
	run --separate-stderr env HEAL_SEARCH=1 heal --yes --no-wait -- bash e.sh </dev/null
	echo "$stderr"
	assert_success
	grep -qxF 'greet "ana"' e.sh
	printf 'set -eu\nmain() {\n  echo ran\n}\n\nmain()\n' >c.sh
	heals c.sh
	[ "$(tail -n 1 c.sh)" = main ]
	# a name no function of the script has is left alone
	printf 'echo start\nfoo("x")\n' >d.sh
	cp d.sh d.before
	run --separate-stderr heal --yes --no-wait -- bash d.sh </dev/null
	assert_failure
	cmp d.sh d.before
}

@test "set -u: an associative array never declared; a loop one past an array's end; a misspelt file the script wrote" {
	printf '#!/bin/bash\nset -u\nowner[web]=ana\nowner[db]=bo\necho "${owner[web]}"\n' >a.sh
	heals a.sh
	[ "$(sed -n 2p a.sh)" = 'declare -A owner' ]
	printf 'set -u\nfiles=(a b c)\nfor ((i = 0; i <= ${#files[@]}; i++)); do\n  echo "${files[i]}"\ndone\n' >b.sh
	heals b.sh
	grep -qxF 'for ((i = 0; i < ${#files[@]}; i++)); do' b.sh
	printf 'set -e\nprintf "%%s\\n" a b >merged.txt\nn=$(wc -l < mergd.txt)\n[ "$n" -eq 2 ]\n' >c.sh
	heals c.sh
	grep -qxF 'n=$(wc -l < merged.txt)' c.sh
	printf 'set -e\nfor i in 1 2 3; do echo "e $i"; done >entries.txt\nlines=$(wc -l entries.txt)\nleft=$((3 - lines))\n[ "$left" -eq 0 ]\n' >d.sh
	heals d.sh
	grep -qxF 'lines=$(wc -l < entries.txt)' d.sh
}

@test "syntax and run time: case without in; a backquote left open; a call above its function; count=\$count+1; return at the top level; an unquoted redirection target; a quoted pattern in a for list" {
	printf 'x=b\ncase $x\n  a) echo a ;;\n  b) echo b ;;\nesac\n' >a.sh
	heals a.sh
	grep -qxF 'case $x in' a.sh
	printf 'd=`date +%%s\necho "$d"\n' >b.sh
	heals b.sh
	grep -qxF 'd=`date +%s`' b.sh
	printf 'set -e\nsetup\nsetup() {\n  echo ready\n}\n' >c.sh
	heals c.sh
	[ "$(tail -n 1 c.sh)" = setup ]
	printf 'set -e\ncount=0\nfor f in a b; do\n  count=$count+1\ndone\n[ "$count" -eq 2 ]\n' >d.sh
	heals d.sh
	grep -qxF '  count=$((count + 1))' d.sh
	printf 'set -e\nif [ -d / ]; then\n  return 0\nfi\n' >e.sh
	heals e.sh
	grep -qxF '  exit 0' e.sh
	printf 'set -e\nout="my file.txt"\necho hi > $out\n' >f.sh
	heals f.sh
	grep -qxF 'echo hi > "$out"' f.sh
	printf 'set -e\ntouch a.txt b.txt\nfor f in "*.txt"; do\n  cat "$f"\ndone\n' >g.sh
	heals g.sh
	grep -qxF 'for f in *.txt; do' g.sh
}

@test "a here-document whose end line is indented runs to the end of the file: the end line goes to the start of its line" {
	printf 'set -e\nif true; then\n  cat <<EOF >out.txt\nhello\n  EOF\nfi\ngrep -q hello out.txt\n' >a.sh
	heals a.sh
	[ "$(sed -n 5p a.sh)" = EOF ]
}

@test "bash's syntax run by sh (dash): == in a test, the function keyword" {
	command -v dash >/dev/null || skip "dash is not installed"
	printf 'x=a\nif [ "$x" == a ]; then\n  echo yes\nelse\n  exit 1\nfi\n' >a.sh
	run --separate-stderr heal --yes --no-wait -- dash a.sh </dev/null
	assert_success
	grep -qxF 'if [ "$x" = a ]; then' a.sh
	printf 'function hello {\n  echo hi\n}\nfunction bye()\n{\n  echo bye\n}\nhello\nbye\n' >b.sh
	run --separate-stderr heal --yes --no-wait -- dash b.sh </dev/null
	assert_success
	[ "$(sed -n 1p b.sh)" = 'hello() {' ]
	[ "$(sed -n 4p b.sh)" = 'bye()' ]
}

@test "an expansion never closed: '\${arr[@]' and '\"hello \${name\"' get their '}', with the search on (ShellCheck's lint of the closed line is no error the fix made)" {
	printf '#!/bin/bash\narr=(1 2)\necho ${arr[@]\nfor i in 1 2; do\n  echo "$i"\ndone\n' >a.sh
	HEAL_SEARCH=1 heals a.sh
	grep -qxF 'echo ${arr[@]}' a.sh
	printf '#!/bin/bash\nname=bob\necho "hello ${name"\necho two\n' >b.sh
	heals b.sh
	grep -qxF 'echo "hello ${name}"' b.sh
}

@test "a value with a leading 0 read by name in arithmetic: each name the arithmetic reads is read as decimal, a name it assigns is left" {
	printf '#!/bin/bash\nn=08\nm=$(printf %%02d 9)\n(( total = m * 2 ))\necho $((n + total))\n' >a.sh
	heals a.sh
	grep -qxF '(( total = 10#$m * 2 ))' a.sh
	grep -qxF 'echo $((10#$n + 10#$total))' a.sh
	[ "$(bash a.sh)" = 26 ]
}

@test "an elif with no condition, its block an else's, becomes else (bash and dash)" {
	printf '#!/bin/bash\nx=10\nif [ "$x" -eq 1 ]; then\n  echo one\nelif\n  echo other\nfi\n' >a.sh
	heals a.sh
	[ "$(sed -n 5p a.sh)" = else ]
	command -v dash >/dev/null || skip "dash is not installed"
	printf 'x=3\nif [ "$x" -eq 1 ]; then\n  echo one\n  elif  # the rest\n  echo many\nfi\n' >b.sh
	run --separate-stderr heal --yes --no-wait -- dash b.sh </dev/null
	assert_success
	[ "$(sed -n 4p b.sh)" = '  else  # the rest' ]
}

@test "a \$( never closed gets its ')' at the end of its own line (bash names the line after the last); a ';' typed for the ':' of \${VAR:-default}" {
	printf '#!/bin/bash\nset -eu\nprintf "a\\nb\\n" >f.txt\nrows=$(wc -l < f.txt\necho "rows: $rows"\n[ "$rows" -eq 2 ]\n' >a.sh
	heals a.sh
	grep -qxF 'rows=$(wc -l < f.txt)' a.sh
	printf '#!/bin/bash\nset -u\nkeep=${KEEP;-3}\necho "$keep"\n[ "$keep" = 3 ]\n' >b.sh
	heals b.sh
	grep -qxF 'keep=${KEEP:-3}' b.sh
}
