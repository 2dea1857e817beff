/* Simplify.c: algebraic simplification for `dhlo-canonicalize`: identities of arithmetic
 * with a uniform constant (x+0, x*1, x-0, x/1, x*0, x-x), involutions, no-op data
 * movement and compositions of two movements into one. Every rule is exact for every
 * input, -0.0, inf and NaN included, unless it is listed as unsafe: those (float x+0 and
 * x-(-0), x*0 and x-x) run only with unsafe-fp-math. A replacement value must have the
 * replaced result's exact type, encodings included, or the rule does not fire. */
#include "Transforms/Canonicalize.h"

#include <math.h>

enum { ArithAdd, ArithSubtract, ArithMultiply, ArithDivide };

/* ---- Arithmetic identities ---------------------------------------------------------------- */

typedef enum { KeepNothing, KeepOther, MakeZero } Rewrite;

/* What `x op c` (or `c op x` when !right) simplifies to for the uniform constant c. For
 * floats: x + -0 = x and x - +0 = x hold for every x, but x + +0 turns -0 into +0 and
 * x * 0 is NaN for inf and NaN, so those wait for unsafe-fp-math. Integers are exact, and
 * i1 is boolean: + is or, * is and. */
static Rewrite arithRule(int code, bool right, const DlcElemType *type, DlcScalar c, bool unsafe) {
  bool isFloat = type->kind == DlcElemFloat;
  bool zero = isFloat ? c.f == 0 : c.u == 0;
  /* The float zeros that are identities for every x: -0 for +, +0 for -. */
  bool exactZero = !isFloat || unsafe || (code == ArithAdd && signbit(c.f)) ||
                   (code == ArithSubtract && !signbit(c.f));
  bool one = isFloat ? c.f == 1 : c.u == 1;
  switch (code) {
  case ArithAdd: return zero && exactZero ? KeepOther : KeepNothing;
  case ArithSubtract: return right && zero && exactZero ? KeepOther : KeepNothing;
  case ArithMultiply:
    return one ? KeepOther : zero && (!isFloat || unsafe) ? MakeZero : KeepNothing;
  default: return right && one ? KeepOther : KeepNothing;
  }
}

/* Replaces `op` by a splat zero of its result type (+0.0 for floats). */
static MlirLogicalResult replaceWithZero(MlirPatternRewriter rewriter, MlirOperation op) {
  DlcShape shape;
  DlcElemType type;
  if (!dlcValueShape(mlirOperationGetResult(op, 0), &shape) ||
      !dlcElemTypeOf(shape.element, &type) || dlcShapeNumElements(&shape) == 0)
    return mlirLogicalResultFailure();
  uint64_t zero = 0;
  return dlcReplaceWithConstant(rewriter, op, dlcConstantAttr(&shape, &type, 1, &zero));
}

static MlirLogicalResult simplifyArith(MlirOperation op, MlirPatternRewriter rewriter,
                                       const DlcCanonContext *cx) {
  MlirValue operands[2] = {mlirOperationGetOperand(op, 0), mlirOperationGetOperand(op, 1)};
  bool unsafe = cx->options->unsafeFpMath;
  DlcShape shape;
  DlcElemType type;
  if (cx->code == ArithSubtract && mlirValueEqual(operands[0], operands[1]) &&
      dlcValueShape(operands[0], &shape) && dlcElemTypeOf(shape.element, &type) &&
      (type.kind != DlcElemFloat || unsafe)) /* x - x is NaN for inf and NaN */
    return replaceWithZero(rewriter, op);
  for (int side = 1; side >= 0; --side) {
    DlcScalar c;
    if (!dlcUniformConstant(operands[side], &type, &c))
      continue;
    switch (arithRule(cx->code, side == 1, &type, c, unsafe)) {
    case KeepOther:
      if (mlirLogicalResultIsSuccess(dlcReplaceWithValue(rewriter, op, operands[1 - side])))
        return mlirLogicalResultSuccess();
      break;
    case MakeZero: return replaceWithZero(rewriter, op);
    case KeepNothing: break;
    }
  }
  return mlirLogicalResultFailure();
}

/* ---- Elementwise ------------------------------------------------------------------------ */

/* An involution applied twice is the identity: negate(negate(x)) -> x, not(not(x)) -> x. */
static MlirLogicalResult simplifyInvolution(MlirOperation op, MlirPatternRewriter rewriter,
                                            const DlcCanonContext *cx) {
  MlirOperation producer = dlcDefiningOp(mlirOperationGetOperand(op, 0));
  if (mlirOperationIsNull(producer) ||
      !mlirIdentifierEqual(mlirOperationGetName(producer), mlirOperationGetName(op)))
    return mlirLogicalResultFailure();
  return dlcReplaceWithValue(rewriter, op, mlirOperationGetOperand(producer, 0));
}

