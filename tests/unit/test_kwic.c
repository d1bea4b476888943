/* Unit tests of the concordance: how queries are read (normalization, stemming, --keep, stop
 * words, regular expressions) and matched, and the lines built from a token stream: context at
 * document edges, spans shared by split tokens, invalid bytes, and the orders of --sort.
 * Expected values are derived by hand in the comments.
 * SPDX-License-Identifier: MIT */
#include <corpus/corpus.h>

#include "unit.h"

/* A query read under a normalization, a stemmer, a keep set and a stop list. */
static CorpusKwicQuery *query(const char *q, CorpusNormFlags flags, CorpusStemAlgo stem,
                              CorpusTokClassSet keep, gboolean regex, const char *stop,
                              GError **error)
{
    static CorpusNorm *norms[1u << 10];
    static CorpusStopwords *ar;
    if (!norms[flags])
        norms[flags] = corpus_norm_new(flags);
    if (stop && !ar)
        ar = corpus_stopwords_load(stop, norms[flags], NULL);
    static CorpusKwicQuerySpec spec;
    spec = (CorpusKwicQuerySpec){norms[flags], stem, stop ? ar : NULL, keep, regex};
    return corpus_kwic_query_new(q, &spec, error);
}

static void test_query_plain(void)
{
    GError *error = NULL;
    /* Two tokens: two terms, as written under basic (no hamza folding). */
    CorpusKwicQuery *q = query("وزير الخارجية", CORPUS_NORM_BASIC, CORPUS_STEM_NONE,
                               CORPUS_TOK_CONTENT, FALSE, NULL, &error);
    UNIT_ASSERT_INT(corpus_kwic_query_n_terms(q), 2);
    UNIT_ASSERT_STR(corpus_kwic_query_term(q, 0), "وزير");
    UNIT_ASSERT_STR(corpus_kwic_query_term(q, 1), "الخارجية");
    /* The mask has bit i for term i; a token is compared whole. */
    UNIT_ASSERT_INT(corpus_kwic_query_match(q, "وزير", strlen("وزير")), 1);
    UNIT_ASSERT_INT(corpus_kwic_query_match(q, "الخارجية", strlen("الخارجية")), 2);
    UNIT_ASSERT_INT(corpus_kwic_query_match(q, "وزيرة", strlen("وزيرة")), 0);
    corpus_kwic_query_free(q);

    /* basic deletes harakat and tatweel in the query as in the text: كَتَبَ -> كتب, كـتـب -> كتب. */
    q = query("كَتَبَ كـتـب", CORPUS_NORM_BASIC, CORPUS_STEM_NONE, CORPUS_TOK_CONTENT, FALSE, NULL,
              &error);
    UNIT_ASSERT_STR(corpus_kwic_query_term(q, 0), "كتب");
    UNIT_ASSERT_STR(corpus_kwic_query_term(q, 1), "كتب");
    /* Both terms match the token: bits 0 and 1. */
    UNIT_ASSERT_INT(corpus_kwic_query_match(q, "كتب", strlen("كتب")), 3);
    corpus_kwic_query_free(q);

    /* search folds أ إ آ to ا, ة to ه, ى to ي and lowercases: أمريكا -> امريكا, مدرسة -> مدرسه,
     * إلى -> الي, UN -> un. */
    q = query("أمريكا مدرسة إلى UN", CORPUS_NORM_SEARCH, CORPUS_STEM_NONE, CORPUS_TOK_CONTENT,
              FALSE, NULL, &error);
    UNIT_ASSERT_INT(corpus_kwic_query_n_terms(q), 4);
    UNIT_ASSERT_STR(corpus_kwic_query_term(q, 0), "امريكا");
    UNIT_ASSERT_STR(corpus_kwic_query_term(q, 1), "مدرسه");
    UNIT_ASSERT_STR(corpus_kwic_query_term(q, 2), "الي");
    UNIT_ASSERT_STR(corpus_kwic_query_term(q, 3), "un");
    corpus_kwic_query_free(q);
    g_assert_no_error(error);
}

static void test_query_stem(void)
{
    GError *error = NULL;
    /* light10: و then the article ال go, then the suffix ها: والكتاب -> كتاب, كتابها -> كتاب.
     * A number is not stemmed. */
    CorpusKwicQuery *q = query("والكتاب كتابها 2020", CORPUS_NORM_BASIC, CORPUS_STEM_LIGHT10,
                               CORPUS_TOK_CONTENT, FALSE, NULL, &error);
    UNIT_ASSERT_INT(corpus_kwic_query_n_terms(q), 3);
    UNIT_ASSERT_STR(corpus_kwic_query_term(q, 0), "كتاب");
    UNIT_ASSERT_STR(corpus_kwic_query_term(q, 1), "كتاب");
    UNIT_ASSERT_STR(corpus_kwic_query_term(q, 2), "2020");
    corpus_kwic_query_free(q);
    g_assert_no_error(error);
}

