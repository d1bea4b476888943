/* Unit tests of runs: record order, runs written and read back with any key bytes and any
 * 64-bit count, merges that sum equal keys (and stop at 2^64 - 1), merges in rounds past
 * CORPUS_RUNS_MAX_OPEN runs, count-order merges, the private temporary directory, writers on
 * several threads, cut temporary files, and the helper sources.
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <corpus/runs.h>

#include "unit.h"
#include "unit-rec.h"

/* A fresh tmp_dir per test. */
static void make_dir(void)
{
    make_tmp_dir("corpus-test-runs-XXXXXX");
}

/* ---- helper sources -------------------------------------------------------------------- */

/* Write recs[0..n) as one run. */
static gboolean write_run(CorpusRuns *runs, const Rec *recs, size_t n)
{
    GError *error = NULL;
    CorpusRunWriter *w = corpus_run_writer_new(runs, &error);
    gboolean ok = w != NULL;

    for (size_t i = 0; ok && i < n; i++)
        ok = corpus_run_writer_put(w, recs[i].key, recs[i].len, recs[i].count, &error);
    if (w && !corpus_run_writer_finish(w, ok ? &error : NULL))
        ok = FALSE;
    if (error) {
        fprintf(stderr, "write_run: %s\n", error->message);
        g_error_free(error);
    }
    return ok;
}

/* Read src to its end (frees it) and compare with want[0..n); *error gets the source's
 * error, if any. */
static void check_records(CorpusRecSource *src, const Rec *want, size_t n, GError **error,
                          unsigned line)
{
    size_t i = 0;
    gboolean ok = TRUE;
    char *msg = NULL;

    CU_ASSERT_PTR_NOT_NULL(src);
    while (src && src->next(src, error)) {
        if (ok && (i >= n || src->len != want[i].len ||
                   (src->len && memcmp(src->key, want[i].key, src->len) != 0) ||
                   src->count != want[i].count)) {
            g_autofree char *g = unit_escape(src->key, MIN(src->len, 80));
            g_autofree char *w =
                i < n ? unit_escape(want[i].key, MIN(want[i].len, 80)) : g_strdup("(nothing)");
            msg = g_strdup_printf("record %zu: got %s (%zu bytes) %" G_GUINT64_FORMAT
                                  ", expected %s (%zu bytes) %" G_GUINT64_FORMAT,
                                  i, g, src->len, src->count, w, i < n ? want[i].len : 0,
                                  i < n ? want[i].count : 0);
            ok = FALSE;
        }
        i++;
    }
    if (ok && i != n) {
        msg = g_strdup_printf("%zu records, expected %zu", i, n);
        ok = FALSE;
    }
    unit_report(ok, msg ? msg : g_strdup("records"), line, __FILE__, "check_records");
    corpus_rec_source_free(src);
}

#define CHECK_RECORDS(src, want, n, error) check_records((src), (want), (n), (error), __LINE__)

/* ---- order ------------------------------------------------------------------------------ */

static void test_compare(void)
{
    const CorpusRecOrder K = CORPUS_ORDER_KEY, C = CORPUS_ORDER_COUNT;

    CU_ASSERT(corpus_rec_compare(K, "a", 1, 1, "b", 1, 9) < 0);
    CU_ASSERT(corpus_rec_compare(K, "b", 1, 9, "a", 1, 1) > 0);
    CU_ASSERT(corpus_rec_compare(K, "a", 1, 1, "a", 1, 9) == 0); /* counts do not matter */
    CU_ASSERT(corpus_rec_compare(K, "a", 1, 0, "ab", 2, 0) < 0);
    CU_ASSERT(corpus_rec_compare(K, "a\0", 2, 0, "a", 1, 0) > 0);
    CU_ASSERT(corpus_rec_compare(K, "", 0, 0, "\0", 1, 0) < 0);
    CU_ASSERT(corpus_rec_compare(K, "", 0, 0, "", 0, 0) == 0);
    /* Bytes are unsigned: 0xFF and the Arabic letters come after ASCII. */
    CU_ASSERT(corpus_rec_compare(K, "\xFF", 1, 0, "z", 1, 0) > 0);
    CU_ASSERT(corpus_rec_compare(K, "\u0628", 2, 0, "z", 1, 0) > 0);
    CU_ASSERT(corpus_rec_compare(K, "a b", 3, 0, "a\tb", 3, 0) > 0);

    /* Count descending first, then the key. */
    CU_ASSERT(corpus_rec_compare(C, "b", 1, 9, "a", 1, 1) < 0);
    CU_ASSERT(corpus_rec_compare(C, "a", 1, 1, "b", 1, 9) > 0);
    CU_ASSERT(corpus_rec_compare(C, "a", 1, 5, "b", 1, 5) < 0);
    CU_ASSERT(corpus_rec_compare(C, "b", 1, 5, "a", 1, 5) > 0);
    CU_ASSERT(corpus_rec_compare(C, "z", 1, G_MAXUINT64, "a", 1, 0) < 0);
    CU_ASSERT(corpus_rec_compare(C, "a", 1, 0, "z", 1, G_MAXUINT64) > 0);
    CU_ASSERT(corpus_rec_compare(C, "a", 1, 7, "a", 1, 7) == 0);
}

