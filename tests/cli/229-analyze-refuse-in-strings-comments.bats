#!/usr/bin/env bats
# Fixes that must stay in code: each input once made a class rule (220-228)
# apply a change that compiled or ran but changed what the program means, or
# rewrote a docstring, comment, string or here-document.  Each is run through the
# real heal driver and compared with the correct minimal fix or with the
# untouched original.

load analyze-helpers

PY=/usr/bin/python3
SC=(shellcheck --color=never -f gcc s.sh)

@test "refused in strings, comments, here-documents: grep -e PATTERN | wc -l is not made 'grep -e -c PATTERN' (-c would be -e's argument)" {
	command -v shellcheck >/dev/null || skip "no shellcheck"
	printf '#!/bin/bash\nprintf "a\\n-c\\nb\\n" >f\nn=$(grep -e a f | wc -l)\necho "$n"\n' >s.sh
	left_alone s.sh "${SC[@]}"
	printf '#!/bin/bash\nprintf "a\\n" >p\nn=$(grep -f p data.txt | wc -l)\necho "$n"\n' >s.sh
	left_alone s.sh "${SC[@]}"
}

@test "refused in strings, comments, here-documents: 'local x=\$(f \"\$x\")' is not split (a bare 'local x' hides the outer x it reads)" {
	command -v shellcheck >/dev/null || skip "no shellcheck"
	printf '#!/bin/bash\npath=/a/b/c\nup() {\n  local path=$(dirname "$path")\n  echo "$path"\n}\nup\n' >s.sh
	left_alone s.sh "${SC[@]}"
	run bash s.sh
	assert_output /a/b
}

@test "refused in strings, comments, here-documents: 'cat f | read x' is not made 'read x < f' (read would then set x in this shell)" {
	command -v shellcheck >/dev/null || skip "no shellcheck"
	printf '#!/bin/bash\necho hi >notes.txt\ncat notes.txt | read -r first\necho "$first"\n' >s.sh
	left_alone s.sh "${SC[@]}"
	printf '#!/bin/bash\necho hi >notes.txt\ncat notes.txt | mapfile -t lines\necho "${#lines[@]}"\n' >s.sh
	left_alone s.sh "${SC[@]}"
}

@test "refused in strings, comments, here-documents: '! -z' in a quoted string on the test's line is left as written" {
	command -v shellcheck >/dev/null || skip "no shellcheck"
	printf '#!/bin/bash\nx=$1\n[ ! -z "$x" ] || echo "usage: want ! -z arg"\n' >s.sh
	run heal --yes --no-wait -- "${SC[@]}"
	assert_success
	printf '#!/bin/bash\nx=$1\n[ -n "$x" ] || echo "usage: want ! -z arg"\n' >want
	cmp want s.sh
}

@test "refused in strings, comments, here-documents: a print statement is converted, the word print in a docstring is not" {
	printf 'def f(n):\n    """Report n.\n\n    print the value of n\n    """\n    print "n is", n\n\nf(2)\n' >m.py
	run heal --yes --no-wait -- $PY m.py
	assert_success
	printf 'def f(n):\n    """Report n.\n\n    print the value of n\n    """\n    print("n is", n)\n\nf(2)\n' >want
	cmp want m.py
}

@test "refused in strings, comments, here-documents: null becomes None in code, not in a docstring (''' or \"\"\")" {
	printf "def f(d):\n    \"\"\"Return the value.\n\n    null is returned for a missing key\n    \"\"\"\n    return d.get(\"k\", null)\n\nX = '''\nnull\n'''\nprint(f({}), X)\n" >m.py
	run heal --yes --no-wait -- $PY m.py
	assert_success
	printf "def f(d):\n    \"\"\"Return the value.\n\n    null is returned for a missing key\n    \"\"\"\n    return d.get(\"k\", None)\n\nX = '''\nnull\n'''\nprint(f({}), X)\n" >want
	cmp want m.py
}

@test "refused in strings, comments, here-documents: '=' in a condition is fixed in code, not in a multi-line string" {
	printf 'HELP = """\nif mode = x:\n"""\nmode = "x"\nif mode = "x":\n    print(HELP)\n' >m.py
	run heal --yes --no-wait -- $PY m.py
	assert_success
	printf 'HELP = """\nif mode = x:\n"""\nmode = "x"\nif mode == "x":\n    print(HELP)\n' >want
	cmp want m.py
}

@test "refused in strings, comments, here-documents: typographic quotes pasted into code are fixed, those of a comment on the line are not" {
	printf '#include <stdio.h>\nint main(void)\n{\n\tputs(“hi”); /* prints “hi” */\n\tputs(‘x’ == 120 ? "y" : "n"); // ‘x’\n\treturn 0;\n}\n' >m.c
	run heal --yes --no-wait -- gcc -o m m.c
	assert_success
	printf '#include <stdio.h>\nint main(void)\n{\n\tputs("hi"); /* prints “hi” */\n\tputs('"'x'"' == 120 ? "y" : "n"); // ‘x’\n\treturn 0;\n}\n' >want
	cmp want m.c
}

@test "refused in strings, comments, here-documents: printf(fmt) of a format string with %% is left byte-identical (\"%s\" would print %%)" {
	printf '#include <stdio.h>\nint main(void)\n{\n\tconst char *fmt = "done: 100%%%%\\n";\n\tprintf(fmt);\n\treturn 0;\n}\n' >m.c
	left_alone m.c gcc -Wall -Werror=format-security -o m m.c
}

@test "refused in strings, comments, here-documents: a glued ']' is fixed in the test, not in a here-document's text" {
	printf '#!/bin/bash\nusage() {\n\tcat <<EOF\nusage: s.sh NAME\n[ NAME is required]\nEOF\n}\n[ -n "$1"] || { usage; exit 1; }\necho ok\n' >s.sh
	run heal --yes --no-wait -- bash s.sh x
	assert_success
	printf '#!/bin/bash\nusage() {\n\tcat <<EOF\nusage: s.sh NAME\n[ NAME is required]\nEOF\n}\n[ -n "$1" ] || { usage; exit 1; }\necho ok\n' >want
	cmp want s.sh
}

@test "refused in strings, comments, here-documents: a missing ']' before '; then' is added in the test, not in a <<- here-document" {
	printf '#!/bin/bash\ncat <<-EOF\n\tif [ x; then\n\tEOF\nif [ "$1" = y; then echo yes; else exit 1; fi\n' >s.sh
	run heal --yes --no-wait -- bash s.sh y
	assert_success
	printf '#!/bin/bash\ncat <<-EOF\n\tif [ x; then\n\tEOF\nif [ "$1" = y ]; then echo yes; else exit 1; fi\n' >want
	cmp want s.sh
}

@test "refused in strings, comments, here-documents: 'while line = f.readline():' (a lost ':=') is not made a comparison" {
	printf 'import io\nf = io.StringIO("a\\nb\\n")\nline = None\nn = 0\nwhile line = f.readline():\n    n += 1\nprint(n)\n' >m.py
	left_alone m.py $PY m.py
}
