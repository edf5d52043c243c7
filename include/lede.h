/**
 * @file lede.h
 * @brief lede: English news text in, documents, speakers, quotes and metrics out.
 *
 * This is the only public header of liblede. Everything declared here is
 * stable API; anything not declared here is private.
 *
 * @section conventions Conventions
 *
 * - Every name starts with `lede_` (macros with `LEDE_`).
 * - lede_parse() copies the input and returns an opaque ::lede_doc that owns
 *   every result. Results are read through count + index accessors
 *   (`lede_doc_sentence_count()` + `lede_doc_sentence_at()`) that return
 *   `const` pointers to plain structs. Such pointers, and every string they
 *   reach, are **borrowed**: valid until lede_doc_free() is called on the
 *   document, never to be freed or written by the caller.
 * - Public structs only ever grow at their end: a program compiled against an
 *   older header keeps reading the fields it knows. Never allocate or copy
 *   arrays of them yourself; always go through the `_at` accessors.
 * - Spans are `[begin, end)` **byte** offsets into the document's copy of the
 *   input (lede_doc_text()). A span that is absent has `begin == end ==
 *   LEDE_NONE`; test it with lede_span_is_none().
 * - Normalized strings (ISO dates, names, places) are NUL-terminated UTF-8 in
 *   NFC, owned by the document, with their byte length beside them. An absent
 *   string is `NULL` with length 0.
 * - Cross references are `size_t` indices, `LEDE_NONE` (`SIZE_MAX`) for none.
 * - Enumerations start at `..._UNKNOWN = 0`, only grow, and have a
 *   `lede_<enum>_name()` function that returns a stable lower-case name (the
 *   same name the JSON output uses). Enum-typed struct fields are stored as
 *   `int32_t` so their size never depends on the compiler.
 * - Functions that can fail return ::lede_status: #LEDE_OK (0) or a negative
 *   code. lede_strerror() names the code; lede_last_error_message() gives the
 *   detail of the calling thread's last failure.
 *
 * @section threads Thread safety
 *
 * The library has no mutable global state: lexicons are constant tables.
 * lede_parse() may run in any number of threads at once, and a finished
 * ::lede_doc may be read from many threads at once. Freeing a document while
 * another thread reads it is the caller's bug.
 */
#ifndef LEDE_H
#define LEDE_H

#include <stddef.h>
#include <stdint.h>

#include "lede_version.h"

#if defined(_WIN32) && !defined(LEDE_STATIC)
#if defined(LEDE_BUILDING)
#define LEDE_API __declspec(dllexport)
#else
#define LEDE_API __declspec(dllimport)
#endif
#elif defined(__GNUC__) || defined(__clang__)
#define LEDE_API __attribute__((visibility("default")))
#else
#define LEDE_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** "None" for an index or an offset: `SIZE_MAX`. */
#define LEDE_NONE SIZE_MAX

/** Status codes. 0 is success, every error is negative. Append-only. */
typedef enum lede_status {
    LEDE_OK = 0,                /**< success */
    LEDE_ERR_NOMEM = -1,        /**< the allocator returned NULL */
    LEDE_ERR_INVALID_ARG = -2,  /**< a NULL pointer, bad option or bad date */
    LEDE_ERR_INVALID_UTF8 = -3, /**< the input is not UTF-8 (the message names the byte offset) */
    LEDE_ERR_LIMIT = -4         /**< the input is larger than `lede_options.max_input_size` */
} lede_status;

/** A half-open range `[begin, end)` of byte offsets into lede_doc_text(). */
typedef struct lede_span {
    size_t begin; /**< first byte */
    size_t end;   /**< one past the last byte */
} lede_span;

/**
 * Memory functions used for every allocation the library makes while parsing
 * a document and until that document is freed. All three are called with
 * `user` as their last argument. `realloc_fn(NULL, n, user)` must behave as
 * `malloc_fn(n, user)`. Returning NULL makes the call in progress fail with
 * #LEDE_ERR_NOMEM; nothing is leaked.
 */
typedef struct lede_allocator {
    void *(*malloc_fn)(size_t size, void *user);
    void *(*realloc_fn)(void *ptr, size_t size, void *user);
    void (*free_fn)(void *ptr, void *user);
    void *user;
} lede_allocator;

