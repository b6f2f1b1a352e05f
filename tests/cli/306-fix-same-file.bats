#!/usr/bin/env bats
# heal-fix: several fixes of one run for one file are rebased on each other.
bats_require_minimum_version 1.5.0
load helpers/fix

setup() {
	fix_setup
	mkdir src
	printf '#include <stdio.h>\nint main(void)\n{\n\treturn conut + totl;\n}\n' >src/m.c
}
teardown() { fix_teardown; }

# nth N: line N of $output
nth() { printf '%s\n' "$output" | sed -n "${1}p"; }

@test "real gcc output: missing include and misspelling in one file both applied, include once, make succeeds" {
	command -v gcc >/dev/null && command -v make >/dev/null || skip "gcc or make missing"
	cp "$HEAL_SRC"/examples/c-make/Makefile "$HEAL_SRC"/examples/c-make/main.c .
	cp main.c orig.c
	make >build.log 2>&1 && { echo "the example builds already"; false; }
	heal-detect <build.log | heal-analyze >in
	run --separate-stderr heal-fix --session g1 <in
	# the make record has no candidate: skipped, so exit 1
	assert_failure 1
	printf '%s\n' "$output" >out
	assert_equal "$(grep -c '"status":"applied"' out)" 3
	grep -q '"reason":"already applied by fix c.missing-include-function.1 of error [0-9a-f]* in this run"' out
	assert_equal "$(grep -c '^#include <string.h>$' main.c)" 1
	grep -q 'letters\\n", total,' main.c
	make >build2.log 2>&1 || { cat build2.log; false; }
	# the backup holds main.c once, as it was
	assert_equal "$(tar tzf .heal/backups/g1.tar.gz | grep -c '^files/main.c$')" 1
	tar xzf .heal/backups/g1.tar.gz -O files/main.c | cmp - orig.c
}

@test "two fixes in one file compose; each diff is against the file the one before left" {
	{ mkrec --id 01 --replace src/m.c conut count
	  mkrec --id 02 --replace src/m.c totl total; } >in
	run --separate-stderr heal-fix <in
	assert_success
	assert_equal "$(field "$(nth 1)" 'r["status"]')" applied
	assert_equal "$(field "$(nth 2)" 'r["status"]')" applied
	assert_equal "$(field "$(nth 2)" 'r["reason"]')" null
	assert_equal "$(sed -n 4p src/m.c)" "$(printf '\treturn count + total;')"
	[[ "$(field "$(nth 2)" 'r["diff"]')" == *"-	return count + totl;"* ]]
}

@test "a duplicate candidate is applied once; the second says who applied it" {
	inc=$'#include <string.h>\n'
	{ mkrec --id 01 --edit src/m.c 19 19 "$inc"
	  mkrec --id 02 --edit src/m.c 19 19 "$inc"
	  mkrec --id 03 --replace src/m.c totl total; } >in
	run --separate-stderr heal-fix <in
	assert_success
	assert_equal "$(field "$(nth 2)" 'r["status"]')" applied
	assert_equal "$(field "$(nth 2)" 'r["reason"]')" "already applied by fix c.1 of error 01 in this run"
	assert_equal "$(field "$(nth 2)" 'r["files"]')" '[]'
	assert_equal "$(field "$(nth 2)" 'r["diff"]')" null
	assert_equal "$(field "$(nth 3)" 'r["status"]')" applied
	assert_equal "$(grep -c '^#include <string.h>$' src/m.c)" 1
	assert_equal "$(cat src/m.c)" "$(printf '#include <stdio.h>\n#include <string.h>\nint main(void)\n{\n\treturn conut + total;\n}')"
}

@test "different whole-line inserts at one line start are stacked in run order" {
	{ mkrec --id 01 --edit src/m.c 19 19 $'#include <string.h>\n'
	  mkrec --id 02 --edit src/m.c 19 19 $'#include <stdlib.h>\n'; } >in
	run --separate-stderr heal-fix <in
	assert_success
	assert_equal "$(sed -n 1,3p src/m.c)" "$(printf '#include <stdio.h>\n#include <string.h>\n#include <stdlib.h>')"
}

