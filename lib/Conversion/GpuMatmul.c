/* GpuMatmul.c: `dlc-gpu-tile-matmul` gives a contraction (a linalg.generic on buffers whose
 * last loop k is its only reduction, inputs on the A side indexed by the row loop i and k,
 * on the B side by k and the column loop j, others by k or batch loops only: the
 * elementwise producers fused into it; every other parallel loop is a batch dimension) a
 * shared-memory tiled kernel: one block of tile x tile threads per output tile, one thread
 * per output element. For each k step the block stages a tile of each A- and B-side input
 * in workgroup memory (each thread loads one element of each, consecutive threads
 * consecutive elements), synchronizes, and every thread folds the tile's k values into its
 * accumulator with the generic's own body; so each input element is read from global
 * memory once per tile instead of once per output element. Edges: loads are clamped into
 * range, the k loop stops at K and threads outside the output store nothing. A fill of the
 * whole output right before the contraction (its zeros) becomes the accumulators' initial
 * value instead of a kernel of its own, and an elementwise op right after it that reads
 * each output element where it writes (bias, activation, residual, a transposing copy: an
 * output fusion's epilogue) is applied as each element is stored, so an output fusion is
 * one kernel. f16 and bf16 contractions that are plain multiply-adds of extents divisible
 * by 16 get a tensor-core kernel instead (GpuMatmulMma.c) when the `chip` has the tensor
 * cores for them. */
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

/* Which operand tile an input is staged in: A's rows (indexed by i, maybe k), B's columns
 * (by j, maybe k), or neither (by k or batch loops only: a bias of the lhs fused in, read
 * straight from global memory in the k loop). */
typedef enum Side { SideA, SideB, SideNeither } Side;

/* Whether `g` is a contraction this pass tiles: its last loop k is its only reduction, the
 * output is indexed by a row loop i and the column loop j (the one before k), and every
 * input is on one side (elementwise producers fused in: A = q + bias, B = transpose(k) +
 * bias), with at least one input on each side and at most four staged. The row loop is
 * the innermost loop before j that the output and an input without j use: not always
 * the one right before j (a projection into heads, [s, k] x [k, h, d] -> [s, h, d], has
 * its head loop between s and d); every other parallel loop is a batch loop. Fills
 * `sides` and `*rowLoop`. */
static bool matchContraction(const DlcGeneric *g, Side *sides, intptr_t *rowLoop) {
  intptr_t n = g->numLoops, i = -1, j = n - 2, k = n - 1;
  if (n < 3 || g->numInputs < 2)
    return false;
  for (intptr_t d = 0; d < n; ++d)
    if (g->reduction[d] != (d == k))
      return false;
  for (intptr_t d = j - 1; d >= 0 && i < 0; --d)
    for (intptr_t x = 0; x < g->numInputs && i < 0; ++x)
      if (dlcMapUsesLoop(g->maps[x], d) && !dlcMapUsesLoop(g->maps[x], j) &&
          dlcMapUsesLoop(g->maps[g->numInputs], d))
        i = d;
  if (i < 0)
    return false;
  *rowLoop = i;
  int count[3] = {0, 0, 0};
  for (intptr_t x = 0; x < g->numInputs; ++x) {
    if (!mlirTypeIsAMemRef(mlirValueGetType(g->operands[x])))
      return false;
    bool usesI = dlcMapUsesLoop(g->maps[x], i), usesJ = dlcMapUsesLoop(g->maps[x], j);
    if (usesI && usesJ)
      return false;
    sides[x] = usesI ? SideA : usesJ ? SideB : SideNeither;
    ++count[sides[x]];
  }
  return count[SideA] >= 1 && count[SideB] >= 1 && count[SideA] + count[SideB] <= 4 &&
         dlcMapUsesLoop(g->maps[g->numInputs], i) && dlcMapUsesLoop(g->maps[g->numInputs], j);
}

