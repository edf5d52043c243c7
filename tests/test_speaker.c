/* Check suite of the speaker layer (lib/speaker.c): names, titles,
 * affiliations, organizations, groups, gender and mention resolution. */
#include <stdio.h>
#include <stdlib.h>

#include "check_helpers.h"

/* The speaker whose name is `name`, or NULL. */
static const lede_speaker *speaker_named(const lede_doc *doc, const char *name)
{
    for (size_t i = 0; i < lede_doc_speaker_count(doc); i++) {
        const lede_speaker *s = lede_doc_speaker_at(doc, i);
        if (s->name_len == strlen(name) && memcmp(s->name, name, s->name_len) == 0)
            return s;
    }
    return NULL;
}

static size_t speaker_index(const lede_doc *doc, const lede_speaker *s)
{
    for (size_t i = 0; i < lede_doc_speaker_count(doc); i++)
        if (lede_doc_speaker_at(doc, i) == s)
            return i;
    return LEDE_NONE;
}

static const lede_speaker *person(const lede_doc *doc, const char *name)
{
    const lede_speaker *s = speaker_named(doc, name);
    ck_assert_msg(s != NULL, "no speaker \"%s\"", name);
    ck_assert_str_eq(lede_speaker_kind_name(s->kind), "person");
    return s;
}

/* The mentions of a speaker as "text/kind,text/kind,...". */
static const char *mentions_of(const lede_doc *doc, const lede_speaker *s)
{
    static _Thread_local char buf[2048];
    buf[0] = '\0';
    size_t len;
    const char *text = lede_doc_text(doc, &len);
    size_t index = speaker_index(doc, s);
    for (size_t k = 0; k < s->mention_count; k++) {
        const lede_mention *m = lede_speaker_mention_at(doc, index, k);
        ck_assert_uint_eq(m->speaker, index);
        size_t used = strlen(buf);
        snprintf(buf + used, sizeof buf - used, "%s%.*s/%s", k ? "," : "",
                 (int)(m->span.end - m->span.begin), text + m->span.begin,
                 lede_mention_kind_name(m->kind));
    }
    return buf;
}

static void assert_no_speaker(const lede_doc *doc, const char *name)
{
    ck_assert_msg(speaker_named(doc, name) == NULL, "unexpected speaker \"%s\"", name);
}

static const char ALLIANCE[] =
    "Alliance Chief Urges Unity\n\n"
    "BRUSSELS (AP) \xe2\x80\x94 NATO Secretary-General Jens Halvorsen warned European members "
    "on Tuesday against cutting defense budgets.\n\n"
    "Speaking at the Brussels School of International Studies, Halvorsen said the alliance "
    "needed every member. \xe2\x80\x9cWe cannot do this alone,\xe2\x80\x9d he said.\n\n"
    "His warning came after US President Donald Trump questioned the value of the alliance. "
    "Trump has said allies must pay more.\n\n"
    "Looking ahead, Halvorsen said he expected a deal in June.\n";

START_TEST(titled_people_and_coreference)
{
    lede_doc *doc = parse_text(ALLIANCE);
    const lede_speaker *h = person(doc, "Jens Halvorsen");
    ck_assert_str_eq(h->title, "Secretary-General");
    ck_assert_str_eq(h->affiliation, "NATO");
    ck_assert_str_eq(h->key, "jens halvorsen");
    ck_assert_int_eq(h->gender, LEDE_GENDER_MALE); /* from "he" */
    ck_assert_str_eq(mentions_of(doc, h),
                     "Secretary-General/title,Jens Halvorsen/name,Halvorsen/surname,he/pronoun,"
                     "His/pronoun,Halvorsen/surname,he/pronoun");
    const lede_speaker *t = person(doc, "Donald Trump");
    ck_assert_str_eq(t->title, "President");
    ck_assert_str_eq(t->affiliation, "United States");
    ck_assert_str_eq(mentions_of(doc, t), "President/title,Donald Trump/name,Trump/surname");
    /* capitalized words that are not people */
    assert_no_speaker(doc, "Speaking");
    assert_no_speaker(doc, "Looking");
    assert_no_speaker(doc, "Alliance Chief Urges Unity");
    const lede_speaker *nato = speaker_named(doc, "NATO");
    ck_assert_ptr_nonnull(nato);
    ck_assert_int_eq(nato->kind, LEDE_SPEAKER_ORGANIZATION);
    const lede_speaker *school = speaker_named(doc, "Brussels School of International Studies");
    ck_assert_ptr_nonnull(school);
    ck_assert_int_eq(school->kind, LEDE_SPEAKER_ORGANIZATION);
    /* speakers are numbered by their first mention */
    size_t prev = 0;
    for (size_t i = 0; i < lede_doc_speaker_count(doc); i++) {
        const lede_mention *first = lede_speaker_mention_at(doc, i, 0);
        ck_assert_ptr_nonnull(first);
        ck_assert_uint_ge(first->span.begin, prev);
        prev = first->span.begin;
    }
    lede_doc_free(doc);
}
END_TEST

