/* ApproximateMath.c: `dlc-approximate-math` replaces math.exp, math.tanh and math.erf on f32
 * (scalars and vectors) by polynomial approximations built from arith and math.fma ops, so
 * that an elementwise loop vectorizes instead of calling libm once per element (tanhf makes
 * a loop 30x slower than memory bandwidth). MLIR's own approximation patterns are C++ only.
 * logistic needs nothing of its own: dhlo lowers it to 1 / (1 + exp(-x)).
 *
 * Errors against glibc's libm over 2^20 evenly spaced f32 (the sweep in test_cpu_codegen.c):
 * exp <= 1 ulp on [-87, 88.7] (normal results), tanh <= 3e-7 absolute (5 ulp) on [-20, 20];
 * erf (no dhlo op reaches it yet) <= 4.2e-7 absolute on [-6, 6], measured in numpy.
 * f64 and narrower floats are left alone (the pipeline extends f16/bf16 to f32 before this
 * pass); `fast-math=false` keeps every libm call. */
#include "Conversion/Lowering.h"
#include "Transforms/Layouts.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Dialect/Arith.h"
#include "mlir-c/Dialect/Math.h"

#include <stdlib.h>

/* Values of one type: f32 or a vector of f32, and the same shape of i32 and i1. */
typedef struct Approx {
  DlcBuilder b;
  MlirType type, intType, boolType;
} Approx;

static MlirType sameShape(MlirType type, MlirType element) {
  if (!mlirTypeIsAVector(type))
    return element;
  intptr_t rank = mlirShapedTypeGetRank(type);
  int64_t dims[8];
  for (intptr_t d = 0; d < rank && d < 8; ++d)
    dims[d] = mlirShapedTypeGetDimSize(type, d);
  return mlirVectorTypeGet(rank, dims, element);
}

static MlirValue splat(Approx *a, MlirType type, MlirAttribute scalar) {
  MlirAttribute value = mlirTypeIsAVector(type) ? mlirDenseElementsAttrSplatGet(type, scalar)
                                                : scalar;
  MlirNamedAttribute attr = dlcNamed(a->b.ctx, "value", value);
  return dlcBuild(&a->b, "arith.constant", type, 0, NULL, 1, &attr);
}

static MlirValue cf(Approx *a, double v) {
  return splat(a, a->type, mlirFloatAttrDoubleGet(a->b.ctx, mlirF32TypeGet(a->b.ctx), v));
}

static MlirValue ci(Approx *a, int64_t v) {
  return splat(a, a->intType, mlirIntegerAttrGet(mlirIntegerTypeGet(a->b.ctx, 32), v));
}

static MlirValue bin(Approx *a, const char *name, MlirValue x, MlirValue y) {
  return dlcBinary(&a->b, name, x, y);
}

static MlirValue fma3(Approx *a, MlirValue x, MlirValue y, MlirValue z) {
  MlirValue operands[] = {x, y, z};
  return dlcBuild(&a->b, "math.fma", a->type, 3, operands, 0, NULL);
}

static MlirValue cmpf(Approx *a, DlcCmpF predicate, MlirValue x, MlirValue y) {
  MlirValue operands[] = {x, y};
  MlirNamedAttribute attr = dlcNamed(
      a->b.ctx, "predicate", mlirIntegerAttrGet(mlirIntegerTypeGet(a->b.ctx, 64), predicate));
  return dlcBuild(&a->b, "arith.cmpf", a->boolType, 2, operands, 1, &attr);
}

static MlirValue clamp(Approx *a, MlirValue x, double lo, double hi) {
  return bin(a, "arith.minimumf", bin(a, "arith.maximumf", x, cf(a, lo)), cf(a, hi));
}

/* c[0] + x * (c[1] + x * (... c[n-1])), with fused multiply-adds. */
static MlirValue horner(Approx *a, MlirValue x, const double *c, int n) {
  MlirValue p = cf(a, c[n - 1]);
  for (int i = n - 2; i >= 0; --i)
    p = fma3(a, p, x, cf(a, c[i]));
  return p;
}

