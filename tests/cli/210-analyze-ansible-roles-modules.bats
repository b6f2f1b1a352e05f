#!/usr/bin/env bats
# Variants of the corpus's ansible classes, not copies of it: other names,
# layouts and indentation, healed through the real heal driver. Each test
# checks the playbook passes afterwards and the change is the minimal one.

load analyze-helpers

check() { # PLAYBOOK: heal a syntax check of it
	run heal --yes --no-wait -- ansible-playbook -i localhost, -c local --syntax-check "$1"
}

setup_file() {
	command -v ansible-playbook >/dev/null || skip "no ansible-playbook"
}

role() {
	mkdir -p "roles/$1/tasks"
	printf -- '- name: say\n  ansible.builtin.debug:\n    msg: hi\n' >"roles/$1/tasks/main.yml"
}

@test "ansible variants: a misspelled role in 'role:' form among several roles" {
	role database
	role nginx_site
	printf -- '- hosts: all\n  gather_facts: no\n  roles:\n    - role: databse\n    - nginx_site\n' >play.yml
	check play.yml
	assert_success
	printf -- '- hosts: all\n  gather_facts: no\n  roles:\n    - role: database\n    - nginx_site\n' >want
	cmp want play.yml
}

@test "ansible variants: a role name two edits away, in a list after include order" {
	role common
	role app_server
	printf -- '- hosts: all\n  gather_facts: false\n  roles:\n    - common\n    - appserver\n' >play.yml
	check play.yml
	assert_success
	printf -- '- hosts: all\n  gather_facts: false\n  roles:\n    - common\n    - app_server\n' >want
	cmp want play.yml
}

@test "ansible variants: two roles equally close are left alone, byte for byte" {
	role web1
	role web2
	printf -- '- hosts: all\n  gather_facts: false\n  roles:\n    - web\n' >play.yml
	chmod 640 play.yml
	cp -p play.yml orig
	check play.yml
	assert_failure
	cmp orig play.yml
	[ "$(stat -c %a play.yml)" = 640 ]
}

@test "ansible variants: a module argument dedented by one, four-space YAML" {
	printf -- '- hosts: all\n  gather_facts: false\n  tasks:\n      - name: make dir\n        ansible.builtin.file:\n            path: /tmp/x\n            mode: "0755"\n           state: directory\n' >play.yml
	check play.yml
	assert_success
	printf -- '- hosts: all\n  gather_facts: false\n  tasks:\n      - name: make dir\n        ansible.builtin.file:\n            path: /tmp/x\n            mode: "0755"\n            state: directory\n' >want
	cmp want play.yml
}

@test "ansible variants: a dedented key in the second task" {
	printf -- '- hosts: all\n  gather_facts: false\n  tasks:\n    - name: one\n      ansible.builtin.debug:\n        msg: a\n    - name: two\n      ansible.builtin.copy:\n        dest: /tmp/y\n       content: hi\n' >play.yml
	check play.yml
	assert_success
	printf -- '- hosts: all\n  gather_facts: false\n  tasks:\n    - name: one\n      ansible.builtin.debug:\n        msg: a\n    - name: two\n      ansible.builtin.copy:\n        dest: /tmp/y\n        content: hi\n' >want
	cmp want play.yml
}

@test "ansible variants: two short-named modules in the second task, with a key after" {
	printf -- '- hosts: all\n  gather_facts: false\n  tasks:\n    - name: first\n      debug:\n        msg: a\n    - name: setup\n      file:\n        path: /tmp/d\n        state: directory\n      copy:\n        dest: /tmp/d/f\n        content: x\n      become: false\n' >play.yml
	check play.yml
	assert_success
	printf -- '- hosts: all\n  gather_facts: false\n  tasks:\n    - name: first\n      debug:\n        msg: a\n    - name: setup\n      file:\n        path: /tmp/d\n        state: directory\n\n    - name: copy\n      copy:\n        dest: /tmp/d/f\n        content: x\n      become: false\n' >want
	cmp want play.yml
}

@test "ansible variants: conflicting modules in handlers with a when before them" {
	printf -- '- hosts: all\n  gather_facts: false\n  handlers:\n  - name: restart\n    when: true\n    ansible.builtin.command: "true"\n    ansible.builtin.shell: "true"\n' >play.yml
	check play.yml
	assert_success
	printf -- '- hosts: all\n  gather_facts: false\n  handlers:\n  - name: restart\n    when: true\n    ansible.builtin.command: "true"\n\n  - name: ansible.builtin.shell\n    ansible.builtin.shell: "true"\n' >want
	cmp want play.yml
}
