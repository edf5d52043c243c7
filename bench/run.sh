#!/usr/bin/env bash
# Build lede in Release mode in build-bench/ and run the performance harness
# (bench/harness.py; docs/performance.md) on a corpus (default:
# ../shared/corpora/bench/bbc.txt next to the checkout, else a corpus made
# from the project's fixtures).
#   bench/run.sh [CORPUS] [ROUNDS] [harness options, e.g. --speedup]
# Prints a table and one JSON line. Timings are reported, never asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-}
rounds=${2:-3}
shift $(($# > 2 ? 2 : $#)) || true
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DLEDE_BUILD_TESTS=OFF >/dev/null
cmake --build build-bench -j2 --target bench_document bench_hostile bench_memory bench_floor \
    lede_cli >/dev/null
exec python3 bench/harness.py --build-dir build-bench --rounds "$rounds" \
    ${corpus:+--corpus "$corpus"} "$@"
