/* SVG charts: plots on linear or log axes and horizontal bar charts, written as self-contained
 * <svg> elements whose bytes depend only on the data (no locale, no clock, no hash order).
 * SPDX-License-Identifier: MIT
 *
 * Numbers.  Coordinates are rounded to 2 decimals through an integer (so never "-0", "nan" or
 * "inf") and written without trailing zeros: 70, 70.5, 70.25.  Input values that are NaN or
 * infinite, beyond +-1e300 on a linear axis, or <= 0 on a log axis are left out.
 *
 * Plot layout (viewBox W x H, 640 x 400 by default, at least 200 x 150): the plot area runs
 * from x = 70 to W - 10 and from y = 32 to H - 48, so 560 x 320 pixels by default.  The title
 * is centred at y = 20, the x-axis label at y = H - 10, the y-axis label is turned a quarter
 * turn at x = 14.  Tick labels sit 18 pixels under the x axis and 6 pixels left of the y axis.
 * The axes cover the data and the fit together.  The legend, when there is one, is a box in
 * the top right corner of the plot area.
 *
 * Ticks.  Linear axes: a step of 1, 2 or 5 times a power of ten, the smallest not below a
 * sixth of the range, and the axis extended to the multiples of the step around the data, so
 * 4 to 8 ticks.  Labels keep the decimals of the step (0.5, 1.0, 1.5) and, from 10000 on, use
 * the unit k, M, G or T of the largest tick (20k, 1.5M); 0 is "0"; beyond 1e15 or below 1e-6
 * they are written as 2e16.  Log axes: ticks at the powers of ten (every second or third one
 * when there are more than 8 decades), labelled 0.001 to 1000 in full and as 10⁴, 10⁻⁵ beyond.
 * A range of one value is widened: by half the value on either side on a linear axis (to
 * [-1, 1] around 0), to the decade that holds it on a log axis.
 *
 * Thinning.  Only points that show are written, so that a Zipf plot of 500,000 ranks stays a
 * few tens of kilobytes.  The plot area is cut into square cells of 1 pixel.  Dots: a point is
 * kept when it is the first, in the order given, in its cell.  Lines (the joined data and the
 * fit): a point is kept when its cell differs from that of the last point kept.  The first and
 * the last point are always kept.  While more than 2000 points remain, the cells are doubled
 * in size, up to 8 pixels, and the rule applied again; if that is not enough (scattered dots,
 * a jagged line), every k-th of the points kept is written, and the last, with the smallest k
 * that leaves at most 2000.  A joined series whose points all fall on one pixel is drawn as a
 * dot, a fit that does is left out.
 *
 * Text is escaped for XML; control characters other than tab and newline (C0, DEL, C1) and
 * U+FFFE, U+FFFF are dropped, and a byte that is not UTF-8 becomes U+FFFD, so that the element
 * stays well-formed whatever the input.
 *
 * Bars: rows of 22 pixels, labels right-aligned against the bars (right-to-left ones anchored
 * at their start) and cut to 32 characters, bars scaled to the largest value, each value
 * written after its bar; a value that is NaN, infinite or negative gets an empty bar and no
 * value.
 *
 * Classes, for the page's style sheet (each element also carries its own presentation
 * attributes, so the chart reads without any CSS):
 *   chart     the <svg> element of a plot;   bars  the <svg> element of a bar chart
 *   title     the title text                 frame the outline of the plot area
 *   grid      the grid lines at the ticks    axis  the axis lines (and the base line of bars)
 *   tick      the tick marks and tick labels label the axis labels and the bar labels
 *   data      the data points or line        fit   the fitted line
 *   legend    the legend box and entries     bar   a bar;  value  the value after a bar
 *   nodata    the "no data" note */
#include <math.h>
#include <string.h>

#include <corpus/svg.h>

#define DEFAULT_WIDTH 640
#define DEFAULT_HEIGHT 400
#define MIN_WIDTH 200
#define MIN_HEIGHT 150
#define MARGIN_LEFT 70
#define MARGIN_RIGHT 10
#define MARGIN_TOP 32
#define MARGIN_BOTTOM 48
#define MAX_DRAWN 2000   /* points written per series at most */
#define MAX_CELL 8       /* pixels: the largest cells of the thinning */
#define MAX_LINEAR 1e300 /* beyond, ranges of linear axes would overflow */
#define TICKS_TARGET 6   /* the step is at least the range over this: 4 to 8 ticks */
#define MAX_DECADES 8    /* tick intervals on a log axis at most */
#define GLYPH_WIDTH 7.0  /* a generous average advance of 11px sans-serif, for layout */
#define DOT_RADIUS "2.5"

#define COLOR_DATA "#1f77b4"
#define COLOR_FIT "#d62728"
#define COLOR_TEXT "#222"

