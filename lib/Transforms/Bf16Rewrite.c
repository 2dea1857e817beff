/* Bf16Rewrite.c: `dhlo-bf16-rewrite`, bf16 normalization after XLA's. mode=matmul (the
 * default): dot_general and convolution take bf16 operands and accumulate in f32, with an
 * f32 result. mode=all: elementwise work runs in bf16 as well, except the numerically
 * sensitive ops (Bf16Policy.c decides which op does what). This file changes the IR to
 * follow that plan: a value crosses between f32 and bf16 through a convert only at the
 * boundary of a bf16 region, at most once per value, and exact round trips cancel. */
#include "Transforms/Bf16.h"
#include "Transforms/Canonicalize.h" /* dlcOpIsA, dlcDefiningOp */
#include "Transforms/PassRegistry.h"
#include "Support/Alloc.h"

#include "mlir-c/Diagnostics.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct OpList {
  MlirOperation *ops;
  size_t size, capacity;
} OpList;

static void opListAppend(OpList *list, MlirOperation op) {
  if (list->size == list->capacity) {
    list->capacity = list->capacity ? 2 * list->capacity : 64;
    list->ops = dlcRealloc(list->ops, list->capacity * sizeof *list->ops);
  }
  list->ops[list->size++] = op;
}

/* The state of rewriting one function. */
typedef struct Rewrite {
  DlcValueIndex narrowIndex; /* f32 value -> its slot in `narrowed` */
  MlirValue *narrowed;       /* the bf16 convert of each, which every later user reuses */
  size_t narrowedCapacity;
  /* Converts that may end up unused: the widening ones the pass makes, and those whose
   * round trip a user skipped. Erased at the end if nothing uses them. */
  DlcValueIndex maybeUnusedIndex;
  OpList maybeUnused;
} Rewrite;

static void noteMaybeUnused(Rewrite *rw, MlirOperation convert) {
  size_t before = rw->maybeUnusedIndex.count;
  dlcValueIndexAdd(&rw->maybeUnusedIndex, mlirOperationGetResult(convert, 0));
  if (rw->maybeUnusedIndex.count > before)
    opListAppend(&rw->maybeUnused, convert);
}

static MlirOperation createConvert(MlirValue value, MlirType type, MlirLocation loc) {
  MlirOperationState state = mlirOperationStateGet(dlcStr("dhlo.convert"), loc);
  mlirOperationStateAddOperands(&state, 1, &value);
  mlirOperationStateAddResults(&state, 1, &type);
  return mlirOperationCreate(&state);
}

static MlirBlock blockOf(MlirValue value) {
  return mlirValueIsABlockArgument(value) ? mlirBlockArgumentGetOwner(value)
                                          : mlirOperationGetBlock(mlirOpResultGetOwner(value));
}

/* The bf16 form of the f32 `value` that already exists: the source of a bf16 -> f32
 * convert (exact, so the pair cancels), or the convert an earlier user made. Null if none. */
static MlirValue existingNarrow(Rewrite *rw, MlirValue value) {
  MlirOperation def = dlcDefiningOp(value);
  if (dlcOpIsA(def, "dhlo.convert")) {
    MlirValue source = mlirOperationGetOperand(def, 0);
    if (mlirTypeEqual(mlirValueGetType(source), dlcBf16TensorLike(mlirValueGetType(value)))) {
      noteMaybeUnused(rw, def);
      return source;
    }
  }
  intptr_t i = dlcValueIndexFind(&rw->narrowIndex, value);
  return i < 0 ? (MlirValue){NULL} : rw->narrowed[i];
}

static void rememberNarrow(Rewrite *rw, MlirValue value, MlirValue narrowed) {
  size_t i = (size_t)dlcValueIndexAdd(&rw->narrowIndex, value);
  if (i >= rw->narrowedCapacity) {
    rw->narrowedCapacity = rw->narrowedCapacity ? 2 * rw->narrowedCapacity : 64;
    rw->narrowed = dlcRealloc(rw->narrowed, rw->narrowedCapacity * sizeof *rw->narrowed);
  }
  rw->narrowed[i] = narrowed;
}

/* `value` in bf16 for `user`. A new convert goes into value's own block, before the op
 * that holds `user` there: it then dominates every later user, which reuses it (users are
 * visited in pre-order). */
