#define _GNU_SOURCE
#include "memory_hints.h"

#include <stdlib.h>
#include <sys/mman.h>

enum { huge_page = 1 << 21 };

void *livesim_allocate_large(size_t bytes) {
    void *pointer = NULL;
    if (posix_memalign(&pointer, huge_page, bytes) != 0) return NULL;
#ifdef MADV_HUGEPAGE
    // Only advice: where huge pages are off or unavailable, nothing changes.
    (void)madvise(pointer, bytes, MADV_HUGEPAGE);
#endif
    return pointer;
}

void livesim_free_large(void *pointer) { free(pointer); }
