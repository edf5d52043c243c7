/* JSON Lines input: one {"id", "text", "date"} object per line, read, parsed
 * and answered one line at a time (or a bounded window of lines with
 * --jobs), so memory stays flat over any number of lines. jansson decodes
 * each line, on the thread that parses it; the answer is written in input
 * order. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <jansson.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

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

/* A copy of `s` with every invalid byte replaced by U+FFFD, in rd->repaired. */
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
    run_compute(r, reference, json_string_value(text), json_string_length(text), res);
}

void jsonl_compute(const run *r, worker *w, job *j)
{
    const char *line = j->buffer;
    size_t len = j->len;
    doc_result *res = &j->res;
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
    if (w->repaired_size > KEEP_BUFFER_BYTES) {
        free(w->repaired);
        w->repaired = NULL;
        w->repaired_size = 0;
    }
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
    size_t line_number = 0, where_size = strlen(name) + 32;
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
        j->where = malloc(where_size);
        if (j->where)
            snprintf(j->where, where_size, "%s:%zu", name, line_number);
        pool_submit(p);
    }
    int error = ferror(in) ? (errno ? errno : EIO) : 0;
    /* The results of this stream come before any message about it. */
    pool_drain(p);
    return error;
}
