/* CorpusStats: counting and lexical statistics (see stats.h, docs/stats.md).  The collector
 * keeps the ids of the counted tokens in input order and, per document, where its ids begin and
 * end and its bytes, characters and sentences; every statistic is computed afterwards from a
 * slice of the ids with scratch arrays indexed by id (counts, and stamps that mark the ids seen
 * in the current pass or MTLD segment without clearing anything).
 * SPDX-License-Identifier: MIT */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <corpus/buf.h>
#include <corpus/error.h>
#include <corpus/fit.h>
#include <corpus/stats.h>

/* ---- Scratch arrays over the ids ---------------------------------------------------------- */

typedef struct {
    guint32 n_ids;  /* size of the arrays */
    guint64 *count; /* per id; all zero between uses */
    guint64 *stamp; /* per id: the clock value of the last pass or segment that saw it */
    guint64 clock;  /* last stamp handed out */
    guint32 *types; /* the ids of the current slice, in order of first occurrence */
    guint64 *freq;  /* their frequencies, sorted descending */
    size_t n_types; /* entries in types and freq */
} Scratch;

static void scratch_init(Scratch *sc, guint32 n_ids)
{
    sc->n_ids = n_ids;
    sc->count = g_new0(guint64, MAX(n_ids, 1u));
    sc->stamp = g_new0(guint64, MAX(n_ids, 1u));
    sc->clock = 0;
    sc->types = g_new(guint32, MAX(n_ids, 1u));
    sc->freq = g_new(guint64, MAX(n_ids, 1u));
    sc->n_types = 0;
}

static void scratch_clear(Scratch *sc)
{
    g_free(sc->count);
    g_free(sc->stamp);
    g_free(sc->types);
    g_free(sc->freq);
    memset(sc, 0, sizeof *sc);
}

static int by_count_desc(const void *a, const void *b)
{
    guint64 x = *(const guint64 *)a, y = *(const guint64 *)b;
    return x > y ? -1 : x < y;
}

/* Count ids[0..n): fills sc->types and sc->freq (descending), and the number of types seen
 * after points[i] tokens into at[i] (points ascending, at most n; may be none). */
static void count_slice(Scratch *sc, const guint32 *ids, size_t n, const guint64 *points,
                        size_t n_points, guint64 *at)
{
    guint64 clock = ++sc->clock;
    size_t v = 0, p = 0;

    for (size_t i = 0; i < n; i++) {
        guint32 id = ids[i];
        if (sc->stamp[id] != clock) {
            sc->stamp[id] = clock;
            sc->types[v++] = id;
        }
        sc->count[id]++;
        while (p < n_points && points[p] == i + 1)
            at[p++] = v;
    }
    for (size_t k = 0; k < v; k++) {
        sc->freq[k] = sc->count[sc->types[k]];
        sc->count[sc->types[k]] = 0;
    }
    sc->n_types = v;
    qsort(sc->freq, v, sizeof(guint64), by_count_desc);
}

/* One MTLD pass (ALGORITHMS.md 5.1): a factor ends with the token after which the segment's
 * TTR is strictly below the threshold; the remainder adds (1 - TTR) / (1 - threshold). */
static double mtld_pass(Scratch *sc, const guint32 *ids, size_t n, double threshold,
                        gboolean reverse, guint64 *complete)
{
    guint64 seg_types = 0, seg_len = 0, done = 0;
    guint64 clock = ++sc->clock;

    for (size_t k = 0; k < n; k++) {
        guint32 id = reverse ? ids[n - 1 - k] : ids[k];
        seg_len++;
        if (sc->stamp[id] != clock) {
            sc->stamp[id] = clock;
            seg_types++;
        }
        if ((double)seg_types / (double)seg_len < threshold) {
            done++;
            clock = ++sc->clock;
            seg_types = seg_len = 0;
        }
    }
    double factors = (double)done;
    if (seg_len > 0)
        factors += (1 - (double)seg_types / (double)seg_len) / (1 - threshold);
    if (complete)
        *complete = done;
    return factors;
}

