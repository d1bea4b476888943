/* corpus-report: the corpus report of a set of text files: index.html (charts and tables),
 * report.json (every number) and report.md, in one folder.
 * SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include <corpus/corpus.h>

static char *opt_output;
static char **opt_reference;
static char *opt_top;
static char *opt_keywords;
static char *opt_min_count;
static char *opt_table_stopwords;
static char *opt_stems;
static char **opt_paths;

static GOptionEntry entries[] = {
    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output,
     "Write the report into folder DIR, made if missing [report]", "DIR"},
    {"reference", 'r', 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_reference,
     "A reference corpus file or folder for the keyness tables; repeat the option for more, "
     "or give them all after a bare --reference (up to the next option) [none: no keyness "
     "tables]",
     "PATH"},
    {"top", 0, 0, G_OPTION_ARG_STRING, &opt_top, "Rows of each ranked table [20]", "K"},
    {"keywords", 0, 0, G_OPTION_ARG_STRING, &opt_keywords,
     "TF-IDF keywords per input file [5]", "K"},
    {"min-count", 0, 0, G_OPTION_ARG_STRING, &opt_min_count,
     "Leave out collocations seen fewer than K times [3]", "K"},
    {"table-stopwords", 0, 0, G_OPTION_ARG_STRING, &opt_table_stopwords,
     "Stop words left out of the word tables (top words, stems, bigrams, collocations, "
     "keywords, keyness): none, ar (built-in list) or a file [ar]",
     "LIST"},
    {"stems", 0, 0, G_OPTION_ARG_STRING, &opt_stems,
     "Stemmer of the top stems table: light10, light8, isri or snowball [light10]", "ALGO"},
    {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_paths, NULL, NULL},
    G_OPTION_ENTRY_NULL,
};

/* Parse a positive count option into *v (its default when not given). */
static gboolean parse_count(const char *name, const char *s, guint64 *v)
{
    return !s || g_ascii_string_to_unsigned(s, 10, 1, G_MAXUINT32, v, NULL) ||
           (corpus_cli_usage_errorf("invalid --%s value '%s' (expected a positive integer)",
                                    name, s),
            FALSE);
}

