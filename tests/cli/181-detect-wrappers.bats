#!/usr/bin/env bats
# heal-detect on tool output as users paste it (#16): a tool's lines behind
# a wrapper's marks (heal_detect_wrapper_len), a Windows build's paths,
# cross toolchains' prefixed names, tracebacks without their head, and
# pytest's sections. Real gcc and python output where the test can make it.

load 'helpers/detect'

setup() {
	T=$(mktemp -d)
	mkdir -p "$T/p/src"
	printf 'int main(void)\n{\n\treturn missing;\n}\n' >"$T/p/src/m.c"
	(cd "$T/p" && gcc -c src/m.c -o /dev/null >"$T/plain.log" 2>&1) || true
}

teardown() {
	rm -rf "$T"
}

# wrap FILE PREFIX: every line of FILE behind PREFIX
wrap() {
	while IFS= read -r l; do printf '%s%s\n' "$2" "$l"; done <"$1"
}

# field0 FILE KEY: the first record's KEY, as JSON
field0() {
	$PY -S -c 'import json, sys; print(json.dumps(json.loads(open(sys.argv[1]).readline()).get(sys.argv[2])))' "$1" "$2"
}

# fields FILE: tool file line code message of each record, one a line
fields() {
	$PY -c '
import json, sys
for l in open(sys.argv[1]):
    r = json.loads(l)
    print(r["tool"], r.get("file"), r.get("line"), r.get("code"), "|", r["message"])' "$1"
}

@test "wrappers: gcc's output behind an indentation, a tree's bar, a quote, BuildKit's seconds, MSBuild's node" {
	(cd "$T/p" && heal-detect <"$T/plain.log" >"$T/want.json") || true
	[ "$(rec_count "$T/want.json")" -eq 1 ]
	local p n=0
	for p in '  ' '    ' $'\t' '│ ' '└─ ' '├── ' '| ' '> ' '141.3 ' '1>' '12>' \
		'00:13:40.380     4>' '│ │ '; do
		wrap "$T/plain.log" "$p" >"$T/x.log"
		(cd "$T/p" && heal-detect <"$T/x.log" >"$T/got.json") || true
		run $PY -c '
import json, sys
w = [json.loads(l) for l in open(sys.argv[1])]
g = [json.loads(l) for l in open(sys.argv[2])]
keys = ("tool", "file", "line", "column", "message")
assert [[r.get(k) for k in keys] for r in w] == [[r.get(k) for k in keys] for r in g], (w, g)
assert all(r["raw"].startswith(sys.argv[3]) for r in g), g
' "$T/want.json" "$T/got.json" "$p"
		[ "$status" -eq 0 ] || { echo "wrapper '$p': $output" >&2; return 1; }
		n=$((n + 1))
	done
	[ "$n" -eq 13 ]
}

@test "wrappers: Markdown's line-break blanks at the ends of the lines change no record; raw keeps them" {
	(cd "$T/p" && heal-detect <"$T/plain.log" >"$T/want.json") || true
	sed 's/$/  /' "$T/plain.log" >"$T/x.log"
	(cd "$T/p" && heal-detect <"$T/x.log" >"$T/got.json") || true
	[ "$(rec_count "$T/got.json")" -eq 1 ]
	[ "$(fields "$T/got.json")" = "$(fields "$T/want.json")" ]
	# the same id and notes; the blanks in raw
	[ "$(field0 "$T/got.json" id)" = "$(field0 "$T/want.json" id)" ]
	[ "$(field0 "$T/got.json" notes)" = "$(field0 "$T/want.json" notes)" ]
	rec_check "$T/got.json" 0 raw~="  
"
}

@test "wrappers: a web log viewer's line numbers pasted as Markdown links are numbers again" {
	sed 's/^\(src\/m\.c\):\([0-9]*\):/\1:[\2](https:\/\/gitlab.com\/o\/p\/-\/jobs\/3706#L\2):/' "$T/plain.log" >"$T/x.log"
	grep -q '](https://gitlab.com' "$T/x.log"
	(cd "$T/p" && heal-detect <"$T/plain.log" >"$T/want.json") || true
	(cd "$T/p" && heal-detect <"$T/x.log" >"$T/got.json") || true
	[ "$(fields "$T/got.json")" = "$(fields "$T/want.json")" ]
	[ "$(rec_count "$T/got.json")" -eq 1 ]
}

