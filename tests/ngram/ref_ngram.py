#!/usr/bin/python3
"""Reference n-gram counts, independent of the C code: reads tokenized text (one sentence per
line, tokens separated by one space, a blank line between documents, as corpus-tok writes it)
and writes the count table that corpus-ngram writes for the same text.

usage: ref_ngram.py [-n N|MIN-MAX] [--chars [--pad]] [--sentence-marks] [--stopwords FILE] [FILE]

N-grams are counted inside each line (a sentence) with collections.Counter, over its tokens
minus the stop words of FILE (one per line); --sentence-marks adds <s> and </s> around each
sentence that has a token; --chars counts the character n-grams of each token, with ^ and $
around it under --pad.  Rows: count descending, then the n-gram as UTF-8 bytes; a header
ngram<TAB>count, or ngram<TAB>n<TAB>count for a range.
SPDX-License-Identifier: MIT
"""
import argparse
import collections
import sys


def grams(items, lo, hi):
    for n in range(lo, hi + 1):
        for i in range(len(items) - n + 1):
            yield items[i:i + n], n


def main():
    p = argparse.ArgumentParser(description="Reference n-gram counts of tokenized text.")
    p.add_argument("-n", default="1")
    p.add_argument("--chars", action="store_true")
    p.add_argument("--pad", action="store_true")
    p.add_argument("--sentence-marks", action="store_true")
    p.add_argument("--stopwords", metavar="FILE")
    p.add_argument("file", nargs="?")
    a = p.parse_args()
    lo, _, hi = a.n.partition("-")
    lo, hi = int(lo), int(hi or lo)
    stop = set()
    if a.stopwords:
        with open(a.stopwords, encoding="utf-8") as f:
            stop = {w for w in f.read().split("\n") if w}
    if a.file:
        with open(a.file, "rb") as f:
            text = f.read().decode("utf-8")
    else:
        text = sys.stdin.buffer.read().decode("utf-8")

    counts = collections.Counter()
    for line in text.split("\n"):
        tokens = [t for t in line.split(" ") if t and t not in stop]
        if not tokens:
            continue
        if a.chars:
            for t in tokens:
                chars = ["^", *t, "$"] if a.pad else list(t)
                counts.update(("".join(g), n) for g, n in grams(chars, lo, hi))
        else:
            if a.sentence_marks:
                tokens = ["<s>", *tokens, "</s>"]
            counts.update((" ".join(g), n) for g, n in grams(tokens, lo, hi))

    rows = sorted(counts.items(), key=lambda r: (-r[1], r[0][0].encode("utf-8")))
    out = ["ngram\tn\tcount" if lo != hi else "ngram\tcount"]
    for (gram, n), c in rows:
        out.append(f"{gram}\t{n}\t{c}" if lo != hi else f"{gram}\t{c}")
    sys.stdout.buffer.write(("\n".join(out) + "\n").encode("utf-8"))


if __name__ == "__main__":
    main()
