#!/usr/bin/env bash
# Rewrite the ABI baseline tests/abi/liblede.abi from this tree, deliberately:
# build liblede.so, show what changed against the committed baseline (the
# abidiff report, and whether the change is compatible), then overwrite it.
# Commit the new baseline together with the header change that caused it,
# after reviewing `git diff tests/abi/liblede.abi` (docs/abi.md).
#
#   scripts/abi-update.sh [--dry-run]
#
# The build is ./build (or $LEDE_BUILD_DIR), the RelWithDebInfo build
# (-O2 -g) that scripts/build.sh makes; it is configured here when missing.
# --dry-run shows the changes and leaves the baseline alone.
set -euo pipefail

cd "$(dirname "$0")/.."
build_dir=${LEDE_BUILD_DIR:-build}
baseline=tests/abi/liblede.abi

dry_run=0
case ${1:-} in
--dry-run | -n) dry_run=1 ;;
"") ;;
*)
    sed -n '8p' "$0" | sed 's/^# *//' >&2
    exit 2
    ;;
esac

for tool in abidw abidiff; do
    command -v "$tool" >/dev/null || {
        echo "error: $tool not found: install the Debian package abigail-tools" >&2
        exit 1
    }
done

# The baseline is made from a plain RelWithDebInfo build: the same debug
# information, whoever runs this.
if [[ ! -f $build_dir/CMakeCache.txt ]]; then
    echo "== configuring $build_dir"
    cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLEDE_WERROR=ON
fi
cache_value()
{
    sed -n "s/^$1:[A-Z]*=//p" "$build_dir/CMakeCache.txt"
}
if [[ $(cache_value CMAKE_BUILD_TYPE) != RelWithDebInfo || -n $(cache_value CMAKE_C_FLAGS) ]]; then
    echo "error: $build_dir is not a plain RelWithDebInfo build (CMAKE_BUILD_TYPE=" \
        "$(cache_value CMAKE_BUILD_TYPE), CMAKE_C_FLAGS=$(cache_value CMAKE_C_FLAGS));" \
        "use another LEDE_BUILD_DIR" >&2
    exit 1
fi
echo "== building liblede.so in $build_dir"
cmake --build "$build_dir" --target lede -j "${LEDE_JOBS:-2}"
library=$build_dir/lib/liblede.so

new=$(mktemp)
trap 'rm -f "$new"' EXIT
bash tests/abi/abi.sh dump "$library" . "$build_dir" "$new"

if [[ -f $baseline ]] && cmp -s "$new" "$baseline"; then
    echo "== $baseline is up to date"
    exit 0
fi

if [[ -f $baseline ]]; then
    echo "== what changed: abidiff, committed baseline -> this build"
    # (the report without abi.sh's advice, which is to run this script)
    if bash tests/abi/abi.sh current "$library" . "$build_dir" | sed '/^abidiff exit status/,$d'; then
        echo "(no ABI change: only locations or the order of the dump moved)"
    fi
    echo
    echo "== is it compatible with programs built against the committed baseline?"
    if bash tests/abi/abi.sh check "$library" . "$build_dir" >/dev/null; then
        echo "yes: abi_check passes (appended fields, new functions, enum values, flags)."
        echo "Keep LEDE_ABI_VERSION; a minor release; add the new fields to"
        echo "tests/test_abi_layout.c when they are released."
    else
        cat <<'MSG'
NO: this is an ABI BREAK (abi_check fails; run it for the report). It needs a
new LEDE_ABI_VERSION in CMakeLists.txt (a new soname and lib/lede.map node),
a CHANGELOG entry under "Breaking", and tests/test_abi_layout.c updated.
Prefer appending a field or adding a _v2 function instead (docs/abi.md).
MSG
    fi
    echo
    echo "== the XML diff, in short (review it all with: git diff $baseline)"
    git diff --no-index --stat "$baseline" "$new" || true
fi

if ((dry_run)); then
    echo "== --dry-run: $baseline left alone"
    exit 0
fi
cp "$new" "$baseline"
echo "== wrote $baseline; commit it with the header change and a CHANGELOG entry"
