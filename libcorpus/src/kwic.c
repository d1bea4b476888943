/* Concordance lines: a query matched over the kept tokens of each document, shown with the
 * original surface text of the tokens around it.  The stream keeps a ring of the last
 * width + n_terms tokens of the current document (the left context and the match); a line
 * found waits in a queue until width more tokens (its right context) have come or its document
 * ends.  In input order lines are written as they complete; sorted, they are held in one arena.
 * SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include <corpus/error.h>
#include <corpus/kwic.h>

/* ------------------------------------------------------------------------------------------
 * Types
 * ------------------------------------------------------------------------------------------ */

struct CorpusKwicQuery {
    CorpusKwicQuerySpec spec;
    GPtrArray *terms;   /* char *: normalized (and stemmed) tokens, or normalized patterns */
    GArray *term_lens;  /* guint32: bytes of each term */
    GPtrArray *regexes; /* GRegex *, one per pattern (--regex only) */
    GHashTable *memo;   /* --regex: token (char *) -> guint64 * mask */
    CorpusBuf key;      /* scratch: a token, NUL-terminated, for the memo */
};

/* The memo is emptied when it holds this many distinct tokens, so its memory stays bounded
 * (a 100 MB news text has about 600,000 distinct tokens). */
#define MEMO_MAX (1u << 20)

/* A token of the current document in the ring. */
typedef struct {
    const char *surf; /* original bytes: in the chunk, or in the saved copy after the batch */
    guint32 len;      /* bytes of surf */
    guint64 group;    /* span number: the pieces of one normalized-and-split token share it */
    guint64 mask;     /* query terms the token matches */
    guint64 sent;     /* sentence number in the document */
    guint64 index;    /* token number in the sentence (every token counted, as corpus-tok) */
} Entry;

/* A token of a line: its surface is bytes[off..off+len) of the line. */
typedef struct {
    guint32 off;
    guint32 len;
    guint64 group;
} Unit;

/* A line being built: left and match units at once, right units as they come. */
typedef struct {
    guint64 seq;     /* position of the line in input order (0-based) */
    guint64 sent;    /* sentence of the first matched token */
    guint64 index;   /* its index in the sentence */
    GArray *units;   /* Unit: n_left, then n_match, then the right units */
    CorpusBuf bytes; /* the surfaces, then nothing else */
    CorpusBuf name;  /* document name */
    guint n_left;
    guint n_match;
    guint n_right;
} Line;

/* A complete line held for sorting: its fields and keys in the arena from off on:
 * name, left, match, right, then n_keys keys, each a guint32 length and its bytes. */
typedef struct {
    guint64 seq;
    guint64 sent;
    guint64 index;
    size_t off;
    guint32 name_len, left_len, match_len, right_len;
    guint32 n_keys;
} Held;

/* What qsort sees: the held line and where its keys start. */
typedef struct {
    const char *keys;
    guint32 n_keys;
    guint64 seq;
    guint32 held; /* index in held */
} SortItem;

struct CorpusKwic {
    CorpusKwicSpec spec;
    CorpusOut *out; /* NULL: rows go to mem */
    CorpusBuf mem;  /* rows, when out is NULL */
    guint n_terms;
    gboolean begun; /* the header is written */
    gboolean done;  /* --max lines written in input order */
    gboolean finished;

    CorpusTokCursor cur;
    char *file_name;     /* the input being read */
    guint64 file_docs;   /* documents of that input so far (the N of FILE#N) */
    gboolean name_valid; /* cur_name is the current document's */
    CorpusBuf cur_name;

    Entry *ring; /* cap entries; entry p of the document at ring[p % cap] */
    guint cap;
    guint64 pushed;   /* tokens of the current document in the ring's sequence */
    guint64 groups;   /* span numbers given so far */
    guint64 last_off; /* span of the last kept token */
    guint32 last_raw_len;
    CorpusBuf saved; /* the ring's surfaces, copied at the end of a batch */

    GQueue pending;   /* Line *, oldest first */
    GPtrArray *spare; /* Line *, for reuse */
    guint64 n_lines;  /* lines found */
    guint64 written;  /* lines written */

    GArray *held;    /* Held (sorted output) */
    CorpusBuf arena; /* their bytes */

    /* Scratch for one row. */
    CorpusBuf left, match, right, fixed;
    CorpusBuf keys; /* guint32 length + bytes per key */
    guint32 n_keys;
    GArray *shown; /* guint: units shown, in column order */
    CorpusNormScratch *norm_scratch;
};

