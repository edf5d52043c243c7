/* The lede command: declarations shared by its modules.
 *
 *   lede.c      main: options, then the inputs in order
 *   args.c      command-line parsing, --help and --version
 *   run.c       one document: parse, then JSON, summary or an error record
 *   jsonl.c     JSON Lines input, one document per line, streaming
 *   input.c     reading a whole file or standard input
 *   summary.c   the text and HTML summaries for a person
 *   output.c    checked writing, JSON strings, UTF-8 checks
 *   progress.c  the progress line on a terminal
 *   jobs.c      --jobs: documents parsed on worker threads, written in order
 */
#ifndef LEDE_CLI_H
#define LEDE_CLI_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "../lib/command.h"
#include "lede.h"

/* Exit statuses. */
enum { EXIT_OK = 0, EXIT_FAILED = 1, EXIT_USAGE = 2 };

/* The bundled sample article (generated from cli/sample.txt), NUL-terminated. */
extern const char *const cli_sample;
extern const size_t cli_sample_size;

/* ------------------------------------------------------------------ */
/* args.c                                                              */

typedef enum output_format { FORMAT_JSON, FORMAT_JSONL, FORMAT_TEXT, FORMAT_HTML } output_format;

typedef struct cli_args {
    output_format format;
    int format_given; /* --format was on the command line */
    int pretty;
    int lossy;
    int sample;
    int jsonl_input;
    const char *date; /* --date, validated; NULL when absent */
    unsigned jobs;    /* --jobs: parsing threads, 1 (the default) parses inline */
    unsigned offsets; /* LEDE_JSON_OFFSETS_* */
    char **files;     /* the FILE operands, in order (borrowed from argv) */
    size_t file_count;
} cli_args;

typedef enum args_result { ARGS_RUN, ARGS_DONE, ARGS_USAGE } args_result;

/* Parse the command line into `args` (whose `files` array the caller frees).
 * ARGS_DONE: --help or --version was printed; ARGS_USAGE: an error was
 * reported on stderr. */
args_result args_parse(int argc, char **argv, cli_args *args);

/* Non-zero when lede_parse() accepts `date` as a reference date. */
int cli_date_is_valid(const char *date);

/* ------------------------------------------------------------------ */
/* output.c                                                            */

/* A buffered file descriptor whose first write failure is remembered (as an
 * errno value), so the command stops at the first failure and reports it
 * once. The buffer is the command's own rather than stdio's, so that the
 * JSON of a document can be written straight into it (json_append_doc()). */
typedef struct output {
    int fd;    /* -1: the bytes are only kept in the buffer (json_quote()) */
    char *buf; /* malloc(); the bytes not yet written are buf[0, len) */
    size_t len, cap;
    size_t size;       /* the buffer's usual capacity, allocated on the first write */
    int line_buffered; /* a terminal: each complete line is written at once */
    int error;         /* 0 while every write succeeded */
} output;

void out_init(output *out, int fd, size_t size, int line_buffered);
/* Free the buffer (after out_flush(), or to drop what it holds). */
void out_release(output *out);
/* Room for `extra` more bytes at buf + len, writing out what the buffer
 * holds first when it lacks room; 0, or -1 once writing failed. */
int out_reserve(output *out, size_t extra);
/* After `len` bytes were put at `s`, the end of the buffer, without
 * out_bytes(): a terminal gets its complete lines. */
