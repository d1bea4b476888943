#!/bin/sh
# Show that check-manifest.sh catches what it is meant to catch: on throw-away copies of the
# corpora directory, break one thing at a time and expect exit status 1 and a message on stderr
# that names the problem; the untouched copy must pass.
# Usage: tests/check-manifest-selftest.sh CHECKER CORPORA_DIR
# Prints "N passed, M failed" last; exits 0 only when nothing failed.
# SPDX-License-Identifier: MIT
set -eu

prog=check-manifest-selftest
LC_ALL=C
export LC_ALL

if [ "$#" -ne 2 ]; then
    echo "usage: $prog.sh CHECKER CORPORA_DIR" >&2
    exit 2
fi
checker=$1
corpora=$2
if [ ! -f "$checker" ]; then
    echo "$prog: $checker: no such checker" >&2
    exit 2
fi
if [ ! -f "$corpora/MANIFEST.tsv" ]; then
    echo "$prog: $corpora/MANIFEST.tsv: missing" >&2
    exit 2
fi

tmp=$(mktemp -d)
trap 'rm -rf -- "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

tab=$(printf '\t')
passed=0
failed=0
n=0

# fresh: make a new copy of the corpora directory; sets d to its path.
fresh() {
    n=$((n + 1))
    d=$tmp/c$n
    cp -R -- "$corpora" "$d"
}

# run DIR: run the checker on DIR; sets rc, out and err.
run() {
    rc=0
    sh "$checker" "$1" > "$tmp/out" 2> "$tmp/err" || rc=$?
    out=$(cat "$tmp/out")
    err=$(cat "$tmp/err")
}

ok() {
    passed=$((passed + 1))
    echo "ok: $1"
}

not_ok() {
    failed=$((failed + 1))
    echo "FAILED: $1" >&2
    [ -z "$out" ] || printf '  stdout: %s\n' "$out" >&2
    printf "%s\n" "$err" | while IFS= read -r l; do [ -z "$l" ] || printf "  stderr: %s\n" "$l" >&2; done
}

# expect_pass NAME DIR
expect_pass() {
    run "$2"
    case $out in
    *" files verified")
        if [ "$rc" -eq 0 ] && [ -z "$err" ]; then ok "$1"; return; fi ;;
    esac
    not_ok "$1 (expected exit 0 and 'N files verified', got exit $rc)"
}

# expect_fail NAME DIR TEXT...: exit status 1 and every TEXT somewhere on stderr.
expect_fail() {
    name=$1
    d=$2
    shift 2
    run "$d"
    if [ "$rc" -ne 1 ]; then
        not_ok "$name (expected exit 1, got $rc)"
        return
    fi
    for text in "$@"; do
        case $err in
        *"$text"*) ;;
        *) not_ok "$name (stderr does not mention '$text')"; return ;;
        esac
    done
    ok "$name"
}

# The first data row of the manifest names the file the cases below break.
row=$(head -n 2 "$corpora/MANIFEST.tsv" | tail -n 1)
file=$(printf '%s\n' "$row" | cut -f1)
sha=$(printf '%s\n' "$row" | cut -f5)
if [ -z "$file" ] || [ "$file" = file ]; then
    echo "$prog: $corpora/MANIFEST.tsv: no data row to work with" >&2
    exit 2
fi

# rewrite_row2 MANIFEST NEWROW: replace line 2 of MANIFEST.
rewrite_row2() {
    {
        head -n 1 "$1"
        printf '%s\n' "$2"
        tail -n +3 "$1"
    } > "$1.new"
    mv -- "$1.new" "$1"
}

# 0. The corpora as they are.
fresh
expect_pass "unmodified corpora pass" "$d"

# (a) One byte appended to a listed file.
fresh
printf 'x' >> "$d/$file"
expect_fail "byte appended to $file" "$d" \
    "MANIFEST.tsv:2: $file: bytes mismatch" "MANIFEST.tsv:2: $file: sha256 mismatch"

# (b) One digit of a sha256 changed in the manifest.
fresh
first=${sha%"${sha#?}"}
case $first in 0) digit=1 ;; *) digit=0 ;; esac
rewrite_row2 "$d/MANIFEST.tsv" "$(printf '%s\n' "$row" | cut -f1-4)$tab$digit${sha#?}"
expect_fail "sha256 digit changed for $file" "$d" "MANIFEST.tsv:2: $file: sha256 mismatch"

# (c) A .txt file the manifest does not list, in a new subdirectory.
fresh
mkdir "$d/extra"
printf 'unlisted\n' > "$d/extra/unlisted.txt"
expect_fail "unlisted extra/unlisted.txt" "$d" \
    "check-manifest: extra/unlisted.txt: not listed in MANIFEST.tsv"

# (d) A listed file deleted.
fresh
rm -- "$d/$file"
expect_fail "listed file $file deleted" "$d" "MANIFEST.tsv:2: $file: listed file does not exist"

# (e) Header changed.
fresh
{
    printf 'file\tsource\tlicense\tbytes\tsha256\n'
    tail -n +2 "$corpora/MANIFEST.tsv"
} > "$d/MANIFEST.tsv"
expect_fail "wrong header" "$d" "MANIFEST.tsv:1: header"

# (f) A row with a field missing.
fresh
rewrite_row2 "$d/MANIFEST.tsv" "$(printf '%s\n' "$row" | cut -f1,2,4,5)"
expect_fail "row with 4 fields" "$d" "MANIFEST.tsv:2: expected 5 tab-separated fields, found 4"

# (g) The first row repeated at the end: out of order and a duplicate.
fresh
printf '%s\n' "$row" >> "$d/MANIFEST.tsv"
last=$(wc -l < "$d/MANIFEST.tsv")
last=$((last + 0))
expect_fail "duplicate row for $file" "$d" "MANIFEST.tsv:$last: $file: duplicate row"

# (h) Rows out of order (needs at least two data rows).
if [ "$(wc -l < "$corpora/MANIFEST.tsv")" -ge 3 ]; then
    fresh
    {
        head -n 1 "$corpora/MANIFEST.tsv"
        tail -n +2 "$corpora/MANIFEST.tsv" | sort -r
    } > "$d/MANIFEST.tsv"
    expect_fail "rows out of order" "$d" "MANIFEST.tsv:3:" "rows not sorted by file"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
