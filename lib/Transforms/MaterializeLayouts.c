/* MaterializeLayouts.c: `dhlo-materialize-layouts` turns layouts into plain tensors, so that
 * passes which know no `#dtensor.layout` (upstream linalg, bufferization) see ordinary IR
 * that computes the same function.
 *
 * A layout is physical: `tensor<2x3xf32, #dtensor.layout<[0, 1]>>` is still a 2x3 tensor,
 * stored column-major. Materializing picks, for every value, the plain tensor whose row-major
 * order is that physical order: a value of logical dims D in order O (major to minor, see
 * Layouts.h) becomes transpose(value, O), of dims D[O[0]], D[O[1]], ... Every op is then
 * rewritten for operands and results in those physical dims:
 *   - elementwise ops and ops with dimension-indexed attributes (slice, pad, reverse,
 *     concatenate, iota, reduce_window, batch_norm_inference): operands of the result's rank
 *     are brought to the result's order, and the attributes are permuted with it;
 *   - convolution: the dimension_numbers labels are permuted with each tensor's order, so any
 *     combination of layouts is one convolution ("bf01" held as NHWC reads "b01f");
 *   - dot_general: batching and contracting dims are renumbered; the result comes out as
 *     batch dims, lhs free dims in lhs order, rhs free dims in rhs order;
 *   - reduce: the reduced dims are renumbered; the kept dims keep the operand's order;
 *   - transpose and broadcast_in_dim: the permutation or broadcast dims are composed with
 *     the layouts (a transpose that layout assignment made a bitcast disappears);
 *   - reshape: kept when the layouts make it a bitcast, else done row-major;
 *   - constant: its data is permuted into the physical order;
 *   - dtensor.relayout: becomes the transpose between the two physical orders;
 *   - every other op, and function boundaries (arguments, results): default layouts.
 * Where an op produces another order than its result's layout, or needs another than an
 * operand has, a dhlo.transpose converts; the IR stays correct for any input layouts, at
 * worst with transposes where a native rewrite is missing. */
#include "Transforms/Canonicalize.h"
#include "Transforms/Layouts.h"
#include "Support/Alloc.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"

#include <stdlib.h>
#include <string.h>

/* What the pass knows of a value users now see: its logical type (no encoding), the order
 * its plain physical type holds it in, and the value it is a transpose of if this pass made
 * it one (so a transpose back returns that value instead of stacking a second transpose). */
typedef struct ValueInfo {
  MlirType logical;
  DlcOrder order;
  MlirValue source;
} ValueInfo;

typedef struct Materializer {
  DlcValueIndex index; /* value -> its ValueInfo */
  ValueInfo *infos;
  size_t capacity;
  MlirOperation *ops;
  size_t numOps, opsCapacity;
  MlirOperation *bitcasts; /* transposes that became physical identities */
  size_t numBitcasts, bitcastsCapacity;
  MlirOperation *made; /* the transposes this pass made */
  size_t numMade, madeCapacity;
  MlirOperation func;
  bool failed;
} Materializer;

static void record(Materializer *m, MlirValue value, MlirType logical, const DlcOrder *order,
                   MlirValue source) {
  intptr_t i = dlcValueIndexAdd(&m->index, value);
  m->infos = dlcGrow(m->infos, &m->capacity, m->index.count, sizeof *m->infos);
  m->infos[i] = (ValueInfo){logical, *order, source};
}

/* Values without a layout choice (rank < 2, not tensors) need no entry. */
static DlcOrder orderOf(const Materializer *m, MlirValue value) {
  intptr_t i = dlcValueIndexFind(&m->index, value);
  return i >= 0 ? m->infos[i].order : dlcOrderIdentity(dlcValueRank(value));
}

static MlirType logicalOf(const Materializer *m, MlirValue value) {
  intptr_t i = dlcValueIndexFind(&m->index, value);
  return i >= 0 ? m->infos[i].logical : mlirValueGetType(value);
}

/* `value` in order `to`: a dhlo.transpose placed before or after `anchor`, or what this pass
 * transposed into `value` if that has order `to`. */
