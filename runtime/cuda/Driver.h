/* Driver.h: the inside of dlc's CUDA runtime. The part of the CUDA driver API the runtime
 * calls is declared here rather than taken from cuda.h: the runtime must build where no
 * CUDA toolkit is installed (CI), and the driver's C ABI is stable (the values and the
 * versioned entry points below are those cuda.h of CUDA 12 and 13 maps its names to).
 * Driver.c opens the driver and fills one table of entry points; Mgpu.c and Runtime.c call
 * through it after dlcCudaEnter.
 * Ownership: the table and the driver handle live until the process ends. */
#ifndef DLC_RUNTIME_CUDA_DRIVER_H
#define DLC_RUNTIME_CUDA_DRIVER_H

#include "dlc/CudaRuntime.h"

#include <stdbool.h>
#include <stddef.h>

/* ---- The driver API, as much of it as dlc uses -------------------------------------------- */

typedef int CUresult;
typedef int CUdevice;
typedef unsigned long long CUdeviceptr;
typedef struct CUctx_st *CUcontext;
typedef struct CUmod_st *CUmodule;
typedef struct CUfunc_st *CUfunction;
typedef struct CUstream_st *CUstream;
typedef struct CUevent_st *CUevent;
typedef int CUjit_option;
typedef struct CUmemPoolHandle_st *CUmemoryPool;

enum {
  CUDA_SUCCESS = 0,
  CU_STREAM_NON_BLOCKING = 0x1,
  CU_EVENT_DISABLE_TIMING = 0x2,
  CU_MEM_ATTACH_GLOBAL = 0x1,
  CU_JIT_ERROR_LOG_BUFFER = 5,
  CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES = 6,
  CU_JIT_OPTIMIZATION_LEVEL = 7,
  CU_DEVICE_ATTRIBUTE_MEMORY_POOLS_SUPPORTED = 115,
  CU_MEMPOOL_ATTR_RELEASE_THRESHOLD = 4,
  CU_POINTER_ATTRIBUTE_IS_MANAGED = 8,
};

/* X(field, symbol, parameters): every entry point the runtime resolves, by the exported
 * (versioned) symbol that cuda.h's macros name. */
#define DLC_CUDA_DRIVER_ENTRY_POINTS(X)                                                        \
  X(init, "cuInit", (unsigned flags))                                                          \
  X(getErrorName, "cuGetErrorName", (CUresult error, const char **name))                       \
  X(getErrorString, "cuGetErrorString", (CUresult error, const char **text))                   \
  X(deviceGet, "cuDeviceGet", (CUdevice * device, int ordinal))                                \
  X(deviceGetName, "cuDeviceGetName", (char *name, int length, CUdevice device))               \
  X(primaryCtxRetain, "cuDevicePrimaryCtxRetain", (CUcontext * ctx, CUdevice device))          \
  X(ctxSetCurrent, "cuCtxSetCurrent", (CUcontext ctx))                                         \
  X(ctxSynchronize, "cuCtxSynchronize", (void))                                                \
  X(moduleLoadData, "cuModuleLoadData", (CUmodule * module, const void *image))                \
  X(moduleLoadDataEx, "cuModuleLoadDataEx",                                                    \
    (CUmodule * module, const void *image, unsigned numOptions, CUjit_option *options,         \
     void **values))                                                                           \
  X(moduleUnload, "cuModuleUnload", (CUmodule module))                                         \
  X(moduleGetFunction, "cuModuleGetFunction",                                                  \
    (CUfunction * function, CUmodule module, const char *name))                                \
  X(launchKernel, "cuLaunchKernel",                                                            \
    (CUfunction function, unsigned gridX, unsigned gridY, unsigned gridZ, unsigned blockX,     \
     unsigned blockY, unsigned blockZ, unsigned smem, CUstream stream, void **params,          \
     void **extra))                                                                            \
  X(streamCreate, "cuStreamCreate", (CUstream * stream, unsigned flags))                       \
  X(streamDestroy, "cuStreamDestroy_v2", (CUstream stream))                                    \
  X(streamSynchronize, "cuStreamSynchronize", (CUstream stream))                               \
  X(streamWaitEvent, "cuStreamWaitEvent", (CUstream stream, CUevent event, unsigned flags))    \
  X(eventCreate, "cuEventCreate", (CUevent * event, unsigned flags))                           \
  X(eventDestroy, "cuEventDestroy_v2", (CUevent event))                                        \
  X(eventSynchronize, "cuEventSynchronize", (CUevent event))                                   \
  X(eventRecord, "cuEventRecord", (CUevent event, CUstream stream))                            \
  X(memAlloc, "cuMemAlloc_v2", (CUdeviceptr * ptr, size_t bytes))                              \
  X(memAllocManaged, "cuMemAllocManaged", (CUdeviceptr * ptr, size_t bytes, unsigned flags))   \
  X(memFree, "cuMemFree_v2", (CUdeviceptr ptr))                                                \
  X(memcpyHtoD, "cuMemcpyHtoD_v2", (CUdeviceptr dst, const void *src, size_t bytes))           \
  X(memcpyDtoH, "cuMemcpyDtoH_v2", (void *dst, CUdeviceptr src, size_t bytes))                 \
  X(memcpyAsync, "cuMemcpyAsync",                                                              \
    (CUdeviceptr dst, CUdeviceptr src, size_t bytes, CUstream stream))                         \
  X(memsetD32Async, "cuMemsetD32Async",                                                        \
    (CUdeviceptr dst, unsigned value, size_t count, CUstream stream))                          \
  X(memsetD16Async, "cuMemsetD16Async",                                                        \
    (CUdeviceptr dst, unsigned short value, size_t count, CUstream stream))