/* ---- writing and reading back ----------------------------------------------------------- */

/* Keys of every length class of the record format (0, 1, 127, 128, 16383, 16384 bytes and one
 * of more than the 256 KiB I/O block), any bytes, and counts across the varint sizes. */
static void test_round_trip(void)
{
    make_dir();
    CorpusRuns *runs = corpus_runs_new(tmp_dir);
    const size_t lens[] = {127, 128, 16383, 16384, 300000};
    char *long_keys[G_N_ELEMENTS(lens)];
    const guint64 counts[] = {0,
                              1,
                              127,
                              128,
                              16384,
                              G_MAXUINT32,
                              (guint64)G_MAXUINT32 + 1,
                              G_GUINT64_CONSTANT(1) << 63,
                              G_MAXUINT64 - 1,
                              G_MAXUINT64};
    GArray *recs = g_array_new(FALSE, FALSE, sizeof(Rec));
    GPtrArray *owned = g_ptr_array_new_with_free_func(g_free);
    GError *error = NULL;

    const Rec fixed[] = {
        R("", 5),
        R("\0", 6),
        R("\0\0", 7),
        R("a\0b", 8),
        R("\xFF\xFE", 9),
        R("\u0643\u062A\u0627\u0628 \u0641\u064A", 10),
        R("tab\tinside", 11),
        R("new\nline", 12),
    };
    g_array_append_vals(recs, fixed, G_N_ELEMENTS(fixed));
    for (size_t i = 0; i < G_N_ELEMENTS(lens); i++) {
        long_keys[i] = g_malloc(lens[i]);
        for (size_t k = 0; k < lens[i]; k++)
            long_keys[i][k] = (char)(k * 7 + i);
        long_keys[i][0] = 'L'; /* distinct from the other keys */
        long_keys[i][1] = (char)('0' + i);
        Rec r = {long_keys[i], lens[i], i + 1};
        g_array_append_val(recs, r);
    }
    for (size_t i = 0; i < G_N_ELEMENTS(counts); i++) {
        char *k = g_strdup_printf("count-%02zu", i);
        g_ptr_array_add(owned, k);
        Rec r = {k, strlen(k), counts[i]};
        g_array_append_val(recs, r);
    }
    /* Enough small records to cross several I/O blocks. */
    for (guint i = 0; i < 60000; i++) {
        char *k = g_strdup_printf("small-%06u", i);
        g_ptr_array_add(owned, k);
        Rec r = {k, strlen(k), (guint64)i * 1000003};
        g_array_append_val(recs, r);
    }
    qsort(recs->data, recs->len, sizeof(Rec), rec_cmp_key);

    CU_ASSERT(write_run(runs, (Rec *)(void *)recs->data, recs->len));
    UNIT_ASSERT_INT(corpus_runs_count(runs), 1);
    UNIT_ASSERT_INT(corpus_runs_written(runs), 1);
    CorpusRecSource *m = corpus_runs_merge(runs, NULL, 0, CORPUS_ORDER_KEY, &error);
    CHECK_RECORDS(m, (Rec *)(void *)recs->data, recs->len, &error);
    CU_ASSERT_PTR_NULL(error);
    UNIT_ASSERT_INT(corpus_runs_count(runs), 0);
    UNIT_ASSERT_INT(corpus_runs_rounds(runs), 0);

    /* An empty run, and no run at all, give nothing. */
    CU_ASSERT(write_run(runs, NULL, 0));
    m = corpus_runs_merge(runs, NULL, 0, CORPUS_ORDER_KEY, &error);
    CHECK_RECORDS(m, NULL, 0, &error);
    m = corpus_runs_merge(runs, NULL, 0, CORPUS_ORDER_COUNT, &error);
    CHECK_RECORDS(m, NULL, 0, &error);
    CU_ASSERT_PTR_NULL(error);

    corpus_runs_free(runs);
    for (size_t i = 0; i < G_N_ELEMENTS(lens); i++)
        g_free(long_keys[i]);
    g_ptr_array_unref(owned);
    g_array_free(recs, TRUE);
    g_clear_error(&error);
    remove_dir();
}

