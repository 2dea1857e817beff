/* ConstantFold.c: constant folding for `dhlo-canonicalize`. An op whose operands are all
 * dhlo.constant becomes a dhlo.constant, following StableHLO semantics:
 * - elementwise ops (unary, binary, compare, select, clamp, convert) go through one engine
 *   that widens each element to a DlcScalar, evaluates the op by element class (float,
 *   signed, unsigned, i1) and stores the result in the result type. Floats compute in
 *   double and round once to the element type (nearest even): for +, -, *, /, sqrt this
 *   is the correctly rounded result in every supported format, as double carries more
 *   than twice their precision; transcendentals use the C library. Integers wrap
 *   (two's complement); division or remainder by zero, INT_MIN / -1, negative integer
 *   powers and float-to-integer conversions out of range or of NaN are not folded.
 * - data movement (broadcast_in_dim, reshape, transpose, reverse, slice, pad,
 *   concatenate) goes through one engine that maps each result element to its source.
 * - iota becomes its constant.
 * A result whose inputs are all splats (every element equal) is computed once and stays a
 * splat; any other result larger than max-constant-size elements is not folded. */
#include "Transforms/Canonicalize.h"
#include "Support/Alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum {
  /* elementwise */
  OpNegate, OpAbs, OpSign, OpExp, OpLog, OpLog1p, OpTanh, OpLogistic, OpSqrt, OpRsqrt, OpSin,
  OpCos, OpFloor, OpCeil, OpNot, OpAdd, OpSubtract, OpMultiply, OpDivide, OpRemainder,
  OpMaximum, OpMinimum, OpPower, OpAnd, OpOr, OpXor, OpCompare, OpSelect, OpClamp, OpConvert,
  /* data movement */
  MoveBroadcast, MoveReshape, MoveTranspose, MoveReverse, MoveSlice, MovePad, MoveConcatenate,
};

/* ---- Elementwise evaluation ------------------------------------------------------------- */

/* IEEE 754-2019 maximum/minimum, as StableHLO specifies: NaN wins, -0 < +0. */
static double maxFloat(double x, double y) {
  if (isnan(x) || isnan(y))
    return isnan(x) ? x : y;
  return x == y ? (signbit(x) ? y : x) : x > y ? x : y;
}

static double minFloat(double x, double y) {
  if (isnan(x) || isnan(y))
    return isnan(x) ? x : y;
  return x == y ? (signbit(x) ? x : y) : x < y ? x : y;
}

static bool evalFloat(int code, double x, double y, double *out) {
  switch (code) {
  case OpNegate: *out = -x; break;
  case OpAbs: *out = fabs(x); break;
  case OpSign: *out = isnan(x) || x == 0 ? x : copysign(1.0, x); break;
  case OpExp: *out = exp(x); break;
  case OpLog: *out = log(x); break;
  case OpLog1p: *out = log1p(x); break;
  case OpTanh: *out = tanh(x); break;
  case OpLogistic: *out = 1.0 / (1.0 + exp(-x)); break;
  case OpSqrt: *out = sqrt(x); break;
  case OpRsqrt: *out = 1.0 / sqrt(x); break;
  case OpSin: *out = sin(x); break;
  case OpCos: *out = cos(x); break;
  case OpFloor: *out = floor(x); break;
  case OpCeil: *out = ceil(x); break;
  case OpAdd: *out = x + y; break;
  case OpSubtract: *out = x - y; break;
  case OpMultiply: *out = x * y; break;
  case OpDivide: *out = x / y; break;
  case OpRemainder: *out = fmod(x, y); break;
  case OpMaximum: *out = maxFloat(x, y); break;
  case OpMinimum: *out = minFloat(x, y); break;
  case OpPower: *out = pow(x, y); break;
  default: return false;
  }
  return true;
}

