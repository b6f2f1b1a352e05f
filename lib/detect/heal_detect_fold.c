/*
 * The output: a finished record waits in a bounded queue
 * (HEAL_DETECT_QUEUE), where a true repeat (the same id, file, line,
 * message and detail) only raises its count.  The same error at another
 * place is a record of its own, with an id of its own (occurrence_id).
 * A repeat after its record was written is dropped while the set of
 * written occurrences still holds it; with follow set, records go out at
 * once and repeats again with their count.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heal_alloc.h"
#include "heal_detect.h"
#include "heal_detect_int.h"
#include "heal_fingerprint.h"
#include "heal_record.h"

/*
 * Ids already written: SEEN_BUCKETS buckets of SEEN_WAYS 64-bit id prefixes
 * (one cache line each, 512 KB in all).  A bucket keeps its most recent
 * ids; a full one forgets its oldest, so the set never fills up.
 */
#define SEEN_WAYS 8u
#define SEEN_BUCKETS (1u << 13)
#define SEEN_FILES_CAP 4096

/*
 * A 64-bit hash of s[0..n) continuing h, eight bytes a step (the keys it
 * makes live in this process only; messages and details are long enough
 * that FNV's byte a step showed in the dense log's profile).
 */
static uint64_t hash_bytes(const char *s, size_t n, uint64_t h)
{
	uint64_t w;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0x9E3779B97F4A7C15ull;
		h ^= h >> 29;
	}
	w = n;
	while (n--)
		w = w << 8 | (unsigned char)s[n];
	h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
	return h ^ (h >> 31);
}

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

	return hash_bytes(src, strlen(src) + 1,
			  hash_bytes(tool, strlen(tool) + 1, 1469598103934665603ull));
}

static uint64_t id_key(const char *id)
{
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < 16 && id[i]; i++)
		v = v << 4 | (uint64_t)(id[i] <= '9' ? id[i] - '0' : id[i] - 'a' + 10);
	return v ? v : 1;
}

static int emit_one(struct heal_detect *d, struct heal_json *rec,
		    struct heal_error *err)
{
	d->nemitted++;
	return d->opt.emit(d->opt.emit_ctx, rec, err);
}

static uint64_t *seen_bucket(const struct heal_detect *d, uint64_t key)
{
	size_t b = (size_t)(key * 0x9E3779B97F4A7C15ull >> 40) & (SEEN_BUCKETS - 1);

	return d->seen + b * SEEN_WAYS;
}

/* Whether id (as id_key) was written. */
static bool seen_has(const struct heal_detect *d, uint64_t key)
{
	const uint64_t *b = seen_bucket(d, key);
	size_t i;

	for (i = 0; i < SEEN_WAYS; i++)
		if (b[i] == key)
			return true;
	return false;
}

/* Remember key (not in the set), first in its bucket; the last one goes. */
static void seen_add(struct heal_detect *d, uint64_t key)
{
	uint64_t *b = seen_bucket(d, key);

	memmove(b + 1, b, (SEEN_WAYS - 1) * sizeof(*b));
	b[0] = key;
}

static int queue_pop(struct heal_detect *d, struct heal_error *err)
{
	struct queued q = d->q[d->qhead];
	uint64_t key = d->qkey[d->qhead];

	d->qkey[d->qhead] = 0;
	d->qhead = (d->qhead + 1) % HEAL_DETECT_QUEUE;
	d->qn--;
	/* a queued id is never in the set: enqueue drops those */
	if (!seen_has(d, key))
		seen_add(d, key);
	return emit_one(d, q.rec, err);
}

/* The key of one occurrence: the id, file, line, message and detail.  Two
 * records of one key are a true repeat and fold into one count. */
static uint64_t occurrence_key(const char *id, const struct heal_json *rec)
{
	static const char *const keys[] = { "file", "message", "detail", NULL };
	uint64_t h = hash_bytes(id, strlen(id) + 1, 1469598103934665603ull);
	int64_t line = 0;
	size_t k;

	for (k = 0; keys[k]; k++) {
		const char *v = heal_json_object_get_str(rec, keys[k]);

		h = v ? hash_bytes(v, strlen(v) + 1, h) : hash_bytes("", 1, h ^ 0x5bd1);
	}
	heal_json_object_get_int(rec, "line", 0, INT64_MAX, &line);
	h = hash_bytes((const char *)&line, sizeof(line), h);
	return h ? h : 1;
}

/*
 * Counters of ids in this run (NCOUNT_BUCKETS buckets of NCOUNT_WAYS keys
 * and values, 1 MB, the oldest forgotten first): an id's key holds the key
 * of the first text (message and detail) it was written with; a text's key
 * holds how many places it was seen at.
 */
#define NCOUNT_WAYS 8u
#define NCOUNT_BUCKETS (1u << 13)

