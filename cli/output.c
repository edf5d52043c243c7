/* Checked writing: the first failure (a closed pipe, a full disk) is kept so
 * the command can stop and report it once instead of after every write. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

void out_init(output *out, int fd, size_t size, int line_buffered)
{
    memset(out, 0, sizeof *out);
    out->fd = fd;
    out->size = size;
    out->line_buffered = line_buffered;
}

void out_release(output *out)
{
    free(out->buf);
    out->buf = NULL;
    out->len = out->cap = 0;
}

/* Write `len` bytes at `s` to the file, all of them or up to a failure. */
static void write_all(output *out, const char *s, size_t len)
{
    while (len > 0 && !out->error) {
        ssize_t n = write(out->fd, s, len);
        if (n <= 0) {
            if (n == 0 || errno != EINTR)
                out->error = n < 0 && errno ? errno : EIO;
            continue;
        }
        s += n;
        len -= (size_t)n;
    }
}

/* Hand the buffered bytes to the file (a buffer in memory keeps them). */
static void out_drain(output *out)
{
    if (out->fd < 0 || out->len == 0)
        return;
    write_all(out, out->buf, out->len);
    out->len = 0;
    /* A buffer grown for one huge document is not kept for the others. */
    if (out->cap > out->size)
        out_release(out);
}

int out_reserve(output *out, size_t extra)
{
    if (out->error)
        return -1;
    if (out->cap - out->len >= extra)
        return 0;
    out_drain(out);
    if (out->error)
        return -1;
    size_t cap = out->cap ? out->cap : out->size;
    while (cap - out->len < extra) {
        if (cap > SIZE_MAX / 2) {
            out->error = ENOMEM;
            return -1;
        }
        cap *= 2;
    }
    char *grown = realloc(out->buf, cap);
    if (!grown) {
        out->error = ENOMEM;
        return -1;
    }
    out->buf = grown;
    out->cap = cap;
    return 0;
}

void out_wrote(output *out, const char *s, size_t len)
{
    /* A terminal sees each line once it is complete, as with stdio. */
    if (out->line_buffered && memchr(s, '\n', len))
        out_drain(out);
}

void out_bytes(output *out, const char *s, size_t len)
{
    if (out->error || len == 0)
        return;
    if (out->cap - out->len < len) {
        out_drain(out);
        /* What the buffer could not hold whole goes straight to the file. */
        if (out->fd >= 0 && len >= out->size) {
            write_all(out, s, len);
            return;
        }
        if (out_reserve(out, len) != 0)
            return;
    }
    memcpy(out->buf + out->len, s, len);
    out->len += len;
    out_wrote(out, s, len);
}

void out_str(output *out, const char *s)
{
    out_bytes(out, s, strlen(s));
}

void out_printf(output *out, const char *fmt, ...)
{
    if (out->error)
        return;
    va_list ap;
    va_start(ap, fmt);
    char line[256];
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n < 0) {
        out->error = EIO;
        return;
    }
    if ((size_t)n < sizeof line) {
        out_bytes(out, line, (size_t)n);
        return;
    }
    /* Longer than the line: formatted again straight into the buffer. */
    if (out_reserve(out, (size_t)n + 1) != 0)
        return;
    va_start(ap, fmt);
    vsnprintf(out->buf + out->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    out->len += (size_t)n;
    out_wrote(out, out->buf + out->len - (size_t)n, (size_t)n);
}

int out_flush(output *out)
{
    out_drain(out);
    return out->error;
}

size_t utf8_sequence_length(const unsigned char *s, size_t avail)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    /* The lead byte fixes the length and the range of the second byte, which
     * rules out overlong forms, surrogates and code points over U+10FFFF. */
    size_t n;
    unsigned char low = 0x80, high = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0)
            low = 0xA0;
        else if (c == 0xED)
            high = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0)
            low = 0x90;
        else if (c == 0xF4)
            high = 0x8F;
    } else {
        return 0;
    }
    if (avail < n || s[1] < low || s[1] > high)
        return 0;
    for (size_t k = 2; k < n; k++)
        if ((s[k] & 0xC0) != 0x80)
            return 0;
    return n;
}

size_t utf8_invalid_at(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        /* Eight ASCII bytes at a time. */
        while (len - i >= 8) {
            uint64_t word;
            memcpy(&word, p + i, sizeof word);
            if (word & UINT64_C(0x8080808080808080))
                break;
            i += 8;
        }
        if (i >= len)
            break;
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = utf8_sequence_length(p + i, len - i);
        if (n == 0)
            return i;
        i += n;
    }
    return len;
}

/* The escape for the character of `n` bytes at `p`, or NULL to copy it. */
static const char *json_escape_for(const unsigned char *p, size_t n, char hex[8])
{
    if (n == 0)
        return "\\ufffd";
    if (n == 2 && p[0] == 0xC2 && p[1] == 0x85)
        return "\\u0085";
    if (n == 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9))
        return p[2] == 0xA8 ? "\\u2028" : "\\u2029";
    if (n != 1)
        return NULL;
    switch (p[0]) {
    case '"':
        return "\\\"";
    case '\\':
        return "\\\\";
    case '\n':
        return "\\n";
    case '\r':
        return "\\r";
    case '\t':
        return "\\t";
    default:
        break;
    }
    if (p[0] < 0x20 || p[0] == 0x7F) {
        snprintf(hex, 8, "\\u%04x", p[0]);
        return hex;
    }
    return NULL;
}

void out_json_string(output *out, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t copied = 0, i = 0;
    char hex[8];
    out_bytes(out, "\"", 1);
    while (i < len) {
        size_t n = p[i] < 0x80 ? 1 : utf8_sequence_length(p + i, len - i);
        const char *escape = json_escape_for(p + i, n, hex);
        if (n == 0)
            n = 1; /* replace one invalid byte at a time */
        if (escape) {
            out_bytes(out, s + copied, i - copied);
            out_str(out, escape);
            copied = i + n;
        }
        i += n;
    }
    out_bytes(out, s + copied, len - copied);
    out_bytes(out, "\"", 1);
}

char *json_quote(const char *s, size_t len)
{
    output out;
    out_init(&out, -1, 64, 0);
    out_json_string(&out, s, len);
    out_bytes(&out, "", 1); /* the NUL */
    if (out.error) {
        out_release(&out);
        return NULL;
    }
    return out.buf;
}
