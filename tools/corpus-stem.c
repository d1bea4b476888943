/* corpus-stem: Arabic stems in the layout of corpus-tok, or a token/stem/count table.
 * SPDX-License-Identifier: MIT */
#include <string.h>

#include <corpus/corpus.h>

static char *opt_output;
static char *opt_format;
static gboolean opt_pairs;
static gboolean opt_drop_stopwords;
static gboolean opt_no_header;
static char **opt_files;

static GOptionEntry entries[] = {
    {"pairs", 0, 0, G_OPTION_ARG_NONE, &opt_pairs,
     "Write a table of token, stem, count instead: one row per distinct token, by count "
     "(descending), then token",
     NULL},
    {"format", 0, 0, G_OPTION_ARG_STRING, &opt_format,
     "Output format: text (stems in the layout of corpus-tok), or with --pairs tsv or jsonl "
     "[text; tsv with --pairs]",
     "FORMAT"},
    {"drop-stopwords", 0, 0, G_OPTION_ARG_NONE, &opt_drop_stopwords,
     "Leave out stop words, as --stopwords does; with --stopwords=none, use the built-in "
     "Arabic list (ar)",
     NULL},
    {"no-header", 0, 0, G_OPTION_ARG_NONE, &opt_no_header, "Leave out the TSV header line", NULL},
    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output,
     "Write to FILE (atomically) instead of standard output", "FILE"},
    {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_files, NULL, NULL},
    G_OPTION_ENTRY_NULL,
};

typedef struct {
    guint64 count; /* occurrences */
    guint8 cls;    /* CorpusTokClass of the token */
} Seen;

typedef struct {
    CorpusTokClassSet keep;
    CorpusTokWriter *writer; /* text layout; NULL with --pairs */
    GHashTable *seen;        /* --pairs: token (char *) -> Seen * */
    CorpusOut *out;
} Stem;

static gboolean consume(const CorpusTokenBatch *batch, const CorpusChunk *chunk, gpointer user,
                        GError **error)
{
    Stem *s = user;
    (void)chunk;

    if (s->writer) {
        corpus_tok_writer_batch(s->writer, batch, corpus_out_buf(s->out));
        return corpus_out_flush_if_full(s->out, error);
    }
    for (size_t k = 0; k < batch->n; k++) {
        const CorpusToken *t = &batch->tokens[k];
        if (!(s->keep & (1u << t->cls)) || (t->flags & CORPUS_TOKEN_STOP))
            continue;
        g_autofree char *key = g_strndup(t->text, t->len);
        Seen *seen = g_hash_table_lookup(s->seen, key);
        if (!seen) {
            seen = g_new0(Seen, 1);
            seen->cls = t->cls;
            g_hash_table_insert(s->seen, g_steal_pointer(&key), seen);
        }
        seen->count++;
    }
    return TRUE;
}

typedef struct {
    const char *token;
    const Seen *seen;
} Row;

static gint by_count_then_token(gconstpointer a, gconstpointer b)
{
    const Row *x = a, *y = b;
    if (x->seen->count != y->seen->count)
        return x->seen->count > y->seen->count ? -1 : 1;
    return strcmp(x->token, y->token);
}

/* The --pairs table: every distinct token with its stem and count. */
static void write_pairs(Stem *s, CorpusStemAlgo algo, gboolean jsonl)
{
    g_autoptr(CorpusStemmer) stemmer = corpus_stemmer_new(algo);
    g_autoptr(GArray) rows = g_array_new(FALSE, FALSE, sizeof(Row));
    GHashTableIter it;
    gpointer key, value;
    CorpusBuf *b = corpus_out_buf(s->out);

    g_hash_table_iter_init(&it, s->seen);
    while (g_hash_table_iter_next(&it, &key, &value)) {
        Row r = {key, value};
        g_array_append_val(rows, r);
    }
    g_array_sort(rows, by_count_then_token);
    if (!jsonl && !opt_no_header)
        corpus_buf_append(b, "token\tstem\tcount\n", 17);
    for (guint i = 0; i < rows->len; i++) {
        const Row *r = &g_array_index(rows, Row, i);
        size_t len = strlen(r->token), n = len;
        const char *stem = r->token;
        if (r->seen->cls == CORPUS_TOK_WORD)
            stem = corpus_stemmer_stem(stemmer, r->token, len, &n);
        if (n == 0) { /* as in the text layout, an empty stem keeps the word */
            stem = r->token;
            n = len;
        }
        if (jsonl) {
            corpus_buf_append(b, "{\"token\":\"", 10);
            corpus_buf_put_json(b, r->token, len);
            corpus_buf_append(b, "\",\"stem\":\"", 10);
            corpus_buf_put_json(b, stem, n);
            corpus_buf_append(b, "\",\"count\":", 10);
            corpus_buf_put_u64(b, r->seen->count);
            corpus_buf_append(b, "}\n", 2);
        } else {
            corpus_buf_append(b, r->token, len);
            corpus_buf_putc(b, '\t');
            corpus_buf_append(b, stem, n);
            corpus_buf_putc(b, '\t');
            corpus_buf_put_u64(b, r->seen->count);
            corpus_buf_putc(b, '\n');
        }
    }
}

