/* Check suite of hostile input (docs/reliability.md): every case of
 * tests/hostile/hostile_cases.h parses to a consistent document whose JSON is
 * well formed, in every offset unit; invalid UTF-8 fails with the byte offset
 * or is replaced with LEDE_OPT_LOSSY; NUL bytes, empty input and the size
 * limit behave as documented.
 *
 * Sizes are those of the brief (2 MB, x 100,000, 500,000 paragraphs, 10,000
 * deep). LEDE_HOSTILE_SCALE=K divides the large ones by K (never below
 * 64 KiB) for runs under valgrind and the sanitizers; tests/reliability.cmake
 * sets it for a sanitizer build. Linear time is checked elsewhere, by
 * instruction counts (tests/hostile/linear.py): no test here asserts a time. */
#include <stdio.h>
#include <stdlib.h>

#include "check_helpers.h"
#include "hostile/hostile_cases.h"
#include "hostile/hostile_check.h"

/* The JSON renderings every document must survive. */
static const unsigned json_flags[] = {LEDE_JSON_OFFSETS_BYTES, LEDE_JSON_OFFSETS_CODEPOINTS,
                                      LEDE_JSON_OFFSETS_UTF16,
                                      LEDE_JSON_OFFSETS_BYTES | LEDE_JSON_PRETTY};

static size_t scale_divisor(void)
{
    const char *env = getenv("LEDE_HOSTILE_SCALE");
    long k = env ? strtol(env, NULL, 10) : 1;
    return k > 1 ? (size_t)k : 1;
}

static size_t scaled(size_t size)
{
    size_t k = scale_divisor();
    const size_t floor = 64 * 1024;
    if (k == 1 || size <= floor)
        return size;
    return size / k > floor ? size / k : floor;
}

static lede_status parse_with(const char *text, size_t len, uint32_t flags, lede_doc **doc)
{
    lede_options opts;
    lede_options_init(&opts, sizeof opts);
    opts.flags = flags;
    return lede_parse(text, len, &opts, doc);
}

/* The document is consistent and renders as well-formed JSON in every unit.
 * Returns the compact byte-offset JSON (to be freed with lede_free) when
 * `json_out` is not NULL. */
static void assert_sane(const char *name, const lede_doc *doc, const char *input, size_t len,
                        char **json_out)
{
    const char *problem = hostile_check_doc(doc, input, len);
    ck_assert_msg(problem == NULL, "%s: %s", name, problem);
    for (size_t f = 0; f < sizeof json_flags / sizeof *json_flags; f++) {
        char *json = NULL;
        size_t json_len = 0;
        lede_status st = lede_doc_to_json(doc, json_flags[f], &json, &json_len);
        ck_assert_msg(st == LEDE_OK, "%s: lede_doc_to_json(0x%x): %s", name, json_flags[f],
                      lede_strerror(st));
        problem = hostile_check_json(json, json_len);
        ck_assert_msg(problem == NULL, "%s (flags 0x%x): %s", name, json_flags[f], problem);
        ck_assert_msg(strncmp(json, "{\"schema\":1,", 12) == 0 ||
                          (json_flags[f] & LEDE_JSON_PRETTY),
                      "%s: JSON does not start with the schema", name);
        if (f == 0 && json_out)
            *json_out = json;
        else
            lede_free(json);
    }
}

/* Every hostile case: a result, consistent, with well-formed JSON. */
START_TEST(each_case_parses)
{
    const hostile_case *c = &hostile_cases[_i];
    size_t len = 0;
    char *input = hostile_make(c, scaled(c->unit_size), &len);
    ck_assert_ptr_nonnull(input);
    lede_doc *doc = NULL;
    lede_status st = parse_with(input, len, c->parse_flags, &doc);
    ck_assert_msg(st == LEDE_OK, "%s [%s] (%zu bytes): %s (%s)", c->name, c->what, len,
                  lede_strerror(st), lede_last_error_message());
    assert_sane(c->name, doc, input, len, NULL);
    lede_doc_free(doc);
    free(input);
}
END_TEST

/* LEDE_OPT_NO_SPEAKERS skips the speaker layer and changes nothing else. */
START_TEST(skipping_speakers_changes_nothing_else)
{
    const hostile_case *c = &hostile_cases[_i];
    size_t len = 0;
    char *input = hostile_make(c, scale_divisor() > 1 ? 16 * 1024 : 64 * 1024, &len);
    lede_doc *full = NULL, *lean = NULL;
    ck_assert_int_eq(parse_with(input, len, c->parse_flags, &full), LEDE_OK);
    ck_assert_int_eq(parse_with(input, len, c->parse_flags | LEDE_OPT_NO_SPEAKERS, &lean), LEDE_OK);
    ck_assert_msg(hostile_digest(full, HOSTILE_DIGEST_DOCUMENT) ==
                      hostile_digest(lean, HOSTILE_DIGEST_DOCUMENT),
                  "%s: the document layer differs without speakers", c->name);
    ck_assert_uint_eq(lede_doc_speaker_count(lean), 0);
    ck_assert_uint_eq(lede_doc_mention_count(lean), 0);
    assert_sane(c->name, lean, input, len, NULL);
    lede_doc_free(full);
    lede_doc_free(lean);
    free(input);
}
END_TEST

