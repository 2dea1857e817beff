/* VectorizeMemoryBound.c: `dlc-vectorize-memory-bound` schedules the memory-bound linalg ops
 * of a bufferized module for the CPU: all-parallel generics (fused elementwise loops), strided
 * copies (linalg.copy) and
 * reductions (linalg.reduce, generics with reduction loops: the max and sum of softmax and
 * layer norm). It tags each op it can schedule, writes one transform-dialect section per op
 * and a lowering section per function, and applies the script (TransformScript.h).
 *
 * Schedule of an op: made generic; the parallel loops outside the innermost one tiled by 1 in
 * an scf.forall (a 1-d loop in chunks of `chunk` elements), so that the threaded CPU
 * pipeline can spread them; every other loop tiled by 1 in scf.for but the innermost, tiled
 * by `vector-width` (loops of one iteration are left alone: an op already inside a row loop
 * gets no forall of its own); that loop is peeled, so a size that is not a multiple of the width (1000)
 * still runs its full tiles as vectors and only the remainder (8) as a shorter vector; then
 * each tile is vectorized. Loads and stores of an accumulator that the innermost loop does
 * not move are hoisted out of it (the reduction's accumulator stays in a register), and
 * reductions along the innermost loop become one vector.reduction per tile, marked `reassoc`
 * so that LLVM adds the lanes as a tree instead of one by one (the summation order changes,
 * as in every vectorized reduction). Matmuls are left to dlc-tile-and-vectorize, which runs
 * after this pass; an op the vectorizer refuses stays tiled loops (failures are
 * suppressed per op). */
#include "Conversion/TransformScript.h"
#include "Transforms/Canonicalize.h"
#include "Transforms/PassRegistry.h"

#include "mlir-c/AffineExpr.h"
#include "mlir-c/AffineMap.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MaxLoops = 8 };

/* The loops of one op: static bounds and which ones reduce. */
typedef struct Loops {
  intptr_t count;
  int64_t bounds[MaxLoops];
  bool reduction[MaxLoops];
} Loops;

typedef struct Schedule {
  int64_t width, chunk;
  int numOps;
  DlcScript script;
} Schedule;

/* Every operand a memref of static shape (the op is bufferized) whose elements are whole
 * bytes: LLVM stores a vector of i1 as packed bits, a memref of i1 holds one byte each. */
static bool staticByteMemrefs(MlirOperation op) {
  for (intptr_t i = 0; i < mlirOperationGetNumOperands(op); ++i) {
    MlirType type = mlirValueGetType(mlirOperationGetOperand(op, i));
    if (!mlirTypeIsAMemRef(type) || !mlirShapedTypeHasStaticShape(type) ||
        mlirShapedTypeGetRank(type) > MaxLoops)
      return false;
    MlirType element = mlirShapedTypeGetElementType(type);
    if (mlirTypeIsAInteger(element) && mlirIntegerTypeGetWidth(element) % 8 != 0)
      return false;
  }
  return mlirOperationGetNumOperands(op) > 0;
}

/* A body that reads its loop indices (iota, reverse through indices) vectorizes to
 * vector.step, which the CPU pipeline's LLVM conversions do not lower. */
static bool readsLoopIndices(MlirOperation op) { return dlcContainsOp(op, "linalg.index"); }

static void appendText(MlirStringRef piece, void *userData) {
  dlcScriptf(userData, "%.*s", (int)piece.length, piece.data);
}

static bool printsAsReduction(MlirAttribute iterator) {
  DlcScript printed = {NULL, 0, 0};
  mlirAttributePrint(iterator, appendText, &printed);
  bool reduction = printed.data && strstr(printed.data, "reduction");
  free(printed.data);
  return reduction;
}

/* A generic's loops: each bound read from an operand dimension that its indexing map sends
 * a loop to directly; iterator types (#linalg.iterator_type<...>) by their text, which is
 * all the C API offers. */
