#!/bin/bash
# corpus-tfidf --mm=PREFIX: PREFIX.mtx loads with scipy.io.mmread and holds the long table written
# with the same options, entry for entry and bit for bit (check_mm.py); PREFIX.docs lists every
# document (an empty one too) and PREFIX.terms the terms bytewise.  Nothing goes to standard
# output, and the warning about documents without terms is the same as for the table.
# Usage: mm.sh BIN_DIR   (skipped, status 77, without scikit-learn and SciPy)
# SPDX-License-Identifier: MIT
name=mm
. "$(dirname "$0")/lib.sh"
need_python

: > "$tmp/empty.txt"
files=("$root"/corpora/news/*.txt "$tmp/empty.txt")
i=0
for opts in "" "--docs=para -n 1-2 --smart=Ltc" "--docs=line --tf=log --idf=plain --unit=l1" \
            "--max-df=1 --stopwords=ar"; do
    i=$((i + 1))
    read -r -a o <<< "$opts"
    "$bin/corpus-tfidf" "${o[@]}" "${files[@]}" > "$tmp/table.$i" 2> "$tmp/table-err.$i"
    "$bin/corpus-tfidf" "${o[@]}" --mm="$tmp/m$i" "${files[@]}" > "$tmp/out.$i" 2> "$tmp/err"
    check "${opts:-defaults}: the Matrix Market files hold the table" \
        "$python" "$here/check_mm.py" "$tmp/m$i" "$tmp/table.$i"
    check "${opts:-defaults}: nothing on standard output" test ! -s "$tmp/out.$i"
    check "${opts:-defaults}: the same standard error as for the table" \
        same "$tmp/table-err.$i" "$tmp/err"
done
# With files, the empty file is a document: the last line of .docs, a row of zeros.
check "the empty file is the last document of m1.docs" \
    test "$(tail -n 1 "$tmp/m1.docs")" = "$tmp/empty.txt"
check "m1.mtx: 3 rows" test "$(sed -n 2p "$tmp/m1.mtx" | cut -d' ' -f1)" = 3
finish
