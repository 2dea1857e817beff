/* RulesMovement.c: rules of the shape and data-movement ops (broadcast_in_dim, reshape,
 * transpose, reverse, concatenate, slice, dynamic_slice, dynamic_update_slice, gather,
 * pad), after the StableHLO specification. These ops never change element values, so
 * every result keeps the operand's element type; shapes are inferred from the operands
 * and attributes except for broadcast_in_dim and reshape, whose result shape is stated. */
#include "OpRules.h"

/* ---- Shared checks -------------------------------------------------------------------- */

/* Reads a required attribute that gives one value per operand dimension. */
static MlirLogicalResult readDimArray(const DlcOpSig *sig, const char *name, intptr_t rank,
                                      DlcI64Array *out) {
  if (mlirLogicalResultIsFailure(dlcSigI64Array(sig, name, true, out)))
    return mlirLogicalResultFailure();
  if (out->size != rank)
    return dlcRuleError(sig, "%s has size %lld; expected %lld, the rank of the operand", name,
                        (long long)out->size, (long long)rank);
  return mlirLogicalResultSuccess();
}

/* Dimension lists that StableHLO requires in increasing order (gather's offset_dims,
 * collapsed_slice_dims, operand_batching_dims); uniqueness is checked separately. */
static MlirLogicalResult checkSorted(const DlcOpSig *sig, const char *name,
                                     const DlcI64Array *dims) {
  for (intptr_t i = 1; i < dims->size; ++i)
    if (dims->data[i] < dims->data[i - 1])
      return dlcRuleError(sig, "%s must be sorted, but %lld comes after %lld", name,
                          (long long)dims->data[i], (long long)dims->data[i - 1]);
  return mlirLogicalResultSuccess();
}

static bool containsDim(const DlcI64Array *dims, int64_t d) {
  for (intptr_t i = 0; i < dims->size; ++i)
    if (dims->data[i] == d)
      return true;
  return false;
}

/* Two dimension lists that must not share a dimension (gather's C6 and C18). */
static MlirLogicalResult checkDisjoint(const DlcOpSig *sig, const char *nameA, const DlcI64Array *a,
                                       const char *nameB, const DlcI64Array *b) {
  for (intptr_t i = 0; i < a->size; ++i)
    if (containsDim(b, a->data[i]))
      return dlcRuleError(sig, "dimension %lld appears in both %s and %s", (long long)a->data[i],
                          nameA, nameB);
  return mlirLogicalResultSuccess();
}

/* StableHLO index operands are integer tensors; i1 is its boolean type, not an integer. */
static bool isIndexElement(MlirType t) { return dlcIsIntegerType(t) && !dlcIsBoolType(t); }

static MlirLogicalResult checkSameElement(const DlcOpSig *sig, const char *what, MlirType element,
                                          MlirType operandElement) {
  if (!mlirTypeEqual(element, operandElement)) {
    char a[64], b[64];
    return dlcRuleError(sig, "%s element type %s differs from operand element type %s", what,
                        dlcTypeStr(element, a, sizeof a), dlcTypeStr(operandElement, b, sizeof b));
  }
  return mlirLogicalResultSuccess();
}

/* The stated result shape of an op whose result shape cannot be inferred; its element
 * type must still be the operand's. */
static MlirLogicalResult givenResultOf(const DlcOpSig *sig, MlirType operandElement,
                                       DlcShape *out) {
  if (mlirLogicalResultIsFailure(dlcGivenResultShape(sig, 0, out)))
    return mlirLogicalResultFailure();
  return checkSameElement(sig, "result", out->element, operandElement);
}

/* dynamic_slice and dynamic_update_slice: operands [first, numOperands) are the start
 * indices, one 0-d integer tensor per operand dimension, all of one type. */
static MlirLogicalResult checkStartIndices(const DlcOpSig *sig, intptr_t first, intptr_t rank) {
  intptr_t count = sig->numOperands - first;
  if (count != rank)
    return dlcRuleError(sig, "expects %lld start indices, one per operand dimension, but has %lld",
                        (long long)rank, (long long)count);
  char a[128], b[128];
  for (intptr_t i = 0; i < count; ++i) {
    MlirType type = sig->operandTypes[first + i];
    DlcShape s = dlcShapeOf(type);
    if (s.rank != 0 || !isIndexElement(s.element))
      return dlcRuleError(sig, "start index #%lld must be a 0-d integer tensor, got %s",
                          (long long)i, dlcTypeStr(type, a, sizeof a));
    if (i > 0 && !mlirTypeEqual(type, sig->operandTypes[first]))
      return dlcRuleError(sig, "start index #%lld has type %s, but start index #0 has %s",
                          (long long)i, dlcTypeStr(type, a, sizeof a),
                          dlcTypeStr(sig->operandTypes[first], b, sizeof b));
  }
  return mlirLogicalResultSuccess();
}

