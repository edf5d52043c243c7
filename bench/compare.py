#!/usr/bin/env python3
"""Two builds of lede compared on the same bytes, run by turns (docs/performance.md).

On a shared machine the wall-clock rate of one run moves by a fifth to a third
from run to run, more than most changes make: the two builds are therefore run
alternately, base then new, RUNS times each, and the medians of their CPU times
(user + system, of the child alone) are compared. The script reports, for the
library (`bench_document --parse-only`, every layer, no JSON) and, unless
--no-cli, for the command (`lede --jsonl` to /dev/null):

- each build's median and fastest CPU time and its MB/s at the median;
- the ratio new / base of the median rates (above 1: the new build is faster),
  with the spread of the per-pair ratios (lowest and highest);
- unless --no-callgrind, the instructions each build executes on the first MB
  (`lede_parse()` and `lede_doc_free()` alone), which do not move from run to
  run, and their ratio.

A table and one JSON line ("bench":"compare"). Timings are reported, never
asserted: the exit status is non-zero only when a program fails.

    compare.py --base DIR --new DIR [--corpus FILE] [--copies N] [--runs N]
               [--no-cli] [--no-callgrind] [--work DIR]

DIR is a build of lede with the bench targets (bench/run.sh makes one in
build-bench/; build the other commit in a second folder).
"""
import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import corpus as corpora  # noqa: E402
from harness import DEFAULT_CORPUS, instructions, load_average, mb, timed  # noqa: E402


def programs(build):
    build = os.path.abspath(build)
    exe = {"bench_document": os.path.join(build, "bench", "bench_document"),
           "lede": os.path.join(build, "cli", "lede")}
    for path in exe.values():
        if not os.access(path, os.X_OK):
            raise SystemExit(f"compare: {path} is missing: build bench_document and lede_cli")
    return exe


def by_turns(commands, runs):
    """Run each of the two commands `runs` times, by turns (which goes first
    alternates too); the CPU seconds of each run, per command."""
    cpu = ([], [])
    for r in range(runs):
        order = (0, 1) if r % 2 == 0 else (1, 0)
        for k in order:
            cpu[k].append(timed(commands[k])[2])
    return cpu


def summary(cpu, size):
    median = statistics.median(cpu)
    return {"cpu_s_median": round(median, 4), "cpu_s_best": round(min(cpu), 4),
            "mb_s_median": round(mb(size) / median, 2)}


def compared(name, cpu, size):
    """The figures of one measure: each build's, and new against base."""
    base, new = summary(cpu[0], size), summary(cpu[1], size)
    pairs = sorted(b / n for b, n in zip(cpu[0], cpu[1]))
    return {"measure": name, "bytes": size, "base": base, "new": new,
            "speed_ratio": round(base["cpu_s_median"] / new["cpu_s_median"], 3),
            "pair_ratio_low": round(pairs[0], 3), "pair_ratio_high": round(pairs[-1], 3)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base", required=True, help="the build to compare against")
    ap.add_argument("--new", required=True, help="the build being measured")
    ap.add_argument("--corpus", help="form-feed separated articles (default: "
                    "../shared/corpora/bench/bbc.txt, else one made from the fixtures)")
    ap.add_argument("--copies", type=int, default=4,
                    help="repeat the corpus N times, for runs of a second or more (4)")
    ap.add_argument("--runs", type=int, default=11, help="runs of each build, by turns (11)")
    ap.add_argument("--no-cli", action="store_true", help="skip lede --jsonl")
    ap.add_argument("--no-callgrind", action="store_true", help="skip the instruction counts")
    ap.add_argument("--work", help="folder for the generated inputs (default: a temporary one)")
    args = ap.parse_args()

    exe = (programs(args.base), programs(args.new))
    work = args.work or tempfile.mkdtemp(prefix="lede-compare-")
    os.makedirs(work, exist_ok=True)
    runs = max(1, args.runs)
    copies = max(1, args.copies)

    corpus = args.corpus or DEFAULT_CORPUS
    if not os.path.exists(corpus):
        if args.corpus:
            raise SystemExit(f"compare: no corpus {corpus}")
        corpus = os.path.join(work, "fixtures.txt")
        corpora.main(["corpus.py", "fixtures", corpus])
        print(f"(no {DEFAULT_CORPUS}: using a corpus made from the fixtures)")
    text = os.path.join(work, f"corpus_x{copies}.txt")
    corpora.main(["corpus.py", "repeat", corpus, text, str(copies)])
    result = {"bench": "compare", "base": os.path.abspath(args.base),
              "new": os.path.abspath(args.new), "corpus": os.path.basename(corpus),
              "copies": copies, "runs": runs, "load_before": load_average()}
    measures = []

    cpu = by_turns([[e["bench_document"], "--parse-only", text] for e in exe], runs)
    measures.append(compared("lede_parse", cpu, os.path.getsize(text)))
    if not args.no_cli:
        jsonl = os.path.join(work, f"corpus_x{copies}.jsonl")
        corpora.write_jsonl(corpora.articles(corpus), jsonl, copies)
        cpu = by_turns([[e["lede"], "--jsonl", jsonl] for e in exe], runs)
        measures.append(compared("lede --jsonl", cpu, os.path.getsize(jsonl)))
    result["measures"] = measures
    result["load_after"] = load_average()

    if not args.no_callgrind and shutil.which("valgrind"):
        head = os.path.join(work, "head.txt")
        corpora.main(["corpus.py", "head", corpus, head, str(1 << 20)])
        counts = [instructions([e["bench_document"], "--parse-only", head], work,
                               only=("lede_parse", "lede_doc_free")) for e in exe]
        result.update(callgrind_bytes=os.path.getsize(head), instructions_base=counts[0],
                      instructions_new=counts[1],
                      instructions_ratio=round(counts[1] / counts[0], 4))

    print(f"corpus {corpus} x{copies}; {runs} runs of each build by turns; load "
          f"{result['load_before']} before, {result['load_after']} after")
    print(f"{'measure':14} {'MB':>7} {'base CPU s':>11} {'new CPU s':>10} {'base MB/s':>10} "
          f"{'new MB/s':>9} {'new/base':>9} {'pairs':>13}")
    for m in measures:
        print(f"{m['measure']:14} {mb(m['bytes']):7.1f} {m['base']['cpu_s_median']:11.3f} "
              f"{m['new']['cpu_s_median']:10.3f} {m['base']['mb_s_median']:10.1f} "
              f"{m['new']['mb_s_median']:9.1f} {m['speed_ratio']:9.3f} "
              f"{m['pair_ratio_low']:6.2f}-{m['pair_ratio_high']:.2f}")
    if "instructions_ratio" in result:
        hb = result["callgrind_bytes"]
        print(f"instructions of lede_parse on the first {mb(hb):.2f} MB: "
              f"base {result['instructions_base'] / hb:.1f} a byte, "
              f"new {result['instructions_new'] / hb:.1f} (new/base "
              f"{result['instructions_ratio']:.4f})")
    print(json.dumps(result, separators=(",", ":")))
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
