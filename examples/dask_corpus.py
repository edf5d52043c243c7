#!/usr/bin/env python3
"""Parse a large corpus with lede on a Dask cluster and write its quotes and
metrics as JSON Lines (or CSV), one file per chunk of documents.

    python3 examples/dask_corpus.py OUT_DIR GLOB [GLOB ...]
        [--workers 2] [--scheduler tcp://HOST:8786] [--chunk 200]
        [--format jsonl|csv] [--date YYYY-MM-DD] [--lossy]

Inputs, chosen by their extension:
  *.jsonl, *.json   JSON Lines, {"id": ..., "text": "...", "date": "YYYY-MM-DD"?}
                    a line; without "id" a document is "PATH:LINE" (from 1)
  anything else     UTF-8 text holding documents separated by form feeds (\\f);
                    a document is "PATH:N", N counting from 0

The client only finds where documents begin (a scan for newlines or form
feeds) and cuts every file into chunks of --chunk documents, so one big file
spreads over all the workers; each worker reads its chunks from the file
itself, parses them with lede and returns rows. OUT_DIR receives quotes/,
metrics/ and errors/, each with part files in document order (concatenate
them to get the whole table).

Without --scheduler a LocalCluster of --workers processes starts on this
machine (loopback only, no dashboard). With --scheduler the run goes to that
cluster; every worker then needs the lede package and liblede, and must see
the input files and OUT_DIR at the same paths (docs/scale-out.md).

Needs dask.bag and distributed (Debian: python3-dask python3-distributed),
the lede package and liblede (docs/python.md).
"""
import argparse
import csv
import glob
import io
import json
import os
import sys
import time

import dask
import dask.bag as db
import lede

QUOTE_COLUMNS = ["doc", "id", "kind", "speaker", "speaker_key", "speaker_title",
                 "speaker_affiliation", "speaker_mention", "cue", "confidence", "text",
                 "begin", "end"]
METRIC_COLUMNS = ["doc", "id", "kind", "text", "value", "low", "high", "unit", "currency",
                  "approx", "change", "date", "date_end", "grain", "mod", "subject", "quote",
                  "speaker", "begin", "end"]
ERROR_COLUMNS = ["doc", "code", "message", "offset"]


# ---- the client: cutting the corpus into chunks -----------------------------


def is_jsonl(path):
    return path.endswith((".jsonl", ".json"))


def document_starts(path):
    """Byte offsets where the documents of a file begin, and its size."""
    separator = b"\n" if is_jsonl(path) else b"\f"
    with open(path, "rb") as f:
        data = f.read()
    starts, position = [0], data.find(separator)
    while position != -1:
        starts.append(position + 1)
        position = data.find(separator, position + 1)
    return starts, len(data)


def make_chunks(paths, chunk):
    """(path, first document number, byte start, byte end) per `chunk` documents."""
    chunks = []
    for path in paths:
        starts, size = document_starts(path)
        starts = [s for s in starts if s < size] or [0]
        for i in range(0, len(starts), chunk):
            end = starts[i + chunk] if i + chunk < len(starts) else size
            chunks.append((path, i, starts[i], end))
    return chunks


# ---- the workers: reading, parsing, rows ------------------------------------


def read_documents(path, first, begin, end):
    """(id, text bytes or str, date or None) of the documents of one chunk."""
    with open(path, "rb") as f:
        f.seek(begin)
        data = f.read(end - begin)
    if is_jsonl(path):
        for number, line in enumerate(data.split(b"\n"), start=first + 1):
            if line.strip():
                record = json.loads(line)
                yield record.get("id", "%s:%d" % (path, number)), record["text"], record.get("date")
    else:
        for number, text in enumerate(data.split(b"\f"), start=first):
            if text.strip():
                yield "%s:%d" % (path, number), text, None


def quote_row(doc_id, doc, quote):
    speaker = doc.speaker_of(quote)
    return {
        "doc": doc_id, "id": quote.id, "kind": quote.kind,
        "speaker": speaker.name if speaker else None,
        "speaker_key": speaker.key if speaker else None,
        "speaker_title": speaker.title if speaker else None,
        "speaker_affiliation": speaker.affiliation if speaker else None,
        "speaker_mention": quote.speaker_mention.text if quote.speaker_mention else None,
        "cue": quote.cue_lemma, "confidence": quote.confidence, "text": quote.text,
        "begin": quote.byte_start, "end": quote.byte_end,
    }


