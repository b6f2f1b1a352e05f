#!/usr/bin/env bats
# heal-mcp with the official MCP TypeScript SDK client (npm:
# @modelcontextprotocol/sdk, a dev-only dependency of this test, installed
# into the build tree on first use).  Skipped when node or npm is missing
# or the package cannot be installed.
bats_require_minimum_version 1.5.0
load 'helpers/bats-libs'

setup() {
	command -v node >/dev/null || skip "node missing"
	command -v npm >/dev/null || skip "npm missing"
	node -e 'process.exit(+process.versions.node.split(".")[0] >= 18 ? 0 : 1)' ||
		skip "node older than 18"
	SDK="$HEAL_BUILD/npm-mcp-sdk"
	if [ ! -e "$SDK/node_modules/@modelcontextprotocol/sdk/package.json" ]; then
		mkdir -p "$SDK"
		nice npm install --prefix "$SDK" --no-audit --no-fund --silent \
			'@modelcontextprotocol/sdk@^1' >"$SDK/install.log" 2>&1 ||
			skip "cannot install @modelcontextprotocol/sdk from npm (see $SDK/install.log)"
	fi
	T=$(mktemp -d "${BATS_TMPDIR:-/tmp}/heal-sdk.XXXXXX")
	cp -r "$HEAL_SRC/examples/c-make/." "$T"
	cd "$T" || return 1
	LC_ALL=C make >build.out 2>&1 || true
}

teardown() {
	cd / && [ -n "${T:-}" ] && rm -rf "$T"
}

@test "the MCP TypeScript SDK client: negotiates, lists annotated tools, calls them, validates their output" {
	command -v make >/dev/null && command -v gcc >/dev/null || skip "make or gcc missing"
	run node "$HEAL_SRC/tests/cli/mcp-sdk-client.mjs" "$SDK"
	assert_success
	assert_output --partial ok
}
