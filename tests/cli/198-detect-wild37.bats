#!/usr/bin/env bats
# heal-detect on layouts the dev half of the thirty-seventh gathering
# (deployment tools, scripts, test runners, CI logs) showed missing (#16),
# each written by us in the layout the tool prints.

load 'helpers/detect-log'

# the records of rec.json as "tool|file|line|column|message" lines
rows() {
	rec_rows tool file line column message
}

@test "PyYAML's marks: the data file's place for a record without one, the problem as detail" {
	printf '%s\n' 'ERROR: yaml.scanner.ScannerError: mapping values are not allowed here' \
		'  in "./docker-compose.yml", line 19, column 22' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "$output" = "docker-compose|docker-compose.yml|19|22|yaml.scanner.ScannerError: mapping values are not allowed here" ]
	# a context mark, the problem, its mark; a string's snippet and caret
	printf '%s\n' 'yaml.parser.ParserError: while parsing a block mapping' \
		'  in "<unicode string>", line 1, column 1:' '    a:' '    ^' \
		"expected <block end>, but found '<block mapping start>'" \
		'  in "<unicode string>", line 3, column 2:' '     c: [1' '     ^' \
		'next: line' >"$T/in.log"
	detect
	run rec_rows file line message detail
	echo "$output"
	[ "$output" = "None|None|while parsing a block mapping|expected <block end>, but found '<block mapping start>'" ]
	grep -q 'c: \[1' "$T/rec.json"
	! grep -q 'next: line' "$T/rec.json"
}

@test "PyYAML's marks under a traceback: the frame keeps the place, no mark's column joins it" {
	printf '%s\n' 'Traceback (most recent call last):' \
		'  File "load.py", line 3, in <module>' '    yaml.safe_load(open("c.yml"))' \
		'yaml.scanner.ScannerError: mapping values are not allowed here' \
		'  in "c.yml", line 2, column 5' >"$T/in.log"
	: >"$T/load.py"
	detect
	run rows
	echo "$output"
	[ "$output" = "python|load.py|3|None|mapping values are not allowed here" ]
	grep -q 'line 2, column 5' "$T/rec.json"
}

@test "PyYAML live: python3 loading a broken file" {
	python3 -c 'import yaml' 2>/dev/null || skip "python3 has no yaml module"
	printf 'a:\n  - b\n c: [1\n' >"$T/d.yml"
	(cd "$T" && python3 -c 'import yaml
try:
    yaml.safe_load(open("d.yml"))
except yaml.YAMLError as e:
    print("ERROR: yaml.parser.ParserError:", e)' >in.log 2>&1) || true
	detect
	run rec_rows file line detail
	echo "$output"
	[ "$output" = "d.yml|1|expected <block end>, but found '<block mapping start>'" ]
}

@test "MSBuild's canonical format takes its category in any case (bicep's 'Error BCP036')" {
	printf '%s\n' '/src/infra/main.bicep(91,28) : Error BCP036: The property "HOST" expected a value of type "string" but the provided value is of type "object". [https://aka.ms/bicep/core-diagnostics#BCP036]' \
		'main.bicep(3,5) : Warning BCP081: Resource type "x" does not have types available.' >"$T/in.log"
	detect
	run rec_rows file line column severity code
	echo "$output"
	[ "${lines[0]}" = "/src/infra/main.bicep|91|28|error|BCP036" ]
	[ "${lines[1]}" = "main.bicep|3|5|warning|BCP081" ]
}

@test "the Serverless Framework's error box: its wrapped message, not its support links" {
	printf '%s\n' '  Serverless Error ---------------------------------------' ' ' \
		'     An error occurred while provisioning your cloudformation:' \
		'     The following resource(s) failed to create: [Fn,' '     Api].' ' ' \
		'  Get Support --------------------------------------------' \
		'     Docs:          docs.serverless.com' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "$output" = "serverless|None|None|None|An error occurred while provisioning your cloudformation: The following resource(s) failed to create: [Fn, Api]." ]
}

@test "Vault's API error: the cause under its go-multierror head, not the head" {
	printf '%s\n' 'Error writing data to secret/data/app: Error making API request.' '' \
		'URL: PUT http://127.0.0.1:8200/v1/secret/data/app' 'Code: 403. Errors:' '' \
		'* 1 error occurred:' '	* permission denied' >"$T/in.log"
	detect
	run rec_rows tool code message detail
	echo "$output"
	[ "$output" = "vault|403|permission denied|writing data to secret/data/app" ]
}

