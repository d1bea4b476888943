/* N-gram counting over the token stream: word n-grams inside sentences (never across a
 * sentence or document), or character n-grams inside tokens; counted per thread in bounded
 * memory and merged into one key-ordered stream, identical for every number of threads and
 * every memory budget.
 * SPDX-License-Identifier: MIT */
#ifndef CORPUS_NGRAM_H
#define CORPUS_NGRAM_H

#include <glib.h>

#include <corpus/counter.h>
#include <corpus/export.h>
#include <corpus/runs.h>
#include <corpus/tokstream.h>

G_BEGIN_DECLS

/* Sentence marks (--sentence-marks) and character padding (--pad). */
#define CORPUS_NGRAM_BOS "<s>"
#define CORPUS_NGRAM_EOS "</s>"
#define CORPUS_NGRAM_PAD_START "^"
#define CORPUS_NGRAM_PAD_END "$"

typedef struct {
    guint n_min, n_max;      /* 1 <= n_min <= n_max <= CORPUS_NGRAM_MAX */
    gboolean chars;          /* character n-grams inside each token, not word n-grams */
    gboolean pad;            /* with chars: ^ before and $ after each token */
    gboolean sentence_marks; /* words: one <s> before and one </s> after each sentence */
    CorpusTokClassSet keep;  /* token classes counted (stop words never are) */
    size_t memory;           /* bytes for counting, over all threads (0: no limit) */
    guint window;            /* -n 2 (or 1-2): pairs up to window - 1 words apart (0, 2: adjacent) */
    /* Stop words are counted as this key, which no token can be, instead of being jumped over
     * (NULL: jumped over), so that they keep their positions and their share of the tokens. */
    const char *stop_key;
} CorpusNgramSpec;

/* Count the n-grams of files[0..n_files).  tok gives the text options (norm, docs, stem,
 * stopwords; its callbacks are ignored), base the pipeline options (threads, invalid UTF-8,
 * warnings, progress).  Tables that outgrow the memory go to runs.  Returns every n-gram with
 * its count, each once, or NULL with the error.  The records come in order `want` when the
 * counts fit in memory, else in key order: *got says which.  The source must be freed before
 * runs. */
CORPUS_API CorpusRecSource *corpus_ngram_count(const CorpusNgramSpec *spec,
                                               const CorpusTokStreamSpec *tok,
                                               const CorpusPipelineSpec *base,
                                               const char *const *files, guint n_files,
                                               CorpusRuns *runs, CorpusRecOrder want,
                                               CorpusRecOrder *got, GError **error);

/* Parse -n: "N" or "MIN-MAX" with 1 <= MIN <= MAX <= CORPUS_NGRAM_MAX; CORPUS_ERROR_USAGE
 * naming the value otherwise. */
CORPUS_API gboolean corpus_ngram_parse_orders(const char *s, guint *lo, guint *hi,
                                              GError **error);

/* Number of tokens of a key: spaces + 1 for word n-grams, characters for character n-grams. */
CORPUS_API guint corpus_ngram_order(const char *key, size_t len, gboolean chars);

G_END_DECLS

#endif
