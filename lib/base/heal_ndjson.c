#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "heal_alloc.h"
#include "heal_ndjson.h"
#include "heal_text.h"

void heal_ndjson_limits_default(struct heal_ndjson_limits *lim)
{
	lim->max_line = HEAL_NDJSON_LINE_DEFAULT;
	heal_json_limits_default(&lim->json);
}

static int env_size(const char *name, size_t lo, size_t hi, size_t *out,
		    struct heal_error *err)
{
	const char *s = getenv(name);
	unsigned long long v;
	char *end;

	if (!s || !*s)
		return 0;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || s[0] == '-' || v < lo || v > hi)
		return heal_error_set(err, HEAL_ERR_USAGE,
				      "%s must be an integer from %zu to %zu",
				      name, lo, hi);
	*out = (size_t)v;
	return 0;
}

int heal_ndjson_limits_from_env(struct heal_ndjson_limits *lim,
				struct heal_error *err)
{
	heal_ndjson_limits_default(lim);
	if (env_size("HEAL_MAX_LINE", 64, (size_t)1 << 30, &lim->max_line,
		     err) < 0 ||
	    env_size("HEAL_MAX_DEPTH", 2, 10000, &lim->json.max_depth,
		     err) < 0 ||
	    env_size("HEAL_MAX_STRING", 64, (size_t)1 << 30,
		     &lim->json.max_string, err) < 0)
		return -1;
	return 0;
}

int heal_ndjson_reader_open(struct heal_ndjson_reader *r, const char *path,
			    const struct heal_ndjson_limits *lim,
			    struct heal_error *err)
{
	memset(r, 0, sizeof(*r));
	if (lim)
		r->lim = *lim;
	else
		heal_ndjson_limits_default(&r->lim);
	if (!path || strcmp(path, "-") == 0) {
		r->fd = 0;
		r->name = heal_strdup("<stdin>");
	} else {
		r->fd = open(path, O_RDONLY | O_CLOEXEC);
		if (r->fd < 0) {
			char *q = heal_text_escape_dup(path, strlen(path));

			heal_error_sys(err, errno, "cannot open '%s'", q);
			free(q);
			return -1;
		}
		r->close_fd = true;
		r->name = heal_text_escape_dup(path, strlen(path));
	}
	heal_lines_init_fd(&r->lines, r->fd, r->lim.max_line);
	return 0;
}

void heal_ndjson_reader_close(struct heal_ndjson_reader *r)
{
	if (!r)
		return;
	heal_lines_release(&r->lines);
	if (r->close_fd && r->fd >= 0)
		close(r->fd);
	r->fd = -1;
	free(r->name);
	r->name = NULL;
}

uint64_t heal_ndjson_lineno(const struct heal_ndjson_reader *r)
{
	return r->lines.lineno;
}

static bool blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return false;
	return true;
}

int heal_ndjson_next(struct heal_ndjson_reader *r, struct heal_json **out,
		     struct heal_error *err)
{
	struct heal_line line;
	struct heal_json *v;
	int k;

	*out = NULL;
	for (;;) {
		k = heal_lines_next(&r->lines, &line, err);
		if (k < 0)
			return heal_error_prefix(err, "%s", r->name);
		if (k == 0)
			return 0;
		if (line.truncated)
			return heal_error_set(err, HEAL_ERR_LIMIT,
					      "%s:%llu: record line longer than %zu bytes",
					      r->name,
					      (unsigned long long)line.lineno,
					      r->lim.max_line);
		if (!blank(line.data, line.len))
			break;
	}
	v = heal_json_parse(line.data, line.len, &r->lim.json, err);
	if (!v)
		return heal_error_prefix(err, "%s:%llu", r->name,
					 (unsigned long long)line.lineno);
	if (v->type != HEAL_JSON_OBJECT) {
		heal_json_free(v);
		return heal_error_set(err, HEAL_ERR_INPUT,
				      "%s:%llu: a record must be a JSON object",
				      r->name,
				      (unsigned long long)line.lineno);
	}
	*out = v;
	return 1;
}

int heal_ndjson_write(FILE *f, const struct heal_json *v,
		      struct heal_buf *scratch, struct heal_error *err)
{
	heal_buf_reset(scratch);
	if (heal_json_serialize(scratch, v, err) < 0)
		return heal_error_prefix(err, "record too large to write");
	if (heal_buf_addc(scratch, '\n', err) < 0)
		return -1;
	if (fwrite(scratch->data, 1, scratch->len, f) != scratch->len)
		return heal_error_sys(err, errno ? errno : EIO,
				      "cannot write output");
	return 0;
}
