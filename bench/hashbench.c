/* hashbench - counting bigrams of token ids: GHashTable against CorpusCounter.
 *
 * Usage: corpus-hashbench [--tokens=N] [--vocab=V] [--seed=S] [--repeat=R] [--int64-hash]
 *
 * A stream of N token ids (default 16,000,000) is drawn from a Zipf distribution over V ids
 * (default 500,000; the weight of the r-th most frequent is 1/r) by the alias method, with our
 * own xoshiro256** seeded through splitmix64: the stream is the same on every machine.  Ranks
 * are given ids through a fixed random permutation, so that an id says nothing of its
 * frequency.  The stream is cut into sentences of 8 to 40 ids (triangular, mean 24), and the
 * bigrams are the pairs of neighbours inside a sentence, as corpus-ngram forms them; run[i]
 * is the number of ids of the sentence up to i, capped at 255, as corpus_counter_add_stream()
 * takes it.
 *
 * The same bigrams are counted by
 *   - GHashTable keyed by the pair packed into 64 bits (first id << 32 | second id), compared
 *     with g_int64_equal and hashed by a multiplication of the whole key (high half of key *
 *     an odd constant); the value is a pointer to the record {key, count} that holds the
 *     key, so a bigram seen before costs one lookup, a new one a lookup and an insertion.
 *     Records come from an arena: malloc is not what is measured;
 *   - the same table hashed by g_int64_hash, unless that function ignores the high half of
 *     the key, as it does in GLib 2.74 (Debian 12): it is then the second id alone, so every
 *     bigram ending in the same word has the same hash, and under a Zipf distribution the
 *     frequent words gather tens of thousands of bigrams each.  Counting becomes quadratic
 *     (at 2 million ids, 200 s against 0.4 s with the multiplicative hash), so the row is left
 *     out, and the output says why; --int64-hash puts it back (for small --tokens);
 *   - CorpusCounter (libcorpus), orders 2 to 2, without a memory limit, fed 4096 ids at a
 *     time as corpus-ngram feeds it.  Its ids come from its vocabulary: each distinct id of
 *     the stream is interned once, as its decimal string, before the clock starts.
 * Only the counting is timed (not building the stream, interning, reading the counts back or
 * freeing).  Each method runs R times (default 1), the methods taking turns; the median time
 * is reported.  After the first run of each, its distinct bigrams, total and an
 * order-independent checksum of the (bigram, count) pairs are compared with the expected total
 * and with each other: any difference is an error (exit status 1).
 *
 * Output: a Markdown table (time, ns per bigram, ratio against the first GHashTable, distinct
 * bigrams and total of each method) and a line with the check.
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include <corpus/counter.h>
#include <corpus/runs.h>
#include <corpus/vocab.h>

#define SEGMENT 4096 /* ids given to corpus_counter_add_stream() at a time, as corpus-ngram */

/* ---- PRNG: xoshiro256** seeded by splitmix64 (as bench/gen.c) ---- */

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(uint64_t *s)
{
    uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0], s[3] ^= s[1], s[1] ^= s[2], s[0] ^= s[3], s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/* Uniform in [0, n) by multiply-shift. */
static uint32_t below(uint64_t *s, uint32_t n)
{
    return (uint32_t)(((rng_next(s) >> 32) * n) >> 32);
}

/* ---- the stream ---- */

typedef struct {
    guint32 *ids; /* token ids, below vocab */
    guint8 *run;  /* ids of the sentence up to and including i, capped at 255 */
    size_t n;     /* ids */
    size_t pairs; /* bigrams: positions with run >= 2 */
} Stream;

/* Zipf (1/r) over v ranks by Vose's alias method: column i is kept when a 32-bit draw is below
 * keep[i], else it gives alias[i].  The weights are exact quotients, so the table is the same
 * wherever doubles are IEEE. */
static void alias_table(guint32 v, guint32 *keep, guint32 *alias)
{
    double *p = g_new(double, v), sum = 0;
    guint32 *small = g_new(guint32, v), *large = g_new(guint32, v);
    guint32 ns = 0, nl = 0;

    for (guint32 r = 0; r < v; r++)
        sum += 1.0 / (r + 1.0);
    for (guint32 r = 0; r < v; r++) {
        p[r] = (1.0 / (r + 1.0)) / sum * v;
        if (p[r] < 1.0)
            small[ns++] = r;
        else
            large[nl++] = r;
    }
    while (ns && nl) {
        guint32 s = small[--ns], l = large[nl - 1];
        keep[s] = (guint32)(p[s] * 4294967296.0);
        alias[s] = l;
        p[l] -= 1.0 - p[s];
        if (p[l] < 1.0) {
            nl--;
            small[ns++] = l;
        }
    }
    while (nl) { /* what is left has probability 1, up to rounding */
        guint32 l = large[--nl];
        keep[l] = G_MAXUINT32;
        alias[l] = l;
    }
    while (ns) {
        guint32 s = small[--ns];
        keep[s] = G_MAXUINT32;
        alias[s] = s;
    }
    g_free(p);
    g_free(small);
    g_free(large);
}