static bool genericLoops(MlirOperation op, Loops *loops) {
  MlirAttribute maps = mlirOperationGetAttributeByName(op, dlcStr("indexing_maps"));
  MlirAttribute iterators = mlirOperationGetAttributeByName(op, dlcStr("iterator_types"));
  if (mlirAttributeIsNull(maps) || mlirAttributeIsNull(iterators) ||
      mlirArrayAttrGetNumElements(maps) != mlirOperationGetNumOperands(op))
    return false;
  loops->count = mlirArrayAttrGetNumElements(iterators);
  if (loops->count < 1 || loops->count > MaxLoops)
    return false;
  for (intptr_t d = 0; d < loops->count; ++d) {
    loops->bounds[d] = -1;
    loops->reduction[d] = printsAsReduction(mlirArrayAttrGetElement(iterators, d));
  }
  for (intptr_t i = 0; i < mlirOperationGetNumOperands(op); ++i) {
    MlirAffineMap map = mlirAffineMapAttrGetValue(mlirArrayAttrGetElement(maps, i));
    if (!mlirAffineMapIsProjectedPermutation(map))
      return false; /* reverse (3 - d0), windows (d0 + d1): the tiler's bounds do not hold */
    MlirType type = mlirValueGetType(mlirOperationGetOperand(op, i));
    for (intptr_t r = 0; r < mlirAffineMapGetNumResults(map); ++r) {
      MlirAffineExpr e = mlirAffineMapGetResult(map, r);
      if (mlirAffineExprIsADim(e))
        loops->bounds[mlirAffineDimExprGetPosition(e)] = mlirShapedTypeGetDimSize(type, r);
    }
  }
  bool reduces = false, readsEveryLoop = false;
  for (intptr_t d = 0; d < loops->count; ++d) {
    if (loops->bounds[d] < 1)
      return false;
    reduces |= loops->reduction[d];
  }
  /* A memory-bound reduction reads one operand along every loop (softmax's row sum); a
   * contraction (a dot folded with a reshape) reads none so, and is dlc-tile-and-vectorize's:
   * the greedy rewrites after vectorizing one do not converge. */
  for (intptr_t i = 0; i + 1 < mlirOperationGetNumOperands(op); ++i) {
    MlirAffineMap map = mlirAffineMapAttrGetValue(mlirArrayAttrGetElement(maps, i));
    readsEveryLoop |= mlirAffineMapIsPermutation(map);
  }
  return !reduces || readsEveryLoop;
}

/* linalg.copy (dlc-strided-copy-to-linalg's, a fused tile written back into its place in
 * the result): the loops are the target's dimensions, all parallel. */
static bool copyLoops(MlirOperation op, Loops *loops) {
  MlirType target = mlirValueGetType(mlirOperationGetOperand(op, 1));
  loops->count = mlirShapedTypeGetRank(target);
  if (loops->count < 1 || loops->count > MaxLoops)
    return false;
  for (intptr_t d = 0; d < loops->count; ++d) {
    loops->bounds[d] = mlirShapedTypeGetDimSize(target, d);
    loops->reduction[d] = false;
  }
  return true;
}

/* linalg.reduce: the loops are the input's dimensions; `dimensions` reduce. */
static bool reduceLoops(MlirOperation op, Loops *loops) {
  MlirAttribute dims = mlirOperationGetAttributeByName(op, dlcStr("dimensions"));
  if (mlirOperationGetNumOperands(op) != 2 || mlirAttributeIsNull(dims) ||
      !mlirAttributeIsADenseI64Array(dims))
    return false;
  MlirType input = mlirValueGetType(mlirOperationGetOperand(op, 0));
  loops->count = mlirShapedTypeGetRank(input);
  if (loops->count < 1)
    return false;
  for (intptr_t d = 0; d < loops->count; ++d) {
    loops->bounds[d] = mlirShapedTypeGetDimSize(input, d);
    loops->reduction[d] = false;
  }
  for (intptr_t i = 0; i < mlirDenseArrayGetNumElements(dims); ++i)
    loops->reduction[mlirDenseI64ArrayGetElement(dims, i)] = true;
  return true;
}

/* The largest multiple of `width` that divides `bound` and is at most `want`, or 0. */
static int64_t chunkOf(int64_t bound, int64_t width, int64_t want) {
  for (int64_t c = want - want % width; c >= width; c -= width)
    if (bound % c == 0)
      return c;
  return 0;
}

/* One section (see the file comment). The tag is put back on the generic form, since
 * generalization makes a new op; tiling and peeling copy it to every tile. */
