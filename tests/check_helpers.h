/* Helpers shared by the Check suites: parse a fixture, compare spans. */
#ifndef LEDE_CHECK_HELPERS_H
#define LEDE_CHECK_HELPERS_H

#include <check.h>
#include <stdio.h>
#include <string.h>

#include "lede.h"

/* Parse a NUL-terminated fixture with default options; fails the test on
 * error. */
static inline lede_doc *parse_text(const char *text)
{
    lede_doc *doc = NULL;
    lede_status st = lede_parse(text, strlen(text), NULL, &doc);
    ck_assert_msg(st == LEDE_OK, "lede_parse: %s (%s)", lede_strerror(st),
                  lede_last_error_message());
    ck_assert_ptr_nonnull(doc);
    return doc;
}

/* Does `span` cover exactly `expected` in the document's text? */
static inline int span_is(const lede_doc *doc, lede_span span, const char *expected)
{
    size_t len = 0;
    const char *text = lede_doc_text(doc, &len);
    if (lede_span_is_none(span))
        return expected == NULL;
    if (!expected || span.end > len || span.begin > span.end)
        return 0;
    return span.end - span.begin == strlen(expected) &&
           memcmp(text + span.begin, expected, span.end - span.begin) == 0;
}

#define ck_assert_span(doc, span, expected)                                                        \
    do {                                                                                           \
        lede_span s_ = (span);                                                                     \
        size_t n_ = 0;                                                                             \
        const char *t_ = lede_doc_text((doc), &n_);                                                \
        ck_assert_msg(                                                                             \
            span_is((doc), s_, (expected)), "span [%zu,%zu) is \"%.*s\", expected \"%s\"",         \
            s_.begin, s_.end, lede_span_is_none(s_) ? 4 : (int)(s_.end - s_.begin),                \
            lede_span_is_none(s_) ? "none" : t_ + s_.begin, (expected) ? (expected) : "none");     \
    } while (0)

/* Parse the seed article of the development data (../shared/corpora/seed),
 * or return NULL when it is not on this machine; tests then skip. */
static inline lede_doc *parse_seed(void)
{
    FILE *f = fopen(LEDE_SHARED_DIR "/corpora/seed/nato.txt", "rb");
    if (!f)
        return NULL;
    char buf[8192];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return parse_text(buf);
}

/* Run a suite and return the process exit status. */
static inline int run_suite(Suite *s)
{
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? 0 : 1;
}

#endif
