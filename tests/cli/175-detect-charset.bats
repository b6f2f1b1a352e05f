#!/usr/bin/env bats
# heal-detect on logs that are not UTF-8 (#16): the French, German and
# Japanese outputs of 175-detect-locale (tests/data/detect/locale/, real
# runs in UTF-8 locales) as a tool running in a Latin-1 or EUC-JP locale
# prints them: encoded with iconv here, //TRANSLIT as the C library writes
# what the charset lacks (German make's „main.o“ becomes ,,main.o").  Each
# must give the records of the same command in the C locale, and say the
# charset it was converted from.

bats_require_minimum_version 1.5.0
load 'helpers/golden'

setup() {
	golden_setup
	command -v iconv >/dev/null || skip "no iconv"
}

teardown() {
	rm -rf "$T"
}

need_catalog() {
	[ -f "/usr/share/locale/$1/LC_MESSAGES/$2" ] || skip "no $1 $2 catalog"
}

# encoded CASE CHARSET: CASE.log in CHARSET, in $T/CASE.log
encoded() {
	iconv -f UTF-8 -t "$2//TRANSLIT" "$GOLDEN_DATA/locale/$1.log" >"$T/$1.log"
	# it is not UTF-8 any more (else the test would prove nothing)
	! iconv -f UTF-8 -t UTF-8 "$T/$1.log" >/dev/null 2>&1 || false
}

# charset_case CASE CHARSET WANT_CHARSET [ENV=VALUE...] -- [OPTION...]:
# CASE.log encoded in CHARSET gives CASE.want, every record saying
# "charset":WANT_CHARSET, heal-detect run with the ENV and OPTIONs
charset_case() {
	local c=$1 cs=$2 want=$3 envs=()
	shift 3
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		envs+=("$1")
		shift
	done
	[ $# -eq 0 ] || shift
	encoded "$c" "$cs"
	(cd "$GOLDEN_DATA/locale/$c.src" &&
		env -u LC_ALL -u LANG -u LC_CTYPE -u LANGUAGE -u LC_MESSAGES "${envs[@]}" \
			heal-detect "$@" <"$T/$c.log") >"$T/$c.json" || true
	golden_cmp "$GOLDEN_DATA/locale/$c.want" "$T/$c.json"
	$PY - "$T/$c.json" "$want" <<'PY'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert recs, "no record"
for r in recs:
    assert r.get("charset") == sys.argv[2], r
    assert r.get("locale"), r
PY
}

@test "charset: French gcc in Latin-1, the charset guessed" {
	need_catalog fr gcc-12.mo
	charset_case gcc-fr ISO-8859-1 ISO-8859-1
	# raw is the line as printed, in UTF-8
	grep -q 'count.* non déclaré (première utilisation' "$T/gcc-fr.json"
}

@test "charset: French ld in Latin-9, named by --charset" {
	need_catalog fr ld.mo
	charset_case ld-fr ISO-8859-15 ISO-8859-15 -- --charset ISO-8859-15
	grep -q 'référence indéfinie vers' "$T/ld-fr.json"
}

@test "charset: French make and bash in Latin-1, the charset from LC_ALL" {
	need_catalog fr make.mo
	need_catalog fr bash.mo
	charset_case make-fr ISO-8859-1 ISO-8859-1 LC_ALL=fr_FR.ISO-8859-1
	charset_case bash-fr ISO-8859-1 ISO-8859-1 LANG=fr_FR.ISO-8859-1
}

@test "charset: German gcc and make in Latin-1 (make's „ “ transliterated), the charset from LANG" {
	need_catalog de gcc-12.mo
	need_catalog de make.mo
	charset_case gcc-de ISO-8859-1 ISO-8859-1
	charset_case make-de ISO-8859-1 ISO-8859-1 LANG=de_DE.ISO-8859-1
	grep -qF ',,main.o\", \n  benötigt von ,,app\"' "$T/make-de.json"
}

@test "charset: Japanese gcc, make and bash in EUC-JP, the charset guessed" {
	need_catalog ja gcc-12.mo
	need_catalog ja make.mo
	need_catalog ja bash.mo
	charset_case gcc-ja EUC-JP EUC-JP
	charset_case make-ja EUC-JP EUC-JP
	charset_case bash-ja EUC-JP EUC-JP
	grep -q 'エラー' "$T/gcc-ja.json"
}

@test "charset: a UTF-8 log is read as before, whatever the charset named" {
	local c
	for c in gcc-fr make-de gcc-ja; do
		golden_args "$GOLDEN_DATA/locale/$c"
		(cd "$GOLDEN_DATA/locale/$c.src" &&
			heal-detect "${GARGS[@]}" <../$c.log >"$T/a.json" || true
			heal-detect "${GARGS[@]}" --charset EUC-JP <../$c.log >"$T/b.json" || true
			LC_ALL=fr_FR.ISO-8859-1 heal-detect "${GARGS[@]}" <../$c.log >"$T/c.json" || true)
		[ -s "$T/a.json" ]
		cmp "$T/a.json" "$T/b.json"
		cmp "$T/a.json" "$T/c.json"
		! grep -q '"charset"' "$T/a.json" || false
	done
}

@test "charset: an English error in a Latin-1 log: found, its raw converted" {
	printf 'int main(void) { return x; }\n' >"$T/m.c"
	printf 'm.c:1:25: error: \xabx\xbb undeclared here (not in a function)\n' >"$T/l1.log"
	cd "$T"
	run heal-detect l1.log
	[ "$status" -eq 1 ]
	[[ "$output" == *'"raw":"m.c:1:25: error: «x» undeclared here (not in a function)"'* ]]
	[[ "$output" == *'"charset":"ISO-8859-1"'* ]]
	# a byte the named charset has no character for is U+FFFD
	printf 'm.c:1:25: error: bad \x80 byte\n' | heal-detect --charset ASCII >rec.json || true
	grep -qF "error: bad $(printf '\xef\xbf\xbd') byte" rec.json
	grep -q '"charset":"ASCII"' rec.json
}

@test "charset: a Latin-1 line of 300 KB is converted up to the cap, the record truncated" {
	cd "$T"
	$PY -c 'import sys; sys.stdout.buffer.write(b"big.c:1:1: error: " + b"\xe9t" * 150000 + b"\nok\n")' >big.log
	heal-detect big.log >rec.json || true
	$PY - <<'PY'
import json
r = [json.loads(l) for l in open("rec.json", encoding="utf-8")]
assert len(r) == 1 and r[0]["truncated"] is True and r[0]["charset"] == "ISO-8859-1", r[0].get("charset")
assert len(r[0]["raw"].encode()) <= 256 * 1024, len(r[0]["raw"])
PY
}

@test "charset: an unknown --charset is a usage error (2)" {
	run --separate-stderr heal-detect --charset no-such-charset </dev/null
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"heal-detect: unknown --charset 'no-such-charset'"* ]]
	run --separate-stderr heal-detect --charset '' </dev/null
	[ "$status" -eq 2 ]
	# an environment naming a charset iconv does not know: guessed
	printf 'm.c:1:1: error: \xe9t\xe9\n' >"$T/l.log"
	LC_ALL=fr_FR.NO-SUCH-CHARSET heal-detect "$T/l.log" >"$T/rec.json" || true
	grep -q '"charset":"ISO-8859-1"' "$T/rec.json"
}
