/* Unit tests of tok: token classes, the hard spots of the bundled news articles, sentence and
 * document boundaries, offsets into the original input, NFKC expansions, and idempotence
 * (tokenizing tokenized text gives it back).
 * SPDX-License-Identifier: MIT */
#include <string.h>

#include <corpus/tok.h>
#include <corpus/tokwrite.h>
#include <corpus/utf8.h>

#include "unit.h"

#define NONE CORPUS_NORM_NONE
#define BASIC CORPUS_NORM_BASIC
#define SEARCH CORPUS_NORM_SEARCH

static GHashTable *norms; /* flags -> CorpusNorm, made once each */

static const CorpusNorm *get_norm(CorpusNormFlags flags)
{
    CorpusNorm *n = g_hash_table_lookup(norms, GUINT_TO_POINTER(flags + 1));

    if (!n) {
        n = corpus_norm_new(flags);
        g_hash_table_insert(norms, GUINT_TO_POINTER(flags + 1), n);
    }
    return n;
}

/* One piece of input, as a reader chunk would hand it over: it starts a file, starts a line,
 * or continues the line of the previous piece (then the scanner state at the end of the
 * previous piece goes with it, as tok.h asks). */
typedef enum { P_FILE, P_LINE, P_MID } PieceStart;

typedef struct {
    const char *text;
    PieceStart start;
} Piece;

static const CorpusTextStart whole = {TRUE, FALSE, FALSE, FALSE, FALSE};

/* The CorpusTextStart of a piece that follows the batch prev. */
static CorpusTextStart start_after(PieceStart kind, const CorpusTokenBatch *prev)
{
    CorpusTextStart s = {kind == P_FILE, kind == P_MID, FALSE, FALSE, FALSE};

    if (kind == P_MID) {
        s.line_has_content = prev->tail_line_content;
        s.after_ender = prev->tail_after_ender;
        s.after_initial = prev->tail_after_initial;
    }
    return s;
}

/* Tokenize a whole string (one file) into batch. */
static void tokenize(CorpusNormFlags flags, CorpusDocsMode docs, const char *text, size_t len,
                     guint64 base, const GArray *anchors, CorpusTokenBatch *batch)
{
    CorpusTokenizer *tok = corpus_tokenizer_new(get_norm(flags), docs);
    corpus_tokenizer_run(tok, text, len, base, anchors, &whole, batch);
    corpus_tokenizer_free(tok);
}

/* Token texts joined by one space, and class names joined by one space. */
static char *token_texts(const CorpusTokenBatch *b)
{
    GString *s = g_string_new(NULL);
    for (size_t k = 0; k < b->n; k++) {
        if (k)
            g_string_append_c(s, ' ');
        g_string_append_len(s, b->tokens[k].text, b->tokens[k].len);
    }
    return g_string_free(s, FALSE);
}

static char *token_classes(const CorpusTokenBatch *b)
{
    GString *s = g_string_new(NULL);
    for (size_t k = 0; k < b->n; k++)
        g_string_append_printf(s, "%s%s", k ? " " : "", corpus_tok_class_name(b->tokens[k].cls));
    return g_string_free(s, FALSE);
}

static void check_tokens(CorpusNormFlags flags, const char *in, const char *want_tokens,
                         const char *want_classes, unsigned line)
{
    CorpusTokenBatch b;
    g_autofree char *esc = unit_escape(in, strlen(in));
    g_autofree char *what = g_strdup_printf("tokens of %s", esc);

    corpus_token_batch_init(&b);
    tokenize(flags, CORPUS_DOCS_FILE, in, strlen(in), 0, NULL, &b);
    g_autofree char *texts = token_texts(&b);
    g_autofree char *classes = token_classes(&b);
    unit_assert_mem(texts, strlen(texts), want_tokens, strlen(want_tokens), what, line, __FILE__,
                    "check_tokens");
    if (want_classes)
        unit_assert_mem(classes, strlen(classes), want_classes, strlen(want_classes), what, line,
                        __FILE__, "check_tokens");
    corpus_token_batch_clear(&b);
}

/* TOKS(flags, input, "tok tok ...", "class class ..." or NULL) */
#define TOKS(flags, in, toks, classes) check_tokens((flags), (in), (toks), (classes), __LINE__)

/* Documents and sentences of the pieces, numbered by a CorpusTokCursor:
 * "[1] a b | c [2] d" is document 1 with sentences "a b" and "c", then document 2. */
static char *layout(CorpusNormFlags flags, CorpusDocsMode docs, const Piece *pieces, guint n)
{
    CorpusTokenizer *tok = corpus_tokenizer_new(get_norm(flags), docs);
    CorpusTokCursor cur;
    CorpusTokenBatch b;
    GString *s = g_string_new(NULL);

    corpus_token_batch_init(&b);
    corpus_tok_cursor_init(&cur, docs);
    for (guint i = 0; i < n; i++) {
        CorpusTextStart start = start_after(pieces[i].start, &b);
        corpus_tokenizer_run(tok, pieces[i].text, strlen(pieces[i].text), 0, NULL, &start, &b);
        for (size_t k = 0; k < b.n; k++) {
            CorpusTokStep step = corpus_tok_cursor_step(&cur, &b.tokens[k], k);
            if (step == CORPUS_TOK_NEW_DOC)
                g_string_append_printf(s, "%s[%" G_GUINT64_FORMAT "] ", s->len ? " " : "", cur.doc);
            else if (step == CORPUS_TOK_NEW_SENTENCE)
                g_string_append(s, " | ");
            else
                g_string_append_c(s, ' ');
            g_string_append_len(s, b.tokens[k].text, b.tokens[k].len);
        }
        corpus_tok_cursor_end_batch(&cur, &b);
    }
    corpus_token_batch_clear(&b);
    corpus_tokenizer_free(tok);
    return g_string_free(s, FALSE);
}

static void check_layout(CorpusNormFlags flags, CorpusDocsMode docs, const char *in,
                         const char *want, unsigned line)
{
    Piece p = {in, P_FILE};
    g_autofree char *got = layout(flags, docs, &p, 1);
    g_autofree char *esc = unit_escape(in, strlen(in));
    g_autofree char *what = g_strdup_printf("layout of %s", esc);
    unit_assert_mem(got, strlen(got), want, strlen(want), what, line, __FILE__, "check_layout");
}

#define LAYOUT(flags, docs, in, want) check_layout((flags), (docs), (in), (want), __LINE__)

static void check_layout_pieces(CorpusDocsMode docs, const Piece *pieces, guint n, const char *want,
                                unsigned line)
{
    g_autofree char *got = layout(BASIC, docs, pieces, n);
    unit_assert_mem(got, strlen(got), want, strlen(want), "layout of pieces", line, __FILE__,
                    "check_layout_pieces");
}

#define PIECES(docs, pieces, want)                                                                 \
    check_layout_pieces((docs), (pieces), G_N_ELEMENTS(pieces), (want), __LINE__)

/* ---- Names and option values ----------------------------------------------------------- */

