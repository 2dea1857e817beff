/* GatherToLinalg.c: the lowering of dhlo.gather, after StableHLO's definition: one
 * linalg.generic over the result whose body computes, from the result index, the operand
 * index to read (tensor.extract of the start indices, clamped; plus the offset within the
 * slice; batching dims taken from the batch index) and reads it with tensor.extract. The
 * reads are data-dependent, so no indexing map can express them. */
#include "Conversion/Lowering.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

typedef struct Gather {
  MlirValue operand, indices;
  DlcShape operandShape, indicesShape, result;
  bool unsignedIndices;
  int64_t indexVectorDim;
  intptr_t numOffsetDims, numCollapsed, numStartMap, numBatching;
  int64_t offsetDims[DLC_MAX_ARRAY], collapsed[DLC_MAX_ARRAY], startIndexMap[DLC_MAX_ARRAY],
      sliceSizes[DLC_MAX_ARRAY], operandBatching[DLC_MAX_ARRAY], indicesBatching[DLC_MAX_ARRAY];
} Gather;

static bool contains(const int64_t *list, intptr_t n, int64_t value) {
  for (intptr_t i = 0; i < n; ++i)
    if (list[i] == value)
      return true;
  return false;
}

static MlirValue extract(DlcBuilder *b, MlirValue tensor, intptr_t rank, const MlirValue *at) {
  MlirValue operands[1 + DLC_MAX_RANK] = {tensor};
  for (intptr_t i = 0; i < rank; ++i)
    operands[1 + i] = at[i];
  MlirType element = mlirShapedTypeGetElementType(mlirValueGetType(tensor));
  return dlcBuild(b, "tensor.extract", element, 1 + rank, operands, 0, NULL);
}

static MlirValue gatherBody(DlcBuilder *b, const MlirValue *args, void *userData) {
  const Gather *g = userData;
  MlirValue index[DLC_MAX_RANK], batch[DLC_MAX_RANK], full[DLC_MAX_RANK];
  intptr_t numBatch = 0;
  for (intptr_t r = 0; r < g->result.rank; ++r) {
    index[r] = dlcLoopIndex(b, r);
    if (!contains(g->offsetDims, g->numOffsetDims, r))
      batch[numBatch++] = index[r];
  }
  MlirValue zero = dlcConstIndex(b, 0);
  for (intptr_t d = 0; d < g->operandShape.rank; ++d)
    full[d] = zero;

  /* The start index: component k of the index vector at the batch index; the vector's dim
   * sits at index_vector_dim among the batch dims (or there is none: one component). */
  intptr_t rankI = g->indicesShape.rank;
  for (intptr_t k = 0; k < g->numStartMap; ++k) {
    MlirValue at[DLC_MAX_RANK];
    for (intptr_t s = 0, j = 0; s < rankI; ++s)
      at[s] = s == g->indexVectorDim ? dlcConstIndex(b, k) : batch[j++];
    MlirValue start = extract(b, g->indices, rankI, at);
    int64_t d = g->startIndexMap[k];
    full[d] = dlcClampedIndex(b, start, g->unsignedIndices,
                              g->operandShape.dims[d] - g->sliceSizes[d]);
  }
  /* Batching dims read the batch index of the paired start_indices dim. */
  for (intptr_t i = 0; i < g->numBatching; ++i) {
    int64_t s = g->indicesBatching[i];
    full[g->operandBatching[i]] = batch[s < g->indexVectorDim ? s : s - 1];
  }
  /* The other dims, in order, are the slice's offset dims. */
  for (intptr_t d = 0, j = 0; d < g->operandShape.rank; ++d) {
    if (contains(g->collapsed, g->numCollapsed, d) ||
        contains(g->operandBatching, g->numBatching, d))
      continue;
    full[d] = dlcBinary(b, "arith.addi", full[d], index[g->offsetDims[j++]]);
  }
  return extract(b, g->operand, g->operandShape.rank, full);
}

MlirLogicalResult dlcLowerGather(DlcLowering *lw, int code) {
  Gather g = {.operandShape = dlcLowerOperandShape(lw, 0),
              .indicesShape = dlcLowerOperandShape(lw, 1),
              .result = dlcLowerResultShape(lw)};
  g.unsignedIndices = mlirIntegerTypeIsUnsigned(g.indicesShape.element);
  g.indexVectorDim = g.indicesShape.rank;
  dlcLowerI64(lw, "index_vector_dim", &g.indexVectorDim);
  g.numOffsetDims = dlcLowerI64Array(lw, "offset_dims", 0, 0, g.offsetDims);
  g.numCollapsed = dlcLowerI64Array(lw, "collapsed_slice_dims", 0, 0, g.collapsed);
  g.numStartMap = dlcLowerI64Array(lw, "start_index_map", 0, 0, g.startIndexMap);
  g.numBatching = dlcLowerI64Array(lw, "operand_batching_dims", 0, 0, g.operandBatching);
  if (dlcLowerI64Array(lw, "start_indices_batching_dims", 0, 0, g.indicesBatching) !=
          g.numBatching ||
      dlcLowerI64Array(lw, "slice_sizes", 0, 0, g.sliceSizes) != g.operandShape.rank)
    return dlcLowerFail(lw, "malformed dimension numbers");
  g.operand = dlcLowerOperand(lw, 0);
  g.indices = dlcLowerOperand(lw, 1);
  return dlcLowerReplace(lw, dlcBuildFromIndices(&lw->b, dlcLowerResultType(lw), gatherBody, &g));
}
