#!/usr/bin/env python3
"""Linear-time check of the hostile inputs, by instruction counts.

    linear.py [--valgrind PATH] [--size N] [--limit R] [--jobs J] DRIVER [CASE...]

Runs the driver (tests/hostile/hostile_driver.c) over every case (all of
`DRIVER --list` unless named) at N and 2N bytes under

    valgrind --tool=callgrind --toggle-collect=hostile_run --dump-after=hostile_run

so each call of hostile_run() (parse, accessor walk, JSON rendering) is
counted alone, in a dump of its own: no process start-up, no input building.
The cases are shared among J callgrind processes (default 2). Linear work
doubles the count; the check fails when count(2N) / count(N) exceeds R
(default 2.3). Wall-clock time is never measured. Prints one line per case and
a JSON summary line. Python 3 standard library only.
"""
import argparse
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import tempfile

# Cases known not to be linear in the current library, each with the reason.
# They still run and print their ratio, marked XFAIL; one that turns linear
# prints XPASS so its entry gets removed. Remove an entry once lib/ is fixed.
EXPECTED_NONLINEAR = {}

TOTALS = re.compile(rb"^totals:\s*(\d+)", re.MULTILINE)


def count_instructions(valgrind, driver, runs):
    """Instructions of each hostile_run() call for runs [(case, size), ...]."""
    with tempfile.TemporaryDirectory(prefix="lede-linear.") as tmp:
        out = os.path.join(tmp, "callgrind.out")
        cmd = [valgrind, "--tool=callgrind", "--callgrind-out-file=" + out,
               "--toggle-collect=hostile_run", "--dump-after=hostile_run", driver]
        for case, size in runs:
            cmd += [case, str(size)]
        # A fixed mmap threshold: glibc otherwise raises it when the first
        # large block is freed, so later runs in the same process take other
        # paths through malloc and realloc (copies instead of mremap) and the
        # ratios drift by up to 10% with the order of the runs.
        env = dict(os.environ)
        tunable = "glibc.malloc.mmap_threshold=131072"
        env["GLIBC_TUNABLES"] = (env["GLIBC_TUNABLES"] + ":" + tunable
                                 if env.get("GLIBC_TUNABLES") else tunable)
        p = subprocess.run(cmd, capture_output=True, timeout=1200, env=env)
        if p.returncode != 0:
            raise RuntimeError("%s: exit %d\n%s%s" % (" ".join(cmd), p.returncode,
                                                      p.stdout.decode(errors="replace"),
                                                      p.stderr.decode(errors="replace")[-3000:]))
        counts = []
        for part in range(1, len(runs) + 1):
            with open("%s.%d" % (out, part), "rb") as f:
                m = TOTALS.search(f.read())
            if not m:
                raise RuntimeError("no totals in callgrind dump %d" % part)
            counts.append(int(m.group(1)))
        return counts


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("driver")
    ap.add_argument("cases", nargs="*")
    ap.add_argument("--valgrind", default="valgrind")
    ap.add_argument("--size", type=int, default=65536, help="N in bytes (default 65536)")
    ap.add_argument("--limit", type=float, default=2.3, help="largest count(2N)/count(N)")
    ap.add_argument("--jobs", type=int, default=2, help="callgrind processes (default 2)")
    args = ap.parse_args()

    cases = args.cases or subprocess.run([args.driver, "--list"], check=True,
                                         capture_output=True, text=True).stdout.split()
    runs = [(c, s) for c in cases for s in (args.size, 2 * args.size)]
    jobs = max(1, min(args.jobs, len(cases)))
    # Whole cases (both sizes) to each process, in turn.
    shares = [[r for i, r in enumerate(runs) if (i // 2) % jobs == j] for j in range(jobs)]
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        results = list(pool.map(
            lambda share: count_instructions(args.valgrind, args.driver, share), shares))
    counts = {}
    for share, result in zip(shares, results):
        counts.update(zip(share, result))

    failures, summary = [], {}
    print("%-20s %15s %15s %7s" % ("case", "instr(N)", "instr(2N)", "ratio"))
    for case in cases:
        n1, n2 = counts[(case, args.size)], counts[(case, 2 * args.size)]
        ratio = n2 / n1 if n1 else float("inf")
        summary[case] = round(ratio, 3)
        linear = ratio <= args.limit
        if case in EXPECTED_NONLINEAR:
            verdict = "XPASS (remove it from EXPECTED_NONLINEAR)" if linear else "XFAIL"
        else:
            verdict = "ok" if linear else "NOT LINEAR"
            if not linear:
                failures.append(case)
        print("%-20s %15d %15d %7.3f  %s" % (case, n1, n2, ratio, verdict))
    print(json.dumps({"size": args.size, "limit": args.limit, "ratios": summary,
                      "failures": failures}))
    if failures:
        print("not linear: %s (instruction ratio 2N/N above %.2f)"
              % (", ".join(failures), args.limit), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
