#!/usr/bin/env bats
# heal-detect on layouts the dev halves of the forty-first gathering
# (mobile builds, infrastructure, other languages, package managers)
# showed missing (#16), each written by us in the layout the tool prints;
# and what the engine's shortcuts must keep.

load 'helpers/detect-log'

# the records of rec.json as "tool|file|line|message" lines
rows() {
	rec_rows tool file line message
}

@test "a start the next line fails is given back at once; a relay's line after it is still relayed" {
	printf 'int main(void) { return y; }\n' >"$T/a.c"
	printf '%s\n' 'warning: unused variable: `level`' \
		'warning: zstd-sys@2.0.9: a.c:1:25: error: '"'"'y'"'"' undeclared (first use in this function)' \
		'warning: 0' 'warning: 1' 'warning: 2' \
		'warning: unused import: `std::io`' ' --> src/main.rs:1:5' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${#lines[@]}" -eq 2 ]
	[ "${lines[0]}" = "gcc|a.c|1|'y' undeclared (first use in this function)" ]
	[ "${lines[1]}" = 'rustc|src/main.rs|1|unused import: `std::io`' ]
}
