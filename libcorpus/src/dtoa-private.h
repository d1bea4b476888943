/* The shortest decimal digits of a double, for corpus_buf_put_double().
 * SPDX-License-Identifier: MIT */
#ifndef CORPUS_DTOA_PRIVATE_H
#define CORPUS_DTOA_PRIVATE_H

#include <glib.h>

/* The shortest decimal that reads back as v (round to nearest, ties to even, as strtod does),
 * and among the decimals of that length the nearest to v, the one with an even last digit on a
 * tie: the digits of Python's repr(float).  v is finite and not zero; its sign is ignored.
 * Writes the significant digits d1 d2 ... dP as ASCII, without a NUL and without trailing
 * zeros, to digits[0..P) and the decimal exponent of d1 to *exponent, so that |v| reads back
 * from d1.d2...dP x 10^exponent.  Returns P, from 1 to 17.  Thread-safe. */
int corpus_dtoa_shortest(double v, char digits[17], int *exponent);

#endif
