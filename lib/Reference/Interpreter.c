/* Interpreter.c: runs a func.func of a module on host tensors op by op (dlcReferenceRun):
 * each op's operands are looked up among the values computed so far, its results created
 * zero-filled from their types and written by the op's implementation (the tables of
 * Elementwise.c, Movement.c, Contraction.c, Reduction.c, Collectives.c, and the calls
 * here). func.call and dhlo.fusion run their callee; reducers (RefReducer) run theirs on
 * scalars.
 * Ownership: a frame holds one reference to each value it has computed and drops it after
 * the value's last use, so a long function holds only its live values. */
#include "Reference/Evaluator.h"
#include "Support/Alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Deep enough for any real program; a recursive function stops here instead of the stack. */
enum { MAX_CALL_DEPTH = 200 };

struct RefInterp {
  MlirSymbolTable symbols;
  int depth;
};

static MlirLogicalResult runFunc(RefInterp *in, MlirOperation func, intptr_t nArgs,
                                 RefTensor *const *args, intptr_t nResults, RefTensor **results);

/* ---- An op as its rule sees it ---------------------------------------------------------- */

/* A DlcOpSig for `op`, so that the OpRules attribute readers and dlcRuleError serve the
 * evaluator too. It owns its name and attribute array. */
typedef struct {
  DlcOpSig sig;
  char name[64];
  MlirNamedAttribute *attributes;
} OwnedSig;

static void sigInit(OwnedSig *s, MlirSymbolTable symbols, MlirOperation op) {
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  size_t n = name.length < sizeof s->name - 1 ? name.length : sizeof s->name - 1;
  memcpy(s->name, name.data, n);
  s->name[n] = '\0';
  intptr_t numAttributes = mlirOperationGetNumAttributes(op);
  s->attributes = dlcAllocZeroed((size_t)numAttributes + 1, sizeof(MlirNamedAttribute));
  for (intptr_t i = 0; i < numAttributes; ++i)
    s->attributes[i] = mlirOperationGetAttribute(op, i);
  s->sig = (DlcOpSig){.ctx = mlirOperationGetContext(op),
                      .loc = mlirOperationGetLocation(op),
                      .name = s->name,
                      .numAttributes = numAttributes,
                      .attributes = s->attributes,
                      .numOperands = mlirOperationGetNumOperands(op),
                      .numResults = mlirOperationGetNumResults(op),
                      .symbols = symbols};
}

static void sigFree(OwnedSig *s) { free(s->attributes); }

/* ---- Calls ------------------------------------------------------------------------------ */

/* func.call and dhlo.fusion: the callee on the operands; its results are copied into the
 * op's (which may differ from the callee's types in layout only). */
static MlirLogicalResult runCallee(RefOp *op, const char *attrName) {
  MlirOperation callee;
  if (mlirLogicalResultIsFailure(dlcSigCallee(&op->sig, attrName, &callee)))
    return mlirLogicalResultFailure();
  RefTensor **got = dlcAllocZeroed((size_t)op->numResults + 1, sizeof *got);
  MlirLogicalResult ok =
      runFunc(op->interp, callee, op->numOperands, op->operands, op->numResults, got);
  for (intptr_t i = 0; i < op->numResults && mlirLogicalResultIsSuccess(ok); ++i)
    dlcRefCopyData(op->results[i], got[i]);
  for (intptr_t i = 0; i < op->numResults; ++i)
    dlcRefRelease(got[i]);
  free(got);
  return ok;
}

static MlirLogicalResult runCall(RefOp *op) { return runCallee(op, "callee"); }
static MlirLogicalResult runFusion(RefOp *op) { return runCallee(op, "calls"); }

static MlirLogicalResult runCustomCall(RefOp *op) {
  MlirStringRef target = {"", 0};
  dlcSigString(&op->sig, "call_target_name", false, &target);
  return dlcRuleError(&op->sig, "calls target \"%.*s\", which the reference evaluator cannot run",
                      (int)target.length, target.data);
}

static const RefOpImpl callOps[] = {
    {"func.call", runCall},
    {"dhlo.fusion", runFusion},
    {"dhlo.custom_call", runCustomCall},
    {NULL, NULL},
};

static RefOpFn lookupOp(const char *name) {
  static const RefOpImpl *const families[] = {
      dlcRefElementwiseOps, dlcRefMovementOps, dlcRefContractionOps,
      dlcRefReductionOps,   dlcRefCollectiveOps, callOps,
  };
  for (size_t f = 0; f < sizeof families / sizeof families[0]; ++f)
    for (const RefOpImpl *impl = families[f]; impl->name; ++impl)
      if (!strcmp(impl->name, name))
        return impl->run;
  return NULL;
}

/* ---- Reducers --------------------------------------------------------------------------- */

