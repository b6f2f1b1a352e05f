/*
 * heal_detect_reader.c - reading ahead.  While the engine matches one
 * block of lines, a second thread reads the next ones and finds their
 * candidate lines (heal_detect_scan.c), the part of the work that does
 * not depend on what is open.  On a log where few lines may start
 * anything that scan is most of a single thread's time; on two cores it
 * costs the engine nothing but a copy.
 *
 * The thread reads into a ring of blocks; a block holds complete lines
 * (a line longer than a block comes in pieces, a candidate whatever its
 * bytes), their candidates, and the stream offsets the engine appends
 * them at.  Reading, it touches nothing of the engine's but what never
 * changes after heal_detect_new: the pattern set's prefilter and the
 * options.
 *
 * On a log where every fifth line is an error the engine is the slower
 * one, and the thread waits for free blocks half of the time.  It then
 * completes the records the engine has finished matching (classify,
 * fingerprint, fold and write them: heal_detect_complete), which were a
 * third of the engine's time.  The records go through a second ring in
 * the order the engine finished them and are completed in that order,
 * by one thread at a time (omu): by the reader's when it has time, else
 * by the engine's, which never waits for room (a thread still in a read()
 * of a quiet pipe could not make it).  The output's state (the fold
 * queue, the counts, the write callback) is only touched under omu.  A
 * third thread for the output was measured and dropped: three busy
 * threads on two cores took the engine's processor as much as they
 * relieved it.
 *
 * That hand-over pays only when the two threads share a cache: each
 * record's memory goes from the engine's core to the reader's and back.
 * On two cores of different dies (seen on a virtual machine, a cache
 * line's round trip 450 ns) completing on the reader's thread cost
 * 270 ms of CPU on 50 MB of dense log and saved no time.  So the threads
 * first pass a cache line back and forth (probe): at PROBE_NEAR_NS
 * or more a round trip, or when the thread does not answer at once (one
 * processor), the engine completes each record as it finishes it, while
 * it is in its cache, and the thread only reads and scans.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "heal_alloc.h"
#include "heal_detect_int.h"
#include "heal_regex.h"

/* Blocks in the ring; a full ring's thread is woken once this many are
 * free again, not at every block (on two cores each wake-up could take
 * the processor from the engine), and completes records while the engine
 * has this many waiting. */
#define RING 8u
#define REFILL (RING / 2)

/*
 * Finished records in flight; how many the engine hands over at a time;
 * how many wait before a thread waiting for a free block is woken for
 * them; how many the thread completes before it looks at the blocks
 * again.
 */
#define OUT_RING 1024u
#define OUT_BATCH 64u
#define OUT_WAKE 256u
#define OUT_TURN 128u
/* The memory the ring's records may hold (as record_bytes counts it): a
 * ring of large records (tracebacks of a thousand frames) stays bounded. */
#define OUT_BYTES (4u << 20)

/*
 * The probe: round trips of a cache line between the threads, the first
 * PROBE_SKIP not timed (the thread's start); a round trip of NEAR_NS or
 * more is another die's; WAIT_NS without an answer, another processor's
 * turn (one processor for both).
 */
#define PROBE_TRIPS 48u
#define PROBE_SKIP 16u
/* Two cores of one die measured 220-260 ns a round trip (the threads
 * sharing the records there: 0.50 s on 50 MB of dense log, against 0.67
 * s with the engine completing them); two dies, 450 ns. */
#define PROBE_NEAR_NS 350u
#define PROBE_WAIT_NS 2000000u

struct heal_detect_reader {
	/* the probe's line, alone in its cache line */
	char pad0[64];
	atomic_uint ping;
	atomic_bool probe_off;
	char pad1[64];
	bool completes;               /* the thread completes records */
	struct heal_detect *d;
	struct heal_detect_colour colour; /* the coloured lines it scanned */
	int fd;
	pthread_t th;
	bool started;
	pthread_mutex_t mu;
	pthread_cond_t filled, freed;
	struct heal_detect_block blk[RING];
	size_t rd, nfull;             /* the engine's next block, ready ones */
	bool stop;
	bool waits;                   /* the thread waits for work */
	/* records to complete: out[ohead..otail) handed over (under mu),
	 * claimed and completed under omu */
	pthread_mutex_t omu;
	struct heal_detect_done out[OUT_RING];
	size_t ohead, otail;
	bool ofailed;                 /* under mu: oerr is the first error */
	struct heal_error oerr;
	char scratch[MSCRATCH];       /* under omu */
	size_t ofill;                 /* the engine's: records put in out */
	size_t ohead_seen;            /* the engine's: ohead when last seen */
	size_t ofreed;                /* the engine's: out[ofreed..ofill)
					 hold memory, obytes of text */
	size_t obytes;                /* (record_bytes) */
	size_t osize[OUT_RING];
	/* the thread's own */
	char *carry;                  /* a partial line, read ahead of its end */
	size_t ncarry;
	uint64_t carry_base;          /* the stream offset of carry[0] */
	uint64_t line0;               /* the start of the line carry is in */
};

