#!/usr/bin/env bash
# Build lede with profile-guided optimization (GCC) in BUILD_DIR (default
# build-pgo): an instrumented Release build (LEDE_PGO=generate) runs
# `lede --jsonl` over a corpus made from the project's news fixtures
# (bench/corpus.py fixtures), and the same folder is then built again from
# that profile (LEDE_PGO=use). Further arguments go to CMake, e.g.
# -DLEDE_BUILD_TESTS=OFF. The output of the build is byte for byte the
# output of any other build; docs/performance.md gives what it gains.
#   scripts/pgo-build.sh [BUILD_DIR] [cmake options...]
# (a relative BUILD_DIR is taken from the top of the checkout, like build/)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build-pgo}
shift $(($# > 0 ? 1 : 0))
mkdir -p "$dir/pgo-train"
dir=$(cd "$dir" && pwd)
train=$dir/pgo-train
profile=$dir/pgo-profile

python3 bench/corpus.py fixtures "$train/fixtures.txt" >/dev/null
python3 bench/corpus.py jsonl "$train/fixtures.txt" "$train/fixtures.jsonl"

# Stage 1: instrumented, and a fresh profile from one run of the command
# (parsing and JSON writing both; --jobs 1, the path of every thread).
rm -rf "$profile"
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release -DLEDE_PGO=generate -DLEDE_PGO_DIR="$profile" \
    "$@" >/dev/null
cmake --build "$dir" -j2 --target lede_cli >/dev/null
"$dir/cli/lede" --jsonl --jobs 1 "$train/fixtures.jsonl" >/dev/null

# Stage 2: every target of the folder, compiled from the profile.
cmake -S . -B "$dir" -DLEDE_PGO=use >/dev/null
cmake --build "$dir" -j2 >/dev/null
echo "scripts/pgo-build.sh: $dir built with -fprofile-use ($(find "$profile" -name '*.gcda' | wc -l) profiles)"
