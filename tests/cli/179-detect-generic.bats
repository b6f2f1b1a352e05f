#!/usr/bin/env bats
# heal-detect's generic reader (#16): a line no pattern file claims becomes
# a record when it reads "FILE:LINE[:COL]: message" (or FILE(LINE,COL),
# "FILE: line N:", "[FILE:LINE]:") for a regular file beneath the root and
# its message reads like a diagnostic.  Golden cases in
# tests/data/detect/generic/ (helpers/golden.bash): tools heal has no
# pattern file for, recorded and run live where Debian has them (pyflakes,
# Free Pascal, msgfmt, troff), and recorded from
# their documentation (tflint, vulture, ktlint, credo,
# jshint, phpcs, markdownlint, cmake-lint;
# the file-stack groups of rubocop's simple and ruff's grouped formats:
# CASE.docs says where).  Then what it must not take.

load 'helpers/golden'

setup() {
	golden_setup
	R=$T/root
	mkdir -p "$R"
}

teardown() {
	rm -rf "$T"
}

# records of heal-detect run in $R on stdin, to $T/rec.json (exit 0, or 1
# when it found errors)
detect_root() {
	local rc=0
	(cd "$R" && heal-detect "$@" >"$T/rec.json") || rc=$?
	[ "$rc" -le 1 ] || { echo "heal-detect exited $rc" >&2; return 1; }
}

generic_count() {
	$PY -S -c 'import json,sys; print(sum(1 for l in open(sys.argv[1]) if l.strip() and json.loads(l).get("confidence") is not None))' "$T/rec.json"
}

# --- tools without a pattern file -------------------------------------------

@test "generic: recorded outputs give their records" { golden_recorded generic; }

@test "pyflakes: live" { golden_case_live generic pyflakes "pyflakes"; }
@test "msgfmt: live" { golden_case_live generic msgfmt "msgfmt"; }
@test "troff: live" { golden_case_live generic troff "troff"; }
@test "grep -n of sources gives no record: live" { golden_case_live generic grep "grep"; }

@test "generic records: tool, confidence 0.5, env from the file, raw" {
	mkdir -p "$R/src"
	printf 'import os\n' >"$R/src/app.py"
	printf 'src/app.py:1:1: '"'"'os'"'"' imported but unused\n' >"$T/in"
	detect_root <"$T/in"
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=generic env=python file=src/app.py line=1 column=1 \
		severity=error "message=\
'os' imported but unused" "raw=src/app.py:1:1: 'os' imported but unused"
	$PY -S -c 'import json,sys; r=json.loads(open(sys.argv[1]).readline()); assert r["confidence"] == 0.5, r' "$T/rec.json"
}

@test "generic: severity from the word, else from a one-letter code" {
	# a name no pattern file claims (flake8's and pylint's take *.py,
	# gcc's "FILE:LINE: note:" and "fatal error:")
	printf 'a\nb\nc\nd\ne\nf\ng\nh\n' >"$R/m.conf"
	cat >"$T/in" <<'EOF'
m.conf:1:1: W0611: unused import os
m.conf:2:1: C0114 missing module docstring
m.conf:3:1: E1101 instance has no member named x
m.conf:4: I1101 could not look inside module
m.conf:5: [warning] deprecated call of frob
m.conf:6: (information) the callee is declared here
m.conf:7:2: Fatal: the module cannot be found
m.conf:8: SC2086 double quote to prevent globbing
EOF
	detect_root <"$T/in"
	[ "$(rec_count "$T/rec.json")" -eq 8 ] || { cat "$T/rec.json" >&2; return 1; }
	rec_check "$T/rec.json" 0 tool=generic severity=warning code=W0611 "message=unused import os"
	rec_check "$T/rec.json" 1 severity=warning code=C0114 "message=missing module docstring"
	rec_check "$T/rec.json" 2 severity=error code=E1101
	rec_check "$T/rec.json" 3 severity=note code=I1101
	rec_check "$T/rec.json" 4 severity=warning "message=deprecated call of frob"
	rec_check "$T/rec.json" 5 severity=note "message=the callee is declared here"
	rec_check "$T/rec.json" 6 severity=error column=2 "message=the module cannot be found"
	rec_check "$T/rec.json" 7 severity=error code=SC2086
}

