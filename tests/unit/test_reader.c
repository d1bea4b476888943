/* Unit tests of reader: chunk boundaries (line ends, spaces, character boundaries, CR LF across
 * blocks), offsets and line numbers, byte order marks, pipes, and the path checks.
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <corpus/reader.h>

#include "unit.h"

#define BLOCK ((size_t)CORPUS_READER_BLOCK)

static char *tmp_dir; /* removed at the end of the run */

/* A copy of one chunk, with what the reader said about it. */
typedef struct {
    char *data;
    size_t len;
    guint64 offset, line, n_line_ends;
    gboolean file_start, file_end, mid_line, line_has_content;
    guint file_index;
    char *file_name;
} Chunk;

static void chunk_free(gpointer p)
{
    Chunk *c = p;
    g_free(c->data);
    g_free(c->file_name);
    g_free(c);
}

static char *write_file(const char *name, const void *data, size_t len)
{
    char *path = g_build_filename(tmp_dir, name, NULL);
    GError *error = NULL;

    if (!g_file_set_contents(path, data, (gssize)len, &error)) {
        fprintf(stderr, "cannot write %s: %s\n", path, error->message);
        g_clear_error(&error);
    }
    return path;
}

/* Read path to the end; NULL with *error set when opening or reading fails. Also checks, for
 * every chunk, that corpus_chunk_line_at() agrees with the reader's line numbers. */
static GPtrArray *read_chunks(const char *path, guint file_index, gint64 *size, GError **error)
{
    CorpusReader *r = corpus_reader_open(path, file_index, error);
    CorpusChunk *c;
    GPtrArray *out;

    if (!r)
        return NULL;
    if (size)
        *size = corpus_reader_size(r);
    c = corpus_chunk_new();
    out = g_ptr_array_new_with_free_func(chunk_free);
    while (corpus_reader_next(r, c, error)) {
        Chunk *k = g_new0(Chunk, 1);
        k->data = g_memdup2(c->data, c->len);
        k->len = c->len;
        k->offset = c->offset;
        k->line = c->line;
        k->n_line_ends = c->n_line_ends;
        k->file_start = c->file_start;
        k->file_end = c->file_end;
        k->mid_line = c->mid_line;
        k->line_has_content = c->line_has_content;
        k->file_index = c->file_index;
        k->file_name = g_strdup(c->file_name);
        g_ptr_array_add(out, k);
        /* Line of the end of the chunk: its first line plus its line ends. */
        UNIT_ASSERT_INT(corpus_chunk_line_at(c, c->len), c->line + c->n_line_ends);
        UNIT_ASSERT_INT(corpus_chunk_line_at(c, 0), c->line);
        if (out->len > 10000)
            break;
    }
    /* Reading past the end keeps saying so. */
    if (!*error)
        CU_ASSERT_FALSE(corpus_reader_next(r, c, error));
    corpus_chunk_free(c);
    corpus_reader_free(r);
    if (*error) {
        g_ptr_array_unref(out);
        return NULL;
    }
    return out;
}

#define CHUNK(a, i) ((const Chunk *)g_ptr_array_index((a), (i)))

/* Line ends in s[0..len) as the header defines them: LF, CR LF, lone CR. */
static guint64 ref_line_ends(const char *s, size_t len, size_t total)
{
    guint64 n = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\n')
            n++;
        else if (s[i] == '\r' && (i + 1 >= total || s[i + 1] != '\n'))
            n++;
    }
    return n;
}

/* The chunk invariants of reader.h for chunks of the file whose bytes are orig[0..len), with
 * a byte order mark of bom bytes skipped. */