/* `op`'s ancestor in `block` (itself if it is there), or a null op. */
static MlirOperation ancestorIn(MlirOperation op, MlirBlock block) {
  while (!mlirOperationIsNull(op) && !mlirBlockEqual(mlirOperationGetBlock(op), block))
    op = mlirOperationGetParentOperation(op);
  return op;
}

/* The value that fill generic `fill` writes into every element of `out`, or a null value:
 * all-parallel over out's shape, a body that only yields a value from outside it (or its
 * scalar input). */
static MlirValue fillValue(MlirOperation fill, MlirValue out) {
  DlcGeneric f;
  if (!dlcReadGeneric(fill, &f) || !mlirValueEqual(f.operands[f.numInputs], out) ||
      f.numInputs > 1 || !mlirAffineMapIsIdentity(f.maps[f.numInputs]) ||
      f.numLoops != mlirShapedTypeGetRank(mlirValueGetType(out)))
    return (MlirValue){NULL};
  for (intptr_t d = 0; d < f.numLoops; ++d)
    if (f.reduction[d])
      return (MlirValue){NULL};
  MlirOperation yield = mlirBlockGetFirstOperation(f.body);
  if (!dlcOpIsA(yield, "linalg.yield") || mlirOperationGetNumOperands(yield) != 1)
    return (MlirValue){NULL};
  MlirValue v = mlirOperationGetOperand(yield, 0);
  if (!mlirValueIsABlockArgument(v))
    return f.numInputs == 0 ? v : (MlirValue){NULL};
  bool scalarInput = f.numInputs == 1 && mlirBlockEqual(mlirBlockArgumentGetOwner(v), f.body) &&
                     mlirBlockArgumentGetArgNumber(v) == 0 &&
                     !mlirTypeIsAShaped(mlirValueGetType(f.operands[0]));
  return scalarInput ? f.operands[0] : (MlirValue){NULL};
}

MlirValue dlcTakeOutputFill(const DlcGeneric *g, MlirOperation *fill) {
  MlirValue out = g->operands[g->numInputs];
  MlirAffineMap map = g->maps[g->numInputs];
  MlirType type = mlirValueGetType(out);
  intptr_t rank = mlirShapedTypeGetRank(type);
  if (!mlirValueIsAOpResult(out) || !dlcOpIsA(mlirOpResultGetOwner(out), "memref.alloc") ||
      mlirAffineMapGetNumResults(map) != rank)
    return (MlirValue){NULL};
  /* The contraction writes every element: its output map is distinct loops. */
  bool seen[DlcGpuMaxLoops] = {false};
  for (intptr_t r = 0; r < rank; ++r) {
    MlirAffineExpr e = mlirAffineMapGetResult(map, r);
    if (!mlirAffineExprIsADim(e) || seen[mlirAffineDimExprGetPosition(e)])
      return (MlirValue){NULL};
    seen[mlirAffineDimExprGetPosition(e)] = true;
  }
  /* One fill before the contraction and no other use of the buffer before it. */
  MlirBlock block = mlirOperationGetBlock(g->op);
  MlirOperation found = {NULL};
  MlirValue value = {NULL};
  for (MlirOpOperand use = mlirValueGetFirstUse(out); !mlirOpOperandIsNull(use);
       use = mlirOpOperandGetNextUse(use)) {
    MlirOperation user = ancestorIn(mlirOpOperandGetOwner(use), block);
    if (mlirOperationIsNull(user))
      return (MlirValue){NULL};
    if (mlirOperationEqual(user, g->op) || mlirOperationIsBeforeInBlock(g->op, user))
      continue;
    if (!mlirOperationIsNull(found))
      return (MlirValue){NULL};
    found = user;
    value = fillValue(user, out);
    if (mlirValueIsNull(value))
      return (MlirValue){NULL};
  }
  if (mlirValueIsNull(value) ||
      !mlirTypeEqual(mlirValueGetType(value), mlirShapedTypeGetElementType(type)))
    return (MlirValue){NULL};
  *fill = found;
  return value;
}

