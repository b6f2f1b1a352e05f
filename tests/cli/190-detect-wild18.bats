#!/usr/bin/env bats
# heal-detect on layouts an eighteenth gathering of pasted logs showed
# missing (#16), each written by us in the layout the tool's documentation,
# its source or its own test suite gives: cppcheck's template before 1.86,
# pyright's problems under a file head, valgrind's reports its list lacked,
# mold before 1.0, ninja's last word when it is the only one, distutils'
# missing compiler.

load 'helpers/golden'

setup() {
	golden_setup
}

teardown() {
	rm -rf "$T"
}

detect() {
	(cd "$T" && heal-detect <in.log >rec.json) || true
}

@test "cppcheck (1.x template): recorded" { golden_recorded cppcheck; }
@test "cppcheck (1.x template): live" { golden_case_live cppcheck cppcheck "cppcheck"; }

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