/* Offset of the first invalid UTF-8 byte, by the checker's own decoder. */
static size_t first_invalid(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t n = hostile_utf8_len((const unsigned char *)s + i, len - i);
        if (!n)
            return i;
        i += n;
    }
    return LEDE_NONE;
}

static void assert_invalid_at(const char *text, size_t len, size_t offset)
{
    lede_doc *doc = (lede_doc *)&doc; /* must be reset to NULL */
    ck_assert_int_eq(parse_with(text, len, 0, &doc), LEDE_ERR_INVALID_UTF8);
    ck_assert_ptr_null(doc);
    char expected[64];
    snprintf(expected, sizeof expected, "byte %zu", offset);
    const char *msg = lede_last_error_message();
    ck_assert_msg(strstr(msg, expected) != NULL, "message \"%s\" does not name %s", msg, expected);
    /* Lossy: the same bytes parse, spans index the original bytes, and the
     * JSON is valid UTF-8. */
    ck_assert_int_eq(parse_with(text, len, LEDE_OPT_LOSSY, &doc), LEDE_OK);
    ck_assert_str_eq(lede_last_error_message(), "");
    assert_sane("lossy", doc, text, len, NULL);
    lede_doc_free(doc);
}

START_TEST(invalid_utf8_names_the_offset)
{
    static const struct {
        const char *text;
        size_t len, offset;
    } cases[] = {
        {"\xff", 1, 0},
        {"abc\xff def", 8, 3},
        {"abc\xe2\x80", 5, 3},                      /* truncated at the end */
        {"\xc0\xaf", 2, 0},                         /* overlong '/' */
        {"a\xed\xa0\x80z", 5, 1},                   /* a surrogate */
        {"ab\xf4\x90\x80\x80", 6, 2},               /* above U+10FFFF */
        {"\xe2\x80\x9cok\xe2\x80\x9d \x80", 10, 9}, /* a stray continuation byte */
        {"caf\xc3\xa9\xc3", 6, 5},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++)
        assert_invalid_at(cases[k].text, cases[k].len, cases[k].offset);

    /* Far into a large input: the offset is exact. */
    size_t big = scaled(2u << 20);
    char *text = malloc(big);
    ck_assert_ptr_nonnull(text);
    for (size_t i = 0; i < big; i++)
        text[i] = i % 7 == 6 ? ' ' : 'a';
    text[big - 3] = '\xfe';
    assert_invalid_at(text, big, big - 3);
    free(text);

    /* The hostile soup: the first bad byte by an independent decoder. */
    const hostile_case *soup = hostile_find("invalid_utf8");
    size_t len = 0;
    char *input = hostile_make(soup, 64 * 1024, &len);
    size_t bad = first_invalid(input, len);
    ck_assert_uint_ne(bad, LEDE_NONE);
    assert_invalid_at(input, len, bad);
    free(input);
}
END_TEST

START_TEST(lossy_replacement_reaches_the_json)
{
    static const char text[] = "Caf\xe9 Opens Downtown\n\nThe caf\xe9 opened today. It was busy.\n";
    lede_doc *doc = NULL;
    ck_assert_int_eq(parse_with(text, sizeof text - 1, LEDE_OPT_LOSSY, &doc), LEDE_OK);
    char *json = NULL;
    assert_sane("lossy", doc, text, sizeof text - 1, &json);
    ck_assert_msg(strstr(json, "\\ufffd") || strstr(json, "\xef\xbf\xbd"), "no U+FFFD in %s", json);
    lede_free(json);
    lede_doc_free(doc);
}
END_TEST

START_TEST(nul_bytes)
{
    static const char text[] = "Title\0With NUL\n\nThe port \0 reopened on Monday. "
                               "\"Yes,\0\" he said.\n\0\n\0";
    lede_doc *doc = NULL;
    ck_assert_int_eq(parse_with(text, sizeof text - 1, 0, &doc), LEDE_OK);
    char *json = NULL;
    assert_sane("nul", doc, text, sizeof text - 1, &json);
    ck_assert_ptr_nonnull(strstr(json, "\\u0000")); /* the title's text holds one */
    lede_free(json);
    lede_doc_free(doc);

    /* Nothing but NUL bytes. */
    char zeros[4096] = {0};
    ck_assert_int_eq(parse_with(zeros, sizeof zeros, 0, &doc), LEDE_OK);
    assert_sane("zeros", doc, zeros, sizeof zeros, NULL);
    lede_doc_free(doc);
}
END_TEST

