/* Fuzz target: the stop-word file parser (stopwords.h), as --stopwords=FILE reads it, under
 * each profile.  When the file loads, every word line (trimmed of spaces and tabs, not a
 * comment) must be in the set after normalization, and the set is no larger than the number
 * of word lines.
 * SPDX-License-Identifier: MIT */
#include "fuzz.h"

static const CorpusNormFlags profiles[] = {CORPUS_NORM_NONE, CORPUS_NORM_BASIC,
                                           CORPUS_NORM_SEARCH};
#define N_PROFILES G_N_ELEMENTS(profiles)

/* Made once; reachable until exit. */
static CorpusNorm *norms[N_PROFILES];
static CorpusNormScratch *scratch;

/* Check that every word line of text[0..size) is in sw (text loaded without error). */
static void check_words(const CorpusStopwords *sw, const CorpusNorm *norm, const char *text,
                        size_t size)
{
    CorpusBuf word = CORPUS_BUF_INIT;
    const char *p = text, *end = text + size;
    guint lines = 0;

    if (size >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    while (p < end) {
        const char *e = p;
        while (e < end && *e != '\n' && *e != '\r')
            e++;
        const char *a = p, *b = e;
        while (a < b && (*a == ' ' || *a == '\t'))
            a++;
        while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
            b--;
        if (a < b && *a != '#') {
            word.len = 0;
            corpus_norm_apply(norm, scratch, a, (size_t)(b - a), &word);
            FUZZ_CHECK(corpus_stopwords_contains(sw, word.data, word.len));
            lines++;
        }
        /* A line ends at LF, CR LF or a lone CR. */
        if (e < end && *e == '\r') {
            e++;
            if (e < end && *e == '\n')
                e++;
        } else if (e < end && *e == '\n') {
            e++;
        }
        p = e;
    }
    FUZZ_CHECK(corpus_stopwords_size(sw) <= lines);
    corpus_buf_clear(&word);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_write_file(data, size);

    if (!scratch) {
        scratch = corpus_norm_scratch_new();
        for (guint p = 0; p < N_PROFILES; p++)
            norms[p] = corpus_norm_new(profiles[p]);
    }
    for (guint p = 0; p < N_PROFILES; p++) {
        GError *error = NULL;
        CorpusStopwords *sw = corpus_stopwords_load(path, norms[p], &error);
        if (!sw) {
            FUZZ_CHECK(error && error->domain == CORPUS_ERROR &&
                       error->code == CORPUS_ERROR_PARSE);
            g_error_free(error);
            continue;
        }
        FUZZ_CHECK(error == NULL);
        check_words(sw, norms[p], (const char *)data, size);
        corpus_stopwords_free(sw);
    }
    return 0;
}
