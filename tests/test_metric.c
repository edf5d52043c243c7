/* Check suite of the metric layer (lib/metric.c, lib/number.c): numbers,
 * percentages, money, counts, quantities, ranges, qualifications, changes,
 * dates and what is not a metric. The sentences are made up for these
 * tests. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "check_helpers.h"
#include "lexicon.h"

/* A dated article around `body`, parsed. */
static lede_doc *parse_dated(const char *body)
{
    static _Thread_local char buf[4096];
    snprintf(buf, sizeof buf, "date 2025-03-26\n\n%s\n", body);
    return parse_text(buf);
}

/* The metric whose text is `text`, or NULL. */
static const lede_metric *metric_text(const lede_doc *doc, const char *text)
{
    const char *t = lede_doc_text(doc, NULL);
    for (size_t i = 0; i < lede_doc_metric_count(doc); i++) {
        const lede_metric *m = lede_doc_metric_at(doc, i);
        if (m->span.end - m->span.begin == strlen(text) &&
            memcmp(t + m->span.begin, text, strlen(text)) == 0)
            return m;
    }
    return NULL;
}

static const lede_metric *must(const lede_doc *doc, const char *text)
{
    const lede_metric *m = metric_text(doc, text);
    if (!m) {
        char list[1024] = "";
        const char *t = lede_doc_text(doc, NULL);
        for (size_t i = 0; i < lede_doc_metric_count(doc); i++) {
            const lede_metric *x = lede_doc_metric_at(doc, i);
            size_t n = strlen(list);
            snprintf(list + n, sizeof list - n, "[%.*s] ", (int)(x->span.end - x->span.begin),
                     t + x->span.begin);
        }
        ck_abort_msg("no metric \"%s\"; metrics: %s", text, list);
    }
    return m;
}

static void assert_value(const lede_metric *m, double want)
{
    ck_assert(m->has & LEDE_METRIC_HAS_VALUE);
    ck_assert_msg(fabs(m->value - want) <= 1e-9 * fmax(1, fabs(want)), "value %.17g, want %.17g",
                  m->value, want);
}

#define ck_assert_value(m, v) assert_value((m), (double)(v))

static void assert_kind(const lede_metric *m, const char *kind)
{
    ck_assert_str_eq(lede_metric_kind_name(m->kind), kind);
}

START_TEST(percentages)
{
    lede_doc *doc = parse_dated(
        "Inflation rose 6.2% in the year to February, while exports fell 0.4 per cent. "
        "Turnout was five percent higher, and the index lost -0.4% on the day. "
        "The central bank cut rates by 50 basis points and unemployment rose two percentage "
        "points. Members should spend 5% of their GDP on defence.");
    const lede_metric *m = must(doc, "6.2%");
    assert_kind(m, "percent");
    ck_assert_value(m, 6.2);
    ck_assert_str_eq(m->unit, "%");
    ck_assert_int_eq(m->change, LEDE_CHANGE_UP);
    ck_assert_str_eq(m->subject, "Inflation");
    m = must(doc, "0.4 per cent");
    ck_assert_value(m, 0.4);
    ck_assert_int_eq(m->change, LEDE_CHANGE_DOWN);
    ck_assert_str_eq(m->subject, "exports");
    ck_assert_value(must(doc, "five percent"), 5);
    ck_assert_value(must(doc, "-0.4%"), -0.4);
    m = must(doc, "50 basis points");
    assert_kind(m, "percentage_points");
    ck_assert_str_eq(m->unit, "bp");
    ck_assert_value(m, 50);
    ck_assert_int_eq(m->change, LEDE_CHANGE_DOWN);
    m = must(doc, "two percentage points");
    assert_kind(m, "percentage_points");
    ck_assert_str_eq(m->unit, "pp");
    m = must(doc, "5%");
    ck_assert_str_eq(m->subject, "GDP");
    ck_assert_uint_eq(m->quote, LEDE_NONE);
    ck_assert_uint_eq(m->speaker, LEDE_NONE);
    lede_doc_free(doc);
}
END_TEST

START_TEST(money)
{
    lede_doc *doc = parse_dated(
        "The fund raised $1.2 billion, €500m and £3bn. A Sydney firm paid A$40 and US$10, "
        "and a Hong Kong bank paid HK$2.5 million. The group reported USD34.6 million in sales, "
        "GBP 27 million in costs, 100 million euros in aid, 20 billion yen in loans and Rs 5 "
        "crore in fees. A ticket cost 45 cents.");
    const lede_metric *m = must(doc, "$1.2 billion");
    assert_kind(m, "money");
    ck_assert_value(m, 1.2e9);
    ck_assert_str_eq(m->currency, "USD");
    ck_assert_uint_eq(m->currency_len, 3);
    m = must(doc, "€500m");
    ck_assert_value(m, 5e8);
    ck_assert_str_eq(m->currency, "EUR");
    m = must(doc, "£3bn");
    ck_assert_value(m, 3e9);
    ck_assert_str_eq(m->currency, "GBP");
    ck_assert_str_eq(must(doc, "A$40")->currency, "AUD");
    ck_assert_str_eq(must(doc, "US$10")->currency, "USD");
    m = must(doc, "HK$2.5 million");
    ck_assert_str_eq(m->currency, "HKD");
    ck_assert_value(m, 2.5e6);
    m = must(doc, "USD34.6 million");
    ck_assert_value(m, 34.6e6);
    ck_assert_str_eq(m->currency, "USD");
    ck_assert_value(must(doc, "GBP 27 million"), 27e6);
    m = must(doc, "100 million euros");
    ck_assert_value(m, 1e8);
    ck_assert_str_eq(m->currency, "EUR");
    ck_assert_str_eq(must(doc, "20 billion yen")->currency, "JPY");
    m = must(doc, "Rs 5 crore");
    ck_assert_value(m, 5e7);
    ck_assert_str_eq(m->currency, "INR");
    m = must(doc, "45 cents");
    ck_assert_str_eq(m->unit, "cent");
    lede_doc_free(doc);
}
END_TEST

START_TEST(numbers_counts_and_quantities)
{
    lede_doc *doc = parse_dated(
        "Russia massed 300,000 troops on the border and a 1,000-strong force crossed it. "
        "Officials counted 5,00,000 voters, 12 000 ballots and forty-eight observers. "
        "The storm left two and a half million people without power and a dozen towns flooded. "
        "Hundreds of volunteers walked 10 1/2 miles in 40°C heat, at 15 mph, carrying 2.5 tonnes "
        "of food. The plant makes 500 MW.");
    const lede_metric *m = must(doc, "300,000 troops");
    assert_kind(m, "count");
    ck_assert_value(m, 300000);
    ck_assert_str_eq(m->unit, "troops");
    ck_assert_str_eq(m->subject, "troops");
    m = must(doc, "1,000-strong force");
    assert_kind(m, "count");
    ck_assert_value(m, 1000);
    ck_assert_value(must(doc, "5,00,000 voters"), 500000);
    ck_assert_value(must(doc, "12 000 ballots"), 12000);
    ck_assert_value(must(doc, "forty-eight observers"), 48);
    ck_assert_value(must(doc, "two and a half million people"), 2.5e6);
    ck_assert_value(must(doc, "a dozen towns"), 12);
    m = must(doc, "Hundreds of volunteers");
    ck_assert(!(m->has & LEDE_METRIC_HAS_VALUE));
    ck_assert(m->has & LEDE_METRIC_HAS_LOW);
    ck_assert_str_eq(m->unit, "volunteers");
    m = must(doc, "10 1/2 miles");
    assert_kind(m, "quantity");
    ck_assert_value(m, 10.5);
    ck_assert_str_eq(m->unit, "mile");
    ck_assert_str_eq(must(doc, "40°C")->unit, "°C");
    ck_assert_str_eq(must(doc, "15 mph")->unit, "mph");
    ck_assert_str_eq(must(doc, "2.5 tonnes")->unit, "tonne");
    ck_assert_str_eq(must(doc, "500 MW")->unit, "MW");
    lede_doc_free(doc);
}
END_TEST

