/* GpuMatmulMma.c: dlc-gpu-tile-matmul's tensor-core kernel (GpuMatmul.h) for contractions
 * of f16 or bf16 inputs whose body is a plain multiply-add (in the input type, or the
 * inputs extended to f32 with an f32 output), accumulated in f32 whatever the output type.
 *
 * One warp computes one 16x16 output fragment; a block of up to 2x2 warps computes a
 * rows x cols tile (32 where the extent divides by 32, else 16). The block first copies
 * its output tile, converted to f32, into shared memory: the accumulators start from there
 * (so any output layout and element type works). Per k step of 16 it stages the A
 * (rows x 16) and B (16 x cols) slices in shared memory, consecutive threads on
 * consecutive columns, and each warp multiplies its fragments; at the end the accumulators
 * go back through shared memory and are stored converted to the output type. Extents must
 * divide by 16: the caller keeps the scalar kernel for the others.
 *
 * f16 uses the GPU dialect's warp-level MMA ops (gpu.subgroup_mma_*, lowered by
 * convert-gpu-to-nvvm to nvvm.wmma.*): their lane layout is MLIR's and the hardware's. MLIR
 * 22 has no such path for bf16 (gpu.mma_matrix rejects it, nvvm.wmma has no bf16 variant,
 * nvgpu.mma.sync cannot deduce bf16's PTX types), so bf16 calls nvvm.mma.sync m16n8k16 with
 * the lane layout of upstream MLIR's own mma.sync rewrite (see lhsOffsets). */
#include "Conversion/GpuMatmul.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

#include <string.h>

enum { Frag = 16, WarpSize = 32, Align = 32 };

/* The value `v` is, looking through an arith.extf and an arith.truncf: block argument
 * `arg`. */
static bool isArg(MlirValue v, MlirBlock body, intptr_t arg) {
  if (mlirValueIsAOpResult(v) && dlcOpIsA(mlirOpResultGetOwner(v), "arith.extf"))
    v = mlirOperationGetOperand(mlirOpResultGetOwner(v), 0);
  if (mlirValueIsAOpResult(v) && dlcOpIsA(mlirOpResultGetOwner(v), "arith.truncf"))
    v = mlirOperationGetOperand(mlirOpResultGetOwner(v), 0);
  return mlirValueIsABlockArgument(v) && mlirBlockEqual(mlirBlockArgumentGetOwner(v), body) &&
         mlirBlockArgumentGetArgNumber(v) == arg;
}

static bool isPair(MlirOperation op, MlirBlock body, intptr_t x, intptr_t y) {
  MlirValue l = mlirOperationGetOperand(op, 0), r = mlirOperationGetOperand(op, 1);
  return (isArg(l, body, x) && isArg(r, body, y)) || (isArg(l, body, y) && isArg(r, body, x));
}

/* The type input `x` is multiplied in: its own, or the f16/bf16 its only use truncates it
 * to (dhlo-bf16-rewrite's converts, fused into the contraction). */
static MlirType multipliedType(MlirBlock body, intptr_t x) {
  MlirValue arg = mlirBlockGetArgument(body, x);
  MlirOpOperand use = mlirValueGetFirstUse(arg);
  if (!mlirOpOperandIsNull(use) && mlirOpOperandIsNull(mlirOpOperandGetNextUse(use)) &&
      dlcOpIsA(mlirOpOperandGetOwner(use), "arith.truncf"))
    return mlirValueGetType(mlirOperationGetResult(mlirOpOperandGetOwner(use), 0));
  return mlirValueGetType(arg);
}

/* If `g`'s body is out + in0 * in1 (the inputs possibly truncated to f16/bf16 by
 * arith.truncf, then extended by arith.extf), with f16 or bf16 multiplied inputs and an
 * output of their type or f32: the multiplied type; else null. */
