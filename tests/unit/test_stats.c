/* Unit tests of stats and fit: every statistic of a small sequence derived by hand, MTLD on
 * sequences with a known number of factors (the 0.72 threshold is strict), the Heaps
 * checkpoints, the Zipf MLE on a sample drawn from a known exponent, least squares on exact
 * power laws, and the undefined cases.
 * SPDX-License-Identifier: MIT */
#include <math.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include <corpus/fit.h>
#include <corpus/stats.h>

#include "unit.h"

#define ASSERT_NAN(got)                                                                            \
    do {                                                                                           \
        double g_ = (got);                                                                         \
        if (!isnan(g_))                                                                            \
            fprintf(stderr, "%s:%d: %s = %.17g, expected NAN\n", __FILE__, __LINE__, #got, g_);  \
        CU_ASSERT(isnan(g_));                                                                      \
    } while (0)

/* Tokens a b a c b a (ids a = 0, b = 1, c = 2).
 * N = 6, V = 3; f(a) = 3, f(b) = 2, f(c) = 1, so V1 = V2 = V3 = 1.
 * TTR = 3/6 = 0.5.
 * Yule's K = 1e4 (sum_i i^2 V_i - N) / N^2 = 1e4 (1 + 4 + 9 - 6) / 36 = 1e4 * 8/36 = 2222.2...
 * Simpson's D = sum f (f - 1) / (N (N - 1)) = (3*2 + 2*1 + 1*0) / (6*5) = 8/30.
 * Herdan's C = ln 3 / ln 6 = 0.61314719...; Guiraud's R = 3 / sqrt 6 = 1.22474487...
 * MTLD forward: a (TTR 1), a b (1), a b a (2/3 < 0.72): factor 1; c (1), c b (1), c b a (1):
 * remainder TTR 1 adds (1 - 1)/0.28 = 0: factors 1, 6/1 = 6.  Backward (a b c a b a): a, a b,
 * a b c (1), a b c a (3/4 = 0.75), a b c a b (3/5 = 0.6 < 0.72): factor 1; a (1) adds 0:
 * 6/1 = 6.  MTLD = (6 + 6)/2 = 6.
 * Zipf least squares over (ln 1, ln 3), (ln 2, ln 2), (ln 3, ln 1): mean x = mean y =
 * ln 6 / 3; slope = Sxy/Sxx = -0.95530792 (so s = 0.95530792), R2 = Sxy^2/(Sxx Syy) =
 * 0.91261322 (both from the sums, python3 as a calculator).
 * Zipf MLE: s solves (3 ln 1 + 2 ln 2 + 1 ln 3)/6 = (2^-s ln 2 + 3^-s ln 3)/(1 + 2^-s + 3^-s);
 * bisection in python3 gives s = 0.87426526237200; se = 1/sqrt(6 Var_s(ln r)) = 0.90397113.
 * Heaps: checkpoints 1, 2, 3, 5 (floor 10^(j/10) below 6) and 6; types seen 1, 2, 2, 3, 3;
 * least squares of ln V on ln n: beta = 0.59995126, K = exp(intercept) = 1.09811996,
 * R2 = 0.93490179. */
static void test_small_by_hand(void)
{
    static const guint32 ids[] = {0, 1, 0, 2, 1, 0};
    CorpusStatsValues v;

    corpus_stats_of_ids(ids, 6, 3, &v);
    UNIT_ASSERT_INT(v.tokens, 6);
    UNIT_ASSERT_INT(v.types, 3);
    UNIT_ASSERT_INT(v.hapax, 1);
    UNIT_ASSERT_INT(v.dis, 1);
    ASSERT_NEAR(v.ttr, 0.5, 0);
    ASSERT_NEAR(v.yule_k, 1e4 * 8 / 36, 1e-9);
    ASSERT_NEAR(v.simpson_d, 8.0 / 30, 1e-15);
    ASSERT_NEAR(v.herdan_c, log(3) / log(6), 1e-15);
    ASSERT_NEAR(v.herdan_c, 0.61314719, 5e-9);
    ASSERT_NEAR(v.guiraud_r, 3 / sqrt(6), 1e-15);
    ASSERT_NEAR(v.mtld, 6, 1e-12);
    ASSERT_NEAR(v.zipf_ls, 0.95530792, 5e-9);
    ASSERT_NEAR(v.zipf_ls_r2, 0.91261322, 5e-9);
    ASSERT_NEAR(v.zipf_mle, 0.87426526237200, 1e-12);
    ASSERT_NEAR(v.zipf_mle_se, 0.90397113, 5e-9);
    ASSERT_NEAR(v.heaps_beta, 0.59995126, 5e-9);
    ASSERT_NEAR(v.heaps_k, 1.09811996, 5e-9);
    ASSERT_NEAR(v.heaps_r2, 0.93490179, 5e-9);
    /* The collector's fields are not set from ids alone. */
    UNIT_ASSERT_INT(v.bytes, 0);
    ASSERT_NAN(v.mean_sentence_length);
}

/* The estimate solves the likelihood equation: the data's mean of ln r equals the model's. */
static void test_zipf_mle_equation(void)
{
    static const guint64 f[] = {3, 2, 1};
    double s, se;

    CU_ASSERT(corpus_zipf_mle(f, 3, &s, &se));
    double w2 = pow(2, -s), w3 = pow(3, -s);
    double model = (w2 * log(2) + w3 * log(3)) / (1 + w2 + w3);
    double data = (2 * log(2) + log(3)) / 6;
    ASSERT_NEAR(model, data, 1e-15);
}

/* Two ranks: P(1) = 1/(1 + 2^-s), so f1/N = 1/(1 + 2^-s) and s = log2(f1/f2).  Counts 8, 1
 * give s = 3 exactly. */
static void test_zipf_mle_two_ranks(void)
{
    static const guint64 f[] = {8, 1};
    double s, se;

    CU_ASSERT(corpus_zipf_mle(f, 2, &s, &se));
    ASSERT_NEAR(s, 3, 1e-13);
    /* Var of ln r under (8/9, 1/9) on (0, ln 2) = (ln 2)^2 * 8/81; se = 1/sqrt(9 Var). */
    ASSERT_NEAR(se, 1 / sqrt(9 * log(2) * log(2) * 8 / 81), 1e-12);
}

/* Equal frequencies: the uniform distribution, s = 0; Var(ln r) over 1, 2 = (ln 2)^2/4. */
static void test_zipf_mle_flat(void)
{
    static const guint64 f[] = {5, 5};
    double s, se;

    CU_ASSERT(corpus_zipf_mle(f, 2, &s, &se));
    ASSERT_NEAR(s, 0, 0);
    ASSERT_NEAR(se, 1 / sqrt(10 * log(2) * log(2) / 4), 1e-15);
}

/* N = 200000 draws of a rank from P(r) = r^-1.1 / H(1000, 1.1) (GSL's mt19937, seed 1), counted
 * per drawn rank.  The MLE must find 1.1 within 2 standard errors, the 95% band of an unbiased
 * estimate (se is about 0.00106 here; this sample gives s = 1.10128, 1.2 se away), and the
 * standard error must be of the size 1/sqrt(N Var(ln r)) predicts. */
static void test_zipf_mle_sample(void)
{
    enum { V = 1000, DRAWS = 200000 };
    double p[V];
    guint64 counts[V] = {0};
    double s, se;

    for (int r = 0; r < V; r++)
        p[r] = pow(r + 1, -1.1);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 1);
    gsl_ran_discrete_t *table = gsl_ran_discrete_preproc(V, p);
    for (int i = 0; i < DRAWS; i++)
        counts[gsl_ran_discrete(rng, table)]++;
    gsl_ran_discrete_free(table);
    gsl_rng_free(rng);

    CU_ASSERT(corpus_zipf_mle(counts, V, &s, &se));
    if (!(fabs(s - 1.1) <= 2 * se))
        fprintf(stderr, "%s:%d: s = %.6f, se = %.6f\n", __FILE__, __LINE__, s, se);
    CU_ASSERT(fabs(s - 1.1) <= 2 * se);
    CU_ASSERT(se > 0.0005 && se < 0.005);
}

