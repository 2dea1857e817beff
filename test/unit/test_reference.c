/* test_reference.c: unit tests of the reference evaluator (dlc/Reference.h): every op family
 * against hand-computed values (the convolution against a naive formula), the semantics
 * StableHLO leaves to the implementation, error paths, host tensors, the comparison helper
 * and the random generator. */
#include "UnitTest.h"
#include "dlc/Reference.h"

#include "mlir-c/Diagnostics.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const double pi = 3.14159265358979323846;

/* ---- Fixture ---------------------------------------------------------------------------- */

typedef struct {
  char text[8192];
} Sink;

static void collect(MlirStringRef s, void *userData) {
  Sink *sink = userData;
  size_t used = strlen(sink->text);
  snprintf(sink->text + used, sizeof sink->text - used, "%.*s", (int)s.length, s.data);
}

/* Collects "<location>: <message>" lines. */
static MlirLogicalResult collectDiagnostic(MlirDiagnostic d, void *userData) {
  mlirLocationPrint(mlirDiagnosticGetLocation(d), collect, userData);
  collect(dlcStr(": "), userData);
  mlirDiagnosticPrint(d, collect, userData);
  collect(dlcStr("\n"), userData);
  return mlirLogicalResultSuccess();
}

static MlirContext ctx;
static Sink errors;

static void setup(void) {
  ctx = dlcContextCreate();
  ck_assert_ptr_nonnull(ctx.ptr);
  memset(&errors, 0, sizeof errors);
  mlirContextAttachDiagnosticHandler(ctx, collectDiagnostic, &errors, NULL);
}

static void teardown(void) { mlirContextDestroy(ctx); }

/* ---- Helpers ---------------------------------------------------------------------------- */

static MlirType typeOf(const char *text) {
  MlirType type = mlirTypeParseGet(ctx, dlcStr(text));
  ck_assert_msg(!mlirTypeIsNull(type), "cannot parse type %s", text);
  return type;
}

/* A tensor of type `type` holding `values` (converted as from f64) or else `ints`. */
static DlcHostTensor tensorFrom(const char *type, const double *values, const int64_t *ints) {
  DlcHostTensor t = dlcHostTensorCreate(typeOf(type));
  ck_assert(!dlcHostTensorIsNull(t));
  for (int64_t i = 0; i < dlcHostTensorGetNumElements(t); ++i) {
    if (values)
      dlcHostTensorSetElementFromDouble(t, i, values[i]);
    else
      dlcHostTensorSetElementFromInt64(t, i, ints[i]);
  }
  return t;
}

static DlcHostTensor tensorOf(const char *type, const double *values) {
  return tensorFrom(type, values, NULL);
}
static DlcHostTensor tensorOfInts(const char *type, const int64_t *values) {
  return tensorFrom(type, NULL, values);
}

/* Runs @main of `ir` on `args` (destroyed afterwards); its results land in `out`. */
static void runMain(const char *ir, intptr_t nArgs, DlcHostTensor *args, intptr_t nResults,
                    DlcHostTensor *out) {
  MlirModule module = mlirModuleCreateParse(ctx, dlcStr(ir));
  ck_assert_msg(!mlirModuleIsNull(module), "cannot parse:\n%s\n%s", ir, errors.text);
  MlirLogicalResult ok = dlcReferenceRun(mlirModuleGetOperation(module), dlcStr("main"), nArgs,
                                         args, nResults, out);
  ck_assert_msg(mlirLogicalResultIsSuccess(ok), "evaluation failed: %s", errors.text);
  for (intptr_t i = 0; i < nArgs; ++i)
    dlcHostTensorDestroy(args[i]);
  mlirModuleDestroy(module);
}

/* Runs @main expecting failure; returns the diagnostics. Results must stay null. */
static const char *failMain(const char *ir, const char *entry, intptr_t nArgs,
                            DlcHostTensor *args, intptr_t nResults) {
  MlirModule module = mlirModuleCreateParse(ctx, dlcStr(ir));
  ck_assert_msg(!mlirModuleIsNull(module), "cannot parse:\n%s\n%s", ir, errors.text);
  DlcHostTensor out[4];
  ck_assert(mlirLogicalResultIsFailure(dlcReferenceRun(mlirModuleGetOperation(module),
                                                       dlcStr(entry), nArgs, args, nResults, out)));
  for (intptr_t i = 0; i < nResults; ++i)
    ck_assert(dlcHostTensorIsNull(out[i]));
  for (intptr_t i = 0; i < nArgs; ++i)
    dlcHostTensorDestroy(args[i]);
  mlirModuleDestroy(module);
  return errors.text;
}

static const char *typeStr(DlcHostTensor t) {
  static Sink s;
  memset(&s, 0, sizeof s);
  mlirTypePrint(dlcHostTensorGetType(ctx, t), collect, &s);
  return s.text;
}

/* Equal as IEEE values, with NaN equal to NaN and -0.0 distinct from +0.0. */
static bool sameDouble(double x, double y) {
  return (isnan(x) && isnan(y)) || (x == y && signbit(x) == signbit(y));
}

/* Checks `t`'s type and its elements against `values` or else `ints`, then destroys it. */
static void expectFrom(DlcHostTensor t, const char *type, const double *values,
                       const int64_t *ints) {
  ck_assert_str_eq(typeStr(t), type);
  for (int64_t i = 0; i < dlcHostTensorGetNumElements(t); ++i) {
    double got = dlcHostTensorGetElementAsDouble(t, i);
    int64_t gotInt = dlcHostTensorGetElementAsInt64(t, i);
    if (values)
      ck_assert_msg(sameDouble(got, values[i]), "%s element %lld: expected %.17g, got %.17g",
                    type, (long long)i, values[i], got);
    else
      ck_assert_msg(gotInt == ints[i], "%s element %lld: expected %lld, got %lld", type,
                    (long long)i, (long long)ints[i], (long long)gotInt);
  }
  dlcHostTensorDestroy(t);
}

static void expectValues(DlcHostTensor t, const char *type, const double *values) {
  expectFrom(t, type, values, NULL);
}
static void expectInts(DlcHostTensor t, const char *type, const int64_t *ints) {
  expectFrom(t, type, NULL, ints);
}

static char irText[8192];

/* A @main applying elementwise op `op` to `arity` operands of type `type`. */
static const char *elementwiseIR(const char *op, int arity, const char *type,
                                 const char *resultType, const char *attrs) {
  char params[512] = "", operands[256] = "", types[512] = "";
  for (int i = 0; i < arity; ++i) {
    size_t p = strlen(params), o = strlen(operands), t = strlen(types);
    snprintf(params + p, sizeof params - p, "%s%%a%d: %s", i ? ", " : "", i, type);
    snprintf(operands + o, sizeof operands - o, "%s%%a%d", i ? ", " : "", i);
    snprintf(types + t, sizeof types - t, "%s%s", i ? ", " : "", type);
  }
  snprintf(irText, sizeof irText,
           "func.func @main(%s) -> %s {\n"
           "  %%0 = \"%s\"(%s) %s : (%s) -> %s\n"
           "  return %%0 : %s\n}\n",
           params, resultType, op, operands, attrs, types, resultType, resultType);
  return irText;
}

/* Runs elementwise `op` on `arity` operands (taken) and returns its result. */
static DlcHostTensor evalElementwise(const char *op, int arity, DlcHostTensor *args,
                                     const char *type, const char *resultType, const char *attrs) {
  DlcHostTensor out;
  runMain(elementwiseIR(op, arity, type, resultType, attrs), arity, args, 1, &out);
  return out;
}

static void checkUnary(const char *op, const char *type, const double *x, const double *want) {
  DlcHostTensor args[1] = {tensorOf(type, x)};
  expectValues(evalElementwise(op, 1, args, type, type, ""), type, want);
}

static void checkUnaryInts(const char *op, const char *type, const int64_t *x,
                           const int64_t *want) {
  DlcHostTensor args[1] = {tensorOfInts(type, x)};
  expectInts(evalElementwise(op, 1, args, type, type, ""), type, want);
}

static void checkBinary(const char *op, const char *type, const double *x, const double *y,
                        const double *want) {
  DlcHostTensor args[2] = {tensorOf(type, x), tensorOf(type, y)};
  expectValues(evalElementwise(op, 2, args, type, type, ""), type, want);
}

static void checkBinaryInts(const char *op, const char *type, const int64_t *x, const int64_t *y,
                            const int64_t *want) {
  DlcHostTensor args[2] = {tensorOfInts(type, x), tensorOfInts(type, y)};
  expectInts(evalElementwise(op, 2, args, type, type, ""), type, want);
}

static void checkCompare(const char *attrs, const char *type, const double *x, const double *y,
                         const double *want) {
  char resultType[64];
  DlcHostTensor args[2] = {tensorOf(type, x), tensorOf(type, y)};
  snprintf(resultType, sizeof resultType, "%.*si1>", (int)(strrchr(type, 'x') - type + 1), type);
  expectValues(evalElementwise("dhlo.compare", 2, args, type, resultType, attrs), resultType,
               want);
}

static void checkConvert(const char *from, const char *to, const double *x, const double *want) {
  DlcHostTensor args[1] = {tensorOf(from, x)};
  expectValues(evalElementwise("dhlo.convert", 1, args, from, to, ""), to, want);
}

static void checkConvertInts(const char *from, const char *to, const int64_t *x,
                             const double *want) {
  DlcHostTensor args[1] = {tensorOfInts(from, x)};
  expectValues(evalElementwise("dhlo.convert", 1, args, from, to, ""), to, want);
}

/* Raw 16-bit pattern of element i of an f16/bf16 tensor. */
static uint16_t bits16(DlcHostTensor t, int64_t i) {
  uint16_t b;
  memcpy(&b, (const char *)dlcHostTensorGetData(t) + 2 * i, 2);
  return b;
}

/* ---- Elementwise: floats ---------------------------------------------------------------- */

START_TEST(float_arithmetic_edge_cases) {
  const double x[] = {1, -1, 0, 1e38, INFINITY, NAN};
  const double y[] = {0, 0, 0, 1e38, INFINITY, 1};
  checkBinary("dhlo.divide", "tensor<6xf32>", x, y,
              (const double[]){INFINITY, -INFINITY, NAN, 1, NAN, NAN});
  checkBinary("dhlo.add", "tensor<6xf32>", x, y,
              (const double[]){1, -1, 0, (float)2e38, INFINITY, NAN});
  checkBinary("dhlo.multiply", "tensor<6xf32>", x, y,
              (const double[]){0, -0.0, 0, INFINITY, INFINITY, NAN});
  checkBinary("dhlo.subtract", "tensor<2xf32>", (const double[]){0.0, INFINITY},
              (const double[]){0.0, INFINITY}, (const double[]){0.0, NAN});
}
END_TEST

