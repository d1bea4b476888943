#!/bin/bash
# Every number in a table cell of report.md appears in report.json, written the same way
# (check_md_numbers.py), with and without a reference corpus.
# Usage: md-in-json.sh BIN_DIR
# SPDX-License-Identifier: MIT
name=md-in-json
. "$(dirname "$0")/lib.sh"
need_python json

report "$tmp/a"
check "report.md numbers are in report.json" \
    "$python" "$here/check_md_numbers.py" "$tmp/a/report.md" "$tmp/a/report.json"
report "$tmp/b" --top=7 --reference="$root/corpora/news/us-envoy-gaza-ceasefire-lebanon-talks.txt"
check "with --reference and --top=7 too" \
    "$python" "$here/check_md_numbers.py" "$tmp/b/report.md" "$tmp/b/report.json"
finish
