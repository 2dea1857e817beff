/* Movement.c: the reference semantics of the data-movement ops (broadcast_in_dim, reshape,
 * transpose, reverse, concatenate, slice, dynamic_slice, dynamic_update_slice, gather, pad,
 * dtensor.relayout), after StableHLO. None changes an element's value: one engine walks the
 * result's indices, asks the op which operand element each copies, and copies its bytes.
 * Nothing here allocates. */
#include "Reference/Evaluator.h"

#include <string.h>

/* The element a result index copies: the operand's number (returned) and the element's
 * row-major offset in it (*offset). */
typedef intptr_t (*SourceFn)(const RefOp *op, const void *fnData, const int64_t *index,
                             int64_t *offset);

static MlirLogicalResult copyElements(RefOp *op, SourceFn source, const void *fnData) {
  RefTensor *out = op->results[0];
  size_t bytes = dlcElementTypeGetByteSize(out->type);
  int64_t index[DLC_MAX_RANK] = {0};
  for (int64_t n = 0; n < out->count; ++n, dlcRefNextIndex(index, out->dims, out->rank)) {
    int64_t offset = 0;
    intptr_t k = source(op, fnData, index, &offset);
    memcpy(out->data + (size_t)n * bytes, op->operands[k]->data + (size_t)offset * bytes, bytes);
  }
  return mlirLogicalResultSuccess();
}

/* Row-major strides of operand `k`. */
static void operandStrides(const RefOp *op, intptr_t k, int64_t *strides) {
  dlcRefStrides(op->operands[k]->dims, op->operands[k]->rank, strides);
}

/* A run-time start index, clamped so that a block of `size` fits in `dim` (StableHLO's
 * dynamic_slice, dynamic_update_slice and gather all clamp rather than fail). */
static int64_t clampStart(int64_t start, int64_t dim, int64_t size) {
  int64_t last = dim - size;
  return start < 0 ? 0 : start > last ? last : start;
}

/* What most ops need: one array attribute and the first operand's strides. */
typedef struct {
  DlcI64Array attr;
  int64_t strides[DLC_MAX_RANK];
} ArrayAndStrides;

/* Copies through `source`, which reads the array attribute `name`. */
static MlirLogicalResult copyWithArray(RefOp *op, const char *name, SourceFn source) {
  ArrayAndStrides a;
  operandStrides(op, 0, a.strides);
  if (mlirLogicalResultIsFailure(dlcSigI64Array(&op->sig, name, true, &a.attr)))
    return mlirLogicalResultFailure();
  return copyElements(op, source, &a);
}

/* ---- broadcast_in_dim, transpose, reverse ----------------------------------------------- */

/* Operand dimension d follows result dimension map[d], or stays 0 where the operand has
 * size 1: broadcast_in_dim with map = broadcast_dimensions, and transpose too. */
static intptr_t mappedSource(const RefOp *op, const void *fnData, const int64_t *index,
                             int64_t *offset) {
  const ArrayAndStrides *a = fnData;
  const RefTensor *operand = op->operands[0];
  for (intptr_t d = 0; d < operand->rank; ++d)
    *offset += (operand->dims[d] == 1 ? 0 : index[a->attr.data[d]]) * a->strides[d];
  return 0;
}

static MlirLogicalResult runBroadcastInDim(RefOp *op) {
  return copyWithArray(op, "broadcast_dimensions", mappedSource);
}

/* result[i0, ..., iN] = operand[j] with j[permutation[k]] = ik: operand dimension
 * permutation[k] follows result dimension k, so the map is the inverse permutation. */
static MlirLogicalResult runTranspose(RefOp *op) {
  DlcI64Array permutation;
  ArrayAndStrides a;
  if (mlirLogicalResultIsFailure(dlcSigI64Array(&op->sig, "permutation", true, &permutation)))
    return mlirLogicalResultFailure();
  operandStrides(op, 0, a.strides);
  a.attr = permutation;
  for (intptr_t k = 0; k < permutation.size; ++k)
    a.attr.data[permutation.data[k]] = k;
  return copyElements(op, mappedSource, &a);
}

