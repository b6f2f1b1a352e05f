/*
 * The output: a finished record, written as its line of NDJSON
 * (heal_detect_write.c), waits in a bounded queue (HEAL_DETECT_QUEUE),
 * where a true repeat (the same id, file, line, column, message and detail) only
 * raises its count.  The same error at another place is a record of its
 * own, with an id of its own (occurrence_id).  A repeat after its record
 * was written is dropped while the set of written occurrences still holds
 * it; with follow set, records go out at once and repeats again with
 * their count.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_detect.h"
#include "heal_detect_int.h"
#include "heal_fingerprint.h"
#include "heal_hash.h"
#include "heal_record.h"

/*
 * Ids already written: up to SEEN_BUCKETS buckets of WAYS 64-bit id
 * prefixes (one cache line each, 512 KB in all).  A bucket keeps its most
 * recent ids; a full one of the largest table forgets its oldest, so the
 * set never fills up.
 */
#define WAYS 8u
#define WAYS_FIRST 64u
#define SEEN_BUCKETS (1u << 13)
#define SEEN_FILES_CAP 4096
/* A queue slot's text allocation kept for the next record (bytes). */
#define SLOT_KEEP (64u << 10)

/* Insert key (never 0) into an open-addressing table; true if it was new. */
static bool table_add(uint64_t *t, size_t cap, size_t *n, uint64_t key,
		      bool *found)
{
	size_t i = (size_t)(key * 0x9E3779B97F4A7C15ull >> 32) & (cap - 1);

	if (!key)
		key = 1;
	*found = false;
	for (;;) {
		if (t[i] == key) {
			*found = true;
			return false;
		}
		if (t[i] == 0)
			break;
		i = (i + 1) & (cap - 1);
	}
	if (*n >= cap / 4 * 3)
		return false;
	t[i] = key;
	(*n)++;
	return true;
}

/* A tool that wrote a record from the current input. */
static uint64_t source_tool_key(const struct heal_detect *d, const char *tool)
{
	const char *src = d->source ? d->source : "";

	return heal_hash_bytes(src, strlen(src) + 1,
			  heal_hash_bytes(tool, strlen(tool) + 1, 1469598103934665603ull));
}

static uint64_t id_key(const char *id)
{
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < 16 && id[i]; i++)
		v = v << 4 | (uint64_t)(id[i] <= '9' ? id[i] - '0' : id[i] - 'a' + 10);
	return v ? v : 1;
}

/*
 * Write a record: text (no newline) with the digits of count at count_at,
 * as one line to the caller's write, else parsed to the caller's emit.
 */
static int emit_text(struct heal_detect *d, const struct heal_buf *text,
		     size_t count_at, int64_t count, struct heal_error *err)
{
	struct heal_buf *o = &d->line_out;
	char digits[HEAL_JSON_INT_MAX];
	size_t n = heal_json_int_text(digits, count);
	struct heal_json_limits lim;
	struct heal_json *rec;

	d->nemitted++;
	heal_buf_reset(o);
	if (heal_buf_add(o, text->data, count_at, err) < 0 ||
	    heal_buf_add(o, digits, n, err) < 0 ||
	    heal_buf_add(o, text->data + count_at, text->len - count_at, err) < 0 ||
	    heal_buf_addc(o, '\n', err) < 0)
		return heal_error_prefix(err, "record too large to write");
	if (d->opt.write)
		return d->opt.write(d->opt.emit_ctx, o->data, o->len, err);
	/* the engine's own text: only the nesting is capped */
	heal_json_limits_default(&lim);
	lim.max_string = lim.max_number = lim.max_members = HEAL_DETECT_RECORD_MAX;
	rec = heal_json_parse(o->data, o->len - 1, &lim, err);
	if (!rec)
		return heal_error_prefix(err, "cannot read back a record");
	return d->opt.emit(d->opt.emit_ctx, rec, err);
}

/* Write r's record with id and count at once (follow). */
static int emit_now(struct heal_detect *d, const struct rec *r,
		    const struct heal_detect_fin *x, const char *id, int64_t count,
		    struct heal_error *err)
{
	size_t at;

