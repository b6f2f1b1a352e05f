#!/usr/bin/env bats
# heal-detect: an error repeated in one run is one record, however many
# other errors come between; "count" is what was seen while it was queued.

load 'helpers/detect'

setup() {
	T=$(mktemp -d)
}

teardown() {
	rm -rf "$T"
}

# N distinct shell errors (cmdaaaa, cmdaaab, ...), then the distinct errors
# FROM..N-1 again, then error 0 again when FIRST is set.
gen() {
	$PY - "$@" <<'PYEOF'
import itertools, string, sys
n, frm = int(sys.argv[1]), int(sys.argv[2])
names = ["".join(p) for p in itertools.product(string.ascii_lowercase, repeat=4)]
out = sys.stdout
for i in range(n):
    out.write("deploy.sh: line %d: cmd%s: command not found\n" % (i + 1, names[i]))
for i in range(frm, n):
    out.write("deploy.sh: line %d: cmd%s: command not found\n" % (i + 1, names[i]))
PYEOF
}

@test "a repeat while the record is queued raises its count" {
	gen 3 0 >"$T/log"
	heal-detect --root "$T" "$T/log" >"$T/rec.json" || true
	[ "$(rec_count "$T/rec.json")" -eq 3 ]
	rec_check "$T/rec.json" 0 message~=cmdaaaa count=2
	rec_check "$T/rec.json" 2 message~=cmdaaac count=2
}

@test "a repeat after its record was written is not a new record" {
	# 300 distinct errors push the first ones out of the queue (256)
	gen 300 0 >"$T/log"
	heal-detect --root "$T" "$T/log" >"$T/rec.json" || true
	[ "$(rec_count "$T/rec.json")" -eq 300 ]
	# written before its repeat came: the count stays what the queue saw
	rec_check "$T/rec.json" 0 message~=cmdaaaa count=1
	rec_check "$T/rec.json" 299 count=2
}

@test "70000 distinct errors, then the last 2000 again: no record twice" {
	gen 70000 68000 >"$T/log"
	heal-detect --root "$T" "$T/log" >"$T/rec.json" || true
	[ "$(rec_count "$T/rec.json")" -eq 70000 ]
	run $PY -S -c 'import json,sys; ids=[json.loads(l)["id"] for l in open(sys.argv[1])]; print(len(ids)-len(set(ids)))' "$T/rec.json"
	[ "$output" -eq 0 ]
}

@test "the written set keeps every error while it grows: 5000 distinct, all again" {
	# the sets start small and double (heal_detect_fold.c): a key lost
	# while they grow would let a repeat through as a second record
	gen 5000 0 >"$T/log"
	heal-detect --root "$T" "$T/log" >"$T/rec.json" || true
	[ "$(rec_count "$T/rec.json")" -eq 5000 ]
	run $PY -S -c 'import json,sys; r=[json.loads(l) for l in open(sys.argv[1])]; print(len(set(x["id"] for x in r)), sum(x["count"] for x in r))' "$T/rec.json"
	# the last 256 were still queued when their repeats came
	[ "$output" = "5000 5256" ]
}

@test "600 messages each at three lines: 1800 records, 1800 ids" {
	# the nth place of a text gets the nth id: the texts' counters survive
	# the counters' growth
	gen 600 600 >"$T/names"
	for b in 0 1000 2000; do
		awk -v b=$b '{ sub(/line [0-9]+/, "line " b + NR); print }' "$T/names"
	done >"$T/log"
	heal-detect --root "$T" "$T/log" >"$T/rec.json" || true
	[ "$(rec_count "$T/rec.json")" -eq 1800 ]
	run $PY -S -c 'import json,sys; print(len(set(json.loads(l)["id"] for l in open(sys.argv[1]))))' "$T/rec.json"
	[ "$output" -eq 1800 ]
	# and a second run gives the same ids in the same order
	heal-detect --root "$T" "$T/log" >"$T/rec2.json" || true
	cmp <($PY -S -c 'import json,sys; [print(json.loads(l)["id"]) for l in open(sys.argv[1])]' "$T/rec.json") \
	    <($PY -S -c 'import json,sys; [print(json.loads(l)["id"]) for l in open(sys.argv[1])]' "$T/rec2.json")
}

@test "the same message at other lines is a record each, a true repeat folds" {
	# the script is not there: the fingerprint holds no source line
	{
		for l in 3 7 11; do echo "deploy.sh: line $l: frobnicate: command not found"; done
		echo "deploy.sh: line 7: frobnicate: command not found"
	} >"$T/log"
	heal-detect --root "$T" "$T/log" >"$T/rec.json" || true
	[ "$(rec_count "$T/rec.json")" -eq 3 ]
	rec_check "$T/rec.json" 0 line=3 count=1
	rec_check "$T/rec.json" 1 line=7 count=2
	rec_check "$T/rec.json" 2 line=11 count=1
	run $PY -S -c 'import json,sys; ids=[json.loads(l)["id"] for l in open(sys.argv[1])]; print(len(set(ids)))' "$T/rec.json"
	[ "$output" -eq 3 ]
	# the ids do not hold the line: an edit above moves the lines, not the ids
	sed 's/line \([0-9]*\)/line 1\1/' "$T/log" >"$T/log2"
	heal-detect --root "$T" "$T/log2" >"$T/rec2.json" || true
	run $PY -S -c 'import json,sys; a=[json.loads(l)["id"] for l in open(sys.argv[1])]; b=[json.loads(l)["id"] for l in open(sys.argv[2])]; print(a == b)' "$T/rec.json" "$T/rec2.json"
	[ "$output" = True ]
}

@test "the same message at two columns of a line is two records; at one column, a repeat" {
	cd "$T"
	printf 'int f(void) { return 0; }\n' >m.rs
	{
		printf 'error[E0308]: mismatched types\n --> m.rs:1:5\n\n'
		printf 'error[E0308]: mismatched types\n --> m.rs:1:12\n\n'
		printf 'error[E0308]: mismatched types\n --> m.rs:1:5\n\n'
		printf 'm.c:1:5: error: expected expression\nm.c:1:9: error: expected expression\nm.c:1:9: error: expected expression\n'
	} >out.txt
	heal-detect <out.txt >rec.json || true
	[ "$(rec_count rec.json)" -eq 4 ]
	rec_check rec.json 0 tool=rustc line=1 column=5 count=2
	rec_check rec.json 1 tool=rustc line=1 column=12 count=1
	rec_check rec.json 2 line=1 column=5 count=1
	rec_check rec.json 3 line=1 column=9 count=2
}

@test "a repeat that is an error makes the queued warning at its place an error (gcc's warning and error for one unterminated string)" {
	printf 'a.c: In function %s:\na.c:5:12: warning: missing terminating " character\n    5 |     puts("hi);\n      |            ^\na.c:5:12: error: missing terminating " character\n    5 |     puts("hi);\n      |            ^~~~~\n' "'main'" >"$T/log"
	heal-detect --root "$T" "$T/log" >"$T/rec.json" || true
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 severity=error count=2 line=5
}
