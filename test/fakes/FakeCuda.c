/* FakeCuda.c: a CUDA driver for tests on machines without a GPU (DLC_CUDA_DRIVER): every
 * entry point dlc's runtime resolves (runtime/cuda/Driver.h), with host memory as device
 * memory (unified addressing holds trivially), streams and events that are handles only
 * (work is done when the call returns) and no kernels: loading a module fails with
 * CUDA_ERROR_NO_BINARY_FOR_GPU. So compiled code that launches nothing, such as the
 * cuBLASLt calls of dot-backend=library with FakeCublasLt.c, runs end to end.
 * Ownership: "device" buffers are malloc'ed and freed by cuMemFree. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define API __attribute__((visibility("default")))

typedef int CUresult;
typedef unsigned long long CUdeviceptr;

enum { NoBinaryForGpu = 209 };

static char handle; /* what every context, stream and event points to */

static void *host(CUdeviceptr p) { return (void *)(uintptr_t)p; }

API CUresult cuInit(unsigned flags) { return 0; }

API CUresult cuGetErrorName(CUresult error, const char **name) {
  *name = error == NoBinaryForGpu ? "CUDA_ERROR_NO_BINARY_FOR_GPU" : "CUDA_ERROR_UNKNOWN";
  return 0;
}

API CUresult cuGetErrorString(CUresult error, const char **text) {
  *text = "the fake CUDA driver runs no kernels";
  return 0;
}

API CUresult cuDeviceGet(int *device, int ordinal) {
  *device = ordinal;
  return 0;
}

API CUresult cuDeviceGetName(char *name, int length, int device) {
  strncpy(name, "dlc fake device", (size_t)length);
  return 0;
}

API CUresult cuDevicePrimaryCtxRetain(void **ctx, int device) {
  *ctx = &handle;
  return 0;
}

API CUresult cuCtxSetCurrent(void *ctx) { return 0; }
API CUresult cuCtxSynchronize(void) { return 0; }

API CUresult cuModuleLoadData(void **module, const void *image) { return NoBinaryForGpu; }

API CUresult cuModuleLoadDataEx(void **module, const void *image, unsigned n, int *options,
                                void **values) {
  return NoBinaryForGpu;
}

API CUresult cuModuleUnload(void *module) { return 0; }
API CUresult cuModuleGetFunction(void **function, void *module, const char *name) {
  return NoBinaryForGpu;
}

API CUresult cuLaunchKernel(void *f, unsigned gx, unsigned gy, unsigned gz, unsigned bx,
                            unsigned by, unsigned bz, unsigned smem, void *stream,
                            void **params, void **extra) {
  return NoBinaryForGpu;
}

static CUresult makeHandle(void **out) {
  *out = &handle;
  return 0;
}

API CUresult cuStreamCreate(void **stream, unsigned flags) { return makeHandle(stream); }
API CUresult cuStreamDestroy_v2(void *stream) { return 0; }
API CUresult cuStreamSynchronize(void *stream) { return 0; }
API CUresult cuStreamWaitEvent(void *stream, void *event, unsigned flags) { return 0; }
API CUresult cuEventCreate(void **event, unsigned flags) { return makeHandle(event); }
API CUresult cuEventDestroy_v2(void *event) { return 0; }
API CUresult cuEventSynchronize(void *event) { return 0; }
API CUresult cuEventRecord(void *event, void *stream) { return 0; }

/* 256-byte aligned, as the driver's allocations are. */
API CUresult cuMemAlloc_v2(CUdeviceptr *ptr, size_t bytes) {
  void *p = aligned_alloc(256, (bytes + 255) / 256 * 256);
  *ptr = (CUdeviceptr)(uintptr_t)p;
  return p ? 0 : 2;
}

API CUresult cuMemAllocManaged(CUdeviceptr *ptr, size_t bytes, unsigned flags) {
  return cuMemAlloc_v2(ptr, bytes);
}

API CUresult cuMemFree_v2(CUdeviceptr ptr) {
  free(host(ptr));
  return 0;
}

API CUresult cuMemcpyHtoD_v2(CUdeviceptr dst, const void *src, size_t bytes) {
  memcpy(host(dst), src, bytes);
  return 0;
}

API CUresult cuMemcpyDtoH_v2(void *dst, CUdeviceptr src, size_t bytes) {
  memcpy(dst, host(src), bytes);
  return 0;
}

API CUresult cuMemcpyAsync(CUdeviceptr dst, CUdeviceptr src, size_t bytes, void *stream) {
  memmove(host(dst), host(src), bytes);
  return 0;
}

API CUresult cuMemsetD32Async(CUdeviceptr dst, unsigned value, size_t count, void *stream) {
  for (size_t i = 0; i < count; ++i)
    memcpy((char *)host(dst) + 4 * i, &value, 4);
  return 0;
}

API CUresult cuMemsetD16Async(CUdeviceptr dst, unsigned short value, size_t count,
                              void *stream) {
  for (size_t i = 0; i < count; ++i)
    memcpy((char *)host(dst) + 2 * i, &value, 2);
  return 0;
}
