/* CorpusTokWriter: the output formats of corpus-tok (see tokwrite.h).
 * SPDX-License-Identifier: MIT */
#include <string.h>

#include <corpus/tokwrite.h>

struct CorpusTokWriter {
    CorpusTokFormat format;
    CorpusTokClassSet keep;
    gboolean header;
    CorpusTokCursor cursor;
    guint64 last_doc, last_sent; /* position of the last token written */
    gboolean wrote;              /* a token was written */
};

CorpusTokWriter *corpus_tok_writer_new(CorpusTokFormat format, CorpusDocsMode docs,
                                       CorpusTokClassSet keep, gboolean header)
{
    CorpusTokWriter *w = g_new0(CorpusTokWriter, 1);

    w->format = format;
    w->keep = keep;
    w->header = header;
    corpus_tok_cursor_init(&w->cursor, docs);
    return w;
}

void corpus_tok_writer_free(CorpusTokWriter *w)
{
    g_free(w);
}

void corpus_tok_writer_begin(CorpusTokWriter *w, CorpusBuf *out)
{
    static const char tsv_header[] = "doc\tsentence\tindex\ttoken\tclass\toffset\tlength\n";

    if (w->format == CORPUS_TOK_FORMAT_TSV && w->header)
        corpus_buf_append(out, tsv_header, sizeof tsv_header - 1);
}

/* Separator before a token of a text layout: none, a space, a line end, or a blank line. */
static void put_separator(CorpusTokWriter *w, CorpusBuf *b)
{
    const gboolean lines = w->format == CORPUS_TOK_FORMAT_LINES;

    if (!w->wrote)
        return;
    if (w->cursor.doc != w->last_doc || w->cursor.sent != w->last_sent) {
        corpus_buf_putc(b, '\n');
        if (lines || w->cursor.doc != w->last_doc)
            corpus_buf_putc(b, '\n');
    } else {
        corpus_buf_putc(b, lines ? '\n' : ' ');
    }
}

#define PUT_LITERAL(b, s) corpus_buf_append((b), (s), sizeof(s) - 1)

static void put_row(CorpusTokWriter *w, CorpusBuf *b, const CorpusToken *k)
{
    const CorpusTokCursor *c = &w->cursor;
    const char *cls = corpus_tok_class_name(k->cls);

    if (w->format == CORPUS_TOK_FORMAT_TSV) {
        corpus_buf_put_u64(b, c->doc);
        corpus_buf_putc(b, '\t');
        corpus_buf_put_u64(b, c->sent);
        corpus_buf_putc(b, '\t');
        corpus_buf_put_u64(b, c->index);
        corpus_buf_putc(b, '\t');
        corpus_buf_append(b, k->text, k->len);
        corpus_buf_putc(b, '\t');
        corpus_buf_append(b, cls, strlen(cls));
        corpus_buf_putc(b, '\t');
        corpus_buf_put_u64(b, k->off);
        corpus_buf_putc(b, '\t');
        corpus_buf_put_u64(b, k->raw_len);
        corpus_buf_putc(b, '\n');
        return;
    }
    PUT_LITERAL(b, "{\"doc\":");
    corpus_buf_put_u64(b, c->doc);
    PUT_LITERAL(b, ",\"sentence\":");
    corpus_buf_put_u64(b, c->sent);
    PUT_LITERAL(b, ",\"index\":");
    corpus_buf_put_u64(b, c->index);
    PUT_LITERAL(b, ",\"token\":\"");
    corpus_buf_put_json(b, k->text, k->len);
    PUT_LITERAL(b, "\",\"class\":\"");
    corpus_buf_append(b, cls, strlen(cls));
    PUT_LITERAL(b, "\",\"offset\":");
    corpus_buf_put_u64(b, k->off);
    PUT_LITERAL(b, ",\"length\":");
    corpus_buf_put_u64(b, k->raw_len);
    PUT_LITERAL(b, "}\n");
}

void corpus_tok_writer_batch(CorpusTokWriter *w, const CorpusTokenBatch *batch, CorpusBuf *out)
{
    const gboolean text = w->format == CORPUS_TOK_FORMAT_TEXT ||
                          w->format == CORPUS_TOK_FORMAT_LINES;

    for (size_t k = 0; k < batch->n; k++) {
        const CorpusToken *tk = &batch->tokens[k];
        corpus_tok_cursor_step(&w->cursor, tk, k);
        if (!(w->keep & (1u << tk->cls)) || (tk->flags & CORPUS_TOKEN_STOP))
            continue;
        if (text) {
            put_separator(w, out);
            corpus_buf_append(out, tk->text, tk->len);
        } else {
            put_row(w, out, tk);
        }
        w->last_doc = w->cursor.doc;
        w->last_sent = w->cursor.sent;
        w->wrote = TRUE;
    }
    corpus_tok_cursor_end_batch(&w->cursor, batch);
}

void corpus_tok_writer_end(CorpusTokWriter *w, CorpusBuf *out)
{
    if (w->wrote &&
        (w->format == CORPUS_TOK_FORMAT_TEXT || w->format == CORPUS_TOK_FORMAT_LINES))
        corpus_buf_putc(out, '\n');
}
