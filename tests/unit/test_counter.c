/* Unit tests of counter: n-gram counts of a known id stream in key order and in count order,
 * sentence limits given by run[], the highest order, character n-grams, spilling to runs and
 * merging them, several counters summed into one source, the memory limit, and a randomized
 * comparison with counts made by a plain hash table.
 * SPDX-License-Identifier: MIT */
#include <glib/gstdio.h>

#include <corpus/counter.h>
#include <corpus/runs.h>

#include "unit.h"
#include "unit-rec.h"

/* The tokens of the example: كتاب في بيت فيه.  In bytes: بيت (D8 A8 ..) < في (D9 81 D9 8A)
 * < فيه (D9 81 D9 8A D9 87) < كتاب (D9 83 ..). */
#define A "\u0643\u062A\u0627\u0628"
#define B "\u0641\u064A"
#define C "\u0628\u064A\u062A"
#define D "\u0641\u064A\u0647"

/* Three sentences: A B A B C | B D C | A B A B. */
static const char *const example[] = {A, B, A, B, C, NULL, B, D, C, NULL, A, B, A, B, NULL};

typedef struct {
    const char *key;
    guint64 count;
} Want;

/* Counted by hand.  Unigrams: A 4, B 5, C 2, D 1.  Bigrams: AB 4 (2 + 2), BA 2, BC 1, BD 1,
 * DC 1; none across sentences (no "C B", no "C A").  Trigrams: ABA 2, BAB 2, ABC 1, BDC 1. */
static const Want example_by_key[] = {
    {C, 2},
    {B, 5},
    {B " " C, 1},
    {B " " D, 1},
    {B " " D " " C, 1},
    {B " " A, 2},
    {B " " A " " B, 2},
    {D, 1},
    {D " " C, 1},
    {A, 4},
    {A " " B, 4},
    {A " " B " " C, 1},
    {A " " B " " A, 2},
};

/* Count descending, then key bytewise. */
static const Want example_by_count[] = {
    {B, 5},
    {A, 4},
    {A " " B, 4},
    {C, 2},
    {B " " A, 2},
    {B " " A " " B, 2},
    {A " " B " " A, 2},
    {B " " C, 1},
    {B " " D, 1},
    {B " " D " " C, 1},
    {D, 1},
    {D " " C, 1},
    {A " " B " " C, 1},
};

/* The same for orders 2 and 3 only. */
static const Want example_2_3[] = {
    {B " " C, 1}, {B " " D, 1}, {B " " D " " C, 1}, {B " " A, 2},       {B " " A " " B, 2},
    {D " " C, 1}, {A " " B, 4}, {A " " B " " C, 1}, {A " " B " " A, 2},
};

static const Want example_1[] = {{C, 2}, {B, 5}, {D, 1}, {A, 4}};

/* A fresh tmp_dir per test. */
static void make_dir(void)
{
    make_tmp_dir("corpus-test-counter-XXXXXX");
}

/* "key<TAB>count\n" per record, with the counts multiplied by mult. */
static char *want_dump(const Want *w, size_t n, guint64 mult)
{
    GString *s = g_string_new(NULL);
    for (size_t i = 0; i < n; i++)
        g_string_append_printf(s, "%s\t%" G_GUINT64_FORMAT "\n", w[i].key, w[i].count * mult);
    return g_string_free(s, FALSE);
}

static void assert_dump(CorpusRecSource *src, const Want *w, size_t n, guint64 mult, unsigned line)
{
    g_autofree char *got = dump(src);
    g_autofree char *want = want_dump(w, n, mult);
    assert_same_lines(got, want, "records", line, __FILE__);
}

#define ASSERT_DUMP(src, w, mult) assert_dump((src), (w), G_N_ELEMENTS(w), (mult), __LINE__)

/* Feed tokens (NULL ends a sentence) as the n-gram tools do: each token interned with a
 * unigram count of 1, run[] counting the tokens of its sentence.  The stream is given to the
 * counter in pieces of at most `piece` positions (0: at once). */
