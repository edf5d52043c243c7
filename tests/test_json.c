/* Check suite of the JSON writer (lib/json.c).
 *
 * The output is read back with a small strict JSON reader written here (it
 * rejects invalid UTF-8, raw control characters, lone surrogates, duplicate
 * keys and trailing bytes), so every test also checks that the output is
 * valid JSON. The document layer is still growing, so most checks are
 * general: every span present has the text between its offsets, every offset
 * converts correctly, every list matches the accessors. Tests that need
 * particular spans set them in the document directly (lib/doc.h). */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "lede.h"
#include "test_scale.h"

/* A made-up wire story: title, byline, dateline, a heading, curly quotes, an
 * em dash, 2-, 3- and 4-byte characters. */
static const char ARTICLE[] =
    "Senate Passes Stopgap Bill as Zelensky and Erdo\xc4\x9f"
    "an Meet\n"
    "\n"
    "By Jane Doe\n"
    "\n"
    "WASHINGTON (AP) \xe2\x80\x94 The Senate on Tuesday passed a stopgap spending bill, hours "
    "before a midnight deadline. \xe2\x80\x9cWe did our job,\xe2\x80\x9d said Sen. Mar\xc3\xad"
    "a N\xc3\xba\xc3\xb1"
    "ez, a Democrat from New Mexico.\n"
    "\n"
    "Talks in Ankara\n"
    "\n"
    "Ukrainian President Volodymyr Zelensky met Turkish President Recep Tayyip Erdo\xc4\x9f"
    "an on Monday \xe2\x80\x94 their third meeting this year. Officials called the talks "
    "\xe2\x80\x9c"
    "constructive\xe2\x80\x9d \xf0\x9f\xa4\x9d and said a grain deal was close.\n"
    "\n"
    "The bill funds the government through Dec. 20. Analysts at the \xe5\x8c\x97\xe4\xba\xac "
    "institute said the vote showed \xe2\x80\x9c"
    "a rare moment of calm.\xe2\x80\x9d\n";

/* ------------------------------------------------------------------ */
/* A strict JSON reader                                               */
/* ------------------------------------------------------------------ */

typedef enum jtype { J_NULL, J_BOOL, J_NUMBER, J_STRING, J_ARRAY, J_OBJECT } jtype;

typedef struct jnode {
    jtype type;
    int boolean;
    int is_uint; /* a non-negative integer without fraction or exponent */
    unsigned long long uint;
    char *str; /* J_STRING: decoded UTF-8 (may hold NUL) */
    size_t len;
    struct jnode *items; /* J_ARRAY, J_OBJECT */
    char **keys;         /* J_OBJECT */
    size_t count;
    size_t capacity;
} jnode;

typedef struct jreader {
    const unsigned char *s;
    size_t len;
    size_t pos;
    int depth;
} jreader;

static void jnode_free(jnode *n)
{
    free(n->str);
    for (size_t i = 0; i < n->count; i++) {
        jnode_free(&n->items[i]);
        if (n->keys)
            free(n->keys[i]);
    }
    free(n->items);
    free(n->keys);
    memset(n, 0, sizeof *n);
}

static void jskip_space(jreader *r)
{
    while (r->pos < r->len && (r->s[r->pos] == ' ' || r->s[r->pos] == '\n' ||
                               r->s[r->pos] == '\r' || r->s[r->pos] == '\t'))
        r->pos++;
}

static int jappend(char **buf, size_t *len, size_t *cap, const char *bytes, size_t n)
{
    if (*len + n + 1 > *cap) {
        size_t c = *cap ? *cap * 2 : 32;
        while (c < *len + n + 1)
            c *= 2;
        char *b = realloc(*buf, c);
        if (!b)
            return -1;
        *buf = b;
        *cap = c;
    }
    memcpy(*buf + *len, bytes, n);
    *len += n;
    (*buf)[*len] = '\0';
    return 0;
}

