/* RulesContraction.c: rules of dot_general and convolution, after the StableHLO
 * specification: dimension numbers, the inferred result shape, and the element type of
 * a contraction (including the mixed-precision f32 result of bf16/f16 operands). */
#include "OpRules.h"

#include <stdio.h>
#include <string.h>

/* Both operands have one element type. The result normally has it too, but a stated f32
 * result is accepted for bf16 or f16 operands: bf16 rewriting keeps the operands narrow
 * and accumulates and returns f32, as XLA does. Without a stated type the operands'
 * element type is inferred. */
static MlirLogicalResult contractionElement(const DlcOpSig *sig, MlirType *out) {
  MlirType lhs = dlcOperandShape(sig, 0).element, rhs = dlcOperandShape(sig, 1).element;
  if (!mlirTypeEqual(lhs, rhs)) {
    char a[64], b[64];
    return dlcRuleError(sig, "lhs and rhs must have the same element type, got %s and %s",
                        dlcTypeStr(lhs, a, sizeof a), dlcTypeStr(rhs, b, sizeof b));
  }
  *out = lhs;
  if (sig->givenResultTypes && !mlirTypeIsNull(sig->givenResultTypes[0]) &&
      (mlirTypeIsABF16(lhs) || mlirTypeIsAF16(lhs))) {
    MlirType given = dlcShapeOf(sig->givenResultTypes[0]).element;
    if (mlirTypeIsAF32(given))
      *out = given;
  }
  return mlirLogicalResultSuccess();
}

/* ---- dot_general ------------------------------------------------------------------- */

/* A list of lhs dimensions paired one to one with a list of rhs dimensions (batching or
 * contracting): equal lengths, valid lists, equal sizes pair by pair. */
static MlirLogicalResult checkDimPairs(const DlcOpSig *sig, const char *kind,
                                       const DlcI64Array *lhsDims, const DlcI64Array *rhsDims,
                                       const DlcShape *lhs, const DlcShape *rhs) {
  char lhsName[64], rhsName[64];
  snprintf(lhsName, sizeof lhsName, "lhs_%s_dimensions", kind);
  snprintf(rhsName, sizeof rhsName, "rhs_%s_dimensions", kind);
  if (lhsDims->size != rhsDims->size)
    return dlcRuleError(sig, "%s and %s must have the same length, got %lld and %lld", lhsName,
                        rhsName, (long long)lhsDims->size, (long long)rhsDims->size);
  if (mlirLogicalResultIsFailure(
          dlcCheckDimList(sig, lhsName, lhsDims->data, lhsDims->size, lhs->rank)) ||
      mlirLogicalResultIsFailure(
          dlcCheckDimList(sig, rhsName, rhsDims->data, rhsDims->size, rhs->rank)))
    return mlirLogicalResultFailure();
  for (intptr_t i = 0; i < lhsDims->size; ++i) {
    int64_t l = lhsDims->data[i], r = rhsDims->data[i];
    if (lhs->dims[l] != rhs->dims[r])
      return dlcRuleError(sig, "%s dimensions differ in size: lhs dimension %lld is %lld, rhs "
                          "dimension %lld is %lld",
                          kind, (long long)l, (long long)lhs->dims[l], (long long)r,
                          (long long)rhs->dims[r]);
  }
  return mlirLogicalResultSuccess();
}

/* Marks the batching and contracting dimensions of one side in `used`; a dimension may
 * not be both. */
static MlirLogicalResult markUsedDims(const DlcOpSig *sig, const char *side,
                                      const DlcI64Array *batching,
                                      const DlcI64Array *contracting, bool *used) {
  for (intptr_t i = 0; i < batching->size; ++i)
    used[batching->data[i]] = true;
  for (intptr_t i = 0; i < contracting->size; ++i) {
    if (used[contracting->data[i]])
      return dlcRuleError(sig, "%s dimension %lld is both a batching and a contracting dimension",
                          side, (long long)contracting->data[i]);
    used[contracting->data[i]] = true;
  }
  return mlirLogicalResultSuccess();
}

static void appendFreeDims(const DlcShape *operand, const bool *used, DlcShape *result) {
  for (intptr_t i = 0; i < operand->rank; ++i)
    if (!used[i])
      result->dims[result->rank++] = operand->dims[i];
}

