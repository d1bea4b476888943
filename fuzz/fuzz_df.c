/* Fuzz target: the DF table of corpus-tfidf --df-in (tfidf.h, docs/tfidf.md): term<TAB>df rows
 * and a <documents> row, read by the count-table reader and checked against each other.  A
 * small fixed set of documents is scored against the input table; the long table goes to
 * /dev/null.  A table that is not accepted must give a located CorpusError.
 * SPDX-License-Identifier: MIT */
#include "fuzz.h"

/* Three documents (one per line) whose terms appear in the seed tables. */
static const char documents[] = "غزة Gaza 2023\nغزة كتب الولد\nالولد كتب قرأ قرأ\n";

/* Made once; reachable until exit. */
static CorpusDocTerms *terms;

static CorpusDocTerms *make_terms(void)
{
    CorpusDocTermsSpec spec = {.n_min = 1, .n_max = 1, .keep = CORPUS_TOK_CONTENT,
                               .docs = CORPUS_DOCS_LINE};
    CorpusDocTerms *d = corpus_doc_terms_new(&spec);
    CorpusTokenizer *tok = corpus_tokenizer_new(NULL, CORPUS_DOCS_LINE);
    CorpusTextStart start = {TRUE, FALSE, FALSE, FALSE, FALSE};
    CorpusChunk chunk = {0};
    CorpusTokenBatch batch;

    chunk.file_name = (char *)"documents";
    chunk.file_start = chunk.file_end = TRUE;
    corpus_token_batch_init(&batch);
    corpus_tokenizer_run(tok, documents, sizeof documents - 1, 0, NULL, &start, &batch);
    FUZZ_CHECK(corpus_doc_terms_consume(&batch, &chunk, d, NULL));
    FUZZ_CHECK(corpus_doc_terms_count(d) == 3);
    corpus_token_batch_clear(&batch);
    corpus_tokenizer_free(tok);
    return d;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    CorpusTfidfSpec spec = {
        .scheme = CORPUS_TFIDF_DEFAULT,
        .min_df = {1, FALSE},
        .max_df = {1.0, TRUE},
        .header = TRUE,
    };
    GError *error = NULL;

    if (!terms)
        terms = make_terms();
    spec.df_in = fuzz_write_file(data, size);
    CorpusOut *out = corpus_out_open("/dev/null", &error);
    FUZZ_CHECK(out != NULL);
    if (corpus_tfidf_write(terms, &spec, out, &error))
        FUZZ_CHECK(corpus_out_commit(out, &error));
    else
        FUZZ_CHECK(error && error->domain == CORPUS_ERROR);
    corpus_out_free(out);
    g_clear_error(&error);
    return 0;
}
