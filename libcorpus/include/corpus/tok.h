/* CorpusTokenizer: token classes, sentences and documents (docs/tokenization.md).
 * The tokenizer finds token spans in the original bytes, normalizes each token that a chosen
 * step touches, and re-splits the normalized text when normalization changed it (NFKC can
 * expand a ligature into words), so the tokens are those of the normalized text while offsets
 * and lengths point into the original input.  Tokenizing tokenized output gives it back.
 * One tokenizer per thread; the CorpusNorm it uses may be shared.
 * SPDX-License-Identifier: MIT */
#ifndef CORPUS_TOK_H
#define CORPUS_TOK_H

#include <glib.h>

#include <corpus/buf.h>
#include <corpus/export.h>
#include <corpus/norm.h>

G_BEGIN_DECLS

typedef enum {
    CORPUS_TOK_WORD,    /* Arabic-script letters, with marks and tatweel */
    CORPUS_TOK_LATIN,   /* letters of any other script, with digits after the first letter */
    CORPUS_TOK_NUMBER,  /* digits of any script, with separators between digits */
    CORPUS_TOK_PUNCT,   /* punctuation; a run of one repeated character is one token */
    CORPUS_TOK_SYMBOL,  /* symbols, U+FFFD and stray marks; repeated runs as for punct */
    CORPUS_TOK_URL,     /* scheme://..., www...., host.tld/path */
    CORPUS_TOK_EMAIL,   /* local@host.tld */
    CORPUS_TOK_MENTION, /* @name */
    CORPUS_TOK_HASHTAG, /* #name, with underscores */
    CORPUS_TOK_EMOJI,   /* pictographic sequences */
    CORPUS_TOK_N_CLASSES
} CorpusTokClass;

typedef guint32 CorpusTokClassSet; /* bit (1 << class) per class */

#define CORPUS_TOK_ALL ((CorpusTokClassSet)((1u << CORPUS_TOK_N_CLASSES) - 1))
/* What the analysis tools keep by default: everything but punct, symbol and emoji. */
#define CORPUS_TOK_CONTENT \
    (CORPUS_TOK_ALL & ~((1u << CORPUS_TOK_PUNCT) | (1u << CORPUS_TOK_SYMBOL) | \
                        (1u << CORPUS_TOK_EMOJI)))

/* Name of a class ("word", "latin", ...); static storage. */
CORPUS_API const char *corpus_tok_class_name(CorpusTokClass cls);

/* Parse a --keep value: "all" or a comma-separated list of class names. */
CORPUS_API gboolean corpus_tok_parse_classes(const char *spec, CorpusTokClassSet *set,
                                             GError **error);

typedef enum {
    CORPUS_DOCS_FILE, /* each input file is a document */
    CORPUS_DOCS_LINE, /* each line is a document */
    CORPUS_DOCS_PARA, /* blank lines separate documents */
} CorpusDocsMode;

CORPUS_API gboolean corpus_tok_parse_docs(const char *name, CorpusDocsMode *mode, GError **error);

enum {
    CORPUS_TOKEN_SENT_START = 1 << 0, /* first token of a sentence */
    CORPUS_TOKEN_ENDS = 1 << 1,       /* sentence-final punctuation (. ! ? ؟ … and runs of them) */
    CORPUS_TOKEN_CLOSER = 1 << 2,     /* closing bracket or quote that stays after an ender */
    CORPUS_TOKEN_STOP = 1 << 3,       /* a stop word (--stopwords): counted, not used */
};

/* One token (transparent).  text is a view into the chunk or the batch's arena, valid until
 * the batch is reset. */
typedef struct {
    const char *text;     /* normalized token bytes (never contains a space or line end) */
    guint32 len;          /* bytes in text */
    guint32 raw_len;      /* bytes of the token in the original input */
    guint64 off;          /* offset of the token in the original input file (0-based) */
    guint32 doc_starts;   /* documents begun since the previous token of the stream */
    guint8 cls;           /* CorpusTokClass */
    guint8 flags;         /* CORPUS_TOKEN_* */
} CorpusToken;

