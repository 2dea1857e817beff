/* test_builder.c: the C API builder (dlc/Builder.h). Each test builds into function @f
 * of a fresh module, checks the inferred result types, and verifies the module with
 * dlcVerify; each error test checks the null result, the diagnostic's message, and that
 * the failed build left no op behind. */
#include "dlc/Builder.h"
#include "dlc/Dialects.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"

#include "UnitTest.h"
#include <stdio.h>
#include <string.h>

#define ERROR_SIZE 1024

static MlirContext ctx;
static MlirModule module;
static DlcBuilder b;
static int numErrors;
static char firstError[ERROR_SIZE], firstErrorLoc[ERROR_SIZE];

/* Appends to a NUL-terminated buffer of ERROR_SIZE bytes. */
static void append(MlirStringRef s, void *buf) {
  size_t used = strlen(buf);
  snprintf((char *)buf + used, ERROR_SIZE - used, "%.*s", (int)s.length, s.data);
}

static MlirLogicalResult captureError(MlirDiagnostic diag, void *userData) {
  if (mlirDiagnosticGetSeverity(diag) == MlirDiagnosticError && numErrors++ == 0) {
    mlirDiagnosticPrint(diag, append, firstError);
    mlirLocationPrint(mlirDiagnosticGetLocation(diag), append, firstErrorLoc);
  }
  return mlirLogicalResultSuccess();
}

static void setup(void) {
  ctx = dlcContextCreate();
  ck_assert(!mlirContextIsNull(ctx));
  mlirContextAttachDiagnosticHandler(ctx, captureError, NULL, NULL);
  module = mlirModuleCreateEmpty(mlirLocationUnknownGet(ctx));
  b = dlcBuilderCreate(ctx);
  numErrors = 0;
  firstError[0] = firstErrorLoc[0] = '\0';
}

static void teardown(void) {
  dlcBuilderDestroy(b);
  mlirModuleDestroy(module);
  mlirContextDestroy(ctx);
}

/* ---- Helpers ------------------------------------------------------------------------ */

static MlirType type(const char *text) {
  MlirType t = mlirTypeParseGet(ctx, dlcStr(text));
  ck_assert_msg(!mlirTypeIsNull(t), "bad type in test: %s", text);
  return t;
}

static const char *typeStr(MlirType t, char *buf) {
  buf[0] = '\0';
  mlirTypePrint(t, append, buf);
  return buf;
}

/* Starts public @name of `functionType` and moves the insertion point into it. */
static MlirOperation beginFuncNamed(const char *name, const char *functionType) {
  MlirType fn = type(functionType);
  MlirType inputs[16], results[16];
  intptr_t numInputs = mlirFunctionTypeGetNumInputs(fn),
           numResults = mlirFunctionTypeGetNumResults(fn);
  for (intptr_t i = 0; i < numInputs; ++i)
    inputs[i] = mlirFunctionTypeGetInput(fn, i);
  for (intptr_t i = 0; i < numResults; ++i)
    results[i] = mlirFunctionTypeGetResult(fn, i);
  MlirOperation f =
      dlcBuildFunc(b, module, dlcStr(name), false, numInputs, inputs, numResults, results);
  ck_assert(!mlirOperationIsNull(f));
  dlcBuilderSetInsertionPointToEnd(b, dlcFuncGetEntryBlock(f));
  return f;
}

static MlirOperation beginFunc(const char *functionType) {
  return beginFuncNamed("f", functionType);
}

static MlirValue arg(MlirOperation f, intptr_t i) { return dlcFuncGetArgument(f, i); }

static void assertType(MlirValue v, const char *expected) {
  char have[ERROR_SIZE];
  ck_assert_msg(!mlirValueIsNull(v), "build failed: %s", firstError);
  ck_assert_msg(mlirTypeEqual(mlirValueGetType(v), type(expected)), "expected %s, got %s", expected,
                typeStr(mlirValueGetType(v), have));
}

static void assertModuleVerifies(void) {
  ck_assert_msg(mlirLogicalResultIsSuccess(dlcVerify(mlirModuleGetOperation(module))),
                "module does not verify: %s", firstError);
  ck_assert_int_eq(numErrors, 0);
}

/* Returns `results` from the current function and verifies the module. */
static void endFunc(intptr_t n, const MlirValue *results) {
  ck_assert(!mlirOperationIsNull(dlcBuildReturn(b, n, results)));
  assertModuleVerifies();
}

static intptr_t numOps(MlirBlock block) {
  intptr_t n = 0;
  if (mlirBlockIsNull(block))
    return 0;
  for (MlirOperation op = mlirBlockGetFirstOperation(block); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op))
    ++n;
  return n;
}

/* A build that must fail: it returns null (`failed`), emits an error containing
 * `message`, and leaves the insertion block as it was. */
static intptr_t opsBefore;

static void expectFailure(void) {
  numErrors = 0;
  firstError[0] = '\0';
  opsBefore = numOps(dlcBuilderGetInsertionBlock(b));
}