/* The code of the binary op if `func`'s body is `%r = op(%arg0, %arg1); return %r`, else -1.
 * Such reducers (add, max, ...) are applied directly: interpreting a body per element costs a
 * frame per element and changes nothing. */
static int singleBinaryOp(MlirOperation func) {
  MlirBlock block = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  if (mlirBlockIsNull(block) || mlirBlockGetNumArguments(block) != 2)
    return -1;
  MlirOperation op = mlirBlockGetFirstOperation(block);
  MlirOperation ret = mlirOperationIsNull(op) ? op : mlirOperationGetNextInBlock(op);
  if (mlirOperationIsNull(ret) || !mlirOperationIsNull(mlirOperationGetNextInBlock(ret)) ||
      mlirOperationGetNumOperands(op) != 2 || mlirOperationGetNumResults(op) != 1 ||
      mlirOperationGetNumOperands(ret) != 1 ||
      !mlirValueEqual(mlirOperationGetOperand(ret, 0), mlirOperationGetResult(op, 0)))
    return -1;
  for (intptr_t i = 0; i < 2; ++i)
    if (!mlirValueEqual(mlirOperationGetOperand(op, i), mlirBlockGetArgument(block, i)))
      return -1;
  return dlcRefBinaryCode(mlirIdentifierStr(mlirOperationGetName(op)));
}

MlirLogicalResult dlcRefReducerInit(RefReducer *r, RefOp *op, const char *attrName,
                                    DlcElementType type) {
  memset(r, 0, sizeof *r);
  r->op = op;
  r->type = type;
  if (mlirLogicalResultIsFailure(dlcSigCallee(&op->sig, attrName, &r->func)))
    return mlirLogicalResultFailure();
  r->binaryCode = singleBinaryOp(r->func);
  if (r->binaryCode < 0)
    for (int i = 0; i < 2; ++i)
      r->args[i] = dlcRefTensorNew(type, 0, NULL);
  return mlirLogicalResultSuccess();
}

MlirLogicalResult dlcRefReducerApply(RefReducer *r, RefScalar lhs, RefScalar rhs, RefScalar *out) {
  if (r->binaryCode >= 0) {
    /* Rounded as the body's tensor<E> result would be, at every application. */
    *out = dlcRefRound(r->type, dlcRefBinary(r->binaryCode, r->type, lhs, rhs));
    return mlirLogicalResultSuccess();
  }
  /* lhs and rhs are values of the element type already: storing them is exact. */
  dlcRefStore(r->args[0], 0, lhs);
  dlcRefStore(r->args[1], 0, rhs);
  RefTensor *result = NULL;
  if (mlirLogicalResultIsFailure(runFunc(r->op->interp, r->func, 2, r->args, 1, &result)))
    return mlirLogicalResultFailure();
  *out = dlcRefLoad(result, 0);
  dlcRefRelease(result);
  return mlirLogicalResultSuccess();
}

void dlcRefReducerFinish(RefReducer *r) {
  dlcRefRelease(r->args[0]);
  dlcRefRelease(r->args[1]);
}

/* ---- Frames ----------------------------------------------------------------------------- */

/* A value of the running function: its tensor (NULL before it is computed and after its last
 * use) and the position of the last op that uses it (-1: none). Open addressing on the
 * value's pointer. */
typedef struct {
  const void *key;
  RefTensor *tensor;
  int64_t lastUse;
} Slot;

typedef struct {
  Slot *slots;
  size_t mask;
} Frame;

static void frameInit(Frame *f, size_t numValues) {
  size_t capacity = 16;
  while (capacity < 2 * numValues)
    capacity *= 2;
  f->slots = dlcAllocZeroed(capacity, sizeof *f->slots);
  f->mask = capacity - 1;
}

/* The slot of `v`, created if `insert`; NULL if absent and not inserted. */
static Slot *frameSlot(Frame *f, MlirValue v, bool insert) {
  size_t i = ((uintptr_t)v.ptr >> 3) * UINT64_C(0x9E3779B97F4A7C15) & f->mask;
  for (;; i = (i + 1) & f->mask) {
    Slot *s = &f->slots[i];
    if (s->key == v.ptr)
      return s;
    if (!s->key) {
      if (!insert)
        return NULL;
      *s = (Slot){v.ptr, NULL, -1};
      return s;
    }
  }
}

static void frameFree(Frame *f) {
  for (size_t i = 0; i <= f->mask; ++i)
    dlcRefRelease(f->slots[i].tensor);
  free(f->slots);
}

