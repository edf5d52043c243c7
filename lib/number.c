/* Numbers as news text writes them. A digit token is read without strtod
 * (whose decimal mark depends on the locale): the digits are accumulated as
 * an exact integer and divided once by a power of ten, which rounds once. */
#include "number.h"

#include <stddef.h>
#include <string.h>

#include "lexicon.h"
#include "token.h"

enum { MAX_EXACT_DIGITS = 15 };

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_ascii_alnum(char c)
{
    return is_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static double power10(int e)
{
    double p = 1;
    for (int k = 0; k < e; k++)
        p *= 10;
    for (int k = 0; k > e; k--)
        p /= 10;
    return p;
}

/* The exponent of scientific notation written after the digits ("e6" of
 * "1.3e6", "e-4" of "2.5e-4"): -308 to 308 from "e", a sign and one to
 * three digits, else 0. */
static int exponent_suffix(const char *s, size_t len)
{
    if (len < 2 || (s[0] != 'e' && s[0] != 'E'))
        return 0;
    size_t k = 1;
    int sign = 1;
    if (s[1] == '-' || s[1] == '+') {
        sign = s[1] == '-' ? -1 : 1;
        k = 2;
    }
    if (len == k || len - k > 3)
        return 0;
    int e = 0;
    for (; k < len; k++) {
        if (s[k] < '0' || s[k] > '9')
            return 0;
        e = e * 10 + (s[k] - '0');
    }
    return e <= 308 ? sign * e : 0;
}

/* vulgar_fraction() past its first byte. */
static size_t vulgar_fraction_at(const char *s, size_t len, size_t i, double *value)
{
    const unsigned char *u = (const unsigned char *)s;
    if (i + 1 < len && u[i] == 0xC2) {
        switch (u[i + 1]) {
        case 0xBC:
            *value = 0.25;
            return 2;
        case 0xBD:
            *value = 0.5;
            return 2;
        case 0xBE:
            *value = 0.75;
            return 2;
        default:
            return 0;
        }
    }
    if (i + 2 < len && u[i] == 0xE2 && u[i + 1] == 0x85 && u[i + 2] >= 0x90 && u[i + 2] <= 0x9E) {
        static const double values[] = {1.0 / 7, 1.0 / 9, 0.1,   1.0 / 3, 2.0 / 3,
                                        0.2,     0.4,     0.6,   0.8,     1.0 / 6,
                                        5.0 / 6, 0.125,   0.375, 0.625,   0.875};
        *value = values[u[i + 2] - 0x90];
        return 3;
    }
    return 0;
}

/* A vulgar fraction character at s[i]: its value and byte length. Every
 * number is asked twice, before and after its digits, and few have one:
 * the first byte, 0xC2 or 0xE2, is tested here without a call. */
static inline size_t vulgar_fraction(const char *s, size_t len, size_t i, double *value)
{
    if (i >= len || ((unsigned char)s[i] != 0xC2 && (unsigned char)s[i] != 0xE2))
        return 0;
    return vulgar_fraction_at(s, len, i, value);
}

/* The digits, separators and decimal mark at s[i]: the value and the bytes
 * taken; 0 when no number starts there, (size_t)-1 when the digits form no
 * quantity (a dotted code, a time). */
static size_t scan_number(const char *s, size_t len, size_t i, number_part *p)
{
    size_t start = i;
    memset(p, 0, sizeof *p);
    p->sign = 1;
    if (i < len && (s[i] == '-' || s[i] == '+')) {
        p->sign = s[i] == '-' ? -1 : 1;
        i++;
    } else if (i + 2 < len && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x88 &&
               (unsigned char)s[i + 2] == 0x92) {
        p->sign = -1;
        i += 3;
    }
    double frac = 0;
    size_t vf = vulgar_fraction(s, len, i, &frac);
    if (vf) {
        p->value = frac;
        return i + vf - start;
    }
    /* plain digits, most numbers ("2025", "15"): read in one pass, as the
     * general reading below would read them (the same sums, in the same
     * order), where no separator, decimal mark or ':' follows */
    size_t d = i;
    double plain = 0;
    while (d < len && is_digit(s[d])) {
        plain = plain * 10 + (s[d] - '0');
        d++;
    }
    if (d > i && (d == len || (s[d] != ',' && s[d] != '.' && s[d] != ':'))) {
        p->digits = (int)(d - i);
        p->leading_zero = s[i] == '0' && d - i > 1;
        p->value = plain;
        size_t vf2 = vulgar_fraction(s, len, d, &frac); /* "2½" */
        if (vf2) {
            p->value += frac;
            d += vf2;
        }
        return d - start;
    }
    /* the run of digits, commas and periods, ending on a digit */
    size_t run = i, run_end = i;
    int commas = 0, periods = 0;
    size_t last_comma = 0, last_period = 0;
    while (run_end < len) {
        char c = s[run_end];
        if (is_digit(c)) {
            run_end++;
            continue;
        }
        if ((c == ',' || c == '.') && run_end + 1 < len && is_digit(s[run_end + 1]) &&
            (run_end > run || c == '.')) {
            if (c == ',') {
                commas++;
                last_comma = run_end;
            } else {
                periods++;
                last_period = run_end;
            }
            run_end++;
            continue;
        }
        break;
    }
    if (run_end == run)
        return 0;
    if (run_end < len && s[run_end] == ':' && run_end + 1 < len && is_digit(s[run_end + 1]))
        return (size_t)-1; /* a time or a score: "10:30", "3:1" */
    char decimal = 0;
    if (commas && periods) {
        decimal = last_comma > last_period ? ',' : '.';
        if ((decimal == ',' && commas > 1) || (decimal == '.' && periods > 1))
            return (size_t)-1;
    } else if (periods > 1) {
        return (size_t)-1; /* "192.168.0.1", "1.2.3" */
    } else if (periods == 1) {
        decimal = '.';
    } else if (commas) {
        /* groups of three, or Indian groups of two before the last three;
         * a single comma before other than three digits is a decimal mark */
        size_t group = 0, first_group = 0, k;
        int ok = 1, seen_comma = 0, twos = 0;
        for (k = run; k <= run_end; k++) {
            if (k == run_end || s[k] == ',') {
                if (!seen_comma)
                    first_group = group;
                else if (k == run_end ? group != 3 : (group != 3 && group != 2))
                    ok = 0;
                else if (k != run_end && group == 2)
                    twos++;
                seen_comma = 1;
                group = 0;
                continue;
            }
            group++;
        }
        if (first_group > 3 || (twos && first_group > 2))
            ok = 0;
        if (!ok) {
            if (commas != 1)
                return (size_t)-1;
            decimal = ',';
        }
    }
    /* accumulate */
    double int_part = 0, numerator = 0;
    int exact_digits = 0, decimals = 0, after = 0;
    for (size_t k = run; k < run_end; k++) {
        char c = s[k];
        if (c == decimal) {
            after = 1;
            continue;
        }
        if (!is_digit(c)) {
            p->grouped = 1;
            continue;
        }
        if (!after) {
            if (p->digits == 0 && c == '0' && k + 1 < run_end && is_digit(s[k + 1]))
                p->leading_zero = 1;
            p->digits++;
            int_part = int_part * 10 + (c - '0');
        } else if (decimals < 17) {
            decimals++;
        }
        if (exact_digits < MAX_EXACT_DIGITS + 2) {
            numerator = numerator * 10 + (c - '0');
            exact_digits++;
        }
    }
    p->decimals = decimals;
    if (!decimals) {
        p->value = int_part;
    } else if (p->digits + decimals <= MAX_EXACT_DIGITS) {
        p->value = numerator / power10(decimals);
    } else {
        double f = 0, scale = 0.1;
        after = 0;
        for (size_t k = run; k < run_end; k++) {
            if (s[k] == decimal) {
                after = 1;
            } else if (after && is_digit(s[k])) {
                f += (s[k] - '0') * scale;
                scale /= 10;
            }
        }
        p->value = int_part + f;
    }
    /* "2½" */
    size_t vf2 = vulgar_fraction(s, len, run_end, &frac);
    if (vf2 && !decimals) {
        p->value += frac;
        run_end += vf2;
    }
    return run_end - start;
}

int number_scan_token(const char *s, size_t len, number_token *out)
{
    /* Not the whole struct, which is mostly its parts: scan_number()
     * clears each part it scans, and no part past `parts` is read. */
    out->parts = 0;
    memset(out->sep, 0, sizeof out->sep);
    out->bad = 0;
    out->year = out->month = out->day = 0;
    /* "2025-03-26" */
    if (len == 10 && is_digit(s[0]) && s[4] == '-' && s[7] == '-') {
        int ok = 1;
        for (size_t k = 0; k < 10; k++)
            if (k != 4 && k != 7 && !is_digit(s[k]))
                ok = 0;
        if (ok) {
            out->year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
            out->month = (s[5] - '0') * 10 + (s[6] - '0');
            out->day = (s[8] - '0') * 10 + (s[9] - '0');
            if (out->month < 1 || out->month > 12 || out->day < 1 || out->day > 31)
                out->year = 0;
            else
                return 1;
        }
    }
    size_t i = 0;
    while (out->parts < NUMBER_PARTS) {
        number_part *p = &out->part[out->parts];
        size_t n = scan_number(s, len, i, p);
        if (n == (size_t)-1) {
            out->bad = 1;
            return 1;
        }
        if (n == 0) {
            if (out->parts == 0)
                return 0;
            p->is_word = 1;
            p->sign = 1;
        }
        i += n;
        size_t suffix = i;
        while (i < len && (is_ascii_alnum(s[i]) || (unsigned char)s[i] >= 0x80) && s[i] != '-' &&
               s[i] != '/') {
            /* stop at a dash written as UTF-8 (U+2013) */
            if ((unsigned char)s[i] == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
                ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94))
                break;
            i++;
        }
        /* a signed exponent: "2.5e-4", "1E+6" */
        if (i == suffix + 1 && (s[suffix] == 'e' || s[suffix] == 'E') && i + 1 < len &&
            (s[i] == '-' || s[i] == '+') && is_digit(s[i + 1])) {
            i++;
            while (i < len && is_digit(s[i]))
                i++;
        }
        p->suffix = s + suffix;
        p->suffix_len = i - suffix;
        if (p->is_word && p->suffix_len == 0) {
            out->bad = 1;
            return 1;
        }
        out->parts++;
        if (i >= len)
            return 1;
        if (out->parts == NUMBER_PARTS)
            break;
        if (s[i] == '-' || s[i] == '/') {
            out->sep[out->parts] = s[i];
            i++;
        } else if ((unsigned char)s[i] == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
                   ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94)) {
            out->sep[out->parts] = '-';
            i += 3;
        } else {
            break;
        }
        if (i >= len)
            break;
    }
    out->bad = 1; /* left-over characters: "1.2.3a", four parts */
    return 1;
}

