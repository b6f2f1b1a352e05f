#!/usr/bin/env bats
# A matcher whose regexps need no literal (a GitHub problem matcher such as
# '^([^:]+):(\d+):(\d+):\s+(.*)$') is tried on every line; the other
# matchers still go only to the lines that hold one of their literals, and
# their records are those they give without it.

load 'helpers/detect'

setup() {
	T=$(mktemp -d)
	cd "$T" || return 1
	mkdir -p src lib
	cat >free.json <<'EOF'
{"problemMatcher": [{"owner": "any-lint", "pattern": [{"regexp": "^([^:]+):(\\d+):(\\d+):\\s+(.*)$", "file": 1, "line": 2, "column": 3, "message": 4}]}]}
EOF
	# the same matcher with an inline option the gate's reading does not
	# know (heal_regex_gate.h): tried on every line
	cat >nogate.json <<'EOF'
{"problemMatcher": [{"owner": "any-lint", "pattern": [{"regexp": "(?-i)^([^:]+):(\\d+):(\\d+):\\s+(.*)$", "file": 1, "line": 2, "column": 3, "message": 4}]}]}
EOF
	# a file-stack group whose lines hold no literal either
	cat >group.json <<'EOF'
{"problemMatcher": [{"owner": "stack-lint", "pattern": [{"regexp": "^(\\S+\\.lint)$", "file": 1}, {"regexp": "^\\s+(\\d+):(\\d+)\\s+(\\w+)\\s+(.*)$", "line": 1, "column": 2, "severity": 3, "message": 4, "loop": true}]}]}
EOF
}

teardown() {
	rm -rf "$T"
}

# noise with colons, gcc's errors (a default pattern's literal), the free
# matcher's lines plain, coloured, CI-prefixed and with CRLF
gen() {
	$PY - <<'PYEOF'
import random
r = random.Random(5)
out = []
for i in range(30000):
    x = r.random()
    if x < 0.01:
        out.append("lib/t%d.xyz:%d:%d:  odd thing %d" % (i % 40, i, i % 70 + 1, i))
    elif x < 0.012:
        out.append("\x1b[1mlib/c%d.xyz:%d:4:\x1b[0m  coloured %d" % (i % 7, i, i))
    elif x < 0.014:
        out.append("2024-05-01T10:00:00.1234567Z lib/p%d.xyz:%d:2: prefixed %d" % (i % 9, i, i))
    elif x < 0.016:
        out.append("lib/r%d.xyz:%d:9: crlf %d\r" % (i % 5, i, i))
    elif x < 0.018:
        # no path-like word: not a line the generic reader's scan stops at
        out.append("Widget Panel %d:%d:%d:  layout issue %d" % (i % 3, i, i % 9 + 1, i))
    elif x < 0.03:
        # a noise line after it: gcc's record would take a line after it
        # that no matcher claims into its raw (a source line)
        out.append("src/m%d.c:%d:3: error: 'v%d' undeclared" % (i % 30, i, i))
        out.append("[12:00:00] noise after %d" % i)
    else:
        out.append("[12:%02d:%02d] noise %d with: colons" % (i % 60, i % 60, i))
print("\n".join(out))
PYEOF
}

tools() {
	$PY -S -c 'import json,sys,collections; print(dict(sorted(collections.Counter(json.loads(l)["tool"] for l in open(sys.argv[1])).items())))' "$1"
}

@test "a literal-free matcher: its records on lines with no literal, the others' unchanged" {
	gen >out.txt
	heal-detect --root "$T" <out.txt >plain.json || [ $? -eq 1 ]
	heal-detect --root "$T" --matcher free.json <out.txt >free1.json || [ $? -eq 1 ]
	HEAL_READ_AHEAD=0 heal-detect --root "$T" --matcher free.json <out.txt >free0.json || [ $? -eq 1 ]
	HEAL_READ_AHEAD=engine heal-detect --root "$T" --matcher free.json <out.txt >free2.json || [ $? -eq 1 ]
	diff free0.json free1.json
	diff free0.json free2.json
	# gcc's records are the same with the matcher as without it
	grep '"tool":"gcc"' plain.json >a
	grep '"tool":"gcc"' free1.json >b
	[ -s a ]
	diff a b
	# each of the free matcher's lines is a record, as printed
	want=$(grep -c -E '(\.xyz|Panel [0-9]+):[0-9]+:[0-9]+:' out.txt)
	[ "$(grep -c '"tool":"any-lint"' free1.json)" -eq "$want" ]
	n=$(grep -n '"message":"odd thing' free1.json | head -1 | cut -d: -f1)
	rec_check free1.json $((n - 1)) tool=any-lint 'file~=.xyz' 'message~=odd thing'
	grep -q '"message":"coloured' free1.json
	grep -q '"file":"lib/p[0-9]*.xyz".*"message":"prefixed' free1.json
	grep -q '"message":"crlf [0-9]*"' free1.json
	grep -q '"file":"Widget Panel [0-9]","line":[0-9]*,"column":[0-9],.*"message":"layout issue' free1.json
	[ -z "$(grep '\\r' free1.json)" ]
}

