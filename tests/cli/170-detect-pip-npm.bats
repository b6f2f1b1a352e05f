#!/usr/bin/env bats
# heal-detect on real pip and npm install failures (produced offline).

load 'helpers/detect'
load 'helpers/golden'

setup() {
	T=$(mktemp -d)
}

teardown() {
	rm -rf "$T"
}

@test "uv: recorded (from its documentation)" { golden_recorded uv; }

@test "pip: no matching distribution (offline, --no-index) is one record" {
	$PY -m pip --version >/dev/null 2>&1 || skip "no pip"
	detect_in "$T" $PY -m pip install --no-index --break-system-packages nosuchpkg-heal
	grep -q 'No matching distribution' "$T/out.txt" || skip "pip printed something else"
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=pip env=python category=dependency file=null \
		"message=Could not find a version that satisfies the requirement nosuchpkg-heal (from versions: none)" \
		"raw~=No matching distribution found for nosuchpkg-heal" \
		"detail=No matching distribution found for nosuchpkg-heal"
}

@test "pip: externally-managed-environment" {
	run heal-detect "$HEAL_SRC/tests/cases/detect/pip-externally-managed.txt"
	assert_failure 1
	echo "$output" >"$T/rec.json"
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=pip "message=externally-managed-environment" \
		"raw~=This environment is externally managed"
}

@test "pip: a build's failure says what failed ('× ... did not run successfully') in its detail; the '×' line pasted alone is a record" {
	$PY -m pip --version >/dev/null 2>&1 || skip "no pip"
	mkdir -p "$T/pkg"
	printf 'raise SystemExit("broken setup")\n' >"$T/pkg/setup.py"
	detect_in "$T" $PY -m pip install --no-index --no-build-isolation --break-system-packages ./pkg
	grep -q 'did not run successfully' "$T/out.txt" || skip "pip printed something else"
	rec_check "$T/rec.json" 0 tool=pip category=dependency "message=subprocess-exited-with-error" \
		"detail~=did not run successfully"
	sed -n '/did not run successfully/,$p' "$T/out.txt" | sed 's/^ *//' | sed -n '1,/^note:/p' >"$T/x.log"
	(cd "$T" && heal-detect <x.log >rec2.json) || true
	[ "$(rec_count "$T/rec2.json")" -eq 1 ]
	rec_check "$T/rec2.json" 0 tool=pip "message~=did not run successfully"
}

@test "npm: missing script (real npm, offline)" {
	command -v npm >/dev/null || skip "no npm"
	printf '{"name":"x","version":"1.0.0"}\n' >"$T/package.json"
	detect_in "$T" npm run build
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=npm env=node category=configuration \
		'message=Missing script: "build"'
}

@test "npm: install failure with a code" {
	command -v npm >/dev/null || skip "no npm"
	printf '{"name":"x","version":"1.0.0"}\n' >"$T/package.json"
	detect_in "$T" timeout 60 npm install nosuchpkg-heal --offline --no-audit --no-fund
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=npm code=ENOTCACHED "message~=nosuchpkg-heal"
}

@test "npm: recorded E404 (npm 9 'npm ERR!' form)" {
	run heal-detect "$HEAL_SRC/tests/cases/detect/npm-e404.txt"
	assert_failure 1
	echo "$output" >"$T/rec.json"
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=npm code=E404 category=dependency \
		"message~=404 Not Found - GET https://registry.npmjs.org/nosuchpkg-heal"
}

@test "npm: a failed script's record says what ran, not npm's errno or path lines" {
	cd "$T"
	# npm 6's ELIFECYCLE and npm 10's 'npm error' layouts as users pasted
	# them in bug reports (npm 11 prints nothing of a failed script)
	printf '%s\n' 'npm ERR! code ELIFECYCLE' 'npm ERR! errno 1' \
		'npm ERR! app@1.0.0 build: `webpack --mode production`' 'npm ERR! Exit status 1' \
		'npm ERR! ' 'npm ERR! Failed at the app@1.0.0 build script.' >six.txt
	printf '%s\n' 'npm error code 1' 'npm error path /home/runner/work/app' \
		'npm error command failed' 'npm error command sh -c node build.js' >ten.txt
	heal-detect six.txt >six.json || [ $? -eq 1 ]
	heal-detect ten.txt >ten.json || [ $? -eq 1 ]
	[ "$(rec_count six.json)" -eq 1 ]
	rec_check six.json 0 tool=npm code=ELIFECYCLE category=runtime 'message=app@1.0.0 build: `webpack --mode production`'
	[ "$(rec_count ten.json)" -eq 1 ]
	rec_check ten.json 0 tool=npm code=1 category=runtime 'message=command failed'
}

@test "npm: the file an error is about is its 'path' line's, before the code (npm 6) or after it (npm 7 and later)" {
	cd "$T"
	printf '%s\n' 'npm ERR! path /root/repo/node_modules/gh-badges' 'npm ERR! code ENOENT' 'npm ERR! errno -2' \
		'npm ERR! syscall access' \
		"npm ERR! enoent ENOENT: no such file or directory, access '/root/repo/node_modules/gh-badges'" \
		'npm ERR! enoent This is related to npm not being able to find a file.' >six.txt
	printf '%s\n' 'npm error code ENOENT' 'npm error syscall open' 'npm error path /home/u/app/package.json' \
		'npm error errno -2' \
		"npm error enoent Could not read package.json: Error: ENOENT: no such file or directory, open '/home/u/app/package.json'" >ten.txt
	heal-detect six.txt >six.json || [ $? -eq 1 ]
	heal-detect ten.txt >ten.json || [ $? -eq 1 ]
	[ "$(rec_count six.json)" -eq 1 ]
	rec_check six.json 0 tool=npm code=ENOENT file=/root/repo/node_modules/gh-badges
	[ "$(rec_count ten.json)" -eq 1 ]
	rec_check ten.json 0 tool=npm code=ENOENT file=/home/u/app/package.json
}

@test "npm 2 and 3: the machine's lines that open the block are not the message; gyp's own error" {
	cd "$T"
	printf '%s\n' 'npm ERR! Linux 4.4.0-57-generic' \
		'npm ERR! argv "/usr/bin/node" "/usr/bin/npm" "run" "lint"' \
		'npm ERR! node v4.8.4' 'npm ERR! npm  v3.10.8' '' 'npm ERR! missing script: lint' \
		'npm ERR! ' 'npm ERR! If you need help, you may report this error at:' >three.txt
	heal-detect three.txt >three.json || [ $? -eq 1 ]
	[ "$(rec_count three.json)" -eq 1 ]
	rec_check three.json 0 tool=npm category=configuration 'message=missing script: lint'
	printf '%s\n' 'gyp info spawn args [ "-f", "make" ]' \
		"gyp: binding.gyp not found (cwd: /app) while trying to load binding.gyp" \
		'gyp ERR! configure error' >gyp.txt
	heal-detect gyp.txt >gyp.json || [ $? -eq 1 ]
	rec_check gyp.json 0 tool=gyp 'message=binding.gyp not found (cwd: /app) while trying to load binding.gyp'
}