static double mtld_of(Scratch *sc, const guint32 *ids, size_t n, double threshold)
{
    guint64 fwd_done, bwd_done;
    double fwd = mtld_pass(sc, ids, n, threshold, FALSE, &fwd_done);
    double bwd = mtld_pass(sc, ids, n, threshold, TRUE, &bwd_done);
    if (fwd_done == 0 || bwd_done == 0)
        return NAN;
    return ((double)n / fwd + (double)n / bwd) / 2;
}

size_t corpus_heaps_checkpoints(guint64 n, guint64 **points)
{
    GArray *a = g_array_new(FALSE, FALSE, sizeof(guint64));
    guint64 last = 0;

    for (int j = 0; n > 0; j++) {
        double x = floor(pow(10.0, j / 10.0));
        if (!(x < (double)n))
            break;
        guint64 p = (guint64)x;
        if (p != last) {
            g_array_append_val(a, p);
            last = p;
        }
    }
    if (n > 0)
        g_array_append_val(a, n);
    size_t k = a->len;
    *points = (guint64 *)(void *)g_array_free(a, FALSE);
    return k;
}

/* Every token statistic of ids[0..n) (see corpus_stats_of_ids()). */
static void compute(Scratch *sc, const guint32 *ids, size_t n, CorpusStatsValues *v)
{
    guint64 *points = NULL;
    size_t n_points = corpus_heaps_checkpoints(n, &points);
    guint64 *at = g_new(guint64, n_points + 1);

    memset(v, 0, sizeof *v);
    count_slice(sc, ids, n, points, n_points, at);
    v->tokens = n;
    v->types = sc->n_types;
    v->mean_sentence_length = NAN;

    double N = (double)n, V = (double)sc->n_types, sum_sq = 0, sum_pairs = 0;
    for (size_t k = 0; k < sc->n_types; k++) {
        double f = (double)sc->freq[k];
        sum_sq += f * f;
        sum_pairs += f * (f - 1);
        v->hapax += sc->freq[k] == 1;
        v->dis += sc->freq[k] == 2;
    }
    v->ttr = n > 0 ? V / N : NAN;
    v->yule_k = n > 0 ? 1e4 * (sum_sq - N) / (N * N) : NAN;
    v->simpson_d = n > 1 ? sum_pairs / (N * (N - 1)) : NAN;
    v->herdan_c = n > 1 ? log(V) / log(N) : NAN;
    v->guiraud_r = n > 0 ? V / sqrt(N) : NAN;
    v->mtld = mtld_of(sc, ids, n, CORPUS_MTLD_THRESHOLD);
    corpus_zipf_mle(sc->freq, sc->n_types, &v->zipf_mle, &v->zipf_mle_se);
    corpus_zipf_ls(sc->freq, sc->n_types, &v->zipf_ls, &v->zipf_ls_r2);
    corpus_heaps_fit(points, at, n_points, &v->heaps_k, &v->heaps_beta, &v->heaps_r2);
    g_free(points);
    g_free(at);
}

void corpus_stats_of_ids(const guint32 *ids, size_t n, guint32 n_ids, CorpusStatsValues *v)
{
    Scratch sc;
    scratch_init(&sc, n_ids);
    compute(&sc, ids, n, v);
    scratch_clear(&sc);
}

double corpus_mtld_factors(const guint32 *ids, size_t n, guint32 n_ids, double threshold,
                           gboolean reverse, guint64 *complete)
{
    Scratch sc;
    scratch_init(&sc, n_ids);
    double f = mtld_pass(&sc, ids, n, threshold, reverse, complete);
    scratch_clear(&sc);
    return f;
}

