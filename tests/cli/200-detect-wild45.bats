#!/usr/bin/env bats
# heal-detect on layouts the dev halves of the forty-fifth gathering
# (JavaScript and TypeScript, JVM, infrastructure, native builds) showed
# missing (#16), each written by us in the layout the tool prints.

load 'helpers/detect-log'

@test "node 8 to 14's UnhandledPromiseRejectionWarning: the error is the message, the first frame of the project its place; the second warning is none" {
	printf '%s\n' "(node:4242) UnhandledPromiseRejectionWarning: TypeError: Cannot read property 'x' of undefined" \
		'    at load (/srv/app/node_modules/orm/index.js:3:1)' '    at run (/srv/app/src/db.js:12:7)' \
		'    at processTicksAndRejections (internal/process/task_queues.js:93:5)' \
		'(node:4242) UnhandledPromiseRejectionWarning: Unhandled promise rejection. This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). (rejection id: 1)' \
		'(node:4242) [DEP0018] DeprecationWarning: Unhandled promise rejections are deprecated.' >"$T/in.log"
	detect
	run rec_rows tool file line column message
	echo "$output"
	[ "${#lines[@]}" -eq 1 ]
	[ "${lines[0]}" = "node|/srv/app/src/db.js|12|7|TypeError: Cannot read property 'x' of undefined" ]
}

@test "Puppet 3's server error placed with ' at FILE:LINE:COL on node N'; the (file: ...) form unchanged" {
	printf '%s\n' "Error: Could not retrieve catalog from remote server: Error 400 on SERVER: Syntax error at '}' at /etc/puppet/manifests/site.pp:12:3 on node web1" \
		'Error: Could not retrieve catalog from remote server: Error 500 on SERVER: Server Error: Evaluation Error: Unknown function: '"'"'foo'"'"'. (file: /etc/puppetlabs/code/site.pp, line: 4, column: 1) on node db1' >"$T/in.log"
	detect
	run rec_rows tool file line column message
	echo "$output"
	[ "${lines[0]}" = "puppet|/etc/puppet/manifests/site.pp|12|3|Syntax error at '}'" ]
	[ "${lines[1]}" = "puppet|/etc/puppetlabs/code/site.pp|4|1|Unknown function: 'foo'." ]
}

@test "apt's 'E: Sub-process /usr/bin/dpkg returned an error code (1)' is a record" {
	printf '%s\n' 'Errors were encountered while processing:' ' mysql-server-8.0' \
		'E: Sub-process /usr/bin/dpkg returned an error code (1)' >"$T/in.log"
	detect
	run rec_rows tool category message
	echo "$output"
	[ "${lines[0]}" = "apt|resource|Sub-process /usr/bin/dpkg returned an error code (1)" ]
}

@test "Bazel's --show_timestamps prefix '(04:11:13) ' is stripped: its ERROR lines are records" {
	printf '%s\n' "(04:11:13) INFO: Analyzed target //:main (1 packages loaded)." \
		"(04:11:13) ERROR: /w/ex/BUILD:3:10: no such target '@@glog+//:glog': target 'glog' not declared in package ''" \
		"(04:11:13) ERROR: Analysis of target '//:main' failed; build aborted" >"$T/in.log"
	detect
	run rec_rows tool file line column
	echo "$output"
	[ "${lines[0]}" = "bazel|/w/ex/BUILD|3|10" ]
	run rec_rows message
	[ "${lines[0]}" = "no such target '@@glog+//:glog': target 'glog' not declared in package ''" ]
}

@test "Ant's BUILD FAILED names the build file's line of the task that failed" {
	printf '%s\n' 'compile:' '' 'BUILD FAILED' '/src/app/build.xml:28: /src/app/build/classes does not exist.' '' 'Total time: 0 seconds' >"$T/in.log"
	detect
	run rec_rows tool file line category message
	echo "$output"
	[ "${#lines[@]}" -eq 1 ]
	[ "${lines[0]}" = "ant|/src/app/build.xml|28|dependency|/src/app/build/classes does not exist." ]
}
