/* lede_fuzz: the libFuzzer target of lede (docs/fuzzing.md).
 *
 * Input layout: the first HEADER_SIZE bytes choose the options, the rest is
 * the text. Each header byte is XOR-ed with HEADER_BIAS, so '@' stands for 0
 * and a seed such as "@@@@By Jane Doe\n..." stays readable:
 *
 *   byte 0  bit 0  LEDE_OPT_LOSSY
 *           bit 1  JSON offsets in code points
 *           bit 2  JSON offsets in UTF-16 units (bits 1 and 2 together: bytes)
 *           bit 3  LEDE_JSON_PRETTY
 *           bit 4  a counting allocator that fails the N-th call (byte 2)
 *           bit 5  max_input_size = text length * byte 3 / 128
 *           bit 6  the failing allocator keeps failing after the N-th call
 *           bit 7  parse again with the default allocator: same JSON bytes
 *   byte 1  bits 0-4  reference date (an index into reference_dates)
 *           bit 5     options struct_size larger than this header knows
 *           bit 6     LEDE_OPT_NO_SPEAKERS
 *   byte 2  bits 0-4  N, the 0-based allocator call that fails (a parse of a
 *                     short text makes about ten calls, its JSON two or more)
 *   byte 3  the max_input_size factor (under 128: smaller than the text)
 *
 * For every input the target checks the status against what the options and
 * the bytes call for, walks every public accessor (the `layers` table below)
 * checking spans, order, cross references and strings, then renders the JSON
 * and checks it. A failed check prints its line and calls __builtin_trap().
 * Leaks are caught by LeakSanitizer and by the counting allocator.
 *
 * A new layer (speakers, quotes, metrics) adds one walk function and one line
 * in `layers`. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "lede.h"

enum { HEADER_SIZE = 4, HEADER_BIAS = 0x40 };

enum {
    H0_LOSSY = 1u << 0,
    H0_CODEPOINTS = 1u << 1,
    H0_UTF16 = 1u << 2,
    H0_PRETTY = 1u << 3,
    H0_FAILING_ALLOC = 1u << 4,
    H0_LIMIT = 1u << 5,
    H0_STICKY = 1u << 6,
    H0_REPARSE = 1u << 7,
    H1_DATE_MASK = 0x1F,
    H1_BIG_OPTIONS = 1u << 5,
    H1_NO_SPEAKERS = 1u << 6,
    H1_NO_METRICS = 1u << 7,
    H2_FAIL_MASK = 0x1F,
    H2_NO_QUOTES = 1u << 5
};

/* ------------------------------------------------------------------ */
/* Checks                                                              */
/* ------------------------------------------------------------------ */

/* What the target is checking, for the failure message. */
static const char *checking = "options";

static void check_failed(int line, const char *what)
{
    fprintf(stderr, "lede_fuzz.c:%d: check failed (%s): %s\n", line, checking, what);
    fflush(stderr);
    __builtin_trap();
}

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond))                                                                               \
            check_failed(__LINE__, #cond);                                                         \
    } while (0)

/* ------------------------------------------------------------------ */
/* UTF-8, as the library's contract defines it                         */
/* ------------------------------------------------------------------ */

/* Length of the valid UTF-8 sequence at s[i], storing its code point; 0 when
 * the bytes there are invalid (overlong, surrogate, above U+10FFFF, cut). */
