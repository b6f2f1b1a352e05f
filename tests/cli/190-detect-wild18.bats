#!/usr/bin/env bats
# heal-detect on layouts the eighteenth and nineteenth gatherings of pasted
# logs showed missing (#16), each written by us in the layout the tool's
# documentation, its source or its own test suite gives: cppcheck's
# template before 1.86, pyright's problems under a file head, valgrind's
# reports its list lacked, mold before 1.0, ninja's last word when it is the
# only one, distutils' missing compiler, helm's YAML errors and lint
# details, go-yaml's unmarshal lists, bash inside a command substitution, a
# program's own "NAME: error:", packer's failed builds, mypy rows without
# their file, line numbers a web log glued to the lines, javac's raw
# diagnostics, Julia without its trace, flawfinder, perlcritic, Caddy and
# trivy config.

load 'helpers/detect-log'

@test "cppcheck (1.x and 2.x templates): recorded" { golden_recorded cppcheck; }

@test "cppcheck: the 1.x template's severities, a path of places, inconclusive" {
	printf '%s\n' '[samples\syntaxError\bad.c:2]: (error) Invalid number of character '"'{'"' when these macros are defined: '"''"'.' \
		'[src/a.c:10] -> [src/a.c:12]: (warning, inconclusive) Possible null pointer dereference: p' \
		'[lib/b.c:3]: (style) The scope of the variable '"'i'"' can be reduced.' \
		'[lib/b.c:9]: (information) Skipping configuration '"'X'"'' \
		'Checking lib/b.c ...' '[not a place]: (error) x' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 4 ]
	rec_check "$T/rec.json" 0 tool=cppcheck 'file=samples\syntaxError\bad.c' line=2 severity=error category=syntax
	rec_check "$T/rec.json" 1 file=src/a.c line=10 severity=warning category=runtime \
		'message=Possible null pointer dereference: p'
	rec_check "$T/rec.json" 2 file=lib/b.c line=3 severity=warning category=style
	rec_check "$T/rec.json" 3 file=lib/b.c line=9 severity=note
}

@test "pyright: problems under their file's head, and an excerpt without the head" {
	printf '%s\n' 'No configuration file found.' '/home/u/proj/app.py' \
		'  12:32 - error: "client" is not a known member of module (reportGeneralTypeIssues)' \
		'  14:1 - warning: Import "foo" could not be resolved (reportMissingImports)' \
		'/home/u/proj/b.py' '  3:5 - error: "x" is not defined (reportUndefinedVariable)' \
		'2 errors, 1 warning ' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 3 ]
	rec_check "$T/rec.json" 0 tool=pyright file=/home/u/proj/app.py line=12 column=32 \
		code=reportGeneralTypeIssues 'message="client" is not a known member of module'
	rec_check "$T/rec.json" 1 file=/home/u/proj/app.py line=14 severity=warning category=dependency
	rec_check "$T/rec.json" 2 file=/home/u/proj/b.py line=3 category=name
	printf '%s\n' '  7:1 - error: Type of "x" is unknown (reportUnknownVariableType)' >"$T/in.log"
	detect
	rec_check "$T/rec.json" 0 tool=pyright file=null line=7 column=1 code=reportUnknownVariableType
}

@test "valgrind: realloc with size 0 and the client check requests, at the innermost frame" {
	printf '%s\n' '==9== realloc() with size 0' '==9==    at 0x4C2FA3F: realloc (vg_replace_malloc.c:785)' \
		'==9==    by 0x400556: main (ra.c:19)' \
		'==9== Unaddressable byte(s) found during client check request' \
		'==9==    at 0x40058B: main (chk.c:7)' 'realloc() with size 0 is fine here' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=valgrind file=ra.c line=19 'message=realloc() with size 0'
	rec_check "$T/rec.json" 1 file=chk.c line=7 'message=Unaddressable byte(s) found during client check request'
}

@test "mold before 1.0: the object after the words, a member of an archive" {
	printf '%s\n' 'mold: undefined symbol: src/CMakeFiles/app.dir/net.cpp.o: operator new(unsigned long)' \
		'mold: undefined symbol: third/libx.a(conn.cpp.o): operator delete(void*)' \
		'mold: duplicate symbol: a.o: b.o: helper' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 3 ]
	rec_check "$T/rec.json" 0 tool=mold category=link file=src/CMakeFiles/app.dir/net.cpp.o \
		'message=undefined symbol: operator new(unsigned long)'
	rec_check "$T/rec.json" 1 'file=third/libx.a(conn.cpp.o)' 'message=undefined symbol: operator delete(void*)'
	rec_check "$T/rec.json" 2 file=a.o 'message=duplicate symbol: helper'
}