static void test_query_keep_and_stop(void)
{
    GError *error = NULL;
    /* Punctuation is not kept by default: left out of the query as of the text. */
    CorpusKwicQuery *q = query("قال ، ثم", CORPUS_NORM_BASIC, CORPUS_STEM_NONE, CORPUS_TOK_CONTENT,
                               FALSE, NULL, &error);
    UNIT_ASSERT_INT(corpus_kwic_query_n_terms(q), 2);
    UNIT_ASSERT_STR(corpus_kwic_query_term(q, 1), "ثم");
    corpus_kwic_query_free(q);
    /* With --keep=all it is a term. */
    q = query("قال ، ثم", CORPUS_NORM_BASIC, CORPUS_STEM_NONE, CORPUS_TOK_ALL, FALSE, NULL, &error);
    UNIT_ASSERT_INT(corpus_kwic_query_n_terms(q), 3);
    UNIT_ASSERT_STR(corpus_kwic_query_term(q, 1), "،");
    corpus_kwic_query_free(q);
    g_assert_no_error(error);

    /* Only punctuation: nothing to match. */
    q = query("، ؟", CORPUS_NORM_BASIC, CORPUS_STEM_NONE, CORPUS_TOK_CONTENT, FALSE, NULL, &error);
    CU_ASSERT_PTR_NULL(q);
    UNIT_ASSERT_ERROR(error, CORPUS_ERROR_USAGE);
    CU_ASSERT_PTR_NOT_NULL(error && strstr(error->message, "punct"));
    g_clear_error(&error);
    /* Only harakat: empty after normalization. */
    q = query("\xd9\x8e\xd9\x90", CORPUS_NORM_BASIC, CORPUS_STEM_NONE, CORPUS_TOK_CONTENT, FALSE,
              NULL, &error);
    CU_ASSERT_PTR_NULL(q);
    UNIT_ASSERT_ERROR(error, CORPUS_ERROR_USAGE);
    CU_ASSERT_PTR_NOT_NULL(error && strstr(error->message, "empty after normalization"));
    g_clear_error(&error);
    /* Blank, and invalid UTF-8. */
    q = query("  ", CORPUS_NORM_BASIC, CORPUS_STEM_NONE, CORPUS_TOK_CONTENT, FALSE, NULL, &error);
    UNIT_ASSERT_ERROR(error, CORPUS_ERROR_USAGE);
    g_clear_error(&error);
    q = query("a\xff", CORPUS_NORM_BASIC, CORPUS_STEM_NONE, CORPUS_TOK_CONTENT, FALSE, NULL,
              &error);
    UNIT_ASSERT_ERROR(error, CORPUS_ERROR_USAGE);
    g_clear_error(&error);
    /* في is in the built-in stop list: it could never match. */
    q = query("في البيت", CORPUS_NORM_BASIC, CORPUS_STEM_NONE, CORPUS_TOK_CONTENT, FALSE, "ar",
              &error);
    CU_ASSERT_PTR_NULL(q);
    UNIT_ASSERT_ERROR(error, CORPUS_ERROR_USAGE);
    CU_ASSERT_PTR_NOT_NULL(error && strstr(error->message, "stop word"));
    g_clear_error(&error);
    /* 65 tokens are one too many. */
    GString *many = g_string_new(NULL);
    for (int i = 0; i < CORPUS_KWIC_MAX_TERMS + 1; i++)
        g_string_append(many, "a ");
    q = query(many->str, CORPUS_NORM_BASIC, CORPUS_STEM_NONE, CORPUS_TOK_CONTENT, FALSE, NULL,
              &error);
    CU_ASSERT_PTR_NULL(q);
    UNIT_ASSERT_ERROR(error, CORPUS_ERROR_USAGE);
    g_clear_error(&error);
    g_string_free(many, TRUE);
}

