/* Unit tests of the pipeline: chunks reach reduce in input order with any number of threads,
 * the --on-invalid policies, per-file warnings, located errors, and errors that stop a run.
 * SPDX-License-Identifier: MIT */
#include <glib/gstdio.h>

#include <corpus/corpus.h>

#include "unit.h"

/* What a run saw, in reduce order. */
typedef struct {
    GString *text;      /* the texts of the chunks, concatenated */
    GString *clean_len; /* "len," per chunk: map's view */
    guint64 next_seq;   /* the sequence number reduce expects next */
    gboolean in_order;  /* every chunk came in order */
    guint reduces;      /* reduce calls */
    GPtrArray *warnings;
    guint fail_after;   /* reduce fails on this call (0: never) */
} Seen;

static void map(const CorpusWork *w, gpointer worker, gpointer result, gpointer user)
{
    GString *copy = result;
    (void)worker;
    (void)user;
    /* Work on the worker thread: copy the text; reduce checks it arrives with its chunk. */
    g_string_truncate(copy, 0);
    g_string_append_len(copy, w->text, (gssize)w->len);
}

static gboolean reduce(const CorpusWork *w, gpointer result, gpointer user, GError **error)
{
    Seen *s = user;
    GString *copy = result;

    s->reduces++;
    if (s->fail_after && s->reduces == s->fail_after) {
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_IO, "stop here");
        return FALSE;
    }
    if (w->chunk->seq != s->next_seq++ || copy->len != w->len ||
        memcmp(copy->str, w->text, w->len) != 0)
        s->in_order = FALSE;
    g_string_append_len(s->text, copy->str, (gssize)copy->len);
    return TRUE;
}

static gpointer result_new(gpointer user)
{
    (void)user;
    return g_string_new(NULL);
}

static void result_free(gpointer result)
{
    g_string_free(result, TRUE);
}

static void warn(const char *message, gpointer user)
{
    Seen *s = user;
    g_ptr_array_add(s->warnings, g_strdup(message));
}

static void seen_init(Seen *s)
{
    memset(s, 0, sizeof *s);
    s->text = g_string_new(NULL);
    s->in_order = TRUE;
    s->warnings = g_ptr_array_new_with_free_func(g_free);
}

static void seen_clear(Seen *s)
{
    g_string_free(s->text, TRUE);
    g_ptr_array_unref(s->warnings);
}

static gboolean run(Seen *s, guint threads, CorpusInvalidPolicy policy, const char *const *files,
                    guint n, GError **error)
{
    CorpusPipelineSpec spec = {0};
    spec.n_threads = threads;
    spec.on_invalid = policy;
    spec.user = s;
    spec.result_new = result_new;
    spec.result_free = result_free;
    spec.map = map;
    spec.reduce = reduce;
    spec.warn = warn;
    return corpus_pipeline_run(&spec, files, n, error);
}

static char *temp_file(const char *content, gssize len)
{
    char *path = NULL;
    int fd = g_file_open_tmp("pipeline-XXXXXX.txt", &path, NULL);
    g_assert(fd >= 0);
    close(fd);
    g_assert(g_file_set_contents(path, content, len, NULL));
    return path;
}

/* Several megabytes of lines: many chunks, handed to 1, 2 and 4 threads, come back whole and
 * in order. */
static void test_order(void)
{
    GString *big = g_string_new(NULL);
    for (int i = 0; i < 200000; i++)
        g_string_append_printf(big, "سطر رقم %d من النص\n", i);
    g_autofree char *path = temp_file(big->str, (gssize)big->len);
    const char *files[] = {path};

    for (guint threads = 1; threads <= 4; threads *= 2) {
        Seen s;
        g_autoptr(GError) error = NULL;
        seen_init(&s);
        CU_ASSERT(run(&s, threads, CORPUS_INVALID_FAIL, files, 1, &error));
        CU_ASSERT(s.in_order);
        CU_ASSERT(s.reduces > 2); /* more than one chunk */
        UNIT_ASSERT_MEM(s.text->str, s.text->len, big->str, big->len);
        seen_clear(&s);
    }
    g_unlink(path);
    g_string_free(big, TRUE);
}

/* fail: the first invalid sequence stops the run with FILE:LINE: byte OFFSET. */
static void test_fail_location(void)
{
    /* "ab\n" is 3 bytes, "cd " 3 more: C3 is at offset 6 on line 2, cut short by '('. */
    g_autofree char *path = temp_file("ab\ncd \xC3(x\n\xFF\n", -1);
    const char *files[] = {path};
    Seen s;
    g_autoptr(GError) error = NULL;

    seen_init(&s);
    CU_ASSERT_FALSE(run(&s, 2, CORPUS_INVALID_FAIL, files, 1, &error));
    UNIT_ASSERT_ERROR(error, CORPUS_ERROR_INVALID_UTF8);
    g_autofree char *want = g_strdup_printf("%s:2: byte 6: invalid UTF-8 (0xC3 0x28)", path);
    if (error)
        UNIT_ASSERT_STR(error->message, want);
    UNIT_ASSERT_INT(s.reduces, 0);
    seen_clear(&s);
    g_unlink(path);
}