static void check_chunks(const GPtrArray *chunks, const char *orig, size_t len, size_t bom,
                         unsigned line)
{
    size_t off = bom;
    guint64 lineno = 1;
    guint64 bad_flags = 0, bad_offsets = 0, bad_lines = 0, bad_bytes = 0, bad_crlf = 0,
            bad_utf8_start = 0, bad_mid = 0, bad_count = 0;
    const gboolean valid = g_utf8_validate_len(orig + bom, len - bom, NULL);

    unit_assert_i64(chunks->len > 0, TRUE, "at least one chunk", line, __FILE__, "check_chunks");
    for (guint i = 0; i < chunks->len; i++) {
        const Chunk *c = CHUNK(chunks, i);
        if (c->file_start != (i == 0) || c->file_end != (i + 1 == chunks->len))
            bad_flags++;
        if (c->offset != off)
            bad_offsets++;
        if (c->line != lineno)
            bad_lines++;
        if (off + c->len > len || (c->len > 0 && memcmp(orig + off, c->data, c->len) != 0))
            bad_bytes++;
        else if (c->n_line_ends != ref_line_ends(orig + off, c->len, len - off))
            bad_count++;
        /* A chunk never ends between CR and LF. */
        if (c->len > 0 && c->data[c->len - 1] == '\r' && off + c->len < len &&
            orig[off + c->len] == '\n')
            bad_crlf++;
        /* Valid text is only cut at character boundaries. */
        if (valid && c->len > 0 && ((guint8)c->data[0] & 0xC0) == 0x80)
            bad_utf8_start++;
        /* mid_line: the previous chunk did not end at a line end. */
        if (i > 0) {
            const Chunk *p = CHUNK(chunks, i - 1);
            gboolean prev_at_end =
                p->len > 0 && (p->data[p->len - 1] == '\n' || p->data[p->len - 1] == '\r');
            if (c->mid_line != (p->len > 0 && !prev_at_end))
                bad_mid++;
        } else if (c->mid_line) {
            bad_mid++;
        }
        off += c->len;
        lineno += c->n_line_ends;
    }
    unit_assert_i64((gint64)off, (gint64)len, "chunks cover the file", line, __FILE__,
                    "check_chunks");
    unit_assert_i64((gint64)(lineno - 1), (gint64)ref_line_ends(orig, len, len),
                    "line ends of the file", line, __FILE__, "check_chunks");
    unit_assert_i64((gint64)bad_flags, 0, "chunks with wrong file_start/file_end", line, __FILE__,
                    "check_chunks");
    unit_assert_i64((gint64)bad_offsets, 0, "chunks with a wrong offset", line, __FILE__,
                    "check_chunks");
    unit_assert_i64((gint64)bad_lines, 0, "chunks with a wrong line number", line, __FILE__,
                    "check_chunks");
    unit_assert_i64((gint64)bad_bytes, 0, "chunks whose bytes differ from the file", line, __FILE__,
                    "check_chunks");
    unit_assert_i64((gint64)bad_count, 0, "chunks with a wrong n_line_ends", line, __FILE__,
                    "check_chunks");
    unit_assert_i64((gint64)bad_crlf, 0, "chunks that end between CR and LF", line, __FILE__,
                    "check_chunks");
    unit_assert_i64((gint64)bad_utf8_start, 0, "chunks that start inside a character", line,
                    __FILE__, "check_chunks");
    unit_assert_i64((gint64)bad_mid, 0, "chunks with a wrong mid_line", line, __FILE__,
                    "check_chunks");
}

#define CHECK_CHUNKS(chunks, orig, len, bom) check_chunks((chunks), (orig), (len), (bom), __LINE__)

/* Write data to a file, read it, check the invariants; returns the chunks. */
static GPtrArray *file_chunks(const char *name, const char *data, size_t len, size_t bom,
                              unsigned line)
{
    g_autofree char *path = write_file(name, data, len);
    GError *error = NULL;
    gint64 size = -2;
    GPtrArray *chunks = read_chunks(path, 0, &size, &error);

    g_unlink(path);
    unit_assert_i64(error == NULL, TRUE, "read without error", line, __FILE__, "file_chunks");
    g_clear_error(&error);
    if (!chunks)
        return g_ptr_array_new_with_free_func(chunk_free);
    unit_assert_i64(size, (gint64)len, "corpus_reader_size", line, __FILE__, "file_chunks");
    check_chunks(chunks, data, len, bom, line);
    return chunks;
}

#define FILE_CHUNKS(name, data, len, bom) file_chunks((name), (data), (len), (bom), __LINE__)

/* ---- Small files ----------------------------------------------------------------------- */

