/* Association measures of pairs and triples, and Fisher's exact test (see assoc.h).  Measures
 * that NLTK 3.8 has keep its order of operations, so that scores agree with it to the last bits
 * while products of counts stay below 2^53 (NLTK multiplies exact integers); the
 * hypergeometric probabilities come from Loader's (2000) saddle-point form, for counts of any
 * size.
 * SPDX-License-Identifier: MIT */
#include <math.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include <corpus/assoc.h>
#include <corpus/error.h>

/* NLTK's _SMALL: keeps its logarithms and divisions finite on empty cells. */
#define SMALL 1e-20

/* SciPy 1.10's relative tolerance when fisher_exact's two-sided test decides which
 * probabilities are no larger than that of the table.  NSP compares them exactly; the two
 * differ only for probabilities that tie to within 1e-14. */
#define TIE_TOLERANCE (1 + 1e-14)

/* ---- names ---- */

static const char *const measure_names[CORPUS_MEASURE_N] = {
    [CORPUS_MEASURE_FREQ] = "freq",
    [CORPUS_MEASURE_PMI] = "pmi",
    [CORPUS_MEASURE_NPMI] = "npmi",
    [CORPUS_MEASURE_PMI2] = "pmi2",
    [CORPUS_MEASURE_PMI3] = "pmi3",
    [CORPUS_MEASURE_LLR] = "llr",
    [CORPUS_MEASURE_CHI2] = "chi2",
    [CORPUS_MEASURE_CHI2_YATES] = "chi2-yates",
    [CORPUS_MEASURE_PHI2] = "phi2",
    [CORPUS_MEASURE_T] = "t",
    [CORPUS_MEASURE_Z] = "z",
    [CORPUS_MEASURE_DICE] = "dice",
    [CORPUS_MEASURE_LOGDICE] = "logdice",
    [CORPUS_MEASURE_JACCARD] = "jaccard",
    [CORPUS_MEASURE_LOG_ODDS] = "log-odds",
    [CORPUS_MEASURE_POISSON_STIRLING] = "poisson-stirling",
    [CORPUS_MEASURE_MI_LIKE] = "mi-like",
    [CORPUS_MEASURE_MIN_SENSITIVITY] = "min-sensitivity",
    [CORPUS_MEASURE_FISHER_LEFT] = "fisher-left",
    [CORPUS_MEASURE_FISHER_RIGHT] = "fisher-right",
    [CORPUS_MEASURE_FISHER_TWO] = "fisher-two",
};

const char *corpus_measure_name(CorpusMeasure m)
{
    g_return_val_if_fail((guint)m < CORPUS_MEASURE_N, NULL);
    return measure_names[m];
}

gboolean corpus_measure_has_trigram(CorpusMeasure m)
{
    switch (m) {
    case CORPUS_MEASURE_FREQ:
    case CORPUS_MEASURE_PMI:
    case CORPUS_MEASURE_T:
    case CORPUS_MEASURE_CHI2:
    case CORPUS_MEASURE_LLR:
    case CORPUS_MEASURE_POISSON_STIRLING:
    case CORPUS_MEASURE_JACCARD:
    case CORPUS_MEASURE_MI_LIKE:
        return TRUE;
    default:
        return FALSE;
    }
}

gboolean corpus_measure_has_pvalue(CorpusMeasure m)
{
    return m == CORPUS_MEASURE_CHI2 || m == CORPUS_MEASURE_CHI2_YATES || m == CORPUS_MEASURE_LLR;
}

gboolean corpus_measure_lookup(const char *name, CorpusMeasure *m)
{
    for (guint i = 0; i < CORPUS_MEASURE_N; i++) {
        if (strcmp(name, measure_names[i]) == 0) {
            *m = (CorpusMeasure)i;
            return TRUE;
        }
    }
    return FALSE;
}

/* The names of the measures of order n (2 or 3), comma-separated, in the order of
 * CorpusMeasure (that of "all").  Caller frees. */
