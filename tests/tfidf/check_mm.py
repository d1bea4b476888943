#!/usr/bin/python3
"""Checks that the Matrix Market files of corpus-tfidf --mm=PREFIX hold the long table TABLE
written with the same options (TSV with its header).

usage: check_mm.py PREFIX TABLE

PREFIX.mtx must load with scipy.io.mmread as a (documents x terms) matrix; PREFIX.docs lists
every document, in input order (also those without rows in the table); PREFIX.terms lists the
terms bytewise, each once, exactly those of the table; entry (i, j) is the tfidf of row
(document i, term j) of the table, the same double, and there is no other entry.  Prints what
differs and exits 1, or prints a summary and exits 0.
SPDX-License-Identifier: MIT
"""
import sys

import scipy.io


def lines(path):
    with open(path, "rb") as f:
        text = f.read().decode("utf-8")
    if text and not text.endswith("\n"):
        raise SystemExit(f"{path}: no final line end")
    return text.split("\n")[:-1]


def main():
    prefix, table = sys.argv[1:]
    failures = []
    m = scipy.io.mmread(prefix + ".mtx").tocoo()
    docs, terms = lines(prefix + ".docs"), lines(prefix + ".terms")
    rows = [r.split("\t") for r in lines(table)[1:]]
    if m.shape != (len(docs), len(terms)):
        failures.append(f"shape {m.shape}, {len(docs)} documents and {len(terms)} terms")
    encoded = [t.encode("utf-8") for t in terms]
    if encoded != sorted(set(encoded)):
        failures.append(".terms is not in bytewise order with each term once")
    if {r[1] for r in rows} != set(terms):
        failures.append(".terms is not the set of terms of the table")
    table_docs = list(dict.fromkeys(r[0] for r in rows))
    if [d for d in docs if d in set(table_docs)] != table_docs or not set(table_docs) <= set(docs):
        failures.append(".docs is not the documents of the table in their order")
    with open(prefix + ".mtx", encoding="ascii") as f:
        head = f.readline()
    if head != "%%MatrixMarket matrix coordinate real general\n":
        failures.append(f"header line {head!r}")
    want = {(r[0], r[1]): float(r[5]) for r in rows}
    got = {}
    for i, j, v in zip(m.row, m.col, m.data):
        key = (docs[i], terms[j])
        if key in got:
            failures.append(f"entry {key} twice")
        got[key] = float(v)
    if set(got) != set(want):
        failures.append(f"{len(set(got) - set(want))} entries not in the table, "
                        f"{len(set(want) - set(got))} rows of the table not in the matrix")
    differ = [k for k in set(got) & set(want) if got[k] != want[k]]
    if differ:
        k = differ[0]
        failures.append(f"{len(differ)} values differ, e.g. {k}: {got[k]!r} vs {want[k]!r}")
    for f in failures:
        print("  " + f)
    print(f"{m.shape[0]} x {m.shape[1]} matrix, {m.nnz} entries, {len(rows)} table rows")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
