/* Canonicalize.c: `dhlo-canonicalize`: constant folding (ConstantFold.c) and algebraic
 * simplification (Simplify.c) as C rewrite patterns under MLIR's greedy driver, then
 * dhlo's CSE and DCE. Upstream `canonicalize` cannot touch IRDL ops (they have no folders
 * or traits in MLIR 22), so dhlo's rules live here. Also the rewrite helpers every pattern
 * uses to build and replace ops (see Canonicalize.h). */
#include "Transforms/Canonicalize.h"
#include "Transforms/PassRegistry.h"
#include "Transforms/Transforms.h"
#include "Support/Alloc.h"

#include <stdlib.h>

/* ---- Rewrite helpers ------------------------------------------------------------------- */

MlirOperation dlcDefiningOp(MlirValue value) {
  return mlirValueIsAOpResult(value) ? mlirOpResultGetOwner(value) : (MlirOperation){NULL};
}

bool dlcOpIsA(MlirOperation op, const char *name) {
  return !mlirOperationIsNull(op) && dlcStrEq(mlirIdentifierStr(mlirOperationGetName(op)), name);
}

bool dlcReadI64Array(MlirOperation op, const char *name, DlcI64Array *out) {
  MlirAttribute attr = mlirOperationGetDiscardableAttributeByName(op, dlcStr(name));
  if (mlirAttributeIsNull(attr) || !mlirAttributeIsADenseI64Array(attr) ||
      mlirDenseArrayGetNumElements(attr) > DLC_MAX_ARRAY)
    return false;
  out->present = true;
  out->size = mlirDenseArrayGetNumElements(attr);
  for (intptr_t i = 0; i < out->size; ++i)
    out->data[i] = mlirDenseI64ArrayGetElement(attr, i);
  return true;
}

bool dlcReadI64(MlirOperation op, const char *name, int64_t *out) {
  MlirAttribute attr = mlirOperationGetDiscardableAttributeByName(op, dlcStr(name));
  if (mlirAttributeIsNull(attr) || !mlirAttributeIsAInteger(attr))
    return false;
  *out = mlirIntegerAttrGetValueInt(attr);
  return true;
}

bool dlcValueShape(MlirValue value, DlcShape *out) {
  MlirType type = mlirValueGetType(value);
  if (!mlirTypeIsARankedTensor(type) || !mlirShapedTypeHasStaticShape(type) ||
      mlirShapedTypeGetRank(type) > DLC_MAX_RANK ||
      !dlcIsSupportedElementType(mlirShapedTypeGetElementType(type)))
    return false;
  *out = dlcShapeOf(type);
  return true;
}

MlirLogicalResult dlcReplaceWithValue(MlirPatternRewriter rewriter, MlirOperation op,
                                      MlirValue value) {
  if (!mlirTypeEqual(mlirValueGetType(value), mlirValueGetType(mlirOperationGetResult(op, 0))))
    return mlirLogicalResultFailure();
  mlirRewriterBaseReplaceOpWithValues(mlirPatternRewriterAsBase(rewriter), op, 1, &value);
  return mlirLogicalResultSuccess();
}

MlirLogicalResult dlcReplaceWithNewOp(MlirPatternRewriter rewriter, MlirOperation op,
                                      const char *name, intptr_t numOperands,
                                      const MlirValue *operands, intptr_t numAttributes,
                                      const MlirNamedAttribute *attributes) {
  MlirRewriterBase base = mlirPatternRewriterAsBase(rewriter);
  MlirOperationState state = mlirOperationStateGet(dlcStr(name), mlirOperationGetLocation(op));
  MlirType resultType = mlirValueGetType(mlirOperationGetResult(op, 0));
  mlirOperationStateAddOperands(&state, numOperands, operands);
  mlirOperationStateAddAttributes(&state, numAttributes, attributes);
  mlirOperationStateAddResults(&state, 1, &resultType);
  mlirRewriterBaseSetInsertionPointBefore(base, op);
  MlirOperation created = mlirRewriterBaseInsert(base, mlirOperationCreate(&state));
  mlirRewriterBaseReplaceOpWithOperation(base, op, created);
  return mlirLogicalResultSuccess();
}

MlirLogicalResult dlcReplaceWithConstant(MlirPatternRewriter rewriter, MlirOperation op,
                                         MlirAttribute value) {
  if (mlirAttributeIsNull(value))
    return mlirLogicalResultFailure();
  MlirContext ctx = mlirOperationGetContext(op);
  MlirNamedAttribute attr = mlirNamedAttributeGet(mlirIdentifierGet(ctx, dlcStr("value")), value);
  return dlcReplaceWithNewOp(rewriter, op, "dhlo.constant", 0, NULL, 1, &attr);
}

