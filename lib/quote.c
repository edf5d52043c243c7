/* The quote layer: who said what.
 *
 * 1. Quote marks are paired by family (“ ” " „, ‘ ’ ', « », ‹ ›) in each
 *    paragraph into quoted regions. Apostrophes inside words are tokens of
 *    their words already; a standalone ’ closes only an open single quote.
 *    A region left open at the end of its paragraph ends there, and goes on
 *    in the next paragraph when that one opens with the same mark (news
 *    convention).
 * 2. Each region is attributed by the patterns around it: "Q," X said /
 *    "Q," said X / X said: "Q" / "Q" — X / a colon lead-in ending the
 *    paragraph before. Later regions of the same paragraph join the quote as
 *    fragments; a paragraph wholly in quotes with no cue of its own floats:
 *    it is a new quote of the last speaker.
 * 3. Speech cues outside those quotes give indirect (and mixed) quotes: "X
 *    said (that) C", "C, X said", "according to X, C", "C, he said, C".
 * Speakers are the speaker layer's mentions at the subject of the cue, past
 * appositions ("X, a doctor, said") and parentheses ("(D-Mass.)"); where no
 * mention is there, a described speaker ("a homeless man") or a pronoun is
 * kept as the speaker's words without a speaker index.
 *
 * Every search around a token is bounded by a constant window, so the layer
 * is linear in the number of tokens. */
#include <string.h>

#include "doc.h"
#include "lexicon.h"
#include "text.h"
#include "token.h"

/* Kept out of a hot loop, so that the loop keeps its values in registers. */
#if defined(__GNUC__)
#define COLD_PATH __attribute__((noinline))
#else
#define COLD_PATH
#endif

/* Hides what a variable holds from the compiler, which then keeps it in a
 * register where it would make it again at each use: the address of a
 * table, loaded from the GOT in every pass of a loop otherwise, or a
 * pointer whose bytes are read again where a rare path needs them, instead
 * of copies of them kept from the loop's common path. */
#if defined(__GNUC__)
#define OPAQUE(x) __asm__("" : "+r"(x))
#else
#define OPAQUE(x) ((void)0)
#endif

enum { FAM_NONE, FAM_DOUBLE, FAM_SINGLE, FAM_GUILL, FAM_SGUILL };
enum { M_OPEN = 1, M_CLOSE = 2 };
enum { CUE_SPEECH = 1, CUE_BELIEF = 2, CUE_ACCORDING = 3, CUE_WEAK = 4 };
enum { FUNCTION_AUX = 2 }; /* data/function_words.txt */
enum { ORG_HEAD = 1 };     /* data/org_words.txt */
/* builder.used, a byte per token: how a quote took the token (the low two
 * bits), whether pair_marks() listed it as a cue (LISTED_CUE) or left it
 * inside a region's marks unasked (UNLISTED), and whether it is a quote
 * mark that may open a quotation (OPENING_MARK: a mark of a family other
 * than the single one, which may open) */
enum {
    USED_CONTENT = 1,
    USED_CLAUSE = 2,
    USED_MASK = 3,
    LISTED_CUE = 4,
    OPENING_MARK = 8,
    UNLISTED = 16
};
/* The shortest key of data/cue_verbs.txt ("say", "add", "ask"): shorter
 * words ("of", "to", a fifth of the words in news) are turned away before
 * the lexicon's filter. tests/test_quote.c checks the lexicon against it. */
enum { CUE_MIN_LEN = 3 };
/* The longest key of data/quote_words.txt with QW_ARTICLE ("their"): the
 * longer words before a cue (names, "officials") are turned away without a
 * lookup. tests/test_quote.c checks the lexicon against it. */
enum { ARTICLE_MAX_LEN = 5 };

#define CUE_WINDOW 30     /* tokens from a closing mark to its cue, past an apposition */
#define LEAD_WINDOW 8     /* tokens from a cue to the opening mark it leads */
#define APPOSITION_MAX 25 /* tokens of "X, a doctor at the clinic, said" */
#define NP_MAX 6          /* words of a described speaker ("a senior Israeli official") */
#define FLOAT_PARAGRAPHS 2
#define MIXED_MAX 60  /* words before the marks of a mixed quote */
#define SHORT_WORDS 4 /* fewer words in marks: a scare quote unless attributed */
#define LONG_WORDS 6  /* this many words in marks are a quotation even without a cue */

/* A quoted stretch of one paragraph. */
typedef struct region {
    size_t open, close; /* mark tokens; close == LEDE_NONE when the paragraph ends first */
    size_t first, end;  /* content tokens */
    size_t paragraph;
    size_t next; /* the region that continues it in the next paragraph */
    int continued;
    int used; /* part of a quote */
} region;

/* The cue and speaker of a quote. */
typedef struct attribution {
    size_t cue_first, cue_end; /* tokens; equal when there is no cue */
    const char *lemma;
    size_t speaker;
    lede_span mention;
    lede_span addressee;
    double confidence;
    size_t clause_first, clause_end; /* tokens of the cue clause, to mark as used */
    size_t subject_first;            /* first token of the speaker's words */
} attribution;

typedef struct qrec {
    lede_quote q;
    size_t frag_first;
} qrec;

typedef struct builder {
    lede_doc *doc;
    const lede_token *tok;
    size_t ntok;
    vec regions; /* region, in text order */
    vec quotes;  /* qrec */
    vec frags;   /* lede_span */
    vec cues;    /* size_t: the words outside the regions that may_be_cue(), in text order */
    /* per token: inside a quote's content or its cue clause (USED_MASK),
     * listed in `cues` (LISTED_CUE) or left unasked inside a region
     * (UNLISTED); one byte for all, since the longest articles are near
     * their memory budget while quotes are read */
    unsigned char *used;
    vec used_store;              /* holds `used`, freed before publish() */
    size_t para_first, para_end; /* tokens of the paragraph being read */
    size_t sentence;             /* read_indirect(): the sentence of the cue being read */
    int failed;
} builder;

/* ------------------------------------------------------------------ */
/* Tokens                                                              */

static const lede_token *tk(const builder *b, size_t i)
{
    return &b->tok[i];
}

static int is_word(const builder *b, size_t i)
{
    return i < b->ntok && tk(b, i)->kind == LEDE_TOKEN_WORD;
}

static int is_lower_word(const builder *b, size_t i)
{
    return is_word(b, i) && !(tk(b, i)->flags & LEDE_TOKEN_CAPITALIZED);
}

static int is_cap_word(const builder *b, size_t i)
{
    return is_word(b, i) && (tk(b, i)->flags & LEDE_TOKEN_CAPITALIZED);
}

static int is_char(const builder *b, size_t i, char c)
{
    return i < b->ntok && token_is_char(tk(b, i), c);
}

static int word_is(const builder *b, size_t i, const char *w)
{
    return i < b->ntok && token_is_word(tk(b, i), w);
}

/* Token i's value in the lexicon lx, 0 for a token that is no word. Inline
 * at every call, where lx is a known lexicon: its filter turns most words
 * away there, with no call (out of line, each of the ten thousand calls of
 * a news corpus made its call before the filter's test). */
static inline __attribute__((always_inline)) long lex(const builder *b, size_t i, const lexicon *lx)
{
    return i < b->ntok && tk(b, i)->kind == LEDE_TOKEN_WORD ? token_lexicon(tk(b, i), lx) : 0;
}

/* One string looked up in several lexicons: the filter key computed once,
 * the hash only when a lexicon's filter lets the string through, and then
 * once. */
typedef struct lookup {
    const char *s;
    size_t len;
    uint32_t key, hash;
    int hashed;
} lookup;

static lookup lookup_of(const char *s, size_t len)
{
    lookup l = {s, len, lexicon_filter_key(s, len), 0, 0};
    return l;
}

/* lexicon_get() of the string. */
static long lookup_get(lookup *l, const lexicon *lx)
{
    if (!lexicon_may_hold_key(lx, l->key))
        return 0;
    if (!l->hashed) {
        l->hash = lexicon_hash(l->s, l->len);
        l->hashed = 1;
    }
    const lexicon_entry *e = lexicon_probe(lx, l->hash, l->s, l->len);
    return e ? e->value : 0; /* 0 too for the entry a multi-word key leaves */
}

/* The period of "Mr." or "Gov.": it ends no sentence. */
static int after_abbreviation(const builder *b, size_t i)
{
    if (i == 0 || !token_is_char(tk(b, i), '.') || (tk(b, i)->flags & LEDE_TOKEN_SPACE_BEFORE))
        return 0;
    const lede_token *w = tk(b, i - 1);
    return w->kind == LEDE_TOKEN_WORD && token_lexicon(w, &lexicon_abbreviations);
}

/* Ends a sentence: not the period of "Mr." or "Gov." Inline: the windows ask
 * it of every token, and most are no punctuation. */
static inline int is_terminal(const builder *b, size_t i)
{
    return i < b->ntok && token_is_terminal(tk(b, i)) && !after_abbreviation(b, i);
}

/* "privately", "repeatedly": an adverb in -ly. */
static int is_adverb(const builder *b, size_t i)
{
    const lede_token *t = tk(b, i);
    return is_lower_word(b, i) && t->norm_len > 4 &&
           memcmp(t->norm + t->norm_len - 2, "ly", 2) == 0;
}

/* The classes of data/quote_words.txt, small closed sets asked of many
 * tokens: one lookup answers them all, and the lexicon's filter turns most
 * words away without hashing. */
enum {
    QW_ARTICLE = 1,       /* "the report", "a call": a cue verb after it is a noun */
    QW_DETERMINER = 2,    /* opens a noun phrase ("a", "several", "senior") */
    QW_CLAUSE_OPENER = 4, /* may open a reported clause ("there", "whether") */
    QW_CLAUSE_BEGUN = 8,  /* after a cue, the reported clause has begun ("should") */
    QW_NAMED = 16         /* names the quoted words: dubbed "X", so-called "X" */
};

static int quote_word(const lede_token *t, long bits)
{
    return (token_lexicon(t, &lexicon_quote_words) & bits) != 0;
}

/* The first bytes of a quote mark's norm, a bit each: every byte of a
 * multi-byte character, '"', '\'' and '`', and the ASCII bytes that
 * text_next() decodes to another character ('&', '<' and '\r'). */
#define BYTE_BIT(c) (UINT64_C(1) << ((c) % 64))
static const uint64_t mark_first_bytes[4] = {BYTE_BIT('"') | BYTE_BIT('\'') | BYTE_BIT('&') |
                                                 BYTE_BIT('<') | BYTE_BIT('\r'),
                                             BYTE_BIT('`'), UINT64_MAX, UINT64_MAX};
#undef BYTE_BIT

/* Can the token be a quote mark? Most punctuation is a plain ASCII byte that
 * is no mark ("," "."): turned away inline, without decoding, by one test of
 * its first byte's bit. */
static inline int may_be_mark(const lede_token *t)
{
    if (t->kind != LEDE_TOKEN_PUNCT)
        return 0;
    unsigned char first = (unsigned char)t->norm[0];
    return (int)((mark_first_bytes[first / 64] >> (first % 64)) & 1);
}

