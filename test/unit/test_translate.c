/* test_translate.c: the translation API of dlc/Translate.h: target machines and their
 * errors, LLVM IR text and object files from a module in the LLVM dialect, and C headers
 * from a function type built in C. Every Create is paired with its Destroy. */
#include "UnitTest.h"

#include "dlc/Dialects.h"
#include "dlc/Translate.h"

#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"

static MlirContext ctx;
static MlirDiagnosticHandlerID handler;
static DlcTestText diagnostics, errors, output;

static MlirLogicalResult collectDiagnostic(MlirDiagnostic d, void *userData) {
  mlirDiagnosticPrint(d, dlcTestCollect, userData);
  dlcTestCollect(dlcStr("\n"), userData);
  return mlirLogicalResultSuccess();
}

static void setup(void) {
  ctx = dlcContextCreate();
  ck_assert_ptr_nonnull(ctx.ptr);
  handler = mlirContextAttachDiagnosticHandler(ctx, collectDiagnostic, &diagnostics, NULL);
  memset(&diagnostics, 0, sizeof diagnostics);
  memset(&errors, 0, sizeof errors);
  memset(&output, 0, sizeof output);
}

static void teardown(void) {
  mlirContextDetachDiagnosticHandler(ctx, handler);
  mlirContextDestroy(ctx);
}

static const char squareLLVM[] = "llvm.func @square(%a: f32) -> f32 {\n"
                                 "  %0 = llvm.fmul %a, %a : f32\n"
                                 "  llvm.return %0 : f32\n"
                                 "}\n";

static MlirModule parse(const char *text) {
  MlirModule module = mlirModuleCreateParse(ctx, dlcStr(text));
  ck_assert(!mlirModuleIsNull(module));
  return module;
}

static DlcTargetMachine createFor(const char *triple, int optLevel) {
  DlcTargetOptions options = dlcTargetOptionsGetDefault();
  if (triple)
    options.triple = dlcStr(triple);
  options.optLevel = optLevel;
  return dlcTargetMachineCreate(&options, dlcTestCollect, &errors);
}

START_TEST(host_target_machine) {
  DlcTargetOptions defaults = dlcTargetOptionsGetDefault();
  ck_assert_int_eq(defaults.optLevel, 2);
  ck_assert_uint_eq(defaults.triple.length, 0);
  DlcTargetMachine tm = dlcTargetMachineCreate(&defaults, dlcTestCollect, &errors);
  ck_assert(!dlcTargetMachineIsNull(tm));
  ck_assert_uint_gt(dlcTargetMachineGetTriple(tm).length, 0);
  /* The host's CPU by name (LLVM's "generic" when it does not know this one). */
  ck_assert_uint_gt(dlcTargetMachineGetCPU(tm).length, 0);
  dlcTargetMachineDestroy(tm);
  ck_assert_str_eq(errors.text, "");
}
END_TEST

START_TEST(other_triple_is_generic) {
  DlcTargetMachine tm = createFor("aarch64-unknown-linux-gnu", 2);
  ck_assert(!dlcTargetMachineIsNull(tm));
  ck_assert(mlirStringRefEqual(dlcTargetMachineGetTriple(tm), dlcStr("aarch64-unknown-linux-gnu")));
  ck_assert_uint_eq(dlcTargetMachineGetCPU(tm).length, 0);
  ck_assert_uint_eq(dlcTargetMachineGetFeatures(tm).length, 0);
  dlcTargetMachineDestroy(tm);
}
END_TEST

START_TEST(target_machine_errors) {
  ck_assert(dlcTargetMachineIsNull(createFor("nope", 2)));
  ck_assert_ptr_nonnull(strstr(errors.text, "unknown target triple 'nope': No available targets"));
  memset(&errors, 0, sizeof errors);
  ck_assert(dlcTargetMachineIsNull(createFor(NULL, 4)));
  ck_assert_str_eq(errors.text, "optimization level must be 0 to 3");
  dlcTargetMachineDestroy((DlcTargetMachine){NULL});
}
END_TEST

START_TEST(llvmir_plain_and_targeted) {
  MlirModule module = parse(squareLLVM);
  MlirOperation op = mlirModuleGetOperation(module);
  ck_assert(mlirLogicalResultIsSuccess(
      dlcTranslateToLLVMIR(op, (DlcTargetMachine){NULL}, dlcTestCollect, &output)));
  ck_assert_ptr_nonnull(strstr(output.text, "define float @square(float %0)"));
  ck_assert_ptr_nonnull(strstr(output.text, "fmul float %0, %0"));
  ck_assert_ptr_null(strstr(output.text, "target triple"));

  memset(&output, 0, sizeof output);
  DlcTargetMachine tm = createFor("x86_64-unknown-linux-gnu", 2);
  ck_assert(mlirLogicalResultIsSuccess(dlcTranslateToLLVMIR(op, tm, dlcTestCollect, &output)));
  ck_assert_ptr_nonnull(strstr(output.text, "target triple = \"x86_64-unknown-linux-gnu\""));
  ck_assert_ptr_nonnull(strstr(output.text, "target datalayout"));
  dlcTargetMachineDestroy(tm);
  mlirModuleDestroy(module);
}
END_TEST