/* ---- merging ----------------------------------------------------------------------------- */

static void test_merge_sums(void)
{
    make_dir();
    CorpusRuns *runs = corpus_runs_new(tmp_dir);
    GError *error = NULL;
    const Rec run1[] = {R("a", 1), R("c", 2), R("e", 3)};
    const Rec run2[] = {R("a", 10), R("b", 20), R("e", 30)};
    const Rec run3[] = {R("b", 100), R("d", 200), R("e", 300), R("f", 400)};
    const Rec extra1[] = {R("a", 1000), R("g", 5)};
    const Rec extra2[] = {R("e", 3000)};
    /* Summed by hand. */
    const Rec want[] = {R("a", 1011), R("b", 120), R("c", 2), R("d", 200),
                        R("e", 3333), R("f", 400), R("g", 5)};

    CU_ASSERT(write_run(runs, run1, G_N_ELEMENTS(run1)));
    CU_ASSERT(write_run(runs, run2, G_N_ELEMENTS(run2)));
    CU_ASSERT(write_run(runs, run3, G_N_ELEMENTS(run3)));
    UNIT_ASSERT_INT(corpus_runs_count(runs), 3);
    UNIT_ASSERT_INT(corpus_runs_written(runs), 3);
    CorpusRecSource *extra[] = {array_source(extra1, G_N_ELEMENTS(extra1)),
                                array_source(extra2, G_N_ELEMENTS(extra2))};
    CorpusRecSource *m = corpus_runs_merge(runs, extra, 2, CORPUS_ORDER_KEY, &error);
    UNIT_ASSERT_INT(corpus_runs_count(runs), 0);
    CHECK_RECORDS(m, want, G_N_ELEMENTS(want), &error);
    CU_ASSERT_PTR_NULL(error);
    UNIT_ASSERT_INT(corpus_runs_written(runs), 3);
    UNIT_ASSERT_INT(corpus_runs_rounds(runs), 0);

    /* The set can be used again. */
    CU_ASSERT(write_run(runs, run1, G_N_ELEMENTS(run1)));
    CU_ASSERT(write_run(runs, run1, G_N_ELEMENTS(run1)));
    const Rec twice[] = {R("a", 2), R("c", 4), R("e", 6)};
    m = corpus_runs_merge(runs, NULL, 0, CORPUS_ORDER_KEY, &error);
    CHECK_RECORDS(m, twice, G_N_ELEMENTS(twice), &error);
    UNIT_ASSERT_INT(corpus_runs_written(runs), 5);
    corpus_runs_free(runs);
    g_clear_error(&error);
    remove_dir();
}