static void assertFailed(bool failed, const char *message) {
  ck_assert_msg(failed, "the build should have failed");
  ck_assert_int_ge(numErrors, 1);
  ck_assert_msg(strstr(firstError, message), "expected \"%s\" in \"%s\"", message, firstError);
  ck_assert_int_eq(numOps(dlcBuilderGetInsertionBlock(b)), opsBefore);
  numErrors = 0;
}

#define ASSERT_BUILD_FAILS(failed, message)                                                        \
  do {                                                                                             \
    expectFailure();                                                                               \
    assertFailed((failed), (message));                                                             \
  } while (0)

static MlirStringRef f32Reducer(DlcBinaryOpKind kind) {
  return dlcBuildScalarReducer(b, module, mlirF32TypeGet(ctx), kind);
}

static void assertI32Array(MlirOperation op, const char *name, intptr_t n,
                           const int32_t *expected) {
  MlirAttribute attr = mlirOperationGetAttributeByName(op, dlcStr(name));
  ck_assert(mlirAttributeIsADenseI32Array(attr));
  ck_assert_int_eq(mlirDenseArrayGetNumElements(attr), n);
  for (intptr_t i = 0; i < n; ++i)
    ck_assert_int_eq(mlirDenseI32ArrayGetElement(attr, i), expected[i]);
}

/* ---- The builder itself ------------------------------------------------------------- */

START_TEST(test_builder_defaults) {
  ck_assert(!dlcBuilderIsNull(b));
  ck_assert(mlirContextEqual(dlcBuilderGetContext(b), ctx));
  ck_assert(mlirBlockIsNull(dlcBuilderGetInsertionBlock(b)));
  ck_assert(mlirLocationEqual(dlcBuilderGetLocation(b), mlirLocationUnknownGet(ctx)));
  MlirLocation loc = mlirLocationFileLineColGet(ctx, dlcStr("model.py"), 3, 7);
  dlcBuilderSetLocation(b, loc);
  ck_assert(mlirLocationEqual(dlcBuilderGetLocation(b), loc));
}
END_TEST

START_TEST(test_no_insertion_point) {
  ASSERT_BUILD_FAILS(mlirValueIsNull(dlcBuildConstantSplatF32(b, type("tensor<2xf32>"), 1.0f)),
                     "no insertion point");
}
END_TEST

START_TEST(test_location_on_ops_and_errors) {
  MlirOperation f = beginFunc("(tensor<2xf32>, tensor<3xf32>) -> tensor<2xf32>");
  MlirLocation loc = mlirLocationFileLineColGet(ctx, dlcStr("model.py"), 12, 5);
  dlcBuilderSetLocation(b, loc);
  MlirValue y = dlcBuildUnary(b, DlcUnaryTanh, arg(f, 0));
  ck_assert(mlirLocationEqual(mlirOperationGetLocation(mlirOpResultGetOwner(y)), loc));
  ASSERT_BUILD_FAILS(mlirValueIsNull(dlcBuildBinary(b, DlcBinaryAdd, arg(f, 0), arg(f, 1))),
                     "operand types differ");
  ck_assert_ptr_nonnull(strstr(firstErrorLoc, "\"model.py\":12:5"));
  endFunc(1, &y);
}
END_TEST

START_TEST(test_generic_build_infers) {
  MlirOperation f = beginFunc("(tensor<2x3xf32>) -> tensor<2x3xf32>");
  MlirValue operands[] = {arg(f, 0), arg(f, 0)};
  MlirOperation op = dlcBuilderBuildOp(b, dlcStr("dhlo.multiply"), 2, operands, 0, NULL, 1, NULL);
  ck_assert(!mlirOperationIsNull(op));
  MlirValue y = mlirOperationGetResult(op, 0);
  assertType(y, "tensor<2x3xf32>");
  endFunc(1, &y);
}
END_TEST

/* dlcBuilderBuildOp of op `name` on `nOperands` copies of `x`, with inferred results. */
static bool genericBuildFails(const char *name, MlirValue x, intptr_t nOperands,
                              intptr_t nResults) {
  MlirValue operands[] = {x, x, x};
  return mlirOperationIsNull(
      dlcBuilderBuildOp(b, dlcStr(name), nOperands, operands, 0, NULL, nResults, NULL));
}

START_TEST(test_generic_unknown_op) {
  MlirOperation f = beginFunc("(tensor<2xf32>) -> ()");
  ASSERT_BUILD_FAILS(genericBuildFails("dhlo.frobnicate", arg(f, 0), 1, 1),
                     "is not a known dlc operation");
}
END_TEST

/* Arity and attribute kinds come from IRDL and are checked before the rule runs, so a
 * wrong signature is an error, never an out-of-bounds read in a rule. */
