/* GpuReductions.c: `dlc-gpu-map-reductions` gives a linalg.generic on buffers that reduces
 * its last loop (a row reduction: sums, maxima of softmax and layer norm) a block-level
 * kernel: one block per output element (the parallel loops, linearized), whose threads
 * stride over the row, each folding its elements into a private accumulator, then combine
 * across the block with gpu.all_reduce (shuffles within warps and shared memory between
 * them, after NVVM lowering); thread 0 folds the result into the output element.
 *
 * The body must end in one combiner op of a kind gpu.all_reduce knows (addf, maximumf,
 * ...) taking the output element once; what feeds the other operand (an elementwise
 * producer fused into the reduction) runs per element. The block has min(block-size, row)
 * threads so that each thread owns at least one element: the first element starts its
 * accumulator (select on the first iteration), no identity value is needed. Other
 * reductions are left to the loop mapping (one thread per output element). The matcher and
 * the block reduction are shared (Gpu.h) with dlc-gpu-fuse-kernels, which runs first. */
#include "Conversion/Gpu.h"
#include "Transforms/PassRegistry.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* gpu.all_reduce's operation for a combiner op, NULL if it has none. */
static const char *allReduceKind(MlirOperation combiner) {
  static const char *const kinds[][2] = {
      {"arith.addf", "add"},           {"arith.addi", "add"},
      {"arith.mulf", "mul"},           {"arith.muli", "mul"},
      {"arith.maximumf", "maximumf"},  {"arith.minimumf", "minimumf"},
      {"arith.maxnumf", "maxnumf"},    {"arith.minnumf", "minnumf"},
      {"arith.maxsi", "maxsi"},        {"arith.minsi", "minsi"},
      {"arith.maxui", "maxui"},        {"arith.minui", "minui"},
      {"arith.andi", "and"},           {"arith.ori", "or"},
      {"arith.xori", "xor"},
  };
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; ++i)
    if (dlcOpIsA(combiner, kinds[i][0]))
      return kinds[i][1];
  return NULL;
}

static bool hasOneUse(MlirValue v) {
  MlirOpOperand use = mlirValueGetFirstUse(v);
  return !mlirOpOperandIsNull(use) && mlirOpOperandIsNull(mlirOpOperandGetNextUse(use));
}

bool dlcMatchRowReduction(MlirOperation generic, DlcRowReduction *r) {
  memset(r, 0, sizeof *r);
  DlcGeneric *g = &r->g;
  if (!dlcReadGeneric(generic, g))
    return false;
  for (intptr_t d = 0; d < g->numLoops; ++d)
    if (g->reduction[d] != (d == g->numLoops - 1))
      return false;
  /* all_reduce shuffles 32-bit values. */
  MlirType element = mlirShapedTypeGetElementType(mlirValueGetType(g->operands[g->numInputs]));
  if (!mlirTypeIsAF32(element) && !(mlirTypeIsAInteger(element) &&
                                    mlirIntegerTypeGetWidth(element) == 32))
    return false;
  MlirValue out = mlirBlockGetArgument(g->body, g->numInputs);
  MlirValue yielded = mlirOperationGetOperand(mlirBlockGetTerminator(g->body), 0);
  if (!mlirValueIsAOpResult(yielded) || !hasOneUse(out))
    return false;
  r->combiner = mlirOpResultGetOwner(yielded);
  r->kind = allReduceKind(r->combiner);
  if (!r->kind || mlirOperationGetNumOperands(r->combiner) != 2)
    return false;
  r->outOperand = mlirValueEqual(mlirOperationGetOperand(r->combiner, 0), out) ? 0 : 1;
  return mlirValueEqual(mlirOperationGetOperand(r->combiner, r->outOperand), out);
}

/* Every input from its buffer. */
static void loadInputs(DlcBuilder *b, const DlcGeneric *g, const MlirValue *ivs,
                       MlirValue *inputs, void *userData) {
  (void)userData;
  for (intptr_t i = 0; i < g->numInputs; ++i)
    inputs[i] = dlcLoadOperand(b, g, i, ivs);
}

