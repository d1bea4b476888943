#!/bin/bash
# Two runs of corpus-report on corpora/ give byte-identical files, whatever --threads is, and
# with no date; SOURCE_DATE_EPOCH=0 writes the date 1970-01-01T00:00:00Z into all three files.
# A rerun into an existing report replaces its files and leaves no temporary file.
# Usage: rerun.sh BIN_DIR
# SPDX-License-Identifier: MIT
name=rerun
. "$(dirname "$0")/lib.sh"

unset SOURCE_DATE_EPOCH
report "$tmp/a" --threads=1
report "$tmp/b" --threads=2
report "$tmp/b" --threads=3
for f in index.html report.json report.md; do
    check "$f: two runs give the same bytes" same "$tmp/a/$f" "$tmp/b/$f"
    check "$f: no date without SOURCE_DATE_EPOCH" eval "! grep -q 'T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z' '$tmp/a/$f'"
done
check "the rerun leaves only the three files" \
    test "$(ls -A "$tmp/b" | tr '\n' ' ')" = "index.html report.json report.md "
check "no \"date\" member without SOURCE_DATE_EPOCH" eval "! grep -q '\"date\"' '$tmp/a/report.json'"

SOURCE_DATE_EPOCH=0 report "$tmp/c"
for f in index.html report.json report.md; do
    check "$f: SOURCE_DATE_EPOCH=0 gives 1970-01-01T00:00:00Z" \
        grep -q '1970-01-01T00:00:00Z' "$tmp/c/$f"
done
check "report.json has \"date\": \"1970-01-01T00:00:00Z\"" \
    grep -q '"date": "1970-01-01T00:00:00Z"' "$tmp/c/report.json"
SOURCE_DATE_EPOCH=0 report "$tmp/d"
check "SOURCE_DATE_EPOCH runs are byte-identical too" same "$tmp/c/index.html" "$tmp/d/index.html"
check "a bad SOURCE_DATE_EPOCH is an error" eval "! SOURCE_DATE_EPOCH=yesterday report '$tmp/e'"
check "... that writes no report" test ! -e "$tmp/e"
finish
