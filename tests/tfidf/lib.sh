# Shared by the TF-IDF test scripts (sourced, bash): the tools' directory, a temporary directory
# removed on exit, generated text, check(), which runs one check and remembers a failure, and
# need_python, which skips the script when /usr/bin/python3 lacks scikit-learn or SciPy.
# Usage, after setting $name: . lib.sh BIN_DIR   (BIN_DIR is the first argument of the script)
# SPDX-License-Identifier: MIT
# shellcheck shell=bash disable=SC2154,SC2034
set -eEu
if [ $# -ne 1 ]; then
    echo "usage: $name.sh BIN_DIR" >&2
    exit 2
fi
bin=$(cd "$1" && pwd)
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
here=$root/tests/tfidf
LC_ALL=C.UTF-8
export LC_ALL
fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tfidf-$name.XXXXXX")
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
# A command that fails outside check() ends the script: say which, with what it wrote to
# $tmp/err (where the scripts send the standard error they look at).
trap 'st=$?; echo "FAIL line $LINENO: $BASH_COMMAND (status $st)"
      [ ! -s "$tmp/err" ] || sed "s/^/     stderr: /" "$tmp/err" | head -5' ERR
trap 'exit 130' INT
trap 'exit 143' TERM

# The token classes the analysis tools keep by default (DESIGN.md), for corpus-tok.
keep=word,latin,number,url,email,mention,hashtag
python=/usr/bin/python3

# check DESCRIPTION COMMAND [ARG...]: run the command; "ok" or "FAIL" with the description.
check() {
    local what=$1
    shift
    if "$@"; then
        echo "ok   $what"
    else
        echo "FAIL $what"
        fail=1
    fi
}

# same FILE1 FILE2: the files are equal; otherwise show where they first differ.
same() {
    if cmp -s "$1" "$2"; then
        return 0
    fi
    cmp "$1" "$2" >&2 || true
    diff "$1" "$2" | head -6 >&2 || true
    return 1
}

# gen SIZE FILE: deterministic generated text of about SIZE (K/M suffix) from corpora/news.
gen() {
    "$bin/corpus-bench-gen" --size="$1" "$root"/corpora/news/*.txt > "$2"
}

# skip REASON: end the script as skipped (ctest SKIP_RETURN_CODE 77).
skip() {
    echo "SKIP $*"
    exit 77
}

# need_python: skip unless /usr/bin/python3 imports scikit-learn and SciPy (scripts/deps.sh
# installs python3-sklearn and python3-scipy).
need_python() {
    [ -x "$python" ] || skip "no $python"
    "$python" -c 'import sklearn, scipy.io' 2> /dev/null ||
        skip "$python cannot import sklearn and scipy (scripts/deps.sh installs them)"
}

# finish: the status of the script.
finish() {
    if [ "$fail" -ne 0 ]; then
        echo "$name: some checks failed"
    fi
    exit "$fail"
}
