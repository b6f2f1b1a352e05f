#!/usr/bin/env bats
# heal-detect on real French, German and Japanese gcc, ld, make and bash
# outputs (#16): tests/data/detect/locale/. The records wanted are those of
# the same command in the C locale, found through the machine's message
# catalogs (heal_locale.h). The recorded cases always run; the live ones
# also need the locale and its catalogs (scripts/deps-tests).

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

@test "locale: bash-cnf-de" { golden_case locale bash-cnf-de; }
@test "locale: bash-cnf-de (live)" { need_locale de_DE; golden_case_live locale bash-cnf-de; }
@test "locale: bash-cnf-fr" { golden_case locale bash-cnf-fr; }
@test "locale: bash-cnf-fr (live)" { need_locale fr_FR; golden_case_live locale bash-cnf-fr; }
@test "locale: bash-cnf-ja" { golden_case locale bash-cnf-ja; }
@test "locale: bash-cnf-ja (live)" { need_locale ja_JP; golden_case_live locale bash-cnf-ja; }
@test "locale: bash-de" { golden_case locale bash-de; }
@test "locale: bash-de (live)" { need_locale de_DE; golden_case_live locale bash-de; }
@test "locale: bash-fr" { golden_case locale bash-fr; }
@test "locale: bash-fr (live)" { need_locale fr_FR; golden_case_live locale bash-fr; }
@test "locale: bash-ja" { golden_case locale bash-ja; }
@test "locale: bash-ja (live)" { need_locale ja_JP; golden_case_live locale bash-ja; }
@test "locale: gcc-de" { golden_case locale gcc-de; }
@test "locale: gcc-de (live)" { need_locale de_DE; golden_case_live locale gcc-de; }
@test "locale: gcc-fr" { golden_case locale gcc-fr; }
@test "locale: gcc-fr (live)" { need_locale fr_FR; golden_case_live locale gcc-fr; }
@test "locale: gcc-ja" { golden_case locale gcc-ja; }
@test "locale: gcc-ja (live)" { need_locale ja_JP; golden_case_live locale gcc-ja; }
@test "locale: ld-de" { golden_case locale ld-de; }
@test "locale: ld-de (live)" { need_locale de_DE; golden_case_live locale ld-de; }
@test "locale: ld-fr" { golden_case locale ld-fr; }
@test "locale: ld-fr (live)" { need_locale fr_FR; golden_case_live locale ld-fr; }
@test "locale: ld-ja" { golden_case locale ld-ja; }
@test "locale: ld-ja (live)" { need_locale ja_JP; golden_case_live locale ld-ja; }
@test "locale: ld-zh" { need_catalog zh_CN ld.mo; golden_case locale ld-zh; }
@test "locale: ld-zh (live)" { need_catalog zh_CN ld.mo; need_locale fr_FR; golden_case_live locale ld-zh; }
@test "locale: ld-zh-old (binutils 2.25's line: no word for error before it)" { need_catalog zh_CN ld.mo; golden_case locale ld-zh-old; }
@test "locale: ld-zh-undef (the run's first translated line is a reference; zh_TW shares its words)" { need_catalog zh_CN ld.mo; golden_case locale ld-zh-undef; }
@test "locale: make-de" { golden_case locale make-de; }
@test "locale: make-de (live)" { need_locale de_DE; golden_case_live locale make-de; }
@test "locale: make-fr" { golden_case locale make-fr; }
@test "locale: make-fr (live)" { need_locale fr_FR; golden_case_live locale make-fr; }
@test "locale: make-ja" { golden_case locale make-ja; }
@test "locale: make-ja (live)" { need_locale ja_JP; golden_case_live locale make-ja; }
@test "locale: recipe-de" { golden_case locale recipe-de; }
@test "locale: recipe-de (live)" { need_locale de_DE; golden_case_live locale recipe-de; }
@test "locale: recipe-fr" { golden_case locale recipe-fr; }
@test "locale: recipe-fr (live)" { need_locale fr_FR; golden_case_live locale recipe-fr; }
@test "locale: recipe-ja" { golden_case locale recipe-ja; }
@test "locale: recipe-ja (live)" { need_locale ja_JP; golden_case_live locale recipe-ja; }

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

# need_catalog LL FILE: the machine has that catalog
need_catalog() {
	[ -f "/usr/share/locale/$1/LC_MESSAGES/$2" ] || skip "no $1 $2 catalog"
}