static MlirType multiplyAddInput(const DlcGeneric *g) {
  MlirBlock body = g->body;
  MlirType in = multipliedType(body, 0);
  MlirType out = mlirValueGetType(mlirBlockGetArgument(body, 2));
  if (!(mlirTypeIsAF16(in) || mlirTypeIsABF16(in)) || !mlirTypeEqual(in, multipliedType(body, 1)) ||
      !(mlirTypeEqual(out, in) || mlirTypeIsAF32(out)))
    return (MlirType){NULL};
  MlirOperation mul = {NULL}, add = {NULL};
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op)) {
    if (dlcOpIsA(op, "arith.extf") || dlcOpIsA(op, "arith.truncf")) {
      MlirValue x = mlirOperationGetOperand(op, 0);
      if (!isArg(x, body, 0) && !isArg(x, body, 1))
        return (MlirType){NULL};
    } else if (dlcOpIsA(op, "arith.mulf") && mlirOperationIsNull(mul)) {
      if (!isPair(op, body, 0, 1))
        return (MlirType){NULL};
      mul = op;
    } else if (dlcOpIsA(op, "arith.addf") && !mlirOperationIsNull(mul) &&
               mlirOperationIsNull(add)) {
      MlirValue l = mlirOperationGetOperand(op, 0), r = mlirOperationGetOperand(op, 1);
      MlirValue product = mlirOperationGetResult(mul, 0);
      if (!((isArg(l, body, 2) && mlirValueEqual(r, product)) ||
            (isArg(r, body, 2) && mlirValueEqual(l, product))))
        return (MlirType){NULL};
      add = op;
    } else if (dlcOpIsA(op, "linalg.yield")) {
      bool yieldsSum = !mlirOperationIsNull(add) && mlirValueEqual(mlirOperationGetOperand(op, 0),
                                                                   mlirOperationGetResult(add, 0));
      return yieldsSum ? in : (MlirType){NULL};
    } else {
      return (MlirType){NULL};
    }
  }
  return (MlirType){NULL};
}

static MlirType parseType(MlirContext ctx, const char *text) {
  return mlirTypeParseGet(ctx, dlcStr(text));
}

static MlirNamedAttribute leadDimension(MlirContext ctx, int64_t ld) {
  return dlcNamed(ctx, "leadDimension", mlirIntegerAttrGet(mlirIndexTypeGet(ctx), ld));
}

/* The fragment of `type` at [row, col] of workgroup buffer `tile` (row length `ld`). */
static MlirValue loadFragment(DlcBuilder *b, MlirType type, MlirValue tile, MlirValue row,
                              MlirValue col, int64_t ld) {
  MlirValue operands[] = {tile, row, col};
  MlirNamedAttribute attr = leadDimension(b->ctx, ld);
  return dlcBuild(b, "gpu.subgroup_mma_load_matrix", type, 3, operands, 1, &attr);
}

static void storeFragment(DlcBuilder *b, MlirValue fragment, MlirValue tile, MlirValue row,
                          MlirValue col, int64_t ld) {
  MlirValue operands[] = {fragment, tile, row, col};
  MlirNamedAttribute attr = leadDimension(b->ctx, ld);
  dlcBuildRegionOp(b, "gpu.subgroup_mma_store_matrix", 0, NULL, 4, operands, 1, &attr, 0, -1, NULL,
                   NULL);
}

/* Builds a loop over this thread's share of the elements of a tile `cols` wide and `count`
 * elements large: idx = threadId, threadId + threads, ...; consecutive threads take
 * consecutive columns. Moves the insertion point into the loop, writes the element's
 * [idx / cols, idx % cols] into `row`, `col` and returns the loop. */
static MlirOperation forEachElement(DlcBuilder *b, MlirValue threadId, int64_t threads,
                                    int64_t count, int64_t cols, MlirValue *row, MlirValue *col) {
  MlirOperation yield;
  MlirOperation loop = dlcBuildStridedFor(b, threadId, count, threads, (MlirValue){NULL}, &yield);
  MlirValue idx = mlirBlockGetArgument(mlirOperationGetBlock(yield), 0);
  *row = dlcBinary(b, "arith.divui", idx, dlcConstIndex(b, cols));
  *col = dlcBinary(b, "arith.remui", idx, dlcConstIndex(b, cols));
  return loop;
}

