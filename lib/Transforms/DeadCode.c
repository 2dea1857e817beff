/* DeadCode.c: dead-code elimination for dhlo ops, and the `dhlo-dce` pass. */
#include "Transforms/PassRegistry.h"
#include "Transforms/Transforms.h"
#include "Dialects/OpRules.h"
#include "Support/Alloc.h"

#include <stdlib.h>

bool dlcIsPureDlcOp(MlirOperation op) {
  if (!dlcIsDlcOp(op))
    return false;
  const DlcOpRule *rule = dlcLookupOpRule(mlirIdentifierStr(mlirOperationGetName(op)));
  return rule && !(rule->traits & DLC_TRAIT_SIDE_EFFECTS);
}

typedef struct {
  MlirOperation *ops;
  size_t size, capacity;
} OpList;

static MlirWalkResult collectPure(MlirOperation op, void *userData) {
  OpList *list = userData;
  if (!dlcIsPureDlcOp(op))
    return MlirWalkResultAdvance;
  if (list->size == list->capacity) {
    list->capacity = list->capacity ? 2 * list->capacity : 64;
    list->ops = dlcRealloc(list->ops, list->capacity * sizeof *list->ops);
  }
  list->ops[list->size++] = op;
  return MlirWalkResultAdvance;
}

static bool isUnused(MlirOperation op) {
  for (intptr_t i = 0, n = mlirOperationGetNumResults(op); i < n; ++i)
    if (!mlirOpOperandIsNull(mlirValueGetFirstUse(mlirOperationGetResult(op, i))))
      return false;
  return true;
}

int dlcEraseDeadOps(MlirOperation root) {
  OpList list = {NULL, 0, 0};
  mlirOperationWalk(root, collectPure, &list, MlirWalkPreOrder);
  /* Pre-order lists producers before their users (SSA dominance), so visiting the list
   * backwards erases a whole dead chain in one sweep. */
  int erased = 0;
  for (size_t i = list.size; i-- > 0;) {
    if (isUnused(list.ops[i])) {
      mlirOperationDestroy(list.ops[i]);
      ++erased;
    }
  }
  free(list.ops);
  return erased;
}

static void runDeadCode(MlirOperation op, MlirExternalPass pass,
                        const DlcPassOptionValue *options) {
  dlcEraseDeadOps(op);
}

const DlcPassDef dlcDeadCodePass = {
    .info = {.argument = "dhlo-dce", .summary = "Erase unused side-effect-free dhlo/dtensor ops",
             .anchor = "", .numOptions = 0, .options = NULL},
    .run = runDeadCode,
};
