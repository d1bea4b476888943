/* CorpusVocab: open addressing (linear probing) over 64-bit slots that hold the upper half of
 * the hash and id + 1, so most probes never touch the strings; strings live in an arena of
 * blocks that never move.
 * SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include <corpus/vocab.h>

#include "hash-private.h"

#define MIN_SLOTS 1024u
#define ARENA_BLOCK (64u << 10)

struct CorpusVocab {
    CorpusQuota *quota;
    CorpusQuota own; /* used when no quota is given */
    guint64 *slots;  /* hash >> 32 << 32 | (id + 1); 0 = empty */
    size_t mask;     /* slots - 1 */
    guint32 n;       /* entries */
    guint32 cap;     /* entries allocated */
    const char **text;
    guint32 *len;
    guint64 *counts;
    GPtrArray *blocks; /* arena blocks */
    char *block;       /* current block */
    size_t block_used, block_size;
    size_t arena_bytes; /* bytes of all blocks */
};

static size_t entry_bytes(size_t cap)
{
    return cap * (sizeof(char *) + sizeof(guint32) + sizeof(guint64));
}

static void alloc_slots(CorpusVocab *v, size_t n_slots)
{
    v->slots = g_new0(guint64, n_slots);
    v->mask = n_slots - 1;
    corpus_quota_charge(v->quota, n_slots * sizeof(guint64));
}

CorpusVocab *corpus_vocab_new(CorpusQuota *quota)
{
    CorpusVocab *v = g_new0(CorpusVocab, 1);
    CorpusQuota unlimited = CORPUS_QUOTA_UNLIMITED;

    v->own = unlimited;
    v->quota = quota ? quota : &v->own;
    v->blocks = g_ptr_array_new_with_free_func(g_free);
    alloc_slots(v, MIN_SLOTS);
    return v;
}

static void free_contents(CorpusVocab *v)
{
    corpus_quota_release(v->quota, (v->mask + 1) * sizeof(guint64) + entry_bytes(v->cap));
    corpus_quota_release(v->quota, v->arena_bytes);
    v->arena_bytes = 0;
    g_free(v->slots);
    g_free(v->text);
    g_free(v->len);
    g_free(v->counts);
    g_ptr_array_set_size(v->blocks, 0);
    v->slots = NULL;
    v->text = NULL;
    v->len = NULL;
    v->counts = NULL;
    v->n = v->cap = 0;
    v->block = NULL;
    v->block_used = v->block_size = 0;
}

void corpus_vocab_free(CorpusVocab *v)
{
    if (!v)
        return;
    free_contents(v);
    g_ptr_array_unref(v->blocks);
    g_free(v);
}

void corpus_vocab_reset(CorpusVocab *v)
{
    free_contents(v);
    alloc_slots(v, MIN_SLOTS);
}

guint32 corpus_vocab_size(const CorpusVocab *v)
{
    return v->n;
}

const char *corpus_vocab_text(const CorpusVocab *v, guint32 id, size_t *len)
{
    *len = v->len[id];
    return v->text[id];
}

guint64 *corpus_vocab_counts(CorpusVocab *v)
{
    return v->counts;
}

/* Copy s into the arena.  Strings longer than a quarter block get a block of their own. */
static const char *arena_copy(CorpusVocab *v, const char *s, size_t len)
{
    char *p;

    if (len > ARENA_BLOCK / 4) {
        p = g_malloc(len ? len : 1);
        g_ptr_array_add(v->blocks, p);
        v->arena_bytes += len;
        corpus_quota_charge(v->quota, len);
        memcpy(p, s, len);
        return p;
    }
    if (!v->block || v->block_size - v->block_used < len) {
        v->block = g_malloc(ARENA_BLOCK);
        v->block_size = ARENA_BLOCK;
        v->block_used = 0;
        g_ptr_array_add(v->blocks, v->block);
        v->arena_bytes += ARENA_BLOCK;
        corpus_quota_charge(v->quota, ARENA_BLOCK);
    }
    p = v->block + v->block_used;
    memcpy(p, s, len);
    v->block_used += len;
    return p;
}