int number_scale(const char *s, size_t len, int money)
{
    const lexicon_entry *e = lexicon_find(&lexicon_scale_suffixes, s, len);
    if (!e)
        return 0;
    /* "5m", "5b" and "5t" alone are metres, bytes and tonnes; "5mm" is
     * millimetres; after a currency they are millions, billions and
     * trillions ("$2.1T") */
    if (!money && ((len == 1 && (s[0] == 'm' || s[0] == 'b' || s[0] == 't' || s[0] == 'T')) ||
                   (len == 2 && s[0] == 'm' && s[1] == 'm')))
        return 0;
    return (int)e->value;
}

/* Classes of data/number_words.txt. */
typedef enum word_class {
    W_NONE,
    W_ZERO,
    W_CARD,
    W_ORD,
    W_HUND,
    W_SCALE,
    W_MULT,
    W_HALF,
    W_QUART
} word_class;

static word_class word_lookup(const char *s, size_t len, long *value)
{
    const lexicon_entry *e = lexicon_find(&lexicon_number_words, s, len);
    if (!e || !e->text)
        return W_NONE;
    *value = e->value;
    switch (e->text[0]) {
    case 'z':
        return W_ZERO;
    case 'c':
        return W_CARD;
    case 'o':
        return W_ORD;
    case 'h':
        return e->text[1] == 'u' ? W_HUND : W_HALF;
    case 's':
        return W_SCALE;
    case 'm':
        return W_MULT;
    case 'q':
        return W_QUART;
    default:
        return W_NONE;
    }
}

