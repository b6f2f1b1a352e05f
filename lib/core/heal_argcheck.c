#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_argcheck.h"
#include "heal_text.h"

static const char shell_meta[] = " \t;&|$`<>()\\'\"*?[]{}!~#%^,";

static int refuse(const char *s, const char *why, struct heal_error *err)
{
	size_t n = strlen(s);
	char *q = heal_text_escape_dup(s, n > 200 ? 200 : n);

	heal_error_set(err, HEAL_ERR_REFUSED, "refusing argument '%s%s': %s",
		       q, n > 200 ? "..." : "", why);
	free(q);
	return -1;
}

static int check_word(const char *s, bool option, struct heal_error *err)
{
	size_t n = strlen(s), i;

	if (n == 0)
		return refuse(s, "empty", err);
	if (n > HEAL_ARG_MAX)
		return refuse(s, "too long", err);
	if (!option && s[0] == '-')
		return refuse(s, "starts with '-' (option injection)", err);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f)
			return refuse(s, "a control character", err);
		/* "=" is fine in an option (-input=false), not elsewhere */
		if (strchr(shell_meta, c) || (c == '=' && !option))
			return refuse(s, "a shell metacharacter", err);
	}
	if (strstr(s, "://"))
		return refuse(s, "a URL", err);
	return 0;
}

static bool name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

static int check_package(const char *s, struct heal_error *err)
{
	size_t n = strlen(s), i;
	const char *pin;

	if (n == 0 || n > HEAL_ARG_PACKAGE_MAX)
		return refuse(s, "not a package name (length)", err);
	if (s[0] == '-')
		return refuse(s, "starts with '-' (option injection)", err);
	if (strchr(s, '@') || strchr(s, '/'))
		return refuse(s, "'@' or '/' in a package name", err);
	if (strstr(s, "://"))
		return refuse(s, "a URL", err);
	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') ||
	      (s[0] >= '0' && s[0] <= '9')))
		return refuse(s, "not a package name", err);
	pin = strstr(s, "==");
	for (i = 0; i < (pin ? (size_t)(pin - s) : n); i++)
		if (!name_char(s[i]))
			return refuse(s, "not a package name", err);
	if (pin) {
		const char *v = pin + 2;

		if (!*v)
			return refuse(s, "an empty version", err);
		for (; *v; v++)
			if (!name_char(*v) && *v != '+')
				return refuse(s, "not a version", err);
	}
	return 0;
}

int heal_argcheck_value(const char *s, enum heal_arg_kind kind,
			struct heal_error *err)
{
	if (!s)
		return heal_error_set(err, HEAL_ERR_REFUSED, "missing argument");
	switch (kind) {
	case HEAL_ARG_NONE:
		return refuse(s, "no arguments are allowed here", err);
	case HEAL_ARG_WORD:
		return check_word(s, false, err);
	case HEAL_ARG_PACKAGE:
		return check_package(s, err);
	}
	return refuse(s, "unknown kind", err);
}

static char **strv(const char *const *in)
{
	size_t n = 0, i;
	char **v;

	while (in[n])
		n++;
	v = heal_calloc(n + 1, sizeof(char *));
	for (i = 0; i < n; i++)
		v[i] = heal_strdup(in[i]);
	return v;
}

