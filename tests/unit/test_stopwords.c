/* Unit tests of stopwords: "none", the built-in list "ar" under the normalization profiles
 * none, basic and search (docs/stopwords.md), stop word files (comments, blank lines, CR LF,
 * spaces, a byte order mark) and their errors, and lookups from several threads.
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>

#include <corpus/norm.h>
#include <corpus/stopwords.h>

#include "unit.h"

/* ---- Helpers --------------------------------------------------------------------------- */

static CorpusNorm *norm_none, *norm_basic, *norm_search;
static CorpusNormScratch *scratch;
static char *tmp_dir;

static const CorpusNorm *get_norm(CorpusNormFlags flags)
{
    return flags == CORPUS_NORM_NONE    ? norm_none
           : flags == CORPUS_NORM_BASIC ? norm_basic
                                        : norm_search;
}

static const char *profile_name(CorpusNormFlags flags)
{
    return flags == CORPUS_NORM_NONE ? "none" : flags == CORPUS_NORM_BASIC ? "basic" : "search";
}

/* The normalized form of s under flags (caller frees). */
static char *normalized(CorpusNormFlags flags, const char *s)
{
    CorpusBuf out = CORPUS_BUF_INIT;
    char *r;

    corpus_norm_apply(get_norm(flags), scratch, s, strlen(s), &out);
    r = g_strndup(out.data ? out.data : "", out.len);
    corpus_buf_clear(&out);
    return r;
}

/* contains(sw, token) == want, where token is taken as written (raw) or first normalized with
 * the profile, as the tools do. */
static void check_contains(const CorpusStopwords *sw, CorpusNormFlags flags, gboolean normalize,
                           const char *token, gboolean want, unsigned line)
{
    g_autofree char *probe = normalize ? normalized(flags, token) : g_strdup(token);
    g_autofree char *esc = unit_escape(token, strlen(token));
    g_autofree char *what =
        g_strdup_printf("--norm=%s: %s %s is %sa stop word", profile_name(flags),
                        normalize ? "normalized" : "raw", esc, want ? "" : "not ");

    unit_assert_i64(corpus_stopwords_contains(sw, probe, strlen(probe)), want, what, line, __FILE__,
                    "check_contains");
}

/* The token as the text gives it, normalized with the profile, then looked up. */
#define HAS(sw, flags, token) check_contains((sw), (flags), TRUE, (token), TRUE, __LINE__)
#define HAS_NOT(sw, flags, token) check_contains((sw), (flags), TRUE, (token), FALSE, __LINE__)
/* The bytes looked up as they are. */
#define RAW_HAS(sw, flags, token) check_contains((sw), (flags), FALSE, (token), TRUE, __LINE__)
#define RAW_HAS_NOT(sw, flags, token) check_contains((sw), (flags), FALSE, (token), FALSE, __LINE__)

/* Write a file of the given bytes in the temporary directory; returns its path (caller frees). */
static char *write_file(const char *name, const char *bytes, gssize len)
{
    char *path = g_build_filename(tmp_dir, name, NULL);
    GError *error = NULL;

    if (!g_file_set_contents(path, bytes, len, &error)) {
        unit_report(FALSE, g_strdup_printf("writing %s: %s", path, error->message), __LINE__,
                    __FILE__, __func__);
        g_error_free(error);
    }
    return path;
}

/* Loading bytes as a file under flags fails with CORPUS_ERROR_PARSE and exactly the message
 * "PATH:LINE: reason". */
static void check_parse_error(const char *name, const char *bytes, gssize len,
                              CorpusNormFlags flags, guint lineno, const char *reason,
                              unsigned line)
{
    g_autofree char *path = write_file(name, bytes, len);
    g_autofree char *want = g_strdup_printf("%s:%u: %s", path, lineno, reason);
    GError *error = NULL;
    CorpusStopwords *sw = corpus_stopwords_load(path, get_norm(flags), &error);
    g_autofree char *what = g_strdup_printf("--norm=%s: loading %s", profile_name(flags), name);

    unit_report(sw == NULL, g_strdup_printf("%s gives no list", what), line, __FILE__,
                "check_parse_error");
    unit_assert_error(error, CORPUS_ERROR_PARSE, what, line, __FILE__, "check_parse_error");
    if (error)
        unit_assert_mem(error->message, strlen(error->message), want, strlen(want), what, line,
                        __FILE__, "check_parse_error");
    g_clear_error(&error);
    corpus_stopwords_free(sw);
    g_unlink(path);
}

