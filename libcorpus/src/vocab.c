/* CorpusVocab: open addressing (linear probing) over 32-byte slots that hold the count, the
 * length and the first 16 bytes of the string, so that a lookup of a short token reads one
 * cache line; longer strings compare their remaining bytes in the arena.  Strings live in an
 * arena of blocks that never move.
 * SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include <corpus/vocab.h>

#include "hash-private.h"
#include "mem-private.h"

#define MIN_SLOTS 1024u
#define ARENA_BLOCK (64u << 10)
#define HEAD 16

typedef struct {
    guint64 count;
    guint32 id1; /* id + 1; 0 = empty */
    guint32 len;
    guint64 head[HEAD / 8]; /* the first HEAD bytes, zero-padded */
} Slot;

struct CorpusVocab {
    CorpusQuota *quota;
    CorpusQuota own; /* used when no quota is given */
    Slot *slots;
    size_t mask; /* slots - 1 */
    guint32 n;   /* entries */
    guint32 cap; /* entries allocated */
    const char **text;
    guint32 *len;
    guint32 *slot_of;  /* slot index of each id */
    GPtrArray *blocks; /* arena blocks */
    char *block;       /* current block */
    size_t block_used, block_size;
    size_t arena_bytes; /* bytes of all blocks */
};

static size_t entry_bytes(size_t cap)
{
    return cap * (sizeof(char *) + 2 * sizeof(guint32));
}

static void alloc_slots(CorpusVocab *v, size_t n_slots)
{
    v->slots = corpus_table_alloc0(n_slots * sizeof(Slot));
    v->mask = n_slots - 1;
    corpus_quota_charge(v->quota, n_slots * sizeof(Slot));
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
    corpus_quota_release(v->quota, (v->mask + 1) * sizeof(Slot) + entry_bytes(v->cap));
    corpus_quota_release(v->quota, v->arena_bytes);
    v->arena_bytes = 0;
    corpus_table_free(v->slots, (v->mask + 1) * sizeof(Slot));
    g_free(v->text);
    g_free(v->len);
    g_free(v->slot_of);
    g_ptr_array_set_size(v->blocks, 0);
    v->slots = NULL;
    v->text = NULL;
    v->len = NULL;
    v->slot_of = NULL;
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

guint64 corpus_vocab_count(const CorpusVocab *v, guint32 id)
{
    return v->slots[v->slot_of[id]].count;
}

/* Copy s into the arena.  Strings longer than a quarter block get a block of their own. */
static const char *arena_copy(CorpusVocab *v, const char *s, size_t len)
{
    char *p;

    if (len > ARENA_BLOCK / 4) {
        p = g_malloc(len);
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
    v->slot_of = g_renew(guint32, v->slot_of, cap);
    v->cap = cap;
}

static void grow_slots(CorpusVocab *v)
{
    size_t old_n = v->mask + 1;
    Slot *old = v->slots;

    alloc_slots(v, old_n * 2);
    for (size_t i = 0; i < old_n; i++) {
        if (!old[i].id1)
            continue;
        guint32 id = old[i].id1 - 1;
        size_t j = corpus_hash_bytes(v->text[id], v->len[id]) & v->mask;
        while (v->slots[j].id1)
            j = (j + 1) & v->mask;
        v->slots[j] = old[i];
        v->slot_of[id] = (guint32)j;
    }
    corpus_table_free(old, old_n * sizeof(Slot));
    corpus_quota_release(v->quota, old_n * sizeof(Slot));
}

/* The first HEAD bytes of s, zero-padded. */
static inline void head_of(const char *s, size_t len, guint64 head[HEAD / 8])
{
    if (len >= HEAD) {
        memcpy(head, s, HEAD);
        return;
    }
    head[0] = head[1] = 0;
    memcpy(head, s, len);
}

/* The slot of s (occupied), or the empty slot where it would go. */
static inline size_t find(const CorpusVocab *v, const char *s, size_t len, guint64 h)
{
    guint64 head[HEAD / 8];
    head_of(s, len, head);
    for (size_t j = h & v->mask;; j = (j + 1) & v->mask) {
        const Slot *slot = &v->slots[j];
        if (!slot->id1)
            return j;
        if (slot->len == len && slot->head[0] == head[0] && slot->head[1] == head[1] &&
            (len <= HEAD ||
             memcmp(v->text[slot->id1 - 1] + HEAD, s + HEAD, len - HEAD) == 0))
            return j;
    }
}

void corpus_vocab_prefetch(const CorpusVocab *v, const char *s, size_t len)
{
    __builtin_prefetch(&v->slots[corpus_hash_bytes(s, len) & v->mask]);
}

guint32 corpus_vocab_lookup(const CorpusVocab *v, const char *s, size_t len)
{
    size_t j = find(v, s, len, corpus_hash_bytes(s, len));
    return v->slots[j].id1 ? v->slots[j].id1 - 1 : G_MAXUINT32;
}

/* Add s at the empty slot j; returns its slot (which moves when the table grows). */
static size_t insert(CorpusVocab *v, const char *s, size_t len, guint64 h, size_t j)
{
    /* Grow at half load while the quota allows; past 7/8 grow regardless (the owner was
     * told, through quota->over, to empty the vocabulary before that). */
    size_t n_slots = v->mask + 1;
    if ((size_t)v->n + 1 > n_slots / 2 &&
        (corpus_quota_allows(v->quota, n_slots * sizeof(Slot)) ||
         (size_t)v->n + 1 > n_slots / 8 * 7)) {
        grow_slots(v);
        j = h & v->mask;
        while (v->slots[j].id1)
            j = (j + 1) & v->mask;
    }
    if (v->n == v->cap)
        grow_entries(v);
    guint32 id = v->n++;
    if (v->n >= CORPUS_VOCAB_MAX_IDS - 1024)
        v->quota->over = TRUE;
    v->text[id] = arena_copy(v, s, len);
    v->len[id] = (guint32)len;
    v->slot_of[id] = (guint32)j;
    Slot *slot = &v->slots[j];
    slot->count = 0;
    slot->id1 = id + 1;
    slot->len = (guint32)len;
    head_of(s, len, slot->head);
    return j;
}

guint32 corpus_vocab_add(CorpusVocab *v, const char *s, size_t len, guint64 k)
{
    guint64 h = corpus_hash_bytes(s, len);
    size_t j = find(v, s, len, h);
    if (!v->slots[j].id1)
        j = insert(v, s, len, h, j);
    Slot *slot = &v->slots[j];
    if (slot->count > G_MAXUINT64 - k)
        return G_MAXUINT32;
    slot->count += k;
    return slot->id1 - 1;
}

guint32 corpus_vocab_intern(CorpusVocab *v, const char *s, size_t len)
{
    return corpus_vocab_add(v, s, len, 0);
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
