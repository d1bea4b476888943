# Shared by the verify scripts (sourced): a temporary directory removed on exit, and check(),
# which reports one check by name and the status of its command, and remembers a failure.
# Usage, after setting $name: . verify-lib.sh
# SPDX-License-Identifier: MIT
fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/$name.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

check() {
    if [ "$2" -eq 0 ]; then
        echo "ok   $1"
    else
        echo "FAIL $1"
        fail=1
    fi
}