/* ------------------------------------------------------------------------------------------
 * Queries
 * ------------------------------------------------------------------------------------------ */

gboolean corpus_kwic_parse_sort(const char *name, CorpusKwicSort *sort, GError **error)
{
    if (g_strcmp0(name, "doc") == 0)
        *sort = CORPUS_KWIC_SORT_DOC;
    else if (g_strcmp0(name, "left") == 0)
        *sort = CORPUS_KWIC_SORT_LEFT;
    else if (g_strcmp0(name, "right") == 0)
        *sort = CORPUS_KWIC_SORT_RIGHT;
    else {
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_USAGE,
                    "invalid --sort value '%s' (expected doc, left or right)", name);
        return FALSE;
    }
    return TRUE;
}

static void add_term(CorpusKwicQuery *q, const char *s, size_t len)
{
    guint32 n = (guint32)len;
    g_ptr_array_add(q->terms, g_strndup(s, len));
    g_array_append_val(q->term_lens, n);
}

static gboolean too_many_terms(const CorpusKwicQuery *q, GError **error)
{
    if (q->terms->len < CORPUS_KWIC_MAX_TERMS)
        return FALSE;
    g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_USAGE, "the query has more than %d tokens",
                CORPUS_KWIC_MAX_TERMS);
    return TRUE;
}

/* A plain query: the tokens of the query text as the stream would make them. */
static gboolean read_tokens(CorpusKwicQuery *q, const char *query, GError **error)
{
    const CorpusKwicQuerySpec *spec = &q->spec;
    g_autoptr(CorpusTokenizer) tok = corpus_tokenizer_new(spec->norm, CORPUS_DOCS_FILE);
    g_autoptr(CorpusStemmer) stemmer =
        spec->stem != CORPUS_STEM_NONE ? corpus_stemmer_new(spec->stem) : NULL;
    CorpusTextStart start = {TRUE, FALSE, FALSE, FALSE, FALSE};
    CorpusTokenBatch batch;
    CorpusTokClassSet dropped = 0;
    gboolean ok = TRUE;

    corpus_token_batch_init(&batch);
    corpus_tokenizer_run(tok, query, strlen(query), 0, NULL, &start, &batch);
    for (size_t k = 0; ok && k < batch.n; k++) {
        const CorpusToken *t = &batch.tokens[k];
        if (!(spec->keep & (1u << t->cls))) {
            dropped |= 1u << t->cls;
            continue;
        }
        if (spec->stopwords && corpus_stopwords_contains(spec->stopwords, t->text, t->len)) {
            g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_USAGE,
                        "the query word '%.*s' is a stop word (--stopwords): stop words are "
                        "left out of the text and never match",
                        (int)t->len, t->text);
            ok = FALSE;
            break;
        }
        if (too_many_terms(q, error)) {
            ok = FALSE;
            break;
        }
        size_t n = t->len;
        const char *s = t->text;
        if (stemmer && t->cls == CORPUS_TOK_WORD) {
            s = corpus_stemmer_stem(stemmer, t->text, t->len, &n);
            if (n == 0) { /* an empty stem keeps the word, as in the stream */
                s = t->text;
                n = t->len;
            }
        }
        add_term(q, s, n);
    }
    if (ok && q->terms->len == 0) {
        if (batch.n == 0) {
            g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_USAGE,
                        "the query '%s' is empty after normalization", query);
        } else {
            GString *classes = g_string_new(NULL);
            for (int c = 0; c < CORPUS_TOK_N_CLASSES; c++) {
                if (dropped & (1u << c))
                    g_string_append_printf(classes, "%s%s", classes->len ? ", " : "",
                                           corpus_tok_class_name((CorpusTokClass)c));
            }
            g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_USAGE,
                        "the query '%s' has no token to match: its tokens (%s) are of classes "
                        "that --keep leaves out",
                        query, classes->str);
            g_string_free(classes, TRUE);
        }
        ok = FALSE;
    }
    corpus_token_batch_clear(&batch);
    return ok;
}

