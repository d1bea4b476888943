/* Unit tests of count tables: writing them (TSV and JSON Lines, header, derived column,
 * --min-count, --top, count order, the memory-limited sort), sizes, reading them (header,
 * located errors for malformed lines, CRLF, a last line without a line feed, order checks),
 * and summing them (streamed or counted, same totals, mismatched columns, overflow).
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <corpus/merge.h>
#include <corpus/out.h>
#include <corpus/runs.h>
#include <corpus/table.h>
#include <corpus/tableread.h>

#include "unit.h"
#include "unit-rec.h"

/* Arabic words: بيت (D8 A8 ..) < في (D9 81 ..) < كتاب (D9 83 ..) bytewise. */
#define BAYT "\u0628\u064A\u062A"
#define FI "\u0641\u064A"
#define KITAB "\u0643\u062A\u0627\u0628"

/* A UTF-8 byte order mark. */
#define BOM "\xEF\xBB\xBF"

/* A fresh tmp_dir per test. */
static void make_dir(void)
{
    make_tmp_dir("corpus-test-tables-XXXXXX");
}

/* Write a file of tmp_dir (len -1: a string); returns its path. */
static char *put_file(const char *name, const char *contents, gssize len)
{
    char *path = g_build_filename(tmp_dir, name, NULL);
    if (!g_file_set_contents(path, contents, len, NULL))
        fprintf(stderr, "cannot write %s\n", path);
    return path;
}

/* ---- writing tables ----------------------------------------------------------------------- */

static const char *const ngram_count[] = {"ngram", "count"};

static CorpusTableSpec table_spec(void)
{
    CorpusTableSpec spec;
    memset(&spec, 0, sizeof spec);
    spec.sort = CORPUS_ORDER_KEY;
    spec.min_count = 1;
    spec.header = TRUE;
    spec.columns = ngram_count;
    spec.n_columns = 2;
    return spec;
}

/* The table of src as corpus_table_write() writes it to a file; NULL (and *error) when it
 * fails. */
static char *write_src(CorpusRecSource *src, CorpusRecOrder src_order, const CorpusTableSpec *spec,
                       CorpusRuns *runs, GError **error)
{
    g_autofree char *path = g_build_filename(tmp_dir, "table.out", NULL);
    CorpusOut *out = corpus_out_open(path, error);
    char *text = NULL;

    if (!out) {
        corpus_rec_source_free(src);
        return NULL;
    }
    if (corpus_table_write(src, src_order, spec, runs, out, error) &&
        corpus_out_commit(out, error)) {
        if (!g_file_get_contents(path, &text, NULL, NULL))
            text = NULL;
        g_unlink(path);
    }
    corpus_out_free(out);
    return text;
}

static char *write_recs(const Rec *recs, size_t n, CorpusRecOrder src_order,
                        const CorpusTableSpec *spec)
{
    GError *error = NULL;
    char *text = write_src(array_source(recs, n), src_order, spec, NULL, &error);
    if (error) {
        fprintf(stderr, "corpus_table_write: %s\n", error->message);
        g_error_free(error);
    }
    return text;
}

/* In key order. */
static const Rec words[] = {R("a", 2), R("b", 5), R("c", 2), R("d", 5), R("e", 1), R("f", 2)};
/* The same in count order (count descending, then key). */
static const Rec words_by_count[] = {R("b", 5), R("d", 5), R("a", 2),
                                     R("c", 2), R("f", 2), R("e", 1)};

static void test_tsv(void)
{
    make_dir();
    const Rec recs[] = {R(BAYT, 2), R(FI, 5), R(KITAB, 4)};
    CorpusTableSpec spec = table_spec();

    g_autofree char *t = write_recs(recs, 3, CORPUS_ORDER_KEY, &spec);
    ASSERT_SAME_LINES(t, "ngram\tcount\n" BAYT "\t2\n" FI "\t5\n" KITAB "\t4\n");
    spec.header = FALSE;
    g_autofree char *no_header = write_recs(recs, 3, CORPUS_ORDER_KEY, &spec);
    ASSERT_SAME_LINES(no_header, BAYT "\t2\n" FI "\t5\n" KITAB "\t4\n");

    /* Large counts in full; an empty table is its header. */
    const Rec big[] = {R("x", G_MAXUINT64), R("y", 10000000000ull)};
    spec.header = TRUE;
    g_autofree char *b = write_recs(big, 2, CORPUS_ORDER_KEY, &spec);
    ASSERT_SAME_LINES(b, "ngram\tcount\nx\t18446744073709551615\ny\t10000000000\n");
    g_autofree char *empty = write_recs(NULL, 0, CORPUS_ORDER_KEY, &spec);
    ASSERT_SAME_LINES(empty, "ngram\tcount\n");
    spec.sort = CORPUS_ORDER_COUNT;
    g_autofree char *empty_count = write_recs(NULL, 0, CORPUS_ORDER_KEY, &spec);
    ASSERT_SAME_LINES(empty_count, "ngram\tcount\n");
    remove_dir();
}

static void test_jsonl(void)
{
    make_dir();
    const Rec recs[] = {R("a\"b\\c", 1), R("ctl\x01\x1F", 2), R(BAYT " " FI, 3)};
    CorpusTableSpec spec = table_spec();
    spec.jsonl = TRUE; /* no header line, whatever spec.header says */

    g_autofree char *t = write_recs(recs, 3, CORPUS_ORDER_KEY, &spec);
    ASSERT_SAME_LINES(t, "{\"ngram\":\"a\\\"b\\\\c\",\"count\":1}\n"
                         "{\"ngram\":\"ctl\\u0001\\u001f\",\"count\":2}\n"
                         "{\"ngram\":\"" BAYT " " FI "\",\"count\":3}\n");
    const Rec big[] = {R("x", G_MAXUINT64)};
    g_autofree char *b = write_recs(big, 1, CORPUS_ORDER_KEY, &spec);
    ASSERT_SAME_LINES(b, "{\"ngram\":\"x\",\"count\":18446744073709551615}\n");
    g_autofree char *empty = write_recs(NULL, 0, CORPUS_ORDER_KEY, &spec);
    ASSERT_SAME_LINES(empty, "");
    remove_dir();
}

/* The derived column: the number of words of the key's first field, with a user pointer. */
static guint derived_calls;

static guint words_in(const char *key, size_t len, gpointer user)
{
    guint n = 1;
    CU_ASSERT_PTR_EQUAL(user, &derived_calls);
    derived_calls++;
    for (size_t i = 0; i < len; i++) {
        CU_ASSERT(key[i] != '\t'); /* only the first field */
        n += key[i] == ' ';
    }
    return n;
}

static void test_derived(void)
{
    make_dir();
    const Rec recs[] = {R("a", 3), R("a b", 2), R(BAYT " " FI " " KITAB, 1)};
    CorpusTableSpec spec = table_spec();
    spec.derived_name = "n";
    spec.derived = words_in;
    spec.derived_user = &derived_calls;

    derived_calls = 0;
    g_autofree char *t = write_recs(recs, 3, CORPUS_ORDER_KEY, &spec);
    ASSERT_SAME_LINES(t, "ngram\tn\tcount\na\t1\t3\na b\t2\t2\n" BAYT " " FI " " KITAB "\t3\t1\n");
    UNIT_ASSERT_INT(derived_calls, 3);
    spec.jsonl = TRUE;
    g_autofree char *j = write_recs(recs, 3, CORPUS_ORDER_KEY, &spec);
    ASSERT_SAME_LINES(j, "{\"ngram\":\"a\",\"n\":1,\"count\":3}\n"
                         "{\"ngram\":\"a b\",\"n\":2,\"count\":2}\n"
                         "{\"ngram\":\"" BAYT " " FI " " KITAB "\",\"n\":3,\"count\":1}\n");
    remove_dir();
}

/* Keys of several tab-separated fields: one column each; in JSON, plain integers are numbers
 * and everything else strings. */
