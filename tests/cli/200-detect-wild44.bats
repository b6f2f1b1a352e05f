#!/usr/bin/env bats
# heal-detect on layouts the dev halves of the forty-fourth gathering (C
# builds, Python, shell and CI, deployment) showed missing (#16), each
# written by us in the layout the tool prints.

load 'helpers/detect-log'

rows() {
	rec_rows tool file line message
}

@test "busybox's sh and ash: 'sh: NAME: not found' without a line; bash's and dash's layouts unchanged" {
	printf '%s\n' '/ # /bin/bash' 'sh: /bin/bash: not found' 'ash: jq: not found' >"$T/in.log"
	detect
	run rec_rows tool code message
	echo "$output"
	[ "${#lines[@]}" -eq 2 ]
	[ "${lines[0]}" = "sh|command-not-found|/bin/bash: not found" ]
	[ "${lines[1]}" = "ash|command-not-found|jq: not found" ]
	printf '%s\n' 'sh: 3: jq: not found' >"$T/in.log"
	detect
	run rec_rows tool code message
	[ "${lines[0]}" = "sh|command-not-found|jq: not found" ]
	printf '%s\n' 'Step 3: the tool was not found' 'bash: x: not found here' >"$T/in.log"
	detect
	[ ! -s "$T/rec.json" ]
}

@test "a Chef error pasted from its exception class down, without the header: its Resource Declaration's place" {
	printf '%s\n' 'Mixlib::ShellOut::ShellCommandFailed' '    ------------------------------------' \
		"    Expected process to exit with [0], but received '1'" \
		'    ---- Begin output of /usr/bin/chage -M 99999 deploy ----' '    STDOUT:' \
		"    STDERR: chage: user 'deploy' does not exist in /etc/passwd" \
		'    ---- End output of /usr/bin/chage -M 99999 deploy ----' '' \
		'    Resource Declaration:' '    ---------------------' \
		'    # In /var/chef/cache/cookbooks/base/recipes/users.rb' '' \
		'     26: execute "chage" do' '     27:   command "/usr/bin/chage -M 99999 deploy"' '     28: end' >"$T/in.log"
	detect
	run rec_rows tool code file line message
	echo "$output"
	[ "${#lines[@]}" -eq 1 ]
	[ "${lines[0]}" = "chef-client|Mixlib::ShellOut::ShellCommandFailed|/var/chef/cache/cookbooks/base/recipes/users.rb|26|Expected process to exit with [0], but received '1'" ]
	{ printf '%s\n' '================================================================================' \
		"Error executing action \`run\` on resource 'execute[chage]'" \
		'================================================================================' ''; cat "$T/in.log"; } >"$T/in2.log"
	mv "$T/in2.log" "$T/in.log"
	detect
	run rec_rows tool file line
	[ "${#lines[@]}" -eq 1 ]
	[ "${lines[0]}" = "chef-client|/var/chef/cache/cookbooks/base/recipes/users.rb|26" ]
}

@test "fish's parse error in a sourced file without 'fish: ': the message, then its file and line; prose with the words is not one" {
	printf '%s\n' "Unsupported use of '='. In fish, please use 'set BASE \$BASE:-\$HOME/src'." \
		'~/.config/fish/functions/bb.fish (line 1): BASE=${BASE:-$HOME/src}' '                                           ^' \
		'from sourcing file ~/.config/fish/functions/bb.fish' 'Missing end to balance this if statement' \
		'conf.d/env.fish (line 4): if test -n "$X"' '                        ^' >"$T/in.log"
	detect
	run rows
	echo "$output"
	[ "${#lines[@]}" -eq 2 ]
	[ "${lines[0]}" = "fish|~/.config/fish/functions/bb.fish|1|Unsupported use of '='. In fish, please use 'set BASE \$BASE:-\$HOME/src'." ]
	[ "${lines[1]}" = "fish|conf.d/env.fish|4|Missing end to balance this if statement" ]
	printf '%s\n' 'Unsupported use of the API is not covered.' 'Then the next step ran.' >"$T/in.log"
	detect
	[ ! -s "$T/rec.json" ]
}

