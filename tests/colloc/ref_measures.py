#!/usr/bin/python3
"""Checks the association measures NLTK lacks in a corpus-colloc table against their formulas
(ALGORITHMS.md 3.3, written out again here) and SciPy.

usage: ref_measures.py [--window W] [--min-candidates K] [--exact]
                       [--part all|formulas|fisher] TABLE

TABLE is the output of `corpus-colloc --window=W --measures=all --p-values` (pairs).  For every
row the table is rebuilt from its count columns: O11 = count / (W - 1), R1 = f1, C1 = f2, N;
O12 = R1 - O11, O21 = C1 - O11, O22 = N - R1 - C1 + O11, R2 = N - R1, C2 = N - C1,
E11 = R1 C1 / N.  Then, within a relative 1e-9 (an absolute 1e-12 for the measures that can
cancel to 0):
  npmi             ln(O11 N / (R1 C1)) / -ln(O11 / N), 1 when O11 = N
  pmi2, pmi3       log2(O11^k / E11)
  chi2-yates       N max(0, |O11 O22 - O12 O21| - N/2)^2 / (R1 R2 C1 C2)
  z                (O11 - E11) / sqrt(E11)
  logdice          14 + log2(2 O11 / (R1 + C1))
  log-odds         ln((O11 + .5)(O22 + .5) / ((O12 + .5)(O21 + .5)))
  min-sensitivity  min(O11 / R1, O11 / C1)
  fisher-right     scipy.stats.fisher_exact([[O11, O12], [O21, O22]], 'greater')
  fisher-two       scipy.stats.fisher_exact([[O11, O12], [O21, O22]], 'two-sided')
(fisher_exact casts the cells to int64, truncating the fractional cells of a window of more
than 2 as it does for NLTK's fisher, whose table this is).  With --exact, fisher-left,
fisher-right and fisher-two are the sums of the hypergeometric probabilities in exact rational
arithmetic instead (for tables of large N, where SciPy's own results lose accuracy: a relative
1e-10 at N = 1e6, 1e-8 at 1e8, and far off at 1e10), on the same truncated table;
and the p-value columns chi2-p, chi2-yates-p and llr-p are scipy.stats.chi2.sf(x, 1) of the
statistic x written before them (relative 1e-9; p-values below the smallest normal double
must both be below it).  Also: the header is that of --measures=all --p-values, every float is
in its shortest form, and the rows are sorted by freq (the first measure) descending, ties by
the words bytewise.  --part=formulas checks all but Fisher's tests, --part=fisher only them
(and the header, the form of the floats and the order).  At least K rows must be checked.
Prints one line per failed check and a summary; exits 1 when a check fails.
SPDX-License-Identifier: MIT
"""
import argparse
import functools
import math
import os
import sys
from fractions import Fraction

from scipy.stats import chi2, fisher_exact

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from reflib import Failures, table_lines, close as close_within, relative, shortest  # noqa: E402

RELATIVE = 1e-9
ABSOLUTE = 1e-12
CANCELLING = {"npmi", "pmi2", "pmi3", "chi2-yates", "z", "logdice", "log-odds"}
ALL = ["freq", "pmi", "npmi", "pmi2", "pmi3", "llr", "chi2", "chi2-yates", "phi2", "t", "z",
       "dice", "logdice", "jaccard", "log-odds", "poisson-stirling", "mi-like",
       "min-sensitivity", "fisher-left", "fisher-right", "fisher-two"]
P_VALUES = ("llr", "chi2", "chi2-yates")
EXACT = False  # --exact


def header():
    cols = ["w1", "w2", "count", "f1", "f2", "N"]
    for m in ALL:
        cols.append(m)
        if m in P_VALUES:
            cols.append(m + "-p")
    return cols






def expected(window, count, f1, f2, n, part="all"):
    """The measures of one row, from its counts: those of the formulas, Fisher's tests (part
    "formulas", "fisher"), or both."""
    o11 = count / (window - 1)
    r1, c1 = f1, f2
    o12, o21 = r1 - o11, c1 - o11
    o22 = n - r1 - c1 + o11
    r2, c2 = n - r1, n - c1
    e11 = r1 * c1 / n
    want = {}
    if part != "fisher":
        want.update({
            "npmi": 1.0 if o11 == n else math.log(o11 * n / (r1 * c1)) / -math.log(o11 / n),
            "pmi2": math.log2(o11 ** 2 / e11),
            "pmi3": math.log2(o11 ** 3 / e11),
            "chi2-yates": n * max(0.0, abs(o11 * o22 - o12 * o21) - n / 2) ** 2
            / (r1 * r2 * c1 * c2),
            "z": (o11 - e11) / math.sqrt(e11),
            "logdice": 14 + math.log2(2 * o11 / (r1 + c1)),
            "log-odds": math.log((o11 + .5) * (o22 + .5) / ((o12 + .5) * (o21 + .5))),
            "min-sensitivity": min(o11 / r1, o11 / c1),
        })
    if part != "formulas":
        if EXACT:
            want["fisher-left"] = fisher(o11, o12, o21, o22, "less")
        want["fisher-right"] = fisher(o11, o12, o21, o22, "greater")
        want["fisher-two"] = fisher(o11, o12, o21, o22, "two-sided")
    return want


