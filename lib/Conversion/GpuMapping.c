/* GpuMapping.c: `dlc-gpu-map-loops` turns each outermost scf.parallel of host code (what
 * convert-linalg-to-parallel-loops makes of one linalg op) into one gpu.launch: the
 * iteration space is linearized, cut into blocks of `block-size` threads, one thread per
 * iteration, the innermost dimension fastest (coalesced), the tail guarded by an scf.if.
 * Loops inside the parallel one (a column reduction's, a matmul's k) run in each thread.
 * Upstream's gpu-map-parallel-loops maps the outermost dimension to threads (strided
 * accesses) and its tiling leaves dynamic bounds that convert-parallel-loops-to-gpu
 * rejects; a linear mapping needs neither.
 *
 * Work left at the host level with no parallel loop (a reduction of every dimension that
 * dlc-gpu-map-reductions did not take, a fill of a 0-d buffer) touches device memory too:
 * each run of such ops becomes a launch of one thread. */
#include "Conversion/Gpu.h"
#include "Transforms/Layouts.h"
#include "Transforms/PassRegistry.h"

#include "mlir-c/BuiltinAttributes.h"

#include <stdlib.h>
#include <string.h>

/* The value of an index constant, or false if `v` is not one. */
static bool constantIndex(MlirValue v, int64_t *out) {
  if (!mlirValueIsAOpResult(v))
    return false;
  MlirOperation def = mlirOpResultGetOwner(v);
  MlirAttribute value = mlirOperationGetAttributeByName(def, dlcStr("value"));
  if (!dlcOpIsA(def, "arith.constant") || !mlirAttributeIsAInteger(value))
    return false;
  *out = mlirIntegerAttrGetValueInt(value);
  return true;
}

static MlirLogicalResult mapParallel(MlirRewriterBase rewriter, MlirOperation loop,
                                     int64_t blockSize) {
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(loop, 0));
  intptr_t rank = mlirBlockGetNumArguments(body);
  int64_t lbs[8], extents[8], steps[8], total = 1;
  if (rank > 8 || mlirOperationGetNumResults(loop) != 0) {
    mlirEmitError(mlirOperationGetLocation(loop),
                  "dlc-gpu-map-loops: parallel loops of rank > 8 or with results are not mapped");
    return mlirLogicalResultFailure();
  }
  for (intptr_t d = 0; d < rank; ++d) {
    int64_t ub;
    if (!constantIndex(mlirOperationGetOperand(loop, d), &lbs[d]) ||
        !constantIndex(mlirOperationGetOperand(loop, rank + d), &ub) ||
        !constantIndex(mlirOperationGetOperand(loop, 2 * rank + d), &steps[d]) || steps[d] <= 0) {
      mlirEmitError(mlirOperationGetLocation(loop),
                    "dlc-gpu-map-loops: a parallel loop needs static bounds and steps");
      return mlirLogicalResultFailure();
    }
    extents[d] = ub > lbs[d] ? (ub - lbs[d] + steps[d] - 1) / steps[d] : 0;
    total *= extents[d];
  }
  if (total > 0) {
    int64_t threads = total < blockSize ? total : blockSize;
    int64_t grid = (total + threads - 1) / threads;
    DlcLaunch l = dlcLaunchCreate(rewriter, loop, grid, threads, 0, NULL);
    MlirValue linear = dlcLaunchLinearId(&l, threads);
    MlirOperation anchor = mlirBlockGetTerminator(l.body);
    if (grid * threads != total) {
      MlirValue inRange = dlcCmpI(&l.b, DlcCmpIUlt, linear, dlcConstIndex(&l.b, total));
      MlirOperation guard = dlcLaunchIf(&l, inRange);
      anchor = mlirBlockGetTerminator(mlirRegionGetFirstBlock(mlirOperationGetRegion(guard, 0)));
    }
    MlirValue indices[8];
    dlcDelinearize(&l.b, linear, rank, extents, indices);
    for (intptr_t d = 0; d < rank; ++d) {
      MlirValue iv = indices[d];
      if (steps[d] != 1)
        iv = dlcBinary(&l.b, "arith.muli", iv, dlcConstIndex(&l.b, steps[d]));
      if (lbs[d] != 0)
        iv = dlcBinary(&l.b, "arith.addi", iv, dlcConstIndex(&l.b, lbs[d]));
      mlirValueReplaceAllUsesOfWith(mlirBlockGetArgument(body, d), iv);
    }
    dlcMoveBlockOps(rewriter, body, anchor);
  }
  mlirRewriterBaseEraseOp(rewriter, loop);
  return mlirLogicalResultSuccess();
}