def metric_row(doc_id, doc, metric):
    speaker = doc.speaker_of(metric)
    row = {name: getattr(metric, name, None) for name in METRIC_COLUMNS}
    row.update(doc=doc_id, speaker=speaker.name if speaker else None,
               begin=metric.byte_start, end=metric.byte_end)
    return row


def parse_chunk(chunk, date, lossy):
    """Rows of one chunk: {"quotes": [...], "metrics": [...], "errors": [...]}."""
    rows = {"quotes": [], "metrics": [], "errors": []}
    for doc_id, text, doc_date in read_documents(*chunk):
        try:
            doc = lede.parse(text, date=doc_date or date, lossy=lossy)
        except lede.Error as e:
            rows["errors"].append({"doc": doc_id, "code": e.code, "message": e.message,
                                   "offset": e.offset})
            continue
        rows["quotes"].extend(quote_row(doc_id, doc, q) for q in doc.quotes)
        rows["metrics"].extend(metric_row(doc_id, doc, m) for m in doc.metrics)
    return rows


def jsonl_lines(rows, columns):
    return [json.dumps(row, ensure_ascii=False) for row in rows]


def csv_lines(rows, columns):
    """A header and the rows, as CSV text lines (every part file has the header)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().splitlines()


# ---- the run ----------------------------------------------------------------


def start_client(args):
    from distributed import Client, LocalCluster

    if args.scheduler:
        return Client(args.scheduler), None
    cluster = LocalCluster(n_workers=args.workers, threads_per_worker=args.threads,
                           processes=True, host="127.0.0.1", dashboard_address=None)
    return Client(cluster), cluster


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out_dir")
    parser.add_argument("inputs", nargs="+", metavar="GLOB")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="a running Dask scheduler (default: a LocalCluster here)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="LocalCluster worker processes (default: CPUs)")
    parser.add_argument("--threads", type=int, default=1,
                        help="threads per LocalCluster worker (default 1)")
    parser.add_argument("--chunk", type=int, default=200, help="documents per partition")
    parser.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    parser.add_argument("--date", help="reference date for documents that state none")
    parser.add_argument("--lossy", action="store_true", help="replace invalid UTF-8")
    args = parser.parse_args()

    paths = sorted({p for pattern in args.inputs for p in glob.glob(pattern, recursive=True)
                    if os.path.isfile(p)})
    if not paths:
        parser.error("no file matches %s" % " ".join(args.inputs))
    paths = [os.path.abspath(p) for p in paths]  # workers may run elsewhere
    started = time.monotonic()
    chunks = make_chunks(paths, max(1, args.chunk))

    client, cluster = start_client(args)
    try:
        results = db.from_sequence(chunks, npartitions=len(chunks)).map(
            parse_chunk, date=args.date, lossy=args.lossy)
        lines = csv_lines if args.format == "csv" else jsonl_lines
        writes = []
        for table, columns in (("quotes", QUOTE_COLUMNS), ("metrics", METRIC_COLUMNS),
                               ("errors", ERROR_COLUMNS)):
            folder = os.path.join(os.path.abspath(args.out_dir), table)
            os.makedirs(folder, exist_ok=True)
            for old in glob.glob(os.path.join(folder, "part-*")):
                os.remove(old)
            rows = results.map(lambda r, t=table: r[t])
            text = rows.map(lines, columns).flatten()
            writes.append(text.to_textfiles(os.path.join(folder, "part-*.%s" % args.format),
                                            name_function=lambda i: "%05d" % i,
                                            compute=False, encoding="utf-8",
                                            last_endline=True))
        # One compute: each chunk is parsed once for all three tables.
        dask.compute(*writes)
        workers = len(client.scheduler_info()["workers"])
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    print("%d files, %d partitions, %d workers: %s in %.1f s" % (
        len(paths), len(chunks), workers, args.out_dir, time.monotonic() - started))


if __name__ == "__main__":
    sys.exit(main())