static size_t utf8_seq(const unsigned char *s, size_t len, size_t i, uint32_t *cp)
{
    unsigned char c = s[i];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t n;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2, v = c & 0x1Fu, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3, v = c & 0x0Fu, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4, v = c & 0x07u, min = 0x10000;
    } else {
        return 0;
    }
    if (len - i < n)
        return 0;
    for (size_t k = 1; k < n; k++) {
        if ((s[i + k] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i + k] & 0x3Fu);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

/* Offset of the first invalid byte, or LEDE_NONE. */
static size_t utf8_invalid_at(const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    uint32_t cp;
    for (size_t i = 0; i < len;) {
        size_t n = utf8_seq(s, len, i, &cp);
        if (!n)
            return i;
        i += n;
    }
    return LEDE_NONE;
}

/* Length of `text` in JSON offset units: each invalid byte is one unit
 * (written as U+FFFD). */
static size_t count_units(const char *text, size_t len, unsigned json_flags)
{
    if (!(json_flags & (LEDE_JSON_OFFSETS_CODEPOINTS | LEDE_JSON_OFFSETS_UTF16)))
        return len;
    const unsigned char *s = (const unsigned char *)text;
    size_t units = 0;
    uint32_t cp;
    for (size_t i = 0; i < len;) {
        size_t n = utf8_seq(s, len, i, &cp);
        units += (n && cp >= 0x10000 && (json_flags & LEDE_JSON_OFFSETS_UTF16)) ? 2 : 1;
        i += n ? n : 1;
    }
    return units;
}

static int is_ascii_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Non-zero when `s` is "YYYY-MM-DD", a real day of the Gregorian calendar
 * from year 1 on. */
static int is_iso_date(const char *s, size_t len)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (len != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (size_t k = 0; k < 10; k++)
        if (k != 4 && k != 7 && (s[k] < '0' || s[k] > '9'))
            return 0;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    if (y < 1 || m < 1 || m > 12 || d < 1)
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[m - 1] + (m == 2 && leap);
}

/* ------------------------------------------------------------------ */
/* Options                                                             */
/* ------------------------------------------------------------------ */

/* Reference dates: valid, invalid, and one the contract leaves open. */
typedef struct reference_date {
    const char *text;
    int valid; /* 1 accepted, 0 rejected with LEDE_ERR_INVALID_ARG, -1 either */
} reference_date;

static const reference_date reference_dates[] = {
    {NULL, 1},
    {"2026-01-02", 1},
    {"2025-03-26", 1},
    {"1987-02-26", 1},
    {"2024-02-29", 1},
    {"2000-02-29", 1},
    {"9999-12-31", 1},
    {"0001-01-01", 1},
    {"2023-02-29", 0},
    {"1900-02-29", 0},
    {"2025-13-01", 0},
    {"2025-00-10", 0},
    {"2025-04-31", 0},
    {"2025-1-2", 0},
    {"", 0},
    {"yesterday", 0},
    {"2025-03-26T10:00:00Z", 0},
    {"2025/03/26", 0},
    {"２０２５-03-26", 0},
    {"0000-01-01", -1},
};

/* A counting allocator: fails call number `fail_at` (0-based; with `sticky`
 * every later call too) and counts the blocks it has handed out. */
typedef struct counting_alloc {
    size_t calls;
    size_t fail_at;
    int sticky;
    int failed; /* a call has returned NULL */
    size_t live;
} counting_alloc;

static int alloc_should_fail(counting_alloc *a)
{
    size_t call = a->calls++;
    if (call == a->fail_at || (a->sticky && call > a->fail_at)) {
        a->failed = 1;
        return 1;
    }
    return 0;
}

static counting_alloc *alloc_state(void *user)
{
    CHECK(user != NULL);
    return user;
}

static void *counting_malloc(size_t size, void *user)
{
    counting_alloc *a = alloc_state(user);
    if (alloc_should_fail(a))
        return NULL;
    void *p = malloc(size);
    if (p)
        a->live++;
    return p;
}

static void *counting_realloc(void *ptr, size_t size, void *user)
{
    counting_alloc *a = alloc_state(user);
    if (alloc_should_fail(a))
        return NULL;
    void *p = realloc(ptr, size);
    if (p && !ptr)
        a->live++;
    return p;
}

static void counting_free(void *ptr, void *user)
{
    counting_alloc *a = alloc_state(user);
    if (!ptr)
        return;
    CHECK(a->live > 0);
    a->live--;
    free(ptr);
}

/* What one input asks for. */
typedef struct plan {
    const char *text;
    size_t len;
    unsigned h[HEADER_SIZE];
    const reference_date *date;
    unsigned json_flags;
    size_t max_input_size; /* LEDE_NONE: the default */
} plan;

static void plan_read(plan *p, const uint8_t *data, size_t size)
{
    memset(p, 0, sizeof *p);
    for (size_t k = 0; k < HEADER_SIZE; k++)
        p->h[k] = (k < size ? data[k] : 0) ^ HEADER_BIAS;
    p->text = size > HEADER_SIZE ? (const char *)data + HEADER_SIZE : "";
    p->len = size > HEADER_SIZE ? size - HEADER_SIZE : 0;
    size_t ndates = sizeof reference_dates / sizeof *reference_dates;
    p->date = &reference_dates[(p->h[1] & H1_DATE_MASK) % ndates];
    unsigned unit = p->h[0] & (H0_CODEPOINTS | H0_UTF16);
    if (unit == H0_CODEPOINTS)
        p->json_flags = LEDE_JSON_OFFSETS_CODEPOINTS;
    else if (unit == H0_UTF16)
        p->json_flags = LEDE_JSON_OFFSETS_UTF16;
    if (p->h[0] & H0_PRETTY)
        p->json_flags |= LEDE_JSON_PRETTY;
    p->max_input_size = (p->h[0] & H0_LIMIT) ? p->len * p->h[3] / 128 : LEDE_NONE;
}

/* Options storage with room for a caller that knows a longer struct. */
typedef union options_buf {
    lede_options opts;
    unsigned char bytes[sizeof(lede_options) + 64];
} options_buf;

static lede_options *options_make(options_buf *buf, const plan *p, counting_alloc *alloc)
{
    memset(buf, 0xA5, sizeof *buf); /* what the library must not read */
    size_t size = (p->h[1] & H1_BIG_OPTIONS) ? sizeof buf->bytes : sizeof buf->opts;
    CHECK(lede_options_init(&buf->opts, size) == LEDE_OK);
    CHECK(buf->opts.struct_size == size);
    CHECK(buf->opts.flags == 0 && buf->opts.reference_date == NULL);
    CHECK(buf->opts.max_input_size == LEDE_DEFAULT_MAX_INPUT);
    CHECK(buf->opts.allocator.malloc_fn == NULL && buf->opts.allocator.free_fn == NULL);
    for (size_t k = sizeof buf->opts; k < size; k++)
        CHECK(buf->bytes[k] == 0);
    if (p->h[0] & H0_LOSSY)
        buf->opts.flags |= LEDE_OPT_LOSSY;
    if (p->h[1] & H1_NO_SPEAKERS)
        buf->opts.flags |= LEDE_OPT_NO_SPEAKERS;
    if (p->h[1] & H1_NO_METRICS)
        buf->opts.flags |= LEDE_OPT_NO_METRICS;
    if (p->h[2] & H2_NO_QUOTES)
        buf->opts.flags |= LEDE_OPT_NO_QUOTES;
    buf->opts.reference_date = p->date->text;
    if (p->max_input_size != LEDE_NONE)
        buf->opts.max_input_size = p->max_input_size;
    if (alloc) {
        buf->opts.allocator.malloc_fn = counting_malloc;
        buf->opts.allocator.realloc_fn = counting_realloc;
        buf->opts.allocator.free_fn = counting_free;
        buf->opts.allocator.user = alloc;
    }
    return &buf->opts;
}

/* ------------------------------------------------------------------ */
/* The walk over the public accessors                                  */
/* ------------------------------------------------------------------ */

typedef struct walk {
    const lede_doc *doc;
    const char *text; /* lede_doc_text() */
    size_t len;
    int valid_utf8; /* the input is valid UTF-8 */
    const plan *plan;
} walk;

/* A byte offset on a character boundary (checked for valid input only). */
static int on_boundary(const walk *w, size_t offset)
{
    if (!w->valid_utf8 || offset >= w->len)
        return 1;
    return ((unsigned char)w->text[offset] & 0xC0) != 0x80;
}

static int span_is_none(lede_span s)
{
    int none = lede_span_is_none(s);
    CHECK(none == (s.begin == LEDE_NONE && s.end == LEDE_NONE));
    return none;
}

static int span_within(lede_span inner, lede_span outer)
{
    return inner.begin >= outer.begin && inner.end <= outer.end;
}

/* A present span: non-empty, inside the text, on character boundaries. */
static void check_span(const walk *w, lede_span s)
{
    CHECK(s.begin < s.end);
    CHECK(s.end <= w->len);
    CHECK(on_boundary(w, s.begin) && on_boundary(w, s.end));
}

/* A present span that starts and ends with something other than white space. */
static void check_trimmed_span(const walk *w, lede_span s)
{
    check_span(w, s);
    CHECK(!is_ascii_space((unsigned char)w->text[s.begin]));
    CHECK(!is_ascii_space((unsigned char)w->text[s.end - 1]));
}

/* A normalized string owned by the document: NULL with length 0, or
 * NUL-terminated, NUL-free, UTF-8 in NFC. */
static void check_string(const char *s, size_t len)
{
    if (!s) {
        CHECK(len == 0);
        return;
    }
    CHECK(s[len] == '\0');
    CHECK(strlen(s) == len);
    CHECK(utf8_invalid_at(s, len) == LEDE_NONE);
    for (size_t k = 0; k < len; k++) {
        if ((unsigned char)s[k] >= 0x80) {
            char *nfc = (char *)utf8proc_NFC((const utf8proc_uint8_t *)s);
            CHECK(nfc != NULL);
            CHECK(strcmp(nfc, s) == 0);
            free(nfc);
            break;
        }
    }
}

/* Index of the paragraph whose span contains `s`, or LEDE_NONE. */
static size_t paragraph_containing(const walk *w, lede_span s)
{
    size_t n = lede_doc_paragraph_count(w->doc);
    size_t lo = 0, hi = n;
    while (lo < hi) { /* the first paragraph that ends after s.begin */
        size_t mid = lo + (hi - lo) / 2;
        if (lede_doc_paragraph_at(w->doc, mid)->span.end <= s.begin)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < n && span_within(s, lede_doc_paragraph_at(w->doc, lo)->span))
        return lo;
    return LEDE_NONE;
}

static void walk_document(const walk *w)
{
    const lede_document *d = lede_doc_document(w->doc);
    CHECK(d != NULL);
    const reference_date *ref = w->plan->date;

    check_string(d->date, d->date_len);
    switch (d->date_source) {
    case LEDE_DATE_SOURCE_UNKNOWN:
        CHECK(d->date == NULL);
        CHECK(span_is_none(d->date_span));
        CHECK(ref->text == NULL); /* a valid reference date is always used */
        break;
    case LEDE_DATE_SOURCE_TEXT:
        CHECK(d->date && is_iso_date(d->date, d->date_len));
        check_span(w, d->date_span);
        CHECK(paragraph_containing(w, d->date_span) != LEDE_NONE);
        break;
    case LEDE_DATE_SOURCE_REFERENCE:
        CHECK(d->date && ref->text && strcmp(d->date, ref->text) == 0);
        CHECK(span_is_none(d->date_span));
        break;
    default:
        CHECK(!"date_source out of range");
    }
    CHECK(strcmp(lede_date_source_name(d->date_source), "unknown") != 0 ||
          d->date_source == LEDE_DATE_SOURCE_UNKNOWN);

    /* The title comes from the title paragraph; byline and dateline lie in
     * paragraphs too. */
    if (!span_is_none(d->title)) {
        check_trimmed_span(w, d->title);
        size_t p = paragraph_containing(w, d->title);
        CHECK(p != LEDE_NONE);
        CHECK(lede_doc_paragraph_at(w->doc, p)->kind == LEDE_PARAGRAPH_TITLE);
    }
    if (!span_is_none(d->byline)) {
        check_trimmed_span(w, d->byline);
        CHECK(paragraph_containing(w, d->byline) != LEDE_NONE);
    }
    if (!span_is_none(d->dateline)) {
        check_trimmed_span(w, d->dateline);
        CHECK(paragraph_containing(w, d->dateline) != LEDE_NONE);
    }
    check_string(d->dateline_place, d->dateline_place_len);
    check_string(d->agency, d->agency_len);
    if (d->dateline_place || d->agency)
        CHECK(!span_is_none(d->dateline));
    if (d->dateline_place)
        CHECK(d->dateline_place_len > 0);
    if (d->agency)
        CHECK(d->agency_len > 0);
}

static void walk_tokens(const walk *w)
{
    size_t n = lede_doc_token_count(w->doc);
    const unsigned known_flags = LEDE_TOKEN_CAPITALIZED | LEDE_TOKEN_ALL_CAPS |
                                 LEDE_TOKEN_SPACE_BEFORE | LEDE_TOKEN_NEWLINE_BEFORE;
    size_t prev_end = 0;
    unsigned long sum = 0;
    for (size_t i = 0; i < n; i++) {
        const lede_token *t = lede_doc_token_at(w->doc, i);
        CHECK(t != NULL);
        check_span(w, t->span);
        CHECK(t->span.begin >= prev_end);
        CHECK(t->kind >= LEDE_TOKEN_WORD && t->kind <= LEDE_TOKEN_URL);
        CHECK(strcmp(lede_token_kind_name(t->kind), "unknown") != 0);
        CHECK((t->flags & ~known_flags) == 0);
        /* The gap before the token decides the space and newline flags. */
        if (i == 0) {
            CHECK(t->flags & LEDE_TOKEN_SPACE_BEFORE);
        } else if (t->span.begin == prev_end) {
            CHECK(!(t->flags & (LEDE_TOKEN_SPACE_BEFORE | LEDE_TOKEN_NEWLINE_BEFORE)));
        } else if (memchr(w->text + prev_end, '\n', t->span.begin - prev_end)) {
            CHECK(t->flags & LEDE_TOKEN_NEWLINE_BEFORE);
        }
        CHECK(t->norm != NULL || t->norm_len == 0);
        for (size_t k = 0; k < t->norm_len; k++) /* every byte readable (ASan) */
            sum += (unsigned char)t->norm[k];
        if (w->valid_utf8 && t->norm_len)
            CHECK(utf8_invalid_at(t->norm, t->norm_len) == LEDE_NONE);
        prev_end = t->span.end;
    }
    CHECK(sum != (unsigned long)-1);
    CHECK(lede_doc_token_at(w->doc, n) == NULL);
}

/* Paragraphs cover every token, in order, and split the sentences into
 * consecutive runs. */
static void walk_paragraphs(const walk *w)
{
    size_t n = lede_doc_paragraph_count(w->doc);
    size_t ntokens = lede_doc_token_count(w->doc);
    size_t nsentences = lede_doc_sentence_count(w->doc);
    size_t next_sentence = 0, next_token = 0, prev_end = 0;
    for (size_t i = 0; i < n; i++) {
        const lede_paragraph *p = lede_doc_paragraph_at(w->doc, i);
        CHECK(p != NULL);
        check_trimmed_span(w, p->span);
        CHECK(p->span.begin >= prev_end);
        prev_end = p->span.end;
        CHECK(p->kind >= LEDE_PARAGRAPH_TITLE && p->kind <= LEDE_PARAGRAPH_BOILERPLATE);
        CHECK(strcmp(lede_paragraph_kind_name(p->kind), "unknown") != 0);

        CHECK(next_token < ntokens);
        CHECK(lede_doc_token_at(w->doc, next_token)->span.begin == p->span.begin);
        size_t first_token = next_token;
        while (next_token < ntokens &&
               lede_doc_token_at(w->doc, next_token)->span.end <= p->span.end)
            next_token++;
        CHECK(next_token > first_token);
        CHECK(lede_doc_token_at(w->doc, next_token - 1)->span.end == p->span.end);

        if (p->sentence_count == 0) {
            CHECK(p->sentence_first == LEDE_NONE);
            continue;
        }
        CHECK(p->kind == LEDE_PARAGRAPH_TITLE || p->kind == LEDE_PARAGRAPH_HEADING ||
              p->kind == LEDE_PARAGRAPH_BODY || p->kind == LEDE_PARAGRAPH_CAPTION);
        CHECK(p->sentence_first == next_sentence);
        CHECK(p->sentence_count <= nsentences - next_sentence);
        next_sentence += p->sentence_count;
    }
    CHECK(next_token == ntokens);
    CHECK(next_sentence == nsentences);
    CHECK(lede_doc_paragraph_at(w->doc, n) == NULL);
}

static void walk_sentences(const walk *w)
{
    size_t n = lede_doc_sentence_count(w->doc);
    size_t nparagraphs = lede_doc_paragraph_count(w->doc);
    size_t ntokens = lede_doc_token_count(w->doc);
    size_t prev_end = 0, prev_paragraph = 0, next_token = 0;
    for (size_t i = 0; i < n; i++) {
        const lede_sentence *s = lede_doc_sentence_at(w->doc, i);
        CHECK(s != NULL);
        check_trimmed_span(w, s->span);
        CHECK(s->span.begin >= prev_end);
        prev_end = s->span.end;

        CHECK(s->paragraph < nparagraphs);
        CHECK(s->paragraph >= prev_paragraph);
        prev_paragraph = s->paragraph;
        const lede_paragraph *p = lede_doc_paragraph_at(w->doc, s->paragraph);
        CHECK(span_within(s->span, p->span));
        CHECK(i >= p->sentence_first && i - p->sentence_first < p->sentence_count);

        /* A sentence is its tokens, first to last; tokens are not shared. */
        CHECK(s->token_count >= 1);
        CHECK(s->token_first < ntokens && s->token_count <= ntokens - s->token_first);
        CHECK(s->token_first >= next_token);
        next_token = s->token_first + s->token_count;
        CHECK(lede_doc_token_at(w->doc, s->token_first)->span.begin == s->span.begin);
        CHECK(lede_doc_token_at(w->doc, next_token - 1)->span.end == s->span.end);
    }
    CHECK(lede_doc_sentence_at(w->doc, n) == NULL);
}

/* Headings are exactly the paragraphs of kind heading, in order. */
static void walk_headings(const walk *w)
{
    size_t n = lede_doc_heading_count(w->doc);
    size_t nparagraphs = lede_doc_paragraph_count(w->doc);
    size_t k = 0;
    for (size_t i = 0; i < nparagraphs; i++) {
        const lede_paragraph *p = lede_doc_paragraph_at(w->doc, i);
        if (p->kind != LEDE_PARAGRAPH_HEADING)
            continue;
        CHECK(k < n);
        const lede_heading *h = lede_doc_heading_at(w->doc, k);
        CHECK(h != NULL);
        CHECK(h->paragraph == i);
        check_trimmed_span(w, h->span);
        CHECK(span_within(h->span, p->span));
        k++;
    }
    CHECK(k == n);
    CHECK(lede_doc_heading_at(w->doc, n) == NULL);
}

/* Authors are named by the byline. */
static void walk_authors(const walk *w)
{
    size_t n = lede_doc_author_count(w->doc);
    const lede_document *d = lede_doc_document(w->doc);
    size_t prev_end = 0;
    for (size_t i = 0; i < n; i++) {
        const lede_author *a = lede_doc_author_at(w->doc, i);
        CHECK(a != NULL);
        check_trimmed_span(w, a->span);
        CHECK(a->span.begin >= prev_end);
        prev_end = a->span.end;
        CHECK(!span_is_none(d->byline));
        CHECK(span_within(a->span, d->byline));
        CHECK(a->name != NULL && a->name_len > 0);
        check_string(a->name, a->name_len);
    }
    CHECK(lede_doc_author_at(w->doc, n) == NULL);
}

/* Speakers: numbered by first mention, each with its mentions in text order,
 * inside sentences (a byline's author inside the byline); the mentions of all
 * speakers are the document's mentions. */
static void walk_speakers(const walk *w)
{
    size_t n = lede_doc_speaker_count(w->doc);
    if (w->plan->h[1] & H1_NO_SPEAKERS)
        CHECK(n == 0 && lede_doc_mention_count(w->doc) == 0);
    size_t total = lede_doc_mention_count(w->doc);
    size_t sum = 0, prev_first = 0;
    for (size_t i = 0; i < n; i++) {
        const lede_speaker *s = lede_doc_speaker_at(w->doc, i);
        CHECK(s != NULL);
        CHECK(s->kind > LEDE_SPEAKER_UNKNOWN && s->kind <= LEDE_SPEAKER_GROUP);
        CHECK(s->gender >= LEDE_GENDER_UNKNOWN && s->gender <= LEDE_GENDER_MALE);
        CHECK(s->name != NULL && s->name_len > 0);
        check_string(s->name, s->name_len);
        CHECK(s->key != NULL);
        CHECK(s->key[s->key_len] == '\0' && strlen(s->key) == s->key_len);
        check_string(s->title, s->title_len);
        check_string(s->affiliation, s->affiliation_len);
        CHECK(s->mention_count > 0);
        CHECK(lede_speaker_mention_count(w->doc, i) == s->mention_count);
        size_t prev = 0;
        for (size_t k = 0; k < s->mention_count; k++) {
            const lede_mention *m = lede_speaker_mention_at(w->doc, i, k);
            CHECK(m != NULL);
            CHECK(m->speaker == i);
            CHECK(m->kind > LEDE_MENTION_UNKNOWN && m->kind <= LEDE_MENTION_DESCRIPTION);
            check_span(w, m->span);
            CHECK(m->span.begin >= prev);
            prev = m->span.begin;
            if (m->sentence == LEDE_NONE) { /* outside sentences: a byline's author */
                CHECK(span_within(m->span, lede_doc_document(w->doc)->byline));
            } else {
                const lede_sentence *sent = lede_doc_sentence_at(w->doc, m->sentence);
                CHECK(sent != NULL);
                CHECK(span_within(m->span, sent->span));
            }
            if (k == 0) {
                CHECK(m->span.begin >= prev_first); /* speakers by first mention */
                prev_first = m->span.begin;
            }
        }
        CHECK(lede_speaker_mention_at(w->doc, i, s->mention_count) == NULL);
        sum += s->mention_count;
    }
    CHECK(sum == total);
    size_t prev = 0;
    for (size_t k = 0; k < total; k++) {
        const lede_mention *m = lede_doc_mention_at(w->doc, k);
        CHECK(m != NULL && m->speaker < n);
        CHECK(m->span.begin >= prev);
        prev = m->span.begin;
    }
    CHECK(lede_doc_speaker_at(w->doc, n) == NULL);
    CHECK(lede_doc_mention_at(w->doc, total) == NULL);
    CHECK(lede_speaker_mention_count(w->doc, n) == 0);
}

/* An ISO date of the metric layer: "YYYY", "YYYY-MM" or "YYYY-MM-DD". */
static void check_metric_date(const char *s, size_t len)
{
    if (!s) {
        CHECK(len == 0);
        return;
    }
    check_string(s, len);
    CHECK(len == 4 || len == 7 || len == 10);
    for (size_t k = 0; k < len; k++)
        CHECK(k == 4 || k == 7 ? s[k] == '-' : (s[k] >= '0' && s[k] <= '9'));
}

/* Metrics: in text order, inside their sentence, with names for every
 * enum value and numbers only where the has-bits say so. */
static void walk_metrics(const walk *w)
{
    size_t n = lede_doc_metric_count(w->doc);
    if (w->plan->h[1] & H1_NO_METRICS)
        CHECK(n == 0);
    size_t prev = 0;
    for (size_t i = 0; i < n; i++) {
        const lede_metric *m = lede_doc_metric_at(w->doc, i);
        CHECK(m != NULL);
        CHECK(m->kind > LEDE_METRIC_UNKNOWN && m->kind <= LEDE_METRIC_DURATION);
        CHECK(m->approx >= LEDE_APPROX_EXACT && m->approx <= LEDE_APPROX_UP_TO);
        CHECK(m->change >= LEDE_CHANGE_UNKNOWN && m->change <= LEDE_CHANGE_DOWN);
        CHECK(m->grain >= LEDE_GRAIN_UNKNOWN && m->grain <= LEDE_GRAIN_DECADE);
        CHECK(m->mod >= LEDE_MOD_UNKNOWN && m->mod <= LEDE_MOD_END);
        CHECK(strcmp(lede_metric_kind_name(m->kind), "unknown") != 0);
        CHECK((m->has & ~7u) == 0);
        if (!(m->has & LEDE_METRIC_HAS_VALUE))
            CHECK(m->value == 0);
        if (!(m->has & LEDE_METRIC_HAS_LOW))
            CHECK(m->low == 0);
        if (!(m->has & LEDE_METRIC_HAS_HIGH))
            CHECK(m->high == 0);
        CHECK(m->value == m->value && m->low == m->low && m->high == m->high);
        check_span(w, m->span);
        CHECK(m->span.begin < m->span.end);
        CHECK(m->span.begin >= prev);
        prev = m->span.begin;
        const lede_sentence *sent = lede_doc_sentence_at(w->doc, m->sentence);
        CHECK(sent != NULL);
        CHECK(span_within(m->span, sent->span));
        check_string(m->unit, m->unit_len);
        check_string(m->currency, m->currency_len);
        CHECK(m->currency == NULL || m->currency_len == 3);
        check_string(m->subject, m->subject_len);
        check_metric_date(m->date, m->date_len);
        check_metric_date(m->date_end, m->date_end_len);
        CHECK(m->kind == LEDE_METRIC_DATE || m->date == NULL);
        CHECK(m->speaker == LEDE_NONE || m->speaker < lede_doc_speaker_count(w->doc));
    }
    CHECK(lede_doc_metric_at(w->doc, n) == NULL);
}

/* Quotes: in order of their content, fragments in order inside the span,
 * cross references in range, confidence on its scale; each speaker's
 * quote_count is the number of quotes that name it. */
static void walk_quotes(const walk *w)
{
    size_t n = lede_doc_quote_count(w->doc), speakers = lede_doc_speaker_count(w->doc);
    if ((w->plan->h[1] & H1_NO_SPEAKERS) || (w->plan->h[2] & H2_NO_QUOTES))
        CHECK(n == 0);
    size_t prev = 0, attributed = 0, counted = 0;
    for (size_t i = 0; i < n; i++) {
        const lede_quote *q = lede_doc_quote_at(w->doc, i);
        CHECK(q != NULL);
        CHECK(q->kind > LEDE_QUOTE_UNKNOWN && q->kind <= LEDE_QUOTE_INDIRECT);
        check_span(w, q->span);
        CHECK(q->span.begin < q->span.end && q->span.begin >= prev);
        prev = q->span.begin;
        CHECK(q->fragment_count > 0);
        size_t end = q->span.begin;
        for (size_t k = 0; k < q->fragment_count; k++) {
            const lede_span *f = lede_quote_fragment_at(w->doc, i, k);
            CHECK(f != NULL);
            check_span(w, *f);
            CHECK(f->begin < f->end && f->begin >= end && span_within(*f, q->span));
            end = f->end;
        }
        CHECK(lede_quote_fragment_at(w->doc, i, 0)->begin == q->span.begin && end == q->span.end);
        CHECK(lede_quote_fragment_at(w->doc, i, q->fragment_count) == NULL);
        if (lede_span_is_none(q->cue)) {
            CHECK(q->cue_lemma == NULL);
        } else {
            check_span(w, q->cue);
            CHECK(q->cue_lemma != NULL && q->cue_lemma_len > 0);
            check_string(q->cue_lemma, q->cue_lemma_len);
        }
        if (!lede_span_is_none(q->speaker_mention))
            check_span(w, q->speaker_mention);
        if (!lede_span_is_none(q->addressee))
            check_span(w, q->addressee);
        CHECK(q->speaker == LEDE_NONE || q->speaker < speakers);
        attributed += q->speaker != LEDE_NONE;
        const lede_sentence *sent = lede_doc_sentence_at(w->doc, q->sentence);
        CHECK(sent != NULL && sent->span.begin <= q->span.begin);
        CHECK(q->confidence >= 0 && q->confidence <= 1);
    }
    for (size_t i = 0; i < speakers; i++)
        counted += lede_doc_speaker_at(w->doc, i)->quote_count;
    CHECK(counted == attributed);
    CHECK(lede_doc_quote_at(w->doc, n) == NULL);
    CHECK(lede_quote_fragment_at(w->doc, n, 0) == NULL);
    for (size_t i = 0; i < lede_doc_metric_count(w->doc); i++) {
        const lede_metric *m = lede_doc_metric_at(w->doc, i);
        CHECK(m->quote == LEDE_NONE || m->quote < n);
        if (m->quote != LEDE_NONE) {
            CHECK(span_within(m->span, lede_doc_quote_at(w->doc, m->quote)->span));
            CHECK(m->speaker == lede_doc_quote_at(w->doc, m->quote)->speaker);
        }
    }
}

/* One walk per layer; each layer's accessors are also checked out of range
 * in walk_null_doc(). */
typedef void (*layer_walk)(const walk *w);

static const struct {
    const char *name;
    layer_walk walk;
} layers[] = {
    {"document", walk_document},     /* date, title, byline, dateline */
    {"tokens", walk_tokens},         /* spans, kinds, flags, normalized text */
    {"paragraphs", walk_paragraphs}, /* cover the tokens, own runs of sentences */
    {"sentences", walk_sentences},   /* inside their paragraph, made of their tokens */
    {"headings", walk_headings},     /* the heading paragraphs */
    {"authors", walk_authors},       /* inside the byline */
    {"speakers", walk_speakers},     /* by first mention, mentions in sentences or byline */
    {"quotes", walk_quotes},         /* fragments in order, references in range */
    {"metrics", walk_metrics},       /* text order, inside sentences, ISO dates */
};

static void walk_doc(const lede_doc *doc, const plan *p, int valid_utf8)
{
    walk w = {doc, NULL, 0, valid_utf8, p};
    w.text = lede_doc_text(doc, &w.len);
    CHECK(w.text != NULL);
    CHECK(w.len == p->len);
    CHECK(memcmp(w.text, p->text, p->len) == 0);
    CHECK(w.text[w.len] == '\0');
    for (size_t k = 0; k < sizeof layers / sizeof *layers; k++) {
        checking = layers[k].name;
        layers[k].walk(&w);
    }
    checking = "JSON";
}

/* The accessors given no document. */
static void walk_null_doc(void)
{
    size_t len = 1;
    CHECK(lede_doc_text(NULL, &len) == NULL && len == 0);
    CHECK(lede_doc_document(NULL) == NULL);
    CHECK(lede_doc_paragraph_count(NULL) == 0 && lede_doc_paragraph_at(NULL, 0) == NULL);
    CHECK(lede_doc_sentence_count(NULL) == 0 && lede_doc_sentence_at(NULL, 0) == NULL);
    CHECK(lede_doc_heading_count(NULL) == 0 && lede_doc_heading_at(NULL, 0) == NULL);
    CHECK(lede_doc_author_count(NULL) == 0 && lede_doc_author_at(NULL, 0) == NULL);
    CHECK(lede_doc_token_count(NULL) == 0 && lede_doc_token_at(NULL, 0) == NULL);
    CHECK(lede_doc_speaker_count(NULL) == 0 && lede_doc_speaker_at(NULL, 0) == NULL);
    CHECK(lede_doc_metric_count(NULL) == 0 && lede_doc_metric_at(NULL, 0) == NULL);
    CHECK(lede_doc_mention_count(NULL) == 0 && lede_doc_mention_at(NULL, 0) == NULL);
    CHECK(lede_speaker_mention_count(NULL, 0) == 0 && lede_speaker_mention_at(NULL, 0, 0) == NULL);
    CHECK(lede_doc_quote_count(NULL) == 0 && lede_doc_quote_at(NULL, 0) == NULL);
    CHECK(lede_quote_fragment_at(NULL, 0, 0) == NULL);
    lede_doc_free(NULL);
    lede_free(NULL);
}

/* ------------------------------------------------------------------ */
/* JSON                                                                */
/* ------------------------------------------------------------------ */

/* Read the value after `"key":` at json[i] (a number or null); returns the
 * position after it. */
static size_t json_read_offset(const char *json, size_t len, size_t i, size_t *value)
{
    while (i < len && json[i] == ' ')
        i++;
    if (len - i >= 4 && memcmp(json + i, "null", 4) == 0) {
        *value = LEDE_NONE;
        return i + 4;
    }
    CHECK(i < len && json[i] >= '0' && json[i] <= '9');
    size_t v = 0;
    for (; i < len && json[i] >= '0' && json[i] <= '9'; i++) {
        CHECK(v <= (SIZE_MAX - 9) / 10);
        v = v * 10 + (size_t)(json[i] - '0');
    }
    *value = v;
    return i;
}

/* Position just after the next `"key":` from `from` on, or `len`. Keys are
 * written by the library, and a quote inside a string is escaped, so
 * `"begin":` only ever occurs as a key. */
static size_t json_find_key(const char *json, size_t len, size_t from, const char *key)
{
    size_t klen = strlen(key);
    for (size_t i = from; i + klen <= len; i++) {
        const char *hit = memchr(json + i, key[0], len - i);
        if (!hit)
            return len;
        i = (size_t)(hit - json);
        if (i + klen <= len && memcmp(hit, key, klen) == 0 && (i == 0 || json[i - 1] != '\\'))
            return i + klen;
    }
    return len;
}

/* Every "begin" is followed by its "end"; both null or begin <= end <= the
 * text's length in the chosen unit. */
static void check_json_offsets(const char *json, size_t len, size_t units)
{
    size_t i = 0;
    for (;;) {
        i = json_find_key(json, len, i, "\"begin\":");
        if (i >= len)
            break;
        size_t begin, end;
        i = json_read_offset(json, len, i, &begin);
        CHECK(len - i >= 1 && json[i] == ',');
        i = json_find_key(json, len, i, "\"end\":");
        CHECK(i < len);
        i = json_read_offset(json, len, i, &end);
        CHECK((begin == LEDE_NONE) == (end == LEDE_NONE));
        if (begin != LEDE_NONE)
            CHECK(begin <= end && end <= units);
    }
}

static void check_json(const char *json, size_t len, const plan *p, const char *text,
                       size_t text_len)
{
    int pretty = (p->json_flags & LEDE_JSON_PRETTY) != 0;
    CHECK(json != NULL);
    CHECK(len >= 2 && json[len] == '\0' && strlen(json) == len);
    CHECK(json[0] == '{');
    CHECK(pretty ? (json[len - 2] == '}' && json[len - 1] == '\n') : json[len - 1] == '}');
    CHECK(utf8_invalid_at(json, len) == LEDE_NONE);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)json[i];
        CHECK(c >= 0x20 || (pretty && c == '\n'));
        /* U+0085, U+2028 and U+2029 are always escaped */
        CHECK(!(c == 0xC2 && (unsigned char)json[i + 1] == 0x85));
        CHECK(!(c == 0xE2 && (unsigned char)json[i + 1] == 0x80 &&
                ((unsigned char)json[i + 2] == 0xA8 || (unsigned char)json[i + 2] == 0xA9)));
    }
    check_json_offsets(json, len, count_units(text, text_len, p->json_flags));
}

