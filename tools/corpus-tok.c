/* corpus-tok: split UTF-8 text into tokens, sentences and documents.
 * SPDX-License-Identifier: MIT */
#include <corpus/corpus.h>

static char *opt_output;
static char *opt_format = "text";
static gboolean opt_one_per_line;
static char **opt_files;

static GOptionEntry entries[] = {
    {"one-per-line", '1', 0, G_OPTION_ARG_NONE, &opt_one_per_line,
     "One token per line, a blank line between sentences", NULL},
    {"format", 0, 0, G_OPTION_ARG_STRING, &opt_format,
     "Output format: text (tokenized text), tsv or jsonl (token table) [text]", "FORMAT"},
    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output,
     "Write to FILE (atomically) instead of standard output", "FILE"},
    {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_files, NULL, NULL},
    G_OPTION_ENTRY_NULL,
};

typedef enum { FMT_TEXT, FMT_LINES, FMT_TSV, FMT_JSONL } Format;

typedef struct {
    const CorpusNorm *norm;
    const CorpusTextOptions *text;
    Format format;
    CorpusOut *out;
    CorpusTokCursor cursor;
    guint64 last_doc, last_sent; /* position of the last token written */
    gboolean wrote;              /* a token was written */
} Tok;

static gpointer worker_new(gpointer user)
{
    Tok *t = user;
    return corpus_tokenizer_new(t->norm, t->text->docs_mode);
}

static void worker_free(gpointer worker)
{
    corpus_tokenizer_free(worker);
}

static gpointer batch_new(gpointer user)
{
    (void)user;
    CorpusTokenBatch *b = g_new(CorpusTokenBatch, 1);
    corpus_token_batch_init(b);
    return b;
}

static void batch_free(gpointer batch)
{
    corpus_token_batch_clear(batch);
    g_free(batch);
}

static void map(const CorpusWork *w, gpointer worker, gpointer result, gpointer user)
{
    const CorpusChunk *c = w->chunk;
    CorpusTextStart start = {c->file_start, c->mid_line, c->line_has_content};
    (void)user;
    corpus_tokenizer_run(worker, w->text, w->len, c->offset, w->anchors, &start, result);
}

/* Separator before a token of a text layout: none, a space, a line end, or a blank line. */
static void put_separator(Tok *t, CorpusBuf *b)
{
    if (!t->wrote)
        return;
    if (t->cursor.doc != t->last_doc || t->cursor.sent != t->last_sent) {
        corpus_buf_putc(b, '\n');
        if (t->format == FMT_LINES || t->cursor.doc != t->last_doc)
            corpus_buf_putc(b, '\n');
    } else {
        corpus_buf_putc(b, t->format == FMT_LINES ? '\n' : ' ');
    }
}

static void put_row(Tok *t, CorpusBuf *b, const CorpusToken *k)
{
    const CorpusTokCursor *c = &t->cursor;
    const char *cls = corpus_tok_class_name(k->cls);

    if (t->format == FMT_TSV) {
        corpus_buf_put_u64(b, c->doc);
        corpus_buf_putc(b, '\t');
        corpus_buf_put_u64(b, c->sent);
        corpus_buf_putc(b, '\t');
        corpus_buf_put_u64(b, c->index);
        corpus_buf_putc(b, '\t');
        corpus_buf_append(b, k->text, k->len);
        corpus_buf_putc(b, '\t');
        corpus_buf_append(b, cls, strlen(cls));
        corpus_buf_putc(b, '\t');
        corpus_buf_put_u64(b, k->off);
        corpus_buf_putc(b, '\t');
        corpus_buf_put_u64(b, k->raw_len);
        corpus_buf_putc(b, '\n');
        return;
    }
    corpus_buf_append(b, "{\"doc\":", 7);
    corpus_buf_put_u64(b, c->doc);
    corpus_buf_append(b, ",\"sentence\":", 12);
    corpus_buf_put_u64(b, c->sent);
    corpus_buf_append(b, ",\"index\":", 9);
    corpus_buf_put_u64(b, c->index);
    corpus_buf_append(b, ",\"token\":\"", 10);
    corpus_buf_put_json(b, k->text, k->len);
    corpus_buf_append(b, "\",\"class\":\"", 11);
    corpus_buf_append(b, cls, strlen(cls));
    corpus_buf_append(b, "\",\"offset\":", 11);
    corpus_buf_put_u64(b, k->off);
    corpus_buf_append(b, ",\"length\":", 10);
    corpus_buf_put_u64(b, k->raw_len);
    corpus_buf_append(b, "}\n", 2);
}

