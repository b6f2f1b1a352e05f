#!/usr/bin/env bats
# heal-fix: applying edits, the fix record, dry run, passthrough, options.
bats_require_minimum_version 1.5.0
load helpers/fix

setup() { fix_setup; printf 'int main(void)\n{\n\treturn conut;\n}\n' >a.c; }
teardown() { fix_teardown; }

@test "applies the best candidate and writes a fix record" {
	mkrec --replace a.c conut count >in
	run --separate-stderr heal-fix <in
	assert_success
	assert_equal "$(cat a.c)" "$(printf 'int main(void)\n{\n\treturn count;\n}')"
	assert_equal "$(field "$output" 'r["kind"]')" fix
	assert_equal "$(field "$output" 'r["status"]')" applied
	assert_equal "$(field "$output" 'r["error_id"]')" 0123456789abcdef
	assert_equal "$(field "$output" 'r["fix_id"]')" c.1
	assert_equal "$(field "$output" 'r["files"]')" '["a.c"]'
	assert_equal "$(field "$output" 'r["backup"]')" ".heal/backups/$(field "$output" 'r["session"]').tar.gz"
	assert_equal "$(field "$output" 'r["diff"]')" "$(printf -- '--- a/a.c\n+++ b/a.c\n@@ -1,4 +1,4 @@\n int main(void)\n {\n-\treturn conut;\n+\treturn count;\n }')"
}

@test "the diff in the record applies with patch" {
	cp a.c orig.c
	mkrec --replace a.c conut count >in
	run --separate-stderr heal-fix --dry-run <in
	assert_success
	field "$output" 'r["diff"]' >d.patch
	patch -s -p1 <d.patch
	assert_equal "$(cat a.c)" "$(sed 's/conut/count/' orig.c)"
}

@test "the input record is embedded whole, unknown fields kept byte for byte" {
	mkrec --replace a.c conut count | sed 's/^{/{"zz":{"n":1.50,"deep":[{"x":null,"y":"é"}]},/' >in
	run --separate-stderr heal-fix <in
	assert_success
	assert_equal "$(field "$output" 'r["status"]')" applied
	# the embedded record is the input line, byte for byte
	emb=$(printf '%s' "$output" | sed 's/.*"error"://; s/}$//')
	assert_equal "$emb" "$(cat in)"
}

@test "records of other kinds pass through unchanged" {
	printf '%s\n' '{"v":1,"kind":"event","event":"error_detected","extra":{"k":[1,2.0e3]}}' >in
	printf '%s\n' '{"v":1,"kind":"validation","error_id":"ab","status":"passed","x":1}' >>in
	run --separate-stderr heal-fix <in
	assert_success
	assert_equal "$output" "$(cat in)"
	[ ! -e .heal ]
}

@test "--dry-run writes nothing anywhere and puts the diff in the record" {
	mkrec --replace a.c conut count >in
	before=$(sha a.c)
	run --separate-stderr heal-fix --dry-run <in
	assert_success
	assert_equal "$(field "$output" 'r["status"]')" dry-run
	assert_equal "$(sha a.c)" "$before"
	[[ "$(field "$output" 'r["diff"]')" == *'+	return count;'* ]]
	[ ! -e .heal ]
	assert_equal "$(ls -A)" "$(printf 'a.c\nin')"
}

@test "--diff prints the diff to stderr" {
	mkrec --replace a.c conut count >in
	run --separate-stderr heal-fix --dry-run --diff <in
	assert_success
	[[ "$stderr" == *'-	return conut;'* ]]
	[[ "$stderr" == *'+	return count;'* ]]
}

@test "a candidate below --min-confidence is skipped, exit 1" {
	mkrec --cand low.1 0.5 low --replace a.c conut count >in
	run --separate-stderr heal-fix <in
	assert_failure 1
	assert_equal "$(field "$output" 'r["status"]')" skipped
	[[ "$(field "$output" 'r["reason"]')" == *"confidence >= 0.85"* ]]
	grep -q conut a.c
	run --separate-stderr heal-fix --min-confidence 0.4 <in
	assert_success
	grep -q count a.c
}

@test "the first candidate over the threshold is chosen; --fix-id picks another" {
	mkrec --cand a.1 0.3 low --replace a.c conut c1 --cand a.2 0.9 low --replace a.c conut c2 \
		--cand a.3 0.95 low --replace a.c conut c3 >in
	run --separate-stderr heal-fix --dry-run <in
	assert_equal "$(field "$output" 'r["fix_id"]')" a.2
	run --separate-stderr heal-fix --fix-id a.1 <in
	assert_success
	assert_equal "$(field "$output" 'r["fix_id"]')" a.1
	grep -q 'return c1;' a.c
}

