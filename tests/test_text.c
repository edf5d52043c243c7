/* Check suite of the text layer (lib/text.c, lib/token.c): decoding,
 * tokens, their kinds, flags and normalized forms. */
#include <stdio.h>
#include <stdlib.h>

#include "check_helpers.h"
#include "test_scale.h"
#include "text.h"

/* The index of the first token whose text is `text`, or LEDE_NONE. */
static size_t find_token(const lede_doc *doc, const char *text)
{
    for (size_t i = 0; i < lede_doc_token_count(doc); i++)
        if (span_is(doc, lede_doc_token_at(doc, i)->span, text))
            return i;
    return LEDE_NONE;
}

static const lede_token *token(const lede_doc *doc, const char *text)
{
    size_t i = find_token(doc, text);
    ck_assert_msg(i != LEDE_NONE, "no token \"%s\"", text);
    return lede_doc_token_at(doc, i);
}

static void assert_norm(const lede_token *t, const char *norm)
{
    ck_assert_msg(t->norm_len == strlen(norm) && memcmp(t->norm, norm, t->norm_len) == 0,
                  "norm is \"%.*s\", expected \"%s\"", (int)t->norm_len, t->norm, norm);
}

START_TEST(words_numbers_and_punctuation)
{
    lede_doc *doc = parse_text("The U.S. economy grew 2.5% in 2024, to $1,234.5 billion.");
    static const char *const expected[] = {"The", "U.S.",    "economy", "grew", "2.5",
                                           "%",   "in",      "2024",    ",",    "to",
                                           "$",   "1,234.5", "billion", "."};
    size_t n = sizeof expected / sizeof *expected;
    ck_assert_uint_eq(lede_doc_token_count(doc), n);
    for (size_t i = 0; i < n; i++)
        ck_assert_span(doc, lede_doc_token_at(doc, i)->span, expected[i]);
    ck_assert_int_eq(token(doc, "U.S.")->kind, LEDE_TOKEN_WORD);
    ck_assert_int_eq(token(doc, "2.5")->kind, LEDE_TOKEN_NUMBER);
    ck_assert_int_eq(token(doc, "%")->kind, LEDE_TOKEN_SYMBOL);
    ck_assert_int_eq(token(doc, "$")->kind, LEDE_TOKEN_SYMBOL);
    ck_assert_int_eq(token(doc, ",")->kind, LEDE_TOKEN_PUNCT);
    lede_doc_free(doc);
}
END_TEST

START_TEST(flags)
{
    lede_doc *doc = parse_text("NATO chief Mark Rutte\nspoke.");
    const lede_token *nato = token(doc, "NATO");
    ck_assert(nato->flags & LEDE_TOKEN_ALL_CAPS);
    ck_assert(nato->flags & LEDE_TOKEN_CAPITALIZED);
    ck_assert(nato->flags & LEDE_TOKEN_SPACE_BEFORE); /* the text start counts as space */
    const lede_token *chief = token(doc, "chief");
    ck_assert(!(chief->flags & (LEDE_TOKEN_CAPITALIZED | LEDE_TOKEN_ALL_CAPS)));
    ck_assert(!(token(doc, "Mark")->flags & LEDE_TOKEN_ALL_CAPS));
    ck_assert(token(doc, "spoke")->flags & LEDE_TOKEN_NEWLINE_BEFORE);
    ck_assert(!(token(doc, "Rutte")->flags & LEDE_TOKEN_NEWLINE_BEFORE));
    ck_assert(!(token(doc, ".")->flags & LEDE_TOKEN_SPACE_BEFORE));
    lede_doc_free(doc);
}
END_TEST