/* f_r = 720720 / r for r = 1..16 (720720 = lcm(1..16), so every f_r is an integer):
 * ln f = ln 720720 - ln r exactly, s = 1, R2 = 1. */
static void test_zipf_ls_exact(void)
{
    guint64 f[16];
    double s, r2;

    for (int r = 1; r <= 16; r++)
        f[r - 1] = 720720 / (guint64)r;
    CU_ASSERT(corpus_zipf_ls(f, 16, &s, &r2));
    ASSERT_NEAR(s, 1, 1e-12);
    ASSERT_NEAR(r2, 1, 1e-12);
}

/* Heaps: V = 3 n^0.5 at n = 1, 4, 16, 64, 256 (V = 3, 6, 12, 24, 48): K = 3, beta = 0.5. */
static void test_heaps_exact(void)
{
    static const guint64 n[] = {1, 4, 16, 64, 256};
    static const guint64 types[] = {3, 6, 12, 24, 48};
    double K, beta, r2;

    CU_ASSERT(corpus_heaps_fit(n, types, 5, &K, &beta, &r2));
    ASSERT_NEAR(K, 3, 1e-12);
    ASSERT_NEAR(beta, 0.5, 1e-12);
    ASSERT_NEAR(r2, 1, 1e-12);
    /* One point, or the same n twice: no line. */
    CU_ASSERT(!corpus_heaps_fit(n, types, 1, &K, &beta, &r2));
    ASSERT_NAN(K);
    static const guint64 same[] = {4, 4};
    CU_ASSERT(!corpus_heaps_fit(same, types, 2, &K, &beta, &r2));
    ASSERT_NAN(beta);
    /* Flat: V = 1 at n = 1, 10: beta = 0, K = 1, R2 undefined (0/0). */
    static const guint64 n2[] = {1, 10}, ones[] = {1, 1};
    CU_ASSERT(corpus_heaps_fit(n2, ones, 2, &K, &beta, &r2));
    ASSERT_NEAR(beta, 0, 0);
    ASSERT_NEAR(K, 1, 0);
    ASSERT_NAN(r2);
}

