/* test_cpu_codegen.c: numerics of the fast CPU code of `dlc-lower-to-cpu`: matmuls that get
 * the tiled, vectorized register-block schedule (dlc-tile-and-vectorize) and odd sizes that
 * fall back to loops, compared with the reference evaluator on random inputs (1e-4 relative
 * + 1e-4 absolute: f32 sums of up to 129 products in another order); and the polynomial
 * exp/tanh/erf/logistic of dlc-approximate-math, against the reference over [-12, 12] and
 * against libm over a sweep of 2^20 evenly spaced f32, at the bounds ApproximateMath.c states. */
#include "UnitTest.h"

#include "dlc/Dialects.h"
#include "dlc/Jit.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static MlirContext ctx;
static char errors[4096];

static void collect(MlirStringRef s, void *userData) {
  size_t used = strlen(errors), room = sizeof errors - 1 - used;
  size_t n = s.length < room ? s.length : room;
  memcpy(errors + used, s.data, n);
  errors[used + n] = '\0';
}

static void setup(void) {
  ctx = dlcContextCreate();
  ck_assert_ptr_nonnull(ctx.ptr);
  errors[0] = '\0';
}

static void teardown(void) { mlirContextDestroy(ctx); }

/* Runs @main of `source` compiled and in the reference evaluator on random f32 inputs of
 * its signature, and compares every result at rtol/atol. */
static void compareWithReference(const char *source, double lo, double hi, double rtol,
                                 double atol) {
  MlirModule module = mlirModuleCreateParse(ctx, dlcStr(source));
  ck_assert_msg(!mlirModuleIsNull(module), "parse failed");
  MlirModule lowered = mlirModuleCreateParse(ctx, dlcStr(source));
  DlcJit jit = dlcJitCreate(lowered, dlcStr("main"), dlcStr("builtin.module(dlc-lower-to-cpu)"),
                            3, collect, NULL);
  ck_assert_msg(!dlcJitIsNull(jit), "compile failed: %s", errors);
  intptr_t nArgs = dlcJitGetNumInputs(jit), nResults = dlcJitGetNumResults(jit);
  DlcHostTensor args[4], expected[2], actual[2];
  ck_assert(nArgs <= 4 && nResults <= 2);
  for (intptr_t i = 0; i < nArgs; ++i) {
    args[i] = dlcHostTensorCreate(dlcJitGetInputType(jit, i));
    dlcHostTensorFillRandom(args[i], (uint64_t)(17 + i), lo, hi);
  }
  ck_assert(mlirLogicalResultIsSuccess(dlcReferenceRun(mlirModuleGetOperation(module),
                                                       dlcStr("main"), nArgs, args, nResults,
                                                       expected)));
  ck_assert_msg(mlirLogicalResultIsSuccess(
                    dlcJitCall(jit, nArgs, args, nResults, actual, collect, NULL)),
                "call failed: %s", errors);
  for (intptr_t i = 0; i < nResults; ++i) {
    DlcCompareResult c = dlcHostTensorCompare(expected[i], actual[i], rtol, atol, NULL, NULL);
    ck_assert_msg(c.match, "result %ld: %lld mismatches, worst at %lld: %.9g vs %.9g", (long)i,
                  (long long)c.numMismatches, (long long)c.worstIndex, c.worstExpected,
                  c.worstActual);
    dlcHostTensorDestroy(expected[i]);
    dlcHostTensorDestroy(actual[i]);
  }
  for (intptr_t i = 0; i < nArgs; ++i)
    dlcHostTensorDestroy(args[i]);
  dlcJitDestroy(jit);
  mlirModuleDestroy(lowered);
  mlirModuleDestroy(module);
}

/* x (MxK) . w (KxN) as a dhlo program. */
static void checkMatmul(int m, int n, int k) {
  char source[1024];
  snprintf(source, sizeof source,
           "func.func @main(%%x: tensor<%dx%dxf32>, %%w: tensor<%dx%dxf32>) -> tensor<%dx%dxf32> {\n"
           "  %%0 = \"dhlo.dot_general\"(%%x, %%w) {lhs_batching_dimensions = array<i64>,"
           " rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>,"
           " rhs_contracting_dimensions = array<i64: 0>}"
           " : (tensor<%dx%dxf32>, tensor<%dx%dxf32>) -> tensor<%dx%dxf32>\n"
           "  return %%0 : tensor<%dx%dxf32>\n}\n",
           m, k, k, n, m, n, m, k, k, n, m, n, m, n);
  compareWithReference(source, -1, 1, 1e-4, 1e-4);
}

/* Sizes that are not multiples of the tiles: loops. */
START_TEST(test_matmul_odd_sizes) {
  checkMatmul(1, 1, 1);
  checkMatmul(7, 13, 5);
  checkMatmul(65, 33, 129);
}
END_TEST

/* Multiples of the 8x32x4 register block: the vectorized schedule, with a cache tile that
 * splits m and k (64x256x256 shrinks to divisors: 40 rows of 120, 128 of k 384). */
START_TEST(test_matmul_register_blocks) {
  checkMatmul(8, 32, 4);
  checkMatmul(120, 64, 384);
}
END_TEST

START_TEST(test_batch_matmul_register_blocks) {
  compareWithReference(
      "func.func @main(%x: tensor<3x16x12xf32>, %w: tensor<3x12x64xf32>) -> tensor<3x16x64xf32> {\n"
      "  %0 = \"dhlo.dot_general\"(%x, %w) {lhs_batching_dimensions = array<i64: 0>,"
      " rhs_batching_dimensions = array<i64: 0>, lhs_contracting_dimensions = array<i64: 2>,"
      " rhs_contracting_dimensions = array<i64: 1>}"
      " : (tensor<3x16x12xf32>, tensor<3x12x64xf32>) -> tensor<3x16x64xf32>\n"
      "  return %0 : tensor<3x16x64xf32>\n}\n",
      -1, 1, 1e-4, 1e-4);
}
END_TEST

