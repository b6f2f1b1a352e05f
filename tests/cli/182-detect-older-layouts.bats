#!/usr/bin/env bats
# heal-detect on the layouts of older tool versions and of builds on other
# systems, as users paste them into bug reports (#16): pip before 6,
# setuptools' errors inside pip's frame, GNU make on Windows, gold's and
# MinGW's linker lines, gcc 4.5's undeclared-identifier notes, the logs
# "gh run view --log" prints. Each log is written from the tool's own
# message text (cited above its test); no log of a bug report is copied.

load 'helpers/detect'
load 'helpers/golden'

setup() {
	T=$(mktemp -d)
	mkdir -p "$T/p"
}

teardown() {
	rm -rf "$T"
}

# fields FILE: tool file line code count | message, one record a line
fields() {
	$PY -c '
import json, sys
for l in open(sys.argv[1]):
    r = json.loads(l)
    print(r["tool"], r.get("file"), r.get("line"), r.get("code"), r.get("count"), "|", r["message"])' "$1"
}

run_detect() {
	(cd "$T/p" && heal-detect "$@" <"$T/x.log" >"$T/got.json") || true
	run fields "$T/got.json"
	echo "$output"
}

@test "pip before 6: its requirement errors" {
	# pip 1.5's req.py: "Could not find any downloads that satisfy the
	# requirement %s", "No distributions at all found for %s" (its summary)
	printf '%s\n' 'Downloading/unpacking boogieman' \
		'  Could not find any downloads that satisfy the requirement boogieman' \
		'Cleaning up...' 'No distributions at all found for boogieman' \
		'Storing debug log for failure in /root/.pip/pip.log' >"$T/x.log"
	run_detect
	[ "${#lines[@]}" -eq 1 ]
	[ "${lines[0]}" = "pip None None None 1 | Could not find any downloads that satisfy the requirement boogieman" ]
	# the summary alone is the error
	printf '%s\n' 'Downloading/unpacking boogieman' 'Cleaning up...' \
		'No distributions at all found for boogieman' >"$T/x.log"
	run_detect
	[ "${#lines[@]}" -eq 1 ]
	[ "${lines[0]}" = "pip None None None 1 | No distributions at all found for boogieman" ]
}

@test "pip 6 to 9: 'Could not find a version' without ERROR:, its summary after" {
	# pip 8's index.py: "Could not find a version that satisfies the
	# requirement %s (from versions: %s)", req_set.py: "No matching
	# distribution found for %s"; pip 1.5 to 6: "No distributions matching
	# the version for %s"
	printf '%s\n' 'Collecting satispy' \
		'  Could not find a version that satisfies the requirement satispy (from versions: 1.0a4)' \
		'Cleaning up...' 'No distributions matching the version for satispy' >"$T/x.log"
	run_detect
	[ "${#lines[@]}" -eq 1 ]
	[ "${lines[0]}" = "pip None None None 1 | Could not find a version that satisfies the requirement satispy (from versions: 1.0a4)" ]
	printf '%s\n' 'Collecting satispy' 'No matching distribution found for satispy' >"$T/x.log"
	run_detect
	[ "${#lines[@]}" -eq 1 ]
	[ "${lines[0]}" = "pip None None None 1 | No matching distribution found for satispy" ]
}

@test "compilers' crashes without a place: gcc's compiler proper, Go's gc" {
	# gcc's diagnostic.c: "%s: internal compiler error: %s" with the
	# program's name when no location is known; Go's base.Fatalf:
	# "<unknown line number>: internal compiler error: %s"
	printf '%s\n' 'during GIMPLE pass: fre' "In function 'main.main..func1':" \
		'go1: internal compiler error: Segmentation fault' \
		'0x7f44d0eeed5f ???' 'Please submit a full bug report,' >"$T/x.log"
	run_detect
	[ "${#lines[@]}" -eq 1 ]
	[ "${lines[0]}" = "gcc None None None 1 | internal compiler error: Segmentation fault" ]
	printf '%s\n' '# example.com/app/cmd' \
		'<unknown line number>: internal compiler error: assertion failed' '' \
		'Please file a bug report including a short program that triggers the error.' >"$T/x.log"
	run_detect
	[ "${#lines[@]}" -eq 1 ]
	[ "${lines[0]}" = "go None None None 1 | internal compiler error: assertion failed" ]
}

