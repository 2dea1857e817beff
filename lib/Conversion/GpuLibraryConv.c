/* GpuLibraryConv.c: convolutions for the GPU's `library` dot backend, on tensors (called by
 * dlc-gpu-fuse-elementwise between elementwise fusion and generalization). Each NHWC/HWCF
 * 2-d convolution becomes an image-to-columns copy and a contraction (upstream's
 * convert_conv2d_to_img2col): [n, oh*ow, kh*kw*c] x [kh*kw*c, f], one matrix B for every
 * batch item, which dlc-gpu-library-dot gives cuBLASLt; the copy is a kernel. Then the
 * shapes are made to suit that pass: the output's zero fill moves right before the
 * contraction (cuBLASLt then writes C with beta = 0), and the epilogue after the
 * product's expand_shape to [n, oh, ow, f] runs on [n, oh*ow, f] instead, with the
 * expand_shape after it (the epilogue then is C's shape: cuBLASLt's epilogue). A
 * convolution the transform refuses stays one (codegen).
 * Ownership: created ops belong to the module; replaced ones are erased. */
#include "Conversion/Gpu.h"
#include "Conversion/TransformScript.h"

#include "mlir-c/AffineExpr.h"
#include "mlir-c/AffineMap.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

#include <stdlib.h>

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

/* ---- The epilogue on the product's shape ------------------------------------------------ */

/* The one user of `v`, or a null op. */
static MlirOperation onlyUser(MlirValue v) {
  MlirOpOperand use = mlirValueGetFirstUse(v);
  if (mlirOpOperandIsNull(use) || !mlirOpOperandIsNull(mlirOpOperandGetNextUse(use)))
    return (MlirOperation){NULL};
  return mlirOpOperandGetOwner(use);
}

/* `type` ([n, oh, ow, f] of any element type) with oh and ow as one dimension. */
static MlirType collapsedType(MlirType type) {
  int64_t shape[3] = {mlirShapedTypeGetDimSize(type, 0),
                      mlirShapedTypeGetDimSize(type, 1) * mlirShapedTypeGetDimSize(type, 2),
                      mlirShapedTypeGetDimSize(type, 3)};
  return mlirRankedTensorTypeGet(3, shape, mlirShapedTypeGetElementType(type),
                                 mlirAttributeGetNull());
}

/* Creates `name` before `anchor` with the given operands, one result and attributes. */
static MlirOperation createBefore(MlirOperation anchor, const char *name, intptr_t numOperands,
                                  const MlirValue *operands, MlirType result,
                                  intptr_t numAttributes, const MlirNamedAttribute *attributes) {
  MlirOperationState state = mlirOperationStateGet(dlcStr(name), mlirOperationGetLocation(anchor));
  mlirOperationStateAddOperands(&state, numOperands, operands);
  mlirOperationStateAddResults(&state, 1, &result);
  mlirOperationStateAddAttributes(&state, numAttributes, attributes);
  MlirOperation op = mlirOperationCreate(&state);
  mlirBlockInsertOwnedOperationBefore(mlirOperationGetBlock(anchor), anchor, op);
  return op;
}

/* `v` ([n, oh, ow, f]) as [n, oh*ow, f], before `anchor`: a tensor.empty of that shape
 * where `v` is one, else a collapse_shape with the product's `reassociation`. */
static MlirValue collapse(MlirOperation anchor, MlirValue v, MlirNamedAttribute reassociation) {
  MlirType type = collapsedType(mlirValueGetType(v));
  bool empty = mlirValueIsAOpResult(v) && dlcOpIsA(mlirOpResultGetOwner(v), "tensor.empty");
  MlirOperation op = empty ? createBefore(anchor, "tensor.empty", 0, NULL, type, 0, NULL)
                           : createBefore(anchor, "tensor.collapse_shape", 1, &v, type, 1,
                                          &reassociation);
  return mlirOperationGetResult(op, 0);
}

