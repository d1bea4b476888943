/* corpus-tok: split UTF-8 text into tokens, sentences and documents.
 * SPDX-License-Identifier: MIT */
#include <corpus/corpus.h>

static char *opt_output;
static char *opt_format = "text";
static gboolean opt_one_per_line;
static gboolean opt_no_header;
static char **opt_files;

static GOptionEntry entries[] = {
    {"one-per-line", '1', 0, G_OPTION_ARG_NONE, &opt_one_per_line,
     "One token per line, a blank line between sentences", NULL},
    {"format", 0, 0, G_OPTION_ARG_STRING, &opt_format,
     "Output format: text (tokenized text), tsv or jsonl (token table) [text]", "FORMAT"},
    {"no-header", 0, 0, G_OPTION_ARG_NONE, &opt_no_header, "Leave out the TSV header line",
     NULL},
    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output,
     "Write to FILE (atomically) instead of standard output", "FILE"},
    {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_files, NULL, NULL},
    G_OPTION_ENTRY_NULL,
};

typedef struct {
    CorpusTokWriter *writer;
    CorpusOut *out;
} Tok;

static gboolean consume(const CorpusTokenBatch *batch, const CorpusChunk *chunk, gpointer user,
                        GError **error)
{
    Tok *t = user;
    (void)chunk;
    corpus_tok_writer_batch(t->writer, batch, corpus_out_buf(t->out));
    return corpus_out_flush_if_full(t->out, error);
}

int main(int argc, char **argv)
{
    g_autoptr(GOptionContext) ctx = NULL;
    g_auto(CorpusCliText) in = {0};
    g_autoptr(CorpusTokWriter) writer = NULL;
    GError *error = NULL;
    CorpusTextOptions *text;
    CorpusTokFormat format;
    Tok t = {0};

    corpus_cli_init("corpus-tok");
    ctx = corpus_cli_context_new(
        "[FILE...]", "Split UTF-8 text into tokens, sentences and documents.",
        "Reads the FILEs, or standard input when there are none or FILE is '-'.\n"
        "Writes tokenized text: one sentence per line, tokens separated by one space, a blank\n"
        "line between documents.  Tokenizing tokenized text gives it back unchanged.\n"
        "\n"
        "Examples:\n"
        "  corpus-tok article.txt\n"
        "  corpus-tok -1 --keep=word corpora/news/*.txt | sort | uniq -c | sort -rn | head\n"
        "  corpus-tok --format=tsv --norm=search article.txt > tokens.tsv\n"
        "\n"
        "Exit status: 0 on success, 1 on bad input or an I/O error, 2 on bad usage.\n"
        "See corpus-tok(1) for the token classes and the table columns.",
        entries);
    text = corpus_cli_add_text_options(ctx, "all", "none");
    int status = corpus_cli_parse(ctx, &argc, &argv, text);
    if (status >= 0)
        return status;
    if (g_strcmp0(opt_format, "text") == 0)
        format = opt_one_per_line ? CORPUS_TOK_FORMAT_LINES : CORPUS_TOK_FORMAT_TEXT;
    else if (g_strcmp0(opt_format, "tsv") == 0)
        format = CORPUS_TOK_FORMAT_TSV;
    else if (g_strcmp0(opt_format, "jsonl") == 0)
        format = CORPUS_TOK_FORMAT_JSONL;
    else
        return corpus_cli_usage_errorf("invalid --format value '%s' (expected text, tsv or "
                                       "jsonl)",
                                       opt_format);
    if (opt_one_per_line && format != CORPUS_TOK_FORMAT_LINES)
        return corpus_cli_usage_errorf("--one-per-line goes with --format=text only");

    if (!corpus_cli_text_open(text, &in, &error))
        return corpus_cli_finish(NULL, error);
    writer = corpus_tok_writer_new(format, text->docs_mode, text->keep_set, !opt_no_header);
    t.writer = writer;
    t.out = corpus_out_open(opt_output, &error);
    if (!t.out)
        return corpus_cli_finish(NULL, error);
    corpus_tok_writer_begin(writer, corpus_out_buf(t.out));

    in.tok.consume = consume;
    in.tok.user = &t;
    guint n_files = opt_files ? g_strv_length(opt_files) : 0;
    if (corpus_tok_stream_run(&in.tok, &in.base, (const char *const *)opt_files, n_files, &error))
        corpus_tok_writer_end(writer, corpus_out_buf(t.out));
    return corpus_cli_finish(t.out, error);
}