/* A quote mark's family and the directions it may have, from its form. */
static int mark_family(const lede_token *t, int *dir)
{
    *dir = 0;
    if (!may_be_mark(t) || !token_is_quote_mark(t))
        return FAM_NONE;
    tchar c;
    text_next(t->norm, t->norm_len, 0, &c);
    switch (c.cp) {
    case 0x201C: /* “ */
    case 0x201E: /* „ */
    case 0x201F:
        *dir = M_OPEN;
        return FAM_DOUBLE;
    case 0x201D: /* ” */
        *dir = M_CLOSE;
        return FAM_DOUBLE;
    case '"':
        *dir = M_OPEN | M_CLOSE;
        return FAM_DOUBLE;
    case 0x2018: /* ‘ */
    case 0x201A: /* ‚ */
    case 0x201B:
        *dir = M_OPEN;
        return FAM_SINGLE;
    case 0x2019: /* ’: an apostrophe unless a single quote is open */
        *dir = M_CLOSE;
        return FAM_SINGLE;
    case '\'':
        if (t->norm_len == 2) { /* '' opens and closes in some styles */
            *dir = M_OPEN | M_CLOSE;
            return FAM_DOUBLE;
        }
        *dir = M_OPEN | M_CLOSE;
        return FAM_SINGLE;
    case '`':
        *dir = M_OPEN;
        return t->norm_len == 2 ? FAM_DOUBLE : FAM_SINGLE;
    case 0xAB:
        *dir = M_OPEN;
        return FAM_GUILL;
    case 0xBB:
        *dir = M_CLOSE;
        return FAM_GUILL;
    case 0x2039:
        *dir = M_OPEN;
        return FAM_SGUILL;
    case 0x203A:
        *dir = M_CLOSE;
        return FAM_SGUILL;
    default:
        return FAM_NONE;
    }
}

/* „ or ‚: a low opening mark, closed by “ or ‘ in German style. */
static int low_opening(const lede_token *t)
{
    tchar c;
    text_next(t->norm, t->norm_len, 0, &c);
    return c.cp == 0x201E || c.cp == 0x201A;
}

/* A straight mark's direction from the space around it: ` "Yes` opens,
 * `yes," ` closes. Both when the spacing does not tell. */
static int mark_direction(const builder *b, size_t i, int dir)
{
    if (dir != (M_OPEN | M_CLOSE))
        return dir;
    const lede_token *t = tk(b, i);
    int space_before = i == b->para_first || (t->flags & LEDE_TOKEN_SPACE_BEFORE);
    if (!space_before && i > b->para_first) {
        const lede_token *p = tk(b, i - 1);
        if (token_is_dash(p) || token_is_char(p, '(') || token_is_char(p, '['))
            space_before = 1;
    }
    int space_after = i + 1 >= b->para_end || (tk(b, i + 1)->flags & LEDE_TOKEN_SPACE_BEFORE);
    int punct_after = !space_after && tk(b, i + 1)->kind == LEDE_TOKEN_PUNCT &&
                      !token_is_quote(tk(b, i + 1)) && !token_is_char(tk(b, i + 1), '(');
    if (space_before && !space_after && !punct_after)
        return M_OPEN;
    if (!space_before && (space_after || punct_after))
        return M_CLOSE;
    if (!space_before && !space_after && is_word(b, i - 1) && is_word(b, i + 1))
        return 0; /* inside a word */
    return M_OPEN | M_CLOSE;
}

/* ------------------------------------------------------------------ */
/* Regions                                                             */

static void add_region(builder *b, size_t open, size_t close, size_t end, size_t paragraph)
{
    if (open + 1 >= end)
        return; /* nothing inside */
    region *r = VEC_PUSH(&b->doc->arena, &b->regions, region);
    if (!r) {
        b->failed = 1;
        return;
    }
    r->open = open;
    r->close = close;
    r->first = open + 1;
    r->end = end;
    r->paragraph = paragraph;
    r->next = LEDE_NONE;
    r->continued = 0;
    r->used = 0;
}

/* Does the paragraph starting at token `first` open with a mark of `fam`? */
static int opens_with(const builder *b, size_t first, size_t end, int fam)
{
    if (first >= end)
        return 0;
    int dir;
    return mark_family(tk(b, first), &dir) == fam && (dir & M_OPEN);
}

/* The capitalized word t is "According", and "to" is next. Out of line:
 * the loops that ask it ask it of few words, and keep no copy of t's first
 * byte for it. */
static COLD_PATH int according_to(const lede_token *t, const lede_token *tokens_end)
{
    return t->norm_len == sizeof "according" - 1 && token_is_word(t, "according") &&
           t + 1 < tokens_end && token_is_word(t + 1, "to");
}

/* Can the word t be a cue (cue_at())? Most words are turned away here,
 * inline and without hashing: a cue must pass the cue lexicon's table of
 * byte classes (`classes`), be as long as the shortest key and pass the
 * lexicon's filter. A capitalized word is a cue only as "According to"
 * (cue_of(): "according" is the one key of CUE_ACCORDING), so it is
 * compared with that word, and needs "to" next, instead of asking the
 * filter.
 * The table comes first, for every word: it turns four words in five away
 * with one load, short and capitalized ones too (it reads bytes in either
 * case, and "according" is a key), so that one branch, taken for one word
 * in five, does what three did (the length, the case and the table: each
 * went either way at random, and cost more mispredictions than the table
 * costs instructions). */
static inline int may_be_cue(const lede_token *t, const lede_token *tokens_end,
                             const uint32_t *classes, const uint64_t *filter, uint32_t shift)
{
    if (!(classes[lexicon_class_slot(t->norm, t->norm_len)] >>
              lexicon_class_bit(t->norm, t->norm_len) &
          1))
        return 0;
    if (t->norm_len < CUE_MIN_LEN)
        return 0;
    if (t->flags & LEDE_TOKEN_CAPITALIZED)
        return according_to(t, tokens_end);
    /* the filter's key, of the few words that get here, from their bytes
     * read again (OPAQUE): the loops keep no copies of those the table read */
    const char *norm = t->norm;
    OPAQUE(norm);
    uint32_t f = lexicon_filter_key(norm, t->norm_len) >> shift;
    return (int)((filter[f / 64] >> (f % 64)) & 1);
}

/* The marks of a paragraph paired so far: the open outer and inner marks. */
typedef struct pairing {
    size_t paragraph;
    size_t outer, inner;
    int ofam, ifam;
} pairing;

/* Pair token i, which may_be_mark(), with the marks before it. */
static COLD_PATH void pair_mark(builder *b, pairing *p, size_t i)
{
    int dir;
    int fam = mark_family(tk(b, i), &dir);
    if (fam == FAM_NONE)
        return;
    if (fam != FAM_SINGLE && (dir & M_OPEN))
        b->used[i] |= OPENING_MARK; /* for holds_marks() */
    dir = mark_direction(b, i, dir);
    /* „…“ and ‚…‘ (German style): the raised mark closes the low one */
    size_t opener = p->inner != LEDE_NONE ? p->inner : p->outer;
    if (opener != LEDE_NONE && low_opening(tk(b, opener)) && (dir & M_OPEN) &&
        !(tk(b, i)->flags & LEDE_TOKEN_SPACE_BEFORE))
        dir = M_CLOSE;
    if (p->outer == LEDE_NONE) {
        if (dir & M_OPEN) {
            p->outer = i;
            p->ofam = fam;
            p->inner = LEDE_NONE;
        }
        return;
    }
    if (p->inner != LEDE_NONE) {
        if (fam == p->ifam && (dir & M_CLOSE)) {
            p->inner = LEDE_NONE;
        } else if (fam == p->ofam && (dir & M_CLOSE)) {
            add_region(b, p->outer, i, i, p->paragraph);
            p->outer = p->inner = LEDE_NONE;
        }
        return;
    }
    if (fam == p->ofam) {
        if (dir & M_CLOSE) {
            add_region(b, p->outer, i, i, p->paragraph);
            p->outer = LEDE_NONE;
        } else { /* a second opening: the first was never closed */
            add_region(b, p->outer, LEDE_NONE, i, p->paragraph);
            p->outer = i;
        }
    } else if (dir & M_OPEN) {
        p->inner = i;
        p->ifam = fam;
    }
}

/* Make room for one more word in the list of words that may be cues, of
 * which pair_marks() has filled `count` slots. Out of line: quote_build()
 * reserves room for more than news needs. */
static COLD_PATH int grow_cues(builder *b, size_t count)
{
    vec *cues = &b->cues;
    cues->count = count;
    if (vec_reserve(&b->doc->arena, cues, count + 1) != 0) {
        b->failed = 1;
        return -1;
    }
    return 0;
}

static region *reg(builder *b, size_t i)
{
    return &VEC_AT(b->regions, region, i);
}

/* Flag the tokens [first, end) UNLISTED, eight flags a step (the last step
 * may overlap the one before; flagging twice changes nothing). */
static void flag_unlisted(unsigned char *used, size_t first, size_t end)
{
    if (end < first + 8) {
        for (size_t i = first; i < end; i++)
            used[i] |= UNLISTED;
        return;
    }
    const uint64_t eight_flags = UNLISTED * UINT64_C(0x0101010101010101);
    for (size_t i = first;; i += 8) {
        if (i > end - 8)
            i = end - 8;
        uint64_t eight;
        memcpy(&eight, used + i, 8);
        eight |= eight_flags;
        memcpy(used + i, &eight, 8);
        if (i + 8 >= end)
            break;
    }
}

/* may_be_cue() of token t of the builder's text, with the cue lexicon's
 * table and filter, for the loops that do not keep them in registers. */
static inline int may_be_cue_of(const builder *b, const lede_token *t)
{
    return may_be_cue(t, b->tok + b->ntok, lexicon_cue_verbs_classes, lexicon_cue_verbs.filter,
                      lexicon_cue_verbs.filter_shift);
}

/* List the words of [first, end) that may_be_cue(), after those listed
 * before them: those of a single mark that pair_marks() read as quoted until
 * the paragraph's end left it an apostrophe. */
static COLD_PATH int list_cues(builder *b, size_t first, size_t end)
{
    for (size_t i = first; i < end; i++) {
        const lede_token *t = tk(b, i);
        if (t->kind != LEDE_TOKEN_WORD || !may_be_cue_of(b, t))
            continue;
        if (b->cues.count == b->cues.capacity && grow_cues(b, b->cues.count) != 0)
            return -1;
        VEC_AT(b->cues, size_t, b->cues.count++) = i;
        b->used[i] |= LISTED_CUE;
    }
    return 0;
}

/* Pair the marks of one paragraph, and list the words that may be cues for
 * read_indirect(): one pass over the tokens, most of them words and no
 * marks, which the loop keeps short. The words inside the marks of a
 * quotation are not asked may_be_cue() here: most of them are taken by a
 * direct quote, and no cue of theirs is read (cue_at() and read_indirect()
 * ask the others, flagged UNLISTED, when they come to them), so that the
 * tokens between an opening mark and its closing one are only asked
 * whether they are marks. Returns the index of a region left open at the
 * paragraph's end, or LEDE_NONE. */
