#!/usr/bin/env bats
# heal-analyze's repair search with the real checkers: shell, make,
# Terraform and Ansible files; every candidate refused (the file
# byte-identical); a candidate that compiles only by deleting code refused;
# the search's options, budgets and --explain (231 holds C and Python).
bats_require_minimum_version 1.5.0

load 'helpers/search'

@test "shell (bash -n): a for loop closed with 'fi' is closed with 'done', found by the search" {
	need bash
	printf '#!/bin/bash\nfor f in a b; do\n  echo "$f"\nfi\n' >m.sh
	heal_searched bash m.sh
	assert_equal "$heal_status" 0
	assert_equal "$(fix_get 'r["fixes"][0]["source"]')" search
	run bash m.sh
	assert_success
	assert_output $'a\nb'
	grep -q '^done$' m.sh
}

@test "make (its parser, nothing run): a missing 'endif' the message names is put on a line of its own" {
	need make
	printf 'X := $(shell echo ran >>ran.log)\nifeq ($(CC),cc)\nGREETING = hi\nall:\n\t@echo $(GREETING)\n' >Makefile
	search_fix make
	assert_equal "$(fix_get 'r["fixes"][0]["source"]')" search
	grep -q "search: 1. insert 'endif' .*: good" "$T/explain"
	# the checker read the makefile and ran none of it: one line, from
	# the failing make run above
	assert_equal "$(wc -l <ran.log)" 1
	heals make CC=cc
	assert_equal "$(tail -n 1 Makefile)" endif
	run make CC=cc
	assert_output hi
}

@test "make: an edit that turns a directive into a rule ('else:') parses, and is refused" {
	need make
	printf 'ifdef A\nX = 1\nelse\nX = 2\nelse\nX = 3\nendif\nall:\n\t@echo $(X)\n' >Makefile
	cp Makefile orig.mk
	HEAL_SEARCH_RUNS=200 heal_searched make
	[ "$heal_status" -ne 0 ]
	# 'else:' (right after the second else), and a '\\' that joins it to
	# the line before
	grep -q "insert ':' \[ins::@caret+1, .*deletes code: refused without a check" "$T/explain"
	grep -q "insert '.' \[ins:.@caret, .*deletes code: refused without a check" "$T/explain"
	assert_equal "$(fix_get '[f["source"] for f in r["fixes"]].count("search")')" 0
	cmp Makefile orig.mk
}

@test "shellcheck's error-level lint (SC2157: -z of a constant) is no syntax error: no search, the test is not taken apart" {
	need shellcheck
	printf '#!/bin/bash\n[[ ! -z file ]] && echo yes\n' >m.sh
	cp m.sh orig.sh
	search_fix shellcheck --norc -i SC2157 m.sh
	grep -q '^search: not run: .*does not report this error (passed' "$T/explain"
	run heal --yes --no-wait -- shellcheck --norc -i SC2157 m.sh
	assert_failure
	cmp m.sh orig.sh
}

@test "terraform (terraform validate): an argument without its '=' gets one, found by the search and proven" {
	need terraform
	unset TF_CLI_CONFIG_FILE
	printf 'variable "region" {\n  default "eu-west-1"\n}\n' >main.tf
	heal_searched terraform validate -no-color
	assert_equal "$heal_status" 0
	assert_equal "$(fix_get 'r["fixes"][0]["source"]')" search
	grep -q '^  default = "eu-west-1"$' main.tf
}

@test "terraform: a block left open is reported where it opens; its '}' goes at the end of the file, on a line of its own, the rule's fix proven by the search" {
	need terraform
	unset TF_CLI_CONFIG_FILE
	printf 'variable "region" {\n  default = "eu-west-1"\n}\n\noutput "where" {\n  value = var.region\n' >main.tf
	heal_searched terraform validate -no-color
	assert_equal "$heal_status" 0
	assert_equal "$(fix_get 'r["fixes"][0]["rule"]')" terraform.unclosed-block
	assert_equal "$(tail -n 1 main.tf)" "}"
	assert_equal "$(sed -n 6p main.tf)" "  value = var.region"
}

