#include "lexicon.h"

/* ASCII upper case folded; every other byte as it is. */
const unsigned char lexicon_fold_table[256] = {
    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
    0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,
    0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x2b, 0x2c, 0x2d, 0x2e, 0x2f,
    0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x3b, 0x3c, 0x3d, 0x3e, 0x3f,
    0x40, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f,
    0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x5b, 0x5c, 0x5d, 0x5e, 0x5f,
    0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f,
    0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x7b, 0x7c, 0x7d, 0x7e, 0x7f,
    0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8d, 0x8e, 0x8f,
    0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0x9b, 0x9c, 0x9d, 0x9e, 0x9f,
    0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xab, 0xac, 0xad, 0xae, 0xaf,
    0xb0, 0xb1, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xbb, 0xbc, 0xbd, 0xbe, 0xbf,
    0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xcb, 0xcc, 0xcd, 0xce, 0xcf,
    0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xdb, 0xdc, 0xdd, 0xde, 0xdf,
    0xe0, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xeb, 0xec, 0xed, 0xee, 0xef,
    0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff,
};

/* Words of up to eight bytes, read little-endian from the bytes so that the
 * value is the same on every host (tools/lexgen.c builds the tables on the
 * build machine); compilers turn these into single loads. */
static inline uint64_t load64(const unsigned char *p)
{
    return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
           (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
           (uint64_t)p[7] << 56;
}

static inline uint32_t load32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Bit 5 set in every byte: ASCII upper case folded (and a few other bytes
 * put together, which only costs the odd extra compare). */
#define CASE_BITS 0x2020202020202020ull
#define HASH_MUL 0x9E3779B97F4A7C15ull

/* The bytes of a string of 1 to 7 bytes in one word, which with the
 * length (short_key()) tells the string from any other: from 4 bytes on
 * each in its place (the first lowest), the first four and the last four,
 * overlapping where shorter than eight (the bytes they share are equal, so
 * or-ing them is exact); for 1 to 3, the first, middle and last bytes in
 * the three low bytes, shifted by constants rather than by the length.
 * Only the string's own bytes are read. */
static inline uint64_t pack_short(const unsigned char *p, size_t len)
{
    if (len >= 4)
        return (uint64_t)load32(p) | (uint64_t)load32(p + len - 4) << (8 * (len - 4));
    return (uint64_t)p[0] | (uint64_t)p[len / 2] << 8 | (uint64_t)p[len - 1] << 16;
}

/* Each ASCII upper-case byte of `x` folded to lower case, every other byte
 * as it is: lexicon_fold() of eight bytes at once. A byte's low seven bits
 * plus 0x3F reach bit 7 from 'A', plus 0x25 from past 'Z', and no sum
 * carries into the next byte; a byte above 0x7F is left alone. */
static inline uint64_t fold64(uint64_t x)
{
    const uint64_t high = 0x8080808080808080ull;
    uint64_t low7 = x & ~high;
    uint64_t from_a = low7 + 0x3F3F3F3F3F3F3F3Full;
    uint64_t past_z = low7 + 0x2525252525252525ull;
    uint64_t upper = from_a & ~past_z & ~x & high;
    return x | upper >> 2; /* 0x80 >> 2 is the case bit, 0x20 */
}

/* CASE_BITS with a short key's length in the top byte, by length. */
static const uint64_t short_top[8] = {
    CASE_BITS,
    CASE_BITS | 1ull << 56,
    CASE_BITS | 2ull << 56,
    CASE_BITS | 3ull << 56,
    CASE_BITS | 4ull << 56,
    CASE_BITS | 5ull << 56,
    CASE_BITS | 6ull << 56,
    CASE_BITS | 7ull << 56,
};

/* A short key's bytes fill at most the seven low bytes of its word, each
 * with bit 5 set, and its length (1 to 7) the top one; a long key's word
 * has 0xFF there, the low 24 bits of its length below and its hash in the
 * low half. Setting bit 5 folds ASCII case in the "or" that adds the
 * length, where fold64() takes a dozen instructions, but it also puts
 * other bytes together ("." and 0x0E, "[" and "{", 0x89 and 0xA9): the
 * word tells a key of lower-case letters from every other string, and any
 * other key is compared with the string once its word has matched
 * (lexicon_slot_entry()). */
static inline uint64_t short_key(const unsigned char *p, size_t len)
{
    /* CASE_BITS | len << 56 from a table: one "or" from memory where the
     * constant and the shift took five instructions */
    return pack_short(p, len) | short_top[len];
}

static inline uint64_t long_key(size_t len, uint32_t hash)
{
    return (uint64_t)((uint32_t)len | 0xFF000000u) << 32 | hash;
}

/* A hash from a word of 64 bits: the top half of its product with HASH_MUL,
 * where every bit of the word counts. */
static inline uint32_t mix(uint64_t x)
{
    return (uint32_t)((x * HASH_MUL) >> 32);
}

static inline uint32_t hash_bytes(const char *s, size_t len)
{
    /* Eight bytes a step instead of one. A word of up to seven bytes, most
     * of them, is hashed from the very word its slot holds (short_key()),
     * so that lexicon_hash_probe() makes it once for both. tools/lexgen.c
     * builds the tables with this very function (it links this file). */
    const unsigned char *p = (const unsigned char *)s;
    uint64_t x;
    if (len >= 8) {
        uint64_t h = len;
        for (size_t i = 0; i + 8 < len; i += 8)
            h = (h ^ (load64(p + i) | CASE_BITS)) * HASH_MUL;
        x = h ^ (load64(p + len - 8) | CASE_BITS); /* may overlap the step before */
    } else if (len) {
        x = short_key(p, len);
    } else {
        x = 0;
    }
    return mix(x);
}

uint32_t lexicon_hash(const char *s, size_t len)
{
    return hash_bytes(s, len);
}

uint64_t lexicon_slot_key(const char *s, size_t len, uint32_t hash)
{
    return len - 1 < 7 ? short_key((const unsigned char *)s, len) : long_key(len, hash);
}

/* The low bit of a slot's `entry`: the key has a byte other than a
 * lower-case ASCII letter, which setting bit 5 does not fold exactly. A
 * short key is then compared with the string once its word has matched; a
 * long one, which is always compared, is compared with the string's bytes
 * folded by fold64() instead of with bit 5 set. */
#define CHECK_KEY 1u
_Static_assert(sizeof(lexicon_entry) % 2 == 0, "an entry's offset leaves CHECK_KEY clear");

uint32_t lexicon_slot_entry(size_t index, const char *s, size_t len)
{
    uint32_t entry = (uint32_t)(index * sizeof(lexicon_entry));
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] - (unsigned)'a' > (unsigned)('z' - 'a'))
            return entry | CHECK_KEY;
    return entry;
}

