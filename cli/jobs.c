/* --jobs N: documents are parsed on N worker threads while this thread reads
 * the inputs and writes the results, strictly in input order.
 *
 * The inputs in flight sit in a ring of 16 x N slots, so that a worker finds
 * its next input ready even while the reading thread waits for a core. The
 * reading thread fills the slot after the newest, the workers take slots in
 * order and parse them, and the reading thread writes the oldest slot once
 * it is parsed; a thread is woken only when it waits (a worker for an input,
 * the reading thread for the slot it needs). When the ring is full, reading
 * waits until the older half of it is parsed and writes it, so memory is
 * bounded by the ring, not by the length of the stream, and the reading
 * thread wakes once for half a ring rather than once a document. Every message, count and progress
 * update is made by the writing thread (run_emit()), so the output, stderr
 * and the exit status are those of --jobs 1, which parses inline through the
 * same code with a single slot. */
#define _POSIX_C_SOURCE 200809L

#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* A line buffer grown past this for one huge line is released once that line
 * is written, so it does not pin its memory for the rest of the run. */
#define KEEP_BUFFER_BYTES ((size_t)16 << 20)
#define SLOTS_PER_THREAD 16

struct pool {
    run *r;
    unsigned threads; /* worker threads; 0: parse inline */
    size_t slots;
    job *ring;
    unsigned char *done; /* per slot: parsed, waiting to be written */
    size_t written;      /* inputs written (the oldest in flight is written % slots) */
    size_t submitted;    /* inputs handed over */
    size_t taken;        /* inputs a worker has started */
    int quit;
    unsigned idle;    /* workers waiting for an input: only then is `work` signalled */
    int reader_waits; /* the reading thread waits on `parsed` for slot wait_slot */
    size_t wait_slot;
    worker *workers; /* one scratch area per thread (one for inline) */
    pthread_t *tids;
    pthread_mutex_t lock;
    pthread_cond_t work;   /* an input was submitted, or quit */
    pthread_cond_t parsed; /* a slot is done */
};

static void worker_compute(const run *r, worker *w, job *j)
{
    if (j->kind == JOB_LINE)
        jsonl_compute(r, w, j);
    else if (j->kind == JOB_TEXT)
        run_compute(r, NULL, j->text, j->len, 0, &j->res);
    /* JOB_DONE: the result was filled in by the reader */
}

static void *worker_main(void *arg)
{
    worker *w = arg;
    pool *p = w->pool;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (!p->quit && p->taken == p->submitted) {
            p->idle++;
            pthread_cond_wait(&p->work, &p->lock);
            p->idle--;
        }
        if (p->taken == p->submitted)
            break; /* quit, and nothing is left */
        size_t slot = p->taken++ % p->slots;
        pthread_mutex_unlock(&p->lock);
        worker_compute(p->r, w, &p->ring[slot]);
        pthread_mutex_lock(&p->lock);
        p->done[slot] = 1;
        /* Only the reading thread waits on `parsed`, for the oldest slot: a
         * wake-up for any other would be a system call for nothing. */
        if (p->reader_waits && slot == p->wait_slot)
            pthread_cond_signal(&p->parsed);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

/* "stream:LINE" for a message about a line of JSON Lines (NULL when memory
 * runs out). Only a line that failed has a message, so it is made then
 * rather than for every line. */
static char *line_where(const job *j)
{
    size_t size = strlen(j->stream) + 32;
    char *where = malloc(size);
    if (where)
        snprintf(where, size, "%s:%zu", j->stream, j->line);
    return where;
}

/* Write the oldest slot (parsed) and make it free for the next input. */
static void write_oldest(pool *p)
{
    job *j = &p->ring[p->written % p->slots];
    const char *id = j->id_json ? j->id_json : "null";
    if (!j->where && j->stream && j->res.failed)
        j->where = line_where(j);
    doc_source src = {id, j->label ? j->label : id, j->where ? j->where : "", NULL};
    run_emit(p->r, &src, &j->res);
    free(j->text);
    if (j->id_json != j->id_short)
        free(j->id_json);
    free(j->label);
    free(j->where);
    j->text = j->id_json = j->label = j->where = NULL;
    if (j->capacity > KEEP_BUFFER_BYTES) {
        free(j->buffer);
        j->buffer = NULL;
        j->capacity = 0;
    }
    p->done[p->written % p->slots] = 0;
    p->written++;
}

/* Wait until input number `n` (in flight, not yet written) is parsed. */
static void wait_parsed(pool *p, size_t n)
{
    size_t slot = n % p->slots;
    pthread_mutex_lock(&p->lock);
    while (!p->done[slot]) {
        p->reader_waits = 1;
        p->wait_slot = slot;
        pthread_cond_wait(&p->parsed, &p->lock);
        p->reader_waits = 0;
    }
    pthread_mutex_unlock(&p->lock);
}

/* Write the oldest slot once it is parsed; with `wait` zero, only if it is. */
static int write_next(pool *p, int wait)
{
    if (p->written == p->submitted)
        return 0;
    if (p->threads == 0)
        return 0; /* inline: every input is written as soon as it is submitted */
    if (wait)
        wait_parsed(p, p->written);
    pthread_mutex_lock(&p->lock);
    int ready = p->done[p->written % p->slots];
    pthread_mutex_unlock(&p->lock);
    if (ready)
        write_oldest(p);
    return ready;
}

pool *pool_start(run *r, unsigned jobs)
{
    pool *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    unsigned threads = jobs > 1 ? jobs : 0;
    p->r = r;
    p->slots = threads ? (size_t)threads * SLOTS_PER_THREAD : 1;
    p->ring = calloc(p->slots, sizeof *p->ring);
    p->done = calloc(p->slots, 1);
    p->workers = calloc(threads ? threads : 1, sizeof *p->workers);
    p->tids = calloc(threads ? threads : 1, sizeof *p->tids);
    if (!p->ring || !p->done || !p->workers || !p->tids) {
        pool_finish(p);
        return NULL;
    }
    p->workers[0].pool = p;
    if (threads == 0)
        return p;
    p->threads = threads;
    /* jansson seeds its hash tables on first use; do it before any thread. */
    json_object_seed(0);
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->work, NULL);
    pthread_cond_init(&p->parsed, NULL);
    for (unsigned i = 0; i < p->threads; i++) {
        p->workers[i].pool = p;
        if (pthread_create(&p->tids[i], NULL, worker_main, &p->workers[i]) != 0) {
            p->threads = i; /* those started are joined by pool_finish() */
            pool_finish(p);
            return NULL;
        }
    }
    return p;
}

