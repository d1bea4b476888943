/* Large zeroed blocks (see mem-private.h).
 * SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <sys/mman.h>

#include <glib.h>

#include "mem-private.h"

#define HUGE_PAGE ((size_t)2 << 20)

void *corpus_table_alloc0(size_t size)
{
    if (size < HUGE_PAGE)
        return g_malloc0(size);
    /* Map one huge page more, then cut the ends so the block starts on a huge page. */
    size_t len = (size + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
    char *p = mmap(NULL, len + HUGE_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                   -1, 0);
    if (p == MAP_FAILED)
        g_error("out of memory (%zu bytes)", size);
    uintptr_t start = ((uintptr_t)p + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
    size_t before = start - (uintptr_t)p;
    if (before)
        munmap(p, before);
    if (HUGE_PAGE - before)
        munmap((char *)start + len, HUGE_PAGE - before);
    madvise((void *)start, len, MADV_HUGEPAGE);
    return (void *)start;
}

void corpus_table_free(void *p, size_t size)
{
    if (!p)
        return;
    if (size < HUGE_PAGE) {
        g_free(p);
        return;
    }
    munmap(p, (size + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE);
}
