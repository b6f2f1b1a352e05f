#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "heal_alloc.h"
#include "heal_config.h"
#include "heal_json.h"
#include "heal_text.h"

enum vtype { T_BOOL, T_INT, T_NUM, T_ENUM, T_STR };

static const char *const approve_values[] = { "never", "risky", "always", NULL };
static const char *const env_values[] = {
	"development", "staging", "production", NULL,
};

static const struct spec {
	const char *name;
	enum vtype type;
	double min, max;
	const char *const *values;
	const char *dflt;
	const char *seed_env;
} specs[HEAL_CFG_COUNT] = {
	[HEAL_CFG_ENABLED] = { "enabled", T_BOOL, 0, 0, NULL, "true", "SELF_HEAL_ENABLED" },
	[HEAL_CFG_DRY_RUN] = { "dry_run", T_BOOL, 0, 0, NULL, "false", "SELF_HEAL_DRY_RUN" },
	[HEAL_CFG_MAX_ATTEMPTS] = { "max_attempts", T_INT, 1, 100, NULL, "3", "SELF_HEAL_MAX_ATTEMPTS" },
	[HEAL_CFG_INITIAL_DELAY] = { "initial_delay", T_NUM, 0, 3600, NULL, "1", NULL },
	[HEAL_CFG_BACKOFF] = { "backoff_multiplier", T_NUM, 1, 10, NULL, "2", NULL },
	[HEAL_CFG_MAX_DELAY] = { "max_delay", T_NUM, 0, 86400, NULL, "60", NULL },
	[HEAL_CFG_TIMEOUT] = { "timeout", T_NUM, 1, 86400, NULL, "600", NULL },
	[HEAL_CFG_MIN_CONFIDENCE] = { "min_confidence", T_NUM, 0, 1, NULL, "0.85", NULL },
	[HEAL_CFG_APPROVE] = { "approve", T_ENUM, 0, 0, approve_values, "risky", NULL },
	[HEAL_CFG_APPROVE_TIMEOUT] = { "approve_timeout", T_NUM, 1, 86400, NULL, "60", NULL },
	[HEAL_CFG_ENV] = { "env", T_ENUM, 0, 0, env_values, "development", NULL },
	[HEAL_CFG_LOG_DIR] = { "log_dir", T_STR, 0, 0, NULL, ".heal", "SELF_HEAL_LOG_DIR" },
	[HEAL_CFG_BACKUP] = { "backup", T_BOOL, 0, 0, NULL, "true", "SELF_HEAL_BACKUP" },
	[HEAL_CFG_VERBOSE] = { "verbose", T_BOOL, 0, 0, NULL, "false", "SELF_HEAL_VERBOSE" },
	[HEAL_CFG_TEST] = { "test", T_STR, 0, 0, NULL, "", NULL },
};

static const char *const source_names[] = {
	[HEAL_CONFIG_DEFAULT] = "default",
	[HEAL_CONFIG_USER_FILE] = "user file",
	[HEAL_CONFIG_PROJECT_FILE] = "project file",
	[HEAL_CONFIG_ENV] = "environment",
	[HEAL_CONFIG_FLAG] = "command line",
};

void heal_config_init(struct heal_config *c)
{
	int k;

	for (k = 0; k < HEAL_CFG_COUNT; k++) {
		c->v[k].text = heal_strdup(specs[k].dflt);
		c->v[k].source = HEAL_CONFIG_DEFAULT;
		c->v[k].origin = NULL;
	}
}

void heal_config_release(struct heal_config *c)
{
	int k;

	if (!c)
		return;
	for (k = 0; k < HEAL_CFG_COUNT; k++) {
		free(c->v[k].text);
		free(c->v[k].origin);
		c->v[k].text = c->v[k].origin = NULL;
	}
}

const char *heal_config_name(enum heal_config_key k)
{
	return specs[k].name;
}

int heal_config_lookup(const char *name)
{
	int k;

	for (k = 0; k < HEAL_CFG_COUNT; k++)
		if (strcmp(specs[k].name, name) == 0)
			return k;
	return -1;
}

