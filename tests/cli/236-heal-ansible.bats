#!/usr/bin/env bats
# heal end to end on Ansible playbooks of our own, each with one of the
# mistakes ansible-core's catalog names, where its message says the fix or
# the playbook shows it: the playbook must run on localhost after heal
# with its default settings, and the line must read as its author meant
# it.  Only ansible.builtin modules on files under the test's directory.
bats_require_minimum_version 1.5.0
load helpers/loop

setup() {
	loop_setup
	command -v ansible-playbook >/dev/null || skip "ansible-playbook is not installed"
	export ANSIBLE_NOCOLOR=1 ANSIBLE_LOCAL_TEMP="$BATS_TEST_TMPDIR/.ansible-tmp"
}
teardown() { loop_teardown; }

# heals FILE: heal --yes --no-wait -- ansible-playbook ... FILE succeeds
heals() {
	run --separate-stderr env HEAL_SEARCH=1 heal --yes --no-wait -- \
		ansible-playbook -i localhost, -c local "$1" </dev/null
	echo "$stderr"
	assert_success
}

@test "a play written as a mapping becomes a list of one play; keys indented already keep their place" {
	printf -- '---\nhosts: localhost\ngather_facts: false\ntasks:\n  - ansible.builtin.debug:\n      msg: hi\n' >a.yml
	heals a.yml
	run cat a.yml
	assert_output $'---\n- hosts: localhost\n  gather_facts: false\n  tasks:\n    - ansible.builtin.debug:\n        msg: hi'
	printf -- '  hosts: localhost\n  gather_facts: false\n  tasks:\n    - ansible.builtin.debug:\n        msg: hi\n' >b.yml
	heals b.yml
	grep -qx -- '- hosts: localhost' b.yml
}

@test "a value that begins with {{ is quoted whole; a tab's line takes the indentation of the line above" {
	printf -- '- hosts: localhost\n  gather_facts: false\n  tasks:\n    - ansible.builtin.copy:\n        content: "x\\n"\n        dest: {{ playbook_dir }}/out.txt\n' >a.yml
	heals a.yml
	grep -qxF '        dest: "{{ playbook_dir }}/out.txt"' a.yml
	printf -- '- hosts: localhost\n  gather_facts: false\n  tasks:\n    - ansible.builtin.copy:\n        content: "x\\n"\n        dest: "{{ playbook_dir }}/out.txt"\n\tmode: "0644"\n' >b.yml
	heals b.yml
	grep -qxF '        mode: "0644"' b.yml
}

@test "a misspelt filter, a boolean and a module's number argument with its unit are mended, one run after another" {
	printf -- '- hosts: localhost\n  gather_facts: flase\n  vars:\n    items: [1, 2]\n  tasks:\n    - name: count\n      ansible.builtin.debug:\n        msg: "{{ items | lenght }}"\n    - name: wait\n      ansible.builtin.wait_for:\n        timeout: "2s"\n        path: "{{ playbook_dir }}/a.yml"\n' >a.yml
	heals a.yml
	grep -qx '  gather_facts: false' a.yml
	grep -qxF '        msg: "{{ items | length }}"' a.yml
	grep -qx '        timeout: 2' a.yml
}

@test "tasks: under a task is a block, with a rescue or without; a loop over import_tasks uses include_tasks, as the message says" {
	printf -- '- name: one\n  ansible.builtin.debug:\n    msg: "{{ item }}"\n' >a-part.yml
	printf -- '- hosts: localhost\n  gather_facts: false\n  tasks:\n    - name: group\n      tasks:\n        - name: inner\n          ansible.builtin.debug:\n            msg: in\n' >a.yml
	heals a.yml
	grep -qx '      block:' a.yml
	printf -- '- hosts: localhost\n  gather_facts: false\n  tasks:\n    - name: parts\n      ansible.builtin.import_tasks: a-part.yml\n      loop: [1, 2]\n' >c.yml
	heals c.yml
	grep -qx '      ansible.builtin.include_tasks: a-part.yml' c.yml
	printf -- '- hosts: localhost\n  gather_facts: false\n  tasks:\n    - name: guarded\n      tasks:\n        - name: inner\n          ansible.builtin.debug:\n            msg: in\n      rescue:\n        - name: said\n          ansible.builtin.debug:\n            msg: rescued\n' >b.yml
	heals b.yml
	grep -qx '      block:' b.yml
}