@test "the last words of a log heal has no pattern for: HashiCorp's '==> Error starting', a gRPC status, 'Build Failed' then its error" {
	printf '%s\n' '==> Starting Consul agent...' \
		'==> Error starting agent: Failed to start Consul server: Could not set up network transport' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "$output" = "log|None|None|None|Error starting agent: Failed to start Consul server: Could not set up network transport" ]
	# a gerund's head without words of a failure is none
	printf '%s\n' '==> Error reporting: enabled' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 0 ]
	printf '%s\n' 'ComparisonError' \
		'rpc error: code = Unknown desc = Manifest generation error (cached): apps/web: app path does not exist' >"$T/in.log"
	detect
	run rec_rows code message
	echo "$output"
	[ "$output" = "Unknown|Manifest generation error (cached): apps/web: app path does not exist" ]
	printf '%s\n' 'Running PythonPipBuilder:ResolveDependencies' '' 'Build Failed' \
		'Error: PythonPipBuilder:ResolveDependencies - {charset-normalizer==3.0.1(wheel)}' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "$output" = "log|None|None|None|PythonPipBuilder:ResolveDependencies - {charset-normalizer==3.0.1(wheel)}" ]
	# any other record: these are not written
	printf '%s\n' 'main.c:3:5: error: expected ‘;’ before ‘}’ token' 'Build Failed' 'Error: make exited 2' >"$T/in.log"
	detect
	run rows
	[ "${#lines[@]}" -eq 1 ]
}

@test "zsh's own templates after a name and a line: a script's, zsh -c's, an autoloaded function's" {
	printf '%s\n' 'compinit:141: parse error: condition expected: $1' \
		't.zsh:4: not an identifier: 1x' 'zsh:1: bad pattern: [a' >"$T/in.log"
	detect
	run rec_rows tool file line code message
	echo "$output"
	[ "${lines[0]}" = "zsh|compinit|141|syntax-error|parse error: condition expected: \$1" ]
	[ "${lines[1]}" = "zsh|t.zsh|4|syntax-error|not an identifier: 1x" ]
	[ "${lines[2]}" = "zsh|None|1|syntax-error|bad pattern: [a" ]
}

@test "zsh live: its errors on a script with a bad pattern and a read-only variable" {
	command -v zsh >/dev/null || skip "no zsh"
	printf '%s\n' 'echo start' 'x=([a)' >"$T/a.zsh"
	printf '%s\n' 'readonly q=1' 'q=2' >"$T/b.zsh"
	(cd "$T" && { zsh a.zsh; zsh b.zsh; } >in.log 2>&1) || true
	cat "$T/in.log"
	detect
	run rec_rows tool file line message
	echo "$output"
	[ "${lines[0]}" = "zsh|a.zsh|2|bad pattern: [a" ]
	[ "${lines[1]}" = "zsh|b.zsh|2|read-only variable: q" ]
}

@test "cmd.exe's 'not recognized' sentence whole, over its two lines" {
	printf '%s\n' "'pyhton' is not recognized as an internal or external command," \
		'operable program or batch file.' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "$output" = "cmd|None|None|None|'pyhton' is not recognized as an internal or external command, operable program or batch file." ]
}

@test "Netlify's 12-hour clock and a time stamp a tab ends are prefixes; npm 10's 'npm error' lines under them" {
	printf '%s\n' '7:51:34 PM: npm error code ERESOLVE' '7:51:34 PM: npm error ERESOLVE could not resolve' \
		'7:51:34 PM: npm error' '7:51:34 PM: npm error While resolving: app@0.0.1' >"$T/in.log"
	detect
	run rec_rows tool code message
	echo "$output"
	[ "$output" = "npm|ERESOLVE|ERESOLVE could not resolve" ]
	printf '2026-08-11T19:11:47.644Z\t%s\n' 'npm error code EUSAGE' 'npm error' \
		'npm error `npm ci` can only install packages when your package.json and package-lock.json are in sync.' \
		'npm error' >"$T/in.log"
	detect
	run rec_rows tool code message
	echo "$output"
	[ "$output" = "npm|EUSAGE|\`npm ci\` can only install packages when your package.json and package-lock.json are in sync." ]
	grep -q '"raw":"2026-08-11T19:11:47.644Z\\tnpm error code EUSAGE' "$T/rec.json"
}

@test "go's linters: the code in parentheses after the message is the record's (staticcheck's SA1019, golangci-lint's linter)" {
	printf '%s\n' 'pkg/a_test.go:312:30: Error return value is not checked (errcheck)' \
		'x/g.go:7:2: package p is deprecated: Use q instead.  (SA1019)' \
		'main.go:3:1: G104: Errors unhandled. (Rule:G104, Severity:LOW, Confidence:HIGH)' >"$T/in.log"
	detect
	run rec_rows file code category message
	echo "$output"
	[ "${lines[0]}" = "pkg/a_test.go|errcheck|runtime|Error return value is not checked" ]
	[ "${lines[1]}" = "x/g.go|SA1019|runtime|package p is deprecated: Use q instead." ]
	[ "${lines[2]}" = "main.go|G104|runtime|Errors unhandled." ]
}

