#!/usr/bin/env bats
# share/ci: the GitHub Actions and GitLab CI recipes parse, have the shape
# their CI wants, and the commands they run work here, on a copy of
# examples/c-make.

bats_require_minimum_version 1.5.0
load 'helpers/bats-libs'

CI="$HEAL_SRC/share/ci"
X="$HEAL_SRC/tests/cli/ci-extract.py"

setup() {
	python3 -c 'import yaml' 2>/dev/null || skip "python3-yaml not installed"
	PROJ=$(mktemp -d "${BATS_TMPDIR:-/tmp}/heal-ci.XXXXXX")
	cp -R "$HEAL_SRC/examples/c-make/." "$PROJ"
	cd "$PROJ" || return 1
	export GITHUB_OUTPUT="$PROJ/.gh-output" GITHUB_STEP_SUMMARY="$PROJ/.gh-summary"
	export LC_ALL=C
	: >"$GITHUB_OUTPUT"
	: >"$GITHUB_STEP_SUMMARY"
}

teardown() {
	cd / && rm -rf "$PROJ"
}

@test "every recipe is valid YAML with the shape its CI needs" {
	run python3 "$X" check "$CI/github/action.yml" "$CI/github/workflow.yml" "$CI/gitlab/heal.gitlab-ci.yml"
	assert_success
}

@test "the recipes' shell passes shellcheck" {
	command -v shellcheck >/dev/null || skip "shellcheck not installed"
	python3 "$X" github "$CI/github/action.yml" build >build.sh
	python3 "$X" github "$CI/github/action.yml" report >report.sh
	python3 "$X" gitlab "$CI/gitlab/heal.gitlab-ci.yml" heal >gitlab.sh
	python3 "$X" github "$CI/github/action.yml" guards >guards.sh
	run shellcheck -s bash build.sh report.sh guards.sh
	assert_success
	run shellcheck -s sh gitlab.sh
	assert_success
}

@test "github: the build step runs the build, records heal's proposals, changes nothing" {
	before=$(sha256sum main.c)
	python3 "$X" github "$CI/github/action.yml" build command=make >build.sh
	run bash -eo pipefail build.sh
	assert_success
	assert_output --partial "error:"
	assert_output --partial "+#include <string.h>"
	assert_equal "$(cat "$GITHUB_OUTPUT")" "status=2"
	assert_equal "$(sha256sum main.c)" "$before"
	run grep -c '"status":"dry-run"' heal-records.ndjson
	assert_success
	[ "$output" -ge 2 ]
}

@test "github: the report step writes annotations, the step summary and SARIF" {
	python3 "$X" github "$CI/github/action.yml" build command=make >build.sh
	bash -eo pipefail build.sh >/dev/null
	python3 "$X" github "$CI/github/action.yml" report >report.sh
	run bash -eo pipefail report.sh
	assert_success
	assert_output --partial '::error file=main.c,line=9'
	run cat "$GITHUB_STEP_SUMMARY"
	assert_output --partial '### heal'
	assert_output --partial 'fix proposed (dry run)'
	run python3 "$HEAL_SRC/tests/cli/sarif-check.py" "$HEAL_SRC/tests/data/sarif-schema-2.1.0.json" heal.sarif
	assert_success
}

@test "github: a passing build: status 0, an empty report" {
	python3 "$X" github "$CI/github/action.yml" build command=true >build.sh
	run bash -eo pipefail build.sh
	assert_success
	assert_equal "$(cat "$GITHUB_OUTPUT")" "status=0"
	python3 "$X" github "$CI/github/action.yml" report >report.sh
	run bash -eo pipefail report.sh
	assert_success
	refute_output --partial '::error'
}

@test "github: the command is split into words, never given to a shell" {
	python3 "$X" github "$CI/github/action.yml" build 'command=printf <%s> $(touch$IFS.pwned) *' >build.sh
	run bash -eo pipefail build.sh
	assert_success
	assert_output --partial '<$(touch$IFS.pwned)><*>'
	[ ! -e .pwned ]
}

@test "gitlab: the job writes a Code Quality report, a JUnit report, and fails like the build" {
	before=$(sha256sum main.c)
	python3 "$X" gitlab "$CI/gitlab/heal.gitlab-ci.yml" heal >job.sh
	run sh -e job.sh
	assert_failure 2
	assert_output --partial 'main.c:9'
	assert_equal "$(sha256sum main.c)" "$before"
	python3 - <<'PY'
import json, xml.etree.ElementTree as ET
d = json.load(open("gl-code-quality-report.json"))
assert d and all(i["location"]["path"] == "main.c" or i["location"]["path"] == "Makefile" for i in d), d
assert any(i["location"]["lines"]["begin"] == 18 for i in d)
ET.parse("heal-junit.xml")
PY
	[ -s heal-records.ndjson ] && [ -s heal-build.log ]
}

@test "gitlab: a passing build passes with an empty report" {
	python3 "$X" gitlab "$CI/gitlab/heal.gitlab-ci.yml" heal HEAL_COMMAND=true >job.sh
	run sh -e job.sh
	assert_success
	assert_equal "$(cat gl-code-quality-report.json | tr -d ' \n')" "[]"
}

@test "github and gitlab: the regression guards pass while the fixes stay, fail when an error is back" {
	cp main.c broken.c
	heal --yes --no-wait -- make >/dev/null 2>&1
	[ -s .heal/regressions.ndjson ]
	python3 "$X" github "$CI/github/action.yml" guards >guards.sh
	run bash -eo pipefail guards.sh
	assert_success
	assert_equal "$(cat "$GITHUB_OUTPUT")" "regressions=0"
	cp broken.c main.c
	: >"$GITHUB_OUTPUT"
	run bash -eo pipefail guards.sh
	assert_failure 1
	assert_output --partial "heal-validate: regression: error "
	assert_equal "$(cat "$GITHUB_OUTPUT")" "regressions=3"
	run heal-log --health
	assert_line "regressions: 3 in the last run, 3 in all"
	# gitlab: the build fails first (status 2), so that status stands; with
	# a build that passes, the guards' status is the job's
	python3 "$X" gitlab "$CI/gitlab/heal.gitlab-ci.yml" heal HEAL_COMMAND=true >job.sh
	run sh -e job.sh
	assert_failure 1
	assert_output --partial "heal-validate: regression: error "
}
