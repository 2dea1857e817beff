/* several_main.c: calls the entry of several.mlir, compiled ahead of time, through its
 * header: several_run on plain buffers, then _mlir_ciface_several on descriptors, freeing
 * each result buffer as the header says. header-run.test builds it with AddressSanitizer,
 * so a leak, a double free or a free of an input's buffer fails the test.
 * All buffers but the results of the direct call are this program's own. */
#include "several.h"

#include <stdio.h>

int main(void) {
  float a[6] = {1, 2, 3, 4, 5, 6}, t[6], copy[6];
  int32_t s = 42, c[4], s2;
  int status = several_run(a, &s, t, copy, c, &s2);
  printf("several_run: %d\n", status);
  printf("t =");
  for (int i = 0; i < 6; ++i)
    printf(" %g", t[i]);
  printf("\ncopy =");
  for (int i = 0; i < 6; ++i)
    printf(" %g", copy[i]);
  printf("\nc = %d %d %d %d\ns = %d\n", c[0], c[1], c[2], c[3], s2);

  DlcMemRef2 da = {a, a, 0, {2, 3}, {3, 1}};
  DlcMemRef0 ds = {&s, &s, 0};
  several_results r;
  _mlir_ciface_several(&r, &da, &ds);
  void *buffers[] = {r.r0.allocated, r.r1.allocated, r.r2.allocated, r.r3.allocated};
  int fresh = 1;
  for (int i = 0; i < 4; ++i) {
    fresh &= buffers[i] != (void *)a && buffers[i] != (void *)&s;
    for (int j = 0; j < i; ++j)
      fresh &= buffers[i] != buffers[j];
  }
  printf("result buffers: %s\n", fresh ? "four new ones" : "shared or borrowed");
  printf("shapes: %lldx%lld %lldx%lld %lld\n", (long long)r.r0.sizes[0],
         (long long)r.r0.sizes[1], (long long)r.r1.sizes[0], (long long)r.r1.sizes[1],
         (long long)r.r2.sizes[0]);
  for (int i = 0; i < 4; ++i)
    free(buffers[i]);
  return status;
}
