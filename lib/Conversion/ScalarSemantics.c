/* ScalarSemantics.c: what each elementwise dhlo op computes on one element, as arith and
 * math ops on signless scalars. One table says it for every op and element kind (float,
 * signed, unsigned, i1); ops that take more than one upstream op have an emitter. The
 * elementwise lowering builds linalg bodies from it, and reducers are inlined through it.
 *
 * Choices where StableHLO leaves the result to the implementation (docs/passes.md):
 *   - integer x / 0 is -1 (all ones), x % 0 is x; INT_MIN / -1 is INT_MIN, INT_MIN % -1 is
 *     0 (as XLA): division never traps;
 *   - float to integer saturates (NaN gives 0), as XLA's convert does;
 *   - integer power with a negative exponent is 0 but for bases 1 and -1 (as XLA). */
#include "Conversion/Lowering.h"
#include "Transforms/Canonicalize.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

#include <math.h>
#include <string.h>

/* `in` is the element type of the op's data operands (the last operand: select and clamp
 * have a predicate or bounds first), `out` that of its result. */
typedef MlirValue (*EmitFn)(DlcBuilder *b, MlirOperation op, const MlirValue *args,
                            const DlcElemType *in, const DlcElemType *out);

typedef struct ScalarOp {
  const char *name;
  const char *byKind[4]; /* indexed by DlcElemKind; NULL: `emit`, or not accepted */
  EmitFn emit;           /* for the kinds without a single upstream op */
} ScalarOp;

/* ---- Emitters ------------------------------------------------------------------------------ */

static MlirValue zeroOf(DlcBuilder *b, MlirValue x) {
  MlirType type = mlirValueGetType(x);
  return mlirTypeIsAInteger(type) ? dlcConstInt(b, type, 0) : dlcConstFloat(b, type, 0.0);
}

static MlirValue emitNegate(DlcBuilder *b, MlirOperation op, const MlirValue *args,
                            const DlcElemType *in, const DlcElemType *out) {
  return dlcBinary(b, "arith.subi", zeroOf(b, args[0]), args[0]);
}

static MlirValue emitNot(DlcBuilder *b, MlirOperation op, const MlirValue *args,
                         const DlcElemType *in, const DlcElemType *out) {
  return dlcBinary(b, "arith.xori", args[0], dlcConstInt(b, mlirValueGetType(args[0]), -1));
}

/* Floats: ±1 with x's sign, but x itself for ±0 and NaN (cmpf ueq: equal or unordered). */
static MlirValue emitSign(DlcBuilder *b, MlirOperation op, const MlirValue *args,
                          const DlcElemType *in, const DlcElemType *out) {
  MlirValue x = args[0], zero = zeroOf(b, x);
  MlirType type = mlirValueGetType(x);
  if (in->kind == DlcElemFloat) {
    MlirValue one = dlcBinary(b, "math.copysign", dlcConstFloat(b, type, 1.0), x);
    return dlcSelect(b, dlcCmpF(b, DlcCmpFUeq, x, zero), x, one);
  }
  MlirValue negative =
      dlcSelect(b, dlcCmpI(b, DlcCmpISlt, x, zero), dlcConstInt(b, type, -1), zero);
  return dlcSelect(b, dlcCmpI(b, DlcCmpISgt, x, zero), dlcConstInt(b, type, 1), negative);
}

static MlirValue emitLogistic(DlcBuilder *b, MlirOperation op, const MlirValue *args,
                              const DlcElemType *in, const DlcElemType *out) {
  MlirType type = mlirValueGetType(args[0]);
  MlirValue one = dlcConstFloat(b, type, 1.0);
  MlirValue e = dlcUnary(b, "math.exp", dlcUnary(b, "arith.negf", args[0]));
  return dlcBinary(b, "arith.divf", one, dlcBinary(b, "arith.addf", one, e));
}

/* Integer division that never traps: the divisor is 1 where it is 0, or where a signed
 * INT_MIN / -1 would overflow; the caller then picks the documented result. */
static MlirValue safeDivisor(DlcBuilder *b, const MlirValue *args, const DlcElemType *in,
                             MlirValue *isZero) {
  MlirValue lhs = args[0], rhs = args[1];
  MlirType type = mlirValueGetType(lhs);
  *isZero = dlcCmpI(b, DlcCmpIEq, rhs, dlcConstInt(b, type, 0));
  MlirValue bad = *isZero;
  if (in->kind == DlcElemSigned) {
    int64_t minValue = (int64_t)(UINT64_C(1) << (in->width - 1));
    MlirValue isMin = dlcCmpI(b, DlcCmpIEq, lhs, dlcConstInt(b, type, minValue));
    MlirValue isMinusOne = dlcCmpI(b, DlcCmpIEq, rhs, dlcConstInt(b, type, -1));
    bad = dlcBinary(b, "arith.ori", bad, dlcBinary(b, "arith.andi", isMin, isMinusOne));
  }
  return dlcSelect(b, bad, dlcConstInt(b, type, 1), rhs);
}