/** Option flags for `lede_options.flags`. Bits are never reused. */
enum {
    /** Replace each invalid UTF-8 sequence with U+FFFD instead of failing with
     *  #LEDE_ERR_INVALID_UTF8. Spans still index the original bytes. */
    LEDE_OPT_LOSSY = 1u << 0,
    /** Skip the speaker layer (no speakers or mentions), for pipelines that
     *  need only the document structure. */
    LEDE_OPT_NO_SPEAKERS = 1u << 1,
    /** Skip the quote layer (no quotes; every speaker's `quote_count` is 0). */
    LEDE_OPT_NO_QUOTES = 1u << 2,
    /** Skip the metric layer (no metrics), for pipelines that need no
     *  numbers or dates. */
    LEDE_OPT_NO_METRICS = 1u << 3
};

/** Default for `lede_options.max_input_size`: 1 GiB. */
#define LEDE_DEFAULT_MAX_INPUT ((size_t)1 << 30)

/**
 * Parse options. The caller allocates this struct and fills it with
 * lede_options_init(), then changes the fields it needs. New fields are only
 * appended; `struct_size` tells the library how much of the struct the caller
 * knows about.
 */
typedef struct lede_options {
    size_t struct_size; /**< sizeof(lede_options) as the caller compiled it */
    uint32_t flags;     /**< LEDE_OPT_* bits; default 0 */
    /** Reference date, "YYYY-MM-DD", used as the document date when the text
     *  states none. Borrowed for the duration of lede_parse() only. NULL (the
     *  default) means no reference date. */
    const char *reference_date;
    /** Inputs longer than this many bytes fail with #LEDE_ERR_LIMIT. Default
     *  #LEDE_DEFAULT_MAX_INPUT. */
    size_t max_input_size;
    /** Memory functions; all-NULL (the default) means malloc/realloc/free.
     *  Copied by lede_parse(); either all three functions are set or none. */
    lede_allocator allocator;
} lede_options;

/** Opaque parsed document. Created by lede_parse(), freed by lede_doc_free(). */
typedef struct lede_doc lede_doc;

/**
 * Fill `opts` with the defaults.
 *
 * @param opts        caller-allocated options
 * @param struct_size `sizeof(lede_options)` as the caller knows it
 * @return #LEDE_OK, or #LEDE_ERR_INVALID_ARG when `opts` is NULL or
 *         `struct_size` is smaller than the first released layout.
 */
LEDE_API lede_status lede_options_init(lede_options *opts, size_t struct_size);

/**
 * Parse `len` bytes of UTF-8 news text.
 *
 * The text need not be NUL-terminated and may contain NUL bytes; it is
 * copied, so the caller's buffer may be released as soon as this returns.
 *
 * @param text UTF-8 bytes; may be NULL when `len` is 0
 * @param len  number of bytes
 * @param opts options, or NULL for the defaults; borrowed during the call
 * @param out  receives the new document, owned by the caller and freed with
 *             lede_doc_free(); set to NULL on failure
 * @return #LEDE_OK; #LEDE_ERR_INVALID_ARG (NULL `out`, NULL `text` with a
 *         non-zero `len`, bad options); #LEDE_ERR_INVALID_UTF8 (the detail
 *         message names the byte offset) unless #LEDE_OPT_LOSSY is set;
 *         #LEDE_ERR_LIMIT; #LEDE_ERR_NOMEM. On failure nothing is leaked.
 */
LEDE_API lede_status lede_parse(const char *text, size_t len, const lede_options *opts,
                                lede_doc **out);

/** Free a document and everything it owns. NULL is a no-op. */
LEDE_API void lede_doc_free(lede_doc *doc);

/** A static English description of `status`; never NULL. */
LEDE_API const char *lede_strerror(lede_status status);

/** A stable lower-case name for `status` ("ok", "nomem", "invalid_arg",
 *  "invalid_utf8", "limit", "unknown"), as used in JSON error lines. */
LEDE_API const char *lede_status_name(lede_status status);

/**
 * Detail of the last failure of a lede function in the calling thread, for
 * instance "invalid UTF-8 at byte 1234". Never NULL (empty when there was no
 * failure). Valid until the next lede call in this thread.
 */
LEDE_API const char *lede_last_error_message(void);

/** The library's version as `(major << 16) | (minor << 8) | patch`; compare
 *  with #LEDE_VERSION_NUMBER to detect a header/library mismatch. */
LEDE_API unsigned lede_version(void);

/** The library's version as a static string, "MAJOR.MINOR.PATCH". */
LEDE_API const char *lede_version_string(void);