/* The first hyphen-separated piece of a word token. */
static size_t first_piece(const lede_token *t)
{
    const char *h = memchr(t->norm, '-', t->norm_len);
    return h ? (size_t)(h - t->norm) : t->norm_len;
}

static word_class token_class(const lede_token *t, long *value)
{
    if (t->kind != LEDE_TOKEN_WORD)
        return W_NONE;
    return word_lookup(t->norm, first_piece(t), value);
}

/* token_class() of a word of one piece, W_NONE for a hyphenated one
 * ("million-dollar"): where a number word must stand alone. The token is
 * looked up whole, and searched for a hyphen only when it is a number
 * word: most tokens asked about are other words, and a hyphenated token
 * whose whole is a number word has a first piece other than itself. */
static inline word_class whole_class(const lede_token *t, long *value)
{
    long v;
    if (t->kind != LEDE_TOKEN_WORD)
        return W_NONE;
    word_class c = word_lookup(t->norm, t->norm_len, &v);
    if (c == W_NONE || memchr(t->norm, '-', t->norm_len))
        return W_NONE;
    *value = v;
    return c;
}

/* The reading state of a spelled-out number. */
typedef struct words {
    double total, current;
    int have;       /* current holds a number */
    int last_scale; /* the last scale applied, as a power of ten */
    word_class last;
    int done; /* a fraction ends the number */
    int fraction;
    int ordinal;
    int scaled;
} words;

/* Apply one number word; 0 when it does not continue the number. */
static int words_step(words *w, word_class c, long v, const char *s, size_t len)
{
    (void)s;
    (void)len;
    if (w->done)
        return 0;
    switch (c) {
    case W_ZERO:
        if (w->have)
            return 0;
        w->current = 0;
        w->have = 1;
        break;
    case W_CARD:
        if (w->have && w->last == W_CARD) {
            if (!number_is_whole(w->current))
                return 0;
            long cur = (long)w->current % 100;
            if (!(cur % 10 == 0 && cur != 0 && v < 10))
                return 0; /* "five four" is two numbers */
            w->current += (double)v;
        } else if (w->have && w->last == W_HUND) {
            if (v >= 100)
                return 0;
            w->current += (double)v;
        } else if (w->have && w->last != W_SCALE) {
            return 0;
        } else {
            w->current = (double)v;
        }
        w->have = 1;
        break;
    case W_HUND:
        w->current = (w->have ? w->current : 1) * 100;
        w->have = 1;
        break;
    case W_SCALE: {
        double cur = w->have ? w->current : 1;
        if (w->total > 0 && (int)v > w->last_scale)
            w->total = (w->total + cur) * power10((int)v);
        else
            w->total += cur * power10((int)v);
        w->last_scale = (int)v;
        w->current = 0;
        w->have = 0;
        w->scaled = 1;
        break;
    }
    case W_MULT:
        w->current = (w->have ? w->current : 1) * (double)v;
        w->have = 1;
        break;
    case W_ORD:
        if (!w->have && w->total > 0 && v > 2) {
            /* "a hundred thousand trillionths" */
            w->current = w->total;
            w->total = 0;
            w->have = 1;
        }
        if (!w->have || v == 1 || (v == 2 && w->current == 1 && w->last != W_CARD))
            return 0;
        w->current /= (double)v;
        w->fraction = 1;
        w->done = 1;
        break;
    case W_QUART:
        if (!w->have)
            return 0;
        w->current *= 0.25;
        w->fraction = 1;
        break;
    case W_HALF:
        if (!w->have)
            return 0;
        w->current *= 0.5;
        w->fraction = 1;
        break;
    default:
        return 0;
    }
    w->last = c;
    return 1;
}

/* A singular ordinal that ends a cardinal: "twenty-first", "one hundred
 * fifth", "two hundredth". 1 when it makes the number an ordinal. */
static int ordinal_step(words *w, long v)
{
    if (!number_is_whole(w->current) || w->current < 0)
        return 0;
    long cur = (long)w->current, tens = cur % 100;
    if ((w->last == W_CARD && tens >= 20 && tens % 10 == 0 && v < 10) ||
        (w->last == W_HUND && v < 100))
        w->current += (double)v;
    else if (w->last == W_CARD && cur >= 2 && cur < 10 && (v == 100 || v == 1000))
        w->current *= (double)v;
    else
        return 0;
    w->ordinal = 1;
    w->done = 1;
    w->last = W_ORD;
    return 1;
}

