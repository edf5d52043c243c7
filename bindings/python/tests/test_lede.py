"""Tests of the lede Python package (python3 -m unittest).

Run from the source tree with the library built:

    LEDE_LIBRARY=build/lib/liblede.so.0 PYTHONPATH=bindings/python \\
        python3 -m unittest discover -s bindings/python/tests -v

ctest runs them so (python_binding) and against a copy installed with pip
in a venv (python_install). The texts are the bundled sample article and
short made-up ones.
"""
import ctypes
import dataclasses
import datetime
import json
import os
import re
import subprocess
import threading
import unittest

import lede
from lede import _native

SOURCE = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
SAMPLE = os.path.join(SOURCE, "cli", "sample.txt")
ABI_LAYOUT = os.path.join(SOURCE, "tests", "test_abi_layout.c")

# Made up for these tests: accents, typographic quotes, a currency sign, an
# astral emoji and CJK text before later spans shift the byte offsets away
# from the string indices.
NON_ASCII = (
    "Café Owners in Zürich Fight Rent Rise\n\n"
    "ZÜRICH — Renée Müller, who runs a café near the lake, said rents had jumped 12% since "
    "2024. “We pay €4,500 a month now — it’s too much,” she said. 😀 Customers signed a "
    "petition: 1,200 names in two weeks.\n\n"
    "Officials said the city would review the rules in early autumn. A spokesman added: "
    "“日本 visitors keep us afloat.”\n"
)


def read_sample():
    with open(SAMPLE, encoding="utf-8") as f:
        return f.read()


def spans_of(doc):
    """Every object with start/end/text in the document."""
    for item in [doc.date_span, doc.title, doc.byline, doc.dateline] + doc.headings:
        if item is not None:
            yield item
    yield from doc.paragraphs
    yield from doc.sentences
    for speaker in doc.speakers:
        yield from speaker.mentions
    for quote in doc.quotes:
        yield quote
        yield from quote.fragments
        for item in (quote.cue, quote.speaker_mention, quote.addressee):
            if item is not None:
                yield item
    yield from doc.metrics


def span_json(span):
    if span is None:
        return None
    return {"begin": span.start, "end": span.end, "text": span.text}


def as_contract(doc):
    """The Document in the shape of the JSON contract, code point offsets,
    built from the dataclasses alone: compared with the library's JSON."""
    return {
        "document": {
            "date": doc.date,
            "date_source": doc.date_source,
            "title": span_json(doc.title),
            "byline": span_json(doc.byline),
            "authors": doc.authors,
            "dateline": span_json(doc.dateline),
            "dateline_place": doc.dateline_place,
            "agency": doc.agency,
            "headings": [span_json(h) for h in doc.headings],
            "paragraphs": [{"begin": p.start, "end": p.end, "kind": p.kind} for p in doc.paragraphs],
            "sentences": [
                {"begin": s.start, "end": s.end, "paragraph": s.paragraph} for s in doc.sentences
            ],
        },
        "speakers": [
            {
                "id": s.id,
                "kind": s.kind,
                "name": s.name,
                "key": s.key,
                "title": s.title,
                "affiliation": s.affiliation,
                "gender": s.gender,
                "mentions": [dict(span_json(m), kind=m.kind) for m in s.mentions],
                "quote_count": s.quote_count,
            }
            for s in doc.speakers
        ],
        "quotes": [
            {
                "id": q.id,
                "kind": q.kind,
                "begin": q.start,
                "end": q.end,
                "text": q.text,
                "fragments": [[f.start, f.end] for f in q.fragments],
                "cue": None if q.cue is None else dict(span_json(q.cue), lemma=q.cue_lemma),
                "speaker": q.speaker,
                "speaker_mention": span_json(q.speaker_mention),
                "addressee": span_json(q.addressee),
                "sentence": q.sentence,
                "confidence": round(q.confidence, 2),
            }
            for q in doc.quotes
        ],
        "metrics": [
            {
                "id": m.id,
                "kind": m.kind,
                "begin": m.start,
                "end": m.end,
                "text": m.text,
                "value": m.value,
                "low": m.low,
                "high": m.high,
                "unit": m.unit,
                "currency": m.currency,
                "approx": m.approx,
                "change": m.change,
                "date": m.date,
                "date_end": m.date_end,
                "grain": m.grain,
                "mod": m.mod,
                "subject": m.subject,
                "sentence": m.sentence,
                "quote": m.quote,
                "speaker": m.speaker,
            }
            for m in doc.metrics
        ],
    }


