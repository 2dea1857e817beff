/* GpuMatmul.c: `dlc-gpu-tile-matmul` gives a contraction (a linalg.generic on buffers whose
 * last loop k is its only reduction, two inputs: A indexed by the row loop i and k, B by k
 * and the column loop j; outer loops are batch dimensions) a shared-memory tiled kernel:
 * one block of tile x tile threads per output tile, one thread per output element. For
 * each k step the block stages a tile of A and of B in workgroup memory (each thread
 * loads one element of each, consecutive threads consecutive elements), synchronizes, and
 * every thread folds the tile's k values into its accumulator with the generic's own body;
 * so each input element is read from global memory once per tile instead of once per
 * output element. Edges: loads are clamped into range, the k loop stops at K and threads
 * outside the output store nothing. f16 and bf16 contractions that are plain multiply-adds
 * of extents divisible by 16 get a tensor-core kernel instead (GpuMatmulMma.c) when the
 * `chip` has the tensor cores for them. */
#include "Conversion/GpuMatmul.h"
#include "Transforms/PassRegistry.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"
#include "mlir-c/Dialect/Arith.h"
#include "mlir-c/Dialect/GPU.h"
#include "mlir-c/Dialect/LLVM.h"
#include "mlir-c/Dialect/NVVM.h"
#include "mlir-c/Dialect/SCF.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Whether `g` is a contraction this pass tiles; `*a` gets the input indexed by i and k (the
 * other one, by k and j, is B). */
static bool matchContraction(const DlcGeneric *g, intptr_t *a) {
  intptr_t n = g->numLoops, i = n - 3, j = n - 2, k = n - 1;
  if (n < 3 || g->numInputs != 2)
    return false;
  for (intptr_t d = 0; d < n; ++d)
    if (g->reduction[d] != (d == k))
      return false;
  for (intptr_t x = 0; x < 2; ++x)
    if (!mlirTypeIsAMemRef(mlirValueGetType(g->operands[x])))
      return false;
  *a = dlcMapUsesLoop(g->maps[0], i) ? 0 : 1;
  MlirAffineMap mapA = g->maps[*a], mapB = g->maps[1 - *a];
  return dlcMapUsesLoop(mapA, i) && dlcMapUsesLoop(mapA, k) && !dlcMapUsesLoop(mapA, j) &&
         dlcMapUsesLoop(mapB, k) && dlcMapUsesLoop(mapB, j) && !dlcMapUsesLoop(mapB, i) &&
         dlcMapUsesLoop(g->maps[2], i) && dlcMapUsesLoop(g->maps[2], j);
}

static MlirValue minIndex(DlcBuilder *b, MlirValue x, int64_t hi) {
  return dlcBinary(b, "arith.minui", x, dlcConstIndex(b, hi));
}

static MlirValue build(DlcBuilder *b, const char *name, MlirValue x, MlirValue y) {
  return dlcBinary(b, name, x, y);
}

void dlcStoreTile(DlcBuilder *b, MlirValue tile, MlirValue value, MlirValue row, MlirValue col) {
  MlirValue operands[] = {value, tile, row, col};
  dlcBuildRegionOp(b, "memref.store", 0, NULL, 4, operands, 0, NULL, 0, -1, NULL, NULL);
}

MlirValue dlcLoadTile(DlcBuilder *b, MlirValue tile, MlirValue row, MlirValue col) {
  MlirValue operands[] = {tile, row, col};
  return dlcBuild(b, "memref.load", mlirShapedTypeGetElementType(mlirValueGetType(tile)), 3,
                  operands, 0, NULL);
}

void dlcBarrier(DlcBuilder *b) {
  dlcBuildRegionOp(b, "gpu.barrier", 0, NULL, 0, NULL, 0, NULL, 0, -1, NULL, NULL);
}

/* scf.for lb..ub step `step` carrying `init`; moves the insertion point into its body and
 * returns the op (its body's arguments: the index, the carried value). */
