/* CallsToLinalg.c: lowerings of the ops that call out. A fusion is inlined: its fused
 * computation is cloned at the call site and its dhlo ops are lowered in turn, leaving no
 * func.call behind (linalg's elementwise fusion makes the fused loop nest later).
 * custom_call and the collectives have no CPU lowering: their patterns only say why.
 *
 * The fusion boundary survives in locations: each inlined op's location becomes
 * `loc(fused<{dlc.fusion = distinct[N]<>}>[its location])`, and lowerings give the ops
 * they build the location of the op they lower. A discardable attribute would not do:
 * linalg-generalize-named-ops and linalg-fuse-elementwise-ops build new ops without them,
 * while the fused op keeps its consumer's location and bufferization keeps locations.
 * Nothing but the GPU kernel fusion (GpuFuseKernels.c) reads the tag; diagnostics look
 * through fused locations to the file position. */
#include "Conversion/Lowering.h"

#include "mlir-c/BuiltinAttributes.h"

static const char fusionKey[] = "dlc.fusion";

/* The tag of `loc`: its own, or the one every location it fuses has (linalg's elementwise
 * fusion may fuse the producer's and the consumer's locations); null if none or several. */
static MlirAttribute fusionOfLocation(MlirLocation loc) {
  MlirAttribute none = {NULL};
  if (!mlirLocationIsAFused(loc))
    return none;
  MlirAttribute metadata = mlirLocationFusedGetMetadata(loc);
  if (!mlirAttributeIsNull(metadata) && mlirAttributeIsADictionary(metadata)) {
    MlirAttribute id = mlirDictionaryAttrGetElementByName(metadata, dlcStr(fusionKey));
    if (!mlirAttributeIsNull(id))
      return id;
  }
  intptr_t n = mlirLocationFusedGetNumLocations(loc);
  MlirLocation parts[16];
  if (n < 1 || n > 16)
    return none;
  mlirLocationFusedGetLocations(loc, parts);
  MlirAttribute id = fusionOfLocation(parts[0]);
  for (intptr_t i = 1; i < n && !mlirAttributeIsNull(id); ++i)
    if (!mlirAttributeEqual(fusionOfLocation(parts[i]), id))
      return none;
  return id;
}

MlirAttribute dlcFusionOf(MlirOperation op) {
  return fusionOfLocation(mlirOperationGetLocation(op));
}

/* Tags the ops after `before` (from the block's start if null) up to `end` with a new id:
 * a distinct attribute, unique however many fusions and pass runs there are. */
static void tagFusion(MlirContext ctx, MlirBlock block, MlirOperation before, MlirOperation end) {
  MlirAttribute id = mlirAttributeParseGet(ctx, dlcStr("distinct[0]<unit>"));
  MlirNamedAttribute entry = {mlirIdentifierGet(ctx, dlcStr(fusionKey)), id};
  MlirAttribute metadata = mlirDictionaryAttrGet(ctx, 1, &entry);
  for (MlirOperation op = mlirOperationIsNull(before) ? mlirBlockGetFirstOperation(block)
                                                      : mlirOperationGetNextInBlock(before);
       !mlirOperationEqual(op, end); op = mlirOperationGetNextInBlock(op)) {
    MlirLocation loc = mlirOperationGetLocation(op);
    mlirOperationSetLocation(op, mlirLocationFusedGet(ctx, 1, &loc, metadata));
  }
}

/* The op before `op` in its block, null if it is the first (the C API has no accessor). */
static MlirOperation prevInBlock(MlirOperation op) {
  MlirOperation prev = {NULL};
  for (MlirOperation o = mlirBlockGetFirstOperation(mlirOperationGetBlock(op));
       !mlirOperationEqual(o, op); o = mlirOperationGetNextInBlock(o))
    prev = o;
  return prev;
}

static MlirLogicalResult lowerFusion(DlcLowering *lw, int code) {
  MlirOperation callee = dlcLowerCallee(lw, "calls");
  intptr_t numOperands = mlirOperationGetNumOperands(lw->op);
  intptr_t numResults = mlirOperationGetNumResults(lw->op);
  if (mlirOperationIsNull(callee))
    return dlcLowerFail(lw, "the computation named by 'calls' was not found");
  if (numOperands > DLC_MAX_ARRAY || numResults > DLC_MAX_ARRAY)
    return dlcLowerFail(lw, "too many operands or results");
  MlirValue args[DLC_MAX_ARRAY], results[DLC_MAX_ARRAY];
  for (intptr_t i = 0; i < numOperands; ++i)
    args[i] = mlirOperationGetOperand(lw->op, i);
  MlirOperation before = prevInBlock(lw->op);
  if (!dlcInlineComputation(&lw->b, callee, false, args, results, numResults))
    return dlcLowerFail(lw, "the fused computation is not one block ending in func.return");
  tagFusion(lw->b.ctx, mlirOperationGetBlock(lw->op), before, lw->op);
  mlirRewriterBaseReplaceOpWithValues(lw->b.rewriter, lw->op, numResults, results);
  return mlirLogicalResultSuccess();
}

static MlirLogicalResult unsupported(DlcLowering *lw, int code) {
  static const char *const reasons[] = {
      "custom calls have no CPU lowering",
      "collectives have no CPU lowering (one replica)",
  };
  return dlcLowerFail(lw, reasons[code]);
}

const DlcLoweringPattern dlcCallLowerings[] = {
    {"dhlo.fusion", lowerFusion, 0},
    {"dhlo.custom_call", unsupported, 0},
    {"dhlo.all_reduce", unsupported, 1},
    {"dhlo.all_gather", unsupported, 1},
    {NULL, NULL, 0},
};
