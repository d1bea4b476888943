/* Unit tests of utf8: decoding by Unicode 15 Table 3-7, maximal ill-formed subparts (U+FFFD
 * substitution as in Unicode 15 section 3.9 and the W3C/WHATWG encoding standard), the
 * --on-invalid policies, offset anchors and encoding.
 * SPDX-License-Identifier: MIT */
#include <string.h>

#include <corpus/utf8.h>

#include "unit.h"

/* ---- A reference decoder written from Table 3-7 ------------------------------------- */

/* Well-formed byte sequences, Unicode 15 Table 3-7: the lead byte range, the sequence length and
 * the allowed range of each following byte. */
static const struct {
    guint8 lead_lo, lead_hi;
    int n;
    guint8 lo[3], hi[3];
} table_3_7[] = {
    {0x00, 0x7F, 1, {0}, {0}},
    {0xC2, 0xDF, 2, {0x80}, {0xBF}},
    {0xE0, 0xE0, 3, {0xA0, 0x80}, {0xBF, 0xBF}},
    {0xE1, 0xEC, 3, {0x80, 0x80}, {0xBF, 0xBF}},
    {0xED, 0xED, 3, {0x80, 0x80}, {0x9F, 0xBF}},
    {0xEE, 0xEF, 3, {0x80, 0x80}, {0xBF, 0xBF}},
    {0xF0, 0xF0, 4, {0x90, 0x80, 0x80}, {0xBF, 0xBF, 0xBF}},
    {0xF1, 0xF3, 4, {0x80, 0x80, 0x80}, {0xBF, 0xBF, 0xBF}},
    {0xF4, 0xF4, 4, {0x80, 0x80, 0x80}, {0x8F, 0xBF, 0xBF}},
};

/* Length of the well-formed sequence at s, or minus the length of its maximal ill-formed
 * subpart: the longest prefix of a well-formed sequence, at least one byte (section 3.9,
 * definition D93b). */
static int ref_decode(const guint8 *s, size_t len, gunichar *cp)
{
    for (guint r = 0; r < G_N_ELEMENTS(table_3_7); r++) {
        if (s[0] < table_3_7[r].lead_lo || s[0] > table_3_7[r].lead_hi)
            continue;
        int n = table_3_7[r].n;
        gunichar c = n == 1   ? s[0]
                     : n == 2 ? (s[0] & 0x1Fu)
                     : n == 3 ? (s[0] & 0x0Fu)
                              : (s[0] & 0x07u);
        for (int i = 1; i < n; i++) {
            if ((size_t)i >= len || s[i] < table_3_7[r].lo[i - 1] || s[i] > table_3_7[r].hi[i - 1])
                return -i;
            c = (c << 6) | (s[i] & 0x3Fu);
        }
        *cp = c;
        return n;
    }
    return -1;
}

/* ---- corpus_utf8_decode ---------------------------------------------------------------- */

static void check_decode(const char *s, size_t len, int want_n, gunichar want_cp, unsigned line)
{
    gunichar cp = 0x12345;
    int n = corpus_utf8_decode(s, len, &cp);
    g_autofree char *what = g_strdup_printf("decode of %zu bytes at line %u", len, line);

    unit_assert_i64(n, want_n, what, line, __FILE__, "check_decode");
    unit_assert_i64(cp, want_n > 0 ? want_cp : 0xFFFD, what, line, __FILE__, "check_decode");
}

#define DECODE(lit, n, cp) check_decode((lit), sizeof(lit) - 1, (n), (cp), __LINE__)

static void test_decode_valid(void)
{
    DECODE("A", 1, 0x41);
    DECODE("\x7F", 1, 0x7F);           /* last 1-byte value */
    DECODE("\xC2\x80", 2, 0x80);       /* first 2-byte value */
    DECODE("\xD8\xA7", 2, 0x0627);     /* ARABIC LETTER ALEF */
    DECODE("\xDF\xBF", 2, 0x07FF);     /* last 2-byte value */
    DECODE("\xE0\xA0\x80", 3, 0x0800); /* first 3-byte value */
    DECODE("\xED\x9F\xBF", 3, 0xD7FF); /* just below the surrogates */
    DECODE("\xEE\x80\x80", 3, 0xE000); /* just above them */
    DECODE("\xEF\xBF\xBD", 3, 0xFFFD);
    DECODE("\xEF\xBF\xBF", 3, 0xFFFF);       /* a noncharacter is still well-formed */
    DECODE("\xF0\x90\x80\x80", 4, 0x10000);  /* first 4-byte value */
    DECODE("\xF0\x9F\x98\x80", 4, 0x1F600);  /* GRINNING FACE */
    DECODE("\xF4\x8F\xBF\xBF", 4, 0x10FFFF); /* last code point */
    /* Only the first character is decoded. */
    DECODE("ab", 1, 'a');
    DECODE("\xD8\xA7\xD8\xA8", 2, 0x0627);
    /* NUL is a character. */
    check_decode("\0x", 2, 1, 0, __LINE__);
}