static void test_names(void)
{
    static const char *const names[] = {"word", "latin", "number",  "punct",   "symbol",
                                        "url",  "email", "mention", "hashtag", "emoji"};
    CorpusTokClassSet set = 0;
    CorpusDocsMode mode = CORPUS_DOCS_LINE;
    GError *error = NULL;

    UNIT_ASSERT_INT(CORPUS_TOK_N_CLASSES, 10);
    for (int c = 0; c < CORPUS_TOK_N_CLASSES; c++)
        UNIT_ASSERT_STR(corpus_tok_class_name((CorpusTokClass)c), names[c]);
    UNIT_ASSERT_STR(corpus_tok_class_name(CORPUS_TOK_N_CLASSES), "?");
    UNIT_ASSERT_INT(CORPUS_TOK_CONTENT,
                    CORPUS_TOK_ALL & ~((1u << CORPUS_TOK_PUNCT) | (1u << CORPUS_TOK_SYMBOL) |
                                       (1u << CORPUS_TOK_EMOJI)));

    CU_ASSERT(corpus_tok_parse_classes("all", &set, &error));
    UNIT_ASSERT_INT(set, CORPUS_TOK_ALL);
    CU_ASSERT(corpus_tok_parse_classes("word,latin", &set, &error));
    UNIT_ASSERT_INT(set, (1u << CORPUS_TOK_WORD) | (1u << CORPUS_TOK_LATIN));
    CU_ASSERT(corpus_tok_parse_classes("emoji,all", &set, &error));
    UNIT_ASSERT_INT(set, CORPUS_TOK_ALL);
    CU_ASSERT(corpus_tok_parse_classes("hashtag", &set, &error));
    UNIT_ASSERT_INT(set, 1u << CORPUS_TOK_HASHTAG);
    CU_ASSERT_PTR_NULL(error);

    static const char *const bad_classes[] = {"words",      "Word", "word,", ",word",
                                              "word latin", "none", ""};
    for (guint i = 0; i < G_N_ELEMENTS(bad_classes); i++) {
        g_autofree char *what = g_strdup_printf("--keep='%s' is refused", bad_classes[i]);
        set = 7;
        unit_assert_i64(corpus_tok_parse_classes(bad_classes[i], &set, &error), FALSE, what,
                        __LINE__, __FILE__, __func__);
        UNIT_ASSERT_ERROR(error, CORPUS_ERROR_USAGE);
        UNIT_ASSERT_INT(set, 7);
        g_clear_error(&error);
    }

    CU_ASSERT(corpus_tok_parse_docs("file", &mode, &error));
    UNIT_ASSERT_INT(mode, CORPUS_DOCS_FILE);
    CU_ASSERT(corpus_tok_parse_docs("line", &mode, &error));
    UNIT_ASSERT_INT(mode, CORPUS_DOCS_LINE);
    CU_ASSERT(corpus_tok_parse_docs("para", &mode, &error));
    UNIT_ASSERT_INT(mode, CORPUS_DOCS_PARA);
    static const char *const bad_docs[] = {"", "lines", "File", "paragraph", "doc"};
    for (guint i = 0; i < G_N_ELEMENTS(bad_docs); i++) {
        mode = CORPUS_DOCS_PARA;
        CU_ASSERT_FALSE(corpus_tok_parse_docs(bad_docs[i], &mode, &error));
        UNIT_ASSERT_ERROR(error, CORPUS_ERROR_USAGE);
        UNIT_ASSERT_INT(mode, CORPUS_DOCS_PARA);
        g_clear_error(&error);
    }
}

static void test_is_ender(void)
{
    /* DESIGN.md: sentences end at . ! ? ؟ … (and runs of them).  Not ؞ U+061E, not the Urdu
     * full stop U+06D4. */
    static const char *const enders[] = {".",   "!",  "?",       "\u061F", "\u2026",
                                         "...", "?!", "\u061F!", "!!!",    "\u2026."};
    static const char *const others[] = {"",       ",",      ".a",     "\u00AB", ";",  "\u060C",
                                         "\u061B", "\u06D4", "\u061E", "a",      ". ", ".)"};
    for (guint i = 0; i < G_N_ELEMENTS(enders); i++) {
        g_autofree char *what = g_strdup_printf("'%s' is an ender", enders[i]);
        unit_assert_i64(corpus_tok_is_ender(enders[i], strlen(enders[i])), TRUE, what, __LINE__,
                        __FILE__, __func__);
    }
    for (guint i = 0; i < G_N_ELEMENTS(others); i++) {
        g_autofree char *what = g_strdup_printf("'%s' is not an ender", others[i]);
        unit_assert_i64(corpus_tok_is_ender(others[i], strlen(others[i])), FALSE, what, __LINE__,
                        __FILE__, __func__);
    }
}

/* ---- Classes ---------------------------------------------------------------------------- */

static void test_class_word_latin(void)
{
    TOKS(BASIC, "\u0643\u062A\u0627\u0628", "\u0643\u062A\u0627\u0628", "word");
    /* Marks and tatweel belong to the word (kept under none). */
    TOKS(NONE, "\u0643\u0650\u062A\u0640\u0627\u0628", "\u0643\u0650\u062A\u0640\u0627\u0628",
         "word");
    /* Letters of Arabic Supplement and Persian letters are Arabic-script words. */
    TOKS(NONE, "\u067E\u06CC\u0627\u0645 \u0750", "\u067E\u06CC\u0627\u0645 \u0750", "word word");
    /* An underscore between Arabic letters stays inside the word. */
    TOKS(NONE, "\u0643\u0644\u0645\u0629_\u0643\u0644\u0645\u0629",
         "\u0643\u0644\u0645\u0629_\u0643\u0644\u0645\u0629", "word");
    TOKS(BASIC, "Hello world", "Hello world", "latin latin");
    /* Digits after the first letter belong to a latin token; an apostrophe, right single
     * quote or underscore between letters too. */
    TOKS(BASIC, "abc123 x2 don't l\u2019homme abc_def", "abc123 x2 don't l\u2019homme abc_def",
         "latin latin latin latin latin");
    /* Other scripts are latin (letters "of any other script"). */
    TOKS(NONE, "\u041C\u0438\u0440 \u05E9\u05DC\u05D5\u05DD \u4E2D\u6587",
         "\u041C\u0438\u0440 \u05E9\u05DC\u05D5\u05DD \u4E2D\u6587", "latin latin latin");
    /* Script changes split. */
    TOKS(BASIC, "abc\u0643\u062A\u0628 \u0643\u062A\u0628abc",
         "abc \u0643\u062A\u0628 \u0643\u062A\u0628 abc", "latin word word latin");
    /* A digit run after Arabic letters is a number of its own. */
    TOKS(BASIC, "\u0643\u062A\u0627\u062820 20th", "\u0643\u062A\u0627\u0628 20 20 th",
         "word number number latin");
}

static void test_class_number(void)
{
    /* Separators . , : ٫ ٬ ، between digits stay inside. */
    TOKS(BASIC,
         "3.5 1,000 0:00 \u0663\u066B\u0665 \u0661\u066C\u0660\u0660\u0660 \u0661\u060C\u0665",
         "3.5 1,000 0:00 \u0663\u066B\u0665 \u0661\u066C\u0660\u0660\u0660 \u0661\u060C\u0665",
         "number number number number number number");
    TOKS(BASIC, "1,000,000.50 \u06F1\u06F2", "1,000,000.50 \u06F1\u06F2", "number number");
    /* Not followed by a digit: the separator is punctuation. */
    TOKS(BASIC, "12. 5, 7: 50%", "12 . 5 , 7 : 50 %",
         "number punct number punct number punct number punct");
    TOKS(BASIC, "3..5", "3 .. 5", "number punct number");
    /* Digits of other scripts. */
    TOKS(NONE, "\u0966\u0967 \u09E6", "\u0966\u0967 \u09E6", "number number");
    /* Under search the Arabic-Indic digits and the Arabic decimal and thousands separators
     * become ASCII; the Arabic comma stays. */
    TOKS(SEARCH, "\u0663\u066B\u0665 \u0661\u066C\u0660\u0660\u0660 \u0661\u060C\u0665",
         "3.5 1,000 1\u060C5", "number number number");
}

