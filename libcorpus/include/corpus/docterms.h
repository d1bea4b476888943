/* CorpusDocTerms: the terms of each document of a token stream, counted, for TF-IDF.  Terms are
 * the counted tokens (kept classes, not stop words) or their word n-grams inside sentences.
 * Documents follow --docs: with file, each input (an input without tokens is an empty
 * document); with line, each line (an empty line is an empty document); with para, each
 * paragraph with tokens.  Each document is named after its input, with #N (the N-th document of
 * the input) under line and para.  Fed in input order by a token stream's consume function;
 * everything stays in memory.
 * SPDX-License-Identifier: MIT */
#ifndef CORPUS_DOCTERMS_H
#define CORPUS_DOCTERMS_H

#include <glib.h>

#include <corpus/export.h>
#include <corpus/reader.h>
#include <corpus/tok.h>
#include <corpus/vocab.h>

G_BEGIN_DECLS

typedef struct {
    guint n_min, n_max;     /* orders of the terms; 1, 1 = the tokens themselves */
    CorpusTokClassSet keep; /* token classes counted */
    CorpusDocsMode docs;    /* what a document is */
} CorpusDocTermsSpec;

typedef struct CorpusDocTerms CorpusDocTerms;

CORPUS_API CorpusDocTerms *corpus_doc_terms_new(const CorpusDocTermsSpec *spec);
CORPUS_API void corpus_doc_terms_free(CorpusDocTerms *d);

/* A CorpusTokBatchFunc (user = the CorpusDocTerms): the batches of a run, in input order. */
CORPUS_API gboolean corpus_doc_terms_consume(const CorpusTokenBatch *batch,
                                             const CorpusChunk *chunk, gpointer user,
                                             GError **error);

/* Documents read so far (the last one is complete after the end of its input). */
CORPUS_API guint64 corpus_doc_terms_count(const CorpusDocTerms *d);
/* The name of document i (0-based). */
CORPUS_API const char *corpus_doc_terms_name(const CorpusDocTerms *d, guint64 i);
/* The distinct terms of document i, by id, with their counts. */
CORPUS_API size_t corpus_doc_terms_get(const CorpusDocTerms *d, guint64 i, const guint32 **ids,
                                       const guint64 **counts);
/* The terms: ids, strings, and total counts over all documents (corpus_vocab_count()). */
CORPUS_API CorpusVocab *corpus_doc_terms_vocab(CorpusDocTerms *d);
/* Number of documents with term id. */
CORPUS_API guint64 corpus_doc_terms_df(const CorpusDocTerms *d, guint32 id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorpusDocTerms, corpus_doc_terms_free)

G_END_DECLS

#endif
