/* CorpusReader: large-block reading split at line ends (see reader.h for the chunk rules).
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <corpus/error.h>
#include <corpus/reader.h>

struct CorpusReader {
    int fd;                    /* open descriptor (0 for standard input, not closed) */
    char *name;                /* name for messages */
    guint file_index;          /* copied into chunks */
    gint64 size;               /* file size, -1 when unknown */
    guint64 offset;            /* file offset of the next chunk */
    guint64 line;              /* line number at the next chunk */
    char *carry;               /* bytes read but not yet handed out (a partial line) */
    size_t carry_len;          /* bytes in carry */
    gboolean eof;              /* read(2) returned 0 */
    gboolean started;          /* a chunk was handed out */
    gboolean done;             /* the last chunk was handed out */
    gboolean mid_line;         /* the next chunk continues a line */
    gboolean line_has_content; /* that line already has a non-blank byte */
};

static const char *display_name(const char *path)
{
    return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

static gboolean set_io_error(GError **error, const char *path, int errnum)
{
    g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_IO, "%s: %s", display_name(path),
                g_strerror(errnum));
    return FALSE;
}

gboolean corpus_reader_check(const char *path, GError **error)
{
    struct stat st;
    int fd;

    if (strcmp(path, "-") == 0)
        return TRUE;
    if (stat(path, &st) != 0)
        return set_io_error(error, path, errno);
    if (S_ISDIR(st.st_mode))
        return set_io_error(error, path, EISDIR);
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return set_io_error(error, path, errno);
    close(fd);
    return TRUE;
}

CorpusReader *corpus_reader_open(const char *path, guint file_index, GError **error)
{
    struct stat st;
    int fd = 0;

    if (strcmp(path, "-") != 0) {
        fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            set_io_error(error, path, errno);
            return NULL;
        }
    }
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        if (fd > 0)
            close(fd);
        set_io_error(error, path, EISDIR);
        return NULL;
    }
#ifdef POSIX_FADV_SEQUENTIAL
    posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
    CorpusReader *r = g_new0(CorpusReader, 1);
    r->fd = fd;
    r->name = g_strdup(display_name(path));
    r->file_index = file_index;
    r->size = (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) ? (gint64)st.st_size : -1;
    r->line = 1;
    r->carry = g_malloc(2 * (size_t)CORPUS_READER_BLOCK);
    return r;
}

void corpus_reader_free(CorpusReader *r)
{
    if (!r)
        return;
    if (r->fd > 0)
        close(r->fd);
    g_free(r->name);
    g_free(r->carry);
    g_free(r);
}

gint64 corpus_reader_size(const CorpusReader *r)
{
    return r->size;
}

CorpusChunk *corpus_chunk_new(void)
{
    CorpusChunk *c = g_new0(CorpusChunk, 1);
    c->cap = 2 * (size_t)CORPUS_READER_BLOCK;
    c->data = g_malloc(c->cap);
    return c;
}

void corpus_chunk_free(CorpusChunk *c)
{
    if (!c)
        return;
    g_free(c->data);
    g_free(c->file_name);
    g_free(c);
}

/* Line ends in s[0..len): every LF, and every CR not followed by LF. */
static guint64 count_line_ends(const char *s, size_t len)
{
    guint64 n = 0;
    const char *p = s, *end = s + len;

    while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        n++;
        p++;
    }
    for (p = s; (p = memchr(p, '\r', (size_t)(end - p))) != NULL; p++) {
        if (p + 1 == end || p[1] != '\n')
            n++;
    }
    return n;
}

guint64 corpus_chunk_line_at(const CorpusChunk *chunk, size_t pos)
{
    return chunk->line + count_line_ends(chunk->data, MIN(pos, chunk->len));
}

/* Where to end a full, non-final buffer: after its last line end; else after its last space or
 * tab; else at the last character boundary.  Never between CR and LF. */
static size_t split_point(const char *s, size_t len, gboolean *at_line_end)
{
    const char *lf = memrchr(s, '\n', len);
    size_t split = lf ? (size_t)(lf - s) + 1 : 0;
    /* A CR in the last byte may be the first half of CR LF: it is not a known line end. */
    const char *cr = len > 1 ? memrchr(s, '\r', len - 1) : NULL;

    if (cr && (size_t)(cr - s) + 1 > split && cr[1] != '\n')
        split = (size_t)(cr - s) + 1;
    *at_line_end = split > 0;
    if (split > 0)
        return split;

    const char *sp = memrchr(s, ' ', len);
    const char *tab = memrchr(s, '\t', len);
    if (tab > sp)
        sp = tab;
    if (sp)
        return (size_t)(sp - s) + 1;

    size_t pos = len;
    while (pos > 0 && len - pos < 4 && ((guint8)s[pos - 1] & 0xC0) == 0x80)
        pos--;
    /* s[pos - 1] is now a lead or ASCII byte; a lead byte starts a character that may continue
     * in the next block, so split before it. */
    if (pos > 0 && (guint8)s[pos - 1] >= 0xC0)
        pos--;
    /* A CR in the last byte may be the first half of CR LF. */
    if (pos > 1 && s[pos - 1] == '\r')
        pos--;
    return pos > 0 ? pos : len;
}

static gboolean has_content(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c != ' ' && c != '\t' && c != '\0')
            return TRUE;
    }
    return FALSE;
}

gboolean corpus_reader_next(CorpusReader *r, CorpusChunk *chunk, GError **error)
{
    const size_t want = r->carry_len + CORPUS_READER_BLOCK;
    size_t len, split;
    gboolean at_line_end = TRUE;

    if (r->done)
        return FALSE;
    if (chunk->cap < want) {
        g_free(chunk->data);
        chunk->cap = want;
        chunk->data = g_malloc(chunk->cap);
    }
    memcpy(chunk->data, r->carry, r->carry_len);
    len = r->carry_len;
    while (len < want && !r->eof) {
        ssize_t n = read(r->fd, chunk->data + len, want - len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_IO, "%s: %s", r->name,
                        g_strerror(errno));
            return FALSE;
        }
        if (n == 0)
            r->eof = TRUE;
        len += (size_t)n;
    }

    size_t skip = 0;
    if (!r->started && len >= 3 && memcmp(chunk->data, "\xEF\xBB\xBF", 3) == 0)
        skip = 3;

    split = r->eof ? len : split_point(chunk->data + skip, len - skip, &at_line_end) + skip;
    r->carry_len = len - split;
    memcpy(r->carry, chunk->data + split, r->carry_len);

    if (skip)
        memmove(chunk->data, chunk->data + skip, split - skip);
    chunk->len = split - skip;
    chunk->offset = r->offset + skip;
    chunk->line = r->line;
    chunk->n_line_ends = count_line_ends(chunk->data, chunk->len);
    if (g_strcmp0(chunk->file_name, r->name) != 0) {
        g_free(chunk->file_name);
        chunk->file_name = g_strdup(r->name);
    }
    chunk->file_index = r->file_index;
    chunk->file_start = !r->started;
    chunk->file_end = r->eof && r->carry_len == 0;
    chunk->mid_line = r->mid_line;
    chunk->line_has_content = r->line_has_content;

    r->started = TRUE;
    r->done = chunk->file_end;
    r->offset += split;
    r->line += chunk->n_line_ends;
    if (at_line_end) {
        r->mid_line = FALSE;
        r->line_has_content = FALSE;
    } else {
        r->line_has_content = (r->mid_line && r->line_has_content) ||
                              has_content(chunk->data, chunk->len);
        r->mid_line = TRUE;
    }
    return TRUE;
}