START_TEST(inner_apostrophes_and_hyphens)
{
    lede_doc *doc = parse_text("NATO\xe2\x80\x99s Secretary-General said it wasn't O'Brien's "
                               "COVID-19 plan for the \xe2\x80\x99"
                               "90s.");
    assert_norm(token(doc, "NATO\xe2\x80\x99s"), "NATO's");
    ck_assert_int_eq(token(doc, "Secretary-General")->kind, LEDE_TOKEN_WORD);
    token(doc, "wasn't");
    token(doc, "O'Brien's");
    token(doc, "COVID-19");
    assert_norm(token(doc, "\xe2\x80\x99"
                           "90s"),
                "'90s");
    lede_doc_free(doc);
}
END_TEST

START_TEST(abbreviations_keep_their_periods)
{
    lede_doc *doc = parse_text("At 5 a.m. Dr. Ng of Ph.D. fame met e.g. Mr. Smith.");
    token(doc, "a.m.");
    token(doc, "Ph.D.");
    token(doc, "e.g.");
    /* A plain abbreviation is a word and a period: the sentence layer decides. */
    token(doc, "Dr");
    token(doc, "Mr");
    lede_doc_free(doc);
}
END_TEST

START_TEST(urls_and_email)
{
    lede_doc *doc = parse_text("Details: https://example.org/a_b?x=1. Write to "
                               "press.office@example.gov. See www.example.com/news, too.");
    ck_assert_int_eq(token(doc, "https://example.org/a_b?x=1")->kind, LEDE_TOKEN_URL);
    ck_assert_int_eq(token(doc, "press.office@example.gov")->kind, LEDE_TOKEN_URL);
    ck_assert_int_eq(token(doc, "www.example.com/news")->kind, LEDE_TOKEN_URL);
    lede_doc_free(doc);
    /* addresses inside a longer run of non-space characters */
    doc = parse_text("Mail:desk@example.org,tips@example.net. Or a@b.cd.");
    ck_assert_int_eq(token(doc, "desk@example.org")->kind, LEDE_TOKEN_URL);
    ck_assert_int_eq(token(doc, "tips@example.net")->kind, LEDE_TOKEN_URL);
    ck_assert_int_eq(token(doc, "a@b.cd")->kind, LEDE_TOKEN_URL);
    lede_doc_free(doc);
}
END_TEST

START_TEST(ellipses_and_terminal_runs)
{
    lede_doc *doc = parse_text("Wait... what?! No\xe2\x80\xa6 never!!");
    ck_assert_int_eq(token(doc, "...")->kind, LEDE_TOKEN_PUNCT);
    token(doc, "?!");
    token(doc, "!!");
    assert_norm(token(doc, "\xe2\x80\xa6"), "...");
    lede_doc_free(doc);
}
END_TEST

START_TEST(signed_numbers)
{
    lede_doc *doc = parse_text("Output fell -0.4% while prices rose 2-3 percent.");
    ck_assert_int_eq(token(doc, "-0.4")->kind, LEDE_TOKEN_NUMBER);
    ck_assert_int_eq(token(doc, "2-3")->kind, LEDE_TOKEN_NUMBER);
    lede_doc_free(doc);
}
END_TEST

START_TEST(web_debris)
{
    /* entities, a soft hyphen, a zero-width space, stray tags, NBSP */
    lede_doc *doc = parse_text("<p>AT&amp;T&#8217;s co\xc2\xad"
                               "founder said\xc2\xa0it was "
                               "in\xe2\x80\x8b"
                               "credible.</p> <SRD>");
    assert_norm(token(doc, "T&#8217;s"), "T's");
    assert_norm(token(doc, "&amp;"), "&");
    assert_norm(token(doc, "co\xc2\xad"
                           "founder"),
                "cofounder");
    assert_norm(token(doc, "in\xe2\x80\x8b"
                           "credible"),
                "incredible");
    ck_assert_uint_eq(find_token(doc, "p"), LEDE_NONE); /* "<p>" is not text */
    ck_assert(token(doc, "said")->flags & LEDE_TOKEN_SPACE_BEFORE);
    ck_assert(token(doc, "it")->flags & LEDE_TOKEN_SPACE_BEFORE); /* after NBSP */
    token(doc, "SRD");                                            /* a Reuters ticker stays text */
    lede_doc_free(doc);
}
END_TEST

