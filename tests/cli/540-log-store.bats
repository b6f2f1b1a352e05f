#!/usr/bin/env bats
# The shared learning store: a real PostgreSQL server (one for this file),
# started as an unprivileged user on a Unix socket; skipped when the
# postgresql package is not installed.
bats_require_minimum_version 1.5.0
load log-helpers
load helpers/pg

setup_file() { pg_start; }
teardown_file() { pg_stop; }

setup() {
	T=$(mktemp -d "${BATS_TMPDIR:-/tmp}/heal-store.XXXXXX")
	cd "$T" || return 1
	unset HEAL_LOG_DIR HEAL_RUN HEAL_STORE HEAL_PROJECT
	sql "DROP TABLE IF EXISTS heal_events, heal_learning, heal_guards, heal_schema" >/dev/null
}

@test "--store-init creates the schema, versioned; again is a no-op; first use migrates too" {
	run heal-log --store "$STORE" --store-init
	assert_success
	assert_equal "$(sql 'SELECT version FROM heal_schema')" 1
	run heal-log --store "$STORE" --store-init
	assert_success
	assert_equal "$(sql 'SELECT count(*) FROM heal_schema')" 1
	sql "DROP TABLE heal_events, heal_learning, heal_guards, heal_schema" >/dev/null
	validation_rec 00000000000000a1 passed true false | HEAL_STORE="$STORE" heal-log >/dev/null
	assert_equal "$(sql 'SELECT version FROM heal_schema')" 1
	assert_equal "$(sql 'SELECT project, rule, passed, failed FROM heal_learning')" "$(basename "$T")|c.rename|1|0"
	# a store newer than this heal is refused, never changed
	sql "INSERT INTO heal_schema (version) VALUES (99)" >/dev/null
	run heal-log --store "$STORE" --store-init
	assert_failure 4
	assert_output --partial "schema version 99 is newer"
}

@test "without a store nothing changes; the local files are written as before" {
	validation_rec 00000000000000a2 passed true false | heal-log >/dev/null
	[ -s .heal/changelog.ndjson ] && [ -s .heal/learning.json ]
	run sql "SELECT count(*) FROM information_schema.tables WHERE table_name = 'heal_events'"
	assert_output 0
	run heal-log --stats --store-sync
	assert_failure 2
	assert_output --partial "no store: give --store or set HEAL_STORE"
}

@test "events, learning counts and guards land in the store, keyed by project, once" {
	export HEAL_STORE="$STORE" HEAL_PROJECT=alpha
	{ error_rec 00000000000000b1; validation_rec 00000000000000b1 passed true false
	  validation_rec 00000000000000b2 failed false true; } | heal-log --run r1 >/dev/null
	assert_equal "$(sql "SELECT count(*) FROM heal_events WHERE project = 'alpha'")" "$(wc -l <.heal/changelog.ndjson)"
	assert_equal "$(sql "SELECT passed, failed FROM heal_learning WHERE project = 'alpha' AND rule = 'c.rename'")" "1|1"
	# the local learning file says the same
	grep -q '"c.rename":{"passed":1,"failed":1}' .heal/learning.json
	# a sync of what is there already counts nothing twice
	run heal-log --store-sync
	assert_success
	assert_output --partial "uploaded 0 new events and 0 new guards"
	assert_equal "$(sql "SELECT passed, failed FROM heal_learning WHERE project = 'alpha'")" "1|1"
}

@test "20 parallel writers on one rule lose no update" {
	export HEAL_STORE="$STORE" HEAL_PROJECT=fleet
	heal-log --store-init
	for i in $(seq 10 29); do
		mkdir "r$i"
		validation_rec "00000000000000$i" passed true false >"r$i/in.ndjson"
		( cd "r$i" && heal-log --run "runner-$i" <in.ndjson >/dev/null ) &
	done
	wait
	assert_equal "$(sql "SELECT passed, failed FROM heal_learning WHERE project = 'fleet' AND rule = 'c.rename'")" "20|0"
	assert_equal "$(sql "SELECT count(DISTINCT run) FROM heal_events WHERE project = 'fleet'")" 20
	run heal-log --stats --json --store "$STORE" --project fleet
	assert_output --partial '"c.rename":{"applied":20,"succeeded":20,"failed":0'
}

