/* FakeCudaMemory.c: what the two test CUDA drivers (FakeCuda.c, CudaEmulator.c) share:
 * the entry points of dlc's runtime (runtime/cuda/Driver.h) other than errors, modules and
 * launches, with host memory as device memory (unified addressing holds trivially) and
 * streams and events that are handles only (work is done when the call returns).
 * Ownership: "device" buffers are malloc'ed and freed by cuMemFree. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "FakeCuda.h"

static char handle; /* what every context, stream and event points to */

static void *host(CUdeviceptr p) { return (void *)(uintptr_t)p; }

API CUresult cuInit(unsigned flags) { return 0; }

API CUresult cuGetErrorName(CUresult error, const char **name) {
  static const struct {
    CUresult code;
    const char *name;
  } names[] = {
      {CudaErrorInvalidValue, "CUDA_ERROR_INVALID_VALUE"},
      {CudaErrorOutOfMemory, "CUDA_ERROR_OUT_OF_MEMORY"},
      {CudaErrorInvalidImage, "CUDA_ERROR_INVALID_IMAGE"},
      {CudaErrorNoBinaryForGpu, "CUDA_ERROR_NO_BINARY_FOR_GPU"},
      {CudaErrorNotFound, "CUDA_ERROR_NOT_FOUND"},
      {CudaErrorLaunchOutOfResources, "CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES"},
      {CudaErrorLaunchFailed, "CUDA_ERROR_LAUNCH_FAILED"},
  };
  *name = "CUDA_ERROR_UNKNOWN";
  for (size_t i = 0; i < sizeof names / sizeof *names; ++i)
    if (names[i].code == error)
      *name = names[i].name;
  return 0;
}

API CUresult cuGetErrorString(CUresult error, const char **text) {
  *text = fakeErrorText(error);
  return 0;
}

API CUresult cuDeviceGet(int *device, int ordinal) {
  *device = ordinal;
  return 0;
}

API CUresult cuDeviceGetName(char *name, int length, int device) {
  strncpy(name, fakeDeviceName, (size_t)length);
  return 0;
}

API CUresult cuDevicePrimaryCtxRetain(void **ctx, int device) {
  *ctx = &handle;
  return 0;
}

API CUresult cuCtxSetCurrent(void *ctx) { return 0; }
API CUresult cuCtxSynchronize(void) { return 0; }

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
  return p ? 0 : CudaErrorOutOfMemory;
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