static void test_decode_ill_formed(void)
{
    /* Bytes that never occur in UTF-8: C0, C1, F5..FF. */
    DECODE("\xC0\x80", -1, 0);         /* overlong U+0000 */
    DECODE("\xC1\xBF", -1, 0);         /* overlong U+007F */
    DECODE("\xF5\x80\x80\x80", -1, 0); /* would be above U+10FFFF */
    DECODE("\xF8\x88\x80\x80\x80", -1, 0);
    DECODE("\xFE", -1, 0);
    DECODE("\xFF", -1, 0);
    /* Overlong 3- and 4-byte forms: E0 needs A0..BF and F0 needs 90..BF next, so the lead byte
     * alone is the maximal subpart. */
    DECODE("\xE0\x80\x80", -1, 0);
    DECODE("\xE0\x9F\xBF", -1, 0);
    DECODE("\xF0\x80\x80\x80", -1, 0);
    DECODE("\xF0\x8F\xBF\xBF", -1, 0);
    /* Surrogates: ED needs 80..9F next. */
    DECODE("\xED\xA0\x80", -1, 0);
    DECODE("\xED\xBF\xBF", -1, 0);
    /* Above U+10FFFF: F4 needs 80..8F next. */
    DECODE("\xF4\x90\x80\x80", -1, 0);
    /* Lone continuation bytes. */
    DECODE("\x80", -1, 0);
    DECODE("\xBF", -1, 0);
    DECODE("\x80\x80", -1, 0);
    /* A valid start broken by a byte that is not a continuation: the valid start is the
     * maximal subpart. */
    DECODE("\xC3\x28", -1, 0);
    DECODE("\xC3\xC3\xA9", -1, 0);
    DECODE("\xE2\x82\x28", -2, 0);
    DECODE("\xE0\xA0\xC0", -2, 0);
    DECODE("\xF0\x90\x80\x41", -3, 0);
    DECODE("\xF4\x8F\xBF\xC0", -3, 0);
    DECODE("\xF1\x80\xE1", -2, 0);
}

static void test_decode_truncated(void)
{
    /* Cut off by the end of the text: every byte that is still a possible prefix counts. */
    DECODE("\xC3", -1, 0);
    DECODE("\xD8", -1, 0);
    DECODE("\xE0", -1, 0);
    DECODE("\xE0\xA0", -2, 0);
    DECODE("\xE2\x82", -2, 0);
    DECODE("\xED\x9F", -2, 0);
    DECODE("\xF0", -1, 0);
    DECODE("\xF0\x90", -2, 0);
    DECODE("\xF0\x90\x80", -3, 0);
    DECODE("\xF4\x8F\xBF", -3, 0);
    DECODE("\xF3\xBF\xBF", -3, 0);
    /* len counts, not the bytes beyond it. */
    check_decode("\xC3\xA9", 1, -1, 0, __LINE__);
    check_decode("\xE2\x82\xAC", 2, -2, 0, __LINE__);
    check_decode("\xF0\x9F\x98\x80", 3, -3, 0, __LINE__);
    check_decode("\xF0\x9F\x98\x80", 4, 4, 0x1F600, __LINE__);
}

/* Every 1-, 2- and 3-byte string and the 4-byte strings over boundary bytes agree with the
 * reference decoder; well-formedness also agrees with GLib's validator. */
