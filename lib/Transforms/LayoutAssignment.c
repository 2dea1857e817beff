/* LayoutAssignment.c: `dhlo-layout-assignment`, after XLA's layout assignment: every tensor
 * value of rank 2 or more inside a function gets a physical layout, written as its type's
 * `#dtensor.layout` encoding (none for the row-major default), and `dtensor.relayout` ops
 * appear where a use needs another layout than its value has.
 *
 * The pass sees layouts as constraints of four priorities, applied in this order:
 *   1. preference: convolution and dot_general, whose kernels are written for one layout
 *      (the options say which; LayoutPreferences.c). Their results are fixed to it and their
 *      operands are asked for it.
 *   2. boundary: what layout assignment cannot change: function signatures (entry-layouts=
 *      keep), and ops that know no layouts (dlc ops without a layout rule: default layouts;
 *      other dialects' ops: the types they were given). Their results are fixed and their
 *      operands are asked for those layouts.
 *   3. soft: a reduce asks for its reduced dims minor. Reduce takes any operand layout
 *      natively, so this only decides values nothing above has decided.
 *   4. default: row-major, for whatever is left.
 * Each constraint propagates from its value through the ops that carry layouts (elementwise
 * ops, convert, broadcast_in_dim, transpose, bitcast reshapes, slice, pad, reduce, ...),
 * forward to their results and backward to their operands, keeping its priority. A worklist
 * applies all constraints of one priority, each breadth first from its seed in program order,
 * before any of the next, and a value keeps the first layout it is given; fixed values
 * refuse any other. So a convolution's layout spreads through its elementwise neighbours
 * (bias add, relu: the epilogue that fusion later merges with it) before a function's
 * signature can pull them back to row-major, and the relayout lands at the function's entry
 * or exit. Between two preferences of one priority the earlier op in program order wins.
 *
 * Propagation is legal because it never changes what an op computes, only where elements
 * sit: an elementwise result element depends on the same-index operand elements in any
 * common layout; transpose and broadcast_in_dim take the layouts that make them a bitcast or
 * a plain broadcast; a reshape passes a layout only where the physical element sequence stays
 * the same (dims merged or split in order); reduce keeps the kept dims in the operand's
 * physical order. Once every value has a layout, each use compares the layout its op needs
 * with its value's: a mismatch gets a relayout placed right after the value's definition and
 * shared by every use that needs that layout. A relayout of a `dhlo.constant` folds into a
 * copy of the constant whose result type carries the layout; its `value` stays in logical
 * row-major order (a DenseElementsAttr could carry the encoded type too, but its data would
 * still be logical), and dhlo-materialize-layouts permutes the data. Relayouts already in the
 * input are layout-neutral ops to this pass: a value and its relayout share a layout, and the
 * relayout is removed at the end, so inverse pairs cancel and chains collapse. */
#include "Transforms/Layouts.h"
#include "Support/Alloc.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

#include <stdlib.h>
#include <string.h>

enum { LevelPreference, LevelBoundary, LevelSoft, LevelDefault, numLevels };

typedef struct Relayout {
  DlcOrder order;
  MlirValue value;
} Relayout;

typedef struct ValueState {
  MlirValue value;
  MlirType type;   /* as the pass found it */
  DlcOrder order;  /* the assigned layout, once `assigned` */
  DlcOrder fixed;  /* the only layout it may take, if `isFixed` */
  bool assigned, isFixed;
  intptr_t source; /* the value input relayouts lead back to (itself without any) */
  Relayout *relayouts; /* made of this value, one per layout */
  size_t numRelayouts;
} ValueState;

typedef struct Constraint {
  intptr_t value;
  DlcOrder order;
} Constraint;

typedef struct Queue {
  Constraint *items;
  size_t head, size, capacity;
} Queue;

typedef struct Mismatch {
  MlirOperation op;
  intptr_t operand, value;
  DlcOrder order;
} Mismatch;

