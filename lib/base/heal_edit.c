#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_edit.h"

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
		    struct heal_buf *out, size_t *newlens,
		    struct heal_error *err)
{
	size_t base = out->len, pos = 0, i;
	bool crlf = heal_edit_is_crlf(old, oldlen);
	bool any_crlf = crlf || memmem(old, oldlen, "\r\n", 2) != NULL;
	bool had_nl = oldlen > 0 && old[oldlen - 1] == '\n', whole = false;
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
		size_t at;

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
		if (heal_buf_add(out, old + pos, e->start - pos, err) < 0)
			goto out;
		at = out->len;
		if (e->start == 0 && e->end == oldlen && oldlen > 0) {
			/* the whole file, line ends and final newline as given:
			 * a conversion of its line ends (strip-cr) */
			if (heal_buf_add(out, e->text, e->len, err) < 0)
				goto out;
			whole = true;
		} else if (add_text(out, e->text, e->len, crlf, any_crlf, err) < 0) {
			goto out;
		}
		if (newlens)
			newlens[s[i].idx] = out->len - at;
		pos = e->end;
	}
	if (heal_buf_add(out, old + pos, oldlen - pos, err) < 0)
		goto out;
	if (oldlen > 0 && out->len > base && !whole) {
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

static bool ends_line(const char *text, size_t len)
{
	return len > 0 && text[len - 1] == '\n';
}

enum heal_edit_rebase heal_edit_rebase(const struct heal_edit_done *done,
				       size_t n, const char *cur,
				       size_t curlen, struct heal_edit *e,
				       size_t *which)
{
	size_t s = e->start, t = e->end, i;
	size_t add = 0, sub = 0;         /* of the applied edits before e */
	size_t stacked = 0, first_stacked = SIZE_MAX, at;
	bool ins = s == t;

	for (i = 0; i < n; i++) {
		const struct heal_edit_done *d = &done[i];
		bool dins = d->start == d->end, before;

		if (d->start == s && d->end == t && d->len == e->len &&
		    memcmp(d->text, e->text, e->len) == 0) {
			*which = i;
			return HEAL_EDIT_DUPLICATE;
		}
		if (!ins && !dins) {
			if (d->end <= s)
				before = true;
			else if (d->start >= t)
				before = false;
			else
				goto conflict;
		} else if (ins && dins) {
			if (d->start != s) {
				before = d->start < s;
			} else if (ends_line(d->text, d->len) &&
				   ends_line(e->text, e->len)) {
				/* whole lines at one spot: after the others */
				stacked += d->newlen;
				if (first_stacked == SIZE_MAX)
					first_stacked = i;
				continue;
			} else {
				goto conflict;
			}
		} else if (dins) {
			/* an applied insert against a range: strictly outside */
			if (d->start < s)
				before = true;
			else if (d->start > t)
				before = false;
			else
				goto conflict;
		} else {
			/* an insert against an applied range: strictly outside */
			if (d->end < s)
				before = true;
			else if (d->start > s)
				before = false;
			else
				goto conflict;
		}
		if (before) {
			add += d->newlen;
			sub += d->end - d->start;
		}
	}
	/* sub <= s: the edits before e lie within [0, s) */
	at = s - sub + add;
	if (first_stacked != SIZE_MAX &&
	    !(at == 0 || (at <= curlen && cur[at - 1] == '\n'))) {
		i = first_stacked;
		goto conflict;
	}
	e->start = at + stacked;
	e->end = t - sub + add + stacked;
	return HEAL_EDIT_REBASED;
conflict:
	*which = i;
	return HEAL_EDIT_CONFLICT;
}
