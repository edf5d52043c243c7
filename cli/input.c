/* Reading a whole input into memory, in binary mode: the parser wants the
 * exact bytes, and its offsets index them. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

#define FIRST_CAPACITY ((size_t)64 * 1024)

/* A first buffer size: the file's size when it is known, plus the NUL. */
static size_t initial_capacity(FILE *f, size_t wanted)
{
    struct stat st;
    size_t capacity = FIRST_CAPACITY;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 0)
        capacity = (size_t)st.st_size + 1;
    return capacity < wanted + 1 ? capacity : wanted + 1;
}

/* Non-zero at the end of `f` (or on a read error, which the caller checks). */
static int at_end(FILE *f)
{
    int c = getc(f);
    if (c == EOF)
        return 1;
    ungetc(c, f);
    return 0;
}

static int grow(char **buf, size_t *capacity, size_t wanted)
{
    size_t larger = *capacity <= (wanted + 1) / 2 ? *capacity * 2 : wanted + 1;
    char *grown = realloc(*buf, larger);
    if (!grown)
        return ENOMEM;
    *buf = grown;
    *capacity = larger;
    return 0;
}

/* Read until EOF or `wanted` bytes into a growing buffer. */
static int read_stream(FILE *f, size_t wanted, char **data, size_t *len)
{
    size_t capacity = initial_capacity(f, wanted), used = 0;
    char *buf = malloc(capacity);
    int error = buf ? 0 : ENOMEM;
    errno = 0;
    while (!error && used < wanted) {
        if (used + 1 == capacity) {
            /* Probe first: a buffer sized from fstat is usually exactly full. */
            if (at_end(f))
                break;
            error = grow(&buf, &capacity, wanted);
            continue;
        }
        size_t room = capacity - 1 - used;
        if (room > wanted - used)
            room = wanted - used;
        size_t got = fread(buf + used, 1, room, f);
        used += got;
        if (got < room)
            break;
    }
    if (!error && ferror(f))
        error = errno ? errno : EIO;
    if (error) {
        free(buf);
        return error;
    }
    buf[used] = '\0';
    *data = buf;
    *len = used;
    return 0;
}

int input_read_all(const char *path, size_t limit, char **data, size_t *len)
{
    int from_stdin = strcmp(path, "-") == 0;
    FILE *f = from_stdin ? stdin : fopen(path, "rb");
    if (!f)
        return errno ? errno : ENOENT;
    /* One byte over the limit is enough for the parser to report it. */
    size_t wanted = limit < (size_t)-2 ? limit + 1 : limit;
    int error = read_stream(f, wanted, data, len);
    if (!from_stdin)
        fclose(f);
    return error;
}
