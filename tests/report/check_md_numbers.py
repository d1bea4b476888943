#!/usr/bin/python3
"""Check that every number in a table cell of report.md is a number of report.json.

Usage: check_md_numbers.py REPORT.md REPORT.json
Numbers are compared as written (the report writes each number once, in one form), so 0.5
in report.md must be 0.5 in report.json.  A word that is written with digits only (the token
2023 of a bigram) is a JSON string, and counts when report.json has that string.  Prints the missing ones and exits 1; also fails
when report.md has no numeric cell at all.
SPDX-License-Identifier: MIT
"""
import json
import re
import sys

NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")


def json_values(text):
    """Every number token of the JSON text, as written, and every string value."""
    found = set()
    strings = set()

    def keep(s):
        found.add(s)
        return float(s)

    def walk(v):
        if isinstance(v, str):
            strings.add(v)
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    walk(json.loads(text, parse_int=keep, parse_float=keep))
    return found, strings


def md_cells(text):
    """The cells of the Markdown table rows (the delimiter rows left out)."""
    for line in text.splitlines():
        if not line.startswith("|") or re.fullmatch(r"[|\-: ]+", line):
            continue
        cells = re.split(r"(?<!\\)\|", line)[1:-1]
        for cell in cells:
            yield cell.strip()


def main():
    md = open(sys.argv[1], encoding="utf-8").read()
    numbers, strings = json_values(open(sys.argv[2], encoding="utf-8").read())
    seen = 0
    missing = []
    for cell in md_cells(md):
        if NUMBER.fullmatch(cell):
            seen += 1
            if cell not in numbers and cell not in strings:
                missing.append(cell)
    for m in missing[:10]:
        print("not in report.json:", m)
    if seen == 0:
        print("report.md has no numeric cell")
        return 1
    print("%d numeric cells, %d missing" % (seen, len(missing)))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
