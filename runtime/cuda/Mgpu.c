/* Mgpu.c: the `mgpu*` ABI of MLIR 22's CUDA runtime wrappers over the driver table. The
 * signatures are what `gpu-to-llvm` and the `gpu.binary` translation (SelectObject) declare:
 * mgpuModuleLoad(ptr, i64) for cubin/fatbin, mgpuModuleLoadJIT(ptr, i32) for PTX,
 * mgpuLaunchKernel(..., i64 paramsCount), mgpuMemAlloc(i64, ptr, i8). Each call does nothing
 * once an error is recorded (dlcCudaEnter), and returns a null handle where it makes one.
 * Streams are non-blocking, as upstream's: compiled code orders its work through the
 * stream and events it creates. Ownership: handles go to the compiled code, which destroys
 * them (a destroyed stream is kept here for the next mgpuStreamCreate). */
#include "Driver.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

void *mgpuModuleLoad(void *data, size_t size) {
  CUmodule module = NULL;
  if (dlcCudaEnter())
    dlcCudaCheck(dlcCudaDriver.moduleLoadData(&module, data), "cuModuleLoadData");
  return module;
}

void *mgpuModuleLoadJIT(void *data, int optLevel) {
  CUmodule module = NULL;
  if (!dlcCudaEnter())
    return NULL;
  char log[1024] = "";
  CUjit_option options[] = {CU_JIT_ERROR_LOG_BUFFER, CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES,
                            CU_JIT_OPTIMIZATION_LEVEL};
  void *values[] = {log, (void *)(uintptr_t)sizeof log, (void *)(uintptr_t)optLevel};
  CUresult result = dlcCudaDriver.moduleLoadDataEx(&module, data, 3, options, values);
  char call[sizeof log + 64];
  snprintf(call, sizeof call, "cuModuleLoadDataEx of PTX%s%s", *log ? ": " : "", log);
  dlcCudaCheck(result, call);
  return module;
}

void mgpuModuleUnload(void *module) {
  if (module && dlcCudaEnter())
    dlcCudaCheck(dlcCudaDriver.moduleUnload(module), "cuModuleUnload");
}

void *mgpuModuleGetFunction(void *module, const char *name) {
  CUfunction function = NULL;
  if (dlcCudaEnter()) {
    char call[256];
    snprintf(call, sizeof call, "cuModuleGetFunction of %s", name);
    dlcCudaCheck(dlcCudaDriver.moduleGetFunction(&function, module, name), call);
  }
  return function;
}

static bool fitsDimension(intptr_t n) { return n > 0 && (uintmax_t)n <= UINT_MAX; }

void mgpuLaunchKernel(void *function, intptr_t gridX, intptr_t gridY, intptr_t gridZ,
                      intptr_t blockX, intptr_t blockY, intptr_t blockZ, int32_t smem,
                      void *stream, void **params, void **extra, size_t paramsCount) {
  if (!dlcCudaEnter())
    return;
  intptr_t dims[] = {gridX, gridY, gridZ, blockX, blockY, blockZ};
  for (size_t i = 0; i < sizeof dims / sizeof *dims; ++i) {
    if (fitsDimension(dims[i]) && smem >= 0)
      continue;
    dlcCudaRecordError(-1,
                       "mgpuLaunchKernel: grid %ldx%ldx%ld, block %ldx%ldx%ld, %d bytes of "
                       "shared memory is not a launch the driver can take",
                       (long)gridX, (long)gridY, (long)gridZ, (long)blockX, (long)blockY,
                       (long)blockZ, (int)smem);
    return;
  }
  dlcCudaCheck(dlcCudaDriver.launchKernel(function, (unsigned)gridX, (unsigned)gridY,
                                          (unsigned)gridZ, (unsigned)blockX, (unsigned)blockY,
                                          (unsigned)blockZ, (unsigned)smem, stream, params,
                                          extra),
               "cuLaunchKernel");
}

/* Destroyed streams are kept for reuse: compiled code creates one per call (and one per
 * stretch between cuBLASLt calls) and destroys it at the end, and a driver call per
 * creation is what reuse saves. A reused stream may still be running its last user's
 * work; what is queued on it next runs after that work, which only adds order. */
enum { KeptStreams = 16 };
static CUstream keptStreams[KeptStreams];
static int numKeptStreams;
static pthread_mutex_t streamMutex = PTHREAD_MUTEX_INITIALIZER;

void *mgpuStreamCreate(void) {
  CUstream stream = NULL;
  if (!dlcCudaEnter())
    return NULL;
  pthread_mutex_lock(&streamMutex);
  if (numKeptStreams)
    stream = keptStreams[--numKeptStreams];
  pthread_mutex_unlock(&streamMutex);
  if (!stream)
    dlcCudaCheck(dlcCudaDriver.streamCreate(&stream, CU_STREAM_NON_BLOCKING), "cuStreamCreate");
  return stream;
}

