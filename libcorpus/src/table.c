/* Count tables: the rows of a key-ordered record stream, filtered, ordered and formatted.
 * Sorting by count is a stable radix sort on the count over rows that arrive in key order,
 * which gives count descending, then key bytewise; past the memory budget sorted runs are
 * written and merged.
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <corpus/buf.h>
#include <corpus/error.h>
#include <corpus/table.h>

typedef struct {
    guint64 count;
    guint64 off; /* of the key in the key buffer */
    guint64 len;
} Row;

typedef struct {
    CorpusBuf keys;
    Row *rows, *tmp;
    size_t n, cap;
    size_t memory; /* 0: no limit */
    CorpusRuns *runs;
    guint spills;
} Collector;

static size_t collector_bytes(const Collector *c)
{
    return c->keys.cap + 2 * c->cap * sizeof(Row);
}

/* Stable LSD radix sort of rows by count descending (bytes of ~count ascending); passes over
 * bytes that are the same in every row are skipped. */
static void sort_by_count(Collector *c)
{
    Row *src = c->rows, *dst = c->tmp;
    guint64 diff = 0;

    if (c->n < 2)
        return;
    for (size_t i = 1; i < c->n; i++)
        diff |= src[i].count ^ src[0].count;
    for (guint shift = 0; shift < 64; shift += 8) {
        if (!((diff >> shift) & 0xFF))
            continue;
        size_t pos[256] = {0};
        for (size_t i = 0; i < c->n; i++)
            pos[(~src[i].count >> shift) & 0xFF]++;
        size_t sum = 0;
        for (guint d = 0; d < 256; d++) {
            size_t k = pos[d];
            pos[d] = sum;
            sum += k;
        }
        for (size_t i = 0; i < c->n; i++)
            dst[pos[(~src[i].count >> shift) & 0xFF]++] = src[i];
        Row *t = src;
        src = dst;
        dst = t;
    }
    if (src != c->rows)
        memcpy(c->rows, src, c->n * sizeof(Row));
}

static gboolean collector_spill(Collector *c, GError **error)
{
    CorpusRunWriter *w = corpus_run_writer_new(c->runs, error);
    gboolean ok = w != NULL;

    sort_by_count(c);
    for (size_t i = 0; ok && i < c->n; i++)
        ok = corpus_run_writer_put(w, c->keys.data + c->rows[i].off, c->rows[i].len,
                                   c->rows[i].count, error);
    if (w && !corpus_run_writer_finish(w, ok ? error : NULL))
        ok = FALSE;
    c->n = 0;
    c->keys.len = 0;
    c->spills++;
    return ok;
}

static gboolean collector_add(Collector *c, const char *key, size_t len, guint64 count,
                              GError **error)
{
    if (c->n == c->cap || c->keys.cap - c->keys.len < len) {
        /* Growing would pass the budget: write what there is as a run first. */
        size_t grow = (c->n == c->cap ? 2 * MAX(c->cap, 1024u) * sizeof(Row) : 0) +
                      (c->keys.cap - c->keys.len < len ? MAX(c->keys.cap, len) : 0);
        if (c->memory && c->n > 0 && collector_bytes(c) + grow > c->memory) {
            if (!collector_spill(c, error))
                return FALSE;
        }
    }
    if (c->n == c->cap) {
        c->cap = MAX(c->cap * 2, 1024u);
        c->rows = g_renew(Row, c->rows, c->cap);
        c->tmp = g_renew(Row, c->tmp, c->cap);
    }
    Row *r = &c->rows[c->n++];
    r->count = count;
    r->off = c->keys.len;
    r->len = len;
    corpus_buf_append(&c->keys, key, len);
    return TRUE;
}

static void collector_clear(Collector *c)
{
    corpus_buf_clear(&c->keys);
    g_free(c->rows);
    g_free(c->tmp);
}

/* The collected rows, sorted, as a source (reads the collector, which must outlive it). */
typedef struct {
    CorpusRecSource base;
    Collector *c;
    size_t pos;
} RowSource;

static gboolean row_next(CorpusRecSource *src, GError **error)
{
    RowSource *s = (RowSource *)src;
    (void)error;
    if (s->pos >= s->c->n)
        return FALSE;
    const Row *r = &s->c->rows[s->pos++];
    src->key = s->c->keys.data + r->off;
    src->len = r->len;
    src->count = r->count;
    return TRUE;
}

