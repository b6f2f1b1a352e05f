#!/usr/bin/env bats
# Python error classes next to the corpus's: Python 2 print statements, '='
# in a condition, JSON/C literals, a misspelled standard module and a
# misspelled pytest fixture.  Each is healed through the real heal driver
# with the minimal change, and an undetermined variant is left byte-identical.

load analyze-helpers

PY=/usr/bin/python3

@test "python classes: every print statement of a module in a package becomes a call" {
	mkdir pkg
	: >pkg/__init__.py
	printf 'def report(name, n):\n    print "name: %%s" %% name\n    if n:\n        print name, n\n    return n\n' >pkg/report.py
	printf 'from pkg.report import report\nreport("x", 2)\n' >main.py
	run heal --yes --no-wait -- $PY main.py
	assert_success
	printf 'def report(name, n):\n    print("name: %%s" %% name)\n    if n:\n        print(name, n)\n    return n\n' >want
	cmp want pkg/report.py
	run $PY main.py
	assert_output $'name: x\nx 2'
}

@test "python classes: a print statement with a trailing comma is left byte-identical; one with a redirection writes to its stream" {
	printf 'import sys\nprint "a",\nprint "b"\n' >a.py
	left_alone a.py $PY a.py
	printf 'import sys\nprint >>sys.stderr, "a"\n' >b.py
	run heal --yes --no-wait -- $PY b.py
	assert_success
	grep -qx 'print("a", file=sys.stderr)' b.py
	# Python 2's trailing comma (no newline) says what print(end=" ") does
	# only nearly: left as written
	printf 'import sys\nprint >>sys.stderr, "a",\n' >c.py
	left_alone c.py $PY c.py
}

@test "python classes: '=' in an if, elif or while condition becomes '=='" {
	printf 'import sys\nargs = sys.argv[1:]\nwhile len(args) = 1:\n    break\nmode = "x"\nif mode == "y":\n    pass\nelif mode = "x":\n    print("ok")\n' >cond.py
	run heal --yes --no-wait -- $PY cond.py
	assert_success
	printf 'import sys\nargs = sys.argv[1:]\nwhile len(args) == 1:\n    break\nmode = "x"\nif mode == "y":\n    pass\nelif mode == "x":\n    print("ok")\n' >want
	cmp want cond.py
}

@test "python classes: '=' in a condition with a second '=' on the line is left byte-identical" {
	printf 'x = 1\nif x = 1 or x == 2:\n    print(x)\n' >c.py
	left_alone c.py $PY c.py
}

@test "python classes: null becomes None in the module that raised, outside strings and comments" {
	printf 'import json\n\ndef pick(d, k):\n    if d.get(k) is null:  # null or missing\n        return null\n    return d[k] if d[k] != "null" else null\n' >lib.py
	printf 'from lib import pick\nprint(pick({}, "a"))\n' >main.py
	run heal --yes --no-wait -- $PY main.py
	assert_success
	printf 'import json\n\ndef pick(d, k):\n    if d.get(k) is None:  # null or missing\n        return None\n    return d[k] if d[k] != "null" else None\n' >want
	cmp want lib.py
}

@test "python classes: a null or nil the module binds itself is left byte-identical" {
	printf 'def f():\n    return null\nif False:\n    null = 0\nprint(f())\n' >n.py
	left_alone n.py $PY n.py
	printf 'def f(nil=None):\n    return g(nil)\ndef g(x):\n    return nil\nprint(f())\n' >p.py
	left_alone p.py $PY p.py
}

@test "python classes: a standard module one edit away replaces a misspelled import and its uses" {
	printf 'import colections\nimport sys\n\nc = colections.Counter(sys.argv)\nprint(len(c))\n' >a.py
	run heal --yes --no-wait -- $PY a.py
	assert_success
	printf 'import collections\nimport sys\n\nc = collections.Counter(sys.argv)\nprint(len(c))\n' >want
	cmp want a.py
	printf 'from itertool import chain\nprint(list(chain([1], [2])))\n' >b.py
	run heal --yes --no-wait -- $PY b.py
	assert_success
	printf 'from itertools import chain\nprint(list(chain([1], [2])))\n' >want
	cmp want b.py
}

@test "python classes: a known distribution or a name only a prefix of a standard module is left byte-identical" {
	# ujson is one edit from json, jsonschema starts with json: neither is a typo
	printf 'import ujson\nprint(ujson.dumps(1))\n' >u.py
	HEAL_PYTHON_INSTALLER=/bin/false left_alone u.py $PY u.py
	printf 'import typing_extra\nprint(typing_extra)\n' >t.py
	HEAL_PYTHON_INSTALLER=/bin/false left_alone t.py $PY t.py
}

@test "python classes: pytest's missing fixtures, each with one near fixture (built-in or conftest's), are renamed in the test file" {
	command -v pytest >/dev/null || $PY -m pytest --version >/dev/null 2>&1 || skip "no pytest"
	mkdir tests
	printf 'import pytest\n\n@pytest.fixture\ndef sample_rows():\n    return [1, 2]\n' >tests/conftest.py
	printf 'def test_write(tmp_pth):\n    p = tmp_pth / "a.txt"\n    p.write_text("x")\n    assert p.read_text() == "x"\n\n\ndef test_rows(sample_row):\n    assert sample_row == [1, 2]\n' >tests/test_w.py
	run heal --yes --no-wait -- $PY -m pytest -q -p no:cacheprovider tests
	assert_success
	printf 'def test_write(tmp_path):\n    p = tmp_path / "a.txt"\n    p.write_text("x")\n    assert p.read_text() == "x"\n\n\ndef test_rows(sample_rows):\n    assert sample_rows == [1, 2]\n' >want
	cmp want tests/test_w.py
}

@test "python classes: pytest's missing fixture is detected at the test; a fixture with no near name is left byte-identical" {
	$PY -m pytest --version >/dev/null 2>&1 || skip "no pytest"
	printf 'def test_db(database_url):\n    assert database_url\n' >test_db.py
	detected "fixture 'database_url' not found" $PY -m pytest -q -p no:cacheprovider test_db.py
	[ "$(fix_get 'r["file"], r["line"], r["severity"]')" = '["test_db.py", 1, "error"]' ]
	left_alone test_db.py $PY -m pytest -q -p no:cacheprovider test_db.py
}
