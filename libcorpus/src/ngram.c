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

/* Entries of a stream segment: the ids are counted a segment at a time, so that the counter
 * can fetch the slots of coming n-grams ahead. */
#define SEGMENT 4096

/* The stream of one thread: the items of the current segment, after the last few items of
 * the previous one (the window that n-grams may reach back into). */
typedef struct {
    const CorpusNgramSpec *spec;
    CorpusCounter *counter;
    Item item[SEGMENT];
    guint32 ids[SEGMENT];
    guint8 run[SEGMENT]; /* items of the sentence up to here, capped at 255 */
    size_t n;            /* items */
    size_t done;         /* items [0, done) had their n-grams counted */
    gboolean broken;     /* the next item starts a sentence (or, with chars, a token) */
    gboolean open;       /* the sentence has a counted token */
    CorpusBuf saved;     /* copies of the window's items when it outlives its batch */
} Seq;

typedef struct {
    const CorpusNgramSpec *spec;
    CorpusRuns *runs;
    size_t share;         /* memory of each counter */
    Seq *main;            /* the calling thread's stream */
    GMutex lock;
    GPtrArray *counters; /* CorpusCounter of finished streams */
} Count;

static Seq *seq_new(const CorpusNgramSpec *spec, CorpusCounter *counter)
{
    Seq *q = g_new0(Seq, 1);
    q->spec = spec;
    q->counter = counter;
    q->broken = TRUE;
    return q;
}

static void seq_free(Seq *q)
{
    corpus_buf_clear(&q->saved);
    g_free(q);
}

/* How many items back an n-gram (or a pair of the window) can reach. */
static guint reach(const CorpusNgramSpec *spec)
{
    return spec->window > 2 ? spec->window - 1 : spec->n_max - 1;
}

/* Count the segment's n-grams, keep the window, and spill if the counter is full. */
static gboolean flush(Seq *q, GError **error)
{
    corpus_counter_add_stream(q->counter, q->ids, q->run, q->done, q->n);
    size_t keep = q->broken || !q->n ? 0 : MIN(reach(q->spec), (size_t)q->run[q->n - 1]);
    memmove(q->item, q->item + q->n - keep, keep * sizeof(Item));
    memmove(q->ids, q->ids + q->n - keep, keep * sizeof(guint32));
    memmove(q->run, q->run + q->n - keep, keep);
    q->n = q->done = keep;
    if (!corpus_counter_over(q->counter))
        return TRUE;
    if (!corpus_counter_spill(q->counter, error))
        return FALSE;
    /* The vocabulary is new: intern the window again. */
    CorpusVocab *v = corpus_counter_vocab(q->counter);
    for (size_t i = 0; i < q->n; i++)
        q->ids[i] = corpus_vocab_intern(v, q->item[i].text, q->item[i].len);
    return TRUE;
}

/* Append an item; count says whether it counts (unigrams here, longer n-grams at flush). */
static gboolean append(Seq *q, const char *text, size_t len, gboolean count, GError **error)
{
    if (q->n == SEGMENT && !flush(q, error))
        return FALSE;
    size_t i = q->n++;
    q->item[i].text = text;
    q->item[i].len = (guint32)len;
    q->ids[i] = corpus_vocab_add(corpus_counter_vocab(q->counter), text, len,
                                 count && q->spec->n_min == 1);
    q->run[i] = q->broken || i == 0 ? 1 : (guint8)MIN(q->run[i - 1] + 1, 255);
    q->broken = FALSE;
    if (!count)
        q->done = q->n;
    return TRUE;
}

static gboolean end_sentence(Seq *q, GError **error)
{
    if (q->open && q->spec->sentence_marks &&
        !append(q, CORPUS_NGRAM_EOS, strlen(CORPUS_NGRAM_EOS), TRUE, error))
        return FALSE;
    q->broken = TRUE;
    q->open = FALSE;
    return TRUE;
}

static gboolean counted(const CorpusNgramSpec *spec, const CorpusToken *t)
{
    return (spec->keep & (1u << t->cls)) && (spec->stop_key || !(t->flags & CORPUS_TOKEN_STOP));
}

/* The key a counted token is counted as. */
static const char *key_of(const CorpusNgramSpec *spec, const CorpusToken *t, size_t *len)
{
    if (spec->stop_key && (t->flags & CORPUS_TOKEN_STOP)) {
        *len = strlen(spec->stop_key);
        return spec->stop_key;
    }
    *len = t->len;
    return t->text;
}

static gboolean breaks(const CorpusToken *t)
{
    return (t->flags & CORPUS_TOKEN_SENT_START) || t->doc_starts;
}

