/* TF-IDF weights (see tfidf.h).
 * SPDX-License-Identifier: MIT */
#include <math.h>
#include <string.h>

#include <corpus/error.h>
#include <corpus/tfidf.h>

static const char *const tf_names[] = {"raw", "log", "binary", "augmented", "logave"};
static const char *const idf_names[] = {"smooth", "plain", "log", "prob", "none"};
static const char *const unit_names[] = {"l2", "l1", "none"};

static gboolean lookup(const char *option, const char *value, const char *const *names,
                       guint n, int *out, GError **error)
{
    for (guint i = 0; i < n; i++) {
        if (strcmp(value, names[i]) == 0) {
            *out = (int)i;
            return TRUE;
        }
    }
    g_autoptr(GString) list = g_string_new(NULL);
    for (guint i = 0; i < n; i++)
        g_string_append_printf(list, "%s%s", i ? (i + 1 == n ? " or " : ", ") : "", names[i]);
    g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_USAGE, "invalid %s value '%s' (expected %s)",
                option, value, list->str);
    return FALSE;
}

gboolean corpus_tfidf_parse(const char *tf, const char *idf, const char *unit,
                            CorpusTfidfScheme *scheme, GError **error)
{
    int v;

    if (tf) {
        if (!lookup("--tf", tf, tf_names, G_N_ELEMENTS(tf_names), &v, error))
            return FALSE;
        scheme->tf = (CorpusTfWeight)v;
    }
    if (idf) {
        if (!lookup("--idf", idf, idf_names, G_N_ELEMENTS(idf_names), &v, error))
            return FALSE;
        scheme->idf = (CorpusIdfWeight)v;
    }
    if (unit) {
        if (!lookup("--unit", unit, unit_names, G_N_ELEMENTS(unit_names), &v, error))
            return FALSE;
        scheme->unit = (CorpusUnit)v;
    }
    return TRUE;
}

gboolean corpus_tfidf_parse_smart(const char *smart, CorpusTfidfScheme *scheme, GError **error)
{
    static const char tf_letters[] = "nlabL", idf_letters[] = "ntp", unit_letters[] = "nc";
    static const CorpusTfWeight tfs[] = {CORPUS_TF_RAW, CORPUS_TF_LOG, CORPUS_TF_AUGMENTED,
                                         CORPUS_TF_BINARY, CORPUS_TF_LOG_AVE};
    static const CorpusIdfWeight idfs[] = {CORPUS_IDF_NONE, CORPUS_IDF_LOG, CORPUS_IDF_PROB};
    static const CorpusUnit units[] = {CORPUS_UNIT_NONE, CORPUS_UNIT_L2};
    const char *a, *b, *c;

    /* strchr() also finds the terminating NUL: the length check comes first. */
    if (strlen(smart) != 3 || !(a = strchr(tf_letters, smart[0])) ||
        !(b = strchr(idf_letters, smart[1])) || !(c = strchr(unit_letters, smart[2]))) {
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_USAGE,
                    "invalid --smart value '%s' (expected three letters: term frequency n, l, "
                    "a, b or L; document frequency n, t or p; normalization n or c)",
                    smart);
        return FALSE;
    }
    scheme->tf = tfs[a - tf_letters];
    scheme->idf = idfs[b - idf_letters];
    scheme->unit = units[c - unit_letters];
    return TRUE;
}

double corpus_tf_weight(CorpusTfWeight w, guint64 tf, guint64 max_tf, double avg_tf)
{
    if (tf == 0)
        return 0;
    switch (w) {
    case CORPUS_TF_RAW:
        return (double)tf;
    case CORPUS_TF_LOG:
        return 1 + log((double)tf);
    case CORPUS_TF_BINARY:
        return 1;
    case CORPUS_TF_AUGMENTED:
        return 0.5 + 0.5 * (double)tf / (double)MAX(max_tf, tf);
    case CORPUS_TF_LOG_AVE:
        return (1 + log((double)tf)) / (1 + log(MAX(avg_tf, 1.0)));
    }
    return (double)tf;
}

double corpus_idf_weight(CorpusIdfWeight w, guint64 n_docs, guint64 df)
{
    double n = (double)n_docs, d = (double)MAX(df, 1u);
    switch (w) {
    case CORPUS_IDF_SMOOTH:
        return log((1 + n) / (1 + d)) + 1;
    case CORPUS_IDF_PLAIN:
        return log(n / d) + 1;
    case CORPUS_IDF_LOG:
        return log(n / d);
    case CORPUS_IDF_PROB:
        return n > d ? MAX(0.0, log((n - d) / d)) : 0;
    case CORPUS_IDF_NONE:
        return 1;
    }
    return 1;
}

double corpus_tfidf_row(const CorpusTfidfScheme *scheme, const guint64 *tf, const double *idf,
                        size_t n, double *out)
{
    guint64 max_tf = 0, sum_tf = 0;
    size_t distinct = 0;
    double norm = 0;

    for (size_t i = 0; i < n; i++) {
        max_tf = MAX(max_tf, tf[i]);
        sum_tf += tf[i];
        distinct += tf[i] > 0;
    }
    double avg_tf = distinct ? (double)sum_tf / (double)distinct : 0;
    for (size_t i = 0; i < n; i++)
        out[i] = corpus_tf_weight(scheme->tf, tf[i], max_tf, avg_tf) * idf[i];
    if (scheme->unit == CORPUS_UNIT_NONE)
        return 0;
    for (size_t i = 0; i < n; i++)
        norm += scheme->unit == CORPUS_UNIT_L2 ? out[i] * out[i] : fabs(out[i]);
    if (scheme->unit == CORPUS_UNIT_L2)
        norm = sqrt(norm);
    if (norm > 0) {
        for (size_t i = 0; i < n; i++)
            out[i] /= norm;
    }
    return norm;
}
