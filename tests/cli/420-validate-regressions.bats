#!/usr/bin/env bats
# Regression guards: every healed failure leaves one in
# .heal/regressions.ndjson; heal-validate --regressions re-runs the guarded
# commands and names an error heal fixed once that is back.
bats_require_minimum_version 1.5.0
load helpers/loop

setup() { loop_setup; }
teardown() { loop_teardown; }

guards() { "$PY" -S -c 'import json,sys
for l in open(".heal/regressions.ndjson"):
    g=json.loads(l); print(eval(sys.argv[1]))' "$1"; }

c_project() {
	command -v gcc >/dev/null || skip "gcc not installed"
	command -v make >/dev/null || skip "make not installed"
	cp -r "$HEAL_SRC/examples/c-make/." .
	rm -f app
	cp main.c broken.c
}

@test "a healed C build leaves one guard: command, cwd, fingerprints, fix ids, date, version" {
	c_project
	run heal --yes --no-wait -- make
	assert_success
	run guards 'len(open(".heal/regressions.ndjson").readlines())'
	assert_output 1
	run guards 'g["command"], g["cwd"], g["kind"], g["v"], g["heal_version"] != ""'
	assert_output "(['make'], '.', 'guard', 1, True)"
	run guards 'sorted(set(f["fix_id"].rsplit(".",1)[0] for f in g["fixed"]))'
	assert_output "['c.did-you-mean', 'c.missing-include-function']"
	# the fingerprints are the ids of the errors the first run reported
	cp main.c healed.c; cp broken.c main.c
	make 2>&1 | heal-detect --command '["make"]' | "$PY" -S -c 'import json,sys
print(sorted(json.loads(l)["id"] for l in sys.stdin))' >before.txt
	cp healed.c main.c
	# (the ones whose fixes passed: a warning that went with them may not)
	run guards 'set(f["fingerprint"] for f in g["fixed"]) <= set(eval(open("before.txt").read())) and len(g["fixed"])'
	assert_output 3
	run guards 'g["date"][:4].isdigit() and g["date"].endswith("Z")'
	assert_output True
}

@test "the guard holds while the fix stays, and catches the error when it comes back" {
	c_project
	heal --yes --no-wait -- make 2>/dev/null
	run --separate-stderr heal-validate --regressions
	assert_success
	assert_output ""
	# the error comes back: the original file again
	cp broken.c main.c
	run --separate-stderr heal-validate --regressions
	assert_failure 1
	fp=$(guards 'g["fixed"][0]["fingerprint"]' | head -1)
	fix=$(guards 'g["fixed"][0]["fix_id"]' | head -1)
	[[ "$stderr" == *"heal-validate: regression: error $fp"*"fixed by $fix on "* ]]
	[[ "$stderr" == *"back in 'make'"* ]]
	echo "$output" | kind event | grep -q '"event":"regression_detected"'
	[ "$(echo "$output" | grep -c regression_detected)" -eq 3 ]
	# heal-log counts them in the health report, as open incidents
	echo "$output" | heal-log --run guard-check >/dev/null
	run heal-log --health
	assert_failure 1
	assert_line "regressions: 3 in the last run, 3 in all"
	run heal-log --health --json
	assert_output --partial '"regressions":3,"regressions_total":3'
	run heal-log --stats --json
	assert_output --partial '"regressions":3'
}

@test "a python script healed over two attempts: one guard with both fixes, either one caught" {
	command -v python3 >/dev/null || skip "python3 not installed"
	# python stops at the first error: the second, in another file, is
	# only seen once the first is fixed
	printf 'def total(xs):\n    return sum(xs)\n\ndef mean(xs):\n    return totl(xs) / len(xs)\n' >stats.py
	printf 'import stats\n\nprint(stats.mean([1, 2]), len(sys.argv))\n' >app.py
	cp app.py app.orig
	run heal --yes --no-wait -- python3 app.py
	assert_success
	assert_output --partial "2 attempts"
	run guards 'len(g["fixed"]), g["command"], sorted(f["file"] for f in g["fixed"])'
	assert_output "(2, ['python3', 'app.py'], ['app.py', 'stats.py'])"
	run heal-validate --regressions
	assert_success
	# the error the second attempt fixed comes back alone
	cp app.orig app.py
	run --separate-stderr heal-validate --regressions
	assert_failure 1
	[[ "$stderr" == *"(name 'sys' is not defined) fixed by python.missing-import.1 on"* ]]
	[ "$(echo "$output" | grep -c regression_detected)" -eq 1 ]
}

@test "each distinct command runs once, however many guards name it" {
	printf 'echo run >>runs.txt\n' >count.sh
	mkdir -p .heal
	for fp in 00000000000000a1 00000000000000a2; do
		printf '{"v":1,"kind":"guard","id":"%s","command":["sh","count.sh"],"cwd":".","fixed":[{"fingerprint":"%s","fix_id":"x.1"}],"date":"2026-01-01T00:00:00Z","heal_version":"0"}\n' "$fp" "$fp" >>.heal/regressions.ndjson
	done
	run heal-validate --regressions
	assert_success
	[ "$(wc -l <runs.txt)" -eq 1 ]
}

@test "a guard's command is input: anything but a plain build or check program is not run" {
	mkdir -p .heal sub
	{
		echo '{"v":1,"kind":"guard","id":"00000000000000b1","command":["touch","pwned"],"cwd":".","fixed":[{"fingerprint":"00000000000000b1"}],"date":"2026-01-01T00:00:00Z"}'
		echo '{"v":1,"kind":"guard","id":"00000000000000b2","command":["sh","-c","touch pwned"],"cwd":".","fixed":[{"fingerprint":"00000000000000b2"}],"date":"2026-01-01T00:00:00Z"}'
		echo '{"v":1,"kind":"guard","id":"00000000000000b3","command":["make"],"cwd":"../..","fixed":[{"fingerprint":"00000000000000b3"}]}'
		echo 'not json'
	} >.heal/regressions.ndjson
	run --separate-stderr heal-validate --regressions
	assert_success
	[ ! -e pwned ]
	[[ "$stderr" == *"the command 'touch pwned' is not a build or check program"* ]]
	[[ "$stderr" == *"the command 'sh -c touch pwned' runs an inline program"* ]]
	[[ "$stderr" == *"2 lines of .heal/regressions.ndjson are not a guard: skipped"* ]]
}

@test "a link in place of the guard file is refused, never followed" {
	mkdir -p .heal
	echo secret >"$BATS_TEST_TMPDIR/outside"
	ln -s "$BATS_TEST_TMPDIR/outside" .heal/regressions.ndjson
	run --separate-stderr heal-validate --regressions
	assert_failure 3
	[ "$(cat "$BATS_TEST_TMPDIR/outside")" = secret ]
}

@test "a failure heal could not heal leaves no guard; --no-log writes none" {
	run heal --yes --no-wait -- sh -c 'exit 3'
	assert_failure 3
	[ ! -e .heal/regressions.ndjson ]
	c_project
	heal --dry-run --no-wait -- make 2>/dev/null || true
	[ ! -e .heal/regressions.ndjson ]
}

@test "the same healing logged twice is one guard; parallel writers keep every line whole" {
	c_project
	heal --yes --no-wait -- make 2>/dev/null
	run heal-validate --regressions
	assert_success
	# replay the run's records through heal-log: the guard is not added again
	cp broken.c main.c
	heal --yes --no-wait --records recs.ndjson -- make 2>/dev/null
	n=$(wc -l <.heal/regressions.ndjson)
	for i in 1 2 3 4; do heal-log --no-log <recs.ndjson >/dev/null & heal-log <recs.ndjson >/dev/null & done
	wait
	[ "$(wc -l <.heal/regressions.ndjson)" -eq "$n" ]
	"$PY" -S -c 'import json
for l in open(".heal/regressions.ndjson"): json.loads(l)'
}

@test "--write-test --yes: the guards as a pytest test the user sees; it fails when an error is back" {
	/usr/bin/python3 -c 'import pytest' 2>/dev/null || skip "python3-pytest not installed"
	mkdir tests
	printf 'def test_ok():\n    assert True\n' >tests/test_app.py
	printf 'import stats\n\nprint(stats.mean([1, 2]), len(sys.argv))\n' >app.py
	printf 'def total(xs):\n    return sum(xs)\n\ndef mean(xs):\n    return total(xs) / len(xs)\n' >stats.py
	cp app.py app.orig
	heal --yes --no-wait -- python3 app.py 2>/dev/null
	# never in the user's tree without --yes
	run heal-validate --write-test
	assert_failure 2
	[ ! -e tests/test_heal_regressions.py ]
	run heal-validate --write-test --yes
	assert_success
	assert_output --partial "wrote tests/test_heal_regressions.py"
	run /usr/bin/python3 -m pytest -q tests
	assert_success
	cp app.orig app.py
	run /usr/bin/python3 -m pytest -q tests
	assert_failure
	assert_output --partial "regression: error"
	# a file of that name heal did not write is never replaced
	echo '# mine' >tests/test_heal_regressions.py
	run heal-validate --write-test --yes
	assert_failure 1
	assert_output --partial "heal did not write it"
	[ "$(cat tests/test_heal_regressions.py)" = '# mine' ]
}

@test "--write-test --yes: bats projects get a bats file; no framework, no file" {
	command -v bats >/dev/null || skip "bats not installed"
	run heal-validate --write-test --yes
	assert_failure 3
	assert_output --partial "no test framework heal knows"
	mkdir test
	printf '@test "x" { true; }\n' >test/a.bats
	run heal-validate --write-test --yes
	assert_success
	[ -f test/heal-regressions.bats ]
	# no guards yet: the test passes
	run bats test/heal-regressions.bats
	assert_success
}
