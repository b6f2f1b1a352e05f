#!/usr/bin/env bats
# heal-detect on layouts the dev halves of the forty-first gathering
# (mobile builds, infrastructure, other languages, package managers)
# showed missing (#16), each written by us in the layout the tool prints;
# and what the engine's shortcuts must keep.

load 'helpers/detect-log'

# the records of rec.json as "tool|file|line|message" lines
rows() {
	rec_rows tool file line message
}

@test "a relay's line after lines that start no match is still relayed; a rustc warning without its place is none, one with it is" {
	printf 'int main(void) { return y; }\n' >"$T/a.c"
	printf '%s\n' 'warning: unused variable: `level`' \
		'warning: zstd-sys@2.0.9: a.c:1:25: error: '"'"'y'"'"' undeclared (first use in this function)' \
		'warning: 0' 'warning: 1' 'warning: 2' \
		'warning: unused import: `std::io`' ' --> src/main.rs:1:5' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${#lines[@]}" -eq 2 ]
	[ "${lines[0]}" = "gcc|a.c|1|'y' undeclared (first use in this function)" ]
	[ "${lines[1]}" = 'rustc|src/main.rs|1|unused import: `std::io`' ]
}

# the records of rec.json as "tool|code|file|line|message" lines
crows() {
	rec_rows tool code file line message
}

@test "Puppet: the server's error with or without the agent's 'Error: '; the skipping-run summary is none" {
	printf '%s\n' \
		"Error: Could not retrieve catalog from remote server: Error 500 on SERVER: Server Error: Evaluation Error: Unknown function: 'foo' (file: /etc/puppetlabs/code/site.pp, line: 3, column: 1) on node web1" \
		'Warning: Not using cache on failed catalog' \
		'Error: Could not retrieve catalog; skipping run' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "$output" = "puppet|/etc/puppetlabs/code/site.pp|3|Unknown function: 'foo'" ]
	printf '%s\n' \
		"Nov 12 13:41:33 h puppet-agent[2]: Could not retrieve catalog from remote server: Error 400 on SERVER: Could not find class ::x for h on node h" \
		'Nov 12 13:41:50 h puppet-agent[2]: Applied catalog in 15.08 seconds' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "$output" = "puppet|None|None|Could not find class ::x for h" ]
	# a proxy's HTML page is no message of the server's: the line is
	printf '%s\n' 'Error: Could not retrieve catalog from remote server: Error 500 on SERVER: <!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">' \
		'<html><head>' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${lines[0]}" = 'log|None|None|Could not retrieve catalog from remote server: Error 500 on SERVER: <!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">' ]
}

@test "a program's option errors in getopt's and its own templates; the program is the tool" {
	printf '%s\n' "grep: invalid option -- 'k'" "Usage: grep [OPTION]... PATTERNS [FILE]..." \
		"ls: illegal option -- y" "xz: option '--format' requires an argument" \
		"/usr/local/bin/node: bad option: -r" "error: unknown option '--x'" >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${#lines[@]}" -eq 4 ]
	[ "${lines[1]}" = "ls|None|None|illegal option -- y" ]
	[ "${lines[2]}" = "xz|None|None|option '--format' requires an argument" ]
	[ "${lines[3]}" = "node|None|None|bad option: -r" ]
	printf '%s\n' "bwrap: execvp make: No such file or directory" \
		"nohup: failed to run command 'x': Permission denied" >"$T/in.log"
	detect
	run crows
	echo "$output"
	[ "${lines[0]}" = "bwrap|make|None|None|execvp make: No such file or directory" ]
	[ "${lines[1]}" = "nohup|x|None|None|failed to run command 'x': Permission denied" ]
}

@test "Terragrunt: the line before its exit line, in the old log and in logrus's" {
	printf '%s\n' '[terragrunt] [/a/b] 2019/11/09 16:20:16 Running command: terraform --version' \
		'[terragrunt] 2019/11/09 16:20:16 Could not find any subfolders with Terragrunt configuration files' \
		'[terragrunt] 2019/11/09 16:20:16 Unable to determine underlying exit code, so Terragrunt will exit with error code 1' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "$output" = 'terragrunt|None|None|Could not find any subfolders with Terragrunt configuration files' ]
	printf '%s\n' 'INFO[0001] Downloading' 'ERRO[0002] Did not find any Terraform files (*.tf) in /a/b' \
		'ERRO[0002] Unable to determine underlying exit code, so Terragrunt will exit with error code 1' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "$output" = 'terragrunt|None|None|Did not find any Terraform files (*.tf) in /a/b' ]
}