static MlirOperation buildFor(DlcBuilder *b, MlirValue lb, MlirValue ub, MlirValue step,
                              MlirValue init, MlirBlock *body) {
  MlirType type = mlirValueGetType(init);
  MlirValue operands[] = {lb, ub, step, init};
  MlirType args[] = {mlirIndexTypeGet(b->ctx), type};
  MlirOperation op =
      dlcBuildRegionOp(b, "scf.for", 1, &type, 4, operands, 0, NULL, 1, 2, args, body);
  mlirRewriterBaseSetInsertionPointToEnd(b->rewriter, *body);
  return op;
}

static MlirOperation yield(DlcBuilder *b, MlirValue value) {
  return dlcBuildRegionOp(b, "scf.yield", 0, NULL, 1, &value, 0, NULL, 0, -1, NULL, NULL);
}

static void tileContraction(MlirRewriterBase rewriter, const DlcGeneric *g, intptr_t a,
                            int64_t tile) {
  intptr_t n = g->numLoops, i = n - 3, j = n - 2, k = n - 1;
  int64_t rows = g->extents[i], cols = g->extents[j], depth = g->extents[k];
  int64_t gridExtents[DlcGpuMaxLoops], grid = 1;
  for (intptr_t d = 0; d < i; ++d)
    gridExtents[d] = g->extents[d];
  gridExtents[i] = (rows + tile - 1) / tile;
  gridExtents[j] = (cols + tile - 1) / tile;
  for (intptr_t d = 0; d <= j; ++d)
    grid *= gridExtents[d];
  MlirContext ctx = mlirOperationGetContext(g->op);
  MlirAttribute workgroup = mlirAttributeParseGet(ctx, dlcStr("#gpu.address_space<workgroup>"));
  int64_t shape[] = {tile, tile};
  MlirType tiles[2];
  for (intptr_t x = 0; x < 2; ++x)
    tiles[x] = mlirMemRefTypeGet(mlirShapedTypeGetElementType(mlirValueGetType(g->operands[x])),
                                 2, shape, mlirAttributeGetNull(), workgroup);
  DlcLaunch l = dlcLaunchCreate(rewriter, g->op, grid, tile * tile, 2, tiles);
  DlcBuilder *b = &l.b;
  MlirValue tileA = l.workgroup[a], tileB = l.workgroup[1 - a];

  /* This thread's output element: block (batch..., tile row, tile column), thread (ty, tx). */
  MlirValue ivs[DlcGpuMaxLoops], clamped[DlcGpuMaxLoops];
  dlcDelinearize(b, l.blockId, j + 1, gridExtents, ivs);
  MlirValue size = dlcConstIndex(b, tile);
  MlirValue ty = build(b, "arith.divui", l.threadId, size);
  MlirValue tx = build(b, "arith.remui", l.threadId, size);
  ivs[i] = build(b, "arith.addi", build(b, "arith.muli", ivs[i], size), ty);
  ivs[j] = build(b, "arith.addi", build(b, "arith.muli", ivs[j], size), tx);
  for (intptr_t d = 0; d < i; ++d)
    clamped[d] = ivs[d];
  clamped[i] = minIndex(b, ivs[i], rows - 1);
  clamped[j] = minIndex(b, ivs[j], cols - 1);
  MlirValue acc = dlcLoadOperand(b, g, g->numInputs, clamped);

  MlirBlock outer, inner;
  MlirOperation kLoop = buildFor(b, dlcConstIndex(b, 0), dlcConstIndex(b, depth), size, acc,
                                 &outer);
  MlirValue kt = mlirBlockGetArgument(outer, 0);
  /* Stage A[i = row, k = kt + tx] and B[k = kt + ty, j = col]. */
  clamped[k] = minIndex(b, build(b, "arith.addi", kt, tx), depth - 1);
  dlcStoreTile(b, tileA, dlcLoadOperand(b, g, a, clamped), ty, tx);
  clamped[k] = minIndex(b, build(b, "arith.addi", kt, ty), depth - 1);
  dlcStoreTile(b, tileB, dlcLoadOperand(b, g, 1 - a, clamped), ty, tx);
  dlcBarrier(b);
  MlirValue steps = dlcBinary(b, "arith.minui", size,
                              build(b, "arith.subi", dlcConstIndex(b, depth), kt));
  MlirOperation kkLoop = buildFor(b, dlcConstIndex(b, 0), steps, dlcConstIndex(b, 1),
                                  mlirBlockGetArgument(outer, 1), &inner);
  MlirValue kk = mlirBlockGetArgument(inner, 0);
  MlirValue inputs[2];
  inputs[a] = dlcLoadTile(b, tileA, ty, kk);
  inputs[1 - a] = dlcLoadTile(b, tileB, kk, tx);
  ivs[k] = build(b, "arith.addi", kt, kk);
  MlirOperation innerYield = yield(b, inputs[0]);
  MlirValue next =
      dlcInlineBody(rewriter, g, inputs, mlirBlockGetArgument(inner, 1), ivs, innerYield);
  mlirOperationSetOperands(innerYield, 1, &next);
  mlirRewriterBaseSetInsertionPointAfter(rewriter, kkLoop);
  /* Nobody overwrites the tiles before every thread has read them. */
  dlcBarrier(b);
  yield(b, mlirOperationGetResult(kkLoop, 0));

  mlirRewriterBaseSetInsertionPointAfter(rewriter, kLoop);
  MlirValue inside = build(b, "arith.andi", dlcCmpI(b, DlcCmpIUlt, ivs[i], dlcConstIndex(b, rows)),
                           dlcCmpI(b, DlcCmpIUlt, ivs[j], dlcConstIndex(b, cols)));
  dlcLaunchIf(&l, inside);
  dlcStoreOutput(b, g, mlirOperationGetResult(kLoop, 0), ivs);
  mlirRewriterBaseEraseOp(rewriter, g->op);
}

