/* Unit tests of keyness: every measure on 2x2 tables worked by hand (derivations in the
 * comments), zero frequencies in either corpus, equal proportions and the degenerate tables,
 * the exact sign on large counts, and the table: joining two key-ordered streams, stop words,
 * malformed keys, empty corpora, direction, ties, --min-count, --top and JSON Lines.
 * SPDX-License-Identifier: MIT */
#include <math.h>

#include <glib/gstdio.h>

#include <corpus/keyness.h>
#include <corpus/out.h>

#include "unit.h"

/* got is within rel * |want| of want: closed forms and the library differ by a few
 * roundings. */

static CorpusKeynessScores score(guint64 a, guint64 b, guint64 c, guint64 d)
{
    CorpusKeynessCounts k = {a, b, c, d};
    CorpusKeynessScores s;
    corpus_keyness_score(&k, &s);
    CU_ASSERT(isfinite(s.g2) && isfinite(s.g2_p) && isfinite(s.chi2) && isfinite(s.chi2_p) &&
              isfinite(s.log_ratio) && isfinite(s.pdiff) && isfinite(s.bic));
    return s;
}

/* a = 20, b = 5, c = 1000, d = 2000; N = c + d = 3000, a + b = 25.
 * Cells: O1 = a = 20, O2 = b = 5, O3 = c - a = 980, O4 = d - b = 1995.
 * Expected: E1 = c (a + b) / N = 1000 * 25 / 3000 = 25/3, E2 = d (a + b) / N = 50/3,
 *           E3 = c (N - a - b) / N = 1000 * 2975 / 3000 = 2975/3, E4 = 5950/3.
 * G2 = 2 sum O ln(O / E) = 2 (20 ln 2.4 + 5 ln 0.3 + 980 ln(2940/2975) + 1995 ln(5985/5950))
 *    = 2 (17.5093 - 6.0199 - 11.5977 + 11.7025) = 23.18531...
 *    (SciPy's chi2_contingency(lambda_="log-likelihood", correction=False) gives
 *    23.185311077839405); a/c = 0.02 > b/d = 0.0025, so it is positive.
 * The 2-term G2 of Rayson & Garside leaves out the cells O3 and O4:
 *    2 (20 ln 2.4 + 5 ln 0.3) = 22.97902..., so G2 = that + 2 (980 ln(2940/2975)
 *    + 1995 ln(5985/5950)) = that + 0.20629.
 * chi2 = N (O1 O4 - O2 O3)^2 / ((a + b)(N - a - b) c d) = 3000 (20 * 1995 - 5 * 980)^2 /
 *    (25 * 2975 * 1000 * 2000) = 3000 * 35000^2 / 1.4875e11 = 420/17 = 24.70588...
 * Log Ratio = log2((20/1000) / (5/2000)) = log2(0.02 / 0.0025) = log2 8 = 3.
 * %DIFF: per million, NF_target = 20000, NF_ref = 2500; (20000 - 2500) 100 / 2500 = 700.
 * BIC = G2 - ln 3000 = 23.18531 - 8.00637 = 15.17894.
 * p-values: chi-square with 1 d.f., Q(x) = erfc(sqrt(x / 2)). */
static void test_worked_example(void)
{
    CorpusKeynessScores s = score(20, 5, 1000, 2000);
    double two_term = 2 * (20 * log(2.4) + 5 * log(0.3));
    double other_cells = 2 * (980 * log(2940.0 / 2975) + 1995 * log(5985.0 / 5950));

    ASSERT_REL(s.g2, two_term + other_cells, 1e-13);
    ASSERT_NEAR(s.g2, 23.185311077839405, 1e-12);
    ASSERT_NEAR(two_term, 22.97902145089664, 1e-12);
    CU_ASSERT(s.g2 > two_term);
    ASSERT_REL(s.g2_p, erfc(sqrt(s.g2 / 2)), 1e-13);
    ASSERT_REL(s.chi2, 420.0 / 17, 1e-13);
    ASSERT_REL(s.chi2_p, erfc(sqrt(420.0 / 17 / 2)), 1e-13);
    ASSERT_NEAR(s.log_ratio, 3, 0);
    CU_ASSERT(s.has_pdiff);
    ASSERT_NEAR(s.pdiff, 700, 0);
    ASSERT_REL(s.bic, s.g2 - log(3000), 1e-13);
    ASSERT_NEAR(s.bic, 15.178943510189159, 1e-12);
}

