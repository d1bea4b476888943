/* Unit tests of svg: XML escaping; coordinates and tick labels worked by hand for the default
 * 640 x 400 chart, whose plot area runs from x = 70 to 630 and from y = 32 to 352; log axes;
 * degenerate data (none, one point, equal points, NaN, infinities, 1e9); the thinning of many
 * points; bar charts with Arabic labels; and, for every output, well-formed XML with no NaN,
 * infinity or negative zero, the same bytes on a second run.
 * SPDX-License-Identifier: MIT */
#include <math.h>
#include <string.h>

#include <corpus/buf.h>
#include <corpus/svg.h>

#include "unit.h"

/* GMarkup callback: counts the elements and remembers the name of the first one. */
static void on_start(GMarkupParseContext *ctx, const char *name, const char **attr_names,
                     const char **attr_values, gpointer data, GError **error)
{
    int *n = data;

    (void)ctx;
    (void)attr_names;
    (void)attr_values;
    if (*n == 0 && strcmp(name, "svg") != 0)
        g_set_error(error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT, "root is <%s>", name);
    (*n)++;
}

/* The checks that hold for every output: one well-formed <svg> element, and no number that
 * a renderer would reject or that depends on the sign of zero. */
static void check_output(const char *s, size_t len)
{
    static const GMarkupParser parser = {on_start, NULL, NULL, NULL, NULL};
    int n_elements = 0;
    g_autoptr(GError) error = NULL;
    GMarkupParseContext *ctx = g_markup_parse_context_new(&parser, 0, &n_elements, NULL);
    gboolean ok = g_markup_parse_context_parse(ctx, s, (gssize)len, &error) &&
                  g_markup_parse_context_end_parse(ctx, &error);

    if (!ok)
        fprintf(stderr, "not well-formed: %s\n", error->message);
    CU_ASSERT(ok);
    CU_ASSERT(n_elements > 1);
    g_markup_parse_context_free(ctx);

    g_autofree char *lower = g_ascii_strdown(s, (gssize)len);
    CU_ASSERT(strstr(lower, "nan") == NULL);
    CU_ASSERT(strstr(lower, "inf") == NULL);
    CU_ASSERT(strstr(s, "-0.00") == NULL);
    CU_ASSERT(strstr(s, "\"-0\"") == NULL);
    CU_ASSERT(strstr(s, "-0,") == NULL);
    CU_ASSERT(strncmp(s, "<svg xmlns=\"http://www.w3.org/2000/svg\" ", 40) == 0);
}

/* The chart as a string, after the common checks and a second run that must give the same
 * bytes.  Caller frees. */
static char *chart(const CorpusChart *c)
{
    CorpusBuf a = CORPUS_BUF_INIT, b = CORPUS_BUF_INIT;

    corpus_svg_chart(&a, c);
    corpus_svg_chart(&b, c);
    UNIT_ASSERT_MEM(a.data, a.len, b.data, b.len);
    check_output(corpus_buf_cstr(&a), a.len);
    char *s = g_strndup(a.data, a.len);
    corpus_buf_clear(&a);
    corpus_buf_clear(&b);
    return s;
}

static char *bars(const char *title, const CorpusBar *v, size_t n, guint width)
{
    CorpusBuf a = CORPUS_BUF_INIT, b = CORPUS_BUF_INIT;

    corpus_svg_bars(&a, title, v, n, width);
    corpus_svg_bars(&b, title, v, n, width);
    UNIT_ASSERT_MEM(a.data, a.len, b.data, b.len);
    check_output(corpus_buf_cstr(&a), a.len);
    char *s = g_strndup(a.data, a.len);
    corpus_buf_clear(&a);
    corpus_buf_clear(&b);
    return s;
}

static size_t count(const char *s, const char *sub)
{
    size_t n = 0;

    for (const char *p = strstr(s, sub); p; p = strstr(p + 1, sub))
        n++;
    return n;
}

#define ASSERT_HAS(s, sub)                                                                         \
    do {                                                                                           \
        if (!strstr((s), (sub)))                                                                   \
            fprintf(stderr, "%s:%d: missing %s\n", __FILE__, __LINE__, (sub));                     \
        CU_ASSERT(strstr((s), (sub)) != NULL);                                                     \
    } while (0)
