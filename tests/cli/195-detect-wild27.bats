#!/usr/bin/env bats
# heal-detect on layouts the dev half of the twenty-seventh gathering showed
# missing (#16), each written by us in the layout the tool prints.

load 'helpers/detect-log'

@test "a line the tool cut at the terminal's width ('...') is not joined to a rule of that width" {
	# pytest cuts a short summary line to 80 columns and ends it in "...";
	# the closing rule under it is as wide
	{
		printf '%s\n' '=========================== short test summary info ============================'
		printf '%s\n' 'FAILED test_example_short_test_summary_info.py::test_message - FAILURE: check...'
		printf '%s\n' '======================= 1 failed, 1 deselected in 0.55s ========================'
	} >"$T/in.log"
	[ "$(awk 'length($0) == 80' "$T/in.log" | wc -l)" -eq 3 ]
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=pytest file=test_example_short_test_summary_info.py \
		'message=FAILURE: check...'
}
