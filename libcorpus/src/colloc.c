/* Collocation scoring: the words of the candidates are interned once, unigram counts become
 * the marginals, every candidate that passes the filters is scored by the sort measure and
 * sorted, and the other measures are computed only for the rows written.
 * SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <corpus/buf.h>
#include <corpus/colloc.h>
#include <corpus/error.h>
#include <corpus/vocab.h>

#include "hash-private.h"

/* A candidate: its words (ids) and its count. */
typedef struct {
    guint32 w[3];
    guint64 count;
} Cand;

/* A candidate to write: its score as a key that sorts ascending (score descending), and its
 * index among the candidates, which are in tie order (their words bytewise). */
typedef struct {
    guint64 key;
    guint32 cand;
} Row;

struct CorpusColloc {
    const CorpusCollocSpec *spec;
    CorpusVocab *vocab;
    GArray *freq;  /* guint64 per word id: the unigram counts */
    GArray *cands; /* Cand of order spec->n */
    /* Triples only: pair counts (w1, w2) and (w1, _, w3), keyed by the packed ids. */
    GHashTable *pairs, *gapped;
    guint32 last_first; /* id of the first word of the last key (keys come sorted) */
};

G_STATIC_ASSERT(sizeof(gpointer) >= sizeof(guint64));

static guint pack_hash(gconstpointer p)
{
    return (guint)corpus_hash_mix((guint64)(guintptr)p);
}

static gpointer pack(guint32 a, guint32 b)
{
    return (gpointer)(guintptr)(((guint64)a << 32) | b);
}

CorpusColloc *corpus_colloc_new(const CorpusCollocSpec *spec)
{
    CorpusColloc *c = g_new0(CorpusColloc, 1);
    c->spec = spec;
    c->vocab = corpus_vocab_new(NULL);
    c->freq = g_array_new(FALSE, TRUE, sizeof(guint64));
    c->cands = g_array_new(FALSE, FALSE, sizeof(Cand));
    c->last_first = G_MAXUINT32;
    if (spec->n == 3) {
        c->pairs = g_hash_table_new(pack_hash, g_direct_equal);
        c->gapped = g_hash_table_new(pack_hash, g_direct_equal);
    }
    return c;
}

void corpus_colloc_free(CorpusColloc *c)
{
    if (!c)
        return;
    corpus_vocab_free(c->vocab);
    g_array_unref(c->freq);
    g_array_unref(c->cands);
    if (c->pairs) {
        g_hash_table_unref(c->pairs);
        g_hash_table_unref(c->gapped);
    }
    g_free(c);
}

static guint32 word_id(CorpusColloc *c, const char *s, size_t len)
{
    guint32 id = corpus_vocab_intern(c->vocab, s, len);
    if (id >= c->freq->len)
        g_array_set_size(c->freq, id + 1);
    return id;
}

/* The id of the first word of a key: in key order, most keys start like the one before. */
static guint32 first_word_id(CorpusColloc *c, const char *s, size_t len)
{
    if (c->last_first != G_MAXUINT32) {
        size_t last_len;
        const char *last = corpus_vocab_text(c->vocab, c->last_first, &last_len);
        if (last_len == len && memcmp(last, s, len) == 0)
            return c->last_first;
    }
    return c->last_first = word_id(c, s, len);
}

static gboolean add_u64(guint64 *sum, guint64 k)
{
    if (*sum > G_MAXUINT64 - k)
        return FALSE;
    *sum += k;
    return TRUE;
}

/* Split a key into its words (at most max), after taking off a trailing n column; returns the
 * number of words, or 0 when the key is malformed. */
static guint split_key(const char *key, size_t len, guint max, const char **word, size_t *wlen)
{
    const char *tab = memchr(key, '\t', len);
    size_t body = tab ? (size_t)(tab - key) : len;
    guint k = 0;

    for (size_t at = 0; at <= body;) {
        const char *sp = memchr(key + at, ' ', body - at);
        size_t end = sp ? (size_t)(sp - key) : body;
        if (end == at || k == max)
            return 0;
        word[k] = key + at;
        wlen[k++] = end - at;
        at = end + 1;
    }
    if (tab) {
        guint64 n;
        g_autofree char *col = g_strndup(tab + 1, len - body - 1);
        if (!g_ascii_string_to_unsigned(col, 10, k, k, &n, NULL))
            return 0;
    }
    return k;
}

