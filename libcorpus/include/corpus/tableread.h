/* Reading count tables: TSV lines KEY<TAB>COUNT, where KEY is every field but the last (so
 * corpus-ngram's ngram<TAB>n<TAB>count has the key ngram<TAB>n) and COUNT an unsigned 64-bit
 * integer.  An optional header comes first; it is recognized by a last field that is a column
 * name (a letter, then letters, digits or _) rather than a number.  Every malformed line is an
 * error naming the file and line: no tab, a different number of columns, an empty key, a
 * count that is not a non-negative integer or passes 2^64 - 1, invalid UTF-8.
 * SPDX-License-Identifier: MIT */
#ifndef CORPUS_TABLEREAD_H
#define CORPUS_TABLEREAD_H

#include <glib.h>

#include <corpus/export.h>
#include <corpus/runs.h>

G_BEGIN_DECLS

typedef struct CorpusTableReader CorpusTableReader;

/* Open path ("-" = standard input) and read its first line.  NULL + error. */
CORPUS_API CorpusTableReader *corpus_table_reader_open(const char *path, GError **error);
CORPUS_API void corpus_table_reader_free(CorpusTableReader *r);

/* The header line (fields joined by tabs), or NULL when the table has none. */
CORPUS_API const char *corpus_table_reader_header(const CorpusTableReader *r);
/* Columns of the first line (0 for an empty table). */
CORPUS_API guint corpus_table_reader_columns(const CorpusTableReader *r);

/* Require keys in bytewise order (equal keys may repeat): a key smaller than the one before
 * is a CORPUS_ERROR_PARSE error naming the file and line. */
CORPUS_API void corpus_table_reader_require_order(CorpusTableReader *r);

/* "FILE:LINE" of the last record read. */
CORPUS_API char *corpus_table_reader_where(const CorpusTableReader *r);

/* The reader as a source of its records; freeing the source frees the reader. */
CORPUS_API CorpusRecSource *corpus_table_reader_source(CorpusTableReader *r);

/* Read through a table only to learn whether its keys are in order: TRUE when they are,
 * FALSE when not (error unset) or on a malformed line (error set). */
CORPUS_API gboolean corpus_table_is_sorted(const char *path, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorpusTableReader, corpus_table_reader_free)

G_END_DECLS

#endif
