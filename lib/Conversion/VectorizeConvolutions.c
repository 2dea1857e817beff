/* VectorizeConvolutions.c: `dlc-vectorize-convolutions` schedules 2-d convolutions for the
 * CPU on tensors, before bufferization: upstream decomposes a convolution into 1-d ones and
 * vectorizes those only on tensors (its buffer form is not implemented in MLIR 22).
 *
 * Schedule of a linalg.conv_2d_nhwc_hwcf (loops n, oh, ow, f, kh, kw, c): n and oh tiled by
 * 1 in an scf.forall (independent output rows, for dlc-parallelize); ow, f and c tiled by
 * the largest divisors of their sizes up to `block` (rows x columns of the accumulator, as
 * dlc-tile-and-vectorize's register block) and `c-step`, and kh by 1, in scf.for; kw is
 * whole. The tile is then a 1-d convolution (decompose), vectorized into one contraction
 * per kw, which dlc-tile-and-vectorize lowers on buffers to outer products and vector.fma
 * on rows of the accumulator: kw x c FMAs per output column of the tile. Tiles are full
 * (divisors), so nothing is masked. Other convolutions (strided or dilated, not all f32 or all
 * f64, grouped, 1-d, 3-d, other layouts) stay loops; a section that fails leaves its op alone (failures are suppressed). */
#include "Conversion/MatmulTiles.h"
#include "Conversion/TransformScript.h"
#include "Transforms/Canonicalize.h"
#include "Transforms/PassRegistry.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"

#include <stdio.h>
#include <stdlib.h>

typedef struct Schedule {
  int64_t rows, columns, cStep;
  int numOps;
  DlcScript script;
} Schedule;

/* The static shape of tensor operand `i` (rank 4, of f32 or f64), or false. Only those:
 * i1 vectors are packed bits in LLVM but bytes in buffers, and f16/bf16 (or mixed types,
 * bf16 products into f32) leave n-d vector casts the CPU pipeline's LLVM conversion does
 * not lower. */
static bool staticShape4(MlirOperation op, intptr_t i, int64_t dims[4]) {
  MlirType type = mlirValueGetType(mlirOperationGetOperand(op, i));
  if (!mlirTypeIsARankedTensor(type) || !mlirShapedTypeHasStaticShape(type) ||
      mlirShapedTypeGetRank(type) != 4)
    return false;
  MlirType element = mlirShapedTypeGetElementType(type);
  MlirType first = mlirShapedTypeGetElementType(mlirValueGetType(mlirOperationGetOperand(op, 0)));
  if (!(mlirTypeIsAF32(element) || mlirTypeIsAF64(element)) || !mlirTypeEqual(element, first))
    return false;
  for (intptr_t d = 0; d < 4; ++d)
    dims[d] = mlirShapedTypeGetDimSize(type, d);
  return true;
}

/* Unit strides and dilations: strided tiles vectorize into n-d insert_strided_slice ops
 * that the CPU pipeline's LLVM conversion leaves unlowered in some modules. */
static bool unitWindow(MlirOperation op) {
  const char *names[] = {"strides", "dilations"};
  for (int i = 0; i < 2; ++i) {
    MlirAttribute a = mlirOperationGetAttributeByName(op, dlcStr(names[i]));
    if (mlirAttributeIsNull(a) || !mlirAttributeIsADenseIntElements(a))
      return false;
    for (intptr_t e = 0; e < mlirElementsAttrGetNumElements(a); ++e)
      if (mlirDenseElementsAttrGetInt64Value(a, e) != 1)
        return false;
  }
  return true;
}

