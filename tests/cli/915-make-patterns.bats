#!/usr/bin/env bats
# The make patterns of heal-integration(7), on copies of examples/c-make.

bats_require_minimum_version 1.5.0
load 'helpers/bats-libs'

setup() {
	[ -x "$HEAL_BUILD/tools/heal" ] || skip "heal is not built yet"
	PROJ=$(mktemp -d "${BATS_TMPDIR:-/tmp}/heal-make.XXXXXX")
	cp -R "$HEAL_SRC/examples/c-make/." "$PROJ"
	cd "$PROJ" || return 1
	export HEAL_LOCK_TIMEOUT=10 LC_ALL=C
	unset HEAL_ENV
}

teardown() {
	cd / && rm -rf "$PROJ"
}

@test "make CC='heal --yes --quiet -- gcc': a failing compile is healed in place" {
	sed -i 's/totl,/total,/' main.c    # one error: the missing include
	run make CC='heal --yes --quiet -- gcc'
	assert_success
	refute_output --partial 'heal: '
	run ./app a bb
	assert_output "2 words, the longest has 2 letters"
	grep -q '#include <string.h>' main.c
}

@test "make CC='heal --dry-run --quiet -- gcc': make fails as before, nothing changes" {
	before=$(sha256sum main.c)
	run make CC='heal --dry-run --quiet -- gcc'
	assert_failure 2
	assert_output --partial '+#include <string.h>'
	assert_equal "$(sha256sum main.c)" "$before"
}

@test "a heal target: make heal" {
	printf '\nheal:\n\theal --yes --no-wait -- $(MAKE) app\n.PHONY: heal\n' >>Makefile
	run make heal
	assert_success
	assert_output --partial 'heal: healed'
	run make -s app
	assert_success
}