/* Evaluates op number `position` of the frame's function. */
static MlirLogicalResult runOp(RefInterp *in, Frame *f, MlirOperation op, int64_t position) {
  OwnedSig s;
  sigInit(&s, in->symbols, op);
  intptr_t numOperands = s.sig.numOperands, numResults = s.sig.numResults;
  RefTensor **tensors = dlcAllocZeroed((size_t)(numOperands + numResults) + 1, sizeof *tensors);
  RefOp ref = {in, op, s.sig, numOperands, tensors, numResults, tensors + numOperands};
  MlirLogicalResult ok = mlirLogicalResultSuccess();
  RefOpFn run = lookupOp(s.name);
  if (!run)
    ok = dlcRuleError(&s.sig, "is not supported by the reference evaluator");
  for (intptr_t i = 0; i < numOperands; ++i)
    ref.operands[i] = frameSlot(f, mlirOperationGetOperand(op, i), false)->tensor;
  for (intptr_t i = 0; i < numResults && mlirLogicalResultIsSuccess(ok); ++i) {
    MlirType type = mlirValueGetType(mlirOperationGetResult(op, i));
    ref.results[i] = dlcRefTensorOfType(type);
    if (!ref.results[i]) {
      char buf[256];
      ok = dlcRuleError(&s.sig, "result #%lld has type %s, which the reference evaluator cannot "
                        "hold",
                        (long long)i, dlcTypeStr(type, buf, sizeof buf));
    }
  }
  if (mlirLogicalResultIsSuccess(ok))
    ok = run(&ref);
  for (intptr_t i = 0; i < numResults; ++i) {
    Slot *slot = frameSlot(f, mlirOperationGetResult(op, i), false);
    if (mlirLogicalResultIsSuccess(ok) && slot->lastUse >= 0)
      slot->tensor = ref.results[i];
    else
      dlcRefRelease(ref.results[i]);
  }
  for (intptr_t i = 0; i < numOperands; ++i) {
    Slot *slot = frameSlot(f, mlirOperationGetOperand(op, i), false);
    if (slot->lastUse == position) {
      dlcRefRelease(slot->tensor);
      slot->tensor = NULL;
    }
  }
  free(tensors);
  sigFree(&s);
  return ok;
}

/* Records the values of `block` and their last uses. Fails on a use of a value the block
 * does not define, which a single-block function cannot have but a nested region could. */
static MlirLogicalResult frameIndex(Frame *f, MlirOperation func, MlirBlock block) {
  intptr_t numValues = mlirBlockGetNumArguments(block);
  for (MlirOperation op = mlirBlockGetFirstOperation(block); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op))
    numValues += mlirOperationGetNumResults(op);
  frameInit(f, (size_t)numValues);
  for (intptr_t i = 0; i < mlirBlockGetNumArguments(block); ++i)
    frameSlot(f, mlirBlockGetArgument(block, i), true);
  int64_t position = 0;
  for (MlirOperation op = mlirBlockGetFirstOperation(block); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op), ++position) {
    for (intptr_t i = 0; i < mlirOperationGetNumOperands(op); ++i) {
      Slot *slot = frameSlot(f, mlirOperationGetOperand(op, i), false);
      if (!slot) {
        OwnedSig s;
        sigInit(&s, (MlirSymbolTable){NULL}, op);
        dlcRuleError(&s.sig, "uses a value defined outside its function's block");
        sigFree(&s);
        return mlirLogicalResultFailure();
      }
      slot->lastUse = position;
    }
    for (intptr_t i = 0; i < mlirOperationGetNumResults(op); ++i)
      frameSlot(f, mlirOperationGetResult(op, i), true);
  }
  return mlirLogicalResultSuccess();
}

/* A located error about `func`, as "'func.func' op ...". */
static MlirLogicalResult funcError(MlirOperation func, const char *message) {
  DlcOpSig sig = {.loc = mlirOperationGetLocation(func), .name = "func.func"};
  return dlcRuleError(&sig, "%s", message);
}

/* Runs `func` on `args` (borrowed); on success every results[i] holds a reference. */
static MlirLogicalResult runFunc(RefInterp *in, MlirOperation func, intptr_t nArgs,
                                 RefTensor *const *args, intptr_t nResults, RefTensor **results) {
  MlirBlock block = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  if (mlirBlockIsNull(block))
    return funcError(func, "is a declaration; the reference evaluator needs a body");
  if (!mlirBlockIsNull(mlirBlockGetNextInRegion(block)))
    return funcError(func, "has several blocks; the reference evaluator runs one-block bodies");
  if (mlirBlockGetNumArguments(block) != nArgs)
    return funcError(func, "is called with the wrong number of arguments");
  if (in->depth >= MAX_CALL_DEPTH)
    return funcError(func, "nests calls too deeply for the reference evaluator");
  Frame f;
  if (mlirLogicalResultIsFailure(frameIndex(&f, func, block))) {
    frameFree(&f);
    return mlirLogicalResultFailure();
  }
  for (intptr_t i = 0; i < nArgs; ++i)
    frameSlot(&f, mlirBlockGetArgument(block, i), false)->tensor = dlcRefRetain(args[i]);
  ++in->depth;
  MlirLogicalResult ok = mlirLogicalResultSuccess();
  bool returned = false;
  int64_t position = 0;
  for (MlirOperation op = mlirBlockGetFirstOperation(block); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op), ++position) {
    if (dlcStrEq(mlirIdentifierStr(mlirOperationGetName(op)), "func.return")) {
      returned = mlirOperationGetNumOperands(op) == nResults;
      for (intptr_t i = 0; returned && i < nResults; ++i)
        results[i] = dlcRefRetain(frameSlot(&f, mlirOperationGetOperand(op, i), false)->tensor);
      break;
    }
    ok = runOp(in, &f, op, position);
    if (mlirLogicalResultIsFailure(ok))
      break;
  }
  --in->depth;
  frameFree(&f);
  if (mlirLogicalResultIsSuccess(ok) && !returned)
    return funcError(func, "does not return the values its caller expects");
  return ok;
}

