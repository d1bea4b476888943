/* CorpusStemmer: Arabic stemmers behind one interface (docs/stemming.md).
 *   light10  Larkey, Ballesteros & Connell, as the Lemur reference code does it
 *   light8   light10 without the prefix لل
 *   isri     the ISRI stemmer exactly as NLTK 3.8's ISRIStemmer
 *   snowball the Snowball Arabic stemmer (Debian's libstemmer)
 * Each stemmer applies the normalization it needs itself.  Words without a code point of the
 * Arabic block or the Arabic presentation forms are returned unchanged.  A stem can be empty (a word of tatweel or marks only, for instance);
 * callers that write tokens keep the word then.  Results are memoized per
 * distinct word; a stemmer is for one thread (make one per thread).
 * SPDX-License-Identifier: MIT */
#ifndef CORPUS_STEM_H
#define CORPUS_STEM_H

#include <glib.h>

#include <corpus/export.h>

G_BEGIN_DECLS

typedef enum {
    CORPUS_STEM_NONE,
    CORPUS_STEM_LIGHT10,
    CORPUS_STEM_LIGHT8,
    CORPUS_STEM_ISRI,
    CORPUS_STEM_SNOWBALL,
} CorpusStemAlgo;

/* Parse a --stem value: none, light10, light8, isri or snowball. */
CORPUS_API gboolean corpus_stem_parse(const char *name, CorpusStemAlgo *algo, GError **error);
CORPUS_API const char *corpus_stem_name(CorpusStemAlgo algo);

typedef struct CorpusStemmer CorpusStemmer;

CORPUS_API CorpusStemmer *corpus_stemmer_new(CorpusStemAlgo algo);
CORPUS_API void corpus_stemmer_free(CorpusStemmer *s);

/* The stem of word[0..len) (valid UTF-8); sets *stem_len.  The result is a view owned by the
 * stemmer, valid until the next call. */
CORPUS_API const char *corpus_stemmer_stem(CorpusStemmer *s, const char *word, size_t len,
                                           size_t *stem_len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorpusStemmer, corpus_stemmer_free)

G_END_DECLS

#endif
