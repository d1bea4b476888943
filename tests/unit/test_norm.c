/* Unit tests of norm: --norm parsing, the code point sets of every step (ALGORITHMS.md 1.3-1.10),
 * NFKC and case folding through utf8proc, the fixed point, and byte-for-byte copying of
 * untouched text.
 * SPDX-License-Identifier: MIT */
#include <string.h>

#include <utf8proc.h>

#include <corpus/norm.h>
#include <corpus/utf8.h>

#include "norm-private.h"
#include "unit.h"

/* ---- Helpers --------------------------------------------------------------------------- */

static GHashTable *norms;          /* flags -> CorpusNorm, made once each */
static CorpusNormScratch *scratch; /* shared by every test (single thread) */

static const CorpusNorm *get_norm(CorpusNormFlags flags)
{
    CorpusNorm *n = g_hash_table_lookup(norms, GUINT_TO_POINTER(flags + 1));

    if (!n) {
        n = corpus_norm_new(flags);
        g_hash_table_insert(norms, GUINT_TO_POINTER(flags + 1), n);
    }
    return n;
}

/* Normalize s[0..len) into out (reset first); returns corpus_norm_apply's result. */
static gboolean normalize(CorpusNormFlags flags, const char *s, size_t len, CorpusBuf *out)
{
    out->len = 0;
    return corpus_norm_apply(get_norm(flags), scratch, s, len, out);
}

static void check_norm(CorpusNormFlags flags, const char *in, const char *want, unsigned line)
{
    CorpusBuf out = CORPUS_BUF_INIT;
    g_autofree char *desc = corpus_norm_describe(flags);
    g_autofree char *in_text = unit_escape(in, strlen(in));
    g_autofree char *what = g_strdup_printf("--norm=%s of %s", desc, in_text);
    gboolean changed = normalize(flags, in, strlen(in), &out);

    unit_assert_mem(out.data, out.len, want, strlen(want), what, line, __FILE__, "check_norm");
    /* The result says whether the text changed. */
    unit_assert_i64(changed, strcmp(in, want) != 0, what, line, __FILE__, "check_norm");
    corpus_buf_clear(&out);
}

#define NORM(flags, in, want) check_norm((flags), (in), (want), __LINE__)

/* UTF-8 of one code point, NUL-terminated, in a static ring of buffers. */
static const char *u8(gunichar c)
{
    static char ring[8][8];
    static guint next;
    char *b = ring[next++ % 8];
    int n = corpus_utf8_encode(c, b);
    b[n] = '\0';
    return b;
}

/* "ب" c "ت": a code point between two Arabic letters that no step touches. */
static char *between(gunichar c)
{
    return g_strdup_printf("\u0628%s\u062A", u8(c));
}

typedef struct {
    gunichar lo, hi;
} Range;

static gboolean in_ranges(const Range *r, size_t n, gunichar c)
{
    for (size_t i = 0; i < n; i++)
        if (c >= r[i].lo && c <= r[i].hi)
            return TRUE;
    return FALSE;
}

/* ALGORITHMS.md 1.3 and 1.10: the diacritics step deletes the Arabic harakat, shadda, sukun,
 * U+0653-065F, the dagger alef, the honorifics and Quranic marks, and the Mn ranges of Arabic
 * Extended-A and -B.  Not U+06DD (Cf), U+06DE and U+06E9 (So), U+06E5-06E6 (Lm), U+08E2 (Cf). */
static const Range diacritics[] = {
    {0x0610, 0x061A}, {0x064B, 0x065F}, {0x0670, 0x0670}, {0x06D6, 0x06DC}, {0x06DF, 0x06E4},
    {0x06E7, 0x06E8}, {0x06EA, 0x06ED}, {0x0898, 0x089F}, {0x08CA, 0x08E1}, {0x08E3, 0x08FF},
};

/* ALGORITHMS.md 1.9 (recommendation): the bidi step deletes ZWNJ, ZWJ, LRM, RLM, ALM, the
 * embeddings and overrides U+202A-202E, the isolates U+2066-2069 and U+FEFF.  ZWSP U+200B and
 * WORD JOINER U+2060 stay (ZWSP would be a boundary only under a documented option). */
static const Range invisibles[] = {
    {0x061C, 0x061C}, {0x200C, 0x200F}, {0x202A, 0x202E}, {0x2066, 0x2069}, {0xFEFF, 0xFEFF},
};

/* Unicode White_Space (PropList.txt), plus NUL and U+001C-001F as Python's str.split. */
static const Range spaces[] = {
    {0x0000, 0x0000}, {0x0009, 0x000D}, {0x001C, 0x001F}, {0x0020, 0x0020},
    {0x0085, 0x0085}, {0x00A0, 0x00A0}, {0x1680, 0x1680}, {0x2000, 0x200A},
    {0x2028, 0x2029}, {0x202F, 0x202F}, {0x205F, 0x205F}, {0x3000, 0x3000},
};

/* ---- Parsing and describing ------------------------------------------------------------ */

