/* Keyness of terms (see keyness.h): the measures of one 2x2 table, and the table of every term
 * of two corpora, joined from two key-ordered record streams, scored, sorted by signed G2 and
 * written.  G2 and chi2 come from the association measures of assoc.c, so they equal NLTK's
 * likelihood_ratio and chi_sq on the same table.
 * SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <corpus/assoc.h>
#include <corpus/buf.h>
#include <corpus/error.h>
#include <corpus/keyness.h>

/* ---- the measures of one term ---- */

/* Hardie's (2014) stand-in for a zero frequency in Log Ratio. */
#define LOG_RATIO_ZERO 0.5

int corpus_keyness_sign(const CorpusKeynessCounts *k)
{
    /* a/c against b/d, as a d against b c: exact in 128 bits. */
    unsigned __int128 ad = (unsigned __int128)k->a * k->d, bc = (unsigned __int128)k->b * k->c;
    return ad > bc ? 1 : ad < bc ? -1 : 0;
}

/* The table as a pair of assoc.h: O11 = a, O12 = R1 - O11 = b, O21 = C1 - O11 = c - a,
 * O22 = N - R1 - C1 + O11 = d - b.  NLTK's likelihood_ratio(a, (a + b, c), c + d). */
static CorpusPairCounts pair_of(const CorpusKeynessCounts *k)
{
    return (CorpusPairCounts){k->a, k->a + k->b, k->c, k->c + k->d, 2};
}

double corpus_keyness_g2(const CorpusKeynessCounts *k)
{
    g_return_val_if_fail(k && k->c > 0 && k->d > 0 && k->a <= k->c && k->b <= k->d, 0);
    int sign = corpus_keyness_sign(k);
    /* Equal proportions give 0, which the sum of logarithms would miss by a rounding; they
     * also cover the one table with a zero marginal, a term that is every token of both
     * corpora (a = c, b = d), where chi2 would be 0/0. */
    if (sign == 0)
        return 0;
    CorpusPairCounts p = pair_of(k);
    return sign * fabs(corpus_pair_score(&p, CORPUS_MEASURE_LLR));
}

void corpus_keyness_score(const CorpusKeynessCounts *k, CorpusKeynessScores *out)
{
    g_return_if_fail(k && out && k->c > 0 && k->d > 0 && k->a <= k->c && k->b <= k->d);
    CorpusPairCounts p = pair_of(k);
    int sign = corpus_keyness_sign(k);
    double a = (double)k->a, b = (double)k->b, c = (double)k->c, d = (double)k->d;

    out->g2 = corpus_keyness_g2(k) + 0.0;
    out->g2_p = corpus_chi2_pvalue(fabs(out->g2), CORPUS_PAIR_DF) + 0.0;
    out->chi2 = sign == 0 ? 0 : corpus_pair_score(&p, CORPUS_MEASURE_CHI2) + 0.0;
    out->chi2_p = corpus_chi2_pvalue(out->chi2, CORPUS_PAIR_DF) + 0.0;
    /* (a/c) / (b/d) as (a d) / (b c): the products of counts below 2^53 are exact, so the
     * ratio is rounded once. */
    double a1 = k->a ? a : LOG_RATIO_ZERO, b1 = k->b ? b : LOG_RATIO_ZERO;
    out->log_ratio = log2((a1 * d) / (b1 * c)) + 0.0;
    /* (NF_target - NF_ref) 100 / NF_ref with NF = frequency per million tokens: the million
     * cancels, leaving 100 (a d - b c) / (b c), whose numerator is exact in 128 bits. */
    out->has_pdiff = k->b > 0;
    if (out->has_pdiff) {
        __int128 diff =
            (__int128)((unsigned __int128)k->a * k->d) - (__int128)((unsigned __int128)k->b * k->c);
        out->pdiff = 100 * (double)diff / (b * c) + 0.0;
    } else {
        out->pdiff = 0;
    }
    out->bic = fabs(out->g2) - log(c + d) + 0.0;
}

/* ---- the table ---- */

