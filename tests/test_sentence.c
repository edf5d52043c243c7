/* Check suite of the sentence layer (lib/sentence.c). Each case is a short
 * text written for the project and the sentences it must split into. */
#include <stdio.h>
#include <stdlib.h>

#include "check_helpers.h"

typedef struct split_case {
    const char *text;
    const char *sentences[5]; /* NULL-terminated */
} split_case;

/* Compare the document's sentences with the expected list (white space of
 * the text folded to single spaces before the comparison). */
static void check_split(const split_case *c)
{
    lede_doc *doc = parse_text(c->text);
    size_t expected = 0;
    while (expected < 5 && c->sentences[expected])
        expected++;
    size_t len;
    const char *text = lede_doc_text(doc, &len);
    size_t n = lede_doc_sentence_count(doc);
    char got[2048] = "";
    for (size_t i = 0; i < n; i++) {
        const lede_sentence *s = lede_doc_sentence_at(doc, i);
        char folded[512];
        size_t k = 0;
        for (size_t b = s->span.begin; b < s->span.end && k + 1 < sizeof folded; b++)
            folded[k++] = text[b] == '\n' ? ' ' : text[b];
        folded[k] = '\0';
        strncat(got, "[", sizeof got - strlen(got) - 1);
        strncat(got, folded, sizeof got - strlen(got) - 1);
        strncat(got, "]", sizeof got - strlen(got) - 1);
        if (i < expected)
            ck_assert_msg(strcmp(folded, c->sentences[i]) == 0,
                          "text: %s\nsentence %zu: \"%s\"\nexpected \"%s\"\nall: %s", c->text, i,
                          folded, c->sentences[i], got);
    }
    ck_assert_msg(n == expected, "text: %s\n%zu sentences, expected %zu: %s", c->text, n, expected,
                  got);
    lede_doc_free(doc);
}

static const split_case cases[] = {
    /* plain terminal marks */
    {"The vote is today. Results come later.", {"The vote is today.", "Results come later."}},
    {"Is it over? Nobody knows!! We wait.", {"Is it over?", "Nobody knows!!", "We wait."}},
    {"Really?! Yes.", {"Really?!", "Yes."}},
    /* titles and initials before names */
    {"Sen. Ana Diaz met Gov. Li and Dr. Roe. They agreed.",
     {"Sen. Ana Diaz met Gov. Li and Dr. Roe.", "They agreed."}},
    {"The report by Jonas K. Weber is out.", {"The report by Jonas K. Weber is out."}},
    {"It was me and I. Then we left.", {"It was me and I.", "Then we left."}},
    /* acronyms with periods */
    {"Troops left the U.S. base in March.", {"Troops left the U.S. base in March."}},
    {"She moved to the U.S. Then she enrolled.", {"She moved to the U.S.", "Then she enrolled."}},
    {"He joined the U.N. Security Council staff.", {"He joined the U.N. Security Council staff."}},
    {"They met at 9 a.m. on Friday.", {"They met at 9 a.m. on Friday."}},
    {"By 8 a.m. Ms. Park had voted. Polls closed at 8 p.m. Ms. Park then slept.",
     {"By 8 a.m. Ms. Park had voted.", "Polls closed at 8 p.m.", "Ms. Park then slept."}},
    /* company and general abbreviations */
    {"Shares of Widget Inc. rose. Rivals fell.", {"Shares of Widget Inc. rose.", "Rivals fell."}},
    {"They sold it to Hart & Co. last year.", {"They sold it to Hart & Co. last year."}},
    {"They sold it to Hart & Co. It was a bargain.",
     {"They sold it to Hart & Co.", "It was a bargain."}},
    {"The deal closed on Jan. 5 in Mass. and it held.",
     {"The deal closed on Jan. 5 in Mass. and it held."}},
    {"See No. 4 on p. 12 for details.", {"See No. 4 on p. 12 for details."}},
    /* numbers, money, addresses */
    {"Tickets cost $12.50. Few were sold.", {"Tickets cost $12.50.", "Few were sold."}},
    {"Mail info@example.org. Or call.", {"Mail info@example.org.", "Or call."}},
    {"Visit https://example.org/vote.html. It lists sites.",
     {"Visit https://example.org/vote.html.", "It lists sites."}},
    /* quotes and brackets */
    {"\xe2\x80\x9cWe won.\xe2\x80\x9d The crowd cheered.",
     {"\xe2\x80\x9cWe won.\xe2\x80\x9d", "The crowd cheered."}},
    {"\xe2\x80\x9cWe won!\xe2\x80\x9d she said.", {"\xe2\x80\x9cWe won!\xe2\x80\x9d she said."}},
    {"He paid (it was due.) and left.", {"He paid (it was due.) and left."}},
    /* ellipses */
    {"Well... maybe later. We will see.", {"Well... maybe later.", "We will see."}},
    {"It ended.... Then silence.", {"It ended....", "Then silence."}},
    {"He said [...] nothing else.", {"He said [...] nothing else."}},
    /* missing spaces and one-line lists */
    {"It rained.Then it snowed.", {"It rained.", "Then it snowed."}},
    {"1) Cut taxes 2) Build roads", {"1) Cut taxes", "2) Build roads"}},
    {"a. Cut taxes b. Build roads", {"a. Cut taxes", "b. Build roads"}},
    {"1. Cut taxes. 2. Build roads.", {"1. Cut taxes.", "2. Build roads."}},
    {"Yahoo! fired staff. Shares fell.", {"Yahoo! fired staff.", "Shares fell."}},
};