static void test_class_punct_symbol(void)
{
    /* A run of one repeated character is one token; different characters are not. */
    TOKS(BASIC, "... !!! ?! \u2014\u2014 ((", "... !!! ? ! \u2014\u2014 ((",
         "punct punct punct punct punct punct");
    TOKS(BASIC, "\u00AB\u0646\u0639\u0645\u00BB", "\u00AB \u0646\u0639\u0645 \u00BB",
         "punct word punct");
    TOKS(BASIC, "\u060C\u061B\u061F", "\u060C \u061B \u061F", "punct punct punct");
    TOKS(BASIC, "/ \\ \" ' * & _", "/ \\ \" ' * & _", "punct punct punct punct punct punct punct");
    /* Math, currency, modifier and other symbols; '=' is Sm, so "======" is a symbol. */
    TOKS(NONE, "$ + = \u20AC \u00A9 ^ ~ ====== \u2192", "$ + = \u20AC \u00A9 ^ ~ ====== \u2192",
         "symbol symbol symbol symbol symbol symbol symbol symbol symbol");
    /* U+FFFD and a combining mark with no base (not Arabic). */
    TOKS(NONE, "\uFFFD \u0301", "\uFFFD \u0301", "symbol symbol");
    /* ZWSP is kept by every profile: inside a token it stays there, alone it is a symbol. */
    TOKS(BASIC, "ab\u200Bcd \u200B", "ab\u200Bcd \u200B", "latin symbol");
    /* Format characters alone are a symbol under none, and vanish under basic. */
    TOKS(NONE, "\u200F", "\u200F", "symbol");
    TOKS(BASIC, "\u200F \u200C", "", "");
    /* An Arabic mark with no base starts a word. */
    TOKS(NONE, "\u064E\u0628", "\u064E\u0628", "word");
    TOKS(BASIC, "\u064E\u0628", "\u0628", "word");
}

static void test_class_url_email(void)
{
    TOKS(BASIC, "https://example.com/a?b=1&c=%20", "https://example.com/a?b=1&c=%20", "url");
    TOKS(BASIC, "http://x.co ftp://files.example.org/x WWW.Example.COM",
         "http://x.co ftp://files.example.org/x WWW.Example.COM", "url url url");
    /* A host with a known top-level domain, or any host with a path. */
    TOKS(BASIC, "example.com almayadeen.net example.xyz/path",
         "example.com almayadeen.net example.xyz/path", "url url url");
    /* Unknown domain without a path: words and a full stop. */
    TOKS(BASIC, "example.xyz", "example . xyz", "latin punct latin");
    /* Trailing punctuation and unbalanced brackets go back. */
    TOKS(BASIC, "(see https://en.wikipedia.org/wiki/Gaza_(city)).",
         "( see https://en.wikipedia.org/wiki/Gaza_(city) ) .", "punct latin url punct punct");
    TOKS(BASIC, "www.almayadeen.net/news/123\u060C", "www.almayadeen.net/news/123 \u060C",
         "url punct");
    TOKS(BASIC, "https://example.com/\u0645\u0642\u0627\u0644 x",
         "https://example.com/\u0645\u0642\u0627\u0644 x", "url latin");
    TOKS(BASIC, "https://example.com/a, b", "https://example.com/a , b", "url punct latin");
    /* Numbers with dots are not hosts. */
    TOKS(BASIC, "3.5.7", "3.5.7", "number");

    TOKS(BASIC, "foo.bar@example.com", "foo.bar@example.com", "email");
    TOKS(BASIC, "info@almayadeen.net.", "info@almayadeen.net .", "email punct");
    TOKS(BASIC, "a_b+tag@mail.example.org", "a_b+tag@mail.example.org", "email");
    /* No dot in the host: a word and a mention. */
    TOKS(BASIC, "foo@bar", "foo @bar", "latin mention");
    /* A local part that ends in a top-level domain name is still an e-mail address (DESIGN.md:
     * email is local@host.tld); such names are common (a country code after a name). */
    TOKS(BASIC, "ahmad.info@gmail.com", "ahmad.info@gmail.com", "email");
    TOKS(BASIC, "ali.sa@gmail.com", "ali.sa@gmail.com", "email");
}

static void test_class_tags_emoji(void)
{
    TOKS(BASIC, "#\u0643\u0644\u0645\u0629_\u0643\u0644\u0645\u0629 #2023 #_ @name @_x",
         "#\u0643\u0644\u0645\u0629_\u0643\u0644\u0645\u0629 #2023 #_ @name @_x",
         "hashtag hashtag hashtag mention mention");
    /* A sigil without a name is punctuation. */
    TOKS(BASIC, "# @ ## @@", "# @ ## @@", "punct punct punct punct");

    TOKS(BASIC, "\U0001F600", "\U0001F600", "emoji");
    TOKS(BASIC, "\U0001F600\U0001F600", "\U0001F600 \U0001F600", "emoji emoji");
    /* Skin tone modifier, flag pair, variation selector. */
    TOKS(BASIC, "\U0001F44D\U0001F3FD", "\U0001F44D\U0001F3FD", "emoji");
    TOKS(BASIC, "\U0001F1F5\U0001F1F8\U0001F1F1\U0001F1E7",
         "\U0001F1F5\U0001F1F8 \U0001F1F1\U0001F1E7", "emoji emoji");
    TOKS(BASIC, "\u2764\uFE0F", "\u2764\uFE0F", "emoji");
    /* A ZWJ sequence is one emoji; the bidi step keeps a ZWJ between pictographs. */
    TOKS(NONE, "\U0001F468\u200D\U0001F469\u200D\U0001F467",
         "\U0001F468\u200D\U0001F469\u200D\U0001F467", "emoji");
    TOKS(BASIC, "\U0001F468\u200D\U0001F469\u200D\U0001F467",
         "\U0001F468\u200D\U0001F469\u200D\U0001F467", "emoji");
    TOKS(BASIC, "\u2764\uFE0F\u200D\U0001F525", "\u2764\uFE0F\u200D\U0001F525", "emoji");
    /* A ZWJ after the last emoji is not part of a sequence: basic deletes it. */
    TOKS(NONE, "\U0001F600\u200D", "\U0001F600\u200D", "emoji");
    TOKS(BASIC, "\U0001F600\u200D", "\U0001F600", "emoji");
    /* A skin-tone modifier alone is a symbol. */
    TOKS(NONE, "\U0001F3FD", "\U0001F3FD", "symbol");
}

/* ---- The seed articles ------------------------------------------------------------------ */

