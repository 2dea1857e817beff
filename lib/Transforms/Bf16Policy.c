/* Bf16Policy.c: which ops of a function `dhlo-bf16-rewrite` changes. mode=matmul narrows the
 * operands of contractions. mode=all also runs elementwise arithmetic in bf16, except the
 * numerically sensitive ops of one table, and lets data movement follow its neighbours. */
#include "Transforms/Bf16.h"
#include "Transforms/Canonicalize.h" /* dlcOpIsA, dlcDefiningOp */
#include "Support/Alloc.h"

#include <stdlib.h>

/* The ops that stay f32 in mode=all, and why. docs/passes.md carries the same table. */
static const char *const keepF32[] = {
    /* exp turns an absolute input error into a relative output error of the same size:
     * bf16 rounds x = 80 by up to 0.25, which puts exp(x) 28% off. */
    "dhlo.exponential",
    /* Near 1 (log) and 0 (log_plus_one) the absolute output error is the input's relative
     * error, and their inputs are typically probabilities and likelihoods. */
    "dhlo.log",
    "dhlo.log_plus_one",
    /* Normalizers: the denominators of softmax and means, layer and RMS norms. */
    "dhlo.divide",
    "dhlo.sqrt",
    "dhlo.rsqrt",
    /* The base's relative error is multiplied by the exponent. */
    "dhlo.power",
    /* Accumulation: with 8 significant bits a sum stops growing once it is 512 times its
     * terms. Their reducers stay f32 as well (the pass skips every to_apply function). */
    "dhlo.reduce",
    "dhlo.reduce_window",
    /* variance + epsilon under an rsqrt: in bf16, epsilon = 1e-5 vanishes next to 0.01. */
    "dhlo.batch_norm_inference",
};

/* Data movement: exact in any type, so it runs in bf16 wherever that loses nothing. */
static const char *const movement[] = {
    "dhlo.broadcast_in_dim", "dhlo.reshape",       "dhlo.transpose",
    "dhlo.reverse",          "dhlo.slice",         "dhlo.concatenate",
    "dhlo.pad",              "dhlo.dynamic_slice", "dhlo.dynamic_update_slice",
    "dhlo.gather",
};

#define TABLE_HAS(table, name) tableHas(table, sizeof table / sizeof table[0], name)

static bool tableHas(const char *const *table, size_t n, MlirStringRef name) {
  for (size_t i = 0; i < n; ++i)
    if (dlcStrEq(name, table[i]))
      return true;
  return false;
}

bool dlcIsF32Tensor(MlirType type) {
  return mlirTypeIsARankedTensor(type) && mlirTypeIsAF32(mlirShapedTypeGetElementType(type));
}

bool dlcIsBf16Tensor(MlirType type) {
  return mlirTypeIsARankedTensor(type) && mlirTypeIsABF16(mlirShapedTypeGetElementType(type));
}

MlirType dlcBf16TensorLike(MlirType type) {
  intptr_t rank = mlirShapedTypeGetRank(type);
  int64_t dims[DLC_MAX_RANK];
  for (intptr_t d = 0; d < rank; ++d)
    dims[d] = mlirShapedTypeGetDimSize(type, d);
  return mlirRankedTensorTypeGet(rank, dims, mlirBF16TypeGet(mlirTypeGetContext(type)),
                                 mlirRankedTensorTypeGetEncoding(type));
}

static bool touchesF32(MlirOperation op) {
  for (intptr_t i = 0, n = mlirOperationGetNumOperands(op); i < n; ++i)
    if (dlcIsF32Tensor(mlirValueGetType(mlirOperationGetOperand(op, i))))
      return true;
  return dlcIsF32Tensor(mlirValueGetType(mlirOperationGetResult(op, 0)));
}

/* The role of an op the pass may change; false for any other op. Only single-result dhlo
 * ops qualify: every op of the three roles has one result. */
static bool roleOf(MlirOperation op, bool all, DlcBf16Role *role) {
  if (!dlcIsDlcOp(op) || mlirOperationGetNumResults(op) != 1)
    return false;
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  if (dlcStrEq(name, "dhlo.dot_general") || dlcStrEq(name, "dhlo.convolution")) {
    *role = DlcBf16Contract;
    return dlcIsF32Tensor(mlirValueGetType(mlirOperationGetOperand(op, 0))) &&
           dlcIsF32Tensor(mlirValueGetType(mlirOperationGetOperand(op, 1)));
  }
  /* convert is elementwise, but it is where precision changes on purpose. */
  if (!all || TABLE_HAS(keepF32, name) || dlcStrEq(name, "dhlo.convert"))
    return false;
  if (TABLE_HAS(movement, name)) {
    *role = DlcBf16Move;
  } else {
    const DlcOpRule *rule = dlcLookupOpRule(name);
    if (!rule || !(rule->traits & DLC_TRAIT_ELEMENTWISE))
      return false;
    *role = DlcBf16Compute;
  }
  return touchesF32(op);
}

