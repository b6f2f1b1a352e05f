#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_analyze.h"
#include "heal_fixit.h"
#include "heal_record.h"
#include "heal_text.h"

int heal_analyzer_init(struct heal_analyzer *an, const struct heal_root *root,
		       struct heal_rules *rules, struct heal_llm *llm,
		       struct heal_error *err)
{
	memset(an, 0, sizeof(*an));
	an->root = root;
	an->rules = rules;
	an->llm = llm;
	an->ab_threshold = HEAL_AB_THRESHOLD;
	heal_sources_init(&an->src, root);
	heal_learn_init(&an->learn);
	if (heal_learn_load(&an->learn, root, err) < 0)
		return 1;
	return 0;
}

void heal_analyzer_release(struct heal_analyzer *an)
{
	if (!an)
		return;
	heal_sources_release(&an->src);
	heal_learn_release(&an->learn);
	heal_search_free(an->search);
}

void heal_analyzer_set_search(struct heal_analyzer *an,
			      const struct heal_search_opts *o)
{
	heal_search_free(an->search);
	an->search = o && o->enabled ? heal_search_new(an->root, o) : NULL;
}

/* The record's file as a root-relative path, or NULL. */
static char *record_file(const struct heal_analyzer *an, const struct heal_json *rec,
			 const char *name)
{
	char *rel = NULL;

	if (!name || heal_json_object_get_bool(rec, "outside_root"))
		return NULL;
	if (heal_root_relpath(an->root, NULL, name, strlen(name), &rel) != HEAL_REL_INSIDE) {
		free(rel);
		return NULL;
	}
	return rel;
}

/* Every fix-it of list (the record's), as one candidate (they belong
 * together). */
static void fixit_candidate(struct heal_analyzer *an, const struct heal_json *rec,
			    const struct heal_json *list, struct heal_cands *out,
			    struct heal_buf *explain)
{
	const char *tool = heal_json_object_get_str(rec, "tool");
	struct heal_json *fix;
	struct heal_buf desc;
	size_t i, prev_end = 0;
	const char *prev_file = NULL;
	double conf = tool && strcmp(tool, "shellcheck") == 0 ?
		      HEAL_FIXIT_SHELLCHECK_CONFIDENCE : HEAL_FIXIT_CONFIDENCE;

	if (!list || list->type != HEAL_JSON_ARRAY || list->u.arr.n == 0)
		return;
	fix = heal_cand_new(NULL);
	heal_buf_init(&desc, 4096);
	heal_buf_puts(&desc, "apply the fix-it");
	for (i = 0; i < list->u.arr.n; i++) {
		struct heal_error e = HEAL_ERROR_INIT;
		const struct heal_source_file *f;
		struct heal_fixit fx;
		size_t s, en;
		char *rel;

		if (heal_fixit_from_record(&fx, list->u.arr.v[i],
					   heal_json_object_get_str(rec, "file"), &e) < 0)
			goto bad;
		rel = record_file(an, rec, fx.file);
		f = rel ? heal_sources_get(&an->src, rel, &e) : NULL;
		free(rel);
		if (!f || heal_fixit_resolve(&fx, f->data, f->len, &s, &en, &e) < 0) {
			heal_fixit_release(&fx);
			goto bad;
		}
		if (memchr(fx.text, '\0', fx.text_len)) {
			heal_fixit_release(&fx);
			heal_error_set(&e, HEAL_ERR_INPUT, "fix-it text holds NUL");
			goto bad;
		}
		/* edits must not overlap (fix-its come in file order) */
		if (prev_file && strcmp(prev_file, f->rel) == 0 && s < prev_end) {
			heal_fixit_release(&fx);
			heal_error_set(&e, HEAL_ERR_INPUT, "fix-its overlap");
			goto bad;
		}
		prev_file = f->rel;
		prev_end = en;
		heal_cand_add_edit(fix, f->rel, s, en, fx.text, fx.text_len, f->sha256);
		heal_buf_putf(&desc, "%s %s '%.*s'%s%s", i ? ";" : ":",
			      s == en ? "insert" : "replace with",
			      (int)(fx.text_len > 60 ? 60 : fx.text_len), fx.text,
			      s == en ? "" : " at ", "");
		if (s != en)
			heal_buf_putf(&desc, "%s:%lld", f->rel, (long long)fx.line);
		else
			heal_buf_putf(&desc, " at %s:%lld", f->rel, (long long)fx.line);
		heal_fixit_release(&fx);
		continue;
bad:
		if (explain)
			heal_buf_putf(explain, "fix-it %zu not used: %s\n", i + 1, e.msg);
		heal_json_free(fix);
		heal_buf_release(&desc);
		return;
	}
	{
		char *d = heal_text_escape_dup(desc.data, desc.len);
		struct heal_cand *c;

		heal_json_object_set_str(fix, "description", d);
		heal_json_object_set_str(fix, "risk", "low");
		heal_json_object_set_str(fix, "verify", "re-run the command: the diagnostic is gone");
		heal_json_object_set_str(fix, "rollback", "restore the file from the backup heal-fix made");
		c = heal_cands_add(out, fix, HEAL_CAND_FIXIT, NULL, conf);
		c->why = d;
	}
	heal_buf_release(&desc);
}

