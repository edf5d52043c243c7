/* The speaker layer: people, organizations and groups, with their titles,
 * affiliations, gender and every mention.
 *
 * One pass over the sentences of body and caption paragraphs, in text order:
 *
 * 1. Runs of capitalized tokens (with initials, particles such as "von" or
 *    "bin", suffixes such as "Jr.") are candidate names. A stack of country,
 *    organization, title and honorific words at the front of a run, or a
 *    lower-case title just before it, is peeled off as the speaker's
 *    affiliation and title ("US President Donald Trump", "former president
 *    Barack Obama"); an apposition after it ("Mark Rutte, NATO's
 *    secretary-general,") supplies them too.
 * 2. What is left is classified: organization (known names, organization
 *    head words and legal suffixes, acronyms that speak, places that act),
 *    person (evidence from honorifics, titles, given names, speech verbs,
 *    appositions and earlier mentions of the same surname; capitalization
 *    at the start of a sentence or a quotation counts for nothing), or
 *    nothing.
 * 3. Names are resolved to entities as they come: the same full name, a
 *    surname alone, or a fuller form of a name seen before all join one
 *    speaker; "the president" joins the latest speaker with that title;
 *    he/she/his/her join the nearest compatible person of the same or the
 *    previous sentences, subjects first; "officials said" makes a group.
 *
 * Every lookup is a hash lookup and every search back is bounded, so the
 * layer is linear in the number of tokens. */
#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "doc.h"
#include "lexicon.h"
#include "text.h"
#include "token.h"

enum {
    RUN_MAX = 10,          /* tokens in one name */
    OF_EXTENSIONS = 3,     /* "Bank of England", "Department of Health and Human Services" */
    PRONOUN_LOOKBACK = 64, /* mentions searched for a pronoun's antecedent */
    PRONOUN_SENTENCES = 3, /* sentences searched back for it */
    APPOSITION_MAX = 12,   /* tokens of ", a spokeswoman for the ministry," */
    CUE_GAP = 2            /* auxiliaries between a name and its verb: "has also said" */
};

/* Lexicon values, as data/README.md defines them. */
enum { TITLE_NEUTRAL = 1, TITLE_MALE = 2, TITLE_FEMALE = 3, TITLE_MODIFIER = 4 };
enum { HONORIFIC_NEUTRAL = 1, HONORIFIC_MALE = 2, HONORIFIC_FEMALE = 3 };
enum { COUNTRY_NAME = 1, COUNTRY_ADJECTIVE = 2, COUNTRY_NOUN = 3 };
enum { ORG_HEAD = 1, ORG_SUFFIX = 2 };
enum { CUE_SPEECH = 1, CUE_BELIEF = 2, CUE_ACCORDING = 3 };
enum { PRONOUN_MALE = 2, PRONOUN_FEMALE = 3, PRONOUN_PLURAL = 4 };
enum { PRONOUN_MAX_LEN = 10 };  /* "themselves", the longest in data/pronouns.txt */
enum { ASIDE_MAX = 25 };        /* tokens of an aside between a name and its verb */
enum { GIVEN_NAME_MAX = 1001 }; /* given-name values: 1 + 1000 x share of women */
enum { FUNCTION_PLACE = 1, FUNCTION_AUXILIARY = 2, FUNCTION_PARTICLE = 3, FUNCTION_SUFFIX = 4 };

/* Functions that are always inline: the token helpers, asked of nearly
 * every token many times over, and a few steps of read_run(), whose calls
 * cost more than most of their answers. */
#if defined(__GNUC__)
#define HOT_INLINE inline __attribute__((always_inline))
#else
#define HOT_INLINE inline
#endif

typedef struct entity {
    int32_t kind;
    int32_t gender_hint;               /* from an honorific, a gendered title or the given name */
    int hint_strength;                 /* 2: honorific or title; 1: given name */
    unsigned male_votes, female_votes; /* pronouns resolved to it */
    char *name;
    size_t name_len;
    size_t name_words;
    char *key;
    size_t key_len;
    char *surname; /* folded last word of a person's name */
    size_t surname_len;
    char *given; /* folded first word; may be the head of `key`: not NUL-terminated */
    size_t given_len;
    const char *title;
    size_t title_len;
    const char *affiliation;
    size_t affiliation_len;
} entity;

typedef struct strmap_slot {
    const char *key;
    size_t len;
    size_t value;
} strmap_slot;

/* Folded string -> entity index, open addressing. The slots are first the
 * map's own (`first`: most documents name a few speakers), then an array
 * of the arena's (`store`), freed when the map grows and when the layer is
 * done: the map is the builder's, not the document's. strmap_init() before
 * use, on a map of zero bytes. */
enum { STRMAP_FIRST = 16 };

typedef struct strmap {
    vec store;
    strmap_slot *slots; /* `first` or the items of `store` */
    size_t mask, count;
    uint64_t lengths; /* bit min(len, 63) for the length of each key */
    uint64_t shapes;  /* key_shape() of each key */
    strmap_slot first[STRMAP_FIRST];
} strmap;

/* The bit of strmap.lengths for a key of len bytes: most names looked up
 * are of a length no key has. */
static inline uint64_t length_bit(size_t len)
{
    return 1ull << (len < 63 ? len : 63);
}

/* The bit of strmap.shapes for a key of len bytes, first and last byte
 * `first` and `last` (0 for the empty key), mixed: a finer test than the
 * length for known_name(), which may then not even fold the name. */
static inline unsigned shape_index(size_t len, unsigned char first, unsigned char last)
{
    uint32_t x = (uint32_t)len ^ (uint32_t)first << 8 ^ (uint32_t)last << 16;
    return (x * 2654435761u) >> 26;
}

static inline uint64_t shape_bit(size_t len, unsigned char first, unsigned char last)
{
    return 1ull << shape_index(len, first, last);
}

static inline uint64_t key_shape(const char *key, size_t len)
{
    return len ? shape_bit(len, (unsigned char)key[0], (unsigned char)key[len - 1])
               : shape_bit(0, 0, 0);
}

/* The lexicons the layer asks about tokens, by index. Every token of the
 * sentence being read has its lexicon_filter_key() of its looked-up form
 * (lex_len()) in builder.keys, computed once when the sentence starts
 * (read_sentence(), as fill_keys() does): the filters turn most lookups
 * away, and what passes is hashed and probed there and then.
 * (Answers kept per token and per short word were tried: four lookups in
 * five were the first of their word in the document, and keeping the
 * answers cost more than the lookups they saved, 126.9 against 124.7 M
 * instructions on the bench corpus.) */
typedef enum lexicon_id {
    LX_TITLES,
    LX_GIVEN_NAMES,
    LX_NAME_STOPWORDS,
    LX_COUNTRIES,
    LX_ORGANIZATIONS,
    LX_ORG_WORDS,
    LX_HONORIFICS,
    LX_CUE_VERBS,
    LX_GROUP_NOUNS,
    LX_PRONOUNS,
    LX_SENTENCE_STARTERS,
    LX_PLACE_WORDS,
    LX_MONTHS,
    LX_WEEKDAYS,
    LX_FUNCTION_WORDS,
    LX_COMMON_GIVEN_NAMES,
    LEXICON_COUNT
} lexicon_id;

static const lexicon *const lexicons[LEXICON_COUNT] = {&lexicon_titles,
                                                       &lexicon_given_names,
                                                       &lexicon_name_stopwords,
                                                       &lexicon_countries,
                                                       &lexicon_organizations,
                                                       &lexicon_org_words,
                                                       &lexicon_honorifics,
                                                       &lexicon_cue_verbs,
                                                       &lexicon_group_nouns,
                                                       &lexicon_pronouns,
                                                       &lexicon_sentence_starters,
                                                       &lexicon_place_words,
                                                       &lexicon_months,
                                                       &lexicon_weekdays,
                                                       &lexicon_function_words,
                                                       &lexicon_common_given_names};

/* The words read_sentence() must look at, by their filter keys: one byte
 * per class of keys (key >> ASK_SHIFT), made by ask_table(). ASK_LISTED
 * marks the class of "the" and every class the filters of the pronouns
 * and of the group nouns let through (each filter's own classes, finer or
 * coarser, mapped onto these), and ASK_PRONOUN and ASK_GROUP say which of
 * the two: one load tells whether a token is listed and, for a word read,
 * which of the two lexicons may hold it, where three filters were asked of
 * each token and two again of each word read. A word it lets through is
 * asked the exact lookups. Bytes rather than bits: one load, where a bit
 * took two shifts and a copy more, on every token of every sentence.
 *
 * The byte's other bits stand for the filters of the lexicons asked most
 * often of the words around the runs (ask_of[]), which lex_entry() then
 * reads from the table, the builder's, rather than from each lexicon's
 * filter and shift; months and weekdays, asked together of a word, share
 * one. A filter finer than the table's classes would only let more words
 * through to the exact lookup. */
enum { ASK_SHIFT = 18, ASK_CLASSES = 1u << (32 - ASK_SHIFT) };
enum {
    ASK_LISTED = 1,
    ASK_PRONOUN = 2,
    ASK_GROUP = 4,
    ASK_FUNCTION = 8,
    ASK_ORG_WORD = 16,
    ASK_STARTER = 32,
    ASK_PLACE = 64,
    ASK_CALENDAR = 128
};
_Static_assert((unsigned)LEDE_TOKEN_CAPITALIZED == (unsigned)ASK_LISTED,
               "read_sentence() adds the flag to a count");

/* The bit of each lexicon in the table, 0 for those asked through their own
 * filters. */
static const unsigned char ask_of[LEXICON_COUNT] = {
    [LX_PRONOUNS] = ASK_PRONOUN,          [LX_GROUP_NOUNS] = ASK_GROUP,
    [LX_FUNCTION_WORDS] = ASK_FUNCTION,   [LX_ORG_WORDS] = ASK_ORG_WORD,
    [LX_SENTENCE_STARTERS] = ASK_STARTER, [LX_PLACE_WORDS] = ASK_PLACE,
    [LX_MONTHS] = ASK_CALENDAR,           [LX_WEEKDAYS] = ASK_CALENDAR};

typedef struct builder {
    lede_doc *doc;
    const lede_token *tok;
    vec entities; /* entity */
    strmap by_key;
    strmap by_surname;
    strmap by_title;   /* folded title head ("president") -> latest speaker with it */
    size_t sentence;   /* index of the sentence being read */
    size_t first, end; /* its tokens */
    vec unresolved;    /* unresolved_run: doubtful runs, looked at again at the end */
    uint32_t the_key;  /* lexicon_filter_key() of "the" (is_the()) */
    /* lexicon_filter_key() per token of [keys_first, keys_first +
     * keys_count), the sentence being read: keys[i - keys_first]. Keys per
     * sentence rather than per token of the document keep the layer's
     * scratch small: with the public tokens, a key per token was what took
     * a long document over its memory budget. */
    vec key_store; /* uint32_t, `keys` */
    uint32_t *keys;
    size_t keys_first, keys_count;
    /* the tokens of the sentence being read that read_sentence() looks
     * at, as offsets from its first: room for the longest sentence */
    vec mark_store; /* uint32_t, `marks` */
    uint32_t *marks;
    const unsigned char *asks; /* ask_table() */
    int headline;              /* reading a title or a heading */
    int failed;
} builder;

/* A run that may name a person seen elsewhere (read_unresolved()): tokens
 * [first, first + count), count at most RUN_MAX and a period (scan_run()). A
 * long document defers a few hundred: 24 bytes each rather than 32 keep the
 * layer's scratch further under its memory budget. */
typedef struct unresolved_run {
    size_t first, sentence;
    unsigned char count;
    unsigned char headline;
    unsigned char plain_shape; /* name_lookup.plain_shape of a word read_run() looked up */
} unresolved_run;

/* What the front of a run or an apposition says about the speaker. */
typedef struct role {
    size_t title_first, title_end; /* tokens; equal when none */
    const char *title;             /* display form */
    size_t title_len;
    int32_t title_gender;
    const char *affiliation;
    size_t affiliation_len;
    size_t org_token, org_end; /* an organization named in front of the title ("NATO") */
    int has_org_token;
    int32_t honorific_gender;
    int has_honorific;
} role;

/* The empty role. A role is cleared by copying it (`role r = no_role;`):
 * compilers clear a struct of this size with "rep stos", which costs more
 * than the few vector moves of a copy, once or twice for every run read. */
static const role no_role;

/* ------------------------------------------------------------------ */
/* Strings                                                             */

/* The hash of a map key: the lexicons' hash, which reads eight bytes a
 * step (it folds ASCII case, which the folded keys have no use for, and in
 * keys of eight bytes or more puts a few punctuation bytes together: only
 * the odd extra compare). */
static size_t hash_bytes(const char *s, size_t len)
{
    return lexicon_hash(s, len);
}

static void strmap_init(strmap *m)
{
    /* the builder's, which speaker_build() clears whole: not cleared twice */
    vec_init(&m->store, sizeof(strmap_slot));
    m->slots = m->first;
    m->mask = STRMAP_FIRST - 1;
}

static int strmap_grow(arena *a, strmap *m)
{
    size_t size = (m->mask + 1) * 2;
    vec store;
    vec_init(&store, sizeof(strmap_slot));
    if (vec_reserve_exact(a, &store, size) != 0)
        return -1;
    strmap_slot *slots = store.items;
    memset(slots, 0, size * sizeof *slots);
    for (size_t i = 0; i <= m->mask; i++) {
        if (!m->slots[i].key)
            continue;
        size_t h = hash_bytes(m->slots[i].key, m->slots[i].len) & (size - 1);
        while (slots[h].key)
            h = (h + 1) & (size - 1);
        slots[h] = m->slots[i];
    }
    vec_release(a, &m->store);
    m->store = store;
    m->slots = slots;
    m->mask = size - 1;
    return 0;
}

static strmap_slot *strmap_slot_for(const strmap *m, size_t hash, const char *key, size_t len)
{
    for (size_t h = hash & m->mask;; h = (h + 1) & m->mask) {
        strmap_slot *s = &m->slots[h];
        if (!s->key || (s->len == len && memcmp(s->key, key, len) == 0))
            return s;
    }
}

/* strmap_get() and strmap_put() of a key whose hash_bytes() the caller
 * has: a new entity's key is looked up and then put, hashed once. */
