/* Input.c: reads the whole input (a file or stdin) into memory before anything is parsed:
 * the parser, the chunk splitter and the expected-diagnostics scanner all need the full
 * text. The caller owns the Buf. */
#include "ToolSupport.h"

#include <errno.h>
#include <string.h>

bool readInput(const char *path, Buf *text) {
  bool isStdin = !strcmp(path, "-");
  FILE *f = isStdin ? stdin : fopen(path, "rb");
  int err = f ? 0 : errno;
  errno = 0;
  char block[1 << 16];
  size_t n;
  while (f && (n = fread(block, 1, sizeof block, f)) > 0)
    bufAppend(text, block, n);
  if (f && ferror(f))
    err = errno ? errno : EIO;
  if (f && !isStdin)
    fclose(f);
  if (err) {
    fprintf(stderr, "%s: cannot open input file '%s': %s\n", dlcToolName, path, strerror(err));
    return false;
  }
  /* An empty input is valid (an empty module); give it a NUL-terminated buffer too. */
  bufAppend(text, "", 0);
  return true;
}
