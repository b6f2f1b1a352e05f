#!/usr/bin/env bats
# heal's own pattern and rule files are compiled when first used; a data
# directory that HEAL_DATA_DIR names is compiled whole at start-up.  Both
# give the same records, and a bad regular expression in a data directory
# a user names is refused at start-up, with its file.

load analyze-helpers

# run_both ID DIR OUTPUT [DETECT-OPTION...]: heal-detect | heal-analyze
# --explain on OUTPUT in DIR with heal's own data (lazily) and with the same
# files named by HEAL_DATA_DIR (eagerly): records, explanations, messages and
# exit statuses in $T/ID.lazy and $T/ID.eager.
run_both() {
	local id=$1 dir=$2 output=$3
	shift 3
	(cd "$dir" && heal-detect "$@" <"$output" | heal-analyze --explain
	 echo "exit ${PIPESTATUS[*]}") >"$T/$id.lazy" 2>&1
	(cd "$dir" && export HEAL_DATA_DIR="$HEAL_SRC/share" &&
	 heal-detect "$@" <"$output" | heal-analyze --explain
	 echo "exit ${PIPESTATUS[*]}") >"$T/$id.eager" 2>&1
}

@test "lazy data: the corpus's real outputs give the records and explanations eager data gives" {
	local c=${HEAL_CORPUS:-/work/shared/corpus} id cmd n=0
	[ -d "$c" ] || skip "no corpus"
	# each case's id and command, one line each, from one python
	python3 - "$c" >"$T/cases" <<'PY'
import json, os, sys
c = sys.argv[1]
for id in sorted(os.listdir(c)):
    d = os.path.join(c, id)
    if os.path.isfile(os.path.join(d, "output.txt")) and os.path.isfile(os.path.join(d, "case.json")):
        print(id, json.dumps(json.load(open(os.path.join(d, "case.json")))["command"]))
PY
	while read -r id cmd; do
		cp -r "$c/$id" "$T/$id"
		# the outputs were recorded under /home/dev/<case-id>
		sed "s|/home/dev/$id|$T/$id|g" "$c/$id/output.txt" >"$T/$id.out"
		run_both "$id" "$T/$id" "$T/$id.out" --command "$cmd"
		run diff -u "$T/$id.eager" "$T/$id.lazy"
		assert_success
		n=$((n + 1))
	done <"$T/cases"
	[ "$n" -gt 50 ]
	# the explanations name rules of most of the files, with their lines
	[ "$(cat "$T"/*.lazy | grep -o '^rule [^ ]* (.*/rules/[a-z]*\.json:[0-9]*)' |
	     sed 's|.*/rules/||; s|\.json.*||' | sort -u | wc -l)" -ge 6 ]
}

@test "lazy data: the test cases' outputs give the records eager data gives" {
	local f id
	for f in "$HEAL_SRC"/tests/cases/detect/*.txt; do
		id=$(basename "$f" .txt)
		run_both "$id" "$T" "$f"
		run diff -u "$T/$id.eager" "$T/$id.lazy"
		assert_success
	done
}

@test "HEAL_DATA_DIR: a bad pattern anywhere is refused at start-up, with its file" {
	cp -r "$HEAL_SRC/share" "$T/data"
	python3 - "$T/data/patterns/terraform.json" <<'EOF'
import json, sys
p = sys.argv[1]
d = json.load(open(p))
d["problemMatcher"][-1]["pattern"][0]["regexp"] = "(unclosed"
json.dump(d, open(p, "w"))
EOF
	HEAL_DATA_DIR="$T/data" run heal-detect --command '["gcc","main.c"]' </dev/null
	assert_failure 2
	assert_output --partial "terraform.json: problemMatcher["
	assert_output --partial "bad regular expression"
}

@test "HEAL_DATA_DIR: a bad rule anywhere is refused at start-up, with its file and line" {
	cp -r "$HEAL_SRC/share" "$T/data"
	python3 - "$T/data/rules/terraform.json" <<'EOF'
import json, sys
p = sys.argv[1]
d = json.load(open(p))
d["rules"][-1]["message"] = "(unclosed"
json.dump(d, open(p, "w"), indent=1)
EOF
	HEAL_DATA_DIR="$T/data" run heal-analyze </dev/null
	assert_failure 3
	assert_output --regexp "terraform\.json:[0-9]+: rule '[^']+': field 'message': bad regular expression"
}
