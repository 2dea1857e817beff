/* DhloToLinalg.c: `convert-dhlo-to-linalg`: dhlo on tensors to upstream linalg, tensor,
 * arith and math on tensors. MLIR 22's C API has no dialect-conversion framework, so the
 * pass is: a check that layouts were materialized; one C rewrite pattern per dhlo op under
 * the greedy driver (the lowering tables of the *ToLinalg.c files); a legality walk that
 * reports every dhlo/dtensor op left, with its location and the reason its lowering gave;
 * then, when nothing is left, the called computations (reducers, fused bodies, now inlined)
 * are erased and every type is made signless (Signless.c). */
#include "Conversion/Lowering.h"
#include "Transforms/Layouts.h"
#include "Transforms/PassRegistry.h"
#include "Transforms/Transforms.h"
#include "Support/Alloc.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"
#include "mlir-c/Dialect/Arith.h"
#include "mlir-c/Dialect/Linalg.h"
#include "mlir-c/Dialect/Math.h"
#include "mlir-c/Dialect/Tensor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What one run of the pass shares between its patterns. */
typedef struct Failure {
  MlirOperation op;
  const char *reason;
} Failure;

struct DlcLowerState {
  MlirSymbolTable symbols;
  Failure *failures;
  size_t numFailures, capacity;
};

/* ---- Helpers for lowerings ----------------------------------------------------------------- */

MlirLogicalResult dlcLowerFail(DlcLowering *lw, const char *reason) {
  DlcLowerState *state = lw->state;
  for (size_t i = 0; i < state->numFailures; ++i)
    if (mlirOperationEqual(state->failures[i].op, lw->op)) {
      state->failures[i].reason = reason;
      return mlirLogicalResultFailure();
    }
  state->failures = dlcGrow(state->failures, &state->capacity, state->numFailures + 1,
                            sizeof(Failure));
  state->failures[state->numFailures++] = (Failure){lw->op, reason};
  return mlirLogicalResultFailure();
}

static const char *failureReason(const DlcLowerState *state, MlirOperation op) {
  for (size_t i = 0; i < state->numFailures; ++i)
    if (mlirOperationEqual(state->failures[i].op, op))
      return state->failures[i].reason;
  return NULL;
}

static bool isUnrealizedCast(MlirOperation op) {
  return !mlirOperationIsNull(op) && dlcStrEq(mlirIdentifierStr(mlirOperationGetName(op)),
                                              "builtin.unrealized_conversion_cast");
}

static MlirValue castTo(DlcBuilder *b, MlirValue value, MlirType type) {
  if (mlirTypeEqual(mlirValueGetType(value), type))
    return value;
  /* A cast of a cast back to the original type is the original value. */
  MlirOperation def =
      mlirValueIsAOpResult(value) ? mlirOpResultGetOwner(value) : (MlirOperation){NULL};
  if (isUnrealizedCast(def) && mlirOperationGetNumOperands(def) == 1 &&
      mlirTypeEqual(mlirValueGetType(mlirOperationGetOperand(def, 0)), type))
    return mlirOperationGetOperand(def, 0);
  return dlcBuild(b, "builtin.unrealized_conversion_cast", type, 1, &value, 0, NULL);
}

MlirValue dlcLowerOperand(DlcLowering *lw, intptr_t index) {
  MlirValue operand = mlirOperationGetOperand(lw->op, index);
  return castTo(&lw->b, operand, dlcSignlessType(mlirValueGetType(operand)));
}

DlcShape dlcLowerOperandShape(DlcLowering *lw, intptr_t index) {
  return dlcShapeOf(mlirValueGetType(mlirOperationGetOperand(lw->op, index)));
}

DlcShape dlcLowerResultShape(DlcLowering *lw) {
  return dlcShapeOf(mlirValueGetType(mlirOperationGetResult(lw->op, 0)));
}

MlirType dlcLowerResultType(DlcLowering *lw) {
  return dlcSignlessType(mlirValueGetType(mlirOperationGetResult(lw->op, 0)));
}

MlirLogicalResult dlcLowerReplace(DlcLowering *lw, MlirValue value) {
  if (mlirValueIsNull(value))
    return dlcLowerFail(lw, "the lowering could not build its body");
  value = castTo(&lw->b, value, mlirValueGetType(mlirOperationGetResult(lw->op, 0)));
  mlirRewriterBaseReplaceOpWithValues(lw->b.rewriter, lw->op, 1, &value);
  return mlirLogicalResultSuccess();
}

MlirOperation dlcLowerCallee(DlcLowering *lw, const char *attr) {
  MlirAttribute symbol = mlirOperationGetAttributeByName(lw->op, dlcStr(attr));
  if (mlirAttributeIsNull(symbol) || !mlirAttributeIsAFlatSymbolRef(symbol))
    return (MlirOperation){NULL};
  return mlirSymbolTableLookup(lw->state->symbols, mlirFlatSymbolRefAttrGetValue(symbol));
}