/* Whether `e` may be applied element by element as `g` stores its output `out`: all
 * parallel, reading `out` once (input `*input`) at exactly the element it writes (a map of
 * distinct loops covering out; other loops of extent 1), no other operand viewing `out`, an
 * output that no input of `g` views, and a body that ignores its output's old value. */
static bool isEpilogueOf(const DlcGeneric *g, const DlcGeneric *e, intptr_t *input) {
  MlirValue out = g->operands[g->numInputs], eOut = dlcRootBuffer(e->operands[e->numInputs]);
  *input = -1;
  for (intptr_t x = 0; x < e->numInputs; ++x) {
    if (mlirValueEqual(e->operands[x], out) && *input < 0)
      *input = x;
    else if (mlirValueEqual(dlcRootBuffer(e->operands[x]), out))
      return false;
  }
  if (*input < 0 || mlirValueEqual(eOut, out) ||
      !mlirOpOperandIsNull(mlirValueGetFirstUse(mlirBlockGetArgument(e->body, e->numInputs))) ||
      mlirAffineMapGetNumResults(e->maps[*input]) != mlirShapedTypeGetRank(mlirValueGetType(out)))
    return false;
  for (intptr_t x = 0; x < g->numInputs; ++x)
    if (mlirValueEqual(dlcRootBuffer(g->operands[x]), eOut))
      return false;
  bool used[DlcGpuMaxLoops] = {false};
  for (intptr_t r = 0; r < mlirAffineMapGetNumResults(e->maps[*input]); ++r) {
    MlirAffineExpr expr = mlirAffineMapGetResult(e->maps[*input], r);
    if (!mlirAffineExprIsADim(expr) || used[mlirAffineDimExprGetPosition(expr)])
      return false;
    used[mlirAffineDimExprGetPosition(expr)] = true;
  }
  for (intptr_t d = 0; d < e->numLoops; ++d)
    if (e->reduction[d] || (!used[d] && e->extents[d] != 1))
      return false;
  return true;
}

bool dlcFindEpilogue(const DlcGeneric *g, DlcEpilogue *ep) {
  MlirOperation op = mlirOperationGetNextInBlock(g->op);
  while (!mlirOperationIsNull(op) && dlcIsInertHostOp(op))
    op = mlirOperationGetNextInBlock(op);
  if (mlirOperationIsNull(op) || !dlcReadGeneric(op, &ep->e) ||
      !isEpilogueOf(g, &ep->e, &ep->input))
    return false;
  /* g's output is still needed where anything after g but the epilogue and deallocations
   * uses it (a fill before g does not read what g writes). */
  MlirValue out = g->operands[g->numInputs];
  MlirBlock block = mlirOperationGetBlock(g->op);
  ep->keepOutput = false;
  for (MlirOpOperand use = mlirValueGetFirstUse(out); !mlirOpOperandIsNull(use);
       use = mlirOpOperandGetNextUse(use)) {
    MlirOperation user = mlirOpOperandGetOwner(use), at = ancestorIn(user, block);
    bool before = !mlirOperationIsNull(at) && mlirOperationIsBeforeInBlock(at, g->op);
    ep->keepOutput = ep->keepOutput || !(before || mlirOperationEqual(user, g->op) ||
                                         mlirOperationEqual(user, op) ||
                                         dlcOpIsA(user, "memref.dealloc"));
  }
  /* The epilogue's operands are defined above the kernel. */
  for (MlirOperation m = mlirOperationGetNextInBlock(g->op), next; !mlirOperationEqual(m, op);
       m = next) {
    next = mlirOperationGetNextInBlock(m);
    mlirOperationMoveBefore(m, g->op);
  }
  return true;
}