static MlirLogicalResult inferDotGeneral(DlcOpSig *sig) {
  DlcShape lhs = dlcOperandShape(sig, 0), rhs = dlcOperandShape(sig, 1);
  DlcI64Array lhsBatching, rhsBatching, lhsContracting, rhsContracting;
  if (mlirLogicalResultIsFailure(
          dlcSigI64Array(sig, "lhs_batching_dimensions", true, &lhsBatching)) ||
      mlirLogicalResultIsFailure(
          dlcSigI64Array(sig, "rhs_batching_dimensions", true, &rhsBatching)) ||
      mlirLogicalResultIsFailure(
          dlcSigI64Array(sig, "lhs_contracting_dimensions", true, &lhsContracting)) ||
      mlirLogicalResultIsFailure(
          dlcSigI64Array(sig, "rhs_contracting_dimensions", true, &rhsContracting)))
    return mlirLogicalResultFailure();
  bool lhsUsed[DLC_MAX_RANK] = {false}, rhsUsed[DLC_MAX_RANK] = {false};
  if (mlirLogicalResultIsFailure(
          checkDimPairs(sig, "batching", &lhsBatching, &rhsBatching, &lhs, &rhs)) ||
      mlirLogicalResultIsFailure(
          checkDimPairs(sig, "contracting", &lhsContracting, &rhsContracting, &lhs, &rhs)) ||
      mlirLogicalResultIsFailure(
          markUsedDims(sig, "lhs", &lhsBatching, &lhsContracting, lhsUsed)) ||
      mlirLogicalResultIsFailure(
          markUsedDims(sig, "rhs", &rhsBatching, &rhsContracting, rhsUsed)))
    return mlirLogicalResultFailure();

  MlirAttribute accumulation = dlcSigAttr(sig, "accumulation_type");
  if (!mlirAttributeIsNull(accumulation) &&
      (!mlirAttributeIsAType(accumulation) ||
       !dlcIsSupportedElementType(mlirTypeAttrGetValue(accumulation)))) {
    char buf[128];
    return dlcRuleError(sig, "accumulation_type %s is not a supported element type",
                        dlcAttrStr(accumulation, buf, sizeof buf));
  }

  DlcShape result = {0};
  if (mlirLogicalResultIsFailure(contractionElement(sig, &result.element)))
    return mlirLogicalResultFailure();
  for (intptr_t i = 0; i < lhsBatching.size; ++i)
    result.dims[result.rank++] = lhs.dims[lhsBatching.data[i]];
  appendFreeDims(&lhs, lhsUsed, &result);
  appendFreeDims(&rhs, rhsUsed, &result);
  sig->resultTypes[0] = dlcShapeType(&result);
  return mlirLogicalResultSuccess();
}

/* ---- convolution ------------------------------------------------------------------- */

/* One part of XLA's compact dimension_numbers ("b01f"): which tensor dimension holds each
 * role. The two letters are b, f for input and output and i, o for the kernel. */
enum { BATCH = 0, FEATURE = 1, KERNEL_IN = 0, KERNEL_OUT = 1 };
typedef struct {
  intptr_t rank;
  int64_t letter[2];
  int64_t spatial[DLC_MAX_RANK]; /* spatial[k]: tensor dimension of spatial dimension k */
} ConvLabels;

typedef struct {
  MlirStringRef text; /* the whole attribute, quoted in every error */
  ConvLabels input, kernel, output;
} ConvDimensionNumbers;