static int is_article(const lede_token *t)
{
    return token_is_word(t, "a") || token_is_word(t, "an");
}

/* "and a half", "and three fifths", "and a quarter" from token j (the
 * "and"): the fraction and the token after it; 0 when none. */
static int and_fraction(const lede_token *tok, size_t j, size_t end, double *value, size_t *after)
{
    if (j + 2 >= end + 0 || !token_is_word(&tok[j], "and"))
        return 0;
    long v = 0, d = 0;
    double num;
    size_t k = j + 1;
    if (is_article(&tok[k]))
        num = 1;
    else if (whole_class(&tok[k], &v) == W_CARD && v < 20)
        num = (double)v;
    else
        return 0;
    k++;
    if (k >= end)
        return 0;
    word_class c = whole_class(&tok[k], &d);
    if (c == W_HALF)
        *value = num * 0.5;
    else if (c == W_QUART)
        *value = num * 0.25;
    else if (c == W_ORD && d > 2)
        *value = num / (double)d;
    else
        return 0;
    if (*value >= 1)
        return 0;
    *after = k + 1;
    return 1;
}

/* A plural compound ordinal, the denominator of a fraction after its
 * numerator: 21 for "twenty-firsts", 32 for "thirty-seconds"; else 0. */
static long compound_denominator(const lede_token *t)
{
    const char *s = t->norm, *h = memchr(s, '-', t->norm_len);
    size_t n = t->norm_len;
    long tens = 0, unit = 0;
    if (!h || n < 2 || s[n - 1] != 's')
        return 0;
    size_t a = (size_t)(h - s);
    if (word_lookup(s, a, &tens) != W_CARD || tens < 20 || tens % 10 != 0)
        return 0;
    const char *u = h + 1;
    size_t ul = n - a - 1;
    /* "firsts" and "seconds" are not in the lexicon: the singular is */
    if (word_lookup(u, ul, &unit) != W_ORD && word_lookup(u, ul - 1, &unit) != W_ORD)
        return 0;
    return unit < 10 ? tens + unit : 0;
}

/* Is token j a hyphen written between spaces ("fifty - two")? */
static int spaced_hyphen(const lede_token *tok, size_t j, size_t end)
{
    return j + 1 < end && token_is_char(&tok[j], '-') && (tok[j].flags & LEDE_TOKEN_SPACE_BEFORE) &&
           (tok[j + 1].flags & LEDE_TOKEN_SPACE_BEFORE);
}

/* Twice the unit of a plural number word that stands alone for an
 * unknown amount ("hundreds" 200, "tens" 20, "millions" 2e6, "dozens"
 * 24); 0 for any other token. */
static double vague_plural(const lede_token *t)
{
    long v = 0;
    size_t n = t->norm_len;
    if (t->kind != LEDE_TOKEN_WORD || n < 4 || t->norm[n - 1] != 's' || n != first_piece(t))
        return 0;
    if (token_is_word(t, "tens"))
        return 20;
    word_class c = token_class(t, &v);
    if (c == W_SCALE)
        return 2 * power10((int)v);
    return c == W_HUND || c == W_MULT ? 2.0 * (double)v : 0;
}

/* Every field of *out zero but scan, the storage of tok, which is read
 * only through tok: most of the struct, written whole when it is used. */
static inline void clear_number(number *out)
{
    size_t scan_end = offsetof(number, scan) + sizeof out->scan;
    memset(out, 0, offsetof(number, scan));
    memset((char *)out + scan_end, 0, sizeof *out - scan_end);
}

