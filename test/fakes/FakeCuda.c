/* FakeCuda.c: a CUDA driver for tests on machines without a GPU (DLC_CUDA_DRIVER), with
 * FakeCudaMemory.c's memory, streams and events, that runs no kernels: loading a module
 * fails with CUDA_ERROR_NO_BINARY_FOR_GPU. So compiled code that launches nothing, such as
 * the cuBLASLt calls of dot-backend=library with FakeCublasLt.c, runs end to end, and the
 * runtime's error path for modules is exercised. */
#include "FakeCuda.h"

const char fakeDeviceName[] = "dlc fake device";

const char *fakeErrorText(CUresult error) { return "the fake CUDA driver runs no kernels"; }

API CUresult cuModuleLoadData(void **module, const void *image) { return CudaErrorNoBinaryForGpu; }

API CUresult cuModuleLoadDataEx(void **module, const void *image, unsigned n, int *options,
                                void **values) {
  return CudaErrorNoBinaryForGpu;
}

API CUresult cuModuleUnload(void *module) { return 0; }

API CUresult cuModuleGetFunction(void **function, void *module, const char *name) {
  return CudaErrorNoBinaryForGpu;
}

API CUresult cuLaunchKernel(void *f, unsigned gx, unsigned gy, unsigned gz, unsigned bx,
                            unsigned by, unsigned bz, unsigned smem, void *stream,
                            void **params, void **extra) {
  return CudaErrorNoBinaryForGpu;
}
