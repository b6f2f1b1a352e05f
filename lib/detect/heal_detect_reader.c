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
 * them at.  It touches nothing of the engine's but what never changes
 * after heal_detect_new: the pattern set's prefilter and the options.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "heal_alloc.h"
#include "heal_detect_int.h"

/* Blocks in the ring; a full ring's thread is woken once this many are
 * free again, not at every block (on two cores, with the output's thread
 * running too, each wake-up could take the processor from the engine). */
#define RING 8u
#define REFILL (RING / 2)

struct heal_detect_reader {
	const struct heal_detect *d;
	int fd;
	pthread_t th;
	bool started;
	pthread_mutex_t mu;
	pthread_cond_t filled, freed;
	struct heal_detect_block blk[RING];
	size_t rd, nfull;             /* the engine's next block, ready ones */
	bool stop;
	bool waits;                   /* the thread waits for a free block */
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
static bool fill(struct heal_detect_reader *r, struct heal_detect_block *b,
		 bool ids)
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
				     ids, &b->cand);
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

static void *reader_main(void *arg)
{
	struct heal_detect_reader *r = arg;
	size_t wr = 0;
	bool more = true;

	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, NULL);
	while (more) {
		struct heal_detect_block *b;
		bool ahead;

		pthread_mutex_lock(&r->mu);
		while (r->nfull == RING && !r->stop) {
			r->waits = true;
			pthread_cond_wait(&r->freed, &r->mu);
		}
		r->waits = false;
		if (r->stop) {
			pthread_mutex_unlock(&r->mu);
			break;
		}
		/* blocks wait for the engine: this thread has time to find
		 * the candidate lines' literals for it too; else the engine
		 * waits for blocks and finds them itself when it matches */
		ahead = r->nfull >= RING / 2;
		pthread_mutex_unlock(&r->mu);
		b = &r->blk[wr];
		more = fill(r, b, ahead);
		wr = (wr + 1) % RING;
		pthread_mutex_lock(&r->mu);
		r->nfull++;
		pthread_cond_signal(&r->filled);
		pthread_mutex_unlock(&r->mu);
	}
	return NULL;
}

struct heal_detect_reader *heal_detect_reader_new(const struct heal_detect *d,
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
	pthread_cond_init(&r->filled, NULL);
	pthread_cond_init(&r->freed, NULL);
	/* signals are the engine thread's to take */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&r->th, NULL, reader_main, r);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	r->started = rc == 0;
	if (rc != 0) {
		heal_detect_reader_free(r);
		return NULL;
	}
	return r;
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
	pthread_cond_destroy(&r->filled);
	pthread_cond_destroy(&r->freed);
	for (i = 0; i < RING; i++) {
		free(r->blk[i].data);
		heal_detect_cands_release(&r->blk[i].cand);
	}
	free(r->carry);
	free(r);
}