static char *names_of_order(guint n)
{
    GString *s = g_string_new(NULL);

    for (guint i = 0; i < CORPUS_MEASURE_N; i++) {
        if (n == 2 || corpus_measure_has_trigram((CorpusMeasure)i))
            g_string_append_printf(s, "%s%s", s->len ? ", " : "", measure_names[i]);
    }
    return g_string_free(s, FALSE);
}

/* Checks one item of --measures against the ones before it (seen) and stores its measure. */
static gboolean parse_item(const char *item, const char *list, guint n, gboolean *seen,
                           CorpusMeasure *m, GError **error)
{
    if (!*item) {
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_USAGE,
                    "empty measure name in --measures '%s'", list);
        return FALSE;
    }
    if (strcmp(item, "all") == 0) {
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_USAGE,
                    "'all' in --measures cannot be combined with other measures");
        return FALSE;
    }
    if (!corpus_measure_lookup(item, m)) {
        g_autofree char *known = names_of_order(n);
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_USAGE,
                    "unknown measure '%s' in --measures (known: %s)", item, known);
        return FALSE;
    }
    if (seen[*m]) {
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_USAGE,
                    "measure '%s' appears twice in --measures", item);
        return FALSE;
    }
    if (n == 3 && !corpus_measure_has_trigram(*m)) {
        g_autofree char *known = names_of_order(3);
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_USAGE,
                    "measure '%s' is not defined for trigrams (-n 3); those are: %s", item, known);
        return FALSE;
    }
    seen[*m] = TRUE;
    return TRUE;
}

gboolean corpus_measure_parse_list(const char *s, guint n, CorpusMeasure *out, guint *n_out,
                                   GError **error)
{
    gboolean seen[CORPUS_MEASURE_N] = {FALSE};
    guint count = 0;

    g_return_val_if_fail(s && out && n_out && (n == 2 || n == 3), FALSE);
    if (strcmp(s, "all") == 0) {
        for (guint i = 0; i < CORPUS_MEASURE_N; i++) {
            if (n == 2 || corpus_measure_has_trigram((CorpusMeasure)i))
                out[count++] = (CorpusMeasure)i;
        }
        *n_out = count;
        return TRUE;
    }
    g_auto(GStrv) items = g_strsplit(s, ",", -1);
    /* g_strsplit() gives no item at all for "": it is one empty item. */
    if (!items[0])
        return parse_item("", s, n, seen, out, error);
    for (guint i = 0; items[i]; i++) {
        if (!parse_item(items[i], s, n, seen, &out[count], error))
            return FALSE;
        count++;
    }
    *n_out = count;
    return TRUE;
}

/* ---- pairs ---- */

/* The 2x2 table of a pair, in double, as NLTK's BigramAssocMeasures._contingency computes it. */
typedef struct {
    double ii;        /* O11: the pair (NLTK n_ii) */
    double oi;        /* O21 = C1 - O11: w2 after another word (NLTK n_oi) */
    double io;        /* O12 = R1 - O11: w1 before another word (NLTK n_io) */
    double oo;        /* O22 = N - O11 - O21 - O12 (NLTK n_oo) */
    double r1, c1, n; /* R1 = f(w1), C1 = f(w2), N */
} PairTable;

static PairTable pair_table(const CorpusPairCounts *c)
{
    PairTable t;

    t.r1 = (double)c->f1;
    t.c1 = (double)c->f2;
    t.n = (double)c->n;
    t.ii = (double)c->count / (c->window - 1.0);
    t.oi = t.c1 - t.ii;
    t.io = t.r1 - t.ii;
    t.oo = t.n - t.ii - t.oi - t.io;
    return t;
}

gboolean corpus_pair_scorable(const CorpusPairCounts *c)
{
    g_return_val_if_fail(c && c->window >= 2, FALSE);
    if (c->f1 == 0 || c->f1 >= c->n || c->f2 == 0 || c->f2 >= c->n)
        return FALSE;
    PairTable t = pair_table(c);
    return t.ii > 0 && t.oi >= 0 && t.io >= 0 && t.oo >= 0;
}

