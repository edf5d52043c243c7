/* The hostile inputs of docs/reliability.md, shared by the Check suite
 * (tests/test_hostile.c), the instruction-count driver
 * (tests/hostile/hostile_driver.c) and the benchmark (bench/hostile.c).
 *
 * Each case builds its input from short pieces of text, deterministically,
 * at any size, so the same case can be parsed at N, 2N and 4N bytes:
 *
 * - HOSTILE_REPEAT: `open` repeated until `size` bytes are filled;
 * - HOSTILE_NEST:   `open` k times, `middle`, `close` k times (k as large as
 *                   fits), i.e. quotes nested k deep;
 * - HOSTILE_SOUP:   pieces of `soup` picked by a fixed pseudo-random sequence.
 *
 * A built input never cuts a piece in half, so it may be a few bytes shorter
 * than `size`. Header-only (static functions) so every program includes it
 * without a library of its own. */
#ifndef LEDE_HOSTILE_CASES_H
#define LEDE_HOSTILE_CASES_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lede.h"

typedef enum hostile_kind { HOSTILE_REPEAT, HOSTILE_NEST, HOSTILE_SOUP } hostile_kind;

/* A piece of text with its length: the pieces may hold NUL bytes. */
typedef struct hostile_piece {
    const char *bytes;
    size_t len;
} hostile_piece;

#define HOSTILE_PIECE(s)                                                                           \
    {                                                                                              \
        s, sizeof(s) - 1                                                                           \
    }

typedef struct hostile_case {
    const char *name; /* the name the driver, the bench and the docs use */
    const char *what; /* one line for the tables */
    hostile_kind kind;
    hostile_piece open; /* REPEAT: the unit; NEST: the opening marks */
    hostile_piece middle;
    hostile_piece close;
    const hostile_piece *soup; /* SOUP: pieces, ending with {NULL, 0} */
    uint32_t parse_flags;      /* LEDE_OPT_* the case is parsed with */
    size_t unit_size;          /* bytes in the Check suite (before any scaling) */
} hostile_case;

#define MB ((size_t)1 << 20)

static const hostile_piece hostile_digit_soup[] = {
    HOSTILE_PIECE("1"),        HOSTILE_PIECE("23"),
    HOSTILE_PIECE("."),        HOSTILE_PIECE(","),
    HOSTILE_PIECE("/"),        HOSTILE_PIECE(":"),
    HOSTILE_PIECE("-"),        HOSTILE_PIECE("%"),
    HOSTILE_PIECE("$"),        HOSTILE_PIECE("0"),
    HOSTILE_PIECE("("),        HOSTILE_PIECE(")"),
    HOSTILE_PIECE("'"),        HOSTILE_PIECE("\""),
    HOSTILE_PIECE(" "),        HOSTILE_PIECE("\xe2\x80\x93"),
    HOSTILE_PIECE("\n"),       HOSTILE_PIECE("+"),
    HOSTILE_PIECE("#"),        HOSTILE_PIECE("^"),
    HOSTILE_PIECE("e"),        HOSTILE_PIECE("x"),
    HOSTILE_PIECE("\xc2\xb1"), {NULL, 0}};

/* Words and marks the metric layer reads around numbers. */
static const hostile_piece hostile_metric_soup[] = {
    HOSTILE_PIECE("1"),           HOSTILE_PIECE("000"),        HOSTILE_PIECE(" "),
    HOSTILE_PIECE("$"),           HOSTILE_PIECE("%"),          HOSTILE_PIECE("-"),
    HOSTILE_PIECE(" to "),        HOSTILE_PIECE("between "),   HOSTILE_PIECE(" and "),
    HOSTILE_PIECE(" million"),    HOSTILE_PIECE("a "),         HOSTILE_PIECE("half "),
    HOSTILE_PIECE("hundred "),    HOSTILE_PIECE("March "),     HOSTILE_PIECE("26"),
    HOSTILE_PIECE("last year "),  HOSTILE_PIECE("more than "), HOSTILE_PIECE("up to "),
    HOSTILE_PIECE("+"),           HOSTILE_PIECE("("),          HOSTILE_PIECE(")"),
    HOSTILE_PIECE(" km"),         HOSTILE_PIECE(" per cent"),  HOSTILE_PIECE("two "),
    HOSTILE_PIECE("rose "),       HOSTILE_PIECE("Wednesday "), HOSTILE_PIECE(" of "),
    HOSTILE_PIECE("USD"),         HOSTILE_PIECE("\xc2\xbd"),   HOSTILE_PIECE("/"),
    HOSTILE_PIECE(". "),          HOSTILE_PIECE(" out of "),   HOSTILE_PIECE(" in "),
    HOSTILE_PIECE("thirds "),     HOSTILE_PIECE("twenty-"),    HOSTILE_PIECE("first "),
    HOSTILE_PIECE("Christmas "),  HOSTILE_PIECE("summer "),    HOSTILE_PIECE("^"),
    HOSTILE_PIECE(" a year ago"), HOSTILE_PIECE("from "),      {NULL, 0}};

