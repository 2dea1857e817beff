/* Compare.c: compares a computed host tensor with the reference one, element by element,
 * within a relative and an absolute tolerance, and reports the mismatches through a
 * callback. Nothing here allocates. */
#include "Reference/Evaluator.h"

#include <math.h>
#include <stdio.h>

enum { MAX_REPORTED = 10 };

static void report(MlirStringCallback callback, void *userData, const char *line) {
  if (callback)
    callback(dlcStr(line), userData);
}

/* |e - a| for integers, exact in 64 bits before it becomes a double. */
static double integerDistance(RefClass cls, RefScalar e, RefScalar a) {
  bool ordered = cls == RefSigned ? e.i >= a.i : e.u >= a.u;
  return (double)(ordered ? e.u - a.u : a.u - e.u);
}

/* How far an element is beyond its tolerance, atol + rtol * |expected|: <= 1 is a match. */
static double excess(DlcElementType type, RefScalar e, RefScalar a, double rtol, double atol,
                     double *error) {
  RefClass cls = dlcRefClassOf(type);
  double x = dlcRefConvert(e, type, DlcElementF64).f, y = dlcRefConvert(a, type, DlcElementF64).f;
  if (cls != RefFloat)
    *error = integerDistance(cls, e, a);
  else if (isnan(x) || isnan(y))
    *error = isnan(x) && isnan(y) ? 0.0 : INFINITY;
  else if (isinf(x) || isinf(y))
    *error = x == y ? 0.0 : INFINITY;
  else
    *error = fabs(x - y);
  if (*error == 0.0)
    return 0.0;
  double tolerance = atol + rtol * fabs(x);
  return tolerance > 0 ? *error / tolerance : INFINITY;
}

DlcCompareResult dlcHostTensorCompare(DlcHostTensor expectedTensor, DlcHostTensor actualTensor,
                                      double rtol, double atol, MlirStringCallback callback,
                                      void *userData) {
  const RefTensor *e = dlcRefUnwrap(expectedTensor), *a = dlcRefUnwrap(actualTensor);
  DlcCompareResult result = {.match = true, .worstIndex = -1};
  char line[512], want[64 + DLC_MAX_RANK * 21], got[64 + DLC_MAX_RANK * 21];
  bool sameShape = e->type == a->type && e->rank == a->rank;
  for (intptr_t i = 0; sameShape && i < e->rank; ++i)
    sameShape = e->dims[i] == a->dims[i];
  if (!sameShape) {
    snprintf(line, sizeof line, "type mismatch: expected %s, got %s",
             dlcRefTypeStr(e, want, sizeof want), dlcRefTypeStr(a, got, sizeof got));
    report(callback, userData, line);
    result.match = false;
    result.numMismatches = e->count > a->count ? e->count : a->count;
    return result;
  }
  double worst = -1.0;
  int64_t index[DLC_MAX_RANK] = {0};
  for (int64_t n = 0; n < e->count; ++n, dlcRefNextIndex(index, e->dims, e->rank)) {
    RefScalar x = dlcRefLoad(e, n), y = dlcRefLoad(a, n);
    double error, over = excess(e->type, x, y, rtol, atol, &error);
    if (over > worst) {
      worst = over;
      result.worstIndex = n;
      result.worstError = error;
      result.worstExpected = dlcRefConvert(x, e->type, DlcElementF64).f;
      result.worstActual = dlcRefConvert(y, e->type, DlcElementF64).f;
    }
    if (over <= 1.0)
      continue;
    if (result.numMismatches++ < MAX_REPORTED) {
      char where[DLC_MAX_RANK * 21];
      dlcDimsStr(index, e->rank, where, sizeof where);
      for (char *c = where; *c; ++c)
        if (*c == 'x')
          *c = ',';
      snprintf(line, sizeof line, "element %lld [%s]: expected %s, got %s (error %g)",
               (long long)n, where, dlcRefFormat(e->type, x, want, sizeof want),
               dlcRefFormat(e->type, y, got, sizeof got), error);
      report(callback, userData, line);
    }
  }
  if (result.numMismatches) {
    result.match = false;
    snprintf(line, sizeof line,
             "%lld of %lld elements differ beyond rtol %g, atol %g; worst at element %lld: "
             "expected %.9g, got %.9g",
             (long long)result.numMismatches, (long long)e->count, rtol, atol,
             (long long)result.worstIndex, result.worstExpected, result.worstActual);
    report(callback, userData, line);
  }
  return result;
}