#define ASSERT_LACKS(s, sub)                                                                       \
    do {                                                                                           \
        if (strstr((s), (sub)))                                                                    \
            fprintf(stderr, "%s:%d: unexpected %s\n", __FILE__, __LINE__, (sub));                  \
        CU_ASSERT(strstr((s), (sub)) == NULL);                                                     \
    } while (0)

static char *escape(const char *s, size_t len)
{
    CorpusBuf b = CORPUS_BUF_INIT;
    corpus_svg_escape(&b, s, len);
    char *out = g_strndup(b.data ? b.data : "", b.len);
    corpus_buf_clear(&b);
    return out;
}

/* The five markup characters become references; tab and newline stay; other controls (C0,
 * DEL, C1), U+FFFE, U+FFFF and NUL are dropped; a byte that is not UTF-8 becomes U+FFFD;
 * Arabic passes unchanged. */
static void test_escape(void)
{
    g_autofree char *a = escape("a&b<c>d\"e'f", 11);
    UNIT_ASSERT_STR(a, "a&amp;b&lt;c&gt;d&quot;e&#39;f");
    g_autofree char *c = escape("x\x01y\tz\nw\x7F\r\x1F.", 11);
    UNIT_ASSERT_STR(c, "xy\tz\nw.");
    g_autofree char *n = escape("a\0b", 3);
    UNIT_ASSERT_STR(n, "ab");
    g_autofree char *c1 = escape("<\xC2\x85>\xEF\xBF\xBE\xEF\xBF\xBF!", 11);
    UNIT_ASSERT_STR(c1, "&lt;&gt;!");
    g_autofree char *bad = escape("a\xFF"
                                  "b\xD8",
                                  4);
    UNIT_ASSERT_STR(bad, "a\xEF\xBF\xBD"
                         "b\xEF\xBF\xBD");
    g_autofree char *ar = escape("\xD9\x83\xD8\xAA\xD8\xA7\xD8\xA8 & \xC2\xA0", 13);
    UNIT_ASSERT_STR(ar, "\xD9\x83\xD8\xAA\xD8\xA7\xD8\xA8 &amp; \xC2\xA0");
    g_autofree char *empty = escape(NULL, 0);
    UNIT_ASSERT_STR(empty, "");
}

/* Points (0, 0), (5, 5), (10, 10) on linear axes: the range 10 over 6 is 1.67, so the step is 2
 * and the ticks 0, 2, ..., 10 span the plot area exactly.  (5, 5) is at its middle:
 * x = 70 + 560 / 2 = 350, y = 352 - 320 / 2 = 192.  The tick label of y = 4 is at
 * 352 - 0.4 * 320 + 4 = 228, 6 pixels left of the axis; that of x = 10 18 pixels under it. */
static void test_linear_by_hand(void)
{
    static const CorpusPoint p[] = {{0, 0}, {5, 5}, {10, 10}};
    CorpusChart c = {.title = "Rank & \"frequency\"",
                     .x_label = "x",
                     .y_label = "y",
                     .points = p,
                     .n_points = 3,
                     .points_label = "words"};
    g_autofree char *s = chart(&c);

    ASSERT_HAS(s, "viewBox=\"0 0 640 400\"");
    ASSERT_HAS(s, "role=\"img\" aria-label=\"Rank &amp; &quot;frequency&quot;\"");
    ASSERT_HAS(s, "<title>Rank &amp; &quot;frequency&quot;</title>");
    ASSERT_HAS(s, "font-family=\"sans-serif\"");
    ASSERT_HAS(s, "<rect class=\"frame\" x=\"70\" y=\"32\" width=\"560\" height=\"320\"");
    ASSERT_HAS(s, "<circle cx=\"70\" cy=\"352\" r=\"2.5\"/>");
    ASSERT_HAS(s, "<circle cx=\"350\" cy=\"192\" r=\"2.5\"/>");
    ASSERT_HAS(s, "<circle cx=\"630\" cy=\"32\" r=\"2.5\"/>");
    ASSERT_HAS(s, "<text x=\"70\" y=\"370\">0</text>");
    ASSERT_HAS(s, "<text x=\"182\" y=\"370\">2</text>");
    ASSERT_HAS(s, "<text x=\"630\" y=\"370\">10</text>");
    ASSERT_HAS(s, "<text x=\"64\" y=\"228\">4</text>");
    ASSERT_HAS(s, "<text x=\"64\" y=\"36\">10</text>");
    /* Six ticks on each axis: one label each. */
    UNIT_ASSERT_INT(count(s, "y=\"370\">"), 6);
    UNIT_ASSERT_INT(count(s, "<text x=\"64\""), 6);
    ASSERT_HAS(s, "class=\"legend\"");
    ASSERT_HAS(s, ">words</text>");
    ASSERT_HAS(s, "class=\"label\"");
    ASSERT_HAS(s, "class=\"axis\"");
    ASSERT_HAS(s, "class=\"tick\"");
    ASSERT_LACKS(s, "<script");
}

