#!/usr/bin/env bats
# HOSTILE.md 16 for heal-log: a disk that fills in the middle of an append
# (a partial write, then ENOSPC) leaves no partial events behind.
bats_require_minimum_version 1.5.0
load log-helpers
load helpers/hostile

setup() {
	hostile_setup
	mkdir .heal
}

@test "16: a write cut short by a full disk is undone: only whole events stay" {
	[ "$(id -u)" -eq 0 ] || skip "needs root to mount a tmpfs"
	MNT=$P/.heal
	mount -t tmpfs -o size=64k tmpfs "$MNT" 2>/dev/null || { MNT=; skip "cannot mount a tmpfs here"; }
	error_rec 00000000000000aa | heal-log >/dev/null || true
	cp .heal/changelog.ndjson "$T/old"
	# fill the disk but for part of a page
	head -c $((64 * 1024)) /dev/zero >.heal/filler 2>/dev/null || true
	avail=$(df -B1 --output=avail .heal | tail -n 1)
	[ "$avail" -eq 0 ] || skip "the tmpfs did not fill"
	# free one page, then append far more than a page in one write
	truncate -s $(($(stat -c %s .heal/filler) - 4096)) .heal/filler
	error_rec @ID@ | with_ids 30 >in
	run --separate-stderr heal-log --changelog .heal/changelog.ndjson in
	assert_failure 4
	[[ "$stderr" == *"cannot write '.heal/changelog.ndjson': No space left on device"* ]]
	# the records that fitted are logged whole; the one that did not left
	# nothing: no torn line
	"$PY" - "$T/old" <<'PY'
import json, sys
old = open(sys.argv[1], 'rb').read()
new = open('.heal/changelog.ndjson', 'rb').read()
assert new.startswith(old) and new.endswith(b'\n'), new[-200:]
for l in new.split(b'\n')[:-1]:
    assert json.loads(l)['kind'] == 'event'
PY
}
