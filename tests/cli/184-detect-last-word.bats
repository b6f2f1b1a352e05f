#!/usr/bin/env bats
# heal-detect's last word on a log (#16): a multi-line start that fails on
# its second line (or at the end of the input) gives its first line back to
# the matchers after it; a line that says it is an error in words of a
# failure ("Error: The process '/usr/bin/git' failed with exit code 128",
# as GitHub's web log shows an action's failure) is a record when nothing
# else in the input is one (ci.json's error-line: last_resort and alone).

load 'helpers/golden'

setup() {
	golden_setup
}

teardown() {
	rm -rf "$T"
}

detect() {
	(cd "$T" && heal-detect <x.log >rec.json) || true
}

@test "an action's 'Error:' line alone in a log is its record, at the end of the input or not" {
	printf '%s\n' 'Run actions/checkout@v4' 'Fetching the repository' \
		"Error: The process '/usr/bin/git' failed with exit code 128" >"$T/x.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=log file=null severity=error \
		"message=The process '/usr/bin/git' failed with exit code 128"
	printf 'Removing auth\n' >>"$T/x.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 "message=The process '/usr/bin/git' failed with exit code 128"
}

@test "the last word is dropped when the input has another error, before it or after it" {
	printf '%s\n' "main.c:3:5: error: 'x' undeclared (first use in this function)" \
		'Error: Process completed with exit code 1.' >"$T/x.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=gcc file=main.c line=3
	printf '%s\n' 'ERROR: Job failed: exit code 1' \
		"main.c:3:5: error: 'x' undeclared (first use in this function)" >"$T/x.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=gcc file=main.c line=3
}

@test "an error line without a word of failure, or one another matcher reads, is no last word" {
	printf '%s\n' 'Error: none (all 3 checks passed)' 'error: 0 warnings' 'ERROR: 0' \
		'Fatal: none' >"$T/x.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 0 ]
	# node's uncaught error with its stack is node's record, not a last word
	printf '%s\n' "Error: Cannot find module 'express'" "    at Module._resolveFilename (node:internal/modules/cjs/loader:1077:15)" \
		"    at Object.<anonymous> (/app/index.js:1:17)" >"$T/x.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=node
}

@test "a multi-line start that fails on its second line leaves its first line to the matchers after it" {
	# the node-stack matcher takes 'Error: x' and wants 'at' lines; a lone
	# "Syntax Error while loading YAML." (ansible's last resort) after a
	# line that starts nothing
	printf '%s\n' 'Error: Process completed with exit code 2.' 'Cleaning up orphan processes' >"$T/x.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=log "message=Process completed with exit code 2."
	# a blank line after it: idris2's start passes over it and fails at
	# the input's end, node's start made again then fails on the blank,
	# and the line still goes on to the last word (not terraform's
	# "Error:" head: a GitHub step's end is the runner's)
	printf '%s\n' 'Error: Process completed with exit code 2.' '' >"$T/x.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=log "message=Process completed with exit code 2."
	# many lines later the engine is still itself: a gcc error is read
	printf '%s\n' "Error: x failed" 'next' "main.c:3:5: error: 'x' undeclared" >"$T/x.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=gcc line=3
}

@test "nox's and tox's failed command is a record alone, not beside the failure it ran" {
	# nox/sessions.py ("Command {} failed with exit code {}"), tox 3's
	# InvocationError, tox 4's "ENV: exit CODE (T seconds) DIR> CMD pid=N"
	printf '%s\n' 'nox > Running session tests' 'nox > pytest' \
		'nox > Command pytest failed with exit code 1' 'nox > Session tests failed.' >"$T/x.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=nox category=test "message=Command pytest failed with exit code 1"
	printf '%s\n' 'ERROR: InvocationError for command /src/.tox/py38/bin/pytest (exited with code 1)' \
		'py311: exit 2 (0.51 seconds) /src> pytest tests pid=4242' >"$T/x.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=tox "message~=InvocationError for command"
	rec_check "$T/rec.json" 1 tool=tox "message~=exit 2 (0.51 seconds)"
	# beside a test's failure the runner's line is no record
	printf '%s\n' 'E       assert 2 == 3' '' 'tests/test_sum.py:3: AssertionError' \
		'nox > Command pytest failed with exit code 1' >"$T/x.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=pytest file=tests/test_sum.py line=3
}

