/* The shared command-line layer of the corpus-* tools (see cli.h).
 * SPDX-License-Identifier: MIT */
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_version.h>
#include <utf8proc.h>

#include <corpus/cli.h>
#include <corpus/error.h>

/* Process-wide CLI state: one tool per process. */
static const char *tool_name = "corpus";
static gboolean opt_version;
static CorpusTextOptions text_options;
static const char *text_keep_default = "all";
static const char *text_stem_default = "none";
static CorpusTableOptions table_options;
static gboolean table_options_added;

/* Progress display state. */
static gint64 progress_started;
static gint64 progress_last;
static gboolean progress_shown;

void corpus_cli_init(const char *tool)
{
    tool_name = tool;
    g_set_prgname(tool);
    setlocale(LC_ALL, "");
    setlocale(LC_NUMERIC, "C");
    signal(SIGPIPE, SIG_IGN);
    corpus_out_install_signal_cleanup();
}

GOptionContext *corpus_cli_context_new(const char *parameter, const char *summary,
                                      const char *description, const GOptionEntry *entries)
{
    static const GOptionEntry version_entries[] = {
        {"version", 0, 0, G_OPTION_ARG_NONE, &opt_version,
         "Print the version of the tool and of its libraries, then exit", NULL},
        G_OPTION_ENTRY_NULL,
    };
    GOptionContext *ctx = g_option_context_new(parameter);

    g_option_context_set_summary(ctx, summary);
    g_option_context_set_description(ctx, description);
    if (entries)
        g_option_context_add_main_entries(ctx, entries, NULL);
    g_option_context_add_main_entries(ctx, version_entries, NULL);
    return ctx;
}

CorpusTextOptions *corpus_cli_add_text_options(GOptionContext *ctx, const char *default_keep,
                                               const char *default_stem)
{
    static GOptionEntry entries[] = {
        {"norm", 0, 0, G_OPTION_ARG_STRING, &text_options.norm,
         "Normalization: a profile (none, basic, search) or a comma-separated list of steps "
         "(nfkc, diacritics, tatweel, alef, yeh, teh, hamza, digits, lower, bidi) [basic]",
         "PROFILE|STEP,..."},
        {"stem", 0, 0, G_OPTION_ARG_STRING, &text_options.stem,
         NULL /* set below, with the tool's default */, "ALGORITHM"},
        {"stopwords", 0, 0, G_OPTION_ARG_FILENAME, &text_options.stopwords,
         "Stop words to leave out: none, ar (the built-in Arabic list) or a FILE with one word "
         "per line [none]",
         "none|ar|FILE"},
        {"keep", 0, 0, G_OPTION_ARG_STRING, &text_options.keep,
         "Token classes to keep: all, or a comma-separated list of word, latin, number, punct, "
         "symbol, url, email, mention, hashtag, emoji",
         "CLASSES"},
        {"on-invalid", 0, 0, G_OPTION_ARG_STRING, &text_options.on_invalid,
         "What to do with invalid UTF-8: warn (replace with U+FFFD and warn once per file), "
         "fail, replace, skip [warn]",
         "POLICY"},
        {"docs", 0, 0, G_OPTION_ARG_STRING, &text_options.docs,
         "What a document is: each file, each line, or each blank-line separated paragraph "
         "[file]",
         "file|line|para"},
        {"threads", 0, 0, G_OPTION_ARG_INT, &text_options.threads,
         "Worker threads; 0 = one per processor, at most 8 [0]; the output is the same for "
         "every value",
         "N"},
        {"progress", 0, 0, G_OPTION_ARG_NONE, &text_options.progress,
         "Show progress on standard error (automatic when it is a terminal and the run is "
         "long)",
         NULL},
        G_OPTION_ENTRY_NULL,
    };
    static char keep_help[256], stem_help[256];

    g_snprintf(keep_help, sizeof keep_help,
               "Token classes to keep: all, or a comma-separated list of word, latin, number, "
               "punct, symbol, url, email, mention, hashtag, emoji [%s]",
               default_keep);
    g_snprintf(stem_help, sizeof stem_help,
               "Stemmer for Arabic words: none, light10, light8 (light10 without the prefix "
               "\u0644\u0644), isri (as NLTK), snowball [%s]",
               default_stem);
    entries[1].description = stem_help;
    entries[3].description = keep_help;
    /* Defaults are filled in after parsing: GOption replaces a string without freeing it. */
    text_keep_default = default_keep;
    text_stem_default = default_stem;
    g_option_context_add_main_entries(ctx, entries, NULL);
    return &text_options;
}