static size_t strmap_get_hashed(const strmap *m, size_t hash, const char *key, size_t len)
{
    if (!(m->lengths & length_bit(len)))
        return LEDE_NONE;
    const strmap_slot *s = strmap_slot_for(m, hash, key, len);
    return s->key ? s->value : LEDE_NONE;
}

static size_t strmap_get(const strmap *m, const char *key, size_t len)
{
    if (!(m->lengths & length_bit(len)))
        return LEDE_NONE;
    return strmap_get_hashed(m, hash_bytes(key, len), key, len);
}

static int strmap_put_hashed(arena *a, strmap *m, size_t hash, const char *key, size_t len,
                             size_t value)
{
    if ((m->count + 1) * 2 > m->mask + 1 && strmap_grow(a, m) != 0)
        return -1;
    strmap_slot *s = strmap_slot_for(m, hash, key, len);
    if (!s->key) {
        s->key = key;
        s->len = len;
        m->count++;
        m->lengths |= length_bit(len);
        m->shapes |= key_shape(key, len);
    }
    s->value = value;
    return 0;
}

static int strmap_put(arena *a, strmap *m, const char *key, size_t len, size_t value)
{
    return strmap_put_hashed(a, m, hash_bytes(key, len), key, len, value);
}

/* Bytes 0x01 in each of eight: the words below look at eight bytes at once. */
#define BYTES_01 0x0101010101010101ull
#define BYTES_80 0x8080808080808080ull

/* A byte of x equal to zero sets bit 7 of the result, in its own byte or a
 * higher one (only a zero byte sets the lowest such bit; any bit answers
 * the question "is there one"). */
static inline uint64_t zero_byte(uint64_t x)
{
    return (x - BYTES_01) & ~x & BYTES_80;
}

/* Are the eight bytes of x (in memory order) each plain ASCII other than
 * '&', '<' and '\r', the bytes text_next() decodes as themselves? */
static inline int plain8(uint64_t x)
{
    return !((x & BYTES_80) | zero_byte(x ^ ('&' * BYTES_01)) | zero_byte(x ^ ('<' * BYTES_01)) |
             zero_byte(x ^ ('\r' * BYTES_01)));
}

/* lexicon_fold() of eight ASCII bytes at once: bit 5 set in each upper-case
 * letter. A byte's value plus 0x3F reaches bit 7 from 'A', plus 0x25 from
 * past 'Z'; no sum carries into the next byte (bytes are below 0x80). */
static inline uint64_t fold8(uint64_t x)
{
    uint64_t from_a = x + 0x3F * BYTES_01, past_z = x + 0x25 * BYTES_01;
    return x | (from_a & ~past_z & BYTES_80) >> 2;
}

/* `s` case-folded, with diacritics removed and typographic apostrophes as
 * "'", written to out (room for 3 x len bytes + 1): the key that joins names
 * across articles. Returns its length. */
static size_t fold_into(const char *s, size_t len, char *out)
{
    /* Plain ASCII, nearly every name, as text_next() takes it, folds byte
     * for byte: eight bytes a step, the last step overlapping the one
     * before; a string of four to seven bytes as its first and last four. */
    size_t i = 0;
    uint64_t x;
    if (len >= 8) {
        for (; i + 8 <= len; i += 8) {
            memcpy(&x, s + i, 8);
            if (!plain8(x))
                break;
            x = fold8(x);
            memcpy(out + i, &x, 8);
        }
        if (i < len && i + 8 > len) {
            memcpy(&x, s + len - 8, 8);
            if (plain8(x)) {
                x = fold8(x);
                memcpy(out + len - 8, &x, 8);
                i = len;
            }
        }
    } else if (len >= 4) {
        uint32_t first, last;
        memcpy(&first, s, 4);
        memcpy(&last, s + len - 4, 4);
        x = (uint64_t)first | (uint64_t)last << 32;
        if (plain8(x)) {
            x = fold8(x);
            first = (uint32_t)x;
            last = (uint32_t)(x >> 32);
            memcpy(out, &first, 4);
            memcpy(out + len - 4, &last, 4);
            i = len;
        }
    }
    /* the rest from the first step that was not plain: byte for byte */
    size_t n = i;
    while (i < len) {
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80 && b != '&' && b != '<' && b != '\r') {
            out[n++] = (char)lexicon_fold(b);
            i++;
            continue;
        }
        tchar c;
        text_next_slow(s, len, i, &c);
        i += c.size;
        if (c.cp < 0x80) {
            out[n++] = (char)(c.cp >= 'A' && c.cp <= 'Z' ? c.cp + 32 : c.cp);
            continue;
        }
        if (c.cp == 0x2019 || c.cp == 0x2018) {
            out[n++] = '\'';
            continue;
        }
        utf8proc_int32_t buf[8];
        int boundclass = 0;
        utf8proc_ssize_t k = utf8proc_decompose_char(
            (utf8proc_int32_t)c.cp, buf, 8,
            UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD, &boundclass);
        for (utf8proc_ssize_t m = 0; m >= 0 && m < k && m < 8; m++) {
            char enc[4];
            size_t e = text_encode((uint32_t)buf[m], enc);
            if (n + e > len * 3)
                break;
            memcpy(out + n, enc, e);
            n += e;
        }
    }
    out[n] = '\0';
    return n;
}

/* Is every byte of s plain ASCII, one that fold_into() copies (case
 * folded) as one byte? */
static int plain_ascii(const char *s, size_t len)
{
    /* eight bytes a step, the last overlapping the one before; four to
     * seven bytes as the first and last four */
    uint64_t x;
    if (len >= 8) {
        for (size_t i = 0; i + 8 < len; i += 8) {
            memcpy(&x, s + i, 8);
            if (!plain8(x))
                return 0;
        }
        memcpy(&x, s + len - 8, 8);
        return plain8(x);
    }
    if (len >= 4) {
        uint32_t first, last;
        memcpy(&first, s, 4);
        memcpy(&last, s + len - 4, 4);
        return plain8((uint64_t)first | (uint64_t)last << 32);
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || c == '&' || c == '<' || c == '\r')
            return 0;
    }
    return 1;
}

/* fold_into() a new string in the arena, for keys that are kept. */
enum { KEY_MAX = 64 }; /* longer names are looked up through the arena */

static char *fold(arena *a, const char *s, size_t len, size_t *out_len)
{
    if (len <= KEY_MAX) { /* fold on the stack, keep only the bytes used */
        char stack[KEY_MAX * 3 + 1];
        size_t n = fold_into(s, len, stack);
        char *out = arena_alloc(a, n + 1);
        if (out) {
            memcpy(out, stack, n + 1);
            *out_len = n;
        }
        return out;
    }
    char *out = arena_alloc(a, len * 3 + 1);
    if (out)
        *out_len = fold_into(s, len, out);
    return out;
}

/* fold_into() for a lookup: into `stack` (KEY_MAX * 3 + 1 bytes) when s is
 * short enough, else into the arena; NULL when out of memory. */
static char *fold_temp(arena *a, const char *s, size_t len, char *stack, size_t *out_len)
{
    char *out = len <= KEY_MAX ? stack : arena_alloc(a, len * 3 + 1);
    if (out)
        *out_len = fold_into(s, len, out);
    return out;
}

/* What known_name() found for the text [begin, end) of a name: kept by
 * read_run() for a name of one word, which resolve_person() then neither
 * folds nor looks up again. */
typedef struct name_lookup {
    const char *key; /* fold_into() of the text; NULL when no key can be it */
    size_t len, hash;
    size_t by_key, by_surname; /* the maps' entities, LEDE_NONE when absent */
    int surname_looked;        /* by_surname was looked up (when by_key is absent) */
    /* 1 + the shape_index() of plain ASCII text told no name by its shape,
     * which a later lookup of the same text can ask again without reading
     * it (read_unresolved()); 0 when the text was folded */
    unsigned char plain_shape;
    char stack[KEY_MAX * 3 + 1];
} name_lookup;

/* The entity whose full name (or, for one word, surname) the text
 * [begin, end) is, or LEDE_NONE; *kind tells which, and *look what was
 * looked up. Folds into look->stack. Inline: most words asked are of a
 * shape no name has, told in fewer instructions than a call costs. */
static HOT_INLINE size_t lookup_name(builder *b, size_t begin, size_t end, int one_word,
                                     int32_t *kind, name_lookup *look)
{
    size_t n = end - begin, len = 0;
    look->key = NULL;
    look->by_key = look->by_surname = LEDE_NONE;
    look->surname_looked = 0;
    look->plain_shape = 0;
    /* plain ASCII folds byte for byte: of a shape no key has, it is no
     * name, and need not be folded */
    const char *s = b->doc->text + begin;
    uint64_t shapes = b->by_key.shapes | (one_word ? b->by_surname.shapes : 0);
    unsigned shape = n ? shape_index(n, lexicon_fold((unsigned char)s[0]),
                                     lexicon_fold((unsigned char)s[n - 1]))
                       : shape_index(0, 0, 0);
    if (!(shapes >> shape & 1) && plain_ascii(s, n)) {
        look->plain_shape = (unsigned char)(shape + 1);
        *kind = LEDE_MENTION_NAME;
        return LEDE_NONE;
    }
    char *key = fold_temp(&b->doc->arena, s, n, look->stack, &len);
    if (!key) {
        b->failed = 1;
        return LEDE_NONE;
    }
    /* one hash for both maps */
    const size_t hash = hash_bytes(key, len);
    look->key = key;
    look->len = len;
    look->hash = hash;
    size_t e = look->by_key = strmap_get_hashed(&b->by_key, hash, key, len);
    *kind = LEDE_MENTION_NAME;
    if (e == LEDE_NONE && one_word) {
        e = look->by_surname = strmap_get_hashed(&b->by_surname, hash, key, len);
        look->surname_looked = 1;
        *kind = LEDE_MENTION_SURNAME;
    }
    return e;
}

static size_t known_name(builder *b, size_t begin, size_t end, int one_word, int32_t *kind)
{
    name_lookup look;
    return lookup_name(b, begin, end, one_word, kind, &look);
}

/* ------------------------------------------------------------------ */
/* Tokens                                                              */

/* The token helpers below are asked of nearly every token, many times over;
 * a call costs more than their bodies (HOT_INLINE). */

static HOT_INLINE const lede_token *tk(const builder *b, size_t i)
{
    return &b->tok[i];
}

/* The length lexicons look a token up with: "Congress's" is looked up as
 * "Congress". */
static size_t lex_len(const lede_token *t)
{
    size_t len = t->norm_len;
    /* the last two bytes are compared as one word, without a branch: words
     * end in "s" too often, and too much at random, for a branch on the
     * letter to be predicted */
    if (len > 2) {
        uint16_t tail, possessive;
        memcpy(&tail, t->norm + len - 2, 2);
        memcpy(&possessive, "'s", 2);
        len -= 2 * (size_t)(tail == possessive);
    }
    return len;
}

/* lex_len() as read_sentence() asks it of every token of a sentence. Its
 * branch is on the last byte, whose load lexicon_filter_key() then shares
 * (the last byte of a word that is no possessive): words end in "s" often
 * and at random, but less often than tokens are of one byte (",", ".",
 * "a"), which a branch on the length turned away: on the bench corpus a
 * quarter fewer mispredictions there, and 0.55 M fewer instructions. A
 * word of two bytes is no possessive. (lex_len() itself keeps its form:
 * this one there changed what the compiler inlined elsewhere, for 0.26 M
 * more instructions.) */
static HOT_INLINE size_t lex_len_of_any(const lede_token *t)
{
    size_t len = t->norm_len;
#if defined(__GNUC__)
    if (len == 0) /* no norm is empty (push_token()): lexicon_filter_key() need not ask */
        __builtin_unreachable();
#endif
    if (t->norm[len - 1] == 's' && len > 2 && t->norm[len - 2] == '\'')
        len -= 2;
    return len;
}

/* The entry of token i that lexicon `id` may hold (its filter let the
 * token through). */
static const lexicon_entry *lex_probe(const builder *b, size_t i, lexicon_id id)
{
    const lede_token *t = tk(b, i);
    return lexicon_hash_probe(lexicons[id], t->norm, lex_len(t));
}

/* The filter key of token i: fill_keys() made those of the sentence being
 * read, of an author's name (read_authors()) or of a run read again
 * (read_unresolved()), and every reader is meant to stay in those bounds
 * (is_word() and the like test them; debug builds check). A token outside
 * them, which no text tried so far has reached, has its key computed, so
 * that a reader that strays still gets the right answer and reads no other
 * memory: 0.7 % more instructions than an unchecked read. */
static HOT_INLINE uint32_t key_at(const builder *b, size_t i)
{
    assert(i - b->keys_first < b->keys_count);
    if (i - b->keys_first >= b->keys_count) {
        const lede_token *t = tk(b, i);
        return lexicon_filter_key(t->norm, lex_len(t));
    }
    return b->keys[i - b->keys_first];
}

/* Compute the keys of the tokens [first, end) into builder.keys, which has
 * room for the longest sentence read and grows for a longer author's name.
 * 0, or -1 (b->failed set) when out of memory. */
static HOT_INLINE int fill_keys(builder *b, size_t first, size_t end)
{
    size_t n = end - first;
    if (n > b->key_store.capacity) {
        if (vec_reserve(&b->doc->arena, &b->key_store, n) != 0) {
            b->failed = 1;
            return -1;
        }
        b->keys = b->key_store.items;
    }
    uint32_t *keys = b->keys;
    const lede_token *t = b->tok + first;
    /* four tokens a step: the loop's count and branch, a sixth of what a
     * key costs, are paid once for four */
#if defined(__GNUC__)
#pragma GCC unroll 4
#endif
    for (size_t k = 0; k < n; k++, t++)
        keys[k] = lexicon_filter_key(t->norm, lex_len(t));
    b->keys_first = first;
    b->keys_count = n;
    return 0;
}

/* A token's filter key and its class in the builder's table, read once for
 * a word that is asked of many lexicons (the first word of a name: a call
 * between two lookups would have them read again). */
typedef struct word_key {
    uint32_t key;
    unsigned ask;
} word_key;

static HOT_INLINE word_key word_key_at(const builder *b, size_t i)
{
    const uint32_t key = key_at(b, i);
    const word_key w = {key, b->asks[key >> ASK_SHIFT]};
    return w;
}

/* The entry (or prefix entry) of token i, whose word_key_at() is w, in a
 * lexicon. The lexicon's filter, or its bit in the builder's table
 * (ask_of[]), answers most of them inline, from the key computed once per
 * token. */