/*
 * Fill b: the carried partial line, then what read() gives, to a newline
 * or a full block.  false after the last block (end of input, an error).
 */
static bool fill(struct heal_detect_reader *r, struct heal_detect_block *b)
{
	size_t len = r->ncarry, done;
	const char *nl = NULL;

	memcpy(b->data, r->carry, len);
	b->base = r->carry_base;
	b->err = 0;
	b->eof = false;
	heal_detect_cands_reset(&b->cand);
	while (len < HEAL_DETECT_BLOCK) {
		ssize_t n;

		pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, NULL);
		n = read(r->fd, b->data + len, HEAL_DETECT_BLOCK - len);
		pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, NULL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			b->err = errno;
			break;
		}
		if (n == 0) {
			b->eof = true;
			break;
		}
		nl = memrchr(b->data + len, '\n', (size_t)n);
		len += (size_t)n;
		if (nl)
			break;
	}
	/* the carry holds no newline, and the loop stops at the first read
	 * that has one: nl is the block's last */
	if (nl) {
		done = (size_t)(nl - b->data) + 1;
		heal_detect_scan_run(r->d, b->data, done, b->base, r->line0,
				     &r->colour, &b->cand);
		b->scan_end = b->base + done;
		r->line0 = b->base + done;
	} else if (len == HEAL_DETECT_BLOCK) {
		/* a line longer than a block: a candidate, whatever is in it
		 * (a literal may straddle two blocks) */
		done = len;
		heal_detect_cands_push(&b->cand, r->line0, HEAL_PF_IDS_UNKNOWN);
		b->scan_end = b->base + len;
	} else {
		/* the last line, without its newline: looked at unscanned */
		done = 0;
		b->scan_end = b->base;
	}
	if (b->eof || b->err)
		done = len;
	b->len = done;
	r->ncarry = len - done;
	memcpy(r->carry, b->data + done, r->ncarry);
	r->carry_base = b->base + done;
	return !b->eof && !b->err;
}

/*
 * Complete up to max of the records handed over, in order (any thread):
 * how many were taken.
 */
static size_t complete_some(struct heal_detect_reader *r, size_t max)
{
	struct heal_error err = HEAL_ERROR_INIT;
	size_t i, start, end;
	bool failed;

	pthread_mutex_lock(&r->omu);
	pthread_mutex_lock(&r->mu);
	start = r->ohead;
	end = r->otail - start > max ? start + max : r->otail;
	failed = r->ofailed;
	pthread_mutex_unlock(&r->mu);
	/* after a failure the rest is only passed over (the engine frees it) */
	for (i = start; i != end && !failed; i++)
		if (heal_detect_complete(r->d, &r->out[i % OUT_RING], r->scratch,
					 &err) < 0)
			failed = true;
	pthread_mutex_lock(&r->mu);
	r->ohead = end;
	if (failed && !r->ofailed) {
		r->ofailed = true;
		r->oerr = err;
	}
	pthread_mutex_unlock(&r->mu);
	pthread_mutex_unlock(&r->omu);
	return end - start;
}

/* The thread's match context (its completions classify). */
static void thread_end(void *unused)
{
	(void)unused;
	heal_regex_thread_end();
}

static void run(struct heal_detect_reader *r)
{
	size_t wr = 0;
	bool more = true;

	pthread_mutex_lock(&r->mu);
	while (!r->stop) {
		size_t pending = r->otail - r->ohead;
		struct heal_detect_block *b;

		/* the engine's blocks first while it has few; records when
		 * it has enough, or when blocks cannot be read */
		if (pending && (!more || r->nfull >= REFILL) && r->completes) {
			pthread_mutex_unlock(&r->mu);
			complete_some(r, OUT_TURN);
			pthread_mutex_lock(&r->mu);
			continue;
		}
		if (!more || r->nfull == RING) {
			r->waits = true;
			pthread_cond_wait(&r->freed, &r->mu);
			r->waits = false;
			continue;
		}
		/* the candidate lines' literals are found here too (from a
		 * line's first literal to its end, less than the engine's
		 * pass over the whole line would cost), and with them the
		 * lines the engine may jump over while nothing is open
		 * (heal_prefilter_ids_weak) */
		pthread_mutex_unlock(&r->mu);
		b = &r->blk[wr];
		more = fill(r, b);
		wr = (wr + 1) % RING;
		pthread_mutex_lock(&r->mu);
		r->nfull++;
		pthread_cond_signal(&r->filled);
	}
	pthread_mutex_unlock(&r->mu);
}

