/* quotes: who said what in a news article.
 *
 *   quotes FILE [MIN_CONFIDENCE]
 *
 * For each quote at or above the confidence (default 0.5): the speaker
 * (its name, or the words that describe it), the cue, the kind and the
 * content, fragment by fragment. */
#include <lede.h>
#include <stdio.h>
#include <stdlib.h>

#include "read_file.h"

static void print_span(const char *text, lede_span span)
{
    printf("%.*s", (int)(span.end - span.begin), text + span.begin);
}

int main(int argc, char **argv)
{
    if (argc != 2 && argc != 3) {
        fprintf(stderr, "usage: quotes FILE [MIN_CONFIDENCE]\n");
        return 2;
    }
    double min_confidence = argc == 3 ? strtod(argv[2], NULL) : 0.5;
    lede_doc *doc = parse_file("quotes", argv[1]);
    if (!doc)
        return 1;
    const char *text = lede_doc_text(doc, NULL);
    for (size_t i = 0; i < lede_doc_quote_count(doc); i++) {
        const lede_quote *q = lede_doc_quote_at(doc, i);
        if (q->confidence < min_confidence)
            continue;
        const lede_speaker *s = lede_doc_speaker_at(doc, q->speaker); /* NULL for LEDE_NONE */
        if (s)
            printf("%s", s->name);
        else if (!lede_span_is_none(q->speaker_mention))
            print_span(text, q->speaker_mention);
        else
            printf("(unattributed)");
        if (q->cue_lemma)
            printf(" [%s]", q->cue_lemma);
        printf(" %s %.2f:", lede_quote_kind_name(q->kind), q->confidence);
        for (size_t k = 0; k < q->fragment_count; k++) {
            printf(k ? " ... " : " ");
            print_span(text, *lede_quote_fragment_at(doc, i, k));
        }
        printf("\n");
    }
    lede_doc_free(doc);
    return 0;
}