/* E11 = R1 C1 / N, in the order of NLTK's student_t and poisson_stirling. */
static double pair_e11(const PairTable *t)
{
    return t->r1 * t->c1 / t->n;
}

/* NLTK's likelihood_ratio with its BigramAssocMeasures._expected_values: the expected value of
 * cell i is the product of its row and column sums (the cells i ^ 1 and i ^ 2 share them) over
 * N. */
static double pair_llr(const PairTable *t)
{
    const double cont[4] = {t->ii, t->oi, t->io, t->oo};
    double n_xx = cont[0] + cont[1] + cont[2] + cont[3], sum = 0;

    for (int i = 0; i < 4; i++) {
        double e = (cont[i] + cont[i ^ 1]) * (cont[i] + cont[i ^ 2]) / n_xx;
        sum += cont[i] * log(cont[i] / (e + SMALL) + SMALL);
    }
    return 2 * sum;
}

/* NLTK's phi_sq, which unpacks the table as (n_ii, n_io, n_oi, n_oo): its n_io is our oi. */
static double pair_phi2(const PairTable *t)
{
    double n_ii = t->ii, n_io = t->oi, n_oi = t->io, n_oo = t->oo;
    double d = n_ii * n_oo - n_io * n_oi;

    return d * d / ((n_ii + n_io) * (n_ii + n_oi) * (n_io + n_oo) * (n_oi + n_oo));
}

/* Bouma's (2009) normalized PMI, ln(O11 N / (R1 C1)) / -ln(O11 / N); 1 when O11 = N, where
 * both logarithms vanish (O11 / N rounds to 1 only there, for N below 2^53). */
static double pair_npmi(const PairTable *t)
{
    double h = -log(t->ii / t->n);
    return h > 0 ? log(t->ii * t->n / (t->r1 * t->c1)) / h : 1;
}

/* Yates's correction as R's chisq.test applies it: each |O - E| (the same for the four cells
 * of a 2x2 table, |O11 O22 - O12 O21| / N) loses at most itself, never more. */
static double pair_chi2_yates(const PairTable *t, const CorpusPairCounts *c)
{
    double r2 = (double)(c->n - c->f1), c2 = (double)(c->n - c->f2);
    double d = fmax(0, fabs(t->ii * t->oo - t->io * t->oi) - t->n / 2);
    return t->n * d * d / (t->r1 * r2 * t->c1 * c2);
}

/* A cell of the table as a count, truncated toward zero as SciPy's int64 cast does; FALSE for
 * a negative cell or one beyond 2^64. */
static gboolean cell_count(double x, guint64 *out)
{
    if (!(x >= 0 && x < 18446744073709551616.0))
        return FALSE;
    *out = (guint64)x;
    return TRUE;
}

/* NLTK's fisher: SciPy's fisher_exact on [[n_ii, n_io], [n_oi, n_oo]] in NLTK's naming, that is
 * [[O11, O21], [O12, O22]], truncated to integers; p = 1 when a row or column sum is 0. */
static double pair_fisher(const PairTable *t, CorpusMeasure m)
{
    guint64 a, b, c, d;

    if (!cell_count(t->ii, &a) || !cell_count(t->oi, &b) || !cell_count(t->io, &c) ||
        !cell_count(t->oo, &d))
        return NAN;
    if (a + b == 0 || c + d == 0 || a + c == 0 || b + d == 0)
        return 1;
    if (m == CORPUS_MEASURE_FISHER_LEFT)
        return corpus_hypergeom_left(a, a + b, c + d, a + c);
    if (m == CORPUS_MEASURE_FISHER_RIGHT)
        return corpus_hypergeom_right(a, a + b, c + d, a + c);
    return corpus_hypergeom_two(a, a + b, c + d, a + c);
}