@test "ansible (ansible-playbook --syntax-check): a module name without its ':' gets one when the rule's indentation does not prove itself" {
	need ansible-playbook
	printf -- '- hosts: localhost\n  gather_facts: false\n  tasks:\n    - name: say hi\n      debug\n        msg: hi\n' >play.yml
	heal_searched ansible-playbook --syntax-check play.yml
	assert_equal "$heal_status" 0
	grep -q 'search: the rule candidate (ansible.yaml-indentation): the error is still there' "$T/explain"
	assert_equal "$(fix_get 'r["fixes"][0]["source"]')" search
	grep -q '^      debug:$' play.yml
}

@test "shellcheck's own fix, asked for when no rule has one (a plain run prints none): SC2268's x-prefix" {
	need shellcheck
	printf '#!/bin/bash\nif [ "x$1" = "xb" ]; then echo y; fi\n' >-m.sh
	shellcheck --norc -i SC2268 ./-m.sh >"$T/sc.out" || true
	heal-detect --command '["shellcheck","--norc","-i","SC2268","./-m.sh"]' <"$T/sc.out" >rec || true
	out=$(heal-analyze --explain <rec 2>"$T/explain")
	grep -q '^shellcheck -f json1 -i SC2268: its own fix of this finding' "$T/explain"
	assert_equal "$(fix_get 'r["fixes"][0]["source"]')" fixit
	# the search off: nothing is run, nothing asked
	out=$(heal-analyze --no-search --explain <rec 2>"$T/explain2")
	! grep -q 'json1' "$T/explain2" || false
	assert_equal "$(fix_get 'len(r["fixes"])')" 0
	heals shellcheck --norc -i SC2268 ./-m.sh
	grep -q '^if \[ "$1" = "b" \]; then echo y; fi$' ./-m.sh
}

@test "every candidate refused: the file stays byte-identical and heal fails" {
	need clang
	# no other name in the file to put in its place: no edit both compiles
	# and keeps the code
	printf 'int f(void)\n{\n\treturn qqqzzz;\n}\n' >m.c
	cp m.c orig.c
	HEAL_SEARCH_RUNS=30 heal_searched clang -fsyntax-only m.c
	[ "$heal_status" -ne 0 ]
	assert_equal "$(fix_get 'len(r["fixes"])')" 0
	grep -q 'search: no candidate accepted after 30 checker runs' "$T/explain"
	cmp m.c orig.c
}

@test "a candidate that compiles only by deleting code is refused without a check" {
	need clang
	printf 'int f(int x)\n{\n\treturn x foo;\n}\n' >m.c
	cp m.c orig.c
	# deleting 'foo' would compile: the only way to
	sed 's/ foo;/;/' orig.c >del.c
	clang -fsyntax-only del.c
	HEAL_SEARCH_RUNS=60 heal_searched clang -fsyntax-only m.c
	[ "$heal_status" -ne 0 ]
	grep -q "delete 'foo' .*deletes code: refused without a check" "$T/explain"
	assert_equal "$(fix_get '[f["source"] for f in r["fixes"]].count("search")')" 0
	! grep -q '"fix_id":"search' "$T/records" || false
	cmp m.c orig.c
}

@test "a rule that proves itself ends the search after one check; --no-search does no check" {
	need clang
	printf 'int f(void)\n{\n\tint x = 5\n\treturn x;\n}\n' >m.c
	search_fix clang -fsyntax-only m.c
	grep -q 'search: the rule candidate (c.expected-semicolon): the checker passes the file it makes without an error or a warning: no search' "$T/explain"
	! grep -q 'search: not run' "$T/explain" || false
	! grep -q 'candidate edits for' "$T/explain" || false
	clang -fsyntax-only m.c 2>&1 | heal-detect --command '["clang","-fsyntax-only","m.c"]' |
		heal-analyze --no-search --explain 2>"$T/explain2" >/dev/null
	! grep -q '^search:' "$T/explain2" || false
}

