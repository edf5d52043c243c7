#!/usr/bin/env bash
# Build the thread test (tests/test_threads.c) and the lede command with
# ThreadSanitizer (clang-14) in ./build-tsan and run the thread test and the
# --jobs tests of the command (cli_jobs: lede --jobs 2, 3 and 8 against
# --jobs 1); any data race report fails the run.
#
#   ./scripts/tsan.sh
#
# Only test_threads, lede and what they link are built. A sanitizer runtime is not
# linked into shared libraries, so liblede.so is configured without
# -Wl,--no-undefined (LEDE_HAVE_NO_UNDEFINED=OFF).
set -euo pipefail

cd "$(dirname "$0")/.."
build_dir=build-tsan
command -v clang-14 >/dev/null || ./scripts/build.sh >/dev/null # installs clang-14

flags="-fsanitize=thread -fno-omit-frame-pointer -g -O1"
echo "== configuring $build_dir (ThreadSanitizer)"
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Debug -DLEDE_WERROR=ON \
    -DCMAKE_C_COMPILER=clang-14 "-DCMAKE_C_FLAGS=$flags" \
    "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread" "-DCMAKE_SHARED_LINKER_FLAGS=-fsanitize=thread" \
    -DLEDE_HAVE_NO_UNDEFINED=OFF >/dev/null
echo "== building test_threads and lede"
cmake --build "$build_dir" -j "${LEDE_JOBS:-2}" --target test_threads lede_cli

echo "== ctest -R 'test_threads|cli_jobs' (ThreadSanitizer)"
# CK_FORK=no: the threads run in the test process itself, not in a child
# that Check forks. halt_on_error: the first report ends the run with an
# error status (lede then exits 66, which cli_jobs reports).
export CK_FORK=no
export TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1 ${TSAN_OPTIONS:-}"
export LEDE_THREAD_ROUNDS=${LEDE_THREAD_ROUNDS:-3}
ctest --test-dir "$build_dir" --output-on-failure -R '^(test_threads|cli_jobs)$'
