/* test_runner.c: the JIT API of dlc/Jit.h itself: the entry's signature, argument checks and
 * their messages, arguments left unwritten, and the ownership of result buffers the
 * compiled code hands back (a result that is an argument, a view of one, a constant, the
 * same buffer twice). Under AddressSanitizer a wrong free or a leak fails these tests. */
#include "UnitTest.h"

#include "dlc/Dialects.h"
#include "dlc/Jit.h"

#include <string.h>

static MlirContext ctx;
static MlirModule module;
static DlcJit jit;
static DlcTestText messages; /* what the JIT reported */

static void setup(void) {
  ctx = dlcContextCreate();
  ck_assert_ptr_nonnull(ctx.ptr);
  messages = (DlcTestText){.used = 0};
}

static void teardown(void) {
  dlcJitDestroy(jit);
  jit = (DlcJit){NULL};
  if (!mlirModuleIsNull(module))
    mlirModuleDestroy(module);
  module = (MlirModule){NULL};
  mlirContextDestroy(ctx);
}

/* Parses `source` and JITs its @main with the default pipeline; null JIT on failure. */
static DlcJit compile(const char *source) {
  module = mlirModuleCreateParse(ctx, dlcStr(source));
  ck_assert_msg(!mlirModuleIsNull(module), "parse failed");
  jit =
      dlcJitCreate(module, dlcStr("main"), (MlirStringRef){NULL, 0}, 2, dlcTestCollect, &messages);
  return jit;
}

static DlcHostTensor vector(int64_t n, const float *values) {
  DlcHostTensor t = dlcHostTensorCreateShaped(DlcElementF32, 1, &n);
  memcpy(dlcHostTensorGetData(t), values, (size_t)n * sizeof(float));
  return t;
}

static void expectVector(DlcHostTensor t, int64_t n, const float *values) {
  ck_assert(!dlcHostTensorIsNull(t));
  ck_assert_int_eq(dlcHostTensorGetNumElements(t), n);
  ck_assert_mem_eq(dlcHostTensorGetData(t), values, (size_t)n * sizeof(float));
}

static const float one23[] = {1, 2, 3, 4};

/* The signature is read before lowering: types as the dhlo function declared them. */
START_TEST(test_signature) {
  ck_assert(!dlcJitIsNull(
      compile("func.func @main(%a: tensor<4xf32>, %b: tensor<2x2xi32>) -> tensor<4xf32> {\n"
              "  return %a : tensor<4xf32>\n"
              "}\n")));
  ck_assert(mlirStringRefEqual(dlcJitGetEntryName(jit), dlcStr("main")));
  ck_assert_int_eq(dlcJitGetNumInputs(jit), 2);
  ck_assert_int_eq(dlcJitGetNumResults(jit), 1);
  MlirType b = mlirTypeParseGet(ctx, dlcStr("tensor<2x2xi32>"));
  ck_assert(mlirTypeEqual(dlcJitGetInputType(jit, 1), b));
  ck_assert(mlirTypeIsNull(dlcJitGetInputType(jit, 2)));
  ck_assert(mlirTypeIsNull(dlcJitGetResultType(jit, -1)));
}
END_TEST

/* `return %arg0`: the result is the argument's own buffer, which must not be freed. */
START_TEST(test_result_is_argument) {
  ck_assert(!dlcJitIsNull(compile("func.func @main(%a: tensor<4xf32>) -> tensor<4xf32> {\n"
                                  "  return %a : tensor<4xf32>\n"
                                  "}\n")));
  DlcHostTensor a = vector(4, one23), y;
  ck_assert(mlirLogicalResultIsSuccess(dlcJitCall(jit, 1, &a, 1, &y, dlcTestCollect, &messages)));
  expectVector(y, 4, one23);
  dlcHostTensorDestroy(y);
  dlcHostTensorDestroy(a);
}
END_TEST

