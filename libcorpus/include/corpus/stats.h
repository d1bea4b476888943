/* CorpusStats: counting and lexical statistics of a token stream, for the whole input and per
 * document: sizes, type-token measures (TTR, Yule's K, Simpson's D, Herdan's C, Guiraud's R),
 * MTLD, the frequency spectrum, the vocabulary growth curve and the Zipf and Heaps fits
 * (fit.h).  Formulas, references and undefined cases: docs/stats.md.
 * The collector interns the counted tokens in a CorpusVocab and keeps their ids in input order
 * (4 bytes per token), which MTLD in both directions and every per-document statistic read
 * after the run; everything else is bounded by the vocabulary and the number of documents.
 * SPDX-License-Identifier: MIT */
#ifndef CORPUS_STATS_H
#define CORPUS_STATS_H

#include <glib.h>

#include <corpus/export.h>
#include <corpus/out.h>
#include <corpus/reader.h>
#include <corpus/tok.h>
#include <corpus/vocab.h>

G_BEGIN_DECLS

/* MTLD's TTR threshold (McCarthy & Jarvis 2010). */
#define CORPUS_MTLD_THRESHOLD 0.72

/* The statistics of a token sequence (transparent).  A double that is not applicable (N = 0,
 * N = 1, no completed MTLD factor, too few types for a fit...) is NAN; writers print it as an
 * empty TSV field or a JSON null. */
typedef struct {
    guint64 bytes;        /* input bytes (wc -c) */
    guint64 characters;   /* input characters: bytes that are not UTF-8 continuation bytes */
    guint64 tokens;       /* N: counted tokens (kept classes, not stop words) */
    guint64 types;        /* V: distinct counted tokens, after --norm and --stem */
    guint64 sentences;    /* sentences with at least one counted token */
    guint64 documents;    /* documents (as --docs says) */
    double mean_sentence_length; /* N / sentences */
    double ttr;           /* V / N */
    guint64 hapax;        /* V1: types seen once */
    guint64 dis;          /* V2: types seen twice */
    double yule_k;        /* 1e4 (sum f^2 - N) / N^2 */
    double simpson_d;     /* sum f (f - 1) / (N (N - 1)) */
    double herdan_c;      /* ln V / ln N */
    double guiraud_r;     /* V / sqrt N */
    double mtld;          /* mean of the forward and backward MTLD */
    double zipf_mle;      /* Zipf exponent s, maximum likelihood over ranks 1..V */
    double zipf_mle_se;   /* its standard error 1/sqrt(N Var_s(ln r)) */
    double zipf_ls;       /* Zipf exponent s, least squares of ln f on ln r */
    double zipf_ls_r2;    /* R2 of that regression */
    double heaps_k;       /* Heaps' law V(n) = K n^beta, least squares on ln-ln checkpoints */
    double heaps_beta;
    double heaps_r2;
} CorpusStatsValues;

/* ---- Pure functions on id sequences (ids below n_ids) ------------------------------------ */

/* The token statistics of ids[0..n): tokens, types, and every measure from ttr on (bytes,
 * characters, sentences and documents are left 0, mean_sentence_length NAN). */
CORPUS_API void corpus_stats_of_ids(const guint32 *ids, size_t n, guint32 n_ids,
                                    CorpusStatsValues *v);

/* One MTLD pass over ids[0..n), backwards when reverse: the number of factors, the partial
 * factor included; *complete gets the number of completed ones (may be NULL). */
CORPUS_API double corpus_mtld_factors(const guint32 *ids, size_t n, guint32 n_ids,
                                      double threshold, gboolean reverse, guint64 *complete);

/* MTLD of ids[0..n): the mean of N / factors forward and backward; NAN when a pass completes
 * no factor (so also for N = 0 and for tokens that are all distinct). */
CORPUS_API double corpus_mtld(const guint32 *ids, size_t n, guint32 n_ids, double threshold);

/* The Heaps checkpoints for n tokens: the distinct values of floor(10^(j/10)), j = 0, 1, ...,
 * below n, then n itself (none when n = 0).  Returns how many; *points (g_free) ascending. */
CORPUS_API size_t corpus_heaps_checkpoints(guint64 n, guint64 **points);

/* ---- The collector of a token stream --------------------------------------------------- */

typedef struct {
    CorpusTokClassSet keep; /* token classes counted */
    CorpusDocsMode docs;    /* what a document is */
} CorpusStatsSpec;

typedef struct CorpusStats CorpusStats;

CORPUS_API CorpusStats *corpus_stats_new(const CorpusStatsSpec *spec);
CORPUS_API void corpus_stats_free(CorpusStats *s);

/* A CorpusTokBatchFunc (user = the CorpusStats): the batches of a run, in input order.
 * Fails with CORPUS_ERROR_LIMIT when the vocabulary passes CORPUS_VOCAB_MAX_IDS. */
CORPUS_API gboolean corpus_stats_consume(const CorpusTokenBatch *batch, const CorpusChunk *chunk,
                                         gpointer user, GError **error);

/* Documents read (complete after the run).  Names as corpus-tfidf's: FILE, or FILE#N (the N-th
 * document of FILE) under --docs=line and para; owned by s. */
CORPUS_API guint64 corpus_stats_n_docs(const CorpusStats *s);
CORPUS_API const char *corpus_stats_doc_name(const CorpusStats *s, guint64 doc);

/* The statistics of the whole input (doc = CORPUS_STATS_ALL) or of document doc. */
#define CORPUS_STATS_ALL G_MAXUINT64
CORPUS_API void corpus_stats_values(CorpusStats *s, guint64 doc, CorpusStatsValues *v);

/* ---- Output ---------------------------------------------------------------------------- */

typedef enum {
    CORPUS_STATS_TABLE,    /* the statistics: statistic/value, or one row per document */
    CORPUS_STATS_SPECTRUM, /* frequency, types: V_f for every f with V_f > 0, ascending f */
    CORPUS_STATS_GROWTH,   /* tokens, types: the vocabulary growth curve */
} CorpusStatsTable;

typedef struct {
    CorpusStatsTable table;
    gboolean by_doc;     /* per document (a leading doc column), instead of the whole input */
    gboolean jsonl;      /* JSON Lines instead of TSV */
    gboolean header;     /* TSV header line */
    guint64 growth_step; /* growth points every this many tokens (and at N); 0 = Heaps points */
} CorpusStatsWriteSpec;

/* Write the chosen table to out.  FALSE + error on a write error. */
CORPUS_API gboolean corpus_stats_write(CorpusStats *s, const CorpusStatsWriteSpec *spec,
                                       CorpusOut *out, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorpusStats, corpus_stats_free)

G_END_DECLS

#endif
