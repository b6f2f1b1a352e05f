#!/usr/bin/env bats
# heal-detect on formats of share/patterns/{pyright,dart,checkmake,prose,
# parser-gen,dlang}.json (#16): pyright, dart analyze (its three layouts and
# --format=machine), checkmake's table, codespell, chktex, proselint, flex
# and bison, the D compilers' front end (dmd, ldc2).  Recorded outputs (CASE.log; written from the tool's own
# documentation where Debian has not the tool: CASE.docs) always run; the
# live cases (CASE.cmd) run the real tool now and skip when it is missing
# (scripts/deps-tests installs codespell, chktex, proselint, flex, bison).
# Every tool has a clean run that must give no record.

load 'helpers/golden'

setup() {
	golden_setup
}

teardown() {
	rm -rf "$T"
}

@test "pyright (recorded from docs)" { golden_recorded pyright; }
@test "dart analyze (recorded from docs)" { golden_recorded dart; }
@test "checkmake (recorded from docs)" { golden_recorded checkmake; }
@test "dmd and ldc2 (recorded from docs)" { golden_recorded dmd; }
@test "codespell (recorded)" { golden_recorded codespell; }
@test "valac (recorded from docs)" { golden_recorded vala; }
@test "codespell: live" { golden_live codespell; }
@test "chktex (recorded)" { golden_recorded chktex; }
@test "chktex: live" { golden_live chktex; }
@test "proselint (recorded)" { golden_recorded proselint; }
@test "proselint: live" { golden_live proselint; }
@test "flex (recorded)" { golden_recorded flex; }
@test "flex: live" { golden_live flex; }
@test "bison (recorded)" { golden_recorded bison; }
@test "bison: live" { golden_live bison; }
@test "xmllint (recorded)" { golden_recorded xmllint; }
@test "xmllint: live" { golden_live xmllint; }

@test "pyright: a multi-line message keeps its rule, its second line the detail" {
	cd "$T"
	printf '/p/a.py\n  /p/a.py:9:12 - error: Argument of type "str" cannot be assigned\n    "str" is not assignable to "int" (reportArgumentType)\n1 error, 0 warnings, 0 informations \n' |
		heal-detect >rec.json || true
	$PY - <<'PY'
import json
r = [json.loads(l) for l in open("rec.json")]
assert len(r) == 1, r
assert r[0]["code"] == "reportArgumentType" and r[0]["detail"] == '"str" is not assignable to "int"', r[0]
PY
}

@test "checkmake: the same rule twice on a line, its wrapped words apart, are two records" {
	run heal-detect "$GOLDEN_DATA/checkmake/default.log"
	[ "$status" -eq 1 ]
	[[ "$output" == *'"detail":"\"all\""'* ]]
	[[ "$output" == *'"detail":"\"test\""'* ]]
	[[ "$output" == *'"detail":"exceeds allowed length of 5 (7)."'* ]]
}

@test "prose linters' words in an ordinary log make no record" {
	cd "$T"
	{
		printf 'Step 3: checking misc. settings ==> ok\n'
		printf 'x ==> y\n'
		printf 'INFO: typography.css loaded\n'
		printf 'Warning 3 in the cache: stale entries\n'
		printf 'see line 4: bad character in the banner\n'
		printf 'lib/main.dart was updated\n'
	} | heal-detect --no-generic >rec.json || true
	[ ! -s rec.json ]
}