static GOptionEntry table_entries[] = {
    {"min-count", 0, 0, G_OPTION_ARG_STRING, &table_options.min_count,
     "Leave out rows with a count below K [1]", "K"},
    {"top", 0, 0, G_OPTION_ARG_STRING, &table_options.top,
     "Keep only the K most frequent rows (ties by key bytewise), written in --sort order "
     "[all]",
     "K"},
    {"sort", 0, 0, G_OPTION_ARG_STRING, &table_options.sort,
     "Row order: count (descending, then key bytewise) or key (bytewise; what corpus-merge "
     "merges in constant memory) [count]",
     "count|key"},
    {"format", 0, 0, G_OPTION_ARG_STRING, &table_options.format,
     "Output format: tsv or jsonl [tsv]", "FORMAT"},
    {"no-header", 0, 0, G_OPTION_ARG_NONE, &table_options.no_header,
     "Leave out the TSV header line", NULL},
    {"memory", 0, 0, G_OPTION_ARG_STRING, &table_options.memory,
     "Memory for counting and sorting, with a K, M, G or T suffix (powers of 1024; at least "
     "1M); beyond it, sorted runs go to temporary files [half the physical memory]",
     "SIZE"},
    {"tmpdir", 0, 0, G_OPTION_ARG_FILENAME, &table_options.tmpdir,
     "Directory for temporary files [$TMPDIR, else /tmp]", "DIR"},
    {"verbose", 0, 0, G_OPTION_ARG_NONE, &table_options.verbose,
     "Report on standard error the memory used and the sorted runs written to temporary "
     "files",
     NULL},
    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &table_options.output,
     "Write to FILE (atomically) instead of standard output", "FILE"},
    G_OPTION_ENTRY_NULL,
};

CorpusTableOptions *corpus_cli_add_table_options(GOptionContext *ctx)
{
    g_option_context_add_main_entries(ctx, table_entries, NULL);
    table_options_added = TRUE;
    return &table_options;
}

CorpusTableOptions *corpus_cli_add_score_table_options(GOptionContext *ctx,
                                                       const char *min_count_help,
                                                       const char *top_help)
{
    static GOptionEntry entries[G_N_ELEMENTS(table_entries)];
    guint k = 0;

    for (guint i = 0; i < G_N_ELEMENTS(table_entries); i++) {
        GOptionEntry e = table_entries[i];
        if (e.long_name && strcmp(e.long_name, "sort") == 0)
            continue;
        if (e.long_name && strcmp(e.long_name, "min-count") == 0)
            e.description = min_count_help;
        if (e.long_name && strcmp(e.long_name, "top") == 0)
            e.description = top_help;
        entries[k++] = e;
    }
    g_option_context_add_main_entries(ctx, entries, NULL);
    table_options_added = TRUE;
    return &table_options;
}

static gboolean parse_count(const char *option, const char *value, guint64 min, guint64 *out,
                            GError **error)
{
    if (!g_ascii_string_to_unsigned(value, 10, min, G_MAXUINT64, out, NULL)) {
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_USAGE,
                    "invalid %s value '%s' (expected an integer from %" G_GUINT64_FORMAT
                    " to 18446744073709551615)",
                    option, value, min);
        return FALSE;
    }
    return TRUE;
}