int main(int argc, char **argv)
{
    g_autoptr(GOptionContext) ctx = NULL;
    g_auto(CorpusCliText) in = {0};
    g_autoptr(CorpusTokWriter) writer = NULL;
    g_autoptr(GHashTable) seen = NULL;
    GError *error = NULL;
    CorpusTextOptions *text;
    gboolean jsonl = FALSE;
    Stem s = {0};

    corpus_cli_init("corpus-stem");
    ctx = corpus_cli_context_new(
        "[FILE...]", "Stem Arabic words: light10, light8, ISRI or Snowball.",
        "Reads raw or tokenized text from the FILEs, or standard input when there are none or\n"
        "FILE is '-', and writes the stems in the layout of corpus-tok: one sentence per line,\n"
        "tokens separated by one space, a blank line between documents.  Tokens that are not\n"
        "Arabic words pass through unchanged.  With --pairs, writes one row per distinct token\n"
        "instead: token, stem, count.\n"
        "\n"
        "Examples:\n"
        "  corpus-stem article.txt\n"
        "  corpus-stem --stem=isri --drop-stopwords corpora/news/*.txt\n"
        "  corpus-stem --pairs --keep=word corpora/news/*.txt | head\n"
        "\n"
        "Exit status: 0 on success, 1 on bad input or an I/O error, 2 on bad usage.\n"
        "See corpus-stem(1) and docs/stemming.md.",
        entries);
    text = corpus_cli_add_text_options(ctx, "all", "light10");
    int status = corpus_cli_parse(ctx, &argc, &argv, text);
    if (status >= 0)
        return status;
    if (!opt_format || g_strcmp0(opt_format, opt_pairs ? "tsv" : "text") == 0)
        jsonl = FALSE;
    else if (opt_pairs && g_strcmp0(opt_format, "jsonl") == 0)
        jsonl = TRUE;
    else
        return corpus_cli_usage_errorf("invalid --format value '%s' (expected %s)", opt_format,
                                       opt_pairs ? "tsv or jsonl" : "text; tsv and jsonl go "
                                                                   "with --pairs");
    if (opt_drop_stopwords && g_strcmp0(text->stopwords, "none") == 0) {
        g_free(text->stopwords);
        text->stopwords = g_strdup("ar");
    }

    if (!corpus_cli_text_open(text, &in, &error))
        return corpus_cli_finish(NULL, error);
    s.keep = text->keep_set;
    if (opt_pairs) {
        seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
        s.seen = seen;
    } else {
        writer = corpus_tok_writer_new(CORPUS_TOK_FORMAT_TEXT, text->docs_mode, text->keep_set,
                                       FALSE);
        s.writer = writer;
    }
    s.out = corpus_out_open(opt_output, &error);
    if (!s.out)
        return corpus_cli_finish(NULL, error);

    /* --pairs stems each distinct token once at the end, so the stream keeps the tokens. */
    if (opt_pairs)
        in.tok.stem = CORPUS_STEM_NONE;
    in.tok.consume = consume;
    in.tok.user = &s;
    guint n_files = opt_files ? g_strv_length(opt_files) : 0;
    if (corpus_tok_stream_run(&in.tok, &in.base, (const char *const *)opt_files, n_files, &error)) {
        if (opt_pairs)
            write_pairs(&s, text->stem_algo, jsonl);
        else
            corpus_tok_writer_end(writer, corpus_out_buf(s.out));
    }
    return corpus_cli_finish(s.out, error);
}
