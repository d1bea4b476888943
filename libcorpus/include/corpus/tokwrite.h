/* CorpusTokWriter: writes token batches as tokenized text, one token per line, or a token table
 * (TSV or JSON Lines), numbering documents, sentences and tokens with a CorpusTokCursor.
 * Tokenized text: one sentence per line, tokens separated by one space, a blank line between
 * documents.  One token per line: a blank line between sentences.  Table columns: doc,
 * sentence, index, token, class, offset, length.  Tokens outside the kept classes and stop
 * words are counted (numbers stay the same whatever --keep and --stopwords select) but not
 * written.
 * SPDX-License-Identifier: MIT */
#ifndef CORPUS_TOKWRITE_H
#define CORPUS_TOKWRITE_H

#include <glib.h>

#include <corpus/buf.h>
#include <corpus/export.h>
#include <corpus/tok.h>

G_BEGIN_DECLS

typedef enum {
    CORPUS_TOK_FORMAT_TEXT,  /* tokenized text */
    CORPUS_TOK_FORMAT_LINES, /* one token per line */
    CORPUS_TOK_FORMAT_TSV,   /* token table, tab-separated, with a header line */
    CORPUS_TOK_FORMAT_JSONL, /* token table, one JSON object per line */
} CorpusTokFormat;

typedef struct CorpusTokWriter CorpusTokWriter;

CORPUS_API CorpusTokWriter *corpus_tok_writer_new(CorpusTokFormat format, CorpusDocsMode docs,
                                                  CorpusTokClassSet keep, gboolean header);
CORPUS_API void corpus_tok_writer_free(CorpusTokWriter *w);

/* Append the header (TSV with header only) to out. */
CORPUS_API void corpus_tok_writer_begin(CorpusTokWriter *w, CorpusBuf *out);
/* Append the kept tokens of the next batch (batches in input order). */
CORPUS_API void corpus_tok_writer_batch(CorpusTokWriter *w, const CorpusTokenBatch *batch,
                                        CorpusBuf *out);
/* Append what ends the output (the last line end of a text layout). */
CORPUS_API void corpus_tok_writer_end(CorpusTokWriter *w, CorpusBuf *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorpusTokWriter, corpus_tok_writer_free)

G_END_DECLS

#endif
