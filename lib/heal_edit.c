#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_edit.h"
#include "heal_banned.h"

bool heal_edit_is_crlf(const char *data, size_t len)
{
	size_t crlf = 0, lf = 0, i;

	for (i = 0; i < len; i++) {
		if (data[i] != '\n')
			continue;
		if (i > 0 && data[i - 1] == '\r')
			crlf++;
		else
			lf++;
	}
	return crlf > lf;
}

/* Stable order by start: qsort is not stable, so compare indexes too. */
struct slot {
	const struct heal_edit *e;
	size_t idx;
};

static int cmp_slot(const void *a, const void *b)
{
	const struct slot *x = a, *y = b;

	if (x->e->start != y->e->start)
		return x->e->start < y->e->start ? -1 : 1;
	if (x->e->end != y->e->end)
		return x->e->end < y->e->end ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int add_text(struct heal_buf *out, const char *s, size_t len,
		    bool crlf, bool any_crlf, struct heal_error *err)
{
	size_t i, from = 0;

	for (i = 0; i < len; i++) {
		if (s[i] != '\n')
			continue;
		if (crlf && (i == 0 || s[i - 1] != '\r')) {
			if (heal_buf_add(out, s + from, i - from, err) < 0 ||
			    heal_buf_add(out, "\r\n", 2, err) < 0)
				return -1;
			from = i + 1;
		} else if (!any_crlf && i > 0 && s[i - 1] == '\r') {
			if (heal_buf_add(out, s + from, i - 1 - from, err) < 0 ||
			    heal_buf_addc(out, '\n', err) < 0)
				return -1;
			from = i + 1;
		}
	}
	return heal_buf_add(out, s + from, len - from, err);
}

static bool splits_crlf(const char *old, size_t oldlen, size_t off)
{
	return off > 0 && off < oldlen && old[off - 1] == '\r' &&
	       old[off] == '\n';
}

int heal_edit_apply(const char *old, size_t oldlen,
		    const struct heal_edit *edits, size_t n,
		    struct heal_buf *out, struct heal_error *err)
{
	size_t base = out->len, pos = 0, i;
	bool crlf = heal_edit_is_crlf(old, oldlen);
	bool any_crlf = crlf || memmem(old, oldlen, "\r\n", 2) != NULL;
	bool had_nl = oldlen > 0 && old[oldlen - 1] == '\n';
	struct slot *s;
	int rc = -1;

	s = heal_reallocarray(NULL, n ? n : 1, sizeof(*s));
	for (i = 0; i < n; i++) {
		s[i].e = &edits[i];
		s[i].idx = i;
	}
	qsort(s, n, sizeof(*s), cmp_slot);
	for (i = 0; i < n; i++) {
		const struct heal_edit *e = s[i].e;

		if (e->start > e->end || e->end > oldlen) {
			heal_error_set(err, HEAL_ERR_INPUT,
				       "edit %zu-%zu lies outside the file (%zu bytes)",
				       e->start, e->end, oldlen);
			goto out;
		}
		if (e->start < pos) {
			heal_error_set(err, HEAL_ERR_INPUT,
				       "edits overlap at byte %zu", e->start);
			goto out;
		}
		if (splits_crlf(old, oldlen, e->start) ||
		    splits_crlf(old, oldlen, e->end)) {
			heal_error_set(err, HEAL_ERR_INPUT,
				       "edit %zu-%zu splits a CRLF line end",
				       e->start, e->end);
			goto out;
		}
		if (heal_buf_add(out, old + pos, e->start - pos, err) < 0 ||
		    add_text(out, e->text, e->len, crlf, any_crlf, err) < 0)
			goto out;
		pos = e->end;
	}
	if (heal_buf_add(out, old + pos, oldlen - pos, err) < 0)
		goto out;
	if (oldlen > 0 && out->len > base) {
		bool has_nl = out->data[out->len - 1] == '\n';

		if (had_nl && !has_nl) {
			if (heal_buf_adds(out, crlf ? "\r\n" : "\n", err) < 0)
				goto out;
		} else if (!had_nl && has_nl) {
			size_t cut = 1;

			if (out->len - base >= 2 && out->data[out->len - 2] == '\r')
				cut = 2;
			heal_buf_truncate(out, out->len - cut);
		}
	}
	rc = 0;
out:
	if (rc < 0)
		heal_buf_truncate(out, base);
	free(s);
	return rc;
}
