/* Build.c: how lowerings build upstream ops through the C API, which has no builders for
 * arith, tensor or linalg: every op is made with mlirOperationCreate in its generic form
 * (the attributes as `--mlir-print-op-generic` shows them), and inserted either through
 * the rewriter, so the greedy driver sees it, or at the end of a body under construction. */
#include "Conversion/Lowering.h"
#include "Support/Alloc.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Dialect/Linalg.h"

#include <stdlib.h>

/* ---- Ops ----------------------------------------------------------------------------------- */

MlirNamedAttribute dlcNamed(MlirContext ctx, const char *name, MlirAttribute attr) {
  return mlirNamedAttributeGet(mlirIdentifierGet(ctx, dlcStr(name)), attr);
}

MlirOperation dlcInsert(DlcBuilder *b, MlirOperation op) {
  if (!mlirBlockIsNull(b->block)) {
    mlirBlockAppendOwnedOperation(b->block, op);
    return op;
  }
  return mlirRewriterBaseInsert(b->rewriter, op);
}

/* Creates op `name` with no result (null `result`) or one, and `region` unless null. */
static MlirOperation buildOp(DlcBuilder *b, const char *name, MlirType result,
                             intptr_t numOperands, const MlirValue *operands,
                             intptr_t numAttributes, const MlirNamedAttribute *attributes,
                             MlirRegion region) {
  MlirOperationState state = mlirOperationStateGet(dlcStr(name), b->loc);
  mlirOperationStateAddOperands(&state, numOperands, operands);
  mlirOperationStateAddAttributes(&state, numAttributes, attributes);
  if (!mlirTypeIsNull(result))
    mlirOperationStateAddResults(&state, 1, &result);
  if (!mlirRegionIsNull(region))
    mlirOperationStateAddOwnedRegions(&state, 1, &region);
  return dlcInsert(b, mlirOperationCreate(&state));
}

MlirOperation dlcBuildRegionOp(DlcBuilder *b, const char *name, intptr_t numResults,
                               const MlirType *results, intptr_t numOperands,
                               const MlirValue *operands, intptr_t numAttributes,
                               const MlirNamedAttribute *attributes, intptr_t numRegions,
                               intptr_t numArgs, const MlirType *argTypes, MlirBlock *block) {
  MlirOperationState state = mlirOperationStateGet(dlcStr(name), b->loc);
  mlirOperationStateAddResults(&state, numResults, results);
  mlirOperationStateAddOperands(&state, numOperands, operands);
  mlirOperationStateAddAttributes(&state, numAttributes, attributes);
  MlirRegion regions[2];
  for (intptr_t i = 0; i < numRegions; ++i)
    regions[i] = mlirRegionCreate();
  if (numArgs >= 0) {
    MlirLocation locs[16];
    for (intptr_t i = 0; i < numArgs; ++i)
      locs[i] = b->loc;
    *block = mlirBlockCreate(numArgs, argTypes, locs);
    mlirRegionAppendOwnedBlock(regions[0], *block);
  }
  mlirOperationStateAddOwnedRegions(&state, numRegions, regions);
  return dlcInsert(b, mlirOperationCreate(&state));
}

MlirOperation dlcBuildStridedFor(DlcBuilder *b, MlirValue from, int64_t to, int64_t step,
                                 MlirValue init, MlirOperation *yield) {
  bool carried = !mlirValueIsNull(init);
  MlirValue operands[] = {from, dlcConstIndex(b, to), dlcConstIndex(b, step), init};
  MlirType types[] = {mlirIndexTypeGet(b->ctx),
                      carried ? mlirValueGetType(init) : mlirIndexTypeGet(b->ctx)};
  MlirBlock body;
  MlirOperation forOp = dlcBuildRegionOp(b, "scf.for", carried, types + 1, 3 + carried, operands,
                                         0, NULL, 1, 1 + carried, types, &body);
  mlirRewriterBaseSetInsertionPointToEnd(b->rewriter, body);
  *yield = dlcBuildRegionOp(b, "scf.yield", 0, NULL, 0, NULL, 0, NULL, 0, -1, NULL, NULL);
  mlirRewriterBaseSetInsertionPointBefore(b->rewriter, *yield);
  return forOp;
}

