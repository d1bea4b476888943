#!/bin/bash
# Bad input to corpus-tfidf: a malformed DF table for --df-in is an error (status 1) whose
# message names the table, and its line when there is one; --min-df above --max-df is a usage
# error (status 2, the message and the "Try" line) that writes no table, nor the --df-out table
# when the options alone conflict; an empty corpus gives the header only (with the warning when
# it has an empty document).  No error leaves a file behind or a table on standard output.
# Usage: bad-input.sh BIN_DIR
# SPDX-License-Identifier: MIT
# shellcheck disable=SC2317 # the functions are run through check()
name=bad-input
. "$(dirname "$0")/lib.sh"
cd "$tmp"
header=$(printf 'doc\tterm\ttf\tdf\tidf\ttfidf')
printf 'كتب الولد الدرس\nقرأ الولد الكتاب\n' > docs.txt

# run STATUS ARG...: corpus-tfidf ARG... exits with STATUS; standard output in out, error in err.
run() {
    local want=$1 st=0
    shift
    "$bin/corpus-tfidf" "$@" > out 2> err || st=$?
    [ "$st" -eq "$want" ] || { echo "     status $st, expected $want" >&2; return 1; }
}
# err_is LINE...: the standard error is exactly these lines.
err_is() {
    same <(printf '%s\n' "$@") err
}
# err_matches REGEX: the standard error is one line matching REGEX (grep -E).
err_matches() {
    if [ "$(wc -l < err)" -eq 1 ] && grep -Eq "$1" err; then
        return 0
    fi
    cat err >&2
    return 1
}
# nothing_left: no table on standard output, no out.tsv and no df.tsv, no temporary file.
nothing_left() {
    local f
    [ ! -s out ] || return 1
    for f in .[!.]* *; do
        case $f in
        out | err | docs.txt | bad[0-9].df | empty.txt | '.[!.]*' | '*') ;;
        *) ls -A >&2; return 1 ;;
        esac
    done
}
# usage_message: the standard error is two lines, a message about --min-df and the "Try" line.
usage_message() {
    [ "$(wc -l < err)" -eq 2 ] && grep -q '^corpus-tfidf: .*--min-df' err &&
        [ "$(sed -n 2p err)" = "Try 'corpus-tfidf --help'." ]
}
# no_table: nothing on standard output and no -o file.
no_table() {
    [ ! -s out ] && [ ! -e out.tsv ]
}

# Malformed DF tables.
printf 'term\tdf\nالولد\t2\nكتب\t1\n' > bad1.df
printf 'term\tdf\n<documents>\t9\nالولد\t2\nكتب\tone\n' > bad2.df
printf 'term\tdf\n<documents>\t9\nالولد\t2.5\n' > bad3.df
printf 'term\tdf\tn\n<documents>\t9\t1\nالولد\t2\t1\n' > bad4.df
printf 'term\tdf\n<documents>\t9\nالولد\t2\t7\n' > bad5.df
check "a DF table without a <documents> row: status 1" run 1 --df-in=bad1.df -o out.tsv docs.txt
check "  the message names the table and says what is missing" \
    err_matches '^corpus-tfidf: bad1\.df: no <documents> row'
check "  nothing written" nothing_left
check "a DF table with df 'one' (line 4): status 1" run 1 --df-in=bad2.df -o out.tsv docs.txt
check "  the message names the table and line 4" err_matches "^corpus-tfidf: bad2\.df:4: .*'one'"
check "  nothing written" nothing_left
check "a DF table with df 2.5 (line 3): status 1" run 1 --df-in=bad3.df docs.txt
check "  the message names the table and line 3" err_matches "^corpus-tfidf: bad3\.df:3: .*'2\.5'"
check "  nothing written" nothing_left
check "a DF table of 3 columns: status 1" run 1 --df-in=bad4.df docs.txt
check "  the message names the table, line 1, and the 3 columns" \
    err_matches '^corpus-tfidf: bad4\.df:1: 3 columns'
check "  nothing written" nothing_left
check "a DF table with 3 columns on line 3: status 1" run 1 --df-in=bad5.df docs.txt
check "  the message names the table, line 3, and the 3 columns" \
    err_matches '^corpus-tfidf: bad5\.df:3: 3 columns'
check "  nothing written" nothing_left
check "a missing DF table: status 1" run 1 --df-in=nosuch.df docs.txt
check "  the message names it" err_is 'corpus-tfidf: nosuch.df: No such file or directory'
check "  nothing written" nothing_left

# --min-df above --max-df: two counts, or two proportions, conflict whatever N is, so nothing
# needs to be read to know it and nothing is written, not even the --df-out table; a count
# against a proportion is known only once the documents are counted (0.5 of 2 documents is 1).
for limits in "--min-df=2 --max-df=1" "--min-df=0.9 --max-df=0.5" "--min-df=2 --max-df=0.5"; do
    read -r -a l <<< "$limits"
    check "$limits: status 2" run 2 "${l[@]}" -o out.tsv --df-out=df.tsv docs.txt
    check "  two lines: the message and \"Try 'corpus-tfidf --help'.\"" usage_message
    check "  no table, no -o file" no_table
    if [ "$limits" != "--min-df=2 --max-df=0.5" ]; then
        check "  no --df-out table either (the options alone conflict)" test ! -e df.tsv
    fi
    rm -f df.tsv
done

# Empty corpora.
: > empty.txt
check "an empty file: status 0" run 0 empty.txt
check "  the header only" same <(echo "$header") out
check "  the warning: its one document has no term" err_is \
    'corpus-tfidf: 1 of 1 documents have no term left (empty, or every term filtered out): their rows are zero'
check "an empty file, -n 1-3 --mm=e: status 0" run 0 -n 1-3 --mm=e empty.txt
check "  e.mtx is a 1 x 0 matrix without entries" \
    same <(printf '%%%%MatrixMarket matrix coordinate real general\n1 0 0\n') e.mtx
rm -f e.mtx e.terms e.docs
check "an empty file with --df-out: status 0" run 0 --df-out=df.tsv --no-header empty.txt
check "  the DF table holds the one document" same <(printf '<documents>\t1\n') df.tsv
rm -f df.tsv
check "empty standard input (no line, no document): status 0" run 0 < /dev/null
check "  the header only" same <(echo "$header") out
check "  no message" test ! -s err
check "an empty file with --docs=line (no line, no document): status 0" run 0 --docs=line empty.txt
check "  the header only" same <(echo "$header") out
check "an empty file with --docs=para (no paragraph): status 0" run 0 --docs=para empty.txt
check "  the header only" same <(echo "$header") out
finish
