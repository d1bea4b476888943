/* Keyness: which terms a target corpus uses more (or less) than a reference corpus.  For a term
 * seen a times among the c tokens of the target and b times among the d tokens of the
 * reference, the 2x2 table (a, b; c - a, d - b) is scored with the 4-cell log-likelihood G2 (as
 * AntConc), Pearson's chi2, Hardie's Log Ratio, Gabrielatos and Marchi's %DIFF and Wilson's BIC
 * (formulas and references in docs/keyness.md).
 *
 * The table joins two streams of (term, count) records in key order, as corpus_ngram_count()
 * and corpus_merge_tables() give them, one for each corpus, and writes one row per term sorted
 * by signed G2.
 * SPDX-License-Identifier: MIT */
#ifndef CORPUS_KEYNESS_H
#define CORPUS_KEYNESS_H

#include <glib.h>

#include <corpus/export.h>
#include <corpus/out.h>
#include <corpus/runs.h>
#include <corpus/stopwords.h>

G_BEGIN_DECLS

/* The key stop words are counted under (CorpusNgramSpec.stop_key): a control character, which
 * no token contains.  Its count is part of the corpus size; it gets no row. */
#define CORPUS_KEYNESS_STOP_KEY "\001"

/* The counts of one term (transparent): a in the target of c tokens, b in the reference of d
 * tokens; a <= c, b <= d, c > 0, d > 0. */
typedef struct {
    guint64 a, b, c, d;
} CorpusKeynessCounts;

/* The measures of one term (transparent).  Every value is finite. */
typedef struct {
    double g2;          /* 4-cell log-likelihood, signed: > 0 when a/c > b/d, < 0 when less */
    double g2_p;        /* p-value of |g2|, chi-square with 1 degree of freedom */
    double chi2;        /* Pearson's chi-square, no Yates correction (never signed) */
    double chi2_p;      /* its p-value, 1 degree of freedom */
    double log_ratio;   /* log2((a/c) / (b/d)), a zero a or b replaced by 0.5 (Hardie 2014) */
    double pdiff;       /* %DIFF (Gabrielatos & Marchi 2012); meaningful only if has_pdiff */
    gboolean has_pdiff; /* FALSE when b = 0: %DIFF is infinite, written empty (JSON null) */
    double bic;         /* |g2| - ln(c + d) (Wilson 2013) */
} CorpusKeynessScores;

/* +1 when a/c > b/d (the term is overused in the target), -1 when a/c < b/d, 0 when equal;
 * decided exactly on the integers a d and b c. */
CORPUS_API int corpus_keyness_sign(const CorpusKeynessCounts *k);

/* The signed 4-cell G2: NLTK's likelihood_ratio (corpus_pair_score() with CORPUS_MEASURE_LLR)
 * of the table with O11 = a, R1 = a + b, C1 = c, N = c + d, with the sign of
 * corpus_keyness_sign(); exactly 0 when a/c = b/d. */
CORPUS_API double corpus_keyness_g2(const CorpusKeynessCounts *k);

/* Every measure of the term (k must satisfy the conditions of CorpusKeynessCounts). */
CORPUS_API void corpus_keyness_score(const CorpusKeynessCounts *k, CorpusKeynessScores *out);

typedef enum {
    CORPUS_KEYNESS_BOTH, /* every term, signed G2 descending: overused first, underused last */
    CORPUS_KEYNESS_POS,  /* overused terms (a/c > b/d), G2 descending */
    CORPUS_KEYNESS_NEG,  /* underused terms (a/c < b/d), |G2| descending */
} CorpusKeynessDirection;

typedef struct {
    CorpusKeynessDirection direction;
    guint64 min_count;                /* terms with a + b below it are left out */
    guint64 top;                      /* 0: every row; K: the first K */
    const CorpusStopwords *stopwords; /* terms of the list get no row (they stay in c and d) */
    gboolean jsonl;                   /* JSON Lines instead of TSV */
    gboolean header;                  /* TSV: the header line */
} CorpusKeynessSpec;

typedef enum {
    CORPUS_KEYNESS_TARGET,
    CORPUS_KEYNESS_REFERENCE,
} CorpusKeynessSide;

typedef struct CorpusKeyness CorpusKeyness;

CORPUS_API CorpusKeyness *corpus_keyness_new(void);
CORPUS_API void corpus_keyness_free(CorpusKeyness *k);

/* Add the records of src (taken over and freed) to the counts of one corpus: they must come in
 * key order, each key once, and be single terms (a key with a space, or a tab other than a
 * trailing n column of 1, is a CORPUS_ERROR_PARSE error naming `what`).  The record
 * CORPUS_KEYNESS_STOP_KEY adds to the size only.  Each side may be added once. */
CORPUS_API gboolean corpus_keyness_add(CorpusKeyness *k, CorpusKeynessSide side,
                                       CorpusRecSource *src, const char *what, GError **error);

/* The sizes c (target) and d (reference) of what was added so far. */
CORPUS_API void corpus_keyness_sizes(const CorpusKeyness *k, guint64 *c, guint64 *d);

/* Score the terms and write the table: term, freq-target, freq-ref, size-target, size-ref,
 * g2, g2-p, chi2, chi2-p, log-ratio, pdiff, bic; rows in the order of spec->direction, ties
 * by term bytewise.  A corpus without tokens is a CORPUS_ERROR_PARSE error. */
CORPUS_API gboolean corpus_keyness_write(CorpusKeyness *k, const CorpusKeynessSpec *spec,
                                         CorpusOut *out, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorpusKeyness, corpus_keyness_free)

G_END_DECLS

#endif
