/* corpus-tfidf: TF-IDF weights of the terms of each document.
 * SPDX-License-Identifier: MIT */
#include <string.h>

#include <corpus/corpus.h>

static char *opt_n;
static char *opt_tf;
static char *opt_idf;
static char *opt_unit;
static char *opt_smart;
static char *opt_min_df;
static char *opt_max_df;
static char *opt_max_features;
static char *opt_top;
static char *opt_mm;
static char *opt_df_in;
static char *opt_df_out;
static char *opt_format;
static gboolean opt_no_header;
static char *opt_output;
static char **opt_files;

static GOptionEntry entries[] = {
    {"n", 'n', 0, G_OPTION_ARG_STRING, &opt_n,
     "Terms: word n-grams of order N or MIN-MAX inside sentences, from 1 to 9 [1: the tokens]",
     "N|MIN-MAX"},
    {"tf", 0, 0, G_OPTION_ARG_STRING, &opt_tf,
     "Term frequency weight: raw, log (1 + ln tf), binary, augmented (0.5 + 0.5 tf/max tf), "
     "logave ((1 + ln tf)/(1 + ln mean tf)) [raw]",
     "WEIGHT"},
    {"idf", 0, 0, G_OPTION_ARG_STRING, &opt_idf,
     "Inverse document frequency: smooth (ln((1+N)/(1+df)) + 1), plain (ln(N/df) + 1), log "
     "(ln(N/df)), prob (max(0, ln((N-df)/df))), none [smooth]",
     "WEIGHT"},
    {"unit", 0, 0, G_OPTION_ARG_STRING, &opt_unit,
     "Row normalization: l2, l1 or none [l2]", "NORM"},
    {"smart", 0, 0, G_OPTION_ARG_STRING, &opt_smart,
     "The three weights as SMART letters (natural logarithms): tf n l a b L, df n t p, "
     "normalization n c; instead of --tf, --idf and --unit",
     "XYZ"},
    {"min-df", 0, 0, G_OPTION_ARG_STRING, &opt_min_df,
     "Leave out terms in fewer documents: a count, or a proportion with a decimal point [1]",
     "DF"},
    {"max-df", 0, 0, G_OPTION_ARG_STRING, &opt_max_df,
     "Leave out terms in more documents: a count, or a proportion with a decimal point [1.0]",
     "DF"},
    {"max-features", 0, 0, G_OPTION_ARG_STRING, &opt_max_features,
     "Keep the K terms with the largest total count (ties by term bytewise) [all]", "K"},
    {"top", 0, 0, G_OPTION_ARG_STRING, &opt_top, "Write the K best terms of each document [all]",
     "K"},
    {"mm", 0, 0, G_OPTION_ARG_FILENAME, &opt_mm,
     "Write PREFIX.mtx (Matrix Market, documents as rows), PREFIX.terms and PREFIX.docs "
     "instead of the table",
     "PREFIX"},
    {"df-in", 0, 0, G_OPTION_ARG_FILENAME, &opt_df_in,
     "Score against the document frequencies of this DF table (from --df-out, or summed by "
     "corpus-merge)",
     "FILE"},
    {"df-out", 0, 0, G_OPTION_ARG_FILENAME, &opt_df_out,
     "Also write the DF table of the input (term, df, and a <documents> row) to FILE", "FILE"},
    {"format", 0, 0, G_OPTION_ARG_STRING, &opt_format, "Output format: tsv or jsonl [tsv]",
     "FORMAT"},
    {"no-header", 0, 0, G_OPTION_ARG_NONE, &opt_no_header, "Leave out the TSV header lines",
     NULL},
    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output,
     "Write to FILE (atomically) instead of standard output", "FILE"},
    {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_files, NULL, NULL},
    G_OPTION_ENTRY_NULL,
};

static void warn(const char *message)
{
    corpus_cli_message("%s", message);
}

