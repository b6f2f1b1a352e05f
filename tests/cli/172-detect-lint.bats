#!/usr/bin/env bats
# heal-detect on linters' output (#16): golden cases in tests/data/detect/<tool>/
# (helpers/golden.bash): the recorded outputs. The same cases run live, with
# the real linters, in 177-detect-lint-live. Tools Debian does not have are
# recorded from their own documentation of the format (CASE.docs says where).

load 'helpers/golden'

setup() {
	golden_setup
}

teardown() {
	rm -rf "$T"
}

# --- real tools' recorded runs ----------------------------------------------

@test "flake8: recorded" { golden_recorded flake8; }
@test "pycodestyle: recorded" { golden_recorded pycodestyle; }
@test "pylint: recorded" { golden_recorded pylint; }
@test "mypy: recorded" { golden_recorded mypy; }
@test "pydocstyle: recorded" { golden_recorded pydocstyle; }
@test "ktlint: recorded" { golden_recorded ktlint; }
@test "markdownlint: recorded" { golden_recorded markdownlint; }
@test "isort: recorded" { golden_recorded isort; }
@test "black: recorded" { golden_recorded black; }
@test "yamllint: recorded" { golden_recorded yamllint; }
@test "eslint: recorded" { golden_recorded eslint; }
@test "standard: recorded" { golden_recorded standard; }
@test "stylelint: recorded" { golden_recorded stylelint; }
@test "sqlfluff: recorded" { golden_recorded sqlfluff; }
@test "phpcs: recorded" { golden_recorded phpcs; }
@test "clang-tidy: recorded" { golden_recorded clang-tidy; }

# --- recorded from the tools' documentation ---------------------------------

@test "ruff (recorded from docs)" { golden_recorded ruff; }
@test "actionlint (recorded from docs)" { golden_recorded actionlint; }
@test "checkstyle (recorded from docs)" { golden_recorded checkstyle; }
@test "detekt (recorded from docs)" { golden_recorded detekt; }
@test "pmd under maven (recorded from docs)" { golden_recorded pmd; }
@test "spotbugs under maven (recorded from docs)" { golden_recorded spotbugs; }
@test "flow (recorded from docs)" { golden_recorded flow; }
@test "biome (recorded from docs)" { golden_recorded biome; }
@test "miette's layout: oxlint, a Rust tool's report (recorded from docs)" { golden_recorded miette; }
@test "cue vet (recorded from docs)" { golden_recorded cue; }
@test "vale (recorded from docs)" { golden_recorded vale; }
@test "prettier (recorded from docs)" { golden_recorded prettier; }
@test "bandit: recorded (its custom format from docs)" { golden_recorded bandit; }
@test "hadolint (recorded from docs)" { golden_recorded hadolint; }
@test "ansible-lint (recorded, and from docs)" { golden_recorded ansible-lint; }
@test "golangci-lint (recorded from docs)" { golden_recorded golangci-lint; }
@test "staticcheck (recorded from docs)" { golden_recorded staticcheck; }
@test "golint (recorded from docs)" { golden_recorded golint; }
@test "gosec (recorded from docs)" { golden_recorded gosec; }
@test "go-consistent (recorded from docs)" { golden_recorded go-consistent; }
@test "rubocop (recorded from docs)" { golden_recorded rubocop; }
@test "standardrb (recorded from docs)" { golden_recorded standardrb; }
@test "reek (recorded from docs)" { golden_recorded reek; }
@test "brakeman (recorded from docs)" { golden_recorded brakeman; }
@test "erb-lint (recorded from docs)" { golden_recorded erb-lint; }
@test "fasterer (recorded from docs)" { golden_recorded fasterer; }
@test "haml-lint (recorded from docs)" { golden_recorded haml-lint; }
@test "slim-lint (recorded from docs)" { golden_recorded slim-lint; }
@test "sorbet (recorded from docs)" { golden_recorded sorbet; }
@test "phpstan (recorded from docs)" { golden_recorded phpstan; }
@test "psalm (recorded from docs)" { golden_recorded psalm; }
@test "luacheck (recorded from docs)" { golden_recorded luacheck; }
@test "hlint (recorded from docs)" { golden_recorded hlint; }
@test "misspell (recorded from docs)" { golden_recorded misspell; }
@test "typos (recorded from docs)" { golden_recorded typos; }
@test "dotenv-linter (recorded from docs)" { golden_recorded dotenv-linter; }
@test "protolint (recorded from docs)" { golden_recorded protolint; }
@test "buf (recorded from docs)" { golden_recorded buf; }
@test "puppet-lint (recorded from docs)" { golden_recorded puppet-lint; }
@test "scalastyle (recorded from docs)" { golden_recorded scalastyle; }
@test "tslint (recorded from docs)" { golden_recorded tslint; }
@test "remark-lint (recorded from docs)" { golden_recorded remark-lint; }

# --- every case has its data ------------------------------------------------