job *pool_slot(pool *p)
{
    if (p->submitted - p->written == p->slots) {
        /* The ring is full. Waiting for its oldest input alone would wake
         * this thread once a document, since the workers are then parsing
         * the next oldest: wait for the last of the older half instead
         * (the workers still have the newer half to parse meanwhile), and
         * write what is parsed of it, so that the thread wakes once for
         * half a ring. */
        wait_parsed(p, p->written + p->slots / 2 - 1);
        while (write_next(p, 0)) {
        }
        if (p->submitted - p->written == p->slots)
            write_next(p, 1); /* the oldest was still being parsed */
    }
    job *j = &p->ring[p->submitted % p->slots];
    memset(&j->res, 0, sizeof j->res);
    j->kind = JOB_DONE;
    j->len = 0;
    j->stream = NULL;
    return j;
}

void pool_submit(pool *p)
{
    if (p->threads == 0) {
        worker_compute(p->r, &p->workers[0], &p->ring[p->submitted % p->slots]);
        p->submitted++;
        write_oldest(p);
        return;
    }
    pthread_mutex_lock(&p->lock);
    p->submitted++;
    if (p->idle)
        pthread_cond_signal(&p->work);
    pthread_mutex_unlock(&p->lock);
    while (write_next(p, 0)) {
    }
}

void pool_drain(pool *p)
{
    while (write_next(p, 1)) {
    }
}

void pool_finish(pool *p)
{
    if (!p)
        return;
    if (p->ring && p->done)
        pool_drain(p);
    if (p->threads > 0) {
        pthread_mutex_lock(&p->lock);
        p->quit = 1;
        pthread_cond_broadcast(&p->work);
        pthread_mutex_unlock(&p->lock);
        for (unsigned i = 0; i < p->threads; i++)
            pthread_join(p->tids[i], NULL);
        pthread_cond_destroy(&p->parsed);
        pthread_cond_destroy(&p->work);
        pthread_mutex_destroy(&p->lock);
    }
    for (size_t i = 0; p->ring && i < p->slots; i++)
        free(p->ring[i].buffer);
    for (unsigned i = 0; p->workers && i < (p->threads ? p->threads : 1); i++)
        free(p->workers[i].repaired);
    /* workers whose thread failed to start hold nothing */
    free(p->ring);
    free(p->done);
    free(p->workers);
    free(p->tids);
    free(p);
}
