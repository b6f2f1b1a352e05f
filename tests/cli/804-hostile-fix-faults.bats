#!/usr/bin/env bats
# HOSTILE.md 16, 17: disk full; write, fsync, rename failing.
bats_require_minimum_version 1.5.0
load helpers/fix

setup() { fix_setup; mkdir src; printf 'int conut;\n' >src/a.c; printf 'int b;\n' >src/b.c; }
teardown() {
	cd /
	[ -n "${MNT:-}" ] && { umount "$MNT" 2>/dev/null; rmdir "$MNT"; }
	fix_teardown
}

# Each file old or new, no temporary file, success only with both new.
check() { # status
	local a b
	a=$(cat src/a.c); b=$(cat src/b.c)
	[ "$a" = 'int conut;' ] || [ "$a" = 'int count;' ] || { echo "a.c torn: $a"; return 1; }
	[ "$b" = 'int b;' ] || [ "$b" = 'int B;' ] || { echo "b.c torn: $b"; return 1; }
	[ "$a" = 'int conut;' ] && [ "$b" = 'int B;' ] && { echo "half a fix"; return 1; }
	[ "$a" = 'int count;' ] && [ "$b" = 'int b;' ] && { echo "half a fix"; return 1; }
	if [ "$1" -eq 0 ]; then [ "$a" = 'int count;' ] || { echo "exit 0 but not applied"; return 1; }; fi
	no_temps || { echo "temporary file left"; return 1; }
}

reset() { printf 'int conut;\n' >src/a.c; printf 'int b;\n' >src/b.c; rm -rf .heal; }

inject() { # syscall spec
	mkrec --replace src/a.c conut count --replace src/b.c 'int b' 'int B' >in
	# LeakSanitizer cannot run under ptrace (the ASan build)
	ASAN_OPTIONS=detect_leaks=0 strace -f -qq -o /dev/null -e trace="$1" -e inject="$2" heal-fix <in >out 2>err
}

@test "17: fsync failing at each point: no rename after a failed step, error reported" {
	command -v strace >/dev/null || skip "strace missing"
	for n in 1 2 3 4 5 6 7 8 9 10; do
		reset
		rc=0
		inject fsync "fsync:error=EIO:when=$n" || rc=$?
		check "$rc"
		if [ "$rc" -ne 0 ]; then
			[ "$rc" -eq 4 ] || { echo "fsync #$n: exit $rc"; cat err; false; }
			grep -q 'Input/output error' err out
		fi
	done
}

@test "17: rename failing: originals intact, temporary files removed" {
	command -v strace >/dev/null || skip "strace missing"
	# strace counts each syscall on its own: #1 is the backup and a.c, #2 is b.c
	for n in 1 2; do
		reset
		rc=0
		inject rename,renameat,renameat2 "rename,renameat,renameat2:error=EIO:when=$n" || rc=$?
		check "$rc"
		[ "$rc" -ne 0 ]
	done
}

@test "17: write failing: every file old or new" {
	command -v strace >/dev/null || skip "strace missing"
	for n in 1 2 3 4 5 6; do
		reset
		rc=0
		inject write "write:error=ENOSPC:when=$n" || rc=$?
		check "$rc"
	done
}

@test "17: close failing: every file old or new" {
	command -v strace >/dev/null || skip "strace missing"
	for n in 5 10 15 20 25 30; do
		reset
		rc=0
		inject close "close:error=EIO:when=$n" || rc=$?
		check "$rc"
	done
}

@test "16: disk full: temporary file removed, original intact, clear error, nothing logged as applied" {
	[ "$(id -u)" -eq 0 ] || skip "needs root to mount a tmpfs"
	MNT=$(mktemp -d /tmp/heal-full.XXXXXX)
	mount -t tmpfs -o size=64k tmpfs "$MNT" 2>/dev/null || { rmdir "$MNT"; MNT=; skip "cannot mount a tmpfs here"; }
	cd "$MNT"
	head -c 24000 /dev/urandom >data.bin
	before=$(sha data.bin)
	mkrec --edit data.bin 0 1 'X' >in
	run --separate-stderr heal-fix <in
	assert_failure 4
	assert_equal "$(field "$output" 'r["status"]')" failed
	[[ "$(field "$output" 'r["reason"]')" == *"No space left on device"* ]]
	assert_equal "$(sha data.bin)" "$before"
	[ -z "$(find . -name '.heal-tmp.*')" ]
	# a file big enough that its backup cannot be written either
	rm -rf .heal data.bin in
	head -c 40000 /dev/urandom >data.bin
	before=$(sha data.bin)
	mkrec --edit data.bin 0 1 'X' >in
	run --separate-stderr heal-fix <in
	assert_failure 4
	assert_equal "$(sha data.bin)" "$before"
	[ -z "$(find . -name '.heal-tmp.*')" ]
	cd /
}

@test "a full standard output: exit 4 with one clear message; the change it made can be rolled back" {
	mkrec --replace src/a.c conut count >in
	run --separate-stderr bash -c 'heal-fix --session full <in >/dev/full'
	assert_failure 4
	[ "${#stderr_lines[@]}" -eq 1 ]
	[[ "$stderr" == "heal-fix: cannot write output: No space left on device" ]]
	# the result could not be reported: the backup set is there to undo it
	run --separate-stderr heal-fix --rollback full
	assert_success
	[ "$(cat src/a.c)" = 'int conut;' ]
	no_temps
}

@test "24: a closed downstream pipe ends heal-fix quietly" {
	for i in $(seq 200); do printf 'int x;\n' >src/f$i.c; done
	# one record made, 200 written: file k gets id k
	mkrec --id @ID@ --replace src/f1.c x y | sed 's|src/f1\.c|src/f@N@.c|g' |
		awk '{ for (k = 1; k <= 200; k++) { l = $0; gsub(/@ID@/, sprintf("%016x", k), l); gsub(/@N@/, k, l); print l } }' >in
	[ "$(wc -l <in)" -eq 200 ] && grep -q '"src/f200.c"' in
	run --separate-stderr bash -c 'heal-fix --dry-run <in | head -n 1 >/dev/null; exit ${PIPESTATUS[0]}'
	[ "$status" -le 1 ] || [ "$status" -eq 141 ]
	[ -z "$stderr" ]
	[ ! -e .heal/lock ]
}
