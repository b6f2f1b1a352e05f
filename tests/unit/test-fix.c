/*
 * lib/fix: a candidate's edits applied to a file of a scratch project,
 * the dry run's diff with nothing written, refusals (a path outside the
 * root, a protected one, a stale pre-image), the candidate chosen by
 * confidence, fixes of one run for one file rebased on each other, and
 * the backup set that heal_fix_rollback restores.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "heal_buf.h"
#include "heal_fix.h"
#include "heal_json.h"
#include "heal_sha256.h"
#include "fsfix.h"
#include "tap.h"

#define E1 "0123456789abcdef"
#define E2 "1111111111111111"
#define E3 "2222222222222222"

static const char orig[] = "int main(void)\n{\n\treturn conut;\n}\n";
static const char fixed[] = "int main(void)\n{\n\treturn count;\n}\n";
static const char diff[] = "--- a/a.c\n+++ b/a.c\n@@ -1,4 +1,4 @@\n int main(void)\n {\n"
			   "-\treturn conut;\n+\treturn count;\n }\n";

static char dir[] = "/tmp/heal-fix-XXXXXX";

static const char *at(const char *rel)
{
	return fs_at(dir, rel);
}

/* The sha256 of the text s, in hex (a static buffer). */
static const char *sha(const char *s)
{
	static char hex[HEAL_SHA256_HEX];

	heal_sha256_hex(s, strlen(s), hex);
	return hex;
}

/*
 * An error record eid with one candidate: fix cid of confidence conf
 * replacing [start, end) of file with text, against the pre-image digest
 * pre.
 */
static struct heal_json *rec(const char *eid, const char *cid, double conf,
			     const char *file, size_t start, size_t end,
			     const char *text, const char *pre)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_json_limits lim;
	struct heal_json *r;
	struct heal_buf b;

	heal_buf_init(&b, 1u << 16);
	heal_buf_putf(&b, "{\"v\":1,\"kind\":\"error\",\"id\":\"%s\",\"tool\":\"gcc\","
		      "\"message\":\"test error\",\"file\":null,\"fixes\":[{\"id\":\"%s\","
		      "\"description\":\"test\",\"confidence\":%.2f,\"risk\":\"low\","
		      "\"source\":\"rule\",\"rule\":\"test.rule\",\"edits\":[{\"file\":",
		      eid, cid, conf);
	if (heal_json_quote(&b, file, strlen(file), &err) < 0)
		abort();
	heal_buf_putf(&b, ",\"start\":%zu,\"end\":%zu,\"text\":", start, end);
	if (heal_json_quote(&b, text, strlen(text), &err) < 0)
		abort();
	heal_buf_putf(&b, ",\"sha256\":\"%s\"}]}]}", pre);
	heal_json_limits_default(&lim);
	r = heal_json_parse(b.data, b.len, &lim, &err);
	if (!r) {
		printf("# %s\n", err.msg);
		abort();
	}
	heal_buf_release(&b);
	return r;
}

/* The record's conut -> count fix of a.c, as a file holding orig has it. */
static struct heal_json *rec_conut(const char *eid, const char *cid)
{
	size_t k = (size_t)(strstr(orig, "conut") - orig);

	return rec(eid, cid, 0.9, "a.c", k, k + 5, "count", sha(orig));
}

/*
 * One run of the engine over recs[0..n) (taken over), the fix records in
 * out[]; returns heal_fix_outcome, and *begin heal_fix_begin's result.
 */
static enum heal_err run(const struct heal_fix_opts *o, struct heal_json **recs,
			 size_t n, struct heal_json **out, int *begin)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_fix *f = heal_fix_new(o, &err);
	size_t plan[8], i;
	enum heal_err outcome;

	if (!f) {
		printf("# heal_fix_new: %s\n", err.msg);
		abort();
	}
	for (i = 0; i < n; i++)
		plan[i] = heal_fix_plan(f, recs[i]);
	*begin = heal_fix_begin(f, &err);
	for (i = 0; i < n; i++)
		out[i] = heal_fix_apply(f, plan[i], recs[i]);
	if (heal_fix_finish(f, out, n, &err) < 0)
		printf("# heal_fix_finish: %s\n", err.msg);
	outcome = heal_fix_outcome(f);
	heal_fix_free(f);
	return outcome;
}

/* A member of a fix record as JSON text (a static buffer). */
static const char *member(const struct heal_json *r, const char *key)
{
	static char text[4096];
	struct heal_error err = HEAL_ERROR_INIT;
	const struct heal_json *v = heal_json_object_get(r, key);
	struct heal_buf b;

	if (!v)
		return "(absent)";
	heal_buf_init(&b, sizeof(text) - 1);
	if (heal_json_serialize(&b, v, &err) < 0)
		return "(too long)";
	snprintf(text, sizeof(text), "%s", heal_buf_str(&b));
	heal_buf_release(&b);
	return text;
}