START_TEST(ranges_and_bounds)
{
    lede_doc *doc = parse_dated(
        "Growth will be between 2% and 3% this year. Tickets cost $10-$20 and the project will "
        "employ 8 to 10 million workers. Prices may rise 2-3 percent. More than 30 people died, "
        "at least 200 were hurt and up to 40 are missing. Fewer than 12 staff remain and no more "
        "than "
        "5% of homes have power. About 650 families fled.");
    const lede_metric *m = must(doc, "between 2% and 3%");
    assert_kind(m, "percent");
    ck_assert(!(m->has & LEDE_METRIC_HAS_VALUE));
    ck_assert(m->low == 2 && m->high == 3);
    m = must(doc, "$10-$20");
    assert_kind(m, "money");
    ck_assert(m->low == 10 && m->high == 20);
    m = must(doc, "8 to 10 million workers");
    ck_assert(m->low == 8e6 && m->high == 1e7);
    m = must(doc, "2-3 percent");
    ck_assert(m->low == 2 && m->high == 3);
    m = must(doc, "More than 30 people");
    ck_assert_int_eq(m->approx, LEDE_APPROX_MORE_THAN);
    ck_assert_value(m, 30);
    ck_assert((m->has & LEDE_METRIC_HAS_LOW) && m->low == 30);
    ck_assert(!(m->has & LEDE_METRIC_HAS_HIGH));
    m = must(doc, "at least 200");
    ck_assert_int_eq(m->approx, LEDE_APPROX_AT_LEAST);
    ck_assert(m->low == 200);
    m = must(doc, "up to 40");
    ck_assert_int_eq(m->approx, LEDE_APPROX_UP_TO);
    ck_assert((m->has & LEDE_METRIC_HAS_HIGH) && m->high == 40);
    ck_assert_int_eq(must(doc, "Fewer than 12 staff")->approx, LEDE_APPROX_LESS_THAN);
    ck_assert_int_eq(must(doc, "no more than 5%")->approx, LEDE_APPROX_AT_MOST);
    ck_assert_int_eq(must(doc, "About 650 families")->approx, LEDE_APPROX_ABOUT);
    lede_doc_free(doc);
}
END_TEST

START_TEST(dates_and_durations)
{
    lede_doc *doc = parse_dated(
        "The ministers met on Wednesday and said they would meet again on Friday. "
        "Sales fell last year and will rise next month, two months ago and this week. "
        "The summit is planned for June, the treaty was signed on 26 March 2025 and "
        "ratified on March 26, 2024. The deadline is 2025-04-30. Prices peaked in the 1990s "
        "and should ease by mid-2025 or early next year. Results for Q3 and FY2024 were strong. "
        "Talks lasted two weeks, and the ban ran for a decade and for 3 years.");
    const lede_metric *m = must(doc, "Wednesday");
    assert_kind(m, "date");
    ck_assert_str_eq(m->date, "2025-03-26");
    ck_assert_str_eq(lede_grain_name(m->grain), "day");
    ck_assert_str_eq(must(doc, "Friday")->date, "2025-03-28");
    ck_assert_str_eq(must(doc, "last year")->date, "2024");
    ck_assert_str_eq(must(doc, "next month")->date, "2025-04");
    ck_assert_str_eq(must(doc, "two months ago")->date, "2025-01");
    m = must(doc, "this week");
    ck_assert_str_eq(m->date, "2025-03-24");
    ck_assert_str_eq(m->date_end, "2025-03-30");
    ck_assert_str_eq(must(doc, "June")->date, "2025-06");
    ck_assert_str_eq(must(doc, "26 March 2025")->date, "2025-03-26");
    ck_assert_str_eq(must(doc, "March 26, 2024")->date, "2024-03-26");
    ck_assert_str_eq(must(doc, "2025-04-30")->date, "2025-04-30");
    m = must(doc, "the 1990s");
    ck_assert_str_eq(m->date, "1990");
    ck_assert_str_eq(m->date_end, "1999");
    ck_assert_int_eq(m->grain, LEDE_GRAIN_DECADE);
    m = must(doc, "mid-2025");
    ck_assert_str_eq(m->date, "2025");
    ck_assert_int_eq(m->mod, LEDE_MOD_MID);
    m = must(doc, "early next year");
    ck_assert_str_eq(m->date, "2026");
    ck_assert_int_eq(m->mod, LEDE_MOD_EARLY);
    m = must(doc, "Q3");
    ck_assert_str_eq(m->date, "2025-07");
    ck_assert_str_eq(m->date_end, "2025-09");
    ck_assert_str_eq(must(doc, "FY2024")->date, "2024");
    m = must(doc, "two weeks");
    assert_kind(m, "duration");
    ck_assert_value(m, 2);
    ck_assert_str_eq(m->unit, "week");
    ck_assert_str_eq(must(doc, "a decade")->unit, "decade");
    ck_assert_value(must(doc, "3 years"), 3);
    lede_doc_free(doc);
}
END_TEST

/* Durations of several units are one duration in the smallest unit; a
 * half of a unit is half of one. */
START_TEST(compound_durations)
{
    lede_doc *doc = parse_dated(
        "The former mayor served 3 years and 9 months of his sentence after a trial that "
        "lasted 1 hour, 20 minutes and 30 seconds. The strike ended 3 weeks and 4 days ago, "
        "after talks that went on for a year and a half. The vote took half an hour and the "
        "count two and a half days, and the bus runs twice an hour.");
    const lede_metric *m = must(doc, "3 years and 9 months");
    assert_kind(m, "duration");
    ck_assert_value(m, 45);
    ck_assert_str_eq(m->unit, "month");
    m = must(doc, "1 hour, 20 minutes and 30 seconds");
    ck_assert_value(m, 4830);
    ck_assert_str_eq(m->unit, "second");
    m = must(doc, "3 weeks and 4 days ago");
    assert_kind(m, "date");
    ck_assert_str_eq(m->date, "2025-03-01");
    m = must(doc, "a year and a half");
    ck_assert_value(m, 1.5);
    ck_assert_str_eq(m->unit, "year");
    m = must(doc, "half an hour");
    assert_kind(m, "duration");
    ck_assert_value(m, 0.5);
    ck_assert_str_eq(m->unit, "hour");
    ck_assert_value(must(doc, "two and a half days"), 2.5);
    ck_assert_ptr_null(metric_text(doc, "an hour"));
    lede_doc_free(doc);
}
END_TEST

