/* Check suite of the document layer (lib/document.c): paragraphs and their
 * kinds, title, byline and authors, datelines, headings, the date. */
#include <stdio.h>
#include <stdlib.h>

#include "check_helpers.h"

/* The kinds of all paragraphs as one string: "title,body,heading,...". */
static const char *kinds(const lede_doc *doc)
{
    static _Thread_local char buf[1024];
    buf[0] = '\0';
    for (size_t i = 0; i < lede_doc_paragraph_count(doc); i++) {
        if (i)
            strncat(buf, ",", sizeof buf - strlen(buf) - 1);
        strncat(buf, lede_paragraph_kind_name(lede_doc_paragraph_at(doc, i)->kind),
                sizeof buf - strlen(buf) - 1);
    }
    return buf;
}

static const char ARTICLE[] =
    "Published: March 26, 2026\n"
    "\n"
    "City Council Approves New Transit Budget | The Riverside Times\n"
    "\n"
    "By Maria Lopez and JOHN O'NEILL, Associated Press\n"
    "\n"
    "RIVERSIDE, Calif. (AP) \xe2\x80\x94 The city council on Wednesday approved a $40 million "
    "transit budget, ending months of debate. \xe2\x80\x9cThis is a good day,\xe2\x80\x9d said "
    "Mayor Ann Lee.\n"
    "\n"
    "Where the Money Goes\n"
    "\n"
    "Most of the money will buy electric buses, officials said. The rest pays for repairs.\n"
    "\n"
    "Commuters waiting at a downtown stop on Tuesday. Photo: Sam Green/Riverside Times\n"
    "\n"
    "Critics said the plan came too late.\n"
    "\n"
    "(Reporting by Maria Lopez; Editing by Tom Hart)\n"
    "\n"
    "Follow Maria Lopez on Twitter @mlopez\n";

START_TEST(article_structure)
{
    lede_doc *doc = parse_text(ARTICLE);
    ck_assert_str_eq(kinds(doc),
                     "meta,title,byline,body,heading,body,caption,body,boilerplate,boilerplate");
    const lede_document *d = lede_doc_document(doc);
    ck_assert_str_eq(d->date, "2026-03-26");
    ck_assert_uint_eq(d->date_len, 10);
    ck_assert_int_eq(d->date_source, LEDE_DATE_SOURCE_TEXT);
    ck_assert_span(doc, d->date_span, "March 26, 2026");
    ck_assert_span(doc, d->title, "City Council Approves New Transit Budget");
    ck_assert_span(doc, d->byline, "By Maria Lopez and JOHN O'NEILL, Associated Press");
    ck_assert_uint_eq(lede_doc_author_count(doc), 2);
    ck_assert_str_eq(lede_doc_author_at(doc, 0)->name, "Maria Lopez");
    ck_assert_str_eq(lede_doc_author_at(doc, 1)->name, "John O'Neill");
    ck_assert_span(doc, lede_doc_author_at(doc, 1)->span, "JOHN O'NEILL");
    ck_assert_ptr_null(lede_doc_author_at(doc, 2));
    ck_assert_span(doc, d->dateline, "RIVERSIDE, Calif. (AP) \xe2\x80\x94");
    ck_assert_str_eq(d->dateline_place, "RIVERSIDE, Calif.");
    ck_assert_str_eq(d->agency, "AP");
    ck_assert_uint_eq(lede_doc_heading_count(doc), 1);
    ck_assert_span(doc, lede_doc_heading_at(doc, 0)->span, "Where the Money Goes");
    ck_assert_uint_eq(lede_doc_heading_at(doc, 0)->paragraph, 4);
    lede_doc_free(doc);
}
END_TEST

