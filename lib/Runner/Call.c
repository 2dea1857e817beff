/* Call.c: dlcJitCall and dlcJitBenchmark: arguments checked against the entry's signature,
 * descriptors built around the host tensors' own buffers (no copy in), the packed wrapper
 * invoked, results copied out and the result buffers released. Code compiled for the GPU
 * goes to GpuCall.c, which shares the frame and the checks.
 *
 * Result buffers: buffer deallocation makes every buffer the entry returns the caller's, so
 * they are freed here, except those the compiled code does not own: a result that is an
 * argument's buffer (`return %arg0`, or a view of it after bufferization: its allocated
 * pointer is the argument's data), a buffer returned twice (freed once), and a constant's
 * global (memref.get_global lowers with the allocated pointer 0xdeadbeef).
 * Ownership: a Frame owns its descriptor arrays (frameFree); results belong to the caller. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */

#include "Runner/Runner.h"
#include "Support/Alloc.h"

#include "mlir-c/BuiltinTypes.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The allocated pointer MLIR gives a memref.get_global, which must never be freed. */
#define DLC_GLOBAL_ALLOCATED ((uintptr_t)0xdeadbeef)

static bool hasSignatureType(MlirType type, DlcHostTensor t) {
  DlcElementType element;
  intptr_t rank = mlirShapedTypeGetRank(type);
  if (!dlcElementTypeFromMlirType(mlirShapedTypeGetElementType(type), &element) ||
      element != dlcHostTensorGetElementType(t) || rank != dlcHostTensorGetRank(t))
    return false;
  const int64_t *dims = dlcHostTensorGetDims(t);
  for (intptr_t d = 0; d < rank; ++d)
    if (mlirShapedTypeGetDimSize(type, d) != dims[d])
      return false;
  return true;
}

bool dlcJitCheckArgs(const Jit *jit, intptr_t nArgs, const DlcHostTensor *args,
                      MlirStringCallback callback, void *userData) {
  if (nArgs != jit->numInputs) {
    dlcFormat(callback, userData, "@%s takes %ld argument%s, got %ld", jit->entry,
              (long)jit->numInputs, jit->numInputs == 1 ? "" : "s", (long)nArgs);
    return false;
  }
  for (intptr_t i = 0; i < nArgs; ++i) {
    if (dlcHostTensorIsNull(args[i])) {
      dlcFormat(callback, userData, "argument #%ld of @%s is a null tensor", (long)i, jit->entry);
      return false;
    }
    MlirType want = jit->inputTypes[i];
    if (hasSignatureType(want, args[i]))
      continue;
    char wantStr[256], gotStr[256];
    dlcTypeStr(want, wantStr, sizeof wantStr);
    dlcTypeStr(dlcHostTensorGetType(mlirTypeGetContext(want), args[i]), gotStr, sizeof gotStr);
    dlcFormat(callback, userData, "argument #%ld of @%s is %s, but @%s takes %s", (long)i,
              jit->entry, gotStr, jit->entry, wantStr);
    return false;
  }
  return true;
}

bool dlcJitCheckResults(const Jit *jit, intptr_t nResults, MlirStringCallback callback,
                         void *userData) {
  if (nResults == jit->numResults)
    return true;
  dlcFormat(callback, userData, "@%s returns %ld result%s, room given for %ld", jit->entry,
            (long)jit->numResults, jit->numResults == 1 ? "" : "s", (long)nResults);
  return false;
}

void dlcFrameInit(Frame *f, const Jit *jit, const DlcHostTensor *args) {
  f->args = args;
  f->inputs = dlcAllocZeroed((size_t)jit->numInputs, sizeof(int64_t *));
  f->results = dlcAllocZeroed(jit->resultWords, sizeof(int64_t));
  f->resultPointer = f->results;
  f->packed = dlcAllocZeroed((size_t)jit->numInputs + 1, sizeof(void *));
  /* A function without results has no result pointer in front. */
  void **inputSlots = f->packed;
  if (jit->numResults)
    *inputSlots++ = &f->resultPointer;
  for (intptr_t i = 0; i < jit->numInputs; ++i) {
    f->inputs[i] =
        dlcAllocZeroed(dlcDescriptorWords(dlcHostTensorGetRank(args[i])), sizeof(int64_t));
    dlcDescriptorOfTensor(args[i], f->inputs[i]);
    inputSlots[i] = &f->inputs[i];
  }
}

