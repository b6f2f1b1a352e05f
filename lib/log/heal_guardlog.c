#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_guard.h"
#include "heal_guardlog.h"
#include "heal_record.h"

/* One command seen in validation records. */
struct entry {
	struct heal_json *command;   /* array of strings, owned */
	struct heal_json *fixed;     /* array of fixed objects, owned */
	bool healed;
};

struct heal_guardlog {
	struct entry *v;
	size_t n, cap;
};

struct heal_guardlog *heal_guardlog_new(void)
{
	return heal_calloc(1, sizeof(struct heal_guardlog));
}

void heal_guardlog_free(struct heal_guardlog *g)
{
	size_t i;

	if (!g)
		return;
	for (i = 0; i < g->n; i++) {
		heal_json_free(g->v[i].command);
		heal_json_free(g->v[i].fixed);
	}
	free(g->v);
	free(g);
}

static bool same_command(const struct heal_json *a, const struct heal_json *b)
{
	size_t i;

	if (a->u.arr.n != b->u.arr.n)
		return false;
	for (i = 0; i < a->u.arr.n; i++)
		if (a->u.arr.v[i]->u.str.len != b->u.arr.v[i]->u.str.len ||
		    memcmp(a->u.arr.v[i]->u.str.s, b->u.arr.v[i]->u.str.s,
			   a->u.arr.v[i]->u.str.len) != 0)
			return false;
	return true;
}

static bool words(const struct heal_json *c)
{
	size_t i;

	if (!c || c->type != HEAL_JSON_ARRAY || !c->u.arr.n ||
	    c->u.arr.n > HEAL_GUARD_MAX_ARGS)
		return false;
	for (i = 0; i < c->u.arr.n; i++)
		if (c->u.arr.v[i]->type != HEAL_JSON_STRING)
			return false;
	return true;
}

/* The command a validation re-ran, or the one its error carries. */
static const struct heal_json *command_of(const struct heal_json *val)
{
	const struct heal_json *checks = heal_json_object_get(val, "checks");
	const struct heal_json *fix = heal_json_object_get(val, "fix");
	size_t i;

	for (i = 0; checks && checks->type == HEAL_JSON_ARRAY &&
		    i < checks->u.arr.n; i++) {
		const char *name = heal_json_object_get_str(checks->u.arr.v[i], "name");

		if (name && strcmp(name, "re-run") == 0)
			return heal_json_object_get(checks->u.arr.v[i], "command");
	}
	return heal_json_object_get(heal_json_object_get(fix, "error"), "command");
}

static struct entry *entry_for(struct heal_guardlog *g, const struct heal_json *cmd)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		if (same_command(g->v[i].command, cmd))
			return &g->v[i];
	if (g->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 4;
		g->v = heal_reallocarray(g->v, g->cap, sizeof(*g->v));
	}
	g->v[g->n].command = heal_json_clone(cmd);
	g->v[g->n].fixed = heal_json_new_array();
	g->v[g->n].healed = false;
	return &g->v[g->n++];
}

static void set_opt(struct heal_json *o, const char *k, const char *v)
{
	heal_json_object_set(o, k, v ? heal_json_new_string(v) : heal_json_new_null());
}

/* Add {fingerprint, fix_id, rule, file, message} unless fp is there. */
static void add_fixed(struct heal_json *fixed, const char *fp, const char *fix_id,
		      const char *rule, const char *file, const char *msg)
{
	struct heal_json *o;
	size_t i;

	if (!fp || strlen(fp) != 16 || fixed->u.arr.n >= HEAL_GUARD_MAX_FIXED)
		return;
	for (i = 0; i < fixed->u.arr.n; i++)
		if (strcmp(heal_json_object_get_str(fixed->u.arr.v[i], "fingerprint"),
			   fp) == 0)
			return;
	o = heal_json_new_object();
	heal_json_object_set_str(o, "fingerprint", fp);
	set_opt(o, "fix_id", fix_id);
	set_opt(o, "rule", rule);
	set_opt(o, "file", file);
	if (msg)
		heal_json_object_set(o, "message",
				     heal_json_new_stringn(msg, strlen(msg) > 500 ? 500 : strlen(msg)));
	else
		heal_json_object_set(o, "message", heal_json_new_null());
	heal_json_array_append(fixed, o);
}

