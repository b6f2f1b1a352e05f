#!/usr/bin/env bats
# heal-analyze on real Python 3 tracebacks: the expected edit, and the program then runs.

bats_require_minimum_version 1.5.0
load analyze-helpers

PY=/usr/bin/python3

@test "python: NameError and AttributeError with Did you mean" {
	printf 'class R:\n    def __init__(self):\n        self.width = 2\n\n    def area(self):\n        return self.widht * 2\n\n\nassert R().area() == 4\n' >m.py
	diagnose python AttributeError $PY m.py
	run first_edit
	assert_output 'm.py 97 102 "width"'
	apply_fix
	run $PY m.py
	assert_success
	printf 'total = 3\nprint(totl)\n' >n.py
	diagnose python NameError $PY n.py
	apply_fix
	run $PY n.py
	assert_success
}

@test "python: a missing import of a standard module, and of a standard name" {
	for mod in json os re sys math; do
		printf 'def f():\n    return %s.__name__\n\n\nprint(f())\n' "$mod" >m.py
		diagnose python NameError $PY m.py
		apply_fix
		run $PY m.py
		assert_success
		assert_output "$mod"
	done
	head -1 m.py | grep -qx 'import math'
	printf 'import os\n\nd = defaultdict(int)\nprint(len(d))\n' >n.py
	diagnose python NameError $PY n.py
	run first_edit
	assert_output 'n.py 10 10 "from collections import defaultdict\n"'
	apply_fix
	run $PY n.py
	assert_success
}

@test "python: IndentationError (unexpected and unindent) and TabError re-indent" {
	printf 'def f():\n    a = 1\n        b = 2\n    return a + b\n\n\nprint(f())\n' >m.py
	diagnose python IndentationError $PY m.py
	apply_fix
	run $PY m.py
	assert_success
	printf 'def f(xs):\n    r = 0\n    for x in xs:\n        r += x\n      return r\n\n\nprint(f([1]))\n' >m.py
	diagnose python IndentationError $PY m.py
	run first_edit
	assert_output 'm.py 53 59 "    "'
	apply_fix
	run $PY m.py
	assert_success
	# only comments before it: the file's own level, and the lines of its block with it
	printf '# name\n# date\n  a = 1\n  print(a)\n' >c.py
	diagnose python IndentationError $PY c.py
	apply_fix
	run $PY c.py
	assert_success
	assert_output 1
	printf 'def f():\n    a = 1\n\treturn a\n\n\nprint(f())\n' >t.py
	diagnose python Error $PY t.py
	apply_fix
	run $PY t.py
	assert_success
	run grep -c "$(printf '\t')" t.py
	assert_output 0
}

@test "python: C's x++ and x-- become += 1 and -= 1, in every form of the statement" {
	for stmt in 'n++' 'n ++;' 'box.n++  # more' 'v[0]--' 'box.n--;'; do
		printf 'class B:\n    n = 0\n\n\nbox = B()\nv = [3]\nn = 1\nfor _ in range(2):\n    %s\nprint(n, box.n, v[0])\n' "$stmt" >m.py
		diagnose python SyntaxError $PY m.py
		assert_equal "$(fix_get 'r["fixes"][0]["rule"]')" python.c-increment
		apply_fix
		run $PY m.py
		assert_success
	done
	run $PY m.py
	assert_output '1 -2 3'
	grep -q '^    box.n -= 1$' m.py
}

@test "python: missing colon, unclosed bracket, stray bracket" {
	printf 'def f(n)\n    return n\n\n\nprint(f(1))\n' >m.py
	diagnose python SyntaxError $PY m.py
	run first_edit
	assert_output 'm.py 8 8 ":"'
	apply_fix
	run $PY m.py
	assert_success
	printf 'import math\n\n\ndef h(a, b):\n    return math.sqrt(a * a + b * b  # hyp\n\n\nprint(h(3, 4))\n' >m.py
	diagnose python SyntaxError $PY m.py
	apply_fix
	run $PY m.py
	assert_success
	assert_output 5.0
	printf 'def f():\n    return 1\n)\nprint(f())\n' >m.py
	diagnose python SyntaxError $PY m.py
	apply_fix
	run $PY m.py
	assert_success
}

