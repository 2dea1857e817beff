/* Diagnostics.c: prints diagnostics the way mlir-opt's SourceMgr handler does,
 *   file:line:col: error: message
 *     <source line>
 *     ^
 * followed by the diagnostic's notes, and routes the context's diagnostics to the printer
 * or to a tool's own sink (dlc-opt's --verify-diagnostics). Messages are formatted into a
 * Buf and written with one fwrite so they do not interleave with MLIR's own stderr output.
 * Nothing here owns a Source; Bufs are freed before returning. */
#include "ToolSupport.h"

#include <stdlib.h>
#include <string.h>

enum { TabStop = 8 }; /* LLVM's SourceMgr expands tabs to this width */

bool findFilePos(MlirLocation loc, FilePos *pos) {
  if (mlirLocationIsAFileLineColRange(loc)) {
    pos->file = mlirIdentifierStr(mlirLocationFileLineColRangeGetFilename(loc));
    pos->line = (unsigned)mlirLocationFileLineColRangeGetStartLine(loc);
    pos->col = (unsigned)mlirLocationFileLineColRangeGetStartColumn(loc);
    return true;
  }
  if (mlirLocationIsAName(loc))
    return findFilePos(mlirLocationNameGetChildLoc(loc), pos);
  if (mlirLocationIsACallSite(loc))
    return findFilePos(mlirLocationCallSiteGetCallee(loc), pos) ||
           findFilePos(mlirLocationCallSiteGetCaller(loc), pos);
  if (!mlirLocationIsAFused(loc))
    return false;
  unsigned n = mlirLocationFusedGetNumLocations(loc);
  MlirLocation *locs = xrealloc(NULL, sizeof(MlirLocation) * (n ? n : 1));
  mlirLocationFusedGetLocations(loc, locs);
  bool found = false;
  for (unsigned i = 0; i < n && !found; ++i)
    found = findFilePos(locs[i], pos);
  free(locs);
  return found;
}

const char *severityName(MlirDiagnosticSeverity severity) {
  switch (severity) {
  case MlirDiagnosticError:
    return "error";
  case MlirDiagnosticWarning:
    return "warning";
  case MlirDiagnosticNote:
    return "note";
  case MlirDiagnosticRemark:
    return "remark";
  }
  return "error";
}

/* Appends `text` with tabs expanded, or, for the caret line, `marks` (one byte per byte of
 * `text`, possibly longer) expanded to the same columns. */
static void appendExpanded(Buf *b, const char *text, size_t textLen, const char *marks,
                           size_t marksLen) {
  const char *out = marks ? marks : text;
  size_t n = marks ? marksLen : textLen, col = 0;
  for (size_t i = 0; i < n; ++i) {
    if (i >= textLen || text[i] != '\t') {
      bufAppend(b, &out[i], 1);
      ++col;
      continue;
    }
    do {
      bufAppend(b, marks ? &out[i] : " ", 1);
    } while (++col % TabStop);
  }
  bufAppend(b, "\n", 1);
}

/* The source line `pos` points into and a caret line under it, as LLVM's SMDiagnostic
 * prints them; nothing if `pos` is not in `src` (other file, line 0, column past the end). */
static void appendSourceLine(Buf *b, const Source *src, FilePos pos, unsigned rangeLen) {
  if (!src || !pos.line || !pos.col || pos.file.length != strlen(src->name) ||
      memcmp(pos.file.data, src->name, pos.file.length))
    return;
  const char *p = src->text, *end = src->text + src->len;
  for (unsigned line = 1; line < pos.line; ++line) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    if (!nl)
      return;
    p = nl + 1;
  }
  size_t len = 0;
  while (p + len < end && p[len] != '\n' && p[len] != '\r')
    ++len;
  size_t col = pos.col - 1;
  if (col > len)
    return;
  appendExpanded(b, p, len, NULL, 0);
  /* LLVM cannot align a caret under multi-byte characters, so it prints none. */
  for (size_t i = 0; i < len; ++i)
    if ((unsigned char)p[i] & 0x80)
      return;
  char *marks = xrealloc(NULL, len + 1);
  memset(marks, ' ', len + 1);
  for (size_t i = col; i < col + rangeLen && i < len; ++i)
    marks[i] = '~';
  marks[col] = '^';
  size_t marksLen = len + 1;
  while (marksLen && marks[marksLen - 1] == ' ')
    --marksLen;
  appendExpanded(b, p, len, marks, marksLen);
  free(marks);
}