/* A --regex query: one anchored pattern per white-space separated word of the query. */
static gboolean read_patterns(CorpusKwicQuery *q, const char *query, GError **error)
{
    CorpusNormFlags flags = q->spec.norm ? corpus_norm_flags(q->spec.norm) : CORPUS_NORM_NONE;
    g_autoptr(CorpusNorm) norm = corpus_norm_new(flags & ~CORPUS_NORM_LOWER);
    g_autoptr(CorpusNormScratch) scratch = corpus_norm_scratch_new();
    GRegexCompileFlags compile = G_REGEX_OPTIMIZE;
    g_auto(GStrv) words = g_strsplit_set(query, " \t\n\r\f\v", -1);
    CorpusBuf pattern = CORPUS_BUF_INIT;
    gboolean ok = TRUE;

    if (flags & CORPUS_NORM_LOWER)
        compile |= G_REGEX_CASELESS;
    for (guint i = 0; ok && words[i]; i++) {
        if (!words[i][0])
            continue;
        if (too_many_terms(q, error)) {
            ok = FALSE;
            break;
        }
        pattern.len = 0;
        corpus_norm_apply(norm, scratch, words[i], strlen(words[i]), &pattern);
        if (pattern.len == 0) {
            g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_USAGE,
                        "the --regex pattern '%s' is empty after normalization", words[i]);
            ok = FALSE;
            break;
        }
        const char *p = corpus_buf_cstr(&pattern);
        GError *e = NULL;
        /* Compiled alone first, so that an error speaks of the pattern as given and that
         * "a)|(b" cannot escape the anchoring group. */
        GRegex *alone = g_regex_new(p, compile, 0, &e);
        if (!alone) {
            g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_USAGE, "invalid --regex pattern '%s': %s",
                        words[i], e->message);
            g_error_free(e);
            ok = FALSE;
            break;
        }
        g_regex_unref(alone);
        g_autofree char *anchored = g_strdup_printf("\\A(?:%s)\\z", p);
        GRegex *re = g_regex_new(anchored, compile, 0, &e);
        if (!re) {
            g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_USAGE, "invalid --regex pattern '%s': %s",
                        words[i], e->message);
            g_error_free(e);
            ok = FALSE;
            break;
        }
        g_ptr_array_add(q->regexes, re);
        add_term(q, pattern.data, pattern.len);
    }
    if (ok && q->terms->len == 0) {
        g_set_error_literal(error, CORPUS_ERROR, CORPUS_ERROR_USAGE, "the query is empty");
        ok = FALSE;
    }
    corpus_buf_clear(&pattern);
    return ok;
}

CorpusKwicQuery *corpus_kwic_query_new(const char *query, const CorpusKwicQuerySpec *spec,
                                       GError **error)
{
    g_return_val_if_fail(query != NULL && spec != NULL, NULL);
    g_autoptr(CorpusKwicQuery) q = g_new0(CorpusKwicQuery, 1);

    q->spec = *spec;
    q->terms = g_ptr_array_new_with_free_func(g_free);
    q->term_lens = g_array_new(FALSE, FALSE, sizeof(guint32));
    q->regexes = g_ptr_array_new_with_free_func((GDestroyNotify)g_regex_unref);
    if (!g_utf8_validate(query, -1, NULL)) {
        g_set_error_literal(error, CORPUS_ERROR, CORPUS_ERROR_USAGE,
                            "the query is not valid UTF-8");
        return NULL;
    }
    if (!query[0] || strspn(query, " \t\n\r\f\v") == strlen(query)) {
        g_set_error_literal(error, CORPUS_ERROR, CORPUS_ERROR_USAGE, "the query is empty");
        return NULL;
    }
    if (spec->regex) {
        q->memo = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
        if (!read_patterns(q, query, error))
            return NULL;
    } else if (!read_tokens(q, query, error)) {
        return NULL;
    }
    return g_steal_pointer(&q);
}

void corpus_kwic_query_free(CorpusKwicQuery *q)
{
    if (!q)
        return;
    g_ptr_array_unref(q->terms);
    g_array_unref(q->term_lens);
    g_ptr_array_unref(q->regexes);
    if (q->memo)
        g_hash_table_unref(q->memo);
    corpus_buf_clear(&q->key);
    g_free(q);
}

guint corpus_kwic_query_n_terms(const CorpusKwicQuery *q)
{
    return q->terms->len;
}

const char *corpus_kwic_query_term(const CorpusKwicQuery *q, guint i)
{
    g_return_val_if_fail(i < q->terms->len, NULL);
    return g_ptr_array_index(q->terms, i);
}

