/* CorpusCounter: open-addressing tables whose slots are the records themselves (n ids, then
 * the 64-bit count; a zero count marks an empty slot), so that a probe reads one cache line.
 * For output, a table is compacted in place, its ids replaced by the ranks of their strings,
 * and sorted in place by an MSD radix sort (American flag sort) on the rank bytes, which orders
 * the keys bytewise without extra memory.
 * SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include <corpus/buf.h>
#include <corpus/counter.h>

#include "hash-private.h"
#include "mem-private.h"

#define MIN_SLOTS 1024u

typedef struct {
    guint n;        /* order */
    guint stride;   /* 32-bit words per slot: n ids, padding to even, 2 for the count */
    guint32 *slots; /* records */
    size_t mask;    /* slots - 1 */
    size_t used;    /* records */
} Table;

struct CorpusCounter {
    CorpusCounterSpec spec;
    size_t sep_len;
    CorpusQuota quota;
    CorpusVocab *vocab;
    Table tables[CORPUS_NGRAM_MAX + 1]; /* [2..n_max] used */
    guint spills;
};

static inline guint64 *count_of(const Table *t, guint32 *rec)
{
    return (guint64 *)(void *)(rec + t->stride - 2);
}

static size_t table_bytes(const Table *t, size_t n_slots)
{
    return n_slots * t->stride * sizeof(guint32);
}

static void table_alloc(CorpusCounter *c, Table *t, size_t n_slots)
{
    t->slots = corpus_table_alloc0(table_bytes(t, n_slots));
    t->mask = n_slots - 1;
    corpus_quota_charge(&c->quota, table_bytes(t, n_slots));
}

static void table_release(CorpusCounter *c, Table *t)
{
    if (!t->slots)
        return;
    corpus_quota_release(&c->quota, table_bytes(t, t->mask + 1));
    corpus_table_free(t->slots, table_bytes(t, t->mask + 1));
    t->slots = NULL;
    t->used = 0;
    t->mask = 0;
}