static intptr_t planFind(const DlcBf16Plan *plan, MlirOperation op) {
  if (mlirOperationGetNumResults(op) == 0)
    return -1;
  return dlcValueIndexFind(&plan->index, mlirOperationGetResult(op, 0));
}

bool dlcBf16PlanChanges(const DlcBf16Plan *plan, MlirOperation op, DlcBf16Role *role) {
  intptr_t i = planFind(plan, op);
  if (i < 0)
    return false;
  *role = plan->roles[i];
  return plan->inBf16[i];
}

/* True if the f32 `value` exists in bf16 without rounding: made by an op that runs in bf16,
 * or widened from bf16 by a convert. */
static bool exactInBf16(const DlcBf16Plan *plan, MlirValue value) {
  MlirOperation def = dlcDefiningOp(value);
  if (dlcOpIsA(def, "dhlo.convert"))
    return dlcIsBf16Tensor(mlirValueGetType(mlirOperationGetOperand(def, 0)));
  intptr_t i = mlirOperationIsNull(def) ? -1 : planFind(plan, def);
  return i >= 0 && plan->roles[i] != DlcBf16Contract && plan->inBf16[i];
}

/* True if the user of `use` takes the f32 value it reads in bf16 (so rounding it earlier
 * loses nothing). */
static bool useTakesBf16(const DlcBf16Plan *plan, MlirOpOperand use) {
  MlirOperation user = mlirOpOperandGetOwner(use);
  if (dlcOpIsA(user, "dhlo.convert"))
    return dlcIsBf16Tensor(mlirValueGetType(mlirOperationGetResult(user, 0)));
  if (dlcOpIsA(user, "func.return"))
    return plan->bf16Results;
  intptr_t i = planFind(plan, user);
  return i >= 0 && plan->inBf16[i];
}

/* How many of `op`'s f32 tensor operands there are (`*numF32`) and are exact in bf16. */
static int countExactOperands(const DlcBf16Plan *plan, MlirOperation op, int *numF32) {
  int exact = 0;
  *numF32 = 0;
  for (intptr_t i = 0, n = mlirOperationGetNumOperands(op); i < n; ++i) {
    MlirValue operand = mlirOperationGetOperand(op, i);
    if (!dlcIsF32Tensor(mlirValueGetType(operand)))
      continue;
    ++*numF32;
    exact += exactInBf16(plan, operand);
  }
  return exact;
}

/* How many uses `op`'s result has (`*numUses`) and how many of them take bf16. */
static int countUsesTakingBf16(const DlcBf16Plan *plan, MlirOperation op, int *numUses) {
  int taking = 0;
  *numUses = 0;
  for (MlirOpOperand use = mlirValueGetFirstUse(mlirOperationGetResult(op, 0));
       !mlirOpOperandIsNull(use); use = mlirOpOperandGetNextUse(use)) {
    ++*numUses;
    taking += useTakesBf16(plan, use);
  }
  return taking;
}

/* A movement op runs in bf16 when that loses nothing and adds no convert: its f32 operands
 * are all exact in bf16, or all its users take bf16. */
static bool movesInBf16(const DlcBf16Plan *plan, MlirOperation op) {
  int numF32, numUses;
  return countExactOperands(plan, op, &numF32) == numF32 ||
         (countUsesTakingBf16(plan, op, &numUses) == numUses && numUses > 0);
}

/* An arithmetic op that neither reads a value exact in bf16 nor feeds a user that takes
 * bf16 would be a bf16 region of its own: two converts that round its inputs and gain
 * nothing, so it stays f32. */
static bool isIsland(const DlcBf16Plan *plan, MlirOperation op) {
  int numF32, numUses;
  return countExactOperands(plan, op, &numF32) == 0 && countUsesTakingBf16(plan, op, &numUses) == 0;
}

/* True if `value` is operand 0 of an op named `name`, directly or through a few data
 * movement ops (the broadcasts and reshapes between a softmax's exp, sum and divide). */
