/* Unit tests of tokwrite: the four output formats of corpus-tok on a small text with two
 * documents, --keep filtering, batches split anywhere, and the JSON and number formatting of
 * CorpusBuf that the table formats use.
 * SPDX-License-Identifier: MIT */
#include <string.h>

#include <corpus/buf.h>
#include <corpus/tok.h>
#include <corpus/tokwrite.h>

#include "unit.h"

/* Two paragraphs; the first has three sentences (an ender, then two line ends).
 *
 *   bytes   token
 *   0-5     كتب      word     doc 1 sentence 1
 *   7-12    علي      word
 *   13      .        punct
 *   15-18   ثم       word     sentence 2
 *   20-25   ذهب      word
 *   26      LF
 *   27-32   قال      word     sentence 3
 *   34      "        punct
 *   35-40   نعم      word
 *   41      "        punct
 *   42, 43  LF LF    (blank line: new paragraph)
 *   44-45   Hi       latin    doc 2 sentence 1
 *   47-49   3.5      number
 *   50      ,        punct
 *   52-53   ok       latin
 *   54      ?        punct    (no final line end; 55 bytes) */
static const char text[] = "\u0643\u062A\u0628 \u0639\u0644\u064A. \u062B\u0645 \u0630\u0647"
                           "\u0628\n\u0642\u0627\u0644 \"\u0646\u0639\u0645\"\n\nHi 3.5, ok?";

#define KTB "\u0643\u062A\u0628"
#define ALI "\u0639\u0644\u064A"
#define THM "\u062B\u0645"
#define THHB "\u0630\u0647\u0628"
#define QAL "\u0642\u0627\u0644"
#define NAAM "\u0646\u0639\u0645"

#define ALL CORPUS_TOK_ALL
#define KEEP(c) (1u << CORPUS_TOK_##c)

/* Cut points of the text into pieces, and how each piece starts (as reader chunks would). */
typedef struct {
    size_t from;
    CorpusTextStart start;
} Cut;

static char *write_pieces(CorpusTokFormat format, CorpusDocsMode docs, CorpusTokClassSet keep,
                          gboolean header, const Cut *cuts, guint n_cuts)
{
    CorpusNorm *norm = corpus_norm_new(CORPUS_NORM_BASIC);
    CorpusTokenizer *tok = corpus_tokenizer_new(norm, docs);
    CorpusTokWriter *w = corpus_tok_writer_new(format, docs, keep, header);
    CorpusBuf out = CORPUS_BUF_INIT;
    CorpusTokenBatch b;
    const size_t len = sizeof text - 1;

    corpus_token_batch_init(&b);
    corpus_tok_writer_begin(w, &out);
    for (guint i = 0; i < n_cuts; i++) {
        size_t to = i + 1 < n_cuts ? cuts[i + 1].from : len;
        CorpusTextStart start = cuts[i].start;
        /* A piece that continues a line takes the scanner state the previous one ended in. */
        if (start.mid_line) {
            start.line_has_content = b.tail_line_content;
            start.after_ender = b.tail_after_ender;
            start.after_initial = b.tail_after_initial;
        }
        corpus_tokenizer_run(tok, text + cuts[i].from, to - cuts[i].from, cuts[i].from, NULL,
                             &start, &b);
        corpus_tok_writer_batch(w, &b, &out);
    }
    corpus_tok_writer_end(w, &out);
    char *s = g_strndup(out.data ? out.data : "", out.len);
    corpus_buf_clear(&out);
    corpus_token_batch_clear(&b);
    corpus_tok_writer_free(w);
    corpus_tokenizer_free(tok);
    corpus_norm_free(norm);
    return s;
}

/* How a piece starts (CorpusTextStart); mid-line pieces get the rest from the previous one. */
/* clang-format off */
#define FILE_START {TRUE, FALSE, FALSE, FALSE, FALSE}
#define LINE_START {FALSE, FALSE, FALSE, FALSE, FALSE}
#define MID_LINE {FALSE, TRUE, FALSE, FALSE, FALSE}
/* clang-format on */