static MlirValue narrow(Rewrite *rw, MlirValue value, MlirOperation user) {
  MlirValue existing = existingNarrow(rw, value);
  if (!mlirValueIsNull(existing))
    return existing;
  MlirBlock block = blockOf(value);
  MlirOperation anchor = user;
  while (!mlirBlockEqual(mlirOperationGetBlock(anchor), block))
    anchor = mlirOperationGetParentOperation(anchor);
  MlirOperation convert = createConvert(value, dlcBf16TensorLike(mlirValueGetType(value)),
                                        mlirOperationGetLocation(user));
  mlirBlockInsertOwnedOperationBefore(block, anchor, convert);
  MlirValue narrowed = mlirOperationGetResult(convert, 0);
  rememberNarrow(rw, value, narrowed);
  return narrowed;
}

/* A convert from f32 to bf16 already in the IR is a narrowing like the pass's own: it
 * gives way to an existing one (a duplicate, or a round trip that cancels) or becomes the
 * one later users reuse. Only one in the value's own block dominates all later users. */
static void mergeConvert(Rewrite *rw, MlirOperation convert) {
  MlirValue source = mlirOperationGetOperand(convert, 0);
  MlirValue result = mlirOperationGetResult(convert, 0);
  MlirType sourceType = mlirValueGetType(source);
  if (!dlcIsF32Tensor(sourceType) ||
      !mlirTypeEqual(mlirValueGetType(result), dlcBf16TensorLike(sourceType)))
    return;
  MlirValue existing = existingNarrow(rw, source);
  if (!mlirValueIsNull(existing)) {
    mlirValueReplaceAllUsesOfWith(result, existing);
    mlirOperationDestroy(convert);
  } else if (mlirBlockEqual(mlirOperationGetBlock(convert), blockOf(source))) {
    rememberNarrow(rw, source, result);
  }
}

/* Replaces `op` by a copy with its f32 tensor operands in bf16; a Compute or Move op also
 * yields bf16, widened back by one convert for the users that stay f32 (or by none, if
 * they all take bf16 and skip the round trip). dot_general states its f32 accumulation. */
static void rebuild(Rewrite *rw, MlirOperation op, DlcBf16Role role) {
  MlirContext ctx = mlirOperationGetContext(op);
  intptr_t numOperands = mlirOperationGetNumOperands(op);
  intptr_t numAttributes = mlirOperationGetNumDiscardableAttributes(op);
  MlirValue *operands = dlcAlloc(sizeof *operands * (size_t)(numOperands + 1));
  MlirNamedAttribute *attributes = dlcAlloc(sizeof *attributes * (size_t)(numAttributes + 1));
  for (intptr_t i = 0; i < numOperands; ++i) {
    MlirValue operand = mlirOperationGetOperand(op, i);
    operands[i] = dlcIsF32Tensor(mlirValueGetType(operand)) ? narrow(rw, operand, op) : operand;
  }
  for (intptr_t i = 0; i < numAttributes; ++i)
    attributes[i] = mlirOperationGetDiscardableAttribute(op, i);
  if (dlcOpIsA(op, "dhlo.dot_general") &&
      mlirAttributeIsNull(
          mlirOperationGetDiscardableAttributeByName(op, dlcStr("accumulation_type"))))
    attributes[numAttributes++] = mlirNamedAttributeGet(
        mlirIdentifierGet(ctx, dlcStr("accumulation_type")), mlirTypeAttrGet(mlirF32TypeGet(ctx)));
  MlirValue old = mlirOperationGetResult(op, 0);
  MlirType oldType = mlirValueGetType(old);
  MlirType type = role != DlcBf16Contract && dlcIsF32Tensor(oldType) ? dlcBf16TensorLike(oldType)
                                                                     : oldType;
  MlirOperationState state = mlirOperationStateGet(mlirIdentifierStr(mlirOperationGetName(op)),
                                                   mlirOperationGetLocation(op));
  mlirOperationStateAddOperands(&state, numOperands, operands);
  mlirOperationStateAddAttributes(&state, numAttributes, attributes);
  mlirOperationStateAddResults(&state, 1, &type);
  MlirOperation created = mlirOperationCreate(&state);
  MlirBlock block = mlirOperationGetBlock(op);
  mlirBlockInsertOwnedOperationBefore(block, op, created);
  MlirValue result = mlirOperationGetResult(created, 0);
  if (!mlirTypeEqual(type, oldType)) {
    MlirOperation widen = createConvert(result, oldType, mlirOperationGetLocation(op));
    mlirBlockInsertOwnedOperationAfter(block, created, widen);
    noteMaybeUnused(rw, widen);
    result = mlirOperationGetResult(widen, 0);
  }
  mlirValueReplaceAllUsesOfWith(old, result);
  mlirOperationDestroy(op);
  free(operands);
  free(attributes);
}