START_TEST(sentences_skip_metadata_and_dateline)
{
    lede_doc *doc = parse_text(ARTICLE);
    /* title, 2 in the lede, heading, 2, caption 2, 1 */
    const lede_sentence *first_body = lede_doc_sentence_at(doc, 1);
    ck_assert_span(doc, first_body->span,
                   "The city council on Wednesday approved a $40 million transit budget, ending "
                   "months of debate.");
    ck_assert_uint_eq(first_body->paragraph, 3);
    const lede_paragraph *lede_para = lede_doc_paragraph_at(doc, 3);
    ck_assert_uint_eq(lede_para->sentence_first, 1);
    ck_assert_uint_eq(lede_para->sentence_count, 2);
    /* metadata, byline and boilerplate have no sentences */
    ck_assert_uint_eq(lede_doc_paragraph_at(doc, 0)->sentence_count, 0);
    ck_assert_uint_eq(lede_doc_paragraph_at(doc, 0)->sentence_first, LEDE_NONE);
    ck_assert_uint_eq(lede_doc_paragraph_at(doc, 2)->sentence_count, 0);
    ck_assert_uint_eq(lede_doc_paragraph_at(doc, 8)->sentence_count, 0);
    /* every sentence lies inside its paragraph, in order */
    size_t prev_end = 0;
    for (size_t i = 0; i < lede_doc_sentence_count(doc); i++) {
        const lede_sentence *s = lede_doc_sentence_at(doc, i);
        const lede_paragraph *p = lede_doc_paragraph_at(doc, s->paragraph);
        ck_assert_uint_ge(s->span.begin, p->span.begin);
        ck_assert_uint_le(s->span.end, p->span.end);
        ck_assert_uint_ge(s->span.begin, prev_end);
        prev_end = s->span.end;
        const lede_token *t0 = lede_doc_token_at(doc, s->token_first);
        const lede_token *tn = lede_doc_token_at(doc, s->token_first + s->token_count - 1);
        ck_assert_uint_eq(t0->span.begin, s->span.begin);
        ck_assert_uint_eq(tn->span.end, s->span.end);
    }
    lede_doc_free(doc);
}
END_TEST

START_TEST(inline_date_label_is_split_off)
{
    lede_doc *doc = parse_text(
        " date 2026-01-15 Harbor Authority chief Lena Berg has warned shippers against delays in "
        "the new port schedule, saying the season would be short.\n\nShe spoke on Monday.");
    const lede_document *d = lede_doc_document(doc);
    ck_assert_str_eq(d->date, "2026-01-15");
    ck_assert_span(doc, d->date_span, "2026-01-15");
    ck_assert_str_eq(kinds(doc), "meta,body,body");
    ck_assert_span(doc, lede_doc_paragraph_at(doc, 0)->span, "date 2026-01-15");
    ck_assert(lede_span_is_none(d->title));
    const lede_sentence *s = lede_doc_sentence_at(doc, 0);
    size_t len;
    const char *text = lede_doc_text(doc, &len);
    ck_assert(strncmp(text + s->span.begin, "Harbor Authority", 16) == 0);
    lede_doc_free(doc);
}
END_TEST

START_TEST(reference_date)
{
    lede_options opts;
    lede_options_init(&opts, sizeof opts);
    opts.reference_date = "2026-02-28";
    lede_doc *doc = NULL;
    const char *text = "Officials said the bridge would reopen soon.";
    ck_assert_int_eq(lede_parse(text, strlen(text), &opts, &doc), LEDE_OK);
    const lede_document *d = lede_doc_document(doc);
    ck_assert_str_eq(d->date, "2026-02-28");
    ck_assert_int_eq(d->date_source, LEDE_DATE_SOURCE_REFERENCE);
    ck_assert(lede_span_is_none(d->date_span));
    lede_doc_free(doc);

    /* a date in the text wins over the reference date */
    text = "Updated 2:13 PM ET, Tue March 3, 2026\n\nOfficials said the bridge would reopen.";
    ck_assert_int_eq(lede_parse(text, strlen(text), &opts, &doc), LEDE_OK);
    ck_assert_str_eq(lede_doc_document(doc)->date, "2026-03-03");
    ck_assert_int_eq(lede_doc_document(doc)->date_source, LEDE_DATE_SOURCE_TEXT);
    lede_doc_free(doc);

    /* no date anywhere */
    doc = parse_text("Officials said the bridge would reopen.");
    ck_assert_ptr_null(lede_doc_document(doc)->date);
    ck_assert_int_eq(lede_doc_document(doc)->date_source, LEDE_DATE_SOURCE_UNKNOWN);
    lede_doc_free(doc);
}
END_TEST

