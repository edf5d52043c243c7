/* Check suite of the arena (lib/arena.c): the one-block start of a document,
 * arrays placed among the small objects and the room they leave, arrays in
 * blocks of their own, rewinding, and allocation failure. The allocator
 * counts its calls and live bytes, so every test also says what the arena
 * asked of it. */
#include <stdint.h>
#include <stdlib.h>

#include "arena.h"
#include "check_helpers.h"

typedef struct counter {
    size_t calls, live, fail_after; /* fail_after: calls allowed, 0: no limit */
} counter;

enum { HEADER = 16 };

static void *count_malloc(size_t size, void *user)
{
    counter *c = user;
    if (c->fail_after && c->calls >= c->fail_after)
        return NULL;
    unsigned char *p = malloc(size + HEADER);
    if (!p)
        return NULL;
    memcpy(p, &size, sizeof size);
    c->calls++;
    c->live += size;
    return p + HEADER;
}

static void count_free(void *ptr, void *user)
{
    counter *c = user;
    if (!ptr)
        return;
    unsigned char *p = (unsigned char *)ptr - HEADER;
    size_t size;
    memcpy(&size, p, sizeof size);
    c->live -= size;
    free(p);
}

static void *count_realloc(void *ptr, size_t size, void *user)
{
    counter *c = user;
    if (!ptr)
        return count_malloc(size, user);
    if (c->fail_after && c->calls >= c->fail_after)
        return NULL;
    unsigned char *p = (unsigned char *)ptr - HEADER;
    size_t old;
    memcpy(&old, p, sizeof old);
    unsigned char *q = realloc(p, size + HEADER);
    if (!q)
        return NULL;
    memcpy(q, &size, sizeof size);
    c->calls++;
    c->live = c->live - old + size;
    return q + HEADER;
}

static void open_counted(arena *a, counter *c)
{
    memset(c, 0, sizeof *c);
    lede_allocator alloc = {count_malloc, count_realloc, count_free, c};
    arena_init(a, &alloc);
}

/* Push `n` ints counting from `from`; fails the test when a push fails. */
static void push_ints(arena *a, vec *v, int from, int n)
{
    for (int k = 0; k < n; k++) {
        int *item = vec_push(a, v);
        ck_assert_ptr_nonnull(item);
        *item = from + k;
    }
}

static void assert_ints(const vec *v, int from, int n)
{
    ck_assert_uint_eq(v->count, (size_t)n);
    for (int k = 0; k < n; k++)
        ck_assert_int_eq(VEC_AT(*v, int, k), from + k);
}

/* Push 0, 1, 2, ... with `push` (vec_push or vec_push_uninit) until it
 * fails or 1000 are in: 1 when it failed. */
static int push_until_failure(arena *a, vec *v, void *(*push)(arena *, vec *))
{
    for (int k = 0; k < 1000; k++) {
        int *item = push(a, v);
        if (!item)
            return 1;
        *item = k;
    }
    return 0;
}

static int inside(const void *p, const void *begin, size_t size)
{
    return (uintptr_t)p >= (uintptr_t)begin && (uintptr_t)p < (uintptr_t)begin + size;
}

START_TEST(open_gives_one_block_for_caller_and_small_objects)
{
    arena a;
    counter c;
    open_counted(&a, &c);
    char *head = arena_open(&a, 100, 1000);
    ck_assert_ptr_nonnull(head);
    ck_assert_uint_eq(c.calls, 1);
    /* small objects up to the room asked for come from that block */
    for (int k = 0; k < 10; k++) {
        char *s = arena_strndup(&a, "Reuters", 7);
        ck_assert_ptr_nonnull(s);
        ck_assert_str_eq(s, "Reuters");
        ck_assert(inside(s, head, 100 + 1000 + 16));
    }
    ck_assert_uint_eq(c.calls, 1);
    arena_release(&a);
    ck_assert_uint_eq(c.live, 0);
}
END_TEST

START_TEST(arrays_grow_in_the_room_without_the_allocator)
{
    arena a;
    counter c;
    open_counted(&a, &c);
    ck_assert_ptr_nonnull(arena_open(&a, 64, 4096));
    arena_vec_room(&a, 4096);
    vec first, second;
    vec_init(&first, sizeof(int));
    vec_init(&second, sizeof(int));
    push_ints(&a, &first, 0, 100);
    /* a small object after the first array: it can no longer grow in place */
    ck_assert_ptr_nonnull(arena_strndup(&a, "said", 4));
    push_ints(&a, &second, 1000, 50);
    push_ints(&a, &first, 100, 100); /* moves, keeping its items */
    assert_ints(&first, 0, 200);
    assert_ints(&second, 1000, 50);
    ck_assert_uint_eq(c.calls, 1);
    arena_release(&a);
    ck_assert_uint_eq(c.live, 0);
}
END_TEST

