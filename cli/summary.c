/* The text and HTML summaries for a person. Sections are written once,
 * through a few primitives (fields, sections, numbered items) that each
 * format renders its own way. Later layers append their sections (who said
 * what, the metrics) to `summary_sections` at the bottom. */
#include <string.h>

#include "cli.h"

#define REPLACEMENT_CHARACTER "\xEF\xBF\xBD"

static const char html_page_head[] =
    "<!DOCTYPE html>\n"
    "<html lang=\"en\">\n"
    "<head>\n"
    "<meta charset=\"utf-8\">\n"
    "<meta name=\"generator\" content=\"lede\">\n"
    "<style>\n"
    "body { font: 16px/1.5 system-ui, sans-serif; max-width: 50em; margin: 2em auto;"
    " padding: 0 1em; color: #222; }\n"
    "article + article { border-top: 1px solid #ccc; margin-top: 2em; }\n"
    "dl { display: grid; grid-template-columns: max-content auto; gap: 0.1em 1em; }\n"
    "dt { font-weight: 600; } dd { margin: 0; }\n"
    "ul { list-style: none; padding-left: 0; } ul ul { padding-left: 2.5em; }\n"
    ".n { color: #888; display: inline-block; min-width: 2.5em; }\n"
    ".kind { color: #666; font-size: 0.85em; text-transform: uppercase; }\n"
    ".none { color: #999; } .error { color: #b00; }\n"
    "</style>\n";

/* ------------------------------------------------------------------ */
/* Text as a person reads it                                          */

static int is_ascii_space(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

static const char *html_entity(unsigned char c)
{
    switch (c) {
    case '&':
        return "&amp;";
    case '<':
        return "&lt;";
    case '>':
        return "&gt;";
    case '"':
        return "&quot;";
    case '\'':
        return "&#39;";
    default:
        return NULL;
    }
}

/* Write `text` for a person: runs of white space folded into one space,
 * control characters and invalid UTF-8 (possible with --lossy, since spans
 * index the original bytes) as U+FFFD, and in HTML the markup escaped. */
static void write_display(summary *s, const char *text, size_t len)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t copied = 0, i = 0;
    while (i < len) {
        size_t n = utf8_sequence_length(p + i, len - i);
        size_t step = n ? n : 1;
        const char *replacement = NULL;
        if (is_ascii_space(p[i])) {
            while (i + step < len && is_ascii_space(p[i + step]))
                step++;
            if (step > 1 || p[i] != ' ')
                replacement = " ";
        } else if (n == 0 || p[i] < 0x20 || p[i] == 0x7F) {
            replacement = REPLACEMENT_CHARACTER;
        } else if (s->html) {
            replacement = html_entity(p[i]);
        }
        if (replacement) {
            out_bytes(s->out, text + copied, i - copied);
            out_str(s->out, replacement);
            copied = i + step;
        }
        i += step;
    }
    out_bytes(s->out, text + copied, len - copied);
}

static void write_display_str(summary *s, const char *text)
{
    write_display(s, text, strlen(text));
}

static void write_span(summary *s, const lede_doc *doc, lede_span span)
{
    size_t len;
    const char *text = lede_doc_text(doc, &len);
    if (span.begin <= span.end && span.end <= len)
        write_display(s, text + span.begin, span.end - span.begin);
}

/* ------------------------------------------------------------------ */
/* Primitives                                                          */

static void page_begin(summary *s, const lede_doc *doc)
{
    if (!s->html || s->started)
        return;
    s->started = 1;
    out_str(s->out, html_page_head);
    out_str(s->out, "<title>");
    const lede_document *d = doc ? lede_doc_document(doc) : NULL;
    if (!s->labelled && d && !lede_span_is_none(d->title))
        write_span(s, doc, d->title);
    else
        out_str(s->out, "lede");
    out_str(s->out, "</title>\n</head>\n<body>\n");
}

static void document_begin(summary *s, const char *label)
{
    if (s->html) {
        out_str(s->out, "<article>\n");
        if (s->labelled) {
            out_str(s->out, "<h1>");
            write_display_str(s, label);
            out_str(s->out, "</h1>\n");
        }
    } else {
        if (s->written > 0)
            out_str(s->out, "\n");
        if (s->labelled) {
            out_str(s->out, "==> ");
            write_display_str(s, label);
            out_str(s->out, " <==\n");
        }
    }
}

static void document_end(summary *s)
{
    if (s->html)
        out_str(s->out, "</article>\n");
    s->written++;
}

static void section_begin(summary *s, const char *title)
{
    if (s->html)
        out_printf(s->out, "<section>\n<h2>%s</h2>\n<ul>\n", title);
    else
        out_printf(s->out, "\n%s\n", title);
}

