/* The corpus report, gathered: the input files, the counts of the other modules, and every
 * section of the report as a table of formatted cells (numbers written once, as JSON numbers,
 * by corpus_buf_put_u64() and corpus_buf_put_double()), which report-render.c writes as
 * report.json, report.md and index.html, so the three files always show the same numbers.
 * Tables that another module only writes (spectrum, growth, collocations, TF-IDF, keyness) are
 * written to a private temporary folder and read back.
 * SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include <corpus/colloc.h>
#include <corpus/docterms.h>
#include <corpus/error.h>
#include <corpus/keyness.h>
#include <corpus/ngram.h>
#include <corpus/out.h>
#include <corpus/report.h>
#include <corpus/stats.h>
#include <corpus/table.h>
#include <corpus/tfidf.h>
#include <corpus/tokstream.h>

#include "report-private.h"

/* ---- Inputs ------------------------------------------------------------------------------ */

/* dir and name joined by one slash. */
static char *join_path(const char *dir, const char *name)
{
    size_t n = strlen(dir);
    return n && dir[n - 1] == '/' ? g_strconcat(dir, name, NULL)
                                  : g_strconcat(dir, "/", name, NULL);
}

static gboolean is_txt(const char *name)
{
    return g_str_has_suffix(name, ".txt");
}

static int compare_paths(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Add the *.txt files below dir to out (unsorted). */
static gboolean walk(const char *dir, GPtrArray *out, GError **error)
{
    DIR *d = opendir(dir);
    if (!d) {
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_IO, "%s: %s", dir, g_strerror(errno));
        return FALSE;
    }
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] != '.')
            g_ptr_array_add(names, g_strdup(e->d_name));
    }
    closedir(d);
    for (guint i = 0; i < names->len; i++) {
        char *path = join_path(dir, names->pdata[i]);
        struct stat st;
        gboolean link = lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
        if ((link ? stat(path, &st) : lstat(path, &st)) != 0) {
            if (link) { /* a dangling link is no file */
                g_free(path);
                continue;
            }
            g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_IO, "%s: %s", path, g_strerror(errno));
            g_free(path);
            return FALSE;
        }
        if (S_ISDIR(st.st_mode) && !link) {
            gboolean ok = walk(path, out, error);
            g_free(path);
            if (!ok)
                return FALSE;
        } else if (S_ISREG(st.st_mode) && is_txt(names->pdata[i])) {
            g_ptr_array_add(out, path);
        } else {
            g_free(path);
        }
    }
    return TRUE;
}

char **corpus_report_expand_paths(const char *const *paths, guint n, GError **error)
{
    g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; i < n; i++) {
        struct stat st;
        if (stat(paths[i], &st) != 0) {
            g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_IO, "%s: %s", paths[i],
                        g_strerror(errno));
            return NULL;
        }
        if (!S_ISDIR(st.st_mode)) {
            g_ptr_array_add(files, g_strdup(paths[i]));
            continue;
        }
        g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func(g_free);
        if (!walk(paths[i], found, error))
            return NULL;
        /* Bytewise, so that the order never depends on the file system. */
        g_ptr_array_sort(found, compare_paths);
        for (guint j = 0; j < found->len; j++)
            g_ptr_array_add(files, g_strdup(found->pdata[j]));
    }
    g_ptr_array_add(files, NULL);
    return (char **)g_ptr_array_free(g_steal_pointer(&files), FALSE);
}

char *corpus_report_date(const char *source_date_epoch, GError **error)
{
    guint64 t;
    /* Up to 9999-12-31T23:59:59Z, the last date ISO 8601 writes with four digits. */
    if (!g_ascii_string_to_unsigned(source_date_epoch, 10, 0, G_GUINT64_CONSTANT(253402300799),
                                    &t, NULL)) {
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_PARSE,
                    "invalid SOURCE_DATE_EPOCH value '%s' (expected seconds since "
                    "1970-01-01 UTC)",
                    source_date_epoch);
        return NULL;
    }
    GDateTime *dt = g_date_time_new_from_unix_utc((gint64)t);
    char *s = g_date_time_format(dt, "%Y-%m-%dT%H:%M:%SZ");
    g_date_time_unref(dt);
    return s;
}

