#!/usr/bin/env bats
# heal-detect on real outputs of errors the corpus does not hold: each test
# runs the real tool in a temp dir (skipped when the tool is missing) and
# pins one class of error that heal-detect got wrong.

load 'helpers/detect'

setup() {
	T=$(mktemp -d)
	export LC_ALL=C.UTF-8 LANG=C.UTF-8 NO_COLOR=1 TERM=dumb
	export PYTHONDONTWRITEBYTECODE=1
	export ANSIBLE_NOCOLOR=1 ANSIBLE_LOCALHOST_WARNING=False \
		ANSIBLE_INVENTORY_UNPARSED_WARNING=False \
		ANSIBLE_PYTHON_INTERPRETER=/usr/bin/python3 ANSIBLE_RETRY_FILES_ENABLED=False
	export CHECKPOINT_DISABLE=1
	unset TF_CLI_CONFIG_FILE
}

teardown() {
	rm -rf "$T"
}

need_pytest() {
	$PY -c 'import pytest' 2>/dev/null || skip "no pytest for $PY"
}

# --- pytest --------------------------------------------------------------

@test "pytest: a fixture that raises is located at the raise, not only in the summary" {
	need_pytest
	printf 'import pytest\n\n@pytest.fixture\ndef db():\n    raise RuntimeError("cannot connect")\n\ndef test_db(db):\n    assert db\n' >"$T/test_db.py"
	for args in "-q" ""; do
		detect_in "$T" $PY -m pytest $args -p no:cacheprovider --color=no
		grep -q 'ERROR at setup of test_db' "$T/out.txt"
		[ "$(rec_count "$T/rec.json")" -eq 1 ]
		rec_check "$T/rec.json" 0 tool=pytest file=test_db.py line=5 severity=error \
			code=RuntimeError "message=cannot connect"
	done
}

@test "pytest: a missing fixture is still its own record" {
	need_pytest
	printf 'import pytest\n\n@pytest.fixture\ndef config():\n    return 1\n\ndef test_x(confg):\n    assert confg\n' >"$T/test_x.py"
	detect_in "$T" $PY -m pytest -q -p no:cacheprovider --color=no
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 file=test_x.py line=7 code=fixture-not-found \
		"message=fixture 'confg' not found" "detail~=config"
}

@test "pytest: a SyntaxError in the collected module gives its file and line" {
	need_pytest
	printf 'def test_ok():\n    pass\n\ndef test_bad(:\n    pass\n' >"$T/test_syn.py"
	for args in "-q" ""; do
		detect_in "$T" $PY -m pytest $args -p no:cacheprovider --color=no
		[ "$(rec_count "$T/rec.json")" -eq 1 ]
		rec_check "$T/rec.json" 0 tool=pytest file=test_syn.py line=4 severity=error \
			code=SyntaxError category=syntax "message=invalid syntax"
	done
}

@test "pytest: a SyntaxError in a module the test imports points at that module" {
	need_pytest
	printf 'def half(x):\n    return x / 2)\n' >"$T/calc.py"
	printf 'from calc import half\n\ndef test_half():\n    assert half(4) == 2\n' >"$T/test_calc.py"
	detect_in "$T" $PY -m pytest -q -p no:cacheprovider --color=no
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 file=calc.py line=2 code=SyntaxError "message~=unmatched ')'"
}

# --- make ----------------------------------------------------------------

@test "make --no-print-directory: the sub-make's and the parent's failures are two records" {
	command -v make >/dev/null || skip "no make"
	mkdir "$T/sub"
	printf 'all:\n\t$(MAKE) -C sub\n' >"$T/Makefile"
	printf 'all:\n\t@exit 3\n' >"$T/sub/Makefile"
	detect_in "$T" make --no-print-directory
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=make line=2 "message=[Makefile:2: all] Error 3"
	rec_check "$T/rec.json" 1 tool=make file=Makefile line=2 "message=[Makefile:2: all] Error 2"
}

# --- terraform -----------------------------------------------------------

@test "terraform init: two errors of one title and other details are two records" {
	command -v terraform >/dev/null || skip "no terraform"
	printf 'module "net" {\n  source = "./modules/net"\n}\n' >"$T/main.tf"
	detect_in "$T" terraform init -no-color -input=false
	[ "$(grep -c '^Error: Unreadable module directory' "$T/out.txt")" -eq 2 ]
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=terraform file=null "message=Unreadable module directory" \
		"detail~=Unable to evaluate directory symlink"
	rec_check "$T/rec.json" 1 tool=terraform file=null "message=Unreadable module directory" \
		"raw~=could not be read for module \"net\""
	id0=$($PY -S -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["id"])' "$T/rec.json")
	! grep -c "$id0" "$T/rec.json" | grep -qv '^1$' || false
}

