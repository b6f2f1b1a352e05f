#!/usr/bin/env bats
# Variants of the corpus's bash classes, healed through the real heal driver:
# the script succeeds afterwards and the change is the minimal one.

load analyze-helpers

@test "bash variants: wc -l and wc -w counts of a file in a subdirectory, backticks and \$()" {
	mkdir data
	printf 'a\nb\nc\n' >data/rows.csv
	printf '#!/bin/bash\nset -u\nn=`wc -l data/rows.csv`\nw=$(wc -w data/rows.csv)\nif [ "$n" -ge 3 ] && [ "$w" -eq 3 ]; then\n\techo ok\nelse\n\texit 1\nfi\n' >s.sh
	run heal --yes --no-wait -- bash s.sh
	assert_success
	printf '#!/bin/bash\nset -u\nn=`wc -l < data/rows.csv`\nw=$(wc -w < data/rows.csv)\nif [ "$n" -ge 3 ] && [ "$w" -eq 3 ]; then\n\techo ok\nelse\n\texit 1\nfi\n' >want
	cmp want s.sh
}

@test "bash variants: a quoted file name given to wc -c; a count that is only printed stays" {
	echo hi >notes.txt
	printf 'count=$(wc -c "notes.txt")\necho "$(wc -c notes.txt)"\n[ "$count" -gt 0 ] || exit 1\n' >t.sh
	run heal --yes --no-wait -- bash t.sh
	assert_success
	printf 'count=$(wc -c < "notes.txt")\necho "$(wc -c notes.txt)"\n[ "$count" -gt 0 ] || exit 1\n' >want
	cmp want t.sh
}

@test "bash variants: the counted file comes from a variable: left byte-identical" {
	printf 'a\nb\n' >in.txt
	printf 'f=in.txt\nn=$(wc -l $f)\n[ "$n" -gt 5 ] || exit 1\n' >u.sh
	chmod 750 u.sh
	cp -p u.sh orig
	run heal --yes --no-wait -- bash u.sh
	assert_failure
	cmp orig u.sh
	[ "$(stat -c %a u.sh)" = 750 ]
}
