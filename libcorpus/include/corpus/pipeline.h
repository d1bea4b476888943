/* CorpusPipeline: read inputs in chunks, work on chunks in parallel, consume results in input
 * order.  The reader runs in the calling thread; `map` runs on worker threads (or inline with one
 * thread); `reduce` runs in the calling thread, once per chunk, strictly in input order, so
 * output never depends on the number of threads.  Invalid UTF-8 is handled here, before `map`,
 * according to the policy.  The number of chunks in flight is bounded, so memory does not grow
 * with the input.
 * SPDX-License-Identifier: MIT */
#ifndef CORPUS_PIPELINE_H
#define CORPUS_PIPELINE_H

#include <glib.h>

#include <corpus/export.h>
#include <corpus/reader.h>
#include <corpus/utf8.h>

G_BEGIN_DECLS

/* What `map` gets: a chunk and its text after the --on-invalid policy. */
typedef struct {
    const CorpusChunk *chunk; /* position, file, flags */
    const char *text;         /* valid UTF-8 (chunk->data itself when it was valid) */
    size_t len;               /* bytes in text */
    const GArray *anchors;    /* CorpusOffsetAnchor from text back to chunk->data, or NULL */
} CorpusWork;

typedef struct {
    guint n_threads;                 /* worker threads; 0 or 1 = work in the calling thread */
    CorpusInvalidPolicy on_invalid;  /* what to do with invalid UTF-8 */
    gpointer user;                   /* passed to every callback, warn and progress too */

    /* Per-thread state (may be NULL). */
    gpointer (*worker_new)(gpointer user);
    void (*worker_free)(gpointer worker);

    /* Per-slot result objects, reused across chunks (may be NULL). */
    gpointer (*result_new)(gpointer user);
    void (*result_free)(gpointer result);

    /* Work on one chunk; fills result.  Runs on a worker thread. */
    void (*map)(const CorpusWork *work, gpointer worker, gpointer result, gpointer user);
    /* Consume one chunk's result in input order.  FALSE + error stops the run. */
    gboolean (*reduce)(const CorpusWork *work, gpointer result, gpointer user, GError **error);

    /* A warning for the user (one line, without the tool name); may be NULL. */
    void (*warn)(const char *message, gpointer user);
    /* Called after each reduced chunk with bytes done and total (-1 if unknown); may be NULL. */
    void (*progress)(guint64 done, gint64 total, gpointer user);
} CorpusPipelineSpec;

/* Run the pipeline over files[0..n_files) ("-" = standard input; n_files == 0 = standard
 * input).  Every file is checked with corpus_reader_check() before any is read.  Returns FALSE
 * with the first error: a located CORPUS_ERROR_INVALID_UTF8 under the fail policy, an IO error,
 * or the error of `reduce`. */
CORPUS_API gboolean corpus_pipeline_run(const CorpusPipelineSpec *spec, const char *const *files,
                                        guint n_files, GError **error);

G_END_DECLS

#endif