double corpus_mtld(const guint32 *ids, size_t n, guint32 n_ids, double threshold)
{
    Scratch sc;
    scratch_init(&sc, n_ids);
    double m = mtld_of(&sc, ids, n, threshold);
    scratch_clear(&sc);
    return m;
}

/* ---- The collector -------------------------------------------------------------------- */

typedef struct {
    guint64 start, end;  /* its ids: ids[start..end) */
    guint64 bytes;       /* input bytes attributed to it (see docs/stats.md) */
    guint64 chars;       /* characters among them */
    guint64 sentences;   /* sentences with a counted token */
} Doc;

struct CorpusStats {
    CorpusStatsSpec spec;
    CorpusVocab *vocab;
    guint32 *ids;       /* counted tokens in input order */
    size_t n_ids, cap_ids;
    GArray *docs;       /* Doc; while a document is open, it is the last */
    GPtrArray *names;   /* one per Doc */
    guint64 bytes, chars, sentences; /* whole input */

    gboolean open;         /* a document is open */
    gboolean has_token;    /* it has a token of any class (para: whether it exists) */
    gboolean sent_counted; /* the current sentence has a counted token */
    char *file_name;       /* the input being read */
    guint64 file_docs;     /* documents begun in it */

    /* Bytes go to the document of the latest token: the bytes between two documents count
     * with the first, those before a file's first token with the file's first document. */
    guint64 pos;          /* file offset counted up to */
    gint64 owner;         /* index of the Doc that gets bytes; -1: none yet in this file */
    gboolean owner_moves; /* a document began: the next token hands it the bytes */
    guint64 lead_bytes, lead_chars; /* bytes of the file before its first token */
    gint64 file_first;    /* index of the file's first Doc, -1 if none */

    Scratch scratch;    /* sized to the vocabulary on first use after the run */
    gboolean have_scratch;
};

CorpusStats *corpus_stats_new(const CorpusStatsSpec *spec)
{
    CorpusStats *s = g_new0(CorpusStats, 1);
    s->spec = *spec;
    s->vocab = corpus_vocab_new(NULL);
    s->docs = g_array_new(FALSE, TRUE, sizeof(Doc));
    s->names = g_ptr_array_new_with_free_func(g_free);
    s->owner = -1;
    s->file_first = -1;
    return s;
}

void corpus_stats_free(CorpusStats *s)
{
    if (!s)
        return;
    corpus_vocab_free(s->vocab);
    g_free(s->ids);
    g_array_unref(s->docs);
    g_ptr_array_unref(s->names);
    g_free(s->file_name);
    if (s->have_scratch)
        scratch_clear(&s->scratch);
    g_free(s);
}

static Doc *last_doc(CorpusStats *s)
{
    return &g_array_index(s->docs, Doc, s->docs->len - 1);
}

/* End the open document.  Under para, a paragraph without a token is no document. */
static void close_doc(CorpusStats *s)
{
    if (!s->open)
        return;
    s->open = FALSE;
    if (s->spec.docs == CORPUS_DOCS_PARA && !s->has_token) {
        guint last = s->docs->len - 1;
        if (s->file_first == (gint64)last)
            s->file_first = -1;
        g_array_set_size(s->docs, last);
        g_ptr_array_set_size(s->names, (gint)last);
        s->file_docs--;
    }
}

/* k documents begin: the open one ends, k - 1 empty ones pass (none under para), one opens. */
static void begin_docs(CorpusStats *s, guint32 k)
{
    close_doc(s);
    if (s->spec.docs == CORPUS_DOCS_PARA)
        k = 1;
    for (guint32 i = 0; i < k; i++) {
        if (i)
            close_doc(s);
        Doc d = {.start = s->n_ids, .end = s->n_ids};
        g_array_append_val(s->docs, d);
        s->file_docs++;
        if (s->spec.docs == CORPUS_DOCS_FILE)
            g_ptr_array_add(s->names, g_strdup(s->file_name));
        else
            g_ptr_array_add(s->names,
                            g_strdup_printf("%s#%" G_GUINT64_FORMAT, s->file_name, s->file_docs));
        if (s->file_first < 0)
            s->file_first = (gint64)s->docs->len - 1;
        s->open = TRUE;
        s->has_token = FALSE;
    }
    s->sent_counted = FALSE;
    s->owner_moves = TRUE;
}