/* floor(10^(j/10)) for j = 0..20 is 1 1 1 1 2 3 3 5 6 7 10 12 15 19 25 31 39 50 63 79 100;
 * distinct values below n, then n. */
static void test_checkpoints(void)
{
    static const guint64 want[] = {1, 2, 3, 5, 6, 7, 10, 12, 15, 19, 25, 31, 39, 50, 63, 79, 100};
    guint64 *p;
    size_t k = corpus_heaps_checkpoints(100, &p);

    UNIT_ASSERT_INT(k, G_N_ELEMENTS(want));
    for (size_t i = 0; i < MIN(k, G_N_ELEMENTS(want)); i++)
        UNIT_ASSERT_INT(p[i], want[i]);
    g_free(p);
    k = corpus_heaps_checkpoints(4, &p);
    UNIT_ASSERT_INT(k, 4); /* 1 2 3 4 */
    UNIT_ASSERT_INT(p[3], 4);
    g_free(p);
    k = corpus_heaps_checkpoints(1, &p);
    UNIT_ASSERT_INT(k, 1);
    UNIT_ASSERT_INT(p[0], 1);
    g_free(p);
    k = corpus_heaps_checkpoints(0, &p);
    UNIT_ASSERT_INT(k, 0);
    g_free(p);
    /* Large n: 10^9 is a checkpoint (j = 90), and the list ends with n. */
    k = corpus_heaps_checkpoints(2000000000, &p);
    UNIT_ASSERT_INT(p[k - 1], 2000000000);
    gboolean has = FALSE;
    for (size_t i = 0; i < k; i++)
        has |= p[i] == 1000000000;
    CU_ASSERT(has);
    g_free(p);
}

