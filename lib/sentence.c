/* The sentence layer: cuts the content tokens of every title, heading,
 * caption and body paragraph into sentences.
 *
 * A sentence can end at a terminal mark (. ! ? … and runs of them) or at a
 * word that ends in a period ("U.S.", "a.m."). Whether it does is decided
 * from the token before the mark (abbreviations, initials, list markers) and
 * the token after it (capitalization, words that commonly open a sentence);
 * closing quotes and brackets after the mark stay with the sentence. Lists
 * written on one line ("1) ... 2) ...") are cut before each item. */
#include <string.h>

#include "doc.h"
#include "lexicon.h"
#include "text.h"
#include "token.h"

typedef enum abbreviation_class {
    ABBR_NONE = 0,
    ABBR_TITLE = 1,   /* Mr. Dr. Gen.: before a name */
    ABBR_GENERAL = 2, /* Inc. etc.: may end a sentence */
    ABBR_MONTH = 3,   /* Jan.: before a day number */
    ABBR_NUMBER = 4,  /* No. p.: before a number */
    ABBR_PLACE = 5    /* Calif.: may end a sentence */
} abbreviation_class;

/* A list marker: "1.", "2)", "1.)", "a.", "•". */
typedef struct marker {
    int kind;   /* 0 none, 1 number, 2 letter, 3 bullet */
    long value; /* the number, the letter, or the bullet's code point */
    size_t end; /* first token after the marker */
} marker;

typedef struct splitter {
    lede_doc *doc;
    size_t end; /* end of the paragraph's tokens */
} splitter;

static const lede_token *tok(const splitter *sp, size_t i)
{
    return DOC_TOKEN(sp->doc, i);
}

static int has_space_before(const lede_token *t)
{
    return (t->flags & LEDE_TOKEN_SPACE_BEFORE) != 0;
}

static int is_lower_word(const lede_token *t)
{
    if (t->kind != LEDE_TOKEN_WORD || (t->flags & LEDE_TOKEN_CAPITALIZED))
        return 0;
    tchar c;
    text_next(t->norm, t->norm_len, 0, &c);
    return c.cls == CH_LOWER;
}

static int is_capitalized_word(const lede_token *t)
{
    return t->kind == LEDE_TOKEN_WORD && (t->flags & LEDE_TOKEN_CAPITALIZED);
}

static int is_opening(const lede_token *t)
{
    if (t->kind != LEDE_TOKEN_PUNCT)
        return 0;
    tchar c;
    text_next(t->norm, t->norm_len, 0, &c);
    return c.cls == CH_OPEN || c.cls == CH_QUOTE || c.cls == CH_APOSTROPHE;
}

static int is_bullet(const lede_token *t)
{
    tchar c;
    text_next(t->norm, t->norm_len, 0, &c);
    if (c.size != t->norm_len)
        return 0;
    if (c.cp == '*' || c.cp == 0x2022 || c.cp == 0x2043 || c.cp == 0x25AA || c.cp == 0x25E6 ||
        c.cp == 0x00B7 || c.cp == 0x2023 || c.cp == 0x25CF)
        return 1;
    return 0;
}

/* The count of dots of a period or ellipsis token ("." 1, "..." 3, "…" 3).
 * No norm is empty (push_token()): its first byte, which turns away the
 * other marks, is there. */
static size_t dots(const lede_token *t)
{
    if (t->kind != LEDE_TOKEN_PUNCT || t->norm[0] != '.')
        return 0;
    for (size_t k = 1; k < t->norm_len; k++)
        if (t->norm[k] != '.')
            return 0;
    return t->norm_len;
}

static marker read_marker(const splitter *sp, size_t i);

/* The list marker at token i, if any. Inline: it is asked at the start of
 * every sentence, and most sentences open with a word of more than one byte
 * from an ASCII letter, told here to be no marker without the call: no
 * bullet (one character), no letter marker (one letter), no number. */
