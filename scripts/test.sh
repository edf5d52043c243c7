#!/usr/bin/env bash
# The README's second command, and what CI runs: install what is missing,
# build, and run the whole test suite.
set -euo pipefail

cd "$(dirname "$0")/.."
./scripts/build.sh "$@"
echo "== ctest"
ctest --test-dir "${LEDE_BUILD_DIR:-build}" --output-on-failure -j "${LEDE_JOBS:-2}"