/* ---- none ---------------------------------------------------------------------------------- */

static void test_none(void)
{
    static const CorpusNormFlags profiles[] = {CORPUS_NORM_NONE, CORPUS_NORM_BASIC,
                                               CORPUS_NORM_SEARCH};

    for (size_t i = 0; i < G_N_ELEMENTS(profiles); i++) {
        GError *error = NULL;
        CorpusStopwords *sw = corpus_stopwords_load("none", get_norm(profiles[i]), &error);
        CU_ASSERT_PTR_NULL(sw);
        CU_ASSERT_PTR_NULL(error);
    }
    GError *error = NULL;
    CU_ASSERT_PTR_NULL(corpus_stopwords_load("none", NULL, &error));
    CU_ASSERT_PTR_NULL(error);
    CU_ASSERT_FALSE(corpus_stopwords_contains(NULL, "في", strlen("في")));
    CU_ASSERT_FALSE(corpus_stopwords_contains(NULL, "", 0));
    UNIT_ASSERT_INT(corpus_stopwords_size(NULL), 0);
    corpus_stopwords_free(NULL);
}

/* ---- The built-in list ------------------------------------------------------------------- */

static guint arabic_count(void)
{
    guint n = 0;
    for (const char *const *w = corpus_stopwords_arabic(); *w; w++)
        n++;
    return n;
}

static gboolean arabic_has(const char *word)
{
    for (const char *const *w = corpus_stopwords_arabic(); *w; w++)
        if (strcmp(*w, word) == 0)
            return TRUE;
    return FALSE;
}

/* The list as written: 217 entries (docs/stopwords.md), distinct, valid UTF-8, one word each. */
static void test_arabic_list(void)
{
    const char *const *list = corpus_stopwords_arabic();
    g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);

    CU_ASSERT_PTR_NOT_NULL_FATAL(list);
    UNIT_ASSERT_INT(arabic_count(), 217);
    UNIT_ASSERT_STR(list[0], "في");
    for (const char *const *w = list; *w; w++) {
        g_autofree char *what = g_strdup_printf("entry %s is one valid word", *w);
        gboolean ok = **w && g_utf8_validate(*w, -1, NULL) && !strpbrk(*w, " \t\r\n#");
        unit_report(ok, g_strdup(what), __LINE__, __FILE__, __func__);
        unit_report(g_hash_table_add(seen, (gpointer)*w),
                    g_strdup_printf("entry %s is listed once", *w), __LINE__, __FILE__, __func__);
    }
    /* Entries this file relies on, as written. */
    static const char *const expected[] = {
        "في",  "من",  "على", "علي", "إلى", "الى", "حتى",  "أمام", "ثمة",  "هؤلاء", "اللائي",
        "لكن", "لكنّ", "إن",  "إنّ",  "أن",  "أنّ",  "أيضا", "ثم",   "وعلى", "فيه",   "عند",
    };
    for (size_t i = 0; i < G_N_ELEMENTS(expected); i++)
        unit_report(arabic_has(expected[i]), g_strdup_printf("the list has %s", expected[i]),
                    __LINE__, __FILE__, __func__);
    /* Not in the list. */
    static const char *const absent[] = {"حتي", "امام", "ثمه", "أيضاً", "عنده", "كتاب", "اليوم"};
    for (size_t i = 0; i < G_N_ELEMENTS(absent); i++)
        unit_report(!arabic_has(absent[i]), g_strdup_printf("the list lacks %s", absent[i]),
                    __LINE__, __FILE__, __func__);
}

/* Under each profile the set is the list normalized with the profile: its size is the number of
 * distinct normalized entries, and each normalized entry is in it. */
