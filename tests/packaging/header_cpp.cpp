// The public header as C++: compiled (not linked) by the packaging_header_cpp
// test with -std=c++11 -pedantic -Wall -Wextra -Werror. Checks that lede.h
// is valid C++ and gives the functions C linkage.
#include "lede.h"

#include <cstdio>
#include <cstring>

static_assert(LEDE_OK == 0, "LEDE_OK is 0");
static_assert(sizeof(lede_span) == 2 * sizeof(std::size_t), "a span is two offsets");

// A pointer of C-linkage function type can only bind to an extern "C" function.
extern "C" {
typedef lede_status parse_fn(const char *, std::size_t, const lede_options *, lede_doc **);
}
static parse_fn *const parse_ptr = &lede_parse;

int header_cpp_use(const char *text);

int header_cpp_use(const char *text)
{
    lede_options opts;
    if (lede_options_init(&opts, sizeof opts) != LEDE_OK)
        return -1;
    lede_doc *doc = nullptr;
    lede_status st = parse_ptr(text, std::strlen(text), &opts, &doc);
    if (st != LEDE_OK) {
        std::fprintf(stderr, "%s: %s\n", lede_strerror(st), lede_last_error_message());
        return static_cast<int>(st);
    }
    int n = static_cast<int>(lede_doc_paragraph_count(doc));
    if (const lede_paragraph *p = lede_doc_paragraph_at(doc, 0))
        std::printf("%s\n", lede_paragraph_kind_name(p->kind));
    lede_doc_free(doc);
    return n;
}