def library_json(doc):
    """The library's JSON of the same document, cut to the members that
    as_contract() builds (the contract may gain members)."""
    full = json.loads(doc.to_json())
    mine = as_contract(doc)

    def cut(theirs, ours):
        if isinstance(ours, dict) and isinstance(theirs, dict):
            return {k: cut(theirs.get(k), v) for k, v in ours.items()}
        if isinstance(ours, list) and isinstance(theirs, list) and len(ours) == len(theirs):
            return [cut(t, o) for t, o in zip(theirs, ours)]
        return theirs

    return cut(full, mine)


class LoadingTest(unittest.TestCase):
    def test_versions(self):
        self.assertRegex(lede.library_version(), r"^\d+\.\d+\.\d+$")
        major = int(lede.library_version().split(".")[0])
        self.assertEqual(major, _native.REQUIRED_MAJOR)
        self.assertRegex(lede.__version__, r"^\d+\.\d+\.\d+$")

    def test_library_from_environment(self):
        wanted = os.environ.get("LEDE_LIBRARY")
        if not wanted:
            self.skipTest("LEDE_LIBRARY is not set")
        self.assertEqual(lede.library_path(), wanted)

    def test_installed_package(self):
        # python_install sets this: the package must come from the venv.
        prefix = os.environ.get("LEDE_EXPECT_PACKAGE_UNDER")
        if not prefix:
            self.skipTest("LEDE_EXPECT_PACKAGE_UNDER is not set")
        self.assertTrue(
            os.path.realpath(lede.__file__).startswith(os.path.realpath(prefix)), lede.__file__
        )

    def test_struct_layout_matches_the_abi_test(self):
        # tests/test_abi_layout.c states every released field and its offset
        # with 64-bit pointers: the ctypes mirrors must agree field by field.
        if ctypes.sizeof(ctypes.c_void_p) != 8 or not os.path.exists(ABI_LAYOUT):
            self.skipTest("needs 64-bit pointers and the source tree's tests/test_abi_layout.c")
        structs = {
            "lede_span": _native.Span,
            "lede_allocator": _native.Allocator,
            "lede_options": _native.Options,
            "lede_document": _native.DocumentInfo,
            "lede_paragraph": _native.Paragraph,
            "lede_sentence": _native.Sentence,
            "lede_heading": _native.Heading,
            "lede_author": _native.Author,
            "lede_speaker": _native.Speaker,
            "lede_mention": _native.Mention,
            "lede_quote": _native.Quote,
            "lede_metric": _native.Metric,
        }
        with open(ABI_LAYOUT, encoding="utf-8") as f:
            source = f.read()
        expected = {}
        for struct, field in re.findall(r"^FIRST_FIELD\((\w+), (\w+),", source, re.M):
            expected.setdefault(struct, []).append((field, 0))
        for struct, field, offset in re.findall(
            r"^NEXT_FIELD\((\w+), \w+, (\w+), [^,]+, (\d+)\);", source, re.M
        ):
            expected.setdefault(struct, []).append((field, int(offset)))
        checked = 0
        for struct, fields in expected.items():
            if struct == "lede_token":
                continue  # tokens are not read by the binding
            mirror = structs[struct]
            names = [name for name, _ in mirror._fields_]
            self.assertEqual(names[: len(fields)], [f for f, _ in fields], struct)
            for field, offset in fields:
                self.assertEqual(getattr(mirror, field).offset, offset, "%s.%s" % (struct, field))
                checked += 1
        self.assertGreater(checked, 80)


class SampleTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.text = read_sample()
        cls.doc = lede.parse(cls.text)

    def test_document(self):
        doc = self.doc
        self.assertEqual(doc.text, self.text)
        self.assertEqual(doc.title.text, "Health Ministers Agree to Build $1.2 Billion Vaccine Reserve")
        self.assertEqual(doc.date, "2026-03-26")
        self.assertEqual(doc.date_source, "text")
        self.assertEqual(doc.authors, ["Jane Doe"])
        self.assertEqual(doc.dateline_place, "GENEVA")
        self.assertEqual(doc.agency, "Reuters")
        self.assertEqual([h.text for h in doc.headings], ["Who Pays", "Doubts Remain", "What Comes Next"])
        self.assertIn("body", [p.kind for p in doc.paragraphs])
        for sentence in doc.sentences:
            paragraph = doc.paragraphs[sentence.paragraph]
            self.assertTrue(paragraph.start <= sentence.start < sentence.end <= paragraph.end)

    def test_speakers(self):
        by_name = {s.name: s for s in self.doc.speakers}
        ruiz = by_name["Ana Ruiz"]
        self.assertEqual((ruiz.kind, ruiz.title, ruiz.affiliation, ruiz.gender),
                         ("person", "Health Minister", "Chile", "female"))
        self.assertEqual(ruiz.key, "ana ruiz")
        self.assertGreaterEqual(ruiz.quote_count, 2)
        self.assertIn("pronoun", [m.kind for m in ruiz.mentions])
        for i, speaker in enumerate(self.doc.speakers):
            self.assertEqual(speaker.id, i)
            self.assertTrue(all(m.speaker == i for m in speaker.mentions))

    def test_quotes(self):
        doc = self.doc
        first = doc.quotes[0]
        self.assertEqual(first.kind, "direct")
        self.assertEqual(doc.speaker_of(first).name, "Ana Ruiz")
        self.assertEqual(first.cue.text, "said")
        self.assertEqual(first.cue_lemma, "say")
        self.assertEqual(first.confidence, 0.95)
        self.assertEqual(len(first.fragments), 2)
        self.assertTrue(first.fragments[0].text.startswith("We cannot keep starting from zero"))
        self.assertTrue(first.text.startswith(first.fragments[0].text))
        kinds = {q.kind for q in doc.quotes}
        self.assertTrue({"direct", "indirect"} <= kinds)
        for i, q in enumerate(doc.quotes):
            self.assertEqual(q.id, i)
            self.assertGreaterEqual(len(q.fragments), 1)
            self.assertTrue(0 < q.confidence <= 1)
            self.assertTrue(q.start <= q.fragments[0].start and q.fragments[-1].end <= q.end)

    def test_metrics(self):
        by_text = {m.text: m for m in self.doc.metrics}
        share = by_text["70%"]
        self.assertEqual((share.kind, share.value, share.unit, share.approx),
                         ("percent", 70.0, "%", "exact"))
        money = by_text["€300 million"]
        self.assertEqual((money.kind, money.value, money.currency), ("money", 300e6, "EUR"))
        wednesday = by_text["Wednesday"]
        self.assertEqual((wednesday.kind, wednesday.date, wednesday.grain),
                         ("date", "2026-03-25", "day"))
        ranges = [m for m in self.doc.metrics if m.low is not None and m.high is not None]
        self.assertTrue(ranges, "the sample has a range (15% to 20%)")
        self.assertIsNone(ranges[0].value)
        in_quotes = [m for m in self.doc.metrics if m.quote is not None]
        self.assertTrue(in_quotes)
        for m in in_quotes:
            self.assertEqual(m.speaker, self.doc.quotes[m.quote].speaker)

    def test_everything_equals_the_library_json(self):
        self.assertEqual(as_contract(self.doc), library_json(self.doc))

    def test_spans_index_the_text(self):
        raw = self.text.encode("utf-8")
        for item in spans_of(self.doc):
            self.assertEqual(self.doc.text[item.start : item.end], item.text)
            self.assertEqual(raw[item.byte_start : item.byte_end].decode("utf-8"), item.text)

    def test_only_python_values(self):
        # Everything was copied out of C memory: no ctypes object anywhere.
        def walk(value):
            if dataclasses.is_dataclass(value):
                for f in dataclasses.fields(value):
                    walk(getattr(value, f.name))
            elif isinstance(value, list):
                for v in value:
                    walk(v)
            else:
                self.assertIsInstance(value, (str, bytes, int, float, bool, type(None)))

        walk(self.doc)

    def test_to_json(self):
        data = json.loads(self.doc.to_json(offsets="bytes"))
        self.assertEqual(data["schema"], 1)
        self.assertEqual(data["lede"], lede.library_version())
        self.assertEqual(data, json.loads(lede.to_json(self.text)))
        self.assertTrue(self.doc.to_json(pretty=True).endswith("\n"))
        with self.assertRaises(ValueError):
            self.doc.to_json(offsets="lines")
        cli = os.environ.get("LEDE_CLI")
        if cli:
            out = subprocess.run([cli, SAMPLE], capture_output=True, check=True).stdout
            self.assertEqual(json.loads(out), data)


