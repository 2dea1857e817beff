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
 * All-parallel linalg.generic (elementwise loops): innermost dimension tiled by
 * `vector-width`, every other by 1, and vectorized.
 *
 * Only ops whose tiles are all full are scheduled (every dimension a multiple of its
 * register tile): masked vectorization of partial tiles does not lower cleanly in MLIR 22
 * (masked broadcasting reads under vector.mask). Other ops stay loops. Each op's section
 * runs with failures suppressed, so an op the vectorizer refuses stays (tiled) loops. */
#include "Transforms/PassRegistry.h"
#include "Support/Alloc.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Dialect/Transform/Interpreter.h"
#include "mlir-c/Dialect/Affine.h"
#include "mlir-c/Dialect/Linalg.h"
#include "mlir-c/Dialect/MemRef.h"
#include "mlir-c/Dialect/SCF.h"
#include "mlir-c/Dialect/Transform.h"
#include "mlir-c/Dialect/UB.h"
#include "mlir-c/Dialect/Vector.h"
#include "mlir-c/Diagnostics.h"
#include "mlir-c/Dialect/Arith.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Script text ---------------------------------------------------------------------- */

typedef struct Text {
  char *data;
  size_t length, capacity;
} Text;

static void textf(Text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void textf(Text *t, const char *fmt, ...) {
  for (;;) {
    va_list ap;
    va_start(ap, fmt);
    size_t room = t->capacity - t->length;
    int n = vsnprintf(t->data ? t->data + t->length : NULL, room, fmt, ap);
    va_end(ap);
    if (n >= 0 && (size_t)n < room) {
      t->length += (size_t)n;
      return;
    }
    t->capacity = 2 * t->capacity + (size_t)(n > 0 ? n : 0) + 256;
    t->data = dlcRealloc(t->data, t->capacity);
  }
}

/* ---- Options ---------------------------------------------------------------------------- */

typedef struct Schedule {
  int64_t cache[3];    /* m, n, k cache tile */
  int64_t block[3];    /* m, n, k register tile */
  int64_t vectorWidth; /* elementwise tile of the innermost dimension */
  int numOps;
  Text script;
} Schedule;

/* Parses "AxBxC..." into exactly `count` positive sizes. */
static bool parseSizes(const char *text, int64_t *sizes, int count) {
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

/* ---- Picking ops ---------------------------------------------------------------------- */

static bool isNamed(MlirOperation op, const char *name) {
  return mlirStringRefEqual(mlirIdentifierStr(mlirOperationGetName(op)), dlcStr(name));
}

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

/* The largest multiple of `block` that divides `dim` and is at most `want` (or `block`). */
static int64_t cacheTile(int64_t dim, int64_t block, int64_t want) {
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

static void sizesText(Text *t, const int64_t *sizes, intptr_t count) {
  textf(t, "[");
  for (intptr_t i = 0; i < count; ++i)
    textf(t, "%s%lld", i ? ", " : "", (long long)sizes[i]);
  textf(t, "]");
}

/* One section: match the tagged op, tile it once per level in `levels`, vectorize. */
static void emitSection(Schedule *s, int numLevels, const int64_t levels[][8], intptr_t rank) {
  Text *t = &s->script;
  textf(t,
        "    transform.sequence %%root : !transform.any_op failures(suppress) {\n"
        "    ^bb0(%%r: !transform.any_op):\n"
        "      %%t0 = transform.structured.match attributes{dlc.schedule = %d} in %%r "
        ": (!transform.any_op) -> !transform.any_op\n",
        s->numOps);
  for (int level = 0; level < numLevels; ++level) {
    int numLoops = 0;
    for (intptr_t d = 0; d < rank; ++d)
      numLoops += levels[level][d] != 0;
    textf(t, "      %%t%d, %%loops%d:%d = transform.structured.tile_using_for %%t%d tile_sizes ",
          level + 1, level, numLoops, level);
    sizesText(t, levels[level], rank);
    textf(t, " : (!transform.any_op) -> (!transform.any_op");
    for (int i = 0; i < numLoops; ++i)
      textf(t, ", !transform.any_op");
    textf(t, ")\n");
  }
  textf(t,
        "      transform.structured.vectorize %%t%d : !transform.any_op\n"
        "    }\n",
        numLevels);
  ++s->numOps;
}

/* matmul (m, n, k) and batch_matmul (b, m, n, k): loop sizes from the output and lhs. */
static void scheduleMatmul(MlirOperation op, Schedule *s, bool batched) {
  int64_t lhs[8], out[8];
  intptr_t lhsRank = staticShape(op, 0, lhs), outRank = staticShape(op, 2, out);
  intptr_t b = batched ? 1 : 0;
  if (lhsRank != 2 + b || outRank != 2 + b)
    return;
  int64_t loops[3] = {out[b], out[b + 1], lhs[b + 1]};
  int64_t levels[2][8] = {{0}};
  for (int d = 0; d < 3; ++d) {
    if (loops[d] % s->block[d])
      return; /* a partial register tile: left to loops (see the file comment) */
    levels[0][b + d] = cacheTile(loops[d], s->block[d], s->cache[d]);
    levels[1][b + d] = s->block[d];
  }
  if (batched)
    levels[0][0] = levels[1][0] = 1;
  tag(op, s);
  emitSection(s, 2, (const int64_t(*)[8])levels, 3 + b);
}

static void appendText(MlirStringRef piece, void *userData) {
  textf(userData, "%.*s", (int)piece.length, piece.data);
}

/* A linalg.generic whose loops are all parallel: its iterator_types (which print as
 * [#linalg.iterator_type<parallel>, ...]) name no reduction. */
static bool isAllParallel(MlirOperation op) {
  MlirAttribute iterators = mlirOperationGetAttributeByName(op, dlcStr("iterator_types"));
  if (mlirAttributeIsNull(iterators))
    return false;
  Text printed = {NULL, 0, 0};
  mlirAttributePrint(iterators, appendText, &printed);
  bool parallel = printed.data && !strstr(printed.data, "reduction");
  free(printed.data);
  return parallel;
}

static void scheduleElementwise(MlirOperation op, Schedule *s) {
  intptr_t numOperands = mlirOperationGetNumOperands(op);
  int64_t out[8];
  intptr_t rank = numOperands ? staticShape(op, numOperands - 1, out) : -1;
  if (rank < 1 || rank > 8 || out[rank - 1] % s->vectorWidth || !isAllParallel(op))
    return;
  for (intptr_t i = 0; i < numOperands; ++i)
    if (!mlirTypeIsAMemRef(mlirValueGetType(mlirOperationGetOperand(op, i))))
      return;
  int64_t levels[1][8];
  for (intptr_t d = 0; d < rank; ++d)
    levels[0][d] = d + 1 < rank ? 1 : s->vectorWidth;
  tag(op, s);
  emitSection(s, 1, (const int64_t(*)[8])levels, rank);
}

static MlirWalkResult pickOps(MlirOperation op, void *userData) {
  Schedule *s = userData;
  if (isNamed(op, "linalg.matmul"))
    scheduleMatmul(op, s, false);
  else if (isNamed(op, "linalg.batch_matmul"))
    scheduleMatmul(op, s, true);
  else if (isNamed(op, "linalg.generic"))
    scheduleElementwise(op, s);
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
    "    } : !transform.any_op\n"
    "    transform.yield\n"
    "  }\n"
    "}\n";

/* Parses the script and applies its entry @__transform_main to `root`. The script is a
 * module of its own, never inserted into the payload, so nothing is left to remove. */
static MlirLogicalResult applyScript(MlirOperation root, const Text *script) {
  MlirContext ctx = mlirOperationGetContext(root);
  MlirModule module =
      mlirModuleCreateParse(ctx, mlirStringRefCreate(script->data, script->length));
  if (mlirModuleIsNull(module)) {
    mlirEmitError(mlirOperationGetLocation(root),
                  "dlc-tile-and-vectorize: internal error: its transform script does not parse");
    return mlirLogicalResultFailure();
  }
  MlirOperation scriptOp = mlirModuleGetOperation(module);
  MlirOperation entry = mlirBlockGetFirstOperation(mlirModuleGetBody(module));
  MlirTransformOptions options = mlirTransformOptionsCreate();
  MlirLogicalResult result = mlirTransformApplyNamedSequence(root, entry, scriptOp, options);
  mlirTransformOptionsDestroy(options);
  mlirModuleDestroy(module);
  return result;
}

enum { OptCacheTile, OptRegisterBlock, OptKStep, OptVectorWidth, OptPrintScript };

static void runTileAndVectorize(MlirOperation root, MlirExternalPass pass,
                                const DlcPassOptionValue *options) {
  Schedule s = {.vectorWidth = options[OptVectorWidth].i};
  int64_t block[2];
  if (!parseSizes(options[OptCacheTile].s, s.cache, 3) ||
      !parseSizes(options[OptRegisterBlock].s, block, 2) || options[OptKStep].i <= 0 ||
      s.vectorWidth <= 0) {
    mlirEmitError(mlirOperationGetLocation(root),
                  "dlc-tile-and-vectorize: cache-tile must be MxNxK, register-block MxN, "
                  "k-step and vector-width positive");
    mlirExternalPassSignalFailure(pass);
    return;
  }
  s.block[0] = block[0];
  s.block[1] = block[1];
  s.block[2] = options[OptKStep].i;
  textf(&s.script, "module attributes {transform.with_named_sequence} {\n"
                   "  transform.named_sequence @__transform_main("
                   "%%root: !transform.any_op {transform.readonly}) {\n");
  mlirOperationWalk(root, pickOps, &s, MlirWalkPreOrder);
  textf(&s.script, "%s", loweringSection);
  if (options[OptPrintScript].b)
    fprintf(stderr, "%s", s.script.data);
  MlirLogicalResult result =
      s.numOps ? applyScript(root, &s.script) : mlirLogicalResultSuccess();
  free(s.script.data);
  mlirOperationWalk(root, untag, NULL, MlirWalkPreOrder);
  dlcPassCheck(pass, result);
}

static const DlcPassOptionInfo tileAndVectorizeOptions[] = {
    {"cache-tile", DlcPassOptionString, "64x256x256",
     "matmul cache tile MxNxK (shrunk per op to a multiple of the register tile that divides "
     "the loop)"},
    {"register-block", DlcPassOptionString, "8x32",
     "matmul register block MxN of the accumulator (8x32: 16 zmm on AVX-512; 6x16 for AVX2)"},
    {"k-step", DlcPassOptionInt, "4", "matmul k step per register block"},
    {"vector-width", DlcPassOptionInt, "16", "elementwise tile of the innermost dimension"},
    {"print-script", DlcPassOptionBool, "false", "print the transform script to stderr"},
};

static MlirDialectHandle (*const scheduleDialects[])(void) = {
    mlirGetDialectHandle__transform__, mlirGetDialectHandle__linalg__,
    mlirGetDialectHandle__vector__,    mlirGetDialectHandle__scf__,
    mlirGetDialectHandle__memref__,    mlirGetDialectHandle__arith__,
    mlirGetDialectHandle__affine__,    mlirGetDialectHandle__ub__,
    NULL};

const DlcPassDef dlcTileAndVectorizePass = {
    .info = {.argument = "dlc-tile-and-vectorize",
             .summary = "Tile and vectorize bufferized matmuls (register blocks of FMAs) and "
                        "elementwise loops with a transform-dialect script",
             .anchor = "builtin.module",
             .numOptions = sizeof tileAndVectorizeOptions / sizeof tileAndVectorizeOptions[0],
             .options = tileAndVectorizeOptions},
    .run = runTileAndVectorize,
    .dependentDialects = scheduleDialects,
};
