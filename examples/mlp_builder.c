/* mlp_builder: builds a two-layer MLP (batch 8, 256 -> 512 -> 128, f32) with dlc's C API
 * builder, verifies it with dlcVerify and prints it. It is the smallest complete frontend:
 * every op comes from one builder call, whose result type the builder infers. */
#include "dlc/Builder.h"
#include "dlc/Dialects.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"

#include <stdio.h>

enum { BATCH = 8, IN = 256, HIDDEN = 512, OUT = 128 };

static void printTo(MlirStringRef s, void *stream) { fwrite(s.data, 1, s.length, stream); }

static MlirLogicalResult printDiagnostic(MlirDiagnostic diag, void *userData) {
  mlirLocationPrint(mlirDiagnosticGetLocation(diag), printTo, stderr);
  fputs(": error: ", stderr);
  mlirDiagnosticPrint(diag, printTo, stderr);
  fputc('\n', stderr);
  return mlirLogicalResultSuccess();
}

static MlirType tensorF32(MlirContext ctx, intptr_t rank, const int64_t *shape) {
  return mlirRankedTensorTypeGet(rank, shape, mlirF32TypeGet(ctx), mlirAttributeGetNull());
}

/* x @ w + bias, then relu (max with 0) if asked. Each op gets its own "source line", as a
 * frontend's locations would; a null value means a build failed and was reported. */
static MlirValue denseLayer(DlcBuilder b, MlirValue x, MlirValue w, MlirValue bias, int64_t width,
                            int line, bool relu) {
  MlirContext ctx = dlcBuilderGetContext(b);
  dlcBuilderSetLocation(b, mlirLocationFileLineColGet(ctx, dlcStr("mlp.py"), line, 1));
  static const int64_t lhsContracting[] = {1}, rhsContracting[] = {0};
  DlcDotDimensionNumbers dims = {.numContractingDims = 1,
                                 .lhsContractingDims = lhsContracting,
                                 .rhsContractingDims = rhsContracting};
  MlirValue product = dlcBuildDotGeneral(b, x, w, &dims, (MlirType){NULL}, (MlirType){NULL});
  const int64_t shape[] = {BATCH, width}, featureDim[] = {1};
  MlirValue broadcast = dlcBuildBroadcastInDim(b, bias, 2, shape, 1, featureDim);
  MlirValue sum = dlcBuildBinary(b, DlcBinaryAdd, product, broadcast);
  if (!relu || mlirValueIsNull(sum))
    return sum;
  MlirValue zero = dlcBuildConstantSplatF32(b, tensorF32(ctx, 2, shape), 0.0f);
  return dlcBuildBinary(b, DlcBinaryMaximum, sum, zero);
}

/* func @mlp(x, w1, b1, w2, b2) -> logits, in `module`. */
static MlirLogicalResult buildMlp(DlcBuilder b, MlirModule module) {
  MlirContext ctx = dlcBuilderGetContext(b);
  const int64_t x[] = {BATCH, IN}, w1[] = {IN, HIDDEN}, b1[] = {HIDDEN}, w2[] = {HIDDEN, OUT},
                b2[] = {OUT}, logits[] = {BATCH, OUT};
  MlirType args[] = {tensorF32(ctx, 2, x), tensorF32(ctx, 2, w1), tensorF32(ctx, 1, b1),
                     tensorF32(ctx, 2, w2), tensorF32(ctx, 1, b2)};
  MlirType result = tensorF32(ctx, 2, logits);
  MlirOperation mlp = dlcBuildFunc(b, module, dlcStr("mlp"), false, 5, args, 1, &result);
  if (mlirOperationIsNull(mlp))
    return mlirLogicalResultFailure();
  dlcBuilderSetInsertionPointToEnd(b, dlcFuncGetEntryBlock(mlp));
  MlirValue hidden = denseLayer(b, dlcFuncGetArgument(mlp, 0), dlcFuncGetArgument(mlp, 1),
                                dlcFuncGetArgument(mlp, 2), HIDDEN, 1, true);
  MlirValue out =
      denseLayer(b, hidden, dlcFuncGetArgument(mlp, 3), dlcFuncGetArgument(mlp, 4), OUT, 2, false);
  if (mlirValueIsNull(out) || mlirOperationIsNull(dlcBuildReturn(b, 1, &out)))
    return mlirLogicalResultFailure();
  return dlcVerify(mlirModuleGetOperation(module));
}

int main(void) {
  MlirContext ctx = dlcContextCreate();
  if (mlirContextIsNull(ctx)) {
    fputs("mlp_builder: cannot load the dlc dialects\n", stderr);
    return 1;
  }
  mlirContextAttachDiagnosticHandler(ctx, printDiagnostic, NULL, NULL);
  MlirModule module = mlirModuleCreateEmpty(mlirLocationUnknownGet(ctx));
  DlcBuilder b = dlcBuilderCreate(ctx);
  MlirLogicalResult built = buildMlp(b, module);
  if (mlirLogicalResultIsSuccess(built)) {
    mlirOperationPrint(mlirModuleGetOperation(module), printTo, stdout);
    fputc('\n', stdout);
  }
  dlcBuilderDestroy(b);
  mlirModuleDestroy(module);
  mlirContextDestroy(ctx);
  return mlirLogicalResultIsSuccess(built) ? 0 : 1;
}
