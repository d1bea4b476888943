/* Records of (key, count), sorted runs of them on disk, and their k-way merge: the machinery
 * behind counting in bounded memory (corpus-ngram, corpus-merge).
 *
 * A run is a file of records in one order, written when a count table outgrows its memory
 * budget.  Runs live in a private directory made under the temporary directory at the first
 * run; corpus_runs_free() removes it, and so does a SIGINT, SIGTERM or SIGHUP (see
 * corpus_out_install_signal_cleanup()).  A write error (a full disk) is reported with the file
 * name; nothing is ever silently dropped.
 * SPDX-License-Identifier: MIT */
#ifndef CORPUS_RUNS_H
#define CORPUS_RUNS_H

#include <glib.h>

#include <corpus/export.h>

G_BEGIN_DECLS

typedef enum {
    CORPUS_ORDER_KEY,   /* key bytewise */
    CORPUS_ORDER_COUNT, /* count descending, then key bytewise */
} CorpusRecOrder;

/* Compare two records in order. */
CORPUS_API int corpus_rec_compare(CorpusRecOrder order, const char *a, size_t alen, guint64 ac,
                                  const char *b, size_t blen, guint64 bc);

/* A stream of records.  next() sets key, len and count to the next record (key valid until
 * the next call) and returns TRUE; FALSE at the end (error unset) or on an error. */
typedef struct CorpusRecSource CorpusRecSource;
struct CorpusRecSource {
    gboolean (*next)(CorpusRecSource *src, GError **error);
    void (*free)(CorpusRecSource *src);
    const char *key;
    size_t len;
    guint64 count;
};

CORPUS_API void corpus_rec_source_free(CorpusRecSource *src);

/* A source that gives the records of src and, when freed, frees src, then data (with
 * destroy): for a source that reads data it does not own. */
CORPUS_API CorpusRecSource *corpus_rec_source_keep(CorpusRecSource *src, gpointer data,
                                                   GDestroyNotify destroy);

typedef struct CorpusRuns CorpusRuns;
typedef struct CorpusRunWriter CorpusRunWriter;

/* Runs under tmpdir (NULL: $TMPDIR, else /tmp).  Nothing is created until the first run. */
CORPUS_API CorpusRuns *corpus_runs_new(const char *tmpdir);
/* Remove every run and the directory. */
CORPUS_API void corpus_runs_free(CorpusRuns *runs);
/* Runs waiting to be merged (thread-safe). */
CORPUS_API guint corpus_runs_count(CorpusRuns *runs);
/* Runs written since the set was made, intermediate merges included (thread-safe). */
CORPUS_API guint corpus_runs_written(CorpusRuns *runs);
/* Intermediate merge rounds done because there were more than CORPUS_RUNS_MAX_OPEN runs. */
CORPUS_API guint corpus_runs_rounds(CorpusRuns *runs);

/* Start a run (thread-safe: workers spill concurrently).  NULL + CORPUS_ERROR_IO. */
CORPUS_API CorpusRunWriter *corpus_run_writer_new(CorpusRuns *runs, GError **error);
/* Append a record; records must come in the run's order. */
CORPUS_API gboolean corpus_run_writer_put(CorpusRunWriter *w, const char *key, size_t len,
                                          guint64 count, GError **error);
/* Close the run and add it to the set (or, on error, remove it).  Frees w. */
CORPUS_API gboolean corpus_run_writer_finish(CorpusRunWriter *w, GError **error);

/* Most run files open at once while merging; more runs are merged in rounds. */
#define CORPUS_RUNS_MAX_OPEN 64

/* One stream of all runs (which must all be in `order`) and of the sources in extra[0..n)
 * (same order; the merge takes them over).  With CORPUS_ORDER_KEY, equal keys become one
 * record with the sum of their counts (a sum past 2^64 - 1 is a CORPUS_ERROR_LIMIT error).
 * Runs are merged in rounds first when there are more than CORPUS_RUNS_MAX_OPEN.  The runs
 * are taken over: the set is empty afterwards. */
CORPUS_API CorpusRecSource *corpus_runs_merge(CorpusRuns *runs, CorpusRecSource **extra,
                                              guint n_extra, CorpusRecOrder order,
                                              GError **error);

/* Merge sources already in `order` (taken over) into one stream, as corpus_runs_merge(). */
CORPUS_API CorpusRecSource *corpus_rec_merge_new(CorpusRecSource **srcs, guint n,
                                                 CorpusRecOrder order);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorpusRuns, corpus_runs_free)

G_END_DECLS

#endif