START_TEST(float_max_min_propagate_nan_and_order_zeros) {
  const double x[] = {NAN, 1, -0.0, 0.0, -INFINITY};
  const double y[] = {1, NAN, 0.0, -0.0, 3};
  checkBinary("dhlo.maximum", "tensor<5xf32>", x, y, (const double[]){NAN, NAN, 0.0, 0.0, 3});
  checkBinary("dhlo.minimum", "tensor<5xf32>", x, y,
              (const double[]){NAN, NAN, -0.0, -0.0, -INFINITY});
}
END_TEST

START_TEST(float_remainder_and_power) {
  checkBinary("dhlo.remainder", "tensor<5xf32>", (const double[]){5.5, -5.5, 5.5, INFINITY, 1},
              (const double[]){2, 2, -2, 1, 0}, (const double[]){1.5, -1.5, 1.5, NAN, NAN});
  checkBinary("dhlo.power", "tensor<4xf64>", (const double[]){2, -8, 0, -2},
              (const double[]){10, 1.0 / 3, -1, 3}, (const double[]){1024, NAN, INFINITY, -8});
}
END_TEST

START_TEST(float_unary_ops) {
  const char *t = "tensor<5xf32>";
  checkUnary("dhlo.sign", t, (const double[]){-2, -0.0, NAN, 3, 0.0},
             (const double[]){-1, -0.0, NAN, 1, 0.0});
  checkUnary("dhlo.negate", t, (const double[]){-0.0, 1, -INFINITY, NAN, 0},
             (const double[]){0.0, -1, INFINITY, NAN, -0.0});
  checkUnary("dhlo.abs", t, (const double[]){-0.0, -1.5, -INFINITY, NAN, 2},
             (const double[]){0.0, 1.5, INFINITY, NAN, 2});
  checkUnary("dhlo.floor", t, (const double[]){-1.5, 1.5, -0.0, 2, -INFINITY},
             (const double[]){-2, 1, -0.0, 2, -INFINITY});
  checkUnary("dhlo.ceil", t, (const double[]){-1.5, 1.5, -0.5, 2, INFINITY},
             (const double[]){-1, 2, -0.0, 2, INFINITY});
  checkUnary("dhlo.rsqrt", t, (const double[]){4, 0.25, -0.0, -1, INFINITY},
             (const double[]){0.5, 2, -INFINITY, NAN, 0});
  checkUnary("dhlo.sqrt", t, (const double[]){4, -0.0, -1, INFINITY, 0},
             (const double[]){2, -0.0, NAN, INFINITY, 0});
  checkUnary("dhlo.logistic", t, (const double[]){0, -INFINITY, INFINITY, NAN, 0},
             (const double[]){0.5, 0, 1, NAN, 0.5});
  checkUnary("dhlo.log", t, (const double[]){1, 0, -1, INFINITY, 1},
             (const double[]){0, -INFINITY, NAN, INFINITY, 0});
  checkUnary("dhlo.exponential", t, (const double[]){0, -INFINITY, INFINITY, 1000, 0},
             (const double[]){1, 0, INFINITY, INFINITY, 1});
  checkUnary("dhlo.tanh", t, (const double[]){0, -INFINITY, INFINITY, -0.0, 0},
             (const double[]){0, -1, 1, -0.0, 0});
  checkUnary("dhlo.sine", "tensor<2xf64>", (const double[]){0, pi / 2}, (const double[]){0, 1});
  checkUnary("dhlo.cosine", "tensor<2xf64>", (const double[]){0, pi}, (const double[]){1, -1});
  /* log_plus_one keeps precision near 0, where log(1 + x) would round 1 + x first. */
  DlcHostTensor args[1] = {tensorOf("tensor<1xf64>", (const double[]){1e-17})};
  DlcHostTensor out =
      evalElementwise("dhlo.log_plus_one", 1, args, "tensor<1xf64>", "tensor<1xf64>", "");
  ck_assert_double_eq_tol(dlcHostTensorGetElementAsDouble(out, 0), 1e-17, 1e-30);
  dlcHostTensorDestroy(out);
}
END_TEST

/* f16 and bf16 compute in double and round once, to nearest even, on store. */
START_TEST(half_and_bfloat_round_to_nearest_even) {
  checkBinary("dhlo.add", "tensor<4xf16>", (const double[]){1, 1, 65504, 65504},
              (const double[]){0x1p-11, 0x3p-11, 8, 16},
              /* ties go to the even neighbour; 65520 rounds to 65536, beyond f16: inf */
              (const double[]){1, 1 + 0x1p-9, 65504, INFINITY});
  /* Among subnormals too: 1.5 and 0.5 units of 2^-24 round to 2 and 0 units. */
  checkBinary("dhlo.multiply", "tensor<2xf16>", (const double[]){0x3p-24, 0x1p-24},
              (const double[]){0.5, 0.5}, (const double[]){0x1p-23, 0});
  checkBinary("dhlo.add", "tensor<3xbf16>", (const double[]){1, 1, 0x1.fep127},
              (const double[]){0x1p-8, 0x3p-8, 0x1p120}, (const double[]){1, 1 + 0x1p-6, INFINITY});
  DlcHostTensor h = tensorOf("tensor<5xf16>", (const double[]){1, -2, INFINITY, 65504, 0x1p-24});
  const uint16_t halfBits[] = {0x3C00, 0xC000, 0x7C00, 0x7BFF, 0x0001};
  for (int i = 0; i < 5; ++i)
    ck_assert_uint_eq(bits16(h, i), halfBits[i]);
  dlcHostTensorDestroy(h);
  DlcHostTensor b = tensorOf("tensor<3xbf16>", (const double[]){1, pi, NAN});
  ck_assert_uint_eq(bits16(b, 0), 0x3F80);
  ck_assert_uint_eq(bits16(b, 1), 0x4049); /* 3.140625 */
  ck_assert_uint_eq(bits16(b, 2) & 0x7FC0, 0x7FC0); /* a quiet NaN */
  dlcHostTensorDestroy(b);
}
END_TEST

/* ---- Elementwise: integers and i1 ------------------------------------------------------- */

START_TEST(signed_integers_wrap) {
  checkBinaryInts("dhlo.add", "tensor<3xi32>", (const int64_t[]){INT32_MAX, -5, INT32_MIN},
                  (const int64_t[]){1, 3, -1}, (const int64_t[]){INT32_MIN, -2, INT32_MAX});
  checkBinaryInts("dhlo.multiply", "tensor<2xi32>", (const int64_t[]){65536, -7},
                  (const int64_t[]){65536, 6}, (const int64_t[]){0, -42});
  checkBinaryInts("dhlo.add", "tensor<2xi8>", (const int64_t[]){127, -128},
                  (const int64_t[]){1, -1}, (const int64_t[]){-128, 127});
  checkBinaryInts("dhlo.subtract", "tensor<1xi64>", (const int64_t[]){INT64_MIN},
                  (const int64_t[]){1}, (const int64_t[]){INT64_MAX});
  checkBinaryInts("dhlo.maximum", "tensor<2xi32>", (const int64_t[]){-1, 5},
                  (const int64_t[]){0, 2}, (const int64_t[]){0, 5});
  const int64_t v[] = {INT32_MIN, -5, 0, 7};
  checkUnaryInts("dhlo.abs", "tensor<4xi32>", v, (const int64_t[]){INT32_MIN, 5, 0, 7});
  checkUnaryInts("dhlo.negate", "tensor<4xi32>", v, (const int64_t[]){INT32_MIN, 5, 0, -7});
  checkUnaryInts("dhlo.sign", "tensor<4xi32>", v, (const int64_t[]){-1, -1, 0, 1});
  checkUnaryInts("dhlo.not", "tensor<2xi16>", (const int64_t[]){0, 0x0F0F},
                 (const int64_t[]){-1, (int16_t)0xF0F0});
}
END_TEST

/* XLA's choices where StableHLO leaves the result to the implementation. */
START_TEST(integer_division_by_zero_and_overflow) {
  const int64_t x[] = {7, -7, 7, INT32_MIN, -7, INT32_MIN};
  const int64_t y[] = {2, 2, 0, -1, -2, 0};
  checkBinaryInts("dhlo.divide", "tensor<6xi32>", x, y,
                  (const int64_t[]){3, -3, -1, INT32_MIN, 3, -1});
  checkBinaryInts("dhlo.remainder", "tensor<6xi32>", x, y,
                  (const int64_t[]){1, -1, 7, 0, -1, INT32_MIN});
  checkBinaryInts("dhlo.divide", "tensor<3xi64>", (const int64_t[]){INT64_MIN, 5, INT64_MIN},
                  (const int64_t[]){-1, 0, 0}, (const int64_t[]){INT64_MIN, -1, -1});
  checkBinaryInts("dhlo.remainder", "tensor<2xi64>", (const int64_t[]){INT64_MIN, 5},
                  (const int64_t[]){-1, 0}, (const int64_t[]){0, 5});
}
END_TEST

START_TEST(unsigned_integers) {
  const int64_t x[] = {200, 7, 7, 3};
  const int64_t y[] = {100, 0, 2, 200};
  checkBinaryInts("dhlo.add", "tensor<4xui8>", x, y, (const int64_t[]){44, 7, 9, 203});
  checkBinaryInts("dhlo.subtract", "tensor<4xui8>", x, y, (const int64_t[]){100, 7, 5, 59});
  checkBinaryInts("dhlo.divide", "tensor<4xui8>", x, y, (const int64_t[]){2, 255, 3, 0});
  checkBinaryInts("dhlo.remainder", "tensor<4xui8>", x, y, (const int64_t[]){0, 7, 1, 3});
  checkBinaryInts("dhlo.maximum", "tensor<4xui8>", x, y, (const int64_t[]){200, 7, 7, 200});
  checkBinaryInts("dhlo.divide", "tensor<2xui64>", (const int64_t[]){-1, 9},
                  (const int64_t[]){2, 0}, (const int64_t[]){INT64_MAX, -1});
  checkUnaryInts("dhlo.negate", "tensor<2xui32>", (const int64_t[]){1, 0},
                 (const int64_t[]){UINT32_MAX, 0});
}
END_TEST

START_TEST(integer_power) {
  checkBinaryInts("dhlo.power", "tensor<8xi32>", (const int64_t[]){3, 2, 2, 1, -1, -1, 0, 5},
                  (const int64_t[]){4, 31, -1, -5, -3, -2, 0, 0},
                  (const int64_t[]){81, INT32_MIN, 0, 1, -1, 1, 1, 1});
  checkBinaryInts("dhlo.power", "tensor<2xui8>", (const int64_t[]){2, 3},
                  (const int64_t[]){9, 5}, (const int64_t[]){0, 243});
}
END_TEST