int main(int argc, char **argv)
{
    g_autoptr(GOptionContext) ctx = NULL;
    g_auto(CorpusCliText) in = {0};
    g_autoptr(CorpusStopwords) table_stopwords = NULL;
    g_auto(GStrv) files = NULL;
    g_auto(GStrv) references = NULL;
    g_autofree char *date = NULL;
    GError *error = NULL;
    CorpusReportSpec spec = {.top = 20, .keywords = 5, .min_count = 3, .tool = "corpus-report"};

    corpus_cli_init("corpus-report");
    ctx = corpus_cli_context_new(
        "PATH...", "Write the corpus report of text files: HTML, JSON and Markdown.",
        "Reads the text files named by the PATHs (a folder: every *.txt file below it, in\n"
        "bytewise order of their paths) and writes into DIR:\n"
        "  index.html   one self-contained page: overview, Zipf, spectrum and Heaps charts,\n"
        "               top words, stems and bigrams, collocations, keywords, keyness\n"
        "  report.json  every number of the report (schema: docs/report.schema.json)\n"
        "  report.md    the same tables in Markdown\n"
        "with the inputs' sizes and SHA-256, the tool version and the options.  Each input\n"
        "file is a document.  The overview and the charts count every token the text options\n"
        "keep (--stopwords removes some); the word tables also leave out --table-stopwords.\n"
        "The same inputs and options give the same bytes; the date is written only when\n"
        "SOURCE_DATE_EPOCH is set.  Each file is replaced atomically at the end.\n"
        "\n"
        "Examples:\n"
        "  corpus-report corpora/\n"
        "  corpus-report -o news-report --top=50 --norm=search corpora/news\n"
        "  corpus-report --reference=other/ --stems=isri corpora/news\n"
        "\n"
        "Exit status: 0 on success, 1 on bad input or an I/O error, 2 on bad usage.\n"
        "See corpus-report(1) and docs/report.md.",
        entries);
    CorpusTextOptions *text = corpus_cli_add_text_options(ctx, CORPUS_KEEP_CONTENT, "none");
    int status = corpus_cli_parse_multi(ctx, &argc, &argv, text, "--reference", "-r");
    if (status >= 0)
        return status;

    if (!opt_paths || !opt_paths[0])
        return corpus_cli_usage_errorf("no input (give files or folders of *.txt files)");
    if (text->docs_mode != CORPUS_DOCS_FILE)
        return corpus_cli_usage_errorf("--docs=%s: the documents of the report are its input "
                                       "files (--docs=file)",
                                       text->docs);
    if (!parse_count("top", opt_top, &spec.top) ||
        !parse_count("keywords", opt_keywords, &spec.keywords) ||
        !parse_count("min-count", opt_min_count, &spec.min_count))
        return 2;
    if (!opt_stems)
        opt_stems = g_strdup("light10");
    if (!opt_table_stopwords)
        opt_table_stopwords = g_strdup("ar");
    if (!corpus_stem_parse(opt_stems, &spec.stems, &error))
        return corpus_cli_usage_error(error);
    if (spec.stems == CORPUS_STEM_NONE)
        return corpus_cli_usage_errorf("--stems=none: the stems table needs a stemmer");
    const char *epoch = g_getenv("SOURCE_DATE_EPOCH");
    if (epoch && !(date = corpus_report_date(epoch, &error)))
        return corpus_cli_finish(NULL, error);

    files = corpus_report_expand_paths((const char *const *)opt_paths,
                                       g_strv_length(opt_paths), &error);
    if (files && opt_reference)
        references = corpus_report_expand_paths((const char *const *)opt_reference,
                                                g_strv_length(opt_reference), &error);
    if (error)
        return corpus_cli_finish(NULL, error);
    if (!files[0] || (opt_reference && !references[0]))
        return corpus_cli_finish(NULL, g_error_new(CORPUS_ERROR, CORPUS_ERROR_IO,
                                                   "no *.txt file in the %s folders",
                                                   files[0] ? "reference" : "input"));

    if (corpus_cli_text_open(text, &in, &error))
        table_stopwords = corpus_stopwords_load(opt_table_stopwords, in.norm, &error);
    if (error)
        return corpus_cli_finish(NULL, error);

    /* The options that change the report; --threads, --progress and -o change no byte. */
    char top[24], keywords[24], min_count[24];
    g_snprintf(top, sizeof top, "%" G_GUINT64_FORMAT, spec.top);
    g_snprintf(keywords, sizeof keywords, "%" G_GUINT64_FORMAT, spec.keywords);
    g_snprintf(min_count, sizeof min_count, "%" G_GUINT64_FORMAT, spec.min_count);
    const CorpusReportOption options[] = {
        {"norm", text->norm},           {"stem", text->stem},
        {"keep", text->keep},           {"stopwords", text->stopwords},
        {"on-invalid", text->on_invalid}, {"docs", text->docs},
        {"table-stopwords", opt_table_stopwords}, {"stems", opt_stems},
        {"top", top},                   {"keywords", keywords},
        {"min-count", min_count},
    };
    spec.norm = in.norm;
    spec.stem = text->stem_algo;
    spec.keep = text->keep_set;
    spec.stopwords = in.stopwords;
    spec.table_stopwords = table_stopwords;
    spec.base = &in.base;
    spec.references = (const char *const *)references;
    spec.n_references = references ? g_strv_length(references) : 0;
    spec.options = options;
    spec.n_options = G_N_ELEMENTS(options);
    spec.date = date;
    corpus_report_write(&spec, (const char *const *)files, g_strv_length(files),
                        opt_output ? opt_output : "report", &error);
    return corpus_cli_finish(NULL, error);
}
