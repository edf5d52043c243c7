/* The public entry points: options, parse, free, versions and the accessors
 * of the document layer. */
#include <stdint.h>
#include <string.h>

#include "command.h"
#include "doc.h"
#include "names.h"
#include "text.h"

/* The size of the first released lede_options layout. */
#define OPTIONS_V1_SIZE (offsetof(lede_options, allocator) + sizeof(lede_allocator))

lede_status lede_options_init(lede_options *opts, size_t struct_size)
{
    if (!opts || struct_size < OPTIONS_V1_SIZE)
        return error_set(LEDE_ERR_INVALID_ARG, "lede_options_init: struct_size %zu is too small",
                         struct_size);
    /* Fill what both sides know; a newer caller's extra tail is zeroed. */
    memset(opts, 0, struct_size);
    opts->struct_size = struct_size;
    opts->max_input_size = LEDE_DEFAULT_MAX_INPUT;
    return LEDE_OK;
}

unsigned lede_version(void)
{
    return LEDE_VERSION_NUMBER;
}

const char *lede_version_string(void)
{
    return LEDE_VERSION_STRING;
}

int lede_span_is_none(lede_span span)
{
    return span.begin == LEDE_NONE && span.end == LEDE_NONE;
}

void lede_doc_free(lede_doc *doc)
{
    if (!doc)
        return;
    /* The doc lives in its own arena: copy the arena out before releasing. */
    arena a = doc->arena;
    arena_release(&a);
}

/* Copy the options the caller knows into a full-size struct of defaults. */
static lede_status read_options(const lede_options *opts, lede_options *out)
{
    lede_options_init(out, sizeof *out);
    if (!opts)
        return LEDE_OK;
    if (opts->struct_size < OPTIONS_V1_SIZE)
        return error_set(LEDE_ERR_INVALID_ARG,
                         "lede_options.struct_size %zu is too small (use lede_options_init)",
                         opts->struct_size);
    size_t n = opts->struct_size < sizeof *out ? opts->struct_size : sizeof *out;
    memcpy(out, opts, n);
    out->struct_size = sizeof *out;
    const lede_allocator *al = &out->allocator;
    int set = (al->malloc_fn != NULL) + (al->realloc_fn != NULL) + (al->free_fn != NULL);
    if (set != 0 && set != 3)
        return error_set(LEDE_ERR_INVALID_ARG,
                         "lede_options.allocator: set all three functions or none");
    if (out->reference_date && !text_is_iso_date(out->reference_date, strlen(out->reference_date)))
        return error_set(LEDE_ERR_INVALID_ARG,
                         "lede_options.reference_date is not a valid YYYY-MM-DD date");
    return LEDE_OK;
}

/* The room of the first block that arrays may take (arena_vec_room()): a
 * short article's arrays then cost no call to the allocator, at a few KiB
 * of its budget's fixed 64 KiB, and a shorter one's tokens too (the
 * tokenizer's first estimate, text_token_room()); a long one's (whose
 * budget has no such slack) get blocks of their own as before. */
static size_t vec_room(size_t len)
{
    enum { VEC_ROOM = 8 * 1024, TOKEN_ROOM_BELOW = 4 * 1024 };
    size_t room = len < VEC_ROOM ? VEC_ROOM - len : 0;
    if (len < TOKEN_ROOM_BELOW)
        room += text_token_room(len) * sizeof(lede_token);
    return room;
}

/* lede_parse(), whose UTF-8 check is skipped when `valid_utf8` says the
 * caller made it already. */
