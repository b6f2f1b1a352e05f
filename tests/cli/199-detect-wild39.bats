#!/usr/bin/env bats
# heal-detect on layouts the dev halves of the thirty-eighth and
# thirty-ninth gatherings (build tools, runtime errors) showed missing
# (#16), each written by us in the layout the tool prints.

load 'helpers/detect-log'

# the records of rec.json as "tool|file|line|message" lines
rows() {
	rec_rows tool file line message
}

@test "a process's bracketed name: its stream's first line is matched without it too" {
	printf '%s\n' '[esbuild] ✘ [ERROR] Could not resolve "a/b.ts"' '[esbuild] ' \
		'[esbuild] ✘ [ERROR] Could not resolve "c/d.ts"' '[esbuild] ' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${#lines[@]}" -eq 2 ]
	[ "${lines[0]}" = 'esbuild|None|None|Could not resolve "a/b.ts"' ]
	[ "${lines[1]}" = 'esbuild|None|None|Could not resolve "c/d.ts"' ]
	# the generic reader still names the tool of a "[mylint] " line
	printf 'x = 1\ny = 2\n' >"$T/conf.lua"
	printf '%s\n' '[mylint] conf.lua:2: unused value y' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "$output" = 'mylint|conf.lua|2|unused value y' ]
}

@test "GHC: a message wrapped after its colon is the two lines; one that is not keeps its line" {
	printf '%s\n' 'src/A.hs:82:32: error: [GHC-88464]' '    Variable not in scope:' \
		'      lookupName :: Journal -> M.Map T.Text a0' '    Suggested fix:' \
		'      Perhaps use one of these:' 'src/A.hs:8:3: error:' \
		"    • Couldn't match type ‘Int’ with ‘Bool’" '    • In the expression: x' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${lines[0]}" = 'ghc|src/A.hs|82|Variable not in scope: lookupName :: Journal -> M.Map T.Text a0' ]
	[ "${lines[1]}" = "ghc|src/A.hs|8|Couldn't match type ‘Int’ with ‘Bool’" ]
}

@test "xcodebuild's failed commands: a record each, only when nothing else was found" {
	printf '%s\n' '** BUILD FAILED **' '' 'The following build commands failed:' \
		"	CompileSwift normal arm64 /p/App/View.swift (in target 'App' from project 'App')" \
		'	PhaseScriptExecution [CP]\ Check\ Pods /p/build/Script.sh' '(2 failures)' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${lines[0]}" = 'xcodebuild|None|None|CompileSwift normal arm64 /p/App/View.swift' ]
	[ "${lines[1]}" = 'xcodebuild|None|None|PhaseScriptExecution [CP]\ Check\ Pods /p/build/Script.sh' ]
	{ echo "/p/App/View.swift:3:5: error: cannot find 'x' in scope"; cat "$T/in.log"; } >"$T/in2.log"
	mv "$T/in2.log" "$T/in.log"
	detect
	run rows
	echo "$output"
	[ "$output" = "swiftc|/p/App/View.swift|3|cannot find 'x' in scope" ]
}

@test "yamllint: a syntax error's row without its rule keeps the group going; eslint's rows stay eslint's" {
	printf '%s\n' 'pillar.example' \
		'  2:1       warning  missing document start "---"  (document-start)' \
		"  8:1       error    syntax error: expected '<document start>', but found '<block mapping start>'" \
		'  14:89     error    line too long (94 > 88 characters)  (line-length)' >"$T/in.log"
	detect
	run rec_rows tool line code
	echo "$output"
	[ "$output" = "$(printf 'yamllint|2|document-start\nyamllint|8|None\nyamllint|14|line-length')" ]
	printf '%s\n' '/p/src/a.js' "  1:7  error  'fs' is assigned a value but never used  no-unused-vars" >"$T/in.log"
	detect
	run rec_rows tool code
	[ "$output" = 'eslint|no-unused-vars' ]
}

