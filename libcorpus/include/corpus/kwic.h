/* Concordance (keyword in context): every occurrence of a query in a token stream, with the
 * tokens around it.  A query is a token, a sequence of tokens, or a sequence of regular
 * expressions over tokens; it is matched against the tokens as the common text options make
 * them (normalized, stop words left out, words stemmed), while the lines show the original
 * surface text of the input.  Lines are written in input order as the stream goes, or held in
 * memory and sorted by their left or right context (AntConc's order).  docs/kwic.md has the
 * rules.
 * SPDX-License-Identifier: MIT */
#ifndef CORPUS_KWIC_H
#define CORPUS_KWIC_H

#include <glib.h>

#include <corpus/buf.h>
#include <corpus/export.h>
#include <corpus/norm.h>
#include <corpus/out.h>
#include <corpus/pipeline.h>
#include <corpus/stem.h>
#include <corpus/stopwords.h>
#include <corpus/tok.h>
#include <corpus/tokstream.h>
#include <corpus/utf8.h>

G_BEGIN_DECLS

/* Most tokens in a query (each term is one bit of a 64-bit mask). */
#define CORPUS_KWIC_MAX_TERMS 64
/* Widest context, in tokens on each side. */
#define CORPUS_KWIC_MAX_WIDTH 1000

typedef enum {
    CORPUS_KWIC_SORT_DOC,   /* input order */
    CORPUS_KWIC_SORT_LEFT,  /* by the left context, nearest token first (L1, L2, ...) */
    CORPUS_KWIC_SORT_RIGHT, /* by the right context (R1, R2, ...) */
} CorpusKwicSort;

/* Parse a --sort value: doc, left or right.  CORPUS_ERROR_USAGE otherwise. */
CORPUS_API gboolean corpus_kwic_parse_sort(const char *name, CorpusKwicSort *sort, GError **error);

/* How a query is read: the text options of the run it is matched in (transparent). */
typedef struct {
    const CorpusNorm *norm;           /* the text's normalization (NULL: none) */
    CorpusStemAlgo stem;              /* the text's stemmer */
    const CorpusStopwords *stopwords; /* the text's stop list (NULL: none) */
    CorpusTokClassSet keep;           /* the token classes of the text that are kept */
    gboolean regex;                   /* the query is regular expressions, one per token */
} CorpusKwicQuerySpec;

typedef struct CorpusKwicQuery CorpusKwicQuery;

/* Read a query (UTF-8).  A plain query is tokenized and normalized as the text is; tokens of
 * classes not kept are left out; word tokens are stemmed.  A --regex query is split at white
 * space into patterns (GRegex, UTF-8), each normalized with the steps of norm except lower
 * (case-insensitive matching stands for it) and anchored to match a whole token.  Errors
 * (CORPUS_ERROR_USAGE): a query that is not UTF-8, empty, without a kept token, with a stop
 * word, with more than CORPUS_KWIC_MAX_TERMS tokens, or an invalid pattern.  spec and what it
 * points to must outlive the query. */
CORPUS_API CorpusKwicQuery *corpus_kwic_query_new(const char *query,
                                                  const CorpusKwicQuerySpec *spec, GError **error);
CORPUS_API void corpus_kwic_query_free(CorpusKwicQuery *q);

/* Number of terms (tokens of the query, or patterns). */
CORPUS_API guint corpus_kwic_query_n_terms(const CorpusKwicQuery *q);
/* Term i as it is matched: the normalized (and stemmed) token, or the normalized pattern.
 * Owned by the query. */
CORPUS_API const char *corpus_kwic_query_term(const CorpusKwicQuery *q, guint i);

/* The terms that a token matches, as a mask (bit i: term i), given the token as the stream
 * makes it (normalized and stemmed text).  Regular expression results are memoized per
 * distinct token, so a query is for one thread. */
CORPUS_API guint64 corpus_kwic_query_match(CorpusKwicQuery *q, const char *text, size_t len);

/* What a concordance writes (transparent). */
typedef struct {
    CorpusKwicQuery *query;     /* what is looked for; used by one thread */
    const CorpusNorm *norm;     /* sort keys: the surface text normalized with it (NULL: none) */
    CorpusTokClassSet keep;     /* token classes in the sequence (matching and context) */
    CorpusDocsMode docs;        /* what a document is (document names) */
    CorpusInvalidPolicy policy; /* how invalid bytes in a surface are shown (U+FFFD or not) */
    guint width;                /* tokens of context on each side, 0 to CORPUS_KWIC_MAX_WIDTH */
    CorpusKwicSort sort;        /* line order */
    guint64 max;                /* 0: every line; K: the first K of the order */
    gboolean jsonl;             /* JSON Lines instead of TSV */
    gboolean header;            /* TSV: the header line */
} CorpusKwicSpec;

typedef struct CorpusKwic CorpusKwic;

/* A concordance writing to out, or with out NULL into memory (corpus_kwic_rows()).  spec and
 * what it points to, and out, must outlive it. */
CORPUS_API CorpusKwic *corpus_kwic_new(const CorpusKwicSpec *spec, CorpusOut *out);
CORPUS_API void corpus_kwic_free(CorpusKwic *k);

/* A CorpusTokBatchFunc (user = the CorpusKwic): the batches of a token stream in input order.
 * Tokens must come from a stream whose stop words and stems are those of the query's spec;
 * the surface of a token is read from the chunk's bytes (token.off - chunk.offset).  In input
 * order, lines are written as soon as their right context is complete; after the --max-th
 * one it returns TRUE and ignores the rest (corpus_kwic_done()). */
CORPUS_API gboolean corpus_kwic_consume(const CorpusTokenBatch *batch, const CorpusChunk *chunk,
                                        gpointer user, GError **error);
/* TRUE once --max lines are written in input order: the rest of the input can be skipped. */
CORPUS_API gboolean corpus_kwic_done(const CorpusKwic *k);
/* End of input: complete the last lines, sort and write what is held.  Call it once. */
CORPUS_API gboolean corpus_kwic_finish(CorpusKwic *k, GError **error);

/* Run a token stream over files[0..n_files) into k and finish it: tok gives the stream's
 * text options (its consume and user are replaced), base the pipeline options.  Stops
 * reading once corpus_kwic_done(). */
CORPUS_API gboolean corpus_kwic_run(CorpusKwic *k, const CorpusTokStreamSpec *tok,
                                    const CorpusPipelineSpec *base, const char *const *files,
                                    guint n_files, GError **error);

/* Lines found so far (also those beyond --max). */
CORPUS_API guint64 corpus_kwic_count(const CorpusKwic *k);
/* With out NULL: the bytes written so far (header and lines); view owned by k. */
CORPUS_API const char *corpus_kwic_rows(const CorpusKwic *k, size_t *len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorpusKwicQuery, corpus_kwic_query_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorpusKwic, corpus_kwic_free)

G_END_DECLS

#endif
