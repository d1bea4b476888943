/* CorpusBuf: growable byte buffer with geometric growth.
 * SPDX-License-Identifier: MIT */
#include <math.h>
#include <string.h>

#include <corpus/buf.h>

#include "dtoa-private.h"

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

/* The longest form: "-d." with 16 more digits and "e-324" ("-0.000" and 17 digits is 23). */
#define DOUBLE_MAX_LEN 24

/* At most 17 digits: a byte loop beats a call to memcpy (as in corpus_buf_append). */
static char *put_digits(char *p, const char *digits, int n)
{
    for (int i = 0; i < n; i++)
        p[i] = digits[i];
    return p + n;
}

/* d1.d2...dn, then e, the sign and at least two digits, as printf's %g writes them. */
static char *put_exponent_form(char *p, const char *digits, int n, int exponent)
{
    unsigned e = (unsigned)ABS(exponent);

    *p++ = digits[0];
    if (n > 1) {
        *p++ = '.';
        p = put_digits(p, digits + 1, n - 1);
    }
    *p++ = 'e';
    *p++ = exponent < 0 ? '-' : '+';
    if (e >= 100)
        *p++ = (char)('0' + e / 100);
    *p++ = (char)('0' + e / 10 % 10);
    *p++ = (char)('0' + e % 10);
    return p;
}

/* 0.000d1d2...dn for an exponent from -4 to -1. */
static char *put_fraction(char *p, const char *digits, int n, int exponent)
{
    *p++ = '0';
    *p++ = '.';
    for (int i = -1; i > exponent; i--)
        *p++ = '0';
    return put_digits(p, digits, n);
}

/* All the integer digits (zeros after d1...dn), then the fraction if any, for an exponent from
 * 0 to 15. */
static char *put_fixed(char *p, const char *digits, int n, int exponent)
{
    int integer = exponent + 1;

    for (int i = 0; i < integer; i++)
        *p++ = i < n ? digits[i] : '0';
    if (n > integer) {
        *p++ = '.';
        p = put_digits(p, digits + integer, n - integer);
    }
    return p;
}

void corpus_buf_put_double(CorpusBuf *b, double v)
{
    char digits[17];
    int n, exponent;

    g_return_if_fail(isfinite(v));
    corpus_buf_reserve(b, DOUBLE_MAX_LEN);
    char *p = b->data + b->len;
    if (signbit(v))
        *p++ = '-';
    if (v == 0) {
        *p++ = '0';
    } else {
        n = corpus_dtoa_shortest(v, digits, &exponent);
        if (exponent < -4 || exponent >= 16)
            p = put_exponent_form(p, digits, n, exponent);
        else if (exponent < 0)
            p = put_fraction(p, digits, n, exponent);
        else
            p = put_fixed(p, digits, n, exponent);
    }
    b->len = (size_t)(p - b->data);
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
