#!/bin/bash
# index.html parses with xmllint --html: no error but "Tag X invalid" for the elements of
# inline SVG, which the HTML 4 parser of libxml2 2.9 does not know (they are valid HTML5);
# it has no <script>, no resource from outside (src=, href= other than #fragment, url(),
# @import, http(s):// in an attribute), one <svg> per chart, and Arabic words in elements
# with dir="rtl" lang="ar".
# Usage: html.sh BIN_DIR
# SPDX-License-Identifier: MIT
name=html
. "$(dirname "$0")/lib.sh"
command -v xmllint > /dev/null || skip "no xmllint (Debian's libxml2-utils)"

report "$tmp/a" --reference="$root/corpora/news/us-envoy-gaza-ceasefire-lebanon-talks.txt"
h=$tmp/a/index.html
xmllint --html --noout "$h" > "$tmp/lint" 2>&1 || true
svg_tags='svg|g|path|polyline|line|rect|circle|text|title|desc|defs|tspan|clipPath|polygon'
grep 'parser error' "$tmp/lint" | grep -Ev "Tag ($svg_tags) invalid" > "$tmp/errors" || true
check "xmllint --html reports no error (but unknown SVG tags)" test ! -s "$tmp/errors"
[ ! -s "$tmp/errors" ] || head -5 "$tmp/errors"
check "no <script>" eval "! grep -qi '<script' '$h'"
check "no src= attribute" eval "! grep -qiE '[[:space:]]src=' '$h'"
check "no href= but #fragments" eval "! grep -oiE 'href=\"[^\"]*\"' '$h' | grep -qv 'href=\"#'"
check "no http(s):// resource in an attribute" \
    eval "! grep -oiE '(href|src|xlink:href)=\"https?://' '$h' | grep -q ."
check "no url() or @import in the style" eval "! grep -qiE 'url\\(|@import' '$h'"
check "<meta charset=\"utf-8\">" grep -q '<meta charset="utf-8">' "$h"
check "four charts (Zipf, spectrum, Heaps, top words)" test "$(grep -o '<svg' "$h" | wc -l)" -eq 4
check "every chart draws something (a path, polyline, circle or rect)" \
    test "$(grep -c '<path\|<polyline\|<circle\|<rect' "$h")" -gt 0
check "Arabic words in dir=\"rtl\" lang=\"ar\" cells" grep -q '<td dir="rtl" lang="ar">النار</td>' "$h"
check "no NaN or Infinity" eval "! grep -qE 'NaN|nan|Infinity|inf\"' '$h'"
finish
