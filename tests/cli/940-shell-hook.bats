#!/usr/bin/env bats
# share/shell/heal-hook.bash: a trap on ERR that runs heal-detect on what
# the failing command wrote.

bats_require_minimum_version 1.5.0
load 'helpers/bats-libs'

HOOK="$HEAL_SRC/share/shell/heal-hook.bash"

setup() {
	PROJ=$(mktemp -d "${BATS_TMPDIR:-/tmp}/heal-hook.XXXXXX")
	cp -R "$HEAL_SRC/examples/c-make/." "$PROJ"
	cd "$PROJ" || return 1
	export XDG_RUNTIME_DIR="$PROJ/.run" LC_ALL=C
	mkdir -p "$XDG_RUNTIME_DIR"
}

teardown() {
	cd / && rm -rf "$PROJ"
}

@test "a failing command: its errors, one line each, after its output" {
	cat >s.sh <<EOF
source "$HOOK"
make
echo "status=\$?"
cat "\$HEAL_HOOK_LAST" >last.copy
EOF
	run bash s.sh
	assert_success
	assert_output --partial 'status=2'
	assert_line --regexp "^main.c:9:7: error: implicit declaration of function 'strlen'.*\(gcc\)$"
	assert_line --regexp "^main.c:18:52: error: 'totl' undeclared.*\(gcc\)$"
	assert_line --regexp '^Makefile:5: error: .*\(make\)$'
	grep -q 'make: \*\*\*' last.copy
}

@test "HEAL_HOOK_ANALYZE=1 shows the cause and the best fix" {
	printf 'source "%s"\nHEAL_HOOK_ANALYZE=1\nmake\n' "$HOOK" >s.sh
	run bash s.sh
	assert_output --partial "fix: add '#include <string.h>' to main.c"
	assert_output --partial "fix: replace 'totl' with 'total' at main.c:18"
}

@test "a failure without known errors adds nothing; nothing is changed" {
	before=$(sha256sum main.c)
	printf 'source "%s"\nls /no/such/file\nfalse\necho done\n' "$HOOK" >s.sh
	run bash s.sh
	assert_success
	assert_output --partial 'No such file'
	refute_output --partial '(gcc)'
	assert_equal "$(sha256sum main.c)" "$before"
}

@test "heal_hook_off: no more diagnoses, stderr restored, the log removed" {
	cat >s.sh <<EOF
source "$HOOK"
source "$HOOK"
dir=\$(dirname "\$HEAL_HOOK_LAST")
heal_hook_off
make
[ -e "\$dir" ] && echo "log left"
echo "trap: \$(trap -p ERR)"
EOF
	run bash s.sh
	refute_output --partial '(gcc)'
	refute_output --partial 'log left'
	assert_output --partial 'trap: '
	refute_output --partial '__heal_hook_on_err'
}

@test "interactive: only what was written since the last prompt" {
	run bash --norc -i <<EOF 2>&1
source "$HOOK"
old() { printf '%s:1:1: error: an old error\\n' old.c >&2; }
new() { printf '%s:2:1: error: a new error\\n' new.c >&2; false; }
old
new
exit
EOF
	assert_output --partial 'new.c:2:1: error: a new error (gcc)'
	refute_output --partial 'old.c:1:1: error: an old error (gcc)'
}

@test "the hook passes shellcheck" {
	command -v shellcheck >/dev/null || skip "shellcheck not installed"
	run shellcheck -s bash "$HOOK"
	assert_success
}
