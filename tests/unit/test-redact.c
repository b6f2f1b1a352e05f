#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heal_redact.h"
#include "tap.h"

static char *red(const struct heal_redact *r, const char *s, size_t *count)
{
	struct heal_buf b;

	heal_buf_init(&b, 1 << 20);
	*count = heal_redact_text(r, s, strlen(s), &b);
	return heal_buf_detach(&b, NULL);
}

#define IS(in, want, n, msg) do { \
	size_t c_; char *o_ = red(&r, in, &c_); \
	is_str(o_, want, msg); is_int((int)c_, n, msg " (count)"); free(o_); \
} while (0)

int main(void)
{
	struct heal_redact r;
	char *env[] = { "GITHUB_TOKEN=tok-123456", "DB_PASSWORD=pw-abcdef", "PATH=/usr/bin:/bin",
			"MY_KEY=k-987654", "KEYBOARD=us-layout-x", "SHORT_SECRET=abc", NULL };

	heal_redact_init(&r);
	heal_redact_add_env(&r, env);
	is_int((int)r.n, 3, "three secret-looking variables with long enough values");
	ok(heal_redact_secret_name("AWS_SECRET_ACCESS_KEY") && heal_redact_secret_name("api_key") &&
	   heal_redact_secret_name("GH_PAT") && !heal_redact_secret_name("PATH") &&
	   !heal_redact_secret_name("KEYBOARD") && !heal_redact_secret_name("HOME"),
	   "secret names");
	IS("auth tok-123456 and pw-abcdef, path /usr/bin", "auth [REDACTED] and [REDACTED], path /usr/bin",
	   2, "environment values");
	IS("us-layout-x abc", "us-layout-x abc", 0, "values of other names stay");
	IS("x ghp_0123456789abcdefghijABCDEFGHIJ0123 y", "x [REDACTED] y", 1, "GitHub token");
	IS("ghp_short", "ghp_short", 0, "too short to be a token");
	IS("id=AKIAIOSFODNN7EXAMPLE.", "id=[REDACTED].", 1, "AWS key id");
	IS("AKIAIOSFODNN7EXAMPLEX", "AKIAIOSFODNN7EXAMPLEX", 0, "not an AWS key id: longer");
	IS("xoxb-1234-abcdefghij", "[REDACTED]", 1, "Slack token");
	IS("Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl", "Bearer [REDACTED]", 1, "JWT");
	IS("a\n-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\nb",
	   "a\n[REDACTED]\nb", 1, "private key block");
	IS("-----BEGIN PRIVATE KEY-----\nAAAA", "[REDACTED]", 1, "a key block cut short");
	IS("-----BEGIN CERTIFICATE-----\nAAAA", "-----BEGIN CERTIFICATE-----\nAAAA", 0, "a certificate stays");
	IS("nothing here", "nothing here", 0, "plain text");
	heal_redact_release(&r);

	/* no secret in the environment: nothing to sort (qsort of NULL is
	 * undefined; UBSan in the asan build stops on it) */
	char *plain[] = { "PATH=/usr/bin", "HOME=/root", NULL };
	heal_redact_init(&r);
	heal_redact_add_env(&r, plain);
	heal_redact_add_env(&r, NULL);
	is_int((int)r.n, 0, "an environment without secrets adds no value");
	IS("tok-123456", "tok-123456", 0, "nothing redacted without values");
	heal_redact_release(&r);
	return tap_done();
}
