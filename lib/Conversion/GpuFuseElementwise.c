/* GpuFuseElementwise.c: `dlc-gpu-fuse-elementwise`, dlc-lower-to-gpu's step from named linalg
 * ops on tensors to fused generics, in the order its dot backend needs. For `codegen`,
 * named ops are generalized first, so that elementwise producers of a contraction fuse
 * into its kernel (dlc-gpu-tile-matmul inlines the body). For `library`, elementwise ops
 * fuse first, while contractions are still named ops that upstream fusion leaves alone:
 * each contraction stays a plain multiply-add that cuBLASLt can compute, and the
 * elementwise ops after it one epilogue generic (dlc-gpu-library-dot). Upstream's passes
 * do the work, run here because a pipeline's text cannot choose between orders.
 * For `library`, each NHWC/HWCF 2-d convolution also becomes an image-to-columns copy and
 * a contraction (upstream's convert_conv2d_to_img2col, between fusion and generalization):
 * [n, oh*ow, kh*kw*c] x [kh*kw*c, f], one matrix B for every batch item, which
 * dlc-gpu-library-dot gives cuBLASLt with the convolution's epilogue; the copy is a kernel.
 * A convolution the transform refuses stays one (codegen). */
#include "Conversion/Gpu.h"
#include "Conversion/TransformScript.h"
#include "Transforms/PassRegistry.h"

#include "mlir-c/Dialect/Linalg.h"
#include "mlir-c/Dialect/Tensor.h"
#include "mlir-c/Dialect/Transform.h"

/* One sequence per convolution, failures suppressed: a refused one is left as it was.
 * Canonicalization then folds the output's collapse_shape into its zero fill (and into
 * the fill's tensor.empty), so the fill writes the contraction's C itself. */
static const char img2colScript[] =
    "module attributes {transform.with_named_sequence} {\n"
    "  transform.named_sequence @__transform_main(%root: !transform.any_op "
    "{transform.readonly}) {\n"
    "    %convs = transform.structured.match ops{[\"linalg.conv_2d_nhwc_hwcf\"]} in %root "
    ": (!transform.any_op) -> !transform.any_op\n"
    "    transform.foreach %convs : !transform.any_op {\n"
    "    ^bb0(%conv: !transform.any_op):\n"
    "      transform.sequence %conv : !transform.any_op failures(suppress) {\n"
    "      ^bb1(%c: !transform.any_op):\n"
    "        %columns, %product = transform.structured.convert_conv2d_to_img2col %c "
    ": (!transform.any_op) -> (!transform.any_op, !transform.any_op)\n"
    "      }\n"
    "    }\n"
    "    %funcs = transform.structured.match ops{[\"func.func\"]} in %root "
    ": (!transform.any_op) -> !transform.any_op\n"
    "    transform.apply_patterns to %funcs {\n"
    "      transform.apply_patterns.canonicalization\n"
    "      transform.apply_patterns.tensor.fold_tensor_empty\n"
    "    } : !transform.any_op\n"
    "    transform.yield\n"
    "  }\n"
    "}\n";

/* A fill whose one user is a generic moves right before it: dlc-gpu-library-dot drops a
 * zero fill of C only when no op that writes memory comes between (the image-to-columns
 * copy was made between them). Its operands are defined before it, so they still
 * dominate. */
static MlirWalkResult moveFillToUser(MlirOperation op, void *userData) {
  if (!dlcOpIsA(op, "linalg.fill") || mlirOperationGetNumResults(op) != 1)
    return MlirWalkResultAdvance;
  MlirOpOperand use = mlirValueGetFirstUse(mlirOperationGetResult(op, 0));
  if (mlirOpOperandIsNull(use) || !mlirOpOperandIsNull(mlirOpOperandGetNextUse(use)))
    return MlirWalkResultAdvance;
  MlirOperation user = mlirOpOperandGetOwner(use);
  if (dlcOpIsA(user, "linalg.generic") &&
      mlirBlockEqual(mlirOperationGetBlock(user), mlirOperationGetBlock(op)))
    mlirOperationMoveBefore(op, user);
  return MlirWalkResultAdvance;
}

static MlirLogicalResult convolutionsToColumns(MlirOperation module) {
  if (!dlcContainsOp(module, "linalg.conv_2d_nhwc_hwcf"))
    return mlirLogicalResultSuccess();
  MlirLogicalResult result =
      dlcScriptApply(module, dlcStr(img2colScript), "dlc-gpu-fuse-elementwise");
  if (mlirLogicalResultIsSuccess(result))
    mlirOperationWalk(module, moveFillToUser, NULL, MlirWalkPostOrder);
  return result;
}

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
            (!library || mlirLogicalResultIsSuccess(convolutionsToColumns(module))) &&
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
