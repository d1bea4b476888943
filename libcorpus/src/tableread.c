/* Reading count tables (see tableread.h).
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <corpus/buf.h>
#include <corpus/error.h>
#include <corpus/tableread.h>
#include <corpus/utf8.h>

#define READ_BLOCK (256u << 10)

struct CorpusTableReader {
    CorpusRecSource base; /* first: the reader is its own source */
    char *path;           /* for messages */
    int fd;
    CorpusBuf buf;   /* bytes read and not yet consumed: data[pos..len) */
    size_t pos;
    gboolean eof;
    guint64 line;        /* number of the last line read */
    guint64 line_offset; /* file offset of the start of that line */
    guint64 offset;      /* file offset of buf.data[pos] */
    char *header;
    guint columns;
    gboolean pending; /* the first line was a row, not yet returned */
    gboolean ordered;
    CorpusBuf prev; /* previous key, with ordered */
    gboolean have_prev;
    gboolean probe; /* corpus_table_is_sorted(): report disorder without an error */
    gboolean disorder;
};

static gboolean fail(CorpusTableReader *r, GError **error, const char *format, ...)
    G_GNUC_PRINTF(3, 4);

static gboolean fail(CorpusTableReader *r, GError **error, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    g_autofree char *msg = g_strdup_vprintf(format, ap);
    va_end(ap);
    g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_PARSE, "%s:%" G_GUINT64_FORMAT ": %s",
                r->path, r->line, msg);
    return FALSE;
}

/* The next line, without its end (CR LF or LF); FALSE at the end or on error. */
static gboolean next_line(CorpusTableReader *r, const char **line, size_t *len, GError **error)
{
    size_t scanned = 0; /* bytes after pos known to hold no line feed (a long line) */

    for (;;) {
        char *start = r->buf.data ? r->buf.data + r->pos : NULL;
        char *nl = start ? memchr(start + scanned, '\n', r->buf.len - r->pos - scanned) : NULL;
        if (nl || (r->eof && r->pos < r->buf.len)) {
            size_t n = nl ? (size_t)(nl - start) : r->buf.len - r->pos;
            r->line++;
            r->line_offset = r->offset;
            r->pos += n + (nl != NULL);
            r->offset += n + (nl != NULL);
            if (n > 0 && start[n - 1] == '\r')
                n--;
            *line = start;
            *len = n;
            return TRUE;
        }
        if (r->eof)
            return FALSE;
        /* Keep the partial line, then read more. */
        scanned = r->buf.len - r->pos;
        if (r->buf.data)
            memmove(r->buf.data, r->buf.data + r->pos, r->buf.len - r->pos);
        r->buf.len -= r->pos;
        r->pos = 0;
        corpus_buf_reserve(&r->buf, READ_BLOCK);
        ssize_t got;
        do
            got = read(r->fd, r->buf.data + r->buf.len, r->buf.cap - r->buf.len);
        while (got < 0 && errno == EINTR);
        if (got < 0) {
            int e = errno;
            g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_IO, "%s: read error: %s", r->path,
                        g_strerror(e));
            return FALSE;
        }
        if (got == 0)
            r->eof = TRUE;
        r->buf.len += (size_t)got;
    }
}

static gboolean is_name(const char *s, size_t len)
{
    if (len == 0 || !g_ascii_isalpha(s[0]))
        return FALSE;
    for (size_t i = 1; i < len; i++) {
        if (!g_ascii_isalnum(s[i]) && s[i] != '_')
            return FALSE;
    }
    return TRUE;
}

static guint count_fields(const char *s, size_t len)
{
    guint n = 1;
    for (size_t i = 0; i < len; i++)
        n += s[i] == '\t';
    return n;
}

/* Split and check one data line. */
static gboolean parse(CorpusTableReader *r, const char *line, size_t len, GError **error)
{
    size_t valid = corpus_utf8_valid_prefix(line, len);
    if (valid < len) {
        /* The bytes of the invalid sequence, and the byte that broke it, as the text tools
         * show them. */
        CorpusUtf8Report report = {0};
        CorpusBuf scratch = CORPUS_BUF_INIT;
        char bytes[32];
        corpus_utf8_sanitize(line + valid, len - valid, CORPUS_INVALID_FAIL, &scratch, NULL,
                             &report);
        corpus_buf_clear(&scratch);
        corpus_utf8_describe_bytes(&report, bytes, sizeof bytes);
        return fail(r, error, "byte %" G_GUINT64_FORMAT ": invalid UTF-8 (%s)",
                    r->line_offset + valid, bytes);
    }
    if (len == 0)
        return fail(r, error, "empty line (expected KEY<TAB>COUNT)");
    const char *tab = memrchr(line, '\t', len);
    if (!tab)
        return fail(r, error, "no tab (expected KEY<TAB>COUNT)");
    guint fields = count_fields(line, len);
    if (r->columns && fields != r->columns)
        return fail(r, error, "%u columns where the table has %u", fields, r->columns);
    size_t key_len = (size_t)(tab - line);
    if (key_len == 0 || line[0] == '\t')
        return fail(r, error, "empty key");
    const char *num = tab + 1;
    size_t num_len = len - key_len - 1;
    if (num_len == 0)
        return fail(r, error, "empty count");
    if (num[0] == '-' && num_len > 1 && g_ascii_isdigit(num[1]))
        return fail(r, error, "negative count '%.*s'", (int)MIN(num_len, 40), num);
    guint64 v = 0;
    for (size_t i = 0; i < num_len; i++) {
        if (!g_ascii_isdigit(num[i])) {
            if (is_name(num, num_len))
                return fail(r, error,
                            "invalid count '%.*s' (a header line inside the table? tables "
                            "joined with cat need --no-header)",
                            (int)MIN(num_len, 40), num);
            return fail(r, error, "invalid count '%.*s' (expected a non-negative integer)",
                        (int)MIN(num_len, 40), num);
        }
        guint d = (guint)(num[i] - '0');
        if (v > (G_MAXUINT64 - d) / 10)
            return fail(r, error, "count '%.*s' exceeds 18446744073709551615 (2^64 - 1)",
                        (int)MIN(num_len, 40), num);
        v = v * 10 + d;
    }
    if (r->ordered && r->have_prev &&
        corpus_rec_compare(CORPUS_ORDER_KEY, line, key_len, 0, r->prev.data, r->prev.len, 0) <
            0) {
        if (r->probe) {
            r->disorder = TRUE;
            return FALSE;
        }
        return fail(r, error,
                    "key out of order: '%.*s' comes after '%.*s' (inputs merged as they stream "
                    "must be key-sorted, as corpus-ngram --sort=key writes them)",
                    (int)MIN(key_len, 80), line, (int)MIN(r->prev.len, 80), r->prev.data);
    }
    if (r->ordered) {
        r->prev.len = 0;
        corpus_buf_append(&r->prev, line, key_len);
        r->have_prev = TRUE;
    }
    r->base.key = line;
    r->base.len = key_len;
    r->base.count = v;
    return TRUE;
}