static void feed(CorpusCounter *c, const char *const *tokens, size_t n_tokens, size_t piece)
{
    CorpusVocab *v = corpus_counter_vocab(c);
    guint32 *ids = g_new(guint32, n_tokens + 1);
    guint8 *run = g_new(guint8, n_tokens + 1);
    size_t n = 0, in_sentence = 0;

    for (size_t i = 0; i < n_tokens; i++) {
        if (!tokens[i]) {
            in_sentence = 0;
            continue;
        }
        ids[n] = corpus_vocab_add(v, tokens[i], strlen(tokens[i]), 1);
        in_sentence++;
        run[n] = (guint8)MIN(in_sentence, 255u);
        n++;
    }
    if (!piece)
        piece = MAX(n, 1u);
    for (size_t from = 0; from < n; from += piece)
        corpus_counter_add_stream(c, ids, run, from, MIN(from + piece, n));
    g_free(ids);
    g_free(run);
}

static CorpusCounter *counter_new(guint n_min, guint n_max, const char *sep, size_t memory,
                                  CorpusRuns *runs)
{
    CorpusCounterSpec spec = {.n_min = n_min, .n_max = n_max, .sep = sep, .memory = memory, .runs = runs};
    return corpus_counter_new(&spec);
}

static void test_key_order(void)
{
    g_autoptr(CorpusCounter) c = counter_new(1, 3, " ", 0, NULL);
    CU_ASSERT_PTR_NOT_NULL(c);
    feed(c, example, G_N_ELEMENTS(example), 0);
    UNIT_ASSERT_INT(corpus_vocab_size(corpus_counter_vocab(c)), 4);
    CU_ASSERT_FALSE(corpus_counter_over(c));
    ASSERT_DUMP(corpus_counter_source(c, CORPUS_ORDER_KEY), example_by_key, 1);
    /* Freeing the source emptied the counter. */
    UNIT_ASSERT_INT(corpus_vocab_size(corpus_counter_vocab(c)), 0);
    g_autofree char *empty = dump(corpus_counter_source(c, CORPUS_ORDER_KEY));
    UNIT_ASSERT_STR(empty, "");
    /* It counts again from nothing. */
    feed(c, example, G_N_ELEMENTS(example), 0);
    ASSERT_DUMP(corpus_counter_source(c, CORPUS_ORDER_KEY), example_by_key, 1);
}

static void test_count_order(void)
{
    g_autoptr(CorpusCounter) c = counter_new(1, 3, " ", 0, NULL);
    feed(c, example, G_N_ELEMENTS(example), 0);
    ASSERT_DUMP(corpus_counter_source(c, CORPUS_ORDER_COUNT), example_by_count, 1);
}

/* The stream given in pieces: an n-gram that ends in a piece reaches back into the one before. */
static void test_pieces(void)
{
    for (size_t piece = 1; piece <= 4; piece++) {
        g_autoptr(CorpusCounter) c = counter_new(1, 3, " ", 0, NULL);
        feed(c, example, G_N_ELEMENTS(example), piece);
        ASSERT_DUMP(corpus_counter_source(c, CORPUS_ORDER_KEY), example_by_key, 1);
    }
}