@test "setuptools: the build backend's error inside pip's frame is the record of the cause" {
	# setuptools' msvc.py and distutils' DistutilsError text, in pip 22's frame
	cat >"$T/x.log" <<'EOF'
  Building wheel for vad (pyproject.toml) ... error
  error: subprocess-exited-with-error

  × Building wheel for vad (pyproject.toml) did not run successfully.
  │ exit code: 1
  ╰─> [5 lines of output]
      running bdist_wheel
      running build_ext
      building '_vad' extension
      error: Microsoft Visual C++ 14.0 or greater is required. Get it with "Microsoft C++ Build Tools": https://visualstudio.microsoft.com/visual-cpp-build-tools/
      [end of output]

  note: This error originates from a subprocess, and is likely not a problem with pip.
  ERROR: Failed building wheel for vad
EOF
	run_detect
	[[ "$output" == *"setuptools None None None 1 | Microsoft Visual C++ 14.0 or greater is required."* ]]
	rec_check "$T/got.json" 1 tool=setuptools category=dependency raw~="      error: Microsoft"
}

@test "setuptools: 'command failed with exit status' after a compiler's error is no record of its own" {
	printf '%s\n' 'src/m.c:3:10: fatal error: Python.h: No such file or directory' \
		'compilation terminated.' \
		"error: command 'x86_64-linux-gnu-gcc' failed with exit status 1" \
		"error: command 'gcc' failed: No such file or directory" >"$T/x.log"
	run_detect
	[ "${#lines[@]}" -eq 2 ]
	[[ "${lines[0]}" == "gcc src/m.c 3 "* ]]
	[ "${lines[1]}" = "setuptools None None None 1 | command 'gcc' failed: No such file or directory" ]
}

@test "make on Windows: a recipe's program that cannot be started" {
	# GNU make's w32/subproc: "process_begin: CreateProcess(%s, %s, ...) failed."
	printf '%s\n' 'process_begin: CreateProcess(NULL, i686-w64-mingw32-gcc -o app.exe app.c, ...) failed.' \
		'make (e=2): The system cannot find the file specified.' \
		'make: *** [Makefile:13: app.exe] Error 2' >"$T/x.log"
	run_detect
	[[ "${lines[0]}" == "make None None None 1 | CreateProcess(NULL, i686-w64-mingw32-gcc -o app.exe app.c, ...) failed." ]]
	rec_check "$T/got.json" 0 category=dependency detail~="cannot find the file specified"
}

@test "linkers: gold's 'OBJ:SRC:function F: error:' and MinGW's archive on a drive (the archive's member is the file)" {
	printf '%s\n' "demo.o:demo.cpp:function calc(kind, int): error: undefined reference to 'log_start'" \
		"demo.o:demo.cpp:function calc(kind, int): error: undefined reference to 'log_start'" \
		"c:/mingw/bin/../lib/gcc/mingw32/6.3.0/../../../libmingw32.a(main.o):(.text.startup+0xa0): undefined reference to \`WinMain@16'" \
		'collect2.exe: error: ld returned 1 exit status' >"$T/x.log"
	run_detect
	[ "${#lines[@]}" -eq 2 ]
	[ "${lines[0]}" = "ld demo.cpp None None 2 | undefined reference to 'log_start'" ]
	[ "${lines[1]}" = "ld c:/mingw/bin/../lib/gcc/mingw32/6.3.0/../../../libmingw32.a(main.o) None None 1 | undefined reference to \`WinMain@16'" ]
}

@test "gcc 4.5 and older: the undeclared identifier's two error lines are notes" {
	# gcc 4.4's c-typeck.c: "(Each undeclared identifier is reported only
	# once" / "for each function it appears in.)", as errors of the line
	printf '%s\n' "clif.c: In function 'main':" "clif.c:25: error: 'i' undeclared (first use in this function)" \
		'clif.c:25: error: (Each undeclared identifier is reported only once' \
		'clif.c:25: error: for each function it appears in.)' >"$T/x.log"
	run_detect
	[ "${#lines[@]}" -eq 1 ]
	[ "${lines[0]}" = "gcc clif.c 25 None 1 | 'i' undeclared (first use in this function)" ]
	rec_check "$T/got.json" 0 notes~="Each undeclared identifier"
}

@test "gcc 2.95 to 3.x: errors without 'error:', by gcc's catalogs or the old wordings; their notes are not errors" {
	# gcc 3.3's c-parse.y "parse error before %s", 3.4's "syntax error before",
	# c-typeck.c "%qs undeclared (first use in this function)" written
	# with the old `x' quotes, cppfiles.c "%s: No such file or directory"
	printf '%s\n' "prog.c: In function \`main':" "prog.c:5: parse error before \`x'" \
		"prog.c:6: \`count' undeclared (first use in this function)" \
		'prog.c:6: (Each undeclared identifier is reported only once' \
		'prog.c:6: for each function it appears in.)' "prog.c:7: syntax error before \`}' token" \
		"prog.c:9: too few arguments to function \`foo'" 'prog.cpp:1: iostream.h: No such file or directory' \
		'prog.c:11: this is no message gcc has' >"$T/x.log"
	run_detect
	[ "${#lines[@]}" -eq 5 ]
	[ "${lines[0]}" = "gcc prog.c 5 None 1 | parse error before \`x'" ]
	[ "${lines[1]}" = "gcc prog.c 6 None 1 | \`count' undeclared (first use in this function)" ]
	[ "${lines[2]}" = "gcc prog.c 7 None 1 | syntax error before \`}' token" ]
	[ "${lines[3]}" = "gcc prog.c 9 None 1 | too few arguments to function \`foo'" ]
	[ "${lines[4]}" = "gcc prog.cpp 1 None 1 | iostream.h: No such file or directory" ]
	rec_check "$T/got.json" 1 category=name
}