double corpus_pair_score(const CorpusPairCounts *c, CorpusMeasure m)
{
    g_return_val_if_fail(c && c->window >= 2, NAN);
    PairTable t = pair_table(c);
    double e11 = pair_e11(&t);

    switch (m) {
    case CORPUS_MEASURE_FREQ:
        return t.ii / t.n;
    case CORPUS_MEASURE_PMI:
        return log2(t.ii * t.n) - log2(t.r1 * t.c1);
    case CORPUS_MEASURE_NPMI:
        return pair_npmi(&t);
    case CORPUS_MEASURE_PMI2:
        return log2(t.ii * t.ii / e11);
    case CORPUS_MEASURE_PMI3:
        return log2(t.ii * t.ii * t.ii / e11);
    case CORPUS_MEASURE_LLR:
        return pair_llr(&t);
    case CORPUS_MEASURE_CHI2:
        return t.n * pair_phi2(&t);
    case CORPUS_MEASURE_CHI2_YATES:
        return pair_chi2_yates(&t, c);
    case CORPUS_MEASURE_PHI2:
        return pair_phi2(&t);
    case CORPUS_MEASURE_T:
        return (t.ii - e11) / pow(t.ii + SMALL, 0.5);
    case CORPUS_MEASURE_Z:
        return (t.ii - e11) / sqrt(e11);
    case CORPUS_MEASURE_DICE:
        return 2 * t.ii / (double)(c->f1 + c->f2);
    case CORPUS_MEASURE_LOGDICE:
        return 14 + log2(2 * t.ii / (double)(c->f1 + c->f2));
    case CORPUS_MEASURE_JACCARD:
        return t.ii / (t.ii + t.oi + t.io);
    case CORPUS_MEASURE_LOG_ODDS:
        return log((t.ii + 0.5) * (t.oo + 0.5) / ((t.io + 0.5) * (t.oi + 0.5)));
    case CORPUS_MEASURE_POISSON_STIRLING:
        return t.ii * (log2(t.ii / e11) - 1);
    case CORPUS_MEASURE_MI_LIKE:
        return pow(t.ii, 3) / (t.r1 * t.c1);
    case CORPUS_MEASURE_MIN_SENSITIVITY:
        return fmin(t.ii / t.r1, t.ii / t.c1);
    case CORPUS_MEASURE_FISHER_LEFT:
    case CORPUS_MEASURE_FISHER_RIGHT:
    case CORPUS_MEASURE_FISHER_TWO:
        return pair_fisher(&t, m);
    case CORPUS_MEASURE_N:
        break;
    }
    g_return_val_if_reached(NAN);
}

/* ---- triples ---- */

/* The 2x2x2 cube of a triple by inclusion-exclusion, as NLTK's
 * TrigramAssocMeasures._contingency, in its order (iii, oii, ioi, ooi, iio, oio, ioo, ooo): bit
 * 0 of an index means "not w1", bit 1 "not w2", bit 2 "not w3". */
static void triple_cube(const CorpusTripleCounts *c, double cube[8])
{
    double iii = (double)c->n_iii;
    double oii = (double)c->n_xii - iii, ioi = (double)c->n_ixi - iii;
    double iio = (double)c->n_iix - iii;
    double ooi = (double)c->f3 - iii - oii - ioi;
    double oio = (double)c->f2 - iii - oii - iio;
    double ioo = (double)c->f1 - iii - ioi - iio;

    cube[0] = iii;
    cube[1] = oii;
    cube[2] = ioi;
    cube[3] = ooi;
    cube[4] = iio;
    cube[5] = oio;
    cube[6] = ioo;
    cube[7] = (double)c->n - iii - oii - ioi - iio - ooi - oio - ioo;
}

/* NgramAssocMeasures._expected_values for n = 3: for each word, the sum of the cells that
 * agree with cell i on it; their product over N^2. */
static void triple_expected(const double cube[8], double e[8])
{
    double n_all = 0;

    for (int x = 0; x < 8; x++)
        n_all += cube[x];
    for (int i = 0; i < 8; i++) {
        double product = 1;
        for (int bit = 1; bit < 8; bit <<= 1) {
            double s = 0;
            for (int x = 0; x < 8; x++) {
                if ((x & bit) == (i & bit))
                    s += cube[x];
            }
            product *= s;
        }
        e[i] = product / (n_all * n_all);
    }
}