static inline marker marker_at(const splitter *sp, size_t i)
{
    if (i < sp->end) {
        const lede_token *t = tok(sp, i);
        unsigned char first = t->norm_len > 1 ? (unsigned char)t->norm[0] : 0;
        if (t->kind == LEDE_TOKEN_WORD && (unsigned char)((first | 0x20) - 'a') < 26) {
            marker none = {0, 0, i};
            return none;
        }
    }
    return read_marker(sp, i);
}

static marker read_marker(const splitter *sp, size_t i)
{
    marker m = {0, 0, i};
    if (i >= sp->end)
        return m;
    const lede_token *t = tok(sp, i);
    if (is_bullet(t)) {
        tchar c;
        text_next(t->norm, t->norm_len, 0, &c);
        marker numbered = marker_at(sp, i + 1); /* "• 9. The first item" */
        m.kind = 3;
        m.value = (long)c.cp;
        m.end = numbered.kind && numbered.kind != 3 ? numbered.end : i + 1;
        return m;
    }
    if (i + 1 >= sp->end)
        return m;
    const lede_token *n = tok(sp, i + 1);
    if (has_space_before(n) || !(token_is_char(n, '.') || token_is_char(n, ')')))
        return m;
    size_t end = i + 2;
    if (token_is_char(n, '.') && end < sp->end && token_is_char(tok(sp, end), ')') &&
        !has_space_before(tok(sp, end)))
        end++;
    if (t->kind == LEDE_TOKEN_NUMBER && t->norm_len <= 3) {
        long v = 0;
        for (size_t k = 0; k < t->norm_len; k++) {
            if (t->norm[k] < '0' || t->norm[k] > '9')
                return m;
            v = v * 10 + (t->norm[k] - '0');
        }
        m.kind = 1, m.value = v, m.end = end;
    } else if (t->kind == LEDE_TOKEN_WORD && t->norm_len == 1 && t->norm[0] >= 'a' &&
               t->norm[0] <= 'z') {
        m.kind = 2, m.value = t->norm[0], m.end = end;
    }
    return m;
}

/* After a terminal token at i: the index after the closing quotes and
 * brackets that belong to the sentence. Inline, like opens_sentence(): both
 * are asked at nearly every terminal mark, and most often answered by the
 * first test of the token after it (a space before it, a word), so that the
 * call cost more than the answer. */
static inline size_t skip_closers(const splitter *sp, size_t i)
{
    size_t j = i + 1;
    while (j < sp->end) {
        const lede_token *t = tok(sp, j);
        if (has_space_before(t) || t->kind != LEDE_TOKEN_PUNCT)
            break;
        tchar c;
        text_next(t->norm, t->norm_len, 0, &c);
        if (c.cls != CH_QUOTE && c.cls != CH_APOSTROPHE && c.cls != CH_CLOSE)
            break;
        j++;
    }
    return j;
}

/* Does the token at j look like the first word of a new sentence? */
static inline int opens_sentence(const splitter *sp, size_t j)
{
    const lede_token *t = tok(sp, j);
    if (is_lower_word(t))
        return 0;
    if (t->kind == LEDE_TOKEN_PUNCT && !is_opening(t))
        return 0; /* ", ; : ) -" continue the sentence */
    return 1;
}

/* A capitalized word that commonly opens a sentence, or an opening quote. */
static int strong_opener(const splitter *sp, size_t j)
{
    const lede_token *t = tok(sp, j);
    if (is_opening(t))
        return 1;
    return is_capitalized_word(t) && token_lexicon(t, &lexicon_sentence_starters);
}

static int is_time_abbreviation(const lede_token *t)
{
    return token_is_word(t, "a.m.") || token_is_word(t, "p.m.");
}

/* "At 5 a.m." at the head of a sentence is a fronted time phrase: the main
 * clause follows, so the period does not end the sentence. */