START_TEST(room_an_array_leaves_serves_a_later_array)
{
    arena a;
    counter c;
    open_counted(&a, &c);
    ck_assert_ptr_nonnull(arena_open(&a, 64, 2048));
    arena_vec_room(&a, 2048);
    vec scratch, later;
    vec_init(&scratch, sizeof(int));
    vec_init(&later, sizeof(int));
    push_ints(&a, &scratch, 0, 200); /* 800 bytes */
    void *was = scratch.items;
    ck_assert_ptr_nonnull(arena_strndup(&a, "Downing Street", 14));
    vec_release(&a, &scratch);
    ck_assert_uint_eq(scratch.count, 0);
    ck_assert_ptr_null(scratch.items);
    /* an array of the same size takes the hole, not the free space */
    ck_assert_int_eq(vec_reserve_exact(&a, &later, 200), 0);
    push_ints(&a, &later, 7, 150);
    ck_assert_ptr_eq(later.items, was);
    assert_ints(&later, 7, 150);
    ck_assert_uint_eq(c.calls, 1);
    arena_release(&a);
    ck_assert_uint_eq(c.live, 0);
}
END_TEST

START_TEST(room_a_cut_array_leaves_serves_a_later_array)
{
    arena a;
    counter c;
    open_counted(&a, &c);
    ck_assert_ptr_nonnull(arena_open(&a, 64, 2048));
    arena_vec_room(&a, 2048);
    vec tokens, later;
    vec_init(&tokens, sizeof(int));
    vec_init(&later, sizeof(int));
    /* an estimate of 400 items (1,600 bytes), of which 100 are used */
    ck_assert_int_eq(vec_reserve_exact(&a, &tokens, 400), 0);
    push_ints(&a, &tokens, 0, 100);
    char *tail = (char *)tokens.items + 100 * sizeof(int);
    /* a small object after it: the array is no longer the block's last */
    ck_assert_ptr_nonnull(arena_strndup(&a, "Downing Street", 14));
    vec_shrink(&a, &tokens);
    ck_assert_uint_eq(tokens.capacity, 100);
    assert_ints(&tokens, 0, 100);
    /* the room past its items is a hole that a later array takes, where
     * the block's free space (some 400 bytes) could not hold it */
    ck_assert_int_eq(vec_reserve_exact(&a, &later, 250), 0);
    ck_assert_ptr_eq(later.items, tail);
    push_ints(&a, &later, 7, 250);
    assert_ints(&later, 7, 250);
    assert_ints(&tokens, 0, 100);
    ck_assert_uint_eq(c.calls, 1);
    arena_release(&a);
    ck_assert_uint_eq(c.live, 0);
}
END_TEST

START_TEST(arrays_past_the_room_take_blocks_of_their_own)
{
    arena a;
    counter c;
    open_counted(&a, &c);
    ck_assert_ptr_nonnull(arena_open(&a, 64, 512));
    arena_vec_room(&a, 256);
    vec v;
    vec_init(&v, sizeof(int));
    push_ints(&a, &v, 0, 5000);
    assert_ints(&v, 0, 5000);
    ck_assert_ptr_nonnull(v.block);
    ck_assert_uint_gt(c.calls, 1);
    size_t before = c.live;
    vec_release(&a, &v);
    ck_assert_uint_lt(c.live, before); /* its block went back at once */
    arena_release(&a);
    ck_assert_uint_eq(c.live, 0);
}
END_TEST

START_TEST(growth_doubles_only_with_room)
{
    arena a;
    counter c;
    open_counted(&a, &c);
    vec v;
    /* no room: a quarter at a time, from 16 */
    arena_init(&a, NULL);
    vec_init(&v, sizeof(int));
    push_ints(&a, &v, 0, 17);
    ck_assert_uint_eq(v.capacity, 16 + 16 / 4 + 1);
    arena_release(&a);
    /* room: small arrays double */
    open_counted(&a, &c);
    ck_assert_ptr_nonnull(arena_open(&a, 64, 4096));
    arena_vec_room(&a, 4096);
    vec_init(&v, sizeof(int));
    push_ints(&a, &v, 0, 17);
    ck_assert_uint_eq(v.capacity, 32);
    vec_shrink(&a, &v); /* the block's last object gives its slack back */
    ck_assert_uint_eq(v.capacity, 17);
    assert_ints(&v, 0, 17);
    arena_release(&a);
}
END_TEST

