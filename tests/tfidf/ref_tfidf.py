#!/usr/bin/python3
"""Checks a corpus-tfidf long table against scikit-learn's TfidfVectorizer on the same tokens.

usage: ref_tfidf.py --table TABLE [--docs file|para] [-n N|MIN-MAX] [--sublinear] [--plain]
                    [--l1] [--min-df DF] [--max-df DF] [--stderr FILE] NAME=TOKFILE...

Each TOKFILE is what `corpus-tok --keep=...` (with the same --docs) writes for one input file:
one sentence per line, tokens separated by one space, a blank line between documents.  With
--docs=file the whole TOKFILE is one document named NAME; with --docs=para each block of lines
is a document named NAME#1, NAME#2, ...  The reference is
TfidfVectorizer(tokenizer=str.split, token_pattern=None, lowercase=False) over the documents
(--sublinear: sublinear_tf=True, --plain: smooth_idf=False, --l1: norm='l1'; --min-df and
--max-df: min_df and max_df, an int without a decimal point, else a float).  For n-grams
(-n 1-2) the n-grams of each sentence line are made by scikit-learn's own word analyzer
(CountVectorizer(tokenizer=str.split, token_pattern=None, lowercase=False,
ngram_range=(MIN, MAX)).build_analyzer()) and handed to TfidfVectorizer as its analyzer, so no
n-gram crosses a line, as in corpus-tfidf; the weighting is TfidfVectorizer's.

Checks: the header; the same (doc, term) pairs; tf = the count and df = the number of documents
of the term, exactly; idf and tfidf within 1e-12 of scikit-learn's; documents in input order
and rows by tfidf descending, then term bytewise; every float in the shortest form that reads
back (as many significant digits as Python's repr).  With --stderr, FILE (corpus-tfidf's
standard error) must hold exactly the warning "K of N documents have no term left ..." when K
documents have no weight in scikit-learn's matrix, and nothing when K = 0.  Prints one line per failed check and a
summary; exits 1 when a check fails.
SPDX-License-Identifier: MIT
"""
import argparse
import os
import sys

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from reflib import Failures, table_lines, shortest  # noqa: E402

TOLERANCE = 1e-12


def documents(specs, mode):
    names, texts = [], []
    for spec in specs:
        name, _, path = spec.partition("=")
        with open(path, "rb") as f:
            text = f.read().decode("utf-8")
        if mode == "file":
            names.append(name)
            texts.append(text)
            continue
        blocks = [b for b in text.split("\n\n") if b.strip("\n")]
        for k, block in enumerate(blocks, 1):
            names.append(f"{name}#{k}")
            texts.append(block)
    return names, texts


def limit(s):
    """A document frequency limit as corpus-tfidf reads it: a decimal point makes a proportion."""
    return float(s) if "." in s else int(s)






