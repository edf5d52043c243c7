/* Consistency checks over a parsed document, shared by the hostile-input
 * suite, its driver and the thread test:
 *
 * - hostile_check_doc(): every accessor agrees with every other (spans in
 *   bounds and in order, cross references in range, counts and `_at`
 *   accessors consistent, strings as long as their length fields say), the
 *   speaker layer included;
 * - hostile_digest(): a 64-bit digest of everything the accessors return;
 * - hostile_check_json(): a rendered document is one well-formed JSON value
 *   (iterative, so no depth limit of ours can be hit), with valid UTF-8 and
 *   no raw control characters in strings.
 *
 * The checks return NULL when all is well, or a description of the first
 * problem found (in a thread-local buffer). Header-only. */
#ifndef LEDE_HOSTILE_CHECK_H
#define LEDE_HOSTILE_CHECK_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "lede.h"

static _Thread_local char hostile_problem[256];

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
static inline const char *
hostile_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(hostile_problem, sizeof hostile_problem, fmt, ap);
    va_end(ap);
    return hostile_problem;
}

static inline int hostile_span_ok(lede_span s, size_t len)
{
    return lede_span_is_none(s) || (s.begin <= s.end && s.end <= len);
}

static inline int hostile_string_ok(const char *s, size_t len)
{
    return s ? strlen(s) == len : len == 0;
}

/* The speaker layer: speakers ordered by first mention, every mention in
 * text order, inside the text and its sentence, listed by its speaker. */
static inline const char *hostile_check_speakers(const lede_doc *doc, size_t len)
{
    size_t nspk = lede_doc_speaker_count(doc), nmen = lede_doc_mention_count(doc);
    size_t nsen = lede_doc_sentence_count(doc), listed = 0, prev_first = 0;
    for (size_t i = 0; i < nspk; i++) {
        const lede_speaker *sp = lede_doc_speaker_at(doc, i);
        if (!sp)
            return hostile_fail("speaker %zu of %zu is NULL", i, nspk);
        if (sp->kind < LEDE_SPEAKER_UNKNOWN || sp->kind > LEDE_SPEAKER_GROUP ||
            sp->gender < LEDE_GENDER_UNKNOWN || sp->gender > LEDE_GENDER_MALE)
            return hostile_fail("speaker %zu has kind %d, gender %d", i, (int)sp->kind,
                                (int)sp->gender);
        if (!sp->name || !hostile_string_ok(sp->name, sp->name_len) ||
            !hostile_string_ok(sp->key, sp->key_len) ||
            !hostile_string_ok(sp->title, sp->title_len) ||
            !hostile_string_ok(sp->affiliation, sp->affiliation_len))
            return hostile_fail("speaker %zu: a string and its length disagree", i);
        if (lede_speaker_mention_count(doc, i) != sp->mention_count)
            return hostile_fail("speaker %zu: mention counts disagree", i);
        size_t prev_begin = 0;
        for (size_t k = 0; k < sp->mention_count; k++) {
            const lede_mention *m = lede_speaker_mention_at(doc, i, k);
            if (!m || m->speaker != i || m->span.begin < prev_begin)
                return hostile_fail("speaker %zu: mention %zu missing, foreign or out of order", i,
                                    k);
            if (k == 0) {
                if (i > 0 && m->span.begin < prev_first)
                    return hostile_fail("speaker %zu is not ordered by its first mention", i);
                prev_first = m->span.begin;
            }
            prev_begin = m->span.begin;
        }
        if (lede_speaker_mention_at(doc, i, sp->mention_count))
            return hostile_fail("lede_speaker_mention_at(%zu, count) is not NULL", i);
        listed += sp->mention_count;
    }
    if (lede_doc_speaker_at(doc, nspk))
        return hostile_fail("lede_doc_speaker_at(count) is not NULL");
    if (listed != nmen)
        return hostile_fail("speakers list %zu mentions, the document %zu", listed, nmen);
    size_t prev_begin = 0;
    for (size_t i = 0; i < nmen; i++) {
        const lede_mention *m = lede_doc_mention_at(doc, i);
        if (!m)
            return hostile_fail("mention %zu of %zu is NULL", i, nmen);
        if (m->span.begin >= m->span.end || m->span.end > len || m->span.begin < prev_begin)
            return hostile_fail("mention %zu [%zu,%zu) out of order or bounds", i, m->span.begin,
                                m->span.end);
        if (m->kind <= LEDE_MENTION_UNKNOWN || m->kind > LEDE_MENTION_DESCRIPTION ||
            m->speaker >= nspk)
            return hostile_fail("mention %zu: kind %d, speaker %zu of %zu", i, (int)m->kind,
                                m->speaker, nspk);
        if (m->sentence != LEDE_NONE) {
            const lede_sentence *s = lede_doc_sentence_at(doc, m->sentence);
            if (!s || m->span.begin < s->span.begin || m->span.end > s->span.end)
                return hostile_fail("mention %zu lies outside its sentence %zu (of %zu)", i,
                                    m->sentence, nsen);
        }
        prev_begin = m->span.begin;
    }
    if (lede_doc_mention_at(doc, nmen))
        return hostile_fail("lede_doc_mention_at(count) is not NULL");
    return NULL;
}