/* Holidays are days, resolved against the document date (2025-03-26). */
START_TEST(holidays)
{
    lede_doc *doc = parse_dated(
        "Sales slumped after Christmas. The company will hire more staff by Thanksgiving. "
        "The strike began on Good Friday 2024 and ended on Labor Day of last year. Markets will "
        "close on New Year's Eve. The plant shut last Easter. A Christmas tree stood in the "
        "hall during Lunar New Year.");
    const lede_metric *m = must(doc, "Christmas");
    assert_kind(m, "date");
    ck_assert_str_eq(lede_grain_name(m->grain), "day");
    ck_assert_str_eq(m->date, "2024-12-25");
    ck_assert_str_eq(must(doc, "Thanksgiving")->date, "2025-11-27");
    ck_assert_str_eq(must(doc, "Good Friday 2024")->date, "2024-03-29");
    ck_assert_str_eq(must(doc, "Labor Day of last year")->date, "2024-09-02");
    ck_assert_str_eq(must(doc, "New Year's Eve")->date, "2025-12-31");
    ck_assert_str_eq(must(doc, "last Easter")->date, "2024-03-31");
    ck_assert_uint_eq(lede_doc_metric_count(doc), 6);
    lede_doc_free(doc);
}
END_TEST

/* Dates as news writes them: abbreviated months with a period, lower-case
 * months before a day or a year, quarters and halves of a year. */
START_TEST(news_date_forms)
{
    lede_doc *doc = parse_dated(
        "The merger closed on Dec. 31, 2019, and the plant opened in June of 1992. The memo "
        "was dated 14 nov 2023. The company said third-quarter profit fell, after revenue rose "
        "in the first quarter of 2024 and in H1 2023. Output will grow in the second half of "
        "this year. The striker scored in the second half.");
    ck_assert_str_eq(must(doc, "Dec. 31, 2019")->date, "2019-12-31");
    ck_assert_str_eq(must(doc, "June of 1992")->date, "1992-06");
    ck_assert_str_eq(must(doc, "14 nov 2023")->date, "2023-11-14");
    const lede_metric *m = must(doc, "third-quarter");
    ck_assert_int_eq(m->grain, LEDE_GRAIN_QUARTER);
    ck_assert_str_eq(m->date, "2024-07");
    ck_assert_str_eq(m->date_end, "2024-09");
    m = must(doc, "the first quarter of 2024");
    ck_assert_str_eq(m->date, "2024-01");
    ck_assert_str_eq(m->date_end, "2024-03");
    m = must(doc, "H1 2023");
    ck_assert_str_eq(m->date, "2023-01");
    ck_assert_str_eq(m->date_end, "2023-06");
    m = must(doc, "the second half of this year");
    ck_assert_str_eq(m->date, "2025-07");
    ck_assert_str_eq(m->date_end, "2025-12");
    ck_assert_ptr_null(metric_text(doc, "the second half"));
    lede_doc_free(doc);
}
END_TEST

/* Weekdays tied to a week or a day of the month (the document date,
 * 2025-03-26, is a Wednesday). */
START_TEST(weekday_forms)
{
    lede_doc *doc = parse_dated(
        "The board meets this Friday and votes on Tuesday next week. The chief quit on "
        "Monday of last week. The last vote was held on Friday the 14th.");
    ck_assert_str_eq(must(doc, "this Friday")->date, "2025-03-28");
    ck_assert_str_eq(must(doc, "Tuesday next week")->date, "2025-04-01");
    ck_assert_str_eq(must(doc, "Monday of last week")->date, "2025-03-17");
    const lede_metric *m = must(doc, "Friday the 14th");
    ck_assert_str_eq(m->date, "2025-03-14");
    ck_assert_int_eq(m->grain, LEDE_GRAIN_DAY);
    lede_doc_free(doc);
}
END_TEST

/* Codes, names, phone numbers, times, scores and metadata are no metrics. */
START_TEST(not_metrics)
{
    lede_doc *doc = parse_dated(
        "File OMB No. 1545-0008 on an A4 sheet about COVID-19 before the G7 meets. "
        "A Boeing 737 owned by 7-Eleven runs Windows 11. Call +1 (555) 123-4567 or "
        "0161 496 0000 before 10:30, see https://example.com/page/2024 or write to "
        "desk42@example.com from 192.168.0.1 with #news2025. World War II ended. "
        "United won 3-1. See Section 427 and Rule 11.");
    const char *t = lede_doc_text(doc, NULL);
    for (size_t i = 0; i < lede_doc_metric_count(doc); i++) {
        const lede_metric *m = lede_doc_metric_at(doc, i);
        ck_abort_msg("unexpected metric \"%.*s\"", (int)(m->span.end - m->span.begin),
                     t + m->span.begin);
    }
    lede_doc_free(doc);
}
END_TEST

START_TEST(years_ordinals_and_options)
{
    lede_doc *doc = parse_dated("In 2009 more than 30000 people came for the third time, "
                                "in the 21st century's first big rally.");
    const lede_metric *m = must(doc, "2009");
    assert_kind(m, "date");
    ck_assert_str_eq(m->date, "2009");
    ck_assert_int_eq(must(doc, "more than 30000 people")->approx, LEDE_APPROX_MORE_THAN);
    m = must(doc, "third");
    assert_kind(m, "ordinal");
    ck_assert_value(m, 3);
    ck_assert_value(must(doc, "21st"), 21);
    ck_assert_ptr_null(lede_doc_metric_at(doc, lede_doc_metric_count(doc)));
    ck_assert_ptr_null(lede_doc_metric_at(NULL, 0));
    ck_assert_uint_eq(lede_doc_metric_count(NULL), 0);
    lede_doc_free(doc);

    lede_options o;
    lede_options_init(&o, sizeof o);
    o.flags = LEDE_OPT_NO_METRICS;
    const char *text = "Sales rose 5% to $3 billion last year.";
    ck_assert_int_eq(lede_parse(text, strlen(text), &o, &doc), LEDE_OK);
    ck_assert_uint_eq(lede_doc_metric_count(doc), 0);
    lede_doc_free(doc);

    /* without a document date, relative dates have no value but stay dates */
    doc = parse_text("Sales rose last year.");
    m = must(doc, "last year");
    ck_assert_ptr_null(m->date);
    ck_assert_int_eq(m->grain, LEDE_GRAIN_YEAR);
    lede_doc_free(doc);
    o.flags = 0;
    o.reference_date = "2020-06-15";
    ck_assert_int_eq(lede_parse(text, strlen(text), &o, &doc), LEDE_OK);
    ck_assert_str_eq(must(doc, "last year")->date, "2019");
    lede_doc_free(doc);
}
END_TEST

START_TEST(enum_names)
{
    ck_assert_str_eq(lede_metric_kind_name(LEDE_METRIC_PERCENTAGE_POINTS), "percentage_points");
    ck_assert_str_eq(lede_metric_kind_name(LEDE_METRIC_DURATION), "duration");
    ck_assert_str_eq(lede_metric_kind_name(99), "unknown");
    ck_assert_str_eq(lede_approx_name(LEDE_APPROX_UP_TO), "up_to");
    ck_assert_str_eq(lede_approx_name(-1), "unknown");
    ck_assert_str_eq(lede_change_name(LEDE_CHANGE_DOWN), "down");
    ck_assert_str_eq(lede_grain_name(LEDE_GRAIN_QUARTER), "quarter");
    ck_assert_str_eq(lede_mod_name(LEDE_MOD_END), "end");
    ck_assert_str_eq(lede_mod_name(6), "unknown");
}
END_TEST

/* The seed article: 5% of GDP, the 2% target, Wednesday and the June
 * summit, and nothing else. */