static void test_orders(void)
{
    g_autoptr(CorpusCounter) c23 = counter_new(2, 3, " ", 0, NULL);
    feed(c23, example, G_N_ELEMENTS(example), 0);
    ASSERT_DUMP(corpus_counter_source(c23, CORPUS_ORDER_KEY), example_2_3, 1);

    g_autoptr(CorpusCounter) c1 = counter_new(1, 1, " ", 0, NULL);
    feed(c1, example, G_N_ELEMENTS(example), 0);
    ASSERT_DUMP(corpus_counter_source(c1, CORPUS_ORDER_KEY), example_1, 1);

    /* Orders 8 and 9 over one sentence of ten distinct tokens: 3 and 2 n-grams. */
    const char *const ten[] = {"t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9", NULL};
    static const Want want89[] = {
        {"t0 t1 t2 t3 t4 t5 t6 t7", 1}, {"t0 t1 t2 t3 t4 t5 t6 t7 t8", 1},
        {"t1 t2 t3 t4 t5 t6 t7 t8", 1}, {"t1 t2 t3 t4 t5 t6 t7 t8 t9", 1},
        {"t2 t3 t4 t5 t6 t7 t8 t9", 1},
    };
    g_autoptr(CorpusCounter) c89 = counter_new(8, CORPUS_NGRAM_MAX, " ", 0, NULL);
    feed(c89, ten, G_N_ELEMENTS(ten), 0);
    ASSERT_DUMP(corpus_counter_source(c89, CORPUS_ORDER_KEY), want89, 1);

    /* A sentence shorter than the order gives nothing of that order. */
    const char *const short_sentences[] = {"a", "b", NULL, "c", NULL};
    static const Want want_short[] = {{"a b", 1}};
    g_autoptr(CorpusCounter) c2 = counter_new(2, 3, " ", 0, NULL);
    feed(c2, short_sentences, G_N_ELEMENTS(short_sentences), 0);
    ASSERT_DUMP(corpus_counter_source(c2, CORPUS_ORDER_KEY), want_short, 1);
}

/* Pairs in a window of 3 (NLTK's window_size, ALGORITHMS.md 3.2): in a b c a b d a each token
 * pairs with the next two of its sentence: ab ac | bc ba | ca cb | ab ad | bd ba | da, so a b
 * and b a twice, the seven others once; a second sentence e f adds e f only (nothing across
 * the sentence end).  Given in pieces of 1 to 3 ids too: a pair reaches back into the piece
 * before. */
static void test_window(void)
{
    const char *const text[] = {"a", "b", "c", "a", "b", "d", "a", NULL, "e", "f", NULL};
    static const Want want[] = {{"a", 3},   {"a b", 2}, {"a c", 1}, {"a d", 1}, {"b", 2},
                                {"b a", 2}, {"b c", 1}, {"b d", 1}, {"c", 1},   {"c a", 1},
                                {"c b", 1}, {"d", 1},   {"d a", 1}, {"e", 1},   {"e f", 1},
                                {"f", 1}};
    for (size_t piece = 0; piece <= 3; piece++) {
        CorpusCounterSpec spec = {.n_min = 1, .n_max = 2, .sep = " ", .window = 3};
        g_autoptr(CorpusCounter) c = corpus_counter_new(&spec);
        feed(c, text, G_N_ELEMENTS(text), piece);
        ASSERT_DUMP(corpus_counter_source(c, CORPUS_ORDER_KEY), want, 1);
    }
}

/* A sentence of 300 tokens x y x y ...: run[] stops at 255 and counting goes on (150 "x y",
 * 149 "y x"); the next sentence starts again (no "y x" across it). */
static void test_long_sentence(void)
{
    const char **tokens = g_new(const char *, 300 + 4);
    size_t n = 0;
    for (guint i = 0; i < 300; i++)
        tokens[n++] = i % 2 ? "y" : "x";
    tokens[n++] = NULL;
    tokens[n++] = "x";
    tokens[n++] = "z";
    tokens[n++] = NULL;
    static const Want want[] = {{"x y", 150}, {"x z", 1}, {"y x", 149}};
    g_autoptr(CorpusCounter) c = counter_new(2, 2, " ", 0, NULL);
    feed(c, tokens, n, 0);
    ASSERT_DUMP(corpus_counter_source(c, CORPUS_ORDER_KEY), want, 1);
    g_free(tokens);
}

/* Character n-grams: single characters joined by "".  ت (D8 AA) < ك (D9 83). */
static void test_chars(void)
{
    /* The characters of كتكت and تك, each word its own run. */
    const char *const chars[] = {"\u0643", "\u062A", "\u0643", "\u062A",
                                 NULL,     "\u062A", "\u0643", NULL};
    static const Want by_key[] = {
        {"\u062A", 3}, {"\u062A\u0643", 2}, {"\u0643", 3}, {"\u0643\u062A", 2}};
    static const Want by_count[] = {
        {"\u062A", 3}, {"\u0643", 3}, {"\u062A\u0643", 2}, {"\u0643\u062A", 2}};
    g_autoptr(CorpusCounter) c = counter_new(1, 2, "", 0, NULL);
    feed(c, chars, G_N_ELEMENTS(chars), 0);
    ASSERT_DUMP(corpus_counter_source(c, CORPUS_ORDER_KEY), by_key, 1);
    feed(c, chars, G_N_ELEMENTS(chars), 0);
    ASSERT_DUMP(corpus_counter_source(c, CORPUS_ORDER_COUNT), by_count, 1);
}