@test "wrappers: a compiler's own indented source lines are no records" {
	# gcc's source and caret lines and a traceback's code line, indented
	printf '%s\n' '    3 | return x;' '      |        ^' '    raise ValueError("x")' \
		'  12 |   int y = z;' >"$T/x.log"
	(cd "$T/p" && heal-detect <"$T/x.log" >"$T/got.json") || true
	[ "$(rec_count "$T/got.json")" -eq 0 ]
}

@test "wrappers: a marked line another pattern took as it came is not read twice" {
	# pytest's "E   " and a make recipe's indented line are a tool's own
	printf '%s\n' 'src/m.c:3:9: error: first' '> src/m.c:3:9: error: first' >"$T/x.log"
	(cd "$T/p" && heal-detect <"$T/x.log" >"$T/got.json") || true
	# the same error, quoted once more, is a true repeat
	[ "$(rec_count "$T/got.json")" -eq 1 ]
	rec_check "$T/got.json" 0 file=src/m.c line=3 count=2
}

@test "windows: a drive's path is the project's file it ends with" {
	printf '%s\n' 'C:\work\proj\src\m.c:3:9: error: '\''missing'\'' undeclared' \
		'C:/msys64/home/u/proj/src/m.c:4:1: error: expected '\'';'\''' \
		'D:\a\other\lib\z.c:1:1: error: nothing here' >"$T/x.log"
	(cd "$T/p" && heal-detect <"$T/x.log" >"$T/got.json") || true
	[ "$(rec_count "$T/got.json")" -eq 3 ]
	rec_check "$T/got.json" 0 file=src/m.c line=3
	rec_check "$T/got.json" 1 file=src/m.c line=4
	# no such file beneath the root: kept as printed, never a root path
	rec_check "$T/got.json" 2 'file=D:\a\other\lib\z.c' line=1
}

@test "windows: a drive's path never names a file outside the root" {
	printf '%s\n' 'C:\x\..\..\etc\passwd:1:1: error: up' 'C:\x\etc\passwd:1:1: error: abs' >"$T/x.log"
	(cd "$T/p" && heal-detect <"$T/x.log" >"$T/got.json") || true
	run $PY -c '
import json, sys
for l in open(sys.argv[1]):
    f = json.loads(l).get("file") or ""
    assert not f.startswith("/") and not f.startswith("etc/") and ".." not in f.split("/"), f' "$T/got.json"
	[ "$status" -eq 0 ]
}

@test "cross toolchains: arm-none-eabi-gcc's, mingw's and their linkers' errors" {
	printf '%s\n' 'arm-none-eabi-gcc: error: unrecognized command-line option '\''-mfoo'\''' \
		"arm-none-eabi-ld: region \`FLASH' overflowed by 1024 bytes" \
		'/opt/gcc-arm/bin/arm-none-eabi-ld: firmware.elf section `.text'\'' will not fit in region `FLASH'\''' \
		'x86_64-w64-mingw32-ld: cannot find -lfoo' \
		'collect2: error: ld returned 1 exit status' >"$T/x.log"
	(cd "$T/p" && heal-detect <"$T/x.log" >"$T/got.json") || true
	run fields "$T/got.json"
	echo "$output"
	[ "${#lines[@]}" -eq 4 ]
	[[ "${lines[0]}" == "gcc None None None | unrecognized command-line option"* ]]
	[[ "${lines[1]}" == "ld None None None | region \`FLASH' overflowed by 1024 bytes" ]]
	[[ "${lines[2]}" == *"will not fit in region"* ]]
	[[ "${lines[3]}" == "ld None None None | cannot find -lfoo" ]]
}

