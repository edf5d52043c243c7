/* The document layer: lines become paragraphs (unwrapping hard-wrapped text),
 * and paragraphs get their kind: metadata, title, byline, dateline, heading,
 * caption, boilerplate or body. It also finds the document date, the authors
 * and the wire dateline. Everything is read from the tokens and lines of the
 * text layer. */
#include <string.h>
#include <utf8proc.h>

#include "doc.h"
#include "lexicon.h"
#include "text.h"
#include "token.h"

enum {
    TITLE_MAX_TOKENS = 40,
    TITLE_SENTENCE_MAX_WORDS = 12, /* headlines are short; ledes run longer */
    BYLINE_MAX_TOKENS = 30,
    HEADING_MAX_WORDS = 12,
    SENTENCE_CASE_HEADING_WORDS = 6,
    META_MAX_TOKENS = 40,
    CAPTION_MAX_TOKENS = 80,
    WRAP_MAX_WIDTH = 100, /* hard-wrapped text is narrower than this */
    WRAP_MIN_WIDTH = 40,
    DATELINE_BODY_PARAGRAPHS = 2 /* a dateline opens one of the first body paragraphs */
};

/* A paragraph while it is being built: a range of lines and of tokens. */
typedef struct block {
    size_t line_first, line_end;
    size_t first, end;    /* tokens */
    size_t content_first; /* first token after a dateline prefix */
    int32_t kind;
} block;

typedef struct builder {
    lede_doc *doc;
    vec blocks; /* block */
} builder;

/* ------------------------------------------------------------------ */
/* Token helpers                                                       */

static const lede_token *tok(const lede_doc *doc, size_t i)
{
    return DOC_TOKEN(doc, i);
}

static int tok_is_word(const lede_doc *doc, size_t i, const char *w)
{
    return token_is_word(tok(doc, i), w);
}

static int tok_is_char(const lede_doc *doc, size_t i, char c)
{
    return token_is_char(tok(doc, i), c);
}

static int tok_is_dash(const lede_doc *doc, size_t i)
{
    return token_is_dash(tok(doc, i));
}

static int tok_is_quote(const lede_doc *doc, size_t i)
{
    return token_is_quote(tok(doc, i));
}

static int tok_is_terminal(const lede_doc *doc, size_t i)
{
    return token_is_terminal(tok(doc, i));
}

static int tok_is_capitalized_word(const lede_doc *doc, size_t i)
{
    const lede_token *t = tok(doc, i);
    return t->kind == LEDE_TOKEN_WORD && (t->flags & LEDE_TOKEN_CAPITALIZED);
}

static long tok_lexicon(const lede_doc *doc, size_t i, const lexicon *lx)
{
    return token_lexicon(tok(doc, i), lx);
}

/* The words and numbers of tokens[first, end), counted up to `most`: the
 * callers compare the count with a small bound, and a body paragraph need
 * not be read to its end for that. */
static size_t count_words(const lede_doc *doc, size_t first, size_t end, size_t most)
{
    size_t n = 0;
    for (size_t i = first; i < end && n < most; i++)
        n += tok(doc, i)->kind == LEDE_TOKEN_WORD || tok(doc, i)->kind == LEDE_TOKEN_NUMBER;
    return n;
}

/* Does the block's last token end a sentence (. ! ? or a closing quote or
 * bracket after one)? */
static int ends_sentence(const lede_doc *doc, size_t first, size_t end)
{
    size_t i = end;
    while (i > first && (tok_is_quote(doc, i - 1) || tok_is_char(doc, i - 1, ')')))
        i--;
    return i > first && tok_is_terminal(doc, i - 1);
}

/* ------------------------------------------------------------------ */
/* Dates                                                               */

static int number_value(const lede_token *t, int max_digits)
{
    if (t->kind != LEDE_TOKEN_NUMBER || t->norm_len == 0 || t->norm_len > (size_t)max_digits)
        return -1;
    int v = 0;
    for (size_t k = 0; k < t->norm_len; k++) {
        char c = t->norm[k];
        if (c < '0' || c > '9')
            return -1;
        v = v * 10 + (c - '0');
    }
    return v;
}

/* A day number, also written "26th" or "1st". */
static int day_value(const lede_token *t)
{
    size_t n = t->norm_len;
    if (t->kind != LEDE_TOKEN_NUMBER || n == 0)
        return -1;
    size_t digits = 0;
    while (digits < n && t->norm[digits] >= '0' && t->norm[digits] <= '9')
        digits++;
    if (digits == 0 || digits > 2)
        return -1;
    if (digits != n) {
        const char *suffix = t->norm + digits;
        size_t sl = n - digits;
        if (sl != 2 || !(memcmp(suffix, "st", 2) == 0 || memcmp(suffix, "nd", 2) == 0 ||
                         memcmp(suffix, "rd", 2) == 0 || memcmp(suffix, "th", 2) == 0))
            return -1;
    }
    int v = 0;
    for (size_t k = 0; k < digits; k++)
        v = v * 10 + (t->norm[k] - '0');
    return v >= 1 && v <= 31 ? v : -1;
}

typedef struct found_date {
    int year, month, day;
    size_t first, end; /* tokens */
} found_date;

static int valid_ymd(int y, int m, int d)
{
    return y >= 1000 && y <= 9999 && d >= 1 && d <= text_days_in_month(y, m);
}

/* "2025-03-26" or "2025/03/26" as one number token. */
static int iso_date_token(const lede_token *t, found_date *out)
{
    const char *s = t->norm;
    if (t->kind != LEDE_TOKEN_NUMBER || t->norm_len != 10 || (s[4] != '-' && s[4] != '/') ||
        s[7] != s[4])
        return 0;
    char buf[11];
    memcpy(buf, s, 10);
    buf[4] = buf[7] = '-';
    if (!text_is_iso_date(buf, 10))
        return 0;
    out->year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    out->month = (s[5] - '0') * 10 + (s[6] - '0');
    out->day = (s[8] - '0') * 10 + (s[9] - '0');
    return 1;
}

/* Index after a month name at i (with an optional abbreviation period), or 0. */
static size_t month_at(const lede_doc *doc, size_t i, size_t end, int *month)
{
    if (i >= end || tok(doc, i)->kind != LEDE_TOKEN_WORD)
        return 0;
    long m = tok_lexicon(doc, i, &lexicon_months);
    if (!m)
        return 0;
    *month = (int)m;
    i++;
    if (i < end && tok_is_char(doc, i, '.') && !(tok(doc, i)->flags & LEDE_TOKEN_SPACE_BEFORE))
        i++;
    return i;
}

