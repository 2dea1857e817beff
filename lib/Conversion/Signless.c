/* Signless.c: the last step of `convert-dhlo-to-linalg`. Lowerings build on signless types
 * and cast at the boundary to the unsigned types dhlo values may have (see Lowering.h).
 * Once no dhlo op is left, the only unsigned types are on function signatures, block
 * arguments and those casts: retyping every value signless (same width, same bits) turns
 * the casts into identities, which are erased. */
#include "Conversion/Lowering.h"
#include "Support/Alloc.h"
#include "Transforms/Layouts.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

#include <stdlib.h>

typedef struct Retyping {
  MlirOperation *casts; /* unrealized casts, erased once every type is signless */
  size_t count, capacity;
} Retyping;

static void retype(MlirValue value) {
  MlirType type = mlirValueGetType(value), signless = dlcSignlessType(type);
  if (!mlirTypeEqual(type, signless))
    mlirValueSetType(value, signless);
}

static void retypeFunctionType(MlirOperation func) {
  MlirAttribute attr = mlirOperationGetAttributeByName(func, dlcStr("function_type"));
  if (mlirAttributeIsNull(attr) || !mlirAttributeIsAType(attr))
    return;
  MlirType type = mlirTypeAttrGetValue(attr);
  intptr_t numInputs = mlirFunctionTypeGetNumInputs(type);
  intptr_t numResults = mlirFunctionTypeGetNumResults(type);
  MlirType *types = dlcAlloc(sizeof(MlirType) * (size_t)(numInputs + numResults + 1));
  for (intptr_t i = 0; i < numInputs; ++i)
    types[i] = dlcSignlessType(mlirFunctionTypeGetInput(type, i));
  for (intptr_t i = 0; i < numResults; ++i)
    types[numInputs + i] = dlcSignlessType(mlirFunctionTypeGetResult(type, i));
  MlirType signless = mlirFunctionTypeGet(mlirTypeGetContext(type), numInputs, types, numResults,
                                          types + numInputs);
  if (!mlirTypeEqual(type, signless))
    mlirOperationSetAttributeByName(func, dlcStr("function_type"), mlirTypeAttrGet(signless));
  free(types);
}

static MlirWalkResult retypeOp(MlirOperation op, void *userData) {
  Retyping *r = userData;
  for (intptr_t i = 0; i < mlirOperationGetNumRegions(op); ++i)
    for (MlirBlock block = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, i));
         !mlirBlockIsNull(block); block = mlirBlockGetNextInRegion(block))
      for (intptr_t a = 0; a < mlirBlockGetNumArguments(block); ++a)
        retype(mlirBlockGetArgument(block, a));
  for (intptr_t i = 0; i < mlirOperationGetNumResults(op); ++i)
    retype(mlirOperationGetResult(op, i));
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  if (dlcStrEq(name, "func.func")) {
    retypeFunctionType(op);
  } else if (dlcStrEq(name, "builtin.unrealized_conversion_cast")) {
    r->casts = dlcGrow(r->casts, &r->capacity, r->count + 1, sizeof *r->casts);
    r->casts[r->count++] = op;
  }
  return MlirWalkResultAdvance;
}

void dlcMakeSignless(MlirOperation root) {
  Retyping r = {NULL, 0, 0};
  mlirOperationWalk(root, retypeOp, &r, MlirWalkPreOrder);
  for (size_t i = 0; i < r.count; ++i) {
    MlirOperation cast = r.casts[i];
    if (mlirOperationGetNumOperands(cast) != 1 || mlirOperationGetNumResults(cast) != 1)
      continue;
    MlirValue from = mlirOperationGetOperand(cast, 0), to = mlirOperationGetResult(cast, 0);
    if (!mlirTypeEqual(mlirValueGetType(from), mlirValueGetType(to)))
      continue;
    mlirValueReplaceAllUsesOfWith(to, from);
    mlirOperationDestroy(cast);
  }
  free(r.casts);
}