void dlcFrameFree(Frame *f, const Jit *jit) {
  for (intptr_t i = 0; i < jit->numInputs; ++i)
    free(f->inputs[i]);
  free(f->inputs);
  free(f->results);
  free(f->packed);
}

const int64_t *dlcFrameResult(const Frame *f, const Jit *jit, intptr_t index) {
  size_t w = 0;
  for (intptr_t i = 0; i < index; ++i)
    w += dlcDescriptorWords(mlirShapedTypeGetRank(jit->resultTypes[i]));
  return f->results + w;
}

/* True if result `index`'s buffer belongs to the compiled code's caller, i.e. to us, and
 * has not been freed already through an earlier result. */
static bool ownsBuffer(const Frame *f, const Jit *jit, intptr_t index) {
  void *allocated = dlcDescriptorAllocated(dlcFrameResult(f, jit, index));
  if (!allocated || (uintptr_t)allocated == DLC_GLOBAL_ALLOCATED)
    return false;
  for (intptr_t i = 0; i < jit->numInputs; ++i)
    if (allocated == dlcDescriptorAllocated(f->inputs[i]))
      return false;
  for (intptr_t i = 0; i < index; ++i)
    if (allocated == dlcDescriptorAllocated(dlcFrameResult(f, jit, i)))
      return false;
  return true;
}

void dlcFrameRelease(const Frame *f, const Jit *jit, void (*release)(void *)) {
  for (intptr_t i = 0; i < jit->numResults; ++i)
    if (ownsBuffer(f, jit, i))
      release(dlcDescriptorAllocated(dlcFrameResult(f, jit, i)));
}

MlirLogicalResult dlcJitCall(DlcJit handle, intptr_t nArgs, const DlcHostTensor *args,
                             intptr_t nResults, DlcHostTensor *results,
                             MlirStringCallback errorCallback, void *userData) {
  const Jit *jit = dlcJitUnwrap(handle);
  if (jit->onGpu)
    return dlcGpuCall(jit, nArgs, args, nResults, results, errorCallback, userData);
  for (intptr_t i = 0; i < nResults; ++i)
    results[i] = (DlcHostTensor){NULL};
  if (!dlcJitCheckArgs(jit, nArgs, args, errorCallback, userData) ||
      !dlcJitCheckResults(jit, nResults, errorCallback, userData))
    return mlirLogicalResultFailure();
  Frame f;
  dlcFrameInit(&f, jit, args);
  jit->invoke(f.packed);
  /* Every result is copied out before any buffer is released: results may share one. */
  for (intptr_t i = 0; i < nResults; ++i) {
    results[i] = dlcHostTensorCreate(jit->resultTypes[i]);
    dlcDescriptorCopyOut(dlcFrameResult(&f, jit, i), results[i]);
  }
  dlcFrameRelease(&f, jit, free);
  dlcFrameFree(&f, jit);
  return mlirLogicalResultSuccess();
}

double dlcRunnerNow(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

MlirLogicalResult dlcJitBenchmark(DlcJit handle, intptr_t nArgs, const DlcHostTensor *args,
                                  intptr_t numRuns, double *seconds,
                                  MlirStringCallback errorCallback, void *userData) {
  const Jit *jit = dlcJitUnwrap(handle);
  if (jit->onGpu)
    return dlcGpuBenchmark(jit, nArgs, args, numRuns, seconds, errorCallback, userData);
  if (!dlcJitCheckArgs(jit, nArgs, args, errorCallback, userData))
    return mlirLogicalResultFailure();
  Frame f;
  dlcFrameInit(&f, jit, args);
  for (intptr_t r = 0; r < numRuns; ++r) {
    double start = dlcRunnerNow();
    jit->invoke(f.packed);
    dlcFrameRelease(&f, jit, free);
    seconds[r] = dlcRunnerNow() - start;
  }
  dlcFrameFree(&f, jit);
  return mlirLogicalResultSuccess();
}
