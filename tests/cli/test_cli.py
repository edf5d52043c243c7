#!/usr/bin/env python3
"""Tests of the `lede` command: exit codes, inputs, JSON Lines streaming,
offsets, the text and HTML formats, and flat memory.

    test_cli.py PATH/TO/lede [unittest arguments, e.g. a TestCase name]

Only the Python standard library is used. Fixtures are short news texts
written for the project (tests/cli/fixtures/).
"""
import html.parser
import json
import os
import pty
import re
import select
import subprocess
import sys
import tempfile
import unittest

LEDE = None  # set from argv in __main__
FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")


def fixture(name):
    return os.path.join(FIXTURES, name)


def sample_text():
    """The bundled sample article, as the source tree holds it."""
    path = os.path.join(os.path.dirname(FIXTURES), "..", "..", "cli", "sample.txt")
    with open(path, "rb") as f:
        return f.read()


def read_fixture(name):
    with open(fixture(name), "rb") as f:
        return f.read()


def run(args, stdin=b"", **kwargs):
    """Run lede with `args`; stdin is bytes, or a file object."""
    if isinstance(stdin, bytes):
        return subprocess.run([LEDE] + args, input=stdin, capture_output=True, timeout=120,
                              **kwargs)
    return subprocess.run([LEDE] + args, stdin=stdin, capture_output=True, timeout=120, **kwargs)


def json_lines(stdout):
    """Objects of a JSON Lines output. Split on b"\\n" only: U+2028 may sit in a string."""
    return [json.loads(line) for line in stdout.split(b"\n") if line.strip()]


def jsonl_input(records):
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")


