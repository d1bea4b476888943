#!/bin/bash
# corpus-colloc writes the same bytes for every --threads and --memory: on a generated text of
# 2M, runs with --threads=1, 2 and 3, each with the default memory and with --memory=1M (where
# counting spills sorted runs to temporary files, as --verbose must say), against the run with
# --threads=1: adjacent pairs, --window=5, --stopwords=ar with every measure, and triples.
# Then a sentence longer than the blocks the reader cuts lines into.
# Usage: threads.sh BIN_DIR
# SPDX-License-Identifier: MIT
name=threads
. "$(dirname "$0")/lib.sh"

gen 2M "$tmp/g.txt"
# spilled FILE: the number of sorted runs written to temporary files that --verbose reports.
spilled() {
    sed -n 's/^corpus-colloc: memory .*; \([0-9]*\) sorted runs written to temporary.*/\1/p' \
        "$1" | grep . || echo 0
}
for opts in "" "--window=5" "--stopwords=ar --measures=all --p-values --min-count=2" \
            "-n 3 --measures=all"; do
    read -r -a o <<< "$opts"
    what=${opts:-defaults}
    "$bin/corpus-colloc" "${o[@]}" --threads=1 "$tmp/g.txt" > "$tmp/one" 2> "$tmp/err"
    rows=$(($(wc -l < "$tmp/one") - 1))
    check "$what: --threads=1 writes more than 5000 rows ($rows)" test "$rows" -gt 5000
    check "$what: --threads=1 writes no warning" test ! -s "$tmp/err"
    for t in 1 2 3; do
        for m in "" 1M; do
            [ "$t$m" != 1 ] || continue
            mem=()
            [ -z "$m" ] || mem=(--memory="$m" --verbose)
            "$bin/corpus-colloc" "${o[@]}" --threads=$t "${mem[@]}" "$tmp/g.txt" \
                > "$tmp/out" 2> "$tmp/err"
            check "$what --threads=$t${m:+ --memory=$m}: the same output as --threads=1" \
                same "$tmp/one" "$tmp/out"
            if [ -n "$m" ]; then
                runs=$(spilled "$tmp/err")
                check "$what --threads=$t --memory=$m: $runs sorted runs in temporary files" \
                    test "$runs" -gt 0
            fi
        done
    done
done

# One sentence of about 4 MB (the generated text twice, its lines joined, without the
# sentence enders), longer than several of the 1 MiB blocks the reader cuts lines into: its N
# tokens make 2N - 3 pairs in windows of 3 and N - 2 triples, for every --threads; a sentence
# wrongly ended at a cut would lose some.
cat "$tmp/g.txt" "$tmp/g.txt" | sed 's/[.!?؟…]//g' | tr '\n' ' ' > "$tmp/one.txt"
echo >> "$tmp/one.txt"
size=$(wc -c < "$tmp/one.txt")
check "the one-sentence input is longer than 3 MiB ($size bytes)" test "$size" -gt $((3 << 20))
check "the one-sentence input is tokenized as one sentence" \
    test "$("$bin/corpus-tok" --keep=all "$tmp/one.txt" | wc -l)" -eq 1
# total COUNT N: the sum of column COUNT (the count) and column N (N) of corpus-colloc's table
# on standard input.
total() {
    awk -F'\t' -v c="$1" -v n="$2" 'NR > 1 { s += $c; t = $n } END { print s + 0, t + 0 }'
}
for t in 1 2 3; do
    read -r pairs n < <("$bin/corpus-colloc" --window=3 --measures=freq --threads=$t \
                             "$tmp/one.txt" | total 3 6)
    check "one sentence, --threads=$t: $n tokens, $pairs pairs in windows of 3 (2N - 3)" \
        test "$pairs" -eq $((2 * n - 3))
    read -r triples n < <("$bin/corpus-colloc" -n 3 --measures=freq --threads=$t \
                               "$tmp/one.txt" | total 4 8)
    check "one sentence, --threads=$t: $n tokens, $triples triples (N - 2)" \
        test "$triples" -eq $((n - 2))
done
finish
