#!/bin/bash
# corpus-colloc against NLTK 3.8's collocation finders (ref_colloc.py) on the corpora/news
# articles, then on a generated text of 256K (larger counts, many more candidates): the
# reference reads corpus-tok's sentences (the same tokens, the same --keep as corpus-colloc's
# default) and builds BigramCollocationFinder.from_documents(sentences) for adjacent pairs,
# BigramCollocationFinder.from_words(every sentence followed by W-1 None, window_size=W) for
# --window=W (3, 4, 5), and TrigramCollocationFinder.from_documents(sentences) for -n 3.  For
# every association measure of NLTK, corpus-colloc --measures=M --sort-by=M must give the
# candidates of the finder, its counts (count, f1, f2, f3, N), NLTK's scores within a relative
# 1e-9, and the rows in the order of NLTK's score_ngrams (score descending, ties by the
# words).  On the generated text, fisher (SciPy's fisher_exact, slow) is compared on the
# candidates seen twice or more only (--min-count=2 and NLTK's apply_freq_filter(2)).
# Degenerate tables (a negative cell or a zero marginal), which NLTK cannot all score, are left
# out by corpus-colloc with a warning; ref_colloc.py counts them on its side and expects that
# warning.  There are none on these texts; a last small text has one.
# Usage: reference.sh BIN_DIR   (skipped, status 77, without NLTK and SciPy)
# SPDX-License-Identifier: MIT
name=reference
. "$(dirname "$0")/lib.sh"
need_python

# NLTK's measures, as NLTK=corpus-colloc.
pairs="raw_freq=freq pmi=pmi likelihood_ratio=llr chi_sq=chi2 phi_sq=phi2 student_t=t dice=dice
       jaccard=jaccard poisson_stirling=poisson-stirling mi_like=mi-like fisher=fisher-left"
triples="raw_freq=freq pmi=pmi student_t=t chi_sq=chi2 likelihood_ratio=llr
         poisson_stirling=poisson-stirling jaccard=jaccard mi_like=mi-like"

# ref WHAT N WINDOW MIN FISHER BAD TEXT...: corpus-colloc -n N --window=WINDOW on the TEXTs,
# once per measure, against ref_colloc.py on corpus-tok's sentences of the TEXTs
# ($tmp/WHAT.tok); at least MIN candidates.  FISHER is "all", or C:KF to compare fisher on the
# candidates seen at least C times only (--min-count=C), at least KF of them.  BAD candidates
# have a degenerate table.
ref() {
    local what=$1 n=$2 window=$3 min=$4 fisher=$5 bad=$6 list t=() m ours o f=() more=()
    shift 6
    if [ "$n" = 3 ]; then list=$triples; else list=$pairs; fi
    if [ "$fisher" != all ]; then
        f=(--min-count="${fisher%:*}")
        more=(--fisher-min-count "${fisher%:*}" --fisher-min-candidates "${fisher#*:}")
    fi
    for m in $list; do
        ours=${m#*=}
        o=()
        [ "$ours" != fisher-left ] || o=("${f[@]}")
        "$bin/corpus-colloc" -n "$n" --window="$window" --measures="$ours" --sort-by="$ours" \
            "${o[@]}" "$@" > "$tmp/$what.$n.$window.$ours" 2> "$tmp/$what.$n.$window.$ours.err"
        [ "$ours" = fisher-left ] || t+=("${m%=*}=$tmp/$what.$n.$window.$ours")
    done
    check "$what: -n $n --window=$window, NLTK's measures but fisher: corpus-colloc = NLTK" \
        "$python" "$here/ref_colloc.py" --tokens "$tmp/$what.tok" -n "$n" --window "$window" \
        --min-candidates "$min" --degenerate "$bad" "${t[@]}"
    [ "$n" = 2 ] || return 0
    check "$what: -n $n --window=$window, fisher: corpus-colloc fisher-left = NLTK" \
        "$python" "$here/ref_colloc.py" --tokens "$tmp/$what.tok" -n "$n" --window "$window" \
        --min-candidates "$min" --degenerate "$bad" "${more[@]}" \
        "fisher=$tmp/$what.$n.$window.fisher-left"
}

"$bin/corpus-tok" --keep=$keep "${files[@]}" > "$tmp/news.tok"
# The articles have 1209 tokens in 52 sentences: 987 adjacent pairs, 1999 pairs in windows of
# 3, 3864 in windows of 5, 1040 triples; every one is compared.
ref news 2 2 987 all 0 "${files[@]}"
ref news 2 3 1999 all 0 "${files[@]}"
ref news 2 5 3864 all 0 "${files[@]}"
ref news 3 3 1040 all 0 "${files[@]}"

# The generated text has 23398 tokens: 19264 adjacent pairs (1513 seen twice or more), 48847
# pairs in windows of 4 (6344), 20483 triples.  NLTK's fisher on the pairs seen twice or more
# only: on all of them it takes over a minute.
gen 256K "$tmp/gen.txt"
"$bin/corpus-tok" --keep=$keep "$tmp/gen.txt" > "$tmp/gen.tok"
ref gen 2 2 19000 2:1500 0 "$tmp/gen.txt"
ref gen 2 4 48000 2:6000 0 "$tmp/gen.txt"
ref gen 3 3 20000 all 0 "$tmp/gen.txt"

# A degenerate table: in windows of 5, a word repeated 10 times in a sentence pairs with itself
# 4 x 10 - 10 times, O11 = 7.5, and with N = 12, O22 = 12 - 10 - 10 + 7.5 < 0.  NLTK scores it
# with pmi, t, chi2 and fisher, and raises ValueError with llr; corpus-colloc leaves it out with
# one warning, and ref_colloc.py compares the other candidate.
printf 'ذهب %.0s' 1 2 3 4 5 6 7 8 9 > "$tmp/bad.txt"
printf 'ذهب\nولد كبير\n' >> "$tmp/bad.txt"
"$bin/corpus-tok" --keep=$keep "$tmp/bad.txt" > "$tmp/bad.tok"
ref bad 2 5 1 all 1 "$tmp/bad.txt"
ref bad 2 3 2 all 0 "$tmp/bad.txt"
finish