static void test_seed_spots(void)
{
    /* لـ"سي أن أن": the prefix joined by tatweel before a quote is a word; basic drops the
     * tatweel. */
    TOKS(BASIC,
         "\u0648\u0642\u0627\u0644\u062A \u0645\u0635\u0627\u062F\u0631 \u0644\u0640\"\u0633\u064A "
         "\u0623\u0646 \u0623\u0646\" \u0625\u0646\u0651",
         "\u0648\u0642\u0627\u0644\u062A \u0645\u0635\u0627\u062F\u0631 \u0644 \" \u0633\u064A "
         "\u0623\u0646 \u0623\u0646 \" \u0625\u0646",
         "word word word punct word word word punct word");
    TOKS(NONE, "\u0644\u0640\"\u0633\u064A \u0623\u0646 \u0623\u0646\"\u060C",
         "\u0644\u0640 \" \u0633\u064A \u0623\u0646 \u0623\u0646 \" \u060C",
         "word punct word word word punct punct");
    /* الـ20 and تشرين الثاني/نوفمبر. */
    TOKS(BASIC,
         "\u0641\u064A \u0627\u0644\u064020 \u0645\u0646 \u0627\u0644\u062B\u0627\u0646\u064A/"
         "\u0646\u0648\u0641\u0645\u0628\u0631",
         "\u0641\u064A \u0627\u0644 20 \u0645\u0646 \u0627\u0644\u062B\u0627\u0646\u064A / "
         "\u0646\u0648\u0641\u0645\u0628\u0631",
         "word word number word word punct word");
    /* الأميركيين،حتى: the Arabic comma between letters splits. */
    TOKS(BASIC,
         "\u0627\u0644\u0623\u0645\u064A\u0631\u0643\u064A\u064A\u0646\u060C\u062D\u062A\u0649",
         "\u0627\u0644\u0623\u0645\u064A\u0631\u0643\u064A\u064A\u0646 \u060C \u062D\u062A\u0649",
         "word punct word");
    /* Hashtags with underscores, a mention and a picture link. */
    TOKS(BASIC,
         "#\u0627\u0644\u0645\u0633\u0627\u0626\u064A\u0629 #\u0627\u0644\u062B\u0648\u0631\u0629_"
         "\u0627\u0644\u0643\u0628\u0631\u0649 @wafasarayaaridi pic.twitter.com/gU3jrF8TgA",
         "#\u0627\u0644\u0645\u0633\u0627\u0626\u064A\u0629 #\u0627\u0644\u062B\u0648\u0631\u0629_"
         "\u0627\u0644\u0643\u0628\u0631\u0649 @wafasarayaaridi pic.twitter.com/gU3jrF8TgA",
         "hashtag hashtag mention url");
    /* Glued tags: each sigil starts a new token. */
    TOKS(BASIC,
         "#\u0627\u0644\u0645\u0633\u0627\u0626\u064A\u0629#\u0627\u0644\u0645\u064A\u0627\u062F"
         "\u064A\u0646@wafasarayaaridi pic.twitter.com/BAKxGoLnyd",
         "#\u0627\u0644\u0645\u0633\u0627\u0626\u064A\u0629 #\u0627\u0644\u0645\u064A\u0627\u062F"
         "\u064A\u0646 @wafasarayaaridi pic.twitter.com/BAKxGoLnyd",
         "hashtag hashtag mention url");
    /* Arabic commas after a mention and a link. */
    TOKS(BASIC, "@wafasarayaaridi\u060C pic.twitter.com/gU3jrF8TgA\u060C",
         "@wafasarayaaridi \u060C pic.twitter.com/gU3jrF8TgA \u060C", "mention punct url punct");
    /* The tweet credit line. */
    TOKS(BASIC,
         "\u2014 \u0642\u0646\u0627\u0629 \u0627\u0644\u0645\u064A\u0627\u062F\u064A\u0646 "
         "(@AlMayadeenNews) November 6, 2023",
         "\u2014 \u0642\u0646\u0627\u0629 \u0627\u0644\u0645\u064A\u0627\u062F\u064A\u0646 ( "
         "@AlMayadeenNews ) November 6 , 2023",
         "punct word word punct mention punct latin number punct number");
    TOKS(BASIC, "0:00", "0:00", "number");
    /* اخترنا لك====== */
    TOKS(BASIC, "\u0627\u062E\u062A\u0631\u0646\u0627 \u0644\u0643======",
         "\u0627\u062E\u062A\u0631\u0646\u0627 \u0644\u0643 ======", "word word symbol");
    /* No-break spaces separate words, under none and basic. */
    TOKS(NONE,
         "\u0648\"\u0625\u0633\u0631\u0627\u0626\u064A\u0644\"\u060C\u00A0\u0647\u0646"
         "\u0627\u0643",
         "\u0648 \" \u0625\u0633\u0631\u0627\u0626\u064A\u0644 \" \u060C \u0647\u0646\u0627\u0643",
         "word punct word punct punct word");
    TOKS(BASIC,
         "\u0627\u0644\u0625\u0642\u0644\u064A\u0645\u064A\u064A\u0646\u00A0\u064A\u062E"
         "\u0637\u0637\u0648\u0646",
         "\u0627\u0644\u0625\u0642\u0644\u064A\u0645\u064A\u064A\u0646 \u064A\u062E\u0637\u0637"
         "\u0648\u0646",
         "word word");
    /* An em dash between words. */
    TOKS(BASIC, "\u0627\u0644\u062D\u0631\u0628\u2014\u0648\u0647\u064A",
         "\u0627\u0644\u062D\u0631\u0628 \u2014 \u0648\u0647\u064A", "word punct word");
    /* يكثّف: basic drops the shadda, none keeps it. */
    TOKS(BASIC, "\u064A\u0643\u062B\u0651\u0641", "\u064A\u0643\u062B\u0641", "word");
    TOKS(NONE, "\u064A\u0643\u062B\u0651\u0641", "\u064A\u0643\u062B\u0651\u0641", "word");
    /* مستدركاً: tanween. */
    TOKS(BASIC, "\u0645\u0633\u062A\u062F\u0631\u0643\u0627\u064B",
         "\u0645\u0633\u062A\u062F\u0631\u0643\u0627", "word");
    /* ZWNJ inside a word: removed under basic, kept under none; one word either way. */
    TOKS(BASIC, "\u0643\u062A\u0627\u0628\u200C\u0647\u0627",
         "\u0643\u062A\u0627\u0628\u0647\u0627", "word");
    TOKS(NONE, "\u0643\u062A\u0627\u0628\u200C\u0647\u0627",
         "\u0643\u062A\u0627\u0628\u200C\u0647\u0627", "word");
    /* An e-mail address in Arabic text. */
    TOKS(BASIC, "\u0644\u0644\u062A\u0648\u0627\u0635\u0644: info@example.com.",
         "\u0644\u0644\u062A\u0648\u0627\u0635\u0644 : info@example.com .",
         "word punct email punct");
}

/* ---- Sentences and documents ------------------------------------------------------------ */

