/* LayoutSupport.c: the layout bookkeeping shared by layout assignment and layout
 * materialization (see Layouts.h): orders and the types they make, op kinds, reshape and
 * reduce dimension maps, convolution and dot_general dimension numbers, containers. */
#include "Transforms/Layouts.h"
#include "Support/Alloc.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"

#include <string.h>

/* ---- Orders ------------------------------------------------------------------------- */

DlcOrder dlcOrderIdentity(intptr_t rank) {
  DlcOrder order = {.rank = rank};
  for (intptr_t k = 0; k < rank; ++k)
    order.dim[k] = k;
  return order;
}

bool dlcOrderIsIdentity(const DlcOrder *order) {
  for (intptr_t k = 0; k < order->rank; ++k)
    if (order->dim[k] != k)
      return false;
  return true;
}

bool dlcOrderEqual(const DlcOrder *a, const DlcOrder *b) {
  return a->rank == b->rank && !memcmp(a->dim, b->dim, sizeof a->dim[0] * (size_t)a->rank);
}

void dlcOrderPositions(const DlcOrder *order, int64_t *pos) {
  for (intptr_t k = 0; k < order->rank; ++k)
    pos[order->dim[k]] = k;
}

intptr_t dlcValueRank(MlirValue value) {
  return mlirShapedTypeGetRank(mlirValueGetType(value));
}

bool dlcHasLayoutChoice(MlirType type) {
  if (!mlirTypeIsARankedTensor(type))
    return false;
  MlirAttribute encoding = mlirRankedTensorTypeGetEncoding(type);
  return mlirShapedTypeHasStaticShape(type) && mlirShapedTypeGetRank(type) >= 2 &&
         mlirShapedTypeGetRank(type) <= DLC_MAX_RANK &&
         (mlirAttributeIsNull(encoding) || dlcAttributeIsALayout(encoding));
}

DlcOrder dlcOrderOfType(MlirType type) {
  intptr_t rank = mlirShapedTypeGetRank(type);
  DlcOrder order = dlcOrderIdentity(rank);
  int64_t minorToMajor[DLC_MAX_RANK];
  MlirAttribute encoding = mlirRankedTensorTypeGetEncoding(type);
  if (dlcAttributeIsALayout(encoding) &&
      dlcLayoutAttrGetMinorToMajor(encoding, minorToMajor, DLC_MAX_RANK) == rank)
    for (intptr_t k = 0; k < rank; ++k)
      order.dim[k] = minorToMajor[rank - 1 - k];
  return order;
}

static MlirType plainTensor(MlirType type, const int64_t *dims) {
  return mlirRankedTensorTypeGet(mlirShapedTypeGetRank(type), dims,
                                 mlirShapedTypeGetElementType(type), mlirAttributeGetNull());
}

MlirType dlcTypeWithOrder(MlirType type, const DlcOrder *order) {
  intptr_t rank = order->rank;
  int64_t dims[DLC_MAX_RANK], minorToMajor[DLC_MAX_RANK];
  for (intptr_t d = 0; d < rank; ++d) {
    dims[d] = mlirShapedTypeGetDimSize(type, d);
    minorToMajor[d] = order->dim[rank - 1 - d];
  }
  if (dlcOrderIsIdentity(order))
    return plainTensor(type, dims);
  return mlirRankedTensorTypeGet(rank, dims, mlirShapedTypeGetElementType(type),
                                 dlcLayoutAttrGet(mlirTypeGetContext(type), rank, minorToMajor));
}

MlirType dlcStripLayout(MlirType type) {
  if (!mlirTypeIsARankedTensor(type) ||
      !dlcAttributeIsALayout(mlirRankedTensorTypeGetEncoding(type)))
    return type;
  DlcOrder identity = dlcOrderIdentity(mlirShapedTypeGetRank(type));
  return dlcPhysicalType(type, &identity);
}

MlirType dlcPhysicalType(MlirType type, const DlcOrder *order) {
  int64_t dims[DLC_MAX_RANK];
  for (intptr_t k = 0; k < order->rank; ++k)
    dims[k] = mlirShapedTypeGetDimSize(type, order->dim[k]);
  return plainTensor(type, dims);
}

/* ---- Op kinds ----------------------------------------------------------------------- */

typedef enum { PerDim, PerDimPair, DimList, DimScalar } DimAttrKind;

/* The attributes of DlcLayoutSame ops that index dimensions, and how: one entry per
 * dimension (PerDim), two per dimension (PerDimPair: lo0, hi0, lo1, ...), a list of
 * dimensions (DimList), one dimension (DimScalar). */
