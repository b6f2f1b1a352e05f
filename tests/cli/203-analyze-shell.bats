#!/usr/bin/env bats
# heal-analyze on real bash, shellcheck and make output.

load analyze-helpers

@test "bash: Permission denied on a script becomes a chmod" {
	printf '#!/bin/sh\necho helper\n' >helper.sh
	chmod 644 helper.sh
	printf '#!/bin/bash\nset -e\n./helper.sh\n' >run.sh
	diagnose bash "Permission denied" bash run.sh
	assert_equal "$(fix_get 'r["fixes"][0]["chmod"][0]["mode"]')" 0755
	apply_fix
	run bash run.sh
	assert_success
}

@test "bash: CRLF line ends are stripped" {
	printf '#!/bin/bash\r\n\r\necho one\r\necho two\r\n' >s.sh
	rec=$(bash s.sh 2>&1 | heal-mkrecord bash '\r')
	out=$(printf '%s\n' "$rec" | heal-analyze)
	apply_fix
	run bash s.sh
	assert_success
	assert_output "$(printf 'one\ntwo')"
}

@test "bash: command not found names the Debian package, with no fix" {
	printf '#!/bin/bash\njq . x.json\n' >s.sh
	diagnose bash 'not found' env PATH=/nonexistent /bin/bash s.sh
	assert_equal "$(fix_get 'r["fixes"]')" "[]"
	run fix_get 'r["analysis"]["root_cause"]'
	assert_output --partial "package 'jq'"
}

@test "bash: a prompt copied with the command ('\$ ') goes; a \${ expansion left open is closed" {
	printf '#!/bin/bash\nset -e\n$ echo hi\n' >p.sh
	diagnose bash 'command not found' bash p.sh
	apply_fix
	run bash p.sh
	assert_success
	assert_output hi
	printf '#!/bin/bash\narr=(1 2 3)\necho ${arr[1]\n' >b.sh
	diagnose bash 'matching' bash b.sh
	apply_fix
	run bash b.sh
	assert_success
	assert_output 2
}

@test "bash: spaces around = in an assignment" {
	printf '#!/bin/bash\nset -e\ncount = 3\necho "$count"\n' >s.sh
	diagnose bash 'command not found' bash s.sh
	apply_fix
	run bash s.sh
	assert_output 3
}

@test "bash: set -u unbound variable with a close name" {
	printf '#!/bin/bash\nset -u\nOUTPUT_DIR=out\necho "$OUTPTU_DIR"\n' >s.sh
	diagnose bash unbound bash s.sh
	apply_fix
	run bash s.sh
	assert_success
	assert_output out
}

@test "bash: missing then, missing done, missing fi" {
	printf '#!/bin/bash\nif [ -n "$HOME" ]\n    echo yes\nelse\n    echo no\nfi\n' >s.sh
	diagnose bash syntax bash s.sh
	apply_fix
	run bash s.sh
	assert_success
	printf '#!/bin/bash\nfor f in a b\n    echo "$f"\ndone\n' >s.sh
	diagnose bash syntax bash s.sh
	apply_fix
	run bash s.sh
	assert_success
	printf '#!/bin/bash\nfor f in a b; do\n    if [ "$f" = a ]; then\n        echo "$f"\n    fi\n\necho end\n' >s.sh
	diagnose bash "end of file" bash s.sh
	apply_fix
	run bash s.sh
	assert_output "$(printf 'a\nend')"
}

@test "bash: unquoted test operand, cd typo" {
	printf '#!/bin/bash\nmode="full backup"\nif [ $mode = "full backup" ]; then exit 0; fi\nexit 1\n' >s.sh
	diagnose bash "too many" bash s.sh
	apply_fix
	run bash s.sh
	assert_success
	mkdir build
	printf '#!/bin/bash\nset -e\ncd buidl\npwd\n' >s.sh
	diagnose bash "No such file" bash s.sh
	apply_fix
	run bash s.sh
	assert_success
}

