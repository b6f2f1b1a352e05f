#!/usr/bin/env bats
# heal-fix: allow-listed commands, argument checks, environment, timeouts.
bats_require_minimum_version 1.5.0
load helpers/fix

setup() {
	fix_setup
	mkdir bin
	cat >bin/npm <<'SH'
#!/bin/sh
printf '%s\n' "$@" >npm.args
env >npm.env
pwd >npm.cwd
case "$(cat fake.mode 2>/dev/null)" in
fail) echo 'npm ERR! 404 Not Found' >&2; exit 1 ;;
hang) sleep 1000 & echo $! >daemon.pid; sleep 1000 ;;
esac
exit 0
SH
	chmod +x bin/npm
	cp bin/npm bin/mytool
	export PATH="$PROJ/bin:$PATH"
	printf 'int conut;\n' >a.c
}
teardown() {
	[ -f "$PROJ/daemon.pid" ] && kill "$(cat "$PROJ/daemon.pid")" 2>/dev/null
	fix_teardown
}

@test "an allowed command runs with its argv, in the project root" {
	mkrec --cmd npm install --save-dev -- left-pad --end >in
	cd /
	run --separate-stderr heal-fix --root "$PROJ" "$PROJ/in"
	assert_success
	assert_equal "$(field "$output" 'r["status"]')" applied
	assert_equal "$(cat "$PROJ/npm.args")" "$(printf 'install\n--save-dev\n--\nleft-pad')"
	assert_equal "$(cat "$PROJ/npm.cwd")" "$(cd "$PROJ" && pwd -P)"
}

@test "the child's environment is built from an allow-list" {
	mkrec --cmd npm install -- left-pad --end >in
	run --separate-stderr env LD_PRELOAD= LD_LIBRARY_PATH=/x PIP_INDEX_URL=http://evil/ \
		TF_CLI_ARGS=-x TF_CLI_ARGS_init=-y NPM_CONFIG_REGISTRY=http://evil/ \
		NODE_OPTIONS=--require=/x SECRET_TOKEN=s3cret heal-fix <in
	assert_success
	run grep -E '^(LD_|PIP_|TF_CLI|NPM_CONFIG|NODE_OPTIONS|SECRET)' npm.env
	assert_failure
	grep -q '^PATH=' npm.env
}

@test "a program not in the allow-list is refused and not run" {
	mkrec --cmd sh -c 'touch pwned' --end >in
	run --separate-stderr heal-fix <in
	assert_failure 1
	assert_equal "$(field "$output" 'r["status"]')" refused
	[[ "$(field "$output" 'r["reason"]')" == *"not in the command allow-list"* ]]
	[ ! -e pwned ]
}

@test "a program path is refused" {
	mkrec --cmd "$PROJ/bin/npm" install -- x --end >in
	run --separate-stderr heal-fix <in
	assert_failure 1
	[ ! -e npm.args ]
}

@test "a disallowed subcommand or option is refused" {
	mkrec --cmd npm publish --end >in
	run --separate-stderr heal-fix <in
	assert_failure 1
	mkrec --cmd npm install --registry=http://evil/ -- x --end >in
	run --separate-stderr heal-fix <in
	assert_failure 1
	[ ! -e npm.args ]
}

@test "a positional before -- is refused" {
	mkrec --cmd npm install left-pad --end >in
	run --separate-stderr heal-fix <in
	assert_failure 1
	[[ "$(field "$output" 'r["reason"]')" == *"before '--'"* ]]
	[ ! -e npm.args ]
}

@test "--allow-command adds a program" {
	mkrec --cmd mytool build -j2 -- target --end >in
	run --separate-stderr heal-fix <in
	assert_failure 1
	run --separate-stderr heal-fix --allow-command mytool <in
	assert_success
	assert_equal "$(cat npm.args)" "$(printf 'build\n-j2\n--\ntarget')"
	run heal-fix --allow-command /bin/sh </dev/null
	assert_failure 2
}

@test "a failing command: status failed, its stderr in the reason, edits put back" {
	mkrec --replace a.c conut count --cmd npm install -- left-pad --end >in
	echo fail >fake.mode
	run --separate-stderr heal-fix <in
	assert_failure 1
	assert_equal "$(field "$output" 'r["status"]')" failed
	[[ "$(field "$output" 'r["reason"]')" == *"exited with status 1"*"404 Not Found"* ]]
	grep -q conut a.c
}

@test "--dry-run shows the command and does not run it" {
	mkrec --cmd npm install -- left-pad --end >in
	run --separate-stderr heal-fix --dry-run <in
	assert_success
	assert_equal "$(field "$output" 'r["diff"]')" '$ npm install -- left-pad'
	[ ! -e npm.args ]
}

@test "a command over --timeout is killed, status failed" {
	mkrec --cmd npm install -- left-pad --end >in
	echo hang >fake.mode
	run --separate-stderr timeout 60 heal-fix --timeout 0.5 <in
	assert_failure 1
	assert_equal "$(field "$output" 'r["status"]')" failed
	[[ "$(field "$output" 'r["reason"]')" == *"timed out"* ]]
	dead "$(cat daemon.pid)"
}
