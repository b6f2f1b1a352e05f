/*
 * heal_driver_progress.c - what a heal run that did not heal keeps: the
 * fixes that proved themselves, while the command reports fewer errors
 * than at the start, none new, and none on a line a kept fix wrote.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_data.h"
#include "heal_diff.h"
#include "heal_driver_int.h"
#include "heal_fix.h"
#include "heal_text.h"

/*
 * The errors in a run's output, as "FILE\nMESSAGE" keys (errors and fatal
 * ones, or of no severity; every severity when the start had no error;
 * lines shift as fixes land), one per error (the
 * same message at three places is three keys: fixing two of them is
 * progress), and for the summary "FILE:LINE: MESSAGE\tID" lines.
 */
int heal_driver_read_errors(struct loop *l, const struct heal_buf *out,
			    struct heal_check_errors *e, struct heal_error *err)
{
	if (!l->proot_open) {
		if (heal_root_open(&l->proot, l->root, err) < 0)
			return -1;
		l->proot_open = true;
	}
	if (!l->ps_loaded) {
		int rc;

		heal_pattern_set_init(&l->ps);
		rc = heal_pattern_load_own(&l->ps, NULL, HEAL_PATTERN_LAZY,
					   err);
		if (rc < 0 || heal_pattern_set_finish(&l->ps, err) < 0) {
			/* a set left half built is never read: the next
			 * call loads it again and says the same */
			heal_pattern_set_release(&l->ps);
			return -1;
		}
		l->ps_loaded = true;
	}
	if (out->len && heal_check_read_errors(&l->ps, &l->proot, l->o->command,
					       "run", out->data, out->len, e,
					       err) < 0)
		return -1;
	return 0;
}

int heal_driver_error_keys(struct loop *l, const struct heal_buf *out,
			   struct heal_strv *keys, struct heal_strv *lines,
			   struct heal_check_errors *kept, struct heal_error *err)
{
	struct heal_check_errors e = { NULL, 0 };
	size_t i;

	if (heal_driver_read_errors(l, out, &e, err) < 0)
		return -1;
	for (i = 0; i < e.n; i++) {
		const char *sev = heal_json_object_get_str(e.v[i], "severity");
		const char *file = heal_json_object_get_str(e.v[i], "file");
		const char *msg = heal_json_object_get_str(e.v[i], "message");
		const char *id = heal_json_object_get_str(e.v[i], "id");
		int64_t line = 0;
		struct heal_buf b;

		if (sev && strcmp(sev, "error") != 0 && strcmp(sev, "fatal") != 0 &&
		    !l->keys_all)
			continue;
		heal_buf_init(&b, 8192);
		heal_buf_putf(&b, "%s\n%s", file ? file : "", msg ? msg : "");
		heal_strv_add(keys, heal_buf_str(&b));
		if (lines) {
			heal_json_object_get_int(e.v[i], "line", 0, INT64_MAX, &line);
			heal_buf_reset(&b);
			heal_buf_putf(&b, "%s%s%.0lld%s%.300s\t%s",
				      file ? file : "", file && line ? ":" : "",
				      (long long)line, file ? ": " : "",
				      msg ? msg : "", id ? id : "");
			heal_strv_add(lines, heal_buf_str(&b));
		}
		heal_buf_release(&b);
	}
	if (kept)
		*kept = e;
	else
		heal_check_errors_release(&e);
	return 0;
}

bool heal_driver_unparsed(struct loop *l, const struct heal_check_errors *errs,
			  bool *all)
{
	size_t i, n = 0, hits = 0;

	for (i = 0; i < errs->n; i++) {
		const char *sev = heal_json_object_get_str(errs->v[i], "severity");
		const char *cat = heal_json_object_get_str(errs->v[i], "category");
		const char *file = heal_json_object_get_str(errs->v[i], "file");
		const struct heal_lang *lang;
		bool header = false;

		if (sev && strcmp(sev, "error") != 0 && strcmp(sev, "fatal") != 0 &&
		    !l->keys_all)
			continue;
		n++;
		if (cat && strcmp(cat, "syntax") == 0 && file &&
		    (lang = heal_lang_of_path(&l->proot, file, &header)) &&
		    lang->parsed_whole && !header)
			hits++;
	}
	if (all)
		*all = n && hits == n;
	return hits > 0;
}