static void section_end(summary *s)
{
    if (s->html)
        out_str(s->out, "</ul>\n</section>\n");
}

static void fields_begin(summary *s)
{
    if (s->html)
        out_str(s->out, "<dl>\n");
}

static void fields_end(summary *s)
{
    if (s->html)
        out_str(s->out, "</dl>\n");
}

/* Spaces after "Label:" so that values line up in the text format. */
static int label_width(const char *label)
{
    int width = 11 - (int)strlen(label);
    return width > 1 ? width : 1;
}

/* `label` is plain text such as "Title"; `css_class` an HTML class or NULL. */
static void field_begin_classed(summary *s, const char *label, const char *css_class)
{
    if (s->html && css_class)
        out_printf(s->out, "<dt class=\"%s\">%s</dt><dd>", css_class, label);
    else if (s->html)
        out_printf(s->out, "<dt>%s</dt><dd>", label);
    else
        out_printf(s->out, "%s:%*s", label, label_width(label), "");
}

static void field_begin(summary *s, const char *label)
{
    field_begin_classed(s, label, NULL);
}

static void field_end(summary *s)
{
    out_str(s->out, s->html ? "</dd>\n" : "\n");
}

static void write_none(summary *s)
{
    out_str(s->out, s->html ? "<span class=\"none\">(none)</span>" : "(none)");
}

static void field_string(summary *s, const char *label, const char *value, size_t len)
{
    field_begin(s, label);
    if (value)
        write_display(s, value, len);
    else
        write_none(s);
    field_end(s);
}

static void field_span(summary *s, const char *label, const lede_doc *doc, lede_span span)
{
    field_begin(s, label);
    if (lede_span_is_none(span))
        write_none(s);
    else
        write_span(s, doc, span);
    field_end(s);
}

/* An item of a section's list: `number` ("3.", "3.1") then its text; depth 1
 * items are those of a sublist, indented under their parent. */
static void item_begin(summary *s, const char *number, int depth)
{
    if (s->html)
        out_printf(s->out, "<li><span class=\"n\">%s</span> ", number);
    else
        out_printf(s->out, "%*s%-6s", 2 + 4 * depth, "", number);
}

static void item_end(summary *s)
{
    out_str(s->out, s->html ? "</li>\n" : "\n");
}

static void sublist_begin(summary *s)
{
    if (s->html)
        out_str(s->out, "\n<ul>\n");
}

static void sublist_end(summary *s)
{
    if (s->html)
        out_str(s->out, "</ul>\n");
}

static void write_kind(summary *s, const char *kind)
{
    if (s->html)
        out_printf(s->out, "<span class=\"kind\">%s</span>", kind);
    else
        out_printf(s->out, "(%s)", kind);
}

/* ------------------------------------------------------------------ */
/* Sections                                                            */

static void write_date_field(summary *s, const lede_document *d)
{
    field_begin(s, "Date");
    if (!d->date) {
        write_none(s);
    } else {
        write_display(s, d->date, d->date_len);
        if (d->date_source == LEDE_DATE_SOURCE_TEXT)
            out_str(s->out, " (stated in the text)");
        else if (d->date_source == LEDE_DATE_SOURCE_REFERENCE)
            out_str(s->out, " (reference date)");
    }
    field_end(s);
}

static void write_authors_field(summary *s, const lede_doc *doc)
{
    size_t count = lede_doc_author_count(doc);
    field_begin(s, "Authors");
    if (count == 0)
        write_none(s);
    for (size_t i = 0; i < count; i++) {
        const lede_author *author = lede_doc_author_at(doc, i);
        if (i > 0)
            out_str(s->out, "; ");
        if (author->name)
            write_display(s, author->name, author->name_len);
        else
            write_span(s, doc, author->span);
    }
    field_end(s);
}

/* "14 (1 title, 1 byline, 9 body, 3 heading)" */
static void write_paragraphs_field(summary *s, const lede_doc *doc)
{
    enum { KINDS = 16 };
    size_t per_kind[KINDS] = {0};
    size_t count = lede_doc_paragraph_count(doc);
    for (size_t i = 0; i < count; i++) {
        int32_t kind = lede_doc_paragraph_at(doc, i)->kind;
        per_kind[kind > 0 && kind < KINDS ? kind : 0]++;
    }
    field_begin(s, "Paragraphs");
    out_printf(s->out, "%zu", count);
    const char *separator = " (";
    for (int kind = 0; kind < KINDS; kind++) {
        if (per_kind[kind] == 0)
            continue;
        out_printf(s->out, "%s%zu %s", separator, per_kind[kind], lede_paragraph_kind_name(kind));
        separator = ", ";
    }
    out_str(s->out, count > 0 ? ")" : "");
    field_end(s);
}