@test "a literal-free matcher's gate: the lines it passes over are those no try would take" {
	gen >out.txt
	heal-detect --root "$T" --matcher free.json <out.txt >gated.json || [ $? -eq 1 ]
	heal-detect --root "$T" --matcher nogate.json <out.txt >every.json || [ $? -eq 1 ]
	HEAL_READ_AHEAD=0 heal-detect --root "$T" --matcher free.json <out.txt >gated0.json || [ $? -eq 1 ]
	[ "$(grep -c '"tool":"any-lint"' gated.json)" -gt 100 ]
	diff every.json gated.json
	diff every.json gated0.json
}

@test "a literal-free matcher's gate: lines the engine cleans before matching are tried" {
	{
		# a run the colours split, a Markdown paste's marks, a logfmt
		# message's escapes, a carriage return's overwritten text
		printf 'lib/c.xyz:3\033[0m:4:\033[1m  coloured\n'
		printf 'noise: one\n'
		printf '**lib/b.xyz:5**:6:  bold\n'
		printf 'noise: two\n'
		printf 'time=2024-05-01T10:00:00Z level=info msg="lib/l.xyz:7:8:\\tescaped"\n'
		printf 'noise: three\n'
		printf 'lib/o.xyz:1:1:x\rlib/r.xyz:9:2:  overwritten\n'
	} >out.txt
	heal-detect --root "$T" --matcher free.json <out.txt >gated.json || [ $? -eq 1 ]
	heal-detect --root "$T" --matcher nogate.json <out.txt >every.json || [ $? -eq 1 ]
	diff every.json gated.json
	grep -q '"file":"lib/c.xyz","line":3,"column":4,.*"message":"coloured"' gated.json
	grep -q '"file":"lib/b.xyz","line":5,"column":6,.*"message":"bold"' gated.json
	grep -q '"file":"lib/l.xyz","line":7,"column":8,.*"message":"escaped"' gated.json
	grep -q '"file":"lib/r.xyz","line":9,"column":2,.*"message":"overwritten"' gated.json
}

@test "a literal-free file-stack group on lines between others" {
	{
		printf '[12:00:01] noise: before\n'
		printf 'src/a.c:3:1: error: expected ;\n'
		printf 'pkg/one.lint\n'
		printf '   3:5  error  bad spacing\n'
		printf '  10:1  warning  long line\n'
		printf '[12:00:02] noise: between\n'
		printf 'pkg/two.lint\n'
		printf '   7:2  error  unused thing\n'
	} >out.txt
	heal-detect --root "$T" --matcher group.json <out.txt >rec.json || [ $? -eq 1 ]
	HEAL_READ_AHEAD=0 heal-detect --root "$T" --matcher group.json <out.txt >rec0.json || [ $? -eq 1 ]
	diff rec.json rec0.json
	[ "$(rec_count rec.json)" -eq 4 ]
	rec_check rec.json 0 tool=gcc file=src/a.c line=3
	rec_check rec.json 1 tool=stack-lint file=pkg/one.lint line=3 column=5 severity=error 'message=bad spacing'
	rec_check rec.json 2 tool=stack-lint file=pkg/one.lint line=10 severity=warning
	rec_check rec.json 3 tool=stack-lint file=pkg/two.lint line=7 column=2 'message=unused thing'
}

@test "the default pattern files' literals are four bytes or more (the prefilter's scan shifts by the shortest)" {
	run $PY - "$BATS_TEST_DIRNAME/../../share/patterns" <<'PYEOF'
import glob, json, os, sys
short = []
for p in sorted(glob.glob(os.path.join(sys.argv[1], "*.json"))):
    for m in json.load(open(p))["problemMatcher"]:
        short += ["%s %s %r" % (os.path.basename(p), m.get("owner"), l)
                  for l in m.get("literals", []) if len(l.encode()) < 4]
if short:
    sys.exit("\n".join(short))
PYEOF
	[ "$status" -eq 0 ] || { echo "$output" >&2; return 1; }
}

@test "every default matcher names its literals (one without is tried on every line of every log)" {
	run $PY - "$BATS_TEST_DIRNAME/../../share/patterns" <<'PYEOF'
import glob, json, os, sys
bare = ["%s %s" % (os.path.basename(p), m.get("owner"))
        for p in sorted(glob.glob(os.path.join(sys.argv[1], "*.json")))
        for m in json.load(open(p))["problemMatcher"] if not m.get("literals")]
if bare:
    sys.exit("\n".join(bare))
PYEOF
	[ "$status" -eq 0 ] || { echo "$output" >&2; return 1; }
}