static intptr_t reverseSource(const RefOp *op, const void *fnData, const int64_t *index,
                              int64_t *offset) {
  const ArrayAndStrides *a = fnData;
  const RefTensor *operand = op->operands[0];
  int64_t from[DLC_MAX_RANK];
  memcpy(from, index, sizeof(int64_t) * (size_t)operand->rank);
  for (intptr_t i = 0; i < a->attr.size; ++i) {
    int64_t d = a->attr.data[i];
    from[d] = operand->dims[d] - 1 - index[d];
  }
  *offset = dlcRefOffset(from, a->strides, operand->rank);
  return 0;
}

static MlirLogicalResult runReverse(RefOp *op) {
  return copyWithArray(op, "dimensions", reverseSource);
}

/* ---- reshape, relayout ------------------------------------------------------------------ */

/* Both keep the row-major order of the logical elements: layouts are physical, and the
 * evaluator holds logical data. */
static MlirLogicalResult runCopy(RefOp *op) {
  dlcRefCopyData(op->results[0], op->operands[0]);
  return mlirLogicalResultSuccess();
}

/* ---- concatenate ------------------------------------------------------------------------ */

typedef struct {
  int64_t dim;
} Concat;

static intptr_t concatSource(const RefOp *op, const void *fnData, const int64_t *index,
                             int64_t *offset) {
  const Concat *c = fnData;
  int64_t from[DLC_MAX_RANK], strides[DLC_MAX_RANK];
  intptr_t rank = op->results[0]->rank, k = 0;
  memcpy(from, index, sizeof(int64_t) * (size_t)rank);
  while (from[c->dim] >= op->operands[k]->dims[c->dim])
    from[c->dim] -= op->operands[k++]->dims[c->dim];
  operandStrides(op, k, strides);
  *offset = dlcRefOffset(from, strides, rank);
  return k;
}

static MlirLogicalResult runConcatenate(RefOp *op) {
  Concat c = {0};
  if (mlirLogicalResultIsFailure(dlcSigI64(&op->sig, "dimension", true, &c.dim)))
    return mlirLogicalResultFailure();
  return copyElements(op, concatSource, &c);
}

/* ---- slice, dynamic_slice, dynamic_update_slice ----------------------------------------- */

/* A block of the operand: element start[d] + index[d] * stride[d]. */
typedef struct {
  int64_t start[DLC_MAX_RANK], stride[DLC_MAX_RANK], strides[DLC_MAX_RANK];
} Block;

static intptr_t blockSource(const RefOp *op, const void *fnData, const int64_t *index,
                            int64_t *offset) {
  const Block *b = fnData;
  for (intptr_t d = 0; d < op->operands[0]->rank; ++d)
    *offset += (b->start[d] + index[d] * b->stride[d]) * b->strides[d];
  return 0;
}

static MlirLogicalResult runSlice(RefOp *op) {
  Block b;
  DlcI64Array start, strides;
  if (mlirLogicalResultIsFailure(dlcSigI64Array(&op->sig, "start_indices", true, &start)) ||
      mlirLogicalResultIsFailure(dlcSigI64Array(&op->sig, "strides", true, &strides)))
    return mlirLogicalResultFailure();
  operandStrides(op, 0, b.strides);
  for (intptr_t d = 0; d < op->operands[0]->rank; ++d) {
    b.start[d] = start.data[d];
    b.stride[d] = strides.data[d];
  }
  return copyElements(op, blockSource, &b);
}

/* The start indices of dynamic_slice (operands 1...) and dynamic_update_slice (operands
 * 2...), each clamped so that a block of the result's (update's) dims fits. */
static void readStarts(const RefOp *op, intptr_t first, const int64_t *blockDims, Block *b) {
  const RefTensor *operand = op->operands[0];
  operandStrides(op, 0, b->strides);
  for (intptr_t d = 0; d < operand->rank; ++d) {
    b->start[d] = clampStart(dlcRefLoadIndex(op->operands[first + d], 0), operand->dims[d],
                             blockDims[d]);
    b->stride[d] = 1;
  }
}