/* 1-2-5 steps and their labels: the step keeps its decimals (0.5 to 3 by 0.5), and from 10000
 * on the unit of the largest tick: 0 to 2e7 by 5e6 in M, 1e9 to 2e9 by 2e8 in G with the one
 * decimal of the step. */
static void test_linear_labels(void)
{
    static const CorpusPoint half[] = {{0.5, 0.5}, {3, 3}};
    static const CorpusPoint mega[] = {{0, 0}, {2e7, 2e7}};
    static const CorpusPoint giga[] = {{1, 1e9}, {2, 2e9}};
    static const CorpusPoint odd[] = {{10000, 0}, {10000.5, 1}};
    CorpusChart c = {.points = half, .n_points = 2};
    g_autofree char *s1 = chart(&c);
    ASSERT_HAS(s1, ">0.5</text>");
    ASSERT_HAS(s1, ">1.0</text>");
    ASSERT_HAS(s1, ">3.0</text>");
    UNIT_ASSERT_INT(count(s1, "y=\"370\">"), 6);

    c.points = mega;
    g_autofree char *s2 = chart(&c);
    ASSERT_HAS(s2, "<text x=\"70\" y=\"370\">0</text>");
    ASSERT_HAS(s2, "<text x=\"210\" y=\"370\">5M</text>");
    ASSERT_HAS(s2, "<text x=\"630\" y=\"370\">20M</text>");
    UNIT_ASSERT_INT(count(s2, "y=\"370\">"), 5);

    c.points = giga;
    g_autofree char *s3 = chart(&c);
    ASSERT_HAS(s3, "<text x=\"64\" y=\"356\">1.0G</text>");
    ASSERT_HAS(s3, ">1.2G</text>");
    ASSERT_HAS(s3, "<text x=\"64\" y=\"36\">2.0G</text>");
    /* (2, 2e9) is the top right corner. */
    ASSERT_HAS(s3, "<circle cx=\"630\" cy=\"32\"");

    /* A step of 0.1 near 10000: no unit rather than 10.0001k. */
    c.points = odd;
    g_autofree char *s4 = chart(&c);
    ASSERT_HAS(s4, ">10000.1</text>");
    ASSERT_LACKS(s4, "k</text>");
}

/* Log-log: ranks 1 to 10^5 with frequency 10^5 / rank: five decades on each axis, the first
 * point at the top left corner, the last at the bottom right; ticks labelled 1 to 1000 and then
 * 10⁴, 10⁵.  Points with a coordinate <= 0 are left out. */