/* A reshape of an argument bufferizes to a view of its buffer: not freed either. */
START_TEST(test_result_is_view_of_argument) {
  ck_assert(
      !dlcJitIsNull(compile("func.func @main(%a: tensor<4xf32>) -> tensor<2x2xf32> {\n"
                            "  %0 = \"dhlo.reshape\"(%a) : (tensor<4xf32>) -> tensor<2x2xf32>\n"
                            "  return %0 : tensor<2x2xf32>\n"
                            "}\n")));
  DlcHostTensor a = vector(4, one23), y;
  ck_assert(mlirLogicalResultIsSuccess(dlcJitCall(jit, 1, &a, 1, &y, dlcTestCollect, &messages)));
  ck_assert_int_eq(dlcHostTensorGetRank(y), 2);
  ck_assert_mem_eq(dlcHostTensorGetData(y), one23, sizeof one23);
  dlcHostTensorDestroy(y);
  dlcHostTensorDestroy(a);
}
END_TEST

/* One computed buffer returned twice is freed once; a constant result is a global. */
START_TEST(test_shared_and_constant_results) {
  ck_assert(!dlcJitIsNull(compile(
      "func.func @main(%a: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {\n"
      "  %0 = \"dhlo.add\"(%a, %a) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>\n"
      "  %c = \"dhlo.constant\"() {value = dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>}"
      "    : () -> tensor<4xf32>\n"
      "  return %0, %0, %c : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>\n"
      "}\n")));
  DlcHostTensor a = vector(4, one23), y[3];
  ck_assert(mlirLogicalResultIsSuccess(dlcJitCall(jit, 1, &a, 3, y, dlcTestCollect, &messages)));
  const float twice[] = {2, 4, 6, 8};
  expectVector(y[0], 4, twice);
  expectVector(y[1], 4, twice);
  expectVector(y[2], 4, one23);
  for (int i = 0; i < 3; ++i)
    dlcHostTensorDestroy(y[i]);
  dlcHostTensorDestroy(a);
}
END_TEST

/* An in-place update of an argument (One-Shot Bufferize would reuse its buffer) leaves the
 * caller's tensor alone: the JIT marks arguments read-only, so bufferization copies. */
START_TEST(test_arguments_not_written) {
  ck_assert(!dlcJitIsNull(compile(
      "func.func @main(%x: tensor<4xf32>, %u: tensor<1xf32>, %i: tensor<i32>) -> tensor<4xf32> {\n"
      "  %0 = \"dhlo.dynamic_update_slice\"(%x, %u, %i)"
      "    : (tensor<4xf32>, tensor<1xf32>, tensor<i32>) -> tensor<4xf32>\n"
      "  return %0 : tensor<4xf32>\n"
      "}\n")));
  const float seven = 7;
  DlcHostTensor args[3] = {vector(4, one23), vector(1, &seven),
                           dlcHostTensorCreateShaped(DlcElementI32, 0, NULL)};
  dlcHostTensorSetElementFromInt64(args[2], 0, 2);
  DlcHostTensor y;
  ck_assert(mlirLogicalResultIsSuccess(dlcJitCall(jit, 3, args, 1, &y, dlcTestCollect, &messages)));
  expectVector(y, 4, (const float[]){1, 2, 7, 4});
  expectVector(args[0], 4, one23);
  dlcHostTensorDestroy(y);
  for (int i = 0; i < 3; ++i)
    dlcHostTensorDestroy(args[i]);
}
END_TEST