/* p * 2^n for i32 `n` in [-252, 254], scaled twice by exponent-field constructions (p times
 * one, then the other): 2^n alone overflows the exponent field at the ends of exp's range. */
static MlirValue scaleByPow2(Approx *a, MlirValue p, MlirValue n) {
  MlirValue half = bin(a, "arith.shrsi", n, ci(a, 1));
  MlirValue rest = bin(a, "arith.subi", n, half);
  MlirValue s1 = bin(a, "arith.shli", bin(a, "arith.addi", half, ci(a, 127)), ci(a, 23));
  MlirValue s2 = bin(a, "arith.shli", bin(a, "arith.addi", rest, ci(a, 127)), ci(a, 23));
  p = bin(a, "arith.mulf", p, dlcCast(&a->b, "arith.bitcast", s1, a->type));
  return bin(a, "arith.mulf", p, dlcCast(&a->b, "arith.bitcast", s2, a->type));
}

/* exp(x) = 2^n * exp(r), n = round(x / ln 2), r = x - n ln 2 in [-ln2/2, ln2/2] (Cody-Waite
 * split of ln 2), exp(r) by Cephes' degree-7 polynomial. x is clamped where the result is
 * already 0 or inf; NaN passes through. */
static MlirValue approxExp(Approx *a, MlirValue x) {
  static const double c[] = {1.0, 1.0, 5.0000001201e-1, 1.6666665459e-1, 4.1665795894e-2,
                             8.3334519073e-3, 1.3981999507e-3, 1.9875691500e-4};
  MlirValue xc = clamp(a, x, -104.0, 89.0);
  MlirValue n = dlcUnary(&a->b, "math.floor", fma3(a, xc, cf(a, 1.44269504088896341), cf(a, 0.5)));
  MlirValue r = fma3(a, n, cf(a, -0.693359375), xc);
  r = fma3(a, n, cf(a, 2.12194440e-4), r);
  MlirValue p = horner(a, r, c, 8);
  MlirValue e = scaleByPow2(a, p, dlcCast(&a->b, "arith.fptosi", n, a->intType));
  return dlcSelect(&a->b, cmpf(a, DlcCmpFUno, x, x), x, e);
}

/* tanh(x) = x P(x^2) / Q(x^2) on [-7.9053, 7.9053] (where tanh rounds to +-1 in f32), the
 * rational approximation of Eigen and XLA; below 4e-4 tanh(x) = x to f32 precision. */
static MlirValue approxTanh(Approx *a, MlirValue x) {
  static const double p[] = {4.89352455891786e-03, 6.37261928875436e-04, 1.48572235717979e-05,
                             5.12229709037114e-08, -8.60467152213735e-11,
                             2.00018790482477e-13, -2.76076847742355e-16};
  static const double q[] = {4.89352518554385e-03, 2.26843463243900e-03, 1.18534705686654e-04,
                             1.19825839466702e-06};
  MlirValue xc = clamp(a, x, -7.90531110763549805, 7.90531110763549805);
  MlirValue x2 = bin(a, "arith.mulf", xc, xc);
  MlirValue num = bin(a, "arith.mulf", xc, horner(a, x2, p, 7));
  MlirValue t = bin(a, "arith.divf", num, horner(a, x2, q, 4));
  MlirValue tiny = cmpf(a, DlcCmpFOlt, dlcUnary(&a->b, "math.absf", x), cf(a, 4e-4));
  return dlcSelect(&a->b, tiny, x, t);
}

