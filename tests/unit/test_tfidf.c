/* Unit tests of tfidf: the worked example of scikit-learn's TfidfVectorizer (three Arabic
 * documents) under the default and under log tf, plain idf and l1, every tf, idf and unit
 * weight on a small example computed by hand, and the SMART letters.
 * SPDX-License-Identifier: MIT */
#include <math.h>

#include <corpus/error.h>
#include <corpus/tfidf.h>

#include "unit.h"

/* The third document of the worked example, كتب المعلم الدرس الدرس, over the vocabulary
 * الدرس, الكتاب, المعلم, الولد, قرأ, كتب of the three documents
 * كتب الولد الدرس / قرأ الولد الكتاب / كتب المعلم الدرس الدرس. */
static const guint64 doc3_tf[] = {2, 0, 1, 0, 0, 1};
static const guint64 df[] = {2, 1, 1, 2, 1, 2};

static void idf_of(CorpusIdfWeight w, double *idf)
{
    for (size_t i = 0; i < G_N_ELEMENTS(df); i++)
        idf[i] = corpus_idf_weight(w, 3, df[i]);
}

/* Default: idf(df=2) = ln(4/3) + 1 = 1.2876821, idf(df=1) = ln 2 + 1 = 1.6931472; weights
 * 2.5753641, 1.6931472, 1.2876821; L2 norm sqrt(6.6325005 + 2.8667474 + 1.6581250) = 3.3402654
 * (ALGORITHMS.md rounds it up to 3.3402655); row 0.7710058, 0.5068900, 0.3855029. */
static void test_worked_example_default(void)
{
    CorpusTfidfScheme s = CORPUS_TFIDF_DEFAULT;
    double idf[6], row[6];

    idf_of(s.idf, idf);
    ASSERT_NEAR(idf[0], 1.2876821, 5e-8);
    ASSERT_NEAR(idf[1], 1.6931472, 5e-8);
    double norm = corpus_tfidf_row(&s, doc3_tf, idf, 6, row);
    ASSERT_NEAR(norm, 3.3402654, 5e-8);
    ASSERT_NEAR(row[0], 0.7710058, 5e-8);
    ASSERT_NEAR(row[2], 0.5068900, 5e-8);
    ASSERT_NEAR(row[5], 0.3855029, 5e-8);
    ASSERT_NEAR(row[1], 0, 0);
    ASSERT_NEAR(row[3], 0, 0);
    ASSERT_NEAR(row[4], 0, 0);
    /* And to the last bits, from the formulas. */
    double a = 2 * (log(4.0 / 3) + 1), b = log(2.0) + 1, c = log(4.0 / 3) + 1;
    double n = sqrt(a * a + b * b + c * c);
    ASSERT_NEAR(row[0], a / n, 1e-15);
    ASSERT_NEAR(row[2], b / n, 1e-15);
    ASSERT_NEAR(row[5], c / n, 1e-15);
}

/* --tf=log --idf=plain --unit=l1: idf(df=2) = ln 1.5 + 1 = 1.4054651, idf(df=1) = ln 3 + 1 =
 * 2.0986123; row 0.4044469, 0.3566802, 0.2388729. */
static void test_worked_example_log_plain_l1(void)
{
    CorpusTfidfScheme s = CORPUS_TFIDF_DEFAULT;
    double idf[6], row[6];
    GError *error = NULL;

    CU_ASSERT(corpus_tfidf_parse("log", "plain", "l1", &s, &error));
    CU_ASSERT(s.tf == CORPUS_TF_LOG && s.idf == CORPUS_IDF_PLAIN && s.unit == CORPUS_UNIT_L1);
    idf_of(s.idf, idf);
    ASSERT_NEAR(idf[0], 1.4054651, 5e-8);
    ASSERT_NEAR(idf[1], 2.0986123, 5e-8);
    corpus_tfidf_row(&s, doc3_tf, idf, 6, row);
    ASSERT_NEAR(row[0], 0.4044469, 5e-8);
    ASSERT_NEAR(row[2], 0.3566802, 5e-8);
    ASSERT_NEAR(row[5], 0.2388729, 5e-8);
    ASSERT_NEAR(row[0] + row[2] + row[5], 1, 1e-15);
}

/* A document with counts 3, 1, 0, 2: max 3, mean over its three terms 2.
 * raw 3 1 0 2; log 1 + ln 3 = 2.0986123, 1, 0, 1 + ln 2 = 1.6931472; binary 1 1 0 1;
 * augmented 0.5 + 0.5 tf/3: 1, 0.6666667, 0, 0.8333333; logave (1 + ln tf)/(1 + ln 2):
 * 2.0986123 / 1.6931472 = 1.2394742, 0.5906161, 0, 1. */
