/* GpuGeneric.c: reading a linalg.generic on buffers and re-emitting its body inside a
 * kernel (Gpu.h), shared by the GPU passes that build their own kernels from linalg. */
#include "Conversion/Gpu.h"

#include "mlir-c/AffineExpr.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

#include <string.h>

typedef struct Text {
  char *buf;
  size_t len, size;
  bool truncated;
} Text;

static void appendText(MlirStringRef piece, void *userData) {
  Text *t = userData;
  for (size_t i = 0; i < piece.length; ++i) {
    if (t->len + 1 < t->size)
      t->buf[t->len++] = piece.data[i];
    else
      t->truncated = true;
  }
  t->buf[t->len] = 0;
}

bool dlcAttributeText(MlirAttribute attr, char *buf, size_t size) {
  Text t = {buf, 0, size, false};
  buf[0] = 0;
  mlirAttributePrint(attr, appendText, &t);
  return !t.truncated;
}

/* #linalg.iterator_type<reduction>: the C API has no accessor for linalg's enum. */
static bool isReductionIterator(MlirAttribute iterator) {
  char text[64];
  dlcAttributeText(iterator, text, sizeof text);
  return strstr(text, "reduction") != NULL;
}

/* The static extent of loop `d`: the size of an operand dimension indexed by it alone. */
static bool loopExtent(const DlcGeneric *g, intptr_t d, int64_t *extent) {
  for (intptr_t i = 0; i <= g->numInputs; ++i) {
    MlirType type = mlirValueGetType(g->operands[i]);
    if (!mlirTypeIsAMemRef(type))
      continue;
    for (intptr_t j = 0; j < mlirAffineMapGetNumResults(g->maps[i]); ++j) {
      MlirAffineExpr e = mlirAffineMapGetResult(g->maps[i], j);
      if (mlirAffineExprIsADim(e) && mlirAffineDimExprGetPosition(e) == d &&
          !mlirShapedTypeIsDynamicDim(type, j)) {
        *extent = mlirShapedTypeGetDimSize(type, j);
        return true;
      }
    }
  }
  return false;
}

bool dlcReadGeneric(MlirOperation op, DlcGeneric *g) {
  memset(g, 0, sizeof *g);
  g->op = op;
  intptr_t numOperands = mlirOperationGetNumOperands(op);
  MlirAttribute maps = mlirOperationGetAttributeByName(op, dlcStr("indexing_maps"));
  MlirAttribute iterators = mlirOperationGetAttributeByName(op, dlcStr("iterator_types"));
  if (!dlcOpIsA(op, "linalg.generic") || mlirOperationGetNumResults(op) != 0 ||
      numOperands < 1 || numOperands > DlcGpuMaxOperands || mlirAttributeIsNull(maps) ||
      mlirArrayAttrGetNumElements(maps) != numOperands)
    return false;
  g->numLoops = mlirArrayAttrGetNumElements(iterators);
  g->numInputs = numOperands - 1;
  if (g->numLoops < 1 || g->numLoops > DlcGpuMaxLoops ||
      !mlirTypeIsAMemRef(mlirValueGetType(mlirOperationGetOperand(op, numOperands - 1))))
    return false;
  for (intptr_t d = 0; d < g->numLoops; ++d)
    g->reduction[d] = isReductionIterator(mlirArrayAttrGetElement(iterators, d));
  for (intptr_t i = 0; i < numOperands; ++i) {
    g->operands[i] = mlirOperationGetOperand(op, i);
    g->maps[i] = mlirAffineMapAttrGetValue(mlirArrayAttrGetElement(maps, i));
    for (intptr_t j = 0; j < mlirAffineMapGetNumResults(g->maps[i]); ++j) {
      MlirAffineExpr e = mlirAffineMapGetResult(g->maps[i], j);
      if (!mlirAffineExprIsADim(e) && !mlirAffineExprIsAConstant(e))
        return false;
    }
  }
  for (intptr_t d = 0; d < g->numLoops; ++d)
    if (!loopExtent(g, d, &g->extents[d]))
      return false;
  g->body = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, 0));
  return true;
}

