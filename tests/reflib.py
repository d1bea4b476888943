"""Helpers shared by the Python reference checks (tests/tfidf, tests/colloc): how numbers are
written, how close two of them are, and a list of failures that prints the first few.
SPDX-License-Identifier: MIT
"""
import math


def significant(s):
    """The significant digits of a decimal number as written."""
    mantissa = s.lstrip("+-").lower().split("e")[0].replace(".", "")
    return mantissa.strip("0") or "0"


def shortest(s):
    """s reads back as a finite double and has no digit more than Python's repr of it (shortest
    round trip), and no trailing zero after the decimal point."""
    try:
        v = float(s)
    except ValueError:
        return False
    if not math.isfinite(v):
        return False
    mantissa = s.lower().split("e")[0]
    if "." in mantissa and mantissa.endswith(("0", ".")):
        return False
    return len(significant(s)) == len(significant(repr(v)))


def relative(got, want):
    """The difference of got and want relative to the larger of the two (0 when equal)."""
    d = abs(got - want)
    return d / max(abs(got), abs(want)) if d else 0.0


def close(got, want, rel, absolute=None):
    """got is within rel of want (relative), or within absolute when it is given (for values
    that cancel to about zero)."""
    d = abs(got - want)
    return d <= rel * max(abs(got), abs(want)) or (absolute is not None and d <= absolute)


class Failures(list):
    """Failed checks: each is kept, the first `shown` are printed as they come."""

    def __init__(self, shown):
        super().__init__()
        self.shown = shown

    def __call__(self, msg):
        if len(self) < self.shown:
            print("  " + msg)
        self.append(msg)

    def status(self):
        """The exit status of the check: 1 (after saying how many failed) or 0."""
        if self:
            print(f"{len(self)} failed checks")
            return 1
        return 0

    def compare_keys(self, want, got, missing, extra, noun, shown):
        """Fail for the keys of want not in got and of got not in want: the first `shown` of
        each by missing(key) and extra(key), then one count of them (noun: what they are)."""
        lost = sorted(set(want) - set(got))
        more = sorted(set(got) - set(want))
        for k in lost[:shown]:
            self(missing(k))
        for k in more[:shown]:
            self(extra(k))
        if lost or more:
            self(f"{len(lost)} {noun} missing, {len(more)} extra")


def table_lines(path, fail):
    """The lines of a UTF-8 table written by a tool, without their line ends; fails when the
    last line has none."""
    with open(path, "rb") as f:
        lines = f.read().decode("utf-8").split("\n")
    if lines[-1] != "":
        fail("the table does not end with a line end")
    return lines[:-1]
