/*
 * heal_driver_consult.c - a second opinion before an attempt: the files
 * the run's errors are in, and the script the command runs, read by
 * their language's consultant
 * (heal_check_consult: ShellCheck for a script bash stopped on), whose
 * findings of the cause go before the run's output for heal-detect.  A
 * run of a consultant itself (shellcheck) gets none: its findings are
 * there.
 */
#include <stdint.h>
#include <string.h>

#include "heal_driver_int.h"
#include "heal_lang.h"
#include "heal_strv.h"

/* files consulted in one attempt at most */
#define CONSULT_FILES_MAX 4
/* the run's error lines of one file its consultant is told */
#define CONSULT_LINES_MAX 64
/* seconds a consultant may take on one file */
#define CONSULT_TIMEOUT 30.0

/*
 * The script the command runs, root-relative ("bash build.sh",
 * "./build.sh"), or NULL: a script that fails without a word of error
 * (exit 1 after a test that never held) is shown to its consultant too.
 */
static const char *command_script(const struct loop *l)
{
	const char *const *argv = l->o->command;
	const struct heal_lang_program *prog;
	const char *s = NULL;
	size_t i;

	if (!argv || !argv[0])
		return NULL;
	prog = heal_lang_program(argv[0]);
	if (prog && prog->role == HEAL_ROLE_INTERPRETER) {
		for (i = 1; argv[i] && !s; i++)
			if (argv[i][0] != '-')
				s = argv[i];
			else if (strchr(argv[i], 'c') && argv[i][1] != '-')
				return NULL;     /* an inline program (-c) */
	} else if (strchr(argv[0], '/')) {
		s = argv[0];
	}
	while (s && s[0] == '.' && s[1] == '/')
		s += 2;
	return s && *s && s[0] != '/' ? s : NULL;
}

bool heal_driver_consult(struct loop *l, const struct heal_buf *run_out,
			 struct heal_buf *out)
{
	struct heal_check_errors e = { NULL, 0 };
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_strv files = { NULL, 0 };
	size_t i, j;
	bool added = false, own = false;

	heal_buf_init(out, HEAL_BUF_UNBOUNDED);
	if (heal_driver_read_errors(l, run_out, &e, &err) < 0)
		return false;
	for (i = 0; i < e.n && files.n < CONSULT_FILES_MAX; i++) {
		const char *sev = heal_json_object_get_str(e.v[i], "severity");
		const char *tool = heal_json_object_get_str(e.v[i], "tool");
		const char *file = heal_json_object_get_str(e.v[i], "file");
		bool seen = false;

		if (tool && strcmp(tool, "shellcheck") == 0) {
			own = true;
			break;
		}
		if (!file || (sev && strcmp(sev, "error") != 0 && strcmp(sev, "fatal") != 0))
			continue;
		for (j = 0; j < files.n && !seen; j++)
			seen = strcmp(files.v[j], file) == 0;
		if (!seen)
			heal_strv_add(&files, file);
	}
	{
		const char *script = command_script(l);
		bool seen = false;

		for (j = 0; script && j < files.n && !seen; j++)
			seen = strcmp(files.v[j], script) == 0;
		if (script && !seen && files.n < CONSULT_FILES_MAX)
			heal_strv_add(&files, script);
	}
	for (i = 0; !own && i < files.n; i++) {
		struct heal_check_opts co;
		size_t before = out->len, lines[CONSULT_LINES_MAX], nlines = 0;
		int64_t line;

		/* the lines the run failed on in this file */
		for (j = 0; j < e.n && nlines < CONSULT_LINES_MAX; j++) {
			const char *file = heal_json_object_get_str(e.v[j], "file");

			if (file && strcmp(file, files.v[i]) == 0 &&
			    heal_json_object_get_int(e.v[j], "line", 1, INT32_MAX, &line) == 1)
				lines[nlines++] = (size_t)line;
		}

		memset(&co, 0, sizeof(co));
		co.root = &l->proot;
		co.file = files.v[i];
		co.command = l->o->command;
		co.timeout = CONSULT_TIMEOUT;
		co.env = l->cmd_env;
		if (heal_check_consult(&co, lines, nlines, out, &err) > 0 && l->o->verbose)
			heal_driver_say(l, "consulted on %s: %.*s", files.v[i],
					(int)(out->len - before), out->data + before);
	}
	/* the causes first: the analysis takes a later error on a line as
	 * maybe the consequence of an earlier one */
	added = out->len > 0;
	if (added)
		heal_buf_put(out, run_out->data, run_out->len);
	heal_strv_release(&files);
	heal_check_errors_release(&e);
	return added;
}
