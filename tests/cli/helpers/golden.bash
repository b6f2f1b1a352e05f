# Golden cases for the heal-detect breadth suites (tests/cli/17x-detect-*.bats).
# The data is in tests/data/detect/<tool>/ (its README says how it is laid out):
#   CASE.log   a recorded output of the tool ("@ROOT@" stands for the
#              directory it ran in)
#   CASE.want  the records it must give: one JSON object a line with tool,
#              file, line, column, severity, message, code (keys ending in
#              "~" are "contains" checks on that field; "@ROOT@" stands for
#              the directory it ran in); empty: no record
#   CASE.src/  the inputs the tool ran on
#   CASE.cmd   the sh command that produced CASE.log in a copy of CASE.src
#              (a "# needs: prog..." line names the programs it runs)
#   CASE.cmd-slow  as CASE.cmd, for a run too slow for the suite (gradle):
#              the log is real, the test reads only the recording
#   CASE.docs  there is no real run: CASE.log was written from the tool's
#              own documentation of its output, cited in CASE.docs
#   CASE.gap   a known engine gap: heal-detect does not
#              give CASE.want yet. A first line "fields: F..." names the
#              fields the gap is in: the others must match, and those must
#              still differ somewhere; without it the whole case must still
#              differ. When it no longer does, the gap is closed and the test
#              says to delete CASE.gap
#
#   golden_recorded DIR     every CASE.log of DIR gives its CASE.want
#   golden_live DIR         every CASE.cmd of DIR, run now, gives its CASE.want
#                           (skips when a program it needs is missing)
#   golden_needs DIR        the programs DIR's live cases need, missing ones

load 'helpers/detect'

GOLDEN_DATA=$HEAL_SRC/tests/data/detect

# golden_cmp WANT RECORDS [FIELD...]: 0 when the records are the wanted
# ones (FIELDs given: compare only those)
golden_cmp() {
	$PY - "$@" <<'PYEOF'
import json, sys
import os
FIELDS = tuple(sys.argv[3:]) or ("tool", "file", "line", "column", "severity", "message", "code")
root = os.environ.get("GOLDEN_ROOT", "@ROOT@")
want = [json.loads(l.replace("@ROOT@", root)) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
got = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8") if l.strip()]
bad = []
for i in range(max(len(want), len(got))):
    w = want[i] if i < len(want) else None
    g = got[i] if i < len(got) else None
    if w is None:
        bad.append("extra record %d: %s" % (i, json.dumps({k: g.get(k) for k in FIELDS}, ensure_ascii=False)))
        continue
    if g is None:
        bad.append("missing record %d: %s" % (i, json.dumps(w, ensure_ascii=False)))
        continue
    for k in FIELDS:
        if k in w and g.get(k) != w[k]:
            bad.append("record %d: %s: got %r, want %r" % (i, k, g.get(k), w[k]))
    for k, v in w.items():
        if k.endswith("~") and v not in str(g.get(k[:-1])):
            bad.append("record %d: %s: %r does not contain %r" % (i, k[:-1], g.get(k[:-1]), v))
if bad:
    print("\n".join(bad))
    sys.exit(1)
PYEOF
}

# golden_check CASE RECORDS: compare, honouring CASE.gap
golden_check() {
	local c=$1 rec=$2 out rc=0 gf f rest=
	if [ -f "$c.gap" ]; then
		gf=$(sed -n '1s/^fields: //p' "$c.gap")
		if [ -n "$gf" ]; then
			for f in tool file line column severity message code; do
				case " $gf " in *" $f "*) ;; *) rest="$rest $f" ;; esac
			done
			# shellcheck disable=SC2086
			out=$(golden_cmp "$c.want" "$rec" $rest) || {
				echo "${c#"$GOLDEN_DATA"/} (outside its gap: $gf):" >&2
				echo "$out" >&2
				return 1
			}
			# shellcheck disable=SC2086
			golden_cmp "$c.want" "$rec" $gf >/dev/null || return 0
		else
			golden_cmp "$c.want" "$rec" >/dev/null || return 0
		fi
		echo "${c#"$GOLDEN_DATA"/}: the gap is closed (heal-detect gives $c.want): delete $c.gap" >&2
		return 1
	fi
	out=$(golden_cmp "$c.want" "$rec") || rc=$?
	if [ $rc -ne 0 ]; then
		echo "${c#"$GOLDEN_DATA"/}:" >&2
		echo "$out" >&2
		return 1
	fi
}

# golden_stage CASE DIR: a fresh DIR holding CASE.src's files
golden_stage() {
	rm -rf "$2"
	mkdir -p "$2"
	if [ -d "$1.src" ]; then
		cp -R "$1.src/." "$2/"
	fi
}

