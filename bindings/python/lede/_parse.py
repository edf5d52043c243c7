"""Parsing: call the library, copy every result into the dataclasses of
_model, free the document. No Python object keeps a pointer into it."""
import bisect
import concurrent.futures
import ctypes
import datetime
import os
import re

from . import _model, _native

lib, LIBRARY_VERSION = _native.load()
NONE = _native.NONE


class Error(Exception):
    """A failure reported by liblede.

    `status` is the negative lede_status, `code` its stable name
    ("invalid_utf8", "invalid_arg", "limit", "nomem"), `message` the library's
    detail ("invalid UTF-8 at byte 24") and `offset` the byte offset it names,
    or None.
    """

    def __init__(self, status, code, message):
        super().__init__("%s: %s" % (code, message))
        self.status = status
        self.code = code
        self.message = message
        found = re.search(r"\bbyte (\d+)", message)
        self.offset = int(found.group(1)) if found else None


def _error(status):
    message = lib.lede_last_error_message().decode("utf-8", "replace")
    if not message:
        message = lib.lede_strerror(status).decode("utf-8", "replace")
    return Error(status, lib.lede_status_name(status).decode("ascii"), message)


_enum_names = {name: {} for name in _native.ENUMS}


def _enum(enum, value, unknown_is_none=False):
    """The stable name of an enum value, from lede_<enum>_name()."""
    names = _enum_names[enum]
    name = names.get(value)
    if name is None:
        name = getattr(lib, "lede_%s_name" % enum)(value).decode("ascii")
        names[value] = name
    return None if unknown_is_none and name == "unknown" else name


def _string(pointer, length):
    """A copy of a normalized string of the document, None when absent."""
    if not pointer:
        return None
    return ctypes.string_at(pointer, length).decode("utf-8", "replace")


def _index(value):
    return None if value == NONE else value


def _number(metric, bit, value):
    return value if metric.has & bit else None


class _Text:
    """The document's bytes as a Python string, and byte offsets turned into
    indices of that string.

    Invalid bytes (a lossy parse) become one U+FFFD each, as the library's JSON
    writes them, so every invalid byte counts as one character there too.
    """

    def __init__(self, raw):
        self.raw = raw
        self.invalid = False
        if raw.isascii():
            self.text = raw.decode("ascii")
            self.continuations = None
            return
        pieces, invalid = [], set()
        view, position = memoryview(raw), 0
        while True:
            try:
                pieces.append(str(view[position:], "utf-8"))
                break
            except UnicodeDecodeError as e:
                pieces.append(str(view[position : position + e.start], "utf-8"))
                invalid.update(range(position + e.start, position + e.end))
                pieces.append("\ufffd" * (e.end - e.start))
                position += e.end
        self.text = "".join(pieces)
        self.invalid = bool(invalid)
        # Bytes 0x80-0xBF of valid sequences add no character of their own.
        self.continuations = [
            m.start() for m in re.finditer(rb"[\x80-\xbf]", raw) if m.start() not in invalid
        ]

    def index(self, byte_offset):
        if self.continuations is None:
            return byte_offset
        return byte_offset - bisect.bisect_left(self.continuations, byte_offset)

    def span(self, span):
        """A _model.Span for a lede_span, None when the span is absent."""
        if span.begin == NONE:
            return None
        start, end = self.index(span.begin), self.index(span.end)
        return _model.Span(start, end, span.begin, span.end, self.text[start:end])

    def fields(self, span):
        """start, end, byte_start, byte_end, text of a span that is present."""
        start, end = self.index(span.begin), self.index(span.end)
        return (start, end, span.begin, span.end, self.text[start:end])


def _items(doc, name):
    """The structs of a count + `_at` accessor pair, in order."""
    count = getattr(lib, "lede_doc_%s_count" % name)(doc)
    at = getattr(lib, "lede_doc_%s_at" % name)
    return [at(doc, i).contents for i in range(count)]