@test "gulp-tslint's lines: tslint's prose format after its tag and severity" {
	printf '%s\n' "[14:33:30] Starting 'lint'..." \
		'[14:33:30] [gulp-tslint] error (semicolon) app.ts[25, 22]: Missing semicolon' \
		'[14:33:30] [gulp-tslint] error (whitespace) app.ts[12, 20]: missing whitespace' >"$T/in.log"
	detect
	run rec_rows tool file line column code message
	echo "$output"
	[ "${lines[0]}" = "tslint|app.ts|25|22|semicolon|Missing semicolon" ]
	[ "${lines[1]}" = "tslint|app.ts|12|20|whitespace|missing whitespace" ]
	[ "${#lines[@]}" -eq 2 ]
}

@test "Maven's own error ended by its help link; a failed goal's line stays maven-goal's" {
	printf '%s\n' '[INFO] BUILD FAILURE' \
		'[ERROR] The goal you specified requires a project to execute but there is no POM in this directory (/w). Please verify you invoked Maven from the correct directory. -> [Help 1]' \
		'[ERROR] ' '[ERROR] To see the full stack trace of the errors, re-run Maven with the -e switch.' >"$T/in.log"
	detect
	run rec_rows tool category message
	echo "$output"
	[ "$output" = "maven|configuration|The goal you specified requires a project to execute but there is no POM in this directory (/w). Please verify you invoked Maven from the correct directory." ]
	printf '%s\n' '[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.1:compile (default-compile) on project app: Compilation failure -> [Help 1]' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 "message=Compilation failure"
}

@test "docker's legacy builder: 'COPY failed:' is the cause under Cloud Build's step failure" {
	printf '%s\n' 'ERROR: build step 0 "gcr.io/cloud-builders/docker" failed: step exited with non-zero status: 1' \
		'ERROR' 'COPY failed: file not found in build context or excluded by .dockerignore: stat root/: file does not exist' \
		'Step 10/12 : COPY root/ /' >"$T/in.log"
	detect
	run rec_rows tool category message
	echo "$output"
	[ "$output" = "docker|dependency|COPY failed: file not found in build context or excluded by .dockerignore: stat root/: file does not exist" ]
}

@test "macOS's dyld: a library not loaded, where it was referenced from and why" {
	printf '%s\n' 'dyld[4242]: Library not loaded: @rpath/libfoo.1.dylib' \
		'  Referenced from: /Users/u/build/app' "  Reason: tried: '/usr/lib/libfoo.1.dylib' (no such file)" >"$T/in.log"
	detect
	run rec_rows tool category message detail
	echo "$output"
	[ "$output" = "dyld|link|Library not loaded: @rpath/libfoo.1.dylib|Referenced from: /Users/u/build/app Reason: tried: '/usr/lib/libfoo.1.dylib' (no such file)" ]
}

@test "a CI system's timeout is the log's last word" {
	printf '%s\n' 'go test -v -race ./...' '' 'Too long with no output (exceeded 10m0s): context deadline exceeded' >"$T/in.log"
	detect
	run rec_rows tool category message
	echo "$output"
	[ "$output" = "ci|resource|Too long with no output (exceeded 10m0s): context deadline exceeded" ]
	printf '%s\n' '##[error]The job running on runner GitHub Actions 2 has exceeded the maximum execution time of 360 minutes.' >"$T/in.log"
	detect
	run rec_rows message
	[ "$output" = "The job running on runner GitHub Actions 2 has exceeded the maximum execution time of 360 minutes." ]
}

@test "surefire 3's report: ' -- Time elapsed', the place at the first frame past JUnit's and opentest4j's" {
	printf '%s\n' '[ERROR] org.acme.cli.ExecutorTest.version -- Time elapsed: 0.729 s <<< FAILURE!' \
		'org.opentest4j.AssertionFailedError: expected: <4.0.0> but was: <unknown>' \
		'	at org.junit.jupiter.api.AssertionFailureBuilder.build(AssertionFailureBuilder.java:151)' \
		'	at org.junit.jupiter.api.Assertions.assertEquals(Assertions.java:1145)' \
		'	at org.acme.cli.ExecutorTestSupport.version(ExecutorTestSupport.java:127)' \
		'	at java.base/java.lang.reflect.Method.invoke(Method.java:580)' \
		'	at org.acme.cli.Other.run(Other.java:9)' >"$T/in.log"
	detect
	run rec_rows tool file line code message
	echo "$output"
	[ "$output" = "maven|ExecutorTestSupport.java|127|org.opentest4j.AssertionFailedError|expected: <4.0.0> but was: <unknown>" ]
}

