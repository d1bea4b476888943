/* TF-IDF weights (see tfidf.h).
 * SPDX-License-Identifier: MIT */
#include <math.h>
#include <string.h>

#include <corpus/buf.h>
#include <corpus/error.h>
#include <corpus/runs.h>
#include <corpus/tableread.h>
#include <corpus/tfidf.h>

static const char *const tf_names[] = {"raw", "log", "binary", "augmented", "logave"};
static const char *const idf_names[] = {"smooth", "plain", "log", "prob", "none"};
static const char *const unit_names[] = {"l2", "l1", "none"};

static gboolean lookup(const char *option, const char *value, const char *const *names,
                       guint n, int *out, GError **error)
{
    for (guint i = 0; i < n; i++) {
        if (strcmp(value, names[i]) == 0) {
            *out = (int)i;
            return TRUE;
        }
    }
    g_autoptr(GString) list = g_string_new(NULL);
    for (guint i = 0; i < n; i++)
        g_string_append_printf(list, "%s%s", i ? (i + 1 == n ? " or " : ", ") : "", names[i]);
    g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_USAGE, "invalid %s value '%s' (expected %s)",
                option, value, list->str);
    return FALSE;
}

gboolean corpus_tfidf_parse(const char *tf, const char *idf, const char *unit,
                            CorpusTfidfScheme *scheme, GError **error)
{
    int v;

    if (tf) {
        if (!lookup("--tf", tf, tf_names, G_N_ELEMENTS(tf_names), &v, error))
            return FALSE;
        scheme->tf = (CorpusTfWeight)v;
    }
    if (idf) {
        if (!lookup("--idf", idf, idf_names, G_N_ELEMENTS(idf_names), &v, error))
            return FALSE;
        scheme->idf = (CorpusIdfWeight)v;
    }
    if (unit) {
        if (!lookup("--unit", unit, unit_names, G_N_ELEMENTS(unit_names), &v, error))
            return FALSE;
        scheme->unit = (CorpusUnit)v;
    }
    return TRUE;
}

gboolean corpus_tfidf_parse_smart(const char *smart, CorpusTfidfScheme *scheme, GError **error)
{
    static const char tf_letters[] = "nlabL", idf_letters[] = "ntp", unit_letters[] = "nc";
    static const CorpusTfWeight tfs[] = {CORPUS_TF_RAW, CORPUS_TF_LOG, CORPUS_TF_AUGMENTED,
                                         CORPUS_TF_BINARY, CORPUS_TF_LOG_AVE};
    static const CorpusIdfWeight idfs[] = {CORPUS_IDF_NONE, CORPUS_IDF_LOG, CORPUS_IDF_PROB};
    static const CorpusUnit units[] = {CORPUS_UNIT_NONE, CORPUS_UNIT_L2};
    const char *a, *b, *c;

    /* strchr() also finds the terminating NUL: the length check comes first. */
    if (strlen(smart) != 3 || !(a = strchr(tf_letters, smart[0])) ||
        !(b = strchr(idf_letters, smart[1])) || !(c = strchr(unit_letters, smart[2]))) {
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_USAGE,
                    "invalid --smart value '%s' (expected three letters: term frequency n, l, "
                    "a, b or L; document frequency n, t or p; normalization n or c)",
                    smart);
        return FALSE;
    }
    scheme->tf = tfs[a - tf_letters];
    scheme->idf = idfs[b - idf_letters];
    scheme->unit = units[c - unit_letters];
    return TRUE;
}

double corpus_tf_weight(CorpusTfWeight w, guint64 tf, guint64 max_tf, double avg_tf)
{
    if (tf == 0)
        return 0;
    switch (w) {
    case CORPUS_TF_RAW:
        return (double)tf;
    case CORPUS_TF_LOG:
        return 1 + log((double)tf);
    case CORPUS_TF_BINARY:
        return 1;
    case CORPUS_TF_AUGMENTED:
        return 0.5 + 0.5 * (double)tf / (double)MAX(max_tf, tf);
    case CORPUS_TF_LOG_AVE:
        return (1 + log((double)tf)) / (1 + log(MAX(avg_tf, 1.0)));
    }
    return (double)tf;
}

