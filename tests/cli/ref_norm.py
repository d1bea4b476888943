#!/usr/bin/env python3
"""Independent reference for the --norm profiles (docs/normalization.md, ALGORITHMS.md 1.9-1.10).

Used to check the expected outputs of the CLI golden cases over corpora/news by hand; it shares
no code with libcorpus.  Usage: ref_norm.py [--norm=none|basic|search] FILE...  (default basic)
Writes the normalized bytes of each FILE to standard output, layout kept, like corpus-norm.

- nfkc: unicodedata.normalize("NFKC").  Python 3.11 has Unicode 14, utf8proc 2.8 Unicode 15:
  the two agree on every character of the bundled corpora.
- diacritics: U+0610-061A, U+064B-065F, U+0670, U+06D6-06DC, U+06DF-06E4, U+06E7-06E8,
  U+06EA-06ED, U+0898-089F, U+08CA-08E1, U+08E3-08FF deleted.
- tatweel: U+0640 deleted.
- bidi: ZWNJ, ZWJ, LRM, RLM, ALM, U+202A-202E, U+2066-2069, U+FEFF deleted (ALGORITHMS.md
  1.9; ZWSP and WJ are kept), except a ZWJ between two pictographs (an emoji sequence).
- search adds alef (U+0622 0623 0625 0671 -> U+0627), yeh (U+0649 -> U+064A), teh
  (U+0629 -> U+0647), hamza (U+0624 -> U+0648, U+0626 -> U+064A), digits (U+0660-0669,
  U+06F0-06F9 -> ASCII, and the separators U+066B -> ".", U+066C -> ",") and lower
  (str.casefold).
The steps repeat until nothing changes (deleting a mark can let NFKC compose again).
A byte order mark at the very start of a file is not copied (the reader skips it).
SPDX-License-Identifier: MIT
"""
import sys
import unicodedata

DIACRITIC_RANGES = [
    (0x0610, 0x061A), (0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06DC), (0x06DF, 0x06E4),
    (0x06E7, 0x06E8), (0x06EA, 0x06ED), (0x0898, 0x089F), (0x08CA, 0x08E1), (0x08E3, 0x08FF),
]
BIDI = {0x200C, 0x200D, 0x200E, 0x200F, 0x061C, 0xFEFF} | set(range(0x202A, 0x202F)) | \
    set(range(0x2066, 0x206A))
ALEF = {0x0622: 0x0627, 0x0623: 0x0627, 0x0625: 0x0627, 0x0671: 0x0627}
HAMZA = {0x0624: 0x0648, 0x0626: 0x064A}
DIGITS = {c: ord('0') + (c - 0x0660) for c in range(0x0660, 0x066A)}
DIGITS.update({c: ord('0') + (c - 0x06F0) for c in range(0x06F0, 0x06FA)})
DIGITS.update({0x066B: ord('.'), 0x066C: ord(',')})


def is_diacritic(c):
    return any(lo <= c <= hi for lo, hi in DIACRITIC_RANGES)


def is_pictographic(ch):
    return ch is not None and (0x1F000 <= ord(ch) <= 0x1FAFF or 0x2600 <= ord(ch) <= 0x27BF)


def joins_emoji(text, k):
    """A ZWJ at text[k] between two pictographs (skin tones and U+FE0F after the first)."""
    j = k - 1
    while j >= 0 and (text[j] == "\uFE0F" or 0x1F3FB <= ord(text[j]) <= 0x1F3FF):
        j -= 1
    after = text[k + 1] if k + 1 < len(text) else None
    return j >= 0 and is_pictographic(text[j]) and is_pictographic(after)


def explicit_steps(text, profile):
    out = []
    for k, ch in enumerate(text):
        c = ord(ch)
        if c == 0x200D and joins_emoji(text, k):
            out.append(ch)
            continue
        if is_diacritic(c) or c == 0x0640 or c in BIDI:
            continue
        if profile == "search":
            c = ALEF.get(c, c)
            c = HAMZA.get(c, c)
            c = DIGITS.get(c, c)
            if c == 0x0649:
                c = 0x064A
            elif c == 0x0629:
                c = 0x0647
        out.append(chr(c))
    text = "".join(out)
    if profile == "search":
        text = text.casefold()
    return text


def normalize(text, profile):
    if profile == "none":
        return text
    for _ in range(8):
        new = explicit_steps(unicodedata.normalize("NFKC", text), profile)
        if new == text:
            return new
        text = new
    return text


def main(argv):
    profile = "basic"
    files = []
    for a in argv:
        if a.startswith("--norm="):
            profile = a[len("--norm="):]
            if profile not in ("none", "basic", "search"):
                sys.exit("ref_norm.py: unknown profile " + profile)
        else:
            files.append(a)
    for f in files:
        data = open(f, "rb").read()
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        sys.stdout.buffer.write(normalize(data.decode("utf-8"), profile).encode("utf-8"))


if __name__ == "__main__":
    main(sys.argv[1:])
