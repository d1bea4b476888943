/* Large zeroed blocks for hash tables: mapped directly and, from 2 MiB, backed by transparent
 * huge pages where the system allows, which saves most TLB misses of random probes and most
 * page faults of a growing table.
 * SPDX-License-Identifier: MIT */
#ifndef CORPUS_MEM_PRIVATE_H
#define CORPUS_MEM_PRIVATE_H

#include <stddef.h>

/* size bytes, zeroed; aborts when out of memory, as g_malloc does. */
void *corpus_table_alloc0(size_t size);
/* Free a block of corpus_table_alloc0() of the same size (NULL is allowed). */
void corpus_table_free(void *p, size_t size);

#endif
