#!/usr/bin/env bats
# heal-detect on layouts the twenty-third gathering's dev half showed
# missing (#16), each written by us in the layout the tool prints: a
# Python traceback as a web page or a terminal left it (no indentation,
# '<module>' taken for a tag, a source line wrapped); Vagrant's validation
# list; IAR's compilers and linker; any make named NAME-make; helm's
# template parse error at its place; docker-compose 1.x's invalid file;
# pre-commit's hooks that changed files.

load 'helpers/detect-log'

@test "python traceback pasted without its indentation, '<module>' lost, a source line wrapped" {
	printf '%s\n' 'Traceback (most recent call last):' 'File "/home/u/script.py", line 117, in' \
		'train(args)' 'File "/home/u/script.py", line 32, in train' \
		'solver = Solver(config, model_type=model_type)' "NameError: name 'model_type' is not defined" >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=python file=/home/u/script.py line=32 code=NameError category=name
	# a source line a statement's keyword begins, without code's punctuation
	printf '%s\n' 'Traceback (most recent call last):' 'File "examples/all.py", line 6, in <module>' \
		'from envirophat import light, weather' \
		'File "/usr/lib/python2.7/dist-packages/envirophat/bmp280.py", line 131, in _read_byte' \
		'return self.bus.read_byte_data(self.addr, register)' 'IOError: [Errno 121] Remote I/O error' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=python file=examples/all.py line=6 code=IOError
	printf '%s\n' 'Traceback (most recent call last):' '  File "main.py", line 366, in <module>' \
		'    study.start()' '  File "main.py", line 151, in get_project_info' \
		"    title = self.driver.find_element_by_xpath('//*[@id=\"guide-sub-title\"" \
		"]/a').text.split('x')[1]" 'IndexError: list index out of range' '' 'make: *** [run] Error 1' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=python file=main.py line=151 code=IndexError
	rec_check "$T/rec.json" 1 tool=make
	# a line after the frames that is neither code nor an exception still ends it
	printf '%s\n' 'Traceback (most recent call last):' '  File "a.py", line 3, in <module>' \
		'During handling of the above exception, another exception occurred:' \
		'src/b.c:1:1: error: expected identifier' >"$T/in.log"
	detect
	rec_check "$T/rec.json" 0 tool=gcc file=src/b.c
	# a traceback cut short: a tool's 'file:N' line under it is the tool's,
	# code's punctuation and all
	printf '%s\n' 'Traceback (most recent call last):' '  File "a.py", line 3, in <module>' \
		"src/b.c:1:1: error: expected ';' before '(' token" >"$T/in.log"
	detect
	rec_check "$T/rec.json" 0 tool=gcc file=src/b.c line=1
}

@test "vagrant: its configuration errors, a bullet an error under its section" {
	printf '%s\n' 'Bringing machine '"'"'default'"'"' up with '"'"'docker'"'"' provider...' \
		'There are errors in the configuration of this machine. Please fix' \
		'the following errors and try again:' '' 'docker provider:' \
		'* One of "build_dir" or "image" must be set' '' 'vm:' \
		"* The following settings shouldn't exist: env" "- The box 'ubuntu/trusty64' could not be found." >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 3 ]
	rec_check "$T/rec.json" 0 tool=vagrant category=configuration 'message=One of "build_dir" or "image" must be set'
	rec_check "$T/rec.json" 1 "message=The following settings shouldn't exist: env"
	rec_check "$T/rec.json" 2 "message=The box 'ubuntu/trusty64' could not be found."
}

@test "IAR: the command line's place first, the IDE's build window's place last, the linker's without one" {
	printf '%s\n' '    SAU->RNR = 0;' '    ^' \
		'"C:\src\fw\system.c",192  Error[Pe020]: identifier "SAU" is undefined' \
		'"C:\src\fw\system.c",12  Warning[Pa082]: undefined behavior: the order of volatile accesses is undefined' \
		$'Error[Pe020]: identifier "SCB_NS" is undefined\tD:\\projects\\fw\\system.c\t265' \
		'Fatal Error[Pe1696]: cannot open source file "stm32f1xx_hal.h" C:\Program Files (x86)\fw\Src\stm32f1xx_hal_tim.c 129 ' \
		'            searched: "C:\Program Files (x86)\IAR Systems\arm\inc\" ' \
		'Error[Li005]: no definition for "main" [referenced from cmain.o(rt7M_tl.a)]' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 5 ]
	rec_check "$T/rec.json" 0 tool=iar 'file=C:\src\fw\system.c' line=192 code=Pe020 category=name \
		'message=identifier "SAU" is undefined'
	rec_check "$T/rec.json" 1 severity=warning code=Pa082
	rec_check "$T/rec.json" 2 'file=D:\projects\fw\system.c' line=265
	rec_check "$T/rec.json" 3 'file=C:\Program Files (x86)\fw\Src\stm32f1xx_hal_tim.c' line=129 category=dependency
	rec_check "$T/rec.json" 4 file=null code=Li005 category=link
}