@test "kubeadm's failed pre-flight checks, each a record, in both layouts" {
	printf '%s\n' '[preflight] Running pre-flight checks' \
		'error execution phase preflight: [preflight] Some fatal errors occurred:' \
		'	[ERROR NumCPU]: the number of available CPUs 1 is less than the required 2' \
		'	[ERROR Mem]: the system RAM (972 MB) is less than the minimum 1700 MB' \
		'[preflight] If you know what you are doing, you can make a check non-fatal with `--ignore-preflight-errors=...`' >"$T/in.log"
	detect
	run crows
	echo "$output"
	[ "${#lines[@]}" -eq 2 ]
	[ "${lines[0]}" = 'kubeadm|NumCPU|None|None|the number of available CPUs 1 is less than the required 2' ]
	printf '%s\n' '[preflight] Running pre-flight checks' '[preflight] Some fatal errors occurred:' \
		'	/proc/sys/net/bridge/bridge-nf-call-iptables contents are not set to 1' \
		'[preflight] If you know what you are doing, you can skip pre-flight checks with `--skip-preflight-checks`' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "$output" = 'kubeadm|None|None|/proc/sys/net/bridge/bridge-nf-call-iptables contents are not set to 1' ]
}

@test "Flutter's Xcode issues: kind, message, place; a warning's kind; the failed command only alone" {
	printf '%s\n' 'Failed to build iOS app' \
		"Swift Compiler Error (Xcode): Cannot find type 'IndexedEntity' in scope" \
		'/Users/r/ios/Classes/Items.swift:8:49' '' \
		'Swift Compiler Warning (Xcode): Variable x was never used' '/Users/r/ios/Runner/A.swift:3:9' '' \
		"Lexical or Preprocessor Issue (Xcode): 'a.h' file not found" '/Users/r/ios/Runner/G.m:12:9' '' \
		'Uncategorized (Xcode): Command CompileSwift failed with a nonzero exit code' '' >"$T/in.log"
	detect
	run rec_rows severity file line message
	echo "$output"
	[ "${#lines[@]}" -eq 3 ]
	[ "${lines[0]}" = "error|/Users/r/ios/Classes/Items.swift|8|Cannot find type 'IndexedEntity' in scope" ]
	[ "${lines[1]}" = 'warning|/Users/r/ios/Runner/A.swift|3|Variable x was never used' ]
	[ "${lines[2]}" = "error|/Users/r/ios/Runner/G.m|12|'a.h' file not found" ]
}

@test "dexers' duplicate classes and the method limit, with or without the exception that carried them" {
	printf '%s\n' '"Error: Program type already present: com.a.B' \
		'com.android.tools.r8.CompilationFailedException: Compilation failed to complete' \
		'com.android.dex.DexException: Multiple dex files define Lcom/a/B;' \
		'Cannot fit requested classes in a single dex file (# methods: 67000 > 65536)' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${lines[0]}" = 'd8|None|None|Program type already present: com.a.B' ]
	grep -qx 'd8|None|None|Multiple dex files define Lcom/a/B;' <<<"$output"
	grep -qx 'd8|None|None|Cannot fit requested classes in a single dex file (# methods: 67000 > 65536)' <<<"$output"
}

