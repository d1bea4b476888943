/* gen - deterministic generator of realistic Arabic news-like text, for benchmarks.
 *
 * Usage: gen [--seed=N] [--size=SIZE] CORPUS_FILE...
 *
 * SIZE is a byte count with an optional K, M or G suffix (powers of 1024); default 100M.  The
 * output is whole lines: gen writes lines until at least SIZE bytes are out, finishes the line
 * it is in and stops, so it writes SIZE bytes plus less than one line (a few hundred bytes);
 * a smaller SIZE gives a prefix of a larger one.  The output is valid UTF-8 and, for a given
 * seed and set of corpus files, byte-identical everywhere: the PRNG is our own xoshiro256**
 * seeded through splitmix64, all decisions use integer arithmetic, and the model is built
 * from the corpus words sorted bytewise, so neither the order of the files nor hash-table
 * order matters.
 *
 * Model.  The corpus files (UTF-8 Arabic news text) are split on ASCII whitespace into words
 * that keep their attached punctuation (trailing ، or . or quotes).  Words come from Simon's
 * model, an urn that starts with the corpus tokens (copied several times if there are fewer
 * than MIN_URN, to damp the early random drift) and receives every word generated:
 *   - with a small probability the word is new, coined by recombining Arabic-letter pieces of
 *     corpus words (a prefix of one, sometimes one or two letters from inside another, the
 *     suffix of a third), cut only between letters, never before a combining mark; the
 *     probability is HEAPS_A / sqrt(words so far) per million, capped at NEW_CAP_PPM, so the
 *     vocabulary keeps growing like real text (Heaps' law, V ~ sqrt(N)) instead of saturating
 *     at the seed vocabulary: about 2.4% of the words at 100 MB, half a million types;
 *   - otherwise it copies a uniformly chosen token of the urn, that is a word drawn with
 *     probability proportional to its count so far: the corpus words keep their empirical
 *     unigram distribution (function words at the top; about two thirds of the output) and
 *     the coined words get a Zipf tail below them.  Coined words sometimes get a trailing ،
 *     or quotes.
 * Interspersed at news-like rates: numbers in ASCII or Arabic-Indic digits (years, 1,000, 3.5,
 * ٣٫٥, ١٬٢٠٠, 15%), URLs, pic.twitter.com links, hashtags, @mentions and Latin words.
 * Sentences have 8-40 words (triangular, mean 24) and mostly end with . (sometimes ؟ or ! or
 * nothing); a line holds 1-4 sentences or is a short headline; paragraphs are sometimes
 * separated by a blank line.
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

/* Rates of token kinds and layout choices, in parts per million (PPM). */
enum { PPM = 1000000, NEW_CAP_PPM = 60000, NUMBER_PPM = 15000, LATIN_PPM = 3000, HASHTAG_PPM = 1500,
       MENTION_PPM = 600, URL_PPM = 300, COMMA_PPM = 60000, QUOTE_PPM = 15000,
       HEADLINE_PPM = 60000, PARAGRAPH_PPM = 250000 };
#define HEAPS_A 70000000u  /* new-word rate = HEAPS_A / sqrt(words so far) ppm */
#define MIN_URN 16384u     /* initial urn size, made of copies of the corpus tokens */
#define URN_CAP (1u << 24) /* beyond this urn size new tokens replace random ones */
#define OUT_CHUNK (1u << 20)
#define MAX_LETTERS 48     /* longest corpus word used for coining, in letters and bytes */
#define MAX_CORE_BYTES 128

typedef struct { const char *s; uint32_t len; } Word;

typedef struct {
    uint64_t rng[4];
    GArray *words;           /* Word: the distinct corpus words sorted bytewise, then coined ones */
    uint32_t ncorpus;        /* how many of words are corpus words */
    GArray *pool;            /* Word: distinct Arabic-letter cores of corpus words, >= 3 letters */
    GHashTable *known;       /* every corpus word and coined word, to keep coined words new */
    GStringChunk *chunk;     /* coined words, keys of the pool dedup */
    uint32_t *urn;           /* word index per token: corpus tokens, then generated words */
    uint32_t nurn, urn_cap;
    uint64_t nwords, root;   /* words generated so far, floor(sqrt(nwords)) */
    uint32_t new_ppm;
    char *buf;               /* output, flushed only between lines */
    size_t len, cap, word_start;
} Gen;

