#!/bin/bash
# A temporary directory that is missing or unwritable is an error (status 1, a message naming
# the directory) when corpus-ngram has to spill sorted runs, and -o then writes nothing; when
# no run is needed it is no error.
# Usage: tmpdir.sh BIN_DIR   (as root, who can write anyway, the mode 0500 checks are left out;
# the missing directory and /sys, where no one can make a directory, are checked for everyone)
# SPDX-License-Identifier: MIT
name=tmpdir
. "$(dirname "$0")/lib.sh"

gen 4M "$tmp/g.txt"
mkdir "$tmp/o"

# fails WHAT DIR REASON COMMAND...: a run that needs sorted runs fails with status 1 and the
# message naming DIR.
fails() {
    local what=$1 dir=$2 reason=$3 st=0
    shift 3
    local msg="corpus-ngram: $dir: cannot make a directory for temporary files: $reason (set --tmpdir or TMPDIR to a writable directory)"
    "$@" -n 1-3 --memory=1M "$tmp/g.txt" > "$tmp/out" 2> "$tmp/err" || st=$?
    check "$what: status $st (expected 1)" test "$st" -eq 1
    check "$what: the message names the directory" test "$(cat "$tmp/err")" = "$msg"
    [ "$(cat "$tmp/err")" = "$msg" ] || echo "     stderr: $(head -c 300 "$tmp/err")"
}

none=$tmp/nonexistent
fails "TMPDIR that does not exist" "$none" "No such file or directory" \
    env TMPDIR="$none" "$bin/corpus-ngram" -o "$tmp/o/new.tsv"
check "TMPDIR that does not exist, -o: nothing in the output directory" empty_dir "$tmp/o"

# sysfs takes no new directory from anyone, root included: a check that runs everywhere.
probe=/sys/corpus-probe.$$
if [ -d /sys ] && ! reason=$(LC_ALL=C mkdir "$probe" 2>&1); then
    fails "TMPDIR=/sys, where no one can make a directory" /sys "${reason##*: }" \
        env TMPDIR=/sys "$bin/corpus-ngram"
    check "TMPDIR=/sys: nothing on standard output" test ! -s "$tmp/out"
else
    rmdir "$probe" 2>/dev/null || true
fi

if [ "$(id -u)" -eq 0 ]; then
    echo "note: the mode 0500 checks are left out: root can write into such a directory"
    finish
fi
ro=$tmp/ro
mkdir "$ro"
chmod 0500 "$ro"
denied="Permission denied"
fails "TMPDIR of mode 0500" "$ro" "$denied" env TMPDIR="$ro" "$bin/corpus-ngram"
check "TMPDIR of mode 0500: nothing on standard output" test ! -s "$tmp/out"
fails "--tmpdir of mode 0500" "$ro" "$denied" "$bin/corpus-ngram" --tmpdir="$ro"
fails "TMPDIR of mode 0500, --threads=1" "$ro" "$denied" \
    env TMPDIR="$ro" "$bin/corpus-ngram" --threads=1
fails "TMPDIR of mode 0500, -o a new file" "$ro" "$denied" \
    env TMPDIR="$ro" "$bin/corpus-ngram" -o "$tmp/o/new.tsv"
check "-o a new file: no file and no temporary file in its directory" empty_dir "$tmp/o"
echo old > "$tmp/o/old.tsv"
fails "TMPDIR of mode 0500, -o an existing file" "$ro" "$denied" \
    env TMPDIR="$ro" "$bin/corpus-ngram" -o "$tmp/o/old.tsv"
check "-o an existing file: the file is unchanged" test "$(cat "$tmp/o/old.tsv")" = old
check "-o an existing file: no temporary file beside it" test "$(ls -A "$tmp/o")" = old.tsv

# Without a run, the temporary directory is never used.
st=0
TMPDIR=$ro "$bin/corpus-ngram" -n 1-3 "$root"/corpora/news/*.txt > "$tmp/out" 2> "$tmp/err" \
    || st=$?
check "no run needed: status $st (expected 0) with an unwritable TMPDIR" test "$st" -eq 0
check "no run needed: nothing on standard error" test ! -s "$tmp/err"
check "the unwritable directory stayed empty" empty_dir "$ro"
finish
