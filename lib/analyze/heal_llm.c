#include <stdlib.h>
#include <unistd.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_config_build.h"
#include "heal_dynlib.h"
#include "heal_llm.h"
#include "heal_redact.h"
#include "heal_root.h"
#include "heal_text.h"
#if HEAL_HAVE_CURL
#include <curl/curl.h>
#endif

extern char **environ;

#define LLM_MAX_FIXES 5
#define LLM_MAX_EDITS 16

#if HEAL_HAVE_CURL
/*
 * libcurl, opened (heal_dynlib.h) only when an endpoint is configured:
 * linked, its three dozen libraries would be loaded at every start of
 * heal-analyze.
 */
struct curl_api {
	__typeof__(curl_global_init) *global_init;
	__typeof__(curl_easy_init) *easy_init;
	__typeof__(curl_easy_setopt) *easy_setopt;
	__typeof__(curl_easy_perform) *easy_perform;
	__typeof__(curl_easy_getinfo) *easy_getinfo;
	__typeof__(curl_easy_strerror) *easy_strerror;
	__typeof__(curl_easy_cleanup) *easy_cleanup;
	__typeof__(curl_slist_append) *slist_append;
	__typeof__(curl_slist_free_all) *slist_free_all;
};

static const struct curl_api *curl_api(struct heal_error *err)
{
	static struct curl_api api;
	static bool loaded;
	struct curl_api t;
	void *h;

	if (loaded)
		return &api;
	h = heal_dynlib_open(HEAL_LIBCURL_SONAME, err);
	if (!h)
		return NULL;
#define SYM(field, name) \
	if (!(t.field = (__typeof__(t.field))heal_dynlib_sym(h, HEAL_LIBCURL_SONAME, name, err))) \
		return NULL
	SYM(global_init, "curl_global_init");
	SYM(easy_init, "curl_easy_init");
	SYM(easy_setopt, "curl_easy_setopt");
	SYM(easy_perform, "curl_easy_perform");
	SYM(easy_getinfo, "curl_easy_getinfo");
	SYM(easy_strerror, "curl_easy_strerror");
	SYM(easy_cleanup, "curl_easy_cleanup");
	SYM(slist_append, "curl_slist_append");
	SYM(slist_free_all, "curl_slist_free_all");
#undef SYM
	api = t;
	loaded = true;
	return &api;
}
#endif

struct heal_llm {
	char *url, *model, *key;
	long timeout;
	struct heal_redact red;       /* secret values of the environment */
#if HEAL_HAVE_CURL
	const struct curl_api *c;
#endif
};

#if HEAL_HAVE_CURL
static const char system_prompt[] =
	"You fix build, script and deployment errors. You get one error record "
	"(JSON) and an excerpt of the source file with line numbers. Answer with "
	"one JSON object only, no prose: {\"root_cause\": \"one sentence\", "
	"\"fixes\": [{\"description\": \"...\", \"confidence\": 0.0-1.0, "
	"\"edits\": [{\"file\": \"path as in the record\", \"start_line\": N, "
	"\"end_line\": M, \"replacement\": \"the new text of lines N..M, "
	"ending with a newline\"}]}]}. Lines N..M (inclusive, 1-based) are "
	"replaced whole; end_line = start_line - 1 inserts before start_line. "
	"Give the smallest fix; give no fix when unsure.";
#endif

void heal_llm_free(struct heal_llm *l)
{
	if (!l)
		return;
	free(l->url);
	free(l->model);
	free(l->key);
	heal_redact_release(&l->red);
	free(l);
}

struct heal_llm *heal_llm_from_env(struct heal_error *err)
{
	const char *url = getenv("HEAL_LLM_URL");
	const char *model = getenv("HEAL_LLM_MODEL");
	const char *key = getenv("HEAL_LLM_API_KEY");
	const char *t = getenv("HEAL_LLM_TIMEOUT");
	long timeout = HEAL_LLM_TIMEOUT;