@test "summary records (make's failed step) leave a program's last word its record" {
	printf '%s\n' ' /usr/bin/podman version' \
		'Error: default OCI runtime "crun" not found: invalid argument' \
		'make: *** [Makefile:698: package-install] Error 125' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${lines[0]}" = 'log|None|None|default OCI runtime "crun" not found: invalid argument' ]
	[ "${lines[1]}" = 'make|Makefile|698|[Makefile:698: package-install] Error 125' ]
	# a tool's own error still drops the last word
	printf '%s\n' 'a.c:3:1: error: expected ; before }' 'Error: build failed' \
		'make: *** [Makefile:2: all] Error 1' >"$T/in.log"
	detect
	! grep -q '"tool":"log"' "$T/rec.json"
}

@test "a multi-line start the input ends gives its first line to a last resort, once" {
	printf 'panic: runtime error: invalid memory address or nil pointer dereference [recovered]\n\tpanic: runtime error: invalid memory address or nil pointer dereference\n[signal SIGSEGV: segmentation violation code=0x2 addr=0x8 pc=0x102bc7ea8]\n' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "$output" = 'go|None|None|runtime error: invalid memory address or nil pointer dereference' ]
}

@test "a double-spaced paste: a traceback's steps pass over its blank lines" {
	printf '%s\n' 'ERROR: Failure: ImportError (cannot import name sub)' '' '-----' '' \
		'Traceback (most recent call last):' '' \
		'File "/v/site-packages/nose/loader.py", line 411, in loadTestsFromName' '' \
		'addr.filename, addr.module)' '' \
		'File "/w/app/docs/__init__.py", line 6, in <module>' '' \
		'from app import sub' '' 'ImportError: cannot import name sub' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "$output" = 'python|/w/app/docs/__init__.py|6|cannot import name sub' ]
	# a single blank line after a start is no double-spaced paste
	printf '%s\n' 'Traceback (most recent call last):' '' 'hello' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 0 ]
}

@test "test runners: xUnit's exception class before its assertion, pytest-check's failures, ExUnit's linked process" {
	printf '%s\n' '03:11:30.340 Running test: JIT/b71869.dll' \
		'Xunit.Sdk.EqualException: Assert.Equal() Failure' 'Expected: 100' 'Actual:   101' \
		'   at Xunit.Assert.Equal[T](T expected, T actual) in /_/src/EqualityAsserts.cs:line 96' >"$T/in.log"
	detect
	run rec_rows tool code message
	echo "$output"
	[ "$output" = 'dotnet|Xunit.Sdk.EqualException|Assert.Equal() Failure' ]
	printf '%s\n' '________ test_message ________' '' 'FAILURE: check 1 == 2: a=1 != b=2' \
		'test_x.py:11 in test_message() -> check.equal(a, b)' '' \
		'FAILED test_x.py::test_message - FAILURE: check...' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "$output" = 'pytest|test_x.py|11|check 1 == 2: a=1 != b=2' ]
	printf '%s\n' '1) test spawns buckets (KV.RegistryTest)' '     test/kv/registry_test.exs:9' \
		'     ** (EXIT from #PID<0.120.0>) an exception was raised:' \
		'         ** (UndefinedFunctionError) function KV.Bucket.start_link/0 is undefined' \
		'             (app) lib/kv/registry.ex:43: KV.Registry.handle_cast/2' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "$output" = 'exunit|test/kv/registry_test.exs|9|** (UndefinedFunctionError) function KV.Bucket.start_link/0 is undefined' ]
}

@test "a program's own log at level error, the last word: log4j's, Spring Boot's, NLog's, Python's; not consola's" {
	local l
	for l in '2024-01-05 10:00:00,123 ERROR [main] com.acme.App - could not open db' \
		'10:00:00.123 [main] ERROR com.acme.App - could not open db' \
		'2024-01-05 10:00:00.123 ERROR 1234 --- [           main] o.s.boot.SpringApplication               : could not open db' \
		'2016-11-21 08:58:48.5859|ERROR|Acme.Main|could not open db' \
		'2024-01-05 10:00:00,123 - acme - ERROR - could not open db'; do
		printf '%s\n' "$l" >"$T/in.log"
		detect
		run rows
		echo "$l: $output"
		[ "$output" = 'log|None|None|could not open db' ]
	done
	for l in '2024-01-05 10:00:00,123 INFO [main] com.acme.App - started' \
		'2016-11-21 08:58:48.5859|ERROR|Acme.Main|'; do
		printf '%s\n' "$l" >"$T/in.log"
		detect
		[ "$(rec_count "$T/rec.json")" -eq 0 ]
	done
	printf '%s\n' '[7:05:19 PM]  ERROR  RollupError: Unexpected token' >"$T/in.log"
	detect
	! grep -q '"tool":"log"' "$T/rec.json"
}