static MlirLogicalResult parseConvLabels(const DlcOpSig *sig, const ConvDimensionNumbers *dn,
                                         const char *part, const char *s, size_t n,
                                         const char *letters, ConvLabels *out) {
  int text = (int)dn->text.length;
  const char *data = dn->text.data;
  if (n > DLC_MAX_RANK)
    return dlcRuleError(sig, "dimension_numbers \"%.*s\": the %s labels have %zu dimensions; at "
                        "most %d are supported",
                        text, data, part, n, DLC_MAX_RANK);
  out->rank = (intptr_t)n;
  out->letter[0] = out->letter[1] = -1;
  /* Letters first: a missing letter also shows up as one digit too many, and "lacks 'o'"
   * says better what is wrong than "names spatial dimension 2". */
  for (size_t p = 0; p < n; ++p) {
    char c = s[p];
    bool isLetter = c == letters[0] || c == letters[1];
    if (!isLetter && !(c >= '0' && c <= '9'))
      return dlcRuleError(sig, "dimension_numbers \"%.*s\": unexpected '%c' in the %s labels "
                          "(expected '%c', '%c' or a spatial digit)",
                          text, data, c, part, letters[0], letters[1]);
    if (!isLetter)
      continue;
    int64_t *slot = &out->letter[c == letters[1]];
    if (*slot >= 0)
      return dlcRuleError(sig, "dimension_numbers \"%.*s\": '%c' appears twice in the %s labels",
                          text, data, c, part);
    *slot = (int64_t)p;
  }
  for (int i = 0; i < 2; ++i)
    if (out->letter[i] < 0)
      return dlcRuleError(sig, "dimension_numbers \"%.*s\": the %s labels lack '%c'", text,
                          data, part, letters[i]);
  /* The n - 2 remaining labels are digits; distinct and in range, they name every spatial
   * dimension exactly once. */
  int64_t numSpatial = (int64_t)n - 2;
  for (int64_t k = 0; k < numSpatial; ++k)
    out->spatial[k] = -1;
  for (size_t p = 0; p < n; ++p) {
    int digit = s[p] - '0';
    if ((int64_t)p == out->letter[0] || (int64_t)p == out->letter[1])
      continue;
    if (digit >= numSpatial)
      return dlcRuleError(sig, "dimension_numbers \"%.*s\": the %s labels name spatial "
                          "dimension %d but have only %lld",
                          text, data, part, digit, (long long)numSpatial);
    if (out->spatial[digit] >= 0)
      return dlcRuleError(sig, "dimension_numbers \"%.*s\": '%c' appears twice in the %s labels",
                          text, data, s[p], part);
    out->spatial[digit] = (int64_t)p;
  }
  return mlirLogicalResultSuccess();
}

/* Parses "<input>_<kernel>-><output>", e.g. "b01f_01io->b01f". */
static MlirLogicalResult parseConvDimensionNumbers(const DlcOpSig *sig, MlirStringRef text,
                                                   ConvDimensionNumbers *dn) {
  dn->text = text;
  const char *begin = text.data, *end = text.data + text.length;
  const char *underscore = memchr(begin, '_', text.length);
  if (!underscore)
    return dlcRuleError(sig, "dimension_numbers \"%.*s\": expected '_' after the input labels",
                        (int)text.length, begin);
  const char *arrow = underscore + 1;
  while (arrow + 1 < end && !(arrow[0] == '-' && arrow[1] == '>'))
    ++arrow;
  if (arrow + 1 >= end)
    return dlcRuleError(sig, "dimension_numbers \"%.*s\": expected '->'", (int)text.length,
                        begin);
  if (mlirLogicalResultIsFailure(parseConvLabels(sig, dn, "input", begin,
                                                 (size_t)(underscore - begin), "bf",
                                                 &dn->input)) ||
      mlirLogicalResultIsFailure(parseConvLabels(sig, dn, "kernel", underscore + 1,
                                                 (size_t)(arrow - underscore - 1), "io",
                                                 &dn->kernel)) ||
      mlirLogicalResultIsFailure(parseConvLabels(sig, dn, "output", arrow + 2,
                                                 (size_t)(end - arrow - 2), "bf",
                                                 &dn->output)))
    return mlirLogicalResultFailure();
  if (dn->input.rank != dn->kernel.rank || dn->input.rank != dn->output.rank)
    return dlcRuleError(sig, "dimension_numbers \"%.*s\": the input, kernel and output labels "
                        "must have the same length",
                        (int)text.length, begin);
  return mlirLogicalResultSuccess();
}

static MlirLogicalResult checkDivisible(const DlcOpSig *sig, const char *what, int64_t value,
                                        const char *byName, int64_t by) {
  if (value % by != 0)
    return dlcRuleError(sig, "%s (%lld) is not divisible by %s (%lld)", what, (long long)value,
                        byName, (long long)by);
  return mlirLogicalResultSuccess();
}

static MlirLogicalResult readGroupCount(const DlcOpSig *sig, const char *name, int64_t *out) {
  *out = 1;
  if (mlirLogicalResultIsFailure(dlcSigI64(sig, name, false, out)))
    return mlirLogicalResultFailure();
  if (*out < 1)
    return dlcRuleError(sig, "%s must be >= 1, got %lld", name, (long long)*out);
  return mlirLogicalResultSuccess();
}

