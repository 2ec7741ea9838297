#ifndef LIVESIM_MEMORY_HINTS_H
#define LIVESIM_MEMORY_HINTS_H

#include <stddef.h>

/// Asks the CPU to bring the cache line holding `address` in ahead of use
/// (for writing, kept in all cache levels). Only a hint: it never faults and
/// changes no result. Inline, so a call from Swift compiles to one instruction.
static inline void livesim_prefetch(const void *address) {
    __builtin_prefetch(address, 1, 3);
}

/// Allocates `bytes` (a multiple of 2 MiB is best) aligned to 2 MiB and asks
/// the kernel to back it with transparent huge pages, so that random access
/// across hundreds of megabytes (millions of agents, a big event queue) costs
/// no page-table walk per access. NULL when memory is exhausted. Free with
/// `livesim_free_large`.
void *livesim_allocate_large(size_t bytes);

/// Frees memory from `livesim_allocate_large`.
void livesim_free_large(void *pointer);

#endif
