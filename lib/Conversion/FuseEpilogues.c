/* FuseEpilogues.c: `dlc-fuse-epilogues` fuses an output fusion's epilogue and its matmul
 * into one loop over the matmul's cache tiles, on tensors (tile-and-fuse works on tensors
 * only, so this runs before bufferization). After conversion and elementwise fusion an
 * output fusion is a linalg.matmul or batch_matmul whose one user is an all-parallel
 * linalg.generic (bias, activation, residual, the copy to the result's shape). The pass
 * tiles that generic with tile_using_forall by the m x n cache tile dlc-tile-and-vectorize
 * will pick for the matmul (MatmulTiles.h) and fuses the matmul, its zero fill and the
 * epilogue's own producers that only it reads through the identity (a bias broadcast to
 * the product's shape, which would otherwise be materialized whole) into the forall: each tile's epilogue runs right after the tile's product, while the tile is in
 * cache, instead of reading the whole product back from memory. After bufferization
 * dlc-tile-and-vectorize schedules the matmul of each tile (k cache tile, register blocks),
 * and the forall is one parallel loop for dlc-parallelize.
 * Only matmuls of full register tiles, read by the epilogue through a projected permutation,
 * are fused; anything else is left as it is. Ops are tagged `dlc.epilogue = n` while the
 * transform script (TransformScript.h) runs. */
#include "Conversion/MatmulTiles.h"
#include "Transforms/Canonicalize.h"
#include "Transforms/PassRegistry.h"

#include "mlir-c/AffineExpr.h"
#include "mlir-c/AffineMap.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"
#include "mlir-c/Dialect/Affine.h"
#include "mlir-c/Dialect/Arith.h"
#include "mlir-c/Dialect/Linalg.h"
#include "mlir-c/Dialect/SCF.h"
#include "mlir-c/Dialect/Tensor.h"
#include "mlir-c/Dialect/Transform.h"

#include <stdlib.h>

typedef struct Fusion {
  int64_t cache[2], block[2]; /* m x n */
  MlirAttribute parallel;     /* #linalg.iterator_type<parallel> */
  int next; /* the next tag */
  DlcScript script;
} Fusion;

static bool allParallel(MlirOperation generic, MlirAttribute parallel) {
  MlirAttribute iterators = mlirOperationGetAttributeByName(generic, dlcStr("iterator_types"));
  if (mlirAttributeIsNull(iterators) || !mlirAttributeIsAArray(iterators))
    return false;
  for (intptr_t i = 0; i < mlirArrayAttrGetNumElements(iterators); ++i)
    if (!mlirAttributeEqual(mlirArrayAttrGetElement(iterators, i), parallel))
      return false;
  return true;
}

/* The indexing map of operand `i` of `generic`. */
static MlirAffineMap operandMap(MlirOperation generic, intptr_t i) {
  MlirAttribute maps = mlirOperationGetAttributeByName(generic, dlcStr("indexing_maps"));
  return mlirAffineMapAttrGetValue(mlirArrayAttrGetElement(maps, i));
}

/* The next link of an epilogue chain: the one user of `value`, an all-parallel generic with
 * one result written through the identity, reading `value` (an input) through a projected
 * permutation; `dims` (the value's dims that carry the matmul's b, m, n) become the user's.
 * A null op when there is none. */
static MlirOperation nextLink(MlirValue value, Fusion *f, intptr_t numDims, intptr_t *dims) {
  MlirOpOperand use = mlirValueGetFirstUse(value);
  if (mlirOpOperandIsNull(use) || !mlirOpOperandIsNull(mlirOpOperandGetNextUse(use)))
    return (MlirOperation){NULL};
  MlirOperation user = mlirOpOperandGetOwner(use);
  intptr_t i = mlirOpOperandGetOperandNumber(use), n = mlirOperationGetNumOperands(user);
  if (!dlcOpIsA(user, "linalg.generic") || mlirOperationGetNumResults(user) != 1 ||
      i + 1 >= n || !allParallel(user, f->parallel) ||
      !mlirAffineMapIsIdentity(operandMap(user, n - 1)))
    return (MlirOperation){NULL};
  MlirAffineMap map = operandMap(user, i);
  if (!mlirAffineMapIsProjectedPermutation(map) || mlirAffineMapGetNumDims(map) > 8)
    return (MlirOperation){NULL};
  for (intptr_t d = 0; d < numDims; ++d)
    dims[d] = mlirAffineDimExprGetPosition(mlirAffineMapGetResult(map, dims[d]));
  return user;
}

