#!/usr/bin/python3
"""Regenerate the Arabic stemmer reference data in this directory.

Run from anywhere as

    /usr/bin/python3 tests/data/stem/regenerate.py

Needs the Debian packages python3-nltk (3.8), python3-snowballstemmer (2.2.0)
and hunspell-ar (3.2).  Writes, next to this script:

    words.txt     one word per line, UTF-8, LF, distinct, sorted bytewise
    isri.tsv      word TAB nltk.stem.isri.ISRIStemmer().stem(word)
    snowball.tsv  word TAB snowball Arabic stemWord(word)

The output depends only on the installed packages: every choice is made with
a fixed-seed random.Random over sorted lists, so running the script again
gives byte-identical files.

Word list
---------
1. Base words: the entries of the hunspell-ar dictionary
   (/usr/share/hunspell/ar.dic) are expanded with the prefix and suffix
   rules of ar.aff (FLAG long, AF flag aliases, two-level suffixes through
   continuation classes, prefix x suffix cross products; see expand()).  The
   entries are shuffled with SEED; from each entry in turn we take the bare
   entry, one "light" form (at most 3 letters longer than the entry) and one
   form drawn from all its forms, keeping only words made entirely of
   U+0621..U+064A without U+0640, until BASE_TARGET distinct words are
   collected.
2. Fixed words: NLTK's 49 ISRI stop words, the worked examples of
   ALGORITHMS.md (sections 2.1-2.5), every single letter U+0621..U+063A and
   U+0641..U+064A, and every dictionary entry of 1-2 letters.
3. Decorated words (DECO_FRACTION, about 3%, of the base words, chosen with
   SEED + 1): a copy of the word with harakat U+064B..U+0652 inserted
   (kind "harakat"), with 1-3 tatweels U+0640 inserted between two letters
   (kind "tatweel"), or both.  They are added next to the plain word, which
   stays in the list.  See decorate().
"""

import hashlib
import importlib.metadata
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
AFF = "/usr/share/hunspell/ar.aff"
DIC = "/usr/share/hunspell/ar.dic"

SEED = 20240601
BASE_TARGET = 27000
DECO_FRACTION = 0.03
LIGHT_EXTRA = 3  # a "light" form is at most this many letters longer than its entry

EXPECTED = {"nltk": "3.8", "snowballstemmer": "2.2.0"}

LETTERS_RE = re.compile("^[\u0621-\u063f\u0641-\u064a]+$")
# Letters, harakat U+064B..U+0652 and tatweel U+0640 are all that may appear.
ALLOWED_RE = re.compile("^[\u0621-\u0652]+$")

FATHATAN, DAMMATAN, KASRATAN = "\u064b", "\u064c", "\u064d"
FATHA, DAMMA, KASRA, SHADDA, SUKUN = "\u064e", "\u064f", "\u0650", "\u0651", "\u0652"
TATWEEL = "\u0640"

# ALGORITHMS.md worked examples (2.4 first; then 2.1, 2.3 and 2.5).
EXAMPLES = (
    "الكتاب والمكتبة يكتبون مدرسة استخدام المعلمون أحمد كَتَبَ الذي ووصل "
    "تفاعيل بالقلم للمدرسة مكتوب سيكتبونها وزارة مستشفى كتـــاب "
    "وللمدرسة وبالقلم عمليات معلمين وحيد وله الكاتبون"
).split()


# ---------------------------------------------------------------- hunspell

def long_flags(s):
    return [s[i:i + 2] for i in range(0, len(s), 2)]