/* Read spelled-out number words from token i. */
static int read_words(const lede_token *tok, size_t i, size_t end, number *out)
{
    clear_number(out);
    words w;
    memset(&w, 0, sizeof w);
    w.last_scale = 99;
    size_t j = i;
    double sign = 1;
    long v = 0;
    if (token_is_word(&tok[j], "minus") || token_is_word(&tok[j], "negative")) {
        sign = -1;
        j++;
    }
    /* "hundreds of", "dozens of", "tens of thousands of", "hundreds of
     * millions of", "dozens died": a vague lower bound, twice the unit */
    double vague = vague_plural(&tok[j]);
    if (vague > 0 && (j + 1 >= end || token_class(&tok[j + 1], &v) == W_NONE)) {
        size_t k = j + 1;
        while (k + 1 < end && token_is_word(&tok[k], "of")) {
            double more = vague_plural(&tok[k + 1]);
            if (more <= vague)
                break;
            vague *= more / 2; /* "hundreds of millions": 2 x 100 x 1,000,000 */
            k += 2;
        }
        /* "thousands of people", "billions of pounds": the noun counted */
        if (k + 1 < end && token_is_word(&tok[k], "of") && tok[k + 1].kind == LEDE_TOKEN_WORD &&
            !token_is_word(&tok[k + 1], "the") && !is_article(&tok[k + 1]) &&
            !token_is_word(&tok[k + 1], "their") && !token_is_word(&tok[k + 1], "these") &&
            !token_is_word(&tok[k + 1], "those") && !token_is_word(&tok[k + 1], "its") &&
            !token_lexicon(&tok[k + 1], &lexicon_pronouns))
            k++;
        out->value = vague;
        out->vague = 1;
        out->spelled = 1;
        out->first = i;
        out->end = k;
        return 1;
    }
    /* "a hundred", "a dozen", "a third", "a couple", "half a million" */
    if (j < end && is_article(&tok[j])) {
        if (j + 1 >= end)
            return 0;
        word_class c = token_class(&tok[j + 1], &v);
        if (token_is_word(&tok[j + 1], "couple")) {
            out->value = 2;
            out->first = i;
            out->end = j + 2;
            out->spelled = 1;
            if (j + 2 < end && token_is_word(&tok[j + 2], "of"))
                out->end = j + 3;
            return 1;
        }
        if (!(c == W_HUND || c == W_SCALE || c == W_MULT || c == W_HALF || c == W_QUART ||
              (c == W_ORD && v > 2)))
            return 0;
        w.current = 1;
        w.have = 1;
        w.last = W_CARD;
        j++;
    } else if (j + 1 < end && token_is_word(&tok[j], "half") && is_article(&tok[j + 1]) &&
               j + 2 < end && token_class(&tok[j + 2], &v) == W_SCALE) {
        w.current = 0.5;
        w.have = 1;
        w.last = W_CARD;
        j += 2;
    } else if (j + 2 < end && token_is_word(&tok[j], "half") && is_article(&tok[j + 1]) &&
               tok[j + 2].kind == LEDE_TOKEN_WORD && token_class(&tok[j + 2], &v) != W_SCALE) {
        /* "half a percentage point", "half a dozen": a half of what follows */
        word_class c = token_class(&tok[j + 2], &v);
        out->value = (c == W_MULT || c == W_HUND) ? 0.5 * (double)v : 0.5;
        out->first = i;
        out->end = (c == W_MULT || c == W_HUND) ? j + 3 : j + 2;
        out->spelled = 1;
        out->fraction = c != W_MULT && c != W_HUND;
        return 1;
    } else if (j + 1 < end && token_is_word(&tok[j], "half") &&
               token_class(&tok[j + 1], &v) == W_SCALE) {
        w.current = 0.5; /* "half million" */
        w.have = 1;
        w.last = W_CARD;
        j += 1;
    }
    size_t start_words = j;
    int after_article = i > 0 && is_article(&tok[i - 1]);
    const char *suffix = NULL;
    size_t suffix_len = 0;
    for (; j < end; j++) {
        const lede_token *t = &tok[j];
        if (spaced_hyphen(tok, j, end) && w.have && w.last == W_CARD && !w.done) {
            /* "fifty - two", "five - eighths" */
            word_class c = token_class(&tok[j + 1], &v);
            long tens = number_is_whole(w.current) ? (long)w.current % 100 : 0;
            if ((c == W_CARD && v < 10 && tens >= 20 && tens % 10 == 0) ||
                (c == W_ORD && v > 2 && tok[j + 1].norm[tok[j + 1].norm_len - 1] == 's'))
                continue;
            break;
        }
        if (t->kind != LEDE_TOKEN_WORD)
            break;
        long den = compound_denominator(t);
        if (den && w.have && !w.done) {
            /* "three twenty-firsts", "one hundred thirty-fifths" */
            w.current /= (double)den;
            w.fraction = 1;
            w.done = 1;
            j++;
            break;
        }
        /* "and" inside: "three hundred and one", "two and a half" */
        if (token_is_word(t, "and") && w.have + (w.total > 0) && j + 1 < end) {
            double fr;
            size_t after;
            if (and_fraction(tok, j, end, &fr, &after)) {
                long sv = 0;
                if (!w.have && after < end && whole_class(&tok[after], &sv) == W_SCALE &&
                    (int)sv < w.last_scale) {
                    /* "one billion and three quarters million" */
                    w.total += fr * power10((int)sv);
                    w.fraction = 1;
                    j = after;
                    continue;
                }
                if (w.have)
                    w.current += fr;
                else if (w.last_scale != 99)
                    w.total += fr * power10(w.last_scale);
                w.fraction = 1;
                j = after - 1;
                continue;
            }
            word_class c = token_class(&tok[j + 1], &v);
            if ((c == W_CARD || c == W_HUND) && (w.last == W_HUND || w.last == W_SCALE))
                continue;
            break;
        }
        if (token_is_word(t, "point") && w.have && j + 1 < end) {
            /* "two point two", "point 77" is not read */
            double scale = 0.1;
            size_t k = j + 1;
            int any = 0;
            for (; k < end; k++) {
                word_class c = token_class(&tok[k], &v);
                if ((c == W_CARD && v < 10) || c == W_ZERO) {
                    w.current += (c == W_ZERO ? 0 : (double)v) * scale;
                    scale /= 10;
                    any = 1;
                    continue;
                }
                break;
            }
            if (!any)
                break;
            /* a card after it starts a new number; a scale still applies
             * ("two point two million") */
            w.last = W_HUND;
            j = k - 1;
            continue;
        }
        /* each hyphen-separated piece: "forty-eight", "two-thirds", "five-year" */
        const char *s = t->norm;
        size_t n = t->norm_len, p = 0;
        int took = 0, stop = 0;
        while (p < n) {
            const char *h = memchr(s + p, '-', n - p);
            size_t piece = h ? (size_t)(h - (s + p)) : n - p;
            word_class c = word_lookup(s + p, piece, &v);
            if (c == W_ORD && s[p + piece - 1] != 's' && w.have && !w.done) {
                /* "a thirty-second ad" lasts thirty seconds */
                if (!(v == 2 && after_article) && ordinal_step(&w, v)) {
                    took = 1;
                    p += piece + (h ? 1 : 0);
                    continue;
                }
                if (w.current != 1) {
                    stop = 1; /* a singular denominator needs a numerator of one */
                    break;
                }
            }
            long nv = 0;
            if (c == W_QUART && s[p + piece - 1] == 's' && w.have && w.current > 1 &&
                !(j + 1 < end &&
                  (token_is_word(&tok[j + 1], "of") || token_class(&tok[j + 1], &nv) == W_SCALE))) {
                /* "two quarters ahead" are of a year; "three quarters of" and
                 * "three quarters billion" are parts */
                stop = 1;
                break;
            }
            if (c == W_NONE || !words_step(&w, c, v, s + p, piece)) {
                stop = 1;
                break;
            }
            took = 1;
            p += piece + (h ? 1 : 0);
        }
        if (!took)
            break;
        if (stop) {
            suffix = s + p;
            suffix_len = n - p;
            j++;
            break;
        }
        if (w.done) {
            j++;
            break;
        }
    }
    if (j == start_words)
        return 0;
    long sv = 0;
    if (w.fraction && !w.scaled && !suffix && j + 2 < end && token_is_word(&tok[j], "of") &&
        is_article(&tok[j + 1]) && whole_class(&tok[j + 2], &sv) == W_SCALE) {
        /* "two thirds of a million" */
        w.current *= power10((int)sv);
        w.scaled = 1;
        j += 3;
    } else if (w.fraction && !suffix && j + 2 < end && token_is_word(&tok[j], "of") &&
               is_article(&tok[j + 1]) && tok[j + 2].kind == LEDE_TOKEN_WORD &&
               (lexicon_find(&lexicon_units, tok[j + 2].norm, tok[j + 2].norm_len) ||
                token_is_word(&tok[j + 2], "percentage") || token_is_word(&tok[j + 2], "basis"))) {
        j += 2; /* "a third of a mile", "a quarter of a percentage point" */
    }
    out->value = sign * (w.total + (w.have ? w.current : 0));
    out->first = i;
    out->end = j;
    out->spelled = 1;
    out->scaled = w.scaled;
    out->fraction = w.fraction;
    out->ordinal = w.ordinal;
    out->suffix = suffix;
    out->suffix_len = suffix_len;
    return 1;
}

