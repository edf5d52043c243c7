#!/usr/bin/env bash
# Build lede in Release mode in build-bench/ and run the benchmarks on a
# corpus (default: ../shared/corpora/bench/bbc.txt next to the checkout).
#   bench/run.sh [CORPUS] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpora/bench/bbc.txt}
rounds=${2:-5}
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DLEDE_BUILD_TESTS=OFF >/dev/null
cmake --build build-bench -j2 --target bench_document bench_hostile >/dev/null
build-bench/bench/bench_document "$corpus" "$rounds"
# every hostile input at 1x, 2x and 4x (docs/reliability.md); add --big for 100 MB lines
build-bench/bench/bench_hostile --rounds 3
