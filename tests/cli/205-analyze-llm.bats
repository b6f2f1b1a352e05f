#!/usr/bin/env bats
# The optional LLM source, against a local OpenAI-compatible server the test starts.

bats_require_minimum_version 1.5.0
load analyze-helpers

start_server() { # MODE [EXPECT]...
	local mode=$1
	shift
	set -- "$mode" "$T/port" "$T/requests" "$@"
	heal-llm-server "$@" >/dev/null 2>&1 &
	srv=$!
	for _ in $(seq 50); do [ -s "$T/port" ] && break; sleep 0.1; done
	export HEAL_LLM_URL="http://127.0.0.1:$(cat "$T/port")/v1/chat/completions"
	export HEAL_LLM_MODEL=test-model HEAL_LLM_API_KEY=sekret
}

teardown() {
	[ -n "${srv:-}" ] && kill "$srv" 2>/dev/null
	cd /
	rm -rf "$T"
}

record() {
	printf 'xs = [1, 2]\nprint(xs[5])\n' >m.py
	printf '{"v":1,"kind":"error","tool":"python","file":"m.py","line":2,"code":"IndexError","message":"IndexError: list index out of range"}\n'
}

@test "llm: a fix from the endpoint, checked like any other (source llm, lower confidence)" {
	command -v curl-config >/dev/null || pkg-config --exists libcurl || skip "built without libcurl"
	start_server ok '"message":"IndexError: list index out of range"' '2| print(xs[5])' 'm.py'
	run heal-analyze --explain <<<"$(record)"
	assert_success
	assert_output --partial '"source":"llm"'
	assert_output --partial '"confidence":0.6,'
	assert_output --partial '"edits":[{"file":"m.py","start":12,"end":25,"text":"fixed\n"'
	refute_output --partial 'etc/passwd'
	grep -q '"model":"test-model"' "$T/requests"
}

@test "llm: a slow server times out and the record is still analyzed" {
	pkg-config --exists libcurl || skip "built without libcurl"
	start_server slow
	export HEAL_LLM_TIMEOUT=2
	SECONDS=0
	run heal-analyze --explain <<<"$(record)"
	assert_success
	[ "$SECONDS" -lt 10 ]
	assert_output --partial 'llm: no suggestion: LLM request failed: Timeout'
	assert_output --partial '"fixes":[]'
}

@test "llm: HTTP 500, a garbage answer and prose give no fix and no failure" {
	pkg-config --exists libcurl || skip "built without libcurl"
	for mode in 500 garbage nofix; do
		rm -f "$T/port"
		start_server $mode
		run heal-analyze --explain <<<"$(record)"
		assert_success
		assert_output --partial '"fixes":[]'
		assert_output --partial 'llm: no suggestion'
		kill "$srv"
	done
}

@test "llm: --no-llm and an unset HEAL_LLM_URL never contact the endpoint" {
	pkg-config --exists libcurl || skip "built without libcurl"
	start_server ok
	run heal-analyze --no-llm <<<"$(record)"
	assert_success
	[ ! -s "$T/requests" ]
	unset HEAL_LLM_URL
	run heal-analyze <<<"$(record)"
	[ ! -s "$T/requests" ]
	if command -v strace >/dev/null; then
		run strace -f -e trace=socket,connect -o "$T/trace" heal-analyze <<<"$(record)"
		run grep -E 'AF_INET|AF_INET6' "$T/trace"
		assert_failure
	fi
}

@test "llm: a bad HEAL_LLM_URL is a usage error" {
	HEAL_LLM_URL=ftp://x run heal-analyze </dev/null
	assert_failure 2
}

@test "llm: secrets from the environment, the output and the source never leave; paths are project-relative" {
	pkg-config --exists libcurl || skip "built without libcurl"
	start_server ok
	export DEPLOY_API_TOKEN=hunter2-deploy-value DB_PASSWORD=correct-horse-battery
	gh=ghp_$(printf 'a%.0s' $(seq 36)); aws=AKIAIOSFODNN7EXAMPLE; slack=xoxb-123456789012-abcdefABCDEF
	jwt=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U
	printf 'xs = [1, 2]  # %s\nprint(xs[5])\n' "$gh" >m.py
	python3 -S -c 'import json,sys
raw = "Traceback: token %s key %s slack %s jwt %s pw %s\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----\nin %s/m.py, home %s/.cache" % tuple(sys.argv[1:8])
print(json.dumps({"v":1,"kind":"error","tool":"python","file":sys.argv[6]+"/m.py","line":2,
  "code":"IndexError","message":"IndexError: list index out of range (token %s)" % sys.argv[5],"raw":raw}))' \
		"$gh" "$aws" "$slack" "$jwt" correct-horse-battery "$PWD" "$HOME" >rec
	run heal-analyze <rec
	assert_success
	[ -s "$T/requests" ]
	for s in "$gh" "$aws" "$slack" "$jwt" correct-horse-battery hunter2-deploy-value sekret MIIEow "$PWD" "$HOME"; do
		if grep -qF -- "$s" "$T/requests"; then echo "leaked: $s"; return 1; fi
	done
	grep -qF '[REDACTED]' "$T/requests"
	grep -qF '\"file\":\"m.py\"' "$T/requests"
	grep -qF 'in m.py' "$T/requests"
}

@test "llm: an unreachable endpoint or an unusable answer is reported on stderr, without --explain, once" {
	pkg-config --exists libcurl || skip "built without libcurl"
	{ record; record; } >recs
	HEAL_LLM_URL=http://127.0.0.1:9/v1/chat/completions run --separate-stderr heal-analyze <recs
	assert_success
	[[ "$stderr" == *"heal-analyze: warning: LLM request failed"*"not asked again in this run"* ]]
	assert_equal "$(grep -c warning <<<"$stderr")" 1
	start_server garbage
	run --separate-stderr heal-analyze <recs
	assert_success
	[[ "$stderr" == *"heal-analyze: warning: "* ]]
	assert_equal "$(grep -c warning <<<"$stderr")" 1
}
