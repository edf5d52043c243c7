/* Check suite of the quote layer (lib/quote.c): quote marks, attribution
 * patterns, fragments, floating quotes, indirect and mixed speech, cues,
 * speakers and confidence. */
#include <stdio.h>
#include <stdlib.h>

#include "check_helpers.h"
#include "lexicon.h"

/* The first quote whose text contains `needle`, or NULL. */
static const lede_quote *quote_with(const lede_doc *doc, const char *needle, size_t *index)
{
    size_t len;
    const char *text = lede_doc_text(doc, &len);
    for (size_t i = 0; i < lede_doc_quote_count(doc); i++) {
        const lede_quote *q = lede_doc_quote_at(doc, i);
        size_t n = q->span.end - q->span.begin, m = strlen(needle);
        for (size_t k = 0; k + m <= n; k++)
            if (memcmp(text + q->span.begin + k, needle, m) == 0) {
                if (index)
                    *index = i;
                return q;
            }
    }
    return NULL;
}

/* A quote as "kind|fragment/fragment|cue lemma|speaker name|speaker words". */
static const char *describe(const lede_doc *doc, const char *needle)
{
    static _Thread_local char buf[4096];
    size_t index = 0;
    const lede_quote *q = quote_with(doc, needle, &index);
    ck_assert_msg(q != NULL, "no quote with \"%s\"", needle);
    size_t len;
    const char *text = lede_doc_text(doc, &len);
    snprintf(buf, sizeof buf, "%s|", lede_quote_kind_name(q->kind));
    for (size_t k = 0; k < q->fragment_count; k++) {
        const lede_span *f = lede_quote_fragment_at(doc, index, k);
        size_t used = strlen(buf);
        snprintf(buf + used, sizeof buf - used, "%s%.*s", k ? "/" : "", (int)(f->end - f->begin),
                 text + f->begin);
    }
    const lede_speaker *s = q->speaker == LEDE_NONE ? NULL : lede_doc_speaker_at(doc, q->speaker);
    size_t used = strlen(buf);
    snprintf(buf + used, sizeof buf - used, "|%.*s|%.*s|%.*s", (int)q->cue_lemma_len,
             q->cue_lemma ? q->cue_lemma : "", s ? (int)s->name_len : 0, s ? s->name : "",
             lede_span_is_none(q->speaker_mention)
                 ? 0
                 : (int)(q->speaker_mention.end - q->speaker_mention.begin),
             lede_span_is_none(q->speaker_mention) ? "" : text + q->speaker_mention.begin);
    return buf;
}

START_TEST(direct_patterns)
{
    lede_doc *doc = parse_text(
        "Port Strike Enters Second Week\n\n"
        "\xe2\x80\x9cWe will not back down,\xe2\x80\x9d Maria Okafor said on Tuesday.\n\n"
        "\xe2\x80\x9cThe port is ready,\xe2\x80\x9d said Tomas Brandt, the harbour master.\n\n"
        "The mayor, Ines Duarte, said: \xe2\x80\x9cNobody will lose their home this "
        "winter.\xe2\x80\x9d\n\n"
        "Hugh Hill, a doctor at the clinic, said, \xe2\x80\x9cThey need more beds and more "
        "staff.\xe2\x80\x9d\n");
    ck_assert_str_eq(describe(doc, "back down"),
                     "direct|We will not back down,|say|Maria Okafor|Maria Okafor");
    ck_assert_str_eq(describe(doc, "port is ready"),
                     "direct|The port is ready,|say|Tomas Brandt|Tomas Brandt");
    ck_assert_str_eq(describe(doc, "Nobody"),
                     "direct|Nobody will lose their home this winter.|say|Ines Duarte|Ines Duarte");
    /* the apposition between the name and the verb is skipped */
    ck_assert_str_eq(describe(doc, "more beds"),
                     "direct|They need more beds and more staff.|say|Hugh Hill|Hugh Hill");
    const lede_quote *q = quote_with(doc, "back down", NULL);
    ck_assert_msg(q->confidence > 0.9, "confidence %.2f", q->confidence);
    ck_assert_span(doc, q->cue, "said");
    lede_doc_free(doc);
}
END_TEST