/* With divisor 1, INT_MIN / -1 already yields INT_MIN and INT_MIN % -1 yields 0. */
static MlirValue emitIntDivide(DlcBuilder *b, MlirOperation op, const MlirValue *args,
                               const DlcElemType *in, const DlcElemType *out) {
  MlirValue isZero, divisor = safeDivisor(b, args, in, &isZero);
  const char *name = in->kind == DlcElemSigned ? "arith.divsi" : "arith.divui";
  MlirValue quotient = dlcBinary(b, name, args[0], divisor);
  return dlcSelect(b, isZero, dlcConstInt(b, mlirValueGetType(args[0]), -1), quotient);
}

static MlirValue emitIntRemainder(DlcBuilder *b, MlirOperation op, const MlirValue *args,
                                  const DlcElemType *in, const DlcElemType *out) {
  MlirValue isZero, divisor = safeDivisor(b, args, in, &isZero);
  const char *name = in->kind == DlcElemSigned ? "arith.remsi" : "arith.remui";
  return dlcSelect(b, isZero, args[0], dlcBinary(b, name, args[0], divisor));
}

/* math.ipowi, with two corrections. Signed: a negative exponent computes 1 / x^-y, which
 * divides by zero for a base of 0; XLA (and the reference) give 0, as for every base but
 * +-1. Unsigned: ipowi reads an exponent with the top bit set as negative. The exact power
 * wraps instead: x^(2^(w-1)) is 1 mod 2^w for an odd x (w >= 3) and 0 for an even one, so
 * the power is ipowi over the exponent's other bits, or 0 for an even base. */
static MlirValue emitIntPower(DlcBuilder *b, MlirOperation op, const MlirValue *args,
                              const DlcElemType *in, const DlcElemType *out) {
  MlirValue x = args[0], y = args[1];
  MlirType type = mlirValueGetType(x);
  MlirValue zero = dlcConstInt(b, type, 0);
  MlirValue topBit = dlcCmpI(b, DlcCmpISlt, y, zero);
  MlirValue vanishes;
  if (in->kind == DlcElemSigned) {
    vanishes = dlcBinary(b, "arith.andi", topBit, dlcCmpI(b, DlcCmpIEq, x, zero));
  } else {
    int64_t low = (int64_t)((UINT64_C(1) << (in->width - 1)) - 1);
    y = dlcBinary(b, "arith.andi", y, dlcConstInt(b, type, low));
    MlirValue parity = dlcBinary(b, "arith.andi", x, dlcConstInt(b, type, 1));
    vanishes = dlcBinary(b, "arith.andi", topBit, dlcCmpI(b, DlcCmpIEq, parity, zero));
  }
  return dlcSelect(b, vanishes, zero, dlcBinary(b, "math.ipowi", x, y));
}

/* TOTALORDER compares floats as signed integers after flipping the magnitude bits of
 * negative values: -NaN < -inf < ... < -0.0 < +0.0 < ... < +inf < +NaN. */
static MlirValue totalOrderKey(DlcBuilder *b, MlirValue x, unsigned width) {
  MlirType intType = mlirIntegerTypeGet(b->ctx, width);
  MlirValue bits = dlcCast(b, "arith.bitcast", x, intType);
  MlirValue sign = dlcBinary(b, "arith.shrsi", bits, dlcConstInt(b, intType, width - 1));
  MlirValue magnitudeMask = dlcBinary(b, "arith.shrui", sign, dlcConstInt(b, intType, 1));
  return dlcBinary(b, "arith.xori", bits, magnitudeMask);
}

static bool isString(MlirAttribute attr) {
  return !mlirAttributeIsNull(attr) && mlirAttributeIsAString(attr);
}

