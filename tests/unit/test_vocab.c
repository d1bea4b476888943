/* Unit tests of vocab: dense ids in order of first appearance, byte-exact lookups (strings
 * that differ only past the bytes a slot keeps inline, embedded NUL bytes, the empty string,
 * long strings), 64-bit counts and their overflow, growth, bytewise order, reset, and the
 * memory quota.
 * SPDX-License-Identifier: MIT */
#include <corpus/vocab.h>

#include "unit.h"

/* A string given by its bytes and length (may hold NUL bytes). */
typedef struct {
    const char *s;
    size_t len;
} Bytes;

#define B(lit)                                                                                     \
    {                                                                                              \
        (lit), sizeof(lit) - 1                                                                     \
    }

/* The text of id equals want[0..want_len). */
static void check_text(const CorpusVocab *v, guint32 id, const char *want, size_t want_len)
{
    size_t len = 0;
    const char *got = corpus_vocab_text(v, id, &len);
    UNIT_ASSERT_MEM(got, len, want, want_len);
}

static void test_dense_ids(void)
{
    g_autoptr(CorpusVocab) v = corpus_vocab_new(NULL);
    /* كتاب في البيت كتاب في ... */
    const char *words[] = {"\u0643\u062A\u0627\u0628",
                           "\u0641\u064A",
                           "\u0627\u0644\u0628\u064A\u062A",
                           "\u0643\u062A\u0627\u0628",
                           "\u0641\u064A",
                           "latin",
                           "\u0627\u0644\u0628\u064A\u062A",
                           "42"};
    const guint32 want[] = {0, 1, 2, 0, 1, 3, 2, 4};

    UNIT_ASSERT_INT(corpus_vocab_size(v), 0);
    for (size_t i = 0; i < G_N_ELEMENTS(words); i++) {
        guint32 id = corpus_vocab_intern(v, words[i], strlen(words[i]));
        UNIT_ASSERT_INT(id, want[i]);
    }
    UNIT_ASSERT_INT(corpus_vocab_size(v), 5);
    check_text(v, 0, words[0], strlen(words[0]));
    check_text(v, 1, words[1], strlen(words[1]));
    check_text(v, 2, words[2], strlen(words[2]));
    check_text(v, 3, "latin", 5);
    check_text(v, 4, "42", 2);
    /* Interning does not count. */
    for (guint32 id = 0; id < 5; id++)
        UNIT_ASSERT_INT(corpus_vocab_count(v, id), 0);
    /* The same bytes from another buffer give the same id. */
    char copy[16];
    memcpy(copy, words[2], strlen(words[2]));
    UNIT_ASSERT_INT(corpus_vocab_intern(v, copy, strlen(words[2])), 2);
    UNIT_ASSERT_INT(corpus_vocab_lookup(v, copy, strlen(words[2])), 2);
    /* A prefix of a string is another string. */
    UNIT_ASSERT_INT(corpus_vocab_lookup(v, "lati", 4), G_MAXUINT32);
    UNIT_ASSERT_INT(corpus_vocab_intern(v, "lati", 4), 5);
}

/* Strings around the 16 bytes kept inline in a slot: equal heads, different tails; equal bytes
 * with different lengths; trailing NUL bytes (which look like the zero padding of a head). */