static const char *const latin_words[] = {
    "Reuters", "AFP", "CNN", "BBC", "UN", "NATO", "UNRWA", "COVID-19", "Twitter", "Facebook",
    "Telegram", "YouTube", "Google", "iPhone", "the", "of", "and", "news", "live", "video",
    "breaking", "update", "Gaza", "Hamas", "Israel", "Lebanon", "Hezbollah", "Iran", "Yemen",
    "Biden", "Blinken", "Netanyahu", "Pentagon", "Axios", "Politico", "Times", "Post", "Wall",
    "Street", "Journal", "November", "October", "Al", "Mayadeen", "Jazeera", "Press", "Media",
};
static const char *const domains[] = {
    "example.com", "www.example.com", "www.almayadeen.net", "www.aljazeera.net",
    "www.bbc.com", "t.co", "youtu.be", "news.example.org",
};
static const char base62[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/* ---- PRNG: xoshiro256** seeded by splitmix64 ---- */

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t rng_next(uint64_t *s)
{
    uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0], s[3] ^= s[1], s[1] ^= s[2], s[0] ^= s[3], s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/* Uniform in [0, n) by multiply-shift (Lemire); the bias is negligible for our n. */
static uint32_t below(Gen *g, uint32_t n) { return (uint32_t)(((rng_next(g->rng) >> 32) * n) >> 32); }
static int chance(Gen *g, uint32_t ppm) { return below(g, PPM) < ppm; }

/* ---- output ---- */

static void out(Gen *g, const void *p, size_t n)
{
    if (g->len + n > g->cap) {
        while (g->len + n > g->cap)
            g->cap *= 2;
        g->buf = g_realloc(g->buf, g->cap);
    }
    memcpy(g->buf + g->len, p, n);
    g->len += n;
}

static void out_str(Gen *g, const char *s) { out(g, s, strlen(s)); }
static void out_word(Gen *g, Word w) { out(g, w.s, w.len); }

static void flush_out(Gen *g)
{
    if (fwrite(g->buf, 1, g->len, stdout) != g->len || fflush(stdout) != 0) {
        fprintf(stderr, "gen: write error: %s\n", g_strerror(errno));
        exit(1);
    }
    g->len = 0;
}

/* ---- corpus model ---- */

static int is_letter(gunichar c) { return (c >= 0x0621 && c <= 0x063A) || (c >= 0x0641 && c <= 0x064A); }
static int is_mark(gunichar c) { return (c >= 0x064B && c <= 0x0652) || c == 0x0670; }
static int is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

/* Count the words of one file; the text stays allocated because the keys point into it. */
/* Count the words of path into counts, whose keys point into the file's text, which is added
 * to texts (freed at the end). */
static void count_file(GHashTable *counts, GPtrArray *texts, const char *path)
{
    gchar *text;
    gsize n;
    GError *err = NULL;
    if (!g_file_get_contents(path, &text, &n, &err)) {
        fprintf(stderr, "gen: %s\n", err->message);
        exit(1);
    }
    g_ptr_array_add(texts, text);
    for (char *p = text, *end = text + n; p < end;) {
        char *w = p;
        while (p < end && !is_space(*p))
            p++;
        *p++ = '\0'; /* overwrites the whitespace or the terminating NUL */
        if (*w && g_utf8_validate(w, -1, NULL)) {
            gpointer c = g_hash_table_lookup(counts, w);
            g_hash_table_insert(counts, w, GUINT_TO_POINTER(GPOINTER_TO_UINT(c) + 1));
        }
    }
}

/* The run of Arabic letters (with their marks) that s holds between punctuation, if any. */
static int arabic_core(const char *s, Word *core)
{
    const char *p = s, *q, *last;
    int letters = 0;
    while (*p && !is_letter(g_utf8_get_char(p)))
        p = g_utf8_next_char(p);
    for (q = last = p; *q && (is_letter(g_utf8_get_char(q)) || is_mark(g_utf8_get_char(q)));) {
        letters += is_letter(g_utf8_get_char(q));
        last = q = g_utf8_next_char(q);
    }
    for (; *q; q = g_utf8_next_char(q))
        if (is_letter(g_utf8_get_char(q)))
            return 0;
    *core = (Word){p, (uint32_t)(last - p)};
    return letters >= 3 && letters <= MAX_LETTERS && core->len <= MAX_CORE_BYTES;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void build_model(Gen *g, GHashTable *counts)
{
    guint n;
    char **keys = (char **)g_hash_table_get_keys_as_array(counts, &n);
    GHashTable *cores = g_hash_table_new(g_str_hash, g_str_equal);
    qsort(keys, n, sizeof *keys, cmp_str);
    for (guint i = 0; i < n; i++) {
        Word w = {keys[i], (uint32_t)strlen(keys[i])}, core;
        g_array_append_val(g->words, w);
        g_hash_table_add(g->known, keys[i]);
        g->nurn += GPOINTER_TO_UINT(g_hash_table_lookup(counts, keys[i]));
        if (arabic_core(keys[i], &core) &&
            g_hash_table_add(cores, g_string_chunk_insert_len(g->chunk, core.s, core.len)))
            g_array_append_val(g->pool, core);
    }
    uint32_t copies = g->nurn ? (MIN_URN + g->nurn - 1) / g->nurn : 1;
    g->ncorpus = n;
    g->urn_cap = g->nurn *= copies;
    g->urn = g_new(uint32_t, g->urn_cap);
    for (guint i = 0, k = 0; i < n; i++)
        for (guint c = copies * GPOINTER_TO_UINT(g_hash_table_lookup(counts, keys[i])); c; c--)
            g->urn[k++] = i;
    g_hash_table_destroy(cores);
    g_free(keys);
}

/* ---- coined words ---- */

static Word pool_word(Gen *g) { return g_array_index(g->pool, Word, below(g, g->pool->len)); }

enum { PREFIX, MIDDLE, SUFFIX };

/* Copy to tmp a piece of a random pool word, cut after letters (and their marks); a prefix or
 * middle piece does not end with ة or ى, which only end words. */
static size_t piece(Gen *g, char *tmp, int kind)
{
    uint32_t ends[MAX_LETTERS]; /* byte offset after each letter and its marks */
    gunichar letters[MAX_LETTERS];
    Word w = pool_word(g);
    int n = 0, from, to; /* the piece is letters [from, to) */
    for (const char *p = w.s; p < w.s + w.len; p = g_utf8_next_char(p)) {
        if (is_letter(g_utf8_get_char(p)))
            letters[n++] = g_utf8_get_char(p);
        ends[n - 1] = (uint32_t)(g_utf8_next_char(p) - w.s);
    }
    if (kind == PREFIX)
        from = 0, to = 2 + (int)below(g, (uint32_t)n - 2);
    else if (kind == SUFFIX)
        from = 1 + (int)below(g, (uint32_t)n - 2), to = n;
    else
        from = 1 + (int)below(g, (uint32_t)n - 2), to = from + 1 + (int)below(g, 2), to = MIN(to, n - 1);
    if (kind != SUFFIX && (letters[to - 1] == 0x0629 || letters[to - 1] == 0x0649))
        to--;
    if (to <= from)
        return 0;
    uint32_t a = from ? ends[from - 1] : 0, b = ends[to - 1];
    memcpy(tmp, w.s + a, b - a);
    return b - a;
}

/* The index of a new word never seen before, or -1 when a few attempts only made known ones. */
static int64_t coin(Gen *g)
{
    char tmp[3 * MAX_CORE_BYTES + 1];
    for (int attempt = 0; attempt < 16; attempt++) {
        size_t n = piece(g, tmp, PREFIX);
        if (below(g, 2))
            n += piece(g, tmp + n, MIDDLE);
        n += piece(g, tmp + n, SUFFIX);
        tmp[n] = '\0';
        if (n < 6 || g_hash_table_contains(g->known, tmp))
            continue;
        Word w = {g_string_chunk_insert_len(g->chunk, tmp, (gssize)n), (uint32_t)n};
        g_hash_table_add(g->known, (char *)w.s);
        g_array_append_val(g->words, w);
        return g->words->len - 1;
    }
    return -1;
}

/* Write word id and drop it into the urn. */
static void put_word(Gen *g, uint32_t id)
{
    if (g->nurn >= URN_CAP) {
        g->urn[below(g, g->nurn)] = id;
    } else {
        if (g->nurn == g->urn_cap) {
            g->urn_cap = MIN(2 * g->urn_cap, URN_CAP);
            g->urn = g_renew(uint32_t, g->urn, g->urn_cap);
        }
        g->urn[g->nurn++] = id;
    }
    int coined = id >= g->ncorpus, quote = coined && chance(g, QUOTE_PPM);
    out_str(g, quote ? "\"" : "");
    out_word(g, g_array_index(g->words, Word, id));
    out_str(g, quote ? "\"" : "");
    out_str(g, coined && chance(g, COMMA_PPM) ? "،" : "");
}

/* ---- other tokens ---- */

static void put_number(Gen *g)
{
    static const char *const arabic[128] = {
        ['0'] = "٠", ['1'] = "١", ['2'] = "٢", ['3'] = "٣", ['4'] = "٤", ['5'] = "٥",
        ['6'] = "٦", ['7'] = "٧", ['8'] = "٨", ['9'] = "٩", [','] = "٬", ['.'] = "٫", ['%'] = "٪",
    };
    char s[32];
    /* Drawn before the calls: C leaves the order of evaluation of arguments unspecified. */
    uint32_t style = below(g, 100), a = below(g, 1000), b = below(g, 1000);
    if (style < 15)
        snprintf(s, sizeof s, "%u", 1948 + a % 77);
    else if (style < 55)
        snprintf(s, sizeof s, "%u", a < 500 ? a % 13 : b);
    else if (style < 72)
        snprintf(s, sizeof s, "%u,%03u", 1 + a % 999, b);
    else if (style < 88)
        snprintf(s, sizeof s, "%u.%u", a % 100, 1 + b % 9);
    else
        snprintf(s, sizeof s, "%u%%", 1 + a % 99);
    if (below(g, 100) >= 30)
        out_str(g, s);
    else
        for (const char *p = s; *p; p++)
            out_str(g, arabic[(unsigned char)*p]);
}

static const char *latin(Gen *g) { return latin_words[below(g, G_N_ELEMENTS(latin_words))]; }

/* 1-3 Latin words joined by sep, letters and digits only, lowercased if lower. */
static void put_latin_run(Gen *g, const char *sep, int lower)
{
    for (uint32_t i = 0, n = 1 + below(g, 3); i < n; i++) {
        out_str(g, i ? sep : "");
        for (const char *w = latin(g); *w; w++) {
            char c = lower ? g_ascii_tolower(*w) : *w;
            if (g_ascii_isalnum(c))
                out(g, &c, 1);
        }
    }
}

static void put_hashtag(Gen *g)
{
    out(g, "#", 1);
    for (uint32_t i = 0, n = 1 + below(g, 2); i < n; i++) {
        out_str(g, i ? "_" : "");
        out_word(g, pool_word(g));
    }
}

static void put_url(Gen *g)
{
    char id[16];
    if (below(g, 2)) {
        out_str(g, "pic.twitter.com/");
        for (int i = 0; i < 10; i++)
            out(g, &base62[below(g, 62)], 1);
        return;
    }
    out_str(g, "https://");
    out_str(g, domains[below(g, G_N_ELEMENTS(domains))]);
    out(g, "/", 1);
    put_latin_run(g, "-", 1);
    snprintf(id, sizeof id, "/%u", 100000 + below(g, 9900000));
    out_str(g, below(g, 2) ? id : "");
}

/* ---- text structure ---- */

enum { NEW, NUMBER, LATIN, HASHTAG, MENTION, URL, COPY };

static int token_kind(Gen *g)
{
    const uint32_t ppm[COPY] = {g->new_ppm, NUMBER_PPM, LATIN_PPM, HASHTAG_PPM, MENTION_PPM, URL_PPM};
    uint32_t r = below(g, PPM);
    int k = 0;
    for (; k < COPY && r >= ppm[k]; k++)
        r -= ppm[k];
    return k;
}

static void put_token(Gen *g)
{
    int64_t id = -1;
    if ((g->root + 1) * (g->root + 1) <= ++g->nwords) {
        g->root++;
        g->new_ppm = MIN(HEAPS_A / g->root, NEW_CAP_PPM);
    }
    switch (token_kind(g)) {
    case NEW: id = coin(g); break;
    case NUMBER: put_number(g); return;
    case LATIN: out_str(g, latin(g)); return;
    case HASHTAG: put_hashtag(g); return;
    case MENTION: out(g, "@", 1), put_latin_run(g, "", 0); return;
    case URL: put_url(g); return;
    default: break;
    }
    put_word(g, id >= 0 ? (uint32_t)id : g->urn[below(g, g->nurn)]);
}

static void put_words(Gen *g, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        out_str(g, i ? " " : "");
        g->word_start = g->len;
        put_token(g);
    }
}

/* Drop trailing . , : ; ، ؛ from the last word (keeping one character), then end the sentence
 * with . or less often ؟ or ! or nothing. */
static void end_sentence(Gen *g)
{
    uint32_t r = below(g, 100);
    for (size_t n; (n = g->len - g->word_start) > 1;) {
        const char *e = g->buf + g->len;
        if (memchr(".,:;", e[-1], 4))
            g->len--;
        else if (n > 2 && (memcmp(e - 2, "،", 2) == 0 || memcmp(e - 2, "؛", 2) == 0))
            g->len -= 2;
        else
            break;
    }
    out_str(g, r < 86 ? "." : r < 90 ? "؟" : r < 93 ? "!" : "");
}

static void put_line(Gen *g)
{
    if (chance(g, HEADLINE_PPM)) {
        put_words(g, 4 + below(g, 9));
    } else {
        uint32_t r = below(g, 10), n = r < 4 ? 1 : r < 7 ? 2 : r < 9 ? 3 : 4;
        for (uint32_t i = 0; i < n; i++) {
            out_str(g, i ? " " : "");
            put_words(g, 8 + below(g, 17) + below(g, 17));
            end_sentence(g);
        }
    }
    out_str(g, chance(g, PARAGRAPH_PPM) ? "\n\n" : "\n");
}

/* ---- command line ---- */

static _Noreturn void usage(int status)
{
    fprintf(status ? stderr : stdout, "usage: gen [--seed=N] [--size=SIZE[K|M|G]] CORPUS_FILE...\n");
    exit(status);
}

static uint64_t parse_u64(const char *s, int suffixes)
{
    static const char units[] = "KMG";
    char *end;
    errno = 0;
    uint64_t v = strtoull(s, &end, 10), mult = 1;
    if (suffixes && *end && !end[1]) {
        const char *unit = strchr(units, g_ascii_toupper(*end));
        mult = unit ? (uint64_t)1 << (10 * (unit - units + 1)) : 0;
        end += unit != NULL;
    }
    if (errno || end == s || *end || *s == '-' || !mult || v > UINT64_MAX / mult) {
        fprintf(stderr, "gen: invalid number: %s\n", s);
        usage(2);
    }
    return v * mult;
}

int main(int argc, char **argv)
{
    uint64_t seed = 1, size = (uint64_t)100 << 20, written = 0;
    int nfiles = 0, opts = 1;
    GHashTable *counts = g_hash_table_new(g_str_hash, g_str_equal);
    GPtrArray *texts = g_ptr_array_new_with_free_func(g_free);
    for (int i = 1; i < argc; i++) {
        if (opts && strcmp(argv[i], "--") == 0)
            opts = 0;
        else if (opts && strncmp(argv[i], "--seed=", 7) == 0)
            seed = parse_u64(argv[i] + 7, 0);
        else if (opts && strncmp(argv[i], "--size=", 7) == 0)
            size = parse_u64(argv[i] + 7, 1);
        else if (opts && strcmp(argv[i], "--help") == 0)
            usage(0);
        else if (opts && argv[i][0] == '-' && argv[i][1])
            usage(2);
        else
            count_file(counts, texts, argv[i]), nfiles++;
    }
    if (!nfiles)
        usage(2);
    Gen g = {.words = g_array_new(FALSE, FALSE, sizeof(Word)),
             .pool = g_array_new(FALSE, FALSE, sizeof(Word)),
             .known = g_hash_table_new(g_str_hash, g_str_equal),
             .chunk = g_string_chunk_new(1 << 16), .cap = 2 * OUT_CHUNK};
    for (int i = 0; i < 4; i++)
        g.rng[i] = splitmix64(&seed);
    build_model(&g, counts);
    if (g.pool->len < 2) {
        fprintf(stderr, "gen: the corpus files hold too few Arabic words\n");
        return 1;
    }
    g.buf = g_malloc(g.cap);
    while (written + g.len < size) {
        put_line(&g);
        if (g.len >= OUT_CHUNK)
            written += g.len, flush_out(&g);
    }
    flush_out(&g);
    g_free(g.buf);
    g_free(g.urn);
    g_array_free(g.words, TRUE);
    g_array_free(g.pool, TRUE);
    g_hash_table_destroy(g.known);
    g_string_chunk_free(g.chunk);
    g_hash_table_destroy(counts);
    g_ptr_array_unref(texts);
    return 0;
}