/* The size and SHA-256 (lowercase hex, g_free) of the file at path. */
static gboolean file_digest(const char *path, guint64 *size, char **hex, GError **error)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_IO, "%s: %s", path, g_strerror(errno));
        return FALSE;
    }
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    char *block = g_malloc(1 << 20);
    size_t n;
    *size = 0;
    while ((n = fread(block, 1, 1 << 20, f)) > 0) {
        g_checksum_update(sum, (const guchar *)block, n);
        *size += n;
    }
    gboolean ok = !ferror(f);
    if (!ok)
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_IO, "%s: %s", path, g_strerror(errno));
    fclose(f);
    g_free(block);
    *hex = ok ? g_strdup(g_checksum_get_string(sum)) : NULL;
    g_checksum_free(sum);
    return ok;
}

/* ---- Tables ------------------------------------------------------------------------------ */

static void table_free(gpointer p)
{
    Table *t = p;
    g_strfreev(t->cols);
    g_string_free(t->kinds, TRUE);
    g_ptr_array_unref(t->cells);
    g_free(t);
}

/* A new table of the report: cols are space-separated, kinds one letter per column. */
static Table *add_table(Report *r, const char *key, const char *title, const char *about,
                        const char *cols, const char *kinds)
{
    Table *t = g_new0(Table, 1);
    t->key = key;
    t->title = title;
    t->about = about;
    t->cols = g_strsplit(cols, " ", -1);
    t->n_cols = g_strv_length(t->cols);
    t->kinds = g_string_new(kinds);
    g_assert(t->kinds->len == t->n_cols);
    t->cells = g_ptr_array_new_with_free_func(g_free);
    g_ptr_array_add(r->tables, t);
    return t;
}

static void cell_text(Table *t, const char *s, size_t len)
{
    g_ptr_array_add(t->cells, g_strndup(s, len));
}

static void cell_u64(Table *t, guint64 v)
{
    CorpusBuf b = CORPUS_BUF_INIT;
    corpus_buf_put_u64(&b, v);
    g_ptr_array_add(t->cells, g_strdup(corpus_buf_cstr(&b)));
    corpus_buf_clear(&b);
}

static void cell_double(Table *t, double v)
{
    if (!isfinite(v)) {
        g_ptr_array_add(t->cells, NULL);
        return;
    }
    CorpusBuf b = CORPUS_BUF_INIT;
    corpus_buf_put_double(&b, v);
    g_ptr_array_add(t->cells, g_strdup(corpus_buf_cstr(&b)));
    corpus_buf_clear(&b);
}

/* A field of a table another module wrote: text as it is; a number written again (an
 * integer with put_u64, else with put_double, which gives back the shortest form the module
 * wrote); an empty number field is undefined. */
static gboolean cell_field(Table *t, const char *s, GError **error)
{
    char kind = t->kinds->str[t->cells->len % t->n_cols];
    guint64 u;
    char *end;

    if (kind != KIND_NUMBER) {
        cell_text(t, s, strlen(s));
        return TRUE;
    }
    if (!*s) {
        g_ptr_array_add(t->cells, NULL);
        return TRUE;
    }
    if (g_ascii_string_to_unsigned(s, 10, 0, G_MAXUINT64, &u, NULL)) {
        cell_u64(t, u);
        return TRUE;
    }
    double d = g_ascii_strtod(s, &end);
    if (*end || !isfinite(d)) {
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_PARSE, "%s: '%s' is not a number", t->key,
                    s);
        return FALSE;
    }
    cell_double(t, d);
    return TRUE;
}

/* ---- Temporary tables -------------------------------------------------------------------- */