/* Bar charts: rows of 22 pixels under a 32-pixel title band, labels right-aligned in the first
 * 30% of the width, and 72 pixels kept after the longest bar for its value. */
#define BAR_ROW 22
#define BAR_HEIGHT 16
#define BAR_TOP 32
#define BAR_BOTTOM 8
#define BAR_VALUE_ROOM 72
#define BAR_LABEL_CHARS 32 /* longer labels are cut, with an ellipsis, to stay in their column */

static void put_str(CorpusBuf *b, const char *s)
{
    corpus_buf_append(b, s, strlen(s));
}

/* v rounded to 2 decimals, trailing zeros dropped.  Through an integer, so that a coordinate
 * that rounds to zero is "0" and not "-0". */
static void put_num(CorpusBuf *b, double v)
{
    long long r = llround(v * 100);
    unsigned long long a;

    if (r < 0)
        corpus_buf_putc(b, '-');
    a = r < 0 ? 0ULL - (unsigned long long)r : (unsigned long long)r;
    corpus_buf_put_u64(b, a / 100);
    if (a % 100) {
        corpus_buf_putc(b, '.');
        corpus_buf_putc(b, (char)('0' + a % 100 / 10));
        if (a % 10)
            corpus_buf_putc(b, (char)('0' + a % 10));
    }
}

/* " name=\"v\"" */
static void put_attr(CorpusBuf *b, const char *name, double v)
{
    corpus_buf_putc(b, ' ');
    put_str(b, name);
    put_str(b, "=\"");
    put_num(b, v);
    corpus_buf_putc(b, '"');
}

void corpus_svg_escape(CorpusBuf *b, const char *s, size_t len)
{
    g_return_if_fail(b != NULL);
    g_return_if_fail(s != NULL || len == 0);

    for (size_t i = 0; i < len;) {
        guchar c = (guchar)s[i];
        if (c < 0x80) {
            switch (c) {
            case '&':
                put_str(b, "&amp;");
                break;
            case '<':
                put_str(b, "&lt;");
                break;
            case '>':
                put_str(b, "&gt;");
                break;
            case '"':
                put_str(b, "&quot;");
                break;
            case '\'':
                /* &apos; is XML but not HTML 4; the numeric reference is both. */
                put_str(b, "&#39;");
                break;
            default:
                /* XML 1.0 forbids the other C0 controls; DEL is a control as well. */
                if ((c >= 0x20 && c != 0x7F) || c == '\t' || c == '\n')
                    corpus_buf_putc(b, (char)c);
                break;
            }
            i++;
            continue;
        }
        gunichar u = g_utf8_get_char_validated(s + i, (gssize)(len - i));
        if (u == (gunichar)-1 || u == (gunichar)-2) {
            /* A byte that is not UTF-8 would make the whole document ill-formed. */
            put_str(b, "\xEF\xBF\xBD");
            i++;
            continue;
        }
        size_t n = (size_t)g_utf8_skip[c];
        /* C1 controls are controls too; U+FFFE and U+FFFF are not XML characters. */
        if (!(u <= 0x9F || u == 0xFFFE || u == 0xFFFF))
            corpus_buf_append(b, s + i, n);
        i += n;
    }
}

static void put_escaped(CorpusBuf *b, const char *s)
{
    corpus_svg_escape(b, s, strlen(s));
}

/* Characters of s (UTF-8 lead bytes), for the layout only. */
static size_t n_chars(const char *s)
{
    size_t n = 0;

    for (; *s; s++)
        n += ((guchar)*s & 0xC0) != 0x80;
    return n;
}

/* Whether the first character of s that belongs to a script (letters, not digits, spaces or
 * punctuation) is of a right-to-left script. */
static gboolean starts_rtl(const char *s)
{
    const char *end = s + strlen(s);

    while (s < end) {
        gunichar u = g_utf8_get_char_validated(s, end - s);
        if (u == (gunichar)-1 || u == (gunichar)-2)
            return FALSE;
        switch (g_unichar_get_script(u)) {
        case G_UNICODE_SCRIPT_COMMON:
        case G_UNICODE_SCRIPT_INHERITED:
        case G_UNICODE_SCRIPT_UNKNOWN:
            break;
        case G_UNICODE_SCRIPT_ARABIC:
        case G_UNICODE_SCRIPT_HEBREW:
        case G_UNICODE_SCRIPT_SYRIAC:
        case G_UNICODE_SCRIPT_THAANA:
        case G_UNICODE_SCRIPT_NKO:
        case G_UNICODE_SCRIPT_SAMARITAN:
        case G_UNICODE_SCRIPT_MANDAIC:
        case G_UNICODE_SCRIPT_ADLAM:
            return TRUE;
        default:
            return FALSE;
        }
        s = g_utf8_next_char(s);
    }
    return FALSE;
}

