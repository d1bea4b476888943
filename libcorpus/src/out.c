/* CorpusOut: buffered checked output; atomic replacement of -o files.
 * SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <corpus/error.h>
#include <corpus/out.h>

#define OUT_FLUSH_AT (1u << 20)
#define MAX_TEMP_FILES 16
#define MAX_TEMP_DIRS 8

struct CorpusOut {
    int fd;          /* descriptor written to */
    char *path;      /* target path, NULL for standard output */
    char *tmp;       /* temporary file, NULL for standard output or after commit */
    int slot;        /* index in temp_files[], -1 if none */
    CorpusBuf buf;   /* pending bytes */
    gboolean broken; /* a write failed: nothing more is written */
    gboolean direct; /* path is not a regular file (a device, a pipe): written in place */
    char *target;    /* the file renamed into place (path, or where its symbolic link leads) */
};

/* Temporary files to remove when a signal ends the process.  This is the library's only
 * process-wide state: a signal handler can reach nothing else. */
static char *volatile temp_files[MAX_TEMP_FILES];
static char *volatile temp_dirs[MAX_TEMP_DIRS];

/* Threads making a temporary directory right now: the signal handler waits for them, so that
 * a directory made just before the signal is registered, and removed, too. */
static gint making_dirs;

/* Remove dir and the files in it, with async-signal-safe calls only.  Another thread may add a
 * file meanwhile, so try again while the directory is not empty. */
static void remove_dir(const char *dir)
{
    for (int attempt = 0; attempt < 100; attempt++) {
        int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0)
            return;
        char buf[4096];
        ssize_t n;
        while ((n = getdents64(fd, buf, sizeof buf)) > 0) {
            for (ssize_t off = 0; off < n;) {
                struct dirent64 *d = (struct dirent64 *)(buf + off);
                off += d->d_reclen;
                if (strcmp(d->d_name, ".") != 0 && strcmp(d->d_name, "..") != 0)
                    unlinkat(fd, d->d_name, 0);
            }
        }
        close(fd);
        if (rmdir(dir) == 0 || errno != ENOTEMPTY)
            return;
    }
}

static void on_signal(int sig)
{
    for (int i = 0; i < MAX_TEMP_FILES; i++) {
        char *p = temp_files[i];
        if (p)
            unlink(p);
    }
    while (g_atomic_int_get(&making_dirs) > 0)
        ; /* another thread is between making a directory and registering it */
    for (int i = 0; i < MAX_TEMP_DIRS; i++) {
        char *p = temp_dirs[i];
        if (p)
            remove_dir(p);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

void corpus_out_install_signal_cleanup(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

static int register_temp(char *path)
{
    for (int i = 0; i < MAX_TEMP_FILES; i++) {
        if (!temp_files[i]) {
            temp_files[i] = path;
            return i;
        }
    }
    return -1;
}

static int register_dir(char *path)
{
    for (int i = 0; i < MAX_TEMP_DIRS; i++) {
        if (g_atomic_pointer_compare_and_exchange(&temp_dirs[i], NULL, path))
            return i;
    }
    return -1;
}

char *corpus_temp_dir_make(char *tmpl, int *slot)
{
    sigset_t all, old;

    /* Signals wait in this thread while the directory is made and registered; a handler
     * running meanwhile in another thread waits for making_dirs to drop. */
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    g_atomic_int_inc(&making_dirs);
    char *dir = g_mkdtemp_full(tmpl, 0700);
    int e = errno;
    *slot = dir ? register_dir(tmpl) : -1;
    g_atomic_int_dec_and_test(&making_dirs);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    errno = e;
    return dir;
}

void corpus_temp_dir_remove(int slot, const char *path)
{
    if (slot >= 0 && slot < MAX_TEMP_DIRS)
        temp_dirs[slot] = NULL;
    remove_dir(path);
}

static void unregister_temp(CorpusOut *out)
{
    if (out->slot >= 0)
        temp_files[out->slot] = NULL;
    out->slot = -1;
}

CorpusOut *corpus_out_open(const char *path, GError **error)
{
    CorpusOut *out = g_new0(CorpusOut, 1);

    out->slot = -1;
    out->fd = STDOUT_FILENO;
    struct stat st;
    if (path && strcmp(path, "-") != 0 && stat(path, &st) == 0 && !S_ISREG(st.st_mode) &&
        !S_ISDIR(st.st_mode)) {
        /* A device or a named pipe (-o /dev/null, -o /dev/stdout) cannot be replaced by a
         * rename, and must not be: write to it directly. */
        out->path = g_strdup(path);
        out->direct = TRUE;
        out->fd = open(path, O_WRONLY | O_CLOEXEC);
        if (out->fd < 0) {
            int e = errno;
            g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_IO, "%s: cannot open: %s", path,
                        g_strerror(e));
            corpus_out_free(out);
            return NULL;
        }
    } else if (path && strcmp(path, "-") != 0) {
        /* Through a symbolic link, the file it leads to is replaced, not the link. */
        g_autofree char *real = NULL;
        if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
            real = realpath(path, NULL);
        const char *target = real ? real : path;
        g_autofree char *dir = g_path_get_dirname(target);
        g_autofree char *base = g_path_get_basename(target);
        out->path = g_strdup(path);
        out->target = g_strdup(target);
        /* mkstemp's template: six X characters that it replaces. */
        g_autofree char *xs = g_strnfill(6, 'X');
        out->tmp = g_strdup_printf("%s/.%s.tmp-%s", dir, base, xs);
        out->fd = g_mkstemp_full(out->tmp, O_WRONLY | O_CLOEXEC, 0600);
        if (out->fd < 0) {
            int e = errno;
            g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_IO, "%s: cannot create: %s", path,
                        g_strerror(e));
            g_free(out->tmp);
            out->tmp = NULL;
            corpus_out_free(out);
            return NULL;
        }
        out->slot = register_temp(out->tmp);
    }
    return out;
}

CorpusBuf *corpus_out_buf(CorpusOut *out)
{
    return &out->buf;
}

static gboolean write_error(CorpusOut *out, int e, GError **error)
{
    out->broken = TRUE;
    if (e == EPIPE && !out->path)
        g_set_error_literal(error, CORPUS_ERROR, CORPUS_ERROR_PIPE, "broken pipe");
    else if (out->path)
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_IO, "%s: write error: %s", out->path,
                    g_strerror(e));
    else
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_IO, "write error: %s", g_strerror(e));
    return FALSE;
}