static MlirValue transposeTo(Materializer *m, MlirValue value, const DlcOrder *to,
                             MlirOperation anchor, bool before) {
  intptr_t i = dlcValueIndexFind(&m->index, value);
  if (i >= 0 && !mlirValueIsNull(m->infos[i].source)) {
    MlirValue source = m->infos[i].source;
    DlcOrder order = orderOf(m, source);
    if (dlcOrderEqual(&order, to))
      return source;
  }
  DlcOrder from = orderOf(m, value);
  MlirType logical = logicalOf(m, value);
  int64_t pos[DLC_MAX_RANK], perm[DLC_MAX_RANK];
  dlcOrderPositions(&from, pos);
  for (intptr_t k = 0; k < to->rank; ++k)
    perm[k] = pos[to->dim[k]];
  MlirContext ctx = mlirOperationGetContext(anchor);
  MlirType type = dlcPhysicalType(logical, to);
  MlirNamedAttribute attr = mlirNamedAttributeGet(
      mlirIdentifierGet(ctx, dlcStr("permutation")), mlirDenseI64ArrayGet(ctx, to->rank, perm));
  MlirOperationState state =
      mlirOperationStateGet(dlcStr("dhlo.transpose"), mlirOperationGetLocation(anchor));
  mlirOperationStateAddOperands(&state, 1, &value);
  mlirOperationStateAddResults(&state, 1, &type);
  mlirOperationStateAddAttributes(&state, 1, &attr);
  MlirOperation op = mlirOperationCreate(&state);
  MlirBlock block = mlirOperationGetBlock(anchor);
  if (before)
    mlirBlockInsertOwnedOperationBefore(block, anchor, op);
  else
    mlirBlockInsertOwnedOperationAfter(block, anchor, op);
  m->made = dlcGrow(m->made, &m->madeCapacity, m->numMade + 1, sizeof *m->made);
  m->made[m->numMade++] = op;
  MlirValue result = mlirOperationGetResult(op, 0);
  record(m, result, logical, to, value);
  return result;
}

/* Brings `op`'s operand #i to order `want`. */
static void coerceOperand(Materializer *m, MlirOperation op, intptr_t i, const DlcOrder *want) {
  MlirValue operand = mlirOperationGetOperand(op, i);
  DlcOrder have = orderOf(m, operand);
  if (!dlcOrderEqual(&have, want))
    mlirOperationSetOperand(op, i, transposeTo(m, operand, want, op, true));
}

/* `op` computes its result #r physically in order `natural`; its users get the layout the
 * result's type names. */
static void finishResult(Materializer *m, MlirOperation op, intptr_t r, const DlcOrder *natural) {
  MlirValue result = mlirOperationGetResult(op, r);
  MlirType type = mlirValueGetType(result);
  if (!dlcHasLayoutChoice(type)) { /* a rank-0/1 tensor can carry only the default */
    mlirValueSetType(result, dlcStripLayout(type));
    return;
  }
  DlcOrder assigned = dlcOrderOfType(type);
  MlirType logical = dlcStripLayout(type);
  mlirValueSetType(result, dlcPhysicalType(type, natural));
  record(m, result, logical, natural, (MlirValue){NULL});
  if (dlcOrderEqual(natural, &assigned))
    return;
  MlirValue moved = transposeTo(m, result, &assigned, op, false);
  MlirOperation user = mlirOpResultGetOwner(moved);
  mlirValueReplaceAllUsesExcept(result, moved, 1, &user);
}

/* ---- Ops ---------------------------------------------------------------------------- */

static void materializeSame(Materializer *m, MlirOperation op) {
  DlcOrder order = dlcOrderOfType(mlirValueGetType(mlirOperationGetResult(op, 0)));
  for (intptr_t i = 0; i < mlirOperationGetNumOperands(op); ++i)
    if (dlcValueRank(mlirOperationGetOperand(op, i)) == order.rank)
      coerceOperand(m, op, i, &order);
  dlcPermuteDimAttrs(op, &order);
  finishResult(m, op, 0, &order);
}

/* Rewrites array attribute `name`, which maps the dims of one value (held in `from`) to those
 * of another (held in `to`), to map their physical dims; true if it becomes the identity. */
static bool composeDimMap(MlirOperation op, const char *name, const DlcOrder *from,
                          const DlcOrder *to) {
  int64_t map[DLC_MAX_ARRAY], pos[DLC_MAX_RANK], physical[DLC_MAX_RANK];
  dlcOpI64Array(op, name, map);
  dlcOrderPositions(to, pos);
  bool identity = true;
  for (intptr_t k = 0; k < from->rank; ++k) {
    physical[k] = pos[map[from->dim[k]]];
    identity = identity && physical[k] == k;
  }
  dlcOpSetI64Array(op, name, from->rank, physical);
  return identity;
}

