/* Memory of one document: an arena of blocks plus growable arrays, all taken
 * from the caller's lede_allocator and all released by arena_release(). */
#ifndef LEDE_ARENA_H
#define LEDE_ARENA_H

#include <assert.h>
#include <stddef.h>
#include <string.h>

#include "lede.h"

typedef struct arena_block arena_block;

enum { ARENA_HOLES = 8 }; /* holes among the small objects kept for arrays */

typedef struct arena {
    lede_allocator alloc;
    arena_block *blocks; /* small-object blocks, newest first */
    arena_block *big;    /* blocks of one array each, doubly linked */
    char *cursor;        /* free space in the newest block */
    size_t left;
    int failed;        /* set once any allocation failed; every later one fails too */
    size_t next_block; /* size of the next small-object block, 0: the usual 64 KiB */
    /* Arrays may still take this many bytes of the newest block's free
     * space for their items (arena_vec_room()); `floor` is where the last of
     * them ends in that block, below which arena_rewind() never goes. */
    size_t vec_room;
    char *floor;
    size_t double_below; /* arrays smaller than this double as they grow (arena_vec_room()) */
    /* Room that arrays left among the small objects, for later arrays:
     * holes[0, hole_count), each ALIGN-aligned. */
    struct arena_hole {
        char *at;
        size_t size;
    } holes[ARENA_HOLES];
    size_t hole_count;
} arena;

/* A growable array whose storage belongs to an arena: items are appended
 * with vec_push() and released with the arena. */
typedef struct vec {
    void *items;
    size_t count;
    size_t capacity;
    size_t item_size;
    /* the arena block holding items, resized on growth; NULL while the items
     * (if any) sit among the arena's small objects (arena_vec_room()) */
    arena_block *block;
} vec;

/* malloc(), realloc() and free() of the C library as a lede_allocator: the
 * default, and the allocator of buffers the caller frees with free(). */
extern const lede_allocator arena_libc;
/* The default allocator (arena_libc) when `alloc` has no functions. */
void arena_init(arena *a, const lede_allocator *alloc);
/* Start the arena with one block: `size` bytes for the caller, returned
 * (NULL on failure), followed by room for `more` bytes of small objects (up
 * to the usual 64 KiB), so that a document whose needs were well estimated
 * makes one call to the allocator for all of them; each later small-object
 * block is 2 KiB (a request over a quarter of a block gets a block of its
 * own). Call before any other allocation. */
void *arena_open(arena *a, size_t size, size_t more);
/* Let arrays take up to `bytes` in all of the small-object blocks' free
 * space rather than a block of their own each: an array that starts there,
 * grows in place while it is the block's last object, or moves into room
 * an earlier array left, costs no call to the allocator. Room an array
 * leaves under a later object is only reused by arrays (ARENA_HOLES pieces
 * at most) and is held until the arena is released, so `bytes` bounds what
 * this costs. 0 (the default): none. A document given room has slack in its
 * memory, so its arrays also double as they grow, while under 4 KiB, rather
 * than grow by a quarter (vec_reserve()): fewer moves. */
void arena_vec_room(arena *a, size_t bytes);
/* Free every block. The arena may be initialised again afterwards. */
void arena_release(arena *a);

/* `size` bytes aligned for any type, or NULL (and a->failed set). */
void *arena_alloc(arena *a, size_t size);
/* Zeroed `count * size` bytes, or NULL on failure or overflow. */
void *arena_calloc(arena *a, size_t count, size_t size);
/* A NUL-terminated copy of `len` bytes, or NULL. */
char *arena_strndup(arena *a, const char *s, size_t len);

/* Where the next small object would go, to give back the objects allocated
 * after it with arena_rewind() when none of them is kept. */
typedef struct arena_mark {
    const arena_block *block;
    char *cursor;
    size_t left;
} arena_mark;

static inline arena_mark arena_save(const arena *a)
{
    arena_mark m = {a->blocks, a->cursor, a->left};
    return m;
}

/* Give back the small objects allocated since `m`: nothing allocated since
 * may be used afterwards. Does nothing once a new block was started, or
 * when an array took room in the block since (the space stays allocated
 * until the arena is released). */
static inline void arena_rewind(arena *a, arena_mark m)
{
    /* not below an array's items placed in the block since (a->floor) */
    if (a->blocks == m.block && (!a->floor || m.cursor >= a->floor) && !a->failed) {
        a->cursor = m.cursor;
        a->left = m.left;
    }
}

/* Direct use of the allocator, for buffers that outlive the arena. */
void *arena_raw_malloc(const lede_allocator *alloc, size_t size);
void *arena_raw_realloc(const lede_allocator *alloc, void *ptr, size_t size);
void arena_raw_free(const lede_allocator *alloc, void *ptr);

/* An empty array of items of `item_size` bytes. Inline: a document sets up
 * a dozen arrays, and every layer its working ones. */
static inline void vec_init(vec *v, size_t item_size)
{
    memset(v, 0, sizeof *v);
    v->item_size = item_size;
}
/* Make room for at least `capacity` items; 0 on success, -1 on failure. */
int vec_reserve(arena *a, vec *v, size_t capacity);
/* Room for exactly `capacity` items (when more than now), for an array
 * whose length is known or well estimated; 0 on success, -1 on failure. */
int vec_reserve_exact(arena *a, vec *v, size_t capacity);
/* Give back the room beyond the items. Pointers into the array are invalid
 * afterwards. A failing allocator marks the arena failed (the array stays
 * as it was), so that every failure shows as LEDE_ERR_NOMEM. */
void vec_shrink(arena *a, vec *v);
/* Free the array's storage now rather than with the arena; `v` is empty
 * afterwards. */
void vec_release(arena *a, vec *v);
/* vec_push() when the array is full: grow it, then push. */
void *vec_push_grow(arena *a, vec *v);

/* Make room for one more item of `size` bytes, the array's item size, and
 * return it zeroed, or NULL. Inline: the layers push in their inner loops,
 * and the array is seldom full. Through VEC_PUSH(), which names the item's
 * type, the compiler zeroes an item of a size it knows with a few stores
 * instead of a call to memset(). */
static inline void *vec_push_sized(arena *a, vec *v, size_t size)
{
    assert(size == v->item_size);
    if (v->count == v->capacity)
        return vec_push_grow(a, v);
    char *item = (char *)v->items + v->count * size;
    memset(item, 0, size);
    v->count++;
    return item;
}
#define VEC_PUSH(a, v, type) ((type *)vec_push_sized((a), (v), sizeof(type)))

/* vec_push_sized() of an item of the array's item size, for a caller that
 * does not name its type. */
static inline void *vec_push(arena *a, vec *v)
{
    return vec_push_sized(a, v, v->item_size);
}

/* vec_push() without the zeroing: the new item's bytes are whatever the
 * array's storage held (uninitialized memory, or an item given back
 * earlier). Only for a caller that writes every byte of the item before
 * anything reads it, struct padding included (a struct without padding,
 * assigned whole): the metric layer's emit() copies a whole lede_metric
 * over each new item, and zeroing it first cost a call to memset() for
 * every metric. */
static inline void *vec_push_uninit(arena *a, vec *v)
{
    if (v->count == v->capacity && vec_reserve(a, v, v->count + 1) != 0)
        return NULL;
    char *item = (char *)v->items + v->count * v->item_size;
    v->count++;
    return item;
}

#define VEC_AT(v, type, i) (((type *)(v).items)[i])

#endif