static void test_empty_file(void)
{
    GPtrArray *chunks = FILE_CHUNKS("empty.txt", "", 0, 0);

    UNIT_ASSERT_INT(chunks->len, 1);
    if (chunks->len == 1) {
        const Chunk *c = CHUNK(chunks, 0);
        UNIT_ASSERT_INT(c->len, 0);
        CU_ASSERT(c->file_start);
        CU_ASSERT(c->file_end);
        UNIT_ASSERT_INT(c->offset, 0);
        UNIT_ASSERT_INT(c->line, 1);
        UNIT_ASSERT_INT(c->n_line_ends, 0);
        CU_ASSERT_FALSE(c->mid_line);
    }
    g_ptr_array_unref(chunks);
}

static void test_bom(void)
{
    static const char with_bom[] = "\xEF\xBB\xBF\xD9\x86\xD8\xB5\n";
    GPtrArray *chunks = FILE_CHUNKS("bom.txt", with_bom, sizeof with_bom - 1, 3);

    UNIT_ASSERT_INT(chunks->len, 1);
    if (chunks->len == 1) {
        /* The BOM is skipped but counted in offsets. */
        UNIT_ASSERT_MEM(CHUNK(chunks, 0)->data, CHUNK(chunks, 0)->len, "\xD9\x86\xD8\xB5\n", 5);
        UNIT_ASSERT_INT(CHUNK(chunks, 0)->offset, 3);
        UNIT_ASSERT_INT(CHUNK(chunks, 0)->n_line_ends, 1);
    }
    g_ptr_array_unref(chunks);

    /* A file that is only a BOM: one empty chunk at offset 3. */
    chunks = FILE_CHUNKS("bom-only.txt", "\xEF\xBB\xBF", 3, 3);
    UNIT_ASSERT_INT(chunks->len, 1);
    if (chunks->len == 1) {
        UNIT_ASSERT_INT(CHUNK(chunks, 0)->len, 0);
        UNIT_ASSERT_INT(CHUNK(chunks, 0)->offset, 3);
        CU_ASSERT(CHUNK(chunks, 0)->file_end);
    }
    g_ptr_array_unref(chunks);

    /* U+FEFF elsewhere is text. */
    chunks = FILE_CHUNKS("bom-inside.txt", "a\xEF\xBB\xBF", 4, 0);
    UNIT_ASSERT_INT(chunks->len, 1);
    if (chunks->len == 1)
        UNIT_ASSERT_MEM(CHUNK(chunks, 0)->data, CHUNK(chunks, 0)->len, "a\xEF\xBB\xBF", 4);
    g_ptr_array_unref(chunks);
}

static void test_small_files(void)
{
    GPtrArray *chunks = FILE_CHUNKS("two-lines.txt", "a\nb\n", 4, 0);
    UNIT_ASSERT_INT(chunks->len, 1);
    if (chunks->len == 1) {
        UNIT_ASSERT_MEM(CHUNK(chunks, 0)->data, CHUNK(chunks, 0)->len, "a\nb\n", 4);
        UNIT_ASSERT_INT(CHUNK(chunks, 0)->n_line_ends, 2);
        UNIT_ASSERT_INT(CHUNK(chunks, 0)->line, 1);
        CU_ASSERT(CHUNK(chunks, 0)->file_start && CHUNK(chunks, 0)->file_end);
    }
    g_ptr_array_unref(chunks);

    /* No final line end: the last line still arrives. */
    chunks = FILE_CHUNKS("no-final-newline.txt", "a\nb", 3, 0);
    UNIT_ASSERT_INT(chunks->len, 1);
    if (chunks->len == 1) {
        UNIT_ASSERT_MEM(CHUNK(chunks, 0)->data, CHUNK(chunks, 0)->len, "a\nb", 3);
        UNIT_ASSERT_INT(CHUNK(chunks, 0)->n_line_ends, 1);
    }
    g_ptr_array_unref(chunks);
}