static void narrowReturn(Rewrite *rw, MlirOperation ret) {
  for (intptr_t i = 0, n = mlirOperationGetNumOperands(ret); i < n; ++i) {
    MlirValue operand = mlirOperationGetOperand(ret, i);
    if (dlcIsF32Tensor(mlirValueGetType(operand)))
      mlirOperationSetOperand(ret, i, narrow(rw, operand, ret));
  }
}

/* bf16-signature: f32 tensor arguments and results become bf16. Each such argument is
 * widened once at the entry, so the body keeps its f32 view until the rewrite narrows it
 * again, which then cancels the round trip. */
static void narrowSignature(Rewrite *rw, MlirOperation func) {
  MlirContext ctx = mlirOperationGetContext(func);
  MlirBlock entry = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  MlirType type =
      mlirTypeAttrGetValue(mlirOperationGetInherentAttributeByName(func, dlcStr("function_type")));
  intptr_t numInputs = mlirFunctionTypeGetNumInputs(type);
  intptr_t numResults = mlirFunctionTypeGetNumResults(type);
  MlirType *inputs = dlcAlloc(sizeof *inputs * (size_t)(numInputs + 1));
  MlirType *results = dlcAlloc(sizeof *results * (size_t)(numResults + 1));
  MlirOperation last = {NULL};
  for (intptr_t i = 0; i < numInputs; ++i) {
    MlirValue arg = mlirBlockGetArgument(entry, i);
    MlirType argType = mlirValueGetType(arg);
    inputs[i] = argType;
    if (!dlcIsF32Tensor(argType))
      continue;
    inputs[i] = dlcBf16TensorLike(argType);
    mlirBlockArgumentSetType(arg, inputs[i]);
    MlirOperation widen = createConvert(arg, argType, mlirValueGetLocation(arg));
    mlirBlockInsertOwnedOperationAfter(entry, last, widen);
    mlirValueReplaceAllUsesExcept(arg, mlirOperationGetResult(widen, 0), 1, &widen);
    noteMaybeUnused(rw, widen);
    last = widen;
  }
  for (intptr_t i = 0; i < numResults; ++i) {
    MlirType result = mlirFunctionTypeGetResult(type, i);
    results[i] = dlcIsF32Tensor(result) ? dlcBf16TensorLike(result) : result;
  }
  mlirOperationSetInherentAttributeByName(
      func, dlcStr("function_type"),
      mlirTypeAttrGet(mlirFunctionTypeGet(ctx, numInputs, inputs, numResults, results)));
  free(inputs);
  free(results);
}

static MlirWalkResult collectOp(MlirOperation op, void *userData) {
  opListAppend(userData, op);
  return MlirWalkResultAdvance;
}

static void rewriteFunction(MlirOperation func, bool all, bool bf16Signature) {
  Rewrite rw = {0};
  if (bf16Signature)
    narrowSignature(&rw, func);
  DlcBf16Plan plan;
  dlcBf16PlanFunction(&plan, func, all, bf16Signature);
  /* The ops are listed before any changes; each is visited once, and only the one being
   * visited is replaced or erased, so every later entry is still alive when reached. */
  OpList ops = {NULL, 0, 0};
  mlirOperationWalk(func, collectOp, &ops, MlirWalkPreOrder);
  for (size_t i = 0; i < ops.size; ++i) {
    MlirOperation op = ops.ops[i];
    DlcBf16Role role;
    if (dlcOpIsA(op, "dhlo.convert"))
      mergeConvert(&rw, op);
    else if (bf16Signature && dlcOpIsA(op, "func.return"))
      narrowReturn(&rw, op);
    else if (dlcBf16PlanChanges(&plan, op, &role))
      rebuild(&rw, op, role);
  }
  for (size_t i = rw.maybeUnused.size; i-- > 0;) {
    MlirOperation convert = rw.maybeUnused.ops[i];
    if (mlirOpOperandIsNull(mlirValueGetFirstUse(mlirOperationGetResult(convert, 0))))
      mlirOperationDestroy(convert);
  }
  free(ops.ops);
  free(rw.maybeUnused.ops);
  free(rw.narrowed);
  dlcValueIndexDestroy(&rw.narrowIndex);
  dlcValueIndexDestroy(&rw.maybeUnusedIndex);
  dlcBf16PlanDestroy(&plan);
}

