/* Fuzz target: count tables as corpus-merge reads them (tableread.h, merge.h), and as
 * corpus-colloc --from-counts takes them (colloc.h).  The input is one table file.  Merging it
 * as found (streamed when key-sorted, else counted) and counting it must agree: both fail, or
 * both give the same records in key order.  Then its records go to a collocation scorer,
 * whose table is written to /dev/null.
 * SPDX-License-Identifier: MIT */
#include "fuzz.h"

/* The records of a merge with a nonzero count, key NUL count LF ... in a buffer, or FALSE on
 * an error.  Records of count 0 are left out: a streamed merge gives them, a counted one does
 * not, and every tool drops them (--min-count is at least 1; a unigram of count 0 is as good as
 * none for corpus-colloc). */
static gboolean merge(const char *path, CorpusMergeMode mode, CorpusBuf *records)
{
    CorpusMergeSpec spec = {.mode = mode, .memory = 0};
    CorpusRuns *runs = corpus_runs_new(NULL);
    CorpusRecOrder got;
    GError *error = NULL;
    const char *files[] = {path};

    records->len = 0;
    CorpusRecSource *src = corpus_merge_tables(&spec, files, 1, runs, CORPUS_ORDER_KEY, &got,
                                               &error);
    if (src) {
        FUZZ_CHECK(got == CORPUS_ORDER_KEY);
        while (src->next(src, &error)) {
            if (src->count == 0)
                continue;
            corpus_buf_append(records, src->key, src->len);
            corpus_buf_putc(records, '\0');
            corpus_buf_put_u64(records, src->count);
            corpus_buf_putc(records, '\n');
        }
        corpus_rec_source_free(src);
    }
    FUZZ_CHECK(error || src);
    FUZZ_CHECK(!error || error->domain == CORPUS_ERROR);
    g_free(spec.header);
    corpus_runs_free(runs);
    if (error) {
        g_error_free(error);
        return FALSE;
    }
    return TRUE;
}

/* The --from-counts path: the table's records (any of 1 to 2 words) scored as pairs. */
static void colloc(const char *path)
{
    static const CorpusMeasure measures[] = {CORPUS_MEASURE_LLR, CORPUS_MEASURE_PMI,
                                             CORPUS_MEASURE_NPMI, CORPUS_MEASURE_T,
                                             CORPUS_MEASURE_LOGDICE};
    CorpusCollocSpec cs = {
        .n = 2,
        .window = 2,
        .measures = measures,
        .n_measures = G_N_ELEMENTS(measures),
        .sort_by = CORPUS_MEASURE_LLR,
        .min_count = 1,
        .min_word_count = 1,
        .header = TRUE,
        .threads = 1,
    };
    CorpusMergeSpec spec = {.mode = CORPUS_MERGE_AUTO, .memory = 0};
    CorpusRuns *runs = corpus_runs_new(NULL);
    CorpusColloc *c = corpus_colloc_new(&cs);
    CorpusRecOrder got;
    GError *error = NULL;
    const char *files[] = {path};

    CorpusRecSource *src = corpus_merge_tables(&spec, files, 1, runs, CORPUS_ORDER_KEY, &got,
                                               &error);
    if (src && corpus_colloc_add_source(c, src, 0, path, &error)) {
        CorpusOut *out = corpus_out_open("/dev/null", &error);
        guint64 skipped = 0;
        FUZZ_CHECK(out != NULL);
        if (corpus_colloc_write(c, out, &skipped, &error))
            FUZZ_CHECK(corpus_out_commit(out, &error));
        corpus_out_free(out);
    }
    g_clear_error(&error);
    g_free(spec.header);
    corpus_colloc_free(c);
    corpus_runs_free(runs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_write_file(data, size);
    CorpusBuf as_found = CORPUS_BUF_INIT, counted = CORPUS_BUF_INIT;

    gboolean ok1 = merge(path, CORPUS_MERGE_AUTO, &as_found);
    gboolean ok2 = merge(path, CORPUS_MERGE_COUNT, &counted);
    FUZZ_CHECK(ok1 == ok2);
    if (ok1)
        FUZZ_CHECK(as_found.len == counted.len &&
                   (as_found.len == 0 || memcmp(as_found.data, counted.data, as_found.len) == 0));
    if (ok1)
        colloc(path);
    corpus_buf_clear(&as_found);
    corpus_buf_clear(&counted);
    return 0;
}
