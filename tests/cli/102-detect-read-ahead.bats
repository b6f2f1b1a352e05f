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