@test "python: a traceback's tail without its head, from a real run" {
	printf 'def run():\n    raise ValueError("bad value")\n\ndef main():\n    run()\n\nmain()\n' >"$T/p/x.py"
	(cd "$T/p" && python3 x.py >"$T/full.log" 2>&1) || true
	# the log kept only the last lines
	grep -v 'Traceback (most recent' "$T/full.log" | tail -n 4 >"$T/x.log"
	(cd "$T/p" && heal-detect <"$T/x.log" >"$T/got.json") || true
	[ "$(rec_count "$T/got.json")" -eq 1 ]
	rec_check "$T/got.json" 0 tool=python file=x.py line=2 code=ValueError message="bad value"
	# the whole traceback is one record, not two
	(cd "$T/p" && heal-detect <"$T/full.log" >"$T/got.json") || true
	[ "$(rec_count "$T/got.json")" -eq 1 ]
	rec_check "$T/got.json" 0 file=x.py line=2 code=ValueError
}

@test "python: a frame's line with no exception after it is no record" {
	printf '%s\n' '  File "x.py", line 3, in f' '    g()' 'Done: 3 files' >"$T/x.log"
	(cd "$T/p" && heal-detect <"$T/x.log" >"$T/got.json") || true
	[ "$(rec_count "$T/got.json")" -eq 0 ]
}

@test "python: IPython's and Jupyter's tracebacks (IPython 8 and 7)" {
	cat >"$T/x.log" <<'EOF'
---------------------------------------------------------------------------
NameError                                 Traceback (most recent call last)
Cell In[2], line 3
      1 import os
----> 3 print(undefined_name)

NameError: name 'undefined_name' is not defined
---------------------------------------------------------------------------
ModuleNotFoundError                       Traceback (most recent call last)
/home/u/proj/run.py in <module>
      1 import os
----> 2 import numpyy

ModuleNotFoundError: No module named 'numpyy'
EOF
	(cd "$T/p" && heal-detect <"$T/x.log" >"$T/got.json") || true
	[ "$(rec_count "$T/got.json")" -eq 2 ]
	rec_check "$T/got.json" 0 tool=python code=NameError category=name \
		message="name 'undefined_name' is not defined"
	rec_check "$T/got.json" 1 tool=python code=ModuleNotFoundError category=dependency
}

@test "pytest: a collection error's bare exception, from a real run" {
	command -v /usr/bin/python3 >/dev/null && /usr/bin/python3 -c 'import pytest' 2>/dev/null ||
		skip "python3-pytest is not installed"
	printf 'raise RuntimeError\n' >"$T/p/test_c.py"
	(cd "$T/p" && /usr/bin/python3 -m pytest -q -p no:cacheprovider >"$T/x.log" 2>&1) || true
	(cd "$T/p" && heal-detect <"$T/x.log" >"$T/got.json") || true
	[ "$(rec_count "$T/got.json")" -eq 1 ]
	rec_check "$T/got.json" 0 tool=pytest file=test_c.py line=1 code=RuntimeError
}

# same_records WANT GOT: the same tool, file, line, code and message, in order
same_records() {
	$PY -c '
import json, sys
w = [json.loads(l) for l in open(sys.argv[1])]
g = [json.loads(l) for l in open(sys.argv[2])]
keys = ("tool", "file", "line", "code", "message")
assert [[r.get(k) for k in keys] for r in w] == [[r.get(k) for k in keys] for r in g], (w, g)
' "$1" "$2"
}