/* Characters of p[0..n): the bytes that are not UTF-8 continuation bytes. */
static guint64 count_chars(const char *p, size_t n)
{
    guint64 c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((guint8)p[i] & 0xC0) != 0x80;
    return c;
}

/* Attribute the chunk's bytes from pos up to file offset upto to the owner. */
static void flush_bytes(CorpusStats *s, const CorpusChunk *chunk, guint64 upto)
{
    guint64 base = chunk->offset, end = base + chunk->len;
    if (s->pos < base)
        s->pos = base;
    upto = CLAMP(upto, s->pos, end);
    guint64 bytes = upto - s->pos;
    guint64 chars = count_chars(chunk->data + (s->pos - base), (size_t)bytes);
    if (s->owner >= 0) {
        Doc *d = &g_array_index(s->docs, Doc, s->owner);
        d->bytes += bytes;
        d->chars += chars;
    } else {
        s->lead_bytes += bytes;
        s->lead_chars += chars;
    }
    s->pos = upto;
}

/* The first token of the open document, at file offset off, takes over the bytes. */
static void move_owner(CorpusStats *s, const CorpusChunk *chunk, guint64 off)
{
    flush_bytes(s, chunk, off);
    s->owner_moves = FALSE;
    if (!s->open)
        return;
    s->owner = (gint64)s->docs->len - 1;
    Doc *d = last_doc(s);
    d->bytes += s->lead_bytes;
    d->chars += s->lead_chars;
    s->lead_bytes = s->lead_chars = 0;
}

static gboolean add_token(CorpusStats *s, const CorpusToken *t, GError **error)
{
    if (s->n_ids == s->cap_ids) {
        size_t cap = MAX(s->cap_ids * 2, (size_t)1 << 16);
        guint32 *p = g_try_realloc_n(s->ids, cap, sizeof(guint32));
        if (!p) {
            g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_LIMIT,
                        "out of memory for the ids of %zu tokens", s->n_ids);
            return FALSE;
        }
        s->ids = p;
        s->cap_ids = cap;
    }
    guint32 id = corpus_vocab_intern(s->vocab, t->text, t->len);
    if (id >= CORPUS_VOCAB_MAX_IDS) {
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_LIMIT, "more than %u distinct tokens",
                    CORPUS_VOCAB_MAX_IDS);
        return FALSE;
    }
    s->ids[s->n_ids++] = id;
    gboolean new_sentence = !s->sent_counted;
    s->sent_counted = TRUE;
    s->sentences += new_sentence;
    if (s->open) {
        Doc *d = last_doc(s);
        d->end = s->n_ids;
        d->sentences += new_sentence;
    }
    return TRUE;
}

