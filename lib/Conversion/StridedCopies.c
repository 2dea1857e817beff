/* StridedCopies.c: `dlc-strided-copy-to-linalg` rewrites each memref.copy whose source or
 * target has a non-identity layout (a strided view: a padded interior, a strided slice) into
 * linalg.copy, which convert-linalg-to-loops turns into loops. finalize-memref-to-llvm would
 * lower such a copy to a call of `memrefCopy` from MLIR's C runner utils, a library neither
 * the JIT nor an object file links. Copies between identity layouts stay (one memcpy). */
#include "Transforms/Layouts.h"

#include "mlir-c/AffineMap.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Dialect/Linalg.h"

#include <stdlib.h>

typedef struct Copies {
  MlirOperation *ops;
  size_t count, capacity;
} Copies;

static bool isStrided(MlirValue value) {
  MlirType type = mlirValueGetType(value);
  return mlirTypeIsAMemRef(type) && !mlirAffineMapIsIdentity(mlirMemRefTypeGetAffineMap(type));
}

static MlirWalkResult collectCopies(MlirOperation op, void *userData) {
  Copies *copies = userData;
  if (mlirStringRefEqual(mlirIdentifierStr(mlirOperationGetName(op)), dlcStr("memref.copy")) &&
      (isStrided(mlirOperationGetOperand(op, 0)) || isStrided(mlirOperationGetOperand(op, 1)))) {
    copies->ops = dlcGrow(copies->ops, &copies->capacity, copies->count + 1, sizeof *copies->ops);
    copies->ops[copies->count++] = op;
  }
  return MlirWalkResultAdvance;
}

static void runStridedCopies(MlirOperation root, MlirExternalPass pass,
                             const DlcPassOptionValue *options) {
  Copies copies = {NULL, 0, 0};
  mlirOperationWalk(root, collectCopies, &copies, MlirWalkPostOrder);
  MlirContext ctx = mlirOperationGetContext(root);
  int32_t segments[] = {1, 1};
  MlirIdentifier name = mlirIdentifierGet(ctx, dlcStr("operandSegmentSizes"));
  MlirNamedAttribute attr = mlirNamedAttributeGet(name, mlirDenseI32ArrayGet(ctx, 2, segments));
  for (size_t i = 0; i < copies.count; ++i) {
    MlirOperation copy = copies.ops[i];
    MlirValue operands[] = {mlirOperationGetOperand(copy, 0), mlirOperationGetOperand(copy, 1)};
    MlirOperationState state =
        mlirOperationStateGet(dlcStr("linalg.copy"), mlirOperationGetLocation(copy));
    MlirRegion region = mlirRegionCreate();
    mlirOperationStateAddOperands(&state, 2, operands);
    mlirOperationStateAddAttributes(&state, 1, &attr);
    mlirOperationStateAddOwnedRegions(&state, 1, &region);
    MlirOperation linalgCopy = mlirOperationCreate(&state);
    mlirLinalgFillBuiltinNamedOpRegion(linalgCopy);
    mlirBlockInsertOwnedOperationBefore(mlirOperationGetBlock(copy), copy, linalgCopy);
    mlirOperationDestroy(copy);
  }
  free(copies.ops);
}

static MlirDialectHandle (*const linalgDialect[])(void) = {mlirGetDialectHandle__linalg__, NULL};

const DlcPassDef dlcStridedCopyToLinalgPass = {
    .info = {.argument = "dlc-strided-copy-to-linalg",
             .summary = "Rewrite memref.copy of strided views as linalg.copy (loops, no runtime "
                        "call)",
             .anchor = "", .numOptions = 0, .options = NULL},
    .run = runStridedCopies,
    .dependentDialects = linalgDialect,
};