@test "ninja: 'build stopped' is a record only when no other is" {
	printf '%s\n' '[8/19] Compiling C++ object libx.a.p/x.cpp.o' 'ninja: build stopped: subcommand failed.' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=ninja 'message=build stopped: subcommand failed.'
	printf '%s\n' 'FAILED: x.o' 'x.c:1:1: error: expected declaration' 'ninja: build stopped: subcommand failed.' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=ninja 'message=FAILED: x.o'
	rec_check "$T/rec.json" 1 tool=gcc file=x.c
}

@test "distutils: the program it could not run, not the summary below it" {
	printf '%s\n' "building 'foo' extension" "gcc -pthread -c foo.c -o foo.o" \
		"unable to execute 'gcc': No such file or directory" \
		"error: command 'gcc' failed with exit status 1" >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=setuptools category=dependency \
		"message=unable to execute 'gcc': No such file or directory"
}

@test "helm: a rendered template that is not YAML, at the parser's line" {
	printf '%s\n' "Error: UPGRADE FAILED: YAML parse error on api/templates/deployment.yaml: error converting YAML to JSON: yaml: line 73: did not find expected key" \
		'' 'Use --debug flag to render out invalid YAML' \
		"Error: YAML parse error on c/templates/pod.yaml: error converting YAML to JSON: yaml: line 11: could not find expected ':'" >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=helm category=syntax file=api/templates/deployment.yaml line=73
	rec_check "$T/rec.json" 1 file=c/templates/pod.yaml line=11
}

@test "go-yaml: each line of 'unmarshal errors' a record, in the file its head names" {
	printf '%s\n' 'Error: staging/q/secret.yaml: [0]: yaml: unmarshal errors:' \
		'  line 13: mapping key "type" already defined at line 9' \
		'parsing /srv/app/docker-compose.yml: yaml: unmarshal errors:' \
		'  line 5: cannot unmarshal !!str `abc` into int' 'done' \
		'yaml: unmarshal errors:' '  line 2: field imagee not found in type main.Config' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 3 ]
	rec_check "$T/rec.json" 0 tool=go-yaml env=yaml file=staging/q/secret.yaml line=13 \
		'message=mapping key "type" already defined at line 9'
	rec_check "$T/rec.json" 1 file=/srv/app/docker-compose.yml line=5 category=type
	rec_check "$T/rec.json" 2 file=null line=2 'message=field imagee not found in type main.Config'
}

@test "bash: an error inside a command substitution or an eval, at its line" {
	printf '%s\n' './x.sub: command substitution: line 3: unexpected EOF while looking for matching `)'"'" \
		'run.sh: eval: line 4: foo: command not found' \
		"bash: eval: line 1: syntax error near unexpected token \`)'" >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 3 ]
	rec_check "$T/rec.json" 0 tool=bash file=x.sub line=3 category=syntax
	rec_check "$T/rec.json" 1 file=run.sh line=4 'message=foo: command not found'
	rec_check "$T/rec.json" 2 file=null line=1
}

@test "a program's own 'NAME: error: message' a record when no pattern took the line" {
	printf '%s\n' 'Stderr: VBoxManage: error: VT-x is being used by another hypervisor (VERR_VMX_IN_VMX_ROOT_MODE).' \
		'mytool: fatal: cannot open config' '/opt/bin/gen.py: ERROR: no input' \
		'gcc: error: unrecognized command-line option -fx' \
		'INFO: error: 0 retries' 'some words: error: x' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 4 ]
	rec_check "$T/rec.json" 0 tool=VBoxManage 'message=VT-x is being used by another hypervisor (VERR_VMX_IN_VMX_ROOT_MODE).'
	rec_check "$T/rec.json" 1 tool=mytool 'message=cannot open config'
	rec_check "$T/rec.json" 2 tool=gen.py 'message=no input'
	# gcc's own pattern takes its line
	rec_check "$T/rec.json" 3 tool=gcc category=configuration
}

@test "packer: a build that errored, a plugin that would not start; not the closing summary" {
	printf '%s\n' '==> docker: Error pulling Docker image' \
		"Build 'docker' errored after 2 seconds 3 milliseconds: Error pulling Docker image: exit status 1" '' \
		"==> Some builds didn't complete successfully and had errors:" '--> docker: Error pulling Docker image: exit status 1' \
		"Failed to initialize build 'docker': error initializing builder 'docker': plugin exited before we could connect" >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=packer category=runtime 'message=Error pulling Docker image: exit status 1'
	rec_check "$T/rec.json" 1 category=dependency
}

@test "mypy: rows without their file only with mypy's bracketed code" {
	printf '%s\n' '15: error: List item 1 has incompatible type "str"; expected "int"  [list-item]' \
		'16: error: "Model" has no attribute "middle_name"  [attr-defined]' \
		'17: error: something without a code' '18: note: See https://mypy.rtfd.io' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=mypy file=null line=15 code=list-item category=type
	rec_check "$T/rec.json" 1 line=16 code=attr-defined category=name
}

