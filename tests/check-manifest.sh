#!/bin/sh
# Verify CORPORA_DIR/MANIFEST.tsv against the texts it lists: header, field count, existence,
# byte size and SHA-256 of every row, rows sorted by file (C locale) without duplicates, and no
# *.txt file under CORPORA_DIR that the manifest leaves out.
# Usage: tests/check-manifest.sh CORPORA_DIR
# Prints "N files verified" and exits 0 when all is well; otherwise prints one line per problem
# on stderr and exits 1 (2 on a usage error).
# SPDX-License-Identifier: MIT
set -eu

prog=check-manifest
LC_ALL=C
export LC_ALL

if [ "$#" -ne 1 ] || [ -z "$1" ]; then
    echo "usage: $prog.sh CORPORA_DIR" >&2
    exit 2
fi
dir=$1
while :; do
    case $dir in
    */) [ "$dir" = / ] && break; dir=${dir%/} ;;
    *) break ;;
    esac
done
manifest=$dir/MANIFEST.tsv

if [ ! -d "$dir" ]; then
    echo "$prog: $dir: not a directory" >&2
    exit 1
fi
if [ ! -f "$manifest" ]; then
    echo "$prog: MANIFEST.tsv: missing from $dir" >&2
    exit 1
fi

tab=$(printf '\t')
cr=$(printf '\r')
nl='
'
header="file${tab}source${tab}licence${tab}bytes${tab}sha256"

failures=0
fail() { # LINE MESSAGE
    echo "$prog: MANIFEST.tsv:$1: $2" >&2
    failures=$((failures + 1))
}

lineno=0
rows=0
listed=$nl   # every file named so far, one per line, framed by newlines
prev=
while IFS= read -r line || [ -n "$line" ]; do
    lineno=$((lineno + 1))
    case $line in
    *"$cr"*) fail "$lineno" "carriage return in line (use LF line endings)"; continue ;;
    esac
    if [ "$lineno" -eq 1 ]; then
        if [ "$line" != "$header" ]; then
            fail 1 "header must be exactly: file<TAB>source<TAB>licence<TAB>bytes<TAB>sha256"
        fi
        continue
    fi
    rows=$((rows + 1))
    if [ -z "$line" ]; then
        fail "$lineno" "empty line"
        continue
    fi

    ntabs=$(printf '%s' "$line" | tr -cd '\t' | wc -c)
    ntabs=$((ntabs + 0))
    if [ "$ntabs" -ne 4 ]; then
        fail "$lineno" "expected 5 tab-separated fields, found $((ntabs + 1))"
        continue
    fi
    file=$(printf '%s\n' "$line" | cut -f1)
    source=$(printf '%s\n' "$line" | cut -f2)
    licence=$(printf '%s\n' "$line" | cut -f3)
    bytes=$(printf '%s\n' "$line" | cut -f4)
    sha=$(printf '%s\n' "$line" | cut -f5)

    if [ -z "$file" ]; then
        fail "$lineno" "empty file field"
        continue
    fi
    [ -n "$source" ] || fail "$lineno" "$file: empty source field"
    [ -n "$licence" ] || fail "$lineno" "$file: empty licence field"

    # Order and uniqueness (byte order, as `LC_ALL=C sort` produces).
    case $listed in
    *"$nl$file$nl"*) fail "$lineno" "$file: duplicate row for this file" ;;
    *)
        if [ -n "$prev" ] && ! printf '%s\n%s\n' "$prev" "$file" | sort -c 2>/dev/null; then
            fail "$lineno" "$file: rows not sorted by file ('$file' comes after '$prev')"
        fi
        ;;
    esac
    listed=$listed$file$nl
    prev=$file

    case /$file/ in
    //*) fail "$lineno" "$file: path must be relative to the corpora directory"; continue ;;
    */../* | */./*) fail "$lineno" "$file: path must not contain '.' or '..' components"; continue ;;
    esac
    path=$dir/$file
    if [ ! -e "$path" ]; then
        fail "$lineno" "$file: listed file does not exist"
        continue
    fi
    if [ ! -f "$path" ] || [ ! -r "$path" ]; then
        fail "$lineno" "$file: not a readable regular file"
        continue
    fi

    case $bytes in
    '' | *[!0-9]*) fail "$lineno" "$file: bytes field '$bytes' is not a decimal number" ;;
    *)
        actual=$(wc -c < "$path")
        actual=$((actual + 0))
        if [ "$actual" != "$bytes" ]; then
            fail "$lineno" "$file: bytes mismatch: manifest says $bytes, file has $actual"
        fi
        ;;
    esac

    if [ "${#sha}" -ne 64 ] || [ -n "$(printf '%s' "$sha" | tr -d '0-9a-f')" ]; then
        fail "$lineno" "$file: sha256 field is not 64 lowercase hex digits"
    else
        actual=$(sha256sum < "$path" | cut -d' ' -f1)
        if [ "$actual" != "$sha" ]; then
            fail "$lineno" "$file: sha256 mismatch: manifest says $sha, file has $actual"
        fi
    fi
done < "$manifest"

if [ "$lineno" -eq 0 ]; then
    fail 1 "empty manifest, header line missing"
fi

# Every *.txt file under the directory must have a row.
unlisted=$(cd "$dir" && find . -type f -name '*.txt' | sort)
old_ifs=$IFS
IFS=$nl
set -f
for found in $unlisted; do
    found=${found#./}
    case $listed in
    *"$nl$found$nl"*) ;;
    *)
        echo "$prog: $found: not listed in MANIFEST.tsv" >&2
        failures=$((failures + 1))
        ;;
    esac
done
IFS=$old_ifs
set +f

if [ "$failures" -ne 0 ]; then
    exit 1
fi
echo "$rows files verified"