static void test_inline_head(void)
{
    const Bytes strs[] = {
        B("0123456789abcdef"),     /* exactly 16 */
        B("0123456789abcdefX"),    /* differs only at byte 16 */
        B("0123456789abcdefY"),    /* ... from the one before */
        B("0123456789abcdefXY"),   /* one byte longer */
        B("0123456789abcdefXZ"),   /* differs only at byte 17 */
        B("0123456789abcde"),      /* 15 */
        B("0123456789abcde\0"),    /* 16 with a NUL at the end */
        B("0123456789abcdef\0"),   /* 17 with a NUL at the end */
        B("0123456789abcdef\0\0"), /* 18 */
        B("ab"),
        B("ab\0"),
        B("ab\0\0"),
        B("0123456789abcdef0123456789abcdef-tail-1"),
        B("0123456789abcdef0123456789abcdef-tail-2"),
        B("0123456789abcdef0123456789abcdeX-tail-1"), /* differs inside the tail, not the head */
    };
    g_autoptr(CorpusVocab) v = corpus_vocab_new(NULL);

    for (size_t i = 0; i < G_N_ELEMENTS(strs); i++)
        UNIT_ASSERT_INT(corpus_vocab_intern(v, strs[i].s, strs[i].len), i);
    UNIT_ASSERT_INT(corpus_vocab_size(v), G_N_ELEMENTS(strs));
    for (size_t i = 0; i < G_N_ELEMENTS(strs); i++) {
        UNIT_ASSERT_INT(corpus_vocab_lookup(v, strs[i].s, strs[i].len), i);
        UNIT_ASSERT_INT(corpus_vocab_add(v, strs[i].s, strs[i].len, i + 1), i);
        check_text(v, (guint32)i, strs[i].s, strs[i].len);
    }
    for (size_t i = 0; i < G_N_ELEMENTS(strs); i++)
        UNIT_ASSERT_INT(corpus_vocab_count(v, (guint32)i), i + 1);
    UNIT_ASSERT_INT(corpus_vocab_lookup(v, "0123456789abcdefZ", 17), G_MAXUINT32);
    UNIT_ASSERT_INT(corpus_vocab_lookup(v, "0123456789abcdef0123456789abcdef-tail-3", 39),
                    G_MAXUINT32);
}

static void test_nul_and_empty(void)
{
    g_autoptr(CorpusVocab) v = corpus_vocab_new(NULL);

    UNIT_ASSERT_INT(corpus_vocab_intern(v, "", 0), 0);
    UNIT_ASSERT_INT(corpus_vocab_intern(v, "\0", 1), 1);
    UNIT_ASSERT_INT(corpus_vocab_intern(v, "\0\0", 2), 2);
    UNIT_ASSERT_INT(corpus_vocab_intern(v, "a\0b", 3), 3);
    UNIT_ASSERT_INT(corpus_vocab_intern(v, "a\0c", 3), 4);
    UNIT_ASSERT_INT(corpus_vocab_intern(v, "a", 1), 5);
    /* Only the given length counts, not the bytes after it. */
    UNIT_ASSERT_INT(corpus_vocab_intern(v, "a\0b", 1), 5);
    UNIT_ASSERT_INT(corpus_vocab_intern(v, "xyz", 0), 0);
    UNIT_ASSERT_INT(corpus_vocab_add(v, "", 0, 7), 0);
    UNIT_ASSERT_INT(corpus_vocab_count(v, 0), 7);
    UNIT_ASSERT_INT(corpus_vocab_lookup(v, "\0", 1), 1);
    UNIT_ASSERT_INT(corpus_vocab_lookup(v, "a\0b", 3), 3);
    UNIT_ASSERT_INT(corpus_vocab_lookup(v, "a\0d", 3), G_MAXUINT32);
    UNIT_ASSERT_INT(corpus_vocab_lookup(v, "\0\0\0", 3), G_MAXUINT32);
    UNIT_ASSERT_INT(corpus_vocab_size(v), 6);
    check_text(v, 0, "", 0);
    check_text(v, 2, "\0\0", 2);
    check_text(v, 4, "a\0c", 3);
}