static const struct {
  const char *op;
  struct {
    const char *name;
    DimAttrKind kind;
  } attrs[5];
} dimAttrOps[] = {
    {"dhlo.slice", {{"start_indices", PerDim}, {"limit_indices", PerDim}, {"strides", PerDim}}},
    {"dhlo.pad",
     {{"edge_padding_low", PerDim}, {"edge_padding_high", PerDim}, {"interior_padding", PerDim}}},
    {"dhlo.reverse", {{"dimensions", DimList}}},
    {"dhlo.concatenate", {{"dimension", DimScalar}}},
    {"dhlo.iota", {{"iota_dimension", DimScalar}}},
    {"dhlo.batch_norm_inference", {{"feature_index", DimScalar}}},
    {"dhlo.reduce_window",
     {{"window_dimensions", PerDim},
      {"window_strides", PerDim},
      {"base_dilations", PerDim},
      {"window_dilations", PerDim},
      {"padding", PerDimPair}}},
};
enum { numDimAttrOps = sizeof dimAttrOps / sizeof dimAttrOps[0] };

static int dimAttrOpIndex(MlirStringRef name) {
  for (int i = 0; i < numDimAttrOps; ++i)
    if (dlcStrEq(name, dimAttrOps[i].op))
      return i;
  return -1;
}

DlcLayoutKind dlcLayoutKindOf(MlirOperation op) {
  static const struct {
    const char *name;
    DlcLayoutKind kind;
  } named[] = {
      {"dhlo.transpose", DlcLayoutTranspose}, {"dhlo.broadcast_in_dim", DlcLayoutBroadcast},
      {"dhlo.reshape", DlcLayoutReshape},     {"dhlo.reduce", DlcLayoutReduce},
      {"dhlo.convolution", DlcLayoutConvolution}, {"dhlo.dot_general", DlcLayoutDot},
      {"dhlo.constant", DlcLayoutConstant},   {"dtensor.relayout", DlcLayoutRelayout},
  };
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  for (size_t i = 0; i < sizeof named / sizeof named[0]; ++i)
    if (dlcStrEq(name, named[i].name))
      return named[i].kind;
  const DlcOpRule *rule = dlcLookupOpRule(name);
  if ((rule && (rule->traits & DLC_TRAIT_ELEMENTWISE)) || dimAttrOpIndex(name) >= 0)
    return DlcLayoutSame;
  return DlcLayoutOpaque;
}

intptr_t dlcOpI64Array(MlirOperation op, const char *name, int64_t *out) {
  MlirAttribute attr = mlirOperationGetAttributeByName(op, dlcStr(name));
  if (mlirAttributeIsNull(attr) || !mlirAttributeIsADenseI64Array(attr))
    return 0;
  intptr_t n = mlirDenseArrayGetNumElements(attr);
  n = n < DLC_MAX_ARRAY ? n : DLC_MAX_ARRAY;
  for (intptr_t i = 0; i < n; ++i)
    out[i] = mlirDenseI64ArrayGetElement(attr, i);
  return n;
}

void dlcOpSetI64Array(MlirOperation op, const char *name, intptr_t n, const int64_t *values) {
  mlirOperationSetAttributeByName(
      op, dlcStr(name), mlirDenseI64ArrayGet(mlirOperationGetContext(op), n, values));
}

/* Physical dimension k holds logical dimension order->dim[k]: per-dimension entries move
 * with their dimension, and a named dimension d becomes its position pos[d]. */
void dlcPermuteDimAttrs(MlirOperation op, const DlcOrder *order) {
  int index = dimAttrOpIndex(mlirIdentifierStr(mlirOperationGetName(op)));
  if (index < 0)
    return; /* elementwise: no dimension attributes */
  int64_t pos[DLC_MAX_RANK];
  dlcOrderPositions(order, pos);
  for (int a = 0; a < 5 && dimAttrOps[index].attrs[a].name; ++a) {
    const char *name = dimAttrOps[index].attrs[a].name;
    MlirAttribute attr = mlirOperationGetAttributeByName(op, dlcStr(name));
    if (mlirAttributeIsNull(attr))
      continue; /* an optional attribute that is absent */
    if (dimAttrOps[index].attrs[a].kind == DimScalar) {
      int64_t d = mlirIntegerAttrGetValueInt(attr);
      mlirOperationSetAttributeByName(
          op, dlcStr(name), mlirIntegerAttrGet(mlirAttributeGetType(attr), pos[d]));
      continue;
    }
    int64_t old[DLC_MAX_ARRAY], updated[DLC_MAX_ARRAY];
    intptr_t n = dlcOpI64Array(op, name, old);
    for (intptr_t i = 0; i < n; ++i) {
      switch (dimAttrOps[index].attrs[a].kind) {
      case PerDim:
        updated[i] = old[order->dim[i]];
        break;
      case PerDimPair:
        updated[i] = old[2 * order->dim[i / 2] + i % 2];
        break;
      default: /* DimList */
        updated[i] = pos[old[i]];
        break;
      }
    }
    dlcOpSetI64Array(op, name, n, updated);
  }
}

