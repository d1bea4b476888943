/* The stemming algorithms on code point arrays, shared by stem.c and the unit tests.
 * SPDX-License-Identifier: MIT */
#ifndef CORPUS_STEM_PRIVATE_H
#define CORPUS_STEM_PRIVATE_H

#include <glib.h>

/* Light10 (with_ll) or Light8 (without): w[0..*n) is stemmed in place. */
void corpus_stem_light(gunichar *w, size_t *n, gboolean with_ll);
/* ISRI as NLTK 3.8's ISRIStemmer.stem(): w[0..*n) is stemmed in place. */
void corpus_stem_isri(gunichar *w, size_t *n);

#endif
