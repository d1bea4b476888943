/* Unit tests of assoc: every pair measure on the worked example of docs/measures.md (O11 = 10,
 * R1 = C1 = 20, N = 60), windows wider than 2, Fisher's exact test against exact fractions, GSL
 * on small tables and, for counts beyond 2^32, the product formula and the symmetry of the
 * distribution; the tables that cannot be scored; the trigram measures on NLTK's doctest marginals
 * and on a cube worked by hand; and --measures lists. SPDX-License-Identifier: MIT */
#include <math.h>

#include <gsl/gsl_cdf.h>

#include <corpus/assoc.h>
#include <corpus/error.h>

#include "unit.h"

/* got is within rel * |want| of want. */

/* Tolerance of Fisher's test on small tables: a few roundings. */
#define FISHER_TOL 1e-14

static double pair_score(guint64 count, guint64 f1, guint64 f2, guint64 n, guint window,
                         CorpusMeasure m)
{
    CorpusPairCounts c = {count, f1, f2, n, window};
    return corpus_pair_score(&c, m);
}

static gboolean pair_scorable(guint64 count, guint64 f1, guint64 f2, guint64 n, guint window)
{
    CorpusPairCounts c = {count, f1, f2, n, window};
    return corpus_pair_scorable(&c);
}

/* Every name maps back to its measure; the trigram and p-value sets of assoc.h. */
static void test_names(void)
{
    int trigram = 0, pvalue = 0;

    for (int i = 0; i < CORPUS_MEASURE_N; i++) {
        CorpusMeasure m = (CorpusMeasure)i, back;
        const char *name = corpus_measure_name(m);
        CU_ASSERT_FATAL(name != NULL);
        CU_ASSERT(corpus_measure_lookup(name, &back) && back == m);
        trigram += corpus_measure_has_trigram(m);
        pvalue += corpus_measure_has_pvalue(m);
    }
    UNIT_ASSERT_INT(trigram, 8);
    UNIT_ASSERT_INT(pvalue, 3);
    CU_ASSERT(corpus_measure_has_trigram(CORPUS_MEASURE_POISSON_STIRLING));
    CU_ASSERT(!corpus_measure_has_trigram(CORPUS_MEASURE_DICE));
    CU_ASSERT(corpus_measure_has_pvalue(CORPUS_MEASURE_CHI2_YATES));
    CU_ASSERT(!corpus_measure_has_pvalue(CORPUS_MEASURE_PHI2));
    UNIT_ASSERT_STR(corpus_measure_name(CORPUS_MEASURE_LOG_ODDS), "log-odds");
    UNIT_ASSERT_STR(corpus_measure_name(CORPUS_MEASURE_FISHER_TWO), "fisher-two");

    CorpusMeasure m;
    CU_ASSERT(!corpus_measure_lookup("PMI", &m));
    CU_ASSERT(!corpus_measure_lookup("all", &m));
    CU_ASSERT(!corpus_measure_lookup("", &m));
}

/* The worked example: O11 = 10, R1 = C1 = 20, N = 60, so O12 = O21 = 10, O22 = 30 and
 * E11 = 20 * 20 / 60 = 20/3, E12 = E21 = 40/3, E22 = 80/3.  Each measure against the value of
 * the documentation, to the 7 decimals it prints (half a unit of the last one), and against
 * its closed form (relative 1e-14, the rounding of the two ways to compute it):
 *   freq 10/60; pmi log2(10 * 60 / 400) = log2 1.5; npmi ln 1.5 / ln 6;
 *   pmi2 log2(100 / (20/3)) = log2 15; pmi3 log2(1000 / (20/3)) = log2 150;
 *   llr 2 (10 ln 1.5 + 2 * 10 ln(10 / (40/3)) + 30 ln(30 / (80/3)));
 *   phi2 (10 * 30 - 10 * 10)^2 / (20 * 20 * 40 * 40) = 40000 / 640000; chi2 60 phi2;
 *   chi2-yates 60 (200 - 30)^2 / 640000; t (10 - 20/3) / sqrt 10; z (10 - 20/3) / sqrt(20/3);
 *   dice 40 / 40 / 2; logdice 14 + log2 0.5 = 13; jaccard 10 / 30;
 *   log-odds ln(10.5 * 30.5 / (10.5 * 10.5)) = ln(30.5 / 10.5);
 *   poisson-stirling 10 (log2 1.5 - 1); mi-like 1000 / 400; min-sensitivity 10 / 20.
 * Fisher: the documentation gives SciPy's values to 11 decimals. */
