/* Property test: tokenizing tokenized text gives it back (tok(tok(x)) == tok(x)) and
 * normalizing normalized text changes nothing (norm(norm(x)) == norm(x)), over the bundled
 * corpus files given as arguments and over random byte strings from a fixed-seed generator.
 * SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <corpus/corpus.h>

#define N_RANDOM_DEFAULT 10000 /* random strings per run */
#define MAX_LEN 300            /* longest random string, in bytes */
#define MAX_REPORTS 20         /* failures printed in full; the rest are only counted */
#define SEED 0x636f72707573ull /* fixed: every run tests the same strings */

static const struct {
    const char *name;
    CorpusNormFlags flags;
} profiles[] = {
    {"none", CORPUS_NORM_NONE},
    {"basic", CORPUS_NORM_BASIC},
    {"search", CORPUS_NORM_SEARCH},
};
#define N_PROFILES G_N_ELEMENTS(profiles)

static const struct {
    const char *name;
    CorpusDocsMode mode;
} docs_modes[] = {
    {"file", CORPUS_DOCS_FILE},
    {"para", CORPUS_DOCS_PARA},
};
#define N_DOCS G_N_ELEMENTS(docs_modes)

/* One normalizer per profile and one tokenizer per profile and docs mode, made once. */
typedef struct {
    CorpusNorm *norm[N_PROFILES];
    CorpusNormScratch *scratch;
    CorpusTokenizer *tok[N_PROFILES][N_DOCS];
    CorpusTokenBatch batch;
    guint64 passed;
    guint64 failed;
} Prop;

/* ---- Random strings --------------------------------------------------------------------- */