/* Sums up to 2^64 - 1 are fine; one more is a CORPUS_ERROR_LIMIT error naming the key. */
static void test_merge_overflow(void)
{
    make_dir();
    CorpusRuns *runs = corpus_runs_new(tmp_dir);
    GError *error = NULL;
    const Rec run1[] = {R("x", G_MAXUINT64 - 1), R("y", G_MAXUINT64), R("z", 1)};
    const Rec run2[] = {R("x", 1), R("y", 1), R("z", 1)};
    const Rec before[] = {R("x", G_MAXUINT64)};

    CU_ASSERT(write_run(runs, run1, G_N_ELEMENTS(run1)));
    CU_ASSERT(write_run(runs, run2, G_N_ELEMENTS(run2)));
    CorpusRecSource *m = corpus_runs_merge(runs, NULL, 0, CORPUS_ORDER_KEY, &error);
    CHECK_RECORDS(m, before, G_N_ELEMENTS(before), &error);
    UNIT_ASSERT_ERROR(error, CORPUS_ERROR_LIMIT);
    if (error)
        UNIT_ASSERT_STR(error->message, "the count of 'y' exceeds 18446744073709551615 (2^64 - 1)");
    g_clear_error(&error);

    /* The same with three halves in memory sources. */
    const Rec half[] = {R("h", G_MAXUINT64 / 2 + 1)};
    CorpusRecSource *three[] = {array_source(half, 1), array_source(half, 1),
                                array_source(half, 1)};
    m = corpus_rec_merge_new(three, 3, CORPUS_ORDER_KEY);
    CHECK_RECORDS(m, NULL, 0, &error);
    UNIT_ASSERT_ERROR(error, CORPUS_ERROR_LIMIT);
    g_clear_error(&error);

    /* Past CORPUS_RUNS_MAX_OPEN runs the overflow happens in a round: the merge itself fails
     * (and frees the extra sources). */
    const Rec big[] = {R("x", G_MAXUINT64)};
    const Rec one[] = {R("w", 1)};
    for (guint i = 0; i < CORPUS_RUNS_MAX_OPEN + 1; i++)
        CU_ASSERT(write_run(runs, i < 2 ? big : one, 1));
    CorpusRecSource *extra[] = {array_source(one, 1)};
    m = corpus_runs_merge(runs, extra, 1, CORPUS_ORDER_KEY, &error);
    if (m) {
        /* Or, if the round did not meet both, the final merge does. */
        CHECK_RECORDS(m, NULL, 0, &error);
        CU_ASSERT(error != NULL);
    }
    UNIT_ASSERT_ERROR(error, CORPUS_ERROR_LIMIT);
    g_clear_error(&error);
    corpus_runs_free(runs);
    remove_dir();
}

/* 130 runs: more than CORPUS_RUNS_MAX_OPEN, merged in rounds, with every total right.
 * Run j holds "all" 1, "m<j % 5>" 1 and "r<j>" j + 1. */
static void check_many_runs(guint n_runs, gboolean expect_rounds)
{
    make_dir();
    CorpusRuns *runs = corpus_runs_new(tmp_dir);
    GError *error = NULL;
    GArray *want = g_array_new(FALSE, FALSE, sizeof(Rec));
    GPtrArray *owned = g_ptr_array_new_with_free_func(g_free);
    guint64 per_m[5] = {0};

    for (guint j = 0; j < n_runs; j++) {
        char m[4] = {'m', (char)('0' + j % 5), 0, 0};
        g_autofree char *r = g_strdup_printf("r%03u", j);
        const Rec recs[] = {R("all", 1), {m, 2, 1}, {r, strlen(r), j + 1}};
        CU_ASSERT(write_run(runs, recs, 3));
        per_m[j % 5]++;
    }
    UNIT_ASSERT_INT(corpus_runs_count(runs), n_runs);
    Rec all = {"all", 3, n_runs};
    g_array_append_val(want, all);
    for (guint k = 0; k < 5; k++) {
        char *m = g_strdup_printf("m%u", k);
        g_ptr_array_add(owned, m);
        Rec r = {m, 2, per_m[k]};
        if (per_m[k])
            g_array_append_val(want, r);
    }
    for (guint j = 0; j < n_runs; j++) {
        char *k = g_strdup_printf("r%03u", j);
        g_ptr_array_add(owned, k);
        Rec r = {k, strlen(k), j + 1};
        g_array_append_val(want, r);
    }
    CorpusRecSource *m = corpus_runs_merge(runs, NULL, 0, CORPUS_ORDER_KEY, &error);
    CU_ASSERT_PTR_NULL(error);
    if (expect_rounds) {
        CU_ASSERT(corpus_runs_rounds(runs) > 0);
    } else {
        UNIT_ASSERT_INT(corpus_runs_rounds(runs), 0);
    }
    UNIT_ASSERT_INT(corpus_runs_count(runs), 0);
    /* Every round writes one more run. */
    UNIT_ASSERT_INT(corpus_runs_written(runs), n_runs + corpus_runs_rounds(runs));
    CHECK_RECORDS(m, (Rec *)(void *)want->data, want->len, &error);
    CU_ASSERT_PTR_NULL(error);
    corpus_runs_free(runs);
    g_ptr_array_unref(owned);
    g_array_free(want, TRUE);
    g_clear_error(&error);
    remove_dir();
}