static void test_worked_example(void)
{
    static const struct {
        CorpusMeasure m;
        double doc;   /* value of the documentation */
        double exact; /* closed form, or NAN */
    } cases[] = {
        {CORPUS_MEASURE_FREQ, 0.1666667, 10.0 / 60},
        {CORPUS_MEASURE_PMI, 0.5849625, NAN},
        {CORPUS_MEASURE_NPMI, 0.2262944, NAN},
        {CORPUS_MEASURE_PMI2, 3.9068906, NAN},
        {CORPUS_MEASURE_PMI3, 7.2288187, NAN},
        {CORPUS_MEASURE_LLR, 3.6690014, NAN},
        {CORPUS_MEASURE_CHI2, 3.75, 3.75},
        {CORPUS_MEASURE_CHI2_YATES, 2.709375, 60.0 * 170 * 170 / 640000},
        {CORPUS_MEASURE_PHI2, 0.0625, 0.0625},
        {CORPUS_MEASURE_T, 1.0540926, NAN},
        {CORPUS_MEASURE_Z, 1.2909944, NAN},
        {CORPUS_MEASURE_DICE, 0.5, 0.5},
        {CORPUS_MEASURE_LOGDICE, 13.0, 13.0},
        {CORPUS_MEASURE_JACCARD, 0.3333333, 1.0 / 3},
        {CORPUS_MEASURE_LOG_ODDS, 1.0663514, NAN},
        {CORPUS_MEASURE_POISSON_STIRLING, -4.1503750, NAN},
        {CORPUS_MEASURE_MI_LIKE, 2.5, 2.5},
        {CORPUS_MEASURE_MIN_SENSITIVITY, 0.5, 0.5},
    };
    double exact[CORPUS_MEASURE_N];

    for (int i = 0; i < CORPUS_MEASURE_N; i++)
        exact[i] = NAN;
    exact[CORPUS_MEASURE_PMI] = log2(1.5);
    exact[CORPUS_MEASURE_NPMI] = log(1.5) / log(6.0);
    exact[CORPUS_MEASURE_PMI2] = log2(15.0);
    exact[CORPUS_MEASURE_PMI3] = log2(150.0);
    exact[CORPUS_MEASURE_LLR] =
        2 * (10 * log(1.5) + 20 * log(10 / (40.0 / 3)) + 30 * log(30 / (80.0 / 3)));
    exact[CORPUS_MEASURE_T] = (10 - 20.0 / 3) / sqrt(10.0);
    exact[CORPUS_MEASURE_Z] = (10 - 20.0 / 3) / sqrt(20.0 / 3);
    exact[CORPUS_MEASURE_LOG_ODDS] = log(30.5 / 10.5);
    exact[CORPUS_MEASURE_POISSON_STIRLING] = 10 * (log2(1.5) - 1);

    CU_ASSERT(pair_scorable(10, 20, 20, 60, 2));
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        double got = pair_score(10, 20, 20, 60, 2, cases[i].m);
        double x = isnan(cases[i].exact) ? exact[cases[i].m] : cases[i].exact;
        ASSERT_NEAR(got, cases[i].doc, 5e-8);
        CU_ASSERT(!isnan(x));
        ASSERT_REL(got, x, 1e-14);
    }
    ASSERT_NEAR(pair_score(10, 20, 20, 60, 2, CORPUS_MEASURE_FISHER_LEFT), 0.98634988542, 6e-12);
    ASSERT_NEAR(pair_score(10, 20, 20, 60, 2, CORPUS_MEASURE_FISHER_RIGHT), 0.05101084403, 6e-12);
    ASSERT_NEAR(pair_score(10, 20, 20, 60, 2, CORPUS_MEASURE_FISHER_TWO), 0.08094054589, 6e-12);
}

/* Window 3: a pair seen twice counts O11 = 2 / (3 - 1) = 1.  With R1 = 4, C1 = 5, N = 100:
 * pmi = log2(1 * 100) - log2(20) = log2 5, t = (1 - 20/100) / sqrt 1 = 0.8, freq = 1/100.
 * Fisher's table is [[1, 4], [3, 92]] (n1 = 5, n2 = 95, t = 4), so fisher-right is
 * 1 - P(X = 0), P(0) = C(95, 4) / C(100, 4) = (95 * 94 * 93 * 92) / (100 * 99 * 98 * 97). */
static void test_window(void)
{
    CU_ASSERT(pair_scorable(2, 4, 5, 100, 3));
    ASSERT_REL(pair_score(2, 4, 5, 100, 3, CORPUS_MEASURE_PMI), log2(5.0), 1e-15);
    ASSERT_REL(pair_score(2, 4, 5, 100, 3, CORPUS_MEASURE_T), 0.8, 1e-15);
    ASSERT_REL(pair_score(2, 4, 5, 100, 3, CORPUS_MEASURE_FREQ), 0.01, 1e-15);
    double p0 = (95.0 * 94 * 93 * 92) / (100.0 * 99 * 98 * 97);
    ASSERT_NEAR(pair_score(2, 4, 5, 100, 3, CORPUS_MEASURE_FISHER_RIGHT), 1 - p0, FISHER_TOL);
    /* The same counts in adjacent windows (O11 = 2) score differently. */
    ASSERT_REL(pair_score(2, 4, 5, 100, 2, CORPUS_MEASURE_PMI), log2(10.0), 1e-15);
}

/* The table [[1, 2], [3, 4]]: n1 = 3 successes, n2 = 7 failures, t = 4 draws, so
 * P(k) = C(3, k) C(7, 4 - k) / C(10, 4) = 35, 105, 63, 7 (over 210) for k = 0..3.
 *   left  P(X <= k): 35/210 = 1/6, 140/210 = 2/3, 203/210 = 29/30, 1;
 *   right P(X >= k): 1, 175/210 = 5/6, 70/210 = 1/3, 7/210 = 1/30;
 *   two   (P(j) <= P(k)): k=0 {35, 7} 42/210 = 1/5; k=1 is the mode, 1;
 *         k=2 {35, 63, 7} 105/210 = 1/2; k=3 {7} 1/30. */