/* ------------------------------------------------------------------ */
/* The document layer                                                  */
/* ------------------------------------------------------------------ */

/** Where the document date came from. Append-only. */
typedef enum lede_date_source {
    LEDE_DATE_SOURCE_UNKNOWN = 0,  /**< no date */
    LEDE_DATE_SOURCE_TEXT = 1,     /**< stated in the text (metadata, date or published line) */
    LEDE_DATE_SOURCE_REFERENCE = 2 /**< lede_options.reference_date */
} lede_date_source;

/** Kind of a paragraph. Append-only. */
typedef enum lede_paragraph_kind {
    LEDE_PARAGRAPH_UNKNOWN = 0,
    LEDE_PARAGRAPH_TITLE = 1,      /**< the headline */
    LEDE_PARAGRAPH_HEADING = 2,    /**< a section heading inside the body */
    LEDE_PARAGRAPH_BODY = 3,       /**< running text */
    LEDE_PARAGRAPH_META = 4,       /**< metadata: date, published/updated lines, "key: value" */
    LEDE_PARAGRAPH_BYLINE = 5,     /**< "By Jane Doe" */
    LEDE_PARAGRAPH_DATELINE = 6,   /**< a dateline on a line of its own */
    LEDE_PARAGRAPH_CAPTION = 7,    /**< a photo or video caption */
    LEDE_PARAGRAPH_BOILERPLATE = 8 /**< sign-offs, credits, promos, separators, live-blog stamps */
} lede_paragraph_kind;

/** Kind of a token. Append-only. */
typedef enum lede_token_kind {
    LEDE_TOKEN_UNKNOWN = 0,
    LEDE_TOKEN_WORD = 1,   /**< letters, with inner apostrophes, hyphens, periods ("U.S.") */
    LEDE_TOKEN_NUMBER = 2, /**< digits with separators and decimals ("1,000.5", "2025-03-26") */
    LEDE_TOKEN_PUNCT = 3,  /**< punctuation, quote marks and dashes */
    LEDE_TOKEN_SYMBOL = 4, /**< currency signs, %, °, &, math and other symbols */
    LEDE_TOKEN_URL = 5     /**< web addresses and e-mail addresses */
} lede_token_kind;

/** Token flags (lede_token.flags). Bits are never reused. */
enum {
    LEDE_TOKEN_CAPITALIZED = 1u << 0,   /**< first letter upper case */
    LEDE_TOKEN_ALL_CAPS = 1u << 1,      /**< two or more letters, all upper case */
    LEDE_TOKEN_SPACE_BEFORE = 1u << 2,  /**< white space (or the text start) precedes it */
    LEDE_TOKEN_NEWLINE_BEFORE = 1u << 3 /**< a line break lies between it and the previous token */
};

/** Document-level facts. Every string and span is borrowed from the doc. */
typedef struct lede_document {
    const char *date;           /**< "YYYY-MM-DD", or NULL */
    size_t date_len;            /**< 10, or 0 */
    int32_t date_source;        /**< ::lede_date_source */
    lede_span date_span;        /**< the text the date was read from; none for a reference date */
    lede_span title;            /**< the headline, without a trailing " | Site" */
    lede_span byline;           /**< the byline line ("By Jane Doe, Associated Press"), or none */
    lede_span dateline;         /**< the wire dateline ("WASHINGTON (AP) —"), or none */
    const char *dateline_place; /**< "WASHINGTON", "Evansville, Indiana, United States", or NULL */
    size_t dateline_place_len;
    const char *agency; /**< "AP", "Reuters", "AFP", ... or NULL */
    size_t agency_len;
} lede_document;

/** A paragraph: a block separated by blank lines, or a line in a list-like block. */
typedef struct lede_paragraph {
    lede_span span;        /**< from its first to its last non-space byte */
    int32_t kind;          /**< ::lede_paragraph_kind */
    size_t sentence_first; /**< index of its first sentence, LEDE_NONE when it has none */
    size_t sentence_count; /**< number of sentences (0 for meta, byline, boilerplate) */
} lede_paragraph;

/** A sentence of a title, heading, caption or body paragraph. */
typedef struct lede_sentence {
    lede_span span;     /**< trimmed: no leading or trailing white space */
    size_t paragraph;   /**< index of its paragraph */
    size_t token_first; /**< index of its first token */
    size_t token_count; /**< number of tokens */
} lede_sentence;

