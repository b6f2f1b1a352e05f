#!/usr/bin/env bats
# HOSTILE.md 12, 13, 14: hostile values for commands, commands that hang.
bats_require_minimum_version 1.5.0
load helpers/fix

setup() {
	fix_setup
	mkdir bin
	for p in python3 npm; do
		cat >bin/$p <<'SH'
#!/bin/sh
printf '%s\n' "$@" >>spawned
case "$(cat fake.mode 2>/dev/null)" in
hang) sleep 1000 & echo $! >daemon.pid; sleep 1000 & echo $! >fg.pid; wait ;;
daemon) (trap '' HUP; sleep 1000) >/dev/null 2>&1 </dev/null & echo $! >daemon.pid ;;
esac
exit 0
SH
		chmod +x bin/$p
	done
	export PATH="$PROJ/bin:$PATH"
}
teardown() {
	for f in daemon.pid fg.pid; do [ -f "$PROJ/$f" ] && kill "$(cat "$PROJ/$f")" 2>/dev/null; done
	fix_teardown
}

@test "12: shell metacharacters in a captured name: refused, nothing spawned" {
	mkrec --cmd python3 -m pip install -- 'foo; rm -rf ~' --end >in
	mkrec --id 02 --cmd python3 -m pip install -- 'foo$(touch pwned)' --end >>in
	mkrec --id 03 --cmd python3 -m pip install -- 'foo`id`' --end >>in
	run --separate-stderr heal-fix <in
	assert_failure 1
	assert_equal "$(printf '%s\n' "$output" | grep -c '"status":"refused"')" 3
	[ ! -e spawned ]
	[ ! -e pwned ]
}

@test "13: option injection in a captured name: refused" {
	mkrec --cmd python3 -m pip install -- '--index-url=http://127.0.0.1:9/' --end >in
	mkrec --id 02 --cmd python3 -m pip install '--index-url=http://127.0.0.1:9/' -- x --end >>in
	mkrec --id 03 --cmd python3 -m pip install -- 'http://127.0.0.1:9/x.whl' --end >>in
	mkrec --id 04 --cmd npm install -- '@evil/pkg' --end >>in
	mkrec --id 05 --cmd npm install -- 'a/b' --end >>in
	run --separate-stderr heal-fix <in
	assert_failure 1
	assert_equal "$(printf '%s\n' "$output" | grep -c '"status":"refused"')" 5
	[ ! -e spawned ]
}

@test "13: a good value goes after --" {
	mkrec --cmd python3 -m pip install -- requests --end >in
	run --separate-stderr heal-fix <in
	assert_success
	assert_equal "$(cat spawned)" "$(printf -- '-m\npip\ninstall\n--\nrequests')"
}

@test "14: an allowed command that hangs with a forked child: timeout kills the whole group" {
	echo hang >fake.mode
	mkrec --cmd npm install -- left-pad --end >in
	run --separate-stderr timeout 60 heal-fix --timeout 0.5 <in
	assert_failure 1
	[[ "$(field "$output" 'r["reason"]')" == *"timed out"* ]]
	dead "$(cat daemon.pid)"
	dead "$(cat fg.pid)"
}

@test "14: a daemon left behind by a command that exits is killed" {
	echo daemon >fake.mode
	mkrec --cmd npm install -- left-pad --end >in
	run --separate-stderr timeout 60 heal-fix <in
	assert_success
	dead "$(cat daemon.pid)"
}