@test "pnpm's peer tree: each row a record; a PubGrub cause over its conclusion; a module's declared path" {
	printf '%s\n' ' ERR_PNPM_PEER_DEP_ISSUES  Unmet peer dependencies' '' '.' '└─┬ vite-ssg 0.17.2' \
		'  ├── ✕ missing peer vue-router@^4.0.1' '  └─┬ @a/b 1.0.0' '    └── ✕ unmet peer vite@^2.0.0: found 3.0.0' \
		'Peer dependencies that should be installed:' '  vue-router@^4.0.1' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${#lines[@]}" -eq 2 ]
	[ "${lines[0]}" = 'pnpm|None|None|missing peer vue-router@^4.0.1' ]
	[ "${lines[1]}" = 'pnpm|None|None|unmet peer vite@^2.0.0: found 3.0.0' ]
	printf '%s\n' '  SolverProblemError' '' \
		"  Because app depends on x (>=9) which doesn't match any versions, app is forbidden." \
		'  So, because root depends on app (1.0), version solving failed.' >"$T/in.log"
	detect
	run rec_rows message detail
	echo "$output"
	[ "$output" = "Because app depends on x (>=9) which doesn't match any versions, app is forbidden.|So, because root depends on app (1.0), version solving failed." ]
	printf 'go: github.com/willf/bitset@v1.2.1: parsing go.mod:\n\tmodule declares its path as: github.com/bits-and-blooms/bitset\n\t        but was required as: github.com/willf/bitset\n' >"$T/in.log"
	detect
	run crows
	echo "$output"
	[ "$output" = 'go|github.com/willf/bitset@v1.2.1|None|None|module declares its path as: github.com/bits-and-blooms/bitset' ]
}

@test "Clojure: the compiler's error before 1.10 and the phase line of 1.10" {
	printf '%s\n' 'CompilerException java.lang.RuntimeException: No such var: str/joyn, compiling:(app/core.clj:4:5)' \
		'Syntax error compiling at (src/app/core.clj:10:3).' 'Unable to resolve symbol: foo in this context' '' \
		'Execution error (ArithmeticException) at user/eval1 (REPL:1).' 'Divide by zero' >"$T/in.log"
	detect
	run crows
	echo "$output"
	[ "${lines[0]}" = 'clojure|java.lang.RuntimeException|app/core.clj|4|No such var: str/joyn' ]
	[ "${lines[1]}" = 'clojure|None|src/app/core.clj|10|Unable to resolve symbol: foo in this context' ]
	[ "${lines[2]}" = 'clojure|ArithmeticException|None|None|Divide by zero' ]
}

@test "cpanm's failures; opam's failed action only when its output says nothing" {
	printf '%s\n' '--> Working on .' 'Configuring /w/x ... N/A' \
		'! Configuring . failed. See /root/.cpanm/work/1.16/build.log for details.' \
		"! Couldn't find module or a distribution Foo::Bar" >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${lines[0]}" = 'cpanm|None|None|Configuring . failed.' ]
	[ "${lines[1]}" = "cpanm|None|None|Couldn't find module or a distribution Foo::Bar" ]
	printf '%s\n' '#=== ERROR while compiling foo.1.0 ======================#' '# exit-code   1' \
		'### output ###' '# File "src/foo.ml", line 3, characters 8-9:' '# Error: Unbound value y' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "$output" = 'ocaml|src/foo.ml|3|Unbound value y' ]
	printf '%s\n' '#=== ERROR while compiling foo.1.0 ======================#' '# exit-code   1' \
		'### output ###' '# ok' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "$output" = 'opam|None|None|compiling foo.1.0' ]
}

@test "closing words that a cause above names go when it is there, and stay alone: apt's, pip's, dpkg's held-back packages" {
	printf '%s\n' 'The following packages have unmet dependencies:' \
		' git-core : Depends: git (> 1:1.7.0.2) but it is not going to be installed' \
		'E: Unable to correct problems, you have held broken packages.' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "$output" = 'apt|None|None|git-core : Depends: git (> 1:1.7.0.2) but it is not going to be installed' ]
	printf '%s\n' 'E: Sub-process /usr/bin/dpkg returned an error code (1)' >"$T/in.log"
	detect
	run rows
	[ "$output" = 'apt|None|None|Sub-process /usr/bin/dpkg returned an error code (1)' ]
	printf '%s\n' 'ERROR: Cannot install a==1 and a==2 because these package versions have conflicting dependencies.' '' \
		'ERROR: ResolutionImpossible: for help visit https://pip.pypa.io/x' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "$output" = 'pip|None|None|Cannot install a==1 and a==2 because these package versions have conflicting dependencies.' ]
	printf '%s\n' 'dpkg: error processing package dbus (--configure):' \
		' installed dbus package post-installation script subprocess returned error exit status 2' \
		'dpkg: dependency problems prevent configuration of policykit-1:' ' policykit-1 depends on dbus; however:' \
		'  Package dbus is not configured yet.' '' 'dpkg: error processing package policykit-1 (--configure):' \
		' dependency problems - leaving unconfigured' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "$output" = 'dpkg|None|None|installed dbus package post-installation script subprocess returned error exit status 2' ]
	# without the package that failed, the held-back ones are the records
	sed -i 1,2d "$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${lines[0]}" = 'dpkg|None|None|dependency problems prevent configuration of policykit-1' ]
	[ "${lines[1]}" = 'dpkg|None|None|dependency problems - leaving unconfigured' ]
}

