#!/bin/bash
# Sharded collocations: each corpora/news article is cut at line ends into 2 shards (4 in all);
# corpus-ngram counts the words (-n 1), the pairs (-n 2, and -n 2 --window=W for windows of 3
# and 5) and the triples (-n 3) of each shard, corpus-merge sums each order over the shards,
# and corpus-colloc --from-counts UNIGRAMS PAIRS [TRIPLES] must write byte for byte what one
# corpus-colloc run over the two articles writes, with --measures=all --p-values, also with
# --stopwords=ar (the count tables are made without stop words: --from-counts leaves out the
# candidates with a stop word, and the direct run counts the stop words in N and the
# marginals), --min-count, --min-word-count and --top.  Then the same with a generated text
# of 1M cut into 3 shards.
# Every line end ends a sentence (docs/tokenization.md), so cutting at line ends keeps every
# sentence whole: the sentences of the shards are those of the whole (checked with corpus-tok),
# and --docs, which only groups sentences, changes no count (the direct run reads the articles
# as two documents, the shards as four).  A cut inside a line could split a sentence and lose
# its pairs across the cut; the articles do not end with a line end, so they are cut one by
# one (joined, the last line of one would run into the first of the next).
# Usage: shards.sh BIN_DIR
# SPDX-License-Identifier: MIT
name=shards
. "$(dirname "$0")/lib.sh"

mkdir "$tmp/s"
for f in "${files[@]}"; do
    split -n l/2 "$f" "$tmp/s/$(basename "$f" .txt)."
done
set -- "$tmp"/s/*
check "4 shards" test $# -eq 4
check "the shards joined are the articles" same <(cat "${files[@]}") <(cat "$@")
check "the sentences of the shards are those of the articles" \
    same <("$bin/corpus-tok" --keep=$keep "${files[@]}" | grep .) \
         <("$bin/corpus-tok" --keep=$keep "$@" | grep .)

for docs in para line; do
    check "--docs=$docs changes nothing in a direct run (pairs in windows of 3, triples)" \
        same <("$bin/corpus-colloc" --window=3 --measures=all "${files[@]}"
               "$bin/corpus-colloc" -n 3 --measures=all "${files[@]}") \
             <("$bin/corpus-colloc" --docs=$docs --window=3 --measures=all "${files[@]}"
               "$bin/corpus-colloc" --docs=$docs -n 3 --measures=all "${files[@]}")
done

# tables WHAT ORDER [OPTION...]: corpus-ngram -n ORDER OPTIONs of each shard of $tmp/WHAT/,
# summed by corpus-merge into $tmp/WHAT.ORDER.OPTIONs.
tables() {
    local what=$1 order=$2 s
    shift 2
    local out="$tmp/$what.$order$*"
    for s in "$tmp/$what"/*; do
        "$bin/corpus-ngram" -n "$order" "$@" "$s" > "$s.n$order$*.tsv"
    done
    "$bin/corpus-merge" "$tmp/$what"/*".n$order$*.tsv" > "$out"
    rm "$tmp/$what"/*".n$order$*.tsv"
}

# compare WHAT OPTIONS TABLE...: corpus-colloc OPTIONS --from-counts TABLEs = corpus-colloc
# OPTIONS on the texts of the array text; sets rows to the number of rows.
compare() {
    local what=$1 opts=$2 o
    shift 2
    read -r -a o <<< "$opts"
    "$bin/corpus-colloc" "${o[@]}" "${text[@]}" > "$tmp/direct" 2> "$tmp/direct.err"
    "$bin/corpus-colloc" "${o[@]}" --from-counts "$@" > "$tmp/sharded" 2> "$tmp/err"
    rows=$(($(wc -l < "$tmp/direct") - 1))
    check "$what $opts: --from-counts of the merged tables = the whole text ($rows rows)" \
        same "$tmp/direct" "$tmp/sharded"
    check "$what $opts: the same standard error" same "$tmp/direct.err" "$tmp/err"
}

# run WHAT TEXT...: every check on the shards in $tmp/WHAT/ against the TEXTs.
run() {
    local what=$1 w opts
    shift
    text=("$@")
    tables "$what" 1
    tables "$what" 2
    tables "$what" 3
    tables "$what" 2 --window=3
    tables "$what" 2 --window=5
    check "$what: the merged unigram table = corpus-ngram -n 1 of the whole" \
        same <("$bin/corpus-ngram" -n 1 "${text[@]}") "$tmp/$what.1"
    for opts in "--measures=all --p-values" "--measures=all --p-values --stopwords=ar" \
                "--min-count=2 --min-word-count=3 --top=100 --sort-by=pmi"; do
        for w in 2 3 5; do
            if [ $w = 2 ]; then
                compare "$what" "--window=$w $opts" "$tmp/$what.1" "$tmp/$what.2"
            else
                compare "$what" "--window=$w $opts" "$tmp/$what.1" "$tmp/$what.2--window=$w"
            fi
            check "$what --window=$w $opts: more than 20 rows" test "$rows" -gt 20
        done
        compare "$what" "-n 3 $opts" "$tmp/$what.1" "$tmp/$what.2" "$tmp/$what.3"
        check "$what -n 3 $opts: more than 20 rows" test "$rows" -gt 20
    done
}

run s "${files[@]}"

# A generated text of 1M, cut at line ends into 3 shards.
mkdir "$tmp/g"
gen 1M "$tmp/gen.txt"
split -n l/3 "$tmp/gen.txt" "$tmp/g/shard."
set -- "$tmp"/g/*
check "3 shards of the generated text" test $# -eq 3
run g "$tmp/gen.txt"
finish