/* Parse and normalise value for spec s into *out (owned by caller). */
static int normalise(const struct spec *s, const char *value, char **out)
{
	char *end;
	double d;
	long l;
	int i;

	switch (s->type) {
	case T_BOOL:
		if (!strcasecmp(value, "true") || !strcmp(value, "1") ||
		    !strcasecmp(value, "yes") || !strcasecmp(value, "on")) {
			*out = heal_strdup("true");
			return 0;
		}
		if (!strcasecmp(value, "false") || !strcmp(value, "0") ||
		    !strcasecmp(value, "no") || !strcasecmp(value, "off")) {
			*out = heal_strdup("false");
			return 0;
		}
		return -1;
	case T_INT:
		errno = 0;
		l = strtol(value, &end, 10);
		if (errno || end == value || *end || l < (long)s->min ||
		    l > (long)s->max)
			return -1;
		*out = heal_strdup(value);
		return 0;
	case T_NUM:
		errno = 0;
		d = strtod(value, &end);
		if (errno || end == value || *end || !isfinite(d) ||
		    d < s->min || d > s->max)
			return -1;
		*out = heal_strdup(value);
		return 0;
	case T_ENUM:
		for (i = 0; s->values[i]; i++)
			if (strcmp(value, s->values[i]) == 0) {
				*out = heal_strdup(value);
				return 0;
			}
		return -1;
	case T_STR:
		if (strlen(value) > 4096)
			return -1;
		*out = heal_strdup(value);
		return 0;
	}
	return -1;
}

static const char *expect_text(const struct spec *s, char *tmp, size_t n)
{
	size_t o = 0;
	int i;

	switch (s->type) {
	case T_BOOL:
		return "true or false";
	case T_INT:
		snprintf(tmp, n, "an integer from %g to %g", s->min, s->max);
		return tmp;
	case T_NUM:
		snprintf(tmp, n, "a number from %g to %g", s->min, s->max);
		return tmp;
	case T_ENUM:
		o = (size_t)snprintf(tmp, n, "one of");
		for (i = 0; s->values[i] && o < n; i++)
			o += (size_t)snprintf(tmp + o, n - o, "%s %s",
					      i ? "," : "", s->values[i]);
		return tmp;
	case T_STR:
		return "a string of at most 4096 bytes";
	}
	return "valid";
}

int heal_config_set(struct heal_config *c, enum heal_config_key k,
		    const char *value, enum heal_config_source src,
		    const char *origin, struct heal_error *err)
{
	const struct spec *s = &specs[k];
	char tmp[160];
	char *norm;

	if (normalise(s, value, &norm) < 0) {
		char *q = heal_text_escape_dup(value, strlen(value));

		heal_error_set(err, HEAL_ERR_USAGE,
			       "%s%s%s: '%s' must be %s, not '%s'",
			       origin ? origin : "", origin ? ": " : "",
			       source_names[src], s->name,
			       expect_text(s, tmp, sizeof(tmp)), q);
		free(q);
		return -1;
	}
	if (src < c->v[k].source) {
		free(norm);
		return 0;
	}
	free(c->v[k].text);
	free(c->v[k].origin);
	c->v[k].text = norm;
	c->v[k].source = src;
	c->v[k].origin = origin ? heal_strdup(origin) : NULL;
	return 0;
}

/* A JSON member's value as config text. */
static int member_text(const struct heal_json *v, char *tmp, size_t n,
		       const char **out)
{
	switch (v->type) {
	case HEAL_JSON_TRUE:
		*out = "true";
		return 0;
	case HEAL_JSON_FALSE:
		*out = "false";
		return 0;
	case HEAL_JSON_NUMBER:
		snprintf(tmp, n, "%s", v->u.str.s);
		*out = tmp;
		return 0;
	case HEAL_JSON_STRING:
		if (!heal_json_string_is_cstr(v))
			return -1;
		*out = v->u.str.s;
		return 0;
	default:
		return -1;
	}
}

static int load_json(struct heal_config *c, const char *data, size_t len,
		     const char *origin, enum heal_config_source src,
		     struct heal_error *err)
{
	struct heal_json *doc = heal_json_parse(data, len, NULL, err);
	char tmp[80];
	size_t i;

	if (!doc) {
		err->code = HEAL_ERR_USAGE;
		return heal_error_prefix(err, "%s", origin);
	}
	if (doc->type != HEAL_JSON_OBJECT) {
		heal_json_free(doc);
		return heal_error_set(err, HEAL_ERR_USAGE,
				      "%s: configuration must be a JSON object",
				      origin);
	}
	for (i = 0; i < doc->u.obj.n; i++) {
		const struct heal_json_member *m = &doc->u.obj.m[i];
		int k = heal_config_lookup(m->key);
		const char *text;

		if (k < 0) {
			char *q = heal_text_escape_dup(m->key, m->keylen);

			heal_error_set(err, HEAL_ERR_USAGE,
				       "%s: unknown configuration key '%s'",
				       origin, q);
			free(q);
			heal_json_free(doc);
			return -1;
		}
		if (member_text(m->val, tmp, sizeof(tmp), &text) < 0 ||
		    heal_config_set(c, (enum heal_config_key)k, text, src,
				    origin, err) < 0) {
			if (member_text(m->val, tmp, sizeof(tmp), &text) < 0)
				heal_error_set(err, HEAL_ERR_USAGE,
					       "%s: '%s' must be a string, number or boolean",
					       origin, m->key);
			heal_json_free(doc);
			return -1;
		}
	}
	heal_json_free(doc);
	return 0;
}

