/* hostile_driver: parse hostile inputs, walk every accessor, render the JSON,
 * and print what came out. tests/hostile/linear.py runs it under callgrind
 * with --toggle-collect=hostile_run --dump-after=hostile_run, which counts
 * the instructions of each hostile_run() call alone, one dump per call: no
 * process start-up, no input building.
 *
 *   hostile_driver CASE SIZE [CASE SIZE ...]  parse each case built at SIZE bytes
 *   hostile_driver --list                     print the case names, one a line
 *
 * Exit status: 0 when every parse succeeded and every document and its JSON
 * are consistent; 1 otherwise; 2 for usage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostile_cases.h"
#include "hostile_check.h"

typedef struct run_result {
    lede_status status;
    size_t tokens, paragraphs, sentences, json_len;
    const char *problem;
} run_result;

/* Everything measured: parse, walk, render, free. Not inlined so callgrind
 * can count it alone. */
__attribute__((noinline)) static run_result hostile_run(const char *input, size_t len,
                                                        uint32_t flags)
{
    run_result r = {0};
    lede_options opts;
    lede_options_init(&opts, sizeof opts);
    opts.flags = flags;
    lede_doc *doc = NULL;
    r.status = lede_parse(input, len, &opts, &doc);
    if (r.status != LEDE_OK)
        return r;
    r.problem = hostile_check_doc(doc, input, len);
    r.tokens = lede_doc_token_count(doc);
    r.paragraphs = lede_doc_paragraph_count(doc);
    r.sentences = lede_doc_sentence_count(doc);
    char *json = NULL;
    lede_status st = lede_doc_to_json(doc, LEDE_JSON_OFFSETS_UTF16, &json, &r.json_len);
    if (st != LEDE_OK)
        r.status = st;
    else if (!r.problem)
        r.problem = hostile_check_json(json, r.json_len);
    lede_free(json);
    lede_doc_free(doc);
    return r;
}

/* Parse case `name` at `size_arg` bytes; 0 when all is well. */
static int run_case(const char *name, const char *size_arg)
{
    const hostile_case *c = hostile_find(name);
    char *end = NULL;
    unsigned long long size = strtoull(size_arg, &end, 10);
    if (!c || !end || *end || end == size_arg) {
        fprintf(stderr, "hostile_driver: unknown case '%s' or bad size '%s'\n", name, size_arg);
        return 2;
    }
    size_t len = 0;
    char *input = hostile_make(c, (size_t)size, &len);
    if (!input) {
        fprintf(stderr, "hostile_driver: out of memory\n");
        return 1;
    }
    run_result r = hostile_run(input, len, c->parse_flags);
    free(input);
    printf("%s bytes=%zu status=%s tokens=%zu paragraphs=%zu sentences=%zu json=%zu\n", c->name,
           len, lede_status_name(r.status), r.tokens, r.paragraphs, r.sentences, r.json_len);
    if (r.status != LEDE_OK) {
        fprintf(stderr, "hostile_driver: %s: %s (%s)\n", c->name, lede_strerror(r.status),
                lede_last_error_message());
        return 1;
    }
    if (r.problem) {
        fprintf(stderr, "hostile_driver: %s: %s\n", c->name, r.problem);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--list") == 0) {
        for (size_t i = 0; i < HOSTILE_CASE_COUNT; i++)
            printf("%s\n", hostile_cases[i].name);
        return 0;
    }
    if (argc < 3 || argc % 2 == 0) {
        fprintf(stderr, "usage: hostile_driver CASE SIZE [CASE SIZE ...] | --list\n");
        return 2;
    }
    int status = 0;
    for (int i = 1; i + 1 < argc; i += 2) {
        int st = run_case(argv[i], argv[i + 1]);
        if (st == 2)
            return 2;
        status |= st;
    }
    return status;
}