gboolean corpus_cli_parse_format(const char *value, gboolean *jsonl, GError **error)
{
    *jsonl = g_strcmp0(value, "jsonl") == 0;
    if (*jsonl || !value || strcmp(value, "tsv") == 0)
        return TRUE;
    g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_USAGE,
                "invalid --format value '%s' (expected tsv or jsonl)", value);
    return FALSE;
}

static gboolean table_options_parse(CorpusTableOptions *o, GError **error)
{
    if (!corpus_cli_parse_format(o->format, &o->jsonl, error))
        return FALSE;
    if (!o->sort || strcmp(o->sort, "count") == 0)
        o->order = CORPUS_ORDER_COUNT;
    else if (strcmp(o->sort, "key") == 0)
        o->order = CORPUS_ORDER_KEY;
    else {
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_USAGE,
                    "invalid --sort value '%s' (expected count or key)", o->sort);
        return FALSE;
    }
    o->min_count_value = 1;
    o->top_value = 0;
    if ((o->min_count && !parse_count("--min-count", o->min_count, 1, &o->min_count_value,
                                      error)) ||
        (o->top && !parse_count("--top", o->top, 1, &o->top_value, error)))
        return FALSE;
    o->memory_value = corpus_default_memory();
    if (o->memory) {
        GError *e = NULL;
        if (!corpus_parse_size(o->memory, &o->memory_value, &e)) {
            g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_USAGE, "--memory: %s", e->message);
            g_error_free(e);
            return FALSE;
        }
        if (o->memory_value < ((size_t)1 << 20)) {
            g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_USAGE,
                        "--memory=%s is too small (at least 1M)", o->memory);
            return FALSE;
        }
    }
    if (o->tmpdir && !*o->tmpdir) {
        g_set_error_literal(error, CORPUS_ERROR, CORPUS_ERROR_USAGE, "--tmpdir is empty");
        return FALSE;
    }
    return TRUE;
}

void corpus_cli_table_spec(const CorpusTableOptions *o, CorpusTableSpec *spec)
{
    memset(spec, 0, sizeof *spec);
    spec->sort = o->order;
    spec->min_count = o->min_count_value;
    spec->top = o->top_value;
    spec->jsonl = o->jsonl;
    spec->header = !o->no_header;
    spec->memory = o->memory_value;
}

gboolean corpus_cli_text_options_parse(CorpusTextOptions *o, GError **error)
{
    if (!o->norm)
        o->norm = g_strdup("basic");
    if (!o->keep)
        o->keep = g_strdup(text_keep_default);
    if (!o->stem)
        o->stem = g_strdup(text_stem_default);
    if (!o->stopwords)
        o->stopwords = g_strdup("none");
    if (!o->on_invalid)
        o->on_invalid = g_strdup("warn");
    o->docs_given = o->docs != NULL;
    if (!o->docs)
        o->docs = g_strdup("file");
    if (!corpus_norm_parse(o->norm, &o->norm_flags, error) ||
        !corpus_stem_parse(o->stem, &o->stem_algo, error) ||
        !corpus_tok_parse_classes(o->keep, &o->keep_set, error) ||
        !corpus_utf8_parse_policy(o->on_invalid, &o->policy, error) ||
        !corpus_tok_parse_docs(o->docs, &o->docs_mode, error))
        return FALSE;
    if (o->threads < 0 || o->threads > 256) {
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_USAGE,
                    "invalid --threads value %d (expected 0 to 256)", o->threads);
        return FALSE;
    }
    o->n_threads = o->threads ? (guint)o->threads : MIN(g_get_num_processors(), 8u);
    return TRUE;
}

