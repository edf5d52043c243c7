/* Check suite of the released binary layout of lede.h: the type and offset of
 * every field of every public struct, the size of the structs whose size is
 * frozen, the value of every constant, and the signature of every function.
 *
 * If this file stops compiling or a test here fails, a RELEASED LAYOUT
 * CHANGED, and every program and binding (ctypes) built against an earlier
 * liblede.so.0 now reads the wrong bytes. Read docs/abi.md: fields are only
 * appended at the end of a struct, enum values and flag bits only added,
 * changed signatures become new _v2 functions. Only a deliberate ABI break
 * (a new LEDE_ABI_VERSION and a CHANGELOG entry) may edit the values below;
 * a new field, constant or function adds lines here when it is released.
 *
 * abi_check (abidiff) cannot see all of this: its suppression of appended
 * members also hides a changed field type or two swapped fields in the same
 * struct, and the enums that fields store as int32_t never reach the
 * library's debug information. These assertions need no tools.
 *
 * The exact offsets are those of a target with 64-bit pointers and size_t
 * (LP64, and LLP64: no field is a long). On every target each field keeps its
 * type and follows the field before it with no more than alignment padding in
 * between, which fixes the order and catches a field inserted in the middle.
 */
#include <stddef.h>
#include <stdint.h>

#include "check_helpers.h"

#if UINTPTR_MAX == UINT64_MAX && SIZE_MAX == UINT64_MAX
#define LAYOUT_64 1
#else
#define LAYOUT_64 0
#endif

#define ABI_MSG(what) what ": a released layout changed, read docs/abi.md"

/* Is member `f` of `T` exactly of type `type`? */
#define FIELD_TYPE_IS(T, f, type) _Generic(((T *)0)->f, type : 1, default : 0)
#define FIELD_END(T, f) (offsetof(T, f) + sizeof(((T *)0)->f))
#define ALIGN_UP(n, a) (((n) + (a)-1) / (a) * (a))