static void stream_make(Stream *st, size_t n, guint32 v, guint64 seed)
{
    uint64_t s[4], x = seed;
    guint32 *keep = g_new(guint32, v), *alias = g_new(guint32, v), *perm = g_new(guint32, v);

    for (int k = 0; k < 4; k++)
        s[k] = splitmix64(&x);
    alias_table(v, keep, alias);
    for (guint32 r = 0; r < v; r++)
        perm[r] = r;
    for (guint32 r = v - 1; r > 0; r--) { /* Fisher-Yates */
        guint32 j = below(s, r + 1), t = perm[r];
        perm[r] = perm[j];
        perm[j] = t;
    }
    st->n = n;
    st->ids = g_new(guint32, n);
    st->run = g_new(guint8, n);
    st->pairs = 0;
    size_t left = 0; /* ids left in the sentence */
    for (size_t i = 0; i < n; i++) {
        if (!left) {
            left = 8 + below(s, 17) + below(s, 17);
            st->run[i] = 1;
        } else {
            st->run[i] = (guint8)MIN(st->run[i - 1] + 1, 255);
            st->pairs++;
        }
        left--;
        uint64_t r = rng_next(s);
        guint32 col = (guint32)(((r >> 32) * v) >> 32);
        guint32 rank = (guint32)r < keep[col] ? col : alias[col];
        st->ids[i] = perm[rank];
    }
    g_free(keep);
    g_free(alias);
    g_free(perm);
}

/* ---- results ---- */

typedef struct {
    guint64 distinct, total, checksum;
} Tally;

static guint64 pack(guint32 a, guint32 b)
{
    return (guint64)a << 32 | b;
}

/* A term of the checksum, a sum over the bigrams that does not depend on their order. */
static guint64 check_term(guint64 key, guint64 count)
{
    key *= 0x9E3779B97F4A7C15u;
    key ^= key >> 29;
    key *= 0xBF58476D1CE4E5B9u;
    key ^= key >> 32;
    return key * count;
}

/* ---- GHashTable ---- */

typedef struct {
    gint64 key; /* first, so that a record is its own key */
    guint64 count;
} Rec;

#define ARENA_CHUNK (1u << 20)

typedef struct {
    GPtrArray *chunks;
    size_t used; /* records used in the last chunk */
} Arena;

static Rec *arena_rec(Arena *a)
{
    if (!a->chunks->len || a->used == ARENA_CHUNK) {
        g_ptr_array_add(a->chunks, g_new(Rec, ARENA_CHUNK));
        a->used = 0;
    }
    return (Rec *)g_ptr_array_index(a->chunks, a->chunks->len - 1) + a->used++;
}

/* The packed pair multiplied by an odd constant, high half: every bit of both ids counts. */
static guint mixed_int64_hash(gconstpointer p)
{
    guint64 v = (guint64) * (const gint64 *)p * 0x9E3779B97F4A7C15u;
    return (guint)(v >> 32);
}

static double count_ghash(const Stream *st, GHashFunc hash, Tally *tally)
{
    Arena arena = {g_ptr_array_new_with_free_func(g_free), 0};
    GHashTable *h = g_hash_table_new(hash, g_int64_equal);
    const guint32 *ids = st->ids;
    const guint8 *run = st->run;

    gint64 start = g_get_monotonic_time();
    for (size_t i = 1; i < st->n; i++) {
        if (run[i] < 2)
            continue;
        gint64 key = (gint64)pack(ids[i - 1], ids[i]);
        Rec *rec = g_hash_table_lookup(h, &key);
        if (rec) {
            rec->count++;
            continue;
        }
        rec = arena_rec(&arena);
        rec->key = key;
        rec->count = 1;
        g_hash_table_insert(h, &rec->key, rec);
    }
    double seconds = (g_get_monotonic_time() - start) / 1e6;

    if (tally) {
        GHashTableIter it;
        gpointer value;
        *tally = (Tally){g_hash_table_size(h), 0, 0};
        g_hash_table_iter_init(&it, h);
        while (g_hash_table_iter_next(&it, NULL, &value)) {
            const Rec *rec = value;
            tally->total += rec->count;
            tally->checksum += check_term((guint64)rec->key, rec->count);
        }
    }
    g_hash_table_destroy(h);
    g_ptr_array_free(arena.chunks, TRUE);
    return seconds;
}

