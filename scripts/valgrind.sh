#!/usr/bin/env bash
# valgrind memcheck over the lede command and the Check suites, in the normal
# ./build (scripts/build.sh runs first). Any memory error, or any definite or
# indirect leak, fails the run.
#
#   ./scripts/valgrind.sh
#
# Two halves run side by side, one core each:
# - lede: the CLI test suite (tests/cli/test_cli.py) with `lede` replaced by
#   a wrapper that runs it under memcheck, one log per process; then more
#   runs: the sample in every format and offset unit, several files, JSON
#   Lines with good and bad lines, invalid UTF-8 with and without --lossy,
#   NUL bytes, small hostile inputs.
# - every Check suite with CK_FORK=no (the tests run in the process valgrind
#   watches), the hostile inputs scaled down (LEDE_HOSTILE_SCALE, default 32)
#   and one round of the thread test; the suites' exhaustive loops take one
#   case in 16 (LEDE_TEST_STRIDE, tests/test_scale.h).
set -euo pipefail

cd "$(dirname "$0")/.."
root=$PWD
build_dir=${LEDE_BUILD_DIR:-build}
./scripts/build.sh >/dev/null
command -v valgrind >/dev/null || {
    echo "valgrind not found: install the Debian package valgrind" >&2
    exit 1
}

logs=$(mktemp -d "${TMPDIR:-/tmp}/lede-valgrind.XXXXXX")
trap 'rm -rf "$logs"' EXIT
# shellcheck disable=SC2054 # the comma belongs to the option
memcheck=(valgrind --tool=memcheck --leak-check=full --errors-for-leak-kinds=definite,indirect
    --error-exitcode=99 --num-callers=30)
lede=$root/$build_dir/cli/lede

# What the CLI tests run instead of lede: valgrind writes to a log file, so
# stdout, stderr and the exit status stay lede's (99 on a memory error).
wrapper=$logs/lede
cat >"$wrapper" <<WRAP
#!/bin/sh
exec ${memcheck[*]} --log-file=$logs/cli.%p.log $lede "\$@"
WRAP
chmod +x "$wrapper"

make_inputs() {
    local work=$1
    mkdir -p "$work"
    printf 'Bad \xff Bytes Ahead\n\nThe \xc3 parser said \x01 hi. \xe2\x80\x9cYes,\xe2\x80\x9d he said.\n' \
        >"$work/bad.txt"
    printf 'Title\0With NUL\n\nA body \0 line. "Yes," he said.\n' >"$work/nul.txt"
    : >"$work/empty.txt"
    {
        printf '{"id": 1, "text": "WASHINGTON (AP) \\u2014 The vote was 52 to 48, officials said."}\n'
        printf 'not json at all\n'
        printf '{"id": "no text"}\n'
        printf '{"id": 3, "text": "Caf\\u00e9 owners said \\"no\\".\\n\\nMore.", "date": "2025-03-26"}\n'
        printf '{"id": 4, "text": "bad \xff byte"}\n'
        printf '{"id": 5, "text": "NUL \\u0000 inside", "date": "2025-02-30"}\n'
        printf '{"id": 6, "text": ""}\n'
        printf '\n'
    } >"$work/stream.jsonl"
    python3 - "$work" <<'PY'
import sys
cases = {
    "quotes": "\u201c" * 20000,
    "yes": '"Yes," he said. ' * 2000,
    "nested": "\u201c\u2018" * 2000 + "x" + "\u2019\u201d" * 2000,
    "paragraphs": "x\n\n" * 5000,
    "entities": "&amp;&#x&#8217;<p" * 3000,
    "periods": ". " * 10000 + "Mr. " * 5000 + "U.S." * 5000,
}
for name, text in cases.items():
    with open(f"{sys.argv[1]}/{name}.txt", "w", encoding="utf-8") as f:
        f.write(text)
PY
}

# The lede half. Prints its report; returns non-zero on a failure.
lede_runs() {
    local status=0 work=$logs/inputs start=$SECONDS
    echo "== CLI tests under memcheck"
    # MemoryTest compares the peak memory of two runs, which under valgrind
    # is valgrind's own; every other group runs as it is.
    python3 tests/cli/test_cli.py "$wrapper" UsageTest DocumentsTest JsonLinesTest OffsetsTest \
        FormatsTest 2>&1 || status=1

    echo "== more lede runs under memcheck"
    make_inputs "$work"
    vg() { # vg NAME [lede arguments]: exit 1 (an input failed) is expected of some
        local name=$1 rc=0
        shift
        "${memcheck[@]}" --log-file="$logs/run.$name.log" "$lede" "$@" >/dev/null 2>&1 || rc=$?
        if ((rc != 0 && rc != 1)); then
            echo "lede $* exited with $rc"
            status=1
        fi
    }
    local fmt unit f
    for fmt in json jsonl text html; do vg "sample-$fmt" --sample --format "$fmt"; done
    for unit in bytes codepoints utf16; do vg "sample-$unit" --sample --pretty --offsets "$unit"; done
    vg files --date 2025-01-02 cli/sample.txt tests/cli/fixtures/*.txt "$work/empty.txt"
    vg jsonl --jsonl "$work/stream.jsonl"
    vg jsonl-lossy --jsonl --lossy --offsets utf16 "$work/stream.jsonl"
    vg jsonl-text --jsonl --format text "$work/stream.jsonl"
    vg jsonl-html --jsonl --format html "$work/stream.jsonl"
    vg bad --format html "$work/bad.txt"
    vg bad-lossy --lossy --format text "$work/bad.txt"
    vg bad-lossy-json --lossy --offsets codepoints "$work/bad.txt"
    vg nul --offsets utf16 "$work/nul.txt"
    vg missing "$work/no-such-file.txt"
    for f in quotes yes nested paragraphs entities periods; do vg "hostile-$f" "$work/$f.txt"; done
    echo "lede runs: $((SECONDS - start)) s"
    return $status
}

# The Check half.
check_suites() {
    local status=0 suite name start
    echo "== Check suites under memcheck (CK_FORK=no)"
    export CK_FORK=no LEDE_HOSTILE_SCALE=${LEDE_HOSTILE_SCALE:-32} LEDE_THREAD_ROUNDS=1 \
        LEDE_TEST_STRIDE=${LEDE_TEST_STRIDE:-16}
    for suite in "$build_dir"/tests/test_*; do
        [[ -x $suite && -f $suite ]] || continue
        name=$(basename "$suite")
        start=$SECONDS
        if "${memcheck[@]}" --log-file="$logs/suite.$name.log" "$suite" >"$logs/$name.out" 2>&1; then
            echo "$name: ok ($((SECONDS - start)) s)"
        else
            echo "$name: FAILED ($((SECONDS - start)) s)"
            cat "$logs/$name.out"
            status=1
        fi
    done
    return $status
}

status=0
lede_runs >"$logs/lede.out" 2>&1 &
lede_pid=$!
check_suites || status=1
wait "$lede_pid" || status=1
cat "$logs/lede.out"

echo "== memcheck summary"
processes=0 dirty=0
for log in "$logs"/*.log; do
    processes=$((processes + 1))
    if ! grep -q "ERROR SUMMARY: 0 errors" "$log"; then
        dirty=$((dirty + 1))
        echo "---- $log"
        cat "$log"
    fi
done
echo "$processes processes under memcheck, $dirty with errors or leaks"
((dirty == 0)) || status=1
exit $status