START_TEST(booleans) {
  const double p[] = {0, 0, 1, 1}, q[] = {0, 1, 0, 1};
  checkBinary("dhlo.add", "tensor<4xi1>", p, q, (const double[]){0, 1, 1, 1});
  checkBinary("dhlo.multiply", "tensor<4xi1>", p, q, (const double[]){0, 0, 0, 1});
  checkBinary("dhlo.maximum", "tensor<4xi1>", p, q, (const double[]){0, 1, 1, 1});
  checkBinary("dhlo.minimum", "tensor<4xi1>", p, q, (const double[]){0, 0, 0, 1});
  checkBinary("dhlo.and", "tensor<4xi1>", p, q, (const double[]){0, 0, 0, 1});
  checkBinary("dhlo.or", "tensor<4xi1>", p, q, (const double[]){0, 1, 1, 1});
  checkBinary("dhlo.xor", "tensor<4xi1>", p, q, (const double[]){0, 1, 1, 0});
  checkUnary("dhlo.not", "tensor<4xi1>", q, (const double[]){1, 0, 1, 0});
  checkBinaryInts("dhlo.xor", "tensor<2xi8>", (const int64_t[]){0x0F, -1},
                  (const int64_t[]){0x3C, 0x0F}, (const int64_t[]){0x33, (int8_t)0xF0});
}
END_TEST

START_TEST(compare_directions_types_and_nan) {
  const double x[] = {1, NAN, 2, NAN, -0.0}, y[] = {2, 1, NAN, NAN, 0.0};
  const char *t = "tensor<5xf32>";
  checkCompare("{comparison_direction = \"LT\"}", t, x, y, (const double[]){1, 0, 0, 0, 0});
  checkCompare("{comparison_direction = \"GE\"}", t, x, y, (const double[]){0, 0, 0, 0, 1});
  checkCompare("{comparison_direction = \"EQ\"}", t, x, y, (const double[]){0, 0, 0, 0, 1});
  checkCompare("{comparison_direction = \"NE\"}", t, x, y, (const double[]){1, 1, 1, 1, 0});
  /* Total order: -0.0 < +0.0, and NaN above +inf; NaN equals itself. */
  checkCompare("{comparison_direction = \"LT\", compare_type = \"TOTALORDER\"}", t, x, y,
               (const double[]){1, 0, 1, 0, 1});
  checkCompare("{comparison_direction = \"EQ\", compare_type = \"TOTALORDER\"}", t, x, y,
               (const double[]){0, 0, 0, 1, 0});
  checkCompare("{comparison_direction = \"GT\", compare_type = \"TOTALORDER\"}", "tensor<2xf32>",
               (const double[]){NAN, -NAN}, (const double[]){INFINITY, -INFINITY},
               (const double[]){1, 0});
  /* Signless integers are signed, ui* unsigned, i1 false < true. */
  checkCompare("{comparison_direction = \"LT\"}", "tensor<2xi32>", (const double[]){-1, 3},
               (const double[]){0, 3}, (const double[]){1, 0});
  checkCompare("{comparison_direction = \"LT\"}", "tensor<2xui32>",
               (const double[]){4294967295.0, 3},
               (const double[]){0, 4}, (const double[]){0, 1});
  checkCompare("{comparison_direction = \"LE\"}", "tensor<3xi1>", (const double[]){0, 1, 1},
               (const double[]){1, 0, 1}, (const double[]){1, 0, 1});
}
END_TEST

START_TEST(select_and_clamp_with_scalars) {
  const char *ir =
      "func.func @main(%p: tensor<i1>, %q: tensor<3xi1>, %x: tensor<3xf32>, %y: tensor<3xf32>,\n"
      "                %lo: tensor<f32>, %hi: tensor<3xf32>)\n"
      "    -> (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) {\n"
      "  %0 = \"dhlo.select\"(%p, %x, %y) : (tensor<i1>, tensor<3xf32>, tensor<3xf32>) -> "
          "tensor<3xf32>\n"
      "  %1 = \"dhlo.select\"(%q, %x, %y) : (tensor<3xi1>, tensor<3xf32>, tensor<3xf32>) -> "
          "tensor<3xf32>\n"
      "  %2 = \"dhlo.clamp\"(%lo, %x, %hi) : (tensor<f32>, tensor<3xf32>, tensor<3xf32>) -> "
          "tensor<3xf32>\n"
      "  return %0, %1, %2 : tensor<3xf32>, tensor<3xf32>, tensor<3xf32>\n}\n";
  DlcHostTensor args[6] = {
      tensorOf("tensor<i1>", (const double[]){0}),
      tensorOf("tensor<3xi1>", (const double[]){1, 0, 1}),
      tensorOf("tensor<3xf32>", (const double[]){-5, 0.5, NAN}),
      tensorOf("tensor<3xf32>", (const double[]){10, 20, 30}),
      tensorOf("tensor<f32>", (const double[]){0}),
      tensorOf("tensor<3xf32>", (const double[]){1, 1, 1}),
  };
  DlcHostTensor out[3];
  runMain(ir, 6, args, 3, out);
  expectValues(out[0], "tensor<3xf32>", (const double[]){10, 20, 30});
  expectValues(out[1], "tensor<3xf32>", (const double[]){-5, 20, NAN});
  expectValues(out[2], "tensor<3xf32>", (const double[]){0, 0.5, NAN});
}
END_TEST

START_TEST(constant_and_iota) {
  const char *ir =
      "func.func @main() -> (tensor<2x2xf32>, tensor<3xi1>, tensor<2xbf16>, tensor<2x3xf32>,\n"
      "                      tensor<2x3xi32>, tensor<4xui8>) {\n"
      "  %0 = \"dhlo.constant\"() {value = dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>} "
          ": () -> tensor<2x2xf32>\n"
      "  %1 = \"dhlo.constant\"() {value = dense<[true, false, true]> : tensor<3xi1>} : () -> "
          "tensor<3xi1>\n"
      "  %2 = \"dhlo.constant\"() {value = dense<1.5> : tensor<2xbf16>} : () -> tensor<2xbf16>\n"
      "  %3 = \"dhlo.iota\"() {iota_dimension = 1 : i64} : () -> tensor<2x3xf32>\n"
      "  %4 = \"dhlo.iota\"() {iota_dimension = 0 : i64} : () -> tensor<2x3xi32>\n"
      "  %5 = \"dhlo.constant\"() {value = dense<[0, 128, 255, 7]> : tensor<4xui8>} : () -> "
          "tensor<4xui8>\n"
      "  return %0, %1, %2, %3, %4, %5 : tensor<2x2xf32>, tensor<3xi1>, tensor<2xbf16>, "
          "tensor<2x3xf32>, tensor<2x3xi32>, tensor<4xui8>\n}\n";
  DlcHostTensor out[6];
  runMain(ir, 0, NULL, 6, out);
  expectValues(out[0], "tensor<2x2xf32>", (const double[]){1, 2, 3, 4});
  expectValues(out[1], "tensor<3xi1>", (const double[]){1, 0, 1});
  expectValues(out[2], "tensor<2xbf16>", (const double[]){1.5, 1.5});
  expectValues(out[3], "tensor<2x3xf32>", (const double[]){0, 1, 2, 0, 1, 2});
  expectInts(out[4], "tensor<2x3xi32>", (const int64_t[]){0, 0, 0, 1, 1, 1});
  expectInts(out[5], "tensor<4xui8>", (const int64_t[]){0, 128, 255, 7});
}
END_TEST

/* ---- Conversions ------------------------------------------------------------------------ */

START_TEST(convert_float_to_integer_truncates_and_saturates) {
  const double x[] = {2.9, -2.9, NAN, 3e9, -3e9, INFINITY, -0.5};
  checkConvert("tensor<7xf32>", "tensor<7xi32>", x,
               (const double[]){2, -2, 0, INT32_MAX, INT32_MIN, INT32_MAX, 0});
  checkConvert("tensor<7xf32>", "tensor<7xui8>", x, (const double[]){2, 0, 0, 255, 0, 255, 0});
  DlcHostTensor a[1] = {tensorOf("tensor<3xf64>", (const double[]){1e300, -1e300, 0x1p63})};
  expectInts(evalElementwise("dhlo.convert", 1, a, "tensor<3xf64>", "tensor<3xi64>", ""),
             "tensor<3xi64>", (const int64_t[]){INT64_MAX, INT64_MIN, INT64_MAX});
}
END_TEST

START_TEST(convert_to_and_from_booleans) {
  checkConvert("tensor<5xf32>", "tensor<5xi1>", (const double[]){0, -0.0, NAN, 0.5, -INFINITY},
               (const double[]){0, 0, 1, 1, 1});
  checkConvert("tensor<3xi32>", "tensor<3xi1>", (const double[]){0, -7, 256},
               (const double[]){0, 1, 1});
  checkConvert("tensor<2xi1>", "tensor<2xf32>", (const double[]){1, 0}, (const double[]){1, 0});
  checkConvert("tensor<2xi1>", "tensor<2xi32>", (const double[]){1, 0}, (const double[]){1, 0});
}
END_TEST

START_TEST(convert_integers_wrap_and_round_once) {
  checkConvert("tensor<3xi32>", "tensor<3xui8>", (const double[]){300, -1, 255},
               (const double[]){44, 255, 255});
  checkConvert("tensor<2xui8>", "tensor<2xi8>", (const double[]){200, 127},
               (const double[]){-56, 127});
  /* 2^60 + 2^36 + 1 lies just above the midpoint of two f32 neighbours: one rounding goes
   * up; rounding to f64 first would make a tie and go to the even one, 2^60. */
  checkConvertInts("tensor<2xi64>", "tensor<2xf32>",
                   (const int64_t[]){(INT64_C(1) << 60) + (INT64_C(1) << 36) + 1,
                                     -(INT64_C(1) << 60) - (INT64_C(1) << 36) - 1},
                   (const double[]){0x1p60 + 0x1p37, -0x1p60 - 0x1p37});
  checkConvertInts("tensor<1xui64>", "tensor<1xf64>", (const int64_t[]){-1},
                   (const double[]){0x1p64});
  /* Likewise f64 to f16 rounds once: through f32 the 2^-40 would be lost and make a tie. */
  checkConvert("tensor<2xf64>", "tensor<2xf16>", (const double[]){1 + 0x1p-11 + 0x1p-40, 1e6},
               (const double[]){1 + 0x1p-10, INFINITY});
  checkConvert("tensor<2xf32>", "tensor<2xbf16>", (const double[]){pi, NAN},
               (const double[]){3.140625, NAN});
}
END_TEST

/* ---- Data movement ---------------------------------------------------------------------- */