/* `map` over (n, oh, ow, f) as a map over (n, oh*ow, f); false when it reads oh or ow
 * apart (only identity maps do, and those operands are collapsed instead). */
static bool collapsedMap(MlirContext ctx, MlirAffineMap map, MlirAffineMap *out) {
  intptr_t n = mlirAffineMapGetNumResults(map);
  MlirAffineExpr exprs[8];
  if (n > 8)
    return false;
  for (intptr_t r = 0; r < n; ++r) {
    MlirAffineExpr e = mlirAffineMapGetResult(map, r);
    if (!mlirAffineExprIsADim(e)) {
      if (!mlirAffineExprIsAConstant(e))
        return false;
      exprs[r] = e;
      continue;
    }
    intptr_t d = mlirAffineDimExprGetPosition(e);
    if (d == 1 || d == 2)
      return false;
    exprs[r] = mlirAffineDimExprGet(ctx, d == 0 ? 0 : 2);
  }
  *out = mlirAffineMapGet(ctx, 3, 0, n, exprs);
  return true;
}

/* If `expand` is a product's [[0], [1, 2], [3]] expand_shape whose one user is an
 * all-parallel generic over its shape (the epilogue), runs that generic on the product's
 * shape and expands its result instead. */
static void collapseEpilogue(MlirOperation expand, MlirAttribute productReassociation) {
  MlirNamedAttribute reassociation = {mlirIdentifierGet(mlirOperationGetContext(expand),
                                                        dlcStr("reassociation")),
                                      mlirOperationGetAttributeByName(expand,
                                                                      dlcStr("reassociation"))};
  MlirValue expanded = mlirOperationGetResult(expand, 0);
  MlirOperation g = onlyUser(expanded);
  if (mlirAttributeIsNull(reassociation.attribute) ||
      !mlirAttributeEqual(reassociation.attribute, productReassociation) ||
      mlirOperationIsNull(g) || !dlcOpIsA(g, "linalg.generic") ||
      mlirOperationGetNumResults(g) != 1 || dlcContainsOp(g, "linalg.index"))
    return;
  MlirContext ctx = mlirOperationGetContext(g);
  MlirAttribute maps = mlirOperationGetAttributeByName(g, dlcStr("indexing_maps"));
  MlirAttribute iterators = mlirOperationGetAttributeByName(g, dlcStr("iterator_types"));
  MlirAttribute parallel = mlirAttributeParseGet(ctx, dlcStr("#linalg.iterator_type<parallel>"));
  intptr_t numOperands = mlirOperationGetNumOperands(g);
  intptr_t numExpandAttributes = mlirOperationGetNumAttributes(expand);
  if (mlirArrayAttrGetNumElements(iterators) != 4 || numOperands < 2 || numOperands > 16 ||
      mlirArrayAttrGetNumElements(maps) != numOperands || numExpandAttributes > 4)
    return;
  for (intptr_t d = 0; d < 4; ++d)
    if (!mlirAttributeEqual(mlirArrayAttrGetElement(iterators, d), parallel))
      return;
  /* New operands and maps; operands of [n, oh, ow, f] read in order are collapsed. */
  MlirAffineMap identity = mlirAffineMapMultiDimIdentityGet(ctx, 3);
  MlirValue operands[16];
  MlirAttribute newMaps[16];
  bool collapseOperand[16];
  for (intptr_t i = 0; i < numOperands; ++i) {
    MlirValue v = mlirOperationGetOperand(g, i);
    MlirAffineMap map = mlirAffineMapAttrGetValue(mlirArrayAttrGetElement(maps, i));
    MlirAffineMap remapped = identity;
    bool inOrder = mlirAffineMapIsIdentity(map) &&
                   mlirShapedTypeGetRank(mlirValueGetType(v)) == 4;
    collapseOperand[i] = inOrder && !mlirValueEqual(v, expanded);
    if (!inOrder && (mlirValueEqual(v, expanded) || !collapsedMap(ctx, map, &remapped)))
      return;
    operands[i] = v;
    newMaps[i] = mlirAffineMapAttrGet(remapped);
  }
  if (!collapseOperand[numOperands - 1])
    return; /* the output is written in order */
  for (intptr_t i = 0; i < numOperands; ++i)
    operands[i] = mlirValueEqual(operands[i], expanded) ? mlirOperationGetOperand(expand, 0)
                  : collapseOperand[i] ? collapse(g, operands[i], reassociation)
                                       : operands[i];
  MlirAttribute threeParallel[] = {parallel, parallel, parallel};
  int32_t segments[] = {(int32_t)numOperands - 1, 1};
  MlirNamedAttribute attributes[] = {
      {mlirIdentifierGet(ctx, dlcStr("indexing_maps")),
       mlirArrayAttrGet(ctx, numOperands, newMaps)},
      {mlirIdentifierGet(ctx, dlcStr("iterator_types")), mlirArrayAttrGet(ctx, 3, threeParallel)},
      {mlirIdentifierGet(ctx, dlcStr("operandSegmentSizes")),
       mlirDenseI32ArrayGet(ctx, 2, segments)},
  };
  MlirValue result = mlirOperationGetResult(g, 0);
  MlirType resultType = mlirValueGetType(result);
  MlirOperationState state =
      mlirOperationStateGet(dlcStr("linalg.generic"), mlirOperationGetLocation(g));
  mlirOperationStateAddOperands(&state, numOperands, operands);
  MlirType collapsed = collapsedType(resultType);
  mlirOperationStateAddResults(&state, 1, &collapsed);
  mlirOperationStateAddAttributes(&state, sizeof attributes / sizeof *attributes, attributes);
  MlirRegion body = mlirRegionCreate();
  mlirOperationStateAddOwnedRegions(&state, 1, &body);
  MlirOperation flat = mlirOperationCreate(&state);
  mlirBlockInsertOwnedOperationBefore(mlirOperationGetBlock(g), g, flat);
  mlirRegionTakeBody(mlirOperationGetRegion(flat, 0), mlirOperationGetRegion(g, 0));
  /* The expand_shape after it: the product's, retyped to the epilogue's element type. */
  MlirValue flatResult = mlirOperationGetResult(flat, 0);
  MlirNamedAttribute expandAttributes[4];
  for (intptr_t i = 0; i < numExpandAttributes; ++i)
    expandAttributes[i] = mlirOperationGetAttribute(expand, i);
  MlirOperation again = createBefore(g, "tensor.expand_shape", 1, &flatResult, resultType,
                                     numExpandAttributes, expandAttributes);
  mlirValueReplaceAllUsesOfWith(result, mlirOperationGetResult(again, 0));
  mlirOperationDestroy(g);
  mlirOperationDestroy(expand);
}

MlirLogicalResult dlcGpuConvolutionsToColumns(MlirOperation module) {
  if (!dlcContainsOp(module, "linalg.conv_2d_nhwc_hwcf"))
    return mlirLogicalResultSuccess();
  if (mlirLogicalResultIsFailure(
          dlcScriptApply(module, dlcStr(img2colScript), "dlc-gpu-fuse-elementwise")))
    return mlirLogicalResultFailure();
  mlirOperationWalk(module, moveFillToUser, NULL, MlirWalkPostOrder);
  static const char *const expandShape[] = {"tensor.expand_shape", NULL};
  DlcOps expands = {NULL, 0, 0};
  dlcCollectHostOps(module, expandShape, false, &expands);
  MlirAttribute productReassociation = mlirAttributeParseGet(
      mlirOperationGetContext(module), dlcStr("[[0], [1, 2], [3]]"));
  for (size_t i = 0; i < expands.count; ++i)
    collapseEpilogue(expands.ops[i], productReassociation);
  free(expands.ops);
  return mlirLogicalResultSuccess();
}