static uint64_t *ncount_slot(struct heal_detect *d, uint64_t key)
{
	size_t b = (size_t)(key * 0x9E3779B97F4A7C15ull >> 40) & (NCOUNT_BUCKETS - 1);
	uint64_t *e;
	size_t i;

	if (!d->ncount)
		d->ncount = heal_calloc((size_t)NCOUNT_BUCKETS * NCOUNT_WAYS * 2,
					sizeof(uint64_t));
	e = d->ncount + b * NCOUNT_WAYS * 2;
	for (i = 0; i < NCOUNT_WAYS; i++)
		if (e[2 * i] == key)
			return &e[2 * i + 1];
	memmove(e + 2, e, (NCOUNT_WAYS - 1) * 2 * sizeof(*e));
	e[0] = key;
	e[1] = 0;
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
static void occurrence_id(struct heal_detect *d, const struct heal_json *rec,
			  char id[HEAL_FINGERPRINT_HEX])
{
	const char *msg = heal_json_object_get_str(rec, "message");
	const char *detail = heal_json_object_get_str(rec, "detail");
	uint64_t ikey = id_key(id), tkey, *first, *n;
	char nth[24];

	tkey = hash_bytes(msg ? msg : "", msg ? strlen(msg) + 1 : 1,
			  hash_bytes(detail ? detail : "", detail ? strlen(detail) + 1 : 1,
				     ikey));
	tkey = tkey ? tkey : 1;
	first = ncount_slot(d, ikey ^ 0xa5a5a5a5a5a5a5a5ull);
	if (!*first)
		*first = tkey;
	if (*first != tkey)
		heal_fingerprint(id, msg, detail, NULL, NULL, NULL, id);
	n = ncount_slot(d, tkey);
	if (++*n > 1) {
		snprintf(nth, sizeof(nth), "#%llu", (unsigned long long)*n);
		heal_fingerprint(id, nth, NULL, NULL, NULL, NULL, id);
	}
}

int heal_detect_enqueue(struct heal_detect *d, struct heal_json *rec,
			const char *base_id, struct heal_error *err)
{
	uint64_t okey = occurrence_key(base_id, rec);
	char id[HEAL_FINGERPRINT_HEX];
	size_t i, k;

	for (i = 0; i < HEAL_DETECT_QUEUE; i++)
		if (d->qkey[i] == okey)
			break;
	if (i < HEAL_DETECT_QUEUE) {
		int64_t c = 1;

		heal_json_object_get_int(d->q[i].rec, "count", 1, INT64_MAX, &c);
		if (c < HEAL_RECORD_POS_MAX)
			c++;
		heal_json_object_set_int(d->q[i].rec, "count", c);
		heal_json_free(rec);
		return 0;
	}
	if (d->opt.follow) {
		/* a repeated error in a followed log is shown again, counted */
		for (k = 0; k < d->nfollow; k++)
			if (d->follow_ids[k] == okey)
				break;
		if (k < d->nfollow) {
			d->follow_counts[k]++;
			heal_json_object_set_int(rec, "count",
						 (int64_t)d->follow_counts[k]);
			heal_json_object_set_str(rec, "id", d->follow_idstr[k]);
			return emit_one(d, rec, err);
		}
	} else if (seen_has(d, okey)) {
		/* already written: dropped, the record out there is not recounted */
		heal_json_free(rec);
		return 0;
	}
	memcpy(id, base_id, sizeof(id));
	id[HEAL_FINGERPRINT_HEX - 1] = '\0';
	occurrence_id(d, rec, id);
	heal_json_object_set_str(rec, "id", id);
	if (d->opt.follow) {
		if (d->nfollow < SEEN_FILES_CAP) {
			d->follow_ids[d->nfollow] = okey;
			memcpy(d->follow_idstr[d->nfollow], id, sizeof(id));
			d->follow_counts[d->nfollow++] = 1;
		}
		return emit_one(d, rec, err);
	}
	if (d->qn == HEAL_DETECT_QUEUE && queue_pop(d, err) < 0) {
		heal_json_free(rec);
		return -1;
	}
	i = (d->qhead + d->qn) % HEAL_DETECT_QUEUE;
	d->q[i].rec = rec;
	d->qkey[i] = okey;
	d->qn++;
	return 0;
}


/* --- the engine's side ---------------------------------------------------- */

void heal_detect_fold_init(struct heal_detect *d)
{
	d->seen = heal_calloc((size_t)SEEN_BUCKETS * SEEN_WAYS, sizeof(uint64_t));
	d->seen_files = heal_calloc(SEEN_FILES_CAP, sizeof(uint64_t));
}

void heal_detect_fold_release(struct heal_detect *d)
{
	size_t i;

	for (i = 0; i < d->qn; i++)
		heal_json_free(d->q[(d->qhead + i) % HEAL_DETECT_QUEUE].rec);
	free(d->seen);
	free(d->seen_files);
	free(d->ncount);
}

int heal_detect_fold_flush(struct heal_detect *d, struct heal_error *err)
{
	while (d->qn)
		if (queue_pop(d, err) < 0)
			return -1;
	return 0;
}

bool heal_detect_source_seen(const struct heal_detect *d, const char *tool)
{
	uint64_t key = source_tool_key(d, tool);
	size_t j = (size_t)(key * 0x9E3779B97F4A7C15ull >> 32) & (SEEN_FILES_CAP - 1);

	while (d->seen_files[j]) {
		if (d->seen_files[j] == key)
			return true;
		j = (j + 1) & (SEEN_FILES_CAP - 1);
	}
	return false;
}

void heal_detect_source_note(struct heal_detect *d, const char *tool)
{
	bool found;

	table_add(d->seen_files, SEEN_FILES_CAP, &d->nseen_files,
		  source_tool_key(d, tool), &found);
}
