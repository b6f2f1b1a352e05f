#!/usr/bin/env bats
# heal-detect on real terraform output (offline: built-in resources only).

load 'helpers/detect'

setup() {
	T=$(mktemp -d)
	TF=$(command -v terraform || true)
	[ -n "$TF" ] || skip "no terraform"
	export CHECKPOINT_DISABLE=1
	unset TF_CLI_CONFIG_FILE
	printf 'variable "region" {\n  typ = string\n}\n' >"$T/variables.tf"
}

teardown() {
	rm -rf "$T"
}

@test "terraform validate -no-color: Error block with location and detail" {
	detect_in "$T" terraform validate -no-color
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=terraform env=terraform file=variables.tf line=2 column=null \
		severity=error category=name hint=type "message=Unsupported argument" \
		"detail=An argument named \"typ\" is not expected here. Did you mean \"type\"?"
}

@test "terraform validate with colour and rulers" {
	detect_in "$T" terraform validate
	grep -q '│' "$T/out.txt"
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=terraform file=variables.tf line=2 severity=error \
		hint=type "message=Unsupported argument"
}

@test "terraform validate -json" {
	detect_in "$T" terraform validate -json
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=terraform file=variables.tf line=2 column=3 end_column=6 \
		severity=error hint=type "message=Unsupported argument"
}

@test "terraform: undeclared variable, several blocks" {
	printf 'variable "region" {\n  type = string\n}\nlocals {\n  a = var.regoin\n  b = var.zone\n}\n' >"$T/variables.tf"
	detect_in "$T" terraform validate -no-color
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 file=variables.tf line=5 "message=Reference to undeclared input variable" hint=region
	rec_check "$T/rec.json" 1 file=variables.tf line=6 "message=Reference to undeclared input variable"
}

@test "terraform: a valid configuration gives no records" {
	printf 'variable "region" {\n  type = string\n}\n' >"$T/variables.tf"
	(cd "$T" && terraform validate -no-color >out.txt 2>&1)
	run heal-detect "$T/out.txt"
	assert_success
	assert_output ''
}

@test "terraform: recorded lock-file error without a location" {
	run heal-detect "$HEAL_SRC/tests/cases/detect/terraform-lock.txt"
	assert_failure 1
	echo "$output" >"$T/rec.json"
	rec_check "$T/rec.json" 0 tool=terraform file=null line=null category=dependency \
		"message=Inconsistent dependency lock file" "detail~=no version is selected"
}

@test "terraform: every block of a real run is terraform's, with its file and line (no other tool's 'Error: ' matcher claims one)" {
	# an unterminated string: 'Invalid multi-line string' blocks and an
	# 'Unterminated template string' one, which helm's matcher once took
	printf 'variable "region" {\n  default = "eu-west-1\n}\noutput "region" {\n  value = var.region\n}\n' >"$T/variables.tf"
	detect_in "$T" terraform validate -no-color
	grep -q 'Unterminated template string' "$T/out.txt"
	[ "$(rec_count "$T/rec.json")" -ge 2 ]
	python3 - "$T/rec.json" <<'PY'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
msgs = [r["message"] for r in recs]
assert any("Unterminated template string" in m for m in msgs), msgs
for r in recs:
    assert r["tool"] == "terraform" and r["file"] == "variables.tf" and r["line"], r
PY
}
