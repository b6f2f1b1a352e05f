#!/usr/bin/env bats
# The tree's own rules (tests/README.md, docs/HACKING.md): every test file,
# unit test, man page and library source is listed in its meson.build (a
# file that is not listed is never built or run), no C file is over 1,500
# lines, and nothing includes heal_banned.h by hand (heal_common.h brings it
# to every compilation).

load 'helpers/bats-libs'

setup() {
	cd "$HEAL_SRC" || exit 1
}

@test "tree: every tests/cli/*.bats is listed in tests/meson.build" {
	for f in tests/cli/*.bats; do
		n=$(basename "$f" .bats)
		grep -q "^  '$n',\$" tests/meson.build || { echo "not listed: $n"; return 1; }
	done
}

@test "tree: every tests/unit/test-*.c is listed in tests/meson.build" {
	for f in tests/unit/test-*.c; do
		n=$(basename "$f" .c)
		n=${n#test-}
		grep -q "^  '$n',\$" tests/meson.build || { echo "not listed: $n"; return 1; }
	done
}

@test "tree: every man/*.scd is listed in man/meson.build" {
	for f in man/*.scd; do
		grep -q "'$(basename "$f")'" man/meson.build || { echo "not listed: $f"; return 1; }
	done
}

@test "tree: every lib/ source file is built by its folder's meson.build" {
	for f in $(find lib -name '*.c'); do
		d=$(dirname "$f")
		rel=$(basename "$f")
		# a subfolder's files are listed by its parent (lib/analyze/actions)
		[ -f "$d/meson.build" ] || { rel="$(basename "$d")/$rel"; d=$(dirname "$d"); }
		grep -q "'$rel'" "$d/meson.build" || { echo "not built: $f"; return 1; }
	done
}

@test "tree: no C file in lib/, tools/ or tests/ is over 1,500 lines" {
	run sh -c "find lib tools tests -name '*.[ch]' -exec wc -l {} + | awk '\$2 != \"total\" && \$1 > 1500'"
	assert_success
	assert_output ''
}

@test "tree: tools stay thin (under 300 lines)" {
	run sh -c "wc -l tools/*.c | awk '\$2 != \"total\" && \$1 >= 300'"
	assert_output ''
}

@test "tree: heal_banned.h is included only by heal_common.h" {
	run grep -rln '#include "heal_banned.h"' lib tools tests/unit
	assert_output 'lib/base/heal_common.h'
}

@test "tree: a banned function does not compile" {
	command -v cc >/dev/null || skip "no C compiler"
	printf '#include <string.h>\nvoid f(char *d, const char *s) { strcpy(d, s); }\n' >"$BATS_TEST_TMPDIR/b.c"
	run cc -c -include lib/base/heal_common.h -Ilib/base -o /dev/null "$BATS_TEST_TMPDIR/b.c"
	assert_failure
	assert_output --partial 'sorry_strcpy_is_a_banned_function'
}
