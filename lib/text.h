/* Characters of the input: UTF-8 decoding with HTML entities and stray tags
 * read as the characters they stand for, and a class for each character. */
#ifndef LEDE_TEXT_H
#define LEDE_TEXT_H

#include <stddef.h>
#include <stdint.h>

typedef enum char_class {
    CH_SPACE,      /* white space, control characters, stray HTML tags */
    CH_NEWLINE,    /* a line break: \n, \r\n, \r, U+0085, U+2028 */
    CH_PARABREAK,  /* a paragraph break: form feed, U+2029 */
    CH_IGNORABLE,  /* soft hyphen, zero-width and other format characters */
    CH_UPPER,      /* upper- or title-case letter */
    CH_LOWER,      /* lower-case letter */
    CH_LETTER,     /* other letter, or a combining mark */
    CH_DIGIT,      /* decimal digit */
    CH_NUMERIC,    /* other number character ("½") */
    CH_PERIOD,     /* . */
    CH_ELLIPSIS,   /* … */
    CH_APOSTROPHE, /* ' and ’ (U+2019) */
    CH_QUOTE,      /* other quote marks: " “ ” ‘ « » „ ‹ › ` */
    CH_HYPHEN,     /* - U+2010 U+2011 */
    CH_DASH,       /* – — ― and other dashes */
    CH_TERMINAL,   /* ! ? */
    CH_OPEN,       /* ( [ { */
    CH_CLOSE,      /* ) ] } */
    CH_PUNCT,      /* other punctuation: , ; : / ... */
    CH_SYMBOL      /* currency, math and other symbols, unassigned code points */
} char_class;

/* One decoded character. */
typedef struct tchar {
    uint32_t cp;   /* code point; U+FFFD for an invalid byte; ' ' for a tag */
    uint32_t size; /* bytes it occupies in the text (entities and tags: many) */
    char_class cls;
    int entity; /* 1 when it was written as an HTML character reference */
} tchar;

/* The class of each ASCII byte: letters, digits, punctuation as in
 * text_class(); space, tab, NUL and the other controls are CH_SPACE. */
extern const unsigned char text_ascii_classes[128];

static inline char_class text_ascii_class(unsigned char c)
{
    return (char_class)text_ascii_classes[c & 0x7F];
}

/* The class of a byte that is a character by itself (text_next()), or
 * TEXT_NOT_PLAIN: a byte above 0x7F, & (an entity), < (a tag), \r. */
enum { TEXT_NOT_PLAIN = 255 };
extern const unsigned char text_plain_classes[256];

/* text_next() for what is not a plain ASCII byte. */
void text_next_slow(const char *s, size_t len, size_t i, tchar *out);

/* Decode the character at byte `i` (< len). Never reads past `len`. Plain
 * ASCII, the bulk of news text, is decoded here without a call, its test
 * and its class one load. */
static inline void text_next(const char *s, size_t len, size_t i, tchar *out)
{
    unsigned char c = (unsigned char)s[i];
    unsigned cls = text_plain_classes[c];
    if (cls != TEXT_NOT_PLAIN) {
        out->cp = c;
        out->size = 1;
        out->cls = (char_class)cls;
        out->entity = 0;
        return;
    }
    text_next_slow(s, len, i, out);
}

/* The class of a code point. */
char_class text_class(uint32_t cp);

/* Length of the valid UTF-8 sequence at s[i] (i < len), decoding it into
 * *cp; 0 when the bytes there are not valid UTF-8 (overlong forms,
 * surrogates and code points above U+10FFFF are invalid). */
size_t text_utf8_decode(const unsigned char *s, size_t len, size_t i, uint32_t *cp);

/* The byte offset of the first invalid UTF-8 sequence, or LEDE_NONE. */
size_t text_utf8_invalid_at(const char *s, size_t len);

/* Encode a code point as UTF-8 into `buf` (4 bytes); returns the length. */
size_t text_encode(uint32_t cp, char *buf);

/* Non-zero when `s` is a valid calendar date "YYYY-MM-DD". */
int text_is_iso_date(const char *s, size_t len);

/* Days in a month of the proleptic Gregorian calendar. */
int text_days_in_month(int year, int month);

static inline int char_is_letter(char_class c)
{
    return c == CH_UPPER || c == CH_LOWER || c == CH_LETTER;
}

static inline int char_is_alnum(char_class c)
{
    return char_is_letter(c) || c == CH_DIGIT || c == CH_NUMERIC;
}

static inline int char_is_space(char_class c)
{
    return c == CH_SPACE || c == CH_NEWLINE || c == CH_PARABREAK;
}

#endif