# --- ansible -------------------------------------------------------------

@test "ansible: a failure printed over several lines (assert) is a record" {
	command -v ansible-playbook >/dev/null || skip "no ansible-playbook"
	printf -- '- hosts: localhost\n  gather_facts: false\n  tasks:\n    - name: Check sizes\n      ansible.builtin.assert:\n        that: 1 == 2\n        fail_msg: "sizes differ"\n' >"$T/site.yml"
	detect_in "$T" ansible-playbook -i localhost, -c local site.yml
	grep -q '^fatal: \[localhost\]: FAILED! => {$' "$T/out.txt"
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=ansible file=site.yml line=4 severity=error \
		"message=sizes differ"
}

@test "ansible: failed loop items ('failed: [host] (item=x) => ...') are records" {
	command -v ansible-playbook >/dev/null || skip "no ansible-playbook"
	printf -- '- hosts: localhost\n  gather_facts: false\n  tasks:\n    - name: List dirs\n      ansible.builtin.command: "ls /nonexistent-{{ item }}"\n      loop: [alpha, beta]\n' >"$T/site.yml"
	detect_in "$T" ansible-playbook -i localhost, -c local site.yml
	grep -q '^failed: \[localhost\] (item=alpha) => {' "$T/out.txt"
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	# the command module's "non-zero return code" says less than the
	# command's own last word on stderr: that is the message
	rec_check "$T/rec.json" 0 file=site.yml line=4 "message~=/nonexistent-alpha" "detail~=non-zero return code"
	rec_check "$T/rec.json" 1 file=site.yml line=4 "message~=/nonexistent-beta" "detail~=non-zero return code"
}

@test "ansible: include_tasks of a missing file says why ('reason')" {
	command -v ansible-playbook >/dev/null || skip "no ansible-playbook"
	printf -- '- hosts: localhost\n  gather_facts: false\n  tasks:\n    - name: Include setup\n      ansible.builtin.include_tasks: tasks/setup.yml\n' >"$T/site.yml"
	detect_in "$T" ansible-playbook -i localhost, -c local site.yml
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 file=site.yml line=4 category=dependency \
		"message~=Could not find or access" "message~=tasks/setup.yml' on the Ansible Controller"
}

# --- g++ -----------------------------------------------------------------

@test "g++: an error inside libstdc++'s headers is C++ (g++), not gcc" {
	command -v g++ >/dev/null || skip "no g++"
	printf '#include <map>\nstruct Key {};\nint main() {\n    std::map<Key, int> m;\n    m[Key{}] = 1;\n    return 0;\n}\n' >"$T/main.cpp"
	detect_in "$T" g++ -fdiagnostics-color=never -Wall -std=c++17 -g -o app main.cpp
	grep -q 'main.cpp:5:.*required from here' "$T/out.txt"
	rec_check "$T/rec.json" 0 tool=g++ env=cpp severity=error "message~=no match for ‘operator<’"
}

# --- python --------------------------------------------------------------

@test "python: an ExceptionGroup traceback (drawn in a '|' ruler) is a record" {
	$PY -c 'import sys; sys.exit(sys.version_info < (3, 11))' || skip "python < 3.11"
	printf 'def check():\n    raise ExceptionGroup("checks failed", [ValueError("bad a"), TypeError("bad b")])\n\ncheck()\n' >"$T/main.py"
	detect_in "$T" $PY main.py
	grep -q 'Exception Group Traceback' "$T/out.txt"
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=python file=main.py line=2 severity=error \
		code=ExceptionGroup "message=checks failed (2 sub-exceptions)"
}

@test "python: warnings of the warnings module are warning records, the traceback an error" {
	printf 'import warnings\nwarnings.warn("old api", DeprecationWarning, stacklevel=1)\nwarnings.warn("careful")\nx = 1 / 0\n' >"$T/main.py"
	detect_in "$T" $PY main.py
	[ "$(rec_count "$T/rec.json")" -eq 3 ]
	rec_check "$T/rec.json" 0 tool=python file=main.py line=2 severity=warning \
		code=DeprecationWarning "message=old api"
	rec_check "$T/rec.json" 1 file=main.py line=3 severity=warning code=UserWarning "message=careful"
	rec_check "$T/rec.json" 2 file=main.py line=4 severity=error code=ZeroDivisionError
}