static const DlcWindowAttrNames convWindowNames = {"window_strides", "padding", "lhs_dilation",
                                                   "rhs_dilation"};

static MlirLogicalResult inferConvolution(DlcOpSig *sig) {
  DlcShape lhs = dlcOperandShape(sig, 0), rhs = dlcOperandShape(sig, 1);
  MlirStringRef text = {0};
  ConvDimensionNumbers dn;
  if (mlirLogicalResultIsFailure(dlcSigString(sig, "dimension_numbers", true, &text)) ||
      mlirLogicalResultIsFailure(parseConvDimensionNumbers(sig, text, &dn)))
    return mlirLogicalResultFailure();
  if (dn.input.rank != lhs.rank || dn.kernel.rank != rhs.rank)
    return dlcRuleError(sig, "dimension_numbers \"%.*s\" describe rank %lld, but lhs has rank "
                        "%lld and rhs rank %lld",
                        (int)text.length, text.data, (long long)dn.input.rank,
                        (long long)lhs.rank, (long long)rhs.rank);

  int64_t featureGroups, batchGroups;
  if (mlirLogicalResultIsFailure(readGroupCount(sig, "feature_group_count", &featureGroups)) ||
      mlirLogicalResultIsFailure(readGroupCount(sig, "batch_group_count", &batchGroups)))
    return mlirLogicalResultFailure();
  if (featureGroups > 1 && batchGroups > 1)
    return dlcRuleError(sig, "feature_group_count and batch_group_count cannot both exceed 1");
  int64_t inputBatch = lhs.dims[dn.input.letter[BATCH]];
  int64_t inputFeatures = lhs.dims[dn.input.letter[FEATURE]];
  int64_t kernelInputs = rhs.dims[dn.kernel.letter[KERNEL_IN]];
  int64_t kernelOutputs = rhs.dims[dn.kernel.letter[KERNEL_OUT]];
  if (mlirLogicalResultIsFailure(checkDivisible(sig, "input features", inputFeatures,
                                                "feature_group_count", featureGroups)) ||
      mlirLogicalResultIsFailure(checkDivisible(sig, "kernel output features", kernelOutputs,
                                                "feature_group_count", featureGroups)) ||
      mlirLogicalResultIsFailure(checkDivisible(sig, "input batch", inputBatch,
                                                "batch_group_count", batchGroups)) ||
      mlirLogicalResultIsFailure(checkDivisible(sig, "kernel output features", kernelOutputs,
                                                "batch_group_count", batchGroups)))
    return mlirLogicalResultFailure();
  if (kernelInputs * featureGroups != inputFeatures)
    return dlcRuleError(sig, "kernel input features (%lld) times feature_group_count (%lld) must "
                        "equal the input features (%lld)",
                        (long long)kernelInputs, (long long)featureGroups,
                        (long long)inputFeatures);

  DlcWindow window = {.rank = lhs.rank - 2};
  int64_t inputSpatial[DLC_MAX_RANK], outputSpatial[DLC_MAX_RANK];
  for (intptr_t k = 0; k < window.rank; ++k) {
    window.size[k] = rhs.dims[dn.kernel.spatial[k]];
    inputSpatial[k] = lhs.dims[dn.input.spatial[k]];
  }
  if (mlirLogicalResultIsFailure(dlcSigWindow(sig, &convWindowNames, &window)) ||
      mlirLogicalResultIsFailure(dlcWindowOutputDims(sig, &window, inputSpatial, outputSpatial)))
    return mlirLogicalResultFailure();

  DlcShape result = {.rank = lhs.rank};
  if (mlirLogicalResultIsFailure(contractionElement(sig, &result.element)))
    return mlirLogicalResultFailure();
  result.dims[dn.output.letter[BATCH]] = inputBatch / batchGroups;
  result.dims[dn.output.letter[FEATURE]] = kernelOutputs;
  for (intptr_t k = 0; k < window.rank; ++k)
    result.dims[dn.output.spatial[k]] = outputSpatial[k];
  sig->resultTypes[0] = dlcShapeType(&result);
  return mlirLogicalResultSuccess();
}

const DlcOpRule dlcContractionRules[] = {
    {"dhlo.dot_general", inferDotGeneral, 0},
    {"dhlo.convolution", inferConvolution, 0},
    {NULL, NULL, 0},
};