@test "python: ImportError of a misspelled local module and of a misspelled name" {
	printf 'def load_config(p):\n    return p\n' >settings.py
	printf 'from setings import load_config\nprint(load_config(1))\n' >m.py
	diagnose python ModuleNotFoundError $PY m.py
	apply_fix
	printf 'from settings import load_confg\nprint(load_confg(1))\n' >m.py
	diagnose python ImportError $PY m.py
	apply_fix
	run $PY m.py
	assert_success
	assert_output 1
}

@test "python: a missing third-party module becomes an install command (module to distribution map)" {
	printf 'import yaml\n' >m.py
	diagnose python ModuleNotFoundError $PY -S m.py
	assert_equal "$(fix_get 'r["fixes"][0]["command"]')" '["python3", "-m", "pip", "install", "PyYAML"]'
	out=$(printf '%s\n' "$rec" | HEAL_PYTHON_INSTALLER="uv pip install" heal-analyze)
	assert_equal "$(fix_get 'r["fixes"][0]["command"]')" '["uv", "pip", "install", "PyYAML"]'
}

@test "python: hostile module names never become commands" {
	for name in "foo; rm -rf ~" "--index-url=http://127.0.0.1:9/" "a/b" "x@y"; do
		out=$(python3 -S -c 'import json,sys; print(json.dumps({"v":1,"kind":"error","tool":"python","file":None,"message":"ModuleNotFoundError: No module named %r" % sys.argv[1]}))' "$name" | heal-analyze)
		run fix_get 'r["fixes"]'
		assert_output "[]"
	done
}

@test "python: UnboundLocalError of a module variable declares it global" {
	printf 'counter = 0\n\n\ndef tick():\n    counter += 1\n    return counter\n\n\nprint(tick())\n' >m.py
	diagnose python UnboundLocalError $PY m.py
	apply_fix
	run $PY m.py
	assert_success
}

# The fixes heal-analyze proposes for the real output of "$PY FILE", one
# "ID TEXT" line each (TEXT: the edits' texts), from real heal-detect records.
py_fixes() {
	run -1 $PY "$1"
	printf '%s\n' "$output" | heal-detect | heal-analyze >an.ndjson
	python3 -S -c 'import json,sys
for l in open("an.ndjson"):
    for f in json.loads(l).get("fixes", []):
        print(f["id"], json.dumps([e["text"] for e in f.get("edits", [])]))'
}

@test "python: IndexError of seq[i + k] in a for-range(len(seq)) loop stops the loop k early (the enclosing loop)" {
	# two loops over the same names: the one above the failing line is the one fixed
	printf 'def firsts(xs):\n    for i in range(len(xs)):\n        print(xs[i])\n\n\ndef pairs(xs):\n    out = []\n    for i in range( len(xs) ):\n        out.append((xs[i], xs[i+2]))\n    return out\n\n\nfirsts([1])\nprint(pairs([1, 2, 3, 4]))\n' >m.py
	run py_fixes m.py
	assert_output 'python.index-lookahead-bound.1 ["    for i in range( len(xs) - 2 ):"]'
	run heal --yes --no-wait -q -- $PY m.py
	assert_success
	run $PY m.py
	assert_output --partial '[(1, 3), (2, 4)]'
	grep -q '^    for i in range(len(xs)):$' m.py
}

@test "python: IndexError without the lookahead-in-range pattern gets no loop fix" {
	# another sequence than the loop's, and a subtraction: no evidence for the bound
	printf 'def f(xs, ys):\n    for i in range(len(xs)):\n        print(ys[i + 1])\n\n\nf([1, 2], [0])\n' >a.py
	printf 'def g(xs):\n    out = []\n    for i in range(len(xs)):\n        out.append(xs[i] - xs[len(xs)])\n    return out\n\n\ng([1])\n' >b.py
	for f in a.py b.py; do
		run py_fixes "$f"
		assert_success
		refute_output --partial 'index-lookahead-bound'
	done
}

