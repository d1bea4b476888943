/* Association measures of collocation candidates: the 2x2 contingency table of a pair and the
 * 2x2x2 cube of a triple, scored as NLTK 3.8's BigramAssocMeasures and TrigramAssocMeasures do
 * where NLTK has the measure, else as the reference named in docs/measures.md; Fisher's exact
 * test from the hypergeometric distribution, exact for counts of any size.
 * SPDX-License-Identifier: MIT */
#ifndef CORPUS_ASSOC_H
#define CORPUS_ASSOC_H

#include <glib.h>

#include <corpus/export.h>

G_BEGIN_DECLS

typedef enum {
    CORPUS_MEASURE_FREQ,             /* O11 / N (NLTK raw_freq) */
    CORPUS_MEASURE_PMI,              /* log2(O11 N) - log2(R1 C1) (NLTK pmi) */
    CORPUS_MEASURE_NPMI,             /* ln(O11 N / (R1 C1)) / -ln(O11 / N); 1 when O11 = N */
    CORPUS_MEASURE_PMI2,             /* log2(O11^2 / E11) */
    CORPUS_MEASURE_PMI3,             /* log2(O11^3 / E11) */
    CORPUS_MEASURE_LLR,              /* G2 (NLTK likelihood_ratio) */
    CORPUS_MEASURE_CHI2,             /* N phi2 (NLTK chi_sq) */
    CORPUS_MEASURE_CHI2_YATES,       /* N max(0, |O11 O22 - O12 O21| - N/2)^2 / (R1 R2 C1 C2) */
    CORPUS_MEASURE_PHI2,             /* (O11 O22 - O12 O21)^2 / (R1 R2 C1 C2) (NLTK phi_sq) */
    CORPUS_MEASURE_T,                /* (O11 - R1 C1 / N) / sqrt(O11) (NLTK student_t) */
    CORPUS_MEASURE_Z,                /* (O11 - E11) / sqrt(E11) */
    CORPUS_MEASURE_DICE,             /* 2 O11 / (R1 + C1) (NLTK dice) */
    CORPUS_MEASURE_LOGDICE,          /* 14 + log2(2 O11 / (R1 + C1)) (Rychly 2008) */
    CORPUS_MEASURE_JACCARD,          /* O11 / (O11 + O12 + O21) (NLTK jaccard) */
    CORPUS_MEASURE_LOG_ODDS,         /* ln((O11+.5)(O22+.5) / ((O12+.5)(O21+.5))) */
    CORPUS_MEASURE_POISSON_STIRLING, /* O11 (log2(O11 / E11) - 1) (NLTK poisson_stirling) */
    CORPUS_MEASURE_MI_LIKE,          /* O11^3 / (R1 C1) (NLTK mi_like) */
    CORPUS_MEASURE_MIN_SENSITIVITY,  /* min(O11 / R1, O11 / C1) */
    CORPUS_MEASURE_FISHER_LEFT,      /* P(X <= O11) (NLTK fisher, NSP leftFisher) */
    CORPUS_MEASURE_FISHER_RIGHT,     /* P(X >= O11) (NSP rightFisher) */
    CORPUS_MEASURE_FISHER_TWO,       /* sum of P(k) <= P(O11) (NSP twotailed) */
    CORPUS_MEASURE_N
} CorpusMeasure;

/* The measure's name as written in --measures and in column headers ("freq", "pmi", "npmi",
 * "pmi2", "pmi3", "llr", "chi2", "chi2-yates", "phi2", "t", "z", "dice", "logdice", "jaccard",
 * "log-odds", "poisson-stirling", "mi-like", "min-sensitivity", "fisher-left",
 * "fisher-right", "fisher-two"). */
CORPUS_API const char *corpus_measure_name(CorpusMeasure m);

/* TRUE when the measure is defined for triples (NLTK's TrigramAssocMeasures: freq, pmi, t,
 * chi2, llr, poisson-stirling, jaccard, mi-like). */