/* Magnitude bits a type holds exactly: i1 one, integers their width less the sign. */
static unsigned valueBits(const DlcElemType *t) {
  return t->kind == DlcElemFloat    ? t->manBits + 1
         : t->kind == DlcElemSigned ? t->width - 1
                                    : t->width;
}

/* True if type `b` represents every value of type `a` exactly, so that converting a -> b
 * -> a gives back every value: i1 into anything; an integer into a wide enough integer of
 * a signedness that keeps its sign, or a float with enough mantissa; a float into a float
 * with no fewer mantissa and exponent bits (subnormals included). */
static bool representsExactly(const DlcElemType *a, const DlcElemType *b) {
  if (a->kind == DlcElemBool)
    return true;
  if (a->kind == DlcElemFloat)
    return b->kind == DlcElemFloat && b->manBits >= a->manBits && b->expBits >= a->expBits;
  if (b->kind == DlcElemBool)
    return false;
  if (b->kind != DlcElemFloat && a->kind == DlcElemSigned && b->kind != DlcElemSigned)
    return false;
  return valueBits(b) >= valueBits(a);
}

/* convert(convert(x : A -> B) -> A) is x when B holds every value of A. */
static MlirLogicalResult simplifyConvert(MlirOperation op, MlirPatternRewriter rewriter,
                                         const DlcCanonContext *cx) {
  MlirValue x = mlirOperationGetOperand(op, 0);
  MlirOperation inner = dlcDefiningOp(x);
  DlcShape source, middle;
  DlcElemType a, b;
  if (!dlcOpIsA(inner, "dhlo.convert") ||
      !dlcValueShape(mlirOperationGetOperand(inner, 0), &source) || !dlcValueShape(x, &middle) ||
      !dlcElemTypeOf(source.element, &a) || !dlcElemTypeOf(middle.element, &b) ||
      !representsExactly(&a, &b))
    return mlirLogicalResultFailure();
  return dlcReplaceWithValue(rewriter, op, mlirOperationGetOperand(inner, 0));
}

/* select with a uniform constant predicate is one of its operands. */
static MlirLogicalResult simplifySelect(MlirOperation op, MlirPatternRewriter rewriter,
                                        const DlcCanonContext *cx) {
  DlcElemType type;
  DlcScalar pred;
  if (!dlcUniformConstant(mlirOperationGetOperand(op, 0), &type, &pred) ||
      type.kind != DlcElemBool)
    return mlirLogicalResultFailure();
  return dlcReplaceWithValue(rewriter, op, mlirOperationGetOperand(op, pred.u ? 1 : 2));
}

/* ---- Data movement ------------------------------------------------------------------------ */

static bool isIota(const DlcI64Array *dims) {
  for (intptr_t i = 0; i < dims->size; ++i)
    if (dims->data[i] != i)
      return false;
  return true;
}

static MlirNamedAttribute i64ArrayAttr(MlirOperation op, const char *name,
                                       const DlcI64Array *values) {
  MlirContext ctx = mlirOperationGetContext(op);
  return mlirNamedAttributeGet(mlirIdentifierGet(ctx, dlcStr(name)),
                               mlirDenseI64ArrayGet(ctx, values->size, values->data));
}

enum { MapTranspose, MapBroadcast };

/* transpose and broadcast_in_dim, whose index attributes compose:
 * op(op(x, inner), outer) = op(x, composed), each composed[i] read from one attribute at
 * the place the other names. An identity attribute on an operand of the result's type
 * drops the op. Which attribute indexes which:
 * - transpose: result dimension i is mid dimension outer[i], which is x dimension
 *   inner[outer[i]];
 * - broadcast_in_dim: x dimension i goes to mid dimension inner[i], which goes to result
 *   dimension outer[inner[i]]. Sizes stay consistent: a dimension of x that is not 1 has
 *   the size of its mid dimension, which then has the size of its result dimension. */
