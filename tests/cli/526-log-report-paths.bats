#!/usr/bin/env bats
# heal-log --format: paths in reports are relative to the project root; an
# error in a file outside it is named "[external]/NAME" (SARIF: uri NAME
# under the uriBaseId EXTERNAL), and no report names the user's home.

bats_require_minimum_version 1.5.0
load log-helpers

FORMATS="text sarif github rdjsonl junit markdown codequality"

# every report of the records in $1, concatenated
all_reports() { local f; for f in $FORMATS; do heal-log --no-log --format "$f" "$1" || true; done; }

@test "a real gcc error in a header under the home directory: no report names the home" {
	command -v gcc >/dev/null || skip "gcc missing"
	export HOME="$T/home/alice"
	mkdir -p "$HOME/inc" proj
	printf 'int broken(void) { return nope; }\n' >"$HOME/inc/bad.h"
	printf '#include "bad.h"\nint main(void) { return broken(); }\n' >proj/main.c
	cd proj
	gcc -I"$HOME/inc" -c main.c 2>&1 | heal-detect | heal-analyze >recs.ndjson || true
	grep -q "$HOME" recs.ndjson   # the records do name it
	all_reports recs.ndjson >reports
	[ -s reports ]
	run grep -c "alice" reports
	assert_output 0
	heal-log --no-log --format codequality recs.ndjson >cq.json || true
	assert_equal "$(python3 -S -c 'import json,sys; print([i["location"]["path"] for i in json.load(open("cq.json"))])')" "['[external]/bad.h']"
	heal-log --no-log --format sarif recs.ndjson >out.sarif || true
	assert_equal "$(python3 -S -c 'import json; r=json.load(open("out.sarif"))["runs"][0]
a=r["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
print(a["uri"], a["uriBaseId"], "EXTERNAL" in r["originalUriBaseIds"])')" "bad.h EXTERNAL True"
	if python3 -S -c 'import jsonschema' 2>/dev/null; then
		python3 "$HEAL_SRC/tests/cli/sarif-check.py" "$HEAL_SRC/tests/data/sarif-schema-2.1.0.json" out.sarif
	fi
	# the raw output in rdjsonl and junit shows the home as ~
	run bash -c "heal-log --no-log --format junit recs.ndjson | grep -c '~/inc/bad.h'"
	[ "$output" -ge 1 ]
}

@test "an absolute path inside the root becomes relative; one outside, or climbing out, is external" {
	mkdir -p proj/src
	cd proj
	{
		error_rec 00000000000000a1 "$PWD/src/a.c"
		error_rec 00000000000000a2 "/srv/other/b.c"
		error_rec 00000000000000a3 "../sibling/c.c"
		error_rec 00000000000000a4 "src/d.c"
	} >in
	heal-log --no-log --format codequality in >cq.json || true
	assert_equal "$(python3 -S -c 'import json; print(" ".join(i["location"]["path"] for i in json.load(open("cq.json"))))')" \
		"src/a.c [external]/b.c [external]/c.c src/d.c"
	heal-log --no-log --format sarif in >out.sarif || true
	assert_equal "$(python3 -S -c 'import json
for r in json.load(open("out.sarif"))["runs"][0]["results"]:
    a = r["locations"][0]["physicalLocation"]["artifactLocation"]
    print(a["uri"], a.get("uriBaseId", "-"), len(r.get("fixes", [])))')" \
		"$(printf 'src/a.c - 1\nb.c EXTERNAL 0\nc.c EXTERNAL 0\nsrc/d.c - 1')"
	run grep -c "sibling\|/srv/other" <(all_reports in)
	assert_output 0
}

@test "the root's own path in a message is cut, so a report reads the same on every machine" {
	mkdir proj
	cd proj
	printf '{"v":1,"kind":"error","tool":"gcc","severity":"error","file":"a.c","line":1,"message":"in %s/a.c: boom"}\n' "$PWD" >in
	run heal-log --no-log --format text in
	[[ "$output" == *"in a.c: boom"* ]]
	[[ "$output" != *"$PWD"* ]]
}
