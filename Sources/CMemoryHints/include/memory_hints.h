#ifndef LIVESIM_MEMORY_HINTS_H
#define LIVESIM_MEMORY_HINTS_H

/// Asks the CPU to bring the cache line holding `address` in ahead of use
/// (for writing, kept in all cache levels). Only a hint: it never faults and
/// changes no result. Inline, so a call from Swift compiles to one instruction.
static inline void livesim_prefetch(const void *address) {
    __builtin_prefetch(address, 1, 3);
}

#endif
