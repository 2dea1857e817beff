/* A downstream program: creates a dlc context, parses a dhlo function, runs dlc's default
 * pipeline on it and prints the result. Exits non-zero on any failure. */
#include <dlc/Dialects.h>
#include <dlc/Passes.h>

#include <stdio.h>

static void print(MlirStringRef s, void *userData) {
  fwrite(s.data, 1, s.length, (FILE *)userData);
}

int main(void) {
  static const char source[] =
      "func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {\n"
      "  %0 = \"dhlo.negate\"(%x) : (tensor<4xf32>) -> tensor<4xf32>\n"
      "  %1 = \"dhlo.negate\"(%0) : (tensor<4xf32>) -> tensor<4xf32>\n"
      "  return %1 : tensor<4xf32>\n"
      "}\n";
  MlirContext ctx = dlcContextCreate();
  if (mlirContextIsNull(ctx))
    return 1;
  MlirModule module = mlirModuleCreateParse(ctx, dlcStr(source));
  int status = 1;
  if (!mlirModuleIsNull(module) &&
      mlirLogicalResultIsSuccess(dlcRunPassPipeline(mlirModuleGetOperation(module),
                                                    dlcStr("builtin.module(dhlo-optimize)"),
                                                    print, stderr))) {
    mlirOperationPrint(mlirModuleGetOperation(module), print, stdout);
    printf("\n");
    status = 0;
  }
  if (!mlirModuleIsNull(module))
    mlirModuleDestroy(module);
  mlirContextDestroy(ctx);
  return status;
}