static void test_fisher_small(void)
{
    static const double left[] = {1.0 / 6, 2.0 / 3, 29.0 / 30, 1};
    static const double right[] = {1, 5.0 / 6, 1.0 / 3, 1.0 / 30};
    static const double two[] = {1.0 / 5, 1, 1.0 / 2, 1.0 / 30};

    for (guint64 k = 0; k < 4; k++) {
        ASSERT_NEAR(corpus_hypergeom_left(k, 3, 7, 4), left[k], FISHER_TOL);
        ASSERT_NEAR(corpus_hypergeom_right(k, 3, 7, 4), right[k], FISHER_TOL);
        ASSERT_NEAR(corpus_hypergeom_two(k, 3, 7, 4), two[k], FISHER_TOL);
    }
    /* Outside the support [0, 3]. */
    ASSERT_NEAR(corpus_hypergeom_left(4, 3, 7, 4), 1, 0);
    ASSERT_NEAR(corpus_hypergeom_right(4, 3, 7, 4), 0, 0);
    ASSERT_NEAR(corpus_hypergeom_two(4, 3, 7, 4), 0, 0);

    /* As a pair: O11 = 1, O21 = C1 - O11 = 2, O12 = R1 - O11 = 3, O22 = 4, so C1 = 3, R1 = 4,
     * N = 10. */
    ASSERT_NEAR(pair_score(1, 4, 3, 10, 2, CORPUS_MEASURE_FISHER_LEFT), 2.0 / 3, FISHER_TOL);
    ASSERT_NEAR(pair_score(1, 4, 3, 10, 2, CORPUS_MEASURE_FISHER_RIGHT), 5.0 / 6, FISHER_TOL);
    ASSERT_NEAR(pair_score(1, 4, 3, 10, 2, CORPUS_MEASURE_FISHER_TWO), 1, FISHER_TOL);
}

/* The table [[3, 0], [1, 4]], with a zero cell: n1 = 3, n2 = 5, t = 4,
 * P(k) = C(3, k) C(5, 4 - k) / C(8, 4) = 5, 30, 30, 5 (over 70).  Symmetric (t = N/2): the
 * ties P(0) = P(3) and P(1) = P(2) are exact.
 *   left(3) = 1, right(3) = 5/70 = 1/14, two(3) = (5 + 5)/70 = 1/7;
 *   left(0) = 1/14, right(0) = 1, two(0) = 1/7; two(1) = two(2) = 1. */
static void test_fisher_zero_cell(void)
{
    ASSERT_NEAR(corpus_hypergeom_left(3, 3, 5, 4), 1, FISHER_TOL);
    ASSERT_NEAR(corpus_hypergeom_right(3, 3, 5, 4), 1.0 / 14, FISHER_TOL);
    ASSERT_NEAR(corpus_hypergeom_two(3, 3, 5, 4), 1.0 / 7, FISHER_TOL);
    ASSERT_NEAR(corpus_hypergeom_left(0, 3, 5, 4), 1.0 / 14, FISHER_TOL);
    ASSERT_NEAR(corpus_hypergeom_right(0, 3, 5, 4), 1, FISHER_TOL);
    ASSERT_NEAR(corpus_hypergeom_two(0, 3, 5, 4), 1.0 / 7, FISHER_TOL);
    ASSERT_NEAR(corpus_hypergeom_two(1, 3, 5, 4), 1, FISHER_TOL);
    ASSERT_NEAR(corpus_hypergeom_two(2, 3, 5, 4), 1, FISHER_TOL);

    /* As a pair: O11 = 3, O21 = 0 (C1 = 3), O12 = 1 (R1 = 4), O22 = 4 (N = 8). */
    CU_ASSERT(pair_scorable(3, 4, 3, 8, 2));
    ASSERT_NEAR(pair_score(3, 4, 3, 8, 2, CORPUS_MEASURE_FISHER_LEFT), 1, FISHER_TOL);
    ASSERT_NEAR(pair_score(3, 4, 3, 8, 2, CORPUS_MEASURE_FISHER_RIGHT), 1.0 / 14, FISHER_TOL);
    ASSERT_NEAR(pair_score(3, 4, 3, 8, 2, CORPUS_MEASURE_FISHER_TWO), 1.0 / 7, FISHER_TOL);
}

/* Fractional cells are truncated as SciPy's int64 cast does.  Count 3 in windows of 3:
 * O11 = 1.5, R1 = 4, C1 = 5, N = 30, so NLTK's table [[O11, O21], [O12, O22]] is
 * [[1.5, 3.5], [2.5, 22.5]] and SciPy tests [[1, 3], [2, 22]]: n1 = 4, n2 = 24, t = 3,
 * P(k) = C(4, k) C(24, 3 - k) / C(28, 3) = 2024, 1104, 144, 4 (over 3276).
 *   left(1) = 3128/3276 = 782/819; right(1) = 1252/3276 = 313/819; two(1) = right(1), as
 *   P(0) > P(1).
 * Count 1 in windows of 3 with R1 = 1: O11 = 0.5 and O12 = 0.5 truncate to 0, a column of
 * zeros, for which SciPy returns p = 1. */