static void test_query_regex(void)
{
    GError *error = NULL;
    /* Two patterns; each must match a whole token. */
    CorpusKwicQuery *q = query("ال.*ية كتب?", CORPUS_NORM_BASIC, CORPUS_STEM_NONE,
                               CORPUS_TOK_CONTENT, TRUE, NULL, &error);
    UNIT_ASSERT_INT(corpus_kwic_query_n_terms(q), 2);
    UNIT_ASSERT_INT(corpus_kwic_query_match(q, "الخارجية", strlen("الخارجية")), 1);
    /* الخارجيات does not end in ية: a partial match is no match. */
    UNIT_ASSERT_INT(corpus_kwic_query_match(q, "الخارجيات", strlen("الخارجيات")), 0);
    /* كتب? is كت or كتب, not كتبت (anchored at both ends). */
    UNIT_ASSERT_INT(corpus_kwic_query_match(q, "كتب", strlen("كتب")), 2);
    UNIT_ASSERT_INT(corpus_kwic_query_match(q, "كت", strlen("كت")), 2);
    UNIT_ASSERT_INT(corpus_kwic_query_match(q, "كتبت", strlen("كتبت")), 0);
    /* Memoized: the same answer again. */
    UNIT_ASSERT_INT(corpus_kwic_query_match(q, "كتب", strlen("كتب")), 2);
    corpus_kwic_query_free(q);

    /* An alternation cannot escape the anchors: a|b matches a and b only. */
    q = query("a|b", CORPUS_NORM_BASIC, CORPUS_STEM_NONE, CORPUS_TOK_CONTENT, TRUE, NULL, &error);
    UNIT_ASSERT_INT(corpus_kwic_query_match(q, "a", 1), 1);
    UNIT_ASSERT_INT(corpus_kwic_query_match(q, "ab", 2), 0);
    corpus_kwic_query_free(q);

    /* Under search the pattern's letters are folded (أ -> ا) and matching ignores case; \D
     * keeps its meaning (no lowercasing of the pattern). */
    q = query("أ.* \\D+", CORPUS_NORM_SEARCH, CORPUS_STEM_NONE, CORPUS_TOK_CONTENT, TRUE, NULL,
              &error);
    UNIT_ASSERT_STR(corpus_kwic_query_term(q, 0), "ا.*");
    UNIT_ASSERT_STR(corpus_kwic_query_term(q, 1), "\\D+");
    UNIT_ASSERT_INT(corpus_kwic_query_match(q, "امريكا", strlen("امريكا")), 3);
    UNIT_ASSERT_INT(corpus_kwic_query_match(q, "123", 3), 0);
    corpus_kwic_query_free(q);
    q = query("un", CORPUS_NORM_SEARCH, CORPUS_STEM_NONE, CORPUS_TOK_CONTENT, TRUE, NULL, &error);
    UNIT_ASSERT_INT(corpus_kwic_query_match(q, "UN", 2), 1);
    corpus_kwic_query_free(q);
    g_assert_no_error(error);

    /* An invalid pattern is a usage error that names it. */
    q = query("كتب (", CORPUS_NORM_BASIC, CORPUS_STEM_NONE, CORPUS_TOK_CONTENT, TRUE, NULL, &error);
    CU_ASSERT_PTR_NULL(q);
    UNIT_ASSERT_ERROR(error, CORPUS_ERROR_USAGE);
    CU_ASSERT_PTR_NOT_NULL(error && strstr(error->message, "invalid --regex pattern '('"));
    g_clear_error(&error);
}

static void test_parse_sort(void)
{
    CorpusKwicSort s;
    GError *error = NULL;
    CU_ASSERT(corpus_kwic_parse_sort("left", &s, &error) && s == CORPUS_KWIC_SORT_LEFT);
    CU_ASSERT(corpus_kwic_parse_sort("right", &s, &error) && s == CORPUS_KWIC_SORT_RIGHT);
    CU_ASSERT(corpus_kwic_parse_sort("doc", &s, &error) && s == CORPUS_KWIC_SORT_DOC);
    CU_ASSERT(!corpus_kwic_parse_sort("count", &s, &error));
    UNIT_ASSERT_ERROR(error, CORPUS_ERROR_USAGE);
    g_clear_error(&error);
}

/* The concordance of text (one file "t", one chunk, tokenized here) as rows without header. */
typedef struct {
    const char *q;
    guint width;
    CorpusKwicSort sort;
    guint64 max;
    gboolean regex;
    gboolean jsonl;
    CorpusTokClassSet keep; /* 0: content classes */
    CorpusInvalidPolicy policy;
} Run;