/* The kernel's geometry: block tile rows x cols, threads per block. */
typedef struct Shape {
  intptr_t i, j, k; /* loop positions */
  int64_t rows, cols, threads;
} Shape;

/* Copies the block's output tile (at loop indices `ivs`) into (`in`) or out of the f32
 * workgroup buffer `tile`, converting between f32 and the output type; `init`, when not
 * null, is the value of every output element (an absorbed fill), stored without a load;
 * out of the tile, elements are stored through `epilogue` unless it is null. */
static void copyOutputTile(DlcBuilder *b, const DlcGeneric *g, const Shape *s, MlirValue tile,
                           MlirValue threadId, const MlirValue *ivs, bool in, MlirValue init,
                           DlcEpilogue *epilogue) {
  MlirType f32 = mlirF32TypeGet(b->ctx);
  MlirType out = mlirShapedTypeGetElementType(mlirValueGetType(g->operands[g->numInputs]));
  MlirValue at[DlcGpuMaxLoops];
  memcpy(at, ivs, sizeof at);
  MlirValue row, col;
  MlirOperation loop =
      forEachElement(b, threadId, s->threads, s->rows * s->cols, s->cols, &row, &col);
  at[s->i] = dlcBinary(b, "arith.addi", ivs[s->i], row);
  at[s->j] = dlcBinary(b, "arith.addi", ivs[s->j], col);
  if (in) {
    MlirValue v = mlirValueIsNull(init) ? dlcLoadOperand(b, g, g->numInputs, at) : init;
    dlcStoreTile(b, tile, mlirTypeIsAF32(out) ? v : dlcCast(b, "arith.extf", v, f32), row, col);
  } else {
    MlirValue v = dlcLoadTile(b, tile, row, col);
    dlcStoreResult(b, g, epilogue, mlirTypeIsAF32(out) ? v : dlcCast(b, "arith.truncf", v, out),
                   at);
  }
  mlirRewriterBaseSetInsertionPointAfter(b->rewriter, loop);
}

/* Stages input `x`'s slice at k = `kt` into `tile`: A's (indexed by i and k) is
 * rows x 16 from row ivs[i], B's (k and j) 16 x cols from column ivs[j]. */
static void stageInput(DlcBuilder *b, const DlcGeneric *g, const Shape *s, intptr_t x, bool isA,
                       MlirValue tile, MlirValue threadId, const MlirValue *ivs, MlirValue kt) {
  int64_t tileCols = isA ? Frag : s->cols, count = (isA ? s->rows : s->cols) * Frag;
  intptr_t rowLoop = isA ? s->i : s->k, colLoop = isA ? s->k : s->j;
  MlirValue rowBase = isA ? ivs[s->i] : kt, colBase = isA ? kt : ivs[s->j];
  MlirValue at[DlcGpuMaxLoops];
  memcpy(at, ivs, sizeof at);
  MlirValue row, col;
  MlirOperation loop = forEachElement(b, threadId, s->threads, count, tileCols, &row, &col);
  at[rowLoop] = dlcBinary(b, "arith.addi", rowBase, row);
  at[colLoop] = dlcBinary(b, "arith.addi", colBase, col);
  MlirValue v = dlcLoadOperand(b, g, x, at);
  MlirType staged = mlirShapedTypeGetElementType(mlirValueGetType(tile));
  MlirType multiplied = mlirTypeIsAInteger(staged) ? mlirBF16TypeGet(b->ctx) : staged;
  if (!mlirTypeEqual(mlirValueGetType(v), multiplied))
    v = dlcCast(b, "arith.truncf", v, multiplied);
  dlcStoreTile(b, tile, mlirTypeIsAInteger(staged) ? dlcCast(b, "arith.bitcast", v, staged) : v,
               row, col);
  mlirRewriterBaseSetInsertionPointAfter(b->rewriter, loop);
}

