/* GpuCall.c: the runner for code compiled for NVIDIA GPUs (dlcJitCreateGpu). The JIT is
 * the CPU one: the lowered host code calls `mgpu*` functions, which the ExecutionEngine
 * resolves in the process, where libdlc's dependency libdlc_cuda_runtime defines them; the
 * kernels are loaded by constructors when the engine initializes. What differs is the
 * call: the entry takes and returns device memory, so arguments are copied to device
 * buffers (the frame's descriptors are pointed at them), results are copied back through a
 * host staging buffer that the descriptor's strides are then read from, and result buffers
 * are freed on the device. The runtime cannot report failures to compiled code: its first
 * error is checked after every step.
 * Ownership: device buffers of the arguments live for one call (or one benchmark); the
 * staging buffers for one result. */
#include "Runner/Runner.h"
#include "Support/Alloc.h"
#include "dlc/CudaRuntime.h"

#include "mlir-c/BuiltinTypes.h"

#include <stdlib.h>
#include <string.h>

/* True, after reporting `what` and the runtime's error, if the runtime has failed. */
static bool runtimeFailed(const char *what, MlirStringCallback callback, void *userData) {
  const char *error = dlcCudaGetLastError();
  if (error)
    dlcFormat(callback, userData, "%s%s", what, error);
  return error != NULL;
}

DlcJit dlcJitCreateGpu(MlirModule module, MlirStringRef entry, MlirStringRef pipeline,
                       int optLevel, MlirStringCallback errorCallback, void *userData) {
  if (!dlcCudaResultIsSuccess(dlcCudaRuntimeInit())) {
    runtimeFailed("", errorCallback, userData);
    return (DlcJit){NULL};
  }
  DlcJit jit = dlcJitCreate(module, entry, pipeline.data ? pipeline : dlcStr(DLC_JIT_GPU_PIPELINE),
                            optLevel, errorCallback, userData);
  if (dlcJitIsNull(jit))
    return jit;
  if (runtimeFailed("cannot load the kernels: ", errorCallback, userData)) {
    dlcJitDestroy(jit);
    return (DlcJit){NULL};
  }
  dlcJitUnwrap(jit)->onGpu = true;
  return jit;
}

static size_t tensorBytes(DlcHostTensor t) {
  return (size_t)dlcHostTensorGetNumElements(t) *
         dlcElementTypeGetByteSize(dlcHostTensorGetElementType(t));
}

/* Copies every argument into a device buffer of its own and points its descriptor there. */
static bool copyArgsIn(const Jit *jit, Frame *f, void **device) {
  for (intptr_t i = 0; i < jit->numInputs; ++i) {
    size_t bytes = tensorBytes(f->args[i]);
    device[i] = dlcCudaAlloc(bytes);
    if (!dlcCudaResultIsSuccess(
            dlcCudaCopyToDevice(device[i], dlcHostTensorGetData(f->args[i]), bytes)))
      return false;
    memcpy(&f->inputs[i][0], &device[i], sizeof device[i]);
    memcpy(&f->inputs[i][1], &device[i], sizeof device[i]);
  }
  return true;
}

static void freeArgs(const Jit *jit, void **device) {
  for (intptr_t i = 0; i < jit->numInputs; ++i)
    dlcCudaFree(device[i]);
  free(device);
}

/* Copies result `index` out of device memory into the new host tensor `t`: the elements
 * the descriptor reaches (offset and strides, all non-negative after bufferization) are
 * staged on the host, and the staged copy is read as the descriptor says. */
