#!/usr/bin/env bats
# heal-detect on test runners' failures and Windows shells' errors (#16):
# tests/data/detect/{jest,rspec,googletest,windows}/ (each case's .docs
# cites the tool's own layout it was written from).

load 'helpers/golden'

setup() {
	golden_setup
}

teardown() {
	rm -rf "$T"
}

@test "jest: recorded" { golden_recorded jest; }
@test "rspec: recorded" { golden_recorded rspec; }
@test "googletest: recorded" { golden_recorded googletest; }
@test "windows: cmd.exe and PowerShell, recorded" { golden_recorded windows; }

@test "jest: a passing run and its console output give no record" {
	printf '%s\n' ' PASS  src/cart.test.js' '  ● Console' '' '    console.log' '      total 30' '' \
		'Test Suites: 1 passed, 1 total' >"$T/x.log"
	(cd "$T" && heal-detect <x.log >rec.json) || true
	[ "$(rec_count "$T/rec.json")" -eq 0 ]
}

@test "googletest: 'file(N): error:' of another compiler is not GoogleTest's" {
	printf '%s\n' 'src\main.c(3): error: identifier "x" is undefined' >"$T/x.log"
	(cd "$T" && heal-detect <x.log >rec.json) || true
	[ -z "$(grep '"tool":"googletest"' "$T/rec.json")" ]
}
