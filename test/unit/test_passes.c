/* test_passes.c: unit tests of dlc's pass registry and pipeline parser (dlc/Passes.h). */
#include "dlc/Dialects.h"
#include "dlc/Passes.h"

#include "mlir-c/Diagnostics.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Collects callback output into a fixed buffer. */
typedef struct {
  char text[4096];
  size_t used;
} Sink;

static void collect(MlirStringRef s, void *userData) {
  Sink *sink = userData;
  size_t room = sizeof sink->text - 1 - sink->used;
  size_t n = s.length < room ? s.length : room;
  memcpy(sink->text + sink->used, s.data, n);
  sink->used += n;
  sink->text[sink->used] = '\0';
}

static MlirLogicalResult swallowDiagnostic(MlirDiagnostic d, void *userData) {
  mlirDiagnosticPrint(d, collect, userData);
  return mlirLogicalResultSuccess();
}

static MlirContext ctx;
static MlirPassManager pm;
static Sink errors;

static void setup(void) {
  ctx = dlcContextCreate();
  ck_assert_ptr_nonnull(ctx.ptr);
  pm = mlirPassManagerCreateOnOperation(ctx, dlcStr("builtin.module"));
  memset(&errors, 0, sizeof errors);
}

static void teardown(void) {
  mlirPassManagerDestroy(pm);
  mlirContextDestroy(ctx);
}

static MlirLogicalResult parse(const char *pipeline) {
  return dlcParsePassPipeline(mlirPassManagerGetAsOpPassManager(pm), dlcStr(pipeline), collect,
                              &errors);
}

static Sink printed(void) {
  Sink sink = {{0}, 0};
  mlirPrintPassPipeline(mlirPassManagerGetAsOpPassManager(pm), collect, &sink);
  return sink;
}

START_TEST(registry_lists_passes) {
  ck_assert_int_ge(dlcGetNumPasses(), 2);
  ck_assert_ptr_nonnull(dlcLookupPass(dlcStr("dhlo-verify")));
  ck_assert_ptr_nonnull(dlcLookupPass(dlcStr("dhlo-canonicalize")));
  ck_assert_ptr_null(dlcLookupPass(dlcStr("no-such-pass")));
  ck_assert_ptr_null(dlcGetPass(-1));
  ck_assert_ptr_null(dlcGetPass(dlcGetNumPasses()));
  for (intptr_t i = 0; i < dlcGetNumPasses(); ++i)
    ck_assert_ptr_eq(dlcLookupPass(dlcStr(dlcGetPass(i)->argument)), dlcGetPass(i));
}
END_TEST

START_TEST(help_names_every_pass_and_option) {
  Sink help = {{0}, 0};
  dlcPrintPassHelp(collect, &help);
  ck_assert_ptr_nonnull(strstr(help.text, "--dhlo-canonicalize"));
  ck_assert_ptr_nonnull(strstr(help.text, "max-iterations=<int> (default 10)"));
  ck_assert_ptr_nonnull(strstr(help.text, "--dhlo-verify"));
}
END_TEST

START_TEST(create_pass_with_options) {
  MlirPass pass = dlcCreatePass(dlcStr("dhlo-canonicalize"), dlcStr("max-iterations=3"), collect,
                                &errors);
  ck_assert_ptr_nonnull(pass.ptr);
  mlirPassManagerAddOwnedPass(pm, pass);
  ck_assert_str_eq(errors.text, "");
}
END_TEST

START_TEST(create_pass_rejects_bad_options) {
  ck_assert_ptr_null(dlcCreatePass(dlcStr("dhlo-canonicalize"), dlcStr("max-iterations=ten"),
                                   collect, &errors).ptr);
  ck_assert_ptr_nonnull(strstr(errors.text, "invalid int value 'ten' for option 'max-iterations'"));
  memset(&errors, 0, sizeof errors);
  ck_assert_ptr_null(dlcCreatePass(dlcStr("dhlo-canonicalize"), dlcStr("bogus=1"), collect,
                                   &errors).ptr);
  ck_assert_ptr_nonnull(strstr(errors.text, "has no option 'bogus'"));
  memset(&errors, 0, sizeof errors);
  ck_assert_ptr_null(dlcCreatePass(dlcStr("dhlo-canonicalize"), dlcStr("max-iterations"), collect,
                                   &errors).ptr);
  ck_assert_ptr_nonnull(strstr(errors.text, "needs a value"));
}
END_TEST