static HOT_INLINE const lexicon_entry *lex_entry_of(const builder *b, size_t i, word_key w,
                                                    lexicon_id id)
{
    if (ask_of[id] ? !(w.ask & ask_of[id]) : !lexicon_may_hold_key(lexicons[id], w.key))
        return NULL;
    return lex_probe(b, i, id);
}

/* lex_entry_of() of token i, its key read here. */
static HOT_INLINE const lexicon_entry *lex_entry(const builder *b, size_t i, lexicon_id id)
{
    return lex_entry_of(b, i, word_key_at(b, i), id);
}

static HOT_INLINE long lex_of(const builder *b, size_t i, word_key w, lexicon_id id)
{
    const lexicon_entry *e = lex_entry_of(b, i, w, id);
    return e ? e->value : 0;
}

static HOT_INLINE long lex(const builder *b, size_t i, lexicon_id id)
{
    const lexicon_entry *e = lex_entry(b, i, id);
    return e ? e->value : 0;
}

/* lex_words_entry_of() of n > 1 words whose first begins a longer key. */
static const lexicon_entry *lex_joined(const builder *b, size_t i, size_t n, lexicon_id id)
{
    char buf[96];
    size_t len = 0;
    for (size_t k = 0; k < n; k++) {
        const lede_token *t = tk(b, i + k);
        if (k && (t->flags & LEDE_TOKEN_SPACE_BEFORE))
            buf[len++] = ' ';
        if (len + t->norm_len + 1 >= sizeof buf)
            return NULL;
        memcpy(buf + len, t->norm, t->norm_len);
        len += t->norm_len;
    }
    return lexicon_lookup(lexicons[id], buf, len);
}

/* The lexicon entry (or prefix entry) for the words tokens[i, i + n)
 * joined by single spaces, the first one's word_key_at() being w. Words
 * that begin no multi-word key are not looked up together. */
static HOT_INLINE const lexicon_entry *lex_words_entry_of(const builder *b, size_t i, size_t n,
                                                          word_key w, lexicon_id id)
{
    const lexicon_entry *first = lex_entry_of(b, i, w, id);
    if (n == 1)
        return first;
    if (!first || !first->prefix)
        return NULL;
    return lex_joined(b, i, n, id);
}

/* lex_words_entry_of() without the prefix entries of value 0. */
static HOT_INLINE const lexicon_entry *lex_words_of(const builder *b, size_t i, size_t n,
                                                    word_key w, lexicon_id id)
{
    const lexicon_entry *e = lex_words_entry_of(b, i, n, w, id);
    return e && e->value ? e : NULL;
}

static HOT_INLINE const lexicon_entry *lex_words(const builder *b, size_t i, size_t n,
                                                 lexicon_id id)
{
    return lex_words_of(b, i, n, word_key_at(b, i), id);
}

static HOT_INLINE int is_word(const builder *b, size_t i)
{
    return i < b->end && tk(b, i)->kind == LEDE_TOKEN_WORD;
}

static HOT_INLINE int is_cap_word(const builder *b, size_t i)
{
    return is_word(b, i) && (tk(b, i)->flags & LEDE_TOKEN_CAPITALIZED);
}

static int is_lower_word(const builder *b, size_t i)
{
    return is_word(b, i) && !(tk(b, i)->flags & LEDE_TOKEN_CAPITALIZED);
}

static int is_char(const builder *b, size_t i, char c)
{
    return i < b->end && token_is_char(tk(b, i), c);
}

static int is_attached_period(const builder *b, size_t i)
{
    return is_char(b, i, '.') && !(tk(b, i)->flags & LEDE_TOKEN_SPACE_BEFORE);
}

static HOT_INLINE int is_word_eq(const builder *b, size_t i, const char *w)
{
    return i < b->end && token_is_word(tk(b, i), w);
}

/* is_word_eq(b, i, "the"), asked of nearly every word: the filter key of a
 * word of three letters is the word (its length and first, middle and last
 * letters, case folded, mixed without loss), and "the's" has the key of
 * "the" but not its length. */
static HOT_INLINE int is_the(const builder *b, size_t i)
{
    return i < b->end && key_at(b, i) == b->the_key && tk(b, i)->norm_len == 3;
}

/* "von", "bin", "de la" inside a name, when a capitalized word follows. */
static int is_particle(const builder *b, size_t i)
{
    if (!is_lower_word(b, i) || lex(b, i, LX_FUNCTION_WORDS) != FUNCTION_PARTICLE)
        return 0;
    return is_cap_word(b, i + 1) || is_particle(b, i + 1);
}

/* "Jr.", "Sr.", "II", "III" after a name. */
static int is_name_suffix(const builder *b, size_t i)
{
    return i < b->end && lex(b, i, LX_FUNCTION_WORDS) == FUNCTION_SUFFIX;
}

/* Is the token capitalized only because a sentence or quotation starts at it? */
static int at_sentence_start(const builder *b, size_t i)
{
    if (i == b->first)
        return 1;
    const lede_token *p = tk(b, i - 1);
    /* a quotation opens with a capital; after a closing mark ("…,” Kistler
     * said) a capital means a name again */
    int opening_quote = token_is_quote(p) && !(tk(b, i)->flags & LEDE_TOKEN_SPACE_BEFORE);
    return opening_quote || token_is_char(p, ':') || token_is_char(p, '(') || token_is_dash(p) ||
           token_is_char(p, '[');
}

/* The byte end of a name token without a possessive "'s" / "’s". */
static HOT_INLINE size_t end_without_possessive(const builder *b, size_t i)
{
    const lede_token *t = tk(b, i);
    const char *s = b->doc->text;
    size_t end = t->span.end;
    if (end - t->span.begin > 2 && s[end - 1] == 's' && s[end - 2] == '\'')
        return end - 2;
    if (end - t->span.begin > 4 && s[end - 1] == 's' && (unsigned char)s[end - 2] == 0x99 &&
        (unsigned char)s[end - 3] == 0x80 && (unsigned char)s[end - 4] == 0xE2)
        return end - 4;
    return end;
}

static HOT_INLINE int has_possessive(const builder *b, size_t i)
{
    return end_without_possessive(b, i) != tk(b, i)->span.end;
}

/* The end of a run of name tokens starting at i. */
static size_t scan_run(const builder *b, size_t i)
{
    size_t j = i;
    while (j < b->end && j - i < RUN_MAX) {
        if (is_cap_word(b, j)) {
            /* the pronoun "I" is no initial: "Well I think" */
            if (tk(b, j)->norm_len == 1 && tk(b, j)->norm[0] == 'I' &&
                !is_attached_period(b, j + 1))
                break;
            j++;
            /* "Woody Allen's Match Point": a possessive ends the name */
            if (has_possessive(b, j - 1))
                break;
            /* keep the period of an initial or an abbreviation: "J.", "Dr.", "Jr." */
            const lede_token *t = tk(b, j - 1);
            if (is_attached_period(b, j) &&
                (t->norm_len == 1 || lexicon_get(&lexicon_abbreviations, t->norm, t->norm_len)))
                j++;
            continue;
        }
        if (j > i && is_particle(b, j)) {
            j++;
            continue;
        }
        break;
    }
    return j;
}

/* Is token i a speech or belief verb, perhaps after an auxiliary or adverb
 * ("has also said", "previously suggested")? */
/* The cue value of token j: a cue whose lemma has two words ("point out",
 * "shoot back") counts only with its second word after it. */
static long cue_at(const builder *b, size_t j)
{
    const lexicon_entry *e = lex_entry(b, j, LX_CUE_VERBS);
    if (!e || !e->value)
        return 0;
    const char *space = e->text ? strchr(e->text, ' ') : NULL;
    return space && !is_word_eq(b, j + 1, space + 1) ? 0 : e->value;
}

static long cue_after(const builder *b, size_t i)
{
    for (size_t k = 0; k <= CUE_GAP && i + k < b->end; k++) {
        size_t j = i + k;
        long cue = cue_at(b, j);
        if (cue && cue != CUE_ACCORDING && is_lower_word(b, j))
            return cue;
        if (lex(b, j, LX_FUNCTION_WORDS) != FUNCTION_AUXILIARY)
            return 0;
    }
    return 0;
}

/* "said X", "says X", "according to X" just before i. */
static HOT_INLINE size_t title_at(const builder *b, size_t i, size_t end,
                                  const lexicon_entry **entry);

/* A speech cue after an aside between commas: "Renée Müller, who runs a
 * café, said", "Hugh Hill, a doctor at the clinic, said". */
static long cue_after_aside(const builder *b, size_t i)
{
    const lexicon_entry *e = NULL;
    if (!is_char(b, i, ',') || !(is_word_eq(b, i + 1, "who") || title_at(b, i + 1, b->end, &e) ||
                                 (is_lower_word(b, i + 1) && title_at(b, i + 2, b->end, &e))))
        return 0; /* "who …", "a doctor …", "the minister …" */
    for (size_t k = i + 1; k < b->end && k - i <= ASIDE_MAX; k++) {
        if (is_char(b, k, ','))
            return cue_after(b, k + 1);
        if (token_is_terminal(tk(b, k)) || token_is_quote(tk(b, k)))
            return 0;
    }
    return 0;
}

static int cue_before(const builder *b, size_t i)
{
    if (i == b->first)
        return 0;
    if (is_word_eq(b, i - 1, "to") && i >= b->first + 2 && is_word_eq(b, i - 2, "according"))
        return 1;
    long cue = cue_at(b, i - 1);
    return cue == CUE_SPEECH && is_lower_word(b, i - 1) && !is_word_eq(b, i - 1, "told") &&
           !is_word_eq(b, i - 1, "tell") && !is_word_eq(b, i - 1, "tells");
}

/* A modal or auxiliary after a place that acts: "Washington should defend". */
static int acts_after(const builder *b, size_t i)
{
    static const char *const verbs[] = {"should", "must",  "would",   "will",   "could",
                                        "can",    "wants", "insists", "refuses"};
    /* The letters the verbs begin with, one bit each: most tokens after a
     * place (",", "and", "'s") begin with none, and are not compared with
     * each verb. */
    enum {
        VERB_INITIALS = 1u << ('s' - 'a') | 1u << ('m' - 'a') | 1u << ('w' - 'a') |
                        1u << ('c' - 'a') | 1u << ('i' - 'a') | 1u << ('r' - 'a')
    };
    if (i < b->end && tk(b, i)->norm_len) {
        unsigned letter = ((unsigned char)tk(b, i)->norm[0] | 0x20u) - 'a';
        if (letter < 26 && (VERB_INITIALS >> letter & 1))
            for (size_t k = 0; k < sizeof verbs / sizeof *verbs; k++)
                if (is_word_eq(b, i, verbs[k]))
                    return 1;
    }
    return cue_after(b, i) == CUE_SPEECH;
}

/* ------------------------------------------------------------------ */
/* Titles, honorifics, affiliations                                   */

/* A title of up to three words at i (with modifiers such as "former"
 * before it): its length, 0 if none. title_at() below turns away the
 * tokens that no title or modifier begins with. */
static size_t title_from(const builder *b, size_t i, size_t end, const lexicon_entry *first,
                         const lexicon_entry **entry)
{
    /* first: the entry of token i (i < end), the head unless a modifier */
    size_t j = i;
    const lexicon_entry *head = first;
    while (head && head->value == TITLE_MODIFIER) {
        j++;
        head = j < end ? lex_entry(b, j, LX_TITLES) : NULL;
    }
    if (!head)
        return 0;
    const lexicon_entry *two = NULL; /* the words j, j + 1, once looked up */
    int two_looked = 0;
    /* the words in a row from j, before end, that a title may take: each
     * is asked once, not once for each length tried */
    const size_t longest = head->prefix ? 3 : 1;
    size_t words = 0;
    while (words < longest && j + words < end && is_word(b, j + words))
        words++;
    for (size_t n = words; n >= 1; n--) {
        if (n == 3 && (tk(b, j + 2)->flags & LEDE_TOKEN_SPACE_BEFORE)) {
            /* a key of three words, the last spaced apart, has its first two
             * as a prefix entry (lexgen keeps every word-prefix) */
            two = lex_joined(b, j, 2, LX_TITLES);
            two_looked = 1;
            if (!two || !two->prefix)
                continue;
        }
        /* lex_words(b, j, n, LX_TITLES), the head being known */
        const lexicon_entry *e = n == 1                 ? head
                                 : n == 2 && two_looked ? two
                                                        : lex_joined(b, j, n, LX_TITLES);
        if (e && e->value && e->value != TITLE_MODIFIER) {
            *entry = e;
            /* "Sen." keeps its period */
            size_t after = j + n;
            if (after < end && is_attached_period(b, after))
                after++;
            return after - i;
        }
    }
    return 0;
}

/* Asked at nearly every word a title may stand at: most are in no entry
 * of the titles, which the filter of lex_entry() answers inline. */
static HOT_INLINE size_t title_at(const builder *b, size_t i, size_t end,
                                  const lexicon_entry **entry)
{
    const lexicon_entry *first = i < end ? lex_entry(b, i, LX_TITLES) : NULL;
    return first ? title_from(b, i, end, first, entry) : 0;
}

/* title_at() of a token whose word_key_at() is w. */
static HOT_INLINE size_t title_at_of(const builder *b, size_t i, size_t end, word_key w,
                                     const lexicon_entry **entry)
{
    const lexicon_entry *first = i < end ? lex_entry_of(b, i, w, LX_TITLES) : NULL;
    return first ? title_from(b, i, end, first, entry) : 0;
}

static void set_title(const builder *b, role *r, size_t first, size_t end, const lexicon_entry *e)
{
    r->title_first = first;
    r->title_end = end;
    r->title_gender = e->value == TITLE_MALE     ? LEDE_GENDER_MALE
                      : e->value == TITLE_FEMALE ? LEDE_GENDER_FEMALE
                                                 : LEDE_GENDER_UNKNOWN;
    /* Display the title as written when it is capitalized there
     * ("Secretary-General"), else, and for abbreviations ("Sen."), in the
     * lexicon's form ("Senator"). */
    int abbreviated = is_attached_period(b, end - 1);
    if ((is_cap_word(b, end - 1) && !abbreviated) || !e->text) {
        size_t n = 0;
        char *t = token_join(&b->doc->arena, b->tok, first, end, &n);
        r->title = t;
        r->title_len = n;
    } else {
        r->title = e->text;
        r->title_len = strlen(e->text);
    }
}

