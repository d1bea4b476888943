/* CorpusDocTerms: terms per document (see docterms.h).  The terms of the open document are
 * collected as ids; when the document ends they are sorted and counted into a compressed
 * sparse row matrix (doc -> distinct term ids and counts), and each distinct term adds one to
 * its document frequency.
 * SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include <corpus/buf.h>
#include <corpus/docterms.h>

#define MAX_ORDER 9

typedef struct {
    const char *text;
    guint32 len;
} Item;

struct CorpusDocTerms {
    CorpusDocTermsSpec spec;
    CorpusVocab *vocab;
    GArray *df;     /* guint64 per term id */
    GArray *starts; /* guint64 per document, then the end: where its terms begin in ids */
    GArray *ids;    /* guint32: distinct term ids of each document, ascending */
    GArray *counts; /* guint64: their counts */
    GPtrArray *names;
    GArray *cur;        /* guint32: term ids of the open document, as they come */
    gboolean open;      /* a document has begun (it may have no term yet) */
    gboolean has_token; /* the open document has a token (para: whether it exists at all) */
    char *file_name;    /* the input being read */
    guint64 file_docs;  /* documents begun in it */
    Item window[MAX_ORDER]; /* the last counted tokens of the sentence */
    guint n_window;
    CorpusBuf saved; /* the window's bytes once its batch is gone */
    CorpusBuf term;  /* scratch: an n-gram's bytes */
};

CorpusDocTerms *corpus_doc_terms_new(const CorpusDocTermsSpec *spec)
{
    g_return_val_if_fail(spec->n_min >= 1 && spec->n_min <= spec->n_max &&
                             spec->n_max <= MAX_ORDER,
                         NULL);
    CorpusDocTerms *d = g_new0(CorpusDocTerms, 1);
    guint64 zero = 0;
    d->spec = *spec;
    d->vocab = corpus_vocab_new(NULL);
    d->df = g_array_new(FALSE, TRUE, sizeof(guint64));
    d->starts = g_array_new(FALSE, FALSE, sizeof(guint64));
    g_array_append_val(d->starts, zero);
    d->ids = g_array_new(FALSE, FALSE, sizeof(guint32));
    d->counts = g_array_new(FALSE, FALSE, sizeof(guint64));
    d->names = g_ptr_array_new_with_free_func(g_free);
    d->cur = g_array_new(FALSE, FALSE, sizeof(guint32));
    return d;
}

void corpus_doc_terms_free(CorpusDocTerms *d)
{
    if (!d)
        return;
    corpus_vocab_free(d->vocab);
    g_array_unref(d->df);
    g_array_unref(d->starts);
    g_array_unref(d->ids);
    g_array_unref(d->counts);
    g_ptr_array_unref(d->names);
    g_array_unref(d->cur);
    g_free(d->file_name);
    corpus_buf_clear(&d->saved);
    corpus_buf_clear(&d->term);
    g_free(d);
}

static int by_id(const void *a, const void *b)
{
    guint32 x = *(const guint32 *)a, y = *(const guint32 *)b;
    return x < y ? -1 : x > y;
}

/* End the open document: its terms, counted, go into the matrix.  Under para, a paragraph
 * without a token is no document. */
static void close_doc(CorpusDocTerms *d)
{
    if (!d->open)
        return;
    d->open = FALSE;
    if (d->spec.docs == CORPUS_DOCS_PARA && !d->has_token) {
        d->file_docs--;
        return;
    }
    guint32 *ids = (guint32 *)(void *)d->cur->data;
    size_t n = d->cur->len;
    if (n > 1)
        qsort(ids, n, sizeof(guint32), by_id);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && ids[j] == ids[i])
            j++;
        guint64 count = j - i;
        g_array_append_val(d->ids, ids[i]);
        g_array_append_val(d->counts, count);
        g_array_index(d->df, guint64, ids[i])++;
        i = j;
    }
    g_array_set_size(d->cur, 0);
    guint64 end = d->ids->len;
    g_array_append_val(d->starts, end);
    if (d->spec.docs == CORPUS_DOCS_FILE)
        g_ptr_array_add(d->names, g_strdup(d->file_name));
    else
        g_ptr_array_add(d->names,
                        g_strdup_printf("%s#%" G_GUINT64_FORMAT, d->file_name, d->file_docs));
}

