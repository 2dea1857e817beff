/* ContractionToLinalg.c: lowerings of dot_general and convolution. Where the dimension
 * numbers are those of a named linalg op (matmul, batch_matmul, conv_2d_nhwc_hwcf,
 * conv_2d_nchw_fchw), that op is used, since later tiling and vectorization recognise them;
 * every other case is a linalg.generic with the loops of the contraction (parallel result
 * loops, then reduction loops) and one indexing map per operand. The accumulator is the
 * result tensor filled with zero; narrow float operands are extended to the accumulator
 * type (bf16 x bf16 -> f32 as XLA's mixed precision). */
#include "Conversion/Lowering.h"
#include "Transforms/Layouts.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

/* acc + lhs * rhs, operands extended to the accumulator's type; i1 is and/or. */
static MlirValue multiplyAccumulate(DlcBuilder *b, const MlirValue *args, void *userData) {
  MlirValue lhs = args[0], rhs = args[1], acc = args[2];
  MlirType type = mlirValueGetType(acc);
  bool isFloat = mlirTypeIsAFloat(type);
  if (isFloat && !mlirTypeEqual(mlirValueGetType(lhs), type)) {
    lhs = dlcCast(b, "arith.extf", lhs, type);
    rhs = dlcCast(b, "arith.extf", rhs, type);
  }
  if (!isFloat && mlirIntegerTypeGetWidth(type) == 1)
    return dlcBinary(b, "arith.ori", acc, dlcBinary(b, "arith.andi", lhs, rhs));
  MlirValue product = dlcBinary(b, isFloat ? "arith.mulf" : "arith.muli", lhs, rhs);
  return dlcBinary(b, isFloat ? "arith.addf" : "arith.addi", acc, product);
}

static MlirValue zeroTensor(DlcBuilder *b, MlirType type) {
  MlirType element = mlirShapedTypeGetElementType(type);
  MlirValue zero = mlirTypeIsAFloat(element) ? dlcConstFloat(b, element, 0.0)
                                             : dlcConstInt(b, element, 0);
  return dlcFill(b, zero, dlcEmpty(b, type));
}

static MlirValue truncateBody(DlcBuilder *b, const MlirValue *args, void *userData) {
  MlirType to = mlirValueGetType(args[1]);
  return dlcCast(b, mlirTypeIsAFloat(to) ? "arith.truncf" : "arith.trunci", args[0], to);
}

/* A contraction over `numLoops` loops (the first `numParallel` parallel, the rest reduced)
 * into a tensor of `accType` elements, truncated to the result type where the two differ. */
static MlirValue contract(DlcLowering *lw, MlirValue lhs, MlirValue rhs, intptr_t numLoops,
                          intptr_t numParallel, const MlirAffineMap *maps, MlirType accType) {
  DlcShape result = dlcLowerResultShape(lw);
  MlirType resultType = dlcLowerResultType(lw);
  bool reduction[2 * DLC_MAX_RANK + 1];
  for (intptr_t i = 0; i < numLoops; ++i)
    reduction[i] = i >= numParallel;
  MlirValue inputs[] = {lhs, rhs};
  MlirType accTensor = dlcTensorType(result.rank, result.dims, accType);
  DlcGenericSpec spec = {numLoops, reduction, 2, inputs, maps, zeroTensor(&lw->b, accTensor)};
  MlirValue value = dlcBuildGeneric(&lw->b, &spec, multiplyAccumulate, NULL);
  if (mlirTypeEqual(accTensor, resultType))
    return value;
  MlirAffineMap identity = dlcLoopRange(lw->b.ctx, result.rank, 0, result.rank);
  MlirAffineMap maps2[] = {identity, identity};
  DlcGenericSpec narrow = {result.rank, NULL, 1, &value, maps2, dlcEmpty(&lw->b, resultType)};
  return dlcBuildGeneric(&lw->b, &narrow, truncateBody, NULL);
}

