#!/usr/bin/env bats
# heal-detect on linters' output (#16): golden cases in tests/data/detect/<tool>/
# (helpers/golden.bash). Each tool's recorded outputs always run; its live
# cases run the real linter when it is installed (scripts/deps-tests) and
# skip otherwise. Tools Debian does not have are recorded from their own
# documentation of the format (CASE.docs says where).

load 'helpers/golden'

setup() {
	golden_setup
}

teardown() {
	rm -rf "$T"
}

# --- real tools: recorded runs, and live runs where installed ---------------

@test "flake8: recorded" { golden_recorded flake8; }
@test "flake8: live" { golden_live flake8; }
@test "pycodestyle: recorded" { golden_recorded pycodestyle; }
@test "pycodestyle: live" { golden_live pycodestyle; }
@test "pylint: recorded" { golden_recorded pylint; }
@test "pylint: live" { golden_live pylint; }
@test "mypy: recorded" { golden_recorded mypy; }
@test "mypy: live" { golden_live mypy; }
@test "pydocstyle: recorded" { golden_recorded pydocstyle; }
@test "pydocstyle: live" { golden_live pydocstyle; }
@test "isort: recorded" { golden_recorded isort; }
@test "isort: live" { golden_live isort; }
@test "black: recorded" { golden_recorded black; }
@test "black: live" { golden_live black; }
@test "yamllint: recorded" { golden_recorded yamllint; }
@test "yamllint: live" { golden_live yamllint; }
@test "eslint: recorded" { golden_recorded eslint; }
@test "eslint: live" { golden_live eslint; }
@test "standard: recorded" { golden_recorded standard; }
@test "standard: live" { golden_live standard; }
@test "stylelint: recorded" { golden_recorded stylelint; }
@test "stylelint: live" { golden_live stylelint; }

# --- recorded from the tools' documentation ---------------------------------

@test "ruff (recorded from docs)" { golden_recorded ruff; }
@test "bandit (recorded from docs)" { golden_recorded bandit; }
@test "hadolint (recorded from docs)" { golden_recorded hadolint; }
@test "ansible-lint (recorded from docs)" { golden_recorded ansible-lint; }
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