static void test_parse(void)
{
    static const struct {
        const char *spec;
        CorpusNormFlags flags;
    } good[] = {
        {"none", CORPUS_NORM_NONE},
        {"basic", CORPUS_NORM_BASIC},
        {"search", CORPUS_NORM_SEARCH},
        {"nfkc", CORPUS_NORM_NFKC},
        {"diacritics", CORPUS_NORM_DIACRITICS},
        {"tatweel", CORPUS_NORM_TATWEEL},
        {"alef", CORPUS_NORM_ALEF},
        {"yeh", CORPUS_NORM_YEH},
        {"teh", CORPUS_NORM_TEH},
        {"hamza", CORPUS_NORM_HAMZA},
        {"digits", CORPUS_NORM_DIGITS},
        {"lower", CORPUS_NORM_LOWER},
        {"bidi", CORPUS_NORM_BIDI},
        {"basic,alef", CORPUS_NORM_BASIC | CORPUS_NORM_ALEF},
        {"alef,yeh,teh", CORPUS_NORM_ALEF | CORPUS_NORM_YEH | CORPUS_NORM_TEH},
        {"none,digits", CORPUS_NORM_DIGITS},
        {"search,none", CORPUS_NORM_SEARCH},
        {"basic,search", CORPUS_NORM_SEARCH},
        {"lower,lower", CORPUS_NORM_LOWER},
        /* The union of the steps of basic with the extra steps of search is search. */
        {"nfkc,diacritics,tatweel,bidi,alef,yeh,teh,hamza,digits,lower", CORPUS_NORM_SEARCH},
    };
    static const char *const bad[] = {
        "",     "foo",         "basic,", ",basic",    "Basic", "basic, alef",
        "nfkd", "basic,,alef", "NONE",   "diacritic", " none", "all",
    };

    /* The profiles of DESIGN.md. */
    UNIT_ASSERT_INT(CORPUS_NORM_BASIC, CORPUS_NORM_NFKC | CORPUS_NORM_DIACRITICS |
                                           CORPUS_NORM_TATWEEL | CORPUS_NORM_BIDI);
    UNIT_ASSERT_INT(CORPUS_NORM_SEARCH, CORPUS_NORM_BASIC | CORPUS_NORM_ALEF | CORPUS_NORM_YEH |
                                            CORPUS_NORM_TEH | CORPUS_NORM_HAMZA |
                                            CORPUS_NORM_DIGITS | CORPUS_NORM_LOWER);

    for (guint i = 0; i < G_N_ELEMENTS(good); i++) {
        CorpusNormFlags f = (CorpusNormFlags)0x7FFF;
        GError *error = NULL;
        gboolean ok = corpus_norm_parse(good[i].spec, &f, &error);
        unit_assert_i64(ok, TRUE, good[i].spec, __LINE__, __FILE__, __func__);
        unit_assert_i64(f, good[i].flags, good[i].spec, __LINE__, __FILE__, __func__);
        g_clear_error(&error);
    }
    for (guint i = 0; i < G_N_ELEMENTS(bad); i++) {
        CorpusNormFlags f = CORPUS_NORM_TEH;
        GError *error = NULL;
        g_autofree char *what = g_strdup_printf("--norm='%s' is refused", bad[i]);
        gboolean ok = corpus_norm_parse(bad[i], &f, &error);
        unit_assert_i64(ok, FALSE, what, __LINE__, __FILE__, __func__);
        UNIT_ASSERT_ERROR(error, CORPUS_ERROR_USAGE);
        UNIT_ASSERT_INT(f, CORPUS_NORM_TEH); /* left alone */
        g_clear_error(&error);
    }
}

static void test_describe(void)
{
    char *d;

    d = corpus_norm_describe(CORPUS_NORM_NONE);
    UNIT_ASSERT_STR(d, "none");
    g_free(d);
    d = corpus_norm_describe(CORPUS_NORM_BASIC);
    UNIT_ASSERT_STR(d, "nfkc,diacritics,tatweel,bidi");
    g_free(d);
    d = corpus_norm_describe(CORPUS_NORM_SEARCH);
    UNIT_ASSERT_STR(d, "nfkc,diacritics,tatweel,alef,yeh,teh,hamza,digits,lower,bidi");
    g_free(d);
    d = corpus_norm_describe(CORPUS_NORM_BIDI | CORPUS_NORM_ALEF);
    UNIT_ASSERT_STR(d, "alef,bidi");
    g_free(d);

    /* Every set of steps reads back from its description. */
    guint64 bad = 0;
    for (guint f = 0; f < 1024; f++) {
        CorpusNormFlags back = (CorpusNormFlags)0xFFFF;
        d = corpus_norm_describe((CorpusNormFlags)f);
        if (!corpus_norm_parse(d, &back, NULL) || back != (CorpusNormFlags)f)
            bad++;
        g_free(d);
    }
    UNIT_ASSERT_INT(bad, 0);

    UNIT_ASSERT_INT(corpus_norm_flags(get_norm(CORPUS_NORM_SEARCH)), CORPUS_NORM_SEARCH);
}

/* ---- The shared character predicates --------------------------------------------------- */

static void test_predicates(void)
{
    guint64 bad_diac = 0, bad_inv = 0, bad_space = 0, bad_mn = 0;

    for (gunichar c = 0; c <= 0x10FFFF; c++) {
        if (corpus_norm_is_diacritic(c) != in_ranges(diacritics, G_N_ELEMENTS(diacritics), c))
            bad_diac++;
        if (corpus_norm_is_invisible(c) != in_ranges(invisibles, G_N_ELEMENTS(invisibles), c))
            bad_inv++;
        if (corpus_norm_is_space(c) != in_ranges(spaces, G_N_ELEMENTS(spaces), c))
            bad_space++;
    }
    /* The table agrees with the general categories (Unicode 15, ALGORITHMS.md 1.1): in the
     * Arabic block exactly the Mn characters are deleted; every deleted one is Mn. */
    for (gunichar c = 0x0600; c <= 0x08FF; c++) {
        gboolean mn = utf8proc_category((utf8proc_int32_t)c) == UTF8PROC_CATEGORY_MN;
        gboolean listed = in_ranges(diacritics, G_N_ELEMENTS(diacritics), c);
        if ((listed && !mn) || (c <= 0x06FF && mn != listed))
            bad_mn++;
    }
    UNIT_ASSERT_INT(bad_diac, 0);
    UNIT_ASSERT_INT(bad_inv, 0);
    UNIT_ASSERT_INT(bad_space, 0);
    UNIT_ASSERT_INT(bad_mn, 0);
}

/* ---- Steps ----------------------------------------------------------------------------- */