typedef struct Assignment {
  const DlcLayoutPrefs *prefs;
  MlirOperation func;
  bool freeSignature; /* the signature takes the layouts chosen inside */
  DlcValueIndex index; /* value -> its ValueState */
  ValueState *values;
  size_t numValues, valuesCapacity;
  MlirOperation *ops; /* the function's ops in program order */
  size_t numOps, opsCapacity;
  Queue queues[numLevels];
  Mismatch *mismatches;
  size_t numMismatches, mismatchesCapacity;
} Assignment;

/* ---- Values and constraints --------------------------------------------------------- */

static intptr_t find(const Assignment *a, MlirValue value) {
  return dlcValueIndexFind(&a->index, value);
}

static intptr_t addValue(Assignment *a, MlirValue value) {
  if (!dlcHasLayoutChoice(mlirValueGetType(value)))
    return -1;
  intptr_t i = dlcValueIndexAdd(&a->index, value);
  a->values = dlcGrow(a->values, &a->valuesCapacity, a->numValues + 1, sizeof *a->values);
  a->values[a->numValues++] = (ValueState){.value = value, .type = mlirValueGetType(value),
                                           .source = i};
  return i;
}

/* The layout a value has now: assigned, or the only one a tensor of rank < 2 has. */
static DlcOrder orderOf(const Assignment *a, MlirValue value) {
  intptr_t i = find(a, value);
  return i >= 0 ? a->values[i].order : dlcOrderIdentity(dlcValueRank(value));
}

static void push(Assignment *a, int level, MlirValue value, const DlcOrder *order) {
  intptr_t i = find(a, value);
  if (i < 0)
    return;
  Queue *q = &a->queues[level];
  q->items = dlcGrow(q->items, &q->capacity, q->size + 1, sizeof *q->items);
  q->items[q->size++] = (Constraint){i, *order};
}

static void fix(Assignment *a, int level, MlirValue value, const DlcOrder *order) {
  intptr_t i = find(a, value);
  if (i < 0)
    return;
  a->values[i].isFixed = true;
  a->values[i].fixed = *order;
  push(a, level, value, order);
}

/* ---- Propagation -------------------------------------------------------------------- */

/* Carries a layout across `op`, between its operand #i and its result, if the op passes
 * one on: forward, `known` is the operand's layout and `out` the result's that makes the op
 * a bitcast (or keeps its order); backward, the other way round. */
static bool carryOrder(MlirOperation op, intptr_t i, bool forward, const DlcOrder *known,
                       DlcOrder *out) {
  MlirValue result = mlirOperationGetResult(op, 0), operand = mlirOperationGetOperand(op, i);
  int64_t map[DLC_MAX_ARRAY], inverse[DLC_MAX_RANK];
  *out = *known;
  switch (dlcLayoutKindOf(op)) {
  case DlcLayoutSame:
  case DlcLayoutRelayout:
    return dlcValueRank(operand) == dlcValueRank(result);
  case DlcLayoutTranspose: /* result dim d is operand dim map[d] */
    dlcOpI64Array(op, "permutation", map);
    for (intptr_t k = 0; k < known->rank; ++k)
      inverse[map[k]] = k;
    for (intptr_t k = 0; k < known->rank; ++k)
      out->dim[k] = forward ? inverse[known->dim[k]] : map[known->dim[k]];
    return true;
  case DlcLayoutBroadcast: { /* operand dim d is result dim map[d] */
    intptr_t n = dlcOpI64Array(op, "broadcast_dimensions", map);
    if (forward) { /* only where no dim is added */
      for (intptr_t k = 0; k < known->rank; ++k)
        out->dim[k] = map[known->dim[k]];
      return n == dlcValueRank(result);
    }
    for (intptr_t d = 0; d < known->rank; ++d)
      inverse[d] = -1;
    for (intptr_t d = 0; d < n; ++d)
      inverse[map[d]] = d;
    out->rank = 0; /* the operand's dims in the order of their images */
    for (intptr_t k = 0; k < known->rank; ++k)
      if (inverse[known->dim[k]] >= 0)
        out->dim[out->rank++] = inverse[known->dim[k]];
    return true;
  }
  case DlcLayoutReshape: {
    DlcShape from = dlcShapeOf(mlirValueGetType(forward ? operand : result));
    DlcShape to = dlcShapeOf(mlirValueGetType(forward ? result : operand));
    return dlcReshapeDerive(&from, known, &to, out);
  }
  case DlcLayoutReduce: {
    bool reduced[DLC_MAX_RANK];
    dlcReducedDims(op, reduced);
    *out = forward ? dlcReduceResultOrder(reduced, known)
                   : dlcReduceOperandOrder(reduced, dlcValueRank(operand), known);
    return true;
  }
  default:
    return false;
  }
}

