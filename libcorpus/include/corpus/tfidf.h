/* TF-IDF weights: the term frequency, document frequency and normalization components, as
 * long options (scikit-learn's TfidfVectorizer by default) and as SMART letters (Manning,
 * Raghavan & Schütze 2008, section 6.4, with natural logarithms).
 * SPDX-License-Identifier: MIT */
#ifndef CORPUS_TFIDF_H
#define CORPUS_TFIDF_H

#include <glib.h>

#include <corpus/docterms.h>
#include <corpus/export.h>
#include <corpus/out.h>

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

/* The key of the row that holds the number of documents in a DF table.  No term can be
 * spelled so: the tokenizer splits < and > from letters. */
#define CORPUS_DF_DOCUMENTS "<documents>"

/* A document frequency threshold as scikit-learn reads it: a number with a decimal point is a
 * proportion of the documents (0 to 1), otherwise a count of documents. */
typedef struct {
    double value;
    gboolean proportion;
} CorpusDfLimit;

CORPUS_API gboolean corpus_df_limit_parse(const char *option, const char *s,
                                          CorpusDfLimit *limit, GError **error);

typedef struct {
    CorpusTfidfScheme scheme;
    CorpusDfLimit min_df;  /* terms in fewer documents are left out [1] */
    CorpusDfLimit max_df;  /* terms in more documents are left out [1.0] */
    guint64 max_features;  /* keep the K terms with the largest total count, or df with binary
                            * tf (0: all) */
    guint64 top;           /* rows per document (0: all) */
    gboolean jsonl;        /* JSON Lines instead of TSV */
    gboolean header;       /* TSV header */
    const char *mm_prefix; /* write PREFIX.mtx, .terms, .docs instead of the table */
    const char *df_in;     /* score against this DF table instead of the input's */
    const char *df_out;    /* also write the input's DF table here */
    void (*warn)(const char *message); /* for the count of zero rows; may be NULL */
} CorpusTfidfSpec;

/* Weigh the documents of d and write the long table (doc, term, tf, df, idf, tfidf; documents
 * in input order, then tfidf descending, then term bytewise) to out, or, with mm_prefix, the
 * Matrix Market files (out is then unused and may be NULL); and the DF table when asked. */
CORPUS_API gboolean corpus_tfidf_write(CorpusDocTerms *d, const CorpusTfidfSpec *spec,
                                       CorpusOut *out, GError **error);

G_END_DECLS

#endif
