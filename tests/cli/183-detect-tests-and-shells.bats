#!/usr/bin/env bats
# heal-detect on test runners' failures and Windows shells' errors (#16):
# tests/data/detect/{jest,rspec,googletest,phpunit,windows}/ (each case's .docs
# cites the tool's own layout it was written from), and bats-core's own
# output (bats/, recorded: bats does not run inside a bats suite).

load 'helpers/golden'

setup() {
	golden_setup
}

teardown() {
	rm -rf "$T"
}

@test "jest: recorded" { golden_recorded jest; }
@test "rspec: recorded" { golden_recorded rspec; }
@test "googletest: recorded" { golden_recorded googletest; }
@test "clojure.test: recorded" { golden_recorded clojure; }
@test "phpunit: recorded" { golden_recorded phpunit; }
@test "bats-core, TAP and pretty: recorded" { golden_recorded bats; }
@test "windows: cmd.exe and PowerShell, recorded" { golden_recorded windows; }

@test "jest: a passing run and its console output give no record" {
	printf '%s\n' ' PASS  src/cart.test.js' '  ● Console' '' '    console.log' '      total 30' '' \
		'Test Suites: 1 passed, 1 total' >"$T/x.log"
	(cd "$T" && heal-detect <x.log >rec.json) || true
	[ "$(rec_count "$T/rec.json")" -eq 0 ]
}

@test "googletest: 'file(N): error:' of another compiler is not GoogleTest's" {
	printf '%s\n' 'src\main.c(3): error: identifier "x" is undefined' >"$T/x.log"
	(cd "$T" && heal-detect <x.log >rec.json) || true
	[ -z "$(grep '"tool":"googletest"' "$T/rec.json")" ]
}

@test "vitest: a failed test's error at its ❯ place" {
	# vitest's reporter (packages/vitest/src/node/reporters): FAIL, the
	# error, then "❯ file:line:column" over the code frame
	printf '%s\n' ' FAIL  src/cart.test.ts > Cart > totals' \
		'AssertionError: expected 25 to be 30 // Object.is equality' '' \
		' ❯ src/cart.test.ts:14:26' '     13|   cart.add({ price: 15 });' '     14|   expect(cart.total()).toBe(30);' \
		'       |                          ^' >"$T/x.log"
	(cd "$T" && heal-detect <x.log >rec.json) || true
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=vitest file=src/cart.test.ts line=14 column=26 \
		message="AssertionError: expected 25 to be 30 // Object.is equality"
	# toEqual's diff between the error and its place; the next FAIL is a
	# record of its own
	printf '%s\n' ' FAIL  src/user.test.ts > createUser > sets the role' \
		"AssertionError: expected { role: 'viewer' } to deeply equal { role: 'member' }" '' \
		'- Expected' '+ Received' '' '  Object {' "-   \"role\": \"member\"," "+   \"role\": \"viewer\"," '  }' '' \
		' ❯ src/user.test.ts:8:18' '      8|     expect(user).toEqual({ role: "member" })' \
		' FAIL  src/cart.test.ts > Cart > totals' \
		'AssertionError: expected 25 to be 30 // Object.is equality' '' \
		' ❯ src/cart.test.ts:14:26' >"$T/x.log"
	(cd "$T" && heal-detect <x.log >rec.json) || true
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=vitest file=src/user.test.ts line=8 column=18
	rec_check "$T/rec.json" 1 tool=vitest file=src/cart.test.ts line=14 column=26
	# a workspace's project before the path, pasted without the leading
	# blank
	printf '%s\n' 'FAIL  |api| src/cart.test.ts > Cart > totals' \
		'TypeError: cart.total is not a function' '' ' ❯ src/cart.test.ts:14:17' >"$T/x.log"
	(cd "$T" && heal-detect <x.log >rec.json) || true
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=vitest file=src/cart.test.ts line=14 column=17 \
		message="TypeError: cart.total is not a function"
}

@test "jest: a module jest-resolve cannot find, in its block and pasted alone" {
	# jest-resolve's ModuleNotFoundError ("Cannot find module '%s' from
	# '%s'") under "Test suite failed to run": one record
	printf '%s\n' ' FAIL  src/App.test.js' '  ● Test suite failed to run' '' \
		"    Cannot find module './cart' from 'src/App.test.js'" '' \
		'      at Resolver.resolveModule (node_modules/jest-resolve/build/resolver.js:324:11)' >"$T/x.log"
	(cd "$T" && heal-detect <x.log >rec.json) || true
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=jest "message=Cannot find module './cart' from 'src/App.test.js'"
	# the block's head lost from a paste: the message alone, at its file
	printf '%s\n' "    Cannot find module './cart' from 'src/App.test.js'" '' \
		'      at Resolver.resolveModule (node_modules/jest-resolve/build/resolver.js:324:11)' >"$T/x.log"
	(cd "$T" && heal-detect <x.log >rec.json) || true
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=jest file=src/App.test.js category=dependency
}

@test "next build: 'Failed to compile.', the place alone, then 'Type error:'" {
	# next.js's build output for a TypeScript error
	printf '%s\n' 'Failed to compile.' '' './src/tts.ts:279:46' \
		"Type error: Property 'prevMark' does not exist on type 'TTS'." '' \
		'  277 |     if (this.state) {' >"$T/x.log"
	(cd "$T" && heal-detect <x.log >rec.json) || true
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=tsc line=279 column=46 code="Type error" \
		message="Property 'prevMark' does not exist on type 'TTS'."
}