START_TEST(broadcast_transpose_reshape_reverse) {
  const char *ir =
      "func.func @main(%v: tensor<3xf32>, %c: tensor<2x1xf32>, %m: tensor<2x3xf32>)\n"
      "    -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<3x2xf32>, tensor<3x2xf32>, "
          "tensor<2x3xf32>) {\n"
      "  %0 = \"dhlo.broadcast_in_dim\"(%v) {broadcast_dimensions = array<i64: 1>} : "
          "(tensor<3xf32>) -> tensor<2x3xf32>\n"
      "  %1 = \"dhlo.broadcast_in_dim\"(%c) {broadcast_dimensions = array<i64: 0, 1>} : "
          "(tensor<2x1xf32>) -> tensor<2x3xf32>\n"
      "  %2 = \"dhlo.transpose\"(%m) {permutation = array<i64: 1, 0>} : (tensor<2x3xf32>) -> "
          "tensor<3x2xf32>\n"
      "  %3 = \"dhlo.reshape\"(%m) : (tensor<2x3xf32>) -> tensor<3x2xf32>\n"
      "  %4 = \"dhlo.reverse\"(%m) {dimensions = array<i64: 0, 1>} : (tensor<2x3xf32>) -> "
          "tensor<2x3xf32>\n"
      "  return %0, %1, %2, %3, %4 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<3x2xf32>, "
          "tensor<3x2xf32>, tensor<2x3xf32>\n}\n";
  DlcHostTensor args[3] = {tensorOf("tensor<3xf32>", (const double[]){1, 2, 3}),
                           tensorOf("tensor<2x1xf32>", (const double[]){7, 8}),
                           tensorOf("tensor<2x3xf32>", (const double[]){1, 2, 3, 4, 5, 6})};
  DlcHostTensor out[5];
  runMain(ir, 3, args, 5, out);
  expectValues(out[0], "tensor<2x3xf32>", (const double[]){1, 2, 3, 1, 2, 3});
  expectValues(out[1], "tensor<2x3xf32>", (const double[]){7, 7, 7, 8, 8, 8});
  expectValues(out[2], "tensor<3x2xf32>", (const double[]){1, 4, 2, 5, 3, 6});
  expectValues(out[3], "tensor<3x2xf32>", (const double[]){1, 2, 3, 4, 5, 6});
  expectValues(out[4], "tensor<2x3xf32>", (const double[]){6, 5, 4, 3, 2, 1});
}
END_TEST

START_TEST(concatenate_slice_pad) {
  const char *ir =
      "func.func @main(%a: tensor<2x2xi32>, %b: tensor<2x1xi32>, %m: tensor<3x4xi32>, %z: "
          "tensor<i32>)\n"
      "    -> (tensor<2x5xi32>, tensor<4x2xi32>, tensor<2x2xi32>, tensor<4x5xi32>) {\n"
      "  %0 = \"dhlo.concatenate\"(%a, %b, %a) {dimension = 1 : i64, operandSegmentSizes = "
          "array<i32: 1, 1, 1, 0, 0, 0, 0, 0>} : (tensor<2x2xi32>, tensor<2x1xi32>, "
          "tensor<2x2xi32>) -> tensor<2x5xi32>\n"
      "  %1 = \"dhlo.concatenate\"(%a, %a) {dimension = 0 : i64, operandSegmentSizes = "
          "array<i32: 2, 0, 0, 0, 0, 0, 0, 0>} : (tensor<2x2xi32>, tensor<2x2xi32>) -> "
          "tensor<4x2xi32>\n"
      "  %2 = \"dhlo.slice\"(%m) {start_indices = array<i64: 0, 1>, limit_indices = array<i64: "
          "3, 4>, strides = array<i64: 2, 2>} : (tensor<3x4xi32>) -> tensor<2x2xi32>\n"
      /* rows: low 1, interior 0, high 0 -> 4; columns: low -1 drops column 0, interior 1, high 1 */
      "  %3 = \"dhlo.pad\"(%m, %z) {edge_padding_low = array<i64: 1, -1>, edge_padding_high = "
          "array<i64: 0, 0>, interior_padding = array<i64: 0, 1>} : (tensor<3x4xi32>, tensor<i32>) "
          "-> tensor<4x6xi32>\n"
      "  %4 = \"dhlo.slice\"(%3) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: "
          "4, 5>, strides = array<i64: 1, 1>} : (tensor<4x6xi32>) -> tensor<4x5xi32>\n"
      "  return %0, %1, %2, %4 : tensor<2x5xi32>, tensor<4x2xi32>, tensor<2x2xi32>, "
          "tensor<4x5xi32>\n}\n";
  DlcHostTensor args[4] = {
      tensorOfInts("tensor<2x2xi32>", (const int64_t[]){1, 2, 3, 4}),
      tensorOfInts("tensor<2x1xi32>", (const int64_t[]){9, 8}),
      tensorOfInts("tensor<3x4xi32>",
                   (const int64_t[]){0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23}),
      tensorOfInts("tensor<i32>", (const int64_t[]){-1}),
  };
  DlcHostTensor out[4];
  runMain(ir, 4, args, 4, out);
  expectInts(out[0], "tensor<2x5xi32>", (const int64_t[]){1, 2, 9, 1, 2, 3, 4, 8, 3, 4});
  expectInts(out[1], "tensor<4x2xi32>", (const int64_t[]){1, 2, 3, 4, 1, 2, 3, 4});
  expectInts(out[2], "tensor<2x2xi32>", (const int64_t[]){1, 3, 21, 23});
  /* a row [c0, c1, c2, c3] pads to [c0, p, c1, p, c2, p, c3], less its first column */
  expectInts(out[3], "tensor<4x5xi32>",
             (const int64_t[]){-1, -1, -1, -1, -1, /* the new top row */
                               -1, 1, -1, 2, -1, -1, 11, -1, 12, -1, -1, 21, -1, 22, -1});
}
END_TEST

START_TEST(dynamic_slice_and_update_clamp_starts) {
  const char *ir =
      "func.func @main(%m: tensor<3x4xi32>, %u: tensor<2x2xi32>, %i: tensor<i64>, %j: "
          "tensor<i64>)\n"
      "    -> (tensor<2x3xi32>, tensor<3x4xi32>) {\n"
      "  %0 = \"dhlo.dynamic_slice\"(%m, %i, %j) {slice_sizes = array<i64: 2, 3>} : "
          "(tensor<3x4xi32>, tensor<i64>, tensor<i64>) -> tensor<2x3xi32>\n"
      "  %1 = \"dhlo.dynamic_update_slice\"(%m, %u, %i, %j) : (tensor<3x4xi32>, "
          "tensor<2x2xi32>, tensor<i64>, tensor<i64>) -> tensor<3x4xi32>\n"
      "  return %0, %1 : tensor<2x3xi32>, tensor<3x4xi32>\n}\n";
  const int64_t m[] = {0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23};
  /* Start (5, -3) clamps to (1, 0) for the 2x3 slice and to (1, 0) for the 2x2 update. */
  DlcHostTensor args[4] = {tensorOfInts("tensor<3x4xi32>", m),
                           tensorOfInts("tensor<2x2xi32>", (const int64_t[]){-1, -2, -3, -4}),
                           tensorOfInts("tensor<i64>", (const int64_t[]){5}),
                           tensorOfInts("tensor<i64>", (const int64_t[]){-3})};
  DlcHostTensor out[2];
  runMain(ir, 4, args, 2, out);
  expectInts(out[0], "tensor<2x3xi32>", (const int64_t[]){10, 11, 12, 20, 21, 22});
  expectInts(out[1], "tensor<3x4xi32>",
             (const int64_t[]){0, 1, 2, 3, -1, -2, 12, 13, -3, -4, 22, 23});
}
END_TEST

START_TEST(gather_rows_points_and_batches) {
  const char *ir =
      "func.func @main(%t: tensor<3x3xf32>, %rows: tensor<2xi32>, %pts: tensor<2x2xi32>,\n"
      "                %b: tensor<2x3x2xf32>, %bi: tensor<2x2xi32>)\n"
      "    -> (tensor<2x3xf32>, tensor<2xf32>, tensor<2x2x2xf32>) {\n"
      "  %0 = \"dhlo.gather\"(%t, %rows) {offset_dims = array<i64: 1>, collapsed_slice_dims = "
          "array<i64: 0>, start_index_map = array<i64: 0>, index_vector_dim = 1 : i64, slice_sizes "
          "= array<i64: 1, 3>} : (tensor<3x3xf32>, tensor<2xi32>) -> tensor<2x3xf32>\n"
      "  %1 = \"dhlo.gather\"(%t, %pts) {offset_dims = array<i64>, collapsed_slice_dims = "
          "array<i64: 0, 1>, start_index_map = array<i64: 0, 1>, index_vector_dim = 1 : i64, "
          "slice_sizes = array<i64: 1, 1>} : (tensor<3x3xf32>, tensor<2x2xi32>) -> tensor<2xf32>\n"
      "  %2 = \"dhlo.gather\"(%b, %bi) {offset_dims = array<i64: 2>, collapsed_slice_dims = "
          "array<i64: 1>, operand_batching_dims = array<i64: 0>, start_indices_batching_dims = "
          "array<i64: 0>, start_index_map = array<i64: 1>, index_vector_dim = 2 : i64, slice_sizes "
          "= array<i64: 1, 1, 2>} : (tensor<2x3x2xf32>, tensor<2x2xi32>) -> tensor<2x2x2xf32>\n"
      "  return %0, %1, %2 : tensor<2x3xf32>, tensor<2xf32>, tensor<2x2x2xf32>\n}\n";
  DlcHostTensor args[5] = {
      tensorOf("tensor<3x3xf32>", (const double[]){0, 1, 2, 10, 11, 12, 20, 21, 22}),
      tensorOfInts("tensor<2xi32>", (const int64_t[]){2, 0}),
      /* (0, 1) and the out-of-range (5, -1), clamped to (2, 0) */
      tensorOfInts("tensor<2x2xi32>", (const int64_t[]){0, 1, 5, -1}),
      tensorOf("tensor<2x3x2xf32>",
               (const double[]){0, 1, 10, 11, 20, 21, 100, 101, 110, 111, 120, 121}),
      /* batch 0 takes rows 2 and 0, batch 1 rows 1 and 1 */
      tensorOfInts("tensor<2x2xi32>", (const int64_t[]){2, 0, 1, 1}),
  };
  DlcHostTensor out[3];
  runMain(ir, 5, args, 3, out);
  expectValues(out[0], "tensor<2x3xf32>", (const double[]){20, 21, 22, 0, 1, 2});
  expectValues(out[1], "tensor<2xf32>", (const double[]){1, 20});
  expectValues(out[2], "tensor<2x2x2xf32>", (const double[]){20, 21, 0, 1, 110, 111, 110, 111});
}
END_TEST

/* Layouts are physical: the evaluator holds logical values whatever the encoding. */
START_TEST(layouts_do_not_change_values) {
  const char *ir =
      "func.func @main(%x: tensor<2x3xf32, #dtensor.layout<[0, 1]>>) -> tensor<2x3xf32> {\n"
      "  %0 = \"dtensor.relayout\"(%x) : (tensor<2x3xf32, #dtensor.layout<[0, 1]>>) -> "
          "tensor<2x3xf32, #dtensor.layout<[1, 0]>>\n"
      "  %1 = \"dhlo.negate\"(%0) : (tensor<2x3xf32, #dtensor.layout<[1, 0]>>) -> tensor<2x3xf32>\n"
      "  return %1 : tensor<2x3xf32>\n}\n";
  DlcHostTensor args[1] = {tensorOf("tensor<2x3xf32>", (const double[]){1, 2, 3, 4, 5, 6})}, out;
  runMain(ir, 1, args, 1, &out);
  expectValues(out, "tensor<2x3xf32>", (const double[]){-1, -2, -3, -4, -5, -6});
}
END_TEST