static gboolean reader_next(CorpusRecSource *src, GError **error)
{
    CorpusTableReader *r = (CorpusTableReader *)src;
    const char *line;
    size_t len;

    if (r->pending) {
        r->pending = FALSE;
        return TRUE; /* parsed by open */
    }
    if (!next_line(r, &line, &len, error))
        return FALSE;
    return parse(r, line, len, error);
}

static void reader_free(CorpusRecSource *src)
{
    corpus_table_reader_free((CorpusTableReader *)src);
}

void corpus_table_reader_free(CorpusTableReader *r)
{
    if (!r)
        return;
    if (r->fd > STDERR_FILENO)
        close(r->fd);
    g_free(r->path);
    g_free(r->header);
    corpus_buf_clear(&r->buf);
    corpus_buf_clear(&r->prev);
    g_free(r);
}

CorpusTableReader *corpus_table_reader_open(const char *path, GError **error)
{
    CorpusTableReader *r = g_new0(CorpusTableReader, 1);
    struct stat st;
    const char *line;
    size_t len;

    r->base.next = reader_next;
    r->base.free = reader_free;
    if (!path || strcmp(path, "-") == 0) {
        r->path = g_strdup("<stdin>");
        r->fd = STDIN_FILENO;
    } else {
        r->path = g_strdup(path);
        r->fd = open(path, O_RDONLY | O_CLOEXEC);
        if (r->fd < 0) {
            int e = errno;
            g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_IO, "%s: %s", path, g_strerror(e));
            corpus_table_reader_free(r);
            return NULL;
        }
    }
    if (fstat(r->fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_IO, "%s: %s", r->path, g_strerror(EISDIR));
        corpus_table_reader_free(r);
        return NULL;
    }
    GError *e = NULL;
    gboolean got = next_line(r, &line, &len, &e);
    /* A UTF-8 byte order mark at the start is skipped, as the text tools skip it. */
    if (got && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
        line += 3;
        len -= 3;
        r->line_offset += 3;
        /* A file of only a byte order mark is an empty table. */
        if (len == 0 && r->eof && r->pos >= r->buf.len)
            return r;
    }
    if (!got) {
        if (e) {
            g_propagate_error(error, e);
            corpus_table_reader_free(r);
            return NULL;
        }
        return r; /* an empty table */
    }
    const char *tab = memrchr(line, '\t', len);
    if (tab && is_name(tab + 1, len - (size_t)(tab + 1 - line)) &&
        corpus_utf8_valid_prefix(line, len) == len) {
        r->header = g_strndup(line, len);
        r->columns = count_fields(line, len);
        return r;
    }
    if (!parse(r, line, len, error)) {
        corpus_table_reader_free(r);
        return NULL;
    }
    r->columns = count_fields(line, len);
    r->pending = TRUE;
    return r;
}

const char *corpus_table_reader_header(const CorpusTableReader *r)
{
    return r->header;
}

guint corpus_table_reader_columns(const CorpusTableReader *r)
{
    return r->columns;
}

void corpus_table_reader_require_order(CorpusTableReader *r)
{
    r->ordered = TRUE;
    if (r->pending) {
        corpus_buf_append(&r->prev, r->base.key, r->base.len);
        r->have_prev = TRUE;
    }
}

char *corpus_table_reader_where(const CorpusTableReader *r)
{
    return g_strdup_printf("%s:%" G_GUINT64_FORMAT, r->path, r->line);
}

CorpusRecSource *corpus_table_reader_source(CorpusTableReader *r)
{
    return &r->base;
}

gboolean corpus_table_is_sorted(const char *path, GError **error)
{
    CorpusTableReader *r = corpus_table_reader_open(path, error);
    if (!r)
        return FALSE;
    corpus_table_reader_require_order(r);
    r->probe = TRUE;
    GError *e = NULL;
    while (reader_next(&r->base, &e))
        ;
    gboolean sorted = !e && !r->disorder;
    if (e)
        g_propagate_error(error, e);
    corpus_table_reader_free(r);
    return sorted;
}
