#!/bin/sh
# Check the expected outputs of the corpus-stem golden cases on corpora/news against
# independent references: verify.sh BIN_DIR.  Prints one line per check and exits 1 if any
# fails, 2 on bad usage or when a reference cannot be run.
#
# Needs /usr/bin/python3 (or $PYTHON3) with NLTK 3.8 and snowballstemmer 2.2.0 (Debian
# python3-nltk, python3-snowballstemmer).  The references share no code with libcorpus:
#   - the token tables of tests/cli/ref_tok.py (token text and class under --norm=basic);
#   - light10, light8: ref_light.py, written from ALGORITHMS.md 2.1-2.2;
#   - isri: nltk.stem.isri.ISRIStemmer; snowball: snowballstemmer's pure-Python ArabicStemmer;
#   - tests/data/stem/{isri,snowball}.tsv (the same two stemmers on 28,374 words).
# A stem that comes out empty keeps the word (corpus-stem(1)); non-word tokens pass through.
# SPDX-License-Identifier: MIT

if [ $# -ne 1 ]; then
    echo "usage: verify.sh BIN_DIR" >&2
    exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
cli=$here/..
root=$here/../../..
bin=$(cd "$1" && pwd) || exit 2
LC_ALL=C.UTF-8
PYTHONDONTWRITEBYTECODE=1
export LC_ALL PYTHONDONTWRITEBYTECODE
py=${PYTHON3:-/usr/bin/python3}
[ -x "$py" ] || py=python3
if ! "$py" -c 'import nltk.stem.isri, snowballstemmer.arabic_stemmer' 2>/dev/null; then
    echo "verify.sh: $py cannot import nltk and snowballstemmer" >&2
    exit 2
fi
name=verify-stem
. "$here/../verify-lib.sh"

"$py" "$here/ref_light.py" --self-test
check "ref_light.py: worked examples of ALGORITHMS.md 2.1" $?

tables=
for f in "$root"/corpora/news/*.txt; do
    name=$(basename "$f" .txt)
    short=${name%%-gaza*}
    table=$tmp/$short.tsv
    tables="$tables $table"
    "$py" "$cli/ref_tok.py" --norm=basic --format=tsv "$f" > "$table" || exit 2
    # The layout of the stems is corpus-tok's: the token table gives back its golden output.
    "$py" "$here/check_stems.py" --stem=none text "$table" "$cli/corpus-tok/news-$short-basic/stdout"
    check "$short: ref_tok.py table = corpus-tok golden news-$short-basic" $?
    for a in light10 light8 isri snowball; do
        golden=$here/news-$short-$a/stdout
        "$py" "$here/check_stems.py" --stem=$a text "$table" "$golden"
        check "$short $a: golden = reference stems of the word tokens, others unchanged" $?
        "$bin/corpus-stem" --stem=$a "$f" | cmp -s - "$golden"
        check "$short $a: corpus-stem output = golden" $?
    done
done

# Both articles together through --pairs: the counts and stems of every distinct token.
for a in light10 light8 isri snowball; do
    "$bin/corpus-stem" --pairs --stem=$a "$root"/corpora/news/*.txt > "$tmp/pairs"
    # shellcheck disable=SC2086 # $tables is a list of paths without spaces (mktemp -d)
    "$py" "$here/check_stems.py" --stem=$a pairs "$tmp/pairs" $tables
    check "news $a: corpus-stem --pairs = reference counts and stems" $?
done

# The 28,374 words of tests/data/stem, one a line, without normalization by the tool
# (--norm=none): the stemmers do their own (light10, light8: Lemur's arabic_norm2; ISRI
# deletes harakat and keeps tatweel; Snowball Normalize_pre).
words=$root/tests/data/stem/words.txt
for a in light10 light8 isri snowball; do
    ref=$a
    case $a in isri | snowball) ref=$root/tests/data/stem/$a.tsv ;; esac
    "$bin/corpus-stem" --norm=none --stem=$a "$words" > "$tmp/words"
    "$py" "$here/check_stems.py" --stem="$ref" words "$words" "$tmp/words"
    check "tests/data/stem/words.txt $a --norm=none: corpus-stem = reference" $?
done
exit $fail