@test "gh run view --log: the job's and step's names before GitHub's time" {
	printf 'build\tRun tests\t2024-05-01T10:00:00.1234567Z %s\n' \
		'Traceback (most recent call last):' '  File "/w/app/run.py", line 27, in <module>' \
		'    from gen import Config' "ModuleNotFoundError: No module named 'gen'" \
		'##[error]Process completed with exit code 1.' >"$T/x.log"
	run_detect
	[ "${#lines[@]}" -eq 1 ]
	[ "${lines[0]}" = "python /w/app/run.py 27 ModuleNotFoundError 1 | No module named 'gen'" ]
	rec_check "$T/got.json" 0 raw~=$'build\tRun tests\t2024-05-01T10:00:00.1234567Z Traceback'
	# a tab-separated line without the time is no prefix: not stripped
	printf 'a\tb\tsrc/m.c:3:9: error: x\n' >"$T/x.log"
	run_detect
	[[ "$output" != *"src/m.c"* ]]
}

@test "a pattern file's unknown category is a usage error (2) naming the member" {
	cat >"$T/p/bad.json" <<'JSON'
{"heal": 1, "tool": "x", "problemMatcher": [{"owner": "x", "category": "build", "pattern": [{"regexp": "^x (?<message>.*)$"}]}]}
JSON
	run heal-detect --patterns "$T/p/bad.json" </dev/null
	[ "$status" -eq 2 ]
	[[ "$output" == *"bad.json"*"category"*"unknown category 'build'"* ]]
	cat >"$T/p/bad.json" <<'JSON'
{"heal": 1, "tool": "x", "problemMatcher": [{"owner": "x", "classify": [{"regexp": "y", "category": "import"}], "pattern": [{"regexp": "^x (?<message>.*)$"}]}]}
JSON
	run heal-detect --patterns "$T/p/bad.json" </dev/null
	[ "$status" -eq 2 ]
	[[ "$output" == *"classify[0].category"*"unknown category 'import'"* ]]
}

@test "shellcheck before 0.7: tty lines without the severity are warnings" {
	printf '%s\n' '' 'In main.sh line 11:' '    variable="b"' \
		'    ^------^ SC2034: variable appears unused. Verify use (or export if used externally).' '' >"$T/x.log"
	run_detect
	[ "${lines[0]}" = "shellcheck main.sh 11 SC2034 1 | variable appears unused. Verify use (or export if used externally)." ]
	rec_check "$T/got.json" 0 severity=warning column=5
}

@test "shellcheck.net's results pasted: 'Line N:' without a file, as text and as the page's links; no caret is a hadolint file" {
	printf '%s\n' 'Line 50:' '    while read -r _line; do' \
		'    ^-- SC1009 (info): The mentioned syntax error was in this while loop.' ' ' \
		'[Line 51:](javascript:setPosition(51, 9))' '        case "${_line}"' \
		"        ^-- [SC1073](https://www.shellcheck.net/wiki/SC1073) (error): Couldn't parse this case expression. Fix to allow more checks." >"$T/x.log"
	run_detect
	[ "${#lines[@]}" -eq 2 ]
	[ "${lines[0]}" = "shellcheck None 50 SC1009 1 | The mentioned syntax error was in this while loop." ]
	[ "${lines[1]}" = "shellcheck None 51 SC1073 1 | Couldn't parse this case expression. Fix to allow more checks." ]
	rec_check "$T/got.json" 0 severity=note column=5
	rec_check "$T/got.json" 1 severity=error column=9
	# a caret line alone is no hadolint 1.x line ("FILE DL3008 message")
	printf '%s\n' '    ^-- SC2086 quoted' >"$T/x.log"
	run_detect
	[ "${#lines[@]}" -eq 0 ]
}

@test "make: a '*** message' in a translation the catalogs do not hold is still a record, after the catalogs" {
	# make 3.81's zh_CN text (4.3's says 可制作), and a half-translated Stop
	printf '%s\n' 'make[1]: *** 没有规则可以创建目标“install”。 停止。' \
		"make: *** No rule to make target 'x.c', needed by 'x.o'。 停止。" >"$T/x.log"
	run_detect
	[ "${#lines[@]}" -eq 2 ]
	[ "${lines[0]}" = "make None None None 1 | 没有规则可以创建目标“install”。 停止。" ]
	[[ "${lines[1]}" == "make None None None 1 | No rule to make target 'x.c', needed by 'x.o'"* ]]
}

