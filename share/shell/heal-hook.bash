# heal-hook.bash - show heal's diagnosis after a command fails in bash.
#
#   source /usr/share/heal/shell/heal-hook.bash     # in ~/.bashrc or a script
#
# From then on the shell's standard error is copied to a log (it still
# reaches the terminal), and a `trap ... ERR` runs heal-detect on what the
# failing command wrote there: its errors, one line each, on the terminal.
# Only standard error is seen (compilers, interpreters, make and the shell
# write their errors there); set HEAL_HOOK_STDOUT=1 before sourcing to copy
# standard output too.  Nothing is changed: the hook only detects.  The
# output looked at is what was written since the last prompt (in a script,
# which shows no prompt: since the last failure, or since sourcing).
#
#   HEAL_HOOK_ANALYZE=1   also run heal-analyze and show the best fix
#   HEAL_HOOK_LAST        (set by the hook) the file holding the last failing
#                         command's output, for
#                         heal-detect <"$HEAL_HOOK_LAST" | heal-analyze | heal-fix --dry-run
#   heal_hook_off         restore standard error and remove the trap
#
# See heal-integration(7).

# shellcheck shell=bash

[[ -n ${__heal_hook_log-} ]] && return 0

__heal_hook_dir=$(mktemp -d "${XDG_RUNTIME_DIR:-${TMPDIR:-/tmp}}/heal-hook.XXXXXX") || return 1
__heal_hook_log=$__heal_hook_dir/session.log
HEAL_HOOK_LAST=$__heal_hook_dir/last.log
: >"$__heal_hook_log"
__heal_hook_mark=0

# the real standard error, for the hook's own messages and for heal_hook_off
exec {__heal_hook_err}>&2
exec {__heal_hook_out}>&1
exec 2> >(exec tee -a "$__heal_hook_log" >&"$__heal_hook_err")
if [[ ${HEAL_HOOK_STDOUT-} == 1 ]]; then
	exec 1> >(exec tee -a "$__heal_hook_log" >&"$__heal_hook_out")
fi

__heal_hook_size() {
	local s
	s=$(stat -c %s -- "$__heal_hook_log" 2>/dev/null) || s=0
	printf '%s' "$s"
}

# tee copies asynchronously: the log's size once it stops growing (<= 1 s)
__heal_hook_settled() {
	local prev=-1 size n=0
	size=$(__heal_hook_size)
	while [[ $size != "$prev" ]] && ((n++ < 100)); do
		prev=$size
		sleep 0.01
		size=$(__heal_hook_size)
	done
	printf '%s' "$size"
}

# Start of the next command's output: before each prompt, after a hook run.
__heal_hook_set_mark() {
	__heal_hook_mark=$(__heal_hook_settled)
}

__heal_hook_on_err() {
	local status=$? size
	trap - ERR
	size=$(__heal_hook_settled)
	if ((size > __heal_hook_mark)); then
		tail -c +$((__heal_hook_mark + 1)) -- "$__heal_hook_log" | head -c $((size - __heal_hook_mark)) >"$HEAL_HOOK_LAST"
		{
			if [[ ${HEAL_HOOK_ANALYZE-} == 1 ]]; then
				heal-detect <"$HEAL_HOOK_LAST" | heal-analyze --no-llm | heal-log --no-log --format text
			else
				heal-detect --format text <"$HEAL_HOOK_LAST"
			fi
		} >&"$__heal_hook_err" 2>&1
		__heal_hook_set_mark
	fi
	trap '__heal_hook_on_err' ERR
	return "$status"
}

heal_hook_off() {
	trap - ERR
	exec 2>&"$__heal_hook_err" 1>&"$__heal_hook_out"
	PROMPT_COMMAND=${PROMPT_COMMAND//__heal_hook_set_mark;/}
	rm -rf -- "$__heal_hook_dir"
	unset __heal_hook_log __heal_hook_dir HEAL_HOOK_LAST
}

PROMPT_COMMAND="__heal_hook_set_mark;${PROMPT_COMMAND-}"
set -o errtrace
trap '__heal_hook_on_err' ERR