gboolean corpus_triple_scorable(const CorpusTripleCounts *c)
{
    const guint64 f[3] = {c->f1, c->f2, c->f3};
    double cube[8];

    g_return_val_if_fail(c, FALSE);
    for (int p = 0; p < 3; p++) {
        if (f[p] == 0 || f[p] >= c->n)
            return FALSE;
    }
    if (c->n_iii == 0)
        return FALSE;
    triple_cube(c, cube);
    for (int i = 0; i < 8; i++) {
        if (cube[i] < 0)
            return FALSE;
    }
    return TRUE;
}

double corpus_triple_score(const CorpusTripleCounts *c, CorpusMeasure m)
{
    g_return_val_if_fail(c && corpus_measure_has_trigram(m), NAN);
    double iii = (double)c->n_iii, n = (double)c->n;
    double f123 = (double)c->f1 * (double)c->f2 * (double)c->f3;
    double cube[8], e[8], sum = 0;

    switch (m) {
    case CORPUS_MEASURE_FREQ:
        return iii / n;
    case CORPUS_MEASURE_PMI:
        return log2(iii * (n * n)) - log2(f123);
    case CORPUS_MEASURE_T:
        return (iii - f123 / (n * n)) / pow(iii + SMALL, 0.5);
    case CORPUS_MEASURE_POISSON_STIRLING:
        return iii * (log2(iii / (f123 / (n * n))) - 1);
    case CORPUS_MEASURE_MI_LIKE:
        return pow(iii, 3) / f123;
    default:
        break;
    }
    triple_cube(c, cube);
    if (m == CORPUS_MEASURE_JACCARD) {
        for (int i = 0; i < 7; i++)
            sum += cube[i];
        return cube[0] / sum;
    }
    triple_expected(cube, e);
    for (int i = 0; i < 8; i++) {
        if (m == CORPUS_MEASURE_CHI2)
            sum += (cube[i] - e[i]) * (cube[i] - e[i]) / (e[i] + SMALL);
        else
            sum += cube[i] * log(cube[i] / (e[i] + SMALL) + SMALL);
    }
    return m == CORPUS_MEASURE_CHI2 ? sum : 2 * sum;
}

double corpus_chi2_pvalue(double statistic, guint df)
{
    if (isnan(statistic))
        return NAN;
    /* GSL returns NaN for an infinite statistic. */
    if (isinf(statistic))
        return statistic > 0 ? 0 : 1;
    return gsl_cdf_chisq_Q(statistic, df);
}

/* ---- the hypergeometric distribution ----
 *
 * Not GSL's: gsl_ran_hypergeometric_pdf() is a difference of ln-factorials, which loses about
 * 1e-16 ln(N!) in relative terms (7e-13 at N = 1209, 2e-7 at N = 10^8), and
 * gsl_cdf_hypergeometric_Q() takes the complement of the tail below a small mean, which makes
 * that a relative 3.7e-9 on fisher-right of a pair seen once among 1209 tokens (exactly
 * 1/1209).  GSL also takes only unsigned int.  Here every probability is good to about
 * 1e-16 |ln P|, and a tail is summed outward from its end nearest the mode, or taken as the
 * complement of the other one when it holds the mode (and so is not small). */

/* X, the number of successes among t draws without replacement from n1 successes and n2
 * failures. */
typedef struct {
    guint64 n1, n2, t;
    guint64 lo, hi;   /* the support */
    guint64 mode;     /* where the probability is largest */
    double p, q;      /* t / (n1 + n2) and 1 - p, for the saddle-point form */
    double log_total; /* ln b(t; n1 + n2, p), the denominator of the saddle-point form */
} Hyper;

