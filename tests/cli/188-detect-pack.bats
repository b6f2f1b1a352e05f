#!/usr/bin/env bats
# heal's own pattern files read through the pack the build made of them
# (patterns.pack, heal_json_pack.h): the same records as from their text;
# a file changed since the build is read from its text; a pack cut short,
# damaged or of another kind is as none.  Each test copies share/ and the
# build's pack to $HEAL_DATA_DIR, where the tools look for both.

load 'helpers/detect'

setup() {
	T=$(mktemp -d)
	D=$T/data
	mkdir -p "$D"
	cp -r "$HEAL_SRC/share/." "$D/"
	cp "$HEAL_BUILD/share/patterns.pack" "$D/patterns.pack"
	cat >"$T/in.log" <<'LOG'
src/a.c:3:5: error: expected ';' before '}' token
Traceback (most recent call last):
  File "app.py", line 2, in <module>
    import foo
ModuleNotFoundError: No module named 'foo'
./deploy.sh: line 4: kubectl: command not found
ZZTOP-FAIL: the amplifier is on fire
make: *** [Makefile:3: all] Error 1
LOG
}

teardown() {
	rm -rf "$T"
}

# heal-detect on $T/in.log with the data of $D: records to $T/$1, stderr
# to $T/$1.err, its exit status to $T/$1.rc
detect_as() {
	local rc=0
	HEAL_DATA_DIR=$D heal-detect --root "$T" <"$T/in.log" >"$T/$1" 2>"$T/$1.err" || rc=$?
	echo "$rc" >"$T/$1.rc"
}

@test "pack: the build made one of every pattern file" {
	run "$PY" - "$HEAL_BUILD/share/patterns.pack" "$HEAL_SRC/share/patterns" <<'PYEOF'
import os, struct, sys
data = open(sys.argv[1], "rb").read()
assert data[:7] == b"HEALJPK", data[:8]
n = struct.unpack_from("<I", data, 12)[0]
names = set()
for i in range(n):
    off, ln = struct.unpack_from("<II", data, 16 + 56 * i)
    names.add(data[off:off + ln].decode())
files = {f for f in os.listdir(sys.argv[2]) if f.endswith(".json")}
missing = files - names
assert not missing, "not in the pack: %s" % sorted(missing)
print(len(names))
PYEOF
	assert_success
	[ "$output" -gt 50 ]
}

@test "pack: the same records as from the files' text" {
	detect_as with
	rm "$D/patterns.pack"
	detect_as without
	[ "$(cat "$T/with.rc")" = 1 ]
	[ "$(rec_count "$T/with")" -ge 4 ]
	cmp "$T/with" "$T/without"
	cmp "$T/with.err" "$T/without.err"
}

@test "pack: a file changed since the build is read from its text" {
	detect_as before
	run grep -c '"message":"the amplifier is on fire"' "$T/before"
	assert_output 0
	# a matcher added to gcc.json: its pack entry no longer matches
	"$PY" - "$D/patterns/gcc.json" <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1]))
d["problemMatcher"].append({"owner": "zztop", "tool": "zztop",
    "pattern": [{"regexp": "^ZZTOP-FAIL: (.*)$", "message": 1}]})
open(sys.argv[1], "w").write(json.dumps(d, indent=2, ensure_ascii=False))
PYEOF
	detect_as after
	run grep -c '"message":"the amplifier is on fire"' "$T/after"
	assert_output 1
}