static void test_diacritics(void)
{
    guint64 bad = 0;

    /* Every code point of the set, between two letters, under the step alone and in basic. */
    for (guint r = 0; r < G_N_ELEMENTS(diacritics); r++) {
        for (gunichar c = diacritics[r].lo; c <= diacritics[r].hi; c++) {
            g_autofree char *in = between(c);
            CorpusBuf out = CORPUS_BUF_INIT;
            if (!normalize(CORPUS_NORM_DIACRITICS, in, strlen(in), &out) || out.len != 4 ||
                memcmp(out.data, "\u0628\u062A", 4) != 0)
                bad++;
            if (!normalize(CORPUS_NORM_BASIC, in, strlen(in), &out) || out.len != 4 ||
                memcmp(out.data, "\u0628\u062A", 4) != 0)
                bad++;
            /* Untouched without the step. */
            if (normalize(CORPUS_NORM_NONE, in, strlen(in), &out) || out.len != strlen(in))
                bad++;
            corpus_buf_clear(&out);
        }
    }
    UNIT_ASSERT_INT(bad, 0);

    /* Fully vowelled text. */
    NORM(CORPUS_NORM_DIACRITICS, "\u0643\u064E\u062A\u064E\u0628\u064E", "\u0643\u062A\u0628");
    NORM(CORPUS_NORM_BASIC, "\u0645\u064F\u062D\u064E\u0645\u0651\u064E\u062F\u064C",
         "\u0645\u062D\u0645\u062F");
    /* Dagger alef: هٰذا -> هذا. */
    NORM(CORPUS_NORM_BASIC, "\u0647\u0670\u0630\u0627", "\u0647\u0630\u0627");
    /* A mark with no base (after a space, or first). */
    NORM(CORPUS_NORM_BASIC, "\u064E", "");
    NORM(CORPUS_NORM_DIACRITICS, "a \u0651b", "a b");

    /* Neighbours that are not marks stay: end of ayah (Cf), rub el hizb (So), small waw and
     * yeh (Lm), place of sajdah (So), disputed end of ayah U+08E2 (Cf), high hamza U+0674. */
    static const gunichar keep[] = {0x06DD, 0x06DE, 0x06E5, 0x06E6, 0x06E9, 0x08E2,
                                    0x0674, 0x0621, 0x0640, 0x060C, 0x061F, 0x0660};
    for (guint i = 0; i < G_N_ELEMENTS(keep); i++) {
        g_autofree char *in = between(keep[i]);
        NORM(CORPUS_NORM_DIACRITICS, in, in);
    }
}

/* أ إ آ ؤ ئ keep their hamza and madda: the step deletes marks from composed text. */
static void test_diacritics_keep_hamza(void)
{
    static const char *const composed[] = {
        "\u0623",
        "\u0625",
        "\u0622",
        "\u0624",
        "\u0626",
        "\u0623\u062D\u0645\u062F",       /* أحمد */
        "\u0625\u0644\u0649",             /* إلى */
        "\u0622\u062E\u0631",             /* آخر */
        "\u0645\u0633\u0624\u0648\u0644", /* مسؤول */
        "\u0633\u0627\u0626\u0644",       /* سائل */
    };
    for (guint i = 0; i < G_N_ELEMENTS(composed); i++) {
        NORM(CORPUS_NORM_DIACRITICS, composed[i], composed[i]);
        NORM(CORPUS_NORM_BASIC, composed[i], composed[i]);
        NORM(CORPUS_NORM_NFKC, composed[i], composed[i]);
    }

    /* Decomposed forms (ALGORITHMS.md 1.5): NFC composes them before marks are deleted. */
    NORM(CORPUS_NORM_BASIC, "\u0627\u0654", "\u0623");
    NORM(CORPUS_NORM_BASIC, "\u0627\u0655", "\u0625");
    NORM(CORPUS_NORM_BASIC, "\u0627\u0653", "\u0622");
    NORM(CORPUS_NORM_BASIC, "\u0648\u0654", "\u0624");
    NORM(CORPUS_NORM_BASIC, "\u064A\u0654", "\u0626");
    NORM(CORPUS_NORM_BASIC, "\u06D5\u0654", "\u06C0");
    NORM(CORPUS_NORM_BASIC, "\u0633\u0627\u064A\u0654\u0644", "\u0633\u0627\u0626\u0644");
    /* A fatha (ccc 30) between alef and hamza above (ccc 230) does not block the composition;
     * then the fatha goes. */
    NORM(CORPUS_NORM_BASIC, "\u0627\u064E\u0654", "\u0623");
    /* Nothing composes with ب: the stray hamza is a mark like the others. */
    NORM(CORPUS_NORM_BASIC, "\u0628\u0654", "\u0628");
    NORM(CORPUS_NORM_BASIC, "\u0647\u0654", "\u0647");

    /* The same with the diacritics step alone: ALGORITHMS.md 1.10 defines it as deleting the
     * marks "after NFC", and 1.5 shows that deleting them from decomposed text turns أ into ا.
     * Decomposed أ must stay أ. */
    NORM(CORPUS_NORM_DIACRITICS, "\u0627\u0654", "\u0623");
    NORM(CORPUS_NORM_DIACRITICS, "\u0648\u0654", "\u0624");
}

static void test_tatweel(void)
{
    NORM(CORPUS_NORM_TATWEEL, "\u0643\u062A\u0640\u0640\u0640\u0627\u0628",
         "\u0643\u062A\u0627\u0628");
    NORM(CORPUS_NORM_TATWEEL, "\u0640", "");
    NORM(CORPUS_NORM_NONE, "\u0640", "\u0640");
    NORM(CORPUS_NORM_DIACRITICS, "\u0640", "\u0640");
    /* Only U+0640: not NKo lajanyalan U+07FA, not the letters around it. */
    static const gunichar keep[] = {0x07FA, 0x063F, 0x0641, 0x06E5};
    for (guint i = 0; i < G_N_ELEMENTS(keep); i++) {
        g_autofree char *in = between(keep[i]);
        NORM(CORPUS_NORM_TATWEEL, in, in);
    }
    /* NFKC makes tatweel from medial harakat (U+FE71 -> 0640 064B, U+FE77 -> 0640 064E). */
    NORM(CORPUS_NORM_NFKC, "\uFE71", "\u0640\u064B");
    NORM(CORPUS_NORM_NFKC, "\uFE77", "\u0640\u064E");
    NORM(CORPUS_NORM_BASIC, "\u0628\uFE77", "\u0628");
}