def assert_answers_each_line(test, args):
    """lede with `args` answers each JSON Lines line while the writer waits for it."""
    p = subprocess.Popen([LEDE] + args, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        for i in range(3):
            p.stdin.write(jsonl_input([{"id": i, "text": "The port reopened on Monday."}]))
            p.stdin.flush()
            ready, _, _ = select.select([p.stdout], [], [], 30)
            test.assertTrue(ready, "no answer while the writer waits")
            test.assertEqual(json.loads(p.stdout.readline())["id"], i)
    finally:
        p.stdin.close()
        p.stdout.close()
        p.wait(timeout=60)
    test.assertEqual(p.returncode, 0)


def first_line_then_close(args):
    """Read one line of lede's output, close the pipe: (line, stderr, exit status)."""
    p = subprocess.Popen([LEDE] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = p.stdout.readline()
    p.stdout.close()
    stderr = p.stderr.read()
    p.stderr.close()
    p.wait(timeout=120)
    return first, stderr, p.returncode


class TempDirTestCase(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory()
        self.tmp = self._tmp.name

    def tearDown(self):
        self._tmp.cleanup()

    def write(self, name, data):
        path = os.path.join(self.tmp, name)
        with open(path, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
        return path


def assert_schema(test, obj, text_len=None):
    test.assertEqual(obj["schema"], 1)
    test.assertIsInstance(obj["lede"], str)
    for key in ("document", "speakers", "quotes", "metrics"):
        test.assertIn(key, obj)
    if text_len:
        test.assertGreater(len(obj["document"]["paragraphs"]), 0)


class UsageTest(unittest.TestCase):
    def assert_usage_error(self, args, needle):
        p = run(args)
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertEqual(p.stdout, b"")
        self.assertIn(needle.encode(), p.stderr)
        self.assertIn(b"lede --help", p.stderr)

    def test_version(self):
        p = run(["--version"])
        self.assertEqual(p.returncode, 0)
        self.assertRegex(p.stdout.decode(), r"^lede \d+\.\d+\.\d+\n$")

    def test_help(self):
        p = run(["--help"])
        self.assertEqual(p.returncode, 0)
        out = p.stdout.decode()
        self.assertIn("Usage: lede", out)
        for option in ("--sample", "--jsonl", "--format", "--pretty", "--date", "--offsets",
                       "--lossy", "--help", "--version"):
            self.assertIn(option, out)
        self.assertEqual(run(["-h"]).stdout, p.stdout)

    def test_unknown_option(self):
        self.assert_usage_error(["--frobnicate"], "--frobnicate")

    def test_bad_date(self):
        for date in ("2026-02-30", "2026-13-01", "tomorrow", "2026-3-1", ""):
            with self.subTest(date=date):
                self.assert_usage_error(["--date", date, "--sample"], "--date")

    def test_good_date_forms(self):
        for args in (["--date", "2024-02-29"], ["--date=2024-02-29"]):
            with self.subTest(args=args):
                self.assertEqual(run(args + ["--sample"]).returncode, 0)

    def test_bad_format(self):
        self.assert_usage_error(["--format", "xml"], "--format")

    def test_bad_offsets(self):
        self.assert_usage_error(["--offsets=chars"], "--offsets")

    def test_missing_value(self):
        self.assert_usage_error(["--sample", "--format"], "needs a value")

    def test_value_on_flag(self):
        self.assert_usage_error(["--pretty=yes"], "takes no value")

    def test_contradictions(self):
        self.assert_usage_error(["--sample", fixture("harbor.txt")], "--sample")
        self.assert_usage_error(["--pretty", "--format", "jsonl"], "--pretty")
        self.assert_usage_error(["--pretty", "--format", "text"], "--pretty")


class DocumentsTest(TempDirTestCase):
    def test_sample(self):
        p = run(["--sample"])
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stderr, b"")
        self.assertTrue(p.stdout.endswith(b"}\n"))
        self.assertEqual(p.stdout.count(b"\n"), 1, "compact unless --pretty")
        obj = json.loads(p.stdout)
        assert_schema(self, obj, text_len=1)
        self.assertNotIn("id", obj)
        doc = obj["document"]
        self.assertEqual(doc["date"], "2026-03-26")
        self.assertEqual(doc["date_source"], "text")
        self.assertEqual(doc["title"]["text"],
                         "Health Ministers Agree to Build $1.2 Billion Vaccine Reserve")
        self.assertEqual(doc["byline"]["text"], "By Jane Doe")
        self.assertEqual(doc["authors"], ["Jane Doe"])
        self.assertEqual(doc["dateline"]["text"], "GENEVA (Reuters) \u2014")
        self.assertEqual((doc["dateline_place"], doc["agency"]), ("GENEVA", "Reuters"))
        self.assertEqual([h["text"] for h in doc["headings"]],
                         ["Who Pays", "Doubts Remain", "What Comes Next"])
        self.assertEqual(doc["paragraphs"][-1]["kind"], "boilerplate")
        # the first sentence after the title starts after the dateline
        text = sample_text()
        first_body = doc["sentences"][1]
        self.assertTrue(text[first_body["begin"]:].startswith(b"Health ministers from 42"))

    def test_sample_is_deterministic(self):
        first = run(["--sample"]).stdout
        self.assertEqual(first, run(["--sample"]).stdout)
        self.assertEqual(run(["--sample", "--format", "text"]).stdout,
                         run(["--sample", "--format", "text"]).stdout)

    def test_no_arguments_on_a_terminal_parses_the_sample(self):
        primary, secondary = pty.openpty()
        try:
            p = subprocess.run([LEDE], stdin=secondary, capture_output=True, timeout=60)
        finally:
            os.close(primary)
            os.close(secondary)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stdout, run(["--sample"]).stdout)

    def test_sample_on_a_terminal_is_pretty(self):
        primary, secondary = pty.openpty()
        try:
            p = subprocess.Popen([LEDE, "--sample"], stdout=secondary, stderr=subprocess.PIPE)
            os.close(secondary)
            out = b""
            while True:
                try:
                    chunk = os.read(primary, 65536)
                except OSError:  # EIO once the child closed its end
                    break
                if not chunk:
                    break
                out += chunk
            p.wait(timeout=60)
            p.stderr.close()
        finally:
            os.close(primary)
        self.assertEqual(p.returncode, 0)
        self.assertIn(b'"schema": 1', out)

    def test_write_error(self):
        with open("/dev/full", "wb") as full:
            p = subprocess.run([LEDE, "--sample"], stdout=full, stderr=subprocess.PIPE,
                               timeout=60)
        self.assertEqual(p.returncode, 1)
        self.assertIn(b"lede: write error: ", p.stderr)

    def test_odd_paths_are_valid_json_ids(self):
        odd = os.path.join(self.tmp.encode(), b'odd "name"\n\xff.txt')
        with open(odd, "wb") as f:
            f.write(b"The ferry left at noon.\n")
        p = run([odd, fixture("harbor.txt")])
        self.assertEqual(p.returncode, 0, p.stderr)
        ids = [o["id"] for o in json_lines(p.stdout)]
        self.assertEqual(ids[0], os.fsdecode(odd).encode("utf-8", "surrogateescape")
                         .decode("utf-8", "replace"))

    def test_pretty(self):
        p = run(["--pretty", fixture("harbor.txt")])
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertGreater(p.stdout.count(b"\n"), 10)
        compact = run([fixture("harbor.txt")]).stdout
        self.assertEqual(json.loads(p.stdout), json.loads(compact))

    def test_file_and_stdin_agree(self):
        data = read_fixture("harbor.txt")
        from_file = run([fixture("harbor.txt")])
        from_stdin = run(["-"], stdin=data)
        implicit_stdin = run([], stdin=data)
        self.assertEqual(from_file.returncode, 0, from_file.stderr)
        self.assertEqual(from_file.stdout, from_stdin.stdout)
        self.assertEqual(from_file.stdout, implicit_stdin.stdout)
        assert_schema(self, json.loads(from_file.stdout), text_len=len(data))

    def test_missing_file(self):
        missing = os.path.join(self.tmp, "missing.txt")
        p = run([missing])
        self.assertEqual(p.returncode, 1)
        self.assertEqual(p.stdout, b"")
        self.assertIn(f"lede: {missing}: ".encode(), p.stderr)

    def test_several_files_give_json_lines(self):
        paths = [fixture("harbor.txt"), fixture("accents.txt"), fixture("escapes.txt")]
        p = run(paths)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stderr, b"", "no progress line when stderr is not a terminal")
        lines = p.stdout.split(b"\n")
        self.assertEqual(lines[-1], b"")
        objs = [json.loads(line) for line in lines[:-1]]
        self.assertEqual([o["id"] for o in objs], paths)
        for line, path in zip(lines, paths):
            self.assertTrue(line.startswith(b'{"id":' + json.dumps(path).encode() + b","))
        single = json.loads(run([fixture("accents.txt")]).stdout)
        del objs[1]["id"]
        self.assertEqual(objs[1], single)

    def test_several_files_with_a_missing_one(self):
        missing = os.path.join(self.tmp, "gone.txt")
        p = run([fixture("harbor.txt"), missing, fixture("escapes.txt")])
        self.assertEqual(p.returncode, 1)
        objs = json_lines(p.stdout)
        self.assertEqual([o["id"] for o in objs], [fixture("harbor.txt"), missing,
                                                     fixture("escapes.txt")])
        self.assertEqual(objs[1]["error"]["code"], "io_error")
        self.assertIn("document", objs[2])
        self.assertIn(f"lede: {missing}: ".encode(), p.stderr)

    def test_format_jsonl_for_one_file(self):
        p = run(["--format", "jsonl", fixture("harbor.txt")])
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stdout.count(b"\n"), 1)
        self.assertEqual(json.loads(p.stdout)["id"], fixture("harbor.txt"))

    def test_invalid_utf8(self):
        path = self.write("bad.txt", b"Mayor Speaks\n\nThe mayor \xff spoke on Monday.\n")
        p = run([path])
        self.assertEqual(p.returncode, 1)
        self.assertEqual(p.stdout, b"")
        self.assertIn(f"lede: {path}: invalid UTF-8 at byte 24".encode(), p.stderr)
        lossy = run(["--lossy", path])
        self.assertEqual(lossy.returncode, 0, lossy.stderr)
        assert_schema(self, json.loads(lossy.stdout), text_len=1)

    def test_invalid_utf8_among_several_files(self):
        bad = self.write("bad.txt", b"caf\xe9 au lait\n")
        p = run([fixture("harbor.txt"), bad])
        self.assertEqual(p.returncode, 1)
        objs = json_lines(p.stdout)
        self.assertEqual(objs[1]["id"], bad)
        self.assertEqual(objs[1]["error"], {"code": "invalid_utf8", "status": -3,
                                            "message": "invalid UTF-8 at byte 3", "offset": 3})

    def test_reference_date(self):
        path = self.write("nodate.txt", "The council met on Tuesday and approved the budget.\n")
        doc = json.loads(run(["--date", "2026-03-05", path]).stdout)["document"]
        self.assertEqual(doc["date"], "2026-03-05")
        self.assertEqual(doc["date_source"], "reference")
        self.assertIsNone(doc["date_span"])

    def test_empty_and_nul_inputs(self):
        for data in (b"", b"\n\n", b"A\x00B said so.\n"):
            with self.subTest(data=data):
                p = run(["-"], stdin=data)
                self.assertEqual(p.returncode, 0, p.stderr)
                assert_schema(self, json.loads(p.stdout))