static const Cut one_piece[] = {{0, FILE_START}};
/* After the first line end; then after the blank line. */
static const Cut at_lines[] = {{0, FILE_START}, {27, LINE_START}, {44, LINE_START}};
/* After the space that follows "." (mid-line: the state of the previous piece goes on); after
 * the blank line. */
static const Cut mid_line[] = {{0, FILE_START}, {15, MID_LINE}, {44, LINE_START}};

/* The output for the whole text, and for the text cut into pieces, equals want. */
static void check_write(CorpusTokFormat format, CorpusDocsMode docs, CorpusTokClassSet keep,
                        gboolean header, const char *want, unsigned line)
{
    static const struct {
        const Cut *cuts;
        guint n;
        const char *name;
    } ways[] = {
        {one_piece, G_N_ELEMENTS(one_piece), "one piece"},
        {at_lines, G_N_ELEMENTS(at_lines), "cut at line ends"},
        {mid_line, G_N_ELEMENTS(mid_line), "cut mid-line"},
    };
    for (guint k = 0; k < G_N_ELEMENTS(ways); k++) {
        g_autofree char *got = write_pieces(format, docs, keep, header, ways[k].cuts, ways[k].n);
        unit_assert_mem(got, strlen(got), want, strlen(want), ways[k].name, line, __FILE__,
                        "check_write");
    }
}

