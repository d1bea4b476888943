/* Collocation candidates: pairs (or triples) of words counted inside sentences, scored with
 * association measures and written as a table sorted by one of them.  The counts are those of
 * NLTK's BigramCollocationFinder.from_documents (TrigramCollocationFinder for triples) with
 * sentences as documents: N is the number of tokens and the marginals are unigram counts.
 *
 * The scorer takes count records (key = the words joined by one space, each key once) as
 * corpus_ngram_count() or corpus_merge_tables() give them, so that scoring count tables merged
 * from shards gives exactly the scores of a direct run.
 * SPDX-License-Identifier: MIT */
#ifndef CORPUS_COLLOC_H
#define CORPUS_COLLOC_H

#include <glib.h>

#include <corpus/assoc.h>
#include <corpus/export.h>
#include <corpus/out.h>
#include <corpus/runs.h>
#include <corpus/stopwords.h>

G_BEGIN_DECLS

/* The key stop words are counted as in a direct run (CorpusNgramSpec.stop_key): a control
 * character, which no token contains, so it never meets a word. */
#define CORPUS_COLLOC_STOP_KEY "\001"

typedef struct {
    guint n;      /* 2: pairs, 3: triples */
    guint window; /* pairs: 2 (adjacent) to CORPUS_WINDOW_MAX; triples: 3 */
    const CorpusMeasure *measures;
    guint n_measures;
    gboolean p_values;              /* a p-value column after chi2, chi2-yates and llr */
    CorpusMeasure sort_by;          /* rows by this measure descending, ties by the words */
    guint64 min_count;              /* candidates seen fewer times are left out */
    guint64 min_word_count;         /* candidates with a word seen fewer times are left out */
    guint64 top;                    /* 0: every row; K: the first K */
    const CorpusStopwords *stopwords; /* candidates with a word of the list are left out */
    gboolean jsonl;                 /* JSON Lines instead of TSV */
    gboolean header;                /* TSV: the header line */
    guint threads;                  /* rows are formatted on this many threads */
} CorpusCollocSpec;

typedef struct CorpusColloc CorpusColloc;

/* spec and what it points to must outlive the scorer. */
CORPUS_API CorpusColloc *corpus_colloc_new(const CorpusCollocSpec *spec);
CORPUS_API void corpus_colloc_free(CorpusColloc *c);

/* Take the records of src (freed): unigrams and candidates (for triples also pairs), each
 * key once over all sources; `what` names the source in errors.  Keys of more than n words,
 * and keys of other than `order` words (0: any of 1 to n), are errors.  A key may end in a
 * tab and its number of words (the n column of corpus-ngram -n MIN-MAX). */
CORPUS_API gboolean corpus_colloc_add_source(CorpusColloc *c, CorpusRecSource *src,
                                             guint order, const char *what, GError **error);

/* Score every candidate and write the table.  *skipped is set to the number of candidates
 * left out because their table cannot be scored (a negative cell or a zero marginal).  A word
 * of a candidate without a unigram count is a CORPUS_ERROR_PARSE error. */
CORPUS_API gboolean corpus_colloc_write(CorpusColloc *c, CorpusOut *out, guint64 *skipped,
                                        GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorpusColloc, corpus_colloc_free)

G_END_DECLS

#endif
