#!/bin/bash
# The association measures NLTK lacks (npmi, pmi2, pmi3, chi2-yates, z, logdice, log-odds,
# min-sensitivity, fisher-right, fisher-two) and the --p-values columns (chi2-p, chi2-yates-p,
# llr-p) of corpus-colloc --measures=all --p-values, against their formulas computed again
# from the count columns of each row, Fisher's tests against scipy.stats.fisher_exact and the
# p-values against scipy.stats.chi2.sf (ref_measures.py): on the corpora/news articles with
# adjacent pairs and with --window=3 (O11 = count / 2, a fraction for odd counts), and on a
# generated text of 128K.  Then on count tables of N = 1e4 to 1e12 (--from-counts), with
# Fisher's tests (fisher-left too) against exact rational sums.
# Usage: measures.sh BIN_DIR   (skipped, status 77, without SciPy)
# SPDX-License-Identifier: MIT
name=measures
. "$(dirname "$0")/lib.sh"
need_python

# measures WHAT WINDOW MIN TEXT...: at least MIN rows.
measures() {
    local what=$1 window=$2 min=$3
    shift 3
    "$bin/corpus-colloc" --window="$window" --measures=all --p-values "$@" \
        > "$tmp/$what.$window" 2> "$tmp/err"
    check "$what --window=$window: no warning" test ! -s "$tmp/err"
    check "$what --window=$window: the measures NLTK lacks but Fisher's = their formulas" \
        "$python" "$here/ref_measures.py" --window "$window" --min-candidates "$min" \
        --part=formulas "$tmp/$what.$window"
    check "$what --window=$window: fisher-right, fisher-two = SciPy's fisher_exact" \
        "$python" "$here/ref_measures.py" --window "$window" --min-candidates "$min" \
        --part=fisher "$tmp/$what.$window"
}

measures news 2 987 "${files[@]}"
measures news 3 1999 "${files[@]}"
# 128K: SciPy's fisher_exact takes milliseconds per table at this N.
gen 128K "$tmp/gen.txt"
measures gen 2 9000 "$tmp/gen.txt"
measures gen 3 15000 "$tmp/gen.txt"

# Tables of large N, through --from-counts: for each N, pairs a_i b_i seen O11 times, a_i seen
# R1 times and b_i C1 times (O11:R1:C1 below), the other tokens one word z.  Fisher's tests
# against exact rational sums (SciPy's lose accuracy from N = 1e6 on).  N = 2^32 is just past
# the unsigned int of GSL's hypergeometric functions, which docs/measures.md says the library
# replaces with its own computation there.  With --window=3 the same tables have
# O11 = count / 2, and the truncated table of N = 2^32 sums to 2^32 - 1.
cases="1:1:1 1:1:5 2:3:5 3:40:70 5:5:5 10:20:20 1:500:500 50:100:200 7:7:3000 40:41:43"
for n in 10000 1000000 100000000 4294967296 10000000000 1000000000000; do
    i=0 sum=0
    printf 'ngram\tcount\n' > "$tmp/uni"
    printf 'ngram\tcount\n' > "$tmp/pairs"
    for c in $cases; do
        IFS=: read -r o r1 c1 <<< "$c"
        i=$((i + 1)) sum=$((sum + r1 + c1))
        printf 'a%d\t%d\nb%d\t%d\n' $i "$r1" $i "$c1" >> "$tmp/uni"
        printf 'a%d b%d\t%d\n' $i $i "$o" >> "$tmp/pairs"
    done
    printf 'z\t%d\n' $((n - sum)) >> "$tmp/uni"
    for w in 2 3; do
        "$bin/corpus-colloc" --window=$w --measures=all --p-values --from-counts "$tmp/uni" \
            "$tmp/pairs" > "$tmp/large" 2> "$tmp/err"
        check "N = $n --window=$w: no warning" test ! -s "$tmp/err"
        check "N = $n --window=$w: the measures NLTK lacks but Fisher's = their formulas" \
            "$python" "$here/ref_measures.py" --window $w --min-candidates $i --part=formulas \
            "$tmp/large"
        check "N = $n --window=$w: fisher-left, fisher-right, fisher-two = exact sums" \
            "$python" "$here/ref_measures.py" --window $w --min-candidates $i --part=fisher \
            --exact "$tmp/large"
    done
done
finish