/* Arguments are checked against the signature before anything runs. */
START_TEST(test_argument_checks) {
  ck_assert(!dlcJitIsNull(compile("func.func @main(%a: tensor<4xf32>) -> tensor<4xf32> {\n"
                                  "  return %a : tensor<4xf32>\n"
                                  "}\n")));
  DlcHostTensor wrongShape = vector(3, one23), y = {(void *)1};
  ck_assert(mlirLogicalResultIsFailure(
      dlcJitCall(jit, 1, &wrongShape, 1, &y, dlcTestCollect, &messages)));
  ck_assert_str_eq(messages.text,
                   "argument #0 of @main is tensor<3xf32>, but @main takes tensor<4xf32>");
  ck_assert(dlcHostTensorIsNull(y));
  dlcHostTensorDestroy(wrongShape);

  messages = (DlcTestText){.used = 0};
  DlcHostTensor wrongType = dlcHostTensorCreateShaped(DlcElementI32, 1, (int64_t[]){4});
  ck_assert(
      mlirLogicalResultIsFailure(dlcJitCall(jit, 1, &wrongType, 1, &y, dlcTestCollect, &messages)));
  ck_assert_str_eq(messages.text,
                   "argument #0 of @main is tensor<4xi32>, but @main takes tensor<4xf32>");
  dlcHostTensorDestroy(wrongType);

  messages = (DlcTestText){.used = 0};
  ck_assert(mlirLogicalResultIsFailure(dlcJitCall(jit, 0, NULL, 1, &y, dlcTestCollect, &messages)));
  ck_assert_str_eq(messages.text, "@main takes 1 argument, got 0");

  messages = (DlcTestText){.used = 0};
  double seconds;
  ck_assert(mlirLogicalResultIsFailure(
      dlcJitBenchmark(jit, 0, NULL, 1, &seconds, dlcTestCollect, &messages)));
  ck_assert_str_eq(messages.text, "@main takes 1 argument, got 0");
}
END_TEST

/* What cannot be compiled says why: no such entry, a signature the convention cannot carry,
 * a pipeline that is not valid text. */
START_TEST(test_create_errors) {
  ck_assert(dlcJitIsNull(compile("func.func @other(%a: tensor<4xf32>) -> tensor<4xf32> {\n"
                                 "  return %a : tensor<4xf32>\n"
                                 "}\n")));
  ck_assert_str_eq(messages.text, "no function @main with a body in the module");
  mlirModuleDestroy(module);

  messages = (DlcTestText){.used = 0};
  ck_assert(dlcJitIsNull(compile("func.func @main(%a: tensor<?xf32>) -> tensor<?xf32> {\n"
                                 "  return %a : tensor<?xf32>\n"
                                 "}\n")));
  ck_assert_ptr_nonnull(strstr(messages.text, "argument #0 of @main has type tensor<?xf32>"));
  mlirModuleDestroy(module);

  messages = (DlcTestText){.used = 0};
  ck_assert(dlcJitIsNull(compile("func.func @main(%a: tensor<2xf32>) -> (tensor<2xf32>, f32) {\n"
                                 "  %c = arith.constant 1.0 : f32\n"
                                 "  return %a, %c : tensor<2xf32>, f32\n"
                                 "}\n")));
  ck_assert_ptr_nonnull(strstr(messages.text, "result #1 of @main has type f32"));
  mlirModuleDestroy(module);

  messages = (DlcTestText){.used = 0};
  module = mlirModuleCreateParse(ctx, dlcStr("func.func @main() {\n  return\n}\n"));
  jit = dlcJitCreate(module, dlcStr("main"), dlcStr("builtin.module(no-such-pass)"), 2,
                     dlcTestCollect, &messages);
  ck_assert(dlcJitIsNull(jit));
  ck_assert_ptr_nonnull(strstr(messages.text, "no-such-pass"));
}
END_TEST

/* A benchmark times every run and releases every result buffer (LeakSanitizer checks). */
START_TEST(test_benchmark) {
  ck_assert(!dlcJitIsNull(
      compile("func.func @main(%a: tensor<4xf32>) -> tensor<4xf32> {\n"
              "  %0 = \"dhlo.multiply\"(%a, %a) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>\n"
              "  return %0 : tensor<4xf32>\n"
              "}\n")));
  DlcHostTensor a = vector(4, one23);
  double seconds[3] = {-1, -1, -1};
  ck_assert(mlirLogicalResultIsSuccess(
      dlcJitBenchmark(jit, 1, &a, 3, seconds, dlcTestCollect, &messages)));
  for (int i = 0; i < 3; ++i)
    ck_assert(seconds[i] >= 0);
  dlcHostTensorDestroy(a);
}
END_TEST

int main(void) {
  const DlcTestCase cases[] = {
      {"signature", {test_signature, test_create_errors}},
      {"calls",
       {test_result_is_argument, test_result_is_view_of_argument, test_shared_and_constant_results,
        test_arguments_not_written, test_argument_checks, test_benchmark}},
  };
  return dlcRunTestCases("runner", cases, sizeof cases / sizeof cases[0], setup, teardown);
}
