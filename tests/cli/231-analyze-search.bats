#!/usr/bin/env bats
# heal-analyze's repair search with the real checkers on real broken C and
# Python files: a fix found by search, healed by `heal` and proven by
# heal-validate (233 holds the other languages and the search's bounds).
bats_require_minimum_version 1.5.0

load 'helpers/search'

@test "c (clang): a rule's wrong fix is refused by the checker, the search inserts the missing ','" {
	need clang
	printf '#include <stdio.h>\nint main(void)\n{\n\tint x = 1;\n\tprintf("%%d\\n" x);\n\treturn 0;\n}\n' >m.c
	heal_searched clang -fsyntax-only m.c
	assert_equal "$heal_status" 0
	grep -q 'search: the rule candidate (c.expected-closing-paren): new error' "$T/explain"
	assert_equal "$(fix_get 'r["fixes"][0]["source"]')" search
	assert_equal "$(fix_get 'r["fixes"][0]["edits"][0]["text"]')" ","
	grep -q 'printf("%d\\n", x);' m.c
	grep -q '"fix_id":"search.1"' .heal/changelog.ndjson
}

@test "c (clang): a warning clang left out after the error (an unused variable, a missing return) does not refuse the edit" {
	need clang
	# clang skips a scope's unused variables and its analysis-based
	# warnings while the file has an error: the error's fix lets them show
	printf '#include <stdio.h>\nint f(int x)\n{\n\tfloat a, y;\n\tscanf("%%f",&y,);\n\tif (x) return 1;\n}\n' >m.c
	sed 's/,);/);/' m.c | clang -Wall -fsyntax-only -x c - >"$T/fixed.out" 2>&1 || true
	grep -q "unused variable 'a'" "$T/fixed.out"
	grep -q "non-void function does not return a value" "$T/fixed.out"
	heal_searched clang -fsyntax-only m.c
	assert_equal "$heal_status" 0
	assert_equal "$(fix_get 'r["fixes"][0]["source"]')" search
	assert_equal "$(fix_get 'r["fixes"][0]["description"]')" "delete ',' at m.c:5"
	grep -q 'scanf("%f",&y);' m.c
}

@test "c (clang): warnings held back by the error that the fix lets show are the author's: an assignment in a condition that did not parse, another function's infinite recursion" {
	need clang
	# '\0' out of its quotes in a condition that assigns (the author's
	# '=', a bug the fix does not make), and a function further down
	# that calls itself on every path (clang's analysis-based warning,
	# skipped while the file has an error)
	printf '#include <stdio.h>\nint len(char *s)\n{\n\tint i = 0;\n\twhile (s[i] = \\0)\n\t\ti++;\n\treturn i;\n}\nint g(int n)\n{\n\treturn g(n);\n}\n' >m.c
	sed "s/\\\\0/'\\\\0'/" m.c >fixed.c
	grep -q "(s\[i\] = '\\\\0')" fixed.c
	run clang -Wall -fsyntax-only fixed.c
	assert_output --partial "using the result of an assignment as a condition"
	assert_output --partial "all paths through this function will call itself"
	heal_searched clang -Wall -fsyntax-only m.c
	assert_equal "$heal_status" 0
	cmp m.c fixed.c
}

@test "c (clang): a key's shift slipped: ',=' for '<=', 'CHAR-MAX' for 'CHAR_MAX', each exact" {
	need clang
	printf '#include <limits.h>\n#include <stdio.h>\nint main(void)\n{\n\tint i, n = 8;\n\tfor (i = 1; i,=(n/2); i++)\n\t\tprintf("%%d\\n", i);\n\tprintf("%%d\\n", CHAR-MAX);\n\treturn 0;\n}\n' >m.c
	sed -e 's/i,=/i<=/' -e 's/CHAR-MAX/CHAR_MAX/' m.c >fixed.c
	heal_searched clang -Wall -fsyntax-only m.c
	assert_equal "$heal_status" 0
	cmp m.c fixed.c
}

@test "c (clang): a stray key inside a name the compiler does not know is dropped ('INT_,MAX' for 'INT_MAX'); a ',' between two known names is left to the rest" {
	need clang
	printf '#include <limits.h>\n#include <stdio.h>\nint main(void)\n{\n\tlong d = INT_,MAX;\n\tprintf("%%ld\\n", d);\n\treturn 0;\n}\n' >m.c
	sed 's/INT_,MAX/INT_MAX/' m.c >fixed.c
	heal_searched clang -Wall -fsyntax-only m.c
	assert_equal "$heal_status" 0
	cmp m.c fixed.c
	grep -q 'slip:stray@caret' "$T/explain"
}

