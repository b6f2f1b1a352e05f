#!/usr/bin/env bats
# heal-detect on real Python and pytest output.

load 'helpers/detect'

setup() {
	T=$(mktemp -d)
	export LC_ALL=C.UTF-8 LANG=C.UTF-8 PYTHONDONTWRITEBYTECODE=1
}

teardown() {
	rm -rf "$T"
}

@test "python: a traceback is one record at the innermost project frame" {
	mkdir "$T/pkg"
	: >"$T/pkg/__init__.py"
	printf 'import json\n\ndef load(s):\n    return json.loads(s)\n' >"$T/pkg/util.py"
	printf 'from pkg.util import load\n\nprint(load("{bad"))\n' >"$T/main.py"
	detect_in "$T" $PY main.py
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=python env=python file=pkg/util.py line=4 column=null \
		severity=error code=json.decoder.JSONDecodeError category=value \
		"message~=Expecting property name enclosed in double quotes"
	run $PY -c '
import json,sys
r=json.loads(open(sys.argv[1]).readline())
st=r["stack"]
assert st[0]["file"]=="main.py" and st[0]["in_project"] is True, st
assert st[1]["file"]=="pkg/util.py" and st[1]["function"]=="load", st
assert st[-1]["in_project"] is False, st' "$T/rec.json"
	assert_success
}

@test "python: a traceback pasted from another machine is at its innermost frame of the project's code, relative or absolute" {
	# the relative frame is the project's (not here), the absolute one the
	# same project's module on the other machine, the last one a library's
	cat >"$T/in.log" <<'LOG'
Traceback (most recent call last):
  File "trape.py", line 23, in <module>
    from core.utils import utils
  File "/root/Desktop/trape/core/utils.py", line 21, in <module>
    import requests, json
  File "/usr/lib/python3/dist-packages/requests/__init__.py", line 43, in <module>
    import urllib3
ModuleNotFoundError: No module named 'urllib3'
LOG
	(cd "$T" && heal-detect in.log >rec.json) || true
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=python code=ModuleNotFoundError \
		file=/root/Desktop/trape/core/utils.py line=21
	# the relative frame's file is here: it is the place
	: >"$T/trape.py"
	(cd "$T" && heal-detect in.log >rec.json) || true
	rec_check "$T/rec.json" 0 file=trape.py line=23
}

@test "python: a pasted traceback with no frame of the project keeps its innermost frame" {
	cat >"$T/in.log" <<'LOG'
Traceback (most recent call last):
  File "/home/nrl/local/bin/afew", line 189, in <module>
    main(options, query_string)
  File "/home/nrl/local/lib/python2.7/site-packages/afew/main.py", line 69, in main
    print('%s --> %s' % (message, category))
UnicodeDecodeError: 'ascii' codec can't decode byte 0xc3 in position 1: ordinal not in range(128)
LOG
	(cd "$T" && heal-detect in.log >rec.json) || true
	rec_check "$T/rec.json" 0 code=UnicodeDecodeError \
		file=/home/nrl/local/lib/python2.7/site-packages/afew/main.py line=69
}

@test "python: NameError with Did you mean gives a hint" {
	printf 'def area(width):\n    return widht * 2\n\narea(3)\n' >"$T/main.py"
	detect_in "$T" $PY main.py
	rec_check "$T/rec.json" 0 file=main.py line=2 code=NameError category=name hint=width \
		"message=name 'widht' is not defined. Did you mean: 'width'?"
}

@test "python: ModuleNotFoundError is a dependency error" {
	printf 'import no_such_module_heal\n' >"$T/main.py"
	detect_in "$T" $PY main.py
	rec_check "$T/rec.json" 0 file=main.py line=1 code=ModuleNotFoundError category=dependency \
		"message=No module named 'no_such_module_heal'"
}

@test "python: SyntaxError block without a traceback" {
	printf 'def f(n)\n    return n\n' >"$T/main.py"
	detect_in "$T" $PY main.py
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=python file=main.py line=1 code=SyntaxError category=syntax \
		"message=expected ':'"
}

@test "python: IndentationError and TabError" {
	printf 'def f():\n    x = 1\n      return x\n' >"$T/a.py"
	detect_in "$T" $PY a.py
	rec_check "$T/rec.json" 0 file=a.py line=3 code=IndentationError "message=unexpected indent"
	printf 'def f():\n\tx = 1\n        return x\n' >"$T/b.py"
	detect_in "$T" $PY b.py
	rec_check "$T/rec.json" 0 file=b.py line=3 code=TabError
}