static void test_rounds(void)
{
    check_many_runs(CORPUS_RUNS_MAX_OPEN, FALSE);
    check_many_runs(CORPUS_RUNS_MAX_OPEN + 1, TRUE);
    check_many_runs(130, TRUE);
    check_many_runs(300, TRUE);
}

/* Runs in count order merge into count order: count descending, then key. */
static void test_count_order(void)
{
    make_dir();
    CorpusRuns *runs = corpus_runs_new(tmp_dir);
    GError *error = NULL;
    const Rec run1[] = {R("x", 9), R("a", 5), R("b", 5), R("z", 1)};
    const Rec run2[] = {R("y", 9), R("c", 5), R("m", 2)};
    const Rec extra1[] = {R("\u0628", 9), R("aa", 5)};
    const Rec want[] = {R("x", 9), R("y", 9), R("\u0628", 9), R("a", 5), R("aa", 5),
                        R("b", 5), R("c", 5), R("m", 2),      R("z", 1)};

    CU_ASSERT(write_run(runs, run1, G_N_ELEMENTS(run1)));
    CU_ASSERT(write_run(runs, run2, G_N_ELEMENTS(run2)));
    CorpusRecSource *extra[] = {array_source(extra1, G_N_ELEMENTS(extra1))};
    CorpusRecSource *m = corpus_runs_merge(runs, extra, 1, CORPUS_ORDER_COUNT, &error);
    CHECK_RECORDS(m, want, G_N_ELEMENTS(want), &error);
    CU_ASSERT_PTR_NULL(error);

    /* 100 runs of one record each (counts 0 to 6, keys in reverse): rounds in count order. */
    Rec recs[100];
    char keys[100][8];
    for (guint i = 0; i < 100; i++) {
        g_snprintf(keys[i], sizeof keys[i], "k%02u", 99 - i);
        recs[i] = (Rec){keys[i], 3, i % 7};
        CU_ASSERT(write_run(runs, &recs[i], 1));
    }
    /* Expected: count descending, then key; built by selection, not by the library. */
    Rec sorted[100];
    gboolean used[100] = {FALSE};
    for (guint out = 0; out < 100; out++) {
        int best = -1;
        for (guint i = 0; i < 100; i++) {
            if (used[i])
                continue;
            if (best < 0 || recs[i].count > recs[best].count ||
                (recs[i].count == recs[best].count && strcmp(recs[i].key, recs[best].key) < 0))
                best = (int)i;
        }
        used[best] = TRUE;
        sorted[out] = recs[best];
    }
    m = corpus_runs_merge(runs, NULL, 0, CORPUS_ORDER_COUNT, &error);
    CU_ASSERT(corpus_runs_rounds(runs) > 0);
    CHECK_RECORDS(m, sorted, 100, &error);
    CU_ASSERT_PTR_NULL(error);
    corpus_runs_free(runs);
    g_clear_error(&error);
    remove_dir();
}

