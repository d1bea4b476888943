/* N-gram counting: a sliding window over the tokens of each sentence (or the characters of
 * each token), counted by one CorpusCounter per thread.
 *
 * Workers count the chunks that start a line.  A sentence that goes on past the end of such a
 * chunk (a line longer than a read block) is finished in the calling thread: consume() takes
 * the last tokens of the open sentence as its window and counts the next chunk, which
 * continues the line, itself.  Counts are summed by key in the end, so which thread counted
 * what never shows in the output.
 * SPDX-License-Identifier: MIT */
#include <string.h>

#include <corpus/buf.h>
#include <corpus/error.h>
#include <corpus/ngram.h>

typedef struct {
    const char *text;
    guint32 len;
} Item;

/* The window: the last items of the current sentence (or token), oldest first. */
typedef struct {
    const CorpusNgramSpec *spec;
    CorpusCounter *counter;
    Item item[CORPUS_NGRAM_MAX];
    guint32 ids[CORPUS_NGRAM_MAX];
    guint n;         /* items in the window (at most n_max) */
    gboolean open;   /* the sentence has a counted token */
    CorpusBuf saved; /* copies of the items when the window outlives its batch */
} Seq;

typedef struct {
    const CorpusNgramSpec *spec;
    CorpusRuns *runs;
    size_t share;         /* memory of each counter */
    Seq main;             /* the calling thread's window */
    CorpusCounter *local; /* the calling thread's counter, made when first needed */
    GMutex lock;
    GPtrArray *counters; /* CorpusCounter of finished workers */
} Count;

static void seq_init(Seq *q, const CorpusNgramSpec *spec, CorpusCounter *counter)
{
    memset(q, 0, sizeof *q);
    q->spec = spec;
    q->counter = counter;
}

/* Add the n-grams that end with the window's last item. */
static void add_ending(Seq *q, gboolean count)
{
    if (!count)
        return;
    guint top = MIN(q->spec->n_max, q->n);
    for (guint n = q->spec->n_min; n <= top; n++)
        corpus_counter_add(q->counter, q->ids + q->n - n, n, 1);
}

/* Spill when the counter is full, then intern the window again in the emptied vocabulary. */
static gboolean check_memory(Seq *q, GError **error)
{
    if (!corpus_counter_over(q->counter))
        return TRUE;
    if (!corpus_counter_spill(q->counter, error))
        return FALSE;
    CorpusVocab *v = corpus_counter_vocab(q->counter);
    for (guint i = 0; i < q->n; i++)
        q->ids[i] = corpus_vocab_intern(v, q->item[i].text, q->item[i].len);
    return TRUE;
}

static void push(Seq *q, const char *text, size_t len, gboolean count)
{
    if (q->n == q->spec->n_max) {
        memmove(q->item, q->item + 1, (q->n - 1) * sizeof(Item));
        memmove(q->ids, q->ids + 1, (q->n - 1) * sizeof(guint32));
        q->n--;
    }
    q->item[q->n].text = text;
    q->item[q->n].len = (guint32)len;
    q->ids[q->n] = corpus_vocab_intern(corpus_counter_vocab(q->counter), text, len);
    q->n++;
    add_ending(q, count);
}

static gboolean end_sentence(Seq *q, gboolean count, GError **error)
{
    if (q->open && q->spec->sentence_marks) {
        push(q, CORPUS_NGRAM_EOS, strlen(CORPUS_NGRAM_EOS), count);
        if (!check_memory(q, error))
            return FALSE;
    }
    q->n = 0;
    q->open = FALSE;
    return TRUE;
}

static gboolean counted(const CorpusNgramSpec *spec, const CorpusToken *t)
{
    return (spec->keep & (1u << t->cls)) && !(t->flags & CORPUS_TOKEN_STOP);
}

static gboolean breaks(const CorpusToken *t)
{
    return (t->flags & CORPUS_TOKEN_SENT_START) || t->doc_starts;
}

static gboolean word(Seq *q, const CorpusToken *t, gboolean count, GError **error)
{
    if (!q->open && q->spec->sentence_marks)
        push(q, CORPUS_NGRAM_BOS, strlen(CORPUS_NGRAM_BOS), count);
    q->open = TRUE;
    push(q, t->text, t->len, count);
    return check_memory(q, error);
}

