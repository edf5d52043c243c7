#!/usr/bin/env bash
# Install the Debian packages lede needs (only those missing), then configure
# and build lede in ./build (or $LEDE_BUILD_DIR). Safe to run again: each step
# does only what is not done yet. Extra arguments go to the configure step.
#
#   ./scripts/build.sh [-DCMAKE_BUILD_TYPE=Debug ...]
set -euo pipefail

cd "$(dirname "$0")/.."
build_dir=${LEDE_BUILD_DIR:-build}
jobs=${LEDE_JOBS:-2}

# Build tools, utf8proc, Check (+ subunit) for the tests, jansson for the
# CLI's JSON Lines input, Python 3 for the binding's tests, g++ for the
# header-as-C++ test, Doxygen for the API docs; clang and its runtime for the
# fuzzer and the sanitizer builds, abigail-tools for the ABI check, valgrind
# for the memcheck runs; Dask and jsonschema (for /usr/bin/python3) for the
# scale-out example's test and the JSON Schema test of the command
# (--no-install-recommends keeps Dask from pulling in a hundred packages).
packages=(build-essential cmake pkg-config libutf8proc-dev check libsubunit-dev
    libjansson-dev python3 g++ doxygen clang-14 libclang-rt-14-dev abigail-tools valgrind
    python3-dask python3-distributed python3-jsonschema)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done
if ((${#missing[@]})); then
    echo "== installing Debian packages: ${missing[*]}"
    sudo=()
    if ((EUID != 0)); then
        command -v sudo >/dev/null || {
            echo "error: not root and no sudo; install as root: apt-get install ${missing[*]}" >&2
            exit 1
        }
        sudo=(sudo)
    fi
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

echo "== configuring $build_dir"
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLEDE_WERROR=ON "$@"
echo "== building $build_dir"
cmake --build "$build_dir" -j "$jobs"
