#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { BLOCK_SIZE = 64 * 1024, MIN_BLOCK_SIZE = 2 * 1024, ALIGN = 16, DOUBLE_BELOW = 4 * 1024 };

struct arena_block {
    arena_block *next;
    arena_block *prev; /* only for big blocks */
    size_t size;       /* usable bytes after the header */
    max_align_t pad[]; /* keeps the payload aligned */
};

static char *payload(arena_block *b)
{
    return (char *)(b + 1);
}

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

const lede_allocator arena_libc = {default_malloc, default_realloc, default_free, NULL};

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
        a->alloc = arena_libc;
    }
}

void *arena_open(arena *a, size_t size, size_t more)
{
    if (more > BLOCK_SIZE)
        more = BLOCK_SIZE;
    more = (more + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (size > SIZE_MAX - sizeof(arena_block) - ALIGN - more) {
        a->failed = 1;
        return NULL;
    }
    size = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    arena_block *b = arena_raw_malloc(&a->alloc, sizeof(arena_block) + size + more);
    if (!b) {
        a->failed = 1;
        return NULL;
    }
    b->next = b->prev = NULL;
    b->size = size + more;
    a->blocks = b;
    a->cursor = payload(b) + size;
    a->left = more;
    /* Later blocks are the smallest: what outgrows the estimate is seldom
     * much, and a block's unused tail is memory held for nothing. */
    a->next_block = MIN_BLOCK_SIZE;
    return payload(b);
}

void arena_vec_room(arena *a, size_t bytes)
{
    a->vec_room = bytes;
    a->double_below = bytes ? DOUBLE_BELOW : 0;
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
        size_t block = a->next_block ? a->next_block : BLOCK_SIZE;
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
        a->floor = NULL; /* no array's items in the new block yet */
        if (own) {
            a->left = 0;
            return payload(b);
        }
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

/* The room `bytes` of items take among the small objects. */
static size_t small_room(size_t bytes)
{
    return (bytes + ALIGN - 1) & ~(size_t)(ALIGN - 1);
}

/* Room among the small objects that no array holds any more: given back to
 * the block when it is the block's last (with a hole it then meets), kept
 * for a later array otherwise (the largest holes when there are too many). */
static void arena_give_back(arena *a, char *at, size_t size)
{
    if (at + size == a->cursor) {
        a->cursor = at;
        a->left += size;
        a->vec_room += size;
        for (size_t k = 0; k < a->hole_count; k++) {
            if (a->holes[k].at + a->holes[k].size == a->cursor) {
                a->cursor = a->holes[k].at;
                a->left += a->holes[k].size;
                a->vec_room += a->holes[k].size;
                a->holes[k] = a->holes[--a->hole_count];
                break;
            }
        }
        a->floor = a->cursor;
        return;
    }
    size_t k = a->hole_count;
    if (k == ARENA_HOLES) {
        size_t least = 0;
        for (k = 1; k < ARENA_HOLES; k++)
            if (a->holes[k].size < a->holes[least].size)
                least = k;
        if (a->holes[least].size >= size)
            return;
        k = least;
    } else {
        a->hole_count++;
    }
    a->holes[k].at = at;
    a->holes[k].size = size;
}

/* `size` bytes (a multiple of ALIGN) for an array's items among the small
 * objects: the first hole they fit, else the block's free space within
 * a->vec_room; NULL when neither has room. */
static char *vec_take(arena *a, size_t size)
{
    for (size_t k = 0; k < a->hole_count; k++) {
        struct arena_hole *h = &a->holes[k];
        if (h->size >= size) {
            char *at = h->at;
            h->at += size;
            h->size -= size;
            if (!h->size)
                *h = a->holes[--a->hole_count];
            return at;
        }
    }
    if (size > a->left || size > a->vec_room)
        return NULL;
    char *at = a->cursor;
    a->cursor += size;
    a->left -= size;
    a->vec_room -= size;
    a->floor = a->cursor;
    return at;
}

/* Give `v` room for exactly `cap` items, `cap` at least its count: among
 * the small objects while they have room for it (arena_vec_room()), in a
 * block of its own otherwise. 0 on success, -1 on failure. */
static int vec_resize(arena *a, vec *v, size_t cap)
{
    size_t bytes; /* a multiplication that overflows, not a division per call */
    if (__builtin_mul_overflow(cap, v->item_size, &bytes) ||
        bytes > SIZE_MAX - sizeof(arena_block) - ALIGN) {
        a->failed = 1;
        return -1;
    }
    if (!v->block) {
        size_t want = small_room(bytes);
        size_t had = small_room(v->capacity * v->item_size);
        char *items = v->items;
        if (items && items + had == a->cursor &&
            (want <= had || (want - had <= a->left && want - had <= a->vec_room))) {
            /* the block's last object grows or shrinks in place */
            a->cursor = items + want;
            a->left = a->left + had - want;
            a->vec_room = a->vec_room + had - want;
            a->floor = a->cursor;
            v->capacity = cap;
            return 0;
        }
        char *to = vec_take(a, want);
        if (to) {
            if (items) {
                memcpy(to, items, v->count * v->item_size);
                arena_give_back(a, items, had);
            }
            v->items = to;
            v->capacity = cap;
            return 0;
        }
    }
    arena_block *b = arena_raw_realloc(&a->alloc, v->block, sizeof(arena_block) + bytes);
    if (!b) {
        a->failed = 1;
        return -1;
    }
    if (!v->block && v->items) {
        memcpy(payload(b), v->items, v->count * v->item_size);
        arena_give_back(a, v->items, small_room(v->capacity * v->item_size));
    }
    vec_moved(a, v, b, cap);
    return 0;
}

int vec_reserve(arena *a, vec *v, size_t capacity)
{
    if (capacity <= v->capacity)
        return 0;
    if (a->failed)
        return -1;
    /* Grow by a quarter: doubling leaves up to half the room unused while the
     * layer that fills the array runs (lede_parse() cuts it afterwards),
     * and that room is held at the document's peak. A small array of a
     * document with slack doubles (arena_vec_room()). */
    size_t cap = v->capacity ? v->capacity : 16;
    while (cap < capacity) {
        if (cap > SIZE_MAX / 2) {
            a->failed = 1;
            return -1;
        }
        cap += cap * v->item_size < a->double_below ? cap : cap / 4 + 1;
    }
    return vec_resize(a, v, cap);
}

int vec_reserve_exact(arena *a, vec *v, size_t capacity)
{
    if (capacity <= v->capacity)
        return 0;
    if (a->failed)
        return -1;
    return vec_resize(a, v, capacity);
}

void vec_shrink(arena *a, vec *v)
{
    if (v->count == v->capacity || a->failed)
        return;
    size_t cap = v->count ? v->count : 1;
    if (!v->block) {
        /* among the small objects, the room past the items goes back to
         * the block (the last object) or to the holes for later arrays */
        if (v->items) {
            size_t had = small_room(v->capacity * v->item_size);
            size_t keep = small_room(cap * v->item_size);
            if (keep < had) {
                arena_give_back(a, (char *)v->items + keep, had - keep);
                v->capacity = cap;
            }
        }
        return;
    }
    /* a failing allocator leaves the larger block, and a failure is a
     * failure all the same (vec_resize() marks the arena) */
    vec_resize(a, v, cap);
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
    } else if (v->items) {
        arena_give_back(a, v->items, small_room(v->capacity * v->item_size));
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
