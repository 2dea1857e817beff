/* Benchmark.c: --benchmark=N. The call that produced the results was the warm-up; then N
 * calls are timed one by one (dlcJitBenchmark: the compiled code and the release of its
 * result buffers, CLOCK_MONOTONIC), and the median, min and max are printed with the rates
 * at the median: GFLOP/s when the cost model knows the program's FLOPs (Cost.c), and GB/s
 * of arguments plus results.
 * Ownership: the timing array is allocated and freed here. */
#include "DlcRun.h"

#include <stdlib.h>

static int compareDoubles(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

bool benchmark(DlcJit jit, const DlcHostTensor *args, const Options *opts, const Cost *cost) {
  long n = opts->benchmark;
  double *seconds = xrealloc(NULL, sizeof(double) * (size_t)n);
  bool ok = mlirLogicalResultIsSuccess(
      dlcJitBenchmark(jit, dlcJitGetNumInputs(jit), args, n, seconds, printError, NULL));
  if (ok) {
    qsort(seconds, (size_t)n, sizeof(double), compareDoubles);
    double median = n % 2 ? seconds[n / 2] : (seconds[n / 2 - 1] + seconds[n / 2]) / 2;
    MlirStringRef name = dlcJitGetEntryName(jit);
    printf("dlc-run: benchmark @%.*s: %ld runs, median %.3f ms, min %.3f ms, max %.3f ms\n",
           (int)name.length, name.data, n, median * 1e3, seconds[0] * 1e3,
           seconds[n - 1] * 1e3);
    /* A clock tick is the least a call can take. */
    double at = median > 1e-9 ? median : 1e-9;
    if (cost->flopsKnown)
      printf("dlc-run: %.3g GFLOP/s, %.3g GB/s at the median (%.0f FLOP, %.0f bytes per "
             "call)\n",
             cost->flops / at * 1e-9, cost->bytes / at * 1e-9, cost->flops, cost->bytes);
    else
      printf("dlc-run: %.3g GB/s at the median (%.0f bytes per call; FLOPs unknown: "
             "'%.*s')\n",
             cost->bytes / at * 1e-9, cost->bytes, (int)cost->unknownOp.length,
             cost->unknownOp.data);
  }
  free(seconds);
  return ok;
}