/* ---- dot_general --------------------------------------------------------------------------- */

/* A copy of `value` (of `shape`) as the matrix (or batch of matrices) whose dim g is the
 * row-major merge of the `runs[g]` operand dims next in `order`: operand dim order[i] of
 * run g is (loop g floordiv its stride in the run) mod its size, unit dims 0. No copy when
 * the operand is that matrix already. `sizes` gets the matrix's dims. */
static MlirValue gatherOperand(DlcLowering *lw, MlirValue value, DlcShape shape,
                               const int64_t *order, intptr_t numGroups, const intptr_t *runs,
                               int64_t *sizes) {
  MlirContext ctx = lw->b.ctx;
  MlirAffineExpr exprs[DLC_MAX_RANK];
  bool identity = numGroups == shape.rank;
  for (intptr_t g = 0, i = 0; g < numGroups; i += runs[g++]) {
    int64_t outer = 1; /* the product of the run's dims before dim j */
    sizes[g] = 1;
    for (intptr_t j = i; j < i + runs[g]; ++j)
      sizes[g] *= shape.dims[order[j]];
    for (intptr_t j = i; j < i + runs[g]; ++j) {
      int64_t dim = shape.dims[order[j]];
      MlirAffineExpr e = mlirAffineFloorDivExprGet(
          mlirAffineDimExprGet(ctx, g), mlirAffineConstantExprGet(ctx, sizes[g] / outer / dim));
      if (outer > 1)
        e = mlirAffineModExprGet(e, mlirAffineConstantExprGet(ctx, dim));
      exprs[order[j]] = dim == 1 ? mlirAffineConstantExprGet(ctx, 0) : e;
      outer *= dim;
      identity &= order[j] == j;
    }
  }
  if (identity)
    return value;
  MlirType element = mlirShapedTypeGetElementType(mlirValueGetType(value));
  return dlcBuildMapCopy(&lw->b, value, mlirAffineMapGet(ctx, numGroups, 0, shape.rank, exprs),
                         dlcTensorType(numGroups, sizes, element));
}

/* The [B, M, N] (or [M, N]) product copied out to the result's shape, whose dims are runs of
 * `runs[g]` dims merged row-major into dim g of the product. */
static MlirValue scatterResult(DlcLowering *lw, MlirValue value, intptr_t numGroups,
                               const intptr_t *runs) {
  DlcShape result = dlcLowerResultShape(lw);
  if (numGroups == result.rank)
    return value;
  MlirContext ctx = lw->b.ctx;
  MlirAffineExpr exprs[3];
  for (intptr_t g = 0, i = 0; g < numGroups; i += runs[g++]) {
    int64_t stride = 1;
    exprs[g] = mlirAffineConstantExprGet(ctx, 0);
    for (intptr_t j = i + runs[g]; j-- > i; stride *= result.dims[j])
      if (result.dims[j] != 1) /* unit dims add nothing: the copy stays a projection */
        exprs[g] = mlirAffineAddExprGet(
            exprs[g], mlirAffineMulExprGet(mlirAffineDimExprGet(ctx, j),
                                           mlirAffineConstantExprGet(ctx, stride)));
  }
  return dlcBuildMapCopy(&lw->b, value, mlirAffineMapGet(ctx, result.rank, 0, numGroups, exprs),
                         dlcLowerResultType(lw));
}

/* One side's dims in the order `first`, `second`, `third` (each `n*` long). */
static void sideOrder(int64_t *order, const int64_t *first, intptr_t n1, const int64_t *second,
                      intptr_t n2, const int64_t *third, intptr_t n3) {
  for (intptr_t i = 0; i < n1; ++i)
    *order++ = first[i];
  for (intptr_t i = 0; i < n2; ++i)
    *order++ = second[i];
  for (intptr_t i = 0; i < n3; ++i)
    *order++ = third[i];
}