static void test_fisher_truncation(void)
{
    CU_ASSERT(pair_scorable(3, 4, 5, 30, 3));
    ASSERT_NEAR(pair_score(3, 4, 5, 30, 3, CORPUS_MEASURE_FISHER_LEFT), 782.0 / 819, FISHER_TOL);
    ASSERT_NEAR(pair_score(3, 4, 5, 30, 3, CORPUS_MEASURE_FISHER_RIGHT), 313.0 / 819, FISHER_TOL);
    ASSERT_NEAR(pair_score(3, 4, 5, 30, 3, CORPUS_MEASURE_FISHER_TWO), 313.0 / 819, FISHER_TOL);

    CU_ASSERT(pair_scorable(1, 1, 5, 20, 3));
    for (int m = CORPUS_MEASURE_FISHER_LEFT; m <= CORPUS_MEASURE_FISHER_TWO; m++)
        ASSERT_NEAR(pair_score(1, 1, 5, 20, 3, (CorpusMeasure)m), 1, 0);
    /* Degenerate distributions directly: no successes, or every ball drawn. */
    ASSERT_NEAR(corpus_hypergeom_left(0, 0, 5, 3), 1, 0);
    ASSERT_NEAR(corpus_hypergeom_right(0, 0, 5, 3), 1, 0);
    ASSERT_NEAR(corpus_hypergeom_two(0, 0, 5, 3), 1, 0);
    ASSERT_NEAR(corpus_hypergeom_left(4, 5, 5, 10), 0, 0);
    ASSERT_NEAR(corpus_hypergeom_left(5, 5, 5, 10), 1, 0);
    ASSERT_NEAR(corpus_hypergeom_right(5, 5, 5, 10), 1, 0);
    ASSERT_NEAR(corpus_hypergeom_right(6, 5, 5, 10), 0, 0);
    ASSERT_NEAR(corpus_hypergeom_two(5, 5, 5, 10), 1, 0);
}

/* Pairs seen once, the bulk of the candidates.  Both words seen once among 1209 tokens: the
 * pair is certain to be seen or not (n1 = t = 1), so fisher-right = fisher-two = 1/1209 and
 * fisher-left = 1.  Both seen 100 times among 10^6: fisher-right = 1 - P(0) with
 * P(0) = prod_{i<100} (999900 - i) / (10^6 - i), that is -expm1(sum log1p(-100 / (10^6 - i)));
 * fisher-two is the same, as P(0) is the mode. */
static void test_fisher_seen_once(void)
{
    double log_p0 = 0;

    ASSERT_REL(pair_score(1, 1, 1, 1209, 2, CORPUS_MEASURE_FISHER_RIGHT), 1.0 / 1209, 1e-15);
    ASSERT_REL(pair_score(1, 1, 1, 1209, 2, CORPUS_MEASURE_FISHER_TWO), 1.0 / 1209, 1e-15);
    ASSERT_NEAR(pair_score(1, 1, 1, 1209, 2, CORPUS_MEASURE_FISHER_LEFT), 1, 0);
    for (int i = 0; i < 100; i++)
        log_p0 += log1p(-100.0 / (1000000 - i));
    ASSERT_REL(pair_score(1, 100, 100, 1000000, 2, CORPUS_MEASURE_FISHER_RIGHT), -expm1(log_p0),
               1e-13);
    ASSERT_REL(pair_score(1, 100, 100, 1000000, 2, CORPUS_MEASURE_FISHER_TWO), -expm1(log_p0),
               1e-13);
}

/* A distribution with counts beyond 2^32 whose n1 or t is at most 20, against the product
 * formula: with s = min(n1, t) and b = max(n1, t) (the distribution is symmetric in n1 and t),
 * P(k) = C(s, k) prod_{i<k} (b - i) prod_{i<s-k} (N - b - i) / prod_{i<s} (N - i), each of the
 * 2s factors paired with one of the denominator, so the product is good to ~1e-15.  Requires
 * t <= n2 (the support starts at 0). */
static void check_few(guint64 n1, guint64 n2, guint64 t)
{
    const guint64 s = MIN(n1, t), b = MAX(n1, t), n = n1 + n2;
    double p[21];

    CU_ASSERT_FATAL(s <= 20 && t <= n2);
    for (guint64 k = 0; k <= s; k++) {
        double x = 1;
        for (guint64 i = 0; i < k; i++)
            x *= (double)(b - i) / (double)(n - i);
        for (guint64 i = 0; i < s - k; i++)
            x *= (double)(n - b - i) / (double)(n - k - i);
        for (guint64 i = 0; i < k; i++)
            x = x * (double)(s - i) / (double)(i + 1);
        p[k] = x;
    }
    for (guint64 k = 0; k <= s; k++) {
        double left = 0, right = 0, two = 0;
        for (guint64 j = 0; j <= s; j++) {
            left += j <= k ? p[j] : 0;
            right += j >= k ? p[j] : 0;
            two += p[j] <= p[k] * (1 + 1e-14) ? p[j] : 0;
        }
        ASSERT_REL(corpus_hypergeom_left(k, n1, n2, t), left, 1e-13);
        ASSERT_REL(corpus_hypergeom_right(k, n1, n2, t), right, 1e-13);
        ASSERT_REL(corpus_hypergeom_two(k, n1, n2, t), two, 1e-13);
    }
}

