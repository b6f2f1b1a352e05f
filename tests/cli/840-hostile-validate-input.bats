#!/usr/bin/env bats
# HOSTILE.md 1, 2, 4, 7, 8, 10, 11, 12, 13, 14, 24 for heal-validate: fix
# records naming any path, forged commands, a re-run that hangs or leaves a
# daemon, any size, a closed reader.  Nothing outside the root touched,
# nothing lost.
bats_require_minimum_version 1.5.0
load helpers/hostile

# a fix record that says it was applied, with FILES (JSON) and COMMAND (JSON)
forged_fix() {
	printf '{"v":1,"kind":"fix","error_id":"00000000000000f1","fix_id":"c.1","status":"applied","session":"%s","files":%s,"error":{"v":1,"kind":"error","id":"00000000000000f1","tool":"gcc","message":"m","command":%s}}\n' "${3:-s1}" "$1" "$2"
}

# an applied fix of src/a.c by heal-fix in session s (fixed.ndjson)
real_fix() {
	printf 'int conut;\n' >src/a.c
	cp src/a.c old.c
	"$PY" "$HEAL_SRC/tests/cli/helpers/mkrec.py" --replace src/a.c conut count >rec
	heal-fix --session s <rec >fixed.ndjson
	cp src/a.c new.c
}

@test "1, 2, 4, 7, 8: fix records naming paths outside the root, through a symlink, with NUL, C0, C1 or bidi: nothing outside opened for writing or checked" {
	ln -s "$T" out
	printf 'x' >"$T/canary.c" 2>/dev/null || true
	rm -f "$T/canary.c"
	for f in '"../canary"' '"/etc/passwd"' '"out/canary"' '"src/a\u0000b.c"' '"src/\u001b[2J.c"' '"src/a\u009b.c"' '"src/\u202ecod.c"' '"-fplugin=x.c"' '""'; do
		printf '%s\n' "$(forged_fix "[$f]" '["gcc","-c","src/a.c"]')"
	done >in
	run --separate-stderr traced trace heal-validate --keep-going -- sh -c 'exit 1' <in
	sane_exit
	no_controls <(printf '%s\n' "$stderr")
	json_ok <(printf '%s\n' "$output")
	# no syntax checker ran on any of them
	"$PY" - "$output" <<'PY'
import json, sys
for r in map(json.loads, sys.argv[1].splitlines()):
    if r["kind"] != "validation":
        continue
    for c in r["checks"]:
        assert c["name"] != "syntax" or c["status"] == "skipped", c
PY
	no_open trace "$T/canary"
	no_open trace /etc/passwd
	canary_intact
}

@test "12, 13: forged commands in records never run: no shell, no path, no inline program, no metacharacter" {
	real_fix
	for c in '["sh","-c","touch pwned"]' '["bash","-xc","touch pwned"]' '["python3","-c","open(\"pwned\",\"w\")"]' \
		'["touch","pwned"]' '["/bin/touch","pwned"]' '["./gcc"]' '["rm","-rf","src"]' \
		'["make","--eval=all:;touch pwned"]' '["make","CC=touch pwned"]' '["make","-f","/tmp/evil.mk"]' \
		'["gcc","-fplugin=../canary","src/a.c"]' '["gcc","src/a.c;touch pwned"]' '["make","$(shell touch pwned)"]' \
		'["make","-C","../.."]' '["gcc","-I../../etc","src/a.c"]'; do
		"$PY" -S -c 'import json,sys
r=json.loads(open("fixed.ndjson").readline()); r["error"]["command"]=json.loads(sys.argv[1]); print(json.dumps(r))' "$c" >in
		run --separate-stderr traced trace heal-validate in
		sane_exit
		assert_failure 1
		v=$(printf '%s\n' "$output" | grep '"kind":"validation"')
		[[ "$v" == *'"status":"skipped"'* ]] || { echo "$c: $v"; false; }
		[[ "$v" == *"give the command after --"* ]] || { echo "$c: $v"; false; }
		[ ! -e pwned ] && [ ! -e "$T/pwned" ]
		# nothing was executed but the syntax checker heal chose
		! grep -E 'execve\("[^"]*(touch|rm|make|sh|bash|python3)"' trace || { echo "$c ran"; false; }
		# the fix is kept, not rolled back: it was never proven wrong
		cmp -s src/a.c new.c
	done
	# an allowed command with plain words does run
	"$PY" -S -c 'import json
r=json.loads(open("fixed.ndjson").readline()); r["error"]["command"]=["sh","src/ok.sh"]; print(json.dumps(r))' >in
	printf 'touch ran\n' >src/ok.sh
	run --separate-stderr heal-validate --no-syntax-check in
	[ -e ran ]
	canary_intact
}

@test "14: a re-run that hangs and forks a daemon: timed out, the whole group killed, rolled back, no survivor" {
	real_fix
	mark=heal-hostile-$$-$RANDOM
	printf '#!/bin/sh\nsleep 1000 %s &\n(sleep 1000 %s &)\nsleep 1000\n' "$mark" "$mark" >hang.sh
	chmod +x hang.sh
	run --separate-stderr heal-validate --timeout 1 -- ./hang.sh <fixed.ndjson
	sane_exit
	assert_failure 1
	[[ "$output" == *'"reason":"the re-run timed out"'* ]]
	cmp -s src/a.c old.c
	sleep 0.5
	! pgrep -f "$mark" || { pkill -9 -f "$mark"; echo "survivors"; false; }
	canary_intact
}

