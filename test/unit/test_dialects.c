/* test_dialects.c: dlc/Dialects.h: context creation and dialect loading, dlcVerify on good
 * and bad IR, and the #dtensor.layout attribute functions. */
#include "dlc/Dialects.h"
#include "mlir-c/Diagnostics.h"

#include "UnitTest.h"
#include <string.h>

static MlirContext ctx;
static char firstError[1024];

static void append(MlirStringRef s, void *userData) {
  size_t used = strlen(firstError), room = sizeof firstError - 1 - used;
  size_t n = s.length < room ? s.length : room;
  memcpy(firstError + used, s.data, n);
  firstError[used + n] = '\0';
}

static MlirLogicalResult captureError(MlirDiagnostic diag, void *userData) {
  if (mlirDiagnosticGetSeverity(diag) == MlirDiagnosticError && !firstError[0])
    mlirDiagnosticPrint(diag, append, NULL);
  return mlirLogicalResultSuccess();
}

static void setup(void) {
  ctx = dlcContextCreate();
  ck_assert(!mlirContextIsNull(ctx));
  mlirContextAttachDiagnosticHandler(ctx, captureError, NULL, NULL);
  firstError[0] = '\0';
}

static void teardown(void) { mlirContextDestroy(ctx); }

/* Parses `ir`, runs dlcVerify and returns its result; the module is destroyed. */
static bool verifies(const char *ir) {
  MlirOperation module = mlirOperationCreateParse(ctx, dlcStr(ir), dlcStr("test.mlir"));
  ck_assert_msg(!mlirOperationIsNull(module), "does not parse: %s", firstError);
  bool ok = mlirLogicalResultIsSuccess(dlcVerify(module));
  mlirOperationDestroy(module);
  return ok;
}

/* ---- Contexts and loading ----------------------------------------------------------- */

START_TEST(test_context_has_dialects) {
  ck_assert(!mlirDialectIsNull(mlirContextGetOrLoadDialect(ctx, dlcStr("dhlo"))));
  ck_assert(!mlirDialectIsNull(mlirContextGetOrLoadDialect(ctx, dlcStr("dtensor"))));
}
END_TEST

START_TEST(test_load_is_idempotent) {
  ck_assert(mlirLogicalResultIsSuccess(dlcLoadDialects(ctx)));
  ck_assert(mlirLogicalResultIsSuccess(dlcLoadDialects(ctx)));
  MlirContext plain = mlirContextCreate();
  ck_assert(mlirLogicalResultIsSuccess(dlcLoadDialects(plain)));
  ck_assert(mlirLogicalResultIsSuccess(dlcLoadDialects(plain)));
  ck_assert(!mlirDialectIsNull(mlirContextGetOrLoadDialect(plain, dlcStr("dhlo"))));
  mlirContextDestroy(plain);
}
END_TEST

/* ---- dlcVerify ---------------------------------------------------------------------- */

START_TEST(test_verify_good_ir) {
  ck_assert(verifies(
      "func.func @f(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {\n"
      "  %0 = \"dhlo.add\"(%a, %a) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>\n"
      "  return %0 : tensor<2x3xf32>\n"
      "}\n"));
  ck_assert_str_eq(firstError, "");
}
END_TEST

START_TEST(test_verify_wrong_result_type) {
  ck_assert(!verifies(
      "func.func @f(%a: tensor<2x3xf32>) -> tensor<3x2xf32> {\n"
      "  %0 = \"dhlo.add\"(%a, %a) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<3x2xf32>\n"
      "  return %0 : tensor<3x2xf32>\n"
      "}\n"));
  ck_assert_ptr_nonnull(strstr(firstError, "result #0 has type tensor<3x2xf32>"));
}
END_TEST

/* IRDL's checks run when the IR is parsed; dlcVerify adds the rules, such as this one. */
START_TEST(test_verify_bad_permutation) {
  ck_assert(!verifies("func.func @f(%a: tensor<2x3xf32>) -> tensor<2x2xf32> {\n"
                      "  %0 = \"dhlo.transpose\"(%a) {permutation = array<i64: 0, 0>}\n"
                      "      : (tensor<2x3xf32>) -> tensor<2x2xf32>\n"
                      "  return %0 : tensor<2x2xf32>\n"
                      "}\n"));
  ck_assert_ptr_nonnull(strstr(firstError, "permutation: dimension 0 appears twice"));
}
END_TEST