START_TEST(test_generic_wrong_arity) {
  MlirOperation f = beginFunc("(tensor<2xf32>) -> ()");
  ASSERT_BUILD_FAILS(genericBuildFails("dhlo.add", arg(f, 0), 1, 1),
                     "expects exactly 2 operands, but got 1");
  ASSERT_BUILD_FAILS(genericBuildFails("dhlo.add", arg(f, 0), 2, 0),
                     "expects exactly 1 results, but got 0");
  ASSERT_BUILD_FAILS(genericBuildFails("dhlo.transpose", arg(f, 0), 1, 1),
                     "attribute \"permutation\" is expected but not provided");
}
END_TEST

START_TEST(test_stated_result_type) {
  MlirOperation f = beginFunc("(tensor<2x3xf32>) -> tensor<2x3xf32, #dtensor.layout<[0, 1]>>");
  MlirValue operands[] = {arg(f, 0), arg(f, 0)};
  MlirType withLayout = type("tensor<2x3xf32, #dtensor.layout<[0, 1]>>");
  MlirOperation op = dlcBuilderBuildOp(b, dlcStr("dhlo.add"), 2, operands, 0, NULL, 1, &withLayout);
  MlirValue y = mlirOperationGetResult(op, 0);
  assertType(y, "tensor<2x3xf32, #dtensor.layout<[0, 1]>>");
  MlirType wrong = type("tensor<3x2xf32>");
  ASSERT_BUILD_FAILS(
      mlirOperationIsNull(
          dlcBuilderBuildOp(b, dlcStr("dhlo.add"), 2, operands, 0, NULL, 1, &wrong)),
      "result #0 is stated as tensor<3x2xf32>, but the operands imply tensor<2x3xf32>");
  endFunc(1, &y);
}
END_TEST

START_TEST(test_null_operand) {
  MlirOperation f = beginFunc("(tensor<2xf32>) -> ()");
  ASSERT_BUILD_FAILS(mlirValueIsNull(dlcBuildBinary(b, DlcBinaryAdd, arg(f, 0), (MlirValue){NULL})),
                     "operand #1 is a null value");
}
END_TEST

/* ---- Constants and elementwise ops -------------------------------------------------- */

START_TEST(test_constants) {
  beginFunc("() -> (tensor<2x2xf32>, tensor<3xi32>, tensor<2xbf16>)");
  MlirValue splat = dlcBuildConstantSplatF32(b, type("tensor<2x2xf32>"), 0.5f);
  MlirValue ints = dlcBuildConstantSplatF32(b, type("tensor<3xi32>"), 7.0f);
  MlirValue narrow = dlcBuildConstantSplatF32(b, type("tensor<2xbf16>"), 1.0f);
  const float data[] = {1, 2, 3, 4};
  MlirValue dense = dlcBuildConstantF32(b, type("tensor<2x2xf32>"), 4, data);
  assertType(splat, "tensor<2x2xf32>");
  assertType(ints, "tensor<3xi32>");
  assertType(dense, "tensor<2x2xf32>");
  MlirAttribute value =
      mlirOperationGetAttributeByName(mlirOpResultGetOwner(dense), dlcStr("value"));
  ck_assert(mlirDenseElementsAttrGetFloatValue(value, 3) == 4.0f);
  MlirValue sum = dlcBuildBinary(b, DlcBinaryAdd, splat, dense);
  endFunc(3, (MlirValue[]){sum, ints, narrow});
}
END_TEST

START_TEST(test_constant_errors) {
  beginFunc("() -> ()");
  const float data[] = {1, 2, 3, 4, 5};
  ASSERT_BUILD_FAILS(mlirValueIsNull(dlcBuildConstantF32(b, type("tensor<2x2xf32>"), 5, data)),
                     "got 5 values for tensor<2x2xf32>");
  ASSERT_BUILD_FAILS(mlirValueIsNull(dlcBuildConstantF32(b, type("tensor<2xi32>"), 2, data)),
                     "expects a static tensor type of f32");
  ASSERT_BUILD_FAILS(mlirValueIsNull(dlcBuildConstantSplatF32(b, type("f32"), 1.0f)),
                     "cannot be made of type f32");
  ASSERT_BUILD_FAILS(mlirValueIsNull(dlcBuildConstant(b, mlirAttributeGetNull())),
                     "attribute 'value' is null");
}
END_TEST

START_TEST(test_iota) {
  beginFunc("() -> tensor<4x3xi32>");
  MlirValue y = dlcBuildIota(b, type("tensor<4x3xi32>"), 1);
  assertType(y, "tensor<4x3xi32>");
  ASSERT_BUILD_FAILS(mlirValueIsNull(dlcBuildIota(b, type("tensor<4x3xi32>"), 2)),
                     "iota_dimension 2 is out of range");
  endFunc(1, &y);
}
END_TEST

START_TEST(test_every_unary_kind) {
  MlirOperation f = beginFunc("(tensor<2x3xf32>, tensor<2x3xi32>) -> ()");
  for (int kind = DlcUnaryNegate; kind <= DlcUnaryNot; ++kind) {
    bool integer = kind == DlcUnaryNot;
    MlirValue y = dlcBuildUnary(b, (DlcUnaryOpKind)kind, arg(f, integer ? 1 : 0));
    assertType(y, integer ? "tensor<2x3xi32>" : "tensor<2x3xf32>");
  }
  ck_assert_int_eq(numOps(dlcFuncGetEntryBlock(f)), DlcUnaryNot + 1);
  endFunc(0, NULL);
}
END_TEST