	heal_buf_reset(&d->follow_text);
	if (heal_detect_record_write(d, r, x, id, &d->follow_text, &at, err) < 0)
		return -1;
	return emit_text(d, &d->follow_text, at, count, err);
}

/*
 * A zeroed table, written whole at once.  calloc's fresh pages are read
 * before they are written here: a read maps the shared zero page, and the
 * first write then replaces it, which with the reader's thread running
 * flushes the other processor's TLB (an interrupt each, dear on a VM) for
 * every page of the table.
 */
static uint64_t *table_new(size_t n)
{
	uint64_t *t = heal_malloc(n * sizeof(uint64_t));

	memset(t, 0, n * sizeof(uint64_t));
	return t;
}

static size_t ways_bucket(size_t nb, uint64_t key)
{
	return (size_t)(key * 0x9E3779B97F4A7C15ull >> 40) & (nb - 1);
}

/* The entry of key (width words: the key, then its value), or NULL. */
static uint64_t *ways_find(const struct heal_ways *w, unsigned width,
			   uint64_t key)
{
	uint64_t *e;
	size_t i;

	if (!w->nb)
		return NULL;
	e = w->t + ways_bucket(w->nb, key) * WAYS * width;
	for (i = 0; i < WAYS; i++)
		if (e[i * width] == key)
			return &e[i * width];
	return NULL;
}

/*
 * Twice the buckets (WAYS_FIRST the first time): a bucket's keys go to the
 * same bucket or the one nb above it (the hash's next bit), in their order,
 * newest first.  Keys are never 0, and a bucket's are at its front.
 */
static void ways_grow(struct heal_ways *w, unsigned width)
{
	size_t nb = w->nb ? 2 * w->nb : WAYS_FIRST, b, i;
	uint64_t *t = table_new(nb * WAYS * width);

	for (b = 0; b < w->nb; b++) {
		const uint64_t *e = w->t + b * WAYS * width;
		size_t fill[2] = { 0, 0 };

		for (i = 0; i < WAYS && e[i * width]; i++) {
			size_t to = ways_bucket(nb, e[i * width]);
			size_t k = to != b;

			memcpy(t + (to * WAYS + fill[k]++) * width, e + i * width,
			       width * sizeof(*t));
		}
	}
	free(w->t);
	w->t = t;
	w->nb = nb;
}

/*
 * Put key (absent, never 0) first in its bucket, its value 0, and return
 * its entry.  Below max buckets the table doubles when half full or when
 * the bucket is full; at max a full bucket forgets its oldest key.
 */
static uint64_t *ways_put(struct heal_ways *w, unsigned width, size_t max,
			  uint64_t key)
{
	uint64_t *e;

	if (!w->nb)
		ways_grow(w, width);
	e = w->t + ways_bucket(w->nb, key) * WAYS * width;
	if (w->nb < max && (w->n >= w->nb * WAYS / 2 || e[(WAYS - 1) * width])) {
		ways_grow(w, width);
		e = w->t + ways_bucket(w->nb, key) * WAYS * width;
	}
	memmove(e + width, e, (WAYS - 1) * width * sizeof(*e));
	memset(e, 0, width * sizeof(*e));
	e[0] = key;
	w->n++;
	return e;
}

/* Whether id (as id_key) was written. */
static bool seen_has(const struct heal_detect *d, uint64_t key)
{
	return ways_find(&d->seen, 1, key) != NULL;
}

/* Remember key (not in the set), first in its bucket; the last one goes. */
static void seen_add(struct heal_detect *d, uint64_t key)
{
	ways_put(&d->seen, 1, SEEN_BUCKETS, key);
}

/*
 * The queue's index: where key's slot is found, a key a slot (the queue
 * never holds one key twice).  A dense log's records each looked at all
 * the slots; now at one or two.
 */
#define QINDEX (4u * HEAL_DETECT_QUEUE)

static size_t qindex_home(uint64_t key)
{
	return (size_t)(key * 0x9E3779B97F4A7C15ull >> 40) & (QINDEX - 1);
}

