/* Entry.c: which function dlc-run calls. --entry names it; otherwise a module with one
 * public function (reducers and fused computations are private) runs that one, and a
 * module with several runs @main. Only func.func ops with a body at the module's top level
 * are candidates. The module compiled is pruned to the entry and what it references.
 * Nothing here allocates beyond the message buffers it frees. */
#include "DlcRun.h"

#include "dlc/Passes.h"
#include "mlir-c/BuiltinAttributes.h"

#include <string.h>

static bool isFunc(MlirOperation op) {
  return mlirStringRefEqual(mlirIdentifierStr(mlirOperationGetName(op)), dlcStr("func.func")) &&
         !mlirBlockIsNull(mlirRegionGetFirstBlock(mlirOperationGetRegion(op, 0)));
}

static bool isPublic(MlirOperation func) {
  MlirAttribute visibility =
      mlirOperationGetAttributeByName(func, mlirSymbolTableGetVisibilityAttributeName());
  return mlirAttributeIsNull(visibility) ||
         mlirStringRefEqual(mlirStringAttrGetValue(visibility), dlcStr("public"));
}

MlirStringRef entryName(MlirOperation func) {
  return mlirStringAttrGetValue(
      mlirOperationGetAttributeByName(func, mlirSymbolTableGetSymbolAttributeName()));
}

MlirType entryType(MlirOperation func) {
  return mlirTypeAttrGetValue(mlirOperationGetAttributeByName(func, dlcStr("function_type")));
}

/* The public functions, " @a, @b", for messages; returns how many there are, and the
 * last one in *last. */
static int listPublic(MlirOperation module, Buf *names, MlirOperation *last) {
  int count = 0;
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(module, 0));
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op)) {
    if (!isFunc(op) || !isPublic(op))
      continue;
    MlirStringRef name = entryName(op);
    bufPrintf(names, "%s@%.*s", count ? ", " : "", (int)name.length, name.data);
    *last = op;
    ++count;
  }
  return count;
}

static MlirOperation lookup(MlirOperation module, const char *name) {
  MlirSymbolTable symbols = mlirSymbolTableCreate(module);
  MlirOperation op = mlirSymbolTableLookup(symbols, dlcStr(name));
  mlirSymbolTableDestroy(symbols);
  return !mlirOperationIsNull(op) && isFunc(op) ? op : (MlirOperation){NULL};
}

MlirOperation findEntry(MlirOperation module, const char *name, const char *file) {
  Buf names = {0};
  MlirOperation only = {NULL};
  int numPublic = listPublic(module, &names, &only);
  MlirOperation entry = {NULL};
  if (name) {
    entry = lookup(module, name);
    if (mlirOperationIsNull(entry))
      fprintf(stderr, "dlc-run: no function @%s in '%s'%s%s%s\n", name, file,
              numPublic ? " (public functions: " : "", numPublic ? names.data : "",
              numPublic ? ")" : "");
  } else if (numPublic == 1) {
    entry = only;
  } else if (numPublic == 0) {
    fprintf(stderr, "dlc-run: no public function to run in '%s'\n", file);
  } else {
    entry = lookup(module, "main");
    if (mlirOperationIsNull(entry))
      fprintf(stderr,
              "dlc-run: '%s' has several public functions (%s) and none is @main: choose one "
              "with --entry=NAME\n",
              file, names.data);
  }
  bufFree(&names);
  return entry;
}

/* A file of many entries (a numerics corpus) should not be compiled whole for each one:
 * every other public function becomes private, and upstream's symbol-dce erases the private
 * functions nothing references. A private entry (reachable with --entry) is left alone. */
bool pruneToEntry(MlirOperation module, MlirOperation entry) {
  if (!isPublic(entry))
    return true;
  MlirContext ctx = mlirOperationGetContext(module);
  MlirStringRef visibility = mlirSymbolTableGetVisibilityAttributeName();
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(module, 0));
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op))
    if (isFunc(op) && isPublic(op) && !mlirStringRefEqual(entryName(op), entryName(entry)))
      mlirOperationSetAttributeByName(op, visibility,
                                      mlirStringAttrGet(ctx, dlcStr("private")));
  return mlirLogicalResultIsSuccess(dlcRunPassPipeline(
      module, dlcStr("builtin.module(symbol-dce)"), printError, NULL));
}