START_TEST(pipeline_nests_and_mixes_upstream) {
  ck_assert(mlirLogicalResultIsSuccess(
      parse("builtin.module(func.func(dhlo-canonicalize{max-iterations=2}, cse), "
            "canonicalize{max-iterations=1}, dhlo-verify)")));
  Sink text = printed();
  ck_assert_ptr_nonnull(strstr(text.text, "func.func(dhlo-canonicalize"));
  ck_assert_ptr_nonnull(strstr(text.text, "cse"));
  ck_assert_ptr_nonnull(strstr(text.text, "dhlo-verify"));
}
END_TEST

START_TEST(pipeline_bare_list_and_empty) {
  ck_assert(mlirLogicalResultIsSuccess(parse("")));
  ck_assert(mlirLogicalResultIsSuccess(parse("cse,dhlo-verify")));
  ck_assert(mlirLogicalResultIsSuccess(parse("builtin.module()")));
}
END_TEST

START_TEST(named_pipeline_expands_in_place) {
  ck_assert_ptr_nonnull(dlcLookupNamedPipeline(dlcStr("dhlo-optimize")));
  ck_assert(mlirLogicalResultIsSuccess(parse("builtin.module(dhlo-optimize)")));
  Sink text = printed();
  ck_assert_ptr_nonnull(strstr(text.text, "func.func(dhlo-canonicalize"));
  ck_assert_ptr_nonnull(strstr(text.text, "dhlo-dce"));
}
END_TEST

START_TEST(named_pipeline_checks_its_options) {
  ck_assert(mlirLogicalResultIsSuccess(parse("builtin.module(dhlo-optimize{max-fusion-ops=4})")));
  ck_assert(mlirLogicalResultIsFailure(parse("builtin.module(dhlo-optimize{x=1})")));
  ck_assert_ptr_nonnull(strstr(errors.text, "pipeline 'dhlo-optimize' has no option 'x'"));
  ck_assert(mlirLogicalResultIsFailure(parse("dhlo-optimize{max-fusion-ops=many}")));
  ck_assert_ptr_nonnull(strstr(
      errors.text, "pipeline 'dhlo-optimize': invalid int value 'many' for option 'max-fusion-ops'"));
}
END_TEST

/* Every `${option}` in a named pipeline's text names one of its options: with the defaults
 * substituted, each pipeline parses. */
START_TEST(named_pipelines_parse_with_defaults) {
  for (intptr_t i = 0; i < dlcGetNumNamedPipelines(); ++i) {
    const DlcNamedPipeline *named = dlcGetNamedPipeline(i);
    char text[256];
    snprintf(text, sizeof text, "builtin.module(%s)", named->name);
    ck_assert_msg(mlirLogicalResultIsSuccess(parse(text)), "%s: %s", named->name, errors.text);
  }
}
END_TEST

/* Each malformed pipeline fails with a message that locates the problem. */
static const struct {
  const char *pipeline, *message;
} badPipelines[] = {
    {"builtin.module(no-such-pass)", "pipeline:1:16: error:"},
    {"builtin.module(dhlo-canonicalize{bogus=1})", "has no option 'bogus'"},
    {"builtin.module(dhlo-canonicalize{max-iterations=1}", "expected ')'"},
    {"builtin.module(dhlo-canonicalize{max-iterations=1)", "unbalanced '{'"},
    {"builtin.module(cse,)", "expected a pass or op name"},
    {"builtin.module(cse) junk", "unexpected 'j'"},
    {"builtin.module(canonicalize{bogus-option=1})", "pipeline:1:16: error:"},
    {"(cse)", "expected a pass or op name, found '('"},
};