/* A new file in the temporary folder (*path: g_free). */
static CorpusOut *tmp_open(Report *r, char **path, GError **error)
{
    char name[32];
    g_snprintf(name, sizeof name, "t%u.tsv", r->n_tmp++);
    *path = g_build_filename(r->tmp, name, NULL);
    return corpus_out_open(*path, error);
}

/* Read a TSV table with a header line into t, whose columns it must have. */
static gboolean read_tsv(Table *t, const char *path, GError **error)
{
    g_autofree char *text = NULL;
    GError *e = NULL;
    if (!g_file_get_contents(path, &text, NULL, &e)) {
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_IO, "%s", e->message);
        g_error_free(e);
        return FALSE;
    }
    char **lines = g_strsplit(text, "\n", -1);
    gboolean ok = TRUE;
    for (guint i = 1; ok && lines[i] && lines[i][0]; i++) {
        char **f = g_strsplit(lines[i], "\t", -1);
        if (g_strv_length(f) != t->n_cols) {
            g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_PARSE,
                        "%s: line %u of the table has %u fields, not %u", t->key, i + 1,
                        g_strv_length(f), t->n_cols);
            ok = FALSE;
        }
        for (guint j = 0; ok && f[j]; j++)
            ok = cell_field(t, f[j], error);
        g_strfreev(f);
    }
    g_strfreev(lines);
    return ok;
}

/* Write a table with write() to a temporary file and read it back into t. */
typedef gboolean (*WriteFunc)(gpointer obj, gconstpointer spec, CorpusOut *out, GError **error);

static gboolean through_file(Report *r, Table *t, WriteFunc write, gpointer obj,
                             gconstpointer spec, GError **error)
{
    g_autofree char *path = NULL;
    CorpusOut *out = tmp_open(r, &path, error);
    gboolean ok = out && write(obj, spec, out, error) && corpus_out_commit(out, error) &&
                  read_tsv(t, path, error);
    corpus_out_free(out);
    return ok;
}

static gboolean write_stats(gpointer obj, gconstpointer spec, CorpusOut *out, GError **error)
{
    return corpus_stats_write(obj, spec, out, error);
}

static gboolean write_colloc(gpointer obj, gconstpointer spec, CorpusOut *out, GError **error)
{
    guint64 skipped;
    (void)spec;
    return corpus_colloc_write(obj, out, &skipped, error);
}

static gboolean write_tfidf(gpointer obj, gconstpointer spec, CorpusOut *out, GError **error)
{
    return corpus_tfidf_write(obj, spec, out, error);
}

static gboolean write_keyness(gpointer obj, gconstpointer spec, CorpusOut *out, GError **error)
{
    return corpus_keyness_write(obj, spec, out, error);
}

/* ---- Provenance ---------------------------------------------------------------------------- */

static gboolean all_digits(const char *s)
{
    if (!*s || (s[0] == '0' && s[1]))
        return FALSE;
    for (; *s; s++) {
        if (!g_ascii_isdigit(*s))
            return FALSE;
    }
    return TRUE;
}