static void runTileMatmul(MlirOperation module, MlirExternalPass pass,
                          const DlcPassOptionValue *options) {
  int64_t tile = options[0].i;
  if (!dlcCheckBlockSize(module, pass, "dlc-gpu-tile-matmul", tile * tile))
    return;
  /* sm_XY with an optional "a" (architecture-specific features) suffix. */
  const char *text = options[1].s;
  char *end = NULL;
  long chip = strncmp(text, "sm_", 3) ? 0 : strtol(text + 3, &end, 10);
  if (chip < 10 || chip > 999 || (strcmp(end, "") && strcmp(end, "a"))) {
    char message[160];
    snprintf(message, sizeof message,
             "dlc-gpu-tile-matmul: unknown GPU chip '%.64s': expected sm_XY (sm_80, sm_90a...)",
             options[1].s);
    mlirEmitError(mlirOperationGetLocation(module), message);
    mlirExternalPassSignalFailure(pass);
    return;
  }
  static const char *const generic[] = {"linalg.generic", NULL};
  DlcOps generics = {NULL, 0, 0};
  dlcCollectHostOps(module, generic, false, &generics);
  MlirRewriterBase rewriter = mlirIRRewriterCreate(mlirOperationGetContext(module));
  for (size_t x = 0; x < generics.count; ++x) {
    DlcGeneric g;
    intptr_t a;
    if (dlcReadGeneric(generics.ops[x], &g) && matchContraction(&g, &a) &&
        !dlcTileContractionMma(rewriter, &g, a, (int)chip))
      tileContraction(rewriter, &g, a, tile);
  }
  mlirIRRewriterDestroy(rewriter);
  free(generics.ops);
}

static const DlcPassOptionInfo tileOptions[] = {
    {"tile", DlcPassOptionInt, "16", "output tile edge; tile * tile threads per block (<= 1024)"},
    {"chip", DlcPassOptionString, "sm_90",
     "GPU architecture: f16 contractions use tensor cores (WMMA) from sm_70"},
};

/* The kernel dialects, and nvvm and llvm for bf16's mma.sync (GpuMatmulMma.c). */
static MlirDialectHandle (*const tileDialects[])(void) = {
    mlirGetDialectHandle__gpu__,  mlirGetDialectHandle__scf__, mlirGetDialectHandle__arith__,
    mlirGetDialectHandle__nvvm__, mlirGetDialectHandle__llvm__, NULL};

const DlcPassDef dlcGpuTileMatmulPass = {
    .info = {.argument = "dlc-gpu-tile-matmul",
             .summary = "Map contractions (matmul, batch matmul as linalg.generic on buffers) "
                        "to shared-memory tiled kernels",
             .anchor = "builtin.module", .numOptions = 2, .options = tileOptions},
    .run = runTileMatmul,
    .dependentDialects = tileDialects,
};
