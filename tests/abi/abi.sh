#!/usr/bin/env bash
# lede's ABI tools in one place, so that the ctest checks (tests/abi.cmake) and
# the deliberate baseline update (scripts/abi-update.sh) run abidw and abidiff
# (Debian package abigail-tools) with the same options. docs/abi.md explains
# the policy and what each check catches.
#
#   abi.sh dump    LIBRARY SOURCE_DIR BUILD_DIR OUT   write LIBRARY's public ABI to OUT
#   abi.sh check   LIBRARY SOURCE_DIR BUILD_DIR       is LIBRARY compatible with the baseline?
#   abi.sh current LIBRARY SOURCE_DIR BUILD_DIR       does the baseline describe LIBRARY exactly?
#
# LIBRARY is a -g build of liblede.so; SOURCE_DIR the checkout (for include/
# and tests/abi/); BUILD_DIR the build tree (for the generated
# include/lede_version.h). ABIDW and ABIDIFF in the environment name the tools.
# Exit status: 0 pass, 1 fail, 77 cannot run here (no debug information).
set -euo pipefail

usage()
{
    sed -n '7,9s/^# *//p' "$0" >&2
    exit 2
}

(($# >= 4)) || usage
mode=$1 library=$2 src=$3 build=$4
abidw=${ABIDW:-abidw}
abidiff=${ABIDIFF:-abidiff}
baseline=$src/tests/abi/liblede.abi
suppressions=$src/tests/abi/lede.suppr

# Only types declared in these headers are public.
headers=("$src/include" "$build/include")

has_debug_info()
{
    local sections
    if command -v readelf >/dev/null; then
        sections=$(LC_ALL=C readelf -S --wide "$library")
        grep -q '[[:space:]]\.debug_info[[:space:]]' <<<"$sections"
    else
        return 0 # abidiff --fail-no-debug-info decides
    fi
}

# A literal string as a basic regular expression in a s|...|...| command.
sed_quote()
{
    printf '%s' "$1" | sed 's/[][\.*^$|/]/\\&/g'
}

dump()
{
    local out=$1 tmp
    tmp=$(mktemp)
    # --exported-interfaces-only: only what the exported functions reach;
    # --drop-private-types with the header directories: only public types.
    # Locations stay in: abidiff's private-type filter needs a file name
    # (without one it hides field changes). But the checkout and build
    # directories become relative paths, so the dump does not depend on where
    # the repository was cloned, and every line and column becomes 1, so that
    # the diff of an updated baseline shows ABI changes, not moved lines.
    "$abidw" --drop-private-types --exported-interfaces-only \
        --headers-dir "${headers[0]}" --headers-dir "${headers[1]}" \
        --no-corpus-path --no-comp-dir-path --no-elf-needed \
        --out-file "$tmp" "$library"
    local b s
    b=$(sed_quote "$(cd "$build" && pwd -P)/")
    s=$(sed_quote "$(cd "$src" && pwd -P)/")
    sed -e "s|'$b|'build/|g" -e "s|'$s|'|g" "$tmp" |
        sed -E -e "s/ line='[0-9]+'/ line='1'/g" -e "s/ column='[0-9]+'/ column='1'/g" >"$out"
    rm -f "$tmp"
    if grep -q "'$(sed_quote "$(cd "$src" && pwd -P)")" "$out"; then
        echo "abi.sh: $out still names $src" >&2
        exit 1
    fi
}

# abidiff against the committed baseline, twice; either report fails the
# check. The first pass is the usual one: only types of the public headers
# count. abidiff 2.2 aborts on --headers-dir1 with an ABIXML input, and the
# baseline was filtered when it was written, so only the library gets the
# header directories. The second pass drops that filter: in 2.2 it hides a
# public field retyped to a system typedef (size_t -> uint32_t: exit 0 with
# the filter, 4 without). The baseline holds only what the exported
# functions reach, so the second pass sees no private types either.
# Options: ${opts[@]} for both passes, ${opts1[@]} for the first only.
run_abidiff()
{
    local rc1=0 rc2=0
    echo "-- abidiff --drop-private-types --headers-dir2 (public headers only)"
    "$abidiff" --drop-private-types --fail-no-debug-info \
        --headers-dir2 "${headers[0]}" --headers-dir2 "${headers[1]}" \
        "${opts[@]}" "${opts1[@]}" "$baseline" "$library" || rc1=$?
    echo "-- abidiff (no header filter)"
    "$abidiff" --fail-no-debug-info "${opts[@]}" "$baseline" "$library" || rc2=$?
    return $((rc1 | rc2))
}

explain_status()
{
    local rc=$1 what=""
    ((rc & 1)) && what+=" error"
    ((rc & 2)) && what+=" usage-error"
    ((rc & 4)) && what+=" abi-change"
    ((rc & 8)) && what+=" incompatible-change"
    echo "abidiff exit status $rc:${what:- none}"
}

case $mode in
dump)
    (($# == 5)) || usage
    if ! has_debug_info; then
        echo "abi.sh: $library has no debug information: build it with -g" >&2
        exit 1
    fi
    dump "$5"
    ;;
check | current)
    (($# == 4)) || usage
    if ! has_debug_info; then
        echo "SKIP: $library has no debug information (build it with -g:" \
            "CMAKE_BUILD_TYPE=RelWithDebInfo or Debug)"
        exit 77
    fi
    if [[ $mode == check ]]; then
        # Additions and appends to the listed structs are compatible.
        opts=(--no-added-syms --suppressions "$suppressions")
        opts1=()
    else
        # Any difference counts, even those abidiff calls harmless (a new
        # enumerator of lede_status); only the filtered pass can afford
        # --harmless: unfiltered, it reports the opaque lede_doc as changed.
        opts=()
        opts1=(--harmless)
    fi
    rc=0
    run_abidiff || rc=$?
    ((rc == 0)) && exit 0
    echo
    explain_status "$rc"
    if ((rc & 3)); then
        echo "abidiff could not compare $baseline with $library."
    elif [[ $mode == check ]]; then
        cat <<MSG
ABI BREAK: $library is not compatible with the committed baseline
tests/abi/liblede.abi: a released struct, enum or function changed in a way
that breaks programs built against it (see the report above). Read
docs/abi.md: append a field or add a _v2 function instead; a deliberate break
needs a new LEDE_ABI_VERSION, scripts/abi-update.sh and a CHANGELOG entry.
MSG
    else
        cat <<MSG
BASELINE OUT OF DATE: the public ABI of $library differs from
tests/abi/liblede.abi (see the report above; abi_check tells whether the
change is compatible). If the change is deliberate, run scripts/abi-update.sh
and commit tests/abi/liblede.abi together with the header change (docs/abi.md).
MSG
    fi
    exit 1
    ;;
*)
    usage
    ;;
esac
