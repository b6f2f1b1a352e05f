#!/usr/bin/env bats
# heal end to end on Ansible playbooks of our own, each with one of the
# mistakes ansible-core's catalog names, where its message says the fix or
# the playbook shows it: the playbook must run on localhost after heal
# with its default settings (the search on: it proves a rule's candidate
# below heal's confidence, the file ansible-playbook --syntax-check
# passes), and the line must read as its author meant it.  Only
# ansible.builtin modules on files under the test's directory.
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
	# a task without a name: its error names no place, and the playbook
	# that could not load before ran none of it (heal_lang's load_stop)
	printf -- '- hosts: localhost\n  gather_facts: flase\n  tasks:\n    - ansible.builtin.debug:\n        msg: "{{ [1] | lenght }}"\n' >b.yml
	# is no regression of the fix that let it run; the filter's typo, at no
	# place, is mended wherever the file has it
	heals b.yml
	grep -qx '  gather_facts: false' b.yml
	grep -qxF '        msg: "{{ [1] | length }}"' b.yml
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

@test "a play without hosts runs on all, below the default confidence only (all of an inventory); a task keyword misspelt beside a module is the keyword; a second loop goes" {
	printf -- '- name: play\n  gather_facts: false\n  tasks:\n    - name: hi\n      ansible.builtin.debug:\n        msg: hi\n' >a.yml
	cp a.yml a.orig
	run --separate-stderr env HEAL_SEARCH=1 heal --yes --no-wait -- ansible-playbook -i localhost, -c local a.yml </dev/null
	assert_failure
	cmp a.yml a.orig
	run --separate-stderr env HEAL_SEARCH=1 heal --yes --no-wait --min-confidence 0.8 -- \
		ansible-playbook -i localhost, -c local a.yml </dev/null
	assert_success
	grep -qx -- '- hosts: all' a.yml
	printf -- '- hosts: localhost\n  gather_facts: false\n  tasks:\n    - name: hi\n      ansible.builtin.debug:\n        msg: hi\n      registr: out\n' >b.yml
	heals b.yml
	grep -qx '      register: out' b.yml
	printf -- '- hosts: localhost\n  gather_facts: false\n  tasks:\n    - name: hi\n      ansible.builtin.debug:\n        msg: "{{ item }}"\n      loop: [1, 2]\n      with_items: [1, 2]\n' >c.yml
	heals c.yml
	run grep -c with_items c.yml
	assert_output 0
}

@test "a handler and a lookup named with a typo take the closest; a boolean argument's typo and a file absent under state: file are mended" {
	printf -- '- hosts: localhost\n  gather_facts: false\n  tasks:\n    - name: change\n      ansible.builtin.command: "true"\n      notify: restart web server\n  handlers:\n    - name: restart webserver\n      ansible.builtin.debug:\n        msg: restarted\n' >a.yml
	heals a.yml
	grep -qx '      notify: restart webserver' a.yml
	printf -- '- hosts: localhost\n  gather_facts: false\n  tasks:\n    - name: read\n      ansible.builtin.debug:\n        msg: "{{ lookup('"'"'fiel'"'"', playbook_dir + '"'"'/a.yml'"'"') | length }}"\n' >b.yml
	heals b.yml
	grep -qF "lookup('file'," b.yml
	printf -- '- hosts: localhost\n  gather_facts: false\n  tasks:\n    - name: copy\n      ansible.builtin.copy:\n        content: "x"\n        dest: "{{ playbook_dir }}/x.txt"\n        force: ture\n' >c.yml
	heals c.yml
	grep -qx '        force: true' c.yml
	printf -- '- hosts: localhost\n  gather_facts: false\n  tasks:\n    - name: make\n      ansible.builtin.file:\n        path: "{{ playbook_dir }}/new.txt"\n        state: file\n' >d.yml
	heals d.yml
	grep -qx '        state: touch' d.yml
	[ -f new.txt ]
}