/* Few draws from an urn of 2^32 + 1000 balls, half of them successes; five successes among
 * 2^33 + 5 balls, half of them drawn; 20 successes among 7e9 balls, 3e9 of them drawn. */
static void test_fisher_large_few(void)
{
    const guint64 half = G_GUINT64_CONSTANT(1) << 31;

    check_few(half, half + 1000, 20);
    check_few(5, G_GUINT64_CONSTANT(1) << 33, G_GUINT64_CONSTANT(1) << 32);
    check_few(20, 7000000000u - 20, 3000000000u);
}

/* Counts beyond 2^32 and many draws: n1 = n2 = 3e9, t = 4e9.  With n1 = n2 the distribution
 * is symmetric about its mean t/2 = 2e9, so P(X < 2e9) = P(X > 2e9) and
 * P(X <= 2e9) = 1/2 + P(2e9)/2 exactly.  Its variance is
 * t (n1/N) (n2/N) (N - t)/(N - 1) = 1e9 * 2e9 / (6e9 - 1), sigma ~ 18257, and by the local
 * limit theorem P(2e9) = 1 / (sigma sqrt(2 pi)) up to a relative term of the order of the
 * excess kurtosis, 1/sigma^2 ~ 3e-9: so P(X <= 2e9) is known to ~1e-13.
 * A tail 50000 above the mean is the normal tail with continuity correction,
 * Q((50000 - 1/2) / sigma), up to a relative ~1e-8 (the kurtosis term again, at z ~ 2.7); by
 * symmetry the tail as far below is the same (computed walking the other way), and the
 * two-sided p-value twice that. */
static void test_fisher_large_symmetric(void)
{
    const guint64 n1 = 3000000000u, n2 = 3000000000u, t = 4000000000u, mean = 2000000000u;
    const double sigma = sqrt(1e9 * 2e9 / (6e9 - 1));

    ASSERT_NEAR(corpus_hypergeom_left(mean, n1, n2, t), 0.5 + 0.5 / (sigma * sqrt(2 * G_PI)),
                1e-12);
    ASSERT_NEAR(corpus_hypergeom_right(mean, n1, n2, t), 0.5 + 0.5 / (sigma * sqrt(2 * G_PI)),
                1e-12);
    ASSERT_NEAR(corpus_hypergeom_two(mean, n1, n2, t), 1, 0);

    double normal = 0.5 * erfc((50000 - 0.5) / sigma / sqrt(2.0));
    double right = corpus_hypergeom_right(mean + 50000, n1, n2, t);
    ASSERT_REL(right, normal, 1e-7);
    ASSERT_REL(corpus_hypergeom_left(mean - 50000, n1, n2, t), right, 1e-12);
    ASSERT_REL(corpus_hypergeom_two(mean + 50000, n1, n2, t), 2 * right, 1e-12);
    ASSERT_REL(corpus_hypergeom_two(mean - 50000, n1, n2, t), 2 * right, 1e-12);
    /* P(X <= mean + d) = 1 - P(X >= mean + d + 1) = 1 - P(X <= mean - d - 1). */
    ASSERT_NEAR(corpus_hypergeom_left(mean + 50000, n1, n2, t) +
                    corpus_hypergeom_left(mean - 50001, n1, n2, t),
                1, 1e-15);
}

/* Every table with N <= 40 against GSL's cumulative functions, an independent implementation
 * (sums of probabilities from ln-factorials, good to ~1e-13 relative at this size). */
static void test_fisher_against_gsl(void)
{
    guint checked = 0, failed = 0;

    for (guint64 n = 1; n <= 40; n++) {
        for (guint64 n1 = 0; n1 <= n; n1++) {
            for (guint64 t = 0; t <= n; t++) {
                guint64 lo = t > n - n1 ? t - (n - n1) : 0, hi = MIN(n1, t);
                for (guint64 k = lo; k <= hi; k++) {
                    unsigned uk = (unsigned)k, u1 = (unsigned)n1, u2 = (unsigned)(n - n1);
                    double left = gsl_cdf_hypergeometric_P(uk, u1, u2, (unsigned)t);
                    double right = k ? gsl_cdf_hypergeometric_Q(uk - 1, u1, u2, (unsigned)t) : 1;
                    double got_left = corpus_hypergeom_left(k, n1, n - n1, t);
                    double got_right = corpus_hypergeom_right(k, n1, n - n1, t);
                    gboolean ok = fabs(got_left - left) <= 1e-12 * left &&
                                  fabs(got_right - right) <= 1e-12 * right;
                    if (!ok && failed++ < 5)
                        fprintf(stderr,
                                "k %" G_GUINT64_FORMAT " n1 %" G_GUINT64_FORMAT
                                " n2 %" G_GUINT64_FORMAT " t %" G_GUINT64_FORMAT
                                ": left %.17g right %.17g, GSL %.17g %.17g\n",
                                k, n1, n - n1, t, got_left, got_right, left, right);
                    checked++;
                }
            }
        }
    }
    UNIT_ASSERT_INT(failed, 0);
    CU_ASSERT(checked > 100000);
}

