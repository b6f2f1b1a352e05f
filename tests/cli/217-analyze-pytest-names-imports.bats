#!/usr/bin/env bats
# Variants of the corpus's python classes: an attribute or name typo in a
# module under test (pytest prints no "Did you mean"), and a misspelled
# local module imported whole and used below. Real python3 and pytest.

load analyze-helpers

PY=/usr/bin/python3
PYTEST="$PY -m pytest -q -p no:cacheprovider --color=no"

@test "python variants: pytest, a misspelled attribute in the module under test" {
	$PY -m pytest --version >/dev/null 2>&1 || skip "no pytest"
	printf 'class Item:\n    def __init__(self, price):\n        self.price = price\n\n    def cost(self, n):\n        return n * self.prcie\n' >shop.py
	printf 'from shop import Item\n\n\ndef test_cost():\n    assert Item(2).cost(3) == 6\n' >test_shop.py
	cp test_shop.py orig
	sed 's/self\.prcie/self.price/' shop.py >want
	heals_to want shop.py $PYTEST
	cmp orig test_shop.py
}

@test "python variants: pytest, a misspelled local name in a two-space module" {
	$PY -m pytest --version >/dev/null 2>&1 || skip "no pytest"
	printf 'def total(values):\n  result = 0\n  for v in values:\n    result += v\n  return reslut\n' >calc.py
	printf 'from calc import total\n\n\ndef test_total():\n    assert total([1, 2]) == 3\n' >test_calc.py
	run heal --yes --no-wait -- $PYTEST
	assert_success
	grep -qx '  return result' calc.py
}

@test "python variants: pytest, an attribute with two equally close names is left alone" {
	$PY -m pytest --version >/dev/null 2>&1 || skip "no pytest"
	printf 'class P:\n    def __init__(self):\n        self.ab = 1\n        self.ac = 2\n\n    def get(self):\n        return self.ad\n' >p.py
	printf 'from p import P\n\n\ndef test_get():\n    assert P().get() == 1\n' >test_p.py
	cp p.py orig
	run heal --yes --no-wait -- $PYTEST
	assert_failure
	cmp orig p.py
}

@test "python variants: 'import helper' for helpers.py renames the import and its uses" {
	printf 'X = 1\n\n\ndef f():\n    return 2\n' >helpers.py
	printf 'import helper\n\nhelper_count = 3\nprint(helper.X + helper.f(), helper_count, "helper.txt")\n' >main.py
	run heal --yes --no-wait -- $PY main.py
	assert_success
	printf 'import helpers\n\nhelper_count = 3\nprint(helpers.X + helpers.f(), helper_count, "helper.txt")\n' >want
	cmp want main.py
}

@test "python variants: 'from helper import X' still only renames the import line" {
	printf 'X = 1\n' >helpers.py
	printf 'from helper import X\n\nprint(X)\n' >main.py
	run heal --yes --no-wait -- $PY main.py
	assert_success
	printf 'from helpers import X\n\nprint(X)\n' >want
	cmp want main.py
}
