#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { BLOCK_SIZE = 64 * 1024, MIN_BLOCK_SIZE = 2 * 1024, ALIGN = 16 };

struct arena_block {
    arena_block *next;
    arena_block *prev; /* only for big blocks */
    size_t size;       /* usable bytes after the header */
    max_align_t pad[]; /* keeps the payload aligned */
};

static void *default_malloc(size_t size, void *user)
{
    (void)user;
    return malloc(size);
}

static void *default_realloc(void *ptr, size_t size, void *user)
{
    (void)user;
    return realloc(ptr, size);
}

static void default_free(void *ptr, void *user)
{
    (void)user;
    free(ptr);
}

void *arena_raw_malloc(const lede_allocator *alloc, size_t size)
{
    return alloc->malloc_fn(size ? size : 1, alloc->user);
}

void *arena_raw_realloc(const lede_allocator *alloc, void *ptr, size_t size)
{
    return alloc->realloc_fn(ptr, size ? size : 1, alloc->user);
}

void arena_raw_free(const lede_allocator *alloc, void *ptr)
{
    if (ptr)
        alloc->free_fn(ptr, alloc->user);
}

void arena_init(arena *a, const lede_allocator *alloc)
{
    memset(a, 0, sizeof *a);
    if (alloc && alloc->malloc_fn && alloc->realloc_fn && alloc->free_fn) {
        a->alloc = *alloc;
    } else {
        a->alloc.malloc_fn = default_malloc;
        a->alloc.realloc_fn = default_realloc;
        a->alloc.free_fn = default_free;
        a->alloc.user = NULL;
    }
}

void arena_size_first_block(arena *a, size_t expected)
{
    /* whole KiB: a power of two could hold up to twice the estimate */
    size_t size = expected < BLOCK_SIZE ? (expected + 1023) & ~(size_t)1023 : BLOCK_SIZE;
    a->first_block = size > MIN_BLOCK_SIZE ? size : MIN_BLOCK_SIZE;
    /* Later blocks are the smallest: what outgrows the estimate is seldom
     * much, and a block's unused tail is memory held for nothing. */
    a->later_block = MIN_BLOCK_SIZE;
}

void arena_release(arena *a)
{
    arena_block *b = a->blocks;
    while (b) {
        arena_block *next = b->next;
        arena_raw_free(&a->alloc, b);
        b = next;
    }
    b = a->big;
    while (b) {
        arena_block *next = b->next;
        arena_raw_free(&a->alloc, b);
        b = next;
    }
    a->blocks = a->big = NULL;
    a->cursor = NULL;
    a->left = 0;
}

static char *payload(arena_block *b)
{
    return (char *)(b + 1);
}

void *arena_alloc(arena *a, size_t size)
{
    if (a->failed)
        return NULL;
    size = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (size == 0)
        size = ALIGN;
    if (size > a->left) {
        /* A large request gets a block of its own, kept behind the current
         * block so the free space there is not lost. */
        size_t block = a->first_block ? a->first_block : BLOCK_SIZE;
        int own = size > block / 4;
        size_t want = own ? size : block;
        if (want > SIZE_MAX - sizeof(arena_block)) {
            a->failed = 1;
            return NULL;
        }
        arena_block *b = arena_raw_malloc(&a->alloc, sizeof(arena_block) + want);
        if (!b) {
            a->failed = 1;
            return NULL;
        }
        b->size = want;
        b->prev = NULL;
        if (own && a->blocks) {
            b->next = a->blocks->next;
            a->blocks->next = b;
            return payload(b);
        }
        b->next = a->blocks;
        a->blocks = b;
        a->cursor = payload(b);
        a->left = want;
        if (own) {
            a->left = 0;
            return payload(b);
        }
        a->first_block = a->later_block; /* see arena_size_first_block() */
    }
    void *p = a->cursor;
    a->cursor += size;
    a->left -= size;
    return p;
}

void *arena_calloc(arena *a, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size) {
        a->failed = 1;
        return NULL;
    }
    void *p = arena_alloc(a, count * size);
    if (p)
        memset(p, 0, count * size);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t len)
{
    char *p = arena_alloc(a, len + 1);
    if (p) {
        if (len)
            memcpy(p, s, len);
        p[len] = '\0';
    }
    return p;
}

void vec_init(vec *v, size_t item_size)
{
    memset(v, 0, sizeof *v);
    v->item_size = item_size;
}

/* The array's storage is now block `b` (from a realloc of v->block, or a
 * first block) holding `cap` items: keep the arena's list of big blocks. */
static void vec_moved(arena *a, vec *v, arena_block *b, size_t cap)
{
    arena_block *old = v->block;
    if (!old) {
        b->prev = NULL;
        b->next = a->big;
        if (a->big)
            a->big->prev = b;
        a->big = b;
    } else if (b != old) {
        if (b->prev)
            b->prev->next = b;
        else
            a->big = b;
        if (b->next)
            b->next->prev = b;
    }
    b->size = cap * v->item_size;
    v->block = b;
    v->items = payload(b);
    v->capacity = cap;
}

int vec_reserve(arena *a, vec *v, size_t capacity)
{
    if (capacity <= v->capacity)
        return 0;
    if (a->failed)
        return -1;
    /* Grow by a quarter: doubling leaves up to half the room unused while the
     * layer that fills the array runs (lede_parse() cuts it afterwards),
     * and that room is held at the document's peak. */
    size_t cap = v->capacity ? v->capacity : 16;
    while (cap < capacity) {
        if (cap > SIZE_MAX / 2) {
            a->failed = 1;
            return -1;
        }
        cap += cap / 4 + 1;
    }
    if (cap > (SIZE_MAX - sizeof(arena_block)) / v->item_size) {
        a->failed = 1;
        return -1;
    }
    arena_block *b = arena_raw_realloc(&a->alloc, v->block,
                                       sizeof(arena_block) + cap * v->item_size);
    if (!b) {
        a->failed = 1;
        return -1;
    }
    vec_moved(a, v, b, cap);
    return 0;
}

int vec_reserve_exact(arena *a, vec *v, size_t capacity)
{
    if (capacity <= v->capacity)
        return 0;
    if (a->failed)
        return -1;
    if (capacity > (SIZE_MAX - sizeof(arena_block)) / v->item_size) {
        a->failed = 1;
        return -1;
    }
    arena_block *b = arena_raw_realloc(&a->alloc, v->block,
                                       sizeof(arena_block) + capacity * v->item_size);
    if (!b) {
        a->failed = 1;
        return -1;
    }
    vec_moved(a, v, b, capacity);
    return 0;
}

void vec_shrink(arena *a, vec *v)
{
    if (!v->block || v->count == v->capacity || a->failed)
        return;
    size_t cap = v->count ? v->count : 1;
    arena_block *b = arena_raw_realloc(&a->alloc, v->block,
                                       sizeof(arena_block) + cap * v->item_size);
    if (!b) { /* the larger block stays; a failure is a failure all the same */
        a->failed = 1;
        return;
    }
    vec_moved(a, v, b, cap);
}

void vec_release(arena *a, vec *v)
{
    arena_block *b = v->block;
    if (b) {
        if (b->prev)
            b->prev->next = b->next;
        else
            a->big = b->next;
        if (b->next)
            b->next->prev = b->prev;
        arena_raw_free(&a->alloc, b);
    }
    vec_init(v, v->item_size);
}

void *vec_push_grow(arena *a, vec *v)
{
    if (vec_reserve(a, v, v->count + 1) != 0)
        return NULL;
    char *item = (char *)v->items + v->count * v->item_size;
    memset(item, 0, v->item_size);
    v->count++;
    return item;
}
