/* read_file and parse_file: a file in memory and parsed, for the examples.
 * examples/document.c spells the same steps out with lede_parse(). */
#ifndef LEDE_EXAMPLE_READ_FILE_H
#define LEDE_EXAMPLE_READ_FILE_H

#include <lede.h>
#include <stdio.h>
#include <stdlib.h>

/* The bytes of `path` in a malloc'ed buffer the caller frees, their count
 * in *len; NULL when the file cannot be read. */
static inline char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        char *bigger = realloc(buf, cap *= 2);
        if (!bigger)
            free(buf);
        buf = bigger;
    }
    fclose(f);
    *len = n;
    return buf;
}

/* The document parsed from `path` with default options, or NULL after
 * printing why to stderr, prefixed with `program`. Free it with
 * lede_doc_free(). */
static inline lede_doc *parse_file(const char *program, const char *path)
{
    size_t len = 0;
    char *input = read_file(path, &len);
    if (!input) {
        perror(path);
        return NULL;
    }
    lede_doc *doc = NULL;
    lede_status st = lede_parse(input, len, NULL, &doc);
    free(input); /* the document keeps its own copy */
    if (st != LEDE_OK) {
        fprintf(stderr, "%s: %s: %s\n", program, lede_strerror(st), lede_last_error_message());
        return NULL;
    }
    return doc;
}

#endif