def load_aff(path):
    """Return (aliases, rules); rules: flag -> (kind, cross, [rule...]),
    rule = (strip, add, continuation flags, compiled condition)."""
    aliases = [None]  # AF lines are numbered from 1
    rules = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            p = line.split()
            if not p:
                continue
            if p[0] == "AF":
                if len(p) >= 2 and not p[1].isdigit():
                    aliases.append(long_flags(p[1]))
                continue
            if p[0] not in ("SFX", "PFX"):
                continue
            if len(p) == 4 and p[2] in ("Y", "N") and p[3].isdigit() and p[1] not in rules:
                rules[p[1]] = (p[0], p[2] == "Y", [])
                continue
            strip = "" if p[2] == "0" else p[2]
            add, _, cont = p[3].partition("/")
            add = "" if add == "0" else add
            if cont:
                cont = aliases[int(cont)] if cont.isdigit() else long_flags(cont)
            else:
                cont = []
            cond = p[4] if len(p) > 4 else "."
            rx = re.compile("^" + cond if p[0] == "PFX" else cond + "$")
            rules[p[1]][2].append((strip, add, cont, rx))
    return aliases, rules


def load_dic(path, aliases):
    """Dictionary entries (word, flags) in file order, duplicates dropped."""
    seen = set()
    out = []
    with open(path, encoding="utf-8") as f:
        next(f)  # entry count
        for line in f:
            field = line.rstrip("\n").split("\t")[0]
            if not field or field.startswith(":"):
                continue  # section separators of the Debian file
            word, _, fl = field.partition("/")
            if fl.isdigit():
                flags = tuple(aliases[int(fl)])
            else:
                flags = tuple(long_flags(fl))
            if (word, flags) not in seen:
                seen.add((word, flags))
                out.append((word, flags))
    return out


def apply(rules, kind, word, flags):
    out = []
    for fl in flags:
        r = rules.get(fl)
        if r is None or r[0] != kind:
            continue
        for strip, add, cont, rx in r[2]:
            if kind == "SFX":
                if word.endswith(strip) and rx.search(word):
                    out.append((word[:len(word) - len(strip)] + add, cont, r[1]))
            else:
                if word.startswith(strip) and rx.search(word):
                    out.append((add + word[len(strip):], cont, r[1]))
    return out


def expand(rules, stem, flags):
    """All forms of one entry: the stem; stem+suffix; stem+suffix+suffix
    (second suffix from the first one's continuation class); prefix+stem;
    prefix+(suffixed form) when both affixes allow cross products (prefix
    flag from the entry or from a suffix's continuation class)."""
    forms = {stem}
    suffixed = []  # (form, continuation flags, cross product allowed)
    for w1, c1, x1 in apply(rules, "SFX", stem, flags):
        forms.add(w1)
        suffixed.append((w1, c1, x1))
        for w2, c2, x2 in apply(rules, "SFX", w1, c1):
            forms.add(w2)
            suffixed.append((w2, list(c1) + list(c2), x1 and x2))
    for w, _, _ in apply(rules, "PFX", stem, flags):
        forms.add(w)
    for w, cont, cross in suffixed:
        if not cross:
            continue
        for wp, _, xp in apply(rules, "PFX", w, list(flags) + list(cont)):
            if xp:
                forms.add(wp)
    return forms


# ---------------------------------------------------------------- words

def base_words(entries, rules):
    rng = random.Random(SEED)
    order = list(range(len(entries)))
    rng.shuffle(order)
    words = set()
    for i in order:
        if len(words) >= BASE_TARGET:
            break
        stem, flags = entries[i]
        forms = sorted(w for w in expand(rules, stem, flags) if LETTERS_RE.match(w))
        if not forms:
            continue
        picked = []
        if LETTERS_RE.match(stem):
            picked.append(stem)
        light = [w for w in forms if len(w) <= len(stem) + LIGHT_EXTRA and w != stem]
        if light:
            picked.append(rng.choice(light))
        picked.append(rng.choice(forms))
        for w in picked:
            if len(words) < BASE_TARGET:
                words.add(w)
    return words


