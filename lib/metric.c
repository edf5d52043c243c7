/* The metric layer: percentages, money, counts, quantities, ranges,
 * ordinals, dates and durations that the sentences state.
 *
 * One pass over the tokens of each sentence, left to right. At each token
 * the layer tries, in order:
 *
 * 1. a date: "2025-03-26", "March 26", "26 March 2025", "in June",
 *    "Wednesday", "last year", "mid-2025", "the 1990s", "Q3", "FY2024";
 *    relative ones are resolved against the document date, looking back or
 *    forward as the nearest tense cue of the sentence says;
 * 2. a quantity: an optional currency in front ("$", "US$", "USD", "Rs"),
 *    a number (lib/number.c: digits, words, fractions, scale words), an
 *    optional second number that makes a range ("$10-$20", "8 to 10
 *    million", "between 2% and 3%"), then what follows: a percent sign or
 *    word, percentage or basis points, a currency name or code, a unit, a
 *    time unit (a duration, or a date with "ago"), or a noun that says what
 *    is counted;
 * 3. an ordinal ("third", "21st").
 *
 * What is not a quantity is refused before ranges and units attach: codes
 * and model numbers after a capitalized word ("Boeing 737", "Windows 11"),
 * numbers after "No.", "Section" or "#", phone numbers and other digit
 * strings with several dashes or leading zeros, dotted codes, times of day,
 * scores ("3-1"), and years, which become dates.
 *
 * The words in front of a number give its qualification ("more than",
 * "up to") and the verb before it, or the noun after it, the direction of
 * a change ("rose", "a 3% drop"). The subject is the noun phrase after "of",
 * the noun right after a percentage or an amount ("the 2% target"), what is
 * counted, or the words before a verb of change ("defense spending rose").
 *
 * Every lookup is a hash lookup over at most a few tokens and every search
 * back or forward is bounded, so the layer is linear in the tokens. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "doc.h"
#include "lexicon.h"
#include "number.h"
#include "text.h"
#include "token.h"

enum {
    PHRASE_MAX = 5,      /* tokens in a multi-word lexicon key */
    PHRASE_BYTES = 96,   /* bytes of such a key */
    CHANGE_LOOKBACK = 4, /* tokens between a verb of change and its number */
    SUBJECT_WORDS = 3,   /* words of a subject */
    TENSE_WINDOW = 12    /* tokens searched each way for a tense cue */
};

/* Values of data/metric_cues.txt. */
enum {
    CUE_ABOUT = 1,
    CUE_MORE_THAN = 2,
    CUE_AT_LEAST = 3,
    CUE_AT_MOST = 5,
    CUE_UP_TO = 6,
    CUE_LESS_THAN = 7,
    CUE_UP = 10,
    CUE_DOWN = 11,
    CUE_LABEL = 20,
    CUE_NOT_COUNTED = 21
};
enum { CURRENCY_SYMBOL = 1, CURRENCY_CODE = 2, CURRENCY_NAME = 3, CURRENCY_MINOR = 4 };
enum { UNIT_TEMPERATURE = 4, UNIT_TIME = 9 };
enum { TENSE_NONE = 0, TENSE_FUTURE = 1, TENSE_PAST = 2 };

/* Classes of data/metric_starts.txt (bits). */
enum {
    START_OTHER = 1,
    START_ARTICLE = 2,
    START_RELATIVE = 4,
    START_NUMBER = 8,
    START_MONTH = 16,
    START_WEEKDAY = 32,
    START_HOLIDAY = 64,
    START_UNKNOWN = 127 /* what a reader passes when it has not asked */
};

/* Splits of number tokens (number_scan_token()) already made: the same
 * token is asked about by several readers in turn. Direct-mapped on the
 * token index. */
enum { SCAN_MEMO = 4 };
typedef struct scan_memo {
    size_t index[SCAN_MEMO]; /* token index + 1; 0 when empty */
    int ok[SCAN_MEMO];
    number_token nt[SCAN_MEMO];
} scan_memo;

/* Lookups of single tokens in data/metric_cues.txt already made, prefix
 * entries included: the words before a number are asked about by the cue,
 * change, label and subject readers in turn. Direct-mapped on the token
 * index. */
enum { CUE_MEMO = 16 };
typedef struct cue_memo {
    size_t index[CUE_MEMO]; /* token index + 1; 0 when empty */
    const lexicon_entry *entry[CUE_MEMO];
} cue_memo;

typedef struct reader {
    lede_doc *doc;
    scan_memo *memo;
    cue_memo *cues;
    const lede_token *tok;
    size_t first, end; /* tokens of the sentence */
    size_t sentence;
    size_t run_end;       /* read_run(): the end of the sentences it reads */
    size_t clear;         /* the text holds no '-' from the word next_candidate() last
                           * searched from up to this byte (0: no search yet) */
    int year, month, day; /* the document date; year 0 when there is none */
    int failed;
} reader;

/* The per-token helpers run for nearly every token: always inline, so
 * token_is_word() sees its literal. */
#define METRIC_INLINE inline __attribute__((always_inline))

/* The fields of a lede_metric that the readers fill, under the names of
 * the public struct; emit() writes the others (span, unit, dates,
 * sentence, quote, speaker: nearly half of it). The enums and the bits of
 * `has` are small numbers, a byte each. clear_found() zeroes a found once
 * or twice for each candidate, and these are most of it. */
typedef struct found_metric {
    uint8_t kind;   /* lede_metric_kind */
    uint8_t approx; /* lede_approx */
    uint8_t has;    /* LEDE_METRIC_HAS_* */
    uint8_t change; /* lede_change */
    uint8_t grain;  /* lede_grain */
    uint8_t mod;    /* lede_mod */
    double value, low, high;
    const char *currency;
    size_t currency_len;
    const char *subject;
    size_t subject_len;
} found_metric;

/* A metric being read: the fields the readers fill plus its tokens; 120
 * bytes, eight sixteen-byte stores for clear_found(). */
typedef struct found {
    found_metric m;
    size_t first, end;
    const char *unit; /* a static or lexicon string, or a token's text */
    size_t unit_len;
    char date[11], date_end[11];
    unsigned char subject_is_unit; /* what is counted is what is measured */
    unsigned char ratio;           /* "seven out of 10 regions": a proportion of the counted noun */
} found;
_Static_assert(sizeof(found) <= 128, "clear_found() zeroes a found in eight stores");

/* Zero f. The compiler writes memset() of a found as a string
 * instruction ("rep stos"), which is slow to start and whose end is
 * a branch mispredicted in valgrind's model, and read_run() clears
 * one or two founds for each candidate: sixteen-byte stores instead, where
 * the compiler has vectors. */
static METRIC_INLINE void clear_found(found *f)
{
#if defined(__GNUC__)
    typedef unsigned char bytes16 __attribute__((vector_size(16)));
    const bytes16 zero = {0};
    unsigned char *p = (unsigned char *)f;
    /* unrolled whole, before the compiler can make the loop a memset() */
#pragma GCC unroll 16
    for (size_t k = 0; k + 16 <= sizeof *f; k += 16)
        memcpy(p + k, &zero, 16);
    memcpy(p + sizeof *f - 16, &zero, 16); /* the tail, overlapping */
#else
    memset(f, 0, sizeof *f);
#endif
}

/* ------------------------------------------------------------------ */
/* Tokens and phrases                                                  */

static METRIC_INLINE const lede_token *tk(const reader *r, size_t i)
{
    return &r->tok[i];
}

static METRIC_INLINE int is_word(const reader *r, size_t i)
{
    return i < r->end && tk(r, i)->kind == LEDE_TOKEN_WORD;
}

static METRIC_INLINE int word_eq(const reader *r, size_t i, const char *w)
{
    return i < r->end && i >= r->first && token_is_word(tk(r, i), w);
}

static METRIC_INLINE int glued(const reader *r, size_t i)
{
    return !(tk(r, i)->flags & LEDE_TOKEN_SPACE_BEFORE);
}

static METRIC_INLINE int is_lower_word(const reader *r, size_t i)
{
    if (!is_word(r, i))
        return 0;
    unsigned char c = (unsigned char)tk(r, i)->norm[0];
    return c >= 'a' && c <= 'z';
}

/* Do the 8 bytes loaded from a word hold a '-'? (The bit trick that
 * finds a zero byte in a word, applied to the bytes xor '-'.) */
static METRIC_INLINE int dash_in8(uint64_t x)
{
    x ^= 0x2d2d2d2d2d2d2d2dull;
    return ((x - 0x0101010101010101ull) & ~x & 0x8080808080808080ull) != 0;
}

/* Does s[0, n) hold a '-'? Every word the layer passes over is asked, and
 * few hold one: whole words are tested a few bytes at a time (overlapping
 * loads, never past n), a word of four to eight bytes in one test of its
 * first and last four bytes together. */
static METRIC_INLINE int has_dash(const char *s, size_t n)
{
    if (n > 8) {
        uint64_t a, b;
        int any = 0;
        for (size_t k = 0; k + 8 < n && !any; k += 8) {
            memcpy(&a, s + k, 8);
            any = dash_in8(a);
        }
        memcpy(&b, s + n - 8, 8);
        return any | dash_in8(b);
    }
    if (n >= 4) {
        uint32_t a, b;
        memcpy(&a, s, 4);
        memcpy(&b, s + n - 4, 4);
        return dash_in8((uint64_t)a | (uint64_t)b << 32);
    }
    return (n > 0 && s[0] == '-') || (n > 1 && s[1] == '-') || (n > 2 && s[2] == '-');
}

/* The length of the first hyphen-separated piece of s[0, n): n when there
 * is no '-'; memchr() finds the hyphen only where one is. */
static METRIC_INLINE size_t first_piece_len(const char *s, size_t n)
{
    if (!has_dash(s, n))
        return n;
    return (size_t)((const char *)memchr(s, '-', n) - s);
}

/* The entry of token i alone in data/metric_cues.txt, a prefix entry
 * included, or NULL. */
static METRIC_INLINE const lexicon_entry *cue_entry(const reader *r, size_t i)
{
    cue_memo *m = r->cues;
    size_t slot = i % CUE_MEMO;
    if (m->index[slot] != i + 1) {
        const lede_token *t = tk(r, i);
        m->entry[slot] = lexicon_lookup(&lexicon_metric_cues, t->norm, t->norm_len);
        m->index[slot] = i + 1;
    }
    return m->entry[slot];
}

/* Is token t's normalized form its own text, unchanged (most tokens are)? */
static METRIC_INLINE int norm_is_text(const reader *r, const lede_token *t)
{
    return t->norm == r->doc->text + t->span.begin && t->norm_len == t->span.end - t->span.begin;
}

/* Does token k begin with a byte that no key of `lx` (one of the lexicons
 * phrase() reads: currencies, units, holidays, metric_cues) holds? A
 * longer key cannot go on with it then, glued or not: the punctuation
 * after many amounts and units ("5%,", "10 km)", "Christmas,"), and the
 * digits after a currency sign ("$5"; only units hold a digit, the "2" of
 * "km2", and only they no "."). test_metric checks it. */
static METRIC_INLINE int goes_on_no_key(const reader *r, const lexicon *lx, size_t k)
{
    if (k >= r->end || tk(r, k)->norm_len == 0)
        return 0;
    unsigned char c = (unsigned char)tk(r, k)->norm[0];
    if (c >= '0' && c <= '9')
        return lx != &lexicon_units;
    if (c == '.')
        return lx == &lexicon_units; /* the others hold abbreviations: "Rs.", "no." */
    return c == ',' || c == ';' || c == ':' || c == ')' || c == '%' || c == '!' || c == '?' ||
           c == '"';
}

/* phrase() the long way, token by token: for a token that begins a longer
 * key or has a token glued to it. The key joined so far is read where the
 * text spells it, while the tokens are their own text with nothing or one
 * space between them as the key has it; it is copied only past that.
 * `first` is the entry of token i alone when phrase() has looked it up
 * already, NULL when it has not (or found none). */
static const lexicon_entry *phrase_from(const reader *r, const lexicon *lx, size_t i, size_t *end,
                                        const lexicon_entry *first)
{
    char buf[PHRASE_BYTES];
    const char *key = tk(r, i)->norm; /* the text, or buf once copied */
    int in_text = norm_is_text(r, tk(r, i));
    size_t len = 0;
    const lexicon_entry *best = NULL;
    for (size_t k = i; k < r->end && k < i + PHRASE_MAX; k++) {
        const lede_token *t = tk(r, k);
        int space = k > i && (t->flags & LEDE_TOKEN_SPACE_BEFORE);
        size_t need = t->norm_len + (size_t)space;
        if (len + need >= sizeof buf)
            break;
        const lexicon_entry *e;
        if (k == i) {
            /* the first token is looked up where it is: most phrases are
             * no key, or end there */
            e = first                        ? first
                : lx == &lexicon_metric_cues ? cue_entry(r, i)
                                             : lexicon_lookup(lx, t->norm, t->norm_len);
            len = t->norm_len;
        } else {
            /* while the key is text, the token goes on with it where its
             * own text comes next in the text (a pointer into the text
             * equal to one past the key is the token's text) */
            if (key != buf &&
                !(in_text && t->norm == key + len + space && (!space || key[len] == ' '))) {
                memcpy(buf, key, len);
                key = buf;
            }
            if (key == buf) {
                if (space)
                    buf[len] = ' ';
                memcpy(buf + len + (size_t)space, t->norm, t->norm_len);
            }
            len += need;
            e = lexicon_lookup(lx, key, len);
        }
        if (e && e->value) {
            best = e;
            *end = k + 1;
        }
        /* a longer key goes on with a word ("per cent") or a glued piece
         * ("km" "/" "h", "°" "C") */
        int next_glued = k + 1 < r->end && !(tk(r, k + 1)->flags & LEDE_TOKEN_SPACE_BEFORE);
        if ((!(e && e->prefix) && !next_glued) || goes_on_no_key(r, lx, k + 1))
            break;
    }
    return best;
}

/* The longest key of `lx` spelt by tokens from i on (joined by a space where
 * the text has space, directly otherwise: "km/h", "US$", "per cent"). Most
 * tokens asked about begin no longer key and have space after them: their
 * own lookup answers, without phrase_from(). */
static METRIC_INLINE const lexicon_entry *phrase(const reader *r, const lexicon *lx, size_t i,
                                                 size_t *end)
{
    if (i >= r->end)
        return NULL;
    const lede_token *t = tk(r, i);
    int next_glued = i + 1 < r->end && !(tk(r, i + 1)->flags & LEDE_TOKEN_SPACE_BEFORE);
    int alone = goes_on_no_key(r, lx, i + 1); /* the key, if any, is the token's */
    if ((next_glued && !alone) || t->norm_len >= PHRASE_BYTES)
        return phrase_from(r, lx, i, end, NULL);
    const lexicon_entry *e = lx == &lexicon_metric_cues ? cue_entry(r, i)
                                                        : lexicon_lookup(lx, t->norm, t->norm_len);
    if (e && e->prefix && !alone)
        return phrase_from(r, lx, i, end, e); /* which need not look it up again */
    if (!e || !e->value)
        return NULL;
    *end = i + 1;
    return e;
}

/* Can a key of data/metric_cues.txt hold byte c? The keys are words,
 * spaces, "." and a few signs ("~", "<=", "\u2265"): no digit, "$", "(" or
 * first byte of "\u00a3", with which what a cue stands before mostly
 * begins (test_metric checks it). */
static METRIC_INLINE int cue_may_hold_byte(unsigned char c)
{
    return !((c >= '0' && c <= '9') || c == '$' || c == '(' || c == 0xC2);
}

/* Does no key of data/metric_cues.txt go on with token i, whatever ends
 * before it? */
static METRIC_INLINE int no_cue_goes_on(const reader *r, size_t i)
{
    return i >= r->end || tk(r, i)->norm_len == 0 ||
           !cue_may_hold_byte((unsigned char)tk(r, i)->norm[0]);
}

/* Can word t end a cue of several words, after a space: is it the last
 * word of a key of data/metric_cues.txt with a space ("more than", "up
 * to", "in excess of", "as many as", "at most", "at least", "an
 * estimated")? test_metric checks that these are all. */
static METRIC_INLINE int ends_longer_cue(const lede_token *t)
{
    switch (t->norm_len) {
    case 2:
        return token_is_word(t, "to") || token_is_word(t, "of") || token_is_word(t, "as");
    case 4:
        return token_is_word(t, "than") || token_is_word(t, "most");
    case 5:
        return token_is_word(t, "least");
    case 9:
        return token_is_word(t, "estimated");
    default:
        return 0;
    }
}

/* A cue of data/metric_cues.txt that ends right before token i; its first
 * token in *start.
 *
 * A cue of two tokens or more that starts at token k is the key the tokens
 * [k, i) join to; where they are their own text, one space or nothing
 * apart, that key is the text from k to i, and the lexicon's filter turns
 * most such strings away without a lookup of any of their words.
 *
 * What phrase() would find from token k is the longest key from there: the
 * key of [k, i) itself (it reaches it, as every word-prefix of a key is a
 * prefix entry and glued tokens are read on anyway) unless a longer one
 * goes on past i. None can where that key begins no longer one and token i
 * is not glued to it, nor where token i begins with a byte no key holds
 * (the digits, "$", "\u00a3" that follow most cues). So the key of [k, i),
 * where it is at hand (a word's own entry, or the text), answers, and
 * phrase() is asked only in the few other cases ("in three"): words that
 * begin longer cues ("in", "a", "at", "more") were read on by phrase_from()
 * for nothing otherwise. Not inline: within read_quantity(), its one
 * caller, the compiler ran out of registers for it. */
static __attribute__((noinline)) const lexicon_entry *cue_before(const reader *r, size_t i,
                                                                 size_t *start)
{
    const lexicon *lx = &lexicon_metric_cues;
    const lexicon_entry *best = NULL;
    if (i <= r->first)
        return NULL;
    /* a cue of several tokens ends in one glued to the token before it
     * ("no."), or in the last word of a key with a space: before others,
     * the word's own entry is the only key that can end at i, and the loop
     * below for it alone comes down to this */
    if (!glued(r, i - 1) && !ends_longer_cue(tk(r, i - 1))) {
        const lexicon_entry *key = cue_entry(r, i - 1);
        if (!key || !key->value)
            return NULL;
        if ((!key->prefix && !glued(r, i)) || no_cue_goes_on(r, i)) {
            *start = i - 1;
            return key;
        }
        size_t end = 0;
        const lexicon_entry *e = phrase(r, lx, i - 1, &end);
        if (!e || end != i)
            return NULL;
        *start = i - 1;
        return e;
    }
    const char *text = r->doc->text;
    size_t stop = tk(r, i - 1)->span.end;
    int in_text = norm_is_text(r, tk(r, i - 1)); /* the key is text[.., stop) */
    for (size_t back = 1; back <= PHRASE_MAX && back <= i - r->first; back++) {
        size_t end = 0;
        const lede_token *t = tk(r, i - back);
        if (back > 1 && in_text) {
            size_t gap = t[1].span.begin - t->span.end;
            in_text = norm_is_text(r, t) && (gap == 0 || (gap == 1 && text[t->span.end] == ' '));
            if (in_text && (stop - t->span.begin >= PHRASE_BYTES ||
                            !lexicon_may_hold(lx, text + t->span.begin, stop - t->span.begin)))
                continue; /* no key, or too long a one for phrase_from() */
        }
        const lexicon_entry *key = NULL; /* the entry of the key of [i - back, i) */
        if (!glued(r, i - back + 1)) {
            /* a token that begins no longer cue, with space after it: a
             * cue of its own or none, as phrase() would find */
            key = cue_entry(r, i - back);
            if (!(key && key->prefix)) {
                if (back == 1 && key && key->value) {
                    best = key;
                    *start = i - 1;
                }
                continue;
            }
            if (back > 1)
                key = NULL; /* the entry of the first word, not of the key */
        }
        int known = 1;
        if (back == 1)
            key = key ? key : cue_entry(r, i - 1);
        else if (in_text)
            key = lexicon_hash_probe(lx, text + t->span.begin, stop - t->span.begin);
        else
            known = 0;
        if (known) {
            if (!key || !key->value)
                continue;
            if (no_cue_goes_on(r, i) || (!key->prefix && !glued(r, i))) {
                best = key;
                *start = i - back;
                continue;
            }
        }
        const lexicon_entry *e = phrase(r, lx, i - back, &end);
        if (e && end == i) {
            best = e;
            *start = i - back;
        }
    }
    return best;
}

static METRIC_INLINE long cue_value(const reader *r, size_t i)
{
    if (i < r->first || i >= r->end)
        return 0;
    const lexicon_entry *e = cue_entry(r, i);
    return e ? e->value : 0;
}

/* The split of number token i, or NULL when it is no number token or
 * splits into none. The pointer stays valid until a token in the same slot
 * of the memo (i ± a multiple of SCAN_MEMO) is split. */
static const number_token *scan_at(const reader *r, size_t i)
{
    scan_memo *m = r->memo;
    size_t slot = i % SCAN_MEMO;
    if (m->index[slot] != i + 1) {
        const lede_token *t = tk(r, i);
        m->ok[slot] = t->kind == LEDE_TOKEN_NUMBER &&
                      number_scan_token(t->norm, t->norm_len, &m->nt[slot]);
        m->index[slot] = i + 1;
    }
    return m->ok[slot] ? &m->nt[slot] : NULL;
}

/* The split of token i for number_read(): the memo's, when token i is a
 * number token that splits. */
static const number_token *split_at(const reader *r, size_t i)
{
    return tk(r, i)->kind == LEDE_TOKEN_NUMBER ? scan_at(r, i) : NULL;
}

