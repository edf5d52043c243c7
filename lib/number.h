/* Numbers as news text writes them: digits with separators, signs,
 * fractions, scale suffixes and words ("two and a half million"). Used by
 * the metric layer (lib/metric.c). */
#ifndef LEDE_NUMBER_H
#define LEDE_NUMBER_H

#include <stddef.h>

#include "lede.h"

enum { NUMBER_PARTS = 3 };

/* One number inside a digit token, with the letters glued to it. */
typedef struct number_part {
    double value;
    int sign;           /* -1 when written with "-" or U+2212 */
    int digits;         /* integer digits, separators not counted */
    int decimals;       /* digits after the decimal mark */
    int grouped;        /* thousands separators ("1,000", "5,00,000") */
    int leading_zero;   /* "0033", "090012900": a code, not a quantity */
    const char *suffix; /* letters (and digits) right after the number: "bn", "st", "s", "km" */
    size_t suffix_len;
    int is_word; /* the part is a word, not a number ("strong" of "1,000-strong") */
} number_part;

/* A token that starts with a digit (or a sign, ".5", "½"), split at "-",
 * "–" and "/" into at most NUMBER_PARTS parts. The parts past `parts` are
 * not set (number_scan_token() does not clear them). */
typedef struct number_token {
    number_part part[NUMBER_PARTS];
    int parts;
    char sep[NUMBER_PARTS]; /* separator before part k (k >= 1): '-' or '/' */
    int bad;                /* not a quantity: a time, a dotted code, too many parts */
    int year, month, day;   /* a "2025-03-26" date when year != 0 */
} number_token;

/* Split the normalized text of a token; returns 0 when it does not start
 * with a number. Never reads past `len`. */
int number_scan_token(const char *s, size_t len, number_token *out);

/* A number read over one or more tokens. */
typedef struct number {
    double value;
    size_t first, end;       /* tokens [first, end) */
    int spelled;             /* words, at least in part */
    double scale;            /* the factor of the scale word, when scaled */
    int scaled;              /* a scale word or suffix was applied */
    int plain_digits;        /* one token of digits only, no separator or sign: a year candidate */
    int digits;              /* integer digits of a digit token */
    int vague;               /* "hundreds of": value is a lower bound */
    int fraction;            /* a fraction ("two thirds", "1/2") */
    int ratio;               /* "one out of three", "1 over 3": value is the quotient */
    int ordinal;             /* spelled ordinal: "twenty-first", "one hundred fifth" */
    int spaced;              /* digit groups after spaces ("1 000 000") */
    const number_token *tok; /* the digit token read, if any (valid until the next read) */
    number_token scan;       /* storage for tok */
    const char *suffix;      /* what is left glued to the last digit token, after a scale suffix */
    size_t suffix_len;
} number;

/* Read the number that starts at token `i` (< end) of `tok`. A scale
 * suffix glued to the digits ("1.2bn") is applied; a lone "m" or "b" only
 * when `money` (it is metres otherwise). Exponents and powers ("2.5e-4",
 * "6.23x10^-4", "1.1^2") are applied, a tolerance after the number ("+/-
 * 0.02") is passed over, and a ratio ("one out of three", "one in five",
 * "1 over 3") gives its quotient with `ratio` set. Spelled numbers may end
 * in an ordinal ("twenty-first": `ordinal` set). `text` is the document
 * text (for the space between digit groups, "1 000"). `split`, when not
 * NULL, is number_scan_token() of token i, which the caller has made
 * already (and which returned 1). Returns 0 when no number starts there. */
int number_read(const lede_token *tok, size_t i, size_t end, const char *text, int money,
                const number_token *split, number *out);

/* Value of a scale word or suffix after a number ("million", "bn", "lakh"),
 * as a power of ten; 0 when `s` is none. `money` admits "m" and "b". */
int number_scale(const char *s, size_t len, int money);

/* Is `v` a whole number small enough to convert to an integer type without
 * overflow (|v| < 1e15)? Converting a larger double is undefined behaviour. */
static inline int number_is_whole(double v)
{
    return v > -1e15 && v < 1e15 && v == (double)(long long)v;
}

#endif
