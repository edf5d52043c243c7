/* Check suite of the public entry points (lib/lede.c, lib/error.c,
 * lib/arena.c): options, errors, versions, limits and the allocator. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "check_helpers.h"

static const char ARTICLE[] =
    "Published: March 26, 2026\n\n"
    "Port Strike Ends After Three Weeks\n\n"
    "By Jane Doe\n\n"
    "ROTTERDAM (Reuters) \xe2\x80\x94 Dock workers voted on Wednesday to end a three-week "
    "strike, the union said. \xe2\x80\x9cWe got what we came for,\xe2\x80\x9d said union "
    "leader Piet de Vries.\n\n"
    "What Changed\n\n"
    "Wages rise 4.5% this year and 3% next year, at a cost of \xe2\x82\xac"
    "120 million, the "
    "port authority said. Shipping lines welcomed the deal; some said delays would last until "
    "mid-April.\n\n"
    "(Reporting by Jane Doe; Editing by Tom Hart)\n";

START_TEST(options_init)
{
    lede_options opts;
    memset(&opts, 0xAB, sizeof opts);
    ck_assert_int_eq(lede_options_init(&opts, sizeof opts), LEDE_OK);
    ck_assert_uint_eq(opts.struct_size, sizeof opts);
    ck_assert_uint_eq(opts.flags, 0);
    ck_assert_ptr_null(opts.reference_date);
    ck_assert_uint_eq(opts.max_input_size, LEDE_DEFAULT_MAX_INPUT);
    ck_assert(opts.allocator.malloc_fn == NULL);
    ck_assert_int_eq(lede_options_init(NULL, sizeof opts), LEDE_ERR_INVALID_ARG);
    ck_assert_int_eq(lede_options_init(&opts, 4), LEDE_ERR_INVALID_ARG);

    /* a newer caller's larger struct: the unknown tail is zeroed */
    unsigned char big[sizeof(lede_options) + 32];
    memset(big, 0xCD, sizeof big);
    ck_assert_int_eq(lede_options_init((lede_options *)(void *)big, sizeof big), LEDE_OK);
    for (size_t i = sizeof(lede_options); i < sizeof big; i++)
        ck_assert_uint_eq(big[i], 0);
}
END_TEST

START_TEST(bad_arguments)
{
    lede_doc *doc = (lede_doc *)(uintptr_t)1;
    ck_assert_int_eq(lede_parse("x", 1, NULL, NULL), LEDE_ERR_INVALID_ARG);
    ck_assert_int_eq(lede_parse(NULL, 5, NULL, &doc), LEDE_ERR_INVALID_ARG);
    ck_assert_ptr_null(doc);
    ck_assert(strlen(lede_last_error_message()) > 0);

    lede_options opts;
    lede_options_init(&opts, sizeof opts);
    opts.reference_date = "2025-02-30";
    ck_assert_int_eq(lede_parse("x", 1, &opts, &doc), LEDE_ERR_INVALID_ARG);
    opts.reference_date = "March 3";
    ck_assert_int_eq(lede_parse("x", 1, &opts, &doc), LEDE_ERR_INVALID_ARG);
    opts.reference_date = NULL;
    opts.allocator.malloc_fn = NULL;
    opts.allocator.free_fn = NULL;
    opts.allocator.realloc_fn = NULL;
    opts.struct_size = 3;
    ck_assert_int_eq(lede_parse("x", 1, &opts, &doc), LEDE_ERR_INVALID_ARG);

    /* NULL documents read as empty */
    ck_assert_uint_eq(lede_doc_paragraph_count(NULL), 0);
    ck_assert_ptr_null(lede_doc_paragraph_at(NULL, 0));
    ck_assert_ptr_null(lede_doc_document(NULL));
    size_t len = 99;
    ck_assert_ptr_null(lede_doc_text(NULL, &len));
    ck_assert_uint_eq(len, 0);
    lede_doc_free(NULL);
}
END_TEST