static gboolean chars(Seq *q, const CorpusToken *t, GError **error)
{
    q->n = 0;
    if (q->spec->pad)
        push(q, CORPUS_NGRAM_PAD_START, 1, TRUE);
    for (guint32 i = 0; i < t->len;) {
        guint32 k = (guint32)(g_utf8_next_char(t->text + i) - (t->text + i));
        push(q, t->text + i, MIN(k, t->len - i), TRUE);
        i += k;
        if (!check_memory(q, error))
            return FALSE;
    }
    if (q->spec->pad)
        push(q, CORPUS_NGRAM_PAD_END, 1, TRUE);
    q->n = 0;
    return check_memory(q, error);
}

/* The batch ends its last sentence: a line, document or file ends after its last token. */
static gboolean closes(const CorpusTokenBatch *b, const CorpusChunk *c)
{
    return b->tail_sent_end || b->tail_doc_starts || c->file_end;
}

/* Count tokens[from..n) of the batch, going on from the window's sentence. */
static gboolean count_tokens(Seq *q, const CorpusTokenBatch *b, size_t from, GError **error)
{
    for (size_t k = from; k < b->n; k++) {
        const CorpusToken *t = &b->tokens[k];
        if (q->spec->chars) {
            if (counted(q->spec, t) && !chars(q, t, error))
                return FALSE;
            continue;
        }
        if (breaks(t) && !end_sentence(q, TRUE, error))
            return FALSE;
        if (counted(q->spec, t) && !word(q, t, TRUE, error))
            return FALSE;
    }
    return TRUE;
}

/* Copy the window's items out of the batch, which is about to be reused. */
static void save_window(Seq *q)
{
    size_t total = 0;
    for (guint i = 0; i < q->n; i++)
        total += q->item[i].len;
    CorpusBuf fresh = CORPUS_BUF_INIT;
    corpus_buf_reserve(&fresh, total + 1);
    for (guint i = 0; i < q->n; i++) {
        size_t at = fresh.len;
        corpus_buf_append(&fresh, q->item[i].text, q->item[i].len);
        q->item[i].text = fresh.data + at;
    }
    corpus_buf_clear(&q->saved);
    q->saved = fresh;
}

/* ---- workers ---- */

static CorpusCounter *counter_new(Count *c)
{
    CorpusCounterSpec cs = {c->spec->n_min, c->spec->n_max, c->spec->chars ? "" : " ",
                            c->share, c->runs};
    return corpus_counter_new(&cs);
}

static gpointer worker_new(gpointer user)
{
    return counter_new(user);
}

static void worker_free(gpointer worker, gpointer user)
{
    Count *c = user;
    g_mutex_lock(&c->lock);
    g_ptr_array_add(c->counters, worker);
    g_mutex_unlock(&c->lock);
}

static gboolean map(const CorpusTokenBatch *b, const CorpusChunk *chunk, gpointer worker,
                    gpointer user, GError **error)
{
    Count *c = user;
    Seq q;
    seq_init(&q, c->spec, worker);
    if (!count_tokens(&q, b, 0, error))
        return FALSE;
    /* A sentence left open goes on in the next chunk, which the calling thread counts. */
    return !closes(b, chunk) || end_sentence(&q, TRUE, error);
}

/* ---- the calling thread ---- */

/* Take the last sentence of a batch counted by a worker as the window, without counting. */
static void take_tail(Seq *q, const CorpusTokenBatch *b)
{
    guint want = q->spec->n_max - 1;
    size_t start = b->n, k = b->n;
    guint found = 0;
    gboolean any = FALSE;

    q->n = 0;
    q->open = FALSE;
    while (k > 0) {
        const CorpusToken *t = &b->tokens[--k];
        if (counted(q->spec, t)) {
            any = TRUE;
            if (found < want) {
                found++;
                start = k;
            }
        }
        if (breaks(t))
            break;
    }
    if (!any)
        return;
    if (q->spec->sentence_marks)
        push(q, CORPUS_NGRAM_BOS, strlen(CORPUS_NGRAM_BOS), FALSE);
    q->open = TRUE;
    for (k = start; k < b->n; k++) {
        if (counted(q->spec, &b->tokens[k]))
            push(q, b->tokens[k].text, b->tokens[k].len, FALSE);
    }
}

