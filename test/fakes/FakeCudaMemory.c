/* FakeCudaMemory.c: what the two test CUDA drivers (FakeCuda.c, CudaEmulator.c) share:
 * the entry points of dlc's runtime (runtime/cuda/Driver.h) other than errors, modules and
 * launches, with host memory as device memory (unified addressing holds trivially) and
 * streams and events that are handles only (work is done when the call returns).
 * The stream-ordered allocator is there too (DLC_FAKE_CUDA_MEMORY_POOLS=0: the device says
 * it has no memory pools), stricter than the driver: pool memory freed by cuMemFree, or
 * other memory by cuMemFreeAsync, is an error, and fakeCudaPoolAllocations counts what
 * came from the pool.
 * Ownership: "device" buffers are malloc'ed and freed by cuMemFree or cuMemFreeAsync. */
#include <pthread.h>
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

/* Streams created, counted for the tests. */
API unsigned fakeCudaStreamsCreated;

API CUresult cuStreamCreate(void **stream, unsigned flags) {
  ++fakeCudaStreamsCreated;
  return makeHandle(stream);
}
API CUresult cuStreamDestroy_v2(void *stream) { return 0; }
/* Synchronizations of the legacy stream (stream 0), counted for the tests. */
API unsigned fakeCudaLegacySynchronizations;

API CUresult cuStreamSynchronize(void *stream) {
  fakeCudaLegacySynchronizations += !stream;
  return 0;
}
API CUresult cuStreamWaitEvent(void *stream, void *event, unsigned flags) { return 0; }
API CUresult cuEventCreate(void **event, unsigned flags) { return makeHandle(event); }
API CUresult cuEventDestroy_v2(void *event) { return 0; }
API CUresult cuEventSynchronize(void *event) { return 0; }
API CUresult cuEventRecord(void *event, void *stream) { return 0; }

/* Where each live allocation came from (a short list: tests hold few buffers at once). */
typedef enum Origin { OriginDevice, OriginManaged, OriginPool } Origin;
enum { MaxLive = 4096 };
static struct {
  CUdeviceptr ptr;
  Origin origin;
} live[MaxLive];
static size_t numLive;
static pthread_mutex_t liveMutex = PTHREAD_MUTEX_INITIALIZER;

API unsigned fakeCudaPoolAllocations;

/* 256-byte aligned, as the driver's allocations are. */
static CUresult allocate(CUdeviceptr *ptr, size_t bytes, Origin origin) {
  pthread_mutex_lock(&liveMutex);
  void *p = numLive < MaxLive ? aligned_alloc(256, (bytes + 255) / 256 * 256) : NULL;
  *ptr = (CUdeviceptr)(uintptr_t)p;
  if (p) {
    live[numLive].ptr = *ptr;
    live[numLive++].origin = origin;
  }
  pthread_mutex_unlock(&liveMutex);
  return p ? 0 : CudaErrorOutOfMemory;
}

/* Frees `ptr` if it came from one of `origins` (a bit set); else invalid. */
static CUresult release(CUdeviceptr ptr, unsigned origins) {
  CUresult result = CudaErrorInvalidValue;
  pthread_mutex_lock(&liveMutex);
  for (size_t i = 0; i < numLive; ++i)
    if (live[i].ptr == ptr) {
      if (origins & 1u << live[i].origin) {
        free(host(ptr));
        live[i] = live[--numLive];
        result = 0;
      }
      break;
    }
  pthread_mutex_unlock(&liveMutex);
  return result;
}

API CUresult cuMemAlloc_v2(CUdeviceptr *ptr, size_t bytes) {
  return allocate(ptr, bytes, OriginDevice);
}

API CUresult cuMemAllocManaged(CUdeviceptr *ptr, size_t bytes, unsigned flags) {
  return allocate(ptr, bytes, OriginManaged);
}

API CUresult cuMemFree_v2(CUdeviceptr ptr) {
  return release(ptr, 1u << OriginDevice | 1u << OriginManaged);
}

API CUresult cuDeviceGetAttribute(int *value, int attribute, int device) {
  const char *pools = getenv("DLC_FAKE_CUDA_MEMORY_POOLS");
  enum { MemoryPoolsSupported = 115 };
  if (attribute != MemoryPoolsSupported)
    return CudaErrorInvalidValue;
  *value = !pools || strcmp(pools, "0");
  return 0;
}

API CUresult cuDeviceGetDefaultMemPool(void **pool, int device) { return makeHandle(pool); }

API CUresult cuMemPoolSetAttribute(void *pool, int attribute, void *value) { return 0; }

API CUresult cuMemAllocAsync(CUdeviceptr *ptr, size_t bytes, void *stream) {
  ++fakeCudaPoolAllocations;
  return allocate(ptr, bytes, OriginPool);
}

API CUresult cuMemFreeAsync(CUdeviceptr ptr, void *stream) {
  return release(ptr, 1u << OriginPool);
}

API CUresult cuPointerGetAttribute(void *data, int attribute, CUdeviceptr ptr) {
  enum { IsManaged = 8 };
  CUresult result = CudaErrorInvalidValue;
  pthread_mutex_lock(&liveMutex);
  for (size_t i = 0; i < numLive && attribute == IsManaged; ++i)
    if (live[i].ptr == ptr) {
      *(unsigned *)data = live[i].origin == OriginManaged;
      result = 0;
      break;
    }
  pthread_mutex_unlock(&liveMutex);
  return result;
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
