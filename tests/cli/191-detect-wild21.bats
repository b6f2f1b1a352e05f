#!/usr/bin/env bats
# heal-detect on layouts the twenty-first gathering of pasted logs showed
# missing (#16), each written by us in the layout the tool prints:
# Ansible's YAML callback result glued to its task's banner (a terminal's
# copy joins a line that fills its width to the next) with blank lines in
# its message block; a path a terminal's width wrapped before its place.

load 'helpers/golden'

setup() {
	golden_setup
}

teardown() {
	rm -rf "$T"
}

detect() {
	(cd "$T" && heal-detect <in.log >rec.json) || true
}

@test "ansible yaml callback: a result glued to its banner, blank lines in its message, the place under them" {
	printf '%s\n' 'TASK [web : copy the site] ********************************fatal: [web1]: FAILED! => ' \
		'  msg: |-' \
		"    The task includes an option with an undefined variable. The error was: 'site_root' is undefined" \
		'  ' \
		"    The error appears to be in '/srv/play/roles/web/tasks/main.yml': line 12, column 3, but may" \
		'    be elsewhere in the file depending on the exact syntax problem.' \
		'  ' \
		'    The offending line appears to be:' \
		'' \
		'PLAY RECAP *********************************************************************' \
		'web1                       : ok=2    changed=0    unreachable=0    failed=1' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=ansible file=/srv/play/roles/web/tasks/main.yml line=12 column=3 \
		category=name "message=The task includes an option with an undefined variable. The error was: 'site_root' is undefined"
	# a banner alone, then the result on its own line, as before
	printf '%s\n' 'TASK [web : copy the site] ****' 'fatal: [web1]: FAILED! => changed=false' \
		"  msg: 'Could not find or access ''files/site.conf'''" '' 'PLAY RECAP ****' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=ansible category=dependency
}