START_TEST(test_every_binary_kind) {
  MlirOperation f = beginFunc("(tensor<4xf32>, tensor<4xi8>) -> ()");
  for (int kind = DlcBinaryAdd; kind <= DlcBinaryXor; ++kind) {
    bool bitwise = kind >= DlcBinaryAnd;
    MlirValue x = arg(f, bitwise ? 1 : 0);
    assertType(dlcBuildBinary(b, (DlcBinaryOpKind)kind, x, x),
               bitwise ? "tensor<4xi8>" : "tensor<4xf32>");
  }
  endFunc(0, NULL);
}
END_TEST

START_TEST(test_elementwise_errors) {
  MlirOperation f = beginFunc("(tensor<2x3xf32>, tensor<3x2xf32>, tensor<2x3xi32>) -> ()");
  ASSERT_BUILD_FAILS(mlirValueIsNull(dlcBuildBinary(b, DlcBinaryAdd, arg(f, 0), arg(f, 1))),
                     "operand types differ: tensor<2x3xf32> vs tensor<3x2xf32>");
  ASSERT_BUILD_FAILS(mlirValueIsNull(dlcBuildUnary(b, DlcUnaryTanh, arg(f, 2))),
                     "does not accept element type i32");
  ASSERT_BUILD_FAILS(mlirValueIsNull(dlcBuildUnary(b, (DlcUnaryOpKind)99, arg(f, 0))),
                     "unknown kind 99");
  ASSERT_BUILD_FAILS(
      mlirValueIsNull(dlcBuildCompare(b, (DlcComparisonDirection)-1, arg(f, 0), arg(f, 0))),
      "unknown kind -1");
}
END_TEST

START_TEST(test_compare_select_clamp_convert) {
  MlirOperation f = beginFunc("(tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xbf16>");
  MlirValue x = arg(f, 0), scalar = arg(f, 1);
  MlirValue pred = dlcBuildCompare(b, DlcCompareGT, x, x);
  assertType(pred, "tensor<2x3xi1>");
  MlirValue chosen = dlcBuildSelect(b, pred, x, x);
  assertType(chosen, "tensor<2x3xf32>");
  MlirValue clamped = dlcBuildClamp(b, scalar, chosen, scalar);
  assertType(clamped, "tensor<2x3xf32>");
  MlirValue narrow = dlcBuildConvert(b, clamped, mlirBF16TypeGet(ctx));
  assertType(narrow, "tensor<2x3xbf16>");
  ASSERT_BUILD_FAILS(mlirValueIsNull(dlcBuildSelect(b, x, x, x)),
                     "predicate must have element type i1");
  endFunc(1, &narrow);
}
END_TEST

/* ---- Shape and data movement -------------------------------------------------------- */

START_TEST(test_broadcast_in_dim) {
  MlirOperation f = beginFunc("(tensor<3xf32>, tensor<4xf32>) -> tensor<2x3xf32>");
  const int64_t shape[] = {2, 3}, dims[] = {1};
  MlirValue y = dlcBuildBroadcastInDim(b, arg(f, 0), 2, shape, 1, dims);
  assertType(y, "tensor<2x3xf32>");
  ASSERT_BUILD_FAILS(mlirValueIsNull(dlcBuildBroadcastInDim(b, arg(f, 1), 2, shape, 1, dims)),
                     "operand dimension 0 has size 4, which is neither 1 nor 3");
  const int64_t negative[] = {2, -3};
  ASSERT_BUILD_FAILS(mlirValueIsNull(dlcBuildBroadcastInDim(b, arg(f, 0), 2, negative, 1, dims)),
                     "dimension");
  endFunc(1, &y);
}
END_TEST

START_TEST(test_reshape_transpose_reverse) {
  MlirOperation f = beginFunc("(tensor<2x3x4xf32>) -> tensor<4x6xf32>");
  const int64_t flat[] = {6, 4}, perm[] = {1, 0}, dims[] = {0};
  MlirValue r = dlcBuildReshape(b, arg(f, 0), 2, flat);
  assertType(r, "tensor<6x4xf32>");
  MlirValue t = dlcBuildTranspose(b, r, 2, perm);
  assertType(t, "tensor<4x6xf32>");
  MlirValue v = dlcBuildReverse(b, t, 1, dims);
  assertType(v, "tensor<4x6xf32>");
  const int64_t wrong[] = {5, 5};
  ASSERT_BUILD_FAILS(mlirValueIsNull(dlcBuildReshape(b, arg(f, 0), 2, wrong)),
                     "changes the element count from 24");
  endFunc(1, &v);
}
END_TEST

