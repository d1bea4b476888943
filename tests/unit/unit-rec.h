/* Shared helpers of the suites that handle records and files: test records and an array source
 * of them, a source written out as text and compared line by line, and a temporary directory
 * per test with its listing.
 * SPDX-License-Identifier: MIT */
#ifndef CORPUS_UNIT_REC_H
#define CORPUS_UNIT_REC_H

#include <glib/gstdio.h>

#include <corpus/runs.h>

#include "unit.h"

/* A record of the tests: key bytes (may hold NUL), length, count. */
typedef struct {
    const char *key;
    size_t len;
    guint64 count;
} Rec;

/* A Rec of a string literal (its length without the final NUL) and a count. */
#define R(lit, count)                                                                              \
    {                                                                                              \
        (lit), sizeof(lit) - 1, (count)                                                            \
    }

/* qsort() order of Recs: key bytes (unsigned), a prefix first. */
static inline int rec_cmp_key(const void *a, const void *b)
{
    const Rec *x = a, *y = b;
    int c = memcmp(x->key, y->key, MIN(x->len, y->len));
    if (c)
        return c;
    return x->len < y->len ? -1 : x->len > y->len;
}

/* Records from an array; fails with CORPUS_ERROR_IO "stop" at record fail_at (when set). */
typedef struct {
    CorpusRecSource base;
    const Rec *recs;
    size_t n, pos;
    gboolean fail;
    size_t fail_at;
} ArraySource;

/* The next method of ArraySource. */
static inline gboolean array_next(CorpusRecSource *src, GError **error)
{
    ArraySource *a = (ArraySource *)src;
    if (a->fail && a->pos == a->fail_at) {
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_IO, "stop");
        return FALSE;
    }
    if (a->pos >= a->n)
        return FALSE;
    src->key = a->recs[a->pos].key;
    src->len = a->recs[a->pos].len;
    src->count = a->recs[a->pos].count;
    a->pos++;
    return TRUE;
}

/* The free method of ArraySource (the records are the caller's). */
static inline void array_free(CorpusRecSource *src)
{
    g_free(src);
}

/* A source of recs[0..n), which must outlive it. */
static inline CorpusRecSource *array_source(const Rec *recs, size_t n)
{
    ArraySource *a = g_new0(ArraySource, 1);
    a->base.next = array_next;
    a->base.free = array_free;
    a->recs = recs;
    a->n = n;
    return &a->base;
}

/* A source of recs[0..n) that fails with CORPUS_ERROR_IO "stop" at record fail_at. */
static inline CorpusRecSource *failing_source(const Rec *recs, size_t n, size_t fail_at)
{
    ArraySource *a = (ArraySource *)array_source(recs, n);
    a->fail = TRUE;
    a->fail_at = fail_at;
    return &a->base;
}

/* "key<TAB>count\n" per record of src (freed); an error ends the text with "ERROR message". */
static inline char *dump(CorpusRecSource *src)
{
    GString *s = g_string_new(NULL);
    GError *error = NULL;

    if (!src)
        return g_string_free(s, FALSE);
    while (src->next(src, &error)) {
        g_string_append_len(s, src->key, (gssize)src->len);
        g_string_append_printf(s, "\t%" G_GUINT64_FORMAT "\n", src->count);
    }
    if (error) {
        g_string_append_printf(s, "ERROR %s", error->message);
        g_error_free(error);
    }
    corpus_rec_source_free(src);
    return g_string_free(s, FALSE);
}

/* Two texts are equal; on a difference, show the first line that differs. */
static inline void assert_same_lines(const char *got, const char *want, const char *what,
                                     unsigned line, const char *file)
{
    size_t i = 0, lineno = 1, start = 0;

    if (!got)
        got = "(null)";
    while (got[i] && got[i] == want[i]) {
        if (got[i] == '\n') {
            lineno++;
            start = i + 1;
        }
        i++;
    }
    if (!got[i] && !want[i]) {
        unit_report(TRUE, g_strdup(what), line, file, "assert_same_lines");
        return;
    }
    const char *g_end = strchr(got + start, '\n'), *w_end = strchr(want + start, '\n');
    size_t g_len = g_end ? (size_t)(g_end - got) - start : strlen(got + start);
    size_t w_len = w_end ? (size_t)(w_end - want) - start : strlen(want + start);
    g_autofree char *g = unit_escape(got + start, g_len);
    g_autofree char *w = unit_escape(want + start, w_len);
    unit_report(FALSE,
                g_strdup_printf("%s: line %zu differs: got %s, expected %s", what, lineno, g, w),
                line, file, "assert_same_lines");
}

/* Texts, line by line (a NULL got is shown as "(null)"). */
#define ASSERT_SAME_LINES(got, want)                                                               \
    assert_same_lines((got), (want), #got " == " #want, __LINE__, __FILE__)

/* The temporary directory of the running test, from make_tmp_dir() to remove_dir(). */
static G_GNUC_UNUSED char *tmp_dir;

/* Make a fresh tmp_dir from a g_dir_make_tmp() template; NULL (and a message) on failure. */
static inline void make_tmp_dir(const char *tmpl)
{
    GError *error = NULL;
    tmp_dir = g_dir_make_tmp(tmpl, &error);
    if (!tmp_dir) {
        fprintf(stderr, "cannot make a temporary directory: %s\n", error->message);
        g_clear_error(&error);
    }
}

/* Remove path with everything under it. */
static inline void remove_tree(const char *path)
{
    GDir *d = g_dir_open(path, 0, NULL);
    const char *n;

    if (!d) {
        g_unlink(path);
        return;
    }
    while ((n = g_dir_read_name(d))) {
        g_autofree char *p = g_build_filename(path, n, NULL);
        remove_tree(p);
    }
    g_dir_close(d);
    g_chmod(path, 0700);
    g_rmdir(path);
}

/* Remove tmp_dir with everything under it and forget it. */
static inline void remove_dir(void)
{
    remove_tree(tmp_dir);
    g_clear_pointer(&tmp_dir, g_free);
}

/* g_ptr_array_sort() order of strings: strcmp(). */
static inline gint compare_names(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Names in dir, sorted; NULL-terminated (g_strfreev). */
static inline char **dir_names(const char *dir)
{
    GPtrArray *names = g_ptr_array_new();
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *n;

    while (d && (n = g_dir_read_name(d)))
        g_ptr_array_add(names, g_strdup(n));
    if (d)
        g_dir_close(d);
    g_ptr_array_sort(names, compare_names);
    g_ptr_array_add(names, NULL);
    return (char **)g_ptr_array_free(names, FALSE);
}

#endif