START_TEST(date_lines)
{
    lede_doc *doc = parse_text("Friday, July 21, 2017\n\nEvansville, Indiana, United States - "
                               "A fire destroyed a warehouse this past week, officials said.\n");
    const lede_document *d = lede_doc_document(doc);
    ck_assert_str_eq(d->date, "2017-07-21");
    ck_assert_str_eq(kinds(doc), "meta,body");
    ck_assert_span(doc, d->dateline, "Evansville, Indiana, United States -");
    ck_assert_str_eq(d->dateline_place, "Evansville, Indiana, United States");
    ck_assert_ptr_null(d->agency);
    ck_assert_span(doc, lede_doc_sentence_at(doc, 0)->span,
                   "A fire destroyed a warehouse this past week, officials said.");
    lede_doc_free(doc);

    /* day-first dates, and an impossible date is not a date */
    doc = parse_text("Posted on 3 February 2025\n\nText.");
    ck_assert_str_eq(lede_doc_document(doc)->date, "2025-02-03");
    lede_doc_free(doc);
    doc = parse_text("Published: February 30, 2025\n\nText.");
    ck_assert_ptr_null(lede_doc_document(doc)->date);
    lede_doc_free(doc);
}
END_TEST

START_TEST(wire_datelines)
{
    static const struct {
        const char *text, *dateline, *place, *agency;
    } cases[] = {
        {"WASHINGTON (AP) \xe2\x80\x94 A news report said the talks had stalled.",
         "WASHINGTON (AP) \xe2\x80\x94", "WASHINGTON", "AP"},
        {"NEW YORK, Nov. 19 (UPI) \xe2\x80\x94 Former officials met on Tuesday.",
         "NEW YORK, Nov. 19 (UPI) \xe2\x80\x94", "NEW YORK", "UPI"},
        {"Beirut (AFP) \xe2\x80\x93 Protesters gathered downtown.", "Beirut (AFP) \xe2\x80\x93",
         "Beirut", "AFP"},
        {"(CNN) -- The storm moved east overnight.", "(CNN) --", NULL, "CNN"},
        {"DAKAR, Senegal (AP) \xe2\x80\x94 Voters lined up early.",
         "DAKAR, Senegal (AP) \xe2\x80\x94", "DAKAR, Senegal", "AP"},
        {"    CLEVELAND, Feb 26 - Standard Widget Co said it would\nform a financial unit.\n",
         "CLEVELAND, Feb 26 -", "CLEVELAND", NULL},
        {"    RICHMOND, Va. March 3 - The board raised the payout.", "RICHMOND, Va. March 3 -",
         "RICHMOND, Va.", NULL},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        lede_doc *doc = parse_text(cases[k].text);
        const lede_document *d = lede_doc_document(doc);
        ck_assert_span(doc, d->dateline, cases[k].dateline);
        if (cases[k].place)
            ck_assert_str_eq(d->dateline_place, cases[k].place);
        else
            ck_assert_ptr_null(d->dateline_place);
        if (cases[k].agency)
            ck_assert_str_eq(d->agency, cases[k].agency);
        else
            ck_assert_ptr_null(d->agency);
        /* the first sentence starts after the dateline */
        const lede_sentence *s = lede_doc_sentence_at(doc, 0);
        ck_assert_uint_ge(s->span.begin, d->dateline.end);
        lede_doc_free(doc);
    }
}
END_TEST

START_TEST(no_false_datelines_or_bylines)
{
    static const char *const texts[] = {
        "By now, the senators had left the chamber.\n\nThey returned on Monday.",
        "By winning the primary, she secured the nomination.\n\nHer rivals conceded.",
        "By Tuesday the storm had passed.\n\nCrews began repairs.",
        "NATO members met in Brussels - the third meeting this year.\n\nMore talks follow.",
        "Coca-Cola said sales rose.\n\nShares gained.",
    };
    for (size_t k = 0; k < sizeof texts / sizeof *texts; k++) {
        lede_doc *doc = parse_text(texts[k]);
        const lede_document *d = lede_doc_document(doc);
        ck_assert_msg(lede_span_is_none(d->byline), "byline in: %s", texts[k]);
        ck_assert_msg(lede_span_is_none(d->dateline), "dateline in: %s", texts[k]);
        ck_assert_uint_eq(lede_doc_author_count(doc), 0);
        lede_doc_free(doc);
    }
}
END_TEST