/* The index entry of key, or of the free entry where it would go. */
static size_t qindex_at(const struct heal_detect *d, uint64_t key)
{
	size_t j = qindex_home(key);

	while (d->qindex[j] && d->qkey[d->qindex[j] - 1] != key)
		j = (j + 1) & (QINDEX - 1);
	return j;
}

/* Take out entry j, moving back the entries after it that would no
 * longer be found (linear probing's deletion, without tombstones). */
static void qindex_remove(struct heal_detect *d, size_t j)
{
	size_t k = j, home;

	for (;;) {
		d->qindex[j] = 0;
		for (;;) {
			k = (k + 1) & (QINDEX - 1);
			if (!d->qindex[k])
				return;
			home = qindex_home(d->qkey[d->qindex[k] - 1]);
			/* k's entry stays when its home lies cyclically in (j, k] */
			if (j <= k ? (j < home && home <= k) : (j < home || home <= k))
				continue;
			break;
		}
		d->qindex[j] = d->qindex[k];
		j = k;
	}
}

static int queue_pop(struct heal_detect *d, struct heal_error *err)
{
	struct queued *q = &d->q[d->qhead];
	uint64_t key = d->qkey[d->qhead];
	int rc = 0;

	qindex_remove(d, qindex_at(d, key));
	d->qkey[d->qhead] = 0;
	d->qhead = (d->qhead + 1) % HEAL_DETECT_QUEUE;
	d->qn--;
	/* a queued key is never in the set: enqueue drops those, and keeps
	 * one slot a key; an "alone" record another one followed is not
	 * written */
	if (!q->alone ||
	    (!d->other_seen && !(q->alone_last && d->alone_seen))) {
		seen_add(d, key);
		rc = emit_text(d, &q->text, q->count_at, q->count, err);
	}
	/* a slot keeps its memory for the next record, unless a large one's */
	if (q->text.cap > SLOT_KEEP)
		heal_buf_release(&q->text);
	return rc;
}

/* What tells one occurrence from another: the id, file, line, column,
 * message and detail (a NULL when absent, or when it holds a NUL): rustc's
 * two "mismatched types" on one line are two errors. */
struct occ {
	const char *file, *message, *detail;
	int64_t line, col;
};

static void occ_of(const struct rec *r, const struct heal_detect_fin *x,
		   struct occ *o)
{
	o->file = x->file;
	o->message = r->f[HEAL_PF_MESSAGE];
	o->detail = r->detail.len && !memchr(r->detail.data, '\0', r->detail.len)
		    ? r->detail.data : NULL;
	o->line = x->line > 0 && x->line <= HEAL_RECORD_POS_MAX ? x->line : 0;
	o->col = x->col > 0 && x->col <= HEAL_RECORD_POS_MAX ? x->col : 0;
}

/* The key of one occurrence.  Two records of one key are a true repeat
 * and fold into one count. */
static uint64_t occurrence_key(const char *id, const struct occ *o)
{
	const char *const v[] = { o->file, o->message, o->detail };
	uint64_t h = heal_hash_bytes(id, strlen(id) + 1, 1469598103934665603ull);
	size_t k;

	for (k = 0; k < 3; k++)
		h = v[k] ? heal_hash_bytes(v[k], strlen(v[k]) + 1, h)
		    : heal_hash_bytes("", 1, h ^ 0x5bd1);
	h = heal_hash_bytes((const char *)&o->line, sizeof(o->line), h);
	h = heal_hash_bytes((const char *)&o->col, sizeof(o->col), h);
	return h ? h : 1;
}

/*
 * Counters of ids in this run (up to NCOUNT_BUCKETS buckets of WAYS keys
 * and values, 1 MB, the oldest forgotten first): an id's key holds the key
 * of the first text (message and detail) it was written with; a text's key
 * holds how many places it was seen at.
 */
#define NCOUNT_BUCKETS (1u << 13)

static uint64_t *ncount_slot(struct heal_detect *d, uint64_t key)
{
	uint64_t *e;

	key |= !key;    /* 0 marks an empty way */
	e = ways_find(&d->ncount, 2, key);

	if (!e)
		e = ways_put(&d->ncount, 2, NCOUNT_BUCKETS, key);
	return &e[1];
}

