/* CorpusBuf: a growable byte buffer for hot paths (GString is for cold ones).
 * Transparent value type: CorpusBuf b = CORPUS_BUF_INIT; ... corpus_buf_clear(&b);
 * data is not NUL-terminated unless corpus_buf_cstr() is called.
 * SPDX-License-Identifier: MIT */
#ifndef CORPUS_BUF_H
#define CORPUS_BUF_H

#include <string.h>

#include <glib.h>

#include <corpus/export.h>

G_BEGIN_DECLS

typedef struct {
    char *data; /* owned; NULL while cap == 0 */
    size_t len; /* bytes in use */
    size_t cap; /* bytes allocated */
} CorpusBuf;

#define CORPUS_BUF_INIT {NULL, 0, 0}

/* Make room for at least n more bytes (geometric growth; aborts on OOM as g_realloc does). */
CORPUS_API void corpus_buf_grow(CorpusBuf *b, size_t n);
/* Free the contents and reset to CORPUS_BUF_INIT. */
CORPUS_API void corpus_buf_clear(CorpusBuf *b);
/* NUL-terminate (not counted in len) and return data. */
CORPUS_API const char *corpus_buf_cstr(CorpusBuf *b);

static inline void corpus_buf_reserve(CorpusBuf *b, size_t n)
{
    if (b->cap - b->len < n)
        corpus_buf_grow(b, n);
}

static inline void corpus_buf_append(CorpusBuf *b, const void *p, size_t n)
{
    if (n == 0) /* an empty buffer has no data: data + len would be arithmetic on NULL */
        return;
    corpus_buf_reserve(b, n);
    if (n <= 16) {
        /* Tokens are short: a byte loop beats a call to memcpy. */
        const char *s = (const char *)p;
        char *d = b->data + b->len;
        for (size_t i = 0; i < n; i++)
            d[i] = s[i];
    } else {
        memcpy(b->data + b->len, p, n);
    }
    b->len += n;
}

static inline void corpus_buf_putc(CorpusBuf *b, char c)
{
    corpus_buf_reserve(b, 1);
    b->data[b->len++] = c;
}

/* Append the decimal form of v. */
CORPUS_API void corpus_buf_put_u64(CorpusBuf *b, guint64 v);
/* Append the shortest decimal form of the finite double v that reads back (strtod, rounding to
 * nearest) to the same double, whatever the locale: the fewest significant digits P (1 to 17)
 * of any decimal that reads back, and among the decimals of P digits that do, the nearest to v
 * (on a tie, the one with an even last digit), as Python's repr(float).  It is written with an
 * exponent below 1e-4 and from 1e16 ("%.{P}g"), without one in between (100, not 1e+02).
 * So 0.1 is "0.1", 1/3 "0.3333333333333333", 1e-5 "1e-05", 1e21 "1e+21", -0.0 "-0".
 * That is the rounding of v to P digits, except at some powers of two, below which the doubles
 * are twice as dense: there the rounding may read as the double below while a decimal as long
 * but farther up reads back.  2^-44 = 5.684341886080801487e-14 is "5.684341886080802e-14". */
CORPUS_API void corpus_buf_put_double(CorpusBuf *b, double v);

/* Append s as the body of a JSON string (quotes not included), escaping ", \ and controls. */
CORPUS_API void corpus_buf_put_json(CorpusBuf *b, const char *s, size_t len);

G_END_DECLS

#endif