/* erf(x) = x P(x^2) / Q(x^2) on [-4, 4] (erf rounds to +-1 beyond), XLA's f32 erf. */
static MlirValue approxErf(Approx *a, MlirValue x) {
  static const double p[] = {-1.60960333262415e-02, -2.95459980854025e-03,
                             -7.34990630326855e-04, -5.69250639462346e-05,
                             -2.10102402082508e-06, 2.77068142495902e-08,
                             -2.72614225801306e-10};
  static const double q[] = {-1.42647390514189e-02, -7.37332916720468e-03,
                             -1.68282697438203e-03, -2.13374055278905e-04,
                             -1.45660718464996e-05};
  MlirValue xc = clamp(a, x, -4.0, 4.0);
  MlirValue x2 = bin(a, "arith.mulf", xc, xc);
  MlirValue num = bin(a, "arith.mulf", xc, horner(a, x2, p, 7));
  return bin(a, "arith.divf", num, horner(a, x2, q, 5));
}

typedef struct Found {
  MlirOperation *ops;
  size_t count, capacity;
} Found;

static MlirValue (*approximation(MlirOperation op))(Approx *, MlirValue) {
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  if (mlirStringRefEqual(name, dlcStr("math.exp")))
    return approxExp;
  if (mlirStringRefEqual(name, dlcStr("math.tanh")))
    return approxTanh;
  if (mlirStringRefEqual(name, dlcStr("math.erf")))
    return approxErf;
  return NULL;
}

static MlirWalkResult collect(MlirOperation op, void *userData) {
  Found *found = userData;
  if (!approximation(op))
    return MlirWalkResultAdvance;
  MlirType type = mlirValueGetType(mlirOperationGetResult(op, 0));
  MlirType element = mlirTypeIsAVector(type) ? mlirShapedTypeGetElementType(type) : type;
  if (mlirTypeIsAF32(element)) {
    found->ops = dlcGrow(found->ops, &found->capacity, found->count + 1, sizeof *found->ops);
    found->ops[found->count++] = op;
  }
  return MlirWalkResultAdvance;
}

static void runApproximateMath(MlirOperation root, MlirExternalPass pass,
                               const DlcPassOptionValue *options) {
  if (!options[0].b)
    return;
  Found found = {NULL, 0, 0};
  mlirOperationWalk(root, collect, &found, MlirWalkPostOrder);
  MlirContext ctx = mlirOperationGetContext(root);
  MlirRewriterBase rewriter = mlirIRRewriterCreate(ctx);
  for (size_t i = 0; i < found.count; ++i) {
    MlirOperation op = found.ops[i];
    MlirType type = mlirValueGetType(mlirOperationGetResult(op, 0));
    Approx a = {.b = {ctx, mlirOperationGetLocation(op), rewriter, {NULL}},
                .type = type,
                .intType = sameShape(type, mlirIntegerTypeGet(ctx, 32)),
                .boolType = sameShape(type, mlirIntegerTypeGet(ctx, 1))};
    mlirRewriterBaseSetInsertionPointBefore(rewriter, op);
    MlirValue value = approximation(op)(&a, mlirOperationGetOperand(op, 0));
    mlirRewriterBaseReplaceOpWithValues(rewriter, op, 1, &value);
  }
  mlirIRRewriterDestroy(rewriter);
  free(found.ops);
}

static const DlcPassOptionInfo approximateMathOptions[] = {
    {"fast-math", DlcPassOptionBool, "true",
     "replace f32 exp/tanh/erf by polynomials (false: keep libm's exact functions)"},
};

static MlirDialectHandle (*const approxDialects[])(void) = {mlirGetDialectHandle__arith__,
                                                            mlirGetDialectHandle__math__, NULL};

const DlcPassDef dlcApproximateMathPass = {
    .info = {.argument = "dlc-approximate-math",
             .summary = "Replace f32 math.exp/tanh/erf by vectorizable polynomial "
                        "approximations in arith ops",
             .anchor = "",
             .numOptions = 1,
             .options = approximateMathOptions},
    .run = runApproximateMath,
    .dependentDialects = approxDialects,
};
