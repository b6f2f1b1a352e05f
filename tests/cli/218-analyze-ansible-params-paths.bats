#!/usr/bin/env bats
# More ansible variants: a misspelled short module with a free-form
# argument (reported as "extra params"), a key indented one too deep, a
# misspelled module parameter, and include_vars naming a missing file.
# Real ansible-playbook, healed through the heal driver.

load analyze-helpers

A="ansible-playbook -i localhost, -c local"
H='- hosts: localhost\n  gather_facts: false\n'

setup_file() {
	command -v ansible-playbook >/dev/null || skip "no ansible-playbook"
}

@test "ansible variants: 'comand: echo hi' (extra params) becomes command" {
	printf -- "$H"'  tasks:\n    - name: say\n      comand: echo hi\n' >site.yml
	run heal --yes --no-wait -- $A --syntax-check site.yml
	assert_success
	printf -- "$H"'  tasks:\n    - name: say\n      command: echo hi\n' >want
	cmp want site.yml
}

@test "ansible variants: a key one deeper than its sibling, two-space task list" {
	printf -- "$H"'  tasks:\n  - name: mk\n    ansible.builtin.file:\n      path: "{{ playbook_dir }}/x"\n       state: directory\n' >site.yml
	run heal --yes --no-wait -- $A --syntax-check site.yml
	assert_success
	printf -- "$H"'  tasks:\n  - name: mk\n    ansible.builtin.file:\n      path: "{{ playbook_dir }}/x"\n      state: directory\n' >want
	cmp want site.yml
}

@test "ansible variants: a misspelled parameter one edit from exactly one the module has (stat -> state)" {
	printf -- "$H"'  tasks:\n    - name: dir\n      ansible.builtin.file:\n        path: "{{ playbook_dir }}/d"\n        stat: directory\n' >site.yml
	run heal --yes --no-wait -- $A site.yml
	assert_success
	[ -d d ]
	grep -qx '        state: directory' site.yml
}

@test "ansible variants: include_vars of a misspelled file in vars/" {
	mkdir vars
	echo 'y: 2' >vars/app.yml
	printf -- "$H"'  tasks:\n    - name: load\n      ansible.builtin.include_vars: vars/ap.yml\n    - name: show\n      ansible.builtin.debug:\n        var: y\n' >site.yml
	run heal --yes --no-wait -- $A site.yml
	assert_success
	grep -qx '      ansible.builtin.include_vars: vars/app.yml' site.yml
}

@test "ansible variants: include_vars of a file with no close name is left alone" {
	mkdir vars
	echo 'y: 2' >vars/app.yml
	printf -- "$H"'  tasks:\n    - name: load\n      ansible.builtin.include_vars: vars/secrets.yml\n' >site.yml
	cp site.yml orig
	run heal --yes --no-wait -- $A site.yml
	assert_failure
	cmp orig site.yml
}