static void test_decode_exhaustive(void)
{
    static const guint8 edge[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0,
                                  0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xF4, 0xF5, 0xFF};
    guint8 s[4];
    guint64 checked = 0, bad = 0, glib_bad = 0;

    for (guint a = 0; a < 256; a++) {
        for (guint b = 0; b < 256; b++) {
            for (guint c = 0; c < 256; c++) {
                s[0] = (guint8)a;
                s[1] = (guint8)b;
                s[2] = (guint8)c;
                for (size_t len = 1; len <= 3; len++) {
                    /* Shorter strings only once per prefix. */
                    if ((len == 1 && (b || c)) || (len == 2 && c))
                        continue;
                    gunichar cp = 0, rcp = 0;
                    int n = corpus_utf8_decode((const char *)s, len, &cp);
                    int r = ref_decode(s, len, &rcp);
                    checked++;
                    if (n != r || (r > 0 && cp != rcp) || (r < 0 && cp != 0xFFFD))
                        bad++;
                    /* GLib: one well-formed character of len bytes (GLib rejects NUL). */
                    if (a != 0 && len > 1) {
                        gboolean glib_one = g_utf8_validate_len((const char *)s, len, NULL) &&
                                            (size_t)g_utf8_skip[a] == len;
                        if (glib_one != (r == (int)len))
                            glib_bad++;
                    }
                }
            }
        }
    }
    for (guint a = 0xF0; a <= 0xF4; a++)
        for (guint b = 0; b < 256; b++)
            for (guint c = 0; c < G_N_ELEMENTS(edge); c++)
                for (guint d = 0; d < G_N_ELEMENTS(edge); d++) {
                    s[0] = (guint8)a;
                    s[1] = (guint8)b;
                    s[2] = edge[c];
                    s[3] = edge[d];
                    gunichar cp = 0, rcp = 0;
                    int n = corpus_utf8_decode((const char *)s, 4, &cp);
                    int r = ref_decode(s, 4, &rcp);
                    checked++;
                    if (n != r || (r > 0 && cp != rcp))
                        bad++;
                    if (r == 4 && !g_utf8_validate_len((const char *)s, 4, NULL))
                        glib_bad++;
                }
    UNIT_ASSERT_INT(bad, 0);
    UNIT_ASSERT_INT(glib_bad, 0);
    CU_ASSERT(checked > 16000000);
}

/* ---- corpus_utf8_valid_prefix ---------------------------------------------------------- */

#define PREFIX(lit, want) UNIT_ASSERT_INT(corpus_utf8_valid_prefix((lit), sizeof(lit) - 1), (want))

static void test_valid_prefix(void)
{
    UNIT_ASSERT_INT(corpus_utf8_valid_prefix("", 0), 0);
    PREFIX("abc", 3);
    PREFIX("\xD9\x83\xD8\xAA\xD8\xA7\xD8\xA8", 8); /* كتاب */
    PREFIX("ab\xC3\xA9\xFF"
           "cd",
           4);
    PREFIX("\xD8\xA7\xD8", 2);     /* a cut Arabic letter at the end */
    PREFIX("\xD8\xA7\xD8\x41", 2); /* lead byte followed by ASCII */
    PREFIX("\xD8\xA7\xD8\xD8\xA7", 2);
    PREFIX("\xED\xA0\x80", 0);
    PREFIX("a\xF4\x90\x80\x80", 1);
    PREFIX("\xF0\x9F\x98\x80", 4);
    PREFIX("\xE2\x80\x8C\xE2\x80", 3); /* ZWNJ, then a cut ZWNJ */
    PREFIX("x\xC0\x80", 1);
    PREFIX("\x80", 0);
    /* Embedded NUL is valid. */
    UNIT_ASSERT_INT(corpus_utf8_valid_prefix("a\0b", 3), 3);
}

/* The ASCII fast path reads eight bytes at a time: an invalid byte at any position of a long
 * ASCII string, and a multibyte character at any position, must be found exactly. */
