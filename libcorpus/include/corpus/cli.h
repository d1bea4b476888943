/* The shared command-line layer of the corpus-* tools: common text options with the same names,
 * defaults and help in every tool, usage errors (status 2), located errors (status 1), --version,
 * quiet exit on a closed pipe, and progress on standard error.
 * SPDX-License-Identifier: MIT */
#ifndef CORPUS_CLI_H
#define CORPUS_CLI_H

#include <glib.h>

#include <corpus/export.h>
#include <corpus/norm.h>
#include <corpus/out.h>
#include <corpus/pipeline.h>
#include <corpus/runs.h>
#include <corpus/stem.h>
#include <corpus/stopwords.h>
#include <corpus/table.h>
#include <corpus/tok.h>
#include <corpus/tokstream.h>
#include <corpus/utf8.h>

G_BEGIN_DECLS

/* The common text options, as given and as parsed (transparent). */
typedef struct {
    char *norm;        /* --norm */
    char *stem;        /* --stem */
    char *stopwords;   /* --stopwords: none, ar or a file */
    char *keep;        /* --keep */
    char *on_invalid;  /* --on-invalid */
    char *docs;        /* --docs */
    int threads;       /* --threads (0 = one per processor, at most 8) */
    gboolean progress; /* --progress */

    CorpusNormFlags norm_flags;
    CorpusStemAlgo stem_algo;
    CorpusTokClassSet keep_set;
    CorpusInvalidPolicy policy;
    CorpusDocsMode docs_mode;
    gboolean docs_given; /* --docs was on the command line */
    guint n_threads;
} CorpusTextOptions;

/* The --keep default of the analysis tools: every class but punct, symbol and emoji. */
#define CORPUS_KEEP_CONTENT "word,latin,number,url,email,mention,hashtag"

/* The options of the tools that write a count table (corpus-ngram, corpus-merge): row
 * selection and order, format, memory for counting and sorting, output file. */
typedef struct {
    char *output;      /* -o */
    char *format;      /* --format */
    char *sort;        /* --sort */
    char *min_count;   /* --min-count */
    char *top;         /* --top */
    char *memory;      /* --memory */
    char *tmpdir;      /* --tmpdir */
    gboolean no_header;
    gboolean verbose;  /* --verbose */

    gboolean jsonl;
    CorpusRecOrder order;
    guint64 min_count_value;
    guint64 top_value;     /* 0: all rows */
    size_t memory_value;   /* bytes */
} CorpusTableOptions;

/* Set the tool name used in every message, ignore SIGPIPE, install the -o cleanup handlers. */
CORPUS_API void corpus_cli_init(const char *tool);

/* A context with the tool's entries plus --version; summary and description show in --help. */
CORPUS_API GOptionContext *corpus_cli_context_new(const char *parameter, const char *summary,
                                                 const char *description,
                                                 const GOptionEntry *entries);

/* Add the common text options to ctx.  default_keep is the tool's --keep default ("all" for
 * corpus-tok, the content classes for analysis tools), default_stem its --stem default.  The
 * returned struct is static storage owned by the cli layer (one per process). */
CORPUS_API CorpusTextOptions *corpus_cli_add_text_options(GOptionContext *ctx,
                                                          const char *default_keep,
                                                          const char *default_stem);

/* Add the count-table options to ctx; static storage owned by the cli layer. */
CORPUS_API CorpusTableOptions *corpus_cli_add_table_options(GOptionContext *ctx);
/* The same options for a table of scored rows (corpus-colloc, corpus-keyness): all but --sort,
 * since the tool orders the rows by a score; the help of --min-count and --top says what they
 * count and keep in that tool. */
CORPUS_API CorpusTableOptions *corpus_cli_add_score_table_options(GOptionContext *ctx,
                                                                 const char *min_count_help,
                                                                 const char *top_help);

/* With --verbose, report on standard error how counting used memory and temporary files. */
CORPUS_API void corpus_cli_report_runs(const CorpusTableOptions *opts, CorpusRuns *runs);