@test "command with a pipe runs under shell; a removed parameter goes; a condition loses its braces; a template's brace is closed" {
	printf -- '- hosts: localhost\n  gather_facts: false\n  tasks:\n    - name: count\n      ansible.builtin.command: cat {{ playbook_dir }}/a.yml | wc -l\n' >a.yml
	heals a.yml
	grep -q '      ansible.builtin.shell: cat' a.yml
	printf -- '- hosts: localhost\n  gather_facts: false\n  tasks:\n    - name: run\n      ansible.builtin.command: echo hi\n      args:\n        warn: false\n' >b.yml
	heals b.yml
	run grep -c warn b.yml
	assert_output 0
	printf -- '- hosts: localhost\n  gather_facts: false\n  tasks:\n    - name: run\n      ansible.builtin.command: echo ok\n      register: out\n    - name: say\n      ansible.builtin.debug:\n        msg: hi\n      when: "{{ out.stdout }} == '"'"'ok'"'"'"\n' >c.yml
	heals c.yml
	grep -qxF '      when: "out.stdout == '"'"'ok'"'"'"' c.yml
	printf -- '- hosts: localhost\n  gather_facts: false\n  vars:\n    a: 1\n  tasks:\n    - name: say\n      ansible.builtin.debug:\n        msg: "a={{ a }"\n    - name: again\n      ansible.builtin.debug:\n        msg: "a={{ a"\n' >d.yml
	heals d.yml
	grep -qxF '        msg: "a={{ a }}"' d.yml
	run grep -c '{{ a }}' d.yml
	assert_output 2
}

@test "a state the module lacks takes the one it means: present for a file is touch" {
	printf -- '- hosts: localhost\n  gather_facts: false\n  tasks:\n    - name: make\n      ansible.builtin.file:\n        path: "{{ playbook_dir }}/made.txt"\n        state: present\n' >a.yml
	heals a.yml
	grep -qx '        state: touch' a.yml
	[ -f made.txt ]
}

@test "a YAML parser's error hid an unhashable key above it: once the file parses, the key's fix follows, and the first fix is no failure" {
	# PyYAML parses the whole file (line 10's indentation) before its
	# constructor meets line 6's {{ }}, a mapping as a key
	printf -- '- hosts: localhost\n  gather_facts: false\n  tasks:\n    - name: one\n      ansible.builtin.debug:\n        msg: {{ greeting }}\n      vars:\n        greeting: hi\n    - name: two\n      ansible.builtin.debug:\n       msg: "x"\n        verbosity: 0\n' >a.yml
	heals a.yml
	[[ "$stderr" == *"attempt 1: 1 fix applied, 1 passed, 0 failed"* ]]
	grep -qxF '        msg: "{{ greeting }}"' a.yml
	grep -qxF '       verbosity: 0' a.yml
}

@test "an action plugin's misspelt option takes the closest of its options; loop: a,b becomes a list" {
	printf -- '- hosts: localhost\n  gather_facts: false\n  tasks:\n    - name: check\n      ansible.builtin.assert:\n        that: 1 == 1\n        sucess_msg: fine\n' >a.yml
	heals a.yml
	grep -qxF '        success_msg: fine' a.yml
	printf -- '- hosts: localhost\n  gather_facts: false\n  tasks:\n    - name: each\n      ansible.builtin.debug:\n        msg: "{{ item }}"\n      loop: red, green,blue\n' >b.yml
	heals b.yml
	grep -qxF '      loop: [red, green,blue]' b.yml
}

@test "a misspelt filter in an unnamed task, a registered result's misspelt key, an included tasks file named in a typo" {
	printf -- '- hosts: localhost\n  gather_facts: false\n  tasks:\n    - ansible.builtin.command: echo hi\n      register: out\n    - ansible.builtin.debug:\n        msg: "{{ out.stdot | uper }}"\n    - ansible.builtin.include_tasks: tsks.yml\n' >a.yml
	printf -- '- ansible.builtin.debug:\n    msg: included\n' >tasks.yml
	heals a.yml
	grep -qxF '        msg: "{{ out.stdout | upper }}"' a.yml
	grep -qxF '    - ansible.builtin.include_tasks: tasks.yml' a.yml
}

@test "a play's vars written twice become one mapping; a looped register is read through results; debug's bare string is its msg" {
	printf -- '- hosts: localhost\n  gather_facts: false\n  vars:\n    owner: ops\n  vars:\n    team: web\n  tasks:\n    - ansible.builtin.debug:\n        msg: "{{ owner }}-{{ team }}"\n' >a.yml
	heals a.yml
	run grep -c '^  vars:' a.yml
	assert_output 1
	printf -- '- hosts: localhost\n  gather_facts: false\n  tasks:\n    - name: run each\n      ansible.builtin.command: "true"\n      with_items: [1, 2]\n      register: runs\n    - ansible.builtin.debug:\n        msg: "{{runs.rc}}"\n' >b.yml
	heals b.yml
	grep -qxF "        msg: \"{{runs.results | map(attribute='rc') | list}}\"" b.yml
	printf -- "- hosts: localhost\n  gather_facts: false\n  vars:\n    who: me\n  tasks:\n    - ansible.builtin.debug: '{{ who }} was here'\n" >c.yml
	heals c.yml
	grep -qxF "    - ansible.builtin.debug: msg='{{ who }} was here'" c.yml
}