static void test_line_ends(void)
{
    /* CR LF, lone CR and LF each end one line. */
    static const char text[] = "a\r\nb\rc\nd";
    GPtrArray *chunks = FILE_CHUNKS("crlf.txt", text, sizeof text - 1, 0);
    CorpusChunk *c = corpus_chunk_new();

    UNIT_ASSERT_INT(chunks->len, 1);
    if (chunks->len == 1)
        UNIT_ASSERT_INT(CHUNK(chunks, 0)->n_line_ends, 3);
    g_ptr_array_unref(chunks);

    /* corpus_chunk_line_at on a chunk made by hand: 'a' line 1, 'b' 2, 'c' 3, 'd' 4. */
    memcpy(c->data, text, sizeof text - 1);
    c->len = sizeof text - 1;
    c->line = 10;
    UNIT_ASSERT_INT(corpus_chunk_line_at(c, 0), 10);
    UNIT_ASSERT_INT(corpus_chunk_line_at(c, 1), 10); /* the CR of CR LF */
    UNIT_ASSERT_INT(corpus_chunk_line_at(c, 3), 11);
    UNIT_ASSERT_INT(corpus_chunk_line_at(c, 4), 11); /* the lone CR */
    UNIT_ASSERT_INT(corpus_chunk_line_at(c, 5), 12);
    UNIT_ASSERT_INT(corpus_chunk_line_at(c, 7), 13);
    UNIT_ASSERT_INT(corpus_chunk_line_at(c, 8), 13);
    UNIT_ASSERT_INT(corpus_chunk_line_at(c, 100), 13); /* past the end: clamped */
    corpus_chunk_free(c);

    static const struct {
        const char *text;
        guint64 ends;
    } cases[] = {
        {"\r", 1}, {"\r\n", 1}, {"\n\r", 2}, {"\r\r\n", 2}, {"\n\n\n", 3}, {"x\r\ry", 2},
    };
    for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
        chunks = FILE_CHUNKS("ends.txt", cases[i].text, strlen(cases[i].text), 0);
        guint64 n = 0;
        for (guint k = 0; k < chunks->len; k++)
            n += CHUNK(chunks, k)->n_line_ends;
        UNIT_ASSERT_INT(n, cases[i].ends);
        g_ptr_array_unref(chunks);
    }
}

/* ---- Large files ----------------------------------------------------------------------- */

/* About 2.5 MiB of short lines (ASCII and Arabic) ending with eol. */
static GString *short_lines(const char *eol, guint64 *n_lines)
{
    GString *s = g_string_new(NULL);
    guint64 n = 0;

    while (s->len < 5 * BLOCK / 2) {
        g_string_append_printf(s, "%" G_GUINT64_FORMAT " %.*s \xD8\xB3\xD8\xB7\xD8\xB1%s", n,
                               (int)(n % 41), "abcdefghijklmnopqrstuvwxyz abcdefghijklmnopq", eol);
        n++;
    }
    *n_lines = n;
    return s;
}

static void test_large_file_lines(void)
{
    static const char *const eols[] = {"\n", "\r\n", "\r"};

    for (guint e = 0; e < G_N_ELEMENTS(eols); e++) {
        guint64 n_lines;
        GString *s = short_lines(eols[e], &n_lines);
        GPtrArray *chunks = FILE_CHUNKS("lines.txt", s->str, s->len, 0);
        guint64 ends = 0;

        /* 2.5 MiB in blocks of 1 MiB: at least three chunks. */
        CU_ASSERT(chunks->len >= 3);
        for (guint i = 0; i < chunks->len; i++) {
            const Chunk *c = CHUNK(chunks, i);
            ends += c->n_line_ends;
            CU_ASSERT_FALSE(c->mid_line);
            /* Every chunk ends right after a line end. */
            if (c->len > 0)
                CU_ASSERT(c->data[c->len - 1] == eols[e][strlen(eols[e]) - 1]);
        }
        UNIT_ASSERT_INT(ends, n_lines);
        g_ptr_array_unref(chunks);
        g_string_free(s, TRUE);
    }
}

