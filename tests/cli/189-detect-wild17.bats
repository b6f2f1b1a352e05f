#!/usr/bin/env bats
# heal-detect on layouts a seventeenth gathering of pasted logs showed
# missing (#16), each written by us in the layout the tool's documentation
# or its own test suite gives: the snippet layout of rustc's heirs with
# other words and codes, Haxe's pretty errors, Psalm's console report,
# cpplint, pytype, systemctl's failed job, go-multierror lists wrapped in a
# packer build's words, Zephyr's devicetree errors, kubeconform reading
# stdin, and Ansible's pre-2.8 place inside a FAILED! result.

load 'helpers/detect-log'

@test "snippet layout: a severity with other words or codes over an arrow to the place" {
	printf '%s\n' 'semantic error: Element in `integer(4)` array constructor is `real(4)`' \
		' --> tests/errors/ac.f90:2:18' '  |' '2 |     print *, [1, 2.]' '  |                  ^^ ' '' \
		'Error [EAST0372017]: The name `hi` is defined multiple times.' '    --> compiler-test:3:13' \
		'     |' '   3 |           let hi = 2u8;' '' \
		'error[E04007]: incompatible types' '  ┌─ sources/m.move:7:9' '' \
		'error: something failed' 'no arrow follows this one' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 3 ]
	rec_check "$T/rec.json" 0 tool=generic file=tests/errors/ac.f90 line=2 column=18 \
		'message=Element in `integer(4)` array constructor is `real(4)`'
	rec_check "$T/rec.json" 1 file=compiler-test line=3 column=13 code=EAST0372017 \
		'message=The name `hi` is defined multiple times.'
	rec_check "$T/rec.json" 2 file=sources/m.move line=7 column=9 code=E04007 message="incompatible types"
}

@test "haxe: the pretty layout's message is on the gutter's bar under the caret" {
	printf '%s\n' '[ERROR] Main.hx:8: characters 2-7' '' ' 8 |  throw "up";' '   |  ^^^^^' \
		'   | Uncaught exception up' '' '     2 |  foo();' '       |  ^^^^^' '       | Called from here' \
		'' '[WARNING] src/App.hx:3: lines 3-5' '' ' 3 | function f() {' ' 4 |   return 1;' \
		' 5 | }' '   | This function is unused' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=haxe file=Main.hx line=8 column=2 severity=error message="Uncaught exception up"
	rec_check "$T/rec.json" 1 tool=haxe file=src/App.hx line=3 severity=warning message="This function is unused"
}

@test "psalm: the console report's errors, the issue type the code, the link left out" {
	printf '%s\n' 'ERROR: InvalidArgument - src/a.php:3:14 - Argument 1 of implode expects `string`, `array` provided (see https://psalm.dev/004)' \
		'INFO: MissingReturnType - src/b.php:10:12 - Method B::f does not have a return type' \
		'------------------------------' '1 errors found' >"$T/in.log"
	detect
	# its INFO: lines (below the error level) are not read
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=psalm file=src/a.php line=3 column=14 severity=error code=InvalidArgument \
		'message=Argument 1 of implode expects `string`, `array` provided'
}

@test "cpplint (recorded from docs; the generic reader's case before it had a pattern)" { golden_recorded cpplint; }

@test "cpplint: emacs and vs7 layouts, the category the code" {
	printf '%s\n' 'sample.cpp:4:  { should almost always be at the end of the previous line  [whitespace/braces] [4]' \
		'src/x.h(7):  #ifndef header guard has wrong style, please use: SRC_X_H_  [build/header_guard] [5]' \
		'Done processing sample.cpp' 'Total errors found: 2' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=cpplint file=sample.cpp line=4 code=whitespace/braces \
		"message={ should almost always be at the end of the previous line"
	rec_check "$T/rec.json" 1 tool=cpplint file=src/x.h line=7 code=build/header_guard
}

@test "pytype: the error's name in brackets is the code, the function after 'in'" {
	printf '%s\n' 'File "t.py", line 2, in unannotated: Function str.join expects 2 arg(s), got 3 [wrong-arg-count]' \
		'  Expected: (self, iterable)' '  Actually passed: (self, iterable, _)' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=pytype file=t.py line=2 code=wrong-arg-count \
		"message=Function str.join expects 2 arg(s), got 3" raw~="Actually passed"
}