class JsonLinesTest(TempDirTestCase):
    RECORDS = [
        {"id": 7, "text": "Mayor Ann Lee said the bridge would reopen in May."},
        {"id": "b-2", "text": "Prices rose 3% last year, the agency said."},
        {"id": 0.1, "text": "Two ministers resigned on Friday."},
        {"id": [1, {"k": "é"}], "text": "“We will appeal,” said lawyer Tom Ruiz."},
        {"text": "No id here."},
    ]

    def test_ids_in_order(self):
        p = run(["--jsonl"], stdin=jsonl_input(self.RECORDS))
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stderr, b"")
        objs = json_lines(p.stdout)
        self.assertEqual([o["id"] for o in objs], [r.get("id") for r in self.RECORDS])
        for obj in objs:
            assert_schema(self, obj, text_len=1)
        raw = p.stdout.split(b"\n")
        self.assertTrue(raw[0].startswith(b'{"id":7,"schema":1,'))
        self.assertTrue(raw[1].startswith(b'{"id":"b-2","schema":1,'))
        self.assertTrue(raw[2].startswith(b'{"id":0.1,"schema":1,'))
        self.assertTrue(raw[4].startswith(b'{"id":null,"schema":1,'))

    def test_escaped_text_reads_as_the_raw_text(self):
        # Every escape JSON has, each way of writing the line (spaces, key
        # order, a null date), against the same text given raw on stdin.
        text = ("Line one said \"hi\".\nTab\there, slash / back \\ caf\u00e9 "
                "\U0001F600 nul\u0000 end.\r\n\u2028\u000c\b")
        body = json.dumps(text)  # ASCII with \u escapes and a surrogate pair
        lines = [
            '{"id": 1, "text": %s}' % body,
            '  { "text" : %s , "id" : "b" , "date" : null }  ' % body,
            '{"id":-3,"date":"2025-03-26","text":%s}' % body.replace("\\u00e9", "\u00e9"),
        ]
        p = run(["--jsonl"], stdin=("\n".join(lines) + "\n").encode("utf-8"))
        self.assertEqual(p.returncode, 0, p.stderr)
        raw = json.loads(run(["-"], stdin=text.encode("utf-8")).stdout)
        dated = json.loads(run(["--date", "2025-03-26", "-"], stdin=text.encode("utf-8")).stdout)
        objs = json_lines(p.stdout)
        self.assertEqual([o["id"] for o in objs], [1, "b", -3])
        for obj, want in zip(objs, (raw, raw, dated)):
            for key in ("document", "speakers", "quotes", "metrics"):
                self.assertEqual(obj[key], want[key], key)

    def test_solidus_and_bad_escapes(self):
        # "\/" and the other escapes json.dumps() never writes; a line with
        # an escape JSON does not have, or a backslash at its end, is an
        # error record, as jansson reports it.
        lines = ['{"id":1,"text":"a\\/b \\b\\f\\/ end\\\\"}',
                 '{"id":2,"text":"bad \\q escape"}',
                 '{"id":3,"text":"ends in \\']
        p = run(["--jsonl"], stdin=("\n".join(lines) + "\n").encode("utf-8"))
        objs = json_lines(p.stdout)
        raw = json.loads(run(["-"], stdin="a/b \b\f/ end\\".encode("utf-8")).stdout)
        self.assertEqual(objs[0]["id"], 1)
        for key in ("document", "speakers", "quotes", "metrics"):
            self.assertEqual(objs[0][key], raw[key], key)
        self.assertEqual([o["error"]["code"] for o in objs[1:]], ["invalid_json"] * 2)

    def test_escapes_at_every_place_of_a_step(self):
        # The text of a line is decoded thirty-two bytes a step, the simple
        # escapes (\n, \", \\) in the loop: each at every place around
        # the steps, against the same text with the escape written \u00XX,
        # which leaves the loop; both read as the same text.
        base = ("Mayor Ann Lee said the bridge would reopen in May, and prices "
                "rose 3% last year, the agency said on Friday.")
        lines = []
        for at in range(0, 72):
            for simple, code in (("\\n", "\\u000a"), ('\\"', "\\u0022"),
                                 ("\\\\", "\\u005c")):
                for escape in (simple, code):
                    text = base[:at] + escape + base[at:]
                    lines.append('{"id":%d,"text":"%s"}' % (len(lines), text))
        data = ("\n".join(lines) + "\n").encode("utf-8")
        for args in (["--jsonl"], ["--jsonl", "--jobs", "2"]):
            p = run(args, stdin=data)
            self.assertEqual(p.returncode, 0, p.stderr)
            objs = json_lines(p.stdout)
            self.assertEqual([o["id"] for o in objs], list(range(len(lines))))
            for simple, code in zip(objs[0::2], objs[1::2]):
                for key in ("document", "speakers", "quotes", "metrics"):
                    self.assertEqual(simple[key], code[key], (simple["id"], key))

    def test_ids_of_every_length_echo_as_written(self):
        # An id short enough is kept in the job, a longer one allocated: both
        # written as the line has them, and none when the line has none.
        records = [{"id": "i" * n, "text": "Hi."} for n in range(0, 40)]
        records += [{"id": -123456789012345678, "text": "Hi."}, {"text": "Hi."}]
        for args in (["--jsonl"], ["--jsonl", "--jobs", "2"]):
            p = run(args, stdin=jsonl_input(records))
            self.assertEqual(p.returncode, 0, p.stderr)
            raw = p.stdout.splitlines()
            self.assertEqual(len(raw), len(records))
            for line, record in zip(raw, records):
                want = json.dumps(record.get("id"), separators=(",", ":"))
                self.assertTrue(line.startswith(b'{"id":' + want.encode() + b","), line[:80])

    def test_line_separators_in_ids_are_escaped(self):
        ids = ["a\u2028b", {"k": ["\u2029", "\u0085"]}]
        p = run(["--jsonl"], stdin=jsonl_input([{"id": i, "text": "Hi."} for i in ids]))
        self.assertEqual(p.returncode, 0, p.stderr)
        for raw in ("\u2028", "\u2029", "\u0085"):
            self.assertNotIn(raw.encode("utf-8"), p.stdout)
        self.assertTrue(p.stdout.startswith(b'{"id":"a\\u2028b",'))
        self.assertEqual([o["id"] for o in json_lines(p.stdout)], ids)

    def test_file_arguments_and_stdin_agree(self):
        data = jsonl_input(self.RECORDS)
        path = self.write("in.jsonl", data)
        from_stdin = run(["--jsonl"], stdin=data)
        from_file = run(["--jsonl", path])
        self.assertEqual(from_file.stdout, from_stdin.stdout)
        twice = run(["--jsonl", path, path])
        self.assertEqual(twice.stdout, from_file.stdout * 2)

    def test_deterministic(self):
        data = jsonl_input(self.RECORDS * 20)
        self.assertEqual(run(["--jsonl"], stdin=data).stdout, run(["--jsonl"], stdin=data).stdout)

    def test_bad_lines_do_not_stop_the_run(self):
        data = (b'{"id": 1, "text": "First line."}\n'
                b'this is not json\n'
                b'{"id": 3, "text": "Third line."}\n'
                b'{"id": 4}\n'
                b'[1, 2]\n'
                b'{"id": 6, "text": "Sixth", "date": "2026-02-30"}\n'
                b'{"id": 7, "text": "Seventh", "date": 20260101}\n'
                b'{"id": 8, "text": "Eighth line."}\n')
        p = run(["--jsonl"], stdin=data)
        self.assertEqual(p.returncode, 1)
        objs = json_lines(p.stdout)
        self.assertEqual([o["id"] for o in objs], [1, None, 3, 4, None, 6, 7, 8])
        codes = [o["error"]["code"] if "error" in o else None for o in objs]
        self.assertEqual(codes, [None, "invalid_json", None, "invalid_arg", "invalid_json",
                                 "invalid_arg", "invalid_arg", None])
        bad_json = objs[1]["error"]
        self.assertEqual(bad_json["status"], -2)
        self.assertIsInstance(bad_json["message"], str)
        self.assertIsInstance(bad_json["offset"], int)
        self.assertIsNone(objs[3]["error"]["offset"])
        self.assertIn(b"stdin:2: ", p.stderr)

    def test_empty_lines_are_skipped(self):
        data = b'\n{"id": 1, "text": "One."}\n\n   \r\n{"id": 2, "text": "Two."}\r\n\n'
        p = run(["--jsonl"], stdin=data)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual([o["id"] for o in json_lines(p.stdout)], [1, 2])

    def test_line_date_is_the_reference(self):
        records = [{"id": "a", "text": "The council met on Tuesday.", "date": "2026-01-05"},
                   {"id": "b", "text": "The council met on Tuesday."}]
        objs = json_lines(run(["--jsonl", "--date", "2026-03-05"],
                              stdin=jsonl_input(records)).stdout)
        for obj, expected in zip(objs, ("2026-01-05", "2026-03-05")):
            doc = obj["document"]
            self.assertEqual(doc["date"], expected)
            self.assertEqual(doc["date_source"], "reference")

    def test_empty_text_and_nul(self):
        data = (b'{"id": "empty", "text": ""}\n'
                b'{"id": "nul", "text": "A\\u0000B said the vote was close."}\n')
        p = run(["--jsonl"], stdin=data)
        self.assertEqual(p.returncode, 0, p.stderr)
        objs = json_lines(p.stdout)
        self.assertEqual([o["id"] for o in objs], ["empty", "nul"])
        for obj in objs:
            self.assertNotIn("error", obj)
            assert_schema(self, obj)
        self.assertEqual(objs[0]["document"]["paragraphs"], [])

    def test_invalid_utf8_line(self):
        data = b'{"id": "x", "text": "caf\xe9"}\n{"id": "y", "text": "fine"}\n'
        p = run(["--jsonl"], stdin=data)
        self.assertEqual(p.returncode, 1)
        objs = json_lines(p.stdout)
        self.assertEqual([o["id"] for o in objs], ["x", "y"])
        self.assertEqual(objs[0]["error"]["code"], "invalid_utf8")
        self.assertEqual(objs[0]["error"]["status"], -3)
        self.assertEqual(objs[0]["error"]["offset"], 24)
        lossy = run(["--jsonl", "--lossy"], stdin=data)
        self.assertEqual(lossy.returncode, 0, lossy.stderr)
        self.assertEqual(json_lines(lossy.stdout)[0]["id"], "x")

    def test_missing_jsonl_file(self):
        good = self.write("good.jsonl", jsonl_input(self.RECORDS[:1]))
        missing = os.path.join(self.tmp, "missing.jsonl")
        p = run(["--jsonl", missing, good])
        self.assertEqual(p.returncode, 1)
        self.assertEqual([o["id"] for o in json_lines(p.stdout)], [7])
        self.assertIn(f"lede: {missing}: ".encode(), p.stderr)

    def test_answers_each_line_without_waiting_for_more_input(self):
        assert_answers_each_line(self, ["--jsonl"])

    def test_closed_pipe_ends_quietly(self):
        path = self.write("many.jsonl", jsonl_input(self.RECORDS * 2000))
        first, stderr, returncode = first_line_then_close(["--jsonl", path])
        self.assertTrue(first.startswith(b'{"id":7,'))
        self.assertEqual(stderr, b"")
        self.assertEqual(returncode, 1)


