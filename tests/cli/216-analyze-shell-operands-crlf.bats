#!/usr/bin/env bats
# More variants of the corpus's bash and shellcheck classes: tests whose
# operand is an operator or a split word, a wc count compared unquoted, a
# CRLF script that only says "unexpected end of file", shellcheck's tty
# format (no column) and its "is not a valid operator" wording. Real bash
# and shellcheck, healed through the heal driver.

load analyze-helpers

@test "shell variants: an empty operand ('[: !=: unary operator expected') and a split one ('[: my: binary operator expected')" {
	printf '#!/bin/bash\nval=""\n[ $val != "x" ] && echo ok\n' >a.sh
	run heal --yes --no-wait -- bash a.sh
	assert_success
	printf '#!/bin/bash\nval=""\n[ "$val" != "x" ] && echo ok\n' >want
	cmp want a.sh
	printf '#!/bin/bash\nf="my file.txt"\ntouch "$f"\n[ -f $f ]\n' >b.sh
	run heal --yes --no-wait -- bash b.sh
	assert_success
	grep -qx '\[ -f "$f" \]' b.sh
}

@test "shell variants: a wc -c count of a file in a subdirectory compared unquoted (too many arguments)" {
	mkdir data
	echo abc >data/in.txt
	printf '#!/bin/bash\nsize=$(wc -c data/in.txt)\nif [ $size -lt 100 ]; then\n  echo small\nelse\n  exit 1\nfi\n' >s.sh
	run heal --yes --no-wait -- bash s.sh
	assert_success
	printf '#!/bin/bash\nsize=$(wc -c < data/in.txt)\nif [ $size -lt 100 ]; then\n  echo small\nelse\n  exit 1\nfi\n' >want
	cmp want s.sh
}

@test "shell variants: a split count that does not come from wc: quoting does not cure it, the script is left as it was" {
	printf '#!/bin/bash\nn="3 4"\n[ $n -gt 1 ] || exit 1\n' >s.sh
	cp s.sh orig
	run heal --yes --no-wait -- bash s.sh
	assert_failure
	cmp orig s.sh
}

@test "shell variants: a CRLF script that bash reports only as an unexpected end of file" {
	printf '#!/bin/bash\r\nx=1\r\nif [ "$x" = 1 ]; then\r\n  echo ok\r\nfi\r\n' >s.sh
	run heal --yes --no-wait -- bash s.sh
	assert_success
	printf '#!/bin/bash\nx=1\nif [ "$x" = 1 ]; then\n  echo ok\nfi\n' >want
	cmp want s.sh
}

@test "shell variants: an LF script with a real unclosed if is not converted, the if is closed" {
	printf '#!/bin/bash\nif [ -d /tmp ]; then\n    echo yes\necho end\n' >s.sh
	run heal --yes --no-wait -- bash s.sh
	assert_success
	! grep -q $'\r' s.sh || false
	grep -qx 'fi' s.sh
}

@test "shellcheck variants: tty format (no column): \$@ unquoted in a for loop is quoted at the caret" {
	printf '#!/bin/bash\nfor a in $@; do\n  echo "$a"\ndone\n' >r.sh
	run heal --yes --no-wait -- shellcheck --color=never r.sh
	assert_success
	printf '#!/bin/bash\nfor a in "$@"; do\n  echo "$a"\ndone\n' >want
	cmp want r.sh
}

@test "shellcheck variants: tty format, an indented unquoted variable in a function" {
	printf '#!/bin/bash\nclean() {\n    local dir=$1\n    rm -r -- $dir\n}\nclean "$1"\n' >r.sh
	run heal --yes --no-wait -- shellcheck --color=never r.sh
	assert_success
	grep -qx '    rm -r -- "$dir"' r.sh
}

@test "shellcheck variants: '>=' in [[ ]] ('is not a valid operator. Use -ge .'), gcc format" {
	printf '#!/bin/bash\nn=$1\nif [[ "$n" >= 10 ]]; then\n  echo big\nfi\n' >c.sh
	run heal --yes --no-wait -- shellcheck --color=never -f gcc c.sh
	assert_success
	printf '#!/bin/bash\nn=$1\nif [[ "$n" -ge 10 ]]; then\n  echo big\nfi\n' >want
	cmp want c.sh
}
