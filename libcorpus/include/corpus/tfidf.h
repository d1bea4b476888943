/* TF-IDF weights: the term frequency, document frequency and normalization components, as
 * long options (scikit-learn's TfidfVectorizer by default) and as SMART letters (Manning,
 * Raghavan & Schütze 2008, section 6.4, with natural logarithms).
 * SPDX-License-Identifier: MIT */
#ifndef CORPUS_TFIDF_H
#define CORPUS_TFIDF_H

#include <glib.h>

#include <corpus/export.h>

G_BEGIN_DECLS

typedef enum {
    CORPUS_TF_RAW,       /* tf (SMART n) */
    CORPUS_TF_LOG,       /* 1 + ln tf for tf > 0 (SMART l; scikit-learn's sublinear_tf) */
    CORPUS_TF_BINARY,    /* 1 for tf > 0 (SMART b) */
    CORPUS_TF_AUGMENTED, /* 0.5 + 0.5 tf / max tf of the document, for tf > 0 (SMART a) */
    CORPUS_TF_LOG_AVE,   /* (1 + ln tf) / (1 + ln avg tf of the document), for tf > 0 (SMART L) */
} CorpusTfWeight;

typedef enum {
    CORPUS_IDF_SMOOTH, /* ln((1 + N) / (1 + df)) + 1 (scikit-learn's default) */
    CORPUS_IDF_PLAIN,  /* ln(N / df) + 1 (scikit-learn's smooth_idf=False) */
    CORPUS_IDF_LOG,    /* ln(N / df) (SMART t) */
    CORPUS_IDF_PROB,   /* max(0, ln((N - df) / df)) (SMART p) */
    CORPUS_IDF_NONE,   /* 1 (SMART n) */
} CorpusIdfWeight;

typedef enum {
    CORPUS_UNIT_L2,   /* divide by sqrt(sum w^2) (SMART c, cosine) */
    CORPUS_UNIT_L1,   /* divide by sum |w| */
    CORPUS_UNIT_NONE, /* leave the weights (SMART n) */
} CorpusUnit;

typedef struct {
    CorpusTfWeight tf;
    CorpusIdfWeight idf;
    CorpusUnit unit;
} CorpusTfidfScheme;

/* scikit-learn's defaults: raw tf, smooth idf, l2. */
#define CORPUS_TFIDF_DEFAULT {CORPUS_TF_RAW, CORPUS_IDF_SMOOTH, CORPUS_UNIT_L2}

/* Parse the long option values: --tf=raw|log|binary|augmented|logave,
 * --idf=smooth|plain|log|prob|none, --unit=l2|l1|none (any may be NULL: left as it is). */
CORPUS_API gboolean corpus_tfidf_parse(const char *tf, const char *idf, const char *unit,
                                       CorpusTfidfScheme *scheme, GError **error);

/* Parse three SMART letters: tf n l a b L, df n t p, normalization n c. */
CORPUS_API gboolean corpus_tfidf_parse_smart(const char *smart, CorpusTfidfScheme *scheme,
                                             GError **error);

/* The weight of a term seen tf times in a document whose largest count is max_tf and whose
 * mean count over its distinct terms is avg_tf; 0 for tf == 0. */
CORPUS_API double corpus_tf_weight(CorpusTfWeight w, guint64 tf, guint64 max_tf, double avg_tf);

/* The idf of a term in df of n_docs documents (1 <= df <= n_docs). */
CORPUS_API double corpus_idf_weight(CorpusIdfWeight w, guint64 n_docs, guint64 df);

/* The weights of one document: out[i] = tf weight of tf[i] times idf[i], then the row
 * normalized as scheme->unit says.  A row of zeros stays zeros (never a division by zero).
 * Returns the row's norm before normalizing (0 for a zero row and with CORPUS_UNIT_NONE). */
CORPUS_API double corpus_tfidf_row(const CorpusTfidfScheme *scheme, const guint64 *tf,
                                   const double *idf, size_t n, double *out);

G_END_DECLS

#endif
