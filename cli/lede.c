/* lede: parse English news text into JSON (or a summary for a person).
 * See `lede --help` and the README; the modules are listed in cli.h. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

enum { JSONL_READ_BUFFER = 1 << 20 }; /* bytes read from a JSON Lines file at a time */

static const char *display_name(const char *path)
{
    return strcmp(path, "-") == 0 ? "stdin" : path;
}

static void run_sample(run *r)
{
    doc_source src = {"\"sample\"", "sample", "sample", NULL};
    run_document(r, &src, cli_sample, cli_sample_size);
}

/* One whole file (or standard input) as one document, read here and parsed
 * by the pool. */
static void run_file(pool *p, const run *r, const char *path)
{
    char *text = NULL;
    size_t len = 0;
    int error = input_read_all(path, r->parse_options.max_input_size, &text, &len);
    job *j = pool_slot(p);
    j->id_json = json_quote(path, strlen(path));
    j->label = strdup(path);
    j->where = strdup(display_name(path));
    if (error) {
        result_fail(&j->res, "io_error", LEDE_ERR_INVALID_ARG, strerror(error), LEDE_NONE, 0);
    } else {
        j->kind = JOB_TEXT;
        j->text = text;
        j->len = len;
    }
    pool_submit(p);
}

static void run_jsonl_file(run *r, pool *p, const char *path)
{
    int from_stdin = strcmp(path, "-") == 0;
    FILE *in = from_stdin ? stdin : fopen(path, "rb");
    /* stdio reads a file 4 KiB at a time: one read(2) for every few lines,
     * and with --jobs 2 the reading thread competes with the workers for
     * the cores. A file is read 1 MiB a step, through a buffer of our own
     * (glibc ignores the size asked for without one); stdin keeps its
     * buffer, since it may be a terminal. Without the memory, 4 KiB. */
    char *buffer = in && !from_stdin ? malloc(JSONL_READ_BUFFER) : NULL;
    if (buffer)
        setvbuf(in, buffer, _IOFBF, JSONL_READ_BUFFER);
    int error = in ? jsonl_run_stream(r, p, in, display_name(path)) : errno;
    if (in && !from_stdin)
        fclose(in);
    free(buffer);
    if (error) {
        pool_drain(p); /* the results before it come first */
        run_input_error(r, display_name(path), strerror(error));
    }
}

static void run_inputs(run *r, pool *p, const cli_args *args, int use_sample)
{
    if (use_sample) {
        run_sample(r);
    } else if (args->jsonl_input) {
        if (args->file_count == 0)
            run_jsonl_file(r, p, "-");
        for (size_t i = 0; i < args->file_count && !run_stopped(r); i++)
            run_jsonl_file(r, p, args->files[i]);
    } else if (args->file_count == 0) {
        run_file(p, r, "-");
    } else {
        for (size_t i = 0; i < args->file_count && !run_stopped(r); i++)
            run_file(p, r, args->files[i]);
    }
    pool_drain(p);
}

int main(int argc, char **argv)
{
    cli_args args;
    args_result parsed = args_parse(argc, argv, &args);
    if (parsed != ARGS_RUN) {
        free(args.files);
        return parsed == ARGS_DONE ? EXIT_OK : EXIT_USAGE;
    }
    /* A closed pipe shows up as EPIPE from a write, which ends the run quietly. */
    signal(SIGPIPE, SIG_IGN);
    /* With no input named, a person at a terminal gets the sample. */
    int use_sample = args.sample ||
                     (!args.jsonl_input && args.file_count == 0 && isatty(STDIN_FILENO));
    int pretty = args.pretty || (use_sample && !args.format_given && isatty(STDOUT_FILENO));
    if (use_sample && !args.sample && isatty(STDERR_FILENO))
        fputs("lede: no input; parsing the bundled sample (see lede --help)\n", stderr);

    run r;
    run_init(&r, &args, STDOUT_FILENO, pretty); /* its own buffer, not stdio's */
    pool *p = pool_start(&r, args.jobs);
    if (!p) {
        fputs("lede: cannot start the parsing threads\n", stderr);
        free(args.files);
        return EXIT_FAILED;
    }
    run_inputs(&r, p, &args, use_sample);
    pool_finish(p);
    int status = run_finish(&r);
    if (fclose(stdout) != 0 && status == EXIT_OK) {
        fprintf(stderr, "lede: write error: %s\n", strerror(errno));
        status = EXIT_FAILED;
    }
    free(args.files);
    return status;
}
