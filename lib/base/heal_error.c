#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "heal_error.h"

void heal_error_clear(struct heal_error *err)
{
	if (!err)
		return;
	err->code = HEAL_OK;
	err->sys_errno = 0;
	err->msg[0] = '\0';
}

__attribute__((format(printf, 4, 0)))
static void set_va(struct heal_error *err, enum heal_err code, int errnum,
		   const char *fmt, va_list ap)
{
	err->code = code;
	err->sys_errno = errnum;
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
}

int heal_error_set(struct heal_error *err, enum heal_err code,
		   const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return -1;
	va_start(ap, fmt);
	set_va(err, code, 0, fmt, ap);
	va_end(ap);
	return -1;
}

int heal_error_sys(struct heal_error *err, int errnum, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	if (!err)
		return -1;
	va_start(ap, fmt);
	set_va(err, errnum == ENOMEM ? HEAL_ERR_NOMEM : HEAL_ERR_IO, errnum,
	       fmt, ap);
	va_end(ap);
	n = strlen(err->msg);
	if (n < sizeof(err->msg))
		snprintf(err->msg + n, sizeof(err->msg) - n, ": %s",
			 strerror(errnum));
	return -1;
}

/* dst = a + ": " + b, cut to fit */
static void compose(char *dst, size_t size, const char *a, const char *b)
{
	size_t n = 0;
	const char *parts[3] = { a, ": ", b };
	int i;

	for (i = 0; i < 3; i++) {
		size_t k = strlen(parts[i]);

		if (k > size - 1 - n)
			k = size - 1 - n;
		memcpy(dst + n, parts[i], k);
		n += k;
	}
	dst[n] = '\0';
}

int heal_error_prefix(struct heal_error *err, const char *fmt, ...)
{
	char head[HEAL_ERROR_MSG_MAX];
	char old[HEAL_ERROR_MSG_MAX];
	va_list ap;

	if (!err)
		return -1;
	va_start(ap, fmt);
	vsnprintf(head, sizeof(head), fmt, ap);
	va_end(ap);
	memcpy(old, err->msg, sizeof(old));
	compose(err->msg, sizeof(err->msg), head, old);
	return -1;
}

const char *heal_error_code_name(enum heal_err code)
{
	switch (code) {
	case HEAL_OK: return "ok";
	case HEAL_ERR_USAGE: return "usage";
	case HEAL_ERR_INPUT: return "bad input";
	case HEAL_ERR_LIMIT: return "limit exceeded";
	case HEAL_ERR_IO: return "i/o error";
	case HEAL_ERR_NOMEM: return "out of memory";
	case HEAL_ERR_REFUSED: return "refused";
	case HEAL_ERR_STALE: return "stale";
	case HEAL_ERR_BUSY: return "busy";
	case HEAL_ERR_INTERNAL: return "internal error";
	}
	return "unknown";
}
