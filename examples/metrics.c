/* metrics: list the numbers a news article states.
 *
 *   metrics FILE
 *
 * For each metric: its words in the text, its kind, then the value (or
 * the range, or the resolved date) with its unit or currency, and what it
 * measures when the text says. */
#include <lede.h>
#include <stdio.h>
#include <stdlib.h>

#include "read_file.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: metrics FILE\n");
        return 2;
    }
    lede_doc *doc = parse_file("metrics", argv[1]);
    if (!doc)
        return 1;
    const char *text = lede_doc_text(doc, NULL);
    for (size_t i = 0; i < lede_doc_metric_count(doc); i++) {
        const lede_metric *m = lede_doc_metric_at(doc, i);
        printf("%-8s %-24.*s", lede_metric_kind_name(m->kind), (int)(m->span.end - m->span.begin),
               text + m->span.begin);
        if (m->date)
            printf(" %s", m->date);
        else if (m->has & LEDE_METRIC_HAS_VALUE)
            printf(" %g", m->value);
        else if ((m->has & LEDE_METRIC_HAS_LOW) && (m->has & LEDE_METRIC_HAS_HIGH))
            printf(" %g-%g", m->low, m->high);
        if (m->currency)
            printf(" %s", m->currency);
        if (m->unit)
            printf(" %s", m->unit);
        if (m->approx > LEDE_APPROX_EXACT)
            printf(" (%s)", lede_approx_name(m->approx));
        if (m->subject)
            printf(" of %s", m->subject);
        printf("\n");
    }
    lede_doc_free(doc);
    return 0;
}
