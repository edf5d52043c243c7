/* The text layer: one pass over the bytes that cuts them into tokens and
 * lines. Later layers read tokens and lines; none of them rescans the bytes. */
#include <assert.h>
#include <string.h>
#include <utf8proc.h>
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#include "doc.h"
#include "text.h"
#include "token.h"

enum { URL_SCAN_MAX = 2048 };

typedef struct tokenizer {
    lede_doc *doc;
    const char *s;
    size_t len;
    size_t no_url_until; /* no URL or e-mail starts before this offset */
    /* The run of non-space bytes last looked at for addresses, and its next
     * "@": kept so that the tokens of one run share one scan. */
    size_t run_from, run_end, next_at; /* next_at: LEDE_NONE when the run has none */
    int at_known;
    /* the entries of the list of sentence ends (doc.h), and the first token
     * it has lost or had no room for (LEDE_NONE while it has all) */
    size_t ends, unlisted;
} tokenizer;

static int ascii_lower_eq(const char *s, size_t len, size_t i, const char *word)
{
    size_t n = strlen(word);
    if (len - i < n)
        return 0;
    for (size_t k = 0; k < n; k++) {
        unsigned char c = (unsigned char)s[i + k];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        if (c != (unsigned char)word[k])
            return 0;
    }
    return 1;
}

static int url_trailing(unsigned char c)
{
    return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' ||
           c == ']' || c == '}' || c == '"' || c == '\'' || c >= 0x80;
}

static int email_local_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '%' || c == '+' || c == '-';
}

static int domain_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-';
}

static inline int run_char(unsigned char c)
{
    return c > ' ' && c != '<' && c != '>' && c != '"' && c < 0x80;
}

/* The end of the run of run_char() bytes from `from` (before `limit`, at
 * most), and the first "@" in it into *at (left alone where there is
 * none). `s` is the document's text, padded (DOC_TEXT_PAD): with SSE2,
 * sixteen bytes a step, with the tests of the byte in a few compares for
 * them all; a run is seldom longer, and a byte at a time took some
 * thirteen instructions. */
static size_t run_bytes_end(const char *s, size_t from, size_t limit, size_t *at)
{
    size_t end = from;
#if defined(__SSE2__) && defined(__GNUC__)
    while (end < limit) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + end));
        /* signed, the bytes above ' ' and below 0x80 */
        __m128i in = _mm_cmpgt_epi8(x, _mm_set1_epi8(' '));
        __m128i out = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('<')),
                                                _mm_cmpeq_epi8(x, _mm_set1_epi8('>'))),
                                   _mm_cmpeq_epi8(x, _mm_set1_epi8('"')));
        unsigned run = (unsigned)_mm_movemask_epi8(_mm_andnot_si128(out, in));
        size_t n = (size_t)__builtin_ctz(~run); /* bit 16 of ~run is set */
        if (n > limit - end)
            n = limit - end;
        unsigned ats = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8('@'))) &
                       ((1u << n) - 1);
        if (ats && *at == LEDE_NONE)
            *at = end + (size_t)__builtin_ctz(ats);
        end += n;
        if (n < 16)
            break;
    }
#else
    for (; end < limit; end++) {
        unsigned char c = (unsigned char)s[end];
        if (!run_char(c))
            break;
        if (c == '@' && *at == LEDE_NONE)
            *at = end;
    }
#endif
    return end;
}

/* A web or e-mail address starting at i: its end, or 0. The run of
 * non-space bytes around i and the position of its next "@" are found once
 * and reused by the run's later tokens, and a failed look marks where no
 * address can start, so every byte is read a bounded number of times. */
static size_t scan_url(tokenizer *t, size_t i)
{
    const char *s = t->s;
    size_t len = t->len;
    if (i < t->no_url_until)
        return 0;
    if (i < t->run_from || i >= t->run_end) {
        /* a new run, and its first "@" found on the way */
        size_t limit = len - i < URL_SCAN_MAX ? len : i + URL_SCAN_MAX;
        size_t at = LEDE_NONE;
        size_t end = run_bytes_end(s, i, limit, &at);
        t->run_from = i;
        t->run_end = end > i ? end : i + 1;
        t->next_at = at;
        t->at_known = 1;
    }
    size_t run_end = t->run_end;
    if (!t->at_known || (t->next_at != LEDE_NONE && t->next_at < i)) {
        size_t k = i;
        while (k < run_end && s[k] != '@')
            k++;
        t->next_at = k < run_end ? k : LEDE_NONE;
        t->at_known = 1;
    }
    unsigned char first = (unsigned char)(s[i] | 0x20);
    int web = (first == 'h' &&
               (ascii_lower_eq(s, len, i, "http://") || ascii_lower_eq(s, len, i, "https://"))) ||
              (first == 'w' && ascii_lower_eq(s, len, i, "www."));
    if (web) {
        size_t end = run_end;
        while (end > i && url_trailing((unsigned char)s[end - 1]))
            end--;
        if (end > i + 4)
            return end;
    }
    size_t at = t->next_at;
    if (at != LEDE_NONE && at > i) {
        size_t k = i;
        while (k < at && email_local_char((unsigned char)s[k]))
            k++;
        if (k < at) {
            /* no address starts before the character that broke this one */
            t->no_url_until = k + 1;
            return 0;
        }
        size_t end = at + 1, dot = 0;
        while (end < run_end && domain_char((unsigned char)s[end]))
            end++;
        while (end > at + 1 && (s[end - 1] == '.' || s[end - 1] == '-'))
            end--;
        for (size_t d = at + 1; d < end; d++)
            if (s[d] == '.')
                dot = d;
        if (dot > at + 1 && dot + 1 < end)
            return end;
        t->no_url_until = at + 1;
        return 0;
    }
    t->no_url_until = at != LEDE_NONE && at >= i ? at + 1 : run_end;
    return 0;
}

