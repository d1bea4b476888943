/* Character predicates that the normalizer and the tokenizer share.
 * SPDX-License-Identifier: MIT */
#ifndef CORPUS_NORM_PRIVATE_H
#define CORPUS_NORM_PRIVATE_H

#include <glib.h>

/* Unicode White_Space, plus NUL and the C0 separators U+001C-001F (as Python's str.split). */
gboolean corpus_norm_is_space(gunichar c);
/* Code points deleted by the diacritics step. */
gboolean corpus_norm_is_diacritic(gunichar c);
/* Code points deleted by the bidi step: ZWNJ, ZWJ (except inside an emoji sequence), LRM,
 * RLM, ALM, embeddings and overrides, isolates, U+FEFF. */
gboolean corpus_norm_is_invisible(gunichar c);

#endif
