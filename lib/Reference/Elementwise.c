/* Elementwise.c: the reference semantics of constant, iota and the elementwise ops (unary,
 * binary, compare, select, clamp, convert), after StableHLO. One engine loads each
 * operand element widened (Scalar.c), applies the op to the widened values and stores the
 * result with a single rounding: floats are computed in double, which for +, -, *, / and
 * sqrt gives the correctly rounded f32, f16 and bf16 result (double carries more than twice
 * their precision plus two bits); integers wrap as two's complement.
 * Integer division and remainder follow XLA where StableHLO leaves the result to the
 * implementation: x / 0 = -1 (all ones, also unsigned), x % 0 = x, INT_MIN / -1 = INT_MIN,
 * INT_MIN % -1 = 0. Integer power with a negative exponent is 0, except 1 for a base of 1
 * and +-1 for a base of -1 (XLA). Nothing here allocates. */
#include "Reference/Evaluator.h"

#include "mlir-c/BuiltinAttributes.h"

#include <math.h>
#include <string.h>

/* ---- Unary ops -------------------------------------------------------------------------- */

static double floatNegate(double x) { return -x; }
/* sign keeps NaN and signed zeros as they are: sign(-0.0) = -0.0. */
static double floatSign(double x) { return isnan(x) || x == 0.0 ? x : copysign(1.0, x); }
static double floatLogistic(double x) { return 1.0 / (1.0 + exp(-x)); }
static double floatRsqrt(double x) { return 1.0 / sqrt(x); }

/* Integers are widened to 64 bits, so 0 - x wraps exactly as the narrow type: -INT_MIN is
 * INT_MIN, and an unsigned x becomes 2^n - x. */
static RefScalar intNegate(RefScalar x, RefClass cls) { return (RefScalar){.u = 0 - x.u}; }
static RefScalar intAbs(RefScalar x, RefClass cls) {
  return cls == RefSigned && x.i < 0 ? intNegate(x, cls) : x;
}
static RefScalar intSign(RefScalar x, RefClass cls) {
  return (RefScalar){.i = cls == RefSigned ? (x.i > 0) - (x.i < 0) : x.u != 0};
}
/* Logical not for i1 (a complement would store as true), bitwise otherwise. */
static RefScalar intNot(RefScalar x, RefClass cls) {
  return (RefScalar){.u = cls == RefBool ? !x.u : ~x.u};
}

typedef struct {
  const char *name;
  double (*onFloat)(double);
  RefScalar (*onInteger)(RefScalar, RefClass); /* integers and i1; NULL: floats only */
} UnaryOp;

static const UnaryOp unaryOps[] = {
    {"dhlo.negate", floatNegate, intNegate}, {"dhlo.abs", fabs, intAbs},
    {"dhlo.sign", floatSign, intSign},       {"dhlo.not", NULL, intNot},
    {"dhlo.exponential", exp, NULL},         {"dhlo.log", log, NULL},
    {"dhlo.log_plus_one", log1p, NULL},      {"dhlo.tanh", tanh, NULL},
    {"dhlo.logistic", floatLogistic, NULL},  {"dhlo.sqrt", sqrt, NULL},
    {"dhlo.rsqrt", floatRsqrt, NULL},        {"dhlo.sine", sin, NULL},
    {"dhlo.cosine", cos, NULL},              {"dhlo.floor", floor, NULL},
    {"dhlo.ceil", ceil, NULL},
};

/* ---- Binary ops ------------------------------------------------------------------------- */

static double floatAdd(double x, double y) { return x + y; }
static double floatSubtract(double x, double y) { return x - y; }
static double floatMultiply(double x, double y) { return x * y; }
static double floatDivide(double x, double y) { return x / y; }
/* IEEE 754-2019 maximum and minimum, as StableHLO asks: NaN propagates, -0.0 < +0.0. */
static double floatMaximum(double x, double y) {
  if (isnan(x) || isnan(y))
    return x + y;
  if (x == y)
    return signbit(x) ? y : x;
  return x > y ? x : y;
}
static double floatMinimum(double x, double y) {
  if (isnan(x) || isnan(y))
    return x + y;
  if (x == y)
    return signbit(x) ? x : y;
  return x < y ? x : y;
}

/* i1 goes through the unsigned functions: its store keeps value != 0, so add is or,
 * multiply is and, maximum is or and minimum is and, as StableHLO defines them. */
