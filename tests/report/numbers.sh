#!/bin/bash
# Numbers of report.json equal the tools' on the same input: tokens and types (corpus-stats),
# the top word and its count (corpus-ngram -n 1 --stopwords=ar), the first collocation and
# its llr (corpus-colloc --stopwords=ar --min-count=3), the first bigram of the logDice table,
# the first TF-IDF keyword (corpus-tfidf --stopwords=ar), the spectrum (corpus-stats
# --spectrum) and a file's SHA-256 (sha256sum).
# Usage: numbers.sh BIN_DIR
# SPDX-License-Identifier: MIT
name=numbers
. "$(dirname "$0")/lib.sh"
need_python json

report "$tmp/a"
cd "$root"
files=(corpora/news/*.txt)
# get EXPR: a value of report.json by a Python expression on d.
get() {
    "$python" -c 'import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
print(eval(sys.argv[2]))' "$tmp/a/report.json" "$1"
}
"$bin/corpus-stats" "${files[@]}" > "$tmp/stats"
stat() { awk -F'\t' -v k="$1" '$1 == k { print $2 }' "$tmp/stats"; }
check "tokens = corpus-stats" test "$(get 'd["corpus"]["tokens"]')" = "$(stat tokens)"
check "types = corpus-stats" test "$(get 'd["corpus"]["types"]')" = "$(stat types)"
check "zipf_s_mle = corpus-stats" test "$(get 'repr(d["corpus"]["zipf_s_mle"])')" = "$(stat zipf_s_mle)"
top=$("$bin/corpus-ngram" -n 1 --stopwords=ar --top=1 --no-header "${files[@]}")
check "top word and count = corpus-ngram ($top)" \
    test "$(get 'd["top_words"][0]["word"] + "\t" + str(d["top_words"][0]["count"])')" = "$top"
first=$("$bin/corpus-colloc" --stopwords=ar --min-count=3 --measures=llr,logdice,pmi,t --top=1 \
    --no-header "${files[@]}")
check "first collocation by llr = corpus-colloc" \
    test "$(get '"\t".join(str(v) if not isinstance(v, float) else repr(v) for v in d["collocations_llr"][0].values())')" = "$first"
check "its llr = corpus-colloc's" \
    test "$(get 'repr(d["collocations_llr"][0]["llr"])')" = "$(cut -f7 <<< "$first")"
first=$("$bin/corpus-colloc" --stopwords=ar --min-count=3 --measures=llr,logdice,pmi,t \
    --sort-by=logdice --top=1 --no-header "${files[@]}")
check "first collocation by logdice = corpus-colloc --sort-by=logdice" \
    test "$(get 'd["collocations_logdice"][0]["w1"] + " " + d["collocations_logdice"][0]["w2"]')" = "$(cut -f1,2 --output-delimiter=' ' <<< "$first")"
kw=$("$bin/corpus-tfidf" --stopwords=ar --top=1 --no-header "${files[@]}" | head -1)
check "first TF-IDF keyword = corpus-tfidf" \
    test "$(get 'd["keywords"][0]["term"] + "\t" + repr(d["keywords"][0]["tfidf"])')" = "$(cut -f2,6 <<< "$kw")"
"$bin/corpus-stats" --spectrum --no-header "${files[@]}" > "$tmp/spectrum"
get '"\n".join("%d\t%d" % (r["frequency"], r["types"]) for r in d["spectrum"])' > "$tmp/spectrum.json"
check "spectrum = corpus-stats --spectrum" same "$tmp/spectrum" "$tmp/spectrum.json"
check "SHA-256 of the first file = sha256sum" \
    test "$(get 'd["inputs"][0]["sha256"]')" = "$(sha256sum < "${files[0]}" | cut -d' ' -f1)"
check "inputs in bytewise order" \
    test "$(get '" ".join(f["path"] for f in d["inputs"])')" = "${files[*]}"
finish
