"""The Python side of a parsed document: plain dataclasses.

Every object here is built from copies of the library's results; none refers
to C memory. Offsets come in two units: `start`/`end` index the Python
string `Document.text` (so `doc.text[x.start:x.end] == x.text`), and
`byte_start`/`byte_end` index the UTF-8 bytes the library parsed, as in the C
API and the default JSON output. Cross references (`speaker`, `quote`,
`sentence`, `paragraph`) are list indices into the Document, None for none.
"""
from dataclasses import dataclass, field
from typing import List, Optional


@dataclass
class Span:
    """A stretch of the text."""

    start: int
    end: int
    byte_start: int
    byte_end: int
    text: str


@dataclass
class Paragraph:
    start: int
    end: int
    byte_start: int
    byte_end: int
    text: str
    kind: str  # title, heading, body, meta, byline, dateline, caption, boilerplate
    sentence_first: Optional[int]  # index of its first sentence, None when it has none
    sentence_count: int


@dataclass
class Sentence:
    start: int
    end: int
    byte_start: int
    byte_end: int
    text: str
    paragraph: int


@dataclass
class Mention:
    """A place in the text that refers to a speaker."""

    start: int
    end: int
    byte_start: int
    byte_end: int
    text: str
    kind: str  # name, surname, pronoun, title, description
    speaker: int
    sentence: Optional[int]


@dataclass
class Speaker:
    id: int
    kind: str  # person, organization, group, unknown
    name: str
    key: str  # case- and diacritic-folded name, to join across articles
    title: Optional[str]
    affiliation: Optional[str]
    gender: Optional[str]  # female, male
    mentions: List[Mention]
    quote_count: int


@dataclass
class Quote:
    """An attribution: what was said, the cue that reports it, who said it."""

    id: int
    kind: str  # direct, mixed, indirect
    start: int  # first fragment to last, an interposed cue included
    end: int
    byte_start: int
    byte_end: int
    text: str
    fragments: List[Span]  # the content pieces, at least one
    cue: Optional[Span]
    cue_lemma: Optional[str]  # "say", "tell", "according to"
    speaker: Optional[int]  # index into Document.speakers
    speaker_mention: Optional[Span]  # the words that name the speaker here
    addressee: Optional[Span]  # "Reuters" in "told Reuters"
    sentence: int
    confidence: float  # 0..1, the fixed scale of docs/json.md


@dataclass
class Metric:
    """A number the text states."""

    id: int
    kind: str  # percent, percentage_points, money, count, quantity, number, ordinal, date, duration
    start: int
    end: int
    byte_start: int
    byte_end: int
    text: str
    value: Optional[float]
    low: Optional[float]
    high: Optional[float]
    unit: Optional[str]
    currency: Optional[str]  # ISO 4217
    approx: str  # exact, about, more_than, at_least, less_than, at_most, up_to
    change: Optional[str]  # up, down
    date: Optional[str]  # YYYY, YYYY-MM or YYYY-MM-DD
    date_end: Optional[str]
    grain: Optional[str]  # day, week, month, quarter, year, decade
    mod: Optional[str]  # early, mid, late, start, end
    subject: Optional[str]
    sentence: int
    quote: Optional[int]
    speaker: Optional[int]


@dataclass
class Document:
    """A parsed article: its structure, speakers, quotes and metrics."""

    text: str  # the input (invalid bytes of a lossy parse as U+FFFD, one per byte)
    date: Optional[str]  # YYYY-MM-DD
    date_source: Optional[str]  # text, reference
    date_span: Optional[Span]
    title: Optional[Span]
    byline: Optional[Span]
    authors: List[str]
    dateline: Optional[Span]
    dateline_place: Optional[str]
    agency: Optional[str]
    headings: List[Span]
    paragraphs: List[Paragraph]
    sentences: List[Sentence]
    speakers: List[Speaker]
    quotes: List[Quote]
    metrics: List[Metric]
    # What to parse again for to_json(): the bytes and the options.
    _source: bytes = field(default=b"", repr=False, compare=False)
    _date: Optional[str] = field(default=None, repr=False, compare=False)
    _lossy: bool = field(default=False, repr=False, compare=False)

    def speaker_of(self, item) -> Optional[Speaker]:
        """The Speaker of a Quote, Metric or Mention, or None."""
        return None if item.speaker is None else self.speakers[item.speaker]

    def to_json(self, offsets: str = "codepoints", pretty: bool = False) -> str:
        """The JSON of the contract (docs/json.md), written by the library.

        `offsets` is "codepoints" (the default: Python str indices, like
        `start`/`end`), "bytes" (like the `lede` command) or "utf16". The
        library writes it from the same input and options, parsed again,
        since the document's C memory was released when it was read.
        """
        from . import _parse  # late: _parse imports this module

        return _parse.to_json(
            self._source, date=self._date, lossy=self._lossy, offsets=offsets, pretty=pretty
        )
