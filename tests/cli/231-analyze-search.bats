#!/usr/bin/env bats
# heal-analyze's repair search with the real checkers on real broken files:
# a fix found by search in each environment, healed by `heal` and proven
# by heal-validate; every candidate refused (the file byte-identical); a
# candidate that compiles only by deleting code refused; --explain.
bats_require_minimum_version 1.5.0

load analyze-helpers

need() { command -v "$1" >/dev/null || skip "$1 is not installed"; }

# search_fix SRC CMD...: the record heal-detect makes of CMD's output, analyzed
# with --explain into $out (stdout) and $T/explain; the first fix's source
search_fix() {
	local cmdjson
	cmdjson=$(python3 -c 'import json,sys; print(json.dumps(sys.argv[1:]))' "$@")
	"$@" >"$T/.out" 2>&1 && { echo "command unexpectedly succeeded" >&2; return 1; }
	out=$(heal-detect --command "$cmdjson" <"$T/.out" | head -n 1 |
	      heal-analyze --explain 2>"$T/explain") || { cat "$T/explain" >&2; return 1; }
}

heals() {
	heal --yes --no-wait -- "$@" >"$T/heal.out" 2>&1 || { cat "$T/heal.out" >&2; return 1; }
}

# the suites run with the search off: every case here turns it on
export HEAL_SEARCH=1
# the time budgets are wall time, and a loaded machine (CI, two builds
# at once) runs checkers many times slower: the cases count checker runs
# (HEAL_SEARCH_RUNS) where they mean a bound; the budget's own cases set
# theirs
export HEAL_SEARCH_SECONDS=600 HEAL_SEARCH_TOTAL=1200

@test "c (clang): a rule's wrong fix is refused by the checker, the search inserts the missing ','" {
	need clang
	printf '#include <stdio.h>\nint main(void)\n{\n\tint x = 1;\n\tprintf("%%d\\n" x);\n\treturn 0;\n}\n' >m.c
	search_fix clang -fsyntax-only m.c
	grep -q 'search: the rule candidate (c.expected-closing-paren): new error' "$T/explain"
	assert_equal "$(fix_get 'r["fixes"][0]["source"]')" search
	assert_equal "$(fix_get 'r["fixes"][0]["edits"][0]["text"]')" ","
	heals clang -fsyntax-only m.c
	grep -q 'printf("%d\\n", x);' m.c
	grep -q '"fix_id":"search.1"' .heal/changelog.ndjson
}

@test "c (clang): a warning clang left out after the error (an unused variable, a missing return) does not refuse the edit" {
	need clang
	# clang skips a scope's unused variables and its analysis-based
	# warnings while the file has an error: the error's fix lets them show
	printf '#include <stdio.h>\nint f(int x)\n{\n\tfloat a, y;\n\tscanf("%%f",&y,);\n\tif (x) return 1;\n}\n' >m.c
	search_fix clang -fsyntax-only m.c
	sed 's/,);/);/' m.c | clang -Wall -fsyntax-only -x c - >"$T/fixed.out" 2>&1 || true
	grep -q "unused variable 'a'" "$T/fixed.out"
	grep -q "non-void function does not return a value" "$T/fixed.out"
	assert_equal "$(fix_get 'r["fixes"][0]["source"]')" search
	assert_equal "$(fix_get 'r["fixes"][0]["description"]')" "delete ',' at m.c:5"
	heals clang -fsyntax-only m.c
	grep -q 'scanf("%f",&y);' m.c
}

@test "c and python: a call's argument that is text, not code, is quoted (printf(%s,ch), scanf(%d %d,...), input(how old are you?)), all in one heal" {
	need clang
	printf '#include <stdio.h>\nint main(void)\n{\n\tchar ch[4] = "ab";\n\tint n, m;\n\tscanf(%%d %%d,&n,&m);\n\tprintf(%%s,ch);\n\tprintf(\\n);\n\treturn n + m;\n}\n' >m.c
	search_fix clang -fsyntax-only m.c
	assert_equal "$(fix_get 'r["fixes"][0]["edits"][0]["text"]')" '"%d %d"'
	grep -q "the one the site calls for (quote:" "$T/explain"
	heals clang -fsyntax-only m.c
	grep -qF 'scanf("%d %d",&n,&m);' m.c
	grep -qF 'printf("%s",ch);' m.c
	grep -qF 'printf("\n");' m.c
	printf 'age = input(how old are you?)\nprint(Hello world, age)\n' >p.py
	heals python3 -m py_compile p.py
	grep -qF 'age = input("how old are you?")' p.py
	grep -qF 'print("Hello world", age)' p.py
}