bool heal_driver_run_stopped(struct loop *l, const struct heal_check_errors *errs)
{
	size_t i, k, n = 0;

	for (i = 0; i < errs->n; i++) {
		const char *sev = heal_json_object_get_str(errs->v[i], "severity");
		const char *tool = heal_json_object_get_str(errs->v[i], "tool");
		const char *file = heal_json_object_get_str(errs->v[i], "file");
		const struct heal_lang *lang;
		bool header = false, stops = false;
		int64_t line;

		if (sev && strcmp(sev, "error") != 0 && strcmp(sev, "fatal") != 0 &&
		    !l->keys_all)
			continue;
		n++;
		if (!tool || !file ||
		    heal_json_object_get_int(errs->v[i], "line", 1, INT64_MAX, &line) != 1 ||
		    !(lang = heal_lang_of_path(&l->proot, file, &header)) || header ||
		    lang->stops_on_errexit)
			return false;
		for (k = 0; lang->run_stoppers[k] && !stops; k++)
			stops = strcmp(tool, lang->run_stoppers[k]) == 0;
		if (!stops)
			return false;
	}
	return n > 0;
}

/* Whether no key of start is among now's. */
static bool none_left(const struct heal_strv *now, const struct heal_strv *start)
{
	size_t i, j;

	for (i = 0; i < start->n; i++)
		for (j = 0; j < now->n; j++)
			if (strcmp(start->v[i], now->v[j]) == 0)
				return false;
	return true;
}

/*
 * A half repair: an error of the run (errs) on a line that a kept fix
 * wrote (its diff added or changed it), taken back through the fixes
 * kept after it.  Its "FILE:LINE: MESSAGE" in out (n bytes), true.
 */