void heal_guardlog_add(struct heal_guardlog *g, const struct heal_json *rec)
{
	const struct heal_json *cmd, *fix, *error, *cand;
	const char *st, *fid;
	struct entry *e;

	if (heal_record_kind(rec) != HEAL_KIND_VALIDATION)
		return;
	cmd = command_of(rec);
	if (!words(cmd))
		return;
	st = heal_json_object_get_str(rec, "status");
	e = entry_for(g, cmd);
	if (heal_json_object_get_bool(rec, "healed"))
		e->healed = true;
	if (!st || strcmp(st, "passed") != 0)
		return;
	fix = heal_json_object_get(rec, "fix");
	error = heal_json_object_get(fix, "error");
	fid = heal_json_object_get_str(rec, "fix_id");
	cand = heal_record_candidate(error, fid);
	add_fixed(e->fixed, heal_json_object_get_str(rec, "error_id"), fid,
		  heal_json_object_get_str(cand, "rule"),
		  heal_json_object_get_str(error, "file"),
		  heal_json_object_get_str(error, "message"));
}

struct earlier {
	const char *run;
	struct heal_json *fixed;
};

static int note_earlier(void *ctx, const struct heal_json *ev, struct heal_error *err)
{
	struct earlier *e = ctx;
	const char *name = heal_json_object_get_str(ev, "event");
	const char *run = heal_json_object_get_str(ev, "run");

	(void)err;
	if (name && run && strcmp(name, "fix_validated") == 0 &&
	    strcmp(run, e->run) == 0)
		add_fixed(e->fixed, heal_json_object_get_str(ev, "incident"),
			  heal_json_object_get_str(ev, "fix_id"),
			  heal_json_object_get_str(ev, "rule"),
			  heal_json_object_get_str(ev, "file_path"),
			  heal_json_object_get_str(ev, "error_message"));
	return 0;
}

int heal_guardlog_flush(struct heal_guardlog *g, struct heal_changelog *cl,
			const struct heal_root *root, const char *run,
			time_t now, size_t *written, struct heal_json *guards,
			struct heal_error *err)
{
	struct earlier ea = { run, NULL };
	size_t i, j;
	bool any = false;
	int r = 0;

	if (written)
		*written = 0;
	for (i = 0; i < g->n; i++)
		any |= g->v[i].healed;
	if (!any)
		return 0;
	/* fixes kept from earlier attempts of the same run */
	ea.fixed = heal_json_new_array();
	if (run && cl && cl->fd >= 0 &&
	    heal_changelog_read(cl, note_earlier, &ea, NULL, err) < 0) {
		heal_json_free(ea.fixed);
		return -1;
	}
	for (i = 0; i < g->n && r == 0; i++) {
		struct entry *e = &g->v[i];
		struct heal_json *guard;
		bool added = false;

		if (!e->healed)
			continue;
		for (j = 0; j < ea.fixed->u.arr.n; j++) {
			const struct heal_json *f = ea.fixed->u.arr.v[j];

			add_fixed(e->fixed, heal_json_object_get_str(f, "fingerprint"),
				  heal_json_object_get_str(f, "fix_id"),
				  heal_json_object_get_str(f, "rule"),
				  heal_json_object_get_str(f, "file"),
				  heal_json_object_get_str(f, "message"));
		}
		if (!e->fixed->u.arr.n)
			continue;
		/* heal-validate runs the command in the root */
		guard = heal_guard_new(e->command, ".", e->fixed, now, run);
		if (!guard)
			continue;
		r = heal_guard_append(root, guard, &added, err);
		if (r == 0 && added && written)
			(*written)++;
		if (r == 0 && added && guards)
			heal_json_array_append(guards, guard);
		else
			heal_json_free(guard);
	}
	heal_json_free(ea.fixed);
	return r;
}