@test "pack: one cut short, damaged or of another kind is as none" {
	rm "$D/patterns.pack"
	detect_as none
	local pack=$HEAL_BUILD/share/patterns.pack size
	size=$(stat -c %s "$pack")
	for how in half header zero garbage flipped dir; do
		rm -rf "$D/patterns.pack"
		case $how in
		half) head -c $((size / 2)) "$pack" >"$D/patterns.pack" ;;
		header) head -c 16 "$pack" >"$D/patterns.pack" ;;
		zero) : >"$D/patterns.pack" ;;
		garbage) head -c "$size" /dev/urandom >"$D/patterns.pack" ;;
		# the entry count's high byte set: more entries than the file holds
		flipped) cp "$pack" "$D/patterns.pack"
			printf '\x7f' | dd of="$D/patterns.pack" bs=1 seek=15 conv=notrunc status=none ;;
		dir) mkdir "$D/patterns.pack" ;;
		esac
		detect_as "$how"
		cmp "$T/none" "$T/$how" || { echo "differs: $how" >&2; return 1; }
		cmp "$T/none.err" "$T/$how.err" || { echo "stderr differs: $how" >&2; return 1; }
		[ "$(cat "$T/$how.rc")" = "$(cat "$T/none.rc")" ]
	done
}

@test "pack: heal-jsonpack leaves out what is not JSON; the tools report it" {
	printf '{"problemMatcher": [\n' >"$D/patterns/zz-broken.json"
	run "$HEAL_BUILD/tools/heal-jsonpack" "$T/new.pack" "$D"/patterns/*.json
	assert_success
	assert_output --partial "zz-broken.json"
	assert_output --partial "left out"
	# a directory stands for its *.json files
	run "$HEAL_BUILD/tools/heal-jsonpack" "$T/dir.pack" "$D/patterns"
	assert_success
	assert_output --partial "zz-broken.json"
	[ "$(stat -c %s "$T/dir.pack")" = "$(stat -c %s "$T/new.pack")" ]
	cp "$T/new.pack" "$D/patterns.pack"
	detect_as broken
	[ "$(cat "$T/broken.rc")" = 2 ]
	run cat "$T/broken.err"
	assert_output --partial "zz-broken.json"
}

@test "pack: meson installs it beside the pattern files, not heal-jsonpack" {
	command -v meson >/dev/null || skip "meson is not installed"
	run meson install -C "$HEAL_BUILD" --destdir "$T/dest" --no-rebuild
	assert_success
	run find "$T/dest" -name patterns.pack -o -name heal-jsonpack -o -name patterns -type d
	assert_success
	[ "${#lines[@]}" = 2 ]
	[ "$(dirname "${lines[0]}")" = "$(dirname "${lines[1]}")" ]
}

@test "pack: a file of the length and time its entry recorded is taken unread; a new time, or a time too recent to record, is read" {
	local f=$D/patterns/gcc.json
	# times an hour old: heal-jsonpack records them
	touch -d '-1 hour' "$D"/patterns/*.json
	run "$HEAL_BUILD/tools/heal-jsonpack" "$D/patterns.pack" "$D/patterns"
	assert_success
	detect_as before
	[ "$(cat "$T/before.rc")" = 1 ]
	# the same length and time, other bytes (not JSON): the entry is
	# trusted, the file not read (heal_json_pack.h says so)
	cp -p "$f" "$T/gcc.json.orig"
	printf 'X' | dd of="$f" bs=1 conv=notrunc status=none
	touch -r "$T/gcc.json.orig" "$f"
	detect_as unread
	cmp "$T/before" "$T/unread"
	[ "$(cat "$T/unread.rc")" = 1 ]
	# a new time: the file is read, and it is not JSON
	touch "$f"
	detect_as touched
	[ "$(cat "$T/touched.rc")" = 2 ]
	run cat "$T/touched.err"
	assert_output --partial "gcc.json"
	# a pack made right after the file changed records no time for it:
	# even with its time put back, the edit is read
	cp -p "$T/gcc.json.orig" "$f"
	touch "$f"
	run "$HEAL_BUILD/tools/heal-jsonpack" "$D/patterns.pack" "$D/patterns"
	assert_success
	touch -r "$f" "$T/stamp"
	printf 'X' | dd of="$f" bs=1 conv=notrunc status=none
	touch -r "$T/stamp" "$f"
	detect_as racy
	[ "$(cat "$T/racy.rc")" = 2 ]
	run cat "$T/racy.err"
	assert_output --partial "gcc.json"
}