MlirValue dlcBuild(DlcBuilder *b, const char *name, MlirType result, intptr_t numOperands,
                   const MlirValue *operands, intptr_t numAttributes,
                   const MlirNamedAttribute *attributes) {
  MlirOperation op = buildOp(b, name, result, numOperands, operands, numAttributes, attributes,
                             (MlirRegion){NULL});
  return mlirOperationGetResult(op, 0);
}

MlirValue dlcUnary(DlcBuilder *b, const char *name, MlirValue x) {
  return dlcBuild(b, name, mlirValueGetType(x), 1, &x, 0, NULL);
}

MlirValue dlcBinary(DlcBuilder *b, const char *name, MlirValue lhs, MlirValue rhs) {
  MlirValue operands[] = {lhs, rhs};
  return dlcBuild(b, name, mlirValueGetType(lhs), 2, operands, 0, NULL);
}

MlirValue dlcCast(DlcBuilder *b, const char *name, MlirValue x, MlirType to) {
  return dlcBuild(b, name, to, 1, &x, 0, NULL);
}

MlirValue dlcSelect(DlcBuilder *b, MlirValue cond, MlirValue onTrue, MlirValue onFalse) {
  MlirValue operands[] = {cond, onTrue, onFalse};
  return dlcBuild(b, "arith.select", mlirValueGetType(onTrue), 3, operands, 0, NULL);
}

static MlirValue compare(DlcBuilder *b, const char *name, int predicate, MlirValue lhs,
                         MlirValue rhs) {
  MlirValue operands[] = {lhs, rhs};
  MlirNamedAttribute attr = dlcNamed(
      b->ctx, "predicate", mlirIntegerAttrGet(mlirIntegerTypeGet(b->ctx, 64), predicate));
  return dlcBuild(b, name, mlirIntegerTypeGet(b->ctx, 1), 2, operands, 1, &attr);
}

MlirValue dlcCmpI(DlcBuilder *b, DlcCmpI predicate, MlirValue lhs, MlirValue rhs) {
  return compare(b, "arith.cmpi", predicate, lhs, rhs);
}

MlirValue dlcCmpF(DlcBuilder *b, DlcCmpF predicate, MlirValue lhs, MlirValue rhs) {
  return compare(b, "arith.cmpf", predicate, lhs, rhs);
}

static MlirValue constant(DlcBuilder *b, MlirAttribute value) {
  MlirNamedAttribute attr = dlcNamed(b->ctx, "value", value);
  return dlcBuild(b, "arith.constant", mlirAttributeGetType(value), 0, NULL, 1, &attr);
}

MlirValue dlcConstInt(DlcBuilder *b, MlirType type, int64_t value) {
  /* IntegerAttr wants the value in range of its width: sign-extend from the width. */
  if (mlirTypeIsAInteger(type) && mlirIntegerTypeGetWidth(type) < 64) {
    unsigned shift = 64 - mlirIntegerTypeGetWidth(type);
    value = (int64_t)((uint64_t)value << shift) >> shift;
  }
  return constant(b, mlirIntegerAttrGet(type, value));
}

MlirValue dlcConstFloat(DlcBuilder *b, MlirType type, double value) {
  return constant(b, mlirFloatAttrDoubleGet(b->ctx, type, value));
}

MlirValue dlcConstIndex(DlcBuilder *b, int64_t value) {
  return constant(b, mlirIntegerAttrGet(mlirIndexTypeGet(b->ctx), value));
}

/* ---- Tensors ------------------------------------------------------------------------------- */

MlirType dlcTensorType(intptr_t rank, const int64_t *dims, MlirType element) {
  return mlirRankedTensorTypeGet(rank, dims, element, mlirAttributeGetNull());
}

