/* corpus-merge: sum count tables.
 * SPDX-License-Identifier: MIT */
#include <string.h>

#include <corpus/corpus.h>

static gboolean opt_sorted;
static gboolean opt_count;
static char **opt_files;

static GOptionEntry entries[] = {
    {"sorted", 0, 0, G_OPTION_ARG_NONE, &opt_sorted,
     "The inputs are key-sorted (corpus-ngram --sort=key): merge them as they stream, also "
     "from standard input or pipes; a key out of order is an error",
     NULL},
    {"count", 0, 0, G_OPTION_ARG_NONE, &opt_count,
     "Count the rows in memory (with runs beyond --memory) without looking at the order",
     NULL},
    {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_files, NULL, NULL},
    G_OPTION_ENTRY_NULL,
};

int main(int argc, char **argv)
{
    g_autoptr(GOptionContext) ctx = NULL;
    g_autoptr(CorpusRuns) runs = NULL;
    g_auto(GStrv) names = NULL;
    GError *error = NULL;
    CorpusTableOptions *table;
    CorpusMergeSpec spec = {0};

    corpus_cli_init("corpus-merge");
    ctx = corpus_cli_context_new(
        "[TABLE...]", "Sum count tables.",
        "Reads count tables (TSV: KEY<TAB>COUNT, KEY being every column but the last, with or\n"
        "without a header) from the TABLEs, or standard input when there are none or TABLE is\n"
        "'-', and writes one table with the total count of each key.  The tables must have the\n"
        "same columns.  Key-sorted tables in regular files (and any input with --sorted) are\n"
        "merged as they stream, in constant memory; others are counted within --memory, with\n"
        "sorted runs in temporary files beyond it.  A malformed line is an error naming the\n"
        "file and line.\n"
        "\n"
        "Examples:\n"
        "  corpus-merge shard-*.tsv > counts.tsv\n"
        "  corpus-merge --sort=key --no-header part1.tsv part2.tsv | corpus-merge --sorted "
        "- total.tsv\n"
        "\n"
        "Exit status: 0 on success, 1 on bad input or an I/O error, 2 on bad usage.\n"
        "See corpus-merge(1).",
        entries);
    table = corpus_cli_add_table_options(ctx);
    int status = corpus_cli_parse(ctx, &argc, &argv, NULL);
    if (status >= 0)
        return status;
    if (opt_sorted && opt_count)
        return corpus_cli_usage_errorf("--sorted and --count exclude each other");
    spec.mode = opt_sorted ? CORPUS_MERGE_SORTED : opt_count ? CORPUS_MERGE_COUNT
                                                             : CORPUS_MERGE_AUTO;
    spec.memory = table->memory_value;

    CorpusOut *out = corpus_out_open(table->output, &error);
    if (!out)
        return corpus_cli_finish(NULL, error);
    runs = corpus_runs_new(table->tmpdir);
    CorpusTableSpec ts;
    CorpusRecOrder order;
    corpus_cli_table_spec(table, &ts);
    guint n_files = opt_files ? g_strv_length(opt_files) : 0;
    CorpusRecSource *totals =
        corpus_merge_tables(&spec, (const char *const *)opt_files, n_files, runs,
                            corpus_table_source_order(&ts), &order, &error);
    if (totals) {
        /* Column names: the inputs' header, else ngram (n) count as corpus-ngram writes. */
        if (spec.header) {
            names = g_strsplit(spec.header, "\t", -1);
        } else if (spec.columns == 3) {
            names = g_strsplit("ngram\tn\tcount", "\t", -1);
        } else {
            guint cols = MAX(spec.columns, 2u);
            names = g_new0(char *, cols + 1);
            names[0] = g_strdup("ngram");
            for (guint i = 1; i + 1 < cols; i++)
                names[i] = g_strdup_printf("key%u", i + 1);
            names[cols - 1] = g_strdup("count");
        }
        ts.columns = (const char *const *)names;
        ts.n_columns = g_strv_length(names);
        if (corpus_table_write(totals, order, &ts, runs, out, &error))
            corpus_cli_report_runs(table, runs);
    }
    g_free(spec.header);
    return corpus_cli_finish(out, error);
}
