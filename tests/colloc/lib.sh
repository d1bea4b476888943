# Shared by the collocation test scripts (sourced, bash): tests/script-lib.sh, and need_python,
# which skips the script when /usr/bin/python3 lacks NLTK or SciPy.
# Usage, after setting $name: . lib.sh BIN_DIR   (BIN_DIR is the first argument of the script)
# SPDX-License-Identifier: MIT
# shellcheck shell=bash disable=SC2154,SC2034
suite=colloc
# shellcheck source=../script-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../script-lib.sh"
here=$root/tests/colloc

# The token classes the analysis tools keep by default (DESIGN.md), for corpus-tok.
keep=word,latin,number,url,email,mention,hashtag
python=/usr/bin/python3
files=("$root"/corpora/news/*.txt)

# need_python: skip unless /usr/bin/python3 imports NLTK's collocation finders and SciPy's
# statistics (scripts/deps.sh installs python3-nltk and python3-scipy).
need_python() {
    [ -x "$python" ] || skip "no $python"
    "$python" -c 'import nltk.collocations, scipy.stats' 2> /dev/null ||
        skip "$python cannot import nltk.collocations and scipy.stats (scripts/deps.sh" \
             "installs them)"
}