static void propagate(Assignment *a, int level, intptr_t i) {
  MlirValue value = a->values[i].value;
  DlcOrder order = a->values[i].order, derived;
  for (MlirOpOperand use = mlirValueGetFirstUse(value); !mlirOpOperandIsNull(use);
       use = mlirOpOperandGetNextUse(use)) {
    MlirOperation user = mlirOpOperandGetOwner(use);
    if (mlirOperationGetNumResults(user) == 1 &&
        carryOrder(user, mlirOpOperandGetOperandNumber(use), true, &order, &derived))
      push(a, level, mlirOperationGetResult(user, 0), &derived);
  }
  if (!mlirValueIsAOpResult(value))
    return;
  MlirOperation def = mlirOpResultGetOwner(value);
  for (intptr_t j = 0; j < mlirOperationGetNumOperands(def); ++j)
    if (find(a, mlirOperationGetOperand(def, j)) >= 0 && mlirOperationGetNumResults(def) == 1 &&
        carryOrder(def, j, false, &order, &derived))
      push(a, level, mlirOperationGetOperand(def, j), &derived);
}

/* Applies queued constraints, highest priority first, until none is left. */
static void drain(Assignment *a) {
  for (;;) {
    int level = 0;
    while (level < numLevels && a->queues[level].head == a->queues[level].size)
      ++level;
    if (level == numLevels)
      return;
    Constraint c = a->queues[level].items[a->queues[level].head++];
    ValueState *s = &a->values[c.value];
    if (s->assigned || (s->isFixed && !dlcOrderEqual(&s->fixed, &c.order)))
      continue;
    s->assigned = true;
    s->order = c.order;
    propagate(a, level, c.value);
  }
}

/* ---- What ops ask for --------------------------------------------------------------- */

static bool isReturn(MlirOperation op) {
  return dlcStrEq(mlirIdentifierStr(mlirOperationGetName(op)), "func.return");
}

/* Ops that know no layouts: dlc's take default layouts, other dialects' keep their types. */
static DlcOrder boundaryOrder(MlirOperation op, MlirType type) {
  return dlcIsDlcOp(op) ? dlcOrderIdentity(mlirShapedTypeGetRank(type)) : dlcOrderOfType(type);
}

/* What an op that knows no layouts asks of its operand #i: its boundary layout, except that
 * a free signature's return takes whatever its operands have. */
static bool boundaryOperandOrder(const Assignment *a, MlirOperation op, intptr_t i,
                                 DlcOrder *out) {
  intptr_t v = find(a, mlirOperationGetOperand(op, i));
  if (v < 0 || (isReturn(op) && a->freeSignature))
    return false;
  *out = boundaryOrder(op, a->values[v].type);
  return true;
}