static inline int ascii_letter(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline int ascii_digit(unsigned char c)
{
    return (unsigned char)(c - '0') < 10;
}

/* After a period at j inside a word that began as one or two letters: does a
 * one- or two-letter segment closed by another period follow ("U.S.",
 * "Ph.D.", "a.m.")? */
static int acronym_continues(const char *s, size_t len, size_t j)
{
    if (j + 2 >= len || !ascii_letter((unsigned char)s[j + 1]))
        return 0;
    if (s[j + 2] == '.')
        return 1;
    return j + 3 < len && ascii_letter((unsigned char)s[j + 2]) && s[j + 3] == '.';
}

typedef struct word_info {
    size_t end;
    int letters, upper, lower;
    int needs_norm;
} word_info;

/* Count a character that belongs to the word. */
static inline void word_take(word_info *w, const tchar *c, int *seg_letters, int *plain)
{
    if (char_is_letter(c->cls)) {
        w->letters++;
        (*seg_letters)++;
        w->upper += c->cls == CH_UPPER;
        w->lower += c->cls == CH_LOWER;
    } else if (c->cls != CH_PERIOD && c->cls != CH_IGNORABLE) {
        *plain = 0;
    }
    if (c->entity || c->cp >= 0x80 || c->cls == CH_IGNORABLE)
        w->needs_norm = 1;
}

/* Scan a word or number starting at i with first character c0. Joins inner
 * apostrophes, hyphens, decimal points, digit groups, acronym periods and
 * ignorable characters that sit between letters or digits. Plain ASCII
 * letters and digits take a fast path that decodes nothing. */
static void scan_word(const tokenizer *t, size_t i, const tchar *c0, word_info *w)
{
    const char *s = t->s;
    size_t len = t->len;
    memset(w, 0, sizeof *w);
    /* plain: only letters and acronym periods so far, as in "U.S." */
    int seg_letters = 0, periods = 0, plain = 1;
    word_take(w, c0, &seg_letters, &plain);
    char_class prev = c0->cls;
    size_t j = i + c0->size;
    while (j < len) {
        unsigned char b = (unsigned char)s[j];
        if (b < 0x80) {
            if ((unsigned char)(b - 'a') < 26) {
                /* a run of lower-case ASCII letters, counted at once */
                size_t run = j;
                do
                    run++;
                while (run < len && (unsigned char)(s[run] - 'a') < 26);
                int n = (int)(run - j);
                w->letters += n;
                seg_letters += n;
                w->lower += n;
                prev = CH_LOWER;
                j = run;
                continue;
            }
            char_class k = text_ascii_class(b);
            if (k == CH_LOWER || k == CH_UPPER) {
                w->letters++;
                seg_letters++;
                w->upper += k == CH_UPPER;
                w->lower += k == CH_LOWER;
                prev = k;
                j++;
                continue;
            }
            if (k == CH_DIGIT) {
                plain = 0;
                prev = k;
                j++;
                continue;
            }
            if (k == CH_SPACE || k == CH_NEWLINE)
                break;
        }
        tchar c;
        text_next(s, len, j, &c);
        if (char_is_alnum(c.cls)) {
            word_take(w, &c, &seg_letters, &plain);
            prev = c.cls;
            j += c.size;
            continue;
        }
        tchar n;
        size_t after = j + c.size;
        int has_next = after < len;
        if (has_next)
            text_next(s, len, after, &n);
        int next_alnum = has_next && char_is_alnum(n.cls);
        int join = 0;
        switch (c.cls) {
        case CH_IGNORABLE:
            join = next_alnum;
            break;
        case CH_APOSTROPHE:
            join = char_is_letter(prev) && has_next && char_is_letter(n.cls);
            break;
        case CH_HYPHEN:
            join = c.cp != 0x2212 && next_alnum;
            if (join)
                seg_letters = 0;
            break;
        case CH_PERIOD:
            if (prev == CH_DIGIT && has_next && n.cls == CH_DIGIT) {
                join = 1; /* decimal point or dotted number */
            } else if (plain && char_is_letter(prev) && seg_letters <= 2 &&
                       acronym_continues(s, len, j)) {
                periods++;
                seg_letters = 0;
                join = 1;
            } else if (plain && periods > 0 && char_is_letter(prev) && seg_letters <= 2) {
                w->end = after; /* the closing period of "U.S." belongs to it */
                return;
            } else if (char_is_letter(prev) && has_next && n.cls == CH_LOWER && seg_letters > 1) {
                seg_letters = 0; /* "amazon.com", "Node.js" */
                join = 1;
            }
            break;
        case CH_PUNCT:
            join = prev == CH_DIGIT && has_next && n.cls == CH_DIGIT &&
                   (c.cp == ',' || c.cp == '/' || c.cp == ':');
            break;
        default:
            break;
        }
        if (!join)
            break;
        word_take(w, &c, &seg_letters, &plain);
        if (c.cls != CH_IGNORABLE)
            prev = c.cls;
        j = after;
    }
    w->end = j;
}

/* The length of the run of lower-case ASCII letters from j within the
 * sixteen bytes s[j, j + 16): 16 when they are all letters. The run ends at
 * the latest at the text's NUL, and the padding after it (DOC_TEXT_PAD,
 * sixteen bytes) keeps every read inside the copy: no test for the end of
 * the text. Nearly every word ends in these sixteen bytes. */
static inline unsigned lower_run16(const char *s, size_t j)
{
#if defined(__SSE2__) && defined(__GNUC__)
    /* Plus 128 - 'a' (modulo 256), the lower-case letters are the bytes
     * 0x80 to 0x99, the least as signed bytes (-128 to -103), and one
     * signed compare finds them. The first clear bit of their mask is the
     * run's end (bit 16 of the complement is set: 16 when all are
     * letters). */
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + j));
    x = _mm_add_epi8(x, _mm_set1_epi8((char)(128 - 'a')));
    unsigned lower = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(x, _mm_set1_epi8(-128 + 26)));
    return (unsigned)__builtin_ctz(~lower);
#else
    unsigned n = 0;
    while (n < 16 && (unsigned char)(s[j + n] - 'a') < 26)
        n++;
    return n;
#endif
}

/* The end of a run of lower-case ASCII letters that goes on at j, past the
 * sixteen bytes lower_run16() looked at: eight bytes a step where the host
 * is little-endian (the first byte is the lowest), one at a time
 * elsewhere. */
