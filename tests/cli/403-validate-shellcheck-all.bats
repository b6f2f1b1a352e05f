#!/usr/bin/env bats
# A shellcheck command that asks for some codes only (-i SC2048, -i 2048,
# --include=) sees none of the others: heal-validate judges each changed
# shell file again with every code, against its state before the fixes,
# and a finding it did not have before rolls the fix back.
bats_require_minimum_version 1.5.0
load helpers/loop

setup() {
	command -v shellcheck >/dev/null || skip "shellcheck is not installed"
	loop_setup
	printf '#!/bin/bash\nfor a in $*; do\n  echo "$a"\ndone\n' >s.sh
	cp s.sh orig
}
teardown() { loop_teardown; }

# the applied fix's validation: status, then its reason
verdict() {
	applied_validation | "$PY" -S -c 'import json,sys
r = json.loads(sys.stdin.read())
print(r["status"]); print(r["reason"])
for e in r["new_errors"]: print("new", e.get("code"), e.get("line"))'
}

@test "quoting \$* as \"\$*\" clears SC2048 but makes SC2066: rolled back, the file byte-identical" {
	for inc in "-i SC2048" "-i 2048" "--include=SC2048" "--include=SC2086,SC2048"; do
		# shellcheck disable=SC2086
		script_fix s.sh '$*' '"$*"' shellcheck "Use \"\$@\" (with quotes) to prevent whitespace problems." shellcheck --norc $inc s.sh
		# the command alone sees nothing wrong any more
		run shellcheck --norc $inc s.sh
		assert_success
		run --separate-stderr heal-validate <fixed.ndjson
		assert_failure 1
		run -0 verdict <<<"$output"
		assert_line -n 0 failed
		assert_line -n 1 --partial "reports a new SC2066 at line 2"
		assert_line -n 2 "new SC2066 2"
		assert_equal "$(sha s.sh)" "$(sha orig)"
		rm -rf .heal
	done
}

@test "a finding the file had before, moved to another line by the fix, is no new finding" {
	# SC2034 (unused) was there before and is still there, a line lower
	printf '#!/bin/bash\nunused=1\nfor a in $*; do\n  echo "$a"\ndone\n' >s.sh
	script_fix s.sh 'unused=1
for a in $*' '
unused=1
for a in "$@"' shellcheck "Use \"\$@\" (with quotes) to prevent whitespace problems." shellcheck --norc -i SC2048 s.sh
	run shellcheck --norc -f gcc s.sh
	assert_output --partial "s.sh:3:1: warning: unused appears unused"
	run --separate-stderr heal-validate <fixed.ndjson
	assert_success
	run -0 verdict <<<"$output"
	assert_line -n 0 passed
}

@test "\"\$@\" for \$* is clean with every code: it passes and stays" {
	script_fix s.sh '$*' '"$@"' shellcheck "Use \"\$@\" (with quotes) to prevent whitespace problems." shellcheck --norc -s bash -i SC2048 s.sh
	run --separate-stderr heal-validate <fixed.ndjson
	assert_success
	run -0 verdict <<<"$output"
	assert_line -n 0 passed
	grep -qF 'for a in "$@"; do' s.sh
}

@test "heal's own rule for SC2048 under -i: clean, kept" {
	run --separate-stderr env HEAL_SEARCH=0 heal --yes --no-wait -- shellcheck --norc -i SC2048 s.sh
	assert_success
	grep -qF 'for a in "$@"; do' s.sh
	run shellcheck --norc s.sh
	assert_success
}

@test "a command other than shellcheck: the file is not judged with every code" {
	# a fix validated against bash, not shellcheck: SC2066 is not looked for
	printf '#!/bin/bash\nfor a in $*; do\n  echo "$a"\ndone\necho "$HOM"\n' >s.sh
	script_fix s.sh '$*' '"$*"' bash "HOM: unbound variable" bash s.sh
	run --separate-stderr heal-validate <fixed.ndjson
	run -0 verdict <<<"$output"
	refute_output --partial "SC2066"
}

@test "heal's own rule for SC2196 (egrep -> grep -E) after ls | is ShellCheck's SC2010: rolled back with the reason, the file byte-identical" {
	printf '#!/bin/bash\nls | egrep "a|b"\n' >s.sh
	cp s.sh orig
	run --separate-stderr env HEAL_SEARCH=0 heal --yes --no-wait -- shellcheck --norc -i SC2196 s.sh
	assert_failure
	assert_equal "$(sha s.sh)" "$(sha orig)"
	[[ "$stderr" == *"asked for every code, reports a new SC2010 at line 2"* ]]
	# the same rule where grep -E makes nothing new: kept (in a project
	# of its own: heal learned from the failure above to trust the rule less)
	mkdir k && cd k
	printf '#!/bin/bash\negrep "a|b" /etc/hostname\n' >t.sh
	run --separate-stderr env HEAL_SEARCH=0 heal --yes --no-wait -- shellcheck --norc -i SC2196 t.sh
	assert_success
	grep -qF 'grep -E "a|b" /etc/hostname' t.sh
}
