/* ReductionToLinalg.c: lowerings of reduce, reduce_window and batch_norm_inference.
 * A reduction's accumulator is the result filled with the init value; its body is the
 * reducer inlined as scalar ops (Computations.c), called as reducer(accumulator, element).
 * reduce is linalg.reduce; reduce_window is a linalg.generic over the output and window
 * loops (a window-shaped empty tensor gives the window loops their bounds, as linalg's
 * pooling ops do) on the operand padded and dilated with the init value, as StableHLO
 * defines it. Named pooling ops are not used: they fix the reducer and the layout. */
#include "Conversion/Lowering.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

#include <stdlib.h>

/* The block arguments are (element, accumulator) for linalg.reduce and (element, window,
 * accumulator) for the window generic: the accumulator is last. `combiner`, when not NULL,
 * replaces the inlined reducer by one arith op (below). */
typedef struct Reducer {
  MlirOperation func;
  intptr_t numArgs;
  const char *combiner;
} Reducer;

static MlirValue reducerBody(DlcBuilder *b, const MlirValue *args, void *userData) {
  const Reducer *reducer = userData;
  MlirValue operands[] = {args[reducer->numArgs - 1], args[0]}, result;
  if (reducer->combiner)
    return dlcBinary(b, reducer->combiner, operands[0], operands[1]);
  if (!dlcInlineComputation(b, reducer->func, true, operands, &result, 1))
    return (MlirValue){NULL};
  return result;
}

/* A float maximum or minimum reducer (`return max(a, b)`) as arith.maximumf/minimumf, the one
 * combining op the vectorizer recognises: the row reductions of softmax then vectorize into
 * vector.reduction <maximumf>, which LLVM computes as StableHLO defines it (NaN propagates,
 * -0.0 < +0.0). Only where the innermost dimension is reduced (`rowReduction`): the other
 * reductions combine with elementwise maximumf, which the CPU pipeline's arith-expand turns
 * into a compare and select that may return -0.0 for max(-0.0, +0.0); they keep the exact
 * scalar form of ScalarSemantics.c. NULL when the reducer is anything else. */
static const char *floatExtremumCombiner(MlirOperation func, bool rowReduction) {
  MlirBlock block = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  MlirOperation op = mlirBlockGetFirstOperation(block);
  if (!rowReduction || mlirOperationIsNull(op) || mlirOperationGetNumOperands(op) != 2 ||
      mlirBlockGetNumArguments(block) != 2)
    return NULL;
  MlirOperation ret = mlirOperationGetNextInBlock(op);
  if (mlirOperationIsNull(ret) || mlirOperationGetNumOperands(ret) != 1 ||
      !mlirValueEqual(mlirOperationGetOperand(ret, 0), mlirOperationGetResult(op, 0)) ||
      !mlirTypeIsAFloat(mlirShapedTypeGetElementType(mlirValueGetType(mlirOperationGetResult(op, 0)))))
    return NULL;
  for (intptr_t i = 0; i < 2; ++i)
    if (!mlirValueEqual(mlirOperationGetOperand(op, i), mlirBlockGetArgument(block, i)) &&
        !mlirValueEqual(mlirOperationGetOperand(op, i), mlirBlockGetArgument(block, 1 - i)))
      return NULL;
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  if (mlirStringRefEqual(name, dlcStr("dhlo.maximum")))
    return "arith.maximumf";
  if (mlirStringRefEqual(name, dlcStr("dhlo.minimum")))
    return "arith.minimumf";
  return NULL;
}

/* The reducer of lw->op, or a null op after recording why not. */
static MlirOperation scalarReducer(DlcLowering *lw) {
  MlirOperation func = dlcLowerCallee(lw, "to_apply");
  if (mlirOperationIsNull(func)) {
    dlcLowerFail(lw, "the reducer named by 'to_apply' was not found");
    return func;
  }
  if (!dlcIsScalarComputation(func)) {
    dlcLowerFail(lw, "the reducer holds ops without scalar semantics");
    return (MlirOperation){NULL};
  }
  return func;
}