/* The tokens of one chunk, plus what happened after its last token (transparent; reuse it). */
typedef struct {
    CorpusToken *tokens;
    size_t n;
    size_t cap;
    CorpusBuf arena;             /* bytes of tokens changed by normalization */
    CorpusBuf stems;             /* bytes of stems (corpus_tok_stream_run() with --stem) */
    guint32 tail_doc_starts;     /* documents begun after the last token */
    gboolean tail_sent_end;      /* a sentence ended after the last token */
    /* The scanner's state at the end of the text, for a next piece that continues its line. */
    gboolean tail_after_ender;   /* the last token ended a sentence: closers and enders stay */
    gboolean tail_after_initial; /* the last token was a single Latin letter */
    gboolean tail_line_content;  /* the current line has a non-blank character */
} CorpusTokenBatch;

CORPUS_API void corpus_token_batch_init(CorpusTokenBatch *batch);
CORPUS_API void corpus_token_batch_clear(CorpusTokenBatch *batch);

/* Where a piece of text starts.  With mid_line, the other fields are the previous piece's
 * tail_* state; tokenizing the pieces of a text in order with those states gives exactly the
 * tokens of the whole text (corpus_tok_stream_run() sees to it). */
typedef struct {
    gboolean file_start;       /* the text starts a file */
    gboolean mid_line;         /* the text continues a line of the previous piece */
    gboolean line_has_content; /* with mid_line: that line already had a non-blank character */
    gboolean after_ender;      /* with mid_line: the previous piece ended after a sentence ender */
    gboolean after_initial;    /* with mid_line: ... after a single Latin letter */
} CorpusTextStart;

typedef struct CorpusTokenizer CorpusTokenizer;

/* A tokenizer for one thread.  norm (NULL = no normalization) must outlive it. */
CORPUS_API CorpusTokenizer *corpus_tokenizer_new(const CorpusNorm *norm, CorpusDocsMode docs);
CORPUS_API void corpus_tokenizer_free(CorpusTokenizer *tok);

/* Tokenize text[0..len) (valid UTF-8) into batch (reset first).  base is the file offset of
 * text[0]; anchors (from corpus_utf8_sanitize, or NULL) map cleaned text to original bytes. */
CORPUS_API void corpus_tokenizer_run(CorpusTokenizer *tok, const char *text, size_t len,
                                     guint64 base, const GArray *anchors,
                                     const CorpusTextStart *start, CorpusTokenBatch *batch);

/* TRUE when text is only sentence-final punctuation (. ! ? ؟ … and runs of them). */
CORPUS_API gboolean corpus_tok_is_ender(const char *text, size_t len);

/* CorpusTokCursor: numbers documents, sentences and tokens across the batches of a run, in
 * input order (transparent; the consumer of batches owns it).  Document numbers: with
 * --docs=file the file's position among the inputs, with line the line's position in the whole
 * input, with para the paragraph's position among paragraphs that have tokens; all 1-based.
 * Sentence numbers restart at 1 in each document; token indexes at 1 in each sentence. */
typedef struct {
    CorpusDocsMode mode;
    guint64 doc;                 /* current document number (0 before the first token) */
    guint64 sent;                /* current sentence number within the document */
    guint64 index;               /* current token index within the sentence */
    guint64 pending_docs;        /* document starts carried from earlier batches */
    gboolean pending_sent;       /* sentence end carried from earlier batches */
} CorpusTokCursor;

typedef enum {
    CORPUS_TOK_SAME_SENTENCE,
    CORPUS_TOK_NEW_SENTENCE,
    CORPUS_TOK_NEW_DOC,
} CorpusTokStep;

CORPUS_API void corpus_tok_cursor_init(CorpusTokCursor *cur, CorpusDocsMode mode);
/* The general case of corpus_tok_cursor_step(). */
CORPUS_API CorpusTokStep corpus_tok_cursor_advance(CorpusTokCursor *cur, const CorpusToken *t,
                                                   size_t k);

/* Advance over t, the k-th token of its batch; says what t starts.  Inline for the common
 * case, a token inside its batch that continues the sentence. */
static inline CorpusTokStep corpus_tok_cursor_step(CorpusTokCursor *cur, const CorpusToken *t,
                                                   size_t k)
{
    if (k > 0 && !(t->flags & CORPUS_TOKEN_SENT_START) && cur->doc > 0) {
        cur->index++;
        return CORPUS_TOK_SAME_SENTENCE;
    }
    return corpus_tok_cursor_advance(cur, t, k);
}
/* Carry what happened after the batch's last token to the next batch. */
CORPUS_API void corpus_tok_cursor_end_batch(CorpusTokCursor *cur, const CorpusTokenBatch *batch);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorpusTokenizer, corpus_tokenizer_free)

G_END_DECLS

#endif
