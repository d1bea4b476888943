/* The corpus report, written: the tables of report.c as report.json (every row), report.md and
 * index.html (the first rows of the long tables), and the charts of index.html (Zipf, Heaps, the
 * frequency spectrum, the top words) as inline SVG.
 * SPDX-License-Identifier: MIT */
#include <math.h>
#include <string.h>

#include <corpus/buf.h>
#include <corpus/error.h>
#include <corpus/svg.h>

#include "report-private.h"

/* ---- Rendering -------------------------------------------------------------------------- */

static void put(CorpusBuf *b, const char *s)
{
    corpus_buf_append(b, s, strlen(s));
}

static guint table_rows(const Table *t)
{
    return t->cells->len / t->n_cols;
}

static const char *table_cell(const Table *t, guint row, guint col)
{
    return t->cells->pdata[row * t->n_cols + col];
}

static Table *find_table(const Report *r, const char *key)
{
    for (guint i = 0; i < r->tables->len; i++) {
        Table *t = r->tables->pdata[i];
        if (strcmp(t->key, key) == 0)
            return t;
    }
    return NULL;
}

/* ---- report.json ------------------------------------------------------------------------- */

static void json_string(CorpusBuf *b, const char *s)
{
    corpus_buf_putc(b, '"');
    corpus_buf_put_json(b, s, strlen(s));
    corpus_buf_putc(b, '"');
}

static void json_row(CorpusBuf *b, const Table *t, guint row)
{
    corpus_buf_putc(b, '{');
    for (guint c = 0; c < t->n_cols; c++) {
        const char *cell = table_cell(t, row, c);
        if (c)
            put(b, ", ");
        json_string(b, t->cols[c]);
        put(b, ": ");
        if (!cell)
            put(b, "null");
        else if (t->kinds->str[c] == KIND_NUMBER)
            corpus_buf_append(b, cell, strlen(cell));
        else
            json_string(b, cell);
    }
    corpus_buf_putc(b, '}');
}

void corpus_report_render_json(const Report *r, CorpusBuf *b)
{
    const CorpusReportSpec *spec = r->spec;
    put(b, "{\n  \"schema\": 1,\n  \"tool\": {\"name\": ");
    json_string(b, spec->tool);
    put(b, ", \"version\": ");
    json_string(b, corpus_version());
    put(b, "}");
    if (spec->date) {
        put(b, ",\n  \"date\": ");
        json_string(b, spec->date);
    }
    for (guint i = 0; i < r->tables->len; i++) {
        const Table *t = r->tables->pdata[i];
        put(b, ",\n  ");
        json_string(b, t->key);
        put(b, ": ");
        if (t->object) {
            json_row(b, t, 0);
            continue;
        }
        corpus_buf_putc(b, '[');
        for (guint row = 0; row < table_rows(t); row++) {
            put(b, row ? ",\n    " : "\n    ");
            json_row(b, t, row);
        }
        put(b, table_rows(t) ? "\n  ]" : "]");
    }
    put(b, "\n}\n");
}

/* ---- report.md ----------------------------------------------------------------------------- */

static void md_cell(CorpusBuf *b, const char *s)
{
    put(b, "| ");
    for (; s && *s; s++) {
        if (*s == '|' || *s == '\\')
            corpus_buf_putc(b, '\\');
        corpus_buf_putc(b, *s);
    }
    corpus_buf_putc(b, ' ');
}

static guint shown_rows(const Table *t)
{
    guint n = table_rows(t);
    return t->show && t->show < n ? (guint)t->show : n;
}

static void md_table(CorpusBuf *b, const Table *t)
{
    g_autofree char *head = g_strdup_printf("## %s\n\n%s\n\n", t->title, t->about);
    corpus_buf_append(b, head, strlen(head));
    if (t->object) {
        put(b, "| name | value |\n|---|---:|\n");
        for (guint c = 0; c < t->n_cols; c++) {
            md_cell(b, t->cols[c]);
            md_cell(b, table_cell(t, 0, c));
            put(b, "|\n");
        }
        corpus_buf_putc(b, '\n');
        return;
    }
    for (guint c = 0; c < t->n_cols; c++)
        md_cell(b, t->cols[c]);
    put(b, "|\n");
    for (guint c = 0; c < t->n_cols; c++)
        put(b, t->kinds->str[c] == KIND_NUMBER ? "|---:" : "|---");
    put(b, "|\n");
    for (guint row = 0; row < shown_rows(t); row++) {
        for (guint c = 0; c < t->n_cols; c++)
            md_cell(b, table_cell(t, row, c));
        put(b, "|\n");
    }
    if (shown_rows(t) < table_rows(t))
        put(b, "\nThe first rows only; report.json has every row.\n");
    if (!table_rows(t))
        put(b, "\n(no rows)\n");
    corpus_buf_putc(b, '\n');
}