@functools.lru_cache(maxsize=None)
def fisher(o11, o12, o21, o22, alternative):
    """fisher_exact's p-value; many rows share a table, and SciPy takes milliseconds for some."""
    if EXACT:
        return exact_fisher(int(o11), int(o12), int(o21), int(o22), alternative)
    return float(fisher_exact([[o11, o12], [o21, o22]], alternative=alternative)[1])


def exact_fisher(a, b, c, d, alternative):
    """Fisher's test on the whole-number table [[a, b], [c, d]] in exact rational arithmetic:
    X is the top left cell under fixed margins; P(k) = C(a + b, k) C(c + d, a + c - k) /
    C(n, a + c); two-sided sums P(k) <= P(a) (1 + 1e-14), as SciPy and corpus-colloc do."""
    r1, c1, n = a + b, a + c, a + b + c + d
    if 0 in (r1, c1, n - r1, n - c1):
        return 1.0
    lo, hi = max(0, r1 + c1 - n), min(r1, c1)
    weight = {k: math.comb(r1, k) * math.comb(n - r1, c1 - k) for k in range(lo, hi + 1)}
    if alternative == "less":
        ks = [k for k in weight if k <= a]
    elif alternative == "greater":
        ks = [k for k in weight if k >= a]
    else:
        limit = Fraction(weight[a]) * (1 + Fraction(1, 10 ** 14))
        ks = [k for k in weight if weight[k] <= limit]
    return float(Fraction(sum(weight[k] for k in ks), math.comb(n, c1)))




def close(measure, got, want):
    return close_within(got, want, RELATIVE, ABSOLUTE if measure in CANCELLING else None)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--window", type=int, default=2)
    p.add_argument("--min-candidates", type=int, default=1)
    p.add_argument("--exact", action="store_true")
    p.add_argument("--part", choices=("all", "formulas", "fisher"), default="all")
    p.add_argument("table")
    a = p.parse_args()
    global EXACT
    EXACT = a.exact

    failures = fail = Failures(30)

    lines = table_lines(a.table, fail)
    cols = header()
    if not lines or lines[0].split("\t") != cols:
        fail(f"header {lines[:1]!r}, expected {chr(9).join(cols)!r}")
        lines = lines[:1]
    at = {c: i for i, c in enumerate(cols)}
    worst = {m: 0.0 for m in expected(2, 1, 1, 1, 3, a.part)}
    if a.part != "fisher":
        worst.update({m + "-p": 0.0 for m in P_VALUES})
    fisher.cache_clear()
    n_bad = dict.fromkeys(worst, 0)
    rows = 0
    previous = None
    for k, line in enumerate(lines[1:], 2):
        f = line.split("\t")
        if len(f) != len(cols):
            fail(f"line {k}: {len(f)} fields")
            continue
        for s in f[6:]:
            if not shortest(s):
                fail(f"line {k}: {s} is not the shortest form of a finite double")
        rows += 1
        words = f"{f[0]} {f[1]}"
        count, f1, f2, n = (int(x) for x in f[2:6])
        got = {c: float(f[at[c]]) for c in worst}
        try:
            want = expected(a.window, count, f1, f2, n, a.part)
        except (ValueError, ZeroDivisionError) as e:
            fail(f"{words} ({count} {f1} {f2} {n}): its table cannot be scored ({e})")
            continue
        for m in P_VALUES if a.part != "fisher" else ():
            want[m + "-p"] = float(chi2.sf(float(f[at[m]]), 1))
        for m, w in want.items():
            g = got[m]
            if m.endswith("-p") and max(abs(g), abs(w)) < sys.float_info.min:
                continue
            worst[m] = max(worst[m], relative(g, w))
            if not close(m, g, w):
                n_bad[m] += 1
                if n_bad[m] <= 3:
                    fail(f"{words} ({count} {f1} {f2} {n}): {m} {g!r}, expected {w!r} "
                         f"(relative difference {relative(g, w):.3g})")
        key = (-float(f[at["freq"]]), f[0].encode("utf-8"), f[1].encode("utf-8"))
        if previous is not None and not previous < key:
            fail(f"line {k}: {words} is not after the row before it by freq, then the words")
        previous = key
    for m, b in n_bad.items():
        if b:
            fail(f"{m}: {b} rows differ")
    if rows < a.min_candidates:
        fail(f"only {rows} rows checked (at least {a.min_candidates} expected)")
    print(f"window {a.window}: {rows} rows; max relative difference "
          + ", ".join(f"{m} {w:.2g}" for m, w in worst.items()))
    return failures.status()


if __name__ == "__main__":
    sys.exit(main())