static void write_overview(summary *s, const lede_doc *doc)
{
    const lede_document *d = lede_doc_document(doc);
    fields_begin(s);
    field_span(s, "Title", doc, d->title);
    write_date_field(s, d);
    field_span(s, "Byline", doc, d->byline);
    write_authors_field(s, doc);
    field_span(s, "Dateline", doc, d->dateline);
    field_string(s, "Place", d->dateline_place, d->dateline_place_len);
    field_string(s, "Agency", d->agency, d->agency_len);
    write_paragraphs_field(s, doc);
    field_begin(s, "Sentences");
    out_printf(s->out, "%zu", lede_doc_sentence_count(doc));
    field_end(s);
    fields_end(s);
}

static void write_headings(summary *s, const lede_doc *doc)
{
    size_t count = lede_doc_heading_count(doc);
    if (count == 0)
        return;
    section_begin(s, "Headings");
    for (size_t i = 0; i < count; i++) {
        char number[24];
        snprintf(number, sizeof number, "%zu.", i + 1);
        item_begin(s, number, 0);
        write_span(s, doc, lede_doc_heading_at(doc, i)->span);
        item_end(s);
    }
    section_end(s);
}

/* Sentences numbered "paragraph.sentence", so later sections can point at them. */
static void write_paragraph_sentences(summary *s, const lede_doc *doc, size_t index,
                                      const lede_paragraph *paragraph)
{
    sublist_begin(s);
    for (size_t k = 0; k < paragraph->sentence_count; k++) {
        const lede_sentence *sentence = lede_doc_sentence_at(doc, paragraph->sentence_first + k);
        if (!sentence)
            break;
        char number[48];
        snprintf(number, sizeof number, "%zu.%zu", index + 1, k + 1);
        item_begin(s, number, 1);
        write_span(s, doc, sentence->span);
        item_end(s);
    }
    sublist_end(s);
}

static void write_paragraphs(summary *s, const lede_doc *doc)
{
    size_t count = lede_doc_paragraph_count(doc);
    if (count == 0)
        return;
    section_begin(s, "Paragraphs and sentences");
    for (size_t i = 0; i < count; i++) {
        const lede_paragraph *paragraph = lede_doc_paragraph_at(doc, i);
        char number[24];
        snprintf(number, sizeof number, "[%zu]", i + 1);
        item_begin(s, number, 0);
        write_kind(s, lede_paragraph_kind_name(paragraph->kind));
        if (paragraph->sentence_count > 0 && paragraph->sentence_first != LEDE_NONE) {
            if (!s->html)
                out_str(s->out, "\n");
            write_paragraph_sentences(s, doc, i, paragraph);
            if (s->html)
                out_str(s->out, "</li>\n");
        } else {
            /* No sentences (metadata, byline, boilerplate): show the line itself. */
            out_str(s->out, " ");
            write_span(s, doc, paragraph->span);
            item_end(s);
        }
    }
    section_end(s);
}

/* Each speaker: kind, name, title, affiliation, gender, then its mentions. */
static void write_speakers(summary *s, const lede_doc *doc)
{
    size_t count = lede_doc_speaker_count(doc);
    if (count == 0)
        return;
    section_begin(s, "Speakers");
    for (size_t i = 0; i < count; i++) {
        const lede_speaker *sp = lede_doc_speaker_at(doc, i);
        char number[24];
        snprintf(number, sizeof number, "%zu.", i + 1);
        item_begin(s, number, 0);
        write_display(s, sp->name, sp->name_len);
        out_str(s->out, " ");
        write_kind(s, lede_speaker_kind_name(sp->kind));
        if (sp->title) {
            out_str(s->out, s->html ? " &mdash; " : " - ");
            write_display(s, sp->title, sp->title_len);
        }
        if (sp->affiliation) {
            out_str(s->out, s->html ? " &mdash; " : " - ");
            write_display(s, sp->affiliation, sp->affiliation_len);
        }
        if (sp->gender != LEDE_GENDER_UNKNOWN)
            out_printf(s->out, ", %s", lede_gender_name(sp->gender));
        out_str(s->out, s->html ? "<br>" : "\n");
        out_str(s->out, s->html ? "<span class=\"n\">mentions:</span> " : "          mentions: ");
        for (size_t k = 0; k < sp->mention_count; k++) {
            const lede_mention *m = lede_speaker_mention_at(doc, i, k);
            if (k)
                out_str(s->out, ", ");
            write_span(s, doc, m->span);
            if (m->kind != LEDE_MENTION_NAME)
                out_printf(s->out, " (%s)", lede_mention_kind_name(m->kind));
        }
        item_end(s);
    }
    section_end(s);
}

