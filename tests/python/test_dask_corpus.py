#!/usr/bin/env python3
"""Test of examples/dask_corpus.py: a small corpus (one form-feed file of many
documents, one JSON Lines file) on a LocalCluster of two workers, and on a
scheduler given by address; the quotes, metrics and errors must equal the
single-process result of `lede --jsonl` (the lede command, LEDE_CLI).

Dask comes from Debian for /usr/bin/python3, which may not be the python3 that
runs this file: it looks for an interpreter that can import dask.bag and
distributed and runs itself there; without one it exits 77 (skipped).
Run by ctest (python_dask) with PYTHONPATH, LEDE_LIBRARY and LEDE_CLI set.
"""
import csv
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

SOURCE = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
EXAMPLE = os.path.join(SOURCE, "examples", "dask_corpus.py")
SKIP = 77
PROBE = "import dask.bag, distributed"


def dask_interpreter():
    """The first Python that can import dask.bag and distributed, or None."""
    candidates = [sys.executable, shutil.which("python3"), "/usr/bin/python3"]
    for python in dict.fromkeys(c for c in candidates if c and os.path.exists(c)):
        try:
            if subprocess.run([python, "-c", PROBE], capture_output=True, timeout=120).returncode == 0:
                return python
        except (OSError, subprocess.SubprocessError):
            pass
    return None


def articles():
    """Made-up articles of the project: the sample and examples/articles/."""
    paths = [os.path.join(SOURCE, "cli", "sample.txt")]
    paths += sorted(glob.glob(os.path.join(SOURCE, "examples", "articles", "*.txt")))
    texts = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            texts.append(f.read())
    texts += [
        "Prices rose 5% in March, officials said.",
        "“We are ready,” said Ana Ruiz, who leads the union. “The strike starts Monday.”",
        "Nothing to see here.",
        "Sales of électricité fell 3,5 % — 😀 — the company said on Friday.",
    ]
    return texts


def rows_from_cli(doc_id, data):
    """The rows dask_corpus.py writes, made from the lede command's JSON."""
    speakers = data["speakers"]

    def speaker(index, field):
        return None if index is None else speakers[index][field]

    quotes = [{
        "doc": doc_id, "id": q["id"], "kind": q["kind"],
        "speaker": speaker(q["speaker"], "name"), "speaker_key": speaker(q["speaker"], "key"),
        "speaker_title": speaker(q["speaker"], "title"),
        "speaker_affiliation": speaker(q["speaker"], "affiliation"),
        "speaker_mention": q["speaker_mention"]["text"] if q["speaker_mention"] else None,
        "cue": q["cue"]["lemma"] if q["cue"] else None, "confidence": q["confidence"],
        "text": q["text"], "begin": q["begin"], "end": q["end"],
    } for q in data["quotes"]]
    metrics = []
    for m in data["metrics"]:
        row = {k: m[k] for k in ("id", "kind", "text", "value", "low", "high", "unit", "currency",
                                 "approx", "change", "date", "date_end", "grain", "mod",
                                 "subject", "quote", "begin", "end")}
        row.update(doc=doc_id, speaker=speaker(m["speaker"], "name"))
        metrics.append(row)
    return quotes, metrics


def rounded(rows):
    """Numbers to 12 significant digits: the lede command writes 15 (1/3 as
    0.333333333333333), Python's json the shortest exact form."""
    def number(v):
        return float("%.12g" % v) if isinstance(v, float) else v

    return [{k: number(v) for k, v in row.items()} for row in rows]


def read_parts(folder, fmt):
    rows = []
    for path in sorted(glob.glob(os.path.join(folder, "part-*." + fmt))):
        with open(path, encoding="utf-8", newline="") as f:
            if fmt == "jsonl":
                rows += [json.loads(line) for line in f if line.strip()]
            else:
                rows += list(csv.DictReader(f))
    return rows


class DaskCorpusTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp()
        texts = articles()
        # One big form-feed file (so it must be cut into several chunks), an
        # invalid document in it, and a JSON Lines file.
        cls.bulk = os.path.join(cls.tmp, "corpus", "bulk.txt")
        os.makedirs(os.path.dirname(cls.bulk))
        docs = [t.encode("utf-8") for t in texts * 3]
        docs.insert(5, b"Revenue rose 9% \xff in April, the firm said.")
        with open(cls.bulk, "wb") as f:
            f.write(b"\f".join(docs) + b"\f\n")
        cls.lines = os.path.join(cls.tmp, "corpus", "more.jsonl")
        with open(cls.lines, "w", encoding="utf-8") as f:
            for i, text in enumerate(texts):
                record = {"id": "line-%d" % i, "text": text}
                if i == 4:
                    record["date"] = "2025-06-30"
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
        cls.expected = cls.single_process(docs, texts)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    @classmethod
    def single_process(cls, docs, texts):
        """quotes, metrics, errors from `lede --jsonl` over the same documents."""
        records, errors = [], []
        for i, raw in enumerate(docs):
            doc_id = "%s:%d" % (cls.bulk, i)
            try:
                records.append({"id": doc_id, "text": raw.decode("utf-8")})
            except UnicodeDecodeError as e:
                errors.append({"doc": doc_id, "code": "invalid_utf8", "offset": e.start})
        with open(cls.lines, encoding="utf-8") as f:
            records += [json.loads(line) for line in f]
        result = subprocess.run([os.environ["LEDE_CLI"], "--jsonl"], capture_output=True,
                                timeout=300, check=True,
                                input="".join(json.dumps(r) + "\n" for r in records).encode())
        quotes, metrics = [], []
        for line in result.stdout.decode("utf-8").splitlines():
            data = json.loads(line)
            q, m = rows_from_cli(data["id"], data)
            quotes += q
            metrics += m
        return {"quotes": quotes, "metrics": metrics, "errors": errors}

    def run_example(self, out, *args):
        command = [sys.executable, EXAMPLE, out, os.path.join(self.tmp, "corpus", "*"),
                   "--chunk", "4"] + list(args)
        result = subprocess.run(command, capture_output=True, text=True, timeout=600)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        return result.stdout

    def check_jsonl(self, out):
        for table in ("quotes", "metrics"):
            self.assertEqual(rounded(read_parts(os.path.join(out, table), "jsonl")),
                             rounded(self.expected[table]), table)
        errors = read_parts(os.path.join(out, "errors"), "jsonl")
        self.assertEqual([{k: e[k] for k in ("doc", "code", "offset")} for e in errors],
                         self.expected["errors"])

    def test_local_cluster(self):
        out = os.path.join(self.tmp, "local")
        summary = self.run_example(out, "--workers", "2")
        self.assertRegex(summary, r"2 files, \d+ partitions, 2 workers")
        partitions = int(summary.split(" partitions")[0].split()[-1])
        self.assertGreater(partitions, 4)  # the big file was cut into chunks
        self.assertEqual(len(glob.glob(os.path.join(out, "quotes", "part-*"))), partitions)
        self.check_jsonl(out)
        self.assertGreater(len(self.expected["quotes"]), 20)
        self.assertGreater(len(self.expected["metrics"]), 50)

    def test_csv(self):
        out = os.path.join(self.tmp, "csv")
        self.run_example(out, "--workers", "2", "--format", "csv")
        rows = read_parts(os.path.join(out, "quotes"), "csv")
        expected = self.expected["quotes"]
        self.assertEqual(len(rows), len(expected))
        self.assertEqual([(r["doc"], r["text"], r["speaker"], int(r["begin"])) for r in rows],
                         [(e["doc"], e["text"], e["speaker"] or "", e["begin"]) for e in expected])
        metrics = read_parts(os.path.join(out, "metrics"), "csv")
        self.assertEqual([(r["doc"], r["text"]) for r in metrics],
                         [(e["doc"], e["text"]) for e in self.expected["metrics"]])

    def test_scheduler_address(self):
        from distributed import LocalCluster

        with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None) as cluster:
            out = os.path.join(self.tmp, "remote")
            summary = self.run_example(out, "--scheduler", cluster.scheduler_address)
            self.assertIn("1 workers", summary)
            self.check_jsonl(out)


def main():
    python = dask_interpreter()
    if python is None:
        print("SKIP: no Python here can import dask.bag and distributed "
              "(Debian: apt-get install --no-install-recommends python3-dask python3-distributed)")
        return SKIP
    if os.path.realpath(python) != os.path.realpath(sys.executable):
        print("running under %s, which has dask" % python, flush=True)
        return subprocess.run([python, os.path.abspath(__file__)] + sys.argv[1:]).returncode
    if not os.environ.get("LEDE_CLI"):
        print("SKIP: LEDE_CLI (the lede command) is not set")
        return SKIP
    return 0 if unittest.main(exit=False).result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