/* ---- Contractions ----------------------------------------------------------------------- */

START_TEST(dot_general_with_batch_dims) {
  const char *ir =
      "func.func @main(%a: tensor<2x2x3xf32>, %b: tensor<2x3x2xf32>) -> tensor<2x2x2xf32> {\n"
      "  %0 = \"dhlo.dot_general\"(%a, %b) {lhs_batching_dimensions = array<i64: 0>, "
          "rhs_batching_dimensions = array<i64: 0>, lhs_contracting_dimensions = array<i64: 2>, "
          "rhs_contracting_dimensions = array<i64: 1>} : (tensor<2x2x3xf32>, tensor<2x3x2xf32>) -> "
          "tensor<2x2x2xf32>\n"
      "  return %0 : tensor<2x2x2xf32>\n}\n";
  /* batch 0: [[1,2,3],[4,5,6]] x [[1,0],[0,1],[1,1]];
   * batch 1: [[1,1,1],[2,2,2]] x [[1,2],[3,4],[5,6]] */
  DlcHostTensor args[2] = {
      tensorOf("tensor<2x2x3xf32>", (const double[]){1, 2, 3, 4, 5, 6, 1, 1, 1, 2, 2, 2}),
      tensorOf("tensor<2x3x2xf32>", (const double[]){1, 0, 0, 1, 1, 1, 1, 2, 3, 4, 5, 6})};
  DlcHostTensor out;
  runMain(ir, 2, args, 1, &out);
  expectValues(out, "tensor<2x2x2xf32>", (const double[]){4, 5, 10, 11, 9, 12, 18, 24});
}
END_TEST

START_TEST(dot_general_mixed_precision_and_integers) {
  const char *ir =
      "func.func @main(%a: tensor<1x2xbf16>, %b: tensor<2x1xbf16>, %c: tensor<2xi8>, %d: "
          "tensor<2xi8>)\n"
      "    -> (tensor<1x1xf32>, tensor<1x1xbf16>, tensor<i8>) {\n"
      "  %0 = \"dhlo.dot_general\"(%a, %b) {lhs_batching_dimensions = array<i64>, "
          "rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, "
          "rhs_contracting_dimensions = array<i64: 0>} : (tensor<1x2xbf16>, tensor<2x1xbf16>) -> "
          "tensor<1x1xf32>\n"
      "  %1 = \"dhlo.dot_general\"(%a, %b) {lhs_batching_dimensions = array<i64>, "
          "rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, "
          "rhs_contracting_dimensions = array<i64: 0>} : (tensor<1x2xbf16>, tensor<2x1xbf16>) -> "
          "tensor<1x1xbf16>\n"
      "  %2 = \"dhlo.dot_general\"(%c, %d) {lhs_batching_dimensions = array<i64>, "
          "rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 0>, "
          "rhs_contracting_dimensions = array<i64: 0>} : (tensor<2xi8>, tensor<2xi8>) -> "
          "tensor<i8>\n"
      "  return %0, %1, %2 : tensor<1x1xf32>, tensor<1x1xbf16>, tensor<i8>\n}\n";
  /* (1 + 2^-7)^2 + 2^-20 = 1 + 2^-6 + 2^-14 + 2^-20: exact in f32, 1 + 2^-6 in bf16. */
  DlcHostTensor args[4] = {tensorOf("tensor<1x2xbf16>", (const double[]){1 + 0x1p-7, 0x1p-10}),
                           tensorOf("tensor<2x1xbf16>", (const double[]){1 + 0x1p-7, 0x1p-10}),
                           tensorOfInts("tensor<2xi8>", (const int64_t[]){100, 100}),
                           tensorOfInts("tensor<2xi8>", (const int64_t[]){2, 1})};
  DlcHostTensor out[3];
  runMain(ir, 4, args, 3, out);
  expectValues(out[0], "tensor<1x1xf32>", (const double[]){1 + 0x1p-6 + 0x1p-14 + 0x1p-20});
  expectValues(out[1], "tensor<1x1xbf16>", (const double[]){1 + 0x1p-6});
  expectInts(out[2], "tensor<i8>", (const int64_t[]){44}); /* 300 wraps */
}
END_TEST

/* A convolution written the long way, for NHWC input and HWIO kernel: the input is first
 * materialized dilated and padded, then every window summed, groups taken apart by hand. */
typedef struct {
  int n, h, w, c;            /* input */
  int kh, kw, ki, ko;        /* kernel */
  int sh, sw;                /* strides */
  int padT, padB, padL, padR;
  int lhsDilH, lhsDilW, rhsDilH, rhsDilW;
  int featureGroups, batchGroups;
} ConvCase;

static void naiveConv(const ConvCase *p, const double *in, const double *ker, double *out,
                      int *outH, int *outW) {
  int ph = (p->h - 1) * p->lhsDilH + 1 + p->padT + p->padB;
  int pw = (p->w - 1) * p->lhsDilW + 1 + p->padL + p->padR;
  double *padded = calloc((size_t)(p->n * ph * pw * p->c), sizeof *padded);
  for (int b = 0; b < p->n; ++b)
    for (int y = 0; y < p->h; ++y)
      for (int x = 0; x < p->w; ++x)
        for (int f = 0; f < p->c; ++f)
          padded[((b * ph + p->padT + y * p->lhsDilH) * pw + p->padL + x * p->lhsDilW) * p->c + f] =
              in[((b * p->h + y) * p->w + x) * p->c + f];
  *outH = (ph - ((p->kh - 1) * p->rhsDilH + 1)) / p->sh + 1;
  *outW = (pw - ((p->kw - 1) * p->rhsDilW + 1)) / p->sw + 1;
  int outN = p->n / p->batchGroups;
  for (int b = 0; b < outN; ++b)
    for (int y = 0; y < *outH; ++y)
      for (int x = 0; x < *outW; ++x)
        for (int o = 0; o < p->ko; ++o) {
          int fg = o / (p->ko / p->featureGroups), bg = o / (p->ko / p->batchGroups);
          double sum = 0;
          for (int ky = 0; ky < p->kh; ++ky)
            for (int kx = 0; kx < p->kw; ++kx)
              for (int i = 0; i < p->ki; ++i) {
                int row = (bg * outN + b) * ph + y * p->sh + ky * p->rhsDilH;
                int col = x * p->sw + kx * p->rhsDilW;
                sum += padded[(row * pw + col) * p->c + fg * p->ki + i] *
                       ker[((ky * p->kw + kx) * p->ki + i) * p->ko + o];
              }
          out[((b * *outH + y) * *outW + x) * p->ko + o] = sum;
        }
  free(padded);
}

static void checkConvolution(const ConvCase *p, const char *attrs, const char *inType,
                             const char *kerType, const char *outType) {
  int nIn = p->n * p->h * p->w * p->c, nKer = p->kh * p->kw * p->ki * p->ko;
  double *in = malloc(sizeof(double) * (size_t)nIn), *ker = malloc(sizeof(double) * (size_t)nKer);
  double want[4096];
  for (int i = 0; i < nIn; ++i)
    in[i] = (i * 7 % 11) - 5;
  for (int i = 0; i < nKer; ++i)
    ker[i] = (i * 5 % 7) - 3;
  int outH, outW;
  naiveConv(p, in, ker, want, &outH, &outW);
  char ir[2048];
  snprintf(ir, sizeof ir,
           "func.func @main(%%x: %s, %%k: %s) -> %s {\n"
           "  %%0 = \"dhlo.convolution\"(%%x, %%k) {dimension_numbers = \"b01f_01io->b01f\", "
               "%s} : (%s, %s) -> %s\n"
           "  return %%0 : %s\n}\n",
           inType, kerType, outType, attrs, inType, kerType, outType, outType);
  DlcHostTensor args[2] = {tensorOf(inType, in), tensorOf(kerType, ker)}, out;
  runMain(ir, 2, args, 1, &out);
  ck_assert_int_eq(dlcHostTensorGetNumElements(out), p->n / p->batchGroups * outH * outW * p->ko);
  expectValues(out, outType, want);
  free(in);
  free(ker);
}

/* Two convolutions: (a) H: padded 5 + 1 + 2 = 8, window 5 (rhs dilation 2), stride 2 -> 2;
 * W: 6, 2, 1 -> 5; two feature groups. (b) H: lhs-dilated to 5, padded 7, window 2 -> 6;
 * W: 5, 2 -> 4; two batch groups: batch 2 / 2 = 1. */