/* A full date starting at token i: "March 26, 2025", "26 March 2025",
 * "2025-03-26". */
static int date_at(const lede_doc *doc, size_t i, size_t end, found_date *out)
{
    out->first = i;
    if (iso_date_token(tok(doc, i), out)) {
        out->end = i + 1;
        return 1;
    }
    int month = 0, day, year;
    size_t j = month_at(doc, i, end, &month);
    if (j && j + 1 < end && (day = day_value(tok(doc, j))) > 0) {
        j++;
        if (j < end && tok_is_char(doc, j, ','))
            j++;
        if (j < end && (year = number_value(tok(doc, j), 4)) > 0 && valid_ymd(year, month, day)) {
            out->year = year, out->month = month, out->day = day, out->end = j + 1;
            return 1;
        }
        return 0;
    }
    if ((day = day_value(tok(doc, i))) > 0) {
        j = i + 1;
        if (j < end && tok_is_word(doc, j, "of"))
            j++;
        size_t k = month_at(doc, j, end, &month);
        if (k && k < end && (year = number_value(tok(doc, k), 4)) > 0 &&
            valid_ymd(year, month, day)) {
            out->year = year, out->month = month, out->day = day, out->end = k + 1;
            return 1;
        }
    }
    return 0;
}

/* The first full date in tokens [first, end). */
static int find_date(const lede_doc *doc, size_t first, size_t end, found_date *out)
{
    for (size_t i = first; i < end; i++)
        if (date_at(doc, i, end, out))
            return 1;
    return 0;
}

static lede_status set_document_date(lede_doc *doc, const found_date *d)
{
    char *iso = arena_alloc(&doc->arena, 11);
    if (!iso)
        return LEDE_ERR_NOMEM;
    int y = d->year, m = d->month, dd = d->day;
    iso[0] = (char)('0' + y / 1000), iso[1] = (char)('0' + y / 100 % 10);
    iso[2] = (char)('0' + y / 10 % 10), iso[3] = (char)('0' + y % 10), iso[4] = '-';
    iso[5] = (char)('0' + m / 10), iso[6] = (char)('0' + m % 10), iso[7] = '-';
    iso[8] = (char)('0' + dd / 10), iso[9] = (char)('0' + dd % 10), iso[10] = '\0';
    doc->document.date = iso;
    doc->document.date_len = 10;
    doc->document.date_source = LEDE_DATE_SOURCE_TEXT;
    doc->document.date_span = span_make(tok(doc, d->first)->span.begin,
                                        tok(doc, d->end - 1)->span.end);
    return LEDE_OK;
}

/* ------------------------------------------------------------------ */
/* Lines into paragraphs                                               */

static int starts_list_item(const lede_doc *doc, const line *ln)
{
    if (!ln->token_count)
        return 0;
    size_t i = ln->token_first, end = i + ln->token_count;
    const lede_token *t = tok(doc, i);
    tchar c;
    text_next(t->norm, t->norm_len, 0, &c);
    if (t->kind == LEDE_TOKEN_SYMBOL ||
        (t->kind == LEDE_TOKEN_PUNCT && c.cp >= 0x2000 && c.cls != CH_QUOTE && c.cls != CH_DASH))
        return 1; /* bullets: • ⁃ ▪ ... */
    if ((tok_is_char(doc, i, '*') || tok_is_char(doc, i, '-')) && i + 1 < end)
        return 1;
    if (t->kind == LEDE_TOKEN_NUMBER && t->norm_len <= 2 && i + 1 < end &&
        (tok_is_char(doc, i + 1, '.') || tok_is_char(doc, i + 1, ')')) &&
        !(tok(doc, i + 1)->flags & LEDE_TOKEN_SPACE_BEFORE))
        return 1;
    return 0;
}

/* The code points of UTF-8 `s`: its bytes that are no continuation byte
 * (10xxxxxx), counted eight at a time. */
static size_t code_points(const char *s, size_t n)
{
    const uint64_t high = 0x8080808080808080ull;
    size_t count = n, k = 0;
    for (; k + 16 <= n; k += 16) {
        /* sixteen bytes of plain ASCII, most lines, pass with one test */
        uint64_t x, y;
        memcpy(&x, s + k, sizeof x);
        memcpy(&y, s + k + 8, sizeof y);
        if (!((x | y) & high))
            continue;
        for (int half = 0; half < 2; half++, x = y) {
            uint64_t cont = x & ~(x << 1) & high;
            if (cont) {
                cont >>= 7;
                cont *= 0x0101010101010101ull;
                count -= (size_t)(cont >> 56);
            }
        }
    }
    for (; k + 8 <= n; k += 8) {
        uint64_t x;
        memcpy(&x, s + k, sizeof x);
        /* bit 7 of each byte set where the byte is 10xxxxxx */
        uint64_t cont = x & ~(x << 1) & high;
        if (cont) {
            cont >>= 7;
            cont *= 0x0101010101010101ull; /* the sum of the bytes, in the top byte */
            count -= (size_t)(cont >> 56);
        }
    }
    for (; k < n; k++)
        count -= ((unsigned char)s[k] & 0xC0) == 0x80;
    return count;
}

/* Measure a line of tokens: where its text begins and ends, its indent and
 * its width. The text layer leaves this to split_block(), which compares
 * the lines of a block of several lines and no others. */
static void measure_line(const lede_doc *doc, line *ln)
{
    ln->text_begin = tok(doc, ln->token_first)->span.begin;
    ln->text_end = tok(doc, ln->token_first + ln->token_count - 1)->span.end;
    size_t indent = 0;
    for (size_t k = ln->begin; k < ln->text_begin; k++) {
        char ch = doc->text[k];
        if (ch == ' ')
            indent++;
        else if (ch == '\t')
            indent += 4;
        else if (((unsigned char)ch & 0xC0) != 0x80)
            indent++;
    }
    ln->indent = indent;
    ln->width = indent + code_points(doc->text + ln->text_begin, ln->text_end - ln->text_begin);
}

/* Add the paragraph of lines [line_first, line_end), body until classify()
 * says otherwise. */
