/* Buffer.c: growable byte buffers for input text, chunks, messages and pipelines.
 * A Buf owns its bytes; allocation failure aborts (as dlc's library helpers do), so no
 * caller checks for NULL. */
#include "ToolSupport.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void *xrealloc(void *p, size_t size) {
  void *q = realloc(p, size ? size : 1);
  if (!q) {
    fprintf(stderr, "%s: out of memory (%zu bytes)\n", dlcToolName, size);
    abort();
  }
  return q;
}

/* Room for `n` more bytes and the terminating NUL. */
static void reserve(Buf *b, size_t n) {
  if (b->len + n < b->cap)
    return;
  size_t cap = b->cap ? b->cap : 64;
  while (cap <= b->len + n)
    cap *= 2;
  b->data = xrealloc(b->data, cap);
  b->cap = cap;
}

void bufAppend(Buf *b, const void *data, size_t n) {
  reserve(b, n);
  if (n)
    memcpy(b->data + b->len, data, n);
  b->len += n;
  b->data[b->len] = '\0';
}

void bufAppendStr(Buf *b, const char *s) { bufAppend(b, s, strlen(s)); }

void bufAppendRepeated(Buf *b, char c, size_t n) {
  reserve(b, n);
  memset(b->data + b->len, c, n);
  b->len += n;
  b->data[b->len] = '\0';
}

void bufPrintf(Buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n <= 0)
    return;
  reserve(b, (size_t)n);
  va_start(ap, fmt);
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
}

void bufAppendCallback(MlirStringRef s, void *buf) { bufAppend(buf, s.data, s.length); }

void bufFree(Buf *b) {
  free(b->data);
  *b = (Buf){0};
}