static const hostile_piece hostile_bad_utf8_soup[] = {HOSTILE_PIECE("word "),
                                                      HOSTILE_PIECE("\xff"),
                                                      HOSTILE_PIECE("\xc3"),
                                                      HOSTILE_PIECE("\xe2\x80"),
                                                      HOSTILE_PIECE("\xed\xa0\x80"),
                                                      HOSTILE_PIECE("\xc0\xaf"),
                                                      HOSTILE_PIECE("\xf4\x90\x80\x80"),
                                                      HOSTILE_PIECE("caf\xc3\xa9 "),
                                                      HOSTILE_PIECE("\x80\x80"),
                                                      HOSTILE_PIECE(". "),
                                                      HOSTILE_PIECE("\xe2\x80\x9c"),
                                                      HOSTILE_PIECE("\n\n"),
                                                      {NULL, 0}};

static const hostile_piece hostile_nul_soup[] = {
    HOSTILE_PIECE("word "),  HOSTILE_PIECE("\0"), HOSTILE_PIECE("a\0b "),  HOSTILE_PIECE(". "),
    HOSTILE_PIECE("\0\0\0"), HOSTILE_PIECE("\n"), HOSTILE_PIECE("\"\0\""), {NULL, 0}};

/* Syllables that make many different capitalized words: name candidates. */
static const hostile_piece hostile_name_soup[] = {
    HOSTILE_PIECE("Ka"), HOSTILE_PIECE("lo"),    HOSTILE_PIECE("Mi"),    HOSTILE_PIECE("ren"),
    HOSTILE_PIECE("Tu"), HOSTILE_PIECE("sa"),    HOSTILE_PIECE("Bo"),    HOSTILE_PIECE("vic"),
    HOSTILE_PIECE(" "),  HOSTILE_PIECE(" "),     HOSTILE_PIECE(" "),     HOSTILE_PIECE(", "),
    HOSTILE_PIECE(". "), HOSTILE_PIECE(" said"), HOSTILE_PIECE(" Mr. "), {NULL, 0}};

/* Text scraped from web pages: entities, stray tags, soft hyphens (U+00AD),
 * zero-width spaces and joiners (U+200B, U+200D), no-break spaces, a BOM. */
static const hostile_piece hostile_web_soup[] = {HOSTILE_PIECE("&amp;"),
                                                 HOSTILE_PIECE("&#8217;"),
                                                 HOSTILE_PIECE("&#x2014;"),
                                                 HOSTILE_PIECE("&nbsp;"),
                                                 HOSTILE_PIECE("<b>"),
                                                 HOSTILE_PIECE("</p>"),
                                                 HOSTILE_PIECE("<a href=\""),
                                                 HOSTILE_PIECE("&"),
                                                 HOSTILE_PIECE("<"),
                                                 HOSTILE_PIECE("\xc2\xad"),
                                                 HOSTILE_PIECE("\xe2\x80\x8b"),
                                                 HOSTILE_PIECE("\xe2\x80\x8d"),
                                                 HOSTILE_PIECE("\xc2\xa0"),
                                                 HOSTILE_PIECE("\xef\xbb\xbf"),
                                                 HOSTILE_PIECE("word "),
                                                 HOSTILE_PIECE("said. "),
                                                 HOSTILE_PIECE("&#"),
                                                 HOSTILE_PIECE("&#99999999;"),
                                                 HOSTILE_PIECE("\n"),
                                                 {NULL, 0}};

static const hostile_piece hostile_quote_soup[] = {HOSTILE_PIECE("\xe2\x80\x9c"),
                                                   HOSTILE_PIECE("\xe2\x80\x9d"),
                                                   HOSTILE_PIECE("\xe2\x80\x98"),
                                                   HOSTILE_PIECE("\xe2\x80\x99"),
                                                   HOSTILE_PIECE("\""),
                                                   HOSTILE_PIECE("'"),
                                                   HOSTILE_PIECE("\xc2\xab"),
                                                   HOSTILE_PIECE("\xc2\xbb"),
                                                   HOSTILE_PIECE("''"),
                                                   HOSTILE_PIECE(" said "),
                                                   HOSTILE_PIECE(" Jo Kim "),
                                                   HOSTILE_PIECE(", "),
                                                   HOSTILE_PIECE(": "),
                                                   HOSTILE_PIECE(" according to "),
                                                   HOSTILE_PIECE(" \xe2\x80\x94 "),
                                                   HOSTILE_PIECE(". "),
                                                   HOSTILE_PIECE("\n\n"),
                                                   HOSTILE_PIECE(" that "),
                                                   HOSTILE_PIECE(" a doctor "),
                                                   HOSTILE_PIECE(" he "),
                                                   {NULL, 0}};

