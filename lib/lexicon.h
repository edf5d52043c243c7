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

typedef struct lexicon {
    const lexicon_entry *entries;
    const uint32_t *slots; /* entry index + 1, 0 for an empty slot */
    size_t count;
    uint32_t mask;
} lexicon;

/* The value stored for `s` (ASCII case folded), or 0 when it is absent.
 * Lexicon values are never 0. */
long lexicon_get(const lexicon *lx, const char *s, size_t len);

/* The entry for `s` (ASCII case folded), or NULL when it is absent. */
const lexicon_entry *lexicon_find(const lexicon *lx, const char *s, size_t len);

/* The entry for `s` like lexicon_find(), but also the entry of value 0 that
 * a multi-word key leaves for its first words (see lexicon_starts()). */
const lexicon_entry *lexicon_lookup(const lexicon *lx, const char *s, size_t len);

/* The hash lookups use: one string can be looked up in many lexicons with
 * one hash (lexicon_lookup_hashed()). */
uint32_t lexicon_hash(const char *s, size_t len);
const lexicon_entry *lexicon_lookup_hashed(const lexicon *lx, uint32_t hash, const char *s,
                                           size_t len);

/* Do the words of `s` begin a longer, multi-word key ("prime" of "prime
 * minister")? Callers try longer lookups only where this holds. */
int lexicon_starts(const lexicon *lx, const char *s, size_t len);

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

#endif