@test "packages and deployments: apt's unmet dependencies, the cc crate's error, CodeBuild's and pnpm's last words, a stack event without its message" {
	printf '%s\n' 'The following packages have unmet dependencies:' \
		' mapmap : Depends: liblo7 (>= 0.26) but it is not installable' \
		'          Recommends: gstreamer1.0-vaapi but it is not installable' \
		'          Depends: libqt5gui5 (>= 5.9) but 5.7 is to be installed' \
		' libc6-dev : Breaks: libgcc-8-dev (< 8.4.0-2~) but 8.3.0-6 is to be installed' \
		'E: Unable to correct problems, you have held broken packages.' >"$T/in.log"
	detect
	run rec_rows tool message
	echo "$output"
	[ "${lines[0]}" = 'apt|mapmap : Depends: liblo7 (>= 0.26) but it is not installable' ]
	[ "${lines[1]}" = 'apt|Depends: libqt5gui5 (>= 5.9) but 5.7 is to be installed' ]
	[ "${lines[2]}" = 'apt|libc6-dev : Breaks: libgcc-8-dev (< 8.4.0-2~) but 8.3.0-6 is to be installed' ]
	! grep -q 'gstreamer' <<<"$output"
	printf '%s\n' '  --- stderr' \
		'  error occurred in cc-rs: command did not execute successfully (status code exit status: 1): LC_ALL="C" "cc" "-O3" "-c" "m.c"' \
		'error: failed to compile `easytier v2.0.3`, intermediate artifacts can be found at `/tmp/x`.' >"$T/in.log"
	detect
	run rec_rows tool message detail
	echo "$output"
	[ "$output" = 'cargo|error occurred in cc-rs: command did not execute successfully (status code exit status: 1)|LC_ALL="C" "cc" "-O3" "-c" "m.c"' ]
	printf '%s\n' '[Container] 2018/02/02 22:24:57 Running command test -s ami_id.txt || exit 1' \
		'[Container] 2018/02/02 22:24:57 Command did not exit successfully test -s ami_id.txt || exit 1 exit status 1' \
		'[Container] 2018/02/02 22:24:57 Phase complete: POST_BUILD Success: false' >"$T/in.log"
	detect
	run rec_rows tool message
	[ "$output" = 'codebuild|Command did not exit successfully test -s ami_id.txt || exit 1 exit status 1' ]
	printf '%s\n' 'node_modules/.pnpm/sharp@0.30.7/node_modules/sharp: Running install script...' \
		' ELIFECYCLE  Command failed.' >"$T/in.log"
	detect
	run rec_rows tool code message
	[ "$output" = 'pnpm|ELIFECYCLE|Command failed.' ]
	printf '%s\n' 'src/a.ts(3,1): error TS2304: Cannot find name '"'x'"'.' ' ELIFECYCLE  Command failed with exit code 2.' >"$T/in.log"
	detect
	! grep -q '"tool":"pnpm"' "$T/rec.json"
	printf '%s\n' 'Error:' 'CREATE_FAILED: demo1 (AWS::CloudFormation::Stack)' 'undefined' '' >"$T/in.log"
	detect
	run rec_rows tool code message
	echo "$output"
	[ "$output" = 'serverless|CREATE_FAILED|demo1 (AWS::CloudFormation::Stack)' ]
}

