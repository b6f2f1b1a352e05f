#!/usr/bin/env bats
# heal-detect on a real gradle run (#16): a file of its own, as gradle takes
# a minute or more to start. The recorded cases are in 173-detect-build-tools.

load 'helpers/golden'

setup() {
	golden_setup
}

teardown() {
	rm -rf "$T"
}

@test "gradle: live" { golden_live gradle; }