static RefScalar intAdd(RefScalar x, RefScalar y, RefClass cls) {
  return (RefScalar){.u = x.u + y.u};
}
static RefScalar intSubtract(RefScalar x, RefScalar y, RefClass cls) {
  return (RefScalar){.u = x.u - y.u};
}
static RefScalar intMultiply(RefScalar x, RefScalar y, RefClass cls) {
  return (RefScalar){.u = x.u * y.u};
}
static RefScalar intDivide(RefScalar x, RefScalar y, RefClass cls) {
  if (y.u == 0)
    return (RefScalar){.u = UINT64_MAX};
  if (cls != RefSigned)
    return (RefScalar){.u = x.u / y.u};
  /* x / -1 is -x, which wraps INT_MIN to itself (and avoids C's undefined INT64_MIN / -1). */
  return y.i == -1 ? intNegate(x, cls) : (RefScalar){.i = x.i / y.i};
}
static RefScalar intRemainder(RefScalar x, RefScalar y, RefClass cls) {
  if (y.u == 0)
    return x;
  if (cls != RefSigned)
    return (RefScalar){.u = x.u % y.u};
  return (RefScalar){.i = y.i == -1 ? 0 : x.i % y.i}; /* C's %: the sign of the dividend */
}
static bool intLess(RefScalar x, RefScalar y, RefClass cls) {
  return cls == RefSigned ? x.i < y.i : x.u < y.u;
}
static RefScalar intMaximum(RefScalar x, RefScalar y, RefClass cls) {
  return intLess(x, y, cls) ? y : x;
}
static RefScalar intMinimum(RefScalar x, RefScalar y, RefClass cls) {
  return intLess(y, x, cls) ? y : x;
}
/* Exponentiation by squaring on 64 bits: the low bits, which the store keeps, are those of
 * the exact power in two's complement. */
static RefScalar intPower(RefScalar x, RefScalar y, RefClass cls) {
  if (cls == RefSigned && y.i < 0)
    return (RefScalar){.i = x.i == 1 ? 1 : x.i == -1 ? ((y.u & 1) ? -1 : 1) : 0};
  uint64_t result = 1, base = x.u;
  for (uint64_t e = y.u; e; e >>= 1) {
    if (e & 1)
      result *= base;
    base *= base;
  }
  return (RefScalar){.u = result};
}
static RefScalar intAnd(RefScalar x, RefScalar y, RefClass cls) {
  return (RefScalar){.u = x.u & y.u};
}
static RefScalar intOr(RefScalar x, RefScalar y, RefClass cls) {
  return (RefScalar){.u = x.u | y.u};
}
static RefScalar intXor(RefScalar x, RefScalar y, RefClass cls) {
  return (RefScalar){.u = x.u ^ y.u};
}

typedef struct {
  const char *name;
  double (*onFloat)(double, double); /* NULL: integers and i1 only */
  RefScalar (*onInteger)(RefScalar, RefScalar, RefClass);
} BinaryOp;

static const BinaryOp binaryOps[] = {
    {"dhlo.add", floatAdd, intAdd},
    {"dhlo.subtract", floatSubtract, intSubtract},
    {"dhlo.multiply", floatMultiply, intMultiply},
    {"dhlo.divide", floatDivide, intDivide},
    {"dhlo.remainder", fmod, intRemainder},
    {"dhlo.maximum", floatMaximum, intMaximum},
    {"dhlo.minimum", floatMinimum, intMinimum},
    {"dhlo.power", pow, intPower},
    {"dhlo.and", NULL, intAnd},
    {"dhlo.or", NULL, intOr},
    {"dhlo.xor", NULL, intXor},
};
enum { NUM_BINARY = sizeof binaryOps / sizeof binaryOps[0] };

int dlcRefBinaryCode(MlirStringRef opName) {
  for (int code = 0; code < NUM_BINARY; ++code)
    if (dlcStrEq(opName, binaryOps[code].name))
      return code;
  return -1;
}

RefScalar dlcRefBinary(int code, DlcElementType type, RefScalar x, RefScalar y) {
  RefClass cls = dlcRefClassOf(type);
  if (cls == RefFloat)
    return (RefScalar){.f = binaryOps[code].onFloat(x.f, y.f)};
  return binaryOps[code].onInteger(x, y, cls);
}

/* ---- The engine ------------------------------------------------------------------------- */

/* Computes one result element from the operands' elements at the same index. */
typedef RefScalar (*ElementFn)(const RefOp *op, const void *fnData, const RefScalar *in);

/* Runs `fn` over every element. Operands of rank 0 under a result of higher rank (select's
 * predicate, clamp's bounds) stand for every element. */