START_TEST(fragments_and_paragraphs)
{
    /* "Q1," X said. "Q2." is one quote with two fragments */
    lede_doc *doc = parse_text(
        "Bridge Reopens After Inspection\n\n"
        "\xe2\x80\x9cThe bridge is safe,\xe2\x80\x9d Ana Lopes told reporters. \xe2\x80\x9cWe "
        "checked every cable twice.\xe2\x80\x9d\n\n"
        "\xe2\x80\x9cThe first paragraph of a long statement goes on here.\n\n"
        "\xe2\x80\x9c"
        "And the second paragraph ends it,\xe2\x80\x9d said Paul Renner.\n");
    ck_assert_str_eq(describe(doc, "bridge"),
                     "direct|The bridge is safe,/We checked every cable twice.|tell|Ana Lopes|Ana "
                     "Lopes");
    /* a quote left open at a paragraph's end goes on where the next opens */
    ck_assert_str_eq(describe(doc, "long statement"),
                     "direct|The first paragraph of a long statement goes on here./And the second "
                     "paragraph ends it,|say|Paul Renner|Paul Renner");
    const lede_quote *q = quote_with(doc, "bridge", NULL);
    ck_assert_span(doc, q->addressee, "reporters");
    lede_doc_free(doc);
}
END_TEST

START_TEST(floating_quotes_and_pronouns)
{
    lede_doc *doc = parse_text(
        "Budget Debate\n\n"
        "Health Minister Sofia Marek defended the budget on Monday. \xe2\x80\x9cWe have done "
        "what we promised,\xe2\x80\x9d she said.\n\n"
        "\xe2\x80\x9c"
        "Every hospital will get the money it asked for.\xe2\x80\x9d\n\n"
        "The opposition was not convinced.\n");
    ck_assert_str_eq(describe(doc, "what we promised"),
                     "direct|We have done what we promised,|say|Sofia Marek|she");
    /* a paragraph wholly in quotes with no cue floats: same speaker, no cue */
    size_t index;
    const lede_quote *q = quote_with(doc, "Every hospital", &index);
    ck_assert_ptr_nonnull(q);
    ck_assert(lede_span_is_none(q->cue));
    ck_assert_str_eq(describe(doc, "Every hospital"),
                     "direct|Every hospital will get the money it asked for.||Sofia Marek|she");
    ck_assert_msg(q->confidence < 0.9 && q->confidence >= 0.5, "confidence %.2f", q->confidence);
    const lede_speaker *marek = lede_doc_speaker_at(doc, q->speaker);
    ck_assert_uint_eq(marek->quote_count, 2);
    lede_doc_free(doc);
}
END_TEST

START_TEST(indirect_and_mixed)
{
    lede_doc *doc = parse_text(
        "Dam Repairs Delayed\n\n"
        "Governor Lena Ortiz said that the dam would be repaired by June. "
        "The river will rise again next spring, engineers warned. "
        "According to the ministry, the repairs will cost more than planned. "
        "Ortiz called the delay \xe2\x80\x9c"
        "a failure of planning at every level.\xe2\x80\x9d "
        "Five years ago, she said, the dam held back twice as much water. "
        "Ortiz believes the region needs a second reservoir. "
        "Ortiz said rents had doubled in the valley. "
        "The data show that rainfall has doubled.\n");
    ck_assert_str_eq(describe(doc, "repaired"),
                     "indirect|the dam would be repaired by June|say|Lena Ortiz|Lena Ortiz");
    ck_assert_str_eq(describe(doc, "rise again"),
                     "indirect|The river will rise again next spring|warn|engineers|engineers");
    ck_assert_str_eq(describe(doc, "cost more"),
                     "indirect|the repairs will cost more than planned|according to||the ministry");
    ck_assert_str_eq(describe(doc, "failure"),
                     "mixed|the delay \xe2\x80\x9c"
                     "a failure of planning at every level|call|Lena Ortiz|Ortiz");
    /* an interposed cue splits the content */
    ck_assert_str_eq(describe(doc, "Five years"),
                     "indirect|Five years ago/the dam held back twice as much water|say|Lena "
                     "Ortiz|she");
    /* a reported clause that begins with a bare noun */
    ck_assert_ptr_nonnull(quote_with(doc, "rents had", NULL));
    ck_assert_str_eq(describe(doc, "rents had"),
                     "indirect|rents had doubled in the valley|say|Lena Ortiz|Ortiz");
    const lede_quote *belief = quote_with(doc, "second reservoir", NULL);
    const lede_quote *speech = quote_with(doc, "repaired", NULL);
    const lede_quote *weak = quote_with(doc, "rainfall", NULL);
    ck_assert_ptr_nonnull(weak);
    ck_assert(speech->confidence > belief->confidence);
    ck_assert(belief->confidence > weak->confidence);
    lede_doc_free(doc);
}
END_TEST