static void test_sentences(void)
{
    const CorpusDocsMode F = CORPUS_DOCS_FILE;

    /* جاء الولد. ذهب */
    LAYOUT(BASIC, F, "\u062C\u0627\u0621 \u0627\u0644\u0648\u0644\u062F. \u0630\u0647\u0628",
           "[1] \u062C\u0627\u0621 \u0627\u0644\u0648\u0644\u062F . | \u0630\u0647\u0628");
    /* ! ؟ … each end a sentence (basic turns … into ... by NFKC). */
    LAYOUT(NONE, F, "\u0642\u0627\u0644! \u062B\u0645\u061F \u0646\u0639\u0645\u2026 \u0644\u0627",
           "[1] \u0642\u0627\u0644 ! | \u062B\u0645 \u061F | \u0646\u0639\u0645 \u2026 | "
           "\u0644\u0627");
    LAYOUT(BASIC, F, "\u0646\u0639\u0645\u2026 \u0644\u0627",
           "[1] \u0646\u0639\u0645 ... | \u0644\u0627");
    /* A run of enders, even as separate tokens, stays in its sentence. */
    LAYOUT(BASIC, F, "\u0645\u0627\u0630\u0627?! \u0646\u0639\u0645",
           "[1] \u0645\u0627\u0630\u0627 ? ! | \u0646\u0639\u0645");
    LAYOUT(BASIC, F, "one . . . two", "[1] one . . . | two");
    LAYOUT(BASIC, F, "one.. two", "[1] one .. | two");
    /* A closer right after an ender stays: » ) ” . */
    LAYOUT(
        BASIC, F,
        "\u0642\u0627\u0644: \u00AB\u0627\u0630\u0647\u0628.\u00BB \u062B\u0645 \u0630\u0647\u0628",
        "[1] \u0642\u0627\u0644 : \u00AB \u0627\u0630\u0647\u0628 . \u00BB | \u062B\u0645 "
        "\u0630\u0647\u0628");
    LAYOUT(BASIC, F, "(\u0646\u0639\u0645.) \u0644\u0627",
           "[1] ( \u0646\u0639\u0645 . ) | \u0644\u0627");
    LAYOUT(BASIC, F, "He said \u201Cyes.\u201D Then", "[1] He said \u201C yes . \u201D | Then");
    LAYOUT(BASIC, F, "\u00AB\u0644\u0645\u0627\u0630\u0627\u061F\u00BB \u062B\u0645",
           "[1] \u00AB \u0644\u0645\u0627\u0630\u0627 \u061F \u00BB | \u062B\u0645");
    /* A closer without an ender does not end anything. */
    LAYOUT(BASIC, F, "(one) two", "[1] ( one ) two");
    /* An ender first. */
    LAYOUT(BASIC, F, "... two", "[1] ... | two");
    /* Every line end ends a sentence: LF, CR LF, lone CR; an ender before it ends only one. */
    LAYOUT(BASIC, F, "a\nb\r\nc\rd", "[1] a | b | c | d");
    LAYOUT(BASIC, F, "one.\ntwo", "[1] one . | two");
    LAYOUT(BASIC, F, "one.\n)", "[1] one . | )");
    /* Numbers, URLs and e-mail addresses do not split; neither do ، ؛ : . */
    LAYOUT(BASIC, F, "3.5 and 1.000 then https://a.com/x.y then a.b@c.com ok\u060C x\u061B y: z",
           "[1] 3.5 and 1.000 then https://a.com/x.y then a.b@c.com ok \u060C x \u061B y : z");
    /* Semicolon, the Urdu full stop and the Arabic triple dot are not enders. */
    LAYOUT(BASIC, F, "a; b\u06D4 c\u061E d", "[1] a ; b \u06D4 c \u061E d");
    /* A full stop after a one-letter Latin word is an abbreviation (U.S., J. Smith, e.g.);
     * after a longer word, or a one-letter Arabic word, it ends the sentence. */
    LAYOUT(BASIC, F, "U.S. army. J. Smith e.g. this",
           "[1] U . S . army . | J . Smith e . g . this");
    LAYOUT(BASIC, F, "\u0648. \u062B\u0645", "[1] \u0648 . | \u062B\u0645");
    LAYOUT(BASIC, F, "x! y", "[1] x ! | y");
}

static void test_documents(void)
{
    const CorpusDocsMode F = CORPUS_DOCS_FILE, L = CORPUS_DOCS_LINE, P = CORPUS_DOCS_PARA;

    LAYOUT(BASIC, F, "a\n\nb", "[1] a | b");
    /* Lines: the document number is the line number. */
    LAYOUT(BASIC, L, "a\nb\n\nc", "[1] a [2] b [4] c");
    LAYOUT(BASIC, L, "\n\na", "[3] a");
    LAYOUT(BASIC, L, "a\r\nb\rc", "[1] a [2] b [3] c");
    LAYOUT(BASIC, L, "one. two\nthree", "[1] one . | two [2] three");
    /* Paragraphs: numbered among the paragraphs that have tokens; blank lines (also with
     * spaces and tabs only) separate them. */
    LAYOUT(BASIC, P, "a b\nc\n\n\nd\n\ne", "[1] a b | c [2] d [3] e");
    LAYOUT(BASIC, P, "\n\n a", "[1] a");
    LAYOUT(BASIC, P, "a\n \t \nb", "[1] a [2] b");
    LAYOUT(BASIC, P, "a\r\n\r\nb", "[1] a [2] b");
    LAYOUT(BASIC, P, "a\r\rb", "[1] a [2] b");
    LAYOUT(BASIC, P, "a\nb", "[1] a | b");

    /* The raw counts in the tokens. */
    CorpusTokenBatch b;
    corpus_token_batch_init(&b);
    tokenize(BASIC, L, "a\n\nb\n", 5, 0, NULL, &b);
    UNIT_ASSERT_INT(b.n, 2);
    if (b.n == 2) {
        UNIT_ASSERT_INT(b.tokens[0].doc_starts, 1);
        UNIT_ASSERT_INT(b.tokens[1].doc_starts, 2); /* the blank line 2, then line 3 */
    }
    tokenize(BASIC, F, "a b", 3, 0, NULL, &b);
    UNIT_ASSERT_INT(b.n, 2);
    if (b.n == 2) {
        UNIT_ASSERT_INT(b.tokens[0].doc_starts, 1);
        UNIT_ASSERT_INT(b.tokens[0].flags & CORPUS_TOKEN_SENT_START, CORPUS_TOKEN_SENT_START);
        UNIT_ASSERT_INT(b.tokens[1].doc_starts, 0);
        UNIT_ASSERT_INT(b.tokens[1].flags, 0);
    }
    /* Token flags: ENDS for enders, CLOSER for a closer after one. */
    tokenize(BASIC, F, "a?!) b", 6, 0, NULL, &b);
    UNIT_ASSERT_INT(b.n, 5);
    if (b.n == 5) {
        UNIT_ASSERT_INT(b.tokens[1].flags, CORPUS_TOKEN_ENDS);
        UNIT_ASSERT_INT(b.tokens[2].flags, CORPUS_TOKEN_ENDS);
        UNIT_ASSERT_INT(b.tokens[3].flags, CORPUS_TOKEN_CLOSER);
        UNIT_ASSERT_INT(b.tokens[4].flags, CORPUS_TOKEN_SENT_START);
    }
    corpus_token_batch_clear(&b);
}

/* Text handed over in pieces, as chunks of a reader: the cursor carries document and sentence
 * starts from one batch to the next, and a piece that continues a line starts in the state the
 * previous piece ended in. */