static void check_ar_profile(CorpusNormFlags flags, guint want_size)
{
    GError *error = NULL;
    g_autoptr(CorpusStopwords) sw = corpus_stopwords_load("ar", get_norm(flags), &error);
    g_autoptr(GHashTable) distinct = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

    CU_ASSERT_PTR_NULL(error);
    CU_ASSERT_PTR_NOT_NULL_FATAL(sw);
    UNIT_ASSERT_INT(corpus_stopwords_size(sw), want_size);
    for (const char *const *w = corpus_stopwords_arabic(); *w; w++) {
        HAS(sw, flags, *w);
        g_hash_table_add(distinct, normalized(flags, *w));
    }
    UNIT_ASSERT_INT(g_hash_table_size(distinct), want_size);
}

static void test_ar_none(void)
{
    const CorpusNormFlags f = CORPUS_NORM_NONE;
    GError *error = NULL;

    check_ar_profile(f, 217);
    g_autoptr(CorpusStopwords) sw = corpus_stopwords_load("ar", norm_none, &error);
    /* NULL norm: the words as they are, the same set. */
    g_autoptr(CorpusStopwords) raw = corpus_stopwords_load("ar", NULL, &error);
    CU_ASSERT_PTR_NULL(error);
    UNIT_ASSERT_INT(corpus_stopwords_size(raw), 217);
    for (const char *const *w = corpus_stopwords_arabic(); *w; w++) {
        RAW_HAS(sw, f, *w);
        RAW_HAS(raw, f, *w);
    }
    /* Only the exact form matches. */
    RAW_HAS(sw, f, "على");
    RAW_HAS(sw, f, "علي"); /* listed on its own */
    RAW_HAS(sw, f, "حتى");
    RAW_HAS_NOT(sw, f, "حتي");
    RAW_HAS(sw, f, "أمام");
    RAW_HAS_NOT(sw, f, "امام");
    RAW_HAS(sw, f, "لكنّ");
    RAW_HAS(sw, f, "لكن");
    RAW_HAS_NOT(sw, f, "ل\u064Eك\u0650ن\u0651\u064E");
    RAW_HAS_NOT(sw, f, "إ\u0650ل\u064Eى");
    RAW_HAS_NOT(sw, f, "أيضاً");
    RAW_HAS(sw, f, "أيضا");
    RAW_HAS_NOT(sw, f, "فـي");
    RAW_HAS_NOT(sw, f, "ثمه");
    RAW_HAS_NOT(raw, f, "حتي");
    /* Whole tokens only, and len counts. */
    RAW_HAS(sw, f, "فيه");
    RAW_HAS_NOT(sw, f, "فيل");
    RAW_HAS_NOT(sw, f, "عنده");
    RAW_HAS_NOT(sw, f, "كتاب");
    RAW_HAS_NOT(sw, f, "");
    CU_ASSERT_TRUE(corpus_stopwords_contains(sw, "فيل", strlen("في")));
    CU_ASSERT_FALSE(corpus_stopwords_contains(sw, "في", strlen("ف") - 1));
    CU_ASSERT_TRUE(corpus_stopwords_contains(sw, "في", strlen("في")));
}

static void test_ar_basic(void)
{
    const CorpusNormFlags f = CORPUS_NORM_BASIC;
    GError *error = NULL;

    check_ar_profile(f, 213); /* لكنّ إنّ أنّ لأنّ fall together with لكن إن أن لأن */
    g_autoptr(CorpusStopwords) sw = corpus_stopwords_load("ar", norm_basic, &error);
    /* Vowelled and stretched tokens match their plain entries. */
    HAS(sw, f, "إ\u0650ل\u064Eى");
    HAS(sw, f, "ل\u064Eك\u0650ن\u0651\u064E");
    HAS(sw, f, "لكنّ");
    HAS(sw, f, "أ\u064Eي\u0652ض\u064Bا"); /* أَيْضاً */
    HAS(sw, f, "أيضاً");
    HAS(sw, f, "فـي");
    HAS(sw, f, "ف\u0650ي");
    HAS(sw, f, "حتى");
    HAS(sw, f, "على");
    HAS(sw, f, "علي");
    /* basic folds no letters. */
    HAS_NOT(sw, f, "حتي");
    HAS_NOT(sw, f, "امام");
    HAS_NOT(sw, f, "الي\u0651"); /* الي is not listed; الى is */
    HAS_NOT(sw, f, "ثمه");
    HAS_NOT(sw, f, "هولاء");
    /* The set holds normalized words: a raw token with a shadda is not in it. */
    RAW_HAS_NOT(sw, f, "لكنّ");
    RAW_HAS(sw, f, "لكن");
    RAW_HAS(sw, f, "إن");
    RAW_HAS_NOT(sw, f, "إنّ");
}