static size_t lower_run_rest(const char *s, size_t j)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t high = 0x8080808080808080ull;
    for (;; j += 8) {
        uint64_t x;
        memcpy(&x, s + j, sizeof x);
        /* The top bit of each byte that is no lower-case letter: below 'a',
         * past 'z', or above 0x7F. A byte above 0x7F can carry into the
         * next, but the bytes before the first non-letter are letters, which
         * carry nothing, and only the first non-letter is wanted. */
        uint64_t from_a = x + 0x1F1F1F1F1F1F1F1Full; /* top bit set from 'a' (0x61) */
        uint64_t past_z = x + 0x0505050505050505ull; /* top bit set past 'z' (0x7A) */
        uint64_t other = (~from_a | past_z | x) & high;
        if (other)
            return j + ((size_t)__builtin_ctzll(other) >> 3);
    }
#else
    while ((unsigned char)(s[j] - 'a') < 26)
        j++;
    return j;
#endif
}

/* The end of the run of lower-case ASCII letters from j (at most the
 * text's length). */
static inline size_t lower_run_end(const char *s, size_t j)
{
    unsigned run = lower_run16(s, j);
    return run < 16 ? j + run : lower_run_rest(s, j + 16);
}

/* A word of ASCII letters whose lower-case run from i ended at j before a
 * capital, a digit, an apostrophe or a hyphen ("BBC", "McDonald", "it's",
 * "well-known", "COVID-19"), or goes on at j past the sixteen letters
 * text_tokenize() looked at: where scan_word() would end it, reading only
 * ASCII letters and digits, an apostrophe between letters and a hyphen
 * before a letter or digit. It stops early, at a byte that is no
 * WORD_STOP byte, where anything else could follow (a non-ASCII letter
 * after "'", "&" of an entity), so that scan_word() takes the word; 0
 * where it would go on past a digit ("X1/9"). Its `caps` is
 * LEDE_TOKEN_ALL_CAPS where scan_token() would set that flag, else 0.
 * `s` is the document's text, NUL-terminated and padded (DOC_TEXT_PAD).
 * Out of line: some one word in twenty-five comes here, and inlined it
 * cost the main loop of text_tokenize() registers (spills on the path of
 * every word) worth more than its calls. The flag is returned with the
 * end, in a register, rather than or-ed into the caller's flags through a
 * pointer, which kept those flags in memory, stored there for every word. */
typedef struct word_end {
    size_t end;
    uint32_t caps;
} word_end;

static __attribute__((noinline)) word_end ascii_word_end(const char *s, size_t i, size_t j)
{
    /* The letters, and bit 5 of them all or-ed: clear while every letter
     * is a capital. The run [i + 1, j) is of lower-case letters. The text's
     * NUL (and the padding after it, for the byte after a joiner) ends the
     * word: no test of the end of the text. An apostrophe joins only after
     * a letter: the byte before it, rather than a flag kept for each byte,
     * says whether one was taken last. */
    size_t letters = j - i;
    unsigned case_bits = (unsigned char)s[i] | (j > i + 1 ? 0x20u : 0);
    for (;; j++) {
        unsigned char c = (unsigned char)s[j];
        if (ascii_letter(c)) {
            letters++;
            case_bits |= c;
        } else if (ascii_digit(c)) {
            continue;
        } else if (c == '\'' && ascii_letter((unsigned char)s[j - 1]) &&
                   ascii_letter((unsigned char)s[j + 1])) {
            continue;
        } else if (c == '-' && (ascii_letter((unsigned char)s[j + 1]) ||
                                ascii_digit((unsigned char)s[j + 1]))) {
            continue;
        } else if ((c == ',' || c == '/' || c == ':') && ascii_digit((unsigned char)s[j - 1])) {
            /* "X1/9", "A330/340": joined where a digit follows */
            word_end none = {0, 0};
            return none;
        } else {
            break;
        }
    }
    word_end w = {j, letters >= 2 && !(case_bits & 0x20) ? LEDE_TOKEN_ALL_CAPS : 0};
    return w;
}

/* What a byte after a word of ASCII letters tells of the word's end.
 * WORD_STOP: the ASCII bytes at which scan_word() ends a word of letters
 * without a second look and scan_token() tries no address: all but letters
 * and digits, the joiners ' - . and the bytes text_next() decodes further
 * (& < \r: entities, tags, CRLF) or that start an e-mail address look
 * (@ _ % +). WORD_PERIOD: the period, which ends most words where it ends
 * a run of non-space bytes (word_ends_at_period()). WORD_GOES_ON (0): the
 * rest, where the word may go on (ascii_word_end()); every byte above 0x7F.
 * One load and one test for the three, over all bytes. */
enum { WORD_GOES_ON, WORD_STOP, WORD_PERIOD };
/* clang-format off */
static const unsigned char word_end_class[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, /* 0x00: \r */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x10 */
    1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 1, 0, 2, 1, /* 0x20: % & ' + - . */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 1, /* 0x30: digits < */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x40: @ letters */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, /* 0x50: letters _ */
    1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x60: letters */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, /* 0x70: letters */
    /* 0x80 to 0xFF: 0 */
};
/* clang-format on */

/* The common word, scan_word()'s result without its call: an ASCII letter
 * and lower-case ASCII letters up to a space, a line feed or the end of the
 * text. Returns 0 (and leaves `w` alone) for anything else. */
static inline int plain_word(const tokenizer *t, size_t i, const tchar *c0, word_info *w)
{
    if (c0->entity || c0->cp >= 0x80 || (c0->cls != CH_LOWER && c0->cls != CH_UPPER))
        return 0;
    const char *s = t->s;
    size_t len = t->len, j = lower_run_end(s, i + 1);
    if (j < len && s[j] != ' ' && s[j] != '\n')
        return 0;
    w->end = j;
    w->letters = (int)(j - i);
    w->upper = c0->cls == CH_UPPER;
    w->lower = w->letters - w->upper;
    w->needs_norm = 0;
    return 1;
}

enum { NORM_STACK = 64 }; /* tokens up to this many bytes normalize on the stack */

/* The token's normalized form: NFC, entities decoded, ignorables dropped,
 * typographic apostrophes as "'". NULL on allocation failure. */