@test "overlapping edits are refused with the fix they conflict with; the file keeps the first" {
	{ mkrec --id 01 --replace src/m.c conut count
	  mkrec --id 02 --replace src/m.c 'conut + totl' 'n'; } >in
	run --separate-stderr heal-fix <in
	assert_failure 1
	assert_equal "$(field "$(nth 2)" 'r["status"]')" refused
	assert_equal "$(field "$(nth 2)" 'r["reason"]')" "conflicts with fix c.1 of error 01 applied in this run: its edits and this one overlap or meet at one spot in 'src/m.c'"
	assert_equal "$(field "$(nth 2)" 'r["files"]')" '[]'
	assert_equal "$(sed -n 4p src/m.c)" "$(printf '\treturn count + totl;')"
}

@test "two inserts at one spot inside a line are ambiguous: refused" {
	# offset 44: just before "conut"
	{ mkrec --id 01 --edit src/m.c 44 44 '('
	  mkrec --id 02 --edit src/m.c 44 44 '-'; } >in
	run --separate-stderr heal-fix <in
	assert_failure 1
	assert_equal "$(field "$(nth 2)" 'r["status"]')" refused
	[[ "$(field "$(nth 2)" 'r["reason"]')" == "conflicts with fix c.1 of error 01 applied in this run"* ]]
	assert_equal "$(sed -n 4p src/m.c)" "$(printf '\treturn (conut + totl;')"
}

@test "a multi-file fix stays all or nothing when one of its files conflicts" {
	printf 'int b;\n' >src/b.c
	{ mkrec --id 01 --replace src/b.c 'int b' 'int B'
	  mkrec --id 02 --replace src/m.c conut count --replace src/b.c 'b;' 'c;'; } >in
	cp src/m.c m.orig
	run --separate-stderr heal-fix <in
	assert_failure 1
	assert_equal "$(field "$(nth 2)" 'r["status"]')" refused
	cmp src/m.c m.orig
	assert_equal "$(cat src/b.c)" 'int B;'
}

@test "a multi-file fix rebased in one file and plain in another is applied whole" {
	printf 'int b;\n' >src/b.c
	{ mkrec --id 01 --replace src/m.c totl total
	  mkrec --id 02 --replace src/m.c conut count --replace src/b.c 'int b' 'int B'; } >in
	run --separate-stderr heal-fix <in
	assert_success
	assert_equal "$(field "$(nth 2)" 'r["files"]')" '["src/m.c", "src/b.c"]'
	assert_equal "$(sed -n 4p src/m.c)" "$(printf '\treturn count + total;')"
	assert_equal "$(cat src/b.c)" 'int B;'
}

@test "--dry-run: the diffs compose (applied in turn they give the real run's file), nothing written" {
	{ mkrec --id 01 --edit src/m.c 19 19 $'#include <string.h>\n'
	  mkrec --id 02 --edit src/m.c 19 19 $'#include <string.h>\n'
	  mkrec --id 03 --replace src/m.c conut count
	  mkrec --id 04 --replace src/m.c totl total; } >in
	before=$(sha src/m.c)
	run --separate-stderr heal-fix --dry-run <in
	assert_success
	assert_equal "$(sha src/m.c)" "$before"
	[ ! -e .heal ]
	printf '%s\n' "$output" >out
	assert_equal "$(grep -c '"status":"dry-run"' out)" 4
	assert_equal "$(field "$(nth 2)" 'r["reason"]')" "already applied by fix c.1 of error 01 in this run"
	mkdir p && cp -r src p/
	for n in 1 3 4; do
		field "$(sed -n "${n}p" out)" 'r["diff"]' >d$n.patch
		(cd p && patch -s -p1 <../d$n.patch) || { echo "diff $n does not apply"; false; }
	done
	run --separate-stderr heal-fix <in
	assert_success
	cmp p/src/m.c src/m.c
}

@test "19: a file changed outside heal before the run is still stale, for every fix" {
	{ mkrec --id 01 --replace src/m.c conut count
	  mkrec --id 02 --replace src/m.c totl total; } >in
	printf '/* edited */\n' >>src/m.c
	cp src/m.c m.now
	run --separate-stderr heal-fix <in
	assert_failure 1
	assert_equal "$(printf '%s\n' "$output" | grep -c '"status":"refused"')" 2
	[[ "$(field "$(nth 2)" 'r["reason"]')" == *stale* ]]
	cmp src/m.c m.now
}