/* `input`/`input_len`: what was given to lede_parse(). */
static inline const char *hostile_check_doc(const lede_doc *doc, const char *input,
                                            size_t input_len)
{
    size_t len = (size_t)-1;
    const char *text = lede_doc_text(doc, &len);
    if (!text || len != input_len || text[len] != '\0' || (len && memcmp(text, input, len) != 0))
        return hostile_fail("lede_doc_text() differs from the input (len %zu vs %zu)", len,
                            input_len);

    const lede_document *d = lede_doc_document(doc);
    if (!d)
        return hostile_fail("lede_doc_document() is NULL");
    if ((d->date == NULL) != (d->date_len == 0) || (d->date && d->date_len != 10) ||
        !hostile_string_ok(d->date, d->date_len))
        return hostile_fail("document date and date_len disagree");
    if (!hostile_span_ok(d->date_span, len) || !hostile_span_ok(d->title, len) ||
        !hostile_span_ok(d->byline, len) || !hostile_span_ok(d->dateline, len))
        return hostile_fail("a document span is out of bounds");
    if (!hostile_string_ok(d->dateline_place, d->dateline_place_len) ||
        !hostile_string_ok(d->agency, d->agency_len))
        return hostile_fail("dateline_place or agency length disagrees");

    size_t ntok = lede_doc_token_count(doc);
    size_t prev_end = 0;
    for (size_t i = 0; i < ntok; i++) {
        const lede_token *t = lede_doc_token_at(doc, i);
        if (!t)
            return hostile_fail("token %zu of %zu is NULL", i, ntok);
        if (t->span.begin >= t->span.end || t->span.end > len || t->span.begin < prev_end)
            return hostile_fail("token %zu [%zu,%zu) out of order or bounds", i, t->span.begin,
                                t->span.end);
        if (t->kind <= LEDE_TOKEN_UNKNOWN || t->kind > LEDE_TOKEN_URL)
            return hostile_fail("token %zu has kind %d", i, (int)t->kind);
        if (t->norm_len && !t->norm)
            return hostile_fail("token %zu has norm_len %zu and no norm", i, t->norm_len);
        prev_end = t->span.end;
    }
    if (lede_doc_token_at(doc, ntok))
        return hostile_fail("lede_doc_token_at(count) is not NULL");

    size_t npar = lede_doc_paragraph_count(doc), nsen = lede_doc_sentence_count(doc);
    prev_end = 0;
    for (size_t i = 0; i < npar; i++) {
        const lede_paragraph *p = lede_doc_paragraph_at(doc, i);
        if (!p)
            return hostile_fail("paragraph %zu is NULL", i);
        if (p->span.begin > p->span.end || p->span.end > len || p->span.begin < prev_end)
            return hostile_fail("paragraph %zu [%zu,%zu) out of order or bounds", i, p->span.begin,
                                p->span.end);
        if (p->kind <= LEDE_PARAGRAPH_UNKNOWN || p->kind > LEDE_PARAGRAPH_BOILERPLATE)
            return hostile_fail("paragraph %zu has kind %d", i, (int)p->kind);
        if (p->sentence_count == 0
                ? p->sentence_first != LEDE_NONE
                : p->sentence_first >= nsen || p->sentence_count > nsen - p->sentence_first)
            return hostile_fail("paragraph %zu: sentences %zu+%zu of %zu", i, p->sentence_first,
                                p->sentence_count, nsen);
        for (size_t k = 0; k < p->sentence_count; k++)
            if (lede_doc_sentence_at(doc, p->sentence_first + k)->paragraph != i)
                return hostile_fail("paragraph %zu: sentence %zu points elsewhere", i,
                                    p->sentence_first + k);
        prev_end = p->span.end;
    }
    if (lede_doc_paragraph_at(doc, npar))
        return hostile_fail("lede_doc_paragraph_at(count) is not NULL");

    prev_end = 0;
    for (size_t i = 0; i < nsen; i++) {
        const lede_sentence *s = lede_doc_sentence_at(doc, i);
        if (!s)
            return hostile_fail("sentence %zu is NULL", i);
        if (s->span.begin >= s->span.end || s->span.end > len || s->span.begin < prev_end)
            return hostile_fail("sentence %zu [%zu,%zu) out of order or bounds", i, s->span.begin,
                                s->span.end);
        const lede_paragraph *p = lede_doc_paragraph_at(doc, s->paragraph);
        if (!p || s->span.begin < p->span.begin || s->span.end > p->span.end)
            return hostile_fail("sentence %zu lies outside its paragraph %zu", i, s->paragraph);
        if (s->token_first > ntok || s->token_count > ntok - s->token_first)
            return hostile_fail("sentence %zu: tokens %zu+%zu of %zu", i, s->token_first,
                                s->token_count, ntok);
        for (size_t k = 0; k < s->token_count; k++) {
            const lede_token *t = lede_doc_token_at(doc, s->token_first + k);
            if (t->span.begin < s->span.begin || t->span.end > s->span.end)
                return hostile_fail("sentence %zu: token %zu lies outside it", i,
                                    s->token_first + k);
        }
        prev_end = s->span.end;
    }
    if (lede_doc_sentence_at(doc, nsen))
        return hostile_fail("lede_doc_sentence_at(count) is not NULL");

    size_t nhead = lede_doc_heading_count(doc);
    for (size_t i = 0; i < nhead; i++) {
        const lede_heading *h = lede_doc_heading_at(doc, i);
        const lede_paragraph *p = h ? lede_doc_paragraph_at(doc, h->paragraph) : NULL;
        if (!p || p->kind != LEDE_PARAGRAPH_HEADING || !hostile_span_ok(h->span, len))
            return hostile_fail("heading %zu does not match a heading paragraph", i);
    }
    if (lede_doc_heading_at(doc, nhead))
        return hostile_fail("lede_doc_heading_at(count) is not NULL");

    size_t nauth = lede_doc_author_count(doc);
    for (size_t i = 0; i < nauth; i++) {
        const lede_author *a = lede_doc_author_at(doc, i);
        if (!a || !hostile_span_ok(a->span, len) || !a->name ||
            !hostile_string_ok(a->name, a->name_len))
            return hostile_fail("author %zu is inconsistent", i);
    }
    if (lede_doc_author_at(doc, nauth))
        return hostile_fail("lede_doc_author_at(count) is not NULL");
    return hostile_check_speakers(doc, len);
}

