/* test_jit.c: dhlo programs compiled by `dlc-lower-to-cpu`, JITted with MLIR's
 * ExecutionEngine (through dlc/Jit.h) and run on fixed inputs, checked against values
 * computed by hand. Floats must match within 1e-6 relative + 1e-6 absolute (f32 rounding of
 * a few sums and a libm tanh); integer, boolean and bf16 results must match exactly. */
#include "UnitTest.h"

#include "dlc/Dialects.h"
#include "dlc/Jit.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

static const double relTol = 1e-6, absTol = 1e-6;

static MlirContext ctx;
static DlcJit jit;
static DlcTestText errors; /* compile and call errors, for the failure messages */

static void setup(void) {
  ctx = dlcContextCreate();
  ck_assert_ptr_nonnull(ctx.ptr);
}

static void teardown(void) {
  dlcJitDestroy(jit);
  jit = (DlcJit){NULL};
  mlirContextDestroy(ctx);
}

/* Parses `source` and compiles its @main. */
static MlirModule compile(const char *source) {
  MlirModule module = mlirModuleCreateParse(ctx, dlcStr(source));
  ck_assert_msg(!mlirModuleIsNull(module), "parse failed");
  errors = (DlcTestText){.used = 0};
  jit = dlcJitCreate(module, dlcStr("main"), dlcStr("builtin.module(dlc-lower-to-cpu)"), 2,
                     dlcTestCollect, &errors);
  ck_assert_msg(!dlcJitIsNull(jit), "compile failed: %s", errors.text);
  return module;
}

static DlcHostTensor tensorOf(DlcElementType type, intptr_t rank, const int64_t *dims,
                              const void *data) {
  DlcHostTensor t = dlcHostTensorCreateShaped(type, rank, dims);
  ck_assert(!dlcHostTensorIsNull(t));
  memcpy(dlcHostTensorGetData(t), data,
         (size_t)dlcHostTensorGetNumElements(t) * dlcElementTypeGetByteSize(type));
  return t;
}

static void expectFloats(DlcHostTensor t, const double *expected, int64_t count) {
  ck_assert_int_eq(dlcHostTensorGetNumElements(t), count);
  for (int64_t i = 0; i < count; ++i) {
    double got = dlcHostTensorGetElementAsDouble(t, i);
    ck_assert_msg(fabs(got - expected[i]) <= absTol + relTol * fabs(expected[i]),
                  "element %lld: got %.9g, expected %.9g", (long long)i, got, expected[i]);
  }
}

static void expectInts(DlcHostTensor t, const int64_t *expected, int64_t count) {
  ck_assert_int_eq(dlcHostTensorGetNumElements(t), count);
  for (int64_t i = 0; i < count; ++i)
    ck_assert_msg(dlcHostTensorGetElementAsInt64(t, i) == expected[i],
                  "element %lld: got %lld, expected %lld", (long long)i,
                  (long long)dlcHostTensorGetElementAsInt64(t, i), (long long)expected[i]);
}

static void destroyAll(DlcHostTensor *tensors, int n) {
  for (int i = 0; i < n; ++i)
    dlcHostTensorDestroy(tensors[i]);
}

/* y[i] = sum_j tanh((x . w)[i, j] + b[j]): elementwise, dot_general (matmul) and reduce. */
START_TEST(test_mlp_layer) {
  MlirModule module = compile(
      "func.func @main(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>, %b: tensor<4xf32>)"
      "    -> tensor<2xf32> {\n"
      "  %0 = \"dhlo.dot_general\"(%x, %w) {lhs_batching_dimensions = array<i64>,"
      "    rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>,"
      "    rhs_contracting_dimensions = array<i64: 0>}"
      "    : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>\n"
      "  %1 = \"dhlo.broadcast_in_dim\"(%b) {broadcast_dimensions = array<i64: 1>}"
      "    : (tensor<4xf32>) -> tensor<2x4xf32>\n"
      "  %2 = \"dhlo.add\"(%0, %1) : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>\n"
      "  %3 = \"dhlo.tanh\"(%2) : (tensor<2x4xf32>) -> tensor<2x4xf32>\n"
      "  %z = \"dhlo.constant\"() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>\n"
      "  %4 = \"dhlo.reduce\"(%3, %z) {dimensions = array<i64: 1>, to_apply = @add}"
      "    : (tensor<2x4xf32>, tensor<f32>) -> tensor<2xf32>\n"
      "  return %4 : tensor<2xf32>\n"
      "}\n"
      "func.func private @add(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {\n"
      "  %0 = \"dhlo.add\"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>\n"
      "  return %0 : tensor<f32>\n"
      "}\n");
  const float x[] = {0.5f, -1.0f, 0.25f, 1.0f, 0.0f, -0.5f};
  const float w[] = {0.1f, 0.2f, -0.3f, 0.4f, 0.5f, -0.6f, 0.7f, 0.0f, -0.2f, 0.1f, 0.3f, 0.9f};
  const float b[] = {0.05f, -0.1f, 0.0f, 0.2f};
  DlcHostTensor args[] = {tensorOf(DlcElementF32, 2, (int64_t[]){2, 3}, x),
                          tensorOf(DlcElementF32, 2, (int64_t[]){3, 4}, w),
                          tensorOf(DlcElementF32, 1, (int64_t[]){4}, b)};
  DlcHostTensor y;
  ck_assert_msg(
      mlirLogicalResultIsSuccess(dlcJitCall(jit, 3, args, 1, &y, dlcTestCollect, &errors)),
      "call failed: %s", errors.text);
  double expected[2];
  for (int i = 0; i < 2; ++i) {
    expected[i] = 0;
    for (int j = 0; j < 4; ++j) {
      double dot = b[j];
      for (int k = 0; k < 3; ++k)
        dot += (double)x[i * 3 + k] * w[k * 4 + j];
      expected[i] += tanh(dot);
    }
  }
  expectFloats(y, expected, 2);
  dlcHostTensorDestroy(y);
  destroyAll(args, 3);
  mlirModuleDestroy(module);
}
END_TEST