@test "a web log's line numbers glued to a tool's box, or before a bar, are no part of the line" {
	printf '%s\n' '$ terraform validate' '103╷' '104│ Error: Missing required provider' '105│ ' \
		'106│ This configuration requires provider registry.terraform.io/datadog/datadog,' \
		'107│ but that provider isn'"'"'t available.' '108╵' \
		"41 | Step 1/13 : FROM ubuntu:latest" "42 | main.c:3:5: error: 'x' undeclared (first use in this function)" \
		"43 | " >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=terraform category=dependency 'message=Missing required provider'
	rec_check "$T/rec.json" 1 tool=gcc file=main.c line=3 column=5
	# a number and a bar with blanks between is a gutter, not glued (rustc's own)
	printf '%s\n' 'error[E0425]: cannot find value `x` in this scope' ' --> src/main.rs:2:5' '  |' \
		'2 |     x' '  |     ^ not found in this scope' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=rustc file=src/main.rs line=2
}

@test "javac's raw diagnostics (OpenJDK's tests' layout): the key the code, its middle word the severity" {
	printf '%s\n' 'MethodReference23.java:52:19: compiler.err.non-static.cant.be.ref: kindname.variable, this' \
		'T.java:3:1: compiler.warn.possible.loss.of.precision: double, int' \
		'- compiler.err.warnings.and.werror' '2 errors' '1 warning' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 3 ]
	rec_check "$T/rec.json" 0 tool=javac file=MethodReference23.java line=52 column=19 severity=error \
		code=compiler.err.non-static.cant.be.ref category=name
	rec_check "$T/rec.json" 1 file=T.java line=3 severity=warning
	rec_check "$T/rec.json" 2 file=null code=compiler.err.warnings.and.werror
}

@test "julia: an error of Julia's own without its stack trace; a shared name needs the trace" {
	printf '%s\n' 'julia> include_string(Main, code)' 'ERROR: LoadError: UndefVarError: `s` not defined in local scope' \
		'julia> f(1)' 'ERROR: MethodError: no method matching f(::Int64)' \
		'ERROR: KeyError: key "a" not found' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=julia code=UndefVarError category=name 'message=`s` not defined in local scope'
	rec_check "$T/rec.json" 1 code=MethodError category=type
}

@test "flawfinder's hits and perlcritic's violations" {
	printf '%s\n' 'test.c:32:2:  [5] (buffer) gets:Does not check for buffer overflows (CWE-120, CWE-20).  Use fgets() instead.' \
		'lib/x.c:9:  [2] (buffer) char:Statically-sized arrays can be improperly restricted.' \
		'lib/Module/Name.pm: Subroutine prototypes used at line 15, column 1.' '    See page 194 of PBP.  (Severity: 5)' \
		'Code before strictures are enabled at line 1, column 1.  See page 429 of PBP.  (Severity: 5)' \
		'Died at foo.pl line 3.' >"$T/in.log"
	detect
	rec_check "$T/rec.json" 0 tool=flawfinder file=test.c line=32 column=2 code=5 severity=warning \
		'message~=gets:Does not check for buffer overflows'
	rec_check "$T/rec.json" 1 tool=flawfinder file=lib/x.c line=9 code=2
	rec_check "$T/rec.json" 2 tool=perlcritic file=lib/Module/Name.pm line=15 column=1 code=5 \
		'message=Subroutine prototypes used'
	rec_check "$T/rec.json" 3 tool=perlcritic file=null line=1 'message=Code before strictures are enabled'
	rec_check "$T/rec.json" 4 tool=perl file=foo.pl
}

@test "caddy: a Caddyfile's place and message inside the words that wrap them" {
	printf '%s\n' "app-caddy-1     | Error: adapting config using caddyfile: parsing caddyfile tokens for 'servers': /etc/caddy/Caddyfile:7 - Error during parsing: unrecognized protocol option 'experimental_http3'" \
		'Caddyfile:3 - Error during parsing: Wrong argument count or unexpected line ending after '"'tls'" >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=caddy file=/etc/caddy/Caddyfile line=7 category=syntax \
		"message=unrecognized protocol option 'experimental_http3'"
	rec_check "$T/rec.json" 1 file=Caddyfile line=3
}

