/* JSON Lines input: one {"id", "text", "date"} object per line, read, parsed
 * and answered one line at a time (or a bounded window of lines with
 * --jobs), so memory stays flat over any number of lines. Each line is
 * decoded on the thread that parses it (the common shape by fast_decode(),
 * anything else by jansson); the answer is written in input order. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <jansson.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
/* SSE2 where it is there (x86-64 always); -DJSONL_SSE2=0 builds the plain
 * path, which gives the same results, to test it. */
#ifndef JSONL_SSE2
#if defined(__SSE2__) && defined(__GNUC__)
#define JSONL_SSE2 1
#else
#define JSONL_SSE2 0
#endif
#endif
#if JSONL_SSE2
#include <emmintrin.h>
#endif
#if defined(__GNUC__)
#define JSONL_NOINLINE __attribute__((noinline))
#else
#define JSONL_NOINLINE
#endif

#include "cli.h"

/* A repair buffer grown past this for one huge line is released after it. */
#define KEEP_BUFFER_BYTES ((size_t)16 << 20)

static size_t strip_line_end(const char *line, size_t len)
{
    if (len > 0 && line[len - 1] == '\n')
        len--;
    if (len > 0 && line[len - 1] == '\r')
        len--;
    return len;
}

static int is_blank(const char *line, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
            return 0;
    return 1;
}

/* Shortest "%g" form that reads back as the same double, so an id such as
 * 0.1 is echoed as written rather than as 0.10000000000000001. */
static char *encode_real(double value)
{
    char buf[40];
    for (int precision = 1; precision <= 17; precision++) {
        snprintf(buf, sizeof buf, "%.*g", precision, value);
        if (strtod(buf, NULL) == value)
            break;
    }
    if (!strpbrk(buf, ".eEn")) /* still a real: jansson writes 1.0, not 1 */
        strcat(buf, ".0");
    return strdup(buf);
}

/* The escape of a line separator (U+2028, U+2029, U+0085) at `p`, or NULL. */
static const char *line_separator_escape(const char *p)
{
    if (p[0] == '\xE2' && p[1] == '\x80' && (p[2] == '\xA8' || p[2] == '\xA9'))
        return p[2] == '\xA8' ? "\\u2028" : "\\u2029";
    if (p[0] == '\xC2' && p[1] == '\x85')
        return "\\u0085";
    return NULL;
}

/* jansson writes line separators raw; the library escapes them so that no
 * consumer splitting on them breaks a record, and the id follows suit. In
 * JSON text they can only sit inside strings, so a plain replacement is safe.
 * Takes ownership of `json`. */
static char *escape_line_separators(char *json)
{
    size_t len = json ? strlen(json) : 0, extra = 0;
    for (size_t i = 0; i < len; i++)
        if (line_separator_escape(json + i))
            extra += 4; /* an escape is at most 4 bytes longer than its character */
    if (extra == 0)
        return json;
    char *escaped = malloc(len + extra + 1);
    size_t used = 0;
    for (size_t i = 0; escaped && i < len; i++) {
        const char *escape = line_separator_escape(json + i);
        if (escape) {
            memcpy(escaped + used, escape, 6);
            used += 6;
            i += (unsigned char)json[i] == 0xC2 ? 1 : 2;
        } else {
            escaped[used++] = json[i];
        }
    }
    if (escaped)
        escaped[used] = '\0';
    free(json);
    return escaped;
}

/* The line's "id" as compact JSON ("null" when it has none); NULL only when
 * memory runs out. */
static char *encode_id(const json_t *root)
{
    json_t *id = json_is_object(root) ? json_object_get(root, "id") : NULL;
    if (!id)
        return strdup("null");
    if (json_is_real(id))
        return encode_real(json_real_value(id));
    return escape_line_separators(json_dumps(id, JSON_COMPACT | JSON_ENCODE_ANY));
}

/* A copy of `s` with every invalid byte replaced by U+FFFD, in rd->repaired
 * (which also holds the text decoded by fast_decode()). */