/* The entry of a slot's `entry` without its CHECK_KEY bit. */
static inline const lexicon_entry *entry_at(const lexicon *lx, uint32_t entry)
{
    return (const lexicon_entry *)((const char *)lx->entries + (entry & ~CHECK_KEY));
}

/* Is the entry of the slot's `entry` the key `p` of 8 bytes or more (or
 * none), whose slot word matched? Nearly always: the length and the hash
 * were equal. Eight bytes a step, the last step overlapping the one
 * before: a key of lower-case letters, most of them, compared with the
 * string's bytes with bit 5 set (`folded` 0), which folds them exactly for
 * such a key (an upper-case letter to its lower case, any other byte to no
 * letter); any key, with the string's bytes folded by fold64(). */
static inline int long_key_is(const lexicon_entry *e, const unsigned char *p, size_t len,
                              int folded)
{
    if (e->len != len)
        return 0;
    if (len < 8)
        return 1; /* the empty string */
    const unsigned char *k = (const unsigned char *)e->key;
    size_t i = 0;
    if (!folded) {
        while (i + 8 < len && (load64(p + i) | CASE_BITS) == load64(k + i))
            i += 8;
        return i + 8 >= len && (load64(p + len - 8) | CASE_BITS) == load64(k + len - 8);
    }
    while (i + 8 < len && fold64(load64(p + i)) == load64(k + i))
        i += 8;
    return i + 8 >= len && fold64(load64(p + len - 8)) == load64(k + len - 8);
}

/* probe_long() on from a slot whose word is `want`, the string's, and whose
 * key is marked CHECK_KEY. Apart: few long keys have a byte other than a
 * lower-case letter, and the constants of fold64() would take registers
 * that probe_long() would have to save on every call. */