/* The documented integer corner cases: x / 0 = -1, x % 0 = x, INT_MIN / -1 = INT_MIN,
 * INT_MIN % -1 = 0; unsigned division and comparison see values above 2^31 as large. */
START_TEST(test_integer_division_corners) {
  MlirModule module = compile(
      "func.func @main(%a: tensor<4xi32>, %b: tensor<4xi32>, %c: tensor<2xui32>,"
      "                %d: tensor<2xui32>)"
      "    -> (tensor<4xi32>, tensor<4xi32>, tensor<2xui32>, tensor<2xi1>) {\n"
      "  %0 = \"dhlo.divide\"(%a, %b) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>\n"
      "  %1 = \"dhlo.remainder\"(%a, %b) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>\n"
      "  %2 = \"dhlo.divide\"(%c, %d) : (tensor<2xui32>, tensor<2xui32>) -> tensor<2xui32>\n"
      "  %3 = \"dhlo.compare\"(%c, %d) {comparison_direction = \"GT\"}"
      "    : (tensor<2xui32>, tensor<2xui32>) -> tensor<2xi1>\n"
      "  return %0, %1, %2, %3 : tensor<4xi32>, tensor<4xi32>, tensor<2xui32>, tensor<2xi1>\n"
      "}\n");
  const int32_t a[] = {7, -7, INT32_MIN, 5}, b[] = {2, 2, -1, 0};
  const uint32_t c[] = {4000000000u, 9}, d[] = {2, 0};
  DlcHostTensor args[] = {tensorOf(DlcElementI32, 1, (int64_t[]){4}, a),
                          tensorOf(DlcElementI32, 1, (int64_t[]){4}, b),
                          tensorOf(DlcElementUI32, 1, (int64_t[]){2}, c),
                          tensorOf(DlcElementUI32, 1, (int64_t[]){2}, d)};
  DlcHostTensor results[4];
  ck_assert_msg(
      mlirLogicalResultIsSuccess(dlcJitCall(jit, 4, args, 4, results, dlcTestCollect, &errors)),
      "call failed: %s", errors.text);
  expectInts(results[0], (int64_t[]){3, -3, INT32_MIN, -1}, 4);
  expectInts(results[1], (int64_t[]){1, -1, 0, 5}, 4);
  expectInts(results[2], (int64_t[]){2000000000, UINT32_MAX}, 2);
  expectInts(results[3], (int64_t[]){1, 1}, 2);
  destroyAll(results, 4);
  destroyAll(args, 4);
  mlirModuleDestroy(module);
}
END_TEST

/* transpose, then a max reduction whose init is -inf, then a batched dot_general
 * (batch_matmul) against a broadcast iota. */
START_TEST(test_transpose_max_and_batch_dot) {
  MlirModule module = compile(
      "func.func @main(%x: tensor<2x3xf32>) -> (tensor<3xf32>, tensor<3x1x1xf32>) {\n"
      "  %t = \"dhlo.transpose\"(%x) {permutation = array<i64: 1, 0>}"
      "    : (tensor<2x3xf32>) -> tensor<3x2xf32>\n"
      "  %ninf = \"dhlo.constant\"() {value = dense<0xFF800000> : tensor<f32>}"
      "    : () -> tensor<f32>\n"
      "  %m = \"dhlo.reduce\"(%t, %ninf) {dimensions = array<i64: 1>, to_apply = @max}"
      "    : (tensor<3x2xf32>, tensor<f32>) -> tensor<3xf32>\n"
      "  %l = \"dhlo.reshape\"(%t) : (tensor<3x2xf32>) -> tensor<3x1x2xf32>\n"
      "  %i = \"dhlo.iota\"() {iota_dimension = 0 : i64} : () -> tensor<2xf32>\n"
      "  %r = \"dhlo.broadcast_in_dim\"(%i) {broadcast_dimensions = array<i64: 1>}"
      "    : (tensor<2xf32>) -> tensor<3x2x1xf32>\n"
      "  %d = \"dhlo.dot_general\"(%l, %r) {lhs_batching_dimensions = array<i64: 0>,"
      "    rhs_batching_dimensions = array<i64: 0>, lhs_contracting_dimensions = array<i64: 2>,"
      "    rhs_contracting_dimensions = array<i64: 1>}"
      "    : (tensor<3x1x2xf32>, tensor<3x2x1xf32>) -> tensor<3x1x1xf32>\n"
      "  return %m, %d : tensor<3xf32>, tensor<3x1x1xf32>\n"
      "}\n"
      "func.func private @max(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {\n"
      "  %0 = \"dhlo.maximum\"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>\n"
      "  return %0 : tensor<f32>\n"
      "}\n");
  const float x[] = {1, -5, 3, 2, 4, -6};
  DlcHostTensor arg = tensorOf(DlcElementF32, 2, (int64_t[]){2, 3}, x);
  DlcHostTensor results[2];
  ck_assert_msg(
      mlirLogicalResultIsSuccess(dlcJitCall(jit, 1, &arg, 2, results, dlcTestCollect, &errors)),
      "call failed: %s", errors.text);
  /* columns of x: (1, 2), (-5, 4), (3, -6); the dot takes column . (0, 1) = its 2nd entry */
  expectFloats(results[0], (double[]){2, 4, 3}, 3);
  expectFloats(results[1], (double[]){2, 4, -6}, 3);
  destroyAll(results, 2);
  dlcHostTensorDestroy(arg);
  mlirModuleDestroy(module);
}
END_TEST

