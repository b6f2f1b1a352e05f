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
	$PY -c 'import json, sys; print(json.dumps(json.loads(open(sys.argv[1]).readline()).get(sys.argv[2])))' "$1" "$2"
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
