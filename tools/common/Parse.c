/* Parse.c: text to a builtin.module, with mlir-opt's implicit module. mlir-opt parses the
 * top-level ops into a block and keeps a lone builtin.module as is; anything else (no op,
 * one other op, several ops) goes into a new module located at file:0:0.
 * mlirOperationCreateParse only accepts exactly one top-level op, so: one op is wrapped
 * directly; for zero an empty module is made; for several (their count comes from the
 * parser's error, caught by the diagnostic handler) the text is parsed again inside
 * "module {" ... "}", written where it moves no token: over the leading whitespace or
 * comment lines, and only when the first op starts the input are the first line's
 * locations shifted back.
 * The returned module is owned by the caller (mlirOperationDestroy). */
#include "ToolSupport.h"

#include <string.h>

static const char moduleOpen[] = "module {";
enum { ModuleOpenLen = sizeof moduleOpen - 1 };

static bool isModule(MlirOperation op) {
  return mlirStringRefEqual(mlirIdentifierStr(mlirOperationGetName(op)), dlcStr("builtin.module"));
}

/* A new module at `loc` holding `op` (taken over) unless it is null. */
static MlirOperation wrapInModule(MlirLocation loc, MlirOperation op) {
  MlirModule module = mlirModuleCreateEmpty(loc);
  if (!mlirOperationIsNull(op))
    mlirBlockAppendOwnedOperation(mlirModuleGetBody(module), op);
  return mlirModuleGetOperation(module);
}

/* Offset of the first byte that is neither whitespace nor in a // comment. */
static size_t firstToken(const char *text, size_t len) {
  size_t i = 0;
  while (i < len) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
      ++i;
    else if (c == '/' && i + 1 < len && text[i + 1] == '/')
      while (i < len && text[i] != '\n')
        ++i;
    else
      break;
  }
  return i;
}

typedef struct Shift {
  MlirContext ctx;
  MlirStringRef file;
} Shift;

/* `loc` moved ModuleOpenLen columns left if it is a position on line 1 of the file. */
static MlirLocation unshift(const Shift *s, MlirLocation loc) {
  if (!mlirLocationIsAFileLineColRange(loc) || mlirLocationFileLineColRangeGetStartLine(loc) != 1 ||
      mlirLocationFileLineColRangeGetStartColumn(loc) <= ModuleOpenLen ||
      !mlirStringRefEqual(mlirIdentifierStr(mlirLocationFileLineColRangeGetFilename(loc)), s->file))
    return loc;
  int endLine = mlirLocationFileLineColRangeGetEndLine(loc);
  int endCol = mlirLocationFileLineColRangeGetEndColumn(loc);
  return mlirLocationFileLineColRangeGet(
      s->ctx, s->file, 1, (unsigned)mlirLocationFileLineColRangeGetStartColumn(loc) - ModuleOpenLen,
      (unsigned)endLine, (unsigned)(endLine == 1 ? endCol - ModuleOpenLen : endCol));
}

static MlirWalkResult unshiftOp(MlirOperation op, void *userData) {
  const Shift *s = userData;
  mlirOperationSetLocation(op, unshift(s, mlirOperationGetLocation(op)));
  for (intptr_t r = 0, n = mlirOperationGetNumRegions(op); r < n; ++r)
    for (MlirBlock b = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, r)); !mlirBlockIsNull(b);
         b = mlirBlockGetNextInRegion(b))
      for (intptr_t a = 0, m = mlirBlockGetNumArguments(b); a < m; ++a) {
        MlirValue arg = mlirBlockGetArgument(b, a);
        mlirBlockArgumentSetLocation(arg, unshift(s, mlirValueGetLocation(arg)));
      }
  return MlirWalkResultAdvance;
}

/* Parses several top-level ops inside an explicit module, keeping their locations. */
static MlirOperation parseWrapped(MlirContext ctx, const Source *src, MlirLocation fileLoc) {
  size_t first = firstToken(src->text, src->len);
  bool firstLine = !memchr(src->text, '\n', first);
  /* On the first line only blanks precede the first op, and they can hold the opening. */
  size_t overwritten = firstLine && first >= ModuleOpenLen ? ModuleOpenLen : 0;
  Buf text = {0};
  bufAppend(&text, moduleOpen, ModuleOpenLen);
  bufAppend(&text, src->text + overwritten, src->len - overwritten);
  bufAppendStr(&text, "\n}");
  MlirStringRef name = dlcStr(src->name);
  MlirOperation module =
      mlirOperationCreateParse(ctx, mlirStringRefCreate(text.data, text.len), name);
  bufFree(&text);
  if (mlirOperationIsNull(module))
    return module;
  if (firstLine && !overwritten) {
    Shift shift = {ctx, name};
    mlirOperationWalk(module, unshiftOp, &shift, MlirWalkPreOrder);
  }
  mlirOperationSetLocation(module, fileLoc);
  return module;
}

MlirOperation parseModule(MlirContext ctx, DiagHandler *handler) {
  const Source *src = handler->src;
  MlirStringRef name = dlcStr(src->name);
  MlirLocation fileLoc = mlirLocationFileLineColGet(ctx, name, 0, 0);
  handler->catchTopLevelCount = true;
  handler->topLevelCount = -1;
  MlirOperation op = mlirOperationCreateParse(ctx, mlirStringRefCreate(src->text, src->len), name);
  handler->catchTopLevelCount = false;
  if (!mlirOperationIsNull(op))
    return isModule(op) ? op : wrapInModule(fileLoc, op);
  if (handler->topLevelCount == 0)
    return wrapInModule(fileLoc, op);
  if (handler->topLevelCount > 1)
    return parseWrapped(ctx, src, fileLoc);
  return op;
}