static gboolean add_provenance(Report *r, const char *const *files, guint n_files,
                               GError **error)
{
    const CorpusReportSpec *spec = r->spec;
    GString *names = g_string_new(NULL);
    GString *kinds = g_string_new(NULL);
    for (guint i = 0; i < spec->n_options; i++) {
        g_string_append_printf(names, "%s%s", i ? " " : "", spec->options[i].name);
        g_string_append_c(kinds, all_digits(spec->options[i].value) ? KIND_NUMBER : KIND_TEXT);
    }
    Table *t = add_table(r, "options", "Options", "The effective value of every option.",
                         names->str, kinds->str);
    g_string_free(names, TRUE);
    g_string_free(kinds, TRUE);
    t->object = TRUE;
    for (guint i = 0; i < spec->n_options; i++) {
        if (t->kinds->str[i] == KIND_NUMBER)
            cell_field(t, spec->options[i].value, NULL);
        else
            cell_text(t, spec->options[i].value, strlen(spec->options[i].value));
    }

    for (guint side = 0; side < 2; side++) {
        const char *const *list = side ? spec->references : files;
        guint n = side ? spec->n_references : n_files;
        if (side && n == 0)
            break;
        t = add_table(r, side ? "references" : "inputs", side ? "Reference files" : "Input files",
                      side ? "The files of the reference corpus of the keyness tables: path as "
                             "given, size in bytes, SHA-256."
                           : "Every input file in reading order: path as given, size in bytes, "
                             "SHA-256.",
                      "path bytes sha256", "tnt");
        for (guint i = 0; i < n; i++) {
            guint64 size;
            char *hex;
            if (!file_digest(list[i], &size, &hex, error))
                return FALSE;
            cell_text(t, list[i], strlen(list[i]));
            cell_u64(t, size);
            cell_text(t, hex, strlen(hex));
            g_free(hex);
        }
    }
    return TRUE;
}

/* ---- Statistics ---------------------------------------------------------------------------- */

#define STAT_COLS                                                                               \
    "bytes characters tokens types sentences documents mean_sentence_length ttr "              \
    "hapax_legomena dis_legomena yule_k simpson_d herdan_c guiraud_r mtld zipf_s_mle "          \
    "zipf_s_mle_se zipf_s_ls zipf_ls_r2 heaps_k heaps_beta heaps_r2"
#define STAT_KINDS "nnnnnnnnnnnnnnnnnnnnnn"

static void put_stats(Table *t, const CorpusStatsValues *v)
{
    const guint64 counts[] = {v->bytes, v->characters, v->tokens, v->types, v->sentences,
                              v->documents};
    const double ratios[] = {v->mean_sentence_length, v->ttr};
    const double measures[] = {v->yule_k,   v->simpson_d,   v->herdan_c, v->guiraud_r,
                               v->mtld,     v->zipf_mle,    v->zipf_mle_se, v->zipf_ls,
                               v->zipf_ls_r2, v->heaps_k,   v->heaps_beta, v->heaps_r2};
    for (guint i = 0; i < G_N_ELEMENTS(counts); i++)
        cell_u64(t, counts[i]);
    for (guint i = 0; i < G_N_ELEMENTS(ratios); i++)
        cell_double(t, ratios[i]);
    cell_u64(t, v->hapax);
    cell_u64(t, v->dis);
    for (guint i = 0; i < G_N_ELEMENTS(measures); i++)
        cell_double(t, measures[i]);
}

static gboolean pass_stats(Report *r, const char *const *files, guint n, GError **error)
{
    const CorpusReportSpec *spec = r->spec;
    CorpusStatsSpec ss = {.keep = spec->keep, .docs = CORPUS_DOCS_FILE};
    g_autoptr(CorpusStats) st = corpus_stats_new(&ss);
    CorpusTokStreamSpec tok = {
        .norm = spec->norm,
        .docs = CORPUS_DOCS_FILE,
        .stem = spec->stem,
        .stopwords = spec->stopwords,
        .consume = corpus_stats_consume,
        .user = st,
    };
    if (!corpus_tok_stream_run(&tok, spec->base, files, n, error))
        return FALSE;

    corpus_stats_values(st, CORPUS_STATS_ALL, &r->all);
    Table *t = add_table(r, "corpus", "Corpus overview",
                         "The statistics of the whole input, as corpus-stats writes them "
                         "(docs/stats.md); an empty value is not defined.",
                         STAT_COLS, STAT_KINDS);
    t->object = TRUE;
    put_stats(t, &r->all);
    t = add_table(r, "documents", "Documents",
                  "The same statistics for each input file.", "document " STAT_COLS,
                  "t" STAT_KINDS);
    for (guint64 d = 0; d < corpus_stats_n_docs(st); d++) {
        CorpusStatsValues v;
        const char *name = corpus_stats_doc_name(st, d);
        corpus_stats_values(st, d, &v);
        cell_text(t, name, strlen(name));
        put_stats(t, &v);
    }

    CorpusStatsWriteSpec ws = {.table = CORPUS_STATS_SPECTRUM, .header = TRUE};
    t = add_table(r, "spectrum", "Frequency spectrum",
                  "How many types are seen exactly f times, for every f, rarest first.  The "
                  "rank-frequency list of the Zipf chart follows from it.",
                  "frequency types", "nn");
    t->show = spec->top;
    if (!through_file(r, t, write_stats, st, &ws, error))
        return FALSE;
    ws.table = CORPUS_STATS_GROWTH;
    t = add_table(r, "growth", "Vocabulary growth",
                  "Types seen among the first n tokens, at the Heaps checkpoints "
                  "(floor(10^(j/10)) and N).",
                  "tokens types", "nn");
    return through_file(r, t, write_stats, st, &ws, error);
}