guint64 corpus_kwic_query_match(CorpusKwicQuery *q, const char *text, size_t len)
{
    guint64 mask = 0;

    if (!q->memo) {
        const guint32 *lens = (const guint32 *)(const void *)q->term_lens->data;
        for (guint i = 0; i < q->terms->len; i++) {
            if (lens[i] == len && memcmp(g_ptr_array_index(q->terms, i), text, len) == 0)
                mask |= G_GUINT64_CONSTANT(1) << i;
        }
        return mask;
    }
    q->key.len = 0;
    corpus_buf_append(&q->key, text, len);
    const char *key = corpus_buf_cstr(&q->key);
    const guint64 *memo = g_hash_table_lookup(q->memo, key);
    if (memo)
        return *memo;
    for (guint i = 0; i < q->regexes->len; i++) {
        if (g_regex_match_full(g_ptr_array_index(q->regexes, i), text, (gssize)len, 0, 0, NULL,
                               NULL))
            mask |= G_GUINT64_CONSTANT(1) << i;
    }
    if (g_hash_table_size(q->memo) >= MEMO_MAX)
        g_hash_table_remove_all(q->memo);
    g_hash_table_insert(q->memo, g_strndup(text, len), g_memdup2(&mask, sizeof mask));
    return mask;
}

/* ------------------------------------------------------------------------------------------
 * Lines
 * ------------------------------------------------------------------------------------------ */

CorpusKwic *corpus_kwic_new(const CorpusKwicSpec *spec, CorpusOut *out)
{
    g_return_val_if_fail(spec != NULL && spec->query != NULL, NULL);
    g_return_val_if_fail(spec->width <= CORPUS_KWIC_MAX_WIDTH, NULL);
    CorpusKwic *k = g_new0(CorpusKwic, 1);

    k->spec = *spec;
    k->out = out;
    k->n_terms = corpus_kwic_query_n_terms(spec->query);
    k->cap = spec->width + k->n_terms;
    k->ring = g_new0(Entry, k->cap);
    corpus_tok_cursor_init(&k->cur, spec->docs);
    g_queue_init(&k->pending);
    k->spare = g_ptr_array_new();
    k->held = g_array_new(FALSE, FALSE, sizeof(Held));
    k->shown = g_array_new(FALSE, FALSE, sizeof(guint));
    k->norm_scratch = corpus_norm_scratch_new();
    return k;
}

static void line_free(gpointer p)
{
    Line *l = p;
    g_array_unref(l->units);
    corpus_buf_clear(&l->bytes);
    corpus_buf_clear(&l->name);
    g_free(l);
}

void corpus_kwic_free(CorpusKwic *k)
{
    if (!k)
        return;
    g_queue_clear_full(&k->pending, line_free);
    g_ptr_array_set_free_func(k->spare, line_free);
    g_ptr_array_unref(k->spare);
    g_array_unref(k->held);
    g_array_unref(k->shown);
    corpus_norm_scratch_free(k->norm_scratch);
    g_free(k->ring);
    g_free(k->file_name);
    CorpusBuf *bufs[] = {&k->mem,   &k->cur_name, &k->saved, &k->arena, &k->left,
                         &k->match, &k->right,    &k->fixed, &k->keys};
    for (guint i = 0; i < G_N_ELEMENTS(bufs); i++)
        corpus_buf_clear(bufs[i]);
    g_free(k);
}

static CorpusBuf *sink(CorpusKwic *k)
{
    return k->out ? corpus_out_buf(k->out) : &k->mem;
}

static gboolean flush(CorpusKwic *k, GError **error)
{
    return !k->out || corpus_out_flush_if_full(k->out, error);
}

static void begin(CorpusKwic *k)
{
    if (k->begun)
        return;
    k->begun = TRUE;
    if (!k->spec.jsonl && k->spec.header)
        corpus_buf_append(sink(k), "doc\tsentence\tindex\tleft\tmatch\tright\n", 36);
}

/* Append the surface s[0..len) to b as valid UTF-8: each invalid sequence (bytes the
 * --on-invalid policy replaced or skipped in the tokens) becomes U+FFFD, or nothing with skip. */