void corpus_report_render_md(const Report *r, CorpusBuf *b)
{
    g_autofree char *head =
        g_strdup_printf("# Corpus report\n\nWritten by %s %s%s%s.  Every number is also in "
                        "report.json; index.html has the charts.\n\n",
                        r->spec->tool, corpus_version(), r->spec->date ? " on " : "",
                        r->spec->date ? r->spec->date : "");
    corpus_buf_append(b, head, strlen(head));
    for (guint i = 0; i < r->tables->len; i++)
        md_table(b, r->tables->pdata[i]);
}

/* ---- index.html ---------------------------------------------------------------------------- */

static void html_text(CorpusBuf *b, const char *s)
{
    corpus_svg_escape(b, s, strlen(s));
}

/* TRUE when s holds a right-to-left letter (Hebrew, Arabic, Syriac, Thaana, their
 * presentation forms): such a word (#المسائية too) is laid out right to left. */
static gboolean has_rtl(const char *s)
{
    for (; *s; s = g_utf8_next_char(s)) {
        gunichar c = g_utf8_get_char(s);
        if ((c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) ||
            (c >= 0xFE70 && c <= 0xFEFF))
            return TRUE;
    }
    return FALSE;
}

/* A number as the page shows it: integers whole, other values to 6 significant digits
 * (report.json and report.md keep every digit). */
static void html_number(CorpusBuf *b, const char *cell)
{
    char tmp[G_ASCII_DTOSTR_BUF_SIZE];
    if (!strpbrk(cell, ".eE")) {
        put(b, cell);
        return;
    }
    put(b, g_ascii_formatd(tmp, sizeof tmp, "%.6g", g_ascii_strtod(cell, NULL)));
}

static void html_cell(CorpusBuf *b, const Table *t, guint c, const char *cell)
{
    char kind = t->kinds->str[c];
    if (kind == KIND_NUMBER && cell) {
        put(b, "<td class=\"n\">");
        html_number(b, cell);
        put(b, "</td>");
        return;
    }
    if (kind == KIND_NUMBER)
        put(b, "<td class=\"n\">");
    else if (kind == KIND_WORD && cell && has_rtl(cell))
        put(b, "<td dir=\"rtl\" lang=\"ar\">");
    else
        put(b, "<td>");
    if (cell)
        html_text(b, cell);
    put(b, "</td>");
}

static void html_table(CorpusBuf *b, const Table *t)
{
    put(b, "<h2 id=\"");
    put(b, t->key);
    put(b, "\">");
    html_text(b, t->title);
    put(b, "</h2>\n<p>");
    html_text(b, t->about);
    /* Tables that start with words (top words, bigrams, collocations, keywords) read right
     * to left, so that w1 stands right of w2 as in the text. */
    gboolean words = !t->object && t->n_cols > 0 && t->kinds->str[0] == KIND_WORD;
    put(b, words ? "</p>\n<div class=\"scroll\"><table dir=\"rtl\">\n"
                 : "</p>\n<div class=\"scroll\"><table>\n");
    if (t->object) {
        put(b, "<tr><th>name</th><th>value</th></tr>\n");
        for (guint c = 0; c < t->n_cols; c++) {
            put(b, "<tr><td>");
            html_text(b, t->cols[c]);
            put(b, "</td>");
            html_cell(b, t, c, table_cell(t, 0, c));
            put(b, "</tr>\n");
        }
        put(b, "</table></div>\n");
        return;
    }
    put(b, "<thead><tr>");
    for (guint c = 0; c < t->n_cols; c++) {
        put(b, "<th>");
        html_text(b, t->cols[c]);
        put(b, "</th>");
    }
    put(b, "</tr></thead>\n<tbody>\n");
    for (guint row = 0; row < shown_rows(t); row++) {
        put(b, "<tr>");
        for (guint c = 0; c < t->n_cols; c++)
            html_cell(b, t, c, table_cell(t, row, c));
        put(b, "</tr>\n");
    }
    put(b, "</tbody></table></div>\n");
    if (shown_rows(t) < table_rows(t))
        put(b, "<p class=\"note\">The first rows only; report.json has every row.</p>\n");
    if (!table_rows(t))
        put(b, "<p class=\"note\">No rows.</p>\n");
}

