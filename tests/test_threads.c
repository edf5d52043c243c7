/* Check suite of thread safety and determinism (docs/reliability.md).
 *
 * - Eight threads parse a set of different articles many times each, render
 *   the JSON with every flag combination, walk every accessor, and compare
 *   with what one thread produced beforehand: byte for byte.
 * - One document, parsed once, is read by eight threads at once (accessors
 *   and lede_doc_to_json()).
 * - Each thread's error detail (lede_last_error_message()) is its own.
 * - Each parse uses its own allocator through lede_options; every thread's
 *   allocations balance, and no call reaches another thread's allocator.
 *
 * scripts/tsan.sh builds this suite with ThreadSanitizer. LEDE_THREAD_ROUNDS
 * sets how many times each thread goes over the articles (default 8).
 *
 * POSIX threads, not C11 <threads.h>: glibc 2.36 has thrd_create(), but the
 * ThreadSanitizer runtime of clang 14 does not intercept it, so threads made
 * with it crash inside the sanitizer at their first instrumented call. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "check_helpers.h"
#include "hostile/hostile_cases.h"
#include "hostile/hostile_check.h"

#ifndef LEDE_SOURCE_DIR
#error "LEDE_SOURCE_DIR must name the source tree (tests/reliability.cmake sets it)"
#endif

enum { THREADS = 8, MAX_ARTICLES = 64 };

static const unsigned json_flags[] = {
    LEDE_JSON_OFFSETS_BYTES,
    LEDE_JSON_OFFSETS_CODEPOINTS,
    LEDE_JSON_OFFSETS_UTF16,
    LEDE_JSON_OFFSETS_BYTES | LEDE_JSON_PRETTY,
    LEDE_JSON_OFFSETS_CODEPOINTS | LEDE_JSON_PRETTY,
    LEDE_JSON_OFFSETS_UTF16 | LEDE_JSON_PRETTY,
};
#define JSON_FLAG_COUNT (sizeof json_flags / sizeof *json_flags)

/* Three ways to parse each article: the defaults; lossy with a reference
 * date; without the speaker layer. */
enum { OPTION_SETS = 3 };

/* Articles written for this test, besides the files read at run time. */
static const char *const own_articles[] = {
    "Published: June 3, 2025\n\n"
    "Harbor Ferry Returns After Two-Year Refit\n\n"
    "By Ana Ruiz and Tom Becker\n\n"
    "LISBON (Reuters) \xe2\x80\x94 The city's oldest ferry sailed again on Tuesday, two years "
    "and \xe2\x82\xac"
    "4.2 million after it was towed away for repairs. \xe2\x80\x9cShe is "
    "better than new,\xe2\x80\x9d said captain Rui Lopes, 58.\n\n"
    "Crowds Line the Quay\n\n"
    "About 3,000 people watched from the quay, the port authority said. Dr. Helena Sousa, "
    "who chairs the trust, called it \xe2\x80\x9c"
    "a day for the whole city.\xe2\x80\x9d\n\n"
    "Photo: The ferry leaves the dock. (Getty Images)\n\n"
    "(Reporting by Ana Ruiz; Editing by Tom Becker)\n",

    "Wheat prices jump 7% as dry spell hits plains\n\n"
    "CHICAGO, March 14 (AP) \xe2\x80\x94 Wheat futures rose 7 percent on Friday, their biggest "
    "one-day gain since 2022, as forecasters said the dry spell across the U.S. plains would "
    "last into April.\n\n"
    "\"We're looking at the driest March in 30 years,\" said Jo Park, a meteorologist at "
    "the National Weather Service. \"Farmers are worried.\"\n\n"
    "Prices had fallen 12% since January. Traders said the jump was \"overdue\" . . . but "
    "some expect a pullback next week.\n",

    "The Quiet Fix: How a Town Cut Its Water Losses in Half\n\n"
    "Updated 10:42 a.m. ET, Mon September 8, 2025\n\n"
    "Leaks used to cost Millbrook nearly 40 million gallons a year. Then the utility tried "
    "something simple: listening.\n\n"
    "Engineers placed 250 acoustic sensors on pipes.\xc2\xa0The sensors flag the hiss of a "
    "leak, and crews dig only where needed. \xe2\x80\x98It felt like cheating,\xe2\x80\x99 "
    "one of them said.\n\n"
    "What comes next\n\n"
    "The council votes on Sept. 20 on a $1.5m expansion. Mayor Linda Osei said she expects "
    "it to pass.\n\n"
    "Follow us on Twitter @millbrooknews\n",

    "caf\xc3\xa9 owners say r\xc3\xa9"
    "forme is \xe2\x80\x9ctoo little, too late\xe2\x80\x9d\n\n"
    "PARIS \xe2\x80\x94 Owners of small caf\xc3\xa9s said on Wednesday the reform came too "
    "late. \xe2\x80\x9cWe lost 1 in 5 customers,\xe2\x80\x9d said Marie-Claire "
    "Dubois-L\xc3\xa9vy, who runs one near the Gare du Nord. Z\xc3\xbcrich and "
    "\xe6\x9d\xb1\xe4\xba\xac were cited as examples. \xf0\x9f\x98\x80 Emoji, too.\n",
};