static const char *repair_utf8(worker *rd, const char *s, size_t len, size_t *out_len)
{
    size_t needed = 3 * len + 1;
    if (rd->repaired_size < needed) {
        char *grown = realloc(rd->repaired, needed);
        if (!grown)
            return NULL;
        rd->repaired = grown;
        rd->repaired_size = needed;
    }
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, used = 0;
    while (i < len) {
        size_t n = utf8_sequence_length(p + i, len - i);
        if (n == 0) {
            memcpy(rd->repaired + used, "\xEF\xBF\xBD", 3);
            used += 3;
            i++;
        } else {
            memcpy(rd->repaired + used, s + i, n);
            used += n;
            i += n;
        }
    }
    *out_len = used;
    return rd->repaired;
}

/* Streams repeat a few dates, so the last valid one is remembered. */
static int line_date_is_valid(worker *rd, const json_t *date)
{
    const char *value = json_string_value(date);
    size_t len = json_string_length(date);
    if (rd->valid_date[0] && strcmp(value, rd->valid_date) == 0)
        return 1;
    if (len != strlen(value) || len >= sizeof rd->valid_date || !cli_date_is_valid(value))
        return 0;
    memcpy(rd->valid_date, value, len + 1);
    return 1;
}

/* ------------------------------------------------------------------ */
/* The common line, decoded without jansson                           */
/*                                                                    */
/* Most lines are {"id": 12 or "name", "text": "...", "date": "..."}. */
/* Those are read here in one pass (jansson spends more instructions  */
/* on a line than the whole document layer). Anything else -- another */
/* key, a repeated key, an id that is a real or an object, a key with */
/* an escape, a lone surrogate, invalid UTF-8, a syntax error --      */
/* makes the reader give up and jansson decodes the line, so errors   */
/* and odd ids come out exactly as before.                            */

typedef struct fast_line {
    const char *id, *date; /* the id's JSON as written; the date's bytes */
    size_t id_len, date_len;
    int has_id, has_text, has_date, date_null;
} fast_line;

static size_t skip_space(const char *s, size_t i, size_t len)
{
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
        i++;
    return i;
}

static int hex4(const char *s, size_t i, size_t len, unsigned *out)
{
    unsigned v = 0;
    if (i + 4 > len)
        return 0;
    for (size_t k = i; k < i + 4; k++) {
        char c = s[k];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return 0;
    }
    *out = v;
    return 1;
}

/* Append code point `cp` to `out` as UTF-8; returns the bytes written. */
static size_t put_utf8(char *out, unsigned cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

#define BYTES_01 UINT64_C(0x0101010101010101)
#define BYTES_80 UINT64_C(0x8080808080808080)

/* Bit 7 of each byte of `word` that is a quote, a backslash, below 0x20 or
 * above 0x7F (UTF-8, to be checked) is set; a borrow may also mark a later
 * byte, never miss one. */
static uint64_t string_specials(uint64_t word)
{
    uint64_t quote = word ^ (BYTES_01 * '"');
    uint64_t backslash = word ^ (BYTES_01 * '\\');
    return ((word - BYTES_01 * 0x20) | (quote - BYTES_01) | (backslash - BYTES_01) | word) &
           BYTES_80;
}

/* The number of bytes of `word` (as read from memory) before the first one
 * string_specials() marks in `mask`: its false marks only ever follow a true
 * one. Where that cannot be counted in one step, 0: the caller then takes
 * the bytes one at a time, which is slower but the same. */
static size_t plain_prefix(uint64_t mask)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    return (size_t)__builtin_ctzll(mask) >> 3;
#else
    (void)mask;
    return 0;
#endif
}

#if JSONL_SSE2
/* The bytes of `v` that string_specials() would mark, as 0xFF. Flipping bit
 * 1 turns the quote (0x22) into 0x20 and keeps the control bytes below 0x20
 * and the bytes above 0x7F negative (as signed bytes), so one signed
 * compare with 0x21 finds all three; a second compare finds the backslash. */