static void test_tf_weights(void)
{
    static const guint64 tf[] = {3, 1, 0, 2};
    static const double want[][4] = {
        {3, 1, 0, 2},
        {2.0986123, 1, 0, 1.6931472},
        {1, 1, 0, 1},
        {1, 0.6666667, 0, 0.8333333},
        {1.2394742, 0.5906161, 0, 1},
    };
    static const CorpusTfWeight w[] = {CORPUS_TF_RAW, CORPUS_TF_LOG, CORPUS_TF_BINARY,
                                       CORPUS_TF_AUGMENTED, CORPUS_TF_LOG_AVE};
    for (size_t k = 0; k < G_N_ELEMENTS(w); k++) {
        for (size_t i = 0; i < 4; i++)
            ASSERT_NEAR(corpus_tf_weight(w[k], tf[i], 3, 2.0), want[k][i], 5e-8);
    }
}

/* N = 4, df 1, 2, 3, 4: smooth ln(5/(1+df)) + 1 = 1.9162907, 1.5108256, 1.2231436, 1;
 * plain ln(4/df) + 1 = 2.3862944, 1.6931472, 1.2876821, 1; log ln(4/df) = 1.3862944,
 * 0.6931472, 0.2876821, 0; prob max(0, ln((4 - df)/df)) = 1.0986123, 0, 0, 0; none 1. */
static void test_idf_weights(void)
{
    static const double want[][4] = {
        {1.9162907, 1.5108256, 1.2231436, 1},
        {2.3862944, 1.6931472, 1.2876821, 1},
        {1.3862944, 0.6931472, 0.2876821, 0},
        {1.0986123, 0, 0, 0},
        {1, 1, 1, 1},
    };
    static const CorpusIdfWeight w[] = {CORPUS_IDF_SMOOTH, CORPUS_IDF_PLAIN, CORPUS_IDF_LOG,
                                        CORPUS_IDF_PROB, CORPUS_IDF_NONE};
    for (size_t k = 0; k < G_N_ELEMENTS(w); k++) {
        for (guint64 d = 1; d <= 4; d++)
            ASSERT_NEAR(corpus_idf_weight(w[k], 4, d), want[k][d - 1], 5e-8);
    }
}

/* Rows: counts 3, 0, 4 with idf 1: l2 divides by 5 (0.6, 0, 0.8), l1 by 7, none keeps them; a
 * row of zeros stays zeros with every unit. */
static void test_units(void)
{
    static const guint64 tf[] = {3, 0, 4}, zero[] = {0, 0, 0};
    static const double idf[] = {1, 1, 1};
    CorpusTfidfScheme s = {CORPUS_TF_RAW, CORPUS_IDF_NONE, CORPUS_UNIT_L2};
    double row[3];

    ASSERT_NEAR(corpus_tfidf_row(&s, tf, idf, 3, row), 5, 0);
    ASSERT_NEAR(row[0], 0.6, 1e-16);
    ASSERT_NEAR(row[2], 0.8, 1e-16);
    s.unit = CORPUS_UNIT_L1;
    ASSERT_NEAR(corpus_tfidf_row(&s, tf, idf, 3, row), 7, 0);
    ASSERT_NEAR(row[0], 3.0 / 7, 1e-16);
    s.unit = CORPUS_UNIT_NONE;
    corpus_tfidf_row(&s, tf, idf, 3, row);
    ASSERT_NEAR(row[2], 4, 0);
    for (int u = CORPUS_UNIT_L2; u <= CORPUS_UNIT_NONE; u++) {
        s.unit = (CorpusUnit)u;
        ASSERT_NEAR(corpus_tfidf_row(&s, zero, idf, 3, row), 0, 0);
        CU_ASSERT(row[0] == 0 && row[1] == 0 && row[2] == 0);
    }
}

/* Each SMART letter maps to its weight; lnc is log tf, no idf, cosine. */
static void test_smart(void)
{
    static const struct {
        const char *smart;
        CorpusTfWeight tf;
        CorpusIdfWeight idf;
        CorpusUnit unit;
    } cases[] = {
        {"nnn", CORPUS_TF_RAW, CORPUS_IDF_NONE, CORPUS_UNIT_NONE},
        {"lnc", CORPUS_TF_LOG, CORPUS_IDF_NONE, CORPUS_UNIT_L2},
        {"ltc", CORPUS_TF_LOG, CORPUS_IDF_LOG, CORPUS_UNIT_L2},
        {"apn", CORPUS_TF_AUGMENTED, CORPUS_IDF_PROB, CORPUS_UNIT_NONE},
        {"btc", CORPUS_TF_BINARY, CORPUS_IDF_LOG, CORPUS_UNIT_L2},
        {"Ltn", CORPUS_TF_LOG_AVE, CORPUS_IDF_LOG, CORPUS_UNIT_NONE},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        CorpusTfidfScheme s = CORPUS_TFIDF_DEFAULT;
        GError *error = NULL;
        CU_ASSERT(corpus_tfidf_parse_smart(cases[i].smart, &s, &error));
        CU_ASSERT(s.tf == cases[i].tf && s.idf == cases[i].idf && s.unit == cases[i].unit);
        g_clear_error(&error);
    }
    static const char *const bad[] = {"", "nn", "nnnn", "xnn", "nxn", "nnx", "NTC", "ltu"};
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        CorpusTfidfScheme s = CORPUS_TFIDF_DEFAULT;
        GError *error = NULL;
        CU_ASSERT(!corpus_tfidf_parse_smart(bad[i], &s, &error));
        UNIT_ASSERT_ERROR(error, CORPUS_ERROR_USAGE);
        g_clear_error(&error);
    }
}

