#!/bin/bash
# The n-gram tables of the corpora/news articles against ref_ngram.py (python3), which counts
# the n-grams of corpus-tok's output independently: words, with stop words left out, stems,
# sentence marks and characters.
# Usage: news-reference.sh BIN_DIR
# SPDX-License-Identifier: MIT
name=news-reference
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
keep=word,latin,number,url,email,mention,hashtag

# ref NAME NGRAM_OPTIONS -- REF_OPTIONS: corpus-ngram on $f = ref_ngram.py on $tok.
ref() {
    local what=$1 ng=() r=()
    shift
    while [ "$1" != -- ]; do ng+=("$1"); shift; done
    shift
    r=("$@")
    "$bin/corpus-ngram" "${ng[@]}" "$f" > "$tmp/tool"
    python3 "$here/ref_ngram.py" "${r[@]}" "$tok" > "$tmp/ref"
    check "$short: $what: corpus-ngram = ref_ngram.py ($(($(wc -l < "$tmp/ref") - 1)) rows)" \
        same "$tmp/ref" "$tmp/tool"
}

for f in "$root"/corpora/news/*.txt; do
    short=$(basename "$f" .txt)
    short=${short%%-gaza*}
    tok=$tmp/$short.tok
    "$bin/corpus-tok" --keep=$keep "$f" > "$tok"
    for n in 1 2 3 1-3; do
        ref "-n $n" -n $n -- -n $n
    done
    ref "--sentence-marks -n 1-3" --sentence-marks -n 1-3 -- --sentence-marks -n 1-3
    ref "--chars --pad -n 1-4" --chars --pad -n 1-4 -- --chars --pad -n 1-4

    tokens=$("$bin/corpus-tok" -1 --keep=$keep "$f" | grep -c -v '^$')
    unigrams=$("$bin/corpus-ngram" "$f" | sum_counts)
    check "$short: the unigram counts add up to the $tokens tokens of corpus-tok -1" \
        test "$unigrams" -eq "$tokens"

    # The stop words of the article: the tokens that corpus-tok --stopwords=ar leaves out.
    "$bin/corpus-tok" -1 --keep=$keep "$f" | grep -v '^$' | sort -u > "$tmp/all"
    "$bin/corpus-tok" -1 --keep=$keep --stopwords=ar "$f" | grep -v '^$' | sort -u > "$tmp/kept"
    comm -23 "$tmp/all" "$tmp/kept" > "$tmp/stop"
    check "$short: --stopwords=ar leaves out $(wc -l < "$tmp/stop") words, في among them" \
        grep -qx 'في' "$tmp/stop"
    for n in 1 2 3; do
        ref "--stopwords=ar -n $n" --stopwords=ar -n $n -- --stopwords "$tmp/stop" -n $n
    done

    # Stems: the n-grams of corpus-stem's output.
    "$bin/corpus-stem" --stem=light10 --keep=$keep "$f" > "$tok"
    ref "--stem=light10 -n 1-3" --stem=light10 -n 1-3 -- -n 1-3
done

# Both articles in one run, two documents: no n-gram crosses from one to the other.
"$bin/corpus-tok" --keep=$keep "$root"/corpora/news/*.txt > "$tmp/both.tok"
"$bin/corpus-ngram" -n 1-3 "$root"/corpora/news/*.txt > "$tmp/tool"
python3 "$here/ref_ngram.py" -n 1-3 "$tmp/both.tok" > "$tmp/ref"
check "both articles: corpus-ngram -n 1-3 = ref_ngram.py" same "$tmp/ref" "$tmp/tool"
finish
