#!/usr/bin/env bats
# heal-analyze on real ansible-playbook and terraform output (terraform's
# records come from heal-detect itself).

load analyze-helpers

AP=(ansible-playbook -i localhost, -c local)

setup_ansible() {
	command -v ansible-playbook >/dev/null || skip "ansible-playbook not installed"
	export ANSIBLE_NOCOLOR=1 ANSIBLE_LOCALHOST_WARNING=False ANSIBLE_INVENTORY_UNPARSED_WARNING=False
	export ANSIBLE_PYTHON_INTERPRETER=/usr/bin/python3 ANSIBLE_LOCAL_TEMP="$T/.ansible-tmp" HOME="$T"
}

@test "ansible: a misspelled module becomes the closest built-in module" {
	setup_ansible
	printf -- '- hosts: all\n  gather_facts: false\n  tasks:\n    - name: Write\n      ansible.builtin.copyy:\n        content: "x"\n        dest: "{{ playbook_dir }}/o"\n' >site.yml
	diagnose ansible "couldn't resolve" "${AP[@]}" --syntax-check site.yml
	assert_equal "$(fix_get 'r["fixes"][0]["edits"][0]["text"]')" ansible.builtin.copy
	apply_fix
	run "${AP[@]}" --syntax-check site.yml
	assert_success
}

@test "ansible: a missing role: install from requirements.yml when there is one, else the close local role" {
	setup_ansible
	mkdir -p roles/web/tasks
	printf -- '- debug: msg=hi\n' >roles/web/tasks/main.yml
	printf -- '- hosts: all\n  gather_facts: false\n  roles:\n    - webserver\n' >site.yml
	diagnose ansible "was not found" "${AP[@]}" --syntax-check site.yml
	assert_equal "$(fix_get 'r["fixes"][0]["edits"][0]["text"]')" web
	printf -- '- src: geerlingguy.nginx\n' >requirements.yml
	out=$(printf '%s\n' "$rec" | heal-analyze)
	assert_equal "$(fix_get 'r["fixes"][0]["command"]')" '["ansible-galaxy", "install", "-r", "requirements.yml", "-p", "roles"]'
	rm requirements.yml
	out=$(printf '%s\n' "$rec" | heal-analyze)
	apply_fix
	run "${AP[@]}" --syntax-check site.yml
	assert_success
}

@test "ansible: YAML indentation and an undefined variable with a close name" {
	setup_ansible
	printf -- '- hosts: all\n  gather_facts: false\n  tasks:\n    - name: Make\n      ansible.builtin.file:\n        path: "{{ playbook_dir }}/out"\n       state: directory\n' >site.yml
	diagnose ansible "expected key" "${AP[@]}" --syntax-check site.yml
	apply_fix
	run "${AP[@]}" --syntax-check site.yml
	assert_success
	printf -- '- hosts: all\n  gather_facts: false\n  vars:\n    appdir: "{{ playbook_dir }}/app"\n  tasks:\n    - name: Make\n      ansible.builtin.file:\n        path: "{{ app_dir }}"\n        state: directory\n' >site.yml
	diagnose ansible "is undefined" "${AP[@]}" site.yml
	apply_fix
	run "${AP[@]}" site.yml
	assert_success
	[ -d app ]
}

setup_tf() {
	[ -x /usr/local/bin/terraform ] || skip "terraform not installed"
	export TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
	unset TF_CLI_CONFIG_FILE
}

@test "terraform: Did you mean on an unsupported argument and an undeclared variable" {
	setup_tf
	printf 'variable "region" {\n  typ = string\n  default = "eu"\n}\n' >variables.tf
	printf 'output "r" {\n  value = var.regoin\n}\n' >main.tf
	detected "Did you mean" /usr/local/bin/terraform validate -no-color
	apply_fix
	detected "Did you mean" /usr/local/bin/terraform validate -no-color
	apply_fix
	run /usr/local/bin/terraform validate -no-color
	assert_success
}

@test "terraform: a module that is not installed needs terraform init" {
	setup_tf
	mkdir -p modules/net
	printf 'output "id" {\n  value = "n"\n}\n' >modules/net/main.tf
	printf 'module "net" {\n  source = "./modules/net"\n}\n' >main.tf
	detected "not installed" /usr/local/bin/terraform validate -no-color
	assert_equal "$(fix_get 'r["fixes"][0]["command"]')" '["terraform", "init", "-input=false", "-no-color"]'
	/usr/local/bin/terraform init -input=false -no-color >/dev/null
	run /usr/local/bin/terraform validate -no-color
	assert_success
}