int main(int argc, char **argv)
{
    g_autoptr(GOptionContext) ctx = NULL;
    g_auto(CorpusCliText) in = {0};
    g_autoptr(CorpusDocTerms) terms = NULL;
    GError *error = NULL;
    CorpusTextOptions *text;
    CorpusTfidfSpec spec = {.scheme = CORPUS_TFIDF_DEFAULT,
                            .min_df = {1, FALSE},
                            .max_df = {1.0, TRUE},
                            .header = TRUE,
                            .warn = warn};
    CorpusDocTermsSpec ds = {1, 1, 0, CORPUS_DOCS_FILE};

    corpus_cli_init("corpus-tfidf");
    ctx = corpus_cli_context_new(
        "[FILE...]", "TF-IDF weights of the terms of each document.",
        "Reads raw or tokenized text from the FILEs, or standard input when there are none or\n"
        "FILE is '-'.  A document is each file (each line of standard input) unless --docs\n"
        "says otherwise.  Writes one row per document and term: doc, term, tf, df, idf, tfidf;\n"
        "documents in input order, then tfidf descending, then term bytewise.  The defaults\n"
        "give scikit-learn's TfidfVectorizer on the same tokens (raw tf, smooth idf, l2).\n"
        "\n"
        "Examples:\n"
        "  corpus-tfidf --top=5 corpora/news/*.txt\n"
        "  corpus-tfidf --docs=para --stopwords=ar --mm=news corpora/news/*.txt\n"
        "  corpus-tfidf --smart=ltc -n 1-2 corpora/news/*.txt\n"
        "\n"
        "Exit status: 0 on success, 1 on bad input or an I/O error, 2 on bad usage.",
        entries);
    text = corpus_cli_add_text_options(ctx, CORPUS_KEEP_CONTENT, "none");
    int status = corpus_cli_parse(ctx, &argc, &argv, text);
    if (status >= 0)
        return status;
    if (opt_n && !corpus_ngram_parse_orders(opt_n, &ds.n_min, &ds.n_max, &error))
        return corpus_cli_finish(NULL, error);
    if (opt_smart && (opt_tf || opt_idf || opt_unit))
        return corpus_cli_usage_errorf("--smart gives the three weights; it does not go with "
                                       "--tf, --idf or --unit");
    if ((opt_smart && !corpus_tfidf_parse_smart(opt_smart, &spec.scheme, &error)) ||
        (!opt_smart && !corpus_tfidf_parse(opt_tf, opt_idf, opt_unit, &spec.scheme, &error)) ||
        (opt_min_df && !corpus_df_limit_parse("--min-df", opt_min_df, &spec.min_df, &error)) ||
        (opt_max_df && !corpus_df_limit_parse("--max-df", opt_max_df, &spec.max_df, &error)))
        return corpus_cli_finish(NULL, error);
    if (opt_max_features && !g_ascii_string_to_unsigned(opt_max_features, 10, 1, G_MAXUINT64,
                                                        &spec.max_features, NULL))
        return corpus_cli_usage_errorf("invalid --max-features value '%s' (expected a positive "
                                       "integer)",
                                       opt_max_features);
    if (opt_top && !g_ascii_string_to_unsigned(opt_top, 10, 1, G_MAXUINT64, &spec.top, NULL))
        return corpus_cli_usage_errorf("invalid --top value '%s' (expected a positive integer)",
                                       opt_top);
    if (!corpus_cli_parse_format(opt_format, &spec.jsonl, &error))
        return corpus_cli_finish(NULL, error);
    if (opt_mm && (opt_output || opt_top || opt_format))
        return corpus_cli_usage_errorf("--mm writes the whole matrix to files of its own; it "
                                       "does not go with -o, --top or --format");
    if (opt_df_out && strcmp(opt_df_out, "-") == 0 && !opt_mm &&
        (!opt_output || strcmp(opt_output, "-") == 0))
        return corpus_cli_usage_errorf("--df-out=- and the table would both go to standard "
                                       "output: write one of them to a file");
    /* Thresholds of the same kind can be compared now, before reading anything. */
    if (spec.min_df.proportion == spec.max_df.proportion &&
        spec.min_df.value > spec.max_df.value)
        return corpus_cli_usage_errorf("--max-df=%s is below --min-df=%s: no term can be kept",
                                       opt_max_df ? opt_max_df : "1.0",
                                       opt_min_df ? opt_min_df : "1");
    spec.header = !opt_no_header;
    spec.mm_prefix = opt_mm;
    spec.df_in = opt_df_in;
    spec.df_out = opt_df_out;

    /* Reading standard input, a document is a line unless --docs says otherwise. */
    guint n_files = opt_files ? g_strv_length(opt_files) : 0;
    gboolean stdin_only = n_files == 0 || (n_files == 1 && strcmp(opt_files[0], "-") == 0);
    ds.docs = !text->docs_given && stdin_only ? CORPUS_DOCS_LINE : text->docs_mode;
    ds.keep = text->keep_set;

    if (!corpus_cli_text_open(text, &in, &error))
        return corpus_cli_finish(NULL, error);
    /* With --mm the table goes to the three files, which corpus_tfidf_write() makes itself. */
    CorpusOut *out = NULL;
    if (!opt_mm && !(out = corpus_out_open(opt_output, &error)))
        return corpus_cli_finish(NULL, error);
    terms = corpus_doc_terms_new(&ds);
    in.tok.docs = ds.docs;
    in.tok.consume = corpus_doc_terms_consume;
    in.tok.user = terms;
    if (corpus_tok_stream_run(&in.tok, &in.base, (const char *const *)opt_files, n_files, &error))
        corpus_tfidf_write(terms, &spec, out, &error);
    return corpus_cli_finish(out, error);
}
