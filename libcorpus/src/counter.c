/* CorpusCounter: open-addressing tables of id tuples, spilled as sorted runs.
 * Each table keeps 64-bit slots (upper hash half | record index + 1) and the records (ids and
 * count) in arrays of their own, so a probe reads 8 bytes until the tags match.
 * SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include <corpus/buf.h>
#include <corpus/counter.h>

#include "hash-private.h"

#define MIN_SLOTS 1024u
#define TAG_MASK 0xFFFFFFFF00000000ull

typedef struct {
    guint n;         /* order */
    guint64 *slots;  /* tag | (index + 1); 0 = empty */
    size_t mask;     /* slots - 1 */
    guint32 *keys;   /* n ids per record */
    guint64 *counts; /* one per record */
    size_t used;     /* records */
    size_t cap;      /* records allocated: 7/8 of the slots */
} Table;

struct CorpusCounter {
    CorpusCounterSpec spec;
    size_t sep_len;
    CorpusQuota quota;
    CorpusVocab *vocab;
    Table tables[CORPUS_NGRAM_MAX + 1]; /* [2..n_max] used */
    guint spills;
};

static size_t table_bytes(guint n, size_t n_slots)
{
    return n_slots * sizeof(guint64) + n_slots / 8 * 7 * (n * sizeof(guint32) + sizeof(guint64));
}

static void table_alloc(CorpusCounter *c, Table *t, size_t n_slots)
{
    t->slots = g_new0(guint64, n_slots);
    t->mask = n_slots - 1;
    t->cap = n_slots / 8 * 7;
    t->keys = g_renew(guint32, t->keys, t->cap * t->n);
    t->counts = g_renew(guint64, t->counts, t->cap);
    corpus_quota_charge(&c->quota, table_bytes(t->n, n_slots));
}

static void table_release(CorpusCounter *c, Table *t)
{
    if (!t->slots)
        return;
    corpus_quota_release(&c->quota, table_bytes(t->n, t->mask + 1));
    g_free(t->slots);
    g_free(t->keys);
    g_free(t->counts);
    t->slots = NULL;
    t->keys = NULL;
    t->counts = NULL;
    t->used = t->cap = 0;
    t->mask = 0;
}

CorpusCounter *corpus_counter_new(const CorpusCounterSpec *spec)
{
    CorpusCounter *c = g_new0(CorpusCounter, 1);

    g_return_val_if_fail(spec->n_min >= 1 && spec->n_min <= spec->n_max &&
                             spec->n_max <= CORPUS_NGRAM_MAX,
                         NULL);
    c->spec = *spec;
    c->sep_len = strlen(spec->sep);
    /* Tables get 4/5 of the memory; sorting them for a run needs up to the rest. */
    c->quota.limit = spec->memory ? spec->memory / 5 * 4 : G_MAXSIZE;
    c->vocab = corpus_vocab_new(&c->quota);
    for (guint n = 2; n <= spec->n_max; n++)
        c->tables[n].n = n;
    return c;
}

void corpus_counter_free(CorpusCounter *c)
{
    if (!c)
        return;
    for (guint n = 2; n <= c->spec.n_max; n++)
        table_release(c, &c->tables[n]);
    corpus_vocab_free(c->vocab);
    g_free(c);
}

CorpusVocab *corpus_counter_vocab(CorpusCounter *c)
{
    return c->vocab;
}

gboolean corpus_counter_over(const CorpusCounter *c)
{
    return c->quota.over;
}

guint corpus_counter_spills(const CorpusCounter *c)
{
    return c->spills;
}

static void table_grow(CorpusCounter *c, Table *t)
{
    guint64 *old = t->slots;
    size_t old_slots = t->mask + 1;

    corpus_quota_release(&c->quota, table_bytes(t->n, old_slots));
    table_alloc(c, t, old_slots * 2);
    for (size_t i = 0; i < old_slots; i++) {
        if (!old[i])
            continue;
        guint32 idx = (guint32)old[i] - 1;
        size_t j = corpus_hash_ids(&t->keys[(size_t)idx * t->n], t->n) & t->mask;
        while (t->slots[j])
            j = (j + 1) & t->mask;
        t->slots[j] = old[i];
    }
    g_free(old);
}