START_TEST(convolution_against_naive_formula) {
  static const struct {
    ConvCase p;
    const char *attrs, *in, *ker, *out;
  } cases[] = {
      {{.n = 1, .h = 5, .w = 5, .c = 4, .kh = 3, .kw = 2, .ki = 2, .ko = 4, .sh = 2, .sw = 1,
        .padT = 1, .padB = 2, .padL = 0, .padR = 1, .lhsDilH = 1, .lhsDilW = 1, .rhsDilH = 2,
        .rhsDilW = 1, .featureGroups = 2, .batchGroups = 1},
       "window_strides = array<i64: 2, 1>, padding = array<i64: 1, 2, 0, 1>, "
       "rhs_dilation = array<i64: 2, 1>, feature_group_count = 2 : i64",
       "tensor<1x5x5x4xf64>", "tensor<3x2x2x4xf64>", "tensor<1x2x5x4xf64>"},
      {{.n = 2, .h = 3, .w = 3, .c = 2, .kh = 2, .kw = 2, .ki = 2, .ko = 4, .sh = 1, .sw = 1,
        .padT = 1, .padB = 1, .padL = 0, .padR = 0, .lhsDilH = 2, .lhsDilW = 2, .rhsDilH = 1,
        .rhsDilW = 1, .featureGroups = 1, .batchGroups = 2},
       "padding = array<i64: 1, 1, 0, 0>, lhs_dilation = array<i64: 2, 2>, "
       "batch_group_count = 2 : i64",
       "tensor<2x3x3x2xf64>", "tensor<2x2x2x4xf64>", "tensor<1x6x4x4xf64>"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; ++i)
    checkConvolution(&cases[i].p, cases[i].attrs, cases[i].in, cases[i].ker, cases[i].out);
}
END_TEST

/* The same convolution in NCHW/OIHW labels gives the transposed result. */
START_TEST(convolution_dimension_numbers) {
  const char *ir =
      "func.func @main(%x: tensor<1x3x3x2xf32>, %k: tensor<2x2x2x3xf32>) -> "
          "(tensor<1x2x2x3xf32>, tensor<1x3x2x2xf32>) {\n"
      "  %0 = \"dhlo.convolution\"(%x, %k) {dimension_numbers = \"b01f_01io->b01f\"} : "
          "(tensor<1x3x3x2xf32>, tensor<2x2x2x3xf32>) -> tensor<1x2x2x3xf32>\n"
      "  %x1 = \"dhlo.transpose\"(%x) {permutation = array<i64: 0, 3, 1, 2>} : "
          "(tensor<1x3x3x2xf32>) -> tensor<1x2x3x3xf32>\n"
      "  %k1 = \"dhlo.transpose\"(%k) {permutation = array<i64: 3, 2, 0, 1>} : "
          "(tensor<2x2x2x3xf32>) -> tensor<3x2x2x2xf32>\n"
      "  %1 = \"dhlo.convolution\"(%x1, %k1) {dimension_numbers = \"bf01_oi01->bf01\"} : "
          "(tensor<1x2x3x3xf32>, tensor<3x2x2x2xf32>) -> tensor<1x3x2x2xf32>\n"
      "  return %0, %1 : tensor<1x2x2x3xf32>, tensor<1x3x2x2xf32>\n}\n";
  double x[18], k[24];
  for (int i = 0; i < 18; ++i)
    x[i] = i - 9;
  for (int i = 0; i < 24; ++i)
    k[i] = i % 5 - 2;
  DlcHostTensor args[2] = {tensorOf("tensor<1x3x3x2xf32>", x), tensorOf("tensor<2x2x2x3xf32>", k)};
  DlcHostTensor out[2];
  runMain(ir, 2, args, 2, out);
  for (int y = 0; y < 2; ++y)
    for (int xx = 0; xx < 2; ++xx)
      for (int o = 0; o < 3; ++o)
        ck_assert_double_eq(dlcHostTensorGetElementAsDouble(out[0], (y * 2 + xx) * 3 + o),
                            dlcHostTensorGetElementAsDouble(out[1], (o * 2 + y) * 2 + xx));
  /* One element by hand: output (0, 0, o = 0) sums x[y, x, i] * k[y, x, i, 0] over the window. */
  double want = 0;
  for (int ky = 0; ky < 2; ++ky)
    for (int kx = 0; kx < 2; ++kx)
      for (int i = 0; i < 2; ++i)
        want += x[(ky * 3 + kx) * 2 + i] * k[((ky * 2 + kx) * 2 + i) * 3];
  ck_assert_double_eq(dlcHostTensorGetElementAsDouble(out[0], 0), want);
  dlcHostTensorDestroy(out[0]);
  dlcHostTensorDestroy(out[1]);
}
END_TEST

/* ---- Reductions ------------------------------------------------------------------------- */

static const char *const reducers =
    "func.func private @add(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {\n"
    "  %0 = \"dhlo.add\"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>\n"
    "  return %0 : tensor<f32>\n}\n"
    "func.func private @max(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {\n"
    "  %0 = \"dhlo.maximum\"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>\n"
    "  return %0 : tensor<f32>\n}\n"
    /* acc + x * x: a body of several ops, interpreted per element */
    "func.func private @sumsq(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {\n"
    "  %0 = \"dhlo.multiply\"(%b, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>\n"
    "  %1 = \"dhlo.add\"(%a, %0) : (tensor<f32>, tensor<f32>) -> tensor<f32>\n"
    "  return %1 : tensor<f32>\n}\n"
    /* x + acc: the same as @add, through the body's interpretation */
    "func.func private @radd(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {\n"
    "  %0 = \"dhlo.add\"(%b, %a) : (tensor<f32>, tensor<f32>) -> tensor<f32>\n"
    "  return %0 : tensor<f32>\n}\n"
    /* x - acc: one op, but on swapped arguments, so not the op itself */
    "func.func private @rsub(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {\n"
    "  %0 = \"dhlo.subtract\"(%b, %a) : (tensor<f32>, tensor<f32>) -> tensor<f32>\n"
    "  return %0 : tensor<f32>\n}\n";

static void runWithReducers(const char *main, intptr_t nArgs, DlcHostTensor *args,
                            intptr_t nResults, DlcHostTensor *out) {
  char ir[8192];
  snprintf(ir, sizeof ir, "%s%s", main, reducers);
  runMain(ir, nArgs, args, nResults, out);
}

START_TEST(reduce_sum_max_and_reducer_functions) {
  const char *ir =
      "func.func @main(%x: tensor<2x3xf32>, %zero: tensor<f32>, %ninf: tensor<f32>, %e: "
          "tensor<0x3xf32>)\n"
      "    -> (tensor<2xf32>, tensor<f32>, tensor<3xf32>, tensor<2xf32>, tensor<3xf32>) {\n"
      "  %0 = \"dhlo.reduce\"(%x, %zero) {dimensions = array<i64: 1>, to_apply = @add} : "
          "(tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32>\n"
      "  %1 = \"dhlo.reduce\"(%x, %ninf) {dimensions = array<i64: 0, 1>, to_apply = @max} : "
          "(tensor<2x3xf32>, tensor<f32>) -> tensor<f32>\n"
      "  %2 = \"dhlo.reduce\"(%x, %zero) {dimensions = array<i64: 0>, to_apply = @sumsq} : "
          "(tensor<2x3xf32>, tensor<f32>) -> tensor<3xf32>\n"
      "  %3 = \"dhlo.reduce\"(%x, %zero) {dimensions = array<i64: 1>, to_apply = @rsub} : "
          "(tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32>\n"
      "  %4 = \"dhlo.reduce\"(%e, %ninf) {dimensions = array<i64: 0>, to_apply = @max} : "
          "(tensor<0x3xf32>, tensor<f32>) -> tensor<3xf32>\n"
      "  return %0, %1, %2, %3, %4 : tensor<2xf32>, tensor<f32>, tensor<3xf32>, tensor<2xf32>, "
          "tensor<3xf32>\n}\n";
  DlcHostTensor args[4] = {tensorOf("tensor<2x3xf32>", (const double[]){1, 2, 3, 4, 9, 6}),
                           tensorOf("tensor<f32>", (const double[]){0}),
                           tensorOf("tensor<f32>", (const double[]){-INFINITY}),
                           tensorOf("tensor<0x3xf32>", NULL)};
  DlcHostTensor out[5];
  runWithReducers(ir, 4, args, 5, out);
  expectValues(out[0], "tensor<2xf32>", (const double[]){6, 19});
  expectValues(out[1], "tensor<f32>", (const double[]){9});
  expectValues(out[2], "tensor<3xf32>", (const double[]){17, 85, 45});
  /* rows folded from 0: 1 - 0 = 1, 2 - 1 = 1, 3 - 1 = 2; 4, 9 - 4 = 5, 6 - 5 = 1 */
  expectValues(out[3], "tensor<2xf32>", (const double[]){2, 1});
  expectValues(out[4], "tensor<3xf32>", (const double[]){-INFINITY, -INFINITY, -INFINITY});
}
END_TEST

/* Each application of a reducer yields a tensor<f32>: the running value is rounded at every
 * step. 1 + 2^-24 ties to 1, twice; summing in double would give 1 + 2^-23. */
START_TEST(reducers_round_every_step) {
  const char *ir =
      "func.func @main(%x: tensor<3xf32>, %zero: tensor<f32>) -> (tensor<f32>, tensor<f32>) {\n"
      "  %0 = \"dhlo.reduce\"(%x, %zero) {dimensions = array<i64: 0>, to_apply = @add} : "
      "(tensor<3xf32>, tensor<f32>) -> tensor<f32>\n"
      "  %1 = \"dhlo.reduce\"(%x, %zero) {dimensions = array<i64: 0>, to_apply = @radd} : "
      "(tensor<3xf32>, tensor<f32>) -> tensor<f32>\n"
      "  return %0, %1 : tensor<f32>, tensor<f32>\n}\n";
  DlcHostTensor args[2] = {tensorOf("tensor<3xf32>", (const double[]){1, 0x1p-24, 0x1p-24}),
                           tensorOf("tensor<f32>", (const double[]){0})};
  DlcHostTensor out[2];
  runWithReducers(ir, 2, args, 2, out);
  expectValues(out[0], "tensor<f32>", (const double[]){1});
  expectValues(out[1], "tensor<f32>", (const double[]){1});
}
END_TEST

START_TEST(reduce_window_pooling) {
  const char *ir =
      "func.func @main(%x: tensor<1x4x4x1xf32>, %s: tensor<3x3xf32>, %v: tensor<5xf32>, %zero: "
          "tensor<f32>, %ninf: tensor<f32>)\n"
      "    -> (tensor<1x2x2x1xf32>, tensor<3x3xf32>, tensor<3xf32>, tensor<5xf32>) {\n"
      "  %0 = \"dhlo.reduce_window\"(%x, %ninf) {window_dimensions = array<i64: 1, 2, 2, 1>, "
          "window_strides = array<i64: 1, 2, 2, 1>, to_apply = @max} : (tensor<1x4x4x1xf32>, "
          "tensor<f32>) -> tensor<1x2x2x1xf32>\n"
      "  %1 = \"dhlo.reduce_window\"(%s, %zero) {window_dimensions = array<i64: 3, 3>, padding "
          "= array<i64: 1, 1, 1, 1>, to_apply = @add} : (tensor<3x3xf32>, tensor<f32>) -> "
          "tensor<3x3xf32>\n"
      "  %2 = \"dhlo.reduce_window\"(%v, %ninf) {window_dimensions = array<i64: 2>, "
          "window_dilations = array<i64: 2>, to_apply = @max} : (tensor<5xf32>, tensor<f32>) -> "
          "tensor<3xf32>\n"
      /* base dilation 2 makes [1, h, 5, h, 2, ...]: the holes hold init (0) */
      "  %3 = \"dhlo.reduce_window\"(%v, %zero) {window_dimensions = array<i64: 3>, "
          "window_strides = array<i64: 2>, base_dilations = array<i64: 2>, padding = array<i64: 1, "
          "2>, to_apply = @add} : (tensor<5xf32>, tensor<f32>) -> tensor<5xf32>\n"
      "  return %0, %1, %2, %3 : tensor<1x2x2x1xf32>, tensor<3x3xf32>, tensor<3xf32>, "
          "tensor<5xf32>\n}\n";
  DlcHostTensor args[5] = {
      tensorOf("tensor<1x4x4x1xf32>",
               (const double[]){1, 5, 2, 0, 3, 4, 8, 1, -1, -2, -3, -4, -5, -6, -7, -8}),
      tensorOf("tensor<3x3xf32>", (const double[]){1, 2, 3, 4, 5, 6, 7, 8, 9}),
      tensorOf("tensor<5xf32>", (const double[]){1, 5, 2, 4, 3}),
      tensorOf("tensor<f32>", (const double[]){0}),
      tensorOf("tensor<f32>", (const double[]){-INFINITY}),
  };
  DlcHostTensor out[4];
  runWithReducers(ir, 5, args, 4, out);
  expectValues(out[0], "tensor<1x2x2x1xf32>", (const double[]){5, 8, -1, -3});
  expectValues(out[1], "tensor<3x3xf32>", (const double[]){12, 21, 16, 27, 45, 33, 24, 39, 28});
  expectValues(out[2], "tensor<3xf32>", (const double[]){2, 5, 3});
  /* padded, dilated: [p, 1, h, 5, h, 2, h, 4, h, 3, p, p]; windows of 3 at 0, 2, ..., 8 */
  expectValues(out[3], "tensor<5xf32>", (const double[]){1, 5, 2, 4, 3});
}
END_TEST

START_TEST(batch_norm_inference) {
  const char *ir =
      "func.func @main(%x: tensor<2x2xf32>, %s: tensor<2xf32>, %o: tensor<2xf32>, %m: "
          "tensor<2xf32>, %v: tensor<2xf32>) -> tensor<2x2xf32> {\n"
      "  %0 = \"dhlo.batch_norm_inference\"(%x, %s, %o, %m, %v) {epsilon = 1.0 : f32, "
          "feature_index = 1 : i64} : (tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>, "
          "tensor<2xf32>, tensor<2xf32>) -> tensor<2x2xf32>\n"
      "  return %0 : tensor<2x2xf32>\n}\n";
  DlcHostTensor args[5] = {tensorOf("tensor<2x2xf32>", (const double[]){1, 2, 3, 4}),
                           tensorOf("tensor<2xf32>", (const double[]){2, 1}),
                           tensorOf("tensor<2xf32>", (const double[]){0, 10}),
                           tensorOf("tensor<2xf32>", (const double[]){1, 2}),
                           tensorOf("tensor<2xf32>", (const double[]){3, 0})};
  DlcHostTensor out;
  runMain(ir, 5, args, 1, &out);
  expectValues(out, "tensor<2x2xf32>", (const double[]){0, 10, 2, 12});
}
END_TEST

/* ---- Calls ------------------------------------------------------------------------------ */

START_TEST(fusion_call_and_collectives) {
  const char *ir =
      "func.func @main(%x: tensor<4xf32>, %y: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, "
          "tensor<4xf32>, tensor<4xf32>) {\n"
      "  %0 = \"dhlo.fusion\"(%x, %y) {kind = \"loop\", calls = @fused_0, operandSegmentSizes "
          "= array<i32: 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = "
          "array<i32: 1, 0, 0, 0>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>\n"
      "  %1 = func.call @twice(%0) : (tensor<4xf32>) -> tensor<4xf32>\n"
      "  %2 = \"dhlo.all_reduce\"(%x) {replica_groups = dense<[[0]]> : tensor<1x1xi64>, "
          "to_apply = @add} : (tensor<4xf32>) -> tensor<4xf32>\n"
      "  %3 = \"dhlo.all_gather\"(%y) {replica_groups = dense<[[0]]> : tensor<1x1xi64>, "
          "all_gather_dim = 0 : i64} : (tensor<4xf32>) -> tensor<4xf32>\n"
      "  return %0, %1, %2, %3 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>\n}\n"
      "func.func private @fused_0(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {\n"
      "  %0 = \"dhlo.add\"(%a, %b) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>\n"
      "  %1 = \"dhlo.multiply\"(%0, %a) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>\n"
      "  return %1 : tensor<4xf32>\n}\n"
      "func.func private @twice(%a: tensor<4xf32>) -> tensor<4xf32> {\n"
      "  %0 = \"dhlo.add\"(%a, %a) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>\n"
      "  return %0 : tensor<4xf32>\n}\n";
  DlcHostTensor args[2] = {tensorOf("tensor<4xf32>", (const double[]){1, 2, 3, 4}),
                           tensorOf("tensor<4xf32>", (const double[]){1, 1, -1, 0})};
  DlcHostTensor out[4];
  runWithReducers(ir, 2, args, 4, out);
  expectValues(out[0], "tensor<4xf32>", (const double[]){2, 6, 6, 16});
  expectValues(out[1], "tensor<4xf32>", (const double[]){4, 12, 12, 32});
  expectValues(out[2], "tensor<4xf32>", (const double[]){1, 2, 3, 4});
  expectValues(out[3], "tensor<4xf32>", (const double[]){1, 1, -1, 0});
}
END_TEST

/* A result that is an argument, or returned twice, is still a tensor of its own. */
START_TEST(results_are_owned_by_the_caller) {
  const char *ir = "func.func @main(%x: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>) {\n"
                   "  return %x, %x : tensor<2xf32>, tensor<2xf32>\n}\n";
  MlirModule module = mlirModuleCreateParse(ctx, dlcStr(ir));
  DlcHostTensor arg = tensorOf("tensor<2xf32>", (const double[]){1, 2}), out[2];
  ck_assert(mlirLogicalResultIsSuccess(
      dlcReferenceRun(mlirModuleGetOperation(module), dlcStr("main"), 1, &arg, 2, out)));
  ck_assert_ptr_ne(out[0].ptr, arg.ptr);
  ck_assert_ptr_ne(out[0].ptr, out[1].ptr);
  dlcHostTensorSetElementFromDouble(out[0], 0, 42);
  ck_assert_double_eq(dlcHostTensorGetElementAsDouble(arg, 0), 1);
  ck_assert_double_eq(dlcHostTensorGetElementAsDouble(out[1], 0), 1);
  dlcHostTensorDestroy(out[0]);
  dlcHostTensorDestroy(out[1]);
  dlcHostTensorDestroy(arg);
  mlirModuleDestroy(module);
}
END_TEST

/* ---- Errors ----------------------------------------------------------------------------- */

static const char *const negateIR =
    "func.func @main(%x: tensor<2xf32>) -> tensor<2xf32> {\n"
    "  %0 = \"dhlo.negate\"(%x) : (tensor<2xf32>) -> tensor<2xf32>\n"
    "  return %0 : tensor<2xf32>\n}\n";

START_TEST(error_unknown_entry) {
  DlcHostTensor args[1] = {tensorOf("tensor<2xf32>", (const double[]){1, 2})};
  const char *text = failMain(negateIR, "nope", 1, args, 1);
  ck_assert_ptr_nonnull(strstr(text, "has no func.func named @nope"));
}
END_TEST

START_TEST(error_wrong_argument_count) {
  const char *text = failMain(negateIR, "main", 0, NULL, 1);
  ck_assert_ptr_nonnull(strstr(text, "takes 1 arguments and returns 1 results"));
}
END_TEST

START_TEST(error_wrong_argument_type) {
  DlcHostTensor args[1] = {tensorOf("tensor<3xf32>", (const double[]){1, 2, 3})};
  const char *text = failMain(negateIR, "main", 1, args, 1);
  ck_assert_ptr_nonnull(
      strstr(text, "argument #0 has type tensor<3xf32>, but the function takes tensor<2xf32>"));
  args[0] = tensorOf("tensor<2xf64>", (const double[]){1, 2});
  text = failMain(negateIR, "main", 1, args, 1);
  ck_assert_ptr_nonnull(strstr(text, "argument #0 has type tensor<2xf64>"));
}
END_TEST

START_TEST(error_custom_call_names_target) {
  const char *ir =
      "func.func @main(%x: tensor<4xf32>) -> tensor<4xf32> {\n"
      "  %0 = \"dhlo.custom_call\"(%x) {call_target_name = \"my_topk\", operandSegmentSizes = "
          "array<i32: 1, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0>} : "
          "(tensor<4xf32>) -> tensor<4xf32>\n"
      "  return %0 : tensor<4xf32>\n}\n";
  DlcHostTensor args[1] = {tensorOf("tensor<4xf32>", (const double[]){1, 2, 3, 4})};
  const char *text = failMain(ir, "main", 1, args, 1);
  ck_assert_ptr_nonnull(strstr(text, "'dhlo.custom_call' op calls target \"my_topk\", which the "
                                     "reference evaluator cannot run"));
  ck_assert_ptr_nonnull(strstr(text, "loc(\"-\":2:8): ")); /* at the op */
}
END_TEST

START_TEST(error_unsupported_and_invalid_ops) {
  const char *ir =
      "func.func @main(%x: tensor<2xf32>) -> tensor<2xf32> {\n"
      "  %0 = tensor.empty() : tensor<2xf32>\n"
      "  return %0 : tensor<2xf32>\n}\n";
  DlcHostTensor args[1] = {tensorOf("tensor<2xf32>", (const double[]){1, 2})};
  const char *text = failMain(ir, "main", 1, args, 1);
  ck_assert_ptr_nonnull(
      strstr(text, "'tensor.empty' op is not supported by the reference evaluator"));
  /* The module is verified first: a dhlo op of the wrong type never runs. */
  const char *bad =
      "func.func @main(%x: tensor<2xf32>) -> tensor<3xf32> {\n"
      "  %0 = \"dhlo.negate\"(%x) : (tensor<2xf32>) -> tensor<3xf32>\n"
      "  return %0 : tensor<3xf32>\n}\n";
  args[0] = tensorOf("tensor<2xf32>", (const double[]){1, 2});
  text = failMain(bad, "main", 1, args, 1);
  ck_assert_ptr_nonnull(strstr(text, "result #0 has type tensor<3xf32>"));
  /* Collectives over several replicas need data the evaluator does not have. */
  const char *collective =
      "func.func @main(%x: tensor<2xf32>) -> tensor<2xf32> {\n"
      "  %0 = \"dhlo.all_reduce\"(%x) {replica_groups = dense<[[0, 1]]> : tensor<1x2xi64>, "
          "to_apply = @add} : (tensor<2xf32>) -> tensor<2xf32>\n"
      "  return %0 : tensor<2xf32>\n}\n"
      "func.func private @add(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {\n"
      "  %0 = \"dhlo.add\"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>\n"
      "  return %0 : tensor<f32>\n}\n";
  args[0] = tensorOf("tensor<2xf32>", (const double[]){1, 2});
  text = failMain(collective, "main", 1, args, 1);
  ck_assert_ptr_nonnull(strstr(text, "replica groups of 2 replicas"));
}
END_TEST

START_TEST(error_recursion_is_bounded) {
  const char *ir = "func.func @main(%x: tensor<2xf32>) -> tensor<2xf32> {\n"
                   "  %0 = func.call @main(%x) : (tensor<2xf32>) -> tensor<2xf32>\n"
                   "  return %0 : tensor<2xf32>\n}\n";
  DlcHostTensor args[1] = {tensorOf("tensor<2xf32>", (const double[]){1, 2})};
  const char *text = failMain(ir, "main", 1, args, 1);
  ck_assert_ptr_nonnull(strstr(text, "nests calls too deeply"));
}
END_TEST

/* ---- Host tensors, compare, random ------------------------------------------------------ */

START_TEST(host_tensor_api) {
  DlcHostTensor t = dlcHostTensorCreateShaped(DlcElementUI64, 2, (const int64_t[]){2, 3});
  ck_assert(!dlcHostTensorIsNull(t));
  ck_assert_int_eq(dlcHostTensorGetRank(t), 2);
  ck_assert_int_eq(dlcHostTensorGetDims(t)[1], 3);
  ck_assert_int_eq(dlcHostTensorGetNumElements(t), 6);
  ck_assert_int_eq(dlcHostTensorGetElementType(t), DlcElementUI64);
  ck_assert_str_eq(typeStr(t), "tensor<2x3xui64>");
  ck_assert_uint_eq(dlcElementTypeGetByteSize(DlcElementI1), 1);
  ck_assert_uint_eq(dlcElementTypeGetByteSize(DlcElementBF16), 2);
  dlcHostTensorSetElementFromInt64(t, 5, -1);
  ck_assert_uint_eq(((const uint64_t *)dlcHostTensorGetData(t))[5], UINT64_MAX);
  ck_assert_int_eq(dlcHostTensorGetElementAsInt64(t, 5), -1);
  ck_assert_double_eq(dlcHostTensorGetElementAsDouble(t, 5), 0x1p64);
  ck_assert_double_eq(dlcHostTensorGetElementAsDouble(t, 0), 0); /* zero-filled */
  dlcHostTensorDestroy(t);
  const int64_t negative[] = {-1};
  ck_assert(dlcHostTensorIsNull(dlcHostTensorCreateShaped(DlcElementF32, 1, negative)));
  ck_assert(dlcHostTensorIsNull(dlcHostTensorCreateShaped(DlcElementF32, DLC_MAX_RANK + 1, NULL)));
  ck_assert(dlcHostTensorIsNull(dlcHostTensorCreate(typeOf("tensor<?xf32>"))));
  ck_assert(dlcHostTensorIsNull(dlcHostTensorCreate(typeOf("tensor<2xcomplex<f32>>"))));
  DlcElementType e;
  ck_assert(dlcElementTypeFromMlirType(typeOf("ui16"), &e) && e == DlcElementUI16);
  ck_assert(dlcElementTypeFromMlirType(typeOf("i1"), &e) && e == DlcElementI1);
  ck_assert(!dlcElementTypeFromMlirType(typeOf("si32"), &e));
  ck_assert(mlirTypeEqual(dlcElementTypeGetMlirType(ctx, DlcElementBF16), typeOf("bf16")));
  /* Printing */
  DlcHostTensor m = tensorOf("tensor<2x2xf32>", (const double[]){1, 2.5, -3, NAN});
  Sink s = {{0}};
  dlcHostTensorPrint(m, collect, &s);
  ck_assert_str_eq(s.text, "tensor<2x2xf32> [[1, 2.5], [-3, nan]]");
  dlcHostTensorDestroy(m);
  m = tensorOf("tensor<3xi1>", (const double[]){1, 0, 1});
  memset(&s, 0, sizeof s);
  dlcHostTensorPrint(m, collect, &s);
  ck_assert_str_eq(s.text, "tensor<3xi1> [true, false, true]");
  dlcHostTensorDestroy(m);
}
END_TEST

START_TEST(compare_tolerances_nan_and_inf) {
  DlcHostTensor e = tensorOf("tensor<5xf32>", (const double[]){1, 100, NAN, INFINITY, 0});
  DlcHostTensor a = tensorOf("tensor<5xf32>", (const double[]){1.001, 100.5, NAN, INFINITY, 1e-7});
  DlcCompareResult r = dlcHostTensorCompare(e, a, 1e-2, 1e-6, NULL, NULL);
  ck_assert(r.match);
  ck_assert_int_eq(r.numMismatches, 0);
  /* Tighter: 1.001 (error 1e-3 > 1e-6 + 1e-4) and 100.5 fail; 100.5 is furthest beyond. */
  Sink s = {{0}};
  r = dlcHostTensorCompare(e, a, 1e-4, 1e-6, collect, &s);
  ck_assert(!r.match);
  ck_assert_int_eq(r.numMismatches, 2);
  ck_assert_int_eq(r.worstIndex, 1);
  ck_assert_double_eq(r.worstExpected, 100);
  ck_assert_double_eq(r.worstError, 0.5);
  ck_assert_ptr_nonnull(strstr(s.text, "element 1 [1]: expected 100, got 100.5"));
  ck_assert_ptr_nonnull(strstr(s.text, "2 of 5 elements differ"));
  dlcHostTensorDestroy(a);
  /* NaN against a number, and an infinity against the other infinity, never match. */
  a = tensorOf("tensor<5xf32>", (const double[]){1, 100, 3, -INFINITY, 0});
  r = dlcHostTensorCompare(e, a, 1, 1, NULL, NULL);
  ck_assert(!r.match);
  ck_assert_int_eq(r.numMismatches, 2);
  ck_assert(isinf(r.worstError));
  dlcHostTensorDestroy(a);
  /* Different types or shapes. */
  a = tensorOf("tensor<4xf32>", (const double[]){1, 2, 3, 4});
  memset(&s, 0, sizeof s);
  r = dlcHostTensorCompare(e, a, 1, 1, collect, &s);
  ck_assert(!r.match);
  ck_assert_int_eq(r.worstIndex, -1);
  ck_assert_str_eq(s.text, "type mismatch: expected tensor<5xf32>, got tensor<4xf32>");
  dlcHostTensorDestroy(a);
  dlcHostTensorDestroy(e);
  /* Integers compare exactly with zero tolerances; the report stops after 10 elements. */
  int64_t x[12], y[12];
  for (int i = 0; i < 12; ++i) {
    x[i] = INT64_MAX - i;
    y[i] = INT64_MAX - i - (i > 0);
  }
  e = tensorOfInts("tensor<12xi64>", x);
  a = tensorOfInts("tensor<12xi64>", y);
  memset(&s, 0, sizeof s);
  r = dlcHostTensorCompare(e, a, 0, 0, collect, &s);
  ck_assert_int_eq(r.numMismatches, 11);
  int lines = 0;
  for (const char *c = s.text; (c = strstr(c, "element ")); ++c)
    ++lines;
  ck_assert_int_eq(lines, 11); /* 10 elements and "worst at element" in the summary */
  dlcHostTensorDestroy(a);
  dlcHostTensorDestroy(e);
}
END_TEST

START_TEST(random_is_seeded_and_in_range) {
  uint64_t state = 0;
  ck_assert_uint_eq(dlcSplitMix64(&state), UINT64_C(0xE220A8397B1DCDAF));
  ck_assert_uint_eq(dlcSplitMix64(&state), UINT64_C(0x6E789E6AA1B965F4));
  ck_assert_uint_eq(dlcSplitMix64(&state), UINT64_C(0x06C45D188009454F));
  MlirType type = typeOf("tensor<1000xf32>");
  DlcHostTensor a = dlcHostTensorCreate(type), b = dlcHostTensorCreate(type),
                c = dlcHostTensorCreate(type);
  dlcHostTensorFillRandom(a, 7, -2, 3);
  dlcHostTensorFillRandom(b, 7, -2, 3);
  dlcHostTensorFillRandom(c, 8, -2, 3);
  ck_assert(!memcmp(dlcHostTensorGetData(a), dlcHostTensorGetData(b), 4000));
  ck_assert(memcmp(dlcHostTensorGetData(a), dlcHostTensorGetData(c), 4000));
  double lo = 10, hi = -10;
  for (int i = 0; i < 1000; ++i) {
    double v = dlcHostTensorGetElementAsDouble(a, i);
    lo = fmin(lo, v);
    hi = fmax(hi, v);
  }
  ck_assert(lo >= -2 && lo < -1.9 && hi <= 3 && hi > 2.9);
  dlcHostTensorDestroy(a);
  dlcHostTensorDestroy(b);
  dlcHostTensorDestroy(c);
  /* Integers cover [ceil(lo), floor(hi)], clamped to the type; i1 gets both values. */
  DlcHostTensor i = dlcHostTensorCreate(typeOf("tensor<1000xi8>"));
  dlcHostTensorFillRandom(i, 1, -3.5, 1000);
  int seen[256] = {0};
  for (int k = 0; k < 1000; ++k) {
    int64_t v = dlcHostTensorGetElementAsInt64(i, k);
    ck_assert(v >= -3 && v <= 127);
    seen[v + 128] = 1;
  }
  ck_assert(seen[-3 + 128] && seen[127 + 128]);
  dlcHostTensorDestroy(i);
  DlcHostTensor u = dlcHostTensorCreate(typeOf("tensor<64xui64>"));
  dlcHostTensorFillRandom(u, 2, 0, 1e30); /* the full range */
  dlcHostTensorDestroy(u);
  DlcHostTensor p = dlcHostTensorCreate(typeOf("tensor<100xi1>"));
  dlcHostTensorFillRandom(p, 3, 0, 1);
  int ones = 0;
  for (int k = 0; k < 100; ++k)
    ones += (int)dlcHostTensorGetElementAsInt64(p, k);
  ck_assert(ones > 20 && ones < 80);
  dlcHostTensorDestroy(p);
}
END_TEST

int main(void) {
  const DlcTestCase cases[] = {
      {"elementwise",
       {float_arithmetic_edge_cases, float_max_min_propagate_nan_and_order_zeros,
        float_remainder_and_power, float_unary_ops, half_and_bfloat_round_to_nearest_even,
        signed_integers_wrap, integer_division_by_zero_and_overflow, unsigned_integers,
        integer_power, booleans, compare_directions_types_and_nan, select_and_clamp_with_scalars,
        constant_and_iota, NULL}},
      {"conversions",
       {convert_float_to_integer_truncates_and_saturates, convert_to_and_from_booleans,
        convert_integers_wrap_and_round_once, NULL}},
      {"movement",
       {broadcast_transpose_reshape_reverse, concatenate_slice_pad,
        dynamic_slice_and_update_clamp_starts, gather_rows_points_and_batches,
        layouts_do_not_change_values, NULL}},
      {"contraction",
       {dot_general_with_batch_dims, dot_general_mixed_precision_and_integers,
        convolution_against_naive_formula, convolution_dimension_numbers, NULL}},
      {"reduction",
       {reduce_sum_max_and_reducer_functions, reducers_round_every_step, reduce_window_pooling,
        batch_norm_inference, NULL}},
      {"calls", {fusion_call_and_collectives, results_are_owned_by_the_caller, NULL}},
      {"errors",
       {error_unknown_entry, error_wrong_argument_count, error_wrong_argument_type,
        error_custom_call_names_target, error_unsupported_and_invalid_ops,
        error_recursion_is_bounded, NULL}},
      {"host",
       {host_tensor_api, compare_tolerances_nan_and_inf, random_is_seeded_and_in_range, NULL}},
  };
  return dlcRunTestCases("reference", cases, sizeof cases / sizeof cases[0], setup, teardown);
}