static void test_key_columns(void)
{
    make_dir();
    static const char *const three[] = {"ngram", "n", "count"};
    const Rec recs[] = {R("a b\t2", 5), R("k\t0", 3), R("k\t007", 4), R("k\tv", 2), R("x\t-1", 1)};
    CorpusTableSpec spec = table_spec();
    spec.columns = three;
    spec.n_columns = 3;

    g_autofree char *t = write_recs(recs, G_N_ELEMENTS(recs), CORPUS_ORDER_KEY, &spec);
    ASSERT_SAME_LINES(t, "ngram\tn\tcount\na b\t2\t5\nk\t0\t3\nk\t007\t4\nk\tv\t2\nx\t-1\t1\n");
    spec.jsonl = TRUE;
    g_autofree char *j = write_recs(recs, G_N_ELEMENTS(recs), CORPUS_ORDER_KEY, &spec);
    ASSERT_SAME_LINES(j, "{\"ngram\":\"a b\",\"n\":2,\"count\":5}\n"
                         "{\"ngram\":\"k\",\"n\":0,\"count\":3}\n"
                         "{\"ngram\":\"k\",\"n\":\"007\",\"count\":4}\n"
                         "{\"ngram\":\"k\",\"n\":\"v\",\"count\":2}\n"
                         "{\"ngram\":\"x\",\"n\":\"-1\",\"count\":1}\n");

    /* Four columns, and a derived column after the first field. */
    static const char *const four[] = {"word", "pos", "tag", "count"};
    const Rec tagged[] = {R("a b\tNOUN\t12", 7)};
    CorpusTableSpec s4 = table_spec();
    s4.columns = four;
    s4.n_columns = 4;
    s4.derived_name = "n";
    s4.derived = words_in;
    s4.derived_user = &derived_calls;
    g_autofree char *t4 = write_recs(tagged, 1, CORPUS_ORDER_KEY, &s4);
    ASSERT_SAME_LINES(t4, "word\tn\tpos\ttag\tcount\na b\t2\tNOUN\t12\t7\n");
    s4.jsonl = TRUE;
    g_autofree char *j4 = write_recs(tagged, 1, CORPUS_ORDER_KEY, &s4);
    ASSERT_SAME_LINES(j4, "{\"word\":\"a b\",\"n\":2,\"pos\":\"NOUN\",\"tag\":12,\"count\":7}\n");
    remove_dir();
}

static void test_min_count(void)
{
    make_dir();
    CorpusTableSpec spec = table_spec();
    spec.header = FALSE;
    spec.min_count = 2;
    g_autofree char *k2 = write_recs(words, G_N_ELEMENTS(words), CORPUS_ORDER_KEY, &spec);
    ASSERT_SAME_LINES(k2, "a\t2\nb\t5\nc\t2\nd\t5\nf\t2\n");
    spec.min_count = 5;
    g_autofree char *k5 = write_recs(words, G_N_ELEMENTS(words), CORPUS_ORDER_KEY, &spec);
    ASSERT_SAME_LINES(k5, "b\t5\nd\t5\n");
    spec.min_count = 6;
    g_autofree char *k6 = write_recs(words, G_N_ELEMENTS(words), CORPUS_ORDER_KEY, &spec);
    ASSERT_SAME_LINES(k6, "");
    /* 0 and 1 keep everything. */
    spec.min_count = 0;
    g_autofree char *k0 = write_recs(words, G_N_ELEMENTS(words), CORPUS_ORDER_KEY, &spec);
    ASSERT_SAME_LINES(k0, "a\t2\nb\t5\nc\t2\nd\t5\ne\t1\nf\t2\n");

    /* In count order, from a key-ordered or a count-ordered source. */
    spec.sort = CORPUS_ORDER_COUNT;
    spec.min_count = 2;
    g_autofree char *c2 = write_recs(words, G_N_ELEMENTS(words), CORPUS_ORDER_KEY, &spec);
    ASSERT_SAME_LINES(c2, "b\t5\nd\t5\na\t2\nc\t2\nf\t2\n");
    g_autofree char *c2c =
        write_recs(words_by_count, G_N_ELEMENTS(words_by_count), CORPUS_ORDER_COUNT, &spec);
    ASSERT_SAME_LINES(c2c, "b\t5\nd\t5\na\t2\nc\t2\nf\t2\n");
    remove_dir();
}

static void test_count_order(void)
{
    make_dir();
    CorpusTableSpec spec = table_spec();
    spec.sort = CORPUS_ORDER_COUNT;

    /* Equal counts keep the key order. */
    g_autofree char *t = write_recs(words, G_N_ELEMENTS(words), CORPUS_ORDER_KEY, &spec);
    ASSERT_SAME_LINES(t, "ngram\tcount\nb\t5\nd\t5\na\t2\nc\t2\nf\t2\ne\t1\n");
    g_autofree char *tc =
        write_recs(words_by_count, G_N_ELEMENTS(words_by_count), CORPUS_ORDER_COUNT, &spec);
    ASSERT_SAME_LINES(tc, "ngram\tcount\nb\t5\nd\t5\na\t2\nc\t2\nf\t2\ne\t1\n");

    /* Counts that differ in high bytes only, and in every byte. */
    const Rec wide[] = {R("a", 1),          R("b", G_MAXUINT64),      R("c", 256),
                        R("d", 1ull << 40), R("e", (1ull << 40) + 1), R("f", 255),
                        R("g", 1ull << 56)};
    g_autofree char *w = write_recs(wide, G_N_ELEMENTS(wide), CORPUS_ORDER_KEY, &spec);
    ASSERT_SAME_LINES(w, "ngram\tcount\nb\t18446744073709551615\ng\t72057594037927936\n"
                         "e\t1099511627777\nd\t1099511627776\nc\t256\nf\t255\na\t1\n");

    UNIT_ASSERT_INT(corpus_table_source_order(&spec), CORPUS_ORDER_COUNT);
    spec.sort = CORPUS_ORDER_KEY;
    UNIT_ASSERT_INT(corpus_table_source_order(&spec), CORPUS_ORDER_KEY);
    spec.top = 3;
    UNIT_ASSERT_INT(corpus_table_source_order(&spec), CORPUS_ORDER_COUNT);
    remove_dir();
}

static void test_top(void)
{
    make_dir();
    CorpusTableSpec spec = table_spec();
    spec.header = FALSE;

    for (int from_count = 0; from_count < 2; from_count++) {
        const Rec *src = from_count ? words_by_count : words;
        CorpusRecOrder order = from_count ? CORPUS_ORDER_COUNT : CORPUS_ORDER_KEY;
        size_t n = G_N_ELEMENTS(words);

        /* By count: the first K rows of the count order (ties by key: a before c). */
        spec.sort = CORPUS_ORDER_COUNT;
        spec.top = 3;
        g_autofree char *c3 = write_recs(src, n, order, &spec);
        ASSERT_SAME_LINES(c3, "b\t5\nd\t5\na\t2\n");
        spec.top = 1;
        g_autofree char *c1 = write_recs(src, n, order, &spec);
        ASSERT_SAME_LINES(c1, "b\t5\n");
        spec.top = 100;
        g_autofree char *c100 = write_recs(src, n, order, &spec);
        ASSERT_SAME_LINES(c100, "b\t5\nd\t5\na\t2\nc\t2\nf\t2\ne\t1\n");

        /* By key: the same rows, written in key order. */
        spec.sort = CORPUS_ORDER_KEY;
        spec.top = 4;
        g_autofree char *k4 = write_recs(src, n, order, &spec);
        ASSERT_SAME_LINES(k4, "a\t2\nb\t5\nc\t2\nd\t5\n");
        spec.top = 3;
        g_autofree char *k3 = write_recs(src, n, order, &spec);
        ASSERT_SAME_LINES(k3, "a\t2\nb\t5\nd\t5\n");
        spec.top = 100;
        g_autofree char *k100 = write_recs(src, n, order, &spec);
        ASSERT_SAME_LINES(k100, "a\t2\nb\t5\nc\t2\nd\t5\ne\t1\nf\t2\n");

        /* With --min-count: the top among the rows kept. */
        spec.min_count = 3;
        spec.top = 5;
        g_autofree char *km = write_recs(src, n, order, &spec);
        ASSERT_SAME_LINES(km, "b\t5\nd\t5\n");
        spec.sort = CORPUS_ORDER_COUNT;
        g_autofree char *cm = write_recs(src, n, order, &spec);
        ASSERT_SAME_LINES(cm, "b\t5\nd\t5\n");
        spec.min_count = 1;
    }

    /* Top by key where count order and key order differ: z 9, m 5 are the top 2. */
    const Rec zam[] = {R("a", 1), R("m", 5), R("z", 9)};
    spec.sort = CORPUS_ORDER_KEY;
    spec.top = 2;
    spec.header = TRUE;
    g_autofree char *z = write_recs(zam, 3, CORPUS_ORDER_KEY, &spec);
    ASSERT_SAME_LINES(z, "ngram\tcount\nm\t5\nz\t9\n");
    spec.jsonl = TRUE;
    g_autofree char *zj = write_recs(zam, 3, CORPUS_ORDER_KEY, &spec);
    ASSERT_SAME_LINES(zj, "{\"ngram\":\"m\",\"count\":5}\n{\"ngram\":\"z\",\"count\":9}\n");
    remove_dir();
}

