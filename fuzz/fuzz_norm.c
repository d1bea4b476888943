/* Fuzz target: the normalizer under each profile (none, basic, search) and each single step
 * (norm.h).  Checks that the result is valid UTF-8, that it is a fixed point (normalizing it
 * again changes nothing) and that corpus_norm_apply() says whether it changed the text; the
 * first line of the input is also parsed as a --norm value, whose canonical description must
 * parse back to the same steps.
 * SPDX-License-Identifier: MIT */
#include "fuzz.h"

#define MAX_SPEC 128 /* bytes of the first line tried as a --norm value */

static const CorpusNormFlags settings[] = {
    CORPUS_NORM_NONE,      CORPUS_NORM_BASIC,   CORPUS_NORM_SEARCH,     CORPUS_NORM_NFKC,
    CORPUS_NORM_DIACRITICS, CORPUS_NORM_TATWEEL, CORPUS_NORM_ALEF,      CORPUS_NORM_YEH,
    CORPUS_NORM_TEH,       CORPUS_NORM_HAMZA,   CORPUS_NORM_DIGITS,     CORPUS_NORM_LOWER,
    CORPUS_NORM_BIDI,
};
#define N_SETTINGS G_N_ELEMENTS(settings)

/* Made once; reachable until exit. */
static CorpusNorm *norms[N_SETTINGS];
static CorpusNormScratch *scratch;

static void check_spec(const uint8_t *data, size_t size)
{
    size_t n = 0;
    while (n < size && n < MAX_SPEC && data[n] != '\n' && data[n] != '\0')
        n++;
    g_autofree char *spec = g_strndup((const char *)data, n);
    CorpusNormFlags flags, again;
    GError *error = NULL;

    if (!corpus_norm_parse(spec, &flags, &error)) {
        FUZZ_CHECK(error != NULL);
        g_error_free(error);
        return;
    }
    g_autofree char *canonical = corpus_norm_describe(flags);
    FUZZ_CHECK(corpus_norm_parse(canonical, &again, NULL) && again == flags);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    CorpusBuf clean = CORPUS_BUF_INIT, y = CORPUS_BUF_INIT, z = CORPUS_BUF_INIT;
    size_t len;

    if (!scratch) {
        scratch = corpus_norm_scratch_new();
        for (guint i = 0; i < N_SETTINGS; i++)
            norms[i] = corpus_norm_new(settings[i]);
    }
    check_spec(data, size);
    const char *x = fuzz_valid_utf8(data, size, &clean, NULL, &len);
    for (guint i = 0; i < N_SETTINGS; i++) {
        y.len = z.len = 0;
        gboolean changed = corpus_norm_apply(norms[i], scratch, x, len, &y);
        FUZZ_CHECK(corpus_utf8_valid_prefix(y.data, y.len) == y.len);
        FUZZ_CHECK(changed == !(y.len == len && (len == 0 || memcmp(y.data, x, len) == 0)));
        if (settings[i] == CORPUS_NORM_NONE)
            FUZZ_CHECK(!changed);
        gboolean again = corpus_norm_apply(norms[i], scratch, y.len ? y.data : "", y.len, &z);
        FUZZ_CHECK(!again && z.len == y.len && (y.len == 0 || memcmp(y.data, z.data, y.len) == 0));
    }
    corpus_buf_clear(&clean);
    corpus_buf_clear(&y);
    corpus_buf_clear(&z);
    return 0;
}