/* The table options as a CorpusTableSpec (columns and derived column left unset). */
CORPUS_API void corpus_cli_table_spec(const CorpusTableOptions *opts, CorpusTableSpec *spec);

/* Parse a --format value of a table: tsv (or NULL, the default) or jsonl; CORPUS_ERROR_USAGE
 * naming the value otherwise. */
CORPUS_API gboolean corpus_cli_parse_format(const char *value, gboolean *jsonl, GError **error);

/* Parse the option strings into their values; CORPUS_ERROR_USAGE on a bad value. */
CORPUS_API gboolean corpus_cli_text_options_parse(CorpusTextOptions *opts, GError **error);

/* argv with every bare long_name (or short_name) that is followed by several values rewritten
 * as one long_name=VALUE each, so that `--reference A B C` gives three values: the values run
 * up to the next option (or --).  For options that take files (G_OPTION_ARG_FILENAME_ARRAY),
 * before corpus_cli_parse().  The strings of argv are borrowed and the new ones added to made
 * (which frees them); g_free the array itself. */
CORPUS_API char **corpus_cli_expand_multi(int argc, char **argv, const char *long_name,
                                          const char *short_name, GPtrArray *made, int *n_out);

/* corpus_cli_parse() of the arguments as corpus_cli_expand_multi() rewrites them for one
 * option (long_name, short_name) that takes several values after it. */
CORPUS_API int corpus_cli_parse_multi(GOptionContext *ctx, int *argc, char ***argv,
                                      CorpusTextOptions *text, const char *long_name,
                                      const char *short_name);

/* Parse the command line: on a usage error print it and return 2; with --version print the
 * versions and return 0 or 1; check the text options (text may be NULL) and the table options
 * (when added).  Returns -1 when the
 * tool should go on. */
CORPUS_API int corpus_cli_parse(GOptionContext *ctx, int *argc, char ***argv,
                                CorpusTextOptions *text);

/* Print "TOOL (corpus toolkit) VERSION" and the library versions; returns 0 or 1. */
CORPUS_API int corpus_cli_print_version(void);

/* Print "TOOL: message" and "Try 'TOOL --help'." on standard error; returns 2. */
CORPUS_API int corpus_cli_usage_error(const GError *error);
CORPUS_API int corpus_cli_usage_errorf(const char *format, ...) G_GNUC_PRINTF(1, 2);

/* Print "TOOL: message" on standard error. */
CORPUS_API void corpus_cli_message(const char *format, ...) G_GNUC_PRINTF(1, 2);

/* Fill the pipeline fields every tool sets the same way (threads, policy, warn, progress). */
CORPUS_API void corpus_cli_pipeline_defaults(CorpusPipelineSpec *spec,
                                            const CorpusTextOptions *opts);

/* What the common text options make, for a tool that reads text: the normalizer, the stop list
 * (NULL for none), and the token stream and pipeline specs (norm, docs, stem, stop words,
 * threads, invalid UTF-8 policy, warnings, progress; the callbacks are the tool's). */
typedef struct {
    CorpusNorm *norm;
    CorpusStopwords *stopwords;
    CorpusTokStreamSpec tok;
    CorpusPipelineSpec base;
} CorpusCliText;

/* Make them; a stop word file that cannot be read is an error (before any output is opened,
 * so that nothing is written). */
CORPUS_API gboolean corpus_cli_text_open(const CorpusTextOptions *opts, CorpusCliText *t,
                                         GError **error);
CORPUS_API void corpus_cli_text_close(CorpusCliText *t);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(CorpusCliText, corpus_cli_text_close)

/* End the tool: on success commit out; on error discard it and print the error (a usage error
 * adds the --help hint).  A closed pipe ends quietly.  Returns the exit status: 0, 1 or 2.
 * Takes ownership of out and error. */
CORPUS_API int corpus_cli_finish(CorpusOut *out, GError *error);

G_END_DECLS

#endif
