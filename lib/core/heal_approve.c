#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "heal_approve.h"
#include "heal_buf.h"
#include "heal_text.h"

int heal_approve_parse(const char *s, enum heal_approve_policy *out,
		       struct heal_error *err)
{
	if (s && strcmp(s, "never") == 0)
		*out = HEAL_APPROVE_NEVER;
	else if (s && strcmp(s, "risky") == 0)
		*out = HEAL_APPROVE_RISKY;
	else if (s && strcmp(s, "always") == 0)
		*out = HEAL_APPROVE_ALWAYS;
	else
		return heal_error_set(err, HEAL_ERR_USAGE,
				      "--approve takes never, risky or always");
	return 0;
}

int heal_approve_env_parse(const char *s, enum heal_env *out,
			   struct heal_error *err)
{
	if (!s || !*s || strcmp(s, "development") == 0)
		*out = HEAL_ENV_DEVELOPMENT;
	else if (strcmp(s, "staging") == 0)
		*out = HEAL_ENV_STAGING;
	else if (strcmp(s, "production") == 0)
		*out = HEAL_ENV_PRODUCTION;
	else
		return heal_error_set(err, HEAL_ERR_USAGE,
				      "HEAL_ENV must be development, staging or production");
	return 0;
}

enum heal_approve_policy heal_approve_effective(enum heal_approve_policy p,
						enum heal_env env)
{
	if (env == HEAL_ENV_PRODUCTION)
		return HEAL_APPROVE_ALWAYS;
	if (env == HEAL_ENV_STAGING && p == HEAL_APPROVE_NEVER)
		return HEAL_APPROVE_RISKY;
	return p;
}

bool heal_approve_needed(enum heal_approve_policy p, const char *risk)
{
	if (p == HEAL_APPROVE_ALWAYS)
		return true;
	if (p == HEAL_APPROVE_NEVER)
		return false;
	return !risk || strcmp(risk, "low") != 0;
}

static void put(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t k = write(fd, s, n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return;
		s += k;
		n -= (size_t)k;
	}
}

enum heal_answer heal_approve_ask_tty(void *ctx, const char *question,
				      const char *detail)
{
	struct heal_buf b;
	char answer[16];
	size_t got = 0;
	/* the controlling terminal, not a project file */
	int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);

	(void)ctx;
	if (fd < 0)
		return HEAL_ANSWER_NO_TTY;
	heal_buf_init(&b, (size_t)4 << 20);
	if (detail) {
		const char *p = detail;

		/* escape for the terminal, keep line breaks and tabs */
		while (*p) {
			size_t k = strcspn(p, "\n\t");

			heal_text_escape(&b, p, k, NULL);
			if (p[k])
				heal_buf_putc(&b, p[k]);
			p += k + (p[k] ? 1 : 0);
		}
	}
	heal_text_escape(&b, question, strlen(question), NULL);
	heal_buf_puts(&b, " [y/N] ");
	put(fd, b.data, b.len);
	heal_buf_release(&b);
	while (got < sizeof(answer) - 1) {
		ssize_t k = read(fd, answer + got, 1);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0 || answer[got] == '\n')
			break;
		got++;
	}
	answer[got] = '\0';
	close(fd);
	return (answer[0] == 'y' || answer[0] == 'Y') ? HEAL_ANSWER_YES
						      : HEAL_ANSWER_NO;
}