static gboolean add_record(CorpusColloc *c, const char *key, size_t len, guint64 count,
                           guint order, const char *what, GError **error)
{
    const char *word[3];
    size_t wlen[3];
    guint32 id[3];
    guint k = split_key(key, len, c->spec->n, word, wlen);

    if (!k || (order && k != order)) {
        g_autofree char *shown = g_strndup(key, len);
        if (!k)
            g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_PARSE,
                        "%s: the key '%s' is not 1 to %u words separated by single spaces "
                        "(with an optional n column)",
                        what, shown, c->spec->n);
        else
            g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_PARSE,
                        "%s: the key '%s' has %u word%s; this table must hold %u-word keys",
                        what, shown, k, k == 1 ? "" : "s", order);
        return FALSE;
    }
    id[0] = first_word_id(c, word[0], wlen[0]);
    for (guint i = 1; i < k; i++)
        id[i] = word_id(c, word[i], wlen[i]);
    if (k == 1) {
        if (!add_u64(&g_array_index(c->freq, guint64, id[0]), count)) {
            g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_LIMIT,
                        "%s: the count of '%.*s' passes 2^64 - 1", what, (int)wlen[0], word[0]);
            return FALSE;
        }
        return TRUE;
    }
    if (k == c->spec->n) {
        Cand cand = {{id[0], id[1], k == 3 ? id[2] : 0}, count};
        g_array_append_val(c->cands, cand);
        return TRUE;
    }
    /* A pair, for triples: n_iix and n_xii come from here. */
    g_hash_table_insert(c->pairs, pack(id[0], id[1]), (gpointer)(guintptr)count);
    return TRUE;
}

gboolean corpus_colloc_add_source(CorpusColloc *c, CorpusRecSource *src, guint order,
                                  const char *what, GError **error)
{
    GError *err = NULL;
    gboolean ok = TRUE;

    while (ok && src->next(src, &err))
        ok = add_record(c, src->key, src->len, src->count, order, what, error);
    corpus_rec_source_free(src);
    if (err) {
        g_propagate_error(error, err);
        return FALSE;
    }
    return ok;
}

/* ---- scoring ---- */

/* Sum of the (w1, _, w3) counts over every w2: NLTK's wildcard_fd for a window of 3. */
static void count_gapped(CorpusColloc *c)
{
    for (guint i = 0; i < c->cands->len; i++) {
        const Cand *t = &g_array_index(c->cands, Cand, i);
        gpointer k = pack(t->w[0], t->w[2]);
        guint64 sum = (guint64)(guintptr)g_hash_table_lookup(c->gapped, k) + t->count;
        g_hash_table_insert(c->gapped, k, (gpointer)(guintptr)sum);
    }
}

static guint64 lookup(GHashTable *h, guint32 a, guint32 b)
{
    return (guint64)(guintptr)g_hash_table_lookup(h, pack(a, b));
}

typedef struct {
    gboolean triple;
    CorpusPairCounts pair;
    CorpusTripleCounts tri;
} Table;

static void table_of(const CorpusColloc *c, const Cand *x, guint64 n, Table *t)
{
    const guint64 *f = (const guint64 *)(const void *)c->freq->data;
    t->triple = c->spec->n == 3;
    if (!t->triple) {
        t->pair = (CorpusPairCounts){x->count, f[x->w[0]], f[x->w[1]], n, c->spec->window};
        return;
    }
    t->tri = (CorpusTripleCounts){
        .n_iii = x->count,
        .n_iix = lookup(c->pairs, x->w[0], x->w[1]),
        .n_ixi = lookup(c->gapped, x->w[0], x->w[2]),
        .n_xii = lookup(c->pairs, x->w[1], x->w[2]),
        .f1 = f[x->w[0]],
        .f2 = f[x->w[1]],
        .f3 = f[x->w[2]],
        .n = n,
    };
}

static gboolean scorable(const Table *t)
{
    return t->triple ? corpus_triple_scorable(&t->tri) : corpus_pair_scorable(&t->pair);
}

static double score(const Table *t, CorpusMeasure m)
{
    /* + 0.0 turns a negative zero into zero. */
    return (t->triple ? corpus_triple_score(&t->tri, m) : corpus_pair_score(&t->pair, m)) + 0.0;
}

/* The filters of the spec: count, word counts, stop words. */
static gboolean wanted(const CorpusColloc *c, const Cand *x, guint32 stop_id)
{
    const CorpusCollocSpec *spec = c->spec;
    const guint64 *f = (const guint64 *)(const void *)c->freq->data;

    if (x->count < spec->min_count)
        return FALSE;
    for (guint i = 0; i < spec->n; i++) {
        if (x->w[i] == stop_id || f[x->w[i]] < spec->min_word_count)
            return FALSE;
        if (spec->stopwords) {
            size_t len;
            const char *s = corpus_vocab_text(c->vocab, x->w[i], &len);
            if (corpus_stopwords_contains(spec->stopwords, s, len))
                return FALSE;
        }
    }
    return TRUE;
}