static size_t pair_marks(builder *b, size_t paragraph, size_t next_first, size_t next_end)
{
    if (b->para_first >= b->para_end)
        return LEDE_NONE; /* (and the token array may be NULL) */
    pairing p = {paragraph, LEDE_NONE, LEDE_NONE, FAM_NONE, FAM_NONE};
    const lede_token *tok = b->tok, *tokens_end = tok + b->ntok, *end = tok + b->para_end;
    size_t regions_before = b->regions.count;
    /* the cue lexicon's table and filter in locals, which the loop keeps in
     * registers */
    const uint32_t *classes = lexicon_cue_verbs_classes;
    OPAQUE(classes);
    const uint64_t *filter = lexicon_cue_verbs.filter;
    const uint32_t shift = lexicon_cue_verbs.filter_shift;
    /* the end of the list of cues in a local too, written back after the
     * loop (about one word in ten is listed) */
    size_t *next = (size_t *)b->cues.items + b->cues.count;
    const lede_token *t = tok + b->para_first;
    while (t < end) {
        /* outside quotation marks: words that may be cues, and marks */
        for (; t < end; t++) {
            if (t->kind == LEDE_TOKEN_WORD) {
                if (!may_be_cue(t, tokens_end, classes, filter, shift))
                    continue;
                size_t ncue = (size_t)(next - (size_t *)b->cues.items);
                if (ncue == b->cues.capacity) {
                    if (grow_cues(b, ncue) != 0)
                        return LEDE_NONE;
                    next = (size_t *)b->cues.items + ncue;
                }
                size_t i = (size_t)(t - b->tok);
                *next++ = i;
                b->used[i] |= LISTED_CUE;
            } else if (may_be_mark(t)) {
                pair_mark(b, &p, (size_t)(t - b->tok));
                if (b->failed)
                    return LEDE_NONE;
                if (p.outer != LEDE_NONE) {
                    t++;
                    break;
                }
            }
        }
        /* inside them: the marks alone, until the outer one closes */
        for (; t < end; t++) {
            if (!may_be_mark(t))
                continue;
            pair_mark(b, &p, (size_t)(t - b->tok));
            if (b->failed)
                return LEDE_NONE;
            if (p.outer == LEDE_NONE) {
                t++;
                break;
            }
        }
    }
    b->cues.count = (size_t)(next - (size_t *)b->cues.items);
    size_t open = LEDE_NONE;
    if (p.outer != LEDE_NONE) {
        int goes_on = opens_with(b, next_first, next_end, p.ofam);
        /* an unclosed single mark is more likely an apostrophe than a
         * quote: what it seemed to quote is no region, and its words are
         * listed after all */
        if (p.ofam == FAM_SINGLE && !goes_on) {
            if (list_cues(b, p.outer + 1, b->para_end) != 0)
                return LEDE_NONE;
        } else {
            size_t before = b->regions.count;
            add_region(b, p.outer, LEDE_NONE, b->para_end, paragraph);
            if (goes_on && b->regions.count > before)
                open = b->regions.count - 1;
        }
    }
    /* every token that the marks skipped is inside a region of the
     * paragraph */
    for (size_t r = regions_before; r < b->regions.count; r++)
        flag_unlisted(b->used, reg(b, r)->first, reg(b, r)->end);
    return open;
}

/* The words and numbers of [first, end), counted up to `most`: the callers
 * only compare the count with a few words, and most quotes are longer. */
static size_t count_words(const builder *b, size_t first, size_t end, size_t most)
{
    size_t n = 0;
    for (const lede_token *t = b->tok + first, *stop = b->tok + end; t < stop && n < most; t++)
        n += t->kind == LEDE_TOKEN_WORD || t->kind == LEDE_TOKEN_NUMBER;
    return n;
}

/* Does the region end a sentence inside its marks ("… alone.")? */
static int ends_with_terminal(const builder *b, const region *r)
{
    return r->end > r->first && is_terminal(b, r->end - 1);
}

/* A title of a work or a scare quote: "so-called 'X'", “Saturday Night
 * Live”, a few words in marks with nothing that reports them. */
static int looks_like_title(const builder *b, const region *r)
{
    size_t words = 0, capitalized = 0;
    for (size_t i = r->first; i < r->end; i++) {
        if (tk(b, i)->kind == LEDE_TOKEN_WORD) {
            words++;
            if (tk(b, i)->flags & LEDE_TOKEN_CAPITALIZED)
                capitalized++;
            else if (tk(b, i)->norm_len > 3)
                return 0; /* "of", "the", "and" may stay lower case in a title */
        } else if (is_terminal(b, i) || is_char(b, i, ',')) {
            return 0;
        }
    }
    return words >= 1 && capitalized >= 1 && words <= 8;
}

static int named_before(const builder *b, const region *r)
{
    return r->open > 0 && quote_word(tk(b, r->open - 1), QW_NAMED);
}

/* ------------------------------------------------------------------ */
/* Cues and speakers                                                   */

/* The cue of word i, which may_be_cue(), whose entry in the cue lexicon is
 * e: its value, lemma and end. "according" needs "to", a lemma of two words
 * ("point out") needs its second word next. Only lower-case words are cues
 * ("Say" starts an imperative or a name): may_be_cue() let no other through
 * but "According". */
static long cue_of(const builder *b, size_t i, const lexicon_entry *e, const char **lemma,
                   size_t *end)
{
    if (i > 0 && tk(b, i - 1)->norm_len <= ARTICLE_MAX_LEN && quote_word(tk(b, i - 1), QW_ARTICLE))
        return 0; /* "the report", "a call": nouns */
    *lemma = e->text ? e->text : e->key;
    *end = i + 1;
    if (e->value == CUE_ACCORDING) {
        if (!word_is(b, i + 1, "to"))
            return 0;
        *lemma = "according to";
        *end = i + 2;
    } else {
        /* "point out", "shoot back", "fire back": the lemma names its particle */
        const char *space = strchr(*lemma, ' ');
        if (space) {
            if (!word_is(b, i + 1, space + 1))
                return 0;
            *end = i + 2;
        }
    }
    return e->value;
}

/* The cue at word i, which may_be_cue(): most are no cue and go no further
 * than the lookup, inline. may_be_cue() asked the lexicon's filter: the
 * lookup goes straight to the hash and the probe, in one call. */
static inline long cue_read(const builder *b, size_t i, const char **lemma, size_t *end)
{
    const lede_token *t = tk(b, i);
    const lexicon_entry *e = lexicon_hash_probe(&lexicon_cue_verbs, t->norm, t->norm_len);
    return e && e->value ? cue_of(b, i, e, lemma, end) : 0;
}

/* cue_read() of any token of the paragraphs whose quotes are read: those
 * that may_be_cue() pair_marks() has marked, so that the windows around a
 * quote do not ask the lexicon's filter again, and those inside a region's
 * marks that it left unasked, asked here. */
static inline long cue_at(const builder *b, size_t i, const char **lemma, size_t *end)
{
    if (i >= b->ntok)
        return 0;
    unsigned char u = b->used[i];
    if (!(u & LISTED_CUE) &&
        !((u & UNLISTED) && tk(b, i)->kind == LEDE_TOKEN_WORD && may_be_cue_of(b, tk(b, i))))
        return 0;
    return cue_read(b, i, lemma, end);
}

/* The last mention (speaker layer) that begins at or before token i, else
 * the first mention; NULL when there is none. */
static const lede_mention *mention_search(const builder *b, size_t i)
{
    const vec *m = &b->doc->mentions;
    size_t n = m->count;
    if (n == 0)
        return NULL;
    size_t begin = tk(b, i)->span.begin;
    /* The range [found, found + n) that holds it is halved with a
     * conditional move, fewer instructions a step than moving one of two
     * bounds. */
    const lede_mention *found = m->items;
    while (n > 1) {
        size_t half = n / 2;
        found = found[half].span.begin <= begin ? found + half : found;
        n -= half;
    }
    return found;
}

/* Does mention m cover token i? */
static int covers(const builder *b, const lede_mention *m, size_t i)
{
    size_t begin = tk(b, i)->span.begin;
    return m->span.begin <= begin && m->span.end > begin;
}

/* The mention that covers token i, or NULL. */
static const lede_mention *mention_at(const builder *b, size_t i)
{
    const lede_mention *found = mention_search(b, i);
    return found && covers(b, found, i) ? found : NULL;
}

/* A walk over tokens in text order that asks mention_at() of each: the
 * mention is found by moving on from that of the token before, instead of
 * by a search a token. */
typedef struct mention_walk {
    const lede_mention *at;  /* mention_search() of the token walked to */
    const lede_mention *end; /* the end of the mentions */
} mention_walk;

/* A walk that begins at token `first`. */
static mention_walk mentions_from(const builder *b, size_t first)
{
    const vec *m = &b->doc->mentions;
    mention_walk w = {mention_search(b, first), NULL};
    if (w.at)
        w.end = (const lede_mention *)m->items + m->count;
    return w;
}

/* mention_at(b, i) of a token i at or after the last one walked to. */
static const lede_mention *mention_next(mention_walk *w, const builder *b, size_t i)
{
    if (!w->at)
        return NULL;
    size_t begin = tk(b, i)->span.begin;
    while (w->at + 1 < w->end && w->at[1].span.begin <= begin)
        w->at++;
    return covers(b, w->at, i) ? w->at : NULL;
}

/* The span of tokens [first, last]. */
static lede_span token_span(const builder *b, size_t first, size_t last)
{
    return span_make(tk(b, first)->span.begin, tk(b, last)->span.end);
}

static int is_determiner(const builder *b, size_t i)
{
    return is_word(b, i) && quote_word(tk(b, i), QW_DETERMINER);
}

static int is_possessive(const builder *b, size_t i)
{
    const lede_token *t = tk(b, i);
    return is_word(b, i) && t->norm_len > 2 && t->norm[t->norm_len - 2] == '\'' &&
           t->norm[t->norm_len - 1] == 's';
}

/* speaker_noun() of token i, with the lookup of its word (NULL for a token
 * that is no word). */
static int speaker_noun_of(const builder *b, size_t i, lookup *word)
{
    const lede_token *t = tk(b, i);
    if (t->norm_len > 9 && memcmp(t->norm + t->norm_len - 8, "year-old", 8) == 0)
        return 1; /* "the 46-year-old said" */
    if (!word)
        return 0;
    if (lookup_get(word, &lexicon_person_nouns) || lookup_get(word, &lexicon_group_nouns) ||
        lookup_get(word, &lexicon_titles) || lookup_get(word, &lexicon_org_words) == ORG_HEAD)
        return 1;
    /* plurals: "candidates", "parties", "executives" */
    char one[32];
    size_t n = t->norm_len;
    if (n < 4 || n >= sizeof one || t->norm[n - 1] != 's')
        return 0;
    memcpy(one, t->norm, n);
    if (n > 4 && memcmp(one + n - 3, "ies", 3) == 0) {
        one[n - 3] = 'y';
        n -= 2;
    } else {
        n -= 1;
    }
    lookup l = lookup_of(one, n);
    return lookup_get(&l, &lexicon_person_nouns) || lookup_get(&l, &lexicon_titles) ||
           lookup_get(&l, &lexicon_org_words) == ORG_HEAD;
}