static MlirLogicalResult runDynamicSlice(RefOp *op) {
  Block b;
  readStarts(op, 1, op->results[0]->dims, &b);
  return copyElements(op, blockSource, &b);
}

/* Inside the update's block an element comes from the update, elsewhere from the operand. */
static intptr_t updateSource(const RefOp *op, const void *fnData, const int64_t *index,
                             int64_t *offset) {
  const Block *b = fnData;
  const RefTensor *update = op->operands[1];
  int64_t inUpdate[DLC_MAX_RANK], strides[DLC_MAX_RANK];
  bool inside = true;
  for (intptr_t d = 0; d < update->rank; ++d) {
    inUpdate[d] = index[d] - b->start[d];
    inside = inside && inUpdate[d] >= 0 && inUpdate[d] < update->dims[d];
  }
  if (!inside) {
    *offset = dlcRefOffset(index, b->strides, update->rank);
    return 0;
  }
  operandStrides(op, 1, strides);
  *offset = dlcRefOffset(inUpdate, strides, update->rank);
  return 1;
}

static MlirLogicalResult runDynamicUpdateSlice(RefOp *op) {
  Block b;
  readStarts(op, 2, op->operands[1]->dims, &b);
  return copyElements(op, updateSource, &b);
}

/* ---- pad -------------------------------------------------------------------------------- */

typedef struct {
  DlcI64Array low, interior;
  int64_t strides[DLC_MAX_RANK];
} Pad;

/* Operand element i lands at low + i * (interior + 1); every other position (edges, the
 * interior gaps) holds the padding value, operand 1. Negative low padding only shifts. */
static intptr_t padSource(const RefOp *op, const void *fnData, const int64_t *index,
                          int64_t *offset) {
  const Pad *p = fnData;
  const RefTensor *operand = op->operands[0];
  for (intptr_t d = 0; d < operand->rank; ++d) {
    int64_t step = p->interior.data[d] + 1, at = index[d] - p->low.data[d];
    if (at < 0 || at % step != 0 || at / step >= operand->dims[d]) {
      *offset = 0;
      return 1;
    }
    *offset += at / step * p->strides[d];
  }
  return 0;
}

static MlirLogicalResult runPad(RefOp *op) {
  Pad p;
  operandStrides(op, 0, p.strides);
  if (mlirLogicalResultIsFailure(dlcSigI64Array(&op->sig, "edge_padding_low", true, &p.low)) ||
      mlirLogicalResultIsFailure(dlcSigI64Array(&op->sig, "interior_padding", true, &p.interior)))
    return mlirLogicalResultFailure();
  return copyElements(op, padSource, &p);
}

/* ---- gather ----------------------------------------------------------------------------- */

typedef struct {
  DlcI64Array offsetDims, collapsed, operandBatching, indicesBatching, startIndexMap, sliceSizes;
  int64_t indexVectorDim;
  bool isOffsetDim[DLC_MAX_RANK];       /* per result dimension */
  int64_t offsetOperandDim[DLC_MAX_RANK]; /* the k-th offset dimension's operand dimension */
  int64_t operandStrides[DLC_MAX_RANK], indicesStrides[DLC_MAX_RANK];
} Gather;

/* Marks the dimensions listed in `dims`. */
static void markDims(const DlcI64Array *dims, bool *marked) {
  for (intptr_t i = 0; i < dims->size; ++i)
    marked[dims->data[i]] = true;
}

/* StableHLO's gather, term by term: the operand index is full_start_index +
 * full_batching_index + full_offset_index. */
