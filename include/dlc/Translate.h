/* dlc/Translate.h: out of MLIR. A module in the LLVM dialect (what `dlc-lower-to-cpu`
 * makes) becomes LLVM IR text or an object file for a target machine, and an entry point of
 * a dhlo module gets a C header to call it with: the memref descriptor structs, the
 * `_mlir_ciface_<entry>` prototype and an `<entry>_run` wrapper over plain row-major buffers.
 * Errors in the IR (an op with no LLVM translation, a missing entry function) are located
 * diagnostics on the module's context; errors in target options go to an error callback.
 * Ownership: dlcTargetMachineCreate gives the caller a target machine to end with
 * dlcTargetMachineDestroy. Output goes through an MlirStringCallback (an object file's bytes
 * too, in pieces); nothing is returned for the caller to free. */
#ifndef DLC_TRANSLATE_H
#define DLC_TRANSLATE_H

#include "dlc/Support.h"

#ifdef __cplusplus
extern "C" {
#endif

/// What to compile for. Empty strings ask for the default.
typedef struct DlcTargetOptions {
  MlirStringRef triple;   /* empty: the host's (LLVMGetDefaultTargetTriple) */
  MlirStringRef cpu;      /* empty: the host CPU for the host triple, generic otherwise */
  MlirStringRef features; /* empty: the host CPU's features for the host triple, none otherwise */
  int optLevel;           /* 0-3: LLVM's default<On> IR pipeline and code generation level */
} DlcTargetOptions;

/// LLVM's target machine for one triple, CPU, feature set and optimization level.
typedef struct DlcTargetMachine {
  void *ptr;
} DlcTargetMachine;

static inline bool dlcTargetMachineIsNull(DlcTargetMachine tm) { return !tm.ptr; }

/// The host at -O2, as the JIT compiles (every string empty).
DLC_API DlcTargetOptions dlcTargetOptionsGetDefault(void);

/// Creates the target machine `options` describe (LLVM's targets are initialized on first
/// use). On an unknown triple or an optimization level outside 0-3, writes a message to
/// `errorCallback` and returns a null target machine.
DLC_API DlcTargetMachine dlcTargetMachineCreate(const DlcTargetOptions *options,
                                                MlirStringCallback errorCallback, void *userData);
/// Ends the caller's ownership of `tm` (a null one is ignored).
DLC_API void dlcTargetMachineDestroy(DlcTargetMachine tm);
/// The normalized triple, CPU and features `tm` compiles for (borrowed, valid while it lives).
DLC_API MlirStringRef dlcTargetMachineGetTriple(DlcTargetMachine tm);
DLC_API MlirStringRef dlcTargetMachineGetCPU(DlcTargetMachine tm);
DLC_API MlirStringRef dlcTargetMachineGetFeatures(DlcTargetMachine tm);

/// Translates `module` (a builtin.module in the LLVM dialect) to LLVM IR and writes its
/// text to `callback`. With a target machine the IR gets its triple and data layout and is
/// optimized at its level first; with a null one it is the plain translation.
DLC_API MlirLogicalResult dlcTranslateToLLVMIR(MlirOperation module, DlcTargetMachine tm,
                                               MlirStringCallback callback, void *userData);

/// Translates, optimizes and compiles `module` (LLVM dialect) for `tm` into a relocatable,
/// position-independent object file whose bytes go to `callback`.
DLC_API MlirLogicalResult dlcTranslateToObject(MlirOperation module, DlcTargetMachine tm,
                                               MlirStringCallback callback, void *userData);

/// Writes the C header for entry point `entry` whose signature (before lowering) is
/// `functionType`: ranked, statically shaped tensors or memrefs of dlc's element types.
/// Unsupported signatures are reported at `loc`. See docs/dlc-translate.md for the header.
DLC_API MlirLogicalResult dlcEmitCHeaderForSignature(MlirType functionType, MlirStringRef entry,
                                                     MlirLocation loc, MlirStringCallback callback,
                                                     void *userData);

/// dlcEmitCHeaderForSignature for func.func `entry` of `module` (dhlo, before lowering), or,
/// when `entry` is empty, for the module's only public func.func.
DLC_API MlirLogicalResult dlcEmitCHeader(MlirOperation module, MlirStringRef entry,
                                         MlirStringCallback callback, void *userData);
/// dlcEmitCHeader for an entry compiled for the GPU (it takes and returns device memory):
/// `<entry>_run` copies through dlc's CUDA runtime (dlc/CudaRuntime.h). See docs/gpu.md.
DLC_API MlirLogicalResult dlcEmitGpuCHeader(MlirOperation module, MlirStringRef entry,
                                            MlirStringCallback callback, void *userData);

#ifdef __cplusplus
}
#endif

#endif
