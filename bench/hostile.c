/* bench_hostile: time every hostile input of tests/hostile/hostile_cases.h at
 * 1x, 2x and 4x a base size, to see that the time grows linearly. Reports,
 * never fails on timing (the test suite checks linearity by instruction
 * counts: tests/hostile/linear.py).
 *
 *   bench_hostile [--base BYTES] [--rounds R] [--big] [CASE...]
 *
 * --base   the 1x size (default 2 MiB)
 * --rounds keep the fastest of R runs of each measurement (default 3)
 * --big    also parse a 100 MB single line (prose_line and us_line), once
 *
 * Each measurement is lede_parse() + lede_doc_to_json() (byte offsets) +
 * freeing both, what the `lede` command does per document. Prints a table
 * (MB/s at each size, the 2x/1x and 4x/1x time ratios: 2 and 4 when linear)
 * and one JSON line. A measurement over 2 s is not repeated, and a case whose
 * 2x run took over 3 times its 1x run is not run at 4x when that would take
 * over 30 s (a quadratic case; "-" in the table). Exit status 1 only when a
 * parse fails. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../tests/hostile/hostile_cases.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

typedef struct timing {
    size_t bytes;
    double parse, json; /* seconds, fastest round */
    size_t json_len;
} timing;

/* Time case `c` at `size` bytes; returns 0, or -1 when the parse fails. */
static int measure(const hostile_case *c, size_t size, int rounds, timing *t)
{
    size_t len = 0;
    char *input = hostile_make(c, size, &len);
    if (!input)
        return -1;
    lede_options opts;
    lede_options_init(&opts, sizeof opts);
    opts.flags = c->parse_flags;
    t->bytes = len;
    t->parse = t->json = 1e30;
    for (int r = 0; r < rounds && (r == 0 || t->parse + t->json < 2.0); r++) {
        lede_doc *doc = NULL;
        char *json = NULL;
        double t0 = now();
        lede_status st = lede_parse(input, len, &opts, &doc);
        double t1 = now();
        if (st == LEDE_OK)
            st = lede_doc_to_json(doc, 0, &json, &t->json_len);
        lede_free(json);
        lede_doc_free(doc);
        double t2 = now();
        if (st != LEDE_OK) {
            fprintf(stderr, "bench_hostile: %s at %zu bytes: %s (%s)\n", c->name, len,
                    lede_strerror(st), lede_last_error_message());
            free(input);
            return -1;
        }
        if (t1 - t0 < t->parse)
            t->parse = t1 - t0;
        if (t2 - t1 < t->json)
            t->json = t2 - t1;
    }
    free(input);
    return 0;
}

static double mb_per_s(const timing *t)
{
    return (double)t->bytes / 1e6 / (t->parse + t->json);
}

static void json_timing(const char *key, const timing *t, int last)
{
    printf("\"%s\":{\"bytes\":%zu,\"parse_s\":%.6f,\"json_s\":%.6f,\"json_bytes\":%zu}%s", key,
           t->bytes, t->parse, t->json, t->json_len, last ? "" : ",");
}

int main(int argc, char **argv)
{
    size_t base = (size_t)2 << 20;
    int rounds = 3, big = 0;
    const char *only[64];
    size_t only_count = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--base") == 0 && i + 1 < argc)
            base = (size_t)strtoull(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--rounds") == 0 && i + 1 < argc)
            rounds = atoi(argv[++i]);
        else if (strcmp(argv[i], "--big") == 0)
            big = 1;
        else if (argv[i][0] != '-' && hostile_find(argv[i]) && only_count < 64)
            only[only_count++] = argv[i];
        else {
            fprintf(stderr, "usage: bench_hostile [--base BYTES] [--rounds R] [--big] [CASE...]\n");
            return 2;
        }
    }
    if (rounds < 1)
        rounds = 1;

    int failed = 0;
    static timing results[HOSTILE_CASE_COUNT][3];
    static int measured[HOSTILE_CASE_COUNT];
    printf("%-18s %9s %9s %9s %7s %7s  (parse + JSON, base %.2f MB, best of %d)\n", "case",
           "1x MB/s", "2x MB/s", "4x MB/s", "2x/1x", "4x/1x", (double)base / 1e6, rounds);
    for (size_t k = 0; k < HOSTILE_CASE_COUNT; k++) {
        const hostile_case *c = &hostile_cases[k];
        int wanted = only_count == 0;
        for (size_t i = 0; i < only_count; i++)
            wanted |= strcmp(only[i], c->name) == 0;
        if (!wanted)
            continue;
        timing *t = results[k];
        if (measure(c, base, rounds, &t[0]) || measure(c, 2 * base, rounds, &t[1])) {
            failed = 1;
            continue;
        }
        double t1 = t[0].parse + t[0].json, t2 = t[1].parse + t[1].json;
        int skip4 = t2 > 3 * t1 && t2 * t2 / t1 > 30.0;
        if (!skip4 && measure(c, 4 * base, rounds, &t[2])) {
            failed = 1;
            continue;
        }
        measured[k] = skip4 ? 2 : 3;
        if (skip4)
            printf("%-18s %9.1f %9.1f %9s %7.2f %7s  (not linear: 4x skipped)\n", c->name,
                   mb_per_s(&t[0]), mb_per_s(&t[1]), "-", t2 / t1, "-");
        else
            printf("%-18s %9.1f %9.1f %9.1f %7.2f %7.2f\n", c->name, mb_per_s(&t[0]),
                   mb_per_s(&t[1]), mb_per_s(&t[2]), t2 / t1, (t[2].parse + t[2].json) / t1);
        fflush(stdout);
    }

    static const char *const big_cases[] = {"prose_line", "us_line"};
    timing big_results[2];
    int big_measured[2] = {0, 0};
    if (big) {
        for (size_t i = 0; i < 2; i++) {
            const hostile_case *c = hostile_find(big_cases[i]);
            if (measure(c, (size_t)100 * 1000 * 1000, 1, &big_results[i])) {
                failed = 1;
                continue;
            }
            big_measured[i] = 1;
            printf("%-18s %9.1f MB/s  one 100 MB line (parse %.2f s, JSON %.2f s)\n", c->name,
                   mb_per_s(&big_results[i]), big_results[i].parse, big_results[i].json);
        }
    }

    printf("{\"bench\":\"hostile\",\"base\":%zu,\"rounds\":%d,\"cases\":{", base, rounds);
    int first = 1;
    for (size_t k = 0; k < HOSTILE_CASE_COUNT; k++) {
        if (!measured[k])
            continue;
        printf("%s\"%s\":{", first ? "" : ",", hostile_cases[k].name);
        json_timing("1x", &results[k][0], 0);
        json_timing("2x", &results[k][1], measured[k] == 2);
        if (measured[k] == 3)
            json_timing("4x", &results[k][2], 1);
        printf("}");
        first = 0;
    }
    printf("},\"big\":{");
    first = 1;
    for (size_t i = 0; i < 2; i++) {
        if (!big_measured[i])
            continue;
        printf("%s", first ? "" : ",");
        json_timing(big_cases[i], &big_results[i], 1);
        first = 0;
    }
    printf("}}\n");
    return failed;
}