/* ---- Rules ---------------------------------------------------------------------------- */

static MlirLogicalResult inferBroadcastInDim(DlcOpSig *sig) {
  DlcShape operand = dlcOperandShape(sig, 0), result;
  DlcI64Array dims;
  if (mlirLogicalResultIsFailure(givenResultOf(sig, operand.element, &result)) ||
      mlirLogicalResultIsFailure(readDimArray(sig, "broadcast_dimensions", operand.rank, &dims)) ||
      mlirLogicalResultIsFailure(
          dlcCheckDimList(sig, "broadcast_dimensions", dims.data, dims.size, result.rank)))
    return mlirLogicalResultFailure();
  for (intptr_t d = 0; d < operand.rank; ++d) {
    int64_t size = operand.dims[d], target = result.dims[dims.data[d]];
    if (size != 1 && size != target)
      return dlcRuleError(sig,
                          "operand dimension %lld has size %lld, which is neither 1 nor %lld, "
                          "the size of result dimension %lld (broadcast_dimensions[%lld])",
                          (long long)d, (long long)size, (long long)target, (long long)dims.data[d],
                          (long long)d);
  }
  sig->resultTypes[0] = dlcShapeType(&result);
  return mlirLogicalResultSuccess();
}

static MlirLogicalResult inferReshape(DlcOpSig *sig) {
  DlcShape operand = dlcOperandShape(sig, 0), result;
  if (mlirLogicalResultIsFailure(givenResultOf(sig, operand.element, &result)))
    return mlirLogicalResultFailure();
  int64_t from = dlcShapeNumElements(&operand), to = dlcShapeNumElements(&result);
  if (from != to) {
    char a[256], b[256];
    return dlcRuleError(sig, "changes the element count from %lld (%s) to %lld (%s)",
                        (long long)from, dlcTypeStr(dlcShapeType(&operand), a, sizeof a),
                        (long long)to, dlcTypeStr(dlcShapeType(&result), b, sizeof b));
  }
  sig->resultTypes[0] = dlcShapeType(&result);
  return mlirLogicalResultSuccess();
}

static MlirLogicalResult inferTranspose(DlcOpSig *sig) {
  DlcShape operand = dlcOperandShape(sig, 0), result = operand;
  DlcI64Array perm;
  if (mlirLogicalResultIsFailure(readDimArray(sig, "permutation", operand.rank, &perm)) ||
      mlirLogicalResultIsFailure(
          dlcCheckDimList(sig, "permutation", perm.data, perm.size, operand.rank)))
    return mlirLogicalResultFailure();
  for (intptr_t i = 0; i < operand.rank; ++i)
    result.dims[i] = operand.dims[perm.data[i]];
  sig->resultTypes[0] = dlcShapeType(&result);
  return mlirLogicalResultSuccess();
}

static MlirLogicalResult inferReverse(DlcOpSig *sig) {
  DlcShape operand = dlcOperandShape(sig, 0);
  DlcI64Array dims;
  if (mlirLogicalResultIsFailure(dlcSigI64Array(sig, "dimensions", true, &dims)) ||
      mlirLogicalResultIsFailure(
          dlcCheckDimList(sig, "dimensions", dims.data, dims.size, operand.rank)))
    return mlirLogicalResultFailure();
  sig->resultTypes[0] = dlcShapeType(&operand);
  return mlirLogicalResultSuccess();
}