/* lede_doc_to_json() with the plan's flags, the JSON checked; NULL when the
 * allocator failed. The caller frees the result with lede_free(). */
static char *render_json(const lede_doc *doc, const plan *p, size_t *len)
{
    char *json = (char *)"not set";
    *len = 12345;
    lede_status st = lede_doc_to_json(doc, p->json_flags, &json, len);
    if (st != LEDE_OK) {
        CHECK(st == LEDE_ERR_NOMEM);
        CHECK(json == NULL && *len == 0);
        CHECK(lede_last_error_message()[0] != '\0');
        return NULL;
    }
    size_t text_len;
    const char *text = lede_doc_text(doc, &text_len);
    check_json(json, *len, p, text, text_len);
    return json;
}

/* Flags lede_doc_to_json() must refuse, without allocating. */
static void check_json_refusals(const lede_doc *doc)
{
    char *json = (char *)"not set";
    size_t len = 1;
    CHECK(lede_doc_to_json(doc, LEDE_JSON_OFFSETS_CODEPOINTS | LEDE_JSON_OFFSETS_UTF16, &json,
                           &len) == LEDE_ERR_INVALID_ARG);
    CHECK(json == NULL && len == 0);
    CHECK(lede_doc_to_json(doc, 1u << 30, &json, &len) == LEDE_ERR_INVALID_ARG);
    CHECK(lede_doc_to_json(NULL, 0, &json, &len) == LEDE_ERR_INVALID_ARG);
    CHECK(lede_doc_to_json(doc, 0, NULL, &len) == LEDE_ERR_INVALID_ARG);
}