@test "c (clang): the same mistake again along the line is one edit (each '=' of a condition a '==', each ',' of a for a ';')" {
	need clang
	printf '#include <stdio.h>\nint main(void)\n{\n\tint a, i, n = 3;\n\tscanf("%%d", &a);\n\tif(a=1||a=21||a=31)\n\t\tprintf("%%dst", a);\n\tfor(i=0,i<n,i++)\n\t\tprintf("%%d", i);\n\treturn 0;\n}\n' >m.c
	search_fix clang -fsyntax-only m.c
	assert_equal "$(fix_get 'r["fixes"][0]["edits"][0]["text"]')" '==1||a==21||a=='
	heals clang -fsyntax-only m.c
	grep -qF 'if(a==1||a==21||a==31)' m.c
	grep -qF 'for(i=0;i<n;i++)' m.c
}

@test "c (clang): a fix of two edits, the second at the error the first left ('x;)' -> 'x);'), tried after the single edits and proven" {
	need clang
	printf '#include <stdio.h>\nint main(void)\n{\n\tint x = 1;\n\tprintf("%%d\\n", x;)\n\treturn 0;\n}\n' >m.c
	search_fix clang -fsyntax-only m.c
	grep -q '^search: .* second edits after the .* candidates that made progress' "$T/explain"
	grep -q "^search: chosen .*: replace ';)' with ');' at m.c:5: the first pair of edits" "$T/explain"
	assert_equal "$(fix_get 'r["fixes"][0]["source"]')" search
	heals clang -fsyntax-only m.c
	grep -qF 'printf("%d\n", x);' m.c
}

@test "c (clang): the same complaint about the next argument once the first is mended is progress, and the pair mends both ('convert(c,i)' -> 'convert(*c,*i)')" {
	need clang
	printf 'float convert(float c, float i)\n{\n\treturn c * i;\n}\nvoid f(float *c, float *i)\n{\n\t*c = convert(c,i);\n}\n' >m.c
	heals clang -fsyntax-only m.c
	grep -qF '*c = convert(*c,*i);' m.c
}

@test "c (clang): a pointer assignment made like the author's own on another line (the same warning there) is no new warning" {
	need clang
	printf 'struct node { struct node *ptr; };\nvoid f(struct node *p1, struct node *p2, int *arr1, int *arr2)\n{\n\t*p1->ptr=arr1;\n\tp2->ptr=arr2;\n}\n' >m.c
	heals clang -fsyntax-only m.c
	grep -qF '	p1->ptr=arr1;' m.c
	# without the author's line the same edit adds a warning of its own
	printf 'struct node { struct node *ptr; };\nvoid f(struct node *p1, int *arr1)\n{\n\t*p1->ptr=arr1;\n}\n' >m.c
	cp m.c before.c
	run heal --no-wait -- clang -Wall -fsyntax-only m.c
	assert_failure
	cmp m.c before.c
}

@test "c (clang): a student's slips each found and proven in one heal: a quote in the wrong place, a call written as its prototype, a for's undeclared counter, 'size of', an 'else' no 'if' takes, 'if (a) && (b)'" {
	need clang
	cat >m.c <<-'EOF'
	#include <stdio.h>
	#include <stdlib.h>
	void scan(int a[][4], int n)
	{
	    printf (%d", n");
	}
	int count(int d)
	{
	    int s = 0;
	    for(i=0;i<d;++i)
	        s++;
	    return s;
	}
	int *make(int n)
	{
	    return malloc(n * size of(int));
	}
	int sign(int v)
	{
	    if (v > 0)
	        return 1;
	    else return 0;
	    else if (v < 0)
	        return -1;
	    return 0;
	}
	int leap(int y)
	{
	    if (y % 4 == 0) && (y % 100 != 0) {
	        return 1;
	    }
	    return 0;
	}
	int main(void)
	{
	    int a[2][4] = {{0}};
	    scan(a[][4], 2);
	    return count(2) + sign(1) + leap(2024) + (make(1) == NULL);
	}
	EOF
	heals clang -Wall -fsyntax-only m.c
	grep -qF 'printf ("%d", n);' m.c
	grep -qF 'for(int i=0;i<d;++i)' m.c
	grep -qF 'malloc(n * sizeof(int))' m.c
	grep -qE '^ +if \(v < 0\)$' m.c
	grep -qF 'if ((y % 4 == 0) && (y % 100 != 0)) {' m.c
	grep -qF 'scan(a, 2);' m.c
	clang -Wall -Werror -fsyntax-only m.c
}

