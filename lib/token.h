/* Questions later layers ask about a token, answered from its normalized
 * form. */
#ifndef LEDE_TOKEN_H
#define LEDE_TOKEN_H

#include <string.h>

#include "arena.h"
#include "lede.h"
#include "lexicon.h"

/* Is the token the word `w` (lower-case ASCII; the token is case folded)?
 * Inline: the layers ask it of nearly every token with a literal `w`,
 * whose length the compiler then knows. */
static inline __attribute__((always_inline)) int token_is_word(const lede_token *t, const char *w)
{
    /* Most calls fail on the first letter; test it before measuring w. No
     * norm is empty (push_token()): the byte is there. The fold by 0x20
     * matches a letter of w in either case, and a mark ("'s") in its one
     * case: its other, a control character, is in no token. */
    if (((unsigned char)t->norm[0] | 0x20) != (unsigned char)w[0])
        return 0;
    size_t n = strlen(w);
    if (t->norm_len != n)
        return 0;
    for (size_t k = 1; k < n; k++) { /* the first letter was tested */
        unsigned char c = (unsigned char)t->norm[k];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        if (c != (unsigned char)w[k])
            return 0;
    }
    return 1;
}
/* Is the token the single character `c`? */
static inline int token_is_char(const lede_token *t, char c)
{
    return t->norm_len == 1 && t->norm[0] == c;
}
/* token_is_dash() and token_is_quote() of a punctuation token. */
int token_is_dash_mark(const lede_token *t);
int token_is_quote_mark(const lede_token *t);

/* The token tests below are inline: the layers ask them of nearly every
 * token, and most tokens are words, turned away by their kind. No token's
 * norm is empty (push_token()): its first and last bytes are there. */

/* A dash: "-", "--", "–", "—", "―". */
static inline int token_is_dash(const lede_token *t)
{
    return t->kind == LEDE_TOKEN_PUNCT && token_is_dash_mark(t);
}
/* A quote mark or a standalone apostrophe. */
static inline int token_is_quote(const lede_token *t)
{
    return t->kind == LEDE_TOKEN_PUNCT && token_is_quote_mark(t);
}
/* Ends a sentence: ".", "!", "?", "!?", "...", "…". */
static inline int token_is_terminal(const lede_token *t)
{
    if (t->kind != LEDE_TOKEN_PUNCT)
        return 0;
    char c = t->norm[t->norm_len - 1];
    return c == '.' || c == '!' || c == '?';
}
/* The token's value in a lexicon, 0 when absent. Inline, so that the
 * lexicon's filter turns most absent words away without a call. */
static inline long token_lexicon(const lede_token *t, const lexicon *lx)
{
    return lexicon_get(lx, t->norm, t->norm_len);
}

/* The normalized forms of tokens[first, end) as one NUL-terminated string,
 * a single space where the text has space between tokens ("Donald J.
 * Trump"); NULL when the arena is out of memory. */
char *token_join(arena *a, const lede_token *tokens, size_t first, size_t end, size_t *len);

#endif