void dlcStoreResult(DlcBuilder *b, const DlcGeneric *g, DlcEpilogue *ep, MlirValue value,
                    const MlirValue *ivs) {
  if (!ep || ep->keepOutput)
    dlcStoreOutput(b, g, value, ivs);
  if (!ep)
    return;
  const DlcGeneric *e = &ep->e;
  MlirAffineMap outMap = g->maps[g->numInputs], inMap = e->maps[ep->input];
  MlirValue eIvs[DlcGpuMaxLoops], inputs[DlcGpuMaxOperands];
  /* Loops the product does not index have extent 1. */
  for (intptr_t d = 0; d < e->numLoops; ++d)
    eIvs[d] = (MlirValue){NULL};
  for (intptr_t r = 0; r < mlirAffineMapGetNumResults(inMap); ++r)
    eIvs[mlirAffineDimExprGetPosition(mlirAffineMapGetResult(inMap, r))] =
        ivs[mlirAffineDimExprGetPosition(mlirAffineMapGetResult(outMap, r))];
  for (intptr_t d = 0; d < e->numLoops; ++d)
    if (mlirValueIsNull(eIvs[d]))
      eIvs[d] = dlcConstIndex(b, 0);
  for (intptr_t x = 0; x < e->numInputs; ++x)
    inputs[x] = x == ep->input ? value : dlcLoadOperand(b, e, x, eIvs);
  MlirOperation anchor = mlirBlockGetTerminator(mlirRewriterBaseGetInsertionBlock(b->rewriter));
  MlirValue result = dlcInlineBody(b->rewriter, e, inputs, value, eIvs, anchor);
  dlcStoreOutput(b, e, result, eIvs);
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

int64_t dlcContractionGrid(const DlcGeneric *g, intptr_t i, int64_t tileRows, int64_t tileCols,
                           int64_t *extents) {
  intptr_t j = g->numLoops - 2;
  int64_t blocks = 1;
  for (intptr_t d = 0; d <= j; ++d) {
    int64_t tileEdge = d == i ? tileRows : d == j ? tileCols : 1;
    extents[d] = (g->extents[d] + tileEdge - 1) / tileEdge;
    blocks *= extents[d];
  }
  return blocks;
}

/* Returns the epilogue it fused and erased, or a null op. */
static MlirOperation tileContraction(MlirRewriterBase rewriter, const DlcGeneric *g,
                                     const Side *sides, intptr_t i, int64_t tile) {
  intptr_t n = g->numLoops, j = n - 2, k = n - 1;
  int64_t rows = g->extents[i], cols = g->extents[j], depth = g->extents[k];
  int64_t gridExtents[DlcGpuMaxLoops];
  int64_t grid = dlcContractionGrid(g, i, tile, tile, gridExtents);
  MlirContext ctx = mlirOperationGetContext(g->op);
  MlirAttribute workgroup = mlirAttributeParseGet(ctx, dlcStr("#gpu.address_space<workgroup>"));
  int64_t shape[] = {tile, tile};
  /* One workgroup tile per staged input, in input order. */
  MlirType tiles[4];
  intptr_t tileOf[DlcGpuMaxOperands], numTiles = 0;
  for (intptr_t x = 0; x < g->numInputs; ++x) {
    tileOf[x] = sides[x] == SideNeither ? -1 : numTiles;
    if (sides[x] != SideNeither)
      tiles[numTiles++] =
          mlirMemRefTypeGet(mlirShapedTypeGetElementType(mlirValueGetType(g->operands[x])), 2,
                            shape, mlirAttributeGetNull(), workgroup);
  }
  DlcEpilogue epilogue;
  bool fused = dlcFindEpilogue(g, &epilogue);
  DlcLaunch l = dlcLaunchCreate(rewriter, g->op, grid, tile * tile, numTiles, tiles);
  DlcBuilder *b = &l.b;

  /* This thread's output element: block (batches and tiles in loop order), thread (ty, tx). */
  MlirValue ivs[DlcGpuMaxLoops], clamped[DlcGpuMaxLoops];
  dlcDelinearize(b, l.blockId, j + 1, gridExtents, ivs);
  MlirValue size = dlcConstIndex(b, tile);
  MlirValue ty = build(b, "arith.divui", l.threadId, size);
  MlirValue tx = build(b, "arith.remui", l.threadId, size);
  ivs[i] = build(b, "arith.addi", build(b, "arith.muli", ivs[i], size), ty);
  ivs[j] = build(b, "arith.addi", build(b, "arith.muli", ivs[j], size), tx);
  for (intptr_t d = 0; d < j; ++d)
    clamped[d] = ivs[d];
  clamped[i] = minIndex(b, ivs[i], rows - 1);
  clamped[j] = minIndex(b, ivs[j], cols - 1);
  MlirOperation fill = {NULL};
  MlirValue init = dlcTakeOutputFill(g, &fill);
  MlirValue acc = mlirValueIsNull(init) ? dlcLoadOperand(b, g, g->numInputs, clamped) : init;

  MlirBlock outer, inner;
  MlirOperation kLoop = buildFor(b, dlcConstIndex(b, 0), dlcConstIndex(b, depth), size, acc,
                                 &outer);
  MlirValue kt = mlirBlockGetArgument(outer, 0);
  /* Stage A-side inputs at [i = row, k = kt + tx], B-side ones at [k = kt + ty, j = col]. */
  for (Side side = SideA; side <= SideB; ++side) {
    clamped[k] = minIndex(b, build(b, "arith.addi", kt, side == SideA ? tx : ty), depth - 1);
    for (intptr_t x = 0; x < g->numInputs; ++x)
      if (sides[x] == side)
        dlcStoreTile(b, l.workgroup[tileOf[x]], dlcLoadOperand(b, g, x, clamped), ty, tx);
  }
  dlcBarrier(b);
  MlirValue steps = dlcBinary(b, "arith.minui", size,
                              build(b, "arith.subi", dlcConstIndex(b, depth), kt));
  MlirOperation kkLoop = buildFor(b, dlcConstIndex(b, 0), steps, dlcConstIndex(b, 1),
                                  mlirBlockGetArgument(outer, 1), &inner);
  MlirValue kk = mlirBlockGetArgument(inner, 0);
  ivs[k] = build(b, "arith.addi", kt, kk);
  MlirValue inputs[DlcGpuMaxOperands];
  for (intptr_t x = 0; x < g->numInputs; ++x)
    inputs[x] = sides[x] == SideA   ? dlcLoadTile(b, l.workgroup[tileOf[x]], ty, kk)
                : sides[x] == SideB ? dlcLoadTile(b, l.workgroup[tileOf[x]], kk, tx)
                                    : dlcLoadOperand(b, g, x, ivs);
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
  dlcStoreResult(b, g, fused ? &epilogue : NULL, mlirOperationGetResult(kLoop, 0), ivs);
  mlirRewriterBaseEraseOp(rewriter, g->op);
  if (!mlirOperationIsNull(fill))
    mlirRewriterBaseEraseOp(rewriter, fill);
  if (!fused)
    return (MlirOperation){NULL};
  mlirRewriterBaseEraseOp(rewriter, epilogue.e.op);
  return epilogue.e.op;
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
  /* A fused epilogue is a later generic of the list, erased: it is skipped. */
  MlirOperation erased = {NULL};
  for (size_t x = 0; x < generics.count; ++x) {
    DlcGeneric g;
    Side sides[DlcGpuMaxOperands];
    intptr_t rowLoop;
    if (mlirOperationEqual(generics.ops[x], erased))
      continue;
    if (dlcReadGeneric(generics.ops[x], &g) && matchContraction(&g, sides, &rowLoop) &&
        !(g.numInputs == 2 && dlcTileContractionMma(rewriter, &g, sides[0] == SideA ? 0 : 1,
                                                    rowLoop, (int)chip, &erased)))
      erased = tileContraction(rewriter, &g, sides, rowLoop, tile);
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