CORPUS_API gboolean corpus_measure_has_trigram(CorpusMeasure m);

/* TRUE when --p-values adds a p-value column after the measure (chi2, chi2-yates, llr). */
CORPUS_API gboolean corpus_measure_has_pvalue(CorpusMeasure m);

/* Parse a comma-separated list of measure names, or "all" (every measure defined for
 * order n, in the order of CorpusMeasure), for n = 2 (pairs) or 3 (triples).  Writes the
 * measures to out (room for CORPUS_MEASURE_N) in the order given, each once, and their number
 * to *n_out.  An unknown name, a repeated one, an empty item, or a measure not defined for
 * triples when n = 3 is a CORPUS_ERROR_USAGE error that names it. */
CORPUS_API gboolean corpus_measure_parse_list(const char *s, guint n, CorpusMeasure *out,
                                              guint *n_out, GError **error);

/* Look up one measure by name; FALSE if there is none. */
CORPUS_API gboolean corpus_measure_lookup(const char *name, CorpusMeasure *m);

/* The counts of a pair (w1, w2) as NLTK's BigramCollocationFinder has them: the pair was seen
 * `count` times in windows of `window` tokens (2: adjacent), w1 f1 times and w2 f2 times among
 * n tokens.  Its table has O11 = count / (window - 1), R1 = f1, C1 = f2, N = n. */
typedef struct {
    guint64 count, f1, f2, n;
    guint window; /* >= 2 */
} CorpusPairCounts;

/* The counts of a triple (w1, w2, w3) as NLTK's TrigramCollocationFinder has them (window 3):
 * n_iii the triple, n_iix the pair (w1, w2), n_ixi the pair (w1, _, w3), n_xii the pair
 * (w2, w3), f1, f2, f3 the words, n the tokens. */
typedef struct {
    guint64 n_iii, n_iix, n_ixi, n_xii, f1, f2, f3, n;
} CorpusTripleCounts;

/* FALSE when the table cannot be scored: a cell is negative, a marginal (R1, R2, C1, C2; for
 * triples, any one-word marginal or its complement) is zero, or O11 is zero. */
CORPUS_API gboolean corpus_pair_scorable(const CorpusPairCounts *c);
CORPUS_API gboolean corpus_triple_scorable(const CorpusTripleCounts *c);

/* The measure of a scorable pair or triple (a measure of corpus_measure_has_trigram() for
 * triples).  The result may be non-finite only for tables that are not scorable. */
CORPUS_API double corpus_pair_score(const CorpusPairCounts *c, CorpusMeasure m);
CORPUS_API double corpus_triple_score(const CorpusTripleCounts *c, CorpusMeasure m);

/* The upper-tail p-value of a chi-square statistic with df degrees of freedom: 1 for chi2,
 * chi2-yates and llr of a pair's 2x2 table, 4 for those of a triple's 2x2x2 cube (mutual
 * independence of its three words: 8 cells - 1 - 3 one-word marginals). */
#define CORPUS_PAIR_DF 1
#define CORPUS_TRIPLE_DF 4
CORPUS_API double corpus_chi2_pvalue(double statistic, guint df);

/* Fisher's exact test: X is hypergeometric, the number of successes among t draws without
 * replacement from n1 successes and n2 failures (t <= n1 + n2).  Accurate to about 1e-14
 * relative for counts of any size, beyond GSL's unsigned int arguments (and beyond GSL's own
 * accuracy, which loses up to 1e-7 on the small tails of rare pairs; see assoc.c). */
CORPUS_API double corpus_hypergeom_left(guint64 k, guint64 n1, guint64 n2, guint64 t);
CORPUS_API double corpus_hypergeom_right(guint64 k, guint64 n1, guint64 n2, guint64 t);
CORPUS_API double corpus_hypergeom_two(guint64 k, guint64 n1, guint64 n2, guint64 t);

G_END_DECLS

#endif