/* ---- Ranked words ---------------------------------------------------------------------------- */

/* The first k records by count descending, then key bytewise. */
typedef struct {
    guint64 k;
    GPtrArray *keys;  /* char *, best first */
    GArray *counts;   /* guint64 */
} Top;

static void top_init(Top *top, guint64 k)
{
    top->k = k;
    top->keys = g_ptr_array_new_with_free_func(g_free);
    top->counts = g_array_new(FALSE, FALSE, sizeof(guint64));
}

static void top_clear(Top *top)
{
    g_ptr_array_unref(top->keys);
    g_array_unref(top->counts);
}

static gboolean top_before(const Top *top, guint i, const char *key, size_t len, guint64 count)
{
    guint64 c = g_array_index(top->counts, guint64, i);
    const char *k = top->keys->pdata[i];
    return corpus_rec_compare(CORPUS_ORDER_COUNT, key, len, count, k, strlen(k), c) < 0;
}

static void top_add(Top *top, const char *key, size_t len, guint64 count)
{
    guint n = top->keys->len;
    if (top->k == 0 || (n == top->k && !top_before(top, n - 1, key, len, count)))
        return;
    guint at = n;
    while (at > 0 && top_before(top, at - 1, key, len, count))
        at--;
    if (n == top->k) {
        g_ptr_array_remove_index(top->keys, n - 1);
        g_array_remove_index(top->counts, n - 1);
    }
    g_ptr_array_insert(top->keys, (gint)at, g_strndup(key, len));
    g_array_insert_val(top->counts, at, count);
}

/* A source that passes the records of the collocation count through and keeps the top words
 * and the top pairs (keys may end in a tab and the number of words; the stop key is left out).
 */
typedef struct {
    CorpusRecSource base;
    CorpusRecSource *inner;
    Top *words, *pairs;
} TopSource;

static gboolean top_source_next(CorpusRecSource *src, GError **error)
{
    TopSource *s = (TopSource *)src;
    if (!s->inner->next(s->inner, error))
        return FALSE;
    src->key = s->inner->key;
    src->len = s->inner->len;
    src->count = s->inner->count;
    const char *tab = memchr(src->key, '\t', src->len);
    size_t len = tab ? (size_t)(tab - src->key) : src->len;
    if (!memchr(src->key, CORPUS_COLLOC_STOP_KEY[0], len))
        top_add(memchr(src->key, ' ', len) ? s->pairs : s->words, src->key, len, src->count);
    return TRUE;
}

static void top_source_free(CorpusRecSource *src)
{
    TopSource *s = (TopSource *)src;
    corpus_rec_source_free(s->inner);
    g_free(s);
}

/* Add the records of top to t as (word..., count) rows; a pair gives two word cells. */
static void put_top(Table *t, const Top *top)
{
    for (guint i = 0; i < top->keys->len; i++) {
        const char *key = top->keys->pdata[i];
        const char *space = strchr(key, ' ');
        if (space && t->n_cols == 3) {
            cell_text(t, key, (size_t)(space - key));
            cell_text(t, space + 1, strlen(space + 1));
        } else {
            cell_text(t, key, strlen(key));
        }
        cell_u64(t, g_array_index(top->counts, guint64, i));
    }
}

