#!/usr/bin/env bats
# HOSTILE.md 16, 17, 24 for heal-log: write, fsync, rename failing on the
# changelog and learning.json; a full disk; a closed pipe.
bats_require_minimum_version 1.5.0
load log-helpers
load helpers/hostile

setup() {
	hostile_setup
	validation_rec 00000000000000aa passed true false | heal-log >/dev/null
	cp .heal/changelog.ndjson old.changelog
	cp .heal/learning.json old.learning
	validation_rec 00000000000000ab failed false true >in
}

# the changelog is the old one, or the old one plus whole new events;
# learning.json is the old or a new whole document; no temporary file
consistent() {
	"$PY" - <<'PY'
import json
old = open('old.changelog', 'rb').read()
new = open('.heal/changelog.ndjson', 'rb').read()
assert new.startswith(old), "old events changed"
for l in new[len(old):].split(b'\n')[:-1]:
    assert json.loads(l)['kind'] == 'event'
assert new.endswith(b'\n')
d = json.load(open('.heal/learning.json'))
assert d['v'] == 1
PY
	[ -z "$(find .heal -maxdepth 1 \( -name '.learning.json.*' -o -name '.heal-tmp.*' \))" ] || { echo "temporary file left"; return 1; }
}

@test "17: write failing on the changelog: exit 4 naming it, nothing torn" {
	command -v strace >/dev/null || skip "strace missing"
	for err in ENOSPC EIO EDQUOT; do
		run --separate-stderr env ASAN_OPTIONS=detect_leaks=0 strace -f -qq -o /dev/null -P .heal/changelog.ndjson \
			-e trace=write -e inject=write:error=$err heal-log in
		assert_failure 4
		[[ "$stderr" == *"heal-log: cannot write '.heal/changelog.ndjson': "* ]]
		cmp .heal/changelog.ndjson old.changelog
		consistent
	done
}

@test "17: fsync, write or rename of learning.json failing: the old learning.json stays, exit 4, no temporary file" {
	command -v strace >/dev/null || skip "strace missing"
	for spec in fsync:error=EIO rename,renameat,renameat2:error=EIO; do
		run --separate-stderr env ASAN_OPTIONS=detect_leaks=0 strace -f -qq -o /dev/null \
			-e trace="${spec%%:*}" -e inject="$spec" heal-log in
		assert_failure 4
		[[ "$stderr" == *"learning.json"* ]]
		cmp .heal/learning.json old.learning
		consistent
		cp old.changelog .heal/changelog.ndjson
	done
}

@test "17: close of the changelog failing: no crash, whole files" {
	command -v strace >/dev/null || skip "strace missing"
	run --separate-stderr env ASAN_OPTIONS=detect_leaks=0 strace -f -qq -o /dev/null -P .heal/changelog.ndjson \
		-e trace=close -e inject=close:error=EIO heal-log in
	sane_exit
	consistent
}

@test "16: a full disk under .heal (a 64k tmpfs): exit 4, a clear message, no torn event, the next run goes on" {
	[ "$(id -u)" -eq 0 ] || skip "needs root to mount a tmpfs"
	rm -rf .heal && mkdir .heal
	MNT=$P/.heal
	mount -t tmpfs -o size=64k tmpfs "$MNT" 2>/dev/null || { MNT=; skip "cannot mount a tmpfs here"; }
	validation_rec @ID@ passed true false | with_ids 300 >many
	run --separate-stderr heal-log many
	assert_failure 4
	[[ "$stderr" == *"No space left on device"* ]]
	"$PY" - <<'PY'
import json
data = open('.heal/changelog.ndjson', 'rb').read()
assert data.endswith(b'\n'), data[-100:]
for l in data.split(b'\n')[:-1]:
    json.loads(l)
PY
	json_ok .heal/learning.json
	[ -z "$(find .heal -maxdepth 1 \( -name '.learning.json.*' -o -name '.heal-tmp.*' \))" ]
	# room again: the next run appends whole events
	: >.heal/changelog.ndjson
	run --separate-stderr heal-log in
	assert_success
	json_ok .heal/changelog.ndjson
}

@test "24: a closed pipe and a full stdout, in every format" {
	error_rec @ID@ | with_ids 2000 >big
	for fmt in "" "--format text" "--format github" "--format sarif"; do
		# shellcheck disable=SC2086
		run --separate-stderr bash -c "heal-log --no-log $fmt big | head -n 1 >/dev/null; exit \${PIPESTATUS[0]}"
		[ "$status" -le 1 ] || [ "$status" -eq 141 ] || { echo "$fmt: exit $status"; false; }
		[ -z "$stderr" ]
		# shellcheck disable=SC2086
		run --separate-stderr bash -c "heal-log --no-log $fmt big >/dev/full"
		assert_failure 4
		[ "${#stderr_lines[@]}" -eq 1 ] || { echo "$fmt: $stderr"; false; }
		[[ "$stderr" == *"No space left on device" ]]
	done
}