@test "19: a file changed by something else during the run, after heal changed it, is stale" {
	# fix 02 runs a command that edits the file behind heal's back
	mkdir bin
	printf '#!/bin/sh\nprintf "/* x */\\n" >>src/m.c\n' >bin/scribble
	chmod +x bin/scribble
	{ mkrec --id 01 --replace src/m.c conut count
	  mkrec --id 02 --cmd scribble --end
	  mkrec --id 03 --replace src/m.c totl total; } >in
	PATH="$PWD/bin:$PATH" run --separate-stderr heal-fix --allow-command scribble <in
	assert_failure 1
	assert_equal "$(field "$(nth 2)" 'r["status"]')" applied
	assert_equal "$(field "$(nth 3)" 'r["status"]')" refused
	[[ "$(field "$(nth 3)" 'r["reason"]')" == "stale: 'src/m.c' changed outside heal during this run"* ]]
	assert_equal "$(sed -n 4p src/m.c)" "$(printf '\treturn count + totl;')"
	assert_equal "$(tail -n 1 src/m.c)" '/* x */'
}

@test "rollback after composed fixes restores the original bytes; the backup holds the file once" {
	printf 'int a;\r\nint conut;\r\nint totl;\r\n' >src/w.c
	cp src/m.c m.orig
	cp src/w.c w.orig
	{ mkrec --id 01 --edit src/w.c 0 0 $'#include <x.h>\n'
	  mkrec --id 02 --replace src/w.c conut count
	  mkrec --id 03 --replace src/w.c totl total --replace src/m.c totl total
	  mkrec --id 04 --replace src/m.c conut count; } >in
	run --separate-stderr heal-fix --session rb <in
	assert_success
	# CRLF kept through the rebase: the insert took 15 bytes, not 14
	assert_equal "$(od -c src/w.c)" "$(printf '#include <x.h>\r\nint a;\r\nint count;\r\nint total;\r\n' | od -c)"
	assert_equal "$(tar tzf .heal/backups/rb.tar.gz | tr '\n' ' ')" "MANIFEST files/src/w.c files/src/m.c "
	run --separate-stderr heal-fix --rollback rb
	assert_success
	cmp src/w.c w.orig
	cmp src/m.c m.orig
}

@test "a chmod computed against the file before the run applies after an edit of this run" {
	printf 'echo hi\n' >src/s.sh
	chmod 0644 src/s.sh
	{ mkrec --id 01 --edit src/s.sh 0 0 $'#!/bin/sh\n'
	  mkrec --id 02 --chmod src/s.sh 0755; } >in
	run --separate-stderr heal-fix <in
	assert_success
	assert_equal "$(stat -c %a src/s.sh)" 755
	assert_equal "$(head -n 1 src/s.sh)" '#!/bin/sh'
}