/* A key that orders scores descending when sorted ascending (no NaN; no negative zero). */
static guint64 score_key(double score)
{
    guint64 u;
    memcpy(&u, &score, sizeof u);
    u = (u >> 63) ? ~u : u | ((guint64)1 << 63); /* ascending with the score */
    return ~u;
}

/* Stable LSD radix sort of rows by key, 16 bits a pass; passes where every key has the same
 * digit are skipped. */
static void sort_rows(Row *rows, size_t n)
{
    Row *tmp = g_new(Row, MAX(n, 1u)), *src = rows, *dst = tmp;
    guint32 *count = g_new(guint32, 1u << 16);

    for (guint shift = 0; n > 1 && shift < 64; shift += 16) {
        memset(count, 0, sizeof(guint32) << 16);
        for (size_t i = 0; i < n; i++)
            count[(src[i].key >> shift) & 0xFFFF]++;
        if (count[(src[0].key >> shift) & 0xFFFF] == n)
            continue;
        guint32 at = 0;
        for (guint d = 0; d < (1u << 16); d++) {
            guint32 k = count[d];
            count[d] = at;
            at += k;
        }
        for (size_t i = 0; i < n; i++)
            dst[count[(src[i].key >> shift) & 0xFFFF]++] = src[i];
        Row *t = src;
        src = dst;
        dst = t;
    }
    if (src != rows)
        memcpy(rows, src, n * sizeof(Row));
    g_free(count);
    g_free(tmp);
}

static const guint32 *sort_ranks; /* of the words, for cand_compare (qsort has no user data) */

/* Every word of a candidate has a unigram count: count tables that do not belong together
 * would otherwise give wrong marginals. */
static gboolean counted_words(const CorpusColloc *c, const Cand *x, GError **error)
{
    for (guint i = 0; i < c->spec->n; i++) {
        if (g_array_index(c->freq, guint64, x->w[i]) == 0) {
            size_t len;
            const char *s = corpus_vocab_text(c->vocab, x->w[i], &len);
            g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_PARSE,
                        "the word '%.*s' of a candidate has no unigram count (do the count "
                        "tables come from the same text?)",
                        (int)len, s);
            return FALSE;
        }
    }
    return TRUE;
}

static int cand_compare(const void *pa, const void *pb)
{
    const Cand *a = pa, *b = pb;
    for (guint i = 0; i < 3; i++) {
        if (a->w[i] != b->w[i] && sort_ranks[a->w[i]] != sort_ranks[b->w[i]])
            return sort_ranks[a->w[i]] < sort_ranks[b->w[i]] ? -1 : 1;
    }
    return 0;
}

/* Put the candidates in tie order: their words bytewise, w1 first (NLTK's tuple order).  They
 * come in that order from key-sorted sources, unless a word holds a byte below the space. */
static void order_candidates(CorpusColloc *c)
{
    guint32 size = corpus_vocab_size(c->vocab);
    g_autofree guint32 *sorted = corpus_vocab_sorted_ids(c->vocab);
    g_autofree guint32 *rank = g_new(guint32, MAX(size, 1u));
    const Cand *x = (const Cand *)(const void *)c->cands->data;
    guint n = c->cands->len;

    for (guint32 i = 0; i < size; i++)
        rank[sorted[i]] = i;
    sort_ranks = rank;
    for (guint i = 1; i < n; i++) {
        if (cand_compare(&x[i - 1], &x[i]) > 0) {
            qsort(c->cands->data, n, sizeof(Cand), cand_compare);
            break;
        }
    }
    sort_ranks = NULL;
}

/* The rows to write, sorted: every scorable candidate that passes the filters. */
static GArray *rank_rows(CorpusColloc *c, guint64 n, guint64 *skipped, GError **error)
{
    guint32 stop_id = corpus_vocab_lookup(c->vocab, CORPUS_COLLOC_STOP_KEY,
                                          strlen(CORPUS_COLLOC_STOP_KEY));
    GArray *rows = g_array_new(FALSE, FALSE, sizeof(Row));

    order_candidates(c);
    *skipped = 0;
    for (guint i = 0; i < c->cands->len; i++) {
        const Cand *x = &g_array_index(c->cands, Cand, i);
        Table t;
        if (!counted_words(c, x, error)) {
            g_array_unref(rows);
            return NULL;
        }
        if (!wanted(c, x, stop_id))
            continue;
        table_of(c, x, n, &t);
        double s = scorable(&t) ? score(&t, c->spec->sort_by) : NAN;
        if (!isfinite(s)) {
            (*skipped)++;
            continue;
        }
        Row r = {score_key(s), i};
        g_array_append_val(rows, r);
    }
    sort_rows((Row *)(void *)rows->data, rows->len);
    if (c->spec->top && rows->len > c->spec->top)
        g_array_set_size(rows, (guint)c->spec->top);
    return rows;
}