static MlirValue emitCompare(DlcBuilder *b, MlirOperation op, const MlirValue *args,
                             const DlcElemType *in, const DlcElemType *out) {
  static const char *const directions[] = {"EQ", "NE", "GE", "GT", "LE", "LT"};
  static const DlcCmpF floatPredicates[] = {DlcCmpFOeq, DlcCmpFUne, DlcCmpFOge,
                                            DlcCmpFOgt, DlcCmpFOle, DlcCmpFOlt};
  static const DlcCmpI signedPredicates[] = {DlcCmpIEq,  DlcCmpINe,  DlcCmpISge,
                                             DlcCmpISgt, DlcCmpISle, DlcCmpISlt};
  static const DlcCmpI unsignedPredicates[] = {DlcCmpIEq,  DlcCmpINe,  DlcCmpIUge,
                                               DlcCmpIUgt, DlcCmpIUle, DlcCmpIUlt};
  MlirAttribute direction = mlirOperationGetAttributeByName(op, dlcStr("comparison_direction"));
  MlirAttribute type = mlirOperationGetAttributeByName(op, dlcStr("compare_type"));
  int d = -1;
  for (int i = 0; i < 6 && isString(direction); ++i)
    if (dlcStrEq(mlirStringAttrGetValue(direction), directions[i]))
      d = i;
  if (d < 0)
    return (MlirValue){NULL};
  if (in->kind != DlcElemFloat)
    return dlcCmpI(b, in->kind == DlcElemSigned ? signedPredicates[d] : unsignedPredicates[d],
                   args[0], args[1]);
  if (isString(type) && dlcStrEq(mlirStringAttrGetValue(type), "TOTALORDER"))
    return dlcCmpI(b, signedPredicates[d], totalOrderKey(b, args[0], in->width),
                   totalOrderKey(b, args[1], in->width));
  return dlcCmpF(b, floatPredicates[d], args[0], args[1]);
}

static MlirValue emitSelect(DlcBuilder *b, MlirOperation op, const MlirValue *args,
                            const DlcElemType *in, const DlcElemType *out) {
  return dlcSelect(b, args[0], args[1], args[2]);
}

/* clamp(min, x, max) = min(max(x, min), max); i1 orders false < true (unsigned). */
static MlirValue emitClamp(DlcBuilder *b, MlirOperation op, const MlirValue *args,
                           const DlcElemType *in, const DlcElemType *out) {
  static const char *const maxOf[] = {"arith.maxui", "arith.maxsi", "arith.maxui",
                                      "arith.maximumf"};
  static const char *const minOf[] = {"arith.minui", "arith.minsi", "arith.minui",
                                      "arith.minimumf"};
  MlirValue low = dlcBinary(b, maxOf[in->kind], args[1], args[0]);
  return dlcBinary(b, minOf[in->kind], low, args[2]);
}

/* Float to integer rounds toward zero and saturates: NaN gives 0, values beyond the range
 * give its ends (fptosi/fptoui alone are poison there). */
static MlirValue floatToInt(DlcBuilder *b, MlirValue x, const DlcElemType *out, MlirType to) {
  bool isSigned = out->kind == DlcElemSigned;
  MlirType from = mlirValueGetType(x);
  MlirValue result = dlcCast(b, isSigned ? "arith.fptosi" : "arith.fptoui", x, to);
  double limit = ldexp(1.0, (int)(isSigned ? out->width - 1 : out->width));
  int64_t maxValue = isSigned ? (int64_t)((UINT64_C(1) << (out->width - 1)) - 1) : -1;
  int64_t minValue = isSigned ? (int64_t)(UINT64_C(1) << (out->width - 1)) : 0;
  MlirValue tooBig = dlcCmpF(b, DlcCmpFOge, x, dlcConstFloat(b, from, limit));
  result = dlcSelect(b, tooBig, dlcConstInt(b, to, maxValue), result);
  MlirValue tooSmall = dlcCmpF(b, DlcCmpFOlt, x, dlcConstFloat(b, from, isSigned ? -limit : 0.0));
  result = dlcSelect(b, tooSmall, dlcConstInt(b, to, minValue), result);
  return dlcSelect(b, dlcCmpF(b, DlcCmpFUno, x, x), dlcConstInt(b, to, 0), result);
}

/* f64 to f32 rounding to odd: the f32 nearest toward zero, its last bit set when inexact.
 * Rounding that once more to f16 or bf16 is the one correct rounding of the f64 (f32 has
 * more than 2 * 11 + 2 bits), where rounding to nearest twice is not; and LLVM would turn
 * the one-step f64 -> bf16 into a call of compiler-rt's __truncdfbf2, which neither the JIT
 * nor libgcc provide. */