/* Tables that cannot be scored, and every measure finite on some that can. */
static void test_scorable(void)
{
    /* "a a a": N = 3, R1 = C1 = 3, O11 = 2 (O22 = -1, and R1 = N). */
    CU_ASSERT(!pair_scorable(2, 3, 3, 3, 2));
    /* O11 = 0; R1 = N; C1 = 0; R1 > N. */
    CU_ASSERT(!pair_scorable(0, 4, 5, 100, 2));
    CU_ASSERT(!pair_scorable(1, 100, 5, 100, 2));
    CU_ASSERT(!pair_scorable(1, 4, 0, 100, 2));
    CU_ASSERT(!pair_scorable(1, 101, 5, 100, 2));
    /* A negative O22 with both marginals below N: 5 - 4 - 4 + 2 = -1. */
    CU_ASSERT(!pair_scorable(2, 4, 4, 5, 2));
    /* O11 > R1, so O12 < 0; with window 3, 2 / 2 = 1 <= R1 = 1 is fine but 3 / 2 is not. */
    CU_ASSERT(!pair_scorable(5, 3, 6, 20, 2));
    CU_ASSERT(pair_scorable(2, 1, 6, 20, 3));
    CU_ASSERT(!pair_scorable(3, 1, 6, 20, 3));

    /* Scorable edge cases: O22 = 0; O12 = O21 = 0; R1 = C1 = 1; fractional O11; counts beyond
     * 2^32. */
    static const CorpusPairCounts ok[] = {
        {2, 3, 3, 4, 2},
        {3, 3, 3, 10, 2},
        {1, 1, 1, 2, 2},
        {1, 1, 1, 1000000, 2},
        {7, 5, 9, 40, 4},
        {G_GUINT64_CONSTANT(1) << 33, G_GUINT64_CONSTANT(1) << 34, G_GUINT64_CONSTANT(1) << 35,
         G_GUINT64_CONSTANT(1) << 40, 2},
        {1, 3000000000u, 3000000000u, 6000000001u, 2},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(ok); i++) {
        CU_ASSERT(corpus_pair_scorable(&ok[i]));
        for (int m = 0; m < CORPUS_MEASURE_N; m++) {
            double v = corpus_pair_score(&ok[i], (CorpusMeasure)m);
            if (!isfinite(v))
                fprintf(stderr, "table %zu: %s = %g\n", i, corpus_measure_name(m), v);
            CU_ASSERT(isfinite(v));
        }
    }
    /* Perfect association, O11 = R1 = C1 = 1 of N = 2: npmi ln(2) / ln(2) = 1. */
    ASSERT_NEAR(pair_score(1, 1, 1, 2, 2, CORPUS_MEASURE_NPMI), 1, 1e-15);
}

/* NLTK's doctest marginals (1, (1, 1, 1), (1, 73, 1), 2000), whose cube is
 * (1, 0, 0, 0, 0, 72, 0, 1927): pmi = log2(1 * 2000^2) - log2(73) = 15.7417440, and
 * likelihood_ratio 23.8354524. */
static void test_trigram_nltk(void)
{
    CorpusTripleCounts c = {1, 1, 1, 1, 1, 73, 1, 2000};

    CU_ASSERT(corpus_triple_scorable(&c));
    ASSERT_REL(corpus_triple_score(&c, CORPUS_MEASURE_PMI), 15.7417440, 1e-8);
    ASSERT_REL(corpus_triple_score(&c, CORPUS_MEASURE_PMI), log2(4e6 / 73), 1e-15);
    ASSERT_REL(corpus_triple_score(&c, CORPUS_MEASURE_LLR), 23.8354524, 1e-8);
}

/* A cube by hand: cells (iii, oii, ioi, ooi, iio, oio, ioo, ooo) = (2, 1, 1, 3, 1, 2, 3, 7),
 * so n_iii = 2, n_iix = n_ixi = n_xii = 3, f1 = 2+1+1+3 = 7, f2 = 2+1+1+2 = 6,
 * f3 = 2+1+1+3 = 7, N = 20.  The complements are 13, 14, 13, and each expected value is the
 * product of its three marginals over N^2 = 400: 294, 546, 686, 1274, 546, 1014, 1274, 2366
 * (over 400; they add up to 8000 / 400 = N).
 *   freq 2/20; pmi log2(2 * 400 / 294); t (2 - 294/400) / sqrt 2;
 *   chi2 = sum (400 O - e)^2 / (400 e) = 506^2/117600 + 146^2/218400 + 286^2/274400
 *          + 74^2/509600 + 146^2/218400 + 214^2/405600 + 74^2/509600 + 434^2/946400;
 *   llr = 2 sum O ln(400 O / e); jaccard 2 / (20 - 7) = 2/13;
 *   poisson-stirling 2 (log2(2 / 0.735) - 1); mi-like 2^3 / (7 * 6 * 7) = 8/294. */