@test "c (clang): a missing return clang held back in another function than the edit's is not the edit's warning" {
	need clang
	printf 'int power(int a, int n)\n{\n\tint i, p = 1;\n\tfor (i = 1; i <= n, i++)\n\t\tp *= a;\n\treturn p;\n}\nint sign(int a)\n{\n\tif (a > 0)\n\t\treturn 1;\n}\n' >m.c
	heals clang -Wall -fsyntax-only m.c
	grep -qF 'for (i = 1; i <= n; i++)' m.c
	# sign()'s warning is the author's, left as it was
	run clang -Wall -fsyntax-only m.c
	[[ "$output" == *"non-void function does not return a value"* ]]
}

@test "c (clang): brackets of the wrong kind are replaced as a pair; an undeclared name is renamed at each use on its line" {
	need clang
	printf 'int f(int *arr, int n)\n{\n\tint j, s = 0;\n\tfor (j = 1; i < n; ++i)\n\t\ts += arr(j - 1);\n\treturn s;\n}\n' >m.c
	heals clang -fsyntax-only m.c
	grep -qF 'for (j = 1; j < n; ++j)' m.c
	grep -qF 's += arr[j - 1];' m.c
}

@test "c (clang): a call's text whose quotes were meant inside it is made one literal (\"let's \"C\"\", a stray \\n after it), all in one heal" {
	need clang
	printf '#include <stdio.h>\nint main(void)\n{\n\tprintf("let'"'"'s "\\C\\"");\n\tprintf("a new line."\\n);\n\treturn 0;\n}\n' >m.c
	search_fix clang -fsyntax-only m.c
	assert_equal "$(fix_get 'r["fixes"][0]["edits"][0]["text"]')" '"let'"'"'s \"C\""'
	heals clang -fsyntax-only m.c
	grep -qF 'printf("let'"'"'s \"C\"");' m.c
	grep -qF 'printf("a new line.\n");' m.c
}

@test "c (clang): an error where a macro is used is searched where the macro says it ('#define N 10;')" {
	need clang
	printf '#define N 10;\nint sum(int a[][N], int n)\n{\n\treturn a[0][0] + n;\n}\n' >m.c
	search_fix clang -fsyntax-only m.c
	grep -q "^search: the edits go where the macro says it: m.c:1:13 (expanded from macro 'N')" "$T/explain"
	heals clang -fsyntax-only m.c
	assert_equal "$(head -n 1 m.c)" "#define N 10"
}

@test "c++ (g++): the search closes an initializer list" {
	need g++
	printf '#include <vector>\nint main()\n{\n\tstd::vector<int> v{1, 2, 3;\n\treturn v[0];\n}\n' >m.cpp
	search_fix g++ -fsyntax-only m.cpp
	assert_equal "$(fix_get 'r["fixes"][0]["source"]')" search
	heals g++ -fsyntax-only m.cpp
	grep -q 'v{1, 2, 3}' m.cpp
}

@test "python: a missing comma between two items, found by the search and proven" {
	need python3
	printf 'items = [1, 2 3]\nprint(items)\n' >m.py
	search_fix python3 m.py
	assert_equal "$(fix_get 'r["fixes"][0]["source"]')" search
	heals python3 m.py
	grep -q '^items = \[1, 2, 3\]$' m.py
}

@test "python: 'Perhaps you forgot a comma?' in a chain of '+': the operator between the two operands it underlines" {
	need python3
	printf 'name = "x"\nn = 2\nprint("name: "+name" # "+str(n))\n' >m.py
	search_fix python3 m.py
	assert_equal "$(fix_get 'r["fixes"][0]["source"]')" search
	heals python3 m.py
	run python3 m.py
	assert_output 'name: x # 2'
}

