/* RulesReduction.c: rules of reduce, reduce_window and batch_norm_inference, after the
 * StableHLO specification. Reducers are called computations (`to_apply = @f`), checked
 * against the operand's element type when a symbol table is at hand. */
#include "OpRules.h"

/* The operand (#0) and init_value (#1) of a reduction: init_value is a 0-d tensor of the
 * operand's element type, and to_apply reduces that element type. */
static MlirLogicalResult checkReductionInputs(const DlcOpSig *sig) {
  DlcShape operand = dlcOperandShape(sig, 0), init = dlcOperandShape(sig, 1);
  if (init.rank != 0 || !mlirTypeEqual(init.element, operand.element)) {
    char a[128], b[64];
    return dlcRuleError(sig, "init_value must be a 0-d tensor of %s, got %s",
                        dlcTypeStr(operand.element, b, sizeof b),
                        dlcTypeStr(sig->operandTypes[1], a, sizeof a));
  }
  return dlcCheckReducer(sig, "to_apply", operand.element);
}

static MlirLogicalResult inferReduce(DlcOpSig *sig) {
  DlcShape operand = dlcOperandShape(sig, 0);
  DlcI64Array dims;
  if (mlirLogicalResultIsFailure(checkReductionInputs(sig)) ||
      mlirLogicalResultIsFailure(dlcSigI64Array(sig, "dimensions", true, &dims)) ||
      mlirLogicalResultIsFailure(
          dlcCheckDimList(sig, "dimensions", dims.data, dims.size, operand.rank)))
    return mlirLogicalResultFailure();
  bool reduced[DLC_MAX_RANK] = {false};
  for (intptr_t i = 0; i < dims.size; ++i)
    reduced[dims.data[i]] = true;
  DlcShape result = {.element = operand.element};
  for (intptr_t i = 0; i < operand.rank; ++i)
    if (!reduced[i])
      result.dims[result.rank++] = operand.dims[i];
  sig->resultTypes[0] = dlcShapeType(&result);
  return mlirLogicalResultSuccess();
}

static const DlcWindowAttrNames reduceWindowNames = {"window_strides", "padding",
                                                     "base_dilations", "window_dilations"};

static MlirLogicalResult inferReduceWindow(DlcOpSig *sig) {
  DlcShape operand = dlcOperandShape(sig, 0);
  DlcWindow window = {.rank = operand.rank};
  DlcShape result = operand;
  if (mlirLogicalResultIsFailure(checkReductionInputs(sig)) ||
      mlirLogicalResultIsFailure(dlcSigI64ArrayN(sig, "window_dimensions", true, operand.rank,
                                                 1, 1, window.size)) ||
      mlirLogicalResultIsFailure(dlcSigWindow(sig, &reduceWindowNames, &window)) ||
      mlirLogicalResultIsFailure(dlcWindowOutputDims(sig, &window, operand.dims, result.dims)))
    return mlirLogicalResultFailure();
  sig->resultTypes[0] = dlcShapeType(&result);
  return mlirLogicalResultSuccess();
}

static MlirLogicalResult inferBatchNormInference(DlcOpSig *sig) {
  static const char *const statNames[] = {"scale", "offset", "mean", "variance"};
  DlcShape operand = dlcOperandShape(sig, 0);
  int64_t featureIndex = 0;
  if (mlirLogicalResultIsFailure(dlcSigI64(sig, "feature_index", true, &featureIndex)))
    return mlirLogicalResultFailure();
  MlirAttribute epsilon = dlcSigAttr(sig, "epsilon");
  if (mlirAttributeIsNull(epsilon) || !mlirAttributeIsAFloat(epsilon))
    return dlcRuleError(sig, "requires a float attribute 'epsilon'");
  char buf[64];
  if (operand.rank < 1 || !dlcIsFloatType(operand.element))
    return dlcRuleError(sig, "operand must be a float tensor of rank >= 1, got %s",
                        dlcTypeStr(sig->operandTypes[0], buf, sizeof buf));
  if (featureIndex < 0 || featureIndex >= operand.rank)
    return dlcRuleError(sig, "feature_index %lld is out of range [0, %lld)",
                        (long long)featureIndex, (long long)operand.rank);
  DlcShape stat = {.rank = 1, .dims = {operand.dims[featureIndex]}, .element = operand.element};
  for (intptr_t i = 1; i < 5; ++i) {
    if (!dlcSameLogicalType(sig->operandTypes[i], dlcShapeType(&stat))) {
      char got[128], want[128];
      return dlcRuleError(sig, "%s must have type %s (the operand's feature dimension), got %s",
                          statNames[i - 1], dlcTypeStr(dlcShapeType(&stat), want, sizeof want),
                          dlcTypeStr(sig->operandTypes[i], got, sizeof got));
    }
  }
  sig->resultTypes[0] = dlcShapeType(&operand);
  return mlirLogicalResultSuccess();
}

const DlcOpRule dlcReductionRules[] = {
    {"dhlo.reduce", inferReduce, DLC_TRAIT_CALLS},
    {"dhlo.reduce_window", inferReduceWindow, DLC_TRAIT_CALLS},
    {"dhlo.batch_norm_inference", inferBatchNormInference, 0},
    {NULL, NULL, 0},
};
