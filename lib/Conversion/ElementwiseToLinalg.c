/* ElementwiseToLinalg.c: lowerings of the elementwise ops, constant and iota. Every
 * elementwise op becomes one all-parallel linalg.generic whose body is the op's scalar
 * semantics (ScalarSemantics.c); a 0-d operand of a ranked op (select's predicate, clamp's
 * bounds) is read through a map with no results, which broadcasts it. */
#include "Conversion/Lowering.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

static MlirValue elementwiseBody(DlcBuilder *body, const MlirValue *args, void *userData) {
  return dlcEmitScalar(body, *(const MlirOperation *)userData, args);
}

MlirLogicalResult dlcLowerElementwise(DlcLowering *lw, int code) {
  if (!dlcCanEmitScalar(lw->op))
    return dlcLowerFail(lw, "no scalar semantics for these element types");
  DlcShape result = dlcLowerResultShape(lw);
  intptr_t numInputs = mlirOperationGetNumOperands(lw->op);
  MlirValue inputs[DLC_MAX_ARRAY];
  MlirAffineMap maps[DLC_MAX_ARRAY];
  for (intptr_t i = 0; i < numInputs; ++i) {
    inputs[i] = dlcLowerOperand(lw, i);
    intptr_t rank = dlcLowerOperandShape(lw, i).rank;
    maps[i] = dlcLoopRange(lw->b.ctx, result.rank, 0, rank == result.rank ? rank : 0);
  }
  maps[numInputs] = dlcLoopRange(lw->b.ctx, result.rank, 0, result.rank);
  DlcGenericSpec spec = {result.rank, NULL, numInputs, inputs, maps,
                         dlcEmpty(&lw->b, dlcLowerResultType(lw))};
  return dlcLowerReplace(lw, dlcBuildGeneric(&lw->b, &spec, elementwiseBody, &lw->op));
}

/* A dense constant keeps its data; only an unsigned element type is retyped (same bits). */
static MlirLogicalResult lowerConstant(DlcLowering *lw, int code) {
  MlirAttribute value = mlirOperationGetAttributeByName(lw->op, dlcStr("value"));
  if (mlirAttributeIsNull(value) || !mlirAttributeIsADenseElements(value))
    return dlcLowerFail(lw, "'value' is not a dense elements attribute");
  MlirType type = dlcLowerResultType(lw);
  if (!mlirTypeEqual(mlirAttributeGetType(value), type)) {
    /* Raw data holds one element for a splat, all of them otherwise; unsigned integers are
     * whole bytes. */
    int64_t count = mlirDenseElementsAttrIsSplat(value) ? 1 : mlirElementsAttrGetNumElements(value);
    size_t bytes = mlirIntegerTypeGetWidth(mlirShapedTypeGetElementType(type)) / 8;
    value = mlirDenseElementsAttrRawBufferGet(type, (size_t)count * bytes,
                                              mlirDenseElementsAttrGetRawData(value));
  }
  MlirNamedAttribute attr = dlcNamed(lw->b.ctx, "value", value);
  return dlcLowerReplace(lw, dlcBuild(&lw->b, "arith.constant", type, 0, NULL, 1, &attr));
}

/* result[i0, ..., iN] = i_{iota_dimension}, converted to the element type. */
static MlirValue iotaBody(DlcBuilder *body, const MlirValue *args, void *userData) {
  MlirType element = mlirValueGetType(args[0]);
  MlirValue index = dlcLoopIndex(body, *(const int64_t *)userData);
  if (mlirTypeIsAInteger(element))
    return dlcCast(body, "arith.index_cast", index, element);
  MlirValue wide = dlcCast(body, "arith.index_cast", index, mlirIntegerTypeGet(body->ctx, 64));
  return dlcCast(body, "arith.sitofp", wide, element);
}

static MlirLogicalResult lowerIota(DlcLowering *lw, int code) {
  int64_t dimension = 0;
  dlcLowerI64(lw, "iota_dimension", &dimension);
  return dlcLowerReplace(lw, dlcBuildFromIndices(&lw->b, dlcLowerResultType(lw), iotaBody,
                                                 &dimension));
}

const DlcLoweringPattern dlcElementwiseLowerings[] = {
    {"dhlo.constant", lowerConstant, 0},
    {"dhlo.iota", lowerIota, 0},
    {NULL, NULL, 0},
};
