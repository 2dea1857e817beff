/* TransformScript.c: growing script text and applying it with upstream's transform
 * interpreter (see TransformScript.h). */
#include "Conversion/TransformScript.h"
#include "Support/Alloc.h"

#include "mlir-c/Dialect/Affine.h"
#include "mlir-c/Dialect/Arith.h"
#include "mlir-c/Dialect/Linalg.h"
#include "mlir-c/Dialect/MemRef.h"
#include "mlir-c/Dialect/SCF.h"
#include "mlir-c/Dialect/Transform.h"
#include "mlir-c/Dialect/Transform/Interpreter.h"
#include "mlir-c/Dialect/UB.h"
#include "mlir-c/Dialect/Vector.h"
#include "mlir-c/Diagnostics.h"

#include <stdarg.h>
#include <stdio.h>

MlirDialectHandle (*const dlcScriptDialects[])(void) = {
    mlirGetDialectHandle__transform__, mlirGetDialectHandle__linalg__,
    mlirGetDialectHandle__vector__,    mlirGetDialectHandle__scf__,
    mlirGetDialectHandle__memref__,    mlirGetDialectHandle__arith__,
    mlirGetDialectHandle__affine__,    mlirGetDialectHandle__ub__,
    NULL};

void dlcScriptf(DlcScript *script, const char *fmt, ...) {
  for (;;) {
    va_list ap;
    va_start(ap, fmt);
    size_t room = script->capacity - script->length;
    int n = vsnprintf(script->data ? script->data + script->length : NULL, room, fmt, ap);
    va_end(ap);
    if (n >= 0 && (size_t)n < room) {
      script->length += (size_t)n;
      return;
    }
    script->capacity = 2 * script->capacity + (size_t)(n > 0 ? n : 0) + 256;
    script->data = dlcRealloc(script->data, script->capacity);
  }
}

typedef struct OpSearch {
  MlirStringRef name;
  bool found;
} OpSearch;

static MlirWalkResult findOp(MlirOperation op, void *userData) {
  OpSearch *search = userData;
  if (!mlirStringRefEqual(mlirIdentifierStr(mlirOperationGetName(op)), search->name))
    return MlirWalkResultAdvance;
  search->found = true;
  return MlirWalkResultInterrupt;
}

bool dlcContainsOp(MlirOperation root, const char *name) {
  OpSearch search = {mlirStringRefCreateFromCString(name), false};
  mlirOperationWalk(root, findOp, &search, MlirWalkPreOrder);
  return search.found;
}

void dlcScriptSizes(DlcScript *script, const int64_t *sizes, intptr_t count) {
  dlcScriptf(script, "[");
  for (intptr_t i = 0; i < count; ++i)
    dlcScriptf(script, "%s%lld", i ? ", " : "", (long long)sizes[i]);
  dlcScriptf(script, "]");
}

MlirLogicalResult dlcScriptApply(MlirOperation root, const DlcScript *script,
                                 const char *passName) {
  MlirContext ctx = mlirOperationGetContext(root);
  MlirModule module =
      mlirModuleCreateParse(ctx, mlirStringRefCreate(script->data, script->length));
  if (mlirModuleIsNull(module)) {
    char message[160];
    snprintf(message, sizeof message, "%s: internal error: its transform script does not parse",
             passName);
    mlirEmitError(mlirOperationGetLocation(root), message);
    return mlirLogicalResultFailure();
  }
  MlirOperation entry = mlirBlockGetFirstOperation(mlirModuleGetBody(module));
  MlirTransformOptions options = mlirTransformOptionsCreate();
  MlirLogicalResult result =
      mlirTransformApplyNamedSequence(root, entry, mlirModuleGetOperation(module), options);
  mlirTransformOptionsDestroy(options);
  mlirModuleDestroy(module);
  return result;
}
