#!/usr/bin/env bash
# Benchmark harness, run by `make bench`: times the corpus tools against baselines on generated
# Arabic text and prints the results as Markdown.
# Usage: bench/run.sh [BUILD_DIR]            (BUILD_DIR defaults to build)
# Environment:
#   BENCH_SIZE      size of the generated input, with a K, M or G suffix [100M]
#   BENCH_REPEAT    timed runs per command [5]
#   BENCH_FILTER    run only the benchmarks whose title contains this string
#   BENCH_CORPORA   directory of the *.txt texts the generator learns from [corpora/news]
#   BENCH_DATA_DIR  where the generated input is cached [BUILD_DIR/bench-data]
# The input is generated once by corpus-bench-gen into BENCH_DATA_DIR/gen-SIZE.txt, and again
# only when the generator or a corpus text is newer.  Every command reads that file and writes
# to /dev/null; it runs once untimed (warm-up, peak RSS through /usr/bin/time), then REPEAT
# timed runs, the commands of a table taking turns so that noise from the machine spreads
# over all of them.  Tables report the median wall time; ratios are baseline median / median
# (how many times faster than the baseline), measured in the same invocation.
# Exit status: 0, or 1 when a command fails or a same-output check finds a difference.
# SPDX-License-Identifier: MIT
# shellcheck disable=SC2016 # command strings and Markdown backquotes are single-quoted on purpose
set -euo pipefail

die() {
    echo "run.sh: $*" >&2
    exit 1
}

bench_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname -- "$bench_dir")
build=${1:-build}
[[ -d $build ]] || die "$build: no such build directory (configure and build first)"
build=$(cd -- "$build" && pwd)
SIZE=${BENCH_SIZE:-100M}
REPEAT=${BENCH_REPEAT:-5}
FILTER=${BENCH_FILTER:-}
corpora=${BENCH_CORPORA:-$root/corpora/news}
data_dir=${BENCH_DATA_DIR:-$build/bench-data}
export BIN=$build/bin FILE # the commands below refer to "$BIN" and "$FILE"
failures=0

[[ $SIZE =~ ^[0-9]+[KMGkmg]?$ ]] || die "BENCH_SIZE=$SIZE: expected a number with an optional K, M or G"
[[ $REPEAT =~ ^[1-9][0-9]*$ ]] || die "BENCH_REPEAT=$REPEAT: expected a positive integer"
[[ -n ${EPOCHREALTIME:-} ]] || die "bash 5 or later is needed (EPOCHREALTIME)"
[[ -x /usr/bin/time ]] || die "/usr/bin/time not found: install the Debian package time"