static MlirLogicalResult inferConcatenate(DlcOpSig *sig) {
  if (sig->numOperands == 0)
    return dlcRuleError(sig, "requires at least one operand");
  DlcShape result = dlcOperandShape(sig, 0);
  int64_t dim = 0;
  if (mlirLogicalResultIsFailure(dlcSigI64(sig, "dimension", true, &dim)))
    return mlirLogicalResultFailure();
  if (dim < 0 || dim >= result.rank)
    return dlcRuleError(sig, "dimension %lld is out of range [0, %lld)", (long long)dim,
                        (long long)result.rank);
  char a[64], b[64];
  for (intptr_t i = 1; i < sig->numOperands; ++i) {
    DlcShape s = dlcOperandShape(sig, i);
    if (s.rank != result.rank)
      return dlcRuleError(sig, "operand #%lld has rank %lld, but operand #0 has rank %lld",
                          (long long)i, (long long)s.rank, (long long)result.rank);
    if (!mlirTypeEqual(s.element, result.element))
      return dlcRuleError(sig, "operand #%lld has element type %s, but operand #0 has %s",
                          (long long)i, dlcTypeStr(s.element, a, sizeof a),
                          dlcTypeStr(result.element, b, sizeof b));
    for (intptr_t d = 0; d < s.rank; ++d)
      if (d != dim && s.dims[d] != result.dims[d])
        return dlcRuleError(sig,
                            "operand #%lld has size %lld in dimension %lld, but operand #0 has "
                            "%lld; only dimension %lld, the concatenation dimension, may differ",
                            (long long)i, (long long)s.dims[d], (long long)d,
                            (long long)result.dims[d], (long long)dim);
    result.dims[dim] += s.dims[dim];
  }
  sig->resultTypes[0] = dlcShapeType(&result);
  return mlirLogicalResultSuccess();
}

static MlirLogicalResult inferSlice(DlcOpSig *sig) {
  DlcShape operand = dlcOperandShape(sig, 0), result = operand;
  DlcI64Array start, limit, strides;
  if (mlirLogicalResultIsFailure(readDimArray(sig, "start_indices", operand.rank, &start)) ||
      mlirLogicalResultIsFailure(readDimArray(sig, "limit_indices", operand.rank, &limit)) ||
      mlirLogicalResultIsFailure(readDimArray(sig, "strides", operand.rank, &strides)))
    return mlirLogicalResultFailure();
  for (intptr_t d = 0; d < operand.rank; ++d) {
    long long lo = start.data[d], hi = limit.data[d], step = strides.data[d];
    if (lo < 0)
      return dlcRuleError(sig, "start_indices[%lld] = %lld is negative", (long long)d, lo);
    if (hi < lo)
      return dlcRuleError(sig, "limit_indices[%lld] = %lld is less than start_indices[%lld] = %lld",
                          (long long)d, hi, (long long)d, lo);
    if (hi > operand.dims[d])
      return dlcRuleError(sig,
                          "limit_indices[%lld] = %lld exceeds %lld, the size of operand "
                          "dimension %lld",
                          (long long)d, hi, (long long)operand.dims[d], (long long)d);
    if (step < 1)
      return dlcRuleError(sig, "strides[%lld] = %lld must be at least 1", (long long)d, step);
    /* ceil((hi - lo) / step) without the overflow of hi - lo + step - 1. */
    result.dims[d] = hi == lo ? 0 : (hi - lo - 1) / step + 1;
  }
  sig->resultTypes[0] = dlcShapeType(&result);
  return mlirLogicalResultSuccess();
}

/* slice_sizes of dynamic_slice and gather: one size per operand dimension, within it. */
static MlirLogicalResult readSliceSizes(const DlcOpSig *sig, const DlcShape *operand,
                                        DlcI64Array *sizes) {
  if (mlirLogicalResultIsFailure(readDimArray(sig, "slice_sizes", operand->rank, sizes)))
    return mlirLogicalResultFailure();
  for (intptr_t d = 0; d < operand->rank; ++d)
    if (sizes->data[d] < 0 || sizes->data[d] > operand->dims[d])
      return dlcRuleError(sig,
                          "slice_sizes[%lld] = %lld is out of range [0, %lld], the size of "
                          "operand dimension %lld",
                          (long long)d, (long long)sizes->data[d], (long long)operand->dims[d],
                          (long long)d);
  return mlirLogicalResultSuccess();
}

static MlirLogicalResult inferDynamicSlice(DlcOpSig *sig) {
  DlcShape operand = dlcOperandShape(sig, 0), result = operand;
  DlcI64Array sizes;
  if (mlirLogicalResultIsFailure(checkStartIndices(sig, 1, operand.rank)) ||
      mlirLogicalResultIsFailure(readSliceSizes(sig, &operand, &sizes)))
    return mlirLogicalResultFailure();
  for (intptr_t d = 0; d < operand.rank; ++d)
    result.dims[d] = sizes.data[d];
  sig->resultTypes[0] = dlcShapeType(&result);
  return mlirLogicalResultSuccess();
}

