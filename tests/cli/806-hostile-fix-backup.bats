#!/usr/bin/env bats
# HOSTILE.md 22, 23: truncated and hand-made hostile backup archives.
bats_require_minimum_version 1.5.0
load helpers/fix

setup() {
	fix_setup
	mkdir src
	printf 'int conut;\n' >src/a.c
	mkrec --replace src/a.c conut count >in
	heal-fix --session s <in >/dev/null
	OUT=$(mktemp -d /tmp/heal-out.XXXXXX)
}
teardown() { rm -rf "${OUT:-/nonexistent}"; fix_teardown; }

# mktar NAME.tar.gz MANIFEST-TEXT then member specs (python)
mktar() {
	"$PY" - "$@" <<'PY'
import io, sys, tarfile
out, manifest = sys.argv[1], sys.argv[2] + '\n'  # $(...) ate the last newline
t = tarfile.open(out, 'w:gz')
def add(name, data=b'', kind=tarfile.REGTYPE, link=''):
    ti = tarfile.TarInfo(name); ti.type = kind; ti.linkname = link; ti.size = len(data) if kind == tarfile.REGTYPE else 0
    t.addfile(ti, io.BytesIO(data) if kind == tarfile.REGTYPE else None)
add('MANIFEST', manifest.encode())
for spec in sys.argv[3:]:
    kind, name, rest = spec.split(':', 2)
    if kind == 'f': add(name, rest.encode())
    elif kind == 'l': add(name, kind=tarfile.SYMTYPE, link=rest)
    elif kind == 'h': add(name, kind=tarfile.LNKTYPE, link=rest)
t.close()
PY
}

shaof() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }

@test "22: a truncated backup: rollback refuses, writes nothing, reports" {
	truncate -s 100 .heal/backups/s.tar.gz
	run --separate-stderr heal-fix --rollback s
	assert_failure 1
	[[ "$stderr" == *"refusing backup set 's'"* ]]
	grep -q count src/a.c
	no_temps
}

@test "22: a backup cut inside a member: refused" {
	size=$(stat -c %s .heal/backups/s.tar.gz)
	truncate -s $((size - 20)) .heal/backups/s.tar.gz
	run --separate-stderr heal-fix --rollback s
	assert_failure 1
	grep -q count src/a.c
}

@test "23: a manifest naming ../ is refused" {
	mktar .heal/backups/s.tar.gz "$(printf 'heal-backup 1\nsession s\nfile %s 0644 4 ../../%s/x\n' "$(shaof evil)" "${OUT#/}")" "f:files/../../${OUT#/}/x:evil"
	run --separate-stderr heal-fix --rollback s
	assert_failure 1
	[[ "$stderr" == *"bad path"* ]]
	[ -z "$(ls -A "$OUT")" ]
}

@test "23: an absolute member name is refused" {
	mktar .heal/backups/s.tar.gz "$(printf 'heal-backup 1\nsession s\nfile %s 0644 4 src/a.c\n' "$(shaof evil)")" "f:$OUT/x:evil"
	run --separate-stderr heal-fix --rollback s
	assert_failure 1
	[ -z "$(ls -A "$OUT")" ]
	grep -q count src/a.c
}

@test "23: a member with ../ in its name is refused" {
	mktar .heal/backups/s.tar.gz "$(printf 'heal-backup 1\nsession s\nfile %s 0644 4 src/a.c\n' "$(shaof evil)")" "f:files/src/../../x:evil"
	run --separate-stderr heal-fix --rollback s
	assert_failure 1
	grep -q count src/a.c
}

@test "23: symlink and hard-link members are refused" {
	mktar .heal/backups/s.tar.gz "$(printf 'heal-backup 1\nsession s\nfile %s 0644 0 src/a.c\n' "$(shaof '')")" "l:files/src/a.c:$OUT/x"
	run --separate-stderr heal-fix --rollback s
	assert_failure 1
	[[ "$stderr" == *"not a regular file"* ]]
	mktar .heal/backups/s.tar.gz "$(printf 'heal-backup 1\nsession s\nfile %s 0644 0 src/a.c\n' "$(shaof '')")" "h:files/src/a.c:/etc/passwd"
	run --separate-stderr heal-fix --rollback s
	assert_failure 1
	[ -z "$(ls -A "$OUT")" ]
	grep -q count src/a.c
}

@test "23: a manifest path through a symlink out of the root writes nothing outside" {
	ln -s "$OUT" out
	mktar .heal/backups/s.tar.gz "$(printf 'heal-backup 1\nsession s\nfile %s 0644 4 out/x\n' "$(shaof evil)")" "f:files/out/x:evil"
	run --separate-stderr heal-fix --rollback s
	assert_failure 1
	[ -z "$(ls -A "$OUT")" ]
}

@test "23: a manifest naming a protected path is refused" {
	mktar .heal/backups/s.tar.gz "$(printf 'heal-backup 1\nsession s\nfile %s 0644 4 .git/config\n' "$(shaof evil)")" "f:files/.git/config:evil"
	run --separate-stderr heal-fix --rollback s
	assert_failure 1
	[ ! -e .git ]
}

@test "23: a member not in the manifest, or a digest mismatch, is refused before any write" {
	mktar .heal/backups/s.tar.gz "$(printf 'heal-backup 1\nsession s\nfile %s 0644 4 src/a.c\nfile %s 0644 4 src/b.c\n' "$(shaof good)" "$(shaof evil)")" "f:files/src/a.c:good" "f:files/src/b.c:EVIL"
	run --separate-stderr heal-fix --rollback s
	assert_failure 1
	grep -q count src/a.c
	[ ! -e src/b.c ]
}