/* ---- the memory-limited count sort ---------------------------------------------------------- */

static int by_count_then_key(const void *a, const void *b)
{
    const Rec *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return rec_cmp_key(a, b);
}

static char *expected_tsv(const Rec *recs, size_t n, guint64 top, guint64 min_count)
{
    GString *s = g_string_new("ngram\tcount\n");
    guint64 rows = 0;
    for (size_t i = 0; i < n && (!top || rows < top); i++) {
        if (recs[i].count < min_count)
            continue;
        g_string_append_len(s, recs[i].key, (gssize)recs[i].len);
        g_string_append_printf(s, "\t%" G_GUINT64_FORMAT "\n", recs[i].count);
        rows++;
    }
    return g_string_free(s, FALSE);
}

/* 30,000 rows with many equal counts, and a budget far too small for them: count-ordered runs
 * are written and merged, and the table is the same as sorting it at once. */
static void test_memory_limited(void)
{
    make_dir();
    const size_t n = 30000;
    Rec *recs = g_new(Rec, n), *by_count = g_new(Rec, n);
    char **keys = g_new(char *, n);

    for (size_t i = 0; i < n; i++) {
        /* Keys in order; some longer, some Arabic. */
        keys[i] = g_strdup_printf(i % 3 ? "k%05zu" : "k%05zu-\u0643\u0644\u0645\u0629", i);
        recs[i] = (Rec){keys[i], strlen(keys[i]), (i * 7919) % 97 + (i % 1000 == 0 ? 1000 : 1)};
    }
    memcpy(by_count, recs, n * sizeof(Rec));
    qsort(by_count, n, sizeof(Rec), by_count_then_key);

    CorpusTableSpec spec = table_spec();
    spec.sort = CORPUS_ORDER_COUNT;
    GError *error = NULL;

    /* Unlimited first, then with a tiny budget. */
    g_autofree char *want = expected_tsv(by_count, n, 0, 0);
    g_autofree char *plain = write_recs(recs, n, CORPUS_ORDER_KEY, &spec);
    ASSERT_SAME_LINES(plain, want);

    CorpusRuns *runs = corpus_runs_new(tmp_dir);
    spec.memory = 1;
    g_autofree char *small =
        write_src(array_source(recs, n), CORPUS_ORDER_KEY, &spec, runs, &error);
    CU_ASSERT_PTR_NULL(error);
    ASSERT_SAME_LINES(small, want);
    CU_ASSERT(corpus_runs_written(runs) > 1);

    /* A budget of some rows, with --min-count and --top. */
    spec.memory = 64 * 1024;
    spec.min_count = 50;
    spec.top = 5000;
    g_autofree char *want_top = expected_tsv(by_count, n, 5000, 50);
    guint before = corpus_runs_written(runs);
    g_autofree char *top = write_src(array_source(recs, n), CORPUS_ORDER_KEY, &spec, runs, &error);
    CU_ASSERT_PTR_NULL(error);
    ASSERT_SAME_LINES(top, want_top);
    CU_ASSERT(corpus_runs_written(runs) > before + 1);

    /* --top by key over the spilled sort: the 5,000 rows above, in key order. */
    spec.sort = CORPUS_ORDER_KEY;
    Rec *chosen = g_new(Rec, 5000);
    size_t n_chosen = 0;
    for (size_t i = 0; i < n && n_chosen < 5000; i++) {
        if (by_count[i].count >= 50)
            chosen[n_chosen++] = by_count[i];
    }
    qsort(chosen, n_chosen, sizeof(Rec), rec_cmp_key);
    g_autofree char *want_key = expected_tsv(chosen, n_chosen, 0, 0);
    g_autofree char *top_key =
        write_src(array_source(recs, n), CORPUS_ORDER_KEY, &spec, runs, &error);
    CU_ASSERT_PTR_NULL(error);
    ASSERT_SAME_LINES(top_key, want_key);

    UNIT_ASSERT_INT(corpus_runs_count(runs), 0);
    corpus_runs_free(runs);
    g_clear_error(&error);
    for (size_t i = 0; i < n; i++)
        g_free(keys[i]);
    g_free(keys);
    g_free(recs);
    g_free(by_count);
    g_free(chosen);
    remove_dir();
}

/* An error of the source stops the table with that error, on every path. */
static void test_source_error(void)
{
    make_dir();
    CorpusRuns *runs = corpus_runs_new(tmp_dir);
    struct {
        CorpusRecOrder sort, src_order;
        guint64 top;
        size_t memory;
    } cases[] = {
        {CORPUS_ORDER_KEY, CORPUS_ORDER_KEY, 0, 0},
        {CORPUS_ORDER_COUNT, CORPUS_ORDER_KEY, 0, 0},
        {CORPUS_ORDER_COUNT, CORPUS_ORDER_KEY, 0, 1},
        {CORPUS_ORDER_KEY, CORPUS_ORDER_KEY, 2, 0},
        {CORPUS_ORDER_COUNT, CORPUS_ORDER_COUNT, 0, 0},
        {CORPUS_ORDER_KEY, CORPUS_ORDER_COUNT, 2, 0},
    };

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        CorpusTableSpec spec = table_spec();
        spec.sort = cases[i].sort;
        spec.top = cases[i].top;
        spec.memory = cases[i].memory;
        CorpusRecSource *src =
            failing_source(cases[i].src_order == CORPUS_ORDER_KEY ? words : words_by_count,
                           G_N_ELEMENTS(words), 1);
        GError *error = NULL;
        char *t = write_src(src, cases[i].src_order, &spec, runs, &error);
        CU_ASSERT_PTR_NULL(t);
        UNIT_ASSERT_ERROR(error, CORPUS_ERROR_IO);
        if (error)
            UNIT_ASSERT_STR(error->message, "stop");
        g_clear_error(&error);
        g_free(t);
    }
    corpus_runs_free(runs);
    remove_dir();
}

static void test_parse_size(void)
{
    static const struct {
        const char *s;
        guint64 want;
    } good[] = {
        {"0", 0},
        {"1", 1},
        {"512", 512},
        {"1K", 1024},
        {"1k", 1024},
        {"512M", 512ull << 20},
        {"3m", 3ull << 20},
        {"2G", 2ull << 30},
        {"1T", 1ull << 40},
        {"1024K", 1ull << 20},
        {"16777215T", 16777215ull << 40},
        {"17179869183G", 17179869183ull << 30},
        {"18446744073709551615", G_MAXUINT64},
    };
    static const char *const bad[] = {
        "",  "abc", "10x", "1KB", "-1",   " 1",        "+1",           "1.5G",
        "K", "1 K", "1K ", "1P",  "0x10", "16777216T", "17179869184G", "18446744073709551616",
    };

    if (sizeof(size_t) < 8)
        return; /* the cases are for 64-bit sizes */
    for (size_t i = 0; i < G_N_ELEMENTS(good); i++) {
        size_t size = 12345;
        GError *error = NULL;
        gboolean ok = corpus_parse_size(good[i].s, &size, &error);
        if (!ok)
            fprintf(stderr, "corpus_parse_size(\"%s\") failed\n", good[i].s);
        CU_ASSERT(ok);
        CU_ASSERT_PTR_NULL(error);
        CU_ASSERT(size == good[i].want);
        g_clear_error(&error);
    }
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        size_t size = 12345;
        GError *error = NULL;
        gboolean ok = corpus_parse_size(bad[i], &size, &error);
        if (ok)
            fprintf(stderr, "corpus_parse_size(\"%s\") accepted: %zu\n", bad[i], size);
        CU_ASSERT_FALSE(ok);
        UNIT_ASSERT_ERROR(error, CORPUS_ERROR_USAGE);
        g_autofree char *prefix = g_strdup_printf("invalid size '%s'", bad[i]);
        if (error)
            CU_ASSERT(g_str_has_prefix(error->message, prefix));
        g_clear_error(&error);
    }
    CU_ASSERT(corpus_default_memory() >= (size_t)1 << 20);
}