double corpus_idf_weight(CorpusIdfWeight w, guint64 n_docs, guint64 df)
{
    double n = (double)n_docs, d = (double)MAX(df, 1u);
    switch (w) {
    case CORPUS_IDF_SMOOTH:
        return log((1 + n) / (1 + d)) + 1;
    case CORPUS_IDF_PLAIN:
        return log(n / d) + 1;
    case CORPUS_IDF_LOG:
        return log(n / d);
    case CORPUS_IDF_PROB:
        return n > d ? MAX(0.0, log((n - d) / d)) : 0;
    case CORPUS_IDF_NONE:
        return 1;
    }
    return 1;
}

double corpus_tfidf_row(const CorpusTfidfScheme *scheme, const guint64 *tf, const double *idf,
                        size_t n, double *out)
{
    guint64 max_tf = 0, sum_tf = 0;
    size_t distinct = 0;
    double norm = 0;

    for (size_t i = 0; i < n; i++) {
        max_tf = MAX(max_tf, tf[i]);
        sum_tf += tf[i];
        distinct += tf[i] > 0;
    }
    double avg_tf = distinct ? (double)sum_tf / (double)distinct : 0;
    for (size_t i = 0; i < n; i++)
        out[i] = corpus_tf_weight(scheme->tf, tf[i], max_tf, avg_tf) * idf[i];
    if (scheme->unit == CORPUS_UNIT_NONE)
        return 0;
    for (size_t i = 0; i < n; i++)
        norm += scheme->unit == CORPUS_UNIT_L2 ? out[i] * out[i] : fabs(out[i]);
    if (scheme->unit == CORPUS_UNIT_L2)
        norm = sqrt(norm);
    if (norm > 0) {
        for (size_t i = 0; i < n; i++)
            out[i] /= norm;
    }
    return norm;
}

/* ---- thresholds ---- */

gboolean corpus_df_limit_parse(const char *option, const char *s, CorpusDfLimit *limit,
                               GError **error)
{
    /* Digits, with at most one decimal point (a proportion): no sign, exponent or hex. */
    size_t digits = strspn(s, "0123456789");
    gboolean proportion = s[digits] == '.';
    size_t more = proportion ? strspn(s + digits + 1, "0123456789") : 0;
    gboolean well_formed = digits + more > 0 && s[digits + (proportion ? 1 + more : 0)] == '\0';
    double v = well_formed ? g_ascii_strtod(s, NULL) : -1;

    if (!well_formed || (proportion && v > 1) || (!proportion && digits > 18)) {
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_USAGE,
                    "invalid %s value '%s' (expected a number of documents, or a proportion "
                    "with a decimal point from 0.0 to 1.0)",
                    option, s);
        return FALSE;
    }
    limit->value = v;
    limit->proportion = proportion;
    return TRUE;
}

static double threshold(const CorpusDfLimit *l, guint64 n_docs)
{
    return l->proportion ? l->value * (double)n_docs : l->value;
}

/* ---- document frequencies from a table ---- */

typedef struct {
    CorpusVocab *terms; /* counts are the document frequencies */
    guint64 n_docs;
} DfTable;

static gboolean df_table_read(const char *path, DfTable *t, GError **error)
{
    g_autoptr(CorpusTableReader) r = corpus_table_reader_open(path, error);
    gboolean have_n = FALSE;

    if (!r)
        return FALSE;
    if (corpus_table_reader_columns(r) && corpus_table_reader_columns(r) != 2) {
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_PARSE,
                    "%s:1: %u columns where a DF table has 2 (term, df)", path,
                    corpus_table_reader_columns(r));
        return FALSE;
    }
    t->terms = corpus_vocab_new(NULL);
    t->n_docs = 0;
    CorpusRecSource *src = corpus_table_reader_source(r);
    GError *e = NULL;
    while (src->next(src, &e)) {
        if (src->len == strlen(CORPUS_DF_DOCUMENTS) &&
            memcmp(src->key, CORPUS_DF_DOCUMENTS, src->len) == 0) {
            t->n_docs += src->count;
            have_n = TRUE;
        } else if (corpus_vocab_add(t->terms, src->key, src->len, src->count) == G_MAXUINT32) {
            g_autofree char *where = corpus_table_reader_where(r);
            g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_LIMIT,
                        "%s: the document frequency passes 2^64 - 1", where);
            return FALSE;
        }
    }
    if (e) {
        g_propagate_error(error, e);
        return FALSE;
    }
    for (guint32 id = 0; have_n && id < corpus_vocab_size(t->terms); id++) {
        guint64 df = corpus_vocab_count(t->terms, id);
        if (df == 0 || df > t->n_docs) {
            size_t len;
            const char *term = corpus_vocab_text(t->terms, id, &len);
            g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_PARSE,
                        "%s: the document frequency of '%.*s' is %" G_GUINT64_FORMAT
                        ", outside 1 to the %" G_GUINT64_FORMAT " documents of the table",
                        path, (int)MIN(len, 200), term, df, t->n_docs);
            return FALSE;
        }
    }
    if (!have_n) {
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_PARSE,
                    "%s: no %s row with the number of documents (is it a table written by "
                    "corpus-tfidf --df-out, or a sum of them by corpus-merge?)",
                    path, CORPUS_DF_DOCUMENTS);
        return FALSE;
    }
    return TRUE;
}

