/* Canonicalize.c: `dhlo-canonicalize`, dhlo's simplification patterns driven by MLIR's
 * greedy rewrite driver. Upstream `canonicalize` cannot touch IRDL ops (they have no
 * folders or traits in MLIR 22), so dhlo's rules live here as C rewrite patterns. */
#include "Transforms/PassRegistry.h"
#include "Transforms/Transforms.h"

#include "mlir-c/Rewrite.h"

/* An involution applied twice is the identity: negate(negate(x)) -> x, not(not(x)) -> x.
 * The replacement must have the op's exact type (encodings included) to be used in its place. */
static MlirLogicalResult foldInvolution(MlirRewritePattern pattern, MlirOperation op,
                                        MlirPatternRewriter rewriter, void *userData) {
  MlirValue operand = mlirOperationGetOperand(op, 0);
  MlirOperation producer =
      mlirValueIsAOpResult(operand) ? mlirOpResultGetOwner(operand) : (MlirOperation){NULL};
  if (mlirOperationIsNull(producer) ||
      !mlirIdentifierEqual(mlirOperationGetName(producer), mlirOperationGetName(op)))
    return mlirLogicalResultFailure();
  MlirValue source = mlirOperationGetOperand(producer, 0);
  if (!mlirTypeEqual(mlirValueGetType(source), mlirValueGetType(mlirOperationGetResult(op, 0))))
    return mlirLogicalResultFailure();
  mlirRewriterBaseReplaceOpWithValues(mlirPatternRewriterAsBase(rewriter), op, 1, &source);
  return mlirLogicalResultSuccess();
}

static void addPattern(MlirRewritePatternSet set, MlirContext ctx, const char *root,
                       MlirLogicalResult (*matchAndRewrite)(MlirRewritePattern, MlirOperation,
                                                            MlirPatternRewriter, void *)) {
  MlirRewritePatternCallbacks callbacks = {NULL, NULL, matchAndRewrite};
  mlirRewritePatternSetAdd(set, mlirOpRewritePatternCreate(dlcStr(root), 1, ctx, callbacks, NULL,
                                                           0, NULL));
}

enum { optMaxIterations };

static void runCanonicalize(MlirOperation op, MlirExternalPass pass,
                            const DlcPassOptionValue *options) {
  MlirContext ctx = mlirOperationGetContext(op);
  MlirRewritePatternSet set = mlirRewritePatternSetCreate(ctx);
  addPattern(set, ctx, "dhlo.negate", foldInvolution);
  addPattern(set, ctx, "dhlo.not", foldInvolution);
  MlirFrozenRewritePatternSet frozen = mlirFreezeRewritePattern(set);
  MlirGreedyRewriteDriverConfig config = mlirGreedyRewriteDriverConfigCreate();
  mlirGreedyRewriteDriverConfigSetMaxIterations(config, options[optMaxIterations].i);
  /* Not converging within the bound is not an error: the IR is still valid, as upstream
   * canonicalize treats it. */
  (void)mlirApplyPatternsAndFoldGreedilyWithOp(op, frozen, config);
  dlcEraseDeadOps(op);
  mlirGreedyRewriteDriverConfigDestroy(config);
  mlirFrozenRewritePatternSetDestroy(frozen);
}

static const DlcPassOptionInfo canonicalizeOptions[] = {
    [optMaxIterations] = {"max-iterations", DlcPassOptionInt, "10",
                          "Bound on greedy driver sweeps (-1: until fixpoint)"},
};

const DlcPassDef dlcCanonicalizePass = {
    .info = {.argument = "dhlo-canonicalize",
             .summary = "Simplify dhlo ops with rewrite patterns (involutions, ...)",
             .anchor = "", .numOptions = 1, .options = canonicalizeOptions},
    .run = runCanonicalize,
};