@test "R8's untagged missing classes, Android's install failures, Perl's and Free Pascal's closing words" {
	printf '%s\n' 'ERROR: R8: Missing class a.B (referenced from: c.D and 8 other contexts)' \
		'Missing class a.C (referenced from: c.D)' \
		'com.android.ddmlib.InstallException: INSTALL_FAILED_VERSION_DOWNGRADE`' \
		'adb: failed to install x.apk: Failure [INSTALL_FAILED_UPDATE_INCOMPATIBLE: Package com.x signatures do not match]' >"$T/in.log"
	detect
	run crows
	echo "$output"
	[ "${lines[0]}" = 'R8|None|None|None|Missing class a.B (referenced from: c.D and 8 other contexts)' ]
	[ "${lines[1]}" = 'R8|None|None|None|Missing class a.C (referenced from: c.D)' ]
	[ "${lines[2]}" = 'adb|INSTALL_FAILED_VERSION_DOWNGRADE|None|None|INSTALL_FAILED_VERSION_DOWNGRADE' ]
	[ "${lines[3]}" = 'adb|INSTALL_FAILED_UPDATE_INCOMPATIBLE|None|None|Package com.x signatures do not match' ]
	printf '%s\n' "Can't locate object method \"m\" via package \"A::B\" at lib/A.pm line 247." \
		'BEGIN failed--compilation aborted at lib/E.pm line 44.' 'Compilation failed in require at lib/B.pm line 28.' \
		'Compilation failed in require at (eval 6) line 1.' 'BEGIN failed--compilation aborted at (eval 6) line 1.' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "$output" = 'perl|lib/A.pm|247|Can'"'"'t locate object method "m" via package "A::B"' ]
	printf '%s\n' 'u.pas(359,9) Error: Identifier not found "Result"' \
		'u.pas(439) Fatal: There were 1 errors compiling module, stopping' 'Fatal: Compilation aborted' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "$output" = 'fpc|u.pas|359|Identifier not found "Result"' ]
}

