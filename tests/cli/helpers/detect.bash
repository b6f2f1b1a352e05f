# Helpers for the heal-detect bats suites.
#   detect_in DIR CMD...     run CMD in DIR (output 2>&1 to DIR/out.txt), then
#                            heal-detect in DIR on it: records in DIR/rec.json
#   rec_check FILE INDEX key=value...   record INDEX of FILE has these fields
#                            (value "null" for null, numbers compare as numbers,
#                            key~=text for "contains")
#   rec_count FILE           the number of records

load 'helpers/bats-libs'

PY=/usr/bin/python3

detect_in() {
	local dir=$1
	shift
	(cd "$dir" && "$@" >out.txt 2>&1) || true
	(cd "$dir" && heal-detect <out.txt >rec.json) || true
}

rec_count() {
	# grep, not python: a tenth of the cost, and the suites count records
	# some three hundred times (grep -c says 0 with status 1)
	grep -c '[^[:space:]]' "$1" || [ -f "$1" ]
}

rec_check() {
	$PY -S - "$@" <<'PYEOF'
import json, sys
path, idx = sys.argv[1], int(sys.argv[2])
recs = [json.loads(l) for l in open(path) if l.strip()]
if idx >= len(recs):
    sys.exit("no record %d (have %d): %s" % (idx, len(recs), open(path).read()))
r = recs[idx]
bad = []
for kv in sys.argv[3:]:
    if "~=" in kv:
        k, v = kv.split("~=", 1)
        if v not in str(r.get(k)):
            bad.append("%s: %r does not contain %r" % (k, r.get(k), v))
        continue
    k, v = kv.split("=", 1)
    got = r.get(k)
    if v == "null":
        ok = got is None
    elif isinstance(got, bool):
        ok = str(got).lower() == v
    elif isinstance(got, int):
        ok = str(got) == v
    else:
        ok = got == v
    if not ok:
        bad.append("%s: got %r, want %r" % (k, got, v))
if bad:
    sys.exit("record %d: %s\n%s" % (idx, "; ".join(bad), json.dumps(r, ensure_ascii=False)))
PYEOF
}

# Every output line is a JSON object with the schema's required fields.
all_valid() {
	$PY -S - "$1" <<'PYEOF'
import json, sys
for n, l in enumerate(open(sys.argv[1], 'rb'), 1):
    l.decode('utf-8')
    r = json.loads(l)
    assert r['v'] == 1 and r['kind'] == 'error', n
    assert isinstance(r['message'], str) and len(r['id']) == 16, n
PYEOF
}