START_TEST(seed_article)
{
    lede_doc *doc = parse_seed();
    if (!doc)
        return; /* the development data is not on this machine */
    ck_assert_uint_eq(lede_doc_metric_count(doc), 4);
    const lede_metric *m = must(doc, "5%");
    assert_kind(m, "percent");
    ck_assert_value(m, 5);
    ck_assert_str_eq(m->subject, "GDP");
    m = must(doc, "2%");
    ck_assert_value(m, 2);
    ck_assert_str_eq(m->subject, "target");
    ck_assert_str_eq(must(doc, "Wednesday")->date, "2025-03-26");
    m = must(doc, "June");
    ck_assert_str_eq(m->date, "2025-06");
    ck_assert_int_eq(m->grain, LEDE_GRAIN_MONTH);
    lede_doc_free(doc);
}
END_TEST

/* lib/metric.c passes over a word with one lookup in metric_starts, so
 * every number word, month and weekday must be there with its class. */
static void assert_starts(const lexicon *lx, long bit)
{
    for (size_t k = 0; k < lx->count; k++) {
        const lexicon_entry *e = &lx->entries[k];
        if (!e->value || memchr(e->key, ' ', e->len))
            continue;
        ck_assert_msg(lexicon_get(&lexicon_metric_starts, e->key, e->len) & bit,
                      "\"%s\" is missing from metric_starts.txt", e->key);
    }
}

START_TEST(starts_lexicon)
{
    assert_starts(&lexicon_number_words, 8);
    assert_starts(&lexicon_months, 16);
    assert_starts(&lexicon_weekdays, 32);
    /* the first word of every holiday */
    for (size_t k = 0; k < lexicon_holidays.count; k++) {
        const lexicon_entry *e = &lexicon_holidays.entries[k];
        if (e->value != 1)
            continue;
        const char *sp = memchr(e->key, ' ', e->len);
        size_t n = sp ? (size_t)(sp - e->key) : e->len;
        ck_assert_msg(lexicon_get(&lexicon_metric_starts, e->key, n) & 64,
                      "\"%.*s\" is missing from metric_starts.txt", (int)n, e->key);
    }
    /* word_starts_metric() looks for a hyphen only where one can matter,
     * and answers the articles itself */
    for (size_t k = 0; k < lexicon_metric_starts.count; k++) {
        const lexicon_entry *e = &lexicon_metric_starts.entries[k];
        ck_assert_msg(!memchr(e->key, '-', e->len), "\"%s\" holds a hyphen", e->key);
        ck_assert_msg(e->len >= 2 || !(e->value & (8 | 16 | 32)),
                      "\"%s\" is a number word, month or weekday of one letter", e->key);
    }
    /* currency_before() turns digits away without the lexicon */
    for (size_t k = 0; k < lexicon_currencies.count; k++) {
        const lexicon_entry *e = &lexicon_currencies.entries[k];
        ck_assert_msg(!(e->len && e->key[0] >= '0' && e->key[0] <= '9'),
                      "currency \"%s\" begins with a digit", e->key);
    }
    /* currency_before() asks the lexicon about a word not in capitals
     * only where a token is glued after it or it is "rs" or "rs.": no
     * symbol holds a space, and those that begin with a letter hold a "$"
     * (a token of its own) or are "rs" and "rs." */
    for (size_t k = 0; k < lexicon_currencies.count; k++) {
        const lexicon_entry *e = &lexicon_currencies.entries[k];
        if (e->value != 1)
            continue;
        ck_assert_msg(!memchr(e->key, ' ', e->len), "currency symbol \"%s\" holds a space", e->key);
        int letter = e->len && e->key[0] >= 'a' && e->key[0] <= 'z';
        ck_assert_msg(!letter || memchr(e->key, '$', e->len) || strcmp(e->key, "rs") == 0 ||
                          strcmp(e->key, "rs.") == 0,
                      "currency symbol \"%s\" is a word", e->key);
    }
    /* next_candidate() asks the currency lexicon only for words of three
     * capitals (with digits glued after them): every code has three */
    for (size_t k = 0; k < lexicon_currencies.count; k++) {
        const lexicon_entry *e = &lexicon_currencies.entries[k];
        ck_assert_msg(e->value != 2 || e->len == 3, "currency code \"%s\" is not three letters",
                      e->key);
    }
    /* a word of class 4 (relative) is read by read_relative() alone: the
     * words it and read_season() read at their own token must have that
     * class, and no holiday may begin with one of them */
    static const char *const relative[] = {"this",   "current", "last",     "past",      "previous",
                                           "next",   "coming",  "tomorrow", "yesterday", "today",
                                           "spring", "summer",  "autumn",   "fall",      "winter"};
    for (size_t k = 0; k < sizeof relative / sizeof *relative; k++) {
        long c = lexicon_get(&lexicon_metric_starts, relative[k], strlen(relative[k]));
        ck_assert_msg(c == 4, "\"%s\" is of class %ld in metric_starts.txt, not 4", relative[k], c);
    }
    ck_assert_int_eq(lexicon_get(&lexicon_metric_starts, "a", 1), 2);
    ck_assert_int_eq(lexicon_get(&lexicon_metric_starts, "an", 2), 2);
    /* the words passed over quickly still end where they should */
    lede_doc *doc = parse_dated("The economy may improve this year and next.");
    ck_assert_str_eq(must(doc, "this year")->date, "2025");
    ck_assert_uint_eq(lede_doc_metric_count(doc), 1);
    lede_doc_free(doc);
    /* "may" and "march" not capitalized before another word are verbs,
     * passed over; before a year they are months, and "may day" a holiday */
    doc = parse_dated("Prices may rise in may 2025, the march on may day drew 500 people, and "
                      "they may march again in march 2026. Shares may. Theresa May said so.");
    ck_assert_str_eq(must(doc, "may 2025")->date, "2025-05");
    ck_assert_str_eq(must(doc, "may day")->date, "2025-05-01");
    ck_assert_str_eq(must(doc, "march 2026")->date, "2026-03");
    must(doc, "500 people");
    ck_assert_uint_eq(lede_doc_metric_count(doc), 4);
    lede_doc_free(doc);
    doc = parse_dated("A dozen firms bid, a decade after the last sale and a week ago.");
    ck_assert_value(must(doc, "A dozen firms"), 12);
    ck_assert_value(must(doc, "a decade"), 1);
    /* weeks ago count back in days: seven days before the 26th */
    ck_assert_str_eq(must(doc, "a week ago")->date, "2025-03-19");
    ck_assert_int_eq(must(doc, "a week ago")->grain, LEDE_GRAIN_DAY);
    ck_assert_uint_eq(lede_doc_metric_count(doc), 3);
    lede_doc_free(doc);
}
END_TEST

/* cue_before() in lib/metric.c reads a cue of several words only before
 * a word that ends one, and stops at a byte no cue holds. */
