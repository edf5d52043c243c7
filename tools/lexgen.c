/* lexgen: turns a lexicon text file into a C table for lib/lexicon.h.
 *
 *   lexgen NAME INPUT.txt OUTPUT.c
 *
 * Each non-empty line of INPUT that does not start with '#' is `key`,
 * `key<TAB>value` or `key<TAB>value<TAB>text` (value a decimal integer,
 * default 1; text a string such as a canonical form, default none). Keys are
 * stored with
 * ASCII letters lower-cased; lookups fold ASCII case the same way. The output
 * defines `const lexicon lexicon_NAME` with an open-addressing hash table
 * built here, at build time, so the library does no work at start-up. */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The hash and the filter key the library looks keys up with: lexgen links
 * lib/lexicon.c, so the tables it builds match them by construction. */
#include "lexicon.h"

typedef struct entry {
    char *key;
    size_t len;
    long value;
    char *text; /* NULL when the line has no third column */
    int prefix; /* the key's words begin a longer key ("prime" of "prime minister") */
} entry;

/* Write a C string literal; bytes outside printable ASCII as octal escapes. */
static void put_string(FILE *out, const char *s, size_t len)
{
    fputc('"', out);
    for (size_t j = 0; j < len; j++) {
        unsigned char c = (unsigned char)s[j];
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c < 0x20 || c >= 0x7f)
            fprintf(out, "\\%03o", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

static void die(const char *what, const char *name)
{
    fprintf(stderr, "lexgen: %s: %s\n", what, name);
    exit(1);
}

int main(int argc, char **argv)
{
    /* --classes: the table of byte classes too (lexicon_class_slot()) */
    int classes = argc == 5 && strcmp(argv[4], "--classes") == 0;
    if (argc != 4 && !classes) {
        fprintf(stderr, "usage: lexgen NAME INPUT.txt OUTPUT.c [--classes]\n");
        return 2;
    }
    const char *name = argv[1];
    FILE *in = fopen(argv[2], "r");
    if (!in)
        die(strerror(errno), argv[2]);
    entry *entries = NULL;
    size_t count = 0, cap = 0;
    char line[4096];
    while (fgets(line, sizeof line, in)) {
        size_t n = strcspn(line, "\r\n");
        line[n] = '\0';
        if (n == 0 || line[0] == '#')
            continue;
        char *tab = strchr(line, '\t');
        long value = 1;
        char *text = NULL;
        if (tab) {
            *tab = '\0';
            char *rest = NULL;
            value = strtol(tab + 1, &rest, 10);
            if (rest && *rest == '\t' && rest[1])
                text = rest + 1;
        }
        size_t len = strlen(line);
        while (len && line[len - 1] == ' ')
            line[--len] = '\0';
        if (len == 0)
            continue;
        for (size_t i = 0; i < len; i++)
            line[i] = (char)tolower((unsigned char)line[i]);
        if (count == cap) {
            cap = cap ? cap * 2 : 256;
            entries = realloc(entries, cap * sizeof *entries);
            if (!entries)
                die("out of memory", name);
        }
        entries[count].key = malloc(len + 1);
        if (!entries[count].key)
            die("out of memory", name);
        memcpy(entries[count].key, line, len + 1);
        entries[count].len = len;
        entries[count].value = value;
        entries[count].text = NULL;
        entries[count].prefix = 0;
        if (text) {
            entries[count].text = malloc(strlen(text) + 1);
            if (!entries[count].text)
                die("out of memory", name);
            strcpy(entries[count].text, text);
        }
        count++;
    }
    fclose(in);

    /* Every word-prefix of a multi-word key ("prime" and "prime minister"
     * of "prime minister of"), so that callers try a longer lookup only
     * where one can match. A prefix that is no key of its own becomes an
     * entry of value 0, which lookups treat as absent. */
    size_t words_total = count;
    for (size_t i = 0; i < words_total; i++)
        for (size_t j = 0; j < entries[i].len; j++)
            count += entries[i].key[j] == ' ';
    entries = realloc(entries, (count ? count : 1) * sizeof *entries);
    if (!entries)
        die("out of memory", name);
    count = words_total;
    for (size_t i = 0; i < words_total; i++) {
        for (size_t j = 0; j < entries[i].len; j++) {
            if (entries[i].key[j] != ' ')
                continue;
            entries[count].key = malloc(j + 1);
            if (!entries[count].key)
                die("out of memory", name);
            memcpy(entries[count].key, entries[i].key, j);
            entries[count].key[j] = '\0';
            entries[count].len = j;
            entries[count].value = 0;
            entries[count].text = NULL;
            entries[count].prefix = 1;
            count++;
        }
    }

    /* At most a quarter of the slots taken where that keeps the table
     * within 4,096 slots (64 KiB), at most half otherwise (the names): a
     * probe that finds nothing reads on to an empty slot, and at half full
     * that was two or three slots, with a branch the processor could not
     * foretell. On the first 1.05 MB a quarter saved 0.2 M instructions and
     * 17 k mispredicted branches, and missed the L1 cache no more often. */
    uint32_t size = 8;
    while (size < count * 4 + 1)
        size *= 2;
    if (size > 4096) {
        size = 8;
        while (size < count * 2 + 1)
            size *= 2;
    }
    lexicon_slot *slots = calloc(size, sizeof *slots);
    uint32_t *taken = calloc(size, sizeof *taken); /* per slot: the entry's index + 1, or 0 */
    if (!slots || !taken)
        die("out of memory", name);
    /* Insert in file order, then the prefixes; a key seen before keeps its
     * first line and takes the prefix mark of a later prefix entry. Kept
     * entries are compacted to the front as they are inserted. */
    if (count > UINT32_MAX / sizeof(lexicon_entry))
        die("too many keys for a slot's entry offset", name); /* lexicon_slot_entry() */
    size_t kept = 0;
    for (size_t i = 0; i < count; i++) {
        uint32_t hash = lexicon_hash(entries[i].key, entries[i].len);
        uint32_t h = hash & (size - 1);
        entry *dup = NULL;
        while (taken[h] && !dup) {
            entry *e = &entries[taken[h] - 1];
            if (e->len == entries[i].len && memcmp(e->key, entries[i].key, e->len) == 0)
                dup = e;
            h = (h + 1) & (size - 1);
        }
        if (dup) {
            dup->prefix |= entries[i].prefix;
            free(entries[i].key);
            free(entries[i].text);
            continue;
        }
        entries[kept] = entries[i];
        slots[h].key = lexicon_slot_key(entries[i].key, entries[i].len, hash);
        slots[h].entry = lexicon_slot_entry(kept, entries[i].key, entries[i].len);
        taken[h] = (uint32_t)kept + 1;
        kept++;
    }
    count = kept;

    /* The filter of lexicon_may_hold(): one bit per (length, first, middle,
     * last byte) class of the keys. The layers ask it of nearly every token
     * in many lexicons, and a word it lets through that is no key costs a
     * hash, a probe and often a mispredicted branch: at 16 bits a key about
     * one absent word in twenty went on. Now 32 bits a key at least, 64
     * where that keeps the filter within 2 KiB, and never under 512 bytes:
     * the small lexicons (pronouns, group nouns, the words that begin
     * metrics) are the ones asked of common words, and their filters cost
     * little room in the cache. On the first 1.05 MB this halved the words
     * let through that share no key's class (19.3 k -> 10.6 k); 64 bits a
     * key for the big lexicons too saved a little more but missed the L1
     * cache more often. */
    size_t per_key = count * 64 <= 2048 * 8 ? 64 : 32;
    uint32_t filter_bits = 4096, filter_shift = 20;
    while (filter_bits < count * per_key) {
        filter_bits *= 2;
        filter_shift--;
    }
    uint64_t *filter = calloc(filter_bits / 64, sizeof *filter);
    if (!filter)
        die("out of memory", name);
    for (size_t i = 0; i < count; i++) {
        uint32_t f = lexicon_filter_key(entries[i].key, entries[i].len) >> filter_shift;
        filter[f / 64] |= (uint64_t)1 << (f % 64);
    }

    FILE *out = fopen(argv[3], "w");
    if (!out)
        die(strerror(errno), argv[3]);
    fprintf(out, "/* Generated by tools/lexgen.c from %s: do not edit. */\n", argv[2]);
    fprintf(out, "#include \"lexicon.h\"\n\n");
    fprintf(out, "static const lexicon_entry entries[] = {\n");
    for (size_t i = 0; i < count; i++) {
        fputs("    {", out);
        put_string(out, entries[i].key, entries[i].len);
        fprintf(out, ", %zu, %ld, ", entries[i].len, entries[i].value);
        if (entries[i].text)
            put_string(out, entries[i].text, strlen(entries[i].text));
        else
            fputs("NULL", out);
        fprintf(out, ", %d},\n", entries[i].prefix);
    }
    if (count == 0)
        fputs("    {\"\", 0, 0, NULL, 0},\n", out);
    fputs("};\n\nstatic const lexicon_slot slots[] = {\n", out);
    for (uint32_t i = 0; i < size; i++) {
        fputs(i % 4 == 0 ? "    " : " ", out);
        if (taken[i])
            fprintf(out, "{0x%016llxu, %u, 0},", (unsigned long long)slots[i].key, slots[i].entry);
        else
            fputs("{0, 0, 0},", out);
        if (i % 4 == 3 || i + 1 == size)
            fputc('\n', out);
    }
    fputs("};\n\nstatic const uint64_t filter[] = {\n", out);
    for (uint32_t i = 0; i < filter_bits / 64; i++)
        fprintf(out, "%s0x%016llxu,%s", i % 4 == 0 ? "    " : "", (unsigned long long)filter[i],
                i % 4 == 3 ? "\n" : " ");
    fprintf(out, "};\n\nconst lexicon lexicon_%s = {entries, slots, %zu, %uu, filter, %uu};\n",
            name, count, size - 1, filter_shift);
    if (classes) {
        static uint32_t table[LEXICON_CLASS_SLOTS];
        for (size_t i = 0; i < count; i++)
            if (entries[i].len)
                table[lexicon_class_slot(entries[i].key, entries[i].len)] |=
                    (uint32_t)1 << lexicon_class_bit(entries[i].key, entries[i].len);
        fprintf(out, "\nconst uint32_t lexicon_%s_classes[LEXICON_CLASS_SLOTS] = {\n", name);
        for (uint32_t i = 0; i < LEXICON_CLASS_SLOTS; i++)
            fprintf(out, "%s0x%08xu,%s", i % 8 == 0 ? "    " : "", (unsigned)table[i],
                    i % 8 == 7 ? "\n" : " ");
        fputs("};\n", out);
    }
    fclose(out);
    for (size_t i = 0; i < count; i++) {
        free(entries[i].key);
        free(entries[i].text);
    }
    free(entries);
    free(slots);
    free(taken);
    free(filter);
    return 0;
}
