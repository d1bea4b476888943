# Shared by the report test scripts (sourced, bash): tests/script-lib.sh, the bundled corpus,
# report(), which writes a report of it, and need_python.
# Usage, after setting $name: . lib.sh BIN_DIR   (BIN_DIR is the first argument of the script)
# SPDX-License-Identifier: MIT
# shellcheck shell=bash disable=SC2154,SC2034
suite=report
# shellcheck source=../script-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../script-lib.sh"
here=$root/tests/report
python=/usr/bin/python3

# report DIR [OPTION...]: the report of corpora/ (run from $root, so paths are relative) in DIR.
report() {
    local dir=$1
    shift
    (cd "$root" && "$bin/corpus-report" -o "$dir" "$@" corpora/) 2> "$tmp/err"
}

# need_python MODULE: skip unless /usr/bin/python3 imports MODULE.
need_python() {
    [ -x "$python" ] || skip "no $python"
    "$python" -c "import $1" 2> /dev/null ||
        skip "$python cannot import $1 (scripts/deps.sh installs it)"
}