@test "a rule relaying the compiler's suggestion (0.92 or more) is taken on trust without a check; once it failed (--skip) it is judged" {
	need gcc
	printf '#include <stdio.h>\nint main(void)\n{\n\tint count = 3;\n\tprintf("%%d\\n", conut);\n\treturn 0;\n}\n' >m.c
	gcc -c m.c 2>&1 | heal-detect --command '["gcc","-c","m.c"]' >"$T/recs" || true
	heal-analyze --explain <"$T/recs" 2>"$T/explain" >"$T/out"
	grep -q 'search: not run: the rule candidate (c.did-you-mean) at confidence 0.92 is taken on trust' "$T/explain"
	out=$(cat "$T/out")
	assert_equal "$(fix_get 'r["fixes"][0]["rule"]')" c.did-you-mean
	id=$(python3 -S -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["id"])' "$T/recs")
	heal-analyze --explain --skip "$id/c.did-you-mean.1" <"$T/recs" 2>"$T/explain2" >/dev/null
	! grep -q 'taken on trust' "$T/explain2" || false
	grep -q 'search: the rule candidate (c.did-you-mean): the checker passes the file it makes' "$T/explain2"
	# another error's failure does not count
	heal-analyze --explain --skip "0000000000000000/c.did-you-mean.1" <"$T/recs" 2>"$T/explain3" >/dev/null
	grep -q 'taken on trust' "$T/explain3"
	heals gcc -c m.c
	grep -q 'printf("%d\\n", count)' m.c
}

@test "a rule unsure of its edit (below --min-confidence) that the checker proves ranks as a search winner" {
	need python3
	printf 'for x in [1, 2]:\n    if x > 1:\n    print(x)\n' >m.py
	# without the search the rule's indentation is below heal's default minimum
	python3 m.py 2>&1 | heal-detect --command '["python3","m.py"]' | heal-analyze --no-search >"$T/plain" || true
	run python3 -S -c 'import json,sys; r=json.loads(open(sys.argv[1]).readline()); print(r["fixes"][0]["confidence"] < 0.85)' "$T/plain"
	assert_output True
	heal_searched python3 m.py
	assert_equal "$heal_status" 0
	grep -q 'search: the rule candidate (python.expected-indented-block): the checker passes the file it makes without an error or a warning: no search' "$T/explain"
	grep -q 'raised to 0.90, the checker' "$T/explain"
	assert_equal "$(fix_get 'r["fixes"][0]["source"]')" rule
	assert_equal "$(fix_get 'r["fixes"][0]["confidence"]')" 0.9
	run python3 m.py
	assert_output 2
}

@test "python: a statement's keyword one typo away ('elis', 'If') is the keyword, found by the search; an unseen later warning does not refuse it" {
	need python3
	# Python warns ('1[0]': not subscriptable) only after a whole parse: the
	# original, stopped at its error, never showed that warning
	printf 'x = [1]\nif x[0] > 1:\n    y = 1\nelis x[0] > 0:\n    y = 2\nz = 1[0] if False else 0\nprint(y)\n' >m.py
	heal_searched python3 m.py
	assert_equal "$heal_status" 0
	assert_equal "$(fix_get 'r["fixes"][0]["source"]')" search
	assert_equal "$(fix_get 'r["fixes"][0]["edits"][0]["text"]')" elif
	run python3 -W ignore m.py
	assert_output 2
	printf 'w = "abba"\nIf w == w[::-1]:\n    print("yes")\n' >p.py
	heals python3 p.py
	grep -q '^if w == w' p.py
}

@test "an error the checker does not report (a run-time error) gets no search" {
	need python3
	printf 'print(undefined_name)\n' >m.py
	search_fix python3 m.py
	grep -q '^search: not run: python on the file does not report this error' "$T/explain"
}

