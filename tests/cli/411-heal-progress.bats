#!/usr/bin/env bats
# heal: proven progress is kept when the command cannot be healed; --atomic
# restores all or nothing; a run never ends with an error the start lacked.
bats_require_minimum_version 1.5.0
load helpers/loop

setup() {
	command -v gcc >/dev/null || skip "gcc is not installed"
	loop_setup
	printf 'int a(void)\n{\n\treturn 1\n}\n' >a.c
	printf 'int c(void)\n{\n\treturn undeclared_thing;\n}\n' >c.c
	cp a.c a.orig; cp c.c c.orig
}
teardown() { loop_teardown; }

@test "heal keeps the fix that proved itself and says what is left" {
	run --separate-stderr heal --yes --no-wait --records rec.ndjson -- gcc -fsyntax-only a.c c.c
	assert_failure 1
	grep -q 'return 1;' a.c
	cmp c.c c.orig
	[[ "$stderr" == *"1 fix kept that proved itself (1 of 2 errors left)"* ]]
	[[ "$stderr" == *"left: c.c:3: "*"undeclared_thing"* ]]
	[[ "$stderr" == *"manual intervention required"* ]]
	# the records and the changelog say so
	grep -q '"partial":true' rec.ndjson
	grep -q '"event":"healing_partial"' .heal/changelog.ndjson
	# the command reports fewer errors than at the start and none new
	run -1 gcc -fsyntax-only a.c c.c
	[[ "$output" == *undeclared_thing* ]]
	[[ "$output" != *"a.c"* ]]
}

@test "heal --atomic keeps nothing unless the command is healed" {
	run --separate-stderr heal --atomic --yes --no-wait -- gcc -fsyntax-only a.c c.c
	assert_failure 1
	cmp a.c a.orig
	cmp c.c c.orig
	[[ "$stderr" == *"rolling back"* ]]
}

@test "a kept fix after which the command reports an error it did not is undone" {
	# the compile fix lets the link run, which fails: a new error
	printf 'int missing_fn(void);\nint main(void)\n{\n\treturn missing_fn()\n}\n' >m.c
	cp m.c m.orig
	run --separate-stderr heal --yes --no-wait --max-attempts 1 -- gcc -o app m.c
	assert_failure
	cmp m.c m.orig
	[[ "$stderr" == *"undoing change set"* || "$stderr" == *"rolling back"* ]]
}