static void test_pieces(void)
{
    const PieceStart file = P_FILE, line_start = P_LINE, mid = P_MID;

    const Piece same_sentence[] = {{"a b", file}, {" cc.\nd", mid}};
    PIECES(CORPUS_DOCS_FILE, same_sentence, "[1] a b cc . | d");
    const Piece after_ender[] = {{"xx.", file}, {" yy", mid}};
    PIECES(CORPUS_DOCS_FILE, after_ender, "[1] xx . | yy");
    const Piece after_ender_space[] = {{"xx. ", file}, {"yy", mid}};
    PIECES(CORPUS_DOCS_FILE, after_ender_space, "[1] xx . | yy");
    const Piece closer[] = {{"xx.", file}, {")", mid}};
    PIECES(CORPUS_DOCS_FILE, closer, "[1] xx . )");
    const Piece more_enders[] = {{"xx?", file}, {"! yy", mid}};
    PIECES(CORPUS_DOCS_FILE, more_enders, "[1] xx ? ! | yy");
    const Piece empty_between[] = {{"xx.", file}, {"", mid}, {" yy", mid}};
    PIECES(CORPUS_DOCS_FILE, empty_between, "[1] xx . | yy");
    const Piece line_end[] = {{"a\n", file}, {"b", line_start}};
    PIECES(CORPUS_DOCS_FILE, line_end, "[1] a | b");
    /* Paragraphs across pieces. */
    const Piece para1[] = {{"a\n", file}, {"\nb", line_start}};
    PIECES(CORPUS_DOCS_PARA, para1, "[1] a [2] b");
    const Piece para2[] = {{"a\n\n", file}, {"b", line_start}};
    PIECES(CORPUS_DOCS_PARA, para2, "[1] a [2] b");
    const Piece para3[] = {{"a\n", file}, {"b", line_start}};
    PIECES(CORPUS_DOCS_PARA, para3, "[1] a | b");
    /* A line of blanks cut in two is still blank. */
    const Piece para4[] = {{"a\n  ", file}, {"  \nb", mid}};
    PIECES(CORPUS_DOCS_PARA, para4, "[1] a [2] b");
    /* Lines across pieces. */
    const Piece lines1[] = {{"a\n", file}, {"b", line_start}};
    PIECES(CORPUS_DOCS_LINE, lines1, "[1] a [2] b");
    const Piece lines2[] = {{"a\n\n", file}, {"b", line_start}};
    PIECES(CORPUS_DOCS_LINE, lines2, "[1] a [3] b");
    const Piece lines3[] = {{"a b", file}, {" c\nd", mid}};
    PIECES(CORPUS_DOCS_LINE, lines3, "[1] a b c [2] d");
    /* Two files. */
    const Piece files[] = {{"a\n", file}, {"b", file}};
    PIECES(CORPUS_DOCS_FILE, files, "[1] a [2] b");
    PIECES(CORPUS_DOCS_PARA, files, "[1] a [2] b");
}

/* Where the reader cuts a text never changes its tokens, sentences or documents (reader.h: a
 * chunk ends after a line end, or after a space or tab of a line longer than a block): the
 * layout of text cut at `cut` into two pieces equals that of the whole text. */
static void check_cut(CorpusDocsMode docs, const char *text, size_t cut, unsigned line)
{
    g_autofree char *first = g_strndup(text, cut);
    const char last = text[cut - 1];
    const gboolean at_line_end = last == '\n' || last == '\r';
    const Piece whole_text[] = {{text, P_FILE}};
    const Piece two[] = {{first, P_FILE}, {text + cut, at_line_end ? P_LINE : P_MID}};
    g_autofree char *want = layout(BASIC, docs, whole_text, 1);
    g_autofree char *got = layout(BASIC, docs, two, 2);
    g_autofree char *esc = unit_escape(text, strlen(text));
    g_autofree char *what = g_strdup_printf("layout of %s cut at %zu", esc, cut);
    unit_assert_mem(got, strlen(got), want, strlen(want), what, line, __FILE__, "check_cut");
}

#define CUT(docs, text, cut) check_cut(CORPUS_DOCS_##docs, (text), (cut), __LINE__)

static void test_cuts(void)
{
    /* The whole texts first. */
    LAYOUT(BASIC, CORPUS_DOCS_FILE, "one! \u00BB two", "[1] one ! \u00BB | two");
    LAYOUT(BASIC, CORPUS_DOCS_FILE, "J . Smith", "[1] J . Smith");

    /* Cut after a space: an ender, then a closer at the start of the next piece; the
     * sentence still ends after the closer. */
    CUT(FILE, "one! \u00BB two", 5);
    CUT(FILE, "\u0642\u0627\u0644 \u00AB\u0644\u0645\u0627\u0630\u0627\u061F \u00BB \u062B\u0645",
        22);
    /* Cut after a space: a full stop after a one-letter word is an abbreviation whichever
     * piece it is in (tokenized text writes "J . Smith"). */
    CUT(FILE, "J . Smith", 2);
    CUT(FILE, "U . S . army", 6);
    /* Cut at a line end: a full stop that starts a line after a line that ended with a
     * one-letter word is read the same whole and cut (a line end ends the sentence, and with
     * it the abbreviation). */
    LAYOUT(BASIC, CORPUS_DOCS_FILE, "x\n. y", "[1] x | . | y");
    CUT(FILE, "x\n. y", 2);
    CUT(PARA, "x\n\n. y", 3);
    CUT(LINE, "x\r\n. y", 3);
    /* Cuts at ordinary places. */
    CUT(FILE, "one. two", 5);
    CUT(FILE, "one.\n) two", 5);
    CUT(PARA, "one\n\n two", 4);
    CUT(LINE, "one\n\ntwo", 4);
}

/* ---- Offsets ---------------------------------------------------------------------------- */

typedef struct {
    const char *text;
    guint64 off;
    guint32 raw_len;
} Expect;

static void check_offsets(CorpusNormFlags flags, const char *in, guint64 base,
                          const GArray *anchors, size_t len, const Expect *want, size_t n,
                          unsigned line)
{
    CorpusTokenBatch b;

    corpus_token_batch_init(&b);
    tokenize(flags, CORPUS_DOCS_FILE, in, len, base, anchors, &b);
    unit_assert_i64((gint64)b.n, (gint64)n, "number of tokens", line, __FILE__, "check_offsets");
    for (size_t k = 0; k < MIN(b.n, n); k++) {
        const CorpusToken *t = &b.tokens[k];
        unit_assert_mem(t->text, t->len, want[k].text, strlen(want[k].text), "token text", line,
                        __FILE__, "check_offsets");
        unit_assert_i64((gint64)t->off, (gint64)want[k].off, "token offset", line, __FILE__,
                        "check_offsets");
        unit_assert_i64(t->raw_len, want[k].raw_len, "token raw length", line, __FILE__,
                        "check_offsets");
        /* Untouched tokens are their own bytes of the input. */
        if (!anchors && t->len == t->raw_len && t->off >= base && t->off - base + t->len <= len)
            unit_assert_mem(in + (t->off - base), t->raw_len, t->text, t->len,
                            "token bytes in the input", line, __FILE__, "check_offsets");
    }
    corpus_token_batch_clear(&b);
}

#define OFFSETS(flags, in, base, want)                                                             \
    check_offsets((flags), (in), (base), NULL, strlen(in), (want), G_N_ELEMENTS(want), __LINE__)