static lede_status parse(const char *text, size_t len, const lede_options *opts, lede_doc **out,
                         int valid_utf8)
{
    error_clear();
    if (!out)
        return error_set(LEDE_ERR_INVALID_ARG, "lede_parse: out is NULL");
    *out = NULL;
    if (!text && len)
        return error_set(LEDE_ERR_INVALID_ARG, "lede_parse: text is NULL but len is %zu", len);
    lede_options o;
    lede_status st = read_options(opts, &o);
    if (st != LEDE_OK)
        return st;
    if (len > o.max_input_size)
        return error_set(LEDE_ERR_LIMIT, "input of %zu bytes exceeds the maximum of %zu bytes", len,
                         o.max_input_size);
    if (!(o.flags & LEDE_OPT_LOSSY) && !valid_utf8) {
        size_t bad = text_utf8_invalid_at(text, len);
        if (bad != LEDE_NONE)
            return error_set(LEDE_ERR_INVALID_UTF8, "invalid UTF-8 at byte %zu", bad);
    }

    arena a;
    arena_init(&a, &o.allocator);
    if (len > SIZE_MAX / 2)
        return error_set(LEDE_ERR_NOMEM, "out of memory copying %zu bytes of input", len);
    /* One block for the doc, the copy of the text and what follows them:
     * the normalized words, names and keys (about an eighth of the input
     * for the longer articles, more in short ones) and the arrays that fit
     * in VEC_ROOM (arena_vec_room()); later 2 KiB blocks take what outgrows
     * it. */
    size_t room = vec_room(len);
    lede_doc *doc = arena_open(&a, sizeof(lede_doc) + len + DOC_TEXT_PAD, len / 8 + 1024 + room);
    if (!doc) {
        arena_release(&a);
        return error_set(LEDE_ERR_NOMEM, "out of memory copying %zu bytes of input", len);
    }
    arena_vec_room(&a, room);
    memset(doc, 0, sizeof *doc);
    char *copy = (char *)(doc + 1);
    if (len)
        memcpy(copy, text, len);
    memset(copy + len, 0, DOC_TEXT_PAD);
    doc->arena = a; /* from here on every allocation goes through doc->arena */
    doc->text = copy;
    doc->len = len;
    doc->flags = o.flags;
    if (o.reference_date)
        memcpy(doc->reference_date, o.reference_date, 10);
    vec_init(&doc->tokens, sizeof(lede_token));
    vec_init(&doc->lines, sizeof(line));
    vec_init(&doc->paragraphs, sizeof(lede_paragraph));
    vec_init(&doc->para_tokens, sizeof(para_tokens));
    vec_init(&doc->sentences, sizeof(lede_sentence));
    vec_init(&doc->headings, sizeof(lede_heading));
    vec_init(&doc->authors, sizeof(lede_author));
    vec_init(&doc->speakers, sizeof(lede_speaker));
    vec_init(&doc->mentions, sizeof(lede_mention));
    vec_init(&doc->speaker_mentions, sizeof(size_t));
    vec_init(&doc->speaker_mention_first, sizeof(size_t));
    vec_init(&doc->quotes, sizeof(lede_quote));
    vec_init(&doc->quote_fragments, sizeof(lede_span));
    vec_init(&doc->quote_fragment_first, sizeof(size_t));
    vec_init(&doc->metrics, sizeof(lede_metric));
    doc->document.date_span = span_none();
    doc->document.title = span_none();
    doc->document.byline = span_none();
    doc->document.dateline = span_none();

    /* Each layer's arrays are cut to their length once it is done, so that
     * the room growth left behind is not held while later layers run. */
    st = text_tokenize(doc);
    vec_shrink(&doc->arena, &doc->lines);
    if (st == LEDE_OK)
        st = document_build(doc);
    vec_shrink(&doc->arena, &doc->headings);
    vec_shrink(&doc->arena, &doc->authors);
    if (st == LEDE_OK)
        st = sentence_split(doc);
    /* the room the tokens left, and the list of sentence ends in it
     * (doc.h), whose only reader is the sentence layer */
    vec_shrink(&doc->arena, &doc->tokens);
    vec_shrink(&doc->arena, &doc->sentences);
    if (st == LEDE_OK && !(o.flags & LEDE_OPT_NO_SPEAKERS))
        st = speaker_build(doc);
    vec_shrink(&doc->arena, &doc->mentions);
    vec_shrink(&doc->arena, &doc->speaker_mentions);
    if (st == LEDE_OK && !(o.flags & (LEDE_OPT_NO_SPEAKERS | LEDE_OPT_NO_QUOTES)))
        st = quote_build(doc);
    vec_release(&doc->arena, &doc->para_tokens); /* the quote layer is its last reader */
    if (st == LEDE_OK && !(o.flags & LEDE_OPT_NO_METRICS))
        st = metric_build(doc);
    vec *all[] = {&doc->paragraphs, &doc->speakers,        &doc->speaker_mention_first,
                  &doc->quotes,     &doc->quote_fragments, &doc->quote_fragment_first,
                  &doc->metrics};
    for (size_t k = 0; k < sizeof all / sizeof *all; k++)
        vec_shrink(&doc->arena, all[k]);
    if (st == LEDE_OK && doc->arena.failed)
        st = error_set(LEDE_ERR_NOMEM, "out of memory");
    if (st != LEDE_OK) {
        lede_doc_free(doc);
        return st;
    }
    *out = doc;
    return LEDE_OK;
}