def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--table", required=True)
    p.add_argument("--docs", choices=("file", "para"), default="file")
    p.add_argument("-n", default="1")
    p.add_argument("--sublinear", action="store_true")
    p.add_argument("--plain", action="store_true")
    p.add_argument("--l1", action="store_true")
    p.add_argument("--min-df", default="1")
    p.add_argument("--max-df", default="1.0")
    p.add_argument("--stderr", metavar="FILE")
    p.add_argument("inputs", nargs="+", metavar="NAME=TOKFILE")
    a = p.parse_args()
    lo, _, hi = a.n.partition("-")
    lo, hi = int(lo), int(hi or lo)

    names, texts = documents(a.inputs, a.docs)
    weights = dict(norm="l1" if a.l1 else "l2", smooth_idf=not a.plain,
                   sublinear_tf=a.sublinear, min_df=limit(a.min_df), max_df=limit(a.max_df))
    if (lo, hi) == (1, 1):
        vec = TfidfVectorizer(tokenizer=str.split, token_pattern=None, lowercase=False,
                              **weights)
    else:
        sentence = CountVectorizer(tokenizer=str.split, token_pattern=None, lowercase=False,
                                   ngram_range=(lo, hi)).build_analyzer()

        def analyzer(doc):
            return [g for line in doc.split("\n") for g in sentence(line)]

        vec = TfidfVectorizer(analyzer=analyzer, **weights)
    x = vec.fit_transform(texts).tocsr()
    # The raw counts of the same terms, for the tf and df columns.
    counter = CountVectorizer(analyzer=vec.build_analyzer(), vocabulary=vec.vocabulary_,
                              lowercase=False)
    counts = counter.fit_transform(texts).tocsr()
    terms = vec.get_feature_names_out()
    assert list(terms) == list(counter.get_feature_names_out())
    df = np.asarray((counts > 0).sum(axis=0)).ravel()
    ref = {}
    for i, name in enumerate(names):
        row, crow = x.getrow(i), counts.getrow(i)
        tf = dict(zip(crow.indices, crow.data))
        for j, w in zip(row.indices, row.data):
            ref[(name, terms[j])] = (int(tf[j]), int(df[j]), float(vec.idf_[j]), float(w))

    failures = fail = Failures(20)

    lines = table_lines(a.table, fail)
    if not lines or lines[0] != "doc\tterm\ttf\tdf\tidf\ttfidf":
        fail(f"header {lines[:1]!r}")
    got = {}
    order = []  # (doc, weight, term bytes) as written
    for n, line in enumerate(lines[1:], 2):
        f = line.split("\t")
        if len(f) != 6:
            fail(f"line {n}: {len(f)} fields")
            continue
        doc, term, tf, d, idf, w = f
        for s in (idf, w):
            if not shortest(s):
                fail(f"line {n}: {s} is not the shortest form of {float(s)!r}")
        if (doc, term) in got:
            fail(f"line {n}: ({doc}, {term}) twice")
        got[(doc, term)] = (int(tf), int(d), float(idf), float(w))
        order.append((doc, float(w), term.encode("utf-8")))

    failures.compare_keys(ref, got, lambda k: f"row {k} of scikit-learn missing from the table",
                          lambda k: f"row {k} of the table not in scikit-learn's", "rows", 5)
    d_idf = d_w = 0.0
    for k in set(ref) & set(got):
        r, g = ref[k], got[k]
        if g[0] != r[0]:
            fail(f"{k}: tf {g[0]}, scikit-learn's count {r[0]}")
        if g[1] != r[1]:
            fail(f"{k}: df {g[1]}, scikit-learn's {r[1]}")
        d_idf = max(d_idf, abs(g[2] - r[2]))
        d_w = max(d_w, abs(g[3] - r[3]))
    if d_idf > TOLERANCE:
        fail(f"max |idf - idf_| = {d_idf!r} > {TOLERANCE}")
    if d_w > TOLERANCE:
        fail(f"max |tfidf - scikit-learn| = {d_w!r} > {TOLERANCE}")

    # Documents in input order, each in one run of rows; inside, tfidf descending then term.
    rank = {name: i for i, name in enumerate(names)}
    for (d1, w1, t1), (d2, w2, t2) in zip(order, order[1:]):
        if d1 == d2:
            if not (w1 > w2 or (w1 == w2 and t1 < t2)):
                fail(f"{d1}: {t1.decode()} ({w1!r}) written before {t2.decode()} ({w2!r})")
        elif d1 not in rank or d2 not in rank or rank[d1] >= rank[d2]:
            fail(f"document {d2} written after {d1}")

    if a.stderr:
        with open(a.stderr, "rb") as f:
            err = f.read().decode("utf-8")
        empty = sum(1 for i in range(len(names)) if x.getrow(i).nnz == 0)
        want = (f"corpus-tfidf: {empty} of {len(names)} documents have no term left (empty, "
                "or every term filtered out): their rows are zero\n") if empty else ""
        if err != want:
            fail(f"standard error {err!r}, expected {want!r}")

    print(f"{len(names)} documents, {len(terms)} terms, {len(got)} rows; "
          f"max |idf diff| {d_idf:.3g}, max |tfidf diff| {d_w:.3g}")
    return failures.status()


if __name__ == "__main__":
    sys.exit(main())