static void test_merge_new(void)
{
    GError *error = NULL;
    const Rec a[] = {R("a", 1), R("b", 2), R("d", 4)};
    const Rec b[] = {R("b", 20), R("c", 30)};
    const Rec c[] = {R("", 7), R("d", 40)};
    const Rec want[] = {R("", 7), R("a", 1), R("b", 22), R("c", 30), R("d", 44)};

    CorpusRecSource *srcs[] = {array_source(a, 3), array_source(b, 2), array_source(NULL, 0),
                               array_source(c, 2)};
    CHECK_RECORDS(corpus_rec_merge_new(srcs, 4, CORPUS_ORDER_KEY), want, G_N_ELEMENTS(want),
                  &error);
    CU_ASSERT_PTR_NULL(error);

    /* No source at all. */
    CHECK_RECORDS(corpus_rec_merge_new(NULL, 0, CORPUS_ORDER_KEY), NULL, 0, &error);
    CU_ASSERT_PTR_NULL(error);

    /* In count order, records are not summed: equal ones come one after the other. */
    const Rec p[] = {R("k", 3), R("j", 1)};
    const Rec q[] = {R("k", 3), R("k", 2)};
    const Rec want_count[] = {R("k", 3), R("k", 3), R("k", 2), R("j", 1)};
    CorpusRecSource *pq[] = {array_source(p, 2), array_source(q, 2)};
    CHECK_RECORDS(corpus_rec_merge_new(pq, 2, CORPUS_ORDER_COUNT), want_count,
                  G_N_ELEMENTS(want_count), &error);
    CU_ASSERT_PTR_NULL(error);

    /* An error of a source stops the merge with that error, at the start or later. */
    for (size_t at = 0; at < 3; at++) {
        CorpusRecSource *two[] = {array_source(b, 2), failing_source(a, 3, at)};
        CorpusRecSource *m = corpus_rec_merge_new(two, 2, CORPUS_ORDER_KEY);
        guint got = 0;
        while (m->next(m, &error))
            got++;
        UNIT_ASSERT_ERROR(error, CORPUS_ERROR_IO);
        CU_ASSERT(got <= at + 2);
        g_clear_error(&error);
        corpus_rec_source_free(m);
    }
    corpus_rec_source_free(NULL);
}

static guint destroyed;

static void count_destroy(gpointer data)
{
    CU_ASSERT_PTR_EQUAL(data, &destroyed);
    destroyed++;
}

static void test_keep(void)
{
    GError *error = NULL;
    const Rec recs[] = {R("a\0b", 1), R("c", G_MAXUINT64)};

    destroyed = 0;
    CorpusRecSource *k = corpus_rec_source_keep(array_source(recs, 2), &destroyed, count_destroy);
    UNIT_ASSERT_INT(destroyed, 0);
    CHECK_RECORDS(k, recs, 2, &error); /* frees k */
    UNIT_ASSERT_INT(destroyed, 1);

    /* Freed before the end; no destroy function. */
    k = corpus_rec_source_keep(array_source(recs, 2), NULL, NULL);
    CU_ASSERT(k->next(k, &error));
    corpus_rec_source_free(k);

    /* Errors pass through. */
    k = corpus_rec_source_keep(failing_source(recs, 2, 1), &destroyed, count_destroy);
    CU_ASSERT(k->next(k, &error));
    CU_ASSERT_FALSE(k->next(k, &error));
    UNIT_ASSERT_ERROR(error, CORPUS_ERROR_IO);
    corpus_rec_source_free(k);
    UNIT_ASSERT_INT(destroyed, 2);
    g_clear_error(&error);
}

/* ---- the temporary directory ------------------------------------------------------------ */

