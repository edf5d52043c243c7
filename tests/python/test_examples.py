#!/usr/bin/env python3
"""Tests of the Python examples (examples/who_said_what.py, examples/export_csv.py)
on the bundled sample and the made-up articles of examples/articles/.

Run by ctest (python_examples) with PYTHONPATH and LEDE_LIBRARY set.
"""
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import lede

SOURCE = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
EXAMPLES = os.path.join(SOURCE, "examples")
ARTICLES = os.path.join(EXAMPLES, "articles")


def run(script, *args):
    return subprocess.run([sys.executable, os.path.join(EXAMPLES, script)] + list(args),
                          capture_output=True, text=True, timeout=120)


class WhoSaidWhatTest(unittest.TestCase):
    def test_sample(self):
        result = run("who_said_what.py", os.path.join(SOURCE, "cli", "sample.txt"))
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = result.stdout.splitlines()
        self.assertEqual(lines[0], "Health Ministers Agree to Build $1.2 Billion Vaccine Reserve")
        self.assertTrue(lines[1].startswith(
            "Ana Ruiz (Health Minister, Chile) [said, direct 0.95]: We cannot keep starting"), lines[1])
        self.assertIn(" … This reserve means", lines[1])

    def test_article(self):
        result = run("who_said_what.py", os.path.join(ARTICLES, "orchard.txt"))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("Marta Nowak [said, direct 0.95]: We lost most of the early varieties",
                      result.stdout)
        with open(os.path.join(ARTICLES, "orchard.txt"), encoding="utf-8") as f:
            doc = lede.parse(f.read())
        self.assertEqual(len(result.stdout.splitlines()), 1 + len(doc.quotes))


class ExportCsvTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.folder = os.path.join(self.tmp, "articles")
        shutil.copytree(ARTICLES, self.folder)

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def read(self, name):
        with open(os.path.join(self.tmp, "out", name), newline="", encoding="utf-8") as f:
            return list(csv.DictReader(f))

    def test_rows_match_the_library_json(self):
        result = run("export_csv.py", self.folder, os.path.join(self.tmp, "out"))
        self.assertEqual(result.returncode, 0, result.stderr)
        quotes, metrics = self.read("quotes.csv"), self.read("metrics.csv")
        names = sorted(n for n in os.listdir(self.folder) if n.endswith(".txt"))
        expected_quotes, expected_metrics = [], []
        for name in names:
            with open(os.path.join(self.folder, name), encoding="utf-8") as f:
                text = f.read()
            data = json.loads(lede.to_json(text, offsets="codepoints"))
            speakers = data["speakers"]
            for q in data["quotes"]:
                self.assertEqual(text[q["begin"]:q["end"]], q["text"])
                who = speakers[q["speaker"]]["name"] if q["speaker"] is not None else ""
                expected_quotes.append((name, str(q["id"]), q["kind"], who, q["text"],
                                        str(q["begin"]), str(q["end"])))
            for m in data["metrics"]:
                expected_metrics.append((name, m["kind"], m["text"], m["unit"] or "",
                                         m["currency"] or "", str(m["begin"])))
        self.assertEqual([(r["file"], r["id"], r["kind"], r["speaker"], r["text"], r["start"],
                           r["end"]) for r in quotes], expected_quotes)
        self.assertEqual([(r["file"], r["kind"], r["text"], r["unit"], r["currency"], r["start"])
                          for r in metrics], expected_metrics)
        self.assertIn(("orchard.txt", "Marta Nowak"), [(r["file"], r["speaker"]) for r in quotes])
        self.assertIn(("15% to 20%", "15.0", "20.0", ""),
                      [(r["text"], r["low"], r["high"], r["value"]) for r in metrics])

    def test_invalid_file_is_reported(self):
        with open(os.path.join(self.folder, "broken.txt"), "wb") as f:
            f.write(b"Sales rose 4% \xff in May.\n")
        result = run("export_csv.py", self.folder, os.path.join(self.tmp, "out"))
        self.assertEqual(result.returncode, 1)
        self.assertIn("broken.txt: invalid_utf8", result.stderr)
        self.assertNotIn("broken.txt", {r["file"] for r in self.read("metrics.csv")})
        self.assertIn("harbour.txt", {r["file"] for r in self.read("metrics.csv")})


if __name__ == "__main__":
    unittest.main()