START_TEST(pipeline_errors_are_located) {
  ck_assert(mlirLogicalResultIsFailure(parse(badPipelines[_i].pipeline)));
  ck_assert_msg(strstr(errors.text, badPipelines[_i].message), "'%s': got '%s'",
                badPipelines[_i].pipeline, errors.text);
}
END_TEST

static const char negateTwice[] =
    "func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {\n"
    "  %0 = \"dhlo.negate\"(%x) : (tensor<4xf32>) -> tensor<4xf32>\n"
    "  %1 = \"dhlo.negate\"(%0) : (tensor<4xf32>) -> tensor<4xf32>\n"
    "  return %1 : tensor<4xf32>\n"
    "}\n";

START_TEST(run_pipeline_rewrites_and_verifies) {
  MlirModule module = mlirModuleCreateParse(ctx, dlcStr(negateTwice));
  ck_assert(!mlirModuleIsNull(module));
  MlirOperation op = mlirModuleGetOperation(module);
  ck_assert(mlirLogicalResultIsSuccess(dlcRunPassPipeline(
      op, dlcStr("builtin.module(func.func(dhlo-canonicalize))"), collect, &errors)));
  Sink text = {{0}, 0};
  mlirOperationPrint(op, collect, &text);
  ck_assert_ptr_null(strstr(text.text, "dhlo.negate"));
  ck_assert_ptr_nonnull(strstr(text.text, "return %arg0"));
  mlirModuleDestroy(module);
}
END_TEST

START_TEST(run_pipeline_reports_verifier_failure) {
  static const char bad[] =
      "func.func @f(%x: tensor<4xf32>, %y: tensor<5xf32>) -> tensor<4xf32> {\n"
      "  %0 = \"dhlo.add\"(%x, %y) : (tensor<4xf32>, tensor<5xf32>) -> tensor<4xf32>\n"
      "  return %0 : tensor<4xf32>\n"
      "}\n";
  Sink diags = {{0}, 0};
  MlirDiagnosticHandlerID id = mlirContextAttachDiagnosticHandler(ctx, swallowDiagnostic, &diags, NULL);
  MlirModule module = mlirModuleCreateParse(ctx, dlcStr(bad));
  ck_assert(!mlirModuleIsNull(module));
  ck_assert(mlirLogicalResultIsFailure(dlcRunPassPipeline(
      mlirModuleGetOperation(module), dlcStr("builtin.module(dhlo-verify)"), collect, &errors)));
  ck_assert_ptr_nonnull(strstr(diags.text, "operand types differ"));
  mlirModuleDestroy(module);
  mlirContextDetachDiagnosticHandler(ctx, id);
}
END_TEST

int main(void) {
  Suite *s = suite_create("passes");
  TCase *tc = tcase_create("registry");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, registry_lists_passes);
  tcase_add_test(tc, help_names_every_pass_and_option);
  tcase_add_test(tc, create_pass_with_options);
  tcase_add_test(tc, create_pass_rejects_bad_options);
  tcase_add_test(tc, pipeline_nests_and_mixes_upstream);
  tcase_add_test(tc, pipeline_bare_list_and_empty);
  tcase_add_test(tc, named_pipeline_expands_in_place);
  tcase_add_test(tc, named_pipeline_checks_its_options);
  tcase_add_test(tc, named_pipelines_parse_with_defaults);
  tcase_add_loop_test(tc, pipeline_errors_are_located, 0,
                      sizeof badPipelines / sizeof badPipelines[0]);
  tcase_add_test(tc, run_pipeline_rewrites_and_verifies);
  tcase_add_test(tc, run_pipeline_reports_verifier_failure);
  suite_add_tcase(s, tc);
  SRunner *runner = srunner_create(s);
  srunner_run_all(runner, CK_NORMAL);
  int failed = srunner_ntests_failed(runner);
  srunner_free(runner);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