static void test_valid_prefix_fast_path(void)
{
    char s[64];

    for (size_t pos = 0; pos < 40; pos++) {
        memset(s, 'a', sizeof s);
        s[pos] = (char)0xFF;
        UNIT_ASSERT_INT(corpus_utf8_valid_prefix(s, sizeof s), pos);
        s[pos] = (char)0x80;
        UNIT_ASSERT_INT(corpus_utf8_valid_prefix(s, sizeof s), pos);
        /* A valid 2-byte character there, then an invalid byte 5 bytes later. */
        s[pos] = (char)0xD8;
        s[pos + 1] = (char)0xA7;
        s[pos + 6] = (char)0xC0;
        UNIT_ASSERT_INT(corpus_utf8_valid_prefix(s, sizeof s), pos + 6);
    }
    /* All ASCII, every length around the word size. */
    memset(s, 'z', sizeof s);
    for (size_t len = 0; len <= 20; len++)
        UNIT_ASSERT_INT(corpus_utf8_valid_prefix(s, len), len);
    /* A truncated character at the very end of strings of every length. */
    for (size_t len = 1; len <= 20; len++) {
        memset(s, 'z', sizeof s);
        s[len - 1] = (char)0xE2;
        UNIT_ASSERT_INT(corpus_utf8_valid_prefix(s, len), len - 1);
    }
}

/* Valid prefix by the reference decoder. */
static size_t ref_valid_prefix(const guint8 *s, size_t len)
{
    size_t i = 0;
    gunichar cp;

    while (i < len) {
        int n = ref_decode(s + i, len - i, &cp);
        if (n < 0)
            return i;
        i += (size_t)n;
    }
    return len;
}

/* Strings made of ASCII, Arabic letters, 3- and 4-byte characters and ill-formed pieces in
 * every arrangement the word-at-a-time paths can meet (a fixed seed keeps it reproducible). */
static void test_valid_prefix_random(void)
{
    static const char *const pieces[] = {"a", " ", "\xD8\xA7", "\xD9\x85", "\xDB\xBF", "\xC2\x80",
                                         "\xDF\xBF", "\xE2\x80\x8C", "\xEF\xBB\xBF",
                                         "\xF0\x9F\x98\x80",
                                         /* ill-formed */
                                         "\x80", "\xBF", "\xC0", "\xC1", "\xD8", "\xE0\x80",
                                         "\xED\xA0\x80", "\xF4\x90", "\xFF", "\xF0\x9F\x98"};
    GRand *rand = g_rand_new_with_seed(20231106);
    guint64 bad = 0;
    char s[80];

    for (int round = 0; round < 200000; round++) {
        size_t len = 0;
        size_t target = (size_t)g_rand_int_range(rand, 0, 64);
        /* Mostly valid pieces, so that the invalid one comes late. */
        gboolean allow_bad = g_rand_int_range(rand, 0, 4) == 0;
        while (len < target) {
            int k = g_rand_int_range(rand, 0, allow_bad ? (int)G_N_ELEMENTS(pieces) : 10);
            size_t n = strlen(pieces[k]);
            if (len + n > sizeof s)
                break;
            memcpy(s + len, pieces[k], n);
            len += n;
        }
        if (corpus_utf8_valid_prefix(s, len) != ref_valid_prefix((const guint8 *)s, len)) {
            if (!bad++) {
                g_autofree char *esc = unit_escape(s, len);
                fprintf(stderr, "valid prefix of %s: %zu, reference %zu\n", esc,
                        corpus_utf8_valid_prefix(s, len), ref_valid_prefix((const guint8 *)s, len));
            }
        }
    }
    g_rand_free(rand);
    UNIT_ASSERT_INT(bad, 0);
}

/* ---- corpus_utf8_sanitize -------------------------------------------------------------- */

typedef struct {
    gboolean ok;
    CorpusBuf out;
    GArray *anchors;
    CorpusUtf8Report report;
} Sanitized;

static void sanitize(Sanitized *r, const char *s, size_t len, CorpusInvalidPolicy policy)
{
    CorpusBuf init = CORPUS_BUF_INIT;

    r->out = init;
    r->anchors = g_array_new(FALSE, FALSE, sizeof(CorpusOffsetAnchor));
    memset(&r->report, 0, sizeof r->report);
    r->ok = corpus_utf8_sanitize(s, len, policy, &r->out, r->anchors, &r->report);
}

static void sanitized_clear(Sanitized *r)
{
    corpus_buf_clear(&r->out);
    g_array_unref(r->anchors);
}

#define FFFD "\xEF\xBF\xBD"

/* Count of U+FFFD in s. */
static size_t count_fffd(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i + 3 <= len; i++)
        if (memcmp(s + i, FFFD, 3) == 0)
            n++;
    return n;
}