/* A transpose's permutation maps result dims to operand dims; one that becomes the identity
 * is a bitcast, removed at the end. */
static void materializeTranspose(Materializer *m, MlirOperation op) {
  DlcOrder in = orderOf(m, mlirOperationGetOperand(op, 0));
  DlcOrder out = dlcOrderOfType(mlirValueGetType(mlirOperationGetResult(op, 0)));
  bool bitcast = composeDimMap(op, "permutation", &out, &in);
  finishResult(m, op, 0, &out);
  if (bitcast) {
    m->bitcasts = dlcGrow(m->bitcasts, &m->bitcastsCapacity, m->numBitcasts + 1,
                          sizeof *m->bitcasts);
    m->bitcasts[m->numBitcasts++] = op;
  }
}

/* broadcast_dimensions maps operand dims to result dims. */
static void materializeBroadcast(Materializer *m, MlirOperation op) {
  DlcOrder in = orderOf(m, mlirOperationGetOperand(op, 0));
  DlcOrder out = dlcOrderOfType(mlirValueGetType(mlirOperationGetResult(op, 0)));
  composeDimMap(op, "broadcast_dimensions", &in, &out);
  finishResult(m, op, 0, &out);
}

static void materializeReshape(Materializer *m, MlirOperation op) {
  MlirValue operand = mlirOperationGetOperand(op, 0), result = mlirOperationGetResult(op, 0);
  DlcOrder in = orderOf(m, operand), out = dlcOrderOfType(mlirValueGetType(result));
  DlcShape from = dlcShapeOf(logicalOf(m, operand)), to = dlcShapeOf(mlirValueGetType(result));
  if (!dlcReshapeIsBitcast(&from, &in, &to, &out)) { /* a row-major reshape */
    in = dlcOrderIdentity(from.rank);
    out = dlcOrderIdentity(to.rank);
    coerceOperand(m, op, 0, &in);
  }
  finishResult(m, op, 0, &out);
}

static void permuteLabels(const char *labels, const DlcOrder *order, char *out) {
  for (intptr_t k = 0; k < order->rank; ++k)
    out[k] = labels[order->dim[k]];
}

static void materializeConvolution(Materializer *m, MlirOperation op) {
  DlcConvLabels labels, physical;
  if (mlirLogicalResultIsFailure(dlcConvLabelsRead(op, &labels))) {
    m->failed = true;
    return;
  }
  DlcOrder lhs = orderOf(m, mlirOperationGetOperand(op, 0));
  DlcOrder rhs = orderOf(m, mlirOperationGetOperand(op, 1));
  DlcOrder out = dlcOrderOfType(mlirValueGetType(mlirOperationGetResult(op, 0)));
  physical.rank = labels.rank;
  permuteLabels(labels.input, &lhs, physical.input);
  permuteLabels(labels.kernel, &rhs, physical.kernel);
  permuteLabels(labels.output, &out, physical.output);
  dlcConvLabelsWrite(op, &physical);
  finishResult(m, op, 0, &out);
}

/* Result dims of dot_general: batch pairs in their listed order, then the free dims of lhs
 * and of rhs, each in its physical order. The pairs are listed in the order the result's
 * layout has its batch dims, so only the free dims may need a transpose afterwards. */
