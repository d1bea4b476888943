/* Fits of the corpus laws (see fit.h): least squares lines, the Zipf exponent by maximum
 * likelihood and by least squares, Heaps' law.
 * SPDX-License-Identifier: MIT */
#include <float.h>
#include <math.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>

#include <corpus/fit.h>

gboolean corpus_fit_line(const double *x, const double *y, size_t n, double *slope,
                         double *intercept, double *r2)
{
    *slope = *intercept = *r2 = NAN;
    if (n < 2)
        return FALSE;
    /* Centred sums: two passes, so large x and y lose no precision to cancellation. */
    double mx = 0, my = 0;
    for (size_t i = 0; i < n; i++) {
        mx += x[i];
        my += y[i];
    }
    mx /= (double)n;
    my /= (double)n;
    double sxx = 0, sxy = 0, syy = 0;
    for (size_t i = 0; i < n; i++) {
        double dx = x[i] - mx, dy = y[i] - my;
        sxx += dx * dx;
        sxy += dx * dy;
        syy += dy * dy;
    }
    if (!(sxx > 0))
        return FALSE;
    *slope = sxy / sxx;
    *intercept = my - *slope * mx;
    if (syy > 0)
        *r2 = MIN(1.0, sxy * sxy / (sxx * syy));
    return TRUE;
}

/* The rank distribution of the MLE: ln r for r = 1..v and the data's mean of ln r. */
typedef struct {
    const double *ln_r; /* ln r at [r - 1] */
    size_t v;           /* ranks */
    double mean;        /* sum_r f_r ln r / N */
} ZipfData;

/* E_s[ln r] under P(r) = r^-s / H(v, s), and (when var is not NULL) Var_s[ln r].  Terms are
 * scaled by r^-s itself (the largest is 1, at r = 1), so nothing overflows. */
static double zipf_moments(const ZipfData *d, double s, double *var)
{
    double h = 0, m1 = 0, m2 = 0;
    for (size_t i = 0; i < d->v; i++) {
        double w = exp(-s * d->ln_r[i]);
        h += w;
        m1 += w * d->ln_r[i];
        m2 += w * d->ln_r[i] * d->ln_r[i];
    }
    double e = m1 / h;
    if (var)
        *var = m2 / h - e * e;
    return e;
}

/* l'(s) / N = E_s[ln r] - mean: decreasing in s, zero at the estimate. */
static double zipf_score(double s, void *params)
{
    const ZipfData *d = params;
    return zipf_moments(d, s, NULL) - d->mean;
}

gboolean corpus_zipf_mle(const guint64 *freq, size_t v, double *s, double *se)
{
    *s = *se = NAN;
    if (v < 2 || freq[v - 1] == 0)
        return FALSE;
    double *ln_r = g_new(double, v);
    double n = 0, sum = 0;
    for (size_t i = 0; i < v; i++) {
        ln_r[i] = log((double)(i + 1));
        n += (double)freq[i];
        sum += (double)freq[i] * ln_r[i];
    }
    ZipfData d = {ln_r, v, sum / n};
    double root = 0;
    gboolean ok = TRUE;

    /* Frequencies sorted descending give mean <= E_0[ln r] (uniform), with equality exactly
     * when they are all equal: s = 0.  Otherwise the root is positive; bracket it by doubling
     * the upper end (the score tends to -mean < 0 as s grows). */
    if (freq[0] != freq[v - 1]) {
        double lo = 0, hi = 1;
        while (zipf_score(hi, &d) > 0 && hi < 1e6) {
            lo = hi;
            hi *= 2;
        }
        gsl_function f = {zipf_score, &d};
        gsl_root_fsolver *solver = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
        gsl_error_handler_t *old = gsl_set_error_handler_off();
        ok = zipf_score(hi, &d) <= 0 && gsl_root_fsolver_set(solver, &f, lo, hi) == GSL_SUCCESS;
        /* Iterate to the resolution of a double: the interval test at 4 ulps (relative). */
        for (int iter = 0; ok && iter < 200; iter++) {
            if (gsl_root_fsolver_iterate(solver) != GSL_SUCCESS) {
                ok = FALSE;
                break;
            }
            root = gsl_root_fsolver_root(solver);
            lo = gsl_root_fsolver_x_lower(solver);
            hi = gsl_root_fsolver_x_upper(solver);
            if (gsl_root_test_interval(lo, hi, 0, 4 * DBL_EPSILON) == GSL_SUCCESS)
                break;
        }
        gsl_set_error_handler(old);
        gsl_root_fsolver_free(solver);
    }
    if (ok) {
        double var;
        zipf_moments(&d, root, &var);
        *s = root;
        if (var > 0)
            *se = 1 / sqrt(n * var);
    }
    g_free(ln_r);
    return ok;
}

gboolean corpus_zipf_ls(const guint64 *freq, size_t v, double *s, double *r2)
{
    *s = *r2 = NAN;
    if (v < 2 || freq[v - 1] == 0)
        return FALSE;
    double *x = g_new(double, 2 * v), *y = x + v;
    for (size_t i = 0; i < v; i++) {
        x[i] = log((double)(i + 1));
        y[i] = log((double)freq[i]);
    }
    double slope, intercept;
    gboolean ok = corpus_fit_line(x, y, v, &slope, &intercept, r2);
    if (ok)
        *s = slope == 0 ? 0 : -slope; /* not -0 for a flat list */
    g_free(x);
    return ok;
}

gboolean corpus_heaps_fit(const guint64 *n, const guint64 *types, size_t k, double *K,
                          double *beta, double *r2)
{
    *K = *beta = *r2 = NAN;
    double *x = g_new(double, 2 * k + 1), *y = x + k;
    for (size_t i = 0; i < k; i++) {
        x[i] = log((double)n[i]);
        y[i] = log((double)types[i]);
    }
    double intercept;
    gboolean ok = corpus_fit_line(x, y, k, beta, &intercept, r2);
    if (ok)
        *K = exp(intercept);
    g_free(x);
    return ok;
}