def iter_spans(node):
    """Every dict with integer "begin" and "end" (SPANs, paragraphs, sentences...)."""
    if isinstance(node, dict):
        if isinstance(node.get("begin"), int) and isinstance(node.get("end"), int):
            yield node
        for value in node.values():
            yield from iter_spans(value)
    elif isinstance(node, list):
        for value in node:
            yield from iter_spans(value)


class OffsetsTest(unittest.TestCase):
    UNITS = {
        "bytes": lambda text: text.encode("utf-8"),
        "codepoints": lambda text: text,
        "utf16": lambda text: text.encode("utf-16-le"),
    }

    @staticmethod
    def slice_in(unit, text, begin, end):
        if unit == "bytes":
            return text.encode("utf-8")[begin:end].decode("utf-8")
        if unit == "utf16":
            return text.encode("utf-16-le")[2 * begin:2 * end].decode("utf-16-le")
        return text[begin:end]

    @staticmethod
    def length_in(unit, text):
        if unit == "bytes":
            return len(text.encode("utf-8"))
        if unit == "utf16":
            return len(text.encode("utf-16-le")) // 2
        return len(text)

    def check_units(self, text, args_for):
        for unit in self.UNITS:
            with self.subTest(unit=unit):
                p = run(args_for(unit))
                self.assertEqual(p.returncode, 0, p.stderr)
                obj = json.loads(p.stdout)
                spans = list(iter_spans(obj))
                self.assertGreater(len(spans), 0)
                size = self.length_in(unit, text)
                for span in spans:
                    self.assertTrue(0 <= span["begin"] <= span["end"] <= size, span)
                    piece = self.slice_in(unit, text, span["begin"], span["end"])
                    if isinstance(span.get("text"), str):
                        self.assertEqual(span["text"], piece)

    def test_file_offsets(self):
        text = read_fixture("accents.txt").decode("utf-8")
        self.check_units(text, lambda unit: ["--offsets", unit, fixture("accents.txt")])

    def test_jsonl_offsets_refer_to_the_decoded_text(self):
        text = read_fixture("accents.txt").decode("utf-8")
        data = jsonl_input([{"id": 1, "text": text}])
        for unit in self.UNITS:
            with self.subTest(unit=unit):
                p = run(["--jsonl", "--offsets", unit], stdin=data)
                obj = json_lines(p.stdout)[0]
                for span in iter_spans(obj):
                    if isinstance(span.get("text"), str):
                        self.assertEqual(span["text"],
                                         self.slice_in(unit, text, span["begin"], span["end"]))