/* ---- writing ---- */

/* The DF table of the input: term, df, with the number of documents as a row of its own; key
 * order, so that corpus-merge sums tables of shards as they stream. */
static gboolean write_df_table(CorpusDocTerms *d, const char *path, gboolean header,
                               GError **error)
{
    CorpusVocab *v = corpus_doc_terms_vocab(d);
    guint32 n = corpus_vocab_size(v);
    g_autofree guint32 *order = corpus_vocab_sorted_ids(v);
    CorpusOut *out = corpus_out_open(path, error);
    const char *docs = CORPUS_DF_DOCUMENTS;
    size_t docs_len = strlen(docs);
    gboolean docs_written = FALSE, ok = TRUE;

    if (!out)
        return FALSE;
    CorpusBuf *b = corpus_out_buf(out);
    if (header)
        corpus_buf_append(b, "term\tdf\n", 8);
    for (guint32 r = 0; ok && r <= n; r++) {
        size_t len = 0;
        const char *text = r < n ? corpus_vocab_text(v, order[r], &len) : NULL;
        if (!docs_written &&
            (!text || corpus_rec_compare(CORPUS_ORDER_KEY, docs, docs_len, 0, text, len, 0) < 0)) {
            corpus_buf_append(b, docs, docs_len);
            corpus_buf_putc(b, '\t');
            corpus_buf_put_u64(b, corpus_doc_terms_count(d));
            corpus_buf_putc(b, '\n');
            docs_written = TRUE;
        }
        if (!text)
            break;
        corpus_buf_append(b, text, len);
        corpus_buf_putc(b, '\t');
        corpus_buf_put_u64(b, corpus_doc_terms_df(d, order[r]));
        corpus_buf_putc(b, '\n');
        ok = corpus_out_flush_if_full(out, error);
    }
    if (ok)
        ok = corpus_out_commit(out, error);
    corpus_out_free(out);
    return ok;
}

/* One weighted term of a document. */
typedef struct {
    guint32 id;
    guint32 col; /* column: rank of the term among the kept terms, bytewise */
    guint64 tf;
    double w;
} Entry;

static int by_weight(const void *a, const void *b)
{
    const Entry *x = a, *y = b;
    if (x->w != y->w)
        return x->w > y->w ? -1 : 1;
    return x->col < y->col ? -1 : x->col > y->col;
}

static int by_col(const void *a, const void *b)
{
    const Entry *x = a, *y = b;
    return x->col < y->col ? -1 : x->col > y->col;
}

static void put_text_field(CorpusBuf *b, gboolean jsonl, const char *name, const char *s,
                           size_t len, gboolean first)
{
    if (jsonl) {
        corpus_buf_append(b, first ? "{\"" : ",\"", 2);
        corpus_buf_append(b, name, strlen(name));
        corpus_buf_append(b, "\":\"", 3);
        corpus_buf_put_json(b, s, len);
        corpus_buf_putc(b, '"');
    } else {
        if (!first)
            corpus_buf_putc(b, '\t');
        corpus_buf_append(b, s, len);
    }
}

static void put_number_name(CorpusBuf *b, gboolean jsonl, const char *name)
{
    if (jsonl) {
        corpus_buf_append(b, ",\"", 2);
        corpus_buf_append(b, name, strlen(name));
        corpus_buf_append(b, "\":", 2);
    } else {
        corpus_buf_putc(b, '\t');
    }
}