/* ---- CorpusCounter ---- */

/* The number at the front of s[0..len), from *pos on; *pos moves past it and one separator. */
static guint32 parse_id(const char *s, size_t len, size_t *pos)
{
    guint32 v = 0;
    while (*pos < len && s[*pos] >= '0' && s[*pos] <= '9')
        v = v * 10 + (guint32)(s[(*pos)++] - '0');
    (*pos)++;
    return v;
}

static double count_counter(const Stream *st, Tally *tally)
{
    CorpusRuns *runs = corpus_runs_new(NULL);
    CorpusCounterSpec spec = {.n_min = 2, .n_max = 2, .sep = " ", .runs = runs};
    CorpusCounter *c = corpus_counter_new(&spec);
    CorpusVocab *vocab = corpus_counter_vocab(c);
    guint32 max_id = 0;

    for (size_t i = 0; i < st->n; i++)
        max_id = MAX(max_id, st->ids[i]);
    guint32 *map = g_new(guint32, (size_t)max_id + 1);
    memset(map, 0xFF, ((size_t)max_id + 1) * sizeof(guint32));
    guint32 *ids = g_new(guint32, st->n);
    for (size_t i = 0; i < st->n; i++) {
        guint32 id = st->ids[i];
        if (map[id] == G_MAXUINT32) {
            char text[16];
            int len = snprintf(text, sizeof text, "%" G_GUINT32_FORMAT, id);
            map[id] = corpus_vocab_intern(vocab, text, (size_t)len);
        }
        ids[i] = map[id];
    }
    g_free(map);

    gint64 start = g_get_monotonic_time();
    for (size_t from = 0; from < st->n; from += SEGMENT)
        corpus_counter_add_stream(c, ids, st->run, from, MIN(from + SEGMENT, st->n));
    double seconds = (g_get_monotonic_time() - start) / 1e6;

    if (tally) {
        CorpusRecSource *src = corpus_counter_source(c, CORPUS_ORDER_KEY);
        GError *error = NULL;
        *tally = (Tally){0, 0, 0};
        while (src->next(src, &error)) {
            size_t pos = 0;
            guint32 a = parse_id(src->key, src->len, &pos);
            guint32 b = parse_id(src->key, src->len, &pos);
            tally->distinct++;
            tally->total += src->count;
            tally->checksum += check_term(pack(a, b), src->count);
        }
        if (error) {
            fprintf(stderr, "corpus-hashbench: %s\n", error->message);
            exit(1);
        }
        corpus_rec_source_free(src);
    }
    g_free(ids);
    corpus_counter_free(c);
    corpus_runs_free(runs);
    return seconds;
}

/* ---- main ---- */

static guint64 parse_u64(const char *s, guint64 min, guint64 max, const char *what)
{
    char *end;
    errno = 0;
    guint64 v = g_ascii_strtoull(s, &end, 10);
    if (errno || end == s || *end || v < min || v > max) {
        fprintf(stderr,
                "corpus-hashbench: invalid %s '%s' (expected %" G_GUINT64_FORMAT
                " to %" G_GUINT64_FORMAT ")\n",
                what, s, min, max);
        exit(2);
    }
    return v;
}

