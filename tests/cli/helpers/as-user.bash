# as_user CMD...: run CMD as the user who owns the project (the current
# directory): an unprivileged one when the tests run as root, since root may
# write any file and nothing is read-only to it.
as_user() {
	if [ "$(id -u)" -eq 0 ]; then
		command -v setpriv >/dev/null || skip "setpriv is needed to test as a user"
		chown -R 65534:65534 .
		# root's home is not the user's to read
		HOME="$PWD" XDG_CONFIG_HOME="$PWD/.xdg" setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
	else
		"$@"
	fi
}
