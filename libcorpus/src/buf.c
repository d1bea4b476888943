/* CorpusBuf: growable byte buffer with geometric growth.
 * SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <corpus/buf.h>

void corpus_buf_grow(CorpusBuf *b, size_t n)
{
    size_t need = b->len + n;
    size_t cap = b->cap ? b->cap : 256;

    if (need < b->len)
        g_error("corpus_buf_grow: size overflow");
    while (cap < need)
        cap = cap * 2 > cap ? cap * 2 : need;
    b->data = g_realloc(b->data, cap);
    b->cap = cap;
}

void corpus_buf_clear(CorpusBuf *b)
{
    g_free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

const char *corpus_buf_cstr(CorpusBuf *b)
{
    corpus_buf_reserve(b, 1);
    b->data[b->len] = '\0';
    return b->data;
}

/* The shortest form is searched on the 17 significant digits of v, printed once: rounding them
 * to p digits gives the correctly rounded p-digit form of v, except when the digits dropped
 * are exactly a half (5, then zeros): the exact value may lie on either side of it, so then
 * printf rounds v itself.  (A p-digit rounding boundary strictly between v and its 17-digit
 * form would be a closer 17-digit number, so no other case can differ.) */
typedef struct {
    gboolean negative;
    char digits[17]; /* significant digits of v, to 17 places */
    int exponent;    /* decimal exponent of the first digit */
} Decimal;

/* The p-digit rounding of d into out (digits and exponent); returns FALSE on a tie. */
static gboolean round_digits(const Decimal *d, int p, char *out, int *exponent)
{
    if (p >= 17) {
        memcpy(out, d->digits, 17);
        *exponent = d->exponent;
        return TRUE;
    }
    gboolean half = d->digits[p] == '5', above = d->digits[p] > '5';
    for (int i = p + 1; half && i < 17; i++)
        half = d->digits[i] == '0';
    if (half)
        return FALSE;
    memcpy(out, d->digits, (size_t)p);
    *exponent = d->exponent;
    if (above || d->digits[p] == '5') {
        int i = p - 1;
        while (i >= 0 && out[i] == '9')
            out[i--] = '0';
        if (i >= 0) {
            out[i]++;
        } else { /* 99...9 became 100...0 */
            out[0] = '1';
            (*exponent)++;
        }
    }
    return TRUE;
}

/* The p-digit form of v as "d.ddde±x" in buf. */
static void exponent_form(char *buf, size_t size, const Decimal *d, int p, double v)
{
    char digits[24];
    int exponent, n = 0;

    if (!round_digits(d, p, digits, &exponent)) {
        char format[8];
        g_snprintf(format, sizeof format, "%%.%de", p - 1);
        g_ascii_formatd(buf, (gint)size, format, v);
        return;
    }
    if (d->negative)
        buf[n++] = '-';
    buf[n++] = digits[0];
    if (p > 1) {
        buf[n++] = '.';
        memcpy(buf + n, digits + 1, (size_t)(p - 1));
        n += p - 1;
    }
    g_snprintf(buf + n, size - (size_t)n, "e%d", exponent);
}

/* Does the p-digit form of v read back as v? */
static gboolean reads_back(const Decimal *d, int p, double v)
{
    char buf[40];
    exponent_form(buf, sizeof buf, d, p, v);
    return g_ascii_strtod(buf, NULL) == v;
}

void corpus_buf_put_double(CorpusBuf *b, double v)
{
    char buf[40];
    Decimal d;
    int lo, hi;

    g_return_if_fail(isfinite(v));
    g_ascii_formatd(buf, sizeof buf, "%.16e", v);
    const char *s = buf;
    d.negative = *s == '-';
    s += d.negative;
    d.digits[0] = *s;
    memcpy(d.digits + 1, s + 2, 16); /* d.dddddddddddddddd */
    d.exponent = atoi(s + 19);       /* after the 'e' */
    if (v == 0) {
        corpus_buf_append(b, d.negative ? "-0" : "0", d.negative ? 2 : 1);
        return;
    }
    /* More digits never stop a form from reading back, so the precision can be searched by
     * halves; 17 digits always read back (IEEE 754 binary64).  Most results of arithmetic
     * need 16 or 17 digits: try 15 first, then 16, and bisect below 15 only when 15 is enough. */
    if (!reads_back(&d, 15, v)) {
        lo = hi = reads_back(&d, 16, v) ? 16 : 17;
    } else {
        lo = 1;
        hi = 15;
    }
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (reads_back(&d, mid, v))
            hi = mid;
        else
            lo = mid + 1;
    }
    /* The digits of the shortest form, without trailing zeros. */
    exponent_form(buf, sizeof buf, &d, lo, v);
    char digits[24];
    int n = 0, exponent;
    for (const char *q = buf; *q && *q != 'e'; q++) {
        if (g_ascii_isdigit(*q))
            digits[n++] = *q;
    }
    exponent = atoi(strchr(buf, 'e') + 1);
    while (n > 1 && digits[n - 1] == '0')
        n--;
    if (d.negative)
        corpus_buf_putc(b, '-');
    if (exponent < -4 || exponent >= 16) {
        /* d.ddd, then e, the sign and at least two digits, as printf's %g writes them. */
        corpus_buf_putc(b, digits[0]);
        if (n > 1) {
            corpus_buf_putc(b, '.');
            corpus_buf_append(b, digits + 1, (size_t)(n - 1));
        }
        char e[8];
        g_snprintf(e, sizeof e, "e%c%02d", exponent < 0 ? '-' : '+', ABS(exponent));
        corpus_buf_append(b, e, strlen(e));
    } else if (exponent < 0) {
        /* From 1e-4 up to 1e16 without an exponent (100, not 1e+02). */
        corpus_buf_append(b, "0.", 2);
        for (int i = 0; i < -exponent - 1; i++)
            corpus_buf_putc(b, '0');
        corpus_buf_append(b, digits, (size_t)n);
    } else {
        for (int i = 0; i <= exponent; i++)
            corpus_buf_putc(b, i < n ? digits[i] : '0');
        if (n > exponent + 1) {
            corpus_buf_putc(b, '.');
            corpus_buf_append(b, digits + exponent + 1, (size_t)(n - exponent - 1));
        }
    }
}

void corpus_buf_put_u64(CorpusBuf *b, guint64 v)
{
    char tmp[20];
    int n = 0;

    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    corpus_buf_reserve(b, (size_t)n);
    while (n)
        b->data[b->len++] = tmp[--n];
}

void corpus_buf_put_json(CorpusBuf *b, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";

    corpus_buf_reserve(b, len);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            corpus_buf_putc(b, '\\');
            corpus_buf_putc(b, (char)c);
        } else if (c < 0x20) {
            char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            corpus_buf_append(b, esc, sizeof esc);
        } else {
            corpus_buf_putc(b, (char)c);
        }
    }
}
