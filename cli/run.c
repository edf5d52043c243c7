/* One document at a time: parse it, then write its JSON (with the "id" first
 * in JSON Lines), its summary, or a record of why it failed. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* After this many failure messages on stderr the rest are only counted. */
#define MAX_REPORTED_FAILURES 10

/* The output buffer: writes of a megabyte (half of it, see write_doc_json()),
 * as JSON Lines runs write hundreds of megabytes; a terminal's is written at
 * every line anyway. */
#define BUFFER_BYTES ((size_t)2 << 20)
#define TERMINAL_BUFFER_BYTES ((size_t)4 << 10)

void run_init(run *r, const cli_args *args, int fd, int pretty)
{
    memset(r, 0, sizeof *r);
    /* A terminal sees each line as it is complete; anything else gets large
     * writes. */
    int terminal = isatty(fd);
    out_init(&r->out, fd, terminal ? TERMINAL_BUFFER_BYTES : BUFFER_BYTES, terminal);
    r->format = args->format;
    r->json_at_emit = args->jobs <= 1;
    r->json_flags = args->offsets | (pretty ? LEDE_JSON_PRETTY : 0);
    lede_options_init(&r->parse_options, sizeof r->parse_options);
    r->parse_options.reference_date = args->date;
    if (args->lossy)
        r->parse_options.flags |= LEDE_OPT_LOSSY;
    int several = args->jsonl_input || args->file_count > 1;
    r->with_id = several || args->format == FORMAT_JSONL;
    progress_init(&r->progress, several && isatty(STDERR_FILENO));
    summary_init(&r->summary, &r->out, args->format == FORMAT_HTML, several);
}

int run_stopped(const run *r)
{
    return r->out.error != 0;
}

static void report(run *r, const char *where, const char *message)
{
    r->failures++;
    if (r->failures > MAX_REPORTED_FAILURES)
        return;
    progress_clear(&r->progress);
    fprintf(stderr, "lede: %s: %s\n", where, message);
    if (r->failures == MAX_REPORTED_FAILURES)
        fputs("lede: further failures are counted but not shown\n", stderr);
}

void run_input_error(run *r, const char *where, const char *message)
{
    report(r, where, message);
}

static void write_error_record(run *r, const doc_source *src, const failure *f)
{
    output *out = &r->out;
    out_printf(out, "{\"id\":%s,\"error\":{\"code\":", src->id_json);
    out_json_string(out, f->code, strlen(f->code));
    out_printf(out, ",\"status\":%d,\"message\":", f->status);
    out_json_string(out, f->message, strlen(f->message));
    if (f->offset == LEDE_NONE)
        out_str(out, ",\"offset\":null}}\n");
    else
        out_printf(out, ",\"offset\":%zu}}\n", f->offset);
}

void run_failure(run *r, const doc_source *src, const failure *f, size_t input_bytes)
{
    report(r, src->where, f->message);
    if (r->format == FORMAT_TEXT || r->format == FORMAT_HTML) {
        if (r->summary.labelled)
            summary_failure(&r->summary, src->label, f->message);
    } else if (r->with_id) {
        /* JSON Lines keep one record per input, so a consumer can line them up. */
        write_error_record(r, src, f);
    }
    progress_add(&r->progress, input_bytes);
}

/* The byte offset in a library message such as "invalid UTF-8 at byte 12". */
static size_t offset_in_message(const char *message)
{
    const char *at = strstr(message, "at byte ");
    if (!at)
        return LEDE_NONE;
    char *end;
    errno = 0;
    unsigned long long offset = strtoull(at + strlen("at byte "), &end, 10);
    return errno || end == at + strlen("at byte ") ? LEDE_NONE : (size_t)offset;
}

void result_fail(doc_result *res, const char *code, int status, const char *message, size_t offset,
                 size_t input_bytes)
{
    res->failed = 1;
    res->code = code;
    res->status = status;
    res->offset = offset;
    res->input_bytes = input_bytes;
    free(res->message_owned);
    res->message_owned = strdup(message);
    res->message = res->message_owned ? res->message_owned : "out of memory";
}

/* A library failure: the calling thread's last error message is copied, as
 * the result may be written from another thread. */
static void fail_with_status(doc_result *res, lede_status status, size_t len)
{
    const char *message = lede_last_error_message();
    size_t offset = status == LEDE_ERR_INVALID_UTF8 ? offset_in_message(message) : LEDE_NONE;
    result_fail(res, lede_status_name(status), status, message[0] ? message : lede_strerror(status),
                offset, len);
}

/* What opens a document's JSON when {"id": ...} is spliced in as its first
 * key, in the style of the run. */
static const char *id_open(const run *r)
{
    return (r->json_flags & LEDE_JSON_PRETTY) ? "{\n  \"id\": " : "{\"id\":";
}

/* Do the `n` bytes after a JSON object's opening brace hold a member (and
 * so call for a comma after the spliced id), rather than only its close? */
static int has_members(const char *after_brace, size_t n)
{
    size_t k = 0;
    while (k < n && (after_brace[k] == ' ' || after_brace[k] == '\t' || after_brace[k] == '\r' ||
                     after_brace[k] == '\n'))
        k++;
    return k < n && after_brace[k] != '}';
}

