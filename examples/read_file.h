/* read_file: the whole of a file in memory, for the examples. */
#ifndef LEDE_EXAMPLE_READ_FILE_H
#define LEDE_EXAMPLE_READ_FILE_H

#include <stdio.h>
#include <stdlib.h>

/* The bytes of `path` in a malloc'ed buffer the caller frees, their count
 * in *len; NULL when the file cannot be read. */
static char *read_file(const char *path, size_t *len)
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

#endif