void out_wrote(output *out, const char *s, size_t len);
void out_bytes(output *out, const char *s, size_t len);
void out_str(output *out, const char *s);
void out_printf(output *out, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Write `s` as a JSON string literal: always valid UTF-8 (invalid bytes
 * become U+FFFD), U+2028, U+2029 and U+0085 escaped as the library does. */
void out_json_string(output *out, const char *s, size_t len);
/* Flush; returns the first write error (0 when none). */
int out_flush(output *out);

/* Length of the valid UTF-8 sequence at `s` (1 to 4), 0 when invalid. */
size_t utf8_sequence_length(const unsigned char *s, size_t avail);
/* Byte offset of the first invalid UTF-8 sequence, `len` when all valid. */
size_t utf8_invalid_at(const char *s, size_t len);

/* `s` as a JSON string literal in a new NUL-terminated buffer (free()). */
char *json_quote(const char *s, size_t len);

/* ------------------------------------------------------------------ */
/* progress.c                                                          */

typedef struct progress {
    int enabled;
    size_t documents;
    double bytes;
    struct timespec started, drawn;
    int width; /* characters of the line now on the terminal, 0 when clear */
} progress;

void progress_init(progress *p, int enabled);
/* Count one document of `bytes` input bytes; redraws at most twice a second. */
void progress_add(progress *p, size_t bytes);
/* Erase the progress line (before other messages and at the end). */
void progress_clear(progress *p);

/* ------------------------------------------------------------------ */
/* summary.c                                                           */

typedef struct summary {
    output *out;
    int html;
    int labelled; /* several documents: each is introduced by its label */
    int started;  /* the HTML page head was written */
    size_t written;
} summary;

void summary_init(summary *s, output *out, int html, int labelled);
void summary_document(summary *s, const char *label, const lede_doc *doc);
void summary_failure(summary *s, const char *label, const char *message);
/* Close the HTML page when one was opened. */
void summary_finish(summary *s);

/* ------------------------------------------------------------------ */
/* run.c                                                               */

/* Where a document came from. */
typedef struct doc_source {
    const char *id_json; /* the "id" as JSON text, written first in JSON Lines */
    const char *label;   /* how a person sees it: the path, or the JSONL id */
    const char *where;   /* for messages: "path" or "path:LINE" */
    const char *date;    /* reference date of this document, NULL for --date */
} doc_source;

/* Why a document gave no result. */
typedef struct failure {
    const char *code; /* lede_status_name(), or "invalid_json", "io_error" */
    int status;       /* a lede_status; LEDE_ERR_INVALID_ARG for the CLI's own checks */
    const char *message;
    size_t offset; /* byte offset of the problem, LEDE_NONE when none */
} failure;

typedef struct run {
    output out;
    progress progress;
    summary summary;
    output_format format;
    int with_id;         /* JSON output carries "id" (several documents or --format jsonl) */
    unsigned json_flags; /* LEDE_JSON_* */
    /* Parsing is inline (--jobs 1): run_emit() writes a document's JSON
     * straight into the output buffer, which a worker thread cannot do. */
    int json_at_emit;
    lede_options parse_options;
    size_t documents;
    size_t failures;
} run;

/* What parsing one document gave, before it is written: run_compute() may
 * run on any thread (it only reads `run`), run_emit() runs on the thread that
 * writes, in input order. */
typedef struct doc_result {
    int failed;
    lede_doc *doc; /* summaries, and JSON with json_at_emit: the document, written later */
    char *json;    /* other JSON: the library's JSON (lede_free()) */
    size_t json_len;
    const char *code; /* when failed: as in `failure` */
    int status;
    const char *message;
    char *message_owned; /* the copy `message` points to (free()) */
    size_t offset;
    size_t input_bytes;
} doc_result;

/* Results go to file descriptor `fd`. */
void run_init(run *r, const cli_args *args, int fd, int pretty);
/* Parse `text` (with reference `date`, NULL for --date) into `res`;
 * `valid_utf8` when the caller found the text to be valid UTF-8. */
void run_compute(const run *r, const char *date, const char *text, size_t len, int valid_utf8,
                 doc_result *res);
/* Record a failure in `res` (the message is copied). */
void result_fail(doc_result *res, const char *code, int status, const char *message, size_t offset,
                 size_t input_bytes);
/* Write `res` for `src` (or its failure), count it, and clear it. */
void run_emit(run *r, const doc_source *src, doc_result *res);
/* Release what `res` holds and zero it. */
void result_clear(doc_result *res);
/* Parse one document and write its result (or its failure). */
void run_document(run *r, const doc_source *src, const char *text, size_t len);
/* Record a document that could not be parsed: stderr, and a result record. */
void run_failure(run *r, const doc_source *src, const failure *f, size_t input_bytes);
/* Report a failure that has no result record (an unreadable JSONL file). */
void run_input_error(run *r, const char *where, const char *message);
/* Non-zero once writing failed: nothing more is worth doing. */
int run_stopped(const run *r);
/* Finish the output; returns the exit status. */
int run_finish(run *r);

/* ------------------------------------------------------------------ */
/* input.c, jsonl.c                                                    */

/* Read all of `path` ("-": standard input) in binary mode into a new buffer
 * (free()), NUL-terminated. Reading stops after `limit` + 1 bytes: the
 * parser reports inputs over the limit. Returns 0 or an errno value. */
int input_read_all(const char *path, size_t limit, char **data, size_t *len);

/* ------------------------------------------------------------------ */
/* jobs.c                                                              */

typedef struct pool pool;

typedef enum job_kind {
    JOB_TEXT, /* `text` is a whole document */
    JOB_LINE, /* `buffer` holds one JSON Lines line */
    JOB_DONE  /* `res` was filled in by the reader (an unreadable file) */
} job_kind;

/* One input in flight. The strings are owned (free()) and released once the
 * result is written; `buffer` stays with the slot for its next line. */
typedef struct job {
    job_kind kind;
    char *buffer; /* JOB_LINE: getline()'s buffer */
    size_t capacity;
    size_t len;         /* bytes of the line or of `text` */
    char *text;         /* JOB_TEXT */
    char *id_json;      /* allocated, or id_short */
    char id_short[24];  /* the id of a line that has a short one, without an allocation */
    char *label;        /* NULL: the id */
    char *where;        /* for messages; NULL for a line: "stream:LINE" */
    const char *stream; /* JOB_LINE: the name of its stream (outlives the job) */
    size_t line;        /* JOB_LINE: its line number */
    doc_result res;
} job;

/* Scratch space of one parsing thread. */
typedef struct worker {
    pool *pool;
    char *repaired; /* a JSON Lines line with invalid UTF-8 replaced */
    size_t repaired_size;
    char valid_date[16]; /* the last "date" that passed, "" before any */
} worker;

/* Parse with `jobs` threads (1: inline, in this thread); NULL when memory or
 * a thread could not be had. */
pool *pool_start(run *r, unsigned jobs);
/* The slot for the next input, after writing the oldest one when all are in
 * flight. Fill it, then pool_submit(); or leave it unsubmitted. */
job *pool_slot(pool *p);
void pool_submit(pool *p);
/* Wait for every submitted input and write them all. */
void pool_drain(pool *p);
/* Drain, stop the threads and free everything. NULL is a no-op. */
void pool_finish(pool *p);

/* Run every line of a JSON Lines stream; `name` labels messages. Returns 0
 * or the errno of a read error. */
int jsonl_run_stream(run *r, pool *p, FILE *in, const char *name);
/* Decode and parse the line in `j` (any thread): its id and result. */
void jsonl_compute(const run *r, worker *w, job *j);

#endif