/* ------------------------------------------------------------------ */
/* The target                                                          */
/* ------------------------------------------------------------------ */

static int status_known(lede_status st)
{
    return st == LEDE_OK || st == LEDE_ERR_NOMEM || st == LEDE_ERR_INVALID_ARG ||
           st == LEDE_ERR_INVALID_UTF8 || st == LEDE_ERR_LIMIT;
}

/* The status fits what the plan calls for. */
static void check_status(lede_status st, const lede_doc *doc, const plan *p, size_t invalid_at,
                         const counting_alloc *alloc)
{
    CHECK(status_known(st));
    CHECK(lede_strerror(st) != NULL);
    CHECK(strcmp(lede_status_name(st), "unknown") != 0);
    CHECK((st == LEDE_OK) == (doc != NULL));
    const char *message = lede_last_error_message();
    CHECK(message != NULL);
    if (st != LEDE_OK)
        CHECK(message[0] != '\0');

    int bad_date = p->date->valid != 1; /* may be refused */
    int too_big = p->max_input_size != LEDE_NONE && p->len > p->max_input_size;
    int bad_utf8 = invalid_at != LEDE_NONE && !(p->h[0] & H0_LOSSY);
    /* Whatever applies may be reported first; a failing allocator may cut in
     * only if the library allocates before validating. */
    if (p->date->valid == 0 || too_big || bad_utf8) {
        CHECK((bad_date && st == LEDE_ERR_INVALID_ARG) || (too_big && st == LEDE_ERR_LIMIT) ||
              (bad_utf8 && st == LEDE_ERR_INVALID_UTF8) ||
              (alloc && alloc->failed && st == LEDE_ERR_NOMEM));
    } else {
        CHECK(st == LEDE_OK || st == LEDE_ERR_NOMEM || (bad_date && st == LEDE_ERR_INVALID_ARG));
    }
    /* NOMEM only when an allocation failed, and no success after one. */
    if (st == LEDE_ERR_NOMEM)
        CHECK(alloc != NULL && alloc->failed);
    if (st == LEDE_OK && alloc)
        CHECK(!alloc->failed);
    if (st == LEDE_ERR_INVALID_UTF8) {
        char needle[32];
        snprintf(needle, sizeof needle, "%zu", invalid_at);
        CHECK(strstr(message, needle) != NULL);
    }
}