/* One warp's part of the kernel: staged tiles, the origin [row, col] of its fragment in
 * tileC, and for mma.sync its lane's group (lane / 4) and pair (2 * (lane % 4)). */
typedef struct Warp {
  MlirValue tileA, tileB, tileC, row, col, group, pair;
  int64_t cols; /* the row length of tileB and tileC */
} Warp;

/* WMMA: the accumulator lives in a fragment, carried by the k loop. */
static MlirType accFragmentType(MlirContext ctx) {
  return parseType(ctx, "!gpu.mma_matrix<16x16xf32, \"COp\">");
}

static MlirValue wmmaStep(DlcBuilder *b, const Warp *w, MlirValue acc) {
  MlirValue zero = dlcConstIndex(b, 0);
  MlirValue operands[] = {
      loadFragment(b, parseType(b->ctx, "!gpu.mma_matrix<16x16xf16, \"AOp\">"), w->tileA, w->row,
                   zero, Frag),
      loadFragment(b, parseType(b->ctx, "!gpu.mma_matrix<16x16xf16, \"BOp\">"), w->tileB, zero,
                   w->col, w->cols),
      acc,
  };
  return dlcBuild(b, "gpu.subgroup_mma_compute", accFragmentType(b->ctx), 3, operands, 0, NULL);
}

/* mma.sync m16n8k16 (bf16): each lane holds fixed elements of the A, B and C fragments. The
 * offsets of those elements from (group, pair) for A and C, (pair, group) for B, in
 * register order, are upstream MLIR's (m16n8k16f16Lhs/Rhs/Res in NVGPUTransformOps.cpp,
 * and the same from getLaneIdAndValueIdToOperandCoord in NVGPU's MMAUtils.cpp), after the
 * PTX ISA's figures, which are the same for .f16 and .bf16; two 16-bit elements share a
 * register, the first in the low half. */
static const int64_t lhsOffsets[8][2] = {{0, 0}, {0, 1}, {8, 0}, {8, 1},
                                         {0, 8}, {0, 9}, {8, 8}, {8, 9}};
static const int64_t rhsOffsets[4][2] = {{0, 0}, {1, 0}, {8, 0}, {9, 0}};
static const int64_t accOffsets[4][2] = {{0, 0}, {0, 1}, {8, 0}, {8, 1}};

static MlirValue plus(DlcBuilder *b, MlirValue x, int64_t c) {
  return c ? dlcBinary(b, "arith.addi", x, dlcConstIndex(b, c)) : x;
}

/* Elements [row + offsets[e][0], col + offsets[e][1]] of `tile`, e < n. */
static void loadElements(DlcBuilder *b, MlirValue tile, MlirValue row, MlirValue col,
                         const int64_t (*offsets)[2], int n, MlirValue *values) {
  for (int e = 0; e < n; ++e)
    values[e] = dlcLoadTile(b, tile, plus(b, row, offsets[e][0]), plus(b, col, offsets[e][1]));
}

/* The i32 registers of `n` 16-bit elements at `offsets` from [row, col] of `tile` (i16). */
static void loadRegisters(DlcBuilder *b, MlirValue tile, MlirValue row, MlirValue col,
                          const int64_t (*offsets)[2], int n, MlirValue *registers) {
  MlirType i32 = mlirIntegerTypeGet(b->ctx, 32);
  MlirValue halves[8];
  loadElements(b, tile, row, col, offsets, n, halves);
  for (int r = 0; r < n / 2; ++r) {
    MlirValue lo = dlcCast(b, "arith.extui", halves[2 * r], i32);
    MlirValue hi = dlcCast(b, "arith.extui", halves[2 * r + 1], i32);
    hi = dlcBinary(b, "arith.shli", hi, dlcConstInt(b, i32, 16));
    registers[r] = dlcBinary(b, "arith.ori", lo, hi);
  }
}