static void test_trigram_cube(void)
{
    CorpusTripleCounts c = {2, 3, 3, 3, 7, 6, 7, 20};
    static const double o[] = {2, 1, 1, 3, 1, 2, 3, 7};
    static const double e[] = {294, 546, 686, 1274, 546, 1014, 1274, 2366};
    double llr = 0;

    for (int i = 0; i < 8; i++)
        llr += o[i] * log(400 * o[i] / e[i]);
    llr *= 2;
    double chi2 = 506.0 * 506 / 117600 + 146.0 * 146 / 218400 + 286.0 * 286 / 274400 +
                  74.0 * 74 / 509600 + 146.0 * 146 / 218400 + 214.0 * 214 / 405600 +
                  74.0 * 74 / 509600 + 434.0 * 434 / 946400;

    CU_ASSERT(corpus_triple_scorable(&c));
    ASSERT_REL(corpus_triple_score(&c, CORPUS_MEASURE_FREQ), 0.1, 1e-15);
    ASSERT_REL(corpus_triple_score(&c, CORPUS_MEASURE_PMI), log2(800.0 / 294), 1e-14);
    ASSERT_REL(corpus_triple_score(&c, CORPUS_MEASURE_T), (2 - 0.735) / sqrt(2.0), 1e-14);
    ASSERT_REL(corpus_triple_score(&c, CORPUS_MEASURE_CHI2), chi2, 1e-14);
    ASSERT_REL(corpus_triple_score(&c, CORPUS_MEASURE_LLR), llr, 1e-14);
    ASSERT_REL(corpus_triple_score(&c, CORPUS_MEASURE_JACCARD), 2.0 / 13, 1e-15);
    ASSERT_REL(corpus_triple_score(&c, CORPUS_MEASURE_POISSON_STIRLING), 2 * (log2(2 / 0.735) - 1),
               1e-14);
    ASSERT_REL(corpus_triple_score(&c, CORPUS_MEASURE_MI_LIKE), 8.0 / 294, 1e-15);
}

static void test_trigram_scorable(void)
{
    /* n_iii = 0; f2 = N; f1 = 0; ioo = f1 - iii - ioi - iio = 2 - 2 - 1 - 1 < 0; ooo < 0. */
    CorpusTripleCounts zero = {0, 3, 3, 3, 7, 6, 7, 20};
    CorpusTripleCounts full = {2, 3, 3, 3, 7, 20, 7, 20};
    CorpusTripleCounts none = {2, 3, 3, 3, 0, 6, 7, 20};
    CorpusTripleCounts ioo = {2, 3, 3, 3, 2, 6, 7, 20};
    CorpusTripleCounts ooo = {2, 3, 3, 3, 7, 6, 7, 12};

    CU_ASSERT(!corpus_triple_scorable(&zero));
    CU_ASSERT(!corpus_triple_scorable(&full));
    CU_ASSERT(!corpus_triple_scorable(&none));
    CU_ASSERT(!corpus_triple_scorable(&ioo));
    CU_ASSERT(!corpus_triple_scorable(&ooo));
    /* ooo = 0 exactly is fine: N = 13, and every measure is finite. */
    CorpusTripleCounts edge = {2, 3, 3, 3, 7, 6, 7, 13};
    CU_ASSERT(corpus_triple_scorable(&edge));
    for (int m = 0; m < CORPUS_MEASURE_N; m++) {
        if (corpus_measure_has_trigram((CorpusMeasure)m))
            CU_ASSERT(isfinite(corpus_triple_score(&edge, (CorpusMeasure)m)));
    }
}

static void assert_parse_error(const char *s, guint n, const char *message)
{
    CorpusMeasure out[CORPUS_MEASURE_N];
    guint count = 99;
    GError *error = NULL;

    CU_ASSERT(!corpus_measure_parse_list(s, n, out, &count, &error));
    UNIT_ASSERT_ERROR(error, CORPUS_ERROR_USAGE);
    if (error)
        UNIT_ASSERT_STR(error->message, message);
    g_clear_error(&error);
}

static void test_parse_list(void)
{
    CorpusMeasure out[CORPUS_MEASURE_N];
    guint count = 0;
    GError *error = NULL;

    CU_ASSERT(corpus_measure_parse_list("all", 2, out, &count, &error));
    UNIT_ASSERT_INT(count, CORPUS_MEASURE_N);
    for (guint i = 0; i < count; i++)
        UNIT_ASSERT_INT(out[i], i);

    static const CorpusMeasure tri[] = {
        CORPUS_MEASURE_FREQ,
        CORPUS_MEASURE_PMI,
        CORPUS_MEASURE_LLR,
        CORPUS_MEASURE_CHI2,
        CORPUS_MEASURE_T,
        CORPUS_MEASURE_JACCARD,
        CORPUS_MEASURE_POISSON_STIRLING,
        CORPUS_MEASURE_MI_LIKE,
    };
    CU_ASSERT(corpus_measure_parse_list("all", 3, out, &count, &error));
    UNIT_ASSERT_INT(count, G_N_ELEMENTS(tri));
    for (guint i = 0; i < count && i < G_N_ELEMENTS(tri); i++)
        UNIT_ASSERT_INT(out[i], tri[i]);

    CU_ASSERT(corpus_measure_parse_list("t,pmi,fisher-two,log-odds", 2, out, &count, &error));
    UNIT_ASSERT_INT(count, 4);
    UNIT_ASSERT_INT(out[0], CORPUS_MEASURE_T);
    UNIT_ASSERT_INT(out[1], CORPUS_MEASURE_PMI);
    UNIT_ASSERT_INT(out[2], CORPUS_MEASURE_FISHER_TWO);
    UNIT_ASSERT_INT(out[3], CORPUS_MEASURE_LOG_ODDS);
    CU_ASSERT(corpus_measure_parse_list("mi-like,llr", 3, out, &count, &error));
    UNIT_ASSERT_INT(count, 2);
    UNIT_ASSERT_INT(out[0], CORPUS_MEASURE_MI_LIKE);
    UNIT_ASSERT_INT(out[1], CORPUS_MEASURE_LLR);
    CU_ASSERT(error == NULL);

    assert_parse_error("pmi,foo", 2,
                       "unknown measure 'foo' in --measures (known: freq, pmi, npmi, pmi2, "
                       "pmi3, llr, chi2, chi2-yates, phi2, t, z, dice, logdice, jaccard, "
                       "log-odds, poisson-stirling, mi-like, min-sensitivity, fisher-left, "
                       "fisher-right, fisher-two)");
    assert_parse_error("PMI", 3,
                       "unknown measure 'PMI' in --measures (known: freq, pmi, llr, chi2, t, "
                       "jaccard, poisson-stirling, mi-like)");
    assert_parse_error("pmi, t", 2,
                       "unknown measure ' t' in --measures (known: freq, pmi, npmi, pmi2, "
                       "pmi3, llr, chi2, chi2-yates, phi2, t, z, dice, logdice, jaccard, "
                       "log-odds, poisson-stirling, mi-like, min-sensitivity, fisher-left, "
                       "fisher-right, fisher-two)");
    assert_parse_error("pmi,t,pmi", 2, "measure 'pmi' appears twice in --measures");
    assert_parse_error("", 2, "empty measure name in --measures ''");
    assert_parse_error("pmi,,t", 2, "empty measure name in --measures 'pmi,,t'");
    assert_parse_error("pmi,", 3, "empty measure name in --measures 'pmi,'");
    assert_parse_error("pmi,dice", 3,
                       "measure 'dice' is not defined for trigrams (-n 3); those are: freq, "
                       "pmi, llr, chi2, t, jaccard, poisson-stirling, mi-like");
    assert_parse_error("all,pmi", 2, "'all' in --measures cannot be combined with other measures");
}

