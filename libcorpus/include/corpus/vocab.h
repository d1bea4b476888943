/* CorpusVocab: interns byte strings (tokens, or whole table keys) once, in an arena, and gives
 * them dense 32-bit ids in order of first appearance.  Lookups compare bytes, never a hash
 * alone.  Each entry also carries a 64-bit count, so a vocabulary is a unigram counter.
 * Memory is charged to a CorpusQuota: the table grows only while the quota allows; when it
 * does not, the quota reports `over` and the owner should empty the vocabulary soon (the
 * table keeps accepting entries up to a fixed load first).  Not thread-safe: one per thread.
 * SPDX-License-Identifier: MIT */
#ifndef CORPUS_VOCAB_H
#define CORPUS_VOCAB_H

#include <glib.h>

#include <corpus/export.h>

G_BEGIN_DECLS

/* A memory budget shared by the structures of one thread (transparent). */
typedef struct {
    size_t limit;  /* bytes allowed (G_MAXSIZE: no limit) */
    size_t used;   /* bytes charged */
    gboolean over; /* a growth was refused, or used passed limit */
} CorpusQuota;

#define CORPUS_QUOTA_UNLIMITED {G_MAXSIZE, 0, FALSE}

/* Charge n bytes (always done); TRUE when used stays within the limit. */
static inline gboolean corpus_quota_charge(CorpusQuota *q, size_t n)
{
    q->used += n;
    if (q->used > q->limit)
        q->over = TRUE;
    return !q->over;
}

/* TRUE when n more bytes fit (nothing charged); sets over when they do not. */
static inline gboolean corpus_quota_allows(CorpusQuota *q, size_t n)
{
    if (q->used + n <= q->limit)
        return TRUE;
    q->over = TRUE;
    return FALSE;
}

static inline void corpus_quota_release(CorpusQuota *q, size_t n)
{
    q->used -= MIN(n, q->used);
}

typedef struct CorpusVocab CorpusVocab;

/* Ids are below this; corpus_vocab_intern() sets the quota's over flag as the size nears it. */
#define CORPUS_VOCAB_MAX_IDS 0xFFFFFF00u

/* quota (NULL = unlimited) must outlive the vocabulary. */
CORPUS_API CorpusVocab *corpus_vocab_new(CorpusQuota *quota);
CORPUS_API void corpus_vocab_free(CorpusVocab *v);

/* The id of s[0..len), added if new (with count 0). */
CORPUS_API guint32 corpus_vocab_intern(CorpusVocab *v, const char *s, size_t len);
/* corpus_vocab_intern(), and add k to the count; G_MAXUINT32 when the count would pass
 * 2^64 - 1 (it is then left unchanged). */
CORPUS_API guint32 corpus_vocab_add(CorpusVocab *v, const char *s, size_t len, guint64 k);
/* Start fetching the slot of s[0..len) into the cache (a hint for a coming lookup). */
CORPUS_API void corpus_vocab_prefetch(const CorpusVocab *v, const char *s, size_t len);
/* The id of s[0..len), or G_MAXUINT32 when absent. */
CORPUS_API guint32 corpus_vocab_lookup(const CorpusVocab *v, const char *s, size_t len);

CORPUS_API guint32 corpus_vocab_size(const CorpusVocab *v);
/* The bytes of id (not NUL-terminated), valid until corpus_vocab_reset()/free. */
CORPUS_API const char *corpus_vocab_text(const CorpusVocab *v, guint32 id, size_t *len);
/* The count of id. */
CORPUS_API guint64 corpus_vocab_count(const CorpusVocab *v, guint32 id);

/* Ids in bytewise order of their strings (corpus_vocab_size() entries, g_free it). */
CORPUS_API guint32 *corpus_vocab_sorted_ids(const CorpusVocab *v);

/* Forget every entry and give the memory back to the quota (the table keeps a small size). */
CORPUS_API void corpus_vocab_reset(CorpusVocab *v);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CorpusVocab, corpus_vocab_free)

G_END_DECLS

#endif
