/* Driver.c: opening the CUDA driver, the one-time initialization and the sticky error.
 * Initialization runs under pthread_once: dlopen the driver (DLC_CUDA_DRIVER, else
 * libcuda.so.1), resolve every entry point by name, cuInit, retain the primary context
 * of the chosen device, and turn to its memory pool where it has one (enablePool).
 * Compiled objects load their kernels from a constructor, before main, so nothing may
 * assume the program called dlcCudaRuntimeInit first: every entry calls dlcCudaEnter,
 * which initializes on demand.
 * The stub libcuda of the CUDA toolkit fails every call, cuGetErrorName included, so the
 * names and texts of the errors dlc can meet are also kept here.
 * Ownership: the driver handle and context are never released (the process ends them);
 * the error text is static storage written once. */
#define _GNU_SOURCE /* RTLD_* under -std=c11 */

#include "Driver.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

DlcCudaDriver dlcCudaDriver;

static pthread_once_t initOnce = PTHREAD_ONCE_INIT;
static pthread_mutex_t errorMutex = PTHREAD_MUTEX_INITIALIZER;
static atomic_bool failed, initialized;
static char errorText[2048];
static int errorCode;

static int requestedDevice; /* guarded by errorMutex until initialization reads it */
static CUcontext context;
static _Thread_local bool contextBound;
static char deviceName[256];

void dlcCudaRecordError(int code, const char *format, ...) {
  pthread_mutex_lock(&errorMutex);
  if (!atomic_load(&failed)) {
    va_list args;
    va_start(args, format);
    vsnprintf(errorText, sizeof errorText, format, args);
    va_end(args);
    errorCode = code;
    atomic_store(&failed, true);
  }
  pthread_mutex_unlock(&errorMutex);
}

/* Names and texts (as the driver gives them) for when the driver cannot. */
static const struct {
  CUresult code;
  const char *name, *text;
} knownErrors[] = {
    {1, "CUDA_ERROR_INVALID_VALUE", "invalid argument"},
    {2, "CUDA_ERROR_OUT_OF_MEMORY", "out of memory"},
    {3, "CUDA_ERROR_NOT_INITIALIZED", "initialization error"},
    {4, "CUDA_ERROR_DEINITIALIZED", "driver shutting down"},
    {34, "CUDA_ERROR_STUB_LIBRARY", "CUDA driver is a stub library"},
    {35, "CUDA_ERROR_INSUFFICIENT_DRIVER",
     "CUDA driver version is insufficient for CUDA runtime version"},
    {100, "CUDA_ERROR_NO_DEVICE", "no CUDA-capable device is detected"},
    {101, "CUDA_ERROR_INVALID_DEVICE", "invalid device ordinal"},
    {200, "CUDA_ERROR_INVALID_IMAGE", "device kernel image is invalid"},
    {201, "CUDA_ERROR_INVALID_CONTEXT", "invalid device context"},
    {209, "CUDA_ERROR_NO_BINARY_FOR_GPU", "no kernel image is available for execution on the device"},
    {218, "CUDA_ERROR_INVALID_PTX", "a PTX JIT compilation failed"},
    {222, "CUDA_ERROR_UNSUPPORTED_PTX_VERSION",
     "the provided PTX was compiled with an unsupported toolchain."},
    {400, "CUDA_ERROR_INVALID_HANDLE", "invalid resource handle"},
    {500, "CUDA_ERROR_NOT_FOUND", "named symbol not found"},
    {700, "CUDA_ERROR_ILLEGAL_ADDRESS", "an illegal memory access was encountered"},
    {701, "CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES", "too many resources requested for launch"},
    {719, "CUDA_ERROR_LAUNCH_FAILED", "unspecified launch failure"},
    {999, "CUDA_ERROR_UNKNOWN", "unknown error"},
};

static void describe(CUresult result, const char **name, const char **text) {
  *name = *text = NULL;
  if (dlcCudaDriver.getErrorName && dlcCudaDriver.getErrorName(result, name) != CUDA_SUCCESS)
    *name = NULL;
  if (dlcCudaDriver.getErrorString &&
      dlcCudaDriver.getErrorString(result, text) != CUDA_SUCCESS)
    *text = NULL;
  for (size_t i = 0; i < sizeof knownErrors / sizeof *knownErrors; ++i) {
    if (knownErrors[i].code != result)
      continue;
    *name = *name ? *name : knownErrors[i].name;
    *text = *text ? *text : knownErrors[i].text;
  }
}

bool dlcCudaCheck(CUresult result, const char *call) {
  if (result == CUDA_SUCCESS)
    return true;
  const char *name, *text;
  describe(result, &name, &text);
  if (name)
    dlcCudaRecordError(result, "%s: %s (%s)", name, text ? text : "no description", call);
  else
    dlcCudaRecordError(result, "CUDA error %d (%s)", result, call);
  return false;
}