static void check_replace(const char *in, size_t in_len, const char *want, size_t want_len,
                          guint64 want_count)
{
    Sanitized r;

    sanitize(&r, in, in_len, CORPUS_INVALID_REPLACE);
    CU_ASSERT(r.ok);
    UNIT_ASSERT_MEM(r.out.data, r.out.len, want, want_len);
    UNIT_ASSERT_INT(r.report.count, want_count);
    /* One U+FFFD per maximal subpart, besides those of the input. */
    UNIT_ASSERT_INT(count_fffd(r.out.data, r.out.len), want_count + count_fffd(in, in_len));
    sanitized_clear(&r);
}

#define REPLACE(in, want, count)                                                                   \
    check_replace((in), sizeof(in) - 1, (want), sizeof(want) - 1, (count))

static void test_sanitize_replace(void)
{
    REPLACE("abc", "abc", 0);
    /* F0 must be followed by 90..BF: F0 alone is one subpart, then each 80 is one. */
    REPLACE("a\xF0\x80\x80"
            "b",
            "a" FFFD FFFD FFFD "b", 3);
    /* Unicode 15, Table 3-8: 61 F1 80 80 E1 80 C2 62 80 63 80 BF 64. */
    REPLACE("\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64",
            "a" FFFD FFFD FFFD "b" FFFD "c" FFFD FFFD "d", 6);
    /* Table 3-9 (non-shortest forms): C0 AF E0 80 BF F0 81 82 41, one U+FFFD per byte. */
    REPLACE("\xC0\xAF\xE0\x80\xBF\xF0\x81\x82\x41", FFFD FFFD FFFD FFFD FFFD FFFD FFFD FFFD "A", 8);
    /* Table 3-10 (surrogates): ED A0 80 ED BF BF ED AF 41. */
    REPLACE("\xED\xA0\x80\xED\xBF\xBF\xED\xAF\x41", FFFD FFFD FFFD FFFD FFFD FFFD FFFD FFFD "A", 8);
    /* Table 3-11 (other ill-formed): F4 91 92 93 FF 41 80 BF 42. */
    REPLACE("\xF4\x91\x92\x93\xFF\x41\x80\xBF\x42", FFFD FFFD FFFD FFFD FFFD "A" FFFD FFFD "B", 7);
    /* Table 3-12 (truncated): E1 80 E2 F0 91 92 F1 BF 41: E1 80 | E2 | F0 91 92 | F1 BF. */
    REPLACE("\xE1\x80\xE2\xF0\x91\x92\xF1\xBF\x41", FFFD FFFD FFFD FFFD "A", 4);
    /* Truncated at the very end. */
    REPLACE("\xD9\x83\xD8", "\xD9\x83" FFFD, 1);
    REPLACE("x\xF0\x9F\x98", "x" FFFD, 1);
    /* U+FFFD itself in the input is valid and not counted. */
    REPLACE(FFFD "\xFF", FFFD FFFD, 1);
}

static void test_sanitize_skip_fail_warn(void)
{
    static const char in[] = "ab\xF0\x80\x80"
                             "cd\xFF";
    Sanitized r;

    sanitize(&r, in, sizeof in - 1, CORPUS_INVALID_SKIP);
    CU_ASSERT(r.ok);
    UNIT_ASSERT_MEM(r.out.data, r.out.len, "abcd", 4);
    UNIT_ASSERT_INT(r.report.count, 4);
    UNIT_ASSERT_INT(r.report.first, 2);
    sanitized_clear(&r);

    sanitize(&r, in, sizeof in - 1, CORPUS_INVALID_WARN);
    CU_ASSERT(r.ok);
    UNIT_ASSERT_MEM(r.out.data, r.out.len, "ab" FFFD FFFD FFFD "cd" FFFD, 16);
    UNIT_ASSERT_INT(r.report.count, 4);
    UNIT_ASSERT_INT(r.report.first, 2);
    sanitized_clear(&r);

    /* fail stops at the first invalid sequence and says where and what. */
    sanitize(&r, in, sizeof in - 1, CORPUS_INVALID_FAIL);
    CU_ASSERT_FALSE(r.ok);
    UNIT_ASSERT_INT(r.report.count, 1);
    UNIT_ASSERT_INT(r.report.first, 2);
    UNIT_ASSERT_INT(r.report.n_bytes, 2); /* F0, then the 80 that broke it */
    UNIT_ASSERT_INT(r.report.bytes[0], 0xF0);
    UNIT_ASSERT_INT(r.report.bytes[1], 0x80);
    CU_ASSERT_FALSE(r.report.at_end);
    sanitized_clear(&r);

    /* fail with valid text succeeds. */
    sanitize(&r, "ok", 2, CORPUS_INVALID_FAIL);
    CU_ASSERT(r.ok);
    UNIT_ASSERT_INT(r.report.count, 0);
    UNIT_ASSERT_MEM(r.out.data, r.out.len, "ok", 2);
    sanitized_clear(&r);
}

