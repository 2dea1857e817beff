/* BuildMovement.c: builders of the shape and data-movement ops (broadcast_in_dim, reshape,
 * transpose, reverse, concatenate, slice, dynamic slices, gather, pad) and of
 * dtensor.relayout. Their attributes are the integer lists of Builder.h's arguments. */
#include "BuilderInternal.h"
#include "Support/Alloc.h"

#include <stdlib.h>
#include <string.h>

MlirValue dlcBuildBroadcastInDim(DlcBuilder b, MlirValue x, intptr_t resultRank,
                                 const int64_t *resultShape, intptr_t nDims,
                                 const int64_t *broadcastDimensions) {
  MlirNamedAttribute attr =
      dlcNamedI64Array(unwrap(b)->ctx, "broadcast_dimensions", nDims, broadcastDimensions);
  return dlcBuildShaped(b, "dhlo.broadcast_in_dim", 1, &x, 1, &attr, resultRank, resultShape,
                        (MlirType){NULL}, mlirAttributeGetNull());
}

MlirValue dlcBuildReshape(DlcBuilder b, MlirValue x, intptr_t rank, const int64_t *shape) {
  return dlcBuildShaped(b, "dhlo.reshape", 1, &x, 0, NULL, rank, shape, (MlirType){NULL},
                        mlirAttributeGetNull());
}

MlirValue dlcBuildTranspose(DlcBuilder b, MlirValue x, intptr_t n, const int64_t *permutation) {
  MlirNamedAttribute attr = dlcNamedI64Array(unwrap(b)->ctx, "permutation", n, permutation);
  return dlcBuildOne(b, "dhlo.transpose", 1, &x, 1, &attr, (MlirType){NULL});
}

MlirValue dlcBuildReverse(DlcBuilder b, MlirValue x, intptr_t n, const int64_t *dimensions) {
  MlirNamedAttribute attr = dlcNamedI64Array(unwrap(b)->ctx, "dimensions", n, dimensions);
  return dlcBuildOne(b, "dhlo.reverse", 1, &x, 1, &attr, (MlirType){NULL});
}

MlirValue dlcBuildConcatenate(DlcBuilder b, intptr_t n, const MlirValue *inputs,
                              int64_t dimension) {
  MlirNamedAttribute attr = dlcNamedI64(unwrap(b)->ctx, "dimension", dimension);
  return dlcBuildOne(b, "dhlo.concatenate", n, inputs, 1, &attr, (MlirType){NULL});
}

/* `name = values`, or `rank` copies of `fill` when values is NULL. A rank beyond
 * DLC_MAX_RANK is cut: such an operand is rejected for its rank before the list is read. */
static MlirNamedAttribute listOrFill(MlirContext ctx, const char *name, intptr_t rank,
                                     const int64_t *values, int64_t fill) {
  int64_t filled[DLC_MAX_RANK];
  if (values)
    return dlcNamedI64Array(ctx, name, rank, values);
  rank = rank < DLC_MAX_RANK ? rank : DLC_MAX_RANK;
  for (intptr_t i = 0; i < rank; ++i)
    filled[i] = fill;
  return dlcNamedI64Array(ctx, name, rank, filled);
}

MlirValue dlcBuildSlice(DlcBuilder b, MlirValue x, intptr_t rank, const int64_t *startIndices,
                        const int64_t *limitIndices, const int64_t *strides) {
  MlirContext ctx = unwrap(b)->ctx;
  MlirNamedAttribute attrs[] = {
      dlcNamedI64Array(ctx, "start_indices", rank, startIndices),
      dlcNamedI64Array(ctx, "limit_indices", rank, limitIndices),
      listOrFill(ctx, "strides", rank, strides, 1),
  };
  return dlcBuildOne(b, "dhlo.slice", 1, &x, 3, attrs, (MlirType){NULL});
}

