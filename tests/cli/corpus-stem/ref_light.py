#!/usr/bin/env python3
"""Independent reference for the Light10 and Light8 stemmers, for checking the expected
outputs of the corpus-stem golden cases.

Written from ALGORITHMS.md section 2.1 (Light10, after Lemur/Indri arabic_light10) and 2.2
(Light8 = Light10 without the article لل); it shares no code with libcorpus.
Lengths are counted in code points, after the normalization of step 1.

Usage: ref_light.py [--light8] < WORDS    one word per line in, its stem per line out
                                           (an empty line when the stem is empty)
       ref_light.py --self-test            the worked examples of ALGORITHMS.md 2.1
SPDX-License-Identifier: MIT
"""
import sys

# Step 1, Lemur's arabic_norm2 (ALGORITHMS.md 1.10): outside U+0600-06FF keep; inside, keep
# the letters of the table (three of them mapped) and delete everything else.
_EXTRA = {0x067E, 0x0679, 0x0686, 0x0698, 0x0688, 0x06AF, 0x06A9, 0x0691, 0x06BA, 0x06BE,
          0x06C1}
_MAP = {"\u0622": "\u0627", "\u0623": "\u0627", "\u0625": "\u0627",  # آ أ إ -> ا
        "\u0629": "\u0647",                                            # ة -> ه
        "\u0649": "\u064A"}                                            # ى -> ي


def norm2(word):
    out = []
    for ch in word:
        c = ord(ch)
        if c < 0x0600 or c > 0x06FF:
            out.append(ch)
        elif 0x0621 <= c <= 0x063A or 0x0641 <= c <= 0x064A or c in _EXTRA:
            out.append(_MAP.get(ch, ch))
        # else: deleted (marks, tatweel, Arabic digits and punctuation, ...)
    return "".join(out)


ARTICLES_LIGHT10 = ["ال", "وال", "بال", "كال", "فال", "لل"]
ARTICLES_LIGHT8 = ARTICLES_LIGHT10[:-1]
SUFFIXES = ["ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي"]


def stem(word, light8=False):
    w = norm2(word)
    # Step 3: a leading waw when the word is longer than 3.
    if len(w) > 3 and w.startswith("و"):
        w = w[1:]
    # Step 4: the first article in list order that leaves at least 2 letters; at most one.
    for a in (ARTICLES_LIGHT8 if light8 else ARTICLES_LIGHT10):
        if w.startswith(a) and len(w) > len(a) + 1:
            w = w[len(a):]
            break
    # Step 5: one pass over the suffixes, each removed while at least 2 letters remain.
    if len(w) > 2:
        for s in SUFFIXES:
            if w.endswith(s) and len(w) > len(s) + 1:
                w = w[:-len(s)]
    return w


# ALGORITHMS.md 2.1, "Worked examples"; Light8 differs on وللمدرسة (لل is not an article).
EXAMPLES = [
    ("الكتاب", "كتاب", "كتاب"),
    ("والمكتبة", "مكتب", "مكتب"),
    ("وللمدرسة", "مدرس", "للمدرس"),
    ("وبالقلم", "قلم", "قلم"),
    ("عمليات", "عمل", "عمل"),
    ("معلمين", "معلم", "معلم"),
    ("وحيد", "حيد", "حيد"),
    ("وله", "ول", "ول"),
    ("أحمد", "احمد", "احمد"),
]


def self_test():
    bad = 0
    for word, l10, l8 in EXAMPLES:
        for light8, want in ((False, l10), (True, l8)):
            got = stem(word, light8)
            if got != want:
                print("ref_light.py: %s %s -> %s, expected %s"
                      % ("light8" if light8 else "light10", word, got, want), file=sys.stderr)
                bad = 1
    return bad


def main(argv):
    if argv == ["--self-test"]:
        return self_test()
    if argv not in ([], ["--light8"]):
        print(__doc__.split("\n\n")[2].split("\nSPDX")[0], file=sys.stderr)
        return 2
    light8 = argv == ["--light8"]
    data = sys.stdin.buffer.read().decode("utf-8")
    lines = data.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    sys.stdout.buffer.write("".join(stem(w, light8) + "\n" for w in lines).encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