/* With one degree of freedom the upper tail is erfc(sqrt(x / 2)); 3.841458820694124 is the
 * 95% quantile. */
/* A table and its transpose (successes and draws traded: n1 <-> t, N kept) have the same
 * p-values to the bit, so that rankings see the tie, as with SciPy (NLTK's fisher). */
static void test_transpose_same_bits(void)
{
    static const guint64 tables[][4] = {
        /* k, n1, n2, t */
        {2, 3, 23395, 8},   {2, 8, 23390, 3},   {1, 40, 1169, 70}, {5, 700, 10000, 20},
        {0, 1, 1208, 1},    {30, 500, 4500, 90},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(tables); i++) {
        guint64 k = tables[i][0], n1 = tables[i][1], n2 = tables[i][2], t = tables[i][3];
        guint64 n = n1 + n2;
        CU_ASSERT(corpus_hypergeom_left(k, n1, n2, t) == corpus_hypergeom_left(k, t, n - t, n1));
        CU_ASSERT(corpus_hypergeom_right(k, n1, n2, t) ==
                  corpus_hypergeom_right(k, t, n - t, n1));
        CU_ASSERT(corpus_hypergeom_two(k, n1, n2, t) == corpus_hypergeom_two(k, t, n - t, n1));
    }
}

static void test_chi2_pvalue(void)
{
    ASSERT_REL(corpus_chi2_pvalue(3.75, 1), erfc(sqrt(3.75 / 2)), 1e-13);
    ASSERT_REL(corpus_chi2_pvalue(3.841458820694124, 1), 0.05, 1e-12);
    ASSERT_REL(corpus_chi2_pvalue(100, 1), erfc(sqrt(50.0)), 1e-12);
    ASSERT_NEAR(corpus_chi2_pvalue(0, 1), 1, 0);
    ASSERT_NEAR(corpus_chi2_pvalue(-1e-15, 1), 1, 0);
    ASSERT_NEAR(corpus_chi2_pvalue(INFINITY, 1), 0, 0);
    CU_ASSERT(isnan(corpus_chi2_pvalue(NAN, 1)));
    /* Four degrees of freedom (triples): Q(x) = exp(-x/2) (1 + x/2), so Q(2) = 2/e and
     * Q(10) = 6 exp(-5). */
    ASSERT_REL(corpus_chi2_pvalue(2, 4), 2 * exp(-1), 1e-13);
    ASSERT_REL(corpus_chi2_pvalue(10, 4), 6 * exp(-5), 1e-13);
}

int main(void)
{
    static const UnitTest tests[] = {
        UNIT_TEST(test_names),
        UNIT_TEST(test_worked_example),
        UNIT_TEST(test_window),
        UNIT_TEST(test_fisher_small),
        UNIT_TEST(test_fisher_zero_cell),
        UNIT_TEST(test_fisher_truncation),
        UNIT_TEST(test_fisher_seen_once),
        UNIT_TEST(test_fisher_large_few),
        UNIT_TEST(test_fisher_large_symmetric),
        UNIT_TEST(test_fisher_against_gsl),
        UNIT_TEST(test_scorable),
        UNIT_TEST(test_trigram_nltk),
        UNIT_TEST(test_trigram_cube),
        UNIT_TEST(test_trigram_scorable),
        UNIT_TEST(test_parse_list),
        UNIT_TEST(test_transpose_same_bits),
        UNIT_TEST(test_chi2_pvalue),
    };
    return unit_run("assoc", tests, G_N_ELEMENTS(tests));
}
