/* ObjectFile.c: an LLVM-dialect module compiled to a relocatable object file by LLVM's code
 * generator (LLVMTargetMachineEmitToMemoryBuffer) after LLVMIR.c translated and optimized
 * it. The object's bytes go to the caller's callback in pieces of at most 1 MiB.
 * Ownership: the LLVM context, module and memory buffer are disposed of here. */
#include "Target/Target.h"

#include "mlir-c/Diagnostics.h"

enum { ChunkSize = 1 << 20 };

MlirLogicalResult dlcTranslateToObject(MlirOperation module, DlcTargetMachine handle,
                                       MlirStringCallback callback, void *userData) {
  TargetMachine *tm = unwrapTargetMachine(handle);
  if (!tm) {
    mlirEmitError(mlirOperationGetLocation(module), "an object file needs a target machine");
    return mlirLogicalResultFailure();
  }
  LLVMContextRef llvmCtx = LLVMContextCreate();
  LLVMModuleRef llvmModule = dlcTranslateToLLVMModule(module, tm, llvmCtx);
  LLVMMemoryBufferRef object = NULL;
  char *error = NULL;
  bool ok = llvmModule != NULL;
  if (ok && LLVMTargetMachineEmitToMemoryBuffer(tm->machine, llvmModule, LLVMObjectFile, &error,
                                                &object)) {
    dlcEmitLLVMError(module, "LLVM code generation failed", error);
    ok = false;
  }
  if (ok) {
    const char *bytes = LLVMGetBufferStart(object);
    size_t size = LLVMGetBufferSize(object);
    for (size_t at = 0; at < size; at += ChunkSize)
      callback(mlirStringRefCreate(bytes + at, size - at < ChunkSize ? size - at : ChunkSize),
               userData);
    LLVMDisposeMemoryBuffer(object);
  }
  if (llvmModule)
    LLVMDisposeModule(llvmModule);
  LLVMContextDispose(llvmCtx);
  return ok ? mlirLogicalResultSuccess() : mlirLogicalResultFailure();
}