int corpus_cli_parse(GOptionContext *ctx, int *argc, char ***argv, CorpusTextOptions *text)
{
    g_autoptr(GError) error = NULL;

    if (!g_option_context_parse(ctx, argc, argv, &error))
        return corpus_cli_usage_error(error);
    if (opt_version)
        return corpus_cli_print_version();
    if (text && !corpus_cli_text_options_parse(text, &error))
        return corpus_cli_usage_error(error);
    if (table_options_added && !table_options_parse(&table_options, &error))
        return corpus_cli_usage_error(error);
    return -1;
}

int corpus_cli_print_version(void)
{
    printf("%s (corpus toolkit) %s\n", tool_name, corpus_version());
    printf("libcorpus %s\n", corpus_version());
    printf("utf8proc %s (Unicode %s)\n", utf8proc_version(), utf8proc_unicode_version());
    printf("GLib %u.%u.%u\n", glib_major_version, glib_minor_version, glib_micro_version);
    printf("GSL %s\n", gsl_version);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "%s: write error\n", tool_name);
        return 1;
    }
    return 0;
}

void corpus_cli_message(const char *format, ...)
{
    va_list ap;
    g_autofree char *msg = NULL;

    va_start(ap, format);
    msg = g_strdup_vprintf(format, ap);
    va_end(ap);
    if (progress_shown) {
        fputs("\r\033[K", stderr);
        progress_shown = FALSE;
    }
    fprintf(stderr, "%s: %s\n", tool_name, msg);
}

int corpus_cli_usage_error(const GError *error)
{
    corpus_cli_message("%s", error->message);
    fprintf(stderr, "Try '%s --help'.\n", tool_name);
    return 2;
}

int corpus_cli_usage_errorf(const char *format, ...)
{
    va_list ap;
    g_autofree char *msg = NULL;

    va_start(ap, format);
    msg = g_strdup_vprintf(format, ap);
    va_end(ap);
    corpus_cli_message("%s", msg);
    fprintf(stderr, "Try '%s --help'.\n", tool_name);
    return 2;
}

static void cli_warn(const char *message, gpointer user)
{
    (void)user;
    corpus_cli_message("%s", message);
}

static void format_size(char *buf, size_t size, double bytes)
{
    if (bytes >= 1e9)
        g_snprintf(buf, size, "%.2f GB", bytes / 1e9);
    else
        g_snprintf(buf, size, "%.1f MB", bytes / 1e6);
}

/* Progress on standard error: with --progress always, otherwise when standard error is a
 * terminal and the run has lasted two seconds; at most four updates a second. */
static void cli_progress(guint64 done, gint64 total, gpointer user)
{
    const CorpusTextOptions *o = &text_options;
    gint64 now = g_get_monotonic_time();
    char d[32], rate[32], line[160];

    (void)user;
    if (!progress_started)
        progress_started = now;
    if (!o->progress && (!isatty(STDERR_FILENO) || now - progress_started < 2000000))
        return;
    if (now - progress_last < 250000 && !(total > 0 && done >= (guint64)total))
        return;
    progress_last = now;
    double secs = MAX((now - progress_started) / 1e6, 1e-3);
    format_size(d, sizeof d, (double)done);
    format_size(rate, sizeof rate, done / secs);
    if (total > 0) {
        double left = done ? secs * ((double)total - (double)done) / (double)done : 0;
        g_snprintf(line, sizeof line, "%s: %s of %.1f MB (%.0f%%), %s/s, %.0f s left", tool_name,
                   d, total / 1e6, 100.0 * (double)done / (double)total, rate, left);
    } else {
        g_snprintf(line, sizeof line, "%s: %s, %s/s", tool_name, d, rate);
    }
    fprintf(stderr, "\r%s\033[K", line);
    progress_shown = TRUE;
}

void corpus_cli_pipeline_defaults(CorpusPipelineSpec *spec, const CorpusTextOptions *opts)
{
    spec->n_threads = opts->n_threads;
    spec->on_invalid = opts->policy;
    spec->warn = cli_warn;
    spec->progress = cli_progress;
}

