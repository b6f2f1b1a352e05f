#!/usr/bin/env bats
# HOSTILE.md 15 for heal-log: SIGKILL at random moments while it appends
# to the changelog and replaces learning.json.  HEAL_KILL_ITERATIONS rounds
# (30 by default; 200 or more for the full check).
bats_require_minimum_version 1.5.0
load log-helpers
load helpers/hostile

# Every changelog line is a whole event, except torn ones: at most one per
# kill, each a prefix of an event line (never two events glued together).
check_changelog() { # KILLS
	"$PY" - "$1" <<'PY'
import json, sys
kills = int(sys.argv[1])
lines = open('.heal/changelog.ndjson', 'rb').read().split(b'\n')
last = lines.pop()
torn = [l for l in lines if l and not l.startswith(b'{"v":1,"kind":"event"') or l.count(b'{"v":1,"kind":"event"') > 1]
bad = 0
for l in lines + ([last] if last else []):
    try:
        e = json.loads(l)
        assert e["kind"] == "event"
    except Exception:
        bad += 1
        assert l.count(b'"kind":"event"') <= 1, l[:200]
assert not torn, torn[:2]
assert bad <= kills, (bad, kills)
PY
}

@test "15: heal-log killed at random moments: whole events, at most one torn line per kill, learning.json whole; the next run converges" {
	n=${HEAL_KILL_ITERATIONS:-30}
	validation_rec @ID@ passed true false | with_ids 400 >in
	for round in $(seq "$n"); do
		HEAL_RUN="r$round" heal-log in >/dev/null 2>&1 &
		pid=$!
		sleep "0.0$((RANDOM % 10))$((RANDOM % 10))"
		kill -9 "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
		[ ! -e .heal/changelog.ndjson ] || check_changelog "$round"
		[ ! -e .heal/learning.json ] || "$PY" -S -c 'import json; d=json.load(open(".heal/learning.json")); assert d["v"] == 1'
	done
	# a clean run appends whole events after whatever was torn
	before=$(wc -l <.heal/changelog.ndjson 2>/dev/null || echo 0)
	run --separate-stderr env HEAL_RUN=final heal-log in
	assert_success
	check_changelog "$n"
	[ "$(grep -c '"run":"final"' .heal/changelog.ndjson)" -eq 800 ]
	# readers skip what was torn and count it
	run --separate-stderr heal-log --stats --json
	assert_success
	# learning.json converges to what the changelog says
	run --separate-stderr heal-log --rebuild-stats
	assert_success
	"$PY" - <<'PY'
import json
passed = sum(1 for l in open('.heal/changelog.ndjson', 'rb') if b'"event":"fix_validated"' in l and l.rstrip().endswith(b'}'))
d = json.load(open('.heal/learning.json'))
assert d['rules']['c.rename']['passed'] >= 400, d
PY
	# no temporary file of a killed run is left behind
	run find .heal -maxdepth 1 \( -name '.learning.json.*' -o -name '.heal-tmp.*' \)
	assert_output ''
}
