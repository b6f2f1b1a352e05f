#!/usr/bin/env bats
# HOSTILE.md 15: SIGKILL while heal-fix writes, and while it rolls back.
# HEAL_KILL_ITERATIONS sets the rounds of each loop (200 or more for the
# full check; fewer by default).
bats_require_minimum_version 1.5.0
load helpers/fix

setup() { fix_setup; }
teardown() { fix_teardown; }

# Every backup set in .heal/backups is whole: a gzip tar whose manifest
# names members that are all there with their digests (or no set at all).
backups_whole() {
	[ -d .heal/backups ] || return 0
	"$PY" - <<'PY'
import glob, hashlib, tarfile
for a in glob.glob('.heal/backups/*.tar.gz'):
    with tarfile.open(a, 'r:gz') as t:
        names = t.getnames()
        assert names[0] == 'MANIFEST', (a, names[:3])
        lines = t.extractfile('MANIFEST').read().decode().splitlines()
        assert lines[0] == 'heal-backup 1', a
        for l in lines[2:]:
            if l.startswith('file '):
                _, sha, mode, size, path = l.split(' ', 4)
                data = t.extractfile('files/' + path).read()
                assert len(data) == int(size) and hashlib.sha256(data).hexdigest() == sha, (a, path)
PY
}

@test "15: killed at random moments, every file is old or new; the next run cleans up" {
	mkdir src
	for i in $(seq 20); do
		head -c 300000 /dev/urandom | base64 >src/f$i.c
		sha src/f$i.c >old.$i
		cp src/f$i.c orig.$i
	done
	args=
	for i in $(seq 20); do args="$args --edit src/f$i.c 0 4 EDIT"; done
	# shellcheck disable=SC2086
	mkrec $args >in
	for i in $(seq 20); do
		{ printf 'EDIT'; tail -c +5 src/f$i.c; } | sha256sum | cut -d' ' -f1 >new.$i
	done
	for round in $(seq "${HEAL_KILL_ITERATIONS:-15}"); do
		heal-fix --session "r$round" <in >/dev/null 2>&1 &
		pid=$!
		sleep "0.0$(( RANDOM % 10 ))$(( RANDOM % 10 ))"
		kill -9 "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
		old_or_new
		backups_whole
		# put everything back for the next round
		for i in $(seq 20); do cp orig.$i src/f$i.c; done
	done
	# the next run removes what killed runs left behind
	printf 'int conut;\n' >src/z.c
	mkrec --id 99 --replace src/z.c conut count >in2
	run --separate-stderr heal-fix <in2
	assert_success
	no_temps
	[ ! -e .heal/tmpdirs ]
	[ ! -e .heal/lock ]
}

@test "15: a rollback killed at random moments: every file old or new, the set intact; the next rollback converges" {
	twenty_files_fixed
	for round in $(seq "${HEAL_KILL_ITERATIONS:-15}"); do
		heal-fix --rollback s >/dev/null 2>&1 &
		pid=$!
		sleep "0.0$(( RANDOM % 10 ))$(( RANDOM % 10 ))"
		kill -9 "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
		old_or_new
		# the set a rollback reads is never changed by it
		assert_equal "$(sha .heal/backups/s.tar.gz)" "$set_sha"
		# back to the fixed state for the next round
		for i in $(seq 20); do cp fixed.$i src/f$i.c; done
	done
	# the next rollback cleans up and restores everything
	run --separate-stderr heal-fix --rollback s
	assert_success
	for i in $(seq 20); do assert_equal "$(sha src/f$i.c)" "$(cat old.$i)"; done
	no_temps
	[ ! -e .heal/lock ]
}
