# Shared by the TF-IDF test scripts (sourced, bash): tests/script-lib.sh, and need_python,
# which skips the script when /usr/bin/python3 lacks scikit-learn or SciPy.
# Usage, after setting $name: . lib.sh BIN_DIR   (BIN_DIR is the first argument of the script)
# SPDX-License-Identifier: MIT
# shellcheck shell=bash disable=SC2154,SC2034
suite=tfidf
# shellcheck source=../script-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../script-lib.sh"
here=$root/tests/tfidf

# The token classes the analysis tools keep by default (DESIGN.md), for corpus-tok.
keep=word,latin,number,url,email,mention,hashtag
python=/usr/bin/python3

# need_python: skip unless /usr/bin/python3 imports scikit-learn and SciPy (scripts/deps.sh
# installs python3-sklearn and python3-scipy).
need_python() {
    [ -x "$python" ] || skip "no $python"
    "$python" -c 'import sklearn, scipy.io' 2> /dev/null ||
        skip "$python cannot import sklearn and scipy (scripts/deps.sh installs them)"
}