START_TEST(names_without_a_list)
{
    static const char *const names[] = {
        "Ukrainian President Volodymyr Zelensky said on Monday that talks would resume.",
        "Turkish President Recep Tayyip Erdo\304\237an told reporters the deal was close.",
        "Chinese President Xi Jinping met the delegation in Beijing.",
        "European Commission President Ursula von der Leyen said the plan was ready.",
        "Saudi Crown Prince Mohammed bin Salman hosted the talks.",
        "Rep. Alexandria Ocasio-Cortez said the bill would pass.",
        "The speech by Martin Luther King Jr. was replayed.",
        "The former secretary of state, Hillary Rodham Clinton, said she would speak.",
        "Donald J. Trump said he would appeal.",
    };
    static const char *const expected[] = {
        "Volodymyr Zelensky",     "Recep Tayyip Erdo\304\237an", "Xi Jinping",
        "Ursula von der Leyen",   "Mohammed bin Salman",         "Alexandria Ocasio-Cortez",
        "Martin Luther King Jr.", "Hillary Rodham Clinton",      "Donald J. Trump"};
    for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
        lede_doc *doc = parse_text(names[k]);
        person(doc, expected[k]);
        lede_doc_free(doc);
    }
}
END_TEST

START_TEST(honorifics_possessives_and_keys)
{
    lede_doc *doc = parse_text("Dr. Jane Doe's report was published on Friday. Mrs. Okafor "
                               "disagreed. Sir Vince Cable said the figures were wrong, and "
                               "Gen. Mark Milley agreed.");
    const lede_speaker *doe = person(doc, "Jane Doe");
    ck_assert_str_eq(mentions_of(doc, doe), "Jane Doe/name"); /* no "Dr.", no "'s" */
    person(doc, "Okafor");
    ck_assert_int_eq(speaker_named(doc, "Okafor")->gender, LEDE_GENDER_FEMALE);
    ck_assert_int_eq(person(doc, "Vince Cable")->gender, LEDE_GENDER_MALE);
    ck_assert_str_eq(person(doc, "Mark Milley")->title, "General");
    lede_doc_free(doc);

    doc = parse_text("Turkish President Recep Tayyip Erdo\304\237an spoke.");
    ck_assert_str_eq(person(doc, "Recep Tayyip Erdo\304\237an")->key, "recep tayyip erdogan");
    lede_doc_free(doc);
}
END_TEST

START_TEST(appositions)
{
    lede_doc *doc = parse_text(
        "\xe2\x80\x9cThe numbers are final,\xe2\x80\x9d said Maria Costa, a spokeswoman for the "
        "ministry. Tim Cook, the company's chief executive, declined to comment. Mark Rutte, "
        "NATO's secretary-general, arrived later.");
    const lede_speaker *costa = person(doc, "Maria Costa");
    ck_assert_str_eq(costa->title, "Spokeswoman");
    ck_assert_str_eq(costa->affiliation, "the ministry");
    ck_assert_int_eq(costa->gender, LEDE_GENDER_FEMALE);
    const lede_speaker *cook = person(doc, "Tim Cook");
    ck_assert_str_eq(cook->title, "Chief Executive");
    ck_assert_str_eq(cook->affiliation, "the company");
    const lede_speaker *rutte = person(doc, "Mark Rutte");
    ck_assert_str_eq(rutte->title, "Secretary-General");
    ck_assert_str_eq(rutte->affiliation, "NATO");
    lede_doc_free(doc);
}
END_TEST