/* A digest of everything the accessors return (FNV-1a, 64 bits): equal
 * digests mean equal results, for comparing parses across threads and
 * options. HOSTILE_DIGEST_DOCUMENT covers the text and document layers,
 * HOSTILE_DIGEST_SPEAKERS the speaker layer. */
enum { HOSTILE_DIGEST_DOCUMENT = 1, HOSTILE_DIGEST_SPEAKERS = 2, HOSTILE_DIGEST_ALL = 3 };

static inline void hostile_mix(uint64_t *h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        *h ^= p[i];
        *h *= 0x100000001b3ull;
    }
}

static inline void hostile_mix_size(uint64_t *h, size_t v)
{
    hostile_mix(h, &v, sizeof v);
}

static inline void hostile_mix_span(uint64_t *h, lede_span s)
{
    hostile_mix_size(h, s.begin);
    hostile_mix_size(h, s.end);
}

static inline void hostile_mix_string(uint64_t *h, const char *s, size_t len)
{
    hostile_mix_size(h, len);
    if (s)
        hostile_mix(h, s, len);
}

static inline uint64_t hostile_digest(const lede_doc *doc, unsigned what)
{
    uint64_t h = 0xcbf29ce484222325ull;
    if (what & HOSTILE_DIGEST_DOCUMENT) {
        size_t len = 0;
        const char *text = lede_doc_text(doc, &len);
        hostile_mix_string(&h, text, len);
        const lede_document *d = lede_doc_document(doc);
        hostile_mix_string(&h, d->date, d->date_len);
        hostile_mix_size(&h, (size_t)d->date_source);
        hostile_mix_span(&h, d->date_span);
        hostile_mix_span(&h, d->title);
        hostile_mix_span(&h, d->byline);
        hostile_mix_span(&h, d->dateline);
        hostile_mix_string(&h, d->dateline_place, d->dateline_place_len);
        hostile_mix_string(&h, d->agency, d->agency_len);
        for (size_t i = 0, n = lede_doc_token_count(doc); i < n; i++) {
            const lede_token *t = lede_doc_token_at(doc, i);
            hostile_mix_span(&h, t->span);
            hostile_mix_size(&h, (size_t)t->kind);
            hostile_mix_size(&h, t->flags);
            hostile_mix_string(&h, t->norm, t->norm_len);
        }
        for (size_t i = 0, n = lede_doc_paragraph_count(doc); i < n; i++) {
            const lede_paragraph *p = lede_doc_paragraph_at(doc, i);
            const char *kind = lede_paragraph_kind_name(p->kind);
            hostile_mix_span(&h, p->span);
            hostile_mix_string(&h, kind, strlen(kind));
            hostile_mix_size(&h, p->sentence_first);
            hostile_mix_size(&h, p->sentence_count);
        }
        for (size_t i = 0, n = lede_doc_sentence_count(doc); i < n; i++) {
            const lede_sentence *s = lede_doc_sentence_at(doc, i);
            hostile_mix_span(&h, s->span);
            hostile_mix_size(&h, s->paragraph);
            hostile_mix_size(&h, s->token_first);
            hostile_mix_size(&h, s->token_count);
        }
        for (size_t i = 0, n = lede_doc_heading_count(doc); i < n; i++) {
            const lede_heading *hd = lede_doc_heading_at(doc, i);
            hostile_mix_span(&h, hd->span);
            hostile_mix_size(&h, hd->paragraph);
        }
        for (size_t i = 0, n = lede_doc_author_count(doc); i < n; i++) {
            const lede_author *a = lede_doc_author_at(doc, i);
            hostile_mix_span(&h, a->span);
            hostile_mix_string(&h, a->name, a->name_len);
        }
    }
    if (what & HOSTILE_DIGEST_SPEAKERS) {
        for (size_t i = 0, n = lede_doc_speaker_count(doc); i < n; i++) {
            const lede_speaker *sp = lede_doc_speaker_at(doc, i);
            hostile_mix_size(&h, (size_t)sp->kind);
            hostile_mix_size(&h, (size_t)sp->gender);
            hostile_mix_string(&h, sp->name, sp->name_len);
            hostile_mix_string(&h, sp->key, sp->key_len);
            hostile_mix_string(&h, sp->title, sp->title_len);
            hostile_mix_string(&h, sp->affiliation, sp->affiliation_len);
            hostile_mix_size(&h, sp->mention_count);
            hostile_mix_size(&h, sp->quote_count);
        }
        for (size_t i = 0, n = lede_doc_mention_count(doc); i < n; i++) {
            const lede_mention *m = lede_doc_mention_at(doc, i);
            hostile_mix_span(&h, m->span);
            hostile_mix_size(&h, (size_t)m->kind);
            hostile_mix_size(&h, m->speaker);
            hostile_mix_size(&h, m->sentence);
        }
    }
    return h;
}

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static inline size_t hostile_utf8_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t need;
    unsigned min;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        need = 2, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF)
        need = 3, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4)
        need = 4, min = 0x10000;
    else
        return 0;
    if (n < need)
        return 0;
    unsigned cp = c & (0x7F >> need);
    for (size_t i = 1; i < need; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return need;
}