/* ---- output ---- */

static const char *const word_cols[] = {"w1", "w2", "w3"};
static const char *const freq_cols[] = {"f1", "f2", "f3"};

static void put_name(CorpusBuf *b, const CorpusCollocSpec *spec, const char *name,
                     const char *suffix, gboolean first)
{
    if (spec->jsonl) {
        corpus_buf_append(b, first ? "{\"" : ",\"", 2);
        corpus_buf_put_json(b, name, strlen(name));
        corpus_buf_append(b, suffix, strlen(suffix));
        corpus_buf_append(b, "\":", 2);
        return;
    }
    if (!first)
        corpus_buf_putc(b, '\t');
}

static void write_header(CorpusBuf *b, const CorpusCollocSpec *spec)
{
    GString *h = g_string_new(NULL);
    for (guint i = 0; i < spec->n; i++)
        g_string_append_printf(h, "%s\t", word_cols[i]);
    g_string_append(h, "count");
    for (guint i = 0; i < spec->n; i++)
        g_string_append_printf(h, "\t%s", freq_cols[i]);
    g_string_append(h, "\tN");
    for (guint i = 0; i < spec->n_measures; i++) {
        const char *name = corpus_measure_name(spec->measures[i]);
        g_string_append_printf(h, "\t%s", name);
        if (spec->p_values && corpus_measure_has_pvalue(spec->measures[i]))
            g_string_append_printf(h, "\t%s-p", name);
    }
    g_string_append_c(h, '\n');
    corpus_buf_append(b, h->str, h->len);
    g_string_free(h, TRUE);
}

static void put_u64(CorpusBuf *b, const CorpusCollocSpec *spec, const char *name, guint64 v)
{
    put_name(b, spec, name, "", FALSE);
    corpus_buf_put_u64(b, v);
}

static void write_row(CorpusColloc *c, CorpusBuf *b, const Row *r, guint64 n)
{
    const CorpusCollocSpec *spec = c->spec;
    const Cand *x = &g_array_index(c->cands, Cand, r->cand);
    const guint64 *f = (const guint64 *)(const void *)c->freq->data;
    Table t;

    for (guint i = 0; i < spec->n; i++) {
        size_t len;
        const char *s = corpus_vocab_text(c->vocab, x->w[i], &len);
        put_name(b, spec, word_cols[i], "", i == 0);
        if (spec->jsonl) {
            corpus_buf_putc(b, '"');
            corpus_buf_put_json(b, s, len);
            corpus_buf_putc(b, '"');
        } else {
            corpus_buf_append(b, s, len);
        }
    }
    put_u64(b, spec, "count", x->count);
    for (guint i = 0; i < spec->n; i++)
        put_u64(b, spec, freq_cols[i], f[x->w[i]]);
    put_u64(b, spec, "N", n);
    table_of(c, x, n, &t);
    for (guint i = 0; i < spec->n_measures; i++) {
        CorpusMeasure m = spec->measures[i];
        const char *name = corpus_measure_name(m);
        double v = score(&t, m);
        put_name(b, spec, name, "", FALSE);
        corpus_buf_put_double(b, v);
        if (spec->p_values && corpus_measure_has_pvalue(m)) {
            put_name(b, spec, name, "-p", FALSE);
            corpus_buf_put_double(b, corpus_chi2_pvalue(v, spec->n == 3 ? CORPUS_TRIPLE_DF : CORPUS_PAIR_DF) + 0.0);
        }
    }
    if (spec->jsonl)
        corpus_buf_putc(b, '}');
    corpus_buf_putc(b, '\n');
}

/* How many rows ahead the data of a row is fetched. */
#define AHEAD 8

static void prefetch_words(const CorpusColloc *c, const Cand *x)
{
    for (guint i = 0; i < c->spec->n; i++) {
        size_t len;
        __builtin_prefetch(&g_array_index(c->freq, guint64, x->w[i]));
        __builtin_prefetch(corpus_vocab_text(c->vocab, x->w[i], &len));
    }
}

