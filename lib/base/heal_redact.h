/*
 * heal_redact.h - secrets taken out of text before it leaves the machine
 * (the LLM request).
 *
 * Two kinds are replaced by "[REDACTED]":
 *   - the values of environment variables whose names look secret (TOKEN,
 *     SECRET, PASSWORD, PASSWD, PASSPHRASE, CREDENTIAL, AUTH, COOKIE,
 *     SESSION, or KEY as a word: API_KEY, AWS_SECRET_ACCESS_KEY, KEY), at
 *     least HEAL_REDACT_MIN_VALUE bytes long;
 *   - tokens of known shapes: GitHub tokens (ghp_, gho_, ghu_, ghs_, ghr_,
 *     github_pat_), AWS access key ids (AKIA, ASIA + 16), Slack tokens
 *     (xoxa-, xoxb-, xoxp-, xoxr-, xoxs-), JSON Web Tokens (eyJ... three
 *     dot-separated base64url parts) and PEM private key blocks (BEGIN ...
 *     PRIVATE KEY to its END line, or to the end of the text).
 */
#ifndef HEAL_REDACT_H
#define HEAL_REDACT_H

#include <stdbool.h>
#include <stddef.h>

#include "heal_buf.h"

#define HEAL_REDACT_MIN_VALUE 6
#define HEAL_REDACT_MAX_VALUES 256
#define HEAL_REDACTED "[REDACTED]"

struct heal_redact {
	char **values;       /* secret values, owned, longest first */
	size_t n;
};

void heal_redact_init(struct heal_redact *r);
void heal_redact_release(struct heal_redact *r);

/* Whether an environment variable's name (up to '=' or NUL) looks secret. */
bool heal_redact_secret_name(const char *name);

/* Remember the values of env's ("NAME=value") secret-looking entries. */
void heal_redact_add_env(struct heal_redact *r, char *const *env);

/*
 * Append s[0..len) to out with every secret replaced by HEAL_REDACTED.
 * Returns how many were replaced.
 */
size_t heal_redact_text(const struct heal_redact *r, const char *s,
			size_t len, struct heal_buf *out);

#endif