/* The token stream of the word tables: --stem (or stem), the table stop list. */
static CorpusTokStreamSpec table_tokens(const CorpusReportSpec *spec, CorpusStemAlgo stem)
{
    CorpusTokStreamSpec tok = {
        .norm = spec->norm,
        .docs = CORPUS_DOCS_FILE,
        .stem = stem,
        .stopwords = spec->table_stopwords,
    };
    return tok;
}

/* Words and pairs in one count: top words, top pairs, collocations by llr and by logdice. */
static gboolean pass_colloc(Report *r, const char *const *files, guint n, GError **error)
{
    const CorpusReportSpec *spec = r->spec;
    static const CorpusMeasure measures[] = {CORPUS_MEASURE_LLR, CORPUS_MEASURE_LOGDICE,
                                             CORPUS_MEASURE_PMI, CORPUS_MEASURE_T};
    CorpusNgramSpec ns = {
        .n_min = 1,
        .n_max = 2,
        .keep = spec->keep,
        .memory = corpus_default_memory(),
        .stop_key = CORPUS_COLLOC_STOP_KEY,
    };
    CorpusCollocSpec cs = {
        .n = 2,
        .window = 2,
        .measures = measures,
        .n_measures = G_N_ELEMENTS(measures),
        .sort_by = CORPUS_MEASURE_LLR,
        .min_count = spec->min_count,
        .min_word_count = 1,
        .top = spec->top,
        .header = TRUE,
        .threads = MAX(spec->base->n_threads, 1u),
    };
    CorpusTokStreamSpec tok = table_tokens(spec, spec->stem);
    g_autoptr(CorpusRuns) runs = corpus_runs_new(NULL);
    g_autoptr(CorpusColloc) colloc = corpus_colloc_new(&cs);
    Top words, pairs;
    CorpusRecOrder got;

    CorpusRecSource *counts = corpus_ngram_count(&ns, &tok, spec->base, files, n, runs,
                                                 CORPUS_ORDER_KEY, &got, error);
    if (!counts)
        return FALSE;
    top_init(&words, spec->top);
    top_init(&pairs, spec->top);
    TopSource *src = g_new0(TopSource, 1);
    src->base.next = top_source_next;
    src->base.free = top_source_free;
    src->inner = counts;
    src->words = &words;
    src->pairs = &pairs;
    gboolean ok = corpus_colloc_add_source(colloc, &src->base, 0, "counts", error);
    if (ok) {
        put_top(add_table(r, "top_words", "Top words",
                          "The most frequent words, stop words of the table list left out "
                          "(corpus-ngram -n 1 --stopwords).",
                          "word count", "wn"),
                &words);
        put_top(add_table(r, "top_bigrams", "Top bigrams",
                          "The most frequent pairs of adjacent words inside a sentence, neither "
                          "a stop word (the count column of corpus-colloc).",
                          "w1 w2 count", "wwn"),
                &pairs);
    }
    top_clear(&words);
    top_clear(&pairs);

    static const char *const cols = "w1 w2 count f1 f2 N llr logdice pmi t";
    Table *t = ok ? add_table(r, "collocations_llr", "Collocations by log-likelihood",
                              "Pairs of adjacent words seen at least min_count times, scored "
                              "as corpus-colloc scores them (docs/measures.md), by G2 (llr).",
                              cols, "wwnnnnnnnn")
                  : NULL;
    ok = ok && through_file(r, t, write_colloc, colloc, NULL, error);
    cs.sort_by = CORPUS_MEASURE_LOGDICE;
    t = ok ? add_table(r, "collocations_logdice", "Collocations by logDice",
                       "The same candidates by logDice (Rychly 2008), which favours pairs "
                       "whose words mostly occur together.",
                       cols, "wwnnnnnnnn")
           : NULL;
    return ok && through_file(r, t, write_colloc, colloc, NULL, error);
}