START_TEST(marks_apostrophes_and_scare_quotes)
{
    /* apostrophes are no quote marks; titles and scare quotes are no speech */
    lede_doc *doc = parse_text(
        "A Summit in Pictures\n\n"
        "Rutte\xe2\x80\x99s team didn\xe2\x80\x99t play rock \xe2\x80\x99n\xe2\x80\x99 roll "
        "from the \xe2\x80\x99"
        "90s at the so-called \xe2\x80\x9creform summit.\xe2\x80\x9d "
        "She watched \xe2\x80\x9cSaturday Night Live\xe2\x80\x9d with friends.\n\n"
        "\xe2\x80\x98It is a fair deal for the town,\xe2\x80\x99 Mr Hale said.\n\n"
        "\xc2\xab We will vote against it, \xc2\xbb said Carla Neri.\n");
    ck_assert_ptr_null(quote_with(doc, "reform summit", NULL));
    ck_assert_ptr_null(quote_with(doc, "Saturday", NULL));
    ck_assert_str_eq(describe(doc, "fair deal"),
                     "direct|It is a fair deal for the town,|say|Hale|Hale");
    ck_assert_str_eq(describe(doc, "vote against"),
                     "direct|We will vote against it,|say|Carla Neri|Carla Neri");
    lede_doc_free(doc);
    /* German-style marks: „ opens and the raised “ closes */
    doc = parse_text("Vote\n\n\xe2\x80\x9eWe are not finished yet,\xe2\x80\x9c said Jonas "
                     "Weber. \xe2\x80\x9cThe count goes on,\xe2\x80\x9d Lena Hoff said.\n");
    ck_assert_str_eq(describe(doc, "not finished"),
                     "direct|We are not finished yet,|say|Jonas Weber|Jonas Weber");
    ck_assert_str_eq(describe(doc, "count goes"),
                     "direct|The count goes on,|say|Lena Hoff|Lena Hoff");
    lede_doc_free(doc);
    /* a nested quote stays inside; an unclosed quote ends at its paragraph
     * and does not swallow the next one */
    doc = parse_text(
        "Council Votes\n\n"
        "\xe2\x80\x9cThey told us \xe2\x80\x98wait\xe2\x80\x99 for a week,\xe2\x80\x9d "
        "said Omar Said.\n\n"
        "\"This quote is never closed, said nobody in particular\n\n"
        "The council met on Friday. \"We agreed on the budget,\" Jo Kim said.\n");
    ck_assert_str_eq(describe(doc, "told us"),
                     "direct|They told us \xe2\x80\x98wait\xe2\x80\x99 for a week,|say|Omar "
                     "Said|Omar Said");
    ck_assert_str_eq(describe(doc, "budget"), "direct|We agreed on the budget,|say|Jo Kim|Jo Kim");
    ck_assert_str_eq(
        describe(doc, "never closed"),
        "direct|This quote is never closed, said nobody in particular||Omar Said|Omar Said");
    ck_assert_ptr_null(quote_with(doc, "council met", NULL));
    lede_doc_free(doc);
}
END_TEST

START_TEST(dash_colon_and_described_speakers)
{
    lede_doc *doc = parse_text(
        "Regulators Speak\n\n"
        "\xe2\x80\x9cThe rules must change before the next auction.\xe2\x80\x9d \xe2\x80\x94 "
        "Commissioner Geoffrey Marks\n\n"
        "And from Chairwoman Rosa Vidal:\n\n"
        "\xe2\x80\x9cWe will publish the full report next week.\xe2\x80\x9d\n\n"
        "\xe2\x80\x9cI sleep in the station most nights,\xe2\x80\x9d a homeless man said.\n");
    ck_assert_str_eq(describe(doc, "rules must change"),
                     "direct|The rules must change before the next auction.||Geoffrey "
                     "Marks|Geoffrey Marks");
    ck_assert_str_eq(describe(doc, "full report"),
                     "direct|We will publish the full report next week.||Rosa Vidal|Rosa Vidal");
    /* a described speaker keeps its words without a speaker */
    ck_assert_str_eq(describe(doc, "station"),
                     "direct|I sleep in the station most nights,|say||a homeless man");
    lede_doc_free(doc);
}
END_TEST