static __m128i marked_bytes(__m128i v)
{
    __m128i flipped = _mm_xor_si128(v, _mm_set1_epi8(2));
    return _mm_or_si128(_mm_cmpgt_epi8(_mm_set1_epi8(0x21), flipped),
                        _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
}
#endif

/* The character an escape such as \n stands for by the byte after the
 * backslash, 0 for \u and invalid ones. */
static const char unescaped[256] = {['"'] = '"',  ['\\'] = '\\', ['/'] = '/',  ['b'] = '\b',
                                    ['f'] = '\f', ['n'] = '\n',  ['r'] = '\r', ['t'] = '\t'};

#if JSONL_SSE2
/* Decode the string from s[k] on into out + *used while it is plain bytes
 * and the simple escapes such as \n that end most runs of news text:
 * thirty-two bytes a step, up to a byte that needs more of a look or the
 * last bytes of the line too few for a step; returns where it stopped.
 * `out` has room for the rest of the string and 16 bytes more: a step
 * reads no further than it writes. A function of its own, out of line, so
 * that its constants stay in registers over the steps and the escapes. */
static JSONL_NOINLINE size_t copy_plain_steps(const char *s, size_t k, size_t len, char *out,
                                              size_t *used)
{
    if (len - k < 32)
        return k;
    size_t last = len - 32; /* the last place a step starts */
    char *to = out + *used;
    while (k <= last) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + k));
        __m128i u = _mm_loadu_si128((const __m128i *)(const void *)(s + k + 16));
        _mm_storeu_si128((__m128i *)(void *)to, v);
        _mm_storeu_si128((__m128i *)(void *)(to + 16), u);
        __m128i mv = marked_bytes(v), mu = marked_bytes(u);
        if (!_mm_movemask_epi8(_mm_or_si128(mv, mu))) { /* one test for the two halves */
            k += 32;
            to += 32;
            continue;
        }
        unsigned mask = (unsigned)_mm_movemask_epi8(mv) | (unsigned)_mm_movemask_epi8(mu) << 16;
        size_t plain = (size_t)__builtin_ctz(mask);
        k += plain;
        to += plain;
        if (s[k] != '\\' || k + 1 >= len)
            break;
        char e = unescaped[(unsigned char)s[k + 1]];
        if (!e)
            break;
        *to++ = e;
        k += 2;
    }
    *used = (size_t)(to - out);
    return k;
}
#endif

/* Copy the run of bytes from s[k] on that string_specials() would not mark
 * to `out`, up to the first marked byte or the last bytes of the line too
 * few for a word; returns its length. `out` has room for the run and 16
 * bytes more: whole words are written. Sixteen bytes a step where SSE2 is
 * there (after copy_plain_steps() took the long runs), then eight. */
static size_t copy_plain_run(const char *s, size_t k, size_t len, char *out)
{
    size_t start = k;
#if JSONL_SSE2
    for (; len - k >= 16; k += 16, out += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + k));
        _mm_storeu_si128((__m128i *)(void *)out, v);
        unsigned mask = (unsigned)_mm_movemask_epi8(marked_bytes(v));
        if (mask)
            return k - start + (size_t)__builtin_ctz(mask);
    }
#endif
    for (; len - k >= 8; k += 8, out += 8) {
        uint64_t word;
        memcpy(&word, s + k, sizeof word);
        uint64_t special = string_specials(word);
        memcpy(out, &word, sizeof word); /* the plain bytes of it stay */
        if (special)
            return k - start + plain_prefix(special);
    }
    return k - start;
}

/* The JSON string whose opening quote is at s[i], decoded into rd->repaired
 * in one pass, plain runs a word at a time, its UTF-8 checked on the way;
 * returns the index after its closing quote, 0 to give up (also for invalid
 * UTF-8, which jsonl_compute() then finds and reports). */