/* k documents begin: the open one ends, k - 1 empty ones pass (none under para), one opens. */
static void begin_docs(CorpusDocTerms *d, guint32 k)
{
    close_doc(d);
    if (d->spec.docs == CORPUS_DOCS_PARA)
        k = 1;
    for (guint32 i = 0; i < k; i++) {
        if (i)
            close_doc(d);
        d->open = TRUE;
        d->has_token = FALSE;
        d->file_docs++;
    }
    d->n_window = 0;
}

static void add_term(CorpusDocTerms *d, const char *s, size_t len)
{
    guint32 id = corpus_vocab_add(d->vocab, s, len, 1);
    if (id >= d->df->len)
        g_array_set_size(d->df, id + 1);
    g_array_append_val(d->cur, id);
}

/* A counted token: its terms are the n-grams that end with it. */
static void add_token(CorpusDocTerms *d, const CorpusToken *t)
{
    guint cap = d->spec.n_max;
    if (cap > 1) {
        if (d->n_window == cap) {
            memmove(d->window, d->window + 1, (cap - 1) * sizeof(Item));
            d->n_window--;
        }
        d->window[d->n_window++] = (Item){t->text, t->len};
    }
    for (guint n = d->spec.n_min; n <= d->spec.n_max; n++) {
        if (n == 1) {
            add_term(d, t->text, t->len);
            continue;
        }
        if (d->n_window < n)
            break;
        d->term.len = 0;
        for (guint i = d->n_window - n; i < d->n_window; i++) {
            if (i > d->n_window - n)
                corpus_buf_putc(&d->term, ' ');
            corpus_buf_append(&d->term, d->window[i].text, d->window[i].len);
        }
        add_term(d, d->term.data, d->term.len);
    }
}

/* Copy the window out of the batch, which is about to be reused. */
static void save_window(CorpusDocTerms *d)
{
    CorpusBuf fresh = CORPUS_BUF_INIT;
    size_t total = 1;
    for (guint i = 0; i < d->n_window; i++)
        total += d->window[i].len;
    corpus_buf_reserve(&fresh, total);
    for (guint i = 0; i < d->n_window; i++) {
        size_t at = fresh.len;
        corpus_buf_append(&fresh, d->window[i].text, d->window[i].len);
        d->window[i].text = fresh.data + at;
    }
    corpus_buf_clear(&d->saved);
    d->saved = fresh;
}

gboolean corpus_doc_terms_consume(const CorpusTokenBatch *batch, const CorpusChunk *chunk,
                                  gpointer user, GError **error)
{
    CorpusDocTerms *d = user;
    (void)error;

    if (chunk->file_start) {
        g_free(d->file_name);
        d->file_name = g_strdup(chunk->file_name);
        d->file_docs = 0;
    }
    for (size_t k = 0; k < batch->n; k++) {
        const CorpusToken *t = &batch->tokens[k];
        if (t->doc_starts)
            begin_docs(d, t->doc_starts);
        else if (t->flags & CORPUS_TOKEN_SENT_START)
            d->n_window = 0;
        d->has_token = TRUE;
        if ((d->spec.keep & (1u << t->cls)) && !(t->flags & CORPUS_TOKEN_STOP))
            add_token(d, t);
    }
    if (batch->tail_doc_starts)
        begin_docs(d, batch->tail_doc_starts);
    else if (batch->tail_sent_end)
        d->n_window = 0;
    if (chunk->file_end) {
        close_doc(d);
        d->n_window = 0;
    }
    save_window(d);
    return TRUE;
}

guint64 corpus_doc_terms_count(const CorpusDocTerms *d)
{
    return d->names->len;
}

const char *corpus_doc_terms_name(const CorpusDocTerms *d, guint64 i)
{
    return g_ptr_array_index(d->names, i);
}

size_t corpus_doc_terms_get(const CorpusDocTerms *d, guint64 i, const guint32 **ids,
                            const guint64 **counts)
{
    guint64 from = g_array_index(d->starts, guint64, i);
    guint64 to = g_array_index(d->starts, guint64, i + 1);
    *ids = &g_array_index(d->ids, guint32, from);
    *counts = &g_array_index(d->counts, guint64, from);
    return (size_t)(to - from);
}

CorpusVocab *corpus_doc_terms_vocab(CorpusDocTerms *d)
{
    return d->vocab;
}

guint64 corpus_doc_terms_df(const CorpusDocTerms *d, guint32 id)
{
    return id < d->df->len ? g_array_index(d->df, guint64, id) : 0;
}