static gboolean word(Seq *q, const CorpusToken *t, gboolean count, GError **error)
{
    if (!q->open && q->spec->sentence_marks &&
        !append(q, CORPUS_NGRAM_BOS, strlen(CORPUS_NGRAM_BOS), count, error))
        return FALSE;
    q->open = TRUE;
    size_t len;
    const char *key = key_of(q->spec, t, &len);
    return append(q, key, len, count, error);
}

static gboolean chars(Seq *q, const CorpusToken *t, GError **error)
{
    q->broken = TRUE;
    if (q->spec->pad && !append(q, CORPUS_NGRAM_PAD_START, 1, TRUE, error))
        return FALSE;
    for (guint32 i = 0; i < t->len;) {
        guint32 k = (guint32)(g_utf8_next_char(t->text + i) - (t->text + i));
        k = MIN(k, t->len - i);
        if (!append(q, t->text + i, k, TRUE, error))
            return FALSE;
        i += k;
    }
    if (q->spec->pad && !append(q, CORPUS_NGRAM_PAD_END, 1, TRUE, error))
        return FALSE;
    q->broken = TRUE;
    return TRUE;
}

/* The batch ends its last sentence: a line, document or file ends after its last token. */
static gboolean closes(const CorpusTokenBatch *b, const CorpusChunk *c)
{
    return b->tail_sent_end || b->tail_doc_starts || c->file_end;
}

/* How far ahead token slots are fetched from the vocabulary. */
#define VOCAB_LOOKAHEAD 8

/* Count the tokens of the batch, going on from the stream's sentence. */
static gboolean count_tokens(Seq *q, const CorpusTokenBatch *b, GError **error)
{
    CorpusVocab *v = corpus_counter_vocab(q->counter);
    for (size_t k = 0; k < b->n; k++) {
        const CorpusToken *t = &b->tokens[k];
        if (k + VOCAB_LOOKAHEAD < b->n && !q->spec->chars)
            corpus_vocab_prefetch(v, b->tokens[k + VOCAB_LOOKAHEAD].text,
                                  b->tokens[k + VOCAB_LOOKAHEAD].len);
        if (q->spec->chars) {
            if (counted(q->spec, t) && !chars(q, t, error))
                return FALSE;
            continue;
        }
        if (breaks(t) && !end_sentence(q, error))
            return FALSE;
        if (counted(q->spec, t) && !word(q, t, TRUE, error))
            return FALSE;
    }
    return TRUE;
}