static void test_ar_search(void)
{
    const CorpusNormFlags f = CORPUS_NORM_SEARCH;
    GError *error = NULL;

    check_ar_profile(f, 206);
    g_autoptr(CorpusStopwords) sw = corpus_stopwords_load("ar", norm_search, &error);
    /* على becomes علي in the list and matches the token على normalized the same way. */
    g_autofree char *ala = normalized(f, "على");
    UNIT_ASSERT_STR(ala, "علي");
    RAW_HAS(sw, f, "علي");
    RAW_HAS_NOT(sw, f, "على");
    HAS(sw, f, "على");
    HAS(sw, f, "إ\u0650ل\u064Eى");
    HAS(sw, f, "الي");
    RAW_HAS(sw, f, "الي");
    RAW_HAS_NOT(sw, f, "إلى");
    RAW_HAS(sw, f, "حتي");
    RAW_HAS_NOT(sw, f, "حتى");
    RAW_HAS(sw, f, "امام");
    RAW_HAS(sw, f, "ثمه");    /* ثمة */
    RAW_HAS(sw, f, "هولاء");  /* هؤلاء */
    RAW_HAS(sw, f, "اللايي"); /* اللائي */
    RAW_HAS(sw, f, "ايضا");
    HAS(sw, f, "أيضاً");
    RAW_HAS(sw, f, "ان"); /* إن أن إنّ أنّ */
    RAW_HAS(sw, f, "لكن");
    HAS_NOT(sw, f, "كتاب");
    HAS_NOT(sw, f, "عنده");
}

/* The example of docs/stopwords.md: which tokens of one sentence are stop words. */
static void test_ar_example(void)
{
    static const char *const tokens[] = {"ذهب\u064E", "إ\u0650ل\u064Eى", "السوق", "ثم",
                                         "الي",       "البيت",           "وعلى",  "الطريق"};
    static const struct {
        CorpusNormFlags flags;
        const char *stop; /* one character per token: 1 = stop word */
    } cases[] = {
        {CORPUS_NORM_NONE, "00010010"},
        {CORPUS_NORM_BASIC, "01010010"},
        {CORPUS_NORM_SEARCH, "01011010"},
    };

    for (size_t c = 0; c < G_N_ELEMENTS(cases); c++) {
        GError *error = NULL;
        g_autoptr(CorpusStopwords) sw =
            corpus_stopwords_load("ar", get_norm(cases[c].flags), &error);
        CU_ASSERT_PTR_NOT_NULL_FATAL(sw);
        for (size_t i = 0; i < G_N_ELEMENTS(tokens); i++)
            check_contains(sw, cases[c].flags, TRUE, tokens[i], cases[c].stop[i] == '1', __LINE__);
    }
}

/* ---- Files -------------------------------------------------------------------------------- */

/* Comments, blank lines, spaces and tabs around words, CR LF, a byte order mark, no final line
 * end, and duplicates made by normalization. */
static const char good_file[] = "\xEF\xBB\xBF"
                                "في\n"
                                "# stop words for the news corpus\n"
                                "\n"
                                "  من  \n"
                                "\tعلى\t\r\n"
                                "   \t \n"
                                "  # an indented comment\n"
                                "لكنّ\n"
                                "لكن\r\n"
                                "The\n"
                                "the\n"
                                "ف\u0650ي\n"
                                "فـي\n"
                                "\r\n"
                                "c#\n"
                                "آخر";