START_TEST(cues_lexicon)
{
    static const char *const last[] = {"to", "of", "as", "than", "most", "least", "estimated"};
    for (size_t k = 0; k < lexicon_metric_cues.count; k++) {
        const lexicon_entry *e = &lexicon_metric_cues.entries[k];
        for (size_t c = 0; c < e->len; c++) {
            unsigned char b = (unsigned char)e->key[c];
            ck_assert_msg(!((b >= '0' && b <= '9') || b == '$' || b == '(' || b == 0xC2),
                          "cue \"%s\" holds a digit, \"$\", \"(\" or byte 0xC2", e->key);
        }
        const char *sp = e->key + e->len;
        while (sp > e->key && sp[-1] != ' ')
            sp--;
        if (sp == e->key || !e->value)
            continue; /* one word, or the first words of a longer key */
        size_t n = (size_t)(e->key + e->len - sp);
        int listed = 0;
        for (size_t w = 0; w < sizeof last / sizeof *last; w++)
            listed |= strlen(last[w]) == n && memcmp(last[w], sp, n) == 0;
        ck_assert_msg(listed, "cue \"%s\" ends in a word ends_longer_cue() does not know", e->key);
    }
    /* phrase() reads on past no token that begins with a byte no key of
     * its lexicon holds */
    const lexicon *const read[] = {&lexicon_currencies, &lexicon_units, &lexicon_holidays,
                                   &lexicon_metric_cues};
    for (size_t l = 0; l < sizeof read / sizeof *read; l++) {
        for (size_t k = 0; k < read[l]->count; k++) {
            const lexicon_entry *e = &read[l]->entries[k];
            for (size_t c = 0; c < e->len; c++) {
                char b = e->key[c];
                ck_assert_msg(!strchr(",;:)%!?\"", b), "key \"%s\" holds '%c'", e->key, b);
                ck_assert_msg(read[l] == &lexicon_units || !(b >= '0' && b <= '9'),
                              "key \"%s\" holds a digit", e->key);
                ck_assert_msg(read[l] != &lexicon_units || b != '.', "unit \"%s\" holds '.'",
                              e->key);
            }
        }
    }
    /* cues of several words still read, and one word that begins one */
    lede_doc *doc = parse_dated("Sales rose more than 5% and costs fell no more than 3%, in "
                                "excess of $2m, at least 40 people and in 2004 at 4.75%.");
    ck_assert_int_eq(must(doc, "more than 5%")->approx, LEDE_APPROX_MORE_THAN);
    ck_assert_int_eq(must(doc, "no more than 3%")->approx, LEDE_APPROX_AT_MOST);
    ck_assert_int_eq(must(doc, "in excess of $2m")->approx, LEDE_APPROX_MORE_THAN);
    ck_assert_int_eq(must(doc, "at least 40 people")->approx, LEDE_APPROX_AT_LEAST);
    ck_assert_int_eq(must(doc, "4.75%")->approx, LEDE_APPROX_EXACT);
    lede_doc_free(doc);
    /* and keys end before punctuation glued after them */
    doc = parse_dated("It cost $5, then 10 km/h; later US$7 (about 8 km).");
    ck_assert_str_eq(must(doc, "$5")->currency, "USD");
    ck_assert_str_eq(must(doc, "10 km/h")->unit, "km/h");
    ck_assert_str_eq(must(doc, "US$7")->currency, "USD");
    ck_assert_str_eq(must(doc, "about 8 km")->unit, "km");
    lede_doc_free(doc);
}
END_TEST

/* skip_plain_words() in lib/metric.c passes over a word of no key's class
 * in the table of byte classes of metric_starts (test_lexicon checks the
 * table): words of one byte, of the case the text has, are still read. */
START_TEST(metric_starts_classes)
{
    lede_doc *doc = parse_dated("A dozen firms bid. I paid a third of it.");
    ck_assert_value(must(doc, "A dozen firms"), 12);
    ck_assert_ptr_nonnull(metric_text(doc, "a third"));
    lede_doc_free(doc);
}
END_TEST

START_TEST(bounds_signs_and_scales)
{
    lede_doc *doc = parse_dated("Overnight lows fell to minus 8 degrees in the valley.");
    const lede_metric *m = must(doc, "minus 8 degrees");
    ck_assert_value(m, -8);
    lede_doc_free(doc);

    doc = parse_dated("The council expects 400 or more applicants and grants to people aged 70 "
                      "and over, or five or fewer per street.");
    m = must(doc, "400 or more applicants");
    ck_assert_int_eq(m->approx, LEDE_APPROX_AT_LEAST);
    ck_assert(m->has & LEDE_METRIC_HAS_LOW);
    ck_assert_double_eq(m->low, 400);
    ck_assert_str_eq(m->unit, "applicants");
    m = must(doc, "70 and over");
    ck_assert_int_eq(m->approx, LEDE_APPROX_AT_LEAST);
    m = must(doc, "five or fewer");
    ck_assert_int_eq(m->approx, LEDE_APPROX_AT_MOST);
    ck_assert_double_eq(m->high, 5);
    lede_doc_free(doc);

    /* two bounds joined by "and" or "but" make one range */
    doc = parse_dated("The charity raised more than $20 million but less than $25 million.");
    m = must(doc, "more than $20 million but less than $25 million");
    ck_assert_double_eq(m->low, 20e6);
    ck_assert_double_eq(m->high, 25e6);
    ck_assert(!(m->has & LEDE_METRIC_HAS_VALUE));
    lede_doc_free(doc);
    doc = parse_dated("Bids must be above 1000 and below 1500 points, and no more than 3 per day.");
    m = must(doc, "above 1000 and below 1500 points");
    ck_assert_double_eq(m->low, 1000);
    ck_assert_double_eq(m->high, 1500);
    ck_assert_int_eq(must(doc, "no more than 3")->approx, LEDE_APPROX_AT_MOST);
    lede_doc_free(doc);

    /* comparison verbs and signs */
    doc = parse_dated("Orders exceed 3,000 a week, and the index stayed >= 40 and <= 60 all year.");
    m = must(doc, "exceed 3,000");
    ck_assert_int_eq(m->approx, LEDE_APPROX_MORE_THAN);
    ck_assert_int_eq(must(doc, ">= 40 and <= 60")->approx, LEDE_APPROX_EXACT);
    lede_doc_free(doc);
    doc = parse_dated("Only if debt is less than or equal to 60% of output.");
    m = must(doc, "less than or equal to 60%");
    ck_assert_int_eq(m->approx, LEDE_APPROX_AT_MOST);
    lede_doc_free(doc);

    /* a trillion after a currency; tonnes otherwise */
    doc = parse_dated("The economy is worth $1.8T and each truck carries 20t of grain.");
    ck_assert_value(must(doc, "$1.8T"), 1.8e12);
    m = must(doc, "20t");
    ck_assert_value(m, 20);
    ck_assert_str_eq(m->unit, "tonne");
    lede_doc_free(doc);
}
END_TEST

START_TEST(scientific_notation)
{
    lede_doc *doc = parse_dated("The probe measured 4e14 particles and the grant was 1.3E6 "
                                "dollars.");
    ck_assert(must(doc, "4e14 particles")->value == 4e14);
    ck_assert(must(doc, "1.3E6 dollars")->value == 1.3e6);
    ck_assert_str_eq(must(doc, "1.3E6 dollars")->currency, "USD");
    lede_doc_free(doc);
}
END_TEST

/* Values far beyond any integer type: no conversion may overflow (the
 * sanitizer build runs this suite), and nothing is made of them. */
START_TEST(huge_values)
{
    char text[600] = "Title\n\nThey counted 1";
    for (int k = 0; k < 40; k++)
        strcat(text, " 000");
    strcat(text, " 1/2 stones, ");
    strcat(text, "and it happened 9999999999999999999999 weeks ago.\n");
    lede_doc *doc = parse_text(text);
    for (size_t i = 0; i < lede_doc_metric_count(doc); i++) {
        const lede_metric *m = lede_doc_metric_at(doc, i);
        ck_assert(m->value == m->value); /* not NaN */
        ck_assert(m->date == NULL || m->date_len <= 10);
    }
    lede_doc_free(doc);
}
END_TEST

