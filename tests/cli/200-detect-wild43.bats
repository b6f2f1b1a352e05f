#!/usr/bin/env bats
# heal-detect on layouts the dev halves of the forty-third gathering (web
# builds, the JVM, programs at run time, linters) showed missing (#16),
# each written by us in the layout the tool prints.

load 'helpers/detect-log'

rows() {
	rec_rows tool file line message
}

@test "Create React App's ESLint rows under their file, with and without a column" {
	printf '%s\n' 'Treating warnings as errors because process.env.CI = true.' 'Failed to compile.' '' \
		'./src/Cart.jsx' "  Line 12:7:  'total' is assigned a value but never used  no-unused-vars" \
		"  Line 30:  Expected '===' and instead saw '=='  eqeqeq" '' \
		'Search for the keywords to learn more about each error.' >"$T/in.log"
	detect
	run rec_rows tool file line column code message
	echo "$output"
	[ "${#lines[@]}" -eq 2 ]
	[ "${lines[0]}" = "eslint|src/Cart.jsx|12|7|no-unused-vars|'total' is assigned a value but never used" ]
	[ "${lines[1]}" = "eslint|src/Cart.jsx|30|None|eqeqeq|Expected '===' and instead saw '=='" ]
}

@test "lessc's errors, a grunt paste's '>> ' before them; Babel's hint after its place; Deno's type errors old and new" {
	printf '%s\n' '>> NameError: variable @brand-color is undefined in less/theme.less on line 7, column 10:' \
		'>> 6 .btn {' '>> 7   color: @brand-color;' >"$T/in.log"
	detect
	run rec_rows tool file line code message
	[ "${lines[0]}" = "lessc|less/theme.less|7|NameError|variable @brand-color is undefined" ]
	printf '%s\n' "SyntaxError: /app/src/index.js: Support for the experimental syntax 'decorators' isn't currently enabled (4:1):" \
		'> 4 | @observer' >"$T/in.log"
	detect
	run rows
	[ "${lines[0]}" = "babel|/app/src/index.js|4|Support for the experimental syntax 'decorators' isn't currently enabled" ]
	printf '%s\n' "error: TS2304 [ERROR]: Cannot find name 'Foo'." '  const x = new Foo();' '                ~~~' \
		'    at file:///app/main.ts:3:17' >"$T/in.log"
	detect
	run rows
	[ "${lines[0]}" = "deno|/app/main.ts|3|Cannot find name 'Foo'." ]
	printf '%s\n' "error TS2339: Property 'x' does not exist on type 'Y'." '' '► file:///app/mod.ts:9:5' '' \
		'9   y.x = 1;' >"$T/in.log"
	detect
	run rows
	[ "${lines[0]}" = "deno|/app/mod.ts|9|Property 'x' does not exist on type 'Y'." ]
}

@test "Jest's unexpected token: the parser's error at the file it could not parse, not the advice" {
	printf '%s\n' '  ● Test suite failed to run' '' '    Jest encountered an unexpected token' '' \
		'    This usually means that you are trying to import a file which Jest cannot parse.' '' \
		'    Details:' '' '    /app/src/setupTests.js:1' \
		'    ({"Object.<anonymous>":function(module,exports){import "x";' '                                                   ^^^^^^' '' \
		'    SyntaxError: Cannot use import statement outside a module' >"$T/in.log"
	detect
	run rec_rows tool file line code message
	echo "$output"
	[ "${#lines[@]}" -eq 1 ]
	[ "${lines[0]}" = "jest|/app/src/setupTests.js|1|SyntaxError|Cannot use import statement outside a module" ]
}

