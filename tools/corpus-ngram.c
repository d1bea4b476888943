/* corpus-ngram: count word or character n-grams, in bounded memory.
 * SPDX-License-Identifier: MIT */
#include <string.h>

#include <corpus/corpus.h>

static char *opt_n;
static gboolean opt_chars;
static gboolean opt_pad;
static gboolean opt_marks;
static gint opt_window = -1; /* -1: not given */
static char **opt_files;

static GOptionEntry entries[] = {
    {"n", 'n', 0, G_OPTION_ARG_STRING, &opt_n,
     "Order: N, or a range MIN-MAX, from 1 to 9 [1]; a range adds an n column", "N|MIN-MAX"},
    {"chars", 0, 0, G_OPTION_ARG_NONE, &opt_chars,
     "Count character n-grams inside each token instead of word n-grams", NULL},
    {"pad", 0, 0, G_OPTION_ARG_NONE, &opt_pad,
     "With --chars: mark the start and end of each token with ^ and $", NULL},
    {"window", 0, 0, G_OPTION_ARG_INT, &opt_window,
     "With -n 2 or 1-2: count the pairs of words at most W-1 apart in a sentence, as NLTK's "
     "window_size (the counts corpus-colloc --window=W scores) [2]",
     "W"},
    {"sentence-marks", 0, 0, G_OPTION_ARG_NONE, &opt_marks,
     "Add one <s> before and one </s> after each sentence, as SRILM does", NULL},
    {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_files, NULL, NULL},
    G_OPTION_ENTRY_NULL,
};

static guint order_of(const char *key, size_t len, gpointer user)
{
    return corpus_ngram_order(key, len, GPOINTER_TO_INT(user));
}

int main(int argc, char **argv)
{
    g_autoptr(GOptionContext) ctx = NULL;
    g_auto(CorpusCliText) in = {0};
    g_autoptr(CorpusRuns) runs = NULL;
    GError *error = NULL;
    CorpusTextOptions *text;
    CorpusTableOptions *table;
    CorpusNgramSpec spec = {0};

    corpus_cli_init("corpus-ngram");
    ctx = corpus_cli_context_new(
        "[FILE...]", "Count word or character n-grams.",
        "Reads raw or tokenized text from the FILEs, or standard input when there are none or\n"
        "FILE is '-', and writes a count table: ngram (its tokens joined by one space), then\n"
        "count; with a range of orders, an n column after ngram.  Word n-grams never cross a\n"
        "sentence or a document; tokens left out by --keep or --stopwords are skipped, so an\n"
        "n-gram joins the tokens around them.  Beyond --memory, sorted runs go to temporary\n"
        "files and are merged; the output is the same for every --memory and --threads.\n"
        "\n"
        "Examples:\n"
        "  corpus-ngram --keep=word --top=20 corpora/news/*.txt\n"
        "  corpus-ngram -n 2 --stem=light10 --stopwords=ar corpora/news/*.txt\n"
        "  corpus-ngram -n 1-3 --sort=key --memory=512M big.txt > counts.tsv\n"
        "  corpus-ngram --chars --pad -n 3 corpora/news/*.txt | head\n"
        "\n"
        "Exit status: 0 on success, 1 on bad input or an I/O error, 2 on bad usage.\n"
        "See corpus-ngram(1).",
        entries);
    text = corpus_cli_add_text_options(ctx, CORPUS_KEEP_CONTENT, "none");
    table = corpus_cli_add_table_options(ctx);
    int status = corpus_cli_parse(ctx, &argc, &argv, text);
    if (status >= 0)
        return status;
    spec.n_min = spec.n_max = 1;
    if (opt_n && !corpus_ngram_parse_orders(opt_n, &spec.n_min, &spec.n_max, &error))
        return corpus_cli_finish(NULL, error);
    if (opt_pad && !opt_chars)
        return corpus_cli_usage_errorf("--pad goes with --chars");
    if (opt_marks && opt_chars)
        return corpus_cli_usage_errorf("--sentence-marks counts words; it does not go with "
                                       "--chars");
    if (opt_window != -1 && (opt_window < 2 || opt_window > CORPUS_WINDOW_MAX))
        return corpus_cli_usage_errorf("invalid --window value %d (expected 2 to %d)",
                                       opt_window, CORPUS_WINDOW_MAX);
    if (opt_window != -1 && (spec.n_max != 2 || opt_chars))
        return corpus_cli_usage_errorf("--window counts pairs of words: it goes with -n 2 or "
                                       "-n 1-2");
    spec.window = opt_window == -1 ? 0 : (guint)opt_window;
    spec.chars = opt_chars;
    spec.pad = opt_pad;
    spec.sentence_marks = opt_marks;
    spec.keep = text->keep_set;
    spec.memory = table->memory_value;

    if (!corpus_cli_text_open(text, &in, &error))
        return corpus_cli_finish(NULL, error);
    CorpusOut *out = corpus_out_open(table->output, &error);
    if (!out)
        return corpus_cli_finish(NULL, error);
    runs = corpus_runs_new(table->tmpdir);

    static const char *const columns[] = {"ngram", "count"};
    CorpusTableSpec ts;
    CorpusRecOrder order;
    corpus_cli_table_spec(table, &ts);
    guint n_files = opt_files ? g_strv_length(opt_files) : 0;
    CorpusRecSource *counts =
        corpus_ngram_count(&spec, &in.tok, &in.base, (const char *const *)opt_files, n_files, runs,
                           corpus_table_source_order(&ts), &order, &error);
    if (counts) {
        ts.columns = columns;
        ts.n_columns = 2;
        if (spec.n_min != spec.n_max) {
            ts.derived_name = "n";
            ts.derived = order_of;
            ts.derived_user = GINT_TO_POINTER(spec.chars);
        }
        if (corpus_table_write(counts, order, &ts, runs, out, &error))
            corpus_cli_report_runs(table, runs);
    }
    return corpus_cli_finish(out, error);
}