@test "tox's environment it could not make is a record, its summary under tox 3's '___ summary ___' too" {
	# tox 3 (tox/session/__init__.py: "ERROR: InterpreterNotFound: ...",
	# and again in the summary with the env's name) and tox 4
	# ("py38: skipped because could not find python interpreter ...")
	printf '%s\n' 'py38 create: /src/.tox/py38' 'ERROR: InterpreterNotFound: python3.8' \
		'___________________________________ summary ____________________________________' \
		'ERROR:  py38: InterpreterNotFound: python3.8' '  py39: commands succeeded' >"$T/x.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=tox category=configuration "message=InterpreterNotFound: python3.8" count=2
	printf '%s\n' 'py38: skipped because could not find python interpreter with spec(s): python3.8' \
		'  py38: SKIP (0.01 seconds)' >"$T/x.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=tox "message~=could not find python interpreter with spec(s): python3.8"
	# go's own refusal of a module newer than the toolchain: at go.mod
	printf '%s\n' 'go: go.mod requires go >= 1.23.0 (running go 1.22.12; GOTOOLCHAIN=local)' >"$T/x.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=go file=go.mod "message~=requires go >= 1.23.0"
	# automake's install-sh on a file make install names (rpmbuild's
	# %install indents it)
	printf '%s\n' '+ make install DESTDIR=/root/rpmbuild/BUILDROOT/x' \
		'  build-aux/install-sh: command.cfg does not exist.' \
		'  error: Bad exit status from /var/tmp/rpm-tmp.DCK0Sp (%install)' >"$T/x.log"
	detect
	rec_check "$T/rec.json" 0 tool=install-sh file=command.cfg "message=command.cfg does not exist"
}

@test "a JVM exception's line pasted without its frames, and V8's fatal error, are records" {
	# the class named in full at the line's start: a last resort, alone
	printf '%s\n' 'java.lang.NullPointerException: Cannot invoke "String.length()" because "s" is null' >"$T/x.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=java code=java.lang.NullPointerException \
		'message=Cannot invoke "String.length()" because "s" is null'
	# with its frames it is the stack's record, one
	printf '%s\n' 'java.lang.IllegalStateException: closed' '	at com.acme.Pool.get(Pool.java:41)' >"$T/x.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=java file~=Pool.java line=41
	# the cause a paste kept of it
	printf '%s\n' 'Caused by: java.lang.ClassNotFoundException: com.example.App' >"$T/x.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=java code=java.lang.ClassNotFoundException message=com.example.App
	# a dotted word that is no class of a package, or a logger's line: none
	printf '%s\n' 'main.Error: x' 'INFO  retry after java.io.IOException: reset' >"$T/x.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 0 ]
	# V8's heap exhausted under node, after its GC trace
	printf '%s\n' '<--- Last few GCs --->' '' \
		'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory' \
		' 1: 0xb7b3e0 node::Abort() [node]' >"$T/x.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=node category=resource "message~=JavaScript heap out of memory"
}

@test "a report's body that passes over any line ends at another compiler's error line" {
	# elm's and roc's "-- TITLE ---" reports, NUnit's numbered failures
	# and pytest's fixture errors pass over their prose: not over a
	# "file:line: error:" line, which is another tool's record
	printf '%s\n' '-- BUILD STEP ---------------------------' '' 'Compiling the sources.' \
		"src/a.c:3:5: error: 'x' undeclared (first use in this function)" >"$T/x.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 1 tool=gcc file=src/a.c line=3
	printf '%s\n' '1) Failed : Shop.Tests.CartTests.Total' '  Expected: 3' '  But was:  2' \
		"src/native/a.c:9:1: error: expected ';' before '}' token" >"$T/x.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=nunit "message=Expected: 3"
	rec_check "$T/rec.json" 1 tool=gcc file=src/native/a.c line=9
}

@test "a last resort's multi-line start that fails on its second line is not tried again on its first: the input ends" {
	# pytest's failure body (a last resort of two steps) on 'E' lines with
	# no 'file.py:N: Error' after them, at the end of the input and not
	printf '%s\n' 'E   first' 'not a place' 'E   second' >"$T/x.log"
	run timeout 20 heal-detect "$T/x.log"
	[ "$status" -ne 124 ]
	printf 'E   last\n' >"$T/y.log"
	run timeout 20 heal-detect "$T/y.log"
	[ "$status" -ne 124 ]
}

