/* Computations.c: inlining the computations dhlo ops call (see docs/dialects.md). A fused
 * computation is cloned op for op at the fusion, and its dhlo ops are then lowered like any
 * other (the fused loop nest comes later from linalg's elementwise fusion). A reducer is
 * turned into scalar ops in a linalg body: each op of its body runs on 0-d tensors, so it
 * becomes its scalar semantics (ScalarSemantics.c), which keeps any reducer dhlo can write
 * (add, max, and, compare + select, ...) without recognising particular ones. */
#include "Conversion/Lowering.h"
#include "Support/Alloc.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

#include <stdlib.h>

static bool isA(MlirOperation op, const char *name) {
  return dlcStrEq(mlirIdentifierStr(mlirOperationGetName(op)), name);
}

static MlirBlock singleBlock(MlirOperation callee) {
  if (mlirOperationIsNull(callee) || !isA(callee, "func.func"))
    return (MlirBlock){NULL};
  MlirBlock block = mlirRegionGetFirstBlock(mlirOperationGetRegion(callee, 0));
  return mlirBlockIsNull(block) || !mlirBlockIsNull(mlirBlockGetNextInRegion(block))
             ? (MlirBlock){NULL}
             : block;
}

/* Ops of a reducer body that are the identity on one element. */
static bool isScalarIdentity(MlirOperation op) {
  return (isA(op, "dhlo.reshape") || isA(op, "dhlo.broadcast_in_dim") ||
          isA(op, "dhlo.transpose")) &&
         mlirShapedTypeGetRank(mlirValueGetType(mlirOperationGetResult(op, 0))) == 0;
}

static bool isScalarConstant(MlirOperation op) {
  MlirAttribute value = mlirOperationGetAttributeByName(op, dlcStr("value"));
  return isA(op, "dhlo.constant") && !mlirAttributeIsNull(value) &&
         mlirAttributeIsADenseElements(value) && mlirDenseElementsAttrIsSplat(value);
}

bool dlcIsScalarComputation(MlirOperation callee) {
  MlirBlock block = singleBlock(callee);
  if (mlirBlockIsNull(block))
    return false;
  for (MlirOperation op = mlirBlockGetFirstOperation(block); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op))
    if (!isA(op, "func.return") && !isScalarIdentity(op) && !isScalarConstant(op) &&
        !dlcCanEmitScalar(op))
      return false;
  return true;
}

/* The values of the callee's body and what they became at the call site. */
typedef struct ValueMap {
  MlirValue *from, *to;
  size_t count;
} ValueMap;

static MlirValue mapped(const ValueMap *map, MlirValue value) {
  for (size_t i = map->count; i-- > 0;)
    if (mlirValueEqual(map->from[i], value))
      return map->to[i];
  return value; /* defined outside the callee: a symbol-free func uses none, keep it */
}

static void bind(ValueMap *map, MlirValue from, MlirValue to) {
  map->from[map->count] = from;
  map->to[map->count++] = to;
}

static MlirValue scalarConstant(DlcBuilder *b, MlirOperation op) {
  MlirAttribute splat =
      mlirDenseElementsAttrGetSplatValue(mlirOperationGetAttributeByName(op, dlcStr("value")));
  MlirType type = dlcSignlessType(mlirAttributeGetType(splat));
  if (mlirTypeIsAFloat(type))
    return dlcConstFloat(b, type, mlirFloatAttrGetValueDouble(splat));
  MlirType original = mlirAttributeGetType(splat);
  int64_t value = mlirIntegerTypeIsUnsigned(original) ? (int64_t)mlirIntegerAttrGetValueUInt(splat)
                                                      : mlirIntegerAttrGetValueInt(splat);
  return dlcConstInt(b, type, value);
}

/* One op of a reducer as scalar ops; its result bound in `map`. */
static void inlineScalarOp(DlcBuilder *b, MlirOperation op, ValueMap *map) {
  MlirValue result = mlirOperationGetResult(op, 0);
  if (isScalarIdentity(op)) {
    bind(map, result, mapped(map, mlirOperationGetOperand(op, 0)));
  } else if (isScalarConstant(op)) {
    bind(map, result, scalarConstant(b, op));
  } else {
    MlirValue args[DLC_MAX_ARRAY];
    for (intptr_t i = 0; i < mlirOperationGetNumOperands(op); ++i)
      args[i] = mapped(map, mlirOperationGetOperand(op, i));
    bind(map, result, dlcEmitScalar(b, op, args));
  }
}

/* One op of a fused computation, cloned with its operands rebound. */
static void inlineClonedOp(DlcBuilder *b, MlirOperation op, ValueMap *map) {
  MlirOperation clone = mlirOperationClone(op);
  for (intptr_t i = 0; i < mlirOperationGetNumOperands(clone); ++i)
    mlirOperationSetOperand(clone, i, mapped(map, mlirOperationGetOperand(op, i)));
  dlcInsert(b, clone);
  for (intptr_t i = 0; i < mlirOperationGetNumResults(op); ++i)
    bind(map, mlirOperationGetResult(op, i), mlirOperationGetResult(clone, i));
}

bool dlcInlineComputation(DlcBuilder *b, MlirOperation callee, bool scalar,
                          const MlirValue *args, MlirValue *results, intptr_t maxResults) {
  MlirBlock block = singleBlock(callee);
  if (mlirBlockIsNull(block) || (scalar && !dlcIsScalarComputation(callee)))
    return false;
  MlirOperation terminator = mlirBlockGetTerminator(block);
  if (mlirOperationIsNull(terminator) || !isA(terminator, "func.return") ||
      mlirOperationGetNumOperands(terminator) > maxResults)
    return false;
  size_t capacity = (size_t)mlirBlockGetNumArguments(block);
  for (MlirOperation op = mlirBlockGetFirstOperation(block); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op))
    capacity += (size_t)mlirOperationGetNumResults(op);
  ValueMap map = {dlcAlloc(sizeof(MlirValue) * (capacity + 1)),
                  dlcAlloc(sizeof(MlirValue) * (capacity + 1)), 0};
  for (intptr_t i = 0; i < mlirBlockGetNumArguments(block); ++i)
    bind(&map, mlirBlockGetArgument(block, i), args[i]);
  for (MlirOperation op = mlirBlockGetFirstOperation(block); !mlirOperationEqual(op, terminator);
       op = mlirOperationGetNextInBlock(op)) {
    if (scalar)
      inlineScalarOp(b, op, &map);
    else
      inlineClonedOp(b, op, &map);
  }
  for (intptr_t i = 0; i < mlirOperationGetNumOperands(terminator); ++i)
    results[i] = mapped(&map, mlirOperationGetOperand(terminator, i));
  free(map.from);
  free(map.to);
  return true;
}
