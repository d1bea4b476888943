/* corpus-stats: corpus statistics (sizes, lexical diversity, MTLD, Zipf and Heaps fits), the
 * frequency spectrum and the vocabulary growth curve, for the whole input or per document.
 * SPDX-License-Identifier: MIT */
#include <string.h>

#include <corpus/corpus.h>

static gboolean opt_by_doc;
static gboolean opt_spectrum;
static gboolean opt_growth;
static char *opt_growth_step;
static char *opt_format;
static gboolean opt_no_header;
static char *opt_output;
static char **opt_files;

static GOptionEntry entries[] = {
    {"by-doc", 0, 0, G_OPTION_ARG_NONE, &opt_by_doc,
     "One row per document (as --docs says), named FILE or FILE#N, instead of the whole input",
     NULL},
    {"spectrum", 0, 0, G_OPTION_ARG_NONE, &opt_spectrum,
     "Write the frequency spectrum instead: frequency, number of types with it; ascending",
     NULL},
    {"growth", 0, 0, G_OPTION_ARG_NONE, &opt_growth,
     "Write the vocabulary growth curve instead: tokens, types seen so far; at the Heaps "
     "checkpoints (floor(10^(j/10)) and N) unless --growth-step is given",
     NULL},
    {"growth-step", 0, 0, G_OPTION_ARG_STRING, &opt_growth_step,
     "With --growth, a point every K tokens, and at N (1: every token)", "K"},
    {"format", 0, 0, G_OPTION_ARG_STRING, &opt_format,
     "Output format: tsv or jsonl (the statistics as one object) [tsv]", "FORMAT"},
    {"no-header", 0, 0, G_OPTION_ARG_NONE, &opt_no_header, "Leave out the TSV header line",
     NULL},
    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output,
     "Write to FILE (atomically) instead of standard output", "FILE"},
    {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_files, NULL, NULL},
    G_OPTION_ENTRY_NULL,
};

int main(int argc, char **argv)
{
    g_autoptr(GOptionContext) ctx = NULL;
    g_auto(CorpusCliText) in = {0};
    g_autoptr(CorpusStats) stats = NULL;
    GError *error = NULL;
    CorpusStatsWriteSpec ws = {.table = CORPUS_STATS_TABLE, .header = TRUE};

    corpus_cli_init("corpus-stats");
    ctx = corpus_cli_context_new(
        "[FILE...]", "Corpus statistics: sizes, lexical diversity, Zipf and Heaps fits.",
        "Reads raw or tokenized text from the FILEs, or standard input when there are none or\n"
        "FILE is '-', and writes the statistics of the whole input as a table statistic,\n"
        "value: bytes, characters, tokens, types, sentences, documents, mean sentence length,\n"
        "TTR, hapax and dis legomena, Yule's K, Simpson's D, Herdan's C, Guiraud's R, MTLD, the\n"
        "Zipf exponent by maximum likelihood (with its standard error) and by least squares\n"
        "(with R2), and Heaps' law K, beta and R2.  Tokens are those the text options keep\n"
        "(not stop words), counted after --norm and --stem.  A value that is not defined (no\n"
        "tokens, one token, no completed MTLD factor) is left empty (null in JSON).\n"
        "\n"
        "Examples:\n"
        "  corpus-stats corpora/news/*.txt\n"
        "  corpus-stats --by-doc --docs=para --format=jsonl corpora/news/*.txt\n"
        "  corpus-stats --stem=light10 --spectrum big.txt\n"
        "  corpus-stats --growth --growth-step=1000 big.txt\n"
        "\n"
        "Exit status: 0 on success, 1 on bad input or an I/O error, 2 on bad usage.\n"
        "See corpus-stats(1) and docs/stats.md.",
        entries);
    CorpusTextOptions *text = corpus_cli_add_text_options(ctx, CORPUS_KEEP_CONTENT, "none");
    int status = corpus_cli_parse(ctx, &argc, &argv, text);
    if (status >= 0)
        return status;

    if (opt_spectrum && opt_growth)
        return corpus_cli_usage_errorf("--spectrum and --growth write different tables: give "
                                       "one of them");
    if (opt_growth_step && !opt_growth)
        return corpus_cli_usage_errorf("--growth-step goes with --growth");
    if (opt_growth_step && !g_ascii_string_to_unsigned(opt_growth_step, 10, 1, G_MAXUINT64,
                                                       &ws.growth_step, NULL))
        return corpus_cli_usage_errorf("invalid --growth-step value '%s' (expected a positive "
                                       "integer)",
                                       opt_growth_step);
    if (!corpus_cli_parse_format(opt_format, &ws.jsonl, &error))
        return corpus_cli_finish(NULL, error);
    ws.table = opt_spectrum ? CORPUS_STATS_SPECTRUM
               : opt_growth ? CORPUS_STATS_GROWTH
                            : CORPUS_STATS_TABLE;
    ws.by_doc = opt_by_doc;
    ws.header = !opt_no_header;

    if (!corpus_cli_text_open(text, &in, &error))
        return corpus_cli_finish(NULL, error);
    CorpusOut *out = corpus_out_open(opt_output, &error);
    if (!out)
        return corpus_cli_finish(NULL, error);
    CorpusStatsSpec spec = {.keep = text->keep_set, .docs = text->docs_mode};
    stats = corpus_stats_new(&spec);
    in.tok.consume = corpus_stats_consume;
    in.tok.user = stats;
    guint n_files = opt_files ? g_strv_length(opt_files) : 0;
    if (corpus_tok_stream_run(&in.tok, &in.base, (const char *const *)opt_files, n_files, &error))
        corpus_stats_write(stats, &ws, out, &error);
    return corpus_cli_finish(out, error);
}
