#!/usr/bin/env bats
# HOSTILE.md 4, 6, 8, 14, 15 for heal (the driver): hostile command output,
# a command that hangs, one that is killed, heal itself killed (SIGTERM,
# SIGKILL) mid-attempt, a project root with a symlink out.
# HEAL_KILL_ITERATIONS sets the rounds of the kill loop (200 or more for
# the full check; fewer by default).
bats_require_minimum_version 1.5.0
load helpers/hostile

c_project() {
	cp -r "$HEAL_SRC/examples/c-make/." .
	rm -f app
}

# heal's own lines (prefix "heal:") on stderr hold no raw control character
own_lines_clean() {
	grep '^heal: ' "$1" >own || true
	no_controls own
}

# wait (bounded) until no heal program works on this project any more
settle() {
	local i
	for i in $(seq 100); do
		pgrep -f -- "--root $P" >/dev/null || return 0
		sleep 0.1
	done
	pgrep -af -- "--root $P"
	return 1
}

@test "6, 8: hostile command output (huge line, invalid UTF-8, escapes, NUL): heal ends with the command's status, its own lines clean" {
	printf '#!/bin/sh\nhead -c 5000000 /dev/zero | tr "\\0" a\nprintf "\\n\\377\\376 \\300\\257 \\033[2J\\033]0;pwned\\007 \\302\\233 \\342\\200\\256 \\000\\n"\nprintf "src/\\033[31mx.c:1:1: error: \\033[2J\\n"\nexit 3\n' >out.sh
	chmod +x out.sh
	run --separate-stderr bash -c 'heal --yes --no-wait -- ./out.sh >stdout 2>stderr'
	assert_failure 3
	own_lines_clean stderr
	json_ok .heal/changelog.ndjson 2>/dev/null || [ ! -e .heal/changelog.ndjson ]
	canary_intact
}

@test "14: a command that hangs: heal's timeout kills its group; no survivor, a status below 128 from heal" {
	mark=heal-hostile-$$-$RANDOM
	printf '#!/bin/sh\nsleep 1000 %s &\nsleep 1000 %s\n' "$mark" "$mark" >hang.sh
	chmod +x hang.sh
	run --separate-stderr heal --yes --no-wait --timeout 1 -- ./hang.sh
	# the command was killed: 128 + SIGTERM/SIGKILL is the command's status, as in a shell
	[ "$status" -eq 143 ] || [ "$status" -eq 137 ] || [ "$status" -eq 1 ]
	sleep 0.5
	! pgrep -f "$mark" || { pkill -9 -f "$mark"; echo survivors; false; }
	canary_intact
}

@test "a command that is killed by a signal: heal reports its status 128+N and changes nothing" {
	c_project
	before=$(tree_sums)
	run --separate-stderr heal --yes --no-wait -- sh -c 'kill -9 $$'
	assert_failure 137
	[ "$(tree_sums)" = "$before" ]
	canary_intact
}

@test "4: a project with a symlink out of the root: the fix through it is refused, nothing outside written" {
	out=$BATS_TEST_TMPDIR/out
	mkdir -p "$out" in
	# an error heal fixes (gcc's "did you mean"), once inside the project ...
	printf 'int main(void)\n{\n\tint total = 1;\n\treturn totl - 1;\n}\n' >in/a.c
	cp in/a.c "$out/a.c"
	run --separate-stderr heal --yes --no-wait -- gcc -c in/a.c -o a.o
	assert_success
	grep -q 'return total - 1;' in/a.c
	# ... and once through a symlink that leaves it: never opened, unchanged
	ln -s "$out" lnk
	before=$(sha256sum <"$out/a.c")
	run --separate-stderr traced trace heal --yes --no-wait --records "$BATS_TEST_TMPDIR/rec" -- gcc -c lnk/a.c -o b.o
	sane_exit
	assert_failure 1
	[[ "$stderr" == *"error: ‘totl’ undeclared"* ]]
	# heal reads nothing beneath the root through the link (gcc may): no
	# candidate fix, and nothing through it opened for writing or renamed
	grep -q '"status":"skipped","reason":"the error has no candidate fixes"' "$BATS_TEST_TMPDIR/rec"
	! grep -E '(lnk/|'"$out"').*(O_WRONLY|O_RDWR|O_CREAT)' trace | grep -vE '= -1 ' || false
	! grep -E '(rename|unlink)[a-z0-9]*\(.*(lnk/|'"$out"')' trace | grep -vE '= -1 ' || false
	assert_equal "$(sha256sum <"$out/a.c")" "$before"
	canary_intact
}

tree_sums() { find . -path ./.heal -prune -o -type f -print0 | sort -z | xargs -0 sha256sum; }