@test "generic: a TOOL: or [TOOL] prefix names the tool" {
	printf 'x = 1\ny = 2\n' >"$R/conf.lua"
	printf 'luacheck: conf.lua:1:1: setting non-standard global variable x\n[mylint] conf.lua:2: unused value y\n' >"$T/in"
	detect_root <"$T/in"
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=luacheck file=conf.lua line=1
	rec_check "$T/rec.json" 1 tool=mylint file=conf.lua line=2
}

@test "generic: without its file a format gives only its lines that say it all (a file-stack group the same), nothing with --no-generic" {
	local log c n=0
	for log in "$GOLDEN_DATA"/generic/*.log; do
		c=${log%.log}
		n=$((n + 1))
		mkdir -p "$T/e$n" "$T/s$n"
		[ ! -d "$c.src" ] || cp -R "$c.src/." "$T/s$n/"
		sed "s|@ROOT@|$T/e$n|g" "$log" >"$T/e$n.in"
		sed "s|@ROOT@|$T/s$n|g" "$log" >"$T/s$n.in"
		(cd "$T/e$n" && heal-detect <"$T/e$n.in" >"$T/e$n.json") || true
		(cd "$T/s$n" && heal-detect --no-generic <"$T/s$n.in" >"$T/off$n.json") || true
		(cd "$T/s$n" && heal-detect <"$T/s$n.in" >"$T/on$n.json") || true
		printf '%s\t%s\n' "$n" "$c" >>"$T/list"
	done
	# lua, erlc, mawk, fpc, xmllint and valac were cases here until they
	# got pattern files
	[ "$n" -ge 12 ]
	$PY - "$T" <<'PYEOF'
import json, os, sys
t = sys.argv[1]
def generic(path):
    return [r for r in map(json.loads, filter(str.strip, open(path))) if "confidence" in r]
bad = []
# without its files, a line with a column, a source's suffix and a
# severity word with its colon or a code first (phpcs's "error - ",
# tflint's "Warning - "); no other case's lines say that much
say_all = {"phpcs-emacs", "tflint"}
def key(r):
    return (r.get("file"), r.get("line"), r.get("column"), r.get("message"))
for line in open(os.path.join(t, "list")):
    n, case = line.rstrip("\n").split("\t")
    name = os.path.basename(case)
    # a file-stack group's head and rows say enough without the file
    stack = name.startswith("stack-")
    without, withf = generic(f"{t}/e{n}.json"), generic(f"{t}/on{n}.json")
    if stack and len(without) != len(withf):
        bad.append(f"{case}: other records without its files")
    if not stack and name not in say_all and without:
        bad.append(f"{case}: records without its files")
    if name in say_all and (not without or any(r.get("column") is None for r in without) or
                            not {key(r) for r in without} <= {key(r) for r in withf}):
        bad.append(f"{case}: without its files, not the records of its lines with a column")
    if generic(f"{t}/off{n}.json"):
        bad.append(f"{case}: records with --no-generic")
    if os.path.getsize(case + ".want") and not generic(f"{t}/on{n}.json") and not os.path.exists(case + ".gap"):
        bad.append(f"{case}: no generic record with its files")
if bad:
    sys.exit("\n".join(bad))
PYEOF
}

# --- what it must not take ---------------------------------------------------

@test "generic: no record from lines that only look like locations" {
	mkdir -p "$R/tests"
	for f in main.c util.h Makefile app.py tests/test_app.py README.md; do
		for i in 1 2 3 4 5 6 7 8 9 10 11 12 13; do echo "line $i of $f"; done >"$R/$f"
	done
	printf 'int x;\nint main(void)\n{\n\treturn 0;\n}\n' >"$R/main.c"
	cat >"$T/in" <<'EOF'
In file included from util.h:3,
                 from main.c:1:
main.c: In function 'main':
main.c:5:3:   required from here
main.c:5:3: required from here
main.c:4:   In instantiation of 'struct x'
Makefile:12: recipe for target 'all' failed
10:00:00 build started
10:00:00 main.c:3 compiled
[10:00:01] main.c:3
2024-05-01 10:00:00 started main.c
http://localhost:80/main.c:3: not found
see https://example.org:443/main.c:3: for details
main.c:1:int x;
main.c:4:	return 0;
main.c:4:    return 0;
main.c:2:int main(void)
README.md:3:line 3 of README.md
  main.c:3: indented lines belong to another tool's group
	from main.c:1:
tests/test_app.py:12: in test_main
app.py:3: in <module>
main.c:3:5:
main.c:3: x
main.c:99: unused variable 'x'
main.c:3:5: int y = x;
main.c:3:5: if (x) {
main.c:3:5: import os
main.c:3:5: return x;
main.c:3:5: foo(x);
127.0.0.1:8080: connection refused
localhost:5432: the database system is starting up
EOF
	detect_root <"$T/in"
	[ "$(generic_count)" -eq 0 ] || { cat "$T/rec.json" >&2; return 1; }
	detect_root --no-generic <"$T/in"
	cp "$T/rec.json" "$T/without.json"
	detect_root <"$T/in"
	diff "$T/without.json" "$T/rec.json"
}

@test "generic: a file-stack group's rows need their head and a severity or a code" {
	# only the rows right below a path alone on its line (or the group's
	# row before), and only with a severity, a category letter or a code
	cat >"$T/in" <<'EOF'
src/main.c
  12:30  done
  13:01  compiling main.c
build.log
12:00:01 INFO starting
README.md
  1. Install the package
tests/test_a.py
  1 failed, 2 passed
done.
  3:4  error  a version string is no head
v1.2
  3:4  error  nor is a version
Summary
  3:4  error  nor a word
E: Unable to locate package foo
  3:4  error  a row under no head
app.py

  3:4  error  a blank line ends the head
EOF
	detect_root <"$T/in"
	[ "$(generic_count)" -eq 0 ] || { cat "$T/rec.json" >&2; return 1; }
	# a severity before the location: the row, not an "Error: message"
	# of node's or terraform's patterns; the group goes on below its head
	printf 'config/block.yaml\n  Error: 2:1 [indentation] wrong indentation: expected at least 1\n  Warning: 5:5 [truthy] truthy value should be one of [false, true]\nNext step\n  Error: 7:1 [indentation] not a row of the group\n' >"$T/in"
	detect_root <"$T/in"
	run $PY -S -c 'import json,sys
for l in open(sys.argv[1]):
    r = json.loads(l)
    print(r["tool"], r["file"], r["line"], r["column"], r["severity"], r["code"], r["message"])' "$T/rec.json"
	[ "${lines[0]}" = "generic config/block.yaml 2 1 error indentation wrong indentation: expected at least 1" ]
	[ "${lines[1]}" = "generic config/block.yaml 5 5 warning truthy truthy value should be one of [false, true]" ]
	[ "${#lines[@]}" -eq 2 ]
	detect_root --no-generic <"$T/in"
	[ "$(generic_count)" -eq 0 ]
}

@test "generic: known tools' real outputs get no generic record" {
	local t
	command -v gcc >/dev/null || skip "no gcc"
	command -v python3 >/dev/null || skip "no python3"
	mkdir -p "$R/tests"
	printf '#include "util.h"\nint main(void)\n{\n\tint unused;\n\treturn missing + 1\n}\n' >"$R/main.c"
	printf 'static int helper(int x) { return x }\n' >"$R/util.h"
	printf 'template <class T> int f(T t) { return t.size(); }\nint main() { return f(1); }\n' >"$R/tpl.cc"
	printf 'all:\n\tgcc -Wall -c main.c\n' >"$R/Makefile"
	printf 'import json\n\n\ndef load(p):\n    return json.loads(open(p).read())\n\n\nload("missing.json")\n' >"$R/app.py"
	printf 'def add(a, b):\n    return a - b\n\n\ndef test_add():\n    assert add(1, 2) == 3\n' >"$R/tests/test_app.py"
	(
		cd "$R"
		make 2>&1
		g++ -c tpl.cc -o /dev/null 2>&1
		python3 app.py 2>&1
		grep -n -r return . 2>&1
		if command -v pytest >/dev/null; then pytest -q -p no:cacheprovider tests 2>&1; fi
		if command -v bash >/dev/null; then printf 'echo $((1 +))\nnosuchcmd\n' >s.sh; bash s.sh 2>&1; fi
	) >"$T/in" || true
	detect_root --no-generic <"$T/in"
	cp "$T/rec.json" "$T/without.json"
	detect_root <"$T/in"
	[ -s "$T/without.json" ]
	if ! diff "$T/without.json" "$T/rec.json" >&2; then
		cat "$T/in" >&2
		return 1
	fi
}

@test "generic: no path outside the root is taken or opened" {
	mkdir -p "$T/outside"
	printf 'int x;\n' >"$T/outside/secret.c"
	ln -s ../outside/secret.c "$R/link.c"
	ln -s ../outside "$R/d"
	ln -s /etc/passwd "$R/pw.c"
	cat >"$T/in" <<EOF
../outside/secret.c:1: unused variable 'x'
../../etc/passwd:1: unused variable 'root'
/etc/passwd:1: unused variable 'root'
$T/outside/secret.c:1: unused variable 'x'
link.c:1: unused variable 'x'
d/secret.c:1: unused variable 'x'
d/../d/secret.c:1: unused variable 'x'
pw.c:1: unused variable 'root'
./../outside/secret.c:1: unused variable 'x'
link.c(1,1): unused variable 'x'
EOF
	detect_root <"$T/in"
	[ "$(rec_count "$T/rec.json")" -eq 0 ] || { cat "$T/rec.json" >&2; return 1; }
	command -v strace >/dev/null || skip "no strace: the records are checked, not the system calls"
	(cd "$R" && strace -f -qq -o "$T/trace" -e trace=%file heal-detect <"$T/in" >/dev/null) || true
	# the trace works: link.c was looked up (and refused)
	grep -q '"link\.c"' "$T/trace"
	# nothing names the outside, and no open of a link beneath the root
	# succeeded (openat2's RESOLVE_BENEATH, or the walk's O_NOFOLLOW)
	! grep -E 'outside|passwd' "$T/trace" || false
	! grep -E '"(link\.c|d|d/secret\.c|pw\.c)"' "$T/trace" | grep -vE '= -1 |O_DIRECTORY' | grep -E 'open' || false
}

@test "generic: a path is looked up once, at most 1024 an input, then a warning" {
	printf 'x\n' >"$R/real.c"
	$PY -c '
for i in range(1100):
    print("gen%d.c:1: unused variable x" % i)
for i in range(3):
    print("real.c:1: unused variable y")
' >"$T/in"
	(cd "$R" && heal-detect <"$T/in" >"$T/rec.json" 2>"$T/err") || true
	grep -q "heal-detect: warning: the generic reader looked up 1024 paths" "$T/err"
	[ "$(grep -c 'generic reader' "$T/err")" -eq 1 ]
	# the cap is per input: a file of its own starts afresh
	printf 'real.c:1: unused variable y\n' >"$T/in2"
	(cd "$R" && heal-detect "$T/in" "$T/in2" >"$T/rec.json" 2>"$T/err") || true
	[ "$(generic_count)" -eq 1 ]
	command -v strace >/dev/null || skip "no strace"
	printf 'real.c:1: unused variable y\n%.0s' $(seq 50) >"$T/in3"
	(cd "$R" && strace -f -qq -o "$T/trace" -e trace=%file heal-detect <"$T/in3" >/dev/null) || true
	# looked up once (and read once for its line), not once a line
	n=$(grep -c '"real\.c"' "$T/trace")
	[ "$n" -ge 1 ] && [ "$n" -le 2 ]
}

@test "generic: heal-analyze's confidence is the record's times its own" {
	printf 'import os\n\n\ndef f():\n    return undefined_name\n' >"$R/app.py"
	printf "app.py:5:12: undefined name 'undefined_name'\n" >"$T/in"
	detect_root <"$T/in"
	[ "$(generic_count)" -eq 1 ]
	(cd "$R" && HEAL_SEARCH=0 heal-analyze <"$T/rec.json" >"$T/a.json")
	$PY - "$T/rec.json" "$T/a.json" "$R" <<'PYEOF'
import json, subprocess, sys
rec = json.loads(open(sys.argv[1]).readline())
a = json.loads(open(sys.argv[2]).readline())
del rec["confidence"]
p = subprocess.run(["heal-analyze"], input=json.dumps(rec) + "\n", capture_output=True,
                   text=True, cwd=sys.argv[3], env=dict(__import__("os").environ, HEAL_SEARCH="0"))
b = json.loads(p.stdout.splitlines()[0])
assert a["confidence"] == 0.5, a
assert a["analysis"]["confidence"] == round(b["analysis"]["confidence"] * 0.5, 3), (a["analysis"], b["analysis"])
assert a["analysis"]["confidence"] < b["analysis"]["confidence"], (a["analysis"], b["analysis"])
PYEOF
}
