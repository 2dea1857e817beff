/* MovementToLinalg.c: lowerings of the shape and data movement ops. Ops that read each
 * result element from one operand element at an affine index (broadcast_in_dim, transpose,
 * reverse) are one copying linalg.generic, so that elementwise fusion can see through them;
 * the rest are tensor ops: collapse/expand_shape (reshape), extract_slice (slice,
 * dynamic_slice, the kept part of pad), insert_slice (concatenate, pad, dynamic_update_slice).
 * gather is in GatherToLinalg.c. */
#include "Conversion/Lowering.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

/* ---- Copies through an indexing map -------------------------------------------------------- */

/* Replaces lw->op by a copy of its operand read through `map`. */
static MlirLogicalResult replaceWithCopy(DlcLowering *lw, MlirAffineMap map) {
  return dlcLowerReplace(lw, dlcBuildMapCopy(&lw->b, dlcLowerOperand(lw, 0), map,
                                             dlcLowerResultType(lw)));
}

/* Operand dim d is result dim broadcast_dimensions[d], or the constant 0 when it is a
 * size-1 dim that the result expands. */
static MlirLogicalResult lowerBroadcastInDim(DlcLowering *lw, int code) {
  DlcShape operand = dlcLowerOperandShape(lw, 0), result = dlcLowerResultShape(lw);
  int64_t dims[DLC_MAX_ARRAY], loops[DLC_MAX_RANK];
  if (dlcLowerI64Array(lw, "broadcast_dimensions", 0, 0, dims) != operand.rank)
    return dlcLowerFail(lw, "malformed broadcast_dimensions");
  for (intptr_t d = 0; d < operand.rank; ++d)
    loops[d] = operand.dims[d] == 1 && result.dims[dims[d]] != 1 ? DLC_MAP_ZERO : dims[d];
  return replaceWithCopy(lw, dlcLoopMap(lw->b.ctx, result.rank, operand.rank, loops));
}

/* result dim k is operand dim permutation[k]: operand dim permutation[k] reads loop k. */
static MlirLogicalResult lowerTranspose(DlcLowering *lw, int code) {
  DlcShape operand = dlcLowerOperandShape(lw, 0);
  int64_t permutation[DLC_MAX_ARRAY], loops[DLC_MAX_RANK];
  if (dlcLowerI64Array(lw, "permutation", 0, 0, permutation) != operand.rank)
    return dlcLowerFail(lw, "malformed permutation");
  for (intptr_t k = 0; k < operand.rank; ++k)
    loops[permutation[k]] = k;
  return replaceWithCopy(lw, dlcLoopMap(lw->b.ctx, operand.rank, operand.rank, loops));
}

/* A reversed dim d reads size - 1 - d. */
static MlirLogicalResult lowerReverse(DlcLowering *lw, int code) {
  DlcShape operand = dlcLowerOperandShape(lw, 0);
  int64_t dims[DLC_MAX_ARRAY];
  intptr_t numDims = dlcLowerI64Array(lw, "dimensions", 0, 0, dims);
  MlirContext ctx = lw->b.ctx;
  MlirAffineExpr exprs[DLC_MAX_RANK];
  for (intptr_t d = 0; d < operand.rank; ++d)
    exprs[d] = mlirAffineDimExprGet(ctx, d);
  for (intptr_t i = 0; i < numDims; ++i) {
    int64_t d = dims[i];
    MlirAffineExpr negated = mlirAffineMulExprGet(exprs[d], mlirAffineConstantExprGet(ctx, -1));
    exprs[d] = mlirAffineAddExprGet(negated, mlirAffineConstantExprGet(ctx, operand.dims[d] - 1));
  }
  return replaceWithCopy(lw, mlirAffineMapGet(ctx, operand.rank, 0, operand.rank, exprs));
}

/* ---- Reshape ------------------------------------------------------------------------------- */

/* The reassociation between `rank` dims and a flat side of rank 0 or 1: all dims in one
 * group, or no group at all for rank 0 (whose one element is all size-1 dims). */
