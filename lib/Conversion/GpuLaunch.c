/* GpuLaunch.c: gpu.launch and region ops built through the C API (Gpu.h). Launches are
 * one-dimensional: dlc linearizes a loop nest and delinearizes inside the kernel, which
 * keeps the grid within limits for any rank and makes neighbouring threads touch
 * neighbouring elements of the innermost dimension (coalesced accesses). */
#include "Conversion/Gpu.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Dialect/Arith.h"
#include "mlir-c/Dialect/GPU.h"
#include "mlir-c/Dialect/SCF.h"
#include "Transforms/Layouts.h"

#include <stdio.h>

MlirDialectHandle (*const dlcGpuKernelDialects[])(void) = {
    mlirGetDialectHandle__gpu__, mlirGetDialectHandle__scf__, mlirGetDialectHandle__arith__, NULL};

bool dlcIsHostOp(MlirOperation op) {
  for (MlirOperation p = mlirOperationGetParentOperation(op); !mlirOperationIsNull(p);
       p = mlirOperationGetParentOperation(p))
    if (dlcOpIsA(p, "gpu.launch") || dlcOpIsA(p, "gpu.module"))
      return false;
  return true;
}

DlcLaunch dlcLaunchCreate(MlirRewriterBase rewriter, MlirOperation anchor, int64_t grid,
                          int64_t threads, intptr_t numWorkgroup, const MlirType *workgroup) {
  MlirContext ctx = mlirOperationGetContext(anchor);
  DlcLaunch l = {.b = {ctx, mlirOperationGetLocation(anchor), rewriter, {NULL}}};
  mlirRewriterBaseSetInsertionPointBefore(rewriter, anchor);
  MlirValue one = dlcConstIndex(&l.b, 1);
  MlirValue sizes[] = {dlcConstIndex(&l.b, grid), one, one, dlcConstIndex(&l.b, threads), one,
                       one};
  /* async dependencies, grid x y z, block x y z, cluster x y z, dynamic shared memory */
  int32_t segments[] = {0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0};
  MlirNamedAttribute attrs[] = {
      dlcNamed(ctx, "operandSegmentSizes", mlirDenseI32ArrayGet(ctx, 11, segments)),
      dlcNamed(ctx, "workgroup_attributions",
               mlirIntegerAttrGet(mlirIntegerTypeGet(ctx, 64), numWorkgroup)),
  };
  MlirType index = mlirIndexTypeGet(ctx), argTypes[16];
  for (int i = 0; i < 12; ++i)
    argTypes[i] = index;
  for (intptr_t i = 0; i < numWorkgroup; ++i)
    argTypes[12 + i] = workgroup[i];
  MlirBlock body;
  l.op = dlcBuildRegionOp(&l.b, "gpu.launch", 0, NULL, 6, sizes, 2, attrs, 1, 12 + numWorkgroup,
                          argTypes, &body);
  /* Block arguments: block ids x y z, thread ids x y z, then the sizes. */
  l.body = body;
  l.blockId = mlirBlockGetArgument(body, 0);
  l.threadId = mlirBlockGetArgument(body, 3);
  for (intptr_t i = 0; i < numWorkgroup; ++i)
    l.workgroup[i] = mlirBlockGetArgument(body, 12 + i);
  mlirRewriterBaseSetInsertionPointToEnd(rewriter, body);
  MlirOperation terminator =
      dlcBuildRegionOp(&l.b, "gpu.terminator", 0, NULL, 0, NULL, 0, NULL, 0, -1, NULL, NULL);
  mlirRewriterBaseSetInsertionPointBefore(rewriter, terminator);
  return l;
}

void dlcDelinearize(DlcBuilder *b, MlirValue linear, intptr_t rank, const int64_t *extents,
                    MlirValue *indices) {
  for (intptr_t d = rank - 1; d > 0; --d) {
    MlirValue extent = dlcConstIndex(b, extents[d]);
    indices[d] = dlcBinary(b, "arith.remui", linear, extent);
    linear = dlcBinary(b, "arith.divui", linear, extent);
  }
  if (rank > 0)
    indices[0] = linear;
}

MlirValue dlcLaunchLinearId(DlcLaunch *l, int64_t threads) {
  MlirValue base = dlcBinary(&l->b, "arith.muli", l->blockId, dlcConstIndex(&l->b, threads));
  return dlcBinary(&l->b, "arith.addi", base, l->threadId);
}

MlirOperation dlcLaunchIf(DlcLaunch *l, MlirValue cond) {
  MlirBlock then;
  MlirOperation ifOp =
      dlcBuildRegionOp(&l->b, "scf.if", 0, NULL, 1, &cond, 0, NULL, 2, 0, NULL, &then);
  mlirRewriterBaseSetInsertionPointToEnd(l->b.rewriter, then);
  MlirOperation yield =
      dlcBuildRegionOp(&l->b, "scf.yield", 0, NULL, 0, NULL, 0, NULL, 0, -1, NULL, NULL);
  mlirRewriterBaseSetInsertionPointBefore(l->b.rewriter, yield);
  return ifOp;
}

void dlcMoveBlockOps(MlirRewriterBase rewriter, MlirBlock block, MlirOperation anchor) {
  MlirOperation terminator = mlirBlockGetTerminator(block);
  for (MlirOperation op = mlirBlockGetFirstOperation(block), next;
       !mlirOperationIsNull(op) && !mlirOperationEqual(op, terminator); op = next) {
    next = mlirOperationGetNextInBlock(op);
    mlirRewriterBaseMoveOpBefore(rewriter, op, anchor);
  }
}

void dlcOpsPush(DlcOps *ops, MlirOperation op) {
  ops->ops = dlcGrow(ops->ops, &ops->capacity, ops->count + 1, sizeof *ops->ops);
  ops->ops[ops->count++] = op;
}

typedef struct Collect {
  const char *const *names;
  bool outermost;
  DlcOps *ops;
} Collect;

static MlirWalkResult collect(MlirOperation op, void *userData) {
  Collect *c = userData;
  if (dlcOpIsA(op, "gpu.module") || dlcOpIsA(op, "gpu.launch"))
    return MlirWalkResultSkip;
  for (const char *const *name = c->names; *name; ++name)
    if (dlcOpIsA(op, *name)) {
      dlcOpsPush(c->ops, op);
      return c->outermost ? MlirWalkResultSkip : MlirWalkResultAdvance;
    }
  return MlirWalkResultAdvance;
}

void dlcCollectHostOps(MlirOperation root, const char *const *names, bool outermost,
                       DlcOps *ops) {
  Collect c = {names, outermost, ops};
  mlirOperationWalk(root, collect, &c, MlirWalkPreOrder);
}

bool dlcCheckBlockSize(MlirOperation module, MlirExternalPass externalPass, const char *pass,
                       int64_t blockSize) {
  if (blockSize >= 1 && blockSize <= 1024)
    return true;
  char message[128];
  snprintf(message, sizeof message, "%s: block-size must be between 1 and 1024", pass);
  mlirEmitError(mlirOperationGetLocation(module), message);
  mlirExternalPassSignalFailure(externalPass);
  return false;
}