@test "golden data: each case has a log and a want, a real one its inputs' command or its docs" {
	local log c bad=0
	for log in "$GOLDEN_DATA"/*/*.log; do
		c=${log%.log}
		case $c in */prefix/* | */locale/*) continue ;; esac
		[ -f "$c.want" ] || { echo "no $c.want" >&2; bad=1; }
		[ -f "$c.cmd" ] || [ -f "$c.cmd-slow" ] || [ -f "$c.docs" ] ||
			{ echo "$c: neither .cmd nor .docs" >&2; bad=1; }
	done
	[ "$bad" -eq 0 ]
}

# --- file-stack groups at scale ---------------------------------------------

@test "eslint stylish: 5000 problems of one file are 5000 records, each raw its own lines" {
	mkdir -p "$T/p/src"
	: >"$T/p/src/app.js"
	$PY - "$T/p/src/app.js" >"$T/log" <<'PYEOF'
import sys
print(sys.argv[1])
for i in range(5000):
    print("  %d:3  error  Unexpected var, number %d  no-var" % (i + 1, i))
print()
print("\u2716 5000 problems (5000 errors, 0 warnings)")
PYEOF
	(cd "$T/p" && heal-detect <"$T/log" >"$T/rec.json" 2>"$T/err") || true
	[ "$(rec_count "$T/rec.json")" -eq 5000 ]
	[ ! -s "$T/err" ]
	run $PY -c '
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
assert all(r["file"] == "src/app.js" for r in recs), "file"
assert all(r["raw"].count("\n") == 1 for r in recs), "raw"
assert recs[4999]["line"] == 5000
' "$T/rec.json"
	[ "$status" -eq 0 ] || { echo "$output" >&2; return 1; }
}

@test "eslint stylish and yamllint standard pasted without their rows' indentation: the same records" {
	local tool c
	for c in eslint/stylish yamllint/standard; do
		tool=${c%%/*}
		[ -f "$GOLDEN_DATA/$c.log" ] || { echo "no $c.log" >&2; return 1; }
		sed 's/^[[:blank:]]*\([0-9][0-9]*:[0-9]\)/\1/' "$GOLDEN_DATA/$c.log" >"$T/flat.log"
		! cmp -s "$GOLDEN_DATA/$c.log" "$T/flat.log"
		heal-detect <"$GOLDEN_DATA/$c.log" >"$T/a.json" || true
		heal-detect <"$T/flat.log" >"$T/b.json" || true
		[ "$(rec_count "$T/a.json")" -gt 0 ]
		$PY -c '
import json, sys
key = lambda p: [(r["tool"], r["file"], r["line"], r["column"], r["message"], r["code"]) for r in map(json.loads, open(p))]
a, b = key(sys.argv[1]), key(sys.argv[2])
assert a == b, (a, b)
' "$T/a.json" "$T/b.json"
	done
}

@test "a multi-line match cut at its max_lines is warned about" {
	mkdir -p "$T/p"
	cat >"$T/p/pat.json" <<'JSON'
{"heal": 1, "tool": "t", "problemMatcher": [{"owner": "t", "max_lines": 5,
 "literals": ["BEGIN"], "pattern": [{"regexp": "^BEGIN (?<message>.*)$"},
 {"regexp": "^  at (?<file>\\S+)$", "loop": true, "collect": true},
 {"regexp": "^END$"}]}]}
JSON
	{ echo "BEGIN oops"; for i in 1 2 3 4 5 6 7 8; do echo "  at f$i.c"; done; echo END; } >"$T/log"
	(cd "$T/p" && heal-detect --no-default-patterns --patterns pat.json <"$T/log" >"$T/rec.json" 2>"$T/err") || true
	grep -q "^heal-detect: warning: a multi-line match of 't' spanned more than 5 lines" "$T/err"
}

@test "GitHub's eslint matchers as published (no literals): literals from their regexps, every problem found" {
	mkdir -p "$T/p/src"
	: >"$T/p/src/app.js"
	: >"$T/p/src/b.js"
	cat >"$T/stylish.json" <<'JSON'
{"problemMatcher":[{"owner":"eslint-stylish","pattern":[{"regexp":"^([^\\s].*)$","file":1},{"regexp":"^\\s+(\\d+):(\\d+)\\s+(error|warning|info)\\s+(.*)\\s\\s+(.*)$","line":1,"column":2,"severity":3,"message":4,"code":5,"loop":true}]}]}
JSON
	cat >"$T/compact.json" <<'JSON'
{"problemMatcher":[{"owner":"eslint-compact","pattern":[{"regexp":"^(.+):\\sline\\s(\\d+),\\scol\\s(\\d+),\\s(Error|Warning|Info)\\s-\\s(.+)\\s\\((.+)\\)$","file":1,"line":2,"column":3,"severity":4,"message":5,"code":6}]}]}
JSON
	$PY - "$T/p" >"$T/log" <<'PYEOF'
import sys
root = sys.argv[1]
for blk in range(40):
    for i in range(30):
        print("[12:00:%02d] INFO step %d done, 0 errors so far" % (i, i))
    f = "src/app.js" if blk % 2 else "src/b.js"
    print(root + "/" + f)
    for i in range(3):
        print("  %d:%d  %s  Unexpected var, case %d  no-var" % (3 * blk + i + 1, i + 1, ("error", "warning", "info")[i], blk))
    print()
    print("%s/%s: line %d, col 3, Warning - Missing semicolon. (semi)" % (root, f, blk + 1))
PYEOF
	# --no-generic: the matcher alone (the generic reader would take the
	# compact lines of the stylish run, where their file has the line)
	(cd "$T/p" && heal-detect --no-generic --no-default-patterns --patterns "$T/stylish.json" <"$T/log" >"$T/s.json") || true
	(cd "$T/p" && heal-detect --no-generic --no-default-patterns --patterns "$T/compact.json" <"$T/log" >"$T/c.json") || true
	run $PY -c '
import json, sys
s = [json.loads(l) for l in open(sys.argv[1])]
c = [json.loads(l) for l in open(sys.argv[2])]
assert len(s) == 120, len(s)
assert [r["severity"] for r in s[:3]] == ["error", "warning", "note"], s[:3]
assert s[3]["file"] == "src/app.js" and s[3]["line"] == 4 and s[3]["code"] == "no-var", s[3]
assert len(c) == 40 and c[39]["line"] == 40 and c[0]["file"] == "src/b.js", c[:1]
' "$T/s.json" "$T/c.json"
	[ "$status" -eq 0 ] || { echo "$output" >&2; return 1; }
}
