# Shared by the test scripts of tests/*/ (sourced through their lib.sh, bash): the tools'
# directory, a temporary directory removed on exit, generated text, and check(), which runs one
# check and remembers a failure.
# Usage, after setting $suite and $name: . script-lib.sh BIN_DIR
# SPDX-License-Identifier: MIT
# shellcheck shell=bash disable=SC2154
set -eEu
if [ $# -ne 1 ]; then
    echo "usage: $name.sh BIN_DIR" >&2
    exit 2
fi
bin=$(cd "$1" && pwd)
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LC_ALL=C.UTF-8
export LC_ALL
fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/$suite-$name.XXXXXX")
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
# A command that fails outside check() ends the script: say which, with what it wrote to
# $tmp/err (where the scripts send the standard error they look at).
trap 'st=$?; echo "FAIL line $LINENO: $BASH_COMMAND (status $st)"
      [ ! -s "$tmp/err" ] || sed "s/^/     stderr: /" "$tmp/err" | head -5' ERR
trap 'exit 130' INT
trap 'exit 143' TERM

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

# empty_dir DIR: DIR exists and holds nothing; otherwise list what it holds.
empty_dir() {
    if [ -d "$1" ] && [ -z "$(ls -A "$1")" ]; then
        return 0
    fi
    ls -lAR "$1" >&2 || true
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

# finish: the status of the script.
finish() {
    if [ "$fail" -ne 0 ]; then
        echo "$name: some checks failed"
    fi
    exit "$fail"
}
