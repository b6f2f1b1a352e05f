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
#              (a "# needs: prog..." line names the programs it runs and
#              the files, by absolute path, that it needs)
#   CASE.cmd-slow  as CASE.cmd, for a run too slow for the suite (gradle):
#              the log is real, the test reads only the recording
#   CASE.docs  there is no real run: CASE.log was written from the tool's
#              own documentation of its output, cited in CASE.docs
#   CASE.unordered  the tool prints its files in the order its workers
#              finish them (black): records are compared in sorted order
#   CASE.args  heal-detect's options for the case (golden_case)
#   CASE.gap   a known engine gap: heal-detect does not
#              give CASE.want yet. A first line "fields: F..." names the
#              fields the gap is in: the others must match, and those must
#              still differ somewhere; without it the whole case must still
#              differ. When it no longer does, the gap is closed and the test
#              says to delete CASE.gap
#
#   golden_recorded DIR     every CASE.log of DIR gives its CASE.want
#   golden_live_prepare DIR...  (setup_file) run the live cases of the DIRs
#                           ahead, several tools at once
#   golden_live DIR         every CASE.cmd of DIR, run now or by
#                           golden_live_prepare, gives its CASE.want
#                           (skips when a program it needs is missing)
#   golden_needs DIR        the programs DIR's live cases need, missing ones

load 'helpers/detect'

GOLDEN_DATA=$HEAL_SRC/tests/data/detect

# golden_cmp WANT RECORDS [FIELD...]: 0 when the records are the wanted
# ones (FIELDs given: compare only those)
golden_cmp() {
	$PY -S "$BATS_TEST_DIRNAME/helpers/golden_cmp.py" --pair "$@"
}

# golden_stage CASE DIR: a fresh DIR holding CASE.src's files
golden_stage() {
	rm -rf "$2"
	mkdir -p "$2"
	if [ -d "$1.src" ]; then
		cp -R "$1.src/." "$2/"
	fi
}

# golden_cmp_cases: compare every "CASE<TAB>RECORDS<TAB>ROOT[<TAB>OUTPUT]"
# line of stdin in one process (helpers/golden_cmp.py, which honours
# CASE.gap); says what is wrong with each case that fails
golden_cmp_cases() {
	GOLDEN_DATA=$GOLDEN_DATA $PY -S "$BATS_TEST_DIRNAME/helpers/golden_cmp.py" >&2
}