static void put_surface(CorpusBuf *b, const char *s, size_t len, CorpusInvalidPolicy policy)
{
    while (len > 0) {
        size_t ok = corpus_utf8_valid_prefix(s, len);
        corpus_buf_append(b, s, ok);
        s += ok;
        len -= ok;
        if (len == 0)
            break;
        gunichar cp;
        size_t bad = (size_t)-corpus_utf8_decode(s, len, &cp);
        if (policy != CORPUS_INVALID_SKIP)
            corpus_buf_append(b, "\xEF\xBF\xBD", 3);
        s += bad;
        len -= bad;
    }
}

/* Add the key of one shown unit (its surface normalized) to the scratch keys. */
static void add_key(CorpusKwic *k, const char *s, size_t len)
{
    guint32 n;
    size_t at = k->keys.len;

    corpus_buf_reserve(&k->keys, sizeof n);
    k->keys.len += sizeof n;
    if (k->spec.norm)
        corpus_norm_apply(k->spec.norm, k->norm_scratch, s, len, &k->keys);
    else
        corpus_buf_append(&k->keys, s, len);
    n = (guint32)(k->keys.len - at - sizeof n);
    memcpy(k->keys.data + at, &n, sizeof n);
    k->n_keys++;
}

/* Write units [from, to) of l into col, joined by one space; a unit of the same span as the
 * unit shown before it in the column, or as a unit of group `skip` (a span the match shows),
 * is not shown again.  Records the shown units in k->shown. */
static void render_column(CorpusKwic *k, const Line *l, guint from, guint to, guint64 skip,
                          gboolean use_skip, CorpusBuf *col)
{
    const Unit *u = (const Unit *)(const void *)l->units->data;
    gboolean any = FALSE;
    guint64 prev = 0;

    col->len = 0;
    g_array_set_size(k->shown, 0);
    for (guint i = from; i < to; i++) {
        if ((use_skip && u[i].group == skip) || (any && u[i].group == prev))
            continue;
        k->fixed.len = 0;
        put_surface(&k->fixed, l->bytes.data + u[i].off, u[i].len, k->spec.policy);
        if (any)
            corpus_buf_putc(col, ' ');
        corpus_buf_append(col, k->fixed.data, k->fixed.len);
        g_array_append_val(k->shown, i);
        any = TRUE;
        prev = u[i].group;
    }
}

/* The keys of the shown units of the last rendered column, nearest to the match first. */
static void column_keys(CorpusKwic *k, const Line *l, gboolean outward)
{
    const Unit *u = (const Unit *)(const void *)l->units->data;
    guint n = k->shown->len;

    for (guint j = 0; j < n; j++) {
        guint i = g_array_index(k->shown, guint, outward ? n - 1 - j : j);
        k->fixed.len = 0;
        put_surface(&k->fixed, l->bytes.data + u[i].off, u[i].len, k->spec.policy);
        add_key(k, k->fixed.data, k->fixed.len);
    }
}

/* Render the three columns of l into k->left, k->match, k->right, and with a sort the keys. */
static void render(CorpusKwic *k, const Line *l)
{
    const Unit *u = (const Unit *)(const void *)l->units->data;
    guint m0 = l->n_left, m1 = l->n_left + l->n_match, end = m1 + l->n_right;

    k->keys.len = 0;
    k->n_keys = 0;
    render_column(k, l, 0, m0, u[m0].group, TRUE, &k->left);
    if (k->spec.sort == CORPUS_KWIC_SORT_LEFT)
        column_keys(k, l, TRUE);
    render_column(k, l, m0, m1, 0, FALSE, &k->match);
    render_column(k, l, m1, end, u[m1 - 1].group, TRUE, &k->right);
    if (k->spec.sort == CORPUS_KWIC_SORT_RIGHT)
        column_keys(k, l, FALSE);
}

static void put_row(CorpusKwic *k, CorpusBuf *b, const char *name, size_t name_len, guint64 sent,
                    guint64 index, const char *left, size_t left_len, const char *match,
                    size_t match_len, const char *right, size_t right_len)
{
    if (k->spec.jsonl) {
        corpus_buf_append(b, "{\"doc\":\"", 8);
        corpus_buf_put_json(b, name, name_len);
        corpus_buf_append(b, "\",\"sentence\":", 13);
        corpus_buf_put_u64(b, sent);
        corpus_buf_append(b, ",\"index\":", 9);
        corpus_buf_put_u64(b, index);
        corpus_buf_append(b, ",\"left\":\"", 9);
        corpus_buf_put_json(b, left, left_len);
        corpus_buf_append(b, "\",\"match\":\"", 11);
        corpus_buf_put_json(b, match, match_len);
        corpus_buf_append(b, "\",\"right\":\"", 11);
        corpus_buf_put_json(b, right, right_len);
        corpus_buf_append(b, "\"}\n", 3);
        return;
    }
    corpus_buf_append(b, name, name_len);
    corpus_buf_putc(b, '\t');
    corpus_buf_put_u64(b, sent);
    corpus_buf_putc(b, '\t');
    corpus_buf_put_u64(b, index);
    corpus_buf_putc(b, '\t');
    corpus_buf_append(b, left, left_len);
    corpus_buf_putc(b, '\t');
    corpus_buf_append(b, match, match_len);
    corpus_buf_putc(b, '\t');
    corpus_buf_append(b, right, right_len);
    corpus_buf_putc(b, '\n');
}