@test "c (clang, gcc): a number a for's step counts ('1--') is the counter the header sets and compares" {
	need clang
	printf '#include <stdio.h>\nint main(void)\n{\n\tint k, s = 0;\n\tfor (k = 10; k > 0; 1--)\n\t\ts += k;\n\tprintf("%%d\\n", s);\n\treturn 0;\n}\n' >m.c
	sed 's/; 1--)/; k--)/' m.c >fixed.c
	cp m.c orig.c
	mends clang
	need gcc
	mends gcc
}

@test "c (clang, gcc): a declarator that redefines a name takes the name the other errors say is undeclared: one edit answers all" {
	need clang
	# 'grid' is used three times and never declared; 'n' is declared
	# twice: renaming the second 'n' to a name a typo away ('m') would
	# answer the first error only
	printf '#include <stdio.h>\nint main(void)\n{\n\tint n, m, n[3][3];\n\tfor (m = 0; m < 3; m++)\n\t\tgrid[m][m] = 1;\n\tn = grid[0][0] + grid[1][1];\n\tprintf("%%d\\n", n);\n\treturn 0;\n}\n' >m.c
	sed 's/int n, m, n\[3\]/int n, m, grid[3]/' m.c >fixed.c
	grep -q 'int n, m, grid\[3\]\[3\];' fixed.c
	cp m.c orig.c
	mends clang
	grep -q 'rep:\$id ~> \$id.err@caret' "$T/explain"
	need gcc
	mends gcc
}

@test "c (clang, gcc): an 'else' without its 'if' after a statement is deleted; after a '{' it is not (the brace is the slip)" {
	need clang
	# a loop's 'else', as Python has one: the loop's '}' ends the
	# statement before it
	printf '#include <stdio.h>\nint main(void)\n{\n\tint i, n = 7;\n\tfor (i = 2; i < n; i++) {\n\t\tif (n %% i == 0)\n\t\t\treturn 1;\n\t}\n\telse printf("prime\\n");\n\treturn 0;\n}\n' >m.c
	sed 's/^\telse printf/\tprintf/' m.c >fixed.c
	grep -q '^.printf("prime' fixed.c
	cp m.c orig.c
	mends clang
	need gcc
	mends gcc
	# '{ else {': deleting the else leaves the '{' open; not tried as a
	# deletion that loses nothing
	printf '#include <stdio.h>\nint main(void)\n{\n\tint a = 1;\n\tif (a < 0) {\n\t\tprintf("neg");\n\t{ else {\n\t\tprintf("pos");\n\t}\n\treturn 0;\n}\n' >m.c
	cp m.c orig.c
	heal_searched clang -fsyntax-only m.c
	grep -q "delete 'else.*refused without a check" "$T/explain"
	! grep -q '^\t{ {' m.c
}

@test "c (clang): a quote too many joins two formats; the format warnings it lets show are the author's, and an edit that leaves only warnings beats one that leaves errors" {
	need clang
	# the deleted quote makes one format of two ('%%.d' is no scanf
	# conversion: the author's, held back while the call did not parse);
	# moving the quote instead is 'good' too but leaves errors
	printf '#include <stdio.h>\nint main(void)\n{\n\tint a, b;\n\tscanf("%%.d",%%.d",&a,&b);\n\tif (a < b);\n\treturn a + b;\n}\n' >m.c
	sed 's/"%.d",%.d"/"%.d,%.d"/' m.c >fixed.c
	grep -qF 'scanf("%.d,%.d",&a,&b);' fixed.c
	run clang -Wall -fsyntax-only fixed.c
	assert_success
	assert_output --partial "invalid conversion specifier"
	heal_searched clang -Wall -fsyntax-only m.c
	assert_equal "$heal_status" 0
	cmp m.c fixed.c
}

@test "c and python: a call's argument that is text, not code, is quoted (printf(%s,ch), scanf(%d %d,...), input(how old are you?)), all in one heal" {
	need clang
	printf '#include <stdio.h>\nint main(void)\n{\n\tchar ch[4] = "ab";\n\tint n, m;\n\tscanf(%%d %%d,&n,&m);\n\tprintf(%%s,ch);\n\tprintf(\\n);\n\treturn n + m;\n}\n' >m.c
	heal_searched clang -fsyntax-only m.c
	assert_equal "$heal_status" 0
	assert_equal "$(fix_get 'r["fixes"][0]["edits"][0]["text"]')" '"%d %d"'
	grep -q "the one the site calls for (quote:" "$T/explain"
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
	heal_searched clang -fsyntax-only m.c
	assert_equal "$heal_status" 0
	assert_equal "$(fix_get 'r["fixes"][0]["edits"][0]["text"]')" '==1||a==21||a=='
	grep -qF 'if(a==1||a==21||a==31)' m.c
	grep -qF 'for(i=0;i<n;i++)' m.c
}