static char *kwic(const char *text, const Run *r)
{
    size_t len = strlen(text);
    g_autoptr(CorpusNorm) norm = corpus_norm_new(CORPUS_NORM_BASIC);
    g_autoptr(CorpusTokenizer) tok = corpus_tokenizer_new(norm, CORPUS_DOCS_LINE);
    CorpusTokClassSet keep = r->keep ? r->keep : CORPUS_TOK_CONTENT;
    CorpusKwicQuerySpec qs = {norm, CORPUS_STEM_NONE, NULL, keep, r->regex};
    GError *error = NULL;
    g_autoptr(CorpusKwicQuery) q = corpus_kwic_query_new(r->q, &qs, &error);
    g_assert_no_error(error);
    CorpusKwicSpec spec = {q,        norm,    keep,   CORPUS_DOCS_LINE, r->policy,
                           r->width, r->sort, r->max, r->jsonl,         FALSE};
    g_autoptr(CorpusKwic) k = corpus_kwic_new(&spec, NULL);
    CorpusTextStart start = {TRUE, FALSE, FALSE, FALSE, FALSE};
    CorpusTokenBatch batch;
    CorpusChunk chunk = {0};
    size_t n;

    /* The tokenizer reads the text after the --on-invalid policy, as the pipeline gives it;
     * the surfaces come from the original bytes. */
    CorpusBuf clean = CORPUS_BUF_INIT;
    g_autoptr(GArray) anchors = g_array_new(FALSE, FALSE, sizeof(CorpusOffsetAnchor));
    CorpusUtf8Report report = {0};
    corpus_utf8_sanitize(text, len, r->policy, &clean, anchors, &report);
    corpus_token_batch_init(&batch);
    corpus_tokenizer_run(tok, clean.data, clean.len, 0, anchors, &start, &batch);
    chunk.data = (char *)text;
    chunk.len = len;
    chunk.file_name = (char *)"t";
    chunk.file_start = chunk.file_end = TRUE;
    CU_ASSERT(corpus_kwic_consume(&batch, &chunk, k, &error));
    CU_ASSERT(corpus_kwic_finish(k, &error));
    g_assert_no_error(error);
    corpus_token_batch_clear(&batch);
    corpus_buf_clear(&clean);
    const char *rows = corpus_kwic_rows(k, &n);
    return g_strndup(rows, n);
}

static void test_context_edges(void)
{
    /* Documents are lines (t#1, t#2).  Width 2: the first الولد has one token on its left
     * (the document starts), and its right context crosses the sentence end after المدرسة
     * (. is punct, not kept: right = المدرسة ثم); the second's right context stops at the end
     * of line 1 (البيت only); line 2's occurrence has no left context. */
    Run r = {.q = "الولد", .width = 2};
    g_autofree char *got = kwic("ذهب الولد المدرسة. ثم عاد الولد البيت\nالولد هنا\n", &r);
    UNIT_ASSERT_STR(got, "t#1\t1\t2\tذهب\tالولد\tالمدرسة ثم\n"
                         "t#1\t2\t3\tثم عاد\tالولد\tالبيت\n"
                         "t#2\t1\t1\t\tالولد\tهنا\n");
    /* Width 0: the match alone. */
    Run r0 = {.q = "الولد", .width = 0};
    g_autofree char *got0 = kwic("ذهب الولد\n", &r0);
    UNIT_ASSERT_STR(got0, "t#1\t1\t2\t\tالولد\t\n");
}

static void test_surface_and_sequence(void)
{
    /* The match and context show the original text (harakat and tatweel kept) while the
     * query matches the normalized token; a sequence of two tokens, with overlaps: in
     * "كَتَبَ كتب كتب" the query "كتب كتب" matches tokens 1-2 and 2-3. */
    Run r = {.q = "كتب كتب", .width = 1};
    g_autofree char *got = kwic("كَتَبَ كتـب كتب\n", &r);
    UNIT_ASSERT_STR(got, "t#1\t1\t1\t\tكَتَبَ كتـب\tكتب\n"
                         "t#1\t1\t2\tكَتَبَ\tكتـب كتب\t\n");
    /* JSON Lines: the same fields, strings escaped. */
    Run j = {.q = "b", .width = 1, .jsonl = TRUE, .keep = CORPUS_TOK_ALL};
    g_autofree char *js = kwic("\"a b\\\n", &j);
    UNIT_ASSERT_STR(js, "{\"doc\":\"t#1\",\"sentence\":1,\"index\":3,\"left\":\"a\","
                        "\"match\":\"b\",\"right\":\"\\\\\"}\n");
}

static void test_split_span(void)
{
    /* U+FDFA (3 bytes) becomes four words under NFKC, all with the span of the ligature: the
     * span is shown once.  Query الله (the second piece): the match shows ﷺ, the left context
     * x and not the first piece again; the right context y (the last two pieces, same span,
     * are not shown, but count in the width of 3: right = y only). */
    Run r = {.q = "الله", .width = 3};
    g_autofree char *got = kwic("x \xef\xb7\xba y z\n", &r);
    UNIT_ASSERT_STR(got, "t#1\t1\t3\tx\t\xef\xb7\xba\ty\n");
}

