# bats-support and bats-assert (Debian's bats-support and bats-assert
# packages), loaded without their load.bash files: those run dirname, a
# process, once a sourced file, and bats loads a test file's helpers again
# for every test (16 processes a test; a tenth of a detect suite's time).
for f in /usr/lib/bats/bats-support/src/*.bash /usr/lib/bats/bats-assert/src/*.bash; do
	# shellcheck disable=SC1090 # the libraries' own files
	source "$f"
done
unset f