@test "the search is on by default: HEAL_SEARCH unset, or --search over HEAL_SEARCH=0" {
	need clang
	printf '#include <stdio.h>\nint main(void)\n{\n\tint x = 1;\n\tprintf("%%d\\n" x);\n\treturn 0;\n}\n' >m.c
	clang -fsyntax-only m.c >out 2>&1 || true
	heal-detect --command '["clang","-fsyntax-only","m.c"]' <out | head -n 1 >rec
	out=$(env -u HEAL_SEARCH heal-analyze <rec)
	assert_equal "$(fix_get 'r["fixes"][0]["source"]')" search
	out=$(HEAL_SEARCH=0 heal-analyze --search <rec)
	assert_equal "$(fix_get 'r["fixes"][0]["source"]')" search
	out=$(env -u HEAL_SEARCH heal-analyze --no-search <rec)
	assert_equal "$(fix_get '[f["source"] for f in r["fixes"]].count("search")')" 0
}

@test "an error searched in vain is not searched again in the run; past --search-total none is" {
	need gcc
	# too few arguments: nothing small compiles without a new warning
	# ('f,(1)' would compile, a comma operator: it cuts the call from its
	# name and is refused without a check)
	printf 'int f(int a, int b);\nint main(void) { return f(1); }\n' >m.c
	gcc -fsyntax-only m.c >out 2>&1 || true
	heal-detect --command '["gcc","-fsyntax-only","m.c"]' <out | head -n 1 >rec
	cat rec rec rec >rec3
	heal-analyze --explain <rec3 >out3 2>explain
	grep -q "insert ',' .*deletes code: refused without a check" explain
	assert_equal "$(grep -c 'search: no candidate accepted after' explain)" 1
	assert_equal "$(grep -c 'search: not run: the same error in the same file was searched in vain' explain)" 2
	assert_equal "$(grep -c '"source":"search"' out3)" 0
	# a budget of 0 s for the run: no search at all
	heal-analyze --search-total 0 --explain <rec >/dev/null 2>explain
	grep -q "search: not run: this run's search time (0 s, --search-total) is spent" explain
	! grep -q 'checker runs' explain || false
}

@test "a file's later errors (often the first one's consequences) are not searched; heal heals the first" {
	need gcc
	printf 'int main(int argc, char **argv)\n{\n    (void)argv;\n    if ((argc > 1 && argc < 4) {\n        return 1;\n    }\n    return 0;\n}\n' >m.c
	gcc -fsyntax-only m.c >out 2>&1 || true
	heal-detect --command '["gcc","-fsyntax-only","m.c"]' <out >recs || true
	[ "$(wc -l <recs)" -ge 2 ]
	heal-analyze --explain <recs >analyzed 2>explain
	grep -q 'search: not run: an earlier error in this file was searched first' explain
	# the later record gets no search fix ('insert )' before the last '}'
	# compiles alone, and breaks the file once the first fix is in)
	out=$(sed -n 2p analyzed)
	assert_equal "$(fix_get '[f["source"] for f in r["fixes"]].count("search")')" 0
	heals gcc -fsyntax-only m.c
	grep -q 'if ((argc > 1 && argc < 4)) {' m.c
}

@test "a name of the file that is not a typo away replaces an unknown one only with --search-wide" {
	need gcc
	printf 'int main(void)\n{\n\tint total = 0;\n\treturn qqqzzz;\n}\n' >m.c
	gcc -fsyntax-only m.c >out 2>&1 || true
	heal-detect --command '["gcc","-fsyntax-only","m.c"]' <out | head -n 1 >rec
	out=$(HEAL_SEARCH_RUNS=40 heal-analyze <rec)
	assert_equal "$(fix_get '[f["source"] for f in r["fixes"]].count("search")')" 0
	out=$(HEAL_SEARCH_RUNS=40 heal-analyze --search-wide <rec)
	assert_equal "$(fix_get 'r["fixes"][0]["source"]')" search
	assert_equal "$(fix_get 'r["fixes"][0]["edits"][0]["text"]')" total
}