START_TEST(reuters_hard_wrapped)
{
    const char *text = "ACME <ACM> TO SELL PUMP UNIT\n"
                       "    HOUSTON, March 5 - Acme Corp said it agreed to sell its\n"
                       "pump unit to a group of investors for about 40 mln dlrs.\n"
                       "    The company said the sale would close in the second\n"
                       "quarter, subject to approval by regulators.\n"
                       "    Qtly div 10 cts vs 10 cts\n"
                       " Reuter\n";
    lede_doc *doc = parse_text(text);
    const lede_document *d = lede_doc_document(doc);
    ck_assert_span(doc, d->title, "ACME <ACM> TO SELL PUMP UNIT");
    ck_assert_span(doc, d->dateline, "HOUSTON, March 5 -");
    ck_assert_str_eq(kinds(doc), "title,body,body,body,boilerplate");
    /* sentences run across the line breaks */
    ck_assert_span(doc, lede_doc_sentence_at(doc, 1)->span,
                   "Acme Corp said it agreed to sell its\npump unit to a group of investors for "
                   "about 40 mln dlrs.");
    lede_doc_free(doc);
}
END_TEST

START_TEST(wrapped_width_in_code_points)
{
    /* Hard-wrapped lines of accented text: as wide as each other in code
     * points (88 and 89), the widest under 100, though 102 bytes; the next
     * line opens with a capital, so that only the widths join them. */
    lede_doc *doc = parse_text("Les caf\xc3\xa9s de la rue Ren\xc3\xa9 L\xc3\xa9vesque ont "
                               "ferm\xc3\xa9 leurs portes apr\xc3\xa8s une soir\xc3\xa9\x65 "
                               "tr\xc3\xa8s anim\xc3\xa9\x65 et\n"
                               "H\xc3\xa9l\xc3\xa8ne Dupr\xc3\xa9 a d\xc3\xa9\x63lar\xc3\xa9 "
                               "\xc3\xa0 la t\xc3\xa9l\xc3\xa9 que la f\xc3\xaate \xc3\xa9tait "
                               "termin\xc3\xa9\x65 pour cette ann\xc3\xa9\x65, tr\xc3\xa8s "
                               "calme.");
    ck_assert_uint_eq(lede_doc_paragraph_count(doc), 1);
    ck_assert_uint_eq(lede_doc_sentence_count(doc), 1);
    lede_doc_free(doc);
}
END_TEST

START_TEST(single_newlines)
{
    /* a list: each line its own paragraph */
    lede_doc *doc = parse_text("Key facts\nlow taxes\nnew schools\nmore buses");
    ck_assert_uint_eq(lede_doc_paragraph_count(doc), 4);
    ck_assert_uint_eq(lede_doc_sentence_count(doc), 4);
    lede_doc_free(doc);
    /* a sentence broken by a stray newline stays one sentence */
    doc = parse_text("The minister said the plan\nwould be ready next year.");
    ck_assert_uint_eq(lede_doc_paragraph_count(doc), 1);
    ck_assert_uint_eq(lede_doc_sentence_count(doc), 1);
    lede_doc_free(doc);
    /* unwrapped paragraphs on consecutive lines stay apart */
    doc = parse_text("The first paragraph is long enough to read as prose on its own line, and it "
                     "ends here with a period that closes it.\nThe second paragraph follows on "
                     "the next line and also ends with a period.");
    ck_assert_uint_eq(lede_doc_paragraph_count(doc), 2);
    lede_doc_free(doc);
}
END_TEST

START_TEST(titles)
{
    lede_doc *doc = parse_text("Storm Cuts Power to Thousands - Example News\n\nA storm cut power "
                               "to thousands of homes on Sunday, the utility said.\n\nRepairs "
                               "continue.");
    ck_assert_span(doc, lede_doc_document(doc)->title, "Storm Cuts Power to Thousands");
    lede_doc_free(doc);

    /* a subtitle after a semicolon belongs to the title */
    doc = parse_text("Bridge to reopen in May; \nRepairs finished early after a mild winter.\n\n"
                     "The bridge will reopen in May, officials said.\n\nTraffic will resume.");
    ck_assert_span(doc, lede_doc_document(doc)->title,
                   "Bridge to reopen in May; \nRepairs finished early after a mild winter.");
    lede_doc_free(doc);

    /* a lone paragraph is not a title, nor is a long first sentence */
    doc = parse_text("Officials said the bridge would reopen.");
    ck_assert(lede_span_is_none(lede_doc_document(doc)->title));
    lede_doc_free(doc);
    doc = parse_text("The regional transit authority on Monday announced that it would cut fares "
                     "on every line starting next month, officials said.\n\nRiders welcomed it.");
    ck_assert(lede_span_is_none(lede_doc_document(doc)->title));
    lede_doc_free(doc);
}
END_TEST