static void test_alef_yeh_teh_hamza(void)
{
    /* alef: U+0622 U+0623 U+0625 U+0671 -> U+0627. */
    static const gunichar alefs[] = {0x0622, 0x0623, 0x0625, 0x0671};
    for (guint i = 0; i < G_N_ELEMENTS(alefs); i++) {
        g_autofree char *in = between(alefs[i]);
        NORM(CORPUS_NORM_ALEF, in, "\u0628\u0627\u062A");
        NORM(CORPUS_NORM_NONE, in, in);
    }
    /* Not the other alefs: wavy hamza above U+0672, below U+0673, high hamza alef U+0675. */
    static const gunichar not_alefs[] = {0x0672, 0x0673, 0x0675, 0x0627, 0x0621, 0x0649};
    for (guint i = 0; i < G_N_ELEMENTS(not_alefs); i++) {
        g_autofree char *in = between(not_alefs[i]);
        NORM(CORPUS_NORM_ALEF, in, in);
    }
    NORM(CORPUS_NORM_ALEF, "\u0623\u062D\u0645\u062F", "\u0627\u062D\u0645\u062F");
    /* ٱلْحَمْدُ under search: wasla and marks. */
    NORM(CORPUS_NORM_SEARCH, "\u0671\u0644\u0652\u062D\u064E\u0645\u0652\u062F\u064F",
         "\u0627\u0644\u062D\u0645\u062F");

    /* yeh: U+0649 -> U+064A only. */
    NORM(CORPUS_NORM_YEH, "\u0639\u0644\u0649", "\u0639\u0644\u064A");
    static const gunichar not_yeh[] = {0x06CC, 0x064A, 0x0626, 0x06D2, 0x0620};
    for (guint i = 0; i < G_N_ELEMENTS(not_yeh); i++) {
        g_autofree char *in = between(not_yeh[i]);
        NORM(CORPUS_NORM_YEH, in, in);
    }

    /* teh: U+0629 -> U+0647 only. */
    NORM(CORPUS_NORM_TEH, "\u0645\u062F\u0631\u0633\u0629", "\u0645\u062F\u0631\u0633\u0647");
    static const gunichar not_teh[] = {0x06C3, 0x062A, 0x06D5, 0x0647};
    for (guint i = 0; i < G_N_ELEMENTS(not_teh); i++) {
        g_autofree char *in = between(not_teh[i]);
        NORM(CORPUS_NORM_TEH, in, in);
    }

    /* hamza: U+0624 -> U+0648, U+0626 -> U+064A. */
    NORM(CORPUS_NORM_HAMZA, "\u0645\u0633\u0624\u0648\u0644", "\u0645\u0633\u0648\u0648\u0644");
    NORM(CORPUS_NORM_HAMZA, "\u0633\u0627\u0626\u0644", "\u0633\u0627\u064A\u0644");
    static const gunichar not_hamza[] = {0x0621, 0x0623, 0x0625, 0x06C2, 0x06D3, 0x0654};
    for (guint i = 0; i < G_N_ELEMENTS(not_hamza); i++) {
        g_autofree char *in = between(not_hamza[i]);
        NORM(CORPUS_NORM_HAMZA, in, in);
    }
}

static void test_digits(void)
{
    NORM(CORPUS_NORM_DIGITS, "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669",
         "0123456789");
    NORM(CORPUS_NORM_DIGITS, "\u06F0\u06F1\u06F2\u06F3\u06F4\u06F5\u06F6\u06F7\u06F8\u06F9",
         "0123456789");
    /* The Arabic decimal and thousands separators go with the digits (٣٫٥ -> 3.5); the
     * Arabic comma, also used between digits, is punctuation and stays. */
    NORM(CORPUS_NORM_DIGITS, "\u0663\u066B\u0665", "3.5");
    NORM(CORPUS_NORM_DIGITS, "\u0661\u066C\u0660\u0660\u0660", "1,000");
    NORM(CORPUS_NORM_DIGITS, "\u0661\u060C\u0665", "1\u060C5");
    NORM(CORPUS_NORM_BASIC, "\u0663\u066B\u0665", "\u0663\u066B\u0665");
    NORM(CORPUS_NORM_NONE, "\u0663", "\u0663");
    NORM(CORPUS_NORM_BASIC, "\u0663", "\u0663"); /* NFKC does not map them */
    /* Digits of other scripts stay: NKo, Devanagari, Bengali, Mongolian, fullwidth,
     * mathematical bold. */
    static const gunichar other[] = {0x07C0, 0x0966, 0x09E6, 0x1810, 0xFF10, 0x1D7CE};
    for (guint i = 0; i < G_N_ELEMENTS(other); i++)
        NORM(CORPUS_NORM_DIGITS, u8(other[i]), u8(other[i]));
}

static void test_lower(void)
{
    NORM(CORPUS_NORM_LOWER, "ABC", "abc");
    NORM(CORPUS_NORM_LOWER, "abc", "abc");
    /* Full case folding (CaseFolding.txt status F). */
    NORM(CORPUS_NORM_LOWER, "Stra\u00DFe", "strasse");
    NORM(CORPUS_NORM_LOWER, "\u1E9E", "ss");
    NORM(CORPUS_NORM_LOWER, "\u0130", "i\u0307");
    NORM(CORPUS_NORM_LOWER, "\u03A3\u0391\u03A3", "\u03C3\u03B1\u03C3");
    NORM(CORPUS_NORM_LOWER, "\u041C\u0418\u0420", "\u043C\u0438\u0440");
    NORM(CORPUS_NORM_LOWER, "Gaza \u063A\u0632\u0629", "gaza \u063A\u0632\u0629");
    /* Without nfkc the fullwidth letter folds to the fullwidth small letter; search maps it
     * to ASCII. */
    NORM(CORPUS_NORM_LOWER, "\uFF21", "\uFF41");
    NORM(CORPUS_NORM_SEARCH, "\uFF21", "a");
    NORM(CORPUS_NORM_BASIC, "ABC", "ABC");
}

