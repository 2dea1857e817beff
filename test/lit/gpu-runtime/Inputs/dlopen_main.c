/* dlopen_main.c: loads an ahead-of-time GPU library (argv[1], the MLP of
 * examples/mlp.mlir linked with -shared) with dlopen, as a Python program does through
 * ctypes, and calls its entry on device buffers. The library's constructor loads the kernels
 * while dlopen holds the loader's lock, so this proves loading them there neither fails nor
 * waits forever. Prints the first output element and the runtime's error, if any. */
#include "dlc/CudaRuntime.h"

#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>

typedef struct MemRef1 {
  void *allocated, *aligned;
  int64_t offset, sizes[1], strides[1];
} MemRef1;
typedef struct MemRef2 {
  void *allocated, *aligned;
  int64_t offset, sizes[2], strides[2];
} MemRef2;
typedef void Entry(MemRef2 *, MemRef2 *, MemRef2 *, MemRef1 *, MemRef2 *, MemRef1 *);

enum { Batch = 8, In = 64, Hidden = 128, Out = 32 };

/* A device copy of `count` floats, all `value`. */
static void *filled(size_t count, float value) {
  float host[In * Hidden];
  for (size_t i = 0; i < count; ++i)
    host[i] = value;
  void *device = dlcCudaAlloc(count * sizeof(float));
  dlcCudaCopyToDevice(device, host, count * sizeof(float));
  return device;
}

static MemRef2 matrix(int64_t rows, int64_t cols, float value) {
  void *data = filled((size_t)(rows * cols), value);
  return (MemRef2){data, data, 0, {rows, cols}, {cols, 1}};
}

static MemRef1 vector(int64_t n, float value) {
  void *data = filled((size_t)n, value);
  return (MemRef1){data, data, 0, {n}, {1}};
}

int main(int argc, char **argv) {
  if (argc != 2)
    return 2;
  void *library = dlopen(argv[1], RTLD_NOW);
  if (!library) {
    fprintf(stderr, "dlopen: %s\n", dlerror());
    return 1;
  }
  Entry *entry = (Entry *)(uintptr_t)dlsym(library, "_mlir_ciface_mlp");
  if (!entry || dlcCudaGetLastError()) {
    fprintf(stderr, "loading: %s\n", entry ? dlcCudaGetLastError() : dlerror());
    return 1;
  }
  MemRef2 x = matrix(Batch, In, 0.125f), w1 = matrix(In, Hidden, 0.25f),
          w2 = matrix(Hidden, Out, 0.0078125f), y;
  MemRef1 b1 = vector(Hidden, 0.5f), b2 = vector(Out, 1.0f);
  entry(&y, &x, &w1, &b1, &w2, &b2);
  float first = 0;
  dlcCudaCopyToHost(&first, y.aligned, sizeof first);
  printf("y[0][0] = %.6f, error: %s\n", first,
         dlcCudaGetLastError() ? dlcCudaGetLastError() : "none");
  void *buffers[] = {x.allocated, w1.allocated, w2.allocated, b1.allocated, b2.allocated,
                     y.allocated};
  for (size_t i = 0; i < sizeof buffers / sizeof *buffers; ++i)
    dlcCudaFree(buffers[i]);
  dlclose(library);
  return dlcCudaGetLastError() != NULL;
}