static void test_file_good(void)
{
    static const struct {
        CorpusNormFlags flags;
        guint size;
    } cases[] = {
        /* في من على لكنّ لكن The the فِي فـي c# آخر */
        {CORPUS_NORM_NONE, 11},
        /* في من على لكن The the c# آخر */
        {CORPUS_NORM_BASIC, 8},
        /* في من علي لكن the c# اخر */
        {CORPUS_NORM_SEARCH, 7},
    };
    g_autofree char *path = write_file("good.txt", good_file, -1);

    for (size_t c = 0; c < G_N_ELEMENTS(cases); c++) {
        const CorpusNormFlags f = cases[c].flags;
        GError *error = NULL;
        g_autoptr(CorpusStopwords) sw = corpus_stopwords_load(path, get_norm(f), &error);
        CU_ASSERT_PTR_NULL(error);
        if (error)
            fprintf(stderr, "%s\n", error->message);
        CU_ASSERT_PTR_NOT_NULL_FATAL(sw);
        UNIT_ASSERT_INT(corpus_stopwords_size(sw), cases[c].size);
        RAW_HAS(sw, f, "في"); /* after the byte order mark */
        RAW_HAS(sw, f, "من");
        RAW_HAS(sw, f, "لكن");
        RAW_HAS(sw, f, "the");
        RAW_HAS(sw, f, "c#");
        RAW_HAS_NOT(sw, f, "\xEF\xBB\xBFفي");
        RAW_HAS_NOT(sw, f, "  من  ");
        RAW_HAS_NOT(sw, f, "على\t");
        RAW_HAS_NOT(sw, f, "لكن\r");
        RAW_HAS_NOT(sw, f, "#");
        RAW_HAS_NOT(sw, f, "stop");
        RAW_HAS_NOT(sw, f, "# stop words for the news corpus");
        RAW_HAS_NOT(sw, f, "");
        RAW_HAS_NOT(sw, f, "c");
        HAS(sw, f, "على");
        HAS(sw, f, "ف\u0650ي");
        HAS(sw, f, "فـي");
        HAS(sw, f, "The");
        HAS(sw, f, "آخر");
        if (f == CORPUS_NORM_NONE) {
            RAW_HAS(sw, f, "على");
            RAW_HAS_NOT(sw, f, "علي");
            RAW_HAS(sw, f, "لكنّ");
            RAW_HAS(sw, f, "The");
            RAW_HAS(sw, f, "آخر");
            RAW_HAS_NOT(sw, f, "اخر");
        } else if (f == CORPUS_NORM_BASIC) {
            RAW_HAS(sw, f, "على");
            RAW_HAS_NOT(sw, f, "علي");
            RAW_HAS_NOT(sw, f, "لكنّ");
            RAW_HAS(sw, f, "The");
            RAW_HAS_NOT(sw, f, "اخر");
        } else {
            RAW_HAS(sw, f, "علي");
            RAW_HAS_NOT(sw, f, "على");
            RAW_HAS_NOT(sw, f, "The");
            RAW_HAS(sw, f, "اخر");
            RAW_HAS_NOT(sw, f, "آخر");
        }
    }
    g_unlink(path);
}

/* Files without words, and the same words with LF or CR LF line ends. */
static void test_file_small(void)
{
    static const struct {
        const char *name, *bytes;
        guint size;
    } cases[] = {
        {"empty.txt", "", 0},
        {"bom.txt", "\xEF\xBB\xBF", 0},
        {"comments.txt", "# one\n#two\n\n \t\n", 0},
        {"lf.txt", "في\nمن\n", 2},
        {"crlf.txt", "في\r\nمن\r\n", 2},
        {"bom-crlf.txt", "\xEF\xBB\xBFفي\r\nمن", 2},
        /* A lone CR ends a line too (docs/cli.md: LF, CR LF or a lone CR). */
        {"cr.txt", "في\rمن\r", 2},
        {"mixed.txt", "في\r\r\nمن\n\r", 2},
        {"dup.txt", "في\nفي\n  في\t\n", 1},
    };

    for (size_t c = 0; c < G_N_ELEMENTS(cases); c++) {
        g_autofree char *path = write_file(cases[c].name, cases[c].bytes, -1);
        GError *error = NULL;
        g_autoptr(CorpusStopwords) sw = corpus_stopwords_load(path, norm_basic, &error);
        g_autofree char *what = g_strdup_printf("%s loads", cases[c].name);
        unit_report(sw != NULL && error == NULL, g_strdup(what), __LINE__, __FILE__, __func__);
        g_clear_error(&error);
        if (!sw)
            continue;
        UNIT_ASSERT_INT(corpus_stopwords_size(sw), cases[c].size);
        if (cases[c].size) {
            RAW_HAS(sw, CORPUS_NORM_BASIC, "في");
            RAW_HAS_NOT(sw, CORPUS_NORM_BASIC, "في\r");
        }
        if (cases[c].size == 2)
            RAW_HAS(sw, CORPUS_NORM_BASIC, "من");
        g_unlink(path);
    }
    /* A file called "ar" or "none" is read when given with a path. */
    g_autofree char *ar = write_file("ar", "كتاب\n", -1);
    g_autofree char *none = write_file("none", "قلم\n", -1);
    GError *error = NULL;
    g_autoptr(CorpusStopwords) sw_ar = corpus_stopwords_load(ar, norm_basic, &error);
    g_autoptr(CorpusStopwords) sw_none = corpus_stopwords_load(none, norm_basic, &error);
    CU_ASSERT_PTR_NULL(error);
    UNIT_ASSERT_INT(corpus_stopwords_size(sw_ar), 1);
    RAW_HAS(sw_ar, CORPUS_NORM_BASIC, "كتاب");
    RAW_HAS_NOT(sw_ar, CORPUS_NORM_BASIC, "في");
    UNIT_ASSERT_INT(corpus_stopwords_size(sw_none), 1);
    RAW_HAS(sw_none, CORPUS_NORM_BASIC, "قلم");
    g_unlink(ar);
    g_unlink(none);
}