/* Unigram counts of files with the table token stream: into top (when not NULL), or as a
 * source in key order (stop words counted under the keyness stop key) for keyness. */
static CorpusRecSource *count_words(const CorpusReportSpec *spec, CorpusStemAlgo stem,
                                    const char *stop_key, const char *const *files, guint n,
                                    CorpusRuns *runs, GError **error)
{
    CorpusNgramSpec ns = {
        .n_min = 1,
        .n_max = 1,
        .keep = spec->keep,
        .memory = corpus_default_memory(),
        .stop_key = stop_key,
    };
    CorpusTokStreamSpec tok = table_tokens(spec, stem);
    CorpusRecOrder got;
    return corpus_ngram_count(&ns, &tok, spec->base, files, n, runs, CORPUS_ORDER_KEY, &got,
                              error);
}

static gboolean pass_stems(Report *r, const char *const *files, guint n, GError **error)
{
    const CorpusReportSpec *spec = r->spec;
    g_autoptr(CorpusRuns) runs = corpus_runs_new(NULL);
    CorpusRecSource *src = count_words(spec, spec->stems, NULL, files, n, runs, error);
    if (!src)
        return FALSE;
    Top top;
    GError *e = NULL;
    top_init(&top, spec->top);
    while (src->next(src, &e))
        top_add(&top, src->key, src->len, src->count);
    corpus_rec_source_free(src);
    gboolean ok = e == NULL;
    if (e)
        g_propagate_error(error, e);
    else
        put_top(add_table(r, "top_stems", "Top stems",
                          "The most frequent stems (stop words of the table list left out), "
                          "with the stemmer of the stems option (corpus-ngram -n 1 --stem).",
                          "stem count", "wn"),
                &top);
    top_clear(&top);
    return ok;
}

static gboolean pass_tfidf(Report *r, const char *const *files, guint n, GError **error)
{
    const CorpusReportSpec *spec = r->spec;
    CorpusDocTermsSpec ds = {1, 1, spec->keep, CORPUS_DOCS_FILE};
    g_autoptr(CorpusDocTerms) terms = corpus_doc_terms_new(&ds);
    CorpusTokStreamSpec tok = table_tokens(spec, spec->stem);
    tok.consume = corpus_doc_terms_consume;
    tok.user = terms;
    CorpusTfidfSpec ts = {
        .scheme = CORPUS_TFIDF_DEFAULT,
        .min_df = {1, FALSE},
        .max_df = {1.0, TRUE},
        .top = spec->keywords,
        .header = TRUE,
    };
    if (!corpus_tok_stream_run(&tok, spec->base, files, n, error))
        return FALSE;
    Table *t = add_table(r, "keywords", "Keywords by TF-IDF",
                         "The terms of each input file with the largest TF-IDF weight, the "
                         "files being the documents (corpus-tfidf: raw tf, smooth idf, l2).",
                         "doc term tf df idf tfidf", "twnnnn");
    return through_file(r, t, write_tfidf, terms, &ts, error);
}