@test "wrappers: a real traceback pasted indented, quoted, or in a glued code fence is the record it was; a syntax error in an imported module is located there" {
	[ -x /usr/bin/python3 ] || skip "python3 is not installed"
	mkdir -p "$T/ext"
	printf 'def f(:\n    pass\n' >"$T/ext/mod.py"
	printf 'import os\nimport mod\n' >"$T/p/main.py"
	(cd "$T/p" && PYTHONPATH="$T/ext" /usr/bin/python3 main.py >"$T/tb.log" 2>&1) || true
	grep -q '^SyntaxError' "$T/tb.log"
	(cd "$T/p" && heal-detect <"$T/tb.log" >"$T/want.json") || true
	[ "$(rec_count "$T/want.json")" -eq 1 ]
	# the import's frame is in the project, the syntax error is not: it
	# is where the error is
	rec_check "$T/want.json" 0 tool=python code=SyntaxError file="$T/ext/mod.py" line=1
	local p
	for p in '    ' '  ' $'\t' '> ' '>   ' '| '; do
		wrap "$T/tb.log" "$p" >"$T/x.log"
		(cd "$T/p" && heal-detect <"$T/x.log" >"$T/got.json") || true
		run same_records "$T/want.json" "$T/got.json"
		[ "$status" -eq 0 ] || { echo "wrapper '$p': $output" >&2; return 1; }
	done
	# a Markdown fence glued to the first and the last line
	{ printf '```'; cat "$T/tb.log"; } | sed '$ s/$/```/' >"$T/x.log"
	(cd "$T/p" && heal-detect <"$T/x.log" >"$T/got.json") || true
	same_records "$T/want.json" "$T/got.json"
	# a runtime error's traceback, quoted with its frames indented once
	# more (a debugger's pop-up pasted in an issue)
	printf 'import os\nos.f()\n' >"$T/p/main.py"
	(cd "$T/p" && /usr/bin/python3 main.py >"$T/tb.log" 2>&1) || true
	(cd "$T/p" && heal-detect <"$T/tb.log" >"$T/want.json") || true
	rec_check "$T/want.json" 0 tool=python code=AttributeError file=main.py line=2
	sed -n '/^  File/,$p' "$T/tb.log" | sed 's/^/> /' >"$T/x.log"
	(cd "$T/p" && heal-detect <"$T/x.log" >"$T/got.json") || true
	same_records "$T/want.json" "$T/got.json"
}

@test "relays: a compiler's output under npm's 'npm ERR! ' and 'npm error ' (quoted too), and under cargo's 'cargo:warning=', gives the compiler's records" {
	(cd "$T/p" && heal-detect <"$T/plain.log" >"$T/want.json") || true
	[ "$(rec_count "$T/want.json")" -eq 1 ]
	local p
	for p in 'npm ERR! ' 'npm error ' '> npm ERR! '; do
		{
			printf '%scode 1\n%spath /home/u/app/node_modules/addon\n' "$p" "$p"
			printf '%scommand failed\n%sgyp info spawn make\n' "$p" "$p"
			wrap "$T/plain.log" "$p"
			printf '%smake: *** [addon.target.mk:115: Release/obj.target/m.o] Error 1\n' "$p"
			printf '%sgyp ERR! build error\n' "$p"
		} >"$T/x.log"
		(cd "$T/p" && heal-detect <"$T/x.log" >"$T/got.json") || true
		run $PY -c '
import json, sys
w = [json.loads(l) for l in open(sys.argv[1])]
g = [json.loads(l) for l in open(sys.argv[2])]
keys = ("tool", "file", "line", "column", "message")
cc = [r for r in g if r["tool"] in ("gcc", "cc")]
assert [[r.get(k) for k in keys] for r in w] == [[r.get(k) for k in keys] for r in cc], (w, g)
assert cc[0]["raw"].startswith(sys.argv[3]), cc
assert any(r["tool"] == "npm" for r in g), g
' "$T/want.json" "$T/got.json" "$p"
		[ "$status" -eq 0 ] || { echo "relay '$p': $output" >&2; return 1; }
	done
	wrap "$T/plain.log" 'cargo:warning=' >"$T/x.log"
	printf 'cargo:warning=ToolExecError: Command "cc" with args "m.c" did not execute successfully (status code exit status: 1).\n' >>"$T/x.log"
	(cd "$T/p" && heal-detect <"$T/x.log" >"$T/got.json") || true
	run same_records "$T/want.json" "$T/got.json"
	[ "$status" -eq 0 ] || { echo "cargo: $output" >&2; return 1; }
	# a line npm prints itself is npm's, as it was
	printf 'npm ERR! code ERESOLVE\nnpm ERR! ERESOLVE unable to resolve dependency tree\n' >"$T/x.log"
	(cd "$T/p" && heal-detect <"$T/x.log" >"$T/got.json") || true
	[ "$(rec_count "$T/got.json")" -eq 1 ]
	rec_check "$T/got.json" 0 tool=npm code=ERESOLVE
	# npm's own 'Error: ...' is not another tool's (terraform's 'Error:'
	# block, node's stack), its object's lines after it are npm's too
	cat >"$T/x.log" <<'EOF2'
npm ERR! code EACCES
npm ERR! syscall access
npm ERR! path /usr/lib/node_modules
npm ERR! errno -13
npm ERR! Error: EACCES: permission denied, access '/usr/lib/node_modules'
npm ERR!  [Error: EACCES: permission denied, access '/usr/lib/node_modules'] {
npm ERR!   errno: -13,
npm ERR! }
npm ERR!
npm ERR! The operation was rejected by your operating system.
EOF2
	(cd "$T/p" && heal-detect <"$T/x.log" >"$T/got.json") || true
	[ "$(rec_count "$T/got.json")" -eq 1 ]
	rec_check "$T/got.json" 0 tool=npm code=EACCES category=permission \
		message="Error: EACCES: permission denied, access '/usr/lib/node_modules'"
}