static void test_offsets(void)
{
    /* كتب علي. Hello 3.5!  Bytes: كتب 0-5, علي 7-12, . 13, Hello 15-19, 3.5 21-23, ! 24. */
    static const Expect plain[] = {
        {"\u0643\u062A\u0628", 1000, 6},
        {"\u0639\u0644\u064A", 1007, 6},
        {".", 1013, 1},
        {"Hello", 1015, 5},
        {"3.5", 1021, 3},
        {"!", 1024, 1},
    };
    OFFSETS(NONE, "\u0643\u062A\u0628 \u0639\u0644\u064A. Hello 3.5!", 1000, plain);
    OFFSETS(BASIC, "\u0643\u062A\u0628 \u0639\u0644\u064A. Hello 3.5!", 1000, plain);

    /* قال كَتَبَ الدرس: the vowelled word is 12 bytes in the input, 6 once normalized. */
    static const Expect vowelled[] = {
        {"\u0642\u0627\u0644", 0, 6},
        {"\u0643\u062A\u0628", 7, 12},
        {"\u0627\u0644\u062F\u0631\u0633", 20, 10},
    };
    static const char vowelled_in[] =
        "\u0642\u0627\u0644 \u0643\u064E\u062A\u064E\u0628\u064E \u0627\u0644\u062F\u0631\u0633";
    OFFSETS(BASIC, vowelled_in, 0, vowelled);
    /* Its span in the input holds the vowelled form. */
    UNIT_ASSERT_MEM(vowelled_in + 7, 12, "\u0643\u064E\u062A\u064E\u0628\u064E", 12);

    /* قال ﷺ ثم: U+FDFA (3 bytes at 7) expands to four words that share its span. */
    static const Expect salla[] = {
        {"\u0642\u0627\u0644", 0, 6},       {"\u0635\u0644\u0649", 7, 3},
        {"\u0627\u0644\u0644\u0647", 7, 3}, {"\u0639\u0644\u064A\u0647", 7, 3},
        {"\u0648\u0633\u0644\u0645", 7, 3}, {"\u062B\u0645", 11, 4},
    };
    OFFSETS(BASIC, "\u0642\u0627\u0644 \uFDFA \u062B\u0645", 0, salla);
    /* ﷲ ﻻ ﷻ: one word, one word, two words. */
    static const Expect ligatures[] = {
        {"\u0627\u0644\u0644\u0647", 0, 3},
        {"\u0644\u0627", 4, 3},
        {"\u062C\u0644", 8, 3},
        {"\u062C\u0644\u0627\u0644\u0647", 8, 3},
    };
    OFFSETS(BASIC, "\uFDF2 \uFEFB \uFDFB", 0, ligatures);
    /* Under none the ligatures are words of their own. */
    static const Expect ligatures_none[] = {{"\uFDF2", 0, 3}, {"\uFEFB", 4, 3}, {"\uFDFB", 8, 3}};
    OFFSETS(NONE, "\uFDF2 \uFEFB \uFDFB", 0, ligatures_none);
    /* The expanded words are one sentence with the rest. */
    CorpusTokenBatch b;
    corpus_token_batch_init(&b);
    tokenize(BASIC, CORPUS_DOCS_FILE, "\uFDFA.", 4, 0, NULL, &b);
    UNIT_ASSERT_INT(b.n, 5);
    if (b.n == 5) {
        UNIT_ASSERT_INT(b.tokens[0].flags, CORPUS_TOKEN_SENT_START);
        for (int k = 1; k < 4; k++)
            UNIT_ASSERT_INT(b.tokens[k].flags, 0);
        UNIT_ASSERT_INT(b.tokens[4].flags, CORPUS_TOKEN_ENDS);
        UNIT_ASSERT_INT(b.tokens[4].off, 3);
    }
    corpus_token_batch_clear(&b);
}

/* Offsets through invalid UTF-8: the tokenizer sees cleaned text and maps back with anchors. */
static void test_offsets_anchors(void)
{
    static const char raw[] = "ab \xFF cd";
    CorpusBuf clean = CORPUS_BUF_INIT;
    GArray *anchors = g_array_new(FALSE, FALSE, sizeof(CorpusOffsetAnchor));
    CorpusUtf8Report report = {0};

    /* replace: "ab " U+FFFD " cd"; the U+FFFD stands for the one byte at 3. */
    corpus_utf8_sanitize(raw, sizeof raw - 1, CORPUS_INVALID_REPLACE, &clean, anchors, &report);
    static const Expect replaced[] = {{"ab", 100, 2}, {"\uFFFD", 103, 1}, {"cd", 105, 2}};
    check_offsets(BASIC, clean.data, 100, anchors, clean.len, replaced, 3, __LINE__);

    /* skip: "abcd" from "ab" FF "cd": one token over five input bytes. */
    clean.len = 0;
    g_array_set_size(anchors, 0);
    corpus_utf8_sanitize("ab\xFF"
                         "cd",
                         5, CORPUS_INVALID_SKIP, &clean, anchors, &report);
    static const Expect skipped[] = {{"abcd", 0, 5}};
    check_offsets(NONE, clean.data, 0, anchors, clean.len, skipped, 1, __LINE__);

    /* skip next to a token: the skipped bytes belong to no token (utf8.h: a token starts
     * after them and ends before them).  "ab" FF " cd" and "ab " FF "cd". */
    clean.len = 0;
    g_array_set_size(anchors, 0);
    corpus_utf8_sanitize("ab\xFF cd", 6, CORPUS_INVALID_SKIP, &clean, anchors, &report);
    static const Expect skip_after[] = {{"ab", 0, 2}, {"cd", 4, 2}};
    check_offsets(NONE, clean.data, 0, anchors, clean.len, skip_after, 2, __LINE__);
    clean.len = 0;
    g_array_set_size(anchors, 0);
    corpus_utf8_sanitize("ab \xFF"
                         "cd",
                         6, CORPUS_INVALID_SKIP, &clean, anchors, &report);
    check_offsets(NONE, clean.data, 0, anchors, clean.len, skip_after, 2, __LINE__);

    /* replace: adjacent U+FFFD form one symbol token standing for both bytes. */
    clean.len = 0;
    g_array_set_size(anchors, 0);
    corpus_utf8_sanitize("x \xFF\xFE y", 6, CORPUS_INVALID_REPLACE, &clean, anchors, &report);
    static const Expect two_bad[] = {{"x", 0, 1}, {"\uFFFD\uFFFD", 2, 2}, {"y", 5, 1}};
    check_offsets(BASIC, clean.data, 0, anchors, clean.len, two_bad, 3, __LINE__);

    corpus_buf_clear(&clean);
    g_array_unref(anchors);
}

/* ---- Idempotence ------------------------------------------------------------------------ */