/* ------------------------------------------------------------------ */
/* Calendar                                                            */

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static long days_from_date(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void date_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* ISO weekday, Monday 1 ... Sunday 7. */
static int weekday_of(long days)
{
    long w = (days + 3) % 7; /* 1970-01-01 was a Thursday */
    if (w < 0)
        w += 7;
    return (int)w + 1;
}

static void put_digits(char *out, int value, int width)
{
    for (int k = width - 1; k >= 0; k--) {
        out[k] = (char)('0' + value % 10);
        value /= 10;
    }
}

/* "YYYY", "YYYY-MM" or "YYYY-MM-DD" (m or d 0 leave them out) into 11 bytes. */
static void put_date(char *out, int y, int m, int d)
{
    if (y < 0 || y > 9999 || m < 0 || m > 12 || d < 0 || d > 31) {
        out[0] = '\0';
        return;
    }
    put_digits(out, y, 4);
    size_t n = 4;
    if (m) {
        out[n++] = '-';
        put_digits(out + n, m, 2);
        n += 2;
        if (d) {
            out[n++] = '-';
            put_digits(out + n, d, 2);
            n += 2;
        }
    }
    out[n] = '\0';
}

static void set_day(found *f, long days)
{
    int y, m, d;
    date_from_days(days, &y, &m, &d);
    put_date(f->date, y, m, d);
    f->m.grain = LEDE_GRAIN_DAY;
}

static void set_week(found *f, long days)
{
    long monday = days - (weekday_of(days) - 1);
    int y, m, d;
    date_from_days(monday, &y, &m, &d);
    put_date(f->date, y, m, d);
    date_from_days(monday + 6, &y, &m, &d);
    put_date(f->date_end, y, m, d);
    f->m.grain = LEDE_GRAIN_WEEK;
}

/* Bring month *m into 1..12, carrying whole years into *y. */
static void carry_months(int *y, int *m)
{
    while (*m < 1) {
        *m += 12;
        (*y)--;
    }
    while (*m > 12) {
        *m -= 12;
        (*y)++;
    }
}

static void set_month(found *f, int y, int m)
{
    carry_months(&y, &m);
    put_date(f->date, y, m, 0);
    f->m.grain = LEDE_GRAIN_MONTH;
}

static void set_quarter(found *f, int y, int q)
{
    put_date(f->date, y, 3 * q - 2, 0);
    put_date(f->date_end, y, 3 * q, 0);
    f->m.grain = LEDE_GRAIN_QUARTER;
}

static void set_year(found *f, int y)
{
    put_date(f->date, y, 0, 0);
    f->m.grain = LEDE_GRAIN_YEAR;
}

static void set_decade(found *f, int y)
{
    put_date(f->date, y, 0, 0);
    put_date(f->date_end, y + 9, 0, 0);
    f->m.grain = LEDE_GRAIN_DECADE;
}

static long doc_days(const reader *r)
{
    return days_from_date(r->year, r->month, r->day);
}

/* Does the sentence look forward or back from token i? The nearest tense
 * cue wins; a word ending in "-ed" counts as past. */
static int tense_near(const reader *r, size_t i)
{
    for (size_t dist = 1; dist <= TENSE_WINDOW; dist++) {
        for (int side = 0; side < 2; side++) {
            size_t k;
            if (side == 0) {
                if (i + dist >= r->end)
                    continue;
                k = i + dist;
            } else {
                if (i < r->first + dist)
                    continue;
                k = i - dist;
            }
            const lede_token *t = tk(r, k);
            if (t->kind != LEDE_TOKEN_WORD)
                continue;
            long v = token_lexicon(t, &lexicon_tense_cues);
            if (!v && t->norm_len >= 5 && t->norm[t->norm_len - 2] == 'e' &&
                t->norm[t->norm_len - 1] == 'd' && is_lower_word(r, k))
                v = TENSE_PAST;
            /* "will be held": a participle after "be" has no tense of its own */
            if (v == TENSE_PAST && k > r->first && word_eq(r, k - 1, "be"))
                continue;
            if (v)
                return (int)v;
        }
    }
    return TENSE_NONE;
}

/* The year of a month named without one. */
static int year_of_month(const reader *r, int month, size_t at, int relative)
{
    int tense = relative ? relative : tense_near(r, at);
    if (tense == TENSE_FUTURE && month < r->month)
        return r->year + 1;
    if (tense == TENSE_PAST && month > r->month)
        return r->year - 1;
    return r->year;
}

/* ------------------------------------------------------------------ */
/* Dates                                                               */

static METRIC_INLINE int day_at(const reader *r, size_t i);
static int year_at(const reader *r, size_t i);
static int counted_after(const reader *r, size_t k);

/* The token after a month's name at i, past the period of an abbreviation
 * that a day or a year follows ("Dec. 31, 1994", "Sept. 2025"). */
static size_t month_next(const reader *r, size_t i)
{
    size_t k = i + 1;
    if (k + 1 < r->end && token_is_char(tk(r, k), '.') && glued(r, k) && tk(r, i)->norm_len <= 4 &&
        (day_at(r, k + 1) || year_at(r, k + 1)))
        k++;
    return k;
}

/* month_at() of a word. */
static int month_word_at(const reader *r, size_t i)
{
    const lede_token *t = tk(r, i);
    long m = token_lexicon(t, &lexicon_months);
    if (!m)
        return 0;
    int cap = (t->flags & LEDE_TOKEN_CAPITALIZED) != 0;
    /* "may", "march" and the short forms are words too, unless a year
     * follows ("nov 2023") or, but for "may" and "march", a day ("jun 14") */
    int may_march = token_is_word(t, "march") || token_is_word(t, "may");
    size_t k = month_next(r, i);
    int year = year_at(r, k), day = !may_march && day_at(r, k);
    if ((t->norm_len <= 4 || may_march) && !cap && !year && !day)
        return 0;
    if (token_is_word(t, "may") && !year && !day_at(r, k) &&
        (i == r->first || word_eq(r, i + 1, "be") || word_eq(r, i + 1, "not") ||
         word_eq(r, i + 1, "have")))
        return 0;
    return (int)m;
}

/* The month named at token i, 1 to 12; 0 when none. The dates ask it
 * of numbers and punctuation too: those are turned away without a call. */
static METRIC_INLINE int month_at(const reader *r, size_t i)
{
    return is_word(r, i) ? month_word_at(r, i) : 0;
}

static int weekday_at(const reader *r, size_t i)
{
    if (!is_word(r, i))
        return 0;
    const lede_token *t = tk(r, i);
    long w = token_lexicon(t, &lexicon_weekdays);
    if (!w)
        return 0;
    if (t->norm_len <= 4 && !(t->flags & LEDE_TOKEN_CAPITALIZED))
        return 0;
    return (int)w;
}

/* day_at() of a number token. */
static int number_day_at(const reader *r, size_t i)
{
    const number_token *nt = scan_at(r, i);
    if (!nt || nt->bad || nt->parts != 1 || nt->year)
        return 0;
    const number_part *p = &nt->part[0];
    if (p->decimals || p->grouped || p->digits > 2 || p->value < 1 || p->value > 31)
        return 0;
    if (p->suffix_len && !(p->suffix_len == 2 &&
                           (memcmp(p->suffix, "st", 2) == 0 || memcmp(p->suffix, "nd", 2) == 0 ||
                            memcmp(p->suffix, "rd", 2) == 0 || memcmp(p->suffix, "th", 2) == 0)))
        return 0;
    return (int)p->value;
}

/* A day of the month at token i: "26", "26th"; 0 when none. The dates
 * ask it of words too: those are turned away without a call. */
static METRIC_INLINE int day_at(const reader *r, size_t i)
{
    return i < r->end && tk(r, i)->kind == LEDE_TOKEN_NUMBER ? number_day_at(r, i) : 0;
}

/* A year at token i: four plain digits, 1000-2199. */
static int year_at(const reader *r, size_t i)
{
    if (i >= r->end || tk(r, i)->kind != LEDE_TOKEN_NUMBER || tk(r, i)->norm_len != 4)
        return 0;
    const char *s = tk(r, i)->norm;
    int y = 0;
    for (int k = 0; k < 4; k++) {
        if (s[k] < '0' || s[k] > '9')
            return 0;
        y = y * 10 + (s[k] - '0');
    }
    return y >= 1000 && y < 2200 ? y : 0;
}

/* "early", "mid", "late", "the end of", ... before token i: the mod and
 * the first token of the words. */
static int mod_before(const reader *r, size_t i, size_t *start)
{
    if (i <= r->first)
        return 0;
    /* the first letter of the word before (case folded, as token_is_word()
     * compares) picks the words to compare: most dates have none of them
     * before */
    const lede_token *t = tk(r, i - 1);
    int mod = 0;
    switch (t->norm_len ? t->norm[0] | 0x20 : 0) {
    case 'e':
        mod = word_eq(r, i - 1, "early") || word_eq(r, i - 1, "earlier") ? LEDE_MOD_EARLY : 0;
        break;
    case 'm':
        mod = word_eq(r, i - 1, "mid") || word_eq(r, i - 1, "middle") ? LEDE_MOD_MID : 0;
        break;
    case 'l':
        mod = word_eq(r, i - 1, "late") || word_eq(r, i - 1, "later") ? LEDE_MOD_LATE : 0;
        break;
    case 'o':
        if (i >= r->first + 2 && word_eq(r, i - 1, "of")) {
            /* "the end of", "the start of" */
            size_t k = i - 2;
            if (word_eq(r, k, "end"))
                mod = LEDE_MOD_END;
            else if (word_eq(r, k, "start") || word_eq(r, k, "beginning"))
                mod = LEDE_MOD_START;
            else if (word_eq(r, k, "middle"))
                mod = LEDE_MOD_MID;
            if (mod)
                *start = k > r->first && word_eq(r, k - 1, "the") ? k - 1 : k;
            return mod;
        }
        return 0;
    default:
        return 0;
    }
    if (mod)
        *start = i - 1;
    return mod;
}

/* Is byte c a letter, in either ASCII case, whose bit the mask `letters`
 * sets ('a' bit 0, 'b' bit 1, ...)? A word of a fixed list can match a
 * token only if the token's first letter is one of the list's first
 * letters: the mask of those turns most tokens away before the list is
 * compared. */
static METRIC_INLINE int letter_in(uint32_t letters, char c)
{
    unsigned folded = ((unsigned char)c | 0x20u) - 'a';
    return folded < 26 && ((letters >> folded) & 1);
}

/* prefix_is() of a prefix of n bytes. */
static METRIC_INLINE int prefix_n_is(const char *s, size_t len, const char *prefix, size_t n)
{
    if (len < n)
        return 0;
    for (size_t k = 0; k < n; k++)
        if ((char)(s[k] | 0x20) != prefix[k] && s[k] != prefix[k])
            return 0;
    return 1;
}

/* A fixed word and its length, for the tables of words that are compared
 * with many tokens. */
typedef struct sized_word {
    const char *w;
    size_t n;
} sized_word;
/* {SIZED("word")}: the members of a sized_word for a string literal */
#define SIZED(literal) literal, sizeof literal - 1

/* Lists of fixed words compared with many tokens, as X-macros (X(word) for
 * each word), so that a table of the words and the mask of their first
 * letters for letter_in() are made from one list: with X = SIZED_ITEM or
 * STRING_ITEM an item of a table of sized words or of strings, with
 * LETTER_BIT the bit of the word's first letter (lower case) and "|" (the
 * list is followed by 0). */
#define SIZED_ITEM(literal) {SIZED(literal)},
#define STRING_ITEM(literal) literal,
#define LETTER_BIT(literal) (1u << ((literal)[0] - 'a')) |

/* clang-format off */
/* words of business or the economy (business_near()) */
#define BUSINESS_WORDS(X) \
    X("profit") X("profits") X("earnings") X("revenue") X("revenues") \
    X("sales") X("results") X("loss") X("losses") X("growth") X("gdp") \
    X("economy") X("output") X("quarterly") X("fiscal") X("inflation") \
    X("company") X("shares") X("income") X("margin") X("deliveries") \
    X("economic")
/* stems of verbs of rescheduling (rescheduled_before()) */
#define RESCHEDULE_STEMS(X) \
    X("mov") X("postpon") X("delay") X("push") X("shift") X("resch") \
    X("chang") X("brought") X("bring") X("switch") X("bump") X("extend") \
    X("advanc") X("pull")
/* auxiliaries, which are no nouns (noun_like()) */
#define AUXILIARIES(X) \
    X("are") X("was") X("were") X("been") X("has") X("have") X("had") \
    X("will") X("would") X("could") X("should") X("may") X("might") \
    X("can") X("not")
/* clang-format on */

/* Always inline: most callers pass a literal, whose length the compiler
 * then knows. */
static METRIC_INLINE int prefix_is(const char *s, size_t len, const char *prefix)
{
    return prefix_n_is(s, len, prefix, strlen(prefix));
}

/* "mid-2025", "early-June": a word token "<mod>-<rest>"; the mod and the
 * rest. */
static int glued_mod(const lede_token *t, const char **rest, size_t *rest_len)
{
    static const struct {
        const char *w;
        int mod;
    } mods[] = {{"mid-", LEDE_MOD_MID}, {"early-", LEDE_MOD_EARLY}, {"late-", LEDE_MOD_LATE}};
    /* most words begin with none of the three letters */
    char c = (char)(t->norm_len ? t->norm[0] | 0x20 : 0);
    if (c != 'm' && c != 'e' && c != 'l')
        return 0;
    for (size_t k = 0; k < sizeof mods / sizeof *mods; k++) {
        size_t n = strlen(mods[k].w);
        if (t->norm_len > n && prefix_is(t->norm, t->norm_len, mods[k].w)) {
            *rest = t->norm + n;
            *rest_len = t->norm_len - n;
            return mods[k].mod;
        }
    }
    return 0;
}

static int unit_grain(const char *unit, size_t len)
{
    if (len == 3 && memcmp(unit, "day", 3) == 0)
        return LEDE_GRAIN_DAY;
    if (len == 4 && memcmp(unit, "week", 4) == 0)
        return LEDE_GRAIN_WEEK;
    if (len == 5 && memcmp(unit, "month", 5) == 0)
        return LEDE_GRAIN_MONTH;
    if (len == 7 && memcmp(unit, "quarter", 7) == 0)
        return LEDE_GRAIN_QUARTER;
    if (len == 4 && memcmp(unit, "year", 4) == 0)
        return LEDE_GRAIN_YEAR;
    if (len == 6 && memcmp(unit, "decade", 6) == 0)
        return LEDE_GRAIN_DECADE;
    return 0;
}

/* Set a date `n` units of `grain` away from the document date. */
static void shift_date(const reader *r, found *f, int grain, long n)
{
    switch (grain) {
    case LEDE_GRAIN_DAY:
        set_day(f, doc_days(r) + n);
        break;
    case LEDE_GRAIN_WEEK:
        set_week(f, doc_days(r) + 7 * n);
        break;
    case LEDE_GRAIN_MONTH:
        set_month(f, r->year, r->month + (int)n);
        break;
    case LEDE_GRAIN_QUARTER: {
        long q = (r->month - 1) / 3 + n;
        int y = r->year;
        while (q < 0) {
            q += 4;
            y--;
        }
        while (q > 3) {
            q -= 4;
            y++;
        }
        set_quarter(f, y, (int)q + 1);
        break;
    }
    case LEDE_GRAIN_YEAR:
        set_year(f, r->year + (int)n);
        break;
    case LEDE_GRAIN_DECADE:
        set_decade(f, (r->year / 10 + (int)n) * 10);
        break;
    default:
        break;
    }
    f->m.grain = grain;
}

/* A month at token i, with what may follow it: a day and a year. */
static int read_month_date(const reader *r, size_t i, found *f)
{
    int month = month_at(r, i);
    if (!month)
        return 0;
    size_t k = month_next(r, i);
    int day = day_at(r, k);
    if (day && !(k + 1 < r->end && tk(r, k + 1)->kind == LEDE_TOKEN_NUMBER && !year_at(r, k + 1) &&
                 !token_is_char(tk(r, k + 1), ',')))
        k++;
    else
        day = 0;
    size_t y_at = k;
    if (y_at < r->end && token_is_char(tk(r, y_at), ',') && year_at(r, y_at + 1))
        y_at++;
    else if (!day && word_eq(r, y_at, "of") && year_at(r, y_at + 1))
        y_at++; /* "June of 1992" */
    int year = year_at(r, y_at);
    if (year)
        k = y_at + 1;
    else if (!day)
        k = i + 1;
    /* "26 March 2025": the day in front */
    f->first = i;
    if (!day && i > r->first && day_at(r, i - 1) && !glued(r, i)) {
        day = day_at(r, i - 1);
        f->first = i - 1;
        if (f->first > r->first + 1 && word_eq(r, f->first - 1, "the"))
            f->first--;
    } else if (!day && i >= r->first + 2 && word_eq(r, i - 1, "of") && day_at(r, i - 2)) {
        day = day_at(r, i - 2);
        f->first = i - 2;
    }
    if (day > text_days_in_month(year ? year : 2000, month))
        return 0;
    /* a month on its own needs to look like a date: "in June", "June's",
     * "the June summit"; "May" alone stays a name */
    if (!day && !year) {
        int ok = 0;
        if (i > r->first) {
            const lede_token *p = tk(r, i - 1);
            ok = token_is_word(p, "in") || token_is_word(p, "since") || token_is_word(p, "by") ||
                 token_is_word(p, "until") || token_is_word(p, "of") || token_is_word(p, "from") ||
                 token_is_word(p, "the") || token_is_word(p, "this") || token_is_word(p, "last") ||
                 token_is_word(p, "next") || token_is_word(p, "early") ||
                 token_is_word(p, "late") || token_is_word(p, "mid") ||
                 token_is_word(p, "through") || token_is_word(p, "before") ||
                 token_is_word(p, "after") || token_is_word(p, "during") ||
                 token_is_word(p, "to") || token_is_word(p, "and") || token_is_word(p, "or") ||
                 token_is_word(p, "'s") || token_is_word(p, "on") || token_is_char(p, ',') ||
                 token_is_word(p, "upcoming") || token_is_word(p, "coming") ||
                 token_is_word(p, "past") || token_is_word(p, "for");
        }
        if (!ok && tk(r, i)->norm_len > 3 && !token_is_word(tk(r, i), "may") &&
            !token_is_word(tk(r, i), "march") && !token_is_word(tk(r, i), "august"))
            ok = 1;
        if (!ok)
            return 0;
    }
    f->end = k;
    int relative = 0;
    if (f->first > r->first) {
        if (word_eq(r, f->first - 1, "last") || word_eq(r, f->first - 1, "past")) {
            relative = TENSE_PAST;
            f->first--;
        } else if (word_eq(r, f->first - 1, "next") || word_eq(r, f->first - 1, "coming")) {
            relative = TENSE_FUTURE;
            f->first--;
        } else if (word_eq(r, f->first - 1, "this")) {
            f->first--;
        }
    }
    if (!year) {
        if (!r->year) {
            f->m.grain = day ? LEDE_GRAIN_DAY : LEDE_GRAIN_MONTH;
            return 1;
        }
        if (relative == TENSE_PAST)
            year = month >= r->month ? r->year - 1 : r->year;
        else if (relative == TENSE_FUTURE)
            year = month <= r->month ? r->year + 1 : r->year;
        else
            year = year_of_month(r, month, i, 0);
    }
    if (day) {
        put_date(f->date, year, month, day);
        f->m.grain = LEDE_GRAIN_DAY;
    } else {
        set_month(f, year, month);
    }
    return 1;
}

/* A weekday at token i, resolved by the tense around it; "Wednesday,
 * March 26" reads as the stated date. */
static int read_weekday(const reader *r, size_t i, found *f)
{
    int wd = weekday_at(r, i);
    if (!wd)
        return 0;
    size_t k = i + 1;
    if (k < r->end && token_is_char(tk(r, k), ','))
        k++;
    if (month_at(r, k) && (day_at(r, k + 1) || year_at(r, k + 1))) {
        if (read_month_date(r, k, f)) {
            f->first = i;
            return 1;
        }
    }
    f->first = i;
    f->end = i + 1;
    int relative = 0, this_week = 0;
    if (i > r->first) {
        if (word_eq(r, i - 1, "last") || word_eq(r, i - 1, "past")) {
            relative = TENSE_PAST;
            f->first--;
        } else if (word_eq(r, i - 1, "next") || word_eq(r, i - 1, "coming")) {
            relative = TENSE_FUTURE;
            f->first--;
        } else if (word_eq(r, i - 1, "this")) {
            this_week = 1; /* "this Friday": the Friday of this week */
            f->first--;
        }
    }
    /* "Tuesday next week", "Friday of last week": the day of that week */
    size_t w = word_eq(r, i + 1, "of") ? i + 2 : i + 1;
    long weeks = 0;
    int of_week = !relative && !this_week && word_eq(r, w + 1, "week") &&
                  (word_eq(r, w, "next") || word_eq(r, w, "last") || word_eq(r, w, "this"));
    if (of_week) {
        weeks = word_eq(r, w, "next") ? 1 : word_eq(r, w, "last") ? -1 : 0;
        f->end = w + 2;
    }
    /* "Friday the 15th", "Wed 13th": the nearest such day */
    size_t d_at = word_eq(r, i + 1, "the") ? i + 2 : i + 1;
    int mday = !relative && !of_week ? day_at(r, d_at) : 0;
    if (mday &&
        !(d_at > i + 1 || isalpha((unsigned char)tk(r, d_at)->norm[tk(r, d_at)->norm_len - 1])))
        mday = 0;
    if (mday)
        f->end = d_at + 1;
    f->m.grain = LEDE_GRAIN_DAY;
    if (!r->year)
        return 1;
    long today = doc_days(r);
    int wd0 = weekday_of(today);
    if (of_week || this_week) {
        set_day(f, today - (wd0 - 1) + 7 * weeks + (wd - 1));
        return 1;
    }
    int tense = relative ? relative : tense_near(r, i);
    if (mday) {
        /* the month, within a year each way, whose day falls on the
         * weekday: the last before the document date in a sentence that
         * looks back, the next in one that looks forward, else the
         * nearest */
        long best = 0, best_dist = 0;
        for (int dm = -13; dm <= 13; dm++) {
            int y = r->year, m = r->month + dm;
            carry_months(&y, &m);
            if (mday > text_days_in_month(y, m))
                continue;
            long days = days_from_date(y, m, mday);
            if (weekday_of(days) != wd || (tense == TENSE_PAST && days > today) ||
                (tense == TENSE_FUTURE && days < today))
                continue;
            long dist = days > today ? days - today : today - days;
            if (!best_dist || dist < best_dist) {
                best = days;
                best_dist = dist + 1;
            }
        }
        if (best_dist)
            set_day(f, best);
        return 1;
    }
    long delta;
    if (tense == TENSE_FUTURE) {
        delta = (wd - wd0 + 7) % 7;
        if (relative == TENSE_FUTURE && delta == 0)
            delta = 7;
    } else {
        delta = -((wd0 - wd + 7) % 7);
        if (relative == TENSE_PAST && delta == 0)
            delta = -7;
    }
    set_day(f, today + delta);
    return 1;
}

/* The first month of a season named at token i (northern hemisphere:
 * spring March, summer June, autumn or fall September, winter December);
 * 0 when none. */
static int season_at(const reader *r, size_t i)
{
    if (!is_word(r, i))
        return 0;
    const lede_token *t = tk(r, i);
    if (token_is_word(t, "spring"))
        return 3;
    if (token_is_word(t, "summer"))
        return 6;
    if (token_is_word(t, "autumn") || token_is_word(t, "fall"))
        return 9;
    if (token_is_word(t, "winter"))
        return 12;
    return 0;
}

/* "this summer", "last winter", "next spring", "spring 2024", "the summer
 * of 2024", "in the autumn": the three months of a season (winter from
 * December to February of the next year; "winter 2024" begins in December
 * 2024), grain month. "this" is the season of the document's year (the
 * winter under way in January and February), or the one before in a
 * sentence that looks back on one not begun; "last" the latest that has
 * ended, "next" the first not begun. A season without one of these or a
 * year needs "in", "during", "over", "by", "until" or "through" before it,
 * and no noun after it ("summer camps"). */
static int read_season(const reader *r, size_t i, found *f)
{
    int rel = 0; /* 1 this, 2 last, 3 next */
    size_t s = i;
    if (word_eq(r, i, "this") || word_eq(r, i, "current"))
        rel = 1;
    else if (word_eq(r, i, "last") || word_eq(r, i, "past") || word_eq(r, i, "previous"))
        rel = 2;
    else if (word_eq(r, i, "next") || word_eq(r, i, "coming"))
        rel = 3;
    if (rel)
        s = i + 1;
    int sm = season_at(r, s);
    if (!sm)
        return 0;
    size_t y_at = word_eq(r, s + 1, "of") ? s + 2 : s + 1;
    int year = rel ? 0 : year_at(r, y_at);
    size_t first = rel ? i : s, end = year ? y_at + 1 : s + 1;
    if (!rel && !year) {
        size_t p = s > r->first && word_eq(r, s - 1, "the") ? s - 1 : s;
        /* "in early summer" */
        size_t q = p > r->first && (word_eq(r, p - 1, "early") || word_eq(r, p - 1, "late") ||
                                    word_eq(r, p - 1, "mid"))
                       ? p - 1
                       : p;
        if (q <= r->first || word_eq(r, s + 1, "of") || token_is_word(tk(r, s), "fall"))
            return 0;
        if (!(word_eq(r, q - 1, "in") || word_eq(r, q - 1, "during") || word_eq(r, q - 1, "over") ||
              word_eq(r, q - 1, "by") || word_eq(r, q - 1, "until") ||
              word_eq(r, q - 1, "through") || word_eq(r, q - 1, "since")))
            return 0;
        if (is_lower_word(r, s + 1) && !token_lexicon(tk(r, s + 1), &lexicon_tense_cues)) {
            static const char *const ok[] = {
                "and", "or", "when", "as",      "before", "after", "to",  "for",  "with",   "is",
                "at",  "in", "on",   "because", "while",  "but",   "the", "amid", "despite"};
            int fine = 0;
            for (size_t w = 0; w < sizeof ok / sizeof *ok; w++)
                fine |= word_eq(r, s + 1, ok[w]);
            if (!fine)
                return 0;
        }
        first = p;
    } else if (!rel && s > r->first && word_eq(r, s - 1, "the")) {
        first = s - 1;
    }
    if (rel && (word_eq(r, s + 1, "of") || (is_lower_word(r, s + 1) && counted_after(r, s + 1))))
        return 0; /* "last summer's", fine; "next summer sales", no */
    f->first = first;
    f->end = end;
    f->m.grain = LEDE_GRAIN_MONTH;
    int y = year;
    if (!y) {
        if (!r->year)
            return 1;
        /* the season of the document's year, and where the document
         * date lies against it, in months */
        int y0 = sm == 12 && r->month <= 2 ? r->year - 1 : r->year;
        long now = (long)r->year * 12 + r->month, from = (long)y0 * 12 + sm;
        int ended = now > from + 2, begun = now >= from;
        int tense = rel == 1 || rel == 0 ? tense_near(r, s) : TENSE_NONE;
        if (rel == 2)
            y = ended ? y0 : y0 - 1;
        else if (rel == 3)
            y = begun ? y0 + 1 : y0;
        else if (!begun && tense == TENSE_PAST)
            y = y0 - 1;
        else if (ended && tense == TENSE_FUTURE)
            y = y0 + 1;
        else
            y = y0;
    }
    put_date(f->date, y, sm, 0);
    put_date(f->date_end, sm == 12 ? y + 1 : y, sm == 12 ? 2 : sm + 2, 0);
    return 1;
}

/* "last year", "this week", "next month", "yesterday", "early next year". */
static int read_relative(const reader *r, size_t i, found *f)
{
    const lede_token *t = tk(r, i);
    if (t->kind != LEDE_TOKEN_WORD)
        return 0;
    /* Every word read here and in read_season() at token i ("this",
     * "current", "last", "past", "previous", "next", "coming", "yesterday",
     * "today", "tomorrow", the seasons) begins with one of these letters
     * (case folded, as token_is_word() compares) */
    switch (t->norm_len ? t->norm[0] | 0x20 : 0) {
    case 'a':
    case 'c':
    case 'f':
    case 'l':
    case 'n':
    case 'p':
    case 's':
    case 't':
    case 'w':
    case 'y':
        break;
    default:
        return 0;
    }
    if (read_season(r, i, f))
        return 1;
    f->first = i;
    if (token_is_word(t, "yesterday") || token_is_word(t, "today") ||
        token_is_word(t, "tomorrow")) {
        f->end = i + 1;
        f->m.grain = LEDE_GRAIN_DAY;
        if (r->year)
            shift_date(r, f, LEDE_GRAIN_DAY,
                       token_is_word(t, "yesterday") ? -1
                       : token_is_word(t, "today")   ? 0
                                                     : 1);
        return 1;
    }
    long n;
    if (token_is_word(t, "last") || token_is_word(t, "past") || token_is_word(t, "previous"))
        n = -1;
    else if (token_is_word(t, "this") || token_is_word(t, "current"))
        n = 0;
    else if (token_is_word(t, "next") || token_is_word(t, "coming"))
        n = 1;
    else
        return 0;
    if (i + 1 >= r->end || !is_word(r, i + 1))
        return 0;
    const lede_token *u = tk(r, i + 1);
    int grain = 0;
    if (token_is_word(u, "week") || token_is_word(u, "weekend"))
        grain = LEDE_GRAIN_WEEK;
    else if (token_is_word(u, "month"))
        grain = LEDE_GRAIN_MONTH;
    else if (token_is_word(u, "quarter"))
        grain = LEDE_GRAIN_QUARTER;
    else if (token_is_word(u, "year"))
        grain = LEDE_GRAIN_YEAR;
    else if (token_is_word(u, "decade"))
        grain = LEDE_GRAIN_DECADE;
    if (!grain)
        return 0;
    /* "the past year" and "the last decade" are spans, not the one before */
    if (n == -1 && token_is_word(t, "past"))
        return 0;
    f->end = i + 2;
    f->m.grain = grain;
    if (r->year)
        shift_date(r, f, grain, n);
    return 1;
}

/* "Q3", "Q3 2025", "FY2024", "FY 2024", "FY24". */
static int read_code_date(const reader *r, size_t i, found *f)
{
    const lede_token *t = tk(r, i);
    if (t->kind != LEDE_TOKEN_WORD || t->norm_len < 2)
        return 0;
    const char *s = t->norm;
    f->first = i;
    if ((s[0] == 'Q' || s[0] == 'q') && t->norm_len == 2 && s[1] >= '1' && s[1] <= '4' &&
        (t->flags & LEDE_TOKEN_CAPITALIZED)) {
        int q = s[1] - '0';
        int y = year_at(r, i + 1);
        f->end = y ? i + 2 : i + 1;
        f->m.grain = LEDE_GRAIN_QUARTER;
        if (y || r->year)
            set_quarter(f, y ? y : r->year, q);
        return 1;
    }
    if (t->norm_len >= 2 && (s[0] == 'F') && (s[1] == 'Y')) {
        int y = 0;
        if (t->norm_len == 6 || t->norm_len == 4) {
            for (size_t k = 2; k < t->norm_len; k++) {
                if (s[k] < '0' || s[k] > '9')
                    return 0;
                y = y * 10 + (s[k] - '0');
            }
            if (t->norm_len == 4)
                y += 2000;
            f->end = i + 1;
        } else if (t->norm_len == 2 && (y = year_at(r, i + 1)) != 0) {
            f->end = i + 2;
        } else {
            return 0;
        }
        set_year(f, y);
        return 1;
    }
    return 0;
}

/* 1 ... 4 of an ordinal written "first" ... "fourth" or "1st" ... "4th"
 * (the first `len` bytes of s); 0 when it is none. */
static int small_ordinal(const char *s, size_t len)
{
    /* "first" ... "fourth" have five or six letters, "1st" ... "4th"
     * three characters: the length picks the forms to compare */
    switch (len) {
    case 3:
        return prefix_is(s, len, "1st")   ? 1
               : prefix_is(s, len, "2nd") ? 2
               : prefix_is(s, len, "3rd") ? 3
               : prefix_is(s, len, "4th") ? 4
                                          : 0;
    case 5:
        return prefix_is(s, len, "first") ? 1 : prefix_is(s, len, "third") ? 3 : 0;
    case 6:
        return prefix_is(s, len, "second") ? 2 : prefix_is(s, len, "fourth") ? 4 : 0;
    default:
        return 0;
    }
}

/* Is a word of business or the economy near token i? A quarter or a half
 * without a year is one of a company's or a country's year there, and more
 * likely one of a game elsewhere ("scored in the fourth quarter"). */
static int business_near(const reader *r, size_t i)
{
    /* most words begin with a letter none of these begins with, and are
     * passed over without a comparison */
    static const sized_word words[] = {BUSINESS_WORDS(SIZED_ITEM)};
    const uint32_t letters = BUSINESS_WORDS(LETTER_BIT) 0;
    size_t lo = i > r->first + 2 * TENSE_WINDOW ? i - 2 * TENSE_WINDOW : r->first;
    size_t hi = i + 2 * TENSE_WINDOW < r->end ? i + 2 * TENSE_WINDOW : r->end;
    for (size_t k = lo; k < hi; k++) {
        if (tk(r, k)->kind != LEDE_TOKEN_WORD || tk(r, k)->norm_len < 3 ||
            !letter_in(letters, tk(r, k)->norm[0]))
            continue;
        /* the first piece of a hyphenated word ("profit-taking"); the
         * lengths of the words, known here, turn most of them away */
        size_t len = first_piece_len(tk(r, k)->norm, tk(r, k)->norm_len);
        for (size_t w = 0; w < sizeof words / sizeof *words; w++)
            if (words[w].n == len && prefix_n_is(tk(r, k)->norm, len, words[w].w, len))
                return 1;
    }
    return 0;
}

/* read_part_of_year() of a token of one of the lengths it reads. */
static int part_of_year_at(const reader *r, size_t i, found *f)
{
    const lede_token *t = tk(r, i);
    int n = 0, half = 0;
    size_t k = i + 1;
    size_t piece = first_piece_len(t->norm, t->norm_len);
    const char *dash = piece < t->norm_len ? t->norm + piece : NULL;
    if (dash) {
        /* "third-quarter", "first-half" */
        size_t len = (size_t)(dash - t->norm), rest = t->norm_len - len - 1;
        n = small_ordinal(t->norm, len);
        if (rest == 7 && prefix_is(dash + 1, rest, "quarter"))
            half = 0;
        else if (rest == 4 && prefix_is(dash + 1, rest, "half"))
            half = 1;
        else
            return 0;
    } else if (t->norm_len == 2 && t->norm[0] == 'H' && (t->norm[1] == '1' || t->norm[1] == '2') &&
               year_at(r, i + 1)) {
        n = t->norm[1] - '0';
        half = 1;
    } else {
        n = small_ordinal(t->norm, t->norm_len);
        if (!n)
            return 0; /* as below, without looking at the words after it */
        if (word_eq(r, k, "fiscal"))
            k++;
        if (word_eq(r, k, "half"))
            half = 1;
        else if (!word_eq(r, k, "quarter"))
            return 0;
        k++;
    }
    if (!n || (half && n > 2))
        return 0;
    f->first = i > r->first && word_eq(r, i - 1, "the") ? i - 1 : i;
    size_t y_at = word_eq(r, k, "of") || (k < r->end && token_is_char(tk(r, k), ',')) ? k + 1 : k;
    int year = year_at(r, y_at);
    int shift = 0, relative = 0;
    if (year) {
        k = y_at + 1;
    } else if (word_eq(r, k, "of") && word_eq(r, k + 2, "year") &&
               (word_eq(r, k + 1, "the") || word_eq(r, k + 1, "this") ||
                word_eq(r, k + 1, "last") || word_eq(r, k + 1, "next"))) {
        /* "the first half of this year" */
        relative = 1;
        shift = word_eq(r, k + 1, "last") ? -1 : word_eq(r, k + 1, "next") ? 1 : 0;
        k += 3;
    } else if (!business_near(r, i)) {
        return 0; /* "the second half" of a game */
    }
    f->end = k;
    int first_month = half ? 6 * n - 5 : 3 * n - 2, months = half ? 6 : 3;
    if (relative && r->year) {
        year = r->year + shift;
    } else if (!year && r->year) {
        year = r->year;
        int tense = tense_near(r, i);
        if (tense == TENSE_PAST && first_month > r->month)
            year--;
        else if (tense == TENSE_FUTURE && first_month + months - 1 < r->month)
            year++;
    }
    if (!half) {
        f->m.grain = LEDE_GRAIN_QUARTER;
        if (year)
            set_quarter(f, year, n);
    } else {
        f->m.grain = LEDE_GRAIN_MONTH;
        if (year) {
            put_date(f->date, year, first_month, 0);
            put_date(f->date_end, year, first_month + 5, 0);
        }
    }
    return 1;
}

/* "the third quarter", "the first half of 2025", "third-quarter profit",
 * "the 4th quarter of 2024", "H1 2025": a quarter or a half year. Without
 * a year, the document's, or the one before in a sentence that looks back
 * on a period not begun yet. The forms read have few lengths: "H1", an
 * ordinal of three, five or six bytes ("3rd", "first", "second"), or such
 * an ordinal, a hyphen and "half" or "quarter". Most tokens asked about,
 * years among them, are turned away by their length, without a call. */
static METRIC_INLINE int read_part_of_year(const reader *r, size_t i, found *f)
{
    static const uint32_t lengths = 1u << 2 | 1u << 3 | 1u << 5 | 1u << 6 | 1u << 8 | 1u << 10 |
                                    1u << 11 | 1u << 13 | 1u << 14;
    const lede_token *t = tk(r, i);
    if ((t->kind != LEDE_TOKEN_WORD && t->kind != LEDE_TOKEN_NUMBER) || t->norm_len >= 32 ||
        !((lengths >> t->norm_len) & 1))
        return 0;
    return part_of_year_at(r, i, f);
}

/* "the 1990s", "1990s", "the '90s": a decade. */
static int read_decade(const reader *r, size_t i, found *f)
{
    const lede_token *t = tk(r, i);
    if (t->kind != LEDE_TOKEN_NUMBER)
        return 0;
    const char *s = t->norm;
    size_t n = t->norm_len;
    int y = -1;
    if (n == 5 && s[4] == 's' && s[3] == '0') {
        y = 0;
        for (int k = 0; k < 4; k++) {
            if (s[k] < '0' || s[k] > '9')
                return 0;
            y = y * 10 + (s[k] - '0');
        }
    } else if (n == 4 && s[0] == '\'' && s[3] == 's' && s[2] == '0' && s[1] >= '0' && s[1] <= '9') {
        int d = (s[1] - '0') * 10;
        y = d >= 30 ? 1900 + d : 2000 + d;
    }
    if (y < 0)
        return 0;
    f->first = i > r->first && word_eq(r, i - 1, "the") ? i - 1 : i;
    f->end = i + 1;
    set_decade(f, y);
    return 1;
}

/* Easter Sunday of year y (the Gregorian computus), in days. */
static long easter_days(int y)
{
    int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
    int g = (8 * b + 13) / 25;
    int h = (19 * a + b - d - g + 15) % 30;
    int l = (32 + 2 * e + 2 * (c / 4) - h - c % 4) % 7;
    int m = (a + 11 * h + 19 * l) / 433;
    int month = (h + l - 7 * m + 90) / 25;
    int day = (h + l - 7 * m + 33 * month + 19) % 32;
    return days_from_date(y, month, day);
}

static int rule_number(const char **s, const char *end)
{
    int sign = 1, v = 0;
    if (*s < end && (**s == '-' || **s == '+')) {
        sign = **s == '-' ? -1 : 1;
        (*s)++;
    }
    while (*s < end && **s >= '0' && **s <= '9' && v < 1000)
        v = v * 10 + (*(*s)++ - '0');
    return sign * v;
}

/* The day of a holiday in year y from its rule in data/holidays.txt:
 * "12-25", "11/4/4+1" (the day after the fourth Thursday of November),
 * "05/-1/1" (the last Monday of May), "E-2" (two days before Easter). 0
 * when the rule cannot be read. */
static int holiday_in_year(const char *rule, int y, long *days)
{
    const char *s = rule, *end = rule + strlen(rule);
    long base;
    if (y < 1583 || y > 9999)
        return 0;
    if (*s == 'E') {
        s++;
        base = easter_days(y);
    } else {
        int m = rule_number(&s, end);
        if (m < 1 || m > 12 || s >= end)
            return 0;
        if (*s == '-') {
            s++;
            int d = rule_number(&s, end);
            if (d < 1 || d > text_days_in_month(y, m))
                return 0;
            base = days_from_date(y, m, d);
        } else if (*s == '/') {
            s++;
            int n = rule_number(&s, end);
            if (s >= end || *s != '/')
                return 0;
            s++;
            int wd = rule_number(&s, end);
            if (wd < 1 || wd > 7 || n < -1 || n > 5 || n == 0)
                return 0;
            if (n > 0) {
                long first = days_from_date(y, m, 1);
                base = first + (wd - weekday_of(first) + 7) % 7 + 7 * (n - 1);
            } else {
                long last = days_from_date(y, m, text_days_in_month(y, m));
                base = last - (weekday_of(last) - wd + 7) % 7;
            }
        } else {
            return 0;
        }
    }
    if (s < end)
        base += rule_number(&s, end);
    *days = base;
    return 1;
}

/* May a holiday's name followed by token k be a date there? Not when a
 * noun follows ("a Christmas tree", "Halloween costumes"), unless a word in
 * front makes it one ("before Christmas shopping starts"). */
static int holiday_stands(const reader *r, size_t first, size_t k)
{
    static const char *const before[] = {
        "on",   "at",     "by",      "before", "after", "since", "until", "till", "over",
        "for",  "around", "through", "during", "of",    "from",  "to",    "near", "last",
        "next", "this",   "past",    "until",  "ahead", "like",  "until"};
    static const char *const after[] = {
        "and",     "or",        "is",       "falls", "in",   "on",     "at",     "to",      "for",
        "with",    "when",      "as",       "by",    "from", "until",  "since",  "before",  "after",
        "weekend", "holiday",   "holidays", "break", "week", "period", "season", "morning", "night",
        "evening", "afternoon", "eve",      "this",  "last", "next",   "day",    "that"};
    if (k >= r->end || !is_lower_word(r, k))
        return 1;
    if (token_lexicon(tk(r, k), &lexicon_tense_cues))
        return 1;
    for (size_t a = 0; a < sizeof after / sizeof *after; a++)
        if (token_is_word(tk(r, k), after[a]))
            return 1;
    if (first > r->first)
        for (size_t b = 0; b < sizeof before / sizeof *before; b++)
            if (token_is_word(tk(r, first - 1), before[b]))
                return 1;
    return 0;
}

/* A holiday at token i: "Christmas", "Thanksgiving 2024", "last Easter",
 * "Labor Day of next year", resolved against the document date like a
 * month without a year. */
static int read_holiday(const reader *r, size_t i, found *f)
{
    if (!is_word(r, i))
        return 0;
    size_t end = 0;
    const lexicon_entry *e = phrase(r, &lexicon_holidays, i, &end);
    if (!e || e->value != 1 || !e->text)
        return 0;
    /* "Lunar New Year", "Orthodox Easter": another calendar */
    if (i > r->first && is_word(r, i - 1) &&
        lexicon_get(&lexicon_holidays, tk(r, i - 1)->norm, tk(r, i - 1)->norm_len) == 2)
        return 0;
    int year = 0, shift = 0, relative = 0;
    size_t k = end;
    size_t y_at = word_eq(r, k, "of") || (k < r->end && token_is_char(tk(r, k), ',')) ? k + 1 : k;
    if ((year = year_at(r, y_at)) != 0) {
        k = y_at + 1;
    } else if (word_eq(r, y_at, "year") || !word_eq(r, y_at + 1, "year")) {
        y_at = 0;
    } else if (word_eq(r, y_at, "last") || word_eq(r, y_at, "next") || word_eq(r, y_at, "this")) {
        shift = word_eq(r, y_at, "last") ? -1 : word_eq(r, y_at, "next") ? 1 : 0;
        relative = 1;
        k = y_at + 2;
    }
    if (!year && !relative) {
        /* the words of the name are capitalized ("Labor Day", "Fourth of
         * July"), and it is not the first word of a noun phrase */
        for (size_t w = i; w < end; w++)
            if (tk(r, w)->kind == LEDE_TOKEN_WORD && tk(r, w)->norm_len > 3 &&
                !(tk(r, w)->flags & LEDE_TOKEN_CAPITALIZED))
                return 0;
        if (!holiday_stands(r, i, end))
            return 0;
    }
    f->first = i;
    f->end = k;
    f->m.grain = LEDE_GRAIN_DAY;
    int tense = TENSE_NONE;
    if (!year && !relative && i > r->first) {
        if (word_eq(r, i - 1, "last") || word_eq(r, i - 1, "past")) {
            tense = TENSE_PAST;
            relative = 2;
            f->first--;
        } else if (word_eq(r, i - 1, "next") || word_eq(r, i - 1, "coming")) {
            tense = TENSE_FUTURE;
            relative = 2;
            f->first--;
        } else if (word_eq(r, i - 1, "this")) {
            f->first--;
        }
    }
    long days;
    if (year) {
        if (holiday_in_year(e->text, year, &days))
            set_day(f, days);
        return 1;
    }
    if (!r->year)
        return 1;
    if (relative == 1) {
        if (holiday_in_year(e->text, r->year + shift, &days))
            set_day(f, days);
        return 1;
    }
    if (!holiday_in_year(e->text, r->year, &days))
        return 1;
    long today = doc_days(r);
    if (!relative)
        tense = tense_near(r, i);
    if (tense == TENSE_PAST && (days > today || (relative && days == today)))
        holiday_in_year(e->text, r->year - 1, &days);
    else if (tense == TENSE_FUTURE && (days < today || (relative && days == today)))
        holiday_in_year(e->text, r->year + 1, &days);
    set_day(f, days);
    return 1;
}

/* A date of one token or a few at token i. `starts` is what
 * word_starts_metric() said of it, or START_UNKNOWN. */
static int read_date_one(const reader *r, size_t i, long starts, found *f)
{
    const lede_token *t = tk(r, i);
    if (t->kind == LEDE_TOKEN_NUMBER) {
        const number_token *nt = scan_at(r, i);
        if (nt && nt->year) {
            f->first = i;
            f->end = i + 1;
            put_date(f->date, nt->year, nt->month, nt->day);
            f->m.grain = LEDE_GRAIN_DAY;
            return 1;
        }
        if (read_decade(r, i, f) || read_part_of_year(r, i, f))
            return 1;
        /* "26 March": the month reads the day in front of it */
        if (!day_at(r, i))
            return 0;
        if (month_at(r, i + 1) && read_month_date(r, i + 1, f))
            return 1;
        if (word_eq(r, i + 1, "of") && month_at(r, i + 2) && read_month_date(r, i + 2, f))
            return 1;
        return 0;
    }
    if (t->kind != LEDE_TOKEN_WORD)
        return 0;
    const char *rest;
    size_t rest_len;
    int gm = glued_mod(t, &rest, &rest_len);
    if (gm) {
        /* "mid-2025", "mid-June" */
        int y = 0;
        if (rest_len == 4) {
            for (size_t k = 0; k < 4; k++)
                y = rest[k] >= '0' && rest[k] <= '9' ? y * 10 + (rest[k] - '0') : -100000;
        }
        f->first = i;
        f->end = i + 1;
        f->m.mod = gm;
        if (y >= 1000 && y < 2200) {
            set_year(f, y);
            return 1;
        }
        long m = lexicon_get(&lexicon_months, rest, rest_len);
        if (m && rest_len > 3) {
            int year = year_at(r, i + 1);
            if (year)
                f->end = i + 2;
            else if (r->year)
                year = year_of_month(r, (int)m, i, 0);
            if (year)
                set_month(f, year, (int)m);
            else
                f->m.grain = LEDE_GRAIN_MONTH;
            return 1;
        }
        f->m.mod = 0;
        return 0;
    }
    /* A holiday, a weekday, a month and a relative date ("last week",
     * "summer") begin only at a word of that class in metric_starts
     * (test_metric checks that the lexicons' words are there with their
     * class, and a hyphenated word, asked about its first piece, is none
     * of them): the readers of the other classes would find nothing, and
     * would write nothing to f that read_code_date() and
     * read_part_of_year() do not write again when they read a date. */
    if (((starts & START_HOLIDAY) && read_holiday(r, i, f)) ||
        ((starts & START_WEEKDAY) && read_weekday(r, i, f)) ||
        ((starts & START_MONTH) && read_month_date(r, i, f)) ||
        ((starts & START_RELATIVE) && read_relative(r, i, f)) || read_code_date(r, i, f) ||
        read_part_of_year(r, i, f))
        return 1;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Date ranges                                                         */

/* The parts of a date that put_date wrote; how many there are (0 when
 * there is no date). */
static int date_parts(const char *s, int *y, int *m, int *d)
{
    size_t n = strlen(s);
    *y = *m = *d = 0;
    if (n != 4 && n != 7 && n != 10)
        return 0;
    *y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    if (n >= 7)
        *m = (s[5] - '0') * 10 + (s[6] - '0');
    if (n == 10)
        *d = (s[8] - '0') * 10 + (s[9] - '0');
    return n == 4 ? 1 : n == 7 ? 2 : 3;
}

/* A month, or a day of one, named without a year among tokens [a, b):
 * "June", "March 5", but not "June 2024", "last June" or "2025-06-01". Its
 * year may come from the other end of a range. */
static int month_without_year(const reader *r, size_t a, size_t b)
{
    int month = 0;
    for (size_t k = a; k < b && k < r->end; k++) {
        const lede_token *t = tk(r, k);
        if (year_at(r, k))
            return 0;
        if (t->kind == LEDE_TOKEN_NUMBER) {
            const number_token *nt = scan_at(r, k);
            if (nt && nt->year)
                return 0;
        } else if (t->kind == LEDE_TOKEN_WORD) {
            if (token_is_word(t, "last") || token_is_word(t, "next") || token_is_word(t, "this") ||
                token_is_word(t, "past") || token_is_word(t, "coming"))
                return 0;
            if (token_lexicon(t, &lexicon_months))
                month = 1;
        }
    }
    return month;
}

/* A month's name among tokens [a, b). */
static int month_named(const reader *r, size_t a, size_t b)
{
    for (size_t k = a; k < b && k < r->end; k++)
        if (tk(r, k)->kind == LEDE_TOKEN_WORD && token_lexicon(tk(r, k), &lexicon_months))
            return 1;
    return 0;
}

/* A weekday named on its own among tokens [a, b): "Monday", not "Monday,
 * March 3" or "last Monday"; its ISO number, 0 when none. */
static int bare_weekday(const reader *r, size_t a, size_t b)
{
    int wd = 0;
    for (size_t k = a; k < b && k < r->end; k++) {
        if (weekday_at(r, k))
            wd = weekday_at(r, k);
        else if (tk(r, k)->kind != LEDE_TOKEN_PUNCT)
            return 0;
    }
    return wd;
}

/* A verb of rescheduling shortly before token i: "moved the vote from
 * Tuesday to Thursday" names two dates, not a range. */
static int rescheduled_before(const reader *r, size_t i)
{
    /* most words begin with a letter none of these begins with, and are
     * passed over without a comparison */
    static const sized_word stems[] = {RESCHEDULE_STEMS(SIZED_ITEM)};
    const uint32_t letters = RESCHEDULE_STEMS(LETTER_BIT) 0;
    size_t lo = i > r->first + 8 ? i - 8 : r->first;
    for (size_t k = lo; k < i; k++) {
        if (!is_lower_word(r, k) || !letter_in(letters, tk(r, k)->norm[0]))
            continue;
        const lede_token *t = tk(r, k);
        for (size_t s = 0; s < sizeof stems / sizeof *stems; s++)
            if (stems[s].w[0] == t->norm[0] &&
                prefix_n_is(t->norm, t->norm_len, stems[s].w, stems[s].n))
                return 1;
    }
    return 0;
}

/* Does a counted noun or a unit follow at token k ("between 1500 and
 * 2000 troops")? Then the numbers are no years. */
static int counted_after(const reader *r, size_t k)
{
    if (!is_lower_word(r, k))
        return 0;
    const lede_token *t = tk(r, k);
    if (t->norm_len > 2 && lexicon_get(&lexicon_units, t->norm, t->norm_len))
        return 1; /* not "in", "m" */
    return (t->norm_len > 3 && t->norm[t->norm_len - 1] == 's' && t->norm[t->norm_len - 2] != 's' &&
            !token_lexicon(t, &lexicon_tense_cues)) ||
           token_is_word(t, "people") || token_is_word(t, "children");
}

/* Is the number at token i claimed by a capitalized word in front, as a
 * code or a name is ("Resolution 2014", "Boeing 2014-18")? */
static int labelled_year(const reader *r, size_t i)
{
    if (i <= r->first + 1)
        return 0;
    const lede_token *p = tk(r, i - 1);
    return p->kind == LEDE_TOKEN_WORD && (p->flags & LEDE_TOKEN_CAPITALIZED) &&
           !token_lexicon(p, &lexicon_months) && !token_lexicon(p, &lexicon_weekdays) &&
           !token_lexicon(p, &lexicon_tense_cues);
}

/* A day after a range's dash or "to" when the start was a day of a
 * month: "March 5 to 7". Not when a noun or a month follows. */
static int day_end_at(const reader *r, size_t j)
{
    int d = day_at(r, j);
    if (!d || month_at(r, j + 1) || word_eq(r, j + 1, "of"))
        return 0;
    if (j + 1 < r->end && (tk(r, j + 1)->kind == LEDE_TOKEN_NUMBER && !year_at(r, j + 1)))
        return 0;
    if (is_word(r, j + 1) && !year_at(r, j + 1)) {
        static const char *const ok[] = {"in",  "at",   "on",     "and",   "with",
                                         "for", "when", "before", "after", "from",
                                         "the", "but",  "while",  "as",    "to"};
        for (size_t w = 0; w < sizeof ok / sizeof *ok; w++)
            if (word_eq(r, j + 1, ok[w]))
                return d;
        return 0;
    }
    return d;
}

/* The end of a range whose start f was read: "to", "through", "until",
 * "till", a dash, or "and" after "between", then a date. The start takes
 * the year of the end when it names none ("from January to April 2015");
 * an end without a year follows the start ("June to August"). */
static int read_range_tail(const reader *r, found *f, int bare_year)
{
    size_t k = f->end;
    if (k + 1 >= r->end)
        return 0;
    const lede_token *c = tk(r, k);
    int between = f->first > r->first && word_eq(r, f->first - 1, "between");
    int from = f->first > r->first && word_eq(r, f->first - 1, "from");
    int dash = token_is_dash(c);
    int conj = token_is_word(c, "and");
    if (between
            ? !(conj || dash)
            : !(dash || token_is_word(c, "to") || token_is_word(c, "through") ||
                token_is_word(c, "thru") || token_is_word(c, "until") || token_is_word(c, "till")))
        return 0;
    if (rescheduled_before(r, f->first))
        return 0;
    size_t j = k + 1;
    found g;
    clear_found(&g);
    int y;
    if (bare_year) {
        int y0 = year_at(r, f->first);
        const lede_token *u = tk(r, j);
        if ((y = year_at(r, j)) != 0) {
            g.end = j + 1;
        } else if (dash && glued(r, k) && glued(r, j) && u->kind == LEDE_TOKEN_NUMBER &&
                   u->norm_len == 2 && isdigit((unsigned char)u->norm[0]) &&
                   isdigit((unsigned char)u->norm[1])) {
            /* "2014–18" */
            y = y0 / 100 * 100 + (u->norm[0] - '0') * 10 + (u->norm[1] - '0');
            g.end = j + 1;
        } else if (read_date_one(r, j, START_UNKNOWN, &g) && g.first == j &&
                   (!month_without_year(r, j, g.end) || g.m.grain >= LEDE_GRAIN_YEAR) &&
                   !bare_weekday(r, j, g.end)) {
            y = 0; /* "2014 through May 2018", "2019 to last year" */
        } else {
            return 0;
        }
        if (y) {
            if (y <= y0 || y - y0 > 200 || counted_after(r, g.end))
                return 0;
            g.first = j;
            set_year(&g, y);
        }
    } else if (!read_date_one(r, j, START_UNKNOWN, &g) || g.first != j) {
        /* "March 5 to 7": a day of the start's month */
        int fy, fm, fd, d;
        clear_found(&g);
        if (f->m.grain != LEDE_GRAIN_DAY || (d = day_end_at(r, j)) == 0 ||
            !month_named(r, f->first, f->end))
            return 0;
        g.first = j;
        g.end = j + 1;
        g.m.grain = LEDE_GRAIN_DAY;
        if (date_parts(f->date, &fy, &fm, &fd) == 3) {
            if (d <= fd)
                return 0;
            put_date(g.date, fy, fm, d);
        } else if (f->date[0]) {
            return 0;
        }
    }
    if (!g.m.grain)
        return 0;
    /* the end's date, and the start's, each with its years settled */
    char start[11], end[11];
    memcpy(start, f->date, sizeof start);
    memcpy(end, g.date_end[0] ? g.date_end : g.date, sizeof end);
    int fy, fm, fd, gy, gm, gd;
    int fp = date_parts(start, &fy, &fm, &fd), gp = date_parts(end, &gy, &gm, &gd);
    int fwd = bare_weekday(r, f->first, f->end), gwd = bare_weekday(r, j, g.end);
    if (fwd && gwd && fp == 3) {
        /* "from Monday to Friday": the Friday after the Monday */
        long days = days_from_date(fy, fm, fd) + (gwd - fwd + 7) % 7;
        if (gwd == fwd)
            days += 7;
        int yy, mm, dd;
        date_from_days(days, &yy, &mm, &dd);
        put_date(end, yy, mm, dd);
    } else if (fp >= 2 && gp >= 2 && r->year) {
        int f_free = month_without_year(r, f->first, f->end);
        int g_free = month_without_year(r, j, g.end);
        long fkey = fm * 32L + fd, gkey = gm * 32L + gd;
        if (f_free && !g_free) {
            fy = gy - (fkey > gkey);
        } else if (f_free && g_free) {
            gy = fy + (gkey < fkey);
            /* a range that looks back ends before the document date */
            if (tense_near(r, f->first) == TENSE_PAST &&
                (long)gy * 12 + gm > (long)r->year * 12 + r->month) {
                fy--;
                gy--;
            }
        }
        put_date(start, fy, fm, fd);
        put_date(end, gy, gm, gd);
    }
    /* an end before the start is no range */
    if (start[0] && end[0]) {
        size_t n = strlen(start) < strlen(end) ? strlen(start) : strlen(end);
        int cmp = strncmp(start, end, n);
        if (cmp > 0 || (cmp == 0 && strcmp(start, end) == 0 && !fwd))
            return 0;
    }
    memcpy(f->date, start, sizeof f->date);
    memcpy(f->date_end, end, sizeof f->date_end);
    if (g.m.grain < f->m.grain)
        f->m.grain = g.m.grain;
    f->end = g.end;
    if (from || between)
        f->first--;
    return 1;
}

/* A day of a month (1-31, digits, an ordinal suffix allowed) in a part of
 * a number token; 0 when it is none. */
static int part_day(const number_part *p)
{
    if (p->is_word || p->decimals || p->grouped || p->digits > 2 || p->value < 1 || p->value > 31 ||
        p->leading_zero)
        return 0;
    if (p->suffix_len &&
        !(p->suffix_len == 2 && (prefix_is(p->suffix, 2, "st") || prefix_is(p->suffix, 2, "nd") ||
                                 prefix_is(p->suffix, 2, "rd") || prefix_is(p->suffix, 2, "th"))))
        return 0;
    return (int)p->value;
}

/* Days written as one token with a dash, and the months around them:
 * "March 5-7", "5-7 March", "Nov 18-Dec 19, 2015", "Jan. 5-Feb. 9". */
static int read_day_span(const reader *r, size_t i, found *f)
{
    int m0 = 0, m1 = 0, d0 = 0, d1 = 0;
    size_t k, after;
    const number_token *split;
    if ((m0 = month_at(r, i)) != 0 || (is_word(r, i) && token_lexicon(tk(r, i), &lexicon_months) &&
                                       (tk(r, i)->flags & LEDE_TOKEN_CAPITALIZED))) {
        if (!m0)
            m0 = (int)token_lexicon(tk(r, i), &lexicon_months);
        k = i + 1;
        if (k < r->end && token_is_char(tk(r, k), '.') && glued(r, k) && tk(r, i)->norm_len <= 4)
            k++;
        if (k >= r->end || tk(r, k)->kind != LEDE_TOKEN_NUMBER || !(split = scan_at(r, k)) ||
            split->bad || split->year || split->parts != 2 || split->sep[1] != '-' ||
            (d0 = part_day(&split->part[0])) == 0)
            return 0;
        after = k + 1;
        if (split->part[1].is_word) {
            /* "Nov 18-Dec 19" */
            m1 = (int)lexicon_get(&lexicon_months, split->part[1].suffix,
                                  split->part[1].suffix_len);
            if (after < r->end && token_is_char(tk(r, after), '.') && glued(r, after))
                after++;
            if (!m1 || (d1 = day_at(r, after)) == 0)
                return 0;
            after++;
        } else {
            m1 = m0;
            if ((d1 = part_day(&split->part[1])) == 0 || d1 <= d0)
                return 0;
        }
    } else if (tk(r, i)->kind == LEDE_TOKEN_NUMBER && (split = scan_at(r, i)) != NULL &&
               !split->bad && !split->year && split->parts == 2 && split->sep[1] == '-' &&
               (d0 = part_day(&split->part[0])) != 0 && (d1 = part_day(&split->part[1])) != 0 &&
               d1 > d0 && (m0 = month_at(r, i + 1)) != 0) {
        /* "5-7 March" */
        m1 = m0;
        after = month_next(r, i + 1);
        if (after < r->end && token_is_char(tk(r, after), '.') && glued(r, after) &&
            !year_at(r, after + 1))
            after = i + 2;
    } else {
        return 0;
    }
    size_t y_at = after < r->end && token_is_char(tk(r, after), ',') ? after + 1 : after;
    int year = year_at(r, y_at), y0 = 0, y1 = 0;
    /* f is written only once the span stands: read_date() goes on with
     * the same f when it does not */
    int known = 1;
    if (year) {
        y1 = year;
        y0 = m1 < m0 ? year - 1 : year;
    } else if (r->year) {
        y0 = year_of_month(r, m0, i, 0);
        y1 = m1 < m0 ? y0 + 1 : y0;
    } else {
        known = 0; /* no year to put the days in */
    }
    if (known && (d0 > text_days_in_month(y0, m0) || d1 > text_days_in_month(y1, m1)))
        return 0;
    f->first = i > r->first && (word_eq(r, i - 1, "from") || word_eq(r, i - 1, "between")) ? i - 1
                                                                                           : i;
    f->end = year ? y_at + 1 : after;
    f->m.grain = LEDE_GRAIN_DAY;
    if (!known)
        return 1;
    put_date(f->date, y0, m0, d0);
    put_date(f->date_end, y1, m1, d1);
    return 1;
}

/* Two months or two weekdays joined in one word: "June-August",
 * "Monday-Friday". */
static int read_glued_span(const reader *r, size_t i, found *f)
{
    const lede_token *t = tk(r, i);
    const char *dash = memchr(t->norm, '-', t->norm_len);
    if (!dash || !(t->flags & LEDE_TOKEN_CAPITALIZED))
        return 0;
    size_t n0 = (size_t)(dash - t->norm), n1 = t->norm_len - n0 - 1;
    if (n0 < 3 || n1 < 3)
        return 0;
    long a = lexicon_get(&lexicon_months, t->norm, n0), b;
    /* f is written only once the span stands: read_date() goes on with
     * the same f when it does not */
    if (a && (b = lexicon_get(&lexicon_months, dash + 1, n1)) != 0) {
        int year = year_at(r, i + 1);
        f->first = i;
        f->end = i + 1;
        f->m.grain = LEDE_GRAIN_MONTH;
        int y0, y1;
        if (year) {
            f->end = i + 2;
            y1 = year;
            y0 = b < a ? year - 1 : year;
        } else if (r->year) {
            y0 = year_of_month(r, (int)a, i, 0);
            y1 = b < a ? y0 + 1 : y0;
        } else {
            return 1;
        }
        put_date(f->date, y0, (int)a, 0);
        put_date(f->date_end, y1, (int)b, 0);
        return 1;
    }
    a = lexicon_get(&lexicon_weekdays, t->norm, n0);
    b = lexicon_get(&lexicon_weekdays, dash + 1, n1);
    if (!a || !b || a == b)
        return 0;
    f->first = i;
    f->end = i + 1;
    f->m.grain = LEDE_GRAIN_DAY;
    if (!r->year)
        return 1;
    /* the first day as a weekday alone would be, the last after it */
    long today = doc_days(r), wd0 = weekday_of(today);
    long start = tense_near(r, i) == TENSE_FUTURE ? today + (a - wd0 + 7) % 7
                                                  : today - (wd0 - a + 7) % 7;
    set_day(f, start);
    int y, m, d;
    date_from_days(start + (b - a + 7) % 7, &y, &m, &d);
    put_date(f->date_end, y, m, d);
    return 1;
}

/* "2014-18": a span of years in one token (the next year, "2012-13", and
 * four digits, "2019-2021", are read with the quantities). */
static int read_year_span(const reader *r, size_t i, found *f)
{
    const number_token *nt = scan_at(r, i);
    if (!nt || nt->bad || nt->year || nt->parts != 2 || nt->sep[1] != '-')
        return 0;
    const number_part *p0 = &nt->part[0], *p1 = &nt->part[1];
    if (p0->is_word || p1->is_word || p0->digits != 4 || p1->digits != 2 || p0->suffix_len ||
        p1->suffix_len || p0->decimals || p1->decimals || p0->value < 1800 || p0->value >= 2200)
        return 0;
    int y0 = (int)p0->value, y1 = y0 / 100 * 100 + (int)p1->value;
    if (y1 <= y0 || labelled_year(r, i))
        return 0;
    f->first = i;
    f->end = i + 1;
    set_year(f, y0);
    put_date(f->date_end, y1, 0, 0);
    return 1;
}

/* A date at token i; `starts` is what word_starts_metric() said of it. */
static int read_date(const reader *r, size_t i, long starts, found *f)
{
    const lede_token *t = tk(r, i);
    if (t->kind != LEDE_TOKEN_NUMBER && !(starts & (START_OTHER | START_MONTH | START_WEEKDAY))) {
        /* Spans of days, months and years begin with a number token or
         * with a month's or a weekday's name (all of them in
         * metric_starts.txt), so other tokens begin a single date or none
         * (read_date_one() reads nothing from a symbol). Of the dates of
         * one word, a number word alone, no holiday's, month's, weekday's
         * or relative date's first word (else metric_starts would say so)
         * and no code, begins only a part of a year ("third quarter"). */
        if (t->kind == LEDE_TOKEN_WORD &&
            (starts == START_NUMBER ? read_part_of_year(r, i, f)
                                    : read_date_one(r, i, starts, f))) {
            read_range_tail(r, f, 0);
            return 1;
        }
        clear_found(f);
        return 0;
    }
    /* f is zero here, and the three span readers leave it so when they
     * fail */
    if (read_day_span(r, i, f))
        return 1;
    if (t->kind == LEDE_TOKEN_WORD && read_glued_span(r, i, f))
        return 1;
    if (read_year_span(r, i, f))
        return 1;
    if (read_date_one(r, i, starts, f)) {
        read_range_tail(r, f, 0);
        return 1;
    }
    /* "from 2010 to 2015", "between 2010 and 2015", "2014–18": a plain year
     * starts a range; alone it is read with the quantities */
    clear_found(f);
    if (year_at(r, i) && !labelled_year(r, i)) {
        f->first = i;
        f->end = i + 1;
        set_year(f, year_at(r, i));
        if (read_range_tail(r, f, 1))
            return 1;
        clear_found(f);
    }
    return 0; /* with f zero */
}

/* ------------------------------------------------------------------ */
/* Durations that point ahead                                          */

/* Words shortly before "in" that make "in two years" a span looked back
 * over: "the first time in two years", "the highest in a decade". */
static int span_before(const reader *r, size_t in)
{
    size_t lo = in > r->first + 5 ? in - 5 : r->first;
    for (size_t k = lo; k < in; k++) {
        if (!is_word(r, k))
            continue;
        const lede_token *t = tk(r, k);
        size_t n = t->norm_len;
        if (token_is_word(t, "first") || token_is_word(t, "time") || token_is_word(t, "times") ||
            token_is_word(t, "ever") || token_is_word(t, "level") || token_is_word(t, "levels") ||
            token_is_word(t, "once") || token_is_word(t, "twice") || token_is_word(t, "best") ||
            token_is_word(t, "worst") || token_is_word(t, "most") || token_is_word(t, "least") ||
            token_is_word(t, "only") ||
            (n > 4 && t->norm[n - 3] == 'e' && t->norm[n - 2] == 's' && t->norm[n - 1] == 't'))
            return 1;
    }
    return 0;
}

/* "in two weeks", "within three years", "3 days from now", "two weeks
 * from today", "a year hence": a duration of whole days, weeks, months,
 * quarters, years or decades (f->unit, `value` of them, its words from
 * `first` to k) that points at a time ahead of the document date. "in"
 * needs a sentence that looks forward and no superlative before it ("the
 * lowest in two years" looks back); "within" one that does not look back,
 * and nothing it is counted from ("within 3 days of the vote"). With
 * `apply`, f becomes that date: a week counts in days, as with "ago", and
 * "within" gives the span from the document date to it. */
static int duration_ahead(const reader *r, size_t first, size_t k, found *f, double value,
                          int apply)
{
    int grain = f->unit ? unit_grain(f->unit, f->unit_len) : 0;
    if (!grain || !number_is_whole(value) || value <= 0 || value > 1000)
        return 0;
    size_t end = k;
    int within = 0;
    int anchored = word_eq(r, k, "of") || word_eq(r, k, "after") || word_eq(r, k, "before") ||
                   word_eq(r, k, "from") || word_eq(r, k, "since") || word_eq(r, k, "later") ||
                   word_eq(r, k, "ago");
    if (word_eq(r, k, "from") && (word_eq(r, k + 1, "now") || word_eq(r, k + 1, "today"))) {
        end = k + 2;
    } else if (word_eq(r, k, "hence")) {
        end = k + 1;
    } else if (first > r->first && word_eq(r, first - 1, "within") && !anchored &&
               tense_near(r, first - 1) != TENSE_PAST) {
        within = 1;
        first--;
    } else if (first > r->first && word_eq(r, first - 1, "in") && !anchored &&
               tense_near(r, first - 1) == TENSE_FUTURE && !span_before(r, first - 1)) {
        first--;
        /* "in two years' time" */
        if (k + 1 < r->end && token_is_quote(tk(r, k)) && glued(r, k) && word_eq(r, k + 1, "time"))
            end = k + 2;
        else if (word_eq(r, k, "time"))
            end = k + 1;
    } else {
        return 0;
    }
    if (!apply)
        return 1;
    long n = (long)value;
    f->first = first;
    f->end = end;
    f->m.kind = LEDE_METRIC_DATE;
    f->m.value = 0;
    f->m.has = 0;
    f->unit = NULL;
    f->unit_len = 0;
    f->m.grain = grain == LEDE_GRAIN_WEEK ? LEDE_GRAIN_DAY : grain;
    if (!r->year)
        return 1;
    if (grain == LEDE_GRAIN_WEEK) {
        grain = LEDE_GRAIN_DAY;
        n *= 7;
    }
    if (within) {
        found to;
        memset(&to, 0, sizeof to);
        shift_date(r, &to, grain, n);
        shift_date(r, f, grain, 0);
        memcpy(f->date_end, to.date_end[0] ? to.date_end : to.date, sizeof f->date_end);
    } else {
        shift_date(r, f, grain, n);
        f->date_end[0] = '\0';
    }
    return 1;
}

/* ------------------------------------------------------------------ */
/* Quantities                                                          */

/* currency_before() of a token that begins with no digit. */
static const char *currency_at(const reader *r, size_t i, size_t *after)
{
    const lede_token *t = tk(r, i);
    size_t end = 0;
    const lexicon_entry *e = phrase(r, &lexicon_currencies, i, &end);
    if (!e || !e->text)
        return NULL;
    if (e->value == CURRENCY_CODE) {
        if (!(t->flags & LEDE_TOKEN_ALL_CAPS))
            return NULL;
    } else if (e->value != CURRENCY_SYMBOL) {
        return NULL;
    }
    if (end >= r->end)
        return NULL;
    /* a number must follow */
    const lede_token *n = tk(r, end);
    if (n->kind != LEDE_TOKEN_NUMBER && n->kind != LEDE_TOKEN_WORD)
        return NULL;
    *after = end;
    return e->text;
}

/* A currency written in front of a number at token i: "$", "US$", "€",
 * "USD", "Rs". The ISO code, and the token after it in *after. Most tokens
 * asked about are numbers, and no currency begins with a digit (test_metric
 * checks it): they are turned away without the lexicon, and without a call.
 * So are most of the others, words: currency_at() takes a code only in
 * capitals, and no symbol holds a space (test_metric checks it), so that
 * of a word not in capitals and with no token glued after it, only its own
 * entry could answer, and the symbols that are words are "rs" and "rs."
 * alone. */
static METRIC_INLINE const char *currency_before(const reader *r, size_t i, size_t *after)
{
    const lede_token *t = tk(r, i);
    if (t->kind == LEDE_TOKEN_NUMBER && t->norm_len && t->norm[0] >= '0' && t->norm[0] <= '9')
        return NULL;
    if (t->kind == LEDE_TOKEN_WORD && !(t->flags & LEDE_TOKEN_ALL_CAPS) &&
        (i + 1 >= r->end || !glued(r, i + 1)) &&
        !((t->norm_len == 2 || t->norm_len == 3) && (t->norm[0] | 0x20) == 'r' &&
          (t->norm[1] | 0x20) == 's'))
        return NULL;
    return currency_at(r, i, after);
}

/* Can the lower-case word at k be part of a noun phrase after a number
 * ("cash injection", "power stations")? Not a cue, a tense word, a number
 * word, a function word, an adverb in -ly, a verb in -ed or an auxiliary. */
static int noun_like(const reader *r, size_t k)
{
    if (!is_lower_word(r, k))
        return 0;
    const lede_token *t = tk(r, k);
    const char *w = t->norm;
    size_t n = t->norm_len;
    for (size_t c = 0; c < n; c++)
        if (!((w[c] >= 'a' && w[c] <= 'z') || w[c] == '-'))
            return 0;
    if (n < 3 || (w[n - 2] == 'l' && w[n - 1] == 'y') || (w[n - 2] == 'e' && w[n - 1] == 'd'))
        return 0;
    /* most nouns begin with a letter no auxiliary begins with */
    static const char *const aux[] = {AUXILIARIES(STRING_ITEM)};
    const uint32_t letters = AUXILIARIES(LETTER_BIT) 0;
    if (letter_in(letters, w[0]))
        for (size_t a = 0; a < sizeof aux / sizeof *aux; a++)
            if (token_is_word(t, aux[a]))
                return 0;
    return !cue_value(r, k) && !token_lexicon(t, &lexicon_tense_cues) &&
           !token_lexicon(t, &lexicon_function_words) && !token_lexicon(t, &lexicon_pronouns) &&
           !lexicon_get(&lexicon_number_words, w, n);
}

/* The end of the noun phrase of at most `max` words from k (k when there is
 * none). */
static size_t noun_run(const reader *r, size_t k, size_t max)
{
    size_t j = k;
    while (j < k + max && noun_like(r, j)) {
        const lede_token *t = tk(r, j);
        /* past the first word, "-s" is a verb as often as a plural ("the
         * 10 percent obligation applies") */
        if (j > k && t->norm[t->norm_len - 1] == 's' && t->norm[t->norm_len - 2] != 's')
            break;
        j++;
    }
    return j;
}

/* Does the word look plural: "-s" but not "-ss" ("viewers", "tonnes"), or
 * a plural without "-s" ("people", "staff")? */
static int looks_plural(const lede_token *t)
{
    size_t n = t->norm_len;
    return (n > 3 && t->norm[n - 1] == 's' && t->norm[n - 2] != 's') ||
           token_is_word(t, "people") || token_is_word(t, "children") || token_is_word(t, "men") ||
           token_is_word(t, "women") || token_is_word(t, "police") || token_is_word(t, "staff");
}

/* A counted noun of two words: a modifier and a plural ("two power
 * stations", "three new jobs"); the noun alone otherwise. */
static size_t counted_noun_end(const reader *r, size_t k)
{
    /* the unit is copied from the text: the two words one space apart */
    if (looks_plural(tk(r, k)) || !noun_like(r, k + 1) ||
        tk(r, k + 1)->span.begin != tk(r, k)->span.end + 1 ||
        r->doc->text[tk(r, k)->span.end] != ' ')
        return k + 1;
    return looks_plural(tk(r, k + 1)) ? k + 2 : k + 1;
}

/* The minor units after an amount of money: "50 cents", "and 43c", "and
 * 43 sen", "20p"; with `bare`, also a number alone ("15 dollars and 50").
 * Returns the token after them, with their fraction of the main unit in
 * *fraction, or k when there are none. */
static size_t minor_units(const reader *r, size_t k, int bare, double *fraction)
{
    size_t c = word_eq(r, k, "and") ? k + 1 : k;
    number n;
    if (c >= r->end || (tk(r, c)->kind != LEDE_TOKEN_NUMBER && !is_word(r, c)))
        return k;
    if (!number_read(r->tok, c, r->end, r->doc->text, 0, NULL, &n) || n.scaled || n.vague ||
        n.fraction || !(n.value >= 1 && n.value < 100) || !number_is_whole(n.value) ||
        (n.tok && (n.tok->bad || n.tok->parts > 1)))
        return k;
    size_t end = n.end;
    int unit = 0;
    if (n.suffix_len) {
        unit = n.suffix_len == 1 && (n.suffix[0] == 'c' || n.suffix[0] == 'p');
        if (!unit)
            return k;
    } else if (word_eq(r, end, "cents") || word_eq(r, end, "cent") || word_eq(r, end, "pence") ||
               word_eq(r, end, "sen")) {
        unit = 1;
        end++;
    }
    if (!unit && !(bare && !is_lower_word(r, end)))
        return k;
    *fraction = n.value / 100;
    return end;
}

/* A scale that read_after() left in f->m.value ("grand", "MUSD") applies to
 * both ends of a range, as it does to a single number; the value is then
 * cleared, since a range has none. */
static void scale_range(found *f, double *low, double *high)
{
    if (f->m.value > 1) {
        *low *= f->m.value;
        *high *= f->m.value;
    }
    f->m.value = 0;
    f->m.low = 0;
}

/* What follows a number at token k: a percent, points, a currency, a unit
 * or a counted noun. Fills f and returns the token after it. */
static size_t read_after(const reader *r, size_t k, found *f, const char **currency)
{
    size_t end = 0;
    if (k >= r->end)
        return k;
    const lede_token *t = tk(r, k);
    /* percent */
    if (token_is_char(t, '%') || (t->norm_len == 3 && memcmp(t->norm, "\xEF\xBC\x85", 3) == 0)) {
        f->m.kind = LEDE_METRIC_PERCENT;
        f->unit = "%";
        f->unit_len = 1;
        return k + 1;
    }
    if (token_is_word(t, "percent") || token_is_word(t, "pct") || token_is_word(t, "percentage") ||
        (token_is_word(t, "per") && word_eq(r, k + 1, "cent")) || token_is_word(t, "pc")) {
        size_t next = token_is_word(t, "per") ? k + 2 : k + 1;
        if ((token_is_word(t, "percentage") || token_is_word(t, "percent")) &&
            (word_eq(r, next, "point") || word_eq(r, next, "points"))) {
            f->m.kind = LEDE_METRIC_PERCENTAGE_POINTS;
            f->unit = "pp";
            f->unit_len = 2;
            return next + 1;
        }
        if (token_is_word(t, "pc") && !glued(r, k))
            return k;
        f->m.kind = LEDE_METRIC_PERCENT;
        f->unit = "%";
        f->unit_len = 1;
        return next;
    }
    if ((token_is_word(t, "basis") &&
         (word_eq(r, k + 1, "point") || word_eq(r, k + 1, "points"))) ||
        token_is_word(t, "bp") || token_is_word(t, "bps")) {
        f->m.kind = LEDE_METRIC_PERCENTAGE_POINTS;
        f->unit = "bp";
        f->unit_len = 2;
        return token_is_word(t, "basis") ? k + 2 : k + 1;
    }
    if (token_is_word(t, "ppt") || token_is_word(t, "pp")) {
        f->m.kind = LEDE_METRIC_PERCENTAGE_POINTS;
        f->unit = "pp";
        f->unit_len = 2;
        return k + 1;
    }
    /* "10 grand": thousands of dollars, unless an adjective ("a grand jury") */
    static const char *const after_grand[] = {"a",    "an",   "and",  "or",   "in",  "for",
                                              "to",   "of",   "on",   "at",   "per", "each",
                                              "from", "last", "this", "more", "less"};
    int grand_ok = token_is_word(t, "grand") && !*currency && f->m.kind == LEDE_METRIC_UNKNOWN;
    if (grand_ok && is_lower_word(r, k + 1)) {
        grand_ok = 0;
        for (size_t w = 0; w < sizeof after_grand / sizeof *after_grand; w++)
            grand_ok |= token_is_word(tk(r, k + 1), after_grand[w]);
    }
    if (grand_ok) {
        *currency = "USD";
        f->m.kind = LEDE_METRIC_MONEY;
        f->m.value = 1e3; /* a scale for read_quantity() to apply */
        return k + 1;
    }
    /* a currency after the number */
    const lexicon_entry *e = phrase(r, &lexicon_currencies, k, &end);
    if (!e && (t->flags & LEDE_TOKEN_ALL_CAPS) && t->norm_len == 4 && t->norm[0] == 'M') {
        /* "30 MUSD", "48.5 MGBP": millions in a code */
        const lexicon_entry *c = lexicon_find(&lexicon_currencies, t->norm + 1, 3);
        if (c && c->value == CURRENCY_CODE && !*currency) {
            *currency = c->text;
            f->m.kind = LEDE_METRIC_MONEY;
            f->m.value = 1e6; /* a scale for read_quantity() to apply */
            return k + 1;
        }
    }
    if (e && e->text) {
        int ok = 1;
        if (e->value == CURRENCY_CODE)
            ok = (t->flags & LEDE_TOKEN_ALL_CAPS) != 0;
        else if (e->value == CURRENCY_SYMBOL)
            ok = t->kind == LEDE_TOKEN_SYMBOL &&
                 !(end < r->end && tk(r, end)->kind == LEDE_TOKEN_NUMBER);
        else if (e->value == CURRENCY_MINOR && t->norm_len == 1)
            ok = glued(r, k);
        else if (token_is_word(t, "won") || token_is_word(t, "real") || token_is_word(t, "dong") ||
                 token_is_word(t, "rand"))
            ok = 0; /* "5 won", "2 real": a verb or an adjective more often than money */
        if (ok) {
            if (!*currency)
                *currency = e->text;
            if (e->value == CURRENCY_MINOR) {
                f->unit = token_is_word(t, "cent") || token_is_word(t, "cents") ? "cent" : "penny";
                f->unit_len = strlen(f->unit);
            }
            f->m.kind = LEDE_METRIC_MONEY;
            double cents = 0;
            if (e->value == CURRENCY_NAME) {
                /* "3 dollars 50 cents", "15 dollars and 50" */
                size_t after = minor_units(r, end, 1, &cents);
                if (after != end) {
                    f->m.low = cents; /* for read_quantity() to add */
                    end = after;
                }
            }
            return end;
        }
    }
    if (*currency)
        return k;
    /* a unit: "10 miles", "40 °C", "5 km/h" */
    e = phrase(r, &lexicon_units, k, &end);
    if (e && e->text) {
        int ok = 1;
        if (t->norm_len == 1 && !glued(r, k) &&
            !(t->norm[0] == 'm' || t->norm[0] == 't' || t->norm[0] == 'g' || t->norm[0] == 'h'))
            ok = 0;
        if (token_is_word(t, "in") || token_is_word(t, "min") || token_is_word(t, "sec") ||
            token_is_word(t, "mo") || token_is_word(t, "stone") || token_is_word(t, "cup") ||
            token_is_word(t, "ha") || token_is_word(t, "mi"))
            ok = 0; /* words before they are units: "5 in 10", "2 mi" */
        if (t->flags & LEDE_TOKEN_CAPITALIZED && t->norm_len > 2 &&
            !(t->flags & LEDE_TOKEN_ALL_CAPS))
            ok = 0; /* "5 Seconds of Summer" */
        if (token_is_word(t, "second") && !(f->m.kind == LEDE_METRIC_UNKNOWN))
            ok = 0;
        if (ok) {
            f->unit = e->text;
            f->unit_len = strlen(e->text);
            f->m.kind = e->value == UNIT_TIME ? LEDE_METRIC_DURATION : LEDE_METRIC_QUANTITY;
            return end;
        }
    }
    /* a counted noun: "300,000 troops" */
    if (is_lower_word(r, k) && t->norm_len >= 2 && !cue_value(r, k) &&
        !lexicon_get(&lexicon_number_words, t->norm, t->norm_len) &&
        !lexicon_get(&lexicon_tense_cues, t->norm, t->norm_len) &&
        !(t->norm_len > 3 && t->norm[t->norm_len - 2] == 'l' && t->norm[t->norm_len - 1] == 'y') &&
        !(t->norm_len > 3 && t->norm[t->norm_len - 2] == 'e' && t->norm[t->norm_len - 1] == 'd' &&
          !token_is_word(t, "injured") && !token_is_word(t, "wounded") &&
          !token_is_word(t, "displaced")) &&
        !token_is_word(t, "am") && !token_is_word(t, "pm") && !token_is_word(t, "a.m.") &&
        !token_is_word(t, "p.m.") && !token_is_word(t, "o'clock") && !token_is_word(t, "per")) {
        int all_alpha = 1;
        for (size_t c = 0; c < t->norm_len; c++) {
            char ch = t->norm[c];
            if (!((ch >= 'a' && ch <= 'z') || ch == '-' || ch == '\''))
                all_alpha = 0;
        }
        if (all_alpha) {
            size_t end = counted_noun_end(r, k);
            f->m.kind = LEDE_METRIC_COUNT;
            f->unit = t->norm;
            f->unit_len = t->norm_len;
            if (end > k + 1) {
                /* the words as the text writes them, one space apart */
                f->unit = r->doc->text + t->span.begin;
                f->unit_len = tk(r, end - 1)->span.end - t->span.begin;
            }
            return end;
        }
    }
    return k;
}

/* A plural noun at token k: "people", "viewers", "tonnes". */
static int plural_noun(const reader *r, size_t k)
{
    return is_lower_word(r, k) && !cue_value(r, k) && looks_plural(tk(r, k));
}

/* A glued unit read, "/" and a word glued after it that make a longer
 * unit: "120km" "/" "h". Returns the token after them, or k. */
static size_t unit_per(const reader *r, size_t k, found *f)
{
    if (!f->unit || k + 1 >= r->end || !token_is_char(tk(r, k), '/') || !glued(r, k) ||
        !glued(r, k + 1) || !is_word(r, k + 1))
        return k;
    char buf[24];
    const lede_token *w = tk(r, k + 1);
    size_t n = f->unit_len + 1 + w->norm_len;
    if (n >= sizeof buf)
        return k;
    memcpy(buf, f->unit, f->unit_len);
    buf[f->unit_len] = '/';
    memcpy(buf + f->unit_len + 1, w->norm, w->norm_len);
    const lexicon_entry *e = lexicon_find(&lexicon_units, buf, n);
    if (!e || !e->text)
        return k;
    f->unit = e->text;
    f->unit_len = strlen(e->text);
    return k + 2;
}

/* A glued suffix ("5km", "115.5USD", "21st", "50p"): read it like the
 * token after a number. 1 when it was understood. */
static int read_suffix(const reader *r, size_t next, const char *s, size_t n, found *f,
                       const char **currency)
{
    if (n == 0)
        return 1;
    const lexicon_entry *e = lexicon_find(&lexicon_currencies, s, n);
    if (e && e->text &&
        (e->value == CURRENCY_CODE || (e->value == CURRENCY_MINOR && n == 1 && s[0] == 'p'))) {
        if (e->value == CURRENCY_CODE && !(s[0] >= 'A' && s[0] <= 'Z'))
            return 0;
        if (!*currency)
            *currency = e->text;
        f->m.kind = LEDE_METRIC_MONEY;
        if (e->value == CURRENCY_MINOR) {
            f->unit = "penny";
            f->unit_len = 5;
        }
        return 1;
    }
    if (n == 1 && (s[0] == 'C' || s[0] == 'F') &&
        !(next < r->end && (token_is_char(tk(r, next), '/') || word_eq(r, next, "per")))) {
        /* "40C", "-5C", "98F"; "14.7C/ per share" is cents */
        f->unit = s[0] == 'C' ? "\xc2\xb0"
                                "C"
                              : "\xc2\xb0"
                                "F";
        f->unit_len = 3;
        f->m.kind = LEDE_METRIC_QUANTITY;
        return 1;
    }
    e = lexicon_find(&lexicon_units, s, n);
    if (e && e->text) {
        /* "5G" and "3D" are names; units glued in capitals are few (MW, GB) */
        if (n == 1 && !(s[0] >= 'a' && s[0] <= 'z'))
            return 0;
        if (n == 2 && memcmp(s, "in", 2) == 0)
            return 0;
        f->unit = e->text;
        f->unit_len = strlen(e->text);
        f->m.kind = e->value == UNIT_TIME ? LEDE_METRIC_DURATION : LEDE_METRIC_QUANTITY;
        return 1;
    }
    if ((n == 2 && (memcmp(s, "pc", 2) == 0)))
        return f->m.kind = LEDE_METRIC_PERCENT, f->unit = "%", f->unit_len = 1, 1;
    if ((n == 2 && memcmp(s, "bp", 2) == 0) || (n == 3 && memcmp(s, "bps", 3) == 0) ||
        (n == 2 && memcmp(s, "pp", 2) == 0)) {
        /* "50bp", "25bps", "2pp" */
        f->m.kind = LEDE_METRIC_PERCENTAGE_POINTS;
        f->unit = s[0] == 'b' ? "bp" : "pp";
        f->unit_len = 2;
        return 1;
    }
    return 0;
}

/* labels_number() of a token of the sentence. */
static int label_at(const reader *r, size_t i)
{
    const lede_token *t = tk(r, i);
    if (token_is_char(t, '#') || token_is_char(t, '@'))
        return 1;
    if (t->kind != LEDE_TOKEN_WORD)
        return 0;
    if (cue_value(r, i) == CUE_LABEL)
        return 1;
    if (!(t->flags & LEDE_TOKEN_CAPITALIZED))
        return 0;
    /* a capitalized word that is not a sentence's first, a month, a weekday,
     * a currency or a cue */
    if (i == r->first ||
        (i > r->first && (token_is_quote(tk(r, i - 1)) || token_is_char(tk(r, i - 1), '('))))
        return 0;
    if (token_lexicon(t, &lexicon_months) || token_lexicon(t, &lexicon_weekdays) ||
        token_lexicon(t, &lexicon_currencies) || cue_value(r, i) ||
        token_lexicon(t, &lexicon_number_words) || token_lexicon(t, &lexicon_tense_cues))
        return 0;
    return 1;
}

/* Is token i a label that makes the number after it an identifier?
 * "No. 7", "Section 427", "#3", "Boeing 737", "Windows 11". The word in
 * lower case that stands before most numbers is one only as a cue of
 * data/metric_cues.txt ("page", "flight"), which the memo of the cue
 * readers answers: it is asked without a call. */
static METRIC_INLINE int labels_number(const reader *r, size_t i)
{
    if (i < r->first || i >= r->end)
        return 0;
    const lede_token *t = tk(r, i);
    if (t->kind == LEDE_TOKEN_WORD && !(t->flags & LEDE_TOKEN_CAPITALIZED))
        return cue_value(r, i) == CUE_LABEL; /* (no word is "#" or "@") */
    return label_at(r, i);
}

static void set_approx(found *f, long cue)
{
    switch (cue) {
    case CUE_ABOUT:
        f->m.approx = LEDE_APPROX_ABOUT;
        break;
    case CUE_MORE_THAN:
        f->m.approx = LEDE_APPROX_MORE_THAN;
        break;
    case CUE_AT_LEAST:
        f->m.approx = LEDE_APPROX_AT_LEAST;
        break;
    case CUE_AT_MOST:
        f->m.approx = LEDE_APPROX_AT_MOST;
        break;
    case CUE_UP_TO:
        f->m.approx = LEDE_APPROX_UP_TO;
        break;
    case CUE_LESS_THAN:
        f->m.approx = LEDE_APPROX_LESS_THAN;
        break;
    default:
        break;
    }
}

/* A second number that makes a range with the first: "-", "to", "and"
 * (after "between"), "through". Returns the token after it, or 0. */
static size_t read_range_end(const reader *r, size_t k, int between, int from, int money,
                             number *second)
{
    if (k >= r->end)
        return 0;
    const lede_token *t = tk(r, k);
    int sep = token_is_dash(t) || token_is_char(t, '~') ||
              (token_is_word(t, "to") && (from || between || 1)) ||
              (token_is_word(t, "and") && between) || token_is_word(t, "through");
    if (!sep)
        return 0;
    size_t j = k + 1;
    size_t after;
    if (j < r->end && currency_before(r, j, &after))
        j = after;
    if (j >= r->end || !number_read(r->tok, j, r->end, r->doc->text, money, split_at(r, j), second))
        return 0;
    if (second->tok && (second->tok->bad || second->tok->parts > 1))
        return 0;
    if (second->vague)
        return 0;
    return second->end;
}

/* Read the subject after "of": "5% of their GDP" -> "GDP". */
static int subject_after_of(const reader *r, size_t k, size_t *a, size_t *b)
{
    if (!word_eq(r, k, "of"))
        return 0;
    k++;
    while (k < r->end && (word_eq(r, k, "the") || word_eq(r, k, "their") || word_eq(r, k, "its") ||
                          word_eq(r, k, "his") || word_eq(r, k, "her") || word_eq(r, k, "our") ||
                          word_eq(r, k, "a") || word_eq(r, k, "an") || word_eq(r, k, "all") ||
                          word_eq(r, k, "total") || word_eq(r, k, "this") ||
                          word_eq(r, k, "that") || word_eq(r, k, "my") || word_eq(r, k, "your")))
        k++;
    size_t s = k;
    while (k < r->end && k < s + SUBJECT_WORDS && is_word(r, k) && !cue_value(r, k) &&
           !(tk(r, k)->flags & LEDE_TOKEN_SPACE_BEFORE ? 0 : k > s))
        k++;
    if (k == s)
        return 0;
    *a = s;
    *b = k;
    return 1;
}

/* The first of the plain words (not cues, tense words or months) that end
 * before token v, at most SUBJECT_WORDS of them. */
/* An adverb that stands between a subject and its verb: "oil has now
 * lost", "sales have also risen". */
static int between_adverb(const reader *r, size_t k)
{
    return word_eq(r, k, "now") || word_eq(r, k, "also") || word_eq(r, k, "already") ||
           word_eq(r, k, "still");
}

static size_t plain_words_before(const reader *r, size_t v)
{
    size_t k = v;
    while (k > r->first && v - k < SUBJECT_WORDS && is_word(r, k - 1) && !cue_value(r, k - 1) &&
           !token_lexicon(tk(r, k - 1), &lexicon_tense_cues) &&
           !token_lexicon(tk(r, k - 1), &lexicon_months) &&
           !token_lexicon(tk(r, k - 1), &lexicon_weekdays) &&
           !token_lexicon(tk(r, k - 1), &lexicon_cue_verbs) && !between_adverb(r, k - 1))
        k--;
    return k;
}

static int is_preposition(const reader *r, size_t k)
{
    return word_eq(r, k, "of") || word_eq(r, k, "in") || word_eq(r, k, "to") ||
           word_eq(r, k, "for") || word_eq(r, k, "from") || word_eq(r, k, "on");
}

/* The words before a verb at token v: "defense spending rose", "shares in
 * Tesco fell", "unemployment was". */
static int subject_before(const reader *r, size_t v, size_t *a, size_t *b)
{
    /* past auxiliaries and adverbs: "oil has now lost" */
    while (v > r->first + 1 && (word_eq(r, v - 1, "has") || word_eq(r, v - 1, "have") ||
                                word_eq(r, v - 1, "had") || between_adverb(r, v - 1)))
        v--;
    size_t k = plain_words_before(r, v);
    if (k == v)
        return 0;
    /* a pronoun or an auxiliary is no subject */
    if (v - k == 1 && (tk(r, k)->norm_len <= 2 || token_lexicon(tk(r, k), &lexicon_pronouns)))
        return 0;
    /* a noun and a preposition before: "exports to China" */
    if (k > r->first + 1 && is_preposition(r, k - 1)) {
        size_t head = plain_words_before(r, k - 1);
        if (head < k - 1)
            k = head;
    }
    *a = k;
    *b = v;
    return 1;
}

/* What a transitive verb of change at token v changes, when "by" follows
 * it: "cut rates by", "raised its forecast by". */
static int object_after(const reader *r, size_t v, size_t *a, size_t *b)
{
    size_t k = v + 1;
    while (word_eq(r, k, "the") || word_eq(r, k, "its") || word_eq(r, k, "their") ||
           word_eq(r, k, "his") || word_eq(r, k, "her"))
        k++;
    size_t s = k;
    while (k < r->end && k < s + SUBJECT_WORDS && is_lower_word(r, k) && !cue_value(r, k))
        k++;
    if (k == s || !word_eq(r, k, "by"))
        return 0;
    *a = s;
    *b = k;
    return 1;
}

/* Is token i right after a verb of change, or its "by" ("rose $2",
 * "climbed by 3%")? */
static int after_change_verb(const reader *r, size_t i)
{
    if (i > r->first && word_eq(r, i - 1, "by"))
        i--;
    if (i <= r->first)
        return 0;
    long v = cue_value(r, i - 1);
    return v == CUE_UP || v == CUE_DOWN;
}

static METRIC_INLINE int is_copula(const reader *r, size_t k)
{
    /* the lengths of the copulas of each first letter, as in
     * change_filler() */
    static const uint16_t lengths[26] = {
        ['a' - 'a'] = 1 << 3,          ['h' - 'a'] = 1 << 3, ['i' - 'a'] = 1 << 2,
        ['r' - 'a'] = 1 << 7 | 1 << 8, ['s' - 'a'] = 1 << 5, ['t' - 'a'] = 1 << 7 | 1 << 8,
        ['w' - 'a'] = 1 << 3 | 1 << 4,
    };
    if (!is_lower_word(r, k) || tk(r, k)->norm_len > 9 ||
        !((lengths[tk(r, k)->norm[0] - 'a'] >> tk(r, k)->norm_len) & 1))
        return 0;
    /* the lower-case first letter picks the words to compare */
    switch (tk(r, k)->norm[0]) {
    case 'i':
        return word_eq(r, k, "is");
    case 'a':
        return word_eq(r, k, "are");
    case 'w':
        return word_eq(r, k, "was") || word_eq(r, k, "were");
    case 's':
        return word_eq(r, k, "stood");
    case 'r':
        return word_eq(r, k, "reached") || word_eq(r, k, "remained");
    case 't':
        return word_eq(r, k, "totalled") || word_eq(r, k, "totaled");
    case 'h':
        return word_eq(r, k, "hit");
    default:
        return 0;
    }
}

/* The size of a unit of time in seconds (a month of 30 days, a year of
 * 365) and, for the calendar units, in months; 0 when it is none. */
static double time_unit_size(const char *unit, size_t len, double *months)
{
    static const struct {
        const char *name;
        double seconds, months;
    } sizes[] = {{"second", 1, 0},
                 {"minute", 60, 0},
                 {"hour", 3600, 0},
                 {"day", 86400, 0},
                 {"week", 604800, 0},
                 {"fortnight", 1209600, 0},
                 {"month", 2592000, 1},
                 {"quarter", 7776000, 3},
                 {"year", 31536000, 12},
                 {"decade", 315360000, 120},
                 {"century", 3153600000.0, 1200},
                 {"millennium", 31536000000.0, 12000}};
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        if (unit && strlen(sizes[k].name) == len && memcmp(sizes[k].name, unit, len) == 0) {
            *months = sizes[k].months;
            return sizes[k].seconds;
        }
    }
    *months = 0;
    return 0;
}

/* The parts after a duration that make one duration with it: "4 years and
 * 6 months", "2 years, 3 months", "1 hour 15 minutes", "an hour and a
 * half". Each part is a smaller unit than the one before; the whole is
 * counted in the smallest ("4 years and 6 months" -> 54 months), a half or
 * a quarter after "and" in the unit before it. Reads from token k after
 * the unit of f; returns the token after the last part (k when none) and
 * updates *value and f's unit. */
static size_t compound_duration(const reader *r, size_t k, found *f, double *value)
{
    for (int parts = 0; parts < 6 && k < r->end; parts++) {
        double months;
        double size = time_unit_size(f->unit, f->unit_len, &months);
        if (!size)
            return k;
        size_t p = k;
        int comma = token_is_char(tk(r, p), ',');
        if (comma)
            p++;
        int has_and = word_eq(r, p, "and");
        if (has_and)
            p++;
        if (has_and && !comma && parts == 0 && (word_eq(r, p, "a") || word_eq(r, p, "one")) &&
            (word_eq(r, p + 1, "half") || word_eq(r, p + 1, "quarter")) &&
            !(p + 2 < r->end && is_lower_word(r, p + 2) &&
              lexicon_get(&lexicon_units, tk(r, p + 2)->norm, tk(r, p + 2)->norm_len))) {
            /* "a year and a half", "one hour and a quarter" */
            *value += word_eq(r, p + 1, "half") ? 0.5 : 0.25;
            return p + 2;
        }
        if (p >= r->end)
            return k;
        if (tk(r, p)->kind != LEDE_TOKEN_NUMBER &&
            !(is_lower_word(r, p) &&
              lexicon_get(&lexicon_number_words, tk(r, p)->norm, tk(r, p)->norm_len)))
            return k;
        number n;
        if (!number_read(r->tok, p, r->end, r->doc->text, 0, NULL, &n) || n.vague || n.suffix_len ||
            n.value < 0 || (n.tok && (n.tok->bad || n.tok->parts != 1)) || n.end >= r->end)
            return k;
        size_t end = 0;
        const lexicon_entry *e = phrase(r, &lexicon_units, n.end, &end);
        if (!e || e->value != UNIT_TIME || !e->text || !is_lower_word(r, n.end))
            return k;
        double months2;
        double size2 = time_unit_size(e->text, strlen(e->text), &months2);
        if (!size2 || size2 >= size)
            return k;
        double factor = months && months2 ? months / months2 : size / size2;
        *value = *value * factor + n.value;
        f->unit = e->text;
        f->unit_len = strlen(e->text);
        k = end;
    }
    return k;
}

/* article_duration() at a token that begins with "h" or "a". */
static size_t article_duration_at(const reader *r, size_t i, found *f)
{
    double value = 1;
    size_t at = i + 1; /* the unit */
    if (word_eq(r, i, "half") && (word_eq(r, i + 1, "a") || word_eq(r, i + 1, "an"))) {
        value = 0.5;
        at = i + 2;
    } else if (!(word_eq(r, i, "a") || word_eq(r, i, "an"))) {
        return 0;
    } else if (word_eq(r, i + 1, "half")) {
        value = 0.5;
        at = i + 2;
    }
    if (at >= r->end)
        return 0;
    const lede_token *u = tk(r, at);
    const lexicon_entry *e = lexicon_find(&lexicon_units, u->norm, u->norm_len);
    if (!e || e->value != UNIT_TIME || !is_lower_word(r, at) || u->norm_len < 3 || !e->text)
        return 0;
    f->unit = e->text;
    f->unit_len = strlen(e->text);
    size_t end = compound_duration(r, at + 1, f, &value);
    int strong = token_is_word(u, "decade") || token_is_word(u, "century") ||
                 token_is_word(u, "fortnight") || value != 1;
    int framed = i > r->first && (word_eq(r, i - 1, "for") || word_eq(r, i - 1, "over") ||
                                  word_eq(r, i - 1, "within") || word_eq(r, i - 1, "after"));
    int ago = word_eq(r, end, "ago");
    int ahead = duration_ahead(r, i, end, f, value, 0);
    /* "$15 an hour", "twice a day": a rate, not a duration ("$153m a year
     * ago" is a date) */
    int rate = !ago && i > r->first &&
               (tk(r, i - 1)->kind == LEDE_TOKEN_NUMBER || token_is_word(tk(r, i - 1), "times") ||
                token_is_word(tk(r, i - 1), "once") || token_is_word(tk(r, i - 1), "twice"));
    if ((!strong && !framed && !ago && !ahead) || rate) {
        f->unit = NULL;
        f->unit_len = 0;
        return 0;
    }
    if ((token_is_word(u, "second") || token_is_word(u, "minute") || token_is_word(u, "hour")) &&
        value == 1 && end == at + 1) {
        f->unit = NULL;
        f->unit_len = 0;
        return 0;
    }
    f->first = i;
    f->m.approx = LEDE_APPROX_EXACT;
    f->m.value = value;
    f->m.has = LEDE_METRIC_HAS_VALUE;
    if (ago) {
        int grain = unit_grain(f->unit, f->unit_len);
        f->m.kind = LEDE_METRIC_DATE;
        f->m.has = 0;
        f->m.value = 0;
        f->unit = NULL;
        f->unit_len = 0;
        f->end = end + 1;
        f->m.grain = grain ? grain : LEDE_GRAIN_DAY;
        int single = value == 1 && end == at + 1;
        if (single && grain == LEDE_GRAIN_WEEK && r->year)
            shift_date(r, f, LEDE_GRAIN_DAY, -7);
        else if (single && grain && r->year)
            shift_date(r, f, grain, -1);
        else if (grain == LEDE_GRAIN_DAY && number_is_whole(value) && r->year)
            shift_date(r, f, grain, -(long)value); /* "a week and two days ago" */
        return f->end;
    }
    if (ahead && duration_ahead(r, i, end, f, value, 1))
        return f->end;
    f->m.kind = LEDE_METRIC_DURATION;
    f->end = end;
    return f->end;
}

/* "a decade", "for a year", "a week ago", "half an hour", "a half day",
 * "an hour and a half": an article that stands for one unit of time, or
 * half of one. "half", "a" and "an": most tokens (numbers, nearly all that
 * read_quantity() asks about) are turned away by the first letter (case
 * folded, as token_is_word() compares), without a call. */
static METRIC_INLINE size_t article_duration(const reader *r, size_t i, found *f)
{
    char c = (char)(i < r->end && tk(r, i)->norm_len ? tk(r, i)->norm[0] | 0x20 : 0);
    if (c != 'h' && c != 'a')
        return 0;
    return article_duration_at(r, i, f);
}

/* Read a quantity whose number (or currency) starts at token i. Returns
 * the token after what was read (a refused number is consumed too), or i
 * when nothing starts there; *emit tells whether f holds a metric. */
static size_t read_quantity(reader *r, size_t i, found *f, int *emit)
{
    *emit = 0;
    size_t j = i;
    const char *currency = NULL;
    size_t after;
    const char *cur = currency_before(r, i, &after);
    if (cur) {
        currency = cur;
        j = after;
    }
    /* "USD34.6", "CAD3.03": a code glued to the digits */
    number n;
    int have = 0;
    const lede_token *t = tk(r, j);
    if (!currency && t->kind == LEDE_TOKEN_WORD && t->norm_len > 3 &&
        (t->flags & LEDE_TOKEN_CAPITALIZED) && t->norm[3] >= '0' && t->norm[3] <= '9') {
        const lexicon_entry *e = lexicon_find(&lexicon_currencies, t->norm, 3);
        if (e && e->value == CURRENCY_CODE && t->norm[0] >= 'A' && t->norm[0] <= 'Z' &&
            t->norm[1] >= 'A' && t->norm[1] <= 'Z') {
            memset(&n, 0, sizeof n);
            if (number_scan_token(t->norm + 3, t->norm_len - 3, &n.scan) && !n.scan.bad &&
                n.scan.parts == 1) {
                n.value = n.scan.part[0].value;
                int e2 = n.scan.part[0].suffix_len
                             ? number_scale(n.scan.part[0].suffix, n.scan.part[0].suffix_len, 1)
                             : 0;
                if (n.scan.part[0].suffix_len && !e2)
                    return j + 1;
                for (int q = 0; q < e2; q++)
                    n.value *= 10;
                n.first = j;
                n.end = j + 1;
                long v;
                if (n.end < r->end && !e2 &&
                    (v = lexicon_get(&lexicon_number_words, tk(r, n.end)->norm,
                                     tk(r, n.end)->norm_len)) != 0 &&
                    tk(r, n.end)->norm_len > 3) {
                    const lexicon_entry *w = lexicon_find(&lexicon_number_words, tk(r, n.end)->norm,
                                                          tk(r, n.end)->norm_len);
                    if (w && w->text && w->text[0] == 's') {
                        for (long q = 0; q < v; q++)
                            n.value *= 10;
                        n.end++;
                    }
                }
                currency = e->text;
                have = 1;
            }
        }
    }
    if (!have && !currency && article_duration(r, i, f)) {
        *emit = 1;
        return f->end;
    }
    if (!have &&
        !number_read(r->tok, j, r->end, r->doc->text, currency != NULL, split_at(r, j), &n))
        return i;
    if (!n.tok && n.suffix_len && !currency) {
        /* "a five-year plan", "six-year-old": a unit after a hyphen, as with
         * digits; "two-tier", "one-off" are no metrics */
        const char *h = memchr(n.suffix, '-', n.suffix_len);
        size_t len = h ? (size_t)(h - n.suffix) : n.suffix_len;
        if (!read_suffix(r, n.end, n.suffix, len, f, &currency) || f->m.kind == LEDE_METRIC_UNKNOWN)
            return n.end;
    }
    if (n.ordinal && !currency) {
        /* "the twenty-first century", "the forty-second president" */
        f->first = i;
        f->end = n.end;
        f->m.kind = LEDE_METRIC_ORDINAL;
        f->m.approx = LEDE_APPROX_EXACT;
        f->m.value = n.value;
        f->m.has = LEDE_METRIC_HAS_VALUE;
        *emit = 1;
        return n.end;
    }
    f->first = i;
    f->m.approx = LEDE_APPROX_EXACT;
    size_t k = n.end;
    int range = 0;
    double low = 0, high = 0;
    const number_token *nt = n.tok;
    /* refusals that need nothing but the token */
    if (nt && nt->bad)
        return n.end;
    if (nt && nt->parts > 1) {
        const number_part *p0 = &nt->part[0], *p1 = &nt->part[1];
        if (nt->parts == 3 && !nt->part[2].is_word)
            return n.end; /* a phone number or a date: "650-650-6500", "5/3/18" */
        if (p1->is_word) {
            /* "1,000-strong", "21-year-old", "10-mile", "5-percent" */
            if (p0->suffix_len || p0->leading_zero ||
                (p1->suffix[0] >= 'A' && p1->suffix[0] <= 'Z') ||
                lexicon_find(&lexicon_number_words, p1->suffix, p1->suffix_len))
                return n.end;
            n.value = p0->sign * p0->value;
            const char *w = p1->suffix;
            size_t wl = p1->suffix_len;
            const lexicon_entry *u = lexicon_find(&lexicon_units, w, wl);
            if (nt->sep[1] != '-')
                return n.end;
            if (wl == 7 && memcmp(w, "percent", 7) == 0) {
                f->m.kind = LEDE_METRIC_PERCENT;
                f->unit = "%";
                f->unit_len = 1;
            } else if (u && u->text && wl > 1) {
                f->unit = u->text;
                f->unit_len = strlen(u->text);
                f->m.kind = u->value == UNIT_TIME ? LEDE_METRIC_DURATION : LEDE_METRIC_QUANTITY;
            } else if (lexicon_find(&lexicon_currencies, w, wl)) {
                const lexicon_entry *c = lexicon_find(&lexicon_currencies, w, wl);
                if (c->value == CURRENCY_CODE || c->value == CURRENCY_SYMBOL)
                    return n.end;
                currency = c->text;
                f->m.kind = LEDE_METRIC_MONEY;
            } else if (currency) {
                f->m.kind = LEDE_METRIC_MONEY; /* "a $20-an-hour wage" */
            } else {
                f->m.kind = LEDE_METRIC_COUNT;
                /* "a 1,000-strong force": what is counted is the noun after */
                if (is_lower_word(r, k) && !cue_value(r, k)) {
                    f->unit = tk(r, k)->norm;
                    f->unit_len = tk(r, k)->norm_len;
                    k++;
                } else {
                    f->unit = w;
                    f->unit_len = wl;
                }
            }
            goto qualify;
        }
        /* two numbers: a range, a fraction, a fiscal year, a score or a code */
        if (p0->leading_zero || p1->leading_zero)
            return n.end;
        if (nt->sep[1] == '/') {
            if (p0->suffix_len || p1->suffix_len || p1->value == 0 || p0->digits > 3 ||
                p1->digits > 3 || p0->decimals || p1->decimals)
                return n.end;
            /* "24/7", "50/50" and "9/11" are no fractions: a fraction is
             * proper and its denominator a usual one */
            int den = (int)p1->value;
            if (p0->value >= p1->value || !(den <= 10 || den % 10 == 0 || den == 12 || den == 16 ||
                                            den == 25 || den == 32 || den == 64))
                return n.end;
            n.value = p0->sign * p0->value / p1->value;
            n.fraction = 1;
            goto after_number;
        }
        if (p0->digits == 4 && !p0->suffix_len && !p1->suffix_len && !p0->decimals &&
            p0->value >= 1800 && p0->value < 2200 &&
            ((p1->digits == 2 && (int)p1->value == ((int)p0->value + 1) % 100) ||
             (p1->digits == 4 && p1->value > p0->value && p1->value < 2200))) {
            /* "2012-13", "2019-2021": years */
            int y0 = (int)p0->value;
            int y1 = p1->digits == 2 ? y0 + 1 : (int)p1->value;
            f->m.kind = LEDE_METRIC_DATE;
            set_year(f, y0);
            put_date(f->date_end, y1, 0, 0);
            f->end = n.end;
            *emit = 1;
            return n.end;
        }
        double s0 = 1, s1 = 1;
        int e0 = p0->suffix_len ? number_scale(p0->suffix, p0->suffix_len,
                                               currency != NULL ||
                                                   (p0->suffix[0] >= 'A' && p0->suffix[0] <= 'Z'))
                                : 0;
        int e1 = p1->suffix_len ? number_scale(p1->suffix, p1->suffix_len,
                                               currency != NULL ||
                                                   (p1->suffix[0] >= 'A' && p1->suffix[0] <= 'Z'))
                                : 0;
        if ((p0->suffix_len && !e0) && !(p0->suffix_len == p1->suffix_len &&
                                         memcmp(p0->suffix, p1->suffix, p0->suffix_len) == 0))
            return n.end;
        for (int q = 0; q < e0; q++)
            s0 *= 10;
        for (int q = 0; q < e1; q++)
            s1 *= 10;
        if (!e0 && e1)
            s0 = s1;
        low = p0->sign * p0->value * s0;
        high = p1->sign * p1->value * s1;
        /* "3-1" is a score, "555-1234" a phone number */
        if (high <= low)
            return n.end;
        if ((p0->digits == 3 && p1->digits == 4 && !p0->grouped && !p1->grouped) ||
            p0->digits + p1->digits >= 9)
            return n.end;
        range = 1;
        const char *suffix = p1->suffix_len && !e1 ? p1->suffix : NULL;
        size_t suffix_len = p1->suffix_len && !e1 ? p1->suffix_len : 0;
        k = n.end;
        if (suffix && !read_suffix(r, n.end, suffix, suffix_len, f, &currency))
            return n.end;
        if (f->m.kind == LEDE_METRIC_UNKNOWN) {
            /* "10-20 numbers" and "2-3 percent" read what follows; bare
             * digit pairs are scores or codes unless big enough */
            k = read_after(r, k, f, &currency);
            if (f->m.kind == LEDE_METRIC_UNKNOWN && !currency && p0->value < 10 && p1->value < 10)
                return n.end;
            scale_range(f, &low, &high); /* "14-18 grand" */
        }
        goto qualify;
    }
after_number:
    if (nt && nt->parts == 1) {
        const number_part *p0 = &nt->part[0];
        if (p0->leading_zero && !p0->decimals)
            return n.end;
        if (n.suffix_len == 1 && n.suffix[0] == 'm' && !currency && plural_noun(r, k) &&
            (p0->decimals || n.value < 100)) {
            /* "1.2m people", "3m viewers": millions; "400m hurdles" and "a
             * 1.2m fence" stay metres */
            n.value *= 1e6;
            n.scaled = 1;
        } else if (n.suffix_len) {
            /* ordinals and decades are read elsewhere; "10am" is a time */
            if (!read_suffix(r, n.end, n.suffix, n.suffix_len, f, &currency))
                return n.end;
            k = unit_per(r, k, f); /* "120km/h" */
        }
        if (n.plain_digits && n.digits >= 7 && !currency)
            return n.end; /* a phone number or an identifier */
    }
    /* a range: "8 to 10 million", "$10-$20", "between 2% and 3%" */
    found probe; /* of which only what read_after() reads and writes is used */
    probe.m.kind = LEDE_METRIC_UNKNOWN;
    probe.m.value = probe.m.low = 0;
    probe.unit = NULL;
    probe.unit_len = 0;
    const char *probe_currency = currency;
    int probed = 0;
    size_t probe_end = k;
    {
        int between = i > r->first && word_eq(r, i - 1, "between");
        int from = i > r->first && word_eq(r, i - 1, "from");
        size_t mid = k;
        if (f->m.kind == LEDE_METRIC_UNKNOWN) {
            mid = read_after(r, k, &probe, &probe_currency);
            probed = 1;
            probe_end = mid;
        }
        /* the unit of the first number must not be a counted noun ("3 people to 5") */
        if (probe.m.kind == LEDE_METRIC_COUNT)
            mid = k;
        number second;
        size_t end2 = read_range_end(r, mid, between, from, currency != NULL, &second);
        if (end2 && !(nt && nt->parts > 1)) {
            int ok = second.value > n.value || (second.scaled && !n.scaled);
            /* "to" joins two numbers only after "from" or "between", or
             * when the second carries the unit: "8 to 10 million" */
            if (token_is_word(tk(r, mid), "to") && !from && !between && mid != k) {
                /* "by 15% to 20%": the same unit on both sides */
                found again;
                clear_found(&again);
                const char *again_currency = probe_currency;
                read_after(r, end2, &again, &again_currency);
                if (again.m.kind != probe.m.kind || probe.m.kind == LEDE_METRIC_COUNT)
                    ok = 0;
            }
            /* "climbed $2 to $85" is a change and a level, "could rise 15% to
             * 20%" a range: a change is rarely more than twice another */
            if (token_is_word(tk(r, mid), "to") && !from && !between &&
                (n.spelled != second.spelled ||
                 (after_change_verb(r, i) && second.value > 2 * n.value)))
                ok = 0;
            if (ok) {
                low = n.value;
                high = second.value;
                if (second.scaled && !n.scaled && n.value < second.value) {
                    /* apply the second's scale to the first: "8 to 10 million";
                     * s is the largest power of 1000 not above the second */
                    double s = 1, base = second.value;
                    while (base >= 1000 && s < 1e15) {
                        base /= 1000;
                        s *= 1000;
                    }
                    if (n.value * s <= second.value)
                        low = n.value * s;
                }
                if (probe.m.kind != LEDE_METRIC_UNKNOWN && mid != k) {
                    f->m.kind = probe.m.kind;
                    f->unit = probe.unit;
                    f->unit_len = probe.unit_len;
                    currency = probe_currency;
                    f->m.value = probe.m.value;
                    scale_range(f, &low, &high); /* "10 MUSD to 20 MUSD" */
                }
                if (between || from)
                    f->first = i - 1;
                range = 1;
                k = end2;
                if (probe.m.kind != LEDE_METRIC_UNKNOWN && mid != k) {
                    found again;
                    clear_found(&again);
                    const char *again_currency = currency;
                    size_t k2 = read_after(r, k, &again, &again_currency);
                    if (again.m.kind == probe.m.kind)
                        k = k2;
                }
                if (second.suffix_len &&
                    !read_suffix(r, k, second.suffix, second.suffix_len, f, &currency))
                    return k;
            }
        }
    }
    if (!range)
        low = high = n.value;
    /* a vague amount counts what follows "of" ("thousands of people"), not
     * the word after it ("millions go missing") */
    int vague_of = n.vague && n.end > i && word_eq(r, n.end - 1, "of");
    if (n.vague && !vague_of && !currency) {
        f->m.kind = LEDE_METRIC_NUMBER;
        k = n.end;
    }
    if (f->m.kind == LEDE_METRIC_UNKNOWN) {
        if (probed && !range) {
            /* what follows was read for the range already */
            f->m.kind = probe.m.kind;
            f->unit = probe.unit;
            f->unit_len = probe.unit_len;
            f->m.value = probe.m.value;
            f->m.low = probe.m.low;
            currency = probe_currency;
            k = probe_end;
        } else {
            k = read_after(r, k, f, &currency);
        }
        if (f->m.value > 1 && !range) {
            n.value *= f->m.value; /* "30 MUSD", "10 grand" */
            n.scaled = 1;
        }
        if (range)
            scale_range(f, &low, &high); /* "8 to 10 grand" */
        if (f->m.low > 0 && f->m.low < 1 && !range)
            n.value += f->m.low;
        f->m.value = 0;
        f->m.low = 0;
        if (vague_of && k == n.end)
            k--; /* "hundreds of disappointed fans": no noun read, no "of" kept */
    }
    if (currency && f->m.kind != LEDE_METRIC_MONEY) {
        if (f->m.kind == LEDE_METRIC_UNKNOWN || f->m.kind == LEDE_METRIC_COUNT)
            f->m.kind = LEDE_METRIC_MONEY;
    }
    if (currency && f->m.kind == LEDE_METRIC_COUNT)
        f->m.kind = LEDE_METRIC_MONEY;
qualify:
    if (currency && !range && !f->unit && f->m.kind != LEDE_METRIC_UNKNOWN) {
        /* "$20 and 43c", "3 CAD 3 cents" */
        double cents = 0;
        size_t after = minor_units(r, k, 0, &cents);
        if (after != k) {
            n.value += cents;
            k = after;
        }
    }
    f->end = k;
    /* times of day and labels */
    if (k < r->end && (word_eq(r, k, "a.m.") || word_eq(r, k, "p.m.") || word_eq(r, k, "am") ||
                       word_eq(r, k, "pm") || word_eq(r, k, "o'clock") || word_eq(r, k, "gmt") ||
                       word_eq(r, k, "utc")))
        return k;
    if (f->m.kind == LEDE_METRIC_COUNT &&
        (f->unit_len == 2 && (memcmp(f->unit, "am", 2) == 0 || memcmp(f->unit, "pm", 2) == 0)))
        return k;
    size_t start = f->first;
    /* a comparison or an approximation in front */
    size_t cue_at = 0;
    const lexicon_entry *cue = cue_before(r, start, &cue_at);
    /* "$150 million over three years": a period after an amount, not a bound */
    size_t nm = r->doc->metrics.count;
    if (cue && f->m.kind == LEDE_METRIC_DURATION && word_eq(r, cue_at, "over") &&
        cue_at == start - 1 && cue_at > r->first && nm &&
        VEC_AT(r->doc->metrics, lede_metric, nm - 1).span.end == tk(r, cue_at - 1)->span.end)
        cue = NULL;
    if (cue && cue->value >= CUE_ABOUT && cue->value <= CUE_LESS_THAN) {
        /* "over" and "under" after a number-free verb are still bounds */
        set_approx(f, cue->value);
        f->first = cue_at;
    }
    /* "500 or more", "65 and over", "ten or fewer": a bound after it, which
     * outweighs an "about" before */
    if ((f->m.approx == LEDE_APPROX_EXACT || f->m.approx == LEDE_APPROX_ABOUT) && !range &&
        k + 1 < r->end && (word_eq(r, k, "or") || word_eq(r, k, "and"))) {
        const lede_token *b = tk(r, k + 1);
        int is_or = word_eq(r, k, "or");
        if ((is_or && (token_is_word(b, "more") || token_is_word(b, "greater") ||
                       token_is_word(b, "higher") || token_is_word(b, "older"))) ||
            token_is_word(b, "over") || token_is_word(b, "above")) {
            f->m.approx = LEDE_APPROX_AT_LEAST;
            f->end = k = k + 2;
        } else if (is_or && (token_is_word(b, "less") || token_is_word(b, "fewer") ||
                             token_is_word(b, "lower") || token_is_word(b, "younger") ||
                             token_is_word(b, "below") || token_is_word(b, "under"))) {
            f->m.approx = LEDE_APPROX_AT_MOST;
            f->end = k = k + 2;
        }
        if (is_or && f->m.approx != LEDE_APPROX_EXACT && f->m.kind == LEDE_METRIC_UNKNOWN &&
            !currency) {
            k = read_after(r, k, f, &currency); /* "500 or more homes" */
            f->m.value = 0;
            f->m.low = 0;
            f->end = k;
        }
    }
    int qualified = f->m.approx != LEDE_APPROX_EXACT;
    int labelled = labels_number(r, start - 1) ||
                   (start > r->first + 1 && token_is_char(tk(r, start - 1), '(') && k < r->end &&
                    token_is_char(tk(r, k), ')') && k + 1 < r->end &&
                    tk(r, k + 1)->kind == LEDE_TOKEN_NUMBER);
    if (currency && f->m.kind != LEDE_METRIC_MONEY)
        f->m.kind = LEDE_METRIC_MONEY;
    if (f->m.kind == LEDE_METRIC_COUNT && !range && !n.ratio && !n.scaled && !n.fraction &&
        !number_is_whole(n.value) && n.value > 1 && f->unit_len &&
        f->unit[f->unit_len - 1] != 's') {
        /* "magnitude 6.5 tremor": a count of one thing is whole; "16.25
         * nanometers" and "½ cup" measure in a unit the lexicon lacks */
        f->m.kind = LEDE_METRIC_NUMBER;
        f->unit = NULL;
        f->unit_len = 0;
        f->end = k = n.end;
    }
    if (n.ratio && f->m.kind == LEDE_METRIC_COUNT) {
        f->m.kind = LEDE_METRIC_NUMBER;
        f->ratio = 1;
    }
    if (f->m.kind == LEDE_METRIC_UNKNOWN)
        f->m.kind = LEDE_METRIC_NUMBER;
    int plain = f->m.kind == LEDE_METRIC_NUMBER || f->m.kind == LEDE_METRIC_COUNT;
    if (labelled && (plain || f->m.kind == LEDE_METRIC_QUANTITY) && !qualified)
        return k;
    /* "123 456 789" without a unit is a phone number more often than not */
    if (n.spaced && n.value >= 1e6 && f->m.kind == LEDE_METRIC_NUMBER)
        return k;
    /* "in 2009", "the 2019 election(s)", "2024 figures": years are dates;
     * "sent 2000 troops", a round number without a determiner before it, a
     * count */
    int counted = f->m.kind == LEDE_METRIC_COUNT && f->unit_len > 1 && number_is_whole(n.value) &&
                  (long)n.value % 50 == 0 && f->unit[f->unit_len - 1] == 's' && f->first == i &&
                  i > r->first && !word_eq(r, i - 1, "the") && !word_eq(r, i - 1, "its") &&
                  !word_eq(r, i - 1, "their") && !word_eq(r, i - 1, "this") &&
                  !word_eq(r, i - 1, "of") && !word_eq(r, i - 1, "in") &&
                  !(tk(r, i - 1)->norm_len > 2 &&
                    tk(r, i - 1)->norm[tk(r, i - 1)->norm_len - 1] == 's' &&
                    tk(r, i - 1)->norm[tk(r, i - 1)->norm_len - 2] == '\'');
    if (!range && n.plain_digits && n.digits == 4 && n.value >= 1000 && n.value < 2200 && plain &&
        !qualified && !counted && !(nt && nt->parts > 1)) {
        f->m.kind = LEDE_METRIC_DATE;
        f->m.approx = LEDE_APPROX_EXACT;
        f->unit = NULL;
        f->unit_len = 0;
        f->end = n.end;
        set_year(f, (int)n.value);
        size_t ms;
        int mod = mod_before(r, start, &ms);
        if (mod) {
            f->m.mod = mod;
            f->first = ms;
        }
        *emit = 1;
        return n.end;
    }
    /* "4 years and 6 months": one duration, in its smallest unit */
    if (f->m.kind == LEDE_METRIC_DURATION && !range)
        f->end = k = compound_duration(r, k, f, &n.value);
    /* "two months ago": a date */
    if (f->m.kind == LEDE_METRIC_DURATION && !range && word_eq(r, k, "ago")) {
        int grain = unit_grain(f->unit, f->unit_len);
        f->m.kind = LEDE_METRIC_DATE;
        f->end = k + 1;
        f->m.grain = grain;
        /* whole and within ten thousand years of the document, so the date
         * arithmetic cannot overflow */
        int shifts = r->year && number_is_whole(n.value) && n.value < 1e6 && n.value > -1e6;
        if (grain == LEDE_GRAIN_WEEK && shifts)
            shift_date(r, f, LEDE_GRAIN_DAY, -7 * (long)n.value); /* "two weeks ago": a day */
        else if (grain && shifts)
            shift_date(r, f, grain, -(long)n.value);
        else if (!grain)
            f->m.grain = LEDE_GRAIN_DAY;
        f->unit = NULL;
        f->unit_len = 0;
        f->m.approx = f->m.approx == LEDE_APPROX_EXACT ? LEDE_APPROX_EXACT : f->m.approx;
        *emit = r->year || grain;
        return f->end;
    }
    /* "in two weeks", "three years from now": a date ahead */
    if (f->m.kind == LEDE_METRIC_DURATION && !range &&
        duration_ahead(r, f->first, k, f, n.value, 1)) {
        *emit = 1;
        return f->end;
    }
    /* "one of", "one another", "day one", "no one": a lone spelled-out one
     * with nothing counted is a pronoun more often than a number */
    if (n.spelled && n.value == 1 && plain && !range) {
        if ((k < r->end && (word_eq(r, k, "of") || word_eq(r, k, "another"))) ||
            (f->m.kind == LEDE_METRIC_NUMBER && !qualified && k == n.end && n.end == n.first + 1 &&
             !((word_eq(r, k, "and") || word_eq(r, k, "or")) && k + 1 < r->end &&
               (tk(r, k + 1)->kind == LEDE_TOKEN_NUMBER ||
                token_lexicon(tk(r, k + 1), &lexicon_number_words)))))
            return k; /* "one or two" stays a number */
    }
    if (n.vague) {
        f->m.approx = LEDE_APPROX_AT_LEAST;
        f->m.low = n.value;
        f->m.has = LEDE_METRIC_HAS_LOW;
    } else if (range) {
        f->m.low = low;
        f->m.high = high;
        f->m.has = LEDE_METRIC_HAS_LOW | LEDE_METRIC_HAS_HIGH;
    } else {
        f->m.value = n.value;
        f->m.has = LEDE_METRIC_HAS_VALUE;
        switch (f->m.approx) {
        case LEDE_APPROX_MORE_THAN:
        case LEDE_APPROX_AT_LEAST:
            f->m.low = n.value;
            f->m.has |= LEDE_METRIC_HAS_LOW;
            break;
        case LEDE_APPROX_LESS_THAN:
        case LEDE_APPROX_AT_MOST:
        case LEDE_APPROX_UP_TO:
            f->m.high = n.value;
            f->m.has |= LEDE_METRIC_HAS_HIGH;
            break;
        default:
            break;
        }
    }
    if (currency) {
        f->m.currency = currency;
        f->m.currency_len = strlen(currency);
    }
    *emit = 1;
    return f->end;
}

/* read_ordinal() past the test of its last byte. */
static int read_ordinal_at(const reader *r, size_t i, found *f)
{
    const lede_token *t = tk(r, i);
    if (t->kind == LEDE_TOKEN_NUMBER) {
        const number_token *nt = scan_at(r, i);
        if (!nt || nt->bad || nt->parts != 1 || nt->year)
            return 0;
        const number_part *p = &nt->part[0];
        if (p->suffix_len != 2 || p->decimals || p->sign < 0)
            return 0;
        if (memcmp(p->suffix, "st", 2) && memcmp(p->suffix, "nd", 2) &&
            memcmp(p->suffix, "rd", 2) && memcmp(p->suffix, "th", 2))
            return 0;
        if (labels_number(r, i - 1))
            return 0;
        f->m.value = p->value;
    } else if (t->kind == LEDE_TOKEN_WORD) {
        const lexicon_entry *e = lexicon_find(&lexicon_number_words, t->norm, t->norm_len);
        if (!e || !e->text || e->text[0] != 'o' || t->norm[t->norm_len - 1] == 's')
            return 0;
        /* "a second", "the second half": time and halves; "second" alone is
         * too often the unit */
        if (token_is_word(t, "second") && i > r->first && word_eq(r, i - 1, "a"))
            return 0;
        if (t->flags & LEDE_TOKEN_CAPITALIZED && i > r->first)
            return 0; /* "World War Second", names */
        f->m.value = (double)e->value;
    } else {
        return 0;
    }
    f->first = i;
    f->end = i + 1;
    f->m.kind = LEDE_METRIC_ORDINAL;
    f->m.approx = LEDE_APPROX_EXACT;
    f->m.has = LEDE_METRIC_HAS_VALUE;
    return 1;
}

/* An ordinal: "third", "21st". A number token is one only where it ends
 * in "st", "nd", "rd" or "th" (its suffix, in one part, runs to its end):
 * read_run() asks about every number, and most are turned away by
 * their last byte, without a call. */
static METRIC_INLINE int read_ordinal(const reader *r, size_t i, found *f)
{
    const lede_token *t = tk(r, i);
    if (t->kind == LEDE_TOKEN_NUMBER) {
        char c = t->norm_len ? t->norm[t->norm_len - 1] : 0;
        if (c != 't' && c != 'd' && c != 'h')
            return 0;
    }
    return read_ordinal_at(r, i, f);
}

/* ------------------------------------------------------------------ */
/* Change and subject                                                  */

/* A word that may stand between a verb of change and its number: "rose by
 * about", "has been", "fell more than". The first letter (case folded, as
 * token_is_word() compares) picks the words to compare. */
static int change_filler(const reader *r, size_t k)
{
    /* the lengths of the words of each first letter: most words are
     * turned away here, and the switch below, which the processor cannot
     * foresee, is left to the few others */
    static const uint16_t lengths[26] = {
        ['a' - 'a'] = 1 << 1 | 1 << 2 | 1 << 5 | 1 << 6 | 1 << 7,
        ['b' - 'a'] = 1 << 2 | 1 << 4,
        ['h' - 'a'] = 1 << 3 | 1 << 4,
        ['j' - 'a'] = 1 << 4,
        ['m' - 'a'] = 1 << 4,
        ['n' - 'a'] = 1 << 6,
        ['o' - 'a'] = 1 << 2 | 1 << 4,
        ['r' - 'a'] = 1 << 7,
        ['s' - 'a'] = 1 << 4 | 1 << 7,
        ['t' - 'a'] = 1 << 2 | 1 << 4,
    };
    if (k < r->first || k >= r->end || tk(r, k)->norm_len == 0 || tk(r, k)->norm_len > 7)
        return 0;
    unsigned char c = (unsigned char)(tk(r, k)->norm[0] | 0x20);
    if (c < 'a' || c > 'z' || !((lengths[c - 'a'] >> tk(r, k)->norm_len) & 1))
        return 0;
    switch (c) {
    case 'a':
        return word_eq(r, k, "a") || word_eq(r, k, "an") || word_eq(r, k, "about") ||
               word_eq(r, k, "almost") || word_eq(r, k, "around") || word_eq(r, k, "another") ||
               word_eq(r, k, "at");
    case 'b':
        return word_eq(r, k, "by") || word_eq(r, k, "been");
    case 'h':
        return word_eq(r, k, "has") || word_eq(r, k, "have") || word_eq(r, k, "had");
    case 'j':
        return word_eq(r, k, "just");
    case 'm':
        return word_eq(r, k, "more");
    case 'n':
        return word_eq(r, k, "nearly");
    case 'o':
        return word_eq(r, k, "over") || word_eq(r, k, "only") || word_eq(r, k, "of");
    case 'r':
        return word_eq(r, k, "roughly");
    case 's':
        return word_eq(r, k, "some") || word_eq(r, k, "sharply");
    case 't':
        return word_eq(r, k, "to") || word_eq(r, k, "than");
    default:
        return 0;
    }
}

static void read_change_and_subject(reader *r, found *f)
{
    /* a verb of change before: "rose 6.2%", "fell by about 3%"; or a
     * copula: "unemployment was 4.1%", "stood at" */
    size_t verb = LEDE_NONE, copula = LEDE_NONE;
    for (size_t back = 1; back <= CHANGE_LOOKBACK && f->first >= r->first + back; back++) {
        size_t k = f->first - back;
        long v = cue_value(r, k);
        int cop = -1; /* is_copula(r, k) once asked: the test below asks again */
        if (copula == LEDE_NONE && (cop = is_copula(r, k)) != 0)
            copula = k;
        if (v == CUE_UP || v == CUE_DOWN) {
            if (f->m.kind == LEDE_METRIC_DATE || f->m.kind == LEDE_METRIC_ORDINAL)
                break;
            /* "up to" and "down to" have been read as bounds already */
            f->m.change = v == CUE_UP ? LEDE_CHANGE_UP : LEDE_CHANGE_DOWN;
            verb = k;
            break;
        }
        if (!is_word(r, k) || (v && v != CUE_NOT_COUNTED && v > CUE_LESS_THAN))
            break;
        if (is_lower_word(r, k) && !v)
            continue; /* "cut rates by" */
        if (!change_filler(r, k) && !(cop >= 0 ? cop : is_copula(r, k)))
            break;
    }
    /* or a noun after: "a 5% rise" */
    if (!f->m.change && f->end < r->end && is_word(r, f->end) && f->m.kind != LEDE_METRIC_DATE &&
        f->m.kind != LEDE_METRIC_COUNT) {
        long v = cue_value(r, f->end);
        const lede_token *t = tk(r, f->end);
        if ((v == CUE_UP || v == CUE_DOWN) && !token_is_word(t, "up") &&
            !token_is_word(t, "down") && t->norm_len > 3 &&
            !(t->norm[t->norm_len - 2] == 'e' && t->norm[t->norm_len - 1] == 'd'))
            f->m.change = v == CUE_UP ? LEDE_CHANGE_UP : LEDE_CHANGE_DOWN;
    }
    if (f->m.kind == LEDE_METRIC_DATE || f->m.kind == LEDE_METRIC_ORDINAL ||
        f->m.kind == LEDE_METRIC_DURATION)
        return;
    size_t a = 0, b = 0;
    int have = 0;
    if ((f->m.kind == LEDE_METRIC_COUNT || f->ratio) && f->unit) {
        f->subject_is_unit = 1; /* emit() points the subject at the unit it keeps */
        return;
    }
    if (subject_after_of(r, f->end, &a, &b)) {
        have = 1;
    } else if ((f->m.kind == LEDE_METRIC_PERCENT || f->m.kind == LEDE_METRIC_MONEY ||
                f->m.kind == LEDE_METRIC_PERCENTAGE_POINTS) &&
               is_lower_word(r, f->end) && !cue_value(r, f->end) &&
               !token_lexicon(tk(r, f->end), &lexicon_tense_cues) &&
               !token_lexicon(tk(r, f->end), &lexicon_function_words) &&
               !lexicon_get(&lexicon_number_words, tk(r, f->end)->norm, tk(r, f->end)->norm_len) &&
               !(tk(r, f->end)->norm_len > 3 &&
                 tk(r, f->end)->norm[tk(r, f->end)->norm_len - 2] == 'l' &&
                 tk(r, f->end)->norm[tk(r, f->end)->norm_len - 1] == 'y')) {
        /* "the 2% target", "a $5 billion deal", "a £6 minimum wage" */
        a = f->end;
        b = noun_run(r, f->end, SUBJECT_WORDS);
        if (b == a)
            b = a + 1;
        have = 1;
    } else if (verb != LEDE_NONE &&
               (object_after(r, verb, &a, &b) || subject_before(r, verb, &a, &b))) {
        have = 1;
    } else if (verb == LEDE_NONE && copula != LEDE_NONE && subject_before(r, copula, &a, &b)) {
        have = 1;
    }
    if (!have) {
        /* "revenue grew 8% to $1.2bn": the level after a change measures
         * what the change does */
        size_t n = r->doc->metrics.count;
        const lede_metric *prev = n ? &VEC_AT(r->doc->metrics, lede_metric, n - 1) : NULL;
        if (prev && prev->subject && prev->change && prev->sentence == r->sentence &&
            f->first > r->first + 1 && word_eq(r, f->first - 1, "to") &&
            prev->span.end == tk(r, f->first - 2)->span.end) {
            f->m.subject = prev->subject;
            f->m.subject_len = prev->subject_len;
        }
        return;
    }
    size_t len = 0;
    char *s = token_join(&r->doc->arena, r->tok, a, b, &len);
    if (!s) {
        r->failed = 1;
        return;
    }
    f->m.subject = s;
    f->m.subject_len = len;
}

/* ------------------------------------------------------------------ */
/* Output                                                              */

static const char *arena_copy(reader *r, const char *s, size_t len)
{
    if (!s || !len)
        return NULL;
    char *c = arena_strndup(&r->doc->arena, s, len);
    if (!c)
        r->failed = 1;
    return c;
}

static void emit(reader *r, found *f)
{
    if (f->end <= f->first)
        return;
    /* not zeroed: every field is written below (lede_metric has no
     * padding) */
    lede_metric *m = vec_push_uninit(&r->doc->arena, &r->doc->metrics);
    if (!m) {
        r->failed = 1;
        return;
    }
    m->span = span_make(tk(r, f->first)->span.begin, tk(r, f->end - 1)->span.end);
    m->kind = f->m.kind;
    m->approx = f->m.approx == LEDE_APPROX_UNKNOWN ? LEDE_APPROX_EXACT : f->m.approx;
    m->value = f->m.value;
    m->low = f->m.low;
    m->high = f->m.high;
    m->has = f->m.has;
    m->change = f->m.change;
    m->unit = NULL;
    m->unit_len = 0;
    m->currency = f->m.currency;
    m->currency_len = f->m.currency_len;
    m->date = NULL;
    m->date_len = 0;
    m->date_end = NULL;
    m->date_end_len = 0;
    m->grain = f->m.grain;
    m->mod = f->m.mod;
    m->subject = f->m.subject;
    m->subject_len = f->m.subject_len;
    m->sentence = r->sentence;
    m->quote = LEDE_NONE;
    m->speaker = LEDE_NONE;
    if (f->unit && f->unit_len) {
        /* A unit is a static or lexicon string or a token's text, which
         * live as long as the document: one that a NUL ends where it ends
         * (the strings, and a token's own copy of its normalized form) is
         * borrowed as it is; the text is copied to end in one. */
        m->unit = f->unit[f->unit_len] == '\0' ? f->unit : arena_copy(r, f->unit, f->unit_len);
        m->unit_len = m->unit ? f->unit_len : 0;
    }
    if (f->subject_is_unit && m->unit) {
        m->subject = m->unit;
        m->subject_len = m->unit_len;
        if (f->ratio) {
            m->unit = NULL; /* a proportion has no unit; the noun is its subject */
            m->unit_len = 0;
        }
    }
    if (f->date[0]) {
        size_t n = strlen(f->date);
        m->date = arena_copy(r, f->date, n);
        m->date_len = m->date ? n : 0;
    }
    if (f->date_end[0]) {
        size_t n = strlen(f->date_end);
        m->date_end = arena_copy(r, f->date_end, n);
        m->date_end_len = m->date_end ? n : 0;
    }
    if (m->kind != LEDE_METRIC_DATE)
        m->grain = LEDE_GRAIN_UNKNOWN;
}

/* Punctuation that digits of phone numbers, addresses and codes stand
 * between: "+1 (123) 456-7890", "12::1", "0176 12 34 56". */
static int soup_punct(const lede_token *t)
{
    return t->kind == LEDE_TOKEN_PUNCT && t->norm_len <= 3 &&
           (token_is_char(t, '(') || token_is_char(t, ')') || token_is_char(t, '-') ||
            token_is_char(t, '.') || token_is_char(t, ':') || token_is_char(t, '/') ||
            token_is_dash(t) || (t->norm_len == 2 && t->norm[0] == ':' && t->norm[1] == ':'));
}

static int is_fraction_token(const reader *r, size_t i)
{
    const number_token *nt = scan_at(r, i);
    if (!nt || nt->bad || nt->year)
        return 0;
    return (nt->parts == 2 && nt->sep[1] == '/') || (nt->parts == 1 && nt->part[0].digits == 0);
}

/* A run of numbers with nothing but spaces and such punctuation between
 * them, from token i: digits of one code, not quantities. Returns the end
 * of the run when it is one, i otherwise. Numbers in digit groups ("1 000
 * 000"), a number and a fraction ("10 1/2") and "8 - 10" are not. */
static size_t digit_soup(const reader *r, size_t i)
{
    size_t j = i, numbers = 0, puncts = 0, digits = 0;
    int plus = token_is_char(tk(r, i), '+'), colon = 0, leading_zero = 0, groups = 1;
    int en_dash = 0; /* "1000–5000": phone numbers are written with hyphens */
    if (plus)
        j++;
    for (; j < r->end; j++) {
        const lede_token *t = tk(r, j);
        if (t->kind == LEDE_TOKEN_NUMBER) {
            const number_token *nt = scan_at(r, j);
            if (!nt)
                break;
            if (nt->parts >= 1 && nt->part[0].suffix_len)
                break;
            for (int k = 0; k < nt->parts; k++) {
                digits += (size_t)nt->part[k].digits;
                if (numbers == 0 || t->norm_len != 3)
                    leading_zero |= nt->part[k].leading_zero;
            }
            /* "1 000 000", "1 234 567.89" */
            int group = t->norm_len == 3 || (t->norm_len > 4 && t->norm[3] == '.');
            if (numbers > 0 && !(group && puncts == 0))
                groups = 0;
            if (numbers == 0 && t->norm_len > 3)
                groups = 0;
            numbers++;
            continue;
        }
        if (t->kind == LEDE_TOKEN_SYMBOL && token_is_char(t, '+') && numbers == 0) {
            plus = 1;
            continue;
        }
        if (!soup_punct(t))
            break;
        colon |= t->norm[0] == ':';
        en_dash |= token_is_dash(t) && !token_is_char(t, '-');
        /* a closing ")" or a sentence's "." ends the run unless digits follow */
        if (j + 1 >= r->end || (tk(r, j + 1)->kind != LEDE_TOKEN_NUMBER &&
                                !soup_punct(tk(r, j + 1)) && !token_is_char(tk(r, j + 1), '+')))
            break;
        puncts++;
    }
    if (numbers == 0)
        return i;
    if (numbers == 1)
        return plus || (colon && puncts) ? j : i;
    if (colon || plus || leading_zero)
        return j;
    if (numbers == 2 && puncts == 0 && is_fraction_token(r, j - 1))
        return i;
    if (numbers == 2 && puncts == 1 && (digits < 7 || en_dash))
        return i; /* "8 - 10" */
    if (groups && puncts == 0)
        return i;
    return j;
}

/* "more than 100 and less than 300": a lower bound, "and" or "but", and an
 * upper bound of the same kind make one range. */
static void two_sided(reader *r, found *f)
{
    if (f->m.kind == LEDE_METRIC_DATE || f->end + 2 >= r->end ||
        !(f->m.approx == LEDE_APPROX_MORE_THAN || f->m.approx == LEDE_APPROX_AT_LEAST) ||
        !(word_eq(r, f->end, "and") || word_eq(r, f->end, "but")))
        return;
    size_t cue_end = 0;
    const lexicon_entry *cue = phrase(r, &lexicon_metric_cues, f->end + 1, &cue_end);
    if (!cue || !(cue->value == CUE_LESS_THAN || cue->value == CUE_AT_MOST) || cue_end >= r->end)
        return;
    found g;
    clear_found(&g);
    int got = 0;
    read_quantity(r, cue_end, &g, &got);
    /* "above 1000 and below 1500 points": the unit may come last */
    int adopt = got && f->m.kind == LEDE_METRIC_NUMBER && !f->m.currency &&
                (g.m.kind == LEDE_METRIC_COUNT || g.m.kind == LEDE_METRIC_QUANTITY ||
                 g.m.kind == LEDE_METRIC_PERCENT);
    if (!got || (g.m.kind != f->m.kind && !adopt) || g.first != f->end + 1 ||
        !(g.m.has & LEDE_METRIC_HAS_HIGH) || !(f->m.has & LEDE_METRIC_HAS_LOW) ||
        g.m.high <= f->m.low || (f->m.currency != g.m.currency && g.m.currency))
        return;
    if (adopt) {
        f->m.kind = g.m.kind;
        f->unit = g.unit;
        f->unit_len = g.unit_len;
    }
    f->m.high = g.m.high;
    f->m.has = LEDE_METRIC_HAS_LOW | LEDE_METRIC_HAS_HIGH;
    f->m.value = 0;
    f->m.approx = LEDE_APPROX_EXACT;
    f->end = g.end;
}

/* What a hyphenated word can begin (word_starts_metric() below): kept
 * out of the loop of next_candidate(), which few such words reach. */
static __attribute__((noinline)) long hyphenated_starts_metric(const char *s, size_t n)
{
    unsigned char c0 = (unsigned char)s[0];
    if (c0 == 'm' || c0 == 'e' || c0 == 'l')
        return START_OTHER; /* "mid-2025", "early-June" */
    size_t len = (size_t)((const char *)memchr(s, '-', n) - s);
    if (len == 0)
        return 0;
    /* "forty-eight": only number words begin a hyphenated word, and
     * months and weekdays ("June-August", "Monday-Friday") */
    return lexicon_get(&lexicon_metric_starts, s, len) &
           (START_NUMBER | START_MONTH | START_WEEKDAY);
}

/* What a word without a '-' that the filter of metric_starts let through
 * can begin: "a" and "an", the articles, are answered without the
 * lexicon. */
static METRIC_INLINE long listed_starts(const char *s, size_t n)
{
    if (n <= 2) {
        if (n == 0)
            return 0; /* a word the tokenizer emptied ("\u200b"): no lookup */
        if ((s[0] | 0x20) == 'a' && (n == 1 || (s[1] | 0x20) == 'n'))
            return START_ARTICLE;
    }
    const lexicon_entry *e = lexicon_hash_probe(&lexicon_metric_starts, s, n);
    return e ? e->value : 0;
}

/* What a word can begin, from its first hyphen-separated piece; `dash`
 * says whether it holds a '-'. No key of metric_starts holds one (test_metric
 * checks it), so a hyphenated word is asked about its first piece alone, and
 * any other whole: the lexicon's filter turns most words away without
 * hashing. */
static METRIC_INLINE long word_starts_metric(const char *s, size_t n, int dash,
                                             const uint64_t *filter, uint32_t shift)
{
    if (dash)
        return hyphenated_starts_metric(s, n);
    /* the test of lexicon_may_hold() with the filter of metric_starts that
     * the caller keeps at hand: most words end here */
    uint32_t f = lexicon_filter_key(s, n) >> shift;
    if (!((filter[f / 64] >> (f % 64)) & 1))
        return 0;
    return listed_starts(s, n);
}

/* Can the article at token i begin a metric: "a dozen", "a third", "a
 * couple of", "a decade"? The word after it must be a number word or a
 * unit of time. */
static int article_starts_metric(const reader *r, size_t i)
{
    if (i + 1 >= r->end)
        return 0;
    if (glued(r, i + 1))
        return 1; /* "A$40" */
    if (!is_word(r, i + 1))
        return 0;
    const lede_token *u = tk(r, i + 1);
    size_t len = first_piece_len(u->norm, u->norm_len);
    return (lexicon_get(&lexicon_metric_starts, u->norm, len) & START_NUMBER) ||
           token_is_word(u, "couple") || lexicon_get(&lexicon_units, u->norm, len) == UNIT_TIME;
}

/* Is the month's name t, not capitalized, the verb "may" or "march" before
 * another word ("may be", "march on")? Those are the month only before a
 * year (month_word_at()), and "may" the holiday only before "day": before
 * any other word they begin nothing that the readers of dates, quantities
 * and ordinals would find, and most "may" are the verb. */
static METRIC_INLINE int month_is_verb(const lede_token *t, const lede_token *stop)
{
    if ((t->flags & LEDE_TOKEN_CAPITALIZED) || t + 1 >= stop || t[1].kind != LEDE_TOKEN_WORD ||
        token_is_word(&t[1], "day"))
        return 0;
    return token_is_word(t, "may") || token_is_word(t, "march");
}

/* The end of the run of text without a '-' from byte b on: the next '-',
 * or the end of the text. */
static __attribute__((noinline)) size_t next_dash(const reader *r, size_t b)
{
    const char *d = memchr(r->doc->text + b, '-', r->doc->len - b);
    return d ? (size_t)(d - r->doc->text) : r->doc->len;
}

/* Can the capitalized word t begin a code or a currency, though it begins
 * nothing of metric_starts? Capitalized words begin codes ("Q3", "H1",
 * "FY2024") and currencies ("US$", "GBP", "USD34.6") too: of the short
 * words with a capital Q, F or H ("He", "For"), only the codes, whose letter
 * a digit or the "Y" of "FY" follows; of the words in capitals ("BBC",
 * "FTSE"), only a currency code (every code of data/currencies.txt has
 * three letters), alone or with digits glued. */
static METRIC_INLINE int capital_may_start(const lede_token *t, const lede_token *stop)
{
    const char *s = t->norm;
    size_t n = t->norm_len;
    if (n <= 6 && n >= 2 && (s[0] == 'Q' || s[0] == 'F' || s[0] == 'H') &&
        ((s[1] >= '0' && s[1] <= '9') || s[1] == 'Y'))
        return 1;
    if (t + 1 < stop && !(t[1].flags & LEDE_TOKEN_SPACE_BEFORE) && t[1].kind == LEDE_TOKEN_SYMBOL)
        return 1;
    if (!(t->flags & LEDE_TOKEN_ALL_CAPS) || n < 3 || (n > 3 && !(s[3] >= '0' && s[3] <= '9')))
        return 0;
    return lexicon_get(&lexicon_currencies, s, 3) == CURRENCY_CODE;
}

/* The first token of [t, stop) that may begin a metric or needs a closer
 * look, or stop. Passed over are punctuation and the plain words: as the
 * text writes them, without a '-' (they end at `clear` or before: see
 * next_candidate()), and of no key's class in the table of byte classes
 * of metric_starts (lib/lexicon.h), which one word in ten passes, about
 * twice as many as the lexicon's filter, at half the filter's cost: the
 * filter is asked next, of those (no norm is empty, so a word of one byte
 * is its first, middle and last byte).
 * Most tokens are such: this loop makes no call, so that all it needs
 * stays in registers. A capitalized word is passed over too where
 * capital_may_start() says no without a lookup: not in capitals, its
 * second byte a lower-case letter or past ASCII (no digit, no "Y"; of a
 * word of one byte, the text's next byte, there as the text ends in a
 * NUL, and capital_may_start() says no to one byte anyway), and no symbol
 * glued after it. One word in eight is capitalized, and each cost a
 * return to next_candidate() and the filter key there. *passed tells
 * whether the word returned is such a word of a key's class:
 * next_candidate() need not test it for a '-'. */
static METRIC_INLINE const lede_token *skip_plain_words(const lede_token *t, const lede_token *stop,
                                                        const char *text, size_t clear, int *passed)
{
    *passed = 0;
    for (; t < stop; t++) {
        if (t->kind != LEDE_TOKEN_WORD) {
            if (t->kind == LEDE_TOKEN_PUNCT || t->kind == LEDE_TOKEN_URL)
                continue;
            break;
        }
        const char *s = t->norm;
        size_t n = t->norm_len;
        /* its own text, s == text + span.begin, and ending at `clear` or
         * before: one test. A norm that is not the text is a copy of its
         * own (lib/token.c), in memory apart from the text and its
         * padding, which ends past `clear` then or, below the text, wraps
         * round to more than any `clear` */
        if ((uintptr_t)s + n - (uintptr_t)text > clear)
            break;
        if ((t->flags & LEDE_TOKEN_CAPITALIZED) &&
            ((t->flags & LEDE_TOKEN_ALL_CAPS) || (unsigned char)s[1] < 'a' ||
             (t + 1 < stop && !(t[1].flags & LEDE_TOKEN_SPACE_BEFORE) &&
              t[1].kind == LEDE_TOKEN_SYMBOL)))
            break;
        if ((lexicon_metric_starts_classes[lexicon_class_slot(s, n)] >> lexicon_class_bit(s, n)) &
            1) {
            *passed = 1;
            break;
        }
    }
    return t;
}

/* The reader on sentence s. */
static METRIC_INLINE void enter_sentence(reader *r, size_t s)
{
    const lede_sentence *sent = &VEC_AT(r->doc->sentences, lede_sentence, s);
    r->sentence = s;
    r->first = sent->token_first;
    r->end = sent->token_first + sent->token_count;
}

/* Where a metric may begin: a token, and what word_starts_metric() says of
 * it (0 for a number, a symbol or a capitalized word). Returned by value,
 * in two registers. */
typedef struct candidate {
    size_t at;
    long starts;
} candidate;

/* The first token from i on that may begin a metric: a number or a
 * symbol, a word that begins a metric (an article only where
 * article_starts_metric() says so: most are passed over here, without a
 * return to read_run() for each), or a capitalized word that may begin a
 * code or a currency. A sentence without one from i on is left for the
 * next of read_run()'s sentences, which r is moved on to (i <= r->end);
 * at the end of the last, r->end is returned. Most tokens of a sentence
 * are passed over by skip_plain_words(), the others here.
 *
 * Few words hold a '-', and a test of each word for one cost as much as
 * the filter, with a branch on its length that the processor could not
 * foresee. The text is searched instead: one memchr() from a word to the
 * next '-' (r->clear) answers for every word up to there whose normalized
 * form is its text (the tokens come in text order, the sentences too), so
 * the search runs once for each '-' of the text that a word reaches. A
 * word whose form the tokenizer changed is tested itself. */
static __attribute__((noinline)) candidate next_candidate(reader *r, size_t i)
{
    const lede_token *t = r->tok + i, *stop = r->tok + r->end;
    const char *text = r->doc->text;
    long c = 0;
    for (;; t++) {
        int passed;
        for (;;) {
            t = skip_plain_words(t, stop, text, r->clear, &passed);
            if (t < stop || r->sentence + 1 >= r->run_end)
                break;
            /* the sentence's end: on to the next of the run */
            enter_sentence(r, r->sentence + 1);
            t = r->tok + r->first;
            stop = r->tok + r->end;
        }
        if (t >= stop || t->kind != LEDE_TOKEN_WORD)
            break; /* the end, a number or a symbol */
        const char *s = t->norm;
        size_t n = t->norm_len, b = t->span.begin;
        if (passed) {
            /* its own text, no '-', of a key's class in the table:
             * the lexicon's filter turns away half of these without a probe */
            c = lexicon_may_hold(&lexicon_metric_starts, s, n) ? listed_starts(s, n) : 0;
        } else {
            int dash;
            if (s != text + b) {
                dash = has_dash(s, n);
            } else {
                if (b + n > r->clear)
                    r->clear = next_dash(r, b);
                dash = r->clear < b + n;
            }
            c = word_starts_metric(s, n, dash, lexicon_metric_starts.filter,
                                   lexicon_metric_starts.filter_shift);
        }
        if (c == START_ARTICLE && !article_starts_metric(r, (size_t)(t - r->tok)))
            continue; /* "a" and "an" before no number word or unit of time */
        if ((c & START_MONTH) && month_is_verb(t, stop)) {
            c = 0; /* what a number or symbol after it is said to begin */
            continue;
        }
        if (c || ((t->flags & LEDE_TOKEN_CAPITALIZED) && capital_may_start(t, stop)))
            break;
    }
    candidate got = {(size_t)(t - r->tok), c};
    return got;
}

/* Read the metrics of the sentences [s, run_end), which read metrics.
 * next_candidate() goes on from a sentence without a candidate left to the
 * next: most sentences have none after their last metric, or none at all,
 * and a call and a return for each cost more than the step to the next
 * sentence where its search ends anyway. */
static void read_run(reader *r, size_t s, size_t run_end)
{
    r->run_end = run_end;
    enter_sentence(r, s);
    size_t i = r->first;
    while (!r->failed) {
        candidate got = next_candidate(r, i); /* which may move r on */
        i = got.at;
        long starts = got.starts;
        if (i >= r->end)
            return; /* the end of the run */
        const lede_token *t = tk(r, i);
        if (starts == START_RELATIVE || starts == START_HOLIDAY) {
            /* "last year", "this week", "Christmas": a date or nothing. A
             * relative word is no holiday's first word and a holiday's
             * first word no relative word: metric_starts would say both */
            found f;
            clear_found(&f);
            if (starts == START_RELATIVE ? read_relative(r, i, &f) : read_holiday(r, i, &f)) {
                size_t ms;
                int mod = mod_before(r, f.first, &ms);
                if (mod) {
                    f.m.mod = mod;
                    f.first = ms;
                }
                f.m.kind = LEDE_METRIC_DATE;
                f.m.approx = LEDE_APPROX_EXACT;
                emit(r, &f);
                i = f.end;
                continue;
            }
            i++;
            continue;
        }
        if (t->kind == LEDE_TOKEN_NUMBER || token_is_char(t, '+') || token_is_char(t, '(')) {
            size_t soup = digit_soup(r, i);
            if (soup > i) {
                i = soup;
                continue;
            }
        }
        /* digits glued to a word in front ("Carol_2", "IPv6") are a name */
        if (t->kind == LEDE_TOKEN_NUMBER && i > r->first && !(t->flags & LEDE_TOKEN_SPACE_BEFORE) &&
            (tk(r, i - 1)->kind == LEDE_TOKEN_WORD || token_is_char(tk(r, i - 1), '_') ||
             token_is_char(tk(r, i - 1), '@') || token_is_char(tk(r, i - 1), '#') ||
             tk(r, i - 1)->norm[0] == ':')) {
            i++;
            continue;
        }
        found f;
        clear_found(&f);
        if (read_date(r, i, starts, &f)) {
            size_t ms;
            int mod = f.m.mod ? f.m.mod : mod_before(r, f.first, &ms);
            if (mod && !f.m.mod) {
                f.m.mod = mod;
                f.first = ms;
            }
            f.m.kind = LEDE_METRIC_DATE;
            f.m.approx = LEDE_APPROX_EXACT;
            emit(r, &f);
            i = f.end > i ? f.end : i + 1;
            continue;
        }
        /* f is zero again: read_date() and read_ordinal() leave it so when
         * they fail */
        if (t->kind == LEDE_TOKEN_NUMBER && read_ordinal(r, i, &f)) {
            emit(r, &f);
            i = f.end;
            continue;
        }
        int found_metric = 0;
        size_t next = read_quantity(r, i, &f, &found_metric);
        if (found_metric && f.first == i + 1 && i + 1 < r->end &&
            (token_is_word(t, "minus") || token_is_word(t, "negative")) &&
            (f.m.has & LEDE_METRIC_HAS_VALUE)) {
            f.first = i; /* "minus 5" */
            f.m.value = -f.m.value;
        }
        if (found_metric && f.first == i && i > r->first && (f.m.has & LEDE_METRIC_HAS_VALUE) &&
            f.m.value > 0 && (word_eq(r, i - 1, "minus") || word_eq(r, i - 1, "negative"))) {
            f.first = i - 1; /* "minus 5 degrees" */
            f.m.value = -f.m.value;
        }
        if (found_metric)
            two_sided(r, &f);
        if (found_metric) {
            read_change_and_subject(r, &f);
            emit(r, &f);
            i = f.end > i ? f.end : i + 1;
            continue;
        }
        if (next > i) {
            i = next;
            continue;
        }
        clear_found(&f);
        if (read_ordinal(r, i, &f)) {
            emit(r, &f);
            i = f.end;
            continue;
        }
        i++;
    }
}

/* Sentences of these paragraphs carry metrics; metadata lines never do. */
static int reads_metrics(int32_t kind)
{
    return kind == LEDE_PARAGRAPH_BODY || kind == LEDE_PARAGRAPH_CAPTION ||
           kind == LEDE_PARAGRAPH_TITLE || kind == LEDE_PARAGRAPH_HEADING;
}

static int reads_sentence(const lede_doc *doc, size_t s)
{
    const lede_sentence *sent = &VEC_AT(doc->sentences, lede_sentence, s);
    return reads_metrics(DOC_PARAGRAPH(doc, sent->paragraph)->kind);
}

/* Does quote k hold the metric's words in one of its fragments? The
 * fragments are in text order and the quote's span runs from the first to
 * the last (include/lede.h), so words outside the span are in none: most
 * metrics are, and are told without reading the fragments. */
static int quote_holds(const lede_doc *doc, size_t k, lede_span span)
{
    const lede_quote *q = &VEC_AT(doc->quotes, lede_quote, k);
    if (span.begin < q->span.begin || span.end > q->span.end)
        return 0;
    size_t first = VEC_AT(doc->quote_fragment_first, size_t, k);
    for (size_t f = 0; f < q->fragment_count; f++) {
        const lede_span *frag = &VEC_AT(doc->quote_fragments, lede_span, first + f);
        if (frag->begin <= span.begin && span.end <= frag->end)
            return 1;
    }
    return 0;
}

/* A metric inside a quote's content belongs to that quote and its speaker
 * ("5% of their GDP" in what Trump suggested). Metrics and quotes are both
 * in text order, so one sweep links them. */
static void link_quotes(lede_doc *doc)
{
    size_t nq = doc->quotes.count, j = 0;
    for (size_t i = 0; i < doc->metrics.count && nq; i++) {
        lede_metric *m = &VEC_AT(doc->metrics, lede_metric, i);
        while (j + 1 < nq && VEC_AT(doc->quotes, lede_quote, j + 1).span.begin <= m->span.begin)
            j++;
        size_t k = quote_holds(doc, j, m->span)                ? j
                   : j > 0 && quote_holds(doc, j - 1, m->span) ? j - 1
                                                               : LEDE_NONE;
        if (k != LEDE_NONE) {
            m->quote = k;
            m->speaker = VEC_AT(doc->quotes, lede_quote, k).speaker;
        }
    }
}

lede_status metric_build(lede_doc *doc)
{
    reader r;
    scan_memo memo;
    cue_memo cues;
    memset(&r, 0, sizeof r);
    memset(memo.index, 0, sizeof memo.index);
    memset(cues.index, 0, sizeof cues.index);
    r.memo = &memo;
    r.cues = &cues;
    r.doc = doc;
    r.tok = doc->tokens.items;
    const char *date = doc->document.date;
    if (date && doc->document.date_len == 10) {
        r.year = (date[0] - '0') * 1000 + (date[1] - '0') * 100 + (date[2] - '0') * 10 +
                 (date[3] - '0');
        r.month = (date[5] - '0') * 10 + (date[6] - '0');
        r.day = (date[8] - '0') * 10 + (date[9] - '0');
    }
    size_t count = doc->sentences.count;
    for (size_t s = 0; s < count && !r.failed;) {
        if (!reads_sentence(doc, s)) {
            s++;
            continue;
        }
        size_t run_end = s + 1;
        while (run_end < count && reads_sentence(doc, run_end))
            run_end++;
        read_run(&r, s, run_end);
        s = run_end;
    }
    if (r.failed || doc->arena.failed)
        return error_set(LEDE_ERR_NOMEM, "out of memory");
    link_quotes(doc);
    return LEDE_OK;
}