MlirType dlcSignlessType(MlirType type) {
  if (mlirTypeIsAInteger(type) && mlirIntegerTypeIsUnsigned(type))
    return mlirIntegerTypeGet(mlirTypeGetContext(type), mlirIntegerTypeGetWidth(type));
  if (!mlirTypeIsARankedTensor(type))
    return type;
  MlirType element = mlirShapedTypeGetElementType(type), signless = dlcSignlessType(element);
  intptr_t rank = mlirShapedTypeGetRank(type);
  bool plain = mlirAttributeIsNull(mlirRankedTensorTypeGetEncoding(type));
  if ((plain && mlirTypeEqual(element, signless)) || rank > DLC_MAX_RANK)
    return type;
  int64_t dims[DLC_MAX_RANK];
  for (intptr_t i = 0; i < rank; ++i)
    dims[i] = mlirShapedTypeGetDimSize(type, i);
  return dlcTensorType(rank, dims, signless);
}

MlirValue dlcEmpty(DlcBuilder *b, MlirType tensorType) {
  return dlcBuild(b, "tensor.empty", tensorType, 0, NULL, 0, NULL);
}

static MlirAttribute segments(MlirContext ctx, intptr_t n, const int32_t *sizes) {
  return mlirDenseI32ArrayGet(ctx, n, sizes);
}

MlirValue dlcFill(DlcBuilder *b, MlirValue scalar, MlirValue init) {
  return dlcBuildNamed(b, "linalg.fill", 1, &scalar, init, 0, NULL);
}

MlirValue dlcExtractScalar(DlcBuilder *b, MlirValue tensor0d) {
  MlirType element = mlirShapedTypeGetElementType(mlirValueGetType(tensor0d));
  return dlcBuild(b, "tensor.extract", element, 1, &tensor0d, 0, NULL);
}

/* extract_slice (one tensor operand) and insert_slice (two) in their generic form: the
 * tensors, then the dynamic offsets, which static_offsets marks with ShapedType::kDynamic
 * (INT64_MIN); sizes and strides are static. */
static MlirValue buildSlice(DlcBuilder *b, const char *name, intptr_t numTensors,
                            const MlirValue *tensors, MlirType result, intptr_t rank,
                            const int64_t *offsets, const MlirValue *dynOffsets,
                            const int64_t *sizes, const int64_t *strides) {
  MlirValue operands[2 + DLC_MAX_RANK];
  int64_t staticOffsets[DLC_MAX_RANK];
  int32_t numOperands = (int32_t)numTensors;
  for (intptr_t i = 0; i < numTensors; ++i)
    operands[i] = tensors[i];
  for (intptr_t i = 0; i < rank; ++i) {
    bool dynamic = dynOffsets && !mlirValueIsNull(dynOffsets[i]);
    staticOffsets[i] = dynamic ? mlirShapedTypeGetDynamicStrideOrOffset() : offsets[i];
    if (dynamic)
      operands[numOperands++] = dynOffsets[i];
  }
  int32_t segmentSizes[] = {1, 1, 0, 0, 0};
  segmentSizes[numTensors] = numOperands - (int32_t)numTensors;
  MlirNamedAttribute attrs[] = {
      dlcNamed(b->ctx, "operandSegmentSizes", segments(b->ctx, numTensors + 3, segmentSizes)),
      dlcNamed(b->ctx, "static_offsets", mlirDenseI64ArrayGet(b->ctx, rank, staticOffsets)),
      dlcNamed(b->ctx, "static_sizes", mlirDenseI64ArrayGet(b->ctx, rank, sizes)),
      dlcNamed(b->ctx, "static_strides", mlirDenseI64ArrayGet(b->ctx, rank, strides)),
  };
  return dlcBuild(b, name, result, numOperands, operands, 4, attrs);
}