static void test_bidi(void)
{
    for (guint r = 0; r < G_N_ELEMENTS(invisibles); r++) {
        for (gunichar c = invisibles[r].lo; c <= invisibles[r].hi; c++) {
            g_autofree char *in = between(c);
            NORM(CORPUS_NORM_BIDI, in, "\u0628\u062A");
            NORM(CORPUS_NORM_BASIC, in, "\u0628\u062A");
            NORM(CORPUS_NORM_NONE, in, in);
        }
    }
    /* Around tokens and between Latin letters too. */
    NORM(CORPUS_NORM_BIDI, "\u200Fabc\u200E", "abc");
    NORM(CORPUS_NORM_BIDI, "a\u200Cb", "ab");
    /* Other format characters stay: ZWSP, word joiner, soft hyphen, function application,
     * invisible plus, Mongolian vowel separator, CGJ (Mn), Arabic number sign, end of ayah,
     * interlinear annotation anchor. */
    static const gunichar keep[] = {0x200B, 0x2060, 0x00AD, 0x2061, 0x2064,
                                    0x180E, 0x034F, 0x0600, 0x06DD, 0xFFF9};
    for (guint i = 0; i < G_N_ELEMENTS(keep); i++) {
        g_autofree char *in = between(keep[i]);
        NORM(CORPUS_NORM_BIDI, in, in);
    }
    /* A hair space is a space, not an invisible character. */
    NORM(CORPUS_NORM_BIDI, "a\u200Ab", "a\u200Ab");

    /* A ZWJ between two pictographs is part of an emoji sequence and stays (the first may
     * carry a variation selector or a skin tone); elsewhere it goes. */
    static const char *const sequences[] = {
        "\U0001F468\u200D\U0001F469\u200D\U0001F467", /* family */
        "\u2764\uFE0F\u200D\U0001F525",               /* heart on fire */
        "\U0001F469\U0001F3FD\u200D\U0001F4BB",       /* woman technologist, skin tone */
    };
    for (guint i = 0; i < G_N_ELEMENTS(sequences); i++) {
        NORM(CORPUS_NORM_BIDI, sequences[i], sequences[i]);
        NORM(CORPUS_NORM_BASIC, sequences[i], sequences[i]);
    }
    NORM(CORPUS_NORM_BASIC, "\U0001F600\u200D", "\U0001F600");
    NORM(CORPUS_NORM_BASIC, "\u200D\U0001F600", "\U0001F600");
    NORM(CORPUS_NORM_BASIC, "\U0001F600\u200Da", "\U0001F600a");
    NORM(CORPUS_NORM_BASIC, "\u0628\u200D\U0001F600", "\u0628\U0001F600");
    NORM(CORPUS_NORM_BASIC, "\U0001F600\u200C\U0001F600", "\U0001F600\U0001F600");
}

static void test_nfkc(void)
{
    static const CorpusNormFlags both[] = {CORPUS_NORM_NFKC, CORPUS_NORM_BASIC};

    for (guint k = 0; k < G_N_ELEMENTS(both); k++) {
        CorpusNormFlags f = both[k];
        /* Lam-alef ligatures FEF5-FEFC -> lam + (آ أ إ ا). */
        NORM(f, "\uFEF5", "\u0644\u0622");
        NORM(f, "\uFEF6", "\u0644\u0622");
        NORM(f, "\uFEF7", "\u0644\u0623");
        NORM(f, "\uFEF8", "\u0644\u0623");
        NORM(f, "\uFEF9", "\u0644\u0625");
        NORM(f, "\uFEFA", "\u0644\u0625");
        NORM(f, "\uFEFB", "\u0644\u0627");
        NORM(f, "\uFEFC", "\u0644\u0627");
        /* ﷲ -> الله. */
        NORM(f, "\uFDF2", "\u0627\u0644\u0644\u0647");
        /* ﷺ and ﷻ expand to several words. */
        NORM(f, "\uFDFA",
             "\u0635\u0644\u0649 \u0627\u0644\u0644\u0647 \u0639\u0644\u064A\u0647 "
             "\u0648\u0633\u0644\u0645");
        NORM(f, "\uFDFB", "\u062C\u0644 \u062C\u0644\u0627\u0644\u0647");
        /* Rial sign: with Farsi yeh U+06CC. */
        NORM(f, "\uFDFC", "\u0631\u06CC\u0627\u0644");
        /* No decomposition: bismillah ligature, tail fragment. */
        NORM(f, "\uFDFD", "\uFDFD");
        NORM(f, "\uFE73", "\uFE73");
        /* Contextual forms of letters. */
        NORM(f, "\uFE8D", "\u0627");
        NORM(f, "\uFB50", "\u0671");
        NORM(f, "\uFEE1\uFEE4", "\u0645\u0645");
        /* Arabic mathematical alef, outside the BMP. */
        NORM(f, "\U0001EE00", "\u0627");
        /* No-break and other fixed-width spaces become U+0020. */
        NORM(f, "a\u00A0b", "a b");
        NORM(f, "a\u202Fb", "a b");
        NORM(f, "a\u2007b", "a b");
        NORM(f, "a\u3000b", "a b");
        NORM(f, "\u00A0", " ");
        /* Latin compatibility forms. */
        NORM(f, "\uFB01", "fi");
        NORM(f, "\u216B", "XII");
        NORM(f, "\u2026", "...");
        NORM(f, "\uFF21", "A");
        NORM(f, "e\u0301", "\u00E9");
    }
    /* Isolated harakat: NFKC gives a space and the mark; basic then drops the mark. */
    static const gunichar isolated[] = {0xFE70, 0xFE72, 0xFE74, 0xFE76,
                                        0xFE78, 0xFE7A, 0xFE7C, 0xFE7E};
    for (guint i = 0; i < G_N_ELEMENTS(isolated); i++) {
        /* FE70 -> 064B, FE72 -> 064C, FE74 -> 064D, FE76 -> 064E, ... FE7E -> 0652. */
        g_autofree char *want = g_strdup_printf(" %s", u8(0x064B + i));
        NORM(CORPUS_NORM_NFKC, u8(isolated[i]), want);
        NORM(CORPUS_NORM_BASIC, u8(isolated[i]), " ");
    }
    /* Shadda ligature FC5E -> space, dammatan, shadda. */
    NORM(CORPUS_NORM_NFKC, "\uFC5E", " \u064C\u0651");
    NORM(CORPUS_NORM_BASIC, "\uFC5E", " ");
    /* Canonical order: shadda (ccc 33) + fatha (ccc 30) -> fatha + shadda. */
    NORM(CORPUS_NORM_NFKC, "\u0628\u0651\u064E", "\u0628\u064E\u0651");
    NORM(CORPUS_NORM_NFKC, "\u0628\u064E\u0651", "\u0628\u064E\u0651");
    NORM(CORPUS_NORM_BASIC, "\u0628\u0651\u064E", "\u0628");
    /* Without nfkc nothing of this changes. */
    NORM(CORPUS_NORM_NONE, "\uFEFB \uFDF2 a\u00A0b", "\uFEFB \uFDF2 a\u00A0b");
    NORM(CORPUS_NORM_DIACRITICS, "\uFEFB", "\uFEFB");
    /* search on top: alef wasla form, alef maksura of ﷺ, the lam-alef with hamza. */
    NORM(CORPUS_NORM_SEARCH, "\uFB50", "\u0627");
    NORM(CORPUS_NORM_SEARCH, "\uFEF7", "\u0644\u0627");
    NORM(CORPUS_NORM_SEARCH, "\uFDFA",
         "\u0635\u0644\u064A \u0627\u0644\u0644\u0647 \u0639\u0644\u064A\u0647 "
         "\u0648\u0633\u0644\u0645");
}

