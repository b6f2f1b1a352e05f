#!/usr/bin/env bats
# HOSTILE.md 7, 8, 9 for heal-detect: any byte in any captured value, and
# control characters never reaching a terminal raw.
bats_require_minimum_version 1.5.0
load helpers/hostile

# every kind of bad byte sequence, in each captured field of a gcc line
bad_bytes() {
	local b
	for b in '\xff\xfe' '\xc0\xaf' '\xed\xa0\x80' '\xf8\x88\x80\x80\x80' '\xe2\x82' '\x00' \
		'\x1b[2J\x1b]0;pwned\x07' '\r' '\x7f' '\xc2\x9b31m' '\xe2\x80\xae'; do
		printf "src/f$b.c:1:1: error: m$b [-Wc$b]\n"
		printf "src/a.c:2:1: warning: '%s' undeclared$b\n" "x$b"
		printf "Traceback (most recent call last):\n  File \"m$b.py\", line 1, in <mod$b>\nModuleNotFoundError: No module named 'p$b'\n"
		printf "make: *** [Makefile:3: t$b] Error 1\n"
	done
}

@test "8: invalid UTF-8 and control bytes in every captured field: valid UTF-8 JSON, C0 never in a path" {
	bad_bytes | sed 's/$/\r/' >crlf.log
	bad_bytes >log
	for f in log crlf.log; do
		run --separate-stderr heal-detect "$f"
		assert_failure 1
		printf '%s\n' "$output" >rec.json
		json_ok rec.json
		"$PY" - <<'PY'
import json
n = 0
for r in map(json.loads, open('rec.json')):
    n += 1
    f = r.get('file')
    assert f is None or not any(ord(c) < 32 or ord(c) == 0x7f for c in f), r
    for k in ('line', 'column'):
        assert r.get(k) is None or isinstance(r[k], int), r
assert n >= 20, n
PY
	done
	canary_intact
}

@test "9: CRLF logs: no \\r in any path, message, code or number" {
	printf 'int main(void) { return x; }\n' >src/a.c
	{
		printf 'src/a.c:1:25: error: x undeclared [-Wfoo]\n'
		printf 'In file included from src/a.c:1:\nsrc/b.h:3:1: error: y\n'
		printf 'Traceback (most recent call last):\n  File "src/m.py", line 4, in <module>\n    import q\nModuleNotFoundError: No module named '"'"'q'"'"'\n'
		printf 'make[1]: Entering directory '"'"'%s/src'"'"'\nc.c:2:1: error: z\nmake[1]: *** [Makefile:3: all] Error 1\n' "$P"
		printf 'a.sh: line 3: foo: command not found\n'
	} | sed 's/$/\r/' >log
	run --separate-stderr heal-detect log
	assert_failure 1
	[[ "$output" != *'\r'* ]] || { echo "a \\r in: $output"; false; }
	printf '%s\n' "$output" >rec.json
	"$PY" - <<'PY'
import json
recs = [json.loads(l) for l in open('rec.json')]
files = sorted(r['file'] for r in recs if r.get('file'))
assert 'src/a.c' in files and 'src/m.py' in files and 'src/c.c' in files, files
PY
}

@test "--format text: no raw control character reaches the terminal, whatever the log holds" {
	bad_bytes >log
	printf 'src/a.c:1:1: error: bell\a back\b esc\033[31mred\033[0m osc\033]52;c;aGk=\a del\x7f csi\xc2\x9b2J nul\0 end\n' >>log
	run --separate-stderr bash -c 'heal-detect --format text log >text'
	assert_failure 1
	no_controls text
	# colour codes are stripped before matching, the rest is escaped
	grep -qF 'bell\x07 back\x08 escred osc del\x7f csi\xc2\x9b2J' text
	# and the same in colour (a terminal): only heal's own SGR sequences
	run --separate-stderr bash -c 'NO_COLOR= script -qfec "heal-detect --format text log" /dev/null >tty' </dev/null
	if command -v script >/dev/null && [ -s tty ]; then
		"$PY" - <<'PY'
import re
t = open('tty', 'rb').read().decode('utf-8').replace('\r\n', '\n')
t = re.sub('\x1b\\[[0-9;]*m', '', t)   # heal's colours
bad = [hex(ord(c)) for c in t if (ord(c) < 32 and c != '\n') or 0x7f <= ord(c) < 0xa0]
assert not bad, bad[:10]
PY
	fi
}

@test "error messages about hostile file names are escaped" {
	run --separate-stderr heal-detect "$(printf 'no\033[2Jsuch\x7f')"
	assert_failure 4
	[[ "$stderr" == *'no\x1b[2Jsuch\x7f'* ]]
	run --separate-stderr heal-detect --patterns "$(printf 'p\033]0;x\a.json')" log
	assert_failure 2
	[[ "$stderr" != *$'\033'* && "$stderr" != *$'\a'* ]]
}