/* i1 is StableHLO's boolean: add is or, multiply and minimum are and, maximum is or. */
static bool evalBool(int code, uint64_t x, uint64_t y, uint64_t *out) {
  switch (code) {
  case OpNot: *out = !x; break;
  case OpAnd: case OpMultiply: case OpMinimum: *out = x & y; break;
  case OpOr: case OpAdd: case OpMaximum: *out = x | y; break;
  case OpXor: *out = x ^ y; break;
  default: return false;
  }
  return true;
}

/* Integers compute on 64 bits unsigned (no overflow in C) and wrap when stored. */
static bool evalInt(int code, const DlcElemType *type, DlcScalar x, DlcScalar y, DlcScalar *out) {
  bool s = type->kind == DlcElemSigned;
  int64_t minSigned = (int64_t)(UINT64_MAX << (type->width - 1));
  switch (code) {
  case OpNegate: out->u = 0 - x.u; break;
  case OpAbs: out->u = s && x.i < 0 ? 0 - x.u : x.u; break;
  case OpSign: out->i = s ? (x.i > 0) - (x.i < 0) : x.u != 0; break;
  case OpNot: out->u = ~x.u; break;
  case OpAdd: out->u = x.u + y.u; break;
  case OpSubtract: out->u = x.u - y.u; break;
  case OpMultiply: out->u = x.u * y.u; break;
  case OpDivide:
  case OpRemainder:
    if (y.u == 0 || (s && x.i == minSigned && y.i == -1))
      return false;
    if (code == OpDivide)
      *out = s ? (DlcScalar){.i = x.i / y.i} : (DlcScalar){.u = x.u / y.u};
    else
      *out = s ? (DlcScalar){.i = x.i % y.i} : (DlcScalar){.u = x.u % y.u};
    break;
  case OpMaximum: *out = (s ? x.i > y.i : x.u > y.u) ? x : y; break;
  case OpMinimum: *out = (s ? x.i < y.i : x.u < y.u) ? x : y; break;
  case OpPower:
    if (s && y.i < 0)
      return false;
    out->u = 1;
    for (uint64_t base = x.u, e = y.u; e; e >>= 1, base *= base)
      if (e & 1)
        out->u *= base;
    break;
  case OpAnd: out->u = x.u & y.u; break;
  case OpOr: out->u = x.u | y.u; break;
  case OpXor: out->u = x.u ^ y.u; break;
  default: return false;
  }
  return true;
}

/* x of `type` as a double rounded to at most 53 bits. For a target narrower than f64 the
 * rounding is to odd (a sticky last bit), so the target's own rounding is still exact. */
static double intToDouble(const DlcElemType *type, DlcScalar x, bool toF64) {
  bool negative = type->kind == DlcElemSigned && x.i < 0;
  if (toF64)
    return negative ? (double)x.i : (double)x.u;
  uint64_t magnitude = negative ? 0 - x.u : x.u;
  int shift = 0;
  if (magnitude >> 53) {
    shift = 11 - __builtin_clzll(magnitude);
    bool sticky = (magnitude & ((UINT64_C(1) << shift) - 1)) != 0;
    magnitude = (magnitude >> shift) | sticky;
  }
  double d = ldexp((double)magnitude, shift);
  return negative ? -d : d;
}

/* StableHLO convert: i1 from and to numbers as 0/1 and "nonzero"; integers wrap; floats
 * round to nearest even; float to integer truncates, and is not folded when the value is
 * NaN or out of range (StableHLO leaves that result unspecified). */