/* ---- Serial work left at the host level ---------------------------------------------- */

static bool inRun(const DlcOps *run, MlirOperation op) {
  for (size_t i = 0; i < run->count; ++i)
    if (mlirOperationEqual(run->ops[i], op))
      return true;
  return false;
}

/* Whether `op` (in a function's entry block) reads or writes memory or computes from what
 * the current run loaded: such ops go to the device. */
static MlirWalkResult findLaunch(MlirOperation op, void *userData) {
  if (!dlcOpIsA(op, "gpu.launch"))
    return MlirWalkResultAdvance;
  *(bool *)userData = true;
  return MlirWalkResultInterrupt;
}

static bool isSerialWork(MlirOperation op, const DlcOps *run) {
  if (dlcOpIsA(op, "scf.for")) {
    /* A host loop around launches (a reduction over an outer dimension) stays. */
    bool launches = false;
    mlirOperationWalk(op, findLaunch, &launches, MlirWalkPreOrder);
    return !launches;
  }
  if (dlcOpIsA(op, "memref.load") || dlcOpIsA(op, "memref.store"))
    return true;
  const char *name = mlirIdentifierStr(mlirOperationGetName(op)).data;
  if (strncmp(name, "arith.", 6) && strncmp(name, "math.", 5))
    return false;
  for (intptr_t i = 0; i < mlirOperationGetNumOperands(op); ++i) {
    MlirValue v = mlirOperationGetOperand(op, i);
    if (mlirValueIsAOpResult(v) && inRun(run, mlirOpResultGetOwner(v)))
      return true;
  }
  return false;
}

/* The ancestor of `op` in `block` (op itself if it is there). */
static MlirOperation ancestorIn(MlirBlock block, MlirOperation op) {
  while (!mlirOperationIsNull(op) && !mlirBlockEqual(mlirOperationGetBlock(op), block))
    op = mlirOperationGetParentOperation(op);
  return op;
}

static MlirLogicalResult launchRun(MlirRewriterBase rewriter, MlirBlock block, DlcOps *run) {
  for (size_t i = 0; i < run->count; ++i)
    for (intptr_t r = 0; r < mlirOperationGetNumResults(run->ops[i]); ++r)
      for (MlirOpOperand use = mlirValueGetFirstUse(mlirOperationGetResult(run->ops[i], r));
           !mlirOpOperandIsNull(use); use = mlirOpOperandGetNextUse(use))
        if (!inRun(run, ancestorIn(block, mlirOpOperandGetOwner(use)))) {
          mlirEmitError(mlirOperationGetLocation(run->ops[i]),
                        "dlc-gpu-map-loops: a value computed on the device is used by host code");
          return mlirLogicalResultFailure();
        }
  DlcLaunch l = dlcLaunchCreate(rewriter, run->ops[0], 1, 1, 0, NULL);
  MlirOperation anchor = mlirBlockGetTerminator(l.body);
  for (size_t i = 0; i < run->count; ++i)
    mlirRewriterBaseMoveOpBefore(rewriter, run->ops[i], anchor);
  run->count = 0;
  return mlirLogicalResultSuccess();
}

static MlirOperation enclosingLaunch(MlirOperation op) {
  while (!mlirOperationIsNull(op) && !dlcOpIsA(op, "gpu.launch"))
    op = mlirOperationGetParentOperation(op);
  return op;
}

