/* CorpusTokStream: tokenization on the pipeline, exact across chunk boundaries.
 * SPDX-License-Identifier: MIT */
#include <string.h>

#include <corpus/tokstream.h>

/* A stem placed in a batch: token index and offset in the batch's stems buffer. */
typedef struct {
    size_t token;
    size_t off;
} Placed;

/* What one thread needs. */
typedef struct {
    CorpusTokenizer *tok;
    CorpusStemmer *stemmer; /* NULL without --stem */
    GArray *placed;         /* Placed, reused for each batch */
    gpointer user_worker;   /* from spec->worker_new */
    const CorpusTokStreamSpec *spec;
} Worker;

/* A slot's result: the batch, and the error of spec->map. */
typedef struct {
    CorpusTokenBatch batch;
    GError *error;
} Result;

typedef struct {
    const CorpusTokStreamSpec *spec;
    Worker *local;           /* for the calling thread, made when first needed */
    CorpusTokenBatch prev;   /* only the tail fields: the state after the previous chunk */
    gboolean have_prev;      /* a chunk of the current file was consumed */
} Stream;

static gpointer worker_new(gpointer user)
{
    Stream *s = user;
    Worker *w = g_new0(Worker, 1);
    w->tok = corpus_tokenizer_new(s->spec->norm, s->spec->docs);
    if (s->spec->stem != CORPUS_STEM_NONE)
        w->stemmer = corpus_stemmer_new(s->spec->stem);
    w->placed = g_array_new(FALSE, FALSE, sizeof(Placed));
    w->spec = s->spec;
    return w;
}

static gpointer pipeline_worker_new(gpointer user)
{
    Stream *s = user;
    Worker *w = worker_new(user);
    if (s->spec->worker_new)
        w->user_worker = s->spec->worker_new(s->spec->user);
    return w;
}

static void worker_free(gpointer worker)
{
    Worker *w = worker;
    if (!w)
        return;
    corpus_tokenizer_free(w->tok);
    corpus_stemmer_free(w->stemmer);
    g_array_unref(w->placed);
    g_free(w);
}

/* Mark stop words and put stems in place of words. */
static void refine(const CorpusTokStreamSpec *spec, Worker *w, CorpusTokenBatch *b)
{
    if (!spec->stopwords && !w->stemmer)
        return;
    b->stems.len = 0;
    /* Stems go to b->stems, which may move while it grows: offsets first, pointers after. */
    g_array_set_size(w->placed, 0);
    for (size_t k = 0; k < b->n; k++) {
        CorpusToken *t = &b->tokens[k];
        if (spec->stopwords && corpus_stopwords_contains(spec->stopwords, t->text, t->len)) {
            t->flags |= CORPUS_TOKEN_STOP;
            continue;
        }
        if (!w->stemmer || t->cls != CORPUS_TOK_WORD)
            continue;
        size_t n;
        const char *stem = corpus_stemmer_stem(w->stemmer, t->text, t->len, &n);
        /* An empty stem keeps the word: a token is never empty. */
        if (n == 0 || (n == t->len && memcmp(stem, t->text, n) == 0))
            continue;
        Placed p = {k, b->stems.len};
        g_array_append_val(w->placed, p);
        corpus_buf_append(&b->stems, stem, n);
        t->len = (guint32)n;
    }
    for (guint i = 0; i < w->placed->len; i++) {
        const Placed *p = &g_array_index(w->placed, Placed, i);
        b->tokens[p->token].text = b->stems.data + p->off;
    }
}

static void pipeline_worker_free(gpointer worker)
{
    Worker *w = worker;
    if (w && w->spec->worker_free)
        w->spec->worker_free(w->user_worker, w->spec->user);
    worker_free(w);
}

static gpointer result_new(gpointer user)
{
    Result *r = g_new0(Result, 1);
    (void)user;
    corpus_token_batch_init(&r->batch);
    return r;
}

static void result_free(gpointer result)
{
    Result *r = result;
    corpus_token_batch_clear(&r->batch);
    g_clear_error(&r->error);
    g_free(r);
}

/* What a worker assumes at the start of a chunk: the reader's view of the line. */
static CorpusTextStart assumed_start(const CorpusChunk *c)
{
    CorpusTextStart start = {c->file_start, c->mid_line, c->line_has_content, FALSE, FALSE};
    return start;
}

static void map(const CorpusWork *w, gpointer worker, gpointer result, gpointer user)
{
    Stream *s = user;
    Worker *wk = worker;
    Result *r = result;
    CorpusTextStart start = assumed_start(w->chunk);
    corpus_tokenizer_run(wk->tok, w->text, w->len, w->chunk->offset, w->anchors, &start,
                         &r->batch);
    refine(s->spec, wk, &r->batch);
    if (s->spec->map && !w->chunk->mid_line)
        s->spec->map(&r->batch, w->chunk, wk->user_worker, s->spec->user, &r->error);
}

static gboolean reduce(const CorpusWork *w, gpointer result, gpointer user, GError **error)
{
    Stream *s = user;
    const CorpusChunk *c = w->chunk;
    Result *r = result;
    CorpusTokenBatch *batch = &r->batch;

    if (r->error) {
        g_propagate_error(error, g_steal_pointer(&r->error));
        return FALSE;
    }
    if (c->mid_line && s->have_prev) {
        CorpusTextStart exact = {FALSE, TRUE, s->prev.tail_line_content,
                                 s->prev.tail_after_ender, s->prev.tail_after_initial};
        CorpusTextStart assumed = assumed_start(c);
        if (exact.line_has_content != assumed.line_has_content || exact.after_ender ||
            exact.after_initial) {
            if (!s->local)
                s->local = worker_new(s);
            corpus_tokenizer_run(s->local->tok, w->text, w->len, c->offset, w->anchors, &exact,
                                 batch);
            refine(s->spec, s->local, batch);
        }
    }
    s->prev.tail_after_ender = batch->tail_after_ender;
    s->prev.tail_after_initial = batch->tail_after_initial;
    s->prev.tail_line_content = batch->tail_line_content;
    s->have_prev = !c->file_end;
    return s->spec->consume(batch, c, s->spec->user, error);
}

gboolean corpus_tok_stream_run(const CorpusTokStreamSpec *spec, const CorpusPipelineSpec *base,
                               const char *const *files, guint n_files, GError **error)
{
    Stream s = {spec, NULL, {0}, FALSE};
    CorpusPipelineSpec p = *base;

    p.user = &s;
    p.worker_new = pipeline_worker_new;
    p.worker_free = pipeline_worker_free;
    p.result_new = result_new;
    p.result_free = result_free;
    p.map = map;
    p.reduce = reduce;
    gboolean ok = corpus_pipeline_run(&p, files, n_files, error);
    worker_free(s.local);
    return ok;
}