static inline lede_status add_block(builder *b, size_t line_first, size_t line_end)
{
    lede_doc *doc = b->doc;
    block *bl = vec_push_uninit(&doc->arena, &b->blocks); /* assigned whole below */
    if (!bl)
        return LEDE_ERR_NOMEM;
    const line *l0 = DOC_LINE(doc, line_first), *l1 = DOC_LINE(doc, line_end - 1);
    block made = {line_first,      line_end,
                  l0->token_first, l1->token_first + l1->token_count,
                  l0->token_first, LEDE_PARAGRAPH_BODY};
    *bl = made;
    return LEDE_OK;
}

/* Split the lines of one blank-line separated block into paragraphs: a
 * hard-wrapped block (lines of similar width, or Reuters-style indented
 * paragraph starts) is joined; otherwise each line is its own paragraph,
 * unless a line plainly continues the sentence of the line before. */
static lede_status split_block(builder *b, size_t first_line, size_t end_line)
{
    lede_doc *doc = b->doc;
    if (end_line - first_line == 1) {
        /* a line by itself, most: a paragraph, with nothing to compare */
        return add_block(b, first_line, end_line);
    }
    size_t min_indent = SIZE_MAX, max_width = 0, indented = 0;
    for (size_t k = first_line; k < end_line; k++) {
        line *ln = DOC_LINE(doc, k);
        measure_line(doc, ln);
        if (ln->indent < min_indent)
            min_indent = ln->indent;
        if (ln->width > max_width)
            max_width = ln->width;
    }
    for (size_t k = first_line + 1; k < end_line; k++)
        indented += DOC_LINE(doc, k)->indent > min_indent;
    /* Indented paragraph starts or table rows under flush lines (Reuters). */
    int indent_style = indented >= 1;
    const line *last = DOC_LINE(doc, end_line - 1);
    int prose = ends_sentence(doc, last->token_first, last->token_first + last->token_count);
    int narrow = max_width >= WRAP_MIN_WIDTH && max_width <= WRAP_MAX_WIDTH;

    size_t start = first_line;
    for (size_t k = first_line; k + 1 < end_line; k++) {
        const line *cur = DOC_LINE(doc, k), *next = DOC_LINE(doc, k + 1);
        int join;
        if (starts_list_item(doc, next))
            join = 0;
        else if (indent_style)
            join = next->indent <= min_indent;
        else if (narrow && cur->width * 4 >= max_width * 3 && next->indent <= cur->indent)
            join = 1; /* a wrapped line: nearly as wide as the widest */
        else {
            size_t end = cur->token_first + cur->token_count;
            const lede_token *nt = tok(doc, next->token_first);
            int mid_sentence = !ends_sentence(doc, cur->token_first, end) &&
                               !tok_is_char(doc, end - 1, ':');
            join = prose && mid_sentence &&
                   (nt->kind == LEDE_TOKEN_NUMBER ||
                    (nt->kind == LEDE_TOKEN_WORD && !(nt->flags & LEDE_TOKEN_CAPITALIZED)));
        }
        if (!join) {
            if (add_block(b, start, k + 1) != LEDE_OK)
                return LEDE_ERR_NOMEM;
            start = k + 1;
        }
    }
    return add_block(b, start, end_line);
}

static lede_status make_blocks(builder *b)
{
    lede_doc *doc = b->doc;
    size_t n = doc->lines.count, k = 0;
    while (k < n) {
        while (k < n && DOC_LINE(doc, k)->token_count == 0)
            k++;
        size_t start = k;
        while (k < n && DOC_LINE(doc, k)->token_count != 0)
            k++;
        if (k > start && split_block(b, start, k) != LEDE_OK)
            return LEDE_ERR_NOMEM;
    }
    return LEDE_OK;
}

/* ------------------------------------------------------------------ */
/* Paragraph kinds                                                     */

static int label_word(const lede_doc *doc, size_t i)
{
    static const char *const labels[] = {"date",   "dated",    "published", "updated",
                                         "posted", "modified", "filed",     "created"};
    for (size_t k = 0; k < sizeof labels / sizeof *labels; k++)
        if (tok_is_word(doc, i, labels[k]))
            return 1;
    return 0;
}

/* Metadata: "date 2025-03-26", "Published: March 26, 2025", "Last updated
 * ...", "Source: ...", or a paragraph that is nothing but a date
 * ("Friday, July 21, 2017"). Returns the token after the metadata (which may
 * be followed by body text on the same line, as in "date 2025-03-26 NATO
 * ..."), or 0. */
static size_t meta_end(const lede_doc *doc, const block *bl, found_date *date, int *has_date)
{
    size_t i = bl->first, end = bl->end;
    *has_date = 0;
    if (end - i > META_MAX_TOKENS && !label_word(doc, i))
        return 0;
    size_t j = i;
    if (tok_is_word(doc, j, "last") && j + 1 < end && label_word(doc, j + 1))
        j++;
    if (label_word(doc, j)) {
        j++;
        while (j < end &&
               (tok_is_char(doc, j, ':') || tok_is_char(doc, j, '=') || tok_is_word(doc, j, "on") ||
                tok_is_word(doc, j, "at") || tok_is_char(doc, j, '.')))
            j++;
        if (j < end && date_at(doc, j, end, date)) {
            *has_date = 1;
            /* Body text may follow an inline "date YYYY-MM-DD" label. */
            if (date->end < end && end - bl->first > META_MAX_TOKENS / 2 &&
                tok_is_capitalized_word(doc, date->end))
                return date->end;
            return end;
        }
        if (end - i <= META_MAX_TOKENS &&
            (j == end || tok(doc, j)->kind == LEDE_TOKEN_NUMBER || tok_is_char(doc, i + 1, ':'))) {
            *has_date = find_date(doc, j, end, date);
            return end;
        }
        return 0;
    }
    static const char *const keys[] = {"title",  "source",   "url",  "section",
                                       "author", "category", "tags", "link"};
    if (i + 1 < end && tok_is_char(doc, i + 1, ':')) /* before comparing the keys */
        for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
            if (tok_is_word(doc, i, keys[k]))
                return end;
    /* A line that is only a date, perhaps with a weekday and a time. */
    j = i;
    if (tok_lexicon(doc, j, &lexicon_weekdays)) {
        j++;
        while (j < end && (tok_is_char(doc, j, ',') || tok_is_char(doc, j, '.')))
            j++;
    }
    if (j < end && date_at(doc, j, end, date)) {
        size_t k = date->end;
        /* an optional time: "12:09 EST", "2:13 PM ET" */
        while (k < end && k - date->end < 5 &&
               (tok(doc, k)->kind == LEDE_TOKEN_NUMBER ||
                tok(doc, k)->flags & LEDE_TOKEN_ALL_CAPS || tok_is_word(doc, k, "a.m.") ||
                tok_is_word(doc, k, "p.m.") || tok_is_char(doc, k, ',') ||
                tok_is_char(doc, k, '.')))
            k++;
        if (k == end) {
            *has_date = 1;
            return end;
        }
    }
    return 0;
}