/* Strings of more than 16 KiB (and one of more than 64 KiB) keep every byte. */
static void test_long_strings(void)
{
    g_autoptr(CorpusVocab) v = corpus_vocab_new(NULL);
    const size_t lens[] = {16 * 1024 + 1, 20000, 20000, 20000, 70000, 1 << 20, 64 * 1024};
    char *strs[G_N_ELEMENTS(lens)];

    for (size_t i = 0; i < G_N_ELEMENTS(lens); i++) {
        strs[i] = g_malloc(lens[i]);
        for (size_t k = 0; k < lens[i]; k++)
            strs[i][k] = (char)('a' + k % 26);
    }
    /* strs[1..3]: the same length and bytes but the last one, or the middle one. */
    strs[2][lens[2] - 1] = '#';
    strs[3][lens[3] / 2] = '#';
    for (size_t i = 0; i < G_N_ELEMENTS(lens); i++)
        UNIT_ASSERT_INT(corpus_vocab_add(v, strs[i], lens[i], 1), i);
    /* Short strings after the long ones still go into the arena correctly. */
    UNIT_ASSERT_INT(corpus_vocab_intern(v, "short", 5), G_N_ELEMENTS(lens));
    for (size_t i = 0; i < G_N_ELEMENTS(lens); i++) {
        UNIT_ASSERT_INT(corpus_vocab_add(v, strs[i], lens[i], 1), i);
        UNIT_ASSERT_INT(corpus_vocab_count(v, (guint32)i), 2);
        size_t len = 0;
        const char *got = corpus_vocab_text(v, (guint32)i, &len);
        CU_ASSERT(len == lens[i] && memcmp(got, strs[i], len) == 0);
    }
    /* A long string one byte shorter is absent. */
    UNIT_ASSERT_INT(corpus_vocab_lookup(v, strs[4], lens[4] - 1), G_MAXUINT32);
    check_text(v, G_N_ELEMENTS(lens), "short", 5);
    for (size_t i = 0; i < G_N_ELEMENTS(lens); i++)
        g_free(strs[i]);
}

static void test_counts_and_overflow(void)
{
    g_autoptr(CorpusVocab) v = corpus_vocab_new(NULL);
    const guint64 max = G_MAXUINT64;

    UNIT_ASSERT_INT(corpus_vocab_add(v, "x", 1, 3), 0);
    UNIT_ASSERT_INT(corpus_vocab_add(v, "y", 1, 1), 1);
    UNIT_ASSERT_INT(corpus_vocab_add(v, "x", 1, 4), 0);
    UNIT_ASSERT_INT(corpus_vocab_intern(v, "x", 1), 0);
    UNIT_ASSERT_INT(corpus_vocab_add(v, "x", 1, 0), 0);
    CU_ASSERT(corpus_vocab_count(v, 0) == 7);
    CU_ASSERT(corpus_vocab_count(v, 1) == 1);

    /* Up to 2^64 - 1 exactly: 7 + (2^64 - 13) + 5 + 1 = 2^64 - 1. */
    UNIT_ASSERT_INT(corpus_vocab_add(v, "x", 1, max - 13), 0);
    UNIT_ASSERT_INT(corpus_vocab_add(v, "x", 1, 5), 0);
    CU_ASSERT(corpus_vocab_count(v, 0) == max - 1);
    UNIT_ASSERT_INT(corpus_vocab_add(v, "x", 1, 1), 0);
    CU_ASSERT(corpus_vocab_count(v, 0) == max);
    /* Adding nothing to the largest count is fine. */
    UNIT_ASSERT_INT(corpus_vocab_add(v, "x", 1, 0), 0);
    /* One more: refused, the count stays. */
    UNIT_ASSERT_INT(corpus_vocab_add(v, "x", 1, 1), G_MAXUINT32);
    CU_ASSERT(corpus_vocab_count(v, 0) == max);
    UNIT_ASSERT_INT(corpus_vocab_add(v, "x", 1, max), G_MAXUINT32);
    CU_ASSERT(corpus_vocab_count(v, 0) == max);
    /* The other entry is untouched and can still grow to the limit. */
    CU_ASSERT(corpus_vocab_count(v, 1) == 1);
    UNIT_ASSERT_INT(corpus_vocab_add(v, "y", 1, max - 2), 1);
    UNIT_ASSERT_INT(corpus_vocab_add(v, "y", 1, 2), G_MAXUINT32);
    CU_ASSERT(corpus_vocab_count(v, 1) == max - 1);
    /* A new entry can start at the limit. */
    UNIT_ASSERT_INT(corpus_vocab_add(v, "z", 1, max), 2);
    CU_ASSERT(corpus_vocab_count(v, 2) == max);
    UNIT_ASSERT_INT(corpus_vocab_size(v), 3);
}

