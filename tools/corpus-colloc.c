/* corpus-colloc: score collocation candidates (pairs or triples of words inside sentences)
 * with association measures.
 * SPDX-License-Identifier: MIT */
#include <string.h>

#include <corpus/corpus.h>

static gint opt_n = 2;
static gint opt_window = -1; /* -1: not given */
static char *opt_measures;
static char *opt_sort_by;
static gboolean opt_p_values;
static char *opt_min_word_count;
static gboolean opt_from_counts;
static char **opt_files;

static GOptionEntry entries[] = {
    {"n", 'n', 0, G_OPTION_ARG_INT, &opt_n, "Candidates of 2 words (pairs) or 3 (triples) [2]",
     "2|3"},
    {"window", 0, 0, G_OPTION_ARG_INT, &opt_window,
     "Pair each word with the next W-1 words of its sentence, as NLTK's window_size; the pair "
     "count is divided by W-1 [2: adjacent words]; triples take 3 only",
     "W"},
    {"measures", 0, 0, G_OPTION_ARG_STRING, &opt_measures,
     "Comma-separated measures, or all: freq, pmi, npmi, pmi2, pmi3, llr, chi2, chi2-yates, "
     "phi2, t, z, dice, logdice, jaccard, log-odds, poisson-stirling, mi-like, "
     "min-sensitivity, fisher-left, fisher-right, fisher-two [pairs: llr,pmi,npmi,t,logdice; "
     "triples: llr,pmi,t]",
     "LIST"},
    {"sort-by", 0, 0, G_OPTION_ARG_STRING, &opt_sort_by,
     "Rows by this measure, descending, ties by the words bytewise (added in front of the "
     "measures when not among them) [the first of --measures]",
     "MEASURE"},
    {"p-values", 0, 0, G_OPTION_ARG_NONE, &opt_p_values,
     "Add a p-value column (chi-square, 1 degree of freedom) after chi2, chi2-yates and llr",
     NULL},
    {"min-word-count", 0, 0, G_OPTION_ARG_STRING, &opt_min_word_count,
     "Leave out candidates with a word seen fewer than K times [1]", "K"},
    {"from-counts", 0, 0, G_OPTION_ARG_NONE, &opt_from_counts,
     "The FILEs are count tables (corpus-ngram, corpus-merge): unigrams, then pairs (then, "
     "for -n 3, triples), scored as the text they were counted from",
     NULL},
    {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_files, NULL, NULL},
    G_OPTION_ENTRY_NULL,
};

/* The measures and sort measure of the options (usage errors otherwise). */
static gboolean parse_measures(CorpusMeasure *measures, guint *n_measures, CorpusMeasure *sort_by,
                               GError **error)
{
    const char *list = opt_measures ? opt_measures
                                    : opt_n == 3 ? "llr,pmi,t" : "llr,pmi,npmi,t,logdice";
    if (!corpus_measure_parse_list(list, (guint)opt_n, measures, n_measures, error))
        return FALSE;
    *sort_by = measures[0];
    if (!opt_sort_by)
        return TRUE;
    if (!corpus_measure_lookup(opt_sort_by, sort_by)) {
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_USAGE,
                    "--sort-by takes one measure of --measures=all, not '%s'", opt_sort_by);
        return FALSE;
    }
    if (opt_n == 3 && !corpus_measure_has_trigram(*sort_by)) {
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_USAGE,
                    "--sort-by=%s: the measure is not defined for triples (-n 3)", opt_sort_by);
        return FALSE;
    }
    for (guint i = 0; i < *n_measures; i++) {
        if (measures[i] == *sort_by)
            return TRUE;
    }
    memmove(measures + 1, measures, *n_measures * sizeof *measures);
    measures[0] = *sort_by;
    (*n_measures)++;
    return TRUE;
}

/* Count the candidates of the text of the FILEs. */
static gboolean count_text(CorpusColloc *colloc, const CorpusTextOptions *text,
                           const CorpusTableOptions *table, const CorpusCliText *in,
                           CorpusRuns *runs, GError **error)
{
    CorpusNgramSpec spec = {
        .n_min = 1,
        .n_max = (guint)opt_n,
        .keep = text->keep_set,
        .memory = table->memory_value,
        .window = opt_n == 2 ? (guint)opt_window : 0, /* triples: adjacent n-grams */
        .stop_key = CORPUS_COLLOC_STOP_KEY,
    };
    CorpusRecOrder got;
    guint n_files = opt_files ? g_strv_length(opt_files) : 0;

    CorpusRecSource *counts =
        corpus_ngram_count(&spec, &in->tok, &in->base, (const char *const *)opt_files, n_files, runs,
                           CORPUS_ORDER_KEY, &got, error);
    return counts && corpus_colloc_add_source(colloc, counts, 0, "counts", error);
}

/* Read the count tables of --from-counts: FILE k holds the k-word keys. */
static gboolean read_tables(CorpusColloc *colloc, const CorpusTableOptions *table,
                            CorpusRuns *runs, GError **error)
{
    for (guint k = 0; k < (guint)opt_n; k++) {
        CorpusMergeSpec ms = {.mode = CORPUS_MERGE_AUTO, .memory = table->memory_value};
        const char *file = opt_files[k];
        CorpusRecOrder got;
        CorpusRecSource *src = corpus_merge_tables(&ms, &file, 1, runs, CORPUS_ORDER_KEY, &got,
                                                   error);
        g_free(ms.header);
        if (!src || !corpus_colloc_add_source(colloc, src, k + 1, file, error))
            return FALSE;
    }
    return TRUE;
}

