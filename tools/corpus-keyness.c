/* corpus-keyness: the keywords of a target corpus against a reference corpus (log-likelihood,
 * chi2, Log Ratio, %DIFF, BIC).
 * SPDX-License-Identifier: MIT */
#include <string.h>

#include <corpus/corpus.h>

static char **opt_reference;
static char *opt_direction;
static gboolean opt_from_counts;
static char **opt_files;

static GOptionEntry entries[] = {
    {"reference", 'r', 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_reference,
     "A file of the reference corpus ('-': standard input); repeat the option for each file, "
     "or give them all after a bare --reference (up to the next option)",
     "FILE"},
    {"direction", 0, 0, G_OPTION_ARG_STRING, &opt_direction,
     "Which keywords: pos (overused in the target, G2 descending), neg (underused, |G2| "
     "descending) or both (signed G2 descending: overused first, underused last) [both]",
     "pos|neg|both"},
    {"from-counts", 0, 0, G_OPTION_ARG_NONE, &opt_from_counts,
     "The TARGET and reference files are count tables of single words (corpus-ngram -n 1, "
     "corpus-merge), summed per corpus",
     NULL},
    {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_files, NULL, NULL},
    G_OPTION_ENTRY_NULL,
};

static guint count_stdin(char **files)
{
    guint n = 0;
    for (guint i = 0; files && files[i]; i++)
        n += strcmp(files[i], "-") == 0;
    return n;
}

/* Count the terms of files (text, or count tables with --from-counts) into one side. */
static gboolean add_corpus(CorpusKeyness *k, CorpusKeynessSide side, char **files,
                           const CorpusTextOptions *text, const CorpusTableOptions *table,
                           const CorpusCliText *in, GError **error)
{
    g_autoptr(CorpusRuns) runs = corpus_runs_new(table->tmpdir);
    const char *what = side == CORPUS_KEYNESS_TARGET ? "target" : "reference";
    guint n_files = g_strv_length(files);
    CorpusRecOrder got;
    CorpusRecSource *src;

    if (opt_from_counts) {
        CorpusMergeSpec ms = {.mode = CORPUS_MERGE_AUTO, .memory = table->memory_value};
        src = corpus_merge_tables(&ms, (const char *const *)files, n_files, runs, CORPUS_ORDER_KEY,
                                  &got, error);
        g_free(ms.header);
        if (n_files == 1)
            what = files[0];
    } else {
        CorpusNgramSpec spec = {
            .n_min = 1,
            .n_max = 1,
            .keep = text->keep_set,
            .memory = table->memory_value,
            .stop_key = CORPUS_KEYNESS_STOP_KEY,
        };
        src = corpus_ngram_count(&spec, &in->tok, &in->base, (const char *const *)files, n_files, runs,
                                 CORPUS_ORDER_KEY, &got, error);
    }
    gboolean ok = src && corpus_keyness_add(k, side, src, what, error);
    if (ok)
        corpus_cli_report_runs(table, runs);
    return ok;
}