static bool copyResultOut(const Frame *f, const Jit *jit, intptr_t index, DlcHostTensor t) {
  intptr_t rank = dlcHostTensorGetRank(t);
  size_t words = dlcDescriptorWords(rank);
  int64_t *staged = dlcAllocZeroed(words, sizeof(int64_t));
  memcpy(staged, dlcFrameResult(f, jit, index), words * sizeof(int64_t));
  int64_t last = staged[2];
  bool empty = false;
  for (intptr_t d = 0; d < rank; ++d) {
    empty = empty || !staged[3 + d];
    last += (staged[3 + d] - 1) * staged[3 + rank + d];
  }
  size_t bytes =
      empty ? 0 : (size_t)(last + 1) * dlcElementTypeGetByteSize(dlcHostTensorGetElementType(t));
  void *host = dlcAllocZeroed(bytes ? bytes : 1, 1);
  const void *device;
  memcpy(&device, &staged[1], sizeof device);
  bool ok = !bytes || dlcCudaResultIsSuccess(dlcCudaCopyToHost(host, device, bytes));
  memcpy(&staged[1], &host, sizeof host);
  if (ok)
    dlcDescriptorCopyOut(staged, t);
  free(host);
  free(staged);
  return ok;
}

MlirLogicalResult dlcGpuCall(const Jit *jit, intptr_t nArgs, const DlcHostTensor *args,
                             intptr_t nResults, DlcHostTensor *results,
                             MlirStringCallback callback, void *userData) {
  for (intptr_t i = 0; i < nResults; ++i)
    results[i] = (DlcHostTensor){NULL};
  if (!dlcJitCheckArgs(jit, nArgs, args, callback, userData) ||
      !dlcJitCheckResults(jit, nResults, callback, userData))
    return mlirLogicalResultFailure();
  Frame f;
  dlcFrameInit(&f, jit, args);
  void **device = dlcAllocZeroed((size_t)jit->numInputs + 1, sizeof(void *));
  bool ok = copyArgsIn(jit, &f, device);
  if (ok) {
    jit->invoke(f.packed);
    ok = dlcCudaResultIsSuccess(dlcCudaSynchronize());
  }
  /* Every result is copied out before any buffer is released: results may share one. */
  for (intptr_t i = 0; ok && i < nResults; ++i) {
    results[i] = dlcHostTensorCreate(jit->resultTypes[i]);
    ok = copyResultOut(&f, jit, i, results[i]);
  }
  if (ok)
    dlcFrameRelease(&f, jit, dlcCudaFree);
  freeArgs(jit, device);
  dlcFrameFree(&f, jit);
  if (!runtimeFailed("the GPU run failed: ", callback, userData))
    return mlirLogicalResultSuccess();
  for (intptr_t i = 0; i < nResults; ++i) {
    dlcHostTensorDestroy(results[i]);
    results[i] = (DlcHostTensor){NULL};
  }
  return mlirLogicalResultFailure();
}

/* Each run is timed on the host clock from the call to the end of a device-wide
 * synchronize, with the release of its result buffers, as on the CPU; arguments are copied
 * in once, before the first run. */
MlirLogicalResult dlcGpuBenchmark(const Jit *jit, intptr_t nArgs, const DlcHostTensor *args,
                                  intptr_t numRuns, double *seconds, MlirStringCallback callback,
                                  void *userData) {
  if (!dlcJitCheckArgs(jit, nArgs, args, callback, userData))
    return mlirLogicalResultFailure();
  Frame f;
  dlcFrameInit(&f, jit, args);
  void **device = dlcAllocZeroed((size_t)jit->numInputs + 1, sizeof(void *));
  bool ok = copyArgsIn(jit, &f, device);
  for (intptr_t r = 0; ok && r < numRuns; ++r) {
    double start = dlcRunnerNow();
    jit->invoke(f.packed);
    ok = dlcCudaResultIsSuccess(dlcCudaSynchronize());
    if (ok)
      dlcFrameRelease(&f, jit, dlcCudaFree);
    seconds[r] = dlcRunnerNow() - start;
  }
  freeArgs(jit, device);
  dlcFrameFree(&f, jit);
  return runtimeFailed("the GPU run failed: ", callback, userData) ? mlirLogicalResultFailure()
                                                                    : mlirLogicalResultSuccess();
}