/* The dynamic slices take their leading operands, then one start index per dimension. */
static MlirValue buildWithStartIndices(DlcBuilder b, const char *name, intptr_t nLeading,
                                       const MlirValue *leading, intptr_t rank,
                                       const MlirValue *startIndices, intptr_t nAttributes,
                                       const MlirNamedAttribute *attributes) {
  MlirValue *operands = dlcAlloc(sizeof(MlirValue) * (size_t)(nLeading + rank));
  memcpy(operands, leading, sizeof(MlirValue) * (size_t)nLeading);
  memcpy(operands + nLeading, startIndices, sizeof(MlirValue) * (size_t)rank);
  MlirValue result =
      dlcBuildOne(b, name, nLeading + rank, operands, nAttributes, attributes, (MlirType){NULL});
  free(operands);
  return result;
}

MlirValue dlcBuildDynamicSlice(DlcBuilder b, MlirValue x, intptr_t rank,
                               const MlirValue *startIndices, const int64_t *sliceSizes) {
  MlirNamedAttribute attr = dlcNamedI64Array(unwrap(b)->ctx, "slice_sizes", rank, sliceSizes);
  return buildWithStartIndices(b, "dhlo.dynamic_slice", 1, &x, rank, startIndices, 1, &attr);
}

MlirValue dlcBuildDynamicUpdateSlice(DlcBuilder b, MlirValue x, MlirValue update, intptr_t rank,
                                     const MlirValue *startIndices) {
  MlirValue leading[] = {x, update};
  return buildWithStartIndices(b, "dhlo.dynamic_update_slice", 2, leading, rank, startIndices, 0,
                               NULL);
}

MlirValue dlcBuildGather(DlcBuilder b, MlirValue operand, MlirValue startIndices,
                         const DlcGatherDimensionNumbers *dims) {
  MlirContext ctx = unwrap(b)->ctx;
  MlirNamedAttribute attrs[] = {
      dlcNamedI64Array(ctx, "offset_dims", dims->numOffsetDims, dims->offsetDims),
      dlcNamedI64Array(ctx, "collapsed_slice_dims", dims->numCollapsedSliceDims,
                       dims->collapsedSliceDims),
      dlcNamedI64Array(ctx, "start_index_map", dims->numStartIndexMap, dims->startIndexMap),
      dlcNamedI64(ctx, "index_vector_dim", dims->indexVectorDim),
      dlcNamedI64Array(ctx, "slice_sizes", dims->numSliceSizes, dims->sliceSizes),
      dlcNamedI64Array(ctx, "operand_batching_dims", dims->numBatchingDims,
                       dims->operandBatchingDims),
      dlcNamedI64Array(ctx, "start_indices_batching_dims", dims->numBatchingDims,
                       dims->startIndicesBatchingDims),
  };
  MlirValue operands[] = {operand, startIndices};
  /* Without batching dimensions the optional lists are left out, as StableHLO prints them. */
  intptr_t nAttrs = dims->numBatchingDims ? 7 : 5;
  return dlcBuildOne(b, "dhlo.gather", 2, operands, nAttrs, attrs, (MlirType){NULL});
}

MlirValue dlcBuildPad(DlcBuilder b, MlirValue x, MlirValue paddingValue, intptr_t rank,
                      const int64_t *low, const int64_t *high, const int64_t *interior) {
  MlirContext ctx = unwrap(b)->ctx;
  MlirNamedAttribute attrs[] = {
      dlcNamedI64Array(ctx, "edge_padding_low", rank, low),
      dlcNamedI64Array(ctx, "edge_padding_high", rank, high),
      listOrFill(ctx, "interior_padding", rank, interior, 0),
  };
  MlirValue operands[] = {x, paddingValue};
  return dlcBuildOne(b, "dhlo.pad", 2, operands, 3, attrs, (MlirType){NULL});
}

MlirValue dlcBuildRelayout(DlcBuilder b, MlirValue x, MlirAttribute layout) {
  return dlcBuildShaped(b, "dtensor.relayout", 1, &x, 0, NULL, 0, NULL, (MlirType){NULL}, layout);
}