/* <svg ...> and its <title>.  The fonts are set once here and inherited. */
static void put_svg_open(CorpusBuf *b, const char *cls, guint w, guint h, const char *title,
                         const char *fallback_name)
{
    put_str(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"");
    put_str(b, cls);
    put_str(b, "\" viewBox=\"0 0 ");
    corpus_buf_put_u64(b, w);
    corpus_buf_putc(b, ' ');
    corpus_buf_put_u64(b, h);
    put_str(b, "\" width=\"");
    corpus_buf_put_u64(b, w);
    put_str(b, "\" height=\"");
    corpus_buf_put_u64(b, h);
    put_str(b, "\" role=\"img\" aria-label=\"");
    put_escaped(b, title ? title : fallback_name);
    put_str(b, "\" font-family=\"sans-serif\" font-size=\"11px\" fill=\"" COLOR_TEXT "\">\n");
    if (title) {
        put_str(b, "<title>");
        put_escaped(b, title);
        put_str(b, "</title>\n");
    }
}

/* A centred text; right-to-left text gets its direction so that mixed runs are ordered. */
static void put_centred_text(CorpusBuf *b, const char *cls, double x, double y, const char *extra,
                             const char *s)
{
    put_str(b, "<text class=\"");
    put_str(b, cls);
    corpus_buf_putc(b, '"');
    put_attr(b, "x", x);
    put_attr(b, "y", y);
    put_str(b, " text-anchor=\"middle\"");
    if (starts_rtl(s))
        put_str(b, " direction=\"rtl\" unicode-bidi=\"plaintext\"");
    put_str(b, extra);
    corpus_buf_putc(b, '>');
    put_escaped(b, s);
    put_str(b, "</text>\n");
}

/* ------------------------------------------------------------------------------------------ */
/* Axes */

typedef struct {
    gboolean log;
    double lo, hi; /* the range in axis units (log10 of the value on a log axis); lo < hi */
    int n_ticks;   /* ticks at lo, lo + step, ..., hi */
    double step;   /* in axis units */
    gint64 k0;     /* linear: tick i is (k0 + i) * m * 10^e */
    int m, e;      /* linear: step = m * 10^e, m in {1, 2, 5} */
    int unit;      /* linear: labels in units of 10^unit (0, 3, 6, 9, 12) */
    gboolean sci;  /* linear: labels as q e E (values beyond 1e15 or steps below 1e-6) */
} Axis;

static double pow10i(int e)
{
    return pow(10.0, (double)e);
}

static int n_digits(guint64 v)
{
    int n = 1;

    while (v >= 10) {
        v /= 10;
        n++;
    }
    return n;
}

/* A log axis over [vmin, vmax] (log10 of the values): whole decades, every stride-th labelled
 * so that there are at most MAX_DECADES intervals.  The tolerance keeps a value that is a power
 * of ten, up to rounding in log10, from adding a decade. */
static void axis_log(Axis *a, double vmin, double vmax)
{
    int lo = (int)floor(vmin + 1e-9), hi = (int)ceil(vmax - 1e-9), stride;

    if (hi <= lo)
        hi = lo + 1;
    stride = (hi - lo + MAX_DECADES - 1) / MAX_DECADES;
    /* Multiples of the stride, so that 10^0 stays a tick when there is one in range. */
    lo = lo >= 0 ? lo / stride * stride : -((-lo + stride - 1) / stride * stride);
    hi = hi >= 0 ? (hi + stride - 1) / stride * stride : -(-hi / stride * stride);
    a->log = TRUE;
    a->lo = lo;
    a->hi = hi;
    a->step = stride;
    a->n_ticks = (hi - lo) / stride + 1;
}

/* A linear axis over [vmin, vmax], finite and within +-MAX_LINEAR. */
static void axis_linear(Axis *a, double vmin, double vmax)
{
    double big = fmax(fabs(vmin), fabs(vmax)), raw, f, step;
    gint64 k0, k1;
    int e, top;

    /* A range too narrow to be split into steps (one value, or values equal but for rounding)
     * is widened around its middle. */
    if (vmax - vmin <= big * 1e-9 || vmax - vmin < 1e-200) {
        double mid = vmin / 2 + vmax / 2, half = fabs(mid) >= 1e-200 ? fabs(mid) / 2 : 1;
        vmin = mid - half;
        vmax = mid + half;
    }
    raw = (vmax - vmin) / TICKS_TARGET;
    e = (int)floor(log10(raw));
    f = raw / pow10i(e);
    a->m = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
    if (a->m == 10) {
        a->m = 1;
        e++;
    }
    a->e = e;
    step = a->m * pow10i(e);
    /* The tolerance keeps data on a multiple of the step, up to rounding, from adding a step.
     * The range is at least 1e-9 of the largest value, so k stays below about 1e11. */
    k0 = (gint64)floor(vmin / step + 1e-9);
    k1 = (gint64)ceil(vmax / step - 1e-9);
    a->log = FALSE;
    a->k0 = k0;
    a->step = step;
    a->n_ticks = (int)(k1 - k0) + 1;
    a->lo = (double)k0 * step;
    a->hi = (double)k1 * step;

    /* The unit of the labels: that of the largest tick, from 10000 on. */
    top = n_digits((guint64)MAX(ABS(k0), ABS(k1)) * (guint64)a->m) - 1 + e;
    a->sci = top >= 15 || e < -6;
    a->unit = top >= 4 && !a->sci ? top / 3 * 3 : 0;
    /* Not more than 2 decimals in the unit: 10000.5 stays so, not 10.0005k. */
    while (a->unit > 0 && e < a->unit - 2)
        a->unit -= 3;
}