static gboolean flush(CorpusOut *out, GError **error)
{
    size_t done = 0;

    if (out->broken) {
        g_set_error_literal(error, CORPUS_ERROR, CORPUS_ERROR_IO, "write error");
        return FALSE;
    }
    while (done < out->buf.len) {
        ssize_t n = write(out->fd, out->buf.data + done, out->buf.len - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return write_error(out, errno, error);
        }
        done += (size_t)n;
    }
    out->buf.len = 0;
    return TRUE;
}

gboolean corpus_out_flush_if_full(CorpusOut *out, GError **error)
{
    return out->buf.len < OUT_FLUSH_AT || flush(out, error);
}

gboolean corpus_out_write(CorpusOut *out, const void *p, size_t n, GError **error)
{
    corpus_buf_append(&out->buf, p, n);
    return corpus_out_flush_if_full(out, error);
}

gboolean corpus_out_commit(CorpusOut *out, GError **error)
{
    if (!flush(out, error))
        return FALSE;
    if (!out->path || out->direct) {
        /* Delayed write errors (NFS, some devices) show at close. */
        if (close(out->fd) != 0 && errno != EINTR)
            return write_error(out, errno, error);
        out->fd = -1;
        return TRUE;
    }
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(out->fd, 0666 & ~mask) != 0 || close(out->fd) != 0) {
        out->fd = -1;
        return write_error(out, errno, error);
    }
    out->fd = -1;
    if (rename(out->tmp, out->target) != 0) {
        int e = errno;
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_IO, "%s: cannot rename into place: %s",
                    out->path, g_strerror(e));
        return FALSE;
    }
    unregister_temp(out);
    g_free(out->tmp);
    out->tmp = NULL;
    return TRUE;
}

void corpus_out_free(CorpusOut *out)
{
    if (!out)
        return;
    if (out->tmp) {
        unregister_temp(out);
        unlink(out->tmp);
        g_free(out->tmp);
    }
    if (out->path && out->fd >= 0)
        close(out->fd);
    g_free(out->path);
    g_free(out->target);
    corpus_buf_clear(&out->buf);
    g_free(out);
}

char *corpus_temp_dir_template(const char *parent, const char *prefix)
{
    g_autofree char *xs = g_strnfill(6, 'X');
    g_autofree char *name = g_strconcat(prefix, xs, NULL);
    return g_build_filename(parent, name, NULL);
}
