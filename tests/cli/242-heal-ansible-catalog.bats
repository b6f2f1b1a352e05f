#!/usr/bin/env bats
# heal end to end on ansible-core's own messages, with the suites'
# HEAL_SEARCH=0 (the rules alone): each test is a playbook of ours on
# localhost with one mistake that a message of the catalog reports (a
# task's line, not the offending one, is all the message names), and
# the playbook must run after heal, its line read as its author meant it.
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
	run --separate-stderr env HEAL_SEARCH="${HEAL_SEARCH:-0}" heal --yes --no-wait -- \
		ansible-playbook -i localhost, -c local "$1" </dev/null
	echo "$stderr"
	assert_success
}

play() { # the head of a play on localhost, its vars from $1
	printf -- '- hosts: localhost\n  gather_facts: false\n  vars:\n%b  tasks:\n' "$1"
}

@test "a misspelt Jinja test; a condition with '='; loop over a bare variable name" {
	{ play '    proxy_url: http://p\n'; printf -- '    - name: proxy\n      ansible.builtin.debug:\n        msg: "{{ proxy_url }}"\n      when: proxy_url is definded\n'; } >a.yml
	heals a.yml
	grep -qxF '      when: proxy_url is defined' a.yml
	{ play '    n: 0\n'; printf -- '    - name: zero\n      ansible.builtin.debug:\n        msg: zero\n      when: n = 0\n'; } >b.yml
	heals b.yml
	grep -qxF '      when: n == 0' b.yml
	{ play '    users: [ana, bo]\n'; printf -- '    - name: each\n      ansible.builtin.debug:\n        msg: "{{ item }}"\n      loop: users\n'; } >c.yml
	heals c.yml
	grep -qxF '      loop: "{{ users }}"' c.yml
}

@test "a dictionary's misspelt key; a variable a template reads that the play defines misspelt; a list item's key one column too deep" {
	{ play '    db:\n      host: h\n      port: 5432\n'; printf -- '    - name: dsn\n      ansible.builtin.debug:\n        msg: "{{ db.host }}:{{ db.prot }}"\n'; } >a.yml
	heals a.yml
	grep -qxF '        msg: "{{ db.host }}:{{ db.port }}"' a.yml
	printf 'port={{ listen_port }}\n' >b-site.j2
	{ play '    listen_prot: 8080\n'; printf -- '    - name: render\n      ansible.builtin.template:\n        src: b-site.j2\n        dest: "{{ playbook_dir }}/site.conf"\n'; } >b.yml
	heals b.yml
	grep -qxF '    listen_port: 8080' b.yml
	grep -qxF 'port=8080' site.conf
	{ play '    x: 1\n'; printf -- '    - name: show\n       ansible.builtin.debug:\n        msg: hi\n'; } >c.yml
	# the re-indent (0.8) is proven by the search's check
	HEAL_SEARCH=1 heals c.yml
	grep -qxF '      ansible.builtin.debug:' c.yml
}

@test "a quoted number compared with a number; a misspelt command the command module runs" {
	{ play '    limit: "5"\n'; printf -- '    - name: big\n      ansible.builtin.debug:\n        msg: big\n      when: limit > 3\n'; } >a.yml
	heals a.yml
	grep -qxF '      when: limit | int > 3' a.yml
	{ play '    x: 1\n'; printf -- '    - name: say\n      ansible.builtin.command: ehco hi\n      changed_when: false\n'; } >b.yml
	heals b.yml
	grep -qxF '      ansible.builtin.command: echo hi' b.yml
}

@test "a module argument without its colon; a required argument misspelt; a task's module at the list item's depth moves with its arguments" {
	{ play '    x: 1\n'; printf -- '    - name: say\n      ansible.builtin.debug:\n        msg "hi"\n'; } >a.yml
	heals a.yml
	grep -qxF '        msg: "hi"' a.yml
	{ play '    x: 1\n'; printf -- '    - name: write\n      ansible.builtin.copy:\n        content: "x"\n        dets: "{{ playbook_dir }}/o.txt"\n'; } >b.yml
	heals b.yml
	grep -qxF '        dest: "{{ playbook_dir }}/o.txt"' b.yml
	{ play '    x: 1\n'; printf -- '    - name: a\n      ansible.builtin.debug:\n        msg: hi\n    - name: b\n    ansible.builtin.debug:\n      msg: bye\n'; } >c.yml
	HEAL_SEARCH=1 heals c.yml
	[ "$(tail -n 2 c.yml)" = "$(printf '      ansible.builtin.debug:\n        msg: bye')" ]
}

@test "a list item a blank or two off its siblings goes to their indentation, its keys along only when they were lined up after its own '- '" {
	printf -- '- hosts: localhost\n  gather_facts: false\n  tasks:\n    - name: a\n      ansible.builtin.debug:\n        msg: hi\n     - name: b\n      ansible.builtin.debug:\n        msg: there\n' >a.yml
	heals a.yml
	[ "$(sed -n 7,9p a.yml)" = "$(printf '    - name: b\n      ansible.builtin.debug:\n        msg: there')" ]
	printf -- '- hosts: localhost\n  gather_facts: false\n  tasks:\n    - name: a\n      ansible.builtin.debug:\n        msg: hi\n     - name: b\n       ansible.builtin.debug:\n         msg: there\n' >b.yml
	heals b.yml
	[ "$(sed -n 7,9p b.yml)" = "$(printf '    - name: b\n      ansible.builtin.debug:\n        msg: there')" ]
}

@test "a plain value holding ': ' is quoted, its text unchanged (double quotes, or single where it has a double quote)" {
	printf -- '- hosts: localhost\n  gather_facts: false\n  tasks:\n    - name: colon\n      ansible.builtin.debug:\n        msg: Error: failed here\n    - name: both\n      ansible.builtin.debug:\n        msg: say "hi": now\n' >a.yml
	heals a.yml
	grep -qxF '        msg: "Error: failed here"' a.yml
	grep -qxF "        msg: 'say \"hi\": now'" a.yml
}