/** A section heading (also listed as a paragraph of kind heading). */
typedef struct lede_heading {
    lede_span span;
    size_t paragraph; /**< index of its paragraph */
} lede_heading;

/** An author named by the byline. */
typedef struct lede_author {
    lede_span span;   /**< the name in the text */
    const char *name; /**< the name, NFC, white space folded */
    size_t name_len;
} lede_author;

/** A token. Tokens cover every non-space character of the text, in order. */
typedef struct lede_token {
    lede_span span;
    int32_t kind;   /**< ::lede_token_kind */
    uint32_t flags; /**< LEDE_TOKEN_* bits */
    /** The token as later layers read it: NFC, HTML entities decoded, soft
     *  hyphens and zero-width characters removed, typographic apostrophes as
     *  "'". Points into the doc (often into lede_doc_text() itself), so it is
     *  NOT NUL-terminated: use `norm_len`. */
    const char *norm;
    size_t norm_len;
} lede_token;

/** Returns non-zero when `span` is absent (`begin == end == LEDE_NONE`). */
LEDE_API int lede_span_is_none(lede_span span);

/** The document's copy of the input bytes (after nothing but the copy: spans
 *  index these bytes). `*len` receives the length when `len` is not NULL.
 *  Borrowed; NUL-terminated for convenience. NULL when `doc` is NULL. */
LEDE_API const char *lede_doc_text(const lede_doc *doc, size_t *len);

/** Document-level facts (date, title, byline, dateline). Borrowed; NULL when
 *  `doc` is NULL. */
LEDE_API const lede_document *lede_doc_document(const lede_doc *doc);

/** Number of paragraphs, in text order. 0 when `doc` is NULL. */
LEDE_API size_t lede_doc_paragraph_count(const lede_doc *doc);
/** Paragraph `i`, borrowed; NULL when `i` is out of range. */
LEDE_API const lede_paragraph *lede_doc_paragraph_at(const lede_doc *doc, size_t i);

/** Number of sentences, in text order. */
LEDE_API size_t lede_doc_sentence_count(const lede_doc *doc);
/** Sentence `i`, borrowed; NULL when `i` is out of range. */
LEDE_API const lede_sentence *lede_doc_sentence_at(const lede_doc *doc, size_t i);

/** Number of section headings, in text order. */
LEDE_API size_t lede_doc_heading_count(const lede_doc *doc);
/** Heading `i`, borrowed; NULL when `i` is out of range. */
LEDE_API const lede_heading *lede_doc_heading_at(const lede_doc *doc, size_t i);

/** Number of authors named by the byline. */
LEDE_API size_t lede_doc_author_count(const lede_doc *doc);
/** Author `i`, borrowed; NULL when `i` is out of range. */
LEDE_API const lede_author *lede_doc_author_at(const lede_doc *doc, size_t i);

/** Number of tokens, in text order. */
LEDE_API size_t lede_doc_token_count(const lede_doc *doc);
/** Token `i`, borrowed; NULL when `i` is out of range. */
LEDE_API const lede_token *lede_doc_token_at(const lede_doc *doc, size_t i);

/** Stable lower-case name of a ::lede_paragraph_kind ("title", "body", ...);
 *  "unknown" for values it does not know. */
LEDE_API const char *lede_paragraph_kind_name(int32_t kind);
/** Stable name of a ::lede_date_source ("text", "reference"; "unknown"). */
LEDE_API const char *lede_date_source_name(int32_t source);
/** Stable name of a ::lede_token_kind ("word", "number", ...; "unknown"). */
LEDE_API const char *lede_token_kind_name(int32_t kind);

/* ------------------------------------------------------------------ */
/* The speaker layer                                                   */
/* ------------------------------------------------------------------ */

/** Kind of a speaker. Append-only. */
typedef enum lede_speaker_kind {
    LEDE_SPEAKER_UNKNOWN = 0,
    LEDE_SPEAKER_PERSON = 1,       /**< a named person */
    LEDE_SPEAKER_ORGANIZATION = 2, /**< a company, institution, agency or a place that acts */
    LEDE_SPEAKER_GROUP = 3         /**< "officials", "police", "analysts" */
} lede_speaker_kind;

/** Gender of a person as the text shows it. Append-only. */
typedef enum lede_gender {
    LEDE_GENDER_UNKNOWN = 0,
    LEDE_GENDER_FEMALE = 1,
    LEDE_GENDER_MALE = 2
} lede_gender;