char **corpus_cli_expand_multi(int argc, char **argv, const char *long_name,
                               const char *short_name, GPtrArray *made, int *n_out)
{
    char **out = g_new0(char *, 2 * (size_t)argc + 1);
    int n = 0;

    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], long_name) != 0 && (!short_name || strcmp(argv[i], short_name) != 0)) {
            out[n++] = argv[i];
            if (strcmp(argv[i], "--") == 0) {
                while (++i < argc)
                    out[n++] = argv[i];
            }
            continue;
        }
        int first = i + 1;
        while (i + 1 < argc && (argv[i + 1][0] != '-' || strcmp(argv[i + 1], "-") == 0))
            i++;
        if (i + 1 == first) { /* no value: leave the option for the parser to report */
            out[n++] = argv[first - 1];
            continue;
        }
        for (int k = first; k <= i; k++) {
            out[n] = g_strconcat(long_name, "=", argv[k], NULL);
            g_ptr_array_add(made, out[n++]);
        }
    }
    *n_out = n;
    return out;
}

int corpus_cli_parse_multi(GOptionContext *ctx, int *argc, char ***argv, CorpusTextOptions *text,
                           const char *long_name, const char *short_name)
{
    /* The parser keeps pointers into the arguments: they live as long as the process. */
    static GPtrArray *made;
    static char **expanded;

    made = g_ptr_array_new_with_free_func(g_free);
    expanded = corpus_cli_expand_multi(*argc, *argv, long_name, short_name, made, argc);
    *argv = expanded;
    return corpus_cli_parse(ctx, argc, argv, text);
}

gboolean corpus_cli_text_open(const CorpusTextOptions *opts, CorpusCliText *t, GError **error)
{
    GError *e = NULL;

    memset(t, 0, sizeof *t);
    t->norm = corpus_norm_new(opts->norm_flags);
    t->stopwords = corpus_stopwords_load(opts->stopwords, t->norm, &e);
    if (e) {
        g_propagate_error(error, e);
        corpus_cli_text_close(t);
        return FALSE;
    }
    t->tok.norm = t->norm;
    t->tok.docs = opts->docs_mode;
    t->tok.stem = opts->stem_algo;
    t->tok.stopwords = t->stopwords;
    corpus_cli_pipeline_defaults(&t->base, opts);
    return TRUE;
}

void corpus_cli_text_close(CorpusCliText *t)
{
    corpus_stopwords_free(t->stopwords);
    corpus_norm_free(t->norm);
    memset(t, 0, sizeof *t);
}

int corpus_cli_finish(CorpusOut *out, GError *error)
{
    int status = 0;

    if (!error && out)
        corpus_out_commit(out, &error);
    if (progress_shown) {
        fputs("\r\033[K", stderr);
        progress_shown = FALSE;
    }
    if (error) {
        if (g_error_matches(error, CORPUS_ERROR, CORPUS_ERROR_PIPE))
            status = 0;
        else if (g_error_matches(error, CORPUS_ERROR, CORPUS_ERROR_USAGE))
            status = corpus_cli_usage_error(error);
        else {
            corpus_cli_message("%s", error->message);
            status = 1;
        }
        g_error_free(error);
    }
    corpus_out_free(out);
    return status;
}

void corpus_cli_report_runs(const CorpusTableOptions *o, CorpusRuns *runs)
{
    char size[32];
    if (!o->verbose)
        return;
    if (o->memory_value >= ((size_t)1 << 30))
        g_snprintf(size, sizeof size, "%.2f GiB", (double)o->memory_value / (1u << 30));
    else
        g_snprintf(size, sizeof size, "%.1f MiB", (double)o->memory_value / (1u << 20));
    corpus_cli_message("memory %s; %u sorted runs written to temporary files; %u merge rounds "
                       "before the last",
                       size, corpus_runs_written(runs), corpus_runs_rounds(runs));
}