START_TEST(participles_and_lead_ins)
{
    /* a participle takes the subject of its clause, not the noun before it */
    lede_doc *doc = parse_text(
        "Strike Vote\n\n"
        "Union leader Marta Kowalski emailed members saying: \xe2\x80\x9cThe strike goes ahead "
        "on Monday.\xe2\x80\x9d\n\n"
        "According to the union, \xe2\x80\x9c"
        "every depot in the region will close for the "
        "day.\xe2\x80\x9d\n\n"
        "\xe2\x80\x9cWe have waited long enough,\xe2\x80\x9d the 46-year-old said.\n");
    ck_assert_str_eq(describe(doc, "strike goes"),
                     "direct|The strike goes ahead on Monday.|say|Marta Kowalski|Marta Kowalski");
    ck_assert_str_eq(describe(doc, "every depot"),
                     "direct|every depot in the region will close for the day.|according to||the "
                     "union");
    ck_assert_str_eq(describe(doc, "waited long"),
                     "direct|We have waited long enough,|say||the 46-year-old");
    lede_doc_free(doc);
    /* a two-word cue needs its particle; a party label and a parenthesis
     * before the comma are no obstacle */
    doc = parse_text("Debate\n\n\"The plan is dead,\" Republican Tom Hale shot back.\n\n"
                     "Gov. Ana Park (D-Ore.), said the plan would pass.\n");
    ck_assert_str_eq(describe(doc, "plan is dead"),
                     "direct|The plan is dead,|shoot back|Tom Hale|Tom Hale");
    ck_assert_str_eq(describe(doc, "would pass"),
                     "indirect|the plan would pass|say|Ana Park|Ana Park");
    lede_doc_free(doc);
    /* the sentence of a mixed quote is the one where its content begins,
     * even when the splitter ends a sentence between the words and the marks */
    doc = parse_text("Season Over\n\nBy Apr.``Nobody expected this,'' the coach stated.\n");
    for (size_t i = 0; i < lede_doc_quote_count(doc); i++) {
        const lede_quote *m = lede_doc_quote_at(doc, i);
        const lede_sentence *ms = lede_doc_sentence_at(doc, m->sentence);
        ck_assert(ms->span.begin <= m->span.begin && m->span.begin < ms->span.end);
    }
    ck_assert_uint_ge(lede_doc_quote_count(doc), 1);
    lede_doc_free(doc);
    /* a quoted phrase reported by a verb the cue lexicon lacks */
    doc = parse_text("Port Fees\n\nMayor Ines Duarte is labeling the new fees \xe2\x80\x9c"
                     "a tax "
                     "on every family in town.\xe2\x80\x9d\n");
    ck_assert_str_eq(describe(doc, "new fees"), "mixed|the new fees \xe2\x80\x9c"
                                                "a tax on every family in town.|labeling|Ines "
                                                "Duarte|Ines Duarte");
    const lede_quote *q = quote_with(doc, "new fees", NULL);
    ck_assert_msg(q->confidence < 0.6, "confidence %.2f", q->confidence);
    ck_assert_span(doc, q->cue, "labeling");
    ck_assert_str_eq(q->cue_lemma, "labeling"); /* NUL-terminated like every lemma */
    lede_doc_free(doc);
}
END_TEST