static MlirLogicalResult seedOp(Assignment *a, MlirOperation op) {
  DlcOrder operands[2], result;
  switch (dlcLayoutKindOf(op)) {
  case DlcLayoutConvolution:
  case DlcLayoutDot:
    if (mlirLogicalResultIsFailure(dlcLayoutPreferred(a->prefs, op, operands, &result)))
      return mlirLogicalResultFailure();
    fix(a, LevelPreference, mlirOperationGetResult(op, 0), &result);
    for (intptr_t i = 0; i < 2; ++i)
      push(a, LevelPreference, mlirOperationGetOperand(op, i), &operands[i]);
    return mlirLogicalResultSuccess();
  case DlcLayoutReduce: {
    MlirValue operand = mlirOperationGetOperand(op, 0);
    bool reduced[DLC_MAX_RANK];
    dlcReducedDims(op, reduced);
    intptr_t rank = dlcValueRank(operand);
    DlcOrder kept = dlcOrderIdentity(dlcValueRank(mlirOperationGetResult(op, 0)));
    operands[0] = dlcReduceOperandOrder(reduced, rank, &kept);
    push(a, LevelSoft, operand, &operands[0]);
    return mlirLogicalResultSuccess();
  }
  case DlcLayoutOpaque:
    for (intptr_t i = 0; i < mlirOperationGetNumResults(op); ++i) {
      MlirValue r = mlirOperationGetResult(op, i);
      if (find(a, r) >= 0) {
        result = boundaryOrder(op, mlirValueGetType(r));
        fix(a, LevelBoundary, r, &result);
      }
    }
    for (intptr_t i = 0; i < mlirOperationGetNumOperands(op); ++i)
      if (boundaryOperandOrder(a, op, i, &operands[0]))
        push(a, LevelBoundary, mlirOperationGetOperand(op, i), &operands[0]);
    return mlirLogicalResultSuccess();
  default:
    return mlirLogicalResultSuccess();
  }
}

/* The layout `op` needs of its operand #i, if it needs one other than the operand's. */
static bool requiredOrder(Assignment *a, MlirOperation op, intptr_t i, DlcOrder *out) {
  MlirValue operand = mlirOperationGetOperand(op, i);
  DlcOrder have = orderOf(a, operand), result = dlcOrderIdentity(0), operands[2];
  if (mlirOperationGetNumResults(op) == 1)
    result = orderOf(a, mlirOperationGetResult(op, 0));
  switch (dlcLayoutKindOf(op)) {
  case DlcLayoutConvolution:
  case DlcLayoutDot:
    dlcLayoutPreferred(a->prefs, op, operands, &result); /* succeeded when seeded */
    *out = operands[i];
    return true;
  case DlcLayoutSame:
  case DlcLayoutRelayout:
    *out = result;
    return result.rank == have.rank;
  case DlcLayoutReshape: {
    DlcShape from = dlcShapeOf(mlirValueGetType(operand));
    DlcShape to = dlcShapeOf(mlirValueGetType(mlirOperationGetResult(op, 0)));
    if (dlcReshapeIsBitcast(&from, &have, &to, &result))
      return false;
    if (carryOrder(op, i, false, &result, out))
      return true;
    /* No operand layout makes this result layout a bitcast (a result of rank < 2 always has
     * one): the reshape works row-major and its users get relayouts from there. */
    a->values[find(a, mlirOperationGetResult(op, 0))].order = dlcOrderIdentity(to.rank);
    *out = dlcOrderIdentity(from.rank);
    return true;
  }
  case DlcLayoutReduce: {
    bool reduced[DLC_MAX_RANK];
    dlcReducedDims(op, reduced);
    DlcOrder natural = dlcReduceResultOrder(reduced, &have);
    *out = dlcReduceOperandOrder(reduced, have.rank, &result);
    return !dlcOrderEqual(&natural, &result);
  }
  case DlcLayoutOpaque:
    return boundaryOperandOrder(a, op, i, out);
  default: /* transpose, broadcast_in_dim: any operand layout */
    return false;
  }
}

/* ---- Relayouts ---------------------------------------------------------------------- */

/* The type of a value of the original type `type` in `order`: the original type itself when
 * the order is its own, so that types the pass does not change stay exactly as written (a
 * signature may spell the default layout out, and func.return compares types exactly). */
static MlirType typeInOrder(MlirType type, const DlcOrder *order) {
  DlcOrder own = dlcOrderOfType(type);
  return dlcOrderEqual(&own, order) ? type : dlcTypeWithOrder(type, order);
}

static bool definedAtSamePoint(MlirValue a, MlirValue b) {
  if (mlirValueIsABlockArgument(a) || mlirValueIsABlockArgument(b))
    return mlirValueIsABlockArgument(a) && mlirValueIsABlockArgument(b) &&
           mlirBlockEqual(mlirBlockArgumentGetOwner(a), mlirBlockArgumentGetOwner(b));
  return mlirOperationEqual(mlirOpResultGetOwner(a), mlirOpResultGetOwner(b));
}