static void emitSection(Schedule *s, const Loops *loops) {
  intptr_t n = loops->count, inner = n - 1;
  int64_t forall[MaxLoops], tiles[MaxLoops];
  bool anyForall = false;
  int numFor = 0;
  for (intptr_t d = 0; d < n; ++d) {
    bool outerParallel = d < inner && !loops->reduction[d], unit = loops->bounds[d] == 1;
    forall[d] = outerParallel && !unit ? 1 : 0;
    tiles[d] = outerParallel || unit ? 0 : 1;
  }
  tiles[inner] = loops->bounds[inner] < s->width ? loops->bounds[inner] : s->width;
  if (n == 1 && !loops->reduction[0] && loops->bounds[0] > s->chunk)
    forall[0] = chunkOf(loops->bounds[0], s->width, s->chunk);
  for (intptr_t d = 0; d < n; ++d) {
    anyForall |= forall[d] != 0;
    numFor += tiles[d] != 0;
  }
  DlcScript *t = &s->script;
  dlcScriptf(t,
             "    transform.sequence %%root : !transform.any_op failures(suppress) {\n"
             "    ^bb0(%%r: !transform.any_op):\n"
             "      %%t0 = transform.structured.match attributes{dlc.vectorize = %d} in %%r "
             ": (!transform.any_op) -> !transform.any_op\n"
             "      %%g = transform.structured.generalize %%t0 "
             ": (!transform.any_op) -> !transform.any_op\n"
             "      %%tag = transform.param.constant %d : i64 -> !transform.param<i64>\n"
             "      transform.annotate %%g \"dlc.vectorize\" = %%tag "
             ": !transform.any_op, !transform.param<i64>\n",
             s->numOps, s->numOps);
  const char *tiled = "%g";
  if (anyForall) {
    dlcScriptf(t, "      %%p, %%forall = transform.structured.tile_using_forall %%g tile_sizes ");
    dlcScriptSizes(t, forall, n);
    dlcScriptf(t, " : (!transform.any_op) -> (!transform.any_op, !transform.any_op)\n");
    tiled = "%p";
  }
  dlcScriptf(t, "      %%t, %%loops:%d = transform.structured.tile_using_for %s tile_sizes ",
             numFor, tiled);
  dlcScriptSizes(t, tiles, n);
  dlcScriptf(t, " : (!transform.any_op) -> (!transform.any_op");
  for (int i = 0; i < numFor; ++i)
    dlcScriptf(t, ", !transform.any_op");
  dlcScriptf(t,
             ")\n"
             "      %%inner = transform.cast %%loops#%d : !transform.any_op to "
             "!transform.op<\"scf.for\">\n"
             "      %%main, %%rest = transform.loop.peel %%inner "
             ": (!transform.op<\"scf.for\">) -> (!transform.any_op, !transform.any_op)\n"
             "      %%f = transform.structured.match ops{[\"func.func\"]} in %%r "
             ": (!transform.any_op) -> !transform.any_op\n"
             "      transform.apply_patterns to %%f {\n"
             "        transform.apply_patterns.canonicalization\n"
             "      } : !transform.any_op\n"
             "      %%v = transform.structured.match attributes{dlc.vectorize = %d} in %%r "
             ": (!transform.any_op) -> !transform.any_op\n"
             "      transform.structured.vectorize %%v : !transform.any_op\n"
             "    }\n",
             numFor - 1, s->numOps);
  ++s->numOps;
}

static MlirWalkResult pickOps(MlirOperation op, void *userData) {
  Schedule *s = userData;
  Loops loops;
  bool known = dlcOpIsA(op, "linalg.generic")  ? genericLoops(op, &loops)
               : dlcOpIsA(op, "linalg.reduce") ? reduceLoops(op, &loops)
               : dlcOpIsA(op, "linalg.copy")   ? copyLoops(op, &loops)
                                              : false;
  if (!known || !staticByteMemrefs(op) || readsLoopIndices(op))
    return MlirWalkResultAdvance;
  MlirContext ctx = mlirOperationGetContext(op);
  mlirOperationSetAttributeByName(op, dlcStr("dlc.vectorize"),
                                  mlirIntegerAttrGet(mlirIntegerTypeGet(ctx, 64), s->numOps));
  emitSection(s, &loops);
  return MlirWalkResultSkip;
}

/* Once every op is vectorized: fold subviews into transfer indices and merge duplicates
 * (only then are an accumulator's transfers loop-invariant), hoist them, and lower what the
 * vectorizer made to loads, stores and 1-d vector ops. Reductions along the innermost
 * dimension lower to vector.reduction ("innerreduction"); dlc-tile-and-vectorize's lowering
 * would make them lane-by-lane extracts. */
