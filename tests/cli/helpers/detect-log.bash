# A suite of heal-detect cases that each write in.log in a fresh directory
# ($T, golden_setup's) and read rec.json: setup, teardown, and detect (the
# records of in.log, whatever heal-detect's status).
load 'helpers/golden'

setup() {
	golden_setup
}

teardown() {
	rm -rf "$T"
}

detect() {
	(cd "$T" && heal-detect <in.log >rec.json) || true
}

# rec_rows FIELD...: the records of rec.json, each a line of those fields
# joined by "|" (a null as None)
rec_rows() {
	$PY -c '
import json, sys
for l in open(sys.argv[1]):
    r = json.loads(l)
    print(*(r[f] for f in sys.argv[2:]), sep="|")' "$T/rec.json" "$@"
}
