#!/usr/bin/env python3
"""Independent reference tokenizer for checking the expected outputs of the golden cases.

Written from the rules of DESIGN.md ("Text, tokens, sentences, documents") and
docs/tokenization.md, for the characters that occur in corpora/news; it shares no code
with libcorpus.  It stops with an error on any character or construct it does not model, so
that a silent disagreement cannot hide behind it.
Usage: ref_tok.py [--norm=none|basic|search] [--format=text|tsv] FILE  (one file, --docs=file)

Rules modelled:
- white space (including U+00A0) separates tokens; every line end ends a sentence;
- word: Arabic letters with marks and tatweel; a tatweel-joined prefix before a quote or a
  digit is its own word (لـ"سي, الـ20) because a quote or digit is not a word character;
- latin: letters of another script, then letters and digits;
- number: digits with one separator (. , : ، ٫ ٬) between two digits (1,000  3.5  0:00);
- punct: a run of one repeated punctuation character ("..") is one token;
- hashtag / mention: # or @ and a run of letters, digits, marks, tatweel and _;
- url: host.tld/path (ASCII), without trailing . , ; : ! ? ';
- sentences also end after a token made of . ! ? ؟ … (closing brackets after it stay), but
  not after a single . that follows a one-letter latin token (U.S., J. Smith);
- each token is normalized on its own with ref_norm.normalize; offset and length are the
  byte span of the token in the file.
SPDX-License-Identifier: MIT
"""
import os
import re
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ref_norm import normalize  # noqa: E402

ENDERS = set(".!?\u061F\u2026")
CLOSERS = set(")]}\u00BB\u201D\u2019\u203A")
NUM_SEPS = set(".,:\u060C\u066B\u066C")
URL_RE = re.compile(r"[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/[!#-;=?-~]*")


def is_arabic(ch):
    c = ord(ch)
    return 0x0600 <= c <= 0x06FF or 0x0750 <= c <= 0x077F or 0x08A0 <= c <= 0x08FF


def kind(ch):
    if ch == "\n":
        return "lf"
    if ch.isspace():
        return "space"
    cat = unicodedata.category(ch)
    if ch == "\u0640" or (cat[0] == "L" and is_arabic(ch)):
        return "ar"
    if cat == "Mn" and is_arabic(ch):
        return "mark"
    if cat[0] == "L":
        return "letter"
    if cat == "Nd":
        return "digit"
    if cat[0] == "P":
        return "punct"
    raise SystemExit("ref_tok.py: character U+%04X (%s) is not modelled" % (ord(ch), cat))


def scan(s, i):
    """Return (end, class) of the token that starts at s[i]."""
    k = kind(s[i])
    n = len(s)
    if k in ("ar", "mark"):
        j = i
        while j < n and kind(s[j]) in ("ar", "mark"):
            j += 1
        if j < n and s[j] == "_":
            raise SystemExit("ref_tok.py: '_' after a word is not modelled")
        return j, "word"
    if k in ("letter", "digit") and s[i].isascii():
        m = URL_RE.match(s, i)
        if m:
            j = m.end()
            while s[j - 1] in ".,;:!?'":
                j -= 1
            return j, "url"
        if "@" in s[i:s.find(" ", i)] and k == "letter":
            raise SystemExit("ref_tok.py: e-mail addresses are not modelled")
    if k == "digit":
        j = i + 1
        while j < n:
            if kind(s[j]) == "digit":
                j += 1
            elif s[j] in NUM_SEPS and j + 1 < n and kind(s[j + 1]) == "digit":
                j += 2
            else:
                break
        return j, "number"
    if k == "letter":
        j = i + 1
        while j < n and kind(s[j]) in ("letter", "digit"):
            j += 1
        return j, "latin"
    if k == "punct":
        if s[i] in "#@":
            j = i + 1
            while j < n and (s[j] == "_" or kind(s[j]) in ("ar", "mark", "letter", "digit")):
                j += 1
            if j > i + 1:
                return j, "hashtag" if s[i] == "#" else "mention"
        j = i + 1
        while j < n and s[j] == s[i]:
            j += 1
        return j, "punct"
    raise SystemExit("ref_tok.py: cannot start a token at U+%04X" % ord(s[i]))


def tokenize(text, profile):
    """Yield (sentence, token, class, char_start, char_end) for one document."""
    sent = 0
    new_sent = True
    after_ender = False
    prev_initial = False
    i = 0
    while i < len(text):
        k = kind(text[i])
        if k == "lf":
            new_sent, after_ender = True, False
            i += 1
            continue
        if k == "space":
            i += 1
            continue
        j, cls = scan(text, i)
        raw = text[i:j]
        tok = normalize(raw, profile)
        if not tok or any(ch.isspace() for ch in tok):
            raise SystemExit("ref_tok.py: normalization of %r is not modelled" % raw)
        ender = cls == "punct" and all(ch in ENDERS for ch in tok)
        if tok == "." and prev_initial:
            ender = False  # U.S., J. Smith: a full stop after a one-letter latin token
        prev_initial = cls == "latin" and len(tok) == 1
        closer = cls == "punct" and all(ch in CLOSERS for ch in tok)
        if after_ender and not ender and not closer:
            new_sent = True
        if new_sent:
            sent += 1
            new_sent = False
        after_ender = after_ender if (closer and after_ender) else ender
        yield sent, tok, cls, i, j
        i = j


def main(argv):
    profile, fmt, files = "basic", "text", []
    for a in argv:
        if a.startswith("--norm="):
            profile = a[len("--norm="):]
        elif a.startswith("--format="):
            fmt = a[len("--format="):]
        else:
            files.append(a)
    if len(files) != 1 or fmt not in ("text", "tsv"):
        sys.exit(__doc__)
    data = open(files[0], "rb").read()
    base = 0
    if data.startswith(b"\xef\xbb\xbf"):
        data, base = data[3:], 3
    text = data.decode("utf-8").replace("\r\n", "\n")
    if "\r" in text:
        sys.exit("ref_tok.py: lone CR line ends are not modelled")
    # Byte offset of each character in the file.
    offs = [base]
    for ch in text:
        offs.append(offs[-1] + len(ch.encode("utf-8")))
    out = sys.stdout
    if fmt == "tsv":
        out.write("doc\tsentence\tindex\ttoken\tclass\toffset\tlength\n")
    last_sent, index, line = 0, 0, []
    for sent, tok, cls, a, b in tokenize(text, profile):
        if sent != last_sent:
            if line and fmt == "text":
                out.write(" ".join(line) + "\n")
            line, index, last_sent = [], 0, sent
        index += 1
        line.append(tok)
        if fmt == "tsv":
            out.write("1\t%d\t%d\t%s\t%s\t%d\t%d\n" % (sent, index, tok, cls, offs[a],
                                                       offs[b] - offs[a]))
    if line and fmt == "text":
        out.write(" ".join(line) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