static void test_log_axes(void)
{
    static const CorpusPoint p[] = {{0, 5},      {-1, 5}, {1, 100000}, {10, 10000},
                                    {100000, 1}, {5, 0},  {5, -3}};
    CorpusChart c = {.log_x = TRUE, .log_y = TRUE, .points = p, .n_points = G_N_ELEMENTS(p)};
    g_autofree char *s = chart(&c);

    UNIT_ASSERT_INT(count(s, "<circle"), 3);
    ASSERT_HAS(s, "<circle cx=\"70\" cy=\"32\"");
    ASSERT_HAS(s, "<circle cx=\"182\" cy=\"96\"");
    ASSERT_HAS(s, "<circle cx=\"630\" cy=\"352\"");
    ASSERT_HAS(s, "<text x=\"70\" y=\"370\">1</text>");
    ASSERT_HAS(s, "<text x=\"182\" y=\"370\">10</text>");
    ASSERT_HAS(s, "<text x=\"294\" y=\"370\">100</text>");
    ASSERT_HAS(s, "<text x=\"406\" y=\"370\">1000</text>");
    ASSERT_HAS(s, "<text x=\"518\" y=\"370\">10\u2074</text>");
    ASSERT_HAS(s, "<text x=\"630\" y=\"370\">10\u2075</text>");
    ASSERT_HAS(s, "<text x=\"64\" y=\"36\">10\u2075</text>");

    /* 1 to 1000 on the x axis: the last label, 1000 (4 characters, about 26 pixels at 11px),
     * centred on the frame's right edge x = 630 would pass the viewBox (640): it ends at
     * 640 - 2 instead.  The others stay centred. */
    static const CorpusPoint three[] = {{1, 1}, {1000, 1000}};
    c.points = three;
    c.n_points = 2;
    g_autofree char *t = chart(&c);
    ASSERT_HAS(t, "<text x=\"638\" text-anchor=\"end\" y=\"370\">1000</text>");
    ASSERT_HAS(t, "<text x=\"443.33\" y=\"370\">100</text>");

    /* Twenty decades: every third power of ten, 10^0 to 10^21. */
    static const CorpusPoint wide[] = {{1, 1}, {1e20, 1e-5}};
    c.points = wide;
    c.n_points = 2;
    g_autofree char *w = chart(&c);
    ASSERT_HAS(w, ">10\u00B2\u00B9</text>");
    ASSERT_HAS(w, ">10\u2076</text>");
    ASSERT_LACKS(w, ">10\u2075</text>");
    UNIT_ASSERT_INT(count(w, "y=\"370\">"), 8);
    /* And from 10^-5 to 1 on the y axis: 10⁻⁵, 10⁻⁴, 0.001, 0.01, 0.1, 1. */
    ASSERT_HAS(w, ">10\u207B\u2075</text>");
    ASSERT_HAS(w, ">10\u207B\u2074</text>");
    ASSERT_HAS(w, ">0.001</text>");
    ASSERT_HAS(w, ">0.1</text>");

    /* Only non-positive points: nothing to draw. */
    static const CorpusPoint none[] = {{0, 1}, {1, -1}};
    c.points = none;
    g_autofree char *z = chart(&c);
    ASSERT_HAS(z, ">no data</text>");
    ASSERT_LACKS(z, "<circle");
}

/* No point: the frame, the title and the note, no tick and no path.  NaN and infinities are
 * skipped, alone or among points. */
static void test_degenerate(void)
{
    CorpusChart c = {.title = "Empty", .x_label = "rank", .y_label = "frequency"};
    g_autofree char *s = chart(&c);
    ASSERT_HAS(s, "<title>Empty</title>");
    ASSERT_HAS(s, "class=\"frame\"");
    ASSERT_HAS(s, "class=\"nodata\"");
    ASSERT_HAS(s, ">no data</text>");
    ASSERT_LACKS(s, "<circle");
    ASSERT_LACKS(s, "<polyline");
    ASSERT_LACKS(s, "class=\"tick\"");

    static const CorpusPoint bad[] = {{NAN, 1}, {1, INFINITY}, {-INFINITY, 2}, {NAN, NAN}};
    c.points = bad;
    c.n_points = G_N_ELEMENTS(bad);
    c.join = TRUE;
    g_autofree char *b1 = chart(&c);
    ASSERT_HAS(b1, ">no data</text>");
    c.log_x = c.log_y = TRUE;
    g_autofree char *b2 = chart(&c);
    ASSERT_HAS(b2, ">no data</text>");

    static const CorpusPoint mixed[] = {{NAN, 1}, {0, 0}, {1, INFINITY}, {10, 10}, {2e300, 1}};
    c.points = mixed;
    c.n_points = G_N_ELEMENTS(mixed);
    c.log_x = c.log_y = FALSE;
    g_autofree char *m = chart(&c);
    ASSERT_HAS(m, "points=\"70,352 630,32\"");

    /* A fit of NaN only is left out with its legend entry. */
    static const CorpusPoint nanfit[] = {{NAN, 1}, {2, NAN}, {3, 3}};
    c.fit = nanfit;
    c.n_fit = 3;
    c.fit_label = "fit";
    c.points_label = "data";
    g_autofree char *f = chart(&c);
    ASSERT_LACKS(f, "class=\"fit\"");
    ASSERT_LACKS(f, ">fit</text>");
    ASSERT_HAS(f, ">data</text>");
}