START_TEST(seed_article)
{
    lede_doc *doc = parse_seed();
    if (!doc)
        return; /* the development data is not on this machine */
    ck_assert_str_eq(describe(doc, "Let me be"),
                     "direct|Let me be absolutely clear, this is not the time to go it alone. Not "
                     "for Europe or North America,|state|Mark Rutte|he");
    ck_assert_str_eq(describe(doc, "Uncle Sam"),
                     "direct|Yes, Europe needs to know that Uncle Sam still has our back. But "
                     "America also needs to know that its NATO allies will step up,|say|Mark "
                     "Rutte|Rutte");
    ck_assert_str_eq(describe(doc, "new chapter"),
                     "direct|We will begin a new chapter for our transatlantic alliance, where we "
                     "build a stronger, fairer, and more lethal NATO,/A fairer NATO means all "
                     "allies doing their fair share.|state|Mark Rutte|he");
    ck_assert_str_eq(describe(doc, "unity"), "indirect|unity is essential|stress|Mark Rutte|Rutte");
    ck_assert_str_eq(describe(doc, "5%"),
                     "indirect|NATO members should allocate 5% of their GDP to defense\xe2\x80\x94"
                     "a dramatic increase from the current 2% target|suggest|Donald Trump|Trump");
    ck_assert_str_eq(describe(doc, "June summit"),
                     "indirect|NATO\xe2\x80\x99s upcoming June summit in The Hague would mark a "
                     "crucial turning point for the alliance|underscore|Mark Rutte|He");
    ck_assert_str_eq(describe(doc, "must evolve"),
                     "indirect|NATO must evolve to meet modern security challenges|believe|Mark "
                     "Rutte|Rutte");
    size_t direct = 0;
    for (size_t i = 0; i < lede_doc_quote_count(doc); i++) {
        const lede_quote *q = lede_doc_quote_at(doc, i);
        if (q->kind == LEDE_QUOTE_DIRECT) {
            direct++;
            ck_assert_str_eq(lede_doc_speaker_at(doc, q->speaker)->name, "Mark Rutte");
        }
    }
    ck_assert_uint_eq(direct, 3);
    lede_doc_free(doc);
}
END_TEST

START_TEST(options_and_accessors)
{
    const char *text = "\xe2\x80\x9cWe are ready for the storm,\xe2\x80\x9d Ana Lopes said.";
    lede_options o;
    lede_options_init(&o, sizeof o);
    o.flags = LEDE_OPT_NO_QUOTES;
    lede_doc *doc = NULL;
    ck_assert_int_eq(lede_parse(text, strlen(text), &o, &doc), LEDE_OK);
    ck_assert_uint_eq(lede_doc_quote_count(doc), 0);
    ck_assert_uint_eq(lede_doc_speaker_at(doc, 0)->quote_count, 0);
    lede_doc_free(doc);
    doc = parse_text(text);
    ck_assert_uint_eq(lede_doc_quote_count(doc), 1);
    const lede_quote *q = lede_doc_quote_at(doc, 0);
    ck_assert_uint_eq(q->sentence, 0);
    ck_assert_uint_eq(q->fragment_count, 1);
    ck_assert_ptr_null(lede_quote_fragment_at(doc, 0, 1));
    ck_assert_ptr_null(lede_quote_fragment_at(doc, 1, 0));
    ck_assert_ptr_null(lede_doc_quote_at(doc, 1));
    ck_assert_ptr_null(lede_doc_quote_at(NULL, 0));
    ck_assert_uint_eq(lede_doc_quote_count(NULL), 0);
    ck_assert_str_eq(lede_quote_kind_name(LEDE_QUOTE_MIXED), "mixed");
    ck_assert_str_eq(lede_quote_kind_name(99), "unknown");
    ck_assert_uint_eq(lede_doc_speaker_at(doc, q->speaker)->quote_count, 1);
    lede_doc_free(doc);
}
END_TEST

/* The words inside quotation marks are asked whether they are cues only
 * when they come to be read (pair_marks() skips them): a cue inside a region
 * that no direct quote takes, and one after a single mark that the
 * paragraph's end leaves an apostrophe, are read as those outside. */
START_TEST(cues_inside_marks)
{
    lede_doc *doc = parse_text(
        "Plan\n\nCritics of the plan, \"officials said it would fail badly\", were wrong.\n");
    ck_assert_str_eq(describe(doc, "fail badly"),
                     "mixed|it would fail badly\", were wrong|say|officials|officials");
    lede_doc_free(doc);
    doc = parse_text("Plan\n\nIn the '90s, the company said profits had doubled.\n");
    ck_assert_str_eq(describe(doc, "profits"),
                     "indirect|profits had doubled|say|the company|company");
    lede_doc_free(doc);
    doc = parse_text("Plan\n\nThe '90s were hard. Officials said the plan would fail badly.\n");
    ck_assert_str_eq(describe(doc, "the plan would"),
                     "indirect|the plan would fail badly|say|Officials|Officials");
    lede_doc_free(doc);
}
END_TEST