def _read_speakers(doc, text):
    speakers = []
    for i, s in enumerate(_items(doc, "speaker")):
        mentions = []
        for j in range(lib.lede_speaker_mention_count(doc, i)):
            m = lib.lede_speaker_mention_at(doc, i, j).contents
            mentions.append(
                _model.Mention(
                    *text.fields(m.span),
                    kind=_enum("mention_kind", m.kind),
                    speaker=m.speaker,
                    sentence=_index(m.sentence),
                )
            )
        speakers.append(
            _model.Speaker(
                id=i,
                kind=_enum("speaker_kind", s.kind),
                name=_string(s.name, s.name_len) or "",
                key=_string(s.key, s.key_len) or "",
                title=_string(s.title, s.title_len),
                affiliation=_string(s.affiliation, s.affiliation_len),
                gender=_enum("gender", s.gender, unknown_is_none=True),
                mentions=mentions,
                quote_count=s.quote_count,
            )
        )
    return speakers


def _read_quotes(doc, text):
    quotes = []
    for i, q in enumerate(_items(doc, "quote")):
        fragments = [
            text.span(lib.lede_quote_fragment_at(doc, i, j).contents)
            for j in range(q.fragment_count)
        ]
        quotes.append(
            _model.Quote(
                i,
                _enum("quote_kind", q.kind),
                *text.fields(q.span),
                fragments=fragments,
                cue=text.span(q.cue),
                cue_lemma=_string(q.cue_lemma, q.cue_lemma_len),
                speaker=_index(q.speaker),
                speaker_mention=text.span(q.speaker_mention),
                addressee=text.span(q.addressee),
                sentence=q.sentence,
                confidence=q.confidence,
            )
        )
    return quotes


def _read_metrics(doc, text):
    metrics = []
    for i, m in enumerate(_items(doc, "metric")):
        metrics.append(
            _model.Metric(
                i,
                _enum("metric_kind", m.kind),
                *text.fields(m.span),
                value=_number(m, _native.METRIC_HAS_VALUE, m.value),
                low=_number(m, _native.METRIC_HAS_LOW, m.low),
                high=_number(m, _native.METRIC_HAS_HIGH, m.high),
                unit=_string(m.unit, m.unit_len),
                currency=_string(m.currency, m.currency_len),
                approx=_enum("approx", m.approx),
                change=_enum("change", m.change, unknown_is_none=True),
                date=_string(m.date, m.date_len),
                date_end=_string(m.date_end, m.date_end_len),
                grain=_enum("grain", m.grain, unknown_is_none=True),
                mod=_enum("mod", m.mod, unknown_is_none=True),
                subject=_string(m.subject, m.subject_len),
                sentence=m.sentence,
                quote=_index(m.quote),
                speaker=_index(m.speaker),
            )
        )
    return metrics


def _read(doc, source, date, lossy):
    """Copy the whole document out of C memory."""
    length = ctypes.c_size_t()
    pointer = lib.lede_doc_text(doc, ctypes.byref(length))
    text = _Text(ctypes.string_at(pointer, length.value))
    info = lib.lede_doc_document(doc).contents
    return _model.Document(
        text=text.text,
        date=_string(info.date, info.date_len),
        date_source=_enum("date_source", info.date_source, unknown_is_none=True),
        date_span=text.span(info.date_span),
        title=text.span(info.title),
        byline=text.span(info.byline),
        authors=[_string(a.name, a.name_len) for a in _items(doc, "author")],
        dateline=text.span(info.dateline),
        dateline_place=_string(info.dateline_place, info.dateline_place_len),
        agency=_string(info.agency, info.agency_len),
        headings=[text.span(h.span) for h in _items(doc, "heading")],
        paragraphs=[
            _model.Paragraph(
                *text.fields(p.span),
                kind=_enum("paragraph_kind", p.kind),
                sentence_first=_index(p.sentence_first),
                sentence_count=p.sentence_count,
            )
            for p in _items(doc, "paragraph")
        ],
        sentences=[
            _model.Sentence(*text.fields(s.span), paragraph=s.paragraph)
            for s in _items(doc, "sentence")
        ],
        speakers=_read_speakers(doc, text),
        quotes=_read_quotes(doc, text),
        metrics=_read_metrics(doc, text),
        _source=source,
        _date=date,
        _lossy=lossy,
    )