@test "python: py_compile's one-line IndentationError and TabError ('Sorry: ...', no newline)" {
	printf '# a comment\n  x = 1\n' >"$T/a.py"
	detect_in "$T" $PY -m py_compile a.py
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=python file=a.py line=2 code=IndentationError category=syntax \
		"message=unexpected indent"
	printf 'if True:\n\tx = 1\n        y = 2\n' >"$T/b.py"
	detect_in "$T" $PY -m py_compile b.py
	rec_check "$T/rec.json" 0 file=b.py line=3 code=TabError
	# the same str() of a SyntaxError a program logs
	detect_in "$T" printf 'SyntaxError: invalid syntax (a.py, line 2)\n'
	rec_check "$T/rec.json" 0 file=a.py line=2 code=SyntaxError "message=invalid syntax"
	# another exception's str() that ends like one is not a syntax error
	# at that place: the exception's last line alone, without a place
	detect_in "$T" printf 'ValueError: bad value (a.py, line 2)\n'
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 code=ValueError file=null line=null "message=bad value (a.py, line 2)"
}

@test "python: SyntaxError in an imported module points at that module" {
	printf 'from fmt import f\n' >"$T/main.py"
	printf 'def f(x):\n    return (x\n)\n)\n' >"$T/fmt.py"
	detect_in "$T" $PY main.py
	rec_check "$T/rec.json" 0 file=fmt.py line=4 code=SyntaxError category=syntax
}

@test "pytest: assertion failure at the test line" {
	printf 'def total(xs):\n    return sum(xs) - 1\n' >"$T/calc.py"
	printf 'from calc import total\n\ndef test_total():\n    assert total([1, 2]) == 3\n' >"$T/test_calc.py"
	detect_in "$T" $PY -m pytest -q -p no:cacheprovider --color=no
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=pytest env=python file=test_calc.py line=4 code=AssertionError \
		category=value "message~=assert 2 == 3"
}

@test "pytest: a failure pasted without its '____ test ____' header: its E lines and the test's line" {
	printf 'def test_sum():\n    total = 1 + 1\n    assert total == 3\n' >"$T/test_sum.py"
	(cd "$T" && $PY -m pytest -q -p no:cacheprovider --color=no >out.txt 2>&1) || true
	grep -q '^E ' "$T/out.txt"
	sed -n '/^    def test_sum/,/^test_sum.py:[0-9]*: AssertionError/p' "$T/out.txt" >"$T/x.log"
	! grep -q '^____' "$T/x.log"
	(cd "$T" && heal-detect <x.log >rec.json) || true
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=pytest file=test_sum.py line=3 code=AssertionError "message=assert 2 == 3"
	# with its header, the same record (the body's matcher is a last resort)
	(cd "$T" && heal-detect <out.txt >full.json) || true
	rec_check "$T/full.json" 0 tool=pytest file=test_sum.py line=3 code=AssertionError "message=assert 2 == 3"
}

@test "pytest --tb=short: a chained exception's frames and E line are the record of the one raised last (real pytest)" {
	$PY -c 'import pytest' 2>/dev/null || skip "pytest is not installed"
	printf 'import json\n\n\ndef load():\n    try:\n        return json.loads("{}")["db"]\n    except KeyError:\n        raise RuntimeError("no db in settings")\n\n\ndef test_load():\n    assert load()\n' >"$T/test_load.py"
	(cd "$T" && $PY -m pytest -q -p no:cacheprovider --color=no --tb=short >out.txt 2>&1) || true
	grep -q '^During handling of the above exception' "$T/out.txt"
	(cd "$T" && heal-detect <out.txt >rec.json) || true
	rec_check "$T/rec.json" 0 tool=pytest file=test_load.py line=8 code=RuntimeError "message=no db in settings"
	# a collection error pasted with its "E   " blanks collapsed to one
	printf '%s\n' '________________________ ERROR collecting test session _________________________' \
		'conf/__init__.py:451: in _importconftest' 'return self._mod[key]' "E KeyError: 'app'" \
		'During handling of the above exception, another exception occurred:' \
		'conf/local.py:721: in pyimport' 'raise self.ImportMismatchError(modname, modfile, self)' \
		"E conf.ImportMismatchError: ('app.conftest', '/x/app/conftest.py')" >"$T/x.log"
	(cd "$T" && heal-detect <x.log >rec2.json) || true
	[ "$(rec_count "$T/rec2.json")" -eq 2 ]
	rec_check "$T/rec2.json" 0 tool=pytest file=conf/__init__.py line=451 code=KeyError
	rec_check "$T/rec2.json" 1 tool=pytest file=conf/local.py line=721 code=conf.ImportMismatchError
}