static MlirLogicalResult simplifyIndexMap(MlirOperation op, MlirPatternRewriter rewriter,
                                          const DlcCanonContext *cx) {
  bool transpose = cx->code == MapTranspose;
  const char *opName = transpose ? "dhlo.transpose" : "dhlo.broadcast_in_dim";
  const char *attrName = transpose ? "permutation" : "broadcast_dimensions";
  MlirValue x = mlirOperationGetOperand(op, 0);
  DlcI64Array outer, inner, composed = {.present = true};
  if (!dlcReadI64Array(op, attrName, &outer))
    return mlirLogicalResultFailure();
  if (isIota(&outer) && mlirLogicalResultIsSuccess(dlcReplaceWithValue(rewriter, op, x)))
    return mlirLogicalResultSuccess();
  MlirOperation producer = dlcDefiningOp(x);
  if (!dlcOpIsA(producer, opName) || !dlcReadI64Array(producer, attrName, &inner))
    return mlirLogicalResultFailure();
  const DlcI64Array *values = transpose ? &inner : &outer, *places = transpose ? &outer : &inner;
  composed.size = places->size;
  for (intptr_t i = 0; i < places->size; ++i) {
    if (places->data[i] < 0 || places->data[i] >= values->size)
      return mlirLogicalResultFailure();
    composed.data[i] = values->data[places->data[i]];
  }
  MlirValue source = mlirOperationGetOperand(producer, 0);
  if (isIota(&composed) && mlirLogicalResultIsSuccess(dlcReplaceWithValue(rewriter, op, source)))
    return mlirLogicalResultSuccess();
  MlirNamedAttribute attr = i64ArrayAttr(op, attrName, &composed);
  return dlcReplaceWithNewOp(rewriter, op, opName, 1, &source, 1, &attr);
}

/* reshape(reshape(x)) is one reshape, or x itself when it has the result's type. */
static MlirLogicalResult simplifyReshape(MlirOperation op, MlirPatternRewriter rewriter,
                                         const DlcCanonContext *cx) {
  MlirOperation inner = dlcDefiningOp(mlirOperationGetOperand(op, 0));
  if (!dlcOpIsA(inner, "dhlo.reshape"))
    return mlirLogicalResultFailure();
  MlirValue source = mlirOperationGetOperand(inner, 0);
  if (mlirLogicalResultIsSuccess(dlcReplaceWithValue(rewriter, op, source)))
    return mlirLogicalResultSuccess();
  return dlcReplaceWithNewOp(rewriter, op, "dhlo.reshape", 1, &source, 0, NULL);
}

static bool allZero(MlirOperation op, const char *name) {
  DlcI64Array values;
  if (!dlcReadI64Array(op, name, &values))
    return false;
  for (intptr_t i = 0; i < values.size; ++i)
    if (values.data[i] != 0)
      return false;
  return true;
}

/* Ops that return their first operand unchanged when a condition on their attributes
 * holds (and the types agree), by code. */
enum { NoopSameType, NoopSlice, NoopPad, NoopConcatenate, NoopReduce };

static MlirLogicalResult simplifyNoop(MlirOperation op, MlirPatternRewriter rewriter,
                                      const DlcCanonContext *cx) {
  DlcI64Array dims;
  bool noop = false;
  switch (cx->code) {
  case NoopSameType: /* convert, reshape: to the operand's own type */
    noop = true;
    break;
  case NoopSlice: /* from 0 with the operand's type: the full range with stride 1 */
    noop = allZero(op, "start_indices");
    break;
  case NoopPad:
    noop = allZero(op, "edge_padding_low") && allZero(op, "edge_padding_high") &&
           allZero(op, "interior_padding");
    break;
  case NoopConcatenate:
    noop = mlirOperationGetNumOperands(op) == 1;
    break;
  case NoopReduce:
    /* StableHLO applies init_value an implementation-defined number of times, zero
     * included, so a reduce over no dimensions may return its operand (as XLA does). */
    noop = dlcReadI64Array(op, "dimensions", &dims) && dims.size == 0;
    break;
  }
  return noop ? dlcReplaceWithValue(rewriter, op, mlirOperationGetOperand(op, 0))
              : mlirLogicalResultFailure();
}

const DlcCanonPattern dlcSimplifyPatterns[] = {
    {"dhlo.add", simplifyArith, ArithAdd},
    {"dhlo.subtract", simplifyArith, ArithSubtract},
    {"dhlo.multiply", simplifyArith, ArithMultiply},
    {"dhlo.divide", simplifyArith, ArithDivide},
    {"dhlo.negate", simplifyInvolution, 0},
    {"dhlo.not", simplifyInvolution, 0},
    {"dhlo.convert", simplifyNoop, NoopSameType},
    {"dhlo.convert", simplifyConvert, 0},
    {"dhlo.select", simplifySelect, 0},
    {"dhlo.transpose", simplifyIndexMap, MapTranspose},
    {"dhlo.broadcast_in_dim", simplifyIndexMap, MapBroadcast},
    {"dhlo.reshape", simplifyNoop, NoopSameType},
    {"dhlo.reshape", simplifyReshape, 0},
    {"dhlo.slice", simplifyNoop, NoopSlice},
    {"dhlo.pad", simplifyNoop, NoopPad},
    {"dhlo.concatenate", simplifyNoop, NoopConcatenate},
    {"dhlo.reduce", simplifyNoop, NoopReduce},
    {NULL, NULL, 0},
};
