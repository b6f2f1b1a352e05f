#!/usr/bin/env bats
# heal-fix: approval policy, HEAL_ENV, --yes, the terminal prompt.
bats_require_minimum_version 1.5.0
load helpers/fix

setup() { fix_setup; printf 'int conut;\n' >a.c; }
teardown() { fix_teardown; }

@test "a medium-risk fix needs approval by default; without a terminal it is not applied" {
	mkrec --cand m.1 0.9 medium --replace a.c conut count >in
	run --separate-stderr heal-fix <in
	assert_failure 1
	assert_equal "$(field "$output" 'r["status"]')" needs-approval
	[[ "$(field "$output" 'r["reason"]')" == *"approval required (risk medium)"* ]]
	grep -q conut a.c
}

@test "--yes approves" {
	mkrec --cand m.1 0.9 high --replace a.c conut count >in
	run --separate-stderr heal-fix --yes <in
	assert_success
	grep -q count a.c
}

@test "--approve never applies without asking" {
	mkrec --cand m.1 0.9 medium --replace a.c conut count >in
	run --separate-stderr heal-fix --approve never <in
	assert_success
}

@test "--approve always asks even for low risk" {
	mkrec --replace a.c conut count >in
	run --separate-stderr heal-fix --approve always <in
	assert_failure 1
	assert_equal "$(field "$output" 'r["status"]')" needs-approval
}

@test "a fix without a risk counts as high" {
	mkrec --replace a.c conut count | sed 's/"risk":"low",//' >in
	run --separate-stderr heal-fix <in
	assert_failure 1
	assert_equal "$(field "$output" 'r["status"]')" needs-approval
}

@test "HEAL_ENV=production needs approval for everything" {
	mkrec --replace a.c conut count >in
	HEAL_ENV=production run --separate-stderr heal-fix --approve never <in
	assert_failure 1
	assert_equal "$(field "$output" 'r["status"]')" needs-approval
	HEAL_ENV=production run --separate-stderr heal-fix --yes <in
	assert_success
}

@test "HEAL_ENV=staging raises never to risky" {
	mkrec --cand m.1 0.9 medium --replace a.c conut count >in
	HEAL_ENV=staging run --separate-stderr heal-fix --approve never <in
	assert_failure 1
	assert_equal "$(field "$output" 'r["status"]')" needs-approval
}

@test "a bad HEAL_ENV is a usage error" {
	HEAL_ENV=prod run heal-fix </dev/null
	assert_failure 2
}

@test "--dry-run needs no approval" {
	mkrec --cand m.1 0.9 high --replace a.c conut count >in
	HEAL_ENV=production run --separate-stderr heal-fix --dry-run <in
	assert_success
	assert_equal "$(field "$output" 'r["status"]')" dry-run
}

@test "on a terminal: the diff is shown and 'y' applies" {
	command -v script >/dev/null || skip "script(1) missing"
	mkrec --cand m.1 0.9 medium --replace a.c conut count >in
	printf 'y\n' | script -qec "heal-fix <'$PROJ/in' >'$PROJ/out' 2>'$PROJ/err'" /dev/null >tty.log || true
	[[ "$(cat tty.log)" == *"+int count;"* ]]
	[[ "$(cat tty.log)" == *"(risk medium)"*"[y/n/a/q]"* ]]
	assert_equal "$(field "$(cat out)" 'r["status"]')" applied
	grep -q count a.c
}

@test "on a terminal: 'n' declines" {
	command -v script >/dev/null || skip "script(1) missing"
	mkrec --cand m.1 0.9 medium --replace a.c conut count >in
	printf 'n\n' | script -qec "heal-fix <'$PROJ/in' >'$PROJ/out' 2>'$PROJ/err'" /dev/null >tty.log || true
	assert_equal "$(field "$(cat out)" 'r["status"]')" skipped
	assert_equal "$(field "$(cat out)" 'r["reason"]')" "approval declined"
	grep -q conut a.c
}

# two records of medium risk, for a.c and b.c
two_recs() {
	printf 'int conut;\n' >b.c
	mkrec --id 00000000000000a1 --cand m.1 0.9 medium --replace a.c conut count >in
	mkrec --id 00000000000000b2 --cand m.1 0.9 medium --replace b.c conut count >>in
}
pty() { "$PY" "$HEAL_SRC/tests/cli/pty-run.py" --timeout 40 "$@"; }
statuses() { "$PY" -S -c 'import json,sys
print(" ".join(json.loads(l)["status"] for l in open(sys.argv[1])))' "$1"; }

@test "on a terminal: 'a' applies this fix and every later one, asked once" {
	two_recs
	run pty --on '[y/n/a/q]' a -- sh -c "heal-fix <in >out"
	assert_success
	assert_equal "$(grep -o '\[y/n/a/q\]' <<<"$output" | wc -l)" 1
	assert_equal "$(statuses out)" "applied applied"
	grep -q count a.c
	grep -q count b.c
}

@test "on a terminal: 'q' declines this fix and every later one, asked once" {
	two_recs
	run pty --on '[y/n/a/q]' q -- sh -c "heal-fix <in >out"
	assert_equal "$(grep -o '\[y/n/a/q\]' <<<"$output" | wc -l)" 1
	assert_equal "$(statuses out)" "skipped skipped"
	grep -q conut a.c
	grep -q conut b.c
}

@test "on a terminal: no answer within HEAL_APPROVE_TIMEOUT is a no" {
	mkrec --cand m.1 0.9 medium --replace a.c conut count >in
	HEAL_APPROVE_TIMEOUT=1 run pty -- sh -c "heal-fix <in >out"
	assert_failure 1
	[[ "$output" == *"no answer in 1 s"* ]]
	assert_equal "$(statuses out)" needs-approval
	[[ "$(field "$(cat out)" 'r["reason"]')" == *"no answer in time"* ]]
	run heal-fix --approve-timeout 0 <in
	assert_failure 2
}

@test "in a background process group of a terminal: not asked, never stopped" {
	mkrec --cand m.1 0.9 medium --replace a.c conut count >in
	run pty --background -- sh -c "heal-fix <in >out"
	assert_failure 1
	[[ "$output" != *"[y/n/a/q]"* ]]
	assert_equal "$(statuses out)" needs-approval
}

@test "--ask-fd takes an open socket only" {
	mkrec --cand m.1 0.9 medium --replace a.c conut count >in
	run --separate-stderr heal-fix --ask-fd 5 <in 5<in
	assert_failure 2
	[[ "$stderr" == *"--ask-fd takes an open socket"* ]]
}