@test "Checkstyle through Gradle's Ant task: '[ant:checkstyle] ' before each finding" {
	printf '%s\n' '[ant:checkstyle] /p/src/main/java/io/A.java:282: Line is longer than 120 characters (found 132).' \
		'[ant:checkstyle] [WARN] /p/src/main/java/io/B.java:9:5: Missing a Javadoc comment. [JavadocMethod]' \
		'Checkstyle rule violations were found. See the report at: file:///p/build/reports/checkstyle/main.xml' >"$T/in.log"
	detect
	run rec_rows tool severity file line code message
	echo "$output"
	[ "${lines[0]}" = 'checkstyle|error|/p/src/main/java/io/A.java|282|None|Line is longer than 120 characters (found 132).' ]
	[ "${lines[1]}" = 'checkstyle|warning|/p/src/main/java/io/B.java|9|JavadocMethod|Missing a Javadoc comment.' ]
}

@test "alone \"last\": a step's bare failure goes when another last word is there; any other value is refused" {
	printf '%s\n' 'Error: could not connect to the registry: connection refused' \
		' ELIFECYCLE  Command failed with exit code 1.' >"$T/in.log"
	detect
	run rec_rows tool message
	echo "$output"
	[ "$output" = 'log|could not connect to the registry: connection refused' ]
	printf '%s\n' '{"heal": 1, "tool": "t", "problemMatcher": [{"owner": "x", "alone": "first",' \
		'"pattern": [{"regexp": "^boom (?<message>.*)$"}]}]}' >"$T/p.json"
	run heal-detect --patterns "$T/p.json" </dev/null
	echo "$output"
	[ "$status" -eq 2 ]
	[[ "$output" == *'alone'*'must be true, false or "last"'* ]]
}

@test "Sass: Dart Sass's box and stack (sass-loader's SassError, --no-unicode), LibSass's place below its message" {
	printf '%s\n' 'Module build failed (from ./node_modules/sass-loader/dist/cjs.js):' \
		'SassError: Undefined variable.' '     ╷' \
		'1325 │       background-color: $ghost !important' \
		'     │                         ^^^^^^' '     ╵' \
		'  src/components/field-group/index.vue 1325:25  root stylesheet' \
		'    at processResult (/p/node_modules/webpack/lib/NormalModule.js:758:19)' >"$T/in.log"
	detect
	run rec_rows tool category file line column message
	echo "$output"
	[ "$output" = 'sass|name|src/components/field-group/index.vue|1325|25|Undefined variable.' ]
	printf '%s\n' 'Error: Undefined mixin.' '  ,' '4 |   @include x;' '  |   ^^^^^^^^^^' "  '" \
		'  src/_a.scss 4:3   @use' '  src/main.scss 1:1  root stylesheet' >"$T/in.log"
	detect
	run rec_rows tool file line column message
	echo "$output"
	[ "$output" = 'sass|src/_a.scss|4|3|Undefined mixin.' ]
	printf '%s\n' '  background: linear-gradient(' '                           ^' \
		'      Undefined variable: "$color-black".' \
		'      in /p/src/templates/NotFound.vue (line 54, column 29)' >"$T/in.log"
	detect
	run rec_rows tool file line column message
	echo "$output"
	[ "$output" = 'sass|/p/src/templates/NotFound.vue|54|29|Undefined variable: "$color-black".' ]
}

@test "Sass: sassc's own errors, as it prints them" {
	command -v sassc >/dev/null || skip "sassc is not installed"
	printf '.a {\n  width: $x;\n}\n' >"$T/a.scss"
	printf '@import "missing";\n' >"$T/b.scss"
	printf '.a {\n  width: 3px\n  color: red;\n}\n' >"$T/c.scss"
	(cd "$T" && for f in a b c; do sassc "$f.scss" || true; done) >"$T/in.log" 2>&1
	detect
	run rec_rows tool category file line column
	echo "$output"
	[ "$output" = "$(printf 'sass|name|a.scss|2|10\nsass|dependency|b.scss|1|1\nsass|syntax|c.scss|3|3')" ]
}