static void materializeDot(Materializer *m, MlirOperation op) {
  DlcOrder lhs = orderOf(m, mlirOperationGetOperand(op, 0));
  DlcOrder rhs = orderOf(m, mlirOperationGetOperand(op, 1));
  DlcOrder out = dlcOrderOfType(mlirValueGetType(mlirOperationGetResult(op, 0)));
  DlcDotDims dims, physical;
  dlcDotDimsRead(op, &dims);
  int64_t lhsPos[DLC_MAX_RANK], rhsPos[DLC_MAX_RANK], outPos[DLC_MAX_RANK];
  dlcOrderPositions(&lhs, lhsPos);
  dlcOrderPositions(&rhs, rhsPos);
  dlcOrderPositions(&out, outPos);
  physical = dims;
  DlcOrder natural = {.rank = 0};
  for (intptr_t k = 0; k < out.rank; ++k) { /* batch pairs by their place in the result */
    int64_t b = out.dim[k];
    if (b >= dims.numBatch)
      continue;
    physical.lhsBatch[natural.rank] = lhsPos[dims.lhsBatch[b]];
    physical.rhsBatch[natural.rank] = rhsPos[dims.rhsBatch[b]];
    natural.dim[natural.rank++] = b;
  }
  for (intptr_t i = 0; i < dims.numContract; ++i) {
    physical.lhsContract[i] = lhsPos[dims.lhsContract[i]];
    physical.rhsContract[i] = rhsPos[dims.rhsContract[i]];
  }
  bool lhsUsed[DLC_MAX_RANK], rhsUsed[DLC_MAX_RANK];
  dlcDotUsedDims(dims.lhsBatch, dims.lhsContract, &dims, lhsUsed);
  dlcDotUsedDims(dims.rhsBatch, dims.rhsContract, &dims, rhsUsed);
  int64_t resultDim[2][DLC_MAX_RANK], next = dims.numBatch;
  for (intptr_t d = 0; d < lhs.rank; ++d)
    resultDim[0][d] = lhsUsed[d] ? -1 : next++;
  for (intptr_t d = 0; d < rhs.rank; ++d)
    resultDim[1][d] = rhsUsed[d] ? -1 : next++;
  for (intptr_t k = 0; k < lhs.rank; ++k)
    if (!lhsUsed[lhs.dim[k]])
      natural.dim[natural.rank++] = resultDim[0][lhs.dim[k]];
  for (intptr_t k = 0; k < rhs.rank; ++k)
    if (!rhsUsed[rhs.dim[k]])
      natural.dim[natural.rank++] = resultDim[1][rhs.dim[k]];
  dlcDotDimsWrite(op, &physical);
  finishResult(m, op, 0, &natural);
}

static void materializeReduce(Materializer *m, MlirOperation op) {
  DlcOrder in = orderOf(m, mlirOperationGetOperand(op, 0));
  bool reduced[DLC_MAX_RANK];
  dlcReducedDims(op, reduced);
  int64_t physical[DLC_MAX_RANK];
  intptr_t n = 0;
  for (intptr_t k = 0; k < in.rank; ++k)
    if (reduced[in.dim[k]])
      physical[n++] = k;
  dlcOpSetI64Array(op, "dimensions", n, physical);
  DlcOrder natural = dlcReduceResultOrder(reduced, &in);
  finishResult(m, op, 0, &natural);
}

/* The constant's elements in `order`: physical element p is the logical element whose
 * index the odometer over the physical dims reaches at p. */
static MlirAttribute permuteConstant(const DlcConstant *c, const DlcOrder *order) {
  DlcShape physical = c->shape;
  int64_t stride[DLC_MAX_RANK], step[DLC_MAX_RANK], index[DLC_MAX_RANK] = {0};
  for (intptr_t d = c->shape.rank - 1, s = 1; d >= 0; s *= c->shape.dims[d--])
    stride[d] = s;
  for (intptr_t k = 0; k < order->rank; ++k) {
    physical.dims[k] = c->shape.dims[order->dim[k]];
    step[k] = stride[order->dim[k]];
  }
  if (c->count == 1)
    return dlcConstantAttr(&physical, &c->type, 1, c->data);
  char *data = dlcAlloc((size_t)c->count * c->type.bytes);
  int64_t from = 0;
  for (int64_t p = 0; p < c->count; ++p) {
    memcpy(data + p * c->type.bytes, (const char *)c->data + from * c->type.bytes, c->type.bytes);
    for (intptr_t k = order->rank - 1; k >= 0; --k) {
      from += step[k];
      if (++index[k] < physical.dims[k])
        break;
      from -= step[k] * physical.dims[k];
      index[k] = 0;
    }
  }
  MlirAttribute attr = dlcConstantAttr(&physical, &c->type, c->count, data);
  free(data);
  return attr;
}