@test "a Jupyter traceback as VS Code renders it: 'Cell In[5], [line 1](vscode-notebook-cell:...)' and the arrow's link" {
	printf '%s\n' '---------------------------------------------------------------------------' \
		'ModuleNotFoundError                       Traceback (most recent call last)' \
		'Cell In[5], [line 2](vscode-notebook-cell:?execution_count=5&line=2)' \
		'      [1](vscode-notebook-cell:?execution_count=5&line=1) import os' \
		'----> [2](vscode-notebook-cell:?execution_count=5&line=2) from shapes import Triangle' '' \
		"ModuleNotFoundError: No module named 'shapes'" >"$T/in.log"
	detect
	run rec_rows tool line code message
	echo "$output"
	[ "${#lines[@]}" -eq 1 ]
	[ "${lines[0]}" = "python|2|ModuleNotFoundError|No module named 'shapes'" ]
}

@test "the AWS CDK's environment it could not bootstrap: the error's class is the code" {
	printf '%s\n' 'CDKToolkit: creating CloudFormation changeset... ' \
		'❌  Environment aws://123456789012/us-east-1 failed bootstrapping: Error [ValidationError]: Stack:arn:aws:cloudformation:us-east-1:123456789012:stack/CDKToolkit/abc is in DELETE_FAILED state and can not be updated. ' \
		'    at Request.extractError (/usr/lib/node_modules/aws-cdk/lib/index.js:379:46692) ' >"$T/in.log"
	detect
	run rec_rows tool code message
	echo "$output"
	[ "${#lines[@]}" -eq 1 ]
	[ "${lines[0]}" = "cdk|ValidationError|Stack:arn:aws:cloudformation:us-east-1:123456789012:stack/CDKToolkit/abc is in DELETE_FAILED state and can not be updated." ]
}

@test "csdiff's 'Error: SHELLCHECK_WARNING:' headers are no records, the findings under them are; terraform's 'Error: ' still is" {
	printf '%s\n' 'Added bugs, NEED INSPECTION:' '' 'Error: SHELLCHECK_WARNING:' '' \
		"./ci/run.sh:10:27: error: Don't quote rhs of =~, it'll match literally rather than as a regex. [SC2076]" '' \
		'Error: COMPILER_WARNING (CWE-563):' '' "src/a.c:3:9: warning: unused variable 'x' [-Wunused-variable]" >"$T/in.log"
	detect
	run rec_rows tool file line
	echo "$output"
	[ "${#lines[@]}" -eq 2 ]
	[ "${lines[0]}" = "shellcheck|ci/run.sh|10" ]
	[ "${lines[1]}" = "gcc|src/a.c|3" ]
	printf '%s\n' '' 'Error: Unsupported argument' '' '  on main.tf line 3, in resource "x" "y":' \
		'   3:   foo = 1' '' 'An argument named "foo" is not expected here.' >"$T/in.log"
	detect
	run rec_rows tool file line message
	[ "${lines[0]}" = "terraform|main.tf|3|Unsupported argument" ]
}

@test "the Checkstyle XML report: a record per <error> under its <file>, the source as the code; shellcheck -f checkstyle's own" {
	printf '%s\n' '<?xml version="1.0" encoding="UTF-8"?>' '<checkstyle version="2.9.2">' '<file name="D:\php\index.php">' \
		' <error line="14" column="1" severity="error" message="Spaces must be used to indent lines; tabs are not allowed" source="Generic.WhiteSpace.DisallowTabIndent.TabsUsed"/>' \
		' <error line="36" severity="warning" message="Expected 1 space after FOREACH keyword; 0 found" source="Squiz.ControlStructures.ControlSignature.SpaceAfterKeyword"/>' \
		'</file>' '<file name="clean.php">' '</file>' '</checkstyle>' >"$T/in.log"
	detect
	run rec_rows file line severity code message
	echo "$output"
	[ "${#lines[@]}" -eq 2 ]
	[ "${lines[0]}" = 'D:\php\index.php|14|error|Generic.WhiteSpace.DisallowTabIndent.TabsUsed|Spaces must be used to indent lines; tabs are not allowed' ]
	[ "${lines[1]}" = 'D:\php\index.php|36|warning|Squiz.ControlStructures.ControlSignature.SpaceAfterKeyword|Expected 1 space after FOREACH keyword; 0 found' ]
	command -v shellcheck >/dev/null || skip "shellcheck is not installed"
	printf '#!/bin/sh\necho $1\n' >"$T/s.sh"
	(cd "$T" && shellcheck -f checkstyle s.sh >in.log) || true
	detect
	run rec_rows file line code
	echo "$output"
	[ "${lines[0]}" = "s.sh|2|ShellCheck.SC2086" ]
}