class OffsetsTest(unittest.TestCase):
    def test_non_ascii(self):
        doc = lede.parse(NON_ASCII)
        self.assertEqual(doc.text, NON_ASCII)
        raw = NON_ASCII.encode("utf-8")
        shifted = 0
        for item in spans_of(doc):
            self.assertEqual(NON_ASCII[item.start : item.end], item.text)
            self.assertEqual(raw[item.byte_start : item.byte_end].decode("utf-8"), item.text)
            shifted += item.byte_start != item.start
        self.assertGreater(shifted, 5)
        self.assertEqual(as_contract(doc), library_json(doc))
        euros = [m for m in doc.metrics if m.currency == "EUR"]
        self.assertEqual([(m.text, m.value) for m in euros], [("€4,500", 4500.0)])

    def test_bytes_input(self):
        raw = NON_ASCII.encode("utf-8")
        self.assertEqual(lede.parse(raw), lede.parse(NON_ASCII))
        self.assertEqual(lede.parse(bytearray(raw)), lede.parse(NON_ASCII))

    def test_empty_and_nul(self):
        doc = lede.parse("")
        self.assertEqual((doc.text, doc.paragraphs, doc.quotes, doc.metrics), ("", [], [], []))
        doc = lede.parse("Prices rose 5% \x00 on Monday, officials said.")
        self.assertIn("\x00", doc.text)


class ErrorTest(unittest.TestCase):
    BAD = b"Prices rose by 5% \xe2\x82 in March, \xff officials said.\n"

    def test_invalid_utf8(self):
        with self.assertRaises(lede.Error) as caught:
            lede.parse(self.BAD)
        error = caught.exception
        self.assertEqual((error.status, error.code, error.offset), (-3, "invalid_utf8", 18))
        self.assertIn("18", error.message)
        self.assertIn("invalid_utf8", str(error))

    def test_lossy(self):
        doc = lede.parse(self.BAD, lossy=True)
        # One U+FFFD per invalid byte, as the library's JSON writes them.
        self.assertEqual(doc.text, self.BAD.decode("latin-1").replace("\xe2\x82", "\ufffd\ufffd")
                         .replace("\xff", "\ufffd"))
        self.assertEqual(as_contract(doc), library_json(doc))
        for item in spans_of(doc):
            self.assertEqual(doc.text[item.start : item.end], item.text)
        after = [m for m in doc.metrics if m.text == "March"]
        self.assertTrue(after)
        self.assertEqual(after[0].byte_start - after[0].start, 0)  # 2 bytes, 2 characters

    def test_lone_surrogate(self):
        with self.assertRaises(lede.Error) as caught:
            lede.parse("It rose 5% \ud800 today.")
        self.assertEqual(caught.exception.code, "invalid_utf8")
        self.assertEqual(lede.parse("It rose 5% \ud800 today.", lossy=True).text.count("\ufffd"), 3)

    def test_bad_date(self):
        with self.assertRaises(lede.Error) as caught:
            lede.parse("Officials met on Monday.", date="yesterday")
        self.assertEqual((caught.exception.status, caught.exception.code), (-2, "invalid_arg"))

    def test_reference_date(self):
        text = "Officials met on Monday and said prices rose 5% last year."
        for date in ("2025-03-26", datetime.date(2025, 3, 26)):
            doc = lede.parse(text, date=date)
            self.assertEqual((doc.date, doc.date_source), ("2025-03-26", "reference"))
            self.assertIn("2024", [m.date for m in doc.metrics])
        self.assertIsNone(lede.parse(text).date)
        self.assertEqual(json.loads(doc.to_json())["document"]["date"], "2025-03-26")

    def test_error_message_is_per_thread(self):
        messages = []

        def fail():
            try:
                lede.parse(b"ok \xc3(")
            except lede.Error as e:
                messages.append(e.offset)

        threads = [threading.Thread(target=fail) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(messages, [3, 3, 3, 3])


class ThreadsTest(unittest.TestCase):
    def test_parse_many_equals_parse(self):
        texts = [read_sample(), NON_ASCII, "", "Sales fell 3%, the company said."] * 6
        expected = [lede.parse(t) for t in texts]
        self.assertEqual(lede.parse_many(texts, jobs=4), expected)
        self.assertEqual(lede.parse_many(iter(texts), jobs=1), expected)

    def test_many_threads_at_once(self):
        text = read_sample()
        expected = lede.parse(text)
        results = [None] * 8

        def work(i):
            results[i] = [lede.parse(text) for _ in range(5)]

        threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for docs in results:
            self.assertTrue(all(d == expected for d in docs))

    def test_errors(self):
        texts = ["Fine text.", b"bad \xff", "More text."]
        with self.assertRaises(lede.Error):
            lede.parse_many(texts, jobs=2)
        results = lede.parse_many(texts, jobs=2, return_errors=True)
        self.assertIsInstance(results[0], lede.Document)
        self.assertIsInstance(results[1], lede.Error)
        self.assertEqual(results[1].offset, 4)
        self.assertEqual(len(lede.parse_many(texts, lossy=True)), 3)


if __name__ == "__main__":
    unittest.main()