bool dlcMapUsesLoop(MlirAffineMap map, intptr_t loop) {
  for (intptr_t j = 0; j < mlirAffineMapGetNumResults(map); ++j) {
    MlirAffineExpr e = mlirAffineMapGetResult(map, j);
    if (mlirAffineExprIsADim(e) && mlirAffineDimExprGetPosition(e) == loop)
      return true;
  }
  return false;
}

/* `operands[1..]` = the indices of operand `i` at loop indices `ivs`; returns how many. */
static intptr_t indicesOf(DlcBuilder *b, const DlcGeneric *g, intptr_t i, const MlirValue *ivs,
                          MlirValue *operands) {
  intptr_t n = mlirAffineMapGetNumResults(g->maps[i]);
  for (intptr_t j = 0; j < n; ++j) {
    MlirAffineExpr e = mlirAffineMapGetResult(g->maps[i], j);
    operands[1 + j] = mlirAffineExprIsADim(e)
                          ? ivs[mlirAffineDimExprGetPosition(e)]
                          : dlcConstIndex(b, mlirAffineConstantExprGetValue(e));
  }
  return n;
}

MlirValue dlcLoadOperand(DlcBuilder *b, const DlcGeneric *g, intptr_t i, const MlirValue *ivs) {
  MlirType type = mlirValueGetType(g->operands[i]);
  if (!mlirTypeIsAMemRef(type))
    return g->operands[i];
  MlirValue operands[1 + DlcGpuMaxLoops] = {g->operands[i]};
  intptr_t n = indicesOf(b, g, i, ivs, operands);
  return dlcBuild(b, "memref.load", mlirShapedTypeGetElementType(type), 1 + n, operands, 0,
                  NULL);
}

void dlcStoreOutput(DlcBuilder *b, const DlcGeneric *g, MlirValue value, const MlirValue *ivs) {
  MlirValue operands[2 + DlcGpuMaxLoops] = {value, g->operands[g->numInputs]};
  intptr_t n = indicesOf(b, g, g->numInputs, ivs, operands + 1);
  dlcBuildRegionOp(b, "memref.store", 0, NULL, 2 + n, operands, 0, NULL, 0, -1, NULL, NULL);
}

MlirValue dlcInlineBody(MlirRewriterBase rewriter, const DlcGeneric *g, const MlirValue *inputs,
                        MlirValue acc, const MlirValue *ivs, MlirOperation anchor) {
  for (intptr_t i = 0; i < g->numInputs; ++i)
    mlirValueReplaceAllUsesOfWith(mlirBlockGetArgument(g->body, i), inputs[i]);
  mlirValueReplaceAllUsesOfWith(mlirBlockGetArgument(g->body, g->numInputs), acc);
  for (MlirOperation op = mlirBlockGetFirstOperation(g->body), next; !mlirOperationIsNull(op);
       op = next) {
    next = mlirOperationGetNextInBlock(op);
    if (!dlcOpIsA(op, "linalg.index"))
      continue;
    MlirAttribute dim = mlirOperationGetAttributeByName(op, dlcStr("dim"));
    mlirValueReplaceAllUsesOfWith(mlirOperationGetResult(op, 0),
                                  ivs[mlirIntegerAttrGetValueInt(dim)]);
    mlirOperationDestroy(op);
  }
  MlirValue yielded = mlirOperationGetOperand(mlirBlockGetTerminator(g->body), 0);
  dlcMoveBlockOps(rewriter, g->body, anchor);
  return yielded;
}

bool dlcIsMemRefView(MlirOperation op) {
  static const char *const views[] = {"memref.subview", "memref.expand_shape",
                                      "memref.collapse_shape", "memref.cast",
                                      "memref.reinterpret_cast", "memref.transpose", NULL};
  for (const char *const *name = views; *name; ++name)
    if (dlcOpIsA(op, *name))
      return true;
  return false;
}

MlirValue dlcRootBuffer(MlirValue v) {
  while (mlirValueIsAOpResult(v) && dlcIsMemRefView(mlirOpResultGetOwner(v)))
    v = mlirOperationGetOperand(mlirOpResultGetOwner(v), 0);
  return v;
}

bool dlcIsInertHostOp(MlirOperation op) {
  return dlcOpIsA(op, "memref.alloc") || dlcOpIsA(op, "arith.constant") || dlcIsMemRefView(op);
}