/* Operands of different types go into separate IRDL variadic groups: the builder states
 * operandSegmentSizes, consecutive equal types sharing a group. */
START_TEST(test_concatenate_segments) {
  MlirOperation f = beginFunc("(tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<10x3xf32>");
  MlirValue inputs[] = {arg(f, 0), arg(f, 0), arg(f, 1), arg(f, 0)};
  MlirValue y = dlcBuildConcatenate(b, 4, inputs, 0);
  assertType(y, "tensor<10x3xf32>");
  const int32_t segments[] = {2, 1, 1, 0, 0, 0, 0, 0};
  assertI32Array(mlirOpResultGetOwner(y), "operandSegmentSizes", 8, segments);
  ASSERT_BUILD_FAILS(mlirValueIsNull(dlcBuildConcatenate(b, 4, inputs, 1)),
                     "operand #2 has size 4 in dimension 0");
  endFunc(1, &y);
}
END_TEST

START_TEST(test_concatenate_too_many_types) {
  MlirOperation f = beginFunc("(tensor<1x3xf32>, tensor<2x3xf32>) -> ()");
  MlirValue inputs[9];
  for (int i = 0; i < 9; ++i)
    inputs[i] = arg(f, i % 2);
  ASSERT_BUILD_FAILS(mlirValueIsNull(dlcBuildConcatenate(b, 9, inputs, 0)),
                     "operands form 9 runs of distinct types; at most 8 are supported");
}
END_TEST

START_TEST(test_slice_and_pad) {
  MlirOperation f = beginFunc("(tensor<8x6xf32>, tensor<f32>) -> tensor<6x5xf32>");
  const int64_t start[] = {0, 1}, limit[] = {8, 5}, strides[] = {2, 1};
  MlirValue s = dlcBuildSlice(b, arg(f, 0), 2, start, limit, strides);
  assertType(s, "tensor<4x4xf32>");
  MlirValue all = dlcBuildSlice(b, arg(f, 0), 2, start, limit, NULL);
  assertType(all, "tensor<8x4xf32>");
  const int64_t low[] = {1, 0}, high[] = {1, 1};
  MlirValue p = dlcBuildPad(b, s, arg(f, 1), 2, low, high, NULL);
  assertType(p, "tensor<6x5xf32>");
  const int64_t tooFar[] = {9, 5};
  ASSERT_BUILD_FAILS(mlirValueIsNull(dlcBuildSlice(b, arg(f, 0), 2, start, tooFar, NULL)),
                     "limit_indices[0] = 9 exceeds 8");
  endFunc(1, &p);
}
END_TEST

START_TEST(test_dynamic_slices) {
  MlirOperation f = beginFunc("(tensor<8x6xf32>, tensor<i32>, tensor<2x2xf32>) -> tensor<8x6xf32>");
  MlirValue starts[] = {arg(f, 1), arg(f, 1)};
  const int64_t sizes[] = {2, 2};
  MlirValue s = dlcBuildDynamicSlice(b, arg(f, 0), 2, starts, sizes);
  assertType(s, "tensor<2x2xf32>");
  MlirValue u = dlcBuildDynamicUpdateSlice(b, arg(f, 0), arg(f, 2), 2, starts);
  assertType(u, "tensor<8x6xf32>");
  ASSERT_BUILD_FAILS(mlirValueIsNull(dlcBuildDynamicSlice(b, arg(f, 0), 1, starts, sizes)),
                     "expects 2 start indices");
  endFunc(1, &u);
}
END_TEST

/* An embedding lookup: rows of a [10, 4] table at 3 indices. */
START_TEST(test_gather) {
  MlirOperation f = beginFunc("(tensor<10x4xf32>, tensor<3x1xi32>) -> tensor<3x4xf32>");
  const int64_t offset[] = {1}, collapsed[] = {0}, map[] = {0}, sizes[] = {1, 4};
  DlcGatherDimensionNumbers dims = {.numOffsetDims = 1,
                                    .offsetDims = offset,
                                    .numCollapsedSliceDims = 1,
                                    .collapsedSliceDims = collapsed,
                                    .numStartIndexMap = 1,
                                    .startIndexMap = map,
                                    .indexVectorDim = 1,
                                    .numSliceSizes = 2,
                                    .sliceSizes = sizes};
  MlirValue y = dlcBuildGather(b, arg(f, 0), arg(f, 1), &dims);
  assertType(y, "tensor<3x4xf32>");
  endFunc(1, &y);
}
END_TEST

START_TEST(test_relayout) {
  MlirOperation f = beginFunc("(tensor<2x3xf32>) -> tensor<2x3xf32, #dtensor.layout<[0, 1]>>");
  const int64_t minorToMajor[] = {0, 1};
  MlirValue y = dlcBuildRelayout(b, arg(f, 0), dlcLayoutAttrGet(ctx, 2, minorToMajor));
  assertType(y, "tensor<2x3xf32, #dtensor.layout<[0, 1]>>");
  endFunc(1, &y);
}
END_TEST