@test "a pattern's last_resort matcher is tried after every other, as it came and translated" {
	cat >"$T/p/pat.json" <<'JSON'
{"heal": 1, "tool": "t", "problemMatcher": [
 {"owner": "any", "last_resort": true, "literals": ["FAIL "], "pattern": [{"regexp": "^(?:\\S+ )?FAIL (?<message>.*)$"}]},
 {"owner": "one", "literals": ["FAIL "], "pattern": [{"regexp": "^x FAIL (?<message>.*)$"}]}]}
JSON
	printf '%s\n' 'x FAIL first' 'y FAIL second' >"$T/x.log"
	(cd "$T/p" && heal-detect --no-default-patterns --patterns pat.json <"$T/x.log" >"$T/got.json") || true
	run fields "$T/got.json"
	[ "${lines[0]}" = "t None None None 1 | first" ]
	[ "${lines[1]}" = "t None None None 1 | second" ]
	rec_check "$T/got.json" 0 raw="x FAIL first"
}

@test "link.exe: an archive member's errors ('LIBCMT.lib(exe_main.obj) : error LNK2019')" {
	printf '%s\n' 'vconv.o : error LNK2019: unresolved external symbol __imp_CreateProcessA referenced in function main' \
		'LIBCMT.lib(exe_main.obj) : error LNK2001: unresolved external symbol exit' >"$T/x.log"
	run_detect
	[ "${#lines[@]}" -eq 2 ]
	[[ "${lines[1]}" == *"LNK2001 1 | unresolved external symbol exit" ]]
}

@test "terraform 0.11 and packer 1.x: go-multierror's bullets are a record each, not its head" {
	# terraform 0.11's apply.go: "Error applying plan:\n\n%s" over
	# multierror's "%d error(s) occurred:\n\n* %s"; packer's validate:
	# "Errors validating build '%s'. %s"
	printf '%s\n' 'Error: Error applying plan:' '' '2 error(s) occurred:' '' \
		'* aws_instance.web: Error launching source instance: InvalidAMIID.NotFound' \
		'* aws_s3_bucket.logs: Error creating S3 bucket: BucketAlreadyExists' '' \
		'Terraform does not automatically rollback in the face of errors.' \
		'Error: Error refreshing state: 1 error(s) occurred:' '' \
		'* provider.aws: error validating provider credentials: InvalidClientTokenId' '' \
		'Template validation failed. Errors are shown below.' '' \
		"Errors validating build 'vmware'. 1 error(s) occurred:" '' \
		'* Either a path or inline script must be specified.' >"$T/x.log"
	run_detect
	[ "${#lines[@]}" -eq 4 ]
	[ "${lines[0]}" = "terraform None None None 1 | aws_instance.web: Error launching source instance: InvalidAMIID.NotFound" ]
	[ "${lines[1]}" = "terraform None None None 1 | aws_s3_bucket.logs: Error creating S3 bucket: BucketAlreadyExists" ]
	[ "${lines[2]}" = "terraform None None None 1 | provider.aws: error validating provider credentials: InvalidClientTokenId" ]
	[ "${lines[3]}" = "packer None None None 1 | Either a path or inline script must be specified." ]
}

@test "packer: a builder's step says its error in the build's own lines: records when nothing else is" {
	printf '%s\n' '==> amazon-ebs: Waiting for SSH to become available...' \
		'==> amazon-ebs: Timeout waiting for SSH.' '==> amazon-ebs: Terminating the source AWS instance...' \
		'==> amazon-ebs: Error cleaning up security group. Please delete the group manually: sg-54bea438' \
		"Build 'amazon-ebs' finished." >"$T/x.log"
	run_detect
	[ "${#lines[@]}" -eq 2 ]
	[ "${lines[0]}" = "packer None None None 1 | Timeout waiting for SSH." ]
	[ "${lines[1]}" = "packer None None None 1 | Error cleaning up security group. Please delete the group manually: sg-54bea438" ]
	# 'Build errored' says the first again, with its cause: its record alone
	printf '%s\n' '==> docker: Error pulling Docker image' \
		"Build 'docker' errored after 2 seconds: Error pulling Docker image: exit status 1" >"$T/x.log"
	run_detect
	[ "${#lines[@]}" -eq 1 ]
	[ "${lines[0]}" = "packer None None None 1 | Error pulling Docker image: exit status 1" ]
}

@test "other C and C++ compilers: Borland, Watcom, SDCC, Sun, XL C, aCC, NVIDIA HPC (recorded from docs)" { golden_recorded cc-vendors; }
@test "GNAT before GCC 12: errors without their tag (recorded from docs)" { golden_recorded gnat; }
