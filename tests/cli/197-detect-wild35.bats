#!/usr/bin/env bats
# heal-detect on layouts the dev half of the thirty-fifth gathering (test
# runners, scripts and their runtimes) showed missing (#16), each written by
# us in the layout the tool prints.

load 'helpers/detect-log'

# the records of rec.json as "tool|file|line|column|message" lines
rows() {
	rec_rows tool file line column message
}

@test "a stray CR of a script with Windows line ends: kept in bash's message, or as a terminal showed it" {
	# old bash printed the CR raw: the record keeps its place and a blank
	printf 'deploy.sh: line 3: \r: command not found\n' >"$T/in.log"
	printf 'deploy.sh: line 9: syntax error near unexpected token `fi\r'"'"'\n' >>"$T/in.log"
	printf "deploy.sh: line 9: \`fi\r'\n" >>"$T/in.log"
	# a progress bar's CR still overwrites
	printf 'Downloading 10%%\rDownloading 100%%\n' >>"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${lines[0]}" = "bash|deploy.sh|3|None| : command not found" ]
	[ "${lines[1]}" = "bash|deploy.sh|9|None|syntax error near unexpected token \`fi '" ]
	[ "${#lines[@]}" -eq 2 ]
	# the same lines as a terminal showed them, pasted: the CR's overwrite
	printf '%s\n' ': command not foundts/deploy.sh: line 3:' \
		': No such file or directoryploy.sh: line 12:' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${lines[0]}" = "bash|None|3|None|: command not found" ]
	[ "${lines[1]}" = "bash|None|12|None|: No such file or directory" ]
	[ "${#lines[@]}" -eq 2 ]
}

@test "a stray CR: heal-analyze proposes LF line ends for the script" {
	printf 'echo one\r\n\r\necho two\r\n' >"$T/run.sh"
	printf 'run.sh: line 2: \r: command not found\n' >"$T/in.log"
	detect
	(cd "$T" && heal-analyze <rec.json >an.json)
	grep -q '"rule":"shell.crlf-syntax"' "$T/an.json"
}