@test "Android builds: the Gradle plugin's causes, kotlinc's errors without a source, flutter's step summaries only alone" {
	printf '%s\n' "Execution failed for task ':app:processDebugManifest'." \
		'> Manifest merger failed : uses-sdk:minSdkVersion 16 cannot be smaller than version 21 declared in library [a:b:1.0]' \
		'   > Duplicate class a.B found in modules c-1.0 (x:c:1.0) and d-2.0 (x:d:2.0)' \
		'> Android Gradle plugin requires Java 17 to run. You are currently using Java 11.' \
		'[CXX1405] error when building with cmake using /a/CMakeLists.txt: Build command failed.' \
		"     Dependency 'androidx.core:core:1.9.0' requires libraries and applications that" \
		'     depend on it to compile against version 33 or later of the' '     Android APIs.' \
		'Gradle task assembleDebug failed with exit code 1' >"$T/in.log"
	detect
	run crows
	echo "$output"
	[ "${#lines[@]}" -eq 5 ]
	[ "${lines[0]}" = 'gradle|None|None|None|Manifest merger failed : uses-sdk:minSdkVersion 16 cannot be smaller than version 21 declared in library [a:b:1.0]' ]
	[ "${lines[1]}" = 'gradle|None|None|None|Duplicate class a.B found in modules c-1.0 (x:c:1.0) and d-2.0 (x:d:2.0)' ]
	[ "${lines[3]}" = 'gradle|CXX1405|None|None|[CXX1405] error when building with cmake using /a/CMakeLists.txt: Build command failed.' ]
	run $PY -c 'import json, sys; r = [json.loads(l) for l in open(sys.argv[1])][4]; print(r["message"] + "|" + r["detail"])' "$T/rec.json"
	echo "$output"
	[ "$output" = "Dependency 'androidx.core:core:1.9.0' requires libraries and applications that|depend on it to compile against version 33 or later of the Android APIs." ]
	printf '%s\n' 'Gradle task assembleDebug failed with exit code 1' >"$T/in.log"
	detect
	run rows
	[ "$output" = 'flutter|None|None|Gradle task assembleDebug failed with exit code 1' ]
	printf '%s\n' "e: Incompatible classes were found in dependencies. Remove them from the classpath" \
		'e: /U/x/kotlin-stdlib-1.8.0.jar!/META-INF/kotlin-stdlib.kotlin_module: Module was compiled with an incompatible version of Kotlin.' \
		'e: warnings found and -Werror specified' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${#lines[@]}" -eq 2 ]
	[ "${lines[1]}" = 'kotlinc|/U/x/kotlin-stdlib-1.8.0.jar!/META-INF/kotlin-stdlib.kotlin_module|None|Module was compiled with an incompatible version of Kotlin.' ]
}

@test "Apple and desktop builds: xcpretty's places, ld64's missing framework, XamlC's MSBuild rows, moc's errors, a CLI's [error]" {
	printf '%s\n' "❌  /Users/x/App/ViewController.swift:12:5: cannot find 'foo' in scope" '    foo()' '    ^' \
		'ld: framework not found Pods_Runner' \
		'clang: error: linker command failed with exit code 1 (use -v to see invocation)' \
		'/Users/x/App/MainPage.xaml(12,9): XamlC error XC0009: No property found for "Txt". [/Users/x/App/App.csproj]' \
		'/home/x/src/window.h:12: Error: Class declaration lacks Q_OBJECT macro.' >"$T/in.log"
	detect
	run crows
	echo "$output"
	[ "${#lines[@]}" -eq 4 ]
	[ "${lines[0]}" = "xcodebuild|None|/Users/x/App/ViewController.swift|12|cannot find 'foo' in scope" ]
	[ "${lines[1]}" = 'ld|None|None|None|framework not found Pods_Runner' ]
	[ "${lines[2]}" = 'dotnet|XC0009|/Users/x/App/MainPage.xaml|12|No property found for "Txt".' ]
	[ "${lines[3]}" = 'moc|None|/home/x/src/window.h|12|Class declaration lacks Q_OBJECT macro.' ]
	printf '%s\n' '[info] Found 3 Capacitor plugins' \
		'[error] Unable to find node_modules/@capacitor/android. Are you sure @capacitor/android is installed?' >"$T/in.log"
	detect
	run rows
	[ "$output" = 'log|None|None|Unable to find node_modules/@capacitor/android. Are you sure @capacitor/android is installed?' ]
}

@test "fastlane's '[HH:MM:SS]: ' prefix and xcpretty's '▸ ' rows; fastlane's and Unity's closing words only alone" {
	printf '%s\n' '[14:38:40]: ▸ Compiling A.swift' "[14:38:41]: ▸ ❌  /Users/x/App/A.swift:12:5: cannot find 'foo' in scope" \
		'[14:38:42]: Exit status: 65' '[14:38:42]: Error building the application - see the log above' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "$output" = "xcodebuild|/Users/x/App/A.swift|12|cannot find 'foo' in scope" ]
	printf '%s\n' '[14:38:42]: Exit status: 65' '[14:38:42]: Error building the application - see the log above' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${lines[0]}" = 'fastlane|None|None|Exit status: 65' ]
	printf '%s\n' "Assets/Scripts/Player.cs(12,5): error CS0103: The name 'speed' does not exist in the current context" \
		'Error building Player because scripts had compiler errors' \
		'UnityEditor.BuildPlayerWindow+BuildMethodException: 2 errors' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "$output" = "dotnet|Assets/Scripts/Player.cs|12|The name 'speed' does not exist in the current context" ]
	sed -i 1d "$T/in.log"
	detect
	run rows
	[ "${lines[0]}" = 'unity|None|None|Error building Player because scripts had compiler errors' ]
}

