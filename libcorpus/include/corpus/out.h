/* CorpusOut: buffered, checked output to standard output or, atomically, to a file.
 * With a path, bytes go to a temporary file in the same directory that corpus_out_commit()
 * renames over the path; on failure, on corpus_out_free() without commit, or on SIGINT, SIGTERM
 * or SIGHUP (see corpus_out_install_signal_cleanup()) the temporary file is removed, so an error
 * never leaves a partial file.  A path that names no regular file (a device such as /dev/null,
 * a named pipe) is written in place, never replaced.  A closed pipe on standard output gives
 * CORPUS_ERROR_PIPE.
 * SPDX-License-Identifier: MIT */
#ifndef CORPUS_OUT_H
#define CORPUS_OUT_H

#include <glib.h>

#include <corpus/buf.h>
#include <corpus/export.h>

G_BEGIN_DECLS

typedef struct CorpusOut CorpusOut;

/* Open path for writing (NULL or "-" = standard output).  NULL + CORPUS_ERROR_IO on failure. */
CORPUS_API CorpusOut *corpus_out_open(const char *path, GError **error);

/* The buffer to format into; call corpus_out_flush_if_full() after appending. */
CORPUS_API CorpusBuf *corpus_out_buf(CorpusOut *out);

/* Write the buffer out once it holds 1 MiB or more. */
CORPUS_API gboolean corpus_out_flush_if_full(CorpusOut *out, GError **error);

/* Append bytes (convenience for cold paths). */
CORPUS_API gboolean corpus_out_write(CorpusOut *out, const void *p, size_t n, GError **error);

/* Flush, close and (with a path) rename into place.  Checks every write and the close. */
CORPUS_API gboolean corpus_out_commit(CorpusOut *out, GError **error);

/* Remove the temporary file, if any, and free.  NULL is allowed. */
CORPUS_API void corpus_out_free(CorpusOut *out);

/* Install handlers for SIGINT, SIGTERM and SIGHUP that remove every temporary file of open
 * CorpusOut objects, then die of the same signal (status 128 + signal number). */
CORPUS_API void corpus_out_install_signal_cleanup(void);

/* Make a temporary directory from tmpl (as g_mkdtemp_full(tmpl, 0700): its six trailing X
 * characters are replaced) that the signal handlers remove with its files; no signal can come between making
 * and registering it.  tmpl must stay valid until corpus_temp_dir_remove().  Returns tmpl, or
 * NULL with errno set; *slot is -1 when all slots are taken (the directory is then only
 * removed by corpus_temp_dir_remove()). */
CORPUS_API char *corpus_temp_dir_make(char *tmpl, int *slot);
/* A template for corpus_temp_dir_make(): PARENT/PREFIX followed by the six characters it
 * replaces (g_free). */
CORPUS_API char *corpus_temp_dir_template(const char *parent, const char *prefix);
/* Forget slot and remove path with every file in it. */
CORPUS_API void corpus_temp_dir_remove(int slot, const char *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorpusOut, corpus_out_free)

G_END_DECLS

#endif