static void strv_free(char **v)
{
	size_t i;

	for (i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

static void add_rule(struct heal_cmdpolicy *p, const char *const *prefix,
		     const char *const *options, bool free_words,
		     enum heal_arg_kind pos)
{
	struct heal_cmdrule *r;

	p->v = heal_reallocarray(p->v, p->n + 1, sizeof(*p->v));
	r = &p->v[p->n++];
	r->prefix = strv(prefix);
	r->options = options ? strv(options) : NULL;
	r->free_words = free_words;
	r->positional = pos;
}

#define V(...) ((const char *const[]){ __VA_ARGS__, NULL })

void heal_cmdpolicy_init(struct heal_cmdpolicy *p)
{
	static const char *const pip_opts[] = {
		"--user", "--upgrade", "-U", "--no-input", "--quiet", "-q",
		"--disable-pip-version-check", NULL,
	};
	static const char *const npm_opts[] = {
		"--save", "--save-dev", "-D", "--no-save", "--no-audit",
		"--no-fund", "--ignore-scripts", NULL,
	};
	static const char *const tf_init_opts[] = {
		"-upgrade", "-input=false", "-reconfigure", "-backend=false",
		"-no-color", NULL,
	};
	static const char *const tf_opts[] = { "-no-color", NULL };
	static const char *const galaxy_opts[] = {
		"--force", "-f", "--upgrade", "-U", NULL,
	};

	memset(p, 0, sizeof(*p));
	add_rule(p, V("python3", "-m", "pip", "install"), pip_opts, false,
		 HEAL_ARG_PACKAGE);
	add_rule(p, V("npm", "install"), npm_opts, false, HEAL_ARG_PACKAGE);
	add_rule(p, V("npm", "i"), npm_opts, false, HEAL_ARG_PACKAGE);
	add_rule(p, V("npm", "ci"), npm_opts, false, HEAL_ARG_NONE);
	add_rule(p, V("terraform", "init"), tf_init_opts, false,
		 HEAL_ARG_NONE);
	add_rule(p, V("terraform", "fmt"), tf_opts, false, HEAL_ARG_NONE);
	add_rule(p, V("terraform", "validate"), tf_opts, false,
		 HEAL_ARG_NONE);
	add_rule(p, V("ansible-galaxy", "collection", "install"), galaxy_opts,
		 false, HEAL_ARG_PACKAGE);
	add_rule(p, V("ansible-galaxy", "role", "install"), galaxy_opts,
		 false, HEAL_ARG_PACKAGE);
	add_rule(p, V("ansible-galaxy", "install"), galaxy_opts, false,
		 HEAL_ARG_PACKAGE);
}

void heal_cmdpolicy_release(struct heal_cmdpolicy *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->n; i++) {
		strv_free(p->v[i].prefix);
		strv_free(p->v[i].options);
	}
	free(p->v);
	memset(p, 0, sizeof(*p));
}

int heal_cmdpolicy_allow(struct heal_cmdpolicy *p, const char *prog,
			 struct heal_error *err)
{
	if (!prog || strchr(prog, '/') || check_word(prog, false, err) < 0)
		return heal_error_set(err, HEAL_ERR_USAGE,
				      "--allow-command takes a program name without '/' or special characters");
	add_rule(p, V(prog), NULL, true, HEAL_ARG_WORD);
	return 0;
}

static bool in(char *const *list, const char *s)
{
	size_t i;

	for (i = 0; list[i]; i++)
		if (strcmp(list[i], s) == 0)
			return true;
	return false;
}

/* -1 no match (err untouched), 0 ok, -2 matched and refused (err set) */
static int try_rule(const struct heal_cmdrule *r, const char *const *argv,
		    size_t argc, struct heal_error *err)
{
	size_t i = 0, k;

	for (k = 0; r->prefix[k]; k++, i++)
		if (i >= argc || strcmp(argv[i], r->prefix[k]) != 0)
			return -1;
	for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (argv[i][0] == '-') {
			if (r->options ? !in(r->options, argv[i])
				       : check_word(argv[i], true, err) < 0) {
				if (r->options)
					refuse(argv[i], "an option this command may not take",
					       err);
				return -2;
			}
		} else if (!r->free_words) {
			refuse(argv[i], "a positional argument before '--'",
			       err);
			return -2;
		} else if (check_word(argv[i], false, err) < 0) {
			return -2;
		}
	}
	if (i < argc)
		i++;    /* "--" */
	if (i < argc && r->positional == HEAL_ARG_NONE) {
		refuse(argv[i], "this command takes no arguments", err);
		return -2;
	}
	for (; i < argc; i++)
		if (heal_argcheck_value(argv[i], r->positional, err) < 0)
			return -2;
	return 0;
}

int heal_cmdpolicy_check(const struct heal_cmdpolicy *p,
			 const char *const *argv, size_t argc,
			 struct heal_error *err)
{
	struct heal_error last = HEAL_ERROR_INIT;
	bool matched = false;
	size_t i;

	if (argc == 0)
		return heal_error_set(err, HEAL_ERR_REFUSED, "empty command");
	if (argc > HEAL_ARGV_MAX)
		return heal_error_set(err, HEAL_ERR_REFUSED,
				      "command with more than %d arguments",
				      HEAL_ARGV_MAX);
	for (i = 0; i < argc; i++)
		if (!argv[i])
			return heal_error_set(err, HEAL_ERR_REFUSED,
					      "a command argument is not a string");
	if (strchr(argv[0], '/'))
		return refuse(argv[0], "a program path (the allow-list names programs)",
			      err);
	for (i = 0; i < p->n; i++) {
		int r = try_rule(&p->v[i], argv, argc, &last);

		if (r == 0)
			return 0;
		if (r == -2)
			matched = true;
	}
	if (matched) {
		if (err)
			*err = last;
		return -1;
	}
	{
		char *q = heal_text_escape_dup(argv[0], strlen(argv[0]));

		heal_error_set(err, HEAL_ERR_REFUSED,
			       "refusing command '%s': not in the command allow-list",
			       q);
		free(q);
	}
	return -1;
}
