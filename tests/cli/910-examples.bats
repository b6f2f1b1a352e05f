#!/usr/bin/env bats
# examples/: each broken project fails as its README says, heal-detect and
# heal-analyze find its errors and propose the fixes (where the rules for
# its environment exist), and `heal --yes -- COMMAND` heals it (where heal
# and the environment's tool are installed).  Each runs in a copy.

bats_require_minimum_version 1.5.0
load 'helpers/bats-libs'

EX="$HEAL_SRC/examples"

setup() {
	T=$(mktemp -d "${BATS_TMPDIR:-/tmp}/heal-ex.XXXXXX")
	export HOME="$T/home" LC_ALL=C HEAL_LOCK_TIMEOUT=10
	mkdir -p "$HOME"
	unset HEAL_ENV
	# ansible and terraform, offline and quiet
	export ANSIBLE_NOCOLOR=1 ANSIBLE_LOCALHOST_WARNING=False \
		ANSIBLE_INVENTORY_UNPARSED_WARNING=False ANSIBLE_LOCAL_TEMP="$T/ansible-tmp" \
		ANSIBLE_PYTHON_INTERPRETER=/usr/bin/python3 ANSIBLE_RETRY_FILES_ENABLED=False
	export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
	unset TF_CLI_CONFIG_FILE
}

teardown() {
	cd / && rm -rf "$T"
}

# use NAME: work in a copy of examples/NAME
use() {
	cp -R "$EX/$1" "$T/$1"
	cd "$T/$1" || return 1
}

# diagnose CMD...: run the broken command (it must fail), then
# heal-detect | heal-analyze on its output into $T/an.ndjson
diagnose() {
	if "$@" >"$T/out.txt" 2>&1; then
		cat "$T/out.txt"
		fail "the example does not fail: $*"
	fi
	heal-detect <"$T/out.txt" >"$T/det.ndjson" || [ $? -eq 1 ]
	heal-analyze --no-llm <"$T/det.ndjson" >"$T/an.ndjson" || [ $? -eq 1 ]
}

# has_rules FILE: heal-analyze has rules for an environment (share/rules/FILE.json)
has_rules() { [ -f "$HEAL_SRC/share/rules/$1.json" ]; }

# record FILE LINE: an error record of FILE:LINE was detected
record() {
	python3 - "$T/det.ndjson" "$1" "$2" <<'PY'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
ok = any(r.get("file") == sys.argv[2] and str(r.get("line")) == sys.argv[3] for r in recs)
if not ok:
    print("no record of %s:%s in:" % (sys.argv[2], sys.argv[3]))
    for r in recs:
        print(" ", r.get("file"), r.get("line"), r.get("message"))
sys.exit(0 if ok else 1)
PY
}

# candidate TEXT: some analyzed record has a candidate fix described so,
# confident enough for heal-fix to apply it (0.85)
candidate() {
	python3 - "$T/an.ndjson" "$1" <<'PY'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
fixes = [f for r in recs for f in r.get("fixes") or []]
ok = any(sys.argv[2] in (f.get("description") or "") and f.get("confidence", 0) >= 0.85 for f in fixes)
if not ok:
    print("no candidate %r among:" % sys.argv[2])
    for f in fixes:
        print(" ", f.get("confidence"), f.get("description"))
sys.exit(0 if ok else 1)
PY
}

# heals CMD...: heal --yes -- CMD succeeds and CMD then passes
heals() {
	[ -x "$HEAL_BUILD/tools/heal" ] || skip "heal is not built yet"
	run heal --yes --no-wait -- "$@"
	assert_success
	run "$@"
	assert_success
}

@test "examples/README.md lists every example" {
	for d in "$EX"/*/; do
		n=$(basename "$d")
		grep -q "\`$n/\`" "$EX/README.md" || fail "$n is not in examples/README.md"
		[ -f "$d/README.md" ] || fail "$n has no README.md"
		grep -q 'heal .*-- ' "$d/README.md" || fail "$n/README.md shows no heal command"
	done
}

@test "c-make: make fails; detect and analyze find both bugs" {
	use c-make
	diagnose make
	run record main.c 9
	assert_success
	run record main.c 18
	assert_success
	run candidate "add '#include <string.h>' to main.c"
	assert_success
	run candidate "replace 'totl' with 'total'"
	assert_success
}

@test "c-make: heal -- make heals it" {
	use c-make
	heals make
	run ./app one three
	assert_output "2 words, the longest has 5 letters"
}

@test "python-pkg: NameError with did you mean" {
	use python-pkg
	diagnose python3 -m wordstat sample.txt
	run record wordstat/__main__.py 15
	assert_success
	has_rules python || skip "no Python rules in heal-analyze yet"
	run candidate "replace 'totl' with 'total'"
	assert_success
}

@test "python-pkg: heal -- python3 -m wordstat heals it" {
	use python-pkg
	heals python3 -m wordstat sample.txt
	assert_output '{"words": 5, "most_common": "the"}'
}

@test "shell-scripts: a missing then and a script that is not executable, in one run" {
	use shell-scripts
	diagnose bash check.sh
	run record notes.sh 6
	assert_success
	run record check.sh 6
	assert_success
	has_rules bash || skip "no shell rules in heal-analyze yet"
	run candidate "add '; then'"
	assert_success
	run candidate "make stamp.sh executable"
	assert_success
}

@test "shell-scripts: heal -- bash check.sh heals both" {
	use shell-scripts
	heals bash check.sh
	assert_output $'notes: 2 lines\nstamp: release 1.2.0'
	[ -x stamp.sh ]
}

@test "ansible-localhost: a misspelled module" {
	command -v ansible-playbook >/dev/null || skip "ansible-playbook not installed"
	export LC_ALL=C.UTF-8   # ansible refuses other encodings
	use ansible-localhost
	diagnose ansible-playbook -i localhost, -c local site.yml
	run record site.yml 14
	assert_success
	has_rules ansible || skip "no Ansible rules in heal-analyze yet"
	run candidate "use the module ansible.builtin.copy"
	assert_success
}

@test "ansible-localhost: heal -- ansible-playbook heals it" {
	command -v ansible-playbook >/dev/null || skip "ansible-playbook not installed"
	export LC_ALL=C.UTF-8   # ansible refuses other encodings
	use ansible-localhost
	heals ansible-playbook -i localhost, -c local site.yml
	run cat out/app.conf
	assert_output "name=demo"
}

@test "terraform-builtin: the recorded output: a module not installed, terraform init proposed" {
	use terraform-builtin
	heal-detect <output.txt >"$T/det.ndjson" || [ $? -eq 1 ]
	run record main.tf 3
	assert_success
	has_rules terraform || skip "no Terraform rules in heal-analyze yet"
	heal-analyze --no-llm <"$T/det.ndjson" >"$T/an.ndjson" || [ $? -eq 1 ]
	run candidate "run 'terraform init -input=false -no-color'"
	assert_success
}

@test "terraform-builtin: terraform still prints the recorded output" {
	command -v terraform >/dev/null || skip "terraform not installed"
	use terraform-builtin
	run -1 terraform validate -no-color
	assert_equal "$output" "$(cat output.txt)"
	assert_equal "$(cat exit_code)" 1
}

@test "terraform-builtin: heal -- terraform validate heals it" {
	command -v terraform >/dev/null || skip "terraform not installed"
	use terraform-builtin
	heals terraform validate -no-color
	[ -f .terraform/modules/modules.json ]
}