/* Spill twice, count a third time in memory: the merge of the runs and the counter's own
 * source gives every count three times. */
static void test_spill_and_merge(void)
{
    make_dir();
    CorpusRuns *runs = corpus_runs_new(tmp_dir);
    CorpusCounter *c = counter_new(1, 3, " ", 0, runs);
    GError *error = NULL;

    feed(c, example, G_N_ELEMENTS(example), 0);
    CU_ASSERT(corpus_counter_spill(c, &error));
    CU_ASSERT_PTR_NULL(error);
    UNIT_ASSERT_INT(corpus_vocab_size(corpus_counter_vocab(c)), 0);
    feed(c, example, G_N_ELEMENTS(example), 2);
    CU_ASSERT(corpus_counter_spill(c, &error));
    UNIT_ASSERT_INT(corpus_counter_spills(c), 2);
    UNIT_ASSERT_INT(corpus_runs_count(runs), 2);
    UNIT_ASSERT_INT(corpus_runs_written(runs), 2);
    feed(c, example, G_N_ELEMENTS(example), 0);

    CorpusRecSource *own = corpus_counter_source(c, CORPUS_ORDER_KEY);
    CorpusRecSource *m = corpus_runs_merge(runs, &own, 1, CORPUS_ORDER_KEY, &error);
    CU_ASSERT_PTR_NOT_NULL(m);
    CU_ASSERT_PTR_NULL(error);
    UNIT_ASSERT_INT(corpus_runs_count(runs), 0);
    ASSERT_DUMP(m, example_by_key, 3);
    corpus_counter_free(c);
    corpus_runs_free(runs);

    /* Only runs: the same as the counter's source. */
    runs = corpus_runs_new(tmp_dir);
    c = counter_new(1, 3, " ", 0, runs);
    feed(c, example, G_N_ELEMENTS(example), 0);
    CU_ASSERT(corpus_counter_spill(c, &error));
    m = corpus_runs_merge(runs, NULL, 0, CORPUS_ORDER_KEY, &error);
    ASSERT_DUMP(m, example_by_key, 1);
    /* Spilling an empty counter writes an empty run. */
    CU_ASSERT(corpus_counter_spill(c, &error));
    m = corpus_runs_merge(runs, NULL, 0, CORPUS_ORDER_KEY, &error);
    g_autofree char *empty = dump(m);
    UNIT_ASSERT_STR(empty, "");
    corpus_counter_free(c);
    corpus_runs_free(runs);
    g_clear_error(&error);
    remove_dir();
}

static void test_spill_error(void)
{
    make_dir();
    g_autofree char *missing = g_build_filename(tmp_dir, "missing", NULL);
    CorpusRuns *runs = corpus_runs_new(missing);
    g_autoptr(CorpusCounter) c = counter_new(1, 2, " ", 0, runs);
    GError *error = NULL;

    feed(c, example, G_N_ELEMENTS(example), 0);
    CU_ASSERT_FALSE(corpus_counter_spill(c, &error));
    UNIT_ASSERT_ERROR(error, CORPUS_ERROR_IO);
    if (error)
        CU_ASSERT(g_str_has_prefix(error->message, missing));
    UNIT_ASSERT_INT(corpus_counter_spills(c), 0);
    g_clear_error(&error);
    corpus_counter_free(g_steal_pointer(&c));
    corpus_runs_free(runs);
    remove_dir();
}

/* Several counters summed into one source: the first sentence in one counter, the other two
 * in another, and an empty third; on one thread and on several. */