@test "pytest -q --tb=no: each line of the short summary is a record, with its reason or without (real pytest)" {
	$PY -c 'import pytest' 2>/dev/null || skip "pytest is not installed"
	printf 'def test_a():\n    assert 1 == 2\n\ndef test_b():\n    assert "x" in "y"\n\ndef test_c():\n    pass\n' >"$T/test_s.py"
	detect_in "$T" $PY -m pytest -q --tb=no -rf -p no:cacheprovider test_s.py
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=pytest file=test_s.py category=test "message~=assert 1 == 2"
	rec_check "$T/rec.json" 1 tool=pytest file=test_s.py "message~=assert 'x' in 'y'"
	# pytest before 6 printed no reason: the node id is the message
	printf 'FAILED test_s.py::test_a\nFAILED test_s.py::test_b\nERROR test_t.py\n' >"$T/out.txt"
	(cd "$T" && heal-detect <out.txt >rec.json) || true
	[ "$(rec_count "$T/rec.json")" -eq 3 ]
	rec_check "$T/rec.json" 1 file=test_s.py message=test_s.py::test_b
	rec_check "$T/rec.json" 2 file=test_t.py message=test_t.py
}

@test "pytest-xdist: a worker that crashed in a test is the test's record, its summary line no second one" {
	{
		printf '...[gw1] node down: Not properly terminated\nF\nreplacing crashed worker gw1\n'
		printf '=================================== FAILURES ===================================\n'
		printf '__________________________ tests/test_native.py:42 ___________________________\n'
		printf '[gw1] linux -- Python 3.11.4 /usr/bin/python3\n'
		printf "worker 'gw1' crashed while running 'tests/test_native.py::test_decode_large'\n"
		printf '=========================== short test summary info ============================\n'
		printf 'FAILED tests/test_native.py::test_decode_large\n'
		printf '========================= 1 failed, 119 passed in 12.31s =========================\n'
	} >"$T/out.txt"
	(cd "$T" && heal-detect <out.txt >rec.json) || true
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=pytest file=tests/test_native.py category=runtime \
		"message=worker 'gw1' crashed while running 'tests/test_native.py::test_decode_large'"
}

@test "pytest: exception raised in the module under test" {
	printf 'def mean(xs):\n    return sum(xs) / len(xs)\n' >"$T/stats.py"
	printf 'from stats import mean\n\ndef test_empty():\n    assert mean([]) == 0\n' >"$T/test_stats.py"
	detect_in "$T" $PY -m pytest -q -p no:cacheprovider --color=no
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=pytest file=stats.py line=2 code=ZeroDivisionError \
		"message=division by zero"
}

@test "pytest: collection error" {
	printf 'def a(): return 1\n' >"$T/mod.py"
	printf 'from mod import b\n\ndef test_b():\n    assert b()\n' >"$T/test_mod.py"
	detect_in "$T" $PY -m pytest -q -p no:cacheprovider --color=no
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=pytest file=test_mod.py line=1 code=ImportError \
		"message~=cannot import name 'b' from 'mod'"
}

@test "pytest: a conftest.py that fails to import is one record at the conftest's line (real pytest)" {
	mkdir -p "$T/tests"
	printf 'def a(): return 1\n' >"$T/mod.py"
	printf 'import sys\n\nfrom mod import nosuchname_heal\n' >"$T/tests/conftest.py"
	printf 'def test_b():\n    assert True\n' >"$T/tests/test_b.py"
	detect_in "$T" $PY -m pytest -q -p no:cacheprovider --color=no tests
	grep -q "ImportError while loading conftest" "$T/out.txt" || skip "pytest printed something else"
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=pytest file=tests/conftest.py line=3 code=ImportError \
		"message~=cannot import name 'nosuchname_heal' from 'mod'"
}

@test "pytest: a collection error pasted from its 'ImportError while importing' line, with Markdown's blanks at the ends of the lines" {
	printf 'import nosuchmodule_heal\n' >"$T/helper.py"
	printf 'import helper\n\ndef test_b():\n    assert True\n' >"$T/test_h.py"
	(cd "$T" && $PY -m pytest -q -p no:cacheprovider --color=no >out.txt 2>&1) || true
	grep -q 'ImportError while importing test module' "$T/out.txt"
	sed -n '/^ImportError while importing/,/^E /p' "$T/out.txt" | sed 's/$/  /' >"$T/x.log"
	(cd "$T" && heal-detect <x.log >rec.json) || true
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=pytest file=helper.py line=1 code=ModuleNotFoundError \
		"message=No module named 'nosuchmodule_heal'"
}