/* A noun that may head the phrase of a speaker who is described, not named. */
static int speaker_noun(const builder *b, size_t i)
{
    if (!is_word(b, i))
        return speaker_noun_of(b, i, NULL);
    lookup l = lookup_of(tk(b, i)->norm, tk(b, i)->norm_len);
    return speaker_noun_of(b, i, &l);
}

/* Fill a's speaker from the mention m, or from the words [first, last]
 * when no mention names them. */
static void set_speaker(const builder *b, attribution *a, const lede_mention *m, size_t first,
                        size_t last)
{
    a->subject_first = first;
    if (m) {
        a->speaker = m->speaker;
        a->mention = m->span;
        while (a->subject_first > 0 && tk(b, a->subject_first - 1)->span.begin >= m->span.begin)
            a->subject_first--;
    } else {
        a->speaker = LEDE_NONE;
        a->mention = token_span(b, first, last);
    }
}

/* The speaker whose words end at token k: a mention, a pronoun, a described
 * speaker ("a senior official", "Rutte's spokesman", "officials") or a
 * capitalized name the speaker layer did not take. */
static int speaker_ending_at(const builder *b, size_t k, size_t lo, attribution *a)
{
    const lede_mention *m = mention_at(b, k);
    if (m) {
        set_speaker(b, a, m, k, k);
        return 1;
    }
    if (!is_word(b, k) && !(tk(b, k)->kind == LEDE_TOKEN_NUMBER && speaker_noun(b, k)))
        return 0; /* "the 46-year-old" is a number token */
    if (word_is(b, k, "who") && k >= lo + 2 && is_char(b, k - 1, ','))
        return speaker_ending_at(b, k - 2, lo, a); /* "Mr. Sanders, who said" */
    /* the word's lookup, for the lexicons below */
    int word = is_word(b, k);
    lookup l = lookup_of(tk(b, k)->norm, word ? tk(b, k)->norm_len : 0);
    if (word && lookup_get(&l, &lexicon_pronouns)) {
        set_speaker(b, a, NULL, k, k);
        return 1;
    }
    if ((is_lower_word(b, k) || tk(b, k)->kind == LEDE_TOKEN_NUMBER) &&
        speaker_noun_of(b, k, word ? &l : NULL)) {
        size_t first = k;
        int determined = word && lookup_get(&l, &lexicon_group_nouns) != 0;
        while (first > lo && k - first < NP_MAX) {
            size_t j = first - 1;
            if (is_determiner(b, j) || is_possessive(b, j)) {
                first = j;
                determined = 1;
                /* "the company's chief executive": the owner's article too */
                if (is_possessive(b, j) && j > lo && is_determiner(b, j - 1))
                    first = j - 1;
                break;
            }
            if (!is_word(b, j) ||
                (is_lower_word(b, j) &&
                 lexicon_get(&lexicon_cue_verbs, tk(b, j)->norm, tk(b, j)->norm_len)))
                break;
            first = j;
        }
        if (!determined)
            return 0;
        /* a mention inside the words ("the ministry") names the speaker */
        mention_walk w = mentions_from(b, first);
        for (size_t j = first; j <= k; j++)
            if ((m = mention_next(&w, b, j)) != NULL && m->speaker != LEDE_NONE) {
                set_speaker(b, a, m, first, k);
                a->mention = token_span(b, first, k);
                return 1;
            }
        set_speaker(b, a, NULL, first, k);
        return 1;
    }
    if (is_cap_word(b, k) && !lookup_get(&l, &lexicon_sentence_starters) &&
        !lookup_get(&l, &lexicon_weekdays) && !lookup_get(&l, &lexicon_months)) {
        size_t first = k;
        while (first > lo && k - first < 4 && is_cap_word(b, first - 1))
            first--;

        set_speaker(b, a, NULL, first, k);
        return 1;
    }
    return 0;
}

/* The subject of the cue at token c, looking left no further than lo: past
 * auxiliaries and adverbs ("has also said"), a parenthesis ("(D-Mass.)") and
 * an apposition or relative clause between commas. */
static int subject_before(const builder *b, size_t c, size_t lo, attribution *a)
{
    size_t k = c;
    for (int n = 0; n < 4 && k > lo && is_lower_word(b, k - 1); n++) {
        if (!is_adverb(b, k - 1) && lex(b, k - 1, &lexicon_function_words) != FUNCTION_AUX &&
            !word_is(b, k - 1, "not") && !word_is(b, k - 1, "never"))
            break;
        k--;
    }
    if (k <= lo)
        return 0;
    k--;
    if (is_char(b, k, ')')) {
        size_t j = k;
        while (j > lo && k - j < 12 && !is_char(b, j, '('))
            j--;
        if (!is_char(b, j, '(') || j <= lo)
            return 0;
        k = j - 1;
    } else {
        /* appositions and asides: "X, a doctor, said", "Suu Kyi, 70, said",
         * "Yin May, 60, a doctor, said", "Trump - who ... - said" */
        /* "Gov. John Kasich (R-OH), said" */
        if (is_char(b, k, ',') && k > lo + 1 && is_char(b, k - 1, ')')) {
            size_t j = k - 1;
            while (j > lo && k - j < 12 && !is_char(b, j, '('))
                j--;
            if (is_char(b, j, '(') && j > lo)
                k = j - 1;
        }
        for (int n = 0; n < 3 && (is_char(b, k, ',') || token_is_dash(tk(b, k))); n++) {
            int dash = token_is_dash(tk(b, k));
            size_t j = k;
            while (j > lo && k - j < APPOSITION_MAX) {
                j--;
                if ((dash ? token_is_dash(tk(b, j)) : is_char(b, j, ',')) ||
                    token_is_quote(tk(b, j)) || is_terminal(b, j))
                    break;
            }
            if (!(dash ? token_is_dash(tk(b, j)) : is_char(b, j, ',')) || j <= lo || j + 1 >= k)
                return 0;
            /* "The mayor, Ines Duarte, said": the name between the commas */
            const lede_mention *named = mention_at(b, k - 1);
            if (!dash && named && named->kind == LEDE_MENTION_NAME &&
                tk(b, j + 1)->span.begin >= named->span.begin) {
                set_speaker(b, a, named, k - 1, k - 1);
                return 1;
            }
            /* "X, a doctor, said", "X, who ..., said", "X, NATO's chief, said",
             * "X, Sanders’ campaign manager, said" */
            int titled = 0;
            for (size_t t = j + 1; t < k && t - j <= 4 && !titled; t++)
                titled = lex(b, t, &lexicon_titles) != 0;
            if (!(is_lower_word(b, j + 1) || titled || is_possessive(b, j + 1) ||
                  tk(b, j + 1)->kind == LEDE_TOKEN_NUMBER))
                return 0;
            k = j - 1;
        }
    }
    return speaker_ending_at(b, k, lo, a);
}

/* The speaker whose words begin at token s, up to hi: "said Rutte", "said
 * NATO Secretary-General Mark Rutte", "said a spokeswoman for the ministry". */
static int subject_after(const builder *b, size_t s, size_t hi, attribution *a)
{
    if (s >= hi)
        return 0;
    const lede_mention *best = NULL;
    size_t k = s;
    mention_walk w = mentions_from(b, s);
    for (; k < hi && k - s < NP_MAX + 2; k++) {
        const lede_mention *m = mention_next(&w, b, k);
        if (m && m->kind != LEDE_MENTION_TITLE)
            best = m;
        else if (m && !best)
            best = m;
        if (!(is_cap_word(b, k) || is_determiner(b, k) || is_possessive(b, k) ||
              token_is_dash(tk(b, k)) || lex(b, k, &lexicon_titles) ||
              (is_char(b, k, '.') && !(tk(b, k)->flags & LEDE_TOKEN_SPACE_BEFORE)) ||
              (is_lower_word(b, k) && lex(b, k, &lexicon_countries))))
            break;
    }
    if (best) {
        set_speaker(b, a, best, s, s);
        return 1;
    }
    if (is_word(b, s) && lex(b, s, &lexicon_pronouns)) {
        set_speaker(b, a, NULL, s, s);
        return 1;
    }
    /* a described speaker: its words up to a comma, "of", "for", "at", "who" */
    size_t last = LEDE_NONE;
    for (k = s; k < hi && k - s < NP_MAX; k++) {
        if (!is_word(b, k) || word_is(b, k, "of") || word_is(b, k, "for") || word_is(b, k, "at") ||
            word_is(b, k, "who") || word_is(b, k, "in"))
            break;
        if (speaker_noun(b, k))
            last = k;
    }
    if (last == LEDE_NONE || !(is_determiner(b, s) || is_possessive(b, s) || s == last))
        return 0;
    set_speaker(b, a, NULL, s, last);
    return 1;
}

/* "when", "while", "as": a conjunction that opens a clause before a cue. */
static int opens_clause(const lede_token *t)
{
    switch (t->norm_len) { /* one compare for most words */
    case 2:
        return token_is_word(t, "as");
    case 4:
        return token_is_word(t, "when");
    case 5:
        return token_is_word(t, "while");
    default:
        return 0;
    }
}

/* The subject of the clause that a participle or a second verb hangs on
 * ("Albright urged women to vote, saying: …", "The Florida senator sought
 * to calm his supporters, and took a heckler in stride, saying …"): the
 * first speaker named or described in that clause, else in the sentence.
 * Words inside quotes are no subject. */
static int sentence_subject(const builder *b, size_t lo, size_t c, attribution *a)
{
    size_t start = c;
    while (start > lo && c - start < APPOSITION_MAX && !opens_clause(tk(b, start - 1)) &&
           !(is_char(b, start - 1, ',') && start < c - 1))
        start--;
    for (int pass = 0; pass < 2; pass++) {
        size_t from = pass == 0 ? start : lo;
        mention_walk w = mentions_from(b, from);
        for (size_t k = from; k < c && k - from < APPOSITION_MAX; k++) {
            if ((b->used[k] & USED_MASK) == USED_CONTENT)
                continue;
            const lede_mention *m = mention_next(&w, b, k);
            if (m) {
                /* "Union leader Marta Kowalski": the name, not the title */
                for (size_t n = k + 1; m->kind == LEDE_MENTION_TITLE && n < c && n - k < NP_MAX;
                     n++) {
                    const lede_mention *name = mention_next(&w, b, n);
                    if (name && name->speaker == m->speaker && name->kind != LEDE_MENTION_TITLE) {
                        m = name;
                        k = n;
                    }
                }
                set_speaker(b, a, m, k, k);
                return 1;
            }
            if (is_lower_word(b, k) && speaker_noun(b, k) && !speaker_noun(b, k + 1) &&
                speaker_ending_at(b, k, from, a))
                return 1;
        }
        if (start == lo)
            break;
    }
    return 0;
}