/* ---- Contractions ------------------------------------------------------------------- */

START_TEST(test_dot_general_batch_dims) {
  MlirOperation f = beginFunc("(tensor<2x3x4xf32>, tensor<2x4x5xf32>) -> tensor<2x3x5xf32>");
  const int64_t batch[] = {0}, lhsK[] = {2}, rhsK[] = {1};
  DlcDotDimensionNumbers dims = {.numBatchingDims = 1,
                                 .lhsBatchingDims = batch,
                                 .rhsBatchingDims = batch,
                                 .numContractingDims = 1,
                                 .lhsContractingDims = lhsK,
                                 .rhsContractingDims = rhsK};
  MlirValue y =
      dlcBuildDotGeneral(b, arg(f, 0), arg(f, 1), &dims, (MlirType){NULL}, (MlirType){NULL});
  assertType(y, "tensor<2x3x5xf32>");
  endFunc(1, &y);
}
END_TEST

START_TEST(test_matmul) {
  MlirOperation f = beginFunc("(tensor<8x256xf32>, tensor<256x512xf32>) -> tensor<8x512xf32>");
  MlirValue y = dlcBuildMatmul(b, arg(f, 0), arg(f, 1));
  assertType(y, "tensor<8x512xf32>");
  ASSERT_BUILD_FAILS(mlirValueIsNull(dlcBuildMatmul(b, arg(f, 1), arg(f, 1))),
                     "contracting dimensions differ in size");
  endFunc(1, &y);
}
END_TEST

/* A bf16 contraction may return f32; the builder states the wider type after inferring
 * the shape, and keeps the op it built to learn the shape out of the block. */
START_TEST(test_dot_general_wider_result) {
  MlirOperation f = beginFunc("(tensor<4x8xbf16>, tensor<8x2xbf16>) -> tensor<4x2xf32>");
  const int64_t lhsK[] = {1}, rhsK[] = {0};
  DlcDotDimensionNumbers dims = {
      .numContractingDims = 1, .lhsContractingDims = lhsK, .rhsContractingDims = rhsK};
  MlirType f32 = mlirF32TypeGet(ctx);
  MlirValue y = dlcBuildDotGeneral(b, arg(f, 0), arg(f, 1), &dims, f32, f32);
  assertType(y, "tensor<4x2xf32>");
  ck_assert_int_eq(numOps(dlcFuncGetEntryBlock(f)), 1);
  ck_assert(!mlirAttributeIsNull(
      mlirOperationGetAttributeByName(mlirOpResultGetOwner(y), dlcStr("accumulation_type"))));
  endFunc(1, &y);
}
END_TEST

START_TEST(test_convolution_nhwc) {
  MlirOperation f = beginFunc("(tensor<1x8x8x3xf32>, tensor<3x3x3x16xf32>) -> "
                              "(tensor<1x8x8x16xf32>, tensor<1x3x3x16xf32>)");
  const int64_t ones[] = {1, 1}, twos[] = {2, 2}, same[] = {1, 1, 1, 1};
  DlcConvolutionConfig config = {.dimensionNumbers = dlcStr("b01f_01io->b01f"),
                                 .numSpatialDims = 2,
                                 .windowStrides = ones,
                                 .padding = same};
  MlirValue padded = dlcBuildConvolution(b, arg(f, 0), arg(f, 1), &config);
  assertType(padded, "tensor<1x8x8x16xf32>");
  DlcConvolutionConfig strided = {
      .dimensionNumbers = dlcStr("b01f_01io->b01f"), .numSpatialDims = 2, .windowStrides = twos};
  MlirValue valid = dlcBuildConvolution(b, arg(f, 0), arg(f, 1), &strided);
  assertType(valid, "tensor<1x3x3x16xf32>");
  DlcConvolutionConfig bad = {.dimensionNumbers = dlcStr("b01f_01oi->b01f"), .numSpatialDims = 2};
  ASSERT_BUILD_FAILS(mlirValueIsNull(dlcBuildConvolution(b, arg(f, 0), arg(f, 1), &bad)),
                     "kernel input features (16)");
  endFunc(2, (MlirValue[]){padded, valid});
}
END_TEST

/* ---- Reductions ------------------------------------------------------------------------ */

START_TEST(test_scalar_reducer) {
  MlirStringRef add = f32Reducer(DlcBinaryAdd);
  ck_assert(mlirStringRefEqual(add, dlcStr("add_f32")));
  MlirStringRef again = f32Reducer(DlcBinaryAdd);
  ck_assert(mlirStringRefEqual(again, dlcStr("add_f32")));
  MlirStringRef max =
      dlcBuildScalarReducer(b, module, mlirIntegerTypeGet(ctx, 32), DlcBinaryMaximum);
  ck_assert(mlirStringRefEqual(max, dlcStr("maximum_i32")));
  ck_assert_int_eq(numOps(mlirModuleGetBody(module)), 2);
  MlirOperation reducer = mlirBlockGetFirstOperation(mlirModuleGetBody(module));
  MlirAttribute visibility = mlirOperationGetAttributeByName(reducer, dlcStr("sym_visibility"));
  ck_assert(mlirStringRefEqual(mlirStringAttrGetValue(visibility), dlcStr("private")));
  ck_assert(mlirBlockIsNull(dlcBuilderGetInsertionBlock(b)));
  assertModuleVerifies();
  ck_assert_int_eq(f32Reducer(DlcBinaryAnd).length, 0);
  ck_assert_ptr_nonnull(strstr(firstError, "does not accept element type f32"));
  ck_assert_int_eq(numOps(mlirModuleGetBody(module)), 2);
}
END_TEST