@test "playwright: the failure's own place above its excerpt ('at auth.po.ts:61') and its frame, not the test's head" {
	printf '%s\n' '  1) [chromium] › tests/account.spec.ts:16:7 › user can update their name' '' \
		'    Error: Failed to fetch emails: Not Found' '' '       at tests/auth.po.ts:61' '' \
		'      60 |       expect(res).not.toBeNull();' '    > 61 |     }).toPass();' '         |        ^' \
		'        at AuthPage.visit (/w/e2e/tests/auth.po.ts:61:8)' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "$output" = "playwright|/w/e2e/tests/auth.po.ts|61|8|Error: Failed to fetch emails: Not Found" ]
}

@test "testthat 2's results list: a row a problem when no problem's report came before" {
	printf '%s\n' 'testthat results ================================' ' OK: 2 SKIPPED: 0 FAILED: 1' \
		' 1. Error: etl nyctaxi (@test-nyctaxi.R#9)' ' Error: testthat unit tests failed' ' Execution halted' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "$output" = "testthat|test-nyctaxi.R|9|None|1. Error: etl nyctaxi (@test-nyctaxi.R#9)" ]
	printf '%s\n' '── 1. Failure: adds (@test-calc.R#3) ──────' 'add(1, 2) not equal to 3.' '' \
		'testthat results ======' '1. Failure: adds (@test-calc.R#3)' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "$output" = "testthat|test-calc.R|3|None|add(1, 2) not equal to 3." ]
}

@test "esbuild's error relayed after a wrapper's words (the AWS SAM CLI's): esbuild's record, its place below" {
	printf '%s\n' 'Build Failed' \
		'Error: NodejsNpmEsbuildBuilder:EsbuildBundle - Esbuild Failed: ✘ [ERROR] Could not resolve "serialize-error"' '' \
		'    src/trigger.ts:2:31:' '      2 │ import { serializeError } from "serialize-error";' \
		'        ╵                                ~~~~~~~~~~~~~~~~~' '' '1 error' >"$T/in.log"
	detect
	run rec_rows tool file line message
	echo "$output"
	[ "$output" = 'esbuild|src/trigger.ts|2|Could not resolve "serialize-error"' ]
}

@test "webpack 3's and 4's babel error on the build-failed line: its file and place" {
	printf '%s\n' 'ERROR in ./src/index.jsx' \
		'Module build failed: SyntaxError: /w/theme/src/index.jsx: Unexpected token (20:4)' '' \
		'  19 | const App = () => (' '> 20 |     <div id="page-inner">' '     |     ^' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "$output" = "webpack|/w/theme/src/index.jsx|20|5|Module build failed: SyntaxError: /w/theme/src/index.jsx: Unexpected token (20:4)" ]
}

@test "Tcl's errorInfo: the message over 'while executing', the script's file and line of its top-level command" {
	printf '%s\n' "can't read \"y\": no such variable" '    while executing' '"expr {$x + $y}"' \
		'    (procedure "f" line 2)' '    invoked from within' '"f 1"' '    invoked from within' \
		'"puts [f 1]"' '    (file "a.tcl" line 4)' 'next output' >"$T/in.log"
	detect
	run rec_rows tool file line category message
	echo "$output"
	[ "$output" = "tclsh|a.tcl|4|name|can't read \"y\": no such variable" ]
	! grep -q 'next output' "$T/rec.json"
}

@test "Tcl live: tclsh on a script with a missing bracket and an unknown command" {
	command -v tclsh >/dev/null || skip "no tclsh"
	printf 'set x [lindex {1 2}\nputs $x\n' >"$T/b.tcl"
	printf 'puts [undefined_cmd 3]\n' >"$T/c.tcl"
	(cd "$T" && { tclsh b.tcl; tclsh c.tcl; } >in.log 2>&1) || true
	cat "$T/in.log"
	detect
	run rec_rows tool file line category message
	echo "$output"
	[ "${lines[0]}" = "tclsh|b.tcl|1|syntax|missing close-bracket" ]
	[ "${lines[1]}" = "tclsh|c.tcl|1|name|invalid command name \"undefined_cmd\"" ]
}

