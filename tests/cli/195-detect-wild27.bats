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

@test "binutils' programs on a file they cannot read or an option they do not know, as they print it" {
	command -v ar >/dev/null && command -v objcopy >/dev/null || skip "binutils is not installed"
	cd "$T"
	printf 'not an object\n' >notes.txt
	{
		ar rcs lib.a deps/murmurhash/MurmurHash3.o
		objcopy -O binary notes.txt out.bin
		nm notes.txt
		readelf -h missing.elf
		strip --no-such-option
		ld --no-such-option
	} >in.log 2>&1 || true
	detect
	run $PY -c '
import json, sys
for l in open(sys.argv[1]):
    r = json.loads(l)
    print(r["tool"], r["code"], r["category"], r["message"], sep="|")' "$T/rec.json"
	echo "$output"
	[ "${lines[0]}" = "binutils|ar|resource|deps/murmurhash/MurmurHash3.o: No such file or directory" ]
	[ "${lines[1]}" = "binutils|objcopy|value|notes.txt: file format not recognized" ]
	[ "${lines[2]}" = "binutils|nm|value|notes.txt: file format not recognized" ]
	[ "${lines[3]}" = "binutils|readelf|resource|'missing.elf': No such file" ]
	[ "${lines[4]}" = "binutils|strip|configuration|unrecognized option '--no-such-option'" ]
	[ "${lines[5]}" = "ld|None|configuration|unrecognized option '--no-such-option'" ]
	[ "${#lines[@]}" -eq 6 ]
}

@test "binutils: a program's other words, and a file named like one, are no records" {
	printf '%s\n' 'nm: a.o: no symbols' 'size: the size of things: 12 bytes' \
		'strings: No such file or directory here' 'arm-none-eabi-size build/app.elf' \
		'   text    data     bss     dec     hex filename' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 0 ]
}

@test "ld: an option gold or bfd does not know, and any message under an explicit error" {
	if command -v ld.gold >/dev/null; then
		(cd "$T" && { ld.gold -PIE; ld.gold -z undefs; } >gold.log 2>&1) || true
		cp "$T/gold.log" "$T/in.log"
		detect
		[ "$(rec_count "$T/rec.json")" -eq 2 ]
		rec_check "$T/rec.json" 0 tool=ld category=configuration 'message=-PIE: unknown option'
		rec_check "$T/rec.json" 1 tool=ld 'message=undefs: unknown -z option'
	fi
	printf '%s\n' '/usr/lib/gcc/x86_64-pc-linux-gnu/5.4.0/../../../../x86_64-pc-linux-gnu/bin/ld.gold: -PIE: unknown option' \
		'/usr/lib/gcc/x86_64-pc-linux-gnu/5.4.0/../../../../x86_64-pc-linux-gnu/bin/ld.gold: use the --help option for usage information' \
		'/usr/bin/ld: error: cannot open output file app: Is a directory' \
		'/usr/bin/ld.gold: fatal error: build/libfoo.so: mmap: failed' \
		'collect2: error: ld returned 1 exit status' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 3 ]
	rec_check "$T/rec.json" 0 tool=ld 'message=-PIE: unknown option'
	rec_check "$T/rec.json" 1 tool=ld severity=error 'message=cannot open output file app: Is a directory'
	rec_check "$T/rec.json" 2 tool=ld severity=error 'message=build/libfoo.so: mmap: failed'
}