gboolean corpus_stats_consume(const CorpusTokenBatch *batch, const CorpusChunk *chunk,
                              gpointer user, GError **error)
{
    CorpusStats *s = user;

    if (chunk->file_start) {
        g_free(s->file_name);
        s->file_name = g_strdup(chunk->file_name);
        s->file_docs = 0;
        s->pos = chunk->offset;
        s->owner = -1;
        s->owner_moves = FALSE;
        s->lead_bytes = s->lead_chars = 0;
        s->file_first = -1;
    }
    s->bytes += chunk->len;
    s->chars += count_chars(chunk->data, chunk->len);
    for (size_t k = 0; k < batch->n; k++) {
        const CorpusToken *t = &batch->tokens[k];
        if (t->doc_starts)
            begin_docs(s, t->doc_starts);
        else if (t->flags & CORPUS_TOKEN_SENT_START)
            s->sent_counted = FALSE;
        if (s->owner_moves)
            move_owner(s, chunk, t->off);
        s->has_token = TRUE;
        if ((s->spec.keep & (1u << t->cls)) && !(t->flags & CORPUS_TOKEN_STOP) &&
            !add_token(s, t, error))
            return FALSE;
    }
    if (batch->tail_doc_starts)
        begin_docs(s, batch->tail_doc_starts);
    else if (batch->tail_sent_end)
        s->sent_counted = FALSE;
    flush_bytes(s, chunk, chunk->offset + chunk->len);
    if (chunk->file_end) {
        close_doc(s);
        /* A file without tokens: its bytes go to its document, if it has one. */
        if (s->owner < 0 && s->file_first >= 0) {
            Doc *d = &g_array_index(s->docs, Doc, s->file_first);
            d->bytes += s->lead_bytes;
            d->chars += s->lead_chars;
        }
        s->lead_bytes = s->lead_chars = 0;
        s->owner_moves = FALSE;
    }
    return TRUE;
}

guint64 corpus_stats_n_docs(const CorpusStats *s)
{
    return s->docs->len;
}

const char *corpus_stats_doc_name(const CorpusStats *s, guint64 doc)
{
    return g_ptr_array_index(s->names, doc);
}

static Scratch *get_scratch(CorpusStats *s)
{
    if (!s->have_scratch) {
        scratch_init(&s->scratch, corpus_vocab_size(s->vocab));
        s->have_scratch = TRUE;
    }
    return &s->scratch;
}

/* The ids of the whole input or of one document. */
static const guint32 *slice(const CorpusStats *s, guint64 doc, size_t *n)
{
    if (doc == CORPUS_STATS_ALL) {
        *n = s->n_ids;
        return s->ids;
    }
    const Doc *d = &g_array_index(s->docs, Doc, doc);
    *n = (size_t)(d->end - d->start);
    return s->ids ? s->ids + d->start : NULL;
}

void corpus_stats_values(CorpusStats *s, guint64 doc, CorpusStatsValues *v)
{
    size_t n;
    const guint32 *ids = slice(s, doc, &n);
    compute(get_scratch(s), ids, n, v);
    if (doc == CORPUS_STATS_ALL) {
        v->bytes = s->bytes;
        v->characters = s->chars;
        v->sentences = s->sentences;
        v->documents = s->docs->len;
    } else {
        const Doc *d = &g_array_index(s->docs, Doc, doc);
        v->bytes = d->bytes;
        v->characters = d->chars;
        v->sentences = d->sentences;
        v->documents = 1;
    }
    v->mean_sentence_length = v->sentences > 0 ? (double)v->tokens / (double)v->sentences : NAN;
}

/* ---- Output ---------------------------------------------------------------------------- */

typedef struct {
    const char *name;
    gboolean is_double;
    size_t off;
} Field;

#define U64(f) {#f, FALSE, offsetof(CorpusStatsValues, f)}
#define DBL(name, f) {name, TRUE, offsetof(CorpusStatsValues, f)}
static const Field fields[] = {
    U64(bytes),
    U64(characters),
    U64(tokens),
    U64(types),
    U64(sentences),
    U64(documents),
    DBL("mean_sentence_length", mean_sentence_length),
    DBL("ttr", ttr),
    {"hapax_legomena", FALSE, offsetof(CorpusStatsValues, hapax)},
    {"dis_legomena", FALSE, offsetof(CorpusStatsValues, dis)},
    DBL("yule_k", yule_k),
    DBL("simpson_d", simpson_d),
    DBL("herdan_c", herdan_c),
    DBL("guiraud_r", guiraud_r),
    DBL("mtld", mtld),
    DBL("zipf_s_mle", zipf_mle),
    DBL("zipf_s_mle_se", zipf_mle_se),
    DBL("zipf_s_ls", zipf_ls),
    DBL("zipf_ls_r2", zipf_ls_r2),
    DBL("heaps_k", heaps_k),
    DBL("heaps_beta", heaps_beta),
    DBL("heaps_r2", heaps_r2),
};
#undef U64
#undef DBL

