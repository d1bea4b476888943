/* corpus-norm: apply normalization to UTF-8 text and keep everything else byte for byte.
 * SPDX-License-Identifier: MIT */
#include <corpus/corpus.h>

static char *opt_output;
static char **opt_files;

static GOptionEntry entries[] = {
    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output,
     "Write to FILE (atomically) instead of standard output", "FILE"},
    {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_files, NULL, NULL},
    G_OPTION_ENTRY_NULL,
};

typedef struct {
    const CorpusNorm *norm;
    CorpusOut *out;
} Norm;

static gpointer worker_new(gpointer user)
{
    (void)user;
    return corpus_norm_scratch_new();
}

static void worker_free(gpointer worker)
{
    corpus_norm_scratch_free(worker);
}

static gpointer result_new(gpointer user)
{
    (void)user;
    return g_new0(CorpusBuf, 1);
}

static void result_free(gpointer result)
{
    corpus_buf_clear(result);
    g_free(result);
}

static void map(const CorpusWork *w, gpointer worker, gpointer result, gpointer user)
{
    Norm *n = user;
    CorpusBuf *b = result;

    b->len = 0;
    corpus_norm_apply(n->norm, worker, w->text, w->len, b);
}

static gboolean reduce(const CorpusWork *w, gpointer result, gpointer user, GError **error)
{
    Norm *n = user;
    const CorpusBuf *b = result;
    (void)w;
    return corpus_out_write(n->out, b->data, b->len, error);
}

int main(int argc, char **argv)
{
    g_autoptr(GOptionContext) ctx = NULL;
    g_autoptr(CorpusNorm) norm = NULL;
    GError *error = NULL;
    CorpusTextOptions *text;
    Norm n = {0};

    corpus_cli_init("corpus-norm");
    ctx = corpus_cli_context_new(
        "[FILE...]", "Normalize Arabic text, keeping its layout.",
        "Reads the FILEs, or standard input when there are none or FILE is '-', and writes\n"
        "them with the --norm steps applied.  Everything the steps do not touch (spaces,\n"
        "line ends, punctuation, Latin text) is copied byte for byte.  A byte order mark at\n"
        "the start of a file is not copied.  --keep, --docs, --stem and --stopwords are\n"
        "accepted for symmetry with the other tools and change nothing here.\n"
        "\n"
        "Examples:\n"
        "  corpus-norm article.txt\n"
        "  corpus-norm --norm=search corpora/news/*.txt > normalized.txt\n"
        "  corpus-norm --norm=diacritics,tatweel -o plain.txt vocalized.txt\n"
        "\n"
        "Exit status: 0 on success, 1 on bad input or an I/O error, 2 on bad usage.\n"
        "See corpus-norm(1) and docs/normalization.md for what each step touches.",
        entries);
    text = corpus_cli_add_text_options(ctx, "all", "none");
    int status = corpus_cli_parse(ctx, &argc, &argv, text);
    if (status >= 0)
        return status;

    norm = corpus_norm_new(text->norm_flags);
    n.norm = norm;
    n.out = corpus_out_open(opt_output, &error);
    if (!n.out)
        return corpus_cli_finish(NULL, error);

    CorpusPipelineSpec spec = {0};
    corpus_cli_pipeline_defaults(&spec, text);
    spec.user = &n;
    spec.worker_new = worker_new;
    spec.worker_free = worker_free;
    spec.result_new = result_new;
    spec.result_free = result_free;
    spec.map = map;
    spec.reduce = reduce;
    guint n_files = opt_files ? g_strv_length(opt_files) : 0;
    corpus_pipeline_run(&spec, (const char *const *)opt_files, n_files, &error);
    return corpus_cli_finish(n.out, error);
}