/* n2 - t + j, the failures left undrawn when j successes are drawn; j >= lo. */
static guint64 undrawn_failures(const Hyper *h, guint64 j)
{
    return h->t > h->n2 ? j - (h->t - h->n2) : (h->n2 - h->t) + j;
}

/* P(X = j + 1) / P(X = j), for lo <= j < hi. */
static double ratio_up(const Hyper *h, guint64 j)
{
    return ((double)(h->n1 - j) / (double)(j + 1)) *
           ((double)(h->t - j) / (double)(undrawn_failures(h, j) + 1));
}

/* P(X = j - 1) / P(X = j), for lo < j <= hi. */
static double ratio_down(const Hyper *h, guint64 j)
{
    return ((double)j / (double)(h->n1 - j + 1)) *
           ((double)undrawn_failures(h, j) / (double)(h->t - j + 1));
}

/* ln(n!) - ln(sqrt(2 pi n) (n/e)^n) for a whole number n >= 1: exact values to 17 digits up
 * to 15, above that the Stirling series to 1/n^11, whose first omitted term, 1/(156 n^13), is
 * below 2e-18 from n = 16 on. */
static double stirlerr(double n)
{
    static const double exact[16] = {
        0,
        8.1061466795327261e-02,
        4.1340695955409297e-02,
        2.7677925684998338e-02,
        2.0790672103765093e-02,
        1.6644691189821193e-02,
        1.3876128823070748e-02,
        1.1896709945891770e-02,
        1.0411265261972096e-02,
        9.2554621827127329e-03,
        8.3305634333628708e-03,
        7.5736754879518406e-03,
        6.9428401072095299e-03,
        6.4089941880042071e-03,
        5.9513701127588475e-03,
        5.5547335519628011e-03,
    };
    if (n < 16)
        return exact[(int)n];
    /* B_2k / (2k (2k - 1)) for k = 1..6, summed by Horner's rule in 1/n^2. */
    static const double series[] = {1.0 / 12,    -1.0 / 360, 1.0 / 1260,
                                    -1.0 / 1680, 1.0 / 1188, -691.0 / 360360};
    double nn = n * n, s = 0;
    for (int i = (int)G_N_ELEMENTS(series) - 1; i >= 0; i--)
        s = s / nn + series[i];
    return s / n;
}

/* The deviance term x ln(x / np) + np - x, without the cancellation of that form when x is
 * near np: there, with v = (x - np) / (x + np), it is (x - np) v + 2 x (v^3/3 + v^5/5 + ...). */
static double bd0(double x, double np)
{
    double d = x - np, s = x + np;

    if (fabs(d) < 0.1 * s) {
        double v = d / s, v2 = v * v, sum = d * v, term = 2 * x * v;
        for (int j = 1;; j++) {
            term *= v2;
            double next = sum + term / (2 * j + 1);
            if (next == sum)
                return sum;
            sum = next;
        }
    }
    return x * log(x / np) + np - x;
}

/* ln b(x; x + y, p), the binomial probability of x successes and y failures, q = 1 - p, as
 * Loader (2000) writes it: the Stirling remainders of the three factorials and the deviance of
 * x and y from their means, with no large terms that cancel.  Every operation is symmetric in
 * (x, p) and (y, q), so that probabilities equal by a symmetry of the distribution come out
 * equal to the last bit, and tie in the two-sided test. */
static double log_binom(double x, double y, double p, double q)
{
    double n = x + y;

    if (x == 0)
        return y == 0 ? 0 : p < 0.5 ? n * log1p(-p) : n * log(q);
    if (y == 0)
        return q < 0.5 ? n * log1p(-q) : n * log(p);
    return stirlerr(n) - (stirlerr(x) + stirlerr(y)) - (bd0(x, n * p) + bd0(y, n * q)) -
           0.5 * log(2 * G_PI * (x * y) / n);
}

/* The mode from its closed form, then moved by the ratio of neighbours, so that P rises up to
 * it and does not rise after it even where the closed form rounds (counts beyond 2^53). */