/*
 * The id of a new occurrence of the error of id (not a repeat): the id
 * itself the first time; for another text under that id (a make's
 * "Error 2" and its sub-make's "Error 3", which the fingerprint's number
 * normalisation makes one) the fingerprint of the id and that text; for
 * the Nth place the same text is seen at (the same message on other lines
 * of a file that could not be read, whose fingerprint holds no source
 * line) the fingerprint of that and N.  Line numbers are never part of
 * it: an edit above the errors keeps their ids.
 */
static void occurrence_id(struct heal_detect *d, const struct occ *o,
			  char id[HEAL_FINGERPRINT_HEX])
{
	const char *msg = o->message, *detail = o->detail;
	uint64_t ikey = id_key(id), tkey, *first, *n;
	char nth[1 + HEAL_JSON_INT_MAX];

	tkey = heal_hash_bytes(msg ? msg : "", msg ? strlen(msg) + 1 : 1,
			  heal_hash_bytes(detail ? detail : "", detail ? strlen(detail) + 1 : 1,
				     ikey));
	tkey = tkey ? tkey : 1;
	first = ncount_slot(d, ikey ^ 0xa5a5a5a5a5a5a5a5ull);
	if (!*first)
		*first = tkey;
	if (*first != tkey)
		heal_fingerprint_memo(d->ids, id, msg, detail, NULL, NULL, NULL, id);
	n = ncount_slot(d, tkey);
	if (++*n > 1) {
		nth[0] = '#';
		nth[1 + heal_json_int_text(nth + 1, (int64_t)*n)] = '\0';
		heal_fingerprint_memo(d->ids, id, nth, NULL, NULL, NULL, NULL, id);
	}
}

/*
 * A repeat that is an error where the queued record is a warning (gcc's
 * "warning: missing terminating \" character" and then its "error:" at the
 * same place): the record is the error.  The field is the record's own
 * (it comes before the message, and a quote inside a string is escaped).
 */
static void raise_to_error(struct queued *q)
{
	static const char from[] = "\"severity\":\"warning\"";
	static const char to[] = "\"severity\":\"error\"";
	size_t at, ol = sizeof(from) - 1, nl = sizeof(to) - 1;
	const char *p = q->text.len ? memmem(q->text.data, q->text.len, from, ol) : NULL;

	if (!p)
		return;
	at = (size_t)(p - q->text.data);
	/* the new text is never longer: it fits the buffer in place */
	memcpy(q->text.data + at, to, nl);
	memmove(q->text.data + at + nl, q->text.data + at + ol, q->text.len - at - ol);
	q->text.len -= ol - nl;
	if (q->count_at > at)
		q->count_at -= ol - nl;
}