static void test_file_errors(void)
{
    const CorpusNormFlags B = CORPUS_NORM_BASIC, N = CORPUS_NORM_NONE, S = CORPUS_NORM_SEARCH;
    const char *one = "expected one word per line", *utf8 = "invalid UTF-8",
               *empty = "the word is empty after normalization";

    /* Two words on a line. */
    check_parse_error("two.txt", "في من\n", -1, B, 1, one, __LINE__);
    check_parse_error("two3.txt", "في\n# comment\nمن في\n", -1, N, 3, one, __LINE__);
    check_parse_error("two-tab.txt", "في\tمن\n", -1, S, 1, one, __LINE__);
    check_parse_error("two-crlf.txt", "في\r\nمن\r\nعن و\r\n", -1, B, 3, one, __LINE__);
    check_parse_error("two-cr.txt", "في\r#c\rمن و\r", -1, B, 3, one, __LINE__);
    check_parse_error("two-mixed.txt", "في\r\n\r\n\rمن و", -1, B, 4, one, __LINE__);
    check_parse_error("two-bom.txt", "\xEF\xBB\xBFفي من", -1, B, 1, one, __LINE__);
    /* A comment after a word is a second word. */
    check_parse_error("comment.txt", "في # comment\n", -1, B, 1, one, __LINE__);
    /* White space other than spaces and tabs is not trimmed. */
    check_parse_error("nbsp.txt", "من\nفي\u00A0\n", -1, B, 2, one, __LINE__);
    check_parse_error("vt.txt", "في\v\n", -1, N, 1, one, __LINE__);
    /* Invalid UTF-8, also in a comment, and a sequence cut at the end of the file. */
    check_parse_error("ff.txt", "في\n\xFF\n", -1, B, 2, utf8, __LINE__);
    check_parse_error("ff-word.txt", "في\nمن\nع\xD9\n", -1, N, 3, utf8, __LINE__);
    check_parse_error("ff-comment.txt", "# caf\xE9\nفي\n", -1, B, 1, utf8, __LINE__);
    check_parse_error("cut.txt", "في\n\xD9", -1, S, 2, utf8, __LINE__);
    check_parse_error("overlong.txt", "\xC0\xAF\n", -1, B, 1, utf8, __LINE__);
    check_parse_error("surrogate.txt", "في\r\n\xED\xA0\x80\r\n", -1, B, 2, utf8, __LINE__);
    /* A word that normalizes to nothing. */
    check_parse_error("harakat.txt", "في\n\u064E\u064F\n", -1, B, 2, empty, __LINE__);
    check_parse_error("shadda.txt", "  \u0651  \n", -1, S, 1, empty, __LINE__);
    check_parse_error("tatweel.txt", "في\nمن\n\nـ\n", -1, B, 4, empty, __LINE__);

    /* The same words load where the profile keeps them. */
    g_autofree char *path = write_file("harakat-none.txt", "في\n\u064E\u064F\nـ\n", -1);
    GError *error = NULL;
    g_autoptr(CorpusStopwords) sw = corpus_stopwords_load(path, norm_none, &error);
    CU_ASSERT_PTR_NULL(error);
    UNIT_ASSERT_INT(corpus_stopwords_size(sw), 3);
    RAW_HAS(sw, N, "\u064E\u064F");
    RAW_HAS(sw, N, "ـ");
    g_unlink(path);
}