@test "python: a second error compile() could not reach before the first was fixed is no new error: both fixed in turn" {
	need python3
	printf 'name = "x"\nprint("Hi " +, name)\nprint("Bye " +, name)\n' >m.py
	search_fix python3 m.py
	grep -q 'search: the error at line 3 (invalid syntax) is past the edit and there without the lines before it' "$T/explain"
	assert_equal "$(fix_get 'r["fixes"][0]["source"]')" search
	heals python3 m.py
	run python3 m.py
	assert_output $'Hi x\nBye x'
	[ "$(grep -c '"event":"fix_validated".*"validation_result":"passed"' .heal/changelog.ndjson)" -eq 2 ]
}

@test "python: a student's if/else with the else indented under the body, a second ':' missing in the block, and an 'else if': each found, proven, fixed in turn" {
	need python3
	printf 'a = 3\nb = 1\nif a > b:\n    x = a\n    print(x)\n    else:\n        x = b\nfor i in range(2):\n    if(i == 0)\n        print("zero")\n    else if i == 1:\n        print("one")\n' >m.py
	cp m.py orig.py
	search_fix python3 m.py
	assert_equal "$(fix_get 'r["fixes"][0]["source"]')" search
	grep -q 'indent:clause@line' "$T/explain"
	heals python3 m.py
	run python3 m.py
	assert_output $'3\nzero\none'
	# the else moved with its body; the other lines' text kept
	grep -q '^else:$' m.py
	grep -q '^    x = b$' m.py
	grep -q '^    if(i == 0):$' m.py
	grep -q '^    elif i == 1:$' m.py
	[ "$(grep -c '"event":"fix_validated".*"validation_result":"passed"' .heal/changelog.ndjson)" -eq 3 ]
}

@test "python: an unterminated string fixed lets the tokenizer's parser reach an earlier line ('amd'): no new error, both fixed" {
	need python3
	printf 's = "ab"\nok = s[0] == s[-1] amd len(s) > 1\nprint(ok)\nprint(\x27is NOT a palindrome, s)\n' >m.py
	search_fix python3 m.py
	grep -q 'search: the error at line 2 (invalid syntax) is before the edit and there without the lines from it on' "$T/explain"
	heals python3 m.py
	run python3 m.py
	assert_output $'False\nis NOT a palindrome ab'
}

@test "python through a version manager's shim (pyenv, asdf): the shim is asked for its interpreter once" {
	need python3
	real=$(command -v python3)
	mkdir -p "$T/mgr/shims"
	# a shim as pyenv writes one: a script that picks and runs the
	# interpreter; this one counts its runs
	printf '#!/bin/sh\necho "$1" >>"%s/shim.log"\nexec "%s" "$@"\n' "$T" "$real" >"$T/mgr/shims/python3"
	chmod +x "$T/mgr/shims/python3"
	# 'whlie' is a name too: not the keyword at once, a few checker runs
	printf 'whlie = 0\nwhlie True:\n    break\n' >m.py
	python3 m.py 2>&1 | heal-detect --command '["python3","m.py"]' >rec || true
	PATH="$T/mgr/shims:$PATH" heal-analyze --explain <rec >out 2>"$T/explain"
	out=$(cat out)
	assert_equal "$(fix_get 'r["fixes"][0]["source"]')" search
	# many checker runs, and one run of the shim: the question
	[ "$(grep -Eo 'after [0-9]+ checker runs' "$T/explain" | grep -Eo '[0-9]+')" -gt 3 ]
	assert_equal "$(cat "$T/shim.log")" "-c"
}

@test "shell (bash -n): a for loop closed with 'fi' is closed with 'done', found by the search" {
	need bash
	printf '#!/bin/bash\nfor f in a b; do\n  echo "$f"\nfi\n' >m.sh
	search_fix bash m.sh
	assert_equal "$(fix_get 'r["fixes"][0]["source"]')" search
	heals bash m.sh
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
	HEAL_SEARCH_RUNS=200 search_fix make
	# 'else:' (right after the second else), and a '\\' that joins it to
	# the line before
	grep -q "insert ':' \[ins::@caret+1, .*deletes code: refused without a check" "$T/explain"
	grep -q "insert '.' \[ins:.@caret, .*deletes code: refused without a check" "$T/explain"
	assert_equal "$(fix_get '[f["source"] for f in r["fixes"]].count("search")')" 0
	run env HEAL_SEARCH_RUNS=200 heal --yes --no-wait -- make
	assert_failure
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
	search_fix terraform validate -no-color
	assert_equal "$(fix_get 'r["fixes"][0]["source"]')" search
	heals terraform validate -no-color
	grep -q '^  default = "eu-west-1"$' main.tf
}