static MlirAttribute oneGroup(MlirContext ctx, intptr_t rank, intptr_t flatRank) {
  MlirAttribute dims[DLC_MAX_RANK];
  for (intptr_t d = 0; d < rank; ++d)
    dims[d] = mlirIntegerAttrGet(mlirIntegerTypeGet(ctx, 64), d);
  MlirAttribute group = mlirArrayAttrGet(ctx, rank, dims);
  return mlirArrayAttrGet(ctx, flatRank, &group);
}

/* Static shapes make a row-major reshape always expressible as a collapse to 1-D (or 0-D)
 * followed by an expansion; both are views once bufferized. */
static MlirLogicalResult lowerReshape(DlcLowering *lw, int code) {
  DlcShape operand = dlcLowerOperandShape(lw, 0), result = dlcLowerResultShape(lw);
  MlirContext ctx = lw->b.ctx;
  MlirValue value = dlcLowerOperand(lw, 0);
  MlirType resultType = dlcLowerResultType(lw);
  if (mlirTypeEqual(mlirValueGetType(value), resultType))
    return dlcLowerReplace(lw, value);
  MlirType element = mlirShapedTypeGetElementType(resultType);
  int64_t count = dlcShapeNumElements(&operand);
  /* Rank 0 takes one element, so one of the two sides may skip the 1-D step. */
  intptr_t flatRank = operand.rank == 0 || result.rank == 0 ? 0 : 1;
  if (operand.rank != flatRank) {
    MlirNamedAttribute attr = dlcNamed(ctx, "reassociation", oneGroup(ctx, operand.rank, flatRank));
    value = dlcBuild(&lw->b, "tensor.collapse_shape", dlcTensorType(flatRank, &count, element), 1,
                     &value, 1, &attr);
  }
  if (result.rank != flatRank) {
    MlirNamedAttribute attrs[] = {
        dlcNamed(ctx, "reassociation", oneGroup(ctx, result.rank, flatRank)),
        dlcNamed(ctx, "static_output_shape", mlirDenseI64ArrayGet(ctx, result.rank, result.dims)),
    };
    value = dlcBuild(&lw->b, "tensor.expand_shape", resultType, 1, &value, 2, attrs);
  }
  return dlcLowerReplace(lw, value);
}

/* ---- Slices -------------------------------------------------------------------------------- */

static void fillOnes(int64_t *out, intptr_t n) {
  for (intptr_t i = 0; i < n; ++i)
    out[i] = 1;
}

static MlirLogicalResult lowerSlice(DlcLowering *lw, int code) {
  DlcShape operand = dlcLowerOperandShape(lw, 0), result = dlcLowerResultShape(lw);
  int64_t starts[DLC_MAX_ARRAY], strides[DLC_MAX_ARRAY];
  if (dlcLowerI64Array(lw, "start_indices", 0, 0, starts) != operand.rank)
    return dlcLowerFail(lw, "malformed start_indices");
  dlcLowerI64Array(lw, "strides", operand.rank, 1, strides);
  return dlcLowerReplace(lw, dlcExtractSlice(&lw->b, dlcLowerOperand(lw, 0), starts, NULL,
                                             result.dims, strides));
}

static MlirLogicalResult lowerPad(DlcLowering *lw, int code) {
  DlcShape operand = dlcLowerOperandShape(lw, 0);
  int64_t low[DLC_MAX_ARRAY], high[DLC_MAX_ARRAY], interior[DLC_MAX_ARRAY];
  if (dlcLowerI64Array(lw, "edge_padding_low", 0, 0, low) != operand.rank ||
      dlcLowerI64Array(lw, "edge_padding_high", 0, 0, high) != operand.rank)
    return dlcLowerFail(lw, "malformed edge padding");
  dlcLowerI64Array(lw, "interior_padding", operand.rank, 0, interior);
  MlirValue padValue = dlcExtractScalar(&lw->b, dlcLowerOperand(lw, 1));
  return dlcLowerReplace(lw, dlcPad(&lw->b, dlcLowerOperand(lw, 0), padValue, low, interior,
                                    dlcLowerResultType(lw)));
}

