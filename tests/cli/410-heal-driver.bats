#!/usr/bin/env bats
# heal: the loop over the five programs, on real builds.
bats_require_minimum_version 1.5.0
load helpers/loop

setup() { loop_setup; }
teardown() { loop_teardown; }

c_project() {
	cp -r "$HEAL_SRC/examples/c-make/." .
	rm -f app
}

events() { "$PY" -S -c 'import json,sys
for l in open(sys.argv[1]):
    try: print(json.loads(l)["event"])
    except ValueError: pass' "${1:-.heal/changelog.ndjson}"; }

@test "a command that succeeds runs once and heal changes nothing" {
	run --separate-stderr heal -- sh -c 'echo out; echo err >&2'
	assert_success
	assert_output out
	assert_equal "$stderr" err
	[ ! -e .heal ]
}

@test "stdout and stderr of the command stay apart; heal's own lines go to stderr" {
	c_project
	run --separate-stderr heal --yes --no-wait -- make
	assert_success
	# make echoes its recipe on stdout; the compiler's errors are on stderr
	assert_output --partial 'gcc -Wall -Wextra -Werror'
	[[ "$output" != *"error:"* ]]
	[[ "$stderr" == *"error: implicit declaration of function"* ]]
	[[ "$stderr" == *"heal: healed: the command succeeds now"* ]]
}

@test "heals a broken C project: make succeeds, the changes are minimal, the changelog tells" {
	c_project
	cp main.c orig.c
	run --separate-stderr heal --yes --no-wait -- make
	assert_success
	./app a bb ccc | grep -qx '3 words, the longest has 3 letters'
	run diff orig.c main.c
	assert_output "$(printf '2a3\n> #include <string.h>\n18c19\n< \tprintf("%%d words, the longest has %%zu letters\\n", totl,\n---\n> \tprintf("%%d words, the longest has %%zu letters\\n", total,')"
	ev=$(events)
	[[ "$ev" == *error_detected* ]]
	[[ "$ev" == *fix_applied* ]]
	[[ "$ev" == *fix_validated* ]]
	[[ "$ev" == *healing_complete* ]]
	ls .heal/backups/*.tar.gz >/dev/null
}

@test "an unhealable failure leaves every file byte-identical and asks for manual intervention" {
	printf 'int main(void) { return missing_function_xyz(); }\n' >main.c
	printf 'app: main.c\n\tgcc -Werror -o app main.c\n' >Makefile
	before=$(tree_state)
	run --separate-stderr heal --yes --no-wait -- make
	assert_failure 2
	assert_equal "$(tree_state)" "$before"
	[[ "$stderr" == *"manual intervention required: the command still exits with status 2"* ]]
	events | grep -qx manual_intervention_required
}

@test "fixes that passed are rolled back when the command is not healed and reports no fewer errors" {
	# one error heal can fix (a missing include: a warning) and one it
	# cannot: the errors are as many as at the start, so nothing is progress
	printf 'int main(void)\n{\n\tprintf("hi\\n");\n\treturn undefined_thing_xyz;\n}\n' >main.c
	before=$(tree_state)
	run --separate-stderr heal --yes --no-wait -- gcc -Wall -o app main.c
	assert_failure 1
	assert_equal "$(tree_state)" "$before"
	[[ "$stderr" == *"no fewer errors than at the start: undoing change set"* ]]
	[[ "$stderr" == *"tried: main.c: add '#include <stdio.h>'"*"passed"* ]]
}

@test "the exit status is the command's own when nothing is recognised" {
	run --separate-stderr heal --yes --no-wait -- sh -c 'echo nothing here; exit 7'
	assert_failure 7
	[[ "$stderr" == *"no error that heal knows was found"* ]]
	run --separate-stderr heal --no-wait -- sh -c 'kill -TERM $$'
	assert_failure 143
}

@test "a missing command is 127, a non-executable one 126" {
	run -127 --separate-stderr heal -- ./no-such-program
	printf 'echo x\n' >script.sh
	run --separate-stderr heal -- ./script.sh
	assert_failure 126
}

@test "--dry-run shows the diffs and changes nothing" {
	c_project
	before=$(tree_state)
	run --separate-stderr heal --dry-run --yes -- make
	assert_failure 2
	assert_equal "$(tree_state)" "$before"
	[[ "$stderr" == *"+#include <string.h>"* ]]
	[[ "$stderr" == *"dry run:"* ]]
	[ ! -e .heal/backups ] || [ -z "$(ls .heal/backups)" ]
}

@test "--records FILE keeps every attempt's records: a dry run's diffs become SARIF without a second pass" {
	c_project
	before=$(tree_state)
	run --separate-stderr heal --dry-run --yes --records ../rec.ndjson -- make
	assert_failure 2
	assert_equal "$(tree_state)" "$before"
	"$PY" - ../rec.ndjson <<'PY'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
fixes = [r for r in recs if r["kind"] == "fix"]
assert any(f["status"] == "dry-run" for f in fixes), fixes
assert all(f["status"] in ("dry-run", "skipped") for f in fixes), fixes
assert any("+#include <string.h>" in f.get("diff", "") for f in fixes), fixes
PY
	run --separate-stderr heal-log --format sarif --changelog ../cl.ndjson <../rec.ndjson
	assert_failure 1  # errors remain: nothing was applied
	[[ "$output" == *'"version":"2.1.0"'* ]]
	# a real run: the attempt's fix and validation records are kept too
	run --separate-stderr heal --yes --no-wait --records ../rec.ndjson -- make
	assert_success
	grep -q '"kind":"validation"' ../rec.ndjson
	grep -q '"status":"applied"' ../rec.ndjson
	rm -f ../rec.ndjson
	# a records file that cannot be written: an error before anything runs
	run --separate-stderr heal --records /nonexistent/dir/r.ndjson -- touch ran
	assert_failure 4
	[[ "$stderr" == *"cannot open '/nonexistent/dir/r.ndjson'"* ]]
	[ ! -e ran ]
}

@test "SIGTERM or SIGHUP mid-attempt: the running programs are ended, the applied fixes rolled back, exit 128+N" {
	c_project
	before=$(tree_state)
	marker=$BATS_TEST_TMPDIR/in-test
	# a duration no other process on the machine sleeps
	dur=31.$$$RANDOM
	for sig in TERM HUP; do
		rm -f "$marker"
		# the project's tests start once the fixes are applied: stop heal
		# there (a signal ignored when heal starts, as under nohup, stays so)
		env --default-signal=HUP,TERM heal --yes --no-wait --test "[\"sh\",\"-c\",\"touch $marker; exec sleep $dur\"]" -- make \
			>"$BATS_TEST_TMPDIR/out" 2>"$BATS_TEST_TMPDIR/err" &
		pid=$!
		for _ in $(seq 1 600); do [ -e "$marker" ] && break; sleep 0.1; done
		[ -e "$marker" ]
		[ "$(tree_state)" != "$before" ]
		kill -$sig $pid
		status=0
		wait $pid || status=$?
		want=$((128 + $(kill -l $sig)))
		[ "$status" -eq "$want" ] || { cat "$BATS_TEST_TMPDIR/err"; false; }
		grep -q "interrupted by signal" "$BATS_TEST_TMPDIR/err"
		assert_equal "$(tree_state)" "$before"
		# nothing heal started is left running
		! pgrep -f "sleep $dur" || false
	done
}

@test "python: a missing import is healed" {
	printf 'def main():\n    print(json.dumps({"a": 1}))\n\nmain()\n' >app.py
	run --separate-stderr heal --yes --no-wait -- "$PY" app.py
	assert_success
	head -1 app.py | grep -qx 'import json'
	assert_equal "$("$PY" app.py)" '{"a": 1}'
}

@test "bash: a script that is not executable is made executable, nothing else changes" {
	printf '#!/bin/sh\necho helper ran\n' >helper.sh
	printf '#!/bin/bash\n./helper.sh\n' >run.sh
	sum=$(sha helper.sh)
	run --separate-stderr heal --yes --no-wait -- bash run.sh
	assert_success
	[ -x helper.sh ]
	assert_equal "$(bash run.sh)" 'helper ran'
	assert_equal "$(sha helper.sh)" "$sum"
}

@test "backoff waits after an attempt whose fix failed, unless --no-wait" {
	# the fix (helper.sh made executable) reveals an error of its own: it
	# fails, and the next attempt is a retry, after a wait
	printf '#!/bin/bash\nnosuchcmd_xyz\nexit 3\n' >helper.sh
	printf '#!/bin/bash\n./helper.sh\n' >run.sh
	HEAL_INITIAL_DELAY=0.1 run --separate-stderr heal --yes --max-attempts 2 -- bash run.sh
	[[ "$stderr" == *"attempt 1: 1 fix applied, 0 passed, 1 failed"* ]]
	[[ "$stderr" == *"waiting 0.1 s before attempt 2"* ]]
	[[ "$stderr" == *"attempt 2 of 2: running the command again"* ]]
	run --separate-stderr heal --yes --no-wait --max-attempts 2 -- bash run.sh
	[[ "$stderr" == *"attempt 2 of 2: running the command again"* ]]
	[[ "$stderr" != *"waiting"* ]]
}

@test "an attempt whose every fix proved itself neither waits nor counts against --max-attempts" {
	# Python's compile() shows one error a run: four missing ':' take four
	# attempts, each proven, under --max-attempts 2
	printf 'x = 1\nif x > 0\n    y = 2\nelse\n    y = 3\nfor i in range(y)\n    print(i)\nwhile y < 0\n    y += 1\n' >app.py
	HEAL_INITIAL_DELAY=5 run --separate-stderr heal --yes --max-attempts 2 -- "$PY" -m py_compile app.py
	assert_success
	[[ "$stderr" != *"waiting"* ]]
	# and the re-run that proved a fix shows the next error: the command
	# is not run again for it
	[[ "$stderr" == *"attempt 2 of 3: the next errors, from the re-run that proved the fixes"* ]]
	[[ "$stderr" != *"running the command again"* ]]
	[[ "$stderr" == *"healed: the command succeeds now (4 attempts, 4 fixes kept)"* ]]
	assert_equal "$(grep -c ':$' app.py)" 4
	"$PY" -m py_compile app.py
}

@test "the command runs once an attempt: the re-run that proved a fix gives the next errors; a failed fix's attempt runs it again" {
	# three missing ':' (compile() shows one a run): the first run, then
	# one re-run an attempt, each proving its fix and showing the next
	printf 'x = 1\nif x > 0\n    y = 2\nelse\n    y = 3\nfor i in range(y)\n    print(i)\n' >app.py
	printf 'echo run >>runs.log\nexec "$1" -m py_compile app.py\n' >run.sh
	run --separate-stderr heal --yes --no-wait -- bash run.sh "$PY"
	assert_success
	[[ "$stderr" == *"healed: the command succeeds now (3 attempts, 3 fixes kept)"* ]]
	assert_equal "$(wc -l <runs.log)" 4
	# a fix that fails: the next attempt runs the command itself
	printf '#!/bin/bash\nnosuchcmd_xyz\nexit 3\n' >helper.sh
	printf 'echo run >>runs2.log\n./helper.sh\n' >run2.sh
	run --separate-stderr heal --yes --no-wait --max-attempts 2 -- bash run2.sh
	[[ "$stderr" == *"attempt 2 of 2: running the command again"* ]]
	# the first run, attempt 1's re-run, attempt 2's run and re-run
	[ "$(wc -l <runs2.log)" -ge 3 ]
}

@test "--print-config: flags, environment, project file, user file, with their sources" {
	mkdir -p .heal .xdg/heal
	printf '{"max_attempts": 5, "timeout": 30}\n' >.heal/config.json
	printf '{"max_delay": 9, "timeout": 99}\n' >.xdg/heal/config.json
	SELF_HEAL_DRY_RUN=1 run --separate-stderr heal --print-config --min-confidence 0.9
	assert_success
	[[ "$output" == *"max_attempts       = 5             (project file: .heal/config.json)"* ]]
	[[ "$output" == *"timeout            = 30            (project file: .heal/config.json)"* ]]
	[[ "$output" == *"max_delay          = 9             (user file: $PROJ/.xdg/heal/config.json)"* ]]
	[[ "$output" == *"dry_run            = true          (environment: SELF_HEAL_DRY_RUN)"* ]]
	[[ "$output" == *"min_confidence     = 0.9           (command line: --min-confidence)"* ]]
	[[ "$output" == *"backoff_multiplier = 2             (default)"* ]]
	HEAL_MAX_ATTEMPTS=2 run --separate-stderr heal --print-config --max-attempts 4
	[[ "$output" == *"max_attempts       = 4             (command line: --max-attempts)"* ]]
}

@test "a bad configuration is a usage error naming its source" {
	mkdir -p .heal
	printf '{"max_attempts": "many"}\n' >.heal/config.json
	run --separate-stderr heal -- true
	assert_failure 2
	[[ "$stderr" == *".heal/config.json"*"max_attempts"* ]]
	rm .heal/config.json
	HEAL_ENV=prod run --separate-stderr heal -- true
	assert_failure 2
	[[ "$stderr" == *"HEAL_ENV"* ]]
	run --separate-stderr heal --max-attempts 0 -- true
	assert_failure 2
	run --separate-stderr heal
	assert_failure 2
	[[ "$stderr" == *"no command"* ]]
}

@test "enabled=false just runs the command" {
	c_project
	before=$(tree_state)
	SELF_HEAL_ENABLED=false run --separate-stderr heal --yes -- make
	assert_failure 2
	assert_equal "$(tree_state)" "$before"
	[ ! -e .heal ]
}

@test "--help and --version" {
	run heal --help
	assert_success
	assert_output --partial 'Usage: heal [OPTION]... -- COMMAND'
	run heal --version
	assert_output --regexp '^heal \(heal\) [0-9]'
}

@test "a data directory without pattern or rule files: each program says which file it cannot open, heal ends with the command's failure and changes nothing" {
	printf 'f() {\n  echo "$1"\n}\nf("a")\n' >s.sh
	cp s.sh before
	mkdir empty
	run --separate-stderr env HEAL_DATA_DIR="$PWD/empty" heal --yes --no-wait -- bash s.sh
	# no crash: the command's failure (2), or heal's configuration error
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"cannot open '$PWD/empty/patterns'"* ]]
	cmp s.sh before
}
