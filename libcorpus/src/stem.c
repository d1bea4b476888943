/* CorpusStemmer: dispatch to the algorithms, Snowball through libstemmer, and a memo table of
 * the stems already computed (the vocabulary is small next to the token stream).
 * SPDX-License-Identifier: MIT */
#include <string.h>

#include <libstemmer.h>

#include <corpus/buf.h>
#include <corpus/error.h>
#include <corpus/stem.h>
#include <corpus/utf8.h>

#include "stem-private.h"

/* The memo: a direct-mapped cache of MEMO_SLOTS lines of 64 bytes (4 MiB) behind a smaller
 * first level for the most frequent words; a line holds a word and its stem.  Word
 * frequencies are Zipfian, so the words that fill a corpus stay in the memo, and a rare word
 * that falls out is stemmed again, with the same result.  Measured on 100 MB of generated
 * text (docs/performance.md): an unbounded hash table of every distinct word missed the
 * processor caches on nearly every token and was slower; computing every stem costs 1.5x
 * (light10) to 3x (Snowball) a memo lookup. */
#define MEMO_SLOTS (1u << 16)
#define NEAR_SLOTS (1u << 13) /* a first, smaller level (512 KiB) for the most frequent words */
#define MEMO_BYTES 58         /* room for a word and its stem in one 64-byte line */

typedef struct {
    guint32 hash;               /* 0 = empty */
    guint8 word_len;            /* bytes of the word, at data[0] */
    guint8 stem_len;            /* bytes of the stem, at data[word_len] */
    char data[MEMO_BYTES];
} Line;

struct CorpusStemmer {
    CorpusStemAlgo algo;
    struct sb_stemmer *snowball; /* for CORPUS_STEM_SNOWBALL */
    Line *memo;                  /* MEMO_SLOTS lines (4 MiB) */
    Line *near;                  /* NEAR_SLOTS lines, looked at first */
    CorpusBuf out;               /* the stem of a word too long for the memo */
    gunichar *cps;               /* scratch code points */
    size_t cps_cap;
};

static const char *const algo_names[] = {"none", "light10", "light8", "isri", "snowball"};

gboolean corpus_stem_parse(const char *name, CorpusStemAlgo *algo, GError **error)
{
    for (guint i = 0; i < G_N_ELEMENTS(algo_names); i++) {
        if (g_strcmp0(name, algo_names[i]) == 0) {
            *algo = (CorpusStemAlgo)i;
            return TRUE;
        }
    }
    g_set_error(error, CORPUS_ERROR, CORPUS_ERROR_USAGE,
                "invalid --stem value '%s' (expected none, light10, light8, isri or snowball)",
                name);
    return FALSE;
}

const char *corpus_stem_name(CorpusStemAlgo algo)
{
    return (guint)algo < G_N_ELEMENTS(algo_names) ? algo_names[algo] : "?";
}

CorpusStemmer *corpus_stemmer_new(CorpusStemAlgo algo)
{
    CorpusStemmer *s = g_new0(CorpusStemmer, 1);

    s->algo = algo;
    if (algo == CORPUS_STEM_SNOWBALL) {
        s->snowball = sb_stemmer_new("arabic", "UTF_8");
        if (!s->snowball)
            g_error("libstemmer has no Arabic stemmer");
    }
    s->memo = g_new0(Line, MEMO_SLOTS);
    s->near = g_new0(Line, NEAR_SLOTS);
    return s;
}

void corpus_stemmer_free(CorpusStemmer *s)
{
    if (!s)
        return;
    if (s->snowball)
        sb_stemmer_delete(s->snowball);
    g_free(s->memo);
    g_free(s->near);
    corpus_buf_clear(&s->out);
    g_free(s->cps);
    g_free(s);
}