/* One line per case: name, description, unit (or pieces), parse flags, size
 * in the Check suite. */
#define REPEAT(name, what, unit, size)                                                             \
    {                                                                                              \
        name, what, HOSTILE_REPEAT, HOSTILE_PIECE(unit), {NULL, 0}, {NULL, 0}, NULL, 0, size       \
    }
#define NEST(name, what, open, middle, close, size)                                                \
    {                                                                                              \
        name, what, HOSTILE_NEST, HOSTILE_PIECE(open), HOSTILE_PIECE(middle),                      \
            HOSTILE_PIECE(close), NULL, 0, size                                                    \
    }
#define SOUP(name, what, pieces, flags, size)                                                      \
    {                                                                                              \
        name, what, HOSTILE_SOUP, {NULL, 0}, {NULL, 0}, {NULL, 0}, pieces, flags, size             \
    }

#define LDQ "\xe2\x80\x9c" /* “ */
#define RDQ "\xe2\x80\x9d" /* ” */
#define LSQ "\xe2\x80\x98" /* ‘ */
#define RSQ "\xe2\x80\x99" /* ’ */

/* The cases. Sizes follow the brief: "2 MB of ...", "x 100,000",
 * "500,000 empty paragraphs", "nested 10,000 deep". */
static const hostile_case hostile_cases[] = {
    REPEAT("curly_quotes", "2 MB of " LDQ " only", LDQ, 2 * MB),
    REPEAT("straight_quotes", "100,000 \" in a row", "\"", 100000),
    REPEAT("a_space", "\"a \" repeated", "a ", 2 * MB),
    REPEAT("letters", "letters, no space", "abcdefghijklmnopqrstuvwxyz", 2 * MB),
    REPEAT("letters_punct", "\"a.b-c'd\", no space", "a.b-c'd", 2 * MB),
    REPEAT("digit_punct", "\"1.2,3/4:5-6.7\", no space", "1.2,3/4:5-6.7", 2 * MB),
    SOUP("digit_soup", "digits, punctuation, some spaces", hostile_digit_soup, 0, 2 * MB),
    SOUP("metric_soup", "numbers, scales, currencies, units, cues", hostile_metric_soup, 0, 2 * MB),
    REPEAT("digit_groups", "one number of \"1 000\" groups", " 000", 2 * MB),
    REPEAT("spelled_number", "\"two hundred and\" x 100,000", "two hundred and ", 1600000),
    REPEAT("phone_run", "\"+1 (555) 123-4567 \" repeated", "+1 (555) 123-4567 ", 2 * MB),
    REPEAT("empty_paragraphs", "\"\\n\\n\" x 500,000", "\n\n", 1000000),
    REPEAT("x_paragraphs", "\"x\\n\\n\" x 500,000", "x\n\n", 1500000),
    REPEAT("newlines", "\"x\\n\" x 500,000", "x\n", 1000000),
    REPEAT("yes_he_said", "'\"Yes,\" he said. ' x 100,000", "\"Yes,\" he said. ", 1600000),
    REPEAT("yes_he_said_curly", "'" LDQ "Yes," RDQ " he said. ' x 100,000",
           LDQ "Yes," RDQ " he said. ", 2000000),
    NEST("nested_quotes", LDQ LSQ " nested 10,000 deep, closed", LDQ LSQ, "x", RSQ RDQ, 60001),
    NEST("nested_parens", LDQ "( nested 10,000 deep, closed", LDQ "(", "x", ")" RDQ, 40001),
    REPEAT("nested_open", LDQ LSQ " x 10,000, never closed", LDQ LSQ " word ", 110000),
    SOUP("invalid_utf8", "invalid UTF-8 soup, LEDE_OPT_LOSSY", hostile_bad_utf8_soup,
         LEDE_OPT_LOSSY, 2 * MB),
    SOUP("nul_bytes", "NUL bytes among words", hostile_nul_soup, 0, 2 * MB),
    REPEAT("amp_entities", "\"&amp;\" x 400,000", "&amp;", 2000000),
    REPEAT("hex_entities", "unterminated \"&#x\" x 700,000", "&#x", 2100000),
    REPEAT("open_tags", "unterminated \"<p\" x 1,000,000", "<p", 2000000),
    SOUP("web_soup", "entities, tags, soft hyphens, zero-width", hostile_web_soup, 0, 2 * MB),
    REPEAT("periods", "\". \" x 100,000", ". ", 200000),
    REPEAT("mr", "\"Mr. \" x 100,000", "Mr. ", 400000),
    REPEAT("us_line", "one line of \"U.S.\"", "U.S.", 2 * MB),
    NEST("meta_chain", "\"Date 2025-03-26 \" x k, then k paragraphs", "Date 2025-03-26 ", "\n\n",
         "x\n\n", 2 * MB),
    REPEAT("bylines", "\"By Jane Doe\" paragraphs", "By Jane Doe\n\n", 2 * MB),
    REPEAT("headings", "heading, body, repeated", "Short Heading\n\nBody text here.\n\n", 2 * MB),
    REPEAT("datelines", "dateline paragraphs", "WASHINGTON (AP) \xe2\x80\x94 x\n\n", 2 * MB),
    REPEAT("emails", "\"a@b.cd\", no space", "a@b.cd", 2 * MB),
    REPEAT("urls", "\"www.a.b/\", no space", "www.a.b/", 2 * MB),
    SOUP("names", "many different capitalized words", hostile_name_soup, 0, 2 * MB),
    REPEAT("name_repeat", "two names and pronouns, repeated",
           "Jane Doe met John Roe. She said he agreed, Doe said. ", 2 * MB),
    REPEAT("title_chain", "one endless title", "Deputy Assistant Secretary of State ", 2 * MB),
    SOUP("quote_soup", "quote marks of every family, cues, names, breaks", hostile_quote_soup, 0,
         2 * MB),
    REPEAT("said_that_chain", "\"he said that \" on one line", "he said that ", 2 * MB),
    REPEAT("according_chain", "\"according to officials, \" on one line",
           "according to officials, ", 2 * MB),
    REPEAT("apposition_chain", "\"Jo Kim, a doctor, \" on one line", "Jo Kim, a doctor, ", 2 * MB),
    REPEAT("lead_in_paragraphs", "colon lead-ins, each before a quoted paragraph",
           "Jo Kim said:\n\n" LDQ "We agree." RDQ "\n\n", 2 * MB),
    REPEAT("dash_attributions", "quotes attributed by a dash, one line",
           LDQ "Fine." RDQ " \xe2\x80\x94 Jo Kim ", 2 * MB),
    REPEAT("open_paragraphs", "paragraphs that open a quote and never close it",
           LDQ "We will go on\n\n", 2 * MB),
    REPEAT("prose_line", "prose on one line",
           "The minister said, " LDQ "We will act now." RDQ
           " Prices rose 4.5% to $1.2bn in March 2025. ",
           2 * MB),
};