/* The result filled with the init value (operand 1, a 0-d tensor), which `*init` gets. */
static MlirValue initialized(DlcLowering *lw, MlirValue *init) {
  *init = dlcExtractScalar(&lw->b, dlcLowerOperand(lw, 1));
  return dlcFill(&lw->b, *init, dlcEmpty(&lw->b, dlcLowerResultType(lw)));
}

static int compareI64(const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return (x > y) - (x < y);
}

static MlirLogicalResult lowerReduce(DlcLowering *lw, int code) {
  MlirOperation func = scalarReducer(lw);
  if (mlirOperationIsNull(func))
    return mlirLogicalResultFailure();
  int64_t dims[DLC_MAX_ARRAY];
  intptr_t numDims = dlcLowerI64Array(lw, "dimensions", 0, 0, dims);
  qsort(dims, (size_t)numDims, sizeof dims[0], compareI64); /* linalg.reduce wants them sorted */
  MlirNamedAttribute attr =
      dlcNamed(lw->b.ctx, "dimensions", mlirDenseI64ArrayGet(lw->b.ctx, numDims, dims));
  MlirValue init, operands[] = {dlcLowerOperand(lw, 0), initialized(lw, &init)};
  intptr_t rank = dlcLowerOperandShape(lw, 0).rank;
  bool rowReduction = numDims > 0 && dims[numDims - 1] == rank - 1;
  Reducer reducer = {func, 2, floatExtremumCombiner(func, rowReduction)};
  return dlcLowerReplace(lw, dlcBuildWithBody(&lw->b, "linalg.reduce", 2, operands, 1, &attr,
                                              reducerBody, &reducer));
}

static MlirLogicalResult lowerReduceWindow(DlcLowering *lw, int code) {
  MlirOperation func = scalarReducer(lw);
  if (mlirOperationIsNull(func))
    return mlirLogicalResultFailure();
  DlcShape operand = dlcLowerOperandShape(lw, 0);
  intptr_t rank = operand.rank;
  int64_t window[DLC_MAX_ARRAY], strides[DLC_MAX_ARRAY], padding[DLC_MAX_ARRAY],
      baseDilations[DLC_MAX_ARRAY], windowDilations[DLC_MAX_ARRAY];
  if (dlcLowerI64Array(lw, "window_dimensions", 0, 0, window) != rank)
    return dlcLowerFail(lw, "malformed window_dimensions");
  dlcLowerI64Array(lw, "window_strides", rank, 1, strides);
  dlcLowerI64Array(lw, "padding", 2 * rank, 0, padding);
  dlcLowerI64Array(lw, "base_dilations", rank, 1, baseDilations);
  dlcLowerI64Array(lw, "window_dilations", rank, 1, windowDilations);

  MlirValue input = dlcLowerOperand(lw, 0);
  MlirType element = mlirShapedTypeGetElementType(mlirValueGetType(input));
  MlirValue initScalar, init = initialized(lw, &initScalar);
  int64_t low[DLC_MAX_RANK], interior[DLC_MAX_RANK], padded[DLC_MAX_RANK];
  bool needsPad = false;
  for (intptr_t d = 0; d < rank; ++d) {
    low[d] = padding[2 * d];
    interior[d] = baseDilations[d] - 1;
    padded[d] = low[d] + operand.dims[d] + (operand.dims[d] > 0 ? operand.dims[d] - 1 : 0) *
                interior[d] + padding[2 * d + 1];
    needsPad |= low[d] != 0 || interior[d] != 0 || padding[2 * d + 1] != 0;
  }
  if (needsPad)
    input = dlcPad(&lw->b, input, initScalar, low, interior, dlcTensorType(rank, padded, element));

  MlirContext ctx = lw->b.ctx;
  MlirAffineExpr exprs[DLC_MAX_RANK];
  bool reduction[2 * DLC_MAX_RANK];
  for (intptr_t d = 0; d < rank; ++d) {
    MlirAffineExpr position = mlirAffineMulExprGet(mlirAffineDimExprGet(ctx, d),
                                                   mlirAffineConstantExprGet(ctx, strides[d]));
    MlirAffineExpr tap = mlirAffineMulExprGet(mlirAffineDimExprGet(ctx, rank + d),
                                              mlirAffineConstantExprGet(ctx, windowDilations[d]));
    exprs[d] = mlirAffineAddExprGet(position, tap);
    reduction[d] = false;
    reduction[rank + d] = true;
  }
  MlirAffineMap maps[] = {mlirAffineMapGet(ctx, 2 * rank, 0, rank, exprs),
                          dlcLoopRange(ctx, 2 * rank, rank, rank),
                          dlcLoopRange(ctx, 2 * rank, 0, rank)};
  MlirValue inputs[] = {input, dlcEmpty(&lw->b, dlcTensorType(rank, window, element))};
  DlcGenericSpec spec = {2 * rank, reduction, 2, inputs, maps, init};
  Reducer reducer = {func, 3, NULL};
  return dlcLowerReplace(lw, dlcBuildGeneric(&lw->b, &spec, reducerBody, &reducer));
}