static void row_free(CorpusRecSource *src)
{
    g_free(src);
}

/* Every collected row in count order. */
static CorpusRecSource *collector_finish(Collector *c, GError **error)
{
    if (c->spills) {
        if (c->n > 0 && !collector_spill(c, error))
            return NULL;
        return corpus_runs_merge(c->runs, NULL, 0, CORPUS_ORDER_COUNT, error);
    }
    sort_by_count(c);
    RowSource *s = g_new0(RowSource, 1);
    s->base.next = row_next;
    s->base.free = row_free;
    s->c = c;
    return &s->base;
}

/* ---- formatting ---- */

static gboolean all_digits(const char *s, size_t len)
{
    if (len == 0 || len > 19)
        return FALSE;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return FALSE;
    }
    return len == 1 || s[0] != '0';
}

static void write_header(const CorpusTableSpec *spec, CorpusBuf *b)
{
    for (guint i = 0; i < spec->n_columns; i++) {
        if (i)
            corpus_buf_putc(b, '\t');
        corpus_buf_append(b, spec->columns[i], strlen(spec->columns[i]));
        if (i == 0 && spec->derived) {
            corpus_buf_putc(b, '\t');
            corpus_buf_append(b, spec->derived_name, strlen(spec->derived_name));
        }
    }
    corpus_buf_putc(b, '\n');
}

static void json_name(CorpusBuf *b, const char *name, gboolean first)
{
    corpus_buf_append(b, first ? "{\"" : ",\"", 2);
    corpus_buf_put_json(b, name, strlen(name));
    corpus_buf_append(b, "\":", 2);
}

static void write_row(const CorpusTableSpec *spec, CorpusBuf *b, const char *key, size_t len,
                      guint64 count)
{
    const char *tab = memchr(key, '\t', len);
    size_t first = tab ? (size_t)(tab - key) : len;

    if (!spec->jsonl) {
        corpus_buf_append(b, key, first);
        if (spec->derived) {
            corpus_buf_putc(b, '\t');
            corpus_buf_put_u64(b, spec->derived(key, first, spec->derived_user));
        }
        corpus_buf_append(b, key + first, len - first);
        corpus_buf_putc(b, '\t');
        corpus_buf_put_u64(b, count);
        corpus_buf_putc(b, '\n');
        return;
    }
    json_name(b, spec->columns[0], TRUE);
    corpus_buf_putc(b, '"');
    corpus_buf_put_json(b, key, first);
    corpus_buf_putc(b, '"');
    if (spec->derived) {
        json_name(b, spec->derived_name, FALSE);
        corpus_buf_put_u64(b, spec->derived(key, first, spec->derived_user));
    }
    /* Further key fields: numbers when they are plain integers, strings otherwise. */
    size_t at = first;
    for (guint col = 1; at < len && col + 1 < spec->n_columns; col++) {
        const char *f = key + at + 1;
        const char *end = memchr(f, '\t', (size_t)(key + len - f));
        size_t flen = end ? (size_t)(end - f) : (size_t)(key + len - f);
        json_name(b, spec->columns[col], FALSE);
        if (all_digits(f, flen)) {
            corpus_buf_append(b, f, flen);
        } else {
            corpus_buf_putc(b, '"');
            corpus_buf_put_json(b, f, flen);
            corpus_buf_putc(b, '"');
        }
        at += 1 + flen;
    }
    json_name(b, spec->columns[spec->n_columns - 1], FALSE);
    corpus_buf_put_u64(b, count);
    corpus_buf_append(b, "}\n", 2);
}

static gboolean emit(const CorpusTableSpec *spec, CorpusOut *out, const char *key, size_t len,
                     guint64 count, GError **error)
{
    write_row(spec, corpus_out_buf(out), key, len, count);
    return corpus_out_flush_if_full(out, error);
}

static int by_key(const void *a, const void *b, void *data)
{
    const Row *x = a, *y = b;
    const char *keys = data;
    return corpus_rec_compare(CORPUS_ORDER_KEY, keys + x->off, x->len, 0, keys + y->off, y->len,
                              0);
}

