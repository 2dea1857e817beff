/* Alloc.c: see Alloc.h. */
#include "Support/Alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *checked(void *p, size_t size) {
  if (!p && size) {
    fprintf(stderr, "dlc: out of memory (%zu bytes)\n", size);
    abort();
  }
  return p;
}

void *dlcAlloc(size_t size) { return checked(malloc(size ? size : 1), size); }

void *dlcAllocZeroed(size_t count, size_t size) {
  return checked(calloc(count ? count : 1, size ? size : 1), count * size);
}

void *dlcRealloc(void *ptr, size_t size) { return checked(realloc(ptr, size ? size : 1), size); }

char *dlcStrndup(const char *s, size_t n) {
  char *copy = dlcAlloc(n + 1);
  memcpy(copy, s, n);
  copy[n] = '\0';
  return copy;
}