/* Where the axis value t falls along the axis, from 0 to 1 (clamped: the rounding tolerance
 * of the ranges may leave a point a hair outside). */
static double axis_frac(const Axis *a, double t)
{
    double f = (t - a->lo) / (a->hi - a->lo);
    return f < 0 ? 0 : f > 1 ? 1 : f;
}

/* q * 10^p in decimal, p > -20 and q * 10^p below 10^19: the -p last digits as decimals. */
static void put_scaled(CorpusBuf *b, gint64 q, int p)
{
    guint64 a = q < 0 ? 0ULL - (guint64)q : (guint64)q;
    char digits[24];
    int n = 0, dec = p < 0 ? -p : 0;

    if (q < 0)
        corpus_buf_putc(b, '-');
    for (int i = 0; i < p; i++)
        a *= 10;
    do {
        digits[n++] = (char)('0' + a % 10);
        a /= 10;
    } while (a || n <= dec);
    while (n > 0) {
        if (n == dec)
            corpus_buf_putc(b, '.');
        corpus_buf_putc(b, digits[--n]);
    }
}

/* The exponent as superscript digits: 10⁴, 10⁻⁵. */
static void put_power_of_ten(CorpusBuf *b, int e)
{
    static const char *const sup[10] = {"\u2070", "\u00B9", "\u00B2", "\u00B3", "\u2074",
                                        "\u2075", "\u2076", "\u2077", "\u2078", "\u2079"};
    char digits[12];
    int n = 0;
    unsigned a = (unsigned)ABS(e);

    if (e >= 0 && e <= 3) {
        put_scaled(b, 1, e);
        return;
    }
    if (e < 0 && e >= -3) {
        put_scaled(b, 1, e);
        return;
    }
    put_str(b, "10");
    if (e < 0)
        put_str(b, "\u207B");
    do {
        digits[n++] = (char)(a % 10);
        a /= 10;
    } while (a);
    while (n > 0)
        put_str(b, sup[(int)digits[--n]]);
}

