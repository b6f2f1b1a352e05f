#!/usr/bin/env bats
# heal-detect on real outputs wrapped in the line prefixes CI systems print
# (#16): tests/data/detect/prefix/ (its README says which real output each
# wraps). The records must be those of the unprefixed output, with the
# prefix kept in raw. Until heal-detect strips prefixes these skip.

load 'helpers/golden'

setup() {
	golden_setup
}

teardown() {
	rm -rf "$T"
}

@test "prefix: azure-tsc-plain" { golden_case prefix azure-tsc-plain "needs prefix stripping, #16 engine"; }
@test "prefix: buildkit-ninja-cmake-build" { golden_case prefix buildkit-ninja-cmake-build "needs prefix stripping, #16 engine"; }
@test "prefix: cloudbuild-cmake-include" { golden_case prefix cloudbuild-cmake-include "needs prefix stripping, #16 engine"; }
@test "prefix: compose-javac-errors" { golden_case prefix compose-javac-errors "needs prefix stripping, #16 engine"; }
@test "prefix: github-cargo-build" { golden_case prefix github-cargo-build "needs prefix stripping, #16 engine"; }
@test "prefix: github-flake8-default" { golden_case prefix github-flake8-default "needs prefix stripping, #16 engine"; }
@test "prefix: gitlab-go-build" { golden_case prefix gitlab-go-build "needs prefix stripping, #16 engine"; }
@test "prefix: gitlab-mypy-default" { golden_case prefix gitlab-mypy-default "needs prefix stripping, #16 engine"; }
@test "prefix: jenkins-maven-compile" { golden_case prefix jenkins-maven-compile "needs prefix stripping, #16 engine"; }
@test "prefix: pip-ninja-cmake-build" { golden_case prefix pip-ninja-cmake-build "needs prefix stripping, #16 engine"; }

@test "prefix: every case wraps a golden case and wants its records" {
	local f base bad=0
	for f in "$GOLDEN_DATA"/prefix/*.from; do
		base=$(cat "$f")
		[ -f "$GOLDEN_DATA/$base.want" ] || { echo "$f: no $base.want" >&2; bad=1; }
		[ "$(grep -c . "$GOLDEN_DATA/$base.want")" -le "$(grep -c . "${f%.from}.want")" ] ||
			{ echo "$f: fewer records than $base" >&2; bad=1; }
	done
	[ "$bad" -eq 0 ]
}