@test "make under any NAME-make: a rule it has not got" {
	printf '%s\n' "cs-make: *** No rule to make target \`boards/SelfTest_.c', needed by \`_build_/SelfTest_.o'.  Stop." >"$T/in.log"
	detect
	rec_check "$T/rec.json" 0 tool=make "message=No rule to make target \`boards/SelfTest_.c', needed by \`_build_/SelfTest_.o'"
}

@test "helm lint: a template's parse error at its place" {
	printf '%s\n' '==> Linting falco' \
		'[ERROR] templates/: parse error at (falco/templates/_helpers.tpl:5): function "sssdefine" not defined' >"$T/in.log"
	detect
	rec_check "$T/rec.json" 0 tool=helm file=falco/templates/_helpers.tpl line=5
}

@test "docker-compose 1.x: an invalid file, its reasons the detail" {
	printf '%s\n' "ERROR: The Compose file './docker-compose.yml' is invalid because:" \
		"Additional properties are not allowed ('dfjklhfsd' was unexpected)" \
		"services.web.ports is invalid: should be of the format 'PORT[/PROTOCOL]'" '' \
		"You might be seeing this error because you're using the wrong Compose file version." >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=docker-compose file=docker-compose.yml \
		"detail=Additional properties are not allowed ('dfjklhfsd' was unexpected) services.web.ports is invalid: should be of the format 'PORT[/PROTOCOL]'"
}

@test "pre-commit: a hook that changed files, a file a record; one that failed with its own errors is its tool's" {
	printf '%s\n' 'trim trailing whitespace.................................................Passed' \
		'fix end of files.........................................................Failed' \
		'- hook id: end-of-file-fixer' '- exit code: 1' '- files were modified by this hook' '' \
		'Fixing scripts/a.sh' 'Fixing docs/b.md' '' \
		'flake8...................................................................Failed' \
		'- hook id: flake8' '- exit code: 1' '' 'app/c.py:30:1: E303 too many blank lines (3)' '' \
		'Trim Trailing Whitespace.................................................Failed' \
		'hookid: trailing-whitespace' '' 'Files were modified by this hook. Additional output:' '' \
		'Fixing .pre-commit-config.yaml' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 4 ]
	rec_check "$T/rec.json" 0 tool=pre-commit file=scripts/a.sh code=end-of-file-fixer category=style \
		'message=Fixing scripts/a.sh'
	rec_check "$T/rec.json" 1 file=docs/b.md code=end-of-file-fixer
	rec_check "$T/rec.json" 2 tool=flake8 file=app/c.py line=30
	rec_check "$T/rec.json" 3 tool=pre-commit file=.pre-commit-config.yaml code=trailing-whitespace
}

@test "pre-commit: a hook that failed with no output a tool's pattern takes is a record when it is the only one (the lines a failed match passed over go again)" {
	printf '%s\n' 'black....................................................................Passed' \
		'mypy.....................................................................Failed' \
		'- hook id: mypy' '- exit code: 2' '' \
		'check yaml...............................................................Passed' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 tool=pre-commit code=mypy 'message=mypy Failed' 'detail=exit code: 2'
	# the input ends on its exit code
	printf '%s\n' 'flake8...................................................................Failed' \
		'- hook id: flake8' '- exit code: 1' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 1 ]
	rec_check "$T/rec.json" 0 code=flake8 'message=flake8 Failed'
}

@test "IntelliJ IDEA's messages: 'java: ' before javac's words, symbol and location lines under each row" {
	printf '%s\n' 'C:\src\app\CatchResult.java' 'Error:(36, 17) java: cannot find symbol' \
		'  symbol:   method setFailed(boolean)' '  location: class app.CatchResult' \
		'Error:(40, 5) java: cannot find symbol' '  symbol:   variable x' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=javac 'file=C:\src\app\CatchResult.java' line=36 column=17 category=name \
		'message=cannot find symbol'
	rec_check "$T/rec.json" 1 'file=C:\src\app\CatchResult.java' line=40
}

@test "aws cloudformation deploy's failure; nomad's go-multierror list" {
	printf '%s\n' 'Waiting for stack create/update to complete' '' \
		'Failed to create/update the stack. Run the following command' \
		'to fetch the list of events leading up to the failure' \
		'aws cloudformation describe-stack-events --stack-name staging' '' \
		'Error parsing job file hello.nomad.json: 1 error(s) occurred:' '' '* invalid key: Job' >"$T/in.log"
	detect
	[ "$(rec_count "$T/rec.json")" -eq 2 ]
	rec_check "$T/rec.json" 0 tool=aws 'message=Failed to create/update the stack.'
	rec_check "$T/rec.json" 1 'message=invalid key: Job'
}