@test "web builds: PostCSS's CssSyntaxError and postcss-loader's, Astro's located errors, Vite's SSR module, electron-builder's" {
	printf '%s\n' 'styles.4fb.css from Css Minimizer' \
		'/p/public/styles.4fb.css:139:5: Unknown word [styles.4fb.css:139,5]' \
		'at Input.error (/p/node_modules/postcss/lib/input.js:128:16)' >"$T/in.log"
	detect
	run rec_rows tool file line column message
	echo "$output"
	[ "$output" = 'postcss|/p/public/styles.4fb.css|139|5|Unknown word [styles.4fb.css:139,5]' ]
	printf '%s\n' 'ModuleBuildError: Module build failed (from ./node_modules/postcss-loader/dist/cjs.js):' \
		'SyntaxError' '' '(75:9) /p/resources/css/app.css The `bg-primary` class does not exist.' '' \
		'  73 | @layer components {' >"$T/in.log"
	detect
	run rec_rows tool category file line column
	echo "$output"
	[ "${lines[0]}" = 'postcss|name|/p/resources/css/app.css|75|9' ]
	printf '%s\n' '12:10:52 [ERROR] [vite] ✗ Build failed in 36.76s' '[CompilerError] Unexpected token' \
		'  Hint:' '    See the docs.' '  Location:' \
		'    [plugin astro:build] /p/src/layouts/Main.astro:328:5' '  Stack trace:' \
		'    at handleCompileResultErrors (file:///p/node_modules/astro/dist/core/compile.js:9:1)' >"$T/in.log"
	detect
	run rec_rows tool code file line column message
	echo "$output"
	[ "$output" = 'astro|CompilerError|/p/src/layouts/Main.astro|328|5|Unexpected token' ]
	printf '%s\n' '01:32:34 [vite] Error when evaluating SSR module /p/astro.config.mjs:' \
		"|- TypeError: Cannot read properties of undefined (reading 'split')" \
		'    at /p/astro.config.mjs:8:72' \
		'    at async instantiateModule (file:///p/node_modules/vite/dist/node/chunks/dep.js:50861:9)' >"$T/in.log"
	detect
	run rec_rows tool file line message
	echo "$output"
	[ "$output" = "vite|/p/astro.config.mjs|8|TypeError: Cannot read properties of undefined (reading 'split')" ]
	printf '%s\n' '  • building        target=macOS zip arch=arm64' '  ⨯ zip: not a valid zip file' \
		'github.com/develar/app-builder/pkg/archive/zipx.Unzip.func1.1' \
		'        /Users/runner/work/app-builder/pkg/archive/zipx/unzip.go:81' >"$T/in.log"
	detect
	run rec_rows tool message
	[ "$output" = 'electron-builder|zip: not a valid zip file' ]
}

