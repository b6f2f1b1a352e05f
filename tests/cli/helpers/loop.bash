# Shared set-up for the heal-validate and heal suites.
load 'helpers/bats-libs'

PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3

loop_setup() {
	PROJ=$(mktemp -d "${BATS_TMPDIR:-/tmp}/heal-loop.XXXXXX")
	cd "$PROJ" || return 1
	unset HEAL_ENV HEAL_DRY_RUN SELF_HEAL_DRY_RUN HEAL_MAX_ATTEMPTS SELF_HEAL_MAX_ATTEMPTS
	export XDG_CONFIG_HOME="$PROJ/.xdg"
}

loop_teardown() {
	cd / || return 1
	[ -n "${PROJ:-}" ] && rm -rf "$PROJ"
}

# field RECORD-LINE PYTHON-EXPR
field() { "$PY" -S -c 'import json,sys; r=json.loads(sys.argv[1]); v=eval(sys.argv[2]); print(v if isinstance(v,str) else json.dumps(v))' "$1" "$2"; }

# the records of one kind from NDJSON on stdin, one per line
kind() { "$PY" -S -c 'import json,sys
for l in sys.stdin:
    r=json.loads(l)
    if r.get("kind")==sys.argv[1]: print(l.rstrip("\n"))' "$1"; }

sha() { sha256sum "$1" | cut -d' ' -f1; }

# a tree's files with modes and digests, .heal and build outputs aside
tree_state() { find . -path ./.heal -prune -o -path ./.xdg -prune -o -type f ! -name app ! -name '*.o' -printf '%p %m\n' | sort | while read -r f m; do echo "$f $m $(sha "$f")"; done; }

# the validation record of the fix that was applied, from NDJSON on stdin
applied_validation() { "$PY" -S -c 'import json,sys
for l in sys.stdin:
    r=json.loads(l)
    if r.get("kind")=="validation" and r["fix"].get("status")=="applied": print(l.rstrip("\n"))'; }

# script_fix FILE OLD NEW TOOL MESSAGE CMD...: an error record for FILE with one
# candidate replacing the first OLD by NEW, applied by heal-fix into fixed.ndjson
script_fix() {
	"$PY" -S - "$@" <<'PYEOF' | heal-fix >fixed.ndjson
import hashlib, json, sys
name, old, new, tool, msg = sys.argv[1:6]
data = open(name, "rb").read()
k = data.index(old.encode())
print(json.dumps({"v": 1, "kind": "error", "id": "00000000000000aa", "tool": tool, "file": name,
  "message": msg, "command": sys.argv[6:],
  "fixes": [{"id": "t.1", "confidence": 0.9, "risk": "low", "source": "rule",
    "edits": [{"file": name, "start": k, "end": k + len(old.encode()), "text": new,
               "sha256": hashlib.sha256(data).hexdigest()}]}]}))
PYEOF
}

# proposed CMD...: run the build CMD (it must fail) and print, one per line,
# "RULE DESCRIPTION" of each fix heal-detect | heal-analyze propose for it
proposed() {
	"$@" >build.out 2>&1 && { echo "the build succeeded" >&2; return 1; }
	heal-detect <build.out | heal-analyze | "$PY" -S -c 'import json,sys
for l in sys.stdin:
    for f in json.loads(l).get("fixes", []): print(f["id"].rsplit(".", 1)[0], f.get("description", ""))'
}