/* A file that cannot be read is CORPUS_ERROR_IO with "FILE: reason" (docs/stopwords.md). */
static void test_file_io_errors(void)
{
    g_autofree char *missing = g_build_filename(tmp_dir, "missing.txt", NULL);
    const char *paths[] = {missing, tmp_dir};
    const int errnos[] = {ENOENT, EISDIR};

    for (size_t i = 0; i < G_N_ELEMENTS(paths); i++) {
        GError *error = NULL;
        CorpusStopwords *sw = corpus_stopwords_load(paths[i], norm_basic, &error);
        g_autofree char *want = g_strdup_printf("%s: %s", paths[i], g_strerror(errnos[i]));
        CU_ASSERT_PTR_NULL(sw);
        UNIT_ASSERT_ERROR(error, CORPUS_ERROR_IO);
        if (error)
            UNIT_ASSERT_STR(error->message, want);
        g_clear_error(&error);
        corpus_stopwords_free(sw);
    }
}

/* ---- Threads ---------------------------------------------------------------------------- */

typedef struct {
    const CorpusStopwords *sw;
    guint wrong;
} LookupJob;

static gpointer lookup_main(gpointer data)
{
    LookupJob *job = data;

    for (int round = 0; round < 200; round++)
        for (const char *const *w = corpus_stopwords_arabic(); *w; w++) {
            if (!corpus_stopwords_contains(job->sw, *w, strlen(*w)))
                job->wrong++;
            if (corpus_stopwords_contains(job->sw, "كتاب", strlen("كتاب")))
                job->wrong++;
        }
    return NULL;
}

static void test_threads(void)
{
    GError *error = NULL;
    g_autoptr(CorpusStopwords) sw = corpus_stopwords_load("ar", norm_none, &error);
    LookupJob jobs[4];
    GThread *threads[4];

    CU_ASSERT_PTR_NOT_NULL_FATAL(sw);
    for (guint t = 0; t < G_N_ELEMENTS(threads); t++) {
        jobs[t] = (LookupJob){sw, 0};
        threads[t] = g_thread_new("lookup", lookup_main, &jobs[t]);
    }
    for (guint t = 0; t < G_N_ELEMENTS(threads); t++) {
        g_thread_join(threads[t]);
        UNIT_ASSERT_INT(jobs[t].wrong, 0);
    }
}

int main(void)
{
    static const UnitTest tests[] = {
        UNIT_TEST(test_none),           UNIT_TEST(test_arabic_list), UNIT_TEST(test_ar_none),
        UNIT_TEST(test_ar_basic),       UNIT_TEST(test_ar_search),   UNIT_TEST(test_ar_example),
        UNIT_TEST(test_file_good),      UNIT_TEST(test_file_small),  UNIT_TEST(test_file_errors),
        UNIT_TEST(test_file_io_errors), UNIT_TEST(test_threads),
    };
    GError *error = NULL;
    int status;

    tmp_dir = g_dir_make_tmp("test_stopwords-XXXXXX", &error);
    if (!tmp_dir) {
        fprintf(stderr, "test_stopwords: %s\n", error->message);
        g_error_free(error);
        return 2;
    }
    norm_none = corpus_norm_new(CORPUS_NORM_NONE);
    norm_basic = corpus_norm_new(CORPUS_NORM_BASIC);
    norm_search = corpus_norm_new(CORPUS_NORM_SEARCH);
    scratch = corpus_norm_scratch_new();
    status = unit_run("stopwords", tests, G_N_ELEMENTS(tests));
    corpus_norm_scratch_free(scratch);
    corpus_norm_free(norm_none);
    corpus_norm_free(norm_basic);
    corpus_norm_free(norm_search);
    g_rmdir(tmp_dir);
    g_free(tmp_dir);
    return status;
}