/* The documents field is left out of per-document rows. */
static gboolean field_shown(const Field *f, gboolean by_doc)
{
    return !(by_doc && strcmp(f->name, "documents") == 0);
}

/* A value: an integer, a shortest round-trip double, or nothing (TSV) / null (JSON) when it is
 * not defined. */
static void put_value(CorpusBuf *b, const CorpusStatsValues *v, const Field *f, gboolean jsonl)
{
    const char *p = (const char *)v + f->off;
    if (!f->is_double) {
        guint64 x;
        memcpy(&x, p, sizeof x);
        corpus_buf_put_u64(b, x);
        return;
    }
    double x;
    memcpy(&x, p, sizeof x);
    if (isfinite(x))
        corpus_buf_put_double(b, x);
    else if (jsonl)
        corpus_buf_append(b, "null", 4);
}

static void put_str(CorpusBuf *b, const char *s)
{
    corpus_buf_append(b, s, strlen(s));
}

/* The start of a JSON row: {"doc":"NAME" */
static void put_doc_json(CorpusBuf *b, const char *name)
{
    put_str(b, "{\"doc\":\"");
    corpus_buf_put_json(b, name, strlen(name));
    put_str(b, "\"");
}

static gboolean write_table(CorpusStats *s, const CorpusStatsWriteSpec *spec, CorpusOut *out,
                            GError **error)
{
    CorpusBuf *b = corpus_out_buf(out);
    CorpusStatsValues v;

    if (!spec->by_doc) {
        corpus_stats_values(s, CORPUS_STATS_ALL, &v);
        if (spec->jsonl) {
            for (size_t i = 0; i < G_N_ELEMENTS(fields); i++) {
                put_str(b, i ? ",\"" : "{\"");
                put_str(b, fields[i].name);
                put_str(b, "\":");
                put_value(b, &v, &fields[i], TRUE);
            }
            put_str(b, "}\n");
            return TRUE;
        }
        if (spec->header)
            put_str(b, "statistic\tvalue\n");
        for (size_t i = 0; i < G_N_ELEMENTS(fields); i++) {
            put_str(b, fields[i].name);
            corpus_buf_putc(b, '\t');
            put_value(b, &v, &fields[i], FALSE);
            corpus_buf_putc(b, '\n');
        }
        return TRUE;
    }
    if (!spec->jsonl && spec->header) {
        put_str(b, "doc");
        for (size_t i = 0; i < G_N_ELEMENTS(fields); i++) {
            if (field_shown(&fields[i], TRUE)) {
                corpus_buf_putc(b, '\t');
                put_str(b, fields[i].name);
            }
        }
        corpus_buf_putc(b, '\n');
    }
    for (guint64 d = 0; d < s->docs->len; d++) {
        const char *name = corpus_stats_doc_name(s, d);
        corpus_stats_values(s, d, &v);
        if (spec->jsonl)
            put_doc_json(b, name);
        else
            put_str(b, name);
        for (size_t i = 0; i < G_N_ELEMENTS(fields); i++) {
            if (!field_shown(&fields[i], TRUE))
                continue;
            if (spec->jsonl) {
                put_str(b, ",\"");
                put_str(b, fields[i].name);
                put_str(b, "\":");
            } else {
                corpus_buf_putc(b, '\t');
            }
            put_value(b, &v, &fields[i], spec->jsonl);
        }
        put_str(b, spec->jsonl ? "}\n" : "\n");
        if (!corpus_out_flush_if_full(out, error))
            return FALSE;
    }
    return TRUE;
}