static bool convertScalar(const DlcElemType *from, const DlcElemType *to, DlcScalar x,
                          DlcScalar *out) {
  if (from->kind == DlcElemFloat) {
    if (to->kind == DlcElemFloat) {
      out->f = x.f;
    } else if (to->kind == DlcElemBool) {
      out->u = x.f != 0;
    } else {
      double t = trunc(x.f), limit = ldexp(1.0, (int)to->width - (to->kind == DlcElemSigned));
      if (isnan(t) || t >= limit || t < (to->kind == DlcElemSigned ? -limit : 0))
        return false;
      *out = to->kind == DlcElemSigned ? (DlcScalar){.i = (int64_t)t}
                                       : (DlcScalar){.u = (uint64_t)t};
    }
    return true;
  }
  if (to->kind == DlcElemFloat)
    out->f = intToDouble(from, x, to->width == 64);
  else if (to->kind == DlcElemBool)
    out->u = x.u != 0;
  else
    out->u = x.u; /* sign- or zero-extended bits; the store keeps the low ones */
  return true;
}

typedef struct Elementwise {
  int code;
  const DlcElemType *type;   /* of the values computed on (on_true/operand for select/clamp) */
  const DlcElemType *result; /* for convert */
  const char *direction;     /* compare: "EQ", ... */
  bool totalOrder;           /* compare: compare_type TOTALORDER */
} Elementwise;

/* A signed integer key whose order is IEEE totalOrder: -NaN < -inf < ... < -0 < +0 < ...
 * < +inf < +NaN. Widening to double keeps the order of every narrower format. */
static int64_t totalOrderKey(double x) {
  int64_t bits;
  memcpy(&bits, &x, sizeof bits);
  return bits < 0 ? bits ^ INT64_MAX : bits;
}

static uint64_t compareScalars(const Elementwise *ew, DlcScalar x, DlcScalar y) {
  int order; /* -1, 0, 1, or 2 for unordered (a NaN under IEEE comparison) */
  if (ew->type->kind == DlcElemFloat && ew->totalOrder) {
    int64_t a = totalOrderKey(x.f), b = totalOrderKey(y.f);
    order = (a > b) - (a < b);
  } else if (ew->type->kind == DlcElemFloat) {
    order = isnan(x.f) || isnan(y.f) ? 2 : (x.f > y.f) - (x.f < y.f);
  } else if (ew->type->kind == DlcElemSigned) {
    order = (x.i > y.i) - (x.i < y.i);
  } else {
    order = (x.u > y.u) - (x.u < y.u);
  }
  const char *d = ew->direction;
  if (!strcmp(d, "NE"))
    return order != 0;
  if (order == 2)
    return 0;
  return !strcmp(d, "EQ") ? order == 0
         : !strcmp(d, "GE") ? order >= 0
         : !strcmp(d, "GT") ? order > 0
         : !strcmp(d, "LE") ? order <= 0
                            : order < 0;
}

static bool evalArith(int code, const DlcElemType *type, DlcScalar x, DlcScalar y,
                      DlcScalar *out) {
  switch (type->kind) {
  case DlcElemFloat: return evalFloat(code, x.f, y.f, &out->f);
  case DlcElemBool: return evalBool(code, x.u, y.u, &out->u);
  default: return evalInt(code, type, x, y, out);
  }
}

static bool evalElement(const Elementwise *ew, const DlcScalar *in, DlcScalar *out) {
  DlcScalar clamped;
  switch (ew->code) {
  case OpSelect: *out = in[0].u ? in[1] : in[2]; return true;
  case OpClamp: /* min(max(operand, min), max) with maximum's and minimum's semantics */
    return evalArith(OpMaximum, ew->type, in[1], in[0], &clamped) &&
           evalArith(OpMinimum, ew->type, clamped, in[2], out);
  case OpCompare: out->u = compareScalars(ew, in[0], in[1]); return true;
  case OpConvert: return convertScalar(ew->type, ew->result, in[0], out);
  default: return evalArith(ew->code, ew->type, in[0], in[1], out);
  }
}