static void materializeConstant(Materializer *m, MlirOperation op) {
  MlirValue result = mlirOperationGetResult(op, 0);
  DlcOrder out = dlcOrderOfType(mlirValueGetType(result));
  DlcOrder natural = dlcOrderIdentity(out.rank); /* a constant it cannot read stays logical */
  DlcConstant c;
  if (!dlcOrderIsIdentity(&out) && dlcConstantRead(result, &c)) {
    mlirOperationSetAttributeByName(op, dlcStr("value"), permuteConstant(&c, &out));
    dlcConstantRelease(&c);
    natural = out;
  }
  finishResult(m, op, 0, &natural);
}

static void materializeRelayout(Materializer *m, MlirOperation op) {
  MlirValue operand = mlirOperationGetOperand(op, 0);
  DlcOrder in = orderOf(m, operand);
  DlcOrder out = dlcOrderOfType(mlirValueGetType(mlirOperationGetResult(op, 0)));
  MlirValue value = dlcOrderEqual(&in, &out) ? operand : transposeTo(m, operand, &out, op, true);
  mlirValueReplaceAllUsesOfWith(mlirOperationGetResult(op, 0), value);
  mlirOperationDestroy(op);
}

/* Ops without a rule, dlc's or other dialects' (func.return included): default layouts. */
static void materializeOpaque(Materializer *m, MlirOperation op) {
  for (intptr_t i = 0; i < mlirOperationGetNumOperands(op); ++i) {
    MlirValue operand = mlirOperationGetOperand(op, i);
    if (dlcValueIndexFind(&m->index, operand) < 0)
      continue; /* not a tensor with a layout choice */
    DlcOrder identity = dlcOrderIdentity(mlirShapedTypeGetRank(logicalOf(m, operand)));
    coerceOperand(m, op, i, &identity);
  }
  for (intptr_t r = 0; r < mlirOperationGetNumResults(op); ++r) {
    MlirType type = mlirValueGetType(mlirOperationGetResult(op, r));
    DlcOrder identity =
        dlcOrderIdentity(mlirTypeIsARankedTensor(type) ? mlirShapedTypeGetRank(type) : 0);
    finishResult(m, op, r, &identity);
  }
}

static void materializeOp(Materializer *m, MlirOperation op) {
  switch (dlcLayoutKindOf(op)) {
  case DlcLayoutSame: materializeSame(m, op); break;
  case DlcLayoutTranspose: materializeTranspose(m, op); break;
  case DlcLayoutBroadcast: materializeBroadcast(m, op); break;
  case DlcLayoutReshape: materializeReshape(m, op); break;
  case DlcLayoutReduce: materializeReduce(m, op); break;
  case DlcLayoutConvolution: materializeConvolution(m, op); break;
  case DlcLayoutDot: materializeDot(m, op); break;
  case DlcLayoutConstant: materializeConstant(m, op); break;
  case DlcLayoutRelayout: materializeRelayout(m, op); break;
  case DlcLayoutOpaque: materializeOpaque(m, op); break;
  }
}

/* ---- Functions ---------------------------------------------------------------------- */

/* Only a function's own arguments may carry layouts: other block arguments would need their
 * branches rewritten, which no dlc op has. */
static bool checkBlockArguments(Materializer *m, MlirOperation op, bool skipEntry) {
  for (intptr_t r = 0; r < mlirOperationGetNumRegions(op); ++r) {
    MlirBlock b = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, r));
    for (b = skipEntry ? mlirBlockGetNextInRegion(b) : b; !mlirBlockIsNull(b);
         b = mlirBlockGetNextInRegion(b)) {
      for (intptr_t i = 0; i < mlirBlockGetNumArguments(b); ++i) {
        MlirValue arg = mlirBlockGetArgument(b, i);
        MlirType type = mlirValueGetType(arg);
        if (mlirTypeIsARankedTensor(type) &&
            dlcAttributeIsALayout(mlirRankedTensorTypeGetEncoding(type))) {
          mlirEmitError(mlirValueGetLocation(arg),
                        "dhlo-materialize-layouts: block arguments other than a function's own "
                        "may not have a layout");
          return false;
        }
      }
    }
  }
  return true;
}

static MlirWalkResult collect(MlirOperation op, void *userData) {
  Materializer *m = userData;
  if (mlirOperationEqual(op, m->func))
    return MlirWalkResultAdvance;
  if (!checkBlockArguments(m, op, false))
    m->failed = true;
  m->ops = dlcGrow(m->ops, &m->opsCapacity, m->numOps + 1, sizeof *m->ops);
  m->ops[m->numOps++] = op;
  return MlirWalkResultAdvance;
}