static MlirWalkResult pickOps(MlirOperation op, void *userData) {
  Schedule *s = userData;
  int64_t input[4], filter[4], output[4];
  if (!dlcOpIsA(op, "linalg.conv_2d_nhwc_hwcf") || mlirOperationGetNumOperands(op) != 3 ||
      !staticShape4(op, 0, input) || !staticShape4(op, 1, filter) ||
      !staticShape4(op, 2, output) || !unitWindow(op) || output[2] == 0 || output[3] == 0 || filter[2] == 0)
    return MlirWalkResultAdvance;
  MlirContext ctx = mlirOperationGetContext(op);
  mlirOperationSetAttributeByName(op, dlcStr("dlc.conv"),
                                  mlirIntegerAttrGet(mlirIntegerTypeGet(ctx, 64), s->numOps));
  int64_t tiles[7] = {0, 0, dlcLargestDivisorAtMost(output[2], s->rows),
                      dlcLargestDivisorAtMost(output[3], s->columns), 1, 0,
                      dlcLargestDivisorAtMost(filter[2], s->cStep)};
  DlcScript *t = &s->script;
  dlcScriptf(t,
             "    transform.sequence %%root : !transform.any_op failures(suppress) {\n"
             "    ^bb0(%%r: !transform.any_op):\n"
             "      %%c = transform.structured.match attributes{dlc.conv = %d} in %%r "
             ": (!transform.any_op) -> !transform.any_op\n"
             "      %%p, %%forall = transform.structured.tile_using_forall %%c tile_sizes "
             "[1, 1] : (!transform.any_op) -> (!transform.any_op, !transform.any_op)\n"
             "      %%t, %%loops:4 = transform.structured.tile_using_for %%p tile_sizes ",
             s->numOps);
  dlcScriptSizes(t, tiles, 7);
  dlcScriptf(t, " : (!transform.any_op) -> (!transform.any_op, !transform.any_op, "
                "!transform.any_op, !transform.any_op, !transform.any_op)\n"
                "      %%d = transform.structured.decompose %%t "
                ": (!transform.any_op) -> !transform.any_op\n"
                "      transform.structured.vectorize %%d : !transform.any_op\n"
                "    }\n");
  ++s->numOps;
  return MlirWalkResultSkip;
}

/* The vector ops are lowered with the matmuls' on buffers (dlc-tile-and-vectorize's
 * lowering section): n-d transfers of tensors do not lower before bufferization. */
static const char closing[] = "    transform.yield\n  }\n}\n";

static MlirWalkResult untag(MlirOperation op, void *userData) {
  (void)userData;
  mlirOperationRemoveAttributeByName(op, dlcStr("dlc.conv"));
  return MlirWalkResultAdvance;
}

enum { OptBlock, OptCStep, OptPrintScript };

static void runVectorizeConvolutions(MlirOperation root, MlirExternalPass pass,
                                     const DlcPassOptionValue *options) {
  Schedule s = {.cStep = options[OptCStep].i};
  int64_t block[2];
  if (!dlcParseRegisterBlock(options[OptBlock].s, block) || s.cStep <= 0) {
    mlirEmitError(mlirOperationGetLocation(root),
                  "dlc-vectorize-convolutions: block must be MxN or host and c-step positive");
    mlirExternalPassSignalFailure(pass);
    return;
  }
  s.rows = block[0];
  s.columns = block[1];
  dlcScriptf(&s.script, "module attributes {transform.with_named_sequence} {\n"
                        "  transform.named_sequence @__transform_main("
                        "%%root: !transform.any_op {transform.readonly}) {\n");
  mlirOperationWalk(root, pickOps, &s, MlirWalkPreOrder);
  dlcScriptf(&s.script, "%s", closing);
  if (options[OptPrintScript].b)
    fprintf(stderr, "%s", s.script.data);
  MlirLogicalResult result =
      s.numOps ? dlcScriptApply(root, dlcScriptText(&s.script), "dlc-vectorize-convolutions")
               : mlirLogicalResultSuccess();
  free(s.script.data);
  mlirOperationWalk(root, untag, NULL, MlirWalkPreOrder);
  dlcPassCheck(pass, result);
}

static const DlcPassOptionInfo vectorizeConvolutionsOptions[] = {
    {"block", DlcPassOptionString, DLC_MATMUL_REGISTER_BLOCK,
     "accumulator block: output columns (ow) x output features (f), each shrunk to a "
     "divisor, or host (as dlc-tile-and-vectorize's register-block)"},
    {"c-step", DlcPassOptionInt, "16", "input features per step (shrunk to a divisor)"},
    {"print-script", DlcPassOptionBool, "false", "print the transform script to stderr"},
};

const DlcPassDef dlcVectorizeConvolutionsPass = {
    .info = {.argument = "dlc-vectorize-convolutions",
             .summary = "Tile, decompose and vectorize NHWC/HWCF 2-d convolutions on tensors "
                        "(scf.forall over output rows) with a transform-dialect script",
             .anchor = "builtin.module",
             .numOptions =
                 sizeof vectorizeConvolutionsOptions / sizeof vectorizeConvolutionsOptions[0],
             .options = vectorizeConvolutionsOptions},
    .run = runVectorizeConvolutions,
    .dependentDialects = dlcScriptDialects,
};
