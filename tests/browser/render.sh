#!/bin/bash
# The HTML report in a browser: corpus-report on the bundled corpus, then its index.html loaded
# in headless Chromium over the DevTools protocol (cdp.py), with no network: nothing written to
# the console (no error, no warning) and no exception; nothing loaded but the page itself and
# no script; at least 3 <svg> charts, each with a non-empty bounding box and something drawn in
# it; every element of lang="ar" right to left.  Then a screenshot of the page, 1280 CSS pixels
# wide, in $tmp/report.png: the whole page, or its first $SCREENSHOT_HEIGHT pixels when that is
# set; copied to $SAVE_SCREENSHOT when that is set (docs/report.png is made so).
# Usage: [SAVE_SCREENSHOT=PNG] [SCREENSHOT_HEIGHT=PIXELS] [CHROMIUM=PATH] render.sh BIN_DIR
#        (skipped, status 77, without chromium or /usr/bin/python3: scripts/deps.sh installs them)
# SPDX-License-Identifier: MIT
# shellcheck disable=SC2317  # kill_browser and report_ok run through trap and check()
name=render
suite=browser
# shellcheck source=../script-lib.sh
. "$(dirname "$0")/../script-lib.sh"
here=$root/tests/browser
python=/usr/bin/python3
chromium=${CHROMIUM:-$(command -v chromium || true)}

[ -x "$python" ] || skip "no $python"
if [ -z "$chromium" ] || [ ! -x "$chromium" ]; then
    skip "no chromium (scripts/deps.sh installs it)"
fi

# The browser is killed by cdp.py on every way out; when cdp.py is itself killed, the process
# group it wrote to $tmp/chromium.pid is killed here, before $tmp goes.
kill_browser() {
    local pid
    if [ -s "$tmp/chromium.pid" ]; then
        pid=$(cat "$tmp/chromium.pid")
        kill -KILL -- "-$pid" 2> /dev/null || true
    fi
}
trap 'kill_browser; chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT

# report_ok: corpus-report wrote the folder, with index.html in it.
report_ok() {
    local st=0
    (cd "$root" && timeout -k 5 60 "$bin/corpus-report" -o "$tmp/report" corpora/) \
        > "$tmp/out" 2> "$tmp/err" || st=$?
    if [ "$st" -ne 0 ] || [ ! -s "$tmp/report/index.html" ]; then
        echo "     corpus-report exited with status $st"
        sed 's/^/     stderr: /' "$tmp/err" | head -5
        return 1
    fi
}
check "corpus-report -o DIR corpora/ writes DIR/index.html" report_ok
if [ "$fail" -ne 0 ]; then
    finish
fi

# cdp.py prints its own checks, in the form of check()'s.
st=0
timeout -k 5 60 "$python" "$here/cdp.py" --chromium "$chromium" --profile "$tmp/browser" \
    --log "$tmp/chromium.log" --pid-file "$tmp/chromium.pid" --timeout 50 --width 1280 \
    --height 800 --min-svg 3 --screenshot "$tmp/report.png" \
    --max-height "${SCREENSHOT_HEIGHT:-0}" "$tmp/report/index.html" || st=$?
case $st in
    0) ;;
    1 | 2) fail=1 ;;  # cdp.py said what failed
    124) echo "FAIL headless Chromium: stopped after 60 s"; fail=1 ;;
    *) echo "FAIL headless Chromium: cdp.py ended with status $st"; fail=1 ;;
esac

# png FILE: FILE is a PNG image.
png() {
    [ -s "$1" ] && [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]
}
check "a screenshot of the page" png "$tmp/report.png"
if [ -n "${SAVE_SCREENSHOT:-}" ] && png "$tmp/report.png"; then
    cp "$tmp/report.png" "$SAVE_SCREENSHOT"
    echo "     saved in $SAVE_SCREENSHOT"
fi
finish