typedef struct article {
    char *text;
    size_t len;
    char *name;
} article;

typedef struct expected {
    uint64_t digest;
    char *json[JSON_FLAG_COUNT];
    size_t json_len[JSON_FLAG_COUNT];
} expected;

static article articles[MAX_ARTICLES];
static size_t article_count;
static expected reference[MAX_ARTICLES][OPTION_SETS];

/* ------------------------------------------------------------------ */
/* A per-parse allocator: counts, and checks it is called with its own user
 * pointer from the thread that owns it. */

typedef struct counting_allocator {
    pthread_t owner;
    size_t live; /* allocations not yet freed */
    size_t calls;
    int foreign; /* calls from another thread */
} counting_allocator;

static void note_call(counting_allocator *a)
{
    a->calls++;
    if (!pthread_equal(a->owner, pthread_self()))
        a->foreign = 1;
}

static void *counting_malloc(size_t size, void *user)
{
    counting_allocator *a = user;
    note_call(a);
    void *p = malloc(size ? size : 1);
    a->live += p != NULL;
    return p;
}

static void *counting_realloc(void *ptr, size_t size, void *user)
{
    counting_allocator *a = user;
    note_call(a);
    void *p = realloc(ptr, size ? size : 1);
    a->live += ptr == NULL && p != NULL;
    return p;
}

static void counting_free(void *ptr, void *user)
{
    counting_allocator *a = user;
    note_call(a);
    a->live -= ptr != NULL;
    free(ptr);
}

static void options_for(lede_options *opts, int set, counting_allocator *alloc)
{
    lede_options_init(opts, sizeof *opts);
    if (set == 1) {
        opts->flags = LEDE_OPT_LOSSY;
        opts->reference_date = "2025-01-15";
    } else if (set == 2) {
        opts->flags = LEDE_OPT_NO_SPEAKERS;
    }
    if (alloc) {
        memset(alloc, 0, sizeof *alloc);
        alloc->owner = pthread_self();
        opts->allocator.malloc_fn = counting_malloc;
        opts->allocator.realloc_fn = counting_realloc;
        opts->allocator.free_fn = counting_free;
        opts->allocator.user = alloc;
    }
}

/* ------------------------------------------------------------------ */
/* The articles and their single-threaded reference results. */

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0, got;
    char *buf = malloc(cap);
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *grown = realloc(buf, cap *= 2);
            if (!grown)
                free(buf);
            buf = grown;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

static void add_article(const char *name, char *text, size_t len)
{
    ck_assert_uint_lt(article_count, MAX_ARTICLES);
    ck_assert_ptr_nonnull(text);
    articles[article_count].name = strdup(name);
    articles[article_count].text = text;
    articles[article_count].len = len;
    article_count++;
}