void dlcLowerI64(DlcLowering *lw, const char *name, int64_t *out) {
  MlirAttribute attr = mlirOperationGetAttributeByName(lw->op, dlcStr(name));
  if (!mlirAttributeIsNull(attr) && mlirAttributeIsAInteger(attr))
    *out = mlirIntegerAttrGetValueInt(attr);
}

intptr_t dlcLowerI64Array(DlcLowering *lw, const char *name, intptr_t count, int64_t fallback,
                          int64_t *out) {
  MlirAttribute attr = mlirOperationGetAttributeByName(lw->op, dlcStr(name));
  if (mlirAttributeIsNull(attr) || !mlirAttributeIsADenseI64Array(attr) ||
      mlirDenseArrayGetNumElements(attr) > DLC_MAX_ARRAY) {
    for (intptr_t i = 0; i < count; ++i)
      out[i] = fallback;
    return count;
  }
  intptr_t n = mlirDenseArrayGetNumElements(attr);
  for (intptr_t i = 0; i < n; ++i)
    out[i] = mlirDenseI64ArrayGetElement(attr, i);
  return n;
}

/* ---- Patterns ------------------------------------------------------------------------------ */

typedef struct PatternData {
  const DlcLoweringPattern *pattern;
  DlcLowerState *state;
} PatternData;

static MlirLogicalResult matchAndRewrite(MlirRewritePattern pattern, MlirOperation op,
                                         MlirPatternRewriter rewriter, void *userData) {
  const PatternData *data = userData;
  MlirRewriterBase base = mlirPatternRewriterAsBase(rewriter);
  mlirRewriterBaseSetInsertionPointBefore(base, op);
  DlcLowering lw = {op, {mlirOperationGetContext(op), mlirOperationGetLocation(op), base, {NULL}},
                    data->state};
  return data->pattern->lower(&lw, data->pattern->code);
}

static const DlcLoweringPattern *const tables[] = {
    dlcElementwiseLowerings, dlcMovementLowerings, dlcContractionLowerings,
    dlcReductionLowerings,   dlcCallLowerings,
};
enum { numTables = sizeof tables / sizeof tables[0] };

/* The elementwise ops share one lowering; their names come from the scalar semantics table. */
static DlcLoweringPattern *allPatterns(size_t *count) {
  size_t n = (size_t)dlcNumScalarOps();
  for (int t = 0; t < numTables; ++t)
    for (const DlcLoweringPattern *p = tables[t]; p->root; ++p)
      ++n;
  DlcLoweringPattern *all = dlcAlloc(n * sizeof *all), *next = all;
  for (intptr_t i = 0; i < dlcNumScalarOps(); ++i)
    *next++ = (DlcLoweringPattern){dlcScalarOpName(i), dlcLowerElementwise, 0};
  for (int t = 0; t < numTables; ++t)
    for (const DlcLoweringPattern *p = tables[t]; p->root; ++p)
      *next++ = *p;
  *count = n;
  return all;
}

/* ---- Checks before and after --------------------------------------------------------------- */

static void legalizeError(MlirOperation op, const char *reason) {
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  char message[512];
  snprintf(message, sizeof message, "failed to legalize '%.*s' to linalg%s%s", (int)name.length,
           name.data, reason ? ": " : "", reason ? reason : "");
  mlirEmitError(mlirOperationGetLocation(op), message);
}

static bool hasEncoding(MlirType type) {
  return mlirTypeIsARankedTensor(type) &&
         !mlirAttributeIsNull(mlirRankedTensorTypeGetEncoding(type));
}

/* Lowerings build plain tensors: a layout left on a dhlo value would be dropped silently,
 * and a relayout means layouts were not materialized. */
static MlirWalkResult checkLayouts(MlirOperation op, void *userData) {
  bool *failed = userData;
  if (!dlcIsDlcOp(op))
    return MlirWalkResultAdvance;
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  bool encoded = name.length > 8 && !strncmp(name.data, "dtensor.", 8);
  for (intptr_t i = 0; i < mlirOperationGetNumOperands(op); ++i)
    encoded |= hasEncoding(mlirValueGetType(mlirOperationGetOperand(op, i)));
  for (intptr_t i = 0; i < mlirOperationGetNumResults(op); ++i)
    encoded |= hasEncoding(mlirValueGetType(mlirOperationGetResult(op, i)));
  if (encoded) {
    legalizeError(op, "layout encodings must be materialized first (dhlo-materialize-layouts)");
    *failed = true;
  }
  return MlirWalkResultAdvance;
}

typedef struct Legality {
  const DlcLowerState *state;
  bool failed;
} Legality;

static MlirWalkResult checkLegal(MlirOperation op, void *userData) {
  Legality *legality = userData;
  if (dlcIsDlcOp(op)) {
    legalizeError(op, failureReason(legality->state, op));
    legality->failed = true;
  }
  return MlirWalkResultAdvance;
}

/* ---- Called computations ------------------------------------------------------------------- */