/* Scratch space for weighing one document. */
typedef struct {
    GArray *entries; /* Entry */
    GArray *tfs;     /* guint64 */
    GArray *idfs;    /* double */
    GArray *ws;      /* double */
} Scratch;

static void scratch_init(Scratch *s)
{
    s->entries = g_array_new(FALSE, FALSE, sizeof(Entry));
    s->tfs = g_array_new(FALSE, FALSE, sizeof(guint64));
    s->idfs = g_array_new(FALSE, FALSE, sizeof(double));
    s->ws = g_array_new(FALSE, FALSE, sizeof(double));
}

static void scratch_clear(Scratch *s)
{
    g_array_unref(s->entries);
    g_array_unref(s->tfs);
    g_array_unref(s->idfs);
    g_array_unref(s->ws);
}

/* The kept terms of document i with their weights, in s->entries (id order).  Returns the
 * number of entries. */
static guint weigh_doc(CorpusDocTerms *d, guint64 i, const guint32 *col, const double *idf,
                       const CorpusTfidfScheme *scheme, Scratch *s)
{
    const guint32 *ids;
    const guint64 *counts;
    size_t n = corpus_doc_terms_get(d, i, &ids, &counts);

    g_array_set_size(s->entries, 0);
    for (size_t k = 0; k < n; k++) {
        if (col[ids[k]] == G_MAXUINT32)
            continue;
        Entry e = {ids[k], col[ids[k]], counts[k], 0};
        g_array_append_val(s->entries, e);
    }
    guint m = s->entries->len;
    /* Columns (terms bytewise) fix the order of the sums in the row norm, so that a document
     * weighs the same, to the last bit, in any corpus with the same document frequencies. */
    g_array_sort(s->entries, by_col);
    g_array_set_size(s->tfs, m);
    g_array_set_size(s->idfs, m);
    g_array_set_size(s->ws, m);
    for (guint k = 0; k < m; k++) {
        const Entry *e = &g_array_index(s->entries, Entry, k);
        g_array_index(s->tfs, guint64, k) = e->tf;
        g_array_index(s->idfs, double, k) = idf[e->id];
    }
    corpus_tfidf_row(scheme, (const guint64 *)(const void *)s->tfs->data,
                     (const double *)(const void *)s->idfs->data, m, (double *)(void *)s->ws->data);
    for (guint k = 0; k < m; k++)
        g_array_index(s->entries, Entry, k).w = g_array_index(s->ws, double, k);
    return m;
}