/* The free dims of one side, in order; returns their count. */
static intptr_t freeDims(intptr_t rank, const int64_t *batch, const int64_t *contract,
                         const DlcDotDims *dims, int64_t *out) {
  bool used[DLC_MAX_RANK] = {false};
  dlcDotUsedDims(batch, contract, dims, used);
  intptr_t n = 0;
  for (intptr_t d = 0; d < rank; ++d)
    if (!used[d])
      out[n++] = d;
  return n;
}

/* Every dot_general with a contracting dim and free dims on both sides as linalg.matmul
 * ([M, K] x [K, N], when the batch dims hold one element) or linalg.batch_matmul
 * ([B, M, K] x [B, K, N]), the ops dlc-tile-and-vectorize schedules. An operand not in
 * that form is copied into it (O(size), against the product's O(size x other free dims)),
 * and the product copied out to [batch..., lhs free..., rhs free...]: copies are
 * elementwise generics that linalg-fuse-elementwise-ops merges with the operand's producer
 * and the result's consumers (the epilogue). Reshapes would not do: that pass folds a
 * collapse_shape or expand_shape next to a named op into it, making it a generic, and then
 * fuses elementwise producers into the contraction, recomputing them per output column.
 * Fails, building nothing, for other dots. */
static MlirValue namedDot(DlcLowering *lw, const DlcDotDims *dims, MlirValue lhsValue,
                          MlirValue rhsValue) {
  DlcShape lhs = dlcLowerOperandShape(lw, 0), rhs = dlcLowerOperandShape(lw, 1);
  int64_t lhsFree[DLC_MAX_RANK], rhsFree[DLC_MAX_RANK];
  intptr_t nb = dims->numBatch, nc = dims->numContract;
  intptr_t nl = freeDims(lhs.rank, dims->lhsBatch, dims->lhsContract, dims, lhsFree);
  intptr_t nr = freeDims(rhs.rank, dims->rhsBatch, dims->rhsContract, dims, rhsFree);
  if (nc == 0 || nl == 0 || nr == 0 || dlcShapeNumElements(&lhs) == 0 ||
      dlcShapeNumElements(&rhs) == 0)
    return (MlirValue){NULL}; /* empty operands: the generic (no index arithmetic on 0) */
  int64_t batch = 1;
  for (intptr_t i = 0; i < nb; ++i)
    batch *= lhs.dims[dims->lhsBatch[i]];
  bool batched = batch > 1;
  int64_t lhsOrder[DLC_MAX_RANK], rhsOrder[DLC_MAX_RANK], lhsSizes[3], rhsSizes[3];
  sideOrder(lhsOrder, dims->lhsBatch, nb, lhsFree, nl, dims->lhsContract, nc);
  sideOrder(rhsOrder, dims->rhsBatch, nb, dims->rhsContract, nc, rhsFree, nr);
  /* Unbatched, the unit batch dims join the first run of each side. */
  intptr_t lhsRuns[] = {nb, nl, nc}, rhsRuns[] = {nb, nc, nr}, resultRuns[] = {nb, nl, nr};
  intptr_t numGroups = batched ? 3 : 2;
  const intptr_t *lr = batched ? lhsRuns : (intptr_t[]){nb + nl, nc};
  const intptr_t *rr = batched ? rhsRuns : (intptr_t[]){nb + nc, nr};
  const intptr_t *outRuns = batched ? resultRuns : (intptr_t[]){nb + nl, nr};
  MlirValue inputs[] = {gatherOperand(lw, lhsValue, lhs, lhsOrder, numGroups, lr, lhsSizes),
                        gatherOperand(lw, rhsValue, rhs, rhsOrder, numGroups, rr, rhsSizes)};
  int64_t outSizes[] = {lhsSizes[0], lhsSizes[numGroups - 2], rhsSizes[numGroups - 1]};
  MlirType resultType = dlcLowerResultType(lw);
  MlirType element = mlirShapedTypeGetElementType(resultType);
  MlirType outType = dlcTensorType(numGroups, batched ? outSizes : outSizes + 1, element);
  MlirValue value =
      dlcBuildNamed(&lw->b, batched ? "linalg.batch_matmul" : "linalg.matmul", 2, inputs,
                    zeroTensor(&lw->b, outType), 0, NULL);
  return scatterResult(lw, value, numGroups, outRuns);
}