/* warn: replacement characters in the text and one warning per file, with the count and the
 * first place; replace: the same text and no warning; skip: the bytes are gone. */
static void test_policies(void)
{
    g_autofree char *bad = temp_file("a\xFF" "b\n\xC3(\n", -1);
    g_autofree char *good = temp_file("ok\n", -1);
    const char *files[] = {bad, good, bad};
    Seen s;
    g_autoptr(GError) error = NULL;

    seen_init(&s);
    CU_ASSERT(run(&s, 1, CORPUS_INVALID_WARN, files, 3, &error));
    const char replaced[] = "a\xEF\xBF\xBD" "b\n\xEF\xBF\xBD(\n";
    GString *want = g_string_new(replaced);
    g_string_append(want, "ok\n");
    g_string_append(want, replaced);
    UNIT_ASSERT_MEM(s.text->str, s.text->len, want->str, want->len);
    UNIT_ASSERT_INT(s.warnings->len, 2);
    g_autofree char *w = g_strdup_printf("%s:1: byte 1: invalid UTF-8 (0xFF); 2 invalid sequences "
                                         "in this file replaced with U+FFFD",
                                         bad);
    if (s.warnings->len == 2) {
        UNIT_ASSERT_STR(g_ptr_array_index(s.warnings, 0), w);
        UNIT_ASSERT_STR(g_ptr_array_index(s.warnings, 1), w);
    }
    seen_clear(&s);

    seen_init(&s);
    CU_ASSERT(run(&s, 2, CORPUS_INVALID_REPLACE, files, 1, &error));
    UNIT_ASSERT_MEM(s.text->str, s.text->len, replaced, sizeof replaced - 1);
    UNIT_ASSERT_INT(s.warnings->len, 0);
    seen_clear(&s);

    seen_init(&s);
    CU_ASSERT(run(&s, 2, CORPUS_INVALID_SKIP, files, 1, &error));
    UNIT_ASSERT_STR(s.text->str, "ab\n(\n");
    UNIT_ASSERT_INT(s.warnings->len, 0);
    seen_clear(&s);
    g_string_free(want, TRUE);
    g_unlink(bad);
    g_unlink(good);
}

/* Every input is checked before any is read: a missing second file stops the run before the
 * first is reduced. */
static void test_missing_input(void)
{
    g_autofree char *good = temp_file("ok\n", -1);
    const char *files[] = {good, "/nonexistent/corpus.txt"};
    Seen s;
    g_autoptr(GError) error = NULL;

    seen_init(&s);
    CU_ASSERT_FALSE(run(&s, 2, CORPUS_INVALID_WARN, files, 2, &error));
    UNIT_ASSERT_ERROR(error, CORPUS_ERROR_IO);
    if (error)
        UNIT_ASSERT_STR(error->message, "/nonexistent/corpus.txt: No such file or directory");
    UNIT_ASSERT_INT(s.reduces, 0);
    seen_clear(&s);
    g_unlink(good);
}

/* An error from reduce ends the run (with chunks still in flight on the workers) and is the
 * run's error. */
static void test_reduce_error(void)
{
    GString *big = g_string_new(NULL);
    for (int i = 0; i < 100000; i++)
        g_string_append(big, "كلمة أخرى في سطر طويل نسبيا من النص العربي\n");
    g_autofree char *path = temp_file(big->str, (gssize)big->len);
    const char *files[] = {path};
    Seen s;
    g_autoptr(GError) error = NULL;

    seen_init(&s);
    s.fail_after = 2;
    CU_ASSERT_FALSE(run(&s, 4, CORPUS_INVALID_WARN, files, 1, &error));
    UNIT_ASSERT_ERROR(error, CORPUS_ERROR_IO);
    if (error)
        UNIT_ASSERT_STR(error->message, "stop here");
    UNIT_ASSERT_INT(s.reduces, 2);
    seen_clear(&s);
    g_unlink(path);
    g_string_free(big, TRUE);
}

int main(void)
{
    static const UnitTest tests[] = {
        UNIT_TEST(test_order),          UNIT_TEST(test_fail_location),
        UNIT_TEST(test_policies),       UNIT_TEST(test_missing_input),
        UNIT_TEST(test_reduce_error),
    };
    return unit_run("pipeline", tests, G_N_ELEMENTS(tests));
}
