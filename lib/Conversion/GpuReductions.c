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
 * reductions are left to the loop mapping (one thread per output element). */
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

/* A row reduction: the generic, its combiner and which combiner operand is the output. */
typedef struct Reduction {
  DlcGeneric g;
  MlirOperation combiner;
  intptr_t outOperand;
  const char *kind;
} Reduction;

static bool hasOneUse(MlirValue v) {
  MlirOpOperand use = mlirValueGetFirstUse(v);
  return !mlirOpOperandIsNull(use) && mlirOpOperandIsNull(mlirOpOperandGetNextUse(use));
}

/* Whether `generic` is a row reduction this pass maps; fills `r`. */
static bool matchRowReduction(MlirOperation generic, Reduction *r) {
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

static void mapReduction(MlirRewriterBase rewriter, Reduction *r, int64_t blockSize) {
  const DlcGeneric *g = &r->g;
  intptr_t numParallel = g->numLoops - 1;
  int64_t rows = 1, row = g->extents[numParallel];
  for (intptr_t d = 0; d < numParallel; ++d)
    rows *= g->extents[d];
  int64_t threads = row < blockSize ? row : blockSize;
  DlcLaunch l = dlcLaunchCreate(rewriter, g->op, rows, threads, 0, NULL);
  DlcBuilder *b = &l.b;
  MlirValue ivs[DlcGpuMaxLoops], inputs[DlcGpuMaxOperands];
  dlcDelinearize(b, l.blockId, numParallel, g->extents, ivs);
  MlirType element = mlirShapedTypeGetElementType(mlirValueGetType(g->operands[g->numInputs]));
  MlirValue zero = mlirTypeIsAF32(element) ? dlcConstFloat(b, element, 0)
                                           : dlcConstInt(b, element, 0);

  /* Each thread's partial result over elements tx, tx + threads, ... of its row. */
  MlirValue forOperands[] = {l.threadId, dlcConstIndex(b, row), dlcConstIndex(b, threads), zero};
  MlirType forArgs[] = {mlirIndexTypeGet(b->ctx), element};
  MlirBlock loop;
  MlirOperation forOp = dlcBuildRegionOp(b, "scf.for", 1, &element, 4, forOperands, 0, NULL, 1,
                                         2, forArgs, &loop);
  mlirRewriterBaseSetInsertionPointToEnd(rewriter, loop);
  ivs[numParallel] = mlirBlockGetArgument(loop, 0);
  for (intptr_t i = 0; i < g->numInputs; ++i)
    inputs[i] = dlcLoadOperand(b, g, i, ivs);
  MlirOperation yield =
      dlcBuildRegionOp(b, "scf.yield", 0, NULL, 0, NULL, 0, NULL, 0, -1, NULL, NULL);
  MlirValue combined =
      dlcInlineBody(rewriter, g, inputs, mlirBlockGetArgument(loop, 1), ivs, yield);
  mlirRewriterBaseSetInsertionPointBefore(rewriter, yield);
  MlirValue element0 = mlirOperationGetOperand(r->combiner, 1 - r->outOperand);
  MlirValue first = dlcCmpI(b, DlcCmpIEq, ivs[numParallel], l.threadId);
  MlirValue next = dlcSelect(b, first, element0, combined);
  mlirOperationSetOperands(yield, 1, &next);

  /* The block's combination, folded by thread 0 into the output element. */
  mlirRewriterBaseSetInsertionPointAfter(rewriter, forOp);
  char kind[48];
  snprintf(kind, sizeof kind, "#gpu<all_reduce_op %s>", r->kind);
  MlirNamedAttribute attrs[] = {
      dlcNamed(b->ctx, "op", mlirAttributeParseGet(b->ctx, dlcStr(kind))),
      dlcNamed(b->ctx, "uniform", mlirUnitAttrGet(b->ctx)),
  };
  MlirValue partial = mlirOperationGetResult(forOp, 0);
  MlirValue total = mlirOperationGetResult(
      dlcBuildRegionOp(b, "gpu.all_reduce", 1, &element, 1, &partial, 2, attrs, 1, -1, NULL, NULL),
      0);
  dlcLaunchIf(&l, dlcCmpI(b, DlcCmpIEq, l.threadId, dlcConstIndex(b, 0)));
  MlirOperation fold = mlirOperationClone(r->combiner);
  MlirValue foldOperands[2];
  foldOperands[r->outOperand] = dlcLoadOperand(b, g, g->numInputs, ivs);
  foldOperands[1 - r->outOperand] = total;
  mlirOperationSetOperands(fold, 2, foldOperands);
  dlcInsert(b, fold);
  dlcStoreOutput(b, g, mlirOperationGetResult(fold, 0), ivs);
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
    Reduction r;
    if (matchRowReduction(generics.ops[i], &r))
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