@test "a checker heal has no file for, naming itself before the place, is a record of that tool" {
	# Rust's src/tools/tidy: tidy_error!("{}:{}: {}", file, line, msg)
	# after "tidy error: "
	printf '%s\n' '[00:04:26] tidy check' \
		'[00:04:26] tidy error: /checkout/src/lib/borrow.rs:1595: trailing whitespace' \
		'[00:04:26] tidy error: /checkout/src/lib/borrow.rs:1611: line longer than 100 chars' \
		'[00:04:26] some tidy checks failed' >"$T/x.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=tidy file=/checkout/src/lib/borrow.rs line=1595 \
		"message=trailing whitespace"
	rec_check "$T/rec.json" 1 tool=tidy line=1611 "message=line longer than 100 chars"
	# a compiler's own line, or a word that is no tool's name, is not one
	printf '%s\n' "main.c:3:5: error: 'x' undeclared (first use in this function)" \
		'Build error: see log.txt:3: for details' >"$T/x.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=gcc
}

@test "a multi-line start that fails after blank lines gives its first line, and the blanks, to the matchers after it" {
	# idris2's "Error: msg", a blank, "Module:L:C--L:C" starts on any
	# "Error: " line: when no place follows the blanks, terraform's
	# "Error: x" (which needs the blank after it) and podman's step
	# still read the line, at the end of the input or not
	printf '%s\n' 'Error: error building at STEP "RUN make": exit status 2' '' '' \
		'next line' >"$T/x.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=podman "message~=building at STEP"
	printf '%s\n' 'Error: Unsupported argument' '' 'something else' >"$T/x.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=terraform "message=Unsupported argument"
	printf '%s\n' 'Error: Unsupported argument' '' '' >"$T/x.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=terraform "message=Unsupported argument"
	printf '%s\n' 'Error: Unsupported argument' '' '  on main.tf line 3:' >"$T/x.log"
	detect
	rec_check "$T/rec.json" 0 tool=terraform file=main.tf line=3
}

@test "gcloud's 'ERROR: (gcloud.x) ...' and the lines that say what" {
	printf '%s\n' 'ERROR: (gcloud.run.deploy) PERMISSION_DENIED:' \
		"Permission 'run.services.create' denied on resource 'namespaces/shop/services/api'" \
		'$ next command' >"$T/x.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=gcloud code=gcloud.run.deploy category=permission \
		"message=(gcloud.run.deploy) PERMISSION_DENIED:" "detail~=run.services.create"
	# the items under it are its detail; argparse's usage line before the
	# next error and another program's 'name: ' line are not
	printf '%s\n' 'ERROR: (gcloud.compute.disks.snapshot) Some requests did not succeed:' \
		' - Insufficient Permission' \
		'usage: gcloud compute snapshots describe  NAME [optional flags]' \
		'ERROR: (gcloud.compute.snapshots.describe) too few arguments' \
		"date: invalid date '+%Y%m%d'" >"$T/x.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 "detail=Insufficient Permission"
	rec_check "$T/rec.json" 1 "message=(gcloud.compute.snapshots.describe) too few arguments" detail=null
}

@test "an 'Error:' head alone on its line: the next line is the last word's message" {
	printf '%s\n' 'Initializing provider plugins...' 'Error:' 'Failed to query available provider packages' \
		'Could not retrieve the list of available versions for provider hashicorp/google' >"$T/x.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=log "message=Failed to query available provider packages"
	# a blank line after the head: nothing; another record in the input: not the last word
	printf '%s\n' 'Error:' '' 'Failed to query' >"$T/x.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 0 ]
	# a tool's own line after the head is that tool's
	printf '%s\n' 'Error:' "main.c:3:5: error: 'x' undeclared (first use in this function)" >"$T/x.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=gcc file=main.c line=3
	printf '%s\n' 'Error:' 'Failed to query available provider packages' \
		"main.c:3:5: error: 'x' undeclared (first use in this function)" >"$T/x.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=gcc
}
