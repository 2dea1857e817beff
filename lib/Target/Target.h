/* Target.h: what the files of lib/Target share: the target machine behind a
 * DlcTargetMachine handle and the translation of an LLVM-dialect module into an LLVM
 * module, which both the LLVM IR text (LLVMIR.c) and the object file (ObjectFile.c) start
 * from. A TargetMachine owns its LLVM target machine and its strings. */
#ifndef DLC_LIB_TARGET_TARGET_H
#define DLC_LIB_TARGET_TARGET_H

#include "dlc/Translate.h"

#include "llvm-c/Core.h"
#include "llvm-c/TargetMachine.h"

typedef struct TargetMachine {
  LLVMTargetMachineRef machine;
  char *triple, *cpu, *features; /* as given to LLVM, heap copies */
  int optLevel;
} TargetMachine;

static inline TargetMachine *unwrapTargetMachine(DlcTargetMachine tm) { return tm.ptr; }

/// Translates `module` (LLVM dialect) into a new LLVM module in `llvmCtx`, owned by the
/// caller (LLVMDisposeModule). With a target machine (may be NULL) the module gets its
/// triple and data layout and runs LLVM's default<On> pipeline. Null after a diagnostic
/// located at `module`.
LLVMModuleRef dlcTranslateToLLVMModule(MlirOperation module, const TargetMachine *tm,
                                       LLVMContextRef llvmCtx);

/// Reports an LLVM error message at `module`'s location and disposes of the message.
void dlcEmitLLVMError(MlirOperation module, const char *what, char *llvmMessage);

#endif