@test "gcc 4.8 to 8: a source line under bare carets is gcc's when the message has gcc's words (clang's own is clang's)" {
	cat >"$T/x.log" <<'EOF2'
kshell.c:3:10: fatal error: kernel/error.h: No such file or directory
 #include "kernel/error.h"
          ^~~~~~~~~~~~~~~~
compilation terminated.
page.cpp:68:28: error: ‘nullptr’ was not declared in this scope
   QTreeWidgetItem *group = nullptr;
                            ^
EOF2
	(cd "$T/p" && heal-detect <"$T/x.log" >"$T/got.json") || true
	[ "$(rec_count "$T/got.json")" -eq 2 ]
	rec_check "$T/got.json" 0 tool=gcc file=kshell.c line=3
	rec_check "$T/got.json" 1 tool=g++ file=page.cpp line=68
	cat >"$T/x.log" <<'EOF2'
kshell.c:3:10: fatal error: 'kernel/error.h' file not found
#include "kernel/error.h"
         ^~~~~~~~~~~~~~~~
1 error generated.
EOF2
	(cd "$T/p" && heal-detect <"$T/x.log" >"$T/got.json") || true
	[ "$(rec_count "$T/got.json")" -eq 1 ]
	rec_check "$T/got.json" 0 tool=clang file=kshell.c line=3
}