static void test_counters_source(void)
{
    const size_t first = 6; /* A B A B C NULL */

    for (guint threads = 1; threads <= 3; threads++) {
        for (guint k = 2; k <= 3; k++) {
            CorpusCounter *cs[3] = {NULL, NULL, NULL};
            for (guint i = 0; i < k; i++)
                cs[i] = counter_new(1, 3, " ", 0, NULL);
            feed(cs[0], example, first, 0);
            feed(cs[1], example + first, G_N_ELEMENTS(example) - first, 0);
            ASSERT_DUMP(corpus_counters_source(cs, k, CORPUS_ORDER_KEY, threads), example_by_key,
                        1);
            /* Freeing the source emptied every counter; they count again. */
            for (guint i = 0; i < k; i++)
                UNIT_ASSERT_INT(corpus_vocab_size(corpus_counter_vocab(cs[i])), 0);
            /* Each counter with the whole example (the last one too): counts times k. */
            for (guint i = 0; i < k; i++)
                feed(cs[i], example, G_N_ELEMENTS(example), 0);
            ASSERT_DUMP(corpus_counters_source(cs, k, CORPUS_ORDER_COUNT, threads),
                        example_by_count, k);
            /* The second counter with more tokens than the first: the order is the same. */
            feed(cs[0], example, first, 0);
            const char *const extra[] = {"z1", "z2", NULL, "z3", NULL};
            feed(cs[1], extra, G_N_ELEMENTS(extra), 0);
            feed(cs[1], example + first, G_N_ELEMENTS(example) - first, 0);
            static const Want with_extra[] = {{"z1", 1}, {"z1 z2", 1}, {"z2", 1}, {"z3", 1}};
            g_autofree char *got = dump(corpus_counters_source(cs, k, CORPUS_ORDER_KEY, threads));
            /* The example's records, then the z records (z comes before the Arabic letters). */
            g_autofree char *w1 = want_dump(with_extra, G_N_ELEMENTS(with_extra), 1);
            g_autofree char *w2 = want_dump(example_by_key, G_N_ELEMENTS(example_by_key), 1);
            g_autofree char *want = g_strconcat(w1, w2, NULL);
            UNIT_ASSERT_STR(got, want);
            for (guint i = 0; i < k; i++)
                corpus_counter_free(cs[i]);
        }
    }
}

/* A small memory: over after enough distinct n-grams, clear after a spill. */
static void test_memory_limit(void)
{
    make_dir();
    const size_t memory = 256 * 1024;
    CorpusRuns *runs = corpus_runs_new(tmp_dir);
    CorpusCounter *c = counter_new(1, 2, " ", memory, runs);
    GError *error = NULL;
    guint i = 0;

    CU_ASSERT_FALSE(corpus_counter_over(c));
    size_t empty_memory = corpus_counter_memory(c);
    CU_ASSERT(empty_memory > 0 && empty_memory < memory);
    feed(c, example, G_N_ELEMENTS(example), 0);
    CU_ASSERT_FALSE(corpus_counter_over(c));
    /* Distinct tokens, one sentence each pair: every token and bigram is new. */
    while (!corpus_counter_over(c) && i < 200000) {
        char a[16], b[16];
        g_snprintf(a, sizeof a, "a%u", i);
        g_snprintf(b, sizeof b, "b%u", i);
        const char *const pair[] = {a, b, NULL};
        feed(c, pair, 3, 0);
        i++;
    }
    CU_ASSERT(corpus_counter_over(c));
    CU_ASSERT(i > 100 && i < 200000);
    /* Told in time: within the memory given. */
    CU_ASSERT(corpus_counter_memory(c) <= memory);
    CU_ASSERT(corpus_counter_spill(c, &error));
    CU_ASSERT_FALSE(corpus_counter_over(c));
    CU_ASSERT(corpus_counter_memory(c) <= empty_memory + 64 * 1024);
    UNIT_ASSERT_INT(corpus_counter_spills(c), 1);

    /* Everything went to the run: the example, and the pairs a<k> b<k>. */
    CorpusRecSource *m = corpus_runs_merge(runs, NULL, 0, CORPUS_ORDER_KEY, &error);
    guint64 records = 0, total = 0;
    while (m && m->next(m, &error)) {
        records++;
        total += m->count;
    }
    CU_ASSERT_PTR_NULL(error);
    /* Orders 1 and 2 of the example: 9 records, 21 in all (12 tokens, 9 bigrams); then 3
     * records of count 1 per pair. */
    UNIT_ASSERT_INT(records, 9 + 3 * (guint64)i);
    UNIT_ASSERT_INT(total, 21 + 3 * (guint64)i);
    corpus_rec_source_free(m);
    corpus_counter_free(c);
    corpus_runs_free(runs);
    g_clear_error(&error);
    remove_dir();
}