/* The warp's 16x16 fragment as two m16n8k16 steps (n = 8 each) accumulated in place in the
 * f32 tileC: each lane reads and writes only its own accumulator elements. */
static void mmaSyncStep(DlcBuilder *b, const Warp *w) {
  MlirContext ctx = b->ctx;
  MlirValue operands[10], aRow = dlcBinary(b, "arith.addi", w->row, w->group);
  loadRegisters(b, w->tileA, aRow, w->pair, lhsOffsets, 8, operands);
  MlirType f32 = mlirF32TypeGet(ctx), result = parseType(ctx, "!llvm.struct<(f32, f32, f32, f32)>");
  int32_t segments[] = {4, 2, 4};
  MlirNamedAttribute attrs[] = {
      dlcNamed(ctx, "operandSegmentSizes", mlirDenseI32ArrayGet(ctx, 3, segments)),
      dlcNamed(ctx, "layoutA", mlirAttributeParseGet(ctx, dlcStr("#nvvm.mma_layout<row>"))),
      dlcNamed(ctx, "layoutB", mlirAttributeParseGet(ctx, dlcStr("#nvvm.mma_layout<col>"))),
      dlcNamed(ctx, "shape",
               mlirAttributeParseGet(ctx, dlcStr("#nvvm.shape<m = 16, n = 8, k = 16>"))),
      dlcNamed(ctx, "multiplicandAPtxType",
               mlirAttributeParseGet(ctx, dlcStr("#nvvm.mma_type<bf16>"))),
      dlcNamed(ctx, "multiplicandBPtxType",
               mlirAttributeParseGet(ctx, dlcStr("#nvvm.mma_type<bf16>"))),
  };
  for (int64_t half = 0; half < 2; ++half) {
    MlirValue n0 = plus(b, w->col, 8 * half);
    loadRegisters(b, w->tileB, w->pair, dlcBinary(b, "arith.addi", n0, w->group), rhsOffsets, 4,
                  operands + 4);
    MlirValue cCol = dlcBinary(b, "arith.addi", n0, w->pair);
    loadElements(b, w->tileC, aRow, cCol, accOffsets, 4, operands + 6);
    MlirValue d = dlcBuild(b, "nvvm.mma.sync", result, 10, operands, 6, attrs);
    for (int e = 0; e < 4; ++e) {
      MlirNamedAttribute position =
          dlcNamed(ctx, "position", mlirDenseI64ArrayGet(ctx, 1, (int64_t[]){e}));
      MlirValue v = dlcBuild(b, "llvm.extractvalue", f32, 1, &d, 1, &position);
      dlcStoreTile(b, w->tileC, v, plus(b, aRow, accOffsets[e][0]),
                   plus(b, cCol, accOffsets[e][1]));
    }
  }
}

/* Gives `l` the tiles of `types` in dynamic shared memory, one after the other, as `views`.
 * Not workgroup attributions: their globals are aligned for their element type only, and
 * WMMA loads and stores need 32-byte aligned fragments. NVVM aligns dynamic shared memory
 * to 16 bytes, so the first tile starts at the next multiple of 32 (every tile here is a
 * multiple of 32 bytes long). */