/* ---- Reshape ------------------------------------------------------------------------ */

/* A row-major reshape splits both shapes into groups: consecutive runs of dims (size-1
 * dims left out) whose sizes multiply to the same product, as [N, C, H, W] -> [N, C, H*W]
 * pairs {N}-{N}, {C}-{C}, {H, W}-{H*W}. The reshape is a bitcast exactly when each group
 * lies in the operand's physical order contiguously and in logical order; the result then
 * lists the same groups in the same physical sequence. Size-1 dims hold no data and may sit
 * anywhere; the derived order puts each right after its logical predecessor, so an
 * identity order derives an identity order. */
static bool reshapeGroups(const DlcShape *s, const DlcShape *t, int64_t *sGroup,
                          int64_t *tGroup) {
  intptr_t i = 0, j = 0, group = 0;
  for (intptr_t d = 0; d < s->rank; ++d)
    sGroup[d] = -1;
  for (intptr_t d = 0; d < t->rank; ++d)
    tGroup[d] = -1;
  for (;;) {
    while (i < s->rank && s->dims[i] == 1)
      ++i;
    while (j < t->rank && t->dims[j] == 1)
      ++j;
    if (i == s->rank || j == t->rank)
      return i == s->rank && j == t->rank;
    int64_t ps = s->dims[i], pt = t->dims[j];
    sGroup[i++] = tGroup[j++] = group;
    while (ps != pt) {
      intptr_t *k = ps < pt ? &i : &j;
      const DlcShape *shape = ps < pt ? s : t;
      int64_t *groups = ps < pt ? sGroup : tGroup;
      while (*k < shape->rank && shape->dims[*k] == 1)
        ++*k;
      if (*k == shape->rank)
        return false;
      *(ps < pt ? &ps : &pt) *= shape->dims[*k];
      groups[(*k)++] = group;
    }
    ++group;
  }
}

static bool hasZeroDim(const DlcShape *s) {
  for (intptr_t d = 0; d < s->rank; ++d)
    if (s->dims[d] == 0)
      return true;
  return false;
}

bool dlcReshapeDerive(const DlcShape *from, const DlcOrder *fromOrder, const DlcShape *to,
                      DlcOrder *toOrder) {
  if (hasZeroDim(from) || hasZeroDim(to)) { /* no elements: every layout is a bitcast */
    *toOrder = dlcOrderIdentity(to->rank);
    return true;
  }
  int64_t fromGroup[DLC_MAX_RANK], toGroup[DLC_MAX_RANK];
  if (!reshapeGroups(from, to, fromGroup, toGroup))
    return false;
  /* Walk the operand's physical order: a group starts at its first dim and continues
   * with its next dims in logical order until its last one. */
  int64_t first[DLC_MAX_RANK], last[DLC_MAX_RANK], next[DLC_MAX_RANK];
  for (intptr_t d = from->rank - 1, following = -1; d >= 0; --d) {
    if (fromGroup[d] < 0)
      continue;
    next[d] = following;
    if (following < 0 || fromGroup[following] != fromGroup[d])
      last[fromGroup[d]] = d;
    first[fromGroup[d]] = d;
    following = d;
  }
  int64_t sequence[DLC_MAX_RANK], open = -1, previous = -1;
  intptr_t numGroups = 0;
  for (intptr_t k = 0; k < fromOrder->rank; ++k) {
    int64_t d = fromOrder->dim[k], g = fromGroup[d];
    if (g < 0)
      continue;
    if (open >= 0 && previous != last[open] ? d != next[previous] : d != first[g])
      return false;
    if (d == first[g])
      sequence[numGroups++] = open = g;
    previous = d;
  }
  toOrder->rank = 0;
  for (intptr_t n = 0; n < numGroups; ++n)
    for (intptr_t d = 0; d < to->rank; ++d)
      if (toGroup[d] == sequence[n])
        toOrder->dim[toOrder->rank++] = d;
  for (intptr_t d = 0; d < to->rank; ++d) {
    if (toGroup[d] >= 0)
      continue;
    intptr_t at = 0;
    while (d > 0 && toOrder->dim[at++] != d - 1)
      ;
    memmove(toOrder->dim + at + 1, toOrder->dim + at,
            sizeof toOrder->dim[0] * (size_t)(toOrder->rank - at));
    toOrder->dim[at] = d;
    ++toOrder->rank;
  }
  return true;
}