@test "languages without a pattern file before: Vala, GLSL (glslang, Mesa, NVIDIA), Octave and MATLAB" {
	printf '%s\n' "main.vala:3.5-3.9: error: The name \`prnt' does not exist in the context of \`Main.main'" \
		'    prnt ("hi");' '    ^~~~' 'Compilation failed: 1 error(s), 0 warning(s)' \
		"ERROR: shader.frag:12: 'colr' : undeclared identifier" \
		'ERROR: 1 compilation errors.  No code generated.' \
		"0:14(5): error: \`pos' undeclared" '0(16) : error C1008: undefined variable "uv"' >"$T/in.log"
	detect
	run rec_rows tool file line column message
	echo "$output"
	[ "${lines[0]}" = "valac|main.vala|3|5|The name \`prnt' does not exist in the context of \`Main.main'" ]
	[ "${lines[1]}" = "glslang|shader.frag|12|None|'colr' : undeclared identifier" ]
	[ "${lines[2]}" = "glslang|None|14|5|\`pos' undeclared" ]
	[ "${lines[3]}" = "glslang|None|16|None|undefined variable \"uv\"" ]
	[ "${#lines[@]}" -eq 4 ]
	printf '%s\n' 'parse error near line 3 of file /w/f.m' '' '  syntax error' '' '>>> x = [1 2' '              ^' \
		"error: 'y' undefined" 'error: index (5,_): out of bound 3' 'error: called from' '    g at line 7 column 5' \
		'Error: File: bar.m Line: 3 Column: 5' 'Invalid expression. Check for missing multiplication operator.' \
		"Unrecognized function or variable 'zz'." >"$T/in.log"
	detect
	run rec_rows tool file line category message
	echo "$output"
	[ "${lines[0]}" = "octave|/w/f.m|3|syntax|syntax error" ]
	[ "${lines[1]}" = "octave|None|None|name|'y' undefined" ]
	[ "${lines[2]}" = "octave|None|None|runtime|index (5,_): out of bound 3" ]
	[ "${lines[3]}" = "matlab|bar.m|3|syntax|Invalid expression. Check for missing multiplication operator." ]
	[ "${lines[4]}" = "matlab|None|None|name|Unrecognized function or variable 'zz'." ]
}

@test "a traceback ending in an exception's name and a bare colon (nose's 'AssertionError:' of a docstring's message)" {
	printf '%s\n' 'FAIL: pkg.test.test1.test_issue' \
		'Traceback (most recent call last):' '  File "t.py", line 3, in test_x' '    assert f() == 2' \
		'AssertionError:' '' 'Ran 1 test' >"$T/in.log"
	: >"$T/t.py"
	detect
	run rec_rows tool file line code message
	echo "$output"
	[ "$output" = "python|t.py|3|AssertionError|AssertionError" ]
}

@test "Minitest's failure message over its lines, a custom message's first; XCTest's ' - ' of an empty custom message dropped" {
	printf '%s\n' ' 21) Failure:' 'RouteTest#test_route [/w/test/route_test.rb:16]:' 'In stdout.' \
		'Expected /create/m to match "      made".' '' '2 tests, 3 assertions, 1 failures, 0 errors, 0 skips' \
		'/w/Tests/AppTests.swift:56: error: AppTests.testUnpack : XCTAssertEqual failed: ("nil") is not equal to ("A") - ' >"$T/in.log"
	detect
	run rec_rows tool file line message
	echo "$output"
	[ "${lines[0]}" = 'minitest|/w/test/route_test.rb|16|In stdout. Expected /create/m to match "      made".' ]
	[ "${lines[1]}" = 'xctest|/w/Tests/AppTests.swift|56|AppTests.testUnpack : XCTAssertEqual failed: ("nil") is not equal to ("A")' ]
}

@test "EUnit's '..._failed_' of before OTP 18 over its callers; ScalaTest's FAILED with -oD's duration" {
	printf '%s\n' 'fdb_test: range_test..._failed_' \
		"in function fdb_test:'-range_test/0-fun-0-'/2 (test/fdb_test.erl, line 33)" \
		"in call from fdb:transact/2 (src/fdb.erl, line 198)" \
		'**error:{assertEqual_failed,[{module,fdb_test},' '                     {line,33}]}' \
		'[info] - should update *** FAILED *** (13 seconds, 402 milliseconds)' \
		'[info]   84 did not equal 42. (IntegrationSpec.scala:286)' >"$T/in.log"
	detect
	run rec_rows tool file line message
	echo "$output"
	[ "${lines[0]}" = "eunit|test/fdb_test.erl|33|error:{assertEqual_failed,[{module,fdb_test}," ]
	[ "${lines[1]}" = "scalatest|IntegrationSpec.scala|286|84 did not equal 42." ]
}
