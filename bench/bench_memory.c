/* bench_memory: how much memory lede_parse() holds per document, measured
 * with a counting allocator passed in lede_options.allocator.
 *
 *   bench_memory [CORPUS]
 *
 * For every article of the corpus (form-feed separated, as bench_document
 * reads it) the peak of live bytes is taken twice: over lede_parse() alone
 * (the document as the library keeps it) and over lede_parse() followed by
 * lede_doc_to_json() (the JSON is allocated with the document's allocator).
 * What the finished document holds (live bytes once lede_parse() returns)
 * is reported beside, as what a caller keeping documents pays for each.
 * Each peak is compared with the budget 8 x input + 64 KiB. Prints a table
 * and one JSON line; exit status 1 only when a parse fails. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lede.h"

/* Every block carries its size in a header, so free() knows what it returns. */
typedef struct counter {
    size_t live, peak, calls;
} counter;

#define HEADER 16 /* keeps the caller's block 16-byte aligned */

static void *count_malloc(size_t size, void *user)
{
    counter *c = user;
    unsigned char *p = malloc(size + HEADER);
    if (!p)
        return NULL;
    memcpy(p, &size, sizeof size);
    c->live += size;
    c->calls++;
    if (c->live > c->peak)
        c->peak = c->live;
    return p + HEADER;
}

static void count_free(void *ptr, void *user)
{
    if (!ptr)
        return;
    counter *c = user;
    unsigned char *p = (unsigned char *)ptr - HEADER;
    size_t size;
    memcpy(&size, p, sizeof size);
    c->live -= size;
    free(p);
}

static void *count_realloc(void *ptr, size_t size, void *user)
{
    if (!ptr)
        return count_malloc(size, user);
    counter *c = user;
    unsigned char *p = (unsigned char *)ptr - HEADER;
    size_t old;
    memcpy(&old, p, sizeof old);
    unsigned char *grown = realloc(p, size + HEADER);
    if (!grown)
        return NULL;
    memcpy(grown, &size, sizeof size);
    c->live = c->live - old + size;
    c->calls++;
    if (c->live > c->peak)
        c->peak = c->live;
    return grown + HEADER;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 20, used = 0, n;
    char *buf = malloc(cap);
    while (buf && (n = fread(buf + used, 1, cap - used, f)) > 0) {
        used += n;
        if (used == cap) {
            char *grown = realloc(buf, cap *= 2);
            if (!grown)
                free(buf);
            buf = grown;
        }
    }
    fclose(f);
    *len = used;
    return buf;
}