int heal_detect_enqueue(struct heal_detect *d, const struct rec *r,
			const struct heal_detect_fin *x, struct heal_error *err)
{
	struct occ oc;
	uint64_t okey;
	char id[HEAL_FINGERPRINT_HEX];
	struct queued *q;
	size_t i, k;

	/* "alone": a record only when no other is written from the run's
	 * input; queued, it waits for the end, and goes when another comes */
	if ((r->m->alone && d->other_seen) ||
	    (r->m->alone_last && d->alone_seen))
		return 0;
	if (!r->m->alone && !r->m->summary)
		d->other_seen = true;
	else if (r->m->alone && !r->m->alone_last)
		d->alone_seen = true;
	occ_of(r, x, &oc);
	okey = occurrence_key(x->id, &oc);
	k = qindex_at(d, okey);
	if (d->qindex[k]) {
		i = d->qindex[k] - 1u;
		if (d->q[i].count < HEAL_RECORD_POS_MAX)
			d->q[i].count++;
		if (x->sev && strcmp(x->sev, "error") == 0)
			raise_to_error(&d->q[i]);
		return 0;
	}
	if (d->opt.follow) {
		/* a repeated error in a followed log is shown again, counted */
		for (k = 0; k < d->nfollow; k++)
			if (d->follow_ids[k] == okey)
				break;
		if (k < d->nfollow) {
			d->follow_counts[k]++;
			return emit_now(d, r, x, d->follow_idstr[k],
					(int64_t)d->follow_counts[k], err);
		}
	} else if (seen_has(d, okey)) {
		/* already written: dropped, the record out there is not recounted */
		return 0;
	}
	memcpy(id, x->id, sizeof(id));
	id[HEAL_FINGERPRINT_HEX - 1] = '\0';
	occurrence_id(d, &oc, id);
	if (d->opt.follow) {
		if (d->nfollow < SEEN_FILES_CAP) {
			d->follow_ids[d->nfollow] = okey;
			memcpy(d->follow_idstr[d->nfollow], id, sizeof(id));
			d->follow_counts[d->nfollow++] = 1;
		}
		return emit_now(d, r, x, id, 1, err);
	}
	if (d->qn == HEAL_DETECT_QUEUE && queue_pop(d, err) < 0)
		return -1;
	i = (d->qhead + d->qn) % HEAL_DETECT_QUEUE;
	q = &d->q[i];
	if (!q->text.max)
		heal_buf_init(&q->text, HEAL_DETECT_RECORD_MAX);
	heal_buf_reset(&q->text);
	if (heal_detect_record_write(d, r, x, id, &q->text, &q->count_at, err) < 0)
		return -1;
	q->count = 1;
	q->alone = r->m->alone;
	q->alone_last = r->m->alone_last;
	d->qkey[i] = okey;
	d->qindex[qindex_at(d, okey)] = (uint16_t)(i + 1);
	d->qn++;
	return 0;
}

/* --- the engine's side ---------------------------------------------------- */

void heal_detect_fold_init(struct heal_detect *d)
{
	heal_buf_init(&d->follow_text, HEAL_DETECT_RECORD_MAX);
	heal_buf_init(&d->line_out, HEAL_DETECT_RECORD_MAX + 32);
	d->seen_files = heal_calloc(SEEN_FILES_CAP, sizeof(uint64_t));
	d->ids = heal_fingerprint_memo_new();
}

void heal_detect_fold_release(struct heal_detect *d)
{
	size_t i;

	for (i = 0; i < HEAL_DETECT_QUEUE; i++)
		heal_buf_release(&d->q[i].text);
	heal_buf_release(&d->follow_text);
	heal_buf_release(&d->line_out);
	free(d->seen.t);
	free(d->seen_files);
	free(d->ncount.t);
	heal_fingerprint_memo_free(d->ids);
	heal_detect_known_free(d);
}

int heal_detect_fold_flush(struct heal_detect *d, struct heal_error *err)
{
	while (d->qn)
		if (queue_pop(d, err) < 0)
			return -1;
	return 0;
}

/* The key of what "other" matchers wrote (heal_detect_source_note). */
#define OTHER_KEY 0x9E3779B97F4A7C15ull

static bool source_has(const struct heal_detect *d, uint64_t key)
{
	size_t j = (size_t)(key * 0x9E3779B97F4A7C15ull >> 32) & (SEEN_FILES_CAP - 1);

	if (!key)
		key = 1;	/* as table_add keeps it */
	while (d->seen_files[j]) {
		if (d->seen_files[j] == key)
			return true;
		j = (j + 1) & (SEEN_FILES_CAP - 1);
	}
	return false;
}

bool heal_detect_source_seen(const struct heal_detect *d, const char *tool,
			     bool other)
{
	uint64_t key = source_tool_key(d, tool);

	return source_has(d, key) ||
	       (other && source_has(d, (key ^ OTHER_KEY) ? key ^ OTHER_KEY : 1));
}

void heal_detect_source_note(struct heal_detect *d, const char *tool,
			     bool other)
{
	uint64_t key = source_tool_key(d, tool);
	bool found;

	if (other)
		key = (key ^ OTHER_KEY) ? key ^ OTHER_KEY : 1;
	table_add(d->seen_files, SEEN_FILES_CAP, &d->nseen_files, key, &found);
}