/* Reads compare's attributes; false if the direction is not one of StableHLO's. */
static bool readComparison(MlirOperation op, Elementwise *ew) {
  static const char *const directions[] = {"EQ", "NE", "GE", "GT", "LE", "LT"};
  MlirAttribute dir =
      mlirOperationGetDiscardableAttributeByName(op, dlcStr("comparison_direction"));
  MlirAttribute kind = mlirOperationGetDiscardableAttributeByName(op, dlcStr("compare_type"));
  if (mlirAttributeIsNull(dir) || !mlirAttributeIsAString(dir))
    return false;
  ew->totalOrder = !mlirAttributeIsNull(kind) && mlirAttributeIsAString(kind) &&
                   dlcStrEq(mlirStringAttrGetValue(kind), "TOTALORDER");
  for (size_t i = 0; i < sizeof directions / sizeof directions[0]; ++i)
    if (dlcStrEq(mlirStringAttrGetValue(dir), directions[i]))
      ew->direction = directions[i];
  return ew->direction != NULL;
}

/* The number of elements to compute: one if every input is a splat, else all of them;
 * zero when a non-splat result would exceed max-constant-size. */
static int64_t foldCount(const DlcShape *result, bool splat, const DlcCanonContext *cx) {
  int64_t total = dlcShapeNumElements(result);
  if (splat && total > 0)
    return 1;
  return total <= cx->options->maxConstantSize ? total : 0;
}

/* Ends a fold: replaces `op` by a constant of `count` elements from `buffer` if `ok`, and
 * frees the buffer. */
static MlirLogicalResult finishFold(MlirPatternRewriter rewriter, MlirOperation op, bool ok,
                                    const DlcShape *shape, const DlcElemType *type, int64_t count,
                                    char *buffer) {
  MlirLogicalResult result =
      ok ? dlcReplaceWithConstant(rewriter, op, dlcConstantAttr(shape, type, count, buffer))
         : mlirLogicalResultFailure();
  free(buffer);
  return result;
}

/* Reads every operand of `op` as a constant into `in` (numOperands entries); false, with
 * nothing left to release, unless all are. */
static bool readOperands(MlirOperation op, DlcConstant *in) {
  intptr_t n = mlirOperationGetNumOperands(op);
  for (intptr_t i = 0; i < n; ++i) {
    if (!dlcConstantRead(mlirOperationGetOperand(op, i), &in[i])) {
      while (i-- > 0)
        dlcConstantRelease(&in[i]);
      return false;
    }
  }
  return true;
}

static void releaseOperands(MlirOperation op, DlcConstant *in) {
  for (intptr_t i = 0, n = mlirOperationGetNumOperands(op); i < n; ++i)
    dlcConstantRelease(&in[i]);
}

static MlirLogicalResult foldElementwise(MlirOperation op, MlirPatternRewriter rewriter,
                                         const DlcCanonContext *cx) {
  intptr_t n = mlirOperationGetNumOperands(op);
  DlcShape shape;
  DlcElemType resultType;
  DlcConstant in[3];
  if (n < 1 || n > 3 || !dlcValueShape(mlirOperationGetResult(op, 0), &shape) ||
      !dlcElemTypeOf(shape.element, &resultType) || !readOperands(op, in))
    return mlirLogicalResultFailure();
  Elementwise ew = {cx->code, &in[n == 3 ? 1 : 0].type, &resultType, NULL, false};
  /* Operands have the result's shape, but select's predicate and clamp's bounds may also
   * be scalars: those, like splats, are read at index 0. */
  int64_t total = dlcShapeNumElements(&shape);
  bool splat = true, ok = cx->code != OpCompare || readComparison(op, &ew);
  for (intptr_t i = 0; i < n; ++i) {
    splat = splat && in[i].count == 1;
    ok = ok && (in[i].count == 1 || in[i].count == total);
  }
  int64_t count = foldCount(&shape, splat, cx);
  ok = ok && (count > 0 || total == 0);
  char *buffer = dlcAlloc((size_t)count * resultType.bytes);
  for (int64_t e = 0; ok && e < count; ++e) {
    DlcScalar args[3] = {{0}, {0}, {0}}, value;
    for (intptr_t i = 0; i < n; ++i)
      args[i] = dlcLoadElement(&in[i].type, in[i].data, in[i].count == 1 ? 0 : e);
    ok = evalElement(&ew, args, &value);
    if (ok)
      dlcStoreElement(&resultType, buffer, e, value);
  }
  MlirLogicalResult result = finishFold(rewriter, op, ok, &shape, &resultType, count, buffer);
  releaseOperands(op, in);
  return result;
}

