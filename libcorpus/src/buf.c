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

/* v formatted with precision p into buf (locale-independent); returns TRUE when it reads back
 * as v. */
static gboolean format_exact(char *buf, size_t size, double v, int p)
{
    char format[8];
    g_snprintf(format, sizeof format, "%%.%dg", p);
    g_ascii_formatd(buf, (gint)size, format, v);
    return g_ascii_strtod(buf, NULL) == v;
}

void corpus_buf_put_double(CorpusBuf *b, double v)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE], format[8];
    int lo, hi;

    g_return_if_fail(isfinite(v));
    /* More digits never stop a form from reading back, so the precision can be searched by
     * halves; 17 digits always read back (IEEE 754 binary64).  Most results of arithmetic
     * need 16 or 17 digits: try 15 first, then 16, and bisect below 15 only when 15 is enough. */
    if (!format_exact(buf, sizeof buf, v, 15)) {
        lo = hi = format_exact(buf, sizeof buf, v, 16) ? 16 : 17;
    } else {
        lo = 1;
        hi = 15;
    }
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (format_exact(buf, sizeof buf, v, mid))
            hi = mid;
        else
            lo = mid + 1;
    }
    /* From 1e-4 up to 1e16, write the number without an exponent (100, not 1e+02), with as
     * many digits as its integer part needs. */
    g_snprintf(format, sizeof format, "%%.%de", lo - 1);
    g_ascii_formatd(buf, sizeof buf, format, v);
    int exponent = atoi(strchr(buf, 'e') + 1);
    if (exponent >= -4 && exponent < 16)
        lo = MAX(lo, exponent + 1);
    format_exact(buf, sizeof buf, v, lo);
    corpus_buf_append(b, buf, strlen(buf));
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