static _Noreturn void usage(int status)
{
    fprintf(status ? stderr : stdout, "usage: corpus-hashbench [--tokens=N] [--vocab=V] "
                                      "[--seed=S] [--repeat=R] [--int64-hash]\n");
    exit(status);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, guint n)
{
    qsort(v, n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

enum { M_MIXED, M_INT64, M_COUNTER, N_METHODS };

static const char *const method_names[N_METHODS] = {
    "GHashTable, multiplicative hash",
    "GHashTable, g_int64_hash",
    "CorpusCounter",
};

int main(int argc, char **argv)
{
    size_t tokens = 16000000;
    guint32 vocab = 500000;
    guint64 seed = 1;
    guint repeat = 1;
    gint64 high = (gint64)1 << 32, zero = 0;
    gboolean weak = g_int64_hash(&high) == g_int64_hash(&zero); /* high half ignored */
    gboolean run[N_METHODS] = {TRUE, !weak, TRUE};

    for (int i = 1; i < argc; i++) {
        if (strncmp(argv[i], "--tokens=", 9) == 0)
            tokens = parse_u64(argv[i] + 9, 2, G_MAXUINT32, "--tokens");
        else if (strncmp(argv[i], "--vocab=", 8) == 0)
            vocab = (guint32)parse_u64(argv[i] + 8, 1, G_MAXINT32, "--vocab");
        else if (strncmp(argv[i], "--seed=", 7) == 0)
            seed = parse_u64(argv[i] + 7, 0, G_MAXUINT64, "--seed");
        else if (strncmp(argv[i], "--repeat=", 9) == 0)
            repeat = (guint)parse_u64(argv[i] + 9, 1, 1000, "--repeat");
        else if (strcmp(argv[i], "--int64-hash") == 0)
            run[M_INT64] = TRUE;
        else if (strcmp(argv[i], "--help") == 0)
            usage(0);
        else
            usage(2);
    }

    Stream st;
    stream_make(&st, tokens, vocab, seed);

    double *times[N_METHODS], med[N_METHODS];
    Tally tally[N_METHODS];
    for (int m = 0; m < N_METHODS; m++)
        times[m] = g_new(double, repeat);
    for (guint r = 0; r < repeat; r++) {
        for (int m = 0; m < N_METHODS; m++) {
            Tally *t = r ? NULL : &tally[m];
            if (!run[m])
                continue;
            if (m == M_MIXED)
                times[m][r] = count_ghash(&st, mixed_int64_hash, t);
            else if (m == M_INT64)
                times[m][r] = count_ghash(&st, g_int64_hash, t);
            else
                times[m][r] = count_counter(&st, t);
        }
    }
    for (int m = 0; m < N_METHODS; m++)
        med[m] = run[m] ? median(times[m], repeat) : 0;

    printf("Stream: %zu ids, Zipf (1/r) over %" G_GUINT32_FORMAT " ids, seed %" G_GUINT64_FORMAT
           ", sentences of 8 to 40 ids: %zu bigrams; counting only, median of %u run%s.%s\n\n",
           st.n, vocab, seed, st.pairs, repeat, repeat > 1 ? "s" : "",
           run[M_INT64]
               ? ""
               : " GHashTable with `g_int64_hash` is left out: in this GLib it ignores the "
                 "high 32 bits of a key (the first id), which makes counting quadratic "
                 "(`--int64-hash` puts it back).");
    printf("| counter | median s | ns per bigram | × vs `%s` | distinct bigrams | total |\n"
           "|---|--:|--:|--:|--:|--:|\n",
           method_names[M_MIXED]);
    for (int m = 0; m < N_METHODS; m++) {
        if (run[m])
            printf("| `%s` | %.3f | %.1f | %.2f | %" G_GUINT64_FORMAT " | %" G_GUINT64_FORMAT
                   " |\n",
                   method_names[m], med[m], med[m] * 1e9 / (double)MAX(st.pairs, 1u),
                   med[M_MIXED] / med[m], tally[m].distinct, tally[m].total);
    }

    gboolean same = TRUE;
    for (int m = 0; m < N_METHODS; m++) {
        if (run[m] && (tally[m].total != st.pairs || tally[m].distinct != tally[M_MIXED].distinct ||
                       tally[m].checksum != tally[M_MIXED].checksum))
            same = FALSE;
    }
    if (same) {
        printf("\nSame counts: **OK** (%" G_GUINT64_FORMAT
               " distinct bigrams, total %" G_GUINT64_FORMAT ", checksum %016" G_GINT64_MODIFIER
               "x)\n",
               tally[M_MIXED].distinct, tally[M_MIXED].total, tally[M_MIXED].checksum);
    } else {
        printf("\nSame counts: **DIFFER** (expected total %zu)\n", st.pairs);
        for (int m = 0; m < N_METHODS; m++) {
            if (run[m])
                printf("- `%s`: %" G_GUINT64_FORMAT " distinct bigrams, total %" G_GUINT64_FORMAT
                       ", checksum %016" G_GINT64_MODIFIER "x\n",
                       method_names[m], tally[m].distinct, tally[m].total, tally[m].checksum);
        }
    }
    for (int m = 0; m < N_METHODS; m++)
        g_free(times[m]);
    g_free(st.ids);
    g_free(st.run);
    return same ? 0 : 1;
}