/* Orders that differ only in where size-1 dims sit describe the same physical sequence. */
static bool sameNonUnitSequence(const DlcShape *shape, const DlcOrder *a, const DlcOrder *b) {
  intptr_t i = 0, j = 0;
  for (;;) {
    while (i < a->rank && shape->dims[a->dim[i]] == 1)
      ++i;
    while (j < b->rank && shape->dims[b->dim[j]] == 1)
      ++j;
    if (i == a->rank || j == b->rank)
      return i == a->rank && j == b->rank;
    if (a->dim[i++] != b->dim[j++])
      return false;
  }
}

bool dlcReshapeIsBitcast(const DlcShape *from, const DlcOrder *fromOrder, const DlcShape *to,
                         const DlcOrder *toOrder) {
  DlcOrder derived;
  return hasZeroDim(to) ||
         (dlcReshapeDerive(from, fromOrder, to, &derived) &&
          sameNonUnitSequence(to, &derived, toOrder));
}

/* ---- Reduce ------------------------------------------------------------------------- */

void dlcReducedDims(MlirOperation reduce, bool *reduced) {
  int64_t dims[DLC_MAX_ARRAY];
  intptr_t n = dlcOpI64Array(reduce, "dimensions", dims);
  memset(reduced, 0, sizeof(bool) * DLC_MAX_RANK);
  for (intptr_t i = 0; i < n; ++i)
    reduced[dims[i]] = true;
}

/* Result dimension r of a reduce is the r-th kept operand dimension. */
static intptr_t keptDims(const bool *reduced, intptr_t rank, int64_t *kept) {
  intptr_t n = 0;
  for (intptr_t d = 0; d < rank; ++d)
    if (!reduced[d])
      kept[n++] = d;
  return n;
}

DlcOrder dlcReduceResultOrder(const bool *reduced, const DlcOrder *operandOrder) {
  int64_t kept[DLC_MAX_RANK], resultDim[DLC_MAX_RANK];
  intptr_t n = keptDims(reduced, operandOrder->rank, kept);
  for (intptr_t r = 0; r < n; ++r)
    resultDim[kept[r]] = r;
  DlcOrder order = {.rank = 0};
  for (intptr_t k = 0; k < operandOrder->rank; ++k)
    if (!reduced[operandOrder->dim[k]])
      order.dim[order.rank++] = resultDim[operandOrder->dim[k]];
  return order;
}

DlcOrder dlcReduceOperandOrder(const bool *reduced, intptr_t operandRank,
                               const DlcOrder *resultOrder) {
  int64_t kept[DLC_MAX_RANK];
  keptDims(reduced, operandRank, kept);
  DlcOrder order = {.rank = 0};
  for (intptr_t k = 0; k < resultOrder->rank; ++k)
    order.dim[order.rank++] = kept[resultOrder->dim[k]];
  for (intptr_t d = 0; d < operandRank; ++d)
    if (reduced[d])
      order.dim[order.rank++] = d;
  return order;
}

/* ---- Convolution and dot_general ---------------------------------------------------- */

/* The verifier has checked the labels in detail; this only needs their three parts. */
MlirLogicalResult dlcConvLabelsRead(MlirOperation conv, DlcConvLabels *out) {
  MlirAttribute attr = mlirOperationGetAttributeByName(conv, dlcStr("dimension_numbers"));
  MlirStringRef s = mlirAttributeIsAString(attr) ? mlirStringAttrGetValue(attr)
                                                 : mlirStringRefCreate(NULL, 0);
  const char *underscore = s.data ? memchr(s.data, '_', s.length) : NULL;
  const char *arrow = underscore;
  while (arrow && arrow + 1 < s.data + s.length && !(arrow[0] == '-' && arrow[1] == '>'))
    ++arrow;
  size_t in = underscore ? (size_t)(underscore - s.data) : 0;
  size_t kernel = arrow ? (size_t)(arrow - underscore - 1) : 0;
  size_t output = arrow ? s.length - in - kernel - 3 : 0;
  if (!arrow || arrow + 1 >= s.data + s.length || in != kernel || in != output ||
      in > DLC_MAX_RANK) {
    mlirEmitError(mlirOperationGetLocation(conv),
                  "layout passes cannot read this convolution's dimension_numbers");
    return mlirLogicalResultFailure();
  }
  out->rank = (intptr_t)in;
  memcpy(out->input, s.data, in);
  memcpy(out->kernel, underscore + 1, in);
  memcpy(out->output, arrow + 2, in);
  return mlirLogicalResultSuccess();
}