/* ---- reading tables ------------------------------------------------------------------------- */

/* The records of the table at path, as dump() shows them, or "OPEN message" when it does not
 * open.  header and columns, when not NULL, get what the reader says. */
static char *read_table(const char *path, char **header, guint *columns)
{
    GError *error = NULL;
    CorpusTableReader *r = corpus_table_reader_open(path, &error);
    if (!r) {
        char *s = g_strdup_printf("OPEN %s", error ? error->message : "(no error)");
        g_clear_error(&error);
        return s;
    }
    if (header)
        *header = g_strdup(corpus_table_reader_header(r));
    if (columns)
        *columns = corpus_table_reader_columns(r);
    return dump(corpus_table_reader_source(r));
}

static void test_read_header(void)
{
    make_dir();
    char *header = NULL;
    guint columns = 0;

    g_autofree char *p1 = put_file("t1", "ngram\tcount\n" KITAB "\t3\n" FI "\t2\n", -1);
    g_autofree char *t1 = read_table(p1, &header, &columns);
    ASSERT_SAME_LINES(t1, KITAB "\t3\n" FI "\t2\n");
    UNIT_ASSERT_STR(header, "ngram\tcount");
    UNIT_ASSERT_INT(columns, 2);
    g_clear_pointer(&header, g_free);

    /* Three columns: the key is the first two fields. */
    g_autofree char *p2 = put_file("t2", "ngram\tn\tcount\na b\t2\t7\nc\t1\t9\n", -1);
    g_autofree char *t2 = read_table(p2, &header, &columns);
    ASSERT_SAME_LINES(t2, "a b\t2\t7\nc\t1\t9\n");
    UNIT_ASSERT_STR(header, "ngram\tn\tcount");
    UNIT_ASSERT_INT(columns, 3);
    g_clear_pointer(&header, g_free);

    /* No header: the first line is a row. */
    g_autofree char *p3 = put_file("t3", "a\t1\nb\t2\n", -1);
    g_autofree char *t3 = read_table(p3, &header, &columns);
    ASSERT_SAME_LINES(t3, "a\t1\nb\t2\n");
    CU_ASSERT_PTR_NULL(header);
    UNIT_ASSERT_INT(columns, 2);
    g_clear_pointer(&header, g_free);

    /* A name is a letter, then letters, digits or _. */
    g_autofree char *p4 = put_file("t4", "word\tcount_2\nx\t1\n", -1);
    g_autofree char *t4 = read_table(p4, &header, &columns);
    ASSERT_SAME_LINES(t4, "x\t1\n");
    UNIT_ASSERT_STR(header, "word\tcount_2");
    g_clear_pointer(&header, g_free);
    g_autofree char *p5 = put_file("t5", "word\t_count\nx\t1\n", -1);
    g_autofree char *t5 = read_table(p5, NULL, NULL);
    g_autofree char *w5 =
        g_strdup_printf("OPEN %s:1: invalid count '_count' (expected a non-negative integer)", p5);
    UNIT_ASSERT_STR(t5, w5);
    g_autofree char *p6 = put_file("t6", "word\t2x\n", -1);
    g_autofree char *t6 = read_table(p6, NULL, NULL);
    g_autofree char *w6 =
        g_strdup_printf("OPEN %s:1: invalid count '2x' (expected a non-negative integer)", p6);
    UNIT_ASSERT_STR(t6, w6);

    /* Empty, and only a header. */
    g_autofree char *p7 = put_file("t7", "", 0);
    g_autofree char *t7 = read_table(p7, &header, &columns);
    ASSERT_SAME_LINES(t7, "");
    CU_ASSERT_PTR_NULL(header);
    UNIT_ASSERT_INT(columns, 0);
    g_autofree char *p8 = put_file("t8", "ngram\tcount\n", -1);
    g_autofree char *t8 = read_table(p8, &header, &columns);
    ASSERT_SAME_LINES(t8, "");
    UNIT_ASSERT_STR(header, "ngram\tcount");
    UNIT_ASSERT_INT(columns, 2);
    g_clear_pointer(&header, g_free);

    /* Where: the file and the line of the last record read. */
    GError *error = NULL;
    CorpusTableReader *r = corpus_table_reader_open(p1, &error);
    CU_ASSERT_PTR_NOT_NULL(r);
    if (r) {
        CorpusRecSource *src = corpus_table_reader_source(r);
        CU_ASSERT(src->next(src, &error));
        g_autofree char *w1 = corpus_table_reader_where(r);
        g_autofree char *want1 = g_strdup_printf("%s:2", p1);
        UNIT_ASSERT_STR(w1, want1);
        CU_ASSERT(src->next(src, &error));
        g_autofree char *w2 = corpus_table_reader_where(r);
        g_autofree char *want2 = g_strdup_printf("%s:3", p1);
        UNIT_ASSERT_STR(w2, want2);
        CU_ASSERT_FALSE(src->next(src, &error));
        CU_ASSERT_PTR_NULL(error);
        corpus_rec_source_free(src);
    }
    r = corpus_table_reader_open(p3, &error);
    if (r) {
        CorpusRecSource *src = corpus_table_reader_source(r);
        CU_ASSERT(src->next(src, &error));
        g_autofree char *w = corpus_table_reader_where(r);
        g_autofree char *want = g_strdup_printf("%s:1", p3);
        UNIT_ASSERT_STR(w, want);
        corpus_table_reader_free(r);
    }

    /* Files that cannot be read. */
    g_autofree char *missing = g_build_filename(tmp_dir, "missing", NULL);
    CU_ASSERT_PTR_NULL(corpus_table_reader_open(missing, &error));
    UNIT_ASSERT_ERROR(error, CORPUS_ERROR_IO);
    g_autofree char *want_missing = g_strdup_printf("%s: %s", missing, g_strerror(ENOENT));
    if (error)
        UNIT_ASSERT_STR(error->message, want_missing);
    g_clear_error(&error);
    CU_ASSERT_PTR_NULL(corpus_table_reader_open(tmp_dir, &error));
    UNIT_ASSERT_ERROR(error, CORPUS_ERROR_IO);
    g_autofree char *want_dir = g_strdup_printf("%s: %s", tmp_dir, g_strerror(EISDIR));
    if (error)
        UNIT_ASSERT_STR(error->message, want_dir);
    g_clear_error(&error);
    remove_dir();
}

/* A UTF-8 byte order mark at the start is skipped, before a header or a row; byte offsets
 * still count it. */