/* One point, and equal points: the range is widened.  Linear: 3 +- 1.5 by steps of 0.5, the
 * point in the middle.  Log: the decade [100, 1000], the point at its bottom left corner.  One
 * joined point is drawn as a dot.  Huge counts stay finite. */
static void test_one_value(void)
{
    static const CorpusPoint same[] = {{3, 3}, {3, 3}, {3, 3}};
    CorpusChart c = {.points = same, .n_points = 3, .points_label = "one"};
    g_autofree char *s = chart(&c);
    ASSERT_HAS(s, "<circle cx=\"350\" cy=\"192\"");
    ASSERT_HAS(s, "<text x=\"70\" y=\"370\">1.5</text>");
    ASSERT_HAS(s, "<text x=\"630\" y=\"370\">4.5</text>");
    UNIT_ASSERT_INT(count(s, "y=\"370\">"), 7);

    static const CorpusPoint one[] = {{100, 100}};
    c.points = one;
    c.n_points = 1;
    c.log_x = c.log_y = TRUE;
    c.join = TRUE;
    g_autofree char *l = chart(&c);
    ASSERT_HAS(l, "<circle cx=\"70\" cy=\"352\"");
    ASSERT_HAS(l, ">100</text>");
    ASSERT_HAS(l, ">1000</text>");
    ASSERT_LACKS(l, "<polyline");

    static const CorpusPoint zero[] = {{0, 0}};
    c.points = zero;
    c.log_x = c.log_y = FALSE;
    g_autofree char *z = chart(&c);
    ASSERT_HAS(z, "<circle cx=\"350\" cy=\"192\"");

    static const CorpusPoint huge[] = {{1e9, 1e9}, {1e9, 1e9}};
    c.points = huge;
    c.n_points = 2;
    g_autofree char *h = chart(&c);
    /* Joined, but on one pixel: one dot rather than a line that would not show. */
    UNIT_ASSERT_INT(count(h, "<circle cx=\"350\" cy=\"192\""), 1);
    ASSERT_HAS(h, "<circle cx=\"350\" cy=\"192\"");
    ASSERT_LACKS(h, "<polyline");
    ASSERT_HAS(h, ">1.0G</text>");

    static const CorpusPoint tiny[] = {{-1e-300, 1e300}, {1e-300, -1e300}};
    c.points = tiny;
    g_autofree char *t = chart(&c);
    ASSERT_HAS(t, "points=\"350,32 350,352\"");
    ASSERT_HAS(t, ">-1e300</text>");
}

/* A Zipf curve of 100000 ranks (frequency 10^5 / rank) as dots and as a line, and 5000
 * scattered points: at most 2000 points written, the first and the last among them, and a
 * fit line thinned alike. */