@test "trivy config: each failed check, at the place under its text when it has one" {
	printf '%s\n' 'Dockerfile (dockerfile)' '' 'Tests: 21 (SUCCESSES: 20, FAILURES: 1)' '' \
		'HIGH: Specify at least 1 USER command in Dockerfile with non-root user as argument' \
		'════════════════════════════════════════' 'Running containers with root can lead to an escape.' '' \
		'See https://avd.aquasec.com/misconfig/ds002' '────────────────────────────────────────' '' '' \
		'deployment.yaml (kubernetes)' '' \
		"MEDIUM: Container 'web' of Deployment 'web' should set 'securityContext.runAsNonRoot' to true" \
		'════════════════════════════════════════' 'Force the running image to run as a non-root user.' '' \
		'See https://avd.aquasec.com/misconfig/ksv012' '────────────────────────────────────────' \
		' chart.tar:templates/deployment.yaml:16-19' '────────────────────────────────────────' \
		'  16 ┌       - name: web' '  19 └         image: web:1' '────────────────────────────────────────' \
		'HIGH: counts' 'not a rule' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=trivy severity=error file=null \
		'message=Specify at least 1 USER command in Dockerfile with non-root user as argument'
	rec_check "$T/rec.json" 1 severity=warning file=chart.tar:templates/deployment.yaml line=16
}

@test "helm lint: the YAML parser's line from the detail under the finding; a finding of the chart itself" {
	printf '%s\n' '==> Linting testdata/chart-bad' '[ERROR] Chart.yaml: unable to parse YAML' \
		"	error converting YAML to JSON: yaml: line 6: did not find expected '-' indicator" \
		'[ERROR] : unable to load chart' "	cannot load Chart.yaml: error converting YAML to JSON: yaml: line 6: bad" \
		'' 'Error: 1 chart(s) linted, 1 chart(s) failed' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	# the chart's files are the linted chart's (its header sets the
	# directory)
	rec_check "$T/rec.json" 0 tool=helm file=testdata/chart-bad/Chart.yaml line=6 'message=unable to parse YAML'
	rec_check "$T/rec.json" 1 file=null 'message=unable to load chart'
}

@test "ld: an archive's path with blanks and parentheses (MinGW under Program Files)" {
	printf '%s\n' "C:/Program Files (x86)/mingw-w64/i686-8.1.0/mingw32/lib/libmingw32.a(lib32_libmingw32_a-crt0_c.o):crt0_c.c:(.text.startup+0x2e): undefined reference to \`WinMain@16'" \
		"C:\\Users\\A B\\x.o:x.c:(.text+0x1): undefined reference to \`bar'" 'collect2.exe: error: ld returned 1 exit status' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=ld category=link file=crt0_c.c "message=undefined reference to \`WinMain@16'"
	rec_check "$T/rec.json" 1 file=x.c "message=undefined reference to \`bar'"
}

@test "Dev-C++'s messages panel: tab-separated line, column, file and [Error] message" {
	printf '5\t9\tC:\\prog\\main.cpp\t[Error] %s\n' "'x' was not declared in this scope" >"$T/in.log"
	printf '12\t\tC:\\prog\\main.cpp\t[Warning] %s\n' "unused variable 'y' [-Wunused-variable]" >>"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 file='C:\prog\main.cpp' line=5 column=9 severity=error category=name
	rec_check "$T/rec.json" 1 line=12 column=null severity=warning
}

@test "bash's own syntax errors without the shell's name; a registry's refusal" {
	printf '%s\n' 'bash(0)> for i in *; do if true; then echo; done' "syntax error near unexpected token \`done'" \
		'The push refers to repository [docker.io/me/app]' 'f3ed6cb59ab0: Waiting' \
		'denied: requested access to the resource is denied' 'toomanyrequests: You have reached your pull rate limit.' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 3 ]
	rec_check "$T/rec.json" 0 tool=bash category=syntax "message=syntax error near unexpected token \`done'"
	rec_check "$T/rec.json" 1 tool=docker category=permission 'message=denied: requested access to the resource is denied'
	rec_check "$T/rec.json" 2 category=network
}

@test "kubectl apply: the server's words after the object it could not read back, at the file; flux's failure mark" {
	printf '%s\n' 'Error from server (Forbidden): error when retrieving current configuration of:' \
		'Resource: "apps/v1, Resource=deployments", GroupVersionKind: "apps/v1, Kind=Deployment"' \
		'Name: "demo", Namespace: "default"' \
		'from server for: "deploy.yaml": deployments.apps "demo" is forbidden: User "system:serviceaccount:default:ci" cannot get resource "deployments"' \
		'► annotating Kustomization flux-system in flux-system namespace' '✔ Kustomization annotated' \
		'✗ Kustomization reconciliation failed: CustomResourceDefinition/x dry-run failed, reason: Invalid' \
		'✗ some test name' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=kubectl file=deploy.yaml code=Forbidden category=permission \
		'message~=deployments.apps "demo" is forbidden'
	rec_check "$T/rec.json" 1 tool=flux 'message~=Kustomization reconciliation failed'
}