static const char *const tricky[] = {
    "\u0644\u0640\"\u0633\u064A \u0623\u0646 \u0623\u0646\"\u060C",
    "\u0627\u0644\u064020 \u0640\u0640\u0640 \u064020",
    "\u0627\u0644\u0623\u0645\u064A\u0631\u0643\u064A\u064A\u0646\u060C\u062D\u062A\u0649",
    "#\u0627\u0644\u062B\u0648\u0631\u0629_\u0627\u0644\u0643\u0628\u0631\u0649",
    "#\u0627\u0644\u0645\u0633\u0627\u0626\u064A\u0629#\u0627\u0644\u0645\u064A\u0627\u062F"
    "\u064A\u0646@wafasarayaaridi",
    "@wafasarayaaridi\u060C pic.twitter.com/gU3jrF8TgA\u060C",
    "\"November 6, 2023\"",
    "0:00\n  \u2022 \u0645\u0628\u0639\u0648\u062B",
    "\u0627\u062E\u062A\u0631\u0646\u0627 \u0644\u0643======\n\u0648\u0627\u0634\u0646\u0637"
    "\u0646: \u0644\u0627",
    "\u0648\"\u0625\u0633\u0631\u0627\u0626\u064A\u0644\"\u060C\u00A0\u0647\u0646\u0627\u0643",
    "\u2014 \u0642\u0646\u0627\u0629 (@AlMayadeenNews) November 6, 2023",
    "\u064A\u0643\u062B\u0651\u0641 \u0639\u062F\u0648\u0627\u0646\u0647",
    "\u0643\u062A\u0627\u0628\u200C\u0647\u0627 \u200F\u0646\u0639\u0645\u200E",
    "info@example.com. ahmad.info@gmail.com ab.co@x.com a.b@c.com foo@bar",
    "3.5 1,000 \u0663\u066B\u0665 \u0661\u066C\u0660\u0660\u0660 \u0661\u060C\u0665 12. 3..5",
    "\u0642\u0627\u0644: \u00AB\u0627\u0630\u0647\u0628.\u00BB \u062B\u0645 \u0630\u0647\u0628",
    "\u0645\u0627\u0630\u0627?! \u0646\u0639\u0645... \u0644\u0627\u2026 \u062D\u0633\u0646"
    "\u0627\u061F",
    "(see https://en.wikipedia.org/wiki/Gaza_(city)).",
    "www.almayadeen.net/news/123\u060C example.xyz example.com/a.",
    "\uFDFA \uFDF2 \uFEFB \uFDFB \uFDFC \uFDFD",
    "\uFE70 \u0628\u0651 \u064E \uFC5E\u0628",
    "\U0001F468\u200D\U0001F469\u200D\U0001F467 \U0001F44D\U0001F3FD "
    "\U0001F1F5\U0001F1F8\U0001F1F1\U0001F1E7 \u2764\uFE0F\U0001F600",
    "\u00BD \u2460 \u216B \uFB01 \uFF21\uFF42\uFF43 \u2122",
    "A\u200Bb \u00ADx",
    "$100 +5 =3 \u20AC \u00A9 ^^ ~",
    "#_ @_ # @ #1 ## @@ #\u200C\u0643",
    "don't l\u2019homme abc_def _\u0643 \u0643_\u0643",
    "20th 3rd \u0643\u062A\u0627\u062820 abc\u0643\u062A\u0628",
    "\u0671\u0644\u0652\u062D\u064E\u0645\u0652\u062F\u064F \u0644\u0650\u0644\u0651\u064E"
    "\u0647\u0650 \u0631\u064E\u0628\u0651\u0650 \u0671\u0644\u0652\u0639\u064E\u0670\u0644"
    "\u064E\u0645\u0650\u064A\u0646\u064E \u06DD\u0661",
    "\u0301a \u064E\u0628 \u0654 \u0627\u0654",
    "\u00AB\u201D\u00BB\u201C x.\u201D) y",
    "..?..! ?? \u061F\u061F",
    "a\tb\u2003c\u3000d\u00A0e\u2028f",
    "\uFEFF\u0628\u062F\u0627\u064A\u0629",
    "\u0661\u0662\u0663\u0664 \u06F1\u06F2\u06F3\u06F4 \U0001D7CF\U0001D7D0",
    "Gaza \u063A\u0632\u0629 GAZA \u0130stanbul Stra\u00DFe",
    "a.\n\nb?\n\n\nc\r\n\r\nd\re",
    "x)\ny(\n\n\n",
    "\u200F\u200E \u200C",
    "\"\\\" \"a\\\"b\"",
    "\u0627\u0644\u062D\u0631\u0628\u2014\u0648\u0647\u064A \u2014\u2014",
    "\uFFFD\uFFFD \uFFFD",
};

/* Tokenized text of in, as corpus-tok writes it. */
static char *tokenized(CorpusNormFlags flags, CorpusDocsMode docs, const char *in, size_t len)
{
    CorpusTokWriter *w = corpus_tok_writer_new(CORPUS_TOK_FORMAT_TEXT, docs, CORPUS_TOK_ALL, TRUE);
    CorpusTokenBatch b;
    CorpusBuf out = CORPUS_BUF_INIT;

    corpus_token_batch_init(&b);
    tokenize(flags, docs, in, len, 0, NULL, &b);
    corpus_tok_writer_begin(w, &out);
    corpus_tok_writer_batch(w, &b, &out);
    corpus_tok_writer_end(w, &out);
    corpus_token_batch_clear(&b);
    corpus_tok_writer_free(w);
    char *s = g_strndup(out.data ? out.data : "", out.len);
    corpus_buf_clear(&out);
    return s;
}

static void test_idempotence(void)
{
    static const CorpusNormFlags sets[] = {NONE, BASIC, SEARCH};
    static const CorpusDocsMode modes[] = {CORPUS_DOCS_FILE, CORPUS_DOCS_PARA};

    for (guint s = 0; s < G_N_ELEMENTS(sets); s++) {
        for (guint m = 0; m < G_N_ELEMENTS(modes); m++) {
            for (guint i = 0; i < G_N_ELEMENTS(tricky); i++) {
                g_autofree char *once = tokenized(sets[s], modes[m], tricky[i], strlen(tricky[i]));
                g_autofree char *twice = tokenized(sets[s], modes[m], once, strlen(once));
                g_autofree char *desc = corpus_norm_describe(sets[s]);
                g_autofree char *what =
                    g_strdup_printf("--norm=%s --docs=%s: tokenized twice, string %u", desc,
                                    m ? "para" : "file", i);
                unit_assert_mem(twice, strlen(twice), once, strlen(once), what, __LINE__, __FILE__,
                                __func__);
            }
        }
    }
    /* Also all the strings as one text, one per paragraph. */
    GString *all = g_string_new(NULL);
    for (guint i = 0; i < G_N_ELEMENTS(tricky); i++)
        g_string_append_printf(all, "%s\n\n", tricky[i]);
    g_autofree char *once = tokenized(BASIC, CORPUS_DOCS_PARA, all->str, all->len);
    g_autofree char *twice = tokenized(BASIC, CORPUS_DOCS_PARA, once, strlen(once));
    UNIT_ASSERT_MEM(twice, strlen(twice), once, strlen(once));
    g_string_free(all, TRUE);
}

int main(void)
{
    static const UnitTest tests[] = {
        UNIT_TEST(test_names),
        UNIT_TEST(test_is_ender),
        UNIT_TEST(test_class_word_latin),
        UNIT_TEST(test_class_number),
        UNIT_TEST(test_class_punct_symbol),
        UNIT_TEST(test_class_url_email),
        UNIT_TEST(test_class_tags_emoji),
        UNIT_TEST(test_seed_spots),
        UNIT_TEST(test_sentences),
        UNIT_TEST(test_documents),
        UNIT_TEST(test_pieces),
        UNIT_TEST(test_cuts),
        UNIT_TEST(test_offsets),
        UNIT_TEST(test_offsets_anchors),
        UNIT_TEST(test_idempotence),
    };
    int status;

    norms = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                                  (GDestroyNotify)corpus_norm_free);
    status = unit_run("tok", tests, G_N_ELEMENTS(tests));
    g_hash_table_unref(norms);
    return status;
}