@test "locale: every translated record says the catalogs' language" {
	need_catalog fr gcc-12.mo
	need_catalog de bash.mo
	need_catalog ja make.mo
	local c n=0
	for c in gcc-fr ld-fr make-fr bash-cnf-fr gcc-de make-de bash-de gcc-ja make-ja bash-ja recipe-fr; do
		golden_args "$GOLDEN_DATA/locale/$c"
		(cd "$GOLDEN_DATA/locale/$c.src" && heal-detect "${GARGS[@]}" <../$c.log) >"$T/$c.json" || true
		[ -s "$T/$c.json" ] || { echo "$c: no record" >&2; return 1; }
		if grep -v "\"locale\":\"${c##*-}\"" "$T/$c.json" >&2; then
			echo "$c: a record without \"locale\":\"${c##*-}\"" >&2
			return 1
		fi
		n=$((n + 1))
	done
	[ "$n" -eq 11 ]
	# an English run of the same tool says no locale
	run heal-detect <<<"main.c:4:12: error: 'count' undeclared (first use in this function)"
	[ -n "$output" ]
	[[ "$output" != *'"locale"'* ]]
}

@test "locale: --locale C maps nothing, and the language comes from the environment" {
	need_catalog de bash.mo
	cd "$GOLDEN_DATA/locale/bash-de.src"
	run heal-detect --locale C <../bash-de.log
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	# all-ASCII German bash: not told from English in a C environment...
	run heal-detect <../bash-de.log
	[ -z "$output" ]
	# ...but in a German one
	LANG=de_DE.UTF-8 LC_ALL= run heal-detect <../bash-de.log
	[[ "$output" == *'"message":"nosuchcommand-heal: command not found"'* ]]
	[[ "$output" == *'"locale":"de"'* ]]
}

@test "locale: a line that is no translation stays unclaimed" {
	need_catalog fr gcc-12.mo
	printf '%s\n' "main.c:4:12: bonjour: « ceci » n'est pas une erreur connue" \
		'café : rien à voir ici' 'Fehler beim Kaffeekochen: ☕' \
		"l'erreur: pas de « fichier » ici" >"$T/in.log"
	run heal-detect "$T/in.log"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	run heal-detect --locale fr "$T/in.log"
	[ -z "$output" ]
}

@test "locale: a hostile catalog is named in a warning and skipped" {
	need_catalog fr gcc-12.mo
	mkdir -p "$T/loc/fr/LC_MESSAGES"
	printf 'garbage, not a catalog' >"$T/loc/fr/LC_MESSAGES/gcc-12.mo"
	head -c 4096 /usr/share/locale/fr/LC_MESSAGES/gcc-12.mo >"$T/loc/fr/LC_MESSAGES/cpplib-12.mo"
	cp /usr/share/locale/fr/LC_MESSAGES/bash.mo "$T/loc/fr/LC_MESSAGES/"
	cd "$GOLDEN_DATA/locale/bash-fr.src"
	HEAL_LOCALEDIR=$T/loc run heal-detect --locale fr <../bash-fr.log
	[ "$status" -eq 1 ]     # errors found
	[[ "$output" == *"warning: cannot read '$T/loc/fr/LC_MESSAGES/"* ]]
	[[ "$output" == *"command not found"* ]]
	# an unknown language: said, and nothing mapped
	HEAL_LOCALEDIR=$T/loc run heal-detect --locale xx <../bash-fr.log
	[ "$status" -eq 0 ]
	[[ "$output" == *"no message catalogs for language 'xx'"* ]]
}

@test "locale: gcc-13's catalog beside gcc-12's: both read, the newest first" {
	need_catalog fr gcc-12.mo
	command -v msgfmt >/dev/null || skip "no msgfmt (gettext)"
	mkdir -p "$T/loc/fr/LC_MESSAGES" "$T/p"
	msgfmt -o "$T/loc/fr/LC_MESSAGES/gcc-13.mo" "$GOLDEN_DATA/locale/gcc13-fr.po"
	ln -s /usr/share/locale/fr/LC_MESSAGES/gcc-12.mo "$T/loc/fr/LC_MESSAGES/gcc-12.mo"
	cp "$GOLDEN_DATA/locale/gcc-fr.src/main.c" "$T/p/"
	cd "$T/p"
	HEAL_LOCALEDIR=$T/loc heal-detect <"$GOLDEN_DATA/locale/gcc13-fr.txt" >"$T/rec.json" || true
	grep -q '"line":4,"column":12,.*"message":"‘count’ undeclared (first use in this function)"' "$T/rec.json"
	grep -q '"message":"unused variable ‘unused’"' "$T/rec.json"
	[ "$(grep -c '"locale":"fr"' "$T/rec.json")" -eq 2 ]
	# without gcc-13's catalog its wording is not known
	rm "$T/loc/fr/LC_MESSAGES/gcc-13.mo"
	HEAL_LOCALEDIR=$T/loc run heal-detect <"$GOLDEN_DATA/locale/gcc13-fr.txt"
	[[ "$output" != *"undeclared"* ]]
}
