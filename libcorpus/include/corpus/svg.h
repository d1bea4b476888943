/* SVG charts for the corpus report: self-contained <svg> elements (no script, no external
 * resource, no font file), written with locale-independent, fixed-precision coordinates so that
 * the same data always gives the same bytes.
 * SPDX-License-Identifier: MIT */
#ifndef CORPUS_SVG_H
#define CORPUS_SVG_H

#include <glib.h>

#include <corpus/buf.h>
#include <corpus/export.h>

G_BEGIN_DECLS

typedef struct {
    double x, y;
} CorpusPoint;

/* A plot of points, optionally joined by a line, with an optional second series drawn as a
 * line (a fitted curve) and a legend naming both.  On a log axis, points with a value <= 0
 * are left out.  Axis ticks are chosen from the data: powers of ten on log axes, 1-2-5 steps
 * on linear ones. */
typedef struct {
    const char *title;   /* drawn above the plot and as the <title> of the svg (NULL: none) */
    const char *x_label; /* axis labels (NULL: none) */
    const char *y_label;
    gboolean log_x, log_y;
    const CorpusPoint *points; /* the data, any order (drawn in the order given when joined) */
    size_t n_points;
    gboolean join;           /* join the points by a line (a curve) instead of dots */
    const char *points_label; /* legend entry of the data (NULL: no legend entry) */
    const CorpusPoint *fit;  /* a second series drawn as a line, e.g. a fitted law (NULL: none) */
    size_t n_fit;
    const char *fit_label;   /* legend entry of the fit */
    guint width, height;     /* pixels of the viewBox (0: 640 x 400) */
} CorpusChart;

/* Append the chart as one <svg> element (with xmlns, viewBox, role="img" and aria-label from
 * the title).  Text is escaped for XML.  A chart with no point to draw still gets its frame,
 * title and a "no data" note, never NaN or an empty path. */
CORPUS_API void corpus_svg_chart(CorpusBuf *b, const CorpusChart *chart);

/* A horizontal bar chart: one bar per item, in the order given, labelled with the item's
 * label (Arabic or any script; labels are written with direction="rtl" when they start with a
 * right-to-left character) and its value. */
typedef struct {
    const char *label;
    double value; /* >= 0 */
} CorpusBar;

CORPUS_API void corpus_svg_bars(CorpusBuf *b, const char *title, const CorpusBar *bars,
                                size_t n_bars, guint width);

/* Append s[0..len) escaped for XML text and attribute values (& < > " '). */
CORPUS_API void corpus_svg_escape(CorpusBuf *b, const char *s, size_t len);

G_END_DECLS

#endif