/* f32 -> bf16 rounds to nearest even; bf16 arithmetic (computed in f32) rounds once. */
START_TEST(test_bf16_rounding) {
  MlirModule module = compile(
      "func.func @main(%x: tensor<3xf32>) -> tensor<3xf32> {\n"
      "  %0 = \"dhlo.convert\"(%x) : (tensor<3xf32>) -> tensor<3xbf16>\n"
      "  %1 = \"dhlo.add\"(%0, %0) : (tensor<3xbf16>, tensor<3xbf16>) -> tensor<3xbf16>\n"
      "  %2 = \"dhlo.convert\"(%1) : (tensor<3xbf16>) -> tensor<3xf32>\n"
      "  return %2 : tensor<3xf32>\n"
      "}\n");
  /* 1 + 2^-8 is a tie (to 1), 1 + 3 * 2^-8 a tie (to 1 + 2^-6), 1 + 2^-7 exact */
  const float x[] = {1.00390625f, 1.01171875f, 1.0078125f};
  DlcHostTensor arg = tensorOf(DlcElementF32, 1, (int64_t[]){3}, x), y;
  ck_assert_msg(
      mlirLogicalResultIsSuccess(dlcJitCall(jit, 1, &arg, 1, &y, dlcTestCollect, &errors)),
      "call failed: %s", errors.text);
  expectFloats(y, (double[]){2.0, 2.03125, 2.015625}, 3);
  dlcHostTensorDestroy(y);
  dlcHostTensorDestroy(arg);
  mlirModuleDestroy(module);
}
END_TEST

/* The host code of dlc-lower-to-gpu{dot-backend=library} for a matmul with a bias: one
 * call of dlcCublasLtMatmul and mgpu* calls, no kernel. The JIT resolves them all in the
 * process (libdlc's libdlc_cuda_runtime exports them), which needs no GPU to check; the
 * code is not run. */
START_TEST(test_gpu_library_dot_symbols_resolve) {
  MlirModule module = mlirModuleCreateParse(
      ctx,
      dlcStr("func.func @main(%x: tensor<4x8xf32>, %w: tensor<8x16xf32>, %b: tensor<16xf32>) "
             "-> tensor<4x16xf32> {\n"
             "  %0 = \"dhlo.dot_general\"(%x, %w) {lhs_batching_dimensions = array<i64>, "
             "lhs_contracting_dimensions = array<i64: 1>, rhs_batching_dimensions = "
             "array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<4x8xf32>, "
             "tensor<8x16xf32>) -> tensor<4x16xf32>\n"
             "  %1 = \"dhlo.broadcast_in_dim\"(%b) {broadcast_dimensions = array<i64: 1>} : "
             "(tensor<16xf32>) -> tensor<4x16xf32>\n"
             "  %2 = \"dhlo.add\"(%0, %1) : (tensor<4x16xf32>, tensor<4x16xf32>) -> "
             "tensor<4x16xf32>\n"
             "  return %2 : tensor<4x16xf32>\n"
             "}\n"));
  ck_assert(!mlirModuleIsNull(module));
  jit = dlcJitCreate(module, dlcStr("main"),
                     dlcStr("builtin.module(dlc-lower-to-gpu{dot-backend=library})"), 2,
                     dlcTestCollect, &errors);
  ck_assert_msg(!dlcJitIsNull(jit), "compile failed: %s", errors.text);
  mlirModuleDestroy(module);
}
END_TEST

int main(void) {
  const DlcTestCase cases[] = {
      {"jit",
       {test_mlp_layer, test_integer_division_corners, test_transpose_max_and_batch_dot,
        test_bf16_rounding, test_gpu_library_dot_symbols_resolve}},
  };
  return dlcRunTestCases("jit", cases, sizeof cases / sizeof cases[0], setup, teardown);
}