START_TEST(errors_and_versions)
{
    ck_assert_str_eq(lede_strerror(LEDE_OK), "success");
    ck_assert_str_eq(lede_strerror(LEDE_ERR_INVALID_UTF8), "invalid UTF-8");
    ck_assert_str_eq(lede_strerror((lede_status)-99), "unknown error");
    ck_assert_str_eq(lede_status_name(LEDE_ERR_NOMEM), "nomem");
    ck_assert_str_eq(lede_status_name(LEDE_ERR_LIMIT), "limit");
    ck_assert_str_eq(lede_status_name((lede_status)-99), "unknown");
    ck_assert_uint_eq(lede_version(), LEDE_VERSION_NUMBER);
    ck_assert_str_eq(lede_version_string(), LEDE_VERSION_STRING);
    char expected[32];
    snprintf(expected, sizeof expected, "%d.%d.%d", LEDE_VERSION_MAJOR, LEDE_VERSION_MINOR,
             LEDE_VERSION_PATCH);
    ck_assert_str_eq(lede_version_string(), expected);
}
END_TEST

START_TEST(input_limit)
{
    lede_options opts;
    lede_options_init(&opts, sizeof opts);
    opts.max_input_size = 10;
    lede_doc *doc = NULL;
    ck_assert_int_eq(lede_parse("0123456789", 10, &opts, &doc), LEDE_OK);
    lede_doc_free(doc);
    ck_assert_int_eq(lede_parse("0123456789A", 11, &opts, &doc), LEDE_ERR_LIMIT);
    ck_assert_ptr_null(doc);
    ck_assert_str_eq(lede_last_error_message(),
                     "input of 11 bytes exceeds the maximum of 10 bytes");
}
END_TEST

START_TEST(input_is_copied)
{
    char *text = malloc(sizeof ARTICLE);
    ck_assert_ptr_nonnull(text);
    memcpy(text, ARTICLE, sizeof ARTICLE);
    lede_doc *doc = NULL;
    ck_assert_int_eq(lede_parse(text, sizeof ARTICLE - 1, NULL, &doc), LEDE_OK);
    memset(text, 'x', sizeof ARTICLE - 1);
    free(text);
    size_t len;
    const char *copy = lede_doc_text(doc, &len);
    ck_assert_uint_eq(len, sizeof ARTICLE - 1);
    ck_assert(memcmp(copy, ARTICLE, len) == 0);
    ck_assert_int_eq(copy[len], '\0');
    ck_assert_span(doc, lede_doc_document(doc)->title, "Port Strike Ends After Three Weeks");
    lede_doc_free(doc);
}
END_TEST

/* A test allocator: counts live blocks and fails the N-th allocation. */
typedef struct counting {
    size_t calls;
    size_t fail_at; /* 0: never */
    long live;
} counting;

static void *counting_malloc(size_t size, void *user)
{
    counting *c = user;
    if (++c->calls == c->fail_at)
        return NULL;
    void *p = malloc(size);
    if (p)
        c->live++;
    return p;
}

static void *counting_realloc(void *ptr, size_t size, void *user)
{
    counting *c = user;
    if (++c->calls == c->fail_at)
        return NULL;
    void *p = realloc(ptr, size);
    if (p && !ptr)
        c->live++;
    return p;
}

static void counting_free(void *ptr, void *user)
{
    counting *c = user;
    if (ptr)
        c->live--;
    free(ptr);
}

static lede_options counting_options(counting *c)
{
    lede_options opts;
    lede_options_init(&opts, sizeof opts);
    opts.allocator.malloc_fn = counting_malloc;
    opts.allocator.realloc_fn = counting_realloc;
    opts.allocator.free_fn = counting_free;
    opts.allocator.user = c;
    return opts;
}

