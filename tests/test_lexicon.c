/* Check suite of the lexicons (lib/lexicon.c and the tables tools/lexgen.c
 * makes): every key is found, in either ASCII case, and a lookup finds no
 * key but the string's own, whatever the probe's word puts together. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

#include "check_helpers.h"
#include "lexicon.h"
#include "test_scale.h"

static const lexicon *const all[] = {
    &lexicon_abbreviations,  &lexicon_months,         &lexicon_weekdays,
    &lexicon_agencies,       &lexicon_entities,       &lexicon_sentence_starters,
    &lexicon_html_tags,      &lexicon_outlets,        &lexicon_given_names,
    &lexicon_name_stopwords, &lexicon_titles,         &lexicon_honorifics,
    &lexicon_countries,      &lexicon_organizations,  &lexicon_org_words,
    &lexicon_cue_verbs,      &lexicon_group_nouns,    &lexicon_pronouns,
    &lexicon_place_words,    &lexicon_function_words, &lexicon_common_given_names,
    &lexicon_person_nouns,   &lexicon_number_words,   &lexicon_scale_suffixes,
    &lexicon_currencies,     &lexicon_units,          &lexicon_metric_cues,
    &lexicon_tense_cues,     &lexicon_metric_starts,  &lexicon_holidays,
    &lexicon_quote_words};

enum { LEXICON_COUNT = sizeof all / sizeof *all };

/* The entry each way of looking `s` up finds; fails when they disagree. */
static const lexicon_entry *look_up(const lexicon *lx, const char *s, size_t len)
{
    const lexicon_entry *e = lexicon_hash_probe(lx, s, len);
    ck_assert_ptr_eq(lexicon_probe(lx, lexicon_hash(s, len), s, len), e);
    ck_assert_ptr_eq(lexicon_lookup_hashed(lx, lexicon_hash(s, len), s, len),
                     lexicon_may_hold(lx, s, len) ? e : NULL);
    if (e)
        ck_assert_msg(lexicon_may_hold(lx, s, len), "the filter turns \"%.*s\" away", (int)len, s);
    ck_assert_ptr_eq(lexicon_lookup(lx, s, len), e);
    return e;
}

/* Is `e` the key of `s`, ASCII case folded? */
static int is_key_of(const lexicon_entry *e, const char *s, size_t len)
{
    if (e->len != len)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (lexicon_fold((unsigned char)s[i]) != (unsigned char)e->key[i])
            return 0;
    return 1;
}

START_TEST(every_key_is_found_in_either_case)
{
    char buf[256];
    const size_t stride = test_stride();
    for (size_t l = 0; l < LEXICON_COUNT; l++) {
        const lexicon *lx = all[l];
        for (size_t k = 0; k < lx->count; k += stride) {
            const lexicon_entry *e = &lx->entries[k];
            ck_assert_ptr_eq(look_up(lx, e->key, e->len), e);
            if (e->len > sizeof buf)
                continue;
            for (size_t i = 0; i < e->len; i++) {
                unsigned char c = (unsigned char)e->key[i];
                buf[i] = (char)(c >= 'a' && c <= 'z' ? c - 32 : c);
            }
            ck_assert_ptr_eq(look_up(lx, buf, e->len), e);
        }
    }
}
END_TEST

/* Each key with one byte changed by a bit: bit 5 in every byte (the case
 * bit, which the probe's word of a short string sets in every byte), other
 * bits in the first, middle and last bytes. A lookup finds the key of the
 * changed string, or nothing. */
START_TEST(a_lookup_finds_only_its_own_key)
{
    static const unsigned char bits[] = {0x20, 0x01, 0x40, 0x80, 0x10};
    char buf[256];
    const size_t stride = test_stride();
    for (size_t l = 0; l < LEXICON_COUNT; l++) {
        const lexicon *lx = all[l];
        for (size_t k = 0; k < lx->count; k += stride) {
            const lexicon_entry *e = &lx->entries[k];
            if (e->len > sizeof buf)
                continue;
            for (size_t i = 0; i < e->len; i++) {
                int end = i == 0 || i == e->len / 2 || i == e->len - 1;
                for (size_t b = 0; b < (end ? sizeof bits : 1); b++) {
                    memcpy(buf, e->key, e->len);
                    buf[i] = (char)((unsigned char)buf[i] ^ bits[b]);
                    const lexicon_entry *found = look_up(lx, buf, e->len);
                    ck_assert_msg(!found || is_key_of(found, buf, e->len),
                                  "\"%.*s\" found the key \"%s\"", (int)e->len, buf, found->key);
                    unsigned char c = (unsigned char)e->key[i];
                    if (bits[b] == 0x20 && c >= 'a' && c <= 'z')
                        ck_assert_ptr_eq(found, e); /* the same key in upper case */
                }
            }
        }
    }
}
END_TEST

