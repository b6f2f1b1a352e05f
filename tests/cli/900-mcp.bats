#!/usr/bin/env bats
# heal-mcp: driven by a scripted JSON-RPC client over pipes
# (tests/cli/mcp-client.py), in a copy of examples/c-make.

bats_require_minimum_version 1.5.0
load 'helpers/bats-libs'

setup() {
	PROJ=$(mktemp -d "${BATS_TMPDIR:-/tmp}/heal-mcp.XXXXXX")
	cp -R "$HEAL_SRC/examples/c-make/." "$PROJ"
	cd "$PROJ" || return 1
	export HEAL_LOCK_TIMEOUT=10
	unset HEAL_ENV
}

teardown() {
	cd / && rm -rf "$PROJ"
}

client() { python3 "$HEAL_SRC/tests/cli/mcp-client.py" "$@"; }

@test "--help and --version" {
	run heal-mcp --help
	assert_success
	assert_output --partial 'Model Context Protocol'
	assert_output --partial 'Exit status:'
	run heal-mcp --version
	assert_success
	assert_output --regexp '^heal-mcp \(heal\) [0-9]'
}

@test "bad options are usage errors; a missing root fails at start" {
	run -2 heal-mcp --timeout abc
	run -2 heal-mcp --max-message 5
	run -2 heal-mcp extra
	run heal-mcp --root "$PROJ/no/such/dir" </dev/null
	assert_failure
	assert_output --partial 'no/such/dir'
}

@test "end of input at once: exit 0, nothing written" {
	run heal-mcp </dev/null
	assert_success
	assert_output ''
}

@test "protocol versions: 2024-11-05, 2025-03-26, 2025-06-18 echoed, others get the latest" {
	run client versions
	assert_success
}

@test "lifecycle: ping, ids kept exactly, notifications and responses unanswered" {
	run client lifecycle
	assert_success
}

@test "malformed messages, batches, bad ids, unknown methods: JSON-RPC errors, server goes on" {
	run client malformed
	assert_success
}

@test "oversized messages (4 MiB cap, --max-message): a clear error, never a crash" {
	run client oversized
	assert_success
}

@test "tools/call: unknown tools are -32602; arguments that break the schema are isError results" {
	run client bad-calls
	assert_success
}

@test "detect and analyze: records as text and as structuredContent" {
	run client detect-analyze
	assert_success
}

@test "fix: a dry run by default; apply needs apply:true; approval needs yes" {
	run client fix
	assert_success
}

@test "fix: apply with yes approves" {
	run client fix-yes
	assert_success
}

@test "tool failures, timeouts and output caps are isError results; heal gets an argv" {
	run client fake-tools
	assert_success
}

@test "heal: a dry run shows the diffs and changes nothing; apply with yes heals" {
	[ -x "$HEAL_BUILD/tools/heal" ] || skip "heal is not built yet"
	run client heal
	assert_success
}

@test "end of input mid-line and a closed reader" {
	run client eof
	assert_success
}

@test "fix: a command outside the allow-list is refused exactly as heal-fix refuses it on the command line" {
	run client fix-refused
	assert_success
}