/* A cue that takes its subject from the clause before it: ", saying",
 * "by saying", "and told". */
static int is_participle(const builder *b, size_t c)
{
    const lede_token *t = tk(b, c);
    size_t n = t->norm_len; /* (compares from the last byte, where memcmp() was a call) */
    return n > 4 && t->norm[n - 1] == 'g' && t->norm[n - 2] == 'n' && t->norm[n - 3] == 'i';
}

/* A cue that takes its subject from the clause before it: "…, saying",
 * "emailed supporters saying", "by saying", "and told". */
static int borrows_subject(const builder *b, size_t c, size_t lo)
{
    if (c <= lo)
        return 0;
    if (is_participle(b, c))
        return 1;
    return word_is(b, c - 1, "and") || word_is(b, c - 1, "but");
}

/* The subject of the cue at c: its own ("Rutte said"), or for a participle
 * the subject of the clause it hangs on. */
static int cue_subject(const builder *b, size_t c, size_t lo, attribution *a)
{
    return is_participle(b, c) ? 0 : subject_before(b, c, lo, a);
}

static void set_cue(attribution *a, size_t first, size_t end, const char *lemma, long value)
{
    a->cue_first = first;
    a->cue_end = end;
    a->lemma = lemma;
    a->confidence = value == CUE_SPEECH || value == CUE_ACCORDING ? 0.95
                    : value == CUE_BELIEF                         ? 0.6
                                                                  : 0.4;
}

static void no_attribution(attribution *a)
{
    memset(a, 0, sizeof *a);
    a->cue_first = a->cue_end = LEDE_NONE;
    a->speaker = LEDE_NONE;
    a->mention = span_none();
    a->addressee = span_none();
    a->clause_first = a->clause_end = 0;
}

/* The addressee that starts at token k, up to hi, of a cue of telling:
 * addressee_after(). */
static COLD_PATH size_t read_addressee(const builder *b, size_t k, size_t hi, attribution *a)
{
    size_t first = k;
    while (k < hi && k - first < 5 && is_word(b, k) && !word_is(b, k, "that") &&
           (is_cap_word(b, k) || is_determiner(b, k) || lex(b, k, &lexicon_group_nouns) ||
            lex(b, k, &lexicon_person_nouns) || lex(b, k, &lexicon_pronouns)))
        k++;
    if (k > first)
        a->addressee = token_span(b, first, k - 1);
    return k;
}

/* "told Reuters", "told reporters": the addressee after a cue of telling.
 * Inline: most cues are of another verb, told apart by their first letter
 * without a call. */
static inline size_t addressee_after(const builder *b, size_t k, size_t hi, attribution *a)
{
    const char *l = a->lemma;
    if (!((l[0] == 't' && strcmp(l, "tell") == 0) || (l[0] == 'a' && strcmp(l, "assure") == 0) ||
          (l[0] == 'r' && strcmp(l, "remind") == 0) || (l[0] == 'i' && strcmp(l, "inform") == 0)))
        return k;
    return read_addressee(b, k, hi, a);
}

/* The end of a cue clause that starts at token k: the next comma, terminal,
 * quote mark or colon. */
static size_t clause_end(const builder *b, size_t k, size_t hi)
{
    while (k < hi && k < b->para_end && !is_char(b, k, ',') && !is_terminal(b, k) &&
           !token_is_quote(tk(b, k)) && !is_char(b, k, ':') && !is_char(b, k, ';'))
        k++;
    return k;
}

/* "Q," X said / "Q," said X / "Q?" he asked / "Q" — X. */
static int attribution_after(builder *b, const region *r, attribution *a)
{
    if (r->close == LEDE_NONE)
        return 0;
    size_t k = r->close + 1, hi = b->para_end;
    if (k < hi && token_is_dash(tk(b, k))) {
        /* “…” — Commissioner Geoffrey Starks */
        if (subject_after(b, k + 1, hi, a) && a->speaker != LEDE_NONE) {
            a->confidence = 0.8;
            a->clause_first = k;
            a->clause_end = clause_end(b, k + 1, hi);
            return 1;
        }
        return 0;
    }
    /* "… alone." ends the sentence: what follows is another, unless it is
     * only a name and a cue ("“… missing.” Trump said.") */
    int full_stop = r->end > r->first && is_char(b, r->end - 1, '.');
    if (is_char(b, k, ','))
        k++;
    for (size_t j = k; j < hi && j - k < CUE_WINDOW; j++) {
        if (tk(b, j)->kind != LEDE_TOKEN_WORD) { /* no cue; perhaps the sentence's end */
            if (token_is_quote(tk(b, j)) || is_terminal(b, j) || is_char(b, j, ';'))
                return 0;
            continue;
        }
        const char *lemma;
        size_t cue_end;
        long value = cue_at(b, j, &lemma, &cue_end);
        if (!value || value == CUE_ACCORDING || value == CUE_WEAK)
            continue;
        if (full_stop && !(j - k <= 4 && is_terminal(b, cue_end)))
            return 0;
        set_cue(a, j, cue_end, lemma, value);
        int found = j == k ? subject_after(b, cue_end, hi, a) : subject_before(b, j, k, a);
        if (!found)
            return 0;
        if (a->confidence > 0.9 && a->speaker == LEDE_NONE)
            a->confidence = 0.9;
        size_t after = addressee_after(b, cue_end, hi, a);
        a->clause_first = r->close + 1;
        a->clause_end = clause_end(b, after, hi);
        return 1;
    }
    return 0;
}

/* X said: "Q" / X said, "Q" / X told Reuters: "Q", adding: "Q". */
static int attribution_before(builder *b, const region *r, size_t lo, size_t last_speaker,
                              lede_span last_mention, attribution *a)
{
    if (r->open <= lo)
        return 0;
    size_t j = r->open - 1;
    int punct = is_char(b, j, ':') || is_char(b, j, ',');
    if (punct) {
        if (j <= lo)
            return 0;
        j--;
    }
    for (size_t c = j + 1; c-- > lo && j - c < LEAD_WINDOW;) {
        if (token_is_quote(tk(b, c)) || is_terminal(b, c) || is_char(b, c, ';'))
            break;
        if (is_char(b, c, ',') && !punct)
            break;
        const char *lemma;
        size_t cue_end;
        long value = cue_at(b, c, &lemma, &cue_end);
        if (!value || value == CUE_WEAK)
            continue;
        if (value == CUE_ACCORDING) {
            /* "According to the newspaper, “…”" */
            if (!punct || !subject_after(b, cue_end, r->open, a))
                return 0;
            set_cue(a, c, cue_end, lemma, value);
            a->clause_first = c;
            a->clause_end = r->open;
            return 1;
        }
        if (!punct && cue_end <= j)
            return 0; /* "said the plan was “a disaster”": mixed, read later */
        set_cue(a, c, cue_end, lemma, value);
        addressee_after(b, cue_end, r->open, a);
        a->clause_first = lo;
        a->clause_end = r->open;
        if (!cue_subject(b, c, lo, a)) {
            if (!borrows_subject(b, c, lo))
                return 0;
            /* ", adding: “…”": the subject of the sentence, or the speaker
             * of the quote before */
            if (!sentence_subject(b, lo, c, a)) {
                if (last_speaker == LEDE_NONE)
                    return 0;
                a->speaker = last_speaker;
                a->mention = last_mention;
            }
        }
        if (a->speaker == LEDE_NONE)
            a->confidence = 0.9;
        return 1;
    }
    if (punct && is_char(b, j + 1, ':')) {
        /* no cue: "Republican pollster Daron Shaw: “…”", "Here's Clinton in
         * December 1992: “…”" */
        for (size_t k = j + 1; k-- > lo && j - k < LEAD_WINDOW;) {
            if (is_terminal(b, k) || token_is_quote(tk(b, k)))
                break;
            const lede_mention *m = mention_at(b, k);
            if (m && m->kind != LEDE_MENTION_PRONOUN && tk(b, k)->span.end >= m->span.end) {
                set_speaker(b, a, m, k, k);
                a->confidence = 0.8;
                a->clause_first = lo;
                a->clause_end = r->open;
                return 1;
            }
        }
        /* "Kaine has adopted the stance common among Catholics: “…”" */
        if (sentence_subject(b, lo, j, a) && a->speaker != LEDE_NONE) {
            a->confidence = 0.8;
            a->clause_first = lo;
            a->clause_end = r->open;
            return 1;
        }
    }
    return 0;
}

/* A paragraph that opens with a quote after one that ends with a colon:
 * "And from Chairwoman Rosenworcel:" ¶ “…”. */
