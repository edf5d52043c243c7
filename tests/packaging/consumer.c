/* A program that uses an installed liblede, built by the packaging_install
 * test once through find_package(lede) and once through pkg-config. It parses
 * one sentence and checks that the library it runs with is the one whose
 * header it was compiled against. */
#include <lede.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
    if (lede_version() != LEDE_VERSION_NUMBER) {
        fprintf(stderr, "lede_version() is %#x, the header says %#x\n", lede_version(),
                (unsigned)LEDE_VERSION_NUMBER);
        return 1;
    }
    if (strcmp(lede_version_string(), LEDE_VERSION_STRING) != 0) {
        fprintf(stderr, "lede_version_string() is %s, the header says %s\n", lede_version_string(),
                LEDE_VERSION_STRING);
        return 1;
    }

    const char *text = "The city council approved the new budget on Tuesday.";
    lede_doc *doc = NULL;
    lede_status st = lede_parse(text, strlen(text), NULL, &doc);
    if (st != LEDE_OK) {
        fprintf(stderr, "lede_parse: %s: %s\n", lede_strerror(st), lede_last_error_message());
        return 1;
    }
    size_t len = 0;
    const char *copy = lede_doc_text(doc, &len);
    if (len != strlen(text) || memcmp(copy, text, len) != 0) {
        fprintf(stderr, "lede_doc_text() is not the input\n");
        return 1;
    }
    size_t sentences = lede_doc_sentence_count(doc);
    if (sentences < 1) {
        fprintf(stderr, "no sentence found\n");
        return 1;
    }
    char *json = NULL;
    st = lede_doc_to_json(doc, 0, &json, NULL);
    if (st != LEDE_OK || !strstr(json, "\"schema\"")) {
        fprintf(stderr, "lede_doc_to_json: %s\n", lede_strerror(st));
        return 1;
    }
    lede_free(json);
    lede_doc_free(doc);
    printf("lede %s: %zu sentence(s)\n", lede_version_string(), sentences);
    return 0;
}
