#!/usr/bin/env bash
# Build lede with AddressSanitizer and UndefinedBehaviorSanitizer in
# ./build-asan and run the test suite there. The packaging tests are left
# out: they build small consumers without the sanitizer runtime, which an
# instrumented liblede cannot be loaded into.
set -euo pipefail

cd "$(dirname "$0")/.."
flags="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
LEDE_BUILD_DIR=build-asan ./scripts/build.sh -DCMAKE_BUILD_TYPE=Debug \
    "-DCMAKE_C_FLAGS=$flags" "-DCMAKE_EXE_LINKER_FLAGS=$flags" "-DCMAKE_SHARED_LINKER_FLAGS=$flags"
echo "== ctest (ASan + UBSan)"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir build-asan --output-on-failure -j "${LEDE_JOBS:-2}" -E '^packaging_'
