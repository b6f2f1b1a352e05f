#!/usr/bin/env bats
# share/completions: bash and zsh completion for every heal tool, in sync
# with each tool's --help.

bats_require_minimum_version 1.5.0
load 'helpers/bats-libs'

C="$HEAL_SRC/share/completions"

setup() {
	T=$(mktemp -d "${BATS_TMPDIR:-/tmp}/heal-compl.XXXXXX")
	cd "$T" || return 1
}

teardown() {
	cd / && rm -rf "$T"
}

# The tools built here (heal and heal-validate come with their issues).
built_tools() {
	local t
	for t in heal heal-detect heal-analyze heal-fix heal-validate heal-log heal-mcp; do
		[ -x "$HEAL_BUILD/tools/$t" ] && echo "$t"
	done
}

# complete WORD...: run the bash completion of the line "WORD... " (the
# last WORD is the one being completed) and print COMPREPLY, one a line.
complete_line() {
	local tool=$1
	bash -c '
		source "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		fn=$(complete -p "$1" | sed -n "s/.* -F \([^ ]*\) .*/\1/p")
		"$fn"
		printf "%s\n" "${COMPREPLY[@]}"' _ "$C/bash/$tool" "$@"
}

@test "every built tool has a bash and a zsh completion" {
	for t in $(built_tools); do
		[ -f "$C/bash/$t" ] || fail "no share/completions/bash/$t"
		[ -f "$C/zsh/_$t" ] || fail "no share/completions/zsh/_$t"
	done
}

@test "the completions are what scripts/gen-completions makes of --help today" {
	run "$HEAL_SRC/scripts/gen-completions" "$HEAL_BUILD" "$T/gen"
	assert_success
	for t in $(built_tools); do
		run diff -u "$C/bash/$t" "$T/gen/bash/$t"
		assert_success
		run diff -u "$C/zsh/_$t" "$T/gen/zsh/_$t"
		assert_success
	done
}

@test "bash: sourcing registers a completion function for the tool" {
	for t in $(built_tools); do
		run bash -c 'source "$1" && complete -p "$2"' _ "$C/bash/$t" "$t"
		assert_success
		assert_output --regexp "-F _heal[a-z_]* $t\$"
		run bash -n "$C/bash/$t"
		assert_success
	done
}

@test "bash: every long option of --help is offered after --" {
	for t in $(built_tools); do
		opts=$(complete_line "$t" "$t" --)
		for o in $("$HEAL_BUILD/tools/$t" --help | grep -oE '^ +(-[a-zA-Z], +)?--[a-z0-9-]+' | grep -oE -- '--[a-z0-9-]+'); do
			grep -qx -- "$o" <<<"$opts" || fail "$t: $o not offered"
		done
	done
}

@test "bash: option values: formats, policies, tools, directories" {
	run complete_line heal-log heal-log --format ''
	assert_line sarif
	assert_line codequality
	assert_line markdown
	run complete_line heal-log heal-log --format = co
	assert_output codequality
	run complete_line heal-log heal-log --form
	assert_output --format
	run complete_line heal-fix heal-fix --approve r
	assert_output risky
	run complete_line heal-detect heal-detect --tool terr
	assert_output terraform
	run complete_line heal-detect heal-detect --format ''
	assert_output $'ndjson\ntext'
	mkdir -p adir && touch afile
	run complete_line heal-fix heal-fix --root a
	assert_output adir
	run complete_line heal-analyze heal-analyze a
	assert_line adir
	assert_line afile
	# an option that takes a free value offers nothing
	run complete_line heal-fix heal-fix --timeout ''
	assert_output ''
}

@test "bash: heal completes a command after --" {
	[ -f "$C/bash/heal" ] || skip "heal is not built yet"
	run complete_line heal heal --dry-run -- mak
	assert_line make
	touch Makefile
	run complete_line heal heal -- make Mak
	assert_output Makefile
}

@test "zsh: every completion parses and registers with compinit" {
	command -v zsh >/dev/null || skip "zsh not installed"
	for t in $(built_tools); do
		run zsh -n "$C/zsh/_$t"
		assert_success
		head -n 1 "$C/zsh/_$t" | grep -qx "#compdef $t" || fail "_$t: no #compdef line"
	done
	run zsh -f -c 'fpath=("$1" $fpath); autoload -Uz compinit; compinit -u -D; for t in ${@:2}; do print -r -- "$t=$_comps[$t]"; done' _ "$C/zsh" $(built_tools)
	assert_success
	for t in $(built_tools); do
		assert_line "$t=_$t"
	done
}

@test "meson installs the completions where bash-completion and zsh look" {
	run grep -E "'bash-completion' / 'completions'|'zsh' / 'site-functions'" "$HEAL_SRC/share/meson.build"
	assert_success
	[ "${#lines[@]}" -ge 2 ]
}