static MlirLogicalResult eachElement(RefOp *op, ElementFn fn, const void *fnData) {
  RefTensor *out = op->results[0];
  RefScalar in[3];
  for (int64_t n = 0; n < out->count; ++n) {
    for (intptr_t k = 0; k < op->numOperands; ++k)
      in[k] = dlcRefLoad(op->operands[k], op->operands[k]->rank == 0 ? 0 : n);
    dlcRefStore(out, n, fn(op, fnData, in));
  }
  return mlirLogicalResultSuccess();
}

static RefScalar applyUnary(const RefOp *op, const void *fnData, const RefScalar *in) {
  const UnaryOp *u = fnData;
  RefClass cls = dlcRefClassOf(op->operands[0]->type);
  if (cls == RefFloat)
    return (RefScalar){.f = u->onFloat(in[0].f)};
  return u->onInteger(in[0], cls);
}

static MlirLogicalResult runUnary(RefOp *op) {
  for (size_t i = 0; i < sizeof unaryOps / sizeof unaryOps[0]; ++i)
    if (!strcmp(op->sig.name, unaryOps[i].name))
      return eachElement(op, applyUnary, &unaryOps[i]);
  return dlcRuleError(&op->sig, "is not a unary op of the reference evaluator");
}

static RefScalar applyBinary(const RefOp *op, const void *fnData, const RefScalar *in) {
  return dlcRefBinary(*(const int *)fnData, op->operands[0]->type, in[0], in[1]);
}

static MlirLogicalResult runBinary(RefOp *op) {
  int code = dlcRefBinaryCode(dlcStr(op->sig.name));
  return eachElement(op, applyBinary, &code);
}

/* ---- compare, select, clamp, convert ---------------------------------------------------- */

/* Floats in IEEE total order: the sign-magnitude bits made into an unsigned order, so that
 * -NaN < -inf < ... < -0.0 < +0.0 < ... < +inf < +NaN. */
static uint64_t totalOrderKey(double x) {
  uint64_t bits;
  memcpy(&bits, &x, sizeof bits);
  return bits >> 63 ? ~bits : bits | UINT64_C(1) << 63;
}

enum { EQ, NE, GE, GT, LE, LT };
static const char *const directions[] = {"EQ", "NE", "GE", "GT", "LE", "LT"};

typedef struct {
  int direction;
  enum { CompareFloat, CompareTotalOrder, CompareSigned, CompareUnsigned } kind;
} Comparison;

/* -1, 0 or 1; 2 when unordered (a NaN under FLOAT). */
static int order(const Comparison *c, RefScalar x, RefScalar y) {
  switch (c->kind) {
  case CompareFloat:
    return isnan(x.f) || isnan(y.f) ? 2 : (x.f > y.f) - (x.f < y.f);
  case CompareTotalOrder: {
    uint64_t a = totalOrderKey(x.f), b = totalOrderKey(y.f);
    return (a > b) - (a < b);
  }
  case CompareSigned:
    return (x.i > y.i) - (x.i < y.i);
  default:
    return (x.u > y.u) - (x.u < y.u);
  }
}

static RefScalar applyCompare(const RefOp *op, const void *fnData, const RefScalar *in) {
  const Comparison *c = fnData;
  int o = order(c, in[0], in[1]);
  bool r;
  switch (c->direction) {
  case NE: r = o != 0; break; /* the only comparison that holds with a NaN */
  case EQ: r = o == 0; break;
  case GE: r = o == 0 || o == 1; break;
  case GT: r = o == 1; break;
  case LE: r = o == 0 || o == -1; break;
  default: r = o == -1; break;
  }
  return (RefScalar){.u = r};
}

static MlirLogicalResult runCompare(RefOp *op) {
  MlirStringRef direction = {NULL, 0}, kind = {NULL, 0};
  if (mlirLogicalResultIsFailure(
          dlcSigString(&op->sig, "comparison_direction", true, &direction)) ||
      mlirLogicalResultIsFailure(dlcSigString(&op->sig, "compare_type", false, &kind)))
    return mlirLogicalResultFailure();
  Comparison c = {LT, CompareFloat};
  for (int d = EQ; d <= LT; ++d)
    if (dlcStrEq(direction, directions[d]))
      c.direction = d;
  /* Without compare_type the element type decides, as StableHLO's defaults do. */
  RefClass cls = dlcRefClassOf(op->operands[0]->type);
  c.kind = cls == RefFloat ? CompareFloat : cls == RefSigned ? CompareSigned : CompareUnsigned;
  if (kind.data && dlcStrEq(kind, "TOTALORDER"))
    c.kind = CompareTotalOrder;
  return eachElement(op, applyCompare, &c);
}

