// glibc's malloc tuning (mallopt and its M_* options), which the Glibc module does not
// import. Part of the C library: nothing to link.
#ifndef CMALLOC_SHIM_H
#define CMALLOC_SHIM_H
#include <malloc.h>
#endif
