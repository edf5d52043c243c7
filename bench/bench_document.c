/* bench_document: throughput of lede_parse() (every layer that exists, no
 * JSON; and the document layer alone, with LEDE_OPT_NO_SPEAKERS) on a corpus
 * of news articles, reported as MB/s and as a ratio to a one-pass word count
 * over the same bytes, timed in the same process.
 *
 *   bench_document [--parse-only] [CORPUS] [ROUNDS]
 *
 * CORPUS holds articles separated by lines holding only a form feed (the
 * layout of ../shared/corpora/bench/bbc.txt); ROUNDS (default 3) repeats
 * both measurements and keeps the fastest round of each. Prints a table and
 * one JSON line, with the peak RSS of the process. Timings are reported,
 * never asserted.
 *
 * --parse-only runs lede_parse() once over every article and nothing else:
 * the run to count instructions per byte under callgrind (bench/harness.py). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "lede.h"

typedef struct corpus {
    char *bytes;
    size_t len;
    size_t *starts, *ends; /* one article each */
    size_t count;
} corpus;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int load(const char *path, corpus *c)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    size_t cap = 1 << 20;
    c->bytes = malloc(cap);
    c->len = 0;
    size_t n;
    while (c->bytes && (n = fread(c->bytes + c->len, 1, cap - c->len, f)) > 0) {
        c->len += n;
        if (c->len == cap) {
            cap *= 2;
            char *grown = realloc(c->bytes, cap);
            if (!grown) {
                free(c->bytes);
                c->bytes = NULL;
            }
            c->bytes = grown;
        }
    }
    fclose(f);
    if (!c->bytes)
        return -1;
    /* Split at lines that hold only a form feed. */
    size_t max = 16;
    c->starts = malloc(max * sizeof *c->starts);
    c->ends = malloc(max * sizeof *c->ends);
    c->count = 0;
    size_t start = 0;
    for (size_t i = 0; i <= c->len; i++) {
        int sep = i + 1 < c->len && c->bytes[i] == '\f' && (i == 0 || c->bytes[i - 1] == '\n') &&
                  c->bytes[i + 1] == '\n';
        if (!sep && i != c->len)
            continue;
        if (c->count == max) {
            max *= 2;
            c->starts = realloc(c->starts, max * sizeof *c->starts);
            c->ends = realloc(c->ends, max * sizeof *c->ends);
            if (!c->starts || !c->ends)
                return -1;
        }
        if (i > start) {
            c->starts[c->count] = start;
            c->ends[c->count] = i;
            c->count++;
        }
        start = i + 2;
        i++;
    }
    return 0;
}

/* The floor: count words (runs of non-space bytes) in one pass. */
static size_t word_count(const char *s, size_t len)
{
    size_t words = 0;
    int in_word = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        int space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
        words += !space && !in_word;
        in_word = !space;
    }
    return words;
}

/* Every article through lede_parse() once (for callgrind). */
static int parse_only(const corpus *c)
{
    size_t sentences = 0;
    for (size_t k = 0; k < c->count; k++) {
        lede_doc *doc = NULL;
        if (lede_parse(c->bytes + c->starts[k], c->ends[k] - c->starts[k], NULL, &doc) != LEDE_OK)
            return 1;
        sentences += lede_doc_sentence_count(doc);
        lede_doc_free(doc);
    }
    printf("%zu articles, %zu bytes, %zu sentences\n", c->count, c->len, sentences);
    return 0;
}

static long peak_rss_kib(void)
{
    struct rusage usage;
    return getrusage(RUSAGE_SELF, &usage) == 0 ? usage.ru_maxrss : -1;
}

int main(int argc, char **argv)
{
    int only_parse = argc > 1 && strcmp(argv[1], "--parse-only") == 0;
    if (only_parse) {
        argc--;
        argv++;
    }
    const char *path = argc > 1 ? argv[1] : "../shared/corpora/bench/bbc.txt";
    int rounds = argc > 2 ? atoi(argv[2]) : 3;
    if (rounds < 1)
        rounds = 1;
    corpus c;
    if (load(path, &c) != 0) {
        fprintf(stderr, "bench_document: cannot read %s\n", path);
        return 2;
    }
    if (only_parse)
        return parse_only(&c);
    double best_wc = 1e30, best_parse = 1e30, best_document = 1e30;
    size_t words = 0, sentences = 0, paragraphs = 0, speakers = 0;
    lede_options document_only;
    lede_options_init(&document_only, sizeof document_only);
    document_only.flags = LEDE_OPT_NO_SPEAKERS;
    for (int r = 0; r < rounds; r++) {
        double t0 = now();
        words = 0;
        for (size_t k = 0; k < c.count; k++)
            words += word_count(c.bytes + c.starts[k], c.ends[k] - c.starts[k]);
        double t1 = now();
        sentences = paragraphs = speakers = 0;
        for (size_t k = 0; k < c.count; k++) {
            lede_doc *doc = NULL;
            lede_status st = lede_parse(c.bytes + c.starts[k], c.ends[k] - c.starts[k], NULL, &doc);
            if (st != LEDE_OK) {
                fprintf(stderr, "bench_document: article %zu: %s\n", k, lede_last_error_message());
                return 1;
            }
            sentences += lede_doc_sentence_count(doc);
            paragraphs += lede_doc_paragraph_count(doc);
            speakers += lede_doc_speaker_count(doc);
            lede_doc_free(doc);
        }
        double t2 = now();
        for (size_t k = 0; k < c.count; k++) {
            lede_doc *doc = NULL;
            if (lede_parse(c.bytes + c.starts[k], c.ends[k] - c.starts[k], &document_only, &doc) !=
                LEDE_OK)
                return 1;
            lede_doc_free(doc);
        }
        double t3 = now();
        if (t1 - t0 < best_wc)
            best_wc = t1 - t0;
        if (t2 - t1 < best_parse)
            best_parse = t2 - t1;
        if (t3 - t2 < best_document)
            best_document = t3 - t2;
    }
    double mb = (double)c.len / 1e6;
    double wc_mbs = mb / best_wc, parse_mbs = mb / best_parse, document_mbs = mb / best_document;
    printf("corpus          %s: %.2f MB, %zu articles, %zu words\n", path, mb, c.count, words);
    printf("word count      %9.1f MB/s\n", wc_mbs);
    printf("lede_parse      %9.1f MB/s  %9.0f docs/s  ratio %.3f  (%zu paragraphs, %zu sentences, "
           "%zu speakers)\n",
           parse_mbs, (double)c.count / best_parse, parse_mbs / wc_mbs, paragraphs, sentences,
           speakers);
    printf("document layer  %9.1f MB/s  %9.0f docs/s  ratio %.3f  (LEDE_OPT_NO_SPEAKERS)\n",
           document_mbs, (double)c.count / best_document, document_mbs / wc_mbs);
    printf("{\"bench\":\"document\",\"bytes\":%zu,\"articles\":%zu,\"word_count_mb_s\":%.1f,"
           "\"parse_mb_s\":%.1f,\"docs_s\":%.0f,\"ratio\":%.4f,\"document_only_mb_s\":%.1f,"
           "\"document_only_ratio\":%.4f,\"peak_rss_kib\":%ld}\n",
           c.len, c.count, wc_mbs, parse_mbs, (double)c.count / best_parse, parse_mbs / wc_mbs,
           document_mbs, document_mbs / wc_mbs, peak_rss_kib());
    free(c.bytes);
    free(c.starts);
    free(c.ends);
    return 0;
}