static void check_report(const char *in, size_t len, size_t first, const char *bytes_text,
                         gboolean at_end, unsigned line)
{
    Sanitized r;
    char desc[64];

    sanitize(&r, in, len, CORPUS_INVALID_REPLACE);
    corpus_utf8_describe_bytes(&r.report, desc, sizeof desc);
    unit_assert_i64((gint64)r.report.first, (gint64)first, "report.first", line, __FILE__,
                    "check_report");
    unit_assert_mem(desc, strlen(desc), bytes_text, strlen(bytes_text), "report bytes", line,
                    __FILE__, "check_report");
    unit_assert_i64(r.report.at_end, at_end, "report.at_end", line, __FILE__, "check_report");
    sanitized_clear(&r);
}

#define REPORT(lit, first, bytes, at_end)                                                          \
    check_report((lit), sizeof(lit) - 1, (first), (bytes), (at_end), __LINE__)

static void test_sanitize_report(void)
{
    /* The example of DESIGN.md: C3 broken by '('. */
    REPORT("caf\xC3\x28", 3, "0xC3 0x28", FALSE);
    /* A subpart of three bytes and the byte that broke it. */
    REPORT("\xF0\x90\x80\x41", 0, "0xF0 0x90 0x80 0x41", FALSE);
    /* Cut off by the end of the text. */
    REPORT("ab\xE2\x82", 2, "0xE2 0x82", TRUE);
    REPORT("ab\xC3", 2, "0xC3", TRUE);
    REPORT("\xF0\x9F\x98", 0, "0xF0 0x9F 0x98", TRUE);
    /* Invalid on their own even at the end: not cut off. */
    REPORT("ab\x80", 2, "0x80", FALSE);
    REPORT("ab\xFF", 2, "0xFF", FALSE);
    REPORT("ab\xC0", 2, "0xC0", FALSE);
    /* E0 80 at the end: E0 is broken by 80, not by the end. */
    REPORT("x\xE0\x80", 1, "0xE0 0x80", FALSE);
    /* A byte that can never start a sequence is invalid by itself: nothing broke it, so the
     * byte after it is not shown.  Only the first invalid sequence is reported. */
    REPORT("\xD9\x83\xFE"
           "a\xFF",
           2, "0xFE", FALSE);
    REPORT("\x80x", 0, "0x80", FALSE);
    REPORT("\xC1\xBF", 0, "0xC1", FALSE);
}

/* ---- corpus_utf8_map_offset ------------------------------------------------------------ */