/* A term: its bytes in the arena and its count in each corpus. */
typedef struct {
    size_t off;
    size_t len;
    guint64 count[2]; /* indexed by CorpusKeynessSide */
} Term;

struct CorpusKeyness {
    CorpusBuf text;    /* the bytes of every term, one after another */
    GArray *terms;     /* Term, in key order */
    guint64 size[2];   /* c and d: every token, stop words included */
    gboolean added[2]; /* the side was added */
};

CorpusKeyness *corpus_keyness_new(void)
{
    CorpusKeyness *k = g_new0(CorpusKeyness, 1);
    k->terms = g_array_new(FALSE, FALSE, sizeof(Term));
    return k;
}

void corpus_keyness_free(CorpusKeyness *k)
{
    if (!k)
        return;
    corpus_buf_clear(&k->text);
    g_array_unref(k->terms);
    g_free(k);
}

void corpus_keyness_sizes(const CorpusKeyness *k, guint64 *c, guint64 *d)
{
    *c = k->size[CORPUS_KEYNESS_TARGET];
    *d = k->size[CORPUS_KEYNESS_REFERENCE];
}

static const char *term_text(const CorpusKeyness *k, const Term *t)
{
    return k->text.data + t->off;
}

/* The term of a record's key, after taking off a trailing n column (corpus-ngram -n 1-N);
 * FALSE when the key is not one term. */
static gboolean term_of_key(const char *key, size_t len, size_t *term_len)
{
    const char *tab = memchr(key, '\t', len);
    size_t body = tab ? (size_t)(tab - key) : len;

    if (body == 0 || memchr(key, ' ', body))
        return FALSE;
    if (tab && !(len - body == 2 && tab[1] == '1'))
        return FALSE;
    *term_len = body;
    return TRUE;
}

static gboolean add_size(CorpusKeyness *k, CorpusKeynessSide side, guint64 n, const char *what,
                         GError **error)
{
    if (k->size[side] > G_MAXUINT64 - n) {
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_LIMIT,
                    "%s: the number of tokens passes 2^64 - 1", what);
        return FALSE;
    }
    k->size[side] += n;
    return TRUE;
}

/* Join the records of src with the terms so far (both in key order) into a new term array. */
static gboolean join(CorpusKeyness *k, CorpusKeynessSide side, CorpusRecSource *src,
                     const char *what, GError **error)
{
    GArray *old = k->terms;
    GArray *merged = g_array_sized_new(FALSE, FALSE, sizeof(Term), old->len);
    CorpusBuf prev = CORPUS_BUF_INIT; /* the last term of src, to check the order */
    gboolean have_prev = FALSE, ok = TRUE;
    GError *err = NULL;
    guint i = 0;

    while (ok && src->next(src, &err)) {
        size_t len;
        if (src->len == strlen(CORPUS_KEYNESS_STOP_KEY) &&
            memcmp(src->key, CORPUS_KEYNESS_STOP_KEY, src->len) == 0) {
            ok = add_size(k, side, src->count, what, error);
            continue;
        }
        if (!term_of_key(src->key, src->len, &len)) {
            g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_PARSE,
                        "%s: the key '%.*s' is not a single term (count tables of single "
                        "words come from corpus-ngram -n 1)",
                        what, (int)src->len, src->key);
            ok = FALSE;
            break;
        }
        if (have_prev &&
            corpus_rec_compare(CORPUS_ORDER_KEY, prev.data, prev.len, 0, src->key, len, 0) >= 0) {
            g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_PARSE,
                        "%s: the term '%.*s' comes twice or out of order", what, (int)len,
                        src->key);
            ok = FALSE;
            break;
        }
        prev.len = 0;
        corpus_buf_append(&prev, src->key, len);
        have_prev = TRUE;
        if (!add_size(k, side, src->count, what, error)) {
            ok = FALSE;
            break;
        }
        /* Terms of the other corpus that come before this one keep their place. */
        int cmp = 1;
        while (i < old->len) {
            const Term *t = &g_array_index(old, Term, i);
            cmp =
                corpus_rec_compare(CORPUS_ORDER_KEY, term_text(k, t), t->len, 0, src->key, len, 0);
            if (cmp >= 0)
                break;
            g_array_append_val(merged, *t);
            i++;
        }
        if (cmp == 0) {
            Term t = g_array_index(old, Term, i++);
            t.count[side] = src->count;
            g_array_append_val(merged, t);
        } else {
            Term t = {k->text.len, len, {0, 0}};
            t.count[side] = src->count;
            corpus_buf_append(&k->text, src->key, len);
            g_array_append_val(merged, t);
        }
    }
    corpus_buf_clear(&prev);
    corpus_rec_source_free(src);
    if (err) {
        g_propagate_error(error, err);
        ok = FALSE;
    }
    if (!ok) {
        g_array_unref(merged);
        return FALSE;
    }
    g_array_append_vals(merged, &g_array_index(old, Term, i), old->len - i);
    g_array_unref(old);
    k->terms = merged;
    return TRUE;
}

