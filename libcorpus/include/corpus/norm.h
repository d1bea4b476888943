/* CorpusNorm: the normalization steps and profiles of docs/normalization.md.
 * A CorpusNorm is immutable once made and may be shared by threads; the scratch space for the
 * slow path (NFKC through utf8proc) is per thread.  Code points no chosen step touches are copied
 * byte for byte; only maximal runs of non-space characters that contain a touched code point go
 * through the full (slow) path, so ASCII and undecorated Arabic letters cost a table lookup.
 * The result is a fixed point: normalizing normalized text changes nothing.
 * SPDX-License-Identifier: MIT */
#ifndef CORPUS_NORM_H
#define CORPUS_NORM_H

#include <glib.h>

#include <corpus/buf.h>
#include <corpus/export.h>

G_BEGIN_DECLS

typedef enum {
    CORPUS_NORM_NFKC = 1 << 0,       /* Unicode NFKC (folds presentation forms, NBSP, ligatures) */
    CORPUS_NORM_DIACRITICS = 1 << 1, /* delete harakat, shadda, sukun, dagger alef, Quranic marks */
    CORPUS_NORM_TATWEEL = 1 << 2,    /* delete U+0640 */
    CORPUS_NORM_ALEF = 1 << 3,       /* U+0622 U+0623 U+0625 U+0671 -> U+0627 */
    CORPUS_NORM_YEH = 1 << 4,        /* U+0649 -> U+064A */
    CORPUS_NORM_TEH = 1 << 5,        /* U+0629 -> U+0647 */
    CORPUS_NORM_HAMZA = 1 << 6,      /* U+0624 -> U+0648, U+0626 -> U+064A */
    CORPUS_NORM_DIGITS = 1 << 7,     /* U+0660-0669, U+06F0-06F9 -> 0-9 */
    CORPUS_NORM_LOWER = 1 << 8,      /* Unicode case folding */
    CORPUS_NORM_BIDI = 1 << 9,       /* delete invisible format characters (ZWNJ, ZWJ, marks) */
} CorpusNormFlags;

#define CORPUS_NORM_NONE ((CorpusNormFlags)0)
#define CORPUS_NORM_BASIC \
    ((CorpusNormFlags)(CORPUS_NORM_NFKC | CORPUS_NORM_DIACRITICS | CORPUS_NORM_TATWEEL | \
                       CORPUS_NORM_BIDI))
#define CORPUS_NORM_SEARCH \
    ((CorpusNormFlags)(CORPUS_NORM_BASIC | CORPUS_NORM_ALEF | CORPUS_NORM_YEH | CORPUS_NORM_TEH | \
                       CORPUS_NORM_HAMZA | CORPUS_NORM_DIGITS | CORPUS_NORM_LOWER))

/* Parse a --norm value: a profile (none, basic, search) or a comma-separated list of step and
 * profile names whose union is taken ("basic,alef").  CORPUS_ERROR_USAGE on an unknown name. */
CORPUS_API gboolean corpus_norm_parse(const char *spec, CorpusNormFlags *flags, GError **error);

/* Canonical comma-separated step list of flags ("none" for no step); caller frees. */
CORPUS_API char *corpus_norm_describe(CorpusNormFlags flags);

typedef struct CorpusNorm CorpusNorm;
typedef struct CorpusNormScratch CorpusNormScratch;

CORPUS_API CorpusNorm *corpus_norm_new(CorpusNormFlags flags);
CORPUS_API void corpus_norm_free(CorpusNorm *norm);
CORPUS_API CorpusNormFlags corpus_norm_flags(const CorpusNorm *norm);

/* TRUE when some chosen step may change cp, or change how it combines with its neighbours
 * (a code point with a nonzero combining class under nfkc).  Conservative: FALSE is exact. */
CORPUS_API gboolean corpus_norm_touches(const CorpusNorm *norm, gunichar cp);

CORPUS_API CorpusNormScratch *corpus_norm_scratch_new(void);
CORPUS_API void corpus_norm_scratch_free(CorpusNormScratch *scratch);

/* Append the normalized form of s[0..len) (valid UTF-8) to out.  Returns TRUE when the result
 * differs from the input.  Thread-safe with one scratch per thread. */
CORPUS_API gboolean corpus_norm_apply(const CorpusNorm *norm, CorpusNormScratch *scratch,
                                      const char *s, size_t len, CorpusBuf *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorpusNorm, corpus_norm_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorpusNormScratch, corpus_norm_scratch_free)

G_END_DECLS

#endif
