#!/usr/bin/env python3
"""cli_schema: the output of the lede command, in every mode that writes
JSON, validates against docs/lede.schema.json (the JSON contract of
docs/json.md as a JSON Schema, draft 2020-12).

    test_schema.py PATH/TO/lede

The validator is the jsonschema package (Debian: python3-jsonschema), which
may belong to another interpreter than the one running this file: the first
python3 that can import it runs the test; without one it exits 77 (skipped).
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

SOURCE = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SCHEMA = os.path.join(SOURCE, "docs", "lede.schema.json")
SKIP = 77
LEDE = None  # from argv

FIXTURES = sorted(glob.glob(os.path.join(SOURCE, "tests", "cli", "fixtures", "*.txt"))
                  + glob.glob(os.path.join(SOURCE, "examples", "articles", "*.txt"))
                  + [os.path.join(SOURCE, "cli", "sample.txt")])


def interpreter_with(module):
    candidates = [sys.executable, shutil.which("python3"), "/usr/bin/python3"]
    for python in dict.fromkeys(c for c in candidates if c and os.path.exists(c)):
        try:
            probe = subprocess.run([python, "-c", "import " + module], capture_output=True,
                                   timeout=60)
            if probe.returncode == 0:
                return python
        except (OSError, subprocess.SubprocessError):
            pass
    return None


def lede(args, stdin=b""):
    result = subprocess.run([LEDE] + args, input=stdin, capture_output=True, timeout=120)
    return result.returncode, result.stdout


def lines(stdout):
    return [json.loads(line) for line in stdout.split(b"\n") if line.strip()]


class SchemaTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        import jsonschema

        with open(SCHEMA, encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
        cls.validator = jsonschema.Draft202012Validator(schema)

    def assertValid(self, obj, where):
        errors = sorted(self.validator.iter_errors(obj), key=lambda e: list(e.path))
        self.assertFalse(errors, "%s: %s" % (where, "; ".join(
            "%s: %s" % ("/".join(map(str, e.absolute_path)), e.message) for e in errors[:5])))

    def test_sample(self):
        status, out = lede(["--sample"])
        self.assertEqual(status, 0)
        doc = json.loads(out)
        self.assertValid(doc, "--sample")
        for layer in ("speakers", "quotes", "metrics"):
            self.assertTrue(doc[layer], layer)  # the schema saw every kind of object

    def test_each_file_and_offset_unit(self):
        for path in FIXTURES:
            for unit in ("bytes", "codepoints", "utf16"):
                status, out = lede(["--offsets", unit, "--date", "2025-01-15", path])
                self.assertEqual(status, 0, path)
                self.assertValid(json.loads(out), "%s --offsets %s" % (path, unit))

    def test_several_files_and_pretty(self):
        status, out = lede(FIXTURES)
        self.assertEqual(status, 0)
        results = lines(out)
        self.assertEqual(len(results), len(FIXTURES))
        for obj in results:
            self.assertValid(obj, obj.get("id"))
        status, out = lede(["--pretty", FIXTURES[0]])
        self.assertValid(json.loads(out), "--pretty")

    def test_json_lines_with_errors_and_lossy(self):
        records = b"".join([
            json.dumps({"id": "a", "text": "Prices rose 5% on Monday, officials said.",
                        "date": "2025-03-26"}).encode() + b"\n",
            json.dumps({"id": 7, "text": ""}).encode() + b"\n",
            json.dumps({"id": ["x"]}).encode() + b"\n",
            b"not json\n",
        ])
        status, out = lede(["--jsonl"], records)
        self.assertEqual(status, 1)
        objs = lines(out)
        self.assertEqual([("error" in o) for o in objs], [False, False, True, True])
        for obj in objs:
            self.assertValid(obj, "--jsonl %r" % obj.get("id"))
        with tempfile.TemporaryDirectory() as tmp:
            bad = os.path.join(tmp, "bad.txt")
            with open(bad, "wb") as f:
                f.write(b"Sales rose 4% \xff in May, the company said.\n")
            status, out = lede([bad, FIXTURES[0]])
            self.assertEqual(status, 1)
            for obj in lines(out):
                self.assertValid(obj, "several files with a bad one")
            status, out = lede(["--lossy", "--offsets", "utf16", bad])
            self.assertEqual(status, 0)
            self.assertValid(json.loads(out), "--lossy")

    def test_the_schema_rejects_what_breaks_the_contract(self):
        status, out = lede(["--sample"])
        doc = json.loads(out)
        broken = [
            ("quote kind", lambda d: d["quotes"][0].update(kind="rumour")),
            ("quote without fragments", lambda d: d["quotes"][0].update(fragments=[])),
            ("metric without approx", lambda d: d["metrics"][0].pop("approx")),
            ("speaker gender", lambda d: d["speakers"][0].update(gender="f")),
            ("metric date", lambda d: d["metrics"][0].update(date="26/03/2026")),
            ("span without text", lambda d: d["document"]["title"].pop("text")),
            ("schema version", lambda d: d.update(schema=2)),
        ]
        for what, breaks in broken:
            copy = json.loads(out)
            breaks(copy)
            self.assertTrue(list(self.validator.iter_errors(copy)), what)
        self.assertValid(doc, "unchanged")


def main():
    global LEDE
    if len(sys.argv) < 2:
        print("usage: test_schema.py PATH/TO/lede [unittest arguments]", file=sys.stderr)
        return 2
    python = interpreter_with("jsonschema")
    if python is None:
        print("SKIP: no Python here can import jsonschema (Debian: python3-jsonschema)")
        return SKIP
    if os.path.realpath(python) != os.path.realpath(sys.executable):
        print("running under %s, which has jsonschema" % python, flush=True)
        return subprocess.run([python, os.path.abspath(__file__)] + sys.argv[1:]).returncode
    LEDE = os.path.abspath(sys.argv[1])
    result = unittest.main(argv=[sys.argv[0]] + sys.argv[2:], exit=False).result
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
