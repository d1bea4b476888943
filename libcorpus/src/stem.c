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

/* The memo table is cleared when its bytes exceed this, so memory stays bounded on corpora
 * with a huge vocabulary. */
#define MEMO_MAX_BYTES (64u << 20)

typedef struct {
    guint32 hash;     /* 0 = empty slot */
    guint32 key_off;  /* word bytes in memo */
    guint32 key_len;
    guint32 stem_off; /* stem bytes in memo */
    guint32 stem_len;
} Entry;

struct CorpusStemmer {
    CorpusStemAlgo algo;
    struct sb_stemmer *snowball; /* for CORPUS_STEM_SNOWBALL */
    Entry *slots;                /* open addressing, linear probing, power-of-two size */
    size_t n_slots, n_used;
    CorpusBuf memo;              /* words and stems */
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
    s->n_slots = 1024;
    s->slots = g_new0(Entry, s->n_slots);
    return s;
}

void corpus_stemmer_free(CorpusStemmer *s)
{
    if (!s)
        return;
    if (s->snowball)
        sb_stemmer_delete(s->snowball);
    g_free(s->slots);
    corpus_buf_clear(&s->memo);
    g_free(s->cps);
    g_free(s);
}

/* FNV-1a, never 0. */
static guint32 hash_bytes(const char *p, size_t len)
{
    guint32 h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (guint8)p[i]) * 16777619u;
    return h ? h : 1;
}

static gboolean has_arabic_letter(const char *w, size_t len)
{
    for (size_t i = 0; i + 1 < len; i++) {
        guint8 b = (guint8)w[i];
        /* U+0621-064A: D8 A1 - D9 8A. */
        if ((b == 0xD8 && (guint8)w[i + 1] >= 0xA1) || (b == 0xD9 && (guint8)w[i + 1] <= 0x8A))
            return TRUE;
    }
    return FALSE;
}

/* Compute the stem of w into s->memo; returns its length. */
static size_t compute(CorpusStemmer *s, const char *w, size_t len)
{
    size_t start = s->memo.len;

    if (s->algo == CORPUS_STEM_NONE || !has_arabic_letter(w, len)) {
        corpus_buf_append(&s->memo, w, len);
        return len;
    }
    if (s->algo == CORPUS_STEM_SNOWBALL) {
        const sb_symbol *r = sb_stemmer_stem(s->snowball, (const sb_symbol *)w, (int)len);
        int n = r ? sb_stemmer_length(s->snowball) : 0;
        if (n > 0)
            corpus_buf_append(&s->memo, r, (size_t)n);
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
        corpus_buf_reserve(&s->memo, n * 4);
        for (size_t i = 0; i < n; i++)
            s->memo.len += (size_t)corpus_utf8_encode(s->cps[i], s->memo.data + s->memo.len);
    }
    return s->memo.len - start;
}

static void grow(CorpusStemmer *s)
{
    size_t n = s->n_slots * 2;
    Entry *slots = g_new0(Entry, n);

    for (size_t i = 0; i < s->n_slots; i++) {
        Entry *e = &s->slots[i];
        if (!e->hash)
            continue;
        size_t j = e->hash & (n - 1);
        while (slots[j].hash)
            j = (j + 1) & (n - 1);
        slots[j] = *e;
    }
    g_free(s->slots);
    s->slots = slots;
    s->n_slots = n;
}

const char *corpus_stemmer_stem(CorpusStemmer *s, const char *w, size_t len, size_t *stem_len)
{
    guint32 h = hash_bytes(w, len);
    size_t i = h & (s->n_slots - 1);

    for (;; i = (i + 1) & (s->n_slots - 1)) {
        Entry *e = &s->slots[i];
        if (!e->hash)
            break;
        if (e->hash == h && e->key_len == len && memcmp(s->memo.data + e->key_off, w, len) == 0) {
            *stem_len = e->stem_len;
            return s->memo.data + e->stem_off;
        }
    }
    if (s->memo.len + 2 * len + 64 > MEMO_MAX_BYTES) {
        memset(s->slots, 0, s->n_slots * sizeof(Entry));
        s->n_used = 0;
        s->memo.len = 0;
    }
    if ((s->n_used + 1) * 10 > s->n_slots * 7)
        grow(s);
    i = h & (s->n_slots - 1);
    while (s->slots[i].hash)
        i = (i + 1) & (s->n_slots - 1);
    Entry *e = &s->slots[i];
    e->key_off = (guint32)s->memo.len;
    e->key_len = (guint32)len;
    corpus_buf_append(&s->memo, w, len);
    e->stem_off = (guint32)s->memo.len;
    e->stem_len = (guint32)compute(s, w, len);
    e->hash = h;
    s->n_used++;
    *stem_len = e->stem_len;
    return s->memo.data + e->stem_off;
}