/* Places `op` right after `value`'s definition, after the relayouts already made of values
 * defined there, so they read in the order they were made. */
static void insertAfterDefinition(MlirValue value, MlirOperation op) {
  bool isArgument = mlirValueIsABlockArgument(value);
  MlirOperation after = isArgument ? (MlirOperation){NULL} : mlirOpResultGetOwner(value);
  MlirBlock block = isArgument ? mlirBlockArgumentGetOwner(value) : mlirOperationGetBlock(after);
  MlirOperation next = isArgument ? mlirBlockGetFirstOperation(block)
                                  : mlirOperationGetNextInBlock(after);
  while (dlcLayoutKindOf(next) == DlcLayoutRelayout &&
         definedAtSamePoint(mlirOperationGetOperand(next, 0), value)) {
    after = next;
    next = mlirOperationGetNextInBlock(next);
  }
  if (mlirOperationIsNull(after))
    mlirBlockInsertOwnedOperationBefore(block, next, op);
  else
    mlirBlockInsertOwnedOperationAfter(block, after, op);
}

/* The value `a->values[i]` holds in `order`: itself, or one relayout (or constant) per
 * layout, made on first request. Input relayouts are skipped: the request goes to the value
 * they relayout, so no chain of relayouts is ever built. */
static MlirValue relayoutOf(Assignment *a, intptr_t i, const DlcOrder *order) {
  ValueState *s = &a->values[a->values[i].source];
  if (dlcOrderEqual(&s->order, order))
    return s->value;
  for (size_t r = 0; r < s->numRelayouts; ++r)
    if (dlcOrderEqual(&s->relayouts[r].order, order))
      return s->relayouts[r].value;
  MlirType type = typeInOrder(s->type, order);
  MlirOperation def = mlirValueIsAOpResult(s->value) ? mlirOpResultGetOwner(s->value)
                                                     : (MlirOperation){NULL};
  MlirOperation op;
  if (!mlirOperationIsNull(def) && dlcLayoutKindOf(def) == DlcLayoutConstant) {
    op = mlirOperationClone(def);
    mlirValueSetType(mlirOperationGetResult(op, 0), type);
  } else {
    MlirOperationState state =
        mlirOperationStateGet(dlcStr("dtensor.relayout"), mlirValueGetLocation(s->value));
    mlirOperationStateAddOperands(&state, 1, &s->value);
    mlirOperationStateAddResults(&state, 1, &type);
    op = mlirOperationCreate(&state);
  }
  insertAfterDefinition(s->value, op);
  s->relayouts = dlcRealloc(s->relayouts, (s->numRelayouts + 1) * sizeof *s->relayouts);
  s->relayouts[s->numRelayouts++] = (Relayout){*order, mlirOperationGetResult(op, 0)};
  return mlirOperationGetResult(op, 0);
}

/* ---- One function ------------------------------------------------------------------- */

static void addBlockArguments(Assignment *a, MlirBlock block, bool fixed) {
  for (intptr_t i = 0; i < mlirBlockGetNumArguments(block); ++i) {
    MlirValue arg = mlirBlockGetArgument(block, i);
    if (addValue(a, arg) < 0 || !fixed)
      continue;
    DlcOrder order = dlcOrderOfType(mlirValueGetType(arg));
    fix(a, LevelBoundary, arg, &order);
  }
}

/* Block arguments are fixed to their types, except a free signature's (the first block of
 * a function's body). */
static void addRegions(Assignment *a, MlirOperation op, bool freeEntry) {
  for (intptr_t r = 0; r < mlirOperationGetNumRegions(op); ++r) {
    bool entry = freeEntry;
    for (MlirBlock b = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, r)); !mlirBlockIsNull(b);
         b = mlirBlockGetNextInRegion(b), entry = false)
      addBlockArguments(a, b, !entry);
  }
}

