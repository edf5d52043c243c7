"""The C side of the binding: finding liblede, the struct layouts of lede.h
and the signature of every function the binding calls.

Nothing here is public. The structs mirror include/lede.h field for field and
in order; tests/test_abi_layout.c holds the released offsets they must match
(the Python tests check them with ctypes). Structs only ever grow at their
end, so a newer library with more fields still reads correctly through these.
"""
import ctypes
import ctypes.util
import os
import sys

# The library version range this binding is written for: the same major
# version (the soname's ABI), at least this release.
REQUIRED_MAJOR = 0
REQUIRED_MINIMUM = (0, 1, 0)

SONAME = "liblede.so.0"
NONE = ctypes.c_size_t(-1).value  # LEDE_NONE, SIZE_MAX

OPT_LOSSY = 1 << 0
METRIC_HAS_VALUE = 1 << 0
METRIC_HAS_LOW = 1 << 1
METRIC_HAS_HIGH = 1 << 2
JSON_OFFSETS = {"bytes": 0, "codepoints": 1 << 0, "utf16": 1 << 1}
JSON_PRETTY = 1 << 2

size_t = ctypes.c_size_t
int32 = ctypes.c_int32
uint32 = ctypes.c_uint32
char_p = ctypes.c_void_p  # borrowed strings are read with ctypes.string_at


class Span(ctypes.Structure):
    _fields_ = [("begin", size_t), ("end", size_t)]


class Allocator(ctypes.Structure):
    # The three function pointers stay NULL: the library's malloc/free.
    _fields_ = [
        ("malloc_fn", ctypes.c_void_p),
        ("realloc_fn", ctypes.c_void_p),
        ("free_fn", ctypes.c_void_p),
        ("user", ctypes.c_void_p),
    ]


class Options(ctypes.Structure):
    _fields_ = [
        ("struct_size", size_t),
        ("flags", uint32),
        ("reference_date", ctypes.c_char_p),
        ("max_input_size", size_t),
        ("allocator", Allocator),
    ]


class DocumentInfo(ctypes.Structure):
    _fields_ = [
        ("date", char_p),
        ("date_len", size_t),
        ("date_source", int32),
        ("date_span", Span),
        ("title", Span),
        ("byline", Span),
        ("dateline", Span),
        ("dateline_place", char_p),
        ("dateline_place_len", size_t),
        ("agency", char_p),
        ("agency_len", size_t),
    ]


class Paragraph(ctypes.Structure):
    _fields_ = [
        ("span", Span),
        ("kind", int32),
        ("sentence_first", size_t),
        ("sentence_count", size_t),
    ]


class Sentence(ctypes.Structure):
    _fields_ = [
        ("span", Span),
        ("paragraph", size_t),
        ("token_first", size_t),
        ("token_count", size_t),
    ]


class Heading(ctypes.Structure):
    _fields_ = [("span", Span), ("paragraph", size_t)]


class Author(ctypes.Structure):
    _fields_ = [("span", Span), ("name", char_p), ("name_len", size_t)]


class Speaker(ctypes.Structure):
    _fields_ = [
        ("kind", int32),
        ("gender", int32),
        ("name", char_p),
        ("name_len", size_t),
        ("key", char_p),
        ("key_len", size_t),
        ("title", char_p),
        ("title_len", size_t),
        ("affiliation", char_p),
        ("affiliation_len", size_t),
        ("mention_count", size_t),
        ("quote_count", size_t),
    ]


class Mention(ctypes.Structure):
    _fields_ = [
        ("span", Span),
        ("kind", int32),
        ("speaker", size_t),
        ("sentence", size_t),
    ]


class Quote(ctypes.Structure):
    _fields_ = [
        ("kind", int32),
        ("span", Span),
        ("fragment_count", size_t),
        ("cue", Span),
        ("cue_lemma", char_p),
        ("cue_lemma_len", size_t),
        ("speaker", size_t),
        ("speaker_mention", Span),
        ("addressee", Span),
        ("sentence", size_t),
        ("confidence", ctypes.c_double),
    ]


class Metric(ctypes.Structure):
    _fields_ = [
        ("span", Span),
        ("kind", int32),
        ("approx", int32),
        ("value", ctypes.c_double),
        ("low", ctypes.c_double),
        ("high", ctypes.c_double),
        ("has", uint32),
        ("change", int32),
        ("unit", char_p),
        ("unit_len", size_t),
        ("currency", char_p),
        ("currency_len", size_t),
        ("date", char_p),
        ("date_len", size_t),
        ("date_end", char_p),
        ("date_end_len", size_t),
        ("grain", int32),
        ("mod", int32),
        ("subject", char_p),
        ("subject_len", size_t),
        ("sentence", size_t),
        ("quote", size_t),
        ("speaker", size_t),
    ]