int heal_config_load_file(struct heal_config *c, const char *path,
			  enum heal_config_source src, struct heal_error *err)
{
	struct heal_buf b;
	char block[4096];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int r;

	if (fd < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
		return heal_error_sys(err, errno, "cannot open '%s'", path);
	}
	heal_buf_init(&b, 1 << 20);
	for (;;) {
		ssize_t k = read(fd, block, sizeof(block));

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			r = heal_error_sys(err, errno, "cannot read '%s'", path);
			goto out;
		}
		if (k == 0)
			break;
		if (heal_buf_add(&b, block, (size_t)k, err) < 0) {
			r = heal_error_prefix(err, "%s", path);
			goto out;
		}
	}
	r = load_json(c, b.data ? b.data : "", b.len, path, src, err);
out:
	close(fd);
	heal_buf_release(&b);
	return r;
}

static int load_project(struct heal_config *c, const struct heal_root *root,
			struct heal_error *err)
{
	static const char rel[] = ".heal/config.json";
	struct heal_buf b;
	int r;

	heal_buf_init(&b, 1 << 20);
	if (heal_root_read_file(root, rel, 1 << 20, &b, err) < 0) {
		heal_buf_release(&b);
		if (err->code == HEAL_ERR_IO && err->sys_errno == ENOENT)
			return 0;
		return -1;
	}
	r = load_json(c, b.data ? b.data : "", b.len, rel,
		      HEAL_CONFIG_PROJECT_FILE, err);
	heal_buf_release(&b);
	return r;
}

static int load_env(struct heal_config *c, struct heal_error *err)
{
	char name[64];
	int k, i;

	for (k = 0; k < HEAL_CFG_COUNT; k++) {
		const char *names[2];
		const char *val = NULL, *origin = NULL;

		snprintf(name, sizeof(name), "HEAL_");
		for (i = 0; specs[k].name[i] && i < 50; i++)
			name[5 + i] = (char)(specs[k].name[i] >= 'a' &&
					     specs[k].name[i] <= 'z'
					     ? specs[k].name[i] - 32
					     : specs[k].name[i]);
		name[5 + i] = '\0';
		names[0] = name;
		names[1] = specs[k].seed_env;
		for (i = 0; i < 2 && !val; i++) {
			if (names[i] && getenv(names[i]) && *getenv(names[i])) {
				val = getenv(names[i]);
				origin = names[i];
			}
		}
		if (val && heal_config_set(c, (enum heal_config_key)k, val,
					   HEAL_CONFIG_ENV, origin, err) < 0)
			return -1;
	}
	return 0;
}

int heal_config_load(struct heal_config *c, const struct heal_root *root,
		     struct heal_error *err)
{
	struct heal_buf path;
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	int r = 0;

	heal_buf_init(&path, 8192);
	if (xdg && xdg[0] == '/')
		r = heal_buf_addf(&path, err, "%s/heal/config.json", xdg);
	else if (home && home[0] == '/')
		r = heal_buf_addf(&path, err, "%s/.config/heal/config.json",
				  home);
	if (r == 0 && path.len)
		r = heal_config_load_file(c, path.data, HEAL_CONFIG_USER_FILE,
					  err);
	heal_buf_release(&path);
	if (r < 0)
		return -1;
	if (root && load_project(c, root, err) < 0)
		return -1;
	return load_env(c, err);
}

bool heal_config_bool(const struct heal_config *c, enum heal_config_key k)
{
	return strcmp(c->v[k].text, "true") == 0;
}

long heal_config_int(const struct heal_config *c, enum heal_config_key k)
{
	return strtol(c->v[k].text, NULL, 10);
}

double heal_config_double(const struct heal_config *c, enum heal_config_key k)
{
	return strtod(c->v[k].text, NULL);
}

const char *heal_config_str(const struct heal_config *c,
			    enum heal_config_key k)
{
	return c->v[k].text;
}

int heal_config_dump(const struct heal_config *c, struct heal_buf *out,
		     struct heal_error *err)
{
	int k;

	for (k = 0; k < HEAL_CFG_COUNT; k++) {
		const struct heal_config_value *v = &c->v[k];
		char *q = heal_text_escape_dup(v->text, strlen(v->text));
		int r = heal_buf_addf(out, err, "%-18s = %-12s  (%s%s%s)\n",
				      specs[k].name, q, source_names[v->source],
				      v->origin ? ": " : "",
				      v->origin ? v->origin : "");

		free(q);
		if (r < 0)
			return -1;
	}
	return 0;
}
