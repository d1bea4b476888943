/* The tables of the corpus report, which report.c gathers and report-render.c writes.
 * SPDX-License-Identifier: MIT */
#ifndef CORPUS_REPORT_PRIVATE_H
#define CORPUS_REPORT_PRIVATE_H

#include <glib.h>

#include <corpus/buf.h>
#include <corpus/report.h>
#include <corpus/stats.h>

/* Cell kinds: text (left to right), word (a token: right to left when Arabic), number. */
#define KIND_TEXT 't'
#define KIND_WORD 'w'
#define KIND_NUMBER 'n'

typedef struct {
    const char *key;   /* JSON member and HTML id */
    const char *title; /* heading */
    const char *about; /* what the table shows (one paragraph) */
    char **cols;       /* column names (NULL-terminated) */
    GString *kinds;    /* one kind per column */
    guint n_cols;
    GPtrArray *cells;  /* row-major; NULL is an undefined value */
    gboolean object;   /* one row, written as a JSON object and as a name/value table */
    guint64 show;      /* rows shown in report.md and index.html (0: all) */
} Table;

/* The state of one report. */
typedef struct {
    const CorpusReportSpec *spec;
    GPtrArray *tables;        /* Table *, in report order */
    CorpusStatsValues all;    /* the overview of the whole input */
    char *tmp;                /* the private temporary folder */
    int tmp_slot;
    guint n_tmp;              /* temporary files made */
} Report;

/* report.json, report.md and index.html of r, appended to b. */
void corpus_report_render_json(const Report *r, CorpusBuf *b);
void corpus_report_render_md(const Report *r, CorpusBuf *b);
void corpus_report_render_html(const Report *r, CorpusBuf *b);

#endif
