#!/bin/sh
# Install the Debian packages the build and the test suite need; do nothing when all are present.
# Usage: scripts/deps.sh [fuzz]   (fuzz: also clang and its libFuzzer runtime, for `make fuzz`)
# SPDX-License-Identifier: MIT
set -eu

pkgs="cmake pkg-config gcc make libc6-dev libutf8proc-dev libglib2.0-dev libgsl-dev
      libcunit1-dev libstemmer-dev time python3 python3-nltk python3-snowballstemmer parallel
      python3-sklearn python3-scipy python3-jsonschema libxml2-utils chromium"
if [ "${1:-}" = fuzz ]; then
    pkgs="$pkgs clang libclang-rt-14-dev"
fi

missing=""
for p in $pkgs; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

echo "deps.sh: installing:$missing" >&2
if [ "$(id -u)" -eq 0 ]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
else
    echo "deps.sh: need root or sudo to install:$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
