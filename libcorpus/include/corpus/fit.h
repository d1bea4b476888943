/* Fits of the corpus laws: the Zipf exponent of a rank-frequency list by maximum likelihood
 * (GSL's Brent root finder on the derivative of the log-likelihood) and by least squares, and
 * Heaps' law on vocabulary growth points.  Pure math, no I/O; formulas in docs/stats.md
 * (ALGORITHMS.md 5.2, 5.3).  Results that are not defined are NAN.
 * SPDX-License-Identifier: MIT */
#ifndef CORPUS_FIT_H
#define CORPUS_FIT_H

#include <glib.h>

#include <corpus/export.h>

G_BEGIN_DECLS

/* Least squares line y = a + b x over n points: *slope = b, *intercept = a, *r2 the coefficient
 * of determination.  FALSE (all NAN) when n < 2 or the x are all equal; *r2 is NAN when the y
 * are all equal (the line is then exact and flat). */
CORPUS_API gboolean corpus_fit_line(const double *x, const double *y, size_t n, double *slope,
                                    double *intercept, double *r2);

/* Zipf exponent s of the frequencies freq[0..v) (descending: freq[r-1] is the frequency of
 * rank r) by maximum likelihood for P(r) = r^-s / H(v, s): the root of
 * sum_r f_r ln r / N = sum_r r^-s ln r / H(v, s), found by Brent's method.  *se is
 * 1/sqrt(N Var_s(ln r)).  FALSE (both NAN) when v < 2 or a frequency is 0; s is 0 when the
 * frequencies are all equal. */
CORPUS_API gboolean corpus_zipf_mle(const guint64 *freq, size_t v, double *s, double *se);

/* Zipf exponent by least squares: s = -slope of ln f_r on ln r, r = 1..v, and its R2.
 * FALSE (both NAN) when v < 2; *r2 is NAN when the frequencies are all equal. */
CORPUS_API gboolean corpus_zipf_ls(const guint64 *freq, size_t v, double *s, double *r2);

/* Heaps' law V(n) = K n^beta by least squares of ln V on ln n over the points (n[i], types[i]).
 * FALSE (all NAN) with fewer than two distinct n; *r2 is NAN when the types are all equal. */
CORPUS_API gboolean corpus_heaps_fit(const guint64 *n, const guint64 *types, size_t k,
                                     double *K, double *beta, double *r2);

G_END_DECLS

#endif
