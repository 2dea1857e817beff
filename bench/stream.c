/* stream.c: the bandwidth reference of bench/run.py, STREAM's triad a[i] = b[i] + s * c[i]
 * on three arrays of doubles far larger than the caches, in OpenMP threads (OMP_NUM_THREADS).
 * Bytes are counted as STREAM counts them (24 per element: two reads, one write).
 *   cc -O3 -march=native -fopenmp stream.c -o stream && ./stream RUNS
 * prints 'median X ms' and 'best X GB/s, median Y GB/s'. The arrays are owned by main. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

enum { N = 40 * 1024 * 1024 }; /* 320 MiB per array: ten times a 32 MiB L3 */

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int compare(const void *x, const void *y) {
  double a = *(const double *)x, b = *(const double *)y;
  return (a > b) - (a < b);
}

int main(int argc, char **argv) {
  int runs = argc > 1 ? atoi(argv[1]) : 10;
  if (runs < 1) {
    fprintf(stderr, "stream: RUNS must be a positive count\n");
    return 1;
  }
  double *a = malloc(sizeof(double) * N), *b = malloc(sizeof(double) * N),
         *c = malloc(sizeof(double) * N), *times = malloc(sizeof(double) * (size_t)runs);
  if (!a || !b || !c || !times) {
    fprintf(stderr, "stream: out of memory\n");
    return 1;
  }
  /* First touch in the same threads and schedule as the timed loop (pages land near them). */
#pragma omp parallel for schedule(static)
  for (long i = 0; i < N; ++i) {
    a[i] = 0.0;
    b[i] = 1.0;
    c[i] = 2.0;
  }
  const double s = 3.0;
  for (int r = 0; r <= runs; ++r) { /* run 0 warms up */
    double start = now();
#pragma omp parallel for schedule(static)
    for (long i = 0; i < N; ++i)
      a[i] = b[i] + s * c[i];
    if (r > 0)
      times[r - 1] = now() - start;
  }
  qsort(times, (size_t)runs, sizeof times[0], compare);
  double median = runs % 2 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2;
  double bytes = 3.0 * sizeof(double) * N;
  printf("median %.3f ms\n", median * 1e3);
  printf("best %.2f GB/s, median %.2f GB/s (check %g)\n", bytes / times[0] * 1e-9,
         bytes / median * 1e-9, a[N / 2]);
  free(a);
  free(b);
  free(c);
  free(times);
  return 0;
}