@test "data and science: Julia's Windows frames, Octave 3's called-from, a CUDA kernel's assert, MPI launchers' last words, testthat 1" {
	printf '%s\n' 'ERROR: LoadError: LoadError: syntax: unexpected "end"' 'Stacktrace:' \
		' [1] top-level scope at C:\Users\me\.julia\packages\RHEOS\mcjIN\src\interface.jl:78' \
		' [2] include at .\boot.jl:328 [inlined]' ' [3] include_relative(::Module, ::String) at .\loading.jl:1094' \
		'in expression starting at C:\Users\me\.julia\packages\RHEOS\mcjIN\src\interface.jl:78' >"$T/in.log"
	detect
	run rec_rows tool file line
	echo "$output"
	[ "$output" = 'julia|C:\Users\me\.julia\packages\RHEOS\mcjIN\src\interface.jl|78' ]
	printf '%s\n' "error: 'org' undefined near line 131 column 18" 'error: called from:' \
		'error:   /p/mcode/wfdbexec.m at line 131, column 17' >"$T/in.log"
	detect
	run rec_rows tool file line message
	echo "$output"
	[ "$output" = "octave|/p/mcode/wfdbexec.m|131|'org' undefined" ]
	printf '%s\n' '/p/aten/ClassNLLCriterion.cu:108: nll_kernel: block: [0,0,0], thread: [0,0,0] Assertion `t >= 0 && t < n_classes` failed.' \
		'/p/aten/ClassNLLCriterion.cu:108: nll_kernel: block: [0,0,0], thread: [8,0,0] Assertion `t >= 0 && t < n_classes` failed.' >"$T/in.log"
	detect
	run rec_rows file line code count
	echo "$output"
	[ "$output" = '/p/aten/ClassNLLCriterion.cu|108|t >= 0 && t < n_classes|2' ]
	printf '%s\n' '--------------------------------------------------------------------------' \
		'mpirun noticed that process rank 4 with PID 8669 on node host07 exited on signal 11 (Segmentation fault).' \
		'--------------------------------------------------------------------------' >"$T/in.log"
	detect
	run rec_rows tool message
	[ "$output" = 'mpirun|mpirun noticed that process rank 4 with PID 8669 on node host07 exited on signal 11 (Segmentation fault).' ]
	printf '%s\n' '=   BAD TERMINATION OF ONE OF YOUR APPLICATION PROCESSES' '=   PID 1234 RUNNING AT node1' \
		'=   EXIT CODE: 139' '=   CLEANING UP REMAINING PROCESSES' >"$T/in.log"
	detect
	run rec_rows tool message detail
	[ "$output" = 'mpiexec|EXIT CODE: 139|PID 1234 RUNNING AT node1' ]
	printf '%s\n' 'Running the tests in ‘tests/testthat.R’ failed.' 'Last 13 lines of output:' '' \
		'  1. Failure (@test-but.R#24): but operators work --------------------------------' \
		'  class(test) not equal to "try-error"' '  1 string mismatches:' >"$T/in.log"
	detect
	run rec_rows tool file line message
	echo "$output"
	[ "$output" = 'testthat|test-but.R|24|class(test) not equal to "try-error"' ]
}

@test "a web log viewer's line numbers, each on a line of its own, pass between steps and rows" {
	printf '%s\n' '** BUILD FAILED **' '321' 'The following build commands failed:' '322' \
		'CompileSwiftSources normal arm64 com.apple.xcode.tools.swift.compiler' '323' \
		'CompileSwift normal arm64 /w/Pods/Async/Source/Async.swift' '324' '(2 failures)' >"$T/in.log"
	detect
	run rec_rows tool message
	echo "$output"
	[ "${lines[0]}" = 'xcodebuild|CompileSwiftSources normal arm64 com.apple.xcode.tools.swift.compiler' ]
	[ "${lines[1]}" = 'xcodebuild|CompileSwift normal arm64 /w/Pods/Async/Source/Async.swift' ]
	[ "${#lines[@]}" -eq 2 ]
	printf '%s\n' '12' 'Traceback (most recent call last):' '13' '  File "/w/app.py", line 6, in <module>' '14' \
		'    main()' '15' 'ValueError: bad' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "$output" = 'python|/w/app.py|6|bad' ]
}

@test "scripts: a carriage return's 'command not found' as a terminal shows it; grep's, sed's and find's missing files" {
	printf '%s\n' '.....' ': command not found ' >"$T/in.log"
	detect
	run rec_rows tool message
	[ "$output" = 'bash|: command not found' ]
	printf '%s\n' './cloudflare: line 14: [: missing `]'"'" 'grep: ]: No such file or directory' \
		"sed: can't read conf.txt: No such file or directory" >"$T/in.log"
	detect
	run rec_rows code message
	echo "$output"
	[ "${lines[1]}" = 'grep|]: No such file or directory' ]
	[ "${lines[2]}" = "sed|can't read conf.txt: No such file or directory" ]
}

@test "TypeScript through webpack's older loaders: 'ERROR in FILE (L,C): message'" {
	printf '%s\n' "ERROR in /p/src/app/app.component.ts (1,27): Cannot find module '@angular/core'." '' \
		'ERROR in [at-loader] ./src/index.ts (3,5): TS2304: Cannot find name '"'foo'"'.' >"$T/in.log"
	detect
	run rec_rows tool category file line column code
	echo "$output"
	[ "${lines[0]}" = 'tsc|dependency|/p/src/app/app.component.ts|1|27|None' ]
	[ "${lines[1]}" = 'tsc|name|src/index.ts|3|5|TS2304' ]
}