START_TEST(empty_input)
{
    static const char *const blanks[] = {
        "", " ", "\n", "\n\n\n", " \t\r\n \r\n", "\xc2\xa0\xe2\x80\x8b\n", "\xef\xbb\xbf"};
    lede_doc *doc = NULL;
    ck_assert_int_eq(lede_parse(NULL, 0, NULL, &doc), LEDE_OK);
    ck_assert_uint_eq(lede_doc_token_count(doc), 0);
    ck_assert_uint_eq(lede_doc_paragraph_count(doc), 0);
    ck_assert_uint_eq(lede_doc_sentence_count(doc), 0);
    char *json = NULL;
    assert_sane("NULL, 0", doc, "", 0, &json);
    ck_assert_ptr_nonnull(strstr(json, "\"paragraphs\":[]"));
    ck_assert_ptr_nonnull(strstr(json, "\"title\":null"));
    lede_free(json);
    lede_doc_free(doc);
    for (size_t k = 0; k < sizeof blanks / sizeof *blanks; k++) {
        ck_assert_int_eq(parse_with(blanks[k], strlen(blanks[k]), 0, &doc), LEDE_OK);
        ck_assert_uint_eq(lede_doc_sentence_count(doc), 0);
        assert_sane("blank", doc, blanks[k], strlen(blanks[k]), NULL);
        lede_doc_free(doc);
    }
}
END_TEST

static lede_status parse_limited(const char *text, size_t len, size_t max, lede_doc **doc)
{
    lede_options opts;
    lede_options_init(&opts, sizeof opts);
    opts.max_input_size = max;
    return lede_parse(text, len, &opts, doc);
}

START_TEST(input_over_the_limit)
{
    char text[101];
    memset(text, 'a', sizeof text);
    lede_doc *doc = NULL;
    ck_assert_int_eq(parse_limited(text, 100, 100, &doc), LEDE_OK);
    lede_doc_free(doc);
    doc = (lede_doc *)&doc;
    ck_assert_int_eq(parse_limited(text, 101, 100, &doc), LEDE_ERR_LIMIT);
    ck_assert_ptr_null(doc);
    ck_assert_ptr_nonnull(strstr(lede_last_error_message(), "101"));
    ck_assert_str_eq(lede_status_name(LEDE_ERR_LIMIT), "limit");

    /* A zero limit admits only empty input. */
    ck_assert_int_eq(parse_limited("", 0, 0, &doc), LEDE_OK);
    lede_doc_free(doc);
    ck_assert_int_eq(parse_limited("a", 1, 0, &doc), LEDE_ERR_LIMIT);

    /* A large input over a smaller limit fails cleanly, and the next parse works. */
    const hostile_case *c = hostile_find("prose_line");
    size_t len = 0;
    char *big = hostile_make(c, scaled(2u << 20), &len);
    ck_assert_int_eq(parse_limited(big, len, len / 2, &doc), LEDE_ERR_LIMIT);
    ck_assert_int_eq(parse_limited(big, len, len, &doc), LEDE_OK);
    ck_assert_str_eq(lede_last_error_message(), "");
    lede_doc_free(doc);
    free(big);
}
END_TEST

/* Pretty JSON nests as deep as compact JSON does: the nesting of quotes in
 * the text never reaches the output's structure. */
START_TEST(deep_nesting_stays_flat_in_json)
{
    const hostile_case *c = hostile_find("nested_quotes");
    size_t len = 0;
    char *input = hostile_make(c, c->unit_size, &len);
    lede_doc *doc = NULL;
    ck_assert_int_eq(parse_with(input, len, 0, &doc), LEDE_OK);
    char *json = NULL;
    size_t json_len = 0;
    ck_assert_int_eq(lede_doc_to_json(doc, LEDE_JSON_PRETTY, &json, &json_len), LEDE_OK);
    size_t depth = 0, max = 0;
    int in_string = 0;
    for (size_t i = 0; i < json_len; i++) {
        char ch = json[i];
        if (in_string) {
            if (ch == '\\')
                i++;
            else if (ch == '"')
                in_string = 0;
        } else if (ch == '"') {
            in_string = 1;
        } else if (ch == '{' || ch == '[') {
            max = ++depth > max ? depth : max;
        } else if (ch == '}' || ch == ']') {
            depth--;
        }
    }
    ck_assert_uint_le(max, 8);
    lede_free(json);
    lede_doc_free(doc);
    free(input);
}
END_TEST

static Suite *hostile_suite(void)
{
    Suite *s = suite_create("hostile");
    TCase *tc = tcase_create("cases");
    /* Generous: a hang is what this catches, not slowness (no time is
     * asserted; the instruction-count check and bench/hostile measure). */
    tcase_set_timeout(tc, 300);
    tcase_add_loop_test(tc, each_case_parses, 0, (int)HOSTILE_CASE_COUNT);
    tcase_add_loop_test(tc, skipping_speakers_changes_nothing_else, 0, (int)HOSTILE_CASE_COUNT);
    suite_add_tcase(s, tc);
    TCase *edge = tcase_create("edges");
    tcase_set_timeout(edge, 300);
    tcase_add_test(edge, invalid_utf8_names_the_offset);
    tcase_add_test(edge, lossy_replacement_reaches_the_json);
    tcase_add_test(edge, nul_bytes);
    tcase_add_test(edge, empty_input);
    tcase_add_test(edge, input_over_the_limit);
    tcase_add_test(edge, deep_nesting_stays_flat_in_json);
    suite_add_tcase(s, edge);
    return s;
}

int main(void)
{
    return run_suite(hostile_suite());
}
