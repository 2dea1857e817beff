/* Reduction.c: the reference semantics of reduce, reduce_window and batch_norm_inference,
 * after StableHLO. Reductions fold their reducer (a called computation, see RefReducer)
 * over the elements in row-major order, starting from the init value. Nothing here
 * allocates beyond what the reducer does. */
#include "Reference/Evaluator.h"

#include "mlir-c/BuiltinAttributes.h"

#include <math.h>

/* ---- reduce ----------------------------------------------------------------------------- */

static MlirLogicalResult runReduce(RefOp *op) {
  const RefTensor *in = op->operands[0];
  RefTensor *out = op->results[0];
  DlcI64Array dims;
  RefReducer reducer;
  if (mlirLogicalResultIsFailure(dlcSigI64Array(&op->sig, "dimensions", true, &dims)) ||
      mlirLogicalResultIsFailure(dlcRefReducerInit(&reducer, op, "to_apply", in->type)))
    return mlirLogicalResultFailure();
  /* The operand's dimensions split into the kept ones (the result's, in order) and the
   * reduced ones, each walked with its own index. */
  bool reduced[DLC_MAX_RANK] = {false};
  int64_t strides[DLC_MAX_RANK], keptStrides[DLC_MAX_RANK], inner[DLC_MAX_RANK],
      innerStrides[DLC_MAX_RANK], innerCount = 1;
  for (intptr_t i = 0; i < dims.size; ++i)
    reduced[dims.data[i]] = true;
  dlcRefStrides(in->dims, in->rank, strides);
  intptr_t numKept = 0, numInner = 0;
  for (intptr_t d = 0; d < in->rank; ++d) {
    if (reduced[d]) {
      innerCount *= inner[numInner] = in->dims[d];
      innerStrides[numInner++] = strides[d];
    } else {
      keptStrides[numKept++] = strides[d];
    }
  }
  RefScalar init = dlcRefLoad(op->operands[1], 0);
  int64_t index[DLC_MAX_RANK] = {0}, r[DLC_MAX_RANK] = {0};
  MlirLogicalResult ok = mlirLogicalResultSuccess();
  for (int64_t n = 0; n < out->count; ++n, dlcRefNextIndex(index, out->dims, out->rank)) {
    int64_t base = dlcRefOffset(index, keptStrides, numKept);
    RefScalar acc = init;
    for (int64_t m = 0; m < innerCount && mlirLogicalResultIsSuccess(ok);
         ++m, dlcRefNextIndex(r, inner, numInner))
      ok = dlcRefReducerApply(&reducer, acc,
                              dlcRefLoad(in, base + dlcRefOffset(r, innerStrides, numInner)), &acc);
    dlcRefStore(out, n, acc);
  }
  dlcRefReducerFinish(&reducer);
  return ok;
}

/* ---- reduce_window ---------------------------------------------------------------------- */

/* StableHLO pads the operand with init_value (at the edges and in the holes of the base
 * dilation) and reduces every window of the padded operand: a window position outside the
 * operand contributes init_value, which the reducer sees like any element. */
static MlirLogicalResult runReduceWindow(RefOp *op) {
  static const DlcWindowAttrNames names = {"window_strides", "padding", "base_dilations",
                                           "window_dilations"};
  const RefTensor *in = op->operands[0];
  RefTensor *out = op->results[0];
  DlcWindow w = {.rank = in->rank};
  RefReducer reducer;
  if (mlirLogicalResultIsFailure(dlcSigI64ArrayN(&op->sig, "window_dimensions", true, in->rank,
                                                 1, 1, w.size)) ||
      mlirLogicalResultIsFailure(dlcSigWindow(&op->sig, &names, &w)) ||
      mlirLogicalResultIsFailure(dlcRefReducerInit(&reducer, op, "to_apply", in->type)))
    return mlirLogicalResultFailure();
  int64_t strides[DLC_MAX_RANK], windowCount = 1;
  dlcRefStrides(in->dims, in->rank, strides);
  for (intptr_t d = 0; d < in->rank; ++d)
    windowCount *= w.size[d];
  RefScalar init = dlcRefLoad(op->operands[1], 0);
  int64_t index[DLC_MAX_RANK] = {0}, at[DLC_MAX_RANK] = {0};
  MlirLogicalResult ok = mlirLogicalResultSuccess();
  for (int64_t n = 0; n < out->count; ++n, dlcRefNextIndex(index, out->dims, out->rank)) {
    RefScalar acc = init;
    for (int64_t m = 0; m < windowCount && mlirLogicalResultIsSuccess(ok);
         ++m, dlcRefNextIndex(at, w.size, w.rank)) {
      int64_t offset = 0;
      bool inside = true;
      for (intptr_t d = 0; inside && d < in->rank; ++d) {
        int64_t q = index[d] * w.stride[d] + at[d] * w.windowDilation[d] - w.padLow[d];
        inside = q >= 0 && q % w.baseDilation[d] == 0 && q / w.baseDilation[d] < in->dims[d];
        offset += q / w.baseDilation[d] * strides[d];
      }
      ok = dlcRefReducerApply(&reducer, acc, inside ? dlcRefLoad(in, offset) : init, &acc);
    }
    dlcRefStore(out, n, acc);
  }
  dlcRefReducerFinish(&reducer);
  return ok;
}

/* ---- batch_norm_inference --------------------------------------------------------------- */

/* (x - mean) / sqrt(variance + epsilon) * scale + offset, in double, rounded once. */
static MlirLogicalResult runBatchNormInference(RefOp *op) {
  const RefTensor *in = op->operands[0];
  const RefTensor *scale = op->operands[1], *offset = op->operands[2], *mean = op->operands[3],
                  *variance = op->operands[4];
  RefTensor *out = op->results[0];
  int64_t feature = 0;
  MlirAttribute epsilonAttr = dlcSigAttr(&op->sig, "epsilon");
  if (mlirLogicalResultIsFailure(dlcSigI64(&op->sig, "feature_index", true, &feature)))
    return mlirLogicalResultFailure();
  if (mlirAttributeIsNull(epsilonAttr) || !mlirAttributeIsAFloat(epsilonAttr))
    return dlcRuleError(&op->sig, "requires a float attribute 'epsilon'");
  double epsilon = mlirFloatAttrGetValueDouble(epsilonAttr);
  int64_t index[DLC_MAX_RANK] = {0};
  for (int64_t n = 0; n < out->count; ++n, dlcRefNextIndex(index, out->dims, out->rank)) {
    int64_t f = index[feature];
    double x = dlcRefLoad(in, n).f;
    double y = (x - dlcRefLoad(mean, f).f) / sqrt(dlcRefLoad(variance, f).f + epsilon) *
                   dlcRefLoad(scale, f).f +
               dlcRefLoad(offset, f).f;
    dlcRefStore(out, n, (RefScalar){.f = y});
  }
  return mlirLogicalResultSuccess();
}

const RefOpImpl dlcRefReductionOps[] = {
    {"dhlo.reduce", runReduce},
    {"dhlo.reduce_window", runReduceWindow},
    {"dhlo.batch_norm_inference", runBatchNormInference},
    {NULL, NULL},
};