START_TEST(test_is_dlc_op) {
  MlirOperation module = mlirOperationCreateParse(
      ctx,
      dlcStr("module {\n"
             "  %0 = \"dhlo.constant\"() {value = dense<1.0> : tensor<f32>} : () -> tensor<f32>\n"
             "}\n"),
      dlcStr("test.mlir"));
  MlirOperation constant =
      mlirBlockGetFirstOperation(mlirRegionGetFirstBlock(mlirOperationGetRegion(module, 0)));
  ck_assert(dlcIsDlcOp(constant));
  ck_assert(!dlcIsDlcOp(module));
  mlirOperationDestroy(module);
}
END_TEST

/* ---- Layouts ------------------------------------------------------------------------ */

START_TEST(test_layout_valid) {
  const int64_t perm[] = {1, 0};
  MlirAttribute layout = dlcLayoutAttrGet(ctx, 2, perm);
  ck_assert(!mlirAttributeIsNull(layout));
  ck_assert(dlcAttributeIsALayout(layout));
  ck_assert(
      mlirAttributeEqual(layout, mlirAttributeParseGet(ctx, dlcStr("#dtensor.layout<[1, 0]>"))));
}
END_TEST

START_TEST(test_layout_invalid_permutations) {
  const int64_t repeated[] = {0, 0}, outOfRange[] = {0, 2}, negative[] = {-1, 0};
  ck_assert(mlirAttributeIsNull(dlcLayoutAttrGet(ctx, 2, repeated)));
  ck_assert(mlirAttributeIsNull(dlcLayoutAttrGet(ctx, 2, outOfRange)));
  ck_assert(mlirAttributeIsNull(dlcLayoutAttrGet(ctx, 2, negative)));
  ck_assert(mlirAttributeIsNull(dlcLayoutAttrGet(ctx, -1, repeated)));
  ck_assert(mlirAttributeIsNull(dlcLayoutAttrGet(ctx, DLC_MAX_RANK + 1, repeated)));
}
END_TEST

START_TEST(test_layout_round_trip) {
  const int64_t perm[] = {2, 0, 3, 1};
  int64_t out[DLC_MAX_RANK];
  MlirAttribute layout = dlcLayoutAttrGet(ctx, 4, perm);
  ck_assert_int_eq(dlcLayoutAttrGetMinorToMajor(layout, out, DLC_MAX_RANK), 4);
  ck_assert_mem_eq(out, perm, sizeof perm);
  ck_assert_int_eq(dlcLayoutAttrGetMinorToMajor(dlcLayoutAttrGet(ctx, 0, perm), out, 4), 0);
}
END_TEST

START_TEST(test_layout_read_errors) {
  const int64_t perm[] = {2, 0, 3, 1};
  int64_t out[4];
  ck_assert_int_eq(dlcLayoutAttrGetMinorToMajor(dlcLayoutAttrGet(ctx, 4, perm), out, 3), -1);
  MlirAttribute notLayout = mlirAttributeParseGet(ctx, dlcStr("[1, 0]"));
  ck_assert(!dlcAttributeIsALayout(notLayout));
  ck_assert_int_eq(dlcLayoutAttrGetMinorToMajor(notLayout, out, 4), -1);
  ck_assert(!dlcAttributeIsALayout((MlirAttribute){NULL}));
}
END_TEST

int main(void) {
  const DlcTestCase cases[] = {
      {"context", {test_context_has_dialects, test_load_is_idempotent}},
      {"verify",
       {test_verify_good_ir, test_verify_wrong_result_type, test_verify_bad_permutation,
        test_is_dlc_op}},
      {"layout",
       {test_layout_valid, test_layout_invalid_permutations, test_layout_round_trip,
        test_layout_read_errors}},
  };
  return dlcRunTestCases("dialects", cases, sizeof cases / sizeof cases[0], setup, teardown);
}