static void test_read_bom(void)
{
    make_dir();
    char *header = NULL;
    guint columns = 0;

    g_autofree char *p9 = put_file("t9", BOM "ngram\tcount\na\t1\n", -1);
    g_autofree char *t9 = read_table(p9, &header, &columns);
    ASSERT_SAME_LINES(t9, "a\t1\n");
    UNIT_ASSERT_STR(header, "ngram\tcount");
    g_clear_pointer(&header, g_free);
    g_autofree char *p10 = put_file("t10", BOM KITAB "\t1\n", -1);
    g_autofree char *t10 = read_table(p10, &header, &columns);
    ASSERT_SAME_LINES(t10, KITAB "\t1\n");
    CU_ASSERT_PTR_NULL(header);
    UNIT_ASSERT_INT(columns, 2);
    g_autofree char *p11 = put_file("t11", BOM "x\xC3(\t1\n", -1);
    g_autofree char *t11 = read_table(p11, NULL, NULL);
    g_autofree char *w11 = g_strdup_printf("OPEN %s:1: byte 4: invalid UTF-8 (0xC3 0x28)", p11);
    UNIT_ASSERT_STR(t11, w11);
    /* Only a byte order mark: an empty table, as an empty file is. */
    g_autofree char *p12 = put_file("t12", BOM, -1);
    columns = G_MAXUINT; /* set by read_table() only when the table opens */
    g_autofree char *t12 = read_table(p12, &header, &columns);
    ASSERT_SAME_LINES(t12, "");
    CU_ASSERT_PTR_NULL(header);
    UNIT_ASSERT_INT(columns, 0);
    g_clear_pointer(&header, g_free);
    /* Only at the start: elsewhere the bytes are part of the key. */
    g_autofree char *p13 = put_file("t13", "a\t1\n" BOM "b\t2\n", -1);
    g_autofree char *t13 = read_table(p13, NULL, NULL);
    ASSERT_SAME_LINES(t13, "a\t1\n" BOM "b\t2\n");
    remove_dir();
}

/* Every malformed line: the error names the file and the line. */
static void test_read_errors(void)
{
    static const struct {
        const char *text;
        const char *message; /* after "FILE:" */
    } cases[] = {
        {"ngram\tcount\na\t1\n\nb\t2\n", "3: empty line (expected KEY<TAB>COUNT)"},
        {"\n", "1: empty line (expected KEY<TAB>COUNT)"},
        {"a\t1\nb 2\n", "2: no tab (expected KEY<TAB>COUNT)"},
        {"a b\n", "1: no tab (expected KEY<TAB>COUNT)"},
        {"a\t1\nb\tx\t2\n", "2: 3 columns where the table has 2"},
        {"ngram\tn\tcount\na\t1\t2\nb\t3\n", "3: 2 columns where the table has 3"},
        {"a\t1\n\t2\n", "2: empty key"},
        {"ngram\tn\tcount\n\t1\t2\n", "2: empty key"},
        {"a\t1\nb\t\n", "2: empty count"},
        {"a\t1\nb\t-3\n", "2: negative count '-3'"},
        {"a\t-1\n", "1: negative count '-1'"},
        {"a\t1\nb\t12abc\n", "2: invalid count '12abc' (expected a non-negative integer)"},
        /* A count that looks like a column name: the hint about a header line, in a table
         * without a header too. */
        {"a\t1\nb\tabc\n",
         "2: invalid count 'abc' (a header line inside the table? tables joined with cat need "
         "--no-header)"},
        {"a\t1\nb\t-\n", "2: invalid count '-' (expected a non-negative integer)"},
        {"a\t1\nb\t1.5\n", "2: invalid count '1.5' (expected a non-negative integer)"},
        {"a\t1\nb\t 5\n", "2: invalid count ' 5' (expected a non-negative integer)"},
        {"a\t1\nb\t+5\n", "2: invalid count '+5' (expected a non-negative integer)"},
        {"ngram\tcount\na\t1\nngram\tcount\n",
         "3: invalid count 'count' (a header line inside the table? tables joined with cat need "
         "--no-header)"},
        {"a\t1\nb\t18446744073709551616\n",
         "2: count '18446744073709551616' exceeds 18446744073709551615 (2^64 - 1)"},
        {"a\t1\nb\t99999999999999999999\n",
         "2: count '99999999999999999999' exceeds 18446744073709551615 (2^64 - 1)"},
        /* CRLF: the CR is not part of the count; the last line needs no line feed. */
        {"a\t1\r\nb\t1x\r\n", "2: invalid count '1x' (expected a non-negative integer)"},
        {"a\t1\nb\t1x", "2: invalid count '1x' (expected a non-negative integer)"},
        /* Invalid UTF-8: the byte offset in the file, then the bytes of the bad sequence (a lead
         * byte and the byte that broke it), as the other tools report them. */
        {"a\t1\nx\xC3(\t2\n", "2: byte 5: invalid UTF-8 (0xC3 0x28)"},
        {"a\t1\nb\t1\xFF\n", "2: byte 7: invalid UTF-8 (0xFF)"},
        {"ngram\tcount\n\xFF\t1\n", "2: byte 12: invalid UTF-8 (0xFF)"},
    };

    make_dir();
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *name = g_strdup_printf("bad%02zu.tsv", i);
        g_autofree char *path = put_file(name, cases[i].text, -1);
        g_autofree char *got = read_table(path, NULL, NULL);
        const char *err = strstr(got, "ERROR ");
        if (!err && g_str_has_prefix(got, "OPEN "))
            err = got;
        g_autofree char *want = g_strdup_printf("%s:%s", path, cases[i].message);
        const char *msg = err ? err + (g_str_has_prefix(err, "OPEN ") ? 5 : 6) : got;
        if (strcmp(msg, want) != 0)
            fprintf(stderr, "case %zu: got '%s'\n", i, got);
        UNIT_ASSERT_STR(msg, want);
    }
    remove_dir();
}

/* Keys in order, with require_order: a smaller key is an error; equal keys may repeat. */
static void test_require_order(void)
{
    make_dir();
    g_autofree char *ok =
        put_file("ok", "ngram\tcount\nB\t1\na\t1\na\t2\nab\t1\nz\t1\n" BAYT "\t1\n", -1);
    g_autofree char *bad = put_file("bad", "a\t1\nc\t1\nB\t1\n", -1);
    GError *error = NULL;

    CorpusTableReader *r = corpus_table_reader_open(ok, &error);
    corpus_table_reader_require_order(r);
    g_autofree char *t = dump(corpus_table_reader_source(r));
    ASSERT_SAME_LINES(t, "B\t1\na\t1\na\t2\nab\t1\nz\t1\n" BAYT "\t1\n");

    r = corpus_table_reader_open(bad, &error);
    corpus_table_reader_require_order(r);
    g_autofree char *b = dump(corpus_table_reader_source(r));
    g_autofree char *want = g_strdup_printf(
        "a\t1\nc\t1\nERROR %s:3: key out of order: 'B' comes after 'c' (inputs merged as they "
        "stream must be key-sorted, as corpus-ngram --sort=key writes them)",
        bad);
    UNIT_ASSERT_STR(b, want);

    /* Out of order right after the first row (which open() has read already). */
    g_autofree char *second = put_file("second", "b\t1\na\t1\n", -1);
    r = corpus_table_reader_open(second, &error);
    corpus_table_reader_require_order(r);
    g_autofree char *s = dump(corpus_table_reader_source(r));
    g_autofree char *want_s = g_strdup_printf(
        "b\t1\nERROR %s:2: key out of order: 'a' comes after 'b' (inputs merged as they "
        "stream must be key-sorted, as corpus-ngram --sort=key writes them)",
        second);
    UNIT_ASSERT_STR(s, want_s);
    remove_dir();
}