@test "a name cut short or lengthened ('s' for 'str', 'reverse' for 'rev') replaces an unknown one without --search-wide; one whose type the format refuses does not" {
	need gcc
	# swap is the nearer name that starts with 's': printf's %s refuses a
	# function, str it takes; rev is 'reverse' cut short
	printf '#include <stdio.h>\nvoid swap(void);\nint main(void)\n{\n\tchar str[8] = "x";\n\tint rev = 2;\n\tswap();\n\tprintf("%%s\\n", s);\n\treturn reverse;\n}\n' >m.c
	heal_searched gcc -Wall -fsyntax-only m.c
	[ "$heal_status" = 0 ] || { cat "$T/explain" >&2; return 1; }
	grep -q 'printf("%s\\n", str);' m.c
	grep -q 'return rev;' m.c
	grep -q "replace 's' with 'swap'" "$T/explain"
	grep -q "chosen.*replace 's' with 'str'" "$T/explain"
	run gcc -Wall -Werror -fsyntax-only m.c
	assert_success
}

@test "bad search options are usage errors" {
	run heal-analyze --search-runs -1 </dev/null
	assert_failure 2
	run heal-analyze --search-total x </dev/null
	assert_failure 2
	run env HEAL_SEARCH_JOBS=x heal-analyze </dev/null
	assert_failure 2
	assert_output --partial 'HEAL_SEARCH_JOBS'
}

@test "a language without a priors table (Terraform) is searched with no table, not a crash" {
	printf 'variable "region" {\n  typ = string\n}\n' >variables.tf
	printf '{"v":1,"kind":"error","id":"a1","tool":"terraform","env":"terraform","severity":"error","file":"variables.tf","line":2,"message":"Unsupported argument. Did you mean \\"type\\"?"}\n' >rec.json
	run --separate-stderr heal-analyze <rec.json
	assert_success
	[[ "$output" == *'"kind":"error"'* ]]
}

@test "c (clang): a student's stray characters, each found and proven: a quote too many, a quote too few, escapes outside a string, a comment begun with backslashes, '!<', a name declared again" {
	need clang
	local body want n=0
	while IFS='|' read -r body want; do
		printf '#include <stdio.h>\n#include <limits.h>\nint main(void)\n{\n\tfloat area = 2;\n\tint a[3] = {1, 2, 3}, b[3] = {3, 2, 1}, i = 1, j = 0, k = 0, y = 0, d = 0;\n\t%s\n\treturn d + y + k + (int)area + a[i] + b[i] + j;\n}\n' "$body" >m.c
		heals clang -fsyntax-only m.c
		grep -qF -- "$want" m.c || { echo "'$body': got $(sed -n 7p m.c)" >&2; return 1; }
		n=$((n + 1))
	done <<'CASES'
d = 1;\\the day|d = 1;//the day
d = 1; \*the day*\|d = 1; /*the day*/
printf("%f",area");|printf("%f",area);
scanf(%d",&y);|scanf("%d",&y);
printf("%d %d",INT_MIN\nINT_MAX);|printf("%d %d",INT_MIN,INT_MAX);
if (a[i]\n > b[i]\n ) d = 2;|if (a[i] > b[i] ) d = 2;
for (j = 2; j!<0; j--) d = j;|for (j = 2; j>=0; j--) d = j;
int k, m = 2; d = m;|int m = 2; d = m;
CASES
	[ "$n" -eq 8 ]
}

@test "node: a call left open is closed after its argument; turning the call's '(' into ';' passes node's check but is refused as code lost" {
	need node
	# without node.json's rule the search alone must find the fix
	cp -r "$BATS_TEST_DIRNAME/../../share" data
	rm data/rules/node.json
	printf 'let x = 1;\nconsole.log("a"\nconsole.log(x);\n' >a.js
	HEAL_DATA_DIR="$PWD/data" HEAL_SEARCH_RUNS=60 heal_searched node a.js
	assert_equal "$heal_status" 0
	assert_equal "$(sed -n 2p a.js)" 'console.log("a")'
	# 'console.log;"a"' is valid JavaScript that calls nothing
	grep -q "replace '(' with ';' .*deletes code: refused without a check" "$T/explain"
}
