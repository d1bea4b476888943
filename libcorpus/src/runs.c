/* Sorted runs on disk and the heap merge of record streams.
 * A run file is a sequence of records: key length (LEB128), key bytes, count (LEB128).
 * A run is unlinked as soon as it is opened for merging, so a finished merge leaves nothing.
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <corpus/buf.h>
#include <corpus/error.h>
#include <corpus/out.h>
#include <corpus/runs.h>

#define IO_BLOCK (256u << 10)

int corpus_rec_compare(CorpusRecOrder order, const char *a, size_t alen, guint64 ac,
                       const char *b, size_t blen, guint64 bc)
{
    if (order == CORPUS_ORDER_COUNT && ac != bc)
        return ac > bc ? -1 : 1;
    int c = memcmp(a, b, MIN(alen, blen));
    if (c)
        return c;
    return alen < blen ? -1 : alen > blen;
}

void corpus_rec_source_free(CorpusRecSource *src)
{
    if (src)
        src->free(src);
}

typedef struct {
    CorpusRecSource base;
    CorpusRecSource *src;
    gpointer data;
    GDestroyNotify destroy;
} Keep;

static gboolean keep_next(CorpusRecSource *src, GError **error)
{
    Keep *k = (Keep *)src;
    if (!k->src->next(k->src, error))
        return FALSE;
    src->key = k->src->key;
    src->len = k->src->len;
    src->count = k->src->count;
    return TRUE;
}

static void keep_free(CorpusRecSource *src)
{
    Keep *k = (Keep *)src;
    corpus_rec_source_free(k->src);
    if (k->destroy)
        k->destroy(k->data);
    g_free(k);
}

CorpusRecSource *corpus_rec_source_keep(CorpusRecSource *src, gpointer data,
                                        GDestroyNotify destroy)
{
    Keep *k = g_new0(Keep, 1);
    k->base.next = keep_next;
    k->base.free = keep_free;
    k->src = src;
    k->data = data;
    k->destroy = destroy;
    return &k->base;
}

/* ---- the set of runs ---- */

struct CorpusRuns {
    GMutex lock;
    char *parent; /* where the directory goes */
    char *dir;    /* NULL until the first run */
    int slot;     /* signal-cleanup slot of dir */
    guint next_id;
    guint written;    /* runs finished */
    guint rounds;     /* intermediate merges */
    GPtrArray *files; /* finished runs, oldest first */
};

CorpusRuns *corpus_runs_new(const char *tmpdir)
{
    CorpusRuns *r = g_new0(CorpusRuns, 1);
    g_mutex_init(&r->lock);
    if (!tmpdir || !*tmpdir)
        tmpdir = g_getenv("TMPDIR");
    r->parent = g_strdup(tmpdir && *tmpdir ? tmpdir : "/tmp");
    r->slot = -1;
    r->files = g_ptr_array_new_with_free_func(g_free);
    return r;
}

void corpus_runs_free(CorpusRuns *r)
{
    if (!r)
        return;
    if (r->dir)
        corpus_temp_dir_remove(r->slot, r->dir);
    g_ptr_array_unref(r->files);
    g_free(r->dir);
    g_free(r->parent);
    g_mutex_clear(&r->lock);
    g_free(r);
}

guint corpus_runs_written(CorpusRuns *r)
{
    g_mutex_lock(&r->lock);
    guint n = r->written;
    g_mutex_unlock(&r->lock);
    return n;
}

guint corpus_runs_rounds(CorpusRuns *r)
{
    return r->rounds;
}

guint corpus_runs_count(CorpusRuns *r)
{
    g_mutex_lock(&r->lock);
    guint n = r->files->len;
    g_mutex_unlock(&r->lock);
    return n;
}

/* A new run's path, making the directory first if needed.  Called with the lock held. */
static char *new_run_path(CorpusRuns *r, GError **error)
{
    if (!r->dir) {
        char *dir = corpus_temp_dir_template(r->parent, "corpus-runs-");
        int slot;
        if (!corpus_temp_dir_make(dir, &slot)) {
            int e = errno;
            g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_IO,
                        "%s: cannot make a directory for temporary files: %s (set --tmpdir or "
                        "TMPDIR to a writable directory)",
                        r->parent, g_strerror(e));
            g_free(dir);
            return NULL;
        }
        r->dir = dir;
        r->slot = slot;
    }
    return g_strdup_printf("%s/run-%06u", r->dir, r->next_id++);
}