static void test_map_offset(void)
{
    Sanitized r;

    /* NULL or empty anchors: identity. */
    UNIT_ASSERT_INT(corpus_utf8_map_offset(NULL, 17), 17);
    GArray *none = g_array_new(FALSE, FALSE, sizeof(CorpusOffsetAnchor));
    UNIT_ASSERT_INT(corpus_utf8_map_offset(none, 5), 5);
    g_array_unref(none);

    /* Replace: "ab" FF "cd" -> "ab" EF BF BD "cd": 'c' moves from 3 to 5. */
    sanitize(&r,
             "ab\xFF"
             "cd",
             5, CORPUS_INVALID_REPLACE);
    UNIT_ASSERT_MEM(r.out.data, r.out.len, "ab" FFFD "cd", 7);
    UNIT_ASSERT_INT(corpus_utf8_map_offset(r.anchors, 0), 0);
    UNIT_ASSERT_INT(corpus_utf8_map_offset(r.anchors, 1), 1);
    UNIT_ASSERT_INT(corpus_utf8_map_offset(r.anchors, 2), 2); /* the U+FFFD: the bad byte */
    UNIT_ASSERT_INT(corpus_utf8_map_offset(r.anchors, 5), 3); /* 'c' */
    UNIT_ASSERT_INT(corpus_utf8_map_offset(r.anchors, 6), 4); /* 'd' */
    UNIT_ASSERT_INT(corpus_utf8_map_offset(r.anchors, 7), 5); /* the end */
    sanitized_clear(&r);

    /* Skip: "ab" FF FE "cd" -> "abcd": 'c' moves from 4 to 2. */
    sanitize(&r,
             "ab\xFF\xFE"
             "cd",
             6, CORPUS_INVALID_SKIP);
    UNIT_ASSERT_MEM(r.out.data, r.out.len, "abcd", 4);
    UNIT_ASSERT_INT(corpus_utf8_map_offset(r.anchors, 1), 1);
    UNIT_ASSERT_INT(corpus_utf8_map_offset(r.anchors, 2), 4);
    UNIT_ASSERT_INT(corpus_utf8_map_offset(r.anchors, 3), 5);
    UNIT_ASSERT_INT(corpus_utf8_map_offset(r.anchors, 4), 6);
    sanitized_clear(&r);

    /* Replace with a 2-byte subpart first and a cut character last:
     * E2 82 'x' C3 -> FFFD 'x' FFFD. */
    sanitize(&r, "\xE2\x82x\xC3", 4, CORPUS_INVALID_REPLACE);
    UNIT_ASSERT_MEM(r.out.data, r.out.len, FFFD "x" FFFD, 7);
    UNIT_ASSERT_INT(corpus_utf8_map_offset(r.anchors, 0), 0);
    UNIT_ASSERT_INT(corpus_utf8_map_offset(r.anchors, 3), 2); /* 'x' */
    UNIT_ASSERT_INT(corpus_utf8_map_offset(r.anchors, 4), 3); /* the second U+FFFD: C3 */
    UNIT_ASSERT_INT(corpus_utf8_map_offset(r.anchors, 7), 4);
    sanitized_clear(&r);

    /* Where bytes were skipped a position has two readings: corpus_utf8_map_offset() gives
     * the one after them (where a token starts), corpus_utf8_map_end() the one before them
     * (where a token ends).  "ab" FF "cd" -> "abcd". */
    sanitize(&r,
             "ab\xFF"
             "cd",
             5, CORPUS_INVALID_SKIP);
    UNIT_ASSERT_INT(corpus_utf8_map_offset(r.anchors, 2), 3);
    UNIT_ASSERT_INT(corpus_utf8_map_end(r.anchors, 2), 2);
    UNIT_ASSERT_INT(corpus_utf8_map_end(r.anchors, 1), 1);
    UNIT_ASSERT_INT(corpus_utf8_map_end(r.anchors, 4), 5);
    sanitized_clear(&r);
    /* Replace: the end of the U+FFFD is the end of the byte it stands for. */
    sanitize(&r,
             "ab\xFF"
             "cd",
             5, CORPUS_INVALID_REPLACE);
    UNIT_ASSERT_INT(corpus_utf8_map_end(r.anchors, 2), 2);
    UNIT_ASSERT_INT(corpus_utf8_map_end(r.anchors, 5), 3);
    UNIT_ASSERT_INT(corpus_utf8_map_end(r.anchors, 7), 5);
    sanitized_clear(&r);
    UNIT_ASSERT_INT(corpus_utf8_map_end(NULL, 9), 9);

    /* Many replacements: every clean position of an ASCII byte maps back to it. */
    GString *in = g_string_new(NULL);
    for (int i = 0; i < 200; i++)
        g_string_append(in, i % 3 ? "k\xD9\x83" : "\x80k");
    sanitize(&r, in->str, in->len, CORPUS_INVALID_SKIP);
    guint64 bad = 0;
    for (size_t clean = 0; clean < r.out.len; clean++) {
        size_t orig = corpus_utf8_map_offset(r.anchors, clean);
        if (orig >= in->len || in->str[orig] != r.out.data[clean])
            bad++;
    }
    UNIT_ASSERT_INT(bad, 0);
    UNIT_ASSERT_INT(corpus_utf8_map_offset(r.anchors, r.out.len), in->len);
    sanitized_clear(&r);
    g_string_free(in, TRUE);
}

/* ---- corpus_utf8_encode ---------------------------------------------------------------- */