/* a a a a: forward a (1), a a (0.5): factor; again: 2 factors, no remainder; MTLD = 4/2 = 2. */
static void test_mtld_repeats(void)
{
    static const guint32 ids[] = {0, 0, 0, 0};
    guint64 done;

    ASSERT_NEAR(corpus_mtld_factors(ids, 4, 1, 0.72, FALSE, &done), 2, 0);
    UNIT_ASSERT_INT(done, 2);
    ASSERT_NEAR(corpus_mtld(ids, 4, 1, 0.72), 2, 0);
}

/* a a b c d b.  Forward: a, a a (0.5): factor 1; b, b c, b c d (1), b c d b (3/4): remainder
 * (1 - 0.75)/0.28 = 0.892857...: factors 1.892857, 6/1.892857 = 3.1698113.
 * Backward (b d c b a a): b, b d, b d c (1), b d c b (0.75), b d c b a (0.8), b d c b a a
 * (4/6 = 0.667 < 0.72): factor 1, no remainder: 6/1 = 6.  MTLD = (3.1698113 + 6)/2. */
static void test_mtld_partial(void)
{
    static const guint32 ids[] = {0, 0, 1, 2, 3, 1};
    guint64 done;

    ASSERT_NEAR(corpus_mtld_factors(ids, 6, 4, 0.72, FALSE, &done), 1 + 0.25 / 0.28, 1e-15);
    UNIT_ASSERT_INT(done, 1);
    ASSERT_NEAR(corpus_mtld_factors(ids, 6, 4, 0.72, TRUE, &done), 1, 0);
    UNIT_ASSERT_INT(done, 1);
    ASSERT_NEAR(corpus_mtld(ids, 6, 4, 0.72), (6 / (1 + 0.25 / 0.28) + 6) / 2, 1e-12);
    ASSERT_NEAR(corpus_mtld(ids, 6, 4, 0.72), 4.5849057, 5e-8);
}

/* The threshold is strict: 18 distinct tokens then 7 repeats of the first make TTR 18/25 =
 * 0.72, no factor (and the remainder adds (1 - 0.72)/0.28 = 1); one more repeat makes 18/26 <
 * 0.72, one factor. */
static void test_mtld_strict_threshold(void)
{
    guint32 ids[26];
    guint64 done;

    for (guint32 i = 0; i < 26; i++)
        ids[i] = i < 18 ? i : 0;
    ASSERT_NEAR(corpus_mtld_factors(ids, 25, 18, 0.72, FALSE, &done), 1, 1e-12);
    UNIT_ASSERT_INT(done, 0);
    ASSERT_NEAR(corpus_mtld_factors(ids, 26, 18, 0.72, FALSE, &done), 1, 0);
    UNIT_ASSERT_INT(done, 1);
}

/* All tokens distinct: TTR stays 1, no factor in either direction: not applicable. */
static void test_mtld_distinct(void)
{
    static const guint32 ids[] = {0, 1, 2, 3, 4};
    guint64 done;

    ASSERT_NEAR(corpus_mtld_factors(ids, 5, 5, 0.72, FALSE, &done), 0, 0);
    UNIT_ASSERT_INT(done, 0);
    ASSERT_NAN(corpus_mtld(ids, 5, 5, 0.72));
    /* A factor in one direction only (a a b c d e f: backward never drops below 0.72, its
     * lowest TTR being 6/7): not applicable either. */
    static const guint32 one_way[] = {0, 0, 1, 2, 3, 4, 5};
    ASSERT_NAN(corpus_mtld(one_way, 7, 6, 0.72));
}

/* N = 0: counts 0, every ratio undefined. */
static void test_empty(void)
{
    CorpusStatsValues v;

    corpus_stats_of_ids(NULL, 0, 0, &v);
    UNIT_ASSERT_INT(v.tokens, 0);
    UNIT_ASSERT_INT(v.types, 0);
    UNIT_ASSERT_INT(v.hapax, 0);
    ASSERT_NAN(v.ttr);
    ASSERT_NAN(v.yule_k);
    ASSERT_NAN(v.simpson_d);
    ASSERT_NAN(v.herdan_c);
    ASSERT_NAN(v.guiraud_r);
    ASSERT_NAN(v.mtld);
    ASSERT_NAN(v.zipf_mle);
    ASSERT_NAN(v.zipf_mle_se);
    ASSERT_NAN(v.zipf_ls);
    ASSERT_NAN(v.zipf_ls_r2);
    ASSERT_NAN(v.heaps_k);
    ASSERT_NAN(v.heaps_beta);
    ASSERT_NAN(v.heaps_r2);
}

