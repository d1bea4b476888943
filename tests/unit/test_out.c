/* Unit tests of out: atomic replacement of -o files (temporary file, mode from the umask, no
 * leftovers on failure or without commit), and checked writes to standard output (a full disk,
 * a closed pipe), run in child processes.
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <corpus/out.h>

#include "unit.h"
#include "unit-rec.h"

/* A fresh tmp_dir per test. */
static void make_dir(void)
{
    make_tmp_dir("corpus-test-out-XXXXXX");
}

/* Names in tmp_dir, sorted and joined by spaces ("" when empty). */
static char *dir_listing(void)
{
    g_auto(GStrv) names = dir_names(tmp_dir);
    return g_strjoinv(" ", names);
}

static char *path_in_dir(const char *name)
{
    return g_build_filename(tmp_dir, name, NULL);
}

static char *contents(const char *path)
{
    char *s = NULL;
    if (!g_file_get_contents(path, &s, NULL, NULL))
        return NULL;
    return s;
}

/* ---- Files ------------------------------------------------------------------------------ */

static void check_commit_with_umask(mode_t mask, mode_t want_mode)
{
    make_dir();
    g_autofree char *path = path_in_dir("out.txt");
    GError *error = NULL;
    mode_t old = umask(mask);
    CorpusOut *out = corpus_out_open(path, &error);

    CU_ASSERT_PTR_NOT_NULL(out);
    CU_ASSERT_PTR_NULL(error);
    if (out) {
        CU_ASSERT(corpus_out_write(out, "hello\n", 6, &error));
        corpus_buf_append(corpus_out_buf(out), "\u0645\u0631\u062D\u0628\u0627\n", 11);
        CU_ASSERT(corpus_out_flush_if_full(out, &error));
        /* Before the commit the target does not exist; a temporary file does. */
        CU_ASSERT_FALSE(g_file_test(path, G_FILE_TEST_EXISTS));
        g_autofree char *during = dir_listing();
        CU_ASSERT(strlen(during) > 0 && strchr(during, ' ') == NULL &&
                  strcmp(during, "out.txt") != 0);
        CU_ASSERT(corpus_out_commit(out, &error));
        CU_ASSERT_PTR_NULL(error);
        corpus_out_free(out);
    }
    umask(old);
    g_autofree char *got = contents(path);
    UNIT_ASSERT_STR(got, "hello\n\u0645\u0631\u062D\u0628\u0627\n");
    struct stat st;
    CU_ASSERT(g_stat(path, &st) == 0);
    UNIT_ASSERT_INT(st.st_mode & 0777, want_mode);
    /* Only the target is left. */
    g_autofree char *after = dir_listing();
    UNIT_ASSERT_STR(after, "out.txt");
    g_clear_error(&error);
    remove_dir();
}

static void test_commit(void)
{
    /* The file gets 0666 minus the umask, as a file made by open(2) would. */
    check_commit_with_umask(022, 0644);
    check_commit_with_umask(027, 0640);
    check_commit_with_umask(0, 0666);
}

static void test_free_without_commit(void)
{
    make_dir();
    g_autofree char *path = path_in_dir("out.txt");
    GError *error = NULL;

    /* No target before: nothing after. */
    CorpusOut *out = corpus_out_open(path, &error);
    CU_ASSERT_PTR_NOT_NULL(out);
    if (out) {
        CU_ASSERT(corpus_out_write(out, "partial", 7, &error));
        corpus_out_free(out);
    }
    g_autofree char *empty = dir_listing();
    UNIT_ASSERT_STR(empty, "");

    /* An existing target is left as it was. */
    g_file_set_contents(path, "old\n", 4, NULL);
    out = corpus_out_open(path, &error);
    CU_ASSERT_PTR_NOT_NULL(out);
    if (out) {
        CU_ASSERT(corpus_out_write(out, "new\n", 4, &error));
        corpus_out_free(out);
    }
    g_autofree char *kept = contents(path);
    UNIT_ASSERT_STR(kept, "old\n");
    g_autofree char *listing = dir_listing();
    UNIT_ASSERT_STR(listing, "out.txt");

    corpus_out_free(NULL);
    g_clear_error(&error);
    remove_dir();
}

