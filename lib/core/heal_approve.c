#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "heal_approve.h"
#include "heal_buf.h"
#include "heal_fd.h"
#include "heal_json.h"
#include "heal_text.h"

/* a request: the question and a diff, which heal-fix caps well below */
#define REQUEST_MAX ((size_t)8 << 20)

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

void heal_approve_prompt_init(struct heal_approve_prompt *p)
{
	memset(p, 0, sizeof(*p));
	p->timeout = HEAL_APPROVE_TIMEOUT_DEFAULT;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* text for the terminal: escaped, line breaks and tabs kept */
static void put_escaped(struct heal_buf *b, const char *p)
{
	while (*p) {
		size_t k = strcspn(p, "\n\t");

		heal_text_escape(b, p, k, NULL);
		if (p[k])
			heal_buf_putc(b, p[k]);
		p += k + (p[k] ? 1 : 0);
	}
}

/*
 * Read one line from the terminal within deadline (the rest of a long line
 * is read and dropped).  1 with a line, 0 on timeout, -1 when the terminal
 * is gone or the wait was cancelled.
 */
static int read_line(int fd, char *line, size_t size, double deadline,
		     const volatile sig_atomic_t *cancel)
{
	size_t got = 0;

	for (;;) {
		struct pollfd pf = { .fd = fd, .events = POLLIN };
		double left = deadline - now();
		int ms = left <= 0 ? 0 : (int)(left * 1000) + 1;
		char c;
		ssize_t k;

		if (cancel && *cancel)
			return -1;
		if (left <= 0)
			return 0;
		if (ms > 250)
			ms = 250;   /* look at the cancel flag now and then */
		k = poll(&pf, 1, ms);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -1;
		if (k == 0)
			continue;
		k = read(fd, &c, 1);
		if (k < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (k <= 0)
			return -1;
		if (c == '\n' || c == '\r')
			break;
		if (got + 1 < size)
			line[got++] = c;
	}
	line[got] = '\0';
	return 1;
}

enum heal_answer heal_approve_ask_tty(void *ctx, const char *question,
				      const char *detail)
{
	struct heal_approve_prompt dflt, *p = ctx;
	enum heal_answer a = HEAL_ANSWER_NO;
	struct heal_buf b;
	char answer[64], note[96];
	double deadline;
	int fd, tries;

	if (!p) {
		heal_approve_prompt_init(&dflt);
		p = &dflt;
	}
	if (p->all)
		return p->all > 0 ? HEAL_ANSWER_YES : HEAL_ANSWER_NO;
	/* the controlling terminal, not a project file */
	fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return HEAL_ANSWER_NO_TTY;
	/*
	 * A process outside the terminal's foreground group that reads it is
	 * stopped (SIGTTIN) and waits for ever: not asking is the answer.
	 */
	if (tcgetpgrp(fd) != getpgrp()) {
		close(fd);
		return HEAL_ANSWER_NO_TTY;
	}
	heal_buf_init(&b, (size_t)4 << 20);
	if (detail)
		put_escaped(&b, detail);
	heal_text_escape(&b, question, strlen(question), NULL);
	heal_buf_putf(&b, " [y/n/a/q] (no answer in %.0f s: no) ", p->timeout);
	heal_fd_write_all(fd, b.data, b.len);
	deadline = now() + p->timeout;
	for (tries = 0;; tries++) {
		int r = read_line(fd, answer, sizeof(answer), deadline, p->cancel);

		if (r == 0) {
			snprintf(note, sizeof(note),
				 "\nno answer in %.0f s: not applied\n", p->timeout);
			heal_fd_write_all(fd, note, strlen(note));
			a = HEAL_ANSWER_TIMEOUT;
			break;
		}
		if (r < 0) {
			heal_fd_write_all(fd, "\n", 1);
			a = HEAL_ANSWER_NO;
			break;
		}
		if (!answer[0] || strcmp(answer, "n") == 0 || strcmp(answer, "N") == 0 ||
		    strcmp(answer, "no") == 0) {
			a = HEAL_ANSWER_NO;
			break;
		}
		if (strcmp(answer, "y") == 0 || strcmp(answer, "Y") == 0 ||
		    strcmp(answer, "yes") == 0) {
			a = HEAL_ANSWER_YES;
			break;
		}
		if (strcmp(answer, "a") == 0 || strcmp(answer, "A") == 0 ||
		    strcmp(answer, "all") == 0) {
			p->all = 1;
			a = HEAL_ANSWER_YES;
			break;
		}
		if (strcmp(answer, "q") == 0 || strcmp(answer, "Q") == 0 ||
		    strcmp(answer, "quit") == 0) {
			p->all = -1;
			a = HEAL_ANSWER_NO;
			break;
		}
		if (tries >= 2) {
			a = HEAL_ANSWER_NO;
			break;
		}
		heal_buf_reset(&b);
		heal_buf_puts(&b, "y: apply, n: do not apply, a: apply this and all "
			      "the rest, q: apply none of the rest [y/n/a/q] ");
		heal_fd_write_all(fd, b.data, b.len);
	}
	heal_buf_release(&b);
	close(fd);
	return a;
}

enum heal_answer heal_approve_ask_fd(void *ctx, const char *question,
				     const char *detail)
{
	const int *fdp = ctx;
	struct heal_json *req = heal_json_new_object();
	struct heal_buf b;
	char c = 0;
	ssize_t k;
	int r;

	heal_json_object_set_str(req, "question", question);
	if (detail)
		heal_json_object_set_str(req, "detail", detail);
	heal_buf_init(&b, REQUEST_MAX);
	r = heal_json_serialize(&b, req, NULL);
	heal_json_free(req);
	if (r == 0)
		heal_buf_putc(&b, '\n');
	if (r < 0 || b.truncated || heal_fd_write_all(*fdp, b.data, b.len) < 0) {
		heal_buf_release(&b);
		return HEAL_ANSWER_NO_TTY;
	}
	heal_buf_release(&b);
	do
		k = read(*fdp, &c, 1);
	while (k < 0 && errno == EINTR);
	if (k != 1)
		return HEAL_ANSWER_NO_TTY;
	switch (c) {
	case 'y': return HEAL_ANSWER_YES;
	case 'n': return HEAL_ANSWER_NO;
	case 't': return HEAL_ANSWER_TIMEOUT;
	default: return HEAL_ANSWER_NO_TTY;
	}
}

bool heal_approve_fd_usable(int fd)
{
	struct stat st;

	return fd >= 0 && fstat(fd, &st) == 0 && S_ISSOCK(st.st_mode);
}

int heal_approve_serve(struct heal_approve_prompt *p, int fd)
{
	struct heal_buf b;
	struct heal_json *req;
	const char *q;
	enum heal_answer a;
	char block[4096], out[2];
	bool line = false;

	heal_buf_init(&b, REQUEST_MAX);
	/* the asker writes the whole line and then waits for the answer */
	while (!line) {
		ssize_t k = read(fd, block, sizeof(block));

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			bool empty = b.len == 0;

			heal_buf_release(&b);
			return k == 0 && empty ? 1 : -1;
		}
		line = memchr(block, '\n', (size_t)k) != NULL;
		if (heal_buf_add(&b, block, (size_t)k, NULL) < 0) {
			heal_buf_release(&b);
			return -1;
		}
	}
	req = heal_json_parse(b.data, b.len, NULL, NULL);
	heal_buf_release(&b);
	q = heal_json_object_get_str(req, "question");
	if (!q) {
		heal_json_free(req);
		return -1;
	}
	a = heal_approve_ask_tty(p, q, heal_json_object_get_str(req, "detail"));
	heal_json_free(req);
	out[0] = a == HEAL_ANSWER_YES ? 'y' : a == HEAL_ANSWER_NO ? 'n'
		 : a == HEAL_ANSWER_TIMEOUT ? 't' : '-';
	out[1] = '\n';
	return heal_fd_write_all(fd, out, 2) < 0 ? -1 : 0;
}