START_TEST(nfc_normalization)
{
    /* "Erdoğan" written with a combining breve becomes the precomposed form */
    lede_doc *doc = parse_text("Erdog\xcc\x86"
                               "an spoke.");
    assert_norm(token(doc, "Erdog\xcc\x86"
                           "an"),
                "Erdo\xc4\x9f"
                "an");
    lede_doc_free(doc);
}
END_TEST

START_TEST(crlf_bom_and_form_feed)
{
    lede_doc *doc = parse_text("\xef\xbb\xbfTitle line\r\n\r\nBody text here.\fNext part.");
    ck_assert_span(doc, lede_doc_token_at(doc, 0)->span, "Title");
    ck_assert(token(doc, "Body")->flags & LEDE_TOKEN_NEWLINE_BEFORE);
    ck_assert(token(doc, "Next")->flags & LEDE_TOKEN_NEWLINE_BEFORE);
    ck_assert_uint_ge(lede_doc_paragraph_count(doc), 3);
    lede_doc_free(doc);
}
END_TEST

START_TEST(invalid_utf8)
{
    const char text[] = "Caf\xc3\xa9 \xff\xfe ok";
    lede_doc *doc = NULL;
    ck_assert_int_eq(lede_parse(text, sizeof text - 1, NULL, &doc), LEDE_ERR_INVALID_UTF8);
    ck_assert_ptr_null(doc);
    ck_assert_str_eq(lede_last_error_message(), "invalid UTF-8 at byte 6");

    lede_options opts;
    lede_options_init(&opts, sizeof opts);
    opts.flags = LEDE_OPT_LOSSY;
    ck_assert_int_eq(lede_parse(text, sizeof text - 1, &opts, &doc), LEDE_OK);
    /* spans still index the original bytes; the bad bytes read as U+FFFD */
    const lede_token *bad = token(doc, "\xff");
    assert_norm(bad, "\xef\xbf\xbd");
    ck_assert_span(doc, lede_doc_token_at(doc, lede_doc_token_count(doc) - 1)->span, "ok");
    lede_doc_free(doc);

    /* truncated sequences, overlong forms and surrogates are invalid too */
    static const char *const bad_inputs[] = {"\xe2\x80", "\xc0\xaf", "\xed\xa0\x80",
                                             "\xf4\x90\x80\x80"};
    for (size_t k = 0; k < sizeof bad_inputs / sizeof *bad_inputs; k++) {
        ck_assert_int_eq(lede_parse(bad_inputs[k], strlen(bad_inputs[k]), NULL, &doc),
                         LEDE_ERR_INVALID_UTF8);
        ck_assert_str_eq(lede_last_error_message(), "invalid UTF-8 at byte 0");
    }
}
END_TEST

START_TEST(nul_bytes_and_controls)
{
    const char text[] = "One\0two\x01three.";
    lede_doc *doc = NULL;
    ck_assert_int_eq(lede_parse(text, sizeof text - 1, NULL, &doc), LEDE_OK);
    ck_assert_uint_eq(lede_doc_token_count(doc), 4);
    ck_assert_span(doc, lede_doc_token_at(doc, 1)->span, "two");
    lede_doc_free(doc);
}
END_TEST

START_TEST(tokens_cover_every_visible_character)
{
    const char *text = "\xe2\x80\x9cWe\xe2\x80\x99re ready,\xe2\x80\x9d she said \xe2\x80\x94 "
                       "(really) [1] {x} #tag @user 10:30 \xc2\xbd \xe2\x82\xac"
                       "5.";
    lede_doc *doc = parse_text(text);
    size_t covered = 0, prev_end = 0;
    for (size_t i = 0; i < lede_doc_token_count(doc); i++) {
        lede_span s = lede_doc_token_at(doc, i)->span;
        ck_assert_uint_ge(s.begin, prev_end);
        ck_assert_uint_gt(s.end, s.begin);
        for (size_t k = prev_end; k < s.begin; k++)
            ck_assert_msg(text[k] == ' ', "byte %zu (%02x) is in no token", k,
                          (unsigned char)text[k]);
        covered += s.end - s.begin;
        prev_end = s.end;
    }
    ck_assert_uint_eq(prev_end, strlen(text));
    ck_assert_uint_gt(covered, 0);
    lede_doc_free(doc);
}
END_TEST