/* Write the library's JSON, with {"id": ...} spliced in as the first key. */
static void write_json(run *r, const doc_source *src, const char *json, size_t len)
{
    output *out = &r->out;
    if (r->with_id && len > 0 && json[0] == '{') {
        const char *open = id_open(r);
        const char *comma = has_members(json + 1, len - 1) ? "," : "";
        /* The head in one write when it is short, as it nearly always is. */
        char head[64];
        size_t open_len = strlen(open), id_len = strlen(src->id_json), comma_len = strlen(comma);
        if (open_len + id_len + comma_len <= sizeof head) {
            memcpy(head, open, open_len);
            memcpy(head + open_len, src->id_json, id_len);
            memcpy(head + open_len + id_len, comma, comma_len);
            out_bytes(out, head, open_len + id_len + comma_len);
        } else {
            out_str(out, open);
            out_str(out, src->id_json);
            out_str(out, comma);
        }
        out_bytes(out, json + 1, len - 1);
    } else {
        out_bytes(out, json, len);
    }
    if (len == 0 || json[len - 1] != '\n')
        out_bytes(out, "\n", 1);
}

/* The document's JSON, with {"id": ...} spliced in as write_json() does,
 * written by the library straight into the output buffer: the head first,
 * then the JSON, whose opening brace becomes the comma after the id. Returns
 * the library's status; when it failed, nothing was written. */
static lede_status write_doc_json(run *r, const doc_source *src, const lede_doc *doc)
{
    output *out = &r->out;
    const char *open = id_open(r);
    size_t open_len = r->with_id ? strlen(open) : 0;
    size_t id_len = r->with_id ? strlen(src->id_json) : 0;
    /* The buffer is written out once it holds half its size (below), so
     * the library has the other half and seldom has to grow it. */
    if (out_reserve(out, out->size / 2 + open_len + id_len) != 0)
        return LEDE_OK; /* writing failed: the run stops */
    size_t start = out->len;
    memcpy(out->buf + start, open, open_len);
    memcpy(out->buf + start + open_len, src->id_json, id_len);
    size_t at = start + open_len + id_len;
    out->len = at;
    lede_status status = json_append_doc(doc, r->json_flags, &out->buf, &out->len, &out->cap);
    if (status != LEDE_OK) {
        out->len = start;
        return status;
    }
    if (r->with_id && out->len > at) {
        if (has_members(out->buf + at + 1, out->len - at - 1)) {
            out->buf[at] = ',';
        } else {
            memmove(out->buf + at, out->buf + at + 1, out->len - at - 1);
            out->len--;
        }
    }
    if (out->len == at || out->buf[out->len - 1] != '\n')
        out->buf[out->len++] = '\n'; /* the library keeps room for a NUL */
    out_wrote(out, out->buf + start, out->len - start);
    if (out->len >= out->size / 2)
        out_flush(out);
    return LEDE_OK;
}

void run_compute(const run *r, const char *date, const char *text, size_t len, int valid_utf8,
                 doc_result *res)
{
    memset(res, 0, sizeof *res);
    res->input_bytes = len;
    lede_options opts = r->parse_options;
    if (date)
        opts.reference_date = date;
    lede_doc *doc = NULL;
    lede_status status = valid_utf8 ? parse_valid_utf8(text, len, &opts, &doc)
                                    : lede_parse(text, len, &opts, &doc);
    if (status == LEDE_OK &&
        (r->format == FORMAT_TEXT || r->format == FORMAT_HTML || r->json_at_emit)) {
        res->doc = doc; /* written in order, with the others */
        return;
    }
    if (status == LEDE_OK)
        status = lede_doc_to_json(doc, r->json_flags, &res->json, &res->json_len);
    if (status != LEDE_OK)
        fail_with_status(res, status, len);
    lede_doc_free(doc);
}

void result_clear(doc_result *res)
{
    lede_doc_free(res->doc);
    lede_free(res->json);
    free(res->message_owned);
    memset(res, 0, sizeof *res);
}

void run_emit(run *r, const doc_source *src, doc_result *res)
{
    if (!run_stopped(r)) {
        int summary = r->format == FORMAT_TEXT || r->format == FORMAT_HTML;
        if (!res->failed && res->doc && !summary) {
            lede_status status = write_doc_json(r, src, res->doc);
            if (status != LEDE_OK)
                fail_with_status(res, status, res->input_bytes);
        }
        if (res->failed) {
            failure f = {res->code, res->status, res->message, res->offset};
            run_failure(r, src, &f, res->input_bytes);
        } else {
            if (summary)
                summary_document(&r->summary, src->label, res->doc);
            else if (!res->doc)
                write_json(r, src, res->json, res->json_len);
            r->documents++;
            progress_add(&r->progress, res->input_bytes);
        }
    }
    result_clear(res);
}

void run_document(run *r, const doc_source *src, const char *text, size_t len)
{
    if (run_stopped(r))
        return;
    doc_result res;
    run_compute(r, src->date, text, len, 0, &res);
    run_emit(r, src, &res);
}

static void report_write_error(int error)
{
    /* A reader that went away (lede ... | head) is not worth a message. */
    if (error != EPIPE)
        fprintf(stderr, "lede: write error: %s\n", strerror(error));
}

int run_finish(run *r)
{
    summary_finish(&r->summary);
    int error = out_flush(&r->out);
    out_release(&r->out);
    progress_clear(&r->progress);
    if (error) {
        report_write_error(error);
        return EXIT_FAILED;
    }
    size_t total = r->documents + r->failures;
    if (r->failures > 0 && total > 1)
        fprintf(stderr, "lede: %zu of %zu inputs failed\n", r->failures, total);
    return r->failures > 0 ? EXIT_FAILED : EXIT_OK;
}