MlirValue dlcBlockReduceRow(DlcLaunch *l, const DlcRowReduction *r, int64_t threads,
                            MlirValue *ivs, DlcInputLoader load, void *userData) {
  const DlcGeneric *g = &r->g;
  DlcBuilder *b = &l->b;
  intptr_t col = g->numLoops - 1;
  MlirType element = mlirShapedTypeGetElementType(mlirValueGetType(g->operands[g->numInputs]));
  MlirValue zero = mlirTypeIsAF32(element) ? dlcConstFloat(b, element, 0)
                                           : dlcConstInt(b, element, 0);

  /* Each thread's partial result over elements tx, tx + threads, ... of its row. */
  MlirOperation yield;
  MlirOperation forOp = dlcBuildStridedFor(b, l->threadId, g->extents[col], threads, zero, &yield);
  MlirBlock loop = mlirOperationGetBlock(yield);
  ivs[col] = mlirBlockGetArgument(loop, 0);
  MlirValue inputs[DlcGpuMaxOperands];
  load(b, g, ivs, inputs, userData);
  MlirValue combined =
      dlcInlineBody(b->rewriter, g, inputs, mlirBlockGetArgument(loop, 1), ivs, yield);
  mlirRewriterBaseSetInsertionPointBefore(b->rewriter, yield);
  MlirValue element0 = mlirOperationGetOperand(r->combiner, 1 - r->outOperand);
  MlirValue first = dlcCmpI(b, DlcCmpIEq, ivs[col], l->threadId);
  MlirValue next = dlcSelect(b, first, element0, combined);
  mlirOperationSetOperands(yield, 1, &next);

  /* The block's combination, which every thread gets. */
  mlirRewriterBaseSetInsertionPointAfter(b->rewriter, forOp);
  char kind[48];
  snprintf(kind, sizeof kind, "#gpu<all_reduce_op %s>", r->kind);
  MlirNamedAttribute attrs[] = {
      dlcNamed(b->ctx, "op", mlirAttributeParseGet(b->ctx, dlcStr(kind))),
      dlcNamed(b->ctx, "uniform", mlirUnitAttrGet(b->ctx)),
  };
  MlirValue partial = mlirOperationGetResult(forOp, 0);
  return mlirOperationGetResult(
      dlcBuildRegionOp(b, "gpu.all_reduce", 1, &element, 1, &partial, 2, attrs, 1, -1, NULL, NULL),
      0);
}

MlirValue dlcCombine(DlcBuilder *b, const DlcRowReduction *r, MlirValue acc, MlirValue value) {
  MlirOperation fold = mlirOperationClone(r->combiner);
  MlirValue operands[2];
  operands[r->outOperand] = acc;
  operands[1 - r->outOperand] = value;
  mlirOperationSetOperands(fold, 2, operands);
  return mlirOperationGetResult(dlcInsert(b, fold), 0);
}

/* One block per output element; thread 0 folds the block's total into it. */
static void mapReduction(MlirRewriterBase rewriter, DlcRowReduction *r, int64_t blockSize) {
  const DlcGeneric *g = &r->g;
  intptr_t numParallel = g->numLoops - 1;
  int64_t rows = 1, row = g->extents[numParallel];
  for (intptr_t d = 0; d < numParallel; ++d)
    rows *= g->extents[d];
  int64_t threads = row < blockSize ? row : blockSize;
  DlcLaunch l = dlcLaunchCreate(rewriter, g->op, rows, threads, 0, NULL);
  MlirValue ivs[DlcGpuMaxLoops];
  dlcDelinearize(&l.b, l.blockId, numParallel, g->extents, ivs);
  MlirValue total = dlcBlockReduceRow(&l, r, threads, ivs, loadInputs, NULL);
  dlcLaunchIf(&l, dlcCmpI(&l.b, DlcCmpIEq, l.threadId, dlcConstIndex(&l.b, 0)));
  MlirValue old = dlcLoadOperand(&l.b, g, g->numInputs, ivs);
  dlcStoreOutput(&l.b, g, dlcCombine(&l.b, r, old, total), ivs);
  mlirRewriterBaseEraseOp(rewriter, g->op);
}

static void runMapReductions(MlirOperation module, MlirExternalPass pass,
                             const DlcPassOptionValue *options) {
  int64_t blockSize = options[0].i;
  if (!dlcCheckBlockSize(module, pass, "dlc-gpu-map-reductions", blockSize))
    return;
  static const char *const generic[] = {"linalg.generic", NULL};
  DlcOps generics = {NULL, 0, 0};
  dlcCollectHostOps(module, generic, false, &generics);
  MlirRewriterBase rewriter = mlirIRRewriterCreate(mlirOperationGetContext(module));
  for (size_t i = 0; i < generics.count; ++i) {
    DlcRowReduction r;
    if (dlcMatchRowReduction(generics.ops[i], &r))
      mapReduction(rewriter, &r, blockSize);
  }
  mlirIRRewriterDestroy(rewriter);
  free(generics.ops);
}

static const DlcPassOptionInfo mapReductionsOptions[] = {
    {"block-size", DlcPassOptionInt, "256", "most threads per block (1 to 1024)"},
};

const DlcPassDef dlcGpuMapReductionsPass = {
    .info = {.argument = "dlc-gpu-map-reductions",
             .summary = "Map row reductions (linalg.generic on buffers reducing the last loop) "
                        "to block-level kernels with gpu.all_reduce",
             .anchor = "builtin.module", .numOptions = 1, .options = mapReductionsOptions},
    .run = runMapReductions,
    .dependentDialects = dlcGpuKernelDialects,
};
