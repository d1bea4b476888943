#!/bin/sh
# Run the libFuzzer targets of BUILD/fuzz for SECONDS each, two at a time.  Seeds are made in
# BUILD/fuzz-seeds/<target>/ from corpora/ and tests/; what a run finds is kept in
# BUILD/fuzz-corpus/<target>/ for the next run; crashes, leaks and timeouts go to
# BUILD/artifacts/<target>/ and make the script exit 1.
# Usage: fuzz/run.sh BUILD SECONDS [TARGET...]   (default: every target)
# SPDX-License-Identifier: MIT
set -eu

build=$1
seconds=$2
shift 2
src=$(cd "$(dirname "$0")/.." && pwd)
targets=${*:-"utf8 norm tok stem table df stopwords"}
max_len=4096 # bytes per input: enough for several lines and tables of dozens of rows
timeout=10   # seconds per input before libFuzzer reports a timeout

# Copy FILE... into DIR, each under a name made from its path.
copy_seeds() {
    dir=$1
    shift
    for f in "$@"; do
        [ -f "$f" ] || continue
        cp "$f" "$dir/$(echo "${f#"$src"/}" | tr '/' '_')"
    done
}

make_seeds() {
    t=$1
    dir=$build/fuzz-seeds/$t
    rm -rf "$dir"
    mkdir -p "$dir"
    # The inputs of earlier findings run first, every time: a regression fails at once.
    copy_seeds "$dir" "$src"/fuzz/regressions/"$t"/*
    case $t in
    utf8 | norm | tok)
        copy_seeds "$dir" "$src"/corpora/news/*.txt "$src"/tests/cli/*/*/stdin
        ;;
    stem)
        copy_seeds "$dir" "$src"/corpora/news/*.txt "$src"/tests/data/stem/words.txt \
            "$src"/tests/cli/corpus-stem/*/stdin
        ;;
    table)
        copy_seeds "$dir" "$src"/tests/cli/corpus-merge/*/stdout \
            "$src"/tests/cli/corpus-merge/*/stdin "$src"/tests/cli/corpus-ngram/*/stdout
        printf 'ngram\tcount\r\nكتاب\t2\r\nقلم\t1\r\n' >"$dir/crlf"
        printf 'ngram\tn\tcount\nكتاب\t1\t3\nكتاب قلم\t2\t1\nقلم\t1\t2\n' >"$dir/three-columns"
        printf 'a\t18446744073709551615\na\t1\n' >"$dir/overflow"
        ;;
    df)
        copy_seeds "$dir" "$src"/tests/cli/corpus-merge/*/stdout
        printf 'term\tdf\n<documents>\t10\nالولد\t5\nكتب\t1\n' >"$dir/df-in"
        printf '2023\t1\n<documents>\t3\nGaza\t1\nغزة\t2\n' >"$dir/df-out"
        printf '<documents>\t0\n' >"$dir/no-documents"
        ;;
    stopwords)
        copy_seeds "$dir" "$src"/tests/cli/*/*/stop.txt
        printf '\357\273\277# stop words\r\nفي\r\n  من \t\n\nعلى\rإلى\n' >"$dir/crlf-bom"
        ;;
    esac
}

dict_of() {
    case $1 in
    utf8) echo "$src/fuzz/dict/utf8.dict" ;;
    table | df) echo "$src/fuzz/dict/table.dict" ;;
    *) echo "$src/fuzz/dict/text.dict" ;;
    esac
}

# Run one target; its log is BUILD/fuzz-logs/<target>.log.
run_one() {
    t=$1
    mkdir -p "$build/fuzz-corpus/$t" "$build/artifacts/$t" "$build/fuzz-logs"
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
        UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        "$build/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout="$timeout" \
        -max_len="$max_len" -rss_limit_mb=2048 -print_final_stats=1 \
        -dict="$(dict_of "$t")" -artifact_prefix="$build/artifacts/$t/" \
        "$build/fuzz-corpus/$t" "$build/fuzz-seeds/$t" >"$build/fuzz-logs/$t.log" 2>&1
}

# One line per target from its log: executions, exec/s, cov and ft of the last status line.
summary() {
    t=$1
    log=$build/fuzz-logs/$t.log
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -n 1)
    echo "fuzz_$t: ${execs:-?} executions, ${rate:-?} exec/s, ${cov:-no coverage line}"
}

status=0
for t in $targets; do
    [ -x "$build/fuzz/fuzz_$t" ] || { echo "run.sh: no target $build/fuzz/fuzz_$t" >&2; exit 2; }
    make_seeds "$t"
done
set -- $targets
while [ $# -gt 0 ]; do
    a=$1
    shift
    b=""
    if [ $# -gt 0 ]; then
        b=$1
        shift
    fi
    run_one "$a" &
    pa=$!
    if [ -n "$b" ]; then
        run_one "$b" &
        pb=$!
    fi
    for t in $a $b; do
        if [ "$t" = "$a" ]; then pid=$pa; else pid=$pb; fi
        if wait "$pid"; then
            summary "$t"
        else
            summary "$t"
            echo "fuzz_$t: FAILED (see $build/fuzz-logs/$t.log and $build/artifacts/$t/)" >&2
            status=1
        fi
    done
done
exit $status