/* ---- randomized comparison with a hash table ---------------------------------------------- */

typedef struct {
    char *key;
    guint64 count;
} Ref;

static gint ref_by_key(gconstpointer a, gconstpointer b)
{
    const Ref *x = *(Ref *const *)a, *y = *(Ref *const *)b;
    size_t lx = strlen(x->key), ly = strlen(y->key);
    int c = memcmp(x->key, y->key, MIN(lx, ly));
    if (c)
        return c;
    return lx < ly ? -1 : lx > ly;
}

static gint ref_by_count(gconstpointer a, gconstpointer b)
{
    const Ref *x = *(Ref *const *)a, *y = *(Ref *const *)b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return ref_by_key(a, b);
}

static void ref_free(gpointer p)
{
    Ref *r = p;
    g_free(r->key);
    g_free(r);
}

static char *ref_dump(GHashTable *counts, GCompareFunc order)
{
    GPtrArray *rows = g_ptr_array_new_with_free_func(ref_free);
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, counts);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        Ref *r = g_new(Ref, 1);
        r->key = g_strdup(k);
        r->count = *(guint64 *)v;
        g_ptr_array_add(rows, r);
    }
    g_ptr_array_sort(rows, order);
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < rows->len; i++) {
        Ref *r = g_ptr_array_index(rows, i);
        g_string_append_printf(s, "%s\t%" G_GUINT64_FORMAT "\n", r->key, r->count);
    }
    g_ptr_array_unref(rows);
    return g_string_free(s, FALSE);
}

#define N_WORDS 3000

/* Random sentences over a skewed vocabulary; orders 1 to 3.  Enough distinct n-grams (more
 * than 65,536 of an order) for the sorts to split their work among threads. */
