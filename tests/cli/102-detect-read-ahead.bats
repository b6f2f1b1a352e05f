#!/usr/bin/env bats
# heal-detect reads a file or a pipe on a second thread that finds the
# candidate lines ahead (heal_detect_reader.c); HEAL_READ_AHEAD=0 reads on
# one thread.  Whatever the block edges fall on, the records are the same.

load 'helpers/detect'

setup() {
	T=$(mktemp -d)
	cd "$T" || return 1
	mkdir -p src
	printf 'int main(void) { return x; }\n' >src/gen.c
}

teardown() {
	rm -rf "$T"
}

# A log of several 128 KB blocks: errors every few lines at every offset a
# block may end at (varying noise lengths), CRLF and colour, a 300 KB line
# with an error literal in its middle, an error split over a 200 KB noise
# line before it, a generic "PATH:LINE: message" line, and SUFFIX last.
gen() {
	$PY - "$1" <<'PYEOF'
import random, sys
rnd = random.Random(7)
out = []
for i in range(6000):
    r = rnd.random()
    if r < 0.05:
        out.append("src/m%d.c:%d:%d: error: 'v%d' undeclared\n" % (i % 97, i, 3, i))
    elif r < 0.07:
        out.append("\x1b[01m\x1b[Ksrc/c%d.c:%d:1:\x1b[m\x1b[K \x1b[01;31m\x1b[Kerror: \x1b[m\x1b[Kexpected ';'\r\n" % (i, i))
    elif r < 0.09:
        out.append("deploy.sh: line %d: cmd%d: command not found\n" % (i, i))
    elif r < 0.095:
        out.append("src/gen.c:1: unused thing %d\n" % i)
    else:
        out.append("noise " + "n" * rnd.randint(0, 400) + " error budget %d\n" % i)
    if i == 2000:
        out.append("x" * 150000 + " src/long.c:9:1: error: deep in a long line " + "y" * 150000 + "\n")
    if i == 4000:
        out.append("z" * 200000 + "\n")
sys.stdout.write("".join(out) + sys.argv[1])
PYEOF
}

same() {
	HEAL_READ_AHEAD=0 heal-detect "$@" >one.out 2>one.err || true
	heal-detect "$@" >two.out 2>two.err || true
	[ -s one.out ]
	diff one.out two.out
	diff one.err two.err
}

@test "a log of many blocks: the same records read ahead or not, from a file and a pipe" {
	gen 'deploy.sh: line 1: last: command not found' >log
	[ "$(wc -c <log)" -gt 1000000 ]
	same log
	[ "$(wc -l <two.out)" -gt 300 ]
	grep -q '"file":"src/gen.c"' two.out
	grep -q 'last: command not found' two.out
	HEAL_READ_AHEAD=0 heal-detect <log >one.out || true
	heal-detect <log >two.out || true
	diff one.out two.out
	cat log | heal-detect >three.out || true
	diff two.out three.out
	for m in engine reader; do
		HEAL_READ_AHEAD=$m heal-detect <log >$m.out || true
		diff one.out $m.out
	done
}