/* ---- Data movement ---------------------------------------------------------------------- */

typedef struct Movement {
  int code;
  const DlcConstant *in;
  intptr_t numInputs;
  DlcI64Array a, b; /* the op's index attributes, by code (see readMovement) */
} Movement;

/* Row-major flat index of `idx` in `shape`, or -1 if it lies outside. */
static int64_t flatIndex(const DlcShape *shape, const int64_t *idx) {
  int64_t flat = 0;
  for (intptr_t d = 0; d < shape->rank; ++d) {
    if (idx[d] < 0 || idx[d] >= shape->dims[d])
      return -1;
    flat = flat * shape->dims[d] + idx[d];
  }
  return flat;
}

/* Where result element `idx` (flat index `flat`) comes from: sets `*input` and returns the
 * flat index in it, or -1 if it lies outside (malformed attributes: no fold). */
static int64_t sourceOf(const Movement *m, const int64_t *idx, int64_t flat, intptr_t *input) {
  const DlcShape *from = &m->in[0].shape;
  int64_t src[DLC_MAX_RANK];
  *input = 0;
  switch (m->code) {
  case MoveReshape: return flat;
  case MoveBroadcast: /* a: broadcast_dimensions */
    for (intptr_t d = 0; d < from->rank; ++d)
      src[d] = from->dims[d] == 1 ? 0 : idx[m->a.data[d]];
    break;
  case MoveTranspose: /* a: permutation */
    for (intptr_t d = 0; d < from->rank; ++d)
      src[m->a.data[d]] = idx[d];
    break;
  case MoveReverse: /* a: dimensions */
    memcpy(src, idx, sizeof(int64_t) * (size_t)from->rank);
    for (intptr_t k = 0; k < m->a.size; ++k)
      src[m->a.data[k]] = from->dims[m->a.data[k]] - 1 - idx[m->a.data[k]];
    break;
  case MoveSlice: /* a: start_indices, b: strides */
    for (intptr_t d = 0; d < from->rank; ++d)
      src[d] = m->a.data[d] + idx[d] * m->b.data[d];
    break;
  case MovePad: /* a: edge_padding_low, b: interior_padding + 1; input 1: padding_value */
    for (intptr_t d = 0; d < from->rank; ++d) {
      int64_t pos = idx[d] - m->a.data[d], step = m->b.data[d];
      if (pos < 0 || pos % step || pos / step >= from->dims[d]) {
        *input = 1;
        return 0;
      }
      src[d] = pos / step;
    }
    break;
  case MoveConcatenate: { /* a.data[0]: dimension */
    int64_t dim = m->a.data[0];
    memcpy(src, idx, sizeof(int64_t) * (size_t)from->rank);
    while (*input < m->numInputs && src[dim] >= m->in[*input].shape.dims[dim])
      src[dim] -= m->in[(*input)++].shape.dims[dim];
    if (*input == m->numInputs)
      return -1;
    from = &m->in[*input].shape;
    break;
  }
  }
  return flatIndex(from, src);
}

static bool dimsInRange(const DlcI64Array *dims, intptr_t rank) {
  for (intptr_t i = 0; i < dims->size; ++i)
    if (dims->data[i] < 0 || dims->data[i] >= rank)
      return false;
  return true;
}