static guint64 hyper_mode(const Hyper *h)
{
    double guess =
        floor(((double)h->t + 1) * ((double)h->n1 + 1) / ((double)h->n1 + (double)h->n2 + 2));
    guint64 m = guess <= (double)h->lo ? h->lo : guess >= (double)h->hi ? h->hi : (guint64)guess;

    while (m > h->lo && ratio_up(h, m - 1) <= 1)
        m--;
    while (m < h->hi && ratio_up(h, m) > 1)
        m++;
    return m;
}

/* Requires t <= n1 + n2. */
static void hyper_init(Hyper *h, guint64 n1, guint64 n2, guint64 t)
{
    /* X has the same law when the successes and the draws trade places (n1 <-> t, the
     * population kept): take the one form with n1 <= t, so that a table and its transpose get
     * the same bits (as SciPy's do, and NLTK's ranking then sees a tie). */
    if (t < n1) {
        guint64 total = n1 + n2;
        guint64 swap = n1;
        n1 = t;
        t = swap;
        n2 = total - n1;
    }
    h->n1 = n1;
    h->n2 = n2;
    h->t = t;
    h->lo = t > n2 ? t - n2 : 0;
    h->hi = MIN(n1, t);
    h->mode = hyper_mode(h);
    /* p = t / N makes every factor of P(k) = b(k; n1, p) b(t - k; n2, p) / b(t; N, p) a
     * probability near its own mean, where the saddle-point form is accurate. */
    double n = (double)n1 + (double)n2;
    double rest = t <= n1 ? (double)(n1 - t) + (double)n2 : (double)(n2 - (t - n1));
    h->p = (double)t / n;
    h->q = rest / n;
    h->log_total = log_binom((double)t, rest, h->p, h->q);
}

static double hyper_pmf(const Hyper *h, guint64 k)
{
    if (k < h->lo || k > h->hi)
        return 0;
    return exp(log_binom((double)k, (double)(h->n1 - k), h->p, h->q) +
               log_binom((double)(h->t - k), (double)undrawn_failures(h, k), h->p, h->q) -
               h->log_total);
}

/* Stops a tail sum: the terms left, each at most `ratio` times the one before (the ratios fall
 * away from the mode), add up to less than 1e-17 of the sum. */
static gboolean negligible(double term, double ratio, double sum)
{
    return ratio < 1 && term * ratio < 1e-17 * sum * (1 - ratio);
}

/* P(X <= k) for lo <= k < mode, by the ratios of neighbours from P(X = k) down. */
static double sum_down(const Hyper *h, guint64 k)
{
    double pk = hyper_pmf(h, k), term = 1, sum = 1;

    /* Far out in the tail, where P(X = k) underflows, so does the tail. */
    if (pk == 0)
        return 0;

    for (guint64 j = k; j > h->lo; j--) {
        double r = ratio_down(h, j);
        term *= r;
        sum += term;
        if (negligible(term, r, sum))
            break;
    }
    return pk * sum;
}

/* P(X >= k) for mode < k <= hi, by the ratios of neighbours from P(X = k) up. */
static double sum_up(const Hyper *h, guint64 k)
{
    double pk = hyper_pmf(h, k), term = 1, sum = 1;

    /* Far out in the tail, where P(X = k) underflows, so does the tail. */
    if (pk == 0)
        return 0;

    for (guint64 j = k; j < h->hi; j++) {
        double r = ratio_up(h, j);
        term *= r;
        sum += term;
        if (negligible(term, r, sum))
            break;
    }
    return pk * sum;
}

static double clamp01(double x)
{
    return x < 0 ? 0 : x > 1 ? 1 : x;
}

/* P(X <= k).  A tail that holds the mode is the complement of the other one, which falls
 * away from the mode and is summed accurately. */
static double tail_le(const Hyper *h, guint64 k)
{
    if (k < h->lo)
        return 0;
    if (k >= h->hi)
        return 1;
    return clamp01(k < h->mode ? sum_down(h, k) : 1 - sum_up(h, k + 1));
}

