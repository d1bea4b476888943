#!/bin/bash
# corpus-ngram with a --memory small enough to spill more than 50 sorted runs writes the same
# table as without --memory, and leaves nothing in the temporary directory.
# Usage: memory.sh BIN_DIR
# SPDX-License-Identifier: MIT
name=memory
. "$(dirname "$0")/lib.sh"

# Sizes that make about 70 runs under --memory=1M with --sort=key.
gen 9M "$tmp/g2.txt"
gen 6M "$tmp/g1-3.txt"
mkdir "$tmp/t"
export TMPDIR=$tmp/t

for n in 2 1-3; do
    in=$tmp/g$n.txt
    for sort in count key; do
        "$bin/corpus-ngram" -n $n --sort=$sort "$in" > "$tmp/all"
        for t in 1 2; do
            what="-n $n --sort=$sort --threads=$t --memory=1M"
            "$bin/corpus-ngram" -n $n --sort=$sort --threads=$t --memory=1M --verbose "$in" \
                > "$tmp/out" 2> "$tmp/err"
            runs=$(runs_written "$tmp/err")
            check "$what: $runs sorted runs written (more than 50 wanted)" test "$runs" -gt 50
            check "$what: the same table as without --memory" same "$tmp/all" "$tmp/out"
            check "$what: nothing left in TMPDIR" empty_dir "$TMPDIR"
        done
    done
done

# Row filters applied to the merged runs.
for opts in "--top=1000" "--min-count=3 --sort=key"; do
    # shellcheck disable=SC2086
    "$bin/corpus-ngram" -n 2 $opts "$tmp/g2.txt" > "$tmp/all"
    # shellcheck disable=SC2086
    "$bin/corpus-ngram" -n 2 $opts --memory=1M --threads=2 "$tmp/g2.txt" > "$tmp/out"
    check "-n 2 $opts --memory=1M: the same table as without --memory" same "$tmp/all" "$tmp/out"
done
check "nothing left in TMPDIR" empty_dir "$TMPDIR"
finish