/* The thread's side of the probe: answer each ping. */
static void probe_answer(struct heal_detect_reader *r)
{
	unsigned i;

	for (i = 1; i <= PROBE_TRIPS; i++) {
		while (atomic_load_explicit(&r->ping, memory_order_acquire) != 2 * i - 1)
			if (atomic_load_explicit(&r->probe_off, memory_order_acquire))
				return;
		atomic_store_explicit(&r->ping, 2 * i, memory_order_release);
	}
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/*
 * The engine's side: whether a round trip takes under PROBE_NEAR_NS (the
 * threads share a cache).  false when the thread did not answer within
 * PROBE_WAIT_NS (it then stops answering).
 */
static bool probe_near(struct heal_detect_reader *r)
{
	uint64_t start = now_ns(), t0 = start;
	unsigned i, spins;

	for (i = 1; i <= PROBE_TRIPS; i++) {
		if (i == PROBE_SKIP + 1)
			t0 = now_ns();
		atomic_store_explicit(&r->ping, 2 * i - 1, memory_order_release);
		for (spins = 0; atomic_load_explicit(&r->ping, memory_order_acquire) != 2 * i;
		     spins++)
			if ((spins & 1023) == 1023 && now_ns() - start > PROBE_WAIT_NS) {
				atomic_store_explicit(&r->probe_off, true,
						      memory_order_release);
				return false;
			}
	}
	return now_ns() - t0 < (uint64_t)PROBE_NEAR_NS * (PROBE_TRIPS - PROBE_SKIP);
}

static void *reader_main(void *arg)
{
	struct heal_detect_reader *r = arg;

	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, NULL);
	if (r->d->opt.completes == HEAL_DETECT_COMPLETES_AUTO)
		probe_answer(r);
	/* cancelled only in a read(), holding no lock */
	pthread_cleanup_push(thread_end, NULL);
	run(arg);
	pthread_cleanup_pop(1);
	return NULL;
}

struct heal_detect_reader *heal_detect_reader_new(struct heal_detect *d,
						  int fd, const char *tail,
						  size_t ntail, uint64_t base,
						  uint64_t line0)
{
	struct heal_detect_reader *r;
	sigset_t all, old;
	size_t i;
	int rc;

	if (ntail > HEAL_DETECT_BLOCK / 2)
		return NULL;
	r = heal_calloc(1, sizeof(*r));
	r->d = d;
	r->fd = fd;
	r->carry = heal_malloc(HEAL_DETECT_BLOCK);
	if (ntail)
		memcpy(r->carry, tail, ntail);
	r->ncarry = ntail;
	r->carry_base = base;
	r->line0 = line0;
	for (i = 0; i < RING; i++)
		r->blk[i].data = heal_malloc(HEAL_DETECT_BLOCK);
	pthread_mutex_init(&r->mu, NULL);
	pthread_mutex_init(&r->omu, NULL);
	pthread_cond_init(&r->filled, NULL);
	pthread_cond_init(&r->freed, NULL);
	/* signals are the engine thread's to take, but a write of a record
	 * to a closed pipe ends the process as it does on one thread */
	sigfillset(&all);
	sigdelset(&all, SIGPIPE);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&r->th, NULL, reader_main, r);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	r->started = rc == 0;
	if (rc != 0) {
		heal_detect_reader_free(r);
		return NULL;
	}
	if (d->opt.completes != HEAL_DETECT_COMPLETES_ENGINE) {
		bool c = d->opt.completes == HEAL_DETECT_COMPLETES_READER || probe_near(r);

		pthread_mutex_lock(&r->mu);
		r->completes = c;
		pthread_mutex_unlock(&r->mu);
	}
	return r;
}

bool heal_detect_reader_completes(const struct heal_detect_reader *r)
{
	return r->completes;
}

struct heal_detect_block *heal_detect_reader_next(struct heal_detect_reader *r)
{
	pthread_mutex_lock(&r->mu);
	while (r->nfull == 0)
		pthread_cond_wait(&r->filled, &r->mu);
	pthread_mutex_unlock(&r->mu);
	return &r->blk[r->rd];
}