static void emit(Buf *b) {
  fwrite(b->data, 1, b->len, stderr);
  fflush(stderr);
  bufFree(b);
}

void formatAt(Buf *out, const Source *src, FilePos pos, unsigned rangeLen,
              MlirDiagnosticSeverity severity, MlirStringRef message, bool showLine) {
  bufPrintf(out, "%.*s:%u:%u: %s: ", (int)pos.file.length, pos.file.data, pos.line, pos.col,
            severityName(severity));
  bufAppend(out, message.data, message.length);
  bufAppend(out, "\n", 1);
  if (showLine)
    appendSourceLine(out, src, pos, rangeLen);
}

void printAt(const Source *src, FilePos pos, unsigned rangeLen, MlirDiagnosticSeverity severity,
             MlirStringRef message, bool showLine) {
  Buf b = {0};
  formatAt(&b, src, pos, rangeLen, severity, message, showLine);
  emit(&b);
}

void printAtLocation(const Source *src, MlirLocation loc, MlirDiagnosticSeverity severity,
                     MlirStringRef message, bool showLine) {
  FilePos pos;
  if (findFilePos(loc, &pos)) {
    printAt(src, pos, 1, severity, message, showLine);
    return;
  }
  Buf b = {0};
  bufPrintf(&b, "%s: ", severityName(severity));
  if (!mlirLocationEqual(loc, mlirLocationUnknownGet(mlirLocationGetContext(loc)))) {
    mlirLocationPrint(loc, bufAppendCallback, &b);
    bufAppendStr(&b, ": ");
  }
  bufAppend(&b, message.data, message.length);
  bufAppend(&b, "\n", 1);
  emit(&b);
}

void diagnosticMessage(MlirDiagnostic d, Buf *out) {
  mlirDiagnosticPrint(d, bufAppendCallback, out);
  bufAppend(out, "", 0);
}

/* mlirOperationCreateParse insists on exactly one top-level op and says how many it found
 * only in this error; Parse.c needs the count to build mlir-opt's implicit module. */
static bool catchTopLevelCount(MlirDiagnostic d, long *count) {
  static const char prefix[] = "source must contain a single top-level operation, found: ";
  if (mlirDiagnosticGetSeverity(d) != MlirDiagnosticError)
    return false;
  Buf msg = {0};
  diagnosticMessage(d, &msg);
  bool caught = !strncmp(msg.data, prefix, sizeof prefix - 1);
  if (caught)
    *count = strtol(msg.data + sizeof prefix - 1, NULL, 10);
  bufFree(&msg);
  return caught;
}

MlirLogicalResult handleDiagnostic(MlirDiagnostic d, void *userData) {
  DiagHandler *h = userData;
  if (h->catchTopLevelCount && catchTopLevelCount(d, &h->topLevelCount))
    return mlirLogicalResultSuccess();
  if (h->divert) {
    h->divert(d, h->divertData);
    return mlirLogicalResultSuccess();
  }
  Buf msg = {0};
  diagnosticMessage(d, &msg);
  MlirLocation loc = mlirDiagnosticGetLocation(d);
  printAtLocation(h->src, loc, mlirDiagnosticGetSeverity(d), mlirStringRefCreate(msg.data, msg.len),
                  true);
  /* Like MLIR, show a note's source line only when it points somewhere new. */
  for (intptr_t i = 0, n = mlirDiagnosticGetNumNotes(d); i < n; ++i) {
    MlirDiagnostic note = mlirDiagnosticGetNote(d, i);
    MlirLocation noteLoc = mlirDiagnosticGetLocation(note);
    msg.len = 0;
    diagnosticMessage(note, &msg);
    printAtLocation(h->src, noteLoc, mlirDiagnosticGetSeverity(note),
                    mlirStringRefCreate(msg.data, msg.len), !mlirLocationEqual(loc, noteLoc));
    loc = noteLoc;
  }
  bufFree(&msg);
  return mlirLogicalResultSuccess();
}
