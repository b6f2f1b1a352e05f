#!/usr/bin/env bats
# heal-detect on real French, German and Japanese gcc, ld, make and bash
# outputs (#16): tests/data/detect/locale/. The records wanted are those of
# the same command in the C locale. The recorded cases always run (and skip
# until heal-detect reads the message catalogs); the live ones also need the
# locale and its catalogs (scripts/deps-tests).

load 'helpers/golden'

setup() {
	golden_setup
}

teardown() {
	rm -rf "$T"
}

# need_locale LL_CC: the locale exists here
need_locale() {
	locale -a 2>/dev/null | grep -qi "^$1\.utf-\?8$" || skip "no $1.UTF-8 locale"
}

@test "locale: bash-cnf-de" { golden_case locale bash-cnf-de "needs locale catalogs, #16 engine"; }
@test "locale: bash-cnf-de (live)" { need_locale de_DE; golden_case_live locale bash-cnf-de "needs locale catalogs, #16 engine"; }
@test "locale: bash-cnf-fr" { golden_case locale bash-cnf-fr "needs locale catalogs, #16 engine"; }
@test "locale: bash-cnf-fr (live)" { need_locale fr_FR; golden_case_live locale bash-cnf-fr "needs locale catalogs, #16 engine"; }
@test "locale: bash-cnf-ja" { golden_case locale bash-cnf-ja "needs locale catalogs, #16 engine"; }
@test "locale: bash-cnf-ja (live)" { need_locale ja_JP; golden_case_live locale bash-cnf-ja "needs locale catalogs, #16 engine"; }
@test "locale: bash-de" { golden_case locale bash-de "needs locale catalogs, #16 engine"; }
@test "locale: bash-de (live)" { need_locale de_DE; golden_case_live locale bash-de "needs locale catalogs, #16 engine"; }
@test "locale: bash-fr" { golden_case locale bash-fr "needs locale catalogs, #16 engine"; }
@test "locale: bash-fr (live)" { need_locale fr_FR; golden_case_live locale bash-fr "needs locale catalogs, #16 engine"; }
@test "locale: bash-ja" { golden_case locale bash-ja "needs locale catalogs, #16 engine"; }
@test "locale: bash-ja (live)" { need_locale ja_JP; golden_case_live locale bash-ja "needs locale catalogs, #16 engine"; }
@test "locale: gcc-de" { golden_case locale gcc-de "needs locale catalogs, #16 engine"; }
@test "locale: gcc-de (live)" { need_locale de_DE; golden_case_live locale gcc-de "needs locale catalogs, #16 engine"; }
@test "locale: gcc-fr" { golden_case locale gcc-fr "needs locale catalogs, #16 engine"; }
@test "locale: gcc-fr (live)" { need_locale fr_FR; golden_case_live locale gcc-fr "needs locale catalogs, #16 engine"; }
@test "locale: gcc-ja" { golden_case locale gcc-ja "needs locale catalogs, #16 engine"; }
@test "locale: gcc-ja (live)" { need_locale ja_JP; golden_case_live locale gcc-ja "needs locale catalogs, #16 engine"; }
@test "locale: ld-de" { golden_case locale ld-de "needs locale catalogs, #16 engine"; }
@test "locale: ld-de (live)" { need_locale de_DE; golden_case_live locale ld-de "needs locale catalogs, #16 engine"; }
@test "locale: ld-fr" { golden_case locale ld-fr "needs locale catalogs, #16 engine"; }
@test "locale: ld-fr (live)" { need_locale fr_FR; golden_case_live locale ld-fr "needs locale catalogs, #16 engine"; }
@test "locale: ld-ja" { golden_case locale ld-ja "needs locale catalogs, #16 engine"; }
@test "locale: ld-ja (live)" { need_locale ja_JP; golden_case_live locale ld-ja "needs locale catalogs, #16 engine"; }
@test "locale: make-de" { golden_case locale make-de "needs locale catalogs, #16 engine"; }
@test "locale: make-de (live)" { need_locale de_DE; golden_case_live locale make-de "needs locale catalogs, #16 engine"; }
@test "locale: make-fr" { golden_case locale make-fr "needs locale catalogs, #16 engine"; }
@test "locale: make-fr (live)" { need_locale fr_FR; golden_case_live locale make-fr "needs locale catalogs, #16 engine"; }
@test "locale: make-ja" { golden_case locale make-ja "needs locale catalogs, #16 engine"; }
@test "locale: make-ja (live)" { need_locale ja_JP; golden_case_live locale make-ja "needs locale catalogs, #16 engine"; }
@test "locale: recipe-de" { golden_case locale recipe-de "needs locale catalogs, #16 engine"; }
@test "locale: recipe-de (live)" { need_locale de_DE; golden_case_live locale recipe-de "needs locale catalogs, #16 engine"; }
@test "locale: recipe-fr" { golden_case locale recipe-fr "needs locale catalogs, #16 engine"; }
@test "locale: recipe-fr (live)" { need_locale fr_FR; golden_case_live locale recipe-fr "needs locale catalogs, #16 engine"; }
@test "locale: recipe-ja" { golden_case locale recipe-ja "needs locale catalogs, #16 engine"; }
@test "locale: recipe-ja (live)" { need_locale ja_JP; golden_case_live locale recipe-ja "needs locale catalogs, #16 engine"; }

@test "heal runs the command with its messages in the C locale, the rest of the locale kept" {
	mkdir -p "$T/p" "$T/home"
	cd "$T/p"
	HOME="$T/home" LC_ALL=fr_FR.UTF-8 LC_MESSAGES=de_DE.UTF-8 \
		heal --yes --no-wait -- sh -c 'echo "[$LC_ALL][$LC_MESSAGES][$LC_CTYPE]" >>env.txt; exit 3' \
		>/dev/null 2>&1 || true
	[ -s env.txt ]
	# every run of the command (the first, and any re-run) saw the same
	run sort -u env.txt
	[ "$output" = "[][C][fr_FR.UTF-8]" ]
	HOME="$T/home" LANG=de_DE.UTF-8 \
		heal --yes --no-wait -- sh -c 'echo "[$LANG][$LC_MESSAGES]" >env2.txt; exit 3' \
		>/dev/null 2>&1 || true
	[ "$(cat env2.txt)" = "[de_DE.UTF-8][C]" ]
}

@test "heal -- gcc in a French locale: the errors are found (gcc prints them in C)" {
	need_locale fr_FR
	command -v gcc >/dev/null || skip "no gcc"
	mkdir -p "$T/p" "$T/home"
	cp -R "$GOLDEN_DATA/locale/gcc-fr.src/." "$T/p/"
	cd "$T/p"
	HOME="$T/home" LC_ALL=fr_FR.UTF-8 heal --dry-run --no-wait --max-attempts 1 --records "$T/rec.json" -- gcc -fdiagnostics-color=never -c main.c \
		>"$T/out" 2>&1 || true
	grep -q "undeclared (first use in this function)" "$T/rec.json"
}