static void test_long_line_with_spaces(void)
{
    GString *s = g_string_new(NULL);

    while (s->len < 3 * BLOCK)
        g_string_append(s, "abcdefghi ");
    GPtrArray *chunks = FILE_CHUNKS("long-line.txt", s->str, s->len, 0);

    CU_ASSERT(chunks->len >= 3);
    /* The first block holds bytes 0..1048575; its last space is at 1048569 (10k + 9), so the
     * first chunk ends right after it. */
    if (chunks->len > 0)
        UNIT_ASSERT_INT(CHUNK(chunks, 0)->len, 1048570);
    for (guint i = 0; i < chunks->len; i++) {
        const Chunk *c = CHUNK(chunks, i);
        UNIT_ASSERT_INT(c->line, 1);
        UNIT_ASSERT_INT(c->n_line_ends, 0);
        CU_ASSERT(c->len > 0 && c->data[c->len - 1] == ' ');
        CU_ASSERT(c->mid_line == (i > 0));
        CU_ASSERT(c->line_has_content == (i > 0));
    }
    g_ptr_array_unref(chunks);
    g_string_free(s, TRUE);

    /* A line that starts with more than a block of blanks: the continuation chunk is mid-line
     * but the line has no content yet. */
    s = g_string_new(NULL);
    for (size_t i = 0; i < BLOCK + 10; i++)
        g_string_append_c(s, i % 7 ? ' ' : '\t');
    g_string_append(s, "word\n");
    chunks = FILE_CHUNKS("blank-start.txt", s->str, s->len, 0);
    UNIT_ASSERT_INT(chunks->len, 2);
    if (chunks->len == 2) {
        UNIT_ASSERT_INT(CHUNK(chunks, 0)->len, BLOCK);
        CU_ASSERT(CHUNK(chunks, 1)->mid_line);
        CU_ASSERT_FALSE(CHUNK(chunks, 1)->line_has_content);
    }
    g_ptr_array_unref(chunks);
    g_string_free(s, TRUE);
}

/* Every chunk of a cut run is valid UTF-8 on its own. */
static void check_valid_pieces(const GPtrArray *chunks)
{
    guint64 bad = 0;

    for (guint i = 0; i < chunks->len; i++) {
        const Chunk *c = CHUNK(chunks, i);
        if (!g_utf8_validate_len(c->data, c->len, NULL))
            bad++;
        CU_ASSERT(c->mid_line == (i > 0));
        CU_ASSERT(c->line_has_content == (i > 0));
    }
    UNIT_ASSERT_INT(bad, 0);
}

static void test_long_run_without_space(void)
{
    /* 3 MiB of ب (D8 A8) without a space or line end: cut between letters. */
    GString *s = g_string_new(NULL);
    while (s->len < 3 * BLOCK)
        g_string_append(s, "\xD8\xA8");
    GPtrArray *chunks = FILE_CHUNKS("arabic-run.txt", s->str, s->len, 0);
    CU_ASSERT(chunks->len >= 3);
    check_valid_pieces(chunks);
    g_ptr_array_unref(chunks);
    g_string_free(s, TRUE);

    /* ASCII letters without a space: the cut falls at the block end exactly (every byte is
     * a character boundary), so chunks start at 0, 1048576 and 2097152. */
    s = g_string_new(NULL);
    while (s->len < 5 * BLOCK / 2)
        g_string_append(s, "abcdefghijklmnopqrstuvwxyz");
    chunks = FILE_CHUNKS("latin-run.txt", s->str, s->len, 0);
    UNIT_ASSERT_INT(chunks->len, 3);
    if (chunks->len == 3) {
        UNIT_ASSERT_INT(CHUNK(chunks, 1)->offset, 1048576);
        UNIT_ASSERT_INT(CHUNK(chunks, 2)->offset, 2097152);
    }
    g_ptr_array_unref(chunks);
    g_string_free(s, TRUE);

    /* Characters of 2, 2, 3 and 4 bytes (ب ـ € 😀): the block ends fall at every kind of
     * position inside a character. */
    s = g_string_new(NULL);
    while (s->len < 3 * BLOCK)
        g_string_append(s, "\xD8\xA8\xD9\x80\xE2\x82\xAC\xF0\x9F\x98\x80");
    chunks = FILE_CHUNKS("mixed-run.txt", s->str, s->len, 0);
    CU_ASSERT(chunks->len >= 3);
    check_valid_pieces(chunks);
    g_ptr_array_unref(chunks);
    g_string_free(s, TRUE);
}

/* ---- Block boundaries ------------------------------------------------------------------ */