	if (!url || !*url)
		return NULL;
	if (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0) {
		heal_error_set(err, HEAL_ERR_USAGE,
			       "HEAL_LLM_URL must be an http:// or https:// URL");
		return NULL;
	}
	if (t && *t) {
		char *end;

		timeout = strtol(t, &end, 10);
		if (*end || timeout < 1 || timeout > 600) {
			heal_error_set(err, HEAL_ERR_USAGE,
				       "HEAL_LLM_TIMEOUT must be 1 to 600 seconds");
			return NULL;
		}
	}
#if !HEAL_HAVE_CURL
	(void)model;
	(void)key;
	heal_error_set(err, HEAL_ERR_USAGE,
		       "HEAL_LLM_URL is set, but heal was built without libcurl");
	return NULL;
#else
	struct heal_llm *l;
	const struct curl_api *c = curl_api(err);

	if (!c)
		return NULL;
	if (c->global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		heal_error_set(err, HEAL_ERR_INTERNAL, "cannot initialise libcurl");
		return NULL;
	}
	l = heal_calloc(1, sizeof(*l));
	l->url = heal_strdup(url);
	l->model = heal_strdup(model && *model ? model : "default");
	l->key = key && *key ? heal_strdup(key) : NULL;
	l->timeout = timeout;
	l->c = c;
	heal_redact_init(&l->red);
	heal_redact_add_env(&l->red, environ);
	return l;
#endif
}

#if HEAL_HAVE_CURL
/*
 * Text as it may leave the machine: secrets redacted, the project root's
 * path cut (paths become project-relative) and the home directory shown
 * as ~.
 */
static void outbound(const struct heal_llm *l, const struct heal_sources *src,
		     const char *s, size_t len, struct heal_buf *out)
{
	const char *cut[3] = { src->root ? src->root->real : NULL,
			       src->root ? src->root->path : NULL, getenv("HOME") };
	struct heal_buf a, b;
	size_t i;

	heal_buf_init(&a, out->max);
	heal_buf_init(&b, out->max);
	heal_redact_text(&l->red, s, len, &a);
	for (i = 0; i < 3; i++) {
		const char *p = heal_buf_str(&a), *q;
		size_t n = cut[i] ? strlen(cut[i]) : 0;

		heal_buf_reset(&b);
		while (n > 1 && (q = strstr(p, cut[i]))) {
			heal_buf_put(&b, p, (size_t)(q - p) + (q[n] == '/' ? 0 : n));
			if (q[n] == '/')
				heal_buf_puts(&b, i < 2 ? "" : "~/");
			p = q + n + (q[n] == '/' ? 1 : 0);
		}
		heal_buf_puts(&b, p);
		heal_buf_reset(&a);
		heal_buf_put(&a, b.data ? b.data : "", b.len);
	}
	heal_buf_put(out, a.data ? a.data : "", a.len);
	heal_buf_release(&a);
	heal_buf_release(&b);
}

/* A copy of v with every string made outbound (keys are heal's own). */
static struct heal_json *outbound_json(const struct heal_llm *l,
				       const struct heal_sources *src,
				       const struct heal_json *v)
{
	struct heal_json *c;
	struct heal_buf b;
	size_t i;

	switch (v->type) {
	case HEAL_JSON_STRING:
		heal_buf_init(&b, v->u.str.len + 64);
		outbound(l, src, v->u.str.s, v->u.str.len, &b);
		c = heal_json_new_stringn(b.data ? b.data : "", b.len);
		heal_buf_release(&b);
		return c;
	case HEAL_JSON_ARRAY:
		c = heal_json_new_array();
		for (i = 0; i < v->u.arr.n; i++)
			heal_json_array_append(c, outbound_json(l, src, v->u.arr.v[i]));
		return c;
	case HEAL_JSON_OBJECT:
		c = heal_json_new_object();
		for (i = 0; i < v->u.obj.n; i++)
			heal_json_object_set(c, v->u.obj.m[i].key,
					     outbound_json(l, src, v->u.obj.m[i].val));
		return c;
	default:
		return heal_json_clone(v);
	}
}