gboolean corpus_keyness_add(CorpusKeyness *k, CorpusKeynessSide side, CorpusRecSource *src,
                            const char *what, GError **error)
{
    g_return_val_if_fail(
        k && src && (side == CORPUS_KEYNESS_TARGET || side == CORPUS_KEYNESS_REFERENCE), FALSE);
    g_return_val_if_fail(!k->added[side], FALSE);
    k->added[side] = TRUE;
    return join(k, side, src, what, error);
}

/* ---- ranking ---- */

/* A row to write: the signed G2 of a term and the term's index (its rank in key order). */
typedef struct {
    double g2;
    guint term;
} Row;

/* G2 descending, ties by term. */
static int row_compare_down(const void *pa, const void *pb)
{
    const Row *x = pa, *y = pb;
    if (x->g2 != y->g2)
        return x->g2 > y->g2 ? -1 : 1;
    return x->term < y->term ? -1 : x->term > y->term;
}

/* G2 ascending (|G2| descending among underused terms), ties by term. */
static int row_compare_up(const void *pa, const void *pb)
{
    const Row *x = pa, *y = pb;
    if (x->g2 != y->g2)
        return x->g2 < y->g2 ? -1 : 1;
    return x->term < y->term ? -1 : x->term > y->term;
}

static CorpusKeynessCounts counts_of(const CorpusKeyness *k, const Term *t)
{
    return (CorpusKeynessCounts){t->count[CORPUS_KEYNESS_TARGET],
                                 t->count[CORPUS_KEYNESS_REFERENCE], k->size[CORPUS_KEYNESS_TARGET],
                                 k->size[CORPUS_KEYNESS_REFERENCE]};
}

/* The rows to write, in order: every term that passes the filters of spec. */
static GArray *rank_rows(const CorpusKeyness *k, const CorpusKeynessSpec *spec)
{
    GArray *rows = g_array_new(FALSE, FALSE, sizeof(Row));

    for (guint i = 0; i < k->terms->len; i++) {
        const Term *t = &g_array_index(k->terms, Term, i);
        CorpusKeynessCounts c = counts_of(k, t);
        if (c.a + c.b < spec->min_count)
            continue;
        if (spec->stopwords && corpus_stopwords_contains(spec->stopwords, term_text(k, t), t->len))
            continue;
        int sign = corpus_keyness_sign(&c);
        if ((spec->direction == CORPUS_KEYNESS_POS && sign <= 0) ||
            (spec->direction == CORPUS_KEYNESS_NEG && sign >= 0))
            continue;
        Row r = {corpus_keyness_g2(&c), i};
        g_array_append_val(rows, r);
    }
    qsort(rows->data, rows->len, sizeof(Row),
          spec->direction == CORPUS_KEYNESS_NEG ? row_compare_up : row_compare_down);
    if (spec->top && rows->len > spec->top)
        g_array_set_size(rows, (guint)spec->top);
    return rows;
}

/* ---- output ---- */

static const char *const columns[] = {
    "term", "freq-target", "freq-ref", "size-target", "size-ref", "g2",
    "g2-p", "chi2",        "chi2-p",   "log-ratio",   "pdiff",    "bic",
};