/* The two number columns of a table as points. */
static GArray *table_points(const Table *t)
{
    GArray *a = g_array_new(FALSE, FALSE, sizeof(CorpusPoint));
    for (guint row = 0; row < table_rows(t); row++) {
        CorpusPoint p = {g_ascii_strtod(table_cell(t, row, 0), NULL),
                         g_ascii_strtod(table_cell(t, row, 1), NULL)};
        g_array_append_val(a, p);
    }
    return a;
}

static void html_figure(CorpusBuf *b, const char *caption)
{
    put(b, "<p class=\"caption\">");
    html_text(b, caption);
    put(b, "</p></div>\n");
}

/* Zipf: rank-frequency from the spectrum (both ends of each run of equal frequencies) with
 * the maximum-likelihood law f(r) = N r^-s / H(V, s). */
static void chart_zipf(const Report *r, CorpusBuf *b)
{
    g_autoptr(GArray) spectrum = table_points(find_table(r, "spectrum"));
    g_autoptr(GArray) pts = g_array_new(FALSE, FALSE, sizeof(CorpusPoint));
    g_autoptr(GArray) fit = g_array_new(FALSE, FALSE, sizeof(CorpusPoint));
    double rank = 1;
    for (guint i = spectrum->len; i-- > 0;) {
        const CorpusPoint *sp = &g_array_index(spectrum, CorpusPoint, i);
        CorpusPoint p = {rank, sp->x};
        g_array_append_val(pts, p);
        if (sp->y > 1) {
            p.x = rank + sp->y - 1;
            g_array_append_val(pts, p);
        }
        rank += sp->y;
    }
    double s = r->all.zipf_mle, v = (double)r->all.types, n = (double)r->all.tokens;
    if (isfinite(s) && r->all.types >= 2) {
        double h = 0;
        for (guint64 k = r->all.types; k >= 1; k--) /* smallest terms first */
            h += pow((double)k, -s);
        for (guint j = 0;; j++) {
            double x = MIN(pow(10, j / 20.0), v);
            CorpusPoint p = {x, n * pow(x, -s) / h};
            g_array_append_val(fit, p);
            if (x >= v)
                break;
        }
    }
    CorpusChart c = {
        .title = "Zipf: rank and frequency",
        .x_label = "rank",
        .y_label = "frequency",
        .log_x = TRUE,
        .log_y = TRUE,
        .points = (const CorpusPoint *)(const void *)pts->data,
        .n_points = pts->len,
        .points_label = "words",
        .fit = (const CorpusPoint *)(const void *)fit->data,
        .n_fit = fit->len,
        .fit_label = "maximum-likelihood Zipf law",
    };
    put(b, "<h2 id=\"zipf\">Zipf's law</h2>\n<div class=\"chart\">");
    corpus_svg_chart(b, &c);
    html_figure(b, "Frequency of each word against its rank, log-log, with the Zipf law "
                   "f(r) = N r^-s / H(V, s) whose exponent s is the maximum-likelihood estimate "
                   "(zipf_s_mle of the overview).");
}

