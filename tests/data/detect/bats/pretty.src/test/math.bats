load helpers

@test "adds" {
	run echo 4
	[ "$output" = 4 ]
}

@test "addition using bc" {
	run bash -c 'echo 2+2 | bc'
	assert_output 5
}

@test "subtracts" {
	[ $((3 - 1)) -eq 1 ]
}