/** Kind of a mention. Append-only. */
typedef enum lede_mention_kind {
    LEDE_MENTION_UNKNOWN = 0,
    LEDE_MENTION_NAME = 1,       /**< a full name, or the only name used ("Mark Rutte", "NATO") */
    LEDE_MENTION_SURNAME = 2,    /**< a later, shorter form of the name ("Rutte") */
    LEDE_MENTION_PRONOUN = 3,    /**< he, she, his, her, they ... */
    LEDE_MENTION_TITLE = 4,      /**< a title or role ("Secretary-General", "the president") */
    LEDE_MENTION_DESCRIPTION = 5 /**< a description ("officials", "the ministry") */
} lede_mention_kind;

/**
 * A speaker: a person, organization or group that the text names or that
 * speaks. Speakers are ordered by their first mention; a speaker's index is
 * its id. Strings are borrowed from the document; absent ones are NULL with
 * length 0.
 */
typedef struct lede_speaker {
    int32_t kind;     /**< ::lede_speaker_kind */
    int32_t gender;   /**< ::lede_gender */
    const char *name; /**< canonical name: the fullest form in the text, NFC */
    size_t name_len;
    /** The name case-folded with diacritics removed ("recep tayyip erdogan"),
     *  for joining the same speaker across articles. */
    const char *key;
    size_t key_len;
    const char *title; /**< "Secretary-General", "President", or NULL */
    size_t title_len;
    /** "NATO", "United States" (countries normalized: "US", "U.S.",
     *  "American" become "United States"), or NULL. */
    const char *affiliation;
    size_t affiliation_len;
    size_t mention_count; /**< number of mentions (lede_speaker_mention_at()) */
    size_t quote_count;   /**< quotes attributed to the speaker (filled by the quote layer) */
} lede_speaker;

/** A place in the text that refers to a speaker. */
typedef struct lede_mention {
    lede_span span;  /**< the words only: no honorific, title or possessive 's */
    int32_t kind;    /**< ::lede_mention_kind */
    size_t speaker;  /**< index of its speaker */
    size_t sentence; /**< index of its sentence, LEDE_NONE outside sentences */
} lede_mention;

/** Number of speakers. 0 when `doc` is NULL or parsed with
 *  #LEDE_OPT_NO_SPEAKERS. */
LEDE_API size_t lede_doc_speaker_count(const lede_doc *doc);
/** Speaker `i`, borrowed; NULL when `i` is out of range. */
LEDE_API const lede_speaker *lede_doc_speaker_at(const lede_doc *doc, size_t i);

/** Number of mentions of all speakers, in text order. */
LEDE_API size_t lede_doc_mention_count(const lede_doc *doc);
/** Mention `i` in text order, borrowed; NULL when `i` is out of range. */
LEDE_API const lede_mention *lede_doc_mention_at(const lede_doc *doc, size_t i);

/** Number of mentions of speaker `speaker` (its `mention_count`); 0 when out
 *  of range. */
LEDE_API size_t lede_speaker_mention_count(const lede_doc *doc, size_t speaker);
/** Mention `i` of speaker `speaker`, in text order, borrowed; NULL when
 *  either index is out of range. */
LEDE_API const lede_mention *lede_speaker_mention_at(const lede_doc *doc, size_t speaker, size_t i);

/** Stable name of a ::lede_speaker_kind ("person", "organization", "group";
 *  "unknown"). */
LEDE_API const char *lede_speaker_kind_name(int32_t kind);
/** Stable name of a ::lede_gender ("female", "male"; "unknown"). */
LEDE_API const char *lede_gender_name(int32_t gender);
/** Stable name of a ::lede_mention_kind ("name", "surname", "pronoun",
 *  "title", "description"; "unknown"). */
LEDE_API const char *lede_mention_kind_name(int32_t kind);

/* ------------------------------------------------------------------ */
/* The quote layer                                                     */
/* ------------------------------------------------------------------ */

/** Kind of a quote. Append-only. */
typedef enum lede_quote_kind {
    LEDE_QUOTE_UNKNOWN = 0,
    LEDE_QUOTE_DIRECT = 1,  /**< the content is all inside quote marks */
    LEDE_QUOTE_MIXED = 2,   /**< the content is partly inside quote marks */
    LEDE_QUOTE_INDIRECT = 3 /**< reported speech without marks: "X said (that) C" */
} lede_quote_kind;