static void test_crlf_and_long_lines(void)
{
    make_dir();
    char *header = NULL;
    guint columns = 0;

    g_autofree char *p1 = put_file("crlf", "ngram\tcount\r\na\t1\r\nb c\t2\r\nd\t3", -1);
    g_autofree char *t1 = read_table(p1, &header, &columns);
    ASSERT_SAME_LINES(t1, "a\t1\nb c\t2\nd\t3\n");
    UNIT_ASSERT_STR(header, "ngram\tcount");
    UNIT_ASSERT_INT(columns, 2);
    g_clear_pointer(&header, g_free);
    g_autofree char *p2 = put_file("nolf", "a\t1\nb\t2", -1);
    g_autofree char *t2 = read_table(p2, NULL, NULL);
    ASSERT_SAME_LINES(t2, "a\t1\nb\t2\n");

    /* 100,000 lines and one key of 600 KB: lines across the read blocks. */
    GString *big = g_string_new("ngram\tcount\n");
    GString *want = g_string_new(NULL);
    for (guint i = 0; i < 100000; i++) {
        g_string_append_printf(big, "key-%06u\t%u\r\n", i, i);
        g_string_append_printf(want, "key-%06u\t%u\n", i, i);
        if (i == 50000) {
            GString *line = g_string_new("long-");
            for (guint k = 0; k < 600000; k++)
                g_string_append_c(line, (char)('a' + k % 26));
            g_string_append_printf(big, "%s\t7\n", line->str);
            g_string_append_printf(want, "%s\t7\n", line->str);
            g_string_free(line, TRUE);
        }
    }
    g_autofree char *p3 = put_file("big", big->str, (gssize)big->len);
    g_autofree char *t3 = read_table(p3, NULL, NULL);
    ASSERT_SAME_LINES(t3, want->str);
    g_string_free(big, TRUE);
    g_string_free(want, TRUE);
    remove_dir();
}

static void test_is_sorted(void)
{
    static const struct {
        const char *text;
        gboolean sorted;
    } cases[] = {
        {"", TRUE},
        {"ngram\tcount\n", TRUE},
        {"a\t1\n", TRUE},
        {"ngram\tcount\na\t1\na\t2\nab\t1\nb\t1\n", TRUE},
        /* Bytewise, not by locale: upper case first, Arabic after z. */
        {"B\t1\na\t1\nz\t1\n" BAYT "\t1\n" FI "\t1\n" KITAB "\t1\n", TRUE},
        {"a\t1\nB\t1\n", FALSE},
        {FI "\t1\n" BAYT "\t1\n", FALSE},
        {"ab\t1\na\t1\n", FALSE},
        {"ngram\tcount\nb\t1\na\t1\n", FALSE},
        /* Three columns: the key holds a tab, which comes before the space. */
        {"a\t2\t5\na b\t1\t5\n", TRUE},
        {"a b\t1\t5\na\t2\t5\n", FALSE},
        /* CRLF and a last line without a line feed. */
        {"a\t1\r\nb\t1\r\nc\t1", TRUE},
        {"b\t1\r\na\t1", FALSE},
    };

    make_dir();
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *name = g_strdup_printf("t%02zu", i);
        g_autofree char *path = put_file(name, cases[i].text, -1);
        GError *error = NULL;
        gboolean got = corpus_table_is_sorted(path, &error);
        if (got != cases[i].sorted)
            fprintf(stderr, "is_sorted case %zu: got %d\n", i, got);
        CU_ASSERT(got == cases[i].sorted);
        CU_ASSERT_PTR_NULL(error);
        g_clear_error(&error);
    }

    /* Out of order only at the end of a long table. */
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < 50000; i++)
        g_string_append_printf(s, "k%06u\t1\n", i);
    g_autofree char *sorted = put_file("long-sorted", s->str, (gssize)s->len);
    g_string_append(s, "k000000\t1\n");
    g_autofree char *unsorted = put_file("long-unsorted", s->str, (gssize)s->len);
    g_string_free(s, TRUE);
    GError *error = NULL;
    CU_ASSERT(corpus_table_is_sorted(sorted, &error));
    CU_ASSERT_FALSE(corpus_table_is_sorted(unsorted, &error));
    CU_ASSERT_PTR_NULL(error);

    /* A malformed line: FALSE and the located error. */
    g_autofree char *bad = put_file("bad", "a\t1\nb\t1x\n", -1);
    CU_ASSERT_FALSE(corpus_table_is_sorted(bad, &error));
    UNIT_ASSERT_ERROR(error, CORPUS_ERROR_PARSE);
    g_autofree char *want =
        g_strdup_printf("%s:2: invalid count '1x' (expected a non-negative integer)", bad);
    if (error)
        UNIT_ASSERT_STR(error->message, want);
    g_clear_error(&error);
    g_autofree char *missing = g_build_filename(tmp_dir, "missing", NULL);
    CU_ASSERT_FALSE(corpus_table_is_sorted(missing, &error));
    UNIT_ASSERT_ERROR(error, CORPUS_ERROR_IO);
    g_clear_error(&error);
    remove_dir();
}

/* ---- summing tables ------------------------------------------------------------------------- */

static const char t1_text[] = "ngram\tcount\na\t2\nb\t3\nd\t1\n";
static const char t2_text[] = "ngram\tcount\nb\t1\nc\t5\nd\t1\n";
static const char t3_text[] = "ngram\tcount\nz\t7\na\t1\n"; /* not in key order */

/* Sum the files; returns the dump of the totals, or "FAIL message". */
static char *merge_files(CorpusMergeMode mode, size_t memory, const char *const *files, guint n,
                         CorpusRecOrder want, CorpusRecOrder *got, CorpusMergeSpec *out_spec,
                         CorpusRuns *runs)
{
    CorpusMergeSpec spec = {mode, memory, NULL, 0, FALSE};
    GError *error = NULL;
    *got = want; /* changed by the merge when it gives another order */
    CorpusRecSource *src = corpus_merge_tables(&spec, files, n, runs, want, got, &error);
    char *text;
    if (!src) {
        text = g_strdup_printf("FAIL %s", error ? error->message : "(no error)");
        g_clear_error(&error);
    } else {
        text = dump(src);
    }
    if (out_spec)
        *out_spec = spec;
    else
        g_free(spec.header);
    return text;
}