MlirValue dlcExtractSlice(DlcBuilder *b, MlirValue source, const int64_t *offsets,
                          const MlirValue *dynOffsets, const int64_t *sizes,
                          const int64_t *strides) {
  MlirType sourceType = mlirValueGetType(source);
  intptr_t rank = mlirShapedTypeGetRank(sourceType);
  MlirType result = dlcTensorType(rank, sizes, mlirShapedTypeGetElementType(sourceType));
  return buildSlice(b, "tensor.extract_slice", 1, &source, result, rank, offsets, dynOffsets,
                    sizes, strides);
}

MlirValue dlcInsertSlice(DlcBuilder *b, MlirValue source, MlirValue dest, const int64_t *offsets,
                         const MlirValue *dynOffsets, const int64_t *strides) {
  MlirType sourceType = mlirValueGetType(source);
  intptr_t rank = mlirShapedTypeGetRank(sourceType);
  int64_t sizes[DLC_MAX_RANK];
  for (intptr_t i = 0; i < rank; ++i)
    sizes[i] = mlirShapedTypeGetDimSize(sourceType, i);
  MlirValue tensors[] = {source, dest};
  return buildSlice(b, "tensor.insert_slice", 2, tensors, mlirValueGetType(dest), rank, offsets,
                    dynOffsets, sizes, strides);
}

MlirValue dlcClampedIndex(DlcBuilder *b, MlirValue x, bool isUnsigned, int64_t hi) {
  MlirType i64 = mlirIntegerTypeGet(b->ctx, 64);
  if (mlirIntegerTypeGetWidth(mlirValueGetType(x)) < 64)
    x = dlcCast(b, isUnsigned ? "arith.extui" : "arith.extsi", x, i64);
  if (!isUnsigned) /* an unsigned index is never below 0 */
    x = dlcBinary(b, "arith.maxsi", x, dlcConstInt(b, i64, 0));
  x = dlcBinary(b, isUnsigned ? "arith.minui" : "arith.minsi", x, dlcConstInt(b, i64, hi));
  return dlcCast(b, "arith.index_cast", x, mlirIndexTypeGet(b->ctx));
}