/* lib/quote.c turns away words shorter than CUE_MIN_LEN (3) before it asks
 * the cue lexicon: no key may be shorter. */
START_TEST(cue_lexicon_lengths)
{
    for (size_t k = 0; k < lexicon_cue_verbs.count; k++) {
        const lexicon_entry *e = &lexicon_cue_verbs.entries[k];
        ck_assert_msg(e->len >= 3, "cue \"%s\" is shorter than CUE_MIN_LEN in lib/quote.c", e->key);
    }
}
END_TEST

/* may_be_cue() in lib/quote.c compares a capitalized word with "according"
 * instead of asking the cue lexicon: that must stay the one key of its class
 * (CUE_ACCORDING, 3 in data/cue_verbs.txt). */
START_TEST(cue_lexicon_according)
{
    size_t according = 0;
    for (size_t k = 0; k < lexicon_cue_verbs.count; k++) {
        const lexicon_entry *e = &lexicon_cue_verbs.entries[k];
        if (e->value == 3) {
            ck_assert_msg(strcmp(e->key, "according") == 0,
                          "cue \"%s\" has the class of \"according\" (see may_be_cue())", e->key);
            according++;
        }
    }
    ck_assert_uint_eq(according, 1);
}
END_TEST

/* may_be_cue() in lib/quote.c asks the cue lexicon's table of byte classes
 * before it asks a word's case: the table must let every key through
 * capitalized too ("According"), the first letter in upper case. */
START_TEST(cue_classes_capitalized)
{
    for (size_t k = 0; k < lexicon_cue_verbs.count; k++) {
        const lexicon_entry *e = &lexicon_cue_verbs.entries[k];
        char word[64];
        ck_assert_uint_lt(e->len, sizeof word);
        memcpy(word, e->key, e->len);
        for (int capitalized = 0; capitalized < 2; capitalized++) {
            if (capitalized && word[0] >= 'a' && word[0] <= 'z')
                word[0] = (char)(word[0] - 'a' + 'A');
            uint32_t slot = lexicon_class_slot(word, e->len), bit = lexicon_class_bit(word, e->len);
            ck_assert_msg(lexicon_cue_verbs_classes[slot] >> bit & 1,
                          "the table of byte classes turns \"%.*s\" away", (int)e->len, word);
        }
    }
}
END_TEST

/* cue_of() in lib/quote.c looks the word before a cue up as an article
 * ("the report") only when it is no longer than ARTICLE_MAX_LEN (5): no key
 * of that class (QW_ARTICLE, 1 in data/quote_words.txt) may be longer. */
START_TEST(article_lexicon_lengths)
{
    size_t articles = 0;
    for (size_t k = 0; k < lexicon_quote_words.count; k++) {
        const lexicon_entry *e = &lexicon_quote_words.entries[k];
        if (e->value & 1) {
            ck_assert_msg(e->len <= 5,
                          "article \"%s\" is longer than ARTICLE_MAX_LEN in lib/quote.c", e->key);
            articles++;
        }
    }
    ck_assert_uint_gt(articles, 0);
}
END_TEST

static Suite *quote_suite(void)
{
    Suite *s = suite_create("quote");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, direct_patterns);
    tcase_add_test(tc, fragments_and_paragraphs);
    tcase_add_test(tc, floating_quotes_and_pronouns);
    tcase_add_test(tc, indirect_and_mixed);
    tcase_add_test(tc, marks_apostrophes_and_scare_quotes);
    tcase_add_test(tc, dash_colon_and_described_speakers);
    tcase_add_test(tc, participles_and_lead_ins);
    tcase_add_test(tc, seed_article);
    tcase_add_test(tc, cues_inside_marks);
    tcase_add_test(tc, options_and_accessors);
    tcase_add_test(tc, cue_lexicon_lengths);
    tcase_add_test(tc, cue_lexicon_according);
    tcase_add_test(tc, cue_classes_capitalized);
    tcase_add_test(tc, article_lexicon_lengths);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(quote_suite());
}