START_TEST(test_reduce) {
  MlirStringRef add = f32Reducer(DlcBinaryAdd);
  MlirOperation f = beginFunc("(tensor<4x8xf32>, tensor<4x8xi32>) -> tensor<4xf32>");
  MlirValue zero = dlcBuildConstantSplatF32(b, type("tensor<f32>"), 0.0f);
  const int64_t dims[] = {1};
  MlirValue y = dlcBuildReduce(b, arg(f, 0), zero, 1, dims, add);
  assertType(y, "tensor<4xf32>");
  MlirValue intZero = dlcBuildConstantSplatF32(b, type("tensor<i32>"), 0.0f);
  ASSERT_BUILD_FAILS(mlirValueIsNull(dlcBuildReduce(b, arg(f, 1), intZero, 1, dims, add)),
                     "a reducer must have type (tensor<i32>, tensor<i32>) -> tensor<i32>");
  ASSERT_BUILD_FAILS(
      mlirValueIsNull(dlcBuildReduce(b, arg(f, 0), zero, 1, dims, dlcStr("nothing"))),
      "@nothing, which is not defined");
  endFunc(1, &y);
}
END_TEST

START_TEST(test_reduce_window) {
  MlirStringRef max = f32Reducer(DlcBinaryMaximum);
  MlirOperation f = beginFunc("(tensor<1x8x8x3xf32>, tensor<f32>) -> tensor<1x4x4x3xf32>");
  const int64_t window[] = {1, 2, 2, 1};
  DlcReduceWindowConfig config = {.rank = 4, .windowDimensions = window, .windowStrides = window};
  MlirValue y = dlcBuildReduceWindow(b, arg(f, 0), arg(f, 1), &config, max);
  assertType(y, "tensor<1x4x4x3xf32>");
  endFunc(1, &y);
}
END_TEST

START_TEST(test_batch_norm_inference) {
  MlirOperation f = beginFunc("(tensor<2x4x4x8xf32>, tensor<8xf32>) -> tensor<2x4x4x8xf32>");
  MlirValue stat = arg(f, 1);
  MlirValue y = dlcBuildBatchNormInference(b, arg(f, 0), stat, stat, stat, stat, 1e-5f, 3);
  assertType(y, "tensor<2x4x4x8xf32>");
  ASSERT_BUILD_FAILS(
      mlirValueIsNull(dlcBuildBatchNormInference(b, arg(f, 0), stat, stat, stat, stat, 1e-5f, 1)),
      "scale must have type tensor<4xf32>");
  endFunc(1, &y);
}
END_TEST

/* ---- Calls and collectives ---------------------------------------------------------- */

/* A fusion's results come from its callee; inputs and results of different types go into
 * separate variadic groups. */
START_TEST(test_fusion) {
  MlirOperation fused =
      beginFuncNamed("fused_0", "(tensor<4xf32>, tensor<4xi32>) -> (tensor<4xf32>, tensor<4xi32>)");
  endFunc(2, (MlirValue[]){arg(fused, 0), arg(fused, 1)});
  MlirOperation f = beginFunc("(tensor<4xf32>, tensor<4xi32>) -> (tensor<4xf32>, tensor<4xi32>)");
  MlirValue inputs[] = {arg(f, 0), arg(f, 1)};
  MlirOperation op = dlcBuildFusion(b, dlcStr("loop"), dlcStr("fused_0"), 2, inputs);
  ck_assert(!mlirOperationIsNull(op));
  ck_assert_int_eq(mlirOperationGetNumResults(op), 2);
  assertType(mlirOperationGetResult(op, 1), "tensor<4xi32>");
  const int32_t operandSegments[16] = {1, 1}, resultSegments[] = {1, 1, 0, 0};
  assertI32Array(op, "operandSegmentSizes", 16, operandSegments);
  assertI32Array(op, "resultSegmentSizes", 4, resultSegments);
  ASSERT_BUILD_FAILS(
      mlirOperationIsNull(dlcBuildFusion(b, dlcStr("loop"), dlcStr("fused_0"), 1, inputs)),
      "has 1 operands and 2 results");
  endFunc(2, (MlirValue[]){mlirOperationGetResult(op, 0), mlirOperationGetResult(op, 1)});
}
END_TEST