/* An affiliation at i: a country or demonym ("US", "German") or an
 * organization ("NATO"). Sets it and returns 1. */
static int affiliation_at(builder *b, size_t i, role *r)
{
    const lexicon_entry *c = lex_words(b, i, 1, LX_COUNTRIES);
    if (c && c->value != COUNTRY_NOUN && c->text) {
        r->affiliation = c->text;
        r->affiliation_len = strlen(c->text);
        return 1;
    }
    const lexicon_entry *o = lex_words(b, i, 1, LX_ORGANIZATIONS);
    int acronym = (tk(b, i)->flags & LEDE_TOKEN_ALL_CAPS) && tk(b, i)->norm_len <= 6;
    if (o || acronym) {
        size_t n = 0;
        const char *name = o && o->text ? o->text : NULL;
        if (name) {
            r->affiliation = name;
            r->affiliation_len = strlen(name);
        } else {
            r->affiliation = token_join(&b->doc->arena, b->tok, i, i + 1, &n);
            r->affiliation_len = n;
        }
        return 1;
    }
    return 0;
}

/* Peel the front of a run: affiliations, titles and honorifics, in any
 * order ("US President Donald Trump", "Chilean Health Minister Ana Ruiz",
 * "Dr. Jane Doe"). Returns the first token of the name. */
static size_t peel_front(builder *b, size_t i, size_t end, role *r)
{
    size_t p = i;
    while (p < end) {
        const lexicon_entry *e = NULL;
        long honorific = lex(b, p, LX_HONORIFICS);
        if (honorific && p + 1 < end) {
            r->has_honorific = 1;
            r->honorific_gender = honorific == HONORIFIC_MALE     ? LEDE_GENDER_MALE
                                  : honorific == HONORIFIC_FEMALE ? LEDE_GENDER_FEMALE
                                                                  : LEDE_GENDER_UNKNOWN;
            p++;
            if (p < end && is_attached_period(b, p))
                p++;
            continue;
        }
        size_t n = title_at(b, p, end, &e);
        if (n && p + n < end) {
            set_title(b, r, p, p + n, e);
            p += n;
            continue;
        }
        /* "European Commission President ...": a known organization of
         * several words before a title */
        size_t org_words = 0;
        /* lex_words(b, p, n2, LX_ORGANIZATIONS) for n2 = 3 and 2, with the
         * first word looked up once */
        const lexicon_entry *org_first = p + 2 < end ? lex_entry(b, p, LX_ORGANIZATIONS) : NULL;
        for (size_t n2 = 3; n2 >= 2 && !org_words && org_first && org_first->prefix; n2--) {
            const lexicon_entry *o = p + n2 < end ? lex_joined(b, p, n2, LX_ORGANIZATIONS) : NULL;
            if (o && o->value && (title_at(b, p + n2, end, &e) || lex(b, p + n2, LX_HONORIFICS))) {
                org_words = n2;
                size_t n3 = 0;
                r->affiliation = o->text ? o->text
                                         : token_join(&b->doc->arena, b->tok, p, p + n2, &n3);
                r->affiliation_len = o->text ? strlen(o->text) : n3;
                r->org_token = p;
                r->org_end = p + n2;
                r->has_org_token = 1;
            }
        }
        if (org_words) {
            p += org_words;
            continue;
        }
        if (p + 1 < end && (title_at(b, p + 1, end, &e) || lex(b, p + 1, LX_HONORIFICS)) &&
            affiliation_at(b, p, r)) {
            if (!lex(b, p, LX_COUNTRIES)) {
                r->org_token = p;
                r->org_end = p + 1;
                r->has_org_token = 1;
            }
            p++;
            continue;
        }
        /* "Health Minister", "Foreign Affairs Minister": portfolio words
         * before a title word further on in the run */
        size_t k = p + 1;
        while (k + 1 < end && k - p <= 3 && !title_at(b, k, end, &e) && !lex(b, k, LX_GIVEN_NAMES))
            k++;
        size_t m = k + 1 < end ? title_at(b, k, end, &e) : 0;
        if (m && k + m < end && !lex(b, p, LX_GIVEN_NAMES)) {
            if (!r->affiliation && lex(b, p, LX_COUNTRIES) && affiliation_at(b, p, r)) {
                p++; /* "Chilean Health Minister" */
                continue;
            }
            set_title(b, r, p, k + m, e);
            p = k + m;
            continue;
        }
        break;
    }
    return p;
}

/* A lower-case title just before the run: "former president Barack Obama",
 * "the company's chief executive, Tim Cook". Inline in read_run(), which
 * asks it of most runs of one word: its call and the registers it saved
 * cost more than most of its answers (0.2 M instructions of the bench
 * corpus). */
static HOT_INLINE void title_before(builder *b, size_t i, role *r)
{
    if (r->title)
        return;
    size_t k = i;
    if (k > b->first && is_char(b, k - 1, ','))
        k--;
    /* the title ends in a lower-case word */
    if (k == b->first || !is_lower_word(b, k - 1))
        return;
    /* A title that ends there has a head of three words at most, and ends
     * in no period (k - 1 is a word): one of four tokens would begin with a
     * modifier ("former"), and the head after it, a title on its own, ends
     * there too and is found first. */
    for (size_t n = 1; n <= 3 && n <= k - b->first; n++) {
        const lexicon_entry *e = NULL;
        size_t start = k - n;
        size_t len = title_at(b, start, k, &e);
        if (len == n) {
            set_title(b, r, start, k, e);
            /* "NATO's secretary-general", "the company's chief executive" */
            if (start > b->first && has_possessive(b, start - 1) && is_cap_word(b, start - 1) &&
                !r->affiliation) {
                size_t end = end_without_possessive(b, start - 1);
                const lede_token *t = tk(b, start - 1);
                r->affiliation = arena_strndup(&b->doc->arena, b->doc->text + t->span.begin,
                                               end - t->span.begin);
                r->affiliation_len = end - t->span.begin;
            }
            return;
        }
    }
}

/* An apposition after a name: ", NATO's secretary-general," ", a
 * spokeswoman for the ministry,", ", the company's chief executive". The
 * token j is the comma (the caller has asked). */
static void apposition_after(builder *b, size_t j, role *r)
{
    size_t k = j + 1;
    size_t limit = j + APPOSITION_MAX < b->end ? j + APPOSITION_MAX : b->end;
    const char *owner = NULL;
    size_t owner_len = 0;
    if (is_word_eq(b, k, "a") || is_word_eq(b, k, "an") || is_the(b, k))
        k++;
    role front = no_role;
    const lexicon_entry *unused = NULL;
    if (k < limit && is_word(b, k) && has_possessive(b, k)) {
        /* "NATO's secretary-general", "the fund's chief economist" */
        const lede_token *t = tk(b, k);
        size_t from = is_lower_word(b, k) && is_the(b, k - 1) ? tk(b, k - 1)->span.begin
                                                              : t->span.begin;
        owner = b->doc->text + from;
        owner_len = end_without_possessive(b, k) - from;
        k++;
    } else if (k + 1 < limit && title_at(b, k + 1, limit, &unused) &&
               affiliation_at(b, k, &front)) {
        owner = front.affiliation; /* ", US envoy ..." */
        owner_len = front.affiliation_len;
        k++;
    }
    const lexicon_entry *e = NULL;
    size_t n = title_at(b, k, limit, &e);
    if (!n)
        return;
    if (!r->title)
        set_title(b, r, k, k + n, e);
    else if (!r->title_end || r->title_end == r->title_first)
        r->title_first = k, r->title_end = k + n;
    k += n;
    if (!r->affiliation && owner) {
        r->affiliation = arena_strndup(&b->doc->arena, owner, owner_len);
        r->affiliation_len = owner_len;
    }
    /* "... for the ministry", "... of Acme Corp", "... at NATO" */
    if (!r->affiliation && k < limit &&
        (is_word_eq(b, k, "for") || is_word_eq(b, k, "of") || is_word_eq(b, k, "at"))) {
        size_t a = k + 1;
        if (is_the(b, a))
            a++;
        size_t e2 = a;
        while (e2 < limit && (is_cap_word(b, e2) || (e2 > a && is_particle(b, e2))))
            e2++;
        if (e2 == a && a < limit && lex(b, a, LX_ORG_WORDS) == ORG_HEAD)
            e2 = a + 1; /* "the ministry" */
        if (e2 > a) {
            role tmp = no_role;
            if (e2 == a + 1 && affiliation_at(b, a, &tmp)) {
                r->affiliation = tmp.affiliation;
                r->affiliation_len = tmp.affiliation_len;
            } else {
                size_t start = is_the(b, a - 1) && !is_cap_word(b, a) ? a - 1 : a;
                size_t len = 0;
                char *s = token_join(&b->doc->arena, b->tok, start, e2, &len);
                /* "for Gore's campaign": the owner, without the possessive */
                size_t cut = tk(b, e2 - 1)->span.end - end_without_possessive(b, e2 - 1);
                if (s && cut)
                    s[len -= cut == 4 ? 2 : cut] = '\0';
                r->affiliation = s;
                r->affiliation_len = len;
            }
        }
    }
}

/* What an apposition read on its own adds to the role found in front of
 * the name: its title where the front had none (or only the title's words
 * where the front named it), and its affiliation where the front had none. */
static void merge_apposition(role *r, const role *apposition)
{
    if (apposition->title) {
        if (!r->title) {
            r->title = apposition->title;
            r->title_len = apposition->title_len;
            r->title_gender = apposition->title_gender;
            r->title_first = apposition->title_first;
            r->title_end = apposition->title_end;
        } else if (r->title_end == r->title_first) {
            r->title_first = apposition->title_first;
            r->title_end = apposition->title_end;
        }
    }
    if (!r->affiliation && apposition->affiliation) {
        r->affiliation = apposition->affiliation;
        r->affiliation_len = apposition->affiliation_len;
    }
}

/* ------------------------------------------------------------------ */
/* Entities and mentions                                               */

static entity *ent(builder *b, size_t i)
{
    return &VEC_AT(b->entities, entity, i);
}

static size_t add_mention(builder *b, size_t e, size_t begin, size_t end, int32_t kind)
{
    lede_mention *m = VEC_PUSH(&b->doc->arena, &b->doc->mentions, lede_mention);
    if (!m) {
        b->failed = 1;
        return LEDE_NONE;
    }
    m->span = span_make(begin, end);
    m->kind = kind;
    m->speaker = e;
    m->sentence = b->sentence;
    return b->doc->mentions.count - 1;
}

/* Copies of the strings from[0, count) in one allocation of the arena,
 * each followed by a NUL, to to[]: the strings a new entity keeps (its
 * name, key, surname, given name) cost one call and one alignment to
 * sixteen bytes, rather than one each. 0, or -1 (b->failed set) when out
 * of memory. */
static int keep_strings(builder *b, size_t count, const char *const from[], const size_t len[],
                        char *to[])
{
    size_t total = 0;
    for (size_t k = 0; k < count; k++)
        total += len[k] + 1;
    char *at = arena_alloc(&b->doc->arena, total);
    if (!at) {
        b->failed = 1;
        return -1;
    }
    for (size_t k = 0; k < count; k++) {
        memcpy(at, from[k], len[k]);
        at[len[k]] = '\0';
        to[k] = at;
        at += len[k] + 1;
    }
    return 0;
}

/* A new entity whose name (NUL-terminated at name_len) and key, fold() of
 * the name, are already the arena's; key_hash is hash_bytes() of the key. */
static size_t add_entity(builder *b, int32_t kind, char *name, size_t name_len, char *key,
                         size_t key_len, size_t key_hash, size_t words)
{
    entity *e = VEC_PUSH(&b->doc->arena, &b->entities, entity);
    if (!e) {
        b->failed = 1;
        return LEDE_NONE;
    }
    size_t index = b->entities.count - 1;
    e->kind = kind;
    e->name = name;
    e->name_len = name_len;
    e->name_words = words;
    e->key = key;
    e->key_len = key_len;
    if (strmap_put_hashed(&b->doc->arena, &b->by_key, key_hash, key, key_len, index)) {
        b->failed = 1;
        return LEDE_NONE;
    }
    return index;
}

/* A person named with a middle name ("Matthew William Goode") is also
 * known by the given name and surname alone ("Matthew Goode"). */
static void put_short_key(builder *b, size_t index)
{
    entity *e = ent(b, index);
    if (e->name_words < 3 || !e->given || !e->surname)
        return;
    size_t len = e->given_len + 1 + e->surname_len;
    char *key = arena_alloc(&b->doc->arena, len + 1);
    if (!key) {
        b->failed = 1;
        return;
    }
    memcpy(key, e->given, e->given_len);
    key[e->given_len] = ' ';
    memcpy(key + e->given_len + 1, e->surname, e->surname_len);
    key[len] = '\0';
    if (strmap_get(&b->by_key, key, len) == LEDE_NONE &&
        strmap_put(&b->doc->arena, &b->by_key, key, len, index))
        b->failed = 1;
}

static void apply_role(builder *b, size_t index, const role *r)
{
    entity *e = ent(b, index);
    if (r->title && !e->title) {
        e->title = r->title;
        e->title_len = r->title_len;
        /* the head is the last word: "president" of "US President" */
        size_t start = r->title_len;
        while (start > 0 && r->title[start - 1] != ' ')
            start--;
        size_t head_len = 0;
        char *head = fold(&b->doc->arena, r->title + start, r->title_len - start, &head_len);
        if (!head || strmap_put(&b->doc->arena, &b->by_title, head, head_len, index))
            b->failed = 1;
    }
    if (r->affiliation && !e->affiliation) {
        e->affiliation = r->affiliation;
        e->affiliation_len = r->affiliation_len;
    }
    int32_t g = r->has_honorific && r->honorific_gender ? r->honorific_gender : r->title_gender;
    if (g && e->hint_strength < 2) {
        e->gender_hint = g;
        e->hint_strength = 2;
    }
}

/* The given-name lexicon's gender for a person's first name, if clear. */
static int32_t given_name_gender(const builder *b, size_t i)
{
    long v = lex(b, i, LX_GIVEN_NAMES);
    if (!v)
        return LEDE_GENDER_UNKNOWN;
    if (v >= GIVEN_NAME_MAX - 50)
        return LEDE_GENDER_FEMALE;
    if (v <= 51)
        return LEDE_GENDER_MALE;
    return LEDE_GENDER_UNKNOWN;
}