/* ---- writing ---- */

struct CorpusRunWriter {
    CorpusRuns *runs;
    char *path;
    int fd;
    CorpusBuf buf;
    gboolean failed;
};

CorpusRunWriter *corpus_run_writer_new(CorpusRuns *r, GError **error)
{
    g_mutex_lock(&r->lock);
    char *path = new_run_path(r, error);
    g_mutex_unlock(&r->lock);
    if (!path)
        return NULL;
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        int e = errno;
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_IO, "%s: cannot create: %s", path,
                    g_strerror(e));
        g_free(path);
        return NULL;
    }
    CorpusRunWriter *w = g_new0(CorpusRunWriter, 1);
    w->runs = r;
    w->path = path;
    w->fd = fd;
    return w;
}

static gboolean write_all(int fd, const char *path, const char *p, size_t n, GError **error)
{
    while (n > 0) {
        ssize_t k = write(fd, p, n);
        if (k < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_IO, "%s: write error: %s", path,
                        g_strerror(e));
            return FALSE;
        }
        p += k;
        n -= (size_t)k;
    }
    return TRUE;
}

static inline void put_varint(CorpusBuf *b, guint64 v)
{
    corpus_buf_reserve(b, 10);
    while (v >= 0x80) {
        b->data[b->len++] = (char)(v | 0x80);
        v >>= 7;
    }
    b->data[b->len++] = (char)v;
}

gboolean corpus_run_writer_put(CorpusRunWriter *w, const char *key, size_t len, guint64 count,
                               GError **error)
{
    put_varint(&w->buf, len);
    corpus_buf_append(&w->buf, key, len);
    put_varint(&w->buf, count);
    if (w->buf.len >= IO_BLOCK) {
        if (!write_all(w->fd, w->path, w->buf.data, w->buf.len, error)) {
            w->failed = TRUE;
            return FALSE;
        }
        w->buf.len = 0;
    }
    return TRUE;
}

gboolean corpus_run_writer_finish(CorpusRunWriter *w, GError **error)
{
    gboolean ok = !w->failed && write_all(w->fd, w->path, w->buf.data, w->buf.len, error);
    if (close(w->fd) != 0 && ok) {
        int e = errno;
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_IO, "%s: write error: %s", w->path,
                    g_strerror(e));
        ok = FALSE;
    }
    if (w->failed && error && !*error)
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_IO, "%s: write error", w->path);
    if (ok) {
        g_mutex_lock(&w->runs->lock);
        g_ptr_array_add(w->runs->files, w->path);
        w->runs->written++;
        g_mutex_unlock(&w->runs->lock);
    } else {
        unlink(w->path);
        g_free(w->path);
    }
    corpus_buf_clear(&w->buf);
    g_free(w);
    return ok;
}

/* ---- reading ---- */

typedef struct {
    CorpusRecSource base;
    char *path;
    int fd;
    char *buf;
    size_t pos, len;
    CorpusBuf key;
} RunReader;

static void run_reader_free(CorpusRecSource *src)
{
    RunReader *r = (RunReader *)src;
    if (r->fd >= 0)
        close(r->fd);
    g_free(r->path);
    g_free(r->buf);
    corpus_buf_clear(&r->key);
    g_free(r);
}

/* Make at least one byte available; FALSE at the end of the file or on error. */
static gboolean fill(RunReader *r, GError **error)
{
    if (r->pos < r->len)
        return TRUE;
    for (;;) {
        ssize_t n = read(r->fd, r->buf, IO_BLOCK);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int e = errno;
            g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_IO, "%s: read error: %s", r->path,
                        g_strerror(e));
            return FALSE;
        }
        r->pos = 0;
        r->len = (size_t)n;
        return n > 0;
    }
}

static gboolean truncated(RunReader *r, GError **error)
{
    if (!error || !*error)
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_IO,
                    "%s: temporary file ends inside a record (was it changed or truncated?)",
                    r->path);
    return FALSE;
}

