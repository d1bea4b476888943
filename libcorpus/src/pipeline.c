/* CorpusPipeline: chunked reading, parallel map, in-order reduce (see pipeline.h).
 * SPDX-License-Identifier: MIT */
#include <string.h>

#include <corpus/error.h>
#include <corpus/pipeline.h>

typedef struct {
    CorpusChunk *chunk;      /* bytes and position */
    CorpusBuf clean;         /* text after the --on-invalid policy, when it had to change */
    GArray *anchors;         /* CorpusOffsetAnchor for clean */
    CorpusUtf8Report report; /* invalid sequences of the chunk */
    gboolean failed;         /* invalid UTF-8 under the fail policy */
    CorpusWork work;         /* what map and reduce see */
    gpointer result;         /* the spec's result object */
    gboolean done;           /* map has finished (guarded by Run.lock) */
} Slot;

typedef struct {
    const CorpusPipelineSpec *spec;
    Slot *slots;
    guint n_slots;
    GMutex lock;
    GCond cond;
    GAsyncQueue *queue; /* Slot * to work on; the run itself as the stop sentinel */
    GThread **threads;
    guint n_threads;
    volatile gint stop; /* set when the run ends early: workers skip map */
} Run;

/* Apply the invalid-UTF-8 policy, then map.  Runs on a worker (or the calling) thread. */
static void work_on(Run *run, Slot *slot, gpointer worker)
{
    const CorpusPipelineSpec *spec = run->spec;
    CorpusChunk *c = slot->chunk;
    size_t ok = corpus_utf8_valid_prefix(c->data, c->len);

    memset(&slot->report, 0, sizeof slot->report);
    slot->failed = FALSE;
    slot->work.chunk = c;
    slot->work.text = c->data;
    slot->work.len = c->len;
    slot->work.anchors = NULL;
    if (ok < c->len) {
        slot->clean.len = 0;
        g_array_set_size(slot->anchors, 0);
        if (!corpus_utf8_sanitize(c->data, c->len, spec->on_invalid, &slot->clean,
                                  slot->anchors, &slot->report)) {
            slot->failed = TRUE;
            return;
        }
        slot->work.text = slot->clean.data ? slot->clean.data : "";
        slot->work.len = slot->clean.len;
        slot->work.anchors = slot->anchors;
    }
    if (!g_atomic_int_get(&run->stop))
        spec->map(&slot->work, worker, slot->result, spec->user);
}

static gpointer worker_main(gpointer data)
{
    Run *run = data;
    gpointer worker = run->spec->worker_new ? run->spec->worker_new(run->spec->user) : NULL;

    for (;;) {
        gpointer item = g_async_queue_pop(run->queue);
        if (item == (gpointer)run)
            break;
        Slot *slot = item;
        work_on(run, slot, worker);
        g_mutex_lock(&run->lock);
        slot->done = TRUE;
        g_cond_broadcast(&run->cond);
        g_mutex_unlock(&run->lock);
    }
    if (run->spec->worker_free)
        run->spec->worker_free(worker);
    return NULL;
}

static void invalid_message(GString *msg, const CorpusChunk *c, const CorpusUtf8Report *r)
{
    char bytes[40];

    corpus_utf8_describe_bytes(r, bytes, sizeof bytes);
    g_string_append_printf(msg, "%s:%" G_GUINT64_FORMAT ": byte %" G_GUINT64_FORMAT
                                ": invalid UTF-8 (%s%s)",
                           c->file_name, corpus_chunk_line_at(c, r->first), c->offset + r->first,
                           bytes, r->at_end ? " at end of file" : "");
}

/* Per-file bookkeeping for --on-invalid=warn: the first location and the total. */
typedef struct {
    GString *first; /* message of the first invalid sequence of the file, or NULL */
    guint64 count;  /* invalid sequences in the file */
} FileWarn;

static void note_warnings(const CorpusPipelineSpec *spec, FileWarn *fw, const Slot *slot)
{
    const CorpusChunk *c = slot->chunk;

    if (spec->on_invalid == CORPUS_INVALID_WARN && slot->report.count) {
        if (!fw->first) {
            fw->first = g_string_new(NULL);
            invalid_message(fw->first, c, &slot->report);
        }
        fw->count += slot->report.count;
    }
    if (c->file_end && fw->first) {
        g_string_append_printf(fw->first,
                               "; %" G_GUINT64_FORMAT " invalid sequence%s in this file "
                               "replaced with U+FFFD",
                               fw->count, fw->count == 1 ? "" : "s");
        if (spec->warn)
            spec->warn(fw->first->str, spec->user);
        g_string_free(fw->first, TRUE);
        fw->first = NULL;
        fw->count = 0;
    }
}

/* Wait until slot is mapped. */
static void wait_done(Run *run, Slot *slot)
{
    g_mutex_lock(&run->lock);
    while (!slot->done)
        g_cond_wait(&run->cond, &run->lock);
    g_mutex_unlock(&run->lock);
}

