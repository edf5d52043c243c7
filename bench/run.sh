#!/usr/bin/env bash
# Build lede in Release mode in build-bench/ and run the performance harness
# (bench/harness.py; docs/performance.md) on a corpus (default:
# ../shared/corpora/bench/bbc.txt next to the checkout, else a corpus made
# from the project's fixtures).
#   bench/run.sh [CORPUS] [ROUNDS] [--pgo] [harness options, e.g. --speedup]
# --pgo measures a build with profile-guided optimization instead
# (scripts/pgo-build.sh, in build-bench-pgo/).
# Prints a table and one JSON line. Timings are reported, never asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-}
rounds=${2:-3}
shift $(($# > 2 ? 2 : $#)) || true
pgo=0
options=()
for arg in "$@"; do
    if [ "$arg" = --pgo ]; then pgo=1; else options+=("$arg"); fi
done
if [ "$pgo" = 1 ]; then
    build=build-bench-pgo
    scripts/pgo-build.sh "$build" -DLEDE_BUILD_TESTS=OFF >/dev/null
else
    build=build-bench
    cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DLEDE_BUILD_TESTS=OFF >/dev/null
    cmake --build "$build" -j2 --target bench_document bench_hostile bench_memory bench_floor \
        lede_cli >/dev/null
fi
exec python3 bench/harness.py --build-dir "$build" --rounds "$rounds" \
    ${corpus:+--corpus "$corpus"} ${options[@]+"${options[@]}"}