static int severity_of(const struct heal_json *rec)
{
	const char *s = heal_json_object_get_str(rec, "severity");

	if (s && strcmp(s, "warning") == 0)
		return 3;
	if (s && strcmp(s, "note") == 0)
		return 1;
	return 6;
}

static const char *record_category(const struct heal_json *rec)
{
	const char *c = heal_json_object_get_str(rec, "category");

	return heal_record_category_ok(c) ? c : "unknown";
}

static void learn(struct heal_analyzer *an, const struct heal_json *rec,
		  struct heal_cands *c)
{
	struct heal_learn_rng rng;
	size_t i, eligible = 0;
	bool learned = false;

	for (i = 0; i < c->n; i++) {
		struct heal_cand *k = &c->v[i];
		int64_t p, f;

		if (!k->rule || !heal_learn_counts(&an->learn, k->rule, &p, &f))
			continue;
		k->confidence = heal_learn_posterior(k->prior, p, f);
		k->learned = true;
		k->passed = p;
		k->failed = f;
	}
	/* A/B: variants from rules that reach the threshold, once outcomes
	 * are known for one of them (without any, the rules' own
	 * confidences decide, as before) */
	for (i = 0; i < c->n; i++)
		if (c->v[i].rule && heal_cand_round(c->v[i].confidence) >= an->ab_threshold) {
			eligible++;
			learned |= c->v[i].learned;
		}
	if (eligible < 2 || !learned)
		return;
	heal_learn_rng_seed(&rng, an->seed, heal_json_object_get_str(rec, "id"));
	for (i = 0; i < c->n; i++) {
		struct heal_cand *k = &c->v[i];

		if (!k->rule || heal_cand_round(k->confidence) < an->ab_threshold)
			continue;
		k->variant = true;
		k->draw = heal_learn_sample(&rng, k->prior, k->passed, k->failed);
	}
}

/* Whether a skip entry "[ERR/]BASE.N" names error eid (or any) and base. */
static bool skip_names(const char *s, const char *eid, const char *base)
{
	const char *slash = strchr(s, '/'), *id = slash ? slash + 1 : s;
	size_t bl = strlen(base), k;

	if (slash && (!eid || strlen(eid) != (size_t)(slash - s) ||
		      strncmp(s, eid, (size_t)(slash - s)) != 0))
		return false;
	if (strncmp(id, base, bl) != 0 || id[bl] != '.' || !id[bl + 1])
		return false;
	for (k = bl + 1; id[k]; k++)
		if (id[k] < '0' || id[k] > '9')
			return false;
	return true;
}

/* Mark the candidates whose rule (or source) made a fix for this error
 * that failed in this run. */
static void mark_failed(const struct heal_analyzer *an, const struct heal_json *rec,
			struct heal_cands *c)
{
	const char *eid = heal_json_object_get_str(rec, "id");
	size_t i, k;

	for (i = 0; i < c->n; i++) {
		const char *base = c->v[i].rule ? c->v[i].rule : heal_cand_source_name(c->v[i].source);

		for (k = 0; k < an->nskip && !c->v[i].failed_here; k++)
			c->v[i].failed_here = skip_names(an->skip[k], eid, base);
	}
}

/* Whether a fix of the search for this error failed in this run. */
static bool search_failed(const struct heal_analyzer *an, const struct heal_json *rec)
{
	const char *eid = heal_json_object_get_str(rec, "id");
	size_t k;

	for (k = 0; k < an->nskip; k++)
		if (strchr(an->skip[k], '/') &&
		    skip_names(an->skip[k], eid, heal_cand_source_name(HEAL_CAND_SEARCH)))
			return true;
	return false;
}

static void explain_ranking(const struct heal_cands *c, struct heal_buf *out)
{
	size_t i;

	if (c->n == 0) {
		heal_buf_puts(out, "no candidate fix\n");
		return;
	}
	for (i = 0; i < c->n; i++) {
		const struct heal_cand *k = &c->v[i];

		heal_buf_putf(out, "%zu. %s: confidence %.3f from %s %s",
			      i + 1, heal_json_object_get_str(k->fix, "id"),
			      heal_cand_round(k->confidence),
			      heal_cand_source_name(k->source),
			      k->rule ? k->rule : "the tool's output");
		if (k->learned)
			heal_buf_putf(out, " (prior %.3f, adjusted by recorded outcomes)",
				      k->prior);
		else
			heal_buf_putf(out, " (prior %.3f)", k->prior);
		if (k->variant)
			heal_buf_putf(out, "; a variant: Thompson draw %.3f from %lld passed, %lld failed",
				      k->draw, (long long)k->passed, (long long)k->failed);
		else if (i > 0)
			heal_buf_puts(out, k->confidence < c->v[i - 1].confidence ?
				      "; ranked below a more confident fix" :
				      "; same confidence, ranked by source then rule order");
		heal_buf_putf(out, ": %s\n", k->why ? k->why : "");
	}
}