/* Strict UTF-8 sequence length at s[i] (>= 0x80), 0 when invalid. */
static size_t test_utf8_len(const unsigned char *s, size_t len, size_t i, uint32_t *cp)
{
    unsigned char c = s[i];
    size_t n;
    uint32_t v;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2, v = c & 0x1Fu;
    else if (c >= 0xE0 && c <= 0xEF)
        n = 3, v = c & 0x0Fu;
    else if (c >= 0xF0 && c <= 0xF4)
        n = 4, v = c & 0x07u;
    else
        return 0;
    if (len - i < n)
        return 0;
    for (size_t k = 1; k < n; k++) {
        if ((s[i + k] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i + k] & 0x3Fu);
    }
    static const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
    if (v < min[n] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

static size_t test_utf8_encode(uint32_t cp, char *b)
{
    if (cp < 0x80) {
        b[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    b[0] = (char)(0xF0 | (cp >> 18));
    b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    b[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

static int jhex4(jreader *r, uint32_t *out)
{
    if (r->len - r->pos < 4)
        return -1;
    uint32_t v = 0;
    for (int k = 0; k < 4; k++) {
        unsigned char c = r->s[r->pos++];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (uint32_t)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (uint32_t)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (uint32_t)(c - 'A' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

static int jparse_string(jreader *r, char **out, size_t *out_len)
{
    char *buf = NULL;
    size_t len = 0, cap = 0;
    if (jappend(&buf, &len, &cap, "", 0) != 0)
        return -1;
    r->pos++; /* the opening quote */
    while (r->pos < r->len) {
        unsigned char c = r->s[r->pos];
        if (c == '"') {
            r->pos++;
            *out = buf;
            *out_len = len;
            return 0;
        }
        if (c < 0x20)
            break;
        if (c == '\\') {
            if (++r->pos >= r->len)
                break;
            char e = (char)r->s[r->pos++];
            const char *simple = NULL;
            switch (e) {
            case '"':
                simple = "\"";
                break;
            case '\\':
                simple = "\\";
                break;
            case '/':
                simple = "/";
                break;
            case 'b':
                simple = "\b";
                break;
            case 'f':
                simple = "\f";
                break;
            case 'n':
                simple = "\n";
                break;
            case 'r':
                simple = "\r";
                break;
            case 't':
                simple = "\t";
                break;
            default:
                break;
            }
            if (simple) {
                if (jappend(&buf, &len, &cap, simple, 1) != 0)
                    break;
                continue;
            }
            if (e != 'u')
                break;
            uint32_t cp;
            if (jhex4(r, &cp) != 0 || (cp >= 0xDC00 && cp <= 0xDFFF))
                break;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                uint32_t low;
                if (r->len - r->pos < 2 || r->s[r->pos] != '\\' || r->s[r->pos + 1] != 'u')
                    break;
                r->pos += 2;
                if (jhex4(r, &low) != 0 || low < 0xDC00 || low > 0xDFFF)
                    break;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            }
            char enc[4];
            if (jappend(&buf, &len, &cap, enc, test_utf8_encode(cp, enc)) != 0)
                break;
            continue;
        }
        size_t n = 1;
        if (c >= 0x80) {
            uint32_t cp;
            n = test_utf8_len(r->s, r->len, r->pos, &cp);
            if (!n)
                break; /* the output must be valid UTF-8 */
        }
        if (jappend(&buf, &len, &cap, (const char *)r->s + r->pos, n) != 0)
            break;
        r->pos += n;
    }
    free(buf);
    return -1;
}

static int jparse_number(jreader *r, jnode *n)
{
    size_t start = r->pos;
    int digits_only = 1;
    if (r->s[r->pos] == '-') {
        digits_only = 0;
        r->pos++;
    }
    if (r->pos >= r->len)
        return -1;
    if (r->s[r->pos] == '0') {
        r->pos++;
    } else if (r->s[r->pos] >= '1' && r->s[r->pos] <= '9') {
        while (r->pos < r->len && r->s[r->pos] >= '0' && r->s[r->pos] <= '9')
            r->pos++;
    } else {
        return -1;
    }
    if (r->pos < r->len && r->s[r->pos] == '.') {
        digits_only = 0;
        r->pos++;
        size_t d = r->pos;
        while (r->pos < r->len && r->s[r->pos] >= '0' && r->s[r->pos] <= '9')
            r->pos++;
        if (r->pos == d)
            return -1;
    }
    if (r->pos < r->len && (r->s[r->pos] == 'e' || r->s[r->pos] == 'E')) {
        digits_only = 0;
        r->pos++;
        if (r->pos < r->len && (r->s[r->pos] == '+' || r->s[r->pos] == '-'))
            r->pos++;
        size_t d = r->pos;
        while (r->pos < r->len && r->s[r->pos] >= '0' && r->s[r->pos] <= '9')
            r->pos++;
        if (r->pos == d)
            return -1;
    }
    n->type = J_NUMBER;
    n->is_uint = digits_only;
    if (digits_only) {
        for (size_t i = start; i < r->pos; i++)
            n->uint = n->uint * 10 + (unsigned)(r->s[i] - '0');
    }
    return 0;
}

static int jparse_value(jreader *r, jnode *n);

static int jpush(jnode *n, jnode *item, char *key)
{
    /* Grow by doubling: arrays of tens of thousands of items stay linear,
     * also under sanitizers whose realloc always copies. */
    if (n->count == n->capacity) {
        size_t cap = n->capacity ? n->capacity * 2 : 8;
        jnode *items = realloc(n->items, cap * sizeof *items);
        if (!items)
            return -1;
        n->items = items;
        if (n->type == J_OBJECT) {
            char **keys = realloc(n->keys, cap * sizeof *keys);
            if (!keys)
                return -1;
            n->keys = keys;
        }
        n->capacity = cap;
    }
    if (n->type == J_OBJECT)
        n->keys[n->count] = key;
    n->items[n->count++] = *item;
    return 0;
}

static int jparse_container(jreader *r, jnode *n, int object)
{
    n->type = object ? J_OBJECT : J_ARRAY;
    r->pos++;
    jskip_space(r);
    if (r->pos < r->len && r->s[r->pos] == (object ? '}' : ']')) {
        r->pos++;
        return 0;
    }
    for (;;) {
        char *key = NULL;
        size_t key_len = 0;
        jskip_space(r);
        if (object) {
            if (r->pos >= r->len || r->s[r->pos] != '"' || jparse_string(r, &key, &key_len) != 0)
                return -1;
            for (size_t i = 0; i < n->count; i++) {
                if (strcmp(n->keys[i], key) == 0) { /* duplicate keys are not allowed */
                    free(key);
                    return -1;
                }
            }
            jskip_space(r);
            if (r->pos >= r->len || r->s[r->pos] != ':') {
                free(key);
                return -1;
            }
            r->pos++;
        }
        jnode item;
        memset(&item, 0, sizeof item);
        if (jparse_value(r, &item) != 0 || jpush(n, &item, key) != 0) {
            jnode_free(&item);
            free(key);
            return -1;
        }
        jskip_space(r);
        if (r->pos >= r->len)
            return -1;
        if (r->s[r->pos] == ',') {
            r->pos++;
            continue;
        }
        if (r->s[r->pos] == (object ? '}' : ']')) {
            r->pos++;
            return 0;
        }
        return -1;
    }
}

static int jparse_value(jreader *r, jnode *n)
{
    jskip_space(r);
    if (r->pos >= r->len || r->depth > 64)
        return -1;
    unsigned char c = r->s[r->pos];
    int rc;
    switch (c) {
    case '{':
    case '[':
        r->depth++;
        rc = jparse_container(r, n, c == '{');
        r->depth--;
        return rc;
    case '"':
        n->type = J_STRING;
        return jparse_string(r, &n->str, &n->len);
    case 't':
    case 'f':
    case 'n': {
        const char *word = c == 't' ? "true" : c == 'f' ? "false" : "null";
        size_t wl = strlen(word);
        if (r->len - r->pos < wl || memcmp(r->s + r->pos, word, wl) != 0)
            return -1;
        r->pos += wl;
        n->type = c == 'n' ? J_NULL : J_BOOL;
        n->boolean = c == 't';
        return 0;
    }
    default:
        return jparse_number(r, n);
    }
}

/* Parse a whole JSON text; 0 on success. */
static int jparse(const char *text, size_t len, jnode *out)
{
    jreader r = {(const unsigned char *)text, len, 0, 0};
    memset(out, 0, sizeof *out);
    if (jparse_value(&r, out) != 0) {
        jnode_free(out);
        return -1;
    }
    jskip_space(&r);
    if (r.pos != len) {
        jnode_free(out);
        return -1;
    }
    return 0;
}

static const jnode *jget(const jnode *obj, const char *key)
{
    if (!obj || obj->type != J_OBJECT)
        return NULL;
    for (size_t i = 0; i < obj->count; i++)
        if (strcmp(obj->keys[i], key) == 0)
            return &obj->items[i];
    return NULL;
}

static int jequal(const jnode *a, const jnode *b)
{
    if (a->type != b->type || a->count != b->count)
        return 0;
    switch (a->type) {
    case J_NULL:
        return 1;
    case J_BOOL:
        return a->boolean == b->boolean;
    case J_NUMBER:
        return a->is_uint == b->is_uint && a->uint == b->uint;
    case J_STRING:
        return a->len == b->len && memcmp(a->str, b->str, a->len) == 0;
    default:
        for (size_t i = 0; i < a->count; i++) {
            if (a->keys && strcmp(a->keys[i], b->keys[i]) != 0)
                return 0;
            if (!jequal(&a->items[i], &b->items[i]))
                return 0;
        }
        return 1;
    }
}

/* ------------------------------------------------------------------ */
/* Helpers                                                            */
/* ------------------------------------------------------------------ */

/* The input as a JSON reader decodes it from our output: each invalid byte
 * becomes U+FFFD. */
static char *expected_text(const char *s, size_t len, size_t *out_len)
{
    char *buf = malloc(len * 3 + 1);
    ck_assert_ptr_nonnull(buf);
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp;
        size_t k = c < 0x80 ? 1 : test_utf8_len((const unsigned char *)s, len, i, &cp);
        if (k) {
            memcpy(buf + n, s + i, k);
            n += k;
            i += k;
        } else {
            memcpy(buf + n, "\xef\xbf\xbd", 3);
            n += 3;
            i++;
        }
    }
    *out_len = n;
    return buf;
}

enum unit { UNIT_BYTES, UNIT_CODEPOINTS, UNIT_UTF16 };

/* units[b] = the offset of byte b in `unit`: the units of the characters
 * that start before b, decoding forward from the start (invalid byte = one
 * character). Independent of the library's block table. */
static size_t *unit_table(const char *s, size_t len, enum unit unit)
{
    size_t *units = malloc((len + 1) * sizeof *units);
    ck_assert_ptr_nonnull(units);
    size_t u = 0;
    for (size_t p = 0; p < len;) {
        uint32_t cp;
        unsigned char c = (unsigned char)s[p];
        size_t n = c < 0x80 ? 1 : test_utf8_len((const unsigned char *)s, len, p, &cp);
        size_t weight = 1;
        if (n == 0)
            n = 1;
        else if (unit == UNIT_UTF16 && n == 4)
            weight = 2;
        if (unit == UNIT_BYTES)
            weight = n;
        units[p] = u;
        for (size_t k = 1; k < n; k++)
            units[p + k] = u + weight;
        u += weight;
        p += n;
    }
    units[len] = u;
    return units;
}

static unsigned unit_flag(enum unit unit)
{
    return unit == UNIT_CODEPOINTS ? LEDE_JSON_OFFSETS_CODEPOINTS
           : unit == UNIT_UTF16    ? LEDE_JSON_OFFSETS_UTF16
                                   : 0;
}

static int contains(const char *hay, size_t hay_len, const char *needle, size_t needle_len)
{
    if (needle_len > hay_len)
        return 0;
    for (size_t i = 0; i + needle_len <= hay_len; i++)
        if (memcmp(hay + i, needle, needle_len) == 0)
            return 1;
    return 0;
}

#define CONTAINS(hay, len, lit) contains((hay), (len), (lit), sizeof(lit) - 1)

static lede_doc *parse_text(const char *text, size_t len, uint32_t flags)
{
    lede_options opts;
    ck_assert_int_eq(lede_options_init(&opts, sizeof opts), LEDE_OK);
    opts.flags = flags;
    lede_doc *doc = NULL;
    ck_assert_int_eq(lede_parse(text, len, &opts, &doc), LEDE_OK);
    ck_assert_ptr_nonnull(doc);
    return doc;
}

/* Render and read back; the tree must be freed with jnode_free(). */
static char *render(const lede_doc *doc, unsigned flags, size_t *len, jnode *tree)
{
    char *json = NULL;
    size_t n = 12345;
    ck_assert_int_eq(lede_doc_to_json(doc, flags, &json, &n), LEDE_OK);
    ck_assert_ptr_nonnull(json);
    ck_assert_uint_eq(strlen(json), n); /* NUL-terminated; NULs in the text are escaped */
    ck_assert_msg(jparse(json, n, tree) == 0, "output is not valid JSON:\n%s", json);
    if (len)
        *len = n;
    return json;
}

/* Replace the document layer's spans with known ones. */
static void force_span(lede_span *field, size_t begin, size_t end)
{
    *field = span_make(begin, end);
}

static void force_heading(lede_doc *doc, size_t begin, size_t end)
{
    lede_heading *h = vec_push(&doc->arena, &doc->headings);
    ck_assert_ptr_nonnull(h);
    h->span = span_make(begin, end);
    h->paragraph = LEDE_NONE;
}

/* ------------------------------------------------------------------ */
/* General checks, valid for any document                             */
/* ------------------------------------------------------------------ */

/* Every object with "begin", "end" and "text" is a SPAN whose text is the
 * input between its byte offsets. Returns the number of spans seen. */
static size_t check_span_texts(const jnode *n, const char *text, size_t len)
{
    size_t spans = 0;
    if (n->type != J_ARRAY && n->type != J_OBJECT)
        return 0;
    const jnode *b = jget(n, "begin"), *e = jget(n, "end"), *t = jget(n, "text");
    if (b && e && t) {
        ck_assert(b->type == J_NUMBER && b->is_uint);
        ck_assert(e->type == J_NUMBER && e->is_uint);
        ck_assert_int_eq(t->type, J_STRING);
        ck_assert_uint_le(b->uint, e->uint);
        ck_assert_uint_le(e->uint, len);
        size_t want_len;
        char *want = expected_text(text + b->uint, (size_t)(e->uint - b->uint), &want_len);
        ck_assert_uint_eq(t->len, want_len);
        ck_assert_msg(memcmp(t->str, want, want_len) == 0, "span [%llu,%llu) text \"%s\"", b->uint,
                      e->uint, t->str);
        free(want);
        spans++;
    }
    for (size_t i = 0; i < n->count; i++)
        spans += check_span_texts(&n->items[i], text, len);
    return spans;
}

static int is_offset_key(const char *key)
{
    return key &&
           (strcmp(key, "begin") == 0 || strcmp(key, "end") == 0 || strcmp(key, "fragments") == 0);
}

/* `units_tree` is `bytes_tree` with every offset converted by `table`. */
static void check_converted(const jnode *bytes_tree, const jnode *units_tree, const size_t *table,
                            size_t len, int offset)
{
    ck_assert_int_eq(bytes_tree->type, units_tree->type);
    ck_assert_uint_eq(bytes_tree->count, units_tree->count);
    if (bytes_tree->type == J_NUMBER && offset) {
        ck_assert(bytes_tree->is_uint && units_tree->is_uint);
        ck_assert_uint_le(bytes_tree->uint, len);
        ck_assert_uint_eq(units_tree->uint, table[bytes_tree->uint]);
        return;
    }
    if (bytes_tree->type != J_ARRAY && bytes_tree->type != J_OBJECT) {
        ck_assert(jequal(bytes_tree, units_tree));
        return;
    }
    for (size_t i = 0; i < bytes_tree->count; i++) {
        const char *key = bytes_tree->keys ? bytes_tree->keys[i] : NULL;
        if (key)
            ck_assert_str_eq(key, units_tree->keys[i]);
        int child_offset = key ? is_offset_key(key) : offset;
        check_converted(&bytes_tree->items[i], &units_tree->items[i], table, len, child_offset);
    }
}

static void check_string_or_null(const jnode *n, const char *want, size_t want_len)
{
    ck_assert_ptr_nonnull(n);
    if (!want) {
        ck_assert_int_eq(n->type, J_NULL);
        return;
    }
    ck_assert_int_eq(n->type, J_STRING);
    size_t exp_len;
    char *exp = expected_text(want, want_len, &exp_len);
    ck_assert_uint_eq(n->len, exp_len);
    ck_assert(memcmp(n->str, exp, exp_len) == 0);
    free(exp);
}

static void check_span_field(const jnode *n, lede_span span)
{
    ck_assert_ptr_nonnull(n);
    if (lede_span_is_none(span)) {
        ck_assert_int_eq(n->type, J_NULL);
        return;
    }
    ck_assert_int_eq(n->type, J_OBJECT);
    ck_assert_uint_eq(n->count, 3);
    ck_assert_uint_eq(jget(n, "begin")->uint, span.begin);
    ck_assert_uint_eq(jget(n, "end")->uint, span.end);
}

/* The schema-1 layout, and the document object against the accessors. */
static void check_against_accessors(const jnode *root, const lede_doc *doc)
{
    static const char *const top[] = {"schema",   "lede",   "document",
                                      "speakers", "quotes", "metrics"};
    ck_assert_int_eq(root->type, J_OBJECT);
    ck_assert_uint_ge(root->count, 6);
    for (size_t i = 0; i < 6; i++)
        ck_assert_str_eq(root->keys[i], top[i]);
    ck_assert_ptr_null(jget(root, "id"));
    ck_assert(jget(root, "schema")->is_uint && jget(root, "schema")->uint == 1);
    ck_assert_str_eq(jget(root, "lede")->str, lede_version_string());
    ck_assert_int_eq(jget(root, "speakers")->type, J_ARRAY);
    ck_assert_int_eq(jget(root, "quotes")->type, J_ARRAY);
    ck_assert_int_eq(jget(root, "metrics")->type, J_ARRAY);

    const jnode *d = jget(root, "document");
    const lede_document *facts = lede_doc_document(doc);
    ck_assert_int_eq(d->type, J_OBJECT);
    check_string_or_null(jget(d, "date"), facts->date, facts->date_len);
    const jnode *source = jget(d, "date_source");
    if (facts->date_source == LEDE_DATE_SOURCE_UNKNOWN)
        ck_assert_int_eq(source->type, J_NULL);
    else
        ck_assert_str_eq(source->str, lede_date_source_name(facts->date_source));
    check_span_field(jget(d, "date_span"), facts->date_span);
    check_span_field(jget(d, "title"), facts->title);
    check_span_field(jget(d, "byline"), facts->byline);
    check_span_field(jget(d, "dateline"), facts->dateline);
    check_string_or_null(jget(d, "dateline_place"), facts->dateline_place,
                         facts->dateline_place_len);
    check_string_or_null(jget(d, "agency"), facts->agency, facts->agency_len);

    const jnode *authors = jget(d, "authors");
    ck_assert_int_eq(authors->type, J_ARRAY);
    ck_assert_uint_eq(authors->count, lede_doc_author_count(doc));
    for (size_t i = 0; i < authors->count; i++) {
        const lede_author *a = lede_doc_author_at(doc, i);
        check_string_or_null(&authors->items[i], a->name, a->name_len);
    }

    const jnode *headings = jget(d, "headings");
    ck_assert_int_eq(headings->type, J_ARRAY);
    ck_assert_uint_eq(headings->count, lede_doc_heading_count(doc));
    for (size_t i = 0; i < headings->count; i++)
        check_span_field(&headings->items[i], lede_doc_heading_at(doc, i)->span);

    const jnode *paragraphs = jget(d, "paragraphs");
    ck_assert_int_eq(paragraphs->type, J_ARRAY);
    ck_assert_uint_eq(paragraphs->count, lede_doc_paragraph_count(doc));
    for (size_t i = 0; i < paragraphs->count; i++) {
        const lede_paragraph *p = lede_doc_paragraph_at(doc, i);
        const jnode *o = &paragraphs->items[i];
        ck_assert_uint_eq(o->count, 3);
        ck_assert_uint_eq(jget(o, "begin")->uint, p->span.begin);
        ck_assert_uint_eq(jget(o, "end")->uint, p->span.end);
        ck_assert_str_eq(jget(o, "kind")->str, lede_paragraph_kind_name(p->kind));
    }

    const jnode *sentences = jget(d, "sentences");
    ck_assert_int_eq(sentences->type, J_ARRAY);
    ck_assert_uint_eq(sentences->count, lede_doc_sentence_count(doc));
    for (size_t i = 0; i < sentences->count; i++) {
        const lede_sentence *s = lede_doc_sentence_at(doc, i);
        const jnode *o = &sentences->items[i];
        ck_assert_uint_eq(o->count, 3);
        ck_assert_uint_eq(jget(o, "begin")->uint, s->span.begin);
        ck_assert_uint_eq(jget(o, "end")->uint, s->span.end);
        const jnode *para = jget(o, "paragraph");
        if (s->paragraph == LEDE_NONE)
            ck_assert_int_eq(para->type, J_NULL);
        else
            ck_assert_uint_eq(para->uint, s->paragraph);
    }
}

/* Everything that must hold for any document: valid JSON in both styles,
 * the layout, span texts, and offsets in every unit. */
static void check_document(const lede_doc *doc)
{
    size_t len;
    const char *text = lede_doc_text(doc, &len);
    jnode bytes_tree, pretty_tree;
    size_t json_len;
    char *json = render(doc, 0, &json_len, &bytes_tree);
    check_against_accessors(&bytes_tree, doc);
    check_span_texts(&bytes_tree, text, len);
    char *pretty = render(doc, LEDE_JSON_PRETTY, NULL, &pretty_tree);
    ck_assert(jequal(&bytes_tree, &pretty_tree));
    jnode_free(&pretty_tree);
    lede_free(pretty);

    for (enum unit unit = UNIT_CODEPOINTS; unit <= UNIT_UTF16; unit++) {
        jnode units_tree;
        char *units_json = render(doc, unit_flag(unit), NULL, &units_tree);
        size_t *table = unit_table(text, len, unit);
        check_converted(&bytes_tree, &units_tree, table, len, 0);
        free(table);
        jnode_free(&units_tree);
        lede_free(units_json);
    }
    jnode_free(&bytes_tree);
    lede_free(json);
}

/* ------------------------------------------------------------------ */
/* Tests                                                              */
/* ------------------------------------------------------------------ */

START_TEST(test_article)
{
    lede_doc *doc = parse_text(ARTICLE, sizeof ARTICLE - 1, 0);
    check_document(doc);
    lede_doc_free(doc);
}
END_TEST

START_TEST(test_article_crlf_and_reference_date)
{
    /* The same story with CRLF line ends and a reference date. */
    size_t n = sizeof ARTICLE - 1;
    char *crlf = malloc(n * 2 + 1);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (ARTICLE[i] == '\n')
            crlf[m++] = '\r';
        crlf[m++] = ARTICLE[i];
    }
    lede_options opts;
    lede_options_init(&opts, sizeof opts);
    opts.reference_date = "2024-12-17";
    lede_doc *doc = NULL;
    ck_assert_int_eq(lede_parse(crlf, m, &opts, &doc), LEDE_OK);
    free(crlf);
    check_document(doc);
    jnode tree;
    char *json = render(doc, 0, NULL, &tree);
    const jnode *d = jget(&tree, "document");
    ck_assert_int_eq(jget(d, "date")->type, J_STRING);
    ck_assert_int_eq(jget(d, "date_source")->type, J_STRING);
    jnode_free(&tree);
    lede_free(json);
    lede_doc_free(doc);
}
END_TEST

/* Spans set by hand over 1-, 2-, 3- and 4-byte characters, with offsets
 * worked out by hand in each unit. */
START_TEST(test_offsets_by_unit)
{
    /* Bytes: "Erdoğan" 0-8, ' ' 8, "😀" 9-13, ' ' 13, "met" 14-17, ' ' 17,
     * "—" 18-21, ' ' 21, "“Zelensky”" 22-36, '.' 36. */
    static const char text[] = "Erdo\xc4\x9f"
                               "an \xf0\x9f\x98\x80 met \xe2\x80\x94 "
                               "\xe2\x80\x9cZelensky\xe2\x80\x9d.";
    static const struct {
        size_t begin, end;
        size_t cp_begin, cp_end;
        size_t u16_begin, u16_end;
        const char *text;
    } cases[] = {
        {0, 8, 0, 7, 0, 7,
         "Erdo\xc4\x9f"
         "an"},
        {9, 13, 8, 9, 8, 10, "\xf0\x9f\x98\x80"},
        {14, 17, 10, 13, 11, 14, "met"},
        {18, 21, 14, 15, 15, 16, "\xe2\x80\x94"},
        {22, 36, 16, 26, 17, 27, "\xe2\x80\x9cZelensky\xe2\x80\x9d"},
        {36, 37, 26, 27, 27, 28, "."},
    };
    lede_doc *doc = parse_text(text, sizeof text - 1, 0);
    doc->headings.count = 0;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        force_heading(doc, cases[i].begin, cases[i].end);
    force_span(&doc->document.title, 0, sizeof text - 1);

    for (enum unit unit = UNIT_BYTES; unit <= UNIT_UTF16; unit++) {
        jnode tree;
        char *json = render(doc, unit_flag(unit), NULL, &tree);
        const jnode *d = jget(&tree, "document");
        const jnode *headings = jget(d, "headings");
        ck_assert_uint_eq(headings->count, sizeof cases / sizeof *cases);
        for (size_t i = 0; i < headings->count; i++) {
            const jnode *h = &headings->items[i];
            size_t b = unit == UNIT_BYTES        ? cases[i].begin
                       : unit == UNIT_CODEPOINTS ? cases[i].cp_begin
                                                 : cases[i].u16_begin;
            size_t e = unit == UNIT_BYTES        ? cases[i].end
                       : unit == UNIT_CODEPOINTS ? cases[i].cp_end
                                                 : cases[i].u16_end;
            ck_assert_uint_eq(jget(h, "begin")->uint, b);
            ck_assert_uint_eq(jget(h, "end")->uint, e);
            ck_assert_str_eq(jget(h, "text")->str, cases[i].text);
        }
        const jnode *title = jget(d, "title");
        ck_assert_uint_eq(jget(title, "begin")->uint, 0);
        ck_assert_uint_eq(jget(title, "end")->uint, unit == UNIT_BYTES        ? 37
                                                    : unit == UNIT_CODEPOINTS ? 27
                                                                              : 28);
        ck_assert_str_eq(jget(title, "text")->str, text);
        jnode_free(&tree);
        lede_free(json);
    }
    check_document(doc);
    lede_doc_free(doc);
}
END_TEST

/* A long document with offsets in every 64-byte block, written out of order
 * (headings after the title, in reverse), checked against a table built by
 * decoding from the start. */
START_TEST(test_offsets_long_text)
{
    static const char piece[] = "a\xc3\xa9\xe2\x80\x94\xf0\x9f\x98\x80 b ";
    enum { PIECES = 3000 };
    size_t piece_len = sizeof piece - 1;
    size_t len = piece_len * PIECES;
    char *text = malloc(len);
    for (size_t i = 0; i < PIECES; i++)
        memcpy(text + i * piece_len, piece, piece_len);
    lede_doc *doc = parse_text(text, len, 0);
    doc->headings.count = 0;
    /* Character starts only: every piece offset plus its inner boundaries. */
    static const size_t inner[] = {0, 1, 3, 6, 10, 11, 12, 13};
    for (size_t i = PIECES; i-- > 0;)
        for (size_t k = 0; k + 1 < sizeof inner / sizeof *inner; k++)
            force_heading(doc, i * piece_len + inner[k], i * piece_len + inner[k + 1]);
    check_document(doc);
    lede_doc_free(doc);
    free(text);
}
END_TEST

START_TEST(test_escapes)
{
    static const char text[] = "Quote \"x\" back\\slash /path\x01\x1f\t\n\r\b\f|"
                               "\xe2\x80\xa8|\xe2\x80\xa9|\xc2\x85|\x7f|caf\xc3\xa9";
    lede_doc *doc = parse_text(text, sizeof text - 1, 0);
    force_span(&doc->document.title, 0, sizeof text - 1);
    size_t len;
    jnode tree;
    char *json = render(doc, 0, &len, &tree);
    ck_assert(CONTAINS(json, len,
                       "\"text\":\"Quote \\\"x\\\" back\\\\slash /path\\u0001\\u001f\\t\\n\\r\\b"
                       "\\f|\\u2028|\\u2029|\\u0085|\x7f|caf\xc3\xa9\""));
    /* The three line separators never appear raw anywhere. */
    ck_assert(!CONTAINS(json, len, "\xe2\x80\xa8"));
    ck_assert(!CONTAINS(json, len, "\xe2\x80\xa9"));
    ck_assert(!CONTAINS(json, len, "\xc2\x85"));
    ck_assert(!CONTAINS(json, len, "\\/"));
    for (size_t i = 0; i < len; i++)
        ck_assert_uint_ge((unsigned char)json[i], 0x20);
    ck_assert_str_eq(jget(jget(jget(&tree, "document"), "title"), "text")->str, text);
    jnode_free(&tree);
    lede_free(json);
    check_document(doc);
    lede_doc_free(doc);
}
END_TEST

START_TEST(test_escapes_in_normalized_strings)
{
    static const char text[] = "By \"JD\" Doe\n\nBody text.\n";
    static const char author[] = "Jane \"JD\"\tDoe\xe2\x80\xa8";
    static const char place[] = "WASHINGTON\\\x01";
    lede_doc *doc = parse_text(text, sizeof text - 1, 0);
    doc->authors.count = 0;
    lede_author *a = vec_push(&doc->arena, &doc->authors);
    ck_assert_ptr_nonnull(a);
    a->span = span_make(3, 11);
    a->name = author;
    a->name_len = sizeof author - 1;
    doc->document.dateline_place = place;
    doc->document.dateline_place_len = sizeof place - 1;
    doc->document.agency = NULL;
    doc->document.agency_len = 0;
    size_t len;
    jnode tree;
    char *json = render(doc, 0, &len, &tree);
    ck_assert(CONTAINS(json, len, "\"authors\":[\"Jane \\\"JD\\\"\\tDoe\\u2028\"]"));
    ck_assert(CONTAINS(json, len, "\"dateline_place\":\"WASHINGTON\\\\\\u0001\""));
    ck_assert(CONTAINS(json, len, "\"agency\":null"));
    jnode_free(&tree);
    lede_free(json);
    check_document(doc);
    lede_doc_free(doc);
}
END_TEST

START_TEST(test_nul_bytes)
{
    static const char text[] = "Before\0after \0\0 end";
    lede_doc *doc = parse_text(text, sizeof text - 1, 0);
    force_span(&doc->document.byline, 0, sizeof text - 1);
    size_t len;
    jnode tree;
    char *json = render(doc, 0, &len, &tree);
    ck_assert(CONTAINS(json, len, "\"text\":\"Before\\u0000after \\u0000\\u0000 end\""));
    const jnode *byline = jget(jget(&tree, "document"), "byline");
    ck_assert_uint_eq(jget(byline, "text")->len, sizeof text - 1);
    ck_assert(memcmp(jget(byline, "text")->str, text, sizeof text - 1) == 0);
    jnode_free(&tree);
    lede_free(json);
    check_document(doc);
    lede_doc_free(doc);
}
END_TEST

START_TEST(test_lossy_invalid_utf8)
{
    /* \xff: never valid; \xe2\x82: a truncated sequence (two bad bytes);
     * \xc0\xaf: overlong; \xed\xa0\x80: a surrogate; stray continuations, alone
     * and after a valid two-byte character. */
    static const char text[] = "Bad \xff byte \xe2\x82 cut \xc0\xaf over \xed\xa0\x80 sur \x80"
                               " \xc3\xa9\x80\x80\x80\x80 ok \xf0\x9f\x98\x80 end";
    lede_options opts;
    lede_options_init(&opts, sizeof opts);
    lede_doc *strict = NULL;
    ck_assert_int_eq(lede_parse(text, sizeof text - 1, &opts, &strict), LEDE_ERR_INVALID_UTF8);
    lede_doc *doc = parse_text(text, sizeof text - 1, LEDE_OPT_LOSSY);
    size_t n = sizeof text - 1;
    force_span(&doc->document.title, 0, n);
    doc->headings.count = 0;
    force_heading(doc, n - 3, n); /* "end" */
    force_heading(doc, 4, 5);     /* "\xff" alone */

    size_t len;
    jnode tree;
    char *json = render(doc, 0, &len, &tree); /* render() rejects invalid UTF-8 */
    ck_assert(CONTAINS(json, len,
                       "Bad \\ufffd byte \\ufffd\\ufffd cut \\ufffd\\ufffd over "
                       "\\ufffd\\ufffd\\ufffd sur \\ufffd \xc3\xa9\\ufffd\\ufffd\\ufffd\\ufffd ok "
                       "\xf0\x9f\x98\x80 end"));
    jnode_free(&tree);
    lede_free(json);

    /* Code points: 4 + 1 + 6 + 2 + 5 + 2 + 6 + 3 + 5 + 1 + 1 + 1 + 4 + 4 + 1 + 4 = 50,
     * each invalid byte one; UTF-16 counts the emoji twice. */
    size_t cp_total = 50;
    json = render(doc, LEDE_JSON_OFFSETS_CODEPOINTS, &len, &tree);
    const jnode *headings = jget(jget(&tree, "document"), "headings");
    ck_assert_uint_eq(jget(&headings->items[0], "begin")->uint, cp_total - 3);
    ck_assert_uint_eq(jget(&headings->items[0], "end")->uint, cp_total);
    ck_assert_uint_eq(jget(&headings->items[1], "begin")->uint, 4);
    ck_assert_uint_eq(jget(&headings->items[1], "end")->uint, 5);
    ck_assert_str_eq(jget(&headings->items[1], "text")->str, "\xef\xbf\xbd");
    jnode_free(&tree);
    lede_free(json);
    json = render(doc, LEDE_JSON_OFFSETS_UTF16, &len, &tree);
    headings = jget(jget(&tree, "document"), "headings");
    ck_assert_uint_eq(jget(&headings->items[0], "end")->uint, cp_total + 1);
    jnode_free(&tree);
    lede_free(json);

    check_document(doc);
    lede_doc_free(doc);
}
END_TEST

/* Count bytes of white space outside strings. */
static size_t space_outside_strings(const char *json, size_t len)
{
    size_t count = 0;
    int in_string = 0;
    for (size_t i = 0; i < len; i++) {
        char c = json[i];
        if (in_string) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_string = 0;
        } else if (c == '"') {
            in_string = 1;
        } else if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
            count++;
        }
    }
    return count;
}

START_TEST(test_pretty_and_compact)
{
    lede_doc *doc = parse_text(ARTICLE, sizeof ARTICLE - 1, 0);
    size_t compact_len, pretty_len;
    jnode compact_tree, pretty_tree;
    char *compact = render(doc, 0, &compact_len, &compact_tree);
    char *pretty = render(doc, LEDE_JSON_PRETTY, &pretty_len, &pretty_tree);
    ck_assert(jequal(&compact_tree, &pretty_tree));

    ck_assert_uint_eq(space_outside_strings(compact, compact_len), 0);
    ck_assert(!memchr(compact, '\n', compact_len));
    ck_assert_int_eq(compact[compact_len - 1], '}');
    char prefix[128];
    snprintf(prefix, sizeof prefix,
             "{\"schema\":1,\"lede\":\"%s\",\"document\":{\"date\":", lede_version_string());
    ck_assert(strncmp(compact, prefix, strlen(prefix)) == 0);

    ck_assert_uint_gt(pretty_len, compact_len);
    ck_assert_int_eq(pretty[pretty_len - 1], '\n');
    ck_assert_int_eq(pretty[pretty_len - 2], '}');
    snprintf(prefix, sizeof prefix,
             "{\n  \"schema\": 1,\n  \"lede\": \"%s\",\n  \"document\": {\n"
             "    \"date\": ",
             lede_version_string());
    ck_assert(strncmp(pretty, prefix, strlen(prefix)) == 0);
    /* Every line is indented by an even number of spaces, never tabs. */
    for (const char *line = pretty; line < pretty + pretty_len;) {
        const char *eol = memchr(line, '\n', (size_t)(pretty + pretty_len - line));
        ck_assert_ptr_nonnull(eol);
        size_t indent = 0;
        while (line + indent < eol && line[indent] == ' ')
            indent++;
        ck_assert_uint_eq(indent % 2, 0);
        ck_assert(line + indent < eol); /* no blank line */
        line = eol + 1;
    }
    jnode_free(&compact_tree);
    jnode_free(&pretty_tree);
    lede_free(compact);
    lede_free(pretty);
    lede_doc_free(doc);
}
END_TEST

START_TEST(test_empty_document_exact)
{
    lede_doc *doc = parse_text("", 0, 0);
    char want[2048];
    snprintf(want, sizeof want,
             "{\"schema\":1,\"lede\":\"%s\",\"document\":{\"date\":null,\"date_source\":null,"
             "\"date_span\":null,\"title\":null,\"byline\":null,\"authors\":[],"
             "\"dateline\":null,\"dateline_place\":null,\"agency\":null,\"headings\":[],"
             "\"paragraphs\":[],\"sentences\":[]},\"speakers\":[],\"quotes\":[],"
             "\"metrics\":[]}",
             lede_version_string());
    char *json = NULL;
    size_t len = 0;
    ck_assert_int_eq(lede_doc_to_json(doc, 0, &json, &len), LEDE_OK);
    ck_assert_str_eq(json, want);
    ck_assert_uint_eq(len, strlen(want));
    lede_free(json);

    snprintf(want, sizeof want,
             "{\n"
             "  \"schema\": 1,\n"
             "  \"lede\": \"%s\",\n"
             "  \"document\": {\n"
             "    \"date\": null,\n"
             "    \"date_source\": null,\n"
             "    \"date_span\": null,\n"
             "    \"title\": null,\n"
             "    \"byline\": null,\n"
             "    \"authors\": [],\n"
             "    \"dateline\": null,\n"
             "    \"dateline_place\": null,\n"
             "    \"agency\": null,\n"
             "    \"headings\": [],\n"
             "    \"paragraphs\": [],\n"
             "    \"sentences\": []\n"
             "  },\n"
             "  \"speakers\": [],\n"
             "  \"quotes\": [],\n"
             "  \"metrics\": []\n"
             "}\n",
             lede_version_string());
    ck_assert_int_eq(lede_doc_to_json(doc, LEDE_JSON_PRETTY, &json, NULL), LEDE_OK);
    ck_assert_str_eq(json, want);
    lede_free(json);
    lede_doc_free(doc);
}
END_TEST

START_TEST(test_pretty_nested_exact)
{
    /* The layout of nested containers: spans inside an array, a reference. */
    static const char text[] = "Title\n\nBody.";
    lede_doc *doc = parse_text(text, sizeof text - 1, 0);
    doc->headings.count = 0;
    force_heading(doc, 0, 5);
    force_span(&doc->document.title, 0, 5);
    char *json = NULL;
    size_t len = 0;
    ck_assert_int_eq(lede_doc_to_json(doc, LEDE_JSON_PRETTY, &json, &len), LEDE_OK);
    ck_assert(CONTAINS(json, len,
                       "    \"title\": {\n"
                       "      \"begin\": 0,\n"
                       "      \"end\": 5,\n"
                       "      \"text\": \"Title\"\n"
                       "    },\n"));
    ck_assert(CONTAINS(json, len,
                       "    \"headings\": [\n"
                       "      {\n"
                       "        \"begin\": 0,\n"
                       "        \"end\": 5,\n"
                       "        \"text\": \"Title\"\n"
                       "      }\n"
                       "    ],\n"));
    lede_free(json);
    ck_assert_int_eq(lede_doc_to_json(doc, 0, &json, &len), LEDE_OK);
    ck_assert(CONTAINS(json, len, "\"title\":{\"begin\":0,\"end\":5,\"text\":\"Title\"}"));
    ck_assert(CONTAINS(json, len, "\"headings\":[{\"begin\":0,\"end\":5,\"text\":\"Title\"}]"));
    lede_free(json);
    lede_doc_free(doc);
}
END_TEST

START_TEST(test_large_numbers)
{
    /* Offsets are formatted by the library's own integer writer. */
    static const size_t values[] = {0,   7,   9,    10,    99,      100,
                                    101, 999, 1000, 65535, 1234567, 4294967296u};
    lede_doc *doc = parse_text("x", 1, 0);
    doc->sentences.count = 0;
    for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
        lede_sentence *s = vec_push(&doc->arena, &doc->sentences);
        ck_assert_ptr_nonnull(s);
        s->span = span_make(0, 1);
        s->paragraph = values[i];
    }
    lede_sentence *none = vec_push(&doc->arena, &doc->sentences);
    none->span = span_make(0, 1);
    none->paragraph = LEDE_NONE;
    jnode tree;
    char *json = render(doc, 0, NULL, &tree);
    const jnode *sentences = jget(jget(&tree, "document"), "sentences");
    ck_assert_uint_eq(sentences->count, sizeof values / sizeof *values + 1);
    for (size_t i = 0; i < sizeof values / sizeof *values; i++)
        ck_assert_uint_eq(jget(&sentences->items[i], "paragraph")->uint, values[i]);
    ck_assert_int_eq(jget(&sentences->items[sentences->count - 1], "paragraph")->type, J_NULL);
    jnode_free(&tree);
    lede_free(json);
    lede_doc_free(doc);
}
END_TEST

/* Integers of every number of digits, around each power of ten, in the
 * text the C library prints for them: the indexes go through the writer's
 * groups of four digits, and whole metric values through the same path. */
START_TEST(test_numbers_every_length)
{
    lede_doc *doc = parse_text("x", 1, 0);
    doc->sentences.count = 0;
    size_t count = 0;
    for (size_t power = 1; power != 0 && power <= SIZE_MAX / 10; power *= 10) {
        size_t around[] = {power - 1, power, power + 1, power * 7 + 3, power * 10 - 1};
        for (size_t k = 0; k < sizeof around / sizeof *around; k++) {
            lede_sentence *s = vec_push(&doc->arena, &doc->sentences);
            ck_assert_ptr_nonnull(s);
            s->span = span_make(0, 1);
            s->paragraph = around[k];
            count++;
        }
    }
    jnode tree;
    char *json = render(doc, 0, NULL, &tree);
    jnode_free(&tree);
    const char *at = json;
    for (size_t i = 0; i < count; i++) {
        char want[48];
        snprintf(want, sizeof want, "\"paragraph\":%zu}",
                 VEC_AT(doc->sentences, lede_sentence, i).paragraph);
        at = strstr(at, want);
        ck_assert_msg(at != NULL, "%s not written in order", want);
    }
    lede_free(json);
    lede_doc_free(doc);

    /* Metric values: whole numbers of up to fifteen digits either way of
     * the sign, and fractions, as "%.15g" prints them. */
    static const double values[] = {1,
                                    -1,
                                    9,
                                    10,
                                    99,
                                    100,
                                    9999,
                                    1e4,
                                    10001,
                                    12345,
                                    99999999,
                                    1e8,
                                    123456789,
                                    1e14,
                                    999999999999999,
                                    -123456789012345,
                                    0.5,
                                    2.25,
                                    0.1,
                                    1.0 / 3,
                                    1e15,
                                    1e-5,
                                    -0.0,
                                    4294967296};
    const char *text = "Sales rose 5% last year.\n";
    doc = parse_text(text, strlen(text), 0);
    ck_assert_uint_ge(lede_doc_metric_count(doc), 1);
    lede_metric *m = &VEC_AT(doc->metrics, lede_metric, 0);
    for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
        m->value = values[i];
        m->has |= LEDE_METRIC_HAS_VALUE;
        char want[64];
        snprintf(want, sizeof want, "\"value\":%.15g,", values[i]);
        json = render(doc, 0, NULL, &tree);
        jnode_free(&tree);
        ck_assert_msg(strstr(json, want) != NULL, "%s not in %s", want, json);
        lede_free(json);
    }
    lede_doc_free(doc);
}
END_TEST

START_TEST(test_bad_arguments)
{
    lede_doc *doc = parse_text(ARTICLE, sizeof ARTICLE - 1, 0);
    char *json = (char *)1;
    size_t len = 99;
    ck_assert_int_eq(
        lede_doc_to_json(doc, LEDE_JSON_OFFSETS_CODEPOINTS | LEDE_JSON_OFFSETS_UTF16, &json, &len),
        LEDE_ERR_INVALID_ARG);
    ck_assert_ptr_null(json);
    ck_assert_uint_eq(len, 0);
    ck_assert_str_ne(lede_last_error_message(), "");
    json = (char *)1;
    ck_assert_int_eq(lede_doc_to_json(doc, 1u << 20, &json, &len), LEDE_ERR_INVALID_ARG);
    ck_assert_ptr_null(json);
    json = (char *)1;
    ck_assert_int_eq(lede_doc_to_json(NULL, 0, &json, &len), LEDE_ERR_INVALID_ARG);
    ck_assert_ptr_null(json);
    ck_assert_int_eq(lede_doc_to_json(doc, 0, NULL, &len), LEDE_ERR_INVALID_ARG);
    lede_free(NULL);
    lede_doc_free(doc);
}
END_TEST

START_TEST(test_deterministic)
{
    lede_doc *a = parse_text(ARTICLE, sizeof ARTICLE - 1, 0);
    lede_doc *b = parse_text(ARTICLE, sizeof ARTICLE - 1, 0);
    for (unsigned flags = 0; flags < 8; flags++) {
        if ((flags & 3) == 3)
            continue;
        char *x, *y, *z;
        size_t xl, yl, zl;
        ck_assert_int_eq(lede_doc_to_json(a, flags, &x, &xl), LEDE_OK);
        ck_assert_int_eq(lede_doc_to_json(a, flags, &y, &yl), LEDE_OK);
        ck_assert_int_eq(lede_doc_to_json(b, flags, &z, &zl), LEDE_OK);
        ck_assert_uint_eq(xl, yl);
        ck_assert_uint_eq(xl, zl);
        ck_assert(memcmp(x, y, xl) == 0 && memcmp(x, z, xl) == 0);
        lede_free(x);
        lede_free(y);
        lede_free(z);
    }
    lede_doc_free(a);
    lede_doc_free(b);
}
END_TEST

/* An allocator that counts live blocks and can fail the N-th call. */
typedef struct test_allocator {
    long calls;
    long fail_at; /* 0: never */
    long live;
    long frees;
} test_allocator;

static int should_fail(test_allocator *t)
{
    t->calls++;
    return t->fail_at && t->calls == t->fail_at;
}

static void *test_malloc(size_t size, void *user)
{
    test_allocator *t = user;
    if (should_fail(t))
        return NULL;
    void *p = malloc(size);
    if (p)
        t->live++;
    return p;
}

static void *test_realloc(void *ptr, size_t size, void *user)
{
    test_allocator *t = user;
    if (should_fail(t))
        return NULL;
    void *p = realloc(ptr, size);
    if (p && !ptr)
        t->live++;
    return p;
}

static void test_free(void *ptr, void *user)
{
    test_allocator *t = user;
    if (ptr) {
        t->live--;
        t->frees++;
    }
    free(ptr);
}

static lede_doc *parse_with(test_allocator *t, const char *text, size_t len, uint32_t flags)
{
    lede_options opts;
    lede_options_init(&opts, sizeof opts);
    opts.flags = flags;
    opts.allocator.malloc_fn = test_malloc;
    opts.allocator.realloc_fn = test_realloc;
    opts.allocator.free_fn = test_free;
    opts.allocator.user = t;
    lede_doc *doc = NULL;
    ck_assert_int_eq(lede_parse(text, len, &opts, &doc), LEDE_OK);
    return doc;
}

START_TEST(test_allocator_and_free)
{
    test_allocator t = {0, 0, 0, 0};
    lede_doc *doc = parse_with(&t, ARTICLE, sizeof ARTICLE - 1, 0);
    long baseline = t.live;
    char *json = NULL;
    ck_assert_int_eq(lede_doc_to_json(doc, LEDE_JSON_OFFSETS_UTF16, &json, NULL), LEDE_OK);
    ck_assert_uint_eq((uintptr_t)json % _Alignof(max_align_t), 0);
    ck_assert_int_eq(t.live, baseline + 1); /* the output; the offset table is gone */
    lede_doc_free(doc);
    ck_assert_int_eq(t.live, 1);
    /* The buffer outlives its document and goes back to the same allocator. */
    ck_assert_ptr_nonnull(strstr(json, "\"schema\":1"));
    long frees = t.frees;
    lede_free(json);
    ck_assert_int_eq(t.live, 0);
    ck_assert_int_eq(t.frees, frees + 1);
}
END_TEST

static void run_allocation_failures(const char *text, size_t len, uint32_t parse_flags,
                                    unsigned json_flags)
{
    test_allocator t = {0, 0, 0, 0};
    lede_doc *doc = parse_with(&t, text, len, parse_flags);
    long baseline = t.live;
    char *good = NULL;
    size_t good_len = 0;
    ck_assert_int_eq(lede_doc_to_json(doc, json_flags, &good, &good_len), LEDE_OK);
    long needed = t.calls;

    long n;
    for (n = 1;; n++) {
        ck_assert_int_lt(n, 10000);
        t.calls = 0;
        t.fail_at = n;
        char *json = (char *)1;
        size_t out_len = 7;
        lede_status st = lede_doc_to_json(doc, json_flags, &json, &out_len);
        if (st == LEDE_OK) {
            ck_assert_uint_eq(out_len, good_len);
            ck_assert(memcmp(json, good, good_len) == 0);
            lede_free(json);
            break;
        }
        ck_assert_int_eq(st, LEDE_ERR_NOMEM);
        ck_assert_ptr_null(json);
        ck_assert_uint_eq(out_len, 0);
        ck_assert_int_eq(t.live, baseline + 1); /* only `good` is alive */
        ck_assert_str_ne(lede_last_error_message(), "");
    }
    /* Every allocation of the successful run was failed once. */
    ck_assert_int_gt(n, 1);
    t.fail_at = 0;
    lede_free(good);
    ck_assert_int_eq(t.live, baseline);
    (void)needed;
    lede_doc_free(doc);
    ck_assert_int_eq(t.live, 0);
}

START_TEST(test_allocation_failures)
{
    /* Long enough for the output buffer to grow several times. */
    size_t piece = sizeof ARTICLE - 1;
    size_t copies = 40;
    char *text = malloc(piece * copies);
    for (size_t i = 0; i < copies; i++)
        memcpy(text + i * piece, ARTICLE, piece);
    static const unsigned flag_sets[] = {0, LEDE_JSON_PRETTY, LEDE_JSON_OFFSETS_CODEPOINTS,
                                         LEDE_JSON_OFFSETS_UTF16 | LEDE_JSON_PRETTY};
    for (size_t i = 0; i < sizeof flag_sets / sizeof *flag_sets; i++)
        run_allocation_failures(text, piece * copies, 0, flag_sets[i]);
    run_allocation_failures("Bad \xff text", 10, LEDE_OPT_LOSSY, LEDE_JSON_OFFSETS_UTF16);
    run_allocation_failures("", 0, 0, LEDE_JSON_OFFSETS_CODEPOINTS);
    free(text);
}
END_TEST

START_TEST(test_bad_span_stays_inside_text)
{
    /* A layer bug must not make the writer read past the text. */
    static const char text[] = "0123456789";
    lede_doc *doc = parse_text(text, 10, 0);
    force_span(&doc->document.title, 5, 1000);
    force_span(&doc->document.byline, 2000, 1000);
    for (enum unit unit = UNIT_BYTES; unit <= UNIT_UTF16; unit++) {
        jnode tree;
        char *json = render(doc, unit_flag(unit), NULL, &tree);
        const jnode *d = jget(&tree, "document");
        ck_assert_str_eq(jget(jget(d, "title"), "text")->str, "56789");
        ck_assert_uint_eq(jget(jget(d, "title"), "end")->uint, 10);
        ck_assert_str_eq(jget(jget(d, "byline"), "text")->str, "");
        jnode_free(&tree);
        lede_free(json);
    }
    lede_doc_free(doc);
}

/* Spans of the text are written sixteen bytes a step (put_text_string()):
 * every span of up to 40 bytes of a text with quotes, backslashes, control
 * bytes, UTF-8 and line separators at odd places, so that each comes first,
 * last, just inside or just past a step, and spans that end at the text's
 * end, which read into the padding after it. */
START_TEST(test_span_texts_every_length)
{
    static const char text[] = "A \"quoted\" word, a back\\slash\tand tab; caf\xc3\xa9 "
                               "\xe2\x80\xa8sep\xc2\x85 seventeen bytes! \x01 then plain text "
                               "that runs on past sixteen and thirty-two bytes\"";
    size_t len = sizeof text - 1;
    lede_doc *doc = parse_text(text, len, 0);
    doc->headings.count = 0;
    for (size_t begin = 0; begin <= len; begin += test_stride())
        for (size_t end = begin; end <= len && end <= begin + 40; end++)
            force_heading(doc, begin, end);
    check_document(doc);
    lede_doc_free(doc);
}
END_TEST

/* The text of a mention, a quote or a metric, and of a cue, a quote's
 * speaker mention and addressee, is written in the run of its element when
 * it is sixteen bytes or shorter and needs no escape (emit_short_text()):
 * every item of the article over windows of 0 to 20 bytes at shifting
 * places, through its quotes, its UTF-8 and the middle of its characters. */
START_TEST(test_item_texts_every_length)
{
    static const char extra[] = " \"Quoted\" back\\slash\ttab \x01 caf\xc3\xa9 \xe2\x80\xa8 end.\n";
    size_t len = sizeof ARTICLE - 1 + sizeof extra - 1;
    char *text = malloc(len + 1);
    ck_assert_ptr_nonnull(text);
    memcpy(text, ARTICLE, sizeof ARTICLE - 1);
    memcpy(text + sizeof ARTICLE - 1, extra, sizeof extra);
    lede_doc *doc = parse_text(text, len, 0);
    ck_assert_uint_gt(lede_doc_mention_count(doc), 0);
    ck_assert_uint_gt(lede_doc_quote_count(doc), 0);
    for (size_t shift = 0; shift < 48; shift += test_stride()) {
        size_t j = 0;
#define WINDOW(field)                                                                              \
    do {                                                                                           \
        size_t begin = (len - 24 + shift * 7 + j * 13) % (len - 20);                               \
        force_span(&(field), begin, begin + (shift + j) % 21);                                     \
        j++;                                                                                       \
    } while (0)
        for (size_t i = 0; i < lede_doc_mention_count(doc); i++)
            WINDOW(VEC_AT(doc->mentions, lede_mention, i).span);
        for (size_t i = 0; i < lede_doc_quote_count(doc); i++) {
            lede_quote *q = &VEC_AT(doc->quotes, lede_quote, i);
            WINDOW(q->span);
            WINDOW(q->cue);
            WINDOW(q->speaker_mention);
            WINDOW(q->addressee);
        }
        for (size_t i = 0; i < lede_doc_metric_count(doc); i++)
            WINDOW(VEC_AT(doc->metrics, lede_metric, i).span);
#undef WINDOW
        check_document(doc);
    }
    lede_doc_free(doc);
    free(text);
}
END_TEST

/* Strings the document owns (names, keys, units) are tested and copied
 * eight or sixteen bytes at once without reading past their end: every
 * piece of up to 40 bytes of a string with escapes and UTF-8, each in a
 * block of its own length (which the sanitizers check), as an author's
 * name. */
START_TEST(test_strings_every_length)
{
    static const char source[] =
        "Jane \"JD\" Doe, back\\slash\tand tab; caf\xc3\xa9 \xe2\x80\xa8sep"
        "\xc2\x85 seventeen bytes! \x01 then plain text that runs on\"";
    static const char text[] = "Body text.\n";
    size_t source_len = sizeof source - 1;
    lede_doc *doc = parse_text(text, sizeof text - 1, 0);
    doc->authors.count = 0;
    size_t pieces = 0;
    for (size_t begin = 0; begin <= source_len; begin++)
        for (size_t end = begin; end <= source_len && end <= begin + 40; end++) {
            lede_author *a = vec_push(&doc->arena, &doc->authors);
            ck_assert_ptr_nonnull(a);
            char *name = malloc(end - begin + 1); /* +1: malloc(0) may give NULL */
            ck_assert_ptr_nonnull(name);
            memcpy(name, source + begin, end - begin);
            a->span = span_make(0, 4);
            a->name = name;
            a->name_len = end - begin;
            pieces++;
        }
    size_t json_len;
    jnode tree;
    char *json = render(doc, 0, &json_len, &tree);
    const jnode *authors = jget(jget(&tree, "document"), "authors");
    ck_assert_uint_eq(authors->count, pieces);
    for (size_t i = 0; i < pieces; i++) {
        const lede_author *a = lede_doc_author_at(doc, i);
        size_t want_len;
        char *want = expected_text(a->name, a->name_len, &want_len);
        ck_assert_int_eq(authors->items[i].type, J_STRING);
        ck_assert_uint_eq(authors->items[i].len, want_len);
        ck_assert(memcmp(authors->items[i].str, want, want_len) == 0);
        free(want);
    }
    jnode_free(&tree);
    lede_free(json);
    for (size_t i = 0; i < pieces; i++)
        free((char *)lede_doc_author_at(doc, i)->name);
    lede_doc_free(doc);
}
END_TEST

/* Numbers below 10,000 come from a table of their digits: every offset from
 * 0 to past 10,000, as the begin and end of a one-byte heading. */
START_TEST(test_every_small_number)
{
    size_t len = 10050;
    char *text = malloc(len + 1);
    ck_assert_ptr_nonnull(text);
    for (size_t i = 0; i < len; i++)
        text[i] = (char)('a' + i % 26);
    text[len] = '\0';
    lede_doc *doc = parse_text(text, len, 0);
    doc->headings.count = 0;
    for (size_t i = 0; i < len; i++)
        force_heading(doc, i, i + 1);
    size_t json_len;
    jnode tree;
    char *json = render(doc, 0, &json_len, &tree);
    const jnode *headings = jget(jget(&tree, "document"), "headings");
    ck_assert_uint_eq(headings->count, len);
    for (size_t i = 0; i < len; i++) {
        ck_assert(jget(&headings->items[i], "begin")->uint == i);
        ck_assert(jget(&headings->items[i], "end")->uint == i + 1);
    }
    char expected[64];
    snprintf(expected, sizeof expected, "{\"begin\":9999,\"end\":10000,\"text\":\"%c\"}",
             'a' + 9999 % 26);
    ck_assert(contains(json, json_len, expected, strlen(expected)));
    jnode_free(&tree);
    lede_free(json);
    lede_doc_free(doc);
    free(text);
}
END_TEST

/* The metrics array: every member of the contract, in order, with null
 * where a field is absent. */
START_TEST(test_metrics_shape)
{
    static const char *const keys[] = {"id",     "kind",    "begin",    "end",      "text",
                                       "value",  "low",     "high",     "unit",     "currency",
                                       "approx", "change",  "date",     "date_end", "grain",
                                       "mod",    "subject", "sentence", "quote",    "speaker"};
    const char *text = "date 2025-03-26\n\nSales rose 5% to $3 billion last year, between "
                       "2% and 3% of GDP.\n";
    lede_doc *doc = parse_text(text, strlen(text), 0);
    jnode tree;
    char *json = render(doc, 0, NULL, &tree);
    const jnode *metrics = jget(&tree, "metrics");
    ck_assert_int_eq(metrics->type, J_ARRAY);
    ck_assert_uint_eq(metrics->count, lede_doc_metric_count(doc));
    ck_assert_uint_ge(metrics->count, 4);
    for (size_t i = 0; i < metrics->count; i++) {
        const jnode *m = &metrics->items[i];
        const lede_metric *c = lede_doc_metric_at(doc, i);
        ck_assert_uint_eq(m->count, sizeof keys / sizeof *keys);
        for (size_t k = 0; k < m->count; k++)
            ck_assert_str_eq(m->keys[k], keys[k]);
        ck_assert_uint_eq(jget(m, "id")->uint, i);
        ck_assert_str_eq(jget(m, "kind")->str, lede_metric_kind_name(c->kind));
        ck_assert_uint_eq(jget(m, "begin")->uint, c->span.begin);
        ck_assert_uint_eq(jget(m, "end")->uint, c->span.end);
        ck_assert_int_eq(jget(m, "value")->type,
                         (c->has & LEDE_METRIC_HAS_VALUE) ? J_NUMBER : J_NULL);
        ck_assert_int_eq(jget(m, "low")->type, (c->has & LEDE_METRIC_HAS_LOW) ? J_NUMBER : J_NULL);
        ck_assert_int_eq(jget(m, "quote")->type, J_NULL);
        ck_assert_int_eq(jget(m, "speaker")->type, J_NULL);
        ck_assert_uint_eq(jget(m, "sentence")->uint, c->sentence);
    }
    ck_assert_ptr_nonnull(strstr(json, "\"text\":\"5%\",\"value\":5,\"low\":null,\"high\":null,"
                                       "\"unit\":\"%\",\"currency\":null,\"approx\":\"exact\","
                                       "\"change\":\"up\""));
    ck_assert_ptr_nonnull(strstr(json, "\"text\":\"$3 billion\",\"value\":3000000000,"));
    ck_assert_ptr_nonnull(strstr(json, "\"text\":\"last year\""));
    ck_assert_ptr_nonnull(strstr(json, "\"date\":\"2024\",\"date_end\":null,\"grain\":\"year\""));
    ck_assert_ptr_nonnull(strstr(json, "\"value\":null,\"low\":2,\"high\":3,"));
    ck_assert_ptr_nonnull(strstr(json, "\"subject\":\"GDP\""));
    lede_free(json);
    jnode_free(&tree);
    lede_doc_free(doc);
}
END_TEST

END_TEST

/* The quotes array: every member of the contract, in order; cue, speaker and
 * addressee objects or null; a metric inside the quote points at it. */
START_TEST(test_quotes_shape)
{
    static const char *const keys[] = {
        "id",  "kind",    "begin",           "end",       "text",     "fragments",
        "cue", "speaker", "speaker_mention", "addressee", "sentence", "confidence"};
    const char *text =
        "Harbour Talks\n\n\xe2\x80\x9cWe will cut fees by 5%,\xe2\x80\x9d Ana "
        "Lopes told Reuters. \xe2\x80\x9cThe port needs ships.\xe2\x80\x9d\n\n"
        "\xe2\x80\x9cNobody else in the region can match that offer today.\xe2\x80\x9d\n";
    lede_doc *doc = parse_text(text, strlen(text), 0);
    jnode tree;
    char *json = render(doc, 0, NULL, &tree);
    const jnode *quotes = jget(&tree, "quotes");
    ck_assert_int_eq(quotes->type, J_ARRAY);
    ck_assert_uint_eq(quotes->count, lede_doc_quote_count(doc));
    ck_assert_uint_eq(quotes->count, 2);
    for (size_t i = 0; i < quotes->count; i++) {
        const jnode *q = &quotes->items[i];
        const lede_quote *c = lede_doc_quote_at(doc, i);
        ck_assert_uint_eq(q->count, sizeof keys / sizeof *keys);
        for (size_t k = 0; k < q->count; k++)
            ck_assert_str_eq(q->keys[k], keys[k]);
        ck_assert_uint_eq(jget(q, "id")->uint, i);
        ck_assert_str_eq(jget(q, "kind")->str, "direct");
        ck_assert_uint_eq(jget(q, "begin")->uint, c->span.begin);
        ck_assert_uint_eq(jget(q, "fragments")->count, c->fragment_count);
        ck_assert_uint_eq(jget(q, "speaker")->uint, c->speaker);
        ck_assert_uint_eq(jget(q, "sentence")->uint, c->sentence);
    }
    /* the first: two fragments, a cue, an addressee; the second floats */
    ck_assert_ptr_nonnull(strstr(json, "\"fragments\":[[18,41],[72,93]],\"cue\":{\"begin\":55,"
                                       "\"end\":59,\"text\":\"told\",\"lemma\":\"tell\"},"
                                       "\"speaker\":0,\"speaker_mention\":{\"begin\":45,\"end\":"
                                       "54,\"text\":\"Ana Lopes\"},\"addressee\":{\"begin\":60,"
                                       "\"end\":67,\"text\":\"Reuters\"},\"sentence\":1,"
                                       "\"confidence\":0.95}"));
    ck_assert_ptr_nonnull(strstr(json, "\"cue\":null,\"speaker\":0,"));
    ck_assert_ptr_nonnull(strstr(json, "\"confidence\":0.70}"));
    ck_assert_ptr_nonnull(strstr(json, "\"text\":\"5%\""));
    ck_assert_ptr_nonnull(strstr(json, "\"quote\":0,\"speaker\":0}"));
    ck_assert_ptr_nonnull(strstr(json, "\"quote_count\":2"));
    lede_free(json);
    jnode_free(&tree);
    lede_doc_free(doc);
}
END_TEST

static Suite *json_suite(void)
{
    Suite *s = suite_create("json");
    TCase *tc = tcase_create("json");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_article);
    tcase_add_test(tc, test_article_crlf_and_reference_date);
    tcase_add_test(tc, test_offsets_by_unit);
    tcase_add_test(tc, test_offsets_long_text);
    tcase_add_test(tc, test_escapes);
    tcase_add_test(tc, test_escapes_in_normalized_strings);
    tcase_add_test(tc, test_nul_bytes);
    tcase_add_test(tc, test_lossy_invalid_utf8);
    tcase_add_test(tc, test_pretty_and_compact);
    tcase_add_test(tc, test_empty_document_exact);
    tcase_add_test(tc, test_pretty_nested_exact);
    tcase_add_test(tc, test_large_numbers);
    tcase_add_test(tc, test_numbers_every_length);
    tcase_add_test(tc, test_bad_arguments);
    tcase_add_test(tc, test_bad_span_stays_inside_text);
    tcase_add_test(tc, test_span_texts_every_length);
    tcase_add_test(tc, test_strings_every_length);
    tcase_add_test(tc, test_item_texts_every_length);
    tcase_add_test(tc, test_every_small_number);
    tcase_add_test(tc, test_deterministic);
    tcase_add_test(tc, test_allocator_and_free);
    tcase_add_test(tc, test_allocation_failures);
    tcase_add_test(tc, test_metrics_shape);
    tcase_add_test(tc, test_quotes_shape);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *runner = srunner_create(json_suite());
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
