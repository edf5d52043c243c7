/* How much of their exhaustive loops the Check suites run. */
#ifndef LEDE_TEST_SCALE_H
#define LEDE_TEST_SCALE_H

#include <stddef.h>
#include <stdlib.h>

/* LEDE_TEST_STRIDE=K: a loop over every case of a kind (every key of every
 * lexicon, every span of a string) takes one case in K. scripts/valgrind.sh
 * sets it: memcheck makes each case some fifty times slower, and the cases
 * such a loop goes through do the same allocations and reads, so every
 * K-th one still shows a memory error any of them would. Unset, or 1: every
 * case, as ctest and the sanitizer build run them. */
static inline size_t test_stride(void)
{
    const char *env = getenv("LEDE_TEST_STRIDE");
    long k = env ? strtol(env, NULL, 10) : 1;
    return k > 1 ? (size_t)k : 1;
}

#endif