/* ---- Return value, copying, fixed point ----------------------------------------------- */

static void test_return_value(void)
{
    CorpusBuf out = CORPUS_BUF_INIT;

    CU_ASSERT_FALSE(normalize(CORPUS_NORM_BASIC, "", 0, &out));
    UNIT_ASSERT_INT(out.len, 0);
    CU_ASSERT_FALSE(normalize(CORPUS_NORM_BASIC, "\u0643\u062A\u0627\u0628", 8, &out));
    CU_ASSERT(normalize(CORPUS_NORM_BASIC, "\u0643\u0650\u062A\u0627\u0628", 10, &out));
    CU_ASSERT_FALSE(normalize(CORPUS_NORM_LOWER, "abc", 3, &out));
    CU_ASSERT(normalize(CORPUS_NORM_LOWER, "aBc", 3, &out));
    /* é precomposed is already NFKC and lower case. */
    CU_ASSERT_FALSE(normalize(CORPUS_NORM_SEARCH, "\u00E9", 2, &out));
    CU_ASSERT(normalize(CORPUS_NORM_NFKC, "e\u0301", 3, &out));
    CU_ASSERT(normalize(CORPUS_NORM_NFKC, "\u0628\u0651\u064E", 6, &out));
    /* A mark in canonical order under nfkc alone: the text does not change, so the result
     * is FALSE (norm.h: "Returns TRUE when the result differs from the input"). */
    NORM(CORPUS_NORM_NFKC, "\u0628\u064E", "\u0628\u064E");
    NORM(CORPUS_NORM_NFKC, "\u0628\u064E\u0651 \u0643\u064F", "\u0628\u064E\u0651 \u0643\u064F");
    NORM(CORPUS_NORM_NFKC | CORPUS_NORM_LOWER, "a\u0301", "\u00E1");
    corpus_buf_clear(&out);
}

static void test_untouched_copied(void)
{
    /* ASCII, bare Arabic letters (none of آ أ إ ٱ ى ة ؤ ئ), digits, punctuation, emoji,
     * tabs and line ends: nothing to do under basic or search. */
    static const char text[] =
        "\u0643\u062A\u0628 \u0627\u0644\u0637\u0627\u0644\u0628 \u062F\u0631\u0633\u0647\t"
        "123, 4.5% (see: https://example.com/a?b=c)\n"
        "\u0645\u0646 \u0627\u0644\u0628\u064A\u062A \u060C \u061F \U0001F600 \u00AB\u00BB\r\n"
        "lower case only; \u00E9t\u00E9 \u2014 \u20AC10";
    CorpusBuf out = CORPUS_BUF_INIT;

    for (int k = 0; k < 2; k++) {
        CorpusNormFlags f = k ? CORPUS_NORM_SEARCH : CORPUS_NORM_BASIC;
        out.len = 0;
        corpus_buf_append(&out, "prefix:", 7);
        /* The result is appended to what out holds. */
        gboolean changed = corpus_norm_apply(get_norm(f), scratch, text, sizeof text - 1, &out);
        CU_ASSERT_FALSE(changed);
        g_autofree char *want = g_strconcat("prefix:", text, NULL);
        UNIT_ASSERT_MEM(out.data, out.len, want, strlen(want));
    }
    /* Only the touched run changes; the rest is kept byte for byte, white space included. */
    out.len = 0;
    CU_ASSERT(corpus_norm_apply(get_norm(CORPUS_NORM_BASIC), scratch,
                                "ab\t \u0643\u064E\u062A\r\ncd", 14, &out));
    UNIT_ASSERT_MEM(out.data, out.len, "ab\t \u0643\u062A\r\ncd", 12);
    corpus_buf_clear(&out);
}