/* Reducers and fused bodies are inlined where they are used; a private func.func that a
 * dhlo op names is left alone by the patterns (inlining reads its dhlo body) and erased at
 * the end. */
typedef struct Computations {
  MlirSymbolTable symbols;
  MlirOperation *funcs;
  size_t count, capacity;
} Computations;

static bool isComputation(const Computations *c, MlirOperation func) {
  for (size_t i = 0; i < c->count; ++i)
    if (mlirOperationEqual(c->funcs[i], func))
      return true;
  return false;
}

static MlirWalkResult collectComputations(MlirOperation op, void *userData) {
  Computations *c = userData;
  if (!dlcIsDlcOp(op))
    return MlirWalkResultAdvance;
  static const char *const attrs[] = {"to_apply", "calls"};
  for (int i = 0; i < 2; ++i) {
    MlirAttribute symbol = mlirOperationGetAttributeByName(op, dlcStr(attrs[i]));
    if (mlirAttributeIsNull(symbol) || !mlirAttributeIsAFlatSymbolRef(symbol))
      continue;
    MlirOperation func = mlirSymbolTableLookup(c->symbols, mlirFlatSymbolRefAttrGetValue(symbol));
    MlirAttribute visibility =
        mlirOperationIsNull(func)
            ? mlirAttributeGetNull()
            : mlirOperationGetAttributeByName(func, mlirSymbolTableGetVisibilityAttributeName());
    if (mlirAttributeIsNull(visibility) || !mlirAttributeIsAString(visibility) ||
        !dlcStrEq(mlirStringAttrGetValue(visibility), "private") || isComputation(c, func))
      continue;
    c->funcs = dlcGrow(c->funcs, &c->capacity, c->count + 1, sizeof *c->funcs);
    c->funcs[c->count++] = func;
  }
  return MlirWalkResultAdvance;
}

/* ---- The pass ------------------------------------------------------------------------------ */

static bool isFunc(MlirOperation op) {
  return dlcStrEq(mlirIdentifierStr(mlirOperationGetName(op)), "func.func");
}

static void runConvert(MlirOperation module, MlirExternalPass pass,
                       const DlcPassOptionValue *options) {
  MlirContext ctx = mlirOperationGetContext(module);
  bool failed = false;
  mlirOperationWalk(module, checkLayouts, &failed, MlirWalkPreOrder);
  if (failed) {
    mlirExternalPassSignalFailure(pass);
    return;
  }

  DlcLowerState state = {.symbols = mlirSymbolTableCreate(module)};
  Computations computations = {.symbols = state.symbols};
  mlirOperationWalk(module, collectComputations, &computations, MlirWalkPreOrder);

  size_t numPatterns;
  DlcLoweringPattern *patterns = allPatterns(&numPatterns);
  PatternData *data = dlcAlloc(numPatterns * sizeof *data);
  MlirRewritePatternSet set = mlirRewritePatternSetCreate(ctx);
  MlirRewritePatternCallbacks callbacks = {NULL, NULL, matchAndRewrite};
  for (size_t i = 0; i < numPatterns; ++i) {
    data[i] = (PatternData){&patterns[i], &state};
    mlirRewritePatternSetAdd(set, mlirOpRewritePatternCreate(dlcStr(patterns[i].root), 1, ctx,
                                                             callbacks, &data[i], 0, NULL));
  }
  MlirFrozenRewritePatternSet frozen = dlcFreezePatterns(set);
  MlirGreedyRewriteDriverConfig config = mlirGreedyRewriteDriverConfigCreate();

  /* Each function on its own, computations excepted; the legality walk covers the same. */
  Legality legality = {&state, false};
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(module, 0));
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op)) {
    if (isFunc(op) && isComputation(&computations, op))
      continue;
    (void)mlirApplyPatternsAndFoldGreedilyWithOp(op, frozen, config);
    mlirOperationWalk(op, checkLegal, &legality, MlirWalkPreOrder);
  }

  if (legality.failed) {
    mlirExternalPassSignalFailure(pass);
  } else {
    for (size_t i = 0; i < computations.count; ++i)
      mlirSymbolTableErase(state.symbols, computations.funcs[i]);
    dlcMakeSignless(module);
  }
  mlirGreedyRewriteDriverConfigDestroy(config);
  mlirFrozenRewritePatternSetDestroy(frozen);
  mlirSymbolTableDestroy(state.symbols);
  free(computations.funcs);
  free(state.failures);
  free(data);
  free(patterns);
}

static MlirDialectHandle (*const targetDialects[])(void) = {
    mlirGetDialectHandle__linalg__, mlirGetDialectHandle__tensor__,
    mlirGetDialectHandle__arith__, mlirGetDialectHandle__math__, NULL};

const DlcPassDef dlcConvertDhloToLinalgPass = {
    .info = {.argument = "convert-dhlo-to-linalg",
             .summary = "Lower dhlo on tensors to linalg, tensor, arith and math on tensors",
             .anchor = "builtin.module", .numOptions = 0, .options = NULL},
    .run = runConvert,
    .dependentDialects = targetDialects,
};
