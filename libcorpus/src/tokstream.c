/* CorpusTokStream: tokenization on the pipeline, exact across chunk boundaries.
 * SPDX-License-Identifier: MIT */
#include <corpus/tokstream.h>

typedef struct {
    const CorpusTokStreamSpec *spec;
    CorpusTokenizer *local;  /* tokenizer of the calling thread, made when first needed */
    CorpusTokenBatch prev;   /* only the tail fields: the state after the previous chunk */
    gboolean have_prev;      /* a chunk of the current file was consumed */
} Stream;

static gpointer worker_new(gpointer user)
{
    Stream *s = user;
    return corpus_tokenizer_new(s->spec->norm, s->spec->docs);
}

static void worker_free(gpointer worker)
{
    corpus_tokenizer_free(worker);
}

static gpointer batch_new(gpointer user)
{
    CorpusTokenBatch *b = g_new(CorpusTokenBatch, 1);
    (void)user;
    corpus_token_batch_init(b);
    return b;
}

static void batch_free(gpointer batch)
{
    corpus_token_batch_clear(batch);
    g_free(batch);
}

/* What a worker assumes at the start of a chunk: the reader's view of the line. */
static CorpusTextStart assumed_start(const CorpusChunk *c)
{
    CorpusTextStart start = {c->file_start, c->mid_line, c->line_has_content, FALSE, FALSE};
    return start;
}

static void map(const CorpusWork *w, gpointer worker, gpointer result, gpointer user)
{
    CorpusTextStart start = assumed_start(w->chunk);
    (void)user;
    corpus_tokenizer_run(worker, w->text, w->len, w->chunk->offset, w->anchors, &start, result);
}

static gboolean reduce(const CorpusWork *w, gpointer result, gpointer user, GError **error)
{
    Stream *s = user;
    const CorpusChunk *c = w->chunk;
    CorpusTokenBatch *batch = result;

    if (c->mid_line && s->have_prev) {
        CorpusTextStart exact = {FALSE, TRUE, s->prev.tail_line_content,
                                 s->prev.tail_after_ender, s->prev.tail_after_initial};
        CorpusTextStart assumed = assumed_start(c);
        if (exact.line_has_content != assumed.line_has_content || exact.after_ender ||
            exact.after_initial) {
            if (!s->local)
                s->local = corpus_tokenizer_new(s->spec->norm, s->spec->docs);
            corpus_tokenizer_run(s->local, w->text, w->len, c->offset, w->anchors, &exact,
                                 batch);
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
    p.worker_new = worker_new;
    p.worker_free = worker_free;
    p.result_new = batch_new;
    p.result_free = batch_free;
    p.map = map;
    p.reduce = reduce;
    gboolean ok = corpus_pipeline_run(&p, files, n_files, error);
    corpus_tokenizer_free(s.local);
    return ok;
}