/* Loops: batch dims, lhs free dims, rhs free dims (the result's dims, in order), then the
 * contracting dims. Each operand dim reads the loop of its role. */
static MlirAffineMap dotOperandMap(MlirContext ctx, intptr_t rank, const int64_t *batch,
                                   const int64_t *contract, const DlcDotDims *dims,
                                   intptr_t firstFree, intptr_t firstContract, intptr_t numLoops) {
  int64_t loops[DLC_MAX_RANK];
  for (intptr_t d = 0; d < rank; ++d)
    loops[d] = -2;
  for (intptr_t j = 0; j < dims->numBatch; ++j)
    loops[batch[j]] = j;
  for (intptr_t j = 0; j < dims->numContract; ++j)
    loops[contract[j]] = firstContract + j;
  for (intptr_t d = 0, free = firstFree; d < rank; ++d)
    if (loops[d] == -2)
      loops[d] = free++;
  return dlcLoopMap(ctx, numLoops, rank, loops);
}

static MlirLogicalResult lowerDotGeneral(DlcLowering *lw, int code) {
  DlcShape lhs = dlcLowerOperandShape(lw, 0), rhs = dlcLowerOperandShape(lw, 1);
  DlcShape result = dlcLowerResultShape(lw);
  DlcDotDims dims;
  dlcDotDimsRead(lw->op, &dims);
  MlirType accType = mlirShapedTypeGetElementType(dlcLowerResultType(lw));
  MlirAttribute accAttr = mlirOperationGetAttributeByName(lw->op, dlcStr("accumulation_type"));
  if (!mlirAttributeIsNull(accAttr) && mlirAttributeIsAType(accAttr))
    accType = dlcSignlessType(mlirTypeAttrGetValue(accAttr));
  MlirValue lhsValue = dlcLowerOperand(lw, 0), rhsValue = dlcLowerOperand(lw, 1);

  if (!dlcIsBoolType(accType) &&
      mlirTypeEqual(accType, mlirShapedTypeGetElementType(dlcLowerResultType(lw)))) {
    MlirValue value = namedDot(lw, &dims, lhsValue, rhsValue);
    if (!mlirValueIsNull(value))
      return dlcLowerReplace(lw, value);
  }

  intptr_t numParallel = result.rank, numLoops = result.rank + dims.numContract;
  intptr_t numLhsFree = lhs.rank - dims.numBatch - dims.numContract;
  MlirAffineMap maps[3];
  maps[0] = dotOperandMap(lw->b.ctx, lhs.rank, dims.lhsBatch, dims.lhsContract, &dims,
                          dims.numBatch, numParallel, numLoops);
  maps[1] = dotOperandMap(lw->b.ctx, rhs.rank, dims.rhsBatch, dims.rhsContract, &dims,
                          dims.numBatch + numLhsFree, numParallel, numLoops);
  maps[2] = dlcLoopRange(lw->b.ctx, numLoops, 0, result.rank);
  MlirValue value = contract(lw, lhsValue, rhsValue, numLoops, numParallel, maps, accType);
  return dlcLowerReplace(lw, value);
}

/* ---- convolution --------------------------------------------------------------------------- */

typedef struct Conv {
  DlcConvLabels labels;
  intptr_t numSpatial;
  int64_t strides[DLC_MAX_RANK], rhsDilation[DLC_MAX_RANK];
  int64_t featureGroups, batchGroups;
} Conv;

