/*
 * heal_detect_out.c - the output on a thread.  While a file or a pipe is
 * read ahead (heal_detect_reader.c), the engine hands each record it has
 * finished matching to a third thread, which classifies it, takes its
 * fingerprint, folds its repeats and writes it (heal_detect_complete): on
 * a log where every fifth line is an error that was a third of the
 * engine's time.  The records go through a ring in the order the engine
 * finished them, and the thread completes them in that order, so the
 * output is the one a single thread writes.
 *
 * From heal_detect_out_new to heal_detect_out_end the thread owns the
 * output's state (the fold queue and its sets, the count of records
 * written, the write and emit callbacks) and the matchers' classifying
 * regexps and hints; the engine touches none of them meanwhile.  What the
 * thread reads of the engine (the options, the root, the input's name,
 * the pattern set's compiled matchers) does not change while it runs.
 */
#include <pthread.h>
#include <signal.h>

#include "heal_alloc.h"
#include "heal_detect_int.h"
#include "heal_regex.h"

/*
 * Records in flight; how many the engine hands over at a time; how many
 * must wait before a sleeping thread is woken.  The thread is faster than
 * the engine: woken for every few records it would sleep again at once,
 * and on two cores each such switch cost more than the records it took.
 */
#define OUT_RING 1024u
#define OUT_BATCH 64u
#define OUT_WAKE (OUT_RING / 2)

struct heal_detect_out {
	struct heal_detect *d;
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t more, room;
	struct heal_detect_done ring[OUT_RING];
	/* under mu */
	size_t head;                  /* the thread's next record */
	size_t tail;                  /* the records handed over end here */
	bool closing;
	bool out_waits, engine_waits;
	bool failed;                  /* the thread's error is in err */
	struct heal_error err;
	/* the engine's own */
	size_t fill;                  /* records put in the ring end here */
	size_t head_seen;             /* head when last looked at */
	/* the thread's own */
	char scratch[MSCRATCH];
};

static void *out_main(void *arg)
{
	struct heal_detect_out *o = arg;
	struct heal_error err = HEAL_ERROR_INIT;
	bool failed = false;

	pthread_mutex_lock(&o->mu);
	for (;;) {
		size_t i, end;

		while (o->head == o->tail && !o->closing) {
			o->out_waits = true;
			pthread_cond_wait(&o->more, &o->mu);
		}
		o->out_waits = false;
		if (o->head == o->tail)
			break;
		end = o->tail;
		pthread_mutex_unlock(&o->mu);
		for (i = o->head; i != end; i++) {
			struct heal_detect_done *j = &o->ring[i % OUT_RING];

			/* after a failure the rest is left to be freed */
			if (!failed &&
			    heal_detect_complete(o->d, j, o->scratch, &err) < 0)
				failed = true;
		}
		pthread_mutex_lock(&o->mu);
		o->head = end;
		if (failed && !o->failed) {
			o->failed = true;
			o->err = err;
		}
		if (o->engine_waits)
			pthread_cond_signal(&o->room);
	}
	pthread_mutex_unlock(&o->mu);
	heal_regex_thread_end();
	return NULL;
}

struct heal_detect_out *heal_detect_out_new(struct heal_detect *d)
{
	struct heal_detect_out *o = heal_calloc(1, sizeof(*o));
	sigset_t set, old;
	int rc;

	o->d = d;
	heal_error_clear(&o->err);
	pthread_mutex_init(&o->mu, NULL);
	pthread_cond_init(&o->more, NULL);
	pthread_cond_init(&o->room, NULL);
	/* signals are the engine thread's to take, but a write to a closed
	 * pipe ends the process as it would on one thread */
	sigfillset(&set);
	sigdelset(&set, SIGPIPE);
	pthread_sigmask(SIG_SETMASK, &set, &old);
	rc = pthread_create(&o->th, NULL, out_main, o);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		pthread_mutex_destroy(&o->mu);
		pthread_cond_destroy(&o->more);
		pthread_cond_destroy(&o->room);
		free(o);
		return NULL;
	}
	return o;
}

/* Hand over what the engine put in the ring; wait while it is full.
 * Under mu. */
static int publish(struct heal_detect_out *o, struct heal_error *err)
{
	o->tail = o->fill;
	if (o->out_waits && o->fill - o->head >= OUT_WAKE)
		pthread_cond_signal(&o->more);
	while (o->fill - o->head == OUT_RING && !o->failed) {
		o->engine_waits = true;
		pthread_cond_wait(&o->room, &o->mu);
	}
	o->engine_waits = false;
	o->head_seen = o->head;
	if (o->failed) {
		*err = o->err;
		return -1;
	}
	return 0;
}

int heal_detect_out_push(struct heal_detect_out *o, struct heal_detect_done *j,
			 struct heal_error *err)
{
	int rc = 0;

	if (o->fill - o->head_seen == OUT_RING) {
		pthread_mutex_lock(&o->mu);
		rc = publish(o, err);
		pthread_mutex_unlock(&o->mu);
		if (rc < 0) {
			heal_detect_done_release(j);
			return -1;
		}
	}
	/* the slot's last record is complete: its memory goes back to
	 * the engine's thread's caches, where it came from */
	heal_detect_done_release(&o->ring[o->fill % OUT_RING]);
	o->ring[o->fill % OUT_RING] = *j;
	o->fill++;
	if (o->fill - o->tail >= OUT_BATCH) {
		/* tail is the engine's to write: reading it unlocked is safe */
		pthread_mutex_lock(&o->mu);
		rc = publish(o, err);
		pthread_mutex_unlock(&o->mu);
	}
	return rc;
}

int heal_detect_out_end(struct heal_detect_out *o, struct heal_error *err)
{
	size_t i;
	int rc = 0;

	if (!o)
		return 0;
	pthread_mutex_lock(&o->mu);
	o->tail = o->fill;
	o->closing = true;
	pthread_cond_signal(&o->more);
	pthread_mutex_unlock(&o->mu);
	pthread_join(o->th, NULL);
	for (i = 0; i < OUT_RING; i++)
		heal_detect_done_release(&o->ring[i]);
	if (o->failed) {
		if (err)
			*err = o->err;
		rc = -1;
	}
	pthread_mutex_destroy(&o->mu);
	pthread_cond_destroy(&o->more);
	pthread_cond_destroy(&o->room);
	free(o);
	return rc;
}