static void chart_growth(const Report *r, CorpusBuf *b)
{
    g_autoptr(GArray) pts = table_points(find_table(r, "growth"));
    g_autoptr(GArray) fit = g_array_new(FALSE, FALSE, sizeof(CorpusPoint));
    if (isfinite(r->all.heaps_k)) {
        for (guint i = 0; i < pts->len; i++) {
            double x = g_array_index(pts, CorpusPoint, i).x;
            CorpusPoint p = {x, r->all.heaps_k * pow(x, r->all.heaps_beta)};
            g_array_append_val(fit, p);
        }
    }
    CorpusChart c = {
        .title = "Heaps: vocabulary growth",
        .x_label = "tokens",
        .y_label = "types",
        .log_x = TRUE,
        .log_y = TRUE,
        .points = (const CorpusPoint *)(const void *)pts->data,
        .n_points = pts->len,
        .join = TRUE,
        .points_label = "types seen",
        .fit = (const CorpusPoint *)(const void *)fit->data,
        .n_fit = fit->len,
        .fit_label = "Heaps law K n^beta",
    };
    put(b, "<h2 id=\"heaps\">Heaps' law</h2>\n<div class=\"chart\">");
    corpus_svg_chart(b, &c);
    html_figure(b, "Types seen among the first n tokens, log-log, with the least-squares fit "
                   "V(n) = K n^beta (heaps_k and heaps_beta of the overview).");
}

static void chart_spectrum(const Report *r, CorpusBuf *b)
{
    g_autoptr(GArray) pts = table_points(find_table(r, "spectrum"));
    CorpusChart c = {
        .title = "Frequency spectrum",
        .x_label = "frequency f",
        .y_label = "types seen f times",
        .log_x = TRUE,
        .log_y = TRUE,
        .points = (const CorpusPoint *)(const void *)pts->data,
        .n_points = pts->len,
    };
    put(b, "<h2 id=\"spectrum-chart\">Frequency spectrum</h2>\n<div class=\"chart\">");
    corpus_svg_chart(b, &c);
    html_figure(b, "How many types are seen exactly f times, log-log; hapax legomena at f = 1.");
}

static void chart_bars(const Report *r, CorpusBuf *b, const char *key, const char *title)
{
    const Table *t = find_table(r, key);
    guint n = table_rows(t);
    g_autofree CorpusBar *bars = g_new0(CorpusBar, MAX(n, 1u));
    for (guint i = 0; i < n; i++) {
        bars[i].label = table_cell(t, i, 0);
        bars[i].value = g_ascii_strtod(table_cell(t, i, 1), NULL);
    }
    put(b, "<div class=\"chart\">");
    corpus_svg_bars(b, title, bars, n, 0);
    put(b, "</div>\n");
}

static const char html_style[] =
    "body{font-family:sans-serif;margin:2em auto;max-width:60em;padding:0 1em;color:#222}"
    "table{border-collapse:collapse;margin:.5em 0}"
    "th,td{border:1px solid #ccc;padding:.2em .5em;text-align:left}"
    "td.n{text-align:right;font-variant-numeric:tabular-nums}"
    "td[dir=rtl]{text-align:right;font-size:1.1em}"
    "th{background:#f3f3f3}.scroll{overflow-x:auto}"
    ".chart svg{max-width:100%;height:auto}.caption,.note{color:#555;font-size:.9em}"
    "nav a{margin-right:1em}";

void corpus_report_render_html(const Report *r, CorpusBuf *b)
{
    put(b, "<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">\n<head>\n"
                "<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                "<title>Corpus report</title>\n<style>");
    put(b, html_style);
    put(b, "</style>\n</head>\n<body>\n<h1>Corpus report</h1>\n<p>Written by ");
    html_text(b, r->spec->tool);
    put(b, " ");
    html_text(b, corpus_version());
    if (r->spec->date) {
        put(b, " on ");
        html_text(b, r->spec->date);
    }
    put(b, ". Every number is also in report.json.</p>\n<p>");
    for (guint i = 0; i < r->tables->len; i++) {
        const Table *t = r->tables->pdata[i];
        put(b, i ? " | <a href=\"#" : "<a href=\"#");
        put(b, t->key);
        put(b, "\">");
        html_text(b, t->title);
        put(b, "</a>");
    }
    put(b, "</p>\n");
    for (guint i = 0; i < r->tables->len; i++) {
        const Table *t = r->tables->pdata[i];
        if (strcmp(t->key, "spectrum") == 0) {
            chart_zipf(r, b);
            chart_spectrum(r, b);
        }
        if (strcmp(t->key, "growth") == 0)
            chart_growth(r, b);
        html_table(b, t);
        if (strcmp(t->key, "top_words") == 0)
            chart_bars(r, b, "top_words", "Top words");
    }
    put(b, "</body>\n</html>\n");
}
