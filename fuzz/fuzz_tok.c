/* Fuzz target: the tokenizer with sentence and document splitting (tok.h, tokwrite.h), under
 * each profile and --docs mode, written in every output format.  Where docs/tokenization.md
 * promises idempotence (one input, tokenized text, --keep=all, --docs=file or para),
 * tokenizing the output again must give it back.  Token spans must lie inside the input.
 * SPDX-License-Identifier: MIT */
#include "fuzz.h"

static const CorpusNormFlags profiles[] = {CORPUS_NORM_NONE, CORPUS_NORM_BASIC,
                                           CORPUS_NORM_SEARCH};
static const CorpusDocsMode docs_modes[] = {CORPUS_DOCS_FILE, CORPUS_DOCS_PARA, CORPUS_DOCS_LINE};
#define N_PROFILES G_N_ELEMENTS(profiles)
#define N_DOCS G_N_ELEMENTS(docs_modes)

/* Made once; reachable until exit. */
static CorpusNorm *norms[N_PROFILES];
static CorpusTokenizer *toks[N_PROFILES][N_DOCS];
static CorpusTokenBatch batch;

/* Tokenize text[0..len) as one whole file and write it in format to out (reset first). */
static void tok_write(CorpusTokenizer *tok, CorpusDocsMode docs, CorpusTokFormat format,
                      const char *text, size_t len, const GArray *anchors, CorpusBuf *out)
{
    CorpusTextStart start = {TRUE, FALSE, FALSE, FALSE, FALSE};
    CorpusTokWriter *w = corpus_tok_writer_new(format, docs, CORPUS_TOK_ALL, TRUE);

    out->len = 0;
    corpus_tokenizer_run(tok, text, len, 0, anchors, &start, &batch);
    corpus_tok_writer_begin(w, out);
    corpus_tok_writer_batch(w, &batch, out);
    corpus_tok_writer_end(w, out);
    corpus_tok_writer_free(w);
}

/* Every token is non-empty, holds no space or line end, and spans bytes of the input. */
static void check_tokens(size_t input_len)
{
    for (size_t k = 0; k < batch.n; k++) {
        const CorpusToken *t = &batch.tokens[k];
        FUZZ_CHECK(t->len > 0 && t->cls < CORPUS_TOK_N_CLASSES);
        FUZZ_CHECK(memchr(t->text, ' ', t->len) == NULL && memchr(t->text, '\n', t->len) == NULL);
        FUZZ_CHECK(t->off <= input_len && t->raw_len <= input_len - t->off);
        FUZZ_CHECK(corpus_utf8_valid_prefix(t->text, t->len) == t->len);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    CorpusBuf clean = CORPUS_BUF_INIT, y = CORPUS_BUF_INIT, z = CORPUS_BUF_INIT;
    GArray *anchors = g_array_new(FALSE, FALSE, sizeof(CorpusOffsetAnchor));
    size_t len;

    if (!norms[0]) {
        corpus_token_batch_init(&batch);
        for (guint p = 0; p < N_PROFILES; p++) {
            norms[p] = corpus_norm_new(profiles[p]);
            for (guint d = 0; d < N_DOCS; d++)
                toks[p][d] = corpus_tokenizer_new(norms[p], docs_modes[d]);
        }
    }
    const char *x = fuzz_valid_utf8(data, size, &clean, anchors, &len);
    for (guint p = 0; p < N_PROFILES; p++) {
        for (guint d = 0; d < N_DOCS; d++) {
            CorpusDocsMode docs = docs_modes[d];

            /* Offsets refer to the original bytes: map through the anchors. */
            tok_write(toks[p][d], docs, CORPUS_TOK_FORMAT_TSV, x, len, anchors, &y);
            check_tokens(size);
            tok_write(toks[p][d], docs, CORPUS_TOK_FORMAT_JSONL, x, len, anchors, &y);
            FUZZ_CHECK(corpus_utf8_valid_prefix(y.data, y.len) == y.len);
            tok_write(toks[p][d], docs, CORPUS_TOK_FORMAT_LINES, x, len, anchors, &y);
            tok_write(toks[p][d], docs, CORPUS_TOK_FORMAT_TEXT, x, len, anchors, &y);
            FUZZ_CHECK(corpus_utf8_valid_prefix(y.data, y.len) == y.len);
            if (docs == CORPUS_DOCS_LINE)
                continue; /* every sentence line becomes a document: no idempotence */
            tok_write(toks[p][d], docs, CORPUS_TOK_FORMAT_TEXT, y.len ? y.data : "", y.len,
                      NULL, &z);
            if (y.len != z.len || (y.len && memcmp(y.data, z.data, y.len) != 0)) {
                fprintf(stderr, "tokenized text is not idempotent: profile %u, docs %u\n", p,
                        d);
                fprintf(stderr, "once:  %.*s\ntwice: %.*s\n", (int)y.len, y.data ? y.data : "",
                        (int)z.len, z.data ? z.data : "");
                abort();
            }
        }
    }
    g_array_unref(anchors);
    corpus_buf_clear(&clean);
    corpus_buf_clear(&y);
    corpus_buf_clear(&z);
    return 0;
}
