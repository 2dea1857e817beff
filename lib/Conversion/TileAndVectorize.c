/* TileAndVectorize.c: `dlc-tile-and-vectorize` schedules the linalg ops of a bufferized
 * module for the CPU with upstream's transform dialect. The pass picks the ops it can
 * schedule, tags each with `dlc.schedule = <n>`, writes a transform script as MLIR text
 * (one section per tagged op, tile sizes filled in, then one lowering section for every
 * function), applies it with upstream's interpreter and erases the tags.
 *
 * Matmul and batch_matmul: cache tiles, then a register block of `register-block` rows x
 * columns with a k step of `k-step`, vectorized into one vector.contract per block; after
 * fold-memref-alias-ops and CSE the accumulator's reads and writes are loop-invariant in
 * the k loop and hoist_redundant_vector_transfers keeps the block in registers across k;
 * the contraction becomes outer products and then vector.fma on rows of the block.
 * Elementwise loops and reductions are dlc-vectorize-memory-bound's, which runs first; the
 * vector.contract ops of dlc-vectorize-convolutions are lowered by the lowering section.
 *
 * Tiles are always full: masked vectorization of partial tiles does not lower cleanly in
 * MLIR 22 (masked broadcasting reads under vector.mask), so a dimension that is not a
 * multiple of its register tile gets the largest register tile that divides it (1024 rows
 * with 6-row blocks: 4-row blocks), and its cache tile a multiple of that. Each op's section
 * runs with failures suppressed, so an op the vectorizer refuses stays (tiled) loops. */
#include "Conversion/MatmulTiles.h"
#include "Transforms/Canonicalize.h"
#include "Transforms/PassRegistry.h"
#include "Support/Alloc.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"
#include "llvm-c/Core.h"
#include "llvm-c/TargetMachine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Options ---------------------------------------------------------------------------- */

typedef struct Schedule {
  int64_t cache[3];    /* m, n, k cache tile */
  int64_t block[3];    /* m, n, k register tile */
  bool parallel;       /* outer cache tiles as scf.forall (threads != 1) */
  int numOps;
  DlcScript script;
} Schedule;

bool dlcParseTileSizes(const char *text, int64_t *sizes, int count) {
  const char *s = text;
  for (int i = 0; i < count; ++i) {
    char *end;
    long long v = strtoll(s, &end, 10);
    if (end == s || v <= 0 || (i + 1 < count ? *end != 'x' : *end != '\0'))
      return false;
    sizes[i] = v;
    s = end + 1;
  }
  return true;
}

bool dlcParseRegisterBlock(const char *text, int64_t block[2]) {
  if (strcmp(text, "host") != 0)
    return dlcParseTileSizes(text, block, 2);
  char *features = LLVMGetHostCPUFeatures();
  bool avx512 = strstr(features, "+avx512f"), avx = strstr(features, "+avx");
  LLVMDisposeMessage(features);
  block[0] = avx512 || avx ? 8 : 4;
  block[1] = avx512 ? 32 : avx ? 16 : 8;
  return true;
}

/* ---- Picking ops ---------------------------------------------------------------------- */

/* The static shape of memref operand `i`, or rank -1 when it is not a static memref. */
static intptr_t staticShape(MlirOperation op, intptr_t i, int64_t *dims) {
  MlirType type = mlirValueGetType(mlirOperationGetOperand(op, i));
  if (!mlirTypeIsAMemRef(type) || !mlirShapedTypeHasStaticShape(type))
    return -1;
  intptr_t rank = mlirShapedTypeGetRank(type);
  for (intptr_t d = 0; d < rank && d < 8; ++d)
    dims[d] = mlirShapedTypeGetDimSize(type, d);
  return rank;
}

int64_t dlcMatmulCacheTile(int64_t dim, int64_t block, int64_t want) {
  for (int64_t t = want - want % block; t > block; t -= block)
    if (dim % t == 0)
      return t;
  return block;
}

static void tag(MlirOperation op, Schedule *s) {
  MlirContext ctx = mlirOperationGetContext(op);
  mlirOperationSetAttributeByName(
      op, dlcStr("dlc.schedule"), mlirIntegerAttrGet(mlirIntegerTypeGet(ctx, 64), s->numOps));
}

/* One section: match the tagged op, tile it once per level in `levels` (the first
 * `numForall` levels as scf.forall, the others as scf.for), vectorize. */