# golden_recorded DIR: few processes a case (a process costs about 20 ms
# of CPU on the CI's machines): heal-detect, and cp when it has inputs
golden_recorded() {
	local dir=$GOLDEN_DATA/$1 log c n w s logs dirs=()
	logs=("$dir"/*.log)
	[ -e "${logs[0]}" ] || { echo "no cases in $dir" >&2; return 1; }
	for ((n = 0; n < ${#logs[@]}; n++)); do
		dirs+=("$T/rec/$n")
	done
	mkdir -p "${dirs[@]}"
	n=0
	for log in "${logs[@]}"; do
		c=${log%.log}
		w=$T/rec/$n
		[ ! -d "$c.src" ] || cp -R "$c.src/." "$w/"
		s=
		IFS= read -r -d '' s <"$log" || true
		printf '%s' "${s//@ROOT@/$w}" >"$w.log"
		(cd "$w" && exec heal-detect <"$w.log" >"$w.json") || true
		printf '%s\t%s\t%s\n' "$c" "$w.json" "$w" >>"$T/cases"
		n=$((n + 1))
	done
	golden_cmp_cases <"$T/cases"
}

# golden_missing CMD...: what the "# needs:" lines of the CMD files name and
# the machine lacks: a program, or a file (an absolute path: maven's plugins)
golden_missing() {
	local p
	for p in $(sed -n 's/^# needs: //p' "$@" 2>/dev/null | tr ' ' '\n' | sort -u); do
		case $p in
		/*) [ -e "$p" ] || echo "$p" ;;
		*) command -v "$p" >/dev/null 2>&1 || echo "$p" ;;
		esac
	done
}

golden_needs() {
	golden_missing "$GOLDEN_DATA/$1"/*.cmd
}

# golden_live_run DIR OUT: run every CASE.cmd of DIR in OUT/CASE (a fresh
# copy of CASE.src), its output to OUT/CASE.out; OUT/.done at the end.  A
# tool's cases run one after the other and share its caches (go's build
# cache: the standard library is compiled once).
golden_live_run() {
	local dir=$GOLDEN_DATA/$1 out=$2 cmd c
	mkdir -p "$out"
	export GOCACHE="$out/.gocache" GOPATH="$out/.gopath"
	for cmd in "$dir"/*.cmd; do
		[ -e "$cmd" ] || continue
		c=$(basename "${cmd%.cmd}")
		golden_stage "${cmd%.cmd}" "$out/$c"
		(cd "$out/$c" && sh "$cmd" >"$out/$c.out" 2>&1 </dev/null) || true
	done
	: >"$out/.done"
}

# golden_live_prepare DIR...: for setup_file. Runs the live cases of every
# DIR whose programs are installed ahead of the tests, HEAL_TEST_JOBS (2)
# tools at a time, into $GOLDEN_LIVE/DIR (golden_live then reads them); a
# DIR with a program missing gets $GOLDEN_LIVE/DIR.missing instead.  Give
# the slowest tools first.
golden_live_prepare() {
	local d miss running=0 jobs=${HEAL_TEST_JOBS:-2}
	export GOLDEN_LIVE=$BATS_FILE_TMPDIR/live
	mkdir -p "$GOLDEN_LIVE"
	golden_env "$BATS_FILE_TMPDIR"
	for d; do
		miss=$(golden_needs "$d")
		if [ -n "$miss" ]; then
			echo $miss >"$GOLDEN_LIVE/$d.missing"
			continue
		fi
		if [ "$running" -ge "$jobs" ]; then
			wait -n || true
			running=$((running - 1))
		fi
		golden_live_run "$d" "$GOLDEN_LIVE/$d" >/dev/null 2>&1 3>&- &
		running=$((running + 1))
	done
	wait || true
}

# golden_live DIR: every CASE.cmd of DIR, run now (or by golden_live_prepare),
# gives its CASE.want; skips when a program it needs is missing
golden_live() {
	local dir=$GOLDEN_DATA/$1 out cmd c n=0 miss
	if [ -n "${GOLDEN_LIVE:-}" ]; then
		out=$GOLDEN_LIVE/$1
		[ ! -f "$out.missing" ] || skip "not installed: $(cat "$out.missing")"
		[ -f "$out/.done" ] || { echo "$1: golden_live_prepare did not run it" >&2; return 1; }
	else
		miss=$(golden_needs "$1")
		[ -z "$miss" ] || skip "not installed: $(echo $miss)"
		out=$T/live
		(golden_live_run "$1" "$out")
	fi
	for cmd in "$dir"/*.cmd; do
		[ -e "$cmd" ] || continue
		c=$(basename "${cmd%.cmd}")
		(cd "$out/$c" && exec heal-detect <"$out/$c.out" >"$out/$c.json") || true
		printf '%s\t%s\t%s\t%s\n' "${cmd%.cmd}" "$out/$c.json" "$out/$c" "$out/$c.out" >>"$T/cases"
		n=$((n + 1))
	done
	[ "$n" -gt 0 ] || { echo "no live cases in $dir" >&2; return 1; }
	golden_cmp_cases <"$T/cases"
}

# golden_env DIR: the environment the tools run in (caches under DIR)
golden_env() {
	# node linters installed by scripts/deps-tests (or HEAL_TEST_NODE)
	local node=${HEAL_TEST_NODE:-/opt/heal-test-node}
	[ -d "$node/node_modules/.bin" ] && PATH=$node/node_modules/.bin:$PATH
	export PATH LC_ALL=C.UTF-8 LANG=C.UTF-8 NO_COLOR=1 TERM=dumb
	export PYTHONDONTWRITEBYTECODE=1 MYPY_CACHE_DIR=/dev/null
	export CARGO_TERM_COLOR=never GOFLAGS=-mod=mod GOCACHE="$1/gocache"
	export GOPATH="$1/gopath" GO111MODULE=on GOPROXY=off GOTOOLCHAIN=local
	# a JVM that lives a few seconds: the first compiler tier only, one
	# GC thread (maven; javac's cases pass the same with -J)
	export MAVEN_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
}

golden_setup() {
	T=$(mktemp -d)
	golden_env "$T"
}

# golden_args CASE: GARGS, heal-detect's options for the case (CASE.args,
# one line), or none
golden_args() {
	GARGS=()
	if [ -f "$1.args" ]; then
		read -r -a GARGS <"$1.args" || true
	fi
	return 0
}

# golden_case DIR CASE REASON: one recorded case of DIR. A case with a
# CASE.gap that heal-detect does not give yet skips with REASON and the
# gap's first line; once it gives it, the test fails to have CASE.gap removed.
golden_case() {
	local c=$GOLDEN_DATA/$1/$2 w="$T/work" out rc=0
	golden_stage "$c" "$w"
	golden_args "$c"
	sed "s|@ROOT@|$w|g" "$c.log" >"$T/case.log"
	(cd "$w" && heal-detect "${GARGS[@]}" <"$T/case.log" >"$T/rec.json") || true
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
	p=$(golden_missing "$c.cmd")
	[ -z "$p" ] || skip "not installed: $(echo $p)"
	golden_stage "$c" "$w"
	golden_args "$c"
	(cd "$w" && sh "$c.cmd" >"$T/live.log" 2>&1) || true
	(cd "$w" && heal-detect "${GARGS[@]}" <"$T/live.log" >"$T/rec.json") || true
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