static lede_status parse(const plan *p, counting_alloc *alloc, lede_doc **doc)
{
    options_buf buf;
    const lede_options *opts = options_make(&buf, p, alloc);
    *doc = (lede_doc *)&buf; /* must be overwritten */
    return lede_parse(p->len ? p->text : NULL, p->len, opts, doc);
}

/* LEDE_FUZZ_VERBOSE=1 in the environment: one line per input on stderr with
 * the options and the outcome, to read a reproducer by. */
static int verbose(void)
{
    static int value = -1;
    if (value < 0) {
        const char *env = getenv("LEDE_FUZZ_VERBOSE");
        value = env && env[0] && strcmp(env, "0") != 0;
    }
    return value;
}

static void report(const plan *p, lede_status st, const counting_alloc *alloc, const lede_doc *doc)
{
    fprintf(stderr,
            "lede_fuzz: %zu bytes, lossy %d, reference_date %s%s%s, max_input_size %zu, "
            "json flags 0x%x, allocator %s (fail at call %zu%s, %zu calls), parse: %s; "
            "%zu tokens, %zu paragraphs, %zu sentences\n",
            p->len, (p->h[0] & H0_LOSSY) != 0, p->date->text ? "\"" : "",
            p->date->text ? p->date->text : "NULL", p->date->text ? "\"" : "",
            p->max_input_size == LEDE_NONE ? LEDE_DEFAULT_MAX_INPUT : p->max_input_size,
            p->json_flags, alloc ? "failing" : "default", alloc ? alloc->fail_at : 0,
            alloc && alloc->sticky ? " and after" : "", alloc ? alloc->calls : 0,
            lede_status_name(st), lede_doc_token_count(doc), lede_doc_paragraph_count(doc),
            lede_doc_sentence_count(doc));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    plan p;
    checking = "status";
    plan_read(&p, data, size);
    size_t invalid_at = utf8_invalid_at(p.text, p.len);
    walk_null_doc();

    counting_alloc alloc = {0};
    counting_alloc *failing = NULL;
    if (p.h[0] & H0_FAILING_ALLOC) {
        alloc.fail_at = p.h[2] & H2_FAIL_MASK;
        alloc.sticky = (p.h[0] & H0_STICKY) != 0;
        failing = &alloc;
    }

    lede_doc *doc;
    lede_status st = parse(&p, failing, &doc);
    if (verbose())
        report(&p, st, failing, doc);
    check_status(st, doc, &p, invalid_at, failing);
    if (failing && st != LEDE_OK)
        CHECK(alloc.live == 0); /* a failed parse leaks nothing */
    if (st == LEDE_ERR_NOMEM) {
        /* The next parse works. */
        st = parse(&p, NULL, &doc);
        check_status(st, doc, &p, invalid_at, NULL);
    }
    if (st != LEDE_OK)
        return 0;

    walk_doc(doc, &p, invalid_at == LEDE_NONE);
    check_json_refusals(doc);
    size_t json_len;
    char *json = render_json(doc, &p, &json_len);
    if (!json)
        CHECK(failing && alloc.failed);

    if (json && (p.h[0] & H0_REPARSE)) {
        /* Deterministic, whatever the allocator did. */
        lede_doc *again;
        CHECK(parse(&p, NULL, &again) == LEDE_OK);
        size_t again_len;
        char *again_json = render_json(again, &p, &again_len);
        CHECK(again_json != NULL);
        CHECK(again_len == json_len && memcmp(again_json, json, json_len) == 0);
        lede_free(again_json);
        lede_doc_free(again);
    }

    /* The JSON buffer may outlive its document. */
    lede_doc_free(doc);
    lede_free(json);
    if (failing)
        CHECK(alloc.live == 0);
    return 0;
}
