#!/usr/bin/env bats
# heal-validate's syntax checkers per language: bash -n then shellcheck,
# ansible-playbook's re-run (its --syntax-check is for candidates in a
# copy), terraform validate; a missing checker is a note, never a failure.
bats_require_minimum_version 1.5.0
load helpers/loop

setup() { loop_setup; }
teardown() { loop_teardown; }

# the "tool status" of each syntax check in the applied fix's validation
syntax_checks() {
	applied_validation | "$PY" -S -c 'import json,sys
r = json.loads(sys.stdin.read())
for c in r["checks"]:
    if c["name"] == "syntax":
        print(c.get("tool", "-"), c["status"])'
}

@test "shell: bash -n then shellcheck (parse errors only); lint it finds is not a syntax failure" {
	command -v shellcheck >/dev/null || skip "shellcheck is not installed"
	# a pre-existing error-level lint finding (SC2068) stays; the fix is fine
	printf '#!/bin/bash\nset -u\nargs=(a b)\nfor a in ${args[@]}; do echo "$a"; done\necho "$HOM"\n' >s.sh
	script_fix s.sh '$HOM' '$HOME' bash "HOM: unbound variable" bash s.sh
	run --separate-stderr heal-validate <fixed.ndjson
	assert_success
	assert_equal "$(printf '%s\n' "$output" | syntax_checks)" "bash passed
shellcheck passed"
}

@test "shell: a fix that breaks the script's syntax fails at bash -n and is rolled back; shellcheck not run" {
	printf '#!/bin/bash\nif [ -n "$HOME" ]; then\n  echo "$HOM"\nfi\n' >s.sh
	cp s.sh orig
	script_fix s.sh 'fi' 'done' bash "HOM: unbound variable" bash s.sh
	run --separate-stderr heal-validate <fixed.ndjson
	assert_failure 1
	assert_equal "$(printf '%s\n' "$output" | syntax_checks)" "bash failed"
	assert_equal "$(sha s.sh)" "$(sha orig)"
}

@test "python: an error past the fix that compile() could not reach before it is no failure; one on the fix's own line is" {
	command -v python3 >/dev/null || skip "python3 is not installed"
	printf 'def f()\n    return 1\n\ndef g()\n    return 2\n' >m.py
	script_fix m.py 'def f()' 'def f():' python "expected ':'" python3 m.py
	run --separate-stderr heal-validate <fixed.ndjson
	assert_equal "$(printf '%s\n' "$output" | syntax_checks)" "python3 passed"
	printf '%s\n' "$output" | grep -q '"status":"passed"'
	! printf '%s\n' "$output" | grep -q 'a new error appeared' || false
	grep -q '^def f():$' m.py
	# the same fix making its own line wrong is rolled back
	printf 'def f()\n    return 1\n\ndef g()\n    return 2\n' >m.py
	cp m.py orig
	script_fix m.py 'def f()' 'def f():)' python "expected ':'" python3 m.py
	run --separate-stderr heal-validate <fixed.ndjson
	assert_failure 1
	assert_equal "$(printf '%s\n' "$output" | syntax_checks)" "python3 failed"
	assert_equal "$(sha m.py)" "$(sha orig)"
}

@test "ansible: a fix in the playbook is proven by the re-run, which loads the playbook as --syntax-check would" {
	command -v ansible-playbook >/dev/null || skip "ansible-core is not installed"
	export ANSIBLE_LOCAL_TEMP=$PWD/.ansible-tmp ANSIBLE_HOME=$PWD/.ansible
	printf -- '- hosts: localhost\n  gather_facts: false\n  tasks:\n    - name: say\n      ansible.builtin.debug:\n        msg: "{{ greting }}"\n      vars:\n        greeting: hi\n' >site.yml
	cp site.yml orig
	# a fix that breaks the YAML: the re-run reports it, and it is rolled back
	script_fix site.yml '  tasks:' ' tasks: [' ansible "'greting' is undefined" ansible-playbook -i localhost, site.yml
	run --separate-stderr heal-validate <fixed.ndjson
	assert_failure 1
	assert_equal "$(printf '%s\n' "$output" | syntax_checks)" "- skipped"
	printf '%s\n' "$output" | grep -q 'the re-run loads this playbook before it runs a task'
	printf '%s\n' "$output" | grep -q '"reason":"a new error appeared: '
	assert_equal "$(sha site.yml)" "$(sha orig)"
	# the right fix passes the re-run
	script_fix site.yml 'greting' 'greeting' ansible "'greting' is undefined" ansible-playbook -i localhost, site.yml
	run --separate-stderr heal-validate <fixed.ndjson
	assert_success
	assert_equal "$(printf '%s\n' "$output" | syntax_checks)" "- skipped"
	grep -q '{{ greeting }}' site.yml
}

@test "terraform: a fix in a .tf file is checked with terraform validate in its directory" {
	command -v terraform >/dev/null || skip "terraform is not installed"
	export CHECKPOINT_DISABLE=1
	mkdir -p mod
	printf 'resource "terraform_data" "a" {\n  input = "x"\n}\n' >mod/main.tf
	cp mod/main.tf orig
	script_fix mod/main.tf 'input' 'inputs' terraform "Unsupported argument" terraform -chdir=mod validate -no-color
	run --separate-stderr heal-validate <fixed.ndjson
	assert_failure 1
	assert_equal "$(printf '%s\n' "$output" | syntax_checks)" "terraform failed"
	assert_equal "$(sha mod/main.tf)" "$(sha orig)"
}

@test "a checker that is not installed is a note, not a failure" {
	printf '#!/bin/bash\necho "$HOM"\n' >s.sh
	mkdir bin
	for t in bash env; do ln -s "$(command -v $t)" bin/$t; done
	script_fix s.sh '$HOM' '$HOME' bash "HOM: unbound variable" bash s.sh
	v=$(command -v heal-validate)
	run --separate-stderr env PATH="$PWD/bin" "$v" <fixed.ndjson
	assert_success
	assert_equal "$(printf '%s\n' "$output" | syntax_checks)" "bash passed
shellcheck unavailable"
}
