/* The document as the layers build it. Each layer reads what the earlier ones
 * left here and appends its own results; nothing is recomputed. */
#ifndef LEDE_DOC_H
#define LEDE_DOC_H

#include "arena.h"
#include "lede.h"

struct lede_doc {
    arena arena; /* owns everything below */
    char *text;  /* the copy of the input, NUL-terminated and padded (DOC_TEXT_PAD) */
    size_t len;
    uint32_t flags;          /* LEDE_OPT_* */
    char reference_date[11]; /* "YYYY-MM-DD" or empty */

    lede_document document;
    /* lede_token, whole text, in order (text layer); until the sentence
     * layer is done, the room above the tokens holds the list of sentence
     * ends (sentence_ends_top()) */
    vec tokens;
    vec lines;                 /* line, whole text, in order (document layer) */
    vec paragraphs;            /* lede_paragraph (document layer) */
    vec para_tokens;           /* para_tokens per paragraph (document layer, to quotes) */
    vec sentences;             /* lede_sentence (sentence layer) */
    vec headings;              /* lede_heading (document layer) */
    vec authors;               /* lede_author (document layer) */
    vec speakers;              /* lede_speaker, by first mention (speaker layer) */
    vec mentions;              /* lede_mention, in text order (speaker layer) */
    vec speaker_mentions;      /* size_t indices into mentions, grouped by speaker */
    vec speaker_mention_first; /* size_t per speaker: its first slot in speaker_mentions */
    vec quotes;                /* lede_quote, by where the content begins (quote layer) */
    vec quote_fragments;       /* lede_span, grouped by quote */
    vec quote_fragment_first;  /* size_t per quote: its first slot in quote_fragments */
    vec metrics;               /* lede_metric, in text order (metric layer) */
};

/* The copy of the text is followed by this many zero bytes, its NUL the
 * first: the tokenizer reads sixteen bytes at a time from any offset up to
 * the NUL, and stops at the NUL, without testing for the end of the text. */
enum { DOC_TEXT_PAD = 16 };

/* A physical line of the text, without its line break. The tokenizer sets
 * the bytes and tokens; the document layer measures the rest (its
 * measure_line()) only for the lines of a block of several lines, where it
 * decides how they join, and leaves them zero elsewhere. */
typedef struct line {
    size_t begin, end;  /* content bytes, line break excluded */
    size_t text_begin;  /* first non-space byte (measured) */
    size_t text_end;    /* one past the last non-space byte (measured) */
    size_t indent;      /* leading spaces, a tab counting 4 (measured) */
    size_t width;       /* code points from begin to text_end (measured) */
    size_t token_first; /* first token on the line */
    size_t token_count;
} line;

/* The tokens of a paragraph; its sentences start at content_first, after a
 * dateline prefix ("WASHINGTON (AP) —") that is not part of any sentence. */
typedef struct para_tokens {
    size_t first, end, content_first;
} para_tokens;

#define DOC_TOKEN(doc, i) (&VEC_AT((doc)->tokens, lede_token, i))

/* The list of sentence ends: the tokens whose norm ends in '.', '!' or
 * '?', the only ones that may end a sentence outside a list, found by the
 * tokenizer as it cuts them, so that the sentence layer need not look at
 * every token for them (some one in twenty). Their indices, in order, fill
 * the room the tokens leave in the token array's storage downwards from
 * its top (the first entry is sentence_ends_top()[-1]), so that they cost
 * no memory of their own; lede_parse() cuts them off with that room once
 * the sentences are cut. The last entry, marked SENTENCE_ENDS_UNLISTED, is
 * the first token from which on the list holds none: the tokens' count
 * when it holds them all; fewer where the list ran out of room, and the
 * sentence layer looks at the tokens from there on itself, as at all of
 * them when the tokens fill their storage and leave no room for a list. */
static inline size_t *sentence_ends_top(const vec *tokens)
{
    return (size_t *)((char *)tokens->items + tokens->capacity * sizeof(lede_token));
}
#define SENTENCE_ENDS_UNLISTED (~(SIZE_MAX >> 1))
#define DOC_LINE(doc, i) (&VEC_AT((doc)->lines, line, i))
#define DOC_PARAGRAPH(doc, i) (&VEC_AT((doc)->paragraphs, lede_paragraph, i))

static inline lede_span span_make(size_t begin, size_t end)
{
    lede_span s = {begin, end};
    return s;
}

static inline lede_span span_none(void)
{
    lede_span s = {LEDE_NONE, LEDE_NONE};
    return s;
}

/* The tokens the tokenizer first makes room for in a text of `len` bytes:
 * about one token per six bytes of news text, seldom more than one per
 * five. lede_parse() sizes a short document's first block with it. */
static inline size_t text_token_room(size_t len)
{
    return len / 5 + 16;
}

/* The layers, in the order lede_parse() runs them. Each returns LEDE_OK or
 * LEDE_ERR_NOMEM (after setting the thread's error message). */
lede_status text_tokenize(lede_doc *doc);  /* lib/token.c */
lede_status document_build(lede_doc *doc); /* lib/document.c */
lede_status sentence_split(lede_doc *doc); /* lib/sentence.c */
lede_status speaker_build(lede_doc *doc);  /* lib/speaker.c */
lede_status quote_build(lede_doc *doc);    /* lib/quote.c */
lede_status metric_build(lede_doc *doc);   /* lib/metric.c */

/* Record the detail of a failure for lede_last_error_message() (lib/error.c). */
lede_status error_set(lede_status status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void error_clear(void);

#endif