/* A group of three digits after a space, maybe with decimals: "000",
 * "567.89". */
static int digit_group(const lede_token *t)
{
    const char *s = t->norm;
    size_t n = t->norm_len;
    if (t->kind != LEDE_TOKEN_NUMBER || n < 3 || !is_digit(s[0]) || !is_digit(s[1]) ||
        !is_digit(s[2]))
        return 0;
    if (n == 3)
        return 1;
    if (n < 5 || s[3] != '.')
        return 0;
    for (size_t k = 4; k < n; k++)
        if (!is_digit(s[k]))
            return 0;
    return 1;
}

/* Is the space between tokens a and b exactly one space, NBSP or thin
 * space (a digit group: "1 000")? */
static int single_space_between(const lede_token *a, const lede_token *b, const char *text)
{
    size_t gap = b->span.begin - a->span.end;
    const unsigned char *g = (const unsigned char *)text + a->span.end;
    if (gap == 1)
        return g[0] == ' ';
    if (gap == 2)
        return g[0] == 0xC2 && g[1] == 0xA0;
    if (gap == 3)
        return g[0] == 0xE2 && g[1] == 0x80 && (g[2] == 0x89 || g[2] == 0xAF);
    return 0;
}

static int glued_to_previous(const lede_token *t)
{
    return !(t->flags & LEDE_TOKEN_SPACE_BEFORE);
}

/* An exponent written with a caret right after a number: "^23", "^-4",
 * "^+2". Returns the tokens taken (0 when none) and the exponent, within
 * -308..308. */
static size_t caret_exponent(const lede_token *tok, size_t j, size_t end, int *exponent)
{
    if (j + 1 >= end || !token_is_char(&tok[j], '^') || !glued_to_previous(&tok[j]))
        return 0;
    size_t k = j + 1;
    int sign = 1;
    if (tok[k].kind == LEDE_TOKEN_PUNCT || tok[k].kind == LEDE_TOKEN_SYMBOL) {
        /* "-", "+", and "--" (minus a negative) */
        for (size_t c = 0; c < tok[k].norm_len; c++) {
            if (tok[k].norm[c] == '-')
                sign = -sign;
            else if (tok[k].norm[c] != '+')
                return 0;
        }
        if (!glued_to_previous(&tok[k]) || k + 1 >= end)
            return 0;
        k++;
    }
    const lede_token *e = &tok[k];
    if (e->kind != LEDE_TOKEN_NUMBER || !glued_to_previous(e) || e->norm_len > 3)
        return 0;
    int v = 0;
    for (size_t c = 0; c < e->norm_len; c++) {
        if (!is_digit(e->norm[c]))
            return 0;
        v = v * 10 + (e->norm[c] - '0');
    }
    if (v > 308)
        return 0;
    *exponent = sign * v;
    return k + 1 - j;
}

/* "1.1^23": the power, or 0 when it is no finite number. */
static double integer_power(double base, int exponent)
{
    double p = 1;
    for (int k = 0; k < (exponent < 0 ? -exponent : exponent); k++)
        p *= base;
    if (exponent < 0)
        p = p != 0 ? 1 / p : 0;
    return p > -1e300 && p < 1e300 ? p : 0;
}

/* A base of one or two digits, 2 to 99, in s[0..len); else 0. */
static int small_base(const char *s, size_t len)
{
    if (len < 1 || len > 2 || !is_digit(s[0]) || !is_digit(s[len - 1]))
        return 0;
    int b = len == 1 ? s[0] - '0' : (s[0] - '0') * 10 + (s[1] - '0');
    return b >= 2 ? b : 0;
}

/* "x10" or "x2" glued to the digits, or "×" "10" as tokens after them: the
 * notation "6.23x10^-4", "8x2^10". Returns the token where the caret
 * should be, 0 when there is none, and the base. */