/* Numbers the function's values in program order and lists its ops. */
static MlirWalkResult collect(MlirOperation op, void *userData) {
  Assignment *a = userData;
  if (mlirOperationEqual(op, a->func))
    return MlirWalkResultAdvance;
  a->ops = dlcGrow(a->ops, &a->opsCapacity, a->numOps + 1, sizeof *a->ops);
  a->ops[a->numOps++] = op;
  for (intptr_t i = 0; i < mlirOperationGetNumResults(op); ++i) {
    intptr_t v = addValue(a, mlirOperationGetResult(op, i));
    intptr_t from = dlcLayoutKindOf(op) == DlcLayoutRelayout
                        ? find(a, mlirOperationGetOperand(op, 0))
                        : -1;
    if (v >= 0 && from >= 0)
      a->values[v].source = a->values[from].source;
  }
  addRegions(a, op, false);
  return MlirWalkResultAdvance;
}

static void recordMismatches(Assignment *a) {
  for (size_t k = 0; k < a->numOps; ++k) {
    MlirOperation op = a->ops[k];
    for (intptr_t i = 0; i < mlirOperationGetNumOperands(op); ++i) {
      intptr_t v = find(a, mlirOperationGetOperand(op, i));
      DlcOrder need;
      if (v < 0 || !requiredOrder(a, op, i, &need) || dlcOrderEqual(&need, &a->values[v].order))
        continue;
      a->mismatches = dlcGrow(a->mismatches, &a->mismatchesCapacity, a->numMismatches + 1,
                              sizeof *a->mismatches);
      a->mismatches[a->numMismatches++] = (Mismatch){op, i, v, need};
    }
  }
}

/* Writes the layouts into the IR: value types, relayouts at mismatched uses, input
 * relayouts removed, constants left unused by their folded copies erased, and a free
 * signature updated. */
static void rewrite(Assignment *a) {
  for (size_t v = 0; v < a->numValues; ++v)
    mlirValueSetType(a->values[v].value, typeInOrder(a->values[v].type, &a->values[v].order));
  for (size_t m = 0; m < a->numMismatches; ++m) {
    Mismatch *mm = &a->mismatches[m];
    mlirOperationSetOperand(mm->op, mm->operand, relayoutOf(a, mm->value, &mm->order));
  }
  for (size_t k = 0; k < a->numOps; ++k) {
    if (dlcLayoutKindOf(a->ops[k]) != DlcLayoutRelayout)
      continue;
    mlirValueReplaceAllUsesOfWith(mlirOperationGetResult(a->ops[k], 0),
                                  mlirOperationGetOperand(a->ops[k], 0));
    mlirOperationDestroy(a->ops[k]);
  }
  for (size_t v = 0; v < a->numValues; ++v) {
    MlirValue value = a->values[v].value;
    if (a->values[v].numRelayouts && mlirValueIsAOpResult(value) &&
        mlirOpOperandIsNull(mlirValueGetFirstUse(value)))
      mlirOperationDestroy(mlirOpResultGetOwner(value)); /* only a constant, all of whose
                                                          * uses took folded copies */
  }
  if (!a->freeSignature)
    return;
  MlirBlock entry = mlirRegionGetFirstBlock(mlirOperationGetRegion(a->func, 0));
  MlirOperation ret = mlirBlockGetTerminator(entry);
  intptr_t numInputs = mlirBlockGetNumArguments(entry);
  intptr_t numResults = mlirOperationGetNumOperands(ret);
  MlirType *types = dlcAlloc(sizeof(MlirType) * (size_t)(numInputs + numResults));
  for (intptr_t i = 0; i < numInputs; ++i)
    types[i] = mlirValueGetType(mlirBlockGetArgument(entry, i));
  for (intptr_t i = 0; i < numResults; ++i)
    types[numInputs + i] = mlirValueGetType(mlirOperationGetOperand(ret, i));
  MlirContext ctx = mlirOperationGetContext(a->func);
  mlirOperationSetAttributeByName(
      a->func, dlcStr("function_type"),
      mlirTypeAttrGet(mlirFunctionTypeGet(ctx, numInputs, types, numResults, types + numInputs)));
  free(types);
}

static void resetAssignment(Assignment *a) {
  for (size_t v = 0; v < a->numValues; ++v)
    free(a->values[v].relayouts);
  dlcValueIndexDestroy(&a->index);
  a->numValues = a->numOps = a->numMismatches = 0;
  for (int l = 0; l < numLevels; ++l)
    a->queues[l].head = a->queues[l].size = 0;
}

