/*
 * heal_check_consult.c - a second opinion on a file a run failed on.  A
 * runner's syntax error names where its parser stopped, not what is
 * wrong: bash says "syntax error near unexpected token `done'" for an
 * 'else if' three lines above, "[3: command not found" for a test
 * without blanks.  The language's consultant (heal_lang's "consult":
 * ShellCheck for the shell) reads the file and names the cause at its
 * place (SC1075 "Use 'elif' instead of 'else if'"); its findings join
 * the run's output for heal-detect, and the fixes they lead to are proven
 * by the run as any other.
 */
#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_check_int.h"
#include "heal_safefile.h"

int heal_check_consult(const struct heal_check_opts *o, const size_t *lines,
		       size_t n, struct heal_buf *out, struct heal_error *err)
{
	const struct heal_checker *ck;
	struct heal_check_target t;
	struct heal_check_argv argv = { NULL, 0, 0, NULL, 0 };
	struct heal_spawn_opts so;
	struct heal_spawn_result r;
	struct heal_error e = HEAL_ERROR_INIT;
	const char *why = NULL;
	size_t before = out->len;
	char *cwd;

	(void)err;
	/* the path is record input: never outside the root, never an option */
	if (!heal_safefile_canonical(o->file) || o->file[0] == '-' ||
	    (o->cwd && *o->cwd && !heal_safefile_canonical(o->cwd)))
		return 0;
	memset(&t, 0, sizeof(t));
	t.lang = heal_lang_of_path(o->root, o->file, &t.header);
	if (!t.lang || !t.lang->consult || !(ck = heal_checker_get(t.lang->consult)) ||
	    !ck->select)
		return 0;
	t.file = t.arg = o->file;
	t.command = o->command;
	if (ck->plan(&t, &argv, &why) != HEAL_CHECK_RUN) {
		heal_check_argv_release(&argv);
		return 0;
	}
	cwd = heal_check_run_dir(o->root, o->cwd);
	heal_spawn_opts_init(&so);
	so.argv = argv.v;
	so.cwd = cwd;
	so.timeout = o->timeout;
	so.merge = true;
	so.max_output = HEAL_CHECK_OUTPUT_MAX;
	so.env = o->env;
	if (heal_spawn_run(&so, &r, &e) == 0 && !r.timed_out)
		ck->select(r.out.data ? r.out.data : "", r.out.len, lines, n, out);
	heal_spawn_result_release(&r);
	heal_check_argv_release(&argv);
	free(cwd);
	return out->len > before;
}