START_TEST(spelled_ordinals)
{
    lede_doc *doc = parse_dated(
        "In the twenty-first century the forty-second president met the one hundred fifth "
        "graduate and the two hundredth visitor on the thirty first floor. A thirty-second ad "
        "ran, and one third of voters agreed.");
    const lede_metric *m = must(doc, "twenty-first");
    assert_kind(m, "ordinal");
    ck_assert_value(m, 21);
    ck_assert_value(must(doc, "forty-second"), 42);
    ck_assert_value(must(doc, "one hundred fifth"), 105);
    ck_assert_value(must(doc, "two hundredth"), 200);
    ck_assert_value(must(doc, "thirty first"), 31);
    /* after "a", "-second" is the unit; "one third" stays a fraction */
    m = must(doc, "thirty-second");
    assert_kind(m, "duration");
    ck_assert_value(m, 30);
    ck_assert_str_eq(m->unit, "second");
    m = must(doc, "one third");
    assert_kind(m, "number");
    ck_assert_value(m, 1.0 / 3);
    lede_doc_free(doc);
}
END_TEST

START_TEST(subjects_changes_and_levels)
{
    lede_doc *doc = parse_dated(
        "Shares in Tesco fell 4.2% to 250p. Unemployment was 4.1% in June. The bank raised "
        "rates by 25 basis points to 4.5%. Oil prices climbed $2 to $85 a barrel, and prices "
        "could rise 15% to 20%. She was 45.");
    const lede_metric *m = must(doc, "4.2%");
    ck_assert_int_eq(m->change, LEDE_CHANGE_DOWN);
    ck_assert_str_eq(m->subject, "Shares in Tesco");
    m = must(doc, "250p"); /* the level the change reached */
    ck_assert_int_eq(m->change, LEDE_CHANGE_UNKNOWN);
    ck_assert_str_eq(m->subject, "Shares in Tesco");
    ck_assert_str_eq(must(doc, "4.1%")->subject, "Unemployment");
    ck_assert_str_eq(must(doc, "25 basis points")->subject, "rates");
    ck_assert_value(must(doc, "$2"), 2);
    ck_assert_value(must(doc, "$85"), 85);
    m = must(doc, "15% to 20%");
    ck_assert(m->low == 15 && m->high == 20);
    ck_assert_ptr_null(must(doc, "45")->subject);
    lede_doc_free(doc);

    doc = parse_dated("Oil has now lost $4 this week. Lenders reported a rise of 0.4% and the "
                      "ten percent levy applies to all. Rates fell half a percentage point, then "
                      "a quarter of a percentage point and 50bp.");
    m = must(doc, "$4");
    ck_assert_str_eq(m->subject, "Oil");
    ck_assert_int_eq(m->change, LEDE_CHANGE_DOWN);
    ck_assert_int_eq(must(doc, "0.4%")->change, LEDE_CHANGE_UP);
    ck_assert_str_eq(must(doc, "ten percent")->subject, "levy");
    m = must(doc, "half a percentage point");
    assert_kind(m, "percentage_points");
    ck_assert_value(m, 0.5);
    ck_assert_value(must(doc, "a quarter of a percentage point"), 0.25);
    ck_assert_str_eq(must(doc, "50bp")->unit, "bp");
    lede_doc_free(doc);
}
END_TEST

START_TEST(noun_phrases_and_slashes)
{
    lede_doc *doc = parse_dated(
        "The firm has two power stations and 2,000 people had turned out, with 9,000 business "
        "leaders and three young women. It offered a £285m "
        "cash injection to extend pay. Shops open 24/7 since 9/11, a 50/50 chance, and 3/4 of "
        "voters agreed. A six-year-old in a two-tier system, one in five adults, growth two "
        "quarters ahead; he scored one in 10 minutes.");
    const lede_metric *m = must(doc, "two power stations");
    ck_assert_str_eq(m->unit, "power stations");
    ck_assert_str_eq(must(doc, "2,000 people")->unit, "people");
    ck_assert_str_eq(must(doc, "9,000 business leaders")->unit, "business leaders");
    ck_assert_str_eq(must(doc, "three young women")->unit, "young women");
    ck_assert_str_eq(must(doc, "£285m")->subject, "cash injection");
    ck_assert_ptr_null(metric_text(doc, "24/7"));
    ck_assert_ptr_null(metric_text(doc, "9/11"));
    ck_assert_ptr_null(metric_text(doc, "50/50"));
    ck_assert_ptr_null(metric_text(doc, "two-tier"));
    m = must(doc, "six-year-old"); /* spelled like "6-year-old" */
    assert_kind(m, "duration");
    ck_assert_str_eq(m->unit, "year");
    m = must(doc, "one in five adults");
    ck_assert_value(m, 0.2);
    ck_assert_str_eq(m->subject, "adults");
    ck_assert_str_eq(must(doc, "two quarters")->unit, "quarter");
    ck_assert_value(must(doc, "10 minutes"), 10);
    ck_assert_value(must(doc, "3/4"), 0.75);
    lede_doc_free(doc);
    /* the two words of a unit are copied from the text only one space apart */
    doc = parse_dated("They built two power\nstations.");
    ck_assert_str_eq(must(doc, "two power")->unit, "power");
    lede_doc_free(doc);
}
END_TEST

START_TEST(news_units)
{
    lede_doc *doc = parse_dated(
        "A 7.1-magnitude quake and a magnitude 6.5 tremor hit as temperatures reached 40C, "
        "then -5C, with winds of 120km/h. They want a $20-an-hour wage. Some 1.2m people "
        "watched the 400m hurdles, and over 2,000 died. Rates rose .5% on Friday.");
    const lede_metric *m = must(doc, "7.1-magnitude");
    ck_assert_str_eq(m->unit, "magnitude");
    m = must(doc, "6.5"); /* a count is whole: no "6.5 tremor" */
    assert_kind(m, "number");
    m = must(doc, "40C");
    assert_kind(m, "quantity");
    ck_assert_str_eq(m->unit, "\xc2\xb0"
                              "C");
    ck_assert_value(must(doc, "-5C"), -5);
    ck_assert_str_eq(must(doc, "120km/h")->unit, "km/h");
    m = must(doc, "$20-an-hour");
    ck_assert_ptr_null(m->unit);
    ck_assert_str_eq(m->currency, "USD");
    m = must(doc, "Some 1.2m people");
    ck_assert_value(m, 1.2e6);
    ck_assert_str_eq(m->unit, "people");
    ck_assert_str_eq(must(doc, "400m")->unit, "m");
    m = must(doc, "over 2,000");
    ck_assert_ptr_null(m->unit);            /* "died" is no counted noun */
    ck_assert_value(must(doc, ".5%"), 0.5); /* no leading zero */
    lede_doc_free(doc);

    /* vague amounts take what they count, and multiply */
    doc = parse_dated("Tens of thousands of people marched, hundreds of millions of dollars were "
                      "lost, dozens died and hundreds of them left.");
    m = must(doc, "Tens of thousands of people");
    ck_assert_double_eq(m->low, 20000);
    ck_assert_str_eq(m->unit, "people");
    m = must(doc, "hundreds of millions of dollars");
    ck_assert_double_eq(m->low, 2e8);
    ck_assert_str_eq(m->currency, "USD");
    ck_assert_double_eq(must(doc, "dozens")->low, 24);
    ck_assert_ptr_null(must(doc, "hundreds")->unit); /* "of them" is no noun */
    lede_doc_free(doc);

    /* a lone "one" is a pronoun; "one or two" and "one child" are numbers */
    doc = parse_dated("No one came on day one, but one or two stayed and one child slept.");
    ck_assert_uint_eq(lede_doc_metric_count(doc), 3); /* one, two, one child */
    ck_assert_value(must(doc, "one child"), 1);
    ck_assert_value(must(doc, "two"), 2);
    lede_doc_free(doc);

    /* a round number before a plural is a count; a year otherwise */
    doc = parse_dated("He sent 2000 troops after the 2019 elections, and 2024 figures agree.");
    assert_kind(must(doc, "2000 troops"), "count");
    ck_assert_str_eq(must(doc, "2019")->date, "2019");
    ck_assert_str_eq(must(doc, "2024")->date, "2024");
    lede_doc_free(doc);
}
END_TEST