static __attribute__((noinline)) const lexicon_entry *
probe_long_checked(const lexicon *lx, uint32_t slot, uint64_t want, const unsigned char *p,
                   size_t len)
{
    for (;; slot = (slot + 1) & lx->mask) {
        const lexicon_slot *sl = &lx->slots[slot];
        if (sl->key == want) {
            const lexicon_entry *e = entry_at(lx, sl->entry);
            if (long_key_is(e, p, len, sl->entry & CHECK_KEY))
                return e;
        } else if (!sl->key) {
            return NULL;
        }
    }
}

/* probe() of a string of eight bytes or more (or none), from its first
 * slot, which is not empty. Apart, so that the short strings' loop keeps
 * its few registers. */
static __attribute__((noinline)) const lexicon_entry *
probe_long(const lexicon *lx, uint32_t slot, uint32_t hash, const unsigned char *p, size_t len)
{
    uint64_t want = long_key(len, hash);
    for (;; slot = (slot + 1) & lx->mask) {
        const lexicon_slot *sl = &lx->slots[slot];
        if (sl->key == want) {
            if (sl->entry & CHECK_KEY)
                return probe_long_checked(lx, slot, want, p, len);
            const lexicon_entry *e = entry_at(lx, sl->entry);
            if (long_key_is(e, p, len, 0))
                return e;
        } else if (!sl->key) {
            return NULL;
        }
    }
}

/* probe_short() on from a slot whose word is `want` and whose key is to be
 * compared with the string `p` of 1 to 7 bytes: the slots on to an empty
 * one may hold other keys of the same word. Apart: few lookups get here
 * (keys with a period, a digit, a space or a byte past ASCII). */
static __attribute__((noinline)) const lexicon_entry *
probe_checked(const lexicon *lx, uint32_t slot, uint64_t want, const unsigned char *p, size_t len)
{
    for (;; slot = (slot + 1) & lx->mask) {
        const lexicon_slot *sl = &lx->slots[slot];
        if (!sl->key)
            return NULL;
        if (sl->key != want)
            continue;
        const lexicon_entry *entry = entry_at(lx, sl->entry);
        if (!(sl->entry & CHECK_KEY))
            return entry; /* lower-case letters, which the word tells exactly */
        size_t i = 0;
        while (i < len && lexicon_fold(p[i]) == (unsigned char)entry->key[i])
            i++;
        if (i == len)
            return entry; /* the word holds the length: the key's too */
    }
}

/* The slots from `slot` on, until the word `want` of the string `p` of 1
 * to 7 bytes or an empty slot. The string is folded into its word once and
 * compared with a slot's in one step, without reading the entries or their
 * keys. */
static inline const lexicon_entry *probe_short(const lexicon *lx, uint32_t slot, uint64_t want,
                                               const unsigned char *p, size_t len)
{
    const lexicon_slot *sl = &lx->slots[slot];
    while (sl->key != want) {
        if (!sl->key)
            return NULL;
        slot = (slot + 1) & lx->mask;
        sl = &lx->slots[slot];
    }
    uint32_t entry = sl->entry;
    if (entry & CHECK_KEY)
        return probe_checked(lx, slot, want, p, len);
    return (const lexicon_entry *)((const char *)lx->entries + entry);
}

/* The slots from the hash's on, until the string's word or an empty slot. */
static inline const lexicon_entry *probe(const lexicon *lx, uint32_t hash, const char *s,
                                         size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    uint32_t slot = hash & lx->mask;
    if (!lx->slots[slot].key)
        return NULL;
    if (len - 1 >= 7)
        return probe_long(lx, slot, hash, p, len);
    return probe_short(lx, slot, short_key(p, len), p, len);
}

const lexicon_entry *lexicon_probe(const lexicon *lx, uint32_t hash, const char *s, size_t len)
{
    return probe(lx, hash, s, len);
}

/* probe() with the hash made here: of a string of 1 to 7 bytes, from the
 * word the slots are compared with (mix(want)), made once for both. */
const lexicon_entry *lexicon_hash_probe(const lexicon *lx, const char *s, size_t len)
{
    if (len - 1 < 7) {
        uint64_t want = short_key((const unsigned char *)s, len);
        return probe_short(lx, mix(want) & lx->mask, want, (const unsigned char *)s, len);
    }
    return probe(lx, hash_bytes(s, len), s, len);
}