int main(int argc, char **argv)
{
    g_autoptr(GOptionContext) ctx = NULL;
    g_auto(CorpusCliText) in = {0};
    g_autoptr(CorpusRuns) runs = NULL;
    g_autoptr(CorpusColloc) colloc = NULL;
    GError *error = NULL;
    CorpusMeasure measures[CORPUS_MEASURE_N];
    CorpusCollocSpec spec = {0};

    corpus_cli_init("corpus-colloc");
    ctx = corpus_cli_context_new(
        "[FILE...]", "Score collocations with association measures.",
        "Reads raw or tokenized text from the FILEs, or standard input when there are none or\n"
        "FILE is '-', and writes one row per candidate: its words (w1, w2, and w3 with -n 3),\n"
        "its count, the count of each word, N (the number of tokens), then one column per\n"
        "measure.  Candidates never cross a sentence.  Counting follows NLTK's\n"
        "BigramCollocationFinder.from_documents with sentences as documents (the trigram\n"
        "finder for -n 3), so the scores equal NLTK's on the same tokens.  Stop words\n"
        "(--stopwords) keep their place and their share of N; candidates that contain one are\n"
        "left out.  Candidates whose table has a negative cell or a zero marginal are left out\n"
        "with one warning that counts them.\n"
        "\n"
        "Examples:\n"
        "  corpus-colloc --top=20 corpora/news/*.txt\n"
        "  corpus-colloc --measures=all --p-values --min-count=3 corpora/news/*.txt\n"
        "  corpus-colloc --window=5 --sort-by=pmi --min-count=5 --stopwords=ar big.txt\n"
        "  corpus-ngram -n 1 shard1.txt > u1.tsv; corpus-ngram -n 2 shard1.txt > b1.tsv; ...\n"
        "  corpus-colloc --from-counts <(corpus-merge u*.tsv) <(corpus-merge b*.tsv)\n"
        "\n"
        "Exit status: 0 on success, 1 on bad input or an I/O error, 2 on bad usage.\n"
        "See corpus-colloc(1) and docs/measures.md.",
        entries);
    CorpusTextOptions *text = corpus_cli_add_text_options(ctx, CORPUS_KEEP_CONTENT, "none");
    CorpusTableOptions *table = corpus_cli_add_score_table_options(
        ctx, "Leave out candidates seen fewer than K times [1]",
        "Keep only the first K rows in --sort-by order [all]");
    int status = corpus_cli_parse(ctx, &argc, &argv, text);
    if (status >= 0)
        return status;

    if (opt_n != 2 && opt_n != 3)
        return corpus_cli_usage_errorf("invalid -n value %d (expected 2 or 3)", opt_n);
    if (opt_window == -1)
        opt_window = opt_n;
    if (opt_n == 3 && opt_window != 3)
        return corpus_cli_usage_errorf("triples (-n 3) take --window=3 only, as NLTK's "
                                       "trigram finder");
    if (opt_window < 2 || opt_window > CORPUS_WINDOW_MAX)
        return corpus_cli_usage_errorf("invalid --window value %d (expected 2 to %d)",
                                       opt_window, CORPUS_WINDOW_MAX);
    guint n_files = opt_files ? g_strv_length(opt_files) : 0;
    if (opt_from_counts && n_files != (guint)opt_n)
        return corpus_cli_usage_errorf("--from-counts takes %d count tables (unigrams, pairs%s), "
                                       "not %u",
                                       opt_n, opt_n == 3 ? ", triples" : "", n_files);
    spec.min_word_count = 1;
    if (opt_min_word_count &&
        !g_ascii_string_to_unsigned(opt_min_word_count, 10, 1, G_MAXUINT64,
                                    &spec.min_word_count, NULL))
        return corpus_cli_usage_errorf("invalid --min-word-count value '%s' (expected an "
                                       "integer from 1 to 18446744073709551615)",
                                       opt_min_word_count);
    if (!parse_measures(measures, &spec.n_measures, &spec.sort_by, &error))
        return corpus_cli_finish(NULL, error);

    if (!corpus_cli_text_open(text, &in, &error))
        return corpus_cli_finish(NULL, error);
    spec.n = (guint)opt_n;
    spec.window = (guint)opt_window;
    spec.measures = measures;
    spec.p_values = opt_p_values;
    spec.min_count = table->min_count_value;
    spec.top = table->top_value;
    /* Stop words of the text are counted under their own key; tables hold the words. */
    spec.stopwords = opt_from_counts ? in.stopwords : NULL;
    spec.jsonl = table->jsonl;
    spec.header = !table->no_header;
    spec.threads = MAX(text->n_threads, 1u);

    CorpusOut *out = corpus_out_open(table->output, &error);
    if (!out)
        return corpus_cli_finish(NULL, error);
    runs = corpus_runs_new(table->tmpdir);
    colloc = corpus_colloc_new(&spec);
    guint64 skipped = 0;
    gboolean ok = opt_from_counts
                      ? read_tables(colloc, table, runs, &error)
                      : count_text(colloc, text, table, &in, runs, &error);
    if (ok && corpus_colloc_write(colloc, out, &skipped, &error)) {
        corpus_cli_report_runs(table, runs);
        if (skipped)
            corpus_cli_message("%" G_GUINT64_FORMAT " candidate%s left out: a cell of "
                               "the table is negative or a marginal is zero",
                               skipped, skipped == 1 ? "" : "s");
    }
    return corpus_cli_finish(out, error);
}