@test "shellcheck: SC2086 quoting at the column (tab and UTF-8 before it), SC2148 shebang, missing fi" {
	printf '#!/bin/sh\n\techo "\xc3\xa9" $1\n' >q.sh
	diagnose shellcheck SC2086 shellcheck -f gcc q.sh
	run first_edit
	assert_output 'q.sh 21 21 "\""'
	apply_fix
	run shellcheck q.sh
	assert_success
	printf '# no shebang\necho hi\n' >n.sh
	diagnose shellcheck SC2148 shellcheck -f gcc n.sh
	apply_fix
	run shellcheck n.sh
	assert_success
	printf '#!/bin/sh\nif true; then\n    echo a\nelse\n    echo b\n\necho c\n' >f.sh
	diagnose shellcheck SC1046 shellcheck -f gcc f.sh
	apply_fix
	run shellcheck f.sh
	assert_success
}

@test "shellcheck: SC2048 '\$*' and '\${a[*]}' become '\"\$@\"' and '\"\${a[@]}\"' (quoted as '\"\$*\"' it is one word, SC2066)" {
	printf '#!/bin/bash\nfor f in $*; do echo "$f"; done\n' >s.sh
	diagnose shellcheck SC2048 shellcheck -f gcc -i SC2048 s.sh
	apply_fix
	assert_equal "$(sed -n 2p s.sh)" 'for f in "$@"; do echo "$f"; done'
	printf '#!/bin/bash\narr=(a b)\nls ${arr[*]}\n' >t.sh
	diagnose shellcheck SC2048 shellcheck -f gcc -i SC2048 t.sh
	apply_fix
	assert_equal "$(sed -n 3p t.sh)" 'ls "${arr[@]}"'
	run shellcheck --norc s.sh t.sh
	assert_success
}

@test "shellcheck: SC2164 '|| exit' after a cd, pushd or popd wherever its command ends (after ';', inside if, before a comment)" {
	printf '#!/bin/bash\ncd "$1"; ls\nif true; then pushd /tmp; fi\npopd # back\n' >s.sh
	run heal --yes --no-wait -- shellcheck --norc -i SC2164 s.sh
	assert_success
	assert_equal "$(sed -n 2p s.sh)" 'cd "$1" || exit; ls'
	assert_equal "$(sed -n 3p s.sh)" 'if true; then pushd /tmp || exit; fi'
	assert_equal "$(sed -n 4p s.sh)" 'popd || exit # back'
}

@test "shellcheck: SC3xxx (a bash feature in a POSIX sh script) makes it a bash script, its #! flags kept; medium risk" {
	printf '#!/bin/sh -e\nif [[ -n "$1" ]]; then wait -n; fi\n' >s.sh
	diagnose shellcheck SC3010 shellcheck -f gcc -i SC3010 s.sh
	assert_equal "$(fix_get 'r["fixes"][0]["risk"]')" medium
	apply_fix
	assert_equal "$(head -n 1 s.sh)" '#!/bin/bash -e'
	run shellcheck --norc s.sh
	assert_success
}

@test "make: spaces instead of a tab, a missing output directory, -lm" {
	printf 'all:\n        @echo built\n' >Makefile
	diagnose make separator make
	run first_edit
	assert_output 'Makefile 5 13 "\t"'
	apply_fix
	run make
	assert_success
	printf 'all: build/app\nbuild/app: m.c\n\tgcc -o build/app m.c\n' >Makefile
	printf 'int main(void) { return 0; }\n' >m.c
	run make
	rec=$(printf '%s\n' "$output" | heal-mkrecord ld 'cannot open output file')
	out=$(printf '%s\n' "$rec" | heal-analyze)
	assert_equal "$(fix_get 'r["fixes"][0]["mkdir"]')" '["build"]'
	apply_fix
	run make
	assert_success
	printf 'CC = gcc\n\napp: m.c\n\t$(CC) -o $@ $< $(LDLIBS)\n' >Makefile
	printf '#include <math.h>\nint main(int c, char **v) { (void)v; return (int)sqrt((double)c) - 1; }\n' >m.c
	diagnose ld 'undefined reference' make
	apply_fix
	run make
	assert_success
	./app
}