static void test_random_against_hash(void)
{
    make_dir();
    GRand *rand = g_rand_new_with_seed(7);
    GHashTable *counts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    char **words = g_new(char *, N_WORDS);
    GPtrArray *tokens = g_ptr_array_new();

    for (guint w = 0; w < N_WORDS; w++) {
        /* Latin and Arabic, some sharing prefixes with others (w1, w10, w100). */
        words[w] = w % 4 == 3 ? g_strdup_printf("\u0643\u0644\u0645\u0629%u", w)
                              : g_strdup_printf("w%u", w);
    }
    for (guint s = 0; s < 12000; s++) {
        guint len = (guint)g_rand_int_range(rand, 1, 25);
        const char *sent[25];
        for (guint k = 0; k < len; k++) {
            /* Skewed: small indexes are much more frequent. */
            guint a = (guint)g_rand_int_range(rand, 0, N_WORDS);
            guint b = (guint)g_rand_int_range(rand, 0, N_WORDS);
            sent[k] = words[MIN(a, b) * MIN(a, b) / N_WORDS];
            g_ptr_array_add(tokens, (gpointer)sent[k]);
        }
        g_ptr_array_add(tokens, NULL);
        for (guint n = 1; n <= 3; n++) {
            for (guint end = n - 1; end < len; end++) {
                GString *key = g_string_new(sent[end + 1 - n]);
                for (guint k = end + 2 - n; k <= end; k++) {
                    g_string_append_c(key, ' ');
                    g_string_append(key, sent[k]);
                }
                guint64 *v = g_hash_table_lookup(counts, key->str);
                if (!v) {
                    v = g_new0(guint64, 1);
                    g_hash_table_insert(counts, g_strdup(key->str), v);
                }
                (*v)++;
                g_string_free(key, TRUE);
            }
        }
    }
    CU_ASSERT(g_hash_table_size(counts) > 2 * 65536);
    g_autofree char *want_key = ref_dump(counts, ref_by_key);
    g_autofree char *want_count = ref_dump(counts, ref_by_count);
    const char *const *all = (const char *const *)tokens->pdata;

    /* One counter, unlimited memory, in both orders. */
    g_autoptr(CorpusCounter) c = counter_new(1, 3, " ", 0, NULL);
    feed(c, all, tokens->len, 0);
    g_autofree char *got_key = dump(corpus_counter_source(c, CORPUS_ORDER_KEY));
    ASSERT_SAME_LINES(got_key, want_key);
    feed(c, all, tokens->len, 0);
    g_autofree char *got_count = dump(corpus_counter_source(c, CORPUS_ORDER_COUNT));
    ASSERT_SAME_LINES(got_count, want_count);

    /* Four counters, each with a quarter of the sentences, summed on four threads. */
    CorpusCounter *four[4];
    for (guint i = 0; i < 4; i++)
        four[i] = counter_new(1, 3, " ", 0, NULL);
    for (guint pass = 0; pass < 2; pass++) {
        guint start = 0, sentence = 0;
        for (guint i = 0; i < tokens->len; i++) {
            if (g_ptr_array_index(tokens, i))
                continue;
            feed(four[sentence++ % 4], all + start, i + 1 - start, 0);
            start = i + 1;
        }
        CorpusRecOrder order = pass ? CORPUS_ORDER_COUNT : CORPUS_ORDER_KEY;
        g_autofree char *got = dump(corpus_counters_source(four, 4, order, 4));
        const char *want = pass ? want_count : want_key;
        ASSERT_SAME_LINES(got, want);
    }
    for (guint i = 0; i < 4; i++)
        corpus_counter_free(four[i]);

    /* Small memory, spilled whenever over between sentences, then merged with the rest. */
    CorpusRuns *runs = corpus_runs_new(tmp_dir);
    CorpusCounter *small = counter_new(1, 3, " ", 512 * 1024, runs);
    GError *error = NULL;
    guint start = 0;
    for (guint i = 0; i < tokens->len; i++) {
        if (g_ptr_array_index(tokens, i))
            continue;
        feed(small, all + start, i + 1 - start, 0);
        start = i + 1;
        if (corpus_counter_over(small))
            CU_ASSERT(corpus_counter_spill(small, &error));
    }
    CU_ASSERT(corpus_counter_spills(small) >= 2);
    CorpusRecSource *own = corpus_counter_source(small, CORPUS_ORDER_KEY);
    CorpusRecSource *m = corpus_runs_merge(runs, &own, 1, CORPUS_ORDER_KEY, &error);
    g_autofree char *got_spilled = dump(m);
    ASSERT_SAME_LINES(got_spilled, want_key);
    corpus_counter_free(small);
    corpus_runs_free(runs);

    g_clear_error(&error);
    g_ptr_array_unref(tokens);
    for (guint w = 0; w < N_WORDS; w++)
        g_free(words[w]);
    g_free(words);
    g_hash_table_unref(counts);
    g_rand_free(rand);
    remove_dir();
}

int main(void)
{
    static const UnitTest tests[] = {
        UNIT_TEST(test_key_order),
        UNIT_TEST(test_count_order),
        UNIT_TEST(test_pieces),
        UNIT_TEST(test_orders),
        UNIT_TEST(test_window),
        UNIT_TEST(test_long_sentence),
        UNIT_TEST(test_chars),
        UNIT_TEST(test_spill_and_merge),
        UNIT_TEST(test_spill_error),
        UNIT_TEST(test_counters_source),
        UNIT_TEST(test_memory_limit),
        UNIT_TEST(test_random_against_hash),
    };
    return unit_run("counter", tests, G_N_ELEMENTS(tests));
}
