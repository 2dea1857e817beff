/* LayoutPreferences.c: the options of dhlo-layout-assignment and the layouts they ask of
 * convolution and dot_general.
 *
 * Convolution layouts are written as letters from the most major dimension to the most
 * minor one, as the frameworks name them: activations (input and output) with 'n' for the
 * batch and 'c' for the feature dimension ("nhwc", "nchw"), filters with 'o' and 'i' for the
 * output and input features ("hwio", "oihw", "ohwi"). Any other letter is a spatial
 * dimension; spatial dimensions keep their order (the first spatial letter is spatial
 * dimension 0 of dimension_numbers), so the letters also fix the rank: "nhwc" asks for a
 * 2-D convolution and is an error on a 3-D one. `auto` fits any rank: batch major and
 * feature minor for activations; spatial, i, o (HWIO) for filters on CPU, o, spatial, i
 * (OHWI, cuDNN's NHWC filter layout) on GPU. The letters become tensor dimensions through
 * the op's dimension_numbers, so "nhwc" means the same physical layout for an op written
 * "bf01_oi01->bf01" and one written "b01f_01io->b01f". */
#include "Transforms/Layouts.h"

#include "mlir-c/Diagnostics.h"

#include <stdio.h>
#include <string.h>

const DlcPassOptionInfo dlcLayoutAssignmentOptions[dlcLayoutNumOptions] = {
    [dlcLayoutOptTarget] = {"target", DlcPassOptionString, "cpu",
                            "cpu or gpu: the target whose layouts `auto` picks"},
    [dlcLayoutOptConvActivation] = {"conv-activation-layout", DlcPassOptionString, "auto",
                                    "Convolution input/output layout, major to minor (nhwc, "
                                    "nchw, ...; n batch, c feature); auto: batch major, "
                                    "feature minor"},
    [dlcLayoutOptConvFilter] = {"conv-filter-layout", DlcPassOptionString, "auto",
                                "Convolution filter layout, major to minor (hwio, oihw, ohwi, "
                                "...; o/i output/input feature); auto: hwio on cpu, ohwi on "
                                "gpu"},
    [dlcLayoutOptDot] = {"dot-layout", DlcPassOptionString, "auto",
                         "dot_general operand layouts: canonical, contracting-minor or "
                         "default; auto: canonical on cpu, contracting-minor on gpu"},
    [dlcLayoutOptEntryLayouts] = {"entry-layouts", DlcPassOptionString, "keep",
                                  "Function signatures: keep their layouts, or propagate the "
                                  "layouts chosen inside (functions no symbol names)"},
};

static MlirLogicalResult badOption(MlirLocation loc, int option, const char *value,
                                   const char *expected) {
  char message[512];
  snprintf(message, sizeof message,
           "dhlo-layout-assignment: option '%s' does not accept '%s'; expected %s",
           dlcLayoutAssignmentOptions[option].name, value, expected);
  mlirEmitError(loc, message);
  return mlirLogicalResultFailure();
}

/* Distinct lowercase letters with exactly one of each of the two role letters. */
static bool validLetters(const char *s, const char *roles) {
  size_t n = strlen(s);
  if (n < 2 || n > DLC_MAX_RANK)
    return false;
  for (size_t i = 0; i < n; ++i)
    if (s[i] < 'a' || s[i] > 'z' || strchr(s + i + 1, s[i]))
      return false;
  return strchr(s, roles[0]) && strchr(s, roles[1]);
}

static int pick(const char *value, const char *const *choices) {
  for (int i = 0; choices[i]; ++i)
    if (!strcmp(value, choices[i]))
      return i;
  return -1;
}

MlirLogicalResult dlcLayoutPrefsParse(const DlcPassOptionValue *options, MlirLocation loc,
                                      DlcLayoutPrefs *out) {
  static const char *const targets[] = {"cpu", "gpu", NULL};
  /* In DlcDotLayout's order, then auto. */
  static const char *const dots[] = {"canonical", "contracting-minor", "default", "auto", NULL};
  static const char *const entries[] = {"keep", "propagate", NULL};
  const char *target = options[dlcLayoutOptTarget].s;
  const char *activation = options[dlcLayoutOptConvActivation].s;
  const char *filter = options[dlcLayoutOptConvFilter].s;
  const char *dot = options[dlcLayoutOptDot].s;
  const char *entry = options[dlcLayoutOptEntryLayouts].s;
  if (pick(target, targets) < 0)
    return badOption(loc, dlcLayoutOptTarget, target, "cpu or gpu");
  if (strcmp(activation, "auto") && !validLetters(activation, "nc"))
    return badOption(loc, dlcLayoutOptConvActivation, activation,
                     "auto or distinct letters with one 'n' and one 'c', e.g. nhwc, nchw");
  if (strcmp(filter, "auto") && !validLetters(filter, "oi"))
    return badOption(loc, dlcLayoutOptConvFilter, filter,
                     "auto or distinct letters with one 'o' and one 'i', e.g. hwio, oihw");
  if (pick(dot, dots) < 0)
    return badOption(loc, dlcLayoutOptDot, dot, "canonical, contracting-minor, default or auto");
  if (pick(entry, entries) < 0)
    return badOption(loc, dlcLayoutOptEntryLayouts, entry, "keep or propagate");
  out->gpu = pick(target, targets) == 1;
  /* `auto` as a pattern: '*' stands for every spatial dimension in order. */
  snprintf(out->activation, sizeof out->activation, "%s",
           strcmp(activation, "auto") ? activation : "n*c");
  snprintf(out->filter, sizeof out->filter, "%s",
           strcmp(filter, "auto") ? filter : out->gpu ? "o*i" : "*io");
  int dotChoice = pick(dot, dots);
  out->dot = dotChoice == 3 ? (out->gpu ? DlcDotContractingMinor : DlcDotCanonical)
                            : (DlcDotLayout)dotChoice;
  out->propagateEntry = pick(entry, entries) == 1;
  return mlirLogicalResultSuccess();
}