/* Reads the op's attributes into `m`, checked enough that sourceOf stays in bounds. */
static bool readMovement(MlirOperation op, const DlcShape *result, Movement *m) {
  intptr_t rank = m->in[0].shape.rank;
  switch (m->code) {
  case MoveReshape:
    return dlcShapeNumElements(&m->in[0].shape) == dlcShapeNumElements(result);
  case MoveBroadcast:
    return dlcReadI64Array(op, "broadcast_dimensions", &m->a) && m->a.size == rank &&
           dimsInRange(&m->a, result->rank);
  case MoveTranspose:
    return dlcReadI64Array(op, "permutation", &m->a) && m->a.size == rank &&
           dimsInRange(&m->a, rank) && result->rank == rank;
  case MoveReverse:
    return dlcReadI64Array(op, "dimensions", &m->a) && dimsInRange(&m->a, rank);
  case MoveSlice:
    return dlcReadI64Array(op, "start_indices", &m->a) && dlcReadI64Array(op, "strides", &m->b) &&
           m->a.size == rank && m->b.size == rank;
  case MovePad:
    if (!dlcReadI64Array(op, "edge_padding_low", &m->a) ||
        !dlcReadI64Array(op, "interior_padding", &m->b) || m->a.size != rank ||
        m->b.size != rank || m->numInputs != 2)
      return false;
    for (intptr_t d = 0; d < rank; ++d)
      if (m->b.data[d]++ < 0)
        return false;
    return true;
  case MoveConcatenate:
    m->a.size = 1;
    return dlcReadI64(op, "dimension", &m->a.data[0]) && dimsInRange(&m->a, rank);
  }
  return false;
}

/* True if every input is a splat of one same element (bytes compared). */
static bool sameSplats(const DlcConstant *in, intptr_t n) {
  for (intptr_t i = 0; i < n; ++i)
    if (in[i].count != 1 || memcmp(in[i].data, in[0].data, in[0].type.bytes))
      return false;
  return true;
}

static MlirLogicalResult foldMovement(MlirOperation op, MlirPatternRewriter rewriter,
                                      const DlcCanonContext *cx) {
  intptr_t n = mlirOperationGetNumOperands(op);
  DlcShape shape;
  DlcElemType type;
  if (n < 1 || !dlcValueShape(mlirOperationGetResult(op, 0), &shape) ||
      !dlcElemTypeOf(shape.element, &type))
    return mlirLogicalResultFailure();
  DlcConstant *in = dlcAlloc(sizeof(DlcConstant) * (size_t)n);
  if (!readOperands(op, in)) {
    free(in);
    return mlirLogicalResultFailure();
  }
  Movement m = {.code = cx->code, .in = in, .numInputs = n};
  bool ok = readMovement(op, &shape, &m);
  for (intptr_t i = 0; ok && i < n; ++i)
    ok = mlirTypeEqual(in[i].shape.element, shape.element);
  int64_t count = foldCount(&shape, ok && sameSplats(in, n), cx);
  ok = ok && (count > 0 || dlcShapeNumElements(&shape) == 0);
  char *buffer = dlcAlloc((size_t)count * type.bytes);
  int64_t idx[DLC_MAX_RANK] = {0};
  for (int64_t e = 0; ok && e < count; ++e) {
    intptr_t input;
    int64_t src = sourceOf(&m, idx, e, &input);
    ok = src >= 0 && (in[input].count == 1 || src < in[input].count);
    if (ok)
      memcpy(buffer + e * type.bytes,
             (const char *)in[input].data + (in[input].count == 1 ? 0 : src) * type.bytes,
             type.bytes);
    for (intptr_t d = shape.rank; d-- > 0 && ++idx[d] == shape.dims[d];) /* next index */
      idx[d] = 0;
  }
  MlirLogicalResult result = finishFold(rewriter, op, ok, &shape, &type, count, buffer);
  releaseOperands(op, in);
  free(in);
  return result;
}

/* ---- Iota --------------------------------------------------------------------------------- */

