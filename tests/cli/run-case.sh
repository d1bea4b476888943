#!/bin/sh
# Run one CLI golden case: run-case.sh CASE_DIR BIN_DIR.
# The case directory holds `cmd` (a shell command run with `sh -c` in a fresh temporary
# directory, BIN_DIR first on PATH, LC_ALL=C.UTF-8, the case directory in $CASE), optionally
# `stdin` (fed to the command, else /dev/null), the expected `stdout` and `stderr` (byte for
# byte; a missing file means empty) and `status` (exit status, default 0), optionally `check`
# (a script run afterwards in the same directory that must exit 0) and `skip-if-root` (the case
# cannot fail for root, e.g. an unreadable file: it is skipped with a note).
# Prints a unified diff for every mismatch and exits 1; exits 0 when the case passes.
# SPDX-License-Identifier: MIT

if [ $# -ne 2 ]; then
    echo "usage: run-case.sh CASE_DIR BIN_DIR" >&2
    exit 2
fi
CASE=$(cd "$1" && pwd) || exit 2
BIN=$(cd "$2" && pwd) || exit 2
name=$(basename "$(dirname "$CASE")")/$(basename "$CASE")

if [ ! -f "$CASE/cmd" ]; then
    echo "$name: no cmd file" >&2
    exit 2
fi
if [ -e "$CASE/skip-if-root" ] && [ "$(id -u)" -eq 0 ]; then
    echo "$name: skipped: running as root, so file permissions cannot make the command fail"
    exit 0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cli-case.XXXXXX") || exit 2
work=$tmp/work
out=$tmp/out
mkdir "$work" "$out" || exit 2
cleanup() {
    chmod -R u+rwx "$tmp" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 2' HUP INT TERM

PATH=$BIN:$PATH
LC_ALL=C.UTF-8
export PATH LC_ALL CASE
unset LANG LANGUAGE

stdin=/dev/null
[ -f "$CASE/stdin" ] && stdin=$CASE/stdin
(cd "$work" && exec sh -c "$(cat "$CASE/cmd")") <"$stdin" >"$out/stdout" 2>"$out/stderr"
status=$?

fail=0
# Compare expected file $1 (missing = empty) with actual file $2, labelled $3.
compare() {
    expected=$1
    if [ ! -f "$expected" ]; then
        expected=$out/empty
        : >"$expected"
    fi
    if ! cmp -s "$expected" "$2"; then
        echo "$name: $3 differs (--- expected, +++ actual):"
        # -a (GNU) shows text with invalid UTF-8 or NUL bytes as text.
        diff -u -a "$expected" "$2" 2>/dev/null
        [ $? -eq 2 ] && diff -u "$expected" "$2"
        fail=1
    fi
}
compare "$CASE/stdout" "$out/stdout" stdout
compare "$CASE/stderr" "$out/stderr" stderr

want=0
[ -f "$CASE/status" ] && want=$(tr -d ' \n' <"$CASE/status")
if [ "$status" != "$want" ]; then
    echo "$name: exit status $status, expected $want"
    fail=1
fi

if [ -f "$CASE/check" ]; then
    if ! (cd "$work" && sh "$CASE/check") </dev/null >"$out/check" 2>&1; then
        echo "$name: check failed:"
        cat "$out/check"
        fail=1
    fi
fi

[ $fail -eq 0 ] && echo "$name: ok"
exit $fail
