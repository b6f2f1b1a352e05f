#!/usr/bin/env bats
# ansible classes next to the corpus's: a module option's value outside its
# choices (ansible lists them), a misspelled task or play keyword.  Each is
# healed by the real heal driver with the minimal change; a value or keyword
# with no near candidate is left byte-identical.

load analyze-helpers

setup_file() {
	command -v ansible-playbook >/dev/null || skip "no ansible-playbook"
}

setup() {
	T=$(mktemp -d)
	cd "$T" || exit 1
	PATH="$HEAL_SRC/tests:$PATH"
	export LC_ALL=C.UTF-8 LANG=C.UTF-8 NO_COLOR=1 PYTHONDONTWRITEBYTECODE=1
	export ANSIBLE_NOCOLOR=1 ANSIBLE_LOCALHOST_WARNING=False ANSIBLE_INVENTORY_UNPARSED_WARNING=False
	export ANSIBLE_PYTHON_INTERPRETER=/usr/bin/python3 ANSIBLE_LOCAL_TEMP="$T/.ansible-tmp" ANSIBLE_REMOTE_TEMP="$T/.ansible-tmp"
}

AP=(ansible-playbook -i localhost, -c local site.yml)

@test "ansible classes: a state outside the module's choices becomes the near choice, in the failing task" {
	printf -- '- hosts: all\n  gather_facts: false\n  tasks:\n    - name: make the dir\n      file:\n        path: "{{ playbook_dir }}/out"\n        state: directory\n    - name: write the line\n      lineinfile:\n        path: "{{ playbook_dir }}/out/a.txt"\n        line: hello\n        create: true\n        state: presnet\n' >site.yml
	detected "must be one of" "${AP[@]}"
	[ "$(fix_get 'r["file"], r["line"], r["severity"]')" = '["site.yml", 8, "error"]' ]
	run heal --yes --no-wait -- "${AP[@]}"
	assert_success
	printf -- '- hosts: all\n  gather_facts: false\n  tasks:\n    - name: make the dir\n      file:\n        path: "{{ playbook_dir }}/out"\n        state: directory\n    - name: write the line\n      lineinfile:\n        path: "{{ playbook_dir }}/out/a.txt"\n        line: hello\n        create: true\n        state: present\n' >want
	cmp want site.yml
	[ "$(cat out/a.txt)" = hello ]
}

@test "ansible classes: the bad value is replaced in the option, not in the task's name above it" {
	printf -- '- hosts: all\n  gather_facts: false\n  tasks:\n    - name: leave a touched marker\n      file:\n        path: "{{ playbook_dir }}/marker"\n        state: touched\n' >site.yml
	run heal --yes --no-wait -- "${AP[@]}"
	assert_success
	printf -- '- hosts: all\n  gather_facts: false\n  tasks:\n    - name: leave a touched marker\n      file:\n        path: "{{ playbook_dir }}/marker"\n        state: touch\n' >want
	cmp want site.yml
	[ -f marker ]
}

@test "ansible classes: a misspelled task keyword becomes the near keyword, in every task" {
	printf -- '- hosts: all\n  gather_facts: false\n  tasks:\n    - name: loop\n      debug:\n        msg: "{{ item }}"\n      with_item:\n        - a\n    - name: again\n      debug:\n        msg: "{{ item }}"\n      with_item: [b]\n' >site.yml
	run heal --yes --no-wait -- "${AP[@]}"
	assert_success
	printf -- '- hosts: all\n  gather_facts: false\n  tasks:\n    - name: loop\n      debug:\n        msg: "{{ item }}"\n      with_items:\n        - a\n    - name: again\n      debug:\n        msg: "{{ item }}"\n      with_items: [b]\n' >want
	cmp want site.yml
}

@test "ansible classes: a misspelled play keyword becomes the near keyword" {
	printf -- '- hsots: all\n  gather_facts: false\n  tasks:\n    - debug:\n        msg: hi\n' >site.yml
	run heal --yes --no-wait -- "${AP[@]}"
	assert_success
	printf -- '- hosts: all\n  gather_facts: false\n  tasks:\n    - debug:\n        msg: hi\n' >want
	cmp want site.yml
}

@test "ansible classes: a value or a keyword with no near candidate (and no meaning a state has) is left byte-identical" {
	printf -- '- hosts: all\n  gather_facts: false\n  tasks:\n    - name: f\n      file:\n        path: "{{ playbook_dir }}/out"\n        state: sideways\n' >site.yml
	left_alone site.yml "${AP[@]}"
	printf -- '- hosts: all\n  gather_facts: false\n  tasks:\n    - name: f\n      debug:\n        msg: hi\n      with_stuff_here:\n        - a\n' >site.yml
	left_alone site.yml "${AP[@]}"
}
