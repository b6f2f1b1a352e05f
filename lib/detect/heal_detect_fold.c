/*
 * The output: a finished record waits in a bounded queue
 * (HEAL_DETECT_QUEUE), where the same error seen again (the same id) only
 * raises its count; one of the same id that says something else gets an
 * id of its own.  A repeat after its record was written is dropped while
 * the set of written ids still holds it; with follow set, records go out
 * at once and repeats again with their count.  Which repeats fold, and
 * any cap on a group of them, is decided in heal_detect_enqueue.
 */
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

static uint64_t hash_bytes(const char *s, size_t n, uint64_t h)
{
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h;
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
	uint64_t key = id_key(q.id);

	d->qhead = (d->qhead + 1) % HEAL_DETECT_QUEUE;
	d->qn--;
	/* a queued id is never in the set: enqueue drops those */
	if (!seen_has(d, key))
		seen_add(d, key);
	return emit_one(d, q.rec, err);
}

/* Whether a and b (records with one id) say the same thing: the same
 * message and detail, byte for byte. */
static bool same_text(const struct heal_json *a, const struct heal_json *b)
{
	static const char *const keys[] = { "message", "detail", NULL };
	size_t k;

	for (k = 0; keys[k]; k++) {
		const char *x = heal_json_object_get_str(a, keys[k]);
		const char *y = heal_json_object_get_str(b, keys[k]);

		if ((x == NULL) != (y == NULL) || (x && strcmp(x, y) != 0))
			return false;
	}
	return true;
}

int heal_detect_enqueue(struct heal_detect *d, struct heal_json *rec,
			const char *id, struct heal_error *err)
{
	size_t i;
	bool found = false;
	size_t k;
	char alt[HEAL_FINGERPRINT_HEX];
	int tries = 0;

again:
	for (i = 0; i < d->qn; i++) {
		struct queued *q = &d->q[(d->qhead + i) % HEAL_DETECT_QUEUE];

		if (strcmp(q->id, id) == 0 && !same_text(q->rec, rec) &&
		    tries < 4) {
			/* the fingerprint normalises numbers and leaves the
			 * detail out: "[Makefile:2: all] Error 2" of a make
			 * is not the "Error 3" of its sub-make, nor two
			 * terraform errors of one title with other details
			 * the same error.  Give it an id of its own. */
			heal_fingerprint(id, heal_json_object_get_str(rec, "message"),
					 heal_json_object_get_str(rec, "detail"),
					 NULL, NULL, NULL, alt);
			heal_json_object_set_str(rec, "id", alt);
			id = alt;
			tries++;
			goto again;
		}
		if (strcmp(q->id, id) == 0) {
			int64_t c = 1;

			heal_json_object_get_int(q->rec, "count", 1, INT64_MAX, &c);
			if (c < HEAL_RECORD_POS_MAX)
				c++;
			heal_json_object_set_int(q->rec, "count", c);
			heal_json_free(rec);
			return 0;
		}
	}
	/* already written: dropped, the record out there is not recounted */
	found = seen_has(d, id_key(id));
	if (found && !d->opt.follow) {
		heal_json_free(rec);
		return 0;
	}
	if (d->opt.follow) {
		/* a repeated error in a followed log is shown again, counted */
		uint64_t key = id_key(id);

		for (k = 0; k < d->nfollow; k++)
			if (d->follow_ids[k] == key)
				break;
		if (k < d->nfollow) {
			d->follow_counts[k]++;
			heal_json_object_set_int(rec, "count",
						 (int64_t)d->follow_counts[k]);
		} else if (d->nfollow < SEEN_FILES_CAP) {
			d->follow_ids[d->nfollow] = key;
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
	memcpy(d->q[i].id, id, sizeof(d->q[i].id));
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