static MlirLogicalResult inferDynamicUpdateSlice(DlcOpSig *sig) {
  DlcShape operand = dlcOperandShape(sig, 0), update = dlcOperandShape(sig, 1);
  if (update.rank != operand.rank)
    return dlcRuleError(sig, "update has rank %lld, but the operand has rank %lld",
                        (long long)update.rank, (long long)operand.rank);
  if (mlirLogicalResultIsFailure(checkSameElement(sig, "update", update.element, operand.element)))
    return mlirLogicalResultFailure();
  for (intptr_t d = 0; d < operand.rank; ++d)
    if (update.dims[d] > operand.dims[d])
      return dlcRuleError(sig,
                          "update dimension %lld has size %lld, which exceeds %lld, the size "
                          "of operand dimension %lld",
                          (long long)d, (long long)update.dims[d], (long long)operand.dims[d],
                          (long long)d);
  if (mlirLogicalResultIsFailure(checkStartIndices(sig, 2, operand.rank)))
    return mlirLogicalResultFailure();
  sig->resultTypes[0] = dlcShapeType(&operand);
  return mlirLogicalResultSuccess();
}

/* gather's attributes, read and checked against each other by checkGatherDims. */
typedef struct {
  DlcI64Array offsetDims, collapsedDims, operandBatchingDims, indicesBatchingDims, startIndexMap,
      sliceSizes;
  int64_t indexVectorDim;
} GatherDims;

static MlirLogicalResult readGatherDims(const DlcOpSig *sig, const DlcShape *operand,
                                        GatherDims *g) {
  if (mlirLogicalResultIsFailure(dlcSigI64Array(sig, "offset_dims", true, &g->offsetDims)) ||
      mlirLogicalResultIsFailure(
          dlcSigI64Array(sig, "collapsed_slice_dims", true, &g->collapsedDims)) ||
      mlirLogicalResultIsFailure(
          dlcSigI64Array(sig, "operand_batching_dims", false, &g->operandBatchingDims)) ||
      mlirLogicalResultIsFailure(
          dlcSigI64Array(sig, "start_indices_batching_dims", false, &g->indicesBatchingDims)) ||
      mlirLogicalResultIsFailure(dlcSigI64Array(sig, "start_index_map", true, &g->startIndexMap)) ||
      mlirLogicalResultIsFailure(dlcSigI64(sig, "index_vector_dim", true, &g->indexVectorDim)) ||
      mlirLogicalResultIsFailure(readSliceSizes(sig, operand, &g->sliceSizes)))
    return mlirLogicalResultFailure();
  return mlirLogicalResultSuccess();
}

/* Dimensions of the operand that the slice drops (collapsed or batching) must have slice
 * size 0 or 1 (StableHLO gather C9, C12). */
static MlirLogicalResult checkDroppedSliceSizes(const DlcOpSig *sig, const char *name,
                                                const DlcI64Array *dims, const DlcI64Array *sizes) {
  for (intptr_t i = 0; i < dims->size; ++i) {
    int64_t d = dims->data[i];
    if (sizes->data[d] > 1)
      return dlcRuleError(sig,
                          "slice_sizes[%lld] = %lld must be at most 1 because dimension "
                          "%lld is in %s",
                          (long long)d, (long long)sizes->data[d], (long long)d, name);
  }
  return mlirLogicalResultSuccess();
}

/* The constraints of the StableHLO gather specification that do not involve the result
 * (C1-C4, C6-C21); C5 needs the result rank and is checked by inferGather. */
