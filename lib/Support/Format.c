/* Format.c: see Format.h. Short text is formatted on the stack; longer text is measured by
 * the first vsnprintf and formatted again into a heap buffer. */
#include "Support/Format.h"

#include "Support/Alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

void dlcFormat(MlirStringCallback callback, void *userData, const char *fmt, ...) {
  char small[512];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < 0)
    return;
  char *text = (size_t)n < sizeof small ? small : dlcAlloc((size_t)n + 1);
  if (text != small) {
    va_start(ap, fmt);
    vsnprintf(text, (size_t)n + 1, fmt, ap);
    va_end(ap);
  }
  callback(mlirStringRefCreate(text, (size_t)n), userData);
  if (text != small)
    free(text);
}
