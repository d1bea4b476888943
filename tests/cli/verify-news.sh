#!/bin/sh
# Check the expected outputs of the corpora/news golden cases against the independent
# references ref_norm.py and ref_tok.py (python3), and against the tools' own invariants:
# verify-news.sh BIN_DIR.  Prints one line per check and exits 1 if any fails.
# Run it after regenerating a news-* case (see README.md); ctest runs it as cli.news-reference
# (scripts/deps.sh installs python3).
# SPDX-License-Identifier: MIT

if [ $# -ne 1 ]; then
    echo "usage: verify-news.sh BIN_DIR" >&2
    exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
root=$here/../..
bin=$(cd "$1" && pwd) || exit 2
LC_ALL=C.UTF-8
export LC_ALL
name=verify-news
. "$here/verify-lib.sh"

# All white space removed (Python's str.split, so U+00A0 counts too).
squeeze() {
    python3 -c 'import sys; sys.stdout.write("".join(sys.stdin.read().split()))'
}

for f in "$root"/corpora/news/*.txt; do
    name=$(basename "$f" .txt)
    short=${name%%-gaza*}
    cmp -s "$f" "$here/corpus-norm/news-$short-none/stdout"
    check "$short: corpus-norm --norm=none output is the input" $?
    for p in none basic search; do
        tok=$here/corpus-tok/news-$short-$p/stdout
        norm=$here/corpus-norm/news-$short-$p/stdout
        python3 "$here/ref_norm.py" --norm=$p "$f" > "$tmp/norm"
        cmp -s "$tmp/norm" "$norm"
        check "$short $p: corpus-norm golden = ref_norm.py" $?
        python3 "$here/ref_tok.py" --norm=$p "$f" > "$tmp/tok"
        cmp -s "$tmp/tok" "$tok"
        check "$short $p: corpus-tok golden = ref_tok.py" $?
        python3 "$here/ref_tok.py" --norm=$p --format=tsv "$f" > "$tmp/ref.tsv"
        "$bin/corpus-tok" --norm=$p --format=tsv "$f" > "$tmp/tool.tsv"
        cmp -s "$tmp/ref.tsv" "$tmp/tool.tsv"
        check "$short $p: corpus-tok --format=tsv = ref_tok.py (classes, offsets)" $?
        squeeze < "$tok" > "$tmp/a"
        squeeze < "$norm" > "$tmp/b"
        cmp -s "$tmp/a" "$tmp/b"
        check "$short $p: tokens joined = normalized text without white space" $?
        "$bin/corpus-tok" --norm=$p "$tok" | cmp -s - "$tok"
        check "$short $p: tokenizing the golden output gives it back" $?
    done
done
exit $fail