#undef REPEAT
#undef NEST
#undef SOUP
#undef LDQ
#undef RDQ
#undef LSQ
#undef RSQ

#define HOSTILE_CASE_COUNT (sizeof hostile_cases / sizeof hostile_cases[0])

static inline const hostile_case *hostile_find(const char *name)
{
    for (size_t i = 0; i < HOSTILE_CASE_COUNT; i++)
        if (strcmp(hostile_cases[i].name, name) == 0)
            return &hostile_cases[i];
    return NULL;
}

/* Write the case's input of at most `size` bytes into `out` (which holds at
 * least `size` bytes); returns its length. */
static inline size_t hostile_build(const hostile_case *c, size_t size, char *out)
{
    size_t n = 0;
    if (c->kind == HOSTILE_REPEAT) {
        while (n + c->open.len <= size) {
            memcpy(out + n, c->open.bytes, c->open.len);
            n += c->open.len;
        }
    } else if (c->kind == HOSTILE_NEST) {
        size_t pair = c->open.len + c->close.len;
        size_t depth = size > c->middle.len ? (size - c->middle.len) / pair : 0;
        for (size_t i = 0; i < depth; i++, n += c->open.len)
            memcpy(out + n, c->open.bytes, c->open.len);
        memcpy(out + n, c->middle.bytes, c->middle.len);
        n += c->middle.len;
        for (size_t i = 0; i < depth; i++, n += c->close.len)
            memcpy(out + n, c->close.bytes, c->close.len);
    } else {
        size_t count = 0;
        while (c->soup[count].bytes)
            count++;
        uint32_t state = 0x2545F491u; /* xorshift32: the same bytes on every run */
        for (;;) {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            const hostile_piece *p = &c->soup[state % count];
            if (n + p->len > size)
                break;
            memcpy(out + n, p->bytes, p->len);
            n += p->len;
        }
    }
    return n;
}

/* A malloc'ed input of the case at `size` bytes (NULL when out of memory). */
static inline char *hostile_make(const hostile_case *c, size_t size, size_t *len)
{
    char *buf = malloc(size ? size : 1);
    *len = buf ? hostile_build(c, size, buf) : 0;
    return buf;
}

#undef MB

#endif