static void tag(MlirOperation op, int n) {
  MlirContext ctx = mlirOperationGetContext(op);
  mlirOperationSetAttributeByName(op, dlcStr("dlc.epilogue"),
                                  mlirIntegerAttrGet(mlirIntegerTypeGet(ctx, 64), n));
}

/* Fuses `numOps` tagged ops (f->next onwards, last user first) into a forall over the
 * tiles of the first: each fused op is the producer of something already in the forall. */
static void emitFusion(Fusion *f, int numOps, const int64_t *tiles, intptr_t numLoops) {
  DlcScript *t = &f->script;
  dlcScriptf(t,
             "    transform.sequence %%root : !transform.any_op failures(suppress) {\n"
             "    ^bb0(%%r: !transform.any_op):\n"
             "      %%e = transform.structured.match attributes{dlc.epilogue = %d} in %%r "
             ": (!transform.any_op) -> !transform.any_op\n"
             "      %%tiled, %%f0 = transform.structured.tile_using_forall %%e tile_sizes ",
             f->next);
  dlcScriptSizes(t, tiles, numLoops);
  dlcScriptf(t, " : (!transform.any_op) -> (!transform.any_op, !transform.any_op)\n");
  for (int k = 1; k < numOps; ++k)
    dlcScriptf(t,
               "      %%p%d = transform.structured.match attributes{dlc.epilogue = %d} in %%r "
               ": (!transform.any_op) -> !transform.any_op\n"
               "      %%fused%d, %%f%d = transform.structured.fuse_into_containing_op %%p%d into "
               "%%f%d : (!transform.any_op, !transform.any_op) -> (!transform.any_op, "
               "!transform.any_op)\n",
               k, f->next + k, k, k, k, k - 1);
  dlcScriptf(t, "    }\n");
  f->next += numOps;
}

/* Whether `producer`, the op defining input `i` of chain link `link`, is computed per tile
 * along with the link: an all-parallel generic (a bias broadcast) that only `link` uses,
 * read through the identity, so each tile computes its own slice of it once. */
static bool fusesWithLink(MlirOperation link, intptr_t i, Fusion *f, MlirOperation *producer) {
  MlirValue v = mlirOperationGetOperand(link, i);
  if (!mlirValueIsAOpResult(v) || !mlirAffineMapIsIdentity(operandMap(link, i)))
    return false;
  *producer = mlirOpResultGetOwner(v);
  MlirOpOperand use = mlirValueGetFirstUse(v);
  return dlcOpIsA(*producer, "linalg.generic") && mlirOperationGetNumResults(*producer) == 1 &&
         allParallel(*producer, f->parallel) && mlirOpOperandIsNull(mlirOpOperandGetNextUse(use));
}

/* A matmul of full register tiles and the chain of elementwise generics after it: tags them
 * (the chain's last first, each followed by the producers of its other inputs that fuse
 * with it, then back to the matmul and its fill) and schedules the fusion. */
static void tryFuse(MlirOperation mm, Fusion *f, bool batched) {
  MlirValue value = mlirOperationGetResult(mm, 0);
  MlirType out = mlirValueGetType(value);
  if (!mlirTypeIsARankedTensor(out) || !mlirShapedTypeHasStaticShape(out))
    return;
  intptr_t b = batched, dims[3] = {0, 1, 2};
  int64_t size[2];
  for (int d = 0; d < 2; ++d) {
    size[d] = mlirShapedTypeGetDimSize(out, b + d);
    if (size[d] % f->block[d])
      return;
  }
  MlirOperation chain[16];
  int length = 0;
  for (MlirOperation user; length < 16 && !mlirOperationIsNull(
                                              user = nextLink(value, f, 2 + b, dims));
       value = mlirOperationGetResult(user, 0))
    chain[length++] = user;
  if (!length)
    return;
  intptr_t numLoops = mlirShapedTypeGetRank(mlirValueGetType(value));
  int64_t tiles[8] = {0};
  if (batched)
    tiles[dims[0]] = 1;
  for (int d = 0; d < 2; ++d)
    tiles[dims[b + d]] = dlcMatmulCacheTile(size[d], f->block[d], f->cache[d]);
  int numOps = 0;
  while (length) {
    MlirOperation link = chain[--length], producer;
    MlirValue fromChain = mlirOperationGetResult(length ? chain[length - 1] : mm, 0);
    tag(link, f->next + numOps++);
    for (intptr_t i = 0; i + 1 < mlirOperationGetNumOperands(link); ++i)
      if (!mlirValueEqual(mlirOperationGetOperand(link, i), fromChain) &&
          fusesWithLink(link, i, f, &producer))
        tag(producer, f->next + numOps++);
  }
  tag(mm, f->next + numOps++);
  MlirValue init = mlirOperationGetOperand(mm, 2);
  if (mlirValueIsAOpResult(init) && dlcOpIsA(mlirOpResultGetOwner(init), "linalg.fill"))
    tag(mlirOpResultGetOwner(init), f->next + numOps++);
  emitFusion(f, numOps, tiles, numLoops);
}