/* Keys that differ only in bytes the probe's word puts together ("." and
 * 0x0E, 0xA9 and 0x89): each finds its own entry, the other nothing. */
START_TEST(bytes_of_the_same_word_are_told_apart)
{
    const lexicon *lx = &lexicon_countries;
    const lexicon_entry *e = lexicon_lookup(lx, "u.s.", 4);
    ck_assert_ptr_nonnull(e);
    ck_assert_ptr_null(lexicon_lookup(lx, "u\016s\016", 4));
    ck_assert_ptr_null(lexicon_hash_probe(lx, "U\016S.", 4));
    /* "ž" (C5 BE) in a name; "\xC5\x9E" is another letter, and "\xE5\xBE"
     * (each byte with bit 5 set) no letter at all */
    lx = &lexicon_common_given_names;
    ck_assert_ptr_nonnull(lexicon_lookup(lx, "\305\276eljko", 7));
    ck_assert_ptr_null(lexicon_hash_probe(lx, "\305\236eljko", 7));
    ck_assert_ptr_null(lexicon_hash_probe(lx, "\345\276eljko", 7));
}
END_TEST

/* The tables of byte classes (lexgen --classes): each is made from its
 * lexicon's keys, every key's bit set in either case, and no other bit, so
 * that a word whose bit is clear is certainly no key. */
START_TEST(class_tables_are_made_from_the_keys)
{
    static const struct {
        const lexicon *lx;
        const uint32_t *classes;
    } tables[] = {{&lexicon_metric_starts, lexicon_metric_starts_classes},
                  {&lexicon_cue_verbs, lexicon_cue_verbs_classes}};
    static uint32_t want[LEXICON_CLASS_SLOTS];
    for (size_t t = 0; t < sizeof tables / sizeof *tables; t++) {
        memset(want, 0, sizeof want);
        for (size_t k = 0; k < tables[t].lx->count; k++) {
            const lexicon_entry *e = &tables[t].lx->entries[k];
            ck_assert_uint_gt(e->len, 0);
            char upper[64];
            ck_assert_uint_lt(e->len, sizeof upper);
            for (size_t i = 0; i < e->len; i++)
                upper[i] = (char)toupper((unsigned char)e->key[i]);
            uint32_t slot = lexicon_class_slot(e->key, e->len);
            uint32_t bit = UINT32_C(1) << lexicon_class_bit(e->key, e->len);
            ck_assert_uint_eq(lexicon_class_slot(upper, e->len), slot);
            ck_assert_uint_eq(UINT32_C(1) << lexicon_class_bit(upper, e->len), bit);
            want[slot] |= bit;
        }
        ck_assert_msg(memcmp(want, tables[t].classes, sizeof want) == 0,
                      "table %zu of byte classes is not the table of its lexicon's keys", t);
    }
    /* common words that are no key are turned away */
    ck_assert_uint_eq(lexicon_metric_starts_classes[lexicon_class_slot("said", 4)] >>
                              lexicon_class_bit("said", 4) &
                          1,
                      0);
    ck_assert_uint_eq(lexicon_cue_verbs_classes[lexicon_class_slot("minister", 8)] >>
                              lexicon_class_bit("minister", 8) &
                          1,
                      0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("lexicon");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, every_key_is_found_in_either_case);
    tcase_add_test(tc, a_lookup_finds_only_its_own_key);
    tcase_add_test(tc, bytes_of_the_same_word_are_told_apart);
    tcase_add_test(tc, class_tables_are_made_from_the_keys);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