int main(int argc, char **argv)
{
    g_autoptr(GOptionContext) ctx = NULL;
    g_auto(CorpusCliText) in = {0};
    g_autoptr(CorpusKeyness) keyness = NULL;
    GError *error = NULL;
    CorpusKeynessSpec spec = {0};

    corpus_cli_init("corpus-keyness");
    ctx = corpus_cli_context_new(
        "TARGET... --reference REF...",
        "Find the keywords of a target corpus against a reference corpus.",
        "Reads the TARGET files (raw or tokenized text; '-' is standard input) and the files\n"
        "of --reference, counts every term (a token after --norm, --stem and --keep) in each\n"
        "corpus, and writes one row per term: its frequency in the target (a) and in the\n"
        "reference (b), the sizes of the corpora in tokens (c, d), the 4-cell log-likelihood\n"
        "G2 of the 2x2 table (a, b; c - a, d - b) as AntConc computes it, signed (negative when\n"
        "a/c < b/d), with its p-value, Pearson's chi2 with its p-value (1 degree of freedom),\n"
        "Log Ratio (Hardie 2014; a zero frequency counts as 0.5), %DIFF (Gabrielatos & Marchi\n"
        "2012; empty when b = 0) and BIC (Wilson 2013: |G2| - ln(c + d)).  Terms seen in one\n"
        "corpus only are included.  Stop words count in the sizes but get no row.\n"
        "\n"
        "Examples:\n"
        "  corpus-keyness --top=50 target.txt --reference ref1.txt ref2.txt\n"
        "  corpus-keyness --direction=neg --min-count=5 t1.txt t2.txt -r r1.txt -r r2.txt\n"
        "  corpus-keyness --stem=light10 --stopwords=ar news/*.txt -r <(cat ref/*.txt)\n"
        "  corpus-keyness --from-counts target.tsv -r reference.tsv\n"
        "\n"
        "Exit status: 0 on success, 1 on bad input or an I/O error, 2 on bad usage.\n"
        "See corpus-keyness(1) and docs/keyness.md.",
        entries);
    CorpusTextOptions *text = corpus_cli_add_text_options(ctx, CORPUS_KEEP_CONTENT, "none");
    CorpusTableOptions *table = corpus_cli_add_score_table_options(
        ctx, "Leave out terms seen fewer than K times in both corpora together (a + b) [1]",
        "Keep only the first K rows in --direction order [all]");
    int status = corpus_cli_parse_multi(ctx, &argc, &argv, text, "--reference", "-r");
    if (status >= 0)
        return status;

    if (!opt_direction || strcmp(opt_direction, "both") == 0)
        spec.direction = CORPUS_KEYNESS_BOTH;
    else if (strcmp(opt_direction, "pos") == 0)
        spec.direction = CORPUS_KEYNESS_POS;
    else if (strcmp(opt_direction, "neg") == 0)
        spec.direction = CORPUS_KEYNESS_NEG;
    else
        return corpus_cli_usage_errorf("invalid --direction value '%s' (expected pos, neg or "
                                       "both)",
                                       opt_direction);
    if (!opt_files || !opt_files[0])
        return corpus_cli_usage_errorf("no target corpus (give its files, or '-' for standard "
                                       "input)");
    if (!opt_reference || !opt_reference[0])
        return corpus_cli_usage_errorf("no reference corpus (give its files with "
                                       "--reference=FILE)");
    if (count_stdin(opt_files) + count_stdin(opt_reference) > 1)
        return corpus_cli_usage_errorf("standard input ('-') can be read only once");

    if (!corpus_cli_text_open(text, &in, &error))
        return corpus_cli_finish(NULL, error);
    spec.min_count = table->min_count_value;
    spec.top = table->top_value;
    /* Stop words of the text are counted under their own key; tables hold the words. */
    spec.stopwords = opt_from_counts ? in.stopwords : NULL;
    spec.jsonl = table->jsonl;
    spec.header = !table->no_header;

    /* Every file of both corpora is checked before either is read. */
    for (char **f = opt_files; *f && !error; f++)
        corpus_reader_check(*f, &error);
    for (char **f = opt_reference; *f && !error; f++)
        corpus_reader_check(*f, &error);
    if (error)
        return corpus_cli_finish(NULL, error);

    CorpusOut *out = corpus_out_open(table->output, &error);
    if (!out)
        return corpus_cli_finish(NULL, error);
    keyness = corpus_keyness_new();
    if (add_corpus(keyness, CORPUS_KEYNESS_TARGET, opt_files, text, table, &in, &error) &&
        add_corpus(keyness, CORPUS_KEYNESS_REFERENCE, opt_reference, text, table, &in, &error))
        corpus_keyness_write(keyness, &spec, out, &error);
    return corpus_cli_finish(out, error);
}