static size_t decode_string(worker *rd, const char *s, size_t i, size_t len, size_t *out_len)
{
    /* Decoding never lengthens a string; 16 more bytes for a whole word. */
    size_t needed = len - i + 16;
    if (rd->repaired_size < needed) {
        char *grown = realloc(rd->repaired, needed);
        if (!grown)
            return 0;
        rd->repaired = grown;
        rd->repaired_size = needed;
    }
    char *out = rd->repaired;
    size_t used = 0;
    size_t k = i + 1;
    for (;;) {
#if JSONL_SSE2
        k = copy_plain_steps(s, k, len, out, &used);
#endif
        size_t run = copy_plain_run(s, k, len, out + used);
        used += run;
        k += run;
        if (k >= len)
            return 0; /* no closing quote */
        unsigned char c = (unsigned char)s[k];
        /* A simple escape, such as \n, is what ends most runs. */
        if (c == '\\' && len - k >= 2 && unescaped[(unsigned char)s[k + 1]]) {
            out[used++] = unescaped[(unsigned char)s[k + 1]];
            k += 2;
            continue;
        }
        if (c == '"')
            break;
        if (c < 0x20)
            return 0; /* a raw control character: jansson reports it */
        if (c >= 0x80) {
            size_t n = utf8_sequence_length((const unsigned char *)s + k, len - k);
            if (n == 0)
                return 0;
            memcpy(out + used, s + k, n);
            used += n;
            k += n;
            continue;
        }
        if (c != '\\') {
            out[used++] = (char)c;
            k++;
            continue;
        }
        if (len - k < 2)
            return 0;
        char e = s[++k]; /* not a simple escape, tried above */
        unsigned cp;
        if (e != 'u' || !hex4(s, k + 1, len, &cp))
            return 0;
        k += 4;
        if (cp >= 0xDC00 && cp <= 0xDFFF)
            return 0; /* a lone low surrogate */
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            unsigned low;
            if (k + 6 >= len || s[k + 1] != '\\' || s[k + 2] != 'u' || !hex4(s, k + 3, len, &low) ||
                low < 0xDC00 || low > 0xDFFF)
                return 0;
            k += 6;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        used += put_utf8(out + used, cp);
        k++;
    }
    *out_len = used;
    return k + 1;
}

/* A string with no escape, no control character and nothing but ASCII
 * (an id or a date that needs no re-encoding); returns the index after its
 * closing quote, 0 to give up. */
static size_t plain_string(const char *s, size_t i, size_t len)
{
    for (size_t k = i + 1; k < len; k++) {
        unsigned char c = (unsigned char)s[k];
        if (c == '"')
            return k + 1;
        if (c == '\\' || c < 0x20 || c >= 0x80)
            return 0;
    }
    return 0;
}

/* An integer as jansson writes it back: no sign but "-", no leading zero,
 * no "-0", at most 18 digits. Returns the index after it, 0 to give up. */
static size_t plain_integer(const char *s, size_t i, size_t len)
{
    size_t k = i + (s[i] == '-');
    size_t first = k;
    while (k < len && s[k] >= '0' && s[k] <= '9')
        k++;
    size_t digits = k - first;
    if (digits == 0 || digits > 18 || (s[first] == '0' && (digits > 1 || first > i)))
        return 0;
    if (k < len && (s[k] == '.' || s[k] == 'e' || s[k] == 'E'))
        return 0;
    return k;
}

static int is_null_at(const char *s, size_t i, size_t len)
{
    return len - i >= 4 && memcmp(s + i, "null", 4) == 0;
}