static MlirLogicalResult checkGatherDims(const DlcOpSig *sig, const DlcShape *operand,
                                         const DlcShape *indices, const GatherDims *g) {
  const DlcI64Array *obd = &g->operandBatchingDims, *ibd = &g->indicesBatchingDims;
  intptr_t expected = g->offsetDims.size + g->collapsedDims.size + obd->size;
  if (expected != operand->rank)
    return dlcRuleError(sig,
                        "offset_dims, collapsed_slice_dims and operand_batching_dims must "
                        "together list %lld dimensions, the rank of the operand, but list %lld",
                        (long long)operand->rank, (long long)expected);
  if (g->indexVectorDim < 0 || g->indexVectorDim > indices->rank)
    return dlcRuleError(sig,
                        "index_vector_dim %lld is out of range [0, %lld], the rank of "
                        "start_indices",
                        (long long)g->indexVectorDim, (long long)indices->rank);
  int64_t indexVectorSize =
      g->indexVectorDim < indices->rank ? indices->dims[g->indexVectorDim] : 1;
  if (g->startIndexMap.size != indexVectorSize) {
    if (g->indexVectorDim < indices->rank)
      return dlcRuleError(sig,
                          "start_index_map has size %lld; expected %lld, the size of "
                          "start_indices dimension %lld (index_vector_dim)",
                          (long long)g->startIndexMap.size, (long long)indexVectorSize,
                          (long long)g->indexVectorDim);
    return dlcRuleError(sig,
                        "start_index_map has size %lld; expected 1 because index_vector_dim "
                        "%lld is the rank of start_indices (each index is a scalar)",
                        (long long)g->startIndexMap.size, (long long)g->indexVectorDim);
  }
  if (mlirLogicalResultIsFailure(checkSorted(sig, "offset_dims", &g->offsetDims)) ||
      mlirLogicalResultIsFailure(dlcCheckDimList(sig, "collapsed_slice_dims", g->collapsedDims.data,
                                                 g->collapsedDims.size, operand->rank)) ||
      mlirLogicalResultIsFailure(checkSorted(sig, "collapsed_slice_dims", &g->collapsedDims)) ||
      mlirLogicalResultIsFailure(
          dlcCheckDimList(sig, "operand_batching_dims", obd->data, obd->size, operand->rank)) ||
      mlirLogicalResultIsFailure(checkSorted(sig, "operand_batching_dims", obd)) ||
      mlirLogicalResultIsFailure(checkDisjoint(sig, "collapsed_slice_dims", &g->collapsedDims,
                                               "operand_batching_dims", obd)) ||
      mlirLogicalResultIsFailure(
          checkDroppedSliceSizes(sig, "collapsed_slice_dims", &g->collapsedDims, &g->sliceSizes)) ||
      mlirLogicalResultIsFailure(
          checkDroppedSliceSizes(sig, "operand_batching_dims", obd, &g->sliceSizes)) ||
      mlirLogicalResultIsFailure(dlcCheckDimList(sig, "start_indices_batching_dims", ibd->data,
                                                 ibd->size, indices->rank)) ||
      mlirLogicalResultIsFailure(dlcCheckDimList(sig, "start_index_map", g->startIndexMap.data,
                                                 g->startIndexMap.size, operand->rank)) ||
      mlirLogicalResultIsFailure(
          checkDisjoint(sig, "start_index_map", &g->startIndexMap, "operand_batching_dims", obd)))
    return mlirLogicalResultFailure();
  if (containsDim(ibd, g->indexVectorDim))
    return dlcRuleError(sig, "start_indices_batching_dims must not contain index_vector_dim %lld",
                        (long long)g->indexVectorDim);
  if (ibd->size != obd->size)
    return dlcRuleError(sig,
                        "operand_batching_dims has size %lld, but "
                        "start_indices_batching_dims has size %lld",
                        (long long)obd->size, (long long)ibd->size);
  for (intptr_t i = 0; i < obd->size; ++i) {
    int64_t od = obd->data[i], id = ibd->data[i];
    if (operand->dims[od] != indices->dims[id])
      return dlcRuleError(sig,
                          "operand batching dimension %lld has size %lld, but start_indices "
                          "batching dimension %lld has size %lld",
                          (long long)od, (long long)operand->dims[od], (long long)id,
                          (long long)indices->dims[id]);
  }
  return mlirLogicalResultSuccess();
}

