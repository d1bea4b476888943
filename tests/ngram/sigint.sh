#!/bin/bash
# corpus-ngram stopped by SIGINT, SIGTERM or SIGHUP while it spills sorted runs dies of the
# signal (status 128 + N) and leaves nothing behind: no run, no run directory in TMPDIR, and
# with -o neither the output file nor its temporary file.
# Usage: sigint.sh BIN_DIR
# SPDX-License-Identifier: MIT
name=sigint
. "$(dirname "$0")/lib.sh"

gen 24M "$tmp/g.txt"
i=0

# stop SIGNAL STATUS DELAY [OPTION...]: start a spilling run, send SIGNAL DELAY seconds after
# its run directory appeared, and check the status and what is left.
stop() {
    local sig=$1 want=$2 delay=$3 st=0 k
    shift 3
    i=$((i + 1))
    local d=$tmp/t$i o=$tmp/o$i what
    what="SIG$sig ${delay}s after the first run${*:+, $*}"
    mkdir "$d" "$o"
    (cd "$o" && TMPDIR=$d exec "$bin/corpus-ngram" -n 1-3 --threads=2 --memory=1M "$@" \
        "$tmp/g.txt" > /dev/null 2> "$tmp/err") &
    local pid=$!
    for ((k = 0; k < 3000; k++)); do
        compgen -G "$d/corpus-runs-*" > /dev/null && break
        kill -0 "$pid" 2> /dev/null || break
        sleep 0.01
    done
    if ! compgen -G "$d/corpus-runs-*" > /dev/null; then
        echo "FAIL $what: no corpus-runs-* directory appeared in TMPDIR"
        fail=1
    fi
    sleep "$delay"
    kill -s "$sig" "$pid" 2> /dev/null || true
    { wait "$pid"; } 2> /dev/null || st=$?
    check "$what: status $st (expected $want)" test "$st" -eq "$want"
    check "$what: nothing left in TMPDIR" empty_dir "$d"
    check "$what: nothing written in the output directory" empty_dir "$o"
    if [ -s "$tmp/err" ]; then
        echo "     stderr: $(head -c 300 "$tmp/err")"
    fi
}

stop INT 130 0
stop TERM 143 0
stop HUP 129 0
stop INT 130 0 -o out.tsv
stop TERM 143 0 -o out.tsv
stop INT 130 0 --sort=key -o out.tsv
# Later, while more runs are written or merged.
stop INT 130 0.5 -o out.tsv
stop TERM 143 1 -o out.tsv
finish