@test "terraform: a block left open is reported where it opens; its '}' goes at the end of the file, on a line of its own" {
	need terraform
	unset TF_CLI_CONFIG_FILE
	printf 'variable "region" {\n  default = "eu-west-1"\n}\n\noutput "where" {\n  value = var.region\n' >main.tf
	search_fix terraform validate -no-color
	assert_equal "$(fix_get 'r["fixes"][0]["source"]')" search
	grep -q "search: 1. insert '}' .*: good" "$T/explain"
	heals terraform validate -no-color
	assert_equal "$(tail -n 1 main.tf)" "}"
	assert_equal "$(sed -n 6p main.tf)" "  value = var.region"
}

@test "ansible (ansible-playbook --syntax-check): a module name without its ':' gets one when the rule's indentation does not prove itself" {
	need ansible-playbook
	printf -- '- hosts: localhost\n  gather_facts: false\n  tasks:\n    - name: say hi\n      debug\n        msg: hi\n' >play.yml
	search_fix ansible-playbook --syntax-check play.yml
	grep -q 'search: the rule candidate (ansible.yaml-indentation): the error is still there' "$T/explain"
	assert_equal "$(fix_get 'r["fixes"][0]["source"]')" search
	heals ansible-playbook --syntax-check play.yml
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
	HEAL_SEARCH_RUNS=30 search_fix clang -fsyntax-only m.c
	assert_equal "$(fix_get 'len(r["fixes"])')" 0
	grep -q 'search: no candidate accepted after 30 checker runs' "$T/explain"
	run env HEAL_SEARCH_RUNS=30 heal --yes --no-wait -- clang -fsyntax-only m.c
	assert_failure
	cmp m.c orig.c
}

@test "a candidate that compiles only by deleting code is refused without a check" {
	need clang
	printf 'int f(int x)\n{\n\treturn x foo;\n}\n' >m.c
	cp m.c orig.c
	# deleting 'foo' would compile: the only way to
	sed 's/ foo;/;/' orig.c >del.c
	clang -fsyntax-only del.c
	HEAL_SEARCH_RUNS=60 search_fix clang -fsyntax-only m.c
	grep -q "delete 'foo' .*deletes code: refused without a check" "$T/explain"
	assert_equal "$(fix_get '[f["source"] for f in r["fixes"]].count("search")')" 0
	run env HEAL_SEARCH_RUNS=60 heal --yes --no-wait -- clang -fsyntax-only m.c
	assert_failure
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
	id=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["id"])' "$T/recs")
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
	run python3 -c 'import json,sys; r=json.loads(open(sys.argv[1]).readline()); print(r["fixes"][0]["confidence"] < 0.85)' "$T/plain"
	assert_output True
	search_fix python3 m.py
	grep -q 'search: the rule candidate (python.expected-indented-block): the checker passes the file it makes without an error or a warning: no search' "$T/explain"
	grep -q 'raised to 0.90, the checker' "$T/explain"
	assert_equal "$(fix_get 'r["fixes"][0]["source"]')" rule
	assert_equal "$(fix_get 'r["fixes"][0]["confidence"]')" 0.9
	heals python3 m.py
	run python3 m.py
	assert_output 2
}

@test "python: a statement's keyword one typo away ('elis', 'If') is the keyword, found by the search; an unseen later warning does not refuse it" {
	need python3
	# Python warns ('1[0]': not subscriptable) only after a whole parse: the
	# original, stopped at its error, never showed that warning
	printf 'x = [1]\nif x[0] > 1:\n    y = 1\nelis x[0] > 0:\n    y = 2\nz = 1[0] if False else 0\nprint(y)\n' >m.py
	search_fix python3 m.py
	assert_equal "$(fix_get 'r["fixes"][0]["source"]')" search
	assert_equal "$(fix_get 'r["fixes"][0]["edits"][0]["text"]')" elif
	heals python3 m.py
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
	# ('f,(1)' compiles, a comma operator: -Wall says so and it is refused)
	printf 'int f(int a, int b);\nint main(void) { return f(1); }\n' >m.c
	gcc -fsyntax-only m.c >out 2>&1 || true
	heal-detect --command '["gcc","-fsyntax-only","m.c"]' <out | head -n 1 >rec
	cat rec rec rec >rec3
	heal-analyze --explain <rec3 >out3 2>explain
	grep -q "a new warning at line 2: left-hand operand of comma expression has no effect" explain
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