static const char *str(const struct heal_json *r, const char *key)
{
	const char *s = heal_json_object_get_str(r, key);

	return s ? s : "(not a string)";
}

/*
 * What the fix record r says was done: its status, session, backup and
 * diff (NULL: null) and its files (as JSON).
 */
static void fix_is(const struct heal_json *r, const char *status, const char *session,
		   const char *backup, const char *files, const char *d, const char *what)
{
	is_str(str(r, "kind"), "fix", "%s: a fix record", what);
	is_str(str(r, "status"), status, "%s: status", what);
	is_str(session ? str(r, "session") : member(r, "session"), session ? session : "null",
	       "%s: session", what);
	is_str(backup ? str(r, "backup") : member(r, "backup"), backup ? backup : "null",
	       "%s: backup", what);
	is_str(d ? str(r, "diff") : member(r, "diff"), d ? d : "null", "%s: diff", what);
	is_str(member(r, "files"), files, "%s: files", what);
}

/* A fresh project: a.c holding orig with mode 0640, nothing else. */
static void fresh(void)
{
	fs_rm_tree(dir);
	if (mkdir(dir, 0755) < 0)
		abort();
	fs_put(at("a.c"), orig, 0640);
}

static bool exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

int main(void)
{
	struct heal_fix_opts o;
	struct heal_json *in[4], *out[4];
	int begin;
	size_t i, k;

	if (!mkdtemp(dir))
		return 1;
	setenv("HEAL_LOCK_TIMEOUT", "10", 1);
	unsetenv("HEAL_ENV");

	/* dry run: the diff in the record, nothing written anywhere */
	fresh();
	heal_fix_opts_init(&o);
	o.root = dir;
	o.dry_run = true;
	in[0] = rec_conut(E1, "c.1");
	is_int(run(&o, in, 1, out, &begin), HEAL_OK, "dry run: outcome");
	is_int(begin, 0, "dry run: begin");
	fix_is(out[0], "dry-run", NULL, NULL, "[\"a.c\"]", diff, "dry run");
	is_str(fs_get(at("a.c")), orig, "dry run: the file is unchanged");
	ok(!exists(at(".heal")), "dry run: no .heal directory");
	is_str(str(heal_json_object_get(out[0], "error"), "id"), E1,
	       "the error record is embedded");
	heal_json_free(out[0]);

	/* applied: the file changed, the record says how, a backup taken */
	o.dry_run = false;
	o.session = "s1";
	in[0] = rec_conut(E1, "c.1");
	is_int(run(&o, in, 1, out, &begin), HEAL_OK, "apply: outcome");
	is_int(begin, 0, "apply: begin (lock, backup)");
	fix_is(out[0], "applied", "s1", ".heal/backups/s1.tar.gz", "[\"a.c\"]", diff, "apply");
	is_str(member(out[0], "reason"), "null", "apply: no reason");
	is_str(str(out[0], "error_id"), E1, "apply: error_id");
	is_str(str(out[0], "fix_id"), "c.1", "apply: fix_id");
	is_str(fs_get(at("a.c")), fixed, "apply: the edit is made");
	is_int(fs_mode(at("a.c")), 0640, "apply: the mode is kept");
	ok(exists(at(".heal/backups/s1.tar.gz")), "apply: the backup set is on disk");
	is_int(fs_count_temps(dir), 0, "apply: no temporary file left");
	heal_json_free(out[0]);

	/* the backup set restores the file as it was */
	{
		struct heal_error err = HEAL_ERROR_INIT;
		struct heal_fix *f;
		size_t n = 0;

		heal_fix_opts_init(&o);
		o.root = dir;
		f = heal_fix_new(&o, &err);
		ok(f != NULL, "rollback: an engine");
		is_int(heal_fix_rollback(f, "s1", &n, &err), 0, "rollback: restores");
		is_int(n, 1, "rollback: one file");
		is_str(fs_get(at("a.c")), orig, "rollback: the file as it was");
		is_int(fs_mode(at("a.c")), 0640, "rollback: its mode as it was");
		is_int(heal_fix_rollback(f, "nope", &n, &err), -1,
		       "rollback: an unknown session fails");
		heal_fix_free(f);
	}

	/* refusals: nothing changes, the reason says why */
	fresh();
	heal_fix_opts_init(&o);
	o.root = dir;
	in[0] = rec(E1, "c.1", 0.9, "../x.c", 0, 0, "x", sha(""));
	in[1] = rec(E2, "c.1", 0.9, "/etc/passwd", 0, 0, "x", sha(""));
	in[2] = rec(E3, "c.1", 0.9, "a.c", 0, 3, "long", sha("not what a.c holds"));
	is_int(run(&o, in, 3, out, &begin), HEAL_ERR_REFUSED, "refusals: outcome");
	is_str(str(out[0], "status"), "refused", "a path above the root: refused");
	is_str(str(out[0], "reason"), "'../x.c' lies outside the project root",
	       "a path above the root: the reason");
	is_str(str(out[1], "status"), "refused", "an absolute path outside: refused");
	is_str(str(out[1], "reason"), "'/etc/passwd' lies outside the project root",
	       "an absolute path outside: the reason");
	is_str(str(out[2], "status"), "refused", "a stale pre-image: refused");
	is_str(str(out[2], "reason"),
	       "stale: 'a.c' changed since the fix was computed (pre-image digest differs)",
	       "a stale pre-image: the reason");
	for (i = 0; i < 3; i++) {
		fix_is(out[i], "refused", NULL, NULL, "[]", NULL, "refused");
		heal_json_free(out[i]);
	}
	is_str(fs_get(at("a.c")), orig, "refusals: a.c unchanged");
	ok(!exists(at("../x.c")), "refusals: nothing written above the root");

	/* .git and .heal are never written */
	in[0] = rec(E1, "c.1", 0.9, ".git/config", 0, 0, "x", sha(""));
	is_int(run(&o, in, 1, out, &begin), HEAL_ERR_REFUSED, "a protected path: outcome");
	is_str(str(out[0], "status"), "refused", "a protected path: refused");
	contains(str(out[0], "reason"), "protected", "a protected path: the reason");
	ok(!exists(at(".git")), "a protected path: nothing made");
	heal_json_free(out[0]);

	/* the candidate is chosen by confidence, or by id */
	in[0] = rec_conut(E1, "low.1");
	heal_json_object_set(heal_json_object_get(in[0], "fixes")->u.arr.v[0],
			     "confidence", heal_json_new_double(0.5));
	is_int(run(&o, in, 1, out, &begin), HEAL_ERR_REFUSED, "low confidence: outcome");
	is_str(str(out[0], "status"), "skipped", "low confidence: skipped");
	is_str(str(out[0], "reason"), "no candidate fix with confidence >= 0.85",
	       "low confidence: the reason");
	heal_json_free(out[0]);
	is_str(fs_get(at("a.c")), orig, "low confidence: a.c unchanged");
	o.fix_id = "low.1";
	in[0] = rec_conut(E1, "low.1");
	heal_json_object_set(heal_json_object_get(in[0], "fixes")->u.arr.v[0],
			     "confidence", heal_json_new_double(0.5));
	is_int(run(&o, in, 1, out, &begin), HEAL_OK, "--fix-id: outcome");
	is_str(str(out[0], "status"), "applied", "--fix-id: applied whatever its confidence");
	heal_json_free(out[0]);
	is_str(fs_get(at("a.c")), fixed, "--fix-id: a.c fixed");

	/*
	 * Fixes of one run for one file, each computed against the file as it
	 * was: a later edit is moved past an earlier one, an overlapping one
	 * refused.
	 */
	fresh();
	heal_fix_opts_init(&o);
	o.root = dir;
	k = (size_t)(strstr(orig, "conut") - orig);
	in[0] = rec_conut(E1, "c.1");
	in[1] = rec(E2, "c.2", 0.9, "a.c", k + 6, k + 6, " /* x */", sha(orig));
	in[2] = rec(E3, "c.3", 0.9, "a.c", k, k + 5, "cnt", sha(orig));
	is_int(run(&o, in, 3, out, &begin), HEAL_ERR_REFUSED, "one file, three fixes: outcome");
	is_str(str(out[0], "status"), "applied", "the first fix applied");
	is_str(str(out[1], "status"), "applied", "the second, rebased, applied");
	is_str(str(out[2], "status"), "refused", "the third, overlapping, refused");
	contains(str(out[2], "reason"), "conflicts with fix c.1 of error " E1 " applied in this run",
		 "the third: the reason");
	is_str(fs_get(at("a.c")), "int main(void)\n{\n\treturn count; /* x */\n}\n",
	       "the file has the first two fixes");
	for (i = 0; i < 3; i++)
		heal_json_free(out[i]);

	fs_rm_tree(dir);
	return tap_done();
}