/* Function boundaries stay logical: an argument with a layout is taken row-major and
 * transposed on entry, results are returned row-major (func.return is an opaque op). */
static void materializeFunction(Materializer *m, MlirOperation func) {
  m->func = func;
  m->numOps = m->numBitcasts = m->numMade = 0;
  dlcValueIndexDestroy(&m->index); /* values of other functions may have been freed */
  if (!checkBlockArguments(m, func, true)) {
    m->failed = true;
    return;
  }
  mlirOperationWalk(func, collect, m, MlirWalkPreOrder);
  if (m->failed)
    return;
  MlirBlock entry = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  MlirOperation first = mlirBlockGetFirstOperation(entry);
  for (intptr_t i = 0; i < mlirBlockGetNumArguments(entry); ++i) {
    MlirValue arg = mlirBlockGetArgument(entry, i);
    MlirType type = mlirValueGetType(arg);
    mlirValueSetType(arg, dlcStripLayout(type));
    if (!dlcHasLayoutChoice(type))
      continue;
    DlcOrder order = dlcOrderOfType(type), identity = dlcOrderIdentity(order.rank);
    record(m, arg, dlcStripLayout(type), &identity, (MlirValue){NULL});
    if (dlcOrderIsIdentity(&order))
      continue;
    MlirValue moved = transposeTo(m, arg, &order, first, true);
    MlirOperation user = mlirOpResultGetOwner(moved);
    mlirValueReplaceAllUsesExcept(arg, moved, 1, &user);
  }
  for (size_t k = 0; k < m->numOps && !m->failed; ++k)
    materializeOp(m, m->ops[k]);
  for (size_t k = 0; k < m->numBitcasts; ++k) {
    mlirValueReplaceAllUsesOfWith(mlirOperationGetResult(m->bitcasts[k], 0),
                                  mlirOperationGetOperand(m->bitcasts[k], 0));
    mlirOperationDestroy(m->bitcasts[k]);
  }
  for (size_t k = m->numMade; k-- > 0;) /* transposes that turned out unused, latest first */
    if (mlirOpOperandIsNull(mlirValueGetFirstUse(mlirOperationGetResult(m->made[k], 0))))
      mlirOperationDestroy(m->made[k]);
  MlirType fnType =
      mlirTypeAttrGetValue(mlirOperationGetAttributeByName(func, dlcStr("function_type")));
  intptr_t numInputs = mlirFunctionTypeGetNumInputs(fnType);
  intptr_t numResults = mlirFunctionTypeGetNumResults(fnType);
  MlirType *types = dlcAlloc(sizeof(MlirType) * (size_t)(numInputs + numResults));
  for (intptr_t i = 0; i < numInputs + numResults; ++i) {
    MlirType t = i < numInputs ? mlirFunctionTypeGetInput(fnType, i)
                               : mlirFunctionTypeGetResult(fnType, i - numInputs);
    types[i] = dlcStripLayout(t);
  }
  mlirOperationSetAttributeByName(
      func, dlcStr("function_type"),
      mlirTypeAttrGet(mlirFunctionTypeGet(mlirOperationGetContext(func), numInputs, types,
                                          numResults, types + numInputs)));
  free(types);
}

static void runMaterializeLayouts(MlirOperation module, MlirExternalPass pass,
                                  const DlcPassOptionValue *options) {
  Materializer m = {.failed = false};
  MlirOperation *funcs;
  size_t numFuncs = dlcCollectFunctions(module, &funcs);
  for (size_t f = 0; f < numFuncs && !m.failed; ++f)
    materializeFunction(&m, funcs[f]);
  free(funcs);
  free(m.infos);
  free(m.ops);
  free(m.bitcasts);
  free(m.made);
  dlcValueIndexDestroy(&m.index);
  if (m.failed)
    mlirExternalPassSignalFailure(pass);
}

const DlcPassDef dlcMaterializeLayoutsPass = {
    .info = {.argument = "dhlo-materialize-layouts",
             .summary = "Turn relayouts into transposes and layouts into plain tensors, "
                        "rewriting op attributes for the physical dims",
             .anchor = "builtin.module", .numOptions = 0, .options = NULL},
    .run = runMaterializeLayouts,
};