/*
 * The record without earlier analysis, and the source around the error:
 * secrets redacted, paths relative to the project (a file outside it by
 * its name only).
 */
static char *user_prompt(const struct heal_llm *l, struct heal_sources *src,
			 const struct heal_json *rec, const char *file_rel)
{
	struct heal_json *copy = outbound_json(l, src, rec);
	const struct heal_source_file *f;
	const char *file = heal_json_object_get_str(rec, "file");
	struct heal_buf b;
	int64_t line = 0;

	heal_json_object_remove(copy, "analysis");
	heal_json_object_remove(copy, "fixes");
	if (file_rel) {
		heal_json_object_set_str(copy, "file", file_rel);
	} else if (file && strchr(file, '/')) {
		heal_buf_init(&b, 4200);
		heal_buf_putf(&b, "[external]/%s", strrchr(file, '/') + 1);
		heal_json_object_set_str(copy, "file", heal_buf_str(&b));
		heal_buf_release(&b);
	}
	heal_buf_init(&b, 1u << 20);
	heal_buf_puts(&b, "Error record:\n");
	heal_json_serialize(&b, copy, NULL);
	heal_json_free(copy);
	heal_json_object_get_int(rec, "line", 1, INT32_MAX, &line);
	f = file_rel ? heal_sources_get(src, file_rel, NULL) : NULL;
	if (f && f->nlines > 0) {
		size_t from = line > HEAL_LLM_CONTEXT_LINES ? (size_t)line - HEAL_LLM_CONTEXT_LINES : 1;
		size_t to = line ? (size_t)line + HEAL_LLM_CONTEXT_LINES : 2 * HEAL_LLM_CONTEXT_LINES;
		size_t n;

		if (to > f->nlines)
			to = f->nlines;
		heal_buf_putf(&b, "\n\nSource excerpt of %s (lines %zu-%zu of %zu):\n",
			      file_rel, from, to, f->nlines);
		for (n = from; n <= to; n++) {
			size_t st, len;

			heal_source_line(f, n, &st, &len);
			heal_buf_putf(&b, "%5zu| ", n);
			/* a key block spans lines: the excerpt is redacted whole below */
			heal_buf_put(&b, f->data + st, len);
			heal_buf_putc(&b, '\n');
		}
	}
	{
		struct heal_buf r;

		heal_buf_init(&r, 1u << 21);
		heal_redact_text(&l->red, b.data ? b.data : "", b.len, &r);
		heal_buf_release(&b);
		return heal_buf_detach(&r, NULL);
	}
}
#endif

/* Whole lines start..end of f as a byte range ([start, start) inserts). */
static bool line_range(const struct heal_source_file *f, int64_t start,
		       int64_t end, size_t *a, size_t *b)
{
	if (start < 1 || end < start - 1 || (size_t)end > f->nlines ||
	    (size_t)start > f->nlines + 1)
		return false;
	*a = (size_t)start <= f->nlines ? f->starts[start - 1] : f->len;
	if (end < start) {
		*b = *a;
		return true;
	}
	*b = (size_t)end < f->nlines ? f->starts[end] : f->len;
	return true;
}

