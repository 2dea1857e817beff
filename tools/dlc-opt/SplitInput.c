/* SplitInput.c: --split-input-file. The input is cut at every occurrence of the marker
 * (anywhere, as mlir-opt does); each chunk is later parsed on its own, preceded by as many
 * newlines as the input had before it, so diagnostics keep the input's line numbers and
 * file name. Like mlir-opt, the marker less its last two characters followed by anything
 * else is a near miss, reported as a warning and not split at.
 * Chunks are offsets into the caller's input; the chunk array is the caller's to free. */
#include "DlcOpt.h"

#include <stdlib.h>
#include <string.h>

/* Offset of the first `needle` at or after `from`, or `len` if there is none. */
static size_t find(const char *text, size_t len, size_t from, const char *needle, size_t n) {
  while (from + n <= len) {
    const char *p = memchr(text + from, needle[0], len - from - n + 1);
    if (!p)
      break;
    size_t at = (size_t)(p - text);
    if (!memcmp(p, needle, n))
      return at;
    from = at + 1;
  }
  return len;
}

/* Line and column of offsets met in increasing order. */
typedef struct LineCounter {
  const char *text;
  size_t at, lineStart;
  unsigned line;
} LineCounter;

static void advanceTo(LineCounter *c, size_t offset) {
  for (const char *nl; (nl = memchr(c->text + c->at, '\n', offset - c->at));) {
    c->at = c->lineStart = (size_t)(nl - c->text) + 1;
    ++c->line;
  }
  c->at = offset;
}

static void push(Chunk **chunks, size_t *n, Chunk chunk) {
  *chunks = xrealloc(*chunks, sizeof(Chunk) * (*n + 1));
  (*chunks)[(*n)++] = chunk;
}

size_t splitInput(const Source *input, const char *marker, Chunk **chunks) {
  size_t n = 0, len = input->len;
  *chunks = NULL;
  size_t markerLen = marker ? strlen(marker) : 0;
  if (!markerLen) {
    push(chunks, &n, (Chunk){0, len, 1});
    return n;
  }
  /* Markers of two characters or less have no prefix to detect near misses with. */
  size_t prefixLen = markerLen > 2 ? markerLen - 2 : markerLen;
  LineCounter lines = {input->text, 0, 0, 1};
  Chunk current = {0, len, 1};
  for (size_t at; (at = find(input->text, len, lines.at, marker, prefixLen)) < len;) {
    size_t rest = at + prefixLen;
    advanceTo(&lines, at);
    /* mlir-opt wants something after a marker: one that ends the input is a near miss. */
    if (rest + markerLen - prefixLen < len &&
        !memcmp(input->text + rest, marker + prefixLen, markerLen - prefixLen)) {
      current.end = at;
      push(chunks, &n, current);
      advanceTo(&lines, at + markerLen);
      current = (Chunk){at + markerLen, len, lines.line};
      continue;
    }
    advanceTo(&lines, rest);
    FilePos pos = {dlcStr(input->name), lines.line, (unsigned)(rest - lines.lineStart) + 1};
    printAt(input, pos, 1, MlirDiagnosticWarning, dlcStr("near miss with file split marker"), true);
  }
  push(chunks, &n, current);
  return n;
}

void chunkText(const Source *input, const Chunk *chunk, Buf *text) {
  bufAppendRepeated(text, '\n', chunk->line - 1);
  bufAppend(text, input->text + chunk->begin, chunk->end - chunk->begin);
}
