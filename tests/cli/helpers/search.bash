# Shared by the repair-search suites (231, 233): the search on, its
# budgets, and the helpers that run a checker's output through the stages.
load analyze-helpers

need() { command -v "$1" >/dev/null || skip "$1 is not installed"; }

# search_fix SRC CMD...: the record heal-detect makes of CMD's output, analyzed
# with --explain into $out (stdout) and $T/explain; the first fix's source
search_fix() {
	local cmdjson
	cmdjson=$(python3 -S -c 'import json,sys; print(json.dumps(sys.argv[1:]))' "$@")
	"$@" >"$T/.out" 2>&1 && { echo "command unexpectedly succeeded" >&2; return 1; }
	out=$(heal-detect --command "$cmdjson" <"$T/.out" | head -n 1 |
	      heal-analyze --explain 2>"$T/explain") || { cat "$T/explain" >&2; return 1; }
}

heals() {
	heal --yes --no-wait -- "$@" >"$T/heal.out" 2>&1 || { cat "$T/heal.out" >&2; return 1; }
}

# heal_searched CMD...: search_fix and heal in one run of the search (a
# case whose search runs its checker dozens of times pays for it once):
# heal --yes --no-wait --explain -- CMD, its output (the analysis's
# explanation among it) in $T/explain, its records in $T/records, $out the
# analyzed record of its first fix record (heal writes one, "no fix", for
# an error without fixes too), $heal_status its exit status
heal_searched() {
	heal_status=0
	heal --yes --no-wait --explain --records "$T/records" -- "$@" >"$T/explain" 2>&1 ||
		heal_status=$?
	# shown when a case fails (a case that wants heal to fail sees it too)
	[ "$heal_status" -eq 0 ] || cat "$T/explain" >&2
	[ -f "$T/records" ] || : >"$T/records"
	out=$("$PY" -S -c 'import json,sys
for l in open(sys.argv[1]):
    r = json.loads(l)
    if r.get("kind") == "fix" and r.get("error"):
        print(json.dumps(r["error"])); break' "$T/records")
}

# mends CC: orig.c as m.c, healed with CC -fsyntax-only, is fixed.c
mends() {
	cp orig.c m.c
	heal_searched "$1" -fsyntax-only m.c
	assert_equal "$heal_status" 0
	cmp m.c fixed.c
}

# the suites run with the search off: every case here turns it on
export HEAL_SEARCH=1
# the time budgets are wall time, and a loaded machine (CI, two builds
# at once) runs checkers many times slower: the cases count checker runs
# (HEAL_SEARCH_RUNS) where they mean a bound; the budget's own cases set
# theirs
export HEAL_SEARCH_SECONDS=600 HEAL_SEARCH_TOTAL=1200