static MlirValue roundToOddF32(DlcBuilder *b, MlirValue x) {
  MlirType f32 = mlirF32TypeGet(b->ctx), i32 = mlirIntegerTypeGet(b->ctx, 32);
  MlirValue nearest = dlcCast(b, "arith.truncf", x, f32);
  MlirValue back = dlcCast(b, "arith.extf", nearest, mlirValueGetType(x));
  MlirValue bits = dlcCast(b, "arith.bitcast", nearest, i32);
  MlirValue away = dlcCmpF(b, DlcCmpFOgt, dlcUnary(b, "math.absf", back),
                           dlcUnary(b, "math.absf", x));
  /* Sign and magnitude: one less in the bits is one ulp nearer zero, for either sign. */
  MlirValue towardZero =
      dlcSelect(b, away, dlcBinary(b, "arith.subi", bits, dlcConstInt(b, i32, 1)), bits);
  MlirValue odd = dlcBinary(b, "arith.ori", towardZero, dlcConstInt(b, i32, 1));
  MlirValue inexact = dlcCmpF(b, DlcCmpFOne, back, x);
  return dlcCast(b, "arith.bitcast", dlcSelect(b, inexact, odd, bits), f32);
}

static MlirValue emitConvert(DlcBuilder *b, MlirOperation op, const MlirValue *args,
                             const DlcElemType *in, const DlcElemType *out) {
  MlirValue x = args[0];
  MlirType from = mlirValueGetType(x);
  MlirType to = dlcSignlessType(
      mlirShapedTypeGetElementType(mlirValueGetType(mlirOperationGetResult(op, 0))));
  if (mlirTypeEqual(from, to))
    return x;
  if (out->kind == DlcElemBool)
    return in->kind == DlcElemFloat ? dlcCmpF(b, DlcCmpFUne, x, zeroOf(b, x))
                                    : dlcCmpI(b, DlcCmpINe, x, zeroOf(b, x));
  /* Integers of 32 bits and more reach f16 and bf16 through f64, which holds an i32
   * exactly and rounds an i64 innocuously (53 >= 2 * 11 + 2 bits), then as f64 does: the
   * f32 that the emulation of 16-bit floats would go through rounds a second time. */
  static const DlcElemType f64 = {.kind = DlcElemFloat, .width = 64};
  if (out->kind == DlcElemFloat && in->kind != DlcElemFloat && out->width == 16 &&
      in->width >= 32) {
    x = dlcCast(b, in->kind == DlcElemSigned ? "arith.sitofp" : "arith.uitofp", x,
                mlirF64TypeGet(b->ctx));
    in = &f64;
  }
  if (in->kind == DlcElemFloat && out->kind == DlcElemFloat) {
    if (in->width == out->width) /* f16 <-> bf16: exactly through f32, then one rounding */
      x = dlcCast(b, "arith.extf", x, mlirF32TypeGet(b->ctx));
    if (in->width == 64 && out->width == 16)
      x = roundToOddF32(b, x);
    return dlcCast(b, in->width < out->width ? "arith.extf" : "arith.truncf", x, to);
  }
  if (in->kind == DlcElemFloat)
    return floatToInt(b, x, out, to);
  if (out->kind == DlcElemFloat)
    return dlcCast(b, in->kind == DlcElemSigned ? "arith.sitofp" : "arith.uitofp", x, to);
  if (in->width == out->width) /* i32 <-> ui32: the same bits */
    return x;
  if (in->width > out->width)
    return dlcCast(b, "arith.trunci", x, to);
  return dlcCast(b, in->kind == DlcElemSigned ? "arith.extsi" : "arith.extui", x, to);
}

/* ---- The table ----------------------------------------------------------------------------- */

#define BOOL DlcElemBool
#define SIGNED DlcElemSigned
#define UNSIGNED DlcElemUnsigned
#define FLOAT DlcElemFloat
#define FLOAT_ONLY(op) {[FLOAT] = op}
#define INTS(op) [BOOL] = op, [SIGNED] = op, [UNSIGNED] = op

