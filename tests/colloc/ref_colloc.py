#!/usr/bin/python3
"""Checks corpus-colloc tables against NLTK 3.8's collocation finders on the same tokens.

usage: ref_colloc.py --tokens TOKFILE [-n 2|3] [--window W] [--min-candidates K]
                     [--fisher-min-count C] [--fisher-min-candidates KF] [--degenerate D]
                     MEASURE=TABLE...

TOKFILE is what `corpus-tok --keep=...` writes for the text: one sentence per line, tokens
separated by one space (blank lines between documents are ignored: no candidate crosses a
sentence anyway).  The finder is, with sentences = the lines split at spaces:
  -n 2 --window 2   BigramCollocationFinder.from_documents(sentences)
  -n 2 --window W   BigramCollocationFinder.from_words(words, window_size=W), words being
                    every sentence followed by W-1 None (what from_documents does with its
                    window of 2, so that no pair crosses a sentence)
  -n 3              TrigramCollocationFinder.from_documents(sentences)
Each MEASURE is the name of an NLTK association measure (BigramAssocMeasures, or
TrigramAssocMeasures for -n 3) and TABLE the output of corpus-colloc run on the same text with
--measures=M --sort-by=M, M being corpus-colloc's name of that measure; TABLE.err, when it
exists, is its standard error.  With --fisher-min-count C, the table of fisher was made with
--min-count=C, and NLTK's finder for it has had apply_freq_filter(C) (which leaves the word
counts and N as they are, as --min-count does): SciPy's fisher_exact takes up to milliseconds
per candidate, too long for every one of tens of thousands.

Checks, for every table: the header; every float written in its shortest form; the same
candidates as the finder's ngram_fd, less those whose table has a negative cell or a zero
marginal (NLTK scores some of them and raises ZeroDivisionError or ValueError on others;
corpus-colloc leaves them all out): TABLE.err must then be exactly the warning that counts
them, and empty when there is none (the summary line says how many were left out; with
--degenerate D, there must be D of them);
count = ngram_fd[c], f1, f2 (f3) = word_fd[w], N = the finder's N, exactly; the score within
a relative 1e-9 of NLTK's score_ngram (an absolute 1e-12 for measures that cancel to 0); and
the rows in the order of NLTK's score_ngrams (score descending, ties by the words), the same
list.  At least K candidates must be compared (KF for fisher, when given).  Prints one line
per failed check and a summary; exits 1 when a check fails.
SPDX-License-Identifier: MIT
"""
import argparse
import os
import sys
import time

from nltk.collocations import BigramCollocationFinder, TrigramCollocationFinder
from nltk.metrics.association import BigramAssocMeasures, TrigramAssocMeasures

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from reflib import Failures, close as close_within, relative, shortest  # noqa: E402

RELATIVE = 1e-9
ABSOLUTE = 1e-12

# NLTK's measure -> corpus-colloc's name.
NAMES = {
    "raw_freq": "freq",
    "pmi": "pmi",
    "likelihood_ratio": "llr",
    "chi_sq": "chi2",
    "phi_sq": "phi2",
    "student_t": "t",
    "dice": "dice",
    "jaccard": "jaccard",
    "poisson_stirling": "poisson-stirling",
    "mi_like": "mi-like",
    "fisher": "fisher-left",
}
TRIGRAM = ("raw_freq", "pmi", "student_t", "chi_sq", "likelihood_ratio", "poisson_stirling",
           "jaccard", "mi_like")
# Measures that are differences, which can cancel to 0 (or nearly): there the absolute
# tolerance applies.  The others are ratios and probabilities, compared relatively only.
CANCELLING = {"pmi", "likelihood_ratio", "chi_sq", "phi_sq", "student_t", "poisson_stirling"}


def sentences_of(path):
    with open(path, "rb") as f:
        text = f.read().decode("utf-8")
    sents = [line.split(" ") for line in text.split("\n") if line]
    for s in sents:
        if "" in s:
            raise SystemExit(f"{path}: a sentence line with an empty token: {' '.join(s)!r}")
    return sents


def finder_of(sents, n, window):
    if n == 3:
        return TrigramCollocationFinder.from_documents(sents)
    if window == 2:
        return BigramCollocationFinder.from_documents(sents)
    words = [w for s in sents for w in s + [None] * (window - 1)]
    return BigramCollocationFinder.from_words(words, window_size=window)