static void test_merge_modes(void)
{
    make_dir();
    g_autofree char *t1 = put_file("t1", t1_text, -1);
    g_autofree char *t2 = put_file("t2", t2_text, -1);
    g_autofree char *t3 = put_file("t3", t3_text, -1);
    const char *const t12[] = {t1, t2};
    const char *const t13[] = {t1, t3};
    CorpusRuns *runs = corpus_runs_new(tmp_dir);
    CorpusMergeSpec spec;
    CorpusRecOrder got;
    /* Summed by hand: t1 + t2 = a 2, b 4, c 5, d 2; t1 + t3 = a 3, b 3, d 1, z 7. */
    const char *sum12_key = "a\t2\nb\t4\nc\t5\nd\t2\n";
    const char *sum12_count = "c\t5\nb\t4\na\t2\nd\t2\n";
    const char *sum13_key = "a\t3\nb\t3\nd\t1\nz\t7\n";
    const char *sum13_count = "z\t7\na\t3\nb\t3\nd\t1\n";

    /* AUTO over sorted regular files: streamed, in key order whatever is wanted. */
    for (int w = 0; w < 2; w++) {
        CorpusRecOrder want = w ? CORPUS_ORDER_COUNT : CORPUS_ORDER_KEY;
        g_autofree char *a = merge_files(CORPUS_MERGE_AUTO, 0, t12, 2, want, &got, &spec, runs);
        ASSERT_SAME_LINES(a, sum12_key);
        CU_ASSERT(spec.streamed);
        UNIT_ASSERT_INT(got, CORPUS_ORDER_KEY);
        UNIT_ASSERT_STR(spec.header, "ngram\tcount");
        UNIT_ASSERT_INT(spec.columns, 2);
        g_free(spec.header);
    }
    /* AUTO with an unsorted file: counted, in the order wanted. */
    g_autofree char *a13 =
        merge_files(CORPUS_MERGE_AUTO, 0, t13, 2, CORPUS_ORDER_KEY, &got, &spec, runs);
    ASSERT_SAME_LINES(a13, sum13_key);
    CU_ASSERT_FALSE(spec.streamed);
    UNIT_ASSERT_INT(got, CORPUS_ORDER_KEY);
    UNIT_ASSERT_STR(spec.header, "ngram\tcount");
    g_free(spec.header);
    g_autofree char *a13c =
        merge_files(CORPUS_MERGE_AUTO, 0, t13, 2, CORPUS_ORDER_COUNT, &got, &spec, runs);
    CU_ASSERT_FALSE(spec.streamed);
    if (got == CORPUS_ORDER_COUNT) {
        ASSERT_SAME_LINES(a13c, sum13_count);
    } else {
        UNIT_ASSERT_INT(got, CORPUS_ORDER_KEY);
        ASSERT_SAME_LINES(a13c, sum13_key);
    }
    g_free(spec.header);

    /* COUNT: the same totals, counted. */
    g_autofree char *c12 =
        merge_files(CORPUS_MERGE_COUNT, 0, t12, 2, CORPUS_ORDER_KEY, &got, &spec, runs);
    ASSERT_SAME_LINES(c12, sum12_key);
    CU_ASSERT_FALSE(spec.streamed);
    UNIT_ASSERT_INT(got, CORPUS_ORDER_KEY);
    UNIT_ASSERT_INT(spec.columns, 2);
    g_free(spec.header);
    g_autofree char *c12c =
        merge_files(CORPUS_MERGE_COUNT, 0, t12, 2, CORPUS_ORDER_COUNT, &got, &spec, runs);
    UNIT_ASSERT_INT(got, CORPUS_ORDER_COUNT);
    ASSERT_SAME_LINES(c12c, sum12_count);
    g_free(spec.header);

    /* COUNT in a tiny memory: every row spilled; the runs are merged in key order. */
    guint before = corpus_runs_written(runs);
    g_autofree char *cs =
        merge_files(CORPUS_MERGE_COUNT, 1, t13, 2, CORPUS_ORDER_COUNT, &got, &spec, runs);
    CU_ASSERT(corpus_runs_written(runs) > before);
    UNIT_ASSERT_INT(got, CORPUS_ORDER_KEY);
    ASSERT_SAME_LINES(cs, sum13_key);
    g_free(spec.header);

    /* SORTED: streamed; an unsorted input is an error as it is read. */
    g_autofree char *s12 =
        merge_files(CORPUS_MERGE_SORTED, 0, t12, 2, CORPUS_ORDER_COUNT, &got, &spec, runs);
    ASSERT_SAME_LINES(s12, sum12_key);
    CU_ASSERT(spec.streamed);
    UNIT_ASSERT_INT(got, CORPUS_ORDER_KEY);
    g_free(spec.header);
    g_autofree char *s13 =
        merge_files(CORPUS_MERGE_SORTED, 0, t13, 2, CORPUS_ORDER_KEY, &got, &spec, runs);
    g_autofree char *want13 = g_strdup_printf(
        "%s:3: key out of order: 'a' comes after 'z' (inputs merged as they stream must be "
        "key-sorted, as corpus-ngram --sort=key writes them)",
        t3);
    const char *err = strstr(s13, "ERROR ");
    UNIT_ASSERT_STR(err ? err + 6 : s13, want13);
    g_free(spec.header);

    /* One file merged with itself. */
    const char *const t11[] = {t1, t1};
    g_autofree char *a11 =
        merge_files(CORPUS_MERGE_AUTO, 0, t11, 2, CORPUS_ORDER_KEY, &got, NULL, runs);
    ASSERT_SAME_LINES(a11, "a\t4\nb\t6\nd\t2\n");

    UNIT_ASSERT_INT(corpus_runs_count(runs), 0);
    corpus_runs_free(runs);
    remove_dir();
}

static void test_merge_columns(void)
{
    make_dir();
    g_autofree char *t1 = put_file("t1", t1_text, -1);
    g_autofree char *t4 = put_file("t4", "word\tcount\na\t1\n", -1);
    g_autofree char *t5 = put_file("t5", "a\t1\t2\n", -1);
    g_autofree char *t6 = put_file("t6", "a\t1\n", -1);
    g_autofree char *t7 = put_file("t7", "b\t2\n", -1);
    g_autofree char *t8 = put_file("t8", "", 0);
    g_autofree char *t9 = put_file("t9", "ngram\tn\tcount\na\t1\t2\n", -1);
    CorpusRuns *runs = corpus_runs_new(tmp_dir);
    CorpusMergeSpec spec;
    CorpusRecOrder got;

    for (int mode = 0; mode < 3; mode++) {
        CorpusMergeMode m = mode == 0   ? CORPUS_MERGE_AUTO
                            : mode == 1 ? CORPUS_MERGE_COUNT
                                        : CORPUS_MERGE_SORTED;
        /* Different headers. */
        const char *const f14[] = {t1, t4};
        g_autofree char *h = merge_files(m, 0, f14, 2, CORPUS_ORDER_KEY, &got, NULL, runs);
        g_autofree char *want_h = g_strdup_printf(
            "FAIL %s:1: header 'word\tcount' differs from 'ngram\tcount' in %s (the tables must "
            "have the same columns)",
            t4, t1);
        UNIT_ASSERT_STR(h, want_h);

        /* Different numbers of columns. */
        const char *const f15[] = {t1, t5};
        g_autofree char *c = merge_files(m, 0, f15, 2, CORPUS_ORDER_KEY, &got, NULL, runs);
        g_autofree char *want_c =
            g_strdup_printf("FAIL %s:1: 3 columns where the tables before have 2", t5);
        UNIT_ASSERT_STR(c, want_c);
        const char *const f19[] = {t1, t9};
        g_autofree char *c9 = merge_files(m, 0, f19, 2, CORPUS_ORDER_KEY, &got, NULL, runs);
        g_autofree char *want_c9 = g_strdup_printf(
            "FAIL %s:1: header 'ngram\tn\tcount' differs from 'ngram\tcount' in %s (the tables "
            "must have the same columns)",
            t9, t1);
        UNIT_ASSERT_STR(c9, want_c9);

        /* No header anywhere; a header in one only; an empty table among others. */
        const char *const f67[] = {t6, t7};
        g_autofree char *n = merge_files(m, 0, f67, 2, CORPUS_ORDER_KEY, &got, &spec, runs);
        ASSERT_SAME_LINES(n, "a\t1\nb\t2\n");
        CU_ASSERT_PTR_NULL(spec.header);
        UNIT_ASSERT_INT(spec.columns, 2);
        g_free(spec.header);
        const char *const f861[] = {t8, t6, t1};
        g_autofree char *e = merge_files(m, 0, f861, 3, CORPUS_ORDER_KEY, &got, &spec, runs);
        ASSERT_SAME_LINES(e, "a\t3\nb\t3\nd\t1\n");
        UNIT_ASSERT_STR(spec.header, "ngram\tcount");
        UNIT_ASSERT_INT(spec.columns, 2);
        g_free(spec.header);
        const char *const f88[] = {t8, t8};
        g_autofree char *ee = merge_files(m, 0, f88, 2, CORPUS_ORDER_KEY, &got, &spec, runs);
        ASSERT_SAME_LINES(ee, "");
        CU_ASSERT_PTR_NULL(spec.header);
        UNIT_ASSERT_INT(spec.columns, 0);
        g_free(spec.header);

        /* Three columns: keys of two fields. */
        const char *const f99[] = {t9, t9};
        g_autofree char *k = merge_files(m, 0, f99, 2, CORPUS_ORDER_KEY, &got, &spec, runs);
        ASSERT_SAME_LINES(k, "a\t1\t4\n");
        UNIT_ASSERT_INT(spec.columns, 3);
        g_free(spec.header);
    }
    corpus_runs_free(runs);
    remove_dir();
}