/* The reference's view of the same table: a = 5, b = 20, c = 2000, d = 1000.  The table is
 * the transpose, so |G2|, chi2 and their p-values are the same; G2 and Log Ratio change sign;
 * %DIFF = (2500 - 20000) 100 / 20000 = -87.5. */
static void test_swapped(void)
{
    CorpusKeynessScores s = score(20, 5, 1000, 2000), t = score(5, 20, 2000, 1000);

    ASSERT_REL(t.g2, -s.g2, 1e-13);
    ASSERT_REL(t.g2_p, s.g2_p, 1e-13);
    ASSERT_REL(t.chi2, s.chi2, 1e-13);
    ASSERT_NEAR(t.log_ratio, -3, 0);
    ASSERT_NEAR(t.pdiff, -87.5, 0);
    ASSERT_REL(t.bic, s.bic, 1e-13);
    CorpusKeynessCounts k = {5, 20, 2000, 1000};
    UNIT_ASSERT_INT(corpus_keyness_sign(&k), -1);
    ASSERT_REL(corpus_keyness_g2(&k), -s.g2, 1e-13);
}

/* Not in the target: a = 0, b = 4, c = 1000, d = 2000; N = 3000.
 * E1 = 1000 * 4 / 3000 = 4/3, E2 = 8/3, E3 = 1000 * 2996 / 3000, E4 = 2000 * 2996 / 3000.
 * The cell O1 = 0 adds 0, so |G2| = 2 (4 ln(4 / (8/3)) + 1000 ln(3000/2996)
 *    + 1996 ln(5988/5992)) = 2 (4 ln 1.5 + 1000 ln(3000/2996) + 1996 ln(5988/5992)) = 3.24639;
 *    a/c = 0 < b/d, so G2 = -3.24639.
 * chi2 = 3000 (0 * 1996 - 4 * 1000)^2 / (4 * 2996 * 1000 * 2000) = 1500/749.
 * Log Ratio: a counts as 0.5: log2((0.5/1000) / (4/2000)) = log2 0.25 = -2.
 * %DIFF = (0 - 2000) 100 / 2000 = -100.  BIC = 3.24639 - ln 3000. */
static void test_zero_in_target(void)
{
    CorpusKeynessScores s = score(0, 4, 1000, 2000);
    double g2 = 2 * (4 * log(1.5) + 1000 * log(3000.0 / 2996) + 1996 * log(5988.0 / 5992));

    ASSERT_REL(s.g2, -g2, 1e-13);
    ASSERT_NEAR(s.g2, -3.2463904982531746, 1e-12);
    ASSERT_REL(s.chi2, 1500.0 / 749, 1e-13);
    ASSERT_NEAR(s.log_ratio, -2, 0);
    CU_ASSERT(s.has_pdiff);
    ASSERT_NEAR(s.pdiff, -100, 0);
    ASSERT_REL(s.bic, g2 - log(3000), 1e-13);
}

/* Not in the reference: a = 6, b = 0, c = 1000, d = 2000; N = 3000.
 * E1 = 1000 * 6 / 3000 = 2, E2 = 4, E3 = 1000 * 2994 / 3000 = 998, E4 = 1996.
 * G2 = 2 (6 ln 3 + 994 ln(994/998) + 2000 ln(2000/1996)) = 13.20741 (O2 = 0 adds 0).
 * chi2 = 3000 (6 * 2000 - 0 * 994)^2 / (6 * 2994 * 1000 * 2000) = 6000/499.
 * Log Ratio: b counts as 0.5: log2((6/1000) / (0.5/2000)) = log2 24 = 3 + log2 3.
 * %DIFF: NF_ref = 0, infinite: not defined (written empty). */
