/* Hashing of short byte strings and of id tuples for the open-addressing tables.
 * Multiply-xorshift over 8-byte words: cheap for tokens of a few bytes, and every byte counts.
 * SPDX-License-Identifier: MIT */
#ifndef CORPUS_HASH_PRIVATE_H
#define CORPUS_HASH_PRIVATE_H

#include <string.h>

#include <glib.h>

#define CORPUS_HASH_K1 0x9E3779B97F4A7C15ull
#define CORPUS_HASH_K2 0xD6E8FEB86659FD93ull

static inline guint64 corpus_hash_mix(guint64 h)
{
    h ^= h >> 32;
    h *= CORPUS_HASH_K2;
    h ^= h >> 29;
    return h;
}

static inline guint64 corpus_hash_bytes(const char *s, size_t len)
{
    guint64 h = (guint64)len * CORPUS_HASH_K1;
    size_t i = 0;

    for (; i + 8 <= len; i += 8) {
        guint64 w;
        memcpy(&w, s + i, 8);
        h = (h ^ w) * CORPUS_HASH_K1;
        h ^= h >> 31;
    }
    if (i < len) {
        guint64 w = 0;
        for (size_t k = 0; i + k < len; k++)
            w |= (guint64)(guint8)s[i + k] << (8 * k);
        h = (h ^ w) * CORPUS_HASH_K1;
        h ^= h >> 31;
    }
    return corpus_hash_mix(h);
}

static inline guint64 corpus_hash_ids(const guint32 *ids, guint n)
{
    guint64 h = n * CORPUS_HASH_K2;
    guint i = 0;

    for (; i + 2 <= n; i += 2) {
        guint64 w = ids[i] | (guint64)ids[i + 1] << 32;
        h = (h ^ w) * CORPUS_HASH_K1;
        h ^= h >> 31;
    }
    if (i < n) {
        h = (h ^ ids[i]) * CORPUS_HASH_K1;
        h ^= h >> 31;
    }
    return corpus_hash_mix(h);
}

#endif
