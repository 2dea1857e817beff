/* Runner.h: the inside of dlc/Jit.h, shared by its files. Jit.c compiles (signature,
 * pipeline, ExecutionEngine) and owns the Jit struct; Aot.c loads the same lowered module
 * ahead of time instead (object file, C compiler, dlopen); Descriptor.c moves host tensors
 * in and out of memref descriptors; Call.c checks arguments, invokes the entry and releases
 * the buffers the compiled code handed back, for both. Messages go out through dlcFormat.
 *
 * The calling convention is the one `dlc-emit-c-interface` asks for: the packed wrapper of
 * `_mlir_ciface_<entry>` takes an array of pointers, one per argument of the C interface
 * function. With results, the first of those is a pointer to the result (one memref
 * descriptor, or a struct of them, all 64-bit words, for several); then each input is a
 * pointer to a pointer to its descriptor. A descriptor of rank r is, in 64-bit words:
 * allocated pointer, aligned pointer, offset, r sizes, r strides.
 * Ownership: a Jit owns its engine or library, entry name and type arrays (the types
 * themselves belong to the context). Descriptor arrays are owned by whoever allocated them in Call.c. */
#ifndef DLC_LIB_RUNNER_RUNNER_H
#define DLC_LIB_RUNNER_RUNNER_H

#include "Dialects/OpRules.h"
#include "Support/Format.h"
#include "dlc/Jit.h"

#include "mlir-c/ExecutionEngine.h"

#include <stddef.h>
#include <stdint.h>

typedef struct Jit {
  MlirExecutionEngine engine; /* the JIT's; null ahead of time */
  void *library;              /* ahead of time: the dlopen handle of the compiled code */
  void (*invoke)(void **);    /* the packed wrapper of _mlir_ciface_<entry> */
  char *entry;             /* NUL-terminated */
  intptr_t numInputs, numResults;
  MlirType *inputTypes, *resultTypes;
  size_t resultWords; /* words of all result descriptors together */
  bool onGpu;         /* compiled for the GPU: calls go through GpuCall.c */
} Jit;

static inline Jit *dlcJitUnwrap(DlcJit jit) { return (Jit *)jit.ptr; }

/* ---- Aot.c ------------------------------------------------------------------------------- */

/// Compiles the lowered `module` into an object for the host at `optLevel`, links it into a
/// temporary shared object with the system C compiler, loads it and sets jit->library and
/// jit->invoke. Reports and fails otherwise; leaves no temporary files either way.
bool dlcAotLoad(Jit *jit, MlirModule module, int optLevel, MlirStringCallback callback,
                void *userData);

/* ---- Call.c ---------------------------------------------------------------------------- */

/* Everything one invocation needs; built once, reused by every run of a benchmark. */
typedef struct Frame {
  int64_t **inputs;    /* one descriptor per argument */
  int64_t *results;    /* the result descriptors, one after the other */
  void *resultPointer; /* &results[0], what packed[0] points to */
  void **packed;       /* the wrapper's argument array */
  const DlcHostTensor *args;
} Frame;

/// Check the arguments and the room for results against the entry's signature; false
/// after reporting.
bool dlcJitCheckArgs(const Jit *jit, intptr_t nArgs, const DlcHostTensor *args,
                     MlirStringCallback callback, void *userData);
bool dlcJitCheckResults(const Jit *jit, intptr_t nResults, MlirStringCallback callback,
                        void *userData);
/// Builds the frame of a call on `args` (descriptors over their buffers); dlcFrameFree ends it.
void dlcFrameInit(Frame *f, const Jit *jit, const DlcHostTensor *args);
void dlcFrameFree(Frame *f, const Jit *jit);
/// The descriptor of result `index` inside f->results.
const int64_t *dlcFrameResult(const Frame *f, const Jit *jit, intptr_t index);
/// Releases, with `release`, the result buffers the caller owns (see Call.c).
void dlcFrameRelease(const Frame *f, const Jit *jit, void (*release)(void *));
/// CLOCK_MONOTONIC in seconds.
double dlcRunnerNow(void);

/* ---- GpuCall.c --------------------------------------------------------------------------- */

/// dlcJitCall and dlcJitBenchmark for code compiled for the GPU.
MlirLogicalResult dlcGpuCall(const Jit *jit, intptr_t nArgs, const DlcHostTensor *args,
                             intptr_t nResults, DlcHostTensor *results,
                             MlirStringCallback callback, void *userData);
MlirLogicalResult dlcGpuBenchmark(const Jit *jit, intptr_t nArgs, const DlcHostTensor *args,
                                  intptr_t numRuns, double *seconds, MlirStringCallback callback,
                                  void *userData);

/* ---- Descriptor.c ------------------------------------------------------------------------ */

/// Words of a memref descriptor of `rank`.
size_t dlcDescriptorWords(intptr_t rank);
/// Fills `words` with a descriptor over host tensor `t`'s own row-major buffer (allocated
/// and aligned pointer both its data).
void dlcDescriptorOfTensor(DlcHostTensor t, int64_t *words);
/// The allocated pointer of a descriptor.
void *dlcDescriptorAllocated(const int64_t *words);
/// Copies the elements descriptor `words` shows (any offset and strides) into row-major
/// `t`, which has the descriptor's rank and sizes.
void dlcDescriptorCopyOut(const int64_t *words, DlcHostTensor t);

#endif