class TagCollector(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = set()
        self.text = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)

    def handle_data(self, data):
        self.text.append(data)


class FormatsTest(TempDirTestCase):
    TITLE = "Harbor Council Approves Night Ferry Route"
    PAGE_TAGS = {"html", "head", "meta", "style", "title", "body", "article", "h1", "h2",
                 "section", "ul", "li", "span", "dl", "dt", "dd", "br"}

    def test_text(self):
        p = run(["--format", "text", fixture("harbor.txt")])
        self.assertEqual(p.returncode, 0, p.stderr)
        out = p.stdout.decode("utf-8")
        self.assertRegex(out, r"(?m)^Title:\s+" + re.escape(self.TITLE) + "$")
        self.assertRegex(out, r"(?m)^Paragraphs:\s+\d+")
        self.assertRegex(out, r"(?m)^Sentences:\s+\d+")

    def test_text_for_several_documents(self):
        paths = [fixture("harbor.txt"), fixture("escapes.txt")]
        out = run(["--format", "text"] + paths).stdout.decode("utf-8")
        for path in paths:
            self.assertIn(f"==> {path} <==", out)

    def test_html_is_escaped(self):
        p = run(["--format", "html", fixture("escapes.txt")])
        self.assertEqual(p.returncode, 0, p.stderr)
        out = p.stdout.decode("utf-8")
        self.assertTrue(out.startswith("<!DOCTYPE html>\n"))
        self.assertTrue(out.endswith("</html>\n"))
        parser = TagCollector()
        parser.feed(out)
        self.assertLessEqual(parser.tags, self.PAGE_TAGS)
        self.assertIn("&lt;script&gt;", out)
        self.assertIn("a &lt; b", out)
        self.assertIn("a &amp; b", out)
        self.assertIn("<script>alert(1)</script>", "".join(parser.text))

    def test_html_for_jsonl(self):
        data = jsonl_input([{"id": "<1>", "text": "One & two."}, {"id": 2, "text": "Three."}])
        p = run(["--jsonl", "--format", "html"], stdin=data)
        self.assertEqual(p.returncode, 0, p.stderr)
        out = p.stdout.decode("utf-8")
        self.assertEqual(out.count("<article>"), 2)
        self.assertIn("&quot;&lt;1&gt;&quot;", out)

    def test_summary_survives_lossy_bytes(self):
        path = self.write("bad.txt", b"Bad \xff Bytes Ahead\n\nThe \xc3 parser said \x01 hi.\n")
        for fmt in ("text", "html"):
            with self.subTest(fmt=fmt):
                p = run(["--lossy", "--format", fmt, path])
                self.assertEqual(p.returncode, 0, p.stderr)
                p.stdout.decode("utf-8")  # valid UTF-8 whatever the input
                self.assertNotIn(b"\x01", p.stdout)


