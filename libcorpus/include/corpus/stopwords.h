/* CorpusStopwords: a set of stop words, matched after the same normalization as the text.
 * `ar` is the built-in list of Modern Standard Arabic function words (docs/stopwords.md); a
 * FILE is UTF-8 with one word per line, `#` comments and blank lines ignored.  Immutable once
 * loaded; lookups may run on several threads at once.
 * SPDX-License-Identifier: MIT */
#ifndef CORPUS_STOPWORDS_H
#define CORPUS_STOPWORDS_H

#include <glib.h>

#include <corpus/export.h>
#include <corpus/norm.h>

G_BEGIN_DECLS

typedef struct CorpusStopwords CorpusStopwords;

/* Load a --stopwords value: "none" (NULL result, no error), "ar", or a file name.  Each word is
 * normalized with norm (NULL: as is).  A malformed file gives CORPUS_ERROR_PARSE with
 * "FILE:LINE: reason"; an unreadable one CORPUS_ERROR_IO. */
CORPUS_API CorpusStopwords *corpus_stopwords_load(const char *spec, const CorpusNorm *norm,
                                                  GError **error);
CORPUS_API void corpus_stopwords_free(CorpusStopwords *sw);

/* TRUE when word[0..len) is in the set.  NULL sw: FALSE. */
CORPUS_API gboolean corpus_stopwords_contains(const CorpusStopwords *sw, const char *word,
                                              size_t len);
CORPUS_API guint corpus_stopwords_size(const CorpusStopwords *sw);

/* The built-in Arabic list, NULL-terminated, as written (not normalized). */
CORPUS_API const char *const *corpus_stopwords_arabic(void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorpusStopwords, corpus_stopwords_free)

G_END_DECLS

#endif