static void test_zero_in_reference(void)
{
    CorpusKeynessScores s = score(6, 0, 1000, 2000);
    double g2 = 2 * (6 * log(3) + 994 * log(994.0 / 998) + 2000 * log(2000.0 / 1996));

    ASSERT_REL(s.g2, g2, 1e-13);
    ASSERT_NEAR(s.g2, 13.207411672787984, 1e-12);
    ASSERT_REL(s.chi2, 6000.0 / 499, 1e-13);
    ASSERT_REL(s.log_ratio, 3 + log2(3), 1e-13);
    CU_ASSERT(!s.has_pdiff);
    ASSERT_REL(s.bic, g2 - log(3000), 1e-13);
}

/* A term that is every token of the target and absent from the reference: a = c = 10,
 * b = 0, d = 10.  Cells 10, 0, 0, 10; E = 5 for each, G2 = 2 (10 ln 2 + 10 ln 2) = 40 ln 2;
 * chi2 = 20 (10 * 10)^2 / (10 * 10 * 10 * 10) = 20; Log Ratio = log2(1 / (0.5/10)) =
 * log2 20. */
static void test_whole_target(void)
{
    CorpusKeynessScores s = score(10, 0, 10, 10);

    ASSERT_REL(s.g2, 40 * log(2), 1e-13);
    ASSERT_REL(s.chi2, 20, 1e-13);
    ASSERT_REL(s.log_ratio, log2(20), 1e-13);
    CU_ASSERT(!s.has_pdiff);
}

/* Equal proportions, a/c = b/d: every measure of difference is 0, the p-values 1.  The
 * table where a term is every token of both corpora (a = c, b = d) has a zero marginal, where
 * Pearson's formula is 0/0: it is equal proportions too. */
static void test_equal_proportions(void)
{
    guint64 cases[][4] = {{10, 20, 1000, 2000}, {7, 7, 7, 7}, {3, 5, 3, 5}, {1, 3, 1000, 3000}};

    for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
        CorpusKeynessCounts k = {cases[i][0], cases[i][1], cases[i][2], cases[i][3]};
        CorpusKeynessScores s = score(k.a, k.b, k.c, k.d);
        UNIT_ASSERT_INT(corpus_keyness_sign(&k), 0);
        ASSERT_NEAR(s.g2, 0, 0);
        CU_ASSERT(!signbit(s.g2));
        ASSERT_NEAR(s.g2_p, 1, 0);
        ASSERT_NEAR(s.chi2, 0, 0);
        ASSERT_NEAR(s.chi2_p, 1, 0);
        ASSERT_NEAR(s.log_ratio, 0, 0);
        CU_ASSERT(s.has_pdiff);
        ASSERT_NEAR(s.pdiff, 0, 0);
        ASSERT_REL(s.bic, -log((double)(k.c + k.d)), 1e-13);
    }
}

/* The sign is decided on exact products.  With Fibonacci numbers F(39) = 63245986,
 * F(40) = 102334155, F(41) = 165580141, F(42) = 267914296, Cassini's identity
 * F(n-1) F(n+1) - F(n)^2 = (-1)^n makes a d - b c = +1 for a = F(39), c = F(40), b = F(40),
 * d = F(41), and -1 for a = F(40), c = F(41), b = F(41), d = F(42), though the products
 * (about 1.05e16 and 2.74e16, above 2^53) are not all doubles.  a/c = b/d exactly for
 * a = 333333333, c = 999999999, b = 666666666, d = 1999999998 (both 1/3). */
