/* GpuFuseElementwise.c: `dlc-gpu-fuse-elementwise`, dlc-lower-to-gpu's step from named linalg
 * ops on tensors to fused generics, in the order its dot backend needs. For `codegen`,
 * named ops are generalized first, so that elementwise producers of a contraction fuse
 * into its kernel (dlc-gpu-tile-matmul inlines the body). For `library`, elementwise ops
 * fuse first, while contractions are still named ops that upstream fusion leaves alone:
 * each contraction stays a plain multiply-add that cuBLASLt can compute, and the
 * elementwise ops after it one epilogue generic (dlc-gpu-library-dot). Upstream's passes
 * do the work, run here because a pipeline's text cannot choose between orders.
 * For `library`, convolutions become image-to-columns copies and contractions between
 * fusion and generalization (GpuLibraryConv.c). */
#include "Conversion/Gpu.h"
#include "Transforms/PassRegistry.h"

#include "mlir-c/Dialect/Linalg.h"
#include "mlir-c/Dialect/Tensor.h"
#include "mlir-c/Dialect/Transform.h"

static void runFuseElementwise(MlirOperation module, MlirExternalPass pass,
                               const DlcPassOptionValue *options) {
  bool library;
  if (!dlcReadDotBackend(module, pass, "dlc-gpu-fuse-elementwise", options[0].s, &library))
    return;
  MlirContext ctx = mlirOperationGetContext(module);
  MlirPassManager first = mlirPassManagerCreateOnOperation(ctx, dlcStr("builtin.module"));
  MlirPassManager second = mlirPassManagerCreateOnOperation(ctx, dlcStr("builtin.module"));
  MlirPass generalize = mlirCreateLinalgLinalgGeneralizeNamedOpsPass();
  MlirPass fuse = mlirCreateLinalgLinalgElementwiseOpFusionPass();
  mlirPassManagerAddOwnedPass(first, library ? fuse : generalize);
  mlirPassManagerAddOwnedPass(second, library ? generalize : fuse);
  bool ok = mlirLogicalResultIsSuccess(mlirPassManagerRunOnOp(first, module)) &&
            (!library || mlirLogicalResultIsSuccess(dlcGpuConvolutionsToColumns(module))) &&
            mlirLogicalResultIsSuccess(mlirPassManagerRunOnOp(second, module));
  mlirPassManagerDestroy(first);
  mlirPassManagerDestroy(second);
  dlcPassCheck(pass, ok ? mlirLogicalResultSuccess() : mlirLogicalResultFailure());
}

static const DlcPassOptionInfo fuseElementwiseOptions[] = {
    {"dot-backend", DlcPassOptionString, "codegen",
     "codegen (producers fuse into contractions) or library (contractions stay plain)"},
};

static MlirDialectHandle (*const createdDialects[])(void) = {
    mlirGetDialectHandle__linalg__, mlirGetDialectHandle__tensor__,
    mlirGetDialectHandle__transform__, NULL};

const DlcPassDef dlcGpuFuseElementwisePass = {
    .info = {.argument = "dlc-gpu-fuse-elementwise",
             .summary = "Generalize named linalg ops and fuse elementwise ones, in the order "
                        "the GPU dot backend needs (library: convolutions as img2col + matmul)",
             .anchor = "builtin.module", .numOptions = 1, .options = fuseElementwiseOptions},
    .run = runFuseElementwise,
    .dependentDialects = createdDialects,
};