START_TEST(object_file_bytes) {
  MlirModule module = parse(squareLLVM);
  DlcTargetMachine tm = createFor("x86_64-unknown-linux-gnu", 2);
  ck_assert(mlirLogicalResultIsSuccess(
      dlcTranslateToObject(mlirModuleGetOperation(module), tm, dlcTestCollect, &output)));
  ck_assert_uint_gt(output.used, 64);
  ck_assert_mem_eq(output.text,
                   "\x7f"
                   "ELF",
                   4);
  dlcTargetMachineDestroy(tm);
  mlirModuleDestroy(module);
}
END_TEST

START_TEST(translation_errors_are_diagnostics) {
  /* Not in the LLVM dialect: MLIR's translation says which op, at its location. */
  MlirModule module = parse("func.func @f() {\n  return\n}\n");
  MlirOperation op = mlirModuleGetOperation(module);
  ck_assert(mlirLogicalResultIsFailure(
      dlcTranslateToLLVMIR(op, (DlcTargetMachine){NULL}, dlcTestCollect, &output)));
  ck_assert_ptr_nonnull(strstr(diagnostics.text, "cannot be converted to LLVM IR"));
  ck_assert_uint_eq(output.used, 0);
  /* An object file needs a target machine. */
  memset(&diagnostics, 0, sizeof diagnostics);
  ck_assert(mlirLogicalResultIsFailure(
      dlcTranslateToObject(op, (DlcTargetMachine){NULL}, dlcTestCollect, &output)));
  ck_assert_ptr_nonnull(strstr(diagnostics.text, "an object file needs a target machine"));
  mlirModuleDestroy(module);
}
END_TEST

/* (tensor<2x3xf32>, tensor<i8>) -> tensor<3xf64> */
static MlirType sampleSignature(void) {
  int64_t dims[] = {2, 3};
  MlirAttribute none = {NULL};
  MlirType inputs[] = {mlirRankedTensorTypeGet(2, dims, mlirF32TypeGet(ctx), none),
                       mlirRankedTensorTypeGet(0, NULL, mlirIntegerTypeGet(ctx, 8), none)};
  MlirType result = mlirRankedTensorTypeGet(1, &dims[1], mlirF64TypeGet(ctx), none);
  return mlirFunctionTypeGet(ctx, 2, inputs, 1, &result);
}

START_TEST(header_from_signature) {
  ck_assert(mlirLogicalResultIsSuccess(dlcEmitCHeaderForSignature(
      sampleSignature(), dlcStr("k"), mlirLocationUnknownGet(ctx), dlcTestCollect, &output)));
  ck_assert_ptr_nonnull(strstr(output.text, "#ifndef DLC_ENTRY_K_H"));
  ck_assert_ptr_nonnull(strstr(output.text, "void _mlir_ciface_k(DlcMemRef1 *result,\n"
                                            "    DlcMemRef2 *in0,\n"
                                            "    DlcMemRef0 *in1);"));
  ck_assert_ptr_nonnull(strstr(output.text, "static inline int k_run(float *in0,\n"
                                            "    int8_t *in1,\n"
                                            "    double *out0) {"));
  ck_assert_str_eq(diagnostics.text, "");
}
END_TEST

START_TEST(header_errors) {
  MlirLocation loc = mlirLocationUnknownGet(ctx);
  ck_assert(mlirLogicalResultIsFailure(dlcEmitCHeaderForSignature(
      sampleSignature(), dlcStr("two words"), loc, dlcTestCollect, &output)));
  ck_assert_ptr_nonnull(strstr(diagnostics.text, "entry name 'two words' is not a C identifier"));
  ck_assert(mlirLogicalResultIsFailure(
      dlcEmitCHeaderForSignature(mlirF32TypeGet(ctx), dlcStr("k"), loc, dlcTestCollect, &output)));
  ck_assert_ptr_nonnull(strstr(diagnostics.text, "the entry's type is not a function type"));
  ck_assert_uint_eq(output.used, 0);
}
END_TEST

int main(void) {
  const DlcTestCase cases[] = {
      {"target_machine", {host_target_machine, other_triple_is_generic, target_machine_errors}},
      {"translate",
       {llvmir_plain_and_targeted, object_file_bytes, translation_errors_are_diagnostics}},
      {"header", {header_from_signature, header_errors}},
  };
  return dlcRunTestCases("translate", cases, sizeof cases / sizeof cases[0], setup, teardown);
}
