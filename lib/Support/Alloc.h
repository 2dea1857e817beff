/* Alloc.h: allocation helpers that never return NULL: on out-of-memory they report and
 * abort, so callers need no NULL checks (as QBE and cproc do). Free with free(). */
#ifndef DLC_LIB_SUPPORT_ALLOC_H
#define DLC_LIB_SUPPORT_ALLOC_H

#include <stddef.h>

void *dlcAlloc(size_t size);
void *dlcAllocZeroed(size_t count, size_t size);
void *dlcRealloc(void *ptr, size_t size);
char *dlcStrndup(const char *s, size_t n);

#endif