static int name_particle(const lede_doc *doc, size_t i)
{
    static const char *const particles[] = {"de",  "van", "von", "der", "den", "da", "di",
                                            "du",  "la",  "le",  "bin", "al",  "el", "ibn",
                                            "dos", "del", "ter", "ten", "st",  "y"};
    for (size_t k = 0; k < sizeof particles / sizeof *particles; k++)
        if (tok_is_word(doc, i, particles[k]))
            return 1;
    return 0;
}

/* A name-like token in a byline: a capitalized word, an initial ("J."), a
 * hyphenated or apostrophe name. */
static int byline_name_token(const lede_doc *doc, size_t i)
{
    const lede_token *t = tok(doc, i);
    return t->kind == LEDE_TOKEN_WORD &&
           ((t->flags & LEDE_TOKEN_CAPITALIZED) || name_particle(doc, i));
}

static int byline_separator(const lede_doc *doc, size_t i)
{
    return tok_is_char(doc, i, ',') || tok_is_char(doc, i, ';') || tok_is_char(doc, i, '&') ||
           tok_is_char(doc, i, '|') || tok_is_word(doc, i, "and") || tok_is_dash(doc, i);
}

/* "By Jane Doe", "By JANE DOE, Associated Press", "By Jane Doe and John
 * Roe": every word after "By" is part of a name, a separator, or an
 * agency; body sentences such as "By now, ..." fail. */
static int is_byline(const lede_doc *doc, const block *bl)
{
    size_t i = bl->first, end = bl->end;
    if (bl->line_end - bl->line_first > 2 || end - i > BYLINE_MAX_TOKENS || end - i < 2)
        return 0;
    if (!tok_is_word(doc, i, "by"))
        return 0;
    i++;
    if (tok_is_char(doc, i, ':') || tok_is_char(doc, i, '.'))
        i++;
    if (i >= end || !tok_is_capitalized_word(doc, i) ||
        tok_lexicon(doc, i, &lexicon_sentence_starters) || tok_lexicon(doc, i, &lexicon_weekdays) ||
        tok_lexicon(doc, i, &lexicon_months))
        return 0;
    size_t names = 0;
    for (; i < end; i++) {
        if (byline_name_token(doc, i) || byline_separator(doc, i) || tok_is_char(doc, i, '.') ||
            tok(doc, i)->kind == LEDE_TOKEN_URL || tok_is_char(doc, i, '@'))
            names += byline_name_token(doc, i);
        else if (tok_is_word(doc, i, "in") || tok_is_word(doc, i, "for") ||
                 tok_is_word(doc, i, "at") || tok_is_word(doc, i, "of") ||
                 tok_is_word(doc, i, "with"))
            continue; /* "By Jane Doe in London", "for the BBC" */
        else
            return 0;
    }
    return names >= 1;
}