static const char loweringSection[] =
    "    %f = transform.structured.match ops{[\"func.func\"]} in %root "
    ": (!transform.any_op) -> !transform.any_op\n"
    "    transform.apply_patterns to %f {\n"
    "      transform.apply_patterns.memref.fold_memref_alias_ops\n"
    "      transform.apply_patterns.canonicalization\n"
    "    } : !transform.any_op\n"
    "    transform.apply_cse to %f : !transform.any_op\n"
    "    %h = transform.structured.hoist_redundant_vector_transfers %f "
    ": (!transform.any_op) -> !transform.any_op\n"
    "    transform.apply_patterns to %h {\n"
    "      transform.apply_patterns.vector.lower_multi_reduction lowering_strategy = "
    "\"innerreduction\"\n"
    "      transform.apply_patterns.vector.cast_away_vector_leading_one_dim\n"
    "    } : !transform.any_op\n"
    "    transform.apply_patterns to %h {\n"
    "      transform.apply_patterns.vector.transfer_permutation_patterns\n"
    "      transform.apply_patterns.vector.transfer_to_scf max_transfer_rank = 1 "
    "full_unroll = true\n"
    "      transform.apply_patterns.vector.lower_transfer max_transfer_rank = 1\n"
    "      transform.apply_patterns.vector.lower_shape_cast\n"
    "      transform.apply_patterns.vector.lower_broadcast\n"
    "    } : !transform.any_op\n"
    "    transform.yield\n"
    "  }\n"
    "}\n";

static MlirWalkResult finish(MlirOperation op, void *userData) {
  mlirOperationRemoveAttributeByName(op, dlcStr("dlc.vectorize"));
  if (dlcOpIsA(op, "vector.reduction") &&
      mlirTypeIsAFloat(mlirValueGetType(mlirOperationGetResult(op, 0))))
    mlirOperationSetAttributeByName(op, dlcStr("fastmath"), *(const MlirAttribute *)userData);
  return MlirWalkResultAdvance;
}

enum { OptVectorWidth, OptChunk, OptPrintScript };

static void runVectorizeMemoryBound(MlirOperation root, MlirExternalPass pass,
                                    const DlcPassOptionValue *options) {
  Schedule s = {.width = options[OptVectorWidth].i, .chunk = options[OptChunk].i};
  if (s.width <= 0 || s.chunk < s.width) {
    mlirEmitError(mlirOperationGetLocation(root),
                  "dlc-vectorize-memory-bound: vector-width must be positive and chunk at "
                  "least vector-width");
    mlirExternalPassSignalFailure(pass);
    return;
  }
  dlcCastExpandedBuffers(root);
  dlcScriptf(&s.script, "module attributes {transform.with_named_sequence} {\n"
                        "  transform.named_sequence @__transform_main("
                        "%%root: !transform.any_op {transform.readonly}) {\n");
  mlirOperationWalk(root, pickOps, &s, MlirWalkPreOrder);
  dlcScriptf(&s.script, "%s", loweringSection);
  if (options[OptPrintScript].b)
    fprintf(stderr, "%s", s.script.data);
  MlirLogicalResult result =
      s.numOps ? dlcScriptApply(root, dlcScriptText(&s.script), "dlc-vectorize-memory-bound")
               : mlirLogicalResultSuccess();
  free(s.script.data);
  MlirAttribute reassoc =
      mlirAttributeParseGet(mlirOperationGetContext(root), dlcStr("#arith.fastmath<reassoc>"));
  mlirOperationWalk(root, finish, &reassoc, MlirWalkPreOrder);
  dlcPassCheck(pass, result);
}

static const DlcPassOptionInfo vectorizeOptions[] = {
    {"vector-width", DlcPassOptionInt, "16", "elements per vector of the innermost loop"},
    {"chunk", DlcPassOptionInt, "16384",
     "elements per scf.forall iteration of a 1-d loop (a multiple of vector-width dividing it)"},
    {"print-script", DlcPassOptionBool, "false", "print the transform script to stderr"},
};

const DlcPassDef dlcVectorizeMemoryBoundPass = {
    .info = {.argument = "dlc-vectorize-memory-bound",
             .summary = "Tile, peel and vectorize bufferized elementwise loops and reductions "
                        "(scf.forall outside) with a transform-dialect script",
             .anchor = "builtin.module",
             .numOptions = sizeof vectorizeOptions / sizeof vectorizeOptions[0],
             .options = vectorizeOptions},
    .run = runVectorizeMemoryBound,
    .dependentDialects = dlcScriptDialects,
};