static bool labelsAre(const DlcConvLabels *l, const char *input, const char *kernel,
                      const char *output) {
  for (intptr_t d = 0; d < l->rank; ++d)
    if (l->input[d] != input[d] || l->kernel[d] != kernel[d] || l->output[d] != output[d])
      return false;
  return true;
}

static MlirLogicalResult namedConv(DlcLowering *lw, const Conv *c, MlirValue input,
                                   MlirValue kernel) {
  const char *name = NULL;
  if (c->numSpatial == 2 && c->featureGroups == 1 && c->batchGroups == 1) {
    if (labelsAre(&c->labels, "b01f", "01io", "b01f"))
      name = "linalg.conv_2d_nhwc_hwcf";
    else if (labelsAre(&c->labels, "bf01", "oi01", "bf01"))
      name = "linalg.conv_2d_nchw_fchw";
  }
  if (!name)
    return mlirLogicalResultFailure();
  MlirContext ctx = lw->b.ctx;
  MlirType vector = dlcTensorType(1, &(int64_t){2}, mlirIntegerTypeGet(ctx, 64));
  MlirNamedAttribute attrs[] = {
      dlcNamed(ctx, "strides", mlirDenseElementsAttrInt64Get(vector, 2, c->strides)),
      dlcNamed(ctx, "dilations", mlirDenseElementsAttrInt64Get(vector, 2, c->rhsDilation)),
  };
  MlirValue inputs[] = {input, kernel};
  MlirValue init = zeroTensor(&lw->b, dlcLowerResultType(lw));
  return dlcLowerReplace(lw, dlcBuildNamed(&lw->b, name, 2, inputs, init, 2, attrs));
}

/* Loops: the output's dims in its order, then the kernel input feature, then the window's
 * spatial dims. With feature groups, output feature o reads input features of group
 * o floordiv (O / groups); with batch groups, input batches of that group. */
static MlirLogicalResult genericConv(DlcLowering *lw, const Conv *c, MlirValue input,
                                     MlirValue kernel) {
  MlirContext ctx = lw->b.ctx;
  const DlcConvLabels *l = &c->labels;
  DlcShape out = dlcLowerResultShape(lw);
  intptr_t rank = l->rank, numLoops = rank + 1 + c->numSpatial;
  int64_t ob = dlcConvDimOf(l->output, rank, 'b'), of = dlcConvDimOf(l->output, rank, 'f');
  int64_t kernelIn = dlcLowerOperandShape(lw, 1).dims[dlcConvDimOf(l->kernel, rank, 'i')];
  int64_t outFeatures = out.dims[of];
  MlirAffineExpr inExprs[DLC_MAX_RANK], kernelExprs[DLC_MAX_RANK];
  MlirAffineExpr group = mlirAffineFloorDivExprGet(
      mlirAffineDimExprGet(ctx, of),
      mlirAffineConstantExprGet(ctx, outFeatures / (c->featureGroups * c->batchGroups)));
  for (intptr_t d = 0; d < rank; ++d) {
    char label = l->input[d];
    if (label == 'b') {
      inExprs[d] = mlirAffineDimExprGet(ctx, ob);
      if (c->batchGroups > 1)
        inExprs[d] = mlirAffineAddExprGet(
            mlirAffineMulExprGet(group, mlirAffineConstantExprGet(ctx, out.dims[ob])), inExprs[d]);
    } else if (label == 'f') {
      inExprs[d] = mlirAffineDimExprGet(ctx, rank);
      if (c->featureGroups > 1)
        inExprs[d] = mlirAffineAddExprGet(
            mlirAffineMulExprGet(group, mlirAffineConstantExprGet(ctx, kernelIn)), inExprs[d]);
    } else {
      int k = label - '0';
      MlirAffineExpr position = mlirAffineMulExprGet(
          mlirAffineDimExprGet(ctx, dlcConvDimOf(l->output, rank, label)),
          mlirAffineConstantExprGet(ctx, c->strides[k]));
      MlirAffineExpr tap = mlirAffineMulExprGet(mlirAffineDimExprGet(ctx, rank + 1 + k),
                                                mlirAffineConstantExprGet(ctx, c->rhsDilation[k]));
      inExprs[d] = mlirAffineAddExprGet(position, tap);
    }
    label = l->kernel[d];
    kernelExprs[d] = mlirAffineDimExprGet(ctx, label == 'i'   ? rank
                                               : label == 'o' ? of
                                                              : rank + 1 + (label - '0'));
  }
  MlirAffineMap maps[] = {mlirAffineMapGet(ctx, numLoops, 0, rank, inExprs),
                          mlirAffineMapGet(ctx, numLoops, 0, rank, kernelExprs),
                          dlcLoopRange(ctx, numLoops, 0, rank)};
  MlirType accType = mlirShapedTypeGetElementType(dlcLowerResultType(lw));
  return dlcLowerReplace(lw, contract(lw, input, kernel, numLoops, rank, maps, accType));
}