class JobsTest(TempDirTestCase):
    """--jobs N parses on N threads; the bytes written never depend on N."""

    LINES = (b'{"id": 1, "text": "Mayor Ann Lee said the bridge would reopen in May."}\n'
             b'this is not json\n'
             b'{"id": 3, "text": "\\u201cWe will appeal,\\u201d said lawyer Tom Ruiz."}\n'
             b'\n'
             b'{"id": 4}\n'
             b'{"id": "x", "text": "caf\xe9 prices rose 3%"}\n'
             b'{"id": 6, "text": "Sixth", "date": "2026-02-30"}\n'
             b'{"id": 7, "text": "Prices rose 3% last year, the agency said.", '
             b'"date": "2026-01-05"}\n')

    def stream(self):
        """The lines above among many good ones, so that threads overlap."""
        good = [{"id": f"g{i}", "text": MemoryTest.TEXTS[i % 3] + f" Item {i}."}
                for i in range(300)]
        return jsonl_input(good[:150]) + self.LINES + jsonl_input(good[150:])

    def test_help_documents_jobs(self):
        p = run(["--help"])
        self.assertIn(b"--jobs N", p.stdout)

    def test_bad_values_are_usage_errors(self):
        for value in ("0", "-1", "two", "", "1.5", "2x", "257", "99999999999999999999"):
            with self.subTest(value=value):
                p = run(["--jobs", value, "--sample"])
                self.assertEqual(p.returncode, 2)
                self.assertIn(b"invalid --jobs", p.stderr)
                self.assertEqual(p.stdout, b"")
        p = run(["--jobs"])
        self.assertEqual(p.returncode, 2)

    def test_jsonl_with_bad_lines_is_identical(self):
        data = self.stream()
        one = run(["--jsonl", "--jobs", "1"], stdin=data)
        self.assertEqual(one.returncode, 1)
        for jobs in ("2", "3", "8"):
            with self.subTest(jobs=jobs):
                many = run(["--jsonl", f"--jobs={jobs}"], stdin=data)
                self.assertEqual(many.returncode, 1)
                self.assertEqual(many.stdout, one.stdout)
                self.assertEqual(many.stderr, one.stderr)
        ids = [o["id"] for o in json_lines(one.stdout)]
        self.assertEqual(ids[150:157], [1, None, 3, 4, "x", 6, 7])
        self.assertEqual(len(ids), 307)
        self.assertIn(b"stdin:152: ", one.stderr)

    def test_jsonl_files_and_formats_are_identical(self):
        path = self.write("in.jsonl", self.stream())
        for extra in ([], ["--format", "text"], ["--format", "html"], ["--lossy"],
                      ["--offsets", "utf16"]):
            with self.subTest(extra=extra):
                one = run(["--jsonl", path, path] + extra)
                two = run(["--jsonl", "--jobs", "2", path, path] + extra)
                self.assertEqual(two.returncode, one.returncode)
                self.assertEqual(two.stdout, one.stdout)
                self.assertEqual(two.stderr, one.stderr)

    def test_several_files_are_identical(self):
        paths = [fixture(name) for name in sorted(os.listdir(FIXTURES))]
        paths.insert(1, os.path.join(self.tmp, "missing.txt"))
        paths.append(self.write("bad.txt", b"caf\xe9"))
        paths.append(self.write("empty.txt", b""))
        for extra in ([], ["--format", "text"], ["--pretty"]):
            with self.subTest(extra=extra):
                one = run(paths * 3 + extra)
                two = run(["--jobs", "2"] + paths * 3 + extra)
                self.assertEqual(one.returncode, 1)
                self.assertEqual(two.returncode, one.returncode)
                self.assertEqual(two.stdout, one.stdout)
                self.assertEqual(two.stderr, one.stderr)

    def test_single_document_ignores_jobs(self):
        text = read_fixture("harbor.txt")
        self.assertEqual(run(["--jobs", "4", "-"], stdin=text).stdout, run(["-"], stdin=text).stdout)

    def test_answers_each_line_without_waiting_for_more_input(self):
        assert_answers_each_line(self, ["--jsonl", "--jobs", "2"])

    def test_closed_pipe_ends_quietly(self):
        path = self.write("many.jsonl", self.stream() * 20)
        first, _, returncode = first_line_then_close(["--jsonl", "--jobs", "2", path])
        self.assertTrue(first.startswith(b'{"id":"g0",'))
        self.assertEqual(returncode, 1)