static void placeTiles(DlcBuilder *b, DlcLaunch *l, intptr_t n, const MlirType *types,
                       MlirValue *views) {
  int64_t offsets[4], bytes = 0;
  for (intptr_t t = 0; t < n; ++t) {
    offsets[t] = bytes;
    MlirType element = mlirShapedTypeGetElementType(types[t]);
    int64_t size = (mlirTypeIsAInteger(element) ? mlirIntegerTypeGetWidth(element)
                                                : mlirFloatTypeGetWidth(element)) /
                   8;
    for (intptr_t d = 0; d < mlirShapedTypeGetRank(types[t]); ++d)
      size *= mlirShapedTypeGetDimSize(types[t], d);
    bytes += size;
  }
  /* gpu.launch's dynamic shared memory size: the last operand segment. */
  mlirRewriterBaseSetInsertionPointBefore(b->rewriter, l->op);
  MlirValue operands[7];
  for (intptr_t i = 0; i < 6; ++i)
    operands[i] = mlirOperationGetOperand(l->op, i);
  operands[6] = dlcConstInt(b, mlirIntegerTypeGet(b->ctx, 32), bytes + Align);
  mlirOperationSetOperands(l->op, 7, operands);
  int32_t segments[] = {0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1};
  mlirOperationSetAttributeByName(l->op, dlcStr("operandSegmentSizes"),
                                  mlirDenseI32ArrayGet(b->ctx, 11, segments));
  mlirRewriterBaseSetInsertionPointBefore(b->rewriter, mlirBlockGetTerminator(l->body));
  int64_t dynamic = mlirShapedTypeGetDynamicSize();
  MlirType memoryType =
      mlirMemRefTypeGet(mlirIntegerTypeGet(b->ctx, 8), 1, &dynamic, mlirAttributeGetNull(),
                        mlirMemRefTypeGetMemorySpace(types[0]));
  MlirValue memory = dlcBuild(b, "gpu.dynamic_shared_memory", memoryType, 0, NULL, 0, NULL);
  MlirValue address = dlcBuild(b, "memref.extract_aligned_pointer_as_index",
                               mlirIndexTypeGet(b->ctx), 1, &memory, 0, NULL);
  MlirValue start =
      dlcBinary(b, "arith.andi", dlcBinary(b, "arith.subi", dlcConstIndex(b, 0), address),
                dlcConstIndex(b, Align - 1));
  for (intptr_t t = 0; t < n; ++t) {
    MlirValue viewOperands[] = {memory, plus(b, start, offsets[t])};
    views[t] = dlcBuild(b, "memref.view", types[t], 2, viewOperands, 0, NULL);
  }
}

static int64_t blockEdge(int64_t extent) { return extent % (2 * Frag) == 0 ? 2 * Frag : Frag; }

