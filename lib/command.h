/* The library's own entry points for the lede command, which links the
 * library statically (cli/): not part of the API, and hidden in liblede.so
 * like every other name that is not lede_*. */
#ifndef LEDE_COMMAND_H
#define LEDE_COMMAND_H

#include <stddef.h>

#include "lede.h"

/* lede_parse() of text that is known to be valid UTF-8, which is then not
 * checked again: the command's JSON Lines decoder checks the text as it
 * decodes it (lib/lede.c). */
lede_status parse_valid_utf8(const char *text, size_t len, const lede_options *opts,
                             lede_doc **out);

/* lede_doc_to_json() appended to the `*len` bytes at `*buf`, a buffer of
 * `*cap` bytes from malloc() (or NULL) that it grows with realloc(); no NUL
 * is added. On failure `*len` is unchanged, and `*buf` and `*cap` are the
 * buffer as it is now. The command writes each document's JSON straight
 * into its output buffer this way (lib/json.c). */
lede_status json_append_doc(const lede_doc *doc, unsigned flags, char **buf, size_t *len,
                            size_t *cap);

#endif
