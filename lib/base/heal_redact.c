#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_redact.h"

void heal_redact_init(struct heal_redact *r)
{
	r->values = NULL;
	r->n = 0;
}

void heal_redact_release(struct heal_redact *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		free(r->values[i]);
	free(r->values);
	heal_redact_init(r);
}

/* Whether word occurs in name as a whole part between '_' (or the ends). */
static bool has_part(const char *name, size_t n, const char *word)
{
	size_t w = strlen(word), i;

	for (i = 0; i + w <= n; i++)
		if (strncmp(name + i, word, w) == 0 &&
		    (i == 0 || name[i - 1] == '_') &&
		    (i + w == n || name[i + w] == '_'))
			return true;
	return false;
}

bool heal_redact_secret_name(const char *name)
{
	static const char *const within[] = {
		"TOKEN", "SECRET", "PASSWORD", "PASSWD", "PASSPHRASE",
		"CREDENTIAL", "COOKIE", "APIKEY", "PRIVATE_KEY", NULL,
	};
	static const char *const parts[] = {
		"KEY", "PASS", "AUTH", "SESSION", "PAT", NULL,
	};
	char up[256];
	size_t n = 0, i;

	while (name[n] && name[n] != '=' && n < sizeof(up) - 1) {
		up[n] = (char)toupper((unsigned char)name[n]);
		n++;
	}
	up[n] = '\0';
	for (i = 0; within[i]; i++)
		if (strstr(up, within[i]))
			return true;
	for (i = 0; parts[i]; i++)
		if (has_part(up, n, parts[i]))
			return true;
	return false;
}

static int longest_first(const void *a, const void *b)
{
	size_t x = strlen(*(char *const *)a), y = strlen(*(char *const *)b);

	return x < y ? 1 : x > y ? -1 : 0;
}

void heal_redact_add_env(struct heal_redact *r, char *const *env)
{
	size_t i;

	for (i = 0; env && env[i] && r->n < HEAL_REDACT_MAX_VALUES; i++) {
		const char *eq = strchr(env[i], '=');

		if (!eq || strlen(eq + 1) < HEAL_REDACT_MIN_VALUE ||
		    !heal_redact_secret_name(env[i]))
			continue;
		r->values = heal_reallocarray(r->values, r->n + 1, sizeof(char *));
		r->values[r->n++] = heal_strdup(eq + 1);
	}
	if (r->n > 1) /* qsort(NULL, 0, ...) is undefined */
		qsort(r->values, r->n, sizeof(char *), longest_first);
}

static bool alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

static bool b64url(char c)
{
	return alnum(c) || c == '-' || c == '_';
}

/* Bytes from p (at most n) that are alnum, or also '_' / '-'. */
static size_t run_of(const char *p, size_t n, bool under, bool dash)
{
	size_t k = 0;

	while (k < n && (alnum(p[k]) || (under && p[k] == '_') ||
			 (dash && p[k] == '-')))
		k++;
	return k;
}

static bool starts(const char *p, size_t n, const char *lit)
{
	size_t k = strlen(lit);

	return n >= k && memcmp(p, lit, k) == 0;
}

/* A PEM private key block at p: its length (to END's dashes, or all). */
static size_t pem_block(const char *p, size_t n)
{
	const char *end = p + n, *q, *e;

	if (!starts(p, n, "-----BEGIN "))
		return 0;
	q = memchr(p + 11, '-', n - 11);
	/* "-----BEGIN [RSA |EC |OPENSSH |ENCRYPTED ]PRIVATE KEY-----" */
	if (!q || q - p > 60 || (size_t)(q - p) < 22 ||
	    memcmp(q - 11, "PRIVATE KEY", 11) != 0 || !starts(q, (size_t)(end - q), "-----"))
		return 0;
	for (e = q + 5; e < end; e++)
		if (starts(e, (size_t)(end - e), "-----END ")) {
			const char *t = memchr(e + 9, '-', (size_t)(end - e - 9));

			if (t && starts(t, (size_t)(end - t), "-----"))
				return (size_t)(t + 5 - p);
			return (size_t)(end - p);
		}
	return n;
}

/* A token of a known shape at p (not inside a longer word): its length. */
static size_t token_at(const char *p, size_t n, bool word_start)
{
	static const char *const gh[] = { "ghp_", "gho_", "ghu_", "ghs_", "ghr_", NULL };
	size_t i, k, a, b, c;

	if (p[0] == '-')
		return pem_block(p, n);
	if (!word_start)
		return 0;
	for (i = 0; gh[i]; i++)
		if (starts(p, n, gh[i]) && (k = run_of(p + 4, n - 4, false, false)) >= 20)
			return 4 + k;
	if (starts(p, n, "github_pat_") &&
	    (k = run_of(p + 11, n - 11, true, false)) >= 20)
		return 11 + k;
	if ((starts(p, n, "AKIA") || starts(p, n, "ASIA")) && n >= 20) {
		for (k = 4; k < 20; k++)
			if (!((p[k] >= 'A' && p[k] <= 'Z') || (p[k] >= '0' && p[k] <= '9')))
				return 0;
		return n == 20 || !alnum(p[20]) ? 20 : 0;
	}
	if (starts(p, n, "xox") && n > 5 && strchr("abprs", p[3]) && p[4] == '-' &&
	    (k = run_of(p + 5, n - 5, false, true)) >= 10)
		return 5 + k;
	if (starts(p, n, "eyJ")) {
		for (a = 0; a < n && b64url(p[a]); a++)
			;
		if (a < 8 || a >= n || p[a] != '.')
			return 0;
		for (b = a + 1; b < n && b64url(p[b]); b++)
			;
		if (b - a < 3 || b >= n || p[b] != '.')
			return 0;
		for (c = b + 1; c < n && b64url(p[c]); c++)
			;
		return c;
	}
	return 0;
}

size_t heal_redact_text(const struct heal_redact *r, const char *s,
			size_t len, struct heal_buf *out)
{
	size_t i = 0, from = 0, count = 0, j, k;

	while (i < len) {
		size_t hit = 0;

		for (j = 0; r && j < r->n; j++) {
			k = strlen(r->values[j]);
			if (k <= len - i && memcmp(s + i, r->values[j], k) == 0) {
				hit = k;
				break;
			}
		}
		if (!hit)
			hit = token_at(s + i, len - i, i == 0 || !b64url(s[i - 1]));
		if (!hit) {
			i++;
			continue;
		}
		heal_buf_put(out, s + from, i - from);
		heal_buf_puts(out, HEAL_REDACTED);
		i += hit;
		from = i;
		count++;
	}
	heal_buf_put(out, s + from, len - from);
	return count;
}
