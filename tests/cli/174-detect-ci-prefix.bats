#!/usr/bin/env bats
# heal-detect on real outputs wrapped in the line prefixes CI systems print
# (#16): tests/data/detect/prefix/ (its README says which real output each
# wraps). The records must be those of the unprefixed output, with the
# prefix kept in raw (heal_detect_prefix.c).

load 'helpers/golden'

setup() {
	golden_setup
}

teardown() {
	rm -rf "$T"
}

@test "prefix: azure-tsc-plain" { golden_case prefix azure-tsc-plain ""; }
@test "prefix: buildkit-ninja-cmake-build" { golden_case prefix buildkit-ninja-cmake-build ""; }
@test "prefix: cloudbuild-cmake-include" { golden_case prefix cloudbuild-cmake-include ""; }
@test "prefix: compose-javac-errors" { golden_case prefix compose-javac-errors ""; }
@test "prefix: dagger-go-build" { golden_case prefix dagger-go-build ""; }
@test "prefix: github-cargo-build" { golden_case prefix github-cargo-build ""; }
@test "prefix: github-flake8-default" { golden_case prefix github-flake8-default ""; }
@test "prefix: gitlab-go-build" { golden_case prefix gitlab-go-build ""; }
@test "prefix: gitlab-mypy-default" { golden_case prefix gitlab-mypy-default ""; }
@test "prefix: jenkins-maven-compile" { golden_case prefix jenkins-maven-compile ""; }
@test "prefix: pip-ninja-cmake-build" { golden_case prefix pip-ninja-cmake-build ""; }