/**
 * An attribution: what was said (the content), the cue that reports it and
 * who said it. Quotes are ordered by where their content begins; a quote's
 * index is its id.
 *
 * `span` runs from the first fragment to the last, an interposed cue ("…, he
 * said, …") included and the enclosing quote marks excluded; the fragments
 * are the content pieces themselves (lede_quote_fragment_at()). A quote that
 * goes on in the next paragraph (news convention: the first paragraph leaves
 * its mark open and the next one opens another) is one quote with a fragment
 * in each paragraph.
 *
 * `confidence` is on a fixed scale that callers may filter on:
 * - 0.95 a direct or mixed quote with a cue next to it and a named speaker;
 * - 0.90 the same with a pronoun or described speaker ("he said", "a doctor said");
 * - 0.80 a quote attributed by a dash ("— Jane Doe") or a colon lead-in;
 * - 0.75 indirect speech with a speech cue ("X said that C", "according to X");
 * - 0.70 a floating quote: no cue of its own, the speaker of the quote before;
 * - 0.60 indirect speech with a belief cue ("X believes C");
 * - 0.50 a mixed quote reported by a verb outside the cue lexicon ("X is
 *        labeling the plan “a blatant abuse of power”"); its cue is that verb
 *        and `cue_lemma` the verb as written;
 * - 0.40 a low-confidence cue ("the data show that C");
 * - 0.30 a quotation with no cue or speaker found.
 */
typedef struct lede_quote {
    int32_t kind;          /**< ::lede_quote_kind */
    lede_span span;        /**< first fragment to last */
    size_t fragment_count; /**< at least 1 */
    /** The cue: "said", "told", "according to", "said in a statement"'s
     *  verb; none for floating and dash-attributed quotes. */
    lede_span cue;
    const char *cue_lemma; /**< "say", "tell", "according to"; NULL with no cue */
    size_t cue_lemma_len;
    /** Index of the speaker (lede_doc_speaker_at()), LEDE_NONE when the words
     *  that name the speaker are no known speaker ("a homeless man") or none
     *  were found. */
    size_t speaker;
    /** The words that name the speaker here ("he", "Rutte", "a homeless
     *  man"); for a floating quote, the mention of the quote it follows.
     *  None when no speaker was found. */
    lede_span speaker_mention;
    lede_span addressee; /**< "Reuters" in "told Reuters", or none */
    size_t sentence;     /**< index of the sentence where the content begins */
    double confidence;   /**< 0..1, see above */
} lede_quote;

/** Number of quotes. 0 when `doc` is NULL or parsed with #LEDE_OPT_NO_QUOTES
 *  or #LEDE_OPT_NO_SPEAKERS (quotes are attributed to speakers). */
LEDE_API size_t lede_doc_quote_count(const lede_doc *doc);
/** Quote `i`, borrowed; NULL when `i` is out of range. */
LEDE_API const lede_quote *lede_doc_quote_at(const lede_doc *doc, size_t i);
/** Fragment `i` of quote `quote` (0 <= i < its `fragment_count`), in text
 *  order, borrowed; NULL when either index is out of range. */
LEDE_API const lede_span *lede_quote_fragment_at(const lede_doc *doc, size_t quote, size_t i);
/** Stable name of a ::lede_quote_kind ("direct", "mixed", "indirect";
 *  "unknown"). */
LEDE_API const char *lede_quote_kind_name(int32_t kind);

/* ------------------------------------------------------------------ */
/* The metric layer                                                    */
/* ------------------------------------------------------------------ */

/** Kind of a metric. Append-only. */
typedef enum lede_metric_kind {
    LEDE_METRIC_UNKNOWN = 0,
    LEDE_METRIC_PERCENT = 1, /**< "5%", "five per cent" (unit "%") */
    LEDE_METRIC_PERCENTAGE_POINTS =
        2, /**< "two percentage points" (unit "pp"), "50 basis points" (unit "bp") */
    LEDE_METRIC_MONEY = 3,    /**< "$1.2 billion", "Rs 5 crore" (with a currency) */
    LEDE_METRIC_COUNT = 4,    /**< "300,000 troops" (unit: what is counted) */
    LEDE_METRIC_QUANTITY = 5, /**< "10 1/2 miles", "40C" (with a unit) */
    LEDE_METRIC_NUMBER = 6,   /**< a number on its own ("a dozen", "1,000") */
    LEDE_METRIC_ORDINAL = 7,  /**< "third", "21st" */
    LEDE_METRIC_DATE = 8,     /**< a day, month, quarter, year or decade, resolved */
    LEDE_METRIC_DURATION = 9  /**< "two weeks", "a decade" (value and time unit) */
} lede_metric_kind;