def marginals(finder, n, cand):
    """The arguments NLTK's score_ngram hands to a measure for cand."""
    if n == 2:
        w1, w2 = cand
        return (finder.ngram_fd[cand] / (finder.window_size - 1.0),
                (finder.word_fd[w1], finder.word_fd[w2]), finder.N)
    w1, w2, w3 = cand
    return (finder.ngram_fd[cand],
            (finder.bigram_fd[(w1, w2)], finder.wildcard_fd[(w1, w3)],
             finder.bigram_fd[(w2, w3)]),
            (finder.word_fd[w1], finder.word_fd[w2], finder.word_fd[w3]), finder.N)


def degenerate(finder, n, cand):
    """The table of cand has a negative cell or a zero one-word marginal (or complement)."""
    m = marginals(finder, n, cand)
    if n == 2:
        cells = BigramAssocMeasures._contingency(*m)
        total = m[2]
        words = m[1]
    else:
        cells = TrigramAssocMeasures._contingency(*m)
        total = m[3]
        words = m[2]
    return (m[0] == 0 or any(c < 0 for c in cells)
            or any(f == 0 or f == total for f in words))








def close(measure, got, want):
    return close_within(got, want, RELATIVE, ABSOLUTE if measure in CANCELLING else None)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--tokens", required=True)
    p.add_argument("-n", type=int, choices=(2, 3), default=2)
    p.add_argument("--window", type=int, default=None)
    p.add_argument("--min-candidates", type=int, default=1)
    p.add_argument("--fisher-min-count", type=int, default=1)
    p.add_argument("--fisher-min-candidates", type=int, default=None)
    p.add_argument("--degenerate", type=int, default=None)
    p.add_argument("tables", nargs="+", metavar="MEASURE=TABLE")
    a = p.parse_args()
    window = a.window or a.n
    if a.n == 3 and window != 3:
        p.error("-n 3 takes --window 3 only")
    measures_class = TrigramAssocMeasures if a.n == 3 else BigramAssocMeasures

    sents = sentences_of(a.tokens)
    finder = finder_of(sents, a.n, window)
    bad = {c for c in finder.ngram_fd if degenerate(finder, a.n, c)}

    failures = fail = Failures(30)

    if a.degenerate is not None and len(bad) != a.degenerate:
        fail(f"{len(bad)} candidates with a degenerate table, {a.degenerate} expected")
    if bad:
        print(f"note: {len(bad)} candidates have a degenerate table (a negative cell or a zero "
              f"marginal), e.g. {' '.join(min(bad))}: left out of the comparison")
    s = "" if len(bad) == 1 else "s"
    warning = (f"corpus-colloc: {len(bad)} candidate{s} left out: a cell of the table is "
               "negative or a marginal is zero\n") if bad else ""
    wcols = ["w1", "w2", "w3"][:a.n]
    fcols = ["f1", "f2", "f3"][:a.n]
    summary = []
    for spec in a.tables:
        measure, _, path = spec.partition("=")
        if measure not in NAMES or (a.n == 3 and measure not in TRIGRAM):
            p.error(f"no NLTK measure {measure!r} for -n {a.n}")
        ours = NAMES[measure]
        fn = getattr(measures_class, measure)
        tag = f"{measure} ({ours})"
        started = time.monotonic()
        scorer = finder
        least = a.min_candidates
        if measure == "fisher" and a.fisher_min_candidates is not None:
            least = a.fisher_min_candidates
        if measure == "fisher" and a.fisher_min_count > 1:
            # A finder of its own, less the candidates seen fewer times, as --min-count.
            scorer = finder_of(sents, a.n, window)
            scorer.apply_freq_filter(a.fisher_min_count)
            tag += f" (count >= {a.fisher_min_count})"
        if not bad:
            ref = scorer.score_ngrams(fn)
        else:
            # score_ngrams without the degenerate tables (on which NLTK may raise), sorted
            # with its key.
            ref = sorted(((c, scorer.score_ngram(fn, *c)) for c in scorer.ngram_fd
                          if c not in bad), key=lambda t: (-t[1], t[0]))
        seconds = time.monotonic() - started
        try:
            with open(path + ".err", "rb") as f:
                err = f.read().decode("utf-8")
            if err != warning:
                fail(f"{tag}: standard error {err!r}, expected {warning!r}")
        except FileNotFoundError:
            pass

        with open(path, "rb") as f:
            lines = f.read().decode("utf-8").split("\n")
        if lines[-1] != "":
            fail(f"{tag}: the table does not end with a line end")
        lines = lines[:-1]
        header = "\t".join(wcols + ["count"] + fcols + ["N", ours])
        if not lines or lines[0] != header:
            fail(f"{tag}: header {lines[:1]!r}, expected {header!r}")
            continue
        rows = []
        for k, line in enumerate(lines[1:], 2):
            f = line.split("\t")
            if len(f) != 2 * a.n + 3:
                fail(f"{tag} line {k}: {len(f)} fields")
                continue
            if not shortest(f[-1]):
                fail(f"{tag} line {k}: {f[-1]} is not the shortest form of a finite double")
                continue
            rows.append((tuple(f[:a.n]), [int(x) for x in f[a.n:-1]], float(f[-1])))

        got = {c: (counts, s) for c, counts, s in rows}
        want = dict(ref)
        if len(got) != len(rows):
            fail(f"{tag}: {len(rows) - len(got)} candidates written twice")
        failures.compare_keys(
            want, got, lambda c: f"{tag}: NLTK's {' '.join(c)} ({want[c]!r}) is not in the table",
            lambda c: f"{tag}: {' '.join(c)} of the table is not among NLTK's",
            f"{tag}: candidates", 3)
        common = set(want) & set(got)
        if len(common) < least:
            fail(f"{tag}: only {len(common)} candidates compared (at least {least} expected)")
        worst, n_bad = 0.0, 0
        for c in sorted(common):
            counts, s = got[c]
            expect = ([finder.ngram_fd[c]] + [finder.word_fd[w] for w in c] + [finder.N])
            if counts != expect:
                fail(f"{tag}: {' '.join(c)}: count, f, N {counts}, NLTK's {expect}")
            r = want[c]
            worst = max(worst, relative(s, r))
            if not close(measure, s, r):
                n_bad += 1
                if n_bad <= 5:
                    fail(f"{tag}: {' '.join(c)}: {s!r}, NLTK {r!r} "
                         f"(relative difference {relative(s, r):.3g})")
        if n_bad:
            fail(f"{tag}: {n_bad} scores differ from NLTK's")
        # The same list as score_ngrams: the order of the rows, ties included.
        order = [c for c, _, _ in rows]
        nltk_order = [c for c, _ in ref]
        if order != nltk_order:
            k = next((i for i, (x, y) in enumerate(zip(order, nltk_order)) if x != y),
                     min(len(order), len(nltk_order)))

            def show(c):
                return (f"{' '.join(c)} (corpus-colloc {got[c][1]!r}, NLTK {want[c]!r})"
                        if c in got and c in want else ' '.join(c))
            here = show(order[k]) if k < len(order) else "the end of the table"
            there = show(nltk_order[k]) if k < len(nltk_order) else "the end of NLTK's list"
            fail(f"{tag}: row {k + 1} is {here}; NLTK's score_ngrams has {there}")
            # Rows written before a row that NLTK puts first: how many of them NLTK scores
            # equal (a tie broken otherwise because the scores differ in the last bits).
            seq = [(-want[c], c) for c in order if c in want]
            wrong = [(x, y) for x, y in zip(seq, seq[1:]) if not x < y]
            ties = sum(1 for x, y in wrong if x[0] == y[0])
            fail(f"{tag}: {sum(1 for x, y in zip(order, nltk_order) if x != y)} rows out of "
                 f"NLTK's place; {len(wrong)} rows written before one NLTK ranks first, "
                 f"{ties} of them where NLTK's scores are equal")
        if scorer is not finder:
            ours += f" (count >= {a.fisher_min_count})"
        summary.append(f"{ours} {len(common)} (max rel. diff {worst:.2g}"
                       + (f", NLTK {seconds:.1f} s" if seconds >= 1 else "") + ")")

    what = "triples" if a.n == 3 else f"pairs, window {window}"
    print(f"{what}: {len(sents)} sentences, N = {finder.N}, {len(finder.ngram_fd)} candidates "
          f"({len(bad)} degenerate); "
          + "; ".join(summary))
    return failures.status()


if __name__ == "__main__":
    sys.exit(main())