# Generate the input into $FILE unless an up-to-date copy is cached.
prepare_data() {
    local gen=$BIN/corpus-bench-gen stale=0 f
    local -a inputs
    [[ -x $gen ]] || die "$gen: not built (cmake --build $build --target corpus-bench-gen)"
    inputs=("$corpora"/*.txt)
    [[ -f ${inputs[0]} ]] || die "$corpora: no *.txt texts to learn from"
    FILE=$data_dir/gen-$SIZE.txt
    [[ -f $FILE && ! $gen -nt $FILE ]] || stale=1
    for f in "${inputs[@]}"; do
        if [[ $f -nt $FILE ]]; then stale=1; fi
    done
    if ((stale)); then
        echo "run.sh: generating $FILE from ${#inputs[@]} texts in $corpora" >&2
        mkdir -p -- "$data_dir"
        "$gen" --size="$SIZE" -- "${inputs[@]}" >"$FILE.tmp" || die "corpus-bench-gen failed"
        mv -- "$FILE.tmp" "$FILE"
    fi
    FILE_BYTES=$(stat -c %s "$FILE")
}

# Evaluate command string $2 (default $1) with the output discarded; on failure show its
# standard error and stop, naming command $1.
run_cmd() {
    if ! eval "${2:-$1}" </dev/null >/dev/null 2>"$tmp/stderr"; then
        cat "$tmp/stderr" >&2
        die "command failed: $1"
    fi
}

# Set REPLY to the wall time of one run of command string $1, in microseconds.
time_us() {
    local start=${EPOCHREALTIME/[.,]/} end
    run_cmd "$1"
    end=${EPOCHREALTIME/[.,]/}
    REPLY=$((end - start))
}

# Set REPLY to the peak resident set size of one run of command string $1, in KiB.
rss_kib() {
    run_cmd "$1" "/usr/bin/time -f %M -o \"\$tmp/rss\" bash -c $(printf %q "$1")"
    REPLY=$(tail -n 1 "$tmp/rss")
}

median() {
    printf '%s\n' "$@" | LC_ALL=C sort -n |
        awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

selected() { [[ -z $FILTER || $1 == *"$FILTER"* ]]; }

# bench_table TITLE BASELINES NAME CMD [NAME CMD]...
# Time each command string CMD (which may use "$FILE" and "$BIN") and print a table row per
# NAME.  BASELINES lists, separated by commas, the NAMEs to compare every row against (one
# ratio column each; may be empty).  Skipped unless TITLE contains BENCH_FILTER.
bench_table() {
    local title=$1 baselines=$2 i r b
    shift 2
    selected "$title" || return 0
    (($# > 0 && $# % 2 == 0)) || die "bench_table $title: expected NAME CMD pairs"
    local -a names=() cmds=() times=() rss=() med=() base=()
    while (($#)); do
        names+=("$1") cmds+=("$2")
        shift 2
    done
    IFS=, read -r -a base <<<"$baselines"
    for b in "${base[@]}"; do
        index_of "$b" "${names[@]}" >/dev/null || die "bench_table $title: no row named '$b'"
    done
    echo "run.sh: $title: ${#names[@]} commands, 1 + $REPEAT runs each" >&2
    for i in "${!cmds[@]}"; do # warm-up run, which also measures the peak RSS
        rss_kib "${cmds[i]}"
        rss[i]=$REPLY
    done
    for ((r = 0; r < REPEAT; r++)); do
        for i in "${!cmds[@]}"; do
            time_us "${cmds[i]}"
            times[i]+=" $REPLY"
        done
    done
    for i in "${!cmds[@]}"; do
        # shellcheck disable=SC2086 # times[i] is a list of numbers
        med[i]=$(median ${times[i]})
    done

    printf '\n## %s\n\n' "$title"
    printf '| command | median s | MB/s |'
    for b in "${base[@]}"; do printf ' × vs `%s` |' "$b"; done
    printf ' peak RSS MiB |\n|---|--:|--:|'
    for b in "${base[@]}"; do printf -- '--:|'; done
    printf -- '--:|\n'
    for i in "${!names[@]}"; do
        printf '| `%s` | %s | %s |' "${names[i]}" \
            "$(awk -v t="${med[i]}" 'BEGIN { printf "%.3f", t / 1e6 }')" \
            "$(awk -v t="${med[i]}" -v n="$FILE_BYTES" 'BEGIN { printf "%.0f", n / t }')"
        for b in "${base[@]}"; do
            printf ' %s |' "$(awk -v b="${med[$(index_of "$b" "${names[@]}")]}" -v t="${med[i]}" \
                'BEGIN { printf "%.2f", b / t }')"
        done
        printf ' %s |\n' "$(awk -v k="${rss[i]}" 'BEGIN { printf "%.1f", k / 1024 }')"
    done
}

# Print the position of $1 among the remaining arguments; fail when it is not there.
index_of() {
    local want=$1 i=0 name
    shift
    for name; do
        [[ $name == "$want" ]] && { echo "$i"; return 0; }
        i=$((i + 1))
    done
    return 1
}

# bench_same TITLE NAME1 CMD1 NAME2 CMD2
# Run both command strings once, untimed, and report whether their outputs are byte-identical.
bench_same() {
    local title=$1 result
    selected "$title" || return 0
    run_cmd "$3" "$3 >\"\$tmp/out1\""
    run_cmd "$5" "$5 >\"\$tmp/out2\""
    if cmp -s -- "$tmp/out1" "$tmp/out2"; then
        result="OK ($(stat -c %s -- "$tmp/out1") bytes)"
    else
        result=DIFFER
        failures=$((failures + 1))
    fi
    printf '\nSame output, `%s` and `%s`: **%s**\n' "$2" "$4" "$result"
    rm -f -- "$tmp/out1" "$tmp/out2"
}

print_header() {
    local cpu
    cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
    printf '# corpus benchmarks\n\n'
    printf -- '- input: `%s`, %s bytes (corpus-bench-gen --size=%s)\n' "$FILE" "$FILE_BYTES" "$SIZE"
    printf -- '- machine: %s, %s processors, %s\n' "${cpu:-unknown CPU}" "$(nproc)" "$(uname -sr)"
    printf -- '- %s timed runs per command after one warm-up run, interleaved; ' "$REPEAT"
    printf 'output to /dev/null; MB = 10^6 bytes\n'
    printf -- '- ratios: baseline median time / median time (above 1: faster than the baseline)\n'
}

prepare_data
tmp=$(mktemp -d -- "$data_dir/tmp.XXXXXX")
trap 'rm -rf -- "$tmp"' EXIT
print_header

title="Tokenization: corpus-tok --one-per-line"
bench_table "$title" 'LC_ALL=C.UTF-8 wc -w,LC_ALL=C wc -w' \
    'cat' 'cat "$FILE"' \
    'LC_ALL=C wc -w' 'LC_ALL=C wc -w "$FILE"' \
    'LC_ALL=C.UTF-8 wc -w' 'LC_ALL=C.UTF-8 wc -w "$FILE"' \
    'corpus-tok --one-per-line --threads=1' '"$BIN/corpus-tok" --one-per-line --threads=1 "$FILE"' \
    'corpus-tok --one-per-line --threads=2' '"$BIN/corpus-tok" --one-per-line --threads=2 "$FILE"'
bench_same "$title" \
    'corpus-tok --one-per-line --threads=1' '"$BIN/corpus-tok" --one-per-line --threads=1 "$FILE"' \
    'corpus-tok --one-per-line --threads=2' '"$BIN/corpus-tok" --one-per-line --threads=2 "$FILE"'

title="Stemming: corpus-stem, each algorithm, against corpus-tok"
bench_table "$title" 'corpus-tok --threads=1' \
    'corpus-tok --threads=1' '"$BIN/corpus-tok" --threads=1 "$FILE"' \
    'corpus-stem --stem=light10 --threads=1' '"$BIN/corpus-stem" --stem=light10 --threads=1 "$FILE"' \
    'corpus-stem --stem=light8 --threads=1' '"$BIN/corpus-stem" --stem=light8 --threads=1 "$FILE"' \
    'corpus-stem --stem=isri --threads=1' '"$BIN/corpus-stem" --stem=isri --threads=1 "$FILE"' \
    'corpus-stem --stem=snowball --threads=1' '"$BIN/corpus-stem" --stem=snowball --threads=1 "$FILE"'
bench_same "$title" \
    'corpus-stem --stem=isri --threads=1' '"$BIN/corpus-stem" --stem=isri --threads=1 "$FILE"' \
    'corpus-stem --stem=isri --threads=2' '"$BIN/corpus-stem" --stem=isri --threads=2 "$FILE"'

((failures == 0)) || die "$failures check(s) failed"
