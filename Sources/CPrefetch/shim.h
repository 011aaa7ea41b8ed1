// The processor's prefetch hint (the compiler's __builtin_prefetch), which Swift has no
// spelling of: a request for the cache line holding an address that does not wait for it.
#ifndef CPREFETCH_SHIM_H
#define CPREFETCH_SHIM_H
static inline void prefetch_read(const void *address) { __builtin_prefetch(address, 0, 3); }
static inline void prefetch_write(const void *address) { __builtin_prefetch(address, 1, 3); }
#endif
