/* TransformScript.c: growing script text and applying it with upstream's transform
 * interpreter (see TransformScript.h). */
#include "Conversion/TransformScript.h"
#include "Support/Alloc.h"
#include "Transforms/Canonicalize.h"

#include "mlir-c/Dialect/Affine.h"
#include "mlir-c/Dialect/Arith.h"
#include "mlir-c/Dialect/Linalg.h"
#include "mlir-c/Dialect/MemRef.h"
#include "mlir-c/Dialect/SCF.h"
#include "mlir-c/Dialect/Transform.h"
#include "mlir-c/Dialect/Transform/Interpreter.h"
#include "mlir-c/Dialect/UB.h"
#include "mlir-c/Dialect/Vector.h"
#include "mlir-c/AffineMap.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
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

/* Stops at the first expand_shape to cast, which `userData` receives. */
static MlirWalkResult findExpandShape(MlirOperation op, void *userData) {
  MlirType type = mlirOperationGetNumResults(op) == 1
                      ? mlirValueGetType(mlirOperationGetResult(op, 0))
                      : (MlirType){NULL};
  if (!dlcOpIsA(op, "memref.expand_shape") || !mlirTypeIsAMemRef(type) ||
      !mlirShapedTypeHasStaticShape(type) || mlirShapedTypeGetRank(type) > 16 ||
      !mlirAffineMapIsIdentity(mlirMemRefTypeGetAffineMap(type)))
    return MlirWalkResultAdvance;
  *(MlirOperation *)userData = op;
  return MlirWalkResultInterrupt;
}

MlirValue dlcBuildReinterpretCast(MlirOperation before, MlirValue source, MlirType type) {
  MlirContext ctx = mlirOperationGetContext(before);
  intptr_t rank = mlirShapedTypeGetRank(type);
  int64_t sizes[16], strides[16], offset;
  for (intptr_t d = 0; d < rank; ++d)
    sizes[d] = mlirShapedTypeGetDimSize(type, d);
  mlirMemRefTypeGetStridesAndOffset(type, strides, &offset);
  MlirNamedAttribute attrs[] = {
      {mlirIdentifierGet(ctx, dlcStr("static_offsets")), mlirDenseI64ArrayGet(ctx, 1, &offset)},
      {mlirIdentifierGet(ctx, dlcStr("static_sizes")), mlirDenseI64ArrayGet(ctx, rank, sizes)},
      {mlirIdentifierGet(ctx, dlcStr("static_strides")), mlirDenseI64ArrayGet(ctx, rank, strides)},
      {mlirIdentifierGet(ctx, dlcStr("operandSegmentSizes")),
       mlirDenseI32ArrayGet(ctx, 4, (const int32_t[]){1, 0, 0, 0})},
  };
  MlirOperationState state =
      mlirOperationStateGet(dlcStr("memref.reinterpret_cast"), mlirOperationGetLocation(before));
  mlirOperationStateAddOperands(&state, 1, &source);
  mlirOperationStateAddResults(&state, 1, &type);
  mlirOperationStateAddAttributes(&state, sizeof attrs / sizeof *attrs, attrs);
  MlirOperation cast = mlirOperationCreate(&state);
  mlirBlockInsertOwnedOperationBefore(mlirOperationGetBlock(before), before, cast);
  return mlirOperationGetResult(cast, 0);
}

static void castExpandShape(MlirOperation expand) {
  MlirValue result = mlirOperationGetResult(expand, 0);
  MlirValue cast =
      dlcBuildReinterpretCast(expand, mlirOperationGetOperand(expand, 0), mlirValueGetType(result));
  mlirValueReplaceAllUsesOfWith(result, cast);
  mlirOperationDestroy(expand);
}

void dlcCastExpandedBuffers(MlirOperation root) {
  for (;;) {
    MlirOperation expand = {NULL};
    mlirOperationWalk(root, findExpandShape, &expand, MlirWalkPreOrder);
    if (mlirOperationIsNull(expand))
      return;
    castExpandShape(expand);
  }
}

MlirLogicalResult dlcScriptApply(MlirOperation root, MlirStringRef script, const char *passName) {
  MlirContext ctx = mlirOperationGetContext(root);
  MlirModule module = mlirModuleCreateParse(ctx, script);
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
