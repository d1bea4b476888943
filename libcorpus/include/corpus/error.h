/* Error domain of libcorpus.  A call that can fail for outside reasons takes GError **error last
 * and sets exactly one error; the library never prints and never exits.
 * SPDX-License-Identifier: MIT */
#ifndef CORPUS_ERROR_H
#define CORPUS_ERROR_H

#include <glib.h>

#include <corpus/export.h>

G_BEGIN_DECLS

#define CORPUS_ERROR (corpus_error_quark())

typedef enum {
    CORPUS_ERROR_INVALID_UTF8, /* input is not UTF-8 and --on-invalid=fail */
    CORPUS_ERROR_PARSE,        /* malformed input table, option value or file */
    CORPUS_ERROR_IO,           /* open, read, write, rename failed */
    CORPUS_ERROR_LIMIT,        /* out of memory or a documented size limit */
    CORPUS_ERROR_USAGE,        /* bad option value: the tools exit with status 2 */
    CORPUS_ERROR_PIPE,         /* the reader of standard output went away: quiet exit 0 */
} CorpusErrorCode;

CORPUS_API GQuark corpus_error_quark(void);

/* Library version string, e.g. "0.1.0"; static storage. */
CORPUS_API const char *corpus_version(void);

G_END_DECLS

#endif
