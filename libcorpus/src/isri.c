/* The ISRI stemmer (Taghva, Elkhoury & Coombs 2005) exactly as NLTK 3.8's
 * nltk.stem.isri.ISRIStemmer implements it, with its stop words, its extra pattern تفاعيل and
 * its three-letter suffix list (ALGORITHMS.md 2.4).  Lengths are in code points; all matching is
 * exact.  The steps and their order follow ISRIStemmer.stem().
 * SPDX-License-Identifier: MIT */
#include <string.h>

#include "stem-private.h"

#define ALEF 0x0627
#define ALEF_MADDA 0x0622
#define ALEF_HAMZA_ABOVE 0x0623
#define ALEF_HAMZA_BELOW 0x0625
#define YEH_HAMZA 0x0626
#define TEH_MARBUTA 0x0629
#define TEH 0x062A
#define SEEN 0x0633
#define KAF 0x0643
#define LAM 0x0644
#define MEEM 0x0645
#define NOON 0x0646
#define HEH 0x0647
#define WAW 0x0648
#define YEH 0x064A

/* The word being stemmed (at most a token's length; stems only shrink it). */
typedef struct {
    gunichar *c;
    size_t n;
} Word;

/* Lists of affixes of one length, as code point strings (0-terminated). */
static const gunichar P3[][4] = {{KAF, ALEF, LAM, 0}, {0x0628, ALEF, LAM, 0},
                                 {WAW, LAM, LAM, 0},  {WAW, ALEF, LAM, 0}};
static const gunichar P2[][3] = {{ALEF, LAM, 0}, {LAM, LAM, 0}};
static const gunichar P1[] = {LAM, 0x0628, 0x0641, SEEN, WAW, YEH, TEH, NOON, ALEF, 0};
static const gunichar S3[][4] = {{TEH, MEEM, LAM, 0},  {HEH, MEEM, LAM, 0}, {TEH, ALEF, NOON, 0},
                                 {TEH, YEH, NOON, 0},  {KAF, MEEM, LAM, 0}};
static const gunichar S2[][3] = {
    {WAW, NOON, 0}, {ALEF, TEH, 0}, {ALEF, NOON, 0}, {YEH, NOON, 0}, {TEH, NOON, 0}, {KAF, MEEM, 0},
    {HEH, NOON, 0}, {NOON, ALEF, 0}, {YEH, ALEF, 0}, {HEH, ALEF, 0}, {TEH, MEEM, 0}, {KAF, NOON, 0},
    {NOON, YEH, 0}, {WAW, ALEF, 0}, {MEEM, ALEF, 0}, {HEH, MEEM, 0},
};
static const gunichar S1[] = {TEH_MARBUTA, HEH, YEH, KAF, TEH, ALEF, NOON, 0};

/* NLTK's 49 stop words (returned unstemmed). */
static const char *const stop_words[] = {
    "يكون", "وليس",  "وكان",  "كذلك",   "التي",   "وبين",   "عليها", "مساء",   "الذي",
    "وكانت", "ولكن", "والتي", "تكون",   "اليوم",  "اللذين", "عليه",  "كانت",   "لذلك",
    "أمام",  "هناك", "منها",  "مازال",  "لازال",  "لايزال", "مايزال", "اصبح",  "أصبح",
    "أمسى",  "امسى", "أضحى",  "اضحى",   "مابرح",  "مافتئ",  "ماانفك", "لاسيما", "ولايزال",
    "الحالي", "اليها", "الذين", "فانه", "والذي",  "وهذا",   "لهذا",  "فكان",   "ستكون",
    "اليه",  "يمكن", "بهذا",  "الذى",
};