START_TEST(kind_names)
{
    ck_assert_str_eq(lede_token_kind_name(LEDE_TOKEN_WORD), "word");
    ck_assert_str_eq(lede_token_kind_name(LEDE_TOKEN_URL), "url");
    ck_assert_str_eq(lede_token_kind_name(999), "unknown");
    ck_assert_str_eq(lede_token_kind_name(-1), "unknown");
}
END_TEST

/* The tables the tokenizer reads a byte from, derived by hand from the
 * classes of text_ascii_classes[], say what those classes say:
 * text_plain_classes[] is the class of every byte that is a character by
 * itself, and a one-byte mark or symbol cut on the fast path (token.c's
 * quick_kind[]) gets the kind its class gives it. */
START_TEST(byte_tables_agree_with_classes)
{
    for (unsigned c = 0; c < 256; c++) {
        int decoded_further = c >= 0x80 || c == '&' || c == '<' || c == '\r';
        ck_assert_msg(text_plain_classes[c] ==
                          (decoded_further ? TEXT_NOT_PLAIN : text_ascii_classes[c & 0x7F]),
                      "text_plain_classes[0x%02x]", c);
    }
    for (unsigned c = 0x21; c < 0x7F; c++) {
        char_class cls = text_ascii_class((unsigned char)c);
        int kind = cls == CH_SYMBOL ? LEDE_TOKEN_SYMBOL
                   : cls == CH_QUOTE || cls == CH_OPEN || cls == CH_CLOSE || cls == CH_PUNCT
                       ? LEDE_TOKEN_PUNCT
                       : -1;
        if (kind < 0 || c == '`' || c == '&' || c == '<')
            continue; /* words, numbers, runs and entities: not one byte */
        char text[] = "rates ? rose";
        text[6] = (char)c;
        lede_doc *doc = parse_text(text);
        const lede_token *t = lede_doc_token_at(doc, 1);
        ck_assert_msg(t && t->span.begin == 6 && t->span.end == 7 && t->kind == kind,
                      "'%c' is not a token of kind %d", c, kind);
        lede_doc_free(doc);
    }
}
END_TEST

/* The tokenizer's fast paths for a word of ASCII letters (a run of
 * lower-case letters, ascii_word_end() past it, the mark after it cut in
 * the same turn) cut as scan_token() does, which takes a word that starts
 * with a letter above 0x7F: a word and what follows it, with every ASCII
 * byte after it and a second byte of several kinds, give the same tokens
 * after "r" as after "\u00e9" (one byte longer), in short words and in
 * words longer than the sixteen letters the fast path looks at. */
