#!/bin/bash
# corpus-ngram writes the same table whatever --threads is, also for lines longer than the
# 1 MiB blocks the reader cuts them into, and a sentence goes on across such a cut.
# Usage: threads.sh BIN_DIR
# SPDX-License-Identifier: MIT
name=threads
. "$(dirname "$0")/lib.sh"

gen 6M "$tmp/g.txt"
lines=$(wc -l < "$tmp/g.txt")
[ "$lines" -gt 12500 ] || { echo "FAIL generated text has only $lines lines"; exit 1; }
# Short lines, a line of about 2.4 MB, short lines, a line of about 1.3 MB, short lines: the
# long lines are generated lines joined with spaces, so their sentences cross the 1 MiB cuts.
{
    sed -n '1,500p' "$tmp/g.txt"
    sed -n '501,6000p' "$tmp/g.txt" | tr '\n' ' '
    echo
    sed -n '6001,9000p' "$tmp/g.txt"
    sed -n '9001,12000p' "$tmp/g.txt" | tr '\n' ' '
    echo
    sed -n '12001,$p' "$tmp/g.txt"
} > "$tmp/long.txt"
longest=$(LC_ALL=C awk '{ if (length($0) > m) m = length($0) } END { print m }' "$tmp/long.txt")
check "the input has a line of more than 2 MiB ($longest bytes)" test "$longest" -gt $((2 << 20))

i=0
for opts in "-n 1" "-n 2" "-n 1-3" "--chars -n 2-4 --pad" "--sentence-marks -n 3"; do
    i=$((i + 1))
    for t in 1 2 3; do
        # shellcheck disable=SC2086
        "$bin/corpus-ngram" $opts --threads=$t "$tmp/long.txt" > "$tmp/out$i.$t"
    done
    check "$opts: --threads=1 and 2 give the same table" same "$tmp/out$i.1" "$tmp/out$i.2"
    check "$opts: --threads=1 and 3 give the same table" same "$tmp/out$i.1" "$tmp/out$i.3"
    check "$opts: the table has rows" test "$(wc -l < "$tmp/out$i.1")" -gt 1000
done

marks=$("$bin/corpus-ngram" -n 1 --sentence-marks "$tmp/long.txt" \
    | awk -F'\t' '$1 == "<s>" { s = $2 } $1 == "</s>" { e = $2 } END { print s + 0, e + 0 }')
check "-n 1 --sentence-marks: <s> and </s> counted as often ($marks)" \
    test "${marks% *}" -eq "${marks#* }"

# One sentence of about 2.5 MB: the generated lines joined, without the sentence enders.  Its
# T counted tokens make T-2 trigrams, and T trigrams with <s> and </s>; a sentence wrongly
# ended at a cut would lose two trigrams.
sed -n '1,6000p' "$tmp/g.txt" | sed 's/[.!?؟…]//g' | tr '\n' ' ' > "$tmp/one.txt"
echo >> "$tmp/one.txt"
check "the one-sentence input is tokenized as one sentence" \
    test "$("$bin/corpus-tok" --keep=all "$tmp/one.txt" | wc -l)" -eq 1
for t in 1 2; do
    n1=$("$bin/corpus-ngram" -n 1 --threads=$t "$tmp/one.txt" | sum_counts)
    n3=$("$bin/corpus-ngram" -n 3 --threads=$t "$tmp/one.txt" | sum_counts)
    m3=$("$bin/corpus-ngram" -n 3 --sentence-marks --threads=$t "$tmp/one.txt" | sum_counts)
    s=$("$bin/corpus-ngram" -n 1 --sentence-marks --threads=$t "$tmp/one.txt" \
        | awk -F'\t' '$1 == "<s>" { print $2 }')
    check "one sentence, --threads=$t: $n1 tokens make $n3 trigrams (expected $((n1 - 2)))" \
        test "$n3" -eq $((n1 - 2))
    check "one sentence, --threads=$t: $m3 trigrams with --sentence-marks (expected $n1)" \
        test "$m3" -eq "$n1"
    check "one sentence, --threads=$t: <s> counted ${s:-0} times (expected 1)" test "${s:-0}" -eq 1
done
finish