static bool feeds(MlirValue value, const char *name, int depth) {
  for (MlirOpOperand use = mlirValueGetFirstUse(value); !mlirOpOperandIsNull(use);
       use = mlirOpOperandGetNextUse(use)) {
    MlirOperation user = mlirOpOperandGetOwner(use);
    if (dlcOpIsA(user, name) && mlirOpOperandGetOperandNumber(use) == 0)
      return true;
    if (depth < 4 && dlcIsDlcOp(user) && mlirOperationGetNumResults(user) == 1 &&
        TABLE_HAS(movement, mlirIdentifierStr(mlirOperationGetName(user))) &&
        feeds(mlirOperationGetResult(user, 0), name, depth + 1))
      return true;
  }
  return false;
}

/* Softmax, exp(x - max(x)) / sum(exp(x - max(x))): exp, the sum's reduce and the divide are
 * in keepF32 already; the subtract that shifts x by its maximum stays f32 too, because exp
 * amplifies its rounding error. `exp` is an exponential already visited in pre-order, so
 * the subtract defining its operand is planned. */
static void pinSoftmaxShift(DlcBf16Plan *plan, MlirOperation exp) {
  MlirValue e = mlirOperationGetResult(exp, 0);
  MlirOperation shift = dlcDefiningOp(mlirOperationGetOperand(exp, 0));
  if (!dlcOpIsA(shift, "dhlo.subtract") || !feeds(e, "dhlo.reduce", 0) ||
      !feeds(e, "dhlo.divide", 0))
    return;
  intptr_t i = planFind(plan, shift);
  if (i >= 0)
    plan->inBf16[i] = false;
}

typedef struct PlanWalk {
  DlcBf16Plan *plan;
  bool all;
} PlanWalk;

static MlirWalkResult planOp(MlirOperation op, void *userData) {
  PlanWalk *walk = userData;
  DlcBf16Plan *plan = walk->plan;
  DlcBf16Role role;
  if (walk->all && dlcOpIsA(op, "dhlo.exponential"))
    pinSoftmaxShift(plan, op);
  if (!roleOf(op, walk->all, &role))
    return MlirWalkResultAdvance;
  if (plan->size == plan->capacity) {
    plan->capacity = plan->capacity ? 2 * plan->capacity : 64;
    plan->ops = dlcRealloc(plan->ops, plan->capacity * sizeof *plan->ops);
    plan->roles = dlcRealloc(plan->roles, plan->capacity * sizeof *plan->roles);
    plan->inBf16 = dlcRealloc(plan->inBf16, plan->capacity * sizeof *plan->inBf16);
  }
  /* Contractions always narrow and arithmetic always runs in bf16; movement starts in f32
   * and moves to bf16 as its neighbours allow. */
  plan->ops[plan->size] = op;
  plan->roles[plan->size] = role;
  plan->inBf16[plan->size] = role != DlcBf16Move;
  dlcValueIndexAdd(&plan->index, mlirOperationGetResult(op, 0));
  ++plan->size;
  return MlirWalkResultAdvance;
}

void dlcBf16PlanFunction(DlcBf16Plan *plan, MlirOperation func, bool all, bool bf16Results) {
  *plan = (DlcBf16Plan){.bf16Results = bf16Results};
  PlanWalk walk = {plan, all};
  mlirOperationWalk(func, planOp, &walk, MlirWalkPreOrder);
  /* Movement decisions only ever turn to bf16, and each one can enable its neighbours', so
   * sweeping until nothing changes reaches the fixpoint in at most size sweeps. */
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t i = 0; i < plan->size; ++i) {
      if (plan->roles[i] != DlcBf16Move || plan->inBf16[i] || !movesInBf16(plan, plan->ops[i]))
        continue;
      plan->inBf16[i] = changed = true;
    }
  }
  /* An island's neighbours are all f32 (a bf16 one would make it read or feed bf16), so
   * turning islands back to f32 changes no other decision. */
  for (size_t i = 0; i < plan->size; ++i)
    if (plan->roles[i] == DlcBf16Compute && plan->inBf16[i] && isIsland(plan, plan->ops[i]))
      plan->inBf16[i] = false;
}

void dlcBf16PlanDestroy(DlcBf16Plan *plan) {
  free(plan->ops);
  free(plan->roles);
  free(plan->inBf16);
  dlcValueIndexDestroy(&plan->index);
}