/* The order that `pattern` (letters, roles[0..1] naming labels[0..1] of dimension_numbers)
 * asks of one tensor of a convolution whose labels are `dims`. */
static MlirLogicalResult convOrder(MlirOperation conv, int option, const char *pattern,
                                   const char *roles, const char *roleLabels, const char *dims,
                                   intptr_t rank, DlcOrder *out) {
  intptr_t numSpatial = rank - 2, spatial = 0;
  char labels[DLC_MAX_RANK + 1];
  intptr_t n = 0;
  for (const char *p = pattern; *p; ++p) {
    if (*p == roles[0] || *p == roles[1]) {
      labels[n++] = roleLabels[*p == roles[1]];
      continue;
    }
    for (intptr_t k = 0; k < (*p == '*' ? numSpatial : 1); ++k)
      if (n < DLC_MAX_RANK)
        labels[n++] = (char)('0' + spatial++);
  }
  if (spatial != numSpatial) {
    char message[256];
    snprintf(message, sizeof message,
             "dhlo-layout-assignment: %s '%s' describes %lld spatial dimensions, but this "
             "convolution has %lld",
             dlcLayoutAssignmentOptions[option].name, pattern, (long long)spatial,
             (long long)numSpatial);
    mlirEmitError(mlirOperationGetLocation(conv), message);
    return mlirLogicalResultFailure();
  }
  out->rank = rank;
  for (intptr_t k = 0; k < rank; ++k)
    out->dim[k] = dlcConvDimOf(dims, rank, labels[k]);
  return mlirLogicalResultSuccess();
}

/* dot_general: batch dims most major (in the order their pairs are listed), then the free
 * dims in logical order, with the contracting dims (in pair order) most minor or right after
 * the batch dims. The result is always row-major: dot_general lists its result dims as
 * batch, lhs free, rhs free, which is what these operand orders produce. */
static DlcOrder dotOrder(intptr_t rank, const int64_t *batch, const int64_t *contract,
                         const DlcDotDims *dims, bool contractingMinor) {
  bool used[DLC_MAX_RANK];
  dlcDotUsedDims(batch, contract, dims, used);
  DlcOrder order = {.rank = 0};
  for (intptr_t i = 0; i < dims->numBatch; ++i)
    order.dim[order.rank++] = batch[i];
  for (int part = 0; part < 2; ++part) {
    if (part == (int)contractingMinor)
      for (intptr_t i = 0; i < dims->numContract; ++i)
        order.dim[order.rank++] = contract[i];
    else
      for (intptr_t d = 0; d < rank; ++d)
        if (!used[d])
          order.dim[order.rank++] = d;
  }
  return order;
}

MlirLogicalResult dlcLayoutPreferred(const DlcLayoutPrefs *prefs, MlirOperation op,
                                     DlcOrder *operands, DlcOrder *result) {
  intptr_t lhsRank = dlcValueRank(mlirOperationGetOperand(op, 0));
  intptr_t rhsRank = dlcValueRank(mlirOperationGetOperand(op, 1));
  intptr_t resultRank = dlcValueRank(mlirOperationGetResult(op, 0));
  if (dlcLayoutKindOf(op) == DlcLayoutDot) {
    DlcDotDims dims;
    dlcDotDimsRead(op, &dims);
    bool identity = prefs->dot == DlcDotDefault;
    operands[0] = identity ? dlcOrderIdentity(lhsRank)
                           : dotOrder(lhsRank, dims.lhsBatch, dims.lhsContract, &dims, true);
    operands[1] = identity ? dlcOrderIdentity(rhsRank)
                           : dotOrder(rhsRank, dims.rhsBatch, dims.rhsContract, &dims,
                                      prefs->dot == DlcDotContractingMinor);
    *result = dlcOrderIdentity(resultRank);
    return mlirLogicalResultSuccess();
  }
  DlcConvLabels labels;
  if (mlirLogicalResultIsFailure(dlcConvLabelsRead(op, &labels)) ||
      mlirLogicalResultIsFailure(convOrder(op, dlcLayoutOptConvActivation, prefs->activation,
                                           "nc", "bf", labels.input, labels.rank,
                                           &operands[0])) ||
      mlirLogicalResultIsFailure(convOrder(op, dlcLayoutOptConvFilter, prefs->filter, "oi",
                                           "oi", labels.kernel, labels.rank, &operands[1])))
    return mlirLogicalResultFailure();
  return convOrder(op, dlcLayoutOptConvActivation, prefs->activation, "nc", "bf", labels.output,
                   labels.rank, result);
}