static guint64 total_line_ends(const GPtrArray *chunks)
{
    guint64 n = 0;
    for (guint i = 0; i < chunks->len; i++)
        n += CHUNK(chunks, i)->n_line_ends;
    return n;
}

static void test_crlf_across_block(void)
{
    /* Lines before, then CR at BLOCK-1 and LF at BLOCK. */
    GString *s = g_string_new(NULL);
    guint64 lines = 0;
    while (s->len < BLOCK - 100) {
        g_string_append(s, "one line of text\n");
        lines++;
    }
    while (s->len < BLOCK - 1)
        g_string_append_c(s, 'x');
    g_string_append(s, "\r\n");
    lines++;
    for (int i = 0; i < 1000; i++, lines++)
        g_string_append(s, "tail line\n");
    g_assert(s->str[BLOCK - 1] == '\r' && s->str[BLOCK] == '\n');
    GPtrArray *chunks = FILE_CHUNKS("crlf-boundary.txt", s->str, s->len, 0);
    UNIT_ASSERT_INT(total_line_ends(chunks), lines);
    g_ptr_array_unref(chunks);
    g_string_free(s, TRUE);

    /* The same with spaces but no earlier line end. */
    s = g_string_new(NULL);
    while (s->len < BLOCK - 1)
        g_string_append_c(s, s->len % 5 == 4 ? ' ' : 'w');
    g_string_append(s, "\r\nnext\n");
    chunks = FILE_CHUNKS("crlf-boundary-spaces.txt", s->str, s->len, 0);
    UNIT_ASSERT_INT(total_line_ends(chunks), 2);
    g_ptr_array_unref(chunks);
    g_string_free(s, TRUE);

    /* The same in a first line of BLOCK-1 bytes without any space: the cut may only fall at
     * a character boundary, and between CR and LF is not one (a CR LF pair is one line end;
     * the file has 2 line ends and 3 lines). */
    s = g_string_new(NULL);
    while (s->len < BLOCK - 1)
        g_string_append_c(s, 'x');
    g_string_append(s, "\r\ny\n");
    chunks = FILE_CHUNKS("crlf-boundary-nospace.txt", s->str, s->len, 0);
    UNIT_ASSERT_INT(total_line_ends(chunks), 2);
    if (chunks->len > 0) {
        const Chunk *last = CHUNK(chunks, chunks->len - 1);
        UNIT_ASSERT_INT(last->line + last->n_line_ends, 3);
    }
    g_ptr_array_unref(chunks);
    g_string_free(s, TRUE);
}

static void test_utf8_across_block(void)
{
    /* A 2-byte letter at BLOCK-1..BLOCK in a line without spaces. */
    GString *s = g_string_new(NULL);
    while (s->len < BLOCK - 1)
        g_string_append_c(s, 'x');
    g_string_append(s, "\xD8\xA8"
                       "end\n");
    GPtrArray *chunks = FILE_CHUNKS("utf8-boundary-2.txt", s->str, s->len, 0);
    CU_ASSERT(chunks->len >= 2);
    check_valid_pieces(chunks);
    g_ptr_array_unref(chunks);
    g_string_free(s, TRUE);

    /* A 4-byte emoji at BLOCK-2..BLOCK+1, and a 3-byte character at BLOCK-1..BLOCK+1. */
    static const char *const chars[] = {"\xF0\x9F\x98\x80", "\xE2\x82\xAC"};
    static const size_t at[] = {BLOCK - 2, BLOCK - 1};
    for (guint k = 0; k < G_N_ELEMENTS(chars); k++) {
        s = g_string_new(NULL);
        while (s->len < at[k])
            g_string_append_c(s, 'x');
        g_string_append(s, chars[k]);
        g_string_append(s, "yyy\n");
        chunks = FILE_CHUNKS("utf8-boundary.txt", s->str, s->len, 0);
        CU_ASSERT(chunks->len >= 2);
        check_valid_pieces(chunks);
        g_ptr_array_unref(chunks);
        g_string_free(s, TRUE);
    }
}

/* ---- Pipes ----------------------------------------------------------------------------- */

typedef struct {
    const char *fifo; /* open this FIFO for writing, or write to fd */
    int fd;
    const char *data;
    size_t len;
} Feed;

