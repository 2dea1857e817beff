/* aot_main.c: a C program that calls the MLP dlc compiled ahead of time (mlp.o and mlp.h,
 * made by aot-mlp.test) with no MLIR or LLVM at run time. It fills the inputs with a fixed
 * formula, runs mlp_run, checks that calling _mlir_ciface_mlp on descriptors gives the same
 * bits, prints the output and writes the inputs and the output as .npy files into the
 * directory argv[1], for dlc-run to compare with the reference evaluator.
 * Every buffer is this program's; the one result buffer _mlir_ciface_mlp hands back is
 * freed here. */
#include "mlp.h"

#include <stdio.h>

enum { Batch = 8, In = 64, Hidden = 128, Out = 32 };

/* Element i of input `salt`: small multiples of 1/64 in [-14/64, 14/64], exact in f32. */
static void fill(float *data, size_t n, unsigned salt) {
  for (size_t i = 0; i < n; ++i)
    data[i] = (float)((int)((i * salt + 7) % 29) - 14) / 64.0f;
}

/* numpy's .npy format, version 1.0: magic, header length, a dict padded to 64 bytes. */
static int writeNpy(const char *dir, const char *name, const float *data, int rank,
                    const int *dims) {
  char path[4096], header[128], shape[64] = "";
  snprintf(path, sizeof path, "%s/%s.npy", dir, name);
  size_t count = 1, used = 0;
  for (int d = 0; d < rank; ++d) {
    used += (size_t)snprintf(shape + used, sizeof shape - used, "%d,%s", dims[d],
                             d + 1 < rank ? " " : "");
    count *= (size_t)dims[d];
  }
  int n = snprintf(header, sizeof header,
                   "{'descr': '<f4', 'fortran_order': False, 'shape': (%s), }", shape);
  while ((10 + n + 1) % 64)
    header[n++] = ' ';
  header[n++] = '\n';
  FILE *f = fopen(path, "wb");
  if (!f)
    return -1;
  unsigned char prefix[10] = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0,
                              (unsigned char)(n & 0xff), (unsigned char)(n >> 8)};
  fwrite(prefix, 1, sizeof prefix, f);
  fwrite(header, 1, (size_t)n, f);
  fwrite(data, sizeof(float), count, f);
  return fclose(f);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUTPUT-DIRECTORY\n", argv[0]);
    return 2;
  }
  static float x[Batch * In], w1[In * Hidden], b1[Hidden], w2[Hidden * Out], b2[Out];
  static float y[Batch * Out];
  fill(x, Batch * In, 3);
  fill(w1, In * Hidden, 5);
  fill(b1, Hidden, 7);
  fill(w2, Hidden * Out, 11);
  fill(b2, Out, 13);

  int status = mlp_run(x, w1, b1, w2, b2, y);
  printf("mlp_run: %d\n", status);

  /* The same call on descriptors: the result buffer is the compiled code's, now ours. */
  DlcMemRef2 dx = {x, x, 0, {Batch, In}, {In, 1}};
  DlcMemRef2 dw1 = {w1, w1, 0, {In, Hidden}, {Hidden, 1}};
  DlcMemRef1 db1 = {b1, b1, 0, {Hidden}, {1}};
  DlcMemRef2 dw2 = {w2, w2, 0, {Hidden, Out}, {Out, 1}};
  DlcMemRef1 db2 = {b2, b2, 0, {Out}, {1}};
  DlcMemRef2 result;
  _mlir_ciface_mlp(&result, &dx, &dw1, &db1, &dw2, &db2);
  float *direct = (float *)result.aligned + result.offset;
  int same = result.sizes[0] == Batch && result.sizes[1] == Out && result.strides[0] == Out &&
             result.strides[1] == 1 && !memcmp(direct, y, sizeof y);
  printf("_mlir_ciface_mlp: %s\n", same ? "same result" : "different result");
  free(result.allocated);

  for (int i = 0; i < Batch; ++i) {
    printf("y[%d] =", i);
    for (int j = 0; j < Out; ++j)
      printf(" %.9g", y[i * Out + j]);
    printf("\n");
  }

  const char *dir = argv[1];
  int dims[][2] = {{Batch, In}, {In, Hidden}, {Hidden, 0}, {Hidden, Out}, {Out, 0}, {Batch, Out}};
  int failed = writeNpy(dir, "x", x, 2, dims[0]) | writeNpy(dir, "w1", w1, 2, dims[1]) |
               writeNpy(dir, "b1", b1, 1, dims[2]) | writeNpy(dir, "w2", w2, 2, dims[3]) |
               writeNpy(dir, "b2", b2, 1, dims[4]) | writeNpy(dir, "y", y, 2, dims[5]);
  if (failed)
    fprintf(stderr, "cannot write the .npy files into %s\n", dir);
  return status || !same || failed;
}
