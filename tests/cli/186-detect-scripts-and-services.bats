#!/usr/bin/env bats
# heal-detect on the tools around scripts and services (#16): jq, SQL
# clients (mysql, psql: live on a server of its own, sqlite3), Groovy (Jenkins pipelines, Gradle build
# scripts), Composer's problems, C++ test frameworks (Catch2, doctest) and
# more linters and compilers (codespan-reporting's layout, kubeconform, cfn-lint,
# commitlint, credo, Crystal, Elm), configuration and deployment tools (puppet,
# salt, kustomize, compose, GitHub's workflow check) and builds (scons,
# emscripten, esbuild, bazel, LaTeX), hardware description languages, solc and
# the infrastructure tools' own errors: tests/data/detect/<tool>/ (helpers/golden.bash;
# a case's .docs cites the layout it was written from where the tool is not
# in the test machine's set, its .cmd runs the real tool where it is).

load 'helpers/golden'
load 'helpers/pg'

setup() {
	golden_setup
}

teardown() {
	pg_stop
	rm -rf "$T"
}

@test "jq: recorded" { golden_recorded jq; }
@test "jq: live" { golden_live jq; }
@test "sqlite3: recorded" { golden_recorded sqlite3; }
@test "sqlite3: live" { golden_live sqlite3; }
@test "mysql and psql, the MySQL, PostgreSQL and Redis servers (recorded from docs)" { golden_recorded sql; }
@test "psql: recorded" { golden_recorded psql; }

@test "psql: live, on a server of the test's own" {
	pg_start
	export PGHOST=$PGDIR PGUSER=heal PGDATABASE=postgres
	golden_live psql
}
@test "groovy: Jenkins and Gradle (recorded from docs)" { golden_recorded groovy; }
@test "composer: problems (recorded from docs)" { golden_recorded composer; }
@test "catch2: recorded" { golden_recorded catch2; }
@test "doctest: recorded" { golden_recorded doctest; }
@test "codespan-reporting's layout: selene (recorded from docs)" { golden_recorded codespan; }
@test "kubeconform and kubeval (recorded from docs)" { golden_recorded kubeconform; }
@test "crystal: both layouts, --error-trace's frames (recorded from docs)" { golden_recorded crystal; }
@test "cfn-lint (recorded from docs)" { golden_recorded cfn-lint; }
@test "commitlint (recorded from docs)" { golden_recorded commitlint; }
@test "credo (recorded from docs)" { golden_recorded credo; }
@test "elm (recorded from docs)" { golden_recorded elm; }
@test "puppet (recorded from docs)" { golden_recorded puppet; }
@test "salt (recorded from docs)" { golden_recorded salt; }
@test "scons (recorded from docs)" { golden_recorded scons; }
@test "GitHub Actions: an invalid workflow file (recorded from docs)" { golden_recorded github-workflow; }
@test "docker compose: a file its schema refuses (recorded from docs)" { golden_recorded compose; }
@test "emscripten (recorded from docs)" { golden_recorded emcc; }
@test "kustomize (recorded from docs)" { golden_recorded kustomize; }
@test "package managers: dnf, zypper, apk, pacman, dpkg, brew, snap, mock's prefix (recorded from docs)" { golden_recorded pkgmgr; }
@test "dpkg: live, on a database of the test's own" { golden_live pkgmgr; }
@test "Apple's build tools: xcodebuild, CocoaPods, Carthage (recorded from docs)" { golden_recorded xcode; }
@test "spring boot: a failure analysis (recorded from docs)" { golden_recorded spring-boot; }
@test "openapi-generator: a refused specification (recorded from docs)" { golden_recorded openapi-generator; }
@test "dependency audits: cargo audit, bundler-audit, npm audit (recorded from docs)" { golden_recorded audit; }
@test "workflow managers: nextflow, snakemake (recorded from docs)" { golden_recorded workflow; }
@test "prisma: schema validation (recorded from docs)" { golden_recorded prisma; }
@test "django: system checks (recorded from docs)" { golden_recorded django; }
@test "godot: GDScript's errors, 3.x and 4.x (recorded from docs)" { golden_recorded godot; }
@test "esbuild: recorded (and its older layouts, Vite's, Remix's, Angular's, from docs)" { golden_recorded esbuild; }
@test "esbuild: live" { golden_live esbuild; }
@test "bazel: actions, Starlark, loading and test failures (recorded from docs)" { golden_recorded bazel; }
@test "latex: TeX's errors and -file-line-error (recorded from docs)" { golden_recorded latex; }
@test "hdl: verilator, iverilog (recorded, and ghdl from docs)" { golden_recorded hdl; }
@test "hdl: verilator, iverilog live" { golden_live hdl; }
@test "solc (recorded from docs)" { golden_recorded solc; }
@test "infrastructure tools' own errors: the AWS CLI, a Go program's logrus and logfmt lines, chef-client (recorded from docs)" { golden_recorded infra; }
@test "metro: a module it cannot resolve (recorded from docs)" { golden_recorded metro; }