bool dlcTileContractionMma(MlirRewriterBase rewriter, const DlcGeneric *g, intptr_t a, intptr_t i,
                           int chip, MlirOperation *erased) {
  intptr_t n = g->numLoops;
  Shape s = {i, n - 2, n - 1, 0, 0, 0};
  int64_t rows = g->extents[s.i], cols = g->extents[s.j], depth = g->extents[s.k];
  MlirType input = multiplyAddInput(g);
  bool bf16 = !mlirTypeIsNull(input) && mlirTypeIsABF16(input);
  if (mlirTypeIsNull(input) || chip < (bf16 ? 80 : 70) || rows % Frag || cols % Frag ||
      depth % Frag)
    return false;
  s.rows = blockEdge(rows);
  s.cols = blockEdge(cols);
  int64_t warpCols = s.cols / Frag;
  s.threads = WarpSize * (s.rows / Frag) * warpCols;
  int64_t gridExtents[DlcGpuMaxLoops];
  int64_t grid = dlcContractionGrid(g, s.i, s.rows, s.cols, gridExtents);

  /* Staged inputs: f16 for WMMA, bf16's bits (i16) for mma.sync, which takes registers. */
  MlirContext ctx = mlirOperationGetContext(g->op);
  MlirAttribute workgroup = mlirAttributeParseGet(ctx, dlcStr("#gpu.address_space<workgroup>"));
  MlirType staged = bf16 ? mlirIntegerTypeGet(ctx, 16) : input;
  int64_t shapes[3][2] = {{s.rows, Frag}, {Frag, s.cols}, {s.rows, s.cols}};
  MlirType tiles[] = {
      mlirMemRefTypeGet(staged, 2, shapes[0], mlirAttributeGetNull(), workgroup),
      mlirMemRefTypeGet(staged, 2, shapes[1], mlirAttributeGetNull(), workgroup),
      mlirMemRefTypeGet(mlirF32TypeGet(ctx), 2, shapes[2], mlirAttributeGetNull(), workgroup),
  };
  DlcEpilogue epilogue;
  bool fused = dlcFindEpilogue(g, &epilogue);
  DlcLaunch l = dlcLaunchCreate(rewriter, g->op, grid, s.threads, 0, NULL);
  DlcBuilder *b = &l.b;
  MlirValue views[3];
  placeTiles(b, &l, 3, tiles, views);
  Warp w = {.tileA = views[0], .tileB = views[1], .tileC = views[2], .cols = s.cols};

  /* Block (batch..., tile row, tile column); warp (wr, wc) owns fragment [16 wr, 16 wc]. */
  MlirValue ivs[DlcGpuMaxLoops] = {{NULL}};
  dlcDelinearize(b, l.blockId, s.j + 1, gridExtents, ivs);
  ivs[s.i] = dlcBinary(b, "arith.muli", ivs[s.i], dlcConstIndex(b, s.rows));
  ivs[s.j] = dlcBinary(b, "arith.muli", ivs[s.j], dlcConstIndex(b, s.cols));
  MlirValue fragment = dlcConstIndex(b, Frag), warpSize = dlcConstIndex(b, WarpSize);
  MlirValue warp = dlcBinary(b, "arith.divui", l.threadId, warpSize);
  w.row = dlcBinary(b, "arith.muli", fragment,
                    dlcBinary(b, "arith.divui", warp, dlcConstIndex(b, warpCols)));
  w.col = dlcBinary(b, "arith.muli", fragment,
                    dlcBinary(b, "arith.remui", warp, dlcConstIndex(b, warpCols)));
  if (bf16) {
    MlirValue lane = dlcBinary(b, "arith.remui", l.threadId, warpSize), four = dlcConstIndex(b, 4);
    w.group = dlcBinary(b, "arith.divui", lane, four);
    w.pair =
        dlcBinary(b, "arith.muli", dlcBinary(b, "arith.remui", lane, four), dlcConstIndex(b, 2));
  }

  MlirOperation fill = {NULL};
  copyOutputTile(b, g, &s, w.tileC, l.threadId, ivs, true, dlcTakeOutputFill(g, &fill), NULL);
  dlcBarrier(b);
  MlirValue acc = bf16 ? (MlirValue){NULL}
                       : loadFragment(b, accFragmentType(ctx), w.tileC, w.row, w.col, s.cols);
  MlirOperation yield;
  MlirOperation kLoop = dlcBuildStridedFor(b, dlcConstIndex(b, 0), depth, Frag, acc, &yield);
  MlirBlock body = mlirOperationGetBlock(yield);
  MlirValue kt = mlirBlockGetArgument(body, 0);
  stageInput(b, g, &s, a, true, w.tileA, l.threadId, ivs, kt);
  stageInput(b, g, &s, 1 - a, false, w.tileB, l.threadId, ivs, kt);
  dlcBarrier(b);
  if (bf16) {
    mmaSyncStep(b, &w);
  } else {
    MlirValue next = wmmaStep(b, &w, mlirBlockGetArgument(body, 1));
    mlirOperationSetOperands(yield, 1, &next);
  }
  /* Nobody overwrites the slices before every warp has read its fragments. */
  dlcBarrier(b);
  mlirRewriterBaseSetInsertionPointAfter(rewriter, kLoop);

  if (!bf16)
    storeFragment(b, mlirOperationGetResult(kLoop, 0), w.tileC, w.row, w.col, s.cols);
  dlcBarrier(b);
  copyOutputTile(b, g, &s, w.tileC, l.threadId, ivs, false, (MlirValue){NULL},
                 fused ? &epilogue : NULL);
  mlirRewriterBaseEraseOp(rewriter, g->op);
  if (!mlirOperationIsNull(fill))
    mlirRewriterBaseEraseOp(rewriter, fill);
  *erased = (MlirOperation){NULL};
  if (fused) {
    mlirRewriterBaseEraseOp(rewriter, epilogue.e.op);
    *erased = epilogue.e.op;
  }
  return true;
}