static void axis_put_label(CorpusBuf *b, const Axis *a, int i)
{
    static const char units[] = {'k', 'M', 'G', 'T'};
    gint64 q;
    int e;

    if (a->log) {
        put_power_of_ten(b, (int)lround(a->lo + i * a->step));
        return;
    }
    q = (a->k0 + i) * a->m;
    e = a->e;
    if (q == 0) {
        corpus_buf_putc(b, '0');
    } else if (a->sci) {
        while (q % 10 == 0) {
            q /= 10;
            e++;
        }
        put_scaled(b, q, 0);
        corpus_buf_putc(b, 'e');
        put_scaled(b, e, 0);
    } else {
        put_scaled(b, q, e - a->unit);
        if (a->unit)
            corpus_buf_putc(b, units[a->unit / 3 - 1]);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Plots */

typedef struct {
    double w, h;                     /* the viewBox */
    double left, right, top, bottom; /* the plot area */
} Frame;

/* The points of a series that can be drawn, in axis units (log10 on a log axis), in order. */
static GArray *drawable(const CorpusChart *c, const CorpusPoint *p, size_t n)
{
    GArray *out = g_array_new(FALSE, FALSE, sizeof(CorpusPoint));

    for (size_t i = 0; i < n; i++) {
        CorpusPoint q = p[i];
        if (!isfinite(q.x) || !isfinite(q.y))
            continue;
        if (c->log_x ? q.x <= 0 : fabs(q.x) > MAX_LINEAR)
            continue;
        if (c->log_y ? q.y <= 0 : fabs(q.y) > MAX_LINEAR)
            continue;
        if (c->log_x)
            q.x = log10(q.x);
        if (c->log_y)
            q.y = log10(q.y);
        g_array_append_val(out, q);
    }
    return out;
}

static void extend_range(const GArray *pts, double *xmin, double *xmax, double *ymin, double *ymax)
{
    for (guint i = 0; i < pts->len; i++) {
        const CorpusPoint *p = &g_array_index(pts, CorpusPoint, i);
        *xmin = fmin(*xmin, p->x);
        *xmax = fmax(*xmax, p->x);
        *ymin = fmin(*ymin, p->y);
        *ymax = fmax(*ymax, p->y);
    }
}

/* Axis units to pixels, in place. */
static void to_pixels(GArray *pts, const Frame *f, const Axis *ax, const Axis *ay)
{
    for (guint i = 0; i < pts->len; i++) {
        CorpusPoint *p = &g_array_index(pts, CorpusPoint, i);
        p->x = f->left + axis_frac(ax, p->x) * (f->right - f->left);
        p->y = f->bottom - axis_frac(ay, p->y) * (f->bottom - f->top);
    }
}

/* The cell of a pixel point for cells of size cell pixels. */
static guint cell_of(const CorpusPoint *p, const Frame *f, double cell, guint cols, guint rows)
{
    guint cx = (guint)((p->x - f->left) / cell), cy = (guint)((p->y - f->top) / cell);
    return MIN(cy, rows - 1) * cols + MIN(cx, cols - 1);
}

/* One pass of the thinning rule of the header comment with cells of the given size: marks the
 * points kept in keep[] and returns their number. */
static size_t thin_pass(const GArray *pts, const Frame *f, gboolean line, double cell,
                        gboolean *keep)
{
    guint cols = (guint)((f->right - f->left) / cell) + 1;
    guint rows = (guint)((f->bottom - f->top) / cell) + 1;
    guint8 *seen = line ? NULL : g_malloc0(((size_t)cols * rows + 7) / 8);
    guint last = G_MAXUINT;
    size_t kept = 0;

    for (guint i = 0; i < pts->len; i++) {
        guint c = cell_of(&g_array_index(pts, CorpusPoint, i), f, cell, cols, rows);
        gboolean k;
        if (line) {
            k = c != last;
            if (k)
                last = c;
        } else {
            k = !(seen[c / 8] & (1u << (c % 8)));
            seen[c / 8] |= (guint8)(1u << (c % 8));
        }
        keep[i] = k || i == 0 || i + 1 == pts->len;
        kept += keep[i];
    }
    g_free(seen);
    return kept;
}

/* The thinned points, in pixels. */
static GArray *thin(const GArray *pts, const Frame *f, gboolean line)
{
    gboolean *keep = g_new(gboolean, pts->len ? pts->len : 1);
    GArray *out = g_array_new(FALSE, FALSE, sizeof(CorpusPoint));
    size_t kept = 0, stride;

    for (double cell = 1; cell <= MAX_CELL; cell *= 2) {
        kept = thin_pass(pts, f, line, cell, keep);
        if (kept <= MAX_DRAWN)
            break;
    }
    /* Still too many (scattered points, a jagged line): every stride-th of those kept, so
     * that with the last one there are at most MAX_DRAWN. */
    stride = kept > MAX_DRAWN ? (kept - 1 + MAX_DRAWN - 3) / (MAX_DRAWN - 2) : 1;
    kept = 0;
    for (guint i = 0; i < pts->len; i++) {
        if (keep[i] && (kept++ % stride == 0 || i + 1 == pts->len))
            g_array_append_val(out, g_array_index(pts, CorpusPoint, i));
    }
    g_free(keep);
    return out;
}

/* Whether the points are all at one place (a line through them would not show). */
static gboolean all_same(const GArray *pts)
{
    for (guint i = 1; i < pts->len; i++) {
        const CorpusPoint *p = &g_array_index(pts, CorpusPoint, i);
        const CorpusPoint *q = &g_array_index(pts, CorpusPoint, 0);
        if (p->x != q->x || p->y != q->y)
            return FALSE;
    }
    return TRUE;
}

static void put_polyline(CorpusBuf *b, const char *cls, const char *style, const GArray *pts)
{
    put_str(b, "<polyline class=\"");
    put_str(b, cls);
    put_str(b, "\" fill=\"none\" stroke-width=\"1.5\" stroke-linejoin=\"round\" ");
    put_str(b, style);
    put_str(b, " points=\"");
    for (guint i = 0; i < pts->len; i++) {
        const CorpusPoint *p = &g_array_index(pts, CorpusPoint, i);
        if (i)
            corpus_buf_putc(b, ' ');
        put_num(b, p->x);
        corpus_buf_putc(b, ',');
        put_num(b, p->y);
    }
    put_str(b, "\"/>\n");
}

static void put_dots(CorpusBuf *b, const GArray *pts)
{
    put_str(b, "<g class=\"data\" fill=\"" COLOR_DATA "\">\n");
    for (guint i = 0; i < pts->len; i++) {
        const CorpusPoint *p = &g_array_index(pts, CorpusPoint, i);
        put_str(b, "<circle");
        put_attr(b, "cx", p->x);
        put_attr(b, "cy", p->y);
        put_str(b, " r=\"" DOT_RADIUS "\"/>\n");
    }
    put_str(b, "</g>\n");
}

static void put_line(CorpusBuf *b, double x1, double y1, double x2, double y2)
{
    put_str(b, "<line");
    put_attr(b, "x1", x1);
    put_attr(b, "y1", y1);
    put_attr(b, "x2", x2);
    put_attr(b, "y2", y2);
    put_str(b, "/>\n");
}

/* Grid lines, tick marks and tick labels of both axes. */
static void put_ticks(CorpusBuf *b, const Frame *f, const Axis *ax, const Axis *ay)
{
    double pw = f->right - f->left, ph = f->bottom - f->top;

    put_str(b, "<g class=\"grid\" stroke=\"#e6e6e6\">\n");
    for (int i = 0; i < ax->n_ticks; i++) {
        double x = f->left + axis_frac(ax, ax->lo + i * ax->step) * pw;
        put_line(b, x, f->top, x, f->bottom);
    }
    for (int i = 0; i < ay->n_ticks; i++) {
        double y = f->bottom - axis_frac(ay, ay->lo + i * ay->step) * ph;
        put_line(b, f->left, y, f->right, y);
    }
    put_str(b, "</g>\n<g class=\"tick\" stroke=\"#444\">\n");
    for (int i = 0; i < ax->n_ticks; i++) {
        double x = f->left + axis_frac(ax, ax->lo + i * ax->step) * pw;
        put_line(b, x, f->bottom, x, f->bottom + 5);
    }
    for (int i = 0; i < ay->n_ticks; i++) {
        double y = f->bottom - axis_frac(ay, ay->lo + i * ay->step) * ph;
        put_line(b, f->left - 5, y, f->left, y);
    }
    put_str(b, "</g>\n<g class=\"tick\" text-anchor=\"middle\">\n");
    for (int i = 0; i < ax->n_ticks; i++) {
        double x = f->left + axis_frac(ax, ax->lo + i * ax->step) * pw;
        CorpusBuf label = CORPUS_BUF_INIT;
        axis_put_label(&label, ax, i);
        put_str(b, "<text");
        /* A label centred on the last ticks may pass the right edge of the viewBox: end it at
         * the edge instead (an 11px label is about 6.5px a character wide). */
        double half = 6.5 * (double)g_utf8_strlen(label.data, (gssize)label.len) / 2;
        if (x + half > f->w) {
            put_attr(b, "x", f->w - 2);
            put_str(b, " text-anchor=\"end\"");
        } else {
            put_attr(b, "x", x);
        }
        put_attr(b, "y", f->bottom + 18);
        corpus_buf_putc(b, '>');
        corpus_buf_append(b, label.data, label.len);
        put_str(b, "</text>\n");
        corpus_buf_clear(&label);
    }
    put_str(b, "</g>\n<g class=\"tick\" text-anchor=\"end\">\n");
    for (int i = 0; i < ay->n_ticks; i++) {
        put_str(b, "<text");
        put_attr(b, "x", f->left - 6);
        put_attr(b, "y", f->bottom - axis_frac(ay, ay->lo + i * ay->step) * ph + 4);
        corpus_buf_putc(b, '>');
        axis_put_label(b, ay, i);
        put_str(b, "</text>\n");
    }
    put_str(b, "</g>\n");
}

static void put_axis_labels(CorpusBuf *b, const Frame *f, const CorpusChart *c)
{
    if (c->x_label)
        put_centred_text(b, "label", (f->left + f->right) / 2, f->h - 10, "", c->x_label);
    if (c->y_label) {
        double cy = (f->top + f->bottom) / 2;
        CorpusBuf t = CORPUS_BUF_INIT;
        put_str(&t, " transform=\"rotate(-90 14 ");
        put_num(&t, cy);
        put_str(&t, ")\"");
        put_centred_text(b, "label", 14, cy, corpus_buf_cstr(&t), c->y_label);
        corpus_buf_clear(&t);
    }
}

/* The legend box: one row per named series, its marker and its name. */
static void put_legend(CorpusBuf *b, const Frame *f, const CorpusChart *c, gboolean dots,
                       gboolean has_fit)
{
    const char *names[2];
    int n = 0;
    size_t chars = 0;
    double w, h, x, y;

    if (c->points_label)
        names[n++] = c->points_label;
    if (has_fit && c->fit_label)
        names[n++] = c->fit_label;
    if (!n)
        return;
    for (int i = 0; i < n; i++)
        chars = MAX(chars, n_chars(names[i]));
    w = 36 + GLYPH_WIDTH * (double)chars;
    h = 8 + 16.0 * n;
    x = fmax(f->left, f->right - 8 - w);
    y = f->top + 8;
    put_str(b, "<g class=\"legend\">\n<rect");
    put_attr(b, "x", x);
    put_attr(b, "y", y);
    put_attr(b, "width", w);
    put_attr(b, "height", h);
    put_str(b, " fill=\"#fff\" fill-opacity=\"0.85\" stroke=\"#ccc\"/>\n");
    for (int i = 0; i < n; i++) {
        double cy = y + 12 + 16.0 * i;
        gboolean is_data = i == 0 && c->points_label;
        if (is_data && dots) {
            put_str(b, "<circle");
            put_attr(b, "cx", x + 16);
            put_attr(b, "cy", cy);
            put_str(b, " r=\"" DOT_RADIUS "\" fill=\"" COLOR_DATA "\"/>\n");
        } else {
            put_str(b, "<line");
            put_attr(b, "x1", x + 6);
            put_attr(b, "y1", cy);
            put_attr(b, "x2", x + 26);
            put_attr(b, "y2", cy);
            put_str(b, is_data ? " stroke=\"" COLOR_DATA "\" stroke-width=\"1.5\"/>\n"
                               : " stroke=\"" COLOR_FIT "\" stroke-width=\"1.5\" "
                                 "stroke-dasharray=\"6 3\"/>\n");
        }
        put_str(b, "<text");
        put_attr(b, "x", x + 32);
        put_attr(b, "y", cy + 4);
        corpus_buf_putc(b, '>');
        put_escaped(b, names[i]);
        put_str(b, "</text>\n");
    }
    put_str(b, "</g>\n");
}

void corpus_svg_chart(CorpusBuf *b, const CorpusChart *c)
{
    Frame f;
    Axis ax, ay;
    guint w, h;
    GArray *pts, *fit, *drawn;
    double xmin = INFINITY, xmax = -INFINITY, ymin = INFINITY, ymax = -INFINITY;
    gboolean dots, fit_drawn = FALSE;

    g_return_if_fail(b != NULL && c != NULL);
    g_return_if_fail(c->points != NULL || c->n_points == 0);
    g_return_if_fail(c->fit != NULL || c->n_fit == 0);

    w = MAX(c->width ? c->width : DEFAULT_WIDTH, MIN_WIDTH);
    h = MAX(c->height ? c->height : DEFAULT_HEIGHT, MIN_HEIGHT);
    f.w = w;
    f.h = h;
    f.left = MARGIN_LEFT;
    f.right = w - MARGIN_RIGHT;
    f.top = MARGIN_TOP;
    f.bottom = h - MARGIN_BOTTOM;

    pts = drawable(c, c->points, c->n_points);
    fit = drawable(c, c->fit, c->n_fit);
    /* A fit needs two points to be a line, and data to be fitted. */
    if (fit->len < 2 || pts->len == 0)
        g_array_set_size(fit, 0);

    put_svg_open(b, "chart", w, h, c->title, "chart");
    if (c->title)
        put_centred_text(b, "title", w / 2.0, 20, " font-size=\"14px\" font-weight=\"bold\"",
                         c->title);
    put_str(b, "<rect class=\"frame\"");
    put_attr(b, "x", f.left);
    put_attr(b, "y", f.top);
    put_attr(b, "width", f.right - f.left);
    put_attr(b, "height", f.bottom - f.top);
    put_str(b, " fill=\"none\" stroke=\"#ccc\"/>\n");
    put_axis_labels(b, &f, c);

    if (pts->len == 0) {
        put_centred_text(b, "nodata", (f.left + f.right) / 2, (f.top + f.bottom) / 2 + 4,
                         " fill=\"#888\"", "no data");
        put_str(b, "</svg>\n");
        g_array_unref(pts);
        g_array_unref(fit);
        return;
    }

    extend_range(pts, &xmin, &xmax, &ymin, &ymax);
    extend_range(fit, &xmin, &xmax, &ymin, &ymax);
    if (c->log_x)
        axis_log(&ax, xmin, xmax);
    else
        axis_linear(&ax, xmin, xmax);
    if (c->log_y)
        axis_log(&ay, ymin, ymax);
    else
        axis_linear(&ay, ymin, ymax);
    put_ticks(b, &f, &ax, &ay);

    to_pixels(pts, &f, &ax, &ay);
    drawn = thin(pts, &f, c->join);
    dots = !c->join || all_same(drawn);
    if (dots && c->join)
        g_array_set_size(drawn, 1);
    if (dots)
        put_dots(b, drawn);
    else
        put_polyline(b, "data", "stroke=\"" COLOR_DATA "\"", drawn);
    g_array_unref(drawn);

    if (fit->len) {
        to_pixels(fit, &f, &ax, &ay);
        drawn = thin(fit, &f, TRUE);
        /* A fit that collapses to one pixel would be an invisible line. */
        fit_drawn = !all_same(drawn);
        if (fit_drawn)
            put_polyline(b, "fit", "stroke=\"" COLOR_FIT "\" stroke-dasharray=\"6 3\"", drawn);
        g_array_unref(drawn);
    }

    put_str(b, "<g class=\"axis\" stroke=\"#444\">\n");
    put_line(b, f.left, f.bottom, f.right, f.bottom);
    put_line(b, f.left, f.top, f.left, f.bottom);
    put_str(b, "</g>\n");
    put_legend(b, &f, c, dots, fit_drawn);
    put_str(b, "</svg>\n");
    g_array_unref(pts);
    g_array_unref(fit);
}

/* ------------------------------------------------------------------------------------------ */
/* Bar charts */

/* A bar's value: whole numbers in full, others to 4 significant digits, in the C locale. */
static void put_value(CorpusBuf *b, double v)
{
    char tmp[G_ASCII_DTOSTR_BUF_SIZE];

    if (v == floor(v) && v < 1e15) {
        corpus_buf_put_u64(b, (guint64)v);
        return;
    }
    put_str(b, g_ascii_formatd(tmp, sizeof tmp, "%.4g", v));
}

/* A bar label, cut to BAR_LABEL_CHARS characters (the last one an ellipsis) when longer. */
static void put_bar_label(CorpusBuf *b, const char *s)
{
    size_t chars = 0, cut = 0;

    if (n_chars(s) <= BAR_LABEL_CHARS) {
        put_escaped(b, s);
        return;
    }
    /* cut: the byte offset of the first character that does not fit. */
    for (; s[cut]; cut++)
        if (((guchar)s[cut] & 0xC0) != 0x80 && chars++ == BAR_LABEL_CHARS - 1)
            break;
    corpus_svg_escape(b, s, cut);
    put_str(b, "\u2026");
}

void corpus_svg_bars(CorpusBuf *b, const char *title, const CorpusBar *bars, size_t n_bars,
                     guint width)
{
    guint w, h;
    double max = 0, label_right, room;

    g_return_if_fail(b != NULL);
    g_return_if_fail(bars != NULL || n_bars == 0);

    w = MAX(width ? width : DEFAULT_WIDTH, MIN_WIDTH);
    h = BAR_TOP + (guint)MAX(n_bars, 1) * BAR_ROW + BAR_BOTTOM;
    label_right = round(w * 0.3);
    room = w - label_right - BAR_VALUE_ROOM;
    for (size_t i = 0; i < n_bars; i++)
        if (isfinite(bars[i].value) && bars[i].value > max)
            max = bars[i].value;

    put_svg_open(b, "bars", w, h, title, "bar chart");
    if (title)
        put_centred_text(b, "title", w / 2.0, 20, " font-size=\"14px\" font-weight=\"bold\"",
                         title);
    if (n_bars == 0) {
        put_centred_text(b, "nodata", w / 2.0, BAR_TOP + BAR_ROW / 2.0 + 4, " fill=\"#888\"",
                         "no data");
        put_str(b, "</svg>\n");
        return;
    }
    for (size_t i = 0; i < n_bars; i++) {
        double v = bars[i].value, y = BAR_TOP + (double)i * BAR_ROW;
        gboolean shown = isfinite(v) && v >= 0;
        double len = shown && max > 0 ? v / max * room : 0;
        const char *label = bars[i].label ? bars[i].label : "";

        /* The label ends where the bar starts, whatever its direction: for right-to-left text
         * the start of the text is its right end. */
        put_str(b, "<text class=\"label\"");
        put_attr(b, "x", label_right - 6);
        put_attr(b, "y", y + BAR_ROW / 2.0 + 4);
        put_str(b, starts_rtl(label)
                       ? " direction=\"rtl\" unicode-bidi=\"plaintext\" text-anchor=\"start\">"
                       : " text-anchor=\"end\">");
        put_bar_label(b, label);
        put_str(b, "</text>\n<rect class=\"bar\"");
        put_attr(b, "x", label_right);
        put_attr(b, "y", y + (BAR_ROW - BAR_HEIGHT) / 2.0);
        put_attr(b, "width", len);
        put_attr(b, "height", BAR_HEIGHT);
        put_str(b, " fill=\"#4c78a8\"/>\n");
        if (shown) {
            put_str(b, "<text class=\"value\"");
            put_attr(b, "x", label_right + len + 4);
            put_attr(b, "y", y + BAR_ROW / 2.0 + 4);
            corpus_buf_putc(b, '>');
            put_value(b, v);
            put_str(b, "</text>\n");
        }
    }
    put_str(b, "<line class=\"axis\"");
    put_attr(b, "x1", label_right);
    put_attr(b, "y1", BAR_TOP);
    put_attr(b, "x2", label_right);
    put_attr(b, "y2", BAR_TOP + (double)n_bars * BAR_ROW);
    put_str(b, " stroke=\"#444\"/>\n</svg>\n");
}