static size_t times_base(const lede_token *tok, size_t j, size_t end, const char *suffix,
                         size_t suffix_len, int *base)
{
    if (suffix_len >= 2 && (suffix[0] == 'x' || suffix[0] == 'X'))
        return (*base = small_base(suffix + 1, suffix_len - 1)) != 0 ? j : 0;
    if (suffix_len || j + 1 >= end || !glued_to_previous(&tok[j]) ||
        !glued_to_previous(&tok[j + 1]))
        return 0;
    int times = token_is_char(&tok[j], 'x') || token_is_char(&tok[j], 'X') ||
                (tok[j].norm_len == 2 && memcmp(tok[j].norm, "\xc3\x97", 2) == 0);
    if (!times || tok[j + 1].kind != LEDE_TOKEN_NUMBER)
        return 0;
    return (*base = small_base(tok[j + 1].norm, tok[j + 1].norm_len)) != 0 ? j + 2 : 0;
}

/* A tolerance after a number: "± 2", "+/- 1e-5". Returns the token after
 * it, or 0. */
static size_t tolerance(const lede_token *tok, size_t j, size_t end)
{
    if (j + 1 < end && tok[j].norm_len == 2 && memcmp(tok[j].norm, "\xc2\xb1", 2) == 0)
        j += 1;
    else if (j + 3 < end && token_is_char(&tok[j], '+') && token_is_char(&tok[j + 1], '/') &&
             token_is_char(&tok[j + 2], '-') && glued_to_previous(&tok[j + 1]) &&
             glued_to_previous(&tok[j + 2]))
        j += 3;
    else
        return 0;
    return tok[j].kind == LEDE_TOKEN_NUMBER ? j + 1 : 0;
}

static int read_one(const lede_token *tok, size_t i, size_t end, const char *text, int money,
                    const number_token *split, number *out)
{
    const lede_token *t = &tok[i];
    if (t->kind == LEDE_TOKEN_WORD) {
        /* Most words asked about begin no number: read_words() starts
         * with a number word, "minus", "negative", "tens", an article or
         * "half", and reads nothing from any other word. */
        long v;
        if (token_class(t, &v) == W_NONE && !token_is_word(t, "minus") &&
            !token_is_word(t, "negative") && !token_is_word(t, "tens") && !is_article(t) &&
            !token_is_word(t, "half"))
            return 0;
        return read_words(tok, i, end, out); /* which clears *out */
    }
    clear_number(out); /* scan is written whole below */
    if (t->kind != LEDE_TOKEN_NUMBER)
        return 0;
    if (split)
        out->scan = *split;
    else if (!number_scan_token(t->norm, t->norm_len, &out->scan))
        return 0;
    if (out->scan.year)
        return 0;
    out->tok = &out->scan;
    out->first = i;
    out->end = i + 1;
    const number_part *p = &out->scan.part[0];
    out->value = p->sign * p->value;
    out->digits = p->digits;
    out->suffix = p->suffix;
    out->suffix_len = p->suffix_len;
    if (out->scan.bad || out->scan.parts > 1)
        return 1; /* the caller reads ranges, fractions and codes */
    out->plain_digits = !p->grouped && !p->decimals && p->sign > 0 && p->suffix_len == 0 &&
                        t->norm_len == (size_t)p->digits;
    /* "6.23x10^-4", "8x2^10", "1.1^23" */
    int exponent = 0, base = 0;
    size_t caret = times_base(tok, i + 1, end, p->suffix, p->suffix_len, &base), taken;
    if (caret && (taken = caret_exponent(tok, caret, end, &exponent)) != 0 &&
        integer_power(base, exponent) != 0) {
        out->value *= integer_power(base, exponent);
        out->end = caret + taken;
        out->suffix = NULL;
        out->suffix_len = 0;
        out->plain_digits = 0;
        return 1;
    }
    if (!p->suffix_len && (taken = caret_exponent(tok, i + 1, end, &exponent)) != 0 &&
        integer_power(out->value, exponent) != 0) {
        out->value = integer_power(out->value, exponent);
        out->end = i + 1 + taken;
        out->plain_digits = 0;
        return 1;
    }
    if (p->suffix_len) {
        int upper = p->suffix[0] >= 'A' && p->suffix[0] <= 'Z';
        int e = number_scale(p->suffix, p->suffix_len, money || upper);
        if (!e)
            e = exponent_suffix(p->suffix, p->suffix_len); /* "1.3e6", "4E14" */
        if (!e)
            return 1;
        out->scale = power10(e);
        out->value *= out->scale;
        out->scaled = 1;
        out->suffix = NULL;
        out->suffix_len = 0;
        return 1;
    }
    size_t j = i + 1;
    /* "1 000 000": digit groups after a single space */
    if (!p->grouped && !p->decimals && p->digits <= 3 && !p->leading_zero) {
        while (
            j < end && digit_group(&tok[j]) && single_space_between(&tok[j - 1], &tok[j], text) &&
            !(j + 1 < end && tok[j + 1].kind == LEDE_TOKEN_NUMBER && !digit_group(&tok[j + 1]))) {
            number_part g;
            scan_number(tok[j].norm, tok[j].norm_len, 0, &g);
            out->value = out->value * 1000 + p->sign * g.value;
            out->plain_digits = 0;
            out->spaced = 1;
            j++;
            if (g.decimals) {
                out->spaced = 0; /* "1 234 567.89" is no phone number */
                break;
            }
        }
    }
    /* "10 1/2", "2 ½" */
    if (j < end && tok[j].kind == LEDE_TOKEN_NUMBER && number_is_whole(out->value)) {
        number_token f;
        if (number_scan_token(tok[j].norm, tok[j].norm_len, &f) && !f.bad && !f.year) {
            if (f.parts == 2 && f.sep[1] == '/' && !f.part[0].suffix_len && !f.part[1].suffix_len &&
                f.part[1].value > f.part[0].value && f.part[0].digits <= 2 &&
                f.part[1].digits <= 2) {
                out->value += p->sign * f.part[0].value / f.part[1].value;
                out->fraction = 1;
                out->plain_digits = 0;
                j++;
            } else if (f.parts == 1 && f.part[0].digits == 0 && f.part[0].value < 1 &&
                       !f.part[0].suffix_len) {
                out->value += p->sign * f.part[0].value;
                out->fraction = 1;
                out->plain_digits = 0;
                j++;
            }
        }
    }
    /* words after digits: "3 hundred and one", "2.5 million", "2 dozens", "5 and a half" */
    long v = 0;
    for (int guard = 0; j < end && guard < 8; guard++) {
        word_class c = whole_class(&tok[j], &v);
        if (c == W_HUND) {
            out->value *= 100;
            j++;
            if (j + 1 < end && token_is_word(&tok[j], "and") &&
                tok[j + 1].kind == LEDE_TOKEN_NUMBER) {
                number_token more;
                long after = 0;
                word_class next = j + 2 < end ? token_class(&tok[j + 2], &after) : W_NONE;
                if (number_scan_token(tok[j + 1].norm, tok[j + 1].norm_len, &more) && !more.bad &&
                    more.parts == 1 && !more.part[0].suffix_len && more.part[0].value < 100 &&
                    !more.part[0].decimals && next != W_HUND && next != W_SCALE) {
                    out->value += more.part[0].value;
                    j += 2;
                }
            } else if (j + 1 < end && token_is_word(&tok[j], "and") &&
                       token_class(&tok[j + 1], &v) == W_CARD) {
                number more;
                if (read_words(tok, j + 1, end, &more) && more.value < 100) {
                    out->value += more.value;
                    j = more.end;
                }
            }
        } else if (c == W_SCALE) {
            out->value *= power10((int)v);
            out->scale = power10((int)v);
            out->scaled = 1;
            j++;
        } else if (c == W_MULT) {
            out->value *= (double)v;
            j++;
        } else if (tok[j].kind == LEDE_TOKEN_WORD && !out->scaled &&
                   number_scale(tok[j].norm, tok[j].norm_len, money) &&
                   tok[j].norm_len > 1 + !money) {
            out->scale = power10(number_scale(tok[j].norm, tok[j].norm_len, money));
            out->value *= out->scale;
            out->scaled = 1;
            j++;
        } else if (token_is_word(&tok[j], "and")) {
            double fr;
            size_t after;
            number more;
            if (out->scaled && j + 1 < end && token_class(&tok[j + 1], &v) != W_NONE &&
                read_words(tok, j + 1, end, &more) && !more.fraction && !more.vague &&
                more.value >= 1 && more.value < out->scale &&
                (more.value >= 100 || more.end == end || tok[more.end].kind == LEDE_TOKEN_PUNCT)) {
                /* "6 crore and two hundred", "2 million and fifty thousand" */
                out->value += more.value;
                j = more.end;
                continue;
            }
            if (!and_fraction(tok, j, end, &fr, &after))
                break;
            out->value += fr * (out->scaled ? out->scale : 1);
            out->fraction = 1;
            j = after;
        } else {
            break;
        }
        out->plain_digits = 0;
    }
    out->end = j;
    return 1;
}