static const char *const tricky[] = {
    "\uFEFB\uFEF7 \uFDF2 \uFDFA\uFDFB",
    "\uFE70\uFE71\uFE72\uFE77 \uFE7C\u0651",
    "\u0628\uFE70\u0651 \u00A0\u0651",
    "\u0627\u0654\u064E \u0627\u064E\u0654 \u0648\u0654 \u064A\u0654\u0651",
    "\u0628\u0651\u064E\u0654\u0655\u0653",
    "\u0640\u0654 \u0627\u0640\u0654 \u0654\u0627",
    "\u0643\u062A\u0640\u0640\u0627\u0628 \u200C\u200D\u200E\u200F\u061C\uFEFF",
    "\u0645\u064A\u200C\u062E\u0648\u0627\u0647\u0645",
    "\u0130 \u1E9E \u00DF \u03A3 \u0345 \u1FB3 \u0390 \uFB01 \u2126 \u212A",
    "e\u0301\u0323 \u1E9B\u0323 \u0344 a\u0308\u0301 \u1100\u1161\u11A8",
    "\uFF21\uFF42 \u216B \u2460 \u00BD \u2026 \u3000x",
    "\u0660\u06F1\u0663\u066B\u0665 \u0661\u066C\u0660\u0660\u0660",
    "\u0671\u0649\u0629\u0624\u0626\u0622\u0623\u0625 \u0675\u0672",
    "\U0001EE00\U0001EE01 \U0001F468\u200D\U0001F469 \U0001F44D\U0001F3FD",
    "\u0958 \u0931 \u09CB \uAC00\u11A8",
    "\u064B\u064B\u064B \u0670\u0670",
    "\u06DD\u0661 \u0600\u0662",
    "\u00A0\u00A0\u00A0",
    "\uFE8E\uFEDF\uFEE0 \uFC60 \uFC61 \uFC62 \uFC63",
    "A\u030A \u212B \u00C5",
    "\uFDFC \uFDFD",
};

static void test_fixed_point(void)
{
    static const CorpusNormFlags sets[] = {
        CORPUS_NORM_NONE,
        CORPUS_NORM_BASIC,
        CORPUS_NORM_SEARCH,
        CORPUS_NORM_NFKC,
        CORPUS_NORM_DIACRITICS,
        CORPUS_NORM_TATWEEL,
        CORPUS_NORM_ALEF,
        CORPUS_NORM_YEH,
        CORPUS_NORM_TEH,
        CORPUS_NORM_HAMZA,
        CORPUS_NORM_DIGITS,
        CORPUS_NORM_LOWER,
        CORPUS_NORM_BIDI,
        CORPUS_NORM_NFKC | CORPUS_NORM_LOWER,
        CORPUS_NORM_DIACRITICS | CORPUS_NORM_ALEF | CORPUS_NORM_HAMZA,
    };
    CorpusBuf once = CORPUS_BUF_INIT, twice = CORPUS_BUF_INIT;

    for (guint s = 0; s < G_N_ELEMENTS(sets); s++) {
        for (guint i = 0; i < G_N_ELEMENTS(tricky); i++) {
            normalize(sets[s], tricky[i], strlen(tricky[i]), &once);
            normalize(sets[s], once.data, once.len, &twice);
            g_autofree char *desc = corpus_norm_describe(sets[s]);
            g_autofree char *what = g_strdup_printf("--norm=%s twice, string %u", desc, i);
            unit_assert_mem(twice.data, twice.len, once.data, once.len, what, __LINE__, __FILE__,
                            __func__);
        }
    }
    corpus_buf_clear(&once);
    corpus_buf_clear(&twice);
}

/* ---- corpus_norm_touches --------------------------------------------------------------- */

/* The explicit steps of flags on one code point, from the tables of ALGORITHMS.md 1.10 (and
 * the Arabic separators with the digits): the replacement, or -1 to delete. */
static gint32 ref_map(CorpusNormFlags f, gunichar c)
{
    if ((f & CORPUS_NORM_DIACRITICS) && in_ranges(diacritics, G_N_ELEMENTS(diacritics), c))
        return -1;
    if ((f & CORPUS_NORM_BIDI) && in_ranges(invisibles, G_N_ELEMENTS(invisibles), c))
        return -1;
    if ((f & CORPUS_NORM_TATWEEL) && c == 0x0640)
        return -1;
    if ((f & CORPUS_NORM_ALEF) && (c == 0x0622 || c == 0x0623 || c == 0x0625 || c == 0x0671))
        return 0x0627;
    if ((f & CORPUS_NORM_YEH) && c == 0x0649)
        return 0x064A;
    if ((f & CORPUS_NORM_TEH) && c == 0x0629)
        return 0x0647;
    if ((f & CORPUS_NORM_HAMZA) && c == 0x0624)
        return 0x0648;
    if ((f & CORPUS_NORM_HAMZA) && c == 0x0626)
        return 0x064A;
    if ((f & CORPUS_NORM_DIGITS) && c >= 0x0660 && c <= 0x0669)
        return (gint32)('0' + c - 0x0660);
    if ((f & CORPUS_NORM_DIGITS) && c >= 0x06F0 && c <= 0x06F9)
        return (gint32)('0' + c - 0x06F0);
    if ((f & CORPUS_NORM_DIGITS) && c == 0x066B) /* ARABIC DECIMAL SEPARATOR */
        return '.';
    if ((f & CORPUS_NORM_DIGITS) && c == 0x066C) /* ARABIC THOUSANDS SEPARATOR */
        return ',';
    return (gint32)c;
}

/* Reference for one code point: utf8proc (NFKC with nfkc; NFC, as the diacritics step works
 * on composed text, with diacritics; case folding with lower), then the explicit steps,
 * repeated until nothing changes. */
static char *ref_normalize(CorpusNormFlags f, gunichar c)
{
    GString *s = g_string_new(u8(c));

    for (int round = 0; round < 4; round++) {
        GString *next = g_string_new(NULL);
        utf8proc_uint8_t *nfkc = NULL;
        const char *p = s->str;
        size_t len = s->len;
        if (f & (CORPUS_NORM_NFKC | CORPUS_NORM_DIACRITICS | CORPUS_NORM_LOWER)) {
            int options = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
            if (f & CORPUS_NORM_NFKC)
                options |= UTF8PROC_COMPAT;
            if (f & CORPUS_NORM_LOWER)
                options |= UTF8PROC_CASEFOLD;
            utf8proc_ssize_t n =
                utf8proc_map((const utf8proc_uint8_t *)s->str, (utf8proc_ssize_t)s->len, &nfkc,
                             (utf8proc_option_t)options);
            p = (const char *)nfkc;
            len = n < 0 ? 0 : (size_t)n;
        }
        for (size_t i = 0; i < len;) {
            gunichar d;
            int k = corpus_utf8_decode(p + i, len - i, &d);
            gint32 m = ref_map(f, d);
            if (m >= 0)
                g_string_append(next, u8((gunichar)m));
            i += (size_t)(k > 0 ? k : 1);
        }
        free(nfkc);
        gboolean same = g_string_equal(next, s);
        g_string_free(s, TRUE);
        s = next;
        if (same)
            break;
    }
    return g_string_free(s, FALSE);
}

