#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "heal_alloc.h"
#include "heal_lines.h"

void heal_lines_init(struct heal_lines *r, heal_read_fn fn, void *ctx,
		     size_t max_line)
{
	memset(r, 0, sizeof(*r));
	r->read = fn;
	r->ctx = ctx;
	r->fd = -1;
	r->max_line = max_line ? max_line : 1;
	r->cap = r->max_line + HEAL_LINES_BLOCK;
	r->buf = heal_malloc(r->cap);
}

static ssize_t fd_read(void *ctx, void *buf, size_t n)
{
	struct heal_lines *r = ctx;
	ssize_t k;

	do
		k = read(r->fd, buf, n);
	while (k < 0 && errno == EINTR);
	return k;
}

void heal_lines_init_fd(struct heal_lines *r, int fd, size_t max_line)
{
	heal_lines_init(r, fd_read, NULL, max_line);
	r->ctx = r;
	r->fd = fd;
}

void heal_lines_release(struct heal_lines *r)
{
	if (!r)
		return;
	free(r->buf);
	r->buf = NULL;
}

static void emit(struct heal_lines *r, struct heal_line *out, size_t len,
		 bool truncated)
{
	out->data = r->buf + r->start;
	out->len = len;
	out->truncated = truncated;
	out->crlf = false;
	if (!truncated && len && out->data[len - 1] == '\r') {
		out->len--;
		out->crlf = true;
	}
	out->lineno = ++r->lineno;
}

int heal_lines_next(struct heal_lines *r, struct heal_line *out,
		    struct heal_error *err)
{
	if (r->drop_pending) {
		r->start = r->drop_to;
		r->drop_pending = false;
	}
	for (;;) {
		char *nl = NULL;
		ssize_t k;

		if (r->scanned < r->start)
			r->scanned = r->start;
		if (r->scanned < r->end)
			nl = memchr(r->buf + r->scanned, '\n',
				    r->end - r->scanned);
		if (nl) {
			size_t len = (size_t)(nl - (r->buf + r->start));

			r->scanned = (size_t)(nl - r->buf) + 1;
			if (r->skipping) {
				r->skipping = false;
				r->start = r->scanned;
				continue;
			}
			if (len > r->max_line) {
				emit(r, out, r->max_line, true);
			} else {
				emit(r, out, len, false);
			}
			r->drop_pending = true;
			r->drop_to = r->scanned;
			return 1;
		}
		r->scanned = r->end;
		if (r->skipping) {
			r->start = r->end = r->scanned = 0;
		} else if (r->end - r->start >= r->max_line) {
			emit(r, out, r->max_line, true);
			r->skipping = true;
			/* drop everything buffered; the rest is skipped */
			r->drop_pending = true;
			r->drop_to = r->end;
			return 1;
		}
		if (r->eof) {
			if (r->end > r->start && !r->skipping) {
				emit(r, out, r->end - r->start, false);
				r->drop_pending = true;
				r->drop_to = r->end;
				return 1;
			}
			return 0;
		}
		if (r->start > 0) {
			memmove(r->buf, r->buf + r->start, r->end - r->start);
			r->end -= r->start;
			r->scanned -= r->start;
			r->start = 0;
		}
		k = r->read(r->ctx, r->buf + r->end, r->cap - r->end);
		if (k < 0)
			return heal_error_sys(err, errno, "read failed");
		if (k == 0)
			r->eof = true;
		r->end += (size_t)k;
	}
}