/* (x - mean) / sqrt(variance + epsilon) * scale + offset, the 1-D operands read along
 * feature_index. */
static MlirValue batchNormBody(DlcBuilder *b, const MlirValue *args, void *userData) {
  double epsilon = *(const double *)userData;
  MlirValue x = args[0], scale = args[1], offset = args[2], mean = args[3], variance = args[4];
  MlirValue eps = dlcConstFloat(b, mlirValueGetType(x), epsilon);
  MlirValue deviation = dlcUnary(b, "math.sqrt", dlcBinary(b, "arith.addf", variance, eps));
  MlirValue normalized = dlcBinary(b, "arith.divf", dlcBinary(b, "arith.subf", x, mean), deviation);
  return dlcBinary(b, "arith.addf", dlcBinary(b, "arith.mulf", normalized, scale), offset);
}

static MlirLogicalResult lowerBatchNormInference(DlcLowering *lw, int code) {
  DlcShape operand = dlcLowerOperandShape(lw, 0);
  int64_t feature = 0;
  dlcLowerI64(lw, "feature_index", &feature);
  MlirAttribute epsilonAttr = mlirOperationGetAttributeByName(lw->op, dlcStr("epsilon"));
  if (mlirAttributeIsNull(epsilonAttr) || !mlirAttributeIsAFloat(epsilonAttr))
    return dlcLowerFail(lw, "'epsilon' is not a float attribute");
  double epsilon = mlirFloatAttrGetValueDouble(epsilonAttr);
  MlirValue inputs[5];
  MlirAffineMap maps[6];
  MlirAffineMap identity = dlcLoopRange(lw->b.ctx, operand.rank, 0, operand.rank);
  for (intptr_t i = 0; i < 5; ++i) {
    inputs[i] = dlcLowerOperand(lw, i);
    maps[i] = i == 0 ? identity : dlcLoopRange(lw->b.ctx, operand.rank, feature, 1);
  }
  maps[5] = identity;
  DlcGenericSpec spec = {operand.rank, NULL, 5, inputs, maps,
                         dlcEmpty(&lw->b, dlcLowerResultType(lw))};
  return dlcLowerReplace(lw, dlcBuildGeneric(&lw->b, &spec, batchNormBody, &epsilon));
}

const DlcLoweringPattern dlcReductionLowerings[] = {
    {"dhlo.reduce", lowerReduce, 0},
    {"dhlo.reduce_window", lowerReduceWindow, 0},
    {"dhlo.batch_norm_inference", lowerBatchNormInference, 0},
    {NULL, NULL, 0},
};
