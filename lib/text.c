#include "text.h"

#include <string.h>
#include <utf8proc.h>
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#include "lede.h"
#include "lexicon.h"

enum { MAX_ENTITY = 12, MAX_TAG = 512 };

/* Indexed by byte; the values are char_class members (see text.h). */
/* clang-format off */
const unsigned char text_ascii_classes[128] = {
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  1,  1,  2,  1,  0,  0, /* 0x00 */
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0, /* 0x10 */
     0, 15, 12, 19, 19, 19, 19, 11, 16, 17, 18, 19, 18, 13,  9, 18, /* 0x20 */
     7,  7,  7,  7,  7,  7,  7,  7,  7,  7, 18, 18, 19, 19, 19, 15, /* 0x30 */
    19,  4,  4,  4,  4,  4,  4,  4,  4,  4,  4,  4,  4,  4,  4,  4, /* 0x40 */
     4,  4,  4,  4,  4,  4,  4,  4,  4,  4,  4, 16, 18, 17, 19, 18, /* 0x50 */
    12,  5,  5,  5,  5,  5,  5,  5,  5,  5,  5,  5,  5,  5,  5,  5, /* 0x60 */
     5,  5,  5,  5,  5,  5,  5,  5,  5,  5,  5, 16, 19, 17, 19,  0, /* 0x70 */
};
/* clang-format on */

/* text_ascii_classes[] over all bytes, with 255 (TEXT_NOT_PLAIN) for those
 * that text_next() decodes further: bytes above 0x7F, & (an entity), < (a
 * tag), \r (CRLF). One load tells both. */
/* clang-format off */
const unsigned char text_plain_classes[256] = {
      0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   1,   1,   2, 255,   0,   0, /* 0x00: \r */
      0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0, /* 0x10 */
      0,  15,  12,  19,  19,  19, 255,  11,  16,  17,  18,  19,  18,  13,   9,  18, /* 0x20: & */
      7,   7,   7,   7,   7,   7,   7,   7,   7,   7,  18,  18, 255,  19,  19,  15, /* 0x30: < */
     19,   4,   4,   4,   4,   4,   4,   4,   4,   4,   4,   4,   4,   4,   4,   4, /* 0x40 */
      4,   4,   4,   4,   4,   4,   4,   4,   4,   4,   4,  16,  18,  17,  19,  18, /* 0x50 */
     12,   5,   5,   5,   5,   5,   5,   5,   5,   5,   5,   5,   5,   5,   5,   5, /* 0x60 */
      5,   5,   5,   5,   5,   5,   5,   5,   5,   5,   5,  16,  19,  17,  19,   0, /* 0x70 */
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, /* 0x80 */
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, /* 0x90 */
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, /* 0xA0 */
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, /* 0xB0 */
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, /* 0xC0 */
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, /* 0xD0 */
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, /* 0xE0 */
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, /* 0xF0 */
};
/* clang-format on */

