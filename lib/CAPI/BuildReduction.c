/* BuildReduction.c: builders of reduce, reduce_window and batch_norm_inference. Reducers
 * are named by symbol; dlcBuildScalarReducer (BuildFunc.c) makes the usual ones. */
#include "BuilderInternal.h"

MlirValue dlcBuildReduce(DlcBuilder b, MlirValue x, MlirValue init, intptr_t nDims,
                         const int64_t *dimensions, MlirStringRef reducer) {
  MlirContext ctx = unwrap(b)->ctx;
  MlirNamedAttribute attrs[] = {
      dlcNamedI64Array(ctx, "dimensions", nDims, dimensions),
      dlcNamedSymbol(ctx, "to_apply", reducer),
  };
  MlirValue operands[] = {x, init};
  return dlcBuildOne(b, "dhlo.reduce", 2, operands, 2, attrs, (MlirType){NULL});
}

MlirValue dlcBuildReduceWindow(DlcBuilder b, MlirValue x, MlirValue init,
                               const DlcReduceWindowConfig *config, MlirStringRef reducer) {
  MlirContext ctx = unwrap(b)->ctx;
  intptr_t rank = config->rank;
  MlirNamedAttribute attrs[6] = {
      dlcNamedSymbol(ctx, "to_apply", reducer),
      dlcNamedI64Array(ctx, "window_dimensions", rank, config->windowDimensions),
  };
  intptr_t n = 2;
  n = dlcAppendOptionalList(ctx, attrs, n, "window_strides", rank, config->windowStrides);
  n = dlcAppendOptionalList(ctx, attrs, n, "base_dilations", rank, config->baseDilations);
  n = dlcAppendOptionalList(ctx, attrs, n, "window_dilations", rank, config->windowDilations);
  n = dlcAppendOptionalList(ctx, attrs, n, "padding", 2 * rank, config->padding);
  MlirValue operands[] = {x, init};
  return dlcBuildOne(b, "dhlo.reduce_window", 2, operands, n, attrs, (MlirType){NULL});
}

MlirValue dlcBuildBatchNormInference(DlcBuilder b, MlirValue x, MlirValue scale, MlirValue offset,
                                     MlirValue mean, MlirValue variance, float epsilon,
                                     int64_t featureIndex) {
  MlirContext ctx = unwrap(b)->ctx;
  MlirNamedAttribute attrs[] = {
      dlcNamedAttr(ctx, "epsilon", mlirFloatAttrDoubleGet(ctx, mlirF32TypeGet(ctx), epsilon)),
      dlcNamedI64(ctx, "feature_index", featureIndex),
  };
  MlirValue operands[] = {x, scale, offset, mean, variance};
  return dlcBuildOne(b, "dhlo.batch_norm_inference", 5, operands, 2, attrs, (MlirType){NULL});
}