/* Write the data in pieces of 1000 bytes, then close. */
static gpointer feed(gpointer p)
{
    Feed *f = p;
    int fd = f->fifo ? open(f->fifo, O_WRONLY | O_CLOEXEC) : f->fd;

    if (fd < 0)
        return NULL;
    for (size_t off = 0; off < f->len;) {
        ssize_t n = write(fd, f->data + off, MIN((size_t)1000, f->len - off));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        off += (size_t)n;
    }
    close(fd);
    return NULL;
}

static void check_same_chunks(const GPtrArray *got, const GPtrArray *want)
{
    UNIT_ASSERT_INT(got->len, want->len);
    for (guint i = 0; i < MIN(got->len, want->len); i++) {
        const Chunk *a = CHUNK(got, i), *b = CHUNK(want, i);
        UNIT_ASSERT_MEM(a->data, a->len, b->data, b->len);
        UNIT_ASSERT_INT(a->offset, b->offset);
        UNIT_ASSERT_INT(a->line, b->line);
        UNIT_ASSERT_INT(a->n_line_ends, b->n_line_ends);
        UNIT_ASSERT_INT(a->file_start, b->file_start);
        UNIT_ASSERT_INT(a->file_end, b->file_end);
        UNIT_ASSERT_INT(a->mid_line, b->mid_line);
        UNIT_ASSERT_INT(a->line_has_content, b->line_has_content);
    }
}

/* Read data from a FIFO and from standard input (a pipe), each fed by a thread in 1000-byte
 * pieces; the chunks must equal those of a regular file. */
static void check_pipes(const char *data, size_t len)
{
    g_autofree char *fifo = g_build_filename(tmp_dir, "fifo", NULL);
    g_autofree char *path = write_file("pipe-ref.txt", data, len);
    GError *error = NULL;
    gint64 size = 0;
    GPtrArray *want = read_chunks(path, 0, NULL, &error);

    CU_ASSERT_PTR_NULL(error);
    g_clear_error(&error);
    g_unlink(path);
    if (!want)
        return;

    /* A named pipe. */
    if (mkfifo(fifo, 0600) == 0) {
        Feed f = {fifo, -1, data, len};
        GThread *t = g_thread_new("feed", feed, &f);
        GPtrArray *got = read_chunks(fifo, 3, &size, &error);
        g_thread_join(t);
        CU_ASSERT_PTR_NULL(error);
        g_clear_error(&error);
        UNIT_ASSERT_INT(size, -1);
        if (got) {
            check_same_chunks(got, want);
            if (got->len > 0) {
                UNIT_ASSERT_INT(CHUNK(got, 0)->file_index, 3);
                UNIT_ASSERT_STR(CHUNK(got, 0)->file_name, fifo);
            }
            g_ptr_array_unref(got);
        }
        g_unlink(fifo);
    } else {
        CU_FAIL("mkfifo");
    }

    /* Standard input. */
    int p[2], saved = dup(STDIN_FILENO);
    if (saved >= 0 && pipe(p) == 0) {
        dup2(p[0], STDIN_FILENO);
        close(p[0]);
        Feed f = {NULL, p[1], data, len};
        GThread *t = g_thread_new("feed", feed, &f);
        GPtrArray *got = read_chunks("-", 0, &size, &error);
        g_thread_join(t);
        dup2(saved, STDIN_FILENO);
        close(saved);
        CU_ASSERT_PTR_NULL(error);
        g_clear_error(&error);
        UNIT_ASSERT_INT(size, -1);
        if (got) {
            check_same_chunks(got, want);
            if (got->len > 0)
                UNIT_ASSERT_STR(CHUNK(got, 0)->file_name, "<stdin>");
            g_ptr_array_unref(got);
        }
    } else {
        CU_FAIL("pipe");
    }
    g_ptr_array_unref(want);
}