static void test_directory(void)
{
    make_dir();
    GError *error = NULL;
    const Rec recs[] = {R("a", 1)};

    /* Nothing is made without a run. */
    CorpusRuns *runs = corpus_runs_new(tmp_dir);
    UNIT_ASSERT_INT(corpus_runs_count(runs), 0);
    CorpusRecSource *m = corpus_runs_merge(runs, NULL, 0, CORPUS_ORDER_KEY, &error);
    CHECK_RECORDS(m, NULL, 0, &error);
    corpus_runs_free(runs);
    char **names = dir_names(tmp_dir);
    UNIT_ASSERT_INT(g_strv_length(names), 0);
    g_strfreev(names);

    /* One private directory, made at the first run, holding the runs; gone after free, with
     * the runs merged or not. */
    for (int merge = 0; merge < 2; merge++) {
        runs = corpus_runs_new(tmp_dir);
        CU_ASSERT(write_run(runs, recs, 1));
        CU_ASSERT(write_run(runs, recs, 1));
        names = dir_names(tmp_dir);
        UNIT_ASSERT_INT(g_strv_length(names), 1);
        if (names[0]) {
            CU_ASSERT(g_str_has_prefix(names[0], "corpus-runs-"));
            g_autofree char *sub = g_build_filename(tmp_dir, names[0], NULL);
            struct stat st;
            CU_ASSERT(g_stat(sub, &st) == 0 && S_ISDIR(st.st_mode));
            UNIT_ASSERT_INT(st.st_mode & 0777, 0700);
            char **runs_in = dir_names(sub);
            UNIT_ASSERT_INT(g_strv_length(runs_in), 2);
            g_strfreev(runs_in);
        }
        g_strfreev(names);
        if (merge) {
            const Rec two[] = {R("a", 2)};
            m = corpus_runs_merge(runs, NULL, 0, CORPUS_ORDER_KEY, &error);
            CHECK_RECORDS(m, two, 1, &error);
        }
        corpus_runs_free(runs);
        names = dir_names(tmp_dir);
        UNIT_ASSERT_INT(g_strv_length(names), 0);
        g_strfreev(names);
    }

    /* Without a directory given, $TMPDIR. */
    g_autofree char *old = g_strdup(g_getenv("TMPDIR"));
    g_setenv("TMPDIR", tmp_dir, TRUE);
    runs = corpus_runs_new(NULL);
    CU_ASSERT(write_run(runs, recs, 1));
    names = dir_names(tmp_dir);
    UNIT_ASSERT_INT(g_strv_length(names), 1);
    g_strfreev(names);
    corpus_runs_free(runs);
    names = dir_names(tmp_dir);
    UNIT_ASSERT_INT(g_strv_length(names), 0);
    g_strfreev(names);
    if (old)
        g_setenv("TMPDIR", old, TRUE);
    else
        g_unsetenv("TMPDIR");
    corpus_runs_free(NULL);
    g_clear_error(&error);
    remove_dir();
}

static void check_no_directory(const char *parent, const char *reason)
{
    CorpusRuns *runs = corpus_runs_new(parent);
    GError *error = NULL;

    CU_ASSERT_PTR_NULL(corpus_run_writer_new(runs, &error));
    UNIT_ASSERT_ERROR(error, CORPUS_ERROR_IO);
    g_autofree char *want = g_strdup_printf(
        "%s: cannot make a directory for temporary files: %s (set --tmpdir or TMPDIR to a "
        "writable directory)",
        parent, reason);
    if (error)
        UNIT_ASSERT_STR(error->message, want);
    g_clear_error(&error);
    UNIT_ASSERT_INT(corpus_runs_count(runs), 0);
    UNIT_ASSERT_INT(corpus_runs_written(runs), 0);
    corpus_runs_free(runs);
}

static void test_unwritable(void)
{
    make_dir();
    g_autofree char *missing = g_build_filename(tmp_dir, "no-such-dir", NULL);
    check_no_directory(missing, g_strerror(ENOENT));

    /* A directory without write permission (root writes anywhere: not checked then). */
    if (geteuid() != 0) {
        g_autofree char *ro = g_build_filename(tmp_dir, "read-only", NULL);
        g_mkdir(ro, 0500);
        check_no_directory(ro, g_strerror(EACCES));
        char **names = dir_names(ro);
        UNIT_ASSERT_INT(g_strv_length(names), 0);
        g_strfreev(names);
    }
    remove_dir();
}

/* ---- several writers at once ------------------------------------------------------------ */

#define WRITER_THREADS 4
#define RUNS_PER_THREAD 20

typedef struct {
    CorpusRuns *runs;
    guint id;
    gboolean ok;
} Writer;

static gpointer writer_thread(gpointer data)
{
    Writer *w = data;
    w->ok = TRUE;
    for (guint i = 0; i < RUNS_PER_THREAD; i++) {
        char key[16];
        g_snprintf(key, sizeof key, "t%u", w->id);
        const Rec recs[] = {R("shared", 1), {key, strlen(key), 2}};
        w->ok = write_run(w->runs, recs, 2) && w->ok;
    }
    return NULL;
}