void mgpuStreamDestroy(void *stream) {
  if (!stream || !dlcCudaEnter())
    return;
  pthread_mutex_lock(&streamMutex);
  bool kept = numKeptStreams < KeptStreams;
  if (kept)
    keptStreams[numKeptStreams++] = stream;
  pthread_mutex_unlock(&streamMutex);
  if (!kept)
    dlcCudaCheck(dlcCudaDriver.streamDestroy(stream), "cuStreamDestroy");
}

void mgpuStreamSynchronize(void *stream) {
  if (dlcCudaEnter())
    dlcCudaCheck(dlcCudaDriver.streamSynchronize(stream), "cuStreamSynchronize");
}

void mgpuStreamWaitEvent(void *stream, void *event) {
  if (dlcCudaEnter())
    dlcCudaCheck(dlcCudaDriver.streamWaitEvent(stream, event, 0), "cuStreamWaitEvent");
}

void *mgpuEventCreate(void) {
  CUevent event = NULL;
  if (dlcCudaEnter())
    dlcCudaCheck(dlcCudaDriver.eventCreate(&event, CU_EVENT_DISABLE_TIMING), "cuEventCreate");
  return event;
}

void mgpuEventDestroy(void *event) {
  if (event && dlcCudaEnter())
    dlcCudaCheck(dlcCudaDriver.eventDestroy(event), "cuEventDestroy");
}

void mgpuEventSynchronize(void *event) {
  if (dlcCudaEnter())
    dlcCudaCheck(dlcCudaDriver.eventSynchronize(event), "cuEventSynchronize");
}

void mgpuEventRecord(void *event, void *stream) {
  if (dlcCudaEnter())
    dlcCudaCheck(dlcCudaDriver.eventRecord(event, stream), "cuEventRecord");
}

void *mgpuMemAlloc(uint64_t sizeBytes, void *stream, bool isHostShared) {
  CUdeviceptr ptr = 0;
  /* A zero-sized memref needs no memory, and the driver rejects zero bytes. */
  if (!sizeBytes || !dlcCudaEnter())
    return NULL;
  if (isHostShared)
    dlcCudaCheck(dlcCudaDriver.memAllocManaged(&ptr, sizeBytes, CU_MEM_ATTACH_GLOBAL),
                 "cuMemAllocManaged");
  else if (!dlcCudaDriver.pooled)
    dlcCudaCheck(dlcCudaDriver.memAlloc(&ptr, sizeBytes), "cuMemAlloc");
  else if (dlcCudaCheck(dlcCudaDriver.memAllocAsync(&ptr, sizeBytes, stream), "cuMemAllocAsync") &&
           !stream)
    /* Ordered on the legacy stream, which the non-blocking streams of compiled code do not
     * wait for: the allocation is waited for here. */
    dlcCudaCheck(dlcCudaDriver.streamSynchronize(NULL), "cuStreamSynchronize");
  return (void *)(uintptr_t)ptr;
}

/* Pool memory goes back to the pool in `stream`'s order; managed memory (which dlc's
 * pipelines never allocate) and memory from cuMemAlloc to the device. */
void mgpuMemFree(void *ptr, void *stream) {
  if (!ptr || !dlcCudaEnter())
    return;
  CUdeviceptr device = (CUdeviceptr)(uintptr_t)ptr;
  bool fromPool = false;
  if (dlcCudaDriver.pooled) {
    unsigned managed = 0;
    if (!dlcCudaCheck(dlcCudaDriver.pointerGetAttribute(&managed, CU_POINTER_ATTRIBUTE_IS_MANAGED,
                                                        device),
                      "cuPointerGetAttribute"))
      return;
    fromPool = !managed;
  }
  if (fromPool)
    dlcCudaCheck(dlcCudaDriver.memFreeAsync(device, stream), "cuMemFreeAsync");
  else
    dlcCudaCheck(dlcCudaDriver.memFree(device), "cuMemFree");
}

void mgpuMemcpy(void *dst, void *src, size_t sizeBytes, void *stream) {
  if (sizeBytes && dlcCudaEnter())
    dlcCudaCheck(dlcCudaDriver.memcpyAsync((CUdeviceptr)(uintptr_t)dst,
                                           (CUdeviceptr)(uintptr_t)src, sizeBytes, stream),
                 "cuMemcpyAsync");
}

void mgpuMemset32(void *dst, uint32_t value, size_t count, void *stream) {
  if (count && dlcCudaEnter())
    dlcCudaCheck(
        dlcCudaDriver.memsetD32Async((CUdeviceptr)(uintptr_t)dst, value, count, stream),
        "cuMemsetD32Async");
}

void mgpuMemset16(void *dst, uint16_t value, size_t count, void *stream) {
  if (count && dlcCudaEnter())
    dlcCudaCheck(
        dlcCudaDriver.memsetD16Async((CUdeviceptr)(uintptr_t)dst, value, count, stream),
        "cuMemsetD16Async");
}