/* A line is complete: write it (input order) or hold it (sorted). */
static gboolean complete(CorpusKwic *k, Line *l, GError **error)
{
    render(k, l);
    if (k->spec.sort == CORPUS_KWIC_SORT_DOC) {
        if (k->done)
            return TRUE;
        put_row(k, sink(k), l->name.data, l->name.len, l->sent, l->index, k->left.data, k->left.len,
                k->match.data, k->match.len, k->right.data, k->right.len);
        k->written++;
        if (k->spec.max && k->written >= k->spec.max)
            k->done = TRUE;
        return flush(k, error);
    }
    Held h = {l->seq,
              l->sent,
              l->index,
              k->arena.len,
              (guint32)l->name.len,
              (guint32)k->left.len,
              (guint32)k->match.len,
              (guint32)k->right.len,
              k->n_keys};
    corpus_buf_append(&k->arena, l->name.data, l->name.len);
    corpus_buf_append(&k->arena, k->left.data, k->left.len);
    corpus_buf_append(&k->arena, k->match.data, k->match.len);
    corpus_buf_append(&k->arena, k->right.data, k->right.len);
    corpus_buf_append(&k->arena, k->keys.data, k->keys.len);
    g_array_append_val(k->held, h);
    return TRUE;
}

static Line *line_take(CorpusKwic *k)
{
    Line *l = k->spare->len ? g_ptr_array_steal_index_fast(k->spare, k->spare->len - 1) : NULL;
    if (!l) {
        l = g_new0(Line, 1);
        l->units = g_array_new(FALSE, FALSE, sizeof(Unit));
    }
    g_array_set_size(l->units, 0);
    l->bytes.len = 0;
    l->name.len = 0;
    l->n_left = l->n_match = l->n_right = 0;
    return l;
}

static void line_add(Line *l, const Entry *e)
{
    Unit u = {(guint32)l->bytes.len, e->len, e->group};
    corpus_buf_append(&l->bytes, e->surf, e->len);
    g_array_append_val(l->units, u);
}

/* Complete the lines at the front of the queue that have their right context, or with `all`
 * every line (the document ended). */
static gboolean drain(CorpusKwic *k, gboolean all, GError **error)
{
    Line *l;
    while ((l = g_queue_peek_head(&k->pending)) && (all || l->n_right >= k->spec.width)) {
        g_queue_pop_head(&k->pending);
        gboolean ok = complete(k, l, error);
        g_ptr_array_add(k->spare, l);
        if (!ok)
            return FALSE;
    }
    return TRUE;
}

/* The current document ends: its lines are complete, the ring starts again. */
static gboolean end_doc(CorpusKwic *k, GError **error)
{
    k->pushed = 0;
    k->name_valid = FALSE;
    return drain(k, TRUE, error);
}

static const CorpusBuf *doc_name(CorpusKwic *k)
{
    if (!k->name_valid) {
        const char *file = k->file_name ? k->file_name : "<stdin>";
        k->cur_name.len = 0;
        corpus_buf_append(&k->cur_name, file, strlen(file));
        if (k->spec.docs != CORPUS_DOCS_FILE) {
            corpus_buf_putc(&k->cur_name, '#');
            corpus_buf_put_u64(&k->cur_name, k->file_docs);
        }
        k->name_valid = TRUE;
    }
    return &k->cur_name;
}

/* The token just pushed (the last of the ring) ends a match: start its line, which waits in
 * the queue for its right context. */
