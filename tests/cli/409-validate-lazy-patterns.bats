#!/usr/bin/env bats
# heal-validate loads heal's own pattern files only when a command's output
# is to be read: a re-run that prints nothing opens none of them.  A user's
# pattern files (--patterns) and a data directory HEAL_DATA_DIR names are
# still checked whole at start-up.
bats_require_minimum_version 1.5.0
load helpers/loop

setup() {
	loop_setup
	command -v strace >/dev/null || skip "no strace"
	printf '#include <stdio.h>\nint main(void)\n{\n\tint count = 2;\n\tprintf("%%d\\n", conut);\n\treturn 0;\n}\n' >main.c
	CMD='["gcc","-Wall","-o","app","main.c"]'
}
teardown() { loop_teardown; }

# (LeakSanitizer stops the world with ptrace, which strace holds already:
# the traced runs of an ASan build do without it)

# the pattern files heal-validate opened or stat()ed, from strace's log $1
# (a file whose length and time its pack entry recorded is stat()ed, not
# opened: heal-patterns(5))
TRACED=open,openat,stat,lstat,newfstatat,statx
patterns_opened() {
	grep -E '(open(at)?|stat|lstat|newfstatat|statx)\(.*/patterns/[^/"]*\.json"' "$1" | grep -v ENOENT || true
}

@test "a re-run that prints nothing: heal-validate opens no pattern file, and passes" {
	gcc -Wall -o app main.c 2>&1 | heal-detect --command "$CMD" | heal-analyze | heal-fix >fixed.ndjson || true
	run --separate-stderr env ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" strace -f -e trace=$TRACED -o trace.log heal-validate <fixed.ndjson
	assert_success
	v=$(printf '%s\n' "$output" | applied_validation)
	assert_equal "$(field "$v" 'r["status"]')" passed
	assert_equal "$(field "$v" 'r["healed"]')" true
	run patterns_opened trace.log
	assert_output ""
}

@test "a re-run that prints an error: heal's own patterns are loaded then, and read it" {
	gcc -Wall -o app main.c 2>&1 | heal-detect --command "$CMD" | heal-analyze | heal-fix >fixed.ndjson || true
	# break the file again after the fix: the re-run's error is new
	sed -i 's/return 0;/return zero;/' main.c
	run --separate-stderr env ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" strace -f -e trace=$TRACED -o trace.log heal-validate <fixed.ndjson
	assert_failure 1
	v=$(printf '%s\n' "$output" | applied_validation)
	assert_equal "$(field "$v" 'r["status"]')" failed
	[[ "$(field "$v" 'r')" == *zero* ]]
	run patterns_opened trace.log
	assert_output --partial "patterns/gcc.json"
}

@test "--patterns: a bad user pattern file is refused at start-up, even when nothing is to be read" {
	printf '{"heal":1,"problemMatcher":[{"owner":"x","literals":["x"],"pattern":[{"regexp":"(unclosed"}]}]}\n' >bad.json
	run --separate-stderr heal-validate --patterns bad.json </dev/null
	assert_failure 2
	[[ "$stderr" == *"bad.json"* ]]
	[[ "$stderr" == *"bad regular expression"* ]]
}