@test "prefix: every case wraps a golden case and wants its records" {
	local f base bad=0
	for f in "$GOLDEN_DATA"/prefix/*.from; do
		base=$(cat "$f")
		[ -f "$GOLDEN_DATA/$base.want" ] || { echo "$f: no $base.want" >&2; bad=1; }
		[ "$(grep -c . "$GOLDEN_DATA/$base.want")" -le "$(grep -c . "${f%.from}.want")" ] ||
			{ echo "$f: fewer records than $base" >&2; bad=1; }
	done
	[ "$bad" -eq 0 ]
}

# wrap FILE PREFIX: every line of FILE behind PREFIX
wrap() {
	while IFS= read -r l; do printf '%s%s\n' "$2" "$l"; done <"$1"
}

@test "prefix: every style over one gcc output gives its records, prefix in raw" {
	mkdir -p "$T/p"
	printf 'int main(void)\n{\n\treturn missing;\n}\n' >"$T/p/m.c"
	printf "m.c: In function 'main':\nm.c:3:9: error: 'missing' undeclared (first use in this function)\n    3 |  return missing;\n      |         ^~~~~~~\nm.c:3:9: note: each undeclared identifier is reported only once for each function it appears in\n" >"$T/plain.log"
	(cd "$T/p" && heal-detect <"$T/plain.log" >"$T/want.json") || true
	[ "$(rec_count "$T/want.json")" -eq 1 ]
	local p n=0
	for p in '2024-05-01T10:00:00.1234567Z ' '2024-05-01T10:00:00.123456Z 01E ' \
		'2024-05-01 10:00:00+02:00 ' '[2024-05-01T10:00:00.123Z] ' '[10:00:00] ' \
		'#12 3.456 ' 'Step #2 - "build": ' 'Step #3: ' '[Pipeline] ' 'web_1  | ' \
		'api-server-1  | ' '[pod/web-5d4f/app] ' '[CI/build]   | ' \
		'2024-05-01T10:00:00Z #7 0.201 ' '[   28s] ' '[    1.234567] ' '21:29:20 ' '21:29:20  ' \
		'Jul  6 15:19:10 buildhost make[123]: ' 'Nov 25 09:01:02 ci-7 runner: ' \
		'[10:51:35]' '[10:51:35] ' '[10:51:35][make all] ' '##[error]' '##[warning] ' \
		'[23-Oct-2018 23:30:43 UTC] ' '[06-May-2021 21:17:27 America/Los_Angeles] ' \
		'[Wed Oct 11 14:32:52.123456 2000] ' '[01/May/2024:10:00:00 +0000] ' \
		'hello-2.12> ' 'python3.11-numpy-1.26.4> ' \
		'Sat Apr 29 15:48:23 2023 daemon.err nginx_init: ' 'Mon Jan  2 03:04:05 2023 user.notice build[77]: ' \
		'DEBUG util.py:585:  BUILDSTDERR:  ' 'DEBUG util.py:439:  ' \
		'netbox             | ' 'db  | ' '[Services] ' \
		'[ERROR] [org.gradle.BuildExceptionReporter] ' ' 396   │ 2024-05-01T10:00:00.1234567Z ' \
		'(pid=4411) ' '(main_task pid=28048) ' '(Trainer pid=51, ip=10.0.0.3) ' \
		':info:build ' ':debug:configure ' 'oct. 16 16:24:23 vm293 systemd[1]: ' \
		'Okt 16 16:24:23 host make[5]: ' 'févr.  3 09:01:02 ci runner: ' \
		'2025-07-07 09:17:07.082044175 +0000 UTC ' '2025-07-07 09:17:07 -0700 MST ' \
		'2025-07-07 09:17:07.5 +0530 ' '2025-07-07 09:17:07 UTC ' \
		'2025/07/07 09:17:07 ' '2025/07/07 09:17:07.123456 ' \
		'I, [2024-05-01T10:00:00.123456 #1234]  INFO -- : ' 'E, [2024-05-01T10:00:00.123456 #1234] ERROR -- rake: ' \
		'web:build: ' '@acme/ui:test:unit: ' 'packages/core build: ' '. build: ' '[@acme/core]: ' '@acme/core: '; do
		wrap "$T/plain.log" "$p" >"$T/x.log"
		(cd "$T/p" && heal-detect <"$T/x.log" >"$T/got.json") || true
		run $PY -c '
import json, sys
w = [json.loads(l) for l in open(sys.argv[1])]
g = [json.loads(l) for l in open(sys.argv[2])]
keys = ("id", "tool", "file", "line", "column", "message", "notes")
assert [[r.get(k) for k in keys] for r in w] == [[r.get(k) for k in keys] for r in g], (w, g)
assert all(sys.argv[3] in r["raw"] for r in g)
' "$T/want.json" "$T/got.json" "$p"
		[ "$status" -eq 0 ] || { echo "prefix '$p': $output" >&2; return 1; }
		n=$((n + 1))
	done
	[ "$n" -eq 62 ]
}

# echoed REGEXP: the messages of $T/x.log's lines that a one-step matcher
# with REGEXP (its group "message") takes, after their prefixes, in $output
echoed() {
	mkdir -p "$T/p"
	printf '{"heal": 1, "tool": "echo", "problemMatcher": [{"owner": "echo", "pattern": [{"regexp": %s}]}]}\n' \
		"$($PY -S -c 'import json, sys; print(json.dumps(sys.argv[1]))' "$1")" >"$T/p/pat.json"
	(cd "$T/p" && heal-detect --no-default-patterns --patterns pat.json <"$T/x.log" >"$T/got.json") || true
	run $PY -c '
import json, sys
print("\n".join(json.loads(l)["message"] for l in open(sys.argv[1])))' "$T/got.json"
}

@test "prefix: TAP's failed tests whose descriptions are a linter's findings (file, line, code); a test's own name stays" {
	printf '1..4\nnot ok 1\tsource/t.sh:3:1: note: The mentioned parser error was in this if expression. [SC1009]\nnot ok 2 - source/t.sh:3:4: error: Couldn'"'"'t parse this test expression. [SC1073]\nok 3 - source/u.sh\nnot ok 4        source/t.sh:3:8: error: Unexpected "z". Fix any mentioned problems and try again. [SC1072]\n' >"$T/x.log"
	(cd "$T" && heal-detect x.log >rec.json) || true
	[ "$(rec_count "$T/rec.json")" -eq 3 ]
	rec_check "$T/rec.json" 0 tool=shellcheck file=source/t.sh line=3 column=1 severity=note code=SC1009
	rec_check "$T/rec.json" 1 tool=shellcheck file=source/t.sh line=3 column=4 severity=error code=SC1073 \
		"message=Couldn't parse this test expression."
	rec_check "$T/rec.json" 2 file=source/t.sh line=3 column=8 code=SC1072
	# bats' own failed test keeps its "not ok": it is the record
	printf 'not ok 3 heal-detect: reads a file\n# (in test file tests/cli/100.bats, line 12)\n#   `[ "$status" -eq 0 ]'"'"' failed\n' >"$T/x.log"
	(cd "$T" && heal-detect x.log >rec.json) || true
	rec_check "$T/rec.json" 0 tool=bats file=tests/cli/100.bats line=12 "message=heal-detect: reads a file \`[ \"\$status\" -eq 0 ]' failed"
}

@test "prefix: Go's time layouts and Ruby's Logger: a zone's name only after its offset, one date separator" {
	printf '%s\n' '2025-07-07 09:17:07 ERROR a level is no zone' \
		'2025-07-07 09:17:07.5 +0000 Build failed after an offset' \
		'2025-07-07 09:17:07 +0000 UTC ERROR after a name' \
		'2025-07-07 09:17:07 UTC ERROR after UTC alone' \
		'2025/07-07 09:17:07 ERROR two separators are no date' \
		'E, [2024-05-01T10:00:00 #12] ERROR no program after the dashes' >"$T/x.log"
	echoed '^(?<message>(ERROR |Build |2025/07-07 |E, \[).*)$'
	[ "$output" = "$(printf '%s\n' 'ERROR a level is no zone' 'Build failed after an offset' \
		'ERROR after a name' 'ERROR after UTC alone' \
		'2025/07-07 09:17:07 ERROR two separators are no date' \
		'E, [2024-05-01T10:00:00 #12] ERROR no program after the dashes')" ]
}

@test "prefix: no prefix is taken from a tool's own text" {
	# maven's levels, a table, a compiler's source line, not quite Cloud
	# Build's tag, a C line, an unbracketed time
	printf '%s\n' '[ERROR] /p/App.java:[4,17] cannot find symbol' \
		'[INFO] BUILD FAILURE' 'col | value' '  5 | code' 'Step 3: not cloud build' \
		'#include <x.h>' '1:30:00 is one digit short' '12:30:00: glued to a colon' \
		'Jul 6 is not syslog' 'Jul  6 15:19:10 no host' '[build 5/7] RUN make' \
		'Sat Apr 29 15:48:23 2023 no facility: x' 'Sat Apr 29 15:48:23 daemon.err no year: x' \
		'[12:30 is no clock] x' '[tsl] ERROR in a.ts(2,19)' '[INFO] [main] no dotted logger' \
		'[INFO] [main] twice' '[ ] a checkbox' '[x] a checked box' '[x] and another' \
		'[1/10] Building x.o' '[2/10] Building y.o' '[ANSIBLE0011] All tasks should be named' \
		'Some other line between' '[ANSIBLE0011] a rule'"'"'s id again, after another line' \
		'(base) user@host:~$ (a prompt, no pid)' '(pid 12) no equals sign' '(x pid=12)glued' \
		'not ok 3 compiles src/x.c' 'not ok 4 - src/x.c: 2 findings' >"$T/x.log"
	echoed '^(?<message>[\[#cS1J (n].*)$'
	[ "$output" = "$(cat "$T/x.log")" ]
}

@test "prefix: a monorepo's task runner: turbo's tasks taking turns, pnpm -r, yarn's foreach, lerna; a tag on its own line" {
	mkdir -p "$T/p"
	cat >"$T/turbo.log" <<'EOF'
• Running build in 2 packages
api:build: cache miss, executing 8a7b6c5d4e3f2a1b
web:build: cache miss, executing 1a2b3c4d5e6f7a8b
api:build: > api@1.0.0 build /repo/apps/api
web:build: > web@0.1.0 build /repo/apps/web
api:build: src/index.ts(12,7): error TS2322: Type 'string' is not assignable to type 'number'.
web:build: ../src/addon.cc:10:5: error: 'napi_foo' was not declared in this scope
api:build: ERROR: command finished with error: command (/repo/apps/api) pnpm run build exited (2)
EOF
	(cd "$T/p" && heal-detect --format text <"$T/turbo.log" >"$T/got.txt") || true
	[ "$(cat "$T/got.txt")" = "src/index.ts:12:7: error: Type 'string' is not assignable to type 'number'. [TS2322] (tsc)
../src/addon.cc:10:5: error: 'napi_foo' was not declared in this scope (g++)" ]
	printf '%s\n' 'packages/core build$ tsc -p .' \
		"packages/core build: src/index.ts(10,3): error TS2304: Cannot find name 'foo'." \
		'packages/core build: Failed' >"$T/pnpm.log"
	(cd "$T/p" && heal-detect <"$T/pnpm.log" >"$T/got.json") || true
	rec_check "$T/got.json" 0 tool=tsc file=src/index.ts line=10 column=3 code=TS2304 \
		raw~="packages/core build: src/index.ts"
	# the first line a tag begins: taken off when nothing takes the line with it
	local p
	for p in 'web:build: ' '@acme/core:build: ' 'packages/core build: ' '[@acme/core]: ' '@acme/core: '; do
		printf '%s%s\n' "$p" "src/m.c:3:9: error: 'x' undeclared" >"$T/one.log"
		(cd "$T/p" && heal-detect <"$T/one.log" >"$T/got.json") || true
		rec_check "$T/got.json" 0 tool=gcc file=src/m.c line=3 column=9
	done
}

@test "prefix: no task runner's tag is taken from a tool's own text" {
	# each twice in a row: a file's line, a logger's name, a remote, a URL,
	# a C++ scope, a file and a function, a path and a level, a file and a
	# word, a drive, a number
	local l
	for l in 'main.go:12:3: undefined: x' 'ERROR:root: boom' 'git@github.com:org/repo.git: denied' \
		'https://example.org/a: not found' 'std::vector: x' 'app.py:main: x' \
		'src/foo warning: bad' 'src/a.c build: x' 'C:x: y' 'x:12: y'; do
		printf '%s\n%s again\n' "$l" "$l"
	done >"$T/x.log"
	echoed '^(?<message>.*)$'
	[ "$output" = "$(cat "$T/x.log")" ]
}
