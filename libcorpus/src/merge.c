/* Summing count tables (see merge.h).
 * SPDX-License-Identifier: MIT */
#include <string.h>
#include <sys/stat.h>

#include <corpus/counter.h>
#include <corpus/error.h>
#include <corpus/merge.h>
#include <corpus/tableread.h>

static const char *const stdin_only[] = {"-"};

/* Check that r has the columns of the tables before it. */
static gboolean same_columns(CorpusMergeSpec *spec, CorpusTableReader *r, const char *name,
                             const char **first_header_file, GError **error)
{
    const char *header = corpus_table_reader_header(r);
    guint columns = corpus_table_reader_columns(r);

    if (header) {
        if (!spec->header) {
            spec->header = g_strdup(header);
            *first_header_file = name;
        } else if (strcmp(header, spec->header) != 0) {
            g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_PARSE,
                        "%s:1: header '%s' differs from '%s' in %s (the tables must have the "
                        "same columns)",
                        name, header, spec->header, *first_header_file);
            return FALSE;
        }
    }
    if (columns && spec->columns && columns != spec->columns) {
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_PARSE,
                    "%s:1: %u columns where the tables before have %u", name, columns,
                    spec->columns);
        return FALSE;
    }
    if (columns)
        spec->columns = columns;
    return TRUE;
}

static CorpusRecSource *stream(CorpusMergeSpec *spec, const char *const *files, guint n,
                               GError **error)
{
    CorpusRecSource **srcs = g_new0(CorpusRecSource *, MAX(n, 1u));
    const char *first_header_file = NULL;

    for (guint i = 0; i < n; i++) {
        CorpusTableReader *r = corpus_table_reader_open(files[i], error);
        if (!r || !same_columns(spec, r, files[i], &first_header_file, error)) {
            corpus_table_reader_free(r);
            for (guint k = 0; k < i; k++)
                corpus_rec_source_free(srcs[k]);
            g_free(srcs);
            return NULL;
        }
        corpus_table_reader_require_order(r);
        srcs[i] = corpus_table_reader_source(r);
    }
    CorpusRecSource *m = corpus_rec_merge_new(srcs, n, CORPUS_ORDER_KEY);
    g_free(srcs);
    spec->streamed = TRUE;
    return m;
}

static CorpusRecSource *count(CorpusMergeSpec *spec, const char *const *files, guint n,
                              CorpusRuns *runs, CorpusRecOrder want, CorpusRecOrder *got,
                              GError **error)
{
    CorpusCounterSpec cs = {.n_min = 1, .n_max = 1, .sep = "", .memory = spec->memory, .runs = runs};
    g_autoptr(CorpusCounter) counter = corpus_counter_new(&cs);
    CorpusVocab *vocab = corpus_counter_vocab(counter);
    const char *first_header_file = NULL;

    for (guint i = 0; i < n; i++) {
        g_autoptr(CorpusTableReader) r = corpus_table_reader_open(files[i], error);
        if (!r || !same_columns(spec, r, files[i], &first_header_file, error))
            return NULL;
        CorpusRecSource *src = corpus_table_reader_source(r);
        GError *e = NULL;
        while (src->next(src, &e)) {
            if (corpus_vocab_add(vocab, src->key, src->len, src->count) == G_MAXUINT32) {
                g_autofree char *where = corpus_table_reader_where(r);
                g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_LIMIT,
                            "%s: the count of '%.*s' passes 18446744073709551615 (2^64 - 1)",
                            where, (int)MIN(src->len, 200), src->key);
                return NULL;
            }
            if (corpus_counter_over(counter) && !corpus_counter_spill(counter, error))
                return NULL;
        }
        if (e) {
            g_propagate_error(error, e);
            return NULL;
        }
    }
    if (corpus_runs_count(runs) == 0) {
        *got = want;
        /* The source reads the counter, which it must own. */
        CorpusRecSource *src = corpus_counter_source(counter, want);
        return corpus_rec_source_keep(src, g_steal_pointer(&counter),
                                      (GDestroyNotify)corpus_counter_free);
    }
    if (!corpus_counter_spill(counter, error))
        return NULL;
    *got = CORPUS_ORDER_KEY;
    return corpus_runs_merge(runs, NULL, 0, CORPUS_ORDER_KEY, error);
}

CorpusRecSource *corpus_merge_tables(CorpusMergeSpec *spec, const char *const *files,
                                     guint n_files, CorpusRuns *runs, CorpusRecOrder want,
                                     CorpusRecOrder *got, GError **error)
{
    gboolean sorted = spec->mode == CORPUS_MERGE_SORTED;

    if (n_files == 0) {
        files = stdin_only;
        n_files = 1;
    }
    spec->header = NULL;
    spec->columns = 0;
    spec->streamed = FALSE;
    if (spec->mode == CORPUS_MERGE_AUTO && n_files <= CORPUS_RUNS_MAX_OPEN) {
        /* Regular files are read twice: first only to see whether they are in key order. */
        sorted = TRUE;
        for (guint i = 0; sorted && i < n_files; i++) {
            struct stat st;
            /* Only a regular file can be read twice; nothing of the others is read here. */
            if (strcmp(files[i], "-") == 0 || stat(files[i], &st) != 0 || !S_ISREG(st.st_mode)) {
                sorted = FALSE;
                break;
            }
            GError *e = NULL;
            sorted = corpus_table_is_sorted(files[i], &e);
            if (e) {
                g_propagate_error(error, e);
                return NULL;
            }
        }
    }
    if (sorted) {
        *got = CORPUS_ORDER_KEY;
        return stream(spec, files, n_files, error);
    }
    return count(spec, files, n_files, runs, want, got, error);
}