static void run_init(Run *run, const CorpusPipelineSpec *spec)
{
    memset(run, 0, sizeof *run);
    run->spec = spec;
    run->n_threads = spec->n_threads > 1 ? spec->n_threads : 0;
    /* Two chunks per worker keep every worker busy while the reader and reducer run. */
    run->n_slots = run->n_threads ? 2 * run->n_threads + 1 : 1;
    run->slots = g_new0(Slot, run->n_slots);
    for (guint i = 0; i < run->n_slots; i++) {
        run->slots[i].chunk = corpus_chunk_new();
        run->slots[i].anchors = g_array_new(FALSE, FALSE, sizeof(CorpusOffsetAnchor));
        run->slots[i].result = spec->result_new ? spec->result_new(spec->user) : NULL;
        run->slots[i].done = TRUE;
    }
    g_mutex_init(&run->lock);
    g_cond_init(&run->cond);
    if (run->n_threads) {
        run->queue = g_async_queue_new();
        run->threads = g_new0(GThread *, run->n_threads);
        for (guint i = 0; i < run->n_threads; i++)
            run->threads[i] = g_thread_new("corpus-worker", worker_main, run);
    }
}

static void run_clear(Run *run)
{
    const CorpusPipelineSpec *spec = run->spec;

    g_atomic_int_set(&run->stop, 1);
    for (guint i = 0; i < run->n_slots; i++)
        wait_done(run, &run->slots[i]);
    if (run->n_threads) {
        for (guint i = 0; i < run->n_threads; i++)
            g_async_queue_push(run->queue, run);
        for (guint i = 0; i < run->n_threads; i++)
            g_thread_join(run->threads[i]);
        g_free(run->threads);
        g_async_queue_unref(run->queue);
    }
    for (guint i = 0; i < run->n_slots; i++) {
        corpus_chunk_free(run->slots[i].chunk);
        corpus_buf_clear(&run->slots[i].clean);
        g_array_unref(run->slots[i].anchors);
        if (spec->result_free)
            spec->result_free(run->slots[i].result);
    }
    g_free(run->slots);
    g_mutex_clear(&run->lock);
    g_cond_clear(&run->cond);
}

gboolean corpus_pipeline_run(const CorpusPipelineSpec *spec, const char *const *files,
                             guint n_files, GError **error)
{
    static const char *const stdin_only[] = {"-"};
    Run run;
    CorpusReader *reader = NULL;
    gpointer inline_worker = NULL;
    FileWarn fw = {NULL, 0};
    guint next_file = 0;
    guint64 read_seq = 0, reduce_seq = 0, bytes_done = 0;
    gint64 total = 0;
    gboolean ok = TRUE;

    if (n_files == 0) {
        files = stdin_only;
        n_files = 1;
    }
    for (guint i = 0; i < n_files; i++)
        if (!corpus_reader_check(files[i], error))
            return FALSE;

    run_init(&run, spec);
    if (!run.n_threads && spec->worker_new)
        inline_worker = spec->worker_new(spec->user);

    for (;;) {
        /* Read ahead while there is a free slot. */
        while (ok && read_seq - reduce_seq < run.n_slots && next_file < n_files) {
            Slot *slot = &run.slots[read_seq % run.n_slots];
            if (!reader) {
                reader = corpus_reader_open(files[next_file], next_file, error);
                if (!reader) {
                    ok = FALSE;
                    break;
                }
                gint64 size = corpus_reader_size(reader);
                total = (size < 0 || total < 0) ? -1 : total + size;
            }
            if (!corpus_reader_next(reader, slot->chunk, error)) {
                ok = FALSE;
                break;
            }
            slot->chunk->seq = read_seq++;
            if (slot->chunk->file_end) {
                corpus_reader_free(reader);
                reader = NULL;
                next_file++;
            }
            if (run.n_threads) {
                slot->done = FALSE;
                g_async_queue_push(run.queue, slot);
            } else {
                work_on(&run, slot, inline_worker);
            }
        }
        if (!ok || reduce_seq == read_seq)
            break;

        /* Consume the oldest chunk. */
        Slot *slot = &run.slots[reduce_seq % run.n_slots];
        wait_done(&run, slot);
        if (slot->failed) {
            GString *msg = g_string_new(NULL);
            invalid_message(msg, slot->chunk, &slot->report);
            g_set_error_literal(error, CORPUS_ERROR, CORPUS_ERROR_INVALID_UTF8, msg->str);
            g_string_free(msg, TRUE);
            ok = FALSE;
            break;
        }
        note_warnings(spec, &fw, slot);
        if (!spec->reduce(&slot->work, slot->result, spec->user, error)) {
            ok = FALSE;
            break;
        }
        reduce_seq++;
        bytes_done += slot->chunk->len;
        if (spec->progress)
            spec->progress(bytes_done, total, spec->user);
    }

    if (fw.first)
        g_string_free(fw.first, TRUE);
    corpus_reader_free(reader);
    if (inline_worker && spec->worker_free)
        spec->worker_free(inline_worker);
    run_clear(&run);
    return ok;
}
