#!/usr/bin/env bats
# HOSTILE.md 15: SIGKILL while heal-fix writes.
bats_require_minimum_version 1.5.0
load helpers/fix

setup() { fix_setup; }
teardown() { fix_teardown; }

# Every file is byte-identical to its old or its new version.
old_or_new() {
	local i s
	for i in $(seq 20); do
		s=$(sha src/f$i.c)
		[ "$s" = "$(cat old.$i)" ] || [ "$s" = "$(cat new.$i)" ] || { echo "src/f$i.c torn"; return 1; }
	done
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
	for round in $(seq 15); do
		heal-fix --session "r$round" <in >/dev/null 2>&1 &
		pid=$!
		sleep "0.0$(( RANDOM % 10 ))$(( RANDOM % 10 ))"
		kill -9 "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
		old_or_new
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
