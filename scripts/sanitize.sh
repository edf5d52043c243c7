#!/usr/bin/env bash
# Build lede with clang, AddressSanitizer and UndefinedBehaviorSanitizer in
# ./build-asan, the libFuzzer target included (LEDE_FUZZ=ON), and run the test
# suite there: the fuzz_smoke run of lede_fuzz over the seed corpus too. The
# packaging tests are left out: they build small consumers without the
# sanitizer runtime, which an instrumented liblede cannot be loaded into.
#
#   ./scripts/sanitize.sh               build and test
#   ./scripts/sanitize.sh --build-only  build only (scripts/fuzz.sh uses this)
#
# LEDE_CC picks the compiler (default clang-14, else clang); LEDE_JOBS the
# parallelism (default 2).
set -euo pipefail

cd "$(dirname "$0")/.."
build_dir=build-asan
build_only=0
if [[ ${1:-} == --build-only ]]; then
    build_only=1
elif (($#)); then
    echo "usage: $0 [--build-only]" >&2
    exit 2
fi

# clang-14 is the compiler scripts/build.sh installs; a plain clang will do.
cc=${LEDE_CC:-}
if [[ -z $cc ]]; then
    cc=clang-14
    if ! command -v clang-14 >/dev/null && command -v clang >/dev/null; then
        cc=clang
    fi
fi

# A folder configured with another compiler (an older gcc sanitizer build)
# starts again: CMake cannot switch compilers in place.
cache=$build_dir/CMakeCache.txt
if [[ -f $cache ]]; then
    cached=$(sed -n 's/^CMAKE_C_COMPILER:[A-Z]*=//p' "$cache")
    if [[ $(basename "${cached:-none}") != *clang* ]]; then
        echo "== $build_dir was configured with ${cached:-another compiler}: reconfiguring with $cc"
        rm -rf "$cache" "$build_dir/CMakeFiles"
    fi
fi

# -O1 keeps the suite and the fuzzer fast with exact stack traces. The
# sanitizer runtime is linked into executables only, so liblede.so is linked
# without -Wl,--no-undefined (LEDE_HAVE_NO_UNDEFINED=OFF).
flags="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
LEDE_BUILD_DIR=$build_dir ./scripts/build.sh -DCMAKE_C_COMPILER="$cc" \
    -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_C_FLAGS_DEBUG=-g -O1" \
    "-DCMAKE_C_FLAGS=$flags" "-DCMAKE_EXE_LINKER_FLAGS=$flags" "-DCMAKE_SHARED_LINKER_FLAGS=$flags" \
    -DLEDE_HAVE_NO_UNDEFINED=OFF -DLEDE_FUZZ=ON
if ((build_only)); then
    exit 0
fi

echo "== ctest (clang, ASan + UBSan, fuzz_smoke)"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir "$build_dir" --output-on-failure -j "${LEDE_JOBS:-2}" -E '^packaging_'