/* splitmix64 (Steele, Lea & Flood 2014; Vigna's public-domain reference code). */
static guint64 splitmix64(guint64 *state)
{
    guint64 z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* A uniform integer in [0, n). The modulo bias is irrelevant for test data. */
static guint32 pick(guint64 *state, guint32 n)
{
    return (guint32)(splitmix64(state) % n);
}

/* A code point range; a piece is drawn from one range. */
typedef struct {
    gunichar lo, hi;
    guint weight;
} Range;

/* The hard cases of the tokenizer and the normalizer, weighted so that each shows up in many
 * strings: Arabic letters (with hamza forms and alef wasla), tatweel, harakat, shadda, maddah
 * and hamza marks, Quranic marks, digits of both Arabic-Indic sets with their separators,
 * Arabic punctuation, ZWNJ/ZWJ/LRM/RLM/ALM, NBSP and other spaces, presentation forms (which
 * NFKC expands, sometimes into several words or a space and a mark), emoji with skin tones,
 * flags and ZWJ, and a few NFKC and case-folding specials (ligatures, full-width letters,
 * circled digits, Hangul jamo that compose, dotted capital I, sharp s, U+FFFD). */
static const Range ranges[] = {
    {0x0621, 0x063A, 30}, /* letters, hamza forms 0621-0626 included */
    {0x0641, 0x064A, 30}, /* letters */
    {0x0622, 0x0626, 8},  /* hamzated alef, waw, yeh */
    {0x0671, 0x0671, 2},  /* alef wasla */
    {0x0629, 0x0629, 3},  /* teh marbuta */
    {0x0649, 0x0649, 3},  /* alef maksura */
    {0x0640, 0x0640, 8},  /* tatweel */
    {0x064B, 0x0652, 14}, /* harakat, shadda (0651), sukun */
    {0x0651, 0x0651, 4},  /* shadda again: shadda + haraka reordering */
    {0x0653, 0x0655, 4},  /* maddah, hamza above and below */
    {0x0670, 0x0670, 2},  /* dagger alef */
    {0x06D6, 0x06ED, 2},  /* Quranic marks */
    {0x0610, 0x061A, 1},  /* honorific signs */
    {0x0660, 0x0669, 8},  /* Arabic-Indic digits */
    {0x06F0, 0x06F9, 4},  /* extended Arabic-Indic digits */
    {0x066B, 0x066C, 5},  /* decimal and thousands separators */
    {0x060C, 0x060C, 5},  /* Arabic comma */
    {0x061B, 0x061B, 1},  /* Arabic semicolon */
    {0x061F, 0x061F, 3},  /* Arabic question mark */
    {0x066A, 0x066A, 1},  /* Arabic percent */
    {0x06D4, 0x06D4, 1},  /* Urdu full stop */
    {0x2026, 0x2026, 3},  /* ellipsis */
    {0x200B, 0x200F, 6},  /* ZWSP, ZWNJ, ZWJ, LRM, RLM */
    {0x061C, 0x061C, 2},  /* ALM */
    {0x202A, 0x202E, 1},  /* embeddings */
    {0x2066, 0x2069, 1},  /* isolates */
    {0x00A0, 0x00A0, 5},  /* NBSP */
    {0x2000, 0x200A, 1},  /* other spaces */
    {0x202F, 0x202F, 1},  /* narrow NBSP */
    {0x3000, 0x3000, 1},  /* ideographic space */
    {0xFEFF, 0xFEFF, 2},  /* BOM / ZWNBSP */
    {0xFE70, 0xFEFC, 12}, /* presentation forms B, lam-alef */
    {0xFB50, 0xFBB1, 2},  /* presentation forms A */
    {0xFC5E, 0xFC63, 3},  /* shadda ligatures: NFKC gives a space and marks */
    {0xFDF2, 0xFDF2, 2},  /* allah ligature */
    {0xFDFA, 0xFDFB, 2},  /* phrase ligatures: several words */
    {0xFDFC, 0xFDFD, 1},  /* rial sign, bismillah */
    {0x1EE00, 0x1EE1B, 1}, /* Arabic mathematical letters */
    {0x1F600, 0x1F64F, 5}, /* emoji */
    {0x1F3FB, 0x1F3FF, 3}, /* skin tones */
    {0x1F1E6, 0x1F1FF, 2}, /* regional indicators */
    {0x2764, 0x2764, 1},  /* heavy heart (may take U+FE0F) */
    {0xFE0F, 0xFE0F, 1},  /* variation selector 16 */
    {0x00C0, 0x00FF, 2},  /* Latin-1 letters */
    {0x0300, 0x0301, 2},  /* non-Arabic combining marks */
    {0x0130, 0x0130, 1},  /* dotted capital I: case folds to two code points */
    {0x00DF, 0x00DF, 1},  /* sharp s */
    {0x1E9E, 0x1E9E, 1},  /* capital sharp s */
    {0xFB01, 0xFB02, 1},  /* fi, fl ligatures */
    {0xFF21, 0xFF3A, 1},  /* full-width capitals */
    {0xFF10, 0xFF19, 1},  /* full-width digits */
    {0x2460, 0x2473, 1},  /* circled numbers */
    {0x00B2, 0x00B3, 1},  /* superscript digits */
    {0x00BC, 0x00BE, 1},  /* vulgar fractions */
    {0x2044, 0x2044, 1},  /* fraction slash */
    {0x1100, 0x1112, 1},  /* Hangul leading jamo */
    {0x1161, 0x1175, 1},  /* Hangul vowel jamo (composes with a leading jamo) */
    {0x03A3, 0x03A3, 1},  /* Greek capital sigma */
    {0x00AB, 0x00AB, 1},  /* guillemets */
    {0x00BB, 0x00BB, 1},
    {0x201C, 0x201D, 1},  /* curly quotes */
    {0x2014, 0x2014, 1},  /* em dash */
    {0xFFFD, 0xFFFD, 1},  /* replacement character */
    {0xE000, 0xE000, 1},  /* private use */
    {0x0378, 0x0378, 1},  /* unassigned */
};

/* ASCII pieces: single characters and fragments that start URLs, e-mail addresses, numbers. */
static const char *const ascii_pieces[] = {
    "a", "b", "x", "Z", "Q", "k", "0", "1", "5", "9", ".", ",", ":", ";", "#", "@", "/", "_",
    "'", "\"", "-", "(", ")", "[", "]", "!", "?", "%", "+", "=", "*", "&", "\\", "~", "`",
    "|", "<", ">", "{", "}", "^", "$", " ", " ", " ", " ", "\t", "\n", "\n", "\r", "\r\n",
    "\n\n", "...", "http://", "https://", "www.", ".com", ".org", "example", "a@b.co",
    "user@example.org", "pic.twitter.com/", "3.5", "1,000", "0:00", "#tag_x", "@name",
    "Test", "ABC", "lt", "i",
};

/* Raw byte pieces: NUL, invalid bytes, truncated sequences, overlongs, surrogates. */
static const struct {
    const char *bytes;
    size_t len;
} raw_pieces[] = {
    {"\0", 1},         {"\x80", 1},         {"\xBF", 1},         {"\xC0\xAF", 2},
    {"\xC1\xBF", 2},   {"\xC3", 1},         {"\xD8", 1},         {"\xD9", 1},
    {"\xE2\x80", 2},   {"\xEF\xBB", 2},     {"\xED\xA0\x80", 3}, {"\xF0\x9F", 2},
    {"\xF0\x9F\x98", 3}, {"\xF4\x90\x80\x80", 4}, {"\xF5", 1},   {"\xFE", 1},
    {"\xFF", 1},       {"\xE0\x80\x80", 3}, {"\xC3\x28", 2},    {"\xF8\x88\x80\x80\x80", 5},
};

static guint total_weight(void)
{
    guint w = 0;
    for (guint i = 0; i < G_N_ELEMENTS(ranges); i++)
        w += ranges[i].weight;
    return w;
}

static void append_cp(CorpusBuf *b, gunichar c)
{
    char tmp[4];
    corpus_buf_append(b, tmp, (size_t)corpus_utf8_encode(c, tmp));
}

/* Random string number `index`: its own generator state, so any one string can be rebuilt. */
static void random_string(guint64 index, CorpusBuf *out)
{
    static guint weights = 0;
    guint64 state = SEED ^ (index * 0xD1B54A32D192ED03ull);
    size_t target = pick(&state, MAX_LEN + 1);

    if (!weights)
        weights = total_weight();
    out->len = 0;
    while (out->len < target) {
        guint32 r = pick(&state, 100);
        if (r < 45) {
            guint32 w = pick(&state, weights);
            guint i = 0;
            while (w >= ranges[i].weight)
                w -= ranges[i++].weight;
            append_cp(out, ranges[i].lo + pick(&state, ranges[i].hi - ranges[i].lo + 1));
        } else if (r < 52) {
            /* An Arabic word: letters with the odd mark or tatweel. */
            guint n = 1 + pick(&state, 6);
            for (guint k = 0; k < n; k++) {
                append_cp(out, 0x0627 + pick(&state, 0x064A - 0x0627 + 1));
                if (pick(&state, 4) == 0)
                    append_cp(out, 0x064B + pick(&state, 8));
                if (pick(&state, 8) == 0)
                    append_cp(out, 0x0640);
            }
        } else if (r < 57) {
            /* An emoji sequence: base, skin tone, ZWJ, base. */
            append_cp(out, 0x1F466 + pick(&state, 4));
            if (pick(&state, 2))
                append_cp(out, 0x1F3FB + pick(&state, 5));
            if (pick(&state, 2)) {
                append_cp(out, 0x200D);
                append_cp(out, 0x1F466 + pick(&state, 4));
            }
        } else if (r < 98) {
            const char *p = ascii_pieces[pick(&state, G_N_ELEMENTS(ascii_pieces))];
            corpus_buf_append(out, p, strlen(p));
        } else {
            guint i = pick(&state, G_N_ELEMENTS(raw_pieces));
            corpus_buf_append(out, raw_pieces[i].bytes, raw_pieces[i].len);
        }
    }
    out->len = target; /* cutting the last piece makes truncated sequences too */
}

/* ---- The properties ------------------------------------------------------------------- */

/* Tokenize text[0..len) (valid UTF-8) as one file and write it as tokenized text to out. */
static void tok_text(Prop *p, guint profile, guint docs, const char *text, size_t len,
                     CorpusBuf *out)
{
    CorpusTextStart start = {TRUE, FALSE, FALSE, FALSE, FALSE};
    CorpusTokWriter *w =
        corpus_tok_writer_new(CORPUS_TOK_FORMAT_TEXT, docs_modes[docs].mode, CORPUS_TOK_ALL,
                              FALSE);

    out->len = 0;
    corpus_tokenizer_run(p->tok[profile][docs], text, len, 0, NULL, &start, &p->batch);
    corpus_tok_writer_begin(w, out);
    corpus_tok_writer_batch(w, &p->batch, out);
    corpus_tok_writer_end(w, out);
    corpus_tok_writer_free(w);
}

static void print_hex(const char *label, const char *s, size_t len)
{
    printf("  %s (%zu bytes):", label, len);
    for (size_t i = 0; i < len; i++)
        printf(" %02X", (guint8)s[i]);
    printf("\n");
}

/* Count one check; print the first failures in full: the input as given (raw), the valid
 * UTF-8 it became when it had to be cleaned (x), and the two results (y, z). */
static void record(Prop *p, gboolean ok, const char *what, const char *where,
                   const CorpusBuf *raw, const CorpusBuf *x, const CorpusBuf *y,
                   const CorpusBuf *z)
{
    if (ok) {
        p->passed++;
        return;
    }
    p->failed++;
    if (p->failed > MAX_REPORTS)
        return;
    printf("FAIL %s: %s\n", what, where);
    print_hex("raw", raw->data, raw->len);
    if (x != raw)
        print_hex("x (sanitized)", x->data, x->len);
    print_hex("y", y->data, y->len);
    print_hex("z", z->data, z->len);
}

static gboolean same(const CorpusBuf *a, const CorpusBuf *b)
{
    return a->len == b->len && (a->len == 0 || memcmp(a->data, b->data, a->len) == 0);
}

/* Make x valid UTF-8 as the pipeline does under --on-invalid=replace.  Returns x itself when
 * it is valid, else the cleaned copy in clean. */
static const CorpusBuf *sanitize(const CorpusBuf *x, CorpusBuf *clean, GArray *anchors)
{
    CorpusUtf8Report report;

    if (corpus_utf8_valid_prefix(x->data, x->len) == x->len)
        return x;
    memset(&report, 0, sizeof report);
    clean->len = 0;
    g_array_set_size(anchors, 0);
    corpus_utf8_sanitize(x->data, x->len, CORPUS_INVALID_REPLACE, clean, anchors, &report);
    return clean;
}

/* tok(tok(x)) == tok(x) under every profile and docs mode, and norm(norm(x)) == norm(x) under
 * every profile, for x = raw made valid.  where names raw in failure reports. */
static void check_text(Prop *p, const CorpusBuf *raw, CorpusBuf *clean, GArray *anchors,
                       const char *where)
{
    const CorpusBuf *x = sanitize(raw, clean, anchors);
    CorpusBuf y = CORPUS_BUF_INIT, z = CORPUS_BUF_INIT;
    char what[64];

    for (guint pr = 0; pr < N_PROFILES; pr++) {
        for (guint d = 0; d < N_DOCS; d++) {
            tok_text(p, pr, d, x->data ? x->data : "", x->len, &y);
            tok_text(p, pr, d, y.data ? y.data : "", y.len, &z);
            g_snprintf(what, sizeof what, "tok, --norm=%s --docs=%s", profiles[pr].name,
                       docs_modes[d].name);
            record(p, same(&y, &z), what, where, raw, x, &y, &z);
        }
        y.len = z.len = 0;
        corpus_norm_apply(p->norm[pr], p->scratch, x->data ? x->data : "", x->len, &y);
        corpus_norm_apply(p->norm[pr], p->scratch, y.data ? y.data : "", y.len, &z);
        g_snprintf(what, sizeof what, "norm, --norm=%s", profiles[pr].name);
        record(p, same(&y, &z), what, where, raw, x, &y, &z);
    }
    corpus_buf_clear(&y);
    corpus_buf_clear(&z);
}

/* Parse --count=N and --only=I; the other arguments are corpus files. */
static gboolean parse_number(const char *arg, const char *name, guint64 *value)
{
    size_t n = strlen(name);
    char *end;

    if (strncmp(arg, name, n) != 0)
        return FALSE;
    *value = g_ascii_strtoull(arg + n, &end, 10);
    if (end == arg + n || *end) {
        fprintf(stderr, "prop_tok: invalid number in '%s'\n", arg);
        exit(2);
    }
    return TRUE;
}

int main(int argc, char **argv)
{
    Prop p;
    CorpusBuf x = CORPUS_BUF_INIT, clean = CORPUS_BUF_INIT;
    GArray *anchors = g_array_new(FALSE, FALSE, sizeof(CorpusOffsetAnchor));
    guint64 count = N_RANDOM_DEFAULT, only = G_MAXUINT64, files = 0;

    memset(&p, 0, sizeof p);
    p.scratch = corpus_norm_scratch_new();
    corpus_token_batch_init(&p.batch);
    for (guint pr = 0; pr < N_PROFILES; pr++) {
        p.norm[pr] = corpus_norm_new(profiles[pr].flags);
        for (guint d = 0; d < N_DOCS; d++)
            p.tok[pr][d] = corpus_tokenizer_new(p.norm[pr], docs_modes[d].mode);
    }

    for (int i = 1; i < argc; i++) {
        g_autofree char *data = NULL;
        g_autoptr(GError) error = NULL;
        gsize len;

        if (parse_number(argv[i], "--count=", &count) || parse_number(argv[i], "--only=", &only))
            continue;
        if (!g_file_get_contents(argv[i], &data, &len, &error)) {
            fprintf(stderr, "prop_tok: %s\n", error->message);
            return 2;
        }
        x.len = 0;
        corpus_buf_append(&x, data, len);
        check_text(&p, &x, &clean, anchors, argv[i]);
        files++;
    }

    for (guint64 i = 0; i < count; i++) {
        char where[64];
        if (only != G_MAXUINT64 && i != only)
            continue;
        random_string(i, &x);
        g_snprintf(where, sizeof where, "random string %" G_GUINT64_FORMAT, i);
        check_text(&p, &x, &clean, anchors, where);
    }

    printf("%" G_GUINT64_FORMAT " files, %" G_GUINT64_FORMAT " random strings: %" G_GUINT64_FORMAT
           " passed, %" G_GUINT64_FORMAT " failed\n",
           files, only != G_MAXUINT64 ? (guint64)(only < count) : count, p.passed, p.failed);

    for (guint pr = 0; pr < N_PROFILES; pr++) {
        for (guint d = 0; d < N_DOCS; d++)
            corpus_tokenizer_free(p.tok[pr][d]);
        corpus_norm_free(p.norm[pr]);
    }
    corpus_norm_scratch_free(p.scratch);
    corpus_token_batch_clear(&p.batch);
    corpus_buf_clear(&x);
    corpus_buf_clear(&clean);
    g_array_unref(anchors);
    return p.failed ? 1 : 0;
}