/* token_join() of the tokens [first, end) into buf, of `size` bytes with
 * the NUL; LEDE_NONE when they do not fit. */
static size_t join_into(const builder *b, size_t first, size_t end, char *buf, size_t size)
{
    size_t n = 0;
    for (size_t i = first; i < end; i++) {
        const lede_token *t = tk(b, i);
        size_t space = n && (t->flags & LEDE_TOKEN_SPACE_BEFORE);
        if (n + space + t->norm_len + 1 > size)
            return LEDE_NONE;
        if (space)
            buf[n++] = ' ';
        memcpy(buf + n, t->norm, t->norm_len);
        n += t->norm_len;
    }
    buf[n] = '\0';
    return n;
}

/* Resolve a person's name tokens [p, q) to an entity: the same full name, a
 * surname seen before, or a new person. Returns the entity and sets *kind to
 * the mention kind. */
static size_t resolve_person(builder *b, size_t p, size_t q, size_t name_end_byte,
                             const name_lookup *look, int32_t *kind)
{
    arena *a = &b->doc->arena;
    size_t surname_tok = q - 1;
    if (surname_tok > p && is_char(b, surname_tok, '.'))
        surname_tok--; /* "Jr.", "T." */
    if (surname_tok > p && is_name_suffix(b, surname_tok))
        surname_tok--;
    const char *text = b->doc->text;
    /* The name and the keys are made on the stack (a long name in the
     * arena, given back when no entity keeps it), and copied into the arena
     * only for an entity that keeps them: most names are seen before. */
    arena_mark mark = arena_save(a);
    char name_stack[KEY_MAX + 1], key_stack[KEY_MAX * 3 + 1], sur_stack[KEY_MAX * 3 + 1];
    char *name = name_stack;
    size_t name_len = join_into(b, p, q, name_stack, sizeof name_stack);
    if (name_len == LEDE_NONE)
        name = token_join(a, b->tok, p, q, &name_len);
    if (!name) {
        b->failed = 1;
        return LEDE_NONE;
    }
    /* drop the possessive from the display form */
    size_t cut = tk(b, q - 1)->span.end - name_end_byte;
    if (cut && cut <= name_len)
        name_len -= cut == 4 ? 2 : cut; /* "’s" is normalized to "'s" */
    name[name_len] = '\0';
    const lede_token *first = tk(b, p);
    /* One word whose name is the text as written has been looked up by
     * read_run() (`look`, the lookup of that text): the key is the text
     * folded, which is also the surname, and the maps are as they were
     * then (nothing between adds to them). A word of a shape no key has
     * was not folded there: it is in neither map. */
    const name_lookup *same = look && q == p + 1 && name_len == name_end_byte - first->span.begin &&
                                      memcmp(name, text + first->span.begin, name_len) == 0
                                  ? look
                                  : NULL;
    const int folded = same && same->key;
    size_t key_len = folded ? same->len : 0;
    const char *key = folded ? same->key : fold_temp(a, name, name_len, key_stack, &key_len);
    if (!key) {
        b->failed = 1;
        return LEDE_NONE;
    }
    size_t words = surname_tok - p + 1;

    /* hashed once for the lookup and, for a new person, the map */
    const size_t key_hash = folded ? same->hash : hash_bytes(key, key_len);
    size_t found = same ? same->by_key : strmap_get_hashed(&b->by_key, key_hash, key, key_len);
    if (found != LEDE_NONE && ent(b, found)->kind == LEDE_SPEAKER_PERSON) {
        *kind = ent(b, found)->name_words > words && words == 1 ? LEDE_MENTION_SURNAME
                                                                : LEDE_MENTION_NAME;
        arena_rewind(a, mark);
        return found;
    }
    /* A name in plain ASCII, nearly every one, folds byte for byte: the
     * key's first bytes are then the given name folded (the name begins
     * with the first token's norm), and its last bytes the surname folded
     * where the name ends in the surname as written, and neither is folded
     * again. */
    const int plain = !same && plain_ascii(name, name_len); /* (same: one word, no given name) */
    const int given_in_key = plain && first->norm_len <= name_len;
    /* the surname is folded only for a name not seen whole before */
    const lede_token *st = tk(b, surname_tok);
    const char *sur_text = text + st->span.begin;
    size_t sur_text_len = (surname_tok == q - 1 ? name_end_byte : st->span.end) - st->span.begin;
    size_t sur_len = sur_text_len;
    const char *surname;
    const int sur_in_key = same ||
                           (plain && surname_tok == q - 1 && sur_text_len <= name_len &&
                            memcmp(name + name_len - sur_text_len, sur_text, sur_text_len) == 0);
    if (same) {
        surname = key;
        sur_len = key_len;
    } else if (sur_in_key) {
        surname = key + key_len - sur_text_len; /* key_len == name_len */
    } else {
        surname = fold_temp(a, sur_text, sur_text_len, sur_stack, &sur_len);
        if (!surname) {
            b->failed = 1;
            return LEDE_NONE;
        }
    }
    /* a name cut off after an initial ("Richard T.") has no surname */
    const size_t sur_hash = sur_len <= 1 ? 0 : same ? key_hash : hash_bytes(surname, sur_len);
    size_t same_surname = LEDE_NONE;
    if (sur_len > 1)
        same_surname = same && (same->surname_looked || !folded)
                           ? same->by_surname
                           : strmap_get_hashed(&b->by_surname, sur_hash, surname, sur_len);
    if (same_surname != LEDE_NONE) {
        entity *e = ent(b, same_surname);
        if (words == 1) {
            *kind = e->name_words > 1 ? LEDE_MENTION_SURNAME : LEDE_MENTION_NAME;
            arena_rewind(a, mark);
            return same_surname;
        }
        /* "Donald Trump" after "Trump": the fuller name is the same person
         * unless the entity already has a different given name. */
        char given_stack[KEY_MAX * 3 + 1];
        size_t given_len = first->norm_len;
        const char *given = given_in_key ? key
                                         : fold_temp(a, first->norm, first->norm_len, given_stack,
                                                     &given_len);
        if (!given) {
            b->failed = 1;
            return LEDE_NONE;
        }
        int compatible = !e->given ||
                         (e->given_len == given_len && memcmp(e->given, given, given_len) == 0);
        if (compatible) {
            if (words > e->name_words) {
                const char *from[3] = {name, key, given};
                const size_t lens[3] = {name_len, key_len, given_len};
                char *kept[3];
                if (keep_strings(b, 3, from, lens, kept) != 0)
                    return LEDE_NONE;
                e->name = kept[0];
                e->name_len = name_len;
                e->name_words = words;
                e->key = kept[1];
                e->key_len = key_len;
                e->given = kept[2];
                e->given_len = given_len;
                if (strmap_put_hashed(a, &b->by_key, key_hash, e->key, key_len, same_surname))
                    b->failed = 1;
                put_short_key(b, same_surname);
            } else {
                arena_rewind(a, mark);
            }
            *kind = LEDE_MENTION_NAME;
            return same_surname;
        }
    }
    /* a new person: the name and key are kept in one allocation, with the
     * surname and the given name where the key does not hold them */
    char given_stack[KEY_MAX * 3 + 1];
    size_t given_len = first->norm_len;
    const char *given = NULL;
    if (words > 1 && !given_in_key) {
        given = fold_temp(a, first->norm, first->norm_len, given_stack, &given_len);
        if (!given) {
            b->failed = 1;
            return LEDE_NONE;
        }
    }
    const char *from[4] = {name, key};
    size_t lens[4] = {name_len, key_len};
    char *kept[4];
    size_t count = 2, sur_at = 0, given_at = 0;
    if (!sur_in_key) {
        sur_at = count++;
        from[sur_at] = surname;
        lens[sur_at] = sur_len;
    }
    if (given) {
        given_at = count++;
        from[given_at] = given;
        lens[given_at] = given_len;
    }
    if (keep_strings(b, count, from, lens, kept) != 0)
        return LEDE_NONE;
    size_t index = add_entity(b, LEDE_SPEAKER_PERSON, kept[0], name_len, kept[1], key_len, key_hash,
                              words);
    if (index == LEDE_NONE)
        return LEDE_NONE;
    entity *e = ent(b, index);
    e->surname = sur_in_key ? kept[1] + key_len - sur_len : kept[sur_at];
    e->surname_len = sur_len;
    if (words > 1) {
        e->given = given ? kept[given_at] : kept[1];
        e->given_len = given_len;
        int32_t g = given_name_gender(b, p);
        if (g && e->hint_strength < 1) {
            e->gender_hint = g;
            e->hint_strength = 1;
        }
    }
    if (sur_len > 1 && strmap_put_hashed(a, &b->by_surname, sur_hash, e->surname, sur_len, index))
        b->failed = 1;
    put_short_key(b, index);
    *kind = LEDE_MENTION_NAME;
    return index;
}

/* An organization or group by its display name. */
static size_t resolve_named(builder *b, int32_t kind, const char *name, size_t len)
{
    /* the key is made on the stack (a long one in the arena, given back)
     * and copied into the arena only for a new entity */
    arena_mark mark = arena_save(&b->doc->arena);
    char stack[KEY_MAX * 3 + 1];
    size_t key_len = 0;
    char *key = fold_temp(&b->doc->arena, name, len, stack, &key_len);
    if (!key) {
        b->failed = 1;
        return LEDE_NONE;
    }
    /* "the State Department" and "State Department" are one: a new
     * entity's key has no "the " either */
    size_t skip = key_len > 4 && memcmp(key, "the ", 4) == 0 ? 4 : 0;
    const size_t key_hash = hash_bytes(key + skip, key_len - skip);
    size_t found = strmap_get_hashed(&b->by_key, key_hash, key + skip, key_len - skip);
    if (found != LEDE_NONE && ent(b, found)->kind == kind) {
        arena_rewind(&b->doc->arena, mark);
        return found;
    }
    const char *from[2] = {name, key + skip};
    const size_t lens[2] = {len, key_len - skip};
    char *kept[2];
    if (keep_strings(b, 2, from, lens, kept) != 0)
        return LEDE_NONE;
    return add_entity(b, kind, kept[0], len, kept[1], key_len - skip, key_hash, 1);
}

/* ------------------------------------------------------------------ */
/* Runs                                                                */

static int has_org_word(const builder *b, size_t i, size_t j)
{
    for (size_t k = i; k < j; k++)
        if (is_cap_word(b, k) && lex(b, k, LX_ORG_WORDS))
            return 1;
    return 0;
}

/* Extend an organization's name over "of", "for", "and": "Warsaw School of
 * Economics", "Department of Health and Human Services". */
static HOT_INLINE size_t extend_org(const builder *b, size_t i, size_t j)
{
    int after_of = 0;
    for (int n = 0; n < OF_EXTENSIONS; n++) {
        /* the joining words are short: most tokens are turned away by that */
        if (j >= b->end || tk(b, j)->norm_len > 3 ||
            !(is_word_eq(b, j, "of") || is_word_eq(b, j, "for") || is_word_eq(b, j, "and") ||
              is_char(b, j, '&')) ||
            !is_cap_word(b, j + 1))
            break;
        if (is_the(b, j + 1) && !is_cap_word(b, j + 2))
            break;
        size_t k = scan_run(b, j + 1);
        if (!has_org_word(b, i, j) && !has_org_word(b, j + 1, k))
            break;
        /* "and" joins only inside an "of" phrase: "Department of Health and
         * Human Services", not "Emerson College and Opinion Savvy" */
        if ((is_word_eq(b, j, "and") || is_char(b, j, '&')) && !after_of)
            break;
        after_of |= is_word_eq(b, j, "of");
        j = k;
    }
    return j;
}

/* "in Austin", "from Victoria": a given name after these is a place. */
static int after_place_preposition(const builder *b, size_t i)
{
    return i > b->first && lex(b, i - 1, LX_FUNCTION_WORDS) == FUNCTION_PLACE;
}

/* "X (1841 - 1904) was a Czech composer", "X is the mayor": a copula with a
 * nationality or a title after the name. */
static int described_as_person(const builder *b, size_t q)
{
    size_t k = q;
    if (is_char(b, k, '(')) { /* skip a short parenthesis: dates, a party */
        size_t close = k + 1;
        while (close < b->end && close - k < 30 && !is_char(b, close, ')'))
            close++;
        if (close >= b->end || !is_char(b, close, ')'))
            return 0;
        k = close + 1;
    }
    if (!(is_word_eq(b, k, "was") || is_word_eq(b, k, "is")))
        return 0;
    k++;
    if (!(is_word_eq(b, k, "a") || is_word_eq(b, k, "an") || is_the(b, k)))
        return 0;
    k++;
    const lexicon_entry *e = NULL;
    for (size_t n = 0; n < 3 && k + n < b->end; n++) {
        long c = lex(b, k + n, LX_COUNTRIES);
        if (c == COUNTRY_ADJECTIVE && is_cap_word(b, k + n))
            return 1;
        if (title_at(b, k + n, b->end, &e))
            return 1;
    }
    return 0;
}

static int ends_in_ing(const builder *b, size_t i)
{
    const lede_token *t = tk(b, i);
    return t->norm_len > 5 && memcmp(t->norm + t->norm_len - 3, "ing", 3) == 0;
}

/* "Kessler et al.", "Kessler (2009)", "(Kessler 2009)": a cited author. */
static int cited_author(const builder *b, size_t q)
{
    if (is_word_eq(b, q, "et") && is_word_eq(b, q + 1, "al"))
        return 1;
    size_t k = is_char(b, q, '(') || is_char(b, q, ',') ? q + 1 : q;
    const lede_token *t = k < b->end ? tk(b, k) : NULL;
    if (!t || t->kind != LEDE_TOKEN_NUMBER || t->norm_len != 4)
        return 0;
    int year = atoi(t->norm);
    return year >= 1500 && year <= 2100 &&
           (k + 1 >= b->end || is_char(b, k + 1, ')') || is_char(b, k + 1, ',') ||
            is_char(b, k + 1, ';'));
}

/* Evidence that the name tokens [p, q) name a person (wp: word_key_at(b,
 * p)). Capitalization at the start of a sentence or a quotation says
 * nothing, so there a single word needs a given name, a title or an
 * honorific. The caller asks only whether
 * the score reaches 2: once it does, the cues that would only add to it are
 * not looked for. */