/** How a metric's value is qualified. Append-only. */
typedef enum lede_approx {
    LEDE_APPROX_UNKNOWN = 0,
    LEDE_APPROX_EXACT = 1,     /**< stated as is */
    LEDE_APPROX_ABOUT = 2,     /**< about, around, roughly, nearly, almost */
    LEDE_APPROX_MORE_THAN = 3, /**< more than, over, above, exceeding */
    LEDE_APPROX_AT_LEAST = 4,  /**< at least, no less than */
    LEDE_APPROX_LESS_THAN = 5, /**< less than, under, below, fewer than */
    LEDE_APPROX_AT_MOST = 6,   /**< no more than, at most */
    LEDE_APPROX_UP_TO = 7      /**< up to, as many as */
} lede_approx;

/** Direction of a change the text states. Append-only. */
typedef enum lede_change {
    LEDE_CHANGE_UNKNOWN = 0, /**< none stated */
    LEDE_CHANGE_UP = 1,      /**< rose, grew, increased, jumped ... */
    LEDE_CHANGE_DOWN = 2     /**< fell, cut, dropped, declined ... */
} lede_change;

/** Grain of a date: how much time it covers. Append-only. */
typedef enum lede_grain {
    LEDE_GRAIN_UNKNOWN = 0, /**< not a date */
    LEDE_GRAIN_DAY = 1,
    LEDE_GRAIN_WEEK = 2, /**< date: its Monday, date_end: its Sunday */
    LEDE_GRAIN_MONTH = 3,
    LEDE_GRAIN_QUARTER = 4,
    LEDE_GRAIN_YEAR = 5,
    LEDE_GRAIN_DECADE = 6
} lede_grain;

/** Part of a period that a date names ("mid-2025", "early next year"). Append-only. */
typedef enum lede_mod {
    LEDE_MOD_UNKNOWN = 0, /**< none */
    LEDE_MOD_EARLY = 1,
    LEDE_MOD_MID = 2,
    LEDE_MOD_LATE = 3,
    LEDE_MOD_START = 4, /**< "the start of", "the beginning of" */
    LEDE_MOD_END = 5    /**< "the end of" */
} lede_mod;

/** Bits of lede_metric.has: which of the numeric fields hold a value. A
 *  field whose bit is clear is 0 and means "absent" (JSON null). */
enum {
    LEDE_METRIC_HAS_VALUE = 1u << 0, /**< `value` is set */
    LEDE_METRIC_HAS_LOW = 1u << 1,   /**< `low` is set */
    LEDE_METRIC_HAS_HIGH = 1u << 2   /**< `high` is set */
};

/**
 * A number the text states: a percentage, an amount of money, a count, a
 * quantity with a unit, a range, an ordinal, a date or a duration. Metrics
 * are ordered by `span.begin`; a metric's index is its id. Metrics come from
 * sentences only, never from metadata lines. Strings are borrowed from the
 * document, NUL-terminated, with their length beside them; absent ones are
 * NULL with length 0.
 */
typedef struct lede_metric {
    lede_span span; /**< the words of the metric, qualifiers included ("more than $30") */
    int32_t kind;   /**< ::lede_metric_kind */
    int32_t approx; /**< ::lede_approx */
    /** The value as stated with the scale applied ("5%" 5, "$1.2bn" 1.2e9,
     *  "10 1/2 miles" 10.5). For a range, its midpoint is not given: `value`
     *  is absent and `low`/`high` hold the ends. */
    double value;
    /** Lower bound: the start of a range, or a one-sided bound ("more than
     *  30": value 30, low 30). */
    double low;
    /** Upper bound: the end of a range, or a one-sided bound ("up to 30":
     *  value 30, high 30). */
    double high;
    uint32_t has;     /**< LEDE_METRIC_HAS_* bits for value, low and high */
    int32_t change;   /**< ::lede_change */
    const char *unit; /**< "%", "bp", "mile", "°F", "week", "troops", ... or NULL */
    size_t unit_len;
    const char *currency; /**< ISO 4217 code ("USD", "EUR") or NULL */
    size_t currency_len;
    /** Resolved start of a date: "YYYY", "YYYY-MM" or "YYYY-MM-DD", the
     *  precision following the grain; NULL when the metric is no date or the
     *  document has no date to resolve a relative one against. */
    const char *date;
    size_t date_len;
    const char *date_end; /**< end of a period ("the 1990s": "1999"), or NULL */
    size_t date_end_len;
    int32_t grain;       /**< ::lede_grain */
    int32_t mod;         /**< ::lede_mod */
    const char *subject; /**< what is measured ("GDP", "defense spending"), or NULL */
    size_t subject_len;
    size_t sentence; /**< index of its sentence */
    size_t quote;    /**< index of the quote it sits in, or LEDE_NONE */
    size_t speaker;  /**< index of the speaker it is attributed to, or LEDE_NONE */
} lede_metric;