static gboolean start_line(CorpusKwic *k, GError **error)
{
    guint64 q = k->n_terms, first = k->pushed - q; /* document positions, 0-based */
    guint64 n_left = MIN((guint64)k->spec.width, first);
    Line *l = line_take(k);
    const CorpusBuf *name = doc_name(k);

    l->seq = k->n_lines++;
    l->sent = k->ring[first % k->cap].sent;
    l->index = k->ring[first % k->cap].index;
    corpus_buf_append(&l->name, name->data, name->len);
    for (guint64 p = first - n_left; p < k->pushed; p++)
        line_add(l, &k->ring[p % k->cap]);
    l->n_left = (guint)n_left;
    l->n_match = (guint)q;
    g_queue_push_tail(&k->pending, l);
    return drain(k, FALSE, error);
}

/* A kept token of the current document. */
static gboolean push(CorpusKwic *k, const CorpusToken *t, const char *surf, guint32 len,
                     GError **error)
{
    Entry *e = &k->ring[k->pushed % k->cap];

    /* Pieces of one token split by normalization share its span: one group. */
    if (k->pushed == 0 || t->off != k->last_off || t->raw_len != k->last_raw_len)
        k->groups++;
    k->last_off = t->off;
    k->last_raw_len = t->raw_len;
    e->surf = surf;
    e->len = len;
    e->group = k->groups;
    e->mask = corpus_kwic_query_match(k->spec.query, t->text, t->len);
    e->sent = k->cur.sent;
    e->index = k->cur.index;
    k->pushed++;

    /* The token is right context of the lines waiting for it. */
    if (!g_queue_is_empty(&k->pending)) {
        for (GList *it = k->pending.head; it; it = it->next) {
            Line *l = it->data;
            if (l->n_right < k->spec.width) {
                line_add(l, e);
                l->n_right++;
            }
        }
        if (!drain(k, FALSE, error))
            return FALSE;
    }
    if (!e->mask || k->pushed < k->n_terms)
        return TRUE;
    for (guint i = k->n_terms; i-- > 0;) {
        const Entry *x = &k->ring[(k->pushed - k->n_terms + i) % k->cap];
        if (!(x->mask & (G_GUINT64_CONSTANT(1) << i)))
            return TRUE;
    }
    return start_line(k, error);
}

/* Copy the surfaces of the ring out of the chunk, which is about to go. */
static void save_ring(CorpusKwic *k)
{
    guint64 n = MIN(k->pushed, (guint64)k->cap);
    CorpusBuf fresh = CORPUS_BUF_INIT;
    size_t total = 1;

    for (guint64 p = k->pushed - n; p < k->pushed; p++)
        total += k->ring[p % k->cap].len;
    corpus_buf_reserve(&fresh, total);
    for (guint64 p = k->pushed - n; p < k->pushed; p++) {
        Entry *e = &k->ring[p % k->cap];
        size_t at = fresh.len;
        corpus_buf_append(&fresh, e->surf, e->len);
        e->surf = fresh.data + at;
    }
    corpus_buf_clear(&k->saved);
    k->saved = fresh;
}

gboolean corpus_kwic_consume(const CorpusTokenBatch *batch, const CorpusChunk *chunk, gpointer user,
                             GError **error)
{
    CorpusKwic *k = user;

    if (k->done)
        return TRUE;
    begin(k);
    if (chunk->file_start) {
        g_free(k->file_name);
        k->file_name = g_strdup(chunk->file_name);
        k->file_docs = 0;
        k->name_valid = FALSE;
    }
    for (size_t i = 0; i < batch->n; i++) {
        const CorpusToken *t = &batch->tokens[i];
        if (corpus_tok_cursor_step(&k->cur, t, i) == CORPUS_TOK_NEW_DOC) {
            if (!end_doc(k, error))
                return FALSE;
            /* FILE#N: under line the line number in the file, under para the paragraph's
             * position among the paragraphs of the file that have tokens. */
            k->file_docs += k->spec.docs == CORPUS_DOCS_PARA ? 1 : t->doc_starts;
            if (k->done)
                return TRUE;
        }
        if (!(k->spec.keep & (1u << t->cls)) || (t->flags & CORPUS_TOKEN_STOP))
            continue;
        const char *surf = t->text;
        guint32 len = t->len;
        if (t->off >= chunk->offset && t->off - chunk->offset <= chunk->len &&
            t->raw_len <= chunk->len - (t->off - chunk->offset)) {
            surf = chunk->data + (t->off - chunk->offset);
            len = t->raw_len;
        }
        if (!push(k, t, surf, len, error))
            return FALSE;
        if (k->done)
            return TRUE;
    }
    corpus_tok_cursor_end_batch(&k->cur, batch);
    if (k->spec.docs == CORPUS_DOCS_LINE)
        k->file_docs += batch->tail_doc_starts;
    save_ring(k);
    return TRUE;
}