static int person_score(builder *b, size_t run_first, size_t p, size_t q, word_key wp,
                        const role *r, int apposition_title)
{
    size_t words = q - p;
    int score = 0;
    if (r->has_honorific || r->title)
        score += 3;
    long given = lex_of(b, p, wp, LX_GIVEN_NAMES);
    int stop = lex_of(b, p, wp, LX_NAME_STOPWORDS) != 0;
    int initial = at_sentence_start(b, run_first);
    if (given && !stop && words >= 2)
        score += 2;
    else if (given && !stop && !initial && lex_of(b, p, wp, LX_COMMON_GIVEN_NAMES) &&
             !after_place_preposition(b, run_first) &&
             !(is_char(b, q, ',') && is_cap_word(b, q + 1)))
        score += 2; /* "Mary" inside a sentence, but not "in Austin" or "Austin, Texas" */
    else if (given && !stop && initial)
        score += 1;
    if (words >= 2 && !initial && !stop)
        score += 1; /* a capitalized pair inside a sentence */
    /* "Kessler (2009)" cites an author; "Chasing Liberty (2004)" is a film */
    if (score < 2 && (described_as_person(b, q) || (cited_author(b, q) && (words == 1 || given))))
        score += 2;
    if (initial && words == 1 && score == 0)
        return 0; /* "Well said", "Please tell" */
    if (!given && !r->has_honorific && !r->title && ends_in_ing(b, p))
        return 0; /* "Chasing Liberty", "Breaking Bad": a verb leads no name */
    if (score >= 2)
        return score;
    long cue = cue_after(b, q);
    if (cue == CUE_SPEECH || cue_before(b, run_first) || cue_after_aside(b, q) == CUE_SPEECH)
        score += 2;
    else if (cue == CUE_BELIEF)
        score += 1;
    if (apposition_title)
        score += 2; /* "Maria Costa, a spokeswoman for the ministry" */
    return score;
}

/* Add the title words of a role as a mention of the speaker. */
static void title_mention(builder *b, size_t index, const role *r)
{
    if (r->title_end > r->title_first)
        add_mention(b, index, tk(b, r->title_first)->span.begin, tk(b, r->title_end - 1)->span.end,
                    LEDE_MENTION_TITLE);
}

static int all_caps_run(const builder *b, size_t i, size_t j)
{
    for (size_t k = i; k < j; k++)
        if (is_word(b, k) && !(tk(b, k)->flags & LEDE_TOKEN_ALL_CAPS) && tk(b, k)->norm_len > 1)
            return 0;
    return 1;
}

/* A place name: "San Diego", "Main Street", "Lake Erie". */
static int place_like(const builder *b, size_t p, size_t q)
{
    if (q - p < 2)
        return 0;
    long first = lex(b, p, LX_PLACE_WORDS), last = lex(b, q - 1, LX_PLACE_WORDS);
    if (first == 0 && last == 2 && lex(b, p, LX_GIVEN_NAMES) && !lex(b, p, LX_NAME_STOPWORDS) &&
        (cue_after(b, q) == CUE_SPEECH ||
         (is_char(b, q, ',') && (is_word_eq(b, q + 1, "a") || is_word_eq(b, q + 1, "an")))))
        return 0; /* "Hugh Hill, a doctor, said": a person who speaks */
    if (!(first == 1 || first == 3 || last == 2 || last == 3))
        return 0;
    /* "Port Director Helena Costa", "Gov. Ana Park": a title in the run, a
     * name after it */
    const lexicon_entry *e = NULL;
    for (size_t k = p; k + 1 < q && k - p <= 4; k++)
        if (title_at(b, k, q, &e))
            return 0;
    return 1;
}

/* "I'll", "Don't": contractions are no names. */
static int contraction(const builder *b, size_t i)
{
    const lede_token *t = tk(b, i);
    const char *apostrophe = memchr(t->norm, '\'', t->norm_len);
    return apostrophe && !has_possessive(b, i) && (size_t)(apostrophe - t->norm) + 3 >= t->norm_len;
}

static void add_org(builder *b, const char *name, size_t len, size_t first, size_t end_byte)
{
    size_t index = resolve_named(b, LEDE_SPEAKER_ORGANIZATION, name, len);
    if (index != LEDE_NONE)
        add_mention(b, index, tk(b, first)->span.begin, end_byte, LEDE_MENTION_NAME);
}

/* Defer the run [first, end); plain_shape is name_lookup.plain_shape of a
 * word that was looked up, else 0. */
static void defer(builder *b, size_t first, size_t end, int headline, unsigned char plain_shape)
{
    unresolved_run *u = VEC_PUSH(&b->doc->arena, &b->unresolved, unresolved_run);
    if (!u) {
        b->failed = 1;
        return;
    }
    u->first = first;
    u->count = (unsigned char)(end - first);
    u->sentence = b->sentence;
    u->headline = (unsigned char)headline;
    u->plain_shape = plain_shape;
}

/* read_org() of a run that its quick test let through. */
static size_t read_org_at(builder *b, size_t p, size_t q, word_key wp)
{
    const lexicon_entry *org = lex_words_of(b, p, q - p, wp, LX_ORGANIZATIONS);
    if (org) {
        const char *name = org->text ? org->text : org->key;
        size_t end = q;
        if (is_cap_word(b, end) && lex(b, end, LX_ORG_WORDS) == ORG_SUFFIX)
            end += is_attached_period(b, end + 1) ? 2 : 1; /* "Apple Inc." */
        add_org(b, name, strlen(name), p, end_without_possessive(b, end - 1));
        return end;
    }
    size_t e = extend_org(b, p, q);
    /* a head word at the end ("Warsaw School", "General Motors"), before
     * "of" ("Warsaw School of Economics") or first ("Ministry of Defence") */
    int head_at_end = e - p >= 2 && (lex(b, e - 1, LX_ORG_WORDS) != 0 ||
                                     (e > q && lex(b, q - 1, LX_ORG_WORDS) == ORG_HEAD));
    int head_first = e > q && lex_of(b, p, wp, LX_ORG_WORDS) == ORG_HEAD;
    /* a suffix is capitalized: most runs are followed by a word in lower
     * case or by punctuation, which is told before the lexicon is asked */
    if (!head_at_end && !head_first && e - p >= 1 && is_cap_word(b, e) &&
        lex(b, e, LX_ORG_WORDS) == ORG_SUFFIX) {
        e += is_attached_period(b, e + 1) ? 2 : 1; /* "Acme Inc." */
        head_at_end = 1;
    }
    if (!head_at_end && !head_first)
        return 0;
    size_t len = 0;
    char *name = token_join(&b->doc->arena, b->tok, p, e, &len);
    if (!name) {
        b->failed = 1;
        return e;
    }
    /* the display name keeps no possessive: "NATO's" -> "NATO" */
    size_t cut = tk(b, e - 1)->span.end - end_without_possessive(b, e - 1);
    if (cut)
        len -= cut == 4 ? 2 : cut;
    add_org(b, name, len, p, end_without_possessive(b, e - 1));
    return e;
}

/* The run [p, q) as an organization, when it is one: a known name, or
 * words ending in an organization head word or a company suffix ("Warsaw
 * School of Economics", "General Motors", "Apple Inc."). Returns the end of
 * the organization's name, 0 if it is none. wp is word_key_at(b, p). Most runs
 * are none, which the filters and the tokens after the run tell without a
 * call: read_org_at() finds one only with a known name's first word at p,
 * a head word last in a run of two words or more, or after the run a
 * capitalized word (a suffix) or a short word ("of", "for", "and", "&")
 * before one. */
static HOT_INLINE size_t read_org(builder *b, size_t p, size_t q, word_key wp)
{
    if (!lexicon_may_hold_key(&lexicon_organizations, wp.key) &&
        (q - p < 2 || !lex_entry(b, q - 1, LX_ORG_WORDS)) &&
        (q >= b->end || (!is_cap_word(b, q) && (tk(b, q)->norm_len > 3 || !is_cap_word(b, q + 1)))))
        return 0;
    return read_org_at(b, p, q, wp);
}

/* Read the run [i, j) and the words around it. Returns the index to go on
 * from. */
static size_t read_run(builder *b, size_t i, size_t j)
{
    /* "The", "No", "In" at the front are not part of a name */
    word_key wi; /* of the run's first word, the name's in most runs */
    for (;; i++) {
        if (i >= j)
            return j;
        wi = word_key_at(b, i);
        if (!lex_of(b, i, wi, LX_SENTENCE_STARTERS) || lex_of(b, i, wi, LX_GIVEN_NAMES))
            break;
    }
    if (b->headline) {
        /* Every word of a headline is capitalized: name there only what the
         * body names, once it has been read (read_unresolved()). */
        const lexicon_entry *known_org = lex_words(b, i, j - i, LX_ORGANIZATIONS);
        if (known_org) {
            const char *name = known_org->text ? known_org->text : known_org->key;
            add_org(b, name, strlen(name), i, end_without_possessive(b, j - 1));
        } else {
            defer(b, i, j, 1, 0);
        }
        return j;
    }
    size_t run_first = i;
    /* post-nominal letters: "Daniel Bernoulli FRS" */
    while (j - i >= 3 && (tk(b, j - 1)->flags & LEDE_TOKEN_ALL_CAPS) &&
           !(tk(b, j - 2)->flags & LEDE_TOKEN_ALL_CAPS) && !is_name_suffix(b, j - 1))
        j--;
    /* A line in capitals tells nothing by its capitals: only a common given
     * name and a surname ("KAMALA HARRIS") name a person there. */
    int all_caps = j - i >= 2 && all_caps_run(b, i, j);
    size_t end = read_org(b, i, j, wi);
    if (end)
        return end;
    if (all_caps) {
        if (j - i > 3 || !lex(b, i, LX_COMMON_GIVEN_NAMES) || lex(b, i, LX_NAME_STOPWORDS))
            return j;
        for (size_t k = i; k < j; k++)
            if (lex(b, k, LX_TITLES) || lex(b, k, LX_ORG_WORDS) || lex(b, k, LX_PLACE_WORDS) ||
                lex(b, k, LX_COUNTRIES))
                return j;
    }
    if (place_like(b, i, j))
        return j;
    role r = no_role;
    /* peel_front() leaves a word of the run at least: a run of one word
     * has nothing to peel */
    size_t p = j - i >= 2 ? peel_front(b, i, j, &r) : i;
    /* the first word is asked of a dozen lexicons from here on (none when
     * the run is all title, p == j, which may be past the last token) */
    const word_key wp = p == i || p >= j ? wi : word_key_at(b, p);
    /* A lower-case title just before the run counts before a title at the
     * end, which is looked for in a name of three words or more; in a
     * shorter one it is looked for only once the checks that need no title
     * have let the run through (title_before() finds the same, asked later:
     * what comes between leaves the role alone). */
    const int early_title = j - p >= 3;
    if (early_title && !r.title)
        title_before(b, run_first, &r);
    size_t q = j;
    /* a title at the end: "Robert Pangborn Vice President" */
    const lexicon_entry *te = NULL;
    for (size_t k = p + 2; k < q && !r.title; k++) {
        size_t n = title_at(b, k, q, &te);
        if (n && k + n == q) {
            set_title(b, &r, k, q, te);
            q = k;
        }
    }
    /* an organization named after its title: "General Motors" (the whole
     * run has been tried: read_org() adds nothing when it finds none) */
    if (p < q && (p != i || q != j) && (end = read_org(b, p, q, wp)) != 0)
        return end;
    if (p >= q) {
        /* a title alone, capitalized: "the President said" */
        return j;
    }
    size_t words = q - p;
    size_t name_words = words - (is_attached_period(b, q - 1) ? 1 : 0);
    /* places: a speaker only when they act ("Moscow said") */
    /* lex_words(b, p, words, LX_COUNTRIES) */
    const lexicon_entry *place = lex_entry_of(b, p, wp, LX_COUNTRIES);
    if (words > 1)
        place = place && place->prefix ? lex_joined(b, p, words, LX_COUNTRIES) : NULL;
    if (place && !place->value)
        place = NULL;
    long month = name_words == 1 ? lex_of(b, p, wp, LX_MONTHS) : 0;
    long weekday = name_words == 1 ? lex_of(b, p, wp, LX_WEEKDAYS) : 0;
    if (place || month || weekday) {
        if (place && place->value == COUNTRY_NAME && !r.title && acts_after(b, q)) {
            if (!early_title)
                title_before(b, run_first, &r);
            if (!r.title) {
                const char *name = place->text ? place->text : place->key;
                size_t index = resolve_named(b, LEDE_SPEAKER_ORGANIZATION, name, strlen(name));
                if (index != LEDE_NONE)
                    add_mention(b, index, tk(b, p)->span.begin, end_without_possessive(b, q - 1),
                                LEDE_MENTION_NAME);
            }
        }
        return q;
    }
    /* "Court", "Parliament", "Hotel", "Inc.": words of organizations and
     * places are no names on their own */
    if (name_words == 1 && (lex_of(b, p, wp, LX_ORG_WORDS) || lex_of(b, p, wp, LX_PLACE_WORDS)) &&
        !lex_of(b, p, wp, LX_COMMON_GIVEN_NAMES))
        return q;
    /* "Several Democrats", "Senate Republicans": groups, not names (the
     * first word's answer is kept for a group noun alone, below) */
    const long group_first = lex_of(b, p, wp, LX_GROUP_NOUNS);
    if (group_first && !lex_of(b, p, wp, LX_GIVEN_NAMES))
        return q;
    for (size_t k = p + 1; k < q; k++)
        if (lex(b, k, LX_GROUP_NOUNS) && !lex(b, k, LX_GIVEN_NAMES))
            return q;
    if (!early_title && !r.title)
        title_before(b, run_first, &r);
    /* titles or groups alone ("Chief Justice", "Democrats"), contractions */
    if (!r.title && (title_at_of(b, p, q, wp, &te) == words ||
                     (words == 1 && (group_first || contraction(b, p)))))
        return q;
    /* an acronym that speaks: "the IAEA said" */
    if (words == 1 && (tk(b, p)->flags & LEDE_TOKEN_ALL_CAPS) && !r.title && !r.has_honorific) {
        if (cue_after(b, q) == CUE_SPEECH || cue_before(b, p)) {
            size_t index = resolve_named(b, LEDE_SPEAKER_ORGANIZATION, tk(b, p)->norm,
                                         tk(b, p)->norm_len);
            if (index != LEDE_NONE)
                add_mention(b, index, tk(b, p)->span.begin, end_without_possessive(b, p),
                            LEDE_MENTION_NAME);
        }
        return q;
    }
    /* a single word that names a known person: "Rutte" */
    size_t name_end_byte = end_without_possessive(b, q - 1);
    int32_t known_kind;
    name_lookup look; /* for resolve_person(), which then looks the word up no more */
    int known = words == 1 && lookup_name(b, tk(b, p)->span.begin, name_end_byte, 1, &known_kind,
                                          &look) != LEDE_NONE;
    /* an apposition starts with a comma: most names are followed by none,
     * and need neither the call nor a role cleared for it */
    role apposition_role;
    const role *apposition = NULL;
    if (is_char(b, q, ',')) {
        apposition_role = no_role;
        apposition_after(b, q, &apposition_role);
        apposition = &apposition_role;
    }
    int score = known ? 3
                      : person_score(b, run_first, p, q, wp, &r, apposition && apposition->title);
    if (score < 2) {
        /* a name seen first where nothing shows it is one ("Jerome walked
         * in") may still be named later: look again at the end */
        if (words <= 2)
            defer(b, p, q, 0, words == 1 ? look.plain_shape : 0);
        return q;
    }
    if (apposition)
        merge_apposition(&r, apposition);
    int32_t kind = LEDE_MENTION_NAME;
    size_t index = resolve_person(b, p, q, name_end_byte, words == 1 ? &look : NULL, &kind);
    if (index == LEDE_NONE)
        return q;
    if (r.has_org_token) {
        /* "NATO" in "NATO Secretary-General Mark Rutte" names NATO too */
        add_org(b, r.affiliation, r.affiliation_len, r.org_token, tk(b, r.org_end - 1)->span.end);
    }
    if (r.title_end > r.title_first && r.title_first < p)
        title_mention(b, index, &r);
    add_mention(b, index, tk(b, p)->span.begin, name_end_byte, kind);
    if (r.title_end > r.title_first && r.title_first > p)
        title_mention(b, index, &r);
    apply_role(b, index, &r);
    return r.title_end > q ? r.title_end : q;
}