START_TEST(irregular_past_tense)
{
    /* "fell", "held", "won" look back like "said": a later month is last year's */
    lede_doc *doc = parse_dated("Shares fell in June, the talks held in November failed and the "
                                "team won in May. Elections will be held in May.");
    ck_assert_str_eq(must(doc, "June")->date, "2024-06");
    ck_assert_str_eq(must(doc, "November")->date, "2024-11");
    const lede_metric *first = NULL, *second = NULL;
    for (size_t i = 0; i < lede_doc_metric_count(doc); i++) {
        const lede_metric *m = lede_doc_metric_at(doc, i);
        if (m->date && strcmp(lede_metric_kind_name(m->kind), "date") == 0 &&
            m->span.end - m->span.begin == 3) {
            if (!first)
                first = m;
            else
                second = m;
        }
    }
    ck_assert_ptr_nonnull(first);
    ck_assert_ptr_nonnull(second);
    ck_assert_str_eq(first->date, "2024-05");
    ck_assert_str_eq(second->date, "2025-05");
    lede_doc_free(doc);

    /* an amount before "a year ago" makes no rate of it */
    doc = parse_dated("Profit was $850m, up from $153m a year ago.");
    ck_assert_str_eq(must(doc, "a year ago")->date, "2024");
    lede_doc_free(doc);
}
END_TEST

START_TEST(date_ranges_and_spans_ahead)
{
    lede_doc *doc = parse_dated(
        "The exhibition ran from January to April 2015. Output grew between 2010 and 2015 "
        "under the 2014\u201318 plan. The fair runs March 5-7. The summit will be held 12-14 "
        "June. Talks ran Nov 18-Dec 19, 2015. Offices open from Monday to Friday. The vote was "
        "moved from Tuesday to Thursday. He sent between 1500 and 2000 troops. The company "
        "will report in 2 weeks and will be done within three years. Results are due 3 days "
        "from now. Prices were the lowest in two years. Sales fell last winter. The launch is "
        "planned for spring 2026.");
    const lede_metric *m = must(doc, "from January to April 2015");
    assert_kind(m, "date");
    ck_assert_str_eq(m->date, "2015-01");
    ck_assert_str_eq(m->date_end, "2015-04");
    ck_assert_int_eq(m->grain, LEDE_GRAIN_MONTH);
    m = must(doc, "between 2010 and 2015");
    assert_kind(m, "date");
    ck_assert_str_eq(m->date, "2010");
    ck_assert_str_eq(m->date_end, "2015");
    ck_assert_int_eq(m->grain, LEDE_GRAIN_YEAR);
    m = must(doc, "2014\u201318");
    ck_assert_str_eq(m->date, "2014");
    ck_assert_str_eq(m->date_end, "2018");
    m = must(doc, "March 5-7");
    ck_assert_str_eq(m->date, "2025-03-05");
    ck_assert_str_eq(m->date_end, "2025-03-07");
    ck_assert_int_eq(m->grain, LEDE_GRAIN_DAY);
    m = must(doc, "12-14 June");
    ck_assert_str_eq(m->date, "2025-06-12");
    ck_assert_str_eq(m->date_end, "2025-06-14");
    m = must(doc, "Nov 18-Dec 19, 2015");
    ck_assert_str_eq(m->date, "2015-11-18");
    ck_assert_str_eq(m->date_end, "2015-12-19");
    m = must(doc, "from Monday to Friday");
    ck_assert_str_eq(m->date, "2025-03-24");
    ck_assert_str_eq(m->date_end, "2025-03-28");
    /* rescheduled: two dates, no range */
    ck_assert_ptr_null(metric_text(doc, "from Tuesday to Thursday"));
    ck_assert_ptr_nonnull(metric_text(doc, "Thursday"));
    assert_kind(must(doc, "between 1500 and 2000 troops"), "count");
    m = must(doc, "in 2 weeks");
    assert_kind(m, "date");
    ck_assert_str_eq(m->date, "2025-04-09");
    ck_assert_int_eq(m->grain, LEDE_GRAIN_DAY);
    m = must(doc, "within three years");
    ck_assert_str_eq(m->date, "2025");
    ck_assert_str_eq(m->date_end, "2028");
    ck_assert_int_eq(m->grain, LEDE_GRAIN_YEAR);
    ck_assert_str_eq(must(doc, "3 days from now")->date, "2025-03-29");
    assert_kind(must(doc, "two years"), "duration");
    m = must(doc, "last winter");
    ck_assert_str_eq(m->date, "2024-12");
    ck_assert_str_eq(m->date_end, "2025-02");
    ck_assert_int_eq(m->grain, LEDE_GRAIN_MONTH);
    m = must(doc, "spring 2026");
    ck_assert_str_eq(m->date, "2026-03");
    ck_assert_str_eq(m->date_end, "2026-05");
    lede_doc_free(doc);
}
END_TEST

START_TEST(fractions_ratios_and_powers)
{
    lede_doc *doc = parse_dated(
        "The bolt is three thirty-seconds of an inch wide, and one out of three voters stayed "
        "home. The plan covers two thirds of a million homes and a reserve of one billion and "
        "three quarters million. A pulse lasts a billionth of a second.");
    const lede_metric *m = must(doc, "three thirty-seconds of an inch");
    ck_assert_value(m, 3.0 / 32);
    ck_assert_str_eq(m->unit, "inch");
    m = must(doc, "one out of three voters");
    ck_assert_value(m, 1.0 / 3);
    assert_kind(m, "number"); /* a proportion of the voters, not a count */
    ck_assert_ptr_null(m->unit);
    ck_assert_str_eq(m->subject, "voters");
    ck_assert_value(must(doc, "two thirds of a million homes"), 2e6 / 3);
    ck_assert_value(must(doc, "one billion and three quarters million"), 1000750000);
    ck_assert_value(must(doc, "a billionth of a second"), 1e-9);
    lede_doc_free(doc);

    /* powers: a caret, times ten to a power, a signed exponent */
    doc = parse_dated("The rate was 6.23x10^-4 per hour, the ratio 1.1^2, the dose 2.5e-4 grams "
                      "and the error 9.83 +/- 0.02 kg.");
    ck_assert_value(must(doc, "6.23x10^-4"), 6.23e-4);
    ck_assert_value(must(doc, "1.1^2"), 1.21);
    ck_assert_value(must(doc, "2.5e-4 grams"), 2.5e-4);
    m = must(doc, "9.83 +/- 0.02 kg");
    ck_assert_value(m, 9.83);
    ck_assert_str_eq(m->unit, "kg");
    lede_doc_free(doc);

    /* words and digits mixed, spaced groups with decimals */
    doc = parse_dated("Assets reached 6 crore and two hundred, while fifty - two staff left and "
                      "the fund held 1 234 567.89 last year.");
    ck_assert_value(must(doc, "6 crore and two hundred"), 60000200);
    ck_assert_value(must(doc, "fifty - two staff"), 52);
    ck_assert_value(must(doc, "1 234 567.89"), 1234567.89);
    lede_doc_free(doc);

    /* no ratio: more than the whole, or "over" a period */
    doc = parse_dated("She scored 12 out of 10 on style. Prices rose 5 over 3 years. The bill "
                      "passed 52 over 48.");
    ck_assert_value(must(doc, "12"), 12);
    ck_assert_int_eq(must(doc, "3 years")->approx, LEDE_APPROX_EXACT); /* a period, no bound */
    ck_assert_ptr_null(metric_text(doc, "5 over 3"));
    ck_assert_ptr_null(metric_text(doc, "52 over 48"));
    lede_doc_free(doc);
    doc = parse_dated("They counted 3 hundred and 2 hundred ballots.");
    ck_assert_value(must(doc, "3 hundred"), 300);
    lede_doc_free(doc);
}
END_TEST