START_TEST(allocator_is_used)
{
    counting c = {0, 0, 0};
    lede_options opts = counting_options(&c);
    lede_doc *doc = NULL;
    ck_assert_int_eq(lede_parse(ARTICLE, sizeof ARTICLE - 1, &opts, &doc), LEDE_OK);
    ck_assert_uint_gt(c.calls, 0);
    ck_assert_int_gt(c.live, 0);
    lede_doc_free(doc);
    ck_assert_int_eq(c.live, 0);

    /* setting only some of the functions is an error */
    opts.allocator.free_fn = NULL;
    ck_assert_int_eq(lede_parse(ARTICLE, sizeof ARTICLE - 1, &opts, &doc), LEDE_ERR_INVALID_ARG);
}
END_TEST

/* Fail the 1st, 2nd, ... allocation of a parse of `text` until a parse
 * needs no more: each failure returns LEDE_ERR_NOMEM and leaves nothing
 * allocated, and the next parse works. Returns the allocations a parse
 * makes. */
static size_t failure_sweep(const char *text, size_t len)
{
    counting total = {0, 0, 0};
    lede_options opts = counting_options(&total);
    lede_doc *doc = NULL;
    ck_assert_int_eq(lede_parse(text, len, &opts, &doc), LEDE_OK);
    lede_doc_free(doc);
    for (size_t n = 1; n <= total.calls; n++) {
        counting c = {0, n, 0};
        opts = counting_options(&c);
        doc = (lede_doc *)(uintptr_t)1;
        lede_status st = lede_parse(text, len, &opts, &doc);
        ck_assert_msg(st == LEDE_ERR_NOMEM, "allocation %zu of %zu failed, status %d", n,
                      total.calls, st);
        ck_assert_ptr_null(doc);
        ck_assert_int_eq(c.live, 0);
        ck_assert_str_eq(lede_strerror(st), "out of memory");
    }
    counting c = {0, 0, 0};
    opts = counting_options(&c);
    ck_assert_int_eq(lede_parse(text, len, &opts, &doc), LEDE_OK);
    lede_doc_free(doc);
    ck_assert_int_eq(c.live, 0);
    return total.calls;
}

START_TEST(allocation_failure_sweep)
{
    /* a short article's arrays fit its first block, so it may take one */
    ck_assert_uint_ge(failure_sweep(ARTICLE, sizeof ARTICLE - 1), 1);
    /* a long one's outgrow it: eight copies of the article, 5.5 KB */
    enum { COPIES = 8 };
    size_t one = sizeof ARTICLE - 1;
    char *text = malloc(COPIES * one);
    ck_assert_ptr_nonnull(text);
    for (size_t k = 0; k < COPIES; k++)
        memcpy(text + k * one, ARTICLE, one);
    ck_assert_uint_gt(failure_sweep(text, COPIES * one), 2);
    free(text);
}
END_TEST

START_TEST(out_of_range_accessors)
{
    lede_doc *doc = parse_text(ARTICLE);
    ck_assert_ptr_null(lede_doc_paragraph_at(doc, lede_doc_paragraph_count(doc)));
    ck_assert_ptr_null(lede_doc_sentence_at(doc, SIZE_MAX));
    ck_assert_ptr_null(lede_doc_heading_at(doc, 99));
    ck_assert_ptr_null(lede_doc_author_at(doc, 1));
    ck_assert_ptr_null(lede_doc_token_at(doc, lede_doc_token_count(doc)));
    ck_assert(lede_span_is_none((lede_span){LEDE_NONE, LEDE_NONE}));
    ck_assert(!lede_span_is_none((lede_span){0, 0}));
    lede_doc_free(doc);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("api");
    TCase *tc = tcase_create("api");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, options_init);
    tcase_add_test(tc, bad_arguments);
    tcase_add_test(tc, errors_and_versions);
    tcase_add_test(tc, input_limit);
    tcase_add_test(tc, input_is_copied);
    tcase_add_test(tc, allocator_is_used);
    tcase_add_test(tc, allocation_failure_sweep);
    tcase_add_test(tc, out_of_range_accessors);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