/* The stream-ordered allocator (CUDA 11.2 and later): used where the driver exports it
 * and the device supports memory pools, else device memory comes from cuMemAlloc. */
#define DLC_CUDA_DRIVER_POOL_ENTRY_POINTS(X)                                                   \
  X(deviceGetAttribute, "cuDeviceGetAttribute", (int *value, int attribute, CUdevice device)) \
  X(deviceGetDefaultMemPool, "cuDeviceGetDefaultMemPool",                                      \
    (CUmemoryPool * pool, CUdevice device))                                                    \
  X(memPoolSetAttribute, "cuMemPoolSetAttribute",                                              \
    (CUmemoryPool pool, int attribute, void *value))                                           \
  X(memAllocAsync, "cuMemAllocAsync", (CUdeviceptr * ptr, size_t bytes, CUstream stream))     \
  X(memFreeAsync, "cuMemFreeAsync", (CUdeviceptr ptr, CUstream stream))                       \
  X(pointerGetAttribute, "cuPointerGetAttribute", (void *data, int attribute, CUdeviceptr ptr))

#define DLC_CUDA_DRIVER_FIELD(field, symbol, parameters) CUresult(*field) parameters;
typedef struct DlcCudaDriver {
  DLC_CUDA_DRIVER_ENTRY_POINTS(DLC_CUDA_DRIVER_FIELD)
  DLC_CUDA_DRIVER_POOL_ENTRY_POINTS(DLC_CUDA_DRIVER_FIELD)
  /* Device memory (not managed memory) comes from the device's default pool, stream
   * ordered, and freed memory stays in the pool for the next allocation. */
  bool pooled;
} DlcCudaDriver;
#undef DLC_CUDA_DRIVER_FIELD

/* ---- Driver.c ------------------------------------------------------------------------------ */

/// The entry points; filled once dlcCudaRuntimeInit has succeeded.
extern DlcCudaDriver dlcCudaDriver;

/// Initializes the runtime if needed and makes its context current on this thread; false,
/// and the caller does nothing, once any error has been recorded.
bool dlcCudaEnter(void);
/// True if `result` is success; otherwise records "<NAME>: <text> (<call>)" and is false.
bool dlcCudaCheck(CUresult result, const char *call);
/// Records the first error (printf-style); later ones are dropped.
void dlcCudaRecordError(int code, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
/// Looks `symbol` up in the library `handle` (opened from `path`, a `what` to the reader)
/// and stores its address in the function pointer `*slot`; false after recording "the
/// <what> <path> has no <symbol>".
bool dlcCudaResolve(void *handle, const char *what, const char *path, const char *symbol,
                    void *slot);

#endif
