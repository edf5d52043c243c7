/* bench_floor: the floor the benchmarks are measured against, a one-pass
 * word count (runs of bytes that are not space, tab, CR, LF or form feed)
 * over files or standard input, as a whole process, like wc -w.
 *
 *   bench_floor [FILE]...
 *
 * Prints the word count and the bytes read. Reads with read(2) in 256 KiB
 * blocks; does nothing else, so its MB/s is what merely touching every byte
 * once costs on this machine. */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#define BLOCK (256 * 1024)

/* 1 for the bytes that separate words. */
static unsigned char space[256];

static int count(int fd, unsigned long long *words, unsigned long long *bytes, int *in_word)
{
    static unsigned char buf[BLOCK];
    ssize_t got;
    while ((got = read(fd, buf, sizeof buf)) > 0) {
        unsigned long long w = 0;
        int in = *in_word;
        for (ssize_t i = 0; i < got; i++) {
            int s = space[buf[i]];
            w += !s & !in;
            in = !s;
        }
        *in_word = in;
        *words += w;
        *bytes += (unsigned long long)got;
    }
    return got < 0 ? -1 : 0;
}

int main(int argc, char **argv)
{
    space[' '] = space['\t'] = space['\n'] = space['\r'] = space['\f'] = 1;
    unsigned long long words = 0, bytes = 0;
    int in_word = 0, status = 0;
    if (argc < 2 && count(STDIN_FILENO, &words, &bytes, &in_word) != 0)
        status = 1;
    for (int i = 1; i < argc; i++) {
        int fd = open(argv[i], O_RDONLY);
        in_word = 0;
        if (fd < 0 || count(fd, &words, &bytes, &in_word) != 0) {
            perror(argv[i]);
            status = 1;
        }
        if (fd >= 0)
            close(fd);
    }
    printf("%llu words %llu bytes\n", words, bytes);
    return status;
}