/* Format rows[from, to) into b. */
static void format_rows(CorpusColloc *c, CorpusBuf *b, const Row *row, guint from, guint to,
                        guint64 n)
{
    for (guint i = from; i < to; i++) {
        /* Rows visit the candidates out of order: fetch ahead the candidate, then its words. */
        if (i + 2 * AHEAD < to)
            __builtin_prefetch(&g_array_index(c->cands, Cand, row[i + 2 * AHEAD].cand));
        if (i + AHEAD < to)
            prefetch_words(c, &g_array_index(c->cands, Cand, row[i + AHEAD].cand));
        write_row(c, b, &row[i], n);
    }
}

/* Rows are formatted in blocks on the threads and written in order by the calling thread;
 * at most IN_FLIGHT blocks a thread are formatted ahead of the one being written. */
#define BLOCK_ROWS 4096
#define IN_FLIGHT 4

typedef struct {
    CorpusColloc *c;
    const Row *rows;
    guint n_rows;
    guint64 n;
    CorpusBuf *bufs; /* block k is formatted into bufs[k % window], reused (no page faults) */
    guint window;    /* blocks formatted ahead of the one being written */
    gboolean *done;
    GMutex lock;
    GCond ready;
} Format;

static void format_block(gpointer data, gpointer user)
{
    Format *f = user;
    guint k = GPOINTER_TO_UINT(data) - 1;
    guint from = k * BLOCK_ROWS, to = MIN(from + BLOCK_ROWS, f->n_rows);
    CorpusBuf *b = &f->bufs[k % f->window];
    b->len = 0;
    format_rows(f->c, b, f->rows, from, to, f->n);
    g_mutex_lock(&f->lock);
    f->done[k] = TRUE;
    g_cond_broadcast(&f->ready);
    g_mutex_unlock(&f->lock);
}

static gboolean write_parallel(CorpusColloc *c, const Row *rows, guint n_rows, guint64 n,
                               CorpusOut *out, GError **error)
{
    guint n_blocks = (n_rows + BLOCK_ROWS - 1) / BLOCK_ROWS, pushed = 0;
    guint threads = c->spec->threads, window = threads * IN_FLIGHT;
    Format f = {
        .c = c,
        .rows = rows,
        .n_rows = n_rows,
        .n = n,
        .bufs = g_new0(CorpusBuf, window),
        .window = window,
        .done = g_new0(gboolean, n_blocks),
    };
    gboolean ok = TRUE;

    g_mutex_init(&f.lock);
    g_cond_init(&f.ready);
    GThreadPool *pool = g_thread_pool_new(format_block, &f, (gint)threads, FALSE, NULL);
    for (guint k = 0; k < n_blocks; k++) {
        while (pushed < n_blocks && pushed < k + window)
            g_thread_pool_push(pool, GUINT_TO_POINTER(++pushed), NULL);
        g_mutex_lock(&f.lock);
        while (!f.done[k])
            g_cond_wait(&f.ready, &f.lock);
        g_mutex_unlock(&f.lock);
        if (ok)
            ok = corpus_out_write(out, f.bufs[k % window].data, f.bufs[k % window].len, error);
    }
    g_thread_pool_free(pool, FALSE, TRUE);
    for (guint i = 0; i < window; i++)
        corpus_buf_clear(&f.bufs[i]);
    g_mutex_clear(&f.lock);
    g_cond_clear(&f.ready);
    g_free(f.bufs);
    g_free(f.done);
    return ok;
}

gboolean corpus_colloc_write(CorpusColloc *c, CorpusOut *out, guint64 *skipped, GError **error)
{
    const CorpusCollocSpec *spec = c->spec;
    guint64 n = 0;

    for (guint i = 0; i < c->freq->len; i++) {
        if (!add_u64(&n, g_array_index(c->freq, guint64, i))) {
            g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_LIMIT,
                        "the number of tokens passes 2^64 - 1");
            return FALSE;
        }
    }
    if (spec->n == 3)
        count_gapped(c);
    g_autoptr(GArray) rows = rank_rows(c, n, skipped, error);
    if (!rows)
        return FALSE;
    if (spec->header && !spec->jsonl)
        write_header(corpus_out_buf(out), spec);
    const Row *row = (const Row *)(const void *)rows->data;
    if (spec->threads > 1 && rows->len > BLOCK_ROWS)
        return write_parallel(c, row, rows->len, n, out, error);
    for (guint from = 0; from < rows->len; from += BLOCK_ROWS) {
        format_rows(c, corpus_out_buf(out), row, from, MIN(from + BLOCK_ROWS, rows->len), n);
        if (!corpus_out_flush_if_full(out, error))
            return FALSE;
    }
    return TRUE;
}