static void test_replace(void)
{
    make_dir();
    g_autofree char *path = path_in_dir("table.tsv");
    GError *error = NULL;

    g_file_set_contents(path, "old\n", 4, NULL);
    CorpusOut *out = corpus_out_open(path, &error);
    CU_ASSERT_PTR_NOT_NULL(out);
    if (out) {
        CU_ASSERT(corpus_out_write(out, "new\n", 4, &error));
        g_autofree char *before = contents(path);
        UNIT_ASSERT_STR(before, "old\n");
        CU_ASSERT(corpus_out_commit(out, &error));
        corpus_out_free(out);
    }
    g_autofree char *after = contents(path);
    UNIT_ASSERT_STR(after, "new\n");
    g_autofree char *listing = dir_listing();
    UNIT_ASSERT_STR(listing, "table.tsv");
    g_clear_error(&error);
    remove_dir();
}

/* More than the 1 MiB buffer, through corpus_out_buf() and corpus_out_flush_if_full(). */
static void test_large(void)
{
    make_dir();
    g_autofree char *path = path_in_dir("big.txt");
    GError *error = NULL;
    const size_t piece = 65521, n_pieces = 50; /* about 3.1 MiB */
    CorpusOut *out = corpus_out_open(path, &error);
    gboolean ok = TRUE;

    CU_ASSERT_PTR_NOT_NULL(out);
    if (!out) {
        remove_dir();
        return;
    }
    for (size_t k = 0; k < n_pieces; k++) {
        CorpusBuf *b = corpus_out_buf(out);
        corpus_buf_reserve(b, piece);
        for (size_t i = 0; i < piece; i++)
            b->data[b->len++] = (char)('a' + (k * piece + i) % 23);
        ok = ok && corpus_out_flush_if_full(out, &error);
    }
    CU_ASSERT(ok);
    CU_ASSERT(corpus_out_commit(out, &error));
    corpus_out_free(out);

    gsize len = 0;
    char *data = NULL;
    CU_ASSERT(g_file_get_contents(path, &data, &len, NULL));
    UNIT_ASSERT_INT(len, piece * n_pieces);
    guint64 bad = 0;
    for (size_t i = 0; data && i < len; i++)
        if (data[i] != (char)('a' + i % 23))
            bad++;
    UNIT_ASSERT_INT(bad, 0);
    g_free(data);
    g_clear_error(&error);
    remove_dir();
}

static void test_open_errors(void)
{
    make_dir();
    g_autofree char *missing = g_build_filename(tmp_dir, "no-such-dir", "out.txt", NULL);
    GError *error = NULL;

    /* A missing directory: no object, an I/O error that names the path and the reason. */
    CU_ASSERT_PTR_NULL(corpus_out_open(missing, &error));
    UNIT_ASSERT_ERROR(error, CORPUS_ERROR_IO);
    if (error) {
        CU_ASSERT(g_str_has_prefix(error->message, missing));
        CU_ASSERT_PTR_NOT_NULL(strstr(error->message, g_strerror(ENOENT)));
    }
    g_clear_error(&error);

    /* A target that is a directory: the temporary file is made, the rename fails, and
     * nothing is left behind. */
    g_autofree char *sub = path_in_dir("sub");
    g_mkdir(sub, 0700);
    CorpusOut *out = corpus_out_open(sub, &error);
    CU_ASSERT_PTR_NOT_NULL(out);
    if (out) {
        CU_ASSERT(corpus_out_write(out, "x", 1, &error));
        CU_ASSERT_FALSE(corpus_out_commit(out, &error));
        UNIT_ASSERT_ERROR(error, CORPUS_ERROR_IO);
        if (error)
            CU_ASSERT(g_str_has_prefix(error->message, sub));
        corpus_out_free(out);
    }
    g_clear_error(&error);
    g_autofree char *listing = dir_listing();
    UNIT_ASSERT_STR(listing, "sub");
    remove_dir();
}

/* ---- Standard output, in a child process ------------------------------------------------ */

typedef enum { STDOUT_DEV_FULL, STDOUT_CLOSED_PIPE, STDOUT_PIPE, SIGNAL_CLEANUP } ChildCase;

/* What the child saw: "ok code message". */
static void child_report(int fd, gboolean ok, const GError *error)
{
    g_autofree char *s = g_strdup_printf("%d %d %s", ok ? 1 : 0, error ? error->code : -1,
                                         error ? error->message : "");
    if (write(fd, s, strlen(s)) < 0)
        _exit(3);
}

