#!/usr/bin/env python3
"""Compare an output of corpus-stem with what the reference stemmers give; used by verify.sh.

  check_stems.py --stem=ALGO text TOKENS.tsv OUTPUT
      TOKENS.tsv is a token table of one file (ref_tok.py --format=tsv); OUTPUT must be the
      text layout of corpus-tok (one sentence per line, tokens separated by one space) with
      every `word` token replaced by its reference stem and every other token unchanged.
  check_stems.py --stem=ALGO pairs OUTPUT TOKENS.tsv...
      OUTPUT must be the --pairs table (TSV with header) of the tokens of all the tables:
      token, stem (the token itself when it is not a word), count; by count descending, then
      token bytewise.
  check_stems.py --stem=ALGO words WORDS OUTPUT
      WORDS has one word per line; OUTPUT must have the stem of each, line for line.

ALGO: none (the token itself), light10, light8 (ref_light.py), isri (NLTK's ISRIStemmer),
snowball (the pure-Python snowballstemmer ArabicStemmer), or a file `word<TAB>stem` such as
tests/data/stem/isri.tsv.  Everywhere, a stem that comes out empty keeps the word.
Prints the first differences and exits 1 on a mismatch.
SPDX-License-Identifier: MIT
"""
import collections
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ref_light  # noqa: E402


def stemmer(algo):
    if algo == "none":
        return lambda w: w
    if algo in ("light10", "light8"):
        light8 = algo == "light8"
        return lambda w: ref_light.stem(w, light8)
    if algo == "isri":
        from nltk.stem.isri import ISRIStemmer
        return ISRIStemmer().stem
    if algo == "snowball":
        from snowballstemmer.arabic_stemmer import ArabicStemmer
        return lambda w: ArabicStemmer().stemWord(w)  # fresh instance: no state carried over
    if os.path.isfile(algo):
        table = {}
        with open(algo, encoding="utf-8") as f:
            for line in f:
                word, stem = line.rstrip("\n").split("\t")
                table[word] = stem
        return table.__getitem__
    sys.exit("check_stems.py: unknown algorithm %r" % algo)


def keeping(stem):
    """The stem, or the word itself when the stem is empty."""
    def f(word):
        return stem(word) or word
    return f


def read_lines(path):
    with open(path, "rb") as f:
        data = f.read().decode("utf-8")
    lines = data.split("\n")
    if lines[-1] != "":
        sys.exit("check_stems.py: %s does not end with a line end" % path)
    return lines[:-1]


def read_table(path):
    """Rows (doc, sentence, token, class) of a token table with a header line."""
    rows = []
    for line in read_lines(path)[1:]:
        doc, sent, _index, token, cls, _off, _len = line.split("\t")
        rows.append((int(doc), int(sent), token, cls))
    return rows


def report(what, expected, actual):
    if expected == actual:
        return 0
    shown = 0
    for i in range(max(len(expected), len(actual))):
        e = expected[i] if i < len(expected) else "(nothing)"
        a = actual[i] if i < len(actual) else "(nothing)"
        if e != a:
            print("%s, line %d:\n  expected %s\n  actual   %s" % (what, i + 1, e, a))
            shown += 1
            if shown == 5:
                break
    print("%s: %d lines expected, %d found" % (what, len(expected), len(actual)))
    return 1


def check_text(stem, table, output):
    lines, key, last = [], None, None
    for doc, sent, token, cls in read_table(table):
        if (doc, sent) != key:
            if last is not None and doc != last:
                lines.append("")
            lines.append([])
            key, last = (doc, sent), doc
        lines[-1].append(stem(token) if cls == "word" else token)
    expected = [" ".join(x) if isinstance(x, list) else x for x in lines]
    return report(output, expected, read_lines(output))


def check_pairs(stem, output, tables):
    counts, cls_of = collections.Counter(), {}
    for t in tables:
        for _doc, _sent, token, cls in read_table(t):
            counts[token] += 1
            cls_of[token] = cls
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].encode("utf-8")))
    expected = ["token\tstem\tcount"]
    for token, n in rows:
        expected.append("%s\t%s\t%d" % (token, stem(token) if cls_of[token] == "word" else token,
                                        n))
    return report(output, expected, read_lines(output))


def check_words(stem, words, output):
    expected = [stem(w) for w in read_lines(words)]
    return report(output, expected, read_lines(output))


def main(argv):
    if len(argv) < 3 or not argv[0].startswith("--stem="):
        sys.exit(__doc__)
    stem = keeping(stemmer(argv[0][len("--stem="):]))
    mode, args = argv[1], argv[2:]
    if mode == "text" and len(args) == 2:
        return check_text(stem, *args)
    if mode == "pairs" and len(args) >= 2:
        return check_pairs(stem, args[0], args[1:])
    if mode == "words" and len(args) == 2:
        return check_words(stem, *args)
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
