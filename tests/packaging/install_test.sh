#!/usr/bin/env bash
# The install test: `cmake --install` the build into a fresh prefix, check
# the installed files, then build and run a small consumer program against
# that prefix three ways: find_package(lede) with lede::lede and
# lede::lede_static, and pkg-config (shared, and static with --static).
#
#   install_test.sh BUILD_DIR SOURCE_DIR WORK_DIR C_COMPILER VERSION ABI \
#                   LIBDIR INCLUDEDIR BINDIR HAVE_CLI
set -euo pipefail

build=$1 source=$2 work=$3 cc=$4 version=$5 abi=$6
libdir_rel=$7 includedir_rel=$8 bindir_rel=$9 have_cli=${10}

for d in "$libdir_rel" "$includedir_rel" "$bindir_rel"; do
    if [[ $d = /* ]]; then
        echo "SKIP: absolute install directory $d would escape the test prefix"
        exit 77
    fi
done

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

prefix=$work/prefix
rm -rf "$work"
mkdir -p "$work"

echo "== cmake --install into $prefix"
cmake --install "$build" --prefix "$prefix" >"$work/install.log" || {
    cat "$work/install.log"
    fail "cmake --install"
}

libdir=$prefix/$libdir_rel
incdir=$prefix/$includedir_rel
for f in "$incdir/lede.h" "$incdir/lede_version.h" \
    "$libdir/liblede.so" "$libdir/liblede.so.$abi" "$libdir/liblede.a" \
    "$libdir/pkgconfig/lede.pc" \
    "$libdir/cmake/lede/ledeConfig.cmake" "$libdir/cmake/lede/ledeConfigVersion.cmake" \
    "$libdir/cmake/lede/ledeTargets.cmake"; do
    [[ -e $f ]] || fail "not installed: ${f#"$prefix"/}"
done
# Only the public headers are installed.
for f in "$incdir"/*; do
    case ${f##*/} in
    lede.h | lede_version.h) ;;
    *) fail "unexpected file installed: ${f#"$prefix"/}" ;;
    esac
done
grep -q "LEDE_VERSION_STRING \"$version\"" "$incdir/lede_version.h" ||
    fail "installed lede_version.h is not version $version"

if [[ $have_cli = ON ]]; then
    lede=$prefix/$bindir_rel/lede
    [[ -x $lede ]] || fail "not installed: $bindir_rel/lede"
    # Runs from the prefix without LD_LIBRARY_PATH (RPATH $ORIGIN/../lib).
    out=$("$lede" --version) || fail "installed lede --version exited $?"
    [[ $out = *"$version"* ]] || fail "lede --version printed '$out', no $version in it"
    echo "installed lede --version: $out"
fi

echo "== find_package(lede) consumer"
cmake -S "$source/tests/packaging/consumer" -B "$work/consumer" \
    -DCMAKE_C_COMPILER="$cc" -DCMAKE_PREFIX_PATH="$prefix" \
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF -DLEDE_EXPECTED_VERSION="$version" \
    -DCMAKE_BUILD_TYPE=Release >"$work/consumer-configure.log" 2>&1 || {
    cat "$work/consumer-configure.log"
    fail "configuring the find_package consumer"
}
found=$(sed -n 's/^lede_DIR:[A-Z]*=//p' "$work/consumer/CMakeCache.txt")
[[ $found = "$libdir/cmake/lede" ]] || fail "find_package(lede) found $found, not the test prefix"
cmake --build "$work/consumer" >"$work/consumer-build.log" 2>&1 || {
    cat "$work/consumer-build.log"
    fail "building the find_package consumer"
}
"$work/consumer/consumer_shared" || fail "consumer_shared (lede::lede)"
"$work/consumer/consumer_static" || fail "consumer_static (lede::lede_static)"
if readelf -d "$work/consumer/consumer_static" | grep -q 'NEEDED.*liblede'; then
    fail "consumer_static needs liblede.so: lede::lede_static is not the static library"
fi
readelf -d "$work/consumer/consumer_shared" | grep -q "NEEDED.*liblede\.so\.$abi" ||
    fail "consumer_shared does not need liblede.so.$abi"

echo "== pkg-config consumer"
export PKG_CONFIG_PATH=$libdir/pkgconfig
modversion=$(pkg-config --modversion lede)
[[ $modversion = "$version" ]] || fail "pkg-config --modversion lede is $modversion"
pc_libdir=$(pkg-config --variable=libdir lede)
[[ $(cd "$pc_libdir" && pwd -P) = $(cd "$libdir" && pwd -P) ]] ||
    fail "lede.pc libdir is $pc_libdir, not $libdir"
read -r -a cflags <<<"$(pkg-config --cflags lede)"
read -r -a libs <<<"$(pkg-config --libs lede)"
"$cc" -std=c11 -Wall -Wextra -pedantic -Werror "${cflags[@]}" \
    "$source/tests/packaging/consumer.c" -o "$work/consumer_pc" "${libs[@]}" \
    -Wl,-rpath,"$pc_libdir" || fail "building with pkg-config --cflags --libs lede"
"$work/consumer_pc" || fail "consumer_pc (pkg-config)"

# Static: Requires.private must bring in utf8proc.
static_libs=$(pkg-config --static --libs lede)
[[ $static_libs = *-lutf8proc* ]] || fail "pkg-config --static --libs lede lacks -lutf8proc: $static_libs"
read -r -a libs <<<"${static_libs//-llede/-l:liblede.a}"
"$cc" -std=c11 "${cflags[@]}" -DLEDE_STATIC \
    "$source/tests/packaging/consumer.c" -o "$work/consumer_pc_static" "${libs[@]}" ||
    fail "building with pkg-config --static --libs lede"
"$work/consumer_pc_static" || fail "consumer_pc_static (pkg-config --static)"

echo "install test passed: headers, libraries, lede.pc, CMake package$([[ $have_cli = ON ]] && echo ', lede command')"