static size_t slen(const gunichar *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

static gboolean in_set(gunichar c, const gunichar *set)
{
    for (; *set; set++)
        if (*set == c)
            return TRUE;
    return FALSE;
}

static gboolean starts(const Word *w, const gunichar *a)
{
    size_t k = slen(a);
    return w->n >= k && memcmp(w->c, a, k * sizeof(gunichar)) == 0;
}

static gboolean ends(const Word *w, const gunichar *a)
{
    size_t k = slen(a);
    return w->n >= k && memcmp(w->c + w->n - k, a, k * sizeof(gunichar)) == 0;
}

/* Keep w[from..to) (Python word[from:to]). */
static void keep(Word *w, size_t from, size_t to)
{
    memmove(w->c, w->c + from, (to - from) * sizeof(gunichar));
    w->n = to - from;
}

/* Make the word the code points at the given positions (all < n, read before writing). */
static void pick(Word *w, int count, const int *pos)
{
    gunichar tmp[4];
    for (int i = 0; i < count; i++)
        tmp[i] = w->c[pos[i]];
    memcpy(w->c, tmp, (size_t)count * sizeof(gunichar));
    w->n = (size_t)count;
}

#define PICK(w, ...)                                                                             \
    do {                                                                                         \
        const int pos_[] = {__VA_ARGS__};                                                        \
        pick((w), (int)G_N_ELEMENTS(pos_), pos_);                                                \
    } while (0)

/* The stop words as code points, made once. */
static gunichar stop_cps[G_N_ELEMENTS(stop_words)][8];
static guint8 stop_len[G_N_ELEMENTS(stop_words)];

static gpointer decode_stop_words(gpointer unused)
{
    (void)unused;
    for (size_t i = 0; i < G_N_ELEMENTS(stop_words); i++) {
        const char *p = stop_words[i];
        size_t k = 0;
        for (; *p && k < 8; p = g_utf8_next_char(p))
            stop_cps[i][k++] = g_utf8_get_char(p);
        stop_len[i] = (guint8)k;
    }
    return NULL;
}

static gboolean is_stop_word(const Word *w)
{
    static GOnce once = G_ONCE_INIT;

    g_once(&once, decode_stop_words, NULL);
    if (w->n < 4 || w->n > 8)
        return FALSE; /* every stop word has four to seven letters */
    for (size_t i = 0; i < G_N_ELEMENTS(stop_words); i++)
        if (stop_len[i] == w->n && memcmp(stop_cps[i], w->c, w->n * sizeof(gunichar)) == 0)
            return TRUE;
    return FALSE;
}

static void pre32(Word *w)
{
    if (w->n >= 6)
        for (size_t i = 0; i < G_N_ELEMENTS(P3); i++)
            if (starts(w, P3[i])) {
                keep(w, 3, w->n);
                return;
            }
    if (w->n >= 5)
        for (size_t i = 0; i < G_N_ELEMENTS(P2); i++)
            if (starts(w, P2[i])) {
                keep(w, 2, w->n);
                return;
            }
}

static void suf32(Word *w)
{
    if (w->n >= 6)
        for (size_t i = 0; i < G_N_ELEMENTS(S3); i++)
            if (ends(w, S3[i])) {
                w->n -= 3;
                return;
            }
    if (w->n >= 5)
        for (size_t i = 0; i < G_N_ELEMENTS(S2); i++)
            if (ends(w, S2[i])) {
                w->n -= 2;
                return;
            }
}

static void suf1(Word *w)
{
    if (w->n > 0 && in_set(w->c[w->n - 1], S1))
        w->n--;
}

static void pre1(Word *w)
{
    if (w->n > 0 && in_set(w->c[0], P1))
        keep(w, 1, w->n);
}

static void pro_w4(Word *w)
{
    const gunichar *c = w->c;
    static const gunichar avy[] = {ALEF, WAW, YEH, 0};

    if (c[0] == MEEM)
        keep(w, 1, 4); /* مفعل */
    else if (c[1] == ALEF)
        PICK(w, 0, 2, 3); /* فاعل */
    else if (in_set(c[2], avy))
        PICK(w, 0, 1, 3); /* فعال فعول فعيل */
    else if (c[3] == TEH_MARBUTA)
        w->n = 3; /* فعلة */
    else {
        suf1(w);
        if (w->n == 4)
            pre1(w);
    }
}

static void pro_w53(Word *w)
{
    const gunichar *c = w->c;
    static const gunichar at[] = {ALEF, TEH, 0}, ayw[] = {ALEF, YEH, WAW, 0},
                          atm[] = {ALEF, TEH, MEEM, 0}, myt[] = {MEEM, YEH, TEH, 0},
                          mt[] = {MEEM, TEH, 0}, aw[] = {ALEF, WAW, 0}, am[] = {ALEF, MEEM, 0};

    if (in_set(c[2], at) && c[0] == ALEF)
        PICK(w, 1, 3, 4); /* افتعل افاعل */
    else if (in_set(c[3], ayw) && c[0] == MEEM)
        PICK(w, 1, 2, 4); /* مفعول مفعال مفعيل */
    else if (in_set(c[0], atm) && c[4] == TEH_MARBUTA)
        keep(w, 1, 4); /* مفعلة تفعلة افعلة */
    else if (in_set(c[0], myt) && c[2] == TEH)
        PICK(w, 1, 3, 4); /* مفتعل يفتعل تفتعل */
    else if (in_set(c[0], mt) && c[2] == ALEF)
        PICK(w, 1, 3, 4); /* مفاعل تفاعل */
    else if (in_set(c[2], aw) && c[4] == TEH_MARBUTA)
        PICK(w, 0, 1, 3); /* فعولة فعالة */
    else if (in_set(c[0], am) && c[1] == NOON)
        keep(w, 2, 5); /* انفعل منفعل */
    else if (c[3] == ALEF && c[0] == ALEF)
        PICK(w, 1, 2, 4); /* افعال */
    else if (c[4] == NOON && c[3] == ALEF)
        w->n = 3; /* فعلان */
    else if (c[3] == YEH && c[0] == TEH)
        PICK(w, 1, 2, 4); /* تفعيل */
    else if (c[3] == WAW && c[1] == ALEF)
        PICK(w, 0, 2, 4); /* فاعول */
    else if (c[2] == ALEF && c[1] == WAW)
        PICK(w, 0, 3, 4); /* فواعل */
    else if (c[3] == YEH_HAMZA && c[2] == ALEF)
        PICK(w, 0, 1, 4); /* فعائل */
    else if (c[4] == TEH_MARBUTA && c[1] == ALEF)
        PICK(w, 0, 2, 3); /* فاعلة */
    else if (c[4] == YEH && c[2] == ALEF)
        PICK(w, 0, 1, 3); /* فعالي */
    else {
        suf1(w);
        if (w->n == 5)
            pre1(w);
    }
}

static void pro_w54(Word *w)
{
    static const gunichar atm[] = {ALEF, TEH, MEEM, 0};

    if (in_set(w->c[0], atm))
        keep(w, 1, 5); /* تفعلل افعلل مفعلل */
    else if (w->c[4] == TEH_MARBUTA)
        w->n = 4; /* فعللة */
    else if (w->c[2] == ALEF)
        PICK(w, 0, 1, 3, 4); /* فعالل */
}

static void end_w5(Word *w)
{
    if (w->n == 4)
        pro_w4(w);
    else if (w->n == 5)
        pro_w54(w);
}

static void pro_w6(Word *w)
{
    static const gunichar ast[] = {ALEF, SEEN, TEH, 0}, mst[] = {MEEM, SEEN, TEH, 0};
    const gunichar *c = w->c;

    if (starts(w, ast) || starts(w, mst))
        keep(w, 3, 6); /* مستفعل استفعل */
    else if (c[0] == MEEM && c[3] == ALEF && c[5] == TEH_MARBUTA)
        PICK(w, 1, 2, 4); /* مفعالة */
    else if (c[0] == ALEF && c[2] == TEH && c[4] == ALEF)
        PICK(w, 1, 3, 5); /* افتعال */
    else if (c[0] == ALEF && c[3] == WAW && c[2] == c[4])
        PICK(w, 1, 4, 5); /* افعوعل */
    else if (c[0] == TEH && c[2] == ALEF && c[4] == YEH)
        PICK(w, 1, 3, 5); /* تفاعيل */
    else {
        suf1(w);
        if (w->n == 6)
            pre1(w);
    }
}

static void pro_w64(Word *w)
{
    static const gunichar mt[] = {MEEM, TEH, 0};

    if (w->c[0] == ALEF && w->c[4] == ALEF)
        PICK(w, 1, 2, 3, 5); /* افعلال */
    else if (starts(w, mt))
        keep(w, 2, 6); /* متفعلل */
}

static void end_w6(Word *w)
{
    if (w->n == 5) {
        pro_w53(w);
        end_w5(w);
    } else if (w->n == 6) {
        pro_w64(w);
    }
}

void corpus_stem_isri(gunichar *chars, size_t *np)
{
    Word w = {chars, 0};

    /* norm(word, 1): delete the short vowels U+064B-0652. */
    for (size_t i = 0; i < *np; i++)
        if (chars[i] < 0x064B || chars[i] > 0x0652)
            chars[w.n++] = chars[i];
    if (is_stop_word(&w)) {
        *np = w.n;
        return;
    }
    pre32(&w);
    suf32(&w);
    /* waw: a connective و before a word that starts with و. */
    if (w.n >= 4 && w.c[0] == WAW && w.c[1] == WAW)
        keep(&w, 1, w.n);
    /* norm(word, 2): an initial آ أ إ becomes ا. */
    if (w.n > 0 && (w.c[0] == ALEF_MADDA || w.c[0] == ALEF_HAMZA_ABOVE ||
                    w.c[0] == ALEF_HAMZA_BELOW))
        w.c[0] = ALEF;
    switch (w.n) {
    case 4:
        pro_w4(&w);
        break;
    case 5:
        pro_w53(&w);
        end_w5(&w);
        break;
    case 6:
        pro_w6(&w);
        end_w6(&w);
        break;
    case 7:
        suf1(&w);
        if (w.n == 7)
            pre1(&w);
        if (w.n == 6) {
            pro_w6(&w);
            end_w6(&w);
        }
        break;
    default:
        break;
    }
    *np = w.n;
}