# A dense log: most lines are errors of many kinds (gcc with its notes and
# caret block, clang, make in directories, tracebacks, ld, bash, repeats
# at the same place and at others), far more records than the reader's
# ring of finished records holds, so that both threads complete them
# (heal_detect_reader.c) and the engine does when the ring is full.
gen_dense() {
	$PY - <<'PYEOF'
import random, sys
rnd = random.Random(11)
out = []
for i in range(40000):
    k, n, l = rnd.randrange(9), rnd.randrange(300), rnd.randrange(1, 900)
    if k == 0:
        out.append("src/mod%d.c: In function 'f%d':\nsrc/mod%d.c:%d:5: error: 'cnt%d' undeclared (first use in this function); did you mean 'count%d'?\n   %d |     return cnt%d + 1;\n      |            ^~~~~\nsrc/mod%d.c:%d:5: note: each undeclared identifier is reported only once for each function it appears in\n" % (n, n, n, l, n, n, l, n, n, l))
    elif k == 1:
        out.append("lib/a%d.c:%d:8: error: expected ';' after expression\n    foo(%d)\n           ^\n           ;\n1 error generated.\n" % (n, l, n))
    elif k == 2:
        out.append("make[1]: Entering directory '/src/d%d'\nm%d.c:%d:1: warning: unused variable 'v%d' [-Wunused-variable]\nmake[1]: Leaving directory '/src/d%d'\n" % (n, n, l, n, n))
    elif k == 3:
        out.append("Traceback (most recent call last):\n  File \"app/j%d.py\", line %d, in run\n    return data[\"k%d\"]\nKeyError: 'k%d'\n" % (n, l, n, n))
    elif k == 4:
        out.append("/usr/bin/ld: obj/m%d.o: in function `main':\nm%d.c:(.text+0x1%d): undefined reference to `helper%d'\ncollect2: error: ld returned 1 exit status\n" % (n, n, n, n))
    elif k == 5:
        out.append("deploy.sh: line %d: kubectl%d: command not found\n" % (l, n))
    elif k == 6:
        out.append("src/gen.c:1: unused thing %d\n" % n)
    elif k == 7:
        out.append("warning: 0\nmake[2]: *** [Makefile:%d: obj/m%d.o] Error 1\n" % (l, n))
    else:
        out.append("noise line %d, error budget %d%%\n" % (i, n))
sys.stdout.write("".join(out))
PYEOF
}

@test "a dense log: the same records, in the same order, whichever thread completes them" {
	gen_dense >log
	same --root "$T" log
	[ "$(wc -l <two.out)" -gt 5000 ]
	HEAL_READ_AHEAD=0 heal-detect --root "$T" --format text <log >one.txt || true
	heal-detect --root "$T" --format text <log >two.txt || true
	[ -s one.txt ]
	diff one.txt two.txt
	HEAL_READ_AHEAD=0 heal-detect --root "$T" <log >one.out || true
	cat log | heal-detect --root "$T" >three.out || true
	diff one.out three.out
	# a pipe that pauses: the reader's thread waits in a read() while
	# the engine goes on
	{ head -c 3000000 log; sleep 0.3; tail -c +3000001 log; } | heal-detect --root "$T" >four.out || true
	diff one.out four.out
	# the engine completes every record itself, as it finishes it; the
	# reader's thread completes them (whichever the probe of the two
	# threads' cache chose for the run above)
	HEAL_READ_AHEAD=engine heal-detect --root "$T" <log >five.out || true
	diff one.out five.out
	HEAL_READ_AHEAD=reader heal-detect --root "$T" <log >six.out || true
	diff one.out six.out
	HEAL_READ_AHEAD=reader heal-detect --root "$T" --format text <log >six.txt || true
	diff one.txt six.txt
}

@test "the first read's partial line goes on in the reader's first block" {
	# heal-detect peeks at the first 512 bytes (compressed?): "error: "
	# from byte 510 on, across that edge
	$PY -c 'import sys; sys.stdout.write("n" * 450 + "\n" + "q" * 45 + " src/a.c:1:2: error: across the peek\n" + "tail\n")' >log
	[ "$(grep -bo 'error: ' log | cut -d: -f1)" -eq 510 ]
	same log
	grep -q 'across the peek' two.out
}

@test "a pipe that writes a line in pieces: each record once, complete" {
	{
		printf 'src/a.c:1:2: err'
		sleep 0.3
		printf 'or: first half\nsrc/b.c:3'
		sleep 0.3
		printf ':4: error: second\n'
		sleep 0.3
		printf 'src/c.c:5:6: error: no newline at the end'
	} | heal-detect >out || true
	[ "$(wc -l <out)" -eq 3 ]
	grep -q '"message":"first half"' out
	grep -q '"file":"src/b.c","line":3,"column":4' out
	grep -q '"message":"no newline at the end"' out
}

@test "lines longer than a block, with and without a literal, and a block of NULs" {
	$PY -c '
import sys
w = sys.stdout.write
w("a" * 500000 + "\n")
w("src/a.c:1:2: error: after a long line\n")
w("b" * 262143 + "src/b.c:2:3: error: at a block edge\n")
w("\0" * 131072 + "\n")
w("src/c.c:3:4: error: after the NULs\n")' >log
	same log
	grep -q 'after a long line' two.out
	grep -q 'after the NULs' two.out
}
