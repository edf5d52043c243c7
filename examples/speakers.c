/* speakers: list the people, organizations and groups of a news article.
 *
 *   speakers FILE
 *
 * For each speaker: its kind, name, title, affiliation and gender, then
 * every mention of it in the text with the mention's kind. */
#include <lede.h>
#include <stdio.h>
#include <stdlib.h>

#include "read_file.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: speakers FILE\n");
        return 2;
    }
    lede_doc *doc = parse_file("speakers", argv[1]);
    if (!doc)
        return 1;
    const char *text = lede_doc_text(doc, NULL);
    for (size_t i = 0; i < lede_doc_speaker_count(doc); i++) {
        const lede_speaker *s = lede_doc_speaker_at(doc, i);
        printf("%s: %s", lede_speaker_kind_name(s->kind), s->name);
        if (s->title)
            printf(", %s", s->title);
        if (s->affiliation)
            printf(" (%s)", s->affiliation);
        if (s->gender != LEDE_GENDER_UNKNOWN)
            printf(" [%s]", lede_gender_name(s->gender));
        printf("\n");
        for (size_t k = 0; k < s->mention_count; k++) {
            const lede_mention *m = lede_speaker_mention_at(doc, i, k);
            printf("    %-8s %.*s\n", lede_mention_kind_name(m->kind),
                   (int)(m->span.end - m->span.begin), text + m->span.begin);
        }
    }
    lede_doc_free(doc);
    return 0;
}