@test "prisma: rustc's 'error: x' over ' --> FILE:L:C' stays rustc's" {
	printf '%s\n' 'error[E0425]: cannot find value `x` in this scope' ' --> src/main.rs:2:5' '  |' '2 |     x' '  |     ^ not found in this scope' >"$T/x.log"
	(cd "$T" && heal-detect <x.log >rec.json) || true
	rec_check "$T/rec.json" 0 tool=rustc file=src/main.rs line=2 code=E0425
	printf '%s\n' 'error: could not compile `app` due to previous error' ' --> src/main.rs:2:5' >"$T/x.log"
	(cd "$T" && heal-detect <x.log >rec.json) || true
	run $PY -S -c 'import json,sys; assert all(json.loads(l)["tool"] != "prisma" for l in open(sys.argv[1]))' "$T/rec.json"
	[ "$status" -eq 0 ]
}

@test "emcc: a step's failure is the record only when nothing else is" {
	printf '%s\n' "emcc: error: '/emsdk/node/bin/node /emsdk/src/compiler.js /tmp/t.txt' failed (returned 1)" >"$T/x.log"
	(cd "$T" && heal-detect <x.log >rec.json) || true
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=emcc message~="failed (returned 1)"
}

@test "puppet: another tool's 'Error: ... at /path/file.js:3' is not puppet's" {
	printf '%s\n' 'Error: Cannot find module x at /app/index.js:3' >"$T/x.log"
	(cd "$T" && heal-detect <x.log >rec.json) || true
	run $PY -S -c 'import json,sys; assert all(json.loads(l)["tool"] != "puppet" for l in open(sys.argv[1]))' "$T/rec.json"
	[ "$status" -eq 0 ]
}

@test "jq: a filter's output and a clean run give no record" {
	printf '%s\n' '{' '  "error": "none",' '  "errors": 0' '}' 'parse error count: 0' >"$T/x.log"
	(cd "$T" && heal-detect <x.log >rec.json) || true
	[ "$(rec_count "$T/rec.json")" -eq 0 ]
}

@test "composer: the head alone is the record when no problem row follows" {
	printf '%s\n' 'Loading composer repositories with package information' \
		'Your requirements could not be resolved to an installable set of packages.' >"$T/x.log"
	(cd "$T" && heal-detect <x.log >rec.json) || true
	rec_check "$T/rec.json" 0 tool=composer message~="could not be resolved"
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
}

@test "sql: a query's output naming errors is no record" {
	printf '%s\n' ' id | message' '----+------------------------------' '  1 | ERROR: disk full (resolved)' \
		'(1 row)' 'ERROR_COUNT 12 total' >"$T/x.log"
	(cd "$T" && heal-detect <x.log >rec.json) || true
	[ "$(rec_count "$T/rec.json")" -eq 0 ]
}