@test "14: a re-run that exits at once but leaves a daemon behind: the daemon is killed" {
	real_fix
	mark=heal-hostile-$$-$RANDOM
	printf '#!/bin/sh\n(sleep 1000 %s &)\nexit 0\n' "$mark" >d.sh
	chmod +x d.sh
	run --separate-stderr heal-validate -- ./d.sh <fixed.ndjson
	sane_exit
	sleep 0.5
	! pgrep -f "$mark" || { pkill -9 -f "$mark"; echo "survivors"; false; }
}

@test "22: a truncated backup at rollback: refused with a clear message, the file whole (new), nothing partial" {
	real_fix
	truncate -s 100 .heal/backups/s.tar.gz
	run --separate-stderr heal-validate --test false -- true <fixed.ndjson
	sane_exit
	assert_failure 4
	[[ "$stderr" == "heal-validate: rollback failed: "*"'s'"* ]]
	cmp -s src/a.c new.c
	[ -z "$(find . -name '.heal-tmp.*')" ]
	canary_intact
}

@test "23: a hostile backup (../, absolute and symlink entries) at rollback: nothing outside the root written" {
	real_fix
	"$PY" - "$T" <<'PY'
import hashlib, io, sys, tarfile
T = sys.argv[1]
sha = hashlib.sha256(b'evil').hexdigest()
man = 'heal-backup 1\nsession s\nfile %s 0644 4 ../canary\nfile %s 0644 4 %s/x\nfile %s 0644 4 link/x\n' % (sha, sha, T, sha)
t = tarfile.open('.heal/backups/s.tar.gz', 'w:gz')
def add(name, data=b'', kind=tarfile.REGTYPE, link=''):
    ti = tarfile.TarInfo(name); ti.type = kind; ti.linkname = link
    ti.size = len(data) if kind == tarfile.REGTYPE else 0
    t.addfile(ti, io.BytesIO(data) if kind == tarfile.REGTYPE else None)
add('MANIFEST', man.encode())
add('files/../canary', b'evil'); add('files/' + T + '/x', b'evil')
add('files/link', kind=tarfile.SYMTYPE, link=T); add('files/link/x', b'evil')
t.close()
PY
	run --separate-stderr heal-validate --test false -- true <fixed.ndjson
	sane_exit
	assert_failure 4
	[[ "$stderr" == "heal-validate: rollback failed: "* ]]
	cmp -s src/a.c new.c
	canary_intact
}

@test "forged session names (../, absolute) at rollback: refused, nothing outside read or written" {
	real_fix
	for s in '../../../canary' '/etc/passwd' 'a/../../b' ''; do
		forged_fix '["src/a.c"]' '["gcc","-c","src/a.c"]' "$s" >in
		run --separate-stderr heal-validate --test false -- true <in
		sane_exit
		assert_failure 4
		no_controls <(printf '%s\n' "$stderr")
		cmp -s src/a.c new.c
	done
	canary_intact
}

@test "10, 11: records nested 10^5 deep and a huge record: rejected at the caps with flat memory; --keep-going validates the rest" {
	real_fix
	{ "$PY" -c "print('['*10**5+']'*10**5)"; cat fixed.ndjson; } >deep
	run --separate-stderr heal-validate -- true <deep
	assert_failure 3
	[[ "$stderr" == *"<stdin>:1: "*"nesting deeper than 64 levels"* ]]
	cmp -s src/a.c new.c
	run --separate-stderr heal-validate --keep-going -- true <deep
	assert_failure 3
	[[ "$output" == *'"status":"passed"'* ]]
	run --separate-stderr bash -c '{ printf "{\"v\":1,\"kind\":\"fix\",\"error_id\":\""; head -c ${HEAL_HOSTILE_BIG:-100M} /dev/zero | tr "\0" a; printf "\"}\n"; cat fixed.ndjson; } |
		/usr/bin/time -f "%M" -o mem heal-validate --keep-going -- true'
	sane_exit
	assert_failure 3
	[[ "$stderr" == *"<stdin>:1: record line longer than"* ]]
	[[ "$output" == *'"status":"passed"'* ]]
	[ "$(tail -n 1 mem)" -lt 102400 ]
	canary_intact
}

@test "24: the reader closes the pipe: a quiet end, no error spew" {
	"$PY" -c 'import sys
sys.stdout.writelines("{\"v\":1,\"kind\":\"event\",\"event\":\"e%d\"}\n" % i for i in range(1, 200001))' >many
	run --separate-stderr bash -c 'heal-validate many | head -1'
	assert_success
	assert_equal "$stderr" ""
	[[ "$output" == *'"event":"e1"'* ]]
}

@test "18: a read-only directory at rollback: refused with a clear error, the file whole, modes unchanged" {
	real_fix
	chmod 555 src
	run --separate-stderr as_user heal-validate --test false -- true <fixed.ndjson
	sane_exit
	assert_failure 4
	[[ "$stderr" == "heal-validate: rollback failed: "* ]]
	cmp -s src/a.c new.c
	[ "$(stat -c %a src)" = 555 ]
	chmod 755 src
}