static void emitSection(Schedule *s, int numLevels, int numForall, const int64_t levels[][8],
                        intptr_t rank) {
  DlcScript *t = &s->script;
  dlcScriptf(t,
        "    transform.sequence %%root : !transform.any_op failures(suppress) {\n"
        "    ^bb0(%%r: !transform.any_op):\n"
        "      %%t0 = transform.structured.match attributes{dlc.schedule = %d} in %%r "
        ": (!transform.any_op) -> !transform.any_op\n",
        s->numOps);
  for (int level = 0; level < numLevels; ++level) {
    if (level < numForall) {
      dlcScriptf(t, "      %%t%d, %%forall%d = transform.structured.tile_using_forall %%t%d tile_sizes ",
            level + 1, level, level);
      dlcScriptSizes(t, levels[level], rank);
      dlcScriptf(t, " : (!transform.any_op) -> (!transform.any_op, !transform.any_op)\n");
      continue;
    }
    int numLoops = 0;
    for (intptr_t d = 0; d < rank; ++d)
      numLoops += levels[level][d] != 0;
    dlcScriptf(t, "      %%t%d, %%loops%d:%d = transform.structured.tile_using_for %%t%d tile_sizes ",
          level + 1, level, numLoops, level);
    dlcScriptSizes(t, levels[level], rank);
    dlcScriptf(t, " : (!transform.any_op) -> (!transform.any_op");
    for (int i = 0; i < numLoops; ++i)
      dlcScriptf(t, ", !transform.any_op");
    dlcScriptf(t, ")\n");
  }
  dlcScriptf(t,
        "      transform.structured.vectorize %%t%d : !transform.any_op\n"
        "    }\n",
        numLevels);
  ++s->numOps;
}

/* True when `op` is inside an scf.forall already (an epilogue fused by dlc-fuse-epilogues):
 * its tiles are then not parallelized again, which would nest parallel regions. */
static bool insideForall(MlirOperation op) {
  for (MlirOperation p = mlirOperationGetParentOperation(op); !mlirOperationIsNull(p);
       p = mlirOperationGetParentOperation(p))
    if (dlcOpIsA(p, "scf.forall"))
      return true;
  return false;
}

int64_t dlcLargestDivisorAtMost(int64_t n, int64_t most) {
  int64_t d = most < n ? most : n;
  while (n % d)
    --d;
  return d;
}

/* matmul (m, n, k) and batch_matmul (b, m, n, k): loop sizes from the output and lhs.
 * In parallel, the m x n cache tiles (and batches) are an scf.forall and the k cache tile
 * a loop inside it: k carries the accumulation, so it stays sequential. */
static void scheduleMatmul(MlirOperation op, Schedule *s, bool batched) {
  int64_t lhs[8], out[8];
  intptr_t lhsRank = staticShape(op, 0, lhs), outRank = staticShape(op, 2, out);
  intptr_t b = batched ? 1 : 0;
  if (lhsRank != 2 + b || outRank != 2 + b)
    return;
  int64_t loops[3] = {out[b], out[b + 1], lhs[b + 1]};
  int64_t levels[3][8] = {{0}};
  int p = s->parallel && !insideForall(op); /* the level of the sequential cache tile */
  int64_t blocks[3];
  for (int d = 0; d < 3; ++d)
    blocks[d] = dlcLargestDivisorAtMost(loops[d], s->block[d]);
  /* A row or column block of 1 (a matrix-vector product, 1 x 1 batches) is no register
   * block, and the lowering's rewrites do not converge on some of them: left to loops. */
  if (blocks[0] == 1 || blocks[1] == 1)
    return;
  for (int d = 0; d < 3; ++d) {
    int64_t block = blocks[d];
    levels[d < 2 ? 0 : p][b + d] = dlcMatmulCacheTile(loops[d], block, s->cache[d]);
    levels[p + 1][b + d] = block;
  }
  for (int level = 0; batched && level <= p + 1; ++level)
    levels[level][0] = level == 0;
  tag(op, s);
  emitSection(s, p + 2, p, (const int64_t(*)[8])levels, 3 + b);
}

static MlirWalkResult pickOps(MlirOperation op, void *userData) {
  Schedule *s = userData;
  if (dlcOpIsA(op, "linalg.matmul"))
    scheduleMatmul(op, s, false);
  else if (dlcOpIsA(op, "linalg.batch_matmul"))
    scheduleMatmul(op, s, true);
  return MlirWalkResultAdvance;
}

static MlirWalkResult untag(MlirOperation op, void *userData) {
  mlirOperationRemoveAttributeByName(op, dlcStr("dlc.schedule"));
  return MlirWalkResultAdvance;
}

/* The lowering of every function once the ops are vectorized: fold the vectorizer's
 * broadcasting reads into vector.contract, fold subviews into transfer indices and merge
 * duplicates (only then are the accumulator's transfers loop-invariant and hoistable),
 * hoist, and lower the vector ops to what convert-to-llvm takes: loads, stores, vector.fma.
 * Each later pattern set consumes what the one before produced; mixing them in one set lets
 * canonicalization rebuild 2-d vectors element by element. */
