/* Fuzz target: each stemmer (light10, light8, isri, snowball; stem.h).  The input, made valid
 * UTF-8, is split at spaces and line ends into words as a word list is; every word is stemmed
 * by every stemmer, twice (the second time from the memo), and the stem must be valid UTF-8
 * and the same both times.
 * SPDX-License-Identifier: MIT */
#include "fuzz.h"

static const CorpusStemAlgo algos[] = {CORPUS_STEM_NONE, CORPUS_STEM_LIGHT10, CORPUS_STEM_LIGHT8,
                                       CORPUS_STEM_ISRI, CORPUS_STEM_SNOWBALL};
#define N_ALGOS G_N_ELEMENTS(algos)

/* Made once; each memo is a fixed 4 MiB, so memory stays bounded. */
static CorpusStemmer *stemmers[N_ALGOS];

static void stem_word(const char *w, size_t len)
{
    for (guint a = 0; a < N_ALGOS; a++) {
        size_t n1, n2;
        const char *s1 = corpus_stemmer_stem(stemmers[a], w, len, &n1);
        FUZZ_CHECK(s1 != NULL || n1 == 0);
        FUZZ_CHECK(corpus_utf8_valid_prefix(s1, n1) == n1);
        g_autofree char *first = g_memdup2(s1, n1);
        const char *s2 = corpus_stemmer_stem(stemmers[a], w, len, &n2);
        FUZZ_CHECK(n1 == n2 && (n1 == 0 || memcmp(first, s2, n1) == 0));
        if (algos[a] == CORPUS_STEM_NONE)
            FUZZ_CHECK(n1 == len && (len == 0 || memcmp(first, w, len) == 0));
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    CorpusBuf clean = CORPUS_BUF_INIT;
    size_t len;

    if (!stemmers[0]) {
        for (guint a = 0; a < N_ALGOS; a++)
            stemmers[a] = corpus_stemmer_new(algos[a]);
    }
    const char *x = fuzz_valid_utf8(data, size, &clean, NULL, &len);
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && x[j] != ' ' && x[j] != '\n' && x[j] != '\r' && x[j] != '\t')
            j++;
        if (j > i)
            stem_word(x + i, j - i);
        i = j + 1;
    }
    corpus_buf_clear(&clean);
    return 0;
}
