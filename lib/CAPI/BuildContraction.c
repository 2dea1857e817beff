/* BuildContraction.c: builders of dot_general (and its 2-D matmul form) and convolution. */
#include "BuilderInternal.h"

/* A rule accepts a result element wider than the operands' (f32 for bf16) only when it
 * is stated, and a stated type needs the inferred shape: the op is built once to learn
 * it, then again with the wider element. */
static MlirValue buildWithElement(DlcBuilder b, const char *name, MlirValue lhs, MlirValue rhs,
                                  intptr_t nAttributes, const MlirNamedAttribute *attributes,
                                  MlirType element) {
  MlirValue operands[] = {lhs, rhs};
  MlirValue inferred = dlcBuildOne(b, name, 2, operands, nAttributes, attributes, (MlirType){NULL});
  if (mlirValueIsNull(inferred) || mlirTypeIsNull(element))
    return inferred;
  DlcShape shape = dlcShapeOf(mlirValueGetType(inferred));
  mlirOperationDestroy(mlirOpResultGetOwner(inferred));
  MlirType stated = mlirRankedTensorTypeGetChecked(unwrap(b)->loc, shape.rank, shape.dims, element,
                                                   mlirAttributeGetNull());
  if (mlirTypeIsNull(stated))
    return dlcNullValue();
  return dlcBuildOne(b, name, 2, operands, nAttributes, attributes, stated);
}

MlirValue dlcBuildDotGeneral(DlcBuilder b, MlirValue lhs, MlirValue rhs,
                             const DlcDotDimensionNumbers *dims, MlirType accumulationType,
                             MlirType resultElementType) {
  MlirContext ctx = unwrap(b)->ctx;
  MlirNamedAttribute attrs[5] = {
      dlcNamedI64Array(ctx, "lhs_batching_dimensions", dims->numBatchingDims,
                       dims->lhsBatchingDims),
      dlcNamedI64Array(ctx, "rhs_batching_dimensions", dims->numBatchingDims,
                       dims->rhsBatchingDims),
      dlcNamedI64Array(ctx, "lhs_contracting_dimensions", dims->numContractingDims,
                       dims->lhsContractingDims),
      dlcNamedI64Array(ctx, "rhs_contracting_dimensions", dims->numContractingDims,
                       dims->rhsContractingDims),
  };
  intptr_t n = 4;
  if (!mlirTypeIsNull(accumulationType))
    attrs[n++] = dlcNamedAttr(ctx, "accumulation_type", mlirTypeAttrGet(accumulationType));
  return buildWithElement(b, "dhlo.dot_general", lhs, rhs, n, attrs, resultElementType);
}

MlirValue dlcBuildMatmul(DlcBuilder b, MlirValue lhs, MlirValue rhs) {
  static const int64_t lhsContracting[] = {1}, rhsContracting[] = {0};
  DlcDotDimensionNumbers dims = {.numContractingDims = 1,
                                 .lhsContractingDims = lhsContracting,
                                 .rhsContractingDims = rhsContracting};
  return dlcBuildDotGeneral(b, lhs, rhs, &dims, (MlirType){NULL}, (MlirType){NULL});
}

MlirValue dlcBuildConvolution(DlcBuilder b, MlirValue lhs, MlirValue rhs,
                              const DlcConvolutionConfig *config) {
  MlirContext ctx = unwrap(b)->ctx;
  intptr_t rank = config->numSpatialDims;
  MlirNamedAttribute attrs[7] = {
      dlcNamedString(ctx, "dimension_numbers", config->dimensionNumbers)};
  intptr_t n = 1;
  n = dlcAppendOptionalList(ctx, attrs, n, "window_strides", rank, config->windowStrides);
  n = dlcAppendOptionalList(ctx, attrs, n, "padding", 2 * rank, config->padding);
  n = dlcAppendOptionalList(ctx, attrs, n, "lhs_dilation", rank, config->lhsDilation);
  n = dlcAppendOptionalList(ctx, attrs, n, "rhs_dilation", rank, config->rhsDilation);
  if (config->featureGroupCount)
    attrs[n++] = dlcNamedI64(ctx, "feature_group_count", config->featureGroupCount);
  if (config->batchGroupCount)
    attrs[n++] = dlcNamedI64(ctx, "batch_group_count", config->batchGroupCount);
  return buildWithElement(b, "dhlo.convolution", lhs, rhs, n, attrs, config->resultElementType);
}