# candidate_states FILE ANALYZED: the sha256 of FILE with each set of the
# analyzed records' candidate edits to it that do not overlap, one a line
candidate_states() {
	"$PY" - "$1" "$2" <<'PYEOF'
import hashlib, itertools, json, sys
path = sys.argv[1]
data = open(path, "rb").read()
edits = set()
for line in open(sys.argv[2]):
    try:
        rec = json.loads(line)
    except ValueError:
        continue
    for fix in rec.get("fixes") or []:
        for e in fix.get("edits") or []:
            if e.get("file") == path:
                edits.add((e["start"], e["end"], e["text"].encode()))
edits = sorted(edits)[:10]
for k in range(len(edits) + 1):
    for pick in itertools.combinations(edits, k):
        if any(pick[i][1] > pick[i + 1][0] for i in range(len(pick) - 1)):
            continue
        out, at = b"", 0
        for start, end, text in pick:
            out += data[at:start] + text
            at = end
        out += data[at:]
        print(hashlib.sha256(out).hexdigest())
PYEOF
}

# whole_states OLD NEW: the sha256 of OLD with each subset of the hunks that
# make NEW applied (OLD and NEW among them), one a line
whole_states() {
	"$PY" - "$1" "$2" <<'PYEOF'
import difflib, hashlib, itertools, sys
a = open(sys.argv[1], "rb").read().splitlines(True)
b = open(sys.argv[2], "rb").read().splitlines(True)
ops = [o for o in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if o[0] != "equal"][:10]
for k in range(len(ops) + 1):
    for pick in itertools.combinations(range(len(ops)), k):
        out, at = [], 0
        for n, (tag, i1, i2, j1, j2) in enumerate(ops):
            out += a[at:i1]
            out += b[j1:j2] if n in pick else a[i1:i2]
            at = i2
        out += a[at:]
        print(hashlib.sha256(b"".join(out)).hexdigest())
PYEOF
}

@test "15: heal killed (SIGKILL, SIGTERM) at random moments mid-attempt: every file old or new; the next run converges" {
	c_project
	K=$BATS_TEST_TMPDIR
	cp -r . "$K/healed"
	(cd "$K/healed" && heal --yes --no-wait -- make >/dev/null 2>&1)
	# every fix heal may try: the candidates of the errors the build prints
	(make >"$K/make.out" 2>&1 || true)
	heal-detect "$K/make.out" | heal-analyze >"$K/analyzed" || true
	for f in main.c Makefile; do
		sha256sum <"$f" | cut -d' ' -f1 >"$K/old.$f"
		sha256sum <"$K/healed/$f" | cut -d' ' -f1 >"$K/new.$f"
		cp "$f" "$K/orig.$f"
		# heal writes a file once a fix (heal-fix), and heal-validate
		# puts fixes back and again while it proves them: whole files,
		# each the old one with some of the healed file's edits, or with
		# some of the candidate fixes it tried (what it learned from an
		# earlier, killed run may make it try another first).  Every
		# such state is allowed; a file partly written is none of them.
		{ whole_states "$f" "$K/healed/$f"; candidate_states "$f" "$K/analyzed"; } >"$K/states.$f"
	done
	rm -f app *.o
	rm -rf "$K/healed"
	[ "$(cat "$K/old.main.c")" != "$(cat "$K/new.main.c")" ]
	sig=9
	for round in $(seq "${HEAL_KILL_ITERATIONS:-20}"); do
		heal --yes --no-wait -- make >/dev/null 2>&1 &
		pid=$!
		sleep "0.$(( RANDOM % 6 ))$(( RANDOM % 10 ))"
		kill -"$sig" "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
		[ "$sig" = 9 ] && sig=15 || sig=9
		# the programs heal started run on in their own group: let them end
		settle
		for f in main.c Makefile; do
			s=$(sha256sum <"$f" | cut -d' ' -f1)
			grep -qx "$s" "$K/states.$f" || { echo "round $round: $f torn"; diff "$K/orig.$f" "$f"; false; }
		done
		[ -z "$(find . -name '.heal-tmp.*' -print -quit)" ] || ls -la
		# back to the broken state for the next round
		for f in main.c Makefile; do cp "$K/orig.$f" "$f"; done
		rm -f app *.o
	done
	# the next run heals it and leaves no lock or temporary file
	run --separate-stderr heal --yes --no-wait -- make
	assert_success
	[[ "$stderr" == *"heal: healed"* ]]
	[ "$(sha256sum <main.c | cut -d' ' -f1)" = "$(cat "$K/new.main.c")" ]
	[ -z "$(find . -name '.heal-tmp.*' -print -quit)" ]
	canary_intact
}
