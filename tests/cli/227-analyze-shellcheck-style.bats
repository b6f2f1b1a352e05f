#!/usr/bin/env bats
# shellcheck classes next to the corpus's: useless cat (SC2002), grep | wc -l
# (SC2126), '! -z' (SC2236), '$' in arithmetic (SC2004), declare and assign
# separately (SC2155), and a tty report with two findings on one line.  A
# script with only these findings is healed by the real heal driver, in the
# gcc and the tty format; the undetermined variants are left byte-identical.

load analyze-helpers

setup_file() {
	command -v shellcheck >/dev/null || skip "no shellcheck"
}

@test "shellcheck classes: useless cat, grep | wc -l and '! -z' are healed (gcc format)" {
	printf '#!/bin/bash\nf=data.txt\nprintf "a|b\\nc\\n" >"$f"\ncat "$f" | grep -v "a|b" | sort\nn=$(cat data.txt | wc -l)\nm=$(grep -i c "$f" | wc -l)\nif [ ! -z "$n" ] && [[ ! -n "$m" ]]; then echo no; fi\necho "$n $m"\n' >s.sh
	run heal --yes --no-wait -- shellcheck --color=never -f gcc s.sh
	assert_success
	printf '#!/bin/bash\nf=data.txt\nprintf "a|b\\nc\\n" >"$f"\ngrep -v "a|b" < "$f" | sort\nn=$(wc -l < data.txt)\nm=$(grep -i -c c "$f")\nif [ -n "$n" ] && [[ -z "$m" ]]; then echo no; fi\necho "$n $m"\n' >want
	diff want s.sh
	run bash s.sh
	assert_output $'c\n2 1'
}

@test "shellcheck classes: '\$' in arithmetic and declare-then-assign are healed (tty format)" {
	printf '#!/bin/bash\nstamp() {\n  local out=$(date +%%s)\n  echo $(( ${out} - $out ))\n}\nexport WHEN="$(date "+%%F %%T")"\nreadonly ZERO=$(stamp)\necho "$WHEN $ZERO"\n' >s.sh
	run heal --yes --no-wait -- shellcheck --color=never s.sh
	assert_success
	printf '#!/bin/bash\nstamp() {\n  local out\n  out=$(date +%%s)\n  echo $(( out - out ))\n}\nWHEN="$(date "+%%F %%T")"\nexport WHEN\nZERO=$(stamp)\nreadonly ZERO\necho "$WHEN $ZERO"\n' >want
	diff want s.sh
}

@test "shellcheck classes: the tty format's two findings on one line are each fixed at their own caret" {
	printf '#!/bin/sh\nname=$1\nif [ ! -z "$name" ]; then echo $name; fi\n' >s.sh
	run heal --yes --no-wait -- shellcheck --color=never s.sh
	assert_success
	printf '#!/bin/sh\nname=$1\nif [ -n "$name" ]; then echo "$name"; fi\n' >want
	diff want s.sh
}

@test "shellcheck classes: cat into a loop, grep over a glob or with -o, and local -r are left byte-identical" {
	printf '#!/bin/bash\ncat list.txt | while read -r l; do echo "$l"; done\n' >a.sh
	left_alone a.sh shellcheck --color=never -f gcc a.sh
	printf '#!/bin/bash\nn=$(grep foo ./*.txt | wc -l)\nm=$(grep -o foo x.txt | wc -l)\necho "$n $m"\n' >b.sh
	left_alone b.sh shellcheck --color=never -f gcc b.sh
	printf '#!/bin/bash\nf() {\n  local -r v=$(date)\n  echo "$v"\n}\nf\n' >c.sh
	# shellcheck does not report local -r (exit 0): heal has nothing to do and changes nothing
	cp -p c.sh "$BATS_TEST_TMPDIR/c.orig"
	heal --yes --no-wait -- shellcheck --color=never c.sh
	cmp "$BATS_TEST_TMPDIR/c.orig" c.sh
}