/* ---- The pass --------------------------------------------------------------------------- */

/* The functions to rewrite, and the reducers (named by `to_apply`) that stay f32 whole: a
 * reduction accumulates in its reducer's type. */
typedef struct Functions {
  OpList funcs;
  MlirStringRef *reducers;
  size_t numReducers, reducersCapacity;
} Functions;

static MlirWalkResult collectFunctions(MlirOperation op, void *userData) {
  Functions *f = userData;
  MlirAttribute reducer = mlirOperationGetDiscardableAttributeByName(op, dlcStr("to_apply"));
  if (dlcIsDlcOp(op) && !mlirAttributeIsNull(reducer) && mlirAttributeIsAFlatSymbolRef(reducer)) {
    if (f->numReducers == f->reducersCapacity) {
      f->reducersCapacity = f->reducersCapacity ? 2 * f->reducersCapacity : 16;
      f->reducers = dlcRealloc(f->reducers, f->reducersCapacity * sizeof *f->reducers);
    }
    f->reducers[f->numReducers++] = mlirFlatSymbolRefAttrGetValue(reducer);
  }
  if (!dlcOpIsA(op, "func.func"))
    return MlirWalkResultAdvance;
  if (!mlirBlockIsNull(mlirRegionGetFirstBlock(mlirOperationGetRegion(op, 0))))
    opListAppend(&f->funcs, op);
  return MlirWalkResultAdvance;
}

static bool isReducer(const Functions *f, MlirOperation func) {
  MlirStringRef name = mlirStringAttrGetValue(
      mlirOperationGetInherentAttributeByName(func, mlirSymbolTableGetSymbolAttributeName()));
  for (size_t i = 0; i < f->numReducers; ++i)
    if (mlirStringRefEqual(f->reducers[i], name))
      return true;
  return false;
}

/* Entry points are public; private functions are computations that their callers name
 * with the types they declare. */
static bool isPublic(MlirOperation func) {
  MlirAttribute visibility =
      mlirOperationGetInherentAttributeByName(func, mlirSymbolTableGetVisibilityAttributeName());
  return mlirAttributeIsNull(visibility) || dlcStrEq(mlirStringAttrGetValue(visibility), "public");
}

enum { optMode, optBf16Signature, numOptions };

static void runBf16Rewrite(MlirOperation module, MlirExternalPass pass,
                           const DlcPassOptionValue *options) {
  const char *mode = options[optMode].s;
  bool all = !strcmp(mode, "all");
  if (!strcmp(mode, "none"))
    return; /* so that pipelines can leave the rewrite off through an option */
  if (!all && strcmp(mode, "matmul")) {
    char message[256];
    snprintf(message, sizeof message,
             "dhlo-bf16-rewrite: unknown mode '%.64s' (expected 'matmul', 'all' or 'none')",
             mode);
    mlirEmitError(mlirOperationGetLocation(module), message);
    mlirExternalPassSignalFailure(pass);
    return;
  }
  Functions f = {{NULL, 0, 0}, NULL, 0, 0};
  mlirOperationWalk(module, collectFunctions, &f, MlirWalkPreOrder);
  for (size_t i = 0; i < f.funcs.size; ++i) {
    MlirOperation func = f.funcs.ops[i];
    if (!isReducer(&f, func))
      rewriteFunction(func, all, options[optBf16Signature].b && isPublic(func));
  }
  free(f.funcs.ops);
  free(f.reducers);
}

static const DlcPassOptionInfo bf16RewriteOptions[] = {
    [optMode] = {"mode", DlcPassOptionString, "matmul",
                 "What runs in bf16: 'matmul' (dot_general and convolution operands, f32 "
                 "accumulation), 'all' (also elementwise ops, except the sensitive ones) or 'none'"},
    [optBf16Signature] = {"bf16-signature", DlcPassOptionBool, "false",
                          "Give public functions bf16 arguments and results instead of f32"},
};

const DlcPassDef dlcBf16RewritePass = {
    .info = {.argument = "dhlo-bf16-rewrite",
             .summary = "Run contractions (and with mode=all elementwise ops) in bf16, with "
                        "converts only at the boundaries of bf16 regions",
             .anchor = "builtin.module", .numOptions = numOptions, .options = bf16RewriteOptions},
    .run = runBf16Rewrite,
};