static gboolean reduce(const CorpusWork *w, gpointer result, gpointer user, GError **error)
{
    Tok *t = user;
    const CorpusTokenBatch *batch = result;
    CorpusBuf *b = corpus_out_buf(t->out);
    const CorpusTokClassSet keep = t->text->keep_set;
    (void)w;

    for (size_t k = 0; k < batch->n; k++) {
        const CorpusToken *tk = &batch->tokens[k];
        corpus_tok_cursor_step(&t->cursor, tk, k);
        if (!(keep & (1u << tk->cls)))
            continue;
        if (t->format == FMT_TEXT || t->format == FMT_LINES) {
            put_separator(t, b);
            corpus_buf_append(b, tk->text, tk->len);
        } else {
            put_row(t, b, tk);
        }
        t->last_doc = t->cursor.doc;
        t->last_sent = t->cursor.sent;
        t->wrote = TRUE;
    }
    corpus_tok_cursor_end_batch(&t->cursor, batch);
    return corpus_out_flush_if_full(t->out, error);
}

int main(int argc, char **argv)
{
    g_autoptr(GOptionContext) ctx = NULL;
    g_autoptr(CorpusNorm) norm = NULL;
    GError *error = NULL;
    CorpusTextOptions *text;
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
    text = corpus_cli_add_text_options(ctx, "all");
    int status = corpus_cli_parse(ctx, &argc, &argv, text);
    if (status >= 0)
        return status;
    if (g_strcmp0(opt_format, "text") == 0)
        t.format = opt_one_per_line ? FMT_LINES : FMT_TEXT;
    else if (g_strcmp0(opt_format, "tsv") == 0)
        t.format = FMT_TSV;
    else if (g_strcmp0(opt_format, "jsonl") == 0)
        t.format = FMT_JSONL;
    else
        return corpus_cli_usage_errorf("invalid --format value '%s' (expected text, tsv or "
                                       "jsonl)",
                                       opt_format);
    if (opt_one_per_line && t.format != FMT_LINES)
        return corpus_cli_usage_errorf("--one-per-line goes with --format=text only");

    norm = corpus_norm_new(text->norm_flags);
    t.norm = norm;
    t.text = text;
    corpus_tok_cursor_init(&t.cursor, text->docs_mode);
    t.out = corpus_out_open(opt_output, &error);
    if (!t.out)
        return corpus_cli_finish(NULL, error);
    if (t.format == FMT_TSV)
        corpus_buf_append(corpus_out_buf(t.out),
                          "doc\tsentence\tindex\ttoken\tclass\toffset\tlength\n", 45);

    CorpusPipelineSpec spec = {0};
    corpus_cli_pipeline_defaults(&spec, text);
    spec.user = &t;
    spec.worker_new = worker_new;
    spec.worker_free = worker_free;
    spec.result_new = batch_new;
    spec.result_free = batch_free;
    spec.map = map;
    spec.reduce = reduce;
    guint n_files = opt_files ? g_strv_length(opt_files) : 0;
    if (corpus_pipeline_run(&spec, (const char *const *)opt_files, n_files, &error) &&
        t.wrote && (t.format == FMT_TEXT || t.format == FMT_LINES))
        corpus_out_write(t.out, "\n", 1, &error);
    return corpus_cli_finish(t.out, error);
}