def _source_bytes(text):
    if isinstance(text, str):
        # A lone surrogate stays an invalid sequence for the library to report
        # (or replace, when lossy) instead of failing here.
        return text.encode("utf-8", "surrogatepass")
    return bytes(text)


def _date_string(date):
    if date is None:
        return None
    if isinstance(date, datetime.date):
        return date.isoformat()[:10]
    return str(date)


def _parse_doc(source, date, lossy):
    """lede_parse() into a new lede_doc (a ctypes.c_void_p) or Error."""
    options = _native.Options()
    lib.lede_options_init(ctypes.byref(options), ctypes.sizeof(options))
    if lossy:
        options.flags |= _native.OPT_LOSSY
    if date is not None:
        options.reference_date = date.encode("utf-8")
    doc = _native.doc_p()
    status = lib.lede_parse(source, len(source), ctypes.byref(options), ctypes.byref(doc))
    if status != 0:
        raise _error(status)
    return doc


def parse(text, date=None, lossy=False):
    """Parse a news article into a Document.

    `text` is a str or UTF-8 bytes. `date` (a "YYYY-MM-DD" string or a
    datetime.date) is the reference date used when the text states none.
    With `lossy`, invalid UTF-8 is replaced with U+FFFD instead of raising.
    Raises lede.Error when the library fails (invalid UTF-8, a bad date, an
    input over the size limit, no memory).
    """
    source, date = _source_bytes(text), _date_string(date)
    doc = _parse_doc(source, date, lossy)
    try:
        return _read(doc, source, date, lossy)
    finally:
        lib.lede_doc_free(doc)


def to_json(text, date=None, lossy=False, offsets="bytes", pretty=False):
    """Parse `text` and return the library's JSON for it as a str, without
    building a Document: the fast path when JSON is all that is needed.

    `offsets` is "bytes" (the default, like the `lede` command), "codepoints"
    (Python str indices) or "utf16".
    """
    if offsets not in _native.JSON_OFFSETS:
        raise ValueError("offsets must be one of %s" % ", ".join(_native.JSON_OFFSETS))
    flags = _native.JSON_OFFSETS[offsets] | (_native.JSON_PRETTY if pretty else 0)
    source = _source_bytes(text)
    doc = _parse_doc(source, _date_string(date), lossy)
    try:
        out, length = ctypes.c_void_p(), ctypes.c_size_t()
        status = lib.lede_doc_to_json(doc, flags, ctypes.byref(out), ctypes.byref(length))
        if status != 0:
            raise _error(status)
        try:
            return ctypes.string_at(out, length.value).decode("utf-8")
        finally:
            lib.lede_free(out)
    finally:
        lib.lede_doc_free(doc)


def parse_many(texts, jobs=None, date=None, lossy=False, return_errors=False):
    """Parse many articles on `jobs` threads (default: the number of CPUs)
    and return their Documents in the order of `texts`.

    The library is reentrant and ctypes releases the GIL while it parses, so
    threads overlap the C work; copying into Python objects still takes the
    GIL. The first failure raises its lede.Error, unless `return_errors` is
    true: then a failed text gives its lede.Error in its place in the list.
    """
    texts = list(texts)
    jobs = jobs or os.cpu_count() or 1

    def one(text):
        try:
            return parse(text, date=date, lossy=lossy)
        except Error as e:
            if return_errors:
                return e
            raise

    if jobs <= 1 or len(texts) <= 1:
        return [one(t) for t in texts]
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(one, texts))


def library_version():
    """The version of the loaded liblede, "MAJOR.MINOR.PATCH"."""
    return lib.lede_version_string().decode("ascii")


def library_path():
    """The path or name liblede was loaded from."""
    return lib._name
