/* Summing count tables (corpus-merge).  When every input is key-sorted the tables are merged
 * as they stream, in constant memory; otherwise their rows are counted like n-grams, in
 * bounded memory with sorted runs.  The inputs must have the same columns.
 * SPDX-License-Identifier: MIT */
#ifndef CORPUS_MERGE_H
#define CORPUS_MERGE_H

#include <glib.h>

#include <corpus/export.h>
#include <corpus/runs.h>

G_BEGIN_DECLS

typedef enum {
    CORPUS_MERGE_AUTO,   /* stream when every input is a regular file found key-sorted */
    CORPUS_MERGE_SORTED, /* the inputs are key-sorted: stream, and check as they are read */
    CORPUS_MERGE_COUNT,  /* count, whatever the order */
} CorpusMergeMode;

typedef struct {
    CorpusMergeMode mode;
    size_t memory;     /* bytes for counting (0: no limit) */
    char *header;      /* out: the inputs' header (g_free), or NULL when none has one */
    guint columns;     /* out: columns of the tables (0 when all are empty) */
    gboolean streamed; /* out: the tables were merged as they streamed */
} CorpusMergeSpec;

/* Sum the tables files[0..n_files) ("-" = standard input; none = standard input).  Returns
 * every key once with its total, in order `want` or in key order (*got says which), or NULL
 * with a located error.  The source must be freed before runs. */
CORPUS_API CorpusRecSource *corpus_merge_tables(CorpusMergeSpec *spec, const char *const *files,
                                                guint n_files, CorpusRuns *runs,
                                                CorpusRecOrder want, CorpusRecOrder *got,
                                                GError **error);

G_END_DECLS

#endif