static int attribution_lead_in(builder *b, size_t prev_first, size_t prev_end, attribution *a)
{
    if (prev_end <= prev_first || !is_char(b, prev_end - 1, ':'))
        return 0;
    size_t lo = prev_end - 1;
    while (lo > prev_first && !is_terminal(b, lo - 1))
        lo--;
    for (size_t c = lo; c + 1 < prev_end; c++) {
        const char *lemma;
        size_t cue_end;
        long value = cue_at(b, c, &lemma, &cue_end);
        if (value == CUE_SPEECH && subject_before(b, c, lo, a)) {
            set_cue(a, c, cue_end, lemma, value);
            a->confidence = 0.8;
            return 1;
        }
    }
    /* no cue: the last name in the lead-in */
    for (size_t k = prev_end - 1; k-- > lo;) {
        const lede_mention *m = mention_at(b, k);
        if (m && m->kind != LEDE_MENTION_PRONOUN) {
            set_speaker(b, a, m, k, k);
            a->confidence = 0.8;
            return 1;
        }
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Quotes                                                              */

/* The sentence that holds the token, or LEDE_NONE before the first. */
static size_t sentence_of(const builder *b, size_t token)
{
    const vec *s = &b->doc->sentences;
    size_t n = s->count;
    if (n == 0)
        return LEDE_NONE;
    /* The last sentence beginning at or before the token, found like
     * mention_at() finds a mention: with a conditional move a step, where a
     * branch would go either way at random. */
    const lede_sentence *first = s->items, *found = first;
    while (n > 1) {
        size_t half = n / 2;
        found = found[half].token_first <= token ? found + half : found;
        n -= half;
    }
    return found->token_first <= token ? (size_t)(found - first) : LEDE_NONE;
}

/* Mark the tokens [first, end) that no quote has taken yet as taken `how`.
 * Eight flags a step: adding 0x7f to the USED_MASK bits of a flag byte
 * sets its top bit exactly when one of them is set, and no carry crosses
 * into the next byte. Marking twice changes nothing, so the
 * last step may overlap the one before. */
static void mark_used(builder *b, size_t first, size_t end, unsigned char how)
{
    unsigned char *used = b->used;
    if (end > b->ntok)
        end = b->ntok;
    if (end < first + 8) {
        for (size_t i = first; i < end; i++)
            used[i] = used[i] & USED_MASK ? used[i] : used[i] | how;
        return;
    }
    const uint64_t ones = UINT64_C(0x0101010101010101);
    for (size_t i = first;; i += 8) {
        if (i > end - 8)
            i = end - 8;
        uint64_t eight;
        memcpy(&eight, used + i, 8);
        uint64_t taken = ((eight & USED_MASK * ones) + 0x7f * ones) & 0x80 * ones;
        eight |= ((taken >> 7) ^ ones) * how;
        memcpy(used + i, &eight, 8);
        if (i + 8 >= end)
            break;
    }
}

static void add_fragment(builder *b, qrec *q, size_t first, size_t end)
{
    /* no spaces or trailing quote marks at the edges */
    while (end > first && token_is_quote(tk(b, end - 1)))
        end--;
    if (end <= first)
        return;
    lede_span *f = vec_push_uninit(&b->doc->arena, &b->frags); /* assigned whole below */
    if (!f) {
        b->failed = 1;
        return;
    }
    *f = token_span(b, first, end - 1);
    if (q->q.fragment_count == 0)
        q->q.span.begin = f->begin;
    q->q.span.end = f->end;
    q->q.fragment_count++;
    mark_used(b, first, end, USED_CONTENT);
}

/* A new quote of the given kind in the given sentence (sentence_of() of the
 * token where its content begins). */
static qrec *new_quote(builder *b, int32_t kind, const attribution *a, size_t sentence)
{
    qrec *q = VEC_PUSH(&b->doc->arena, &b->quotes, qrec); /* zeroed */
    if (!q) {
        b->failed = 1;
        return NULL;
    }
    q->frag_first = b->frags.count;
    q->q.kind = kind;
    q->q.span = span_none();
    if (a->cue_first != LEDE_NONE && a->cue_end > a->cue_first) {
        q->q.cue = token_span(b, a->cue_first, a->cue_end - 1);
        q->q.cue_lemma = a->lemma;
        q->q.cue_lemma_len = a->lemma ? strlen(a->lemma) : 0;
    } else {
        q->q.cue = span_none();
    }
    q->q.speaker = a->speaker;
    q->q.speaker_mention = a->mention;
    q->q.addressee = a->addressee;
    q->q.sentence = sentence;
    q->q.confidence = a->confidence;
    if (a->clause_end > a->clause_first)
        mark_used(b, a->clause_first, a->clause_end, USED_CLAUSE);
    return q;
}

/* The regions of a chain (one paragraph's region and those that continue it
 * in the next paragraphs) as fragments of q. Returns the last region. */
static size_t add_chain(builder *b, qrec *q, size_t r)
{
    size_t last = r;
    for (size_t k = r; k != LEDE_NONE; k = reg(b, k)->next) {
        region *x = reg(b, k);
        x->used = 1;
        add_fragment(b, q, x->first, x->end);
        last = k;
    }
    return last;
}

/* Does the region fill its sentence (nothing but the marks and the final
 * punctuation around it)? */
static int fills_sentence(const builder *b, const region *r)
{
    size_t s = sentence_of(b, r->open);
    if (s == LEDE_NONE || VEC_AT(b->doc->sentences, lede_sentence, s).token_first != r->open)
        return 0;
    size_t after = r->close == LEDE_NONE ? r->end : r->close + 1;
    return after >= b->para_end || is_terminal(b, after) ||
           (tk(b, after)->flags & LEDE_TOKEN_SPACE_BEFORE && is_cap_word(b, after)) ||
           token_is_quote(tk(b, after));
}

typedef struct para_info {
    size_t first, end; /* content tokens */
} para_info;

static para_info para_at(const lede_doc *doc, size_t p)
{
    const para_tokens *pt = &VEC_AT(doc->para_tokens, para_tokens, p);
    para_info info = {pt->content_first, pt->end};
    return info;
}

/* Read paragraph p from now on: the bounds that mark pairing and the cue
 * windows use. */
static para_info enter_paragraph(builder *b, size_t p)
{
    para_info info = para_at(b->doc, p);
    b->para_first = info.first;
    b->para_end = info.end;
    return info;
}

static int reads_quotes(int32_t kind)
{
    return kind == LEDE_PARAGRAPH_BODY || kind == LEDE_PARAGRAPH_CAPTION;
}

/* The speaker of the last speech cue of paragraph p ("Kerry said that
 * 100,000 would be accepted." before a paragraph wholly in quotes), unless
 * a direct quote comes after it there (its speaker is already known). */
static int speaker_of_paragraph(builder *b, size_t p, attribution *a)
{
    if (!reads_quotes(DOC_PARAGRAPH(b->doc, p)->kind))
        return 0;
    para_info info = para_at(b->doc, p);
    for (size_t k = info.end; k-- > info.first;) {
        if ((b->used[k] & USED_MASK) == USED_CONTENT)
            return 0;
        const char *lemma;
        size_t cue_end;
        if (cue_at(b, k, &lemma, &cue_end) != CUE_SPEECH)
            continue;
        size_t s = sentence_of(b, k);
        size_t lo = s == LEDE_NONE ? info.first
                                   : VEC_AT(b->doc->sentences, lede_sentence, s).token_first;
        attribution found;
        no_attribution(&found);
        if (subject_before(b, k, lo < info.first ? info.first : lo, &found) &&
            found.speaker != LEDE_NONE) {
            a->speaker = found.speaker;
            a->mention = found.mention;
            return 1;
        }
    }
    return 0;
}

/* Direct quotes: the regions and the patterns around them. */
static void read_direct(builder *b)
{
    size_t last_speaker = LEDE_NONE, last_paragraph = LEDE_NONE;
    lede_span last_mention = span_none();
    size_t open_quote = LEDE_NONE, open_paragraph = LEDE_NONE;
    for (size_t i = 0; i < b->regions.count && !b->failed; i++) {
        region *r = reg(b, i);
        if (r->continued || r->used)
            continue;
        para_info p = enter_paragraph(b, r->paragraph);
        size_t s = sentence_of(b, r->open);
        size_t lo = s == LEDE_NONE ? p.first
                                   : VEC_AT(b->doc->sentences, lede_sentence, s).token_first;
        if (lo < p.first)
            lo = p.first;
        /* the attribution may follow the chain's last region */
        size_t last = i;
        while (reg(b, last)->next != LEDE_NONE)
            last = reg(b, last)->next;
        region *lr = reg(b, last);
        attribution a;
        no_attribution(&a);
        int mixed = 0, found = 0;
        size_t mixed_first = r->open;
        if (lr->paragraph != r->paragraph) {
            enter_paragraph(b, lr->paragraph);
            found = attribution_after(b, lr, &a);
            enter_paragraph(b, r->paragraph);
        } else {
            found = attribution_after(b, r, &a);
            /* “The plan is “a disaster,” Trump said: words before the marks
             * make it mixed */
            if (found && r->open > lo && !token_is_dash(tk(b, r->open - 1)) &&
                a.cue_first != LEDE_NONE) {
                /* back to the sentence start, or to the quote before */
                mixed_first = r->open;
                while (mixed_first > lo && !(b->used[mixed_first - 1] & USED_MASK) &&
                       !is_terminal(b, mixed_first - 1) && r->open - mixed_first < MIXED_MAX)
                    mixed_first--;
                mixed = mixed_first < r->open && r->open - mixed_first < MIXED_MAX;
            }
        }
        if (!found) {
            no_attribution(&a);
            found = attribution_before(b, r, lo,
                                       open_paragraph == r->paragraph ? last_speaker : LEDE_NONE,
                                       last_mention, &a);
        }
        if (!found && r->open == p.first && r->paragraph > 0) {
            no_attribution(&a);
            para_info prev = para_at(b->doc, r->paragraph - 1);
            found = reads_quotes(DOC_PARAGRAPH(b->doc, r->paragraph - 1)->kind) &&
                    attribution_lead_in(b, prev.first, prev.end, &a);
        }
        size_t words = count_words(b, r->first, r->end, SHORT_WORDS);
        int title = named_before(b, r) || (words < SHORT_WORDS && looks_like_title(b, r));
        if (found && !title && (words >= 2 || ends_with_terminal(b, r) || !mixed)) {
            /* the sentence is where the content begins: before the marks
             * when the quote is mixed */
            qrec *q = new_quote(b, mixed ? LEDE_QUOTE_MIXED : LEDE_QUOTE_DIRECT, &a,
                                sentence_of(b, mixed ? mixed_first : r->first));
            if (!q)
                return;
            if (mixed) { /* one fragment from the sentence start to the closing mark */
                add_fragment(b, q, mixed_first, r->end);
                r->used = 1;
            } else {
                add_chain(b, q, i);
            }
            open_quote = b->quotes.count - 1;
            open_paragraph = lr->paragraph;
            last_speaker = a.speaker;
            last_mention = a.mention;
            last_paragraph = lr->paragraph;
            continue;
        }
        if (title || words < SHORT_WORDS)
            continue; /* a scare quote: perhaps part of a mixed quote later */
        if (open_quote != LEDE_NONE && open_paragraph == r->paragraph &&
            open_quote == b->quotes.count - 1 &&
            (fills_sentence(b, r) || is_char(b, r->open - 1, ',') ||
             is_char(b, r->open - 1, ':'))) {
            /* "Q1," X said. "Q2." — one quote, two fragments */
            qrec *q = &VEC_AT(b->quotes, qrec, open_quote);
            size_t end = add_chain(b, q, i);
            open_paragraph = reg(b, end)->paragraph;
            last_paragraph = open_paragraph;
            continue;
        }
        no_attribution(&a);
        int reported = fills_sentence(b, r) && r->paragraph > 0 &&
                       speaker_of_paragraph(b, r->paragraph - 1, &a);
        if (fills_sentence(b, r) &&
            (reported ||
             (last_paragraph != LEDE_NONE && r->paragraph - last_paragraph <= FLOAT_PARAGRAPHS &&
              (last_speaker != LEDE_NONE || last_mention.begin != LEDE_NONE)))) {
            if (!reported) {
                a.speaker = last_speaker;
                a.mention = last_mention;
            }
            a.confidence = 0.7;
            qrec *q = new_quote(b, LEDE_QUOTE_DIRECT, &a, sentence_of(b, r->first));
            if (!q)
                return;
            size_t end = add_chain(b, q, i);
            open_quote = b->quotes.count - 1;
            open_paragraph = reg(b, end)->paragraph;
            last_paragraph = open_paragraph;
            continue;
        }
    }
}

/* A quoted phrase inside a sentence whose subject is a speaker, reported by
 * a verb outside the cue lexicon ("Huckabee is labeling Obama's actions “a
 * blatant abuse of power.”"): a mixed quote from after that verb to the
 * closing mark, the verb as its cue. */
static void read_context_mixed(builder *b)
{
    for (size_t i = 0; i < b->regions.count && !b->failed; i++) {
        region *r = reg(b, i);
        if (r->continued || r->used || r->next != LEDE_NONE || r->close == LEDE_NONE)
            continue;
        para_info p = enter_paragraph(b, r->paragraph);
        size_t s = sentence_of(b, r->open);
        if (s == LEDE_NONE)
            continue;
        size_t lo = VEC_AT(b->doc->sentences, lede_sentence, s).token_first;
        if (lo < p.first || r->open <= lo || r->open - lo > MIXED_MAX)
            continue;
        if (count_words(b, r->first, r->end, 3) < 3 || named_before(b, r) || looks_like_title(b, r))
            continue;
        int taken = 0;
        for (size_t k = lo; k < r->end && !taken; k++)
            taken = (b->used[k] & USED_MASK) != 0;
        if (taken)
            continue;
        attribution a;
        no_attribution(&a);
        if (!sentence_subject(b, lo, r->open, &a) || a.subject_first > lo + NP_MAX ||
            lede_span_is_none(a.mention))
            continue;
        /* the verb: past the subject's words, an aside and auxiliaries */
        size_t k = a.subject_first;
        while (k < r->open && tk(b, k)->span.end <= a.mention.end)
            k++;
        if (is_char(b, k, ',')) {
            size_t j = k + 1;
            while (j < r->open && j - k < APPOSITION_MAX && !is_char(b, j, ','))
                j++;
            k = is_char(b, j, ',') ? j + 1 : k;
        }
        while (k < r->open && is_lower_word(b, k) &&
               (lex(b, k, &lexicon_function_words) == FUNCTION_AUX || is_adverb(b, k)))
            k++;
        if (k + 1 >= r->open || !is_lower_word(b, k) || is_determiner(b, k))
            continue;
        size_t verb = k++;
        if (word_is(b, k, "that"))
            k++;
        a.cue_first = verb;
        a.cue_end = verb + 1;
        a.lemma = NULL;
        a.confidence = 0.5;
        a.clause_first = lo;
        a.clause_end = k;
        qrec *q = new_quote(b, LEDE_QUOTE_MIXED, &a, sentence_of(b, k));
        if (!q)
            return;
        /* no lemma: the word itself, NUL-terminated like every lemma */
        q->q.cue_lemma = arena_strndup(&b->doc->arena, tk(b, verb)->norm, tk(b, verb)->norm_len);
        q->q.cue_lemma_len = tk(b, verb)->norm_len;
        if (!q->q.cue_lemma)
            b->failed = 1;
        add_fragment(b, q, k, r->end);
        r->used = 1;
    }
}

/* Quotations that nothing attributes, read last so that the cues of mixed
 * quotes ("She called it “a crucial step forward on gun violence.”") take
 * their regions first. */
static void read_unattributed(builder *b)
{
    for (size_t i = 0; i < b->regions.count && !b->failed; i++) {
        region *r = reg(b, i);
        if (r->continued || r->used)
            continue;
        enter_paragraph(b, r->paragraph);
        size_t words = count_words(b, r->first, r->end, LONG_WORDS);
        if (words < LONG_WORDS && !(ends_with_terminal(b, r) && fills_sentence(b, r)))
            continue;
        if (named_before(b, r))
            continue;
        int taken = 0;
        for (size_t k = r->first; k < r->end && !taken; k++)
            taken = b->used[k] & USED_MASK;
        if (taken)
            continue;
        attribution a;
        no_attribution(&a);
        a.confidence = 0.3;
        qrec *q = new_quote(b, LEDE_QUOTE_DIRECT, &a, sentence_of(b, r->first));
        if (q)
            add_chain(b, q, i);
    }
}

/* ------------------------------------------------------------------ */
/* Indirect and mixed quotes                                           */

/* Can a reported clause begin at token k ("the plan", "it", "NATO", "20")? */
static int clause_starts(const builder *b, size_t k)
{
    if (k >= b->ntok)
        return 0;
    const lede_token *t = tk(b, k);
    if (t->kind == LEDE_TOKEN_NUMBER || token_is_quote(t))
        return 1;
    if (t->kind != LEDE_TOKEN_WORD)
        return 0;
    if ((t->flags & LEDE_TOKEN_CAPITALIZED) || is_determiner(b, k) || lex(b, k, &lexicon_pronouns))
        return 1;
    const char *apostrophe = memchr(t->norm, '\'', t->norm_len);
    if (apostrophe && lexicon_get(&lexicon_pronouns, t->norm, (size_t)(apostrophe - t->norm)))
        return 1; /* "he's", "they're" */
    return quote_word(t, QW_CLAUSE_OPENER);
}

/* A clause that starts with a bare noun: "said rents had jumped", "said
 * company leaders had paid": lower-case words, then an auxiliary within
 * three words. */
static int bare_clause(const builder *b, size_t k, size_t end)
{
    if (!is_lower_word(b, k) || lex(b, k, &lexicon_function_words) ||
        lexicon_get(&lexicon_cue_verbs, tk(b, k)->norm, tk(b, k)->norm_len))
        return 0;
    for (size_t j = k + 1; j < end && j - k <= 3; j++) {
        if (!is_lower_word(b, j))
            return 0;
        if (lex(b, j, &lexicon_function_words) == FUNCTION_AUX && !is_adverb(b, j))
            return 1;
    }
    return 0;
}

/* Does [first, end) hold a quote mark that opens? Then the quote is mixed.
 * pair_marks() has flagged those marks (OPENING_MARK) in the paragraphs whose
 * quotes are read, the only ones asked: eight flags are read at a time. */
static int holds_marks(const builder *b, size_t first, size_t end)
{
    const unsigned char *used = b->used;
    size_t k = first;
    for (uint64_t eight; k + 8 <= end; k += 8) {
        memcpy(&eight, used + k, 8);
        if (eight & OPENING_MARK * UINT64_C(0x0101010101010101))
            return 1;
    }
    for (; k < end; k++)
        if (used[k] & OPENING_MARK)
            return 1;
    return 0;
}

static void emit_indirect(builder *b, attribution *a, long value, size_t f1, size_t e1, size_t f2,
                          size_t e2)
{
    int mixed = holds_marks(b, f1, e1) || (f2 < e2 && holds_marks(b, f2, e2));
    a->confidence = value == CUE_SPEECH || value == CUE_ACCORDING ? 0.75
                    : value == CUE_BELIEF                         ? 0.6
                                                                  : 0.4;
    if (mixed && value != CUE_WEAK)
        a->confidence = a->speaker != LEDE_NONE ? 0.95 : 0.9;
    /* f1 is in the sentence of the cue: its index is known */
    qrec *q = new_quote(b, mixed ? LEDE_QUOTE_MIXED : LEDE_QUOTE_INDIRECT, a, b->sentence);
    if (!q)
        return;
    add_fragment(b, q, f1, e1);
    if (f2 < e2)
        add_fragment(b, q, f2, e2);
    if (q->q.fragment_count == 0)
        b->quotes.count--; /* nothing left of the content */
}

/* The words after a cue up to "that", when only a short phrase stands
 * between ("said in a statement that", "told reporters on Tuesday that").
 * The words are first read up to a "that" or a comma: most cues have
 * neither near, and their clause begins at k whatever the words are, so only
 * the phrase before one is looked up. */
static size_t skip_to_that(const builder *b, size_t k, size_t end, int belief, int *has_that)
{
    *has_that = 0;
    size_t j = k;
    for (; j < end && j - k <= LEAD_WINDOW; j++) {
        if (word_is(b, j, "that") || is_char(b, j, ','))
            break;
        if (!is_word(b, j) && tk(b, j)->kind != LEDE_TOKEN_NUMBER)
            return k;
    }
    if (j >= end || j - k > LEAD_WINDOW)
        return k;
    for (size_t i = k; i < j; i++) {
        /* the clause has begun; its "that" is no complementizer */
        if (quote_word(tk(b, i), QW_CLAUSE_BEGUN))
            return k;
        if (belief && word_is(b, i, "to"))
            return k; /* "hoping to avoid the shortages that …" */
    }
    if (word_is(b, j, "that")) {
        *has_that = 1;
        return j + 1;
    }
    if (j + 1 < end) {
        /* "said, per a translator, that": a parenthesis before "that" */
        size_t close = j + 1;
        while (close < end && close - j <= LEAD_WINDOW && is_word(b, close))
            close++;
        if (is_char(b, close, ',') && word_is(b, close + 1, "that")) {
            *has_that = 1;
            return close + 2;
        }
    }
    return k;
}

/* The first token in [k, end) that is part of a quote (b->used), or end.
 * Most of the tokens after a cue are none: eight flags are read at a time
 * while all are clear. */
static size_t first_used(const unsigned char *used, size_t k, size_t end)
{
    for (uint64_t eight; k + 8 <= end; k += 8) {
        memcpy(&eight, used + k, 8);
        if (eight & USED_MASK * UINT64_C(0x0101010101010101))
            break;
    }
    while (k < end && !(used[k] & USED_MASK))
        k++;
    return k;
}

/* The end of the content of the sentence [sf, se): before its final
 * punctuation and quote marks. Kept in *ce, LEDE_NONE until it is first
 * asked: most cues find no speaker, and need no end. */
static size_t content_end(const builder *b, size_t sf, size_t se, size_t *ce)
{
    if (*ce == LEDE_NONE) {
        size_t end = se;
        while (end > sf && (is_terminal(b, end - 1) || token_is_quote(tk(b, end - 1))))
            end--;
        *ce = end;
    }
    return *ce;
}

/* The indirect or mixed quote of the cue at c (cue_at(): value, lemma, cend)
 * in the sentence [sf, se), its content's end kept in *cep (content_end()). */
static void read_cue(builder *b, size_t c, long value, const char *lemma, size_t cend, size_t sf,
                     size_t se, size_t *cep)
{
    attribution a;
    no_attribution(&a);
    set_cue(&a, c, cend, lemma, value);
    if (value == CUE_ACCORDING) {
        if (!subject_after(b, cend, se, &a))
            return;
        size_t ce = content_end(b, sf, se, cep);
        size_t np_end = clause_end(b, cend, se);
        a.clause_first = c;
        a.clause_end = np_end;
        if (c >= sf + 2 && is_char(b, c - 1, ','))
            emit_indirect(b, &a, value, sf, c - 1, np_end + 1, np_end < ce ? ce : np_end);
        else if (np_end + 3 < ce && is_char(b, np_end, ','))
            emit_indirect(b, &a, value, np_end + 1, ce, 0, 0);
        return;
    }
    int inverted = 0, borrowed = 0;
    if (!cue_subject(b, c, sf, &a)) {
        if (borrows_subject(b, c, sf) && sentence_subject(b, sf, c, &a)) {
            a.subject_first = c;
            borrowed = 1; /* the clause before is no content */
        } else if (c > sf &&
                   (is_char(b, c - 1, ',') ||
                    (c > sf + 1 && token_is_quote(tk(b, c - 1)) && is_char(b, c - 2, ','))) &&
                   subject_after(b, cend, se, &a)) {
            inverted = 1; /* "C, said X" */
            a.subject_first = c;
        } else {
            return;
        }
    }
    if (a.subject_first < sf)
        return;
    size_t ce = content_end(b, sf, se, cep);
    /* the speaker's words take in the honorific or title before them */
    for (int n = 0; n < NP_MAX && a.subject_first > sf; n++) {
        size_t j = a.subject_first - 1;
        if (!(is_cap_word(b, j) || lex(b, j, &lexicon_titles) ||
              (is_char(b, j, '.') && !(tk(b, j)->flags & LEDE_TOKEN_SPACE_BEFORE))))
            break;
        a.subject_first = j;
    }
    size_t k = addressee_after(b, cend, se, &a);
    int has_that = 0;
    k = skip_to_that(b, k, ce, value != CUE_SPEECH, &has_that);
    if (!has_that && is_char(b, k, ':'))
        k++;
    a.clause_first = a.subject_first;
    a.clause_end = has_that ? k : cend;
    size_t comma = a.subject_first > sf ? a.subject_first - 1 : LEDE_NONE;
    if (comma != LEDE_NONE && comma > sf && token_is_quote(tk(b, comma)) &&
        is_char(b, comma - 1, ','))
        comma--; /* "… may be “strategic,” said X" */
    int comma_before = comma != LEDE_NONE && is_char(b, comma, ',') && comma > sf;
    size_t right_end = first_used(b->used, k, ce); /* never into a quote read before */
    if (!inverted && (has_that || clause_starts(b, k) || bare_clause(b, k, right_end)) &&
        right_end > k + 2) {
        emit_indirect(b, &a, value, k, right_end, 0, 0);
        return;
    }
    if (!comma_before || value == CUE_WEAK || borrowed)
        return;
    size_t after = inverted ? clause_end(b, cend, se) : clause_end(b, k, se);
    if (after >= ce || inverted) { /* "C, X said.", "C, said X, his title." */
        a.clause_end = after;
        emit_indirect(b, &a, value, sf, comma, 0, 0);
    } else if (!inverted && is_char(b, after, ',') && after + 3 < ce) { /* "C, he said, C" */
        a.clause_end = after + 1;
        emit_indirect(b, &a, value, sf, comma, after + 1, ce);
    }
}

/* The next word inside the marks of a region, from token *from of region
 * *from_region on, that may_be_cue(), or LEDE_NONE after the last: those
 * that pair_marks() did not list. A region that is part of a quote is
 * passed over whole: its words are all taken (add_fragment()). */
static size_t next_quoted_cue(const builder *b, size_t *from_region, size_t *from)
{
    const region *regions = b->regions.items;
    size_t i = *from;
    for (size_t r = *from_region; r < b->regions.count; r++) {
        if (regions[r].used)
            continue;
        if (i < regions[r].first)
            i = regions[r].first;
        for (; i < regions[r].end; i++) {
            const lede_token *t = tk(b, i);
            /* (a token taken stays taken: read_indirect() would pass it) */
            if (!(b->used[i] & USED_MASK) && t->kind == LEDE_TOKEN_WORD && may_be_cue_of(b, t)) {
                *from_region = r;
                *from = i + 1;
                return i;
            }
        }
    }
    *from_region = b->regions.count;
    return LEDE_NONE;
}

/* The cues of each sentence, from the words that may be cues in text order
 * (those pair_marks() listed, merged with those inside the marks of the
 * regions that no quote took): most of those words are no cue, and are
 * turned away by the lookup alone; only for a cue is its sentence found, by
 * moving on through the sentences (all of them hold the words of the
 * paragraphs that pair_marks() read). */
static void read_indirect(builder *b)
{
    const lede_doc *doc = b->doc;
    const lede_sentence *sentences = doc->sentences.items;
    size_t nsent = doc->sentences.count, s = 0;
    size_t sf = 0, se = 0, ce = LEDE_NONE; /* the sentence of the last cue */
    int reads = 0;                         /* and whether its quotes are read */
    size_t region = 0, k = 0, quoted = next_quoted_cue(b, &region, &k);
    for (const size_t *cue = b->cues.items, *last = cue + b->cues.count;;) {
        size_t c;
        if (cue < last && *cue < quoted) {
            c = *cue++;
        } else if (quoted != LEDE_NONE) {
            c = quoted;
            quoted = next_quoted_cue(b, &region, &k);
        } else {
            break;
        }
        const char *lemma;
        size_t cend;
        long value;
        if ((b->used[c] & USED_MASK) || (value = cue_read(b, c, &lemma, &cend)) == 0)
            continue;
        if (c >= se) { /* the first sentence that ends after the cue */
            while (s < nsent && sentences[s].token_first + sentences[s].token_count <= c)
                s++;
            if (s == nsent)
                break;
            sf = sentences[s].token_first;
            se = sf + sentences[s].token_count;
            b->sentence = s;
            ce = LEDE_NONE;
            reads = reads_quotes(DOC_PARAGRAPH(doc, sentences[s].paragraph)->kind);
            if (reads)
                enter_paragraph(b, sentences[s].paragraph);
        }
        if (c < sf || !reads)
            continue;
        read_cue(b, c, value, lemma, cend, sf, se, &ce);
        if (b->failed)
            break;
    }
}

/* ------------------------------------------------------------------ */
/* Publishing                                                          */

/* Does quote a come before quote b in the document's order: by where they
 * begin, then by when they were read? */
static int quote_before(const qrec *a, const qrec *b)
{
    if (a->q.span.begin != b->q.span.begin)
        return a->q.span.begin < b->q.span.begin;
    return a->frag_first < b->frag_first;
}

/* The end of the run of quotes in order that begins at order[lo]. */
static size_t run_end(const qrec *q, const size_t *order, size_t lo, size_t n)
{
    size_t k = lo + 1;
    while (k < n && !quote_before(&q[order[k]], &q[order[k - 1]]))
        k++;
    return k;
}

/* The indices of the n quotes in the document's order, in `order` or in
 * `spare` (n each): the one returned. Each pass of the layer adds its
 * quotes nearly in text order, so the array is a few runs in order, and
 * runs side by side are merged until one is left: fewer steps than a sort
 * that knows nothing of the runs (qsort() before), and as stable as the
 * merge sort that glibc's qsort() is, so quotes that tie keep the order in
 * which they were read. */
static size_t *sort_quotes(const qrec *q, size_t n, size_t *order, size_t *spare)
{
    for (size_t k = 0; k < n; k++)
        order[k] = k;
    for (size_t runs = 2; runs > 1;) {
        runs = 0;
        for (size_t lo = 0; lo < n; runs++) {
            size_t mid = run_end(q, order, lo, n), hi = mid < n ? run_end(q, order, mid, n) : n;
            /* the left run's quote first unless the right one's comes
             * before it */
            size_t i = lo, j = mid, out = lo;
            while (i < mid && j < hi)
                spare[out++] = quote_before(&q[order[j]], &q[order[i]]) ? order[j++] : order[i++];
            while (i < mid)
                spare[out++] = order[i++];
            while (j < hi)
                spare[out++] = order[j++];
            lo = hi;
        }
        size_t *merged = spare;
        spare = order;
        order = merged;
    }
    return order;
}

static lede_status publish(builder *b)
{
    lede_doc *doc = b->doc;
    size_t n = b->quotes.count;
    const qrec *q = b->quotes.items;
    if (vec_reserve_exact(&doc->arena, &doc->quotes, n) ||
        vec_reserve_exact(&doc->arena, &doc->quote_fragment_first, n) ||
        vec_reserve_exact(&doc->arena, &doc->quote_fragments, b->frags.count))
        return LEDE_ERR_NOMEM;
    if (n == 0)
        return LEDE_OK;
    /* the order's two arrays are the arena's last objects, given back at
     * the end */
    arena_mark mark = arena_save(&doc->arena);
    size_t *order = arena_alloc(&doc->arena, 2 * n * sizeof *order);
    if (!order)
        return LEDE_ERR_NOMEM;
    order = sort_quotes(q, n, order, order + n);
    size_t slot = 0;
    for (size_t k = 0; k < n; k++) {
        const qrec *r = &q[order[k]];
        VEC_AT(doc->quotes, lede_quote, k) = r->q;
        VEC_AT(doc->quote_fragment_first, size_t, k) = slot;
        memcpy(&VEC_AT(doc->quote_fragments, lede_span, slot),
               &VEC_AT(b->frags, lede_span, r->frag_first),
               r->q.fragment_count * sizeof(lede_span));
        slot += r->q.fragment_count;
        if (r->q.speaker < doc->speakers.count)
            VEC_AT(doc->speakers, lede_speaker, r->q.speaker).quote_count++;
    }
    doc->quotes.count = doc->quote_fragment_first.count = n;
    doc->quote_fragments.count = slot;
    arena_rewind(&doc->arena, mark);
    return LEDE_OK;
}

lede_status quote_build(lede_doc *doc)
{
    builder b;
    memset(&b, 0, sizeof b);
    b.doc = doc;
    b.tok = doc->tokens.items;
    b.ntok = doc->tokens.count;
    vec_init(&b.regions, sizeof(region));
    vec_init(&b.quotes, sizeof(qrec));
    vec_init(&b.frags, sizeof(lede_span));
    vec_init(&b.cues, sizeof(size_t));
    vec_init(&b.used_store, 1);
    /* about one token in eight passes may_be_cue() in news: room for that
     * many, so that the list grows for only part of the documents (more
     * room would put the longest articles over their memory budget);
     * `used` has a byte per token */
    size_t flags = b.ntok ? b.ntok : 1;
    if (vec_reserve_exact(&doc->arena, &b.used_store, flags) != 0 ||
        vec_reserve_exact(&doc->arena, &b.cues, b.ntok / 8 + 16) != 0)
        return error_set(LEDE_ERR_NOMEM, "out of memory");
    b.used = b.used_store.items;
    memset(b.used, 0, flags);
    size_t pending = LEDE_NONE; /* a region that goes on in the next paragraph */
    size_t np = doc->paragraphs.count;
    for (size_t p = 0; p < np && !b.failed; p++) {
        if (!reads_quotes(DOC_PARAGRAPH(doc, p)->kind)) {
            pending = LEDE_NONE;
            continue;
        }
        para_info info = enter_paragraph(&b, p), next = {0, 0};
        if (p + 1 < np && reads_quotes(DOC_PARAGRAPH(doc, p + 1)->kind))
            next = para_at(doc, p + 1);
        size_t before = b.regions.count;
        size_t open = pair_marks(&b, p, next.first, next.end);
        if (pending != LEDE_NONE && b.regions.count > before &&
            reg(&b, before)->open == info.first) {
            reg(&b, pending)->next = before;
            reg(&b, before)->continued = 1;
        }
        pending = open;
    }
    if (!b.failed)
        read_direct(&b);
    if (!b.failed)
        read_indirect(&b);
    if (!b.failed)
        read_context_mixed(&b);
    if (!b.failed)
        read_unattributed(&b);
    /* The builder's arrays are not part of the document: those publish()
     * does not read go before it allocates the public arrays. */
    vec_release(&doc->arena, &b.cues);
    vec_release(&doc->arena, &b.used_store);
    vec_release(&doc->arena, &b.regions);
    b.used = NULL;
    if (b.failed || doc->arena.failed || publish(&b) != LEDE_OK)
        return error_set(LEDE_ERR_NOMEM, "out of memory");
    vec_release(&doc->arena, &b.quotes);
    vec_release(&doc->arena, &b.frags);
    return LEDE_OK;
}
