/* corpus-kwic: concordance lines (keyword in context) of a token, a token sequence or regular
 * expressions over tokens.
 * SPDX-License-Identifier: MIT */
#include <corpus/corpus.h>

static gint opt_width = 5;
static gboolean opt_regex;
static char *opt_sort = "doc";
static char *opt_max;
static char *opt_format = "tsv";
static gboolean opt_no_header;
static char *opt_output;
static char **opt_args;

static GOptionEntry entries[] = {
    {"width", 'w', 0, G_OPTION_ARG_INT, &opt_width,
     "Tokens of context on each side, inside the document (0 to 1000) [5]", "K"},
    {"regex", 'E', 0, G_OPTION_ARG_NONE, &opt_regex,
     "QUERY is GLib regular expressions, one per token, separated by spaces; each must match "
     "a whole token",
     NULL},
    {"sort", 0, 0, G_OPTION_ARG_STRING, &opt_sort,
     "Line order: doc (input order), left (by the left context, nearest token first: L1, L2, "
     "...), right (by R1, R2, ...) [doc]",
     "doc|left|right"},
    {"max", 0, 0, G_OPTION_ARG_STRING, &opt_max, "Write only the first K lines of the order [all]",
     "K"},
    {"format", 0, 0, G_OPTION_ARG_STRING, &opt_format, "Output format: tsv or jsonl [tsv]",
     "FORMAT"},
    {"no-header", 0, 0, G_OPTION_ARG_NONE, &opt_no_header, "Leave out the TSV header line", NULL},
    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output,
     "Write to FILE (atomically) instead of standard output", "FILE"},
    {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_args, NULL, NULL},
    G_OPTION_ENTRY_NULL,
};

int main(int argc, char **argv)
{
    g_autoptr(GOptionContext) ctx = NULL;
    g_auto(CorpusCliText) in = {0};
    g_autoptr(CorpusKwicQuery) query = NULL;
    g_autoptr(CorpusKwic) kwic = NULL;
    GError *error = NULL;
    CorpusKwicSpec spec = {0};

    corpus_cli_init("corpus-kwic");
    ctx = corpus_cli_context_new(
        "QUERY [FILE...]", "Concordance: every occurrence of QUERY with its context.",
        "Reads raw or tokenized text from the FILEs, or standard input when there are none or\n"
        "FILE is '-', and writes one line per occurrence of QUERY: doc (FILE, or FILE#N with\n"
        "--docs=line or para), sentence (in the document) and index (in the sentence; both\n"
        "1-based and counted as corpus-tok counts them) of the first matched token, then the\n"
        "left context, the match and the right context.  QUERY is one token or several\n"
        "separated by spaces; it is normalized, tokenized and stemmed as the text, and matched\n"
        "against the tokens that --keep keeps and that are not stop words.  The lines show the\n"
        "original text of the tokens.  Context never crosses a document; it may cross a\n"
        "sentence, and so may a match.  --sort holds every line in memory; otherwise lines\n"
        "are written as the input is read.\n"
        "\n"
        "Examples:\n"
        "  corpus-kwic الحرب corpora/news/*.txt\n"
        "  corpus-kwic --stem=light10 --norm=search --sort=right كتاب corpora/news/*.txt\n"
        "  corpus-kwic 'وزير الخارجية' --width=8 --max=20 corpora/news/*.txt\n"
        "  corpus-kwic --regex 'ال.*ية' --format=jsonl corpora/news/*.txt\n"
        "\n"
        "Exit status: 0 on success, 1 on bad input or an I/O error, 2 on bad usage.\n"
        "See corpus-kwic(1) and docs/kwic.md.",
        entries);
    CorpusTextOptions *text = corpus_cli_add_text_options(ctx, CORPUS_KEEP_CONTENT, "none");
    int status = corpus_cli_parse(ctx, &argc, &argv, text);
    if (status >= 0)
        return status;

    guint n_args = opt_args ? g_strv_length(opt_args) : 0;
    if (n_args == 0)
        return corpus_cli_usage_errorf("missing QUERY");
    if (opt_width < 0 || opt_width > CORPUS_KWIC_MAX_WIDTH)
        return corpus_cli_usage_errorf("invalid --width value %d (expected 0 to %d)", opt_width,
                                       CORPUS_KWIC_MAX_WIDTH);
    if (!corpus_kwic_parse_sort(opt_sort, &spec.sort, &error))
        return corpus_cli_finish(NULL, error);
    if (opt_max && !g_ascii_string_to_unsigned(opt_max, 10, 1, G_MAXUINT64, &spec.max, NULL))
        return corpus_cli_usage_errorf("invalid --max value '%s' (expected an integer from 1 "
                                       "to 18446744073709551615)",
                                       opt_max);
    if (!corpus_cli_parse_format(opt_format, &spec.jsonl, &error))
        return corpus_cli_finish(NULL, error);

    if (!corpus_cli_text_open(text, &in, &error))
        return corpus_cli_finish(NULL, error);
    CorpusKwicQuerySpec qspec = {
        .norm = in.norm,
        .stem = text->stem_algo,
        .stopwords = in.stopwords,
        .keep = text->keep_set,
        .regex = opt_regex,
    };
    query = corpus_kwic_query_new(opt_args[0], &qspec, &error);
    if (!query)
        return corpus_cli_finish(NULL, error);

    spec.query = query;
    spec.norm = in.norm;
    spec.keep = text->keep_set;
    spec.docs = text->docs_mode;
    spec.policy = text->policy;
    spec.width = (guint)opt_width;
    spec.header = !opt_no_header;
    CorpusOut *out = corpus_out_open(opt_output, &error);
    if (!out)
        return corpus_cli_finish(NULL, error);
    kwic = corpus_kwic_new(&spec, out);

    corpus_kwic_run(kwic, &in.tok, &in.base, (const char *const *)opt_args + 1, n_args - 1, &error);
    return corpus_cli_finish(out, error);
}