START_TEST(rewind_keeps_an_array_placed_after_the_mark)
{
    arena a;
    counter c;
    open_counted(&a, &c);
    ck_assert_ptr_nonnull(arena_open(&a, 64, 4096));
    arena_vec_room(&a, 4096);
    arena_mark m = arena_save(&a);
    vec v;
    vec_init(&v, sizeof(int));
    push_ints(&a, &v, 40, 30);
    char *tmp = arena_alloc(&a, 64);
    ck_assert_ptr_nonnull(tmp);
    arena_rewind(&a, m); /* would give back the array's items: refused */
    memset(arena_alloc(&a, 256), 0xff, 256);
    assert_ints(&v, 40, 30);
    /* with no array since the mark, rewinding gives the room back */
    arena_mark n = arena_save(&a);
    char *x = arena_alloc(&a, 32);
    arena_rewind(&a, n);
    ck_assert_ptr_eq(arena_alloc(&a, 32), x);
    arena_release(&a);
    ck_assert_uint_eq(c.live, 0);
}
END_TEST

START_TEST(failure_marks_the_arena_and_leaks_nothing)
{
    arena a;
    counter c;
    open_counted(&a, &c);
    c.fail_after = 1;
    ck_assert_ptr_nonnull(arena_open(&a, 64, 256));
    arena_vec_room(&a, 128);
    vec v;
    vec_init(&v, sizeof(int));
    ck_assert(push_until_failure(&a, &v, vec_push));
    ck_assert(a.failed);
    ck_assert_ptr_null(arena_alloc(&a, 8)); /* every later request fails too */
    for (size_t k = 0; k < v.count; k++)    /* the items it had are intact */
        ck_assert_int_eq(VEC_AT(v, int, k), (int)k);
    arena_release(&a);
    ck_assert_uint_eq(c.live, 0);
    /* the open itself failing */
    open_counted(&a, &c);
    c.fail_after = 1;
    c.calls = 1;
    ck_assert_ptr_null(arena_open(&a, 64, 256));
    ck_assert(a.failed);
    arena_release(&a);
    ck_assert_uint_eq(c.live, 0);
}
END_TEST

/* vec_push_uninit() grows the array like vec_push() (its items kept
 * through a move) and fails like it; vec_push() and VEC_PUSH() still zero an
 * item even where vec_push_uninit() left one behind. */
START_TEST(push_uninit_grows_and_fails_like_push)
{
    arena a;
    counter c;
    open_counted(&a, &c);
    ck_assert_ptr_nonnull(arena_open(&a, 64, 256));
    vec v;
    vec_init(&v, sizeof(int));
    for (int k = 0; k < 1000; k++) {
        int *item = vec_push_uninit(&a, &v);
        ck_assert_ptr_nonnull(item);
        *item = k;
    }
    assert_ints(&v, 0, 1000);
    v.count--; /* give the last item back: its bytes stay */
    int *item = vec_push(&a, &v);
    ck_assert_ptr_nonnull(item);
    ck_assert_int_eq(*item, 0);
    *item = 77;
    v.count--; /* and VEC_PUSH() zeroes it the same, at the same place */
    ck_assert_ptr_eq(VEC_PUSH(&a, &v, int), item);
    ck_assert_int_eq(*item, 0);
    for (int k = 0; k < 1000; k++) /* and grows the array like vec_push() */
        *VEC_PUSH(&a, &v, int) = k;
    ck_assert_uint_eq(v.count, 2000);
    ck_assert_int_eq(VEC_AT(v, int, 1999), 999);
    arena_release(&a);
    ck_assert_uint_eq(c.live, 0);
    /* a failing allocator: NULL, and the arena marked */
    open_counted(&a, &c);
    c.fail_after = 1;
    ck_assert_ptr_nonnull(arena_open(&a, 64, 0));
    vec_init(&v, sizeof(int));
    ck_assert(push_until_failure(&a, &v, vec_push_uninit));
    ck_assert(a.failed);
    assert_ints(&v, 0, (int)v.count);
    arena_release(&a);
    ck_assert_uint_eq(c.live, 0);
}
END_TEST

static Suite *arena_suite(void)
{
    Suite *s = suite_create("arena");
    TCase *tc = tcase_create("arena");
    tcase_add_test(tc, open_gives_one_block_for_caller_and_small_objects);
    tcase_add_test(tc, arrays_grow_in_the_room_without_the_allocator);
    tcase_add_test(tc, room_a_cut_array_leaves_serves_a_later_array);
    tcase_add_test(tc, room_an_array_leaves_serves_a_later_array);
    tcase_add_test(tc, arrays_past_the_room_take_blocks_of_their_own);
    tcase_add_test(tc, growth_doubles_only_with_room);
    tcase_add_test(tc, rewind_keeps_an_array_placed_after_the_mark);
    tcase_add_test(tc, failure_marks_the_arena_and_leaks_nothing);
    tcase_add_test(tc, push_uninit_grows_and_fails_like_push);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(arena_suite());
}