void heal_detect_reader_done(struct heal_detect_reader *r)
{
	pthread_mutex_lock(&r->mu);
	r->rd = (r->rd + 1) % RING;
	r->nfull--;
	if (r->waits && RING - r->nfull >= REFILL)
		pthread_cond_signal(&r->freed);
	pthread_mutex_unlock(&r->mu);
}

/* Hand over what the engine put in out (under mu); -1 with the error
 * once completing failed. */
static int publish(struct heal_detect_reader *r, struct heal_error *err)
{
	r->otail = r->ofill;
	if (r->waits && r->otail - r->ohead >= OUT_WAKE)
		pthread_cond_signal(&r->freed);
	r->ohead_seen = r->ohead;
	if (r->ofailed) {
		*err = r->oerr;
		return -1;
	}
	return 0;
}

static size_t items(const struct heal_json *a)
{
	return a && a->type == HEAL_JSON_ARRAY ? a->u.arr.n : 0;
}

/* About what a record holds: its text, and its notes', fix-its' and
 * frames' trees at 512 bytes an item. */
static size_t record_bytes(const struct rec *r)
{
	return 1024 + r->raw.len + r->detail.len +
	       512 * (items(r->notes) + items(r->fixits) + items(r->stack));
}

/* The engine frees the oldest record out holds (complete). */
static void release_oldest(struct heal_detect_reader *r)
{
	size_t k = r->ofreed++ % OUT_RING;

	heal_detect_done_release(&r->out[k]);
	r->obytes -= r->osize[k];
}

int heal_detect_reader_push(struct heal_detect_reader *r,
			    struct heal_detect_done *j, struct heal_error *err)
{
	size_t k, size = record_bytes(j->r);
	int rc = 0;

	/* room for a record, and for its text: the oldest complete records
	 * are freed, and when none is the engine completes some itself
	 * (waiting for room could wait for a read() of a quiet pipe) */
	while (r->ofill - r->ofreed == OUT_RING ||
	       (r->obytes + size > OUT_BYTES && r->ofreed != r->ofill)) {
		if (r->ofreed == r->ohead_seen) {
			pthread_mutex_lock(&r->mu);
			rc = publish(r, err);
			pthread_mutex_unlock(&r->mu);
			if (rc < 0) {
				heal_detect_done_release(j);
				return -1;
			}
		}
		if (r->ofreed == r->ohead_seen) {
			complete_some(r, OUT_BATCH);
			pthread_mutex_lock(&r->mu);
			r->ohead_seen = r->ohead;
			pthread_mutex_unlock(&r->mu);
		}
		/* the memory goes back to the engine's thread's caches,
		 * where it came from */
		release_oldest(r);
	}
	k = r->ofill++ % OUT_RING;
	r->out[k] = *j;
	r->osize[k] = size;
	r->obytes += size;
	/* otail is written by this thread only: read unlocked */
	if (r->ofill - r->otail >= OUT_BATCH) {
		pthread_mutex_lock(&r->mu);
		rc = publish(r, err);
		pthread_mutex_unlock(&r->mu);
	}
	return rc;
}

int heal_detect_reader_complete(struct heal_detect_reader *r,
				struct heal_error *err)
{
	int rc;

	pthread_mutex_lock(&r->mu);
	rc = publish(r, err);
	pthread_mutex_unlock(&r->mu);
	while (rc == 0 && complete_some(r, OUT_RING) > 0) {
		pthread_mutex_lock(&r->mu);
		rc = publish(r, err);
		pthread_mutex_unlock(&r->mu);
	}
	return rc;
}

void heal_detect_reader_free(struct heal_detect_reader *r)
{
	size_t i;

	if (!r)
		return;
	if (r->started) {
		pthread_mutex_lock(&r->mu);
		r->stop = true;
		pthread_cond_signal(&r->freed);
		pthread_mutex_unlock(&r->mu);
		/* a thread still in read() on a pipe whose writer is alive */
		pthread_cancel(r->th);
		pthread_join(r->th, NULL);
	}
	pthread_mutex_destroy(&r->mu);
	pthread_mutex_destroy(&r->omu);
	pthread_cond_destroy(&r->filled);
	pthread_cond_destroy(&r->freed);
	while (r->ofreed != r->ofill)
		release_oldest(r);
	for (i = 0; i < RING; i++) {
		free(r->blk[i].data);
		heal_detect_cands_release(&r->blk[i].cand);
	}
	free(r->carry);
	free(r->colour.clean);
	free(r);
}