#define WRITE(format, docs, keep, header, want)                                                    \
    check_write(CORPUS_TOK_FORMAT_##format, CORPUS_DOCS_##docs, (keep), (header), (want), __LINE__)

static void test_text(void)
{
    /* One sentence per line, one space between tokens, a blank line between documents. */
    WRITE(TEXT, PARA, ALL, TRUE,
          KTB " " ALI " .\n" THM " " THHB "\n" QAL " \" " NAAM " \"\n\nHi 3.5 , ok ?\n");
    /* One document: the blank line is only a line end. */
    WRITE(TEXT, FILE, ALL, TRUE,
          KTB " " ALI " .\n" THM " " THHB "\n" QAL " \" " NAAM " \"\nHi 3.5 , ok ?\n");
    /* A document per line: lines 1, 2 and 4. */
    WRITE(TEXT, LINE, ALL, TRUE,
          KTB " " ALI " .\n" THM " " THHB "\n\n" QAL " \" " NAAM " \"\n\nHi 3.5 , ok ?\n");
}

static void test_lines(void)
{
    /* One token per line, a blank line after each sentence (documents look the same). */
    WRITE(LINES, PARA, ALL, TRUE,
          KTB "\n" ALI "\n.\n\n" THM "\n" THHB "\n\n" QAL "\n\"\n" NAAM "\n\"\n\n"
              "Hi\n3.5\n,\nok\n?\n");
}

static void test_tsv(void)
{
    static const char rows[] = "1\t1\t1\t" KTB "\tword\t0\t6\n"
                               "1\t1\t2\t" ALI "\tword\t7\t6\n"
                               "1\t1\t3\t.\tpunct\t13\t1\n"
                               "1\t2\t1\t" THM "\tword\t15\t4\n"
                               "1\t2\t2\t" THHB "\tword\t20\t6\n"
                               "1\t3\t1\t" QAL "\tword\t27\t6\n"
                               "1\t3\t2\t\"\tpunct\t34\t1\n"
                               "1\t3\t3\t" NAAM "\tword\t35\t6\n"
                               "1\t3\t4\t\"\tpunct\t41\t1\n"
                               "2\t1\t1\tHi\tlatin\t44\t2\n"
                               "2\t1\t2\t3.5\tnumber\t47\t3\n"
                               "2\t1\t3\t,\tpunct\t50\t1\n"
                               "2\t1\t4\tok\tlatin\t52\t2\n"
                               "2\t1\t5\t?\tpunct\t54\t1\n";
    static const char header[] = "doc\tsentence\tindex\ttoken\tclass\toffset\tlength\n";
    g_autofree char *with_header = g_strconcat(header, rows, NULL);

    WRITE(TSV, PARA, ALL, TRUE, with_header);
    WRITE(TSV, PARA, ALL, FALSE, rows);
    /* --docs=file: the second paragraph is sentence 4 of document 1. */
    WRITE(TSV, FILE, KEEP(LATIN) | KEEP(NUMBER), FALSE,
          "1\t4\t1\tHi\tlatin\t44\t2\n"
          "1\t4\t2\t3.5\tnumber\t47\t3\n"
          "1\t4\t4\tok\tlatin\t52\t2\n");
    /* --docs=line: document numbers are line numbers. */
    WRITE(TSV, LINE, KEEP(PUNCT), FALSE,
          "1\t1\t3\t.\tpunct\t13\t1\n"
          "2\t1\t2\t\"\tpunct\t34\t1\n"
          "2\t1\t4\t\"\tpunct\t41\t1\n"
          "4\t1\t3\t,\tpunct\t50\t1\n"
          "4\t1\t5\t?\tpunct\t54\t1\n");
}

static void test_jsonl(void)
{
    /* The quote token is escaped. */
    WRITE(
        JSONL, PARA, ALL, TRUE,
        "{\"doc\":1,\"sentence\":1,\"index\":1,\"token\":\"" KTB
        "\",\"class\":\"word\",\"offset\":0,\"length\":6}\n"
        "{\"doc\":1,\"sentence\":1,\"index\":2,\"token\":\"" ALI
        "\",\"class\":\"word\",\"offset\":7,\"length\":6}\n"
        "{\"doc\":1,\"sentence\":1,\"index\":3,\"token\":\".\",\"class\":\"punct\",\"offset\":13,"
        "\"length\":1}\n"
        "{\"doc\":1,\"sentence\":2,\"index\":1,\"token\":\"" THM
        "\",\"class\":\"word\",\"offset\":15,\"length\":4}\n"
        "{\"doc\":1,\"sentence\":2,\"index\":2,\"token\":\"" THHB
        "\",\"class\":\"word\",\"offset\":20,\"length\":6}\n"
        "{\"doc\":1,\"sentence\":3,\"index\":1,\"token\":\"" QAL
        "\",\"class\":\"word\",\"offset\":27,\"length\":6}\n"
        "{\"doc\":1,\"sentence\":3,\"index\":2,\"token\":\"\\\"\",\"class\":\"punct\","
        "\"offset\":34,\"length\":1}\n"
        "{\"doc\":1,\"sentence\":3,\"index\":3,\"token\":\"" NAAM
        "\",\"class\":\"word\",\"offset\":35,\"length\":6}\n"
        "{\"doc\":1,\"sentence\":3,\"index\":4,\"token\":\"\\\"\",\"class\":\"punct\","
        "\"offset\":41,\"length\":1}\n"
        "{\"doc\":2,\"sentence\":1,\"index\":1,\"token\":\"Hi\",\"class\":\"latin\",\"offset\":44,"
        "\"length\":2}\n"
        "{\"doc\":2,\"sentence\":1,\"index\":2,\"token\":\"3.5\",\"class\":\"number\","
        "\"offset\":47,\"length\":3}\n"
        "{\"doc\":2,\"sentence\":1,\"index\":3,\"token\":\",\",\"class\":\"punct\",\"offset\":50,"
        "\"length\":1}\n"
        "{\"doc\":2,\"sentence\":1,\"index\":4,\"token\":\"ok\",\"class\":\"latin\",\"offset\":52,"
        "\"length\":2}\n"
        "{\"doc\":2,\"sentence\":1,\"index\":5,\"token\":\"?\",\"class\":\"punct\",\"offset\":54,"
        "\"length\":1}\n");
    /* The header flag means nothing for JSON Lines. */
    WRITE(JSONL, PARA, KEEP(NUMBER), TRUE,
          "{\"doc\":2,\"sentence\":1,\"index\":2,\"token\":\"3.5\",\"class\":\"number\","
          "\"offset\":47,\"length\":3}\n");
}

static void test_keep(void)
{
    /* Sentences and documents without a kept token write nothing. */
    WRITE(TEXT, PARA, KEEP(WORD), TRUE, KTB " " ALI "\n" THM " " THHB "\n" QAL " " NAAM "\n");
    WRITE(TEXT, PARA, KEEP(LATIN) | KEEP(NUMBER), TRUE, "Hi 3.5 ok\n");
    WRITE(TEXT, PARA, KEEP(PUNCT), TRUE, ".\n\" \"\n\n, ?\n");
    WRITE(LINES, PARA, KEEP(PUNCT), TRUE, ".\n\n\"\n\"\n\n,\n?\n");
    /* Nothing kept: no output at all (and only the header for TSV). */
    WRITE(TEXT, PARA, KEEP(EMOJI), TRUE, "");
    WRITE(LINES, PARA, 0, TRUE, "");
    WRITE(JSONL, PARA, KEEP(URL), TRUE, "");
    WRITE(TSV, PARA, KEEP(EMAIL), TRUE, "doc\tsentence\tindex\ttoken\tclass\toffset\tlength\n");
    /* Numbers do not depend on --keep. */
    WRITE(TSV, PARA, KEEP(WORD), FALSE,
          "1\t1\t1\t" KTB "\tword\t0\t6\n"
          "1\t1\t2\t" ALI "\tword\t7\t6\n"
          "1\t2\t1\t" THM "\tword\t15\t4\n"
          "1\t2\t2\t" THHB "\tword\t20\t6\n"
          "1\t3\t1\t" QAL "\tword\t27\t6\n"
          "1\t3\t3\t" NAAM "\tword\t35\t6\n");
}

/* Empty input: no tokens, no output (TSV: the header). */
static void test_empty(void)
{
    static const CorpusTokFormat formats[] = {CORPUS_TOK_FORMAT_TEXT, CORPUS_TOK_FORMAT_LINES,
                                              CORPUS_TOK_FORMAT_TSV, CORPUS_TOK_FORMAT_JSONL};
    CorpusTokenizer *tok = corpus_tokenizer_new(NULL, CORPUS_DOCS_PARA);
    const CorpusTextStart start = {TRUE, FALSE, FALSE, FALSE, FALSE};
    static const char header[] = "doc\tsentence\tindex\ttoken\tclass\toffset\tlength\n";
    CorpusTokenBatch b;

    corpus_token_batch_init(&b);
    for (guint f = 0; f < G_N_ELEMENTS(formats); f++) {
        CorpusTokWriter *w = corpus_tok_writer_new(formats[f], CORPUS_DOCS_PARA, ALL, TRUE);
        CorpusBuf out = CORPUS_BUF_INIT;
        corpus_tok_writer_begin(w, &out);
        corpus_tokenizer_run(tok, "\n \n\t", 4, 0, NULL, &start, &b);
        corpus_tok_writer_batch(w, &b, &out);
        corpus_tok_writer_end(w, &out);
        if (formats[f] == CORPUS_TOK_FORMAT_TSV)
            UNIT_ASSERT_MEM(out.data, out.len, header, strlen(header));
        else
            UNIT_ASSERT_INT(out.len, 0);
        corpus_buf_clear(&out);
        corpus_tok_writer_free(w);
    }
    corpus_token_batch_clear(&b);
    corpus_tokenizer_free(tok);
}

/* ---- CorpusBuf -------------------------------------------------------------------------- */

static void check_json(const char *in, size_t len, const char *want, const char *alt, unsigned line)
{
    CorpusBuf b = CORPUS_BUF_INIT;

    corpus_buf_putc(&b, '[');
    corpus_buf_put_json(&b, in, len);
    corpus_buf_putc(&b, ']');
    g_autofree char *w = g_strdup_printf("[%s]", want);
    g_autofree char *a = alt ? g_strdup_printf("[%s]", alt) : NULL;
    /* JSON allows either form for some controls ("\n" or "\u000a"). */
    if (a && b.len == strlen(a) && memcmp(b.data, a, b.len) == 0)
        unit_assert_mem(b.data, b.len, a, strlen(a), "JSON string body", line, __FILE__,
                        "check_json");
    else
        unit_assert_mem(b.data, b.len, w, strlen(w), "JSON string body", line, __FILE__,
                        "check_json");
    corpus_buf_clear(&b);
}

#define JSON(lit, want, alt) check_json((lit), sizeof(lit) - 1, (want), (alt), __LINE__)

static void test_json(void)
{
    JSON("", "", NULL);
    JSON("abc", "abc", NULL);
    JSON("a\"b", "a\\\"b", NULL);
    JSON("a\\b", "a\\\\b", NULL);
    JSON("\"\\\"", "\\\"\\\\\\\"", NULL);
    JSON("\x01", "\\u0001", NULL);
    JSON("\x1F", "\\u001f", "\\u001F");
    JSON("a\0b", "a\\u0000b", NULL);
    JSON("\n", "\\u000a", "\\n");
    JSON("\t", "\\u0009", "\\t");
    /* Not controls: DEL, '/', non-ASCII text as UTF-8. */
    JSON("\x7F/", "\x7F/", NULL);
    JSON("\u0643\u062A\u0628 \U0001F600", "\u0643\u062A\u0628 \U0001F600", NULL);
}

static void test_buf(void)
{
    CorpusBuf b = CORPUS_BUF_INIT;
    static const guint64 values[] = {0, 7, 10, 99, 100, 4294967296ull, G_MAXUINT64};
    static const char *const texts[] = {
        "0", "7", "10", "99", "100", "4294967296", "18446744073709551615"};

    for (guint i = 0; i < G_N_ELEMENTS(values); i++) {
        b.len = 0;
        corpus_buf_put_u64(&b, values[i]);
        UNIT_ASSERT_MEM(b.data, b.len, texts[i], strlen(texts[i]));
    }
    /* NUL-terminated without counting the NUL. */
    b.len = 0;
    corpus_buf_append(&b, "xyz", 3);
    UNIT_ASSERT_STR(corpus_buf_cstr(&b), "xyz");
    UNIT_ASSERT_INT(b.len, 3);
    corpus_buf_clear(&b);
    CU_ASSERT_PTR_NULL(b.data);
    UNIT_ASSERT_INT(b.len, 0);
    UNIT_ASSERT_INT(b.cap, 0);

    /* Growth keeps the bytes: pieces of every length from 0 to 40, many times. */
    GString *want = g_string_new(NULL);
    char piece[41];
    for (int i = 0; i < 41; i++)
        piece[i] = (char)('a' + i % 26);
    for (int round = 0; round < 300; round++) {
        size_t n = (size_t)(round * 7 % 41);
        corpus_buf_append(&b, piece, n);
        g_string_append_len(want, piece, (gssize)n);
        corpus_buf_putc(&b, '|');
        g_string_append_c(want, '|');
    }
    UNIT_ASSERT_MEM(b.data, b.len, want->str, want->len);
    CU_ASSERT(b.cap >= b.len);
    g_string_free(want, TRUE);
    corpus_buf_clear(&b);
}

int main(void)
{
    static const UnitTest tests[] = {
        UNIT_TEST(test_text), UNIT_TEST(test_lines), UNIT_TEST(test_tsv),  UNIT_TEST(test_jsonl),
        UNIT_TEST(test_keep), UNIT_TEST(test_empty), UNIT_TEST(test_json), UNIT_TEST(test_buf),
    };
    return unit_run("tokwrite", tests, G_N_ELEMENTS(tests));
}