lede_status lede_parse(const char *text, size_t len, const lede_options *opts, lede_doc **out)
{
    return parse(text, len, opts, out, 0);
}

lede_status parse_valid_utf8(const char *text, size_t len, const lede_options *opts, lede_doc **out)
{
    return parse(text, len, opts, out, 1);
}

const char *lede_doc_text(const lede_doc *doc, size_t *len)
{
    if (len)
        *len = doc ? doc->len : 0;
    return doc ? doc->text : NULL;
}

const lede_document *lede_doc_document(const lede_doc *doc)
{
    return doc ? &doc->document : NULL;
}

#define ACCESSORS(name, field, type)                                                               \
    size_t lede_doc_##name##_count(const lede_doc *doc)                                            \
    {                                                                                              \
        return doc ? doc->field.count : 0;                                                         \
    }                                                                                              \
    const type *lede_doc_##name##_at(const lede_doc *doc, size_t i)                                \
    {                                                                                              \
        return doc && i < doc->field.count ? &VEC_AT(doc->field, type, i) : NULL;                  \
    }

ACCESSORS(paragraph, paragraphs, lede_paragraph)
ACCESSORS(sentence, sentences, lede_sentence)
ACCESSORS(heading, headings, lede_heading)
ACCESSORS(author, authors, lede_author)
ACCESSORS(token, tokens, lede_token)
ACCESSORS(speaker, speakers, lede_speaker)
ACCESSORS(mention, mentions, lede_mention)
ACCESSORS(quote, quotes, lede_quote)

const lede_span *lede_quote_fragment_at(const lede_doc *doc, size_t quote, size_t i)
{
    const lede_quote *q = lede_doc_quote_at(doc, quote);
    if (!q || i >= q->fragment_count)
        return NULL;
    size_t slot = VEC_AT(doc->quote_fragment_first, size_t, quote) + i;
    return &VEC_AT(doc->quote_fragments, lede_span, slot);
}
ACCESSORS(metric, metrics, lede_metric)

size_t lede_speaker_mention_count(const lede_doc *doc, size_t speaker)
{
    const lede_speaker *s = lede_doc_speaker_at(doc, speaker);
    return s ? s->mention_count : 0;
}

const lede_mention *lede_speaker_mention_at(const lede_doc *doc, size_t speaker, size_t i)
{
    const lede_speaker *s = lede_doc_speaker_at(doc, speaker);
    if (!s || i >= s->mention_count)
        return NULL;
    size_t slot = VEC_AT(doc->speaker_mention_first, size_t, speaker) + i;
    return &VEC_AT(doc->mentions, lede_mention, VEC_AT(doc->speaker_mentions, size_t, slot));
}

/* The names of the enums' values (names.h), and the functions that give them. */
/* clang-format off */
#define NAME(s) {s, sizeof(s) - 1}
#define NAME_TABLE(table, entries) const name_table table = {entries, sizeof entries / sizeof *entries}
/* clang-format on */

static const name_entry paragraph_kind_entries[] = {
    NAME("unknown"), NAME("title"),    NAME("heading"), NAME("body"),       NAME("meta"),
    NAME("byline"),  NAME("dateline"), NAME("caption"), NAME("boilerplate")};