static void test_touches(void)
{
    const CorpusNorm *basic = get_norm(CORPUS_NORM_BASIC);
    const CorpusNorm *none = get_norm(CORPUS_NORM_NONE);

    CU_ASSERT(corpus_norm_touches(basic, 0x064E));
    CU_ASSERT(corpus_norm_touches(basic, 0x0640));
    CU_ASSERT(corpus_norm_touches(basic, 0x200C));
    CU_ASSERT(corpus_norm_touches(basic, 0xFEFB));
    CU_ASSERT(corpus_norm_touches(basic, 0x00A0));
    CU_ASSERT(corpus_norm_touches(basic, 0x1EE00));
    CU_ASSERT_FALSE(corpus_norm_touches(basic, 'a'));
    CU_ASSERT_FALSE(corpus_norm_touches(basic, 'A'));
    CU_ASSERT_FALSE(corpus_norm_touches(basic, 0x0628));
    CU_ASSERT_FALSE(corpus_norm_touches(basic, 0x0629));
    CU_ASSERT_FALSE(corpus_norm_touches(basic, 0x1F600));
    CU_ASSERT(corpus_norm_touches(get_norm(CORPUS_NORM_SEARCH), 'A'));
    CU_ASSERT(corpus_norm_touches(get_norm(CORPUS_NORM_SEARCH), 0x0629));
    CU_ASSERT_FALSE(corpus_norm_touches(none, 0x064E));
    CU_ASSERT_FALSE(corpus_norm_touches(none, 0xFEFB));

    /* Every BMP code point alone: the result equals the reference, and FALSE from
     * corpus_norm_touches() means unchanged. */
    static const CorpusNormFlags sets[] = {
        CORPUS_NORM_BASIC,      CORPUS_NORM_SEARCH, CORPUS_NORM_SEARCH & ~CORPUS_NORM_LOWER,
        CORPUS_NORM_DIACRITICS, CORPUS_NORM_LOWER,  CORPUS_NORM_BIDI | CORPUS_NORM_DIGITS};
    CorpusBuf out = CORPUS_BUF_INIT;
    for (guint k = 0; k < G_N_ELEMENTS(sets); k++) {
        const CorpusNorm *n = get_norm(sets[k]);
        guint64 bad = 0, bad_touch = 0;
        gunichar first_bad = 0;
        for (gunichar c = 1; c < 0x10000; c++) {
            if (c >= 0xD800 && c <= 0xDFFF)
                continue;
            g_autofree char *want = ref_normalize(sets[k], c);
            const char *in = u8(c);
            out.len = 0;
            corpus_norm_apply(n, scratch, in, strlen(in), &out);
            if (out.len != strlen(want) || memcmp(out.data, want, out.len) != 0) {
                if (!bad++)
                    first_bad = c;
            }
            if (!corpus_norm_touches(n, c) && strcmp(want, in) != 0)
                bad_touch++;
        }
        g_autofree char *desc = corpus_norm_describe(sets[k]);
        g_autofree char *what = g_strdup_printf("--norm=%s: code points unlike the reference "
                                                "(first U+%04X)",
                                                desc, first_bad);
        unit_assert_i64((gint64)bad, 0, what, __LINE__, __FILE__, __func__);
        UNIT_ASSERT_INT(bad_touch, 0);
    }
    corpus_buf_clear(&out);
}

/* A run that normalizes to nothing, with a fresh scratch: a lone hamza above (it takes part in
 * compositions, so it goes through utf8proc) is deleted by the diacritics step.  The passes
 * then compare an empty result with an empty next pass, whose buffer was never allocated. */
static void test_empty_result_fresh_scratch(void)
{
    static const char *const inputs[] = {"\u0654", "\u0640\u0654", "\u0653\u0655"};

    for (guint i = 0; i < G_N_ELEMENTS(inputs); i++) {
        CorpusNormScratch *fresh = corpus_norm_scratch_new();
        CorpusBuf out = CORPUS_BUF_INIT;
        CU_ASSERT(corpus_norm_apply(get_norm(CORPUS_NORM_BASIC), fresh, inputs[i],
                                    strlen(inputs[i]), &out));
        UNIT_ASSERT_INT(out.len, 0);
        corpus_buf_clear(&out);
        corpus_norm_scratch_free(fresh);
    }
}

int main(void)
{
    static const UnitTest tests[] = {
        UNIT_TEST(test_parse),
        UNIT_TEST(test_describe),
        UNIT_TEST(test_predicates),
        UNIT_TEST(test_diacritics),
        UNIT_TEST(test_diacritics_keep_hamza),
        UNIT_TEST(test_tatweel),
        UNIT_TEST(test_alef_yeh_teh_hamza),
        UNIT_TEST(test_digits),
        UNIT_TEST(test_lower),
        UNIT_TEST(test_bidi),
        UNIT_TEST(test_nfkc),
        UNIT_TEST(test_return_value),
        UNIT_TEST(test_untouched_copied),
        UNIT_TEST(test_fixed_point),
        UNIT_TEST(test_touches),
        UNIT_TEST(test_empty_result_fresh_scratch),
    };
    int status;

    norms = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                                  (GDestroyNotify)corpus_norm_free);
    scratch = corpus_norm_scratch_new();
    status = unit_run("norm", tests, G_N_ELEMENTS(tests));
    corpus_norm_scratch_free(scratch);
    g_hash_table_unref(norms);
    return status;
}