@test "JVM: the launcher's cause, the enforcer rule's reason, Gradle's configuration cache rows, the resolver's bare lines, flutter -v's timing prefix" {
	printf '%s\n' 'Error: LinkageError occurred while loading main class app.Main' \
		'	java.lang.UnsupportedClassVersionError: app/Main has been compiled by a more recent version of the Java Runtime (class file version 65.0)' >"$T/in.log"
	detect
	run rec_rows tool code message
	[[ "${lines[0]}" == 'java|java.lang.UnsupportedClassVersionError|app/Main has been compiled by a more recent version'* ]]
	printf '%s\n' '[ERROR] Rule 0: org.apache.maven.enforcer.rules.version.RequireJavaVersion failed with message:' \
		'[ERROR] Detected JDK version 11.0.2 is not in the allowed range [17,).' '[INFO] BUILD FAILURE' >"$T/in.log"
	detect
	run rec_rows tool code message
	[ "${lines[0]}" = "maven|RequireJavaVersion|Detected JDK version 11.0.2 is not in the allowed range [17,)." ]
	printf '%s\n' '3 problems were found storing the configuration cache, 2 of which seem unique.' \
		"- Task \`:app:gen\` of type \`GenTask\`: invocation of 'Task.project' at execution time is unsupported." \
		'  See https://docs.gradle.org/8.5/userguide/configuration_cache.html#config_cache:requirements:use_project_during_execution' \
		"- Build file 'app/build.gradle': external process started 'git rev-parse HEAD'" '' \
		'See the complete report at file:///p/build/reports/configuration-cache/x/configuration-cache-report.html' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${lines[0]}" = "gradle|None|None|Task \`:app:gen\` of type \`GenTask\`: invocation of 'Task.project' at execution time is unsupported." ]
	[ "${lines[1]}" = "gradle|None|None|Build file 'app/build.gradle': external process started 'git rev-parse HEAD'" ]
	printf '%s\n' 'Could not find artifact org.foo:bar:jar:1.2 in central (https://repo1.maven.org/maven2/)' >"$T/in.log"
	detect
	run rec_rows tool code
	[ "${lines[0]}" = "maven|org.foo:bar:jar:1.2" ]
	printf '%s\n' '[ +120 ms] FAILURE: Build failed with an exception.' '[   +2 ms] * What went wrong:' \
		"[        ] Execution failed for task ':app:compileDebugKotlin'." '[   +1 ms] * Try:' >"$T/in.log"
	detect
	run rows
	[[ "${lines[0]}" == "gradle|None|None|Execution failed for task ':app:compileDebugKotlin'."* ]]
}

@test "run time: Elixir's exception a process died of at its first project frame; Garry's Mod's Lua error; UBSan's report" {
	printf '%s\n' '** (exit) an exception was raised:' \
		'    ** (KeyError) key :name not found in: %{id: 1}' \
		'        (app 0.1.0) lib/app/user.ex:14: App.User.label/1' \
		'        (stdlib 4.3) gen_server.erl:1123: :gen_server.try_dispatch/4' >"$T/in.log"
	detect
	run rec_rows tool file line code message
	echo "$output"
	[ "${lines[0]}" = "elixir|lib/app/user.ex|14|KeyError|key :name not found in: %{id: 1}" ]
	printf '%s\n' "[ERROR] addons/mod/lua/init.lua:31: attempt to index a nil value" '  1. unknown - addons/mod/lua/init.lua:31' >"$T/in.log"
	detect
	run rows
	[ "${lines[0]}" = "lua|addons/mod/lua/init.lua|31|attempt to index a nil value" ]
}

@test "a GitHub annotation as the run's web log shows it: 'Error: FILE:LINE:COL: message' at its place; a tool's own line there stays the tool's" {
	printf '%s\n' 'Error: src/Http/Kernel.php:42:9: UndefinedClass: Class App\Foo does not exist (see https://psalm.dev/019)' >"$T/in.log"
	detect
	run rec_rows tool file line severity
	[ "${lines[0]}" = "annotation|src/Http/Kernel.php|42|error" ]
	printf '%s\n' 'Error: app.py:3:1: E401 multiple imports on one line' >"$T/in.log"
	detect
	run rec_rows tool file line code
	[ "${lines[0]}" = "flake8|app.py|3|E401" ]
}

@test "ktlint through its Gradle plugin (no colon after the column); tfsec 1's result blocks and 0.x's bracketed checks" {
	printf '%s\n' '> Task :app:ktlintMainSourceSetCheck FAILED' \
		'src/main/kotlin/App.kt:65:1 Unexpected indentation (16) (should be 12)' >"$T/in.log"
	detect
	run rows
	[ "${lines[0]}" = "ktlint|src/main/kotlin/App.kt|65|Unexpected indentation (16) (should be 12)" ]
	printf '%s\n' 'Result #1 HIGH Instance does not require IMDS access to require a token' \
		'────────────────────────────────────────────────────────────────────────────────' \
		'  main.tf:12' '────────────────────────────────────────────────────────────────────────────────' \
		'   10    resource "aws_instance" "web" {' >"$T/in.log"
	detect
	run rec_rows tool file line code message
	[ "${lines[0]}" = "tfsec|main.tf|12|HIGH|Instance does not require IMDS access to require a token" ]
	printf '%s\n' '  Problem 1' '' "  [AWS018][ERROR] Resource 'aws_security_group.web' should include a description for auditing purposes." \
		'  /src/main.tf:3-6' >"$T/in.log"
	detect
	run rec_rows tool file line code
	[ "${lines[0]}" = "tfsec|/src/main.tf|3|AWS018" ]
}

@test "a Rails migration that raised: the cause at its first frame, not the wrapper that canceled the later ones" {
	printf '%s\n' 'rake aborted!' 'StandardError: An error has occurred, this and all later migrations canceled:' '' \
		"undefined method \`update' for nil:NilClass/app/db/migrate/20240101_add_x.rb:6:in \`change'" \
		"NoMethodError: undefined method \`update' for nil:NilClass" \
		"/app/db/migrate/20240101_add_x.rb:6:in \`change'" "/app/lib/tasks/setup.rake:15:in \`block (2 levels) in <top (required)>'" \
		'Tasks: TOP => db:migrate' >"$T/in.log"
	detect
	run rec_rows tool file line code message
	echo "$output"
	[ "${#lines[@]}" -eq 1 ]
	[ "${lines[0]}" = "rails|/app/db/migrate/20240101_add_x.rb|6|NoMethodError|undefined method \`update' for nil:NilClass" ]
}
