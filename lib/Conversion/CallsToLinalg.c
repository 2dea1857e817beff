/* CallsToLinalg.c: lowerings of the ops that call out. A fusion is inlined: its fused
 * computation is cloned at the call site and its dhlo ops are lowered in turn, leaving no
 * func.call behind (linalg's elementwise fusion makes the fused loop nest later).
 * custom_call and the collectives have no CPU lowering: their patterns only say why. */
#include "Conversion/Lowering.h"

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
  if (!dlcInlineComputation(&lw->b, callee, false, args, results, numResults))
    return dlcLowerFail(lw, "the fused computation is not one block ending in func.return");
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