@test "pastes: terraform's block that lost its blank line, kubectl's validation error without 'error: ' or as inline code, compose 1.x's file checks, flutter analyze 1.x, a stray backtick and blank before a line" {
	cat >"$T/x.log" <<'EOF2'
Error: Unsupported argument
  on cloud.tf line 6, in resource "avi_cloud" "vcenter":
   6:   vcenter_configuration = "${var.vcenter_configuration}"
An argument named "vcenter_configuration" is not expected here.

error validating "k8s/services/backend.yaml": error validating data: unexpected type: object; if you choose to ignore these errors, turn validation off with --validate=false
`error: error validating "k8s/solr/kustomization.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false`
ERROR: In file './docker-compose.yml', service 'image' must be a mapping not a string.
  error • Undefined name 'Navigator' at lib/src/routes/task_list_route.dart:174:17 • (undefined_identifier)
` error: Microsoft Visual C++ 14.0 or greater is required. Get it with "Microsoft C++ Build Tools": https://visualstudio.microsoft.com/visual-cpp-build-tools/
EOF2
	(cd "$T/p" && heal-detect <"$T/x.log" >"$T/got.json") || true
	run fields "$T/got.json"
	assert_output - <<'EOF2'
terraform cloud.tf 6 None | Unsupported argument
kubectl k8s/services/backend.yaml None None | error validating "k8s/services/backend.yaml": error validating data: unexpected type: object; if you choose to ignore these errors, turn validation off with --validate=false
kubectl k8s/solr/kustomization.yaml None None | error validating "k8s/solr/kustomization.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false
docker-compose docker-compose.yml None None | service 'image' must be a mapping not a string.
dart lib/src/routes/task_list_route.dart 174 undefined_identifier | Undefined name 'Navigator'
setuptools None None None | Microsoft Visual C++ 14.0 or greater is required. Get it with "Microsoft C++ Build Tools": https://visualstudio.microsoft.com/visual-cpp-build-tools/
EOF2
}

@test "more: the compiler killed (out of memory), a cross toolchain's lld, pkg-config's body pasted without a blank, a CI step's exit alone" {
	cat >"$T/x.log" <<'EOF2'
[  9%] Building CXX object lib/IR/CMakeFiles/LLVMCore.dir/Function.cpp.o
c++: internal compiler error: Killed (program cc1plus)
Please submit a full bug report,
g++: fatal error: Killed signal terminated program cc1plus
compilation terminated.
x86_64-pc-linux-gnu-ld: error: version script assignment of 'ALSA_0.9.5' to symbol 'alsa_lisp' failed: symbol not defined
Package glu was not found in the pkg-config search path.
Perhaps you should add the directory containing`glu.pc'
to the PKG_CONFIG_PATH environment variable
No package 'glu' found
EOF2
	(cd "$T/p" && heal-detect <"$T/x.log" >"$T/got.json") || true
	[ "$(rec_count "$T/got.json")" -eq 4 ]
	rec_check "$T/got.json" 0 tool=g++ category=resource message="Killed (program cc1plus)"
	rec_check "$T/got.json" 1 tool=g++ category=resource
	rec_check "$T/got.json" 2 tool=ld category=link message~="version script assignment"
	rec_check "$T/got.json" 3 tool=pkg-config detail="No package 'glu' found"
	# Azure's and Travis' word that a step failed: a record when nothing
	# else is, none with another
	printf '##[section]Starting: Bash\n[error]Bash exited with code '"'"'1'"'"'.\n' >"$T/x.log"
	(cd "$T/p" && heal-detect <"$T/x.log" >"$T/got.json") || true
	[ "$(rec_count "$T/got.json")" -eq 1 ]
	rec_check "$T/got.json" 0 tool=ci code=1 message="Bash exited with code '1'."
	printf 'The command "make" exited with 0.\nDone. Your build exited with 1.\n' >"$T/x.log"
	(cd "$T/p" && heal-detect <"$T/x.log" >"$T/got.json") || true
	[ "$(rec_count "$T/got.json")" -eq 1 ]
	rec_check "$T/got.json" 0 tool=ci message="Done. Your build exited with 1."
	# the failed command's line says more than the build's end; CircleCI's
	printf 'The command "make" exited with 2.\n\nDone. Your build exited with 1.\n' >"$T/x.log"
	(cd "$T/p" && heal-detect <"$T/x.log" >"$T/got.json") || true
	[ "$(rec_count "$T/got.json")" -eq 1 ]
	rec_check "$T/got.json" 0 tool=ci message='The command "make" exited with 2.'
	printf 'Exited with code exit status 1\n' >"$T/x.log"
	(cd "$T/p" && heal-detect <"$T/x.log" >"$T/got.json") || true
	[ "$(rec_count "$T/got.json")" -eq 1 ]
	rec_check "$T/got.json" 0 tool=ci message="Exited with code exit status 1"
	{ cat "$T/plain.log"; echo 'Done. Your build exited with 1.'; } >"$T/x.log"
	(cd "$T/p" && heal-detect <"$T/x.log" >"$T/got.json") || true
	[ "$(rec_count "$T/got.json")" -eq 1 ]
	rec_check "$T/got.json" 0 tool=gcc
}