static lede_status add_author(lede_doc *doc, size_t first, size_t end)
{
    /* Strip leading and trailing non-names. */
    while (first < end && !byline_name_token(doc, first))
        first++;
    while (end > first && !byline_name_token(doc, end - 1))
        end--;
    if (end <= first || tok_lexicon(doc, first, &lexicon_agencies) ||
        tok_lexicon(doc, first, &lexicon_outlets))
        return LEDE_OK;
    /* Job titles that follow a name ("Staff Writer") are not names. */
    if (tok_is_word(doc, first, "staff") || tok_is_word(doc, first, "senior") ||
        tok_is_word(doc, first, "special") || tok_is_word(doc, first, "chief"))
        return LEDE_OK;
    /* Name text: tokens joined by single spaces; ALL-CAPS words in title case. */
    size_t cap = 0;
    for (size_t i = first; i < end; i++)
        cap += tok(doc, i)->norm_len + 1;
    char *name = arena_alloc(&doc->arena, cap + 1);
    if (!name)
        return LEDE_ERR_NOMEM;
    size_t n = 0;
    for (size_t i = first; i < end; i++) {
        const lede_token *t = tok(doc, i);
        if (n && (t->flags & LEDE_TOKEN_SPACE_BEFORE))
            name[n++] = ' ';
        int recase = (t->flags & LEDE_TOKEN_ALL_CAPS) && t->norm_len > 2;
        size_t k = 0;
        int first_letter = 1;
        while (k < t->norm_len) {
            tchar c;
            text_next(t->norm, t->norm_len, k, &c);
            uint32_t cp = c.cp;
            if (recase && char_is_letter(c.cls)) {
                cp = first_letter ? cp : (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
                first_letter = 0;
            } else if (recase) {
                first_letter = 1; /* after a hyphen or apostrophe: "O'NEILL" -> "O'Neill" */
            }
            if (c.size == 1 && c.cp < 0x80) {
                name[n++] = (char)cp;
            } else {
                char buf[4];
                size_t m = text_encode(cp, buf);
                if (m <= c.size) {
                    memcpy(name + n, buf, m);
                    n += m;
                } else {
                    memcpy(name + n, t->norm + k, c.size);
                    n += c.size;
                }
            }
            k += c.size;
        }
    }
    name[n] = '\0';
    if (lexicon_get(&lexicon_agencies, name, n))
        return LEDE_OK; /* "Associated Press" is the agency, not an author */
    lede_author *a = VEC_PUSH(&doc->arena, &doc->authors, lede_author);
    if (!a)
        return LEDE_ERR_NOMEM;
    a->span = span_make(tok(doc, first)->span.begin, tok(doc, end - 1)->span.end);
    a->name = name;
    a->name_len = n;
    return LEDE_OK;
}

static lede_status read_byline(lede_doc *doc, const block *bl)
{
    size_t end = bl->end;
    while (end > bl->first && tok_is_char(doc, end - 1, '.'))
        end--;
    doc->document.byline = span_make(tok(doc, bl->first)->span.begin, tok(doc, end - 1)->span.end);
    size_t start = bl->first + 1;
    for (size_t i = start; i <= end; i++) {
        int stop = i == end || byline_separator(doc, i) || tok_is_word(doc, i, "in") ||
                   tok_is_word(doc, i, "for") || tok_is_word(doc, i, "at") ||
                   tok_is_word(doc, i, "with");
        if (!stop)
            continue;
        if (add_author(doc, start, i) != LEDE_OK)
            return LEDE_ERR_NOMEM;
        if (i < end && !byline_separator(doc, i))
            break; /* "in London", "for the BBC": no more names */
        start = i + 1;
    }
    return LEDE_OK;
}

/* No word in lower case: a wire headline such as "OIL FIRM TO SELL UNIT". */
static int all_caps(const lede_doc *doc, size_t first, size_t end)
{
    size_t caps = 0;
    for (size_t i = first; i < end; i++) {
        const lede_token *t = tok(doc, i);
        if (t->kind != LEDE_TOKEN_WORD || t->norm_len < 2)
            continue;
        if (!(t->flags & LEDE_TOKEN_ALL_CAPS))
            return 0;
        caps++;
    }
    return caps > 0;
}

/* A place name part: capitalized words, state abbreviations ("Calif.",
 * "N.Y."), up to `max` tokens. Returns the index after it, or 0. */
static size_t place_part(const lede_doc *doc, size_t i, size_t end, size_t max, int all_caps)
{
    size_t j = i;
    int month;
    while (j < end && j - i < max) {
        const lede_token *t = tok(doc, j);
        if (t->kind != LEDE_TOKEN_WORD || !(t->flags & LEDE_TOKEN_CAPITALIZED))
            break;
        size_t after_month = month_at(doc, j, end, &month);
        if (j > i && after_month && after_month < end && day_value(tok(doc, after_month)) > 0)
            break; /* "Va. Feb 26": the date begins */
        if (all_caps && !(t->flags & LEDE_TOKEN_ALL_CAPS) && t->norm_len > 1 &&
            t->norm[t->norm_len - 1] != '.')
            break;
        j++;
        /* "Calif." keeps its period; "DALLAS/FORT WORTH" is one place */
        if (j < end && tok_is_char(doc, j, '.') && !(tok(doc, j)->flags & LEDE_TOKEN_SPACE_BEFORE))
            j++;
        else if (j + 1 < end && tok_is_char(doc, j, '/') &&
                 !(tok(doc, j)->flags & LEDE_TOKEN_SPACE_BEFORE))
            j++;
    }
    return j > i ? j : 0;
}

static int ends_with_period(const lede_token *t)
{
    return t->norm_len > 0 && t->norm[t->norm_len - 1] == '.';
}

typedef struct dateline_match {
    size_t end; /* first token after the dateline */
    size_t place_first, place_end;
    size_t agency_first, agency_end;
    int has_date; /* "CLEVELAND, Feb 26 -" */
} dateline_match;

/* A dateline opens running text; "ECONOMIC SPOTLIGHT - JAPAN EYEING" and
 * "UAL (UAL) HERTZ UNIT" are headlines. */
static int dateline_followed_by_text(const lede_doc *doc, const dateline_match *m, size_t end)
{
    return m->has_date || m->end == end || !all_caps(doc, m->end, end);
}

/* "(AP)", "(Reuters)": an agency in brackets at i. */
static size_t agency_brackets(const lede_doc *doc, size_t i, size_t end, dateline_match *m)
{
    if (i + 2 >= end || !tok_is_char(doc, i, '('))
        return 0;
    size_t j = i + 1;
    while (j < end && j - i <= 4 && !tok_is_char(doc, j, ')'))
        j++;
    if (j >= end || !tok_is_char(doc, j, ')') || j == i + 1)
        return 0;
    /* the first word must be a known agency ("AP", "Reuters", "Agence") */
    if (!tok_lexicon(doc, i + 1, &lexicon_agencies) &&
        !(j == i + 2 && (tok(doc, i + 1)->flags & LEDE_TOKEN_ALL_CAPS)))
        return 0;
    m->agency_first = i + 1;
    m->agency_end = j;
    return j + 1;
}

/* A wire dateline at the start of tokens [i, end): "WASHINGTON (AP) —",
 * "NEW YORK, Nov. 19 (UPI) —", "Beirut (AFP) –", "(CNN) --",
 * "CLEVELAND, Feb 26 -", "Evansville, Indiana, United States -". */
static int dateline_at(const lede_doc *doc, size_t i, size_t end, int after_date_line,
                       dateline_match *m)
{
    memset(m, 0, sizeof *m);
    size_t j;
    if ((j = agency_brackets(doc, i, end, m))) {
        if (j < end && tok_is_dash(doc, j))
            j++;
        m->end = j;
        return dateline_followed_by_text(doc, m, end);
    }
    int caps = (tok(doc, i)->flags & LEDE_TOKEN_ALL_CAPS) != 0;
    size_t p = place_part(doc, i, end, 6, caps);
    if (!p)
        return 0;
    m->place_first = i;
    m->place_end = p;
    size_t parts = 1;
    j = p;
    int month = 0, has_date = 0;
    while (j + 1 < end && (tok_is_char(doc, j, ',') || ends_with_period(tok(doc, j - 1)))) {
        /* "CLEVELAND, Feb 26", "RICHMOND, Va. Feb 26" */
        size_t d = tok_is_char(doc, j, ',') ? j + 1 : j;
        size_t k = month_at(doc, d, end, &month);
        if (k && k < end && day_value(tok(doc, k)) > 0) {
            j = k + 1;
            has_date = m->has_date = 1;
            break;
        }
        if (d == j)
            break;
        size_t q = place_part(doc, d, end, 3, 0);
        if (!q)
            break;
        j = q;
        m->place_end = q;
        parts++;
    }
    if (j < end && tok_is_char(doc, j, ',') && has_date) {
        j++;
        /* "WASHINGTON, March 12, Reuter -" */
        if (j + 1 < end && tok_lexicon(doc, j, &lexicon_agencies) && tok_is_dash(doc, j + 1)) {
            m->agency_first = j;
            m->agency_end = j + 1;
            j++;
        }
    }
    size_t after_agency = agency_brackets(doc, j, end, m);
    if (after_agency) {
        j = after_agency;
        if (j < end && tok_is_dash(doc, j))
            j++;
        m->end = j;
        return dateline_followed_by_text(doc, m, end);
    }
    if (j >= end || !tok_is_dash(doc, j))
        return 0;
    /* Without an agency, the place must look like a dateline: capitals
     * ("WASHINGTON -"), a date ("CLEVELAND, Feb 26 -"), or several parts
     * after a date line (Wikinews). */
    if (!(caps || has_date || (parts >= 2 && after_date_line)))
        return 0;
    /* "ECONOMIC SPOTLIGHT - BANKAMERICA" is a headline: a dateline without
     * agency or date must open a sentence of some length. */
    if (!has_date && count_words(doc, j + 1, end, 4) < 4)
        return 0;
    /* the dash must stand apart: "WASHINGTON — A" not "Coca-Cola" */
    if (!(tok(doc, j)->flags & LEDE_TOKEN_SPACE_BEFORE) && !has_date)
        return 0;
    m->end = j + 1;
    return dateline_followed_by_text(doc, m, end);
}

static lede_status record_dateline(lede_doc *doc, const dateline_match *m, size_t first)
{
    lede_document *d = &doc->document;
    d->dateline = span_make(tok(doc, first)->span.begin, tok(doc, m->end - 1)->span.end);
    if (m->place_end > m->place_first) {
        d->dateline_place = token_join(&doc->arena, doc->tokens.items, m->place_first, m->place_end,
                                       &d->dateline_place_len);
        if (!d->dateline_place)
            return LEDE_ERR_NOMEM;
    }
    if (m->agency_end > m->agency_first) {
        d->agency = token_join(&doc->arena, doc->tokens.items, m->agency_first, m->agency_end,
                               &d->agency_len);
        if (!d->agency)
            return LEDE_ERR_NOMEM;
    }
    return LEDE_OK;
}

static int minor_word(const lede_doc *doc, size_t i)
{
    static const char *const minor[] = {"a",    "an",   "the", "and",  "or",  "but",  "for",
                                        "nor",  "of",   "in",  "on",   "at",  "to",   "by",
                                        "with", "from", "as",  "vs",   "via", "into", "over",
                                        "per",  "up",   "off", "than", "is",  "are",  "be"};
    for (size_t k = 0; k < sizeof minor / sizeof *minor; k++)
        if (tok_is_word(doc, i, minor[k]))
            return 1;
    return 0;
}

/* Title case: every content word capitalized (or the line in capitals). */
static int title_case(const lede_doc *doc, size_t first, size_t end)
{
    size_t content = 0;
    for (size_t i = first; i < end; i++) {
        const lede_token *t = tok(doc, i);
        if (t->kind != LEDE_TOKEN_WORD)
            continue;
        if (minor_word(doc, i) && i != first)
            continue;
        if (!(t->flags & LEDE_TOKEN_CAPITALIZED))
            return 0;
        content++;
    }
    return content >= 1;
}

/* A section heading: a short line without closing punctuation, in title
 * case ("No Time for Division"), or in sentence case ("Early life") when it
 * stands between paragraphs of prose. */
static int is_heading(const lede_doc *doc, const block *bl, const block *prev, const block *next)
{
    size_t first = bl->first, end = bl->end;
    if (bl->line_end - bl->line_first != 1)
        return 0;
    /* the last token first: it turns away most paragraphs of prose, which
     * end in a period, without counting their words */
    const lede_token *last = tok(doc, end - 1);
    if (last->kind == LEDE_TOKEN_PUNCT && !tok_is_char(doc, end - 1, '?') &&
        !tok_is_char(doc, end - 1, '!') && !tok_is_char(doc, end - 1, ')'))
        return 0;
    size_t words = count_words(doc, first, end, HEADING_MAX_WORDS + 1);
    if (words == 0 || words > HEADING_MAX_WORDS)
        return 0;
    if (!tok_is_capitalized_word(doc, first))
        return 0;
    if (title_case(doc, first, end))
        return 1;
    return words <= SENTENCE_CASE_HEADING_WORDS && prev->kind == LEDE_PARAGRAPH_BODY &&
           ends_sentence(doc, prev->first, prev->end) && ends_sentence(doc, next->first, next->end);
}

/* Does the paragraph contain the words `a` `b` in sequence, or `c` `d`, or
 * `e` `f` (those that are not NULL)? One pass for all the pairs; inline, so
 * that token_is_word() sees literal words. */
static inline __attribute__((always_inline)) int has_pairs(const lede_doc *doc, size_t first,
                                                           size_t end, const char *a, const char *b,
                                                           const char *c, const char *d,
                                                           const char *e, const char *f)
{
    /* The lengths of a, c and e as bits (modulo 64): most tokens have none
     * of them, and are passed on a field of the token itself, without the
     * load of the first byte of their norm that token_is_word() tests. */
    const uint64_t lengths = 1ull << (strlen(a) & 63) | (c ? 1ull << (strlen(c) & 63) : 0) |
                             (e ? 1ull << (strlen(e) & 63) : 0);
    for (size_t i = first; i + 1 < end; i++) {
        const lede_token *t = tok(doc, i);
        if (!(lengths >> (t->norm_len & 63) & 1))
            continue;
        if ((token_is_word(t, a) && token_is_word(t + 1, b)) ||
            (c && token_is_word(t, c) && token_is_word(t + 1, d)) ||
            (e && token_is_word(t, e) && token_is_word(t + 1, f)))
            return 1;
    }
    return 0;
}

static inline __attribute__((always_inline)) int has_pair(const lede_doc *doc, size_t first,
                                                          size_t end, const char *a, const char *b)
{
    return has_pairs(doc, first, end, a, b, NULL, NULL, NULL, NULL);
}

/* Photo and video captions: a credit such as "(Getty Images)", "AP Photo/",
 * "REUTERS/Name", or "Image: Name." near the end. */
static int is_caption(const lede_doc *doc, const block *bl)
{
    size_t first = bl->first, end = bl->end;
    if (end - first > CAPTION_MAX_TOKENS)
        return 0;
    if (has_pairs(doc, first, end, "getty", "images", "ap", "photo", NULL, NULL))
        return 1;
    size_t tail = end - first > 12 ? end - 12 : first;
    static const char *const labels[] = {"image", "photo",  "photograph",  "picture",
                                         "video", "credit", "illustration"};
    for (size_t i = tail; i + 1 < end; i++) {
        /* the cheap tests of the token after first: most fail there */
        if (tok_is_char(doc, i + 1, ':') && (tok(doc, i)->flags & LEDE_TOKEN_CAPITALIZED)) {
            for (size_t k = 0; k < sizeof labels / sizeof *labels; k++)
                if (tok_is_word(doc, i, labels[k]))
                    return 1;
        }
        /* "REUTERS/Jane Doe", "AFP/Getty" */
        if (tok_is_char(doc, i + 1, '/') && !(tok(doc, i + 1)->flags & LEDE_TOKEN_SPACE_BEFORE) &&
            (tok(doc, i)->flags & LEDE_TOKEN_ALL_CAPS) && tok_lexicon(doc, i, &lexicon_agencies))
            return 1;
    }
    return 0;
}

/* Sign-offs, credits, promos, separators and live-blog stamps. */
static int is_boilerplate(const lede_doc *doc, const block *bl)
{
    size_t first = bl->first, end = bl->end, n = end - first;
    if (count_words(doc, first, end, 1) == 0)
        return 1; /* "___", "* * *" */
    if (n <= 2 && (tok_is_word(doc, first, "reuter") || tok_is_word(doc, first, "reuters")))
        return 1; /* the Reuters sign-off */
    size_t i = first;
    if (tok_is_char(doc, i, '(') && i + 1 < end)
        i++;
    if ((tok_is_word(doc, first, "contributing") && first + 1 < end &&
         tok_is_char(doc, first + 1, ':')) ||
        has_pair(doc, i, i + 3 < end ? i + 3 : end, "reporting", "by") ||
        has_pair(doc, i, i + 3 < end ? i + 3 : end, "editing", "by") ||
        has_pair(doc, i, i + 3 < end ? i + 3 : end, "writing", "by") ||
        has_pair(doc, i, i + 3 < end ? i + 3 : end, "compiled", "by"))
        return 1;
    if (n <= 30 && tok_is_word(doc, first, "follow")) {
        for (size_t k = first; k < end; k++)
            if (tok_is_char(doc, k, '@') || tok_is_word(doc, k, "twitter") ||
                tok_is_word(doc, k, "facebook") || tok_is_word(doc, k, "instagram"))
                return 1;
    }
    if (n <= 30 &&
        ((tok_is_word(doc, first, "read") && first + 1 < end &&
          tok_is_word(doc, first + 1, "more")) ||
         (tok_is_word(doc, first, "related") && first + 1 < end &&
          tok_is_char(doc, first + 1, ':')) ||
         (tok_is_word(doc, first, "sign") && first + 1 < end &&
          tok_is_word(doc, first + 1, "up")) ||
         has_pairs(doc, first, end, "scroll", "down", "click", "here", "rights", "reserved") ||
         tok_is_word(doc, first, "advertisement") || tok_is_word(doc, first, "copyright")))
        return 1;
    /* live-blog stamp: "4:40 p.m.:" */
    if (n <= 4 && tok(doc, first)->kind == LEDE_TOKEN_NUMBER &&
        (tok_is_word(doc, first + 1 < end ? first + 1 : first, "a.m.") ||
         tok_is_word(doc, first + 1 < end ? first + 1 : first, "p.m.")) &&
        tok_is_char(doc, end - 1, ':'))
        return 1;
    return 0;
}

/* A title: a short first line that does not read as a sentence, or a short
 * single line standing apart above the body (some exports end every
 * headline with a period). A final semicolon introduces a subtitle on the
 * next line, which the caller joins to the title. */
static int is_title(const lede_doc *doc, const block *bl, const block *next, size_t blocks)
{
    size_t first = bl->first, end = bl->end;
    if (bl->line_end - bl->line_first > 2 || end - first > TITLE_MAX_TOKENS)
        return 0;
    if (tok_is_char(doc, end - 1, ';'))
        return next->line_first == bl->line_end && next->line_end == next->line_first + 1;
    if (bl->line_end == bl->line_first + 2) {
        const line *l0 = DOC_LINE(doc, bl->line_first);
        if (tok_is_char(doc, l0->token_first + l0->token_count - 1, ';'))
            return 1; /* "Headline; \nSubtitle." wrapped into one block */
    }
    if (tok_is_char(doc, end - 1, ',') || tok_is_char(doc, end - 1, ':'))
        return 0;
    if (tok_is_char(doc, end - 1, '.')) {
        dateline_match m;
        int apart = bl->line_end == bl->line_first + 1 && next->line_first > bl->line_end &&
                    count_words(doc, first, end, TITLE_SENTENCE_MAX_WORDS + 1) <=
                        TITLE_SENTENCE_MAX_WORDS &&
                    blocks >= 3;
        return apart || all_caps(doc, first, end) || title_case(doc, first, end) ||
               is_byline(doc, next) || dateline_at(doc, next->first, next->end, 0, &m);
    }
    return 1;
}

/* "nytimes.com", "BBC.co.uk": a dot followed by a lower-case ending. */
static int domain_like(const lede_token *t)
{
    const char *dot = memchr(t->norm, '.', t->norm_len);
    return t->kind == LEDE_TOKEN_WORD && dot && dot + 1 < t->norm + t->norm_len && dot[1] >= 'a' &&
           dot[1] <= 'z';
}

/* Where a title ends once a browser's " | Site" or " - Site" is cut off. */
static size_t title_end(const lede_doc *doc, size_t first, size_t end)
{
    for (size_t i = end; i-- > first + 2;) {
        if (!(tok(doc, i)->flags & LEDE_TOKEN_SPACE_BEFORE))
            continue;
        int bar = tok_is_char(doc, i, '|');
        if (!bar && !tok_is_dash(doc, i))
            continue;
        if (end - i - 1 > 6 || end - i - 1 == 0)
            return end;
        if (bar)
            return i;
        for (size_t k = i + 1; k < end; k++)
            if (tok_lexicon(doc, k, &lexicon_outlets) || tok(doc, k)->kind == LEDE_TOKEN_URL ||
                domain_like(tok(doc, k)))
                return i;
        return end;
    }
    return end;
}

/* Classify the blocks: a header zone (metadata, title, byline, date lines,
 * dateline) before the first body paragraph, then body, headings, captions
 * and boilerplate. */
static lede_status classify(builder *b)
{
    lede_doc *doc = b->doc;
    size_t n = b->blocks.count;
    int in_header = 1, have_title = 0, have_date_line = 0, have_dateline = 0;
    size_t body_seen = 0;
    /* The classified blocks go to `out`: a block split in two ("date
     * 2025-03-26 NATO ...") or two joined (a title and its subtitle) never
     * move the blocks after them, so the pass stays linear. */
    vec out;
    vec_init(&out, sizeof(block));
    if (vec_reserve(&doc->arena, &out, n + 1) != 0)
        return LEDE_ERR_NOMEM;
    for (size_t k = 0; k < n; k++) {
        block cur = VEC_AT(b->blocks, block, k);
        block *bl = &cur;
        const block *next = k + 1 < n ? &VEC_AT(b->blocks, block, k + 1) : NULL;
        found_date date;
        int has_date;
        size_t meta;
        for (;;) {
            has_date = 0;
            meta = in_header ? meta_end(doc, bl, &date, &has_date) : 0;
            if (!meta || meta == bl->end)
                break;
            /* Split "date 2025-03-26 NATO ..." into metadata and the rest,
             * which is read again. */
            if (has_date && !doc->document.date && set_document_date(doc, &date) != LEDE_OK)
                return LEDE_ERR_NOMEM;
            have_date_line |= has_date;
            /* assigned whole below: no zeroing */
            block *meta_block = vec_push_uninit(&doc->arena, &out);
            if (!meta_block)
                return LEDE_ERR_NOMEM;
            *meta_block = cur;
            meta_block->end = meta;
            meta_block->kind = LEDE_PARAGRAPH_META;
            cur.first = cur.content_first = meta;
        }
        block *slot = vec_push_uninit(&doc->arena, &out); /* assigned whole at the end */
        if (!slot)
            return LEDE_ERR_NOMEM;
        const block *prev = out.count >= 2 ? &VEC_AT(out, block, out.count - 2) : NULL;
        if (meta) {
            if (has_date && !doc->document.date && set_document_date(doc, &date) != LEDE_OK)
                return LEDE_ERR_NOMEM;
            have_date_line |= has_date;
            bl->kind = LEDE_PARAGRAPH_META;
        } else if (in_header && lede_span_is_none(doc->document.byline) && is_byline(doc, bl)) {
            bl->kind = LEDE_PARAGRAPH_BYLINE;
            if (read_byline(doc, bl) != LEDE_OK)
                return LEDE_ERR_NOMEM;
        } else {
            dateline_match m;
            int dateline = !have_dateline && body_seen < DATELINE_BODY_PARAGRAPHS &&
                           dateline_at(doc, bl->first, bl->end, have_date_line, &m);
            /* "EXCLUSIVE – Roger Stone: ..." at the top is a headline: only a
             * dateline with an agency or a date outranks a title there. */
            int weak = dateline && !m.has_date && m.agency_end == m.agency_first;
            int title = in_header && !have_title && next && is_title(doc, bl, next, n);
            if (dateline && !(weak && title)) {
                have_dateline = 1;
                if (record_dateline(doc, &m, bl->first) != LEDE_OK)
                    return LEDE_ERR_NOMEM;
                bl->content_first = m.end;
                if (m.end == bl->end) {
                    bl->kind = LEDE_PARAGRAPH_DATELINE;
                } else {
                    in_header = 0;
                    body_seen++;
                    bl->kind = LEDE_PARAGRAPH_BODY;
                }
            } else if (title) {
                have_title = 1;
                bl->kind = LEDE_PARAGRAPH_TITLE;
                if (tok_is_char(doc, bl->end - 1, ';')) {
                    /* "Headline; \nSubtitle." is one title */
                    bl->end = next->end;
                    bl->line_end = next->line_end;
                    k++;
                }
                size_t e = title_end(doc, bl->first, bl->end);
                doc->document.title = span_make(tok(doc, bl->first)->span.begin,
                                                tok(doc, e - 1)->span.end);
            } else if (is_boilerplate(doc, bl)) {
                bl->kind = LEDE_PARAGRAPH_BOILERPLATE;
            } else if (is_caption(doc, bl)) {
                bl->kind = LEDE_PARAGRAPH_CAPTION;
            } else if (!in_header && next && prev && is_heading(doc, bl, prev, next)) {
                bl->kind = LEDE_PARAGRAPH_HEADING;
            } else {
                in_header = 0;
                body_seen++;
                bl->kind = LEDE_PARAGRAPH_BODY;
            }
        }
        *slot = cur;
    }
    vec_release(&doc->arena, &b->blocks);
    b->blocks = out;
    return LEDE_OK;
}

static lede_status store(builder *b)
{
    lede_doc *doc = b->doc;
    size_t n = b->blocks.count;
    if (vec_reserve_exact(&doc->arena, &doc->paragraphs, n) ||
        vec_reserve_exact(&doc->arena, &doc->para_tokens, n))
        return LEDE_ERR_NOMEM;
    /* Room for all: the items are written in place, their padding zeroed
     * by one memset for them all, rather than pushed with a memset each. */
    lede_paragraph *paragraphs = doc->paragraphs.items;
    para_tokens *tokens = doc->para_tokens.items;
    if (n)
        memset(paragraphs, 0, n * sizeof *paragraphs);
    doc->paragraphs.count = doc->para_tokens.count = n;
    for (size_t k = 0; k < n; k++) {
        const block *bl = &VEC_AT(b->blocks, block, k);
        lede_paragraph *p = &paragraphs[k];
        para_tokens *pt = &tokens[k];
        p->span = span_make(tok(doc, bl->first)->span.begin, tok(doc, bl->end - 1)->span.end);
        p->kind = bl->kind;
        p->sentence_first = LEDE_NONE;
        p->sentence_count = 0;
        pt->first = bl->first;
        pt->end = bl->end;
        pt->content_first = bl->content_first;
        if (bl->kind == LEDE_PARAGRAPH_HEADING) {
            lede_heading *h = VEC_PUSH(&doc->arena, &doc->headings, lede_heading);
            if (!h)
                return LEDE_ERR_NOMEM;
            h->span = p->span;
            h->paragraph = k;
        }
    }
    return LEDE_OK;
}

lede_status document_build(lede_doc *doc)
{
    builder b = {doc, {0}};
    vec_init(&b.blocks, sizeof(block));
    lede_status st = make_blocks(&b);
    if (st == LEDE_OK)
        st = classify(&b);
    if (st == LEDE_OK)
        st = store(&b);
    vec_release(&doc->arena, &b.blocks);   /* the builder's, not the document's */
    vec_release(&doc->arena, &doc->lines); /* no later layer reads the lines */
    if (st == LEDE_OK && !doc->document.date && doc->reference_date[0]) {
        doc->document.date = doc->reference_date;
        doc->document.date_len = 10;
        doc->document.date_source = LEDE_DATE_SOURCE_REFERENCE;
    }
    if (st != LEDE_OK)
        return error_set(LEDE_ERR_NOMEM, "out of memory");
    return LEDE_OK;
}