golden_recorded() {
	local dir=$GOLDEN_DATA/$1 log c n=0 fail=0 w="$T/work"
	for log in "$dir"/*.log; do
		[ -e "$log" ] || continue
		c=${log%.log}
		golden_stage "$c" "$w"
		sed "s|@ROOT@|$w|g" "$log" >"$T/case.log"
		(cd "$w" && heal-detect <"$T/case.log" >"$T/rec.json") || true
		GOLDEN_ROOT=$w golden_check "$c" "$T/rec.json" || fail=$((fail + 1))
		n=$((n + 1))
	done
	[ "$n" -gt 0 ] || { echo "no cases in $dir" >&2; return 1; }
	[ "$fail" -eq 0 ]
}

golden_needs() {
	local dir=$GOLDEN_DATA/$1 p
	for p in $(sed -n 's/^# needs: //p' "$dir"/*.cmd 2>/dev/null | tr ' ' '\n' | sort -u); do
		command -v "$p" >/dev/null 2>&1 || echo "$p"
	done
}

golden_live() {
	local dir=$GOLDEN_DATA/$1 cmd c n=0 fail=0 miss w="$T/work"
	miss=$(golden_needs "$1")
	[ -z "$miss" ] || skip "not installed: $(echo $miss)"
	for cmd in "$dir"/*.cmd; do
		[ -e "$cmd" ] || continue
		c=${cmd%.cmd}
		golden_stage "$c" "$w"
		(cd "$w" && sh "$cmd" >"$T/live.log" 2>&1) || true
		(cd "$w" && heal-detect <"$T/live.log" >"$T/rec.json") || true
		if ! GOLDEN_ROOT=$w golden_check "$c" "$T/rec.json"; then
			echo "--- its output:" >&2
			head -40 "$T/live.log" >&2
			fail=$((fail + 1))
		fi
		n=$((n + 1))
	done
	[ "$n" -gt 0 ] || { echo "no live cases in $dir" >&2; return 1; }
	[ "$fail" -eq 0 ]
}

golden_setup() {
	T=$(mktemp -d)
	# node linters installed by scripts/deps-tests (or HEAL_TEST_NODE)
	local node=${HEAL_TEST_NODE:-/opt/heal-test-node}
	[ -d "$node/node_modules/.bin" ] && PATH=$node/node_modules/.bin:$PATH
	export LC_ALL=C.UTF-8 LANG=C.UTF-8 NO_COLOR=1 TERM=dumb
	export PYTHONDONTWRITEBYTECODE=1 MYPY_CACHE_DIR=/dev/null
	export CARGO_TERM_COLOR=never GOFLAGS=-mod=mod GOCACHE="$T/gocache"
	export GOPATH="$T/gopath" GO111MODULE=on GOPROXY=off GOTOOLCHAIN=local
}

# golden_case DIR CASE REASON: one recorded case of DIR. A case with a
# CASE.gap that heal-detect does not give yet skips with REASON and the
# gap's first line; once it gives it, the test fails to have CASE.gap removed.
golden_case() {
	local c=$GOLDEN_DATA/$1/$2 w="$T/work" out rc=0
	golden_stage "$c" "$w"
	sed "s|@ROOT@|$w|g" "$c.log" >"$T/case.log"
	(cd "$w" && heal-detect <"$T/case.log" >"$T/rec.json") || true
	out=$(GOLDEN_ROOT=$w golden_cmp "$c.want" "$T/rec.json") || rc=$?
	if [ -f "$c.gap" ]; then
		if [ $rc -ne 0 ]; then
			skip "$3"
		fi
		echo "$1/$2: the gap is closed (heal-detect gives $2.want): delete $2.gap" >&2
		return 1
	fi
	if [ $rc -ne 0 ]; then
		echo "$1/$2:" >&2
		echo "$out" >&2
		return 1
	fi
}

# golden_case_live DIR CASE REASON: run CASE.cmd now, as golden_case
golden_case_live() {
	local c=$GOLDEN_DATA/$1/$2 w="$T/work" out rc=0 p
	for p in $(sed -n 's/^# needs: //p' "$c.cmd"); do
		command -v "$p" >/dev/null 2>&1 || skip "no $p"
	done
	golden_stage "$c" "$w"
	(cd "$w" && sh "$c.cmd" >"$T/live.log" 2>&1) || true
	(cd "$w" && heal-detect <"$T/live.log" >"$T/rec.json") || true
	out=$(GOLDEN_ROOT=$w golden_cmp "$c.want" "$T/rec.json") || rc=$?
	if [ -f "$c.gap" ]; then
		[ $rc -eq 0 ] || skip "$3"
		echo "$1/$2: the gap is closed: delete $2.gap" >&2
		return 1
	fi
	if [ $rc -ne 0 ]; then
		echo "$1/$2:" >&2
		echo "$out" >&2
		cat "$T/live.log" >&2
		return 1
	fi
}
