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