@test "c (clang): a fix of two edits, the second at the error the first left ('x;)' -> 'x);'), tried after the single edits and proven" {
	need clang
	printf '#include <stdio.h>\nint main(void)\n{\n\tint x = 1;\n\tprintf("%%d\\n", x;)\n\treturn 0;\n}\n' >m.c
	heal_searched clang -fsyntax-only m.c
	assert_equal "$heal_status" 0
	grep -q '^search: .* second edits after the .* candidates that made progress' "$T/explain"
	grep -q "^search: chosen .*: replace ';)' with ');' at m.c:5: the first pair of edits" "$T/explain"
	assert_equal "$(fix_get 'r["fixes"][0]["source"]')" search
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
	heal_searched clang -fsyntax-only m.c
	assert_equal "$heal_status" 0
	assert_equal "$(fix_get 'r["fixes"][0]["edits"][0]["text"]')" '"let'"'"'s \"C\""'
	grep -qF 'printf("let'"'"'s \"C\"");' m.c
	grep -qF 'printf("a new line.\n");' m.c
}

@test "c (clang): an error where a macro is used is searched where the macro says it ('#define N 10;')" {
	need clang
	printf '#define N 10;\nint sum(int a[][N], int n)\n{\n\treturn a[0][0] + n;\n}\n' >m.c
	heal_searched clang -fsyntax-only m.c
	assert_equal "$heal_status" 0
	grep -q "^search: the edits go where the macro says it: m.c:1:13 (expanded from macro 'N')" "$T/explain"
	assert_equal "$(head -n 1 m.c)" "#define N 10"
}

@test "c++ (g++): the search closes an initializer list" {
	need g++
	printf '#include <vector>\nint main()\n{\n\tstd::vector<int> v{1, 2, 3;\n\treturn v[0];\n}\n' >m.cpp
	heal_searched g++ -fsyntax-only m.cpp
	assert_equal "$heal_status" 0
	assert_equal "$(fix_get 'r["fixes"][0]["source"]')" search
	grep -q 'v{1, 2, 3}' m.cpp
}

@test "python: a missing comma between two items, found by the search and proven" {
	need python3
	printf 'items = [1, 2 3]\nprint(items)\n' >m.py
	heal_searched python3 m.py
	assert_equal "$heal_status" 0
	assert_equal "$(fix_get 'r["fixes"][0]["source"]')" search
	grep -q '^items = \[1, 2, 3\]$' m.py
}

@test "python: 'Perhaps you forgot a comma?' in a chain of '+': the operator between the two operands it underlines" {
	need python3
	printf 'name = "x"\nn = 2\nprint("name: "+name" # "+str(n))\n' >m.py
	heal_searched python3 m.py
	assert_equal "$heal_status" 0
	assert_equal "$(fix_get 'r["fixes"][0]["source"]')" search
	run python3 m.py
	assert_output 'name: x # 2'
}

@test "python: a second error compile() could not reach before the first was fixed is no new error: both fixed in turn" {
	need python3
	printf 'name = "x"\nprint("Hi " +, name)\nprint("Bye " +, name)\n' >m.py
	heal_searched python3 m.py
	assert_equal "$heal_status" 0
	grep -q 'search: the error at line 3 (invalid syntax) is past the edit and there without the lines before it' "$T/explain"
	assert_equal "$(fix_get 'r["fixes"][0]["source"]')" search
	run python3 m.py
	assert_output $'Hi x\nBye x'
	[ "$(grep -c '"event":"fix_validated".*"validation_result":"passed"' .heal/changelog.ndjson)" -eq 2 ]
}

@test "python: a student's if/else with the else indented under the body, a second ':' missing in the block, and an 'else if': each found, proven, fixed in turn" {
	need python3
	printf 'a = 3\nb = 1\nif a > b:\n    x = a\n    print(x)\n    else:\n        x = b\nfor i in range(2):\n    if(i == 0)\n        print("zero")\n    else if i == 1:\n        print("one")\n' >m.py
	cp m.py orig.py
	heal_searched python3 m.py
	assert_equal "$heal_status" 0
	assert_equal "$(fix_get 'r["fixes"][0]["source"]')" search
	grep -q 'indent:clause@line' "$T/explain"
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
	heal_searched python3 m.py
	assert_equal "$heal_status" 0
	grep -q 'search: the error at line 2 (invalid syntax) is before the edit and there without the lines from it on' "$T/explain"
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
