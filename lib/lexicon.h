/* Constant word lists compiled from the data/ text files by tools/lexgen.c. */
#ifndef LEDE_LEXICON_H
#define LEDE_LEXICON_H

#include <stddef.h>
#include <stdint.h>

typedef struct lexicon_entry {
    const char *key; /* ASCII lower case */
    size_t len;
    long value;
    const char *text; /* the optional third column (a canonical form), or NULL */
    int prefix;       /* the key's words begin a longer key */
} lexicon_entry;

/* A slot of a lexicon's hash table. A probe compares `key` with the word
 * lexicon_slot_key() makes of the string looked up, and so turns most other
 * keys away, and finds a key of up to seven bytes, without reading the
 * entries or their strings. */
typedef struct lexicon_slot {
    uint64_t key;   /* lexicon_slot_key() of the entry's key; 0 for an empty slot */
    uint32_t entry; /* lexicon_slot_entry() of the entry */
    uint32_t spare; /* 0: the slot is sixteen bytes, four to a cache line */
} lexicon_slot;

typedef struct lexicon {
    const lexicon_entry *entries;
    const lexicon_slot *slots; /* open addressing, from lexicon_hash() & mask */
    size_t count;
    uint32_t mask;
    /* One bit per class of keys (lexicon_filter_key() >> filter_shift): a
     * string whose bit is clear is no key, and is rejected without hashing. */
    const uint64_t *filter;
    uint32_t filter_shift;
} lexicon;

/* Each byte with ASCII upper case folded to lower case. */
extern const unsigned char lexicon_fold_table[256];

static inline unsigned char lexicon_fold(unsigned char c)
{
    return lexicon_fold_table[c];
}

/* The length and the first, middle (s[len / 2]) and last bytes of `s`
 * (ASCII case folded), mixed; tools/lexgen.c builds the filters with it.
 * The middle byte parts more words from the keys than the second did: with
 * the second, the common words that share the length and the first two and
 * last letters of a key ("shares" and "shakes", "companies" and
 * "complains") passed every filter, and more than half of the lookups that
 * found nothing in the lexicons were such words. A word of up to three
 * bytes is still all in its key, and the key of one byte is its length and
 * its byte: the speaker layer reads "the" from its key. Setting bit 5 of
 * each byte folds ASCII case without a table: it also puts a few
 * punctuation bytes together ("[" and "{"), which only lets more strings
 * through to the exact lookup. */
static inline uint32_t lexicon_filter_key(const char *s, size_t len)
{
    uint32_t x = (uint32_t)len << 24;
    if (len) {
        const unsigned char *p = (const unsigned char *)s;
        x |= ((uint32_t)p[0] | (uint32_t)p[len / 2] << 8 | (uint32_t)p[len - 1] << 16) | 0x202020u;
    }
    return x * 2654435761u;
}

/* Zero when `s` (ASCII case folded) is certainly no key of the lexicon,
 * prefix entries included; non-zero when it may be one. A few instructions,
 * no hashing: the lookups below ask it first. The _key form takes
 * lexicon_filter_key(s, len), computed once for many lexicons. */
static inline int lexicon_may_hold_key(const lexicon *lx, uint32_t key)
{
    uint32_t f = key >> lx->filter_shift;
    return (int)((lx->filter[f / 64] >> (f % 64)) & 1);
}

static inline int lexicon_may_hold(const lexicon *lx, const char *s, size_t len)
{
    return lexicon_may_hold_key(lx, lexicon_filter_key(s, len));
}

/* The hash lookups use: one string can be looked up in many lexicons with
 * one hash (lexicon_lookup_hashed()). */
uint32_t lexicon_hash(const char *s, size_t len);

/* The word a slot holds for the key `s` (ASCII case folded) whose
 * lexicon_hash() is `hash`: up to seven bytes, the bytes themselves with
 * bit 5 set and the length, equal words that are equal keys when the key is
 * of lower-case letters (and are checked against the key otherwise, see
 * lexicon_slot_entry()); longer, the length and the hash, equal words that
 * the probe checks against the key. Never 0. For tools/lexgen.c, which
 * builds the slots with it. */
uint64_t lexicon_slot_key(const char *s, size_t len, uint32_t hash);

/* The `entry` of the slot of the entry entries[index], whose key is `s`:
 * the entry's offset in bytes, which a probe adds to `entries` without a
 * multiply, plus 1 when the key has a byte other than a lower-case ASCII
 * letter, which setting bit 5 does not fold exactly: a probe whose string's
 * word matches a short key's then compares the string with the key too,
 * and compares a long key with the string folded byte by byte. For
 * tools/lexgen.c. */
uint32_t lexicon_slot_entry(size_t index, const char *s, size_t len);

/* The entry for `s` (ASCII case folded) whose lexicon_hash() is `hash`,
 * prefix entries included, or NULL; without the filter of
 * lexicon_may_hold(), which callers ask first. */
