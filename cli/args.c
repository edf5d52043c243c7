/* The command line: options may come before or after the FILEs, as
 * "--name value" or "--name=value"; "--" ends the options. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage_text[] =
    "Usage: lede [OPTION]... [FILE]...\n"
    "Parse English news text into its document structure, speakers, quotes and\n"
    "metrics, written as JSON.\n"
    "\n"
    "With one FILE (- is standard input), print its JSON document. With several\n"
    "FILEs, print JSON Lines: one compact object per file, its \"id\" the path.\n"
    "With no FILE, read standard input, or parse the bundled sample article when\n"
    "standard input is a terminal.\n"
    "\n"
    "Input:\n"
    "  --sample            parse the bundled sample article\n"
    "  --jsonl             read JSON Lines from the FILEs (standard input when\n"
    "                      none), each line {\"id\": ..., \"text\": \"...\"} with an\n"
    "                      optional \"date\": \"YYYY-MM-DD\"; write one compact result\n"
    "                      line per input line, in order. A line that fails gives\n"
    "                      {\"id\": ..., \"error\": {\"code\", \"status\", \"message\",\n"
    "                      \"offset\"}} and the run goes on\n"
    "  --date YYYY-MM-DD   reference date for texts that state none (a JSONL\n"
    "                      line's \"date\" overrides it)\n"
    "  --lossy             replace invalid UTF-8 with U+FFFD instead of failing\n"
    "\n"
    "Output:\n"
    "  --format FORMAT     json: one JSON document per input (JSON Lines for\n"
    "                      several inputs); jsonl: one compact line with \"id\"\n"
    "                      per document, even for one input; text: a summary\n"
    "                      for a person; html: the same summary as a web page\n"
    "  --pretty            indent the JSON (json format only; several documents\n"
    "                      then follow one another, each with its \"id\"); the\n"
    "                      sample is indented by default when standard output is\n"
    "                      a terminal\n"
    "  --offsets UNIT      offsets in bytes (default), codepoints or utf16\n"
    "\n"
    "Speed:\n"
    "  --jobs N            parse N documents at a time on N threads (1 to 256;\n"
    "                      default 1). The output is the same, in the same order,\n"
    "                      whatever N; it pays off with --jsonl or several FILEs\n"
    "\n"
    "  -h, --help          show this help and exit\n"
    "  --version           show the version and exit\n"
    "\n"
    "Progress is shown on standard error when it is a terminal and there are\n"
    "several documents.\n"
    "\n"
    "Exit status: 0 when every input was parsed; 1 when some input failed (the\n"
    "others are still written); 2 for a usage error.\n";

typedef enum option_id {
    OPT_SAMPLE,
    OPT_JSONL,
    OPT_DATE,
    OPT_LOSSY,
    OPT_FORMAT,
    OPT_PRETTY,
    OPT_OFFSETS,
    OPT_JOBS,
    OPT_HELP,
    OPT_VERSION
} option_id;

typedef struct option_spec {
    const char *name;
    option_id id;
    int takes_value;
} option_spec;

static const option_spec option_specs[] = {
    {"--sample", OPT_SAMPLE, 0},   {"--jsonl", OPT_JSONL, 0},   {"--date", OPT_DATE, 1},
    {"--lossy", OPT_LOSSY, 0},     {"--format", OPT_FORMAT, 1}, {"--pretty", OPT_PRETTY, 0},
    {"--offsets", OPT_OFFSETS, 1}, {"--help", OPT_HELP, 0},     {"-h", OPT_HELP, 0},
    {"--version", OPT_VERSION, 0}, {"--jobs", OPT_JOBS, 1},
};

static args_result usage_error(const char *fmt, const char *detail)
{
    fputs("lede: ", stderr);
    fprintf(stderr, fmt, detail);
    fputs("\nTry 'lede --help' for more information.\n", stderr);
    return ARGS_USAGE;
}

/* The spec whose name is `arg` up to an optional "=value". */
static const option_spec *find_option(const char *arg)
{
    size_t name_len = strcspn(arg, "=");
    for (size_t i = 0; i < sizeof option_specs / sizeof *option_specs; i++) {
        const char *name = option_specs[i].name;
        if (strlen(name) == name_len && strncmp(arg, name, name_len) == 0)
            return &option_specs[i];
    }
    return NULL;
}

static int parse_format(const char *value, output_format *format)
{
    static const char *const names[] = {"json", "jsonl", "text", "html"};
    static const output_format formats[] = {FORMAT_JSON, FORMAT_JSONL, FORMAT_TEXT, FORMAT_HTML};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        if (strcmp(value, names[i]) == 0) {
            *format = formats[i];
            return 1;
        }
    }
    return 0;
}