static void check_encode(gunichar cp, const char *want, size_t want_len)
{
    char out[4];
    int n = corpus_utf8_encode(cp, out);
    UNIT_ASSERT_MEM(out, (size_t)n, want, want_len);
}

#define ENCODE(cp, lit) check_encode((cp), (lit), sizeof(lit) - 1)

static void test_encode(void)
{
    ENCODE(0x00, "\0");
    ENCODE(0x41, "A");
    ENCODE(0x7F, "\x7F");
    ENCODE(0x80, "\xC2\x80");
    ENCODE(0x0627, "\xD8\xA7");
    ENCODE(0x07FF, "\xDF\xBF");
    ENCODE(0x0800, "\xE0\xA0\x80");
    ENCODE(0xFFFD, FFFD);
    ENCODE(0xFFFF, "\xEF\xBF\xBF");
    ENCODE(0x10000, "\xF0\x90\x80\x80");
    ENCODE(0x1F600, "\xF0\x9F\x98\x80");
    ENCODE(0x10FFFF, "\xF4\x8F\xBF\xBF");

    /* Round trip over every scalar value; GLib agrees on the bytes. */
    guint64 bad = 0;
    for (gunichar cp = 0; cp <= 0x10FFFF; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        char out[4], glib[6];
        gunichar back = 0;
        int n = corpus_utf8_encode(cp, out);
        int g = g_unichar_to_utf8(cp, glib);
        if (n != g || memcmp(out, glib, (size_t)n) != 0 ||
            corpus_utf8_decode(out, (size_t)n, &back) != n || back != cp ||
            corpus_utf8_valid_prefix(out, (size_t)n) != (size_t)n)
            bad++;
    }
    UNIT_ASSERT_INT(bad, 0);
}

/* ---- corpus_utf8_parse_policy ---------------------------------------------------------- */

static void test_parse_policy(void)
{
    static const struct {
        const char *name;
        CorpusInvalidPolicy policy;
    } good[] = {
        {"warn", CORPUS_INVALID_WARN},
        {"fail", CORPUS_INVALID_FAIL},
        {"replace", CORPUS_INVALID_REPLACE},
        {"skip", CORPUS_INVALID_SKIP},
    };
    static const char *const bad[] = {"",      "Warn",     "FAIL",      "ignore",
                                      "skip ", " replace", "warn,fail", "strict"};

    for (guint i = 0; i < G_N_ELEMENTS(good); i++) {
        CorpusInvalidPolicy p = (CorpusInvalidPolicy)99;
        GError *error = NULL;
        CU_ASSERT(corpus_utf8_parse_policy(good[i].name, &p, &error));
        UNIT_ASSERT_INT(p, good[i].policy);
        CU_ASSERT_PTR_NULL(error);
    }
    for (guint i = 0; i < G_N_ELEMENTS(bad); i++) {
        CorpusInvalidPolicy p = CORPUS_INVALID_SKIP;
        GError *error = NULL;
        CU_ASSERT_FALSE(corpus_utf8_parse_policy(bad[i], &p, &error));
        UNIT_ASSERT_ERROR(error, CORPUS_ERROR_USAGE);
        UNIT_ASSERT_INT(p, CORPUS_INVALID_SKIP); /* left alone */
        /* The message quotes the value. */
        if (error) {
            g_autofree char *quoted = g_strdup_printf("'%s'", bad[i]);
            CU_ASSERT_PTR_NOT_NULL(strstr(error->message, quoted));
        }
        g_clear_error(&error);
    }
}

int main(void)
{
    static const UnitTest tests[] = {
        UNIT_TEST(test_decode_valid),
        UNIT_TEST(test_decode_ill_formed),
        UNIT_TEST(test_decode_truncated),
        UNIT_TEST(test_decode_exhaustive),
        UNIT_TEST(test_valid_prefix),
        UNIT_TEST(test_valid_prefix_fast_path),
        UNIT_TEST(test_valid_prefix_random),
        UNIT_TEST(test_sanitize_replace),
        UNIT_TEST(test_sanitize_skip_fail_warn),
        UNIT_TEST(test_sanitize_report),
        UNIT_TEST(test_map_offset),
        UNIT_TEST(test_encode),
        UNIT_TEST(test_parse_policy),
    };
    return unit_run("utf8", tests, G_N_ELEMENTS(tests));
}