@test "--fix-id naming no candidate: skipped" {
	mkrec --replace a.c conut count >in
	run --separate-stderr heal-fix --fix-id nope <in
	assert_failure 1
	assert_equal "$(field "$output" 'r["status"]')" skipped
}

@test "an error record without fixes gets a skipped fix record" {
	printf '%s\n' '{"v":1,"kind":"error","id":"00ff","tool":"gcc","message":"m"}' >in
	run --separate-stderr heal-fix <in
	assert_failure 1
	assert_equal "$(field "$output" 'r["status"]')" skipped
	assert_equal "$(field "$output" 'r["error_id"]')" 00ff
}

@test "a bad record is exit 3 and nothing is applied" {
	mkrec --replace a.c conut count >in
	printf '{"v":1,"kind":"error","tool":"x"}\n' >>in
	run --separate-stderr heal-fix <in
	assert_failure 3
	[[ "$stderr" == *"<stdin>:2"* ]]
	grep -q conut a.c
}

@test "--keep-going reports a bad record and goes on" {
	printf 'not json\n' >in
	mkrec --replace a.c conut count >>in
	run --separate-stderr heal-fix --keep-going <in
	# the good record was applied and written; the skipped line makes it 3
	assert_failure 3
	[[ "$stderr" == *"<stdin>:1"* ]]
	assert_equal "$(field "$output" 'r["status"]')" applied
}

@test "input from files given as arguments" {
	mkrec --replace a.c conut count >in
	run --separate-stderr heal-fix in
	assert_success
	grep -q count a.c
}

@test "--root points at the project" {
	mkrec --replace a.c conut count >in
	cd /
	run --separate-stderr heal-fix --root "$PROJ" "$PROJ/in"
	assert_success
	grep -q count "$PROJ/a.c"
}

@test "usage errors exit 2; --help and --version" {
	run heal-fix --bogus
	assert_failure 2
	run heal-fix --approve sometimes
	assert_failure 2
	run heal-fix --min-confidence 2
	assert_failure 2
	run heal-fix --session ../x </dev/null
	assert_failure 2
	run heal-fix --help
	assert_success
	assert_output --partial 'Exit status:'
	run heal-fix --version
	assert_success
	assert_output --partial 'heal-fix (heal)'
}

@test "an error record without id gets a derived error_id" {
	mkrec --replace a.c conut count >in
	python3 -S -c 'import json; r=json.load(open("in")); del r["id"]; print(json.dumps(r))' >in2
	run --separate-stderr heal-fix --dry-run <in2
	assert_success
	[[ "$(field "$output" 'r["error_id"]')" =~ ^[0-9a-f]{16}$ ]]
}

@test "several error records: one fix record each, in order" {
	printf 'int a;\n' >x.c
	printf 'int b;\n' >y.c
	{ mkrec --id 01 --replace x.c a A; printf '%s\n' '{"v":1,"kind":"event","event":"e"}'; mkrec --id 02 --replace y.c b B; } >in
	run --separate-stderr heal-fix <in
	assert_success
	assert_equal "$(printf '%s\n' "$output" | sed -n 1p | python3 -S -c 'import json,sys; print(json.load(sys.stdin)["error_id"])')" 01
	assert_equal "$(printf '%s\n' "$output" | sed -n 2p)" '{"v":1,"kind":"event","event":"e"}'
	assert_equal "$(printf '%s\n' "$output" | sed -n 3p | python3 -S -c 'import json,sys; print(json.load(sys.stdin)["error_id"])')" 02
	assert_equal "$(cat x.c y.c)" "$(printf 'int A;\nint B;')"
}

@test "--skip passes over a candidate, for one error or for all" {
	mkrec --cand c.1 0.95 low --replace a.c conut count --cand c.2 0.9 low --replace a.c conut total >in
	run --separate-stderr heal-fix --dry-run --skip 0123456789abcdef/c.1 <in
	assert_success
	assert_equal "$(field "$output" 'r["fix_id"]')" c.2
	run --separate-stderr heal-fix --dry-run --skip ffffffffffffffff/c.1 <in
	assert_equal "$(field "$output" 'r["fix_id"]')" c.1
	run --separate-stderr heal-fix --dry-run --skip c.1 --skip c.2 <in
	assert_failure 1
	assert_equal "$(field "$output" 'r["status"]')" skipped
}