static void test_threads(void)
{
    make_dir();
    CorpusRuns *runs = corpus_runs_new(tmp_dir);
    Writer writers[WRITER_THREADS];
    GThread *threads[WRITER_THREADS];
    GError *error = NULL;

    for (guint i = 0; i < WRITER_THREADS; i++) {
        writers[i] = (Writer){runs, i, FALSE};
        threads[i] = g_thread_new("writer", writer_thread, &writers[i]);
    }
    for (guint i = 0; i < WRITER_THREADS; i++) {
        g_thread_join(threads[i]);
        CU_ASSERT(writers[i].ok);
    }
    UNIT_ASSERT_INT(corpus_runs_count(runs), WRITER_THREADS * RUNS_PER_THREAD);
    UNIT_ASSERT_INT(corpus_runs_written(runs), WRITER_THREADS * RUNS_PER_THREAD);
    const Rec want[] = {R("shared", WRITER_THREADS * RUNS_PER_THREAD), R("t0", 2 * RUNS_PER_THREAD),
                        R("t1", 2 * RUNS_PER_THREAD), R("t2", 2 * RUNS_PER_THREAD),
                        R("t3", 2 * RUNS_PER_THREAD)};
    CorpusRecSource *m = corpus_runs_merge(runs, NULL, 0, CORPUS_ORDER_KEY, &error);
    CHECK_RECORDS(m, want, G_N_ELEMENTS(want), &error);
    CU_ASSERT_PTR_NULL(error);
    corpus_runs_free(runs);
    remove_dir();
}

/* ---- damaged temporary files -------------------------------------------------------------- */

/* The only run file under tmp_dir (in the private directory), or NULL. */
static char *only_run_file(void)
{
    char **names = dir_names(tmp_dir);
    char *path = NULL;
    if (g_strv_length(names) == 1) {
        g_autofree char *sub = g_build_filename(tmp_dir, names[0], NULL);
        char **files = dir_names(sub);
        if (g_strv_length(files) == 1)
            path = g_build_filename(sub, files[0], NULL);
        g_strfreev(files);
    }
    g_strfreev(names);
    return path;
}

/* A run cut anywhere inside its one record is an I/O error, never a shorter run: a key of 200
 * bytes (a length of two bytes) and a count of 300 (two bytes), 204 bytes in all. */
static void test_cut_run(void)
{
    char key[200];
    memset(key, 'k', sizeof key);
    const Rec rec[] = {{key, sizeof key, 300}};
    guint silent = 0;
    GString *silent_at = g_string_new(NULL);

    for (goffset cut = 1; cut < 204; cut++) {
        make_dir();
        CorpusRuns *runs = corpus_runs_new(tmp_dir);
        GError *error = NULL;
        CU_ASSERT(write_run(runs, rec, 1));
        g_autofree char *path = only_run_file();
        CU_ASSERT_PTR_NOT_NULL(path);
        struct stat st;
        if (path && g_stat(path, &st) == 0) {
            UNIT_ASSERT_INT(st.st_size, 204);
            CU_ASSERT(truncate(path, cut) == 0);
        }
        CorpusRecSource *m = corpus_runs_merge(runs, NULL, 0, CORPUS_ORDER_KEY, &error);
        guint records = 0;
        while (m && m->next(m, &error))
            records++;
        UNIT_ASSERT_INT(records, 0);
        if (!error || error->code != CORPUS_ERROR_IO) {
            silent++;
            g_string_append_printf(silent_at, " %d", (int)cut);
        }
        g_clear_error(&error);
        corpus_rec_source_free(m);
        corpus_runs_free(runs);
        remove_dir();
    }
    if (silent)
        fprintf(stderr, "test_cut_run: no error for a run cut at byte(s)%s\n", silent_at->str);
    UNIT_ASSERT_INT(silent, 0);
    g_string_free(silent_at, TRUE);
}

int main(void)
{
    static const UnitTest tests[] = {
        UNIT_TEST(test_compare),        UNIT_TEST(test_round_trip), UNIT_TEST(test_merge_sums),
        UNIT_TEST(test_merge_overflow), UNIT_TEST(test_rounds),     UNIT_TEST(test_count_order),
        UNIT_TEST(test_merge_new),      UNIT_TEST(test_keep),       UNIT_TEST(test_directory),
        UNIT_TEST(test_unwritable),     UNIT_TEST(test_threads),    UNIT_TEST(test_cut_run),
    };
    return unit_run("runs", tests, G_N_ELEMENTS(tests));
}
