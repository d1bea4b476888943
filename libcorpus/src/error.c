/* The CORPUS_ERROR domain and the library version.
 * SPDX-License-Identifier: MIT */
#include <corpus/error.h>

G_DEFINE_QUARK(corpus-error-quark, corpus_error)

const char *corpus_version(void)
{
    return CORPUS_VERSION;
}