CorpusCounter *corpus_counter_new(const CorpusCounterSpec *spec)
{
    g_return_val_if_fail(spec->n_min >= 1 && spec->n_min <= spec->n_max &&
                             spec->n_max <= CORPUS_NGRAM_MAX &&
                             (spec->window <= 2 || spec->n_max == 2) &&
                             spec->window <= CORPUS_WINDOW_MAX,
                         NULL);
    CorpusCounter *c = g_new0(CorpusCounter, 1);
    c->spec = *spec;
    c->sep_len = strlen(spec->sep);
    /* Tables get 4/5 of the memory; sorting them for output needs up to the rest. */
    c->quota.limit = spec->memory ? spec->memory / 5 * 4 : G_MAXSIZE;
    c->vocab = corpus_vocab_new(&c->quota);
    for (guint n = 2; n <= spec->n_max; n++) {
        c->tables[n].n = n;
        c->tables[n].stride = (n + 1) / 2 * 2 + 2;
    }
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

static inline gboolean same_ids(const guint32 *a, const guint32 *b, guint n)
{
    for (guint i = 0; i < n; i++) {
        if (a[i] != b[i])
            return FALSE;
    }
    return TRUE;
}

static void table_grow(CorpusCounter *c, Table *t)
{
    guint32 *old = t->slots;
    size_t old_slots = t->mask + 1;

    table_alloc(c, t, old_slots * 2);
    for (size_t i = 0; i < old_slots; i++) {
        guint32 *rec = old + i * t->stride;
        if (!*count_of(t, rec))
            continue;
        size_t j = corpus_hash_ids(rec, t->n) & t->mask;
        while (*count_of(t, t->slots + j * t->stride))
            j = (j + 1) & t->mask;
        memcpy(t->slots + j * t->stride, rec, t->stride * sizeof(guint32));
    }
    corpus_table_free(old, table_bytes(t, old_slots));
    corpus_quota_release(&c->quota, table_bytes(t, old_slots));
}

/* Add k to ids[0..n) of t, whose hash is h. */
static inline void add_hashed(CorpusCounter *c, Table *t, const guint32 *ids, guint64 h,
                              guint64 k)
{
    guint n = t->n;
    size_t j = h & t->mask;
    for (;; j = (j + 1) & t->mask) {
        guint32 *rec = t->slots + j * t->stride;
        guint64 *count = count_of(t, rec);
        if (!*count)
            break;
        if (same_ids(rec, ids, n)) {
            *count += k;
            return;
        }
    }
    /* A new record.  Grow at half load while the memory allows; at 7/8 regardless (the owner
     * was told to spill through corpus_counter_over() long before). */
    size_t n_slots = t->mask + 1;
    if ((t->used + 1 > n_slots / 2 &&
         corpus_quota_allows(&c->quota, table_bytes(t, n_slots * 2))) ||
        t->used + 1 > n_slots / 8 * 7) {
        table_grow(c, t);
        j = h & t->mask;
        while (*count_of(t, t->slots + j * t->stride))
            j = (j + 1) & t->mask;
    }
    guint32 *rec = t->slots + j * t->stride;
    memcpy(rec, ids, n * sizeof(guint32));
    *count_of(t, rec) = k;
    t->used++;
}

/* How far ahead the slots of coming n-grams are fetched into the cache: enough to cover a
 * memory access with the work on the n-grams in between. */
#define LOOKAHEAD 16

/* Pairs of ids at most window - 1 apart in a sentence (the order-2 table, window > 2): the
 * pair (ids[i - d], ids[i]) for 1 <= d < window, counted when run[i] > d. */
static void add_window_pairs(CorpusCounter *c, const guint32 *ids, const guint8 *run,
                             size_t from, size_t to)
{
    Table *t = &c->tables[2];
    guint32 key[LOOKAHEAD][2];
    guint64 hash[LOOKAHEAD];
    guint head = 0, queued = 0, d = 1;
    size_t next = from;

    if (!t->slots)
        table_alloc(c, t, MIN_SLOTS);
    for (;;) {
        while (queued < LOOKAHEAD && next < to) {
            if (d >= c->spec.window || d >= run[next]) {
                next++;
                d = 1;
                continue;
            }
            guint tail = (head + queued++) % LOOKAHEAD;
            key[tail][0] = ids[next - d];
            key[tail][1] = ids[next];
            hash[tail] = corpus_hash_ids(key[tail], 2);
            __builtin_prefetch(t->slots + (hash[tail] & t->mask) * t->stride, 1);
            d++;
        }
        if (!queued)
            break;
        add_hashed(c, t, key[head], hash[head], 1);
        head = (head + 1) % LOOKAHEAD;
        queued--;
    }
}

void corpus_counter_add_stream(CorpusCounter *c, const guint32 *ids, const guint8 *run,
                               size_t from, size_t to)
{
    if (c->spec.window > 2) {
        add_window_pairs(c, ids, run, from, to);
        return;
    }
    for (guint n = MAX(c->spec.n_min, 2u); n <= c->spec.n_max; n++) {
        Table *t = &c->tables[n];
        size_t pos[LOOKAHEAD];
        guint64 hash[LOOKAHEAD];
        guint head = 0, queued = 0;
        size_t next = from;

        if (!t->slots)
            table_alloc(c, t, MIN_SLOTS);
        for (;;) {
            /* Queue the next n-grams, fetching their slots. */
            while (queued < LOOKAHEAD && next < to) {
                size_t i = next++;
                if (run[i] < n)
                    continue;
                guint tail = (head + queued++) % LOOKAHEAD;
                pos[tail] = i;
                hash[tail] = corpus_hash_ids(ids + i + 1 - n, n);
                __builtin_prefetch(t->slots + (hash[tail] & t->mask) * t->stride, 1);
            }
            if (!queued)
                break;
            add_hashed(c, t, ids + pos[head] + 1 - n, hash[head], 1);
            head = (head + 1) % LOOKAHEAD;
            queued--;
        }
    }
}

size_t corpus_counter_memory(const CorpusCounter *c)
{
    return c->quota.used;
}

static void reset(CorpusCounter *c)
{
    for (guint n = 2; n <= c->spec.n_max; n++)
        table_release(c, &c->tables[n]);
    corpus_vocab_reset(c->vocab);
    c->quota.over = FALSE;
}

/* ---- sorting records ---- */

/* Copy a record of `words` 64-bit words (a loop beats a call to memcpy for 16-48 bytes). */
static inline void rec_copy(guint32 *dst, const guint32 *src, guint words)
{
    guint64 *d = (guint64 *)(void *)dst;
    const guint64 *s = (const guint64 *)(const void *)src;
    for (guint k = 0; k < words; k++)
        d[k] = s[k];
}

/* Records are sorted by key in place by an MSD radix sort over the bytes of their ranks that
 * can be non-zero, which orders the keys bytewise. */
typedef struct {
    guint stride, n;
    guint bytes_per_col; /* bytes of a rank that can be non-zero */
} SortShape;

static inline int rec_key_cmp(const guint32 *a, const guint32 *b, guint n)
{
    for (guint i = 0; i < n; i++) {
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    }
    return 0;
}

static void insertion_sort(guint32 *base, size_t cnt, const SortShape *s)
{
    guint64 tmp64[(CORPUS_NGRAM_MAX + 3) / 2 + 1];
    guint32 *tmp = (guint32 *)(void *)tmp64;
    guint w = s->stride / 2;

    for (size_t i = 1; i < cnt; i++) {
        if (rec_key_cmp(base + (i - 1) * s->stride, base + i * s->stride, s->n) <= 0)
            continue;
        rec_copy(tmp, base + i * s->stride, w);
        size_t j = i;
        while (j > 0 && rec_key_cmp(base + (j - 1) * s->stride, tmp, s->n) > 0) {
            rec_copy(base + j * s->stride, base + (j - 1) * s->stride, w);
            j--;
        }
        rec_copy(base + j * s->stride, tmp, w);
    }
}

static inline guint digit(const guint32 *rec, const SortShape *s, guint byte)
{
    guint col = byte / s->bytes_per_col;
    guint shift = 8 * (s->bytes_per_col - 1 - byte % s->bytes_per_col);
    return (rec[col] >> shift) & 0xFF;
}

static guint key_bytes(const SortShape *s)
{
    return s->n * s->bytes_per_col;
}

/* Permute base[0..cnt) into buckets by the first key byte, from *byte on, in which the records
 * differ (*byte is set to it); count[d] and end[d] give bucket d.  FALSE when the records agree
 * on every remaining byte. */
static gboolean flag_split(guint32 *base, size_t cnt, const SortShape *s, guint *byte,
                           size_t count[256], size_t end[256])
{
    guint64 tmp64[(CORPUS_NGRAM_MAX + 3) / 2 + 1];
    guint32 *tmp = (guint32 *)(void *)tmp64;
    guint w = s->stride / 2;

    for (;; (*byte)++) {
        if (*byte >= key_bytes(s))
            return FALSE;
        memset(count, 0, 256 * sizeof(size_t));
        for (size_t i = 0; i < cnt; i++)
            count[digit(base + i * s->stride, s, *byte)]++;
        if (count[digit(base, s, *byte)] != cnt)
            break;
    }
    size_t next[256], sum = 0;
    for (guint d = 0; d < 256; d++) {
        next[d] = sum;
        sum += count[d];
        end[d] = sum;
    }
    for (guint d = 0; d < 256; d++) {
        while (next[d] < end[d]) {
            guint32 *rec = base + next[d] * s->stride;
            guint e = digit(rec, s, *byte);
            if (e == d) {
                next[d]++;
                continue;
            }
            /* Move rec to its bucket; bring that slot's record here. */
            guint32 *dst = base + next[e]++ * s->stride;
            rec_copy(tmp, dst, w);
            rec_copy(dst, rec, w);
            rec_copy(rec, tmp, w);
        }
    }
    return TRUE;
}

/* American flag sort of base[0..cnt) from key byte `byte` on. */
static void flag_sort(guint32 *base, size_t cnt, const SortShape *s, guint byte)
{
    size_t count[256], end[256];

    if (cnt <= 32) {
        if (cnt > 1 && byte < key_bytes(s))
            insertion_sort(base, cnt, s);
        return;
    }
    if (!flag_split(base, cnt, s, &byte, count, end))
        return;
    for (guint d = 0; d < 256; d++) {
        if (count[d] > 1)
            flag_sort(base + (end[d] - count[d]) * s->stride, count[d], s, byte + 1);
    }
}

/* Run func on every job with up to `threads` threads (in the calling thread with one). */
static void run_jobs(GPtrArray *jobs, GFunc func, guint threads)
{
    if (threads < 2 || jobs->len < 2) {
        for (guint i = 0; i < jobs->len; i++)
            func(g_ptr_array_index(jobs, i), NULL);
        return;
    }
    GThreadPool *pool = g_thread_pool_new(func, NULL, (gint)MIN(threads, jobs->len), TRUE, NULL);
    for (guint i = 0; i < jobs->len; i++)
        g_thread_pool_push(pool, g_ptr_array_index(jobs, i), NULL);
    g_thread_pool_free(pool, FALSE, TRUE);
}

/* Sort the records of t, which are in key order, by count descending, keeping key order among
 * equal counts: a stable LSD radix sort on the bytes of the count that differ, through a
 * buffer of the same size (cheaper than sorting the whole key again). */
static void sort_by_count_stable(Table *t)
{
    guint64 diff = 0;
    size_t n = t->used, bytes = n * t->stride * sizeof(guint32);
    guint w = t->stride / 2;

    if (n < 2)
        return;
    guint64 first = *count_of(t, t->slots);
    for (size_t i = 1; i < n; i++)
        diff |= *count_of(t, t->slots + i * t->stride) ^ first;
    guint32 *src = t->slots, *dst = corpus_table_alloc0(bytes), *buffer = dst;
    for (guint shift = 0; shift < 64; shift += 8) {
        if (!((diff >> shift) & 0xFF))
            continue;
        size_t pos[256] = {0};
        for (size_t i = 0; i < n; i++)
            pos[(~*count_of(t, src + i * t->stride) >> shift) & 0xFF]++;
        size_t sum = 0;
        for (guint d = 0; d < 256; d++) {
            size_t k = pos[d];
            pos[d] = sum;
            sum += k;
        }
        for (size_t i = 0; i < n; i++) {
            guint32 *rec = src + i * t->stride;
            rec_copy(dst + pos[(~*count_of(t, rec) >> shift) & 0xFF]++ * t->stride, rec, w);
        }
        guint32 *swap = src;
        src = dst;
        dst = swap;
    }
    if (src != t->slots)
        memcpy(t->slots, src, bytes);
    corpus_table_free(buffer, bytes);
}

/* The shape of a sort of t's records by key; n_ids bounds the ranks. */
static SortShape key_shape(const Table *t, guint32 n_ids)
{
    SortShape shape = {t->stride, t->n, 1};

    while (shape.bytes_per_col < 4 && (MAX(n_ids, 1u) - 1) >> (8 * shape.bytes_per_col))
        shape.bytes_per_col++;
    return shape;
}

/* Compact the records of t to the front, with the global rank of each id in its place
 * (map, when given, takes an id of this counter to an id of the one whose ranks these are). */
static void compact(Table *t, const guint32 *map, const guint32 *rank)
{
    size_t w = 0;
    for (size_t j = 0; j <= t->mask && t->slots; j++) {
        guint32 *rec = t->slots + j * t->stride;
        if (!*count_of(t, rec))
            continue;
        guint32 *dst = t->slots + w * t->stride;
        for (guint k = 0; k < t->n; k++)
            dst[k] = rank[map ? map[rec[k]] : rec[k]];
        if (dst != rec)
            memcpy(dst + t->n, rec + t->n, (t->stride - t->n) * sizeof(guint32));
        w++;
    }
    t->used = w;
}

/* ---- the counts as a source ---- */

/* The vocabulary's strings laid out in rank order. */
typedef struct {
    char *bytes;
    size_t *off; /* rank -> offset; off[V] = end */
} Ranked;

typedef struct {
    CorpusRecSource base;
    const CorpusCounter *c;
    const Ranked *ranked;
    Table *t;      /* records: ranks, count */
    gboolean own;  /* t is the source's own (the unigrams) */
    size_t pos;
    CorpusBuf key;
} OrderSource;

static gboolean order_next(CorpusRecSource *src, GError **error)
{
    OrderSource *s = (OrderSource *)src;
    const Ranked *r = s->ranked;
    (void)error;

    if (s->pos >= s->t->used)
        return FALSE;
    if (s->pos + 8 < s->t->used) {
        const guint32 *ahead = s->t->slots + (s->pos + 8) * s->t->stride;
        for (guint k = 0; k < s->t->n; k++)
            __builtin_prefetch(r->bytes + r->off[ahead[k]]);
    }
    guint32 *rec = s->t->slots + s->pos++ * s->t->stride;
    s->key.len = 0;
    for (guint k = 0; k < s->t->n; k++) {
        if (k)
            corpus_buf_append(&s->key, s->c->spec.sep, s->c->sep_len);
        corpus_buf_append(&s->key, r->bytes + r->off[rec[k]], r->off[rec[k] + 1] - r->off[rec[k]]);
    }
    src->count = *count_of(s->t, rec);
    src->key = s->key.data ? s->key.data : "";
    src->len = s->key.len;
    return TRUE;
}

static void order_free(CorpusRecSource *src)
{
    OrderSource *s = (OrderSource *)src;
    corpus_buf_clear(&s->key);
    if (s->own) {
        corpus_table_free(s->t->slots, table_bytes(s->t, s->t->mask + 1));
        g_free(s->t);
    }
    g_free(s);
}

/* What the source of counters keeps besides its parts: the ranked strings, and the counters
 * to empty at the end. */
typedef struct {
    CorpusCounter **counters;
    guint k;
    Ranked ranked;
} CounterData;

static void counter_data_free(gpointer data)
{
    CounterData *d = data;
    g_free(d->ranked.bytes);
    g_free(d->ranked.off);
    for (guint i = 0; i < d->k; i++)
        reset(d->counters[i]);
    g_free(d->counters);
    g_free(d);
}

/* A table of its own with room for cnt records. */
static Table *table_new_own(guint n, guint stride, size_t cnt)
{
    Table *t = g_new0(Table, 1);
    t->n = n;
    t->stride = stride;
    t->mask = MAX(cnt, 1u) - 1;
    t->slots = corpus_table_alloc0(table_bytes(t, t->mask + 1));
    return t;
}

/* The unigrams of c as a table of records {rank, count}. */
static Table *unigram_table(const CorpusCounter *c, const guint32 *by_rank, guint32 n_ids)
{
    Table *t = table_new_own(1, 4, n_ids);
    for (guint32 r = 0; r < n_ids; r++) {
        guint64 count = corpus_vocab_count(c->vocab, by_rank[r]);
        if (!count)
            continue; /* a token seen only inside longer n-grams */
        guint32 *rec = t->slots + t->used++ * t->stride;
        rec[0] = r;
        *count_of(t, rec) = count;
    }
    return t;
}

/* Merge the key-sorted record arrays of k tables of one order into a table of its own, with
 * the counts of equal keys summed. */
static Table *merge_sorted(Table **in, guint k)
{
    size_t total = 0, pos[CORPUS_THREADS_MAX + 1] = {0};
    guint n = in[0]->n, stride = in[0]->stride;

    for (guint i = 0; i < k; i++)
        total += in[i]->used;
    Table *out = table_new_own(n, stride, total);
    for (;;) {
        guint32 *best = NULL;
        guint bi = 0;
        for (guint i = 0; i < k; i++) {
            if (pos[i] == in[i]->used)
                continue;
            guint32 *rec = in[i]->slots + pos[i] * stride;
            if (!best || rec_key_cmp(rec, best, n) < 0) {
                best = rec;
                bi = i;
            }
        }
        if (!best)
            break;
        pos[bi]++;
        guint32 *last = out->used ? out->slots + (out->used - 1) * stride : NULL;
        if (last && rec_key_cmp(last, best, n) == 0) {
            *count_of(out, last) += *count_of(out, best);
        } else {
            rec_copy(out->slots + out->used++ * stride, best, stride / 2);
        }
    }
    return out;
}

typedef struct {
    CorpusCounter *c;
    Table *t;
    const guint32 *map; /* NULL for the counter whose vocabulary gives the ranks */
    const guint32 *rank;
    guint32 n_ids;
} PrepJob;

/* Ranks in place of ids, sorted by key: one table of one counter. */
static void prep_job(gpointer data, gpointer user)
{
    PrepJob *j = data;
    (void)user;
    compact(j->t, j->map, j->rank);
    SortShape shape = key_shape(j->t, j->n_ids);
    flag_sort(j->t->slots, j->t->used, &shape, 0);
}

CorpusRecSource *corpus_counters_source(CorpusCounter **counters, guint k,
                                        CorpusRecOrder order, guint threads)
{
    CorpusRecSource *parts[CORPUS_NGRAM_MAX + 1];
    guint n_parts = 0;

    g_return_val_if_fail(k >= 1 && k <= CORPUS_THREADS_MAX + 1, NULL);
    CounterData *cs = g_new0(CounterData, 1);
    cs->counters = g_memdup2(counters, k * sizeof(CorpusCounter *));
    cs->k = k;

    /* The counter with the largest vocabulary gives the ids (and so the ranks) of all: the
     * others' tokens, with their unigram counts, are added to its vocabulary. */
    guint big = 0;
    for (guint i = 1; i < k; i++) {
        if (corpus_vocab_size(counters[i]->vocab) > corpus_vocab_size(counters[big]->vocab))
            big = i;
    }
    CorpusCounter *dst = counters[big];
    guint32 *maps[CORPUS_THREADS_MAX + 1] = {NULL};
    size_t limit = dst->quota.limit;
    dst->quota.limit = G_MAXSIZE; /* the caller checked that the counts fit */
    for (guint i = 0; i < k; i++) {
        if (i == big)
            continue;
        CorpusVocab *v = counters[i]->vocab;
        guint32 n = corpus_vocab_size(v);
        maps[i] = g_new(guint32, MAX(n, 1u));
        for (guint32 id = 0; id < n; id++) {
            size_t len;
            const char *text = corpus_vocab_text(v, id, &len);
            guint32 to = corpus_vocab_add(dst->vocab, text, len, corpus_vocab_count(v, id));
            /* Counts of text cannot pass 2^64 - 1 (that many tokens is beyond any input); if
             * a sum did, the id is still found and the count stays as it was. */
            maps[i][id] = to != G_MAXUINT32 ? to : corpus_vocab_lookup(dst->vocab, text, len);
        }
    }
    dst->quota.limit = limit;

    guint32 n_ids = corpus_vocab_size(dst->vocab);
    guint32 *by_rank = corpus_vocab_sorted_ids(dst->vocab);
    guint32 *rank = g_new(guint32, MAX(n_ids, 1u));
    size_t total = 0;
    for (guint32 r = 0; r < n_ids; r++) {
        size_t len;
        corpus_vocab_text(dst->vocab, by_rank[r], &len);
        rank[by_rank[r]] = r;
        total += len;
    }
    cs->ranked.bytes = g_malloc(MAX(total, 1u));
    cs->ranked.off = g_new(size_t, n_ids + 1);
    total = 0;
    for (guint32 r = 0; r < n_ids; r++) {
        size_t len;
        const char *text = corpus_vocab_text(dst->vocab, by_rank[r], &len);
        cs->ranked.off[r] = total;
        memcpy(cs->ranked.bytes + total, text, len);
        total += len;
    }
    cs->ranked.off[n_ids] = total;

    /* Every table of every counter: ranks for ids, sorted by key, in parallel. */
    const CorpusCounterSpec *spec = &dst->spec;
    g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func(g_free);
    for (guint n = MAX(spec->n_min, 2u); n <= spec->n_max; n++) {
        for (guint i = 0; i < k; i++) {
            PrepJob *j = g_new0(PrepJob, 1);
            *j = (PrepJob){counters[i], &counters[i]->tables[n], maps[i], rank, n_ids};
            g_ptr_array_add(jobs, j);
        }
    }
    run_jobs(jobs, prep_job, threads);

    for (guint n = spec->n_min; n <= spec->n_max; n++) {
        OrderSource *s = g_new0(OrderSource, 1);
        s->base.next = order_next;
        s->base.free = order_free;
        s->c = dst;
        s->ranked = &cs->ranked;
        if (n == 1) {
            s->t = unigram_table(dst, by_rank, n_ids);
            s->own = TRUE;
        } else if (k == 1) {
            s->t = &dst->tables[n];
        } else {
            Table *in[CORPUS_THREADS_MAX + 1];
            for (guint i = 0; i < k; i++)
                in[i] = &counters[i]->tables[n];
            s->t = merge_sorted(in, k);
            s->own = TRUE;
            for (guint i = 0; i < k; i++)
                table_release(counters[i], in[i]);
        }
        /* Every part is in key order now (the unigrams come in rank order). */
        if (order == CORPUS_ORDER_COUNT)
            sort_by_count_stable(s->t);
        parts[n_parts++] = &s->base;
    }
    for (guint i = 0; i < k; i++)
        g_free(maps[i]);
    g_free(rank);
    g_free(by_rank);
    CorpusRecSource *merged =
        n_parts == 1 ? parts[0] : corpus_rec_merge_new(parts, n_parts, order);
    return corpus_rec_source_keep(merged, cs, counter_data_free);
}

CorpusRecSource *corpus_counter_source(CorpusCounter *c, CorpusRecOrder order)
{
    return corpus_counters_source(&c, 1, order, 1);
}

gboolean corpus_counter_spill(CorpusCounter *c, GError **error)
{
    CorpusRunWriter *w = corpus_run_writer_new(c->spec.runs, error);
    if (!w)
        return FALSE;
    CorpusRecSource *src = corpus_counter_source(c, CORPUS_ORDER_KEY);
    gboolean ok = TRUE;
    GError *e = NULL;

    while (ok && src->next(src, &e))
        ok = corpus_run_writer_put(w, src->key, src->len, src->count, error);
    if (e) {
        g_propagate_error(error, e);
        ok = FALSE;
    }
    corpus_rec_source_free(src); /* empties the counter */
    if (!corpus_run_writer_finish(w, ok ? error : NULL))
        ok = FALSE;
    if (ok)
        c->spills++;
    return ok;
}