static const char *normalize(tokenizer *t, size_t begin, size_t end, size_t *norm_len)
{
    arena *a = &t->doc->arena;
    size_t n = end - begin;
    /* Decomposition can grow a character to several code points. */
    size_t cap = n * 4 + 8;
    /* a short token is decomposed on the stack, so the arena keeps only
     * the result */
    utf8proc_int32_t stack[NORM_STACK * 4 + 8];
    utf8proc_int32_t *cps = n <= NORM_STACK ? stack : arena_alloc(a, cap * sizeof *cps);
    if (!cps)
        return NULL;
    size_t count = 0;
    int nfc = 0;
    for (size_t i = begin; i < end;) {
        tchar c;
        text_next(t->s, t->len, i, &c);
        i += c.size;
        uint32_t cp = c.cp;
        if (c.cls == CH_IGNORABLE)
            continue;
        if (cp == 0x2019 || (cp == 0x2018 && count > 0))
            cp = '\'';
        if (cp == 0x2026) {
            for (int k = 0; k < 3; k++)
                cps[count++] = '.';
            continue;
        }
        if (cp >= 0x80) {
            int last_boundclass = 0;
            utf8proc_ssize_t r = utf8proc_decompose_char(
                (utf8proc_int32_t)cp, cps + count, (utf8proc_ssize_t)(cap - count),
                UTF8PROC_STABLE | UTF8PROC_COMPOSE, &last_boundclass);
            if (r < 0 || (size_t)r > cap - count) {
                cps[count++] = (utf8proc_int32_t)cp; /* cannot happen with cap = 4n */
            } else {
                nfc |= r > 1 || (utf8proc_int32_t)cp != cps[count];
                count += (size_t)r;
                nfc |= utf8proc_get_property((utf8proc_int32_t)cp)->combining_class != 0;
            }
            continue;
        }
        cps[count++] = (utf8proc_int32_t)cp;
    }
    if (nfc) {
        utf8proc_ssize_t r = utf8proc_normalize_utf32(cps, (utf8proc_ssize_t)count,
                                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
        if (r >= 0)
            count = (size_t)r;
    }
    size_t o = 0;
    if (cps == stack) { /* encode in place: UTF-8 takes no more room than UTF-32 */
        char *bytes = (char *)stack;
        for (size_t k = 0; k < count; k++) {
            char enc[4];
            size_t e = text_encode((uint32_t)cps[k], enc);
            memcpy(bytes + o, enc, e);
            o += e;
        }
        char *out = arena_alloc(a, o + 1);
        if (!out)
            return NULL;
        memcpy(out, bytes, o);
        out[o] = '\0';
        *norm_len = o;
        return out;
    }
    char *out = arena_alloc(a, count * 4 + 1);
    if (!out)
        return NULL;
    for (size_t k = 0; k < count; k++)
        o += text_encode((uint32_t)cps[k], out + o);
    out[o] = '\0';
    *norm_len = o;
    return out;
}

/* The free room of the token array, [next, end): text_tokenize() keeps it
 * in a local and writes the array's count back with tokens_sync(). A
 * pointer, which no store to a token's fields can alias, stays in a
 * register; the array's size_t count would be read again after each. */
typedef struct token_room {
    lede_token *next, *end;
} token_room;

/* The tokens pushed so far. */
static inline size_t tokens_pushed(const tokenizer *t, token_room room)
{
    return (size_t)(room.next - (lede_token *)t->doc->tokens.items);
}

/* The entries of the list of sentence ends (doc.h) that fit above `count`
 * tokens in the token array's storage. */
static size_t sentence_end_room(const vec *v, size_t count)
{
    return (v->capacity - count) * sizeof(lede_token) / sizeof(size_t);
}

/* The list of sentence ends with `count` tokens pushed: the tokens may have
 * grown over its last entries (it grows down into the room they leave), so
 * that it holds only those above them, and the tokens after the last of
 * these are looked at by the sentence layer itself. */
static void cut_sentence_ends(tokenizer *t, size_t count)
{
    const vec *v = &t->doc->tokens;
    size_t intact = sentence_end_room(v, count);
    if (intact >= t->ends)
        return;
    t->unlisted = intact ? sentence_ends_top(v)[-(ptrdiff_t)intact] + 1 : 0;
    t->ends = intact;
}

/* End the list of sentence ends, `count` tokens pushed and synced
 * (tokens_sync() has cut the list to the room above them), with the entry
 * that says from which token on it lists none (doc.h): the tokens' count
 * when it has them all. Without room for that entry, the list's last entry
 * makes way for it, and the sentence layer finds that token again itself. */
static void close_sentence_ends(tokenizer *t, size_t count)
{
    const vec *v = &t->doc->tokens;
    size_t slots = sentence_end_room(v, count);
    if (!slots)
        return; /* no room at all: the sentence layer sees a full array */
    size_t *top = sentence_ends_top(v);
    size_t unlisted = t->unlisted == LEDE_NONE ? count : t->unlisted;
    if (t->ends == slots)
        unlisted = top[-(ptrdiff_t)t->ends--];
    top[-1 - (ptrdiff_t)t->ends] = unlisted | SENTENCE_ENDS_UNLISTED;
}

static void tokens_sync(tokenizer *t, token_room room)
{
    size_t count = tokens_pushed(t, room);
    t->doc->tokens.count = count;
    cut_sentence_ends(t, count);
}

/* Make room for more tokens when the array is full: as many as the text read
 * so far says the whole text holds, an eighth more, and never less than an
 * eighth more than now (geometric, so pushing stays linear). Doubling would
 * hold up to twice the tokens' room until lede_parse() cuts the array. The
 * tokens have grown over the whole list of sentence ends by now
 * (tokens_sync() cuts it); a list still empty starts at the new top. */
static int grow_tokens(tokenizer *t, token_room *room, size_t begin)
{
    vec *v = &t->doc->tokens;
    tokens_sync(t, *room);
    size_t want = v->count + v->count / 8 + 16;
    if (begin > 0) {
        double projected = (double)v->count * ((double)t->len / (double)begin) * 1.125 + 16;
        if (projected > (double)want && projected < (double)(t->len + 16))
            want = (size_t)projected;
    }
    if (vec_reserve_exact(&t->doc->arena, v, want) != 0)
        return -1;
    room->next = (lede_token *)v->items + v->count;
    room->end = (lede_token *)v->items + v->capacity;
    return 0;
}

/* The last bytes of a token that may end a sentence outside a list (the
 * sentence layer's terminal marks ". ! ? ..." and runs of them, and words
 * with their own final period, "U.S."), as the list of sentence ends holds
 * them (doc.h). */
static const unsigned char ends_sentence[256] = {['.'] = 1, ['!'] = 1, ['?'] = 1};

/* Add `tok`, just pushed, to the list of sentence ends (doc.h), which grows
 * down from the top of the token array's storage into the room the tokens
 * leave. Where the list would meet them it takes no more: the sentence
 * layer looks at the tokens from `tok` on itself (seldom: the room the
 * estimate of the tokens leaves holds the list of most news). Out of line
 * and never failing: about one token in twenty comes here, and the
 * tokenizer's loop keeps its registers. */
static __attribute__((noinline)) void push_sentence_end(tokenizer *t, const lede_token *tok)
{
    const vec *v = &t->doc->tokens;
    size_t index = (size_t)(tok - (const lede_token *)v->items);
    if (t->unlisted != LEDE_NONE)
        return;
    if (t->ends + 1 > sentence_end_room(v, index + 1)) {
        t->unlisted = index;
        return;
    }
    sentence_ends_top(v)[-1 - (ptrdiff_t)t->ends] = index;
    t->ends++;
}

/* Inline: the plain words of the main loop, most tokens, push without a
 * call and without the normalizing branch. `s` is t->s, from a local.
 * `may_end` 0: the caller knows that the token does not end in '.', '!' or
 * '?' (a word of letters), so that its last byte is not looked at for the
 * list of sentence ends. */
static inline __attribute__((always_inline)) lede_status
push_token(tokenizer *t, token_room *room, const char *s, size_t begin, size_t end, int32_t kind,
           uint32_t flags, int needs_norm, int may_end)
{
    if (room->next == room->end) {
        /* through a copy, so that the caller's room never has its address
         * taken and stays in registers */
        token_room grown = *room;
        if (grow_tokens(t, &grown, begin) != 0)
            return LEDE_ERR_NOMEM;
        *room = grown;
    }
    /* there is room: every field is written here, so no vec_push() memset */
    lede_token *tok = room->next++;
    tok->span = span_make(begin, end);
    tok->kind = kind;
    tok->flags = flags;
    tok->norm = NULL;
    tok->norm_len = 0;
    if (needs_norm) {
        tok->norm = normalize(t, begin, end, &tok->norm_len);
        if (!tok->norm)
            return LEDE_ERR_NOMEM;
    } else {
        tok->norm = s + begin;
        tok->norm_len = end - begin;
    }
    /* No norm is empty: a token starts at a character that is not
     * ignorable, and normalize() keeps every such character as one code
     * point or more. The layers read a norm's first and last bytes
     * without a test (token_is_word(), the test below). */
    assert(tok->norm_len != 0);
    if (may_end && ends_sentence[(unsigned char)tok->norm[tok->norm_len - 1]])
        push_sentence_end(t, tok);
    return LEDE_OK;
}

/* Could scan_token() find a web or e-mail address at i, where the letters
 * [i, j) end before `stop` (a WORD_STOP byte, ' ' at the end of the
 * text)? Only a word from "h" or "w" is looked at there, and a plain one
 * ("he", "was") only within the run of a look before: for a fresh one,
 * scan_url() finds neither "http://", "https://", "www." nor "@" and only
 * marks [i, j) as free of addresses, which no later token asks about. */
static inline int address_may_start(const tokenizer *t, size_t i, size_t j, unsigned char first,
                                    unsigned char stop)
{
    first |= 0x20;
    if (first != 'h' && first != 'w')
        return 0;
    if (stop != ' ' && stop != '\n')
        return 1;
    return i < t->run_end || j - i >= URL_SCAN_MAX;
}

/* Does the word of letters [i, j) end at the period at j, with no address
 * to look for? It does where the period ends a run of non-space bytes
 * (". ", ".\n", ".\"", the end of the text): scan_word() joins a period
 * only to a letter or digit after it, and scan_url(), called for the
 * period, would find no address in "said." ("www." is too short) and only
 * mark the run free of addresses, which no later token asks about. */
static inline int word_ends_at_period(const tokenizer *t, size_t i, size_t j)
{
    size_t after = j + 1;
    if (i < t->run_end || after - i >= URL_SCAN_MAX)
        return 0;
    if (after == t->len)
        return 1;
    unsigned char c = (unsigned char)t->s[after];
    return c < 0x80 && !run_char(c);
}

/* A number of ASCII digits from i, as scan_token() cuts it without a call
 * of scan_word(): digits joined by a decimal point or a ",", "/" or ":"
 * before another digit ("3,000", "2.5", "10:30"), then perhaps lower-case
 * letters ("5bn", "20m"), up to a byte that ends the word for certain. The
 * end and the kind, URL where scan_url() finds an address from i, as
 * scan_token() asks it after "@", ".", "_", "%", "+" or "-"; 0 for
 * scan_token() where anything else might follow (a byte above 0x7F or "&"
 * after a joiner, an apostrophe, a capital, a hyphen before a letter or
 * digit). */
static size_t number_end(tokenizer *t, size_t i, int32_t *kind)
{
    const char *s = t->s;
    size_t len = t->len, j = i + 1;
    int letters = 0; /* the lower-case letters after the digits */
    for (;;) {
        while (j < len && ascii_digit((unsigned char)s[j]))
            j++;
        if (j + 1 < len && (s[j] == '.' || s[j] == ',' || s[j] == '/' || s[j] == ':') &&
            ascii_digit((unsigned char)s[j + 1])) {
            j += 2;
            continue;
        }
        break;
    }
    while (j < len && (unsigned char)(s[j] - 'a') < 26) {
        j++;
        letters++;
    }
    unsigned char stop = j < len ? (unsigned char)s[j] : ' ';
    unsigned char next = j + 1 < len ? (unsigned char)s[j + 1] : ' ';
    /* a byte that might be a letter or digit once decoded */
    int next_unknown = next >= 0x80 || next == '&';
    int look = 0; /* scan_token() would look for an address */
    *kind = LEDE_TOKEN_NUMBER;
    switch (stop) {
    case '.':
        /* after letters, a lower-case letter joins it ("5bn.com") */
        if (next_unknown || (letters > 1 && (unsigned char)(next - 'a') < 26))
            return 0;
        if (word_ends_at_period(t, i, j))
            return j;
        look = 1;
        break;
    case '-':
        if (next_unknown || ascii_letter(next) || ascii_digit(next))
            return 0;
        look = 1;
        break;
    case '%':
    case '@':
    case '_':
    case '+':
        look = 1;
        break;
    case ',':
    case '/':
    case ':':
        if (!letters && next_unknown)
            return 0;
        break;
    default:
        if (word_end_class[stop] != WORD_STOP)
            return 0;
        break;
    }
    if (look) {
        size_t url_end = scan_url(t, i);
        if (url_end) {
            *kind = LEDE_TOKEN_URL;
            return url_end;
        }
    }
    return j;
}

/* What quick_token() makes of an ASCII byte that is no letter, digit or
 * period: a one-byte punctuation mark or symbol (its kind, as
 * text_ascii_class() classes the byte), a hyphen or apostrophe that may
 * join what follows (QUICK_JOINER), or 0 for scan_token(): ! and ? (a run
 * of them), ` (`` is one mark), & and < (an entity, a tag), controls. A
 * table rather than a switch on the class: no indirect jump, whose target
 * the byte decides. */
enum { QUICK_JOINER = 0xFF };
static const unsigned char quick_kind[128] = {
    ['"'] = LEDE_TOKEN_PUNCT,  ['('] = LEDE_TOKEN_PUNCT,  [')'] = LEDE_TOKEN_PUNCT,
    ['*'] = LEDE_TOKEN_PUNCT,  [','] = LEDE_TOKEN_PUNCT,  ['/'] = LEDE_TOKEN_PUNCT,
    [':'] = LEDE_TOKEN_PUNCT,  [';'] = LEDE_TOKEN_PUNCT,  ['['] = LEDE_TOKEN_PUNCT,
    ['\\'] = LEDE_TOKEN_PUNCT, [']'] = LEDE_TOKEN_PUNCT,  ['_'] = LEDE_TOKEN_PUNCT,
    ['{'] = LEDE_TOKEN_PUNCT,  ['}'] = LEDE_TOKEN_PUNCT,  ['#'] = LEDE_TOKEN_SYMBOL,
    ['$'] = LEDE_TOKEN_SYMBOL, ['%'] = LEDE_TOKEN_SYMBOL, ['+'] = LEDE_TOKEN_SYMBOL,
    ['='] = LEDE_TOKEN_SYMBOL, ['>'] = LEDE_TOKEN_SYMBOL, ['@'] = LEDE_TOKEN_SYMBOL,
    ['^'] = LEDE_TOKEN_SYMBOL, ['|'] = LEDE_TOKEN_SYMBOL, ['~'] = LEDE_TOKEN_SYMBOL,
    ['-'] = QUICK_JOINER,      ['\''] = QUICK_JOINER,
};

/* The common tokens that start with no letter, cut without decoding or
 * scan_token(), with the same result: a number of ASCII digits
 * (number_end()), and a one-byte punctuation mark or symbol that joins
 * nothing. Returns the end and sets the kind, or returns 0 for
 * scan_token(). */
static inline size_t quick_token(tokenizer *t, size_t i, unsigned char b, int32_t *kind)
{
    const char *s = t->s;
    size_t len = t->len;
    if ((unsigned char)(b - '0') < 10)
        return number_end(t, i, kind);
    if (b == '.') {
        /* not "..." nor ".75" */
        if (i + 1 < len && (s[i + 1] == '.' || (unsigned char)(s[i + 1] - '0') < 10))
            return 0;
        *kind = LEDE_TOKEN_PUNCT;
        return i + 1;
    }
    if (b >= 0x80)
        return 0;
    unsigned k = quick_kind[b];
    if (k == QUICK_JOINER) {
        /* a dash of hyphens ("-", "--") or a lone apostrophe before a byte
         * that is no letter or digit, nor could become one ("- 10" is a
         * dash; "-10", "'90s" and "''" are scan_token()'s) */
        unsigned char next = i + 1 < len ? (unsigned char)s[i + 1] : ' ';
        if (next >= 0x80 || next == '&' || ascii_letter(next) || ascii_digit(next) || next == '\'')
            return 0;
        size_t j = i + 1;
        while (b == '-' && j < len && s[j] == '-')
            j++;
        *kind = LEDE_TOKEN_PUNCT;
        return j;
    }
    *kind = (int32_t)k;
    return k ? i + 1 : 0;
}

/* Scan one token that starts with character c at i; returns its end. */
static size_t scan_token(tokenizer *t, size_t i, const tchar *c, int32_t *kind, uint32_t *flags,
                         int *needs_norm)
{
    const char *s = t->s;
    size_t len = t->len;
    *needs_norm = c->entity || (c->cp >= 0x80 && c->cls != CH_QUOTE && c->cls != CH_DASH &&
                                c->cls != CH_APOSTROPHE);
    if (char_is_alnum(c->cls)) {
        /* A web address starts "http" or "www"; an e-mail address shows
         * itself where the word stops at one of its characters. */
        unsigned char first = (unsigned char)(c->cp | 0x20);
        size_t url_end = c->cp < 0x80 && (first == 'h' || first == 'w') ? scan_url(t, i) : 0;
        word_info w;
        if (!url_end) {
            if (!plain_word(t, i, c, &w))
                scan_word(t, i, c, &w);
            char after = w.end < len ? s[w.end] : ' ';
            if (after == '@' || after == '.' || after == '_' || after == '%' || after == '+' ||
                after == '-')
                url_end = scan_url(t, i);
        }
        if (url_end) {
            *kind = LEDE_TOKEN_URL;
            return url_end;
        }
        *kind = c->cls == CH_DIGIT || c->cls == CH_NUMERIC ? LEDE_TOKEN_NUMBER : LEDE_TOKEN_WORD;
        if (c->cls == CH_UPPER)
            *flags |= LEDE_TOKEN_CAPITALIZED;
        if (w.letters >= 2 && w.lower == 0)
            *flags |= LEDE_TOKEN_ALL_CAPS;
        *needs_norm = w.needs_norm;
        return w.end;
    }
    size_t j = i + c->size;
    tchar n;
    switch (c->cls) {
    case CH_PERIOD:
        *kind = LEDE_TOKEN_PUNCT;
        if (j < len && s[j] >= '0' && s[j] <= '9' && (*flags & LEDE_TOKEN_SPACE_BEFORE)) {
            /* a number without its leading zero: ".75 cups", "a .5% rise" */
            word_info w;
            text_next(s, len, j, &n);
            scan_word(t, j, &n, &w);
            *kind = LEDE_TOKEN_NUMBER;
            *needs_norm |= w.needs_norm;
            return w.end;
        }
        while (j < len && s[j] == '.')
            j++;
        return j;
    case CH_TERMINAL:
        *kind = LEDE_TOKEN_PUNCT;
        while (j < len) {
            text_next(s, len, j, &n);
            if (n.cls != CH_TERMINAL)
                break;
            j += n.size;
            *needs_norm |= n.entity || n.cp >= 0x80;
        }
        return j;
    case CH_HYPHEN:
        *kind = LEDE_TOKEN_PUNCT;
        if (j < len) {
            text_next(s, len, j, &n);
            if (n.cls == CH_DIGIT && (*flags & LEDE_TOKEN_SPACE_BEFORE)) {
                /* a sign: "-0.4%", "−5" */
                word_info w;
                scan_word(t, j, &n, &w);
                *kind = LEDE_TOKEN_NUMBER;
                *needs_norm |= w.needs_norm || c->cp >= 0x80;
                return w.end;
            }
        }
        while (j < len && s[j] == '-')
            j++;
        return j;
    case CH_APOSTROPHE:
        *kind = LEDE_TOKEN_PUNCT;
        if (j < len) {
            text_next(s, len, j, &n);
            int after_word = !(*flags & LEDE_TOKEN_SPACE_BEFORE) && i > 0;
            if ((after_word && char_is_letter(n.cls)) ||
                ((*flags & LEDE_TOKEN_SPACE_BEFORE) && n.cls == CH_DIGIT)) {
                /* "Jr.'s", "the '90s" */
                word_info w;
                scan_word(t, j, &n, &w);
                *kind = n.cls == CH_DIGIT ? LEDE_TOKEN_NUMBER : LEDE_TOKEN_WORD;
                *needs_norm = 1;
                return w.end;
            }
            if (c->cp == '\'' && j < len && s[j] == '\'')
                return j + 1; /* '' as a closing quote */
        }
        return j;
    case CH_QUOTE:
        *kind = LEDE_TOKEN_PUNCT;
        if (c->cp == '`' && j < len && s[j] == '`')
            return j + 1;
        return j;
    case CH_ELLIPSIS:
        *kind = LEDE_TOKEN_PUNCT;
        *needs_norm = 1;
        return j;
    case CH_SYMBOL:
        *kind = LEDE_TOKEN_SYMBOL;
        return j;
    default:
        *kind = LEDE_TOKEN_PUNCT;
        return j;
    }
}

/* Close the line `ln` at `end`, with `count` tokens pushed. Its indent and
 * width are left to the document layer, which measures only the lines it
 * compares (those of a block of several lines): most lines are a paragraph
 * of their own. */
static lede_status close_line(tokenizer *t, line *ln, size_t end, size_t count)
{
    ln->end = end;
    ln->token_count = count - ln->token_first;
    /* pushed by hand where there is room: every field is written here or
     * was zeroed, so no vec_push() memset */
    vec *lines = &t->doc->lines;
    line *slot = lines->count < lines->capacity ? (line *)lines->items + lines->count++
                                                : vec_push_grow(&t->doc->arena, lines);
    if (!slot)
        return LEDE_ERR_NOMEM;
    *slot = *ln;
    return LEDE_OK;
}

lede_status text_tokenize(lede_doc *doc)
{
    tokenizer t = {doc, doc->text, doc->len, 0, 0, 0, LEDE_NONE, 0, 0, LEDE_NONE};
    /* lede_parse() cuts the array to its length after the sentence layer,
     * whose list of sentence ends takes the room the tokens leave (doc.h) */
    if (vec_reserve_exact(&doc->arena, &doc->tokens, text_token_room(doc->len)) != 0)
        return error_set(LEDE_ERR_NOMEM, "out of memory");
    token_room room = {(lede_token *)doc->tokens.items + doc->tokens.count,
                       (lede_token *)doc->tokens.items + doc->tokens.capacity};
    /* the text in locals, which no store to a token can change */
    const char *s = t.s;
    size_t len = t.len;
    uint32_t pending = LEDE_TOKEN_SPACE_BEFORE;
    line ln = {0};
    size_t i = 0;
    /* No test for the end at the top: the text's NUL, a byte of no word,
     * ends the loop below (a NUL inside the text goes on). */
    for (;;) {
        unsigned char b = (unsigned char)s[i];
        /* a letter first: the word-and-space path below takes the space
         * after most words, so that fewer than one byte in eight that
         * come here is a space */
        if ((unsigned char)((b | 0x20) - 'a') < 26) {
            /* Most tokens are an ASCII letter and lower-case letters up to a
             * byte that no word goes on past: such a word is cut here. */
            unsigned run = lower_run16(s, i + 1);
            size_t j = i + 1 + run;
            unsigned char stop = (unsigned char)s[j]; /* the NUL at the end */
            uint32_t flags = pending | (b < 'a' ? LEDE_TOKEN_CAPITALIZED : 0);
            if (stop == ' ' && i >= t.run_end) {
                /* The commonest of all: a word and a space, taken at once.
                 * Outside the run of an address look before, a word of at
                 * most 17 letters before a space starts no address
                 * (address_may_start()), whatever its first letter: no test
                 * of it. */
                if (push_token(&t, &room, s, i, j, LEDE_TOKEN_WORD, flags, 0, 0) != LEDE_OK)
                    goto nomem;
                pending = LEDE_TOKEN_SPACE_BEFORE;
                i = j + 1;
                continue;
            }
            /* ascii_word_end() reads nothing past a period after
             * lower-case letters: most are a sentence's end, asked
             * word_ends_at_period() at once. It takes the rest of a run of
             * more than the sixteen letters looked at, whose next byte
             * (a letter) goes on. The NUL at the end is a WORD_STOP. */
            unsigned end_class = word_end_class[stop];
            if (end_class == WORD_GOES_ON) {
                word_end w = ascii_word_end(s, i, j);
                j = w.end;
                flags |= w.caps;
                end_class = j ? word_end_class[(unsigned char)s[j]] : WORD_GOES_ON;
            }
            if (end_class == WORD_STOP ||
                (end_class == WORD_PERIOD && word_ends_at_period(&t, i, j))) {
                int32_t kind = LEDE_TOKEN_WORD;
                if (end_class == WORD_STOP &&
                    address_may_start(&t, i, j, b, j < len ? (unsigned char)s[j] : ' ')) {
                    /* A word from "h" or "w" ("However,"): scan_token()
                     * asks scan_url() first, and takes the word where it
                     * finds no address; after a WORD_STOP byte it asks
                     * nothing more. */
                    size_t url_end = scan_url(&t, i);
                    if (url_end) {
                        kind = LEDE_TOKEN_URL;
                        flags = pending;
                        j = url_end;
                    }
                }
                /* ascii_word_end() takes no period: only an address may
                 * end in one */
                if (push_token(&t, &room, s, i, j, kind, flags, 0, kind == LEDE_TOKEN_URL) !=
                    LEDE_OK)
                    goto nomem;
                pending = 0;
                i = j;
                if (kind == LEDE_TOKEN_WORD) {
                    /* The mark after the word ("said," "it.", "law)") cut
                     * at once, as quick_token() would on the next turn of
                     * the loop, with the space after it: no turn through
                     * the tests of the letter and of quick_token(). The
                     * byte is a WORD_STOP byte, a period that
                     * word_ends_at_period() has seen end its run (no "..."
                     * nor ".5"), or the NUL at the end: ASCII. */
                    unsigned char m = (unsigned char)s[j];
                    unsigned mk = m == '.' ? LEDE_TOKEN_PUNCT : quick_kind[m];
                    if (mk == LEDE_TOKEN_PUNCT || mk == LEDE_TOKEN_SYMBOL) {
                        if (push_token(&t, &room, s, j, j + 1, (int32_t)mk, 0, 0, m == '.') !=
                            LEDE_OK)
                            goto nomem;
                        unsigned space = s[j + 1] == ' ';
                        pending = space ? LEDE_TOKEN_SPACE_BEFORE : 0;
                        i = j + 1 + space;
                    }
                }
                continue;
            }
        } else {
            if (b == ' ') {
                pending |= LEDE_TOKEN_SPACE_BEFORE;
                i++;
                continue;
            }
            if (i >= len)
                break;
            int32_t kind;
            size_t end = quick_token(&t, i, b, &kind);
            if (end) {
                /* of quick_token()'s tokens only a period or an address
                 * may end in '.', '!' or '?' */
                if (push_token(&t, &room, s, i, end, kind, pending, 0,
                               b == '.' || kind == LEDE_TOKEN_URL) != LEDE_OK)
                    goto nomem;
                /* a space after it (", ", numbers) taken at once, without
                 * a turn of the loop */
                unsigned space = s[end] == ' ';
                pending = space ? LEDE_TOKEN_SPACE_BEFORE : 0;
                i = end + space;
                continue;
            }
        }
        tchar c;
        text_next(s, len, i, &c);
        if (c.cls == CH_SPACE) {
            pending |= LEDE_TOKEN_SPACE_BEFORE;
            i += c.size;
            continue;
        }
        if (c.cls == CH_NEWLINE || c.cls == CH_PARABREAK) {
            pending |= LEDE_TOKEN_SPACE_BEFORE | LEDE_TOKEN_NEWLINE_BEFORE;
            if (close_line(&t, &ln, i, tokens_pushed(&t, room)) != LEDE_OK)
                goto nomem;
            i += c.size;
            if (c.cls == CH_PARABREAK) {
                /* an empty line keeps the blocks on either side apart */
                memset(&ln, 0, sizeof ln);
                ln.begin = i;
                ln.token_first = tokens_pushed(&t, room);
                if (close_line(&t, &ln, i, ln.token_first) != LEDE_OK)
                    goto nomem;
            }
            memset(&ln, 0, sizeof ln);
            ln.begin = i;
            ln.token_first = tokens_pushed(&t, room);
            continue;
        }
        if (c.cls == CH_IGNORABLE) {
            i += c.size;
            continue;
        }
        int32_t kind = LEDE_TOKEN_UNKNOWN;
        uint32_t flags = pending;
        int needs_norm = 0;
        size_t end = scan_token(&t, i, &c, &kind, &flags, &needs_norm);
        if (push_token(&t, &room, s, i, end, kind, flags, needs_norm, 1) != LEDE_OK)
            goto nomem;
        pending = 0;
        i = end;
    }
    if (close_line(&t, &ln, len, tokens_pushed(&t, room)) != LEDE_OK)
        goto nomem;
    tokens_sync(&t, room);
    close_sentence_ends(&t, doc->tokens.count);
    return LEDE_OK;
nomem:
    tokens_sync(&t, room);
    return error_set(LEDE_ERR_NOMEM, "out of memory");
}

int token_is_dash_mark(const lede_token *t)
{
    if (t->norm[0] == '-') {
        for (size_t k = 0; k < t->norm_len; k++)
            if (t->norm[k] != '-')
                return 0;
        return t->norm_len <= 3;
    }
    tchar c;
    text_next(t->norm, t->norm_len, 0, &c);
    return c.cls == CH_DASH && c.size == t->norm_len;
}

int token_is_quote_mark(const lede_token *t)
{
    tchar c;
    text_next(t->norm, t->norm_len, 0, &c);
    return c.cls == CH_QUOTE || c.cls == CH_APOSTROPHE;
}

char *token_join(arena *a, const lede_token *tokens, size_t first, size_t end, size_t *len)
{
    size_t cap = 1;
    for (size_t i = first; i < end; i++)
        cap += tokens[i].norm_len + 1;
    char *s = arena_alloc(a, cap);
    if (!s)
        return NULL;
    size_t n = 0;
    for (size_t i = first; i < end; i++) {
        if (n && (tokens[i].flags & LEDE_TOKEN_SPACE_BEFORE))
            s[n++] = ' ';
        memcpy(s + n, tokens[i].norm, tokens[i].norm_len);
        n += tokens[i].norm_len;
    }
    s[n] = '\0';
    *len = n;
    return s;
}