static void test_sign_exact(void)
{
    CorpusKeynessCounts up = {63245986, 102334155, 102334155, 165580141};
    CorpusKeynessCounts down = {102334155, 165580141, 165580141, 267914296};
    CorpusKeynessCounts eq = {333333333, 666666666, 999999999, 1999999998};

    UNIT_ASSERT_INT(corpus_keyness_sign(&up), 1);
    CU_ASSERT(corpus_keyness_g2(&up) >= 0);
    UNIT_ASSERT_INT(corpus_keyness_sign(&down), -1);
    CU_ASSERT(corpus_keyness_g2(&down) <= 0);
    UNIT_ASSERT_INT(corpus_keyness_sign(&eq), 0);
    ASSERT_NEAR(corpus_keyness_g2(&eq), 0, 0);
    /* One occurrence in a trillion tokens against none: small, finite, positive. */
    CorpusKeynessScores s = score(1, 0, 1000000000000, 1000000000000);
    CU_ASSERT(s.g2 > 0 && s.log_ratio > 0);
}

/* ---- the table ---- */

/* A record source over a NULL-terminated array of "key", count pairs. */
typedef struct {
    CorpusRecSource base;
    const char *const *keys;
    const guint64 *counts;
    guint at;
} ArraySource;

static gboolean array_next(CorpusRecSource *src, GError **error)
{
    ArraySource *s = (ArraySource *)src;
    (void)error;
    if (!s->keys[s->at])
        return FALSE;
    src->key = s->keys[s->at];
    src->len = strlen(src->key);
    src->count = s->counts[s->at++];
    return TRUE;
}

static void array_free(CorpusRecSource *src)
{
    g_free(src);
}

static CorpusRecSource *array_source(const char *const *keys, const guint64 *counts)
{
    ArraySource *s = g_new0(ArraySource, 1);
    s->base.next = array_next;
    s->base.free = array_free;
    s->keys = keys;
    s->counts = counts;
    return &s->base;
}