/* The first K rows of a count-ordered source, printed by key. */
static gboolean write_top_by_key(CorpusRecSource *sorted, const CorpusTableSpec *spec,
                                 CorpusOut *out, GError **error)
{
    Collector top = {0};
    GError *e = NULL;
    gboolean ok = TRUE;

    while (top.n < spec->top && sorted->next(sorted, &e) && sorted->count >= spec->min_count)
        collector_add(&top, sorted->key, sorted->len, sorted->count, NULL);
    if (e) {
        g_propagate_error(error, e);
        ok = FALSE;
    }
    if (top.n)
        qsort_r(top.rows, top.n, sizeof(Row), by_key, top.keys.data);
    for (size_t i = 0; ok && i < top.n; i++)
        ok = emit(spec, out, top.keys.data + top.rows[i].off, top.rows[i].len,
                  top.rows[i].count, error);
    collector_clear(&top);
    return ok;
}

CorpusRecOrder corpus_table_source_order(const CorpusTableSpec *spec)
{
    return spec->top ? CORPUS_ORDER_COUNT : spec->sort;
}

/* Write the rows of src, in count order, as --top and --sort say. */
static gboolean write_counted(CorpusRecSource *sorted, const CorpusTableSpec *spec,
                              CorpusOut *out, GError **error)
{
    GError *e = NULL;
    gboolean ok = TRUE;
    guint64 rows = 0;

    if (spec->top && spec->sort == CORPUS_ORDER_KEY)
        return write_top_by_key(sorted, spec, out, error);
    while (ok && (!spec->top || rows < spec->top) && sorted->next(sorted, &e)) {
        if (sorted->count < spec->min_count)
            break; /* counts only go down from here */
        ok = emit(spec, out, sorted->key, sorted->len, sorted->count, error);
        rows++;
    }
    if (e) {
        g_propagate_error(error, e);
        ok = FALSE;
    }
    return ok;
}

gboolean corpus_table_write(CorpusRecSource *src, CorpusRecOrder src_order,
                            const CorpusTableSpec *spec, CorpusRuns *runs, CorpusOut *out,
                            GError **error)
{
    GError *e = NULL;
    gboolean ok = TRUE;

    if (!spec->jsonl && spec->header)
        write_header(spec, corpus_out_buf(out));
    if (src_order == CORPUS_ORDER_COUNT) {
        ok = write_counted(src, spec, out, error);
        corpus_rec_source_free(src);
        return ok;
    }
    if (spec->sort == CORPUS_ORDER_KEY && !spec->top) {
        while (ok && src->next(src, &e)) {
            if (src->count >= spec->min_count)
                ok = emit(spec, out, src->key, src->len, src->count, error);
        }
        corpus_rec_source_free(src);
        if (e) {
            g_propagate_error(error, e);
            return FALSE;
        }
        return ok;
    }

    Collector c = {0};
    c.memory = spec->memory;
    c.runs = runs;
    while (ok && src->next(src, &e)) {
        if (src->count >= spec->min_count)
            ok = collector_add(&c, src->key, src->len, src->count, error);
    }
    corpus_rec_source_free(src);
    if (e) {
        g_propagate_error(error, e);
        ok = FALSE;
    }
    CorpusRecSource *sorted = ok ? collector_finish(&c, error) : NULL;
    if (sorted) {
        ok = write_counted(sorted, spec, out, error);
        corpus_rec_source_free(sorted);
    } else {
        ok = FALSE;
    }
    collector_clear(&c);
    return ok;
}

gboolean corpus_parse_size(const char *s, size_t *size, GError **error)
{
    char *end;
    guint64 v;

    errno = 0;
    if (!s || !g_ascii_isdigit(*s))
        goto bad;
    v = g_ascii_strtoull(s, &end, 10);
    if (errno)
        goto bad;
    guint shift = 0;
    switch (g_ascii_toupper(*end)) {
    case '\0':
        break;
    case 'K':
        shift = 10;
        break;
    case 'M':
        shift = 20;
        break;
    case 'G':
        shift = 30;
        break;
    case 'T':
        shift = 40;
        break;
    default:
        goto bad;
    }
    if (*end && end[1])
        goto bad;
    if (shift && v > (G_MAXSIZE >> shift))
        goto bad;
    *size = (size_t)(v << shift);
    return TRUE;
bad:
    g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_USAGE,
                "invalid size '%s' (expected a number with an optional K, M, G or T suffix, "
                "e.g. 512M)",
                s ? s : "");
    return FALSE;
}

size_t corpus_default_memory(void)
{
    long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    if (pages <= 0 || page <= 0)
        return (size_t)1 << 30;
    return (size_t)pages / 2 * (size_t)page;
}