START_TEST(splits)
{
    check_split(&cases[_i]);
}
END_TEST

START_TEST(titles_and_headings_have_sentences)
{
    lede_doc *doc = parse_text("Council Backs Plan\n\nThe council backed the plan.\n\nWhat Next\n\n"
                               "A vote follows. Then a review.");
    ck_assert_uint_eq(lede_doc_sentence_count(doc), 5);
    ck_assert_uint_eq(lede_doc_sentence_at(doc, 0)->paragraph, 0);
    ck_assert_uint_eq(lede_doc_sentence_at(doc, 2)->paragraph, 2);
    ck_assert_uint_eq(lede_doc_paragraph_at(doc, 3)->sentence_first, 3);
    ck_assert_uint_eq(lede_doc_paragraph_at(doc, 3)->sentence_count, 2);
    ck_assert_ptr_null(lede_doc_sentence_at(doc, 5));
    lede_doc_free(doc);
}
END_TEST

START_TEST(long_paragraph_without_marks)
{
    /* 20,000 words and no terminal mark: one sentence, found in one pass */
    size_t n = 20000 * 5;
    char *text = malloc(n + 1);
    ck_assert_ptr_nonnull(text);
    for (size_t i = 0; i < n; i += 5)
        memcpy(text + i, "word ", 5);
    text[n] = '\0';
    lede_doc *doc = parse_text(text);
    ck_assert_uint_eq(lede_doc_sentence_count(doc), 1);
    ck_assert_uint_eq(lede_doc_sentence_at(doc, 0)->token_count, 20000);
    lede_doc_free(doc);
    free(text);
}
END_TEST

/* `count` sentences of `unit` (one sentence, ending in "! ") after `lead`
 * copies of `prose` (one sentence each): the number of sentences and that
 * each ends in '!' or '.'. */
static void check_repeated(const char *prose, size_t lead, const char *unit, size_t count)
{
    size_t pn = strlen(prose), un = strlen(unit), n = pn * lead + un * count;
    char *text = malloc(n + 1);
    ck_assert_ptr_nonnull(text);
    for (size_t i = 0; i < lead; i++)
        memcpy(text + i * pn, prose, pn);
    for (size_t i = 0; i < count; i++)
        memcpy(text + pn * lead + i * un, unit, un);
    text[n] = '\0';
    lede_doc *doc = parse_text(text);
    ck_assert_uint_eq(lede_doc_sentence_count(doc), lead + count);
    size_t len;
    const char *t = lede_doc_text(doc, &len);
    for (size_t i = 0; i < lead + count; i++) {
        const lede_sentence *sent = lede_doc_sentence_at(doc, i);
        char last = t[sent->span.end - 1];
        ck_assert_msg(last == '!' || last == '.', "sentence %zu ends in '%c'", i, last);
    }
    lede_doc_free(doc);
    free(text);
}

START_TEST(more_tokens_than_estimated)
{
    /* The tokenizer lists the tokens that may end a sentence in the room its
     * estimate of the tokens (one per five bytes) leaves above them, and the
     * sentence layer reads that list (lib/doc.h). Tokens denser than the
     * estimate outgrow the room and the list with it, from the start or
     * after prose that fits: the sentences are the same. */
    check_repeated("", 0, "Go on! ", 1);
    check_repeated("", 0, "Go on! ", 3000);
    check_repeated("", 0, "A! ", 5000);
    check_repeated("Negotiators reconvened yesterday afternoon. ", 300, "Go on! ", 3000);
    check_repeated("Negotiators reconvened yesterday afternoon. ", 300, "", 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sentence");
    TCase *tc = tcase_create("split");
    tcase_add_loop_test(tc, splits, 0, (int)(sizeof cases / sizeof *cases));
    tcase_add_test(tc, titles_and_headings_have_sentences);
    tcase_add_test(tc, long_paragraph_without_marks);
    tcase_add_test(tc, more_tokens_than_estimated);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