void corpus_counter_add(CorpusCounter *c, const guint32 *ids, guint n, guint64 k)
{
    if (n == 1) {
        corpus_vocab_counts(c->vocab)[ids[0]] += k;
        return;
    }
    Table *t = &c->tables[n];
    if (!t->slots)
        table_alloc(c, t, MIN_SLOTS);
    guint64 h = corpus_hash_ids(ids, n);
    guint64 tag = h & TAG_MASK;
    size_t j = h & t->mask;
    for (;; j = (j + 1) & t->mask) {
        guint64 slot = t->slots[j];
        if (!slot)
            break;
        if ((slot & TAG_MASK) == tag) {
            size_t idx = (guint32)slot - 1;
            if (memcmp(&t->keys[idx * n], ids, n * sizeof(guint32)) == 0) {
                t->counts[idx] += k;
                return;
            }
        }
    }
    /* A new record.  Grow at half load while the memory allows; at full capacity regardless
     * (the owner was told to spill through corpus_counter_over() long before). */
    size_t n_slots = t->mask + 1;
    if ((t->used + 1 > n_slots / 2 &&
         corpus_quota_allows(&c->quota, table_bytes(n, n_slots * 2))) ||
        t->used == t->cap) {
        table_grow(c, t);
        j = h & t->mask;
        while (t->slots[j])
            j = (j + 1) & t->mask;
    }
    size_t idx = t->used++;
    memcpy(&t->keys[idx * n], ids, n * sizeof(guint32));
    t->counts[idx] = k;
    t->slots[j] = tag | (idx + 1);
}

/* ---- the counts in key order ---- */

typedef struct {
    CorpusRecSource base;
    CorpusCounter *c;
    const guint32 *by_rank; /* id of each rank */
    Table *t;               /* NULL: unigrams */
    guint32 *order;         /* record indexes (or, for unigrams, ranks) in key order */
    size_t n, pos;
    CorpusBuf key;
} OrderSource;

static gboolean order_next(CorpusRecSource *src, GError **error)
{
    OrderSource *s = (OrderSource *)src;
    const CorpusCounter *c = s->c;
    size_t len;
    (void)error;

    for (; s->pos < s->n; s->pos++) {
        size_t i = s->order[s->pos];
        s->key.len = 0;
        if (!s->t) {
            guint32 id = s->by_rank[i];
            guint64 count = corpus_vocab_counts(c->vocab)[id];
            if (!count)
                continue; /* a token seen only inside longer n-grams */
            const char *text = corpus_vocab_text(c->vocab, id, &len);
            corpus_buf_append(&s->key, text, len);
            src->count = count;
        } else {
            const guint32 *ranks = &s->t->keys[i * s->t->n];
            for (guint k = 0; k < s->t->n; k++) {
                if (k)
                    corpus_buf_append(&s->key, c->spec.sep, c->sep_len);
                const char *text = corpus_vocab_text(c->vocab, s->by_rank[ranks[k]], &len);
                corpus_buf_append(&s->key, text, len);
            }
            src->count = s->t->counts[i];
        }
        s->pos++;
        src->key = s->key.data ? s->key.data : "";
        src->len = s->key.len;
        return TRUE;
    }
    return FALSE;
}

static void order_free(CorpusRecSource *src)
{
    OrderSource *s = (OrderSource *)src;
    g_free(s->order);
    corpus_buf_clear(&s->key);
    g_free(s);
}