enum {
    COL_TERM,
    COL_A,
    COL_B,
    COL_C,
    COL_D,
    COL_G2,
    COL_G2P,
    COL_CHI2,
    COL_CHI2P,
    COL_LR,
    COL_PDIFF,
    COL_BIC
};

static void put_name(CorpusBuf *b, gboolean jsonl, guint col)
{
    if (jsonl) {
        corpus_buf_append(b, col == 0 ? "{\"" : ",\"", 2);
        corpus_buf_append(b, columns[col], strlen(columns[col]));
        corpus_buf_append(b, "\":", 2);
    } else if (col > 0) {
        corpus_buf_putc(b, '\t');
    }
}

static void put_u64(CorpusBuf *b, gboolean jsonl, guint col, guint64 v)
{
    put_name(b, jsonl, col);
    corpus_buf_put_u64(b, v);
}

static void put_double(CorpusBuf *b, gboolean jsonl, guint col, double v)
{
    put_name(b, jsonl, col);
    corpus_buf_put_double(b, v);
}

static void write_row(const CorpusKeyness *k, const Term *t, gboolean jsonl, CorpusBuf *b)
{
    CorpusKeynessCounts c = counts_of(k, t);
    CorpusKeynessScores s;

    corpus_keyness_score(&c, &s);
    put_name(b, jsonl, COL_TERM);
    if (jsonl) {
        corpus_buf_putc(b, '"');
        corpus_buf_put_json(b, term_text(k, t), t->len);
        corpus_buf_putc(b, '"');
    } else {
        corpus_buf_append(b, term_text(k, t), t->len);
    }
    put_u64(b, jsonl, COL_A, c.a);
    put_u64(b, jsonl, COL_B, c.b);
    put_u64(b, jsonl, COL_C, c.c);
    put_u64(b, jsonl, COL_D, c.d);
    put_double(b, jsonl, COL_G2, s.g2);
    put_double(b, jsonl, COL_G2P, s.g2_p);
    put_double(b, jsonl, COL_CHI2, s.chi2);
    put_double(b, jsonl, COL_CHI2P, s.chi2_p);
    put_double(b, jsonl, COL_LR, s.log_ratio);
    put_name(b, jsonl, COL_PDIFF);
    if (s.has_pdiff)
        corpus_buf_put_double(b, s.pdiff);
    else if (jsonl)
        corpus_buf_append(b, "null", 4);
    put_double(b, jsonl, COL_BIC, s.bic);
    if (jsonl)
        corpus_buf_putc(b, '}');
    corpus_buf_putc(b, '\n');
}

gboolean corpus_keyness_write(CorpusKeyness *k, const CorpusKeynessSpec *spec, CorpusOut *out,
                              GError **error)
{
    g_return_val_if_fail(k && spec && out, FALSE);
    if (k->size[CORPUS_KEYNESS_TARGET] == 0 || k->size[CORPUS_KEYNESS_REFERENCE] == 0) {
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_PARSE,
                    "the %s corpus has no tokens (of the classes --keep keeps); keyness "
                    "compares relative frequencies",
                    k->size[CORPUS_KEYNESS_TARGET] == 0 ? "target" : "reference");
        return FALSE;
    }
    if (k->size[CORPUS_KEYNESS_TARGET] > G_MAXUINT64 - k->size[CORPUS_KEYNESS_REFERENCE]) {
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_LIMIT,
                    "the two corpora have more than 2^64 - 1 tokens");
        return FALSE;
    }

    g_autoptr(GArray) rows = rank_rows(k, spec);
    CorpusBuf *b = corpus_out_buf(out);
    if (spec->header && !spec->jsonl) {
        for (guint i = 0; i < G_N_ELEMENTS(columns); i++) {
            put_name(b, FALSE, i);
            corpus_buf_append(b, columns[i], strlen(columns[i]));
        }
        corpus_buf_putc(b, '\n');
    }
    for (guint i = 0; i < rows->len; i++) {
        const Row *r = &g_array_index(rows, Row, i);
        write_row(k, &g_array_index(k->terms, Term, r->term), spec->jsonl, b);
        if (!corpus_out_flush_if_full(out, error))
            return FALSE;
    }
    return TRUE;
}
