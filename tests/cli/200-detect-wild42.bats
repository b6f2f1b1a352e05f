#!/usr/bin/env bats
# heal-detect on layouts the dev halves of the forty-second gathering
# (C builds, Python, shell scripts and CI steps, cloud deployments)
# showed missing (#16), each written by us in the layout the tool prints.

load 'helpers/detect-log'

# the records of rec.json as "tool|file|line|message" lines
rows() {
	rec_rows tool file line message
}

@test "IPython: a cell's frame gives the line; IPython 7's frames, as Colab pastes them with links and collapsed frames, give the file" {
	printf '%s\n' 'NameError                                 Traceback (most recent call last)' \
		'Cell In[4], line 3' '      1 import math' '      2 r = 2' '----> 3 print(are)' '' \
		"NameError: name 'are' is not defined" >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${#lines[@]}" -eq 1 ]
	[ "${lines[0]}" = "python|None|3|name 'are' is not defined" ]
	printf '%s\n' '---------------------------------------------------------------------------' '' \
		'ImportError                               Traceback (most recent call last)' '' \
		'[<ipython-input-3-0a1b2c3d4e5f>](https://localhost:8080/#) in <cell line: 0>()' \
		'----> 1 import pandas_profiling' '' '3 frames' '' \
		'<frozen importlib._bootstrap> in _load_unlocked(spec)' '' \
		'/usr/local/lib/python3.10/dist-packages/pandas_profiling/__init__.py in <module>' \
		'      5 from pandas_profiling.controller import pandas_decorator' '' \
		"ImportError: cannot import name 'x' from 'y'" >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${#lines[@]}" -eq 1 ]
	[ "${lines[0]}" = "python|/usr/local/lib/python3.10/dist-packages/pandas_profiling/__init__.py|None|cannot import name 'x' from 'y'" ]
}

@test "usage errors of Click and argparse programs: the program is the tool; no file from its name" {
	printf '%s\n' 'Usage: celery worker [OPTIONS]' "Try 'celery worker --help' for help." '' \
		"Error: No such option: --concurency (Possible options: --concurrency)" >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${lines[0]}" = "celery|None|None|No such option: --concurency (Possible options: --concurrency)" ]
	printf '%s\n' 'usage: train.py [-h] --data DATA [--epochs N]' '                [--lr LR]' \
		"train.py: error: argument --epochs: invalid int value: 'ten'" >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${#lines[@]}" -eq 1 ]
	[ "${lines[0]}" = "train.py|None|None|argument --epochs: invalid int value: 'ten'" ]
}

@test "uvicorn's padded level names are its log; PostgreSQL's two blanks stay psql's; the traceback's head line is none" {
	printf '%s\n' 'INFO:     Will watch for changes in these directories: ['"'"'/app'"'"']' \
		'ERROR:    Error loading ASGI app. Attribute "app" not found in module "main".' \
		'ERROR:  relation "users" does not exist' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${#lines[@]}" -eq 2 ]
	[ "${lines[0]}" = 'uvicorn|None|None|Error loading ASGI app. Attribute "app" not found in module "main".' ]
	[ "${lines[1]}" = 'psql|None|None|relation "users" does not exist' ]
	printf '%s\n' 'ERROR:    Exception in ASGI application' 'Traceback (most recent call last):' \
		'  File "/app/main.py", line 9, in root' '    return 1 / 0' 'ZeroDivisionError: division by zero' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${#lines[@]}" -eq 1 ]
	[ "${lines[0]}" = 'python|/app/main.py|9|division by zero' ]
}

@test "pytest's fixture error without its file line (pytest 2's indented layout, a cut paste); black's count alone; isort's rewrite" {
	printf '%s\n' '        def test_get(client, db_session):' "E       fixture 'db_session' not found" \
		'>       available fixtures: cache, capfd, client, monkeypatch' \
		">       use 'pytest --fixtures [testpath]' for help on them." >"$T/in.log"
	detect
	run rec_rows tool code message detail
	echo "$output"
	[ "${lines[0]}" = "pytest|fixture-not-found|fixture 'db_session' not found|available fixtures: cache, capfd, client, monkeypatch" ]
	printf '%s\n' 'Oh no! 💥 💔 💥' '3 files would be reformatted, 12 files would be left unchanged.' >"$T/in.log"
	detect
	run rows
	[ "${lines[0]}" = "black|None|None|3 files would be reformatted, 12 files would be left unchanged." ]
	printf '%s\n' 'would reformat src/app.py' 'Oh no! 💥 💔 💥' '1 file would be reformatted.' >"$T/in.log"
	detect
	run rows
	[ "${#lines[@]}" -eq 1 ]
	[ "${lines[0]}" = "black|src/app.py|None|would reformat" ]
	printf '%s\n' 'Skipped 2 files' 'Fixing /src/app/cli.py' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${#lines[@]}" -eq 1 ]
	[ "${lines[0]}" = "isort|/src/app/cli.py|None|Fixing" ]
	# under pre-commit's hook, the hook's record holds it
	printf '%s\n' 'isort....................................................................Failed' \
		'- hook id: isort' '- files were modified by this hook' '' 'Fixing /src/app/cli.py' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${#lines[@]}" -eq 1 ]
	[ "${lines[0]}" = "pre-commit|/src/app/cli.py|None|Fixing /src/app/cli.py" ]
}

@test "PubGrub's cause quoted as Markdown; Sphinx 1's warning made an error without its severity or line" {
	printf '%s\n' '> Because app depends on pkg (^2.0) which doesn'"'"'t match any versions, app is forbidden.' \
		'So, because root depends on app (1.0), version solving failed.' >"$T/in.log"
	detect
	run rows
	[ "${lines[0]}" = "poetry|None|None|Because app depends on pkg (^2.0) which doesn't match any versions, app is forbidden." ]
	printf '%s\n' 'Warning, treated as error:' "/home/u/docs/source/usage.rst:document isn't included in any toctree" >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${lines[0]}" = "sphinx|/home/u/docs/source/usage.rst|None|document isn't included in any toctree" ]
	printf '%s\n' 'Warning, treated as error:' "/home/u/docs/source/api.rst:14:undefined label: intro" >"$T/in.log"
	detect
	run rows
	[ "${lines[0]}" = "sphinx|/home/u/docs/source/api.rst|14|undefined label: intro" ]
}

@test "automake and autoconf at their input, the hint below as detail; 'installing' lines are none" {
	printf '%s\n' "configure.ac:9: error: required file './compile' not found" \
		"configure.ac:9:   'automake --add-missing' can install 'compile'" \
		"Makefile.am: installing './depcomp'" \
		"src/Makefile.am: error: required file './depcomp' not found" \
		'autoreconf: automake failed with exit status: 1' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${#lines[@]}" -eq 2 ]
	[ "${lines[0]}" = "automake|configure.ac|9|required file './compile' not found" ]
	[ "${lines[1]}" = "automake|src/Makefile.am|None|required file './depcomp' not found" ]
	rec_check "$T/rec.json" 0 "detail='automake --add-missing' can install 'compile'"
}

@test "the C driver's missing source is the file, its 'no input files' a consequence; alone it is the record" {
	printf '%s\n' 'gcc: error: src/fast.c: No such file or directory' 'gcc: fatal error: no input files' \
		'compilation terminated.' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${#lines[@]}" -eq 1 ]
	[ "${lines[0]}" = "gcc|src/fast.c|None|src/fast.c: No such file or directory" ]
	printf '%s\n' 'gcc: fatal error: no input files' 'compilation terminated.' >"$T/in.log"
	detect
	run rows
	[ "${lines[0]}" = "gcc|None|None|no input files" ]
}

@test "linkers: gold's linker script place; lld-link as MSBuild relays it; distcc's own errors" {
	printf '%s\n' '/usr/bin/ld.gold: error: kernel.ld:12:3: syntax error, unexpected STRING' >"$T/in.log"
	detect
	run rows
	[ "${lines[0]}" = "ld|kernel.ld|12|kernel.ld:12:3: syntax error, unexpected STRING" ]
	printf '%s\n' 'lld-link : error : undefined symbol: __udivti3' '>>> referenced by math.obj' >"$T/in.log"
	detect
	run rec_rows tool severity message
	[ "${lines[0]}" = "ld|error|undefined symbol: __udivti3" ]
	printf '%s\n' 'distcc[4242] (dcc_writex) ERROR: failed to write: Broken pipe' >"$T/in.log"
	detect
	run rec_rows tool severity message
	[ "${lines[0]}" = "distcc|error|failed to write: Broken pipe" ]
}

@test "MSBuild's 80-column wrap inside a file's name: the place is the whole path; a line of another width is not joined" {
	local a='  C:\Users\dev\source\repo\WeatherStation\src\libraries\sensor\humidity_sensor.' b
	printf '%s\n' "$a" "cpp(41): error C2065: 'dht': undeclared identifier [C:\\Users\\dev\\w.vcxproj]" >"$T/in.log"
	# 79 columns and the newline: the console's 80
	[ "$(head -n 1 "$T/in.log" | wc -c)" -eq 80 ]
	detect
	run rows
	echo "$output"
	[ "${lines[0]}" = "cl|C:\\Users\\dev\\source\\repo\\WeatherStation\\src\\libraries\\sensor\\humidity_sensor.cpp|41|'dht': undeclared identifier" ]
	b='  C:\Users\dev\source\repos\WeatherStation\src\libraries\sensors\humid.'
	printf '%s\n' "$b" "cpp(41): error C2065: 'dht': undeclared identifier" >"$T/in.log"
	detect
	run rows
	[ "${lines[0]}" = "cl|cpp|41|'dht': undeclared identifier" ]
}

@test "shell: a carriage return pasted as a line break; a script bash cannot find is the file; Jenkins' failed step alone" {
	printf '%s\n' '/opt/hooks/check: line 3: ' ': command not found' \
		'/opt/hooks/check: line 7: ' ': command not found' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${#lines[@]}" -eq 2 ]
	[ "${lines[0]}" = "bash|/opt/hooks/check|3|: command not found" ]
	[ "${lines[1]}" = "bash|/opt/hooks/check|7|: command not found" ]
	printf '%s\n' '/usr/bin/bash: deploy.sh: No such file or directory' 'bash: jq: command not found' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${lines[0]}" = "bash|deploy.sh|None|deploy.sh: No such file or directory" ]
	[ "${lines[1]}" = "bash|None|None|jq: command not found" ]
	printf '%s\n' '+ ./run-tests' '+ pid=' "Build step 'Execute shell' marked build as failure" 'Finished: FAILURE' >"$T/in.log"
	detect
	run rows
	[ "${lines[0]}" = "ci|None|None|Build step 'Execute shell' marked build as failure" ]
}

@test "ansible: a command's 'non-zero return code' gives way to the command's last word on stderr" {
	printf '%s\n' 'TASK [upgrade the chart] ****' \
		'fatal: [m1]: FAILED! => {"changed": true, "cmd": "helm upgrade web ./chart", "msg": "non-zero return code", "rc": 1, "stderr": "walk.go:74: found symbolic link\nError: UPGRADE FAILED: \"web\" has no deployed releases", "stdout": ""}' >"$T/in.log"
	detect
	run rec_rows tool message detail
	echo "$output"
	[[ "${lines[0]}" == 'ansible|Error: UPGRADE FAILED: "web" has no deployed releases|non-zero return code walk.go:74'* ]]
}

@test "a sentence of what failed ended by strerror's words, on a line nothing else took; zsh's bare builtin errors" {
	printf '%s\n' 'Failed to create temporary file for obj/x/y.c.obj: No such file or directory' \
		'ninja: build stopped: subcommand failed.' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${lines[0]}" = "log|None|None|Failed to create temporary file for obj/x/y.c.obj: No such file or directory" ]
	printf '%s\n' 'Installing dependencies' 'cd: too many arguments' \
		'source: no such file or directory: .venv/bin/activate' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${#lines[@]}" -eq 2 ]
	[ "${lines[0]}" = "zsh|None|None|cd: too many arguments" ]
	[ "${lines[1]}" = "zsh|None|None|source: no such file or directory: .venv/bin/activate" ]
}

@test "Chef: a resource's failed action is placed at its Resource Declaration's file and first line" {
	printf '%s\n' "  * execute[reload] action run" '' \
		'    ================================================================================' \
		"    Error executing action \`run\` on resource 'execute[reload]'" \
		'    ================================================================================' '' \
		'    Mixlib::ShellOut::ShellCommandFailed' '    ------------------------------------' \
		'    Expected process to exit with [0], but received '"'"'1'"'" '' \
		'    Resource Declaration:' '    ---------------------' \
		'    # In /var/chef/cache/cookbooks/web/recipes/default.rb' '' \
		"     17: execute 'reload' do" "     18:   command 'systemctl reload nginx'" '     19: end' >"$T/in.log"
	detect
	run rec_rows tool file line code
	echo "$output"
	[ "${lines[0]}" = "chef-client|/var/chef/cache/cookbooks/web/recipes/default.rb|17|Mixlib::ShellOut::ShellCommandFailed" ]
}