static gboolean consume(const CorpusTokenBatch *b, const CorpusChunk *chunk, gpointer user,
                        GError **error)
{
    Count *c = user;
    Seq *q = &c->main;

    if (!chunk->mid_line) {
        /* Counted by a worker; keep only what the next chunk may continue. */
        q->n = 0;
        q->open = FALSE;
        if (!closes(b, chunk) && !c->spec->chars && c->spec->n_max > 1) {
            take_tail(q, b);
            save_window(q);
        }
        return TRUE;
    }
    /* A chunk that continues a line: counted here, after the window of the previous one. */
    if (!count_tokens(q, b, 0, error))
        return FALSE;
    if (closes(b, chunk))
        return end_sentence(q, TRUE, error);
    save_window(q);
    return TRUE;
}

/* The merged counts, and the counters whose tables the merge reads. */
typedef struct {
    CorpusRecSource base;
    CorpusRecSource *merged;
    GPtrArray *counters;
} Owner;

static gboolean owner_next(CorpusRecSource *src, GError **error)
{
    Owner *o = (Owner *)src;
    if (!o->merged->next(o->merged, error))
        return FALSE;
    src->key = o->merged->key;
    src->len = o->merged->len;
    src->count = o->merged->count;
    return TRUE;
}

static void owner_free(CorpusRecSource *src)
{
    Owner *o = (Owner *)src;
    corpus_rec_source_free(o->merged);
    g_ptr_array_unref(o->counters);
    g_free(o);
}

static Owner *owner_new(CorpusRecSource *merged, GPtrArray *counters)
{
    Owner *o = g_new0(Owner, 1);
    o->base.next = owner_next;
    o->base.free = owner_free;
    o->merged = merged;
    o->counters = counters;
    return o;
}

CorpusRecSource *corpus_ngram_count(const CorpusNgramSpec *spec, const CorpusTokStreamSpec *tok,
                                    const CorpusPipelineSpec *base, const char *const *files,
                                    guint n_files, CorpusRuns *runs, GError **error)
{
    Count c = {0};
    CorpusTokStreamSpec ts = *tok;
    guint n_counters = MAX(base->n_threads, 1u) + 1;
    CorpusRecSource *result = NULL;

    c.spec = spec;
    c.runs = runs;
    c.share = spec->memory ? MAX(spec->memory / n_counters, (size_t)1 << 20) : 0;
    g_mutex_init(&c.lock);
    c.counters = g_ptr_array_new_with_free_func((GDestroyNotify)corpus_counter_free);
    c.local = counter_new(&c);
    seq_init(&c.main, spec, c.local);

    ts.consume = consume;
    ts.user = &c;
    ts.worker_new = worker_new;
    ts.worker_free = worker_free;
    ts.map = map;
    gboolean ok = corpus_tok_stream_run(&ts, base, files, n_files, error);
    g_ptr_array_add(c.counters, c.local);
    c.local = NULL;

    if (ok) {
        /* After any spill, spill everything, so that merging holds no table in memory. */
        gboolean spilled = corpus_runs_count(runs) > 0;
        guint n = c.counters->len;
        CorpusRecSource **srcs = g_new(CorpusRecSource *, n + 1);
        guint n_srcs = 0;
        for (guint i = 0; ok && i < n; i++) {
            CorpusCounter *counter = g_ptr_array_index(c.counters, i);
            if (spilled)
                ok = corpus_counter_spill(counter, error);
            else
                srcs[n_srcs++] = corpus_counter_source(counter);
        }
        if (ok) {
            result = corpus_runs_merge(runs, srcs, n_srcs, CORPUS_ORDER_KEY, error);
            n_srcs = 0;
            if (result) {
                /* The sources empty their counters when freed: keep the counters alive. */
                Owner *o = owner_new(result, g_steal_pointer(&c.counters));
                result = &o->base;
            }
        }
        for (guint i = 0; i < n_srcs; i++)
            corpus_rec_source_free(srcs[i]);
        g_free(srcs);
    }
    if (c.counters)
        g_ptr_array_unref(c.counters);
    corpus_buf_clear(&c.main.saved);
    g_mutex_clear(&c.lock);
    return result;
}

guint corpus_ngram_order(const char *key, size_t len, gboolean chars)
{
    guint n = 0;
    if (chars)
        return (guint)g_utf8_strlen(key, (gssize)len);
    for (size_t i = 0; i < len; i++)
        n += key[i] == ' ';
    return n + 1;
}
