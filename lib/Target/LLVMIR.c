/* LLVMIR.c: an LLVM-dialect module to an LLVM module (mlirTranslateModuleToLLVMIR, which
 * reports ops without an LLVM translation as located errors), configured for a target
 * machine and optimized by LLVM's default<On> pipeline at the machine's level, with loop and
 * SLP vectorization from -O2 up as clang and opt do; and that module as LLVM IR text.
 * The module is verified before it is optimized or compiled: LLVM's code generator may
 * crash on invalid IR, and a failed check is a located error instead.
 * Ownership: the LLVM context and module made here are disposed of here; LLVM's error
 * messages are disposed of by dlcEmitLLVMError. */
#include "Target/Target.h"

#include "mlir-c/Diagnostics.h"
#include "mlir-c/Target/LLVMIR.h"

#include "llvm-c/Analysis.h"
#include "llvm-c/Transforms/PassBuilder.h"

#include <stdio.h>
#include <string.h>

void dlcEmitLLVMError(MlirOperation module, const char *what, char *llvmMessage) {
  char buffer[4096];
  snprintf(buffer, sizeof buffer, "%s: %s", what, llvmMessage ? llvmMessage : "(no message)");
  /* LLVM's messages end with a newline, which a diagnostic does not need. */
  size_t n = strlen(buffer);
  while (n && buffer[n - 1] == '\n')
    buffer[--n] = '\0';
  mlirEmitError(mlirOperationGetLocation(module), buffer);
  if (llvmMessage)
    LLVMDisposeMessage(llvmMessage);
}

static bool optimize(MlirOperation module, LLVMModuleRef llvmModule, const TargetMachine *tm) {
  if (!tm->optLevel)
    return true;
  char pipeline[32];
  snprintf(pipeline, sizeof pipeline, "default<O%d>", tm->optLevel);
  LLVMPassBuilderOptionsRef options = LLVMCreatePassBuilderOptions();
  LLVMPassBuilderOptionsSetLoopVectorization(options, tm->optLevel > 1);
  LLVMPassBuilderOptionsSetSLPVectorization(options, tm->optLevel > 1);
  LLVMErrorRef error = LLVMRunPasses(llvmModule, pipeline, tm->machine, options);
  LLVMDisposePassBuilderOptions(options);
  if (!error)
    return true;
  dlcEmitLLVMError(module, "LLVM optimization failed", LLVMGetErrorMessage(error));
  return false;
}

LLVMModuleRef dlcTranslateToLLVMModule(MlirOperation module, const TargetMachine *tm,
                                       LLVMContextRef llvmCtx) {
  LLVMModuleRef llvmModule = mlirTranslateModuleToLLVMIR(module, llvmCtx);
  if (!llvmModule)
    return NULL;
  char *message = NULL;
  if (LLVMVerifyModule(llvmModule, LLVMReturnStatusAction, &message)) {
    dlcEmitLLVMError(module, "the translated LLVM IR is invalid", message);
    LLVMDisposeModule(llvmModule);
    return NULL;
  }
  LLVMDisposeMessage(message);
  if (!tm)
    return llvmModule;
  LLVMSetTarget(llvmModule, tm->triple);
  LLVMTargetDataRef layout = LLVMCreateTargetDataLayout(tm->machine);
  LLVMSetModuleDataLayout(llvmModule, layout);
  LLVMDisposeTargetData(layout);
  if (optimize(module, llvmModule, tm))
    return llvmModule;
  LLVMDisposeModule(llvmModule);
  return NULL;
}

MlirLogicalResult dlcTranslateToLLVMIR(MlirOperation module, DlcTargetMachine tm,
                                       MlirStringCallback callback, void *userData) {
  LLVMContextRef llvmCtx = LLVMContextCreate();
  LLVMModuleRef llvmModule = dlcTranslateToLLVMModule(module, unwrapTargetMachine(tm), llvmCtx);
  if (llvmModule) {
    char *text = LLVMPrintModuleToString(llvmModule);
    callback(dlcStr(text), userData);
    LLVMDisposeMessage(text);
    LLVMDisposeModule(llvmModule);
  }
  LLVMContextDispose(llvmCtx);
  return llvmModule ? mlirLogicalResultSuccess() : mlirLogicalResultFailure();
}