static void test_lookup_absent(void)
{
    g_autoptr(CorpusVocab) v = corpus_vocab_new(NULL);

    UNIT_ASSERT_INT(corpus_vocab_lookup(v, "", 0), G_MAXUINT32);
    UNIT_ASSERT_INT(corpus_vocab_lookup(v, "a", 1), G_MAXUINT32);
    UNIT_ASSERT_INT(corpus_vocab_size(v), 0);
    corpus_vocab_intern(v, "\u0628\u064A\u062A", 6); /* بيت */
    UNIT_ASSERT_INT(corpus_vocab_lookup(v, "\u0628\u064A", 4), G_MAXUINT32);
    UNIT_ASSERT_INT(corpus_vocab_lookup(v, "\u0628\u064A\u062A\u0627", 8), G_MAXUINT32);
    UNIT_ASSERT_INT(corpus_vocab_lookup(v, "\u0628\u064A\u062A", 6), 0);
    /* Lookups add nothing. */
    UNIT_ASSERT_INT(corpus_vocab_size(v), 1);
}

static char *growth_string(guint32 i)
{
    /* Short, 16-byte-head-sharing long, and Arabic strings. */
    switch (i % 3) {
    case 0:
        return g_strdup_printf("w%u", i);
    case 1:
        return g_strdup_printf("a-very-long-prefix-%u", i);
    default:
        return g_strdup_printf("\u0643\u0644\u0645\u0629%u", i);
    }
}

/* 100,000 strings: the table grows many times; ids, counts and texts stay right. */
static void test_growth(void)
{
    const guint32 n = 100000;
    g_autoptr(CorpusVocab) v = corpus_vocab_new(NULL);
    guint bad_id = 0, bad_count = 0, bad_text = 0, bad_lookup = 0;

    for (guint32 i = 0; i < n; i++) {
        g_autofree char *s = growth_string(i);
        corpus_vocab_prefetch(v, s, strlen(s));
        if (corpus_vocab_add(v, s, strlen(s), i % 13 + 1) != i)
            bad_id++;
    }
    UNIT_ASSERT_INT(corpus_vocab_size(v), n);
    /* A second pass: the same ids, counts doubled for every other string. */
    for (guint32 i = 0; i < n; i += 2) {
        g_autofree char *s = growth_string(i);
        if (corpus_vocab_add(v, s, strlen(s), i % 13 + 1) != i)
            bad_id++;
    }
    for (guint32 i = 0; i < n; i++) {
        g_autofree char *s = growth_string(i);
        size_t len = 0;
        const char *t = corpus_vocab_text(v, i, &len);
        guint64 want = (guint64)(i % 13 + 1) * (i % 2 ? 1 : 2);
        if (corpus_vocab_count(v, i) != want)
            bad_count++;
        if (len != strlen(s) || memcmp(t, s, len) != 0)
            bad_text++;
        if (corpus_vocab_lookup(v, s, strlen(s)) != i)
            bad_lookup++;
    }
    UNIT_ASSERT_INT(bad_id, 0);
    UNIT_ASSERT_INT(bad_count, 0);
    UNIT_ASSERT_INT(bad_text, 0);
    UNIT_ASSERT_INT(bad_lookup, 0);
    UNIT_ASSERT_INT(corpus_vocab_size(v), n);
    UNIT_ASSERT_INT(corpus_vocab_lookup(v, "w100000", 7), G_MAXUINT32);
}

/* Reference order: memcmp over the common length, then the shorter first. */
static int ref_compare(const void *a, const void *b, void *data)
{
    const CorpusVocab *v = data;
    guint32 x = *(const guint32 *)a, y = *(const guint32 *)b;
    size_t lx, ly;
    const char *sx = corpus_vocab_text(v, x, &lx);
    const char *sy = corpus_vocab_text(v, y, &ly);
    int c = memcmp(sx, sy, MIN(lx, ly));
    if (c)
        return c;
    return lx < ly ? -1 : lx > ly ? 1 : 0;
}

