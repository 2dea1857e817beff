/* dlc/CudaRuntime.h: dlc's CUDA runtime (library dlc_cuda_runtime, runtime/cuda/), what
 * GPU code compiled by dlc calls at run time. It needs only libc and libdl: the CUDA driver
 * (libcuda.so.1, or the file named by the environment variable DLC_CUDA_DRIVER) is opened
 * with dlopen on first use, so programs link and start on machines without a GPU and learn
 * there is none from dlcCudaRuntimeInit.
 *
 * Two interfaces:
 *  - the `mgpu*` functions MLIR's `gpu-to-llvm` lowering and `gpu.binary` translation call
 *    (the ABI of MLIR 22's CudaRuntimeWrappers), which compiled code reaches by symbol name,
 *    and dlcCublasLtMatmul, which code compiled with dot-backend=library calls (cuBLASLt is
 *    opened with dlopen too, on its first call);
 *  - the `dlcCuda*` functions for the programs that call compiled code: initialization,
 *    the error, device buffers and copies.
 * Errors: compiled code cannot see a failure, so the first error is recorded (sticky, as in
 * the CUDA driver), every later runtime call does nothing and returns null handles, and the
 * caller checks dlcCudaGetLastError after the call. Nothing here aborts or prints.
 * Ownership: the runtime owns the driver handle, the device's primary context and the
 * error text (never freed, valid for the life of the process). Device buffers, modules,
 * streams and events belong to whoever created them and end with the matching free,
 * unload or destroy. All functions are thread-safe. */
#ifndef DLC_CUDA_RUNTIME_H
#define DLC_CUDA_RUNTIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DLC_CUDA_API __attribute__((visibility("default")))

/// Success or failure of a runtime call, as MlirLogicalResult (no MLIR needed here).
typedef struct DlcCudaResult {
  int8_t value;
} DlcCudaResult;

static inline int dlcCudaResultIsSuccess(DlcCudaResult r) { return r.value != 0; }

/* ---- The dlc API ------------------------------------------------------------------------ */

/// Opens the driver, initializes it and makes device 0's primary context (or the device
/// mgpuSetDefaultDevice chose) the runtime's. Runs once; later calls return the first
/// call's outcome, or failure once any error has been recorded. Every other function here
/// calls it itself.
DLC_CUDA_API DlcCudaResult dlcCudaRuntimeInit(void);

/// The first error recorded, e.g. "no CUDA driver found (libcuda.so.1: cannot open shared
/// object file: ...)" or "CUDA_ERROR_OUT_OF_MEMORY: out of memory (cuMemAlloc)"; NULL
/// while there has been none. Borrowed, valid for the life of the process.
DLC_CUDA_API const char *dlcCudaGetLastError(void);
/// The CUresult of the first error; 0 while there has been none, -1 for errors that are
/// not the driver's (no driver, a driver that lacks an entry point).
DLC_CUDA_API int dlcCudaGetLastErrorCode(void);

/// The name of the runtime's device (e.g. "NVIDIA H100 80GB HBM3"), or "" after an error.
/// Borrowed, valid for the life of the process.
DLC_CUDA_API const char *dlcCudaGetDeviceName(void);

/// `bytes` of device memory, owned by the caller (dlcCudaFree); NULL after an error or
/// when `bytes` is 0.
DLC_CUDA_API void *dlcCudaAlloc(size_t bytes);
/// Frees what dlcCudaAlloc or compiled code (gpu.alloc) allocated; NULL is ignored.
DLC_CUDA_API void dlcCudaFree(void *device);
/// Copies `bytes` from host memory to device memory, and back; both wait until done.
DLC_CUDA_API DlcCudaResult dlcCudaCopyToDevice(void *device, const void *host, size_t bytes);
DLC_CUDA_API DlcCudaResult dlcCudaCopyToHost(void *host, const void *device, size_t bytes);
/// Waits for all work on the device; the error of any of it is recorded.
DLC_CUDA_API DlcCudaResult dlcCudaSynchronize(void);

/* ---- cuBLASLt: the `library` backend of dot_general (runtime/cuda/CublasLt.c) ----------- */