static int64_t floorDiv(int64_t a, int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

/* The padding value everywhere, then the source elements that stay inside the result,
 * inserted with stride interior + 1. Per dim, source element k lands at k * (interior + 1)
 * + low, so negative edge padding is a slice of the source (elements kmin..kmax). */
MlirValue dlcPad(DlcBuilder *b, MlirValue source, MlirValue padValue, const int64_t *low,
                 const int64_t *interior, MlirType resultType) {
  MlirValue padded = dlcFill(b, padValue, dlcEmpty(b, resultType));
  MlirType sourceType = mlirValueGetType(source);
  intptr_t rank = mlirShapedTypeGetRank(sourceType);
  int64_t first[DLC_MAX_RANK], sizes[DLC_MAX_RANK], offsets[DLC_MAX_RANK], steps[DLC_MAX_RANK],
      ones[DLC_MAX_RANK];
  bool empty = false, whole = true;
  for (intptr_t d = 0; d < rank; ++d) {
    int64_t size = mlirShapedTypeGetDimSize(sourceType, d), step = interior[d] + 1;
    int64_t kmin = low[d] < 0 ? -floorDiv(low[d], step) : 0;
    int64_t kmax = floorDiv(mlirShapedTypeGetDimSize(resultType, d) - 1 - low[d], step);
    if (kmax > size - 1)
      kmax = size - 1;
    first[d] = kmin;
    sizes[d] = kmax - kmin + 1;
    offsets[d] = kmin * step + low[d];
    steps[d] = step;
    ones[d] = 1;
    empty |= sizes[d] <= 0;
    whole &= sizes[d] == size;
  }
  if (empty)
    return padded;
  if (!whole)
    source = dlcExtractSlice(b, source, first, NULL, sizes, ones);
  return dlcInsertSlice(b, source, padded, offsets, NULL, steps);
}

/* ---- linalg -------------------------------------------------------------------------------- */

MlirAffineMap dlcLoopRange(MlirContext ctx, intptr_t numLoops, intptr_t first, intptr_t count) {
  MlirAffineExpr exprs[DLC_MAX_ARRAY];
  for (intptr_t i = 0; i < count; ++i)
    exprs[i] = mlirAffineDimExprGet(ctx, first + i);
  return mlirAffineMapGet(ctx, numLoops, 0, count, exprs);
}

MlirValue dlcLoopIndex(DlcBuilder *b, int64_t loop) {
  MlirNamedAttribute dim =
      dlcNamed(b->ctx, "dim", mlirIntegerAttrGet(mlirIntegerTypeGet(b->ctx, 64), loop));
  return dlcBuild(b, "linalg.index", mlirIndexTypeGet(b->ctx), 0, NULL, 1, &dim);
}

MlirValue dlcBuildFromIndices(DlcBuilder *b, MlirType resultType, DlcBodyFn body,
                              void *userData) {
  intptr_t rank = mlirShapedTypeGetRank(resultType);
  MlirAffineMap map = dlcLoopRange(b->ctx, rank, 0, rank);
  DlcGenericSpec spec = {rank, NULL, 0, NULL, &map, dlcEmpty(b, resultType)};
  return dlcBuildGeneric(b, &spec, body, userData);
}

MlirAffineMap dlcLoopMap(MlirContext ctx, intptr_t numLoops, intptr_t numResults,
                         const int64_t *loops) {
  MlirAffineExpr exprs[DLC_MAX_ARRAY];
  for (intptr_t i = 0; i < numResults; ++i)
    exprs[i] = loops[i] == DLC_MAP_ZERO ? mlirAffineConstantExprGet(ctx, 0)
                                        : mlirAffineDimExprGet(ctx, loops[i]);
  return mlirAffineMapGet(ctx, numLoops, 0, numResults, exprs);
}

/* A region of one block whose arguments are the element types of `values`. */
static MlirRegion bodyRegion(DlcBuilder *b, intptr_t n, const MlirValue *values, MlirBlock *block) {
  MlirType types[DLC_MAX_ARRAY];
  MlirLocation locs[DLC_MAX_ARRAY];
  for (intptr_t i = 0; i < n; ++i) {
    types[i] = mlirShapedTypeGetElementType(mlirValueGetType(values[i]));
    locs[i] = b->loc;
  }
  MlirRegion region = mlirRegionCreate();
  *block = mlirBlockCreate(n, types, locs);
  mlirRegionAppendOwnedBlock(region, *block);
  return region;
}

/* Fills `block` (of a region being built) through `body` and ends it with linalg.yield;
 * false if `body` gave up. */
static bool fillBody(DlcBuilder *b, MlirBlock block, intptr_t numArgs, DlcBodyFn body,
                     void *userData) {
  DlcBuilder inner = {b->ctx, b->loc, b->rewriter, block};
  MlirValue args[DLC_MAX_ARRAY];
  for (intptr_t i = 0; i < numArgs; ++i)
    args[i] = mlirBlockGetArgument(block, i);
  MlirValue yielded = body(&inner, args, userData);
  if (mlirValueIsNull(yielded))
    return false;
  buildOp(&inner, "linalg.yield", (MlirType){NULL}, 1, &yielded, 0, NULL, (MlirRegion){NULL});
  return true;
}

MlirValue dlcBuildGeneric(DlcBuilder *b, const DlcGenericSpec *spec, DlcBodyFn body,
                          void *userData) {
  intptr_t numOperands = spec->numInputs + 1;
  MlirValue operands[DLC_MAX_ARRAY];
  MlirAttribute maps[DLC_MAX_ARRAY], iterators[DLC_MAX_ARRAY];
  for (intptr_t i = 0; i < spec->numInputs; ++i)
    operands[i] = spec->inputs[i];
  operands[spec->numInputs] = spec->init;
  for (intptr_t i = 0; i < numOperands; ++i)
    maps[i] = mlirAffineMapAttrGet(spec->maps[i]);
  MlirAttribute parallel = mlirAttributeParseGet(b->ctx, dlcStr("#linalg.iterator_type<parallel>"));
  MlirAttribute reduction =
      mlirAttributeParseGet(b->ctx, dlcStr("#linalg.iterator_type<reduction>"));
  for (intptr_t i = 0; i < spec->numLoops; ++i)
    iterators[i] = spec->reduction && spec->reduction[i] ? reduction : parallel;
  int32_t sizes[] = {(int32_t)spec->numInputs, 1};
  MlirNamedAttribute attrs[] = {
      dlcNamed(b->ctx, "indexing_maps", mlirArrayAttrGet(b->ctx, numOperands, maps)),
      dlcNamed(b->ctx, "iterator_types", mlirArrayAttrGet(b->ctx, spec->numLoops, iterators)),
      dlcNamed(b->ctx, "operandSegmentSizes", segments(b->ctx, 2, sizes)),
  };
  return dlcBuildWithBody(b, "linalg.generic", numOperands, operands, 3, attrs, body, userData);
}

MlirValue dlcBuildWithBody(DlcBuilder *b, const char *name, intptr_t numOperands,
                           const MlirValue *operands, intptr_t numAttributes,
                           const MlirNamedAttribute *attributes, DlcBodyFn body, void *userData) {
  MlirBlock block;
  MlirRegion region = bodyRegion(b, numOperands, operands, &block);
  if (!fillBody(b, block, numOperands, body, userData)) {
    mlirRegionDestroy(region);
    return (MlirValue){NULL};
  }
  MlirOperation op = buildOp(b, name, mlirValueGetType(operands[numOperands - 1]), numOperands,
                             operands, numAttributes, attributes, region);
  return mlirOperationGetResult(op, 0);
}

static MlirValue yieldInput(DlcBuilder *body, const MlirValue *args, void *userData) {
  return args[0];
}

MlirValue dlcBuildMapCopy(DlcBuilder *b, MlirValue input, MlirAffineMap inputMap,
                          MlirType resultType) {
  intptr_t rank = mlirShapedTypeGetRank(resultType);
  MlirAffineMap maps[] = {inputMap, dlcLoopRange(b->ctx, rank, 0, rank)};
  DlcGenericSpec spec = {rank, NULL, 1, &input, maps, dlcEmpty(b, resultType)};
  return dlcBuildGeneric(b, &spec, yieldInput, NULL);
}

MlirValue dlcBuildNamed(DlcBuilder *b, const char *name, intptr_t numInputs,
                        const MlirValue *inputs, MlirValue init, intptr_t numAttributes,
                        const MlirNamedAttribute *attributes) {
  MlirValue operands[DLC_MAX_ARRAY];
  for (intptr_t i = 0; i < numInputs; ++i)
    operands[i] = inputs[i];
  operands[numInputs] = init;
  MlirNamedAttribute attrs[8];
  int32_t sizes[] = {(int32_t)numInputs, 1};
  attrs[0] = dlcNamed(b->ctx, "operandSegmentSizes", segments(b->ctx, 2, sizes));
  for (intptr_t i = 0; i < numAttributes; ++i)
    attrs[1 + i] = attributes[i];
  MlirOperationState state = mlirOperationStateGet(dlcStr(name), b->loc);
  MlirType result = mlirValueGetType(init);
  MlirRegion region = mlirRegionCreate();
  mlirOperationStateAddOperands(&state, numInputs + 1, operands);
  mlirOperationStateAddAttributes(&state, 1 + numAttributes, attrs);
  mlirOperationStateAddResults(&state, 1, &result);
  mlirOperationStateAddOwnedRegions(&state, 1, &region);
  MlirOperation op = mlirOperationCreate(&state);
  /* MLIR builds the body of its named ops from their definition (OpDSL). */
  mlirLinalgFillBuiltinNamedOpRegion(op);
  return mlirOperationGetResult(dlcInsert(b, op), 0);
}
