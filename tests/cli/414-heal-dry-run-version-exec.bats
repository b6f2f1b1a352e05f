#!/usr/bin/env bats
# Small promises of the man pages: a dry run writes no changelog, -V is
# --version on every tool, a program the kernel cannot execute is 126 with
# the reason.
bats_require_minimum_version 1.5.0
load helpers/loop

setup() { loop_setup; }
teardown() { loop_teardown; }

@test "heal --dry-run writes no changelog, so health has no open incident from it" {
	cp -r "$HEAL_SRC/examples/c-make/." .
	run --separate-stderr heal --dry-run --no-wait -- make
	assert_failure 2
	[[ "$stderr" == *"dry run:"* ]]
	[ ! -e .heal/changelog.ndjson ]
	run heal-log --health
	[[ "$output" == "health: 1.000 excellent (0 open, 0 critical)"* ]]
	# --records keeps what the dry run found
	run --separate-stderr heal --dry-run --no-wait --records recs.ndjson -- make
	[ -s recs.ndjson ]
	[ ! -e .heal/changelog.ndjson ]
}

@test "-V is --version on every tool" {
	for t in heal heal-detect heal-analyze heal-fix heal-validate heal-log heal-mcp; do
		run -0 "$t" -V </dev/null
		[[ "$output" == "$t (heal) "* ]] || { echo "$t -V: $output"; return 1; }
		assert_equal "$output" "$("$t" --version </dev/null)"
	done
}

@test "a script without '#!' is 126, with the reason and the way out" {
	printf 'echo hi\n' >script.sh
	chmod +x script.sh
	run --separate-stderr heal -- ./script.sh
	assert_failure 126
	[[ "$stderr" == *"cannot run './script.sh': Exec format error"* ]]
	[[ "$stderr" == *"needs a '#!' line"*"heal -- sh ./script.sh"* ]]
	mkdir adir
	run --separate-stderr heal -- ./adir
	assert_failure 126
}
