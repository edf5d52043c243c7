#!/usr/bin/env python3
"""The performance harness of issue 7 (docs/performance.md), standard library
only. It runs the benchmark programs of a build (bench/run.sh makes a Release
one) and prints a table and one JSON line:

- the floor: bench_floor, a one-pass word count, as a whole process on the
  same bytes (the corpus, and its JSON Lines form), best of ROUNDS;
- library parse throughput (all layers, no JSON) and documents/s
  (bench_document), with its ratio to the floor;
- `lede --jsonl` end to end, on the corpus as JSON Lines, written to
  /dev/null, best of ROUNDS, with --jobs 1 and --jobs 2, each with its ratio to
  the floor on the JSON Lines bytes and its peak RSS;
- instructions per byte under callgrind (perf stat does not count on this
  machine) for the floor, the library and the command, on the first MB;
- peak RSS of `lede --jsonl` streaming the corpus 1x and repeated to >= 17 MB
  (flat over the stream length; target <= 64 MB);
- per-document memory from a counting allocator (bench_memory; target
  <= 8 x input + 64 KiB);
- the hostile inputs at 1x, 2x and 4x (bench_hostile, best of ROUNDS) with
  their time ratios;
- with --speedup, `lede --jsonl --jobs 1` against `--jobs 2` on the corpus
  repeated to >= 100 MB, with the load average at the time.

Timings are reported, never asserted: the exit status is non-zero only when a
program fails.

    harness.py --build-dir DIR [--corpus FILE] [--rounds N] [--speedup]
               [--no-callgrind] [--no-hostile] [--work DIR]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_CORPUS = os.path.join(ROOT, "..", "shared", "corpora", "bench", "bbc.txt")
sys.path.insert(0, HERE)
import corpus as corpora  # noqa: E402


TIME = "/usr/bin/time"  # GNU time: its own small RSS is what the child starts from


def timed(argv, stdout=subprocess.DEVNULL):
    """Run argv; (seconds, peak RSS in KiB, CPU seconds, user and system). A child forked from
    this Python process would start with Python's peak RSS (Linux keeps it
    across fork and exec), so the peak is read by GNU time when it exists."""
    with tempfile.NamedTemporaryFile("r") as rss_file:
        wrapped = argv
        if os.access(TIME, os.X_OK):
            wrapped = [TIME, "-f", "%M", "-o", rss_file.name] + argv
        start = time.perf_counter()
        child = subprocess.Popen(wrapped, stdout=stdout, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        err = child.stderr.read()
        child.stderr.close()
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            sys.stderr.write(err.decode("utf-8", "replace")[-2000:])
            raise SystemExit(f"harness: {' '.join(argv)} exited {code}")
        rss = usage.ru_maxrss
        if wrapped is not argv:
            rss = int(rss_file.read().split()[-1])
        return seconds, rss, usage.ru_utime + usage.ru_stime


def captured(argv):
    """Run argv; (its stdout as text, peak RSS in KiB as GNU time reads it, or
    None without it)."""
    with tempfile.NamedTemporaryFile("r") as rss_file:
        has_time = os.access(TIME, os.X_OK)
        wrapped = [TIME, "-f", "%M", "-o", rss_file.name] + argv if has_time else argv
        p = subprocess.run(wrapped, capture_output=True, text=True)
        if p.returncode != 0:
            sys.stderr.write(p.stderr[-2000:])
            raise SystemExit(f"harness: {' '.join(argv)} exited {p.returncode}")
        return p.stdout, int(rss_file.read().split()[-1]) if has_time else None


def best_of(argv, rounds):
    best_s, rss = None, 0
    for _ in range(rounds):
        s, r, _ = timed(argv)
        best_s = s if best_s is None else min(best_s, s)
        rss = max(rss, r)
    return best_s, rss


def json_line(output, bench):
    for line in output.splitlines():
        if line.startswith("{") and f'"bench":"{bench}"' in line:
            return json.loads(line)
    raise SystemExit(f"harness: no JSON line from bench_{bench}")


def instructions(argv, work, only=()):
    """Instructions executed by argv under callgrind: its whole run, or with
    `only` the calls of those functions and everything they call."""
    out = os.path.join(work, "callgrind.out")
    toggles = [f"--toggle-collect={name}" for name in only]
    if only:
        toggles.append("--collect-atstart=no")
    p = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"] + toggles
                       + argv,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if p.returncode != 0:
        raise SystemExit(f"harness: callgrind on {argv[0]} failed")
    with open(out) as f:
        for line in f:
            if line.startswith(("summary:", "totals:")):
                return int(line.split()[1])
    raise SystemExit("harness: no totals in the callgrind output")


def mb(n):
    return n / 1e6


def load_average():
    try:
        with open("/proc/loadavg") as f:
            return f.read().split()[0]
    except OSError:
        return "?"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build-dir", required=True, help="a build of lede (Release)")
    ap.add_argument("--corpus", help="form-feed separated articles (default: "
                    "../shared/corpora/bench/bbc.txt, else one made from the fixtures)")
    ap.add_argument("--rounds", type=int, default=3, help="keep the best of N runs (3)")
    ap.add_argument("--speedup", action="store_true",
                    help="--jobs 1 against --jobs 2 on >= 100 MB of JSON Lines")
    ap.add_argument("--no-callgrind", action="store_true", help="skip instructions per byte")
    ap.add_argument("--no-hostile", action="store_true", help="skip the hostile inputs")
    ap.add_argument("--work", help="folder for the generated inputs (default: a temporary one)")
    args = ap.parse_args()

    build = os.path.abspath(args.build_dir)
    exe = {name: os.path.join(build, "bench", name)
           for name in ("bench_document", "bench_hostile", "bench_memory", "bench_floor")}
    exe["lede"] = os.path.join(build, "cli", "lede")
    for path in exe.values():
        if not os.access(path, os.X_OK):
            raise SystemExit(f"harness: {path} is missing: build the bench targets first")
    work = args.work or tempfile.mkdtemp(prefix="lede-bench-")
    os.makedirs(work, exist_ok=True)
    rounds = max(1, args.rounds)

    corpus = args.corpus or DEFAULT_CORPUS
    if not os.path.exists(corpus):
        if args.corpus:
            raise SystemExit(f"harness: no corpus {corpus}")
        corpus = os.path.join(work, "fixtures.txt")
        corpora.main(["corpus.py", "fixtures", corpus])
        print(f"(no {DEFAULT_CORPUS}: using a corpus made from the fixtures)")
    articles = corpora.articles(corpus)
    corpus_bytes = os.path.getsize(corpus)
    jsonl = os.path.join(work, "corpus.jsonl")
    corpora.write_jsonl(articles, jsonl)
    jsonl_bytes = os.path.getsize(jsonl)
    result = {"bench": "harness", "corpus": os.path.basename(corpus), "bytes": corpus_bytes,
              "articles": len(articles), "jsonl_bytes": jsonl_bytes, "nproc": os.cpu_count(),
              "load_average": load_average()}
    rows = []

    # The floor, on the bytes each throughput is measured on.
    floor_s, _ = best_of([exe["bench_floor"], corpus], rounds)
    floor_jsonl_s, _ = best_of([exe["bench_floor"], jsonl], rounds)
    floor = mb(corpus_bytes) / floor_s
    floor_jsonl = mb(jsonl_bytes) / floor_jsonl_s
    result.update(floor_mb_s=round(floor, 1), floor_jsonl_mb_s=round(floor_jsonl, 1))
    rows.append(("word-count floor (process)", floor, None, 1.0, None))

    # The library, in process.
    doc_out, doc_rss = captured([exe["bench_document"], corpus, str(rounds)])
    doc = json_line(doc_out, "document")
    if doc_rss is not None:
        doc["peak_rss_kib"] = doc_rss
    parse = doc["parse_mb_s"]
    result.update(parse_mb_s=parse, parse_docs_s=doc["docs_s"], parse_ratio=round(parse / floor, 4),
                  document_only_mb_s=doc["document_only_mb_s"],
                  parse_peak_rss_kib=doc["peak_rss_kib"])
    rows.append(("lede_parse, all layers", parse, doc["docs_s"], parse / floor,
                 doc["peak_rss_kib"]))
    rows.append(("lede_parse, document layer", doc["document_only_mb_s"],
                 doc["document_only_mb_s"] * 1e6 * len(articles) / corpus_bytes,
                 doc["document_only_mb_s"] / floor, None))

    # The command, end to end.
    for jobs in (1, 2):
        s, rss = best_of([exe["lede"], "--jsonl", "--jobs", str(jobs), jsonl], rounds)
        speed = mb(jsonl_bytes) / s
        key = f"cli_jobs{jobs}"
        result.update({f"{key}_mb_s": round(speed, 1), f"{key}_docs_s": round(len(articles) / s),
                       f"{key}_ratio": round(speed / floor_jsonl, 4),
                       f"{key}_peak_rss_kib": rss})
        rows.append((f"lede --jsonl --jobs {jobs}", speed, len(articles) / s,
                     speed / floor_jsonl, rss))

    # Instructions per byte on the first MB.
    ipb = {}
    if not args.no_callgrind and shutil.which("valgrind"):
        head = os.path.join(work, "head.txt")
        corpora.main(["corpus.py", "head", corpus, head, str(1 << 20)])
        head_jsonl = os.path.join(work, "head.jsonl")
        corpora.write_jsonl(corpora.articles(head), head_jsonl)
        hb, hj = os.path.getsize(head), os.path.getsize(head_jsonl)
        # The library's share: lede_parse() and lede_doc_free() with all they
        # call, not the program's reading and splitting of the corpus.
        lib = instructions([exe["bench_document"], "--parse-only", head], work,
                           only=("lede_parse", "lede_doc_free"))
        ipb = {"floor": instructions([exe["bench_floor"], head], work) / hb,
               "parse": lib / hb,
               "cli": instructions([exe["lede"], "--jsonl", head_jsonl], work) / hj}
        result.update({f"{k}_instructions_per_byte": round(v, 1) for k, v in ipb.items()},
                      callgrind_bytes=hb)

    # Streaming memory: the same articles 1x and repeated to >= 17 MB.
    copies = max(4, -(-17_000_000 // max(1, jsonl_bytes)))
    long_jsonl = os.path.join(work, f"corpus_x{copies}.jsonl")
    corpora.write_jsonl(articles, long_jsonl, copies)
    _, rss_1, _ = timed([exe["lede"], "--jsonl", jsonl])
    _, rss_n, _ = timed([exe["lede"], "--jsonl", long_jsonl])
    _, rss_n2, _ = timed([exe["lede"], "--jsonl", "--jobs", "2", long_jsonl])
    result.update(stream_bytes=os.path.getsize(long_jsonl), stream_copies=copies,
                  stream_peak_rss_kib_1x=rss_1, stream_peak_rss_kib=rss_n,
                  stream_peak_rss_kib_jobs2=rss_n2)

    # Per-document memory.
    memory = json_line(captured([exe["bench_memory"], corpus])[0], "memory")
    result["memory"] = memory

    # Hostile inputs.
    hostile = None
    if not args.no_hostile:
        p = subprocess.run([exe["bench_hostile"], "--rounds", str(rounds)],
                           capture_output=True, text=True)
        hostile_table = [line for line in p.stdout.splitlines() if not line.startswith("{")]
        hostile = json_line(p.stdout, "hostile")
        ratios = {}
        for name, t in hostile["cases"].items():
            base = t["1x"]["parse_s"] + t["1x"]["json_s"]
            ratios[name] = {k: round((t[k]["parse_s"] + t[k]["json_s"]) / base, 2)
                            for k in ("2x", "4x") if k in t}
        result["hostile_time_ratios"] = ratios

    # The --jobs speedup on >= 100 MB.
    if args.speedup:
        times = -(-100_000_000 // max(1, jsonl_bytes))
        big = os.path.join(work, f"corpus_x{times}.jsonl")
        corpora.write_jsonl(articles, big, times)
        size = os.path.getsize(big)
        load_before = load_average()
        s1, _, cpu1 = timed([exe["lede"], "--jsonl", "--jobs", "1", big])
        s2, rss2, cpu2 = timed([exe["lede"], "--jsonl", "--jobs", "2", big])
        # On a shared machine a thread gets only part of a core: the CPU
        # seconds show how much of the wall-clock time was spent running.
        result.update(speedup_bytes=size, speedup_jobs1_s=round(s1, 2),
                      speedup_jobs2_s=round(s2, 2), speedup=round(s1 / s2, 2),
                      speedup_jobs1_cpu_s=round(cpu1, 2), speedup_jobs2_cpu_s=round(cpu2, 2),
                      speedup_load_before=load_before, speedup_load_after=load_average(),
                      speedup_jobs2_peak_rss_kib=rss2)

    # The table.
    print(f"corpus   {corpus}: {mb(corpus_bytes):.2f} MB, {len(articles)} articles "
          f"(JSON Lines {mb(jsonl_bytes):.2f} MB); {os.cpu_count()} CPUs, load {load_average()}")
    print(f"{'measure':32} {'MB/s':>9} {'docs/s':>9} {'x floor':>8} {'peak RSS':>10}")
    for name, speed, docs, ratio, rss in rows:
        print(f"{name:32} {speed:9.1f} {'' if docs is None else f'{docs:9.0f}':>9} "
              f"{ratio:8.3f} {'' if rss is None else f'{rss / 1024:7.1f} MB':>10}")
    if ipb:
        print(f"instructions/byte (callgrind, first {mb(result['callgrind_bytes']):.2f} MB): "
              f"floor {ipb['floor']:.1f}, lede_parse {ipb['parse']:.0f}, "
              f"lede --jsonl {ipb['cli']:.0f}")
    print(f"streaming peak RSS: {rss_1 / 1024:.1f} MB on {mb(jsonl_bytes):.1f} MB, "
          f"{rss_n / 1024:.1f} MB on {mb(result['stream_bytes']):.1f} MB "
          f"({rss_n2 / 1024:.1f} MB with --jobs 2); target <= 64 MB, flat")
    print(f"per-document memory: peak/input median {memory['parse_peak_per_byte_median']:.1f}, "
          f"p99 {memory['parse_peak_per_byte_p99']:.1f}; worst {memory['parse_worst_of_budget']:.2f}"
          f" x the budget 8 x input + 64 KiB ({memory['parse_over_budget']} of "
          f"{memory['articles']} over; with JSON {memory['json_worst_of_budget']:.2f} x); "
          f"{memory.get('fixed_peak', 0) / 1024:.1f} KiB for a 10-byte text; the finished "
          f"document holds {memory.get('held_per_byte_median', 0):.1f} x its input (median)")
    if hostile:
        print("hostile inputs (parse + JSON; time ratios 2 and 4 when linear):")
        for line in hostile_table:
            print("  " + line)
    if args.speedup:
        print(f"--jobs 2 on {mb(result['speedup_bytes']):.0f} MB: {result['speedup_jobs1_s']} s "
              f"-> {result['speedup_jobs2_s']} s, speedup {result['speedup']} (load "
              f"{result['speedup_load_before']} before, {result['speedup_load_after']} after; "
              f"CPU {cpu1:.1f} s and {cpu2:.1f} s: {cpu1 / s1:.2f} and {cpu2 / s2:.2f} cores)")
    print(json.dumps(result, separators=(",", ":")))
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