static intptr_t gatherSource(const RefOp *op, const void *fnData, const int64_t *index,
                             int64_t *offset) {
  const Gather *g = fnData;
  const RefTensor *operand = op->operands[0], *indices = op->operands[1];
  int64_t batch[DLC_MAX_RANK], offsets[DLC_MAX_RANK], at[DLC_MAX_RANK + 1];
  int64_t full[DLC_MAX_RANK] = {0};
  intptr_t numBatch = 0, numOffset = 0;
  for (intptr_t d = 0; d < op->results[0]->rank; ++d) {
    if (g->isOffsetDim[d])
      offsets[numOffset++] = index[d];
    else
      batch[numBatch++] = index[d];
  }
  /* The start index vector sits in start_indices at the batch index, with index_vector_dim
   * (when it is a dimension of start_indices) running over the vector. */
  for (intptr_t j = 0, b = 0; j < indices->rank; ++j)
    at[j] = j == g->indexVectorDim ? 0 : batch[b++];
  for (intptr_t k = 0; k < g->startIndexMap.size; ++k) {
    if (g->indexVectorDim < indices->rank)
      at[g->indexVectorDim] = k;
    int64_t d = g->startIndexMap.data[k];
    int64_t start = dlcRefLoadIndex(indices, dlcRefOffset(at, g->indicesStrides, indices->rank));
    full[d] = clampStart(start, operand->dims[d], g->sliceSizes.data[d]);
  }
  for (intptr_t i = 0; i < g->operandBatching.size; ++i) {
    int64_t dStart = g->indicesBatching.data[i];
    full[g->operandBatching.data[i]] = batch[dStart < g->indexVectorDim ? dStart : dStart - 1];
  }
  for (intptr_t k = 0; k < numOffset; ++k)
    full[g->offsetOperandDim[k]] += offsets[k];
  *offset = dlcRefOffset(full, g->operandStrides, operand->rank);
  return 0;
}

static MlirLogicalResult runGather(RefOp *op) {
  Gather g;
  const DlcOpSig *sig = &op->sig;
  g.indexVectorDim = 0;
  if (mlirLogicalResultIsFailure(dlcSigI64Array(sig, "offset_dims", true, &g.offsetDims)) ||
      mlirLogicalResultIsFailure(dlcSigI64Array(sig, "collapsed_slice_dims", true, &g.collapsed)) ||
      mlirLogicalResultIsFailure(
          dlcSigI64Array(sig, "operand_batching_dims", false, &g.operandBatching)) ||
      mlirLogicalResultIsFailure(
          dlcSigI64Array(sig, "start_indices_batching_dims", false, &g.indicesBatching)) ||
      mlirLogicalResultIsFailure(dlcSigI64Array(sig, "start_index_map", true, &g.startIndexMap)) ||
      mlirLogicalResultIsFailure(dlcSigI64Array(sig, "slice_sizes", true, &g.sliceSizes)) ||
      mlirLogicalResultIsFailure(dlcSigI64(sig, "index_vector_dim", true, &g.indexVectorDim)))
    return mlirLogicalResultFailure();
  /* The slice's dimensions that stay (neither collapsed nor batching) are the offset
   * dimensions, in order. */
  bool dropped[DLC_MAX_RANK] = {false};
  memset(g.isOffsetDim, 0, sizeof g.isOffsetDim);
  markDims(&g.offsetDims, g.isOffsetDim);
  markDims(&g.collapsed, dropped);
  markDims(&g.operandBatching, dropped);
  intptr_t k = 0;
  for (intptr_t d = 0; d < op->operands[0]->rank; ++d)
    if (!dropped[d])
      g.offsetOperandDim[k++] = d;
  operandStrides(op, 0, g.operandStrides);
  operandStrides(op, 1, g.indicesStrides);
  return copyElements(op, gatherSource, &g);
}

const RefOpImpl dlcRefMovementOps[] = {
    {"dhlo.broadcast_in_dim", runBroadcastInDim},
    {"dhlo.reshape", runCopy},
    {"dhlo.transpose", runTranspose},
    {"dhlo.reverse", runReverse},
    {"dhlo.concatenate", runConcatenate},
    {"dhlo.slice", runSlice},
    {"dhlo.dynamic_slice", runDynamicSlice},
    {"dhlo.dynamic_update_slice", runDynamicUpdateSlice},
    {"dhlo.gather", runGather},
    {"dhlo.pad", runPad},
    {"dtensor.relayout", runCopy},
    {NULL, NULL},
};
