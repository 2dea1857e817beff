/* dlc/Jit.h: compiles a module's entry function with a pass pipeline (by default dlc's CPU
 * lowering), JITs it with MLIR's ExecutionEngine and calls it on host tensors
 * (dlc/Reference.h), so that the same tensors can go to the compiled code and to the
 * reference evaluator; or compiles it ahead of time into an object file that is linked and
 * loaded as a shared object, called the same way. `dlc-run` is this API on the command line.
 * Entry functions take and return ranked tensors of static shape and of an element type
 * dlc supports; layout encodings are physical and ignored here, as in host tensors.
 * Ownership: dlcJitCreate gives the caller a DlcJit, ended with dlcJitDestroy; the module
 * stays the caller's (it is lowered in place and may be destroyed once the JIT exists).
 * Types returned here belong to the module's MlirContext, which must outlive the JIT.
 * Results of dlcJitCall belong to the caller (dlcHostTensorDestroy). Messages go to the
 * caller's MlirStringCallback (never NULL); errors in the IR itself are located diagnostics
 * on the context, as in dlcRunPassPipeline. */
#ifndef DLC_JIT_H
#define DLC_JIT_H

#include "dlc/Reference.h"

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// What dlcJitCreate runs when given no pipeline text of its own.
#define DLC_JIT_DEFAULT_PIPELINE "builtin.module(dhlo-optimize,dlc-lower-to-cpu)"

/// A compiled entry function and its signature.
typedef struct DlcJit {
  void *ptr;
} DlcJit;

static inline bool dlcJitIsNull(DlcJit jit) { return !jit.ptr; }

/// Reads the signature of func.func `entry` in `module`, marks its arguments
/// `bufferization.writable = false` (compiled code never writes into them), runs `pipeline`
/// (MLIR syntax; DLC_JIT_DEFAULT_PIPELINE when its data is NULL, nothing when it is empty)
/// on the module in place, and JITs the result at LLVM `optLevel` (0-3). On failure returns
/// a null JIT after writing why to `errorCallback` (IR errors are diagnostics on the context).
DLC_API DlcJit dlcJitCreate(MlirModule module, MlirStringRef entry, MlirStringRef pipeline,
                            int optLevel, MlirStringCallback errorCallback, void *userData);
/// dlcJitCreate, but ahead of time: the lowered module becomes an object file for the host
/// (dlc/Translate.h), the system C compiler ($CC, else `cc`) links it into a temporary shared
/// object, which is loaded with dlopen (temporaries are removed at once). Calls go through
/// dlcJitCall and dlcJitBenchmark as for the JIT. Fails with a message if no C compiler runs.
DLC_API DlcJit dlcJitCreateAot(MlirModule module, MlirStringRef entry, MlirStringRef pipeline,
                               int optLevel, MlirStringCallback errorCallback, void *userData);
/// Ends the caller's ownership of `jit` (a null JIT is ignored).
DLC_API void dlcJitDestroy(DlcJit jit);

/// The entry function's name (borrowed, valid while `jit` lives).
DLC_API MlirStringRef dlcJitGetEntryName(DlcJit jit);
/// Number of inputs and results of the entry function.
DLC_API intptr_t dlcJitGetNumInputs(DlcJit jit);
DLC_API intptr_t dlcJitGetNumResults(DlcJit jit);
/// The tensor type of input or result `index`, as the entry function declared it before
/// lowering (null type if `index` is out of range).
DLC_API MlirType dlcJitGetInputType(DlcJit jit, intptr_t index);
DLC_API MlirType dlcJitGetResultType(DlcJit jit, intptr_t index);

/// Calls the entry function on `args` and creates its results in `results` (owned by the
/// caller). `nArgs` and `nResults` must be the entry's counts and every argument must have
/// its input's shape and element type; otherwise nothing runs, `errorCallback` hears why and
/// every result is null. The arguments are read, never written.
DLC_API MlirLogicalResult dlcJitCall(DlcJit jit, intptr_t nArgs, const DlcHostTensor *args,
                                     intptr_t nResults, DlcHostTensor *results,
                                     MlirStringCallback errorCallback, void *userData);

/// Calls the entry function `numRuns` times on `args` (checked as dlcJitCall checks them),
/// timing each call of the compiled code alone, with the release of its result buffers but
/// without copying results out; writes run i's seconds to `seconds[i]`.
DLC_API MlirLogicalResult dlcJitBenchmark(DlcJit jit, intptr_t nArgs, const DlcHostTensor *args,
                                          intptr_t numRuns, double *seconds,
                                          MlirStringCallback errorCallback, void *userData);

/// What dlcJitCreateGpu runs when given no pipeline text of its own.
#define DLC_JIT_GPU_PIPELINE "builtin.module(dhlo-optimize,dlc-lower-to-gpu)"

/// dlcJitCreate for an NVIDIA GPU: initializes dlc's CUDA runtime (dlc/CudaRuntime.h) and
/// fails with its error when there is no driver or device; runs `pipeline`
/// (DLC_JIT_GPU_PIPELINE when its data is NULL) and JITs the host code, whose `mgpu*` calls
/// go to the runtime. The compiled entry takes and returns device memory: dlcJitCall and
/// dlcJitBenchmark copy arguments in and results out and free result buffers on the device.
DLC_API DlcJit dlcJitCreateGpu(MlirModule module, MlirStringRef entry, MlirStringRef pipeline,
                               int optLevel, MlirStringCallback errorCallback, void *userData);

#ifdef __cplusplus
}
#endif

#endif
