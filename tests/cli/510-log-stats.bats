#!/usr/bin/env bats
# heal-log --stats, --health, learning.json and --rebuild-stats.

bats_require_minimum_version 1.5.0
load log-helpers

known() {
	mkdir -p .heal && python3 "$HEAL_SRC/tests/cli/known-changelog.py" >.heal/changelog.ndjson
}

@test "stats on a known changelog, exactly (JSON)" {
	known
	run heal-log --stats --json
	assert_success
	assert_output '{"total_incidents":3,"fixes_applied":3,"fixes_succeeded":2,"fixes_failed":2,"success_rate":50,"manual_interventions":1,"rollbacks":1,"regressions":0,"healed_incidents":2,"mean_time_to_heal":60,"events":14,"skipped_lines":1,"by_rule":{"R1":{"applied":3,"succeeded":2,"failed":1,"success_rate":66.7},"R2":{"applied":0,"succeeded":0,"failed":1,"success_rate":0}},"by_environment":{"c":{"incidents":2,"applied":3,"succeeded":2,"failed":1,"success_rate":66.7,"manual_interventions":0},"python":{"incidents":1,"applied":0,"succeeded":0,"failed":1,"success_rate":0,"manual_interventions":1}},"variants":{}}'
}

@test "stats on a known changelog, as text" {
	known
	run heal-log --stats
	assert_success
	assert_line --index 0 "incidents:            3"
	assert_line "success rate:         50.0%"
	assert_line "mean time to heal:    60.0 s"
	assert_line "skipped lines:        1"
	assert_line "  R1: applied 3, succeeded 2, failed 1, success rate 66.7%"
	assert_line "  python: incidents 1, applied 0, succeeded 0, failed 1, manual interventions 1"
}

@test "stats of an empty changelog" {
	run heal-log --stats --json
	assert_success
	assert_output '{"total_incidents":0,"fixes_applied":0,"fixes_succeeded":0,"fixes_failed":0,"success_rate":null,"manual_interventions":0,"rollbacks":0,"regressions":0,"healed_incidents":0,"mean_time_to_heal":null,"events":0,"skipped_lines":0,"by_rule":{},"by_environment":{},"variants":{}}'
}

@test "health on a known changelog: score, status and trend" {
	known
	run heal-log --health --json
	assert_success
	assert_output '{"score":0.769,"status":"good","open":1,"critical":0,"regressions":0,"regressions_total":0,"run":"r3","trend":"stable","runs":[{"run":"r1","time":"2026-01-01T00:00:00Z","score":0.769,"status":"good","open":1,"critical":0,"regressions":0},{"run":"r2","time":"2026-01-02T00:00:00Z","score":0.357,"status":"critical","open":1,"critical":1,"regressions":0},{"run":"r3","time":"2026-01-03T00:00:00Z","score":0.769,"status":"good","open":1,"critical":0,"regressions":0}]}'
	run heal-log --health --json --runs 2
	assert_output --partial '"trend":"improving","runs":[{"run":"r2"'
	run heal-log --health
	assert_success
	assert_line --index 0 "health: 0.769 good (1 open, 0 critical)"
	assert_line --index 1 "trend: stable over 3 runs"
	assert_line --index 3 "  r2  2026-01-02T00:00:00Z  0.357 critical, 1 open, 1 critical"
}

@test "health: nothing open is excellent; critical and failing exit 1" {
	run heal-log --health --json
	assert_success
	assert_output '{"score":1,"status":"excellent","open":0,"critical":0,"regressions":0,"regressions_total":0,"run":null,"trend":"none","runs":[]}'
	error_rec 00000000000000aa src/a.c 2 8 | heal-log --run x >/dev/null
	run heal-log --health --json
	assert_failure 1
	assert_output --partial '"score":0.385,"status":"critical","open":1,"critical":1'
	{ error_rec 00000000000000ab src/a.c 2 8; error_rec 00000000000000ac src/a.c 2 8; } | heal-log --run y >/dev/null
	run heal-log --health --json
	assert_failure 1
	assert_output --partial '"score":0.238,"status":"failing","open":2,"critical":2'
	assert_output --partial '"trend":"declining"'
	{ error_rec 00000000000000ab; validation_rec 00000000000000ab passed true false; } | heal-log --run z >/dev/null
	run heal-log --health --json
	assert_success
	assert_output --partial '"score":1,"status":"excellent","open":0'
	assert_output --partial '"trend":"improving"'
}