/* ---- The pass --------------------------------------------------------------------------- */

/* One per registered pattern: its function and what it sees (options, code). */
typedef struct PatternData {
  DlcCanonMatchFn match;
  DlcCanonContext cx;
} PatternData;

static MlirLogicalResult matchAndRewrite(MlirRewritePattern pattern, MlirOperation op,
                                         MlirPatternRewriter rewriter, void *userData) {
  const PatternData *data = userData;
  return data->match(op, rewriter, &data->cx);
}

static size_t tableSize(const DlcCanonPattern *table) {
  size_t n = 0;
  while (table[n].root)
    ++n;
  return n;
}

/* Adds every pattern of `table` to `set`, filling `data` (one entry per pattern). */
static PatternData *addPatterns(MlirRewritePatternSet set, MlirContext ctx,
                                const DlcCanonPattern *table, const DlcCanonOptions *options,
                                PatternData *data) {
  MlirRewritePatternCallbacks callbacks = {NULL, NULL, matchAndRewrite};
  for (; table->root; ++table, ++data) {
    *data = (PatternData){table->match, {options, table->code}};
    mlirRewritePatternSetAdd(set, mlirOpRewritePatternCreate(dlcStr(table->root), 1, ctx,
                                                             callbacks, data, 0, NULL));
  }
  return data;
}

enum { optMaxIterations, optMaxConstantSize, optUnsafeFpMath, numOptions };

static void runCanonicalize(MlirOperation op, MlirExternalPass pass,
                            const DlcPassOptionValue *options) {
  MlirContext ctx = mlirOperationGetContext(op);
  DlcCanonOptions canonOptions = {options[optMaxConstantSize].i, options[optUnsafeFpMath].b};
  PatternData *data = dlcAlloc(sizeof(PatternData) * (tableSize(dlcConstantFoldPatterns) +
                                                      tableSize(dlcSimplifyPatterns)));
  MlirRewritePatternSet set = mlirRewritePatternSetCreate(ctx);
  PatternData *next = addPatterns(set, ctx, dlcConstantFoldPatterns, &canonOptions, data);
  addPatterns(set, ctx, dlcSimplifyPatterns, &canonOptions, next);
  MlirFrozenRewritePatternSet frozen = dlcFreezePatterns(set);
  MlirGreedyRewriteDriverConfig config = mlirGreedyRewriteDriverConfigCreate();
  int64_t maxIterations = options[optMaxIterations].i;
  mlirGreedyRewriteDriverConfigSetMaxIterations(config, maxIterations);
  /* Merging duplicates can enable more rewrites (x - x once both operands are one value,
   * folds of merged constants), so the driver runs again while CSE merges something, at
   * most max-iterations rounds. Not converging within the bound is not an error: the IR
   * is still valid, as upstream canonicalize treats it. */
  for (int64_t round = 1;; ++round) {
    (void)mlirApplyPatternsAndFoldGreedilyWithOp(op, frozen, config);
    if (dlcEliminateCommonSubexpressions(op) == 0 || (maxIterations > 0 && round >= maxIterations))
      break;
  }
  dlcEraseDeadOps(op);
  mlirGreedyRewriteDriverConfigDestroy(config);
  mlirFrozenRewritePatternSetDestroy(frozen);
  free(data);
}

static const DlcPassOptionInfo canonicalizeOptions[] = {
    [optMaxIterations] = {"max-iterations", DlcPassOptionInt, "10",
                          "Bound on greedy driver sweeps and CSE rounds (-1: until fixpoint)"},
    [optMaxConstantSize] = {"max-constant-size", DlcPassOptionInt, "1048576",
                            "Most elements of a non-splat constant a fold may create"},
    [optUnsafeFpMath] = {"unsafe-fp-math", DlcPassOptionBool, "false",
                         "Allow float rewrites that are wrong for -0.0, inf or NaN (x+0, x*0, "
                         "x-x)"},
};

const DlcPassDef dlcCanonicalizePass = {
    .info = {.argument = "dhlo-canonicalize",
             .summary = "Fold constants, simplify algebra and merge duplicates of dhlo ops",
             .anchor = "", .numOptions = numOptions, .options = canonicalizeOptions},
    .run = runCanonicalize,
};