@test "a double-spaced paste (a blank line after every line): eslint's file-stack groups keep their file and every row" {
	printf '/a/x.js\n\n  1:5  error  Unexpected var  no-var\n\n  3:1  error  Missing semicolon  semi\n\n/a/y.js\n\n  7:2  warning  Unused x  no-unused-vars\n\n\xe2\x9c\x96 3 problems\n' >"$T/x.log"
	(cd "$T/p" && heal-detect <"$T/x.log" >"$T/got.json") || true
	run fields "$T/got.json"
	assert_output - <<'EOF2'
eslint /a/x.js 1 no-var | Unexpected var
eslint /a/x.js 3 semi | Missing semicolon
eslint /a/y.js 7 no-unused-vars | Unused x
EOF2
	# each record's raw is its own lines, the blank ones aside
	rec_check "$T/got.json" 1 raw="$(printf '/a/x.js\n  3:1  error  Missing semicolon  semi')"
}

@test "node before 16: a failed require thrown in 'internal/modules/...' is located at the module its require stack names" {
	cat >"$T/x.log" <<'EOF2'
internal/modules/cjs/loader.js:969
  throw err;
  ^

Error: Cannot find module 'dotenv'
Require stack:
- G:\movieapp\index.js
    at Function.Module._resolveFilename (internal/modules/cjs/loader.js:966:15)
    at Function.Module._load (internal/modules/cjs/loader.js:842:27)
    at Module.require (internal/modules/cjs/loader.js:1026:19)
    at require (internal/modules/cjs/helpers.js:72:18)
    at Object.<anonymous> (G:\movieapp\index.js:1:16)
    at Module._compile (internal/modules/cjs/loader.js:1138:30)
    at internal/main/run_main_module.js:17:47 {
  code: 'MODULE_NOT_FOUND',
  requireStack: [ 'G:\\movieapp\\index.js' ]
}
EOF2
	(cd "$T/p" && heal-detect <"$T/x.log" >"$T/got.json") || true
	[ "$(rec_count "$T/got.json")" -eq 1 ]
	rec_check "$T/got.json" 0 tool=node file='G:\movieapp\index.js' line=1 category=dependency \
		code=MODULE_NOT_FOUND message="Error: Cannot find module 'dotenv'"
}

@test "a Markdown list's bullets before pasted lines are no part of their files" {
	printf '%s\n' '* Dockerfile:9 DL3018 warning: Pin versions in apk add.' \
		'- src/a.c:3:4: error: '"'"'x'"'"' undeclared (first use in this function)' \
		'+ app.py:1:1: F401 '"'"'os'"'"' imported but unused' >"$T/x.log"
	(cd "$T" && heal-detect <x.log >rec.json) || true
	[ "$(rec_count "$T/rec.json")" -eq 3 ]
	rec_check "$T/rec.json" 0 tool=hadolint file=Dockerfile line=9 code=DL3018
	rec_check "$T/rec.json" 1 tool=gcc file=src/a.c line=3 column=4
	rec_check "$T/rec.json" 2 tool=flake8 file=app.py line=1 code=F401
}

@test "pastes: gradle's report whose '* ' bullets a page's Markdown ate gives the records it gives whole" {
	local c
	for c in gradle/script gradle/dependency; do
		grep -q '^\* What went wrong:' "$BATS_TEST_DIRNAME/../data/detect/$c.log"
		sed 's/^\* //' "$BATS_TEST_DIRNAME/../data/detect/$c.log" >"$T/flat.log"
		heal-detect <"$BATS_TEST_DIRNAME/../data/detect/$c.log" >"$T/a.json" || true
		heal-detect <"$T/flat.log" >"$T/b.json" || true
		[ "$(rec_count "$T/a.json")" -gt 0 ]
		$PY -c '
import json, sys
key = lambda p: [(r["tool"], r["file"], r["line"], r["message"]) for r in map(json.loads, open(p))]
a, b = key(sys.argv[1]), key(sys.argv[2])
assert a == b, (a, b)
' "$T/a.json" "$T/b.json"
	done
}