@test "python: an exception's last line alone (its traceback not pasted), by a name only Python's exceptions have" {
	(cd "$T" && $PY -c 'import nosuchmodule_heal' >out.txt 2>&1) || true
	tail -n 1 "$T/out.txt" >"$T/x.log"
	printf '%s\n' 'json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)' \
		'TypeError: x is not a function' 'Done.' >>"$T/x.log"
	(cd "$T" && heal-detect <x.log >rec.json) || true
	[ "$(rec_count "$T/rec.json")" -eq 3 ]
	rec_check "$T/rec.json" 0 tool=python code=ModuleNotFoundError category=dependency \
		"message=No module named 'nosuchmodule_heal'"
	rec_check "$T/rec.json" 1 tool=python code=json.decoder.JSONDecodeError
	# "is not a function" is JavaScript's wording (V8's), not Python's
	rec_check "$T/rec.json" 2 tool=node "message=TypeError: x is not a function"
}

@test "python: a RuntimeError's last line alone (PyTorch's 'CUDA out of memory' pasted bare)" {
	(cd "$T" && $PY -c 'raise RuntimeError("CUDA out of memory. Tried to allocate 1.12 MiB (GPU 0; 22.37 GiB total capacity)")' >out.txt 2>&1) || true
	tail -n 1 "$T/out.txt" >"$T/x.log"
	(cd "$T" && heal-detect <x.log >rec.json) || true
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=python code=RuntimeError \
		"message~=CUDA out of memory. Tried to allocate 1.12 MiB"
	# Ruby's "(RuntimeError)" at a line's end is not Python's
	printf '%s\n' "app.rb:3:in 'main': boom (RuntimeError)" >"$T/rb.log"
	(cd "$T" && heal-detect <rb.log >rec.json) || true
	run $PY -S -c 'import json,sys; print(sum(json.loads(l)["tool"] == "python" for l in open(sys.argv[1])))' "$T/rec.json"
	[ "$output" = 0 ]
}

@test "python: a passing run gives no records" {
	printf 'print("errors: 0")\nprint("error handling ok")\n' >"$T/ok.py"
	(cd "$T" && $PY ok.py >out.txt 2>&1)
	run heal-detect "$T/out.txt"
	assert_success
	assert_output ''
}

@test "python: faulthandler's crash report is a record at the innermost frame of the project (not the standard library's)" {
	printf 'import ctypes\n\n\ndef read_null():\n    return ctypes.string_at(0)\n\n\nread_null()\n' >"$T/crash.py"
	(cd "$T" && $PY -X faulthandler crash.py >out.txt 2>&1) || true
	grep -q 'Fatal Python error: Segmentation fault' "$T/out.txt" || skip "no faulthandler report: $(head -c 200 "$T/out.txt")"
	(cd "$T" && heal-detect <out.txt >rec.json) || true
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=python file=crash.py line=5 severity=error category=runtime \
		"message=Segmentation fault"
	# pytest's faulthandler plugin puts the test's id before it
	sed 's/^Fatal Python error/tests\/test_a.py::test_x Fatal Python error/' "$T/out.txt" >"$T/pt.txt"
	(cd "$T" && heal-detect <pt.txt >rec.json) || true
	rec_check "$T/rec.json" 0 tool=python file=crash.py line=5 "message=Segmentation fault"
}

@test "python: a SyntaxError pasted without its traceback's indentation (a page's dedented block)" {
	printf '%s\n' 'File "test.py", line 2' "   print('foobar')" '   ^' 'IndentationError: unexpected indent' >"$T/x.log"
	(cd "$T" && heal-detect <x.log >rec.json) || true
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=python file=test.py line=2 code=IndentationError "message=unexpected indent"
}

@test "pytest: a banner of words between rules heads no failure's section (its body would take the lines after it)" {
	# a script's or tox's "___ summary ___" banner, then another tool's error
	printf '%s\n' '______________ build output ______________' \
		"src/a.c:3:5: error: 'x' undeclared (first use in this function)" >"$T/x.log"
	(cd "$T" && heal-detect <x.log >rec.json) || true
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=gcc file=src/a.c line=3
	# a test's section still is one: its name, its class's, its parameters
	printf '%s\n' '___________________ TestCart.test_total[2 items] ___________________' '' \
		'    def test_total(self, n):' '>       assert total(n) == 3' 'E       assert 2 == 3' '' \
		'tests/test_cart.py:9: AssertionError' >"$T/x.log"
	(cd "$T" && heal-detect <x.log >rec.json) || true
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=pytest file=tests/test_cart.py line=9 code=AssertionError "raw~=TestCart.test_total[2 items]"
}
