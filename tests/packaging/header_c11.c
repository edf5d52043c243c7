/* The public header as strict ISO C11: compiled (not linked) by the
 * packaging_header_c11 test with -std=c11 -pedantic -Wall -Wextra -Werror and
 * further warnings a user's project may turn on. lede.h comes first so that
 * it is known to include everything it needs itself. */
#include "lede.h"
#include "lede.h" /* a second inclusion is harmless */

#include <stdio.h>

#if !defined(LEDE_VERSION_MAJOR) || !defined(LEDE_VERSION_MINOR) ||                                \
    !defined(LEDE_VERSION_PATCH) || !defined(LEDE_VERSION_STRING) ||                               \
    !defined(LEDE_VERSION_NUMBER) || !defined(LEDE_ABI_VERSION)
#error "lede.h must provide the LEDE_VERSION_* and LEDE_ABI_VERSION macros"
#endif

#if LEDE_VERSION_NUMBER !=                                                                         \
    ((LEDE_VERSION_MAJOR << 16) | (LEDE_VERSION_MINOR << 8) | LEDE_VERSION_PATCH)
#error "LEDE_VERSION_NUMBER does not match its parts"
#endif

_Static_assert(LEDE_OK == 0, "LEDE_OK is 0");
_Static_assert(LEDE_NONE == SIZE_MAX, "LEDE_NONE is SIZE_MAX");
_Static_assert(sizeof(int32_t) == 4, "enum-typed fields are 32 bits");

int header_c11_use(const char *text, size_t len);

int header_c11_use(const char *text, size_t len)
{
    lede_options opts;
    lede_doc *doc = NULL;
    if (lede_options_init(&opts, sizeof opts) != LEDE_OK)
        return -1;
    opts.flags |= LEDE_OPT_LOSSY;
    lede_status st = lede_parse(text, len, &opts, &doc);
    if (st != LEDE_OK) {
        fprintf(stderr, "%s: %s\n", lede_strerror(st), lede_last_error_message());
        return (int)st;
    }
    const lede_document *d = lede_doc_document(doc);
    int n = d && !lede_span_is_none(d->title);
    for (size_t i = 0; i < lede_doc_sentence_count(doc); i++) {
        const lede_sentence *s = lede_doc_sentence_at(doc, i);
        n += s && s->span.end > s->span.begin;
    }
    char *json = NULL;
    if (lede_doc_to_json(doc, LEDE_JSON_PRETTY, &json, NULL) == LEDE_OK)
        lede_free(json);
    lede_doc_free(doc);
    return n;
}