static void test_merge_overflow(void)
{
    make_dir();
    g_autofree char *big = put_file("big", "w\t1\nx\t18446744073709551615\n", -1);
    g_autofree char *one = put_file("one", "x\t1\n", -1);
    g_autofree char *edge = put_file("edge", "x\t18446744073709551614\n", -1);
    const char *const files[] = {big, one};
    const char *const fine[] = {edge, one};
    CorpusRuns *runs = corpus_runs_new(tmp_dir);
    CorpusRecOrder got;

    /* Up to 2^64 - 1: fine either way. */
    for (int mode = 0; mode < 2; mode++) {
        CorpusMergeMode m = mode ? CORPUS_MERGE_COUNT : CORPUS_MERGE_AUTO;
        g_autofree char *t = merge_files(m, 0, fine, 2, CORPUS_ORDER_KEY, &got, NULL, runs);
        ASSERT_SAME_LINES(t, "x\t18446744073709551615\n");
    }
    /* Streamed: the merged stream stops with the error. */
    g_autofree char *s =
        merge_files(CORPUS_MERGE_AUTO, 0, files, 2, CORPUS_ORDER_KEY, &got, NULL, runs);
    ASSERT_SAME_LINES(s, "w\t1\nERROR the count of 'x' exceeds 18446744073709551615 (2^64 - 1)");
    /* Counted: the error names the line that passed the limit. */
    g_autofree char *c =
        merge_files(CORPUS_MERGE_COUNT, 0, files, 2, CORPUS_ORDER_KEY, &got, NULL, runs);
    g_autofree char *want_c =
        g_strdup_printf("FAIL %s:1: the count of 'x' passes 18446744073709551615 (2^64 - 1)", one);
    UNIT_ASSERT_STR(c, want_c);
    /* Counted in runs: a CORPUS_ERROR_LIMIT error when the runs are merged. */
    CorpusMergeSpec spec = {CORPUS_MERGE_COUNT, 1, NULL, 0, FALSE};
    GError *error = NULL;
    CorpusRecSource *src =
        corpus_merge_tables(&spec, files, 2, runs, CORPUS_ORDER_KEY, &got, &error);
    while (src && src->next(src, &error))
        ;
    UNIT_ASSERT_ERROR(error, CORPUS_ERROR_LIMIT);
    g_clear_error(&error);
    corpus_rec_source_free(src);
    g_free(spec.header);
    corpus_runs_free(runs);
    remove_dir();
}

/* More than CORPUS_RUNS_MAX_OPEN files: counted, not streamed, with the same totals. */
static void test_merge_many_files(void)
{
    make_dir();
    const guint n = CORPUS_RUNS_MAX_OPEN + 1;
    char **files = g_new0(char *, n + 1);
    CorpusRuns *runs = corpus_runs_new(tmp_dir);
    CorpusMergeSpec spec;
    CorpusRecOrder got;
    GString *want = g_string_new("all\t");

    g_string_append_printf(want, "%u\n", n);
    for (guint i = 0; i < n; i++) {
        g_autofree char *name = g_strdup_printf("f%03u", i);
        g_autofree char *text = g_strdup_printf("ngram\tcount\nall\t1\nf%03u\t%u\n", i, i + 1);
        files[i] = put_file(name, text, -1);
        g_string_append_printf(want, "f%03u\t%u\n", i, i + 1);
    }
    g_autofree char *t = merge_files(CORPUS_MERGE_AUTO, 0, (const char *const *)files, n,
                                     CORPUS_ORDER_KEY, &got, &spec, runs);
    ASSERT_SAME_LINES(t, want->str);
    CU_ASSERT_FALSE(spec.streamed);
    g_free(spec.header);
    /* One file fewer: streamed. */
    g_autofree char *u = merge_files(CORPUS_MERGE_AUTO, 0, (const char *const *)files + 1, n - 1,
                                     CORPUS_ORDER_KEY, &got, &spec, runs);
    CU_ASSERT(spec.streamed);
    CU_ASSERT(g_str_has_prefix(u, "all\t64\nf001\t2\n"));
    g_free(spec.header);
    corpus_runs_free(runs);
    g_strfreev(files);
    g_string_free(want, TRUE);
    remove_dir();
}

/* No file: standard input, which cannot be read twice, so it is counted. */
static void test_merge_stdin(void)
{
    make_dir();
    g_autofree char *t1 = put_file("t1", t1_text, -1);
    CorpusRuns *runs = corpus_runs_new(tmp_dir);
    CorpusMergeSpec spec;
    CorpusRecOrder got;
    int saved = dup(STDIN_FILENO);
    int fd = open(t1, O_RDONLY);

    CU_ASSERT(saved >= 0 && fd >= 0);
    if (saved < 0 || fd < 0 || dup2(fd, STDIN_FILENO) < 0) {
        remove_dir();
        return;
    }
    close(fd);
    g_autofree char *t =
        merge_files(CORPUS_MERGE_AUTO, 0, NULL, 0, CORPUS_ORDER_KEY, &got, &spec, runs);
    ASSERT_SAME_LINES(t, "a\t2\nb\t3\nd\t1\n");
    CU_ASSERT_FALSE(spec.streamed);
    UNIT_ASSERT_STR(spec.header, "ngram\tcount");
    g_free(spec.header);

    /* Errors name <stdin>. */
    g_autofree char *bad = put_file("bad", "a\t1\nb\t1x\n", -1);
    fd = open(bad, O_RDONLY);
    if (fd >= 0 && dup2(fd, STDIN_FILENO) >= 0) {
        close(fd);
        const char *const dash[] = {"-"};
        g_autofree char *e =
            merge_files(CORPUS_MERGE_AUTO, 0, dash, 1, CORPUS_ORDER_KEY, &got, NULL, runs);
        UNIT_ASSERT_STR(e, "FAIL <stdin>:2: invalid count '1x' (expected a non-negative integer)");
    }
    dup2(saved, STDIN_FILENO);
    close(saved);
    corpus_runs_free(runs);
    remove_dir();
}

static gint fifo_stop;

/* Write t1 into the named pipe once a reader has it open; give up when told to stop (the
 * merge did not open it).  SIGPIPE is blocked: a reader that goes away gives EPIPE. */
static gpointer fifo_writer(gpointer path)
{
    sigset_t set;
    int fd = -1;

    sigemptyset(&set);
    sigaddset(&set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    while (!g_atomic_int_get(&fifo_stop)) {
        fd = open(path, O_WRONLY | O_NONBLOCK);
        if (fd >= 0 || errno != ENXIO)
            break;
        g_usleep(1000);
    }
    if (fd >= 0) {
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
        if (write(fd, t1_text, sizeof t1_text - 1) < 0)
            perror("fifo write");
        close(fd);
    }
    return NULL;
}

/* A named pipe among regular files: not a regular file, so it is read once and counted. */
static void test_merge_fifo(void)
{
    make_dir();
    g_autofree char *fifo = g_build_filename(tmp_dir, "fifo", NULL);
    g_autofree char *t2 = put_file("t2", t2_text, -1);
    const char *const files[] = {t2, fifo};
    CorpusRuns *runs = corpus_runs_new(tmp_dir);
    CorpusMergeSpec spec;
    CorpusRecOrder got;

    CU_ASSERT(mkfifo(fifo, 0600) == 0);
    g_atomic_int_set(&fifo_stop, 0);
    GThread *writer = g_thread_new("fifo", fifo_writer, fifo);
    g_autofree char *t =
        merge_files(CORPUS_MERGE_AUTO, 0, files, 2, CORPUS_ORDER_KEY, &got, &spec, runs);
    g_atomic_int_set(&fifo_stop, 1);
    g_thread_join(writer);
    ASSERT_SAME_LINES(t, "a\t2\nb\t4\nc\t5\nd\t2\n");
    CU_ASSERT_FALSE(spec.streamed);
    g_free(spec.header);
    corpus_runs_free(runs);
    remove_dir();
}

int main(void)
{
    static const UnitTest tests[] = {
        UNIT_TEST(test_tsv),
        UNIT_TEST(test_jsonl),
        UNIT_TEST(test_derived),
        UNIT_TEST(test_key_columns),
        UNIT_TEST(test_min_count),
        UNIT_TEST(test_count_order),
        UNIT_TEST(test_top),
        UNIT_TEST(test_memory_limited),
        UNIT_TEST(test_source_error),
        UNIT_TEST(test_parse_size),
        UNIT_TEST(test_read_header),
        UNIT_TEST(test_read_bom),
        UNIT_TEST(test_read_errors),
        UNIT_TEST(test_require_order),
        UNIT_TEST(test_crlf_and_long_lines),
        UNIT_TEST(test_is_sorted),
        UNIT_TEST(test_merge_modes),
        UNIT_TEST(test_merge_columns),
        UNIT_TEST(test_merge_overflow),
        UNIT_TEST(test_merge_many_files),
        UNIT_TEST(test_merge_stdin),
        UNIT_TEST(test_merge_fifo),
    };
    return unit_run("tables", tests, G_N_ELEMENTS(tests));
}
