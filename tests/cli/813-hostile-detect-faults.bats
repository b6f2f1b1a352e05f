#!/usr/bin/env bats
# HOSTILE.md 24 and output faults for heal-detect: a closed pipe, a full
# disk, a failing write; unreadable inputs.
bats_require_minimum_version 1.5.0
load helpers/hostile

big_log() {
	"$PY" -c "
import sys
sys.stdout.write(''.join('src/a.c:%d:1: error: e%s undeclared\n' % (i, chr(97 + i % 26) * (1 + i % 50)) for i in range(1, 20001)))" >big.log
}

@test "24: a closed downstream pipe ends heal-detect quietly, in every format" {
	big_log
	for fmt in ndjson text; do
		run --separate-stderr bash -c "heal-detect --format $fmt big.log | head -n 1 >/dev/null; exit \${PIPESTATUS[0]}"
		# SIGPIPE's default action is the quiet end (CONVENTIONS 7)
		[ "$status" -le 1 ] || [ "$status" -eq 141 ] || { echo "$fmt: exit $status"; false; }
		[ -z "$stderr" ] || { echo "$fmt: $stderr"; false; }
	done
	# from standard input, with --follow's flushing too
	run --separate-stderr bash -c 'heal-detect <big.log | head -c 10 >/dev/null'
	[ -z "$stderr" ]
}

@test "a full disk on standard output: exit 4, a clear message, in every format" {
	big_log
	for fmt in ndjson text; do
		run --separate-stderr bash -c "heal-detect --format $fmt big.log >/dev/full"
		assert_failure 4
		# one message, not one per failed write
		[[ "$stderr" =~ ^heal-detect:\ cannot\ write\ [a-z\ ]*output:\ No\ space\ left\ on\ device$ ]] || { echo "$fmt: $stderr"; false; }
	done
	# a small output that fits the stdio buffer fails at exit, still 4
	printf 'src/a.c:1:1: error: x\n' >one.log
	run --separate-stderr bash -c 'heal-detect one.log >/dev/full'
	assert_failure 4
	[[ "$stderr" == *"No space left on device"* ]]
}

@test "17: write failing with EIO on standard output: exit 4, no crash" {
	command -v strace >/dev/null || skip "strace missing"
	big_log
	# only the writes to the output fail (-P): the message about them
	# must not be the write that fails
	for n in 1 2 5; do
		run --separate-stderr bash -c "ASAN_OPTIONS=detect_leaks=0 strace -f -qq -o /dev/null \
			-P \"\$PWD/out.ndjson\" -e trace=write -e inject=write:error=EIO:when=$n \
			heal-detect big.log >out.ndjson"
		assert_failure 4
		[[ "$stderr" == *"heal-detect: cannot write output: Input/output error"* ]]
	done
}

@test "unreadable inputs: a directory, a missing file, a truncated gzip: a clear message naming it" {
	printf 'src/a.c:1:1: error: x\n' >one.log
	mkdir d
	run --separate-stderr heal-detect d
	assert_failure 4
	[[ "$stderr" == *"'d'"* ]]
	run --separate-stderr heal-detect missing.log
	assert_failure 4
	[[ "$stderr" == *"cannot open 'missing.log'"* ]]
	# a truncated compressed log: what was read is kept, the error is reported
	head -c 100000 /dev/urandom | base64 | sed 's/^/src\/a.c:1:1: error: /' | gzip >z.gz
	head -c 2000 z.gz >cut.gz
	run --separate-stderr heal-detect cut.gz
	assert_failure 3
	[[ "$stderr" == *"cannot read 'cut.gz': truncated gzip input"* ]]
}