/* P(X >= k). */
static double tail_ge(const Hyper *h, guint64 k)
{
    if (k <= h->lo)
        return 1;
    if (k > h->hi)
        return 0;
    return clamp01(k > h->mode ? sum_up(h, k) : 1 - sum_down(h, k - 1));
}

/* The smallest j in (mode, hi] with P(X = j) <= limit, or FALSE if there is none.  P falls
 * from the mode to hi, so galloping out from the mode and then bisecting finds j with
 * O(log(j - mode)) probabilities rather than one per value.  Requires P(mode) > limit. */
static gboolean upper_boundary(const Hyper *h, double limit, guint64 *out)
{
    guint64 above = h->mode, below, step = 1; /* P(above) > limit >= P(below) */

    for (;;) {
        if (above == h->hi)
            return FALSE;
        below = h->hi - above > step ? above + step : h->hi;
        if (hyper_pmf(h, below) <= limit)
            break;
        above = below;
        step *= 2;
    }
    while (below - above > 1) {
        guint64 mid = above + (below - above) / 2;
        if (hyper_pmf(h, mid) <= limit)
            below = mid;
        else
            above = mid;
    }
    *out = below;
    return TRUE;
}

/* The largest j in [lo, mode) with P(X = j) <= limit, or FALSE if there is none: the mirror
 * image of upper_boundary(). */
static gboolean lower_boundary(const Hyper *h, double limit, guint64 *out)
{
    guint64 above = h->mode, below, step = 1; /* P(above) > limit >= P(below) */

    for (;;) {
        if (above == h->lo)
            return FALSE;
        below = above - h->lo > step ? above - step : h->lo;
        if (hyper_pmf(h, below) <= limit)
            break;
        above = below;
        step *= 2;
    }
    while (above - below > 1) {
        guint64 mid = below + (above - below) / 2;
        if (hyper_pmf(h, mid) <= limit)
            below = mid;
        else
            above = mid;
    }
    *out = below;
    return TRUE;
}

/* The sum of P(X = j) over every j with P(X = j) <= P(X = k) (within TIE_TOLERANCE).  P rises
 * to the mode and falls after it, so those j are the tail beyond k and the far end of the
 * other side, up to the last j that is no more probable than k: two tail sums and a search
 * for that j, however wide the support. */
static double two_sided(const Hyper *h, guint64 k)
{
    if (k < h->lo || k > h->hi)
        return 0;
    double limit = hyper_pmf(h, k) * TIE_TOLERANCE;
    guint64 j;

    if (hyper_pmf(h, h->mode) <= limit)
        return 1;
    if (k < h->mode)
        return clamp01(tail_le(h, k) + (upper_boundary(h, limit, &j) ? tail_ge(h, j) : 0));
    return clamp01(tail_ge(h, k) + (lower_boundary(h, limit, &j) ? tail_le(h, j) : 0));
}

/* t <= n1 + n2, written so that n1 + n2 cannot overflow. */
static gboolean draws_fit(guint64 n1, guint64 n2, guint64 t)
{
    return t <= n1 || t - n1 <= n2;
}

double corpus_hypergeom_left(guint64 k, guint64 n1, guint64 n2, guint64 t)
{
    Hyper h;

    g_return_val_if_fail(draws_fit(n1, n2, t), NAN);
    hyper_init(&h, n1, n2, t);
    return clamp01(tail_le(&h, k));
}

double corpus_hypergeom_right(guint64 k, guint64 n1, guint64 n2, guint64 t)
{
    Hyper h;

    g_return_val_if_fail(draws_fit(n1, n2, t), NAN);
    hyper_init(&h, n1, n2, t);
    return clamp01(tail_ge(&h, k));
}

double corpus_hypergeom_two(guint64 k, guint64 n1, guint64 n2, guint64 t)
{
    Hyper h;

    g_return_val_if_fail(draws_fit(n1, n2, t), NAN);
    hyper_init(&h, n1, n2, t);
    return two_sided(&h, k);
}