static void child_main(ChildCase what, int report_fd, int data_fd, const char *path)
{
    GError *error = NULL;
    CorpusOut *out;
    gboolean ok;

    switch (what) {
    case STDOUT_DEV_FULL: {
        int fd = open("/dev/full", O_WRONLY);
        if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0)
            _exit(4);
        close(fd);
        break;
    }
    case STDOUT_CLOSED_PIPE: {
        int p[2];
        signal(SIGPIPE, SIG_IGN);
        if (pipe(p) != 0)
            _exit(4);
        close(p[0]);
        if (dup2(p[1], STDOUT_FILENO) < 0)
            _exit(4);
        close(p[1]);
        break;
    }
    case STDOUT_PIPE:
        if (dup2(data_fd, STDOUT_FILENO) < 0)
            _exit(4);
        close(data_fd);
        break;
    case SIGNAL_CLEANUP:
        corpus_out_install_signal_cleanup();
        out = corpus_out_open(path, &error);
        if (!out)
            _exit(5);
        corpus_out_write(out, "partial", 7, &error);
        /* Dies here, with the temporary file removed by the handler. */
        raise(SIGTERM);
        _exit(6);
    }
    out = corpus_out_open(what == STDOUT_PIPE ? "-" : NULL, &error);
    if (!out)
        _exit(5);
    ok = corpus_out_write(out, "x\n", 2, &error);
    ok = ok && corpus_out_commit(out, &error);
    child_report(report_fd, ok, error);
    g_clear_error(&error);
    corpus_out_free(out);
    _exit(0);
}

/* Run the case in a child; returns what it reported (caller frees) and its wait status. */
static char *run_child(ChildCase what, const char *path, int *status, char **data)
{
    int rep[2], dat[2];
    GString *report = g_string_new(NULL), *out = g_string_new(NULL);
    char buf[4096];
    ssize_t n;

    if (pipe(rep) != 0 || pipe(dat) != 0)
        return g_string_free(report, FALSE);
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        close(rep[0]);
        close(dat[0]);
        child_main(what, rep[1], dat[1], path);
        _exit(7);
    }
    close(rep[1]);
    close(dat[1]);
    while ((n = read(dat[0], buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR))
        if (n > 0)
            g_string_append_len(out, buf, n);
    while ((n = read(rep[0], buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR))
        if (n > 0)
            g_string_append_len(report, buf, n);
    close(rep[0]);
    close(dat[0]);
    while (waitpid(pid, status, 0) < 0 && errno == EINTR)
        ;
    if (data)
        *data = g_string_free(out, FALSE);
    else
        g_string_free(out, TRUE);
    return g_string_free(report, FALSE);
}

static void test_stdout_full_disk(void)
{
    int status = -1;
    g_autofree char *report = run_child(STDOUT_DEV_FULL, NULL, &status, NULL);
    g_autofree char *want =
        g_strdup_printf("0 %d write error: %s", CORPUS_ERROR_IO, g_strerror(ENOSPC));

    CU_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    UNIT_ASSERT_STR(report, want);
}

static void test_stdout_closed_pipe(void)
{
    int status = -1;
    g_autofree char *report = run_child(STDOUT_CLOSED_PIPE, NULL, &status, NULL);
    g_autofree char *want = g_strdup_printf("0 %d ", CORPUS_ERROR_PIPE);

    CU_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    /* The code says it all; the message is not shown to users. */
    CU_ASSERT(g_str_has_prefix(report, want));
    if (!g_str_has_prefix(report, want))
        fprintf(stderr, "closed pipe: child reported '%s'\n", report);
}

static void test_stdout_pipe(void)
{
    int status = -1;
    char *data = NULL;
    g_autofree char *report = run_child(STDOUT_PIPE, NULL, &status, &data);

    CU_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    UNIT_ASSERT_STR(report, "1 -1 ");
    UNIT_ASSERT_STR(data, "x\n");
    g_free(data);
}

static void test_signal_cleanup(void)
{
    make_dir();
    g_autofree char *path = path_in_dir("out.txt");
    int status = -1;
    g_autofree char *report = run_child(SIGNAL_CLEANUP, path, &status, NULL);

    /* The child died of the signal, and neither the target nor a temporary file is there. */
    CU_ASSERT(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
    g_autofree char *listing = dir_listing();
    UNIT_ASSERT_STR(listing, "");
    remove_dir();
}

int main(void)
{
    static const UnitTest tests[] = {
        UNIT_TEST(test_commit),
        UNIT_TEST(test_free_without_commit),
        UNIT_TEST(test_replace),
        UNIT_TEST(test_large),
        UNIT_TEST(test_open_errors),
        UNIT_TEST(test_stdout_full_disk),
        UNIT_TEST(test_stdout_closed_pipe),
        UNIT_TEST(test_stdout_pipe),
        UNIT_TEST(test_signal_cleanup),
    };
    return unit_run("out", tests, G_N_ELEMENTS(tests));
}