gboolean corpus_kwic_done(const CorpusKwic *k)
{
    return k->done;
}

static int by_keys(const void *a, const void *b)
{
    const SortItem *x = a, *y = b;
    const char *p = x->keys, *q = y->keys;
    guint32 n = MIN(x->n_keys, y->n_keys);

    for (guint32 i = 0; i < n; i++) {
        guint32 lp, lq;
        memcpy(&lp, p, sizeof lp);
        memcpy(&lq, q, sizeof lq);
        p += sizeof lp;
        q += sizeof lq;
        int c = memcmp(p, q, MIN(lp, lq));
        if (c != 0)
            return c < 0 ? -1 : 1;
        if (lp != lq)
            return lp < lq ? -1 : 1;
        p += lp;
        q += lq;
    }
    /* A context cut short by the document edge sorts first. */
    if (x->n_keys != y->n_keys)
        return x->n_keys < y->n_keys ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static gboolean write_held(CorpusKwic *k, GError **error)
{
    guint n = k->held->len;
    SortItem *items = g_new(SortItem, n ? n : 1);
    gboolean ok = TRUE;

    for (guint i = 0; i < n; i++) {
        const Held *h = &g_array_index(k->held, Held, i);
        items[i].keys =
            k->arena.data + h->off + h->name_len + h->left_len + h->match_len + h->right_len;
        items[i].n_keys = h->n_keys;
        items[i].seq = h->seq;
        items[i].held = i;
    }
    qsort(items, n, sizeof *items, by_keys);
    guint64 limit = k->spec.max ? MIN(k->spec.max, (guint64)n) : n;
    for (guint64 i = 0; ok && i < limit; i++) {
        const Held *h = &g_array_index(k->held, Held, items[i].held);
        const char *s = k->arena.data + h->off;
        put_row(k, sink(k), s, h->name_len, h->sent, h->index, s + h->name_len, h->left_len,
                s + h->name_len + h->left_len, h->match_len,
                s + h->name_len + h->left_len + h->match_len, h->right_len);
        k->written++;
        ok = flush(k, error);
    }
    g_free(items);
    return ok;
}

gboolean corpus_kwic_finish(CorpusKwic *k, GError **error)
{
    g_return_val_if_fail(!k->finished, FALSE);
    k->finished = TRUE;
    begin(k);
    if (!k->done && !end_doc(k, error))
        return FALSE;
    if (k->spec.sort != CORPUS_KWIC_SORT_DOC)
        return write_held(k, error);
    return TRUE;
}

/* The error that stops the stream once --max lines are written; never seen by callers. */
static GQuark stop_quark(void)
{
    return g_quark_from_static_string("corpus-kwic-stop");
}

static gboolean consume_or_stop(const CorpusTokenBatch *batch, const CorpusChunk *chunk,
                                gpointer user, GError **error)
{
    if (!corpus_kwic_consume(batch, chunk, user, error))
        return FALSE;
    if (corpus_kwic_done(user)) {
        g_set_error_literal(error, stop_quark(), 0, "enough lines");
        return FALSE;
    }
    return TRUE;
}

gboolean corpus_kwic_run(CorpusKwic *k, const CorpusTokStreamSpec *tok,
                         const CorpusPipelineSpec *base, const char *const *files, guint n_files,
                         GError **error)
{
    CorpusTokStreamSpec spec = *tok;
    GError *e = NULL;

    spec.consume = consume_or_stop;
    spec.user = k;
    if (!corpus_tok_stream_run(&spec, base, files, n_files, &e)) {
        if (!g_error_matches(e, stop_quark(), 0)) {
            g_propagate_error(error, e);
            return FALSE;
        }
        g_error_free(e);
    }
    return corpus_kwic_finish(k, error);
}

guint64 corpus_kwic_count(const CorpusKwic *k)
{
    return k->n_lines;
}

const char *corpus_kwic_rows(const CorpusKwic *k, size_t *len)
{
    *len = k->mem.len;
    return k->mem.data ? k->mem.data : "";
}