START_TEST(boilerplate_and_captions)
{
    lede_doc *doc = parse_text(
        "The council vote passed late on Tuesday after a debate that lasted "
        "more than six hours.\n\n___\n\n4:40 p.m.:\n\nCrowds cheered the result."
        "\n\nSupporters outside the hall. (Jane Roe/Getty Images)\n\n"
        "Read more: How the vote works\n\nThe count ended late.");
    ck_assert_str_eq(kinds(doc), "body,boilerplate,boilerplate,body,caption,boilerplate,body");
    lede_doc_free(doc);
}
END_TEST

START_TEST(seed_article)
{
    lede_doc *doc = parse_seed();
    if (!doc)
        return; /* the development data is not on this machine */
    const lede_document *d = lede_doc_document(doc);
    ck_assert_str_eq(d->date, "2025-03-26");
    ck_assert_uint_eq(lede_doc_heading_count(doc), 3);
    ck_assert_span(doc, lede_doc_heading_at(doc, 0)->span, "No Time for Division");
    const lede_sentence *s = lede_doc_sentence_at(doc, 0);
    ck_assert(strncmp(lede_doc_text(doc, NULL) + s->span.begin, "NATO Secretary-General", 22) == 0);
    lede_doc_free(doc);
}
END_TEST

START_TEST(empty_and_blank_input)
{
    lede_doc *doc = NULL;
    ck_assert_int_eq(lede_parse(NULL, 0, NULL, &doc), LEDE_OK);
    ck_assert_uint_eq(lede_doc_paragraph_count(doc), 0);
    ck_assert_uint_eq(lede_doc_sentence_count(doc), 0);
    ck_assert_uint_eq(lede_doc_token_count(doc), 0);
    ck_assert(lede_span_is_none(lede_doc_document(doc)->title));
    lede_doc_free(doc);
    doc = parse_text("  \n\n\t \r\n  ");
    ck_assert_uint_eq(lede_doc_paragraph_count(doc), 0);
    lede_doc_free(doc);
}
END_TEST

START_TEST(kind_names)
{
    ck_assert_str_eq(lede_paragraph_kind_name(LEDE_PARAGRAPH_TITLE), "title");
    ck_assert_str_eq(lede_paragraph_kind_name(LEDE_PARAGRAPH_BOILERPLATE), "boilerplate");
    ck_assert_str_eq(lede_paragraph_kind_name(42), "unknown");
    ck_assert_str_eq(lede_date_source_name(LEDE_DATE_SOURCE_TEXT), "text");
    ck_assert_str_eq(lede_date_source_name(LEDE_DATE_SOURCE_REFERENCE), "reference");
    ck_assert_str_eq(lede_date_source_name(7), "unknown");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("document");
    TCase *tc = tcase_create("structure");
    tcase_add_test(tc, article_structure);
    tcase_add_test(tc, sentences_skip_metadata_and_dateline);
    tcase_add_test(tc, inline_date_label_is_split_off);
    tcase_add_test(tc, reference_date);
    tcase_add_test(tc, date_lines);
    tcase_add_test(tc, wire_datelines);
    tcase_add_test(tc, no_false_datelines_or_bylines);
    tcase_add_test(tc, reuters_hard_wrapped);
    tcase_add_test(tc, wrapped_width_in_code_points);
    tcase_add_test(tc, single_newlines);
    tcase_add_test(tc, titles);
    tcase_add_test(tc, boilerplate_and_captions);
    tcase_add_test(tc, seed_article);
    tcase_add_test(tc, empty_and_blank_input);
    tcase_add_test(tc, kind_names);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