def decorate(word, rng, kind):
    """Insert harakat and/or tatweel into a plain word (letters only)."""
    clusters = list(word)  # one letter plus its marks per cluster
    if kind in ("harakat", "both"):
        added = False
        for i in range(len(clusters)):
            if rng.random() < 0.6:
                mark = rng.choice((FATHA, DAMMA, KASRA, SUKUN))
                if rng.random() < 0.1:
                    mark = SHADDA + rng.choice((FATHA, DAMMA, KASRA))
                if i == len(clusters) - 1 and rng.random() < 0.3:
                    mark = rng.choice((FATHATAN, DAMMATAN, KASRATAN))
                clusters[i] += mark
                added = True
        if not added:
            clusters[0] += FATHA
    if kind in ("tatweel", "both"):
        pos = rng.randrange(1, len(clusters))  # between two letters
        clusters[pos - 1] += TATWEEL * rng.randint(1, 3)
    return "".join(clusters)


def decorated_words(base):
    rng = random.Random(SEED + 1)
    plain = sorted(base)
    chosen = sorted(rng.sample(plain, round(DECO_FRACTION * len(plain))))
    out = {}
    for w in chosen:
        r = rng.random()
        kind = "harakat" if r < 0.6 or len(w) < 2 else ("tatweel" if r < 0.9 else "both")
        out[decorate(w, rng, kind)] = kind
    return out


# ---------------------------------------------------------------- main

def main():
    versions = {name: importlib.metadata.version(name) for name in EXPECTED}
    for name, want in EXPECTED.items():
        if versions[name] != want:
            print("warning: %s %s installed, the committed data was made with %s"
                  % (name, versions[name], want), file=sys.stderr)

    from nltk.stem.isri import ISRIStemmer
    # The pure-Python class that snowballstemmer.stemmer('arabic') returns
    # when PyStemmer is not installed; named directly so that an installed
    # PyStemmer (a different Snowball release) cannot change the output.
    from snowballstemmer.arabic_stemmer import ArabicStemmer

    isri = ISRIStemmer()
    aliases, rules = load_aff(AFF)
    entries = load_dic(DIC, aliases)

    base = base_words(entries, rules)
    deco = decorated_words(base)
    fixed = set(isri.stop_words) | set(EXAMPLES)
    fixed |= {chr(c) for c in range(0x0621, 0x063B)} | {chr(c) for c in range(0x0641, 0x064B)}
    fixed |= {w for w, _ in entries if len(w) <= 2 and LETTERS_RE.match(w)}

    words = sorted(base | set(deco) | fixed)
    for w in words:
        assert ALLOWED_RE.match(w), w

    isri_lines, snow_lines = [], []
    n_isri = n_snow = 0
    for w in words:
        s1 = isri.stem(w)
        s2 = ArabicStemmer().stemWord(w)  # fresh instance: no state carried over
        for s in (s1, s2):
            assert "\t" not in s and "\n" not in s, (w, s)
        n_isri += s1 != w
        n_snow += s2 != w
        isri_lines.append(w + "\t" + s1 + "\n")
        snow_lines.append(w + "\t" + s2 + "\n")

    files = {
        "words.txt": "".join(w + "\n" for w in words),
        "isri.tsv": "".join(isri_lines),
        "snowball.tsv": "".join(snow_lines),
    }
    for name, text in files.items():
        with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)

    kinds = {k: sum(1 for v in deco.values() if v == k) for k in ("harakat", "tatweel", "both")}
    print("nltk %s, snowballstemmer %s" % (versions["nltk"], versions["snowballstemmer"]))
    print("dictionary entries: %d" % len(entries))
    print("words: %d (base %d, decorated %d [harakat %d, tatweel %d, both %d], fixed %d)"
          % (len(words), len(base), len(deco), kinds["harakat"], kinds["tatweel"],
             kinds["both"], len(fixed)))
    print("ISRI stem differs from word: %d" % n_isri)
    print("Snowball stem differs from word: %d" % n_snow)
    for name, text in files.items():
        print("%s  %s  %d bytes" % (hashlib.sha256(text.encode("utf-8")).hexdigest(),
                                    name, len(text.encode("utf-8"))))


if __name__ == "__main__":
    main()