@test "systemctl: a failed job is a record when nothing else is, and none under its cause" {
	printf '%s\n' '$ sudo systemctl start rsyslog' \
		'Job for rsyslog.service failed because the control process exited with error code.' \
		'See "systemctl status rsyslog.service" and "journalctl -xe" for details.' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=systemd file=null \
		"message=Job for rsyslog.service failed because the control process exited with error code."
	printf '%s\n' 'nginx: [emerg] unknown directive "servername" in /etc/nginx/conf.d/api.conf:3' \
		'Job for nginx.service failed because the control process exited with error code.' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=nginx file=/etc/nginx/conf.d/api.conf line=3
}

@test "go-multierror: a list after what wraps it (packer's build), each bullet a record" {
	printf '%s\n' "==> null.example: Provisioning step had errors: Running the cleanup provisioner, if present..." \
		"Build 'null.example' errored: 1 error(s) occurred:" '' \
		'* You may only specify one of the following options: Command, Inline, Script or Scripts.' '' \
		"==> Some builds didn't complete successfully and had errors:" >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 file=null \
		"message=You may only specify one of the following options: Command, Inline, Script or Scripts."
}

@test "devicetree: a checker naming itself, the column in words" {
	printf '%s\n' 'devicetree error: /w/config/kyria.keymap:85 (column 132): parse error: expected number or parenthesized expression' \
		'CMake Error at /w/zephyr/cmake/dts.cmake:205 (message):' '  gen_defines.py failed with return code: 1' >"$T/in.log"
	detect
	rec_check "$T/rec.json" 0 tool=devicetree file=/w/config/kyria.keymap line=85 column=132 \
		"message=parse error: expected number or parenthesized expression"
}

@test "kubeconform: manifests read from stdin are the file 'stdin'" {
	printf '%s\n' 'stdin - ServiceAccount web is valid' \
		"stdin - Deployment web is invalid: problem validating schema. Check JSON formatting: jsonschema: '/spec/replicas' does not validate" \
		'Summary: 2 resources found parsing stdin - Valid: 1, Invalid: 1, Errors: 0, Skipped: 0' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=kubeconform file=stdin "message~=Deployment web is invalid: problem validating schema."
}

@test "ansible: a FAILED! result of Ansible before 2.8 gives its place ('appears to have been in')" {
	printf '%s\n' 'fatal: [web1]: FAILED! => {"msg": "The task includes an option with an undefined variable. The error was: '"'"'demo'"'"' is undefined\n\nThe error appears to have been in '"'"'/srv/site.yml'"'"': line 27, column 7, but may\nbe elsewhere in the file depending on the exact syntax problem.\n"}' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=ansible file=/srv/site.yml line=27 column=7 "message~='demo' is undefined"
}

@test "pnpm: an ERR_PNPM_ code and its message, the lines after it its detail" {
	printf '%s\n' 'pnpm i --fix-lockfile' \
		" ERR_PNPM_SPEC_NOT_SUPPORTED_BY_ANY_RESOLVER  next@12.1.5 isn't supported by any available resolver." '' \
		'This error happened while installing the dependencies of next-seo@5.4.0' \
		'Progress: resolved 28, reused 29, downloaded 0, added 0' \
		' ERR_PNPM_NO_MATCHING_VERSION  No matching version found for left-pad@9.9.9' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=pnpm file=null code=ERR_PNPM_SPEC_NOT_SUPPORTED_BY_ANY_RESOLVER \
		"message=next@12.1.5 isn't supported by any available resolver." category=dependency
	rec_check "$T/rec.json" 1 code=ERR_PNPM_NO_MATCHING_VERSION "message=No matching version found for left-pad@9.9.9"
}

@test "rescript: the message after the source excerpt, at the place under the head" {
	printf '%s\n' '' "  We've found a bug for you!" '  src/App.res:5:34-35' '' \
		"  3 │   type props<'name> = {name: 'name}" '  4 │ ' "  5 │   let make = (): props<'name> => {}" \
		'  6 │ }' '' '  Some required record fields are missing:' '  name. If this is a component, add the missing props.' '' \
		'  Warning number 27' '  src/B.res:2:7-8' '' '  2 │ let f = x => 1' '' '  unused variable x.' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=rescript file=src/App.res line=5 column=34 severity=error \
		"message=Some required record fields are missing:"
	rec_check "$T/rec.json" 1 file=src/B.res line=2 column=7 severity=warning "message=unused variable x."
}