/* Element i holds its index along iota_dimension, converted to the element type. */
static MlirLogicalResult foldIota(MlirOperation op, MlirPatternRewriter rewriter,
                                  const DlcCanonContext *cx) {
  DlcShape shape;
  DlcElemType type;
  int64_t dim;
  if (!dlcValueShape(mlirOperationGetResult(op, 0), &shape) ||
      !dlcElemTypeOf(shape.element, &type) || !dlcReadI64(op, "iota_dimension", &dim) ||
      dim < 0 || dim >= shape.rank)
    return mlirLogicalResultFailure();
  int64_t count = foldCount(&shape, shape.dims[dim] == 1, cx);
  if (count == 0 && dlcShapeNumElements(&shape) != 0)
    return mlirLogicalResultFailure();
  static const DlcElemType indexType = {DlcElemSigned, 64, 8, 0, 0};
  int64_t inner = 1; /* elements per step along `dim` */
  for (intptr_t d = dim + 1; d < shape.rank; ++d)
    inner *= shape.dims[d];
  char *buffer = dlcAlloc((size_t)count * type.bytes);
  bool ok = true;
  for (int64_t e = 0; ok && e < count; ++e) {
    DlcScalar value;
    ok = convertScalar(&indexType, &type, (DlcScalar){.i = e / inner % shape.dims[dim]}, &value);
    if (ok)
      dlcStoreElement(&type, buffer, e, value);
  }
  return finishFold(rewriter, op, ok, &shape, &type, count, buffer);
}

const DlcCanonPattern dlcConstantFoldPatterns[] = {
    {"dhlo.negate", foldElementwise, OpNegate},
    {"dhlo.abs", foldElementwise, OpAbs},
    {"dhlo.sign", foldElementwise, OpSign},
    {"dhlo.exponential", foldElementwise, OpExp},
    {"dhlo.log", foldElementwise, OpLog},
    {"dhlo.log_plus_one", foldElementwise, OpLog1p},
    {"dhlo.tanh", foldElementwise, OpTanh},
    {"dhlo.logistic", foldElementwise, OpLogistic},
    {"dhlo.sqrt", foldElementwise, OpSqrt},
    {"dhlo.rsqrt", foldElementwise, OpRsqrt},
    {"dhlo.sine", foldElementwise, OpSin},
    {"dhlo.cosine", foldElementwise, OpCos},
    {"dhlo.floor", foldElementwise, OpFloor},
    {"dhlo.ceil", foldElementwise, OpCeil},
    {"dhlo.not", foldElementwise, OpNot},
    {"dhlo.add", foldElementwise, OpAdd},
    {"dhlo.subtract", foldElementwise, OpSubtract},
    {"dhlo.multiply", foldElementwise, OpMultiply},
    {"dhlo.divide", foldElementwise, OpDivide},
    {"dhlo.remainder", foldElementwise, OpRemainder},
    {"dhlo.maximum", foldElementwise, OpMaximum},
    {"dhlo.minimum", foldElementwise, OpMinimum},
    {"dhlo.power", foldElementwise, OpPower},
    {"dhlo.and", foldElementwise, OpAnd},
    {"dhlo.or", foldElementwise, OpOr},
    {"dhlo.xor", foldElementwise, OpXor},
    {"dhlo.compare", foldElementwise, OpCompare},
    {"dhlo.select", foldElementwise, OpSelect},
    {"dhlo.clamp", foldElementwise, OpClamp},
    {"dhlo.convert", foldElementwise, OpConvert},
    {"dhlo.broadcast_in_dim", foldMovement, MoveBroadcast},
    {"dhlo.reshape", foldMovement, MoveReshape},
    {"dhlo.transpose", foldMovement, MoveTranspose},
    {"dhlo.reverse", foldMovement, MoveReverse},
    {"dhlo.slice", foldMovement, MoveSlice},
    {"dhlo.pad", foldMovement, MovePad},
    {"dhlo.concatenate", foldMovement, MoveConcatenate},
    {"dhlo.iota", foldIota, 0},
    {NULL, NULL, 0},
};