/* "Antonin Ferrant" at the start of a sentence, with nothing to show it is a
 * name, where "Ferrant" is later a person known by the surname alone: the
 * full name of that person, which the speaker takes as its name. Returns
 * the speaker, or LEDE_NONE. */
static size_t fuller_name(builder *b, size_t p, size_t q, int32_t *kind)
{
    size_t last = q - 1;
    if (!is_cap_word(b, p) || !is_cap_word(b, last) || lex(b, p, LX_NAME_STOPWORDS))
        return LEDE_NONE;
    int32_t surname_kind;
    size_t e = known_name(b, tk(b, last)->span.begin, end_without_possessive(b, last), 1,
                          &surname_kind);
    if (e == LEDE_NONE || ent(b, e)->kind != LEDE_SPEAKER_PERSON || ent(b, e)->name_words != 1)
        return LEDE_NONE; /* only a speaker with no given name yet: never two Smiths */
    entity *en = ent(b, e);
    size_t len = 0;
    char *name = token_join(&b->doc->arena, b->tok, p, q, &len);
    if (!name) {
        b->failed = 1;
        return LEDE_NONE;
    }
    size_t cut = tk(b, last)->span.end - end_without_possessive(b, last);
    len -= cut == 4 ? 2 : cut;
    name[len] = '\0';
    en->name = name;
    en->name_len = len;
    en->name_words = q - p;
    en->key = fold(&b->doc->arena, name, len, &en->key_len);
    en->given = fold(&b->doc->arena, tk(b, p)->norm, tk(b, p)->norm_len, &en->given_len);
    if (!en->key || !en->given)
        b->failed = 1;
    else
        put_short_key(b, e);
    *kind = LEDE_MENTION_NAME;
    return e;
}

/* Runs left unresolved because nothing showed they were names: now that the
 * whole text is read, those that match a person's name or surname are
 * mentions of that person. In a headline run, any part may be a name:
 * "Donald Trump Leads Poll" holds "Donald Trump". */
static void read_unresolved(builder *b)
{
    for (size_t k = 0; k < b->unresolved.count && !b->failed; k++) {
        const unresolved_run *u = &VEC_AT(b->unresolved, unresolved_run, k);
        /* A word that was plain ASCII of a shape no name had when it was
         * deferred, nearly every one, is a name now only if a name of that
         * shape has come since: asked of the maps' shapes alone, as
         * lookup_name() would, without reading it again. */
        if (u->plain_shape &&
            !((b->by_key.shapes | b->by_surname.shapes) >> (u->plain_shape - 1) & 1))
            continue;
        b->sentence = u->sentence;
        const size_t run_end = u->first + u->count;
        size_t p = u->first;
        while (p < run_end && !b->failed) {
            /* the longest known name from p; a body run only as a whole */
            size_t q = run_end, found = 0;
            for (; q > p && !found; q--) {
                int32_t kind;
                size_t begin = tk(b, p)->span.begin, end = end_without_possessive(b, q - 1);
                size_t e = known_name(b, begin, end, q - p == 1, &kind);
                /* only fuller_name() asks the lexicons about the run's
                 * words: their keys are made for it alone */
                if (e == LEDE_NONE && !u->headline && q - p >= 2) {
                    if (fill_keys(b, p, q) != 0)
                        return;
                    e = fuller_name(b, p, q, &kind);
                }
                if (e != LEDE_NONE && ent(b, e)->kind == LEDE_SPEAKER_PERSON) {
                    add_mention(b, e, begin, end, kind);
                    found = q;
                }
                if (!u->headline)
                    break;
            }
            if (!u->headline)
                break;
            p = found ? found : p + 1;
        }
    }
}

/* ------------------------------------------------------------------ */
/* Pronouns, titles alone, groups                                     */

static int32_t entity_gender(const entity *e)
{
    if (e->male_votes > e->female_votes)
        return LEDE_GENDER_MALE;
    if (e->female_votes > e->male_votes)
        return LEDE_GENDER_FEMALE;
    return e->gender_hint;
}

/* The antecedent of a pronoun: the first compatible mention of the nearest
 * sentence that has one (subjects come first in English), looking back at
 * most `sentences` sentences within a bounded number of mentions. Returns
 * the speaker, or LEDE_NONE. */
static size_t antecedent(builder *b, int32_t want_kind, int32_t gender, size_t sentences)
{
    const vec *ms = &b->doc->mentions;
    size_t best = LEDE_NONE, best_sentence = LEDE_NONE;
    size_t seen = 0;
    for (size_t k = ms->count; k-- > 0 && seen < PRONOUN_LOOKBACK; seen++) {
        const lede_mention *m = &VEC_AT(*ms, lede_mention, k);
        if (m->sentence + sentences < b->sentence)
            break;
        if (best != LEDE_NONE && m->sentence != best_sentence)
            break; /* the nearest sentence with a candidate has been read */
        const entity *e = ent(b, m->speaker);
        int32_t g = entity_gender(e);
        if (e->kind != want_kind || (gender && g && g != gender))
            continue;
        best = m->speaker;
        best_sentence = m->sentence;
    }
    return best;
}

static void read_pronoun(builder *b, size_t i, long pronoun)
{
    int32_t gender = pronoun == PRONOUN_MALE     ? LEDE_GENDER_MALE
                     : pronoun == PRONOUN_FEMALE ? LEDE_GENDER_FEMALE
                                                 : LEDE_GENDER_UNKNOWN;
    size_t e;
    if (pronoun == PRONOUN_PLURAL) {
        /* Plural nouns that are no speakers ("allies", "leaders") sit between
         * most groups and a later "they", so only a subject "they" in the
         * sentence of a group that spoke, or the next, is taken: "Officials
         * said ... they added". */
        if (!is_word_eq(b, i, "they"))
            return;
        e = antecedent(b, LEDE_SPEAKER_GROUP, LEDE_GENDER_UNKNOWN, 1);
    } else {
        e = antecedent(b, LEDE_SPEAKER_PERSON, gender, PRONOUN_SENTENCES);
    }
    if (e == LEDE_NONE)
        return;
    if (gender == LEDE_GENDER_MALE)
        ent(b, e)->male_votes++;
    else if (gender == LEDE_GENDER_FEMALE)
        ent(b, e)->female_votes++;
    add_mention(b, e, tk(b, i)->span.begin, tk(b, i)->span.end, LEDE_MENTION_PRONOUN);
}

/* "the secretary-general", "the president": the latest speaker who holds
 * that title. Returns the index after the title, or 0. */
static size_t read_title_alone(builder *b, size_t i)
{
    const lexicon_entry *e = NULL;
    size_t n = title_at(b, i + 1, b->end, &e);
    if (!n || is_cap_word(b, i + 1 + n) || is_char(b, i + 1 + n, ','))
        return 0; /* "the president, Joe Biden" names someone new */
    size_t end = i + 1 + n;
    const lede_token *head = tk(b, end - 1);
    if (is_attached_period(b, end - 1))
        head = tk(b, end - 2);
    if (head->norm_len > KEY_MAX)
        return 0;
    char key[KEY_MAX * 3 + 1];
    size_t len = fold_into(head->norm, head->norm_len, key);
    size_t k = strmap_get(&b->by_title, key, len);
    if (k != LEDE_NONE) {
        add_mention(b, k, tk(b, i + 1)->span.begin, tk(b, end - 1)->span.end, LEDE_MENTION_TITLE);
        return end;
    }
    return 0;
}

/* "officials said", "said police", "according to analysts", "the ministry
 * said": groups and unnamed organizations that speak. The word i is a group
 * noun or (org_head) an organization's head word after "the". */
static int read_group(builder *b, size_t i, int org_head)
{
    if (!is_lower_word(b, i) && !(is_cap_word(b, i) && at_sentence_start(b, i)))
        return 0;
    if (!(cue_after(b, i + 1) == CUE_SPEECH || cue_before(b, i)))
        return 0;
    const lede_token *t = tk(b, i);
    size_t end = end_without_possessive(b, i); /* "the committee's" */
    size_t cut = t->span.end - end;
    size_t index;
    if (org_head) {
        size_t len = 0;
        char *name = token_join(&b->doc->arena, b->tok, i - 1, i + 1, &len);
        if (!name) {
            b->failed = 1;
            return 0;
        }
        len -= cut == 4 ? 2 : cut;
        index = resolve_named(b, LEDE_SPEAKER_ORGANIZATION, name, len);
    } else {
        index = resolve_named(b, LEDE_SPEAKER_GROUP, t->norm, t->norm_len - (cut == 4 ? 2 : cut));
    }
    if (index != LEDE_NONE)
        add_mention(b, index, t->span.begin, end, LEDE_MENTION_DESCRIPTION);
    return 1;
}

/* ------------------------------------------------------------------ */
/* The pass                                                            */

/* Mark the classes of `asks` that hold the keys of filter class f of a
 * filter of `shift` with `what` (and ASK_LISTED, for the pronouns and the
 * group nouns). */
static void ask_filter_class(unsigned char *asks, uint32_t f, uint32_t shift, unsigned what)
{
    if (what & (ASK_PRONOUN | ASK_GROUP))
        what |= ASK_LISTED;
    if (shift < ASK_SHIFT) {
        asks[f >> (ASK_SHIFT - shift)] |= (unsigned char)what;
        return;
    }
    uint32_t n = 1u << (shift - ASK_SHIFT);
    for (uint32_t c = f << (shift - ASK_SHIFT), end = c + n; c < end; c++)
        asks[c] |= (unsigned char)what;
}

/* The table, made once per thread (the lexicons are constant): 16 KiB that
 * no document pays for again. */
static const unsigned char *ask_table(void)
{
    static _Thread_local unsigned char asks[ASK_CLASSES];
    static _Thread_local int made;
    if (made)
        return asks;
    for (size_t l = 0; l < LEXICON_COUNT; l++) {
        if (!ask_of[l])
            continue;
        uint32_t shift = lexicons[l]->filter_shift;
        uint64_t classes = 1ull << (32 - shift); /* bits of its filter */
        for (uint64_t w = 0; w < (classes + 63) / 64; w++)
            for (uint64_t word = lexicons[l]->filter[w]; word; word &= word - 1) {
                uint32_t bit = 0;
                while (!(word >> bit & 1))
                    bit++;
                ask_filter_class(asks, (uint32_t)(w * 64 + bit), shift, ask_of[l]);
            }
    }
    ask_filter_class(asks, lexicon_filter_key("the", 3) >> ASK_SHIFT, ASK_SHIFT, ASK_LISTED);
    made = 1;
    return asks;
}

