#!/usr/bin/env bats
# heal-detect on linters' live output (#16): the real linters run now on
# the inputs of tests/data/detect/<tool>/CASE.src (CASE.cmd), and
# heal-detect must give CASE.want on their output (helpers/golden.bash). A
# linter that is not installed (scripts/deps-tests) skips with the reason.
# The recorded outputs of the same cases are in 172-detect-lint, which runs
# under ASan too; this suite is in slow_suites (the linters' own start-up
# is most of its cost).

load 'helpers/golden'

# the tools run ahead, two at a time (the slowest first), each case once;
# the tests read their outputs
setup_file() {
	golden_live_prepare standard stylelint pylint mypy eslint flake8 isort black yamllint pydocstyle pycodestyle ansible-lint sqlfluff phpunit bandit phpcs cppcheck clang-tidy
}

setup() {
	golden_setup
}

teardown() {
	rm -rf "$T"
}

@test "flake8: live" { golden_live flake8; }
@test "pycodestyle: live" { golden_live pycodestyle; }
@test "pylint: live" { golden_live pylint; }
@test "cppcheck (1.x and 2.x templates): live" { golden_live cppcheck; }
@test "clang-tidy: live" { golden_live clang-tidy; }
@test "mypy: live" { golden_live mypy; }
@test "pydocstyle: live" { golden_live pydocstyle; }
@test "isort: live" { golden_live isort; }
@test "black: live" { golden_live black; }
@test "yamllint: live" { golden_live yamllint; }
@test "ansible-lint (6.x's default layout, plain and coloured): live" { golden_live ansible-lint; }
@test "eslint: live" { golden_live eslint; }
@test "standard: live" { golden_live standard; }
@test "stylelint: live" { golden_live stylelint; }
@test "sqlfluff: live" { golden_live sqlfluff; }
@test "phpunit: live" { golden_live phpunit; }
@test "bandit: live" { golden_live bandit; }
@test "phpcs: live" { golden_live phpcs; }