int heal_llm_parse_answer(struct heal_sources *src, const char *content,
			  size_t len, struct heal_cands *out)
{
	const char *open = memchr(content, '{', len);
	const char *close = NULL;
	const struct heal_json *fixes;
	struct heal_json *doc;
	size_t i, added = 0;

	for (i = len; i > 0; i--)
		if (content[i - 1] == '}') {
			close = content + i;
			break;
		}
	if (!open || !close || close <= open)
		return 0;
	doc = heal_json_parse(open, (size_t)(close - open), NULL, NULL);
	fixes = heal_json_object_get(doc, "fixes");
	for (i = 0; fixes && fixes->type == HEAL_JSON_ARRAY && i < fixes->u.arr.n &&
		    i < LLM_MAX_FIXES; i++) {
		const struct heal_json *fx = fixes->u.arr.v[i];
		const struct heal_json *edits = heal_json_object_get(fx, "edits");
		const char *desc = heal_json_object_get_str(fx, "description");
		struct heal_json *fix;
		double conf = HEAL_LLM_CONFIDENCE;
		size_t k, prev_end = 0;
		const char *prev_file = NULL;
		bool bad = false;
		char *d;

		if (!edits || edits->type != HEAL_JSON_ARRAY || edits->u.arr.n == 0 ||
		    edits->u.arr.n > LLM_MAX_EDITS)
			continue;
		d = heal_text_escape_dup(desc ? desc : "LLM suggestion",
					 desc ? strlen(desc) : 14);
		fix = heal_cand_new(d);
		for (k = 0; k < edits->u.arr.n && !bad; k++) {
			const struct heal_json *e = edits->u.arr.v[k];
			const char *file = heal_json_object_get_str(e, "file");
			const struct heal_json *rep = heal_json_object_get(e, "replacement");
			const struct heal_source_file *f;
			int64_t sl, el;
			size_t a, b;
			char *rel = NULL;

			bad = !file || !rep || rep->type != HEAL_JSON_STRING ||
			      !heal_json_string_is_cstr(rep) ||
			      heal_json_object_get_int(e, "start_line", 1, INT32_MAX, &sl) != 1 ||
			      heal_json_object_get_int(e, "end_line", 0, INT32_MAX, &el) != 1 ||
			      heal_root_relpath(src->root, NULL, file, strlen(file), &rel) != HEAL_REL_INSIDE;
			f = bad ? NULL : heal_sources_get(src, rel, NULL);
			bad = bad || !f || !line_range(f, sl, el, &a, &b) ||
			      (prev_file && strcmp(prev_file, f->rel) == 0 && a < prev_end);
			if (!bad) {
				heal_cand_add_edit(fix, f->rel, a, b, rep->u.str.s, rep->u.str.len,
						  f->sha256);
				prev_file = f->rel;
				prev_end = b;
			}
			free(rel);
		}
		if (bad) {
			heal_json_free(fix);
			free(d);
			continue;
		}
		if (heal_json_object_get_double(fx, "confidence", &conf) != 1 || conf < 0 ||
		    conf > HEAL_LLM_CONFIDENCE)
			conf = conf >= 0 && conf < HEAL_LLM_CONFIDENCE ? conf : HEAL_LLM_CONFIDENCE;
		heal_json_object_set_str(fix, "risk", "medium");
		heal_json_object_set_str(fix, "verify", "re-run the command: the error is gone");
		heal_json_object_set_str(fix, "rollback", "restore the files from heal-fix's backup");
		heal_cands_add(out, fix, HEAL_CAND_LLM, NULL, conf)->why = d;
		added++;
	}
	heal_json_free(doc);
	return (int)added;
}

#if HEAL_HAVE_CURL
struct sink {
	struct heal_buf buf;
	bool over;
};

static size_t on_data(char *p, size_t size, size_t n, void *ctx)
{
	struct sink *s = ctx;

	if (heal_buf_add(&s->buf, p, size * n, NULL) < 0) {
		s->over = true;
		return 0;
	}
	return size * n;
}
#endif

int heal_llm_suggest(struct heal_llm *l, struct heal_sources *src,
		     const struct heal_json *rec, const char *file_rel,
		     struct heal_cands *out, struct heal_error *err)
{
#if !HEAL_HAVE_CURL
	(void)l;
	(void)src;
	(void)rec;
	(void)file_rel;
	(void)out;
	return heal_error_set(err, HEAL_ERR_USAGE, "built without libcurl");
#else
	struct heal_json *req = heal_json_new_object(), *msgs, *m, *rf;
	struct heal_json *resp = NULL;
	struct curl_slist *hdr = NULL;
	struct sink sink;
	struct heal_buf body, auth;
	const struct heal_json *choices, *content;
	char *prompt = user_prompt(l, src, rec, file_rel);
	long code = 0;
	CURLcode rc;
	const struct curl_api *c = l->c;
	CURL *h;
	int r = -1;

