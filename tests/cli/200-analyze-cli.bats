#!/usr/bin/env bats
# heal-analyze as a filter: pass-through, unknown fields, determinism, bad
# input, bad rule files, --explain, learned outcomes.

load analyze-helpers

rec_c() {
	printf '{"v":1,"kind":"error","id":"00000000000000aa","tool":"gcc","file":"m.c","line":3,"column":12,"message":"‘conut’ undeclared (first use in this function); did you mean ‘count’?","x-unknown":{"deep":[1,2.50,"\\u00e9"]},"zz":null}\n'
}


@test "analyze: other kinds pass through byte for byte, unknown fields are kept" {
	printf 'int main(void)\n{\n    return conut;\n}\n' >m.c
	printf '{"v":1,"kind":"event","event":"fix_applied","weird":[1.50,{"a":"b"}]}\n' >in.ndjson
	rec_c >>in.ndjson
	run heal-analyze in.ndjson
	assert_success
	assert_line --index 0 '{"v":1,"kind":"event","event":"fix_applied","weird":[1.50,{"a":"b"}]}'
	assert_line --index 1 --partial '"x-unknown":{"deep":[1,2.50,"é"]},"zz":null,"analysis":'
}

@test "analyze: the same input gives the same output, order included" {
	printf 'int main(void)\n{\n    int x; return conut;\n}\n' >m.c
	for i in 1 2 3; do rec_c; done >in.ndjson
	heal-analyze in.ndjson >a.out
	heal-analyze <in.ndjson >b.out
	cmp a.out b.out
	[ "$(sort -u a.out | wc -l)" -eq 1 ]
}

@test "analyze: records from unknown tools or without a location still get a category" {
	run heal-analyze <<<'{"v":1,"kind":"error","tool":"frobnicate","message":"connection refused by upstream"}'
	assert_success
	assert_output --partial '"analysis":{"category":"network"'
	assert_output --partial '"rule":null},"fixes":[]}'
	run heal-analyze <<<'{"v":1,"kind":"error","tool":"x","message":"something odd"}'
	assert_output --partial '"category":"unknown"'
	assert_output --partial '"severity":6'
}

@test "analyze: a bad record is exit 3; --keep-going skips it and goes on" {
	printf 'int main(void)\n{\n    return conut;\n}\n' >m.c
	{ echo '{"v":1,"kind":"error","line":-4,"message":"x"}'; echo 'not json'; rec_c; } >in.ndjson
	run heal-analyze in.ndjson
	assert_failure 3
	run heal-analyze --keep-going in.ndjson
	assert_failure 3
	assert_output --partial '"rule":"c.did-you-mean"'
}

@test "analyze: a rule file with a bad regex or a missing field is a clear error, exit 3" {
	printf '{"v":1,"rules":[\n {"id":"ok.one","message":"x","action":"none","category":"name","severity":3,"root_cause":"r"},\n {"id":"bad.re","message":"a(b","action":"none","category":"name","severity":3,"root_cause":"r"}\n]}\n' >bad.json
	run heal-analyze --rules bad.json </dev/null
	assert_failure 3
	assert_output --partial "bad.json:3: rule 'bad.re': field 'message': bad regular expression at offset 3"
	printf '{"v":1,"rules":[{"id":"no.sev","message":"x","action":"none","category":"name","root_cause":"r"}]}\n' >bad.json
	run heal-analyze --rules bad.json </dev/null
	assert_failure 3
	assert_output --partial "field 'severity'"
	printf '{"v":1,"rules":[{"id":"a","message":"x","action":"replace","args":{"old":"${nope}","new":"y"},"category":"name","severity":3,"confidence":0.5,"root_cause":"r","description":"d"}]}\n' >bad.json
	run heal-analyze --rules bad.json </dev/null
	assert_failure 3
	assert_output --partial "unknown variable '\${nope}'"
	printf '{"v":1,"rules":[{"id":"a","message":"x","action":"explode","category":"name","severity":3,"root_cause":"r"}]}\n' >bad.json
	run heal-analyze --rules bad.json </dev/null
	assert_failure 3
	assert_output --partial "unknown action 'explode'"
	printf '{"v":1,\n"rules": [\n  {"id": "x",}\n]}\n' >bad.json
	run heal-analyze --rules bad.json </dev/null
	assert_failure 3
	assert_output --partial "bad.json:3:"
	run heal-analyze --rules missing.json </dev/null
	assert_failure 4
}

@test "analyze: extra rule files add rules and tables" {
	printf 'hello wrold\n' >t.txt
	printf '{"v":1,"tables":{"words":["world"]},"rules":[{"id":"my.typo","tool":"mytool","message":"unknown word (?<w>\\\\w+)","closest":{"name":"${w}","from":[{"table":"words"}],"as":"good"},"action":"replace","args":{"old":"${w}","new":"${good}","scope":"line"},"category":"name","severity":2,"confidence":0.7,"risk":"low","root_cause":"typo","description":"fix ${w}"}]}\n' >mine.json
	run heal-analyze --rules mine.json <<<'{"v":1,"kind":"error","tool":"mytool","file":"t.txt","line":1,"message":"unknown word wrold"}'
	assert_success
	assert_output --partial '"edits":[{"file":"t.txt","start":6,"end":11,"text":"world"'
}

@test "analyze: --explain says why each candidate got its rank" {
	printf 'int f(int x)\n{\n    int unused = 1;\n    return x;\n}\n' >m.c
	diagnose gcc unused gcc -fdiagnostics-color=never -Wall -Werror -c -o /dev/null m.c
	run heal-analyze --explain <<<"$rec"
	assert_success
	assert_output --partial "1. c.unused-variable.1: confidence 0.900 from rule c.unused-variable"
	assert_output --partial "2. c.unused-variable-void.2: confidence 0.750"
	assert_output --partial "ranked below a more confident fix"
}

@test "analyze: learned outcomes move a rule's confidence (Beta posterior)" {
	printf 'int main(void)\n{\n    return conut;\n}\n' >m.c
	mkdir .heal
	printf '{"v":1,"rules":{"c.did-you-mean":{"passed":0,"failed":3}}}\n' >.heal/learning.json
	run heal-analyze <<<"$(rec_c)"
	assert_output --partial '"confidence":0.8,"risk":"low","source":"rule","rule":"c.did-you-mean"'
	printf '{"v":1,"rules":{"c.did-you-mean":{"passed":30,"failed":0}}}\n' >.heal/learning.json
	run heal-analyze <<<"$(rec_c)"
	assert_output --partial '"confidence":0.968,'
	printf '{"v":1,"rules":' >.heal/learning.json
	run heal-analyze <<<"$(rec_c)"
	assert_success
	assert_output --partial 'warning: ignoring learned outcomes'
	assert_output --partial '"confidence":0.92,'
}

@test "analyze: --help, --version, bad option" {
	run heal-analyze --help
	assert_success
	assert_output --partial 'Usage: heal-analyze'
	run heal-analyze --version
	assert_output --partial '(heal)'
	run heal-analyze --bogus
	assert_failure 2
}

@test "analyze: a file outside the root is never read or edited" {
	run heal-analyze <<<'{"v":1,"kind":"error","tool":"gcc","file":"../../etc/passwd","line":1,"column":1,"message":"‘root’ undeclared; did you mean ‘boot’?"}'
	assert_success
	assert_output --partial '"fixes":[]'
	run heal-analyze <<<'{"v":1,"kind":"error","tool":"gcc","file":"/etc/passwd","line":1,"column":1,"message":"‘root’ undeclared; did you mean ‘boot’?"}'
	assert_output --partial '"fixes":[]'
}