START_TEST(two_smiths_and_titles_alone)
{
    lede_doc *doc = parse_text("Finance Minister John Smith presented the budget. Opposition "
                               "leader Anna Smith attacked it. Smith said the cuts went too far. "
                               "The minister replied that the numbers added up.");
    const lede_speaker *john = person(doc, "John Smith");
    const lede_speaker *anna = person(doc, "Anna Smith");
    ck_assert_ptr_ne(john, anna);
    /* the bare surname goes to the latest Smith; "the minister" to the minister */
    ck_assert_str_eq(mentions_of(doc, anna), "leader/title,Anna Smith/name,Smith/surname");
    ck_assert_str_eq(mentions_of(doc, john), "Finance Minister/title,John Smith/name,"
                                             "minister/title");
    lede_doc_free(doc);
}
END_TEST

/* The kind of the speaker named `name`, which must exist. */
static int32_t kind_of(const lede_doc *doc, const char *name)
{
    const lede_speaker *s = speaker_named(doc, name);
    ck_assert_msg(s != NULL, "no speaker \"%s\"", name);
    return s->kind;
}

START_TEST(organizations_groups_and_places)
{
    lede_doc *doc = parse_text(
        "Officials said the talks had stalled. The Kremlin rejected the proposal, and the "
        "ministry said it would respond. Apple Inc. said sales rose, according to analysts. "
        "Russia said it would reply, while Germany and France met in Paris in May. The Warsaw "
        "Institute of Foreign Affairs hosted them. Health workers waited.");
    ck_assert_int_eq(kind_of(doc, "Officials"), LEDE_SPEAKER_GROUP);
    ck_assert_int_eq(kind_of(doc, "analysts"), LEDE_SPEAKER_GROUP);
    ck_assert_int_eq(kind_of(doc, "the Kremlin"), LEDE_SPEAKER_ORGANIZATION);
    ck_assert_int_eq(kind_of(doc, "the ministry"), LEDE_SPEAKER_ORGANIZATION);
    ck_assert_int_eq(kind_of(doc, "Apple"), LEDE_SPEAKER_ORGANIZATION);
    ck_assert_int_eq(kind_of(doc, "Russia"), LEDE_SPEAKER_ORGANIZATION);
    ck_assert_int_eq(kind_of(doc, "Warsaw Institute of Foreign Affairs"),
                     LEDE_SPEAKER_ORGANIZATION);
    assert_no_speaker(doc, "Germany");
    assert_no_speaker(doc, "France");
    assert_no_speaker(doc, "Paris");
    assert_no_speaker(doc, "May");
    assert_no_speaker(doc, "Health");
    lede_doc_free(doc);
}
END_TEST

/* read_sentence() looks only at the tokens it lists as it makes their keys
 * (capitalized ones, "the", pronouns and group nouns by one table of key
 * classes) and at a word after "the": groups after numbers and
 * punctuation, "the ministry" after a date, a pronoun after an aside with a
 * number, none of them missed. */
START_TEST(words_the_pass_looks_at)
{
    lede_doc *doc = parse_text(
        "By 2020, police said 3,000 homes were empty. Talks ended on 4 May, the ministry said. "
        "Maria Lopez, 54, said the rules were clear. She added that homes were empty, officials "
        "said.");
    ck_assert_int_eq(kind_of(doc, "police"), LEDE_SPEAKER_GROUP);
    ck_assert_int_eq(kind_of(doc, "the ministry"), LEDE_SPEAKER_ORGANIZATION);
    ck_assert_int_eq(kind_of(doc, "officials"), LEDE_SPEAKER_GROUP);
    const lede_speaker *lopez = person(doc, "Maria Lopez");
    ck_assert_str_eq(mentions_of(doc, lopez), "Maria Lopez/name,She/pronoun");
    assert_no_speaker(doc, "May");
    ck_assert_uint_eq(lede_doc_speaker_count(doc), 4);
    lede_doc_free(doc);
}
END_TEST