bool dlcCudaResolve(void *handle, const char *what, const char *path, const char *symbol,
                    void *slot) {
  void *address = dlsym(handle, symbol);
  if (!address) {
    dlcCudaRecordError(-1, "the %s %s has no %s", what, path, symbol);
    return false;
  }
  memcpy(slot, &address, sizeof address);
  return true;
}

/* Resolves every entry point; false after recording the first one missing. */
static bool resolve(void *handle, const char *path) {
#define DLC_CUDA_RESOLVE(field, symbol, parameters)                                            \
  if (!dlcCudaResolve(handle, "CUDA driver", path, symbol, &dlcCudaDriver.field))              \
    return false;
  DLC_CUDA_DRIVER_ENTRY_POINTS(DLC_CUDA_RESOLVE)
#undef DLC_CUDA_RESOLVE
  return true;
}

/* The stream-ordered allocator where the driver and device have it. Compiled code
 * allocates its buffers at every call and frees them on its stream; the default pool keeps
 * freed memory for the next allocation (a release threshold of "never") rather than
 * returning it to the device at each synchronization, as PyTorch's and XLA's caching
 * allocators do, and a free neither waits for the device nor lets the memory be reused
 * before the work before it on its stream is done. Anything missing: cuMemAlloc. */
static void enablePool(void *handle, CUdevice device) {
  bool found = true;
#define DLC_CUDA_RESOLVE_OPTIONAL(field, symbol, parameters)                                   \
  {                                                                                            \
    void *address = dlsym(handle, symbol);                                                     \
    memcpy(&dlcCudaDriver.field, &address, sizeof address);                                    \
    found &= address != NULL;                                                                  \
  }
  DLC_CUDA_DRIVER_POOL_ENTRY_POINTS(DLC_CUDA_RESOLVE_OPTIONAL)
#undef DLC_CUDA_RESOLVE_OPTIONAL
  int supported = 0;
  CUmemoryPool pool;
  uint64_t keepEverything = UINT64_MAX;
  dlcCudaDriver.pooled =
      found &&
      dlcCudaDriver.deviceGetAttribute(&supported, CU_DEVICE_ATTRIBUTE_MEMORY_POOLS_SUPPORTED,
                                       device) == CUDA_SUCCESS &&
      supported && dlcCudaDriver.deviceGetDefaultMemPool(&pool, device) == CUDA_SUCCESS &&
      dlcCudaDriver.memPoolSetAttribute(pool, CU_MEMPOOL_ATTR_RELEASE_THRESHOLD,
                                        &keepEverything) == CUDA_SUCCESS;
}

static void initialize(void) {
  const char *path = getenv("DLC_CUDA_DRIVER");
  if (!path || !*path)
    path = "libcuda.so.1";
  void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    dlcCudaRecordError(-1, "no CUDA driver found (%s)", dlerror());
    return;
  }
  if (!resolve(handle, path))
    return;
  pthread_mutex_lock(&errorMutex);
  int ordinal = requestedDevice;
  pthread_mutex_unlock(&errorMutex);
  CUdevice device;
  if (dlcCudaCheck(dlcCudaDriver.init(0), "cuInit") &&
      dlcCudaCheck(dlcCudaDriver.deviceGet(&device, ordinal), "cuDeviceGet") &&
      dlcCudaCheck(dlcCudaDriver.deviceGetName(deviceName, sizeof deviceName, device),
                   "cuDeviceGetName") &&
      dlcCudaCheck(dlcCudaDriver.primaryCtxRetain(&context, device), "cuDevicePrimaryCtxRetain")) {
    enablePool(handle, device);
    atomic_store(&initialized, true);
  }
}

bool dlcCudaEnter(void) {
  pthread_once(&initOnce, initialize);
  if (atomic_load(&failed) || !atomic_load(&initialized))
    return false;
  if (!contextBound)
    contextBound = dlcCudaCheck(dlcCudaDriver.ctxSetCurrent(context), "cuCtxSetCurrent");
  return contextBound;
}

DlcCudaResult dlcCudaRuntimeInit(void) { return (DlcCudaResult){dlcCudaEnter()}; }

const char *dlcCudaGetLastError(void) { return atomic_load(&failed) ? errorText : NULL; }

const char *dlcCudaGetDeviceName(void) { return dlcCudaEnter() ? deviceName : ""; }

int dlcCudaGetLastErrorCode(void) {
  if (!atomic_load(&failed))
    return 0;
  pthread_mutex_lock(&errorMutex);
  int code = errorCode;
  pthread_mutex_unlock(&errorMutex);
  return code;
}

void mgpuSetDefaultDevice(int32_t device) {
  pthread_mutex_lock(&errorMutex);
  int current = requestedDevice;
  bool late = atomic_load(&initialized) && device != current;
  if (!late)
    requestedDevice = device;
  pthread_mutex_unlock(&errorMutex);
  if (late)
    dlcCudaRecordError(-1, "mgpuSetDefaultDevice(%d): the runtime already uses device %d",
                       (int)device, current);
}