static gboolean get_varint(RunReader *r, guint64 *v, GError **error)
{
    guint64 x = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (!fill(r, error))
            return shift ? truncated(r, error) : FALSE;
        guint8 c = (guint8)r->buf[r->pos++];
        x |= (guint64)(c & 0x7F) << shift;
        if (!(c & 0x80)) {
            *v = x;
            return TRUE;
        }
    }
    g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_IO, "%s: corrupt temporary file", r->path);
    return FALSE;
}

static gboolean run_reader_next(CorpusRecSource *src, GError **error)
{
    RunReader *r = (RunReader *)src;
    guint64 len;
    GError *e = NULL;

    if (!get_varint(r, &len, &e)) {
        if (e) {
            g_propagate_error(error, e);
            return FALSE;
        }
        return FALSE; /* a clean end */
    }
    r->key.len = 0;
    corpus_buf_reserve(&r->key, len);
    while (r->key.len < len) {
        if (!fill(r, error))
            return truncated(r, error);
        size_t take = MIN(r->len - r->pos, len - r->key.len);
        memcpy(r->key.data + r->key.len, r->buf + r->pos, take);
        r->key.len += take;
        r->pos += take;
    }
    if (!get_varint(r, &src->count, error))
        return truncated(r, error);
    src->key = r->key.data ? r->key.data : "";
    src->len = r->key.len;
    return TRUE;
}

/* Open a run for reading and unlink it at once: the open descriptor keeps the bytes. */
static CorpusRecSource *run_reader_new(char *path, GError **error)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_IO, "%s: cannot open: %s", path,
                    g_strerror(e));
        g_free(path);
        return NULL;
    }
    unlink(path);
    RunReader *r = g_new0(RunReader, 1);
    r->base.next = run_reader_next;
    r->base.free = run_reader_free;
    r->path = path;
    r->fd = fd;
    r->buf = g_malloc(IO_BLOCK);
    return &r->base;
}

/* ---- merging ---- */

typedef struct {
    CorpusRecSource base;
    CorpusRecOrder order;
    CorpusRecSource **srcs;
    guint n;
    guint *heap; /* source indexes, smallest record first */
    guint heap_n;
    gboolean started;
    CorpusBuf key;
} Merge;

static gboolean less(const Merge *m, guint a, guint b)
{
    const CorpusRecSource *x = m->srcs[a], *y = m->srcs[b];
    int c = corpus_rec_compare(m->order, x->key, x->len, x->count, y->key, y->len, y->count);
    return c < 0 || (c == 0 && a < b);
}

static void sift_down(Merge *m, guint i)
{
    for (;;) {
        guint l = 2 * i + 1, r = l + 1, best = i;
        if (l < m->heap_n && less(m, m->heap[l], m->heap[best]))
            best = l;
        if (r < m->heap_n && less(m, m->heap[r], m->heap[best]))
            best = r;
        if (best == i)
            return;
        guint t = m->heap[i];
        m->heap[i] = m->heap[best];
        m->heap[best] = t;
        i = best;
    }
}

/* Advance the source at the top of the heap and restore the heap. */
static gboolean advance_top(Merge *m, GError **error)
{
    GError *e = NULL;
    if (!m->srcs[m->heap[0]]->next(m->srcs[m->heap[0]], &e)) {
        if (e) {
            g_propagate_error(error, e);
            return FALSE;
        }
        m->heap[0] = m->heap[--m->heap_n];
    }
    if (m->heap_n)
        sift_down(m, 0);
    return TRUE;
}

