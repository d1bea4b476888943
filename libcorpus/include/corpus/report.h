/* CorpusReport: the corpus report of corpus-report, a folder with index.html (one self-contained
 * page with inline SVG charts), report.json (every number of the report, schema in
 * docs/report.schema.json) and report.md (the same tables in Markdown).  The numbers come from
 * the other modules (stats, ngram, colloc, tfidf, keyness), so the report shows what the tools
 * print; the same inputs and options always give the same bytes.  Sections: docs/report.md.
 * SPDX-License-Identifier: MIT */
#ifndef CORPUS_REPORT_H
#define CORPUS_REPORT_H

#include <glib.h>

#include <corpus/export.h>
#include <corpus/norm.h>
#include <corpus/pipeline.h>
#include <corpus/stem.h>
#include <corpus/stopwords.h>
#include <corpus/tok.h>

G_BEGIN_DECLS

/* One option of the run as the provenance records it (transparent): its name without the
 * dashes and its effective value; a value of decimal digits only is written as a JSON number. */
typedef struct {
    const char *name;
    const char *value;
} CorpusReportOption;

typedef struct {
    /* Tokens, as the common text options say (documents are always the input files). */
    const CorpusNorm *norm;            /* normalization (NULL: none) */
    CorpusStemAlgo stem;               /* --stem: every count but the top stems */
    CorpusTokClassSet keep;            /* token classes counted */
    const CorpusStopwords *stopwords;  /* --stopwords: left out of the overview and charts */
    const CorpusStopwords *table_stopwords; /* left out of the word tables (NULL: none) */
    CorpusStemAlgo stems;              /* stemmer of the top stems table */
    const CorpusPipelineSpec *base;    /* threads, invalid UTF-8, warnings, progress */

    guint64 top;          /* rows of each ranked table */
    guint64 keywords;     /* TF-IDF terms per document */
    guint64 min_count;    /* collocation candidates seen fewer times are left out */
    const char *const *references; /* reference files for keyness (NULL or empty: none) */
    guint n_references;

    const CorpusReportOption *options; /* provenance: the options, in this order */
    guint n_options;
    const char *tool;     /* the tool's name, written with corpus_version() */
    const char *date;     /* ISO 8601 date of the report (NULL: none is written) */
} CorpusReportSpec;

/* The files named by paths[0..n): a file as given; a folder, every regular file named *.txt
 * below it (recursively; names starting with '.' and symbolic links to folders are skipped),
 * in bytewise order of their paths.  Returns a NULL-terminated array (g_strfreev), or NULL with
 * CORPUS_ERROR_IO for a path that does not exist or a folder that cannot be read. */
CORPUS_API char **corpus_report_expand_paths(const char *const *paths, guint n, GError **error);

/* The date of SOURCE_DATE_EPOCH (seconds since 1970 UTC, decimal digits) in ISO 8601 UTC,
 * "1970-01-01T00:00:00Z" (g_free).  NULL with CORPUS_ERROR_PARSE for any other value. */
CORPUS_API char *corpus_report_date(const char *source_date_epoch, GError **error);

/* Count files[0..n_files) and write index.html, report.json and report.md into dir (made with
 * its parents when missing).  Every file is checked, and the three output files opened (each
 * written to a temporary file renamed into place at the end), before any input is read; on an
 * error no report file is replaced.  Temporary tables go to a private directory under $TMPDIR
 * that is removed at the end (and on SIGINT, SIGTERM, SIGHUP).  FALSE + error. */
CORPUS_API gboolean corpus_report_write(const CorpusReportSpec *spec, const char *const *files,
                                        guint n_files, const char *dir, GError **error);

G_END_DECLS

#endif