static void test_invalid_bytes(void)
{
    /* "ab" FF "c": read as "abc" under skip (one token spanning FF, shown without it) and as
     * "ab" U+FFFD "c" under replace (the symbol token U+FFFD is not kept; kept with all, its
     * surface FF is shown as U+FFFD). */
    const char raw[] = "x ab\xff"
                       "c y\n";
    Run r = {.q = "abc", .width = 1, .policy = CORPUS_INVALID_SKIP};
    g_autofree char *got = kwic(raw, &r);
    UNIT_ASSERT_STR(got, "t#1\t1\t2\tx\tabc\ty\n");
    /* replace: tokens x ab U+FFFD c y; query c with --keep=all: left U+FFFD (from FF). */
    Run rr = {.q = "c", .width = 1, .keep = CORPUS_TOK_ALL, .policy = CORPUS_INVALID_REPLACE};
    g_autofree char *rep = kwic(raw, &rr);
    UNIT_ASSERT_STR(rep, "t#1\t1\t4\t\xef\xbf\xbd\tc\ty\n");
}

static void test_sort(void)
{
    /* Lines of the query b (width 2), in input order:
     *   1: x a | b | c z      L1 a, L2 x;  R1 c, R2 z
     *   2: y a | b | a y      L1 a, L2 y;  R1 a, R2 y
     *   3: (doc start) | b | c a   no left context; R1 c, R2 a
     *   4: z c | b | (end)    L1 c, L2 z;  no right context
     * left (L1, then L2; a missing token first, ties in input order): 3, 1 (a x), 2 (a y), 4.
     * right: 4, 2 (a), 3 (c a), 1 (c z). */
    const char *text = "x a b c z\ny a b a y\nb c a\nz c b\n";
    Run l = {.q = "b", .width = 2, .sort = CORPUS_KWIC_SORT_LEFT};
    g_autofree char *left = kwic(text, &l);
    UNIT_ASSERT_STR(left, "t#3\t1\t1\t\tb\tc a\n"
                          "t#1\t1\t3\tx a\tb\tc z\n"
                          "t#2\t1\t3\ty a\tb\ta y\n"
                          "t#4\t1\t3\tz c\tb\t\n");
    Run rr = {.q = "b", .width = 2, .sort = CORPUS_KWIC_SORT_RIGHT};
    g_autofree char *right = kwic(text, &rr);
    UNIT_ASSERT_STR(right, "t#4\t1\t3\tz c\tb\t\n"
                           "t#2\t1\t3\ty a\tb\ta y\n"
                           "t#3\t1\t1\t\tb\tc a\n"
                           "t#1\t1\t3\tx a\tb\tc z\n");
    /* --max after sorting: the first two of the right order. */
    Run m = {.q = "b", .width = 2, .sort = CORPUS_KWIC_SORT_RIGHT, .max = 2};
    g_autofree char *max = kwic(text, &m);
    UNIT_ASSERT_STR(max, "t#4\t1\t3\tz c\tb\t\n"
                         "t#2\t1\t3\ty a\tb\ta y\n");
    /* --max in input order: the first line only. */
    Run d = {.q = "b", .width = 1, .max = 1};
    g_autofree char *first = kwic(text, &d);
    UNIT_ASSERT_STR(first, "t#1\t1\t3\ta\tb\tc\n");
    /* Equal contexts keep input order; keys are normalized surfaces, so كَتب (with a fatha)
     * and كتب are equal keys under basic, and both come before ل. */
    Run e = {.q = "b", .width = 1, .sort = CORPUS_KWIC_SORT_LEFT};
    g_autofree char *eq = kwic("ل b\nكتب b\nكَتب b\n", &e);
    UNIT_ASSERT_STR(eq, "t#2\t1\t2\tكتب\tb\t\n"
                        "t#3\t1\t2\tكَتب\tb\t\n"
                        "t#1\t1\t2\tل\tb\t\n");
}

int main(void)
{
    static const UnitTest tests[] = {
        UNIT_TEST(test_query_plain),          UNIT_TEST(test_query_stem),
        UNIT_TEST(test_query_keep_and_stop),  UNIT_TEST(test_query_regex),
        UNIT_TEST(test_parse_sort),           UNIT_TEST(test_context_edges),
        UNIT_TEST(test_surface_and_sequence), UNIT_TEST(test_split_span),
        UNIT_TEST(test_invalid_bytes),        UNIT_TEST(test_sort),
    };
    return unit_run("kwic", tests, G_N_ELEMENTS(tests));
}
