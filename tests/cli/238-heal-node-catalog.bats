#!/usr/bin/env bats
# heal end to end on V8's own messages: each test is a small script of ours
# with one mistake a message of V8's catalog reports (node's syntax and
# run-time errors), healed with the suites' HEAL_SEARCH=0 (the rules
# alone) and read back: the script runs, and the line reads as its author
# meant it.
bats_require_minimum_version 1.5.0
load helpers/loop

setup() {
	loop_setup
	command -v node >/dev/null || skip "node is not installed"
}
teardown() { loop_teardown; }

# heals FILE: heal --yes --no-wait -- node FILE succeeds
heals() {
	run --separate-stderr heal --yes --no-wait -- node "$1" </dev/null
	echo "$stderr"
	assert_success
}

@test "a const given no value is a let; an object's property set with '=' takes ':'" {
	printf 'const name;\nname = "a";\nconsole.log(name);\n' >a.js
	heals a.js
	grep -qx 'let name;' a.js
	printf 'const p = {x = 1, y: 2, z = "a=b"};\nconsole.log(p.x, p.z);\n' >b.js
	heals b.js
	grep -qx 'const p = {x: 1, y: 2, z: "a=b"};' b.js
}

@test "await in a function that is not async makes the function async (a declaration, an arrow)" {
	printf 'function wait(ms) { return new Promise(r => setTimeout(r, ms)); }\nfunction main() {\n  await wait(1);\n  console.log("done");\n}\nmain();\n' >a.js
	heals a.js
	grep -qx 'async function main() {' a.js
	printf 'const wait = (ms) => new Promise(r => setTimeout(r, ms));\nconst run = () => {\n  await wait(1);\n};\nrun();\n' >b.js
	heals b.js
	grep -qx 'const run = async () => {' b.js
}

@test "a line that starts with ( or [ after one without ';' starts with ';' (automatic semicolon insertion)" {
	printf 'const a = 1\nconsole.log(a)\n(function () { console.log("b"); })();\n' >a.js
	heals a.js
	grep -qx ';(function () { console.log("b"); })();' a.js
	printf 'const a = [1, 2]\nconst b = a\n  [0, 1].forEach(i => console.log(i, b));\n' >b.js
	heals b.js
	grep -qx '  ;\[0, 1\].forEach(i => console.log(i, b));' b.js
}