static void test_sorted_ids(void)
{
    g_autoptr(CorpusVocab) v = corpus_vocab_new(NULL);
    GRand *rand = g_rand_new_with_seed(20240611);
    /* Few distinct bytes, so that many strings share prefixes; 0x00 and 0xFF order as
     * unsigned bytes. */
    const char alphabet[] = {'\0', 'a', 'b', ' ', '\t', (char)0x80, (char)0xD8, (char)0xFF};

    /* Empty: an empty array that can be freed. */
    guint32 *none = corpus_vocab_sorted_ids(v);
    g_free(none);

    for (guint i = 0; i < 20000; i++) {
        char s[40];
        guint len = (guint)g_rand_int_range(rand, 0, i % 10 == 0 ? 40 : 6);
        for (guint k = 0; k < len; k++)
            s[k] = alphabet[g_rand_int_range(rand, 0, sizeof alphabet)];
        corpus_vocab_intern(v, s, len);
    }
    guint32 n = corpus_vocab_size(v);
    CU_ASSERT(n > 1000);
    guint32 *got = corpus_vocab_sorted_ids(v);
    guint32 *want = g_new(guint32, n);
    for (guint32 i = 0; i < n; i++)
        want[i] = i;
    qsort_r(want, n, sizeof(guint32), ref_compare, v);
    guint32 diff = 0;
    for (guint32 i = 0; i < n; i++)
        diff += got[i] != want[i];
    UNIT_ASSERT_INT(diff, 0);
    g_free(got);
    g_free(want);
    g_rand_free(rand);

    /* A small case by hand: "" < "\0" < "a" < "a\0" < "ab" < "b" < "\xD8\xA8" < "\xFF". */
    g_autoptr(CorpusVocab) w = corpus_vocab_new(NULL);
    const Bytes strs[] = {B("\xFF"), B("ab"), B("a\0"), B("\u0628"),
                          B(""),     B("b"),  B("a"),   B("\0")};
    const guint32 order[] = {4, 7, 6, 2, 1, 5, 3, 0};
    for (size_t i = 0; i < G_N_ELEMENTS(strs); i++)
        corpus_vocab_intern(w, strs[i].s, strs[i].len);
    guint32 *ids = corpus_vocab_sorted_ids(w);
    for (size_t i = 0; i < G_N_ELEMENTS(order); i++)
        UNIT_ASSERT_INT(ids[i], order[i]);
    g_free(ids);
}

static void test_reset(void)
{
    CorpusQuota fresh_quota = CORPUS_QUOTA_UNLIMITED, quota = CORPUS_QUOTA_UNLIMITED;
    CorpusVocab *fresh = corpus_vocab_new(&fresh_quota);
    CorpusVocab *v = corpus_vocab_new(&quota);

    UNIT_ASSERT_INT(quota.used, fresh_quota.used);
    for (guint32 i = 0; i < 50000; i++) {
        g_autofree char *s = growth_string(i);
        corpus_vocab_add(v, s, strlen(s), 1);
    }
    CU_ASSERT(quota.used > fresh_quota.used + 50000 * 4);
    corpus_vocab_reset(v);
    UNIT_ASSERT_INT(corpus_vocab_size(v), 0);
    /* Back to what a new vocabulary holds, which is small. */
    UNIT_ASSERT_INT(quota.used, fresh_quota.used);
    CU_ASSERT(quota.used <= 64 * 1024);
    UNIT_ASSERT_INT(corpus_vocab_lookup(v, "w0", 2), G_MAXUINT32);
    /* Ids start again at 0, counts at 0. */
    UNIT_ASSERT_INT(corpus_vocab_add(v, "w3", 2, 2), 0);
    UNIT_ASSERT_INT(corpus_vocab_intern(v, "w0", 2), 1);
    UNIT_ASSERT_INT(corpus_vocab_count(v, 0), 2);
    UNIT_ASSERT_INT(corpus_vocab_count(v, 1), 0);
    check_text(v, 0, "w3", 2);
    corpus_vocab_reset(v);
    corpus_vocab_reset(v);
    UNIT_ASSERT_INT(quota.used, fresh_quota.used);
    /* Freeing gives everything back to a shared quota. */
    corpus_vocab_free(v);
    corpus_vocab_free(fresh);
    UNIT_ASSERT_INT(quota.used, 0);
    UNIT_ASSERT_INT(fresh_quota.used, 0);
    corpus_vocab_free(NULL);
}