static inline const char *hostile_check_json(const char *json, size_t len)
{
    const unsigned char *s = (const unsigned char *)json;
    if (!json || strlen(json) != len)
        return hostile_fail("JSON is NULL or its length is wrong");
    /* An explicit stack of open containers: '{' or '['. The document's JSON
     * is a few levels deep; 64 is plenty and is checked. */
    char stack[64];
    size_t depth = 0, i = 0;
    int want_value = 1, done = 0;
#define JSON_WS()                                                                                  \
    while (i < len && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r'))               \
    i++
    for (;;) {
        JSON_WS();
        if (i == len)
            break;
        if (done)
            return hostile_fail("JSON: trailing bytes at %zu", i);
        unsigned char c = s[i];
        if (want_value) {
            if (c == '{' || c == '[') {
                if (depth == sizeof stack)
                    return hostile_fail("JSON: nested too deep at %zu", i);
                stack[depth++] = (char)c;
                i++;
                JSON_WS();
                if (i < len && (s[i] == (c == '{' ? '}' : ']'))) {
                    depth--, i++;
                    want_value = 0;
                    done = depth == 0;
                    continue;
                }
                if (c == '{') {
                    if (i >= len || s[i] != '"')
                        return hostile_fail("JSON: key expected at %zu", i);
                    want_value = 2; /* a key, then ':' */
                }
                continue;
            }
            if (c == '"') {
                i++;
                while (i < len && s[i] != '"') {
                    if (s[i] < 0x20)
                        return hostile_fail("JSON: raw control byte in a string at %zu", i);
                    if (s[i] == '\\') {
                        i++;
                        if (i >= len)
                            return hostile_fail("JSON: truncated escape");
                        if (s[i] == 'u') {
                            for (int k = 1; k <= 4; k++)
                                if (i + k >= len || !strchr("0123456789abcdefABCDEF", s[i + k]) ||
                                    s[i + k] == 0)
                                    return hostile_fail("JSON: bad \\u escape at %zu", i);
                            i += 5;
                        } else if (strchr("\"\\/bfnrt", s[i]) && s[i]) {
                            i++;
                        } else {
                            return hostile_fail("JSON: bad escape at %zu", i);
                        }
                        continue;
                    }
                    size_t n = hostile_utf8_len(s + i, len - i);
                    if (!n)
                        return hostile_fail("JSON: invalid UTF-8 at %zu", i);
                    i += n;
                }
                if (i >= len)
                    return hostile_fail("JSON: unterminated string");
                i++;
                if (want_value == 2) {
                    JSON_WS();
                    if (i >= len || s[i] != ':')
                        return hostile_fail("JSON: ':' expected at %zu", i);
                    i++;
                    want_value = 1;
                    continue;
                }
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                if (c == '-')
                    i++;
                if (i >= len || s[i] < '0' || s[i] > '9')
                    return hostile_fail("JSON: bad number at %zu", i);
                if (s[i] == '0')
                    i++;
                else
                    while (i < len && s[i] >= '0' && s[i] <= '9')
                        i++;
                if (i < len && s[i] == '.') {
                    i++;
                    if (i >= len || s[i] < '0' || s[i] > '9')
                        return hostile_fail("JSON: bad fraction at %zu", i);
                    while (i < len && s[i] >= '0' && s[i] <= '9')
                        i++;
                }
                if (i < len && (s[i] == 'e' || s[i] == 'E')) {
                    i++;
                    if (i < len && (s[i] == '+' || s[i] == '-'))
                        i++;
                    if (i >= len || s[i] < '0' || s[i] > '9')
                        return hostile_fail("JSON: bad exponent at %zu", i);
                    while (i < len && s[i] >= '0' && s[i] <= '9')
                        i++;
                }
            } else if (len - i >= 4 && memcmp(s + i, "null", 4) == 0) {
                i += 4;
            } else if (len - i >= 4 && memcmp(s + i, "true", 4) == 0) {
                i += 4;
            } else if (len - i >= 5 && memcmp(s + i, "false", 5) == 0) {
                i += 5;
            } else {
                return hostile_fail("JSON: value expected at %zu", i);
            }
            want_value = 0;
            done = depth == 0;
            continue;
        }
        /* After a value: ',' or the end of the container. */
        if (depth == 0)
            return hostile_fail("JSON: trailing bytes at %zu", i);
        char top = stack[depth - 1];
        if (c == ',') {
            i++;
            want_value = 1;
            if (top == '{') {
                JSON_WS();
                if (i >= len || s[i] != '"')
                    return hostile_fail("JSON: key expected at %zu", i);
                want_value = 2;
            }
        } else if (c == (top == '{' ? '}' : ']')) {
            i++;
            depth--;
            done = depth == 0;
        } else {
            return hostile_fail("JSON: ',' or end of container expected at %zu", i);
        }
    }
#undef JSON_WS
    if (!done)
        return hostile_fail("JSON: truncated document");
    return NULL;
}

#endif