static MlirLogicalResult lowerConcatenate(DlcLowering *lw, int code) {
  DlcShape result = dlcLowerResultShape(lw);
  int64_t dimension = 0, offsets[DLC_MAX_RANK] = {0}, ones[DLC_MAX_RANK];
  dlcLowerI64(lw, "dimension", &dimension);
  fillOnes(ones, result.rank);
  MlirValue value = dlcEmpty(&lw->b, dlcLowerResultType(lw));
  for (intptr_t i = 0; i < mlirOperationGetNumOperands(lw->op); ++i) {
    int64_t size = dlcLowerOperandShape(lw, i).dims[dimension];
    if (size > 0)
      value = dlcInsertSlice(&lw->b, dlcLowerOperand(lw, i), value, offsets, NULL, ones);
    offsets[dimension] += size;
  }
  return dlcLowerReplace(lw, value);
}

/* The run-time start indices (operands first..first+rank-1), each clamped so the block of
 * `sizes` fits in `operand`. */
static void startIndices(DlcLowering *lw, intptr_t first, const DlcShape *operand,
                         const int64_t *sizes, MlirValue *out) {
  for (intptr_t d = 0; d < operand->rank; ++d) {
    DlcShape index = dlcLowerOperandShape(lw, first + d);
    bool isUnsigned = mlirIntegerTypeIsUnsigned(index.element);
    MlirValue scalar = dlcExtractScalar(&lw->b, dlcLowerOperand(lw, first + d));
    out[d] = dlcClampedIndex(&lw->b, scalar, isUnsigned, operand->dims[d] - sizes[d]);
  }
}

static MlirLogicalResult lowerDynamicSlice(DlcLowering *lw, int code) {
  DlcShape operand = dlcLowerOperandShape(lw, 0), result = dlcLowerResultShape(lw);
  MlirValue starts[DLC_MAX_RANK];
  int64_t zeros[DLC_MAX_RANK] = {0}, ones[DLC_MAX_RANK];
  fillOnes(ones, operand.rank);
  startIndices(lw, 1, &operand, result.dims, starts);
  return dlcLowerReplace(lw, dlcExtractSlice(&lw->b, dlcLowerOperand(lw, 0), zeros, starts,
                                             result.dims, ones));
}

static MlirLogicalResult lowerDynamicUpdateSlice(DlcLowering *lw, int code) {
  DlcShape operand = dlcLowerOperandShape(lw, 0), update = dlcLowerOperandShape(lw, 1);
  MlirValue starts[DLC_MAX_RANK];
  int64_t zeros[DLC_MAX_RANK] = {0}, ones[DLC_MAX_RANK];
  fillOnes(ones, operand.rank);
  startIndices(lw, 2, &operand, update.dims, starts);
  return dlcLowerReplace(lw, dlcInsertSlice(&lw->b, dlcLowerOperand(lw, 1),
                                            dlcLowerOperand(lw, 0), zeros, starts, ones));
}

const DlcLoweringPattern dlcMovementLowerings[] = {
    {"dhlo.broadcast_in_dim", lowerBroadcastInDim, 0},
    {"dhlo.transpose", lowerTranspose, 0},
    {"dhlo.reverse", lowerReverse, 0},
    {"dhlo.reshape", lowerReshape, 0},
    {"dhlo.slice", lowerSlice, 0},
    {"dhlo.pad", lowerPad, 0},
    {"dhlo.concatenate", lowerConcatenate, 0},
    {"dhlo.dynamic_slice", lowerDynamicSlice, 0},
    {"dhlo.dynamic_update_slice", lowerDynamicUpdateSlice, 0},
    {"dhlo.gather", dlcLowerGather, 0},
    {NULL, NULL, 0},
};