@test "a dict given to loop goes through dict2items; with_dict over a list becomes with_items" {
	printf -- '- hosts: localhost\n  gather_facts: false\n  vars:\n    ports: {web: 80}\n    names: [a, b]\n  tasks:\n    - name: ports\n      ansible.builtin.debug:\n        msg: "{{ item.key }}"\n      loop: "{{ ports }}"\n    - name: names\n      ansible.builtin.debug:\n        msg: "{{ item }}"\n      with_dict: "{{ names }}"\n' >a.yml
	heals a.yml
	grep -qxF '      loop: "{{ ports | dict2items }}"' a.yml
	grep -qx '      with_items: "{{ names }}"' a.yml
}

@test "a variable named with '-' is renamed with '_' everywhere; a string variable added to a number is read as an int" {
	printf -- '- hosts: localhost\n  gather_facts: false\n  vars:\n    base-port: "8000"\n  tasks:\n    - name: show\n      ansible.builtin.debug:\n        msg: "{{ base-port }}"\n' >a.yml
	heals a.yml
	grep -qx '    base_port: "8000"' a.yml
	grep -qxF '        msg: "{{ base_port }}"' a.yml
	printf -- '- hosts: localhost\n  gather_facts: false\n  vars:\n    base: "8000"\n  tasks:\n    - name: next port\n      ansible.builtin.debug:\n        msg: "{{ base + 1 }}"\n' >b.yml
	heals b.yml
	grep -qxF '        msg: "{{ base | int + 1 }}"' b.yml
}

@test "cd under the command module runs under the shell module; of two exclusive parameters the second goes" {
	printf -- '- hosts: localhost\n  gather_facts: false\n  tasks:\n    - name: go\n      ansible.builtin.command: cd /tmp\n' >a.yml
	heals a.yml
	grep -qx '      ansible.builtin.shell: cd /tmp' a.yml
	printf 'a=1\n' >conf
	printf -- '- hosts: localhost\n  gather_facts: false\n  tasks:\n    - name: set a\n      ansible.builtin.lineinfile:\n        path: "{{ playbook_dir }}/conf"\n        regexp: "^a="\n        search_string: "a="\n        line: "a=2"\n' >b.yml
	heals b.yml
	run grep -c search_string b.yml
	assert_output 0
	grep -qx 'a=2' conf
}

@test "a stat result's fact is read under .stat; a result registered from another module is left alone" {
	printf -- '- hosts: localhost\n  gather_facts: false\n  tasks:\n    - name: look\n      ansible.builtin.stat:\n        path: "{{ playbook_dir }}/a.yml"\n      register: st\n    - name: say\n      ansible.builtin.debug:\n        msg: there\n      when: st.exists\n' >a.yml
	heals a.yml
	grep -qx '      when: st.stat.exists' a.yml
	printf -- '- hosts: localhost\n  gather_facts: false\n  tasks:\n    - name: run\n      ansible.builtin.command: "true"\n      register: st\n    - name: say\n      ansible.builtin.debug:\n        msg: there\n      when: st.exists\n' >b.yml
	cp b.yml b.orig
	run --separate-stderr env HEAL_SEARCH=1 heal --yes --no-wait -- ansible-playbook -i localhost, -c local b.yml </dev/null
	assert_failure
	cmp b.yml b.orig
}

@test "lineinfile on a file that is not there creates it" {
	printf -- '- hosts: localhost\n  gather_facts: false\n  tasks:\n    - name: set\n      ansible.builtin.lineinfile:\n        path: "{{ playbook_dir }}/new.conf"\n        line: "a=1"\n' >a.yml
	heals a.yml
	grep -qx '        create: true' a.yml
	grep -qx 'a=1' new.conf
}
