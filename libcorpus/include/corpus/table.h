/* Count tables: writing a key-ordered stream of (key, count) records as the TSV or JSON Lines
 * table of corpus-ngram and corpus-merge, with --min-count, --top and --sort.  Sorting by count
 * stays within a memory budget, spilling runs like the counters do.
 * SPDX-License-Identifier: MIT */
#ifndef CORPUS_TABLE_H
#define CORPUS_TABLE_H

#include <glib.h>

#include <corpus/export.h>
#include <corpus/out.h>
#include <corpus/runs.h>

G_BEGIN_DECLS

typedef struct {
    CorpusRecOrder sort; /* order of the rows */
    guint64 min_count;   /* rows with a smaller count are left out */
    guint64 top;         /* 0: every row; K: the K most frequent (ties by key), in `sort` order */
    gboolean jsonl;      /* JSON Lines instead of TSV */
    gboolean header;     /* TSV: write the header line */
    /* Column names: one per tab-separated field of the key, then the count's. */
    const char *const *columns;
    guint n_columns;
    /* Optional column computed from the key, inserted after the key's first field. */
    const char *derived_name;
    guint (*derived)(const char *key, size_t len, gpointer user);
    gpointer derived_user;
    size_t memory; /* bytes for sorting by count (0: no limit) */
} CorpusTableSpec;

/* Write the records of src (in order src_order, each key once) to out.  Runs, when sorting
 * needs them, go to runs.  Takes over src. */
CORPUS_API gboolean corpus_table_write(CorpusRecSource *src, CorpusRecOrder src_order,
                                       const CorpusTableSpec *spec, CorpusRuns *runs,
                                       CorpusOut *out, GError **error);

/* The order to ask of a source for this spec: count order when rows are sorted by count or
 * --top picks them. */
CORPUS_API CorpusRecOrder corpus_table_source_order(const CorpusTableSpec *spec);

/* Parse a size with an optional K, M, G or T suffix (powers of 1024), e.g. "512M". */
CORPUS_API gboolean corpus_parse_size(const char *s, size_t *size, GError **error);

/* The default --memory: half of the physical memory. */
CORPUS_API size_t corpus_default_memory(void);

G_END_DECLS

#endif