class MemoryTest(TempDirTestCase):
    TEXTS = [
        "Mayor Ann Lee said on Monday that the bridge would reopen in May after repairs "
        "costing $4.5 million, about 12% more than planned.",
        "“We cannot wait,” said Health Minister Omar Diaz. Hospitals treated 300 patients "
        "last week, up from 240 a year earlier.",
        "PARIS (AFP) — Unions called a strike for Thursday. Rail traffic fell by half, the "
        "operator said, and 1,200 flights were cancelled.",
    ]

    def max_rss_kib(self, lines):
        records = ({"id": i, "text": self.TEXTS[i % len(self.TEXTS)] + f" Item {i}."}
                   for i in range(lines))
        path = self.write(f"{lines}.jsonl", jsonl_input(records))
        with open(os.devnull, "wb") as devnull:
            child = subprocess.Popen([LEDE, "--jsonl", path], stdout=devnull)
            _, status, usage = os.wait4(child.pid, 0)
            child.returncode = os.waitstatus_to_exitcode(status)
        self.assertEqual(child.returncode, 0)
        return usage.ru_maxrss  # KiB on Linux

    def test_memory_stays_flat(self):
        small = self.max_rss_kib(2000)
        large = self.max_rss_kib(20000)
        self.assertLess(large, 2 * small + 4096, f"2,000 lines: {small} KiB, 20,000: {large} KiB")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: test_cli.py PATH/TO/lede [unittest arguments]")
    LEDE = os.path.abspath(sys.argv[1])
    unittest.main(argv=[sys.argv[0]] + sys.argv[2:])