doc_p = ctypes.c_void_p  # an opaque lede_doc *

# name: (restype, argtypes) for every function the binding calls.
_SIGNATURES = {
    "lede_version": (ctypes.c_uint, []),
    "lede_version_string": (ctypes.c_char_p, []),
    "lede_options_init": (ctypes.c_int, [ctypes.POINTER(Options), size_t]),
    "lede_parse": (
        ctypes.c_int,
        [ctypes.c_char_p, size_t, ctypes.POINTER(Options), ctypes.POINTER(doc_p)],
    ),
    "lede_doc_free": (None, [doc_p]),
    "lede_free": (None, [ctypes.c_void_p]),
    "lede_strerror": (ctypes.c_char_p, [ctypes.c_int]),
    "lede_status_name": (ctypes.c_char_p, [ctypes.c_int]),
    "lede_last_error_message": (ctypes.c_char_p, []),
    "lede_doc_text": (ctypes.c_void_p, [doc_p, ctypes.POINTER(size_t)]),
    "lede_doc_document": (ctypes.POINTER(DocumentInfo), [doc_p]),
    "lede_doc_to_json": (
        ctypes.c_int,
        [doc_p, ctypes.c_uint, ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(size_t)],
    ),
    "lede_quote_fragment_at": (ctypes.POINTER(Span), [doc_p, size_t, size_t]),
    "lede_speaker_mention_count": (size_t, [doc_p, size_t]),
    "lede_speaker_mention_at": (ctypes.POINTER(Mention), [doc_p, size_t, size_t]),
}

# Count + `_at` accessor pairs: lede_doc_<name>_count / lede_doc_<name>_at.
_ACCESSORS = {
    "paragraph": Paragraph,
    "sentence": Sentence,
    "heading": Heading,
    "author": Author,
    "speaker": Speaker,
    "quote": Quote,
    "metric": Metric,
}
for _name, _struct in _ACCESSORS.items():
    _SIGNATURES["lede_doc_%s_count" % _name] = (size_t, [doc_p])
    _SIGNATURES["lede_doc_%s_at" % _name] = (ctypes.POINTER(_struct), [doc_p, size_t])

# Stable names of the enums: lede_<enum>_name(int32_t) -> const char *.
ENUMS = (
    "paragraph_kind",
    "date_source",
    "speaker_kind",
    "gender",
    "mention_kind",
    "quote_kind",
    "metric_kind",
    "approx",
    "change",
    "grain",
    "mod",
)
for _name in ENUMS:
    _SIGNATURES["lede_%s_name" % _name] = (ctypes.c_char_p, [int32])


def _candidates():
    """Where to look for liblede, in order."""
    explicit = os.environ.get("LEDE_LIBRARY")
    if explicit:
        return [explicit]
    here = os.path.dirname(os.path.abspath(__file__))
    names = [SONAME, "liblede.so", "liblede.0.dylib", "liblede.dylib", "lede.dll"]
    found = [os.path.join(here, n) for n in names if os.path.exists(os.path.join(here, n))]
    found.append(SONAME if sys.platform.startswith("linux") else None)
    found.append(ctypes.util.find_library("lede"))
    return [c for c in found if c]


def load():
    """Load liblede, declare its functions and check its version."""
    errors = []
    for candidate in _candidates():
        try:
            lib = ctypes.CDLL(candidate)
            break
        except OSError as e:
            errors.append("%s: %s" % (candidate, e))
    else:
        raise ImportError(
            "lede: cannot load liblede (set LEDE_LIBRARY to the path of liblede.so.0, "
            "or install the library): " + "; ".join(errors or ["not found"])
        )
    for name, (restype, argtypes) in _SIGNATURES.items():
        function = getattr(lib, name)
        function.restype = restype
        function.argtypes = argtypes
    number = lib.lede_version()
    version = (number >> 16, (number >> 8) & 0xFF, number & 0xFF)
    if version[0] != REQUIRED_MAJOR or version < REQUIRED_MINIMUM:
        raise ImportError(
            "lede: %s is version %d.%d.%d; this binding needs %d.x, at least %d.%d.%d"
            % ((lib._name,) + version + (REQUIRED_MAJOR,) + REQUIRED_MINIMUM)
        )
    return lib, version
