#!/usr/bin/env python3
"""Corpora for the benchmarks (bench/harness.py), standard library only.

    corpus.py split CORPUS                  print the article count and bytes
    corpus.py jsonl CORPUS OUT [--repeat N] one {"id", "text"} line per article
    corpus.py repeat CORPUS OUT N           CORPUS N times, form-feed separated
    corpus.py fixtures OUT                  a corpus from the project's fixtures
    corpus.py head CORPUS OUT BYTES         the first articles, up to BYTES

A corpus holds articles separated by lines holding only a form feed (the
layout of ../shared/corpora/bench/bbc.txt).
"""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEPARATOR = b"\n\f\n"


def articles(path):
    with open(path, "rb") as f:
        data = f.read()
    if data.startswith(b"\f\n"):
        data = data[2:]
    return [a for a in data.split(SEPARATOR) if a.strip()]


def write_jsonl(arts, out, repeat=1):
    with open(out, "wb") as f:
        n = 0
        for r in range(repeat):
            for a in arts:
                text = a.decode("utf-8", errors="replace")
                line = json.dumps({"id": n, "text": text}, ensure_ascii=False)
                f.write(line.encode("utf-8") + b"\n")
                n += 1


def fixture_articles():
    """News texts written for the project: the CLI fixtures, the sample, the
    example articles and the benchmark's own (bench/articles/, made up for
    it, which also train scripts/pgo-build.sh), each one article, not the
    CMakeLists.txt files that share their folders."""
    found = []
    for folder in ("tests/cli/fixtures", "cli", "examples/articles", "bench/articles"):
        base = os.path.join(ROOT, folder)
        if not os.path.isdir(base):
            continue
        for name in sorted(os.listdir(base)):
            if name.endswith(".txt") and name != "CMakeLists.txt":
                with open(os.path.join(base, name), "rb") as f:
                    text = f.read().strip()
                if text:
                    found.append(text)
    return found


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    cmd = argv[1]
    if cmd == "split":
        arts = articles(argv[2])
        print(len(arts), sum(len(a) for a in arts))
    elif cmd == "jsonl":
        repeat = int(argv[5]) if len(argv) > 5 and argv[4] == "--repeat" else 1
        write_jsonl(articles(argv[2]), argv[3], repeat)
    elif cmd == "repeat":
        with open(argv[2], "rb") as f:
            data = f.read().rstrip(b"\n")
        with open(argv[3], "wb") as f:
            for _ in range(int(argv[4])):
                f.write(data + SEPARATOR)
    elif cmd == "fixtures":
        arts = fixture_articles()
        # Enough copies for timings that mean something (about 4 MB).
        size = sum(len(a) for a in arts) or 1
        copies = max(1, 4_000_000 // size)
        with open(argv[2], "wb") as f:
            for _ in range(copies):
                for a in arts:
                    f.write(a + SEPARATOR)
    elif cmd == "head":
        limit, used = int(argv[4]), 0
        with open(argv[3], "wb") as f:
            for a in articles(argv[2]):
                if used + len(a) > limit:
                    break
                f.write(a + SEPARATOR)
                used += len(a) + len(SEPARATOR)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