@test "python: a number in a data file written with letters for digits (5OO, 3.l4) is corrected there, once" {
	mkdir -p data lib
	printf 'widget;3;250\ngadget;2;5OO\n' >data/items.csv
	printf 'def parse(line):\n    name, qty, cents = line.strip().split(";")\n    return int(qty) * int(cents)\n' >lib/parse.py
	printf 'from lib.parse import parse\nprint(sum(parse(l) for l in open("data/items.csv")))\n' >main.py
	printf 'ratio = 3.l4\n' >data/ratio.cfg
	printf 'print(float(open("data/ratio.cfg").read().split("=")[1]))\n' >f.py
	run heal --yes --no-wait -q -- $PY main.py
	assert_success
	assert_equal "$(cat data/items.csv)" "$(printf 'widget;3;250\ngadget;2;500')"
	run heal --yes --no-wait -q -- $PY f.py
	assert_success
	grep -qx 'ratio = 3.14' data/ratio.cfg
}

@test "python: no data fix when the value is in two places, in a log, or holds no digit" {
	mkdir -p data
	printf 'a;5OO\nb;5OO\n' >data/two.csv
	printf 'for l in open("data/two.csv"):\n    int(l.split(";")[1])\n' >two.py
	run py_fixes two.py
	refute_output --partial 'data-lookalike-digits'
	printf 'x;lOl\n' >data/word.csv
	printf 'int(open("data/word.csv").read().split(";")[1])\n' >word.py
	run py_fixes word.py
	refute_output --partial 'data-lookalike-digits'
	# the value once in the data, and once more in a saved log: still two places
	printf 'c;7O\n' >data/one.csv
	printf "ValueError: invalid literal for int() with base 10: '7O'\n" >build.txt
	printf 'int(open("data/one.csv").read().split(";")[1])\n' >one.py
	run py_fixes one.py
	refute_output --partial 'data-lookalike-digits'
	rm build.txt
	run py_fixes one.py
	assert_output --partial 'python.data-lookalike-digits.1 ["70"]'
}


@test "python: ZeroDivisionError of a return divided by len(seq) returns zero for an empty seq, in the file's own indentation" {
	printf 'import sys\n\n\ndef mean(values):\n    return sum(values) / len(values)\n\n\nprint("mean=%%.1f" %% mean([float(x) for x in sys.argv[1:]]))\n' >m.py
	run py_fixes m.py
	assert_output 'python.zero-division-empty.1 ["    if len(values) == 0:\n        return 0.0\n"]'
	run heal --yes --no-wait -q -- $PY m.py
	assert_success
	run $PY m.py 2 4
	assert_output 'mean=3.0'
	# floor division and modulo give 0; a tab-indented method, and two spaces
	printf 'class Bag:\n\tdef __init__(self):\n\t\tself.items = []\n\n\tdef share(self, total):\n\t\tif total:\n\t\t\treturn total // len(self.items)\n\n\nprint(Bag().share(7))\n' >t.py
	run heal --yes --no-wait -q -- $PY t.py
	assert_success
	run $PY t.py
	assert_output '0'
	grep -q $'^\t\t\tif len(self.items) == 0:$' t.py
	grep -q $'^\t\t\t\treturn 0$' t.py
	printf 'def slot(h, table):\n  return h %% (len(table))\n\n\nprint(slot(5, []))\n' >s.py
	run py_fixes s.py
	assert_output 'python.zero-division-empty.1 ["  if len(table) == 0:\n    return 0\n"]'
}

@test "python: ZeroDivisionError by another divisor, outside a return, or that the guard does not cure is left as it was" {
	printf 'def rate(done, total):\n    return done / total\n\n\nprint(rate(1, 0))\n' >a.py
	printf 'def mean(v):\n    m = sum(v) / len(v)\n    return m\n\n\nprint(mean([]))\n' >b.py
	printf 'def f(v, n):\n    return len(v) / n\n\n\nprint(f([], 0))\n' >c.py
	for f in a.py b.py c.py; do
		run py_fixes "$f"
		assert_success
		refute_output --partial 'zero-division-empty'
	done
	# len(v) is not what is zero: the guard is tried, fails, and is rolled back
	printf 'def f(v, n):\n    return sum(v) / len(v) + 1 / n\n\n\nprint(f([1], 0))\n' >d.py
	cp d.py d.orig
	run heal --yes --no-wait -q -- $PY d.py
	assert_failure
	cmp d.py d.orig
}
