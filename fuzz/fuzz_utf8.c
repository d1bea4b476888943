/* Fuzz target: UTF-8 decoding and cleaning under each --on-invalid policy (utf8.h).
 * Checks that decoding one code point at a time and corpus_utf8_sanitize() agree on the number
 * of invalid sequences, that the cleaned text is valid, and that offsets map back inside the
 * input in order.
 * SPDX-License-Identifier: MIT */
#include "fuzz.h"

static const CorpusInvalidPolicy policies[] = {
    CORPUS_INVALID_WARN,
    CORPUS_INVALID_FAIL,
    CORPUS_INVALID_REPLACE,
    CORPUS_INVALID_SKIP,
};

/* Decode s[0..len) code point by code point; returns the number of ill-formed subparts and
 * checks that every well-formed code point encodes back to the same bytes. */
static guint64 decode_all(const char *s, size_t len, size_t *first_bad)
{
    guint64 bad = 0;
    size_t i = 0;

    *first_bad = len;
    while (i < len) {
        gunichar cp;
        int n = corpus_utf8_decode(s + i, len - i, &cp);
        FUZZ_CHECK(n != 0 && n >= -3 && n <= 4 && (size_t)(n < 0 ? -n : n) <= len - i);
        if (n < 0) {
            FUZZ_CHECK(cp == 0xFFFD);
            if (!bad)
                *first_bad = i;
            bad++;
            i += (size_t)-n;
            continue;
        }
        char enc[4];
        FUZZ_CHECK(cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF));
        FUZZ_CHECK(corpus_utf8_encode(cp, enc) == n && memcmp(enc, s + i, (size_t)n) == 0);
        i += (size_t)n;
    }
    return bad;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    size_t first_bad;
    guint64 bad = decode_all(s, size, &first_bad);
    size_t valid = corpus_utf8_valid_prefix(s, size);

    FUZZ_CHECK(valid == first_bad);
    for (guint p = 0; p < G_N_ELEMENTS(policies); p++) {
        CorpusBuf out = CORPUS_BUF_INIT;
        GArray *anchors = g_array_new(FALSE, FALSE, sizeof(CorpusOffsetAnchor));
        CorpusUtf8Report report;
        char described[64];

        memset(&report, 0, sizeof report);
        gboolean ok = corpus_utf8_sanitize(s, size, policies[p], &out, anchors, &report);
        if (policies[p] == CORPUS_INVALID_FAIL) {
            FUZZ_CHECK(ok == (bad == 0));
        } else {
            FUZZ_CHECK(ok);
            FUZZ_CHECK(report.count == bad);
            FUZZ_CHECK(corpus_utf8_valid_prefix(out.data, out.len) == out.len);
            if (!bad)
                FUZZ_CHECK(out.len == size && (size == 0 || memcmp(out.data, s, size) == 0));
            /* Character boundaries of the cleaned text map into the input, in order; the
             * end reading of a position never comes after its start reading. */
            size_t prev = 0;
            for (size_t c = 0; c <= out.len;) {
                size_t at = corpus_utf8_map_offset(anchors, c);
                size_t end = corpus_utf8_map_end(anchors, c);
                FUZZ_CHECK(at <= size && end <= at && at >= prev);
                prev = at;
                if (c == out.len)
                    break;
                gunichar cp;
                c += (size_t)corpus_utf8_decode(out.data + c, out.len - c, &cp);
            }
            FUZZ_CHECK(corpus_utf8_map_offset(anchors, out.len) == size);
        }
        if (report.count) {
            FUZZ_CHECK(report.first == first_bad && report.n_bytes >= 1 && report.n_bytes <= 4);
            corpus_utf8_describe_bytes(&report, described, sizeof described);
            FUZZ_CHECK(strlen(described) < sizeof described);
        }
        g_array_unref(anchors);
        corpus_buf_clear(&out);
    }
    return 0;
}