/* Copy the stream's items out of the batch, which is about to be reused. */
static void save_window(Seq *q)
{
    size_t total = 0;
    for (size_t i = 0; i < q->n; i++)
        total += q->item[i].len;
    CorpusBuf fresh = CORPUS_BUF_INIT;
    corpus_buf_reserve(&fresh, total + 1);
    for (size_t i = 0; i < q->n; i++) {
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
    CorpusCounterSpec cs = {
        .n_min = c->spec->n_min,
        .n_max = c->spec->n_max,
        .sep = c->spec->chars ? "" : " ",
        .memory = c->share,
        .runs = c->runs,
        .window = c->spec->window,
    };
    return corpus_counter_new(&cs);
}

static gpointer worker_new(gpointer user)
{
    Count *c = user;
    return seq_new(c->spec, counter_new(c));
}

static void worker_free(gpointer worker, gpointer user)
{
    Count *c = user;
    Seq *q = worker;
    g_mutex_lock(&c->lock);
    g_ptr_array_add(c->counters, q->counter);
    g_mutex_unlock(&c->lock);
    seq_free(q);
}

static gboolean map(const CorpusTokenBatch *b, const CorpusChunk *chunk, gpointer worker,
                    gpointer user, GError **error)
{
    Seq *q = worker;
    (void)user;
    /* The chunk starts a line, so a sentence. */
    q->n = q->done = 0;
    q->broken = TRUE;
    q->open = FALSE;
    if (!count_tokens(q, b, error))
        return FALSE;
    /* A sentence left open goes on in the next chunk, which the calling thread counts. */
    if (closes(b, chunk) && !end_sentence(q, error))
        return FALSE;
    return flush(q, error);
}

/* ---- the calling thread ---- */

/* Take the last sentence of a batch counted by a worker as the window, without counting. */
static gboolean take_tail(Seq *q, const CorpusTokenBatch *b, GError **error)
{
    guint want = reach(q->spec);
    size_t start = b->n, k = b->n;
    guint found = 0;
    gboolean any = FALSE;

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
        return TRUE;
    if (q->spec->sentence_marks &&
        !append(q, CORPUS_NGRAM_BOS, strlen(CORPUS_NGRAM_BOS), FALSE, error))
        return FALSE;
    q->open = TRUE;
    for (k = start; k < b->n; k++) {
        const CorpusToken *t = &b->tokens[k];
        size_t len;
        const char *key = key_of(q->spec, t, &len);
        if (counted(q->spec, t) && !append(q, key, len, FALSE, error))
            return FALSE;
    }
    return TRUE;
}

static gboolean consume(const CorpusTokenBatch *b, const CorpusChunk *chunk, gpointer user,
                        GError **error)
{
    Count *c = user;
    Seq *q = c->main;

    if (!chunk->mid_line) {
        /* Counted by a worker; keep only what the next chunk may continue. */
        q->n = q->done = 0;
        q->broken = TRUE;
        q->open = FALSE;
        /* (With sentence marks the open sentence matters even to unigrams: its <s> is in.) */
        if (!closes(b, chunk) && !c->spec->chars &&
            (c->spec->n_max > 1 || c->spec->sentence_marks)) {
            if (!take_tail(q, b, error))
                return FALSE;
            save_window(q);
        }
        return TRUE;
    }
    /* A chunk that continues a line: counted here, after the window of the previous one. */
    if (!count_tokens(q, b, error))
        return FALSE;
    if (closes(b, chunk) && !end_sentence(q, error))
        return FALSE;
    if (!flush(q, error))
        return FALSE;
    save_window(q);
    return TRUE;
}

CorpusRecSource *corpus_ngram_count(const CorpusNgramSpec *spec, const CorpusTokStreamSpec *tok,
                                    const CorpusPipelineSpec *base, const char *const *files,
                                    guint n_files, CorpusRuns *runs, CorpusRecOrder want,
                                    CorpusRecOrder *got, GError **error)
{
    Count c = {0};
    CorpusTokStreamSpec ts = *tok;
    guint n_counters = MAX(base->n_threads, 1u) + 1;
    CorpusRecSource *result = NULL;

    c.spec = spec;
    c.runs = runs;
    c.share = spec->memory ? MAX(spec->memory / n_counters, (size_t)256 << 10) : 0;
    g_mutex_init(&c.lock);
    c.counters = g_ptr_array_new_with_free_func((GDestroyNotify)corpus_counter_free);
    c.main = seq_new(spec, counter_new(&c));

    ts.consume = consume;
    ts.user = &c;
    ts.worker_new = worker_new;
    ts.worker_free = worker_free;
    ts.map = map;
    gboolean ok = corpus_tok_stream_run(&ts, base, files, n_files, error);
    g_ptr_array_add(c.counters, c.main->counter);
    seq_free(c.main);

    if (ok) {
        /* Without a spill, and with room enough, the counters' tables are sorted and merged
         * in memory, in the order wanted; otherwise every counter is spilled, so that merging
         * holds no table in memory, and the runs are merged in key order. */
        guint n = c.counters->len;
        size_t held = 0;
        for (guint i = 0; i < n; i++)
            held += corpus_counter_memory(g_ptr_array_index(c.counters, i));
        if (corpus_runs_count(runs) == 0 && (!spec->memory || held <= spec->memory / 2)) {
            result = corpus_counters_source((CorpusCounter **)c.counters->pdata, n, want,
                                            MAX(base->n_threads, 1u));
            *got = want;
        } else {
            for (guint i = 0; ok && i < n; i++)
                ok = corpus_counter_spill(g_ptr_array_index(c.counters, i), error);
            result = ok ? corpus_runs_merge(runs, NULL, 0, CORPUS_ORDER_KEY, error) : NULL;
            *got = CORPUS_ORDER_KEY;
        }
        if (result) /* the source reads the counters' tables: keep them */
            result = corpus_rec_source_keep(result, g_steal_pointer(&c.counters),
                                            (GDestroyNotify)g_ptr_array_unref);
    }
    if (c.counters)
        g_ptr_array_unref(c.counters);
    g_mutex_clear(&c.lock);
    return result;
}

gboolean corpus_ngram_parse_orders(const char *s, guint *lo, guint *hi, GError **error)
{
    guint64 a, b;
    const char *dash = strchr(s, '-');
    g_autofree char *first = dash ? g_strndup(s, (gsize)(dash - s)) : g_strdup(s);

    if (!g_ascii_string_to_unsigned(first, 10, 1, CORPUS_NGRAM_MAX, &a, NULL) ||
        (dash && !g_ascii_string_to_unsigned(dash + 1, 10, a, CORPUS_NGRAM_MAX, &b, NULL))) {
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_USAGE,
                    "invalid -n value '%s' (expected N or MIN-MAX, with 1 <= MIN <= MAX <= %d)",
                    s, CORPUS_NGRAM_MAX);
        return FALSE;
    }
    *lo = (guint)a;
    *hi = dash ? (guint)b : (guint)a;
    return TRUE;
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