@test "one directory sync per directory at the end; if it fails, the records say so and exit 4" {
	command -v strace >/dev/null || skip "strace missing"
	mkdir src/d
	for i in 1 2 3 4 5; do printf 'int conut;\n' >src/d/f$i.c; done
	for i in 1 2 3 4 5; do mkrec --id 0$i --replace src/d/f$i.c conut count; done >in
	cp -r src src.orig
	# ASan's leak checker cannot run under ptrace
	ASAN_OPTIONS=detect_leaks=0 strace -f -qq -y -o trace -e trace=fsync heal-fix <in >out 2>err
	# each file once, then src/d once, last
	assert_equal "$(grep -c "fsync([0-9]*<$PROJ/src/d>)" trace)" 1
	assert_equal "$(grep -c "fsync([0-9]*<$PROJ/src/d/\.heal-tmp\." trace)" 5
	tail -n 1 trace | grep -q "fsync([0-9]*<$PROJ/src/d>)"
	rm -rf src .heal && cp -r src.orig src
	n=$(grep -c 'fsync(' trace)
	rc=0
	ASAN_OPTIONS=detect_leaks=0 strace -f -qq -o /dev/null -e trace=fsync -e inject=fsync:error=EIO:when=$n heal-fix <in >out 2>err || rc=$?
	assert_equal "$rc" 4
	grep -q "cannot sync the directory 'src/d': Input/output error" err
	assert_equal "$(grep -c '"status":"failed"' out)" 5
	grep -q 'may not survive a crash; undo it with heal-fix --rollback' out
	no_temps
	[ ! -e .heal/lock ]
}

@test "a fix partly done by an earlier one applies the rest and lists only the files it changed" {
	printf 'int b;\n' >src/b.c
	{ mkrec --id 01 --replace src/m.c conut count
	  mkrec --id 02 --replace src/m.c conut count --replace src/b.c 'int b' 'int B'; } >in
	run --separate-stderr heal-fix <in
	assert_success
	assert_equal "$(field "$(nth 2)" 'r["status"]')" applied
	assert_equal "$(field "$(nth 2)" 'r["reason"]')" "partly already applied by fix c.1 of error 01 in this run"
	assert_equal "$(field "$(nth 2)" 'r["files"]')" '["src/b.c"]'
	assert_equal "$(sed -n 4p src/m.c)" "$(printf '\treturn count + totl;')"
	assert_equal "$(cat src/b.c)" 'int B;'
}

@test "errors first: a warning waits while an error of the run has a fix" {
	printf 'int main(void)\n{\n\tint count = 2;\n\treturn conut;\n}\n' >w.c
	"$PY" - <<'PYEOF' >in
import hashlib, json
data = open("w.c", "rb").read()
sha = hashlib.sha256(data).hexdigest()
def rec(eid, sev, old, new):
    k = data.index(old.encode())
    return {"v": 1, "kind": "error", "id": eid, "tool": "gcc", "severity": sev, "file": "w.c",
            "message": "m", "fixes": [{"id": "c.1", "confidence": 0.9, "risk": "low", "source": "rule",
            "edits": [{"file": "w.c", "start": k, "end": k + len(old), "text": new, "sha256": sha}]}]}
print(json.dumps(rec("00000000000000e1", "error", "conut", "count")))
print(json.dumps(rec("00000000000000e2", "warning", "\tint count = 2;\n", "")))
PYEOF
	run --separate-stderr heal-fix <in
	assert_failure 1
	assert_equal "$(printf '%s\n' "$output" | sed -n 1p | "$PY" -S -c 'import json,sys; print(json.load(sys.stdin)["status"])')" applied
	assert_equal "$(printf '%s\n' "$output" | sed -n 2p | "$PY" -S -c 'import json,sys; r=json.load(sys.stdin); print(r["status"], r["reason"])')" "skipped a warning waits while errors are fixed first"
	grep -q 'int count = 2;' w.c
	grep -q 'return count;' w.c
	# with no error left to fix, the warning's fix is applied
	"$PY" - <<'PYEOF' >in2
import hashlib, json
data = open("w.c", "rb").read()
k = data.index(b"\tint count = 2;\n")
print(json.dumps({"v": 1, "kind": "error", "id": "00000000000000e2", "tool": "gcc", "severity": "warning",
  "file": "w.c", "message": "m", "fixes": [{"id": "c.1", "confidence": 0.9, "risk": "low", "source": "rule",
  "edits": [{"file": "w.c", "start": k, "end": k + 16, "text": "", "sha256": hashlib.sha256(data).hexdigest()}]}]}))
PYEOF
	run --separate-stderr heal-fix <in2
	assert_success
	! grep -q 'int count' w.c || false
}

@test "--one-per-file: the first record's fix of a file goes in, a later one's waits" {
	printf 'int other;\n' >src/o.c
	{ mkrec --id 01 --replace src/m.c conut count
	  mkrec --id 02 --replace src/m.c totl total
	  mkrec --id 03 --replace src/o.c other others; } >in
	run --separate-stderr heal-fix --one-per-file <in
	assert_failure 1
	assert_equal "$(field "$(nth 1)" 'r["status"]')" applied
	assert_equal "$(field "$(nth 2)" 'r["status"]')" skipped
	assert_equal "$(field "$(nth 2)" 'r["reason"]')" "one fix a file this round: another of its fixes goes first"
	assert_equal "$(field "$(nth 3)" 'r["status"]')" applied
	assert_equal "$(sed -n 4p src/m.c)" "$(printf '\treturn count + totl;')"
	grep -q 'int others;' src/o.c
}