static void read_sentence(builder *b)
{
    /* What the loop asks of the words, read through locals that the calls
     * below cannot change (the builder's address is theirs): the tokens,
     * their keys, and the filters of the lexicons asked of many words. */
    const lede_token *const tok = b->tok;
    const size_t first = b->first, end = b->end, n = end - first;
    /* speaker_build() made room for the longest sentence */
    if (n > b->mark_store.capacity) {
        if (vec_reserve(&b->doc->arena, &b->mark_store, n) != 0) {
            b->failed = 1;
            return;
        }
        b->marks = b->mark_store.items;
    }
    if (n > b->key_store.capacity) {
        if (vec_reserve(&b->doc->arena, &b->key_store, n) != 0) {
            b->failed = 1;
            return;
        }
        b->keys = b->key_store.items;
    }
    uint32_t *const keys = b->keys; /* keys[i - first]: fill_keys(b, first, end) */
    uint32_t *const marks = b->marks;
    const uint32_t the_key = b->the_key;
    /* With each key, the tokens the loop below must look at are listed
     * (marks[], offsets from `first`): the words that are capitalized, or
     * "the", a pronoun or a group noun by the filters. The rest, most
     * tokens, ask for nothing unless they follow "the", which the loop
     * tells as it goes. A token is listed without a branch: which tokens
     * are, is too much at random to be predicted, and a loop that passed
     * over the others one by one paid for a misprediction at most words
     * it stopped at, besides reading each token again. Whether a listed
     * token is a word is asked of the few listed, not of every token: a
     * capital or a key of the table's classes lists the odd number or
     * punctuation mark too, which the loop passes over. */
    const unsigned char *const asks = b->asks;
    size_t count = 0;
#if defined(__GNUC__)
#pragma GCC unroll 4
#endif
    for (size_t k = 0; k < n; k++) {
        const lede_token *t = &tok[first + k];
        const uint32_t key = lexicon_filter_key(t->norm, lex_len_of_any(t));
        keys[k] = key;
        marks[count] = (uint32_t)k;
        /* the flag and ASK_LISTED are bit 0, which alone is added */
        count += ((size_t)t->flags | (size_t)asks[key >> ASK_SHIFT]) & ASK_LISTED;
    }
    b->keys_first = first;
    b->keys_count = n;
    size_t next_mark = 0; /* marks[next_mark] is the first that may be at or after i */
    size_t i = first;
    int after_the = 0; /* is_the(b, i - 1), i - 1 in the sentence */
    /* b->failed can only be set by the calls that read what a word starts:
     * it is asked after them, not at every word */
    for (;;) {
        /* a word after "the", or the next listed token */
        if (!after_the || i >= end || tok[i].kind != LEDE_TOKEN_WORD) {
            do {
                while (next_mark < count && first + marks[next_mark] < i)
                    next_mark++;
                if (next_mark == count)
                    return;
                i = first + marks[next_mark++];
            } while (tok[i].kind != LEDE_TOKEN_WORD);
            after_the = 0; /* (a word "the" is listed: it was not passed over) */
        }
        const lede_token *t = &tok[i];
        const uint32_t key = keys[i - first];
        const unsigned ask = asks[key >> ASK_SHIFT]; /* for a word after "the" too */
        /* no pronoun is longer than "themselves"; lex(b, i, LX_PRONOUNS) */
        long pronoun = 0;
        if ((ask & ASK_PRONOUN) && !(t->flags & LEDE_TOKEN_ALL_CAPS) &&
            t->norm_len <= PRONOUN_MAX_LEN) {
            const lexicon_entry *e = lex_probe(b, i, LX_PRONOUNS);
            pronoun = e ? e->value : 0;
        }
        const int the = key == the_key && t->norm_len == 3; /* is_the(b, i) */
        if ((pronoun == PRONOUN_MALE || pronoun == PRONOUN_FEMALE || pronoun == PRONOUN_PLURAL) &&
            (!(t->flags & LEDE_TOKEN_CAPITALIZED) || at_sentence_start(b, i))) {
            read_pronoun(b, i, pronoun);
            if (b->failed)
                return;
            i++;
            after_the = the;
            continue;
        }
        if (the) {
            size_t next = read_title_alone(b, i);
            if (b->failed)
                return;
            if (next) {
                i = next;
                after_the = is_the(b, i - 1);
                continue;
            }
        }
        /* a group noun, or an organization's head word after "the": what
         * read_group() asks first, since most words are neither;
         * lex(b, i, LX_GROUP_NOUNS) */
        int group = 0;
        if (ask & ASK_GROUP) {
            const lexicon_entry *e = lex_probe(b, i, LX_GROUP_NOUNS);
            group = e && e->value;
        }
        int org_head = !group && after_the && lex(b, i, LX_ORG_WORDS) == ORG_HEAD;
        if (group || org_head) {
            int read = read_group(b, i, org_head);
            if (b->failed)
                return;
            if (read) {
                i++;
                after_the = the;
                continue;
            }
        }
        if (t->flags & LEDE_TOKEN_CAPITALIZED) {
            size_t j = scan_run(b, i);
            size_t next = j > i ? read_run(b, i, j) : i + 1;
            if (b->failed)
                return;
            i = next > i ? next : i + 1; /* always move on */
            after_the = is_the(b, i - 1);
            continue;
        }
        i++;
        after_the = the;
    }
}

/* Fill the public structs: speakers numbered by their first mention (the
 * mentions are in text order by now), names, genders, and the mentions of
 * each speaker. */
static lede_status publish(builder *b)
{
    lede_doc *doc = b->doc;
    arena *a = &doc->arena;
    size_t n = b->entities.count, mentions = doc->mentions.count;
    /* working arrays, freed before returning: speaker number per entity,
     * then mentions filled per speaker */
    vec work;
    vec_init(&work, sizeof(size_t));
    if (vec_reserve_exact(a, &work, n ? n : 1) != 0)
        return LEDE_ERR_NOMEM;
    size_t *number = work.items;
    for (size_t k = 0; k < n; k++)
        number[k] = LEDE_NONE;
    size_t speakers = 0;
    for (size_t m = 0; m < mentions; m++) {
        lede_mention *mention = &VEC_AT(doc->mentions, lede_mention, m);
        if (number[mention->speaker] == LEDE_NONE)
            number[mention->speaker] = speakers++;
        mention->speaker = number[mention->speaker];
    }
    if (vec_reserve_exact(a, &doc->speakers, speakers) ||
        vec_reserve_exact(a, &doc->speaker_mention_first, speakers) ||
        vec_reserve_exact(a, &doc->speaker_mentions, mentions))
        return LEDE_ERR_NOMEM;
    doc->speakers.count = speakers;
    for (size_t k = 0; k < n; k++) {
        if (number[k] == LEDE_NONE)
            continue;
        const entity *e = ent(b, k);
        lede_speaker *s = &VEC_AT(doc->speakers, lede_speaker, number[k]);
        memset(s, 0, sizeof *s);
        s->kind = e->kind;
        s->gender = e->kind == LEDE_SPEAKER_PERSON ? entity_gender(e) : LEDE_GENDER_UNKNOWN;
        s->name = e->name;
        s->name_len = e->name_len;
        s->key = e->key;
        s->key_len = e->key_len;
        s->title = e->title;
        s->title_len = e->title ? e->title_len : 0;
        s->affiliation = e->affiliation;
        s->affiliation_len = e->affiliation ? e->affiliation_len : 0;
    }
    /* A one-word name mention of a person later known by a fuller name
     * ("Ferrant" before "Antonin Ferrant" was read) is a surname mention. */
    for (size_t m = 0; m < mentions; m++) {
        lede_mention *mention = &VEC_AT(doc->mentions, lede_mention, m);
        const lede_speaker *s = &VEC_AT(doc->speakers, lede_speaker, mention->speaker);
        if (mention->kind != LEDE_MENTION_NAME || s->kind != LEDE_SPEAKER_PERSON ||
            !memchr(s->name, ' ', s->name_len))
            continue;
        if (!memchr(doc->text + mention->span.begin, ' ', mention->span.end - mention->span.begin))
            mention->kind = LEDE_MENTION_SURNAME;
    }
    /* a counting sort of the mentions by speaker keeps text order in each */
    for (size_t m = 0; m < mentions; m++)
        VEC_AT(doc->speakers, lede_speaker, VEC_AT(doc->mentions, lede_mention, m).speaker)
            .mention_count++;
    size_t *first = doc->speaker_mention_first.items;
    doc->speaker_mention_first.count = speakers;
    size_t slot = 0;
    for (size_t k = 0; k < speakers; k++) {
        first[k] = slot;
        slot += VEC_AT(doc->speakers, lede_speaker, k).mention_count;
    }
    /* the entities' numbers are done with: `work` counts per speaker now */
    if (vec_reserve_exact(a, &work, speakers) != 0)
        return LEDE_ERR_NOMEM;
    size_t *fill = work.items;
    memset(fill, 0, speakers * sizeof *fill);
    doc->speaker_mentions.count = mentions;
    for (size_t m = 0; m < mentions; m++) {
        size_t k = VEC_AT(doc->mentions, lede_mention, m).speaker;
        VEC_AT(doc->speaker_mentions, size_t, first[k] + fill[k]++) = m;
    }
    vec_release(a, &work);
    return LEDE_OK;
}

static int mention_order(const void *x, const void *y)
{
    const lede_mention *a = x, *b = y;
    return a->span.begin < b->span.begin ? -1 : a->span.begin > b->span.begin;
}

/* Sort the mentions by where they begin. Most documents' mentions are in
 * order already, and most others have a short sorted tail out of order (the
 * runs read again at the end), which is merged in from the back, keeping
 * the order of mentions at one place as glibc's qsort() (a merge sort)
 * does; the rest go to qsort(). */
enum { MERGE_TAIL_MAX = 32 };

static void sort_mentions(vec *ms)
{
    lede_mention *m = ms->items;
    size_t n = ms->count, descent = 0;
    for (size_t k = 1; k < n; k++) {
        if (mention_order(&m[k - 1], &m[k]) <= 0)
            continue;
        if (descent) { /* two: not one sorted tail */
            qsort(m, n, sizeof *m, mention_order);
            return;
        }
        descent = k;
    }
    if (!descent)
        return;
    size_t t = n - descent;
    if (t > MERGE_TAIL_MAX) {
        qsort(m, n, sizeof *m, mention_order);
        return;
    }
    lede_mention tail[MERGE_TAIL_MAX];
    memcpy(tail, m + descent, t * sizeof *m);
    /* from the back: on equal places the tail's mention goes after */
    for (size_t i = descent, k = n; t > 0;) {
        if (i > 0 && mention_order(&m[i - 1], &tail[t - 1]) > 0)
            m[--k] = m[--i];
        else
            m[--k] = tail[--t];
    }
}

static int reads_speakers(int32_t kind)
{
    return kind == LEDE_PARAGRAPH_BODY || kind == LEDE_PARAGRAPH_CAPTION ||
           kind == LEDE_PARAGRAPH_TITLE || kind == LEDE_PARAGRAPH_HEADING;
}

/* The byline's authors are persons of the text: "By Jane Doe" names Jane
 * Doe, whom the title or the body may name again. */
static void read_authors(builder *b)
{
    size_t t = 0, ntok = b->doc->tokens.count;
    b->sentence = LEDE_NONE;
    for (size_t a = 0; a < b->doc->authors.count && !b->failed; a++) {
        const lede_author *au = &VEC_AT(b->doc->authors, lede_author, a);
        while (t < ntok && tk(b, t)->span.begin < au->span.begin)
            t++;
        size_t q = t;
        while (q < ntok && tk(b, q)->span.end <= au->span.end)
            q++;
        /* outside any sentence: b->first == b->end, so no is_cap_word() */
        if (q == t || !(tk(b, t)->flags & LEDE_TOKEN_CAPITALIZED) ||
            !(tk(b, q - 1)->flags & LEDE_TOKEN_CAPITALIZED))
            continue;
        int32_t kind;
        if (fill_keys(b, t, q) != 0)
            return;
        size_t e = resolve_person(b, t, q, tk(b, q - 1)->span.end, NULL, &kind);
        if (e != LEDE_NONE)
            add_mention(b, e, tk(b, t)->span.begin, tk(b, q - 1)->span.end, kind);
        t = q;
    }
}

lede_status speaker_build(lede_doc *doc)
{
    builder b;
    memset(&b, 0, sizeof b);
    b.doc = doc;
    b.tok = doc->tokens.items;
    vec_init(&b.entities, sizeof(entity));
    strmap_init(&b.by_key);
    strmap_init(&b.by_surname);
    strmap_init(&b.by_title);
    vec_init(&b.unresolved, sizeof(unresolved_run));
    size_t ntok = doc->tokens.count;
    /* room for the keys of the longest sentence read at once: growing the
     * array as longer sentences come costs more */
    size_t longest = 1;
    for (size_t s = 0; s < doc->sentences.count; s++) {
        const lede_sentence *sent = &VEC_AT(doc->sentences, lede_sentence, s);
        if (sent->token_count > longest &&
            reads_speakers(DOC_PARAGRAPH(doc, sent->paragraph)->kind))
            longest = sent->token_count;
    }
    vec_init(&b.key_store, sizeof(uint32_t));
    if (vec_reserve_exact(&doc->arena, &b.key_store, longest) != 0)
        return error_set(LEDE_ERR_NOMEM, "out of memory");
    b.keys = b.key_store.items;
    vec_init(&b.mark_store, sizeof(uint32_t));
    if (vec_reserve_exact(&doc->arena, &b.mark_store, longest) != 0)
        return error_set(LEDE_ERR_NOMEM, "out of memory");
    b.marks = b.mark_store.items;
    b.asks = ask_table();
    b.the_key = lexicon_filter_key("the", 3);
    /* News text names about one speaker in 40 tokens and mentions one in 25:
     * room for half of that at once saves the first steps of growing the
     * arrays a quarter at a time, without holding room a short or
     * name-poor document never uses (mentions are cut to size at the end) */
    if (vec_reserve_exact(&doc->arena, &b.entities, ntok / 128 + 4) != 0 ||
        vec_reserve_exact(&doc->arena, &doc->mentions, doc->mentions.count + ntok / 80 + 4) != 0)
        return error_set(LEDE_ERR_NOMEM, "out of memory");
    read_authors(&b);
    for (size_t s = 0; s < doc->sentences.count && !b.failed; s++) {
        const lede_sentence *sent = &VEC_AT(doc->sentences, lede_sentence, s);
        if (!reads_speakers(DOC_PARAGRAPH(doc, sent->paragraph)->kind))
            continue;
        int32_t kind = DOC_PARAGRAPH(doc, sent->paragraph)->kind;
        b.headline = kind == LEDE_PARAGRAPH_TITLE || kind == LEDE_PARAGRAPH_HEADING;
        b.sentence = s;
        b.first = sent->token_first;
        b.end = sent->token_first + sent->token_count;
        read_sentence(&b);
    }
    read_unresolved(&b);
    if (b.failed || doc->arena.failed)
        return error_set(LEDE_ERR_NOMEM, "out of memory");
    /* Mentions were added in reading order, but an organization named in
     * front of a person's title is added after the person, and the runs
     * read again at the end after all. */
    sort_mentions(&doc->mentions);
    /* The builder's arrays are not part of the document: all but the
     * entities go before publish() allocates the public arrays. */
    vec_release(&doc->arena, &b.key_store);
    vec_release(&doc->arena, &b.mark_store);
    vec_release(&doc->arena, &b.unresolved);
    vec_release(&doc->arena, &b.by_key.store);
    vec_release(&doc->arena, &b.by_surname.store);
    vec_release(&doc->arena, &b.by_title.store);
    vec_shrink(&doc->arena, &doc->mentions);
    if (publish(&b) != LEDE_OK)
        return error_set(LEDE_ERR_NOMEM, "out of memory");
    vec_release(&doc->arena, &b.entities);
    return LEDE_OK;
}
