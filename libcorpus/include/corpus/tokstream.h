/* CorpusTokStream: the token pipeline every token-reading tool runs.  Worker threads tokenize
 * (and normalize) chunks; batches reach the consumer in input order in the calling thread.
 * A chunk that continues a line of the previous one (a line longer than a read block) is
 * tokenized again in the calling thread when the previous chunk ended in a state the worker
 * could not know (right after a sentence ender or a one-letter word, or on a line whose blank
 * state differs), so the batches are exactly those of one sequential pass, whatever the
 * number of threads.
 * SPDX-License-Identifier: MIT */
#ifndef CORPUS_TOKSTREAM_H
#define CORPUS_TOKSTREAM_H

#include <glib.h>

#include <corpus/export.h>
#include <corpus/norm.h>
#include <corpus/pipeline.h>
#include <corpus/stem.h>
#include <corpus/stopwords.h>
#include <corpus/tok.h>

G_BEGIN_DECLS

/* Consume the batch of one chunk (in input order, in the calling thread). */
typedef gboolean (*CorpusTokBatchFunc)(const CorpusTokenBatch *batch, const CorpusChunk *chunk,
                                       gpointer user, GError **error);

/* After tokenizing, tokens in the stop list get CORPUS_TOKEN_STOP, and the text of every other
 * word token becomes its stem. */
typedef struct {
    const CorpusNorm *norm;            /* normalization (NULL: none) */
    CorpusDocsMode docs;               /* what a document is */
    CorpusStemAlgo stem;               /* stemmer for word tokens */
    const CorpusStopwords *stopwords;  /* stop list (NULL: none) */
    CorpusTokBatchFunc consume;        /* called once per chunk */
    gpointer user;                     /* passed to every callback */

    /* Optional work on a worker thread.  map() sees the refined batch of each chunk that
     * starts a line (!chunk->mid_line: its tokens are final); a chunk that continues a line
     * is left to consume(), in input order.  FALSE + error stops the run. */
    gpointer (*worker_new)(gpointer user);
    void (*worker_free)(gpointer worker, gpointer user);
    gboolean (*map)(const CorpusTokenBatch *batch, const CorpusChunk *chunk, gpointer worker,
                    gpointer user, GError **error);
} CorpusTokStreamSpec;

/* Tokenize files[0..n_files) (see corpus_pipeline_run() for files, threads, invalid UTF-8,
 * warnings and progress, taken from base; its map, reduce, worker and result fields are
 * ignored). */
CORPUS_API gboolean corpus_tok_stream_run(const CorpusTokStreamSpec *spec,
                                          const CorpusPipelineSpec *base,
                                          const char *const *files, guint n_files,
                                          GError **error);

G_END_DECLS

#endif
