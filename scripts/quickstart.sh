#!/usr/bin/env bash
# The README's first command: install what is missing, build, and show lede
# at work on its bundled sample article (JSON on standard output).
set -euo pipefail

cd "$(dirname "$0")/.."
./scripts/build.sh "$@"
echo "== ${LEDE_BUILD_DIR:-build}/cli/lede --sample"
"${LEDE_BUILD_DIR:-build}/cli/lede" --sample