START_TEST(ranges_slang_and_currencies)
{
    lede_doc *doc = parse_dated("Fares range 1000–5000 rupees and about five hundred or more "
                                "people came.");
    const lede_metric *m = must(doc, "1000–5000 rupees");
    ck_assert(m->low == 1000 && m->high == 5000);
    ck_assert_str_eq(m->currency, "INR");
    m = must(doc, "about five hundred or more people");
    ck_assert_int_eq(m->approx, LEDE_APPROX_AT_LEAST);
    ck_assert_double_eq(m->low, 500);
    lede_doc_free(doc);

    doc = parse_dated("A grand jury heard he took 10 grand for the job, 42 BGN in fees and ten "
                      "rials in change.");
    m = must(doc, "10 grand");
    ck_assert_value(m, 10000);
    ck_assert_str_eq(m->currency, "USD");
    ck_assert_str_eq(must(doc, "42 BGN")->currency, "BGN");
    ck_assert_str_eq(must(doc, "ten rials")->currency, "IRR");
    ck_assert_ptr_null(metric_text(doc, "A grand"));
    lede_doc_free(doc);

    /* the scale a word after the number gives applies to both ends of a
     * range, which has no value of its own */
    doc = parse_dated("Fans paid 14-18 grand a seat, touts 8 to 10 grand, and the club "
                      "booked 10-20 MUSD.");
    const char *const ranges[] = {"14-18 grand", "8 to 10 grand", "10-20 MUSD"};
    const double lows[] = {14e3, 8e3, 10e6}, highs[] = {18e3, 10e3, 20e6};
    for (size_t k = 0; k < 3; k++) {
        m = must(doc, ranges[k]);
        ck_assert_int_eq(m->kind, LEDE_METRIC_MONEY);
        ck_assert_str_eq(m->currency, "USD");
        ck_assert_msg(!(m->has & LEDE_METRIC_HAS_VALUE), "%s has a value", ranges[k]);
        ck_assert_double_eq(m->value, 0);
        ck_assert_double_eq(m->low, lows[k]);
        ck_assert_double_eq(m->high, highs[k]);
    }
    lede_doc_free(doc);

    /* minor units after the main unit */
    doc = parse_dated("Tickets cost $20 and 43c, or 3 CAD 3 cents, and $5 and 3 children "
                      "went free.");
    ck_assert_value(must(doc, "$20 and 43c"), 20.43);
    m = must(doc, "3 CAD 3 cents");
    ck_assert_value(m, 3.03);
    ck_assert_str_eq(m->currency, "CAD");
    ck_assert_value(must(doc, "$5"), 5);
    lede_doc_free(doc);
}
END_TEST

/* The sentences of a paragraph are read as one run (lib/metric.c,
 * read_run()): each metric keeps its own sentence, sentences without one
 * are passed over, and nothing is read across a sentence's end ("a" at
 * the end of one is no article of the next's "dozen"). Units are strings
 * that end in a NUL; a metric outside a quote is in none. */
START_TEST(sentences_of_a_run)
{
    lede_doc *doc = parse_dated("Sales rose 5% in March. Nothing else moved. Then it was a. "
                                "Dozen staff left, and 300 workers walked 10 km. \"We lost "
                                "20 customers,\" the owner said.");
    const char *t = lede_doc_text(doc, NULL);
    const char *const texts[] = {"5%", "March", "300 workers", "10 km", "20 customers"};
    for (size_t k = 0; k < sizeof texts / sizeof *texts; k++) {
        const lede_metric *m = must(doc, texts[k]);
        const lede_sentence *s = lede_doc_sentence_at(doc, m->sentence);
        ck_assert_ptr_nonnull(s);
        ck_assert_msg(s->span.begin <= m->span.begin && m->span.end <= s->span.end,
                      "%s is not in its sentence", texts[k]);
        if (m->unit)
            ck_assert_msg(m->unit[m->unit_len] == '\0', "the unit of %s ends in no NUL", texts[k]);
    }
    ck_assert_ptr_null(metric_text(doc, "a. Dozen"));
    ck_assert_ptr_null(metric_text(doc, "a"));
    ck_assert_str_eq(must(doc, "5%")->unit, "%");
    ck_assert_str_eq(must(doc, "300 workers")->unit, "workers");
    ck_assert_uint_eq(must(doc, "5%")->quote, LEDE_NONE);
    ck_assert_uint_ne(must(doc, "20 customers")->quote, LEDE_NONE);
    (void)t;
    lede_doc_free(doc);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("metric");
    TCase *tc = tcase_create("metrics");
    tcase_add_test(tc, percentages);
    tcase_add_test(tc, money);
    tcase_add_test(tc, numbers_counts_and_quantities);
    tcase_add_test(tc, ranges_and_bounds);
    tcase_add_test(tc, dates_and_durations);
    tcase_add_test(tc, date_ranges_and_spans_ahead);
    tcase_add_test(tc, compound_durations);
    tcase_add_test(tc, holidays);
    tcase_add_test(tc, news_date_forms);
    tcase_add_test(tc, weekday_forms);
    tcase_add_test(tc, not_metrics);
    tcase_add_test(tc, years_ordinals_and_options);
    tcase_add_test(tc, enum_names);
    tcase_add_test(tc, seed_article);
    tcase_add_test(tc, starts_lexicon);
    tcase_add_test(tc, cues_lexicon);
    tcase_add_test(tc, metric_starts_classes);
    tcase_add_test(tc, bounds_signs_and_scales);
    tcase_add_test(tc, huge_values);
    tcase_add_test(tc, scientific_notation);
    tcase_add_test(tc, fractions_ratios_and_powers);
    tcase_add_test(tc, spelled_ordinals);
    tcase_add_test(tc, subjects_changes_and_levels);
    tcase_add_test(tc, noun_phrases_and_slashes);
    tcase_add_test(tc, news_units);
    tcase_add_test(tc, irregular_past_tense);
    tcase_add_test(tc, ranges_slang_and_currencies);
    tcase_add_test(tc, sentences_of_a_run);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