/* Decode the line into `f` and rd->repaired (the text); 0 to give up. */
static int fast_decode(worker *rd, const char *s, size_t len, fast_line *f, size_t *text_len)
{
    memset(f, 0, sizeof *f);
    size_t i = skip_space(s, 0, len);
    if (i >= len || s[i] != '{')
        return 0;
    i = skip_space(s, i + 1, len);
    for (;;) {
        if (i >= len || s[i] != '"')
            return 0;
        size_t key_end = plain_string(s, i, len);
        if (!key_end)
            return 0;
        const char *key = s + i + 1;
        size_t key_len = key_end - i - 2;
        i = skip_space(s, key_end, len);
        if (i >= len || s[i] != ':')
            return 0;
        i = skip_space(s, i + 1, len);
        if (i >= len)
            return 0;
        size_t next;
        if (key_len == 4 && memcmp(key, "text", 4) == 0 && !f->has_text && s[i] == '"') {
            next = decode_string(rd, s, i, len, text_len);
            f->has_text = 1;
        } else if (key_len == 4 && memcmp(key, "date", 4) == 0 && !f->has_date) {
            f->has_date = 1;
            if (is_null_at(s, i, len)) {
                next = i + 4;
                f->date_null = 1;
            } else {
                next = s[i] == '"' ? plain_string(s, i, len) : 0;
                f->date = s + i + 1;
                f->date_len = next ? next - i - 2 : 0;
            }
        } else if (key_len == 2 && memcmp(key, "id", 2) == 0 && !f->has_id) {
            f->has_id = 1;
            if (s[i] == '"')
                next = plain_string(s, i, len);
            else if (is_null_at(s, i, len))
                next = i + 4;
            else
                next = plain_integer(s, i, len);
            f->id = s + i;
            f->id_len = next - i;
        } else {
            return 0;
        }
        if (!next)
            return 0;
        i = skip_space(s, next, len);
        if (i < len && s[i] == ',') {
            i = skip_space(s, i + 1, len);
            continue;
        }
        if (i >= len || s[i] != '}')
            return 0;
        return skip_space(s, i + 1, len) == len && f->has_text;
    }
}

/* A line read by fast_decode(): the same checks and answer as run_object(). */
static void run_fast(const run *r, worker *w, job *j, const fast_line *f, size_t text_len)
{
    /* The id as written, or null, in the job itself when it is short, as
     * nearly every one is. */
    const char *id = f->has_id ? f->id : "null";
    size_t id_len = f->has_id ? f->id_len : 4;
    if (id_len < sizeof j->id_short) {
        memcpy(j->id_short, id, id_len);
        j->id_short[id_len] = '\0';
        j->id_json = j->id_short;
    } else {
        j->id_json = strndup(id, id_len);
    }
    const char *reference = NULL;
    if (f->has_date && !f->date_null) {
        char date[16];
        int valid = f->date_len < sizeof date;
        if (valid) {
            memcpy(date, f->date, f->date_len);
            date[f->date_len] = '\0';
            valid = (w->valid_date[0] && strcmp(date, w->valid_date) == 0) ||
                    cli_date_is_valid(date);
        }
        if (!valid) {
            result_fail(&j->res, "invalid_arg", LEDE_ERR_INVALID_ARG,
                        "\"date\" is not a valid date \"YYYY-MM-DD\"", LEDE_NONE, j->len);
            return;
        }
        memcpy(w->valid_date, date, f->date_len + 1);
        reference = w->valid_date;
    }
    run_compute(r, reference, w->repaired, text_len, 1, &j->res);
}

/* A buffer grown for one huge line is not kept for the next ones. */
static void release_big_buffer(worker *w)
{
    if (w->repaired_size > KEEP_BUFFER_BYTES) {
        free(w->repaired);
        w->repaired = NULL;
        w->repaired_size = 0;
    }
}

/* A decoded JSON object: check its fields, then parse its text. */
static void run_object(const run *r, worker *w, doc_result *res, const json_t *root,
                       size_t line_len)
{
    const json_t *text = json_object_get(root, "text");
    const json_t *date = json_object_get(root, "date");
    const char *reference = NULL;
    if (!json_is_string(text)) {
        result_fail(res, "invalid_arg", LEDE_ERR_INVALID_ARG, "\"text\" is missing or not a string",
                    LEDE_NONE, line_len);
        return;
    }
    if (json_is_string(date) && line_date_is_valid(w, date)) {
        reference = json_string_value(date);
    } else if (date && !json_is_null(date)) {
        result_fail(res, "invalid_arg", LEDE_ERR_INVALID_ARG,
                    "\"date\" is not a valid date \"YYYY-MM-DD\"", LEDE_NONE, line_len);
        return;
    }
    run_compute(r, reference, json_string_value(text), json_string_length(text), 0, res);
}

