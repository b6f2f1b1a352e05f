#!/usr/bin/env bats
# HOSTILE.md 6, 11, 21 for heal-detect: any size, any line, any pattern.
# Times are CPU seconds (user), not wall time: the bounds hold on a busy
# machine; they are generous (the real costs are a tenth of them).
bats_require_minimum_version 1.5.0
load helpers/hostile

# usage FILE: "MAX-RSS-KB CPU-SECONDS" that /usr/bin/time wrote to FILE
usage() { tail -n 1 "$1"; }
# below A B: the number A is below B
below() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }' || { echo "$1 is not below $2"; return 1; }; }

# ASan's quarantine and shadow memory make RSS meaningless there.
asan_build() { grep -q __asan_init "$(command -v heal-detect)"; }

@test "6: a 200 MB line without a newline: finishes, flat memory, the record says truncated" {
	run --separate-stderr bash -c '{ printf "src/a.c:1:1: error: "; head -c 200M /dev/zero | tr "\0" a; } |
		/usr/bin/time -f "%M %U" -o mem heal-detect'
	assert_failure 1
	sane_exit
	[ "${#lines[@]}" -eq 1 ]
	[[ "$output" == *'"truncated":true'* ]]
	[[ "$output" == *'"file":"src/a.c"'* ]]
	# the record holds a bounded part of the line, not 200 MB
	[ "${#output}" -lt 300000 ]
	read -r kb cpu <<<"$(usage mem)"
	below "$kb" 102400
	below "$cpu" 60
}

@test "6: 200 MB of binary garbage without a newline, and a NUL-only stream: no crash, exit 0 or 1" {
	run --separate-stderr bash -c 'head -c 200M /dev/zero | heal-detect'
	assert_success
	[ -z "$output" ]
	run --separate-stderr bash -c 'head -c 5M /dev/urandom | heal-detect >out'
	sane_exit
	[ "$status" -le 1 ]
	json_ok out
}

@test "11: a million tiny lines and many distinct errors: memory stays flat, time bounded" {
	"$PY" - <<'PY'
import sys
def w(i):
    s = ''
    while True:
        s += chr(97 + i % 26); i //= 26
        if not i: return s
with open('noise.log', 'w') as f:
    f.write('x\n' * 1000000)
    f.write(''.join('src/a.c:%d:1: error: %s undeclared\n' % (i, w(i)) for i in range(1, 1001)))
with open('few.log', 'w') as f:
    f.write(''.join('src/a.c:%d:1: error: %s undeclared\n' % (i, w(i)) for i in range(1, 2001)))
with open('many.log', 'w') as f:
    f.write(''.join('src/a.c:%d:1: error: %s undeclared\n' % (i, w(i)) for i in range(1, 40001)))
PY
	run --separate-stderr bash -c '/usr/bin/time -f "%M %U" -o mem heal-detect noise.log >out'
	assert_failure 1
	[ "$(wc -l <out)" -eq 1000 ]
	read -r kb cpu <<<"$(usage mem)"
	below "$cpu" 60
	run --separate-stderr bash -c '/usr/bin/time -f "%M %U" -o mem1 heal-detect few.log >out'
	assert_failure 1
	[ "$(wc -l <out)" -eq 2000 ]
	run --separate-stderr bash -c '/usr/bin/time -f "%M %U" -o mem2 heal-detect many.log >out'
	assert_failure 1
	[ "$(wc -l <out)" -eq 40000 ]
	asan_build && return 0
	read -r kb1 cpu <<<"$(usage mem1)"
	read -r kb2 cpu <<<"$(usage mem2)"
	# twenty times the records, not twenty times the memory
	[ "$kb2" -lt $((kb1 * 3 / 2 + 8192)) ] || { echo "RSS $kb1 KB -> $kb2 KB"; false; }
}

@test "11: large records (tracebacks of 700 frames) read ahead: the records of one thread, memory bounded" {
	command -v /usr/bin/time >/dev/null || skip "GNU time missing"
	"$PY" - <<'PY'
out = []
for i in range(300):
    out.append("Traceback (most recent call last):\n")
    for k in range(700):
        out.append('  File "app/m%d.py", line %d, in f%d\n    x = f%d()\n' % (k % 50, k + 1, k, k + 1))
    out.append("RecursionError: maximum recursion depth exceeded %d\n" % i)
open('big.log', 'w').write(''.join(out))
PY
	HEAL_READ_AHEAD=0 /usr/bin/time -f "%M %U" -o mem1 heal-detect <big.log >one.out || true
	/usr/bin/time -f "%M %U" -o mem2 heal-detect <big.log >two.out || true
	[ "$(wc -l <one.out)" -eq 300 ]
	diff one.out two.out
	asan_build && return 0
	read -r kb1 cpu <<<"$(usage mem1)"
	read -r kb2 cpu <<<"$(usage mem2)"
	# the records waiting to be completed on the reader's thread are
	# bounded by their size, not only their number (1024 such records
	# held 45 MB more)
	[ "$kb2" -lt $((kb1 + 12288)) ] || { echo "RSS $kb1 KB -> $kb2 KB"; false; }
}