/** Number of metrics, in text order. 0 when `doc` is NULL or parsed with
 *  #LEDE_OPT_NO_METRICS. */
LEDE_API size_t lede_doc_metric_count(const lede_doc *doc);
/** Metric `i`, borrowed (valid until lede_doc_free()); NULL when `doc` is
 *  NULL or `i` is out of range. */
LEDE_API const lede_metric *lede_doc_metric_at(const lede_doc *doc, size_t i);

/** Stable name of a ::lede_metric_kind ("percent", "percentage_points",
 *  "money", "count", "quantity", "number", "ordinal", "date", "duration";
 *  "unknown"). */
LEDE_API const char *lede_metric_kind_name(int32_t kind);
/** Stable name of a ::lede_approx ("exact", "about", "more_than",
 *  "at_least", "less_than", "at_most", "up_to"; "unknown"). */
LEDE_API const char *lede_approx_name(int32_t approx);
/** Stable name of a ::lede_change ("up", "down"; "unknown" for none). */
LEDE_API const char *lede_change_name(int32_t change);
/** Stable name of a ::lede_grain ("day", "week", "month", "quarter",
 *  "year", "decade"; "unknown"). */
LEDE_API const char *lede_grain_name(int32_t grain);
/** Stable name of a ::lede_mod ("early", "mid", "late", "start", "end";
 *  "unknown" for none). */
LEDE_API const char *lede_mod_name(int32_t mod);

/* ------------------------------------------------------------------ */
/* JSON                                                                */
/* ------------------------------------------------------------------ */

/** Flags for lede_doc_to_json(). The offset unit is one of the first three. */
enum {
    LEDE_JSON_OFFSETS_BYTES = 0,            /**< UTF-8 byte offsets (default) */
    LEDE_JSON_OFFSETS_CODEPOINTS = 1u << 0, /**< Unicode code point offsets (Python) */
    LEDE_JSON_OFFSETS_UTF16 = 1u << 1,      /**< UTF-16 code unit offsets (JavaScript, Java) */
    LEDE_JSON_PRETTY = 1u << 2              /**< indent with two spaces and end with a newline */
};

/**
 * Render the whole document as JSON (schema 1 of the JSON contract, described
 * in docs/json.md): one object with "schema", "lede", "document", "speakers",
 * "quotes" and "metrics". Compact (one line, no trailing newline) unless
 * #LEDE_JSON_PRETTY is set. Offsets are in the unit the flags select; in a
 * document parsed with #LEDE_OPT_LOSSY each invalid byte counts as one code
 * point or UTF-16 unit (it is written as U+FFFD).
 *
 * @param doc   the document
 * @param flags LEDE_JSON_* bits
 * @param out   receives a NUL-terminated UTF-8 string owned by the caller,
 *              to be freed with lede_free(); NULL on failure
 * @param len   receives its length in bytes (may be NULL); 0 on failure
 * @return #LEDE_OK; #LEDE_ERR_INVALID_ARG (NULL `doc` or `out`, two offset
 *         units at once, a flag bit this version does not know) or
 *         #LEDE_ERR_NOMEM.
 */
LEDE_API lede_status lede_doc_to_json(const lede_doc *doc, unsigned flags, char **out, size_t *len);

/** Free a buffer returned by the library (lede_doc_to_json()). The buffer
 *  remembers the allocator of the document it came from and is released with
 *  that allocator's `free_fn`, so it may outlive the document (the allocator
 *  itself must still be usable). NULL is a no-op. */
LEDE_API void lede_free(void *ptr);

#ifdef __cplusplus
}
#endif

#endif /* LEDE_H */