/* A multiplicative hash eight bytes at a time (words are short); never 0. */
static guint32 hash_bytes(const char *p, size_t len)
{
    guint64 h = 0x9E3779B97F4A7C15ull ^ len;
    size_t i = 0;

    for (; i + 8 <= len; i += 8) {
        guint64 v;
        memcpy(&v, p + i, 8);
        h = (h ^ v) * 0xFF51AFD7ED558CCDull;
        h ^= h >> 32;
    }
    if (i < len) {
        guint64 v = 0;
        memcpy(&v, p + i, len - i);
        h = (h ^ v) * 0xC4CEB9FE1A85EC53ull;
        h ^= h >> 29;
    }
    guint32 r = (guint32)(h ^ (h >> 32));
    return r ? r : 1;
}

/* Whether w has a code point of the Arabic block (U+0600-06FF: lead bytes D8-DB) or of the
 * presentation forms (U+FB50-FEFF: EF AD 90 - EF BB BF); only such words go to a stemmer. */
static gboolean has_arabic(const char *w, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        guint8 b = (guint8)w[i];
        if (b >= 0xD8 && b <= 0xDB)
            return TRUE;
        if (b == 0xEF && i + 2 < len) {
            guint8 b1 = (guint8)w[i + 1], b2 = (guint8)w[i + 2];
            if ((b1 == 0xAD && b2 >= 0x90) || (b1 > 0xAD && b1 <= 0xBB))
                return TRUE;
        }
    }
    return FALSE;
}

/* Compute the stem of w into s->out. */
static void compute(CorpusStemmer *s, const char *w, size_t len)
{
    s->out.len = 0;

    if (s->algo == CORPUS_STEM_NONE || !has_arabic(w, len)) {
        corpus_buf_append(&s->out, w, len);
        return;
    }
    if (s->algo == CORPUS_STEM_SNOWBALL) {
        const sb_symbol *r = sb_stemmer_stem(s->snowball, (const sb_symbol *)w, (int)len);
        int n = r ? sb_stemmer_length(s->snowball) : 0;
        if (n > 0)
            corpus_buf_append(&s->out, r, (size_t)n);
    } else {
        size_t n = 0;
        if (s->cps_cap < len) {
            s->cps_cap = MAX(len, 2 * s->cps_cap);
            s->cps = g_renew(gunichar, s->cps, s->cps_cap);
        }
        for (size_t i = 0; i < len;) {
            gunichar c;
            int k = corpus_utf8_decode(w + i, len - i, &c);
            i += (size_t)(k > 0 ? k : -k);
            s->cps[n++] = c;
        }
        if (s->algo == CORPUS_STEM_ISRI)
            corpus_stem_isri(s->cps, &n);
        else
            corpus_stem_light(s->cps, &n, s->algo == CORPUS_STEM_LIGHT10);
        corpus_buf_reserve(&s->out, n * 4);
        for (size_t i = 0; i < n; i++)
            s->out.len += (size_t)corpus_utf8_encode(s->cps[i], s->out.data + s->out.len);
    }
}

static inline gboolean line_holds(const Line *line, guint32 h, const char *w, size_t len)
{
    return line->hash == h && line->word_len == len && memcmp(line->data, w, len) == 0;
}

const char *corpus_stemmer_stem(CorpusStemmer *s, const char *w, size_t len, size_t *stem_len)
{
    guint32 h = hash_bytes(w, len);
    Line *near = &s->near[h & (NEAR_SLOTS - 1)];
    Line *line = &s->memo[(h >> 13) & (MEMO_SLOTS - 1)];

    if (line_holds(near, h, w, len)) {
        *stem_len = near->stem_len;
        return near->data + len;
    }
    if (!line_holds(line, h, w, len)) {
        compute(s, w, len);
        *stem_len = s->out.len;
        if (len + s->out.len > MEMO_BYTES)
            return s->out.data ? s->out.data : "";
        line->hash = h;
        line->word_len = (guint8)len;
        line->stem_len = (guint8)s->out.len;
        memcpy(line->data, w, len);
        if (s->out.len)
            memcpy(line->data + len, s->out.data, s->out.len);
    }
    *near = *line;
    *stem_len = near->stem_len;
    return near->data + len;
}