/* Who said what: each quote's speaker, cue and kind, then its content. */
static void write_quotes(summary *s, const lede_doc *doc)
{
    size_t count = lede_doc_quote_count(doc);
    if (count == 0)
        return;
    section_begin(s, "Who said what");
    for (size_t i = 0; i < count; i++) {
        const lede_quote *q = lede_doc_quote_at(doc, i);
        const lede_speaker *sp = lede_doc_speaker_at(doc, q->speaker);
        char number[24];
        snprintf(number, sizeof number, "%zu.", i + 1);
        item_begin(s, number, 0);
        if (sp)
            write_display(s, sp->name, sp->name_len);
        else if (!lede_span_is_none(q->speaker_mention))
            write_span(s, doc, q->speaker_mention);
        else
            out_str(s->out, "(unattributed)");
        if (!lede_span_is_none(q->cue)) {
            out_str(s->out, " - ");
            write_span(s, doc, q->cue);
        }
        out_str(s->out, " ");
        write_kind(s, lede_quote_kind_name(q->kind));
        out_printf(s->out, " %.2f", q->confidence);
        out_str(s->out, s->html ? "<br>" : "\n          ");
        for (size_t k = 0; k < q->fragment_count; k++) {
            out_str(s->out, k ? (s->html ? " &hellip; " : " ... ") : "");
            write_span(s, doc, *lede_quote_fragment_at(doc, i, k));
        }
        item_end(s);
    }
    section_end(s);
}

/* Each metric: its words, kind, value or range with unit or currency, the
 * resolved date, qualification, change and subject. */
static void write_metrics(summary *s, const lede_doc *doc)
{
    size_t count = lede_doc_metric_count(doc);
    if (count == 0)
        return;
    section_begin(s, "Metrics");
    for (size_t i = 0; i < count; i++) {
        const lede_metric *m = lede_doc_metric_at(doc, i);
        char number[24];
        snprintf(number, sizeof number, "%zu.", i + 1);
        item_begin(s, number, 0);
        write_span(s, doc, m->span);
        out_str(s->out, " ");
        write_kind(s, lede_metric_kind_name(m->kind));
        out_str(s->out, s->html ? " &rarr; " : " -> ");
        if (m->date) {
            write_display(s, m->date, m->date_len);
            if (m->date_end) {
                out_str(s->out, s->html ? " &hellip; " : " .. ");
                write_display(s, m->date_end, m->date_end_len);
            }
            out_printf(s->out, " (%s", lede_grain_name(m->grain));
            if (m->mod)
                out_printf(s->out, ", %s", lede_mod_name(m->mod));
            out_str(s->out, ")");
        } else if (m->has & LEDE_METRIC_HAS_VALUE) {
            out_printf(s->out, "%.15g", m->value);
        } else if ((m->has & LEDE_METRIC_HAS_LOW) && (m->has & LEDE_METRIC_HAS_HIGH)) {
            out_printf(s->out, "%.15g to %.15g", m->low, m->high);
        } else if (m->has & LEDE_METRIC_HAS_LOW) {
            out_printf(s->out, "%.15g or more", m->low);
        } else {
            out_str(s->out, "?");
        }
        if (m->currency) {
            out_str(s->out, " ");
            write_display(s, m->currency, m->currency_len);
        }
        if (m->unit) {
            out_str(s->out, " ");
            write_display(s, m->unit, m->unit_len);
        }
        if (m->approx > LEDE_APPROX_EXACT)
            out_printf(s->out, ", %s", lede_approx_name(m->approx));
        if (m->change)
            out_printf(s->out, ", %s", lede_change_name(m->change));
        if (m->subject) {
            out_str(s->out, ", subject: ");
            write_display(s, m->subject, m->subject_len);
        }
        item_end(s);
    }
    section_end(s);
}

typedef void (*summary_section)(summary *s, const lede_doc *doc);

/* In order. */
static const summary_section summary_sections[] = {
    write_overview, write_headings, write_speakers, write_quotes, write_metrics, write_paragraphs};

/* ------------------------------------------------------------------ */
/* Entry points                                                        */

void summary_init(summary *s, output *out, int html, int labelled)
{
    memset(s, 0, sizeof *s);
    s->out = out;
    s->html = html;
    s->labelled = labelled;
}

void summary_document(summary *s, const char *label, const lede_doc *doc)
{
    page_begin(s, doc);
    document_begin(s, label);
    for (size_t i = 0; i < sizeof summary_sections / sizeof *summary_sections; i++)
        summary_sections[i](s, doc);
    document_end(s);
}

void summary_failure(summary *s, const char *label, const char *message)
{
    page_begin(s, NULL);
    document_begin(s, label);
    fields_begin(s);
    field_begin_classed(s, "Error", "error");
    write_display_str(s, message);
    field_end(s);
    fields_end(s);
    document_end(s);
}

void summary_finish(summary *s)
{
    if (s->html && s->started)
        out_str(s->out, "</body>\n</html>\n");
}
