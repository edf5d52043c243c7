"""lede: English news text into documents, speakers, quotes and metrics.

A ctypes binding of liblede (standard library only)::

    import lede
    doc = lede.parse(open("article.txt", encoding="utf-8").read())
    for q in doc.quotes:
        who = doc.speaker_of(q)
        print(who.name if who else "?", "->", q.text)

liblede is found through the LEDE_LIBRARY environment variable (a path),
then next to this package, then by its soname (liblede.so.0). Importing
fails with ImportError when it cannot be loaded or its version does not fit.
See docs/python.md.
"""
from ._model import Document, Mention, Metric, Paragraph, Quote, Sentence, Span, Speaker
from ._parse import Error, library_path, library_version, parse, parse_many, to_json

__version__ = "0.1.0"

__all__ = [
    "Document",
    "Error",
    "Mention",
    "Metric",
    "Paragraph",
    "Quote",
    "Sentence",
    "Span",
    "Speaker",
    "library_path",
    "library_version",
    "parse",
    "parse_many",
    "to_json",
]