/* A Matrix Market file, the terms (columns) and the documents (rows). */
static gboolean write_mm(CorpusDocTerms *d, const char *prefix, const guint32 *col,
                         const guint32 *by_col_id, guint32 n_cols, const double *idf,
                         const CorpusTfidfScheme *scheme, GError **error)
{
    CorpusVocab *v = corpus_doc_terms_vocab(d);
    guint64 n_docs = corpus_doc_terms_count(d), nnz = 0;
    g_autofree char *mtx = g_strconcat(prefix, ".mtx", NULL);
    g_autofree char *terms = g_strconcat(prefix, ".terms", NULL);
    g_autofree char *docs = g_strconcat(prefix, ".docs", NULL);
    CorpusOut *o[3] = {NULL, NULL, NULL};
    gboolean ok = TRUE;
    Scratch sc;

    scratch_init(&sc);
    for (guint64 i = 0; i < n_docs; i++) {
        const guint32 *ids;
        const guint64 *counts;
        size_t n = corpus_doc_terms_get(d, i, &ids, &counts);
        for (size_t k = 0; k < n; k++)
            nnz += col[ids[k]] != G_MAXUINT32;
    }
    const char *paths[3] = {mtx, terms, docs};
    for (int f = 0; ok && f < 3; f++)
        ok = (o[f] = corpus_out_open(paths[f], error)) != NULL;
    if (ok) {
        CorpusBuf *b = corpus_out_buf(o[0]);
        g_autofree char *head = g_strdup_printf(
            "%%%%MatrixMarket matrix coordinate real general\n%" G_GUINT64_FORMAT " %u %" G_GUINT64_FORMAT "\n",
            n_docs, n_cols, nnz);
        corpus_buf_append(b, head, strlen(head));
    }
    for (guint64 i = 0; ok && i < n_docs; i++) {
        weigh_doc(d, i, col, idf, scheme, &sc);
        GArray *entries = sc.entries;
        g_array_sort(entries, by_col);
        CorpusBuf *b = corpus_out_buf(o[0]);
        for (guint k = 0; k < entries->len; k++) {
            const Entry *e = &g_array_index(entries, Entry, k);
            corpus_buf_put_u64(b, i + 1);
            corpus_buf_putc(b, ' ');
            corpus_buf_put_u64(b, (guint64)e->col + 1);
            corpus_buf_putc(b, ' ');
            corpus_buf_put_double(b, e->w);
            corpus_buf_putc(b, '\n');
        }
        ok = corpus_out_flush_if_full(o[0], error);
        b = corpus_out_buf(o[2]);
        const char *name = corpus_doc_terms_name(d, i);
        corpus_buf_append(b, name, strlen(name));
        corpus_buf_putc(b, '\n');
        ok = ok && corpus_out_flush_if_full(o[2], error);
    }
    for (guint32 c = 0; ok && c < n_cols; c++) {
        size_t len;
        const char *text = corpus_vocab_text(v, by_col_id[c], &len);
        CorpusBuf *b = corpus_out_buf(o[1]);
        corpus_buf_append(b, text, len);
        corpus_buf_putc(b, '\n');
        ok = corpus_out_flush_if_full(o[1], error);
    }
    for (int f = 0; f < 3; f++) {
        if (ok && o[f])
            ok = corpus_out_commit(o[f], error);
    }
    for (int f = 0; f < 3; f++)
        corpus_out_free(o[f]);
    scratch_clear(&sc);
    return ok;
}

typedef struct {
    CorpusVocab *v;
    const guint64 *total;
} ByTotal;

/* Total count descending, then term bytewise. */
static int by_total(const void *a, const void *b, void *data)
{
    const ByTotal *t = data;
    guint32 x = *(const guint32 *)a, y = *(const guint32 *)b;
    if (t->total[x] != t->total[y])
        return t->total[x] > t->total[y] ? -1 : 1;
    size_t lx, ly;
    const char *sx = corpus_vocab_text(t->v, x, &lx), *sy = corpus_vocab_text(t->v, y, &ly);
    return corpus_rec_compare(CORPUS_ORDER_KEY, sx, lx, 0, sy, ly, 0);
}

