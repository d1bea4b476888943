/* CorpusCounter: counts n-grams of tokens in bounded memory.  Tokens are interned in a
 * CorpusVocab; an n-gram is a tuple of ids, kept in one open-addressing table per order with
 * 64-bit counts (unigrams use the vocabulary's own counts).  When the tables and the vocabulary
 * outgrow the memory given, corpus_counter_over() says so and corpus_counter_spill() writes
 * them as one key-sorted run and empties them.  One counter per thread.
 *
 * A key is the n-gram's tokens joined by `sep`.  Keys are ordered bytewise; the counter sorts
 * by token ranks, which gives the same order because tokens never contain a byte at or below
 * the space (with sep " ") or are single characters (with sep "").
 * SPDX-License-Identifier: MIT */
#ifndef CORPUS_COUNTER_H
#define CORPUS_COUNTER_H

#include <glib.h>

#include <corpus/export.h>
#include <corpus/runs.h>
#include <corpus/vocab.h>

G_BEGIN_DECLS

#define CORPUS_NGRAM_MAX 9
/* Widest window of pairs (CorpusCounterSpec.window): sentence runs are counted up to 255. */
#define CORPUS_WINDOW_MAX 255

typedef struct {
    guint n_min, n_max; /* orders counted, 1 <= n_min <= n_max <= CORPUS_NGRAM_MAX */
    const char *sep;    /* joins the tokens of a key: " " (words) or "" (characters) */
    size_t memory;      /* bytes for this counter, sorting included (0: no limit) */
    CorpusRuns *runs;   /* where runs go */
    guint window;       /* with n_max == 2: pairs up to window - 1 tokens apart (0, 2: adjacent) */
} CorpusCounterSpec;

typedef struct CorpusCounter CorpusCounter;

/* spec->sep and spec->runs must outlive the counter. */
CORPUS_API CorpusCounter *corpus_counter_new(const CorpusCounterSpec *spec);
CORPUS_API void corpus_counter_free(CorpusCounter *c);

/* The vocabulary that gives the ids. */
CORPUS_API CorpusVocab *corpus_counter_vocab(CorpusCounter *c);

/* Count the n-grams of two tokens or more (orders max(n_min, 2) to n_max) that end at the
 * positions [from, to) of a stream of ids: the n-gram of order n ending at i is
 * ids[i - n + 1 .. i], counted when run[i] >= n, where run[i] is the number of ids of its
 * sentence up to and including i (capped at 255).  With a window W > 2, the pairs ending at i
 * are (ids[i - d], ids[i]) for 1 <= d < W with run[i] > d.  Unigrams are the vocabulary's counts
 * (corpus_vocab_add()).  The slots of coming n-grams are prefetched, which hides most of the
 * cost of a table larger than the cache. */
CORPUS_API void corpus_counter_add_stream(CorpusCounter *c, const guint32 *ids,
                                          const guint8 *run, size_t from, size_t to);

/* TRUE when the memory given is used up: spill before adding much more. */
CORPUS_API gboolean corpus_counter_over(const CorpusCounter *c);

/* Write everything as one run, then empty the counter (ids from before are void). */
CORPUS_API gboolean corpus_counter_spill(CorpusCounter *c, GError **error);

/* Runs written by this counter. */
CORPUS_API guint corpus_counter_spills(const CorpusCounter *c);

/* The counts as a source in order.  The counter must not be used while the source lives;
 * freeing the source empties the counter. */
CORPUS_API CorpusRecSource *corpus_counter_source(CorpusCounter *c, CorpusRecOrder order);

/* Bytes the counter holds. */
CORPUS_API size_t corpus_counter_memory(const CorpusCounter *c);

/* Most worker threads: corpus_counters_source() takes one counter per thread, plus the
 * calling thread's (CORPUS_THREADS_MAX + 1 in all). */
#define CORPUS_THREADS_MAX 256

/* The counts of counters[0..k) (same spec) summed, as one source in order: the tables of every
 * counter are sorted on up to `threads` threads, then merged.  The counts must fit in memory
 * once more (the caller checks); the counters must live, unused, while the source does, and
 * freeing the source empties them. */
CORPUS_API CorpusRecSource *corpus_counters_source(CorpusCounter **counters, guint k,
                                                   CorpusRecOrder order, guint threads);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorpusCounter, corpus_counter_free)

G_END_DECLS

#endif