const lexicon_entry *lexicon_probe(const lexicon *lx, uint32_t hash, const char *s, size_t len);

/* lexicon_probe() with the hash computed there: one call for what passed
 * the filter, for the lookups below. */
const lexicon_entry *lexicon_hash_probe(const lexicon *lx, const char *s, size_t len);

static inline const lexicon_entry *lexicon_lookup_hashed(const lexicon *lx, uint32_t hash,
                                                         const char *s, size_t len)
{
    return lexicon_may_hold(lx, s, len) ? lexicon_probe(lx, hash, s, len) : NULL;
}

/* The entry for `s` like lexicon_find(), but also the entry of value 0 that
 * a multi-word key leaves for its first words (see lexicon_starts()). */
static inline const lexicon_entry *lexicon_lookup(const lexicon *lx, const char *s, size_t len)
{
    if (!lexicon_may_hold(lx, s, len))
        return NULL;
    return lexicon_hash_probe(lx, s, len);
}

/* The entry for `s` (ASCII case folded), or NULL when it is absent. */
static inline const lexicon_entry *lexicon_find(const lexicon *lx, const char *s, size_t len)
{
    const lexicon_entry *e = lexicon_lookup(lx, s, len);
    return e && e->value ? e : NULL;
}

/* The value stored for `s` (ASCII case folded), or 0 when it is absent.
 * Lexicon values are never 0. */
static inline long lexicon_get(const lexicon *lx, const char *s, size_t len)
{
    const lexicon_entry *e = lexicon_find(lx, s, len);
    return e ? e->value : 0;
}

/* Do the words of `s` begin a longer, multi-word key ("prime" of "prime
 * minister")? Callers try longer lookups only where this holds. */
static inline int lexicon_starts(const lexicon *lx, const char *s, size_t len)
{
    const lexicon_entry *e = lexicon_lookup(lx, s, len);
    return e && e->prefix;
}

/* A lexicon's table of byte classes, which tools/lexgen.c makes when asked
 * (--classes): a word's first and last bytes pick one of its 1,024 words of
 * 32 bits (lexicon_class_slot()), its middle byte s[len / 2] a bit of that
 * word (lexicon_class_bit()), each by its five low bits, which are the same
 * in either ASCII case. Every key's bit is set, so a word whose bit is clear
 * is no key, in any case: a test of one load and a shift, cheaper than the
 * filter's key, for a loop that asks it of nearly every word. It lets more
 * words through than the filter (no length, coarser bytes), so a word it
 * lets through is asked of the filter next. `len` >= 1. */
enum { LEXICON_CLASS_SLOTS = 1024 };

static inline uint32_t lexicon_class_slot(const char *s, size_t len)
{
    return ((uint32_t)(unsigned char)s[0] << 5 | ((unsigned char)s[len - 1] & 31u)) &
           (LEXICON_CLASS_SLOTS - 1);
}

static inline uint32_t lexicon_class_bit(const char *s, size_t len)
{
    return (unsigned char)s[len / 2] & 31u;
}

/* The lexicons, one per data/<name>.txt. */
extern const lexicon lexicon_abbreviations;
extern const lexicon lexicon_months;
extern const lexicon lexicon_weekdays;
extern const lexicon lexicon_agencies;
extern const lexicon lexicon_entities;
extern const lexicon lexicon_sentence_starters;
extern const lexicon lexicon_html_tags;
extern const lexicon lexicon_outlets;
extern const lexicon lexicon_given_names;
extern const lexicon lexicon_name_stopwords;
extern const lexicon lexicon_titles;
extern const lexicon lexicon_honorifics;
extern const lexicon lexicon_countries;
extern const lexicon lexicon_organizations;
extern const lexicon lexicon_org_words;
extern const lexicon lexicon_cue_verbs;
extern const lexicon lexicon_group_nouns;
extern const lexicon lexicon_pronouns;
extern const lexicon lexicon_place_words;
extern const lexicon lexicon_function_words;
extern const lexicon lexicon_common_given_names;
extern const lexicon lexicon_person_nouns;
extern const lexicon lexicon_number_words;
extern const lexicon lexicon_scale_suffixes;
extern const lexicon lexicon_currencies;
extern const lexicon lexicon_units;
extern const lexicon lexicon_metric_cues;
extern const lexicon lexicon_tense_cues;
extern const lexicon lexicon_metric_starts;
extern const lexicon lexicon_holidays;
extern const lexicon lexicon_quote_words;

/* The tables of byte classes of the lexicons that have one (data/CMakeLists.txt). */
extern const uint32_t lexicon_metric_starts_classes[LEXICON_CLASS_SLOTS];
extern const uint32_t lexicon_cue_verbs_classes[LEXICON_CLASS_SLOTS];

#endif