START_TEST(test_custom_call) {
  MlirOperation f = beginFunc("(tensor<4xf32>) -> tensor<2xf32>");
  MlirValue x = arg(f, 0);
  MlirType result = type("tensor<2xf32>");
  MlirOperation op = dlcBuildCustomCall(b, dlcStr("my_topk"), 1, &x, 1, &result);
  ck_assert(!mlirOperationIsNull(op));
  MlirValue y = mlirOperationGetResult(op, 0);
  assertType(y, "tensor<2xf32>");
  ASSERT_BUILD_FAILS(mlirOperationIsNull(dlcBuildCustomCall(b, dlcStr("my_topk"), 1, &x, 1, NULL)),
                     "result type must be given");
  endFunc(1, &y);
}
END_TEST

START_TEST(test_collectives) {
  MlirStringRef add = f32Reducer(DlcBinaryAdd);
  MlirOperation f = beginFunc("(tensor<4x3xf32>) -> (tensor<4x3xf32>, tensor<4x6xf32>)");
  const int64_t groups[] = {0, 1, 2, 3};
  MlirValue sum = dlcBuildAllReduce(b, arg(f, 0), 2, 2, groups, add);
  assertType(sum, "tensor<4x3xf32>");
  MlirValue gathered = dlcBuildAllGather(b, arg(f, 0), 1, 2, 2, groups);
  assertType(gathered, "tensor<4x6xf32>");
  endFunc(2, (MlirValue[]){sum, gathered});
}
END_TEST

/* ---- Functions -------------------------------------------------------------------------- */

START_TEST(test_functions) {
  MlirType t = type("tensor<2xf32>");
  MlirOperation pub = dlcBuildFunc(b, module, dlcStr("main"), false, 1, &t, 1, &t);
  MlirOperation priv = dlcBuildFunc(b, module, dlcStr("helper"), true, 0, NULL, 0, NULL);
  ck_assert(mlirAttributeIsNull(mlirOperationGetAttributeByName(pub, dlcStr("sym_visibility"))));
  ck_assert(!mlirAttributeIsNull(mlirOperationGetAttributeByName(priv, dlcStr("sym_visibility"))));
  ck_assert(mlirTypeEqual(mlirValueGetType(dlcFuncGetArgument(pub, 0)), t));
  ck_assert(mlirBlockIsNull(dlcBuilderGetInsertionBlock(b)));
  ASSERT_BUILD_FAILS(
      mlirOperationIsNull(dlcBuildFunc(b, module, dlcStr("main"), false, 0, NULL, 0, NULL)),
      "cannot be named @main");
  ck_assert_int_eq(numOps(mlirModuleGetBody(module)), 2);
}
END_TEST

START_TEST(test_return_checks) {
  MlirOperation f = beginFunc("(tensor<2xf32>, tensor<3xf32>) -> tensor<2xf32>");
  MlirValue wrong = arg(f, 1);
  ASSERT_BUILD_FAILS(mlirOperationIsNull(dlcBuildReturn(b, 1, &wrong)),
                     "operand #0 has type tensor<3xf32>, but the function returns tensor<2xf32>");
  ASSERT_BUILD_FAILS(mlirOperationIsNull(dlcBuildReturn(b, 0, NULL)),
                     "has 0 operands, but the function returns 1");
  MlirValue right = arg(f, 0);
  endFunc(1, &right);
  /* Ops built after the return go before it. */
  MlirValue y = dlcBuildUnary(b, DlcUnaryNegate, right);
  ck_assert(mlirOperationEqual(mlirOperationGetNextInBlock(mlirOpResultGetOwner(y)),
                               mlirBlockGetTerminator(dlcFuncGetEntryBlock(f))));
  ASSERT_BUILD_FAILS(mlirOperationIsNull(dlcBuildReturn(b, 1, &right)), "already has a terminator");
}
END_TEST

int main(void) {
  const DlcTestCase cases[] = {
      {"core",
       {test_builder_defaults, test_no_insertion_point, test_location_on_ops_and_errors,
        test_generic_build_infers, test_generic_unknown_op, test_generic_wrong_arity,
        test_stated_result_type, test_null_operand}},
      {"elementwise",
       {test_constants, test_constant_errors, test_iota, test_every_unary_kind,
        test_every_binary_kind, test_elementwise_errors, test_compare_select_clamp_convert}},
      {"movement",
       {test_broadcast_in_dim, test_reshape_transpose_reverse, test_concatenate_segments,
        test_concatenate_too_many_types, test_slice_and_pad, test_dynamic_slices, test_gather,
        test_relayout}},
      {"contraction",
       {test_dot_general_batch_dims, test_matmul, test_dot_general_wider_result,
        test_convolution_nhwc}},
      {"reduction",
       {test_scalar_reducer, test_reduce, test_reduce_window, test_batch_norm_inference}},
      {"call", {test_fusion, test_custom_call, test_collectives}},
      {"functions", {test_functions, test_return_checks}},
  };
  return dlcRunTestCases("builder", cases, sizeof cases / sizeof cases[0], setup, teardown);
}