@test "bash's errors in a file it sources, its name before them; a line of the file's own output is none" {
	printf '%s\n' "bash: /root/.bashrc: line 164: syntax error near unexpected token \`('" \
		"bash: /root/.bashrc: line 164: \`if test (count \$argv) -eq 0'" \
		'-bash: /etc/profile.d/x.sh: line 3: kubectl: command not found' \
		'bash: /home/u/.bashrc: line 7: loading plugins' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${lines[0]}" = "bash|/root/.bashrc|164|None|syntax error near unexpected token \`('" ]
	[ "${lines[1]}" = "bash|/etc/profile.d/x.sh|3|None|kubectl: command not found" ]
	[ "${#lines[@]}" -eq 2 ]
}

@test "OpenResty's Lua errors in nginx's error log, the request after them" {
	printf '%s\n' '2023/01/09 10:00:01 [error] 7#7: *12 lua entry thread aborted: runtime error: /app/lua/auth.lua:42: attempt to index a nil value (local '"'"'res'"'"')' \
		'stack traceback:' 'coroutine 0:' '	/app/lua/auth.lua:42: in function '"'"'check'"'"'' \
		'	/app/lua/auth.lua:80: in main chunk, client: 10.0.0.1, server: api, request: "GET / HTTP/1.1", host: "api"' \
		'2023/01/09 10:00:02 [error] 7#7: *13 failed to run balancer_by_lua*: /app/lua/lb.lua:9: bad argument #1 to '"'"'ipairs'"'"' (table expected, got nil), client: 10.0.0.2' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${lines[0]}" = "openresty|/app/lua/auth.lua|42|None|attempt to index a nil value (local 'res')" ]
	[ "${lines[1]}" = "openresty|/app/lua/lb.lua|9|None|bad argument #1 to 'ipairs' (table expected, got nil)" ]
	[ "${#lines[@]}" -eq 2 ]
}

@test "the one true awk's errors: a program file's, the command line's, its context and repeats" {
	printf '%s\n' 'awk: syntax error at source line 4 source file fmt.awk' ' context is' \
		'	x = >>>  ) <<< ' 'awk: illegal statement at source line 4 source file fmt.awk' \
		'awk: illegal statement at source line 4 source file fmt.awk' 'awk: bailing out at source line 4' \
		'  awk: syntax error at source line 1' '   context is' '  {$1="" >>>  print <<<  $0}' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${lines[0]}" = "awk|fmt.awk|4|None|syntax error at source line 4 source file fmt.awk" ]
	[ "${lines[1]}" = "awk|fmt.awk|4|None|illegal statement at source line 4 source file fmt.awk" ]
	[ "${lines[2]}" = "awk|None|1|None|syntax error at source line 1" ]
	[ "${#lines[@]}" -eq 3 ]
}

@test "Deno's uncaught error over the thrown line and its caret; a module's URL and a Windows file URL kept" {
	printf '%s\n' 'error: Uncaught Error: boom' 'throw new Error("boom");' '      ^' \
		'    at file:///C:/work/app/main.ts:3:7' \
		'error: Uncaught (in promise) TypeError: Cannot read properties of undefined (reading '"'"'x'"'"')' \
		'    at f (https://deno.land/x/lib@1.0.0/mod.ts:12:5)' '    at file:///home/u/app/main.ts:9:1' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${lines[0]}" = "deno|C:/work/app/main.ts|3|7|Uncaught Error: boom" ]
	[ "${lines[1]}" = "deno|https://deno.land/x/lib@1.0.0/mod.ts|12|5|Uncaught (in promise) TypeError: Cannot read properties of undefined (reading 'x')" ]
	[ "${#lines[@]}" -eq 2 ]
}

@test "go test: an assertion library's place on a line of its own; testify's expected and actual in the detail" {
	printf '%s\n' '--- FAIL: TestQueue (0.00s)' '    --- FAIL: TestQueue/pop (0.00s)' '        assert.go:66: ' \
		'            /home/u/src/queue/queue_test.go:41' \
		'            Expected '"'"'3'"'"' to equal '"'"'2'"'"' (but it didn'"'"'t)!' \
		'    queue_test.go:58: ' \
		'        	Error Trace:	/home/u/src/queue/queue_test.go:58' \
		'        	Error:      	Not equal: ' '        	            	expected: 2' \
		'        	            	actual  : 3' '        	Test:       	TestQueue' 'FAIL' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${lines[0]}" = "go|/home/u/src/queue/queue_test.go|41|None|Expected '3' to equal '2' (but it didn't)!" ]
	[ "${lines[1]}" = "go|/home/u/src/queue/queue_test.go|58|None|Not equal:" ]
	[ "${#lines[@]}" -eq 2 ]
	$PY -c 'import json,sys; r=[json.loads(l) for l in open(sys.argv[1])][1]; assert r["detail"] == "expected: 2 actual  : 3", r' "$T/rec.json"
}

@test "Rust before 1.42: a quoted panic's place without its column; gradle's short cause under a failed test" {
	printf '%s\n' "thread 'tests::adds' panicked at 'assertion failed: \`(left == right)\` (left: \`1\`, right: \`2\`)', src/lib.rs:30" >"$T/in.log"
	printf '%s\n' '' 'CalcTest > divides FAILED' '    java.lang.RuntimeException' \
		'        Caused by: java.lang.ArithmeticException at Calc.java:12' >>"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${lines[0]}" = "rustc|src/lib.rs|30|None|assertion failed: \`(left == right)\` (left: \`1\`, right: \`2\`)" ]
	[ "${lines[1]}" = "gradle|Calc.java|12|None|java.lang.RuntimeException Caused by: java.lang.ArithmeticException" ]
	[ "${#lines[@]}" -eq 2 ]
}

@test ".NET frames in the runtime's language; xUnit's assertion and Test Explorer's copies" {
	printf '%s\n' 'Unhandled exception. System.InvalidOperationException: kaputt' \
		'   bei Shop.Cart.Add(Item i) in C:\src\Shop\Cart.cs:Zeile 41.' \
		'   bei Shop.Program.Main() in C:\src\Shop\Program.cs:Zeile 9.' '' \
		'Unhandled exception. System.NullReferenceException: nul' \
		'   à Shop.Cart.Total() dans C:\src\Shop\Cart.cs:ligne 77' '' \
		'Assert.Equal() Failure' 'Expected: 3' 'Actual:   4' '' 'Stack trace' \
		'   en Xunit.Assert.Equal[T](T expected, T actual) en C:\xunit\Asserts\EqualityAsserts.cs:línea 40' \
		'   en Shop.Tests.CartTests.Adds() en C:\src\Shop.Tests\CartTests.cs:línea 18' '' \
		'  Message: ' '    Assert.AreEqual failed. Expected:<6>. Actual:<5>. ' '' \
		'  Stack Trace: ' '    CartTests.Totals() line 31' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${lines[0]}" = 'dotnet|C:\src\Shop\Cart.cs|41|None|kaputt' ]
	[ "${lines[1]}" = 'dotnet|C:\src\Shop\Cart.cs|77|None|nul' ]
	[ "${lines[2]}" = 'dotnet|C:\src\Shop.Tests\CartTests.cs|18|None|Assert.Equal() Failure' ]
	[ "${lines[3]}" = 'dotnet|None|31|None|Assert.AreEqual failed. Expected:<6>. Actual:<5>.' ]
	[ "${#lines[@]}" -eq 4 ]
}

@test "playwright: a header without the task runner's tag its next lines have; an error without a header" {
	printf '%s\n' '  1) [chromium] › login.spec.ts:8:5 › signs in ───────' 'web:e2e: ' \
		'web:e2e:     Error: expect(received).toBe(expected)' 'web:e2e: ' \
		'web:e2e:       12 |   await page.click("#go");' 'web:e2e:     > 13 |   expect(await page.title()).toBe("Home");' \
		'web:e2e:          |                              ^' >"$T/in.log"
	printf '%s\n' '' '    Retry #1 ───────' '' '    Error: Timed out 5000ms waiting for expect(locator).toBeVisible()' '' \
		"    Locator: locator('#menu')" '    Expected: visible' '    Received: <element(s) not found>' \
		'    Call log:' '      - expect.toBeVisible with timeout 5000ms' '' '      20 |' \
		"    > 21 |   await expect(page.locator('#menu')).toBeVisible();" '         |                                       ^' \
		'        at /home/u/e2e/menu.spec.ts:21:39' >>"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${lines[0]}" = 'playwright|login.spec.ts|13|30|Error: expect(received).toBe(expected)' ]
	[ "${lines[1]}" = 'playwright|/home/u/e2e/menu.spec.ts|21|39|Error: Timed out 5000ms waiting for expect(locator).toBeVisible()' ]
	[ "${#lines[@]}" -eq 2 ]
}

@test "XCTest's failures as xcodebuild, swift test and Xcode's report print them" {
	printf '%s\n' '/src/Tests/AppTests/AppTests.swift:12: error: -[AppTests.AppTests testAdd] : XCTAssertEqual failed: ("1") is not equal to ("2")' \
		"Test Case '-[AppTests.AppTests testAdd]' failed (0.003 seconds)." \
		'/src/Tests/AppTests/AppTests.swift:20: error: AppTests.testSub : XCTAssertTrue failed - sign' \
		'Test: test_mul() in AppTests failed on My Mac' 'Assertions: XCTAssertEqual failed: ("6") is not equal to ("5") - ' \
		'File: AppTests.swift:31' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${lines[0]}" = 'xctest|/src/Tests/AppTests/AppTests.swift|12|None|-[AppTests.AppTests testAdd] : XCTAssertEqual failed: ("1") is not equal to ("2")' ]
	[ "${lines[1]}" = 'xctest|/src/Tests/AppTests/AppTests.swift|20|None|AppTests.testSub : XCTAssertTrue failed - sign' ]
	[ "${lines[2]}" = 'xctest|AppTests.swift|31|None|XCTAssertEqual failed: ("6") is not equal to ("5")' ]
	[ "${#lines[@]}" -eq 3 ]
}

@test "a line whose last character a byte limit cut is read as UTF-8, not another charset" {
	printf '  1) [firefox] \xe2\x80\xba cart.spec.ts:4:3 \xe2\x80\xba adds \xe2\x94\x80\xe2\x94\x80\xe2\x94\n\n    Error: expect(received).toBe(expected)\n\n        at /w/cart.spec.ts:6:9\n' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${lines[0]}" = 'playwright|/w/cart.spec.ts|6|9|Error: expect(received).toBe(expected)' ]
	[ "${#lines[@]}" -eq 1 ]
}

@test "deployment tools: terraform 0.7's resource before a multierror, the AWS CLI's s3 errors, Azure's ARM errors, compose's schema, a wrapper's word before kubectl's" {
	printf '%s\n' 'aws_instance.web.0: Error: 1 error(s) occurred:' '' \
		'* Error launching source instance: InstanceLimitExceeded: Your quota allows for 0 more running instance(s).' \
		'fatal error: An error occurred (NoSuchBucket) when calling the ListObjectsV2 operation: The specified bucket does not exist' \
		"ERROR: The template deployment 'vm1' is not valid according to the validation procedure. The tracking id is 'x'." \
		'Azure Error: InvalidTemplateDeployment' 'Message: The template deployment failed because of policy violation.' \
		'services.web Additional property buidl is not allowed' \
		'Deploy failed: error: error validating "app.yaml": error validating data: ValidationError(Deployment.spec): unknown field "replica" in io.k8s.api.apps.v1.DeploymentSpec; if you choose to ignore these errors, turn validation off with --validate=false' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${lines[0]}" = "terraform|None|None|None|Error launching source instance: InstanceLimitExceeded: Your quota allows for 0 more running instance(s)." ]
	[ "${lines[1]}" = "aws|None|None|None|An error occurred (NoSuchBucket) when calling the ListObjectsV2 operation: The specified bucket does not exist" ]
	[ "${lines[2]}" = "az|None|None|None|The template deployment 'vm1' is not valid according to the validation procedure. The tracking id is 'x'." ]
	[ "${lines[3]}" = "az|None|None|None|The template deployment failed because of policy violation." ]
	[ "${lines[4]}" = "docker-compose|None|None|None|services.web Additional property buidl is not allowed" ]
	[ "${lines[5]%%|*}" = kubectl ]
	[ "${#lines[@]}" -eq 6 ]
}

@test "Chef's formatted errors: a recipe's compile error at its cookbook trace's first frame, a resource's failure" {
	printf '%s\n' 'Compiling Cookbooks...' '' \
		'================================================================================' \
		'Recipe Compile Error in /var/chef/cache/cookbooks/web/recipes/default.rb' \
		'================================================================================' '' \
		'NoMethodError' '-------------' "undefined method \`[]' for nil:NilClass" '' \
		'Cookbook Trace:' '---------------' \
		"  /var/chef/cache/cookbooks/nginx/recipes/default.rb:42:in \`from_file'" \
		"  /var/chef/cache/cookbooks/web/recipes/default.rb:3:in \`from_file'" '' \
		'Relevant File Content:' '----------------------' '/var/chef/cache/cookbooks/nginx/recipes/default.rb:' '' \
		'  42>> port = node[:nginx][:port]' '' \
		'================================================================================' \
		"Error executing action \`run\` on resource 'execute[apt-get update]'" \
		'================================================================================' '' \
		'Mixlib::ShellOut::ShellCommandFailed' '------------------------------------' \
		"Expected process to exit with [0], but received '100'" '' 'Running handlers:' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${lines[0]}" = "chef-client|/var/chef/cache/cookbooks/nginx/recipes/default.rb|42|None|undefined method \`[]' for nil:NilClass" ]
	[ "${lines[1]}" = "chef-client|None|None|None|Expected process to exit with [0], but received '100'" ]
	[ "${#lines[@]}" -eq 2 ]
}

@test "rustc's link failure: the linker's lines under its notes are the linker's records (live)" {
	command -v rustc >/dev/null || skip "rustc is not installed"
	cd "$T"
	printf 'fn main() {}\n' >m.rs
	rustc m.rs -l heal_no_such_lib >in.log 2>&1 || true
	detect
	run rows
	echo "$output"
	grep -q 'heal_no_such_lib' <<<"$(grep -v '^cargo|' <<<"$output")"
}

@test "gfortran's compiler proper in its own name, its severity capitalized (live)" {
	command -v gfortran >/dev/null || skip "gfortran is not installed"
	cd "$T"
	printf 'program x\nend program\n' >x.f90
	{ gfortran -Werror=format-security -c x.f90 -o x.o; gfortran -c nosuch.f90; } >in.log 2>&1 || true
	detect
	run rows
	echo "$output"
	# (the quotes are the locale's)
	[[ "${lines[0]}" == "gfortran|None|None|None|"*"-Werror=format-security"*" is not valid for Fortran" ]]
	[[ "${lines[1]}" == "gfortran|None|None|None|Cannot open file "*"nosuch.f90"* ]]
	[ "${#lines[@]}" -eq 2 ]
}

@test "a message a tool wrapped between words at the terminal's width goes on; a sentence's end does not" {
	printf '%s\n' "/home/runner/.pub-cache/hosted/pub.dev/pull_to_refresh-1.1.5/lib/src/internals/indicator_wrap.dart:105:46: Error: The" \
		"argument type 'Null Function(Null)' can't be assigned to the parameter type 'dynamic Function(void)'." \
		"lib/src/widgets/observable_extensions_and_helpers.dart:1826:57: Error: The method 'retype' isn't" \
		"defined for the class 'Stream<T>'." >"$T/in.log"
	printf '%s\n' "ERROR 1146 (42S02) at line 3 in file: 'migrations/002_add_orders_table.sql': Table 'shop.orders' doesn't exist" \
		'select nosuch from users;' >>"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${lines[0]}" = "dart|/home/runner/.pub-cache/hosted/pub.dev/pull_to_refresh-1.1.5/lib/src/internals/indicator_wrap.dart|105|46|The argument type 'Null Function(Null)' can't be assigned to the parameter type 'dynamic Function(void)'." ]
	[ "${lines[1]}" = "dart|lib/src/widgets/observable_extensions_and_helpers.dart|1826|57|The method 'retype' isn't defined for the class 'Stream<T>'." ]
	[ "${lines[2]}" = "mysql|migrations/002_add_orders_table.sql|3|None|Table 'shop.orders' doesn't exist" ]
	[ "${#lines[@]}" -eq 3 ]
}