static int by_size(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "../shared/corpora/bench/bbc.txt";
    size_t len = 0;
    char *bytes = read_file(path, &len);
    if (!bytes) {
        fprintf(stderr, "bench_memory: cannot read %s\n", path);
        return 2;
    }
    counter c;
    lede_options opts;
    lede_options_init(&opts, sizeof opts);
    opts.allocator.malloc_fn = count_malloc;
    opts.allocator.realloc_fn = count_realloc;
    opts.allocator.free_fn = count_free;
    opts.allocator.user = &c;

    /* What any document costs: the peak for a one-sentence text. */
    memset(&c, 0, sizeof c);
    lede_doc *tiny = NULL;
    if (lede_parse("It rained.", 10, &opts, &tiny) != LEDE_OK)
        return 1;
    lede_doc_free(tiny);
    size_t fixed = c.peak;

    size_t articles = 0, over_parse = 0, over_json = 0, largest_input = 0;
    size_t worst_parse_peak = 0, worst_parse_input = 0, worst_json_peak = 0, worst_json_input = 0;
    double worst_parse = 0, worst_json = 0;
    size_t ratio_cap = 4096;
    double *ratios = malloc(ratio_cap * sizeof *ratios);
    double *held = malloc(ratio_cap * sizeof *held);
    size_t start = 0;
    for (size_t i = 0; i <= len && ratios && held; i++) {
        int sep = i + 1 < len && bytes[i] == '\f' && (i == 0 || bytes[i - 1] == '\n') &&
                  bytes[i + 1] == '\n';
        if (!sep && i != len)
            continue;
        size_t n = i - start;
        const char *text = bytes + start;
        start = i + 2;
        i++;
        if (n == 0)
            continue;
        memset(&c, 0, sizeof c);
        lede_doc *doc = NULL;
        if (lede_parse(text, n, &opts, &doc) != LEDE_OK) {
            fprintf(stderr, "bench_memory: article %zu: %s\n", articles, lede_last_error_message());
            return 1;
        }
        size_t parse_peak = c.peak, parse_held = c.live;
        char *json = NULL;
        size_t json_len = 0;
        if (lede_doc_to_json(doc, 0, &json, &json_len) != LEDE_OK)
            return 1;
        size_t json_peak = c.peak;
        lede_free(json);
        lede_doc_free(doc);
        if (c.live != 0)
            fprintf(stderr, "bench_memory: article %zu: %zu bytes not freed\n", articles, c.live);
        size_t budget = 8 * n + 64 * 1024;
        over_parse += parse_peak > budget;
        over_json += json_peak > budget;
        double rp = (double)parse_peak / (double)budget, rj = (double)json_peak / (double)budget;
        if (rp > worst_parse) {
            worst_parse = rp;
            worst_parse_peak = parse_peak;
            worst_parse_input = n;
        }
        if (rj > worst_json) {
            worst_json = rj;
            worst_json_peak = json_peak;
            worst_json_input = n;
        }
        if (n > largest_input)
            largest_input = n;
        if (articles == ratio_cap) {
            double *grown = realloc(ratios, ratio_cap * 2 * sizeof *ratios);
            if (grown)
                ratios = grown;
            double *grown_held = realloc(held, ratio_cap * 2 * sizeof *held);
            if (grown_held)
                held = grown_held;
            if (!grown || !grown_held)
                break;
            ratio_cap *= 2;
        }
        held[articles] = (double)parse_held / (double)n;
        ratios[articles++] = (double)parse_peak / (double)n;
    }
    if (!ratios || !held || articles == 0) {
        fprintf(stderr, "bench_memory: no articles in %s\n", path);
        return 2;
    }
    qsort(ratios, articles, sizeof *ratios, by_size);
    double median = ratios[articles / 2], p99 = ratios[articles * 99 / 100];
    qsort(held, articles, sizeof *held, by_size);
    double held_median = held[articles / 2], held_max = held[articles - 1];
    printf("per-document memory on %zu articles of %s (budget 8 x input + 64 KiB)\n", articles,
           path);
    printf("  fixed cost: %zu bytes at peak for a 10-byte text\n", fixed);
    printf("  parse peak / input bytes: median %.1f, p99 %.1f, max %.1f\n", median, p99,
           ratios[articles - 1]);
    printf("  finished document / input bytes: median %.1f, max %.1f\n", held_median, held_max);
    printf("  parse         worst %.2f of budget (%zu bytes for %zu input), %zu over budget\n",
           worst_parse, worst_parse_peak, worst_parse_input, over_parse);
    printf("  parse + JSON  worst %.2f of budget (%zu bytes for %zu input), %zu over budget\n",
           worst_json, worst_json_peak, worst_json_input, over_json);
    printf("{\"bench\":\"memory\",\"articles\":%zu,\"largest_input\":%zu,\"fixed_peak\":%zu,"
           "\"parse_peak_per_byte_median\":%.2f,\"parse_peak_per_byte_p99\":%.2f,"
           "\"parse_peak_per_byte_max\":%.2f,\"held_per_byte_median\":%.2f,"
           "\"held_per_byte_max\":%.2f,\"parse_worst_of_budget\":%.3f,"
           "\"parse_over_budget\":%zu,\"json_worst_of_budget\":%.3f,\"json_over_budget\":%zu}\n",
           articles, largest_input, fixed, median, p99, ratios[articles - 1], held_median, held_max,
           worst_parse, over_parse, worst_json, over_json);
    free(ratios);
    free(held);
    free(bytes);
    return 0;
}