static gboolean merge_next(CorpusRecSource *src, GError **error)
{
    Merge *m = (Merge *)src;

    if (!m->started) {
        m->started = TRUE;
        for (guint i = 0; i < m->n; i++) {
            GError *e = NULL;
            if (m->srcs[i]->next(m->srcs[i], &e))
                m->heap[m->heap_n++] = i;
            else if (e) {
                g_propagate_error(error, e);
                return FALSE;
            }
        }
        for (guint i = m->heap_n / 2; i-- > 0;)
            sift_down(m, i);
    }
    if (!m->heap_n)
        return FALSE;
    CorpusRecSource *top = m->srcs[m->heap[0]];
    m->key.len = 0;
    corpus_buf_append(&m->key, top->key, top->len);
    guint64 count = top->count;
    if (!advance_top(m, error))
        return FALSE;
    while (m->order == CORPUS_ORDER_KEY && m->heap_n) {
        top = m->srcs[m->heap[0]];
        if (top->len != m->key.len || memcmp(top->key, m->key.data, m->key.len) != 0)
            break;
        if (count > G_MAXUINT64 - top->count) {
            g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_LIMIT,
                        "the count of '%.*s' exceeds 18446744073709551615 (2^64 - 1)",
                        (int)MIN(m->key.len, 200), m->key.data);
            return FALSE;
        }
        count += top->count;
        if (!advance_top(m, error))
            return FALSE;
    }
    src->key = m->key.data ? m->key.data : "";
    src->len = m->key.len;
    src->count = count;
    return TRUE;
}

static void merge_free(CorpusRecSource *src)
{
    Merge *m = (Merge *)src;
    for (guint i = 0; i < m->n; i++)
        corpus_rec_source_free(m->srcs[i]);
    g_free(m->srcs);
    g_free(m->heap);
    corpus_buf_clear(&m->key);
    g_free(m);
}

CorpusRecSource *corpus_rec_merge_new(CorpusRecSource **srcs, guint n, CorpusRecOrder order)
{
    Merge *m = g_new0(Merge, 1);
    m->base.next = merge_next;
    m->base.free = merge_free;
    m->order = order;
    m->srcs = g_memdup2(srcs, sizeof(CorpusRecSource *) * MAX(n, 1u));
    m->n = n;
    m->heap = g_new(guint, MAX(n, 1u));
    return &m->base;
}

/* Readers for files[from..to) of the set (the set keeps no reference to them). */
static gboolean open_runs(CorpusRuns *r, guint from, guint to, CorpusRecSource **out,
                          GError **error)
{
    for (guint i = from; i < to; i++) {
        char *path = g_steal_pointer(&g_ptr_array_index(r->files, i));
        out[i - from] = run_reader_new(path, error);
        if (!out[i - from]) {
            for (guint k = from; k < i; k++)
                corpus_rec_source_free(out[k - from]);
            return FALSE;
        }
    }
    return TRUE;
}

CorpusRecSource *corpus_runs_merge(CorpusRuns *r, CorpusRecSource **extra, guint n_extra,
                                   CorpusRecOrder order, GError **error)
{
    CorpusRecSource *round[CORPUS_RUNS_MAX_OPEN];

    /* Rounds: merge the oldest runs into one new run until few enough remain. */
    while (r->files->len > CORPUS_RUNS_MAX_OPEN) {
        guint k = CORPUS_RUNS_MAX_OPEN;
        if (!open_runs(r, 0, k, round, error))
            goto fail;
        g_ptr_array_remove_range(r->files, 0, k);
        r->rounds++;
        CorpusRecSource *m = corpus_rec_merge_new(round, k, order);
        CorpusRunWriter *w = corpus_run_writer_new(r, error);
        gboolean ok = w != NULL;
        GError *e = NULL;
        while (ok && m->next(m, &e))
            ok = corpus_run_writer_put(w, m->key, m->len, m->count, error);
        if (e) {
            g_propagate_error(error, e);
            ok = FALSE;
        }
        corpus_rec_source_free(m);
        if (w && !corpus_run_writer_finish(w, ok ? error : NULL))
            ok = FALSE;
        if (!ok)
            goto fail;
    }
    guint n_runs = r->files->len;
    CorpusRecSource **all = g_new(CorpusRecSource *, n_runs + n_extra + 1);
    if (!open_runs(r, 0, n_runs, all, error)) {
        g_free(all);
        goto fail;
    }
    g_ptr_array_set_size(r->files, 0);
    for (guint i = 0; i < n_extra; i++)
        all[n_runs + i] = extra[i];
    CorpusRecSource *m = corpus_rec_merge_new(all, n_runs + n_extra, order);
    g_free(all);
    return m;

fail:
    for (guint i = 0; i < n_extra; i++)
        corpus_rec_source_free(extra[i]);
    return NULL;
}