static void add_file(const char *path)
{
    size_t len = 0;
    char *text = read_file(path, &len);
    ck_assert_msg(text != NULL, "cannot read %s", path);
    add_article(path, text, len);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void load_articles(void)
{
    for (size_t i = 0; i < sizeof own_articles / sizeof *own_articles; i++) {
        char name[32];
        snprintf(name, sizeof name, "own-%zu", i);
        add_article(name, strdup(own_articles[i]), strlen(own_articles[i]));
    }
    add_file(LEDE_SOURCE_DIR "/cli/sample.txt");

    /* Every fixture of the CLI tests, in name order. */
    const char *dir = LEDE_SOURCE_DIR "/tests/cli/fixtures";
    DIR *d = opendir(dir);
    ck_assert_msg(d != NULL, "cannot open %s", dir);
    char *names[MAX_ARTICLES];
    size_t count = 0;
    struct dirent *e;
    while ((e = readdir(d)) && count < MAX_ARTICLES / 2) {
        size_t n = strlen(e->d_name);
        if (n > 4 && strcmp(e->d_name + n - 4, ".txt") == 0)
            names[count++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, count, sizeof *names, by_name);
    for (size_t i = 0; i < count; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        add_file(path);
        free(names[i]);
    }

    /* A few hostile inputs, small: odd paths of the parser, in threads. */
    static const char *const hostile[] = {
        "yes_he_said", "nested_quotes", "invalid_utf8", "nul_bytes",
        "web_soup",    "digit_soup",    "x_paragraphs", "mr"};
    for (size_t i = 0; i < sizeof hostile / sizeof *hostile; i++) {
        const hostile_case *c = hostile_find(hostile[i]);
        ck_assert_ptr_nonnull(c);
        size_t len = 0;
        char *text = hostile_make(c, 12 * 1024, &len);
        add_article(c->name, text, len);
    }
}

/* Parse article `a` with option set `set` and fill `out`. Returns NULL or a
 * description of what went wrong. */
static const char *produce(const article *a, int set, counting_allocator *alloc, expected *out)
{
    lede_options opts;
    options_for(&opts, set, alloc);
    lede_doc *doc = NULL;
    lede_status st = lede_parse(a->text, a->len, &opts, &doc);
    if (st == LEDE_ERR_INVALID_UTF8 && set != 1) {
        /* Invalid input without LEDE_OPT_LOSSY: the error is the result. */
        out->digest = 0x1badull;
        for (size_t f = 0; f < JSON_FLAG_COUNT; f++)
            out->json[f] = NULL, out->json_len[f] = 0;
        return NULL;
    }
    if (st != LEDE_OK)
        return lede_strerror(st);
    out->digest = hostile_digest(doc, HOSTILE_DIGEST_ALL);
    for (size_t f = 0; f < JSON_FLAG_COUNT; f++) {
        st = lede_doc_to_json(doc, json_flags[f], &out->json[f], &out->json_len[f]);
        if (st != LEDE_OK) {
            lede_doc_free(doc);
            return lede_strerror(st);
        }
    }
    lede_doc_free(doc);
    return NULL;
}

static void release(expected *e)
{
    for (size_t f = 0; f < JSON_FLAG_COUNT; f++)
        lede_free(e->json[f]);
}

static void setup(void)
{
    load_articles();
    for (size_t a = 0; a < article_count; a++)
        for (int set = 0; set < OPTION_SETS; set++) {
            const char *problem = produce(&articles[a], set, NULL, &reference[a][set]);
            ck_assert_msg(problem == NULL, "%s: %s", articles[a].name, problem);
            for (size_t f = 0; f < JSON_FLAG_COUNT; f++) {
                const expected *e = &reference[a][set];
                if (e->json[f]) {
                    problem = hostile_check_json(e->json[f], e->json_len[f]);
                    ck_assert_msg(problem == NULL, "%s: %s", articles[a].name, problem);
                }
            }
        }
}

static void teardown(void)
{
    for (size_t a = 0; a < article_count; a++) {
        for (int set = 0; set < OPTION_SETS; set++)
            release(&reference[a][set]);
        free(articles[a].text);
        free(articles[a].name);
    }
    article_count = 0;
}

static int rounds(void)
{
    const char *env = getenv("LEDE_THREAD_ROUNDS");
    int n = env ? atoi(env) : 8;
    return n > 0 ? n : 1;
}

/* ------------------------------------------------------------------ */
/* Many threads, many documents. */

typedef struct worker {
    int id;
    int rounds;
    size_t parses;
    char problem[256]; /* the first mismatch, empty when none */
} worker;

static void worker_fail(worker *w, const char *what, const char *name, int set, size_t f)
{
    if (!w->problem[0])
        snprintf(w->problem, sizeof w->problem, "thread %d, %s, option set %d, JSON flags %zu: %s",
                 w->id, name, set, f, what);
}

static void *parse_many(void *arg)
{
    worker *w = arg;
    for (int r = 0; r < w->rounds; r++)
        for (size_t k = 0; k < article_count; k++) {
            /* Each thread starts at a different article, so different
             * documents are parsed at the same moment. */
            size_t a = (k + (size_t)w->id * 3 + (size_t)r) % article_count;
            for (int set = 0; set < OPTION_SETS; set++) {
                counting_allocator alloc;
                expected got;
                const expected *want = &reference[a][set];
                const char *problem = produce(&articles[a], set, &alloc, &got);
                w->parses++;
                if (problem) {
                    worker_fail(w, problem, articles[a].name, set, 0);
                    continue;
                }
                if (got.digest != want->digest)
                    worker_fail(w, "accessor walk differs", articles[a].name, set, 0);
                for (size_t f = 0; f < JSON_FLAG_COUNT; f++)
                    if (got.json_len[f] != want->json_len[f] ||
                        (got.json[f] && memcmp(got.json[f], want->json[f], got.json_len[f]) != 0))
                        worker_fail(w, "JSON differs", articles[a].name, set, f);
                release(&got);
                if (alloc.live != 0)
                    worker_fail(w, "allocations do not balance", articles[a].name, set, 0);
                if (alloc.foreign)
                    worker_fail(w, "allocator called from another thread", articles[a].name, set,
                                0);
            }
        }
    return NULL;
}

START_TEST(threads_parse_identically)
{
    pthread_t threads[THREADS];
    worker workers[THREADS];
    for (int t = 0; t < THREADS; t++) {
        workers[t] = (worker){.id = t, .rounds = rounds()};
        ck_assert_int_eq(pthread_create(&threads[t], NULL, parse_many, &workers[t]), 0);
    }
    size_t parses = 0;
    for (int t = 0; t < THREADS; t++) {
        ck_assert_int_eq(pthread_join(threads[t], NULL), 0);
        parses += workers[t].parses;
    }
    for (int t = 0; t < THREADS; t++)
        ck_assert_msg(workers[t].problem[0] == 0, "%s", workers[t].problem);
    ck_assert_uint_eq(parses, (size_t)THREADS * (size_t)rounds() * article_count * OPTION_SETS);
}
END_TEST

/* ------------------------------------------------------------------ */
/* One document, many readers. */

typedef struct reader {
    const lede_doc *doc;
    const expected *want;
    int rounds;
    char problem[160];
} reader;

static void *read_shared(void *arg)
{
    reader *r = arg;
    for (int k = 0; k < r->rounds * 4; k++) {
        if (hostile_digest(r->doc, HOSTILE_DIGEST_ALL) != r->want->digest && !r->problem[0])
            snprintf(r->problem, sizeof r->problem, "accessor walk differs");
        size_t len = 0;
        const char *text = lede_doc_text(r->doc, &len);
        const char *bad = hostile_check_doc(r->doc, text, len);
        if (bad && !r->problem[0])
            snprintf(r->problem, sizeof r->problem, "%s", bad);
        for (size_t f = 0; f < JSON_FLAG_COUNT; f++) {
            char *json = NULL;
            size_t json_len = 0;
            if (lede_doc_to_json(r->doc, json_flags[f], &json, &json_len) != LEDE_OK ||
                json_len != r->want->json_len[f] || memcmp(json, r->want->json[f], json_len) != 0) {
                if (!r->problem[0])
                    snprintf(r->problem, sizeof r->problem, "JSON with flags %zu differs", f);
            }
            lede_free(json);
        }
    }
    return NULL;
}

START_TEST(threads_read_one_document)
{
    /* The richest article: the first of our own, parsed with each option set. */
    for (int set = 0; set < OPTION_SETS; set++) {
        lede_options opts;
        options_for(&opts, set, NULL);
        lede_doc *doc = NULL;
        ck_assert_int_eq(lede_parse(articles[0].text, articles[0].len, &opts, &doc), LEDE_OK);
        pthread_t threads[THREADS];
        reader readers[THREADS];
        for (int t = 0; t < THREADS; t++) {
            readers[t] = (reader){.doc = doc, .want = &reference[0][set], .rounds = rounds()};
            ck_assert_int_eq(pthread_create(&threads[t], NULL, read_shared, &readers[t]), 0);
        }
        for (int t = 0; t < THREADS; t++)
            ck_assert_int_eq(pthread_join(threads[t], NULL), 0);
        for (int t = 0; t < THREADS; t++)
            ck_assert_msg(readers[t].problem[0] == 0, "reader %d: %s", t, readers[t].problem);
        lede_doc_free(doc);
    }
}
END_TEST

/* ------------------------------------------------------------------ */
/* Error details are per thread. */

typedef struct failer {
    int id;
    int rounds;
    char problem[160];
} failer;

static void *fail_own_way(void *arg)
{
    failer *f = arg;
    /* Invalid UTF-8 at a byte offset that names the thread. */
    size_t offset = 100 + (size_t)f->id;
    char text[200];
    memset(text, 'a', sizeof text);
    text[offset] = '\xff';
    char expected[32];
    snprintf(expected, sizeof expected, "byte %zu", offset);
    for (int k = 0; k < f->rounds * 50; k++) {
        lede_doc *doc = NULL;
        lede_status st = lede_parse(text, sizeof text, NULL, &doc);
        const char *msg = lede_last_error_message();
        if ((st != LEDE_ERR_INVALID_UTF8 || !strstr(msg, expected)) && !f->problem[0])
            snprintf(f->problem, sizeof f->problem, "got %d \"%s\", expected %s", (int)st, msg,
                     expected);
        st = lede_parse("Fine text.", 10, NULL, &doc);
        if ((st != LEDE_OK || lede_last_error_message()[0]) && !f->problem[0])
            snprintf(f->problem, sizeof f->problem, "a good parse left \"%s\"",
                     lede_last_error_message());
        lede_doc_free(doc);
    }
    return NULL;
}

START_TEST(error_messages_are_per_thread)
{
    pthread_t threads[THREADS];
    failer failers[THREADS];
    for (int t = 0; t < THREADS; t++) {
        failers[t] = (failer){.id = t, .rounds = rounds()};
        ck_assert_int_eq(pthread_create(&threads[t], NULL, fail_own_way, &failers[t]), 0);
    }
    for (int t = 0; t < THREADS; t++)
        ck_assert_int_eq(pthread_join(threads[t], NULL), 0);
    for (int t = 0; t < THREADS; t++)
        ck_assert_msg(failers[t].problem[0] == 0, "thread %d: %s", t, failers[t].problem);
}
END_TEST

/* The reference itself is stable: a second single-threaded pass agrees. */
START_TEST(single_thread_is_deterministic)
{
    for (size_t a = 0; a < article_count; a++)
        for (int set = 0; set < OPTION_SETS; set++) {
            counting_allocator alloc;
            expected again;
            ck_assert_ptr_null(produce(&articles[a], set, &alloc, &again));
            ck_assert_msg(again.digest == reference[a][set].digest, "%s", articles[a].name);
            for (size_t f = 0; f < JSON_FLAG_COUNT; f++)
                ck_assert_msg(
                    again.json_len[f] == reference[a][set].json_len[f] &&
                        (!again.json[f] ||
                         memcmp(again.json[f], reference[a][set].json[f], again.json_len[f]) == 0),
                    "%s, flags %zu", articles[a].name, f);
            release(&again);
            ck_assert_uint_eq(alloc.live, 0);
        }
}
END_TEST

static Suite *threads_suite(void)
{
    Suite *s = suite_create("threads");
    TCase *tc = tcase_create("threads");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, single_thread_is_deterministic);
    tcase_add_test(tc, threads_parse_identically);
    tcase_add_test(tc, threads_read_one_document);
    tcase_add_test(tc, error_messages_are_per_thread);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(threads_suite());
}