	heal_json_object_set_str(req, "model", l->model);
	heal_json_object_set(req, "temperature", heal_json_new_int(0));
	rf = heal_json_new_object();
	heal_json_object_set_str(rf, "type", "json_object");
	heal_json_object_set(req, "response_format", rf);
	msgs = heal_json_new_array();
	m = heal_json_new_object();
	heal_json_object_set_str(m, "role", "system");
	heal_json_object_set_str(m, "content", system_prompt);
	heal_json_array_append(msgs, m);
	m = heal_json_new_object();
	heal_json_object_set_str(m, "role", "user");
	heal_json_object_set_str(m, "content", prompt);
	heal_json_array_append(msgs, m);
	heal_json_object_set(req, "messages", msgs);
	free(prompt);
	heal_buf_init(&body, 1u << 22);
	heal_json_serialize(&body, req, NULL);
	heal_json_free(req);
	heal_buf_init(&sink.buf, HEAL_LLM_MAX_RESPONSE);
	sink.over = false;
	heal_buf_init(&auth, 8192);

	h = c->easy_init();
	if (!h) {
		heal_error_set(err, HEAL_ERR_INTERNAL, "cannot create a libcurl handle");
		goto out;
	}
	hdr = c->slist_append(hdr, "Content-Type: application/json");
	if (l->key) {
		heal_buf_putf(&auth, "Authorization: Bearer %s", l->key);
		hdr = c->slist_append(hdr, heal_buf_str(&auth));
	}
	c->easy_setopt(h, CURLOPT_URL, l->url);
	c->easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	c->easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	c->easy_setopt(h, CURLOPT_CONNECTTIMEOUT, HEAL_LLM_CONNECT_TIMEOUT);
	c->easy_setopt(h, CURLOPT_TIMEOUT, l->timeout);
	c->easy_setopt(h, CURLOPT_HTTPHEADER, hdr);
	c->easy_setopt(h, CURLOPT_POSTFIELDS, heal_buf_str(&body));
	c->easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)body.len);
	c->easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
	c->easy_setopt(h, CURLOPT_WRITEDATA, &sink);
	rc = c->easy_perform(h);
	if (sink.over) {
		heal_error_set(err, HEAL_ERR_LIMIT, "LLM answer larger than %u bytes",
			       HEAL_LLM_MAX_RESPONSE);
		goto out;
	}
	if (rc != CURLE_OK) {
		heal_error_set(err, HEAL_ERR_IO, "LLM request failed: %s", c->easy_strerror(rc));
		goto out;
	}
	c->easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
	if (code != 200) {
		heal_error_set(err, HEAL_ERR_IO, "LLM endpoint answered HTTP %ld", code);
		goto out;
	}
	resp = heal_json_parse(sink.buf.data ? sink.buf.data : "", sink.buf.len, NULL, err);
	choices = heal_json_object_get(resp, "choices");
	content = choices && choices->type == HEAL_JSON_ARRAY && choices->u.arr.n > 0 ?
		  heal_json_object_get(heal_json_object_get(choices->u.arr.v[0], "message"),
				       "content") : NULL;
	if (!content || content->type != HEAL_JSON_STRING) {
		heal_error_set(err, HEAL_ERR_INPUT, "LLM answer is not a chat completion");
		goto out;
	}
	if (heal_llm_parse_answer(src, content->u.str.s, content->u.str.len, out) == 0) {
		heal_error_set(err, HEAL_ERR_INPUT, "LLM answer holds no usable fix");
		goto out;
	}
	r = 0;
out:
	if (h)
		c->easy_cleanup(h);
	c->slist_free_all(hdr);
	heal_json_free(resp);
	heal_buf_release(&body);
	heal_buf_release(&sink.buf);
	heal_buf_release(&auth);
	return r;
#endif
}