@test "21: lines made for catastrophic backtracking (10^4 x 5000 bytes): bounded time" {
	"$PY" -c "import sys; sys.stdout.write(('a'*5000+'!\n')*8000 + ('src/a.c:1:1: error: '+'a'*5000+'!\n')*1000 + ('  File \"'+'/'*3000+'\", line 1, in '+'<'*2000+'\n')*1000)" >cat.log
	run --separate-stderr /usr/bin/time -f "%M %U" -o mem heal-detect cat.log
	sane_exit
	read -r kb cpu <<<"$(usage mem)"
	below "$cpu" 60
}

@test "21: a user pattern file with catastrophic regexes: bounded time per line, other matchers still work" {
	cat >cata.json <<'JSON'
{"problemMatcher":[
 {"owner":"cata","pattern":[{"regexp":"^(a+)+$","message":1}]},
 {"owner":"cata2","pattern":[{"regexp":"^(\\w+\\s?)*$","message":1}]},
 {"owner":"cata3","pattern":[{"regexp":"(x+x+)+y","message":1}]},
 {"owner":"cata4","pattern":[{"regexp":"^(.*a){20}$","message":1}]},
 {"owner":"ok","pattern":[{"regexp":"^OK: (.*)!$","message":1}]}
]}
JSON
	"$PY" -c "import sys; sys.stdout.write(('a'*40+'!\n')*1500 + ('x'*40+'\n')*1500 + 'OK: still found!\n')" >cat.log
	run --separate-stderr /usr/bin/time -f "%M %U" -o mem heal-detect --no-default-patterns --patterns cata.json cat.log
	assert_failure 1
	[[ "$output" == *'"message":"still found"'* ]]
	read -r kb cpu <<<"$(usage mem)"
	below "$cpu" 60
}

@test "6: line and column numbers past 2^31 (text, gcc JSON, shellcheck json1): null, never an invalid record" {
	big=9223372036854775807
	{
		printf 'src/a.c:%s:3: error: x\n' "$big"
		printf 'src/a.c:4:%s: error: y\n' "000000000000000000000000002147483648"
		printf 'src/a.c:2147483647:2147483647: error: z\n'
		printf 'Traceback (most recent call last):\n  File "m.py", line 99999999999999999999, in <module>\nValueError: v\n'
	} >log
	run --separate-stderr heal-detect log
	assert_failure 1
	printf '%s\n' "$output" >rec.json
	printf '[{"kind": "error","message":"m","locations":[{"caret":{"file":"a.c","line":%s,"byte-column":%s}}]}]\n' "$big" 4294967296 >gcc.json
	run --separate-stderr heal-detect gcc.json
	printf '%s\n' "$output" >>rec.json
	printf '{"comments":[{"file":"s.sh","line":2147483648,"endLine":1,"column":1,"endColumn":%s,"level":"error","code":2086,"message":"q","fix":{"replacements":[{"line":%s,"endLine":1,"column":1,"endColumn":2,"replacement":"x","precedence":1,"insertionPoint":"afterEnd"}]}}]}\n' "$big" "$big" >sc.json
	run --separate-stderr heal-detect sc.json
	printf '%s\n' "$output" >>rec.json
	"$PY" - <<'PY'
import json
n = 0
def walk(o):
    if isinstance(o, dict):
        for k, v in o.items():
            if k in ("line", "column", "end_line", "end_column", "count"):
                assert v is None or (isinstance(v, int) and 1 <= v <= 2**31 - 1), (k, v)
            walk(v)
    elif isinstance(o, list):
        for v in o:
            walk(v)
for l in open('rec.json'):
    if l.strip():
        walk(json.loads(l)); n += 1
assert n >= 6, n
PY
	# and every record is accepted downstream
	run --separate-stderr heal-analyze rec.json
	sane_exit
	[ "$status" -le 1 ]
	grep -q '"line":2147483647' rec.json
}
