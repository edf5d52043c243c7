#include "lexicon.h"

static unsigned char fold(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

uint32_t lexicon_hash(const char *s, size_t len)
{
    uint32_t h = 2166136261u; /* FNV-1a, as in tools/lexgen.c */
    for (size_t i = 0; i < len; i++)
        h = (h ^ fold((unsigned char)s[i])) * 16777619u;
    return h;
}

const lexicon_entry *lexicon_lookup_hashed(const lexicon *lx, uint32_t hash, const char *s,
                                           size_t len)
{
    for (uint32_t slot = hash & lx->mask;; slot = (slot + 1) & lx->mask) {
        uint32_t e = lx->slots[slot];
        if (!e)
            return NULL;
        const lexicon_entry *entry = &lx->entries[e - 1];
        if (entry->len != len)
            continue;
        size_t i = 0;
        while (i < len && fold((unsigned char)s[i]) == (unsigned char)entry->key[i])
            i++;
        if (i == len)
            return entry;
    }
}

const lexicon_entry *lexicon_lookup(const lexicon *lx, const char *s, size_t len)
{
    return lexicon_lookup_hashed(lx, lexicon_hash(s, len), s, len);
}

const lexicon_entry *lexicon_find(const lexicon *lx, const char *s, size_t len)
{
    const lexicon_entry *e = lexicon_lookup(lx, s, len);
    return e && e->value ? e : NULL;
}

int lexicon_starts(const lexicon *lx, const char *s, size_t len)
{
    const lexicon_entry *e = lexicon_lookup(lx, s, len);
    return e && e->prefix;
}

long lexicon_get(const lexicon *lx, const char *s, size_t len)
{
    const lexicon_entry *e = lexicon_find(lx, s, len);
    return e ? e->value : 0;
}