void jsonl_compute(const run *r, worker *w, job *j)
{
    const char *line = j->buffer;
    size_t len = j->len;
    doc_result *res = &j->res;
    /* fast_decode() takes only lines of valid UTF-8: nothing but ASCII
     * outside the text, whose UTF-8 it checks as it decodes it. So the line
     * is checked here only when it gives up. */
    fast_line f;
    size_t text_len = 0;
    if (fast_decode(w, line, len, &f, &text_len)) {
        run_fast(r, w, j, &f, text_len);
        release_big_buffer(w);
        return;
    }
    /* A line that is not UTF-8 is still decoded (repaired) to find its id. */
    size_t bad = utf8_invalid_at(line, len);
    const char *json = line;
    size_t json_len = len;
    if (bad < len)
        json = repair_utf8(w, line, len, &json_len);
    json_error_t error;
    json_t *root = json ? json_loadb(json, json_len, JSON_ALLOW_NUL | JSON_DECODE_ANY, &error)
                        : NULL;
    j->id_json = encode_id(root);
    int lossy = (r->parse_options.flags & LEDE_OPT_LOSSY) != 0;
    if (!json) {
        result_fail(res, "nomem", LEDE_ERR_NOMEM, "out of memory", LEDE_NONE, len);
    } else if (bad < len && !lossy) {
        char message[64];
        snprintf(message, sizeof message, "invalid UTF-8 at byte %zu of the line", bad);
        result_fail(res, "invalid_utf8", LEDE_ERR_INVALID_UTF8, message, bad, len);
    } else if (!root) {
        size_t offset = error.position >= 0 ? (size_t)error.position : LEDE_NONE;
        result_fail(res, "invalid_json", LEDE_ERR_INVALID_ARG, error.text, offset, len);
    } else if (!json_is_object(root)) {
        result_fail(res, "invalid_json", LEDE_ERR_INVALID_ARG, "the line is not a JSON object",
                    LEDE_NONE, len);
    } else {
        run_object(r, w, res, root, len);
    }
    json_decref(root);
    release_big_buffer(w);
}

/* Non-zero when reading `in` could wait for its writer: a pipe, a socket or
 * a terminal, not a regular file. */
static int may_block(FILE *in)
{
    struct stat st;
    return fstat(fileno(in), &st) != 0 || !S_ISREG(st.st_mode);
}

/* A program that writes a line and waits for its answer must get it: flush
 * the results before a read that would wait. While input keeps arriving,
 * output stays in large buffered writes. */
static void flush_before_waiting(run *r, pool *p, FILE *in)
{
    struct pollfd ready = {fileno(in), POLLIN, 0};
    if (poll(&ready, 1, 0) == 0) {
        pool_drain(p);
        out_flush(&r->out);
    }
}

int jsonl_run_stream(run *r, pool *p, FILE *in, const char *name)
{
    size_t line_number = 0;
    ssize_t got = 0;
    int interactive = may_block(in);
    for (;;) {
        if (interactive && !run_stopped(r))
            flush_before_waiting(r, p, in);
        if (run_stopped(r))
            break;
        job *j = pool_slot(p);
        errno = 0;
        if ((got = getline(&j->buffer, &j->capacity, in)) < 0)
            break;
        line_number++;
        size_t len = strip_line_end(j->buffer, (size_t)got);
        if (is_blank(j->buffer, len))
            continue;
        j->kind = JOB_LINE;
        j->len = len;
        j->stream = name;
        j->line = line_number;
        pool_submit(p);
    }
    int error = ferror(in) ? (errno ? errno : EIO) : 0;
    /* The results of this stream come before any message about it. */
    pool_drain(p);
    return error;
}