static void test_thinning(void)
{
    const size_t n = 100000;
    CorpusPoint *p = g_new(CorpusPoint, n);
    for (size_t i = 0; i < n; i++) {
        p[i].x = (double)(i + 1);
        p[i].y = 1e5 / (double)(i + 1);
    }
    CorpusChart c = {.log_x = TRUE, .log_y = TRUE, .points = p, .n_points = n};
    g_autofree char *s = chart(&c);
    size_t dots = count(s, "<circle");
    CU_ASSERT(dots > 100 && dots <= 2000);
    ASSERT_HAS(s, "<circle cx=\"70\" cy=\"32\"");
    ASSERT_HAS(s, "<circle cx=\"630\" cy=\"352\"");
    /* The first point that is kept is the first of all. */
    CU_ASSERT(strstr(s, "<circle") == strstr(s, "<circle cx=\"70\" cy=\"32\""));
    CU_ASSERT(strlen(s) < 100000);

    c.join = TRUE;
    c.fit = p;
    c.n_fit = n;
    c.fit_label = "fit";
    g_autofree char *l = chart(&c);
    const char *data = strstr(l, "<polyline class=\"data\"");
    const char *fit = strstr(l, "<polyline class=\"fit\"");
    CU_ASSERT_FATAL(data != NULL && fit != NULL);
    const char *pts = strstr(data, "points=\"") + 8;
    CU_ASSERT(strncmp(pts, "70,32 ", 6) == 0);
    const char *end = strchr(pts, '"');
    CU_ASSERT(end - pts > 8 && strncmp(end - 8, " 630,352", 8) == 0);
    size_t vertices = 1;
    for (const char *q = pts; q < end; q++)
        vertices += *q == ' ';
    CU_ASSERT(vertices > 100 && vertices <= 2000);
    ASSERT_HAS(l, ">fit</text>");
    g_free(p);

    /* Scattered: a fixed linear congruential sequence over a 1000 x 1000 grid. */
    const size_t m = 5000;
    CorpusPoint *r = g_new(CorpusPoint, m);
    guint32 state = 12345;
    for (size_t i = 0; i < m; i++) {
        state = state * 1103515245u + 12345u;
        r[i].x = (double)(state >> 16 & 1023);
        state = state * 1103515245u + 12345u;
        r[i].y = (double)(state >> 16 & 1023);
    }
    r[0].x = r[0].y = 0.5;
    r[m - 1].x = r[m - 1].y = 999.5;
    CorpusChart sc = {.points = r, .n_points = m};
    g_autofree char *t = chart(&sc);
    dots = count(t, "<circle");
    CU_ASSERT(dots > 100 && dots <= 2000);
    /* Axes 0 to 1200 by 200 on both: 0.5 is at 70 + 0.5 * 560 / 1200 = 70.23. */
    ASSERT_HAS(t, "<circle cx=\"70.23\" cy=\"351.87\"");
    /* 999.5: 70 + 999.5 * 560 / 1200 = 536.43, 352 - 999.5 * 320 / 1200 = 85.47. */
    ASSERT_HAS(t, "<circle cx=\"536.43\" cy=\"85.47\"");
    sc.join = TRUE;
    g_autofree char *tl = chart(&sc);
    pts = strstr(tl, "points=\"") + 8;
    end = strchr(pts, '"');
    vertices = 1;
    for (const char *q = pts; q < end; q++)
        vertices += *q == ' ';
    CU_ASSERT(vertices > 100 && vertices <= 2000);
    CU_ASSERT(strncmp(pts, "70.23,351.87 ", 13) == 0);
    CU_ASSERT(strncmp(end - 13, " 536.43,85.47", 13) == 0);
    g_free(r);
}

/* A fit in the legend and as a dashed line, the data joined; a custom size. */
static void test_fit_and_size(void)
{
    static const CorpusPoint p[] = {{0, 0}, {10, 5}, {20, 8}};
    static const CorpusPoint fit[] = {{0, 0}, {20, 10}};
    CorpusChart c = {.title = "Heaps",
                     .points = p,
                     .n_points = 3,
                     .join = TRUE,
                     .points_label = "types",
                     .fit = fit,
                     .n_fit = 2,
                     .fit_label = "K n^b",
                     .width = 300,
                     .height = 200};
    g_autofree char *s = chart(&c);
    ASSERT_HAS(s, "viewBox=\"0 0 300 200\"");
    /* Plot area 70..290 x 32..152; x 0 to 20 by 5, y 0 to 10 by 2. */
    ASSERT_HAS(s, "<polyline class=\"data\"");
    ASSERT_HAS(s, "points=\"70,152 180,92 290,56\"");
    ASSERT_HAS(s, "<polyline class=\"fit\"");
    ASSERT_HAS(s, "points=\"70,152 290,32\"");
    ASSERT_HAS(s, "stroke-dasharray=\"6 3\"");
    ASSERT_HAS(s, ">types</text>");
    ASSERT_HAS(s, ">K n^b</text>");
}

