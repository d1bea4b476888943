#!/bin/sh
# Check that a tool's man page documents every option its --help lists:
# check-man.sh TOOL_BINARY MAN_PAGE.
# Options are taken from the option lines of `TOOL --help` (long `--name` and short `-X,`
# forms).  In the roff source, font escapes (\fB, \fR, \f[B], \f(CW...) and the backslash of
# `\-` are removed before searching; an option must appear as a whole word.
# Prints each missing option and exits 1; exits 0 when all are there.
# SPDX-License-Identifier: MIT

if [ $# -ne 2 ]; then
    echo "usage: check-man.sh TOOL_BINARY MAN_PAGE" >&2
    exit 2
fi
tool=$1
man=$2
name=$(basename "$tool")
LC_ALL=C.UTF-8
export LC_ALL

if [ ! -f "$man" ]; then
    echo "$name: man page $man: No such file or directory"
    exit 1
fi
help=$("$tool" --help) || {
    echo "$name: '$tool --help' failed"
    exit 1
}

# Option lines of GLib's help start with spaces and a dash: "  -o, --output=FILE   ...".
options=$(printf '%s\n' "$help" | grep -E '^ +-' | sed -E 's/^ +//; s/ {2,}.*$//' |
          grep -oE '(^|[ ,])(--[a-z0-9][a-z0-9-]*|-[A-Za-z0-9],)' |
          sed -E 's/^[ ,]//; s/,$//' | sort -u)
if [ -z "$options" ]; then
    echo "$name: no options found in --help"
    exit 1
fi

text=$(sed -E 's/\\f\[[^]]*\]//g; s/\\f\(..//g; s/\\f[A-Z0-9]//g; s/\\-/-/g; s/\\\(hy/-/g' "$man")

missing=0
for opt in $options; do
    if ! printf '%s\n' "$text" | grep -qE -- "(^|[^A-Za-z0-9-])$opt([^A-Za-z0-9-]|\$)"; then
        echo "$name: option $opt is in --help but not in $man"
        missing=$((missing + 1))
    fi
done
if [ $missing -gt 0 ]; then
    echo "$name: $missing option(s) missing from the man page"
    exit 1
fi
echo "$name: all $(printf '%s\n' "$options" | wc -l | tr -d ' ') options of --help are in the man page"
exit 0
