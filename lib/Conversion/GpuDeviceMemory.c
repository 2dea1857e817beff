/* GpuDeviceMemory.c: `dlc-gpu-device-memory` puts every buffer of host code in device memory,
 * the ABI of dlc's GPU entry points (docs/gpu.md): memref.alloc becomes gpu.alloc,
 * memref.dealloc gpu.dealloc, memref.copy gpu.memcpy, and a constant's memref.get_global (a
 * host global) a gpu.alloc filled by gpu.memcpy, freed before each return that does not
 * return it (a returned one is the caller's, as every result buffer is). Ops inside
 * kernels are left alone. gpu-async-region later puts them on a stream for gpu-to-llvm. */
#include "Conversion/Gpu.h"
#include "Transforms/PassRegistry.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/Dialect/GPU.h"

#include <stdlib.h>

/* gpu.alloc of `type` with the dynamic sizes `sizes` before `anchor`. */
static MlirValue deviceAlloc(DlcBuilder *b, MlirType type, intptr_t numSizes,
                             const MlirValue *sizes) {
  int32_t segments[] = {0, (int32_t)numSizes, 0}; /* async deps, sizes, symbol operands */
  MlirNamedAttribute attr =
      dlcNamed(b->ctx, "operandSegmentSizes", mlirDenseI32ArrayGet(b->ctx, 3, segments));
  MlirOperation op =
      dlcBuildRegionOp(b, "gpu.alloc", 1, &type, numSizes, sizes, 1, &attr, 0, -1, NULL, NULL);
  return mlirOperationGetResult(op, 0);
}

static void build(DlcBuilder *b, const char *name, intptr_t n, const MlirValue *operands) {
  dlcBuildRegionOp(b, name, 0, NULL, n, operands, 0, NULL, 0, -1, NULL, NULL);
}

/* Frees `buffer` before every return of `func` that does not return it. */
static void deallocBeforeReturns(DlcBuilder *b, MlirOperation func, MlirValue buffer) {
  MlirRegion body = mlirOperationGetRegion(func, 0);
  for (MlirBlock block = mlirRegionGetFirstBlock(body); !mlirBlockIsNull(block);
       block = mlirBlockGetNextInRegion(block)) {
    MlirOperation ret = mlirBlockGetTerminator(block);
    if (mlirOperationIsNull(ret) || !dlcOpIsA(ret, "func.return"))
      continue;
    bool returned = false;
    for (intptr_t i = 0; i < mlirOperationGetNumOperands(ret); ++i)
      returned |= mlirValueEqual(mlirOperationGetOperand(ret, i), buffer);
    if (!returned) {
      mlirRewriterBaseSetInsertionPointBefore(b->rewriter, ret);
      build(b, "gpu.dealloc", 1, &buffer);
    }
  }
}

static void toDevice(MlirRewriterBase rewriter, MlirOperation op) {
  DlcBuilder b = {mlirOperationGetContext(op), mlirOperationGetLocation(op), rewriter, {NULL}};
  mlirRewriterBaseSetInsertionPointBefore(rewriter, op);
  if (dlcOpIsA(op, "memref.dealloc")) {
    MlirValue buffer = mlirOperationGetOperand(op, 0);
    build(&b, "gpu.dealloc", 1, &buffer);
  } else if (dlcOpIsA(op, "memref.copy")) {
    MlirValue operands[] = {mlirOperationGetOperand(op, 1), mlirOperationGetOperand(op, 0)};
    build(&b, "gpu.memcpy", 2, operands);
  } else {
    MlirValue result = mlirOperationGetResult(op, 0);
    MlirType type = mlirValueGetType(result);
    MlirValue sizes[8];
    intptr_t numSizes = 0;
    if (dlcOpIsA(op, "memref.alloc"))
      for (; numSizes < mlirOperationGetNumOperands(op) && numSizes < 8; ++numSizes)
        sizes[numSizes] = mlirOperationGetOperand(op, numSizes);
    MlirValue buffer = deviceAlloc(&b, type, numSizes, sizes);
    if (dlcOpIsA(op, "memref.get_global")) {
      /* The global stays as the copy's source. */
      MlirOperation global = mlirOperationClone(op);
      mlirRewriterBaseInsert(rewriter, global);
      MlirValue operands[] = {buffer, mlirOperationGetResult(global, 0)};
      build(&b, "gpu.memcpy", 2, operands);
      mlirValueReplaceAllUsesOfWith(result, buffer);
      MlirOperation func = mlirOperationGetParentOperation(op);
      while (!dlcOpIsA(func, "func.func"))
        func = mlirOperationGetParentOperation(func);
      deallocBeforeReturns(&b, func, buffer);
    } else {
      mlirValueReplaceAllUsesOfWith(result, buffer);
    }
  }
  mlirRewriterBaseEraseOp(rewriter, op);
}

static void runDeviceMemory(MlirOperation module, MlirExternalPass pass,
                            const DlcPassOptionValue *options) {
  static const char *const memoryOps[] = {"memref.alloc", "memref.dealloc", "memref.copy",
                                          "memref.get_global", NULL};
  DlcOps ops = {NULL, 0, 0};
  dlcCollectHostOps(module, memoryOps, false, &ops);
  MlirRewriterBase rewriter = mlirIRRewriterCreate(mlirOperationGetContext(module));
  for (size_t i = 0; i < ops.count; ++i)
    toDevice(rewriter, ops.ops[i]);
  mlirIRRewriterDestroy(rewriter);
  free(ops.ops);
}

static MlirDialectHandle (*const gpuDialect[])(void) = {mlirGetDialectHandle__gpu__, NULL};

const DlcPassDef dlcGpuDeviceMemoryPass = {
    .info = {.argument = "dlc-gpu-device-memory",
             .summary = "Host buffers in device memory: memref alloc/dealloc/copy/get_global "
                        "outside kernels become gpu.alloc/dealloc/memcpy",
             .anchor = "builtin.module", .numOptions = 0, .options = NULL},
    .run = runDeviceMemory,
    .dependentDialects = gpuDialect,
};