/* ---- Entry ------------------------------------------------------------------------------ */

/* Checks the arguments against @entry's type and runs it. */
static MlirLogicalResult runEntry(RefInterp *in, MlirOperation module, MlirStringRef entry,
                                  intptr_t nArgs, const DlcHostTensor *args, intptr_t nResults,
                                  DlcHostTensor *results) {
  char msg[512], a[256], b[256];
  MlirOperation func = mlirSymbolTableLookup(in->symbols, entry);
  if (mlirOperationIsNull(func) ||
      !dlcStrEq(mlirIdentifierStr(mlirOperationGetName(func)), "func.func")) {
    DlcOpSig sig = {.loc = mlirOperationGetLocation(module), .name = "builtin.module"};
    return dlcRuleError(&sig, "has no func.func named @%.*s to evaluate", (int)entry.length,
                        entry.data);
  }
  MlirType type = dlcFuncType(func);
  intptr_t numInputs = mlirFunctionTypeGetNumInputs(type);
  intptr_t numOutputs = mlirFunctionTypeGetNumResults(type);
  if (nArgs != numInputs || nResults != numOutputs) {
    snprintf(msg, sizeof msg, "takes %lld arguments and returns %lld results, but the reference "
             "evaluator was given %lld arguments and room for %lld results",
             (long long)numInputs, (long long)numOutputs, (long long)nArgs, (long long)nResults);
    return funcError(func, msg);
  }
  for (intptr_t i = 0; i < nArgs; ++i) {
    MlirType want = mlirFunctionTypeGetInput(type, i);
    RefTensor *arg = dlcRefUnwrap(args[i]);
    if (!arg || !dlcRefHasType(arg, want)) {
      snprintf(msg, sizeof msg, "argument #%lld has type %s, but the function takes %s",
               (long long)i, arg ? dlcRefTypeStr(arg, a, sizeof a) : "null",
               dlcTypeStr(want, b, sizeof b));
      return funcError(func, msg);
    }
  }
  RefTensor **raw = dlcAllocZeroed((size_t)(nArgs + nResults) + 1, sizeof *raw);
  for (intptr_t i = 0; i < nArgs; ++i)
    raw[i] = dlcRefUnwrap(args[i]);
  RefTensor **got = raw + nArgs;
  MlirLogicalResult ok = runFunc(in, func, nArgs, raw, nResults, got);
  for (intptr_t i = 0; i < nResults && mlirLogicalResultIsSuccess(ok); ++i) {
    /* A result shared with an argument or another result becomes a tensor of its own: the
     * caller owns and destroys each separately. */
    if (got[i]->refs > 1) {
      RefTensor *copy = dlcRefClone(got[i]);
      dlcRefRelease(got[i]);
      got[i] = copy;
    }
    results[i] = dlcRefWrap(got[i]);
  }
  free(raw);
  return ok;
}

MlirLogicalResult dlcReferenceRun(MlirOperation module, MlirStringRef entry, intptr_t nArgs,
                                  const DlcHostTensor *args, intptr_t nResults,
                                  DlcHostTensor *results) {
  for (intptr_t i = 0; i < nResults; ++i)
    results[i] = dlcRefWrap(NULL);
  if (!dlcStrEq(mlirIdentifierStr(mlirOperationGetName(module)), "builtin.module")) {
    DlcOpSig sig = {.loc = mlirOperationGetLocation(module), .name = "operation"};
    return dlcRuleError(&sig, "is not a builtin.module; the reference evaluator runs modules");
  }
  if (mlirLogicalResultIsFailure(dlcVerify(module)))
    return mlirLogicalResultFailure();
  RefInterp in = {mlirSymbolTableCreate(module), 0};
  MlirLogicalResult ok = runEntry(&in, module, entry, nArgs, args, nResults, results);
  mlirSymbolTableDestroy(in.symbols);
  return ok;
}