static void test_pipe(void)
{
    guint64 n_lines;
    GString *s = short_lines("\n", &n_lines);
    check_pipes(s->str, s->len);
    g_string_free(s, TRUE);

    /* A long line with spaces (cut after spaces, carried between blocks). */
    s = g_string_new(NULL);
    while (s->len < 5 * BLOCK / 2)
        g_string_append(s, "\xD9\x83\xD9\x84\xD9\x85\xD8\xA9 word ");
    check_pipes(s->str, s->len);
    g_string_free(s, TRUE);

    /* Small and empty input. */
    check_pipes("a\r\nb", 4);
    check_pipes("", 0);
}

/* ---- Checks and errors ----------------------------------------------------------------- */

static void check_io_error(const GError *error, const char *path, const char *reason)
{
    UNIT_ASSERT_ERROR(error, CORPUS_ERROR_IO);
    if (error) {
        g_autofree char *want = g_strdup_printf("%s: %s", path, reason);
        UNIT_ASSERT_STR(error->message, want);
    }
}

static void test_check(void)
{
    g_autofree char *missing = g_build_filename(tmp_dir, "missing.txt", NULL);
    g_autofree char *dir = g_build_filename(tmp_dir, "subdir", NULL);
    g_autofree char *file = write_file("readable.txt", "x\n", 2);
    g_autofree char *locked = write_file("locked.txt", "x\n", 2);
    GError *error = NULL;

    CU_ASSERT(corpus_reader_check(file, &error));
    CU_ASSERT_PTR_NULL(error);
    CU_ASSERT(corpus_reader_check("-", &error));
    CU_ASSERT_PTR_NULL(error);

    CU_ASSERT_FALSE(corpus_reader_check(missing, &error));
    check_io_error(error, missing, g_strerror(ENOENT));
    g_clear_error(&error);
    CU_ASSERT_PTR_NULL(corpus_reader_open(missing, 0, &error));
    check_io_error(error, missing, g_strerror(ENOENT));
    g_clear_error(&error);

    g_mkdir(dir, 0700);
    CU_ASSERT_FALSE(corpus_reader_check(dir, &error));
    check_io_error(error, dir, g_strerror(EISDIR));
    g_clear_error(&error);
    CU_ASSERT_PTR_NULL(corpus_reader_open(dir, 0, &error));
    check_io_error(error, dir, g_strerror(EISDIR));
    g_clear_error(&error);
    g_rmdir(dir);

    /* Root reads any file, so the permission check only means something for other users. */
    g_chmod(locked, 0);
    if (geteuid() != 0) {
        CU_ASSERT_FALSE(corpus_reader_check(locked, &error));
        check_io_error(error, locked, g_strerror(EACCES));
        g_clear_error(&error);
    }
    g_unlink(locked);
    g_unlink(file);
}

int main(void)
{
    static const UnitTest tests[] = {
        UNIT_TEST(test_empty_file),
        UNIT_TEST(test_bom),
        UNIT_TEST(test_small_files),
        UNIT_TEST(test_line_ends),
        UNIT_TEST(test_large_file_lines),
        UNIT_TEST(test_long_line_with_spaces),
        UNIT_TEST(test_long_run_without_space),
        UNIT_TEST(test_crlf_across_block),
        UNIT_TEST(test_utf8_across_block),
        UNIT_TEST(test_pipe),
        UNIT_TEST(test_check),
    };
    GError *error = NULL;
    int status;

    /* A reader that stops early must not kill the feeding thread's process. */
    signal(SIGPIPE, SIG_IGN);
    tmp_dir = g_dir_make_tmp("corpus-test-reader-XXXXXX", &error);
    if (!tmp_dir) {
        fprintf(stderr, "cannot make a temporary directory: %s\n", error->message);
        g_clear_error(&error);
        return 2;
    }
    status = unit_run("reader", tests, G_N_ELEMENTS(tests));
    /* Whatever a failed test left behind goes too. */
    GDir *d = g_dir_open(tmp_dir, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name(d))) {
        g_autofree char *p = g_build_filename(tmp_dir, name, NULL);
        g_chmod(p, 0600);
        if (g_unlink(p) != 0)
            g_rmdir(p);
    }
    if (d)
        g_dir_close(d);
    if (g_rmdir(tmp_dir) != 0)
        fprintf(stderr, "cannot remove %s: %s\n", tmp_dir, g_strerror(errno));
    g_free(tmp_dir);
    return status;
}