static const char loweringSection[] =
    "    %f = transform.structured.match ops{[\"func.func\"]} in %root "
    ": (!transform.any_op) -> !transform.any_op\n"
    "    transform.apply_patterns to %f {\n"
    "      transform.apply_patterns.vector.reduction_to_contract\n"
    "      transform.apply_patterns.vector.transfer_permutation_patterns\n"
    "      transform.apply_patterns.memref.fold_memref_alias_ops\n"
    "      transform.apply_patterns.canonicalization\n"
    "    } : !transform.any_op\n"
    "    transform.apply_cse to %f : !transform.any_op\n"
    "    %h = transform.structured.hoist_redundant_vector_transfers %f "
    ": (!transform.any_op) -> !transform.any_op\n"
    "    transform.apply_patterns to %h {\n"
    "      transform.apply_patterns.vector.lower_contraction lowering_strategy = \"outerproduct\"\n"
    "      transform.apply_patterns.vector.lower_masks\n"
    "      transform.apply_patterns.vector.rank_reducing_subview_patterns\n"
    "      transform.apply_patterns.vector.cast_away_vector_leading_one_dim\n"
    "    } : !transform.any_op\n"
    "    transform.apply_patterns to %h {\n"
    "      transform.apply_patterns.vector.transfer_permutation_patterns\n"
    "      transform.apply_patterns.vector.lower_multi_reduction lowering_strategy = "
    "\"innerparallel\"\n"
    "      transform.apply_patterns.vector.split_transfer_full_partial "
    "split_transfer_strategy = \"vector-transfer\"\n"
    "      transform.apply_patterns.vector.transfer_to_scf max_transfer_rank = 1 "
    "full_unroll = true\n"
    "      transform.apply_patterns.vector.lower_transfer max_transfer_rank = 1\n"
    "      transform.apply_patterns.vector.lower_shape_cast\n"
    "      transform.apply_patterns.vector.lower_transpose lowering_strategy = \"shuffle_1d\"\n"
    "    } : !transform.any_op\n"
    "    transform.apply_patterns to %h {\n"
    "      transform.apply_patterns.vector.lower_outerproduct\n"
    "      transform.apply_patterns.vector.lower_broadcast\n"
    "      transform.apply_patterns.vector.unroll_from_elements\n"
    "    } : !transform.any_op\n"
    "    transform.yield\n"
    "  }\n"
    "}\n";

enum { OptCacheTile, OptRegisterBlock, OptKStep, OptThreads, OptPrintScript };

static void runTileAndVectorize(MlirOperation root, MlirExternalPass pass,
                                const DlcPassOptionValue *options) {
  Schedule s = {.parallel = options[OptThreads].i != 1};
  int64_t block[2];
  if (!dlcParseTileSizes(options[OptCacheTile].s, s.cache, 3) ||
      !dlcParseRegisterBlock(options[OptRegisterBlock].s, block) || options[OptKStep].i <= 0 ||
      options[OptThreads].i < 0) {
    mlirEmitError(mlirOperationGetLocation(root),
                  "dlc-tile-and-vectorize: cache-tile must be MxNxK, register-block MxN or host, "
                  "k-step positive, threads at least 0");
    mlirExternalPassSignalFailure(pass);
    return;
  }
  s.block[0] = block[0];
  s.block[1] = block[1];
  s.block[2] = options[OptKStep].i;
  dlcCastExpandedBuffers(root);
  dlcScriptf(&s.script, "module attributes {transform.with_named_sequence} {\n"
                   "  transform.named_sequence @__transform_main("
                   "%%root: !transform.any_op {transform.readonly}) {\n");
  mlirOperationWalk(root, pickOps, &s, MlirWalkPreOrder);
  dlcScriptf(&s.script, "%s", loweringSection);
  if (options[OptPrintScript].b)
    fprintf(stderr, "%s", s.script.data);
  /* dlc-vectorize-convolutions' contractions are lowered here too, matmuls or not. */
  bool apply = s.numOps || dlcContainsOp(root, "vector.contract");
  MlirLogicalResult result =
      apply ? dlcScriptApply(root, dlcScriptText(&s.script), "dlc-tile-and-vectorize")
            : mlirLogicalResultSuccess();
  free(s.script.data);
  mlirOperationWalk(root, untag, NULL, MlirWalkPreOrder);
  dlcPassCheck(pass, result);
}

static const DlcPassOptionInfo tileAndVectorizeOptions[] = {
    {"cache-tile", DlcPassOptionString, DLC_MATMUL_CACHE_TILE,
     "matmul cache tile MxNxK (shrunk per op to a multiple of the register tile that divides "
     "the loop)"},
    {"register-block", DlcPassOptionString, DLC_MATMUL_REGISTER_BLOCK,
     "matmul register block MxN of the accumulator, or host: 8x32 with AVX-512, 8x16 with "
     "AVX2, 4x8 otherwise"},
    {"k-step", DlcPassOptionInt, "4", "matmul k step per register block"},
    {"threads", DlcPassOptionInt, "1",
     "1: every tile loop is scf.for; otherwise the matmul cache tiles are an scf.forall, "
     "which dlc-parallelize runs on threads"},
    {"print-script", DlcPassOptionBool, "false", "print the transform script to stderr"},
};

const DlcPassDef dlcTileAndVectorizePass = {
    .info = {.argument = "dlc-tile-and-vectorize",
             .summary = "Tile and vectorize bufferized matmuls (register blocks of FMAs) with a "
                        "transform-dialect script",
             .anchor = "builtin.module",
             .numOptions = sizeof tileAndVectorizeOptions / sizeof tileAndVectorizeOptions[0],
             .options = tileAndVectorizeOptions},
    .run = runTileAndVectorize,
    .dependentDialects = dlcScriptDialects,
};