/* "one out of three", "1 over 3": the ratio of the number read and a
 * greater one after "out of" (or "over", when nothing but punctuation
 * follows it: "won 5 over 3 years" and "passed 52 over 48" are no ratios). */
int number_read(const lede_token *tok, size_t i, size_t end, const char *text, int money,
                const number_token *split, number *out)
{
    if (!read_one(tok, i, end, text, money, split, out))
        return 0;
    size_t j = out->end, k = 0;
    if (out->vague || out->suffix_len || (out->tok && (out->tok->bad || out->tok->parts > 1)))
        return 1;
    int over = 0, in = 0;
    if (j + 2 < end && token_is_word(&tok[j], "out") && token_is_word(&tok[j + 1], "of"))
        k = j + 2 + (token_is_word(&tok[j + 2], "every") && j + 3 < end);
    else if (j + 1 < end && token_is_word(&tok[j], "over"))
        k = j + 1, over = 1;
    else if (j + 1 < end && token_is_word(&tok[j], "in") && !out->scaled && !out->fraction &&
             out->value >= 1 && out->value <= 10)
        k = j + 1, in = 1; /* "one in five adults" */
    number d;
    if (!k) {
        /* "9.83e-3 +/- 1e-5 km/s2": the value, the tolerance skipped */
        size_t after = tolerance(tok, j, end);
        if (after)
            out->end = after;
        return 1;
    }
    if (!read_one(tok, k, end, text, money, NULL, &d) || d.value <= 0 || d.vague || d.suffix_len ||
        (d.tok && (d.tok->bad || d.tok->parts > 1)) || (d.plain_digits && d.digits == 4) ||
        d.fraction)
        return 1;
    /* "12 out of 10" is two numbers; "passed 52 over 48" a vote; "one in
     * 10 minutes" a time */
    if (out->value > d.value || (over && d.end < end && tok[d.end].kind != LEDE_TOKEN_PUNCT) ||
        ((over || in) && out->value == d.value) ||
        (in && (d.scaled || !number_is_whole(d.value) ||
                (d.end < end && tok[d.end].kind == LEDE_TOKEN_WORD &&
                 lexicon_find(&lexicon_units, tok[d.end].norm, tok[d.end].norm_len)))))
        return 1;
    out->value /= d.value;
    out->end = d.end;
    out->fraction = 1;
    out->ratio = 1;
    out->plain_digits = 0;
    out->spelled |= d.spelled;
    out->tok = NULL;
    return 1;
}