@test "--rebuild-stats writes learning.json in the documented shape" {
	known
	run heal-log --rebuild-stats
	assert_success
	assert_output ""
	[ "$(cat .heal/learning.json)" = '{"v":1,"rules":{"R1":{"passed":2,"failed":1}}}' ]
	[ "$(ls -A .heal)" = "$(printf 'changelog.ndjson\nlearning.json')" ]
}

@test "learning.json is kept up to date as validations are logged, equal to a rebuild" {
	validation_rec 00000000000000aa passed true false | heal-log >/dev/null
	[ "$(cat .heal/learning.json)" = '{"v":1,"rules":{"c.rename":{"passed":1,"failed":0}}}' ]
	{
		validation_rec 00000000000000ab failed false true
		fix_rec 00000000000000ac refused
		validation_rec 00000000000000ad passed true false | sed 's/"fix_id":"c.undeclared.1"/"fix_id":"none"/g'
	} | heal-log >/dev/null
	# a refused fix is no verdict on its rule; without the candidate the analysis rule counts
	want='{"v":1,"rules":{"c.rename":{"passed":1,"failed":1},"c.undeclared":{"passed":1,"failed":0}}}'
	[ "$(cat .heal/learning.json)" = "$want" ]
	heal-log --rebuild-stats
	[ "$(cat .heal/learning.json)" = "$want" ]
}

@test "a missing or corrupt learning.json is rebuilt from the changelog" {
	validation_rec 00000000000000aa passed true false | heal-log >/dev/null
	rm .heal/learning.json
	validation_rec 00000000000000aa passed true false | heal-log >/dev/null
	[ "$(cat .heal/learning.json)" = '{"v":1,"rules":{"c.rename":{"passed":2,"failed":0}}}' ]
	echo '{"v":1,"rules":{"c.rename":{"passed":"x"}}}' >.heal/learning.json
	validation_rec 00000000000000aa failed false false | heal-log >/dev/null
	[ "$(cat .heal/learning.json)" = '{"v":1,"rules":{"c.rename":{"passed":2,"failed":1}}}' ]
}

@test "parallel writers keep learning counts exact and leave no temporary files" {
	for i in $(seq 1 30); do
		validation_rec "$(printf '%016x' "$i")" passed true false >"in$i"
	done
	for i in $(seq 1 30); do heal-log "in$i" >/dev/null & done
	wait
	[ "$(cat .heal/learning.json)" = '{"v":1,"rules":{"c.rename":{"passed":30,"failed":0}}}' ]
	[ "$(ls -A .heal)" = "$(printf 'changelog.ndjson\nlearning.json')" ]
}

@test "learning.json is written beneath the root only: a symlinked .heal is refused" {
	mkdir elsewhere
	ln -s "$T/elsewhere" .heal
	run heal-log < <(validation_rec 00000000000000aa passed true false)
	assert_failure
	[ -z "$(ls -A elsewhere)" ]
}

@test "--stats and --health read HEAL_LOG_DIR and --changelog" {
	mkdir logs && python3 "$HEAL_SRC/tests/cli/known-changelog.py" >logs/changelog.ndjson
	run env HEAL_LOG_DIR=logs heal-log --stats --json
	assert_output --partial '"total_incidents":3,'
	run heal-log --changelog logs/changelog.ndjson --health --json
	assert_output --partial '"score":0.769,'
}

@test "usage errors exit 2" {
	run heal-log --runs 0 --health
	assert_failure 2
	run heal-log --bogus
	assert_failure 2
	run heal-log --stats somefile
	assert_failure 2
}

@test "writers to different changelogs of one root share exact learning counts" {
	for i in $(seq 1 40); do
		validation_rec "$(printf '%016x' "$i")" passed true false >"in$i"
	done
	mkdir logs
	for i in $(seq 1 40); do heal-log --changelog "logs/c$((i % 4)).ndjson" "in$i" >/dev/null & done
	wait
	[ "$(cat .heal/learning.json)" = '{"v":1,"rules":{"c.rename":{"passed":40,"failed":0}}}' ]
	[ "$(ls -A .heal)" = learning.json ]
}