/* The input is first padded and dilated (lhs_dilation is interior padding with zeros), so
 * that both forms only see strides and kernel dilation. */
static MlirLogicalResult lowerConvolution(DlcLowering *lw, int code) {
  Conv c = {.featureGroups = 1, .batchGroups = 1};
  if (mlirLogicalResultIsFailure(dlcConvLabelsRead(lw->op, &c.labels)))
    return dlcLowerFail(lw, "malformed dimension_numbers");
  intptr_t rank = c.labels.rank;
  c.numSpatial = rank - 2;
  int64_t padding[DLC_MAX_ARRAY], lhsDilation[DLC_MAX_ARRAY];
  dlcLowerI64Array(lw, "window_strides", c.numSpatial, 1, c.strides);
  dlcLowerI64Array(lw, "rhs_dilation", c.numSpatial, 1, c.rhsDilation);
  dlcLowerI64Array(lw, "lhs_dilation", c.numSpatial, 1, lhsDilation);
  dlcLowerI64Array(lw, "padding", 2 * c.numSpatial, 0, padding);
  dlcLowerI64(lw, "feature_group_count", &c.featureGroups);
  dlcLowerI64(lw, "batch_group_count", &c.batchGroups);

  DlcShape lhs = dlcLowerOperandShape(lw, 0);
  int64_t low[DLC_MAX_RANK] = {0}, interior[DLC_MAX_RANK] = {0};
  DlcShape padded = lhs;
  bool needsPad = false;
  for (intptr_t k = 0; k < c.numSpatial; ++k) {
    int64_t d = dlcConvDimOf(c.labels.input, rank, (char)('0' + k));
    low[d] = padding[2 * k];
    interior[d] = lhsDilation[k] - 1;
    padded.dims[d] = padding[2 * k] + lhs.dims[d] + (lhs.dims[d] > 0 ? lhs.dims[d] - 1 : 0) *
                     interior[d] + padding[2 * k + 1];
    needsPad |= low[d] != 0 || interior[d] != 0 || padding[2 * k + 1] != 0;
  }
  MlirValue input = dlcLowerOperand(lw, 0), kernel = dlcLowerOperand(lw, 1);
  if (needsPad) {
    MlirType element = dlcSignlessType(lhs.element);
    MlirValue zero = mlirTypeIsAFloat(element) ? dlcConstFloat(&lw->b, element, 0.0)
                                               : dlcConstInt(&lw->b, element, 0);
    input = dlcPad(&lw->b, input, zero, low, interior,
                   dlcTensorType(rank, padded.dims, element));
  }
  if (mlirLogicalResultIsSuccess(namedConv(lw, &c, input, kernel)))
    return mlirLogicalResultSuccess();
  return genericConv(lw, &c, input, kernel);
}

const DlcLoweringPattern dlcContractionLowerings[] = {
    {"dhlo.dot_general", lowerDotGeneral, 0},
    {"dhlo.convolution", lowerConvolution, 0},
    {NULL, NULL, 0},
};