/* Write the table of the two corpora with spec; returns the output or NULL with error. */
static char *write_table(const char *const *tk, const guint64 *tc, const char *const *rk,
                         const guint64 *rc, const CorpusKeynessSpec *spec, GError **error)
{
    g_autoptr(CorpusKeyness) k = corpus_keyness_new();
    g_autofree char *dir = g_dir_make_tmp("keyness-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "out.tsv", NULL);
    char *text = NULL;

    if (corpus_keyness_add(k, CORPUS_KEYNESS_TARGET, array_source(tk, tc), "target", error) &&
        corpus_keyness_add(k, CORPUS_KEYNESS_REFERENCE, array_source(rk, rc), "reference", error)) {
        CorpusOut *out = corpus_out_open(path, error);
        if (out && corpus_keyness_write(k, spec, out, error) && corpus_out_commit(out, error))
            g_file_get_contents(path, &text, NULL, NULL);
        corpus_out_free(out);
    }
    g_unlink(path);
    g_rmdir(dir);
    return text;
}

/* Target: x 2, y 1, the stop key 1 (c = 4); reference: w 1, y 3 (d = 4).  Joined in key
 * order: w (0, 1), x (2, 0), y (1, 3).  Signs: x + (2/4 > 0), y - (1/4 < 3/4), w - (0 < 1/4).
 * G2 of x: cells 2, 0, 2, 4; E = 1, 1, 3, 3: 2 (2 ln 2 + 2 ln(2/3) + 4 ln(4/3)) =
 *   4 ln 2 + 4 ln(2/3) + 8 ln(4/3) = 2.7725887 - 1.6218604 + 2.3014567 = 3.4521849.
 * G2 of y: cells 1, 3, 3, 1; E = 2, 2, 2, 2: 2 (ln 0.5 + 3 ln 1.5 + 3 ln 1.5 + ln 0.5) =
 *   -4 ln 2 + 12 ln 1.5 = -2.7725887 + 4.8655813 = 2.0929926 -> -2.0929926.
 * G2 of w: cells 0, 1, 4, 3; E = 0.5, 0.5, 3.5, 3.5: 2 (ln 2 + 4 ln(8/7) + 3 ln(6/7)) =
 *   1.3862944 + 1.0682511 - 0.9249041 = 1.5296414 -> -1.5296414.
 * Both directions: x, w, y (signed G2 descending); neg: y, w. */
static const char *const t_keys[] = {CORPUS_KEYNESS_STOP_KEY, "x", "y", NULL};
static const guint64 t_counts[] = {1, 2, 1};
static const char *const r_keys[] = {"w", "y", NULL};
static const guint64 r_counts[] = {1, 3};

static void test_table_join(void)
{
    CorpusKeynessSpec spec = {.min_count = 1, .header = TRUE};
    g_autoptr(GError) error = NULL;
    g_autofree char *text = write_table(t_keys, t_counts, r_keys, r_counts, &spec, &error);

    CU_ASSERT_FATAL(text != NULL);
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    CU_ASSERT_FATAL(g_strv_length(lines) == 5);
    UNIT_ASSERT_STR(lines[0], "term\tfreq-target\tfreq-ref\tsize-target\tsize-ref\tg2\tg2-p\t"
                              "chi2\tchi2-p\tlog-ratio\tpdiff\tbic");
    CU_ASSERT(g_str_has_prefix(lines[1], "x\t2\t0\t4\t4\t3.452184"));
    CU_ASSERT(g_str_has_prefix(lines[2], "w\t0\t1\t4\t4\t-1.529641"));
    CU_ASSERT(g_str_has_prefix(lines[3], "y\t1\t3\t4\t4\t-2.092992"));
    UNIT_ASSERT_STR(lines[4], "");
    /* %DIFF of x is empty (b = 0): log-ratio, then two tabs, then bic. */
    g_auto(GStrv) x = g_strsplit(lines[1], "\t", -1);
    CU_ASSERT_FATAL(g_strv_length(x) == 12);
    UNIT_ASSERT_STR(x[10], "");

    spec.direction = CORPUS_KEYNESS_NEG;
    spec.header = FALSE;
    g_autofree char *neg = write_table(t_keys, t_counts, r_keys, r_counts, &spec, &error);
    CU_ASSERT_FATAL(neg != NULL);
    CU_ASSERT(g_str_has_prefix(neg, "y\t") && strstr(neg, "\nw\t") != NULL);

    spec.direction = CORPUS_KEYNESS_POS;
    spec.jsonl = TRUE;
    g_autofree char *pos = write_table(t_keys, t_counts, r_keys, r_counts, &spec, &error);
    CU_ASSERT_FATAL(pos != NULL);
    CU_ASSERT(g_str_has_prefix(pos, "{\"term\":\"x\",\"freq-target\":2,\"freq-ref\":0,"
                                    "\"size-target\":4,\"size-ref\":4,\"g2\":3.45218"));
    CU_ASSERT(strstr(pos, "\"pdiff\":null,\"bic\":") != NULL);
    CU_ASSERT(strchr(pos, '\n') == pos + strlen(pos) - 1);

    /* --min-count on a + b: x (2) and w (1) go, y (4) stays; --top=1 keeps the first row. */
    spec = (CorpusKeynessSpec){.min_count = 3};
    g_autofree char *min = write_table(t_keys, t_counts, r_keys, r_counts, &spec, &error);
    CU_ASSERT_FATAL(min != NULL);
    CU_ASSERT(g_str_has_prefix(min, "y\t") && strchr(min, '\n') == min + strlen(min) - 1);
    spec = (CorpusKeynessSpec){.min_count = 1, .top = 1};
    g_autofree char *top = write_table(t_keys, t_counts, r_keys, r_counts, &spec, &error);
    CU_ASSERT_FATAL(top != NULL);
    CU_ASSERT(g_str_has_prefix(top, "x\t") && strchr(top, '\n') == top + strlen(top) - 1);
}

/* Ties by term bytewise: target a 1, b 1, c 1, z 1 (c = 4); reference a 1, b 1, c 1, z 5
 * (d = 8).  a, b and c have the same table (1/4 > 1/8, overused) and so the same G2: they come
 * in key order, before z (1/4 < 5/8, underused). */
static void test_table_ties(void)
{
    static const char *const tk[] = {"a", "b", "c", "z", NULL};
    static const guint64 tc[] = {1, 1, 1, 1};
    static const guint64 rc[] = {1, 1, 1, 5};
    CorpusKeynessSpec spec = {.min_count = 1};
    g_autoptr(GError) error = NULL;
    g_autofree char *text = write_table(tk, tc, tk, rc, &spec, &error);

    CU_ASSERT_FATAL(text != NULL);
    CU_ASSERT(g_str_has_prefix(text, "a\t1\t1\t4\t8\t"));
    CU_ASSERT(strstr(text, "\nb\t1\t1\t4\t8\t") < strstr(text, "\nc\t1\t1\t4\t8\t"));
    CU_ASSERT(strstr(text, "\nz\t1\t5\t4\t8\t-") != NULL);
}

/* Errors: a key of two words, keys out of order, a key with an n column other than 1, an
 * empty corpus (no record at all). */
static void test_table_errors(void)
{
    static const char *const two[] = {"a b", NULL};
    static const char *const unsorted[] = {"b", "a", NULL};
    static const char *const ncol[] = {"a\t1", "b\t2", NULL};
    static const char *const none[] = {NULL};
    static const guint64 counts[] = {1, 1};
    CorpusKeynessSpec spec = {.min_count = 1};
    GError *error = NULL;

    CU_ASSERT(write_table(two, counts, t_keys, t_counts, &spec, &error) == NULL);
    UNIT_ASSERT_ERROR(error, CORPUS_ERROR_PARSE);
    CU_ASSERT(error && strstr(error->message, "target: the key 'a b' is not a single term"));
    g_clear_error(&error);
    CU_ASSERT(write_table(t_keys, t_counts, unsorted, counts, &spec, &error) == NULL);
    UNIT_ASSERT_ERROR(error, CORPUS_ERROR_PARSE);
    CU_ASSERT(error && strstr(error->message, "reference: the term 'a' comes twice or out of"));
    g_clear_error(&error);
    /* The n column of corpus-ngram -n 1-2 is taken off when it is 1; "b\t2" is a pair's. */
    CU_ASSERT(write_table(ncol, counts, t_keys, t_counts, &spec, &error) == NULL);
    UNIT_ASSERT_ERROR(error, CORPUS_ERROR_PARSE);
    CU_ASSERT(error && strstr(error->message, "the key 'b\t2' is not a single term"));
    g_clear_error(&error);
    CU_ASSERT(write_table(t_keys, t_counts, none, counts, &spec, &error) == NULL);
    UNIT_ASSERT_ERROR(error, CORPUS_ERROR_PARSE);
    CU_ASSERT(error && strstr(error->message, "the reference corpus has no tokens"));
    g_clear_error(&error);
}

int main(void)
{
    static const UnitTest tests[] = {
        UNIT_TEST(test_worked_example), UNIT_TEST(test_swapped),
        UNIT_TEST(test_zero_in_target), UNIT_TEST(test_zero_in_reference),
        UNIT_TEST(test_whole_target),   UNIT_TEST(test_equal_proportions),
        UNIT_TEST(test_sign_exact),     UNIT_TEST(test_table_join),
        UNIT_TEST(test_table_ties),     UNIT_TEST(test_table_errors),
    };
    return unit_run("keyness", tests, G_N_ELEMENTS(tests));
}