static MlirLogicalResult assignFunction(Assignment *a, MlirOperation func, bool freeSignature) {
  resetAssignment(a);
  a->func = func;
  a->freeSignature = freeSignature;
  addRegions(a, func, freeSignature);
  mlirOperationWalk(func, collect, a, MlirWalkPreOrder);
  for (size_t k = 0; k < a->numOps; ++k)
    if (mlirLogicalResultIsFailure(seedOp(a, a->ops[k])))
      return mlirLogicalResultFailure();
  drain(a);
  for (size_t v = 0; v < a->numValues; ++v) {
    if (a->values[v].assigned)
      continue;
    DlcOrder identity = dlcOrderIdentity(mlirShapedTypeGetRank(a->values[v].type));
    push(a, LevelDefault, a->values[v].value, &identity);
    drain(a);
  }
  recordMismatches(a);
  rewrite(a);
  return mlirLogicalResultSuccess();
}

/* ---- The pass ----------------------------------------------------------------------- */

/* Symbol names are uniqued strings of the context: a function's name and every reference
 * to it share their characters, so the characters' address identifies the name. */
static MlirWalkResult collectSymbolUses(MlirOperation op, void *userData) {
  for (intptr_t i = 0; i < mlirOperationGetNumAttributes(op); ++i) {
    MlirAttribute attr = mlirOperationGetAttribute(op, i).attribute;
    if (mlirAttributeIsAFlatSymbolRef(attr))
      dlcPointerMapPut(userData, mlirFlatSymbolRefAttrGetValue(attr).data, 1);
  }
  return MlirWalkResultAdvance;
}

/* entry-layouts=propagate frees the signature of a single-block function that no symbol
 * names: a caller or a called-computation user would need the types it declares. */
static bool hasFreeSignature(const DlcPointerMap *uses, MlirOperation func) {
  MlirBlock entry = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  MlirAttribute name =
      mlirOperationGetAttributeByName(func, mlirSymbolTableGetSymbolAttributeName());
  return mlirBlockIsNull(mlirBlockGetNextInRegion(entry)) &&
         dlcPointerMapGet(uses, mlirStringAttrGetValue(name).data) < 0;
}

static void runLayoutAssignment(MlirOperation module, MlirExternalPass pass,
                                const DlcPassOptionValue *options) {
  DlcLayoutPrefs prefs;
  if (mlirLogicalResultIsFailure(
          dlcLayoutPrefsParse(options, mlirOperationGetLocation(module), &prefs))) {
    mlirExternalPassSignalFailure(pass);
    return;
  }
  DlcPointerMap uses = {NULL, NULL, 0, 0};
  if (prefs.propagateEntry)
    mlirOperationWalk(module, collectSymbolUses, &uses, MlirWalkPreOrder);
  MlirOperation *funcs;
  size_t numFuncs = dlcCollectFunctions(module, &funcs);
  Assignment a = {.prefs = &prefs};
  MlirLogicalResult result = mlirLogicalResultSuccess();
  for (size_t f = 0; f < numFuncs && mlirLogicalResultIsSuccess(result); ++f)
    result = assignFunction(&a, funcs[f],
                            prefs.propagateEntry && hasFreeSignature(&uses, funcs[f]));
  resetAssignment(&a);
  free(a.values);
  free(a.ops);
  free(a.mismatches);
  for (int l = 0; l < numLevels; ++l)
    free(a.queues[l].items);
  free(funcs);
  dlcPointerMapDestroy(&uses);
  dlcPassCheck(pass, result);
}

const DlcPassDef dlcLayoutAssignmentPass = {
    .info = {.argument = "dhlo-layout-assignment",
             .summary = "Give every tensor a physical layout (#dtensor.layout) and insert "
                        "dtensor.relayout where uses disagree",
             .anchor = "builtin.module", .numOptions = dlcLayoutNumOptions,
             .options = dlcLayoutAssignmentOptions},
    .run = runLayoutAssignment,
};