/* A host load whose value only kernels use (a scalar operand: a reduction's or a pad's
 * init read from a 0-d buffer) is loaded by each of those kernels instead. */
static bool sinkLoad(MlirOperation load) {
  for (MlirOpOperand use = mlirValueGetFirstUse(mlirOperationGetResult(load, 0));
       !mlirOpOperandIsNull(use); use = mlirOpOperandGetNextUse(use))
    if (mlirOperationIsNull(enclosingLaunch(mlirOpOperandGetOwner(use))))
      return false;
  MlirOpOperand use;
  while (!mlirOpOperandIsNull(use = mlirValueGetFirstUse(mlirOperationGetResult(load, 0)))) {
    MlirOperation user = mlirOpOperandGetOwner(use);
    MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(enclosingLaunch(user), 0));
    MlirOperation copy = mlirOperationClone(load);
    mlirBlockInsertOwnedOperation(body, 0, copy);
    mlirOperationSetOperand(user, mlirOpOperandGetOperandNumber(use),
                            mlirOperationGetResult(copy, 0));
  }
  mlirOperationDestroy(load);
  return true;
}

static MlirLogicalResult launchSerialWork(MlirRewriterBase rewriter, MlirOperation func) {
  MlirBlock block = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  DlcOps run = {NULL, 0, 0};
  MlirLogicalResult result = mlirLogicalResultSuccess();
  if (mlirBlockIsNull(block)) /* a declaration */
    return result;
  for (MlirOperation op = mlirBlockGetFirstOperation(block), next;
       !mlirOperationIsNull(op) && mlirLogicalResultIsSuccess(result); op = next) {
    next = mlirOperationGetNextInBlock(op);
    if (dlcOpIsA(op, "memref.load") && !run.count && sinkLoad(op))
      continue;
    if (isSerialWork(op, &run))
      dlcOpsPush(&run, op);
    else if (run.count)
      result = launchRun(rewriter, block, &run);
  }
  free(run.ops);
  return result;
}

static void runMapLoops(MlirOperation module, MlirExternalPass pass,
                        const DlcPassOptionValue *options) {
  int64_t blockSize = options[0].i;
  if (!dlcCheckBlockSize(module, pass, "dlc-gpu-map-loops", blockSize))
    return;
  static const char *const parallel[] = {"scf.parallel", NULL};
  DlcOps loops = {NULL, 0, 0};
  dlcCollectHostOps(module, parallel, true, &loops);
  MlirRewriterBase rewriter = mlirIRRewriterCreate(mlirOperationGetContext(module));
  MlirLogicalResult result = mlirLogicalResultSuccess();
  for (size_t i = 0; i < loops.count && mlirLogicalResultIsSuccess(result); ++i)
    result = mapParallel(rewriter, loops.ops[i], blockSize);
  MlirBlock top = mlirRegionGetFirstBlock(mlirOperationGetRegion(module, 0));
  for (MlirOperation op = mlirBlockGetFirstOperation(top);
       !mlirOperationIsNull(op) && mlirLogicalResultIsSuccess(result);
       op = mlirOperationGetNextInBlock(op))
    if (dlcOpIsA(op, "func.func"))
      result = launchSerialWork(rewriter, op);
  mlirIRRewriterDestroy(rewriter);
  free(loops.ops);
  dlcPassCheck(pass, result);
}

static const DlcPassOptionInfo mapLoopsOptions[] = {
    {"block-size", DlcPassOptionInt, "256", "threads per block (1 to 1024)"},
};

const DlcPassDef dlcGpuMapLoopsPass = {
    .info = {.argument = "dlc-gpu-map-loops",
             .summary = "Map each outermost scf.parallel of host code to one gpu.launch "
                        "(linearized, coalesced); serial leftovers to one-thread launches",
             .anchor = "builtin.module", .numOptions = 1, .options = mapLoopsOptions},
    .run = runMapLoops,
    .dependentDialects = dlcGpuKernelDialects,
};