static void grow_entries(CorpusVocab *v)
{
    guint32 cap = v->cap ? v->cap * 2 : 1024;
    if (cap > CORPUS_VOCAB_MAX_IDS || cap < v->cap)
        cap = CORPUS_VOCAB_MAX_IDS;
    corpus_quota_charge(v->quota, entry_bytes(cap) - entry_bytes(v->cap));
    v->text = g_renew(const char *, v->text, cap);
    v->len = g_renew(guint32, v->len, cap);
    v->counts = g_renew(guint64, v->counts, cap);
    v->cap = cap;
}

static void grow_slots(CorpusVocab *v)
{
    size_t old_n = v->mask + 1;
    guint64 *old = v->slots;

    alloc_slots(v, old_n * 2);
    for (size_t i = 0; i < old_n; i++) {
        if (!old[i])
            continue;
        guint32 id = (guint32)old[i] - 1;
        size_t j = corpus_hash_bytes(v->text[id], v->len[id]) & v->mask;
        while (v->slots[j])
            j = (j + 1) & v->mask;
        v->slots[j] = old[i];
    }
    g_free(old);
    corpus_quota_release(v->quota, old_n * sizeof(guint64));
}

guint32 corpus_vocab_lookup(const CorpusVocab *v, const char *s, size_t len)
{
    guint64 h = corpus_hash_bytes(s, len);
    guint64 tag = h >> 32 << 32;

    for (size_t j = h & v->mask;; j = (j + 1) & v->mask) {
        guint64 slot = v->slots[j];
        if (!slot)
            return G_MAXUINT32;
        if ((slot & 0xFFFFFFFF00000000ull) == tag) {
            guint32 id = (guint32)slot - 1;
            if (v->len[id] == len && memcmp(v->text[id], s, len) == 0)
                return id;
        }
    }
}

guint32 corpus_vocab_intern(CorpusVocab *v, const char *s, size_t len)
{
    guint64 h = corpus_hash_bytes(s, len);
    guint64 tag = h >> 32 << 32;
    size_t j = h & v->mask;

    for (;; j = (j + 1) & v->mask) {
        guint64 slot = v->slots[j];
        if (!slot)
            break;
        if ((slot & 0xFFFFFFFF00000000ull) == tag) {
            guint32 id = (guint32)slot - 1;
            if (v->len[id] == len && memcmp(v->text[id], s, len) == 0)
                return id;
        }
    }
    /* New entry.  Grow at half load while the quota allows; past 7/8 grow regardless (the
     * owner was told, through quota->over, to empty the vocabulary before that). */
    size_t n_slots = v->mask + 1;
    if ((size_t)v->n + 1 > n_slots / 2 &&
        (corpus_quota_allows(v->quota, n_slots * sizeof(guint64)) ||
         (size_t)v->n + 1 > n_slots / 8 * 7)) {
        grow_slots(v);
        j = h & v->mask;
        while (v->slots[j])
            j = (j + 1) & v->mask;
    }
    if (v->n == v->cap)
        grow_entries(v);
    guint32 id = v->n++;
    if (v->n >= CORPUS_VOCAB_MAX_IDS - 1024)
        v->quota->over = TRUE;
    v->text[id] = arena_copy(v, s, len);
    v->len[id] = (guint32)len;
    v->counts[id] = 0;
    v->slots[j] = tag | (id + 1u);
    return id;
}

static int by_bytes(const void *a, const void *b, void *data)
{
    const CorpusVocab *v = data;
    guint32 x = *(const guint32 *)a, y = *(const guint32 *)b;
    size_t lx = v->len[x], ly = v->len[y];
    int c = memcmp(v->text[x], v->text[y], MIN(lx, ly));
    if (c)
        return c;
    return lx < ly ? -1 : lx > ly;
}

guint32 *corpus_vocab_sorted_ids(const CorpusVocab *v)
{
    guint32 *ids = g_new(guint32, MAX(v->n, 1u));
    for (guint32 i = 0; i < v->n; i++)
        ids[i] = i;
    qsort_r(ids, v->n, sizeof(guint32), by_bytes, (void *)v);
    return ids;
}