@test "apt: any 'E: ' message apt's catalogs hold is apt's, live and pasted; lintian's 'E: ' tags are not" {
	command -v apt-cache >/dev/null || skip "no apt-cache"
	ls /usr/share/locale/*/LC_MESSAGES/libapt-pkg*.mo >/dev/null 2>&1 || skip "no apt message catalogs"
	{
		LC_ALL=C apt-cache show nosuch-heal-pkg
		LC_ALL=C apt-get install --simulate -y ./nonexistent-heal.deb
		LC_ALL=C apt-cache policy --frob-heal
	} >"$T/x.log" 2>&1 || true
	printf '%s\n' 'E: Unable to lock the administration directory (/var/lib/dpkg/), is another process using it?' \
		'E: mypkg: binary-without-manpage usr/bin/x' 'E: Widget frobbed twice here' >>"$T/x.log"
	(cd "$T" && heal-detect <x.log >rec.json) || true
	rec_check "$T/rec.json" 0 tool=apt "message=No packages found"
	rec_check "$T/rec.json" 1 tool=apt "message=Unsupported file ./nonexistent-heal.deb given on commandline"
	rec_check "$T/rec.json" 2 tool=apt message~="--frob-heal is not understood"
	rec_check "$T/rec.json" 3 tool=apt category=resource message~="Unable to lock the administration directory"
	run grep -c '"tool":"apt"' "$T/rec.json"
	[ "$output" = 4 ]
	# without the catalogs only apt's listed messages are taken
	mkdir "$T/nolocale"
	(cd "$T" && HEAL_LOCALEDIR="$T/nolocale" heal-detect <x.log >rec2.json) || true
	[ "$(rec_count "$T/rec2.json")" -eq 0 ]
}

@test "known: each matcher's own catalogs (gcc's and apt's from one locale directory)" {
	command -v msgfmt >/dev/null || skip "no msgfmt (gettext)"
	mkdir -p "$T/loc/xx/LC_MESSAGES"
	printf 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "widget %%s frobbed twice"\nmsgstr "x"\n' >"$T/gcc.po"
	printf 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Gadget %%s is held by %%s"\nmsgstr "y"\n' >"$T/apt.po"
	msgfmt -o "$T/loc/xx/LC_MESSAGES/gcc-99.mo" "$T/gcc.po"
	msgfmt -o "$T/loc/xx/LC_MESSAGES/apt.mo" "$T/apt.po"
	printf '%s\n' 'error: widget w1 frobbed twice' 'E: Gadget g1 is held by p' \
		'error: Gadget g1 is held by p' 'E: Widget w1 frobbed twice' >"$T/x.log"
	(cd "$T" && HEAL_LOCALEDIR="$T/loc" heal-detect <x.log >rec.json) || true
	rec_check "$T/rec.json" 0 tool=gcc "message=widget w1 frobbed twice"
	rec_check "$T/rec.json" 1 tool=apt "message=Gadget g1 is held by p"
	run grep -c '"tool":"gcc"\|"tool":"apt"' "$T/rec.json"
	[ "$output" = 2 ]
}

@test "a quoted line ('> ') is matched without its quote mark: the message does not begin with it" {
	printf '%s\n' ">   Can't locate File/Copy.pm in @INC (@INC contains: /etc/perl .) at /usr/bin/defoma-app line 7." \
		'>   BEGIN failed--compilation aborted at /usr/bin/defoma-app line 7.' >"$T/x.log"
	(cd "$T" && heal-detect <x.log >rec.json) || true
	rec_check "$T/rec.json" 0 tool=perl file=/usr/bin/defoma-app line=7 message~="Can't locate File/Copy.pm in @INC"
	run grep -c '"message":">' "$T/rec.json"
	[ "$output" = 0 ]
}

@test "shadow: useradd's, usermod's and groupadd's failures by shadow's catalogs, live; a script's own 'passwd: ' line is not one" {
	command -v useradd >/dev/null && command -v usermod >/dev/null && command -v groupadd >/dev/null ||
		skip "no useradd, usermod, groupadd (passwd)"
	ls /usr/share/locale/*/LC_MESSAGES/shadow.mo >/dev/null 2>&1 || skip "no shadow message catalogs"
	# each fails and changes nothing: root exists; as another user, permission is denied
	{
		LC_ALL=C useradd root
		LC_ALL=C usermod -s /bin/sh nosuch-heal-user
		LC_ALL=C groupadd root
		echo 'passwd: updated 3 entries'
	} >"$T/x.log" 2>&1 || true
	(cd "$T" && heal-detect <x.log >rec.json) || true
	rec_check "$T/rec.json" 0 tool=useradd
	run grep -c '"tool":"useradd"\|"tool":"usermod"\|"tool":"groupadd"' "$T/rec.json"
	[ "$output" -ge 3 ]
	run grep -c '"tool":"passwd"' "$T/rec.json"
	[ "$output" = 0 ]
}

@test "known: a msgid's line end and its program name ('%s: ') are not the template's" {
	command -v msgfmt >/dev/null || skip "no msgfmt (gettext)"
	mkdir -p "$T/loc/xx/LC_MESSAGES"
	printf 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "%%s: widget '"'"'%%s'"'"' is frobbed\\n"\nmsgstr "x\\n"\n' >"$T/shadow.po"
	msgfmt -o "$T/loc/xx/LC_MESSAGES/shadow.mo" "$T/shadow.po"
	printf '%s\n' "useradd: widget 'w1' is frobbed" 'useradd: widget w1 frobbed' "usermod: widget 'w2' is frobbed" >"$T/x.log"
	(cd "$T" && HEAL_LOCALEDIR="$T/loc" heal-detect <x.log >rec.json) || true
	rec_check "$T/rec.json" 0 tool=useradd "message=widget 'w1' is frobbed"
	rec_check "$T/rec.json" 1 tool=usermod "message=widget 'w2' is frobbed"
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
}