static RefScalar applySelect(const RefOp *op, const void *fnData, const RefScalar *in) {
  return in[0].u ? in[1] : in[2];
}

static MlirLogicalResult runSelect(RefOp *op) { return eachElement(op, applySelect, NULL); }

/* clamp(min, x, max) = minimum(maximum(x, min), max): NaN propagates from any operand. */
typedef struct {
  int maximum, minimum;
} ClampCodes;

static RefScalar applyClamp(const RefOp *op, const void *fnData, const RefScalar *in) {
  const ClampCodes *c = fnData;
  DlcElementType type = op->operands[1]->type;
  return dlcRefBinary(c->minimum, type, dlcRefBinary(c->maximum, type, in[1], in[0]), in[2]);
}

static MlirLogicalResult runClamp(RefOp *op) {
  ClampCodes codes = {dlcRefBinaryCode(dlcStr("dhlo.maximum")),
                      dlcRefBinaryCode(dlcStr("dhlo.minimum"))};
  return eachElement(op, applyClamp, &codes);
}

static RefScalar applyConvert(const RefOp *op, const void *fnData, const RefScalar *in) {
  return dlcRefConvert(in[0], op->operands[0]->type, op->results[0]->type);
}

static MlirLogicalResult runConvert(RefOp *op) { return eachElement(op, applyConvert, NULL); }

/* ---- constant, iota --------------------------------------------------------------------- */

static MlirLogicalResult runConstant(RefOp *op) {
  RefTensor *out = op->results[0];
  MlirAttribute value = dlcSigAttr(&op->sig, "value");
  if (mlirAttributeIsNull(value) || !mlirAttributeIsADenseElements(value))
    return dlcRuleError(&op->sig, "requires a dense elements attribute 'value'");
  bool splat = mlirDenseElementsAttrIsSplat(value);
  if (out->type == DlcElementI1) {
    /* MLIR may pack i1 elements as bits; read them one by one. */
    for (int64_t n = 0; n < out->count; ++n)
      out->data[n] = mlirDenseElementsAttrGetBoolValue(value, splat ? 0 : n);
    return mlirLogicalResultSuccess();
  }
  const unsigned char *raw = mlirDenseElementsAttrGetRawData(value);
  size_t bytes = dlcElementTypeGetByteSize(out->type);
  for (int64_t n = 0; n < out->count; ++n)
    memcpy(out->data + (size_t)n * bytes, raw + (splat ? 0 : (size_t)n * bytes), bytes);
  return mlirLogicalResultSuccess();
}

static MlirLogicalResult runIota(RefOp *op) {
  RefTensor *out = op->results[0];
  int64_t dim = 0, index[DLC_MAX_RANK] = {0};
  if (mlirLogicalResultIsFailure(dlcSigI64(&op->sig, "iota_dimension", true, &dim)))
    return mlirLogicalResultFailure();
  for (int64_t n = 0; n < out->count; ++n, dlcRefNextIndex(index, out->dims, out->rank))
    dlcRefStore(out, n, dlcRefConvert((RefScalar){.i = index[dim]}, DlcElementI64, out->type));
  return mlirLogicalResultSuccess();
}

const RefOpImpl dlcRefElementwiseOps[] = {
    {"dhlo.constant", runConstant},
    {"dhlo.iota", runIota},
    {"dhlo.negate", runUnary},
    {"dhlo.abs", runUnary},
    {"dhlo.sign", runUnary},
    {"dhlo.exponential", runUnary},
    {"dhlo.log", runUnary},
    {"dhlo.log_plus_one", runUnary},
    {"dhlo.tanh", runUnary},
    {"dhlo.logistic", runUnary},
    {"dhlo.sqrt", runUnary},
    {"dhlo.rsqrt", runUnary},
    {"dhlo.sine", runUnary},
    {"dhlo.cosine", runUnary},
    {"dhlo.floor", runUnary},
    {"dhlo.ceil", runUnary},
    {"dhlo.not", runUnary},
    {"dhlo.add", runBinary},
    {"dhlo.subtract", runBinary},
    {"dhlo.multiply", runBinary},
    {"dhlo.divide", runBinary},
    {"dhlo.remainder", runBinary},
    {"dhlo.maximum", runBinary},
    {"dhlo.minimum", runBinary},
    {"dhlo.power", runBinary},
    {"dhlo.and", runBinary},
    {"dhlo.or", runBinary},
    {"dhlo.xor", runBinary},
    {"dhlo.compare", runCompare},
    {"dhlo.select", runSelect},
    {"dhlo.clamp", runClamp},
    {"dhlo.convert", runConvert},
    {NULL, NULL},
};