static const ScalarOp scalarOps[] = {
    /* unary */
    {"dhlo.negate", {[FLOAT] = "arith.negf"}, emitNegate},
    {"dhlo.abs", {[SIGNED] = "math.absi", [FLOAT] = "math.absf"}, NULL},
    {"dhlo.sign", {NULL}, emitSign},
    {"dhlo.exponential", FLOAT_ONLY("math.exp"), NULL},
    {"dhlo.log", FLOAT_ONLY("math.log"), NULL},
    {"dhlo.log_plus_one", FLOAT_ONLY("math.log1p"), NULL},
    {"dhlo.tanh", FLOAT_ONLY("math.tanh"), NULL},
    {"dhlo.logistic", {NULL}, emitLogistic},
    {"dhlo.sqrt", FLOAT_ONLY("math.sqrt"), NULL},
    {"dhlo.rsqrt", FLOAT_ONLY("math.rsqrt"), NULL},
    {"dhlo.sine", FLOAT_ONLY("math.sin"), NULL},
    {"dhlo.cosine", FLOAT_ONLY("math.cos"), NULL},
    {"dhlo.floor", FLOAT_ONLY("math.floor"), NULL},
    {"dhlo.ceil", FLOAT_ONLY("math.ceil"), NULL},
    {"dhlo.not", {NULL}, emitNot},
    /* binary; i1 add is or, multiply and minimum are and, maximum is or */
    {"dhlo.add", {[BOOL] = "arith.ori", [SIGNED] = "arith.addi", [UNSIGNED] = "arith.addi",
                  [FLOAT] = "arith.addf"}, NULL},
    {"dhlo.subtract", {[SIGNED] = "arith.subi", [UNSIGNED] = "arith.subi",
                       [FLOAT] = "arith.subf"}, NULL},
    {"dhlo.multiply", {[BOOL] = "arith.andi", [SIGNED] = "arith.muli", [UNSIGNED] = "arith.muli",
                       [FLOAT] = "arith.mulf"}, NULL},
    {"dhlo.divide", {[FLOAT] = "arith.divf"}, emitIntDivide},
    {"dhlo.remainder", {[FLOAT] = "arith.remf"}, emitIntRemainder},
    {"dhlo.maximum", {[BOOL] = "arith.ori", [SIGNED] = "arith.maxsi", [UNSIGNED] = "arith.maxui",
                      [FLOAT] = "arith.maximumf"}, NULL},
    {"dhlo.minimum", {[BOOL] = "arith.andi", [SIGNED] = "arith.minsi", [UNSIGNED] = "arith.minui",
                      [FLOAT] = "arith.minimumf"}, NULL},
    {"dhlo.power", {[FLOAT] = "math.powf"}, emitIntPower},
    {"dhlo.and", {INTS("arith.andi")}, NULL},
    {"dhlo.or", {INTS("arith.ori")}, NULL},
    {"dhlo.xor", {INTS("arith.xori")}, NULL},
    /* the rest */
    {"dhlo.compare", {NULL}, emitCompare},
    {"dhlo.select", {NULL}, emitSelect},
    {"dhlo.clamp", {NULL}, emitClamp},
    {"dhlo.convert", {NULL}, emitConvert},
};
enum { numScalarOps = sizeof scalarOps / sizeof scalarOps[0] };

static const ScalarOp *lookup(MlirStringRef name) {
  for (int i = 0; i < numScalarOps; ++i)
    if (dlcStrEq(name, scalarOps[i].name))
      return &scalarOps[i];
  return NULL;
}

intptr_t dlcNumScalarOps(void) { return numScalarOps; }

const char *dlcScalarOpName(intptr_t index) { return scalarOps[index].name; }

static bool elemTypeOfValue(MlirValue value, DlcElemType *out) {
  MlirType type = mlirValueGetType(value);
  return mlirTypeIsAShaped(type) && dlcElemTypeOf(mlirShapedTypeGetElementType(type), out);
}

/* The table entry of `op` and its operand and result element types; NULL if `op` is not
 * covered for these types. */
static const ScalarOp *classify(MlirOperation op, DlcElemType *in, DlcElemType *out) {
  const ScalarOp *scalar = lookup(mlirIdentifierStr(mlirOperationGetName(op)));
  intptr_t numOperands = mlirOperationGetNumOperands(op);
  if (!scalar || numOperands == 0 || mlirOperationGetNumResults(op) != 1 ||
      !elemTypeOfValue(mlirOperationGetOperand(op, numOperands - 1), in) ||
      !elemTypeOfValue(mlirOperationGetResult(op, 0), out) ||
      (!scalar->byKind[in->kind] && !scalar->emit))
    return NULL;
  return scalar;
}

bool dlcCanEmitScalar(MlirOperation op) {
  DlcElemType in, out;
  return classify(op, &in, &out) != NULL;
}

MlirValue dlcEmitScalar(DlcBuilder *b, MlirOperation op, const MlirValue *args) {
  DlcElemType in, out;
  const ScalarOp *scalar = classify(op, &in, &out);
  if (!scalar)
    return (MlirValue){NULL};
  const char *name = scalar->byKind[in.kind];
  if (!name)
    return scalar->emit(b, op, args, &in, &out);
  return mlirOperationGetNumOperands(op) == 1 ? dlcUnary(b, name, args[0])
                                              : dlcBinary(b, name, args[0], args[1]);
}
