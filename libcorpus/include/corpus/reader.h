/* CorpusReader: streams a file or standard input in large chunks that end at a line end.
 * Each chunk owns its bytes, so chunks can be handed to worker threads.  A chunk ends after the
 * last line end (LF, CR LF or a lone CR) of a full block; a line longer than a block is cut
 * after its last space or tab, or failing that at a character boundary (so only a run of more
 * than CORPUS_READER_BLOCK bytes without any space is cut inside).  Chunk boundaries depend only
 * on the bytes, never on how read(2) returned them, so every consumer sees the same chunks.
 * A UTF-8 byte order mark at the start of a file is skipped (offsets still count it).
 * SPDX-License-Identifier: MIT */
#ifndef CORPUS_READER_H
#define CORPUS_READER_H

#include <glib.h>

#include <corpus/export.h>

G_BEGIN_DECLS

/* Bytes read per block: 1 MiB (coreutils measured 128-256 KiB as enough for read(2) itself;
 * larger blocks amortize the per-chunk hand-off between threads). */
#define CORPUS_READER_BLOCK (1u << 20)

typedef struct CorpusReader CorpusReader;

typedef struct {
    char *data;                /* chunk bytes, owned by the chunk */
    size_t len;                /* bytes in data */
    size_t cap;                /* bytes allocated */
    guint64 offset;            /* offset of data[0] in the file (0-based, BOM counted) */
    guint64 line;              /* line number of data[0] (1-based) */
    guint64 n_line_ends;       /* line ends inside data */
    char *file_name;           /* name for messages ("<stdin>" for standard input), owned */
    guint file_index;          /* position of the file among the inputs (0-based) */
    guint64 seq;               /* position of the chunk in the whole run (0-based) */
    gboolean file_start;       /* first chunk of its file */
    gboolean file_end;         /* last chunk of its file */
    gboolean mid_line;         /* data[0] continues a line begun in the previous chunk */
    gboolean line_has_content; /* with mid_line: that line already had a non-blank byte */
} CorpusChunk;

/* Check that path can be read as text ("-" is standard input): exists, is not a directory,
 * is readable.  On failure sets CORPUS_ERROR_IO with "PATH: reason". */
CORPUS_API gboolean corpus_reader_check(const char *path, GError **error);

/* Open path ("-" = standard input).  file_index is copied into every chunk.  NULL + IO error. */
CORPUS_API CorpusReader *corpus_reader_open(const char *path, guint file_index, GError **error);
CORPUS_API void corpus_reader_free(CorpusReader *reader);

/* Size of the file in bytes, or -1 when unknown (pipes, standard input). */
CORPUS_API gint64 corpus_reader_size(const CorpusReader *reader);

/* Fill chunk (allocated with corpus_chunk_new(), reused across calls) with the next chunk.
 * Returns TRUE with a chunk, FALSE at the end (error unset) or on a read error (error set).
 * Every file yields at least one chunk, the last with file_end set (an empty file yields one
 * empty chunk).  chunk->seq is left for the caller to set. */
CORPUS_API gboolean corpus_reader_next(CorpusReader *reader, CorpusChunk *chunk, GError **error);

CORPUS_API CorpusChunk *corpus_chunk_new(void);
CORPUS_API void corpus_chunk_free(CorpusChunk *chunk);

/* Line number of data[pos]: chunk->line plus the line ends before pos. */
CORPUS_API guint64 corpus_chunk_line_at(const CorpusChunk *chunk, size_t pos);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorpusReader, corpus_reader_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorpusChunk, corpus_chunk_free)

G_END_DECLS

#endif