static int by_ranks(const void *a, const void *b, void *data)
{
    const Table *t = data;
    const guint32 *x = &t->keys[(size_t) * (const guint32 *)a * t->n];
    const guint32 *y = &t->keys[(size_t) * (const guint32 *)b * t->n];
    for (guint k = 0; k < t->n; k++) {
        if (x[k] != y[k])
            return x[k] < y[k] ? -1 : 1;
    }
    return 0;
}

/* What the merged source of a counter owns besides its parts. */
typedef struct {
    CorpusRecSource base;
    CorpusRecSource *merged;
    CorpusCounter *c;
    guint32 *by_rank;
} CounterSource;

static void reset(CorpusCounter *c)
{
    for (guint n = 2; n <= c->spec.n_max; n++)
        table_release(c, &c->tables[n]);
    corpus_vocab_reset(c->vocab);
    c->quota.over = FALSE;
}

static gboolean counter_source_next(CorpusRecSource *src, GError **error)
{
    CounterSource *s = (CounterSource *)src;
    if (!s->merged->next(s->merged, error))
        return FALSE;
    src->key = s->merged->key;
    src->len = s->merged->len;
    src->count = s->merged->count;
    return TRUE;
}

static void counter_source_free(CorpusRecSource *src)
{
    CounterSource *s = (CounterSource *)src;
    corpus_rec_source_free(s->merged);
    g_free(s->by_rank);
    reset(s->c);
    g_free(s);
}

CorpusRecSource *corpus_counter_source(CorpusCounter *c)
{
    CounterSource *cs = g_new0(CounterSource, 1);
    CorpusRecSource *parts[CORPUS_NGRAM_MAX + 1];
    guint n_parts = 0;
    guint32 n_ids = corpus_vocab_size(c->vocab);

    cs->base.next = counter_source_next;
    cs->base.free = counter_source_free;
    cs->c = c;
    cs->by_rank = corpus_vocab_sorted_ids(c->vocab);
    guint32 *rank = g_new(guint32, MAX(n_ids, 1u));
    for (guint32 r = 0; r < n_ids; r++)
        rank[cs->by_rank[r]] = r;

    for (guint n = c->spec.n_min; n <= c->spec.n_max; n++) {
        OrderSource *s = g_new0(OrderSource, 1);
        s->base.next = order_next;
        s->base.free = order_free;
        s->c = c;
        s->by_rank = cs->by_rank;
        if (n == 1) {
            s->n = n_ids;
            s->order = g_new(guint32, MAX(s->n, 1u));
            for (size_t r = 0; r < s->n; r++)
                s->order[r] = (guint32)r;
        } else {
            Table *t = &c->tables[n];
            s->t = t;
            s->n = t->used;
            s->order = g_new(guint32, MAX(s->n, 1u));
            /* Ids become ranks in place: the table is not probed again before reset(). */
            for (size_t i = 0; i < t->used * n; i++)
                t->keys[i] = rank[t->keys[i]];
            for (size_t i = 0; i < s->n; i++)
                s->order[i] = (guint32)i;
            qsort_r(s->order, s->n, sizeof(guint32), by_ranks, t);
        }
        parts[n_parts++] = &s->base;
    }
    g_free(rank);
    cs->merged = corpus_rec_merge_new(parts, n_parts, CORPUS_ORDER_KEY);
    return &cs->base;
}

gboolean corpus_counter_spill(CorpusCounter *c, GError **error)
{
    CorpusRunWriter *w = corpus_run_writer_new(c->spec.runs, error);
    CorpusRecSource *src = corpus_counter_source(c);
    gboolean ok = w != NULL;
    GError *e = NULL;

    while (ok && src->next(src, &e))
        ok = corpus_run_writer_put(w, src->key, src->len, src->count, error);
    if (e) {
        g_propagate_error(error, e);
        ok = FALSE;
    }
    corpus_rec_source_free(src); /* empties the counter */
    if (w && !corpus_run_writer_finish(w, ok ? error : NULL))
        ok = FALSE;
    if (ok)
        c->spills++;
    return ok;
}
