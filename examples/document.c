/* document: print the structure lede finds in a news article.
 *
 *   document FILE
 *
 * Reads FILE, parses it and prints the date, title, byline, dateline and
 * the sentences of each paragraph with the paragraph's kind. */
#include <lede.h>
#include <stdio.h>
#include <stdlib.h>

#include "read_file.h"

/* Print a span of the text, or "-" when it is absent. */
static void print_span(const char *label, const char *text, lede_span span)
{
    if (lede_span_is_none(span))
        printf("%-9s -\n", label);
    else
        printf("%-9s %.*s\n", label, (int)(span.end - span.begin), text + span.begin);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: document FILE\n");
        return 2;
    }
    size_t len = 0;
    char *input = read_file(argv[1], &len);
    if (!input) {
        perror(argv[1]);
        return 1;
    }
    lede_doc *doc = NULL;
    lede_status st = lede_parse(input, len, NULL, &doc);
    free(input); /* the document keeps its own copy */
    if (st != LEDE_OK) {
        fprintf(stderr, "document: %s: %s\n", lede_strerror(st), lede_last_error_message());
        return 1;
    }
    const char *text = lede_doc_text(doc, NULL);
    const lede_document *d = lede_doc_document(doc);
    printf("%-9s %s\n", "date", d->date ? d->date : "-");
    print_span("title", text, d->title);
    print_span("byline", text, d->byline);
    print_span("dateline", text, d->dateline);
    for (size_t i = 0; i < lede_doc_paragraph_count(doc); i++) {
        const lede_paragraph *p = lede_doc_paragraph_at(doc, i);
        printf("[%s]\n", lede_paragraph_kind_name(p->kind));
        for (size_t k = 0; k < p->sentence_count; k++) {
            const lede_sentence *s = lede_doc_sentence_at(doc, p->sentence_first + k);
            printf("  %.*s\n", (int)(s->span.end - s->span.begin), text + s->span.begin);
        }
    }
    lede_doc_free(doc);
    return 0;
}