/* One row of two integers, after the document's name when there is one. */
static void put_pair(CorpusBuf *b, const char *doc, const char *k1, guint64 x1, const char *k2,
                     guint64 x2, gboolean jsonl)
{
    if (jsonl) {
        if (doc) {
            put_doc_json(b, doc);
            put_str(b, ",\"");
        } else {
            put_str(b, "{\"");
        }
        put_str(b, k1);
        put_str(b, "\":");
        corpus_buf_put_u64(b, x1);
        put_str(b, ",\"");
        put_str(b, k2);
        put_str(b, "\":");
        corpus_buf_put_u64(b, x2);
        put_str(b, "}\n");
        return;
    }
    if (doc) {
        put_str(b, doc);
        corpus_buf_putc(b, '\t');
    }
    corpus_buf_put_u64(b, x1);
    corpus_buf_putc(b, '\t');
    corpus_buf_put_u64(b, x2);
    corpus_buf_putc(b, '\n');
}

/* The growth points of n tokens: every step tokens and n, or the Heaps checkpoints. */
static size_t growth_points(guint64 n, guint64 step, guint64 **points)
{
    if (step == 0)
        return corpus_heaps_checkpoints(n, points);
    guint64 k = n / step + (n % step != 0);
    *points = g_new(guint64, k + 1);
    for (guint64 i = 0; i < k; i++)
        (*points)[i] = MIN((i + 1) * step, n);
    return (size_t)k;
}

/* The spectrum or growth rows of the whole input or of one document. */
static gboolean write_curve(CorpusStats *s, const CorpusStatsWriteSpec *spec, guint64 doc,
                            CorpusOut *out, GError **error)
{
    CorpusBuf *b = corpus_out_buf(out);
    const char *name = doc == CORPUS_STATS_ALL ? NULL : corpus_stats_doc_name(s, doc);
    Scratch *sc = get_scratch(s);
    size_t n;
    const guint32 *ids = slice(s, doc, &n);

    if (spec->table == CORPUS_STATS_SPECTRUM) {
        count_slice(sc, ids, n, NULL, 0, NULL);
        /* freq is descending: walk it backwards in runs of one frequency. */
        for (size_t k = sc->n_types; k > 0;) {
            size_t j = k;
            while (j > 0 && sc->freq[j - 1] == sc->freq[k - 1])
                j--;
            put_pair(b, name, "frequency", sc->freq[k - 1], "types", k - j, spec->jsonl);
            k = j;
            if (!corpus_out_flush_if_full(out, error))
                return FALSE;
        }
        return TRUE;
    }
    guint64 *points = NULL;
    size_t n_points = growth_points(n, spec->growth_step, &points);
    guint64 *at = g_new(guint64, n_points + 1);
    count_slice(sc, ids, n, points, n_points, at);
    gboolean ok = TRUE;
    for (size_t i = 0; i < n_points && ok; i++) {
        put_pair(b, name, "tokens", points[i], "types", at[i], spec->jsonl);
        ok = corpus_out_flush_if_full(out, error);
    }
    g_free(points);
    g_free(at);
    return ok;
}

gboolean corpus_stats_write(CorpusStats *s, const CorpusStatsWriteSpec *spec, CorpusOut *out,
                            GError **error)
{
    if (spec->table == CORPUS_STATS_TABLE)
        return write_table(s, spec, out, error);
    if (!spec->jsonl && spec->header) {
        CorpusBuf *b = corpus_out_buf(out);
        if (spec->by_doc)
            put_str(b, "doc\t");
        put_str(b, spec->table == CORPUS_STATS_SPECTRUM ? "frequency\ttypes\n"
                                                        : "tokens\ttypes\n");
    }
    if (!spec->by_doc)
        return write_curve(s, spec, CORPUS_STATS_ALL, out, error);
    for (guint64 d = 0; d < s->docs->len; d++) {
        if (!write_curve(s, spec, d, out, error))
            return FALSE;
    }
    return TRUE;
}