START_TEST(seed_article)
{
    lede_doc *doc = parse_seed();
    if (!doc)
        return; /* the development data is not on this machine */
    size_t persons = 0;
    for (size_t i = 0; i < lede_doc_speaker_count(doc); i++)
        persons += lede_doc_speaker_at(doc, i)->kind == LEDE_SPEAKER_PERSON;
    ck_assert_uint_eq(persons, 2);
    const lede_speaker *rutte = person(doc, "Mark Rutte");
    ck_assert_str_eq(rutte->title, "Secretary-General");
    ck_assert_str_eq(rutte->affiliation, "NATO");
    ck_assert_str_eq(mentions_of(doc, rutte),
                     "Secretary-General/title,Mark Rutte/name,Rutte/surname,Rutte/surname,"
                     "he/pronoun,His/pronoun,Rutte/surname,Rutte/surname,He/pronoun,"
                     "Rutte/surname,he/pronoun");
    const lede_speaker *trump = person(doc, "Donald Trump");
    ck_assert_str_eq(trump->title, "President");
    ck_assert_str_eq(trump->affiliation, "United States");
    ck_assert_ptr_nonnull(speaker_named(doc, "Warsaw School of Economics"));
    ck_assert_ptr_nonnull(speaker_named(doc, "NATO"));
    lede_doc_free(doc);
}
END_TEST

START_TEST(evidence_other_than_titles)
{
    /* a copula with a nationality, a citation, a speech verb */
    lede_doc *doc = parse_text("Antonin Ferrant (1841 - 1904) was a Czech composer. Earlier work "
                               "(Kessler 2009) disagreed. The plan will fail, Okonjo warned.");
    person(doc, "Antonin Ferrant");
    person(doc, "Kessler");
    person(doc, "Okonjo");
    lede_doc_free(doc);
    /* after a closing quote a capital shows a name again; a full name at the
     * start of a sentence joins the surname that speaks later */
    doc = parse_text("\xe2\x80\x9cWe are done,\xe2\x80\x9d Kistler said. Antonin Ferrant moved "
                     "to Prague in 1870. The work was done, Ferrant said.");
    person(doc, "Kistler");
    const lede_speaker *ferrant = person(doc, "Antonin Ferrant");
    ck_assert_str_eq(mentions_of(doc, ferrant), "Antonin Ferrant/name,Ferrant/surname");
    lede_doc_free(doc);
    /* but not words that merely start a sentence before a verb */
    doc = parse_text("Well said the chairman. Please tell us more. Speaking later, he agreed.");
    assert_no_speaker(doc, "Well");
    assert_no_speaker(doc, "Please");
    assert_no_speaker(doc, "Speaking");
    lede_doc_free(doc);
}
END_TEST

START_TEST(bylines_middle_names_and_works)
{
    /* the byline's author is a person the title may name again; a middle
     * name dropped in the headline still names the same person */
    lede_doc *doc = parse_text("Why Harbours Matter (Okafor)\nBy Adaeze Okafor\n\n"
                               "The port of Lagos handles most of the trade.\n");
    const lede_speaker *okafor = person(doc, "Adaeze Okafor");
    ck_assert_str_eq(mentions_of(doc, okafor), "Okafor/surname,Adaeze Okafor/name");
    lede_doc_free(doc);
    doc = parse_text("Tomas Brandt\n\nTomas Edvard Brandt (born 1971) is a Danish actor. He "
                     "starred in the comedy, Chasing Summer (2004), and later in a drama.\n");
    const lede_speaker *brandt = person(doc, "Tomas Edvard Brandt");
    ck_assert_str_eq(mentions_of(doc, brandt),
                     "Tomas Brandt/name,Tomas Edvard Brandt/name,He/pronoun");
    /* a film cited with its year is no author */
    assert_no_speaker(doc, "Chasing Summer");
    lede_doc_free(doc);
}
END_TEST