static int fronted_time_phrase(const splitter *sp, size_t start, size_t i)
{
    static const char *const prepositions[] = {"at",    "by",   "until",  "till",  "before",
                                               "after", "from", "around", "about", "since"};
    if (i - start > 3)
        return 0;
    for (size_t k = 0; k < sizeof prepositions / sizeof *prepositions; k++)
        if (token_is_word(tok(sp, start), prepositions[k]))
            return 1;
    return 0;
}

/* Does the sentence begun at `start` end after the period token at i, whose
 * next token (after closers) is at j? */
static int period_ends(const splitter *sp, size_t start, size_t i, size_t j, const marker *lead)
{
    const lede_token *t = tok(sp, i);
    const lede_token *next = tok(sp, j);
    if (i == start)
        return opens_sentence(sp, j);
    const lede_token *prev = tok(sp, i - 1);
    int attached = !has_space_before(t);
    /* "1." at the head of a list item is a marker, not an end. */
    if (lead->kind && i < lead->end)
        return 0;
    /* No space after the period: "world.Today" ends, "Jr.'s" does not. */
    if (!has_space_before(next)) {
        if (next->kind != LEDE_TOKEN_WORD || !(next->flags & LEDE_TOKEN_CAPITALIZED))
            return 0;
        return prev->kind == LEDE_TOKEN_NUMBER ||
               (prev->kind == LEDE_TOKEN_WORD && prev->norm_len > 1);
    }
    if (!opens_sentence(sp, j))
        return 0;
    if (attached && prev->kind == LEDE_TOKEN_WORD) {
        long cls = token_lexicon(prev, &lexicon_abbreviations);
        if (cls == ABBR_TITLE)
            return 0;
        if ((cls == ABBR_MONTH || cls == ABBR_NUMBER) && next->kind == LEDE_TOKEN_NUMBER)
            return 0;
        if (cls)
            return strong_opener(sp, j);
        /* An initial: "Jonas E. Smith" goes on, "you and I. Did" ends. */
        if (prev->norm_len == 1 && (prev->flags & LEDE_TOKEN_CAPITALIZED)) {
            int after_name = i >= start + 2 && is_capitalized_word(tok(sp, i - 2));
            return after_name ? strong_opener(sp, j) : 1;
        }
    }
    /* "N°. 1026": a symbol or a lone letter before a number */
    if (attached && next->kind == LEDE_TOKEN_NUMBER && prev->kind == LEDE_TOKEN_SYMBOL)
        return 0;
    return 1;
}

/* Does the sentence end after the word token at i that carries its own
 * final period ("U.S.", "a.m.", "Ph.D.")? */
static int acronym_ends(const splitter *sp, size_t start, size_t i, size_t j)
{
    const lede_token *t = tok(sp, i);
    if (!has_space_before(tok(sp, j)) || !opens_sentence(sp, j))
        return 0;
    if (tok(sp, j)->kind == LEDE_TOKEN_NUMBER)
        return 0;
    if (token_is_word(t, "e.g.") || token_is_word(t, "i.e."))
        return 0;
    if (is_time_abbreviation(t))
        return is_capitalized_word(tok(sp, j)) && !fronted_time_phrase(sp, start, i);
    return strong_opener(sp, j);
}

/* Does the sentence end after an ellipsis of n dots at i ("...", "…",
 * "....")? */
static int ellipsis_ends(const splitter *sp, size_t i, size_t j, size_t n)
{
    const lede_token *next = tok(sp, j);
    /* "[...]" marks an omission inside a quotation */
    if (i + 1 < sp->end && token_is_char(tok(sp, i + 1), ']'))
        return 0;
    if (!is_capitalized_word(next) && !is_opening(next))
        return 0;
    if (n >= 4)
        return 1; /* a period and an ellipsis */
    /* "I" is capitalized anywhere, so it says nothing about a new sentence. */
    return !token_is_word(next, "i");
}

/* A run of spaced single periods starting at i (". . ."): how many. */
static size_t spaced_dots(const splitter *sp, size_t i)
{
    size_t n = 0;
    while (i + n < sp->end && token_is_char(tok(sp, i + n), '.') &&
           (n == 0 || has_space_before(tok(sp, i + n))))
        n++;
    return n;
}

