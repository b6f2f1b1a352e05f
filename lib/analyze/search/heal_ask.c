/*
 * heal_ask.c - ask the tool that reported an error for its own fix.
 *
 * ShellCheck knows the fix of many of its findings (quoting, $(...) for
 * backticks, "$@", `|| exit` after cd, ...) but gives it only in its
 * json1 and diff formats, while a user runs it plainly.  For a shellcheck
 * record that carries no fix-its, ask it again, on the one file, for the
 * one code, in json1, read its output with heal-detect's engine, and take
 * the fix-its of the record with the same id (same file, line and
 * message).  The file is the record's, root-relative and inside the root
 * (records are input); shellcheck runs from an argv, never a shell, in
 * the root, with a time limit, and only reads.
 */
#include <string.h>

#include "heal_alloc.h"
#include "heal_check.h"
#include "heal_search.h"
#include "heal_spawn.h"

/* seconds shellcheck may take on one file */
#define ASK_TIMEOUT 30.0

/* "SC" and digits: a code that is safe as an argument. */
static bool sc_code(const char *c)
{
	size_t i;

	if (!c || strncmp(c, "SC", 2) != 0 || !c[2] || strlen(c) > 8)
		return false;
	for (i = 2; c[i]; i++)
		if (c[i] < '0' || c[i] > '9')
			return false;
	return true;
}

/* The dialect the record's command named (-s X, --shell=X), or NULL. */
static const char *shell_of(const struct heal_json *rec)
{
	const struct heal_json *cmd = heal_json_object_get(rec, "command");
	const char **argv;
	const char *shell;
	size_t i;

	if (!cmd || cmd->type != HEAL_JSON_ARRAY || !cmd->u.arr.n)
		return NULL;
	argv = heal_calloc(cmd->u.arr.n + 1, sizeof(*argv));
	for (i = 0; i < cmd->u.arr.n; i++)
		argv[i] = cmd->u.arr.v[i]->type == HEAL_JSON_STRING
			  ? cmd->u.arr.v[i]->u.str.s : "";
	shell = heal_check_shellcheck_shell(argv);
	free(argv);
	return shell;
}

int heal_search_ask_fixits(struct heal_search *s, const struct heal_json *rec,
			   const char *file_rel, struct heal_json **fixits,
			   struct heal_buf *explain, struct heal_error *err)
{
	const char *tool = heal_json_object_get_str(rec, "tool");
	const char *code = heal_json_object_get_str(rec, "code");
	const char *id = heal_json_object_get_str(rec, "id");
	const char *shell;
	const char *argv[HEAL_CHECK_SHELLCHECK_ARGV];
	const struct heal_pattern_set *ps;
	struct heal_check_errors found = { NULL, 0 };
	struct heal_spawn_opts so;
	struct heal_spawn_result r;
	struct heal_error e = HEAL_ERROR_INIT;
	char *arg = NULL;
	size_t i;

	(void)err;
	*fixits = NULL;
	if (!tool || strcmp(tool, "shellcheck") != 0 || !sc_code(code) || !id ||
	    !file_rel || !*file_rel)
		return 0;
	if (heal_search_patterns(s, &ps, &e) < 0)
		goto fail;
	shell = shell_of(rec);
	arg = heal_check_shellcheck_json1(argv, code, shell, file_rel);
	heal_spawn_opts_init(&so);
	so.argv = argv;
	so.cwd = heal_search_root(s)->path;
	so.timeout = ASK_TIMEOUT;
	so.max_output = HEAL_CHECK_OUTPUT_MAX;
	if (heal_spawn_run(&so, &r, &e) < 0) {
		heal_spawn_result_release(&r);
		goto fail;
	}
	if (!r.timed_out && r.out.len &&
	    heal_check_read_errors(ps, heal_search_root(s), argv, "shellcheck", r.out.data,
				   r.out.len, &found, &e) < 0) {
		heal_spawn_result_release(&r);
		goto fail;
	}
	heal_spawn_result_release(&r);
	for (i = 0; i < found.n; i++) {
		const struct heal_json *fx = heal_json_object_get(found.v[i], "fixits");
		const char *fid = heal_json_object_get_str(found.v[i], "id");

		if (fid && !strcmp(fid, id) && fx && fx->type == HEAL_JSON_ARRAY &&
		    fx->u.arr.n > 0) {
			*fixits = heal_json_object_take(found.v[i], "fixits");
			break;
		}
	}
	if (explain)
		heal_buf_putf(explain, "shellcheck -f json1 -i %s: %s\n", code,
			      *fixits ? "its own fix of this finding" : "no fix of its own for it");
	heal_check_errors_release(&found);
	free(arg);
	return 0;
fail:
	/* asking is a bonus: a failure leaves the record as it was */
	if (explain)
		heal_buf_putf(explain, "shellcheck -f json1 not asked: %s\n", e.msg);
	heal_check_errors_release(&found);
	free(arg);
	return 0;
}