static gboolean pass_keyness(Report *r, const char *const *files, guint n, GError **error)
{
    const CorpusReportSpec *spec = r->spec;
    g_autoptr(CorpusKeyness) k = corpus_keyness_new();
    for (guint side = 0; side < 2; side++) {
        g_autoptr(CorpusRuns) runs = corpus_runs_new(NULL);
        CorpusRecSource *src =
            count_words(spec, spec->stem, CORPUS_KEYNESS_STOP_KEY, side ? spec->references : files,
                        side ? spec->n_references : n, runs, error);
        if (!src || !corpus_keyness_add(k, side ? CORPUS_KEYNESS_REFERENCE : CORPUS_KEYNESS_TARGET,
                                        src, side ? "reference" : "target", error))
            return FALSE;
    }
    static const char *const cols = "term freq-target freq-ref size-target size-ref g2 g2-p "
                                    "chi2 chi2-p log-ratio pdiff bic";
    CorpusKeynessSpec ks = {.direction = CORPUS_KEYNESS_POS, .min_count = 1, .top = spec->top,
                            .header = TRUE};
    Table *t = add_table(r, "keyness_positive", "Keywords against the reference",
                         "Terms the input uses more than the reference corpus, by signed G2 "
                         "(corpus-keyness --direction=pos; docs/keyness.md).",
                         cols, "wnnnnnnnnnnn");
    if (!through_file(r, t, write_keyness, k, &ks, error))
        return FALSE;
    ks.direction = CORPUS_KEYNESS_NEG;
    t = add_table(r, "keyness_negative", "Negative keywords",
                  "Terms the input uses less than the reference corpus (corpus-keyness "
                  "--direction=neg).",
                  cols, "wnnnnnnnnnnn");
    return through_file(r, t, write_keyness, k, &ks, error);
}

/* ---- The report ------------------------------------------------------------------------- */

static const char *const report_files[] = {"report.json", "report.md", "index.html"};

gboolean corpus_report_write(const CorpusReportSpec *spec, const char *const *files,
                             guint n_files, const char *dir, GError **error)
{
    CorpusOut *outs[G_N_ELEMENTS(report_files)] = {NULL};
    Report r = {.spec = spec, .tmp_slot = -1};
    gboolean ok = TRUE;

    for (guint i = 0; ok && i < n_files; i++)
        ok = corpus_reader_check(files[i], error);
    for (guint i = 0; ok && i < spec->n_references; i++)
        ok = corpus_reader_check(spec->references[i], error);
    if (!ok)
        return FALSE;
    if (g_mkdir_with_parents(dir, 0777) != 0) {
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_IO, "cannot make the folder '%s': %s", dir,
                    g_strerror(errno));
        return FALSE;
    }
    for (guint i = 0; ok && i < G_N_ELEMENTS(report_files); i++) {
        g_autofree char *path = join_path(dir, report_files[i]);
        ok = (outs[i] = corpus_out_open(path, error)) != NULL;
    }
    char *tmpl = corpus_temp_dir_template(g_get_tmp_dir(), "corpus-report-");
    if (ok && !(r.tmp = corpus_temp_dir_make(tmpl, &r.tmp_slot))) {
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_IO, "cannot make a temporary folder: %s",
                    g_strerror(errno));
        ok = FALSE;
    }
    r.tables = g_ptr_array_new_with_free_func(table_free);
    ok = ok && add_provenance(&r, files, n_files, error) &&
         pass_stats(&r, files, n_files, error) && pass_colloc(&r, files, n_files, error) &&
         pass_stems(&r, files, n_files, error) && pass_tfidf(&r, files, n_files, error) &&
         (spec->n_references == 0 || pass_keyness(&r, files, n_files, error));
    if (r.tmp)
        corpus_temp_dir_remove(r.tmp_slot, r.tmp);
    g_free(tmpl);

    for (guint i = 0; ok && i < G_N_ELEMENTS(report_files); i++) {
        CorpusBuf b = CORPUS_BUF_INIT;
        if (i == 0)
            corpus_report_render_json(&r, &b);
        else if (i == 1)
            corpus_report_render_md(&r, &b);
        else
            corpus_report_render_html(&r, &b);
        ok = corpus_out_write(outs[i], b.data, b.len, error);
        corpus_buf_clear(&b);
    }
    /* Commit only once every file is complete, so an error replaces none of them. */
    for (guint i = 0; ok && i < G_N_ELEMENTS(report_files); i++)
        ok = corpus_out_commit(outs[i], error);
    for (guint i = 0; i < G_N_ELEMENTS(report_files); i++)
        corpus_out_free(outs[i]);
    g_ptr_array_unref(r.tables);
    return ok;
}