/* Check.c: --check, one result at a time: the compiled result against the reference
 * evaluator's, within tolerances by element type unless --rtol/--atol say otherwise:
 * f32 and f64 rtol 1e-5, atol 1e-6 (a few ulps of f32 over short sums; long reductions
 * and libm-versus-approximation differences may need more); f16 and bf16 rtol and atol
 * 1e-2 (about one ulp of bf16); integers and i1 exactly. An element matches when
 * |expected - actual| <= atol + rtol * |expected| (dlcHostTensorCompare).
 * Nothing here allocates beyond message buffers it frees. */
#include "DlcRun.h"

#include <math.h>

static bool isFloat(DlcElementType t) {
  return t == DlcElementF16 || t == DlcElementBF16 || t == DlcElementF32 || t == DlcElementF64;
}

static void tolerances(DlcElementType t, const Options *opts, double *rtol, double *atol) {
  bool narrow = t == DlcElementF16 || t == DlcElementBF16;
  *rtol = !isFloat(t) ? 0 : narrow ? 1e-2 : 1e-5;
  *atol = !isFloat(t) ? 0 : narrow ? 1e-2 : 1e-6;
  if (opts->rtol >= 0)
    *rtol = opts->rtol;
  if (opts->atol >= 0)
    *atol = opts->atol;
}

/* Largest |expected - actual|: 0 where both are NaN or the same infinity, inf where a NaN
 * or an infinity meets anything else. */
static double maxAbsError(DlcHostTensor expected, DlcHostTensor actual) {
  double worst = 0;
  for (int64_t i = 0, n = dlcHostTensorGetNumElements(expected); i < n; ++i) {
    double e = dlcHostTensorGetElementAsDouble(expected, i);
    double a = dlcHostTensorGetElementAsDouble(actual, i);
    double error = (isnan(e) && isnan(a)) || e == a ? 0 : isnan(e) || isnan(a) ? INFINITY
                                                                              : fabs(e - a);
    if (error > worst)
      worst = error;
  }
  return worst;
}

/* Element `index` as its type prints: integers exactly, floats with enough digits. */
static void formatElement(DlcHostTensor t, int64_t index, Buf *out) {
  DlcElementType type = dlcHostTensorGetElementType(t);
  if (type == DlcElementF64)
    bufPrintf(out, "%.17g", dlcHostTensorGetElementAsDouble(t, index));
  else if (isFloat(type))
    bufPrintf(out, "%.9g", dlcHostTensorGetElementAsDouble(t, index));
  else if (type == DlcElementUI64)
    bufPrintf(out, "%llu", (unsigned long long)dlcHostTensorGetElementAsInt64(t, index));
  else
    bufPrintf(out, "%lld", (long long)dlcHostTensorGetElementAsInt64(t, index));
}

/* Row-major `index` as "[i, j]" in `t`'s shape. */
static void formatIndex(DlcHostTensor t, int64_t index, Buf *out) {
  intptr_t rank = dlcHostTensorGetRank(t);
  const int64_t *dims = dlcHostTensorGetDims(t);
  int64_t digits[DLC_MAX_RANK];
  for (intptr_t d = rank - 1; d >= 0; --d) {
    digits[d] = dims[d] ? index % dims[d] : 0;
    index = dims[d] ? index / dims[d] : 0;
  }
  appendDims(out, rank, digits, false);
}

bool checkOutput(intptr_t index, DlcHostTensor expected, DlcHostTensor actual,
                 const Options *opts) {
  double rtol, atol;
  tolerances(dlcHostTensorGetElementType(expected), opts, &rtol, &atol);
  DlcCompareResult r = dlcHostTensorCompare(expected, actual, rtol, atol, NULL, NULL);
  Buf line = {0};
  if (r.match) {
    bufPrintf(&line, "dlc-run: output #%ld matches (max abs error %g)", (long)index,
              maxAbsError(expected, actual));
  } else if (r.worstIndex < 0) {
    bufPrintf(&line, "dlc-run: output #%ld mismatch: the result's type differs from the "
                     "reference's", (long)index);
  } else {
    bufPrintf(&line, "dlc-run: output #%ld mismatch at index ", (long)index);
    formatIndex(expected, r.worstIndex, &line);
    bufAppendStr(&line, ": expected ");
    formatElement(expected, r.worstIndex, &line);
    bufAppendStr(&line, ", got ");
    formatElement(actual, r.worstIndex, &line);
    bufPrintf(&line, " (%lld of %lld elements differ)", (long long)r.numMismatches,
              (long long)dlcHostTensorGetNumElements(expected));
  }
  printf("%s\n", line.data);
  bufFree(&line);
  return r.match;
}
