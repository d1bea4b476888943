# Shared by the n-gram test scripts (sourced, bash): tests/script-lib.sh, and the count of
# sorted runs in a --verbose report and the sum of a table's counts.
# Usage, after setting $name: . lib.sh BIN_DIR   (BIN_DIR is the first argument of the script)
# SPDX-License-Identifier: MIT
# shellcheck shell=bash disable=SC2154
suite=ngram
# shellcheck source=../script-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../script-lib.sh"

# runs_written STDERR_FILE: the N of "N sorted runs written" in a --verbose report (0 if none).
runs_written() {
    sed -n 's/.*; \([0-9][0-9]*\) sorted runs written.*/\1/p' "$1" | tail -1 | grep . || echo 0
}

# sum_counts < TABLE: the sum of the last column of a TSV table with a header.
sum_counts() {
    awk -F'\t' 'NR > 1 { s += $NF } END { printf "%d\n", s }'
}
