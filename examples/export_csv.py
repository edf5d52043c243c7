#!/usr/bin/env python3
"""Export the quotes and metrics of a folder of articles to two CSV files.

    python3 examples/export_csv.py FOLDER OUTPUT_FOLDER [--date YYYY-MM-DD] [--jobs N]

Every *.txt file of FOLDER is one article. OUTPUT_FOLDER receives quotes.csv
and metrics.csv, one row per quote or metric, with the file it came from and
its character offsets in that file's text. Files that are not UTF-8 are
reported on standard error and skipped (exit status 1).
"""
import argparse
import csv
import os
import sys

import lede

QUOTE_COLUMNS = ["file", "id", "kind", "speaker", "speaker_title", "speaker_affiliation",
                 "speaker_mention", "cue", "confidence", "text", "start", "end"]
METRIC_COLUMNS = ["file", "id", "kind", "text", "value", "low", "high", "unit", "currency",
                  "approx", "change", "date", "date_end", "subject", "speaker", "start", "end"]


def quote_row(name, doc, quote):
    speaker = doc.speaker_of(quote)
    return {
        "file": name, "id": quote.id, "kind": quote.kind,
        "speaker": speaker.name if speaker else "",
        "speaker_title": speaker.title if speaker else "",
        "speaker_affiliation": speaker.affiliation if speaker else "",
        "speaker_mention": quote.speaker_mention.text if quote.speaker_mention else "",
        "cue": quote.cue_lemma, "confidence": quote.confidence,
        "text": quote.text, "start": quote.start, "end": quote.end,
    }


def metric_row(name, doc, metric):
    speaker = doc.speaker_of(metric)
    row = {column: getattr(metric, column, None) for column in METRIC_COLUMNS}
    row.update(file=name, speaker=speaker.name if speaker else "")
    return row


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("output")
    parser.add_argument("--date", help="reference date for articles that state none")
    parser.add_argument("--jobs", type=int, default=None, help="threads (default: CPUs)")
    args = parser.parse_args()

    names = sorted(n for n in os.listdir(args.folder) if n.endswith(".txt"))
    texts = []
    for name in names:
        with open(os.path.join(args.folder, name), "rb") as f:
            texts.append(f.read())
    docs = lede.parse_many(texts, jobs=args.jobs, date=args.date, return_errors=True)

    os.makedirs(args.output, exist_ok=True)
    failed = counts = 0
    with open(os.path.join(args.output, "quotes.csv"), "w", newline="", encoding="utf-8") as qf, \
         open(os.path.join(args.output, "metrics.csv"), "w", newline="", encoding="utf-8") as mf:
        quotes = csv.DictWriter(qf, QUOTE_COLUMNS)
        metrics = csv.DictWriter(mf, METRIC_COLUMNS)
        quotes.writeheader()
        metrics.writeheader()
        for name, doc in zip(names, docs):
            if isinstance(doc, lede.Error):
                print("%s: %s" % (name, doc), file=sys.stderr)
                failed += 1
                continue
            quotes.writerows(quote_row(name, doc, q) for q in doc.quotes)
            metrics.writerows(metric_row(name, doc, m) for m in doc.metrics)
            counts += len(doc.quotes) + len(doc.metrics)
    print("%d articles, %d failed, %d rows written to %s" % (len(names), failed, counts, args.output))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