gboolean corpus_tfidf_write(CorpusDocTerms *d, const CorpusTfidfSpec *spec, CorpusOut *out,
                            GError **error)
{
    CorpusVocab *v = corpus_doc_terms_vocab(d);
    guint32 n_terms = corpus_vocab_size(v);
    guint64 n_docs = corpus_doc_terms_count(d);
    DfTable table = {NULL, 0};
    gboolean ok = TRUE;

    if (spec->df_out && !write_df_table(d, spec->df_out, spec->header, error))
        return FALSE;
    if (spec->df_in && !df_table_read(spec->df_in, &table, error)) {
        corpus_vocab_free(table.terms);
        return FALSE;
    }
    guint64 n = spec->df_in ? table.n_docs : n_docs;

    /* Document frequencies, thresholds, and the terms kept. */
    g_autofree guint64 *df = g_new0(guint64, MAX(n_terms, 1u));
    g_autofree guint64 *total = g_new0(guint64, MAX(n_terms, 1u));
    for (guint32 id = 0; id < n_terms; id++) {
        /* --max-features ranks by the total count, or with binary tf by the number of
         * documents of this input (scikit-learn binarizes the counts before ranking). */
        total[id] = spec->scheme.tf == CORPUS_TF_BINARY ? corpus_doc_terms_df(d, id)
                                                         : corpus_vocab_count(v, id);
        if (!spec->df_in) {
            df[id] = corpus_doc_terms_df(d, id);
            continue;
        }
        size_t len;
        const char *text = corpus_vocab_text(v, id, &len);
        guint32 t = corpus_vocab_lookup(table.terms, text, len);
        df[id] = t == G_MAXUINT32 ? 0 : corpus_vocab_count(table.terms, t);
    }
    corpus_vocab_free(table.terms);
    double lo = threshold(&spec->min_df, n), hi = threshold(&spec->max_df, n);
    if (n > 0 && hi < lo) {
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_USAGE,
                    "--max-df (%g documents of %" G_GUINT64_FORMAT ") is below --min-df (%g "
                    "documents): no term can be kept",
                    hi, n, lo);
        return FALSE;
    }
    g_autoptr(GArray) kept = g_array_new(FALSE, FALSE, sizeof(guint32));
    for (guint32 id = 0; id < n_terms; id++) {
        if (df[id] > 0 && (double)df[id] >= lo && (double)df[id] <= hi && df[id] <= n)
            g_array_append_val(kept, id);
    }
    if (spec->max_features && kept->len > spec->max_features) {
        ByTotal bt = {v, total};
        g_array_sort_with_data(kept, by_total, &bt);
        g_array_set_size(kept, (guint)spec->max_features);
    }
    /* Columns: the kept terms bytewise. */
    g_autofree guint32 *col = g_new(guint32, MAX(n_terms, 1u));
    g_autofree guint32 *is_kept = g_new0(guint32, MAX(n_terms, 1u));
    for (guint i = 0; i < kept->len; i++)
        is_kept[g_array_index(kept, guint32, i)] = 1;
    g_autofree guint32 *order = corpus_vocab_sorted_ids(v);
    g_autofree guint32 *by_col_id = g_new(guint32, MAX(kept->len, 1u));
    guint32 n_cols = 0;
    for (guint32 r = 0; r < n_terms; r++) {
        guint32 id = order[r];
        col[id] = is_kept[id] ? n_cols : G_MAXUINT32;
        if (is_kept[id])
            by_col_id[n_cols++] = id;
    }
    g_autofree double *idf = g_new0(double, MAX(n_terms, 1u));
    for (guint i = 0; i < kept->len; i++) {
        guint32 id = g_array_index(kept, guint32, i);
        idf[id] = corpus_idf_weight(spec->scheme.idf, n, df[id]);
    }

    /* Documents whose row is zero. */
    guint64 zero_rows = 0;
    Scratch sc;
    scratch_init(&sc);
    if (spec->mm_prefix) {
        ok = write_mm(d, spec->mm_prefix, col, by_col_id, n_cols, idf, &spec->scheme, error);
        for (guint64 i = 0; i < n_docs; i++)
            zero_rows += weigh_doc(d, i, col, idf, &spec->scheme, &sc) == 0;
    } else {
        CorpusBuf *b = corpus_out_buf(out);
        if (!spec->jsonl && spec->header)
            corpus_buf_append(b, "doc\tterm\ttf\tdf\tidf\ttfidf\n", 25);
        for (guint64 i = 0; ok && i < n_docs; i++) {
            guint m = weigh_doc(d, i, col, idf, &spec->scheme, &sc);
            zero_rows += m == 0;
            g_array_sort(sc.entries, by_weight);
            if (spec->top && m > spec->top)
                m = (guint)spec->top;
            const char *name = corpus_doc_terms_name(d, i);
            for (guint k = 0; k < m; k++) {
                const Entry *e = &g_array_index(sc.entries, Entry, k);
                size_t len;
                const char *term = corpus_vocab_text(v, e->id, &len);
                put_text_field(b, spec->jsonl, "doc", name, strlen(name), TRUE);
                put_text_field(b, spec->jsonl, "term", term, len, FALSE);
                put_number_name(b, spec->jsonl, "tf");
                corpus_buf_put_u64(b, e->tf);
                put_number_name(b, spec->jsonl, "df");
                corpus_buf_put_u64(b, df[e->id]);
                put_number_name(b, spec->jsonl, "idf");
                corpus_buf_put_double(b, idf[e->id]);
                put_number_name(b, spec->jsonl, "tfidf");
                corpus_buf_put_double(b, e->w);
                corpus_buf_append(b, spec->jsonl ? "}\n" : "\n", spec->jsonl ? 2 : 1);
            }
            ok = corpus_out_flush_if_full(out, error);
        }
    }
    scratch_clear(&sc);
    if (ok && zero_rows && spec->warn) {
        g_autofree char *msg = g_strdup_printf(
            "%" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " documents have no term left (empty, "
            "or every term filtered out): their rows are zero",
            zero_rows, n_docs);
        spec->warn(msg);
    }
    return ok;
}
