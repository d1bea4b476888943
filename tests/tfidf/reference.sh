#!/bin/bash
# corpus-tfidf against scikit-learn's TfidfVectorizer (ref_tfidf.py) on the corpora/news
# articles: the reference reads corpus-tok's output (the same tokens) and splits it with
# str.split, so only the weighting is compared: the same (document, term) pairs, the same tf and
# df, idf and tfidf within 1e-12.  Documents are the files, then the paragraphs (--docs=para);
# the weights are the defaults (raw tf, smooth idf, l2), --tf=log --idf=plain --unit=l1
# (sublinear_tf=True, smooth_idf=False, norm='l1'), -n 1-2 (ngram_range=(1, 2), n-grams made
# inside each sentence line) and --min-df/--max-df (min_df, max_df); the warning about documents
# left without terms counts those without weights in scikit-learn's matrix.
# Usage: reference.sh BIN_DIR   (skipped, status 77, without scikit-learn and SciPy)
# SPDX-License-Identifier: MIT
name=reference
. "$(dirname "$0")/lib.sh"
need_python

# ref DOCS WHAT TFIDF_OPTIONS -- REF_OPTIONS: corpus-tfidf --docs=DOCS on the articles =
# ref_tfidf.py on corpus-tok's output of each article.
ref() {
    local docs=$1 what=$2 tf=() r=()
    shift 2
    while [ "$1" != -- ]; do tf+=("$1"); shift; done
    shift
    r=("$@")
    "$bin/corpus-tfidf" --docs="$docs" "${tf[@]}" "${files[@]}" > "$tmp/tool" 2> "$tmp/err"
    check "--docs=$docs $what: corpus-tfidf = TfidfVectorizer" \
        "$python" "$here/ref_tfidf.py" --docs="$docs" --table "$tmp/tool" --stderr "$tmp/err" \
        "${r[@]}" "${toks[@]}"
}

files=("$root"/corpora/news/*.txt)
for docs in file para; do
    toks=()
    for f in "${files[@]}"; do
        t=$tmp/$(basename "$f").$docs
        "$bin/corpus-tok" --docs="$docs" --keep=$keep "$f" > "$t"
        toks+=("$f=$t")
        # The reference numbers the paragraphs of corpus-tok's output, which leaves out those
        # without a kept token; corpus-tfidf numbers all those with a token.  Here they agree.
        if [ "$docs" = para ]; then
            kept=$(awk 'BEGIN { RS = "" } END { print NR }' "$t")
            all=$("$bin/corpus-tok" --docs=para --keep=all "$f" | awk 'BEGIN { RS = "" } END { print NR }')
            check "$(basename "$f"): every one of the $all paragraphs has a kept token" \
                test "$kept" -eq "$all"
        fi
    done
    ref $docs "defaults" --
    ref $docs "--tf=log --idf=plain --unit=l1" --tf=log --idf=plain --unit=l1 -- \
        --sublinear --plain --l1
    ref $docs "-n 1-2" -n 1-2 -- -n 1-2
    ref $docs "-n 1-2 --tf=log --idf=plain --unit=l1" -n 1-2 --tf=log --idf=plain --unit=l1 -- \
        -n 1-2 --sublinear --plain --l1
done
ref para "--min-df=2 --max-df=0.5" --min-df=2 --max-df=0.5 -- --min-df=2 --max-df=0.5
ref para "-n 1-2 --min-df=0.2 --max-df=3" -n 1-2 --min-df=0.2 --max-df=3 -- \
    -n 1-2 --min-df=0.2 --max-df=3

# The tf column summed over the documents is corpus-ngram's count of each n-gram.
"$bin/corpus-tfidf" -n 1-2 --no-header "${files[@]}" |
    awk -F'\t' '{ s[$2] += $3 } END { for (t in s) print t "\t" s[t] }' | sort > "$tmp/sum"
"$bin/corpus-ngram" -n 1-2 --no-header "${files[@]}" | awk -F'\t' '{ print $1 "\t" $3 }' |
    sort > "$tmp/ngram"
check "-n 1-2: the tf of each term summed over the documents = corpus-ngram -n 1-2 ($(wc -l < "$tmp/ngram") terms)" \
    same "$tmp/ngram" "$tmp/sum"
finish
