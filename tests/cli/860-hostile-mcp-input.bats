#!/usr/bin/env bats
# HOSTILE.md 1, 2, 7, 8, 10, 11 for heal-mcp: malformed JSON-RPC, huge and
# deep messages, unknown methods, tool arguments naming paths outside the
# root, stdin closed mid-request.  Every bad message gets one error
# answer, the server goes on, nothing outside the root is touched.
bats_require_minimum_version 1.5.0
load helpers/hostile

# answers CHECK: every stdout line is one JSON-RPC object (valid UTF-8)
answers_ok() {
	"$PY" - "$1" <<'PY'
import json, sys
n = 0
for l in open(sys.argv[1], 'rb'):
    r = json.loads(l.decode('utf-8'))
    assert r.get('jsonrpc') == '2.0' and ('result' in r or 'error' in r), r
    n += 1
print(n)
PY
}

@test "malformed, unknown, deep and huge messages: one error each, the server goes on, exit 0" {
	{
		printf 'not json\n'
		printf '\377\376\300\257\n'
		printf '{"jsonrpc":"2.0","id":1,"method":"nope/\\u001b[2J"}\n'
		printf '[{"jsonrpc":"2.0","id":2,"method":"ping"}]\n'
		printf '{"jsonrpc":"1.0","id":3,"method":"ping"}\n'
		printf '{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}\n'
		printf '{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"\\u009bx"}}\n'
		printf '{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"heal","arguments":{"command":["sh\\u0000x"]}}}\n'
		"$PY" -c "print('['*10**5+']'*10**5)"
		"$PY" -c "print('{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"ping\",\"params\":{\"x\":\"' + 'a'*(5<<20) + '\"}}')"
		printf '{"jsonrpc":"2.0","id":7,"method":"ping"}\n'
	} >in
	run --separate-stderr bash -c 'heal-mcp --root . <in >out'
	assert_success
	assert_equal "$(answers_ok out)" 11
	no_controls out
	# the last ping was answered: the server went on after every bad message
	tail -1 out | grep -q '"id":7,"result":{}'
	canary_intact
}

@test "1, 2: tool arguments naming paths outside the root: fix with apply refuses them, nothing outside written" {
	printf 'int conut;\n' >src/a.c
	for f in ../canary "$T/canary" /etc/hosts; do
		printf '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"fix","arguments":{"apply":true,"yes":true,"records":[{"v":1,"kind":"error","id":"0123456789abcdef","tool":"gcc","message":"m","file":"%s","fixes":[{"id":"c.1","confidence":0.9,"risk":"low","source":"rule","edits":[{"file":"%s","start":0,"end":1,"text":"X","sha256":"%s"}]}]}]}}}\n' "$f" "$f" "$(sha256sum "$T/canary" | cut -d' ' -f1)"
	done >in
	run --separate-stderr traced trace heal-mcp --root . <in
	assert_success
	printf '%s\n' "$output" >out
	assert_equal "$(answers_ok out)" 3
	! grep -q '\\"status\\":\\"applied\\"' out || false
	no_open trace "$T/canary"
	no_open trace /etc/hosts
	canary_intact
}

@test "stdin closed in the middle of a request: a clean end, exit 0, no answer to half a message" {
	run --separate-stderr bash -c 'printf "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\n{\"jsonrpc\":\"2.0\",\"id\":2,\"meth" | heal-mcp --root .'
	sane_exit
	[ "$status" -eq 0 ]
	printf '%s\n' "$output" >out
	head -1 out | grep -q '"id":1,"result":{}'
	canary_intact
}

@test "a client that goes away before the answer: heal-mcp ends quietly" {
	run --separate-stderr bash -c '{ printf "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}\n"; } | heal-mcp --root . | head -c 10 >/dev/null'
	assert_success
	canary_intact
}