static bool half_repair(const struct loop *l, const struct heal_check_errors *errs,
			char *out, size_t n)
{
	size_t i, k, j;

	for (i = 0; i < errs->n; i++) {
		const char *sev = heal_json_object_get_str(errs->v[i], "severity");
		const char *file = heal_json_object_get_str(errs->v[i], "file");
		const char *msg = heal_json_object_get_str(errs->v[i], "message");
		int64_t line = 0;
		size_t at;

		if ((sev && strcmp(sev, "error") != 0) || !file ||
		    heal_json_object_get_int(errs->v[i], "line", 1, INT64_MAX, &line) != 1)
			continue;
		at = (size_t)line;
		for (k = l->sessions.n; k-- > 0;) {
			const struct heal_json *fx = l->session_fixes[k];

			for (j = fx ? fx->u.arr.n : 0; j-- > 0;) {
				bool added = false;

				at = heal_diff_old_line(heal_json_object_get_str(fx->u.arr.v[j], "diff"),
							file, at, &added);
				if (added) {
					snprintf(out, n, "%s:%lld: %.300s", file, (long long)line,
						 msg ? msg : "an error");
					return true;
				}
			}
		}
	}
	return false;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* v's strings sorted, in an array of n pointers the caller frees. */
static char **sorted(const struct heal_strv *v)
{
	char **s = heal_calloc(v->n + 1, sizeof(char *));

	if (v->n)
		memcpy(s, v->v, v->n * sizeof(char *));
	qsort(s, v->n, sizeof(char *), cmp_str);
	return s;
}

/*
 * A key now has at more places than start had it (a message the start did
 * not have, or had fewer times): its index in now, or now->n.  Sorted
 * copies, so a build with thousands of errors costs n log n.
 */
static size_t first_excess(const struct heal_strv *now,
			   const struct heal_strv *start)
{
	char **a = sorted(now), **b = sorted(start);
	const char *hit = NULL;
	size_t i = 0, j = 0, k;

	while (i < now->n && !hit) {
		size_t ca = 0, cb = 0;
		const char *key = a[i];

		while (i < now->n && strcmp(a[i], key) == 0)
			i++, ca++;
		while (j < start->n && strcmp(b[j], key) < 0)
			j++;
		while (j < start->n && strcmp(b[j], key) == 0)
			j++, cb++;
		if (ca > cb)
			hit = key;
	}
	free(a);
	free(b);
	for (k = 0; hit && k < now->n; k++)
		if (now->v[k] == hit)
			return k;
	return now->n;
}

/* The reason the last fix tried for error id did not pass, or NULL. */
static const char *why_left(const struct loop *l, const char *id)
{
	size_t i, n = strlen(id);

	for (i = l->why.n; n && i-- > 0;)
		if (strncmp(l->why.v[i], id, n) == 0 && l->why.v[i][n] == ' ')
			return l->why.v[i] + n + 1;
	return NULL;
}

/*
 * Not healed: the fixes kept are progress when the command now reports
 * fewer errors than at the start and none it did not report then.  Else
 * the newest change set is undone and the command looked at again, down
 * to none.  *status gets the command's last status; *healed when it
 * succeeds.
 */
int heal_driver_keep_progress(struct loop *l, int *status, bool *healed,
			      struct heal_error *err)
{
	struct heal_fix_opts fo;
	struct heal_fix *fx = NULL;
	int r = 0;

	*healed = false;
	while (l->sessions.n && !heal_driver_interrupted()) {
		struct heal_spawn_result run;
		struct heal_strv keys = { NULL, 0 }, lines = { NULL, 0 };
		struct heal_check_errors left = { NULL, 0 };
		const char *news = NULL;
		char half[512];
		bool halved, runs, further;
		size_t i, restored = 0;

		if (heal_driver_run_command(l, false, &run, err) < 0)
			return -1;
		*status = heal_driver_status_of(&run);
		if (*status == 0) {
			heal_spawn_result_release(&run);
			*healed = true;
			return 0;
		}
		r = heal_driver_error_keys(l, &run.out, &keys, &lines, &left, err);
		heal_spawn_result_release(&run);
		if (r < 0)
			return -1;
		/* new: a message the start did not have, or at more places */
		i = first_excess(&keys, &l->start_keys);
		if (i < keys.n)
			news = lines.v[i];
		/* a fix whose own line still has an error is half a repair
		 * ('fro(i=0);i<n;i++)'), not progress */
		halved = half_repair(l, &left, half, sizeof(half));
		/* a program its syntax errors kept from running that runs now:
		 * its errors are of run time, there all along */
		runs = l->start_unparsed && !heal_driver_unparsed(l, &left, NULL);
		/* a program an uncaught error stopped that runs past it to
		 * another (each error now too its run's end, at a line no fix
		 * wrote: not halved), every error of the start gone */
		further = !runs && l->start_stopped && heal_driver_run_stopped(l, &left) &&
			  none_left(&keys, &l->start_keys);
		heal_check_errors_release(&left);
		if (!halved && ((!news && keys.n < l->start_keys.n) || runs || further)) {
			char left_n[128];

			if (further)
				snprintf(left_n, sizeof(left_n), "the program runs further; %zu error%s at run time",
					 keys.n, keys.n == 1 ? "" : "s");
			else if (runs)
				snprintf(left_n, sizeof(left_n), "the program runs now; %zu error%s at run time",
					 keys.n, keys.n == 1 ? "" : "s");
			else
				snprintf(left_n, sizeof(left_n), "%zu of %zu error%s left",
					 keys.n, l->start_keys.n, l->start_keys.n == 1 ? "" : "s");
			heal_driver_say(l, "not healed: %u fix%s kept that proved %s (%s)",
			    l->applied_kept, l->applied_kept == 1 ? "" : "es",
			    l->applied_kept == 1 ? "itself" : "themselves", left_n);
			for (i = 0; i < lines.n; i++) {
				char *tab = strrchr(lines.v[i], '\t');
				const char *why;
				char *q;

				*tab = '\0';
				why = why_left(l, tab + 1);
				q = heal_text_escape_dup(lines.v[i], strlen(lines.v[i]));
				heal_driver_say(l, "  left: %s (%s)", q,
				    why ? why : "no fix for it proved itself");
				free(q);
			}
			heal_strv_release(&keys);
			heal_strv_release(&lines);
			return 0;
		}
		if (halved) {
			char *q = heal_text_escape_dup(half, strlen(half));

			heal_driver_say(l, "a kept fix's own line still has an error (%s): undoing change set %s",
			    q, l->sessions.v[l->sessions.n - 1]);
			free(q);
		} else if (news) {
			char *q;

			*strrchr(news, '\t') = '\0';
			q = heal_text_escape_dup(news, strlen(news));
			heal_driver_say(l, "a new error after the kept fixes: %s: undoing change set %s",
			    q, l->sessions.v[l->sessions.n - 1]);
			free(q);
		} else {
			heal_driver_say(l, "no fewer errors than at the start: undoing change set %s",
			    l->sessions.v[l->sessions.n - 1]);
		}
		heal_strv_release(&keys);
		heal_strv_release(&lines);
		if (!fx) {
			heal_fix_opts_init(&fo);
			fo.root = l->root;
			if (!(fx = heal_fix_new(&fo, err)))
				return -1;
		}
		if (heal_fix_rollback(fx, l->sessions.v[l->sessions.n - 1],
				      &restored, err) < 0) {
			heal_fix_free(fx);
			return -1;
		}
		free(l->sessions.v[--l->sessions.n]);
		l->sessions.v[l->sessions.n] = NULL;
		l->applied_kept -= l->session_kept[l->sessions.n];
		heal_json_free(l->session_fixes[l->sessions.n]);
		l->session_fixes[l->sessions.n] = NULL;
	}
	heal_fix_free(fx);
	return 0;
}