NAME_TABLE(paragraph_kind_names, paragraph_kind_entries);

const char *lede_paragraph_kind_name(int32_t kind)
{
    return name_of(&paragraph_kind_names, kind)->text;
}

static const name_entry date_source_entries[] = {NAME("unknown"), NAME("text"), NAME("reference")};
NAME_TABLE(date_source_names, date_source_entries);

const char *lede_date_source_name(int32_t source)
{
    return name_of(&date_source_names, source)->text;
}

static const name_entry speaker_kind_entries[] = {NAME("unknown"), NAME("person"),
                                                  NAME("organization"), NAME("group")};
NAME_TABLE(speaker_kind_names, speaker_kind_entries);

const char *lede_speaker_kind_name(int32_t kind)
{
    return name_of(&speaker_kind_names, kind)->text;
}

static const name_entry gender_entries[] = {NAME("unknown"), NAME("female"), NAME("male")};
NAME_TABLE(gender_names, gender_entries);

const char *lede_gender_name(int32_t gender)
{
    return name_of(&gender_names, gender)->text;
}

static const name_entry mention_kind_entries[] = {NAME("unknown"), NAME("name"),
                                                  NAME("surname"), NAME("pronoun"),
                                                  NAME("title"),   NAME("description")};
NAME_TABLE(mention_kind_names, mention_kind_entries);

const char *lede_mention_kind_name(int32_t kind)
{
    return name_of(&mention_kind_names, kind)->text;
}

static const name_entry token_kind_entries[] = {NAME("unknown"), NAME("word"),   NAME("number"),
                                                NAME("punct"),   NAME("symbol"), NAME("url")};
NAME_TABLE(token_kind_names, token_kind_entries);

const char *lede_token_kind_name(int32_t kind)
{
    return name_of(&token_kind_names, kind)->text;
}

static const name_entry quote_kind_entries[] = {NAME("unknown"), NAME("direct"), NAME("mixed"),
                                                NAME("indirect")};
NAME_TABLE(quote_kind_names, quote_kind_entries);

const char *lede_quote_kind_name(int32_t kind)
{
    return name_of(&quote_kind_names, kind)->text;
}

static const name_entry metric_kind_entries[] = {
    NAME("unknown"),  NAME("percent"), NAME("percentage_points"), NAME("money"), NAME("count"),
    NAME("quantity"), NAME("number"),  NAME("ordinal"),           NAME("date"),  NAME("duration")};
NAME_TABLE(metric_kind_names, metric_kind_entries);

const char *lede_metric_kind_name(int32_t kind)
{
    return name_of(&metric_kind_names, kind)->text;
}

static const name_entry approx_entries[] = {NAME("unknown"),   NAME("exact"),    NAME("about"),
                                            NAME("more_than"), NAME("at_least"), NAME("less_than"),
                                            NAME("at_most"),   NAME("up_to")};
NAME_TABLE(approx_names, approx_entries);

const char *lede_approx_name(int32_t approx)
{
    return name_of(&approx_names, approx)->text;
}

static const name_entry change_entries[] = {NAME("unknown"), NAME("up"), NAME("down")};
NAME_TABLE(change_names, change_entries);

const char *lede_change_name(int32_t change)
{
    return name_of(&change_names, change)->text;
}

static const name_entry grain_entries[] = {NAME("unknown"), NAME("day"),     NAME("week"),
                                           NAME("month"),   NAME("quarter"), NAME("year"),
                                           NAME("decade")};
NAME_TABLE(grain_names, grain_entries);

const char *lede_grain_name(int32_t grain)
{
    return name_of(&grain_names, grain)->text;
}

static const name_entry mod_entries[] = {NAME("unknown"), NAME("early"), NAME("mid"),
                                         NAME("late"),    NAME("start"), NAME("end")};
NAME_TABLE(mod_names, mod_entries);

const char *lede_mod_name(int32_t mod)
{
    return name_of(&mod_names, mod)->text;
}