/// Element types of dlcCublasLtMatmul's matrices, numbered as cudaDataType_t.
enum { DLC_CUDA_R_32F = 0, DLC_CUDA_R_16F = 2, DLC_CUDA_R_16BF = 14 };
/// Its epilogues, numbered as cublasLtEpilogue_t: what is applied to each element of the
/// product (bias: a vector of n elements, added to every row).
enum {
  DLC_CUBLASLT_EPILOGUE_DEFAULT = 1,
  DLC_CUBLASLT_EPILOGUE_RELU = 2,
  DLC_CUBLASLT_EPILOGUE_BIAS = 4,
  DLC_CUBLASLT_EPILOGUE_RELU_BIAS = 6,
  DLC_CUBLASLT_EPILOGUE_GELU = 32, /* the tanh approximation */
  DLC_CUBLASLT_EPILOGUE_GELU_BIAS = 36,
};

/// D = epilogue(A B (+ C when `accumulate`)) for `batch` row-major products of m x k A
/// (stored k x m when `transA`) and k x n B (n x k when `transB`) with f32 accumulation
/// (no TF32); ld* are row strides and stride* the distances between batch items (0: one
/// matrix for all), in elements. A and B are of `inputType`, C, D and the bias of
/// `outputType`. Runs on cuBLASLt (libcublasLt.so.13, .so.12 or DLC_CUBLASLT, opened on
/// first use) and has finished when it returns. Errors are recorded as the runtime's.
DLC_CUDA_API void dlcCublasLtMatmul(int32_t epilogue, int32_t inputType, int32_t outputType,
                                    int32_t transA, int32_t transB, int32_t accumulate,
                                    int64_t m, int64_t n, int64_t k, int64_t batch,
                                    const void *a, int64_t lda, int64_t strideA, const void *b,
                                    int64_t ldb, int64_t strideB, const void *c, void *d,
                                    int64_t ldd, int64_t strideD, const void *bias);

/* ---- The mgpu ABI: called by compiled code (MLIR 22's gpu-to-llvm and gpu.binary) -------- */

/// Loads a cubin or fatbin module (`size` bytes), or PTX text (NUL-terminated) that the
/// driver compiles at `optLevel`.
DLC_CUDA_API void *mgpuModuleLoad(void *data, size_t size);
DLC_CUDA_API void *mgpuModuleLoadJIT(void *data, int optLevel);
DLC_CUDA_API void mgpuModuleUnload(void *module);
DLC_CUDA_API void *mgpuModuleGetFunction(void *module, const char *name);
/// Launches `function`; `params` points to `paramsCount` pointers to the arguments.
DLC_CUDA_API void mgpuLaunchKernel(void *function, intptr_t gridX, intptr_t gridY,
                                   intptr_t gridZ, intptr_t blockX, intptr_t blockY,
                                   intptr_t blockZ, int32_t smem, void *stream, void **params,
                                   void **extra, size_t paramsCount);
DLC_CUDA_API void *mgpuStreamCreate(void);
DLC_CUDA_API void mgpuStreamDestroy(void *stream);
DLC_CUDA_API void mgpuStreamSynchronize(void *stream);
DLC_CUDA_API void mgpuStreamWaitEvent(void *stream, void *event);
DLC_CUDA_API void *mgpuEventCreate(void);
DLC_CUDA_API void mgpuEventDestroy(void *event);
DLC_CUDA_API void mgpuEventSynchronize(void *event);
DLC_CUDA_API void mgpuEventRecord(void *event, void *stream);
/// Device memory (managed memory when `isHostShared`); the stream is not waited on.
DLC_CUDA_API void *mgpuMemAlloc(uint64_t sizeBytes, void *stream, bool isHostShared);
DLC_CUDA_API void mgpuMemFree(void *ptr, void *stream);
/// Copies in any direction (unified addressing); ordered on `stream`.
DLC_CUDA_API void mgpuMemcpy(void *dst, void *src, size_t sizeBytes, void *stream);
DLC_CUDA_API void mgpuMemset32(void *dst, uint32_t value, size_t count, void *stream);
DLC_CUDA_API void mgpuMemset16(void *dst, uint16_t value, size_t count, void *stream);
/// Chooses the device the runtime initializes; an error once it has chosen another.
DLC_CUDA_API void mgpuSetDefaultDevice(int32_t device);

#ifdef __cplusplus
}
#endif

#endif
