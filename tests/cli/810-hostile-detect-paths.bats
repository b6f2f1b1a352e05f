#!/usr/bin/env bats
# HOSTILE.md 1, 2, 3, 4, 7 for heal-detect: any path a log names.
bats_require_minimum_version 1.5.0
load helpers/hostile

@test "1, 2: paths above the root and absolute paths outside: marked, never opened; the rest still processed" {
	printf 'int main(void) { return x; }\n' >src/a.c
	{
		printf '../canary:1:1: error: a\n'
		printf '../../%s/canary:2:1: error: b\n' "${T#/}"
		printf '%s/canary:3:1: error: c\n' "$T"
		printf 'src/../../canary:4:1: error: d\n'
		printf 'src/a.c:1:25: error: x undeclared\n'
	} >log
	run --separate-stderr traced trace heal-detect log
	assert_failure 1
	printf '%s\n' "$output" >rec.json
	json_ok rec.json
	"$PY" - <<'PY'
import json
recs = [json.loads(l) for l in open('rec.json')]
assert len(recs) == 5, recs
for r in recs[:4]:
    assert r.get('outside_root') is True, r
assert recs[4]['file'] == 'src/a.c' and recs[4]['column'] == 25 and 'outside_root' not in recs[4]
PY
	no_open trace canary
	canary_intact
}

@test "3: an absolute path inside the root, also through the symlink given as --root, is the same file (ids equal)" {
	printf 'int main(void) { return x; }\n' >src/a.c
	printf 'src/a.c:1:25: error: x undeclared\n' | heal-detect >rel.json || true
	printf '%s/src/a.c:1:25: error: x undeclared\n' "$P" | heal-detect >abs.json || true
	ln -s "$P" ../link
	printf '%s/src/a.c:1:25: error: x undeclared\n' "$T/link" | heal-detect --root "$T/link" >viasym.json || true
	printf '%s/src/a.c:1:25: error: x undeclared\n' "$T/link" | heal-detect >viasym2.json || true
	rm ../link
	for f in abs viasym; do
		"$PY" -S -c 'import json,sys; a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2])); assert a["id"]==b["id"] and b["file"]=="src/a.c", (a,b)' rel.json $f.json
	done
	# another alias of the root is not resolved (that would look outside
	# the root): it is kept as printed and marked, so heal-fix refuses it
	"$PY" -S -c 'import json,sys; b=json.load(open(sys.argv[1])); assert b["outside_root"] is True and b["file"].endswith("/link/src/a.c"), b' viasym2.json
	[ ! -e "$P/${P#/}" ]
	canary_intact
}

@test "4: a symlink in the project pointing outside is never read through (openat2 and the walk)" {
	mkdir ../outside
	printf 'secret line\n' >../outside/s.c
	ln -s ../outside cfg
	ln -s ../canary link.c
	printf 'cfg/s.c:1:3: error: x undeclared\nlink.c:1:2: error: y undeclared\n' >log
	run --separate-stderr traced trace heal-detect log
	sane_exit
	no_open trace cfg/s.c
	no_open trace link.c
	no_open trace outside
	HEAL_NO_OPENAT2=1 run --separate-stderr traced trace2 heal-detect log
	sane_exit
	no_open trace2 s.c
	no_open trace2 link.c
	rm -r ../outside
	canary_intact
}

@test "7: NUL and control characters in a path never reach open(); records stay valid" {
	printf 'int a;\n' >src/a
	printf 'int b;\n' >src/a.c
	{
		printf 'src/a\0b.c:1:1: error: nul inside\n'
		printf 'src/a.c\0:1:1: error: nul at the end\n'
		printf 'src/\033[2Ja.c:1:1: error: escape in a path\n'
		printf 'src/a\x7f.c:1:1: error: DEL in a path\n'
		printf 'src/a\xc2\x9b.c:1:1: error: C1 in a path\n'
	} >log
	run --separate-stderr traced trace heal-detect log
	sane_exit
	printf '%s\n' "$output" >rec.json
	json_ok rec.json
	"$PY" - <<'PY'
import json
for r in map(json.loads, open('rec.json')):
    f = r.get('file')
    # C0 and DEL are refused (heal_record_path_ok); a C1 character is a
    # valid file name byte sequence and is escaped wherever text is shown
    assert f is None or not any(ord(c) < 32 or ord(c) == 0x7f for c in f), r
PY
	# no open of the name cut at the NUL
	no_open trace '"src/a"'
	canary_intact
}

@test "a user matcher without env or owner gives records every later stage accepts" {
	printf '{"problemMatcher":[{"pattern":[{"regexp":"^OOPS (.*)$","message":1}]}]}' >../m.json
	mv ../m.json m.json
	printf 'OOPS it broke\n' >log
	run --separate-stderr heal-detect --no-default-patterns --patterns m.json log
	assert_failure 1
	printf '%s\n' "$output" >rec.json
	[[ "$output" != *'"env":null'* ]]
	run --separate-stderr heal-log --changelog cl.ndjson rec.json
	assert_success
	run --separate-stderr heal-analyze rec.json
	assert_success
}

@test "a JVM frame's class is a package path only when it is one: no absolute or empty part reaches a lookup" {
	mkdir -p src/main/java/com/acme
	printf 'class App {}\n' >src/main/java/com/acme/App.java
	{
		# a leading dot would make the package's directory /tmp
		printf 'Exception in thread "main" java.lang.IllegalStateException: a\n\tat .tmp.App.main(App.java:1)\n'
		printf 'Exception in thread "main" java.lang.IllegalStateException: b\n\tat com..acme.App.main(App.java:2)\n'
		printf 'Exception in thread "main" java.lang.IllegalStateException: c\n\tat com.acme.App.main(App.java:3)\n'
	} >log
	command -v strace >/dev/null || skip "strace missing"
	ASAN_OPTIONS=detect_leaks=0 run --separate-stderr strace -f -qq -o trace \
		-e trace=stat,lstat,newfstatat,statx,access,faccessat,faccessat2 heal-detect log
	assert_failure 1
	printf '%s\n' "$output" >rec.json
	json_ok rec.json
	# the lookups stay beneath the root: no absolute path, no empty part
	[ -z "$(grep -E '"/tmp/App\.java"|//' trace)" ]
	"$PY" - <<'PY'
import json
recs = [json.loads(l) for l in open('rec.json')]
assert [r['file'] for r in recs] == ['App.java', 'App.java', 'src/main/java/com/acme/App.java'], recs
assert [r['line'] for r in recs] == [1, 2, 3], recs
PY
	canary_intact
}