@test "the server goes down mid-run: heal goes on with local files; --store-sync uploads later, nothing twice" {
	export HEAL_STORE="$STORE" HEAL_PROJECT=beta
	heal-log --store-init
	mkfifo in.fifo
	heal-log --run r1 <in.fifo >out.ndjson 2>err.txt &
	pid=$!
	exec 7>in.fifo
	validation_rec 00000000000000c1 passed true false >&7
	for _ in $(seq 50); do [ -s out.ndjson ] && break; sleep 0.1; done
	pg_down
	validation_rec 00000000000000c2 passed true false >&7
	validation_rec 00000000000000c3 failed false true >&7
	exec 7>&-
	wait "$pid"
	pg_up
	cat err.txt
	grep -q "heal-log: warning: store: " err.txt
	grep -q "heal-log --store-sync uploads them later" err.txt
	# every event is in the local changelog, the first only in the store
	[ "$(grep -c '"incident":"00000000000000c' .heal/changelog.ndjson)" -ge 6 ]
	assert_equal "$(sql "SELECT passed, failed FROM heal_learning WHERE project = 'beta'")" "1|0"
	run heal-log --store-sync
	assert_success
	assert_equal "$(sql "SELECT passed, failed FROM heal_learning WHERE project = 'beta'")" "2|1"
	assert_equal "$(sql "SELECT count(*) FROM heal_events WHERE project = 'beta'")" "$(wc -l <.heal/changelog.ndjson)"
	run heal-log --store-sync
	assert_output --partial "uploaded 0 new events"
	assert_equal "$(sql "SELECT passed, failed FROM heal_learning WHERE project = 'beta'")" "2|1"
	# a server that is not there at all: a warning, exit 0, local files
	pg_down
	run --separate-stderr heal-log --run r2 < <(validation_rec 00000000000000c4 passed true false)
	pg_up
	assert_success
	[[ "$stderr" == *"warning: store: cannot connect"* ]]
	grep -q 00000000000000c4 .heal/changelog.ndjson
}

@test "credentials never reach a record, a log line, the changelog or an error" {
	secret=pw-$$-s3cr3t
	export HEAL_PROJECT=gamma
	validation_rec 00000000000000d1 passed true false | heal-log --store "$STORE password=$secret" >out.ndjson 2>err.txt
	! grep -rq "$secret" .heal out.ndjson err.txt || false
	! sql "SELECT body FROM heal_events" | grep -q "$secret" || false
	# a server that refuses: the error names the problem, not the password
	run --separate-stderr heal-log --store "host=$PGDIR/nowhere user=heal password=$secret" --stats
	assert_failure 4
	[[ "$stderr" == *"cannot connect"* ]]
	[[ "$stderr" != *"$secret"* ]]
}

@test "--stats and --health across projects: the rules and variants that work best fleet-wide" {
	export HEAL_STORE="$STORE"
	ev() { printf '{"v":1,"kind":"event","event":"%s","time":"2026-01-01T00:00:%02dZ","incident":"%016x","run":"%s","from":"validation","environment":"c","code":"-Wimplicit-function-declaration","rule":"%s","fix_id":"%s.1"}\n' "$1" "$2" "$2" "$3" "$4" "$4"; }
	mkdir p1 p2
	(cd p1 && { ev fix_validated 1 a c.include; ev fix_validated 2 a c.include; } | heal-log --run a >/dev/null)
	(cd p2 && { ev fix_failed 3 b c.include; ev fix_validated 4 b c.macro; ev fix_validated 5 b c.macro; ev fix_validated 6 b c.macro; } | heal-log --run b >/dev/null)
	# events logged as event records count as outcomes in the statistics
	run heal-log --stats --store "$STORE"
	assert_success
	assert_line --partial "c.include: applied"
	assert_line --partial "c.macro: applied"
	run heal-log --stats --json --store "$STORE"
	assert_output --partial '"total_incidents":6'
	run heal-log --stats --json --store "$STORE" --project p1
	assert_output --partial '"total_incidents":2'
	run heal-log --health --store "$STORE"
	assert_success
	assert_output --partial "trend: declining over 2 runs"
}

@test "--store-pull: what the other projects learned reaches heal-analyze" {
	export HEAL_STORE="$STORE" HEAL_PROJECT=delta
	heal-log --store-init
	sql "INSERT INTO heal_learning VALUES ('other', 'c.did-you-mean', 0, 3), ('delta', 'c.did-you-mean', 100, 0)" >/dev/null
	printf 'int main(void)\n{\n    return conut;\n}\n' >m.c
	rec='{"v":1,"kind":"error","id":"00000000000000aa","tool":"gcc","file":"m.c","line":3,"column":12,"message":"‘conut’ undeclared (first use in this function); did you mean ‘count’?"}'
	run heal-analyze <<<"$rec"
	assert_output --partial '"confidence":0.92,'
	run heal-log --store-pull
	assert_success
	# the project's own counts are its learning.json's: only the others' are pulled
	assert_equal "$(cat .heal/learning-fleet.json)" '{"v":1,"rules":{"c.did-you-mean":{"passed":0,"failed":3}}}'
	run heal-analyze <<<"$rec"
	assert_output --partial '"confidence":0.8,'
}
