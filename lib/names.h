/* The names that lede_<enum>_name() gives the values of each enum (lib/lede.c),
 * with their lengths: the JSON writer copies a name as one fixed-size entry
 * rather than measure it first. */
#ifndef LEDE_NAMES_H
#define LEDE_NAMES_H

#include <stddef.h>
#include <stdint.h>

/* A name, NUL-padded to the whole entry. The longest ("percentage_points")
 * has room to spare. */
typedef struct name_entry {
    char text[23];
    unsigned char len;
} name_entry;

/* Each table starts with "unknown", the name of every value out of range. */
typedef struct name_table {
    const name_entry *entries;
    size_t count;
} name_table;

extern const name_table paragraph_kind_names, date_source_names, speaker_kind_names, gender_names,
    mention_kind_names, token_kind_names, quote_kind_names, metric_kind_names, approx_names,
    change_names, grain_names, mod_names;

static inline const name_entry *name_of(const name_table *t, int32_t value)
{
    return value >= 0 && (size_t)value < t->count ? &t->entries[value] : &t->entries[0];
}

#endif