START_TEST(titles_inside_runs_and_asides)
{
    /* a word before the title is no place ("Port"), and an aside between
     * the name and its verb still shows who speaks */
    lede_doc *doc = parse_text("Harbour Report\n\nBERLIN (Reuters) \xe2\x80\x94 Ren\xc3\xa9"
                               "e "
                               "M\xc3\xbcller, who runs a caf\xc3\xa9, said rents had jumped. "
                               "\"Ships are large,\" said Port Director Helena Costa.\n");
    person(doc, "Ren\xc3\xa9"
                "e M\xc3\xbcller");
    const lede_speaker *costa = person(doc, "Helena Costa");
    ck_assert_str_eq(costa->title, "Port Director");
    assert_no_speaker(doc, "Port Director Helena Costa");
    lede_doc_free(doc);
}
END_TEST

START_TEST(honorific_runs_at_the_end_of_the_text)
{
    /* "Dr." as the text's last tokens: the run is all honorific, leaves no
     * name, and nothing is asked of the token after it (there is none) */
    static const char *const texts[] = {"The letter was signed by Dr.", "Reporters were met by Mr.",
                                        "She thanked Dr."};
    for (size_t k = 0; k < sizeof texts / sizeof *texts; k++) {
        lede_doc *doc = parse_text(texts[k]);
        ck_assert_uint_eq(lede_doc_speaker_count(doc), 0);
        lede_doc_free(doc);
    }
}
END_TEST

START_TEST(accessors_and_names)
{
    lede_doc *doc = parse_text("Jane Doe said so.");
    ck_assert_uint_eq(lede_doc_speaker_count(doc), 1);
    ck_assert_ptr_null(lede_doc_speaker_at(doc, 1));
    ck_assert_uint_eq(lede_speaker_mention_count(doc, 0), 1);
    ck_assert_uint_eq(lede_speaker_mention_count(doc, 5), 0);
    ck_assert_ptr_null(lede_speaker_mention_at(doc, 0, 1));
    ck_assert_ptr_null(lede_speaker_mention_at(doc, 3, 0));
    ck_assert_uint_eq(lede_doc_mention_count(doc), 1);
    const lede_mention *m = lede_doc_mention_at(doc, 0);
    ck_assert_uint_eq(m->sentence, 0);
    ck_assert_uint_eq(m->speaker, 0);
    ck_assert_ptr_null(lede_doc_mention_at(doc, 1));
    lede_doc_free(doc);

    lede_options opts;
    lede_options_init(&opts, sizeof opts);
    opts.flags = LEDE_OPT_NO_SPEAKERS;
    const char *text = "Jane Doe said so.";
    ck_assert_int_eq(lede_parse(text, strlen(text), &opts, &doc), LEDE_OK);
    ck_assert_uint_eq(lede_doc_speaker_count(doc), 0);
    ck_assert_uint_eq(lede_doc_mention_count(doc), 0);
    lede_doc_free(doc);

    ck_assert_str_eq(lede_speaker_kind_name(LEDE_SPEAKER_GROUP), "group");
    ck_assert_str_eq(lede_gender_name(LEDE_GENDER_FEMALE), "female");
    ck_assert_str_eq(lede_mention_kind_name(LEDE_MENTION_DESCRIPTION), "description");
    ck_assert_str_eq(lede_mention_kind_name(99), "unknown");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("speaker");
    TCase *tc = tcase_create("speakers");
    tcase_add_test(tc, titled_people_and_coreference);
    tcase_add_test(tc, names_without_a_list);
    tcase_add_test(tc, honorifics_possessives_and_keys);
    tcase_add_test(tc, appositions);
    tcase_add_test(tc, two_smiths_and_titles_alone);
    tcase_add_test(tc, organizations_groups_and_places);
    tcase_add_test(tc, words_the_pass_looks_at);
    tcase_add_test(tc, seed_article);
    tcase_add_test(tc, evidence_other_than_titles);
    tcase_add_test(tc, bylines_middle_names_and_works);
    tcase_add_test(tc, titles_inside_runs_and_asides);
    tcase_add_test(tc, honorific_runs_at_the_end_of_the_text);
    tcase_add_test(tc, accessors_and_names);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