/* Bars: one row of 22 pixels each under the 32-pixel title band and an 8-pixel foot, so three
 * bars make 106 pixels; labels end at 30% of 640 - 6 = 186; the longest bar fills
 * 640 - 192 - 72 = 376 pixels, half the value half of it; the value follows 4 pixels after.
 * Arabic labels (even after digits) are right-to-left, anchored at their start. */
static void test_bars(void)
{
    const CorpusBar v[] = {
        {"\xD9\x83\xD8\xAA\xD8\xA7\xD8\xA8", 100}, /* كتاب */
        {"the", 50},
        {"12 \xD9\x81\xD9\x8A", 0}, /* 12 في */
        {"x<y", NAN},
    };
    g_autofree char *s = bars("Top words", v, 4, 0);
    ASSERT_HAS(s, "viewBox=\"0 0 640 128\"");
    ASSERT_HAS(s, "class=\"bars\"");
    ASSERT_HAS(s, "<title>Top words</title>");
    ASSERT_HAS(s, "<text class=\"label\" x=\"186\" y=\"47\" direction=\"rtl\" "
                  "unicode-bidi=\"plaintext\" text-anchor=\"start\">"
                  "\xD9\x83\xD8\xAA\xD8\xA7\xD8\xA8</text>");
    ASSERT_HAS(s, "<rect class=\"bar\" x=\"192\" y=\"35\" width=\"376\" height=\"16\"");
    ASSERT_HAS(s, "<text class=\"value\" x=\"572\" y=\"47\">100</text>");
    ASSERT_HAS(s, "<text class=\"label\" x=\"186\" y=\"69\" text-anchor=\"end\">the</text>");
    ASSERT_HAS(s, "<rect class=\"bar\" x=\"192\" y=\"57\" width=\"188\" height=\"16\"");
    ASSERT_HAS(s, "<text class=\"value\" x=\"384\" y=\"69\">50</text>");
    ASSERT_HAS(s,
               "y=\"91\" direction=\"rtl\" unicode-bidi=\"plaintext\" text-anchor=\"start\">12 ");
    ASSERT_HAS(s, "<rect class=\"bar\" x=\"192\" y=\"79\" width=\"0\"");
    ASSERT_HAS(s, "<text class=\"value\" x=\"196\" y=\"91\">0</text>");
    /* NaN: a label, an empty bar, no value. */
    ASSERT_HAS(s, "text-anchor=\"end\">x&lt;y</text>");
    UNIT_ASSERT_INT(count(s, "class=\"value\""), 3);
    UNIT_ASSERT_INT(count(s, "direction=\"rtl\""), 2);

    /* Height grows with the number of bars; values that are not whole numbers; a label cut to
     * 32 characters. */
    const CorpusBar w[] = {{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 0.125},
                           {"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", 1e9},
                           {NULL, 2.5}};
    g_autofree char *t = bars(NULL, w, 3, 300);
    ASSERT_HAS(t, "viewBox=\"0 0 300 106\"");
    ASSERT_HAS(t, "aria-label=\"bar chart\"");
    ASSERT_HAS(t, ">aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\u2026</text>");
    ASSERT_HAS(t, ">bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb</text>");
    ASSERT_HAS(t, ">0.125</text>");
    ASSERT_HAS(t, ">1000000000</text>");
    ASSERT_HAS(t, ">2.5</text>");

    g_autofree char *e = bars("None", NULL, 0, 0);
    ASSERT_HAS(e, "viewBox=\"0 0 640 62\"");
    ASSERT_HAS(e, ">no data</text>");
    ASSERT_LACKS(e, "class=\"bar\"");
}

int main(void)
{
    static const UnitTest tests[] = {
        UNIT_TEST(test_escape),   UNIT_TEST(test_linear_by_hand), UNIT_TEST(test_linear_labels),
        UNIT_TEST(test_log_axes), UNIT_TEST(test_degenerate),     UNIT_TEST(test_one_value),
        UNIT_TEST(test_thinning), UNIT_TEST(test_fit_and_size),   UNIT_TEST(test_bars),
    };
    return unit_run("svg", tests, G_N_ELEMENTS(tests));
}
