/* A one-line progress report on stderr for long runs on a terminal: it is
 * redrawn in place with '\r' at most twice a second and erased at the end. */
#define _POSIX_C_SOURCE 200809L

#include "cli.h"

#define REDRAW_SECONDS 0.5

static double seconds_between(const struct timespec *from, const struct timespec *to)
{
    return (double)(to->tv_sec - from->tv_sec) + (double)(to->tv_nsec - from->tv_nsec) / 1e9;
}

void progress_init(progress *p, int enabled)
{
    p->enabled = enabled;
    p->documents = 0;
    p->bytes = 0;
    p->width = 0;
    clock_gettime(CLOCK_MONOTONIC, &p->started);
    p->drawn = p->started;
}

static void progress_draw(progress *p, const struct timespec *now)
{
    double elapsed = seconds_between(&p->started, now);
    double megabytes = p->bytes / 1e6;
    int width = fprintf(stderr, "\rlede: %zu documents, %.1f MB, %.1f MB/s", p->documents,
                        megabytes, elapsed > 0 ? megabytes / elapsed : 0.0);
    if (width > 0) {
        width--; /* the '\r' takes no column */
        /* Cover the rest of a longer previous line. */
        if (width < p->width)
            fprintf(stderr, "%*s", p->width - width, "");
        if (width > p->width)
            p->width = width;
    }
    p->drawn = *now;
}

void progress_add(progress *p, size_t bytes)
{
    p->documents++;
    p->bytes += (double)bytes;
    if (!p->enabled)
        return;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (seconds_between(&p->drawn, &now) >= REDRAW_SECONDS)
        progress_draw(p, &now);
}

void progress_clear(progress *p)
{
    if (!p->enabled || p->width == 0)
        return;
    fprintf(stderr, "\r%*s\r", p->width, "");
    p->width = 0;
}
