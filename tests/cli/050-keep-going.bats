#!/usr/bin/env bats
# One --keep-going rule for every tool that takes it (heal-records(5)): a bad
# input line is reported with its input and line and skipped, every good
# record is processed and written, and the exit status is 3 at the end.
bats_require_minimum_version 1.5.0
load helpers/fix

setup() {
	fix_setup
	printf 'int conut;\n' >a.c
	# line 1 good, line 2 not JSON, line 3 a record of an unknown
	# version, line 4 good (an error record heal-fix can apply)
	mkrec --id 00000000000000a1 --replace a.c conut count >good1
	{
		printf '{"v":1,"kind":"event","event":"error_detected"}\n'
		printf 'not json\n'
		printf '{"v":2,"kind":"error"}\n'
		cat good1
	} >in
}
teardown() { fix_teardown; }

# stderr names both bad lines of input FILE-NAME
names_bad_lines() {
	[[ "$stderr" == *"$1:2: "* ]] || { echo "no $1:2 in: $stderr"; return 1; }
	[[ "$stderr" == *"$1:3: "* ]] || { echo "no $1:3 in: $stderr"; return 1; }
}

# the output holds the good records: the event and the error's record
good_records_out() {
	"$PY" - "$1" <<'PY'
import json, sys
recs = [json.loads(l) for l in sys.argv[1].splitlines() if l.strip()]
kinds = [r["kind"] for r in recs]
assert "event" in kinds, kinds
assert any(r.get("id") == "00000000000000a1" or r.get("error_id") == "00000000000000a1" for r in recs), recs
PY
}

@test "without --keep-going every tool stops at the first bad line with 3" {
	for t in heal-analyze heal-fix "heal-validate --no-syntax-check" "heal-log --no-log"; do
		# shellcheck disable=SC2086
		run --separate-stderr $t in
		assert_failure 3
		[[ "$stderr" == *"in:2: "* ]]
	done
	# heal-fix read everything first: nothing was changed
	grep -q conut a.c
}

@test "heal-analyze --keep-going: good records analyzed and written, exit 3" {
	run --separate-stderr heal-analyze --keep-going in
	assert_failure 3
	names_bad_lines in
	good_records_out "$output"
}

@test "heal-fix --keep-going: the good record's fix applied and written, exit 3" {
	run --separate-stderr heal-fix --keep-going in
	assert_failure 3
	names_bad_lines in
	good_records_out "$output"
	grep -q 'int count;' a.c
	assert_equal "$(printf '%s\n' "$output" | "$PY" -S -c 'import json,sys
print([json.loads(l)["status"] for l in sys.stdin if json.loads(l)["kind"]=="fix"][0])')" applied
}

@test "heal-validate --keep-going: the good fix validated and written, exit 3 (not 0)" {
	heal-fix <good1 >fixed
	{ head -3 in; cat fixed; } >vin
	run --separate-stderr heal-validate --keep-going vin -- true
	assert_failure 3
	names_bad_lines vin
	good_records_out "$output"
	assert_equal "$(printf '%s\n' "$output" | "$PY" -S -c 'import json,sys
print([json.loads(l)["status"] for l in sys.stdin if json.loads(l)["kind"]=="validation"][0])')" passed
}

@test "heal-log --keep-going: good records passed through and logged, exit 3" {
	run --separate-stderr heal-log --keep-going in
	assert_failure 3
	names_bad_lines in
	good_records_out "$output"
	grep -q 00000000000000a1 .heal/changelog.ndjson
}

@test "--keep-going without a bad line keeps the tool's own status" {
	run --separate-stderr heal-log --keep-going --no-log good1
	assert_success
	run --separate-stderr heal-analyze --keep-going good1
	assert_success
	run --separate-stderr heal-fix --keep-going --dry-run good1
	assert_success
}

@test "a worse error keeps its status over the skipped line's 3" {
	# an input that cannot be read after a skipped line: 4, not 3
	run --separate-stderr heal-log --keep-going --no-log in /nonexistent/x
	assert_failure 4
	run --separate-stderr heal-analyze --keep-going in /nonexistent/x
	assert_failure 4
}