/* Add the sentence [first, end) of the paragraph. Inline: it is called once
 * a sentence, and the call cost a quarter of its work. */
static inline lede_status push_sentence(lede_doc *doc, size_t paragraph, size_t first, size_t end)
{
    if (end <= first)
        return LEDE_OK;
    vec *v = &doc->sentences;
    if (v->count == v->capacity && vec_reserve(&doc->arena, v, v->count + 1) != 0)
        return LEDE_ERR_NOMEM;
    /* every field is written below: no zeroing */
    lede_sentence *s = &VEC_AT(*v, lede_sentence, v->count++);
    s->span = span_make(DOC_TOKEN(doc, first)->span.begin, DOC_TOKEN(doc, end - 1)->span.end);
    s->paragraph = paragraph;
    s->token_first = first;
    s->token_count = end - first;
    lede_paragraph *p = DOC_PARAGRAPH(doc, paragraph);
    if (p->sentence_count == 0)
        p->sentence_first = doc->sentences.count - 1;
    p->sentence_count++;
    return LEDE_OK;
}

/* Can the token end a sentence outside a list? Those that can are terminal
 * marks (". ! ? ..." and runs of them) and words with their own final
 * period: all end in '.', '!' or '?'. The few other tokens that do ("5." of
 * a number) are turned away by split_paragraph()'s tests. No token's norm
 * is empty (push_token()), so that its last byte is always there. */
static int may_end_sentence(const lede_token *t)
{
    unsigned char c = (unsigned char)t->norm[t->norm_len - 1];
    return c == '.' || c == '!' || c == '?';
}

/* The first token from i, before `end`, that may end a sentence, or `end`,
 * read from the list of sentence ends (doc.h) down from `*next`, one above
 * its entry to read next, which goes past those before i (i never goes
 * back). From the token its last entry names on, the tokens are looked at
 * one by one. */
static inline size_t next_end(const splitter *sp, const size_t **next, size_t i, size_t end)
{
    const size_t *e = *next;
    while (e[-1] < i) /* the marked last entry is above every index */
        e--;
    *next = e;
    size_t x = e[-1];
    if (x < end)
        return x;
    if (!(x & SENTENCE_ENDS_UNLISTED) || (x & ~SENTENCE_ENDS_UNLISTED) >= end)
        return end;
    x &= ~SENTENCE_ENDS_UNLISTED;
    for (i = i > x ? i : x; i < end && !may_end_sentence(tok(sp, i)); i++)
        ;
    return i;
}

/* Cut the paragraph's tokens [first, end) into sentences. `*ends` is above
 * the paragraph's first entry in the list of sentence ends, or above an
 * entry before it (next_end()); left above one after it. */