static int parse_offsets(const char *value, unsigned *offsets)
{
    if (strcmp(value, "bytes") == 0)
        *offsets = LEDE_JSON_OFFSETS_BYTES;
    else if (strcmp(value, "codepoints") == 0)
        *offsets = LEDE_JSON_OFFSETS_CODEPOINTS;
    else if (strcmp(value, "utf16") == 0)
        *offsets = LEDE_JSON_OFFSETS_UTF16;
    else
        return 0;
    return 1;
}

#define MAX_JOBS 256

/* A whole number from 1 to MAX_JOBS, in decimal digits only. */
static int parse_jobs(const char *value, unsigned *jobs)
{
    size_t digits = strspn(value, "0123456789");
    if (digits == 0 || digits > 3 || value[digits] != '\0')
        return 0;
    unsigned n = (unsigned)atoi(value);
    if (n < 1 || n > MAX_JOBS)
        return 0;
    *jobs = n;
    return 1;
}

/* The library is the judge of a valid date: whatever lede_parse() accepts
 * as a reference date, and nothing else. */
int cli_date_is_valid(const char *date)
{
    lede_options opts;
    lede_doc *doc = NULL;
    lede_options_init(&opts, sizeof opts);
    opts.reference_date = date;
    lede_status status = lede_parse("", 0, &opts, &doc);
    lede_doc_free(doc);
    return status != LEDE_ERR_INVALID_ARG;
}

static args_result apply_option(const option_spec *spec, const char *value, cli_args *args)
{
    switch (spec->id) {
    case OPT_SAMPLE:
        args->sample = 1;
        break;
    case OPT_JSONL:
        args->jsonl_input = 1;
        break;
    case OPT_LOSSY:
        args->lossy = 1;
        break;
    case OPT_PRETTY:
        args->pretty = 1;
        break;
    case OPT_DATE:
        if (!cli_date_is_valid(value))
            return usage_error("invalid --date '%s' (expected a date YYYY-MM-DD)", value);
        args->date = value;
        break;
    case OPT_FORMAT:
        if (!parse_format(value, &args->format))
            return usage_error("invalid --format '%s' (expected json, jsonl, text or html)", value);
        args->format_given = 1;
        break;
    case OPT_OFFSETS:
        if (!parse_offsets(value, &args->offsets))
            return usage_error("invalid --offsets '%s' (expected bytes, codepoints or utf16)",
                               value);
        break;
    case OPT_JOBS:
        if (!parse_jobs(value, &args->jobs))
            return usage_error("invalid --jobs '%s' (expected a whole number from 1 to 256)",
                               value);
        break;
    case OPT_HELP:
        fputs(usage_text, stdout);
        return ARGS_DONE;
    case OPT_VERSION:
        printf("lede %s\n", lede_version_string());
        return ARGS_DONE;
    }
    return ARGS_RUN;
}

/* Combinations that make no sense are refused rather than half obeyed. */
static args_result check_combination(const cli_args *args)
{
    if (args->sample && (args->file_count > 0 || args->jsonl_input))
        return usage_error("%s", "--sample takes no FILE and no --jsonl");
    if (args->pretty && args->format != FORMAT_JSON)
        return usage_error("%s", "--pretty applies to --format json only");
    return ARGS_RUN;
}

/* Handle argv[*i], an option; advances *i past a separate value. */
static args_result parse_option(int argc, char **argv, int *i, cli_args *args)
{
    const char *arg = argv[*i];
    const option_spec *spec = find_option(arg);
    if (!spec)
        return usage_error("unknown option '%s'", arg);
    const char *equals = strchr(arg, '=');
    const char *value = ""; /* options without a value never read it */
    if (spec->takes_value) {
        if (equals)
            value = equals + 1;
        else if (*i + 1 < argc)
            value = argv[++*i];
        else
            return usage_error("option '%s' needs a value", arg);
    } else if (equals) {
        return usage_error("option '%s' takes no value", spec->name);
    }
    return apply_option(spec, value, args);
}

args_result args_parse(int argc, char **argv, cli_args *args)
{
    memset(args, 0, sizeof *args);
    args->format = FORMAT_JSON;
    args->offsets = LEDE_JSON_OFFSETS_BYTES;
    args->jobs = 1;
    args->files = calloc((size_t)(argc > 0 ? argc : 1), sizeof *args->files);
    if (!args->files) {
        fputs("lede: out of memory\n", stderr);
        return ARGS_USAGE;
    }
    int options_ended = 0;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (!options_ended && strcmp(arg, "--") == 0) {
            options_ended = 1;
        } else if (!options_ended && arg[0] == '-' && arg[1] != '\0') {
            args_result result = parse_option(argc, argv, &i, args);
            if (result != ARGS_RUN)
                return result;
        } else {
            args->files[args->file_count++] = argv[i];
        }
    }
    return check_combination(args);
}
