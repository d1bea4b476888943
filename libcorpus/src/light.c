/* Light10 and Light8 (Larkey, Ballesteros & Connell 2002, 2007) as the Lemur/Indri reference
 * code arabic_light10 does it (ALGORITHMS.md 2.1, 2.2): its own normalization, then a leading
 * waw, then at most one article, then one pass over the suffixes.  Lengths are in code points.
 * SPDX-License-Identifier: MIT */
#include <string.h>

#include "stem-private.h"

/* Lemur's arabic_norm2: outside U+0600-06FF keep; Arabic letters kept (three mapped), every
 * other code point of the block (marks, tatweel, digits, punctuation) deleted. */
static gint32 norm2(gunichar c)
{
    static const gunichar extra[] = {0x067E, 0x0679, 0x0686, 0x0698, 0x0688, 0x06AF,
                                     0x06A9, 0x0691, 0x06BA, 0x06BE, 0x06C1};

    if (c < 0x0600 || c > 0x06FF)
        return (gint32)c;
    if (c == 0x0622 || c == 0x0623 || c == 0x0625)
        return 0x0627;
    if (c == 0x0629)
        return 0x0647;
    if (c == 0x0649)
        return 0x064A;
    if ((c >= 0x0621 && c <= 0x063A) || (c >= 0x0641 && c <= 0x064A))
        return (gint32)c;
    for (size_t i = 0; i < G_N_ELEMENTS(extra); i++)
        if (c == extra[i])
            return (gint32)c;
    return -1;
}

/* An affix: up to three code points. */
typedef struct {
    gunichar c[3];
    size_t n;
} Affix;

static gboolean starts_with(const gunichar *w, size_t n, const Affix *a)
{
    return n >= a->n && memcmp(w, a->c, a->n * sizeof(gunichar)) == 0;
}

static gboolean ends_with(const gunichar *w, size_t n, const Affix *a)
{
    return n >= a->n && memcmp(w + n - a->n, a->c, a->n * sizeof(gunichar)) == 0;
}

void corpus_stem_light(gunichar *w, size_t *np, gboolean with_ll)
{
    /* ال وال بال كال فال لل, tried in this order. */
    static const Affix articles[] = {
        {{0x0627, 0x0644}, 2},         {{0x0648, 0x0627, 0x0644}, 3},
        {{0x0628, 0x0627, 0x0644}, 3}, {{0x0643, 0x0627, 0x0644}, 3},
        {{0x0641, 0x0627, 0x0644}, 3}, {{0x0644, 0x0644}, 2},
    };
    /* ها ان ات ون ين يه ية ه ة ي, in this order. */
    static const Affix suffixes[] = {
        {{0x0647, 0x0627}, 2}, {{0x0627, 0x0646}, 2}, {{0x0627, 0x062A}, 2}, {{0x0648, 0x0646}, 2},
        {{0x064A, 0x0646}, 2}, {{0x064A, 0x0647}, 2}, {{0x064A, 0x0629}, 2}, {{0x0647}, 1},
        {{0x0629}, 1},         {{0x064A}, 1},
    };
    size_t n = 0;

    for (size_t i = 0; i < *np; i++) {
        gint32 m = norm2(w[i]);
        if (m >= 0)
            w[n++] = (gunichar)m;
    }
    /* A leading waw goes when at least three letters remain. */
    if (n > 3 && w[0] == 0x0648) {
        memmove(w, w + 1, (n - 1) * sizeof(gunichar));
        n--;
    }
    /* At most one article, leaving at least two letters. */
    for (size_t k = 0; k < G_N_ELEMENTS(articles); k++) {
        const Affix *a = &articles[k];
        if (!with_ll && k == G_N_ELEMENTS(articles) - 1)
            break;
        if (starts_with(w, n, a) && n > a->n + 1) {
            memmove(w, w + a->n, (n - a->n) * sizeof(gunichar));
            n -= a->n;
            break;
        }
    }
    /* One pass over the suffixes, each removed when at least two letters remain. */
    if (n > 2) {
        for (size_t k = 0; k < G_N_ELEMENTS(suffixes); k++) {
            const Affix *a = &suffixes[k];
            if (ends_with(w, n, a) && n > a->n + 1)
                n -= a->n;
        }
    }
    *np = n;
}