/* The first field of `T`. */
#define FIRST_FIELD(T, f, type)                                                                    \
    _Static_assert(FIELD_TYPE_IS(T, f, type), ABI_MSG(#T "." #f " changed type"));                 \
    _Static_assert(offsetof(T, f) == 0, ABI_MSG(#T "." #f " is no longer first"))

/* Field `f` of `T` of type `type` directly after field `prev`, at byte `off64`
 * with 64-bit pointers and size_t. */
#define NEXT_FIELD(T, prev, f, type, off64)                                                        \
    _Static_assert(FIELD_TYPE_IS(T, f, type), ABI_MSG(#T "." #f " changed type"));                 \
    _Static_assert(offsetof(T, f) == ALIGN_UP(FIELD_END(T, prev), _Alignof(type)),                 \
                   ABI_MSG(#T "." #f " no longer follows " #prev));                                \
    _Static_assert(!LAYOUT_64 || offsetof(T, f) == (off64), ABI_MSG(#T "." #f " moved"))

/* Is `fn` still declared with this function type? */
#define SIGNATURE_IS(fn, type)                                                                     \
    _Static_assert(_Generic(&fn, type : 1, default : 0), ABI_MSG(#fn " changed signature"))

#define VALUE_IS(constant, value)                                                                  \
    _Static_assert((constant) == (value), ABI_MSG(#constant " changed value"))

/* ---- structs ------------------------------------------------------------ */

/* Embedded by value in other structs and passed by value: frozen, never
 * appended to. */
FIRST_FIELD(lede_span, begin, size_t);
NEXT_FIELD(lede_span, begin, end, size_t, 8);
_Static_assert(sizeof(lede_span) == FIELD_END(lede_span, end), ABI_MSG("sizeof(lede_span)"));

/* Embedded by value in lede_options: frozen. */
typedef void *(*malloc_fn_type)(size_t, void *);
typedef void *(*realloc_fn_type)(void *, size_t, void *);
typedef void (*free_fn_type)(void *, void *);
FIRST_FIELD(lede_allocator, malloc_fn, malloc_fn_type);
NEXT_FIELD(lede_allocator, malloc_fn, realloc_fn, realloc_fn_type, 8);
NEXT_FIELD(lede_allocator, realloc_fn, free_fn, free_fn_type, 16);
NEXT_FIELD(lede_allocator, free_fn, user, void *, 24);
_Static_assert(sizeof(lede_allocator) == FIELD_END(lede_allocator, user),
               ABI_MSG("sizeof(lede_allocator)"));

/* Allocated by the caller, who says how much of it it knows in struct_size:
 * it may grow at its end, never shrink below the released layout. */
FIRST_FIELD(lede_options, struct_size, size_t);
NEXT_FIELD(lede_options, struct_size, flags, uint32_t, 8);
NEXT_FIELD(lede_options, flags, reference_date, const char *, 16);
NEXT_FIELD(lede_options, reference_date, max_input_size, size_t, 24);
NEXT_FIELD(lede_options, max_input_size, allocator, lede_allocator, 32);
#define OPTIONS_RELEASED_SIZE FIELD_END(lede_options, allocator)
_Static_assert(!LAYOUT_64 || OPTIONS_RELEASED_SIZE == 64, ABI_MSG("lede_options released size"));
_Static_assert(sizeof(lede_options) >= OPTIONS_RELEASED_SIZE, ABI_MSG("sizeof(lede_options)"));

/* The structs below are allocated by the library and read through pointers:
 * they may grow at their end, so only their released fields are asserted,
 * never their size. */
FIRST_FIELD(lede_document, date, const char *);
NEXT_FIELD(lede_document, date, date_len, size_t, 8);
NEXT_FIELD(lede_document, date_len, date_source, int32_t, 16);
NEXT_FIELD(lede_document, date_source, date_span, lede_span, 24);
NEXT_FIELD(lede_document, date_span, title, lede_span, 40);
NEXT_FIELD(lede_document, title, byline, lede_span, 56);
NEXT_FIELD(lede_document, byline, dateline, lede_span, 72);
NEXT_FIELD(lede_document, dateline, dateline_place, const char *, 88);
NEXT_FIELD(lede_document, dateline_place, dateline_place_len, size_t, 96);
NEXT_FIELD(lede_document, dateline_place_len, agency, const char *, 104);
NEXT_FIELD(lede_document, agency, agency_len, size_t, 112);

FIRST_FIELD(lede_paragraph, span, lede_span);
NEXT_FIELD(lede_paragraph, span, kind, int32_t, 16);
NEXT_FIELD(lede_paragraph, kind, sentence_first, size_t, 24);
NEXT_FIELD(lede_paragraph, sentence_first, sentence_count, size_t, 32);

FIRST_FIELD(lede_sentence, span, lede_span);
NEXT_FIELD(lede_sentence, span, paragraph, size_t, 16);
NEXT_FIELD(lede_sentence, paragraph, token_first, size_t, 24);
NEXT_FIELD(lede_sentence, token_first, token_count, size_t, 32);

FIRST_FIELD(lede_heading, span, lede_span);
NEXT_FIELD(lede_heading, span, paragraph, size_t, 16);

FIRST_FIELD(lede_author, span, lede_span);
NEXT_FIELD(lede_author, span, name, const char *, 16);
NEXT_FIELD(lede_author, name, name_len, size_t, 24);

FIRST_FIELD(lede_token, span, lede_span);
NEXT_FIELD(lede_token, span, kind, int32_t, 16);
NEXT_FIELD(lede_token, kind, flags, uint32_t, 20);
NEXT_FIELD(lede_token, flags, norm, const char *, 24);
NEXT_FIELD(lede_token, norm, norm_len, size_t, 32);

FIRST_FIELD(lede_speaker, kind, int32_t);
NEXT_FIELD(lede_speaker, kind, gender, int32_t, 4);
NEXT_FIELD(lede_speaker, gender, name, const char *, 8);
NEXT_FIELD(lede_speaker, name, name_len, size_t, 16);
NEXT_FIELD(lede_speaker, name_len, key, const char *, 24);
NEXT_FIELD(lede_speaker, key, key_len, size_t, 32);
NEXT_FIELD(lede_speaker, key_len, title, const char *, 40);
NEXT_FIELD(lede_speaker, title, title_len, size_t, 48);
NEXT_FIELD(lede_speaker, title_len, affiliation, const char *, 56);
NEXT_FIELD(lede_speaker, affiliation, affiliation_len, size_t, 64);
NEXT_FIELD(lede_speaker, affiliation_len, mention_count, size_t, 72);
NEXT_FIELD(lede_speaker, mention_count, quote_count, size_t, 80);

FIRST_FIELD(lede_mention, span, lede_span);
NEXT_FIELD(lede_mention, span, kind, int32_t, 16);
NEXT_FIELD(lede_mention, kind, speaker, size_t, 24);
NEXT_FIELD(lede_mention, speaker, sentence, size_t, 32);

FIRST_FIELD(lede_quote, kind, int32_t);
NEXT_FIELD(lede_quote, kind, span, lede_span, 8);
NEXT_FIELD(lede_quote, span, fragment_count, size_t, 24);
NEXT_FIELD(lede_quote, fragment_count, cue, lede_span, 32);
NEXT_FIELD(lede_quote, cue, cue_lemma, const char *, 48);
NEXT_FIELD(lede_quote, cue_lemma, cue_lemma_len, size_t, 56);
NEXT_FIELD(lede_quote, cue_lemma_len, speaker, size_t, 64);
NEXT_FIELD(lede_quote, speaker, speaker_mention, lede_span, 72);
NEXT_FIELD(lede_quote, speaker_mention, addressee, lede_span, 88);
NEXT_FIELD(lede_quote, addressee, sentence, size_t, 104);
NEXT_FIELD(lede_quote, sentence, confidence, double, 112);

FIRST_FIELD(lede_metric, span, lede_span);
NEXT_FIELD(lede_metric, span, kind, int32_t, 16);
NEXT_FIELD(lede_metric, kind, approx, int32_t, 20);
NEXT_FIELD(lede_metric, approx, value, double, 24);
NEXT_FIELD(lede_metric, value, low, double, 32);
NEXT_FIELD(lede_metric, low, high, double, 40);
NEXT_FIELD(lede_metric, high, has, uint32_t, 48);
NEXT_FIELD(lede_metric, has, change, int32_t, 52);
NEXT_FIELD(lede_metric, change, unit, const char *, 56);
NEXT_FIELD(lede_metric, unit, unit_len, size_t, 64);
NEXT_FIELD(lede_metric, unit_len, currency, const char *, 72);
NEXT_FIELD(lede_metric, currency, currency_len, size_t, 80);
NEXT_FIELD(lede_metric, currency_len, date, const char *, 88);
NEXT_FIELD(lede_metric, date, date_len, size_t, 96);
NEXT_FIELD(lede_metric, date_len, date_end, const char *, 104);
NEXT_FIELD(lede_metric, date_end, date_end_len, size_t, 112);
NEXT_FIELD(lede_metric, date_end_len, grain, int32_t, 120);
NEXT_FIELD(lede_metric, grain, mod, int32_t, 124);
NEXT_FIELD(lede_metric, mod, subject, const char *, 128);
NEXT_FIELD(lede_metric, subject, subject_len, size_t, 136);
NEXT_FIELD(lede_metric, subject_len, sentence, size_t, 144);
NEXT_FIELD(lede_metric, sentence, quote, size_t, 152);
NEXT_FIELD(lede_metric, quote, speaker, size_t, 160);

/* ---- constants ---------------------------------------------------------- */

VALUE_IS(LEDE_NONE, SIZE_MAX);

/* Returned by value from most functions: as wide as an int. */
_Static_assert(sizeof(lede_status) == sizeof(int), ABI_MSG("sizeof(lede_status)"));
VALUE_IS(LEDE_OK, 0);
VALUE_IS(LEDE_ERR_NOMEM, -1);
VALUE_IS(LEDE_ERR_INVALID_ARG, -2);
VALUE_IS(LEDE_ERR_INVALID_UTF8, -3);
VALUE_IS(LEDE_ERR_LIMIT, -4);

VALUE_IS(LEDE_OPT_LOSSY, 1u << 0);
VALUE_IS(LEDE_OPT_NO_SPEAKERS, 1u << 1);
VALUE_IS(LEDE_OPT_NO_QUOTES, 1u << 2);
VALUE_IS(LEDE_OPT_NO_METRICS, 1u << 3);

VALUE_IS(LEDE_METRIC_UNKNOWN, 0);
VALUE_IS(LEDE_METRIC_PERCENT, 1);
VALUE_IS(LEDE_METRIC_PERCENTAGE_POINTS, 2);
VALUE_IS(LEDE_METRIC_MONEY, 3);
VALUE_IS(LEDE_METRIC_COUNT, 4);
VALUE_IS(LEDE_METRIC_QUANTITY, 5);
VALUE_IS(LEDE_METRIC_NUMBER, 6);
VALUE_IS(LEDE_METRIC_ORDINAL, 7);
VALUE_IS(LEDE_METRIC_DATE, 8);
VALUE_IS(LEDE_METRIC_DURATION, 9);
VALUE_IS(LEDE_APPROX_EXACT, 1);
VALUE_IS(LEDE_APPROX_UP_TO, 7);
VALUE_IS(LEDE_CHANGE_UP, 1);
VALUE_IS(LEDE_CHANGE_DOWN, 2);
VALUE_IS(LEDE_GRAIN_DAY, 1);
VALUE_IS(LEDE_GRAIN_DECADE, 6);
VALUE_IS(LEDE_MOD_EARLY, 1);
VALUE_IS(LEDE_MOD_END, 5);
VALUE_IS(LEDE_METRIC_HAS_VALUE, 1u << 0);
VALUE_IS(LEDE_METRIC_HAS_LOW, 1u << 1);
VALUE_IS(LEDE_METRIC_HAS_HIGH, 1u << 2);

VALUE_IS(LEDE_DATE_SOURCE_UNKNOWN, 0);
VALUE_IS(LEDE_DATE_SOURCE_TEXT, 1);
VALUE_IS(LEDE_DATE_SOURCE_REFERENCE, 2);

VALUE_IS(LEDE_PARAGRAPH_UNKNOWN, 0);
VALUE_IS(LEDE_PARAGRAPH_TITLE, 1);
VALUE_IS(LEDE_PARAGRAPH_HEADING, 2);
VALUE_IS(LEDE_PARAGRAPH_BODY, 3);
VALUE_IS(LEDE_PARAGRAPH_META, 4);
VALUE_IS(LEDE_PARAGRAPH_BYLINE, 5);
VALUE_IS(LEDE_PARAGRAPH_DATELINE, 6);
VALUE_IS(LEDE_PARAGRAPH_CAPTION, 7);
VALUE_IS(LEDE_PARAGRAPH_BOILERPLATE, 8);

VALUE_IS(LEDE_TOKEN_UNKNOWN, 0);
VALUE_IS(LEDE_TOKEN_WORD, 1);
VALUE_IS(LEDE_TOKEN_NUMBER, 2);
VALUE_IS(LEDE_TOKEN_PUNCT, 3);
VALUE_IS(LEDE_TOKEN_SYMBOL, 4);
VALUE_IS(LEDE_TOKEN_URL, 5);

VALUE_IS(LEDE_SPEAKER_UNKNOWN, 0);
VALUE_IS(LEDE_SPEAKER_PERSON, 1);
VALUE_IS(LEDE_SPEAKER_ORGANIZATION, 2);
VALUE_IS(LEDE_SPEAKER_GROUP, 3);
VALUE_IS(LEDE_GENDER_UNKNOWN, 0);
VALUE_IS(LEDE_GENDER_FEMALE, 1);
VALUE_IS(LEDE_GENDER_MALE, 2);
VALUE_IS(LEDE_MENTION_UNKNOWN, 0);
VALUE_IS(LEDE_MENTION_NAME, 1);
VALUE_IS(LEDE_MENTION_SURNAME, 2);
VALUE_IS(LEDE_MENTION_PRONOUN, 3);
VALUE_IS(LEDE_MENTION_TITLE, 4);
VALUE_IS(LEDE_MENTION_DESCRIPTION, 5);

VALUE_IS(LEDE_QUOTE_UNKNOWN, 0);
VALUE_IS(LEDE_QUOTE_DIRECT, 1);
VALUE_IS(LEDE_QUOTE_MIXED, 2);
VALUE_IS(LEDE_QUOTE_INDIRECT, 3);

VALUE_IS(LEDE_TOKEN_CAPITALIZED, 1u << 0);
VALUE_IS(LEDE_TOKEN_ALL_CAPS, 1u << 1);
VALUE_IS(LEDE_TOKEN_SPACE_BEFORE, 1u << 2);
VALUE_IS(LEDE_TOKEN_NEWLINE_BEFORE, 1u << 3);

VALUE_IS(LEDE_JSON_OFFSETS_BYTES, 0);
VALUE_IS(LEDE_JSON_OFFSETS_CODEPOINTS, 1u << 0);
VALUE_IS(LEDE_JSON_OFFSETS_UTF16, 1u << 1);
VALUE_IS(LEDE_JSON_PRETTY, 1u << 2);

/* ---- functions ---------------------------------------------------------- */

SIGNATURE_IS(lede_options_init, lede_status (*)(lede_options *, size_t));
SIGNATURE_IS(lede_parse, lede_status (*)(const char *, size_t, const lede_options *, lede_doc **));
SIGNATURE_IS(lede_doc_free, void (*)(lede_doc *));
SIGNATURE_IS(lede_strerror, const char *(*)(lede_status));
SIGNATURE_IS(lede_status_name, const char *(*)(lede_status));
SIGNATURE_IS(lede_last_error_message, const char *(*)(void));
SIGNATURE_IS(lede_version, unsigned (*)(void));
SIGNATURE_IS(lede_version_string, const char *(*)(void));
SIGNATURE_IS(lede_span_is_none, int (*)(lede_span));
SIGNATURE_IS(lede_doc_text, const char *(*)(const lede_doc *, size_t *));
SIGNATURE_IS(lede_doc_document, const lede_document *(*)(const lede_doc *));
SIGNATURE_IS(lede_doc_paragraph_count, size_t (*)(const lede_doc *));
SIGNATURE_IS(lede_doc_paragraph_at, const lede_paragraph *(*)(const lede_doc *, size_t));
SIGNATURE_IS(lede_doc_sentence_count, size_t (*)(const lede_doc *));
SIGNATURE_IS(lede_doc_sentence_at, const lede_sentence *(*)(const lede_doc *, size_t));
SIGNATURE_IS(lede_doc_heading_count, size_t (*)(const lede_doc *));
SIGNATURE_IS(lede_doc_heading_at, const lede_heading *(*)(const lede_doc *, size_t));
SIGNATURE_IS(lede_doc_author_count, size_t (*)(const lede_doc *));
SIGNATURE_IS(lede_doc_author_at, const lede_author *(*)(const lede_doc *, size_t));
SIGNATURE_IS(lede_doc_token_count, size_t (*)(const lede_doc *));
SIGNATURE_IS(lede_doc_token_at, const lede_token *(*)(const lede_doc *, size_t));
SIGNATURE_IS(lede_paragraph_kind_name, const char *(*)(int32_t));
SIGNATURE_IS(lede_date_source_name, const char *(*)(int32_t));
SIGNATURE_IS(lede_token_kind_name, const char *(*)(int32_t));
SIGNATURE_IS(lede_doc_speaker_count, size_t (*)(const lede_doc *));
SIGNATURE_IS(lede_doc_speaker_at, const lede_speaker *(*)(const lede_doc *, size_t));
SIGNATURE_IS(lede_doc_mention_count, size_t (*)(const lede_doc *));
SIGNATURE_IS(lede_doc_mention_at, const lede_mention *(*)(const lede_doc *, size_t));
SIGNATURE_IS(lede_speaker_mention_count, size_t (*)(const lede_doc *, size_t));
SIGNATURE_IS(lede_speaker_mention_at, const lede_mention *(*)(const lede_doc *, size_t, size_t));
SIGNATURE_IS(lede_speaker_kind_name, const char *(*)(int32_t));
SIGNATURE_IS(lede_gender_name, const char *(*)(int32_t));
SIGNATURE_IS(lede_mention_kind_name, const char *(*)(int32_t));
SIGNATURE_IS(lede_doc_quote_count, size_t (*)(const lede_doc *));
SIGNATURE_IS(lede_doc_quote_at, const lede_quote *(*)(const lede_doc *, size_t));
SIGNATURE_IS(lede_quote_fragment_at, const lede_span *(*)(const lede_doc *, size_t, size_t));
SIGNATURE_IS(lede_quote_kind_name, const char *(*)(int32_t));
SIGNATURE_IS(lede_doc_to_json, lede_status (*)(const lede_doc *, unsigned, char **, size_t *));
SIGNATURE_IS(lede_free, void (*)(void *));

/* ---- at run time, against the library ----------------------------------- */

/* A program built against the released header passes the released size. */
START_TEST(released_options_accepted)
{
    lede_options opts;
    ck_assert_msg(lede_options_init(&opts, OPTIONS_RELEASED_SIZE) == LEDE_OK,
                  ABI_MSG("lede_options_init rejects the released struct_size"));
    ck_assert_uint_eq(opts.struct_size, OPTIONS_RELEASED_SIZE);
    ck_assert_uint_eq(opts.max_input_size, LEDE_DEFAULT_MAX_INPUT);

    lede_doc *doc = NULL;
    static const char text[] =
        "Strike Ends\n\nDock workers voted on Wednesday to end the strike.\n";
    ck_assert_msg(lede_parse(text, sizeof text - 1, &opts, &doc) == LEDE_OK,
                  ABI_MSG("lede_parse rejects options of the released size"));
    ck_assert_uint_gt(lede_doc_sentence_count(doc), 0);
    lede_doc_free(doc);

    ck_assert_int_eq(lede_options_init(&opts, OPTIONS_RELEASED_SIZE - 1), LEDE_ERR_INVALID_ARG);
}
END_TEST

START_TEST(none_is_size_max)
{
    lede_span none = {LEDE_NONE, LEDE_NONE};
    ck_assert(lede_span_is_none(none));
    ck_assert_uint_eq(LEDE_NONE, SIZE_MAX);
}
END_TEST

/* Bindings and the JSON output use these names: they never change. */
START_TEST(enum_names)
{
    static const char *const status[] = {"ok", "nomem", "invalid_arg", "invalid_utf8", "limit"};
    for (int i = 0; i < 5; i++)
        ck_assert_str_eq(lede_status_name((lede_status)-i), status[i]);

    static const char *const paragraph[] = {"unknown", "title",    "heading", "body",       "meta",
                                            "byline",  "dateline", "caption", "boilerplate"};
    for (int32_t i = 0; i <= LEDE_PARAGRAPH_BOILERPLATE; i++)
        ck_assert_str_eq(lede_paragraph_kind_name(i), paragraph[i]);

    static const char *const date_source[] = {"unknown", "text", "reference"};
    for (int32_t i = 0; i <= LEDE_DATE_SOURCE_REFERENCE; i++)
        ck_assert_str_eq(lede_date_source_name(i), date_source[i]);

    static const char *const token[] = {"unknown", "word", "number", "punct", "symbol", "url"};
    for (int32_t i = 0; i <= LEDE_TOKEN_URL; i++)
        ck_assert_str_eq(lede_token_kind_name(i), token[i]);

    static const char *const speaker[] = {"unknown", "person", "organization", "group"};
    for (int32_t i = 0; i <= LEDE_SPEAKER_GROUP; i++)
        ck_assert_str_eq(lede_speaker_kind_name(i), speaker[i]);
    static const char *const gender[] = {"unknown", "female", "male"};
    for (int32_t i = 0; i <= LEDE_GENDER_MALE; i++)
        ck_assert_str_eq(lede_gender_name(i), gender[i]);
    static const char *const mention[] = {"unknown", "name",  "surname",
                                          "pronoun", "title", "description"};
    for (int32_t i = 0; i <= LEDE_MENTION_DESCRIPTION; i++)
        ck_assert_str_eq(lede_mention_kind_name(i), mention[i]);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("abi_layout");
    TCase *tc = tcase_create("abi_layout");
    tcase_add_test(tc, released_options_accepted);
    tcase_add_test(tc, none_is_size_max);
    tcase_add_test(tc, enum_names);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