START_TEST(fast_words_cut_as_scan_token)
{
    static const char *const words[] = {"ates",
                                        "ATES",
                                        "aTes",
                                        "ates1",
                                        "abcdefghijklmnopqrstu",
                                        "abcdefghijklmnopqRST",
                                        "T's",
                                        "Te-12",
                                        "1/9",
                                        "B'C",
                                        "b-",
                                        "B-'c",
                                        "'",
                                        "330/340",
                                        "b--c",
                                        "B1C-D'E"};
    static const char *const afters[] = {" x", "x", "5", ".", "-", "'", "\"", ""};
    /* an ASCII first letter and one above 0x7F of the same case */
    static const char *const firsts[][2] = {{"r", "\xc3\xa9"}, {"R", "\xc3\x89"}};
    for (size_t l = 0; l < 2; l++)
        for (size_t w = 0; w < sizeof words / sizeof *words; w++)
            for (unsigned c = 0x20; c < 0x7F; c += (unsigned)test_stride())
                for (size_t a = 0; a < sizeof afters / sizeof *afters; a++) {
                    char fast[96], slow[96];
                    snprintf(fast, sizeof fast, "said %s%s%c%s more.", firsts[l][0], words[w],
                             (char)c, afters[a]);
                    snprintf(slow, sizeof slow, "said %s%s%c%s more.", firsts[l][1], words[w],
                             (char)c, afters[a]);
                    lede_doc *f = parse_text(fast), *g = parse_text(slow);
                    size_t n = lede_doc_token_count(f);
                    ck_assert_msg(n == lede_doc_token_count(g), "\"%s\": %zu tokens, not %zu", fast,
                                  n, lede_doc_token_count(g));
                    for (size_t i = 0; i < n; i++) {
                        const lede_token *x = lede_doc_token_at(f, i), *y = lede_doc_token_at(g, i);
                        size_t shift = i > 1 ? 1 : 0; /* the tokens after the word */
                        ck_assert_msg(x->span.begin + shift == y->span.begin &&
                                          x->span.end + (i >= 1) == y->span.end &&
                                          x->kind == y->kind && x->flags == y->flags,
                                      "\"%s\": token %zu differs", fast, i);
                    }
                    lede_doc_free(f);
                    lede_doc_free(g);
                }
}
END_TEST

/* text_utf8_invalid_at() skips ASCII in blocks of several sizes (128, 32
 * and 8 bytes, and the last 128 bytes at once): an invalid byte, or a
 * valid two-byte character, anywhere in ASCII texts of every length up to
 * 300 bytes is found, or passed, where it is, and the bytes past `len` are
 * not read as the text's. */
START_TEST(utf8_invalid_at_every_offset)
{
    char buf[320];
    for (size_t len = 1; len <= 300; len++) {
        memset(buf, 'a', sizeof buf);
        ck_assert_uint_eq(text_utf8_invalid_at(buf, len), LEDE_NONE);
        buf[len] = (char)0xff; /* past the text: never its */
        ck_assert_uint_eq(text_utf8_invalid_at(buf, len), LEDE_NONE);
        for (size_t at = 0; at < len; at += test_stride()) {
            buf[at] = (char)0xff;
            ck_assert_uint_eq(text_utf8_invalid_at(buf, len), at);
            buf[at] = 'a';
            if (at + 1 < len) {
                buf[at] = (char)0xc3, buf[at + 1] = (char)0xa9; /* é */
                ck_assert_uint_eq(text_utf8_invalid_at(buf, len), LEDE_NONE);
                buf[at + 1] = 'a'; /* a lead byte without its continuation */
                ck_assert_uint_eq(text_utf8_invalid_at(buf, len), at);
                buf[at] = 'a';
            }
        }
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("text");
    TCase *tc = tcase_create("tokens");
    tcase_add_test(tc, words_numbers_and_punctuation);
    tcase_add_test(tc, flags);
    tcase_add_test(tc, inner_apostrophes_and_hyphens);
    tcase_add_test(tc, abbreviations_keep_their_periods);
    tcase_add_test(tc, urls_and_email);
    tcase_add_test(tc, ellipses_and_terminal_runs);
    tcase_add_test(tc, signed_numbers);
    tcase_add_test(tc, web_debris);
    tcase_add_test(tc, nfc_normalization);
    tcase_add_test(tc, crlf_bom_and_form_feed);
    tcase_add_test(tc, invalid_utf8);
    tcase_add_test(tc, nul_bytes_and_controls);
    tcase_add_test(tc, tokens_cover_every_visible_character);
    tcase_add_test(tc, kind_names);
    tcase_add_test(tc, byte_tables_agree_with_classes);
    tcase_add_test(tc, fast_words_cut_as_scan_token);
    tcase_add_test(tc, utf8_invalid_at_every_offset);
    /* the last two parse or scan some fifty thousand texts: seconds under
     * the sanitizers, past Check's default of four */
    tcase_set_timeout(tc, 60);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