static void test_quota_helpers(void)
{
    CorpusQuota q = {100, 0, FALSE};

    CU_ASSERT(corpus_quota_allows(&q, 100));
    CU_ASSERT_FALSE(q.over);
    UNIT_ASSERT_INT(q.used, 0);
    CU_ASSERT(corpus_quota_charge(&q, 60));
    CU_ASSERT(corpus_quota_charge(&q, 40)); /* exactly the limit */
    CU_ASSERT_FALSE(q.over);
    CU_ASSERT_FALSE(corpus_quota_allows(&q, 1));
    CU_ASSERT(q.over);
    UNIT_ASSERT_INT(q.used, 100);
    q.over = FALSE;
    CU_ASSERT_FALSE(corpus_quota_charge(&q, 1));
    CU_ASSERT(q.over);
    UNIT_ASSERT_INT(q.used, 101);
    corpus_quota_release(&q, 51);
    UNIT_ASSERT_INT(q.used, 50);
    corpus_quota_release(&q, 1000); /* never below zero */
    UNIT_ASSERT_INT(q.used, 0);

    CorpusQuota u = CORPUS_QUOTA_UNLIMITED;
    CU_ASSERT(corpus_quota_charge(&u, (size_t)1 << 40));
    CU_ASSERT(corpus_quota_allows(&u, (size_t)1 << 40));
    CU_ASSERT_FALSE(u.over);
}

/* A small limit: the vocabulary says `over` while still near it, and keeps working after. */
static void test_quota_limit(void)
{
    const size_t limit = 1 << 20;
    CorpusQuota quota = {limit, 0, FALSE};
    CorpusVocab *v = corpus_vocab_new(&quota);
    guint32 n = 0;

    CU_ASSERT_FALSE(quota.over);
    CU_ASSERT(quota.used > 0 && quota.used <= limit);
    /* 200,000 strings of 8 bytes or more are more than 1 MiB of text alone. */
    while (!quota.over && n < 200000) {
        g_autofree char *s = g_strdup_printf("tok%05u", n);
        UNIT_ASSERT_INT(corpus_vocab_add(v, s, strlen(s), 1), n);
        n++;
    }
    CU_ASSERT(quota.over);
    CU_ASSERT(n > 1000);
    if (quota.used > limit + limit / 2)
        fprintf(stderr, "quota: %zu bytes used at over, limit %zu\n", quota.used, limit);
    CU_ASSERT(quota.used <= limit + limit / 2);
    /* Entries are still accepted (the owner is expected to reset soon). */
    guint32 more = n + 20000;
    guint bad = 0;
    for (guint32 i = n; i < more; i++) {
        g_autofree char *s = g_strdup_printf("tok%05u", i);
        bad += corpus_vocab_add(v, s, strlen(s), 1) != i;
    }
    for (guint32 i = 0; i < more; i++) {
        g_autofree char *s = g_strdup_printf("tok%05u", i);
        bad += corpus_vocab_lookup(v, s, strlen(s)) != i;
        bad += corpus_vocab_count(v, i) != 1;
    }
    UNIT_ASSERT_INT(bad, 0);
    CU_ASSERT(quota.over);
    corpus_vocab_reset(v);
    CU_ASSERT(quota.used <= 64 * 1024);
    corpus_vocab_free(v);
    UNIT_ASSERT_INT(quota.used, 0);
}

int main(void)
{
    static const UnitTest tests[] = {
        UNIT_TEST(test_dense_ids),
        UNIT_TEST(test_inline_head),
        UNIT_TEST(test_nul_and_empty),
        UNIT_TEST(test_long_strings),
        UNIT_TEST(test_counts_and_overflow),
        UNIT_TEST(test_lookup_absent),
        UNIT_TEST(test_growth),
        UNIT_TEST(test_sorted_ids),
        UNIT_TEST(test_reset),
        UNIT_TEST(test_quota_helpers),
        UNIT_TEST(test_quota_limit),
    };
    return unit_run("vocab", tests, G_N_ELEMENTS(tests));
}