/* N = 1: TTR = 1, K = 1e4 (1 - 1)/1 = 0, R = 1/1 = 1; D and C divide by zero (N - 1 = 0,
 * ln 1 = 0), MTLD has no factor, Zipf needs two types, Heaps two checkpoints. */
static void test_one_token(void)
{
    static const guint32 ids[] = {0};
    CorpusStatsValues v;

    corpus_stats_of_ids(ids, 1, 1, &v);
    UNIT_ASSERT_INT(v.hapax, 1);
    ASSERT_NEAR(v.ttr, 1, 0);
    ASSERT_NEAR(v.yule_k, 0, 0);
    ASSERT_NEAR(v.guiraud_r, 1, 0);
    ASSERT_NAN(v.simpson_d);
    ASSERT_NAN(v.herdan_c);
    ASSERT_NAN(v.mtld);
    ASSERT_NAN(v.zipf_mle);
    ASSERT_NAN(v.zipf_ls);
    ASSERT_NAN(v.heaps_beta);
}

/* One type repeated: a a a a.  V = 1: C = ln 1/ln 4 = 0, D = 4*3/(4*3) = 1, K = 1e4 (16 - 4)/16
 * = 7500; Zipf undefined (one rank); Heaps points (1,1) (2,1) (3,1) (4,1): beta = 0, K = 1,
 * R2 undefined. */
static void test_one_type(void)
{
    static const guint32 ids[] = {0, 0, 0, 0};
    CorpusStatsValues v;

    corpus_stats_of_ids(ids, 4, 1, &v);
    ASSERT_NEAR(v.herdan_c, 0, 0);
    ASSERT_NEAR(v.simpson_d, 1, 0);
    ASSERT_NEAR(v.yule_k, 7500, 0);
    ASSERT_NAN(v.zipf_mle);
    ASSERT_NAN(v.zipf_ls_r2);
    ASSERT_NEAR(v.heaps_beta, 0, 0);
    ASSERT_NEAR(v.heaps_k, 1, 0);
    ASSERT_NAN(v.heaps_r2);
}

/* Two equal frequencies: Zipf s = 0 both ways; least squares R2 undefined (flat, 0/0). */
static void test_zipf_flat_ls(void)
{
    static const guint64 f[] = {4, 4, 4};
    double s, r2;

    CU_ASSERT(corpus_zipf_ls(f, 3, &s, &r2));
    ASSERT_NEAR(s, 0, 0);
    CU_ASSERT(!signbit(s));
    ASSERT_NAN(r2);
    CU_ASSERT(!corpus_zipf_ls(f, 1, &s, &r2));
}

int main(void)
{
    static const UnitTest tests[] = {
        UNIT_TEST(test_small_by_hand),     UNIT_TEST(test_zipf_mle_equation),
        UNIT_TEST(test_zipf_mle_two_ranks), UNIT_TEST(test_zipf_mle_flat),
        UNIT_TEST(test_zipf_mle_sample),   UNIT_TEST(test_zipf_ls_exact),
        UNIT_TEST(test_heaps_exact),       UNIT_TEST(test_checkpoints),
        UNIT_TEST(test_mtld_repeats),      UNIT_TEST(test_mtld_partial),
        UNIT_TEST(test_mtld_strict_threshold), UNIT_TEST(test_mtld_distinct),
        UNIT_TEST(test_empty),             UNIT_TEST(test_one_token),
        UNIT_TEST(test_one_type),          UNIT_TEST(test_zipf_flat_ls),
    };
    return unit_run("stats", tests, G_N_ELEMENTS(tests));
}
