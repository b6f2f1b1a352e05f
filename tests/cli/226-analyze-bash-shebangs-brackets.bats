#!/usr/bin/env bats
# bash error classes next to the corpus's: a script run with a CRLF or a
# misspelled '#!' line, 'env NAME' for a misspelled interpreter, and a test
# whose ']' is glued to its last word or missing.  Each is healed through
# the real heal driver with the minimal change; undetermined variants are
# left byte-identical.

load analyze-helpers

# a run.sh that calls tools/helper.sh, whose text is $1
helper_project() {
	mkdir -p tools
	printf '#!/bin/bash\nset -e\n./tools/helper.sh build\necho done\n' >run.sh
	printf "$1" >tools/helper.sh
	chmod 755 tools/helper.sh
}

@test "bash classes: a helper script saved with CRLF line ends is converted to LF" {
	helper_project '#!/bin/bash\r\necho "helper $1"\r\n'
	detected "cannot execute" bash run.sh
	[ "$(fix_get 'r["file"], r["line"], r["severity"], r["tool"]')" = '["run.sh", 3, "error", "bash"]' ]
	run heal --yes --no-wait -- bash run.sh
	assert_success
	run bash run.sh
	assert_output $'helper build\ndone'
	printf '#!/bin/bash\necho "helper $1"\n' >want
	cmp want tools/helper.sh
	[ "$(stat -c %a tools/helper.sh)" = 755 ]
}

@test "bash classes: a misspelled '#!' interpreter becomes the near one" {
	helper_project '#!/bin/bahs\necho "helper $1"\n'
	run heal --yes --no-wait -- bash run.sh
	assert_success
	printf '#!/bin/bash\necho "helper $1"\n' >want
	cmp want tools/helper.sh
}

@test "bash classes: a '#!' interpreter that is no near typo (or a tie) is left byte-identical" {
	helper_project '#!/opt/tool/bin/runner\necho "helper $1"\n'
	left_alone tools/helper.sh bash run.sh
	# /bin/bsh is one edit from /bin/sh and from /bin/bash
	printf '#!/bin/bsh\necho "helper $1"\n' >tools/helper.sh
	left_alone tools/helper.sh bash run.sh
}

@test "bash classes: 'env pyhton3' in a shebang becomes 'env python3' in the one script that has it" {
	helper_project '#!/usr/bin/env pyhton3\nimport sys\nprint("helper", sys.argv[1])\n'
	detected "pyhton3" bash run.sh
	[ "$(fix_get 'r["tool"], r["severity"], r["message"]')" = '["env", "error", "‘pyhton3’: No such file or directory"]' ]
	run heal --yes --no-wait -- bash run.sh
	assert_success
	run bash run.sh
	assert_output $'helper build\ndone'
	printf '#!/usr/bin/env python3\nimport sys\nprint("helper", sys.argv[1])\n' >want
	cmp want tools/helper.sh
}

@test "bash classes: 'env NAME' for a program with no near interpreter is left byte-identical" {
	helper_project '#!/usr/bin/env frobnicate\necho hi\n'
	left_alone tools/helper.sh bash run.sh
}

@test "bash classes: a ']' glued to the test's last word gets its space, quoted or not; a bracket in a string stays" {
	printf '#!/bin/bash\nf=data.txt\nn=2\n: >"$f"\nif [ "$n" -eq 2]; then\n\t[ -f "$f"] || exit 1\n\techo ok >&2\n\techo "usage: [ name]" >/dev/null\nelse\n\texit 1\nfi\n' >s.sh
	run heal --yes --no-wait -- bash s.sh
	assert_success
	run bash s.sh
	assert_output ok
	printf '#!/bin/bash\nf=data.txt\nn=2\n: >"$f"\nif [ "$n" -eq 2 ]; then\n\t[ -f "$f" ] || exit 1\n\techo ok >&2\n\techo "usage: [ name]" >/dev/null\nelse\n\texit 1\nfi\n' >want
	cmp want s.sh
}

@test "bash classes: a test without its ']' before '; then' is closed there" {
	printf '#!/bin/sh\nn=0\nwhile [ "$n" -lt 3 ; do\n  n=$((n + 1))\ndone\nif [ "$n" -eq 3; then\n  echo ok\nelse\n  exit 1\nfi\n' >s.sh
	run heal --yes --no-wait -- bash s.sh
	assert_success
	printf '#!/bin/sh\nn=0\nwhile [ "$n" -lt 3 ]; do\n  n=$((n + 1))\ndone\nif [ "$n" -eq 3 ]; then\n  echo ok\nelse\n  exit 1\nfi\n' >want
	cmp want s.sh
}

@test "bash classes: a missing ']' with no place determined for it is left byte-identical" {
	printf '#!/bin/bash\nx=1\n[ "$x" = 2 -o "$x" = 3 && echo yes\nexit 1\n' >s.sh
	left_alone s.sh bash s.sh
}