char_class text_class(uint32_t cp)
{
    if (cp < 0x80)
        return text_ascii_class((unsigned char)cp);
    switch (cp) {
    case 0x85:
    case 0x2028:
        return CH_NEWLINE;
    case 0x2029:
        return CH_PARABREAK;
    case 0x2019:
        return CH_APOSTROPHE;
    case 0x2026:
        return CH_ELLIPSIS;
    case 0x2010:
    case 0x2011:
        return CH_HYPHEN;
    case 0x2212: /* minus sign */
        return CH_HYPHEN;
    case 0xAB:
    case 0xBB:
    case 0x2018:
    case 0x201A:
    case 0x201B:
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2039:
    case 0x203A:
        return CH_QUOTE;
    case 0x203C: /* ‼ */
    case 0x2047:
    case 0x2048:
    case 0x2049:
        return CH_TERMINAL;
    default:
        break;
    }
    switch (utf8proc_category((utf8proc_int32_t)cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
        return CH_UPPER;
    case UTF8PROC_CATEGORY_LL:
        return CH_LOWER;
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
        return CH_LETTER;
    case UTF8PROC_CATEGORY_ND:
        return CH_DIGIT;
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return CH_NUMERIC;
    case UTF8PROC_CATEGORY_PD:
        return CH_DASH;
    case UTF8PROC_CATEGORY_PS:
        return CH_OPEN;
    case UTF8PROC_CATEGORY_PE:
        return CH_CLOSE;
    case UTF8PROC_CATEGORY_PI:
    case UTF8PROC_CATEGORY_PF:
        return CH_QUOTE;
    case UTF8PROC_CATEGORY_PC:
    case UTF8PROC_CATEGORY_PO:
        return CH_PUNCT;
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_CC:
        return CH_SPACE;
    case UTF8PROC_CATEGORY_ZL:
        return CH_NEWLINE;
    case UTF8PROC_CATEGORY_ZP:
        return CH_PARABREAK;
    case UTF8PROC_CATEGORY_CF:
        return CH_IGNORABLE;
    default:
        return CH_SYMBOL;
    }
}

size_t text_utf8_decode(const unsigned char *s, size_t len, size_t i, uint32_t *cp)
{
    unsigned char c = s[i];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t n;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        v = c & 0x1F;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        v = c & 0x0F;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        v = c & 0x07;
        min = 0x10000;
    } else {
        return 0;
    }
    if (len - i < n)
        return 0;
    for (size_t k = 1; k < n; k++) {
        unsigned char d = s[i + k];
        if ((d & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (d & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

#if defined(__SSE2__) && defined(__GNUC__)
/* Has a byte of p[0, 128) its top bit set? Eight sixteen-byte loads, or-ed,
 * and one mask of their top bits. */
static inline int high_bit_in_128(const unsigned char *p)
{
    const __m128i *v = (const __m128i *)(const void *)p;
    __m128i x = _mm_or_si128(_mm_or_si128(_mm_loadu_si128(v), _mm_loadu_si128(v + 1)),
                             _mm_or_si128(_mm_loadu_si128(v + 2), _mm_loadu_si128(v + 3)));
    __m128i y = _mm_or_si128(_mm_or_si128(_mm_loadu_si128(v + 4), _mm_loadu_si128(v + 5)),
                             _mm_or_si128(_mm_loadu_si128(v + 6), _mm_loadu_si128(v + 7)));
    return _mm_movemask_epi8(_mm_or_si128(x, y));
}
#endif

size_t text_utf8_invalid_at(const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    const uint64_t high = 0x8080808080808080ull;
    size_t i = 0;
    while (i < len) {
#if defined(__SSE2__) && defined(__GNUC__)
        /* Skip ASCII a hundred and twenty-eight bytes at a time where the
         * host has SSE2 (the thirty-two bytes of the loop below took three
         * times the instructions a byte, most of lede_parse()'s look at
         * the bytes before the tokenizer's), and the rest of the text at
         * once where its last 128 bytes, read again in part, are ASCII. */
        while (i + 128 <= len && !high_bit_in_128(s + i))
            i += 128;
        if (i + 128 > len && len >= 128 && !high_bit_in_128(s + len - 128))
            break;
#endif
        /* Skip ASCII thirty-two, then eight bytes at a time. */
        while (i + 32 <= len) {
            uint64_t w, v, x, y;
            memcpy(&w, s + i, 8);
            memcpy(&v, s + i + 8, 8);
            memcpy(&x, s + i + 16, 8);
            memcpy(&y, s + i + 24, 8);
            if ((w | v | x | y) & high)
                break;
            i += 32;
        }
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & high) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
                /* straight to the first byte above 0x7F (the lowest) */
                i += (size_t)__builtin_ctzll(w & high) >> 3;
#endif
                break;
            }
            i += 8;
        }
        if (i >= len)
            break;
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t n = text_utf8_decode(s, len, i, &cp);
        if (!n)
            return i;
        i += n;
    }
    return LEDE_NONE;
}

size_t text_encode(uint32_t cp, char *buf)
{
    if (cp < 0x80) {
        buf[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        buf[0] = (char)(0xC0 | (cp >> 6));
        buf[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        buf[0] = (char)(0xE0 | (cp >> 12));
        buf[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        buf[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    buf[0] = (char)(0xF0 | (cp >> 18));
    buf[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    buf[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    buf[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

static int is_ascii_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_ascii_alnum(unsigned char c)
{
    return is_ascii_alpha(c) || (c >= '0' && c <= '9');
}

/* An HTML character reference at s[i] == '&': its length, 0 if none. */
static size_t entity_at(const char *s, size_t len, size_t i, uint32_t *cp)
{
    size_t j = i + 1;
    uint32_t v = 0;
    if (j < len && s[j] == '#') {
        j++;
        int hex = j < len && (s[j] == 'x' || s[j] == 'X');
        if (hex)
            j++;
        size_t start = j;
        while (j < len && j - start < 7) {
            unsigned char c = (unsigned char)s[j];
            if (c >= '0' && c <= '9')
                v = v * (hex ? 16 : 10) + (c - '0');
            else if (hex && ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'))
                v = v * 16 + ((c | 0x20) - 'a' + 10);
            else
                break;
            j++;
        }
        if (j == start || j >= len || s[j] != ';')
            return 0;
        if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
            v = 0xFFFD;
        *cp = v;
        return j + 1 - i;
    }
    size_t start = j;
    while (j < len && j - start <= MAX_ENTITY && is_ascii_alnum((unsigned char)s[j]))
        j++;
    if (j == start || j >= len || s[j] != ';')
        return 0;
    long value = lexicon_get(&lexicon_entities, s + start, j - start);
    if (!value)
        return 0;
    v = (uint32_t)value;
    /* "&Eacute;" names the capital of "&eacute;" in Latin-1. */
    if (s[start] >= 'A' && s[start] <= 'Z' && v >= 0xE0 && v <= 0xFE && v != 0xF7)
        v -= 0x20;
    *cp = v;
    return j + 1 - i;
}

/* A stray HTML tag at s[i] == '<' ("<p>", "</a>", "<br/>", "<a href=...>"):
 * its length, 0 if the text there is not a known tag. */
static size_t tag_at(const char *s, size_t len, size_t i)
{
    size_t j = i + 1;
    if (j < len && s[j] == '/')
        j++;
    size_t start = j;
    while (j < len && j - start < 12 && is_ascii_alnum((unsigned char)s[j]))
        j++;
    if (j == start || j >= len || !lexicon_get(&lexicon_html_tags, s + start, j - start))
        return 0;
    if (s[j] != '>' && s[j] != ' ' && s[j] != '/' && s[j] != '\t')
        return 0;
    /* "<U>" and "<A>" are stock tickers in wire copy; a one-letter tag in
     * capitals counts only with attributes ("<A HREF=...>"), except "<P>". */
    if (j - start == 1 && s[start] >= 'A' && s[start] <= 'Z' && s[start] != 'P' && s[j] == '>')
        return 0;
    for (; j < len && j - i < MAX_TAG; j++) {
        if (s[j] == '>')
            return j + 1 - i;
        if (s[j] == '<' || s[j] == '\n')
            return 0;
    }
    return 0;
}

void text_next_slow(const char *s, size_t len, size_t i, tchar *out)
{
    unsigned char c = (unsigned char)s[i];
    out->entity = 0;
    if (c < 0x80) {
        if (c == '&') {
            uint32_t cp;
            size_t n = entity_at(s, len, i, &cp);
            if (n) {
                out->cp = cp;
                out->size = (uint32_t)n;
                out->cls = text_class(cp);
                out->entity = 1;
                return;
            }
        } else if (c == '<') {
            size_t n = tag_at(s, len, i);
            if (n) {
                out->cp = ' ';
                out->size = (uint32_t)n;
                out->cls = CH_SPACE;
                return;
            }
        } else if (c == '\r' && i + 1 < len && s[i + 1] == '\n') {
            out->cp = '\n';
            out->size = 2;
            out->cls = CH_NEWLINE;
            return;
        }
        out->cp = c;
        out->size = 1;
        out->cls = text_ascii_class(c);
        return;
    }
    uint32_t cp;
    size_t n = text_utf8_decode((const unsigned char *)s, len, i, &cp);
    if (!n) {
        out->cp = 0xFFFD;
        out->size = 1;
        out->cls = CH_SYMBOL;
        return;
    }
    out->cp = cp;
    out->size = (uint32_t)n;
    out->cls = text_class(cp);
}

int text_days_in_month(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
        return 29;
    return days[month - 1];
}

int text_is_iso_date(const char *s, size_t len)
{
    if (len != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (size_t k = 0; k < 10; k++)
        if (k != 4 && k != 7 && (s[k] < '0' || s[k] > '9'))
            return 0;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    return y >= 1 && d >= 1 && d <= text_days_in_month(y, m);
}
