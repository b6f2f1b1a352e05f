# Shared set-up for the heal-log suites (tests/cli/5NN-log-*.bats).
load 'helpers/bats-libs'

setup() {
	T=$(mktemp -d "${BATS_TMPDIR:-/tmp}/heal-log.XXXXXX")
	cd "$T" || return 1
	unset HEAL_LOG_DIR HEAL_RUN
}

teardown() {
	cd / && rm -rf "$T"
}

# An analysed error record: error ID [FILE [LINE [SEVERITY]]]
error_rec() {
	printf '{"v":1,"kind":"error","id":"%s","tool":"gcc","env":"c","severity":"error","category":"name","file":"%s","line":%s,"column":5,"code":"-Wfoo","message":"x undeclared","analysis":{"category":"name","root_cause":"a typo","severity":%s,"confidence":0.9,"rule":"c.undeclared"},"fixes":[{"id":"c.undeclared.1","description":"rename x to y","confidence":0.9,"risk":"low","source":"rule","rule":"c.rename","edits":[{"file":"%s","start":4,"end":5,"text":"y","sha256":"00"}]}]}\n' \
		"$1" "${2:-src/a.c}" "${3:-2}" "${4:-5}" "${2:-src/a.c}"
}

# with_ids N: each line of stdin N times, the k-th with every @ID@ replaced
# by k as a 16-digit hex id (one process for thousands of records)
with_ids() {
	awk -v n="$1" '{ for (k = 1; k <= n; k++) { l = $0; gsub(/@ID@/, sprintf("%016x", k), l); print l } }'
}

# A fix record: fix ID STATUS (embeds the error)
fix_rec() {
	printf '{"v":1,"kind":"fix","error_id":"%s","fix_id":"c.undeclared.1","status":"%s","reason":null,"session":"s1","backup":null,"error":%s}\n' \
		"$1" "$2" "$(error_rec "$1")"
}

# A validation record: validation ID STATUS HEALED ROLLED_BACK
validation_rec() {
	printf '{"v":1,"kind":"validation","error_id":"%s","fix_id":"c.undeclared.1","status":"%s","healed":%s,"rolled_back":%s,"checks":[],"fix":%s}\n' \
		"$1" "$2" "$3" "$4" "$(fix_rec "$1" applied)"
}

# Every line of FILE is a JSON object, except possibly the last
# (when $2 is "last-may-tear").
json_lines() {
	python3 - "$@" <<'PY'
import json, sys
lines = open(sys.argv[1], 'rb').read().split(b'\n')
if lines and lines[-1] == b'':
    lines.pop()
bad = []
for i, l in enumerate(lines):
    try:
        assert isinstance(json.loads(l), dict)
    except Exception:
        if not (len(sys.argv) > 2 and i == len(lines) - 1):
            bad.append(i + 1)
if bad:
    print("unparseable lines:", bad)
    sys.exit(1)
PY
}