int heal_analyze_record(struct heal_analyzer *an, struct heal_json *rec,
			struct heal_buf *explain, struct heal_error *err)
{
	struct heal_rule_verdict vd;
	struct heal_cands cands;
	struct heal_json *analysis, *fixes;
	char *file_rel;
	double conf;
	size_t i;
	int rc;

	heal_sources_clear(&an->src);
	heal_cands_init(&cands);
	file_rel = record_file(an, rec, heal_json_object_get_str(rec, "file"));
	fixit_candidate(an, rec, heal_json_object_get(rec, "fixits"), &cands, explain);
	rc = heal_rules_apply(an->rules, &an->src, rec, file_rel, &cands, &vd,
			      explain, err);
	if (rc < 0)
		goto out;
	if (an->search && cands.n == 0 && !heal_json_object_get(rec, "fixits")) {
		/* no rule: the tool may know the fix and not have said it */
		struct heal_json *asked = NULL;

		heal_search_ask_fixits(an->search, rec, file_rel, &asked, explain, err);
		if (asked)
			fixit_candidate(an, rec, asked, &cands, explain);
		heal_json_free(asked);
	}
	if (an->llm && !an->llm_off && cands.n == 0) {
		struct heal_error e = HEAL_ERROR_INIT;

		if (heal_llm_suggest(an->llm, &an->src, rec, file_rel, &cands, &e) < 0) {
			if (explain)
				heal_buf_putf(explain, "llm: no suggestion: %s\n", e.msg);
			/* an endpoint that cannot be reached is not waited
			 * for again with every record */
			an->llm_off = e.code == HEAL_ERR_IO;
			if (!an->llm_warned) {
				an->llm_warning = e;
				an->llm_warned = true;
			}
		}
	}
	learn(an, rec, &cands);
	mark_failed(an, rec, &cands);
	if (an->search && search_failed(an, rec)) {
		/* the search would choose its failed edit again (it is
		 * deterministic on the restored file), and mark the file
		 * searched, holding back the fixes of another error on the
		 * line: it is not run again for this error in this run */
		if (explain)
			heal_buf_puts(explain, "search: not run: its fix for this error "
				      "failed in this run (--skip)\n");
	} else if (an->search) {
		rc = heal_search_record(an->search, &an->src, rec, file_rel, &cands,
					explain, NULL, err);
		if (rc < 0)
			goto out;
	}
	heal_cands_finish(&cands);
	if (explain)
		explain_ranking(&cands, explain);

	analysis = heal_json_new_object();
	heal_json_object_set_str(analysis, "category",
				 vd.category ? vd.category : record_category(rec));
	if (vd.root_cause && *vd.root_cause) {
		heal_json_object_set_str(analysis, "root_cause", vd.root_cause);
	} else {
		const char *m = heal_json_object_get_str(rec, "message");
		struct heal_buf b;

		heal_buf_init(&b, 4096);
		heal_buf_putf(&b, "%s reported: %.300s",
			      heal_json_object_get_str(rec, "tool") ?
			      heal_json_object_get_str(rec, "tool") : "the tool",
			      m ? m : "an error");
		heal_json_object_set_str(analysis, "root_cause", heal_buf_str(&b));
		heal_buf_release(&b);
	}
	heal_json_object_set_int(analysis, "severity",
				 vd.rule ? vd.severity : severity_of(rec));
	conf = cands.n ? heal_cand_round(cands.v[0].confidence) : vd.rule ? 0.5 : 0.1;
	{
		/* an error heal-detect only guessed at (its generic reader's
		 * "confidence") is analysed with as little certainty */
		double own;

		if (heal_json_object_get_double(rec, "confidence", &own) == 1 &&
		    own >= 0 && own < 1)
			conf = heal_cand_round(conf * own);
	}
	heal_json_object_set(analysis, "confidence", heal_json_new_double(conf));
	if (cands.n && cands.v[0].rule)
		heal_json_object_set_str(analysis, "rule", cands.v[0].rule);
	else
		heal_json_object_set(analysis, "rule", heal_json_new_null());
	fixes = heal_json_new_array();
	for (i = 0; i < cands.n; i++) {
		heal_json_array_append(fixes, cands.v[i].fix);
		cands.v[i].fix = NULL;
	}
	heal_json_object_set(rec, "analysis", analysis);
	heal_json_object_set(rec, "fixes", fixes);
out:
	heal_rule_verdict_release(&vd);
	heal_cands_release(&cands);
	free(file_rel);
	return rc;
}

int heal_analyze_parse_seed(const char *s, uint64_t *out)
{
	char *end;

	errno = 0;
	*out = strtoull(s, &end, 10);
	return errno || end == s || *end || *s == '-' ? -1 : 0;
}

int heal_analyze_seed(const char *opt, uint64_t *out)
{
	const char *env = getenv("HEAL_SEED");

	*out = 0;
	if (opt)
		return heal_analyze_parse_seed(opt, out);
	if (env && *env && heal_analyze_parse_seed(env, out) < 0) {
		*out = 0;
		return -1;
	}
	return 0;
}