static MlirWalkResult pickPairs(MlirOperation op, void *userData) {
  if (dlcOpIsA(op, "linalg.matmul") || dlcOpIsA(op, "linalg.batch_matmul"))
    tryFuse(op, userData, dlcOpIsA(op, "linalg.batch_matmul"));
  return MlirWalkResultAdvance;
}

static MlirWalkResult untag(MlirOperation op, void *userData) {
  mlirOperationRemoveAttributeByName(op, dlcStr("dlc.epilogue"));
  return MlirWalkResultAdvance;
}

enum { OptCacheTile, OptRegisterBlock };

static void runFuseEpilogues(MlirOperation root, MlirExternalPass pass,
                             const DlcPassOptionValue *options) {
  MlirContext ctx = mlirOperationGetContext(root);
  Fusion f = {.parallel = mlirAttributeParseGet(ctx, dlcStr("#linalg.iterator_type<parallel>"))};
  int64_t cache[3];
  if (!dlcParseTileSizes(options[OptCacheTile].s, cache, 3) ||
      !dlcParseRegisterBlock(options[OptRegisterBlock].s, f.block)) {
    mlirEmitError(mlirOperationGetLocation(root),
                  "dlc-fuse-epilogues: cache-tile must be MxNxK and register-block MxN or host");
    mlirExternalPassSignalFailure(pass);
    return;
  }
  f.cache[0] = cache[0];
  f.cache[1] = cache[1];
  dlcScriptf(&f.script, "module attributes {transform.with_named_sequence} {\n"
                        "  transform.named_sequence @__transform_main("
                        "%%root: !transform.any_op {transform.readonly}) {\n");
  mlirOperationWalk(root, pickPairs, &f, MlirWalkPostOrder);
  dlcScriptf(&f.script, "    %%funcs = transform.structured.match ops{[\"func.func\"]} in %%root "
                        ": (!transform.any_op) -> !transform.any_op\n"
                        "    transform.apply_dce to %%funcs : !transform.any_op\n"
                        "    transform.yield\n  }\n}\n");
  MlirLogicalResult result =
      f.next ? dlcScriptApply(root, dlcScriptText(&f.script), "dlc-fuse-epilogues")
             : mlirLogicalResultSuccess();
  free(f.script.data);
  mlirOperationWalk(root, untag, NULL, MlirWalkPreOrder);
  dlcPassCheck(pass, result);
}

/* The same options and defaults as dlc-tile-and-vectorize's, which dlc-lower-to-cpu
 * forwards to both. */
static const DlcPassOptionInfo fuseEpiloguesOptions[] = {
    {"cache-tile", DlcPassOptionString, DLC_MATMUL_CACHE_TILE,
     "matmul cache tile MxNxK: the epilogue's tiles are its M x N, shrunk per op as "
     "dlc-tile-and-vectorize shrinks them"},
    {"register-block", DlcPassOptionString, DLC_MATMUL_REGISTER_BLOCK,
     "matmul register block MxN or host (as dlc-tile-and-vectorize's): matmuls with a "
     "partial block are not fused"},
};

static MlirDialectHandle (*const fuseDialects[])(void) = {
    mlirGetDialectHandle__transform__, mlirGetDialectHandle__linalg__,
    mlirGetDialectHandle__scf__,       mlirGetDialectHandle__tensor__,
    mlirGetDialectHandle__arith__,     mlirGetDialectHandle__affine__,
    NULL};

const DlcPassDef dlcFuseEpiloguesPass = {
    .info = {.argument = "dlc-fuse-epilogues",
             .summary = "Fuse each matmul and its elementwise epilogue into one loop over the "
                        "matmul's cache tiles (tile-and-fuse, on tensors)",
             .anchor = "builtin.module",
             .numOptions = sizeof fuseEpiloguesOptions / sizeof fuseEpiloguesOptions[0],
             .options = fuseEpiloguesOptions},
    .run = runFuseEpilogues,
    .dependentDialects = fuseDialects,
};
