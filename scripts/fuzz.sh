#!/usr/bin/env bash
# Run the libFuzzer target lede_fuzz for SECONDS (default 60) in ./build-asan
# with the seed corpus fuzz/corpus and the dictionary fuzz/lede.dict, on
# LEDE_JOBS workers (default 2). Builds build-asan first (through
# scripts/sanitize.sh --build-only). New inputs go to
# build-asan/fuzz/corpus-new, never into fuzz/corpus; crash, leak and timeout
# reproducers to build-asan/fuzz/finds. Exits 1 when the run found something.
# docs/fuzzing.md has the longer recipes (merging, minimizing, coverage).
#
#   ./scripts/fuzz.sh [SECONDS] [extra libFuzzer flags...]
set -euo pipefail

cd "$(dirname "$0")/.."
seconds=${1:-60}
if ! [[ $seconds =~ ^[0-9]+$ ]]; then
    echo "usage: $0 [SECONDS] [libFuzzer flags...]" >&2
    exit 2
fi
shift $(($# ? 1 : 0))
jobs=${LEDE_JOBS:-2}

./scripts/sanitize.sh --build-only

root=$PWD
work=$root/build-asan/fuzz
mkdir -p "$work/corpus-new" "$work/finds" "$work/logs"
start=$work/logs/.start
touch "$start"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
args=(-max_total_time="$seconds" -max_len=4096 -timeout=25 -dict="$root/fuzz/lede.dict"
    -artifact_prefix="$work/finds/" -print_final_stats=1 "$@"
    "$work/corpus-new" "$root/fuzz/corpus")
echo "== fuzzing for ${seconds}s on $jobs worker(s); new inputs in $work/corpus-new"
status=0
if ((jobs > 1)); then
    # Each worker logs to logs/fuzz-N.log; shown here: its last status line,
    # final statistics and any error.
    rm -f "$work"/logs/fuzz-*.log
    (cd "$work/logs" && "$work/lede_fuzz" -jobs="$jobs" -workers="$jobs" "${args[@]}" \
        >"$work/logs/parent.log" 2>&1) || status=$?
    for log in "$work"/logs/fuzz-*.log; do
        echo "-- $log"
        grep -E '^#[0-9]+[[:space:]]' "$log" | tail -n 1 || true
        grep -E '^(stat::|SUMMARY|==[0-9]+==ERROR|lede_fuzz.c:)' "$log" || true
    done
else
    "$work/lede_fuzz" "${args[@]}" || status=$?
fi

finds=$(find "$work/finds" -type f -newer "$start" | sort)
if [[ -n $finds ]] || ((status != 0)); then
    echo "== lede_fuzz found a problem (exit status $status); reproducers:" >&2
    echo "${finds:-(none written)}" >&2
    echo "Replay one with: $work/lede_fuzz FILE (docs/fuzzing.md)" >&2
    exit 1
fi
echo "== no crash, leak or timeout; corpus-new holds $(find "$work/corpus-new" -type f | wc -l) inputs"