static lede_status split_paragraph(lede_doc *doc, size_t paragraph, size_t first, size_t end,
                                   const size_t **ends)
{
    splitter sp = {doc, end};
    size_t start = first;
    marker lead = marker_at(&sp, start);
    size_t i = start;
    while (i < end) {
        if (!lead.kind) {
            /* Outside a list only the tokens that end in '.', '!' or '?'
             * may end a sentence (may_end_sentence()), which the tokenizer
             * listed: go to the next of them, past the words between
             * without looking at them. */
            i = next_end(&sp, ends, i, end);
            if (i >= end)
                break;
        }
        const lede_token *t = tok(&sp, i);
        /* A list on one line: the next item's marker starts a sentence. */
        if (lead.kind && i > start && i >= lead.end && has_space_before(t)) {
            marker m = marker_at(&sp, i);
            int next_item = m.kind == lead.kind &&
                            (m.kind == 3 ? m.value == lead.value : m.value == lead.value + 1);
            if (next_item) {
                if (push_sentence(doc, paragraph, start, i) != LEDE_OK)
                    return LEDE_ERR_NOMEM;
                start = i;
                lead = m;
                continue;
            }
        }
        size_t boundary = 0; /* the index after the sentence's last token */
        size_t n = dots(t);
        if (n && i == start) {
            /* ". . . The practice": an ellipsis opening a sentence */
            i += n == 1 ? spaced_dots(&sp, i) : 1;
            continue;
        }
        if (n == 1) {
            /* most periods have no period after them: a run of one, which
             * only a period after it, attached, makes an ellipsis */
            int dot_after = i + 1 < end && token_is_char(tok(&sp, i + 1), '.');
            size_t run = dot_after ? spaced_dots(&sp, i) : 1;
            if (run >= 2 || (run == 1 && dot_after)) {
                /* ". . ." or "word. . . ." */
                size_t after = skip_closers(&sp, i + run - 1);
                int attached = !has_space_before(t) && i > start;
                if (after < end) {
                    if (attached && run == 4 && ellipsis_ends(&sp, i, after, 3))
                        boundary = i + 1; /* "compounds. . . . The": the ellipsis opens the next */
                    else if (ellipsis_ends(&sp, i + run - 1, after, run))
                        boundary = after;
                }
                if (!boundary) {
                    i += run;
                    continue;
                }
            } else {
                size_t after = skip_closers(&sp, i);
                if (after < end && period_ends(&sp, start, i, after, &lead))
                    boundary = after;
            }
        } else if (n > 1) {
            size_t after = skip_closers(&sp, i);
            if (after < end && ellipsis_ends(&sp, i, after, n))
                boundary = after;
        } else if (t->kind == LEDE_TOKEN_PUNCT && token_is_terminal(t)) {
            size_t after = skip_closers(&sp, i);
            if (after < end && opens_sentence(&sp, after))
                boundary = after;
        } else if (t->kind == LEDE_TOKEN_WORD && t->norm_len > 1 &&
                   t->norm[t->norm_len - 1] == '.') {
            size_t after = skip_closers(&sp, i);
            if (after < end && acronym_ends(&sp, start, i, after))
                boundary = after;
        }
        if (boundary) {
            if (push_sentence(doc, paragraph, start, boundary) != LEDE_OK)
                return LEDE_ERR_NOMEM;
            start = boundary;
            lead = marker_at(&sp, start);
            i = boundary;
            continue;
        }
        i++;
    }
    return push_sentence(doc, paragraph, start, end);
}

static int has_sentences(int32_t kind)
{
    return kind == LEDE_PARAGRAPH_TITLE || kind == LEDE_PARAGRAPH_HEADING ||
           kind == LEDE_PARAGRAPH_BODY || kind == LEDE_PARAGRAPH_CAPTION;
}

lede_status sentence_split(lede_doc *doc)
{
    /* Room for a sentence in 16 tokens (news runs to some 22), so that the
     * array seldom grows; lede_parse() cuts it to its length afterwards. */
    size_t ntok = doc->tokens.count;
    if (ntok && vec_reserve_exact(&doc->arena, &doc->sentences, ntok / 16 + 8) != 0)
        return error_set(LEDE_ERR_NOMEM, "out of memory");
    /* the paragraphs' tokens follow each other, so that the search of the
     * list goes on from where the paragraph before left it */
    const size_t *ends = sentence_ends_top(&doc->tokens);
    /* tokens that fill their storage left no room for a list: look at all */
    static const size_t none_listed = SENTENCE_ENDS_UNLISTED;
    if (doc->tokens.count == doc->tokens.capacity)
        ends = &none_listed + 1;
    for (size_t k = 0; k < doc->paragraphs.count; k++) {
        const para_tokens *pt = &VEC_AT(doc->para_tokens, para_tokens, k);
        if (!has_sentences(DOC_PARAGRAPH(doc, k)->kind))
            continue;
        if (split_paragraph(doc, k, pt->content_first, pt->end, &ends) != LEDE_OK)
            return error_set(LEDE_ERR_NOMEM, "out of memory");
    }
    return LEDE_OK;
}
