#!/bin/bash
# Sharded TF-IDF: a generated corpus is cut at line ends into 3 shards; each shard is read with
# --docs=line --df-out, corpus-merge sums the DF tables, and each shard is scored again with
# --df-in=the sum.  The merged DF table is the --df-out of the whole corpus, and the rows of the
# shards, their documents renamed (shard.ab#M is line M of the shard, so line M + the lines of
# the shards before it of the whole), are byte for byte the rows of one run over the whole.
# (docs/tfidf.md promises the weights of the shards only up to rounding, the row norms being
# summed in another order; the last check says how far apart they are.)
# Usage: shards.sh BIN_DIR
# SPDX-License-Identifier: MIT
name=shards
. "$(dirname "$0")/lib.sh"

gen 2M "$tmp/g.txt"
mkdir "$tmp/s"
split -n l/3 "$tmp/g.txt" "$tmp/s/shard."
set -- "$tmp"/s/shard.*
check "3 shards" test $# -eq 3
check "the shards joined are the corpus" same "$tmp/g.txt" <(cat "$@")

# zero_docs STDERR: K of the warning "K of N documents have no term left" (0 without it).
zero_docs() {
    sed -n 's/^corpus-tfidf: \([0-9]*\) of [0-9]* documents have no term left.*/\1/p' "$1" |
        grep . || echo 0
}

tfidf=("$bin/corpus-tfidf" --docs=line)
"${tfidf[@]}" --df-out="$tmp/whole.df" "$tmp/g.txt" > "$tmp/whole" 2> "$tmp/whole.err"
zero=0
for s in "$@"; do
    "${tfidf[@]}" --df-out="$s.df" -o /dev/null "$s" 2> "$tmp/err"
    zero=$((zero + $(zero_docs "$tmp/err")))
done
check "the shards' documents without terms add up to the whole's ($zero)" \
    test "$zero" -eq "$(zero_docs "$tmp/whole.err")"
"$bin/corpus-merge" --sort=key "$tmp"/s/*.df > "$tmp/merged.df"
check "corpus-merge --sort=key of the shards' DF tables = the DF table of the whole corpus" \
    same "$tmp/whole.df" "$tmp/merged.df"

# Each shard against the merged table; documents renamed to the line numbers of the whole.
offset=0
for s in "$@"; do
    "${tfidf[@]}" --df-in="$tmp/merged.df" --no-header "$s" 2> "$tmp/err" |
        awk -F'\t' -v OFS='\t' -v shard="$s" -v whole="$tmp/g.txt" -v off="$offset" '
            { n = substr($1, length(shard) + 2); $1 = whole "#" (n + off); print }'
    offset=$((offset + $(wc -l < "$s")))
done > "$tmp/sharded"
tail -n +2 "$tmp/whole" > "$tmp/whole.rows"
check "the shards scored with --df-in = the whole corpus, byte for byte ($(wc -l < "$tmp/sharded") rows)" \
    same "$tmp/whole.rows" "$tmp/sharded"
# Where they differ: the same documents, terms, tf, df and idf, and tfidf values equal but for
# rounding (relative difference at most 1e-14).
# shellcheck disable=SC2016 # an awk program
check "the shards scored with --df-in = the whole corpus but for rounding in tfidf" \
    awk -F'\t' '
        { getline line < whole; split(line, w, "\t")
          for (k = 1; k <= 5; k++) if ($k != w[k]) { print "row " NR ": " $0 " / " line; bad = 1; exit 1 }
          d = $6 - w[6]; if (d < 0) d = -d; r = w[6] > 0 ? d / w[6] : d; if (r > m) m = r }
        END { if (bad) exit 1; printf "     max relative difference %.3g\n", m; exit !(m <= 1e-14) }' \
        whole="$tmp/whole.rows" "$tmp/sharded"
finish