void dlcConvLabelsWrite(MlirOperation conv, const DlcConvLabels *labels) {
  char text[3 * DLC_MAX_RANK + 4];
  size_t n = (size_t)labels->rank;
  memcpy(text, labels->input, n);
  text[n] = '_';
  memcpy(text + n + 1, labels->kernel, n);
  memcpy(text + 2 * n + 1, "->", 2);
  memcpy(text + 2 * n + 3, labels->output, n);
  MlirContext ctx = mlirOperationGetContext(conv);
  mlirOperationSetAttributeByName(conv, dlcStr("dimension_numbers"),
                                  mlirStringAttrGet(ctx, mlirStringRefCreate(text, 3 * n + 3)));
}

int64_t dlcConvDimOf(const char *labels, intptr_t rank, char label) {
  for (intptr_t d = 0; d < rank; ++d)
    if (labels[d] == label)
      return d;
  return -1;
}

void dlcDotDimsRead(MlirOperation dot, DlcDotDims *out) {
  out->numBatch = dlcOpI64Array(dot, "lhs_batching_dimensions", out->lhsBatch);
  dlcOpI64Array(dot, "rhs_batching_dimensions", out->rhsBatch);
  out->numContract = dlcOpI64Array(dot, "lhs_contracting_dimensions", out->lhsContract);
  dlcOpI64Array(dot, "rhs_contracting_dimensions", out->rhsContract);
}

void dlcDotDimsWrite(MlirOperation dot, const DlcDotDims *dims) {
  dlcOpSetI64Array(dot, "lhs_batching_dimensions", dims->numBatch, dims->lhsBatch);
  dlcOpSetI64Array(dot, "rhs_batching_dimensions", dims->numBatch, dims->rhsBatch);
  dlcOpSetI64Array(dot, "lhs_contracting_dimensions", dims->numContract, dims->lhsContract);
  dlcOpSetI64Array(dot, "rhs_contracting_dimensions", dims->numContract, dims->rhsContract);
}

void dlcDotUsedDims(const int64_t *batch, const int64_t *contract, const DlcDotDims *dims,
                    bool *used) {
  memset(used, 0, sizeof(bool) * DLC_MAX_RANK);
  for (intptr_t i = 0; i < dims->numBatch; ++i)
    used[batch[i]] = true;
  for (intptr_t i = 0; i < dims->numContract; ++i)
    used[contract[i]] = true;
}

/* ---- Containers --------------------------------------------------------------------- */

void *dlcGrow(void *items, size_t *capacity, size_t needed, size_t size) {
  if (needed <= *capacity)
    return items;
  *capacity = *capacity ? 2 * *capacity : 32;
  if (*capacity < needed)
    *capacity = needed;
  return dlcRealloc(items, *capacity * size);
}

typedef struct Functions {
  MlirOperation *ops;
  size_t size, capacity;
} Functions;

static MlirWalkResult collectFunction(MlirOperation op, void *userData) {
  Functions *funcs = userData;
  if (!dlcStrEq(mlirIdentifierStr(mlirOperationGetName(op)), "func.func"))
    return MlirWalkResultAdvance;
  if (!mlirBlockIsNull(mlirRegionGetFirstBlock(mlirOperationGetRegion(op, 0)))) {
    funcs->ops = dlcGrow(funcs->ops, &funcs->capacity, funcs->size + 1, sizeof *funcs->ops);
    funcs->ops[funcs->size++] = op;
  }
  return MlirWalkResultSkip;
}

size_t dlcCollectFunctions(MlirOperation module, MlirOperation **out) {
  Functions funcs = {NULL, 0, 0};
  mlirOperationWalk(module, collectFunction, &funcs, MlirWalkPreOrder);
  *out = funcs.ops;
  return funcs.size;
}
