#!/usr/bin/env bats
# heal-detect on real ansible-playbook output.

load 'helpers/detect'

setup() {
	T=$(mktemp -d)
	command -v ansible-playbook >/dev/null || skip "no ansible-playbook"
	export ANSIBLE_NOCOLOR=1 ANSIBLE_LOCALHOST_WARNING=False \
		ANSIBLE_INVENTORY_UNPARSED_WARNING=False \
		ANSIBLE_PYTHON_INTERPRETER=/usr/bin/python3 ANSIBLE_RETRY_FILES_ENABLED=False
	export LC_ALL=C.UTF-8 LANG=C.UTF-8
}

teardown() {
	rm -rf "$T"
}

@test "ansible --syntax-check: ERROR! block with file, line, column" {
	printf -- '- hosts: all\n  tasks:\n    - name: Copy\n      ansible.builtin.copyy:\n        src: a\n        dest: b\n' >"$T/site.yml"
	detect_in "$T" ansible-playbook -i localhost, -c local --syntax-check site.yml
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=ansible env=ansible file=site.yml line=3 column=7 severity=error \
		category=dependency "message~=couldn't resolve module/action 'ansible.builtin.copyy'"
}

@test "ansible: YAML syntax error" {
	printf -- '- hosts: all\n  tasks:\n    - name: x\n      file:\n        path: /tmp\n       state: directory\n' >"$T/site.yml"
	detect_in "$T" ansible-playbook -i localhost, -c local --syntax-check site.yml
	rec_check "$T/rec.json" 0 tool=ansible file=site.yml line=6 severity=error category=syntax \
		"raw~=did not find expected key" "detail~=did not find expected key"
}

@test "ansible: the YAML reason is the detail, not the JSON attempt or the offending lines; the old 'appears to have been in' layout; a YAML error whose ERROR! line was not pasted" {
	printf -- '- hosts: localhost\n  tasks:\n    - name: x\n      debug: msg=hi\n        - name: y\n' >"$T/p.yml"
	detect_in "$T" ansible-playbook -i localhost, -c local --syntax-check p.yml
	grep -q 'Syntax Error while loading YAML' "$T/out.txt"
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=ansible file=p.yml line=4 category=syntax \
		"detail=Syntax Error while loading YAML. mapping values are not allowed in this context"
	# Ansible 2.0-2.7 (lib/ansible/errors/__init__.py: "The error appears
	# to have been in '%s': line %s, column %s, but may"), the offending
	# lines are YAML, not the detail
	printf '%s\n' 'ERROR! conflicting action statements: file, notify' '' \
		"The error appears to have been in '/srv/roles/nginx/tasks/main.yml': line 2, column 3, but may" \
		'be elsewhere in the file depending on the exact syntax problem.' '' \
		'The offending line appears to be:' '' '---' '- name: Disable the default site' '  ^ here' '' >"$T/old.log"
	(cd "$T" && heal-detect <old.log >old.json) || true
	[ "$(rec_count "$T/old.json")" -eq 1 ]
	rec_check "$T/old.json" 0 tool=ansible file=/srv/roles/nginx/tasks/main.yml line=2 column=3 \
		"message=conflicting action statements: file, notify" detail=null
	# the same block of p.yml's output from its "Syntax Error" line on
	sed -n '/^Syntax Error while loading YAML/,$p' "$T/out.txt" >"$T/tail.log"
	(cd "$T" && heal-detect <tail.log >tail.json) || true
	[ "$(rec_count "$T/tail.json")" -eq 1 ]
	rec_check "$T/tail.json" 0 tool=ansible file=p.yml line=4 category=syntax \
		"message=Syntax Error while loading YAML." "detail=mapping values are not allowed in this context"
}

@test "ansible: fatal FAILED! task failure with an undefined variable" {
	printf -- '- hosts: all\n  gather_facts: false\n  tasks:\n    - name: Make dir\n      ansible.builtin.file:\n        path: "{{ app_dir }}"\n        state: directory\n' >"$T/site.yml"
	detect_in "$T" ansible-playbook -i localhost, -c local site.yml
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=ansible file=site.yml line=4 column=7 category=name \
		"message~='app_dir' is undefined"
}

@test "ansible: module failure without a location is placed at its task" {
	printf -- '- hosts: all\n  gather_facts: false\n  tasks:\n    - name: Touch it\n      ansible.builtin.file:\n        path: "{{ playbook_dir }}/x"\n        permissions: "0644"\n' >"$T/site.yml"
	detect_in "$T" ansible-playbook -i localhost, -c local site.yml
	rec_check "$T/rec.json" 0 tool=ansible file=site.yml line=4 category=configuration \
		"message~=Unsupported parameters for (ansible.builtin.file) module: permissions"
}

@test "ansible: ANSIBLE_STDOUT_CALLBACK=json" {
	# the json callback is ansible.posix's (Debian's ansible), not ansible-core's
	ansible-doc -t callback json >/dev/null 2>&1 ||
		skip "no json stdout callback (the ansible.posix collection; scripts/deps-tests installs Debian's ansible)"
	printf -- '- hosts: all\n  gather_facts: false\n  tasks:\n    - name: Make dir\n      ansible.builtin.file:\n        path: "{{ app_dir }}"\n        state: directory\n' >"$T/site.yml"
	detect_in "$T" env ANSIBLE_STDOUT_CALLBACK=json ansible-playbook -i localhost, -c local site.yml
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=ansible file=site.yml line=4 column=7 \
		"message~='app_dir' is undefined"
}

@test "ansible: a successful run gives no records" {
	printf -- '- hosts: all\n  gather_facts: false\n  tasks:\n    - name: ok\n      ansible.builtin.debug:\n        msg: "0 errors, failed=0"\n' >"$T/site.yml"
	(cd "$T" && ansible-playbook -i localhost, -c local site.yml >out.txt 2>&1)
	run heal-detect "$T/out.txt"
	assert_success
	assert_output ''
}

@test "ansible: the YAML callback's task failures (msg on its line, msg as a block)" {
	ansible-doc -t callback community.general.yaml >/dev/null 2>&1 || skip "no community.general.yaml callback"
	printf -- '- hosts: localhost\n  gather_facts: false\n  tasks:\n    - name: read the settings\n      ansible.builtin.slurp:\n        src: /nonexistent/settings.yml\n' >"$T/site.yml"
	printf -- '- hosts: localhost\n  gather_facts: false\n  tasks:\n    - name: run the build\n      ansible.builtin.command: /bin/false\n' >"$T/build.yml"
	export ANSIBLE_STDOUT_CALLBACK=community.general.yaml
	detect_in "$T" ansible-playbook -i localhost, -c local site.yml
	grep -q 'FAILED! => changed=false' "$T/out.txt"
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=ansible file=site.yml line=4 category=dependency \
		'message=file not found: /nonexistent/settings.yml'
	detect_in "$T" ansible-playbook -i localhost, -c local build.yml
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=ansible file=build.yml line=4 'message=non-zero return code'
	# a message as a block (msg: |-), as the callback prints a long one
	printf '%s\n' 'TASK [install packages] ****' 'fatal: [web1]: FAILED! => changed=false ' \
		'  msg: |-' "    No package matching 'nosuchpkg' is available" \
		'PLAY RECAP ****' >"$T/block.txt"
	(cd "$T" && heal-detect block.txt >block.json) || [ $? -eq 1 ]
	[ "$(rec_count "$T/block.json")" -eq 1 ]
	rec_check "$T/block.json" 0 tool=ansible "message=No package matching 'nosuchpkg' is available"
}