static MlirLogicalResult inferGather(DlcOpSig *sig) {
  DlcShape operand = dlcOperandShape(sig, 0), indices = dlcOperandShape(sig, 1);
  GatherDims g;
  char buf[64];
  if (!isIndexElement(indices.element))
    return dlcRuleError(sig, "start_indices must have an integer element type, got %s",
                        dlcTypeStr(indices.element, buf, sizeof buf));
  if (mlirLogicalResultIsFailure(readGatherDims(sig, &operand, &g)) ||
      mlirLogicalResultIsFailure(checkGatherDims(sig, &operand, &indices, &g)))
    return mlirLogicalResultFailure();

  /* Result = the batch dimensions (start_indices without index_vector_dim) interleaved
   * with the offset dimensions (slice_sizes without collapsed and batching dimensions),
   * the offset ones at the positions offset_dims names. */
  intptr_t batchRank = indices.rank - (g.indexVectorDim < indices.rank ? 1 : 0);
  intptr_t resultRank = batchRank + g.offsetDims.size;
  if (resultRank > DLC_MAX_RANK)
    return dlcRuleError(sig, "result would have rank %lld; at most %d is supported",
                        (long long)resultRank, DLC_MAX_RANK);
  if (mlirLogicalResultIsFailure(
          dlcCheckDimList(sig, "offset_dims", g.offsetDims.data, g.offsetDims.size, resultRank)))
    return mlirLogicalResultFailure();
  DlcShape result = {.rank = resultRank, .element = operand.element};
  intptr_t nextBatch = 0, nextOffset = 0;
  for (intptr_t d = 0; d < resultRank; ++d) {
    if (containsDim(&g.offsetDims, d)) {
      while (containsDim(&g.collapsedDims, nextOffset) ||
             containsDim(&g.operandBatchingDims, nextOffset))
        ++nextOffset;
      result.dims[d] = g.sliceSizes.data[nextOffset++];
    } else {
      if (nextBatch == g.indexVectorDim)
        ++nextBatch;
      result.dims[d] = indices.dims[nextBatch++];
    }
  }
  sig->resultTypes[0] = dlcShapeType(&result);
  return mlirLogicalResultSuccess();
}

static MlirLogicalResult inferPad(DlcOpSig *sig) {
  DlcShape operand = dlcOperandShape(sig, 0), value = dlcOperandShape(sig, 1), result = operand;
  char buf[128];
  if (value.rank != 0)
    return dlcRuleError(sig, "padding_value must be a 0-d tensor, got %s",
                        dlcTypeStr(sig->operandTypes[1], buf, sizeof buf));
  DlcI64Array low, high, interior;
  if (mlirLogicalResultIsFailure(
          checkSameElement(sig, "padding_value", value.element, operand.element)) ||
      mlirLogicalResultIsFailure(readDimArray(sig, "edge_padding_low", operand.rank, &low)) ||
      mlirLogicalResultIsFailure(readDimArray(sig, "edge_padding_high", operand.rank, &high)) ||
      mlirLogicalResultIsFailure(readDimArray(sig, "interior_padding", operand.rank, &interior)))
    return mlirLogicalResultFailure();
  for (intptr_t d = 0; d < operand.rank; ++d) {
    long long size = operand.dims[d], lo = low.data[d], hi = high.data[d], in = interior.data[d];
    if (in < 0)
      return dlcRuleError(sig, "interior_padding[%lld] = %lld is negative", (long long)d, in);
    /* Attributes are arbitrary i64s: the size is computed with overflow checks. */
    long long padded;
    if (__builtin_mul_overflow(size > 0 ? size - 1 : 0, in, &padded) ||
        __builtin_add_overflow(padded, size, &padded) ||
        __builtin_add_overflow(padded, lo, &padded) || __builtin_add_overflow(padded, hi, &padded))
      return dlcRuleError(sig, "result dimension %lld overflows a 64-bit size", (long long)d);
    if (padded < 0)
      return dlcRuleError(sig,
                          "result dimension %lld would have negative size %lld (size %lld, "
                          "edge_padding_low %lld, edge_padding_high %lld, interior_padding %lld)",
                          (long long)d, padded, size, lo, hi, in);
    result.dims[d] = padded;
  }
  sig->resultTypes[0] = dlcShapeType(&result);
  return mlirLogicalResultSuccess();
}

const DlcOpRule dlcMovementRules[] = {
    {"dhlo.broadcast_in_dim", inferBroadcastInDim, 0},
    {"dhlo.reshape", inferReshape, 0},
    {"dhlo.transpose", inferTranspose, 0},
    {"dhlo.reverse", inferReverse, 0},
    {"dhlo.concatenate", inferConcatenate, 0},
    {"dhlo.slice", inferSlice, 0},
    {"dhlo.dynamic_slice", inferDynamicSlice, 0},
    {"dhlo.dynamic_update_slice", inferDynamicUpdateSlice, 0},
    {"dhlo.gather", inferGather, 0},
    {"dhlo.pad", inferPad, 0},
    {NULL, NULL, 0},
};