@test "mobile builds: kapt's stubs, Carthage's skipped dependency, Ionic's app-scripts, MSBuild's targets without a code, Metro's Babel error" {
	printf '%s\n' 'e: /h/app/build/tmp/kapt3/stubs/debug/com/x/UserDao.java:12: error: There is a problem with the query: [SQLITE_ERROR] no such table: users' \
		'    public abstract java.util.List<com.x.User> getAll();' '                                               ^' \
		'*** Skipped building Alamofire due to the error:' \
		'Dependency "Alamofire" has no shared framework schemes for any of the platforms: iOS' \
		'[11:02:37]  typescript: src/pages/home/home.ts, line: 12' \
		"            Property 'foo' does not exist on type 'HomePage'." \
		'/usr/share/dotnet/packs/Microsoft.iOS.Sdk/targets/Xamarin.Shared.Sdk.targets(1153,3): error : Xcode 14.3 or later is required. [/x/App.csproj::TargetFramework=net7.0-ios]' \
		'error: SyntaxError: /Users/x/App.js: Unexpected token (12:5)' >"$T/in.log"
	detect
	run crows
	echo "$output"
	[ "${#lines[@]}" -eq 5 ]
	[ "${lines[0]}" = 'javac|None|/h/app/build/tmp/kapt3/stubs/debug/com/x/UserDao.java|12|There is a problem with the query: [SQLITE_ERROR] no such table: users' ]
	[ "${lines[1]}" = 'carthage|Alamofire|None|None|Dependency "Alamofire" has no shared framework schemes for any of the platforms: iOS' ]
	[ "${lines[2]}" = "typescript|None|src/pages/home/home.ts|12|Property 'foo' does not exist on type 'HomePage'." ]
	[ "${lines[3]}" = 'dotnet|None|/usr/share/dotnet/packs/Microsoft.iOS.Sdk/targets/Xamarin.Shared.Sdk.targets|1153|Xcode 14.3 or later is required.' ]
	[ "${lines[4]}" = 'babel|None|/Users/x/App.js|12|Unexpected token' ]
	# a script's code-less row in the same layout is eslint's, not MSBuild's
	printf '%s\n' "broken.js(2,1): error : Parsing error: Unexpected keyword 'return'" >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "$output" = "eslint|broken.js|2|Parsing error: Unexpected keyword 'return'" ]
}

@test "Terraform's box: the AWS SDK's tab-indented lines after the summary keep the place" {
	printf '%s\n' '╷' "│ Error: creating EC2 Instance: InvalidAMIID.NotFound: The image id '[ami-123]' does not exist" \
		'│ 	status code: 400, request id: abc' '│ ' '│   with aws_instance.web,' \
		'│   on main.tf line 12, in resource "aws_instance" "web":' '│   12: resource "aws_instance" "web" {' '│ ' '╵' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "$output" = "terraform|main.tf|12|creating EC2 Instance: InvalidAMIID.NotFound: The image id '[ami-123]' does not exist" ]
}

@test "kubectl get pods: a row a pod that cannot run, not folded; a table's rows are not a message's wrapped rest" {
	printf '%s\n' 'NAME                   READY   STATUS             RESTARTS   AGE' \
		'web-5d8f6c7b9-abcde    0/1     CrashLoopBackOff   5          3m' \
		'api-7c9d8b6f5-xyz12    0/1     ImagePullBackOff   0          3m' \
		'ok-7c9d8b6f5-xyz12     1/1     Running            0          3m' \
		'db-0                   0/1     CrashLoopBackOff   7 (2m ago)   12m' >"$T/in.log"
	detect
	run rec_rows code message
	echo "$output"
	[ "${#lines[@]}" -eq 3 ]
	[ "${lines[1]}" = 'ImagePullBackOff|api-7c9d8b6f5-xyz12    0/1     ImagePullBackOff' ]
	[ "${lines[2]}" = 'CrashLoopBackOff|db-0                   0/1     CrashLoopBackOff' ]
}

@test "Go's YAML parser bare is no shell's 'FILE: line N:'; minikube's reason; podman's unresolved short name" {
	printf '%s\n' 'yaml: line 12: mapping values are not allowed in this context' >"$T/in.log"
	detect
	run rows
	[ "$output" = 'yaml|None|12|mapping values are not allowed in this context' ]
	printf '%s\n' '❌  Exiting due to PROVIDER_DOCKER_NOT_RUNNING: "docker version" exit status 1: Cannot connect' >"$T/in.log"
	detect
	run crows
	[ "$output" = 'minikube|PROVIDER_DOCKER_NOT_RUNNING|None|None|"docker version" exit status 1: Cannot connect' ]
	printf '%s\n' 'Error: short-name "nginx" did not resolve to an alias and no unqualified-search registries are defined' >"$T/in.log"
	detect
	run rows
	[ "$output" = 'log|None|None|short-name "nginx" did not resolve to an alias and no unqualified-search registries are defined' ]
}