/* Every --tf x --idf x --unit combination (75) on one document of the worked example,
 * against the formulas of docs/tfidf.md written out again here: document 3 of the example has
 * counts 2, 1, 1 for terms of df 2, 1, 2 among N = 3 documents; max tf 2, mean tf 4/3. */
static void test_all_combinations(void)
{
    static const guint64 tf[] = {2, 1, 1};
    static const guint64 dfs[] = {2, 1, 2};
    const double n = 3;
    int checked = 0;

    for (int t = CORPUS_TF_RAW; t <= CORPUS_TF_LOG_AVE; t++) {
        for (int i = CORPUS_IDF_SMOOTH; i <= CORPUS_IDF_NONE; i++) {
            for (int u = CORPUS_UNIT_L2; u <= CORPUS_UNIT_NONE; u++) {
                CorpusTfidfScheme s = {(CorpusTfWeight)t, (CorpusIdfWeight)i, (CorpusUnit)u};
                double idf[3], got[3], want[3], norm = 0;
                for (int k = 0; k < 3; k++) {
                    double x = (double)tf[k], d = (double)dfs[k];
                    double wt = t == CORPUS_TF_RAW         ? x
                                : t == CORPUS_TF_LOG       ? 1 + log(x)
                                : t == CORPUS_TF_BINARY    ? 1
                                : t == CORPUS_TF_AUGMENTED ? 0.5 + 0.5 * x / 2
                                                           : (1 + log(x)) / (1 + log(4.0 / 3));
                    double wi = i == CORPUS_IDF_SMOOTH  ? log((1 + n) / (1 + d)) + 1
                                : i == CORPUS_IDF_PLAIN ? log(n / d) + 1
                                : i == CORPUS_IDF_LOG   ? log(n / d)
                                : i == CORPUS_IDF_PROB  ? fmax(0, log((n - d) / d))
                                                        : 1;
                    idf[k] = corpus_idf_weight(s.idf, 3, dfs[k]);
                    ASSERT_NEAR(idf[k], wi, 1e-15);
                    want[k] = wt * wi;
                    norm += u == CORPUS_UNIT_L2 ? want[k] * want[k] : fabs(want[k]);
                }
                if (u == CORPUS_UNIT_L2)
                    norm = sqrt(norm);
                corpus_tfidf_row(&s, tf, idf, 3, got);
                for (int k = 0; k < 3; k++) {
                    double w = u == CORPUS_UNIT_NONE || norm == 0 ? want[k] : want[k] / norm;
                    ASSERT_NEAR(got[k], w, 1e-14);
                }
                checked++;
            }
        }
    }
    UNIT_ASSERT_INT(checked, 75);
}

static void test_parse_errors(void)
{
    CorpusTfidfScheme s = CORPUS_TFIDF_DEFAULT;
    GError *error = NULL;

    CU_ASSERT(!corpus_tfidf_parse("sqrt", NULL, NULL, &s, &error));
    UNIT_ASSERT_ERROR(error, CORPUS_ERROR_USAGE);
    if (error)
        UNIT_ASSERT_STR(error->message, "invalid --tf value 'sqrt' (expected raw, log, binary, "
                                        "augmented or logave)");
    g_clear_error(&error);
    CU_ASSERT(!corpus_tfidf_parse(NULL, "idf", NULL, &s, &error));
    g_clear_error(&error);
    CU_ASSERT(!corpus_tfidf_parse(NULL, NULL, "l3", &s, &error));
    g_clear_error(&error);
    CU_ASSERT(s.tf == CORPUS_TF_RAW && s.idf == CORPUS_IDF_SMOOTH && s.unit == CORPUS_UNIT_L2);
}

int main(void)
{
    static const UnitTest tests[] = {
        UNIT_TEST(test_worked_example_default),
        UNIT_TEST(test_worked_example_log_plain_l1),
        UNIT_TEST(test_tf_weights),
        UNIT_TEST(test_idf_weights),
        UNIT_TEST(test_units),
        UNIT_TEST(test_smart),
        UNIT_TEST(test_all_combinations),
        UNIT_TEST(test_parse_errors),
    };
    return unit_run("tfidf", tests, G_N_ELEMENTS(tests));
}