/* The elementwise chain of the benchmark, vectorized (1024 % 16 == 0) and on a remainder
 * shape (loops), through approximated tanh. */
START_TEST(test_elementwise_chain) {
  static const char *shapes[] = {"4x1024", "3x7"};
  for (int i = 0; i < 2; ++i) {
    char source[1024];
    const char *s = shapes[i];
    snprintf(source, sizeof source,
             "func.func @main(%%x: tensor<%sxf32>, %%a: tensor<%sxf32>) -> tensor<%sxf32> {\n"
             "  %%0 = \"dhlo.multiply\"(%%x, %%a) : (tensor<%sxf32>, tensor<%sxf32>) -> tensor<%sxf32>\n"
             "  %%1 = \"dhlo.tanh\"(%%0) : (tensor<%sxf32>) -> tensor<%sxf32>\n"
             "  %%2 = \"dhlo.add\"(%%1, %%x) : (tensor<%sxf32>, tensor<%sxf32>) -> tensor<%sxf32>\n"
             "  return %%2 : tensor<%sxf32>\n}\n",
             s, s, s, s, s, s, s, s, s, s, s, s);
    compareWithReference(source, -3, 3, 1e-6, 1e-6);
  }
}
END_TEST

/* One unary op on 1024 random values in [-12, 12] against the reference (libm). */
static void checkUnary(const char *op, double atol) {
  char source[512];
  snprintf(source, sizeof source,
           "func.func @main(%%x: tensor<1024xf32>) -> tensor<1024xf32> {\n"
           "  %%0 = \"dhlo.%s\"(%%x) : (tensor<1024xf32>) -> tensor<1024xf32>\n"
           "  return %%0 : tensor<1024xf32>\n}\n",
           op);
  compareWithReference(source, -12, 12, 4e-7, atol);
}

START_TEST(test_approximations_against_reference) {
  checkUnary("tanh", 1e-6);
  checkUnary("logistic", 1e-6);
  checkUnary("exponential", 0);
}
END_TEST

/* The ulp distance between two finite floats of one sign. */
static int64_t ulps(float a, float b) {
  int32_t ia, ib;
  memcpy(&ia, &a, 4);
  memcpy(&ib, &b, 4);
  return ia > ib ? (int64_t)ia - ib : (int64_t)ib - ia;
}

/* 2^20 evenly spaced f32 in [lo, hi], through the compiled op and through libm `ref`. */
static void sweep(const char *op, float lo, float hi, double (*ref)(double), int64_t maxUlps,
                  double maxAbs) {
  enum { count = 1 << 20 };
  char source[512];
  snprintf(source, sizeof source,
           "func.func @main(%%x: tensor<%dxf32>) -> tensor<%dxf32> {\n"
           "  %%0 = \"%s\"(%%x) : (tensor<%dxf32>) -> tensor<%dxf32>\n"
           "  return %%0 : tensor<%dxf32>\n}\n",
           count, count, op, count, count, count);
  MlirModule module = mlirModuleCreateParse(ctx, dlcStr(source));
  DlcJit jit = dlcJitCreate(module, dlcStr("main"), dlcStr("builtin.module(dlc-lower-to-cpu)"),
                            3, collect, NULL);
  ck_assert_msg(!dlcJitIsNull(jit), "compile failed: %s", errors);
  DlcHostTensor arg = dlcHostTensorCreateShaped(DlcElementF32, 1, (int64_t[]){count}), result;
  float *x = dlcHostTensorGetData(arg);
  for (int64_t i = 0; i < count; ++i)
    x[i] = lo + (hi - lo) * (float)i / (float)(count - 1);
  ck_assert(mlirLogicalResultIsSuccess(dlcJitCall(jit, 1, &arg, 1, &result, collect, NULL)));
  const float *y = dlcHostTensorGetData(result);
  int64_t worstUlps = 0;
  double worstAbs = 0;
  for (int64_t i = 0; i < count; ++i) {
    float want = (float)ref((double)x[i]);
    if (isnormal(want) && ulps(want, y[i]) > worstUlps)
      worstUlps = ulps(want, y[i]);
    if (fabs((double)want - y[i]) > worstAbs)
      worstAbs = fabs((double)want - y[i]);
    if (isinf(want) || isnan(want))
      ck_assert_msg(want == y[i] || (isnan(want) && isnan(y[i])), "%s(%g): %g, want %g", op,
                    x[i], y[i], want);
  }
  ck_assert_msg(worstUlps <= maxUlps && worstAbs <= maxAbs, "%s: worst %lld ulp, %g absolute",
                op, (long long)worstUlps, worstAbs);
  dlcHostTensorDestroy(result);
  dlcHostTensorDestroy(arg);
  dlcJitDestroy(jit);
  mlirModuleDestroy(module);
}

START_TEST(test_approximations_sweep) {
  sweep("dhlo.exponential", -87.0f, 88.7f, exp, 2, INFINITY);
  sweep("dhlo.tanh", -20.0f, 20.0f, tanh, INT64_MAX, 1e-6);
}
END_TEST

int main(void) {
  const DlcTestCase cases[] = {
      {"matmul",
       {test_matmul_odd_sizes, test_matmul_register_blocks, test_batch_matmul_register_blocks}},
      {"elementwise",
       {test_elementwise_chain, test_approximations_against_reference,
        test_approximations_sweep}},
  };
  return dlcRunTestCases("cpu_codegen", cases, sizeof cases / sizeof cases[0], setup, teardown);
}
