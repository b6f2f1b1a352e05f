assert_output() {
	[ "$output" = "$1" ] || { echo "expected $1, got $output"; return 1; }
}
